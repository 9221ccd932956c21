/* community-index.c: the dataset's entities grouped once per validation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-rule-private.h"
#include "community-entity-private.h"
#include "community-entity-list-private.h"
#include "community-finding-private.h"
#include "community-json-pointer-private.h"

/* Groups are made in two walks over their kind: each entity's group
 * counted, then the entities laid out in one array, each group a slice of
 * it. A province has 60,000 groups of 643,000 entities, where a GPtrArray
 * each, grown by doubling, and a copy of its code took twice the memory,
 * at the time of a validation's peak (doc/performance.md). */
struct _CommunityGroups
{
  GHashTable *by_code;      /* code (in @codes) -> CommunityGroup * */
  CommunityGroup *groups;
  gpointer *items;
  /* Copies: an index kept between validations (community-validation.c)
   * outlives a change of the field it was read from. */
  GStringChunk *codes;
};

static CommunityGroups *
groups_new (GListModel *model,
            const char *field)
{
  CommunityGroups *groups = g_new0 (CommunityGroups, 1);
  guint n_items = g_list_model_get_n_items (model);
  g_autofree guint *group_of = g_new (guint, MAX (n_items, 1));   /* 0: none */
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint n_grouped = 0, offset = 0;
  GHashTableIter iter;
  gpointer code, value;

  groups->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  groups->codes = g_string_chunk_new (4096);

  /* Counted: a group's number, from 1, stands for it. */
  for (guint i = 0; i < n_items; i++)
    {
      const CommunityFieldSlot *slot = community_record_peek_slot_by_name (community_rule_item (model, i), field);
      const char *key = slot != NULL ? slot->p : NULL;
      guint number;

      group_of[i] = 0;
      if (key == NULL)
        continue;
      number = GPOINTER_TO_UINT (g_hash_table_lookup (groups->by_code, key));
      if (number == 0)
        {
          guint zero = 0;

          g_array_append_val (counts, zero);
          number = counts->len;
          g_hash_table_insert (groups->by_code, g_string_chunk_insert (groups->codes, key),
                               GUINT_TO_POINTER (number));
        }
      g_array_index (counts, guint, number - 1)++;
      group_of[i] = number;
      n_grouped++;
    }

  groups->groups = g_new (CommunityGroup, MAX (counts->len, 1));
  groups->items = g_new (gpointer, MAX (n_grouped, 1));
  for (guint g = 0; g < counts->len; g++)
    {
      groups->groups[g].pdata = groups->items + offset;
      groups->groups[g].len = 0;
      offset += g_array_index (counts, guint, g);
    }
  g_hash_table_iter_init (&iter, groups->by_code);
  while (g_hash_table_iter_next (&iter, &code, &value))
    g_hash_table_iter_replace (&iter, &groups->groups[GPOINTER_TO_UINT (value) - 1]);

  /* Laid out, in dataset order. */
  for (guint i = 0; i < n_items; i++)
    if (group_of[i] != 0)
      {
        CommunityGroup *group = &groups->groups[group_of[i] - 1];

        group->pdata[group->len++] = community_rule_item (model, i);
      }
  return groups;
}

static void
groups_free (CommunityGroups *groups)
{
  g_hash_table_unref (groups->by_code);
  g_string_chunk_free (groups->codes);
  g_free (groups->groups);
  g_free (groups->items);
  g_free (groups);
}

gboolean
community_group_contains (const CommunityGroup *group,
                          gpointer              entity)
{
  for (guint i = 0; i < group->len; i++)
    if (group->pdata[i] == entity)
      return TRUE;
  return FALSE;
}

gpointer
community_rule_item (GListModel *model,
                     guint       position)
{
  /* Rules run on several threads (community-validator.c): set once. */
  static gsize entity_list_type;
  gpointer item;

  if (g_once_init_enter (&entity_list_type))
    g_once_init_leave (&entity_list_type, COMMUNITY_TYPE_ENTITY_LIST);
  if (G_OBJECT_TYPE (model) == (GType) entity_list_type)
    return community_entity_list_peek ((CommunityEntityList *) model, position);

  item = g_list_model_get_item (model, position);
  if (item != NULL)
    g_object_unref (item);   /* the model keeps its own reference */
  return item;
}

int
community_index_tier (CommunityDivision *division)
{
  int level = COMMUNITY_DIVISION_LEVEL_STREET;

  community_field_enum (division, "level", &level);
  return community_division_level_tier (level);
}

/* Adds @entity's code to @codes (borrowed) if it is a division or a
 * community and not there yet. The codes are compared as pointers: each is
 * its entity's own string, and a dataset holds one entity per code. */
static void
add_code_of (CommunityEntity *entity,
             GPtrArray       *codes)
{
  CommunityEntityKind kind = community_entity_get_kind (entity);
  const char *code = community_entity_get_identity (entity);

  if ((kind == COMMUNITY_ENTITY_KIND_DIVISION || kind == COMMUNITY_ENTITY_KIND_COMMUNITY) &&
      !g_ptr_array_find (codes, code, NULL))
    g_ptr_array_add (codes, (gpointer) code);
}

/* Adds the codes of @entity (nullable) and of the divisions above it to
 * @codes, each once, at most eight steps up (a cycle of parents, which
 * the hierarchy rules report, ends there; see
 * community_dataset_get_ancestor()). */
static void
add_divisions_of (CommunityDataset *dataset,
                  CommunityEntity  *entity,
                  GPtrArray        *codes)
{
  for (guint step = 0; entity != NULL && step < 8; step++)
    {
      add_code_of (entity, codes);
      entity = community_dataset_get_parent (dataset, entity);
    }
}

/* The block of @entity's codes and those above it, new. */
static char **
divisions_block (CommunityDataset *dataset,
                 CommunityEntity  *entity)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_sized_new (8);

  add_divisions_of (dataset, entity, codes);
  return community_finding_divisions_new ((const char * const *) codes->pdata, codes->len);
}

char **
community_index_divisions (CommunityIndex  *index,
                           CommunityEntity *entity)
{
  CommunityEntityKind kind = community_entity_get_kind (entity);
  g_autoptr(GPtrArray) codes = NULL;
  const char * const *communities;

  if (kind != COMMUNITY_ENTITY_KIND_WORK_ITEM)
    {
      CommunityEntity *key = entity;
      char **divisions;

      if (kind != COMMUNITY_ENTITY_KIND_DIVISION && kind != COMMUNITY_ENTITY_KIND_COMMUNITY)
        key = community_dataset_get_parent (index->dataset, entity);
      divisions = key != NULL ? g_hash_table_lookup (index->divisions, key) : NULL;
      if (divisions != NULL)
        return community_finding_divisions_ref (divisions);
      /* Nothing above it, or a parent of another kind (a commendation's
       * worker): a walk up from it. */
      return divisions_block (index->dataset, entity);
    }

  /* A work item has no parent but lies in every community it is carried
   * out in, those it lists. One that lists none is carried out in every
   * community (DOMAIN.md §2): it is the city's, and lies in the city
   * alone, so that a street's own findings do not fill up with the city's
   * work items. */
  codes = g_ptr_array_sized_new (8);
  communities = community_field_strv (entity, "communities");
  if (communities == NULL)
    for (guint i = 0; i < index->cities->len; i++)
      add_code_of (index->cities->pdata[i], codes);
  for (guint i = 0; communities != NULL && communities[i] != NULL; i++)
    add_divisions_of (index->dataset,
                      (CommunityEntity *) community_dataset_get_community (index->dataset, communities[i]),
                      codes);
  return community_finding_divisions_new ((const char * const *) codes->pdata, codes->len);
}

CommunityIndex *
community_index_new (CommunityDataset *dataset)
{
  CommunityIndex *index = g_new0 (CommunityIndex, 1);

  index->dataset = g_object_ref (dataset);
  /* The dataset holds a reference to each entity for as long as the
   * index lives (the validator works on a dataset nobody changes
   * meanwhile). */
  index->communities_by_street =
    groups_new (community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_COMMUNITY), "street");
  index->grids_by_community =
    groups_new (community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_GRID), "community");
  index->workers_by_community =
    groups_new (community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_WORKER), "community");
  index->facilities_by_owner =
    groups_new (community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_FACILITY), "owner");
  index->streets = g_ptr_array_new ();
  index->districts = g_ptr_array_new ();
  index->cities = g_ptr_array_new ();
  index->divisions = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) community_finding_divisions_unref);

  for (guint kind = COMMUNITY_ENTITY_KIND_DIVISION; kind <= COMMUNITY_ENTITY_KIND_COMMUNITY; kind++)
    {
      GListModel *model = community_dataset_get_items (dataset, kind);
      guint n_items = g_list_model_get_n_items (model);

      for (guint i = 0; i < n_items; i++)
        {
          CommunityEntity *entity = community_rule_item (model, i);

          if (kind == COMMUNITY_ENTITY_KIND_DIVISION)
            {
              int tier = community_index_tier (COMMUNITY_DIVISION (entity));

              g_ptr_array_add (tier == 0 ? index->cities : tier == 1 ? index->districts : index->streets,
                               entity);
            }
          g_hash_table_insert (index->divisions, entity, divisions_block (dataset, entity));
        }
    }

  return index;
}

void
community_index_free (CommunityIndex *index)
{
  groups_free (index->communities_by_street);
  groups_free (index->grids_by_community);
  groups_free (index->workers_by_community);
  groups_free (index->facilities_by_owner);
  g_ptr_array_unref (index->streets);
  g_ptr_array_unref (index->districts);
  g_ptr_array_unref (index->cities);
  g_hash_table_unref (index->divisions);
  g_object_unref (index->dataset);
  g_free (index);
}

const CommunityGroup *
community_index_group (CommunityIndex  *index,
                       CommunityGroups *groups,
                       const char      *code)
{
  static const CommunityGroup empty = { NULL, 0 };
  const CommunityGroup *group = code != NULL ? g_hash_table_lookup (groups->by_code, code) : NULL;

  return group != NULL ? group : &empty;
}

void
community_index_append_path (CommunityIndex  *index,
                             CommunityEntity *entity,
                             const char      *member,
                             GString         *out)
{
  /* The dataset keeps each entity's position (no table per run). */
  guint position = community_entity_get_position (entity);
  const char *list = community_entity_kind_get_member_name (community_entity_get_kind (entity));

  g_return_if_fail (community_entity_get_dataset (entity) == index->dataset);

  /* Not printf: a path is made for every finding. @member is a path of
   * member names already (e.g. "legal_review/date"), not escaped again. */
  g_string_append_c (out, '/');
  g_string_append (out, list);
  community_json_pointer_push_index (out, position);
  if (member != NULL)
    {
      g_string_append_c (out, '/');
      g_string_append (out, member);
    }
}

char *
community_index_path (CommunityIndex  *index,
                      CommunityEntity *entity,
                      const char      *member)
{
  GString *path = g_string_sized_new (64);

  community_index_append_path (index, entity, member, path);
  return g_string_free (path, FALSE);
}
