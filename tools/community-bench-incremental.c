/* community-bench-incremental.c: times incremental validation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   community-bench-incremental FILE [--changes N] [--seed S] [--check]
 *
 * Loads FILE (e.g. community-gen --scale province), creates a
 * CommunityValidation (a full run) and then, N times, changes one random
 * grid through the API (its households, leader or administrators, in
 * turn) and times community_validation_revalidate() alone, then
 * community_validation_get_report() (assembling the report from what is
 * kept). Prints the median, 90th and 99th percentiles, maximum and mean
 * of each.
 * With --check, compares the last report with a full run's, byte for byte
 * (tests/test-incremental.c does that after every change; this is a
 * benchmark). See doc/performance.md, "Incremental validation".
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <community/community.h>

static double
now_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
print_stats (const char *what,
             double     *values,
             guint       n)
{
  double sum = 0;

  qsort (values, n, sizeof (double), compare_doubles);
  for (guint i = 0; i < n; i++)
    sum += values[i];
  printf ("%-28s median %8.1f µs   p90 %8.1f µs   p99 %8.1f µs   max %8.1f µs   mean %8.1f µs\n",
          what, values[n / 2], values[(n * 9) / 10], values[(n * 99) / 100], values[n - 1], sum / n);
}

int
main (int argc, char **argv)
{
  int changes = 1000;
  gint64 seed = 1;
  gboolean check = FALSE;
  GOptionEntry entries[] = {
    { "changes", 'n', 0, G_OPTION_ARG_INT, &changes, "how many grid changes (default 1000)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "the seed of the changes (default 1)", "S" },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check, "compare the last report with a full run", NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE - time a grid's revalidation");
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityRuleset) ruleset = NULL;
  g_autoptr(CommunityValidator) validator = NULL;
  g_autoptr(CommunityValidation) validation = NULL;
  g_autoptr(CommunityReport) report = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree double *revalidate = NULL;
  g_autofree double *assemble = NULL;
  GListModel *grids, *workers;
  guint n_grids, n_workers;
  double start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || changes <= 0)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "usage: community-bench-incremental FILE");
      return 2;
    }

  start = now_us ();
  if (!community_dataset_load_from_file (dataset, argv[1], &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  printf ("load                         %.3f s\n", (now_us () - start) / 1e6);

  ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  validator = community_validator_new (ruleset);
  start = now_us ();
  validation = community_validation_new (validator, dataset);
  printf ("community_validation_new     %.3f s (the full run, keeping what it needs)\n",
          (now_us () - start) / 1e6);
  start = now_us ();
  report = community_validation_dup_report (validation);
  printf ("first get_report             %.1f ms\n", (now_us () - start) / 1e3);
  g_clear_object (&report);

  grids = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_GRID);
  workers = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_WORKER);
  n_grids = g_list_model_get_n_items (grids);
  n_workers = g_list_model_get_n_items (workers);
  if (n_grids == 0 || n_workers == 0)
    {
      fprintf (stderr, "no grids or workers to change\n");
      return 1;
    }
  printf ("%u grids, %u workers; %d changes of one grid each\n", n_grids, n_workers, changes);

  rand = g_rand_new_with_seed ((guint32) seed);
  revalidate = g_new (double, changes);
  assemble = g_new (double, changes);
  for (int i = 0; i < changes; i++)
    {
      g_autoptr(CommunityGrid) grid = g_list_model_get_item (grids, g_rand_int_range (rand, 0, (gint32) n_grids));
      g_autoptr(CommunityWorker) worker = g_list_model_get_item (workers,
                                                                 g_rand_int_range (rand, 0, (gint32) n_workers));
      const char *worker_id = community_entity_get_identity (COMMUNITY_ENTITY (worker));

      switch (i % 3)
        {
        case 0:
          g_object_set (grid, "households", (guint) g_rand_int_range (rand, 0, 1500), NULL);
          break;
        case 1:
          g_object_set (grid, "leader", worker_id, NULL);
          break;
        default:
          g_object_set (grid, "administrators", (const char *[]) { worker_id, NULL }, NULL);
          break;
        }

      start = now_us ();
      community_validation_revalidate (validation);
      revalidate[i] = now_us () - start;

      start = now_us ();
      report = community_validation_dup_report (validation);
      assemble[i] = now_us () - start;
      if (i + 1 < changes)
        g_clear_object (&report);
    }

  print_stats ("revalidate (one grid)", revalidate, (guint) changes);
  print_stats ("get_report (assembly)", assemble, (guint) changes);

  if (check)
    {
      g_autoptr(CommunityReport) full = NULL;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;

      start = now_us ();
      full = community_validator_run (validator, dataset);
      printf ("full run, for comparison     %.3f s\n", (now_us () - start) / 1e6);
      a = community_report_to_data (report, NULL);
      b = community_report_to_data (full, NULL);
      if (strcmp (a, b) != 0)
        {
          printf ("check: the reports DIFFER\n");
          return 1;
        }
      printf ("check: the last report equals a full run's (%zu bytes)\n", strlen (a));
    }

  return 0;
}
