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

static void
group_add (GHashTable *table,
           const char *code,
           gpointer    entity)
{
  GPtrArray *group;

  if (code == NULL)
    return;

  group = g_hash_table_lookup (table, code);
  if (group == NULL)
    {
      group = g_ptr_array_new ();
      g_hash_table_insert (table, g_strdup (code), group);
    }
  g_ptr_array_add (group, entity);
}

static GHashTable *
new_group_table (void)
{
  /* Keys are copies, one per group: an index kept between validations
   * (community-validation.c) outlives a change of the field it was read
   * from. */
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
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
  index->communities_by_street = new_group_table ();
  index->grids_by_community = new_group_table ();
  index->workers_by_community = new_group_table ();
  index->facilities_by_owner = new_group_table ();
  index->streets = g_ptr_array_new ();
  index->districts = g_ptr_array_new ();
  index->cities = g_ptr_array_new ();
  index->divisions = g_hash_table_new_full (NULL, NULL, NULL,
                                            (GDestroyNotify) community_finding_divisions_unref);

  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    {
      GListModel *model = community_dataset_get_items (dataset, kind);
      guint n_items = g_list_model_get_n_items (model);

      for (guint i = 0; i < n_items; i++)
        {
          /* The dataset holds a reference for as long as the index lives
           * (the validator works on a dataset nobody changes meanwhile). */
          CommunityEntity *entity = community_rule_item (model, i);


          switch (kind)
            {
            case COMMUNITY_ENTITY_KIND_DIVISION:
              {
                int tier = community_index_tier (COMMUNITY_DIVISION (entity));

                g_ptr_array_add (tier == 0 ? index->cities : tier == 1 ? index->districts : index->streets,
                                 entity);
                g_hash_table_insert (index->divisions, entity, divisions_block (dataset, entity));
              }
              break;
            case COMMUNITY_ENTITY_KIND_COMMUNITY:
              group_add (index->communities_by_street, community_field_string (entity, "street"), entity);
              g_hash_table_insert (index->divisions, entity, divisions_block (dataset, entity));
              break;
            case COMMUNITY_ENTITY_KIND_GRID:
              group_add (index->grids_by_community, community_field_string (entity, "community"), entity);
              break;
            case COMMUNITY_ENTITY_KIND_WORKER:
              group_add (index->workers_by_community, community_field_string (entity, "community"), entity);
              break;
            case COMMUNITY_ENTITY_KIND_FACILITY:
              group_add (index->facilities_by_owner, community_field_string (entity, "owner"), entity);
              break;
            default:
              break;
            }
        }
    }

  return index;
}

void
community_index_free (CommunityIndex *index)
{
  g_hash_table_unref (index->communities_by_street);
  g_hash_table_unref (index->grids_by_community);
  g_hash_table_unref (index->workers_by_community);
  g_hash_table_unref (index->facilities_by_owner);
  g_ptr_array_unref (index->streets);
  g_ptr_array_unref (index->districts);
  g_ptr_array_unref (index->cities);
  g_hash_table_unref (index->divisions);
  g_object_unref (index->dataset);
  g_free (index);
}

GPtrArray *
community_index_group (CommunityIndex *index,
                       GHashTable     *table,
                       const char     *code)
{
  static GPtrArray *empty;
  GPtrArray *group = code != NULL ? g_hash_table_lookup (table, code) : NULL;

  if (group != NULL)
    return group;
  if (g_once_init_enter (&empty))
    g_once_init_leave (&empty, g_ptr_array_new ());
  return empty;
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
