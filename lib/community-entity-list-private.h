/* community-entity-list-private.h: the list model behind each kind of a
 * dataset (an array, not a GListStore's tree; see community-entity-list.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define COMMUNITY_TYPE_ENTITY_LIST (community_entity_list_get_type ())

G_DECLARE_FINAL_TYPE (CommunityEntityList, community_entity_list, COMMUNITY, ENTITY_LIST, GObject)

CommunityEntityList *community_entity_list_new    (GType                item_type);
/* Of @items (GObjects of @item_type, with g_object_unref() as their free
 * function), taken. */
CommunityEntityList *community_entity_list_new_take (GType             item_type,
                                                     GPtrArray        *items);
gpointer             community_entity_list_peek   (CommunityEntityList *self,
                                                   guint                position);
void                 community_entity_list_append (CommunityEntityList *self,
                                                   gpointer             item);
gboolean             community_entity_list_find   (CommunityEntityList *self,
                                                   gpointer             item,
                                                   guint               *position);
void                 community_entity_list_remove (CommunityEntityList *self,
                                                   guint                position);
/* Replaces every item with @items (nullable: none; as for _new_take(),
 * taken), in one items-changed. */
void                 community_entity_list_replace_take (CommunityEntityList *self,
                                                         GPtrArray           *items);

G_END_DECLS
