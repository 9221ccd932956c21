/* test-rules-grids.c: the grid rules (grid.leader, grid.administrators,
 * grid.full-time-administrator, grid.coverage), each with data that passes
 * and data that breaks it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The documents are written with single quotes, which check() turns into
 * double quotes, so that they stay readable.
 */

#include <locale.h>
#include <string.h>

#include "test-common.h"

/* Two communities of one street; W1 (full-time) and W2 (part-time) work in
 * C1, W3 (full-time) in C2. */
#define HEAD \
  "{'format': 'libcommunity-dataset', 'version': 1," \
  " 'divisions': [{'code': '320213025000', 'name': 'S', 'level': 'street'}]," \
  " 'communities': [" \
  "  {'code': '320213025001', 'name': 'C1', 'kind': 'urban', 'street': '320213025000', 'households': 1000}," \
  "  {'code': '320213025002', 'name': 'C2', 'kind': 'urban', 'street': '320213025000', 'households': 500}]," \
  " 'workers': [" \
  "  {'id': 'W1', 'community': '320213025001', 'employment': 'full_time'}," \
  "  {'id': 'W2', 'community': '320213025001', 'employment': 'part_time'}," \
  "  {'id': 'W3', 'community': '320213025002', 'employment': 'full_time'}],"

/* C2's one grid, which covers it exactly and passes every rule. */
#define C2_GRID \
  "  {'id': 'C2-G1', 'community': '320213025002', 'kind': 'comprehensive', 'households': 500," \
  "   'leader': 'W3', 'administrators': ['W3']}"

static CommunityReport *
check (const char *grids)
{
  g_autofree char *json = g_strconcat (HEAD " 'grids': [", grids, ",", C2_GRID, "]}", NULL);

  g_strdelimit (json, "'", '"');
  return community_test_validate (json);
}

#define GRID(id, extra) \
  "  {'id': '" id "', 'community': '320213025001', 'kind': 'comprehensive', " extra "}"

START_TEST (test_leader_passes)
{
  g_autoptr(CommunityReport) report =
    check (GRID ("G1", "'households': 1000, 'leader': 'W1', 'administrators': ['W1']"));

  community_test_assert_counts (report, "grid.leader", 2, 0, 0);
}
END_TEST

START_TEST (test_leader_missing)
{
  g_autoptr(CommunityReport) report =
    check (GRID ("G1", "'households': 1000, 'administrators': ['W1']"));
  CommunityFinding *finding;

  finding = community_test_assert_one_finding (report, "grid.leader", "G1", "/grids/0/leader");
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  ck_assert_str_eq (community_finding_get_clause (finding), "三(四)");
  ck_assert_str_eq (json_node_get_string (community_finding_get_expected (finding)), "320213025001");
  ck_assert (JSON_NODE_HOLDS_NULL (community_finding_get_actual (finding)));
  community_test_assert_counts (report, "grid.leader", 1, 1, 0);
}
END_TEST

/* Findings share one node for null (and for true and false), and one for
 * the same string: sealed, so that no caller can change what another
 * finding holds. */
START_TEST (test_leader_missing_twice_shares_values)
{
  g_autoptr(CommunityReport) report =
    check (GRID ("G1", "'households': 500, 'administrators': ['W1']") ","
           GRID ("G2", "'households': 500, 'administrators': ['W1']"));
  g_autoptr(GListModel) findings = community_test_findings (report, "grid.leader");
  g_autoptr(CommunityFinding) first = NULL;
  g_autoptr(CommunityFinding) second = NULL;

  ck_assert_uint_eq (g_list_model_get_n_items (findings), 2);
  first = g_list_model_get_item (findings, 0);
  second = g_list_model_get_item (findings, 1);
  ck_assert_str_eq (community_finding_get_subject_id (first), "G1");
  ck_assert_str_eq (community_finding_get_subject_id (second), "G2");
  ck_assert (JSON_NODE_HOLDS_NULL (community_finding_get_actual (first)));
  ck_assert_ptr_eq (community_finding_get_actual (first), community_finding_get_actual (second));
  ck_assert (json_node_is_immutable (community_finding_get_actual (first)));
  /* the expected values, both grids' community code */
  ck_assert_str_eq (json_node_get_string (community_finding_get_expected (first)), "320213025001");
  ck_assert_ptr_eq (community_finding_get_expected (first), community_finding_get_expected (second));
  ck_assert (json_node_is_immutable (community_finding_get_expected (first)));
}
END_TEST

#ifdef __GLIBC__
extern int _nl_msg_cat_cntr;

static void
set_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  ck_assert_ptr_nonnull (setlocale (LC_ALL, "C.UTF-8"));
  /* a change of LANGUAGE made known, as GNU gettext's manual asks */
  _nl_msg_cat_cntr++;
}

/* On the caller's thread, each time the same: the translations it keeps
 * are the ones tested. */
static char *
leader_missing_message (void)
{
  g_autofree char *json = g_strconcat (HEAD " 'grids': [",
                                       GRID ("G1", "'households': 1000, 'administrators': ['W1']"),
                                       ",", C2_GRID, "]}", NULL);
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
  g_autoptr(CommunityReport) report = NULL;
  CommunityFinding *finding;

  g_strdelimit (json, "'", '"');
  ck_assert (community_dataset_load_from_data (dataset, json, -1, NULL));
  community_validator_set_threads (validator, 1);
  report = community_validator_run (validator, dataset);
  finding = community_test_assert_one_finding (report, "grid.leader", "G1", "/grids/0/leader");
  return g_strdup (community_finding_get_message (finding));
}

/* A finding's message follows the language a program sets while it runs:
 * the rules keep each translation (community_gettext()) only until the
 * catalogs change. */
START_TEST (test_leader_message_language)
{
  g_autofree char *english = NULL;
  g_autofree char *chinese = NULL;
  g_autofree char *english_again = NULL;

  set_language ("en");
  english = leader_missing_message ();
  set_language ("zh_CN");
  chinese = leader_missing_message ();
  set_language ("en");
  english_again = leader_missing_message ();
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C");

  ck_assert_str_eq (english, "Grid G1 names no grid leader (网格长)");
  ck_assert_str_eq (chinese, "网格 G1 未指定网格长");
  ck_assert_str_eq (english_again, english);
}
END_TEST
#endif

START_TEST (test_leader_from_another_community)
{
  g_autoptr(CommunityReport) report =
    check (GRID ("G1", "'households': 1000, 'leader': 'W3', 'administrators': ['W1']"));
  CommunityFinding *finding;

  finding = community_test_assert_one_finding (report, "grid.leader", "G1", "/grids/0/leader");
  ck_assert_str_eq (json_node_get_string (community_finding_get_expected (finding)), "320213025001");
  ck_assert_str_eq (json_node_get_string (community_finding_get_actual (finding)), "320213025002");
  ck_assert_ptr_nonnull (strstr (community_finding_get_message (finding), "W3"));
}
END_TEST

/* A leader id that names nobody is ref.unresolved's finding alone. */
START_TEST (test_leader_unresolved)
{
  g_autoptr(CommunityReport) report =
    check (GRID ("G1", "'households': 1000, 'leader': 'W9', 'administrators': ['W1']"));
  g_autoptr(GListModel) leader = community_test_findings (report, "grid.leader");

  ck_assert_uint_eq (g_list_model_get_n_items (leader), 0);
  community_test_assert_counts (report, "grid.leader", 1, 0, 1);
  community_test_assert_one_finding (report, "ref.unresolved", "G1", "/grids/0/leader");
}
END_TEST

START_TEST (test_administrators)
{
  g_autoptr(CommunityReport) none =
    check (GRID ("G1", "'households': 1000, 'leader': 'W1'"));
  g_autoptr(CommunityReport) two =
    check (GRID ("G1", "'households': 1000, 'leader': 'W1', 'administrators': ['W1', 'W2']"));
  CommunityFinding *finding;

  finding = community_test_assert_one_finding (none, "grid.administrators", "G1",
                                               "/grids/0/administrators");
  ck_assert_int_eq (json_node_get_int (community_finding_get_expected (finding)), 1);
  ck_assert_int_eq (json_node_get_int (community_finding_get_actual (finding)), 0);
  ck_assert (community_finding_get_shortfall (finding) == 1);
  community_test_assert_counts (none, "grid.administrators", 1, 1, 0);
  /* With no administrator at all, whether one is full-time is not asked. */
  community_test_assert_counts (none, "grid.full-time-administrator", 1, 0, 1);

  community_test_assert_counts (two, "grid.administrators", 2, 0, 0);
  community_test_assert_counts (two, "grid.full-time-administrator", 2, 0, 0);
}
END_TEST

START_TEST (test_full_time_administrator)
{
  g_autoptr(CommunityReport) part_time =
    check (GRID ("G1", "'households': 1000, 'leader': 'W1', 'administrators': ['W2']"));
  g_autoptr(CommunityReport) unknown =
    check (GRID ("G1", "'households': 1000, 'leader': 'W1', 'administrators': ['W2', 'W9']"));
  CommunityFinding *finding;

  finding = community_test_assert_one_finding (part_time, "grid.full-time-administrator", "G1",
                                               "/grids/0/administrators");
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_INFO);
  ck_assert_str_eq (json_node_get_string (community_finding_get_expected (finding)), "full_time");
  community_test_assert_counts (part_time, "grid.full-time-administrator", 1, 1, 0);

  /* W9 is nobody: whether he is full-time is unknown, not a violation. */
  community_test_assert_counts (unknown, "grid.full-time-administrator", 1, 0, 1);
}
END_TEST

START_TEST (test_coverage)
{
  /* 600 + 400 cover C1's 1000; a dedicated grid's households do not count. */
  g_autoptr(CommunityReport) exact =
    check (GRID ("G1", "'households': 600, 'leader': 'W1', 'administrators': ['W1']") ","
           GRID ("G2", "'households': 400, 'leader': 'W1', 'administrators': ['W1']") ","
           "  {'id': 'G3', 'community': '320213025001', 'kind': 'dedicated', 'households': 0,"
           "   'leader': 'W1', 'administrators': ['W1']}");
  g_autoptr(CommunityReport) short_of =
    check (GRID ("G1", "'households': 600, 'leader': 'W1', 'administrators': ['W1']") ","
           "  {'id': 'G3', 'community': '320213025001', 'kind': 'dedicated', 'households': 300,"
           "   'leader': 'W1', 'administrators': ['W1']}");
  g_autoptr(CommunityReport) over =
    check (GRID ("G1", "'households': 1200, 'leader': 'W1', 'administrators': ['W1']"));
  g_autoptr(CommunityReport) unknown =
    check (GRID ("G1", "'leader': 'W1', 'administrators': ['W1']"));
  CommunityFinding *finding;

  community_test_assert_counts (exact, "grid.coverage", 2, 0, 0);

  finding = community_test_assert_one_finding (short_of, "grid.coverage", "320213025001",
                                               "/communities/0/households");
  ck_assert_int_eq (json_node_get_int (community_finding_get_expected (finding)), 1000);
  ck_assert_int_eq (json_node_get_int (community_finding_get_actual (finding)), 600);
  ck_assert (community_finding_get_shortfall (finding) == 400);
  ck_assert_str_eq (community_finding_get_clause (finding), "一(三), 三(四)");

  finding = community_test_assert_one_finding (over, "grid.coverage", "320213025001",
                                               "/communities/0/households");
  ck_assert_int_eq (json_node_get_int (community_finding_get_actual (finding)), 1200);
  ck_assert (community_finding_get_shortfall (finding) == 0);

  /* A grid whose households are unknown makes the sum unknown. */
  community_test_assert_counts (unknown, "grid.coverage", 1, 0, 1);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("rules-grids");
  TCase *tc = tcase_create ("grids");

  tcase_add_test (tc, test_leader_passes);
  tcase_add_test (tc, test_leader_missing);
  tcase_add_test (tc, test_leader_missing_twice_shares_values);
#ifdef __GLIBC__
  tcase_add_test (tc, test_leader_message_language);
#endif
  tcase_add_test (tc, test_leader_from_another_community);
  tcase_add_test (tc, test_leader_unresolved);
  tcase_add_test (tc, test_administrators);
  tcase_add_test (tc, test_full_time_administrator);
  tcase_add_test (tc, test_coverage);
  suite_add_tcase (s, tc);
  return community_test_run (s);
}
