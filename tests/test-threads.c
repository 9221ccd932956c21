/* test-threads.c: a validator's run on several threads
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A run shares its rules out among threads (CommunityValidator:threads);
 * its report must be byte for byte the sequential run's, on the sample and
 * on generated datasets with thousands of findings, whatever the number of
 * threads, and a cancelled parallel run must stop cleanly. Nothing is
 * timed here: doc/performance.md has the figures. The suite is meant to
 * be run under ThreadSanitizer too (a clang build with
 * -Db_sanitize=thread; see doc/performance.md).
 */

#include <string.h>

#include <glib/gstdio.h>

#include "test-common.h"

static char *
report_with_threads (CommunityDataset *dataset,
                     guint             threads)
{
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = g_object_new (COMMUNITY_TYPE_VALIDATOR,
                                                          "ruleset", ruleset,
                                                          "threads", threads,
                                                          NULL);
  g_autoptr(CommunityReport) report = NULL;

  ck_assert_uint_eq (community_validator_get_threads (validator), threads);
  report = community_validator_run (validator, dataset);
  return community_report_to_data (report, NULL);
}

static void
assert_same_whatever_the_threads (CommunityDataset *dataset,
                                  guint             min_findings)
{
  static const guint threads[] = { 0, 2, 3, 8, 64 };
  g_autofree char *serial = report_with_threads (dataset, 1);
  g_autoptr(JsonNode) parsed = json_from_string (serial, NULL);
  JsonArray *findings;

  ck_assert (parsed != NULL);
  findings = json_object_get_array_member (json_node_get_object (parsed), "findings");
  ck_assert_uint_ge (json_array_get_length (findings), min_findings);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    for (guint again = 0; again < 2; again++)
      {
        g_autofree char *parallel = report_with_threads (dataset, threads[i]);

        if (strcmp (serial, parallel) != 0)
          {
            gsize at = 0;

            while (serial[at] == parallel[at])
              at++;
            ck_abort_msg ("with %u threads, the report differs from the sequential one at byte %zu",
                          threads[i], at);
          }
      }
}

START_TEST (test_sample)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();

  assert_same_whatever_the_threads (dataset, 5);
}
END_TEST

START_TEST (test_generated)
{
  guint communities = community_test_scale (400);
  g_autoptr(CommunityDataset) dataset = community_test_load_generated (communities, 2018 + _i);

  /* The generator's defects: about two findings a community. */
  assert_same_whatever_the_threads (dataset, communities);
}
END_TEST

START_TEST (test_property)
{
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
  guint threads = 99, notified = 0;

  ck_assert_uint_eq (community_validator_get_threads (validator), 0);
  g_signal_connect (validator, "notify::threads", G_CALLBACK (community_test_count_notify), &notified);
  community_validator_set_threads (validator, 1);
  g_object_get (validator, "threads", &threads, NULL);
  ck_assert_uint_eq (threads, 1);
  ck_assert_uint_eq (notified, 1);
  community_validator_set_threads (validator, 1);
  ck_assert_uint_eq (notified, 1);   /* no change, no notification */
  g_object_set (validator, "threads", 4u, NULL);
  ck_assert_uint_eq (community_validator_get_threads (validator), 4);
  ck_assert_uint_eq (notified, 2);
}
END_TEST

static void
got_report (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;
  CommunityReport *report = community_validator_run_finish (COMMUNITY_VALIDATOR (source), result, error);

  ck_assert (report == NULL);
}

/* A parallel run cancelled while its threads work gives no report. */
START_TEST (test_cancelled)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_generated (community_test_scale (200), 7);
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GMainContext *context = g_main_context_default ();

  community_validator_set_threads (validator, 4);
  community_validator_run_async (validator, dataset, cancellable, got_report, &error);
  g_cancellable_cancel (cancellable);
  while (error == NULL)
    g_main_context_iteration (context, TRUE);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
}
END_TEST

static Suite *
threads_suite (void)
{
  Suite *suite = suite_create ("threads");
  TCase *tc = tcase_create ("threads");

  tcase_set_timeout (tc, 300);
  tcase_add_test (tc, test_property);
  tcase_add_test (tc, test_sample);
  tcase_add_loop_test (tc, test_generated, 0, 2);
  tcase_add_test (tc, test_cancelled);
  suite_add_tcase (suite, tc);

  return suite;
}

int
main (void)
{
  return community_test_run (threads_suite ());
}
