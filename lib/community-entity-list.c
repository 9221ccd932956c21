/* community-entity-list.c: the list model behind each kind of a dataset
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A GListStore keeps its items in a GSequence: a balanced tree with a 48-byte
 * node per item, and a walk to reach an item by position that its one-item
 * cache shortens only for sequential access. A dataset holds hundreds of
 * thousands of entities, which the rules read by position over and over
 * (doc/performance.md): this list keeps them in an array instead (8 bytes
 * an item, constant-time access). Only the dataset changes it.
 *
 * The loader makes the nested lists of records it reads (a consultation's
 * or a work item's history) with it too, read-only: a GListStore costs
 * thousands of instructions to build and as many again to free for a
 * history of three entries. community_record_append_item() replaces such
 * a list with a GListStore the first time it appends to it.
 */

#include "config.h"

#include "community-entity-list-private.h"

struct _CommunityEntityList
{
  GObject parent_instance;

  GType item_type;
  GPtrArray *items;   /* of CommunityEntity, owned */
};

static void community_entity_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CommunityEntityList, community_entity_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, community_entity_list_model_init))

static GType
get_item_type (GListModel *model)
{
  return COMMUNITY_ENTITY_LIST (model)->item_type;
}

static guint
get_n_items (GListModel *model)
{
  return COMMUNITY_ENTITY_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  CommunityEntityList *self = COMMUNITY_ENTITY_LIST (model);

  if (position >= self->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
community_entity_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
community_entity_list_finalize (GObject *object)
{
  CommunityEntityList *self = COMMUNITY_ENTITY_LIST (object);

  g_ptr_array_unref (self->items);

  G_OBJECT_CLASS (community_entity_list_parent_class)->finalize (object);
}

static void
community_entity_list_class_init (CommunityEntityListClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = community_entity_list_finalize;
}

static void
community_entity_list_init (CommunityEntityList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

CommunityEntityList *
community_entity_list_new (GType item_type)
{
  CommunityEntityList *self = g_object_new (COMMUNITY_TYPE_ENTITY_LIST, NULL);

  self->item_type = item_type;
  return self;
}

CommunityEntityList *
community_entity_list_new_take (GType      item_type,
                                GPtrArray *items)
{
  CommunityEntityList *self = community_entity_list_new (item_type);

  g_ptr_array_unref (self->items);
  self->items = items;
  return self;
}

/* Borrowed; NULL past the end. */
gpointer
community_entity_list_peek (CommunityEntityList *self,
                            guint                position)
{
  return position < self->items->len ? g_ptr_array_index (self->items, position) : NULL;
}

void
community_entity_list_append (CommunityEntityList *self,
                              gpointer             item)
{
  g_ptr_array_add (self->items, g_object_ref (item));
  g_list_model_items_changed (G_LIST_MODEL (self), self->items->len - 1, 0, 1);
}

gboolean
community_entity_list_find (CommunityEntityList *self,
                            gpointer             item,
                            guint               *position)
{
  return g_ptr_array_find (self->items, item, position);
}

void
community_entity_list_remove (CommunityEntityList *self,
                              guint                position)
{
  g_return_if_fail (position < self->items->len);

  g_ptr_array_remove_index (self->items, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
}

void
community_entity_list_replace_take (CommunityEntityList *self,
                                    GPtrArray           *items)
{
  guint n_old = self->items->len;
  guint n_new;

  if (items == NULL)
    items = g_ptr_array_new_with_free_func (g_object_unref);
  n_new = items->len;
  g_ptr_array_unref (self->items);
  self->items = items;
  if (n_old > 0 || n_new > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, n_new);
}
