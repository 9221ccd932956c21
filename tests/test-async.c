/* test-async.c: validating in a worker thread (run_async/run_finish), the
 * snapshot it takes (community_dataset_copy), and reports shared across
 * threads
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-common.h"

/* The sample's worker.pay-floor finding is about 梁溪区, whose staff are
 * paid less than its 2018 baseline on average; paying W0018 250000 yuan
 * instead of 92400 lifts the mean above it. */
#define LIANGXI "320213000000"

#include <string.h>

#define N_CONCURRENT 8

static CommunityValidator *
new_validator (void)
{
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);

  ck_assert_ptr_nonnull (ruleset);
  return community_validator_new (ruleset);
}

static char *
report_text (CommunityReport *report)
{
  return community_report_to_data (report, NULL);
}

/* Whether @report has a finding of @rule about @subject_id. */
static gboolean
has_finding (CommunityReport *report,
             const char      *rule,
             const char      *subject_id)
{
  g_autoptr(GListModel) found =
    community_report_filter (report, COMMUNITY_SEVERITY_INFO, rule, subject_id, NULL);

  return g_list_model_get_n_items (found) > 0;
}

/* One run_async, and what it gave. */
typedef struct {
  CommunityReport *report;
  GError *error;
  gboolean done;
  GThread *callback_thread;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_object (&outcome->report);
  g_clear_error (&outcome->error);
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *outcome = user_data;

  ck_assert (g_async_result_is_tagged (result, community_validator_run_async));
  outcome->report = community_validator_run_finish (COMMUNITY_VALIDATOR (source), result,
                                                    &outcome->error);
  ck_assert ((outcome->report == NULL) != (outcome->error == NULL));
  outcome->callback_thread = g_thread_self ();
  outcome->done = TRUE;
}

static void
wait_for (Outcome *outcomes,
          guint    n)
{
  for (guint i = 0; i < n; i++)
    while (!outcomes[i].done)
      g_main_context_iteration (NULL, TRUE);
}

START_TEST (test_async_equals_sync)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityValidator) validator = new_validator ();
  g_autoptr(CommunityReport) sync_report = community_validator_run (validator, dataset);
  g_autofree char *sync_text = report_text (sync_report);
  g_autofree char *async_text = NULL;
  Outcome outcome = { 0 };

  community_validator_run_async (validator, dataset, NULL, on_done, &outcome);
  /* The callback never runs before the main context does. */
  ck_assert (!outcome.done);
  wait_for (&outcome, 1);

  ck_assert_ptr_null (outcome.error);
  ck_assert_ptr_nonnull (outcome.report);
  /* In the thread-default main context of the caller: this thread. */
  ck_assert_ptr_eq (outcome.callback_thread, g_thread_self ());
  async_text = report_text (outcome.report);
  ck_assert_str_eq (async_text, sync_text);
  ck_assert_uint_eq (g_list_model_get_n_items (community_report_get_findings (outcome.report)), 9);
  outcome_clear (&outcome);
}
END_TEST

/* The snapshot is taken when run_async is called: what the caller does to
 * its dataset afterwards does not reach the report. */
START_TEST (test_change_after_start)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityValidator) validator = new_validator ();
  g_autoptr(CommunityReport) before = community_validator_run (validator, dataset);
  g_autofree char *before_text = report_text (before);
  g_autofree char *async_text = NULL;
  g_autoptr(CommunityReport) later = NULL;
  CommunityWorker *worker = community_dataset_get_worker (dataset, "W0018");
  CommunityGrid *grid = community_dataset_get_grid (dataset, "320205106001-G02");
  Outcome outcome = { 0 };

  ck_assert_ptr_nonnull (worker);
  ck_assert_ptr_nonnull (grid);
  ck_assert (has_finding (before, "worker.pay-floor", LIANGXI));
  ck_assert (has_finding (before, "grid.leader", "320205106001-G02"));

  community_validator_run_async (validator, dataset, NULL, on_done, &outcome);
  g_object_set (worker, "annual-pay-yuan", (gint64) 250000, NULL);
  g_object_set (grid, "leader", "W0064", NULL);
  ck_assert (community_dataset_remove (dataset,
                                       COMMUNITY_ENTITY (community_dataset_get_grid (dataset, "320213025005-G01"))));
  wait_for (&outcome, 1);

  ck_assert_ptr_nonnull (outcome.report);
  ck_assert (has_finding (outcome.report, "worker.pay-floor", LIANGXI));
  ck_assert (has_finding (outcome.report, "grid.leader", "320205106001-G02"));
  async_text = report_text (outcome.report);
  ck_assert_str_eq (async_text, before_text);

  later = community_validator_run (validator, dataset);
  ck_assert (!has_finding (later, "worker.pay-floor", LIANGXI));
  ck_assert (!has_finding (later, "grid.leader", "320205106001-G02"));
  outcome_clear (&outcome);
}
END_TEST

/* Even reloading the dataset, which replaces every entity, right after. */
START_TEST (test_reload_after_start)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityValidator) validator = new_validator ();
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0 };

  community_validator_run_async (validator, dataset, NULL, on_done, &outcome);
  ck_assert (community_dataset_load_from_data (dataset,
                                               "{\"format\": \"libcommunity-dataset\", \"version\": 1}",
                                               -1, &error));
  ck_assert_uint_eq (g_list_model_get_n_items (community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_WORKER)), 0);
  wait_for (&outcome, 1);

  ck_assert_ptr_nonnull (outcome.report);
  ck_assert_uint_eq (g_list_model_get_n_items (community_report_get_findings (outcome.report)), 9);
  outcome_clear (&outcome);
}
END_TEST

/* The caller may drop its dataset, and the validator, right away. */
START_TEST (test_drop_after_start)
{
  CommunityDataset *dataset = community_test_load_sample ();
  CommunityValidator *validator = new_validator ();
  Outcome outcome = { 0 };

  community_validator_run_async (validator, dataset, NULL, on_done, &outcome);
  community_test_assert_finalized (dataset);
  g_object_unref (validator);
  wait_for (&outcome, 1);

  ck_assert_ptr_nonnull (outcome.report);
  ck_assert (has_finding (outcome.report, "worker.pay-floor", LIANGXI));
  outcome_clear (&outcome);
}
END_TEST

START_TEST (test_cancelled_before)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityValidator) validator = new_validator ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome outcome = { 0 };

  g_cancellable_cancel (cancellable);
  community_validator_run_async (validator, dataset, cancellable, on_done, &outcome);
  ck_assert (!outcome.done);
  wait_for (&outcome, 1);

  ck_assert_ptr_null (outcome.report);
  ck_assert (g_error_matches (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  outcome_clear (&outcome);
}
END_TEST

/* Cancelled while it runs, or after its worker is done but before the
 * callback: either way the caller gets G_IO_ERROR_CANCELLED. */
START_TEST (test_cancelled_after_start)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityValidator) validator = new_validator ();
  Outcome outcomes[N_CONCURRENT] = { { 0 } };
  GCancellable *cancellables[N_CONCURRENT];

  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      cancellables[i] = g_cancellable_new ();
      community_validator_run_async (validator, dataset, cancellables[i], on_done, &outcomes[i]);
    }
  /* At various moments: before, while or after each worker runs. */
  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      if (i % 2 == 0)
        g_usleep (200);
      g_cancellable_cancel (cancellables[i]);
    }
  wait_for (outcomes, N_CONCURRENT);

  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      ck_assert_ptr_null (outcomes[i].report);
      ck_assert (g_error_matches (outcomes[i].error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
      outcome_clear (&outcomes[i]);
      g_object_unref (cancellables[i]);
    }
}
END_TEST

/* A cancellable that is never cancelled changes nothing. */
START_TEST (test_not_cancelled)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityValidator) validator = new_validator ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome outcome = { 0 };

  community_validator_run_async (validator, dataset, cancellable, on_done, &outcome);
  wait_for (&outcome, 1);
  ck_assert_ptr_nonnull (outcome.report);
  outcome_clear (&outcome);
}
END_TEST

/* Several validations at once: one validator and two, one dataset and
 * several (some changed after their run started), and a synchronous run
 * on this thread meanwhile. Each report is the one a synchronous run over
 * the same data gives. */
START_TEST (test_concurrent)
{
  g_autoptr(CommunityValidator) validator = new_validator ();
  g_autoptr(CommunityValidator) other = new_validator ();
  g_autoptr(CommunityDataset) sample = community_test_load_sample ();
  g_autoptr(CommunityReport) expected_report = community_validator_run (validator, sample);
  g_autofree char *expected = report_text (expected_report);
  CommunityDataset *datasets[N_CONCURRENT];
  Outcome outcomes[N_CONCURRENT] = { { 0 } };

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr(CommunityReport) meanwhile = NULL;
      g_autofree char *meanwhile_text = NULL;

      for (guint i = 0; i < N_CONCURRENT; i++)
        {
          datasets[i] = i < N_CONCURRENT / 2 ? g_object_ref (sample) : community_test_load_sample ();
          community_validator_run_async (i % 2 ? other : validator, datasets[i], NULL,
                                         on_done, &outcomes[i]);
          if (i >= N_CONCURRENT / 2)
            g_object_set (community_dataset_get_worker (datasets[i], "W0018"),
                          "annual-pay-yuan", (gint64) 250000, NULL);
        }
      meanwhile = community_validator_run (validator, sample);
      meanwhile_text = report_text (meanwhile);
      ck_assert_str_eq (meanwhile_text, expected);
      wait_for (outcomes, N_CONCURRENT);

      for (guint i = 0; i < N_CONCURRENT; i++)
        {
          g_autofree char *text = NULL;

          ck_assert_ptr_nonnull (outcomes[i].report);
          text = report_text (outcomes[i].report);
          ck_assert_str_eq (text, expected);
          outcome_clear (&outcomes[i]);
          outcomes[i].done = FALSE;
          g_object_unref (datasets[i]);
        }
    }
}
END_TEST

/* Reading one report from several threads at once. */
typedef struct {
  CommunityReport *report;
  const char *expected;
  gboolean ok;
} Reader;

static gpointer
read_report (gpointer data)
{
  Reader *reader = data;
  GListModel *findings = community_report_get_findings (reader->report);
  guint n_items = g_list_model_get_n_items (findings);

  reader->ok = TRUE;
  for (guint round = 0; round < 50; round++)
    {
      g_autofree char *text = report_text (reader->report);
      g_autoptr(GListModel) errors =
        community_report_filter (reader->report, COMMUNITY_SEVERITY_ERROR, NULL, NULL, NULL);

      /* The tree is built while the other thread reads too. */
      json_node_unref (community_report_to_json (reader->report));
      reader->ok &= g_str_equal (text, reader->expected);
      reader->ok &= g_list_model_get_n_items (errors) == 6;
      reader->ok &= community_report_get_rule_result (reader->report, "grid.leader") != NULL;
      /* Positions in turn, forwards and backwards: what GListStore caches. */
      for (guint i = 0; i < n_items; i++)
        {
          guint position = round % 2 ? n_items - 1 - i : i;
          g_autoptr(CommunityFinding) a = g_list_model_get_item (findings, position);
          g_autoptr(CommunityFinding) b = g_list_model_get_item (findings, position);

          reader->ok &= a == b;
          reader->ok &= community_finding_get_rule (a) != NULL;
        }
    }
  return NULL;
}

START_TEST (test_report_shared)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityValidator) validator = new_validator ();
  g_autoptr(CommunityReport) report = community_validator_run (validator, dataset);
  g_autofree char *expected = report_text (report);
  GListModel *findings = community_report_get_findings (report);
  g_autoptr(CommunityFinding) first = g_list_model_get_item (findings, 0);
  Reader readers[N_CONCURRENT];
  GThread *threads[N_CONCURRENT];

  ck_assert (g_list_model_get_item_type (findings) == COMMUNITY_TYPE_FINDING);
  ck_assert_ptr_null (g_list_model_get_item (findings, g_list_model_get_n_items (findings)));
  ck_assert (g_list_model_get_item_type (community_report_get_rule_results (report)) ==
             COMMUNITY_TYPE_RULE_RESULT);
  ck_assert (g_list_model_get_item_type (community_report_get_indicators (report)) ==
             COMMUNITY_TYPE_INDICATOR_RESULT);
  ck_assert_ptr_nonnull (first);

  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      readers[i] = (Reader) { report, expected, FALSE };
      threads[i] = g_thread_new ("reader", read_report, &readers[i]);
    }
  for (guint i = 0; i < N_CONCURRENT; i++)
    {
      g_thread_join (threads[i]);
      ck_assert_msg (readers[i].ok, "reader %u saw another report", i);
    }
}
END_TEST

/* The ruleset of several validators, serialized from several threads. */
static gpointer
serialize_ruleset (gpointer data)
{
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(JsonNode) node = community_ruleset_to_json (data);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return GINT_TO_POINTER (FALSE);
    }
  return GINT_TO_POINTER (TRUE);
}

START_TEST (test_ruleset_shared)
{
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(JsonNode) before = community_ruleset_to_json (ruleset);
  g_autoptr(JsonNode) after = NULL;
  GThread *threads[N_CONCURRENT];

  for (guint i = 0; i < N_CONCURRENT; i++)
    threads[i] = g_thread_new ("ruleset", serialize_ruleset, ruleset);
  for (guint i = 0; i < N_CONCURRENT; i++)
    ck_assert (GPOINTER_TO_INT (g_thread_join (threads[i])));
  after = community_ruleset_to_json (ruleset);
  ck_assert (json_node_equal (before, after));
}
END_TEST

/* --- community_dataset_copy() --- */

/* The sample with unknown members, nested ones included, at the top and
 * in a community. */
static CommunityDataset *
load_sample_with_extras (void)
{
  g_autoptr(CommunityDataset) sample = community_test_load_sample ();
  g_autoptr(JsonNode) root = community_dataset_to_node (sample);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *community;
  CommunityDataset *dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;

  ck_assert (json_parser_load_from_data (parser,
                                         "{\"note\": [1, 2.5, true, null, \"s\", {\"deep\": [[{}]]}]}",
                                         -1, NULL));
  json_object_set_member (json_node_get_object (root), "x_city",
                          json_node_copy (json_parser_get_root (parser)));
  community = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root),
                                                                           "communities"), 0);
  json_object_set_string_member (community, "x_remark", "kept");
  ck_assert_msg (community_dataset_load_from_node (dataset, root, &error), "%s",
                 error != NULL ? error->message : "");
  return dataset;
}

START_TEST (test_copy_equal)
{
  g_autoptr(CommunityDataset) dataset = load_sample_with_extras ();
  g_autoptr(CommunityDataset) copy = community_dataset_copy (dataset);
  g_autofree char *text = community_dataset_save_to_data (dataset, NULL);
  g_autofree char *copy_text = community_dataset_save_to_data (copy, NULL);

  ck_assert_ptr_ne (copy, dataset);
  ck_assert (community_dataset_equal (dataset, copy));
  ck_assert_str_eq (copy_text, text);
  ck_assert_ptr_nonnull (strstr (copy_text, "\"x_remark\""));
  ck_assert_ptr_nonnull (strstr (copy_text, "\"deep\""));
  ck_assert_uint_eq (community_dataset_get_codes_year (copy), community_dataset_get_codes_year (dataset));
  ck_assert (g_date_compare (community_dataset_get_as_of (copy), community_dataset_get_as_of (dataset)) == 0);

  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    {
      GListModel *items = community_dataset_get_items (dataset, kind);
      GListModel *copy_items = community_dataset_get_items (copy, kind);

      ck_assert_uint_eq (g_list_model_get_n_items (copy_items), g_list_model_get_n_items (items));
      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(CommunityEntity) entity = g_list_model_get_item (items, i);
          g_autoptr(CommunityEntity) copied = g_list_model_get_item (copy_items, i);

          ck_assert_ptr_ne (copied, entity);
          ck_assert (G_OBJECT_TYPE (copied) == G_OBJECT_TYPE (entity));
          ck_assert_pstr_eq (community_entity_get_identity (copied), community_entity_get_identity (entity));
          ck_assert_ptr_eq (community_entity_get_dataset (copied), copy);
          /* Funding and commendations may have no id (DOMAIN.md §2). */
          if (community_entity_get_identity (entity) != NULL)
            ck_assert_ptr_eq (community_dataset_lookup (copy, kind, community_entity_get_identity (entity)),
                              copied);
          ck_assert (community_record_equal (COMMUNITY_RECORD (copied), COMMUNITY_RECORD (entity)));
        }
    }

  /* The copy validates as the original does. */
  {
    g_autoptr(CommunityValidator) validator = new_validator ();
    g_autoptr(CommunityReport) a = community_validator_run (validator, dataset);
    g_autoptr(CommunityReport) b = community_validator_run (validator, copy);
    g_autofree char *a_text = report_text (a);
    g_autofree char *b_text = report_text (b);

    ck_assert_str_eq (b_text, a_text);
  }
}
END_TEST

/* Changing the copy, nested records and lists included, leaves the
 * original as it was, and the other way round. */
START_TEST (test_copy_independent)
{
  g_autoptr(CommunityDataset) dataset = load_sample_with_extras ();
  g_autoptr(CommunityDataset) copy = community_dataset_copy (dataset);
  g_autofree char *before = community_dataset_save_to_data (dataset, NULL);
  g_autofree char *after = NULL;
  CommunityCommunity *community = community_dataset_get_community (copy, "320213025001");
  CommunityConsultation *consultation =
    COMMUNITY_CONSULTATION (g_list_model_get_item (community_dataset_get_items (copy, COMMUNITY_ENTITY_KIND_CONSULTATION), 0));
  g_autoptr(CommunityCommittee) committee = NULL;
  g_autoptr(CommunityCommittee) original_committee = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GListModel) original_history = NULL;
  guint members = 0;

  g_object_get (community, "committee", &committee, NULL);
  g_object_get (community_dataset_get_community (dataset, "320213025001"), "committee",
                &original_committee, NULL);
  ck_assert_ptr_nonnull (committee);
  ck_assert_ptr_ne (committee, original_committee);
  g_object_set (committee, "members", 99, NULL);

  g_object_get (consultation, "history", &history, NULL);
  g_object_get (community_dataset_lookup (dataset, COMMUNITY_ENTITY_KIND_CONSULTATION,
                                          community_entity_get_identity (COMMUNITY_ENTITY (consultation))),
                "history", &original_history, NULL);
  ck_assert_ptr_ne (history, original_history);
  ck_assert_uint_eq (g_list_model_get_n_items (history), g_list_model_get_n_items (original_history));
  for (guint i = 0; i < g_list_model_get_n_items (history); i++)
    {
      g_autoptr(GObject) a = g_list_model_get_item (history, i);
      g_autoptr(GObject) b = g_list_model_get_item (original_history, i);

      ck_assert_ptr_ne (a, b);
    }
  g_list_store_remove (G_LIST_STORE (history), 0);
  g_object_unref (consultation);

  g_object_set (community_dataset_get_worker (copy, "W0018"), "annual-pay-yuan", (gint64) 1, NULL);
  g_object_set (community, "households", 1, NULL);
  ck_assert (community_dataset_remove (copy, COMMUNITY_ENTITY (community_dataset_get_grid (copy, "320213025005-G01"))));
  ck_assert (community_record_get_extra (COMMUNITY_RECORD (community)) !=
             community_record_get_extra (COMMUNITY_RECORD (community_dataset_get_community (dataset, "320213025001"))));

  after = community_dataset_save_to_data (dataset, NULL);
  ck_assert_str_eq (after, before);
  ck_assert (!community_dataset_equal (dataset, copy));
  g_object_get (original_committee, "members", &members, NULL);
  ck_assert_uint_eq (members, 7);

  /* The other way: the copy outlives the original, and is whole. */
  {
    g_autoptr(CommunityDataset) copy2 = community_dataset_copy (dataset);
    g_autofree char *copy2_text = NULL;

    community_test_assert_finalized (g_steal_pointer (&dataset));
    copy2_text = community_dataset_save_to_data (copy2, NULL);
    ck_assert_str_eq (copy2_text, before);
  }
}
END_TEST

START_TEST (test_copy_empty)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityDataset) copy = community_dataset_copy (dataset);

  ck_assert (community_dataset_equal (dataset, copy));
  ck_assert_ptr_null (community_dataset_get_as_of (copy));
  ck_assert_uint_eq (community_dataset_get_codes_year (copy), 0);
  ck_assert_ptr_null (community_dataset_get_extra (copy));
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("async");
  TCase *tc = tcase_create ("async");

  tcase_add_test (tc, test_async_equals_sync);
  tcase_add_test (tc, test_change_after_start);
  tcase_add_test (tc, test_reload_after_start);
  tcase_add_test (tc, test_drop_after_start);
  tcase_add_test (tc, test_cancelled_before);
  tcase_add_test (tc, test_cancelled_after_start);
  tcase_add_test (tc, test_not_cancelled);
  tcase_add_test (tc, test_concurrent);
  tcase_add_test (tc, test_report_shared);
  tcase_add_test (tc, test_ruleset_shared);
  tcase_add_test (tc, test_copy_equal);
  tcase_add_test (tc, test_copy_independent);
  tcase_add_test (tc, test_copy_empty);
  suite_add_tcase (s, tc);
  return community_test_run (s);
}
