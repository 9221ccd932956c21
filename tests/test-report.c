/* test-report.c: the validator's report: counts, filters, rule and
 * indicator results and the §7 JSON, over the bundled sample
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-common.h"

#define HEAD "{\"format\": \"libcommunity-ruleset\", \"version\": 1, "

/* Validates the sample with @ruleset, or with wuxi-2018 when NULL. */
static CommunityReport *
validate_sample (CommunityRuleset *ruleset)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityRuleset) builtin = NULL;
  g_autoptr(CommunityValidator) validator = NULL;

  if (ruleset == NULL)
    {
      builtin = community_ruleset_new_builtin ("wuxi-2018", NULL);
      ck_assert_ptr_nonnull (builtin);
      ruleset = builtin;
    }
  validator = community_validator_new (ruleset);
  return community_validator_run (validator, dataset);
}

/* Whether @model holds a finding of @rule about @subject_id. */
static gboolean
has_finding (GListModel *model,
             const char *rule,
             const char *subject_id)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (model, i);

      if (g_str_equal (community_finding_get_rule (finding), rule) &&
          g_str_equal (community_finding_get_subject_id (finding), subject_id))
        return TRUE;
    }
  return FALSE;
}

START_TEST (test_sample_counts)
{
  g_autoptr(CommunityReport) report = validate_sample (NULL);
  GListModel *findings = community_report_get_findings (report);

  ck_assert_str_eq (community_report_get_ruleset (report), "wuxi-2018");
  ck_assert_uint_eq (g_list_model_get_n_items (findings), 9);
  ck_assert (g_list_model_get_item_type (findings) == COMMUNITY_TYPE_FINDING);
  ck_assert_uint_eq (community_report_count (report, COMMUNITY_SEVERITY_ERROR), 6);
  ck_assert_uint_eq (community_report_count (report, COMMUNITY_SEVERITY_WARNING), 3);
  ck_assert_uint_eq (community_report_count (report, COMMUNITY_SEVERITY_INFO), 0);
  ck_assert_uint_eq (community_report_count_at_least (report, COMMUNITY_SEVERITY_ERROR), 6);
  ck_assert_uint_eq (community_report_count_at_least (report, COMMUNITY_SEVERITY_WARNING), 9);
  ck_assert_uint_eq (community_report_count_at_least (report, COMMUNITY_SEVERITY_INFO), 9);
}
END_TEST

/* The nine deliberate defects of examples/data/README.md, each with its
 * subject, pointer and numbers. */
START_TEST (test_sample_findings)
{
  g_autoptr(CommunityReport) report = validate_sample (NULL);
  CommunityFinding *finding;

  finding = community_test_assert_one_finding (report, "grid.coverage", "320213025009",
                                               "/communities/3/households");
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_COMMUNITY);
  ck_assert_str_eq (community_finding_get_clause (finding), "一(三), 三(四)");
  ck_assert_int_eq (json_node_get_int (community_finding_get_expected (finding)), 2320);
  ck_assert_int_eq (json_node_get_int (community_finding_get_actual (finding)), 2180);
  ck_assert (community_finding_get_shortfall (finding) == 140);

  finding = community_test_assert_one_finding (report, "facility.area-per-households",
                                               "320213025005", "/communities/2");
  ck_assert (json_node_get_double (community_finding_get_expected (finding)) == 1100);
  ck_assert (json_node_get_double (community_finding_get_actual (finding)) == 860);
  ck_assert (community_finding_get_shortfall (finding) == 240);

  /* 梁溪区's 52 full-time staff earn 110353 yuan on average (年人均), under
   * its 2018 baseline. */
  finding = community_test_assert_one_finding (report, "worker.pay-floor", "320213000000",
                                               "/divisions/1");
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_WARNING);
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_DIVISION);
  ck_assert_int_eq (json_node_get_int (community_finding_get_expected (finding)), 112480);
  ck_assert_int_eq (json_node_get_int (community_finding_get_actual (finding)), 110353);
  ck_assert (community_finding_get_shortfall (finding) == 112480 - 110353);

  finding = community_test_assert_one_finding (report, "grid.leader", "320205106001-G02",
                                               "/grids/17/leader");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_GRID);
  finding = community_test_assert_one_finding (report, "street.party-guidance-station",
                                               "320214055000", "/divisions/7");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_DIVISION);
  community_test_assert_one_finding (report, "funding.community-floor", "320205106203",
                                     "/communities/9");
  community_test_assert_one_finding (report, "work-item.admission", "WI-06",
                                     "/work_items/5/legal_review/approved");
  /* An assessment issued by a department (the alias 市综治办 resolves). */
  finding = community_test_assert_one_finding (report, "work-item.department-assessment", "WI-11",
                                               "/work_items/10/issued_by");
  ck_assert_str_eq (json_node_get_string (community_finding_get_expected (finding)), "grassroots_government");
  ck_assert_str_eq (json_node_get_string (community_finding_get_actual (finding)), "department");
  /* 8 full-time workers commended in 2019, of 10. */
  finding = community_test_assert_one_finding (report, "commendation.annual", "320200000000", "/divisions/0");
  ck_assert_int_eq (json_node_get_int (community_finding_get_actual (finding)), 8);
  ck_assert_str_eq (json_object_get_string_member (json_node_get_object (community_finding_get_expected (finding)),
                                                   "kind"), "full_time_worker");
}
END_TEST

START_TEST (test_rule_results)
{
  g_autoptr(CommunityReport) report = validate_sample (NULL);
  GListModel *results = community_report_get_rule_results (report);
  CommunityRuleResult *leader = community_report_get_rule_result (report, "grid.leader");
  guint failed = 0;

  /* 37 rules; facility.office-area, consultation.feedback-overdue and
   * work-item.ledger-rating-cap disabled by default. */
  ck_assert_uint_eq (g_list_model_get_n_items (results), 34);
  ck_assert_ptr_null (community_report_get_rule_result (report, "consultation.feedback-overdue"));
  ck_assert_ptr_null (community_report_get_rule_result (report, "work-item.ledger-rating-cap"));
  ck_assert_ptr_null (community_report_get_rule_result (report, "facility.office-area"));
  ck_assert_ptr_null (community_report_get_rule_result (report, "no.such-rule"));

  ck_assert_ptr_nonnull (leader);
  ck_assert_str_eq (community_rule_result_get_id (leader), "grid.leader");
  ck_assert_uint_eq (community_rule_result_get_failed (leader), 1);
  ck_assert_uint_eq (community_rule_result_get_applied (leader),
                     community_rule_result_get_passed (leader) + 1);
  /* 35 grids in the sample, every one of them judged. */
  ck_assert_uint_eq (community_rule_result_get_applied (leader) +
                     community_rule_result_get_not_applicable (leader), 35);

  /* Every finding is counted as a failure of its rule. */
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(CommunityRuleResult) result = g_list_model_get_item (results, i);

      ck_assert_uint_eq (community_rule_result_get_applied (result),
                         community_rule_result_get_passed (result) +
                         community_rule_result_get_failed (result));
      failed += community_rule_result_get_failed (result);
    }
  ck_assert_uint_eq (failed, 9);
}
END_TEST

START_TEST (test_filter)
{
  g_autoptr(CommunityReport) report = validate_sample (NULL);
  g_autoptr(GListModel) errors = community_report_filter (report, COMMUNITY_SEVERITY_ERROR,
                                                          NULL, NULL, NULL);
  g_autoptr(GListModel) liangxi = community_report_filter (report, COMMUNITY_SEVERITY_INFO,
                                                           NULL, NULL, "320213000000");
  g_autoptr(GListModel) xishan = community_report_filter (report, COMMUNITY_SEVERITY_INFO,
                                                          NULL, NULL, "320205000000");
  g_autoptr(GListModel) street = community_report_filter (report, COMMUNITY_SEVERITY_INFO,
                                                          NULL, NULL, "320214055000");
  g_autoptr(GListModel) worker = community_report_filter (report, COMMUNITY_SEVERITY_INFO,
                                                          NULL, "320213000000", NULL);
  g_autoptr(GListModel) none = community_report_filter (report, COMMUNITY_SEVERITY_ERROR,
                                                        "worker.pay-floor", NULL, NULL);
  g_autoptr(GListModel) city = community_report_filter (report, COMMUNITY_SEVERITY_INFO,
                                                        NULL, NULL, "320200000000");

  ck_assert_uint_eq (g_list_model_get_n_items (errors), 6);
  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (errors, i);
      ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
    }

  /* 梁溪区: its communities' findings and its own, not 锡山区's grid. */
  ck_assert (has_finding (liangxi, "grid.coverage", "320213025009"));
  ck_assert (has_finding (liangxi, "facility.area-per-households", "320213025005"));
  ck_assert (has_finding (liangxi, "worker.pay-floor", "320213000000"));
  ck_assert (!has_finding (liangxi, "grid.leader", "320205106001-G02"));
  ck_assert (!has_finding (liangxi, "street.party-guidance-station", "320214055000"));

  ck_assert (has_finding (xishan, "grid.leader", "320205106001-G02"));
  ck_assert (has_finding (xishan, "funding.community-floor", "320205106203"));
  ck_assert (!has_finding (xishan, "grid.coverage", "320213025009"));

  /* A street's own finding is in the street's filter. WI-11 lists no
   * community: carried out in every one (DOMAIN.md §2), it is the city's,
   * in the city's filter alone. */
  ck_assert (has_finding (street, "street.party-guidance-station", "320214055000"));
  ck_assert_uint_eq (g_list_model_get_n_items (street), 1);
  ck_assert (!has_finding (liangxi, "work-item.department-assessment", "WI-11"));
  ck_assert (has_finding (city, "work-item.department-assessment", "WI-11"));
  /* WI-06 lists its communities: it lies in theirs alone. */
  ck_assert (has_finding (liangxi, "work-item.admission", "WI-06"));
  ck_assert (!has_finding (xishan, "work-item.admission", "WI-06"));

  /* Everything is below the city. */
  ck_assert_uint_eq (g_list_model_get_n_items (city), 9);

  ck_assert_uint_eq (g_list_model_get_n_items (worker), 1);
  /* worker.pay-floor is a warning: nothing at error level. */
  ck_assert_uint_eq (g_list_model_get_n_items (none), 0);
}
END_TEST

START_TEST (test_indicators)
{
  g_autoptr(CommunityReport) report = validate_sample (NULL);
  CommunityIndicatorResult *result;
  GListModel *indicators = community_report_get_indicators (report);

  ck_assert_uint_gt (g_list_model_get_n_items (indicators), 0);

  result = community_report_get_indicator (report, "self-governance.compliance", "320200000000");
  ck_assert_ptr_nonnull (result);
  ck_assert_str_eq (community_indicator_result_get_id (result), "self-governance.compliance");
  ck_assert_str_eq (community_indicator_result_get_division (result), "320200000000");
  ck_assert (community_indicator_result_get_numerator (result) == 14);
  ck_assert (community_indicator_result_get_denominator (result) == 15);
  ck_assert (community_indicator_result_is_applicable (result));
  ck_assert_double_eq_tol (community_indicator_result_get_value (result), 14.0 / 15.0, 1e-9);
  ck_assert (community_indicator_result_get_target (result) == 0.98);
  ck_assert (!community_indicator_result_get_met (result));

  /* 锡山区 misses the certified-staff share: 12 of 25. */
  result = community_report_get_indicator (report, "worker.certified-share", "320205000000");
  ck_assert_ptr_nonnull (result);
  ck_assert (community_indicator_result_get_numerator (result) == 12);
  ck_assert (community_indicator_result_get_denominator (result) == 25);
  ck_assert (!community_indicator_result_get_met (result));

  ck_assert_ptr_null (community_report_get_indicator (report, "self-governance.compliance",
                                                      "110000000000"));
}
END_TEST

/* Every indicator of the sample's report has a title, also in its JSON;
 * the tests run in the C locale, so the titles are English. */
START_TEST (test_indicator_titles)
{
  g_autoptr(CommunityReport) report = validate_sample (NULL);
  GListModel *indicators = community_report_get_indicators (report);
  CommunityIndicatorResult *result;
  g_autoptr(JsonNode) node = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(CommunityIndicatorResult) indicator = g_list_model_get_item (indicators, i);
      const char *title = community_indicator_result_get_title (indicator);

      ck_assert_msg (title != NULL && *title != '\0', "%s has no title",
                     community_indicator_result_get_id (indicator));
    }

  result = community_report_get_indicator (report, "self-governance.compliance", "320200000000");
  ck_assert_str_eq (community_indicator_result_get_title (result),
                    "Villages' and residents' committees self-governing to standard");
  node = community_indicator_result_to_json (result);
  ck_assert_str_eq (json_object_get_string_member (json_node_get_object (node), "title"),
                    "Villages' and residents' committees self-governing to standard");
}
END_TEST

/* The terms of vocabulary values: by value and by nick, for enums and for
 * single flags; NULL for anything that is not one value. */
START_TEST (test_vocabulary_terms)
{
  ck_assert_str_eq (community_vocabulary_get_term (COMMUNITY_TYPE_WORK_CATEGORY,
                                                   COMMUNITY_WORK_CATEGORY_DEMOLITION),
                    "demolition and removal of illegal buildings");
  ck_assert_str_eq (community_vocabulary_get_term_for_nick (COMMUNITY_TYPE_WORK_CATEGORY, "demolition"),
                    "demolition and removal of illegal buildings");
  ck_assert_str_eq (community_vocabulary_get_term (COMMUNITY_TYPE_WORKER_ROLES,
                                                   COMMUNITY_WORKER_ROLES_GRID_LEADER),
                    "grid leader");
  /* The same nick in two vocabularies: two terms. */
  ck_assert_str_eq (community_vocabulary_get_term_for_nick (COMMUNITY_TYPE_GRID_BASE_UNIT, "residential"),
                    "residential quarter (buildings)");
  ck_assert_str_eq (community_vocabulary_get_term_for_nick (COMMUNITY_TYPE_UTILITY_PRICING, "residential"),
                    "residents' prices");

  ck_assert_ptr_null (community_vocabulary_get_term (COMMUNITY_TYPE_WORKER_ROLES,
                                                     COMMUNITY_WORKER_ROLES_GRID_LEADER |
                                                     COMMUNITY_WORKER_ROLES_LEGAL_ADVISOR));
  ck_assert_ptr_null (community_vocabulary_get_term (COMMUNITY_TYPE_WORK_CATEGORY, 999));
  ck_assert_ptr_null (community_vocabulary_get_term_for_nick (COMMUNITY_TYPE_WORK_CATEGORY, "grid_leader"));
}
END_TEST

/* Two validations of the same data serialise to the same bytes, whatever
 * order the entities were added in; the JSON has the §7 shape. */
START_TEST (test_json_stable)
{
  g_autoptr(CommunityReport) first = validate_sample (NULL);
  g_autoptr(CommunityReport) second = validate_sample (NULL);
  g_autofree char *a = community_report_to_data (first, NULL);
  g_autofree char *b = community_report_to_data (second, NULL);
  g_autoptr(JsonNode) node = community_report_to_json (first);
  JsonObject *root, *summary, *finding, *subject;
  JsonArray *findings;

  ck_assert_str_eq (a, b);

  ck_assert (JSON_NODE_HOLDS_OBJECT (node));
  root = json_node_get_object (node);
  ck_assert_str_eq (json_object_get_string_member (root, "format"), "libcommunity-report");
  ck_assert_int_eq (json_object_get_int_member (root, "version"), 1);
  ck_assert_str_eq (json_object_get_string_member (root, "ruleset"), "wuxi-2018");
  summary = json_object_get_object_member (root, "summary");
  ck_assert_int_eq (json_object_get_int_member (summary, "errors"), 6);
  ck_assert_int_eq (json_object_get_int_member (summary, "warnings"), 3);
  ck_assert_int_eq (json_object_get_int_member (summary, "infos"), 0);
  findings = json_object_get_array_member (root, "findings");
  ck_assert_uint_eq (json_array_get_length (findings), 9);
  ck_assert_uint_eq (json_array_get_length (json_object_get_array_member (root, "rules")), 34);
  ck_assert_uint_gt (json_array_get_length (json_object_get_array_member (root, "indicators")), 0);

  for (guint i = 0; i < json_array_get_length (findings); i++)
    {
      const char *members[] = { "rule", "severity", "clause", "subject", "path",
                                "message", "expected", "actual" };

      finding = json_array_get_object_element (findings, i);
      for (guint m = 0; m < G_N_ELEMENTS (members); m++)
        ck_assert_msg (json_object_has_member (finding, members[m]),
                       "finding %u has no “%s”", i, members[m]);
      subject = json_object_get_object_member (finding, "subject");
      ck_assert (json_object_has_member (subject, "type"));
      ck_assert (json_object_has_member (subject, "id"));
      ck_assert (g_str_has_prefix (json_object_get_string_member (finding, "path"), "/"));
    }
}
END_TEST

/* A report is a snapshot: changing the data afterwards changes the next
 * report, not this one; and rerunning unchanged data gives the same bytes. */
START_TEST (test_rerun_after_change)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
  g_autoptr(CommunityReport) before = community_validator_run (validator, dataset);
  g_autoptr(CommunityReport) after = NULL;
  g_autoptr(CommunityReport) again = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GListModel) pay = NULL;
  CommunityWorker *worker = community_dataset_get_worker (dataset, "W0018");

  /* Paid 250000 instead of 92400, W0018 lifts 梁溪区's mean above its
   * baseline. */
  ck_assert_ptr_nonnull (worker);
  g_object_set (worker, "annual-pay-yuan", (gint64) 250000, NULL);
  after = community_validator_run (validator, dataset);
  ck_assert_uint_eq (community_report_count (after, COMMUNITY_SEVERITY_WARNING), 2);
  pay = community_test_findings (after, "worker.pay-floor");
  ck_assert_uint_eq (g_list_model_get_n_items (pay), 0);
  ck_assert_uint_eq (community_report_count (before, COMMUNITY_SEVERITY_WARNING), 3);

  again = community_validator_run (validator, dataset);
  a = community_report_to_data (after, NULL);
  b = community_report_to_data (again, NULL);
  ck_assert_str_eq (a, b);
}
END_TEST

START_TEST (test_overrides)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityRuleset) ruleset =
    community_ruleset_new_from_data (HEAD "\"name\": \"stricter\", \"extends\": \"wuxi-2018\","
                                     " \"rules\": {\"grid.leader\": {\"enabled\": false},"
                                     "  \"worker.pay-floor\": {\"severity\": \"error\"},"
                                     "  \"grid.coverage\": {\"severity\": \"info\"}}}",
                                     -1, &error);
  g_autoptr(CommunityReport) report = NULL;
  g_autoptr(GListModel) leader = NULL;
  CommunityFinding *finding;

  ck_assert_msg (ruleset != NULL, "%s", error ? error->message : "");
  report = validate_sample (ruleset);
  ck_assert_str_eq (community_report_get_ruleset (report), "stricter");

  /* The disabled rule is neither counted nor reported. */
  leader = community_test_findings (report, "grid.leader");
  ck_assert_uint_eq (g_list_model_get_n_items (leader), 0);
  ck_assert_ptr_null (community_report_get_rule_result (report, "grid.leader"));

  finding = community_test_assert_one_finding (report, "worker.pay-floor", "320213000000",
                                               "/divisions/1");
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  finding = community_test_assert_one_finding (report, "grid.coverage", "320213025009",
                                               "/communities/3/households");
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_INFO);

  /* 6 errors − grid.leader − grid.coverage + worker.pay-floor. */
  ck_assert_uint_eq (community_report_count (report, COMMUNITY_SEVERITY_ERROR), 5);
  ck_assert_uint_eq (community_report_count (report, COMMUNITY_SEVERITY_WARNING), 2);
  ck_assert_uint_eq (community_report_count (report, COMMUNITY_SEVERITY_INFO), 1);
}
END_TEST

START_TEST (test_empty_dataset)
{
  g_autoptr(CommunityReport) report =
    community_test_validate ("{\"format\": \"libcommunity-dataset\", \"version\": 1}");
  g_autofree char *text = community_report_to_data (report, NULL);
  CommunityRuleResult *result = community_report_get_rule_result (report, "grid.leader");

  ck_assert_uint_eq (g_list_model_get_n_items (community_report_get_findings (report)), 0);
  ck_assert_uint_eq (community_report_count_at_least (report, COMMUNITY_SEVERITY_INFO), 0);
  ck_assert_ptr_nonnull (result);
  ck_assert_uint_eq (community_rule_result_get_applied (result), 0);
  ck_assert_ptr_nonnull (strstr (text, "\"findings\" : []"));
}
END_TEST

START_TEST (test_finalized)
{
  CommunityReport *report = validate_sample (NULL);
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(CommunityFinding) finding = NULL;

  findings = community_report_filter (report, COMMUNITY_SEVERITY_INFO, NULL, NULL, NULL);
  finding = g_list_model_get_item (findings, 0);
  community_test_assert_finalized (report);
  /* What the caller holds outlives the report. */
  ck_assert_ptr_nonnull (community_finding_get_rule (finding));
  ck_assert_uint_eq (g_list_model_get_n_items (findings), 9);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("report");
  TCase *tc = tcase_create ("report");

  tcase_add_test (tc, test_sample_counts);
  tcase_add_test (tc, test_sample_findings);
  tcase_add_test (tc, test_rule_results);
  tcase_add_test (tc, test_filter);
  tcase_add_test (tc, test_indicators);
  tcase_add_test (tc, test_indicator_titles);
  tcase_add_test (tc, test_vocabulary_terms);
  tcase_add_test (tc, test_json_stable);
  tcase_add_test (tc, test_rerun_after_change);
  tcase_add_test (tc, test_overrides);
  tcase_add_test (tc, test_empty_dataset);
  tcase_add_test (tc, test_finalized);
  suite_add_tcase (s, tc);
  return community_test_run (s);
}
