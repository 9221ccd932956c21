/* test-ruleset.c: the built-in ruleset, extension and refusals
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib/gstdio.h>

#include "test-common.h"

#include <math.h>

#define HEAD "{\"format\": \"libcommunity-ruleset\", \"version\": 1, "

START_TEST (test_builtin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", &error);
  g_auto(GStrv) rules = NULL;
  g_auto(GStrv) indicators = NULL;
  g_auto(GStrv) builtin = community_ruleset_list_builtin ();

  ck_assert_ptr_nonnull (ruleset);
  ck_assert (g_strv_contains ((const char * const *) builtin, "wuxi-2018"));
  ck_assert_str_eq (community_ruleset_get_name (ruleset), "wuxi-2018");

  rules = community_ruleset_list_rules (ruleset);
  ck_assert_uint_eq (g_strv_length (rules), 37);
  ck_assert_str_eq (rules[0], "code.format");
  indicators = community_ruleset_list_indicators (ruleset);
  ck_assert_uint_eq (g_strv_length (indicators), 20);

  /* The policy's numbers and modality. */
  ck_assert (community_ruleset_get_rule_param (ruleset, "committee.households", "urban_min") == 2000);
  ck_assert (community_ruleset_get_rule_param (ruleset, "committee.households", "rural_max") == 2000);
  ck_assert (community_ruleset_get_rule_param (ruleset, "facility.area-per-households", "m2_per_100") == 40);
  ck_assert (community_ruleset_get_rule_param (ruleset, "workers.per-households", "households_per_worker") == 300);
  ck_assert (community_ruleset_get_rule_param (ruleset, "funding.city-floor", "min") == 10000000);
  ck_assert_int_eq (community_ruleset_get_rule_severity (ruleset, "committee.households"), COMMUNITY_SEVERITY_WARNING);
  ck_assert_int_eq (community_ruleset_get_rule_severity (ruleset, "grid.leader"), COMMUNITY_SEVERITY_ERROR);
  ck_assert_int_eq (community_ruleset_get_rule_severity (ruleset, "grid.full-time-administrator"), COMMUNITY_SEVERITY_INFO);
  ck_assert_str_eq (community_ruleset_get_rule_clause (ruleset, "grid.leader"), "三(四)");
  ck_assert_ptr_null (community_ruleset_get_rule_clause (ruleset, "ref.unresolved"));
  ck_assert (community_ruleset_get_rule_enabled (ruleset, "grid.leader"));
  /* A rule the policy gives no number for ships disabled. */
  ck_assert (!community_ruleset_get_rule_enabled (ruleset, "facility.office-area"));
  ck_assert (!community_ruleset_get_rule_enabled (ruleset, "consultation.feedback-overdue"));
  ck_assert (!community_ruleset_get_rule_enabled (ruleset, "work-item.ledger-rating-cap"));
  /* ... and its parameters are null until a ruleset sets them. */
  ck_assert (isnan (community_ruleset_get_rule_param (ruleset, "consultation.feedback-overdue", "implement_days")));
  ck_assert (isnan (community_ruleset_get_rule_param (ruleset, "work-item.ledger-rating-cap", "max_per_year")));
  ck_assert (community_ruleset_get_rule_param (ruleset, "commendation.annual", "count") == 10);
  /* A monitoring indicator has no target. */
  ck_assert (isnan (community_ruleset_get_indicator_target (ruleset, "committee.local-resident-share")));
  ck_assert (community_ruleset_get_indicator_target (ruleset, "worker.certified-share") == 0.60);
  ck_assert (community_ruleset_get_indicator_target (ruleset, "grid.coverage") == 1.0);
  ck_assert_str_eq (community_ruleset_get_indicator_clause (ruleset, "home-care.informatization"), "四(五)");
}
END_TEST

START_TEST (test_unknown_builtin)
{
  g_autoptr(GError) error = NULL;

  ck_assert_ptr_null (community_ruleset_new_builtin ("shanghai-2030", &error));
  ck_assert (g_error_matches (error, COMMUNITY_RULESET_ERROR, COMMUNITY_RULESET_ERROR_EXTENDS));
}
END_TEST

START_TEST (test_every_enabled_rule_runs)
{
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityReport) report = community_validator_run (validator, dataset);
  g_auto(GStrv) rules = community_ruleset_list_rules (ruleset);
  guint enabled = 0;

  /* Every rule the ruleset configures has code behind it: each enabled one
   * appears in the report, even over an empty dataset. */
  for (guint i = 0; rules[i] != NULL; i++)
    if (community_ruleset_get_rule_enabled (ruleset, rules[i]))
      {
        enabled++;
        ck_assert_msg (community_report_get_rule_result (report, rules[i]) != NULL,
                       "%s has no implementation", rules[i]);
      }
  ck_assert_uint_eq (g_list_model_get_n_items (community_report_get_rule_results (report)), enabled);
  ck_assert_ptr_null (community_report_get_rule_result (report, "facility.office-area"));
}
END_TEST

START_TEST (test_extend_and_override)
{
  const char *doc =
    HEAD "\"name\": \"wuxi-2021\", \"extends\": \"wuxi-2018\","
    " \"rules\": {\"committee.households\": {\"params\": {\"urban_max\": 3500}},"
    "             \"worker.phone\": {\"enabled\": false},"
    "             \"grid.leader\": {\"severity\": \"warning\"},"
    "             \"facility.office-area\": {\"enabled\": true, \"params\": {\"max_office_share\": 0.25}}},"
    " \"indicators\": {\"grid.coverage\": {\"target\": 0.99}}}";
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_from_data (doc, -1, &error);

  ck_assert_msg (ruleset != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (community_ruleset_get_name (ruleset), "wuxi-2021");
  /* Overridden ... */
  ck_assert (community_ruleset_get_rule_param (ruleset, "committee.households", "urban_max") == 3500);
  ck_assert (!community_ruleset_get_rule_enabled (ruleset, "worker.phone"));
  ck_assert_int_eq (community_ruleset_get_rule_severity (ruleset, "grid.leader"), COMMUNITY_SEVERITY_WARNING);
  ck_assert (community_ruleset_get_rule_enabled (ruleset, "facility.office-area"));
  ck_assert (community_ruleset_get_rule_param (ruleset, "facility.office-area", "max_office_share") == 0.25);
  ck_assert (community_ruleset_get_indicator_target (ruleset, "grid.coverage") == 0.99);
  /* ... merged, not replaced: the siblings keep the base's values. */
  ck_assert (community_ruleset_get_rule_param (ruleset, "committee.households", "urban_min") == 2000);
  ck_assert_int_eq (community_ruleset_get_rule_severity (ruleset, "committee.households"), COMMUNITY_SEVERITY_WARNING);
  ck_assert_str_eq (community_ruleset_get_rule_clause (ruleset, "grid.leader"), "三(四)");
  ck_assert (community_ruleset_get_indicator_target (ruleset, "self-governance.compliance") == 0.98);
}
END_TEST

START_TEST (test_override_changes_findings)
{
  const char *dataset_doc =
    "{\"format\": \"libcommunity-dataset\", \"version\": 1,"
    " \"grids\": [{\"id\": \"G1\", \"community\": \"C1\", \"administrators\": [\"W1\"]}],"
    " \"workers\": [{\"id\": \"W1\", \"community\": \"C1\"}]}";
  const char *ruleset_doc =
    HEAD "\"extends\": \"wuxi-2018\", \"rules\": {\"grid.leader\": {\"severity\": \"info\"},"
    " \"grid.administrators\": {\"params\": {\"min\": 2}}}}";
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_from_data (ruleset_doc, -1, NULL);
  g_autoptr(CommunityValidator) validator = NULL;
  g_autoptr(CommunityReport) report = NULL;
  CommunityFinding *finding;

  ck_assert (community_dataset_load_from_data (dataset, dataset_doc, -1, NULL));
  ck_assert_ptr_nonnull (ruleset);
  validator = community_validator_new (ruleset);
  report = community_validator_run (validator, dataset);

  finding = community_test_assert_one_finding (report, "grid.leader", "G1", "/grids/0/leader");
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_INFO);
  finding = community_test_assert_one_finding (report, "grid.administrators", "G1", "/grids/0/administrators");
  ck_assert_int_eq (json_node_get_int (community_finding_get_expected (finding)), 2);
  ck_assert_int_eq (json_node_get_int (community_finding_get_actual (finding)), 1);
  ck_assert (community_finding_get_shortfall (finding) == 1);
  ck_assert_str_eq (community_report_get_ruleset (report), "custom");
}
END_TEST

START_TEST (test_extend_a_file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-ruleset-XXXXXX", NULL);
  g_autofree char *base = g_build_filename (dir, "base.json", NULL);
  g_autofree char *top = g_build_filename (dir, "top.json", NULL);
  g_autoptr(CommunityRuleset) ruleset = NULL;

  ck_assert (g_file_set_contents (base, HEAD "\"name\": \"base\", \"extends\": \"wuxi-2018\","
                                  " \"rules\": {\"committee.households\": {\"params\": {\"urban_min\": 1500, \"urban_max\": 3500}}}}",
                                  -1, NULL));
  /* Relative to the extending file, not the current directory. */
  ck_assert (g_file_set_contents (top, HEAD "\"name\": \"top\", \"extends\": \"base.json\","
                                  " \"rules\": {\"committee.households\": {\"params\": {\"urban_max\": 4000}}}}",
                                  -1, NULL));

  ruleset = community_ruleset_new_from_file (top, &error);
  ck_assert_msg (ruleset != NULL, "%s", error ? error->message : "");
  ck_assert_str_eq (community_ruleset_get_name (ruleset), "top");
  ck_assert (community_ruleset_get_rule_param (ruleset, "committee.households", "urban_min") == 1500);
  ck_assert (community_ruleset_get_rule_param (ruleset, "committee.households", "urban_max") == 4000);
  ck_assert (community_ruleset_get_rule_param (ruleset, "committee.households", "rural_min") == 1000);

  g_unlink (base);
  g_unlink (top);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_extend_cycle)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-ruleset-XXXXXX", NULL);
  g_autofree char *a = g_build_filename (dir, "a.json", NULL);
  g_autofree char *b = g_build_filename (dir, "b.json", NULL);

  ck_assert (g_file_set_contents (a, HEAD "\"extends\": \"b.json\"}", -1, NULL));
  ck_assert (g_file_set_contents (b, HEAD "\"extends\": \"a.json\"}", -1, NULL));
  ck_assert_ptr_null (community_ruleset_new_from_file (a, &error));
  community_test_assert_error (error, COMMUNITY_RULESET_ERROR, COMMUNITY_RULESET_ERROR_EXTENDS, "/extends");

  g_unlink (a);
  g_unlink (b);
  g_rmdir (dir);
}
END_TEST

static const struct {
  const char *json;
  CommunityRulesetError code;
  const char *pointer;
} bad_rulesets[] = {
  { "", COMMUNITY_RULESET_ERROR_SYNTAX, "(root)" },
  { "{\"format\": ", COMMUNITY_RULESET_ERROR_SYNTAX, "(root)" },
  { "[]", COMMUNITY_RULESET_ERROR_FORMAT, "(root)" },
  { "{\"format\": \"libcommunity-dataset\", \"version\": 1}", COMMUNITY_RULESET_ERROR_FORMAT, "/format" },
  { "{\"format\": \"libcommunity-ruleset\", \"version\": 3}", COMMUNITY_RULESET_ERROR_FORMAT, "/version" },
  { HEAD "\"extends\": \"no-such-ruleset.json\"}", COMMUNITY_RULESET_ERROR_EXTENDS, "/extends" },
  { HEAD "\"rules\": {\"grid.leeder\": {\"enabled\": false}}}", COMMUNITY_RULESET_ERROR_UNKNOWN_RULE, "/rules/grid.leeder" },
  { HEAD "\"indicators\": {\"grid.coverage.rural\": {\"target\": 0.5}}}", COMMUNITY_RULESET_ERROR_UNKNOWN_INDICATOR, "/indicators/grid.coverage.rural" },
  { HEAD "\"rules\": {\"committee.households\": {\"params\": {\"urban_mean\": 2500}}}}",
    COMMUNITY_RULESET_ERROR_UNKNOWN_MEMBER, "/rules/committee.households/params/urban_mean" },
  { HEAD "\"rules\": {\"committee.households\": {\"params\": {\"urban_min\": \"2000\"}}}}",
    COMMUNITY_RULESET_ERROR_TYPE, "/rules/committee.households/params/urban_min" },
  { HEAD "\"rules\": {\"committee.households\": {\"params\": {\"urban_min\": null}}}}",
    COMMUNITY_RULESET_ERROR_TYPE, "/rules/committee.households/params/urban_min" },
  { HEAD "\"rules\": {\"grid.leader\": {\"severity\": \"fatal\"}}}", COMMUNITY_RULESET_ERROR_TYPE, "/rules/grid.leader/severity" },
  { HEAD "\"rules\": {\"grid.leader\": {\"enabled\": \"yes\"}}}", COMMUNITY_RULESET_ERROR_TYPE, "/rules/grid.leader/enabled" },
  { HEAD "\"rules\": {\"grid.leader\": {\"enable\": false}}}", COMMUNITY_RULESET_ERROR_UNKNOWN_MEMBER, "/rules/grid.leader/enable" },
  { HEAD "\"rules\": {\"grid.leader\": false}}", COMMUNITY_RULESET_ERROR_TYPE, "/rules/grid.leader" },
  { HEAD "\"rules\": []}", COMMUNITY_RULESET_ERROR_TYPE, "/rules" },
  { HEAD "\"indicators\": {\"grid.coverage\": {\"target\": 1.5}}}", COMMUNITY_RULESET_ERROR_TYPE, "/indicators/grid.coverage/target" },
  { HEAD "\"indicators\": {\"grid.coverage\": {\"clause\": 5}}}", COMMUNITY_RULESET_ERROR_TYPE, "/indicators/grid.coverage/clause" },
  { HEAD "\"indicators\": {\"grid.coverage\": {\"description\": []}}}", COMMUNITY_RULESET_ERROR_TYPE, "/indicators/grid.coverage/description" },
  { HEAD "\"rules\": {\"grid.leader\": {\"clause\": true}}}", COMMUNITY_RULESET_ERROR_TYPE, "/rules/grid.leader/clause" },
  { HEAD "\"rules\": {\"committee.households\": {\"params\": {\"urban_max\": -547}}}}", COMMUNITY_RULESET_ERROR_TYPE, "/rules/committee.households/params/urban_max" },
  { HEAD "\"rules\": {\"committee.households\": {\"params\": {\"urban_max\": 1e30}}}}", COMMUNITY_RULESET_ERROR_TYPE, "/rules/committee.households/params/urban_max" },
  { HEAD "\"threshold\": 3}", COMMUNITY_RULESET_ERROR_UNKNOWN_MEMBER, "/threshold" },
};

START_TEST (test_bad_ruleset_refused)
{
  g_autoptr(GError) error = NULL;

  ck_assert_ptr_null (community_ruleset_new_from_data (bad_rulesets[_i].json, -1, &error));
  community_test_assert_error (error, COMMUNITY_RULESET_ERROR, bad_rulesets[_i].code, bad_rulesets[_i].pointer);
}
END_TEST

START_TEST (test_to_json_stands_alone)
{
  const char *doc = HEAD "\"name\": \"mine\", \"rules\": {\"grid.administrators\": {\"params\": {\"min\": 3}}}}";
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_from_data (doc, -1, NULL);
  g_autoptr(JsonNode) node = community_ruleset_to_json (ruleset);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  g_autoptr(CommunityRuleset) again = NULL;

  /* With no "extends", a ruleset is read against wuxi-2018. */
  ck_assert (community_ruleset_get_rule_param (ruleset, "grid.administrators", "min") == 3);
  ck_assert (community_ruleset_get_rule_param (ruleset, "committee.households", "urban_min") == 2000);

  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  again = community_ruleset_new_from_data (text, -1, NULL);
  ck_assert_ptr_nonnull (again);
  ck_assert_str_eq (community_ruleset_get_name (again), "mine");
  ck_assert (community_ruleset_get_rule_param (again, "grid.administrators", "min") == 3);
  ck_assert (!json_object_has_member (json_node_get_object (node), "extends"));
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("ruleset");
  TCase *tc = tcase_create ("ruleset");

  tcase_add_test (tc, test_builtin);
  tcase_add_test (tc, test_unknown_builtin);
  tcase_add_test (tc, test_every_enabled_rule_runs);
  tcase_add_test (tc, test_extend_and_override);
  tcase_add_test (tc, test_override_changes_findings);
  tcase_add_test (tc, test_extend_a_file);
  tcase_add_test (tc, test_extend_cycle);
  tcase_add_loop_test (tc, test_bad_ruleset_refused, 0, G_N_ELEMENTS (bad_rulesets));
  tcase_add_test (tc, test_to_json_stands_alone);
  suite_add_tcase (suite, tc);

  return community_test_run (suite);
}
