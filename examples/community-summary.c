/* community-summary.c: per-district summary of a dataset
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: community-summary DATASET.json
 *
 * Loads a dataset and prints, for every district or county, how many
 * communities and villages, households, grids and workers it has. It shows
 * the basic calls: loading with a GError, walking a GListModel, looking up
 * by code and walking up the hierarchy.
 */

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <community/community.h>

typedef struct {
  guint communities;
  guint urban;
  guint rural;
  guint64 households;
  guint grids;
  guint workers;
} Totals;

/* The district or county above an entity, as the key of its totals. */
static Totals *
totals_for (CommunityDataset *dataset,
            GHashTable       *totals,
            CommunityEntity  *entity)
{
  CommunityDivision *district;
  const char *code;
  Totals *t;

  district = community_dataset_get_ancestor (dataset, entity, COMMUNITY_DIVISION_LEVEL_DISTRICT);
  code = district != NULL ? community_entity_get_identity (COMMUNITY_ENTITY (district)) : "";
  t = g_hash_table_lookup (totals, code);
  if (t == NULL)
    {
      t = g_new0 (Totals, 1);
      g_hash_table_insert (totals, g_strdup (code), t);
    }
  return t;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(GHashTable) totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) error = NULL;
  GListModel *model;
  Totals all = { 0, };

  /* The user's locale, so that Chinese text prints as such. */
  setlocale (LC_ALL, "");

  if (argc != 2)
    {
      g_printerr ("usage: %s DATASET.json\n", argv[0]);
      return 2;
    }

  if (!community_dataset_load_from_file (dataset, argv[1], &error))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 2;
    }

  model = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_COMMUNITY);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CommunityCommunity) community = g_list_model_get_item (model, i);
      Totals *t = totals_for (dataset, totals, COMMUNITY_ENTITY (community));

      t->communities++;
      if (community_community_get_community_kind (community) == COMMUNITY_COMMUNITY_KIND_URBAN)
        t->urban++;
      else
        t->rural++;
      t->households += community_community_get_households (community);
    }

  model = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_GRID);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CommunityEntity) grid = g_list_model_get_item (model, i);

      totals_for (dataset, totals, grid)->grids++;
    }

  model = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_WORKER);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CommunityEntity) worker = g_list_model_get_item (model, i);

      totals_for (dataset, totals, worker)->workers++;
    }

  printf ("%-14s %-12s %11s %6s %6s %10s %6s %8s\n",
           "code", "district", "communities", "urban", "rural", "households", "grids", "workers");

  /* Districts in dataset order. */
  model = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_DIVISION);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CommunityDivision) division = g_list_model_get_item (model, i);
      const char *code = community_entity_get_identity (COMMUNITY_ENTITY (division));
      Totals *t = g_hash_table_lookup (totals, code);
      const char *name = community_division_get_name (division);

      if (t == NULL)
        continue;

      printf ("%-14s %-*s %11u %6u %6u %10" G_GUINT64_FORMAT " %6u %8u\n",
               code,
               /* pad by characters, not bytes: the names are Chinese */
               (int) (12 + strlen (name) - g_utf8_strlen (name, -1) - g_utf8_strlen (name, -1)),
               name, t->communities, t->urban, t->rural, t->households, t->grids, t->workers);
      all.communities += t->communities;
      all.urban += t->urban;
      all.rural += t->rural;
      all.households += t->households;
      all.grids += t->grids;
      all.workers += t->workers;
      g_hash_table_remove (totals, code);
    }

  /* Whatever did not walk up to a district: broken references. */
  if (g_hash_table_size (totals) > 0)
    {
      Totals *t = g_hash_table_lookup (totals, "");

      if (t != NULL)
        printf ("%-14s %-12s %11u %6u %6u %10" G_GUINT64_FORMAT " %6u %8u\n",
                 "-", "(unplaced)", t->communities, t->urban, t->rural, t->households,
                 t->grids, t->workers);
    }

  printf ("%-14s %-12s %11u %6u %6u %10" G_GUINT64_FORMAT " %6u %8u\n",
           "total", "", all.communities, all.urban, all.rural, all.households,
           all.grids, all.workers);

  return EXIT_SUCCESS;
}
