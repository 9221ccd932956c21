/* test-incremental.c: CommunityValidation against full runs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Random changes through the API, of every kind the validation treats
 * differently (a grid's fields, its community, grids added and removed,
 * workers, communities, facilities, the header, several at once); after
 * each, the validation's report must be byte for byte a fresh full run's.
 * Nothing is timed here: doc/performance.md has the figures.
 */

#include <string.h>

#include <glib/gstdio.h>

#include "test-common.h"

typedef struct {
  CommunityDataset *dataset;
  CommunityValidator *validator;
  CommunityValidation *validation;
  GRand *rand;
  guint serial;
  guint n_compared;
} Fixture;

static void
assert_same_report (Fixture    *f,
                    const char *what)
{
  g_autoptr(CommunityReport) incremental = community_validation_dup_report (f->validation);
  g_autoptr(CommunityReport) full = community_validator_run (f->validator, f->dataset);
  g_autofree char *a = community_report_to_data (incremental, NULL);
  g_autofree char *b = community_report_to_data (full, NULL);

  ck_assert (!community_validation_is_pending (f->validation));
  if (strcmp (a, b) != 0)
    {
      gsize i = 0;

      while (a[i] == b[i])
        i++;
      ck_abort_msg ("after %s, the reports differ at byte %zu:\nincremental: …%.300s\nfull:        …%.300s",
                    what, i, a + (i > 200 ? i - 200 : 0), b + (i > 200 ? i - 200 : 0));
    }
  f->n_compared++;
}

static gpointer
random_item (Fixture             *f,
             CommunityEntityKind  kind)
{
  GListModel *items = community_dataset_get_items (f->dataset, kind);
  guint n = g_list_model_get_n_items (items);
  gpointer item;

  if (n == 0)
    return NULL;
  item = g_list_model_get_item (items, g_rand_int_range (f->rand, 0, (gint32) n));
  g_object_unref (item);  /* the dataset keeps it */
  return item;
}

static const char *
random_worker_id (Fixture *f)
{
  gpointer worker;

  /* Now and then, one that names nobody (ref.unresolved). */
  if (g_rand_int_range (f->rand, 0, 10) == 0)
    return "W-NOBODY";
  worker = random_item (f, COMMUNITY_ENTITY_KIND_WORKER);
  return worker != NULL ? community_entity_get_identity (worker) : "W-NOBODY";
}

static const char *
random_community_code (Fixture *f)
{
  gpointer community = random_item (f, COMMUNITY_ENTITY_KIND_COMMUNITY);

  return community != NULL ? community_entity_get_identity (community) : "320213001001";
}

/* One change through the API; returns what it did. */
static const char *
change_something (Fixture *f,
                  guint    which)
{
  CommunityGrid *grid = random_item (f, COMMUNITY_ENTITY_KIND_GRID);
  CommunityWorker *worker = random_item (f, COMMUNITY_ENTITY_KIND_WORKER);
  CommunityCommunity *community = random_item (f, COMMUNITY_ENTITY_KIND_COMMUNITY);

  switch (which)
    {
    case 0:
      if (grid == NULL)
        return "nothing";
      if (g_rand_int_range (f->rand, 0, 8) == 0)
        community_record_unset (COMMUNITY_RECORD (grid), "households");
      else
        g_object_set (grid, "households", (guint) g_rand_int_range (f->rand, 0, 1500), NULL);
      return "setting a grid's households";
    case 1:
      if (grid == NULL)
        return "nothing";
      if (g_rand_int_range (f->rand, 0, 6) == 0)
        community_record_unset (COMMUNITY_RECORD (grid), "leader");
      else
        g_object_set (grid, "leader", random_worker_id (f), NULL);
      return "setting a grid's leader";
    case 2:
      {
        const char *administrators[4] = { NULL };
        guint n = (guint) g_rand_int_range (f->rand, 0, 4);

        if (grid == NULL)
          return "nothing";
        for (guint i = 0; i < n; i++)
          administrators[i] = random_worker_id (f);
        g_object_set (grid, "administrators", administrators, NULL);
        return "setting a grid's administrators";
      }
    case 3:
      if (grid == NULL)
        return "nothing";
      g_object_set (grid, "kind",
                    g_rand_boolean (f->rand) ? COMMUNITY_GRID_KIND_COMPREHENSIVE : COMMUNITY_GRID_KIND_DEDICATED,
                    NULL);
      return "setting a grid's kind";
    case 4:
      if (grid == NULL)
        return "nothing";
      g_object_set (grid, "community", random_community_code (f), NULL);
      return "moving a grid to another community";
    case 5:
      {
        g_autofree char *id = g_strdup_printf ("G-NEW-%u", f->serial++);
        g_autoptr(CommunityGrid) added = community_grid_new (id);

        g_object_set (added,
                      "community", random_community_code (f),
                      "kind", COMMUNITY_GRID_KIND_COMPREHENSIVE,
                      "households", (guint) g_rand_int_range (f->rand, 50, 900),
                      "leader", random_worker_id (f),
                      NULL);
        ck_assert (community_dataset_add (f->dataset, COMMUNITY_ENTITY (added), NULL));
        return "adding a grid";
      }
    case 6:
      if (grid == NULL)
        return "nothing";
      ck_assert (community_dataset_remove (f->dataset, COMMUNITY_ENTITY (grid)));
      return "removing a grid";
    case 7:
      if (worker == NULL)
        return "nothing";
      g_object_set (worker, "employment",
                    g_rand_boolean (f->rand) ? COMMUNITY_EMPLOYMENT_FULL_TIME : COMMUNITY_EMPLOYMENT_PART_TIME,
                    NULL);
      return "setting a worker's employment";
    case 8:
      if (worker == NULL)
        return "nothing";
      g_object_set (worker, "annual-pay-yuan", (gint64) g_rand_int_range (f->rand, 20000, 150000), NULL);
      return "setting a worker's pay";
    case 9:
      if (community == NULL)
        return "nothing";
      g_object_set (community, "households", (guint) g_rand_int_range (f->rand, 100, 4000), NULL);
      return "setting a community's households";
    case 10:
      if (community == NULL || g_rand_int_range (f->rand, 0, 3) != 0)
        return "nothing";
      ck_assert (community_dataset_remove (f->dataset, COMMUNITY_ENTITY (community)));
      return "removing a community";
    case 11:
      {
        g_autofree char *id = g_strdup_printf ("F-NEW-%u", f->serial++);
        g_autoptr(CommunityFacility) added = community_facility_new (id);

        g_object_set (added,
                      "owner", random_community_code (f),
                      "kind", g_rand_boolean (f->rand) ? COMMUNITY_FACILITY_KIND_COMMUNITY_SERVICE_CENTER
                                                       : COMMUNITY_FACILITY_KIND_HOME_CARE_STATION,
                      "standardized", g_rand_boolean (f->rand),
                      NULL);
        ck_assert (community_dataset_add (f->dataset, COMMUNITY_ENTITY (added), NULL));
        return "adding a facility";
      }
    case 12:
      /* Several grids at once, one of them twice. */
      for (guint i = 0; i < 5; i++)
        {
          CommunityGrid *other = random_item (f, COMMUNITY_ENTITY_KIND_GRID);

          if (other == NULL)
            return "nothing";
          g_object_set (other, "households", (guint) g_rand_int_range (f->rand, 0, 1500), NULL);
          if (i == 2)
            g_object_set (other, "administrators", (const char *[]) { random_worker_id (f), NULL }, NULL);
        }
      return "changing several grids";
    case 13:
      if (worker == NULL)
        return "nothing";
      g_object_set (worker, "community", random_community_code (f), NULL);
      return "moving a worker to another community";
    case 14:
      {
        g_autoptr(GDate) as_of = g_date_new_dmy ((GDateDay) g_rand_int_range (f->rand, 1, 28),
                                                 G_DATE_JUNE, 2019);

        community_dataset_set_as_of (f->dataset, as_of);
        return "setting the dataset's as_of";
      }
    case 15:
      if (grid == NULL || worker == NULL)
        return "nothing";
      /* A grid and a worker at once. */
      g_object_set (grid, "households", (guint) g_rand_int_range (f->rand, 0, 1500), NULL);
      g_object_set (worker, "employment", COMMUNITY_EMPLOYMENT_PART_TIME, NULL);
      return "changing a grid and a worker";
    default:
      g_assert_not_reached ();
    }
}

/* Mostly grid changes (what the scoped path serves), every other kind too. */
static guint
random_change (Fixture *f)
{
  static const guint weights[] = { 6, 5, 5, 3, 2, 2, 2, 2, 2, 2, 1, 1, 3, 1, 1, 2 };
  guint total = 0, pick;

  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    total += weights[i];
  pick = (guint) g_rand_int_range (f->rand, 0, (gint32) total);
  for (guint i = 0; i < G_N_ELEMENTS (weights); i++)
    {
      if (pick < weights[i])
        return i;
      pick -= weights[i];
    }
  g_assert_not_reached ();
}

static void
fixture_init (Fixture          *f,
              CommunityDataset *dataset,
              guint32           seed)
{
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);

  ck_assert (ruleset != NULL);
  f->dataset = dataset;
  f->validator = community_validator_new (ruleset);
  f->validation = community_validation_new (f->validator, f->dataset);
  f->rand = g_rand_new_with_seed (seed);
  f->serial = 0;
  f->n_compared = 0;
}

static void
fixture_clear (Fixture *f)
{
  community_test_assert_finalized (f->validation);
  g_object_unref (f->validator);
  g_object_unref (f->dataset);
  g_rand_free (f->rand);
}

static void
run_random_changes (Fixture *f,
                    guint    n_changes)
{
  assert_same_report (f, "creating the validation");
  for (guint i = 0; i < n_changes; i++)
    {
      const char *what = change_something (f, random_change (f));
      g_autofree char *step = g_strdup_printf ("change %u, %s", i, what);

      /* Sometimes two changes before a look. */
      if (g_rand_int_range (f->rand, 0, 5) == 0)
        {
          change_something (f, random_change (f));
          continue;
        }
      assert_same_report (f, step);
    }
}

START_TEST (test_sample_random_changes)
{
  Fixture f;

  fixture_init (&f, community_test_load_sample (), 20180101 + (guint32) _i);
  run_random_changes (&f, community_test_scale (150));
  ck_assert_uint_gt (f.n_compared, community_test_scale (150) / 2);
  fixture_clear (&f);
}
END_TEST

static CommunityDataset *
load_generated (guint communities,
                guint seed)
{
  g_autofree char *dir = g_dir_make_tmp ("test-incremental-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "generated.json", NULL);
  g_autofree char *n = g_strdup_printf ("%u", communities);
  g_autofree char *s = g_strdup_printf ("%u", seed);
  const char *argv[] = { COMMUNITY_GEN, "--communities", n, "--seed", s, "-o", path, NULL };
  CommunityDataset *dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  int status;

  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                           &status, &error));
  ck_assert (g_spawn_check_wait_status (status, NULL));
  if (!community_dataset_load_from_file (dataset, path, &error))
    ck_abort_msg ("the generated dataset does not load: %s", error->message);
  g_unlink (path);
  g_rmdir (dir);
  return dataset;
}

START_TEST (test_generated_random_changes)
{
  Fixture f;

  fixture_init (&f, load_generated (80, 1 + _i), 7 + (guint32) _i);
  run_random_changes (&f, community_test_scale (120));
  fixture_clear (&f);
}
END_TEST

/* Only grids change: the scoped path throughout, many changes long. */
START_TEST (test_generated_grid_changes)
{
  Fixture f;

  fixture_init (&f, load_generated (120, 5), 99);
  assert_same_report (&f, "creating the validation");
  for (guint i = 0; i < community_test_scale (200); i++)
    {
      g_autofree char *step = NULL;
      const char *what = change_something (&f, (guint) g_rand_int_range (f.rand, 0, 4));

      step = g_strdup_printf ("change %u, %s", i, what);
      assert_same_report (&f, step);
    }
  fixture_clear (&f);
}
END_TEST

/* The bookkeeping around the reports. */
START_TEST (test_pending_and_reports)
{
  Fixture f;
  g_autoptr(CommunityReport) first = NULL;
  g_autoptr(CommunityReport) again = NULL;
  g_autoptr(CommunityReport) after = NULL;
  CommunityGrid *grid;

  fixture_init (&f, community_test_load_sample (), 1);
  ck_assert (community_validation_get_validator (f.validation) == f.validator);
  ck_assert (community_validation_get_dataset (f.validation) == f.dataset);
  ck_assert (!community_validation_is_pending (f.validation));

  first = community_validation_dup_report (f.validation);
  again = community_validation_dup_report (f.validation);
  ck_assert (first == again);  /* nothing changed: the same report */

  grid = random_item (&f, COMMUNITY_ENTITY_KIND_GRID);
  ck_assert (grid != NULL);
  g_object_set (grid, "households", 1u, NULL);
  ck_assert (community_validation_is_pending (f.validation));
  community_validation_revalidate (f.validation);
  ck_assert (!community_validation_is_pending (f.validation));
  after = community_validation_dup_report (f.validation);
  ck_assert (after != first);

  /* A change nested inside a record is told explicitly. */
  community_validation_invalidate (f.validation, COMMUNITY_ENTITY (grid));
  ck_assert (community_validation_is_pending (f.validation));
  assert_same_report (&f, "invalidating a grid");
  community_validation_invalidate (f.validation, NULL);
  ck_assert (community_validation_is_pending (f.validation));
  assert_same_report (&f, "invalidating everything");

  /* Loading another document replaces everything. */
  {
    g_autoptr(GError) error = NULL;

    ck_assert (community_dataset_load_from_file (f.dataset, community_test_sample_path (), &error));
    assert_same_report (&f, "loading the sample again");
  }

  /* The report is a snapshot. */
  {
    g_autofree char *before = community_report_to_data (after, NULL);
    g_autofree char *still = NULL;

    grid = random_item (&f, COMMUNITY_ENTITY_KIND_GRID);
    g_object_set (grid, "leader", "W-NOBODY", NULL);
    assert_same_report (&f, "naming nobody as a leader");
    still = community_report_to_data (after, NULL);
    ck_assert_str_eq (before, still);
  }

  fixture_clear (&f);
}
END_TEST

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              guint      *count)
{
  (*count)++;
}

/* A UI follows the validation through notify::report and notify::pending:
 * once per change of state, not once per property set. */
START_TEST (test_notifies)
{
  Fixture f;
  guint reports = 0, pendings = 0;
  g_autoptr(CommunityReport) report = NULL;
  CommunityReport *borrowed;
  gboolean pending = TRUE;
  CommunityGrid *grid;

  fixture_init (&f, community_test_load_sample (), 1);
  g_signal_connect (f.validation, "notify::report", G_CALLBACK (count_notify), &reports);
  g_signal_connect (f.validation, "notify::pending", G_CALLBACK (count_notify), &pendings);

  /* A reference of our own: a borrowed report goes with the next one, and
   * another may then be allocated at its address. */
  report = community_validation_dup_report (f.validation);
  ck_assert_uint_eq (reports, 0);
  ck_assert_uint_eq (pendings, 0);

  grid = random_item (&f, COMMUNITY_ENTITY_KIND_GRID);
  community_grid_set_households (grid, community_grid_get_households (grid) + 7);
  ck_assert_uint_eq (reports, 1);
  ck_assert_uint_eq (pendings, 1);
  g_object_get (f.validation, "pending", &pending, NULL);
  ck_assert (pending);

  /* More changes before the report is read again: no more notifications. */
  community_grid_set_households (grid, community_grid_get_households (grid) + 1);
  community_grid_set_leader (grid, "W-NOBODY");
  ck_assert_uint_eq (reports, 1);
  ck_assert_uint_eq (pendings, 1);

  /* Reading the report catches up: pending turns FALSE, notified. */
  borrowed = community_validation_get_report (f.validation);
  ck_assert (borrowed != report);
  ck_assert_uint_eq (pendings, 2);
  ck_assert_uint_eq (reports, 1);
  ck_assert (!community_validation_is_pending (f.validation));
  ck_assert (community_validation_get_report (f.validation) == borrowed);
  {
    g_autoptr(CommunityReport) property = NULL;

    g_object_get (f.validation, "report", &property, NULL);
    ck_assert (property == borrowed);
  }
  assert_same_report (&f, "following notifications");

  /* The next change notifies again. */
  community_grid_set_households (grid, 1);
  ck_assert_uint_eq (reports, 2);
  ck_assert_uint_eq (pendings, 3);

  /* revalidate() alone catches up without making the report: the report
   * stays notified as out of date until it is read. */
  community_validation_revalidate (f.validation);
  ck_assert_uint_eq (pendings, 4);
  community_grid_set_households (grid, 2);
  ck_assert_uint_eq (reports, 2);
  ck_assert_uint_eq (pendings, 5);
  assert_same_report (&f, "a change after revalidate()");

  fixture_clear (&f);
}
END_TEST

/* A validation does not keep its dataset's signals once gone. */
START_TEST (test_dataset_outlives)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
  CommunityValidation *validation = community_validation_new (validator, dataset);
  GListModel *grids = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_GRID);
  g_autoptr(CommunityGrid) grid = g_list_model_get_item (grids, 0);

  community_test_assert_finalized (validation);
  g_object_set (grid, "households", 3u, NULL);
  ck_assert (community_dataset_remove (dataset, COMMUNITY_ENTITY (grid)));
}
END_TEST

static Suite *
incremental_suite (void)
{
  Suite *suite = suite_create ("incremental");
  TCase *tc = tcase_create ("incremental");

  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, test_pending_and_reports);
  tcase_add_test (tc, test_dataset_outlives);
  tcase_add_test (tc, test_notifies);
  tcase_add_loop_test (tc, test_sample_random_changes, 0, 4);
  tcase_add_loop_test (tc, test_generated_random_changes, 0, 2);
  tcase_add_test (tc, test_generated_grid_changes);
  suite_add_tcase (suite, tc);

  return suite;
}

int
main (void)
{
  return community_test_run (incremental_suite ());
}
