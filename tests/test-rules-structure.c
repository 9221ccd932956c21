/* test-rules-structure.c: the rules about codes, references and governance
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * code.format, code.segment-range, ref.unresolved (community-rules-codes.c)
 * and consultation.*, work-item.*, social-org.uscc, task.lead
 * (community-rules-governance.c), committee.non-registered-voters and
 * commendation.annual (community-rules-communities.c), each on small
 * datasets that pass and break it, and on the bundled sample.
 */

#include "test-common.h"

#include <string.h>

/* The documents below are written with ' for ", to keep them readable. */
#define HEAD "{'format': 'libcommunity-dataset', 'version': 1, "

static CommunityReport *
validate_with (const char *document,
               const char *ruleset)
{
  g_autofree char *json = g_strdup (document);
  g_autofree char *ruleset_json = g_strdup (ruleset);

  g_strdelimit (json, "'", '"');
  if (ruleset_json != NULL)
    g_strdelimit (ruleset_json, "'", '"');
  return community_test_validate_with (json, ruleset_json);
}

static CommunityReport *
validate (const char *document)
{
  return validate_with (document, NULL);
}

/* What doc/rulesets.md shows: the built-in ruleset with a rule the policy
 * gives no number for turned on. */
#define RULESET_ON(rule, params) \
  "{'format': 'libcommunity-ruleset', 'version': 1, 'name': 'on', 'extends': 'wuxi-2018'," \
  " 'rules': {'" rule "': {'enabled': true, 'params': {" params "}}}}"
#define FEEDBACK_90_30 RULESET_ON ("consultation.feedback-overdue", "'implement_days': 90, 'feedback_days': 30")

/* The finding of @rule at @path, asserting there is exactly one and that
 * its subject is @subject_id. Borrowed from the report. */
static CommunityFinding *
finding_at (CommunityReport *report,
            const char      *rule,
            const char      *subject_id,
            const char      *path)
{
  g_autoptr(GListModel) findings = community_test_findings (report, rule);
  CommunityFinding *found = NULL;
  guint n_found = 0;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (findings, i);

      if (g_strcmp0 (community_finding_get_path (finding), path) == 0)
        {
          found = finding;
          n_found++;
        }
    }

  ck_assert_msg (n_found == 1, "%s: expected 1 finding at %s, got %u", rule, path, n_found);
  ck_assert_str_eq (community_finding_get_rule (found), rule);
  ck_assert_pstr_eq (community_finding_get_subject_id (found), subject_id);
  return found;  /* the report still holds it */
}

static void
assert_string (JsonNode   *node,
               const char *value)
{
  ck_assert_ptr_nonnull (node);
  ck_assert_msg (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING,
                 "expected the string “%s”", value);
  ck_assert_str_eq (json_node_get_string (node), value);
}

static void
assert_int (JsonNode *node,
            gint64    value)
{
  ck_assert_ptr_nonnull (node);
  ck_assert_msg (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64,
                 "expected the number %" G_GINT64_FORMAT, value);
  ck_assert_int_eq (json_node_get_int (node), value);
}

static void
assert_bool (JsonNode *node,
             gboolean  value)
{
  ck_assert_ptr_nonnull (node);
  ck_assert (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN);
  ck_assert_int_eq (json_node_get_boolean (node), value);
}

static void
assert_null (JsonNode *node)
{
  ck_assert_ptr_nonnull (node);
  ck_assert (JSON_NODE_HOLDS_NULL (node));
}

static void
assert_range (JsonNode *node,
              gint64    min,
              gint64    max)
{
  JsonObject *range;

  ck_assert_ptr_nonnull (node);
  ck_assert (JSON_NODE_HOLDS_OBJECT (node));
  range = json_node_get_object (node);
  ck_assert_int_eq (json_object_get_int_member (range, "min"), min);
  ck_assert_int_eq (json_object_get_int_member (range, "max"), max);
  ck_assert_uint_eq (json_object_get_size (range), 2);
}

/* Asserts @node is an array of exactly the strings given, NULL-terminated. */
static void
assert_strings (JsonNode *node,
                ...)
{
  JsonArray *array;
  va_list args;
  const char *value;
  guint i = 0;

  ck_assert_ptr_nonnull (node);
  ck_assert (JSON_NODE_HOLDS_ARRAY (node));
  array = json_node_get_array (node);

  va_start (args, node);
  while ((value = va_arg (args, const char *)) != NULL)
    {
      ck_assert_uint_lt (i, json_array_get_length (array));
      ck_assert_str_eq (json_array_get_string_element (array, i), value);
      i++;
    }
  va_end (args);
  ck_assert_uint_eq (json_array_get_length (array), i);
}

/* Asserts expected and actual are strings, and there is no shortfall. */
static void
assert_strings_pair (CommunityFinding *finding,
                     const char       *expected,
                     const char       *actual)
{
  assert_string (community_finding_get_expected (finding), expected);
  assert_string (community_finding_get_actual (finding), actual);
  ck_assert_double_eq (community_finding_get_shortfall (finding), 0);
}

static void
assert_no_findings (CommunityReport *report,
                    const char      *rule)
{
  g_autoptr(GListModel) findings = community_test_findings (report, rule);

  ck_assert_msg (g_list_model_get_n_items (findings) == 0, "%s: expected no finding, got %u",
                 rule, g_list_model_get_n_items (findings));
}

/* --- code.format --- */

#define HIERARCHY \
  "'divisions': [" \
  "  {'code': '320200000000', 'name': 'c', 'level': 'city'}," \
  "  {'code': '320213000000', 'name': 'd', 'level': 'district', 'parent': '320200000000'}," \
  "  {'code': '320205000000', 'name': 'd2', 'level': 'county', 'parent': '320200000000'}," \
  "  {'code': '320213025000', 'name': 's', 'level': 'street', 'parent': '320213000000'}," \
  "  {'code': '320205106000', 'name': 't', 'level': 'town', 'parent': '320205000000'}]"

START_TEST (test_code_format_pass)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD HIERARCHY ", 'communities': ["
              "  {'code': '320213025001', 'name': 'a', 'kind': 'urban', 'street': '320213025000'},"
              "  {'code': '320205106200', 'name': 'b', 'kind': 'rural', 'street': '320205106000'}]}");

  assert_no_findings (report, "code.format");
  community_test_assert_counts (report, "code.format", 7, 0, 0);
}
END_TEST

START_TEST (test_code_format_prefix)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD HIERARCHY ", 'communities': ["
              "  {'code': '320213025001', 'name': 'a', 'kind': 'urban', 'street': '320213025000'},"
              "  {'code': '320214025001', 'name': 'b', 'kind': 'urban', 'street': '320213025000'}]}");
  CommunityFinding *finding =
    community_test_assert_one_finding (report, "code.format", "320214025001", "/communities/1/code");

  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_COMMUNITY);
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  assert_strings_pair (finding, "320213025VVV", "320214025001");
  community_test_assert_counts (report, "code.format", 6, 1, 0);
}
END_TEST

START_TEST (test_code_format_zero_tail)
{
  /* A street whose code is a county-level code, under the city. */
  g_autoptr(CommunityReport) report =
    validate (HEAD "'divisions': ["
              "  {'code': '320200000000', 'name': 'c', 'level': 'city'},"
              "  {'code': '320206000000', 'name': 's', 'level': 'street', 'parent': '320200000000'}]}");
  CommunityFinding *finding =
    community_test_assert_one_finding (report, "code.format", "320206000000", "/divisions/1/code");

  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_DIVISION);
  assert_strings_pair (finding, "3202DDSSS000", "320206000000");
  community_test_assert_counts (report, "code.format", 1, 1, 0);
}
END_TEST

START_TEST (test_code_format_malformed)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD HIERARCHY ", 'communities': ["
              "  {'code': '32021302501', 'name': 'a', 'kind': 'urban', 'street': '320213025000'},"
              "  {'code': '320213025000', 'name': 'b', 'kind': 'urban', 'street': '320213025000'},"
              "  {'code': '3202130250A1', 'name': 'x', 'kind': 'urban', 'street': '320213025000'}]}");
  CommunityFinding *finding;

  /* Too short. */
  finding = finding_at (report, "code.format", "32021302501", "/communities/0/code");
  assert_strings_pair (finding, "320213025VVV", "32021302501");
  /* The zero tail of a street: no community segment. */
  finding = finding_at (report, "code.format", "320213025000", "/communities/1/code");
  assert_strings_pair (finding, "320213025VVV", "320213025000");
  /* Not all digits. */
  finding = finding_at (report, "code.format", "3202130250A1", "/communities/2/code");
  assert_strings_pair (finding, "320213025VVV", "3202130250A1");
  community_test_assert_counts (report, "code.format", 5, 3, 0);
}
END_TEST

START_TEST (test_code_format_parent)
{
  /* A street directly under the city does not continue its code; a
   * parent that does not resolve leaves only the code's own shape, which
   * is fine here, and one without a parent too. */
  g_autoptr(CommunityReport) report =
    validate (HEAD "'divisions': ["
              "  {'code': '320200000000', 'name': 'c', 'level': 'city'},"
              "  {'code': '320213025000', 'name': 's', 'level': 'street', 'parent': '320200000000'},"
              "  {'code': '320213021000', 'name': 's2', 'level': 'street', 'parent': '320299000000'},"
              "  {'code': '320213022000', 'name': 's3', 'level': 'street'}],"
              " 'communities': ["
              "  {'code': '320205106001', 'name': 'a', 'kind': 'urban', 'street': '320205106000'}]}");
  CommunityFinding *finding =
    community_test_assert_one_finding (report, "code.format", "320213025000", "/divisions/1/code");

  assert_strings_pair (finding, "3202DDSSS000", "320213025000");
  community_test_assert_counts (report, "code.format", 4, 1, 0);
  /* The unresolved ones are ref.unresolved's. */
  finding_at (report, "ref.unresolved", "320213021000", "/divisions/2/parent");
  finding_at (report, "ref.unresolved", "320205106001", "/communities/0/street");
}
END_TEST

/* --- code.segment-range --- */

START_TEST (test_segment_range_pass)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD "'divisions': ["
              "  {'code': '320200000000', 'name': 'c', 'level': 'city'},"
              "  {'code': '320205000000', 'name': 'd', 'level': 'county', 'parent': '320200000000'},"
              "  {'code': '320205099000', 'name': 's', 'level': 'street', 'parent': '320205000000'},"
              "  {'code': '320205106000', 'name': 't', 'level': 'town', 'parent': '320205000000'},"
              "  {'code': '320205201000', 'name': 'x', 'level': 'town', 'parent': '320205000000'}],"
              " 'communities': ["
              "  {'code': '320205099199', 'name': 'a', 'kind': 'urban', 'street': '320205099000'},"
              "  {'code': '320205106001', 'name': 'b', 'kind': 'urban', 'street': '320205106000'},"
              "  {'code': '320205106200', 'name': 'e', 'kind': 'rural', 'street': '320205106000'},"
              "  {'code': '320205106399', 'name': 'f', 'kind': 'rural', 'street': '320205106000'},"
              "  {'code': '320205106401', 'name': 'g', 'kind': 'urban', 'street': '320205106000'},"
              "  {'code': '320205106599', 'name': 'h', 'kind': 'rural', 'street': '320205106000'}]}");

  assert_no_findings (report, "code.segment-range");
  /* 3 streets/towns and 6 communities; the city and the county are not judged. */
  community_test_assert_counts (report, "code.segment-range", 9, 0, 0);
}
END_TEST

START_TEST (test_segment_range_street)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD "'divisions': ["
              "  {'code': '320200000000', 'name': 'c', 'level': 'city'},"
              "  {'code': '320205000000', 'name': 'd', 'level': 'county', 'parent': '320200000000'},"
              "  {'code': '320205106000', 'name': 's', 'level': 'street', 'parent': '320205000000'},"
              "  {'code': '320205025000', 'name': 't', 'level': 'town', 'parent': '320205000000'},"
              "  {'code': '320205401000', 'name': 'z', 'level': 'street', 'parent': '320205000000'},"
              "  {'code': '320205055000', 'name': 'ok', 'level': 'street', 'parent': '320205000000'}]}");
  CommunityFinding *finding;

  /* A street with a town's segment. */
  finding = finding_at (report, "code.segment-range", "320205106000", "/divisions/2/code");
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_WARNING);
  assert_range (community_finding_get_expected (finding), 1, 99);
  assert_int (community_finding_get_actual (finding), 106);
  ck_assert_double_eq (community_finding_get_shortfall (finding), 0);
  /* A town with a street's segment. */
  finding = finding_at (report, "code.segment-range", "320205025000", "/divisions/3/code");
  assert_range (community_finding_get_expected (finding), 100, 399);
  assert_int (community_finding_get_actual (finding), 25);
  /* A development zone's 4xx segment is in no reserved range. */
  finding = finding_at (report, "code.segment-range", "320205401000", "/divisions/4/code");
  assert_range (community_finding_get_expected (finding), 1, 99);
  assert_int (community_finding_get_actual (finding), 401);
  community_test_assert_counts (report, "code.segment-range", 1, 3, 0);
}
END_TEST

START_TEST (test_segment_range_community)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD HIERARCHY ", 'communities': ["
              "  {'code': '320213025201', 'name': 'a', 'kind': 'urban', 'street': '320213025000'},"
              "  {'code': '320213025005', 'name': 'b', 'kind': 'rural', 'street': '320213025000'},"
              "  {'code': '320213025600', 'name': 'e', 'kind': 'rural', 'street': '320213025000'},"
              "  {'code': '320213025450', 'name': 'f', 'kind': 'urban', 'street': '320213025000'},"
              "  {'code': '32021302545', 'name': 'g', 'kind': 'urban', 'street': '320213025000'}]}");
  CommunityFinding *finding;

  /* An urban community with a villagers' committee's segment. */
  finding = finding_at (report, "code.segment-range", "320213025201", "/communities/0/code");
  assert_range (community_finding_get_expected (finding), 1, 199);
  assert_int (community_finding_get_actual (finding), 201);
  /* A village with a residents' committee's segment. */
  finding = finding_at (report, "code.segment-range", "320213025005", "/communities/1/code");
  assert_range (community_finding_get_expected (finding), 200, 399);
  assert_int (community_finding_get_actual (finding), 5);
  /* Out of every range. */
  finding = finding_at (report, "code.segment-range", "320213025600", "/communities/2/code");
  assert_range (community_finding_get_expected (finding), 200, 399);
  assert_int (community_finding_get_actual (finding), 600);
  /* The malformed code is code.format's: not applicable here. The street
   * and the town pass; 450, a unit of a similar kind, passes too. */
  community_test_assert_counts (report, "code.segment-range", 3, 3, 1);
  finding_at (report, "code.format", "32021302545", "/communities/4/code");
}
END_TEST

/* --- ref.unresolved --- */

START_TEST (test_ref_unresolved)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD HIERARCHY ", 'communities': ["
              "  {'code': '320213025001', 'name': 'a', 'kind': 'urban', 'street': '320213025000'}],"
              " 'workers': [{'id': 'W1', 'name': 'n', 'community': '320213025001'}],"
              " 'grids': ["
              "  {'id': 'G1', 'community': '320213025001', 'leader': 'W9', 'administrators': ['W1', 'W8']},"
              "  {'id': 'G2', 'community': '320213025001', 'leader': '320213025001'}],"
              " 'facilities': ["
              "  {'id': 'F1', 'kind': 'other', 'owner': '320213025001'},"
              "  {'id': 'F2', 'kind': 'other', 'owner': '320213025000'},"
              "  {'id': 'F3', 'kind': 'other', 'owner': '320213099000'}],"
              " 'departments': [{'id': 'D1', 'name': 'd'}],"
              " 'tasks': [{'number': 11, 'departments': ['D1', 'D9']}]}");
  CommunityFinding *finding;

  finding = finding_at (report, "ref.unresolved", "G1", "/grids/0/leader");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_GRID);
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  /* What was typed in a reference may be a person's name: the finding does
   * not carry it (actual null), the path points at it. */
  assert_string (community_finding_get_expected (finding), "worker");
  assert_null (community_finding_get_actual (finding));
  finding = finding_at (report, "ref.unresolved", "G1", "/grids/0/administrators/1");
  assert_string (community_finding_get_expected (finding), "worker");
  assert_null (community_finding_get_actual (finding));
  /* The right type: a community's code is no worker. */
  finding = finding_at (report, "ref.unresolved", "G2", "/grids/1/leader");
  assert_string (community_finding_get_expected (finding), "worker");
  assert_null (community_finding_get_actual (finding));
  /* A facility's owner may be a community or a division. */
  finding = finding_at (report, "ref.unresolved", "F3", "/facilities/2/owner");
  assert_strings (community_finding_get_expected (finding), "division", "community", NULL);
  assert_null (community_finding_get_actual (finding));
  /* A task is named by its number. */
  finding = finding_at (report, "ref.unresolved", "11", "/tasks/0/departments/1");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_TASK);
  assert_string (community_finding_get_expected (finding), "department");
  assert_null (community_finding_get_actual (finding));

  /* One count per reference: 4 division parents, 1 street, 1 worker's
   * community, 2 grid communities, 1 + 2 + 1 grid workers, 3 owners and 2
   * task departments; 5 do not resolve. */
  community_test_assert_counts (report, "ref.unresolved", 12, 5, 0);
}
END_TEST

START_TEST (test_ref_resolved)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD HIERARCHY ", 'communities': ["
              "  {'code': '320213025001', 'name': 'a', 'kind': 'urban', 'street': '320213025000'}],"
              " 'workers': [{'id': 'W1', 'name': 'n', 'community': '320213025001'},"
              "             {'id': 'W2', 'name': 'n', 'street': '320213025000'}],"
              " 'grids': [{'id': 'G1', 'community': '320213025001', 'leader': 'W1', 'administrators': ['W1', 'W2']}],"
              " 'consultations': [{'id': 'K1', 'community': '320213025001'}],"
              " 'departments': [{'id': 'D1', 'name': 'd'}],"
              " 'work_items': [{'id': 'WI', 'department': 'D1', 'communities': ['320213025001']}],"
              " 'social_organizations': [{'id': 'S1', 'community': '320213025001'}],"
              " 'funding': [{'id': 'FU', 'year': 2019, 'recipient': '320200000000',"
              "              'purpose': 'other', 'amount_yuan': 1}],"
              " 'wage_baselines': [{'id': 'B', 'division': '320213000000', 'year': 2018,"
              "                     'average_annual_wage_yuan': 1}],"
              " 'surveys': [{'id': 'S', 'division': '320200000000', 'year': 2019,"
              "              'indicator': 'public.security-sense', 'value': 0.9}],"
              " 'tasks': [{'number': 11}]}");

  assert_no_findings (report, "ref.unresolved");
  /* 4 parents, 1 street, 2 workers, 1 + 1 + 2 in the grid, the
   * consultation, 2 in the work item, the organization, the funding, the
   * baseline and the survey; a task without departments has none. */
  community_test_assert_counts (report, "ref.unresolved", 18, 0, 0);
}
END_TEST

/* --- consultations --- */

#define COMMUNITY_320213025001 \
  HIERARCHY ", 'communities': [" \
  "  {'code': '320213025001', 'name': 'a', 'kind': 'urban', 'street': '320213025000'}]"

START_TEST (test_consultation_led_by)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD COMMUNITY_320213025001 ", 'consultations': ["
              "  {'id': 'K1', 'community': '320213025001', 'led_by': 'party_organization'},"
              "  {'id': 'K2', 'community': '320213025001', 'led_by': 'other'},"
              "  {'id': 'K3', 'community': '320213025001'},"
              "  {'id': 'K4', 'community': '320213025001', 'led_by': 'self_governing_organization'}]}");
  CommunityFinding *finding =
    community_test_assert_one_finding (report, "consultation.led-by", "K2", "/consultations/1/led_by");

  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_CONSULTATION);
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_WARNING);
  assert_strings (community_finding_get_expected (finding),
                  "party_organization", "self_governing_organization", NULL);
  assert_string (community_finding_get_actual (finding), "other");
  ck_assert_double_eq (community_finding_get_shortfall (finding), 0);
  community_test_assert_counts (report, "consultation.led-by", 2, 1, 1);
}
END_TEST

#define AT(day) "'at': '2019-05-" day "T09:00:00+08:00'"

START_TEST (test_consultation_history)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD COMMUNITY_320213025001 ", 'consultations': ["
              /* legal, ends in its state */
              "  {'id': 'K1', 'community': '320213025001', 'state': 'concluded', 'history': ["
              "    {'state': 'proposed', " AT ("01") "}, {'state': 'deliberating', " AT ("02") "},"
              "    {'state': 'concluded', " AT ("02") "}]},"
              /* a step the workflow does not allow */
              "  {'id': 'K2', 'community': '320213025001', 'state': 'adopted', 'history': ["
              "    {'state': 'proposed', " AT ("01") "}, {'state': 'adopted', " AT ("02") "}]},"
              /* out of time order */
              "  {'id': 'K3', 'community': '320213025001', 'state': 'concluded', 'history': ["
              "    {'state': 'proposed', " AT ("01") "}, {'state': 'deliberating', " AT ("05") "},"
              "    {'state': 'concluded', " AT ("03") "}]},"
              /* legal, but not ending in the state */
              "  {'id': 'K4', 'community': '320213025001', 'state': 'implemented', 'history': ["
              "    {'state': 'proposed', " AT ("01") "}, {'state': 'deliberating', " AT ("02") "}]},"
              /* a state and no history */
              "  {'id': 'K5', 'community': '320213025001', 'state': 'deliberating'},"
              /* neither: not started */
              "  {'id': 'K6', 'community': '320213025001'},"
              /* a history that does not start in proposed */
              "  {'id': 'K7', 'community': '320213025001', 'history': ["
              "    {'state': 'deliberating', " AT ("01") "}]},"
              /* a history without a state: nothing to contradict */
              "  {'id': 'K8', 'community': '320213025001', 'history': ["
              "    {'state': 'proposed', " AT ("01") "}, {'state': 'withdrawn', " AT ("02") "}]}]}");
  CommunityFinding *finding;

  finding = finding_at (report, "consultation.history", "K2", "/consultations/1/history/1");
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  assert_strings (community_finding_get_expected (finding), "deliberating", "withdrawn", NULL);
  assert_string (community_finding_get_actual (finding), "adopted");
  ck_assert_double_eq (community_finding_get_shortfall (finding), 0);

  finding = finding_at (report, "consultation.history", "K3", "/consultations/2/history/2");
  ck_assert (g_str_has_prefix (json_node_get_string (community_finding_get_expected (finding)), "2019-05-05T09:00:00"));
  ck_assert (g_str_has_prefix (json_node_get_string (community_finding_get_actual (finding)), "2019-05-03T09:00:00"));

  finding = finding_at (report, "consultation.history", "K4", "/consultations/3/history/1");
  assert_strings_pair (finding, "implemented", "deliberating");

  finding = finding_at (report, "consultation.history", "K5", "/consultations/4/history");
  assert_string (community_finding_get_expected (finding), "deliberating");
  assert_null (community_finding_get_actual (finding));

  finding = finding_at (report, "consultation.history", "K7", "/consultations/6/history/0");
  assert_strings (community_finding_get_expected (finding), "proposed", NULL);
  assert_string (community_finding_get_actual (finding), "deliberating");

  community_test_assert_counts (report, "consultation.history", 2, 5, 1);
}
END_TEST

#define ADOPTED(date) \
  "{'state': 'proposed', 'at': '2019-01-01T09:00:00+08:00'}," \
  "{'state': 'deliberating', 'at': '2019-01-02T09:00:00+08:00'}," \
  "{'state': 'concluded', 'at': '2019-01-03T09:00:00+08:00'}," \
  "{'state': 'adopted', 'at': '" date "T10:00:00+08:00'}"

#define OVERDUE_CONSULTATIONS \
  "'consultations': [" \
  "  {'id': 'K1', 'community': '320213025001', 'state': 'adopted', 'history': [" ADOPTED ("2019-06-10") "]}," \
  "  {'id': 'K2', 'community': '320213025001', 'state': 'adopted', 'history': [" ADOPTED ("2019-10-02") "]}," \
  "  {'id': 'K3', 'community': '320213025001', 'state': 'implemented', 'history': [" ADOPTED ("2019-10-02") "," \
  "    {'state': 'implemented', 'at': '2019-11-30T23:00:00+08:00'}]}," \
  "  {'id': 'K4', 'community': '320213025001', 'state': 'implemented', 'history': [" ADOPTED ("2019-06-02") "," \
  "    {'state': 'implemented', 'at': '2019-12-01T08:00:00+08:00'}]}," \
  "  {'id': 'K5', 'community': '320213025001', 'state': 'feedback_given', 'history': [" ADOPTED ("2019-01-04") "," \
  "    {'state': 'implemented', 'at': '2019-02-01T08:00:00+08:00'}," \
  "    {'state': 'feedback_given', 'at': '2019-02-02T08:00:00+08:00'}]}," \
  "  {'id': 'K6', 'community': '320213025001', 'state': 'adopted'}," \
  "  {'id': 'K7', 'community': '320213025001'}]"

START_TEST (test_consultation_feedback_overdue)
{
  g_autoptr(CommunityReport) report =
    validate_with (HEAD "'as_of': '2019-12-31', " COMMUNITY_320213025001 ", " OVERDUE_CONSULTATIONS "}",
                   FEEDBACK_90_30);
  g_autoptr(CommunityReport) builtin =
    validate (HEAD "'as_of': '2019-12-31', " COMMUNITY_320213025001 ", " OVERDUE_CONSULTATIONS "}");
  g_autoptr(CommunityReport) enabled_only =
    validate_with (HEAD "'as_of': '2019-12-31', " COMMUNITY_320213025001 ", " OVERDUE_CONSULTATIONS "}",
                   RULESET_ON ("consultation.feedback-overdue", ""));
  CommunityFinding *finding;

  /* Adopted 204 days before as_of: more than 90. */
  finding = finding_at (report, "consultation.feedback-overdue", "K1", "/consultations/0/state");
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_WARNING);
  assert_int (community_finding_get_expected (finding), 90);
  assert_int (community_finding_get_actual (finding), 204);
  ck_assert_double_eq (community_finding_get_shortfall (finding), 0);
  /* Implemented 31 days before: more than 30. K2 (adopted exactly 90
   * days before) and K4 (implemented exactly 30 days before) pass. */
  finding = finding_at (report, "consultation.feedback-overdue", "K3", "/consultations/2/state");
  assert_int (community_finding_get_expected (finding), 30);
  assert_int (community_finding_get_actual (finding), 31);

  /* K5's clock has stopped; K6 does not say when it was adopted; K7 has
   * no state. */
  community_test_assert_counts (report, "consultation.feedback-overdue", 2, 2, 3);

  /* The policy sets no deadline: the built-in ruleset does not run the
   * rule, and enabling it without the days judges nothing. */
  assert_no_findings (builtin, "consultation.feedback-overdue");
  ck_assert_ptr_null (community_report_get_rule_result (builtin, "consultation.feedback-overdue"));
  assert_no_findings (enabled_only, "consultation.feedback-overdue");
  community_test_assert_counts (enabled_only, "consultation.feedback-overdue", 0, 0, 7);
}
END_TEST

START_TEST (test_consultation_feedback_overdue_no_as_of)
{
  g_autoptr(CommunityReport) report = validate_with (HEAD COMMUNITY_320213025001 ", " OVERDUE_CONSULTATIONS "}",
                                                    FEEDBACK_90_30);

  assert_no_findings (report, "consultation.feedback-overdue");
  community_test_assert_counts (report, "consultation.feedback-overdue", 0, 0, 7);
}
END_TEST

/* --- work items --- */

#define REVIEW(approved, date) "'legal_review': {'approved': " approved ", 'date': '" date "'}"
#define APPROVAL(approved, date) \
  "'approval': {'body': 'party_standing_committee', 'approved': " approved ", 'date': '" date "'}"
#define REVIEWED "'state': 'admitted', 'list': 'none', 'delivery': 'direct'"

START_TEST (test_work_item_admission)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD "'work_items': ["
              "  {'id': 'A', " REVIEWED ", " REVIEW ("true", "2019-03-01") ", " APPROVAL ("true", "2019-03-01") "},"
              "  {'id': 'B', " REVIEWED ", " APPROVAL ("true", "2019-03-01") "},"
              "  {'id': 'C', " REVIEWED ", " REVIEW ("false", "2019-03-01") ", " APPROVAL ("true", "2019-03-05") "},"
              "  {'id': 'D', " REVIEWED ", " REVIEW ("true", "2019-03-01") "},"
              "  {'id': 'E', " REVIEWED ", " REVIEW ("true", "2019-03-01") ", " APPROVAL ("false", "2019-03-05") "},"
              "  {'id': 'F', " REVIEWED ", " REVIEW ("true", "2019-03-05") ", " APPROVAL ("true", "2019-03-01") "},"
              "  {'id': 'G', 'state': 'admitted', 'list': 'statutory_duties', 'delivery': 'direct'},"
              "  {'id': 'H', 'state': 'admitted', 'list': 'none', 'delivery': 'purchased_service'},"
              "  {'id': 'I', 'state': 'admitted', 'list': 'none'},"
              "  {'id': 'J', 'state': 'committee_review', 'list': 'none', 'delivery': 'direct'},"
              "  {'id': 'K', " REVIEWED ", 'legal_review': {'approved': true},"
              "   'approval': {'approved': true}}]}");
  CommunityFinding *finding;

  finding = finding_at (report, "work-item.admission", "B", "/work_items/1/legal_review");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_WORK_ITEM);
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  assert_bool (community_finding_get_expected (finding), TRUE);
  assert_null (community_finding_get_actual (finding));
  ck_assert_double_eq (community_finding_get_shortfall (finding), 0);

  finding = finding_at (report, "work-item.admission", "C", "/work_items/2/legal_review/approved");
  assert_bool (community_finding_get_expected (finding), TRUE);
  assert_bool (community_finding_get_actual (finding), FALSE);

  finding = finding_at (report, "work-item.admission", "D", "/work_items/3/approval");
  assert_bool (community_finding_get_expected (finding), TRUE);
  assert_null (community_finding_get_actual (finding));

  finding = finding_at (report, "work-item.admission", "E", "/work_items/4/approval/approved");
  assert_bool (community_finding_get_actual (finding), FALSE);

  /* Reviewed after it was approved. */
  finding = finding_at (report, "work-item.admission", "F", "/work_items/5/legal_review/date");
  assert_strings_pair (finding, "2019-03-01", "2019-03-05");

  /* A passes (same day is no later); G, H, I (delivery unknown), J (not
   * admitted) and K (undated) are not applicable. */
  community_test_assert_counts (report, "work-item.admission", 1, 5, 5);
}
END_TEST

START_TEST (test_work_item_resources)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD "'work_items': ["
              "  {'id': 'A', " REVIEWED ", 'funding_provided': true, 'work_conditions_provided': true},"
              "  {'id': 'B', " REVIEWED ", 'funding_provided': false, 'work_conditions_provided': true},"
              "  {'id': 'C', " REVIEWED ", 'funding_provided': true, 'work_conditions_provided': false},"
              "  {'id': 'D', " REVIEWED ", 'work_conditions_provided': true},"
              "  {'id': 'E', " REVIEWED ", 'funding_provided': false, 'work_conditions_provided': false},"
              "  {'id': 'F', 'state': 'admitted', 'list': 'assisting_government', 'delivery': 'direct',"
              "   'funding_provided': false, 'work_conditions_provided': false}]}");
  CommunityFinding *finding;

  finding = finding_at (report, "work-item.resources", "B", "/work_items/1/funding_provided");
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  assert_bool (community_finding_get_expected (finding), TRUE);
  assert_bool (community_finding_get_actual (finding), FALSE);
  ck_assert_double_eq (community_finding_get_shortfall (finding), 0);
  finding = finding_at (report, "work-item.resources", "C", "/work_items/2/work_conditions_provided");
  assert_bool (community_finding_get_actual (finding), FALSE);
  /* Both missing: one finding, at the first. */
  finding_at (report, "work-item.resources", "E", "/work_items/4/funding_provided");

  /* D's funding is unknown; F is on a list. */
  community_test_assert_counts (report, "work-item.resources", 1, 3, 2);
}
END_TEST

START_TEST (test_work_item_prohibited_subject)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD "'work_items': ["
              "  {'id': 'A', 'category': 'urban_management', 'responsible_subject': 'community_committee'},"
              "  {'id': 'B', 'category': 'demolition', 'responsible_subject': 'department'},"
              "  {'id': 'C', 'category': 'investment_attraction', 'responsible_subject': 'street_office'},"
              "  {'id': 'D', 'category': 'service', 'responsible_subject': 'community_committee'},"
              "  {'id': 'E', 'responsible_subject': 'community_committee'},"
              "  {'id': 'F', 'category': 'administrative_enforcement'}]}");
  CommunityFinding *finding =
    community_test_assert_one_finding (report, "work-item.prohibited-subject", "A",
                                       "/work_items/0/responsible_subject");

  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  assert_strings (community_finding_get_expected (finding), "department", "street_office", NULL);
  assert_string (community_finding_get_actual (finding), "community_committee");
  ck_assert_double_eq (community_finding_get_shortfall (finding), 0);
  /* D is not of a prohibited category; E's category and F's subject are
   * unknown. */
  community_test_assert_counts (report, "work-item.prohibited-subject", 2, 1, 3);
}
END_TEST

START_TEST (test_work_item_one_vote_veto)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD "'work_items': ["
              "  {'id': 'A', 'one_vote_veto': false},"
              "  {'id': 'B', 'one_vote_veto': true},"
              "  {'id': 'C'}]}");
  CommunityFinding *finding =
    community_test_assert_one_finding (report, "work-item.one-vote-veto", "B", "/work_items/1/one_vote_veto");

  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  assert_bool (community_finding_get_expected (finding), FALSE);
  assert_bool (community_finding_get_actual (finding), TRUE);
  ck_assert_double_eq (community_finding_get_shortfall (finding), 0);
  community_test_assert_counts (report, "work-item.one-vote-veto", 1, 1, 1);
}
END_TEST

/* --- social organizations, tasks --- */

START_TEST (test_social_org_uscc)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD "'social_organizations': ["
              "  {'id': 'S1', 'uscc': '91110000600037341L'},"
              "  {'id': 'S2', 'uscc': '91110000600037341N'},"
              "  {'id': 'S3'},"
              "  {'id': 'S4', 'uscc': '91310115MA1K3BTP2B'},"
              "  {'id': 'S5', 'uscc': '9131011'}]}");
  CommunityFinding *finding;

  finding = finding_at (report, "social-org.uscc", "S2", "/social_organizations/1/uscc");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_SOCIAL_ORGANIZATION);
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  assert_strings_pair (finding, "GB 32100", "91110000600037341N");
  finding = finding_at (report, "social-org.uscc", "S5", "/social_organizations/4/uscc");
  assert_strings_pair (finding, "GB 32100", "9131011");
  community_test_assert_counts (report, "social-org.uscc", 2, 2, 1);
}
END_TEST

START_TEST (test_task_lead)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD "'departments': [{'id': 'D1', 'name': 'd'}],"
              " 'tasks': ["
              "  {'number': 11, 'departments': ['D1']},"
              "  {'number': 16, 'departments': []},"
              "  {'number': 37},"
              "  {'number': 38, 'departments': ['D9']}]}");
  CommunityFinding *finding;

  finding = finding_at (report, "task.lead", "16", "/tasks/1/departments");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_TASK);
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  assert_int (community_finding_get_expected (finding), 1);
  assert_int (community_finding_get_actual (finding), 0);
  ck_assert_double_eq (community_finding_get_shortfall (finding), 1);
  /* No departments at all is the defect itself. */
  finding = finding_at (report, "task.lead", "37", "/tasks/2/departments");
  ck_assert_double_eq (community_finding_get_shortfall (finding), 1);
  /* An unknown department still names a lead: ref.unresolved's. */
  community_test_assert_counts (report, "task.lead", 2, 2, 0);
  finding_at (report, "ref.unresolved", "38", "/tasks/3/departments/0");
}
END_TEST

/* --- the sample --- */

START_TEST (test_sample)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
  g_autoptr(CommunityReport) report = community_validator_run (validator, dataset);
  CommunityFinding *finding;
  static const char * const clean[] = {
    "code.format", "code.segment-range", "ref.unresolved", "consultation.led-by",
    "consultation.history", "work-item.resources", "work-item.prohibited-subject",
    "work-item.one-vote-veto", "social-org.uscc", "task.lead",
  };

  for (guint i = 0; i < G_N_ELEMENTS (clean); i++)
    assert_no_findings (report, clean[i]);

  community_test_assert_counts (report, "code.format", 23, 0, 0);
  community_test_assert_counts (report, "code.segment-range", 19, 0, 0);
  /* Every reference resolves, the annex's 市委政法委(市综治办) and 市综治办
   * through the department's aliases. */
  community_test_assert_counts (report, "ref.unresolved", 459, 0, 0);
  community_test_assert_counts (report, "consultation.led-by", 11, 0, 0);
  community_test_assert_counts (report, "consultation.history", 11, 0, 0);
  community_test_assert_counts (report, "work-item.resources", 3, 0, 8);
  community_test_assert_counts (report, "work-item.prohibited-subject", 2, 0, 9);
  community_test_assert_counts (report, "work-item.one-vote-veto", 11, 0, 0);
  community_test_assert_counts (report, "social-org.uscc", 7, 0, 0);
  community_test_assert_counts (report, "task.lead", 3, 0, 0);

  /* consultation.feedback-overdue ships disabled: K004, still adopted 204
   * days after 2019-06-10, is not a finding of the built-in ruleset. */
  ck_assert_ptr_null (community_report_get_rule_result (report, "consultation.feedback-overdue"));

  /* WI-06 admitted with a legal review that did not approve it. */
  finding = community_test_assert_one_finding (report, "work-item.admission", "WI-06",
                                               "/work_items/5/legal_review/approved");
  assert_bool (community_finding_get_expected (finding), TRUE);
  assert_bool (community_finding_get_actual (finding), FALSE);
  community_test_assert_counts (report, "work-item.admission", 2, 1, 8);
}
END_TEST

/* --- DOMAIN.md v2: committee, commendations, assessments, ledgers --- */

#define THREE_COMMUNITIES \
  HIERARCHY ", 'communities': [" \
  "  {'code': '320213025001', 'name': 'a', 'kind': 'urban', 'street': '320213025000'," \
  "   'committee': {'members': 7, 'non_registered_voters_protected': true}}," \
  "  {'code': '320213025002', 'name': 'b', 'kind': 'urban', 'street': '320213025000'," \
  "   'committee': {'members': 7, 'non_registered_voters_protected': false}}," \
  "  {'code': '320213025003', 'name': 'c', 'kind': 'urban', 'street': '320213025000'," \
  "   'committee': {'members': 7}}," \
  "  {'code': '320205106200', 'name': 'v', 'kind': 'rural', 'street': '320205106000'}]"

START_TEST (test_committee_non_registered_voters)
{
  g_autoptr(CommunityReport) report = validate (HEAD THREE_COMMUNITIES "}");
  CommunityFinding *finding;

  /* b's committee does not protect them; c's and v's (no committee) do
   * not say. */
  community_test_assert_counts (report, "committee.non-registered-voters", 1, 1, 2);
  finding = finding_at (report, "committee.non-registered-voters", "320213025002",
                        "/communities/1/committee/non_registered_voters_protected");
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  ck_assert_str_eq (community_finding_get_clause (finding), "二(三)");
  assert_bool (community_finding_get_expected (finding), TRUE);
  assert_bool (community_finding_get_actual (finding), FALSE);
}
END_TEST

START_TEST (test_work_item_department_assessment)
{
  g_autoptr(CommunityReport) report =
    validate (HEAD "'work_items': ["
              "  {'id': 'A', 'category': 'assessment', 'issued_by': 'department'},"
              "  {'id': 'B', 'category': 'assessment', 'issued_by': 'grassroots_government'},"
              "  {'id': 'C', 'category': 'assessment'},"
              "  {'id': 'D', 'category': 'service', 'issued_by': 'department'},"
              "  {'id': 'E', 'issued_by': 'department'}]}");
  CommunityFinding *finding;

  /* Only assessments are judged; C's issuer is unknown. */
  community_test_assert_counts (report, "work-item.department-assessment", 1, 1, 1);
  finding = finding_at (report, "work-item.department-assessment", "A", "/work_items/0/issued_by");
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  ck_assert_str_eq (community_finding_get_clause (finding), "三(一)");
  assert_string (community_finding_get_expected (finding), "grassroots_government");
  assert_string (community_finding_get_actual (finding), "department");
}
END_TEST

#define ADMITTED_AT(date) \
  "'state': 'admitted', 'history': [{'state': 'submitted', 'at': '" date "T09:00:00+08:00'}," \
  " {'state': 'admitted', 'at': '" date "T10:00:00+08:00'}]"

#define LEDGER_ITEMS \
  "'work_items': [" \
  "  {'id': 'L1', 'category': 'ledger', 'communities': ['320213025001'], " ADMITTED_AT ("2019-03-01") "}," \
  "  {'id': 'R1', 'category': 'rating', " ADMITTED_AT ("2019-12-31") "}," \
  "  {'id': 'L2', 'category': 'ledger', 'communities': ['320213025001'], " ADMITTED_AT ("2020-01-01") "}," \
  "  {'id': 'L3', 'category': 'ledger', 'state': 'admitted'}," \
  "  {'id': 'L4', 'category': 'ledger', 'state': 'submitted'}," \
  "  {'id': 'S1', 'category': 'service', 'communities': ['320213025001'], " ADMITTED_AT ("2019-03-01") "}]"

START_TEST (test_work_item_ledger_rating_cap)
{
  g_autoptr(CommunityReport) report =
    validate_with (HEAD THREE_COMMUNITIES ", " LEDGER_ITEMS "}",
                   RULESET_ON ("work-item.ledger-rating-cap", "'max_per_year': 1"));
  g_autoptr(CommunityReport) builtin = validate (HEAD THREE_COMMUNITIES ", " LEDGER_ITEMS "}");
  CommunityFinding *finding;
  JsonObject *expected;

  /* 2019: a has L1 and R1 (R1 lists no community: all of them), the
   * others R1 alone; 2020: a has L2. L3 does not say when it was
   * admitted; L4 is not admitted; S1 is a service. */
  community_test_assert_counts (report, "work-item.ledger-rating-cap", 7, 1, 1);
  finding = finding_at (report, "work-item.ledger-rating-cap", "320213025001", "/communities/0");
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_WARNING);
  expected = json_node_get_object (community_finding_get_expected (finding));
  ck_assert_int_eq (json_object_get_int_member (expected, "year"), 2019);
  ck_assert_int_eq (json_object_get_int_member (expected, "max"), 1);
  assert_int (community_finding_get_actual (finding), 2);

  /* The policy gives no number: the built-in ruleset does not run it. */
  assert_no_findings (builtin, "work-item.ledger-rating-cap");
  ck_assert_ptr_null (community_report_get_rule_result (builtin, "work-item.ledger-rating-cap"));
}
END_TEST

#define COMMENDATIONS \
  "'commendations': [" \
  "  {'year': 2019, 'kind': 'party_organization', 'subject': '320213025001'}," \
  "  {'year': 2019, 'kind': 'party_organization', 'subject': '320213025001'}," \
  "  {'id': 'C3', 'year': 2019, 'kind': 'party_secretary', 'subject': 'W1'}," \
  "  {'year': 2019, 'kind': 'party_secretary', 'subject': 'W2'}," \
  "  {'year': 2020, 'kind': 'full_time_worker', 'subject': 'W3'}]"

START_TEST (test_commendation_annual)
{
  g_autoptr(CommunityReport) report =
    validate_with (HEAD THREE_COMMUNITIES ", " COMMENDATIONS "}",
                   "{'format': 'libcommunity-ruleset', 'version': 1, 'name': 'two', 'extends': 'wuxi-2018',"
                   " 'rules': {'commendation.annual': {'params': {'count': 2}}}}");
  g_autoptr(CommunityReport) builtin = validate (HEAD THREE_COMMUNITIES ", " COMMENDATIONS "}");
  g_autoptr(CommunityReport) no_city = validate (HEAD COMMENDATIONS "}");
  g_autoptr(GListModel) findings = NULL;
  guint shortfalls[2][3] = { { 0 } };

  /* 2019: one organization (commended twice, counted once) of 2, two
   * secretaries, no worker; 2020: no organization or secretary, one
   * worker. Each (year, kind) once, about the city. */
  community_test_assert_counts (report, "commendation.annual", 1, 5, 0);
  findings = community_test_findings (report, "commendation.annual");
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (findings, i);
      JsonObject *expected = json_node_get_object (community_finding_get_expected (finding));
      guint year = json_object_get_int_member (expected, "year");
      const char *kind = json_object_get_string_member (expected, "kind");
      guint k = g_str_equal (kind, "party_organization") ? 0 : g_str_equal (kind, "party_secretary") ? 1 : 2;

      ck_assert_str_eq (community_finding_get_subject_id (finding), "320200000000");
      ck_assert_str_eq (community_finding_get_path (finding), "/divisions/0");
      ck_assert_str_eq (community_finding_get_clause (finding), "六(三)");
      ck_assert_int_eq (json_object_get_int_member (expected, "count"), 2);
      ck_assert (year == 2019 || year == 2020);
      shortfalls[year - 2019][k] = 2 - json_node_get_int (community_finding_get_actual (finding));
      ck_assert (community_finding_get_shortfall (finding) == shortfalls[year - 2019][k]);
    }
  ck_assert_uint_eq (shortfalls[0][0], 1);
  ck_assert_uint_eq (shortfalls[0][1], 0);
  ck_assert_uint_eq (shortfalls[0][2], 2);
  ck_assert_uint_eq (shortfalls[1][0], 2);
  ck_assert_uint_eq (shortfalls[1][1], 2);
  ck_assert_uint_eq (shortfalls[1][2], 1);

  /* The policy's ten of each. */
  community_test_assert_counts (builtin, "commendation.annual", 0, 6, 0);
  /* Without a city nothing can be commended by it: not applicable. */
  community_test_assert_counts (no_city, "commendation.annual", 0, 0, 6);
  /* The workers commended are not in the dataset: ref.unresolved, and the
   * commendation without an id is named by its position. */
  {
    g_autoptr(GListModel) unresolved = community_test_findings (report, "ref.unresolved");

    ck_assert_uint_eq (g_list_model_get_n_items (unresolved), 3);
  }
  ck_assert_ptr_nonnull (strstr (community_finding_get_message (finding_at (report, "ref.unresolved", NULL,
                                                                            "/commendations/3/subject")),
                                 "#4"));
}
END_TEST

/* A commendation's subject names what its kind commends: a community for a
 * party organization, a worker for a party secretary or a full-time worker
 * (DOMAIN.md §2). The wrong one is ref.unresolved, even where it names
 * something of the other kind. */
#define MISKINDED_COMMENDATIONS \
  "'workers': [{'id': 'W1', 'name': 'n', 'community': '320213025001'}]," \
  "'commendations': [" \
  "  {'id': 'K0', 'year': 2019, 'kind': 'party_organization', 'subject': '320213025001'}," \
  "  {'id': 'K1', 'year': 2019, 'kind': 'party_secretary', 'subject': 'W1'}," \
  "  {'id': 'K2', 'year': 2019, 'kind': 'party_secretary', 'subject': '320213025002'}," \
  "  {'id': 'K3', 'year': 2019, 'kind': 'party_organization', 'subject': 'W1'}," \
  "  {'id': 'K4', 'year': 2019, 'kind': 'full_time_worker', 'subject': 'W1'}]"

START_TEST (test_commendation_subject_kind)
{
  g_autofree char *json = g_strdup (HEAD THREE_COMMUNITIES ", " MISKINDED_COMMENDATIONS "}");
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityReport) report = NULL;
  g_autoptr(GListModel) unresolved = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *commendations;
  CommunityFinding *finding;
  guint n_subjects = 0;

  g_strdelimit (json, "'", '"');
  ck_assert (community_dataset_load_from_data (dataset, json, -1, &error));
  report = validate (HEAD THREE_COMMUNITIES ", " MISKINDED_COMMENDATIONS "}");

  finding = finding_at (report, "ref.unresolved", "K2", "/commendations/2/subject");
  assert_string (community_finding_get_expected (finding), "worker");
  /* actual is null: a reference field may hold a typed name (privacy). */
  ck_assert (JSON_NODE_HOLDS_NULL (community_finding_get_actual (finding)));
  finding = finding_at (report, "ref.unresolved", "K3", "/commendations/3/subject");
  assert_string (community_finding_get_expected (finding), "community");
  ck_assert (JSON_NODE_HOLDS_NULL (community_finding_get_actual (finding)));

  unresolved = community_test_findings (report, "ref.unresolved");
  for (guint i = 0; i < g_list_model_get_n_items (unresolved); i++)
    {
      g_autoptr(CommunityFinding) f = g_list_model_get_item (unresolved, i);

      n_subjects += g_str_has_prefix (community_finding_get_path (f), "/commendations/");
    }
  ck_assert_uint_eq (n_subjects, 2);

  /* community_dataset_resolve() follows the same reading. */
  commendations = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_COMMENDATION);
  {
    g_autoptr(CommunityRecord) k0 = g_list_model_get_item (commendations, 0);
    g_autoptr(CommunityRecord) k1 = g_list_model_get_item (commendations, 1);
    g_autoptr(CommunityRecord) k2 = g_list_model_get_item (commendations, 2);
    g_autoptr(CommunityRecord) k3 = g_list_model_get_item (commendations, 3);

    ck_assert (COMMUNITY_IS_COMMUNITY (community_dataset_resolve (dataset, k0, "subject")));
    ck_assert (COMMUNITY_IS_WORKER (community_dataset_resolve (dataset, k1, "subject")));
    ck_assert_ptr_null (community_dataset_resolve (dataset, k2, "subject"));
    ck_assert_ptr_null (community_dataset_resolve (dataset, k3, "subject"));
  }
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("rules-structure");
  TCase *tc = tcase_create ("rules-structure");

  tcase_add_test (tc, test_code_format_pass);
  tcase_add_test (tc, test_code_format_prefix);
  tcase_add_test (tc, test_code_format_zero_tail);
  tcase_add_test (tc, test_code_format_malformed);
  tcase_add_test (tc, test_code_format_parent);
  tcase_add_test (tc, test_segment_range_pass);
  tcase_add_test (tc, test_segment_range_street);
  tcase_add_test (tc, test_segment_range_community);
  tcase_add_test (tc, test_ref_unresolved);
  tcase_add_test (tc, test_ref_resolved);
  tcase_add_test (tc, test_consultation_led_by);
  tcase_add_test (tc, test_consultation_history);
  tcase_add_test (tc, test_consultation_feedback_overdue);
  tcase_add_test (tc, test_consultation_feedback_overdue_no_as_of);
  tcase_add_test (tc, test_work_item_admission);
  tcase_add_test (tc, test_committee_non_registered_voters);
  tcase_add_test (tc, test_work_item_department_assessment);
  tcase_add_test (tc, test_work_item_ledger_rating_cap);
  tcase_add_test (tc, test_commendation_annual);
  tcase_add_test (tc, test_commendation_subject_kind);
  tcase_add_test (tc, test_work_item_resources);
  tcase_add_test (tc, test_work_item_prohibited_subject);
  tcase_add_test (tc, test_work_item_one_vote_veto);
  tcase_add_test (tc, test_social_org_uscc);
  tcase_add_test (tc, test_task_lead);
  tcase_add_test (tc, test_sample);
  suite_add_tcase (s, tc);
  return community_test_run (s);
}
