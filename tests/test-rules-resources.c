/* test-rules-resources.c: the rules about communities, facilities, funding
 * and workers (committee.*, community.*, secretary.*, funding.*,
 * facility.*, street.*, workers.*, worker.*)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The documents are written with single quotes, which doc() turns into
 * double quotes, so that they stay readable.
 */

#include <string.h>

#include "test-common.h"

#define HEAD "{'format': 'libcommunity-dataset', 'version': 1, "

/* A city, two districts (only the first has a wage baseline of its own),
 * a street under each and a town under the first. */
#define DIVISIONS \
  "'divisions': [" \
  " {'code': '320200000000', 'name': 'City', 'level': 'city'}," \
  " {'code': '320213000000', 'name': 'D1', 'level': 'district', 'parent': '320200000000'}," \
  " {'code': '320205000000', 'name': 'D2', 'level': 'district', 'parent': '320200000000'}," \
  " {'code': '320213025000', 'name': 'S1', 'level': 'street', 'parent': '320213000000'}," \
  " {'code': '320205001000', 'name': 'S2', 'level': 'street', 'parent': '320205000000'}," \
  " {'code': '320213101000', 'name': 'T1', 'level': 'town', 'parent': '320213000000'}]"

static char *
doc (const char *single_quoted)
{
  return g_strdelimit (g_strdup (single_quoted), "'", '"');
}

static CommunityReport *
check (const char *single_quoted)
{
  g_autofree char *json = doc (single_quoted);

  return community_test_validate (json);
}

/* Validates with the built-in ruleset extended by @rules (a ruleset's
 * "rules" object, single-quoted). */
static CommunityReport *
check_with_rules (const char *rules,
                  const char *single_quoted)
{
  g_autofree char *ruleset_doc = NULL;
  g_autofree char *json = doc (single_quoted);
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityRuleset) ruleset = NULL;
  g_autoptr(CommunityValidator) validator = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ruleset_text = g_strdup_printf ("{'format': 'libcommunity-ruleset', 'version': 1,"
                                                   " 'name': 'test', 'extends': 'wuxi-2018', 'rules': %s}",
                                                   rules);

  ruleset_doc = doc (ruleset_text);
  ruleset = community_ruleset_new_from_data (ruleset_doc, -1, &error);
  ck_assert_msg (ruleset != NULL, "%s", error ? error->message : "");
  ck_assert_msg (community_dataset_load_from_data (dataset, json, -1, &error), "%s",
                 error ? error->message : "");
  validator = community_validator_new (ruleset);
  return community_validator_run (validator, dataset);
}

/* The one finding of @rule about @subject_id, borrowed from the report. */
static CommunityFinding *
finding_for (CommunityReport *report,
             const char      *rule,
             const char      *subject_id)
{
  g_autoptr(GListModel) findings = community_test_findings (report, rule);
  CommunityFinding *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (findings, i);

      if (strcmp (community_finding_get_subject_id (finding), subject_id) != 0)
        continue;
      ck_assert_msg (found == NULL, "%s: more than one finding about %s", rule, subject_id);
      found = finding;  /* the report still holds it */
    }
  ck_assert_msg (found != NULL, "%s: no finding about %s", rule, subject_id);
  return found;
}

static guint
n_findings (CommunityReport *report,
            const char      *rule)
{
  g_autoptr(GListModel) findings = community_test_findings (report, rule);

  return g_list_model_get_n_items (findings);
}

static void
assert_int (JsonNode *node,
            gint64    value)
{
  ck_assert_ptr_nonnull (node);
  ck_assert_int_eq (json_node_get_value_type (node), G_TYPE_INT64);
  ck_assert_int_eq (json_node_get_int (node), value);
}

static void
assert_double (JsonNode *node,
               double    value)
{
  ck_assert_ptr_nonnull (node);
  ck_assert_double_eq_tol (json_node_get_double (node), value, 1e-9);
}

static void
assert_bool (JsonNode *node,
             gboolean  value)
{
  ck_assert_ptr_nonnull (node);
  ck_assert_int_eq (json_node_get_value_type (node), G_TYPE_BOOLEAN);
  ck_assert_int_eq (json_node_get_boolean (node), value);
}

static void
assert_string (JsonNode   *node,
               const char *value)
{
  ck_assert_ptr_nonnull (node);
  ck_assert_int_eq (json_node_get_value_type (node), G_TYPE_STRING);
  ck_assert_str_eq (json_node_get_string (node), value);
}

/* {"year": @year, "min": @min}, the expected value of the funding floors. */
static void
assert_year_floor (JsonNode *node,
                   gint64    year,
                   gint64    min)
{
  JsonObject *object;

  ck_assert_ptr_nonnull (node);
  ck_assert (JSON_NODE_HOLDS_OBJECT (node));
  object = json_node_get_object (node);
  ck_assert_uint_eq (json_object_get_size (object), 2);
  ck_assert_int_eq (json_object_get_int_member (object, "year"), year);
  ck_assert_int_eq (json_object_get_int_member (object, "min"), min);
}

/* The one finding of a funding rule about @subject_id in @year, borrowed
 * from the report. */
static CommunityFinding *
funding_finding_for (CommunityReport *report,
                     const char      *rule,
                     const char      *subject_id,
                     gint64           year)
{
  g_autoptr(GListModel) findings = community_test_findings (report, rule);
  CommunityFinding *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (findings, i);
      JsonNode *expected = community_finding_get_expected (finding);

      if (strcmp (community_finding_get_subject_id (finding), subject_id) != 0 ||
          !JSON_NODE_HOLDS_OBJECT (expected) ||
          json_object_get_int_member (json_node_get_object (expected), "year") != year)
        continue;
      ck_assert_msg (found == NULL, "%s: more than one finding about %s in %d", rule, subject_id, (int) year);
      found = finding;  /* the report still holds it */
    }
  ck_assert_msg (found != NULL, "%s: no finding about %s in %d", rule, subject_id, (int) year);
  return found;
}

static void
assert_shortfall (CommunityFinding *finding,
                  double            shortfall)
{
  ck_assert_double_eq_tol (community_finding_get_shortfall (finding), shortfall, 1e-9);
}

/* --- committee.households, community.legal-advisor --- */

START_TEST (test_committee_households)
{
  g_autoptr(CommunityReport) report = check (
    HEAD DIVISIONS ", 'communities': ["
    " {'code': '320213025001', 'name': 'A', 'kind': 'urban', 'street': '320213025000', 'households': 2000},"
    " {'code': '320213025002', 'name': 'B', 'kind': 'urban', 'street': '320213025000', 'households': 1800},"
    " {'code': '320213025003', 'name': 'C', 'kind': 'urban', 'street': '320213025000', 'households': 3000},"
    " {'code': '320213025004', 'name': 'D', 'kind': 'urban', 'street': '320213025000'},"
    " {'code': '320213025200', 'name': 'E', 'kind': 'rural', 'street': '320213025000', 'households': 2100},"
    " {'code': '320213025201', 'name': 'F', 'kind': 'rural', 'street': '320213025000', 'households': 1000}]}");
  CommunityFinding *finding;
  JsonObject *range;

  /* The limits pass; households unknown is not applicable. */
  community_test_assert_counts (report, "committee.households", 3, 2, 1);

  finding = finding_for (report, "committee.households", "320213025002");
  ck_assert_str_eq (community_finding_get_path (finding), "/communities/1/households");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_COMMUNITY);
  range = json_node_get_object (community_finding_get_expected (finding));
  ck_assert_int_eq (json_object_get_int_member (range, "min"), 2000);
  ck_assert_int_eq (json_object_get_int_member (range, "max"), 3000);
  assert_int (community_finding_get_actual (finding), 1800);
  assert_shortfall (finding, 200);
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_WARNING);
  ck_assert_str_eq (community_finding_get_clause (finding), "二(三)");

  /* Above the range: a village with too many households, no shortfall. */
  finding = finding_for (report, "committee.households", "320213025200");
  ck_assert_str_eq (community_finding_get_path (finding), "/communities/4/households");
  range = json_node_get_object (community_finding_get_expected (finding));
  ck_assert_int_eq (json_object_get_int_member (range, "min"), 1000);
  ck_assert_int_eq (json_object_get_int_member (range, "max"), 2000);
  assert_int (community_finding_get_actual (finding), 2100);
  assert_shortfall (finding, 0);
}
END_TEST

START_TEST (test_community_legal_advisor)
{
  g_autoptr(CommunityReport) report = check (
    HEAD DIVISIONS ", 'communities': ["
    " {'code': '320213025001', 'name': 'A', 'kind': 'urban', 'street': '320213025000', 'has_legal_advisor': true},"
    " {'code': '320213025002', 'name': 'B', 'kind': 'urban', 'street': '320213025000', 'has_legal_advisor': false},"
    " {'code': '320213025003', 'name': 'C', 'kind': 'urban', 'street': '320213025000'}]}");
  CommunityFinding *finding;

  community_test_assert_counts (report, "community.legal-advisor", 1, 1, 1);
  finding = community_test_assert_one_finding (report, "community.legal-advisor", "320213025002",
                                                "/communities/1/has_legal_advisor");
  assert_bool (community_finding_get_expected (finding), TRUE);
  assert_bool (community_finding_get_actual (finding), FALSE);
  assert_shortfall (finding, 0);
  ck_assert_str_eq (community_finding_get_clause (finding), "五(二)");
}
END_TEST

/* --- secretary.county-filing --- */

START_TEST (test_secretary_county_filing)
{
  g_autoptr(CommunityReport) report = check (
    HEAD DIVISIONS ", 'communities': ["
    " {'code': '320213025001', 'name': 'A', 'kind': 'urban', 'street': '320213025000'},"
    " {'code': '320213025200', 'name': 'V1', 'kind': 'rural', 'street': '320213025000'}],"
    " 'workers': ["
    /* Judged: the secretaries of the village. */
    "  {'id': 'W1', 'community': '320213025200', 'roles': ['party_secretary'], 'county_filed': true},"
    "  {'id': 'W2', 'community': '320213025200', 'roles': ['party_secretary', 'committee_director'],"
    "   'county_filed': false},"
    "  {'id': 'W3', 'community': '320213025200', 'roles': ['party_secretary']},"
    /* Not counted: a village's other worker, an urban secretary, a
     * street-level one. */
    "  {'id': 'W4', 'community': '320213025200', 'roles': ['committee_director'], 'county_filed': false},"
    "  {'id': 'W5', 'community': '320213025001', 'roles': ['party_secretary'], 'county_filed': false},"
    "  {'id': 'W6', 'street': '320213025000', 'roles': ['party_secretary'], 'county_filed': false},"
    /* A village's worker of unknown roles may be its secretary. */
    "  {'id': 'W7', 'community': '320213025200', 'county_filed': false}]}");
  CommunityFinding *finding;

  /* W3 does not say, W7's roles are unknown: not applicable. */
  community_test_assert_counts (report, "secretary.county-filing", 1, 1, 2);
  finding = community_test_assert_one_finding (report, "secretary.county-filing", "W2",
                                                "/workers/1/county_filed");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_WORKER);
  assert_bool (community_finding_get_expected (finding), TRUE);
  assert_bool (community_finding_get_actual (finding), FALSE);
  assert_shortfall (finding, 0);
  ck_assert_str_eq (community_finding_get_clause (finding), "二(一)");
}
END_TEST

/* --- funding.community-floor, funding.city-floor --- */

#define FUNDING_COMMUNITIES \
  "'communities': [" \
  " {'code': '320213025001', 'name': 'A', 'kind': 'urban', 'street': '320213025000'}," \
  " {'code': '320213025200', 'name': 'V1', 'kind': 'rural', 'street': '320213025000'}]"

START_TEST (test_funding_community_floor)
{
  g_autoptr(CommunityReport) report = check (
    HEAD DIVISIONS ", " FUNDING_COMMUNITIES ", 'funding': ["
    /* 2018: A's 250000 in two records passes, V1's 280000 is short. */
    " {'id': 'F1', 'year': 2018, 'recipient': '320213025001', 'purpose': 'community_operations', 'amount_yuan': 150000},"
    " {'id': 'F2', 'year': 2018, 'recipient': '320213025001', 'purpose': 'community_operations', 'amount_yuan': 100000},"
    " {'id': 'F3', 'year': 2018, 'recipient': '320213025200', 'purpose': 'community_operations', 'amount_yuan': 280000},"
    /* Other purposes do not count. */
    " {'id': 'F4', 'year': 2018, 'recipient': '320213025200', 'purpose': 'other', 'amount_yuan': 50000},"
    " {'id': 'F5', 'year': 2018, 'recipient': '320213025200', 'purpose': 'innovation_awards', 'amount_yuan': 50000},"
    /* 2019: A has 150000, V1 nothing at all. */
    " {'id': 'F6', 'year': 2019, 'recipient': '320213025001', 'purpose': 'community_operations', 'amount_yuan': 150000},"
    /* 2020 has no operating funds: it is not judged. */
    " {'id': 'F7', 'year': 2020, 'recipient': '320213025001', 'purpose': 'other', 'amount_yuan': 1}]}");
  CommunityFinding *finding;

  /* (2018, A) passes; (2018, V1), (2019, A), (2019, V1) fail. */
  community_test_assert_counts (report, "funding.community-floor", 1, 3, 0);
  ck_assert_uint_eq (n_findings (report, "funding.community-floor"), 3);

  finding = funding_finding_for (report, "funding.community-floor", "320213025200", 2018);
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_COMMUNITY);
  /* The community's own pointer: its money lies in any number of records. */
  ck_assert_str_eq (community_finding_get_path (finding), "/communities/1");
  assert_year_floor (community_finding_get_expected (finding), 2018, 300000);
  assert_int (community_finding_get_actual (finding), 280000);
  assert_shortfall (finding, 20000);
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  ck_assert_str_eq (community_finding_get_clause (finding), "六(二)");
  ck_assert_ptr_nonnull (strstr (community_finding_get_message (finding), "2018"));

  finding = funding_finding_for (report, "funding.community-floor", "320213025001", 2019);
  ck_assert_str_eq (community_finding_get_path (finding), "/communities/0");
  assert_year_floor (community_finding_get_expected (finding), 2019, 200000);
  assert_int (community_finding_get_actual (finding), 150000);
  assert_shortfall (finding, 50000);

  /* No record: actual 0. */
  finding = funding_finding_for (report, "funding.community-floor", "320213025200", 2019);
  ck_assert_str_eq (community_finding_get_path (finding), "/communities/1");
  assert_year_floor (community_finding_get_expected (finding), 2019, 300000);
  assert_int (community_finding_get_actual (finding), 0);
  assert_shortfall (finding, 300000);
}
END_TEST

START_TEST (test_funding_community_floor_no_records)
{
  /* Without any operating-fund record, no year is judged. */
  g_autoptr(CommunityReport) report = check (
    HEAD DIVISIONS ", " FUNDING_COMMUNITIES ", 'funding': ["
    " {'id': 'F1', 'year': 2018, 'recipient': '320213025001', 'purpose': 'other', 'amount_yuan': 1}]}");

  community_test_assert_counts (report, "funding.community-floor", 0, 0, 0);
}
END_TEST

START_TEST (test_funding_community_floor_params)
{
  /* The floors are parameters. */
  g_autoptr(CommunityReport) report = check_with_rules (
    "{'funding.community-floor': {'params': {'urban_min': 100000, 'rural_min': 400000}}}",
    HEAD DIVISIONS ", " FUNDING_COMMUNITIES ", 'funding': ["
    " {'id': 'F1', 'year': 2018, 'recipient': '320213025001', 'purpose': 'community_operations', 'amount_yuan': 150000},"
    " {'id': 'F2', 'year': 2018, 'recipient': '320213025200', 'purpose': 'community_operations', 'amount_yuan': 350000}]}");
  CommunityFinding *finding;

  community_test_assert_counts (report, "funding.community-floor", 1, 1, 0);
  finding = community_test_assert_one_finding (report, "funding.community-floor", "320213025200",
                                                "/communities/1");
  assert_year_floor (community_finding_get_expected (finding), 2018, 400000);
  assert_shortfall (finding, 50000);
}
END_TEST

START_TEST (test_funding_city_floor)
{
  g_autoptr(CommunityReport) report = check (
    HEAD DIVISIONS ", " FUNDING_COMMUNITIES ", 'funding': ["
    /* 2018: exactly the floor passes. */
    " {'id': 'F1', 'year': 2018, 'recipient': '320200000000', 'purpose': 'innovation_awards', 'amount_yuan': 10000000},"
    /* 2019: 6000000 + 3000000; a district's awards and the city's other
     * money are not the city's innovation awards. */
    " {'id': 'F2', 'year': 2019, 'recipient': '320200000000', 'purpose': 'innovation_awards', 'amount_yuan': 6000000},"
    " {'id': 'F3', 'year': 2019, 'recipient': '320200000000', 'purpose': 'innovation_awards', 'amount_yuan': 3000000},"
    " {'id': 'F4', 'year': 2019, 'recipient': '320213000000', 'purpose': 'innovation_awards', 'amount_yuan': 5000000},"
    " {'id': 'F5', 'year': 2019, 'recipient': '320200000000', 'purpose': 'other', 'amount_yuan': 5000000},"
    /* 2020 has a funding record, so it is judged, with 0. */
    " {'id': 'F6', 'year': 2020, 'recipient': '320213025001', 'purpose': 'community_operations', 'amount_yuan': 200000}]}");
  CommunityFinding *finding;

  community_test_assert_counts (report, "funding.city-floor", 1, 2, 0);
  ck_assert_uint_eq (n_findings (report, "funding.city-floor"), 2);

  finding = funding_finding_for (report, "funding.city-floor", "320200000000", 2019);
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_DIVISION);
  ck_assert_str_eq (community_finding_get_path (finding), "/divisions/0");
  assert_year_floor (community_finding_get_expected (finding), 2019, 10000000);
  assert_int (community_finding_get_actual (finding), 9000000);
  assert_shortfall (finding, 1000000);
  ck_assert_str_eq (community_finding_get_clause (finding), "六(二)");

  finding = funding_finding_for (report, "funding.city-floor", "320200000000", 2020);
  ck_assert_str_eq (community_finding_get_path (finding), "/divisions/0");
  assert_year_floor (community_finding_get_expected (finding), 2020, 10000000);
  assert_int (community_finding_get_actual (finding), 0);
  assert_shortfall (finding, 10000000);
}
END_TEST

/* The 1000万 covers innovation awards and subsidies to areas of weak
 * finances (六(二)): both purposes count, and records need no id. */
START_TEST (test_funding_city_floor_weak_areas)
{
  g_autoptr(CommunityReport) report = check (
    HEAD DIVISIONS ", " FUNDING_COMMUNITIES ", 'funding': ["
    " {'year': 2021, 'recipient': '320200000000', 'purpose': 'innovation_awards', 'amount_yuan': 7000000},"
    " {'year': 2021, 'recipient': '320200000000', 'purpose': 'weak_area_subsidy', 'amount_yuan': 3000000},"
    " {'year': 2022, 'recipient': '320200000000', 'purpose': 'weak_area_subsidy', 'amount_yuan': 9999999},"
    " {'year': 2022, 'recipient': '320200000000', 'purpose': 'other', 'amount_yuan': 1}]}");
  CommunityFinding *finding;

  community_test_assert_counts (report, "funding.city-floor", 1, 1, 0);
  finding = funding_finding_for (report, "funding.city-floor", "320200000000", 2022);
  assert_int (community_finding_get_actual (finding), 9999999);
  assert_shortfall (finding, 1);
}
END_TEST

START_TEST (test_funding_city_floor_no_city)
{
  /* No city division: each year is not applicable; no funding: nothing. */
  g_autoptr(CommunityReport) report = check (
    HEAD "'funding': ["
    " {'id': 'F1', 'year': 2018, 'recipient': '320200000000', 'purpose': 'innovation_awards', 'amount_yuan': 1},"
    " {'id': 'F2', 'year': 2019, 'recipient': '320200000000', 'purpose': 'innovation_awards', 'amount_yuan': 1}]}");
  g_autoptr(CommunityReport) empty = check (HEAD DIVISIONS "}");

  community_test_assert_counts (report, "funding.city-floor", 0, 0, 2);
  community_test_assert_counts (empty, "funding.city-floor", 0, 0, 0);
}
END_TEST

/* --- facility.area-per-households --- */

START_TEST (test_facility_area_per_households)
{
  g_autoptr(CommunityReport) report = check (
    HEAD DIVISIONS ", 'communities': ["
    " {'code': '320213025001', 'name': 'A', 'kind': 'urban', 'street': '320213025000', 'households': 2400},"
    " {'code': '320213025002', 'name': 'B', 'kind': 'urban', 'street': '320213025000', 'households': 1000},"
    " {'code': '320213025003', 'name': 'C', 'kind': 'urban', 'street': '320213025000'},"
    " {'code': '320213025004', 'name': 'D', 'kind': 'urban', 'street': '320213025000', 'households': 2000},"
    " {'code': '320213025005', 'name': 'E', 'kind': 'urban', 'street': '320213025000', 'households': 2000}],"
    " 'facilities': ["
    /* A: 500 + 400 = 900 m², 2400 households need 960. */
    "  {'id': 'F1', 'kind': 'community_service_center', 'owner': '320213025001', 'floor_area_m2': 500},"
    "  {'id': 'F2', 'kind': 'community_service_center', 'owner': '320213025001', 'floor_area_m2': 400},"
    "  {'id': 'F3', 'kind': 'home_care_station', 'owner': '320213025001', 'floor_area_m2': 300},"
    /* B: exactly 400 m² for 1000 households. */
    "  {'id': 'F4', 'kind': 'community_service_center', 'owner': '320213025002', 'floor_area_m2': 400},"
    /* C: households unknown. D: a center of unknown area. */
    "  {'id': 'F5', 'kind': 'community_service_center', 'owner': '320213025003', 'floor_area_m2': 4000},"
    "  {'id': 'F6', 'kind': 'community_service_center', 'owner': '320213025004'},"
    /* E: no service center, only a street's one under its code's street. */
    "  {'id': 'F7', 'kind': 'street_service_center', 'owner': '320213025000', 'floor_area_m2': 3000}]}");
  CommunityFinding *finding;

  community_test_assert_counts (report, "facility.area-per-households", 1, 2, 2);

  finding = finding_for (report, "facility.area-per-households", "320213025001");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_COMMUNITY);
  ck_assert_str_eq (community_finding_get_path (finding), "/communities/0");
  assert_double (community_finding_get_expected (finding), 960);
  assert_double (community_finding_get_actual (finding), 900);
  assert_shortfall (finding, 60);
  ck_assert_str_eq (community_finding_get_message (finding),
                    "Community 320213025001 has 900 m² of community service facilities; "
                    "2400 households need 960 m²");
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  ck_assert_str_eq (community_finding_get_clause (finding), "四(一)");

  /* None: 0 m². */
  finding = finding_for (report, "facility.area-per-households", "320213025005");
  ck_assert_str_eq (community_finding_get_path (finding), "/communities/4");
  assert_double (community_finding_get_expected (finding), 800);
  assert_double (community_finding_get_actual (finding), 0);
  assert_shortfall (finding, 800);
}
END_TEST

/* --- street.service-center-area, street.party-guidance-station --- */

START_TEST (test_street_service_center_area)
{
  g_autoptr(CommunityReport) report = check (
    HEAD "'divisions': ["
    " {'code': '320200000000', 'name': 'City', 'level': 'city'},"
    " {'code': '320205000000', 'name': 'D', 'level': 'district', 'parent': '320200000000'},"
    " {'code': '320205106000', 'name': 'T1', 'level': 'town', 'parent': '320205000000'},"
    " {'code': '320205001000', 'name': 'S1', 'level': 'street', 'parent': '320205000000'},"
    " {'code': '320205102000', 'name': 'T2', 'level': 'town', 'parent': '320205000000'},"
    " {'code': '320205002000', 'name': 'S2', 'level': 'street', 'parent': '320205000000'}],"
    " 'facilities': ["
    /* T1: the larger of 2350 and 820 counts. */
    "  {'id': 'F1', 'kind': 'street_service_center', 'owner': '320205106000', 'floor_area_m2': 2350},"
    "  {'id': 'F2', 'kind': 'street_service_center', 'owner': '320205106000', 'floor_area_m2': 820},"
    /* S1: 1500 is too small; a bigger facility of another kind does not help. */
    "  {'id': 'F3', 'kind': 'street_service_center', 'owner': '320205001000', 'floor_area_m2': 1500},"
    "  {'id': 'F4', 'kind': 'emergency_shelter', 'owner': '320205001000', 'floor_area_m2': 8000},"
    /* T2: none. S2: one too small and one of unknown area. */
    "  {'id': 'F5', 'kind': 'street_service_center', 'owner': '320205002000', 'floor_area_m2': 1000},"
    "  {'id': 'F6', 'kind': 'street_service_center', 'owner': '320205002000'}]}");
  CommunityFinding *finding;

  community_test_assert_counts (report, "street.service-center-area", 1, 2, 1);

  finding = finding_for (report, "street.service-center-area", "320205001000");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_DIVISION);
  ck_assert_str_eq (community_finding_get_path (finding), "/divisions/3");
  assert_double (community_finding_get_expected (finding), 2000);
  assert_double (community_finding_get_actual (finding), 1500);
  assert_shortfall (finding, 500);
  ck_assert_str_eq (community_finding_get_clause (finding), "四(一)");

  finding = finding_for (report, "street.service-center-area", "320205102000");
  ck_assert_str_eq (community_finding_get_path (finding), "/divisions/4");
  assert_double (community_finding_get_actual (finding), 0);
  assert_shortfall (finding, 2000);
}
END_TEST

START_TEST (test_street_party_guidance_station)
{
  g_autoptr(CommunityReport) report = check (
    HEAD DIVISIONS ", 'facilities': ["
    "  {'id': 'F1', 'kind': 'party_guidance_station', 'owner': '320213025000'},"
    "  {'id': 'F2', 'kind': 'party_guidance_station', 'owner': '320213101000'},"
    "  {'id': 'F3', 'kind': 'party_guidance_station', 'owner': '320213101000'},"
    "  {'id': 'F4', 'kind': 'street_service_center', 'owner': '320205001000', 'floor_area_m2': 2000}]}");
  CommunityFinding *finding;

  /* S1 and T1 have one or more; S2 has none. The city and districts are
   * not judged. */
  community_test_assert_counts (report, "street.party-guidance-station", 2, 1, 0);
  finding = community_test_assert_one_finding (report, "street.party-guidance-station", "320205001000",
                                                "/divisions/4");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_DIVISION);
  assert_int (community_finding_get_expected (finding), 1);
  assert_int (community_finding_get_actual (finding), 0);
  assert_shortfall (finding, 1);
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_WARNING);
  ck_assert_str_eq (community_finding_get_clause (finding), "二(一)");
}
END_TEST

START_TEST (test_street_party_guidance_station_min)
{
  g_autoptr(CommunityReport) report = check_with_rules (
    "{'street.party-guidance-station': {'params': {'min': 2}}}",
    HEAD DIVISIONS ", 'facilities': ["
    "  {'id': 'F1', 'kind': 'party_guidance_station', 'owner': '320213025000'},"
    "  {'id': 'F2', 'kind': 'party_guidance_station', 'owner': '320213101000'},"
    "  {'id': 'F3', 'kind': 'party_guidance_station', 'owner': '320213101000'}]}");
  CommunityFinding *finding;

  community_test_assert_counts (report, "street.party-guidance-station", 1, 2, 0);
  finding = finding_for (report, "street.party-guidance-station", "320213025000");
  ck_assert_str_eq (community_finding_get_path (finding), "/divisions/3");
  assert_int (community_finding_get_expected (finding), 2);
  assert_int (community_finding_get_actual (finding), 1);
  assert_shortfall (finding, 1);
}
END_TEST

/* --- facility.utility-pricing, facility.registration, facility.office-area --- */

START_TEST (test_facility_utility_pricing)
{
  g_autoptr(CommunityReport) report = check (
    HEAD DIVISIONS ", 'communities': ["
    " {'code': '320213025001', 'name': 'A', 'kind': 'urban', 'street': '320213025000'}],"
    " 'facilities': ["
    "  {'id': 'F1', 'kind': 'community_service_center', 'owner': '320213025001', 'utility_pricing': 'residential'},"
    "  {'id': 'F2', 'kind': 'street_service_center', 'owner': '320213025000', 'utility_pricing': 'commercial'},"
    "  {'id': 'F3', 'kind': 'community_service_center', 'owner': '320213025001'},"
    /* Not a service center: not counted. */
    "  {'id': 'F4', 'kind': 'home_care_station', 'owner': '320213025001', 'utility_pricing': 'commercial'},"
    "  {'id': 'F5', 'kind': 'other', 'owner': '320213025001', 'utility_pricing': 'commercial'}]}");
  CommunityFinding *finding;

  community_test_assert_counts (report, "facility.utility-pricing", 1, 1, 1);
  finding = community_test_assert_one_finding (report, "facility.utility-pricing", "F2",
                                                "/facilities/1/utility_pricing");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_FACILITY);
  assert_string (community_finding_get_expected (finding), "residential");
  assert_string (community_finding_get_actual (finding), "commercial");
  assert_shortfall (finding, 0);
  ck_assert_str_eq (community_finding_get_clause (finding), "四(一)");
}
END_TEST

START_TEST (test_facility_registration)
{
  g_autoptr(CommunityReport) report = check (
    HEAD DIVISIONS ", 'communities': ["
    " {'code': '320213025001', 'name': 'A', 'kind': 'urban', 'street': '320213025000'}],"
    " 'facilities': ["
    "  {'id': 'F1', 'kind': 'home_care_station', 'owner': '320213025001',"
    "   'government_invested': true, 'ownership_registered': true},"
    "  {'id': 'F2', 'kind': 'community_service_center', 'owner': '320213025001',"
    "   'government_invested': true, 'ownership_registered': false},"
    /* Invested, registration unknown; investment unknown: not applicable. */
    "  {'id': 'F3', 'kind': 'community_service_center', 'owner': '320213025001', 'government_invested': true},"
    "  {'id': 'F4', 'kind': 'other', 'owner': '320213025001', 'ownership_registered': false},"
    /* Not built with government money: not counted. */
    "  {'id': 'F5', 'kind': 'other', 'owner': '320213025001',"
    "   'government_invested': false, 'ownership_registered': false}]}");
  CommunityFinding *finding;

  community_test_assert_counts (report, "facility.registration", 1, 1, 2);
  finding = community_test_assert_one_finding (report, "facility.registration", "F2",
                                                "/facilities/1/ownership_registered");
  assert_bool (community_finding_get_expected (finding), TRUE);
  assert_bool (community_finding_get_actual (finding), FALSE);
  assert_shortfall (finding, 0);
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_WARNING);
}
END_TEST

#define OFFICE_FACILITIES \
  HEAD DIVISIONS ", 'communities': [" \
  " {'code': '320213025001', 'name': 'A', 'kind': 'urban', 'street': '320213025000'}]," \
  " 'facilities': [" \
  "  {'id': 'F1', 'kind': 'community_service_center', 'owner': '320213025001'," \
  "   'floor_area_m2': 1000, 'office_area_m2': 200}," \
  "  {'id': 'F2', 'kind': 'community_service_center', 'owner': '320213025001'," \
  "   'floor_area_m2': 1000, 'office_area_m2': 250.5}," \
  "  {'id': 'F3', 'kind': 'community_service_center', 'owner': '320213025001', 'floor_area_m2': 1000}," \
  "  {'id': 'F4', 'kind': 'community_service_center', 'owner': '320213025001', 'office_area_m2': 10}," \
  "  {'id': 'F5', 'kind': 'street_service_center', 'owner': '320213025000'," \
  "   'floor_area_m2': 1000, 'office_area_m2': 900}]}"

START_TEST (test_facility_office_area)
{
  g_autoptr(CommunityReport) builtin = check (OFFICE_FACILITIES);
  g_autoptr(CommunityReport) report = check_with_rules ("{'facility.office-area': {'enabled': true}}",
                                                        OFFICE_FACILITIES);
  CommunityFinding *finding;

  /* Disabled in the built-in ruleset: it does not run. */
  ck_assert_ptr_null (community_report_get_rule_result (builtin, "facility.office-area"));
  ck_assert_uint_eq (n_findings (builtin, "facility.office-area"), 0);

  /* Turned on, with the default share 0.2: 200 of 1000 m² is the limit. */
  community_test_assert_counts (report, "facility.office-area", 1, 1, 2);
  finding = community_test_assert_one_finding (report, "facility.office-area", "F2",
                                                "/facilities/1/office_area_m2");
  assert_double (community_finding_get_expected (finding), 200);
  assert_double (community_finding_get_actual (finding), 250.5);
  assert_shortfall (finding, 0);
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_INFO);
  ck_assert_str_eq (community_finding_get_clause (finding), "四(二)");
}
END_TEST

START_TEST (test_facility_office_area_share)
{
  g_autoptr(CommunityReport) report = check_with_rules (
    "{'facility.office-area': {'enabled': true, 'params': {'max_office_share': 0.1}}}", OFFICE_FACILITIES);
  CommunityFinding *finding;

  community_test_assert_counts (report, "facility.office-area", 0, 2, 2);
  finding = finding_for (report, "facility.office-area", "F1");
  ck_assert_str_eq (community_finding_get_path (finding), "/facilities/0/office_area_m2");
  assert_double (community_finding_get_expected (finding), 100);
  assert_double (community_finding_get_actual (finding), 200);
}
END_TEST

/* --- workers.per-households --- */

/* @n workers of @community, W<prefix>1…, with @roles and @employment. */
static void
add_workers (GString    *json,
             const char *prefix,
             guint       n,
             const char *community,
             const char *roles,
             const char *employment)
{
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (json, "%s{'id': 'W%s%u', 'community': '%s', 'roles': [%s]%s%s%s}",
                            json->str[json->len - 1] == '[' ? "" : ", ",
                            prefix, i, community, roles,
                            employment != NULL ? ", 'employment': '" : "",
                            employment != NULL ? employment : "",
                            employment != NULL ? "'" : "");
}

START_TEST (test_workers_per_households)
{
  g_autoptr(GString) json = g_string_new (
    HEAD DIVISIONS ", 'communities': ["
    " {'code': '320213025001', 'name': 'A', 'kind': 'urban', 'street': '320213025000', 'households': 2400},"
    " {'code': '320213025002', 'name': 'B', 'kind': 'urban', 'street': '320213025000', 'households': 601},"
    " {'code': '320213025003', 'name': 'C', 'kind': 'urban', 'street': '320213025000', 'households': 900},"
    " {'code': '320213025004', 'name': 'D', 'kind': 'urban', 'street': '320213025000'},"
    " {'code': '320213025200', 'name': 'V', 'kind': 'rural', 'street': '320213025000', 'households': 3000}],"
    " 'workers': [");
  g_autoptr(CommunityReport) report = NULL;
  CommunityFinding *finding;

  /* A needs 8: 7 full-time staff; a part-time one, a full-time legal
   * advisor and first secretary, and a street-level worker do not count. */
  add_workers (json, "A", 7, "320213025001", "'community_worker'", "full_time");
  add_workers (json, "AP", 1, "320213025001", "'community_worker'", "part_time");
  add_workers (json, "AL", 1, "320213025001", "'legal_advisor'", "full_time");
  add_workers (json, "AF", 1, "320213025001", "'first_secretary'", "full_time");
  g_string_append (json, ", {'id': 'WS', 'street': '320213025000', 'roles': ['community_worker'],"
                         " 'employment': 'full_time'}");
  /* B needs ceil(601 / 300) = 3 and has them (a legal advisor who also
   * holds another role is staff). */
  add_workers (json, "B", 2, "320213025002", "'committee_member'", "full_time");
  add_workers (json, "BL", 1, "320213025002", "'legal_advisor', 'grid_administrator'", "full_time");
  /* C needs 3: 2 full-time and one of unknown employment. */
  add_workers (json, "C", 2, "320213025003", "'community_worker'", "full_time");
  add_workers (json, "CU", 1, "320213025003", "'community_worker'", NULL);
  g_string_append (json, "]}");

  report = check (json->str);

  /* Judged: the urban communities; C unknown, D without households and
   * the village are not applicable. */
  community_test_assert_counts (report, "workers.per-households", 1, 1, 3);
  finding = community_test_assert_one_finding (report, "workers.per-households", "320213025001",
                                                "/communities/0");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_COMMUNITY);
  assert_int (community_finding_get_expected (finding), 8);
  assert_int (community_finding_get_actual (finding), 7);
  assert_shortfall (finding, 1);
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  ck_assert_str_eq (community_finding_get_clause (finding), "四(四)");
}
END_TEST

/* --- worker.pay-floor --- */

/* Communities under D1 (its own baseline) and D2 (none: the city's). */
#define PAY_DATA PAY_DATA_W1 ("98640")
/* @w1: W1's pay, a string literal of digits. */
#define PAY_DATA_W1(w1) \
  DIVISIONS ", 'communities': [" \
  " {'code': '320213025001', 'name': 'A', 'kind': 'urban', 'street': '320213025000'}," \
  " {'code': '320205001001', 'name': 'B', 'kind': 'urban', 'street': '320205001000'}]," \
  " 'wage_baselines': [" \
  "  {'id': 'B1', 'division': '320200000000', 'year': 2018, 'average_annual_wage_yuan': 101256}," \
  "  {'id': 'B2', 'division': '320200000000', 'year': 2019, 'average_annual_wage_yuan': 107312}," \
  "  {'id': 'B3', 'division': '320213000000', 'year': 2018, 'average_annual_wage_yuan': 98640}," \
  "  {'id': 'B4', 'division': '320213025000', 'year': 2018, 'average_annual_wage_yuan': 200000}]," \
  " 'workers': [" \
  /* Judged: full-time community staff. */ \
  "  {'id': 'W1', 'community': '320213025001', 'roles': ['community_worker'], 'employment': 'full_time'," \
  "   'annual_pay_yuan': " w1 "}," \
  "  {'id': 'W2', 'community': '320213025001', 'roles': ['community_worker'], 'employment': 'full_time'," \
  "   'annual_pay_yuan': 92400}," \
  "  {'id': 'W3', 'community': '320205001001', 'roles': ['community_worker'], 'employment': 'full_time'," \
  "   'annual_pay_yuan': 100000}," \
  "  {'id': 'W4', 'community': '320205001001', 'roles': ['party_secretary'], 'employment': 'full_time'," \
  "   'annual_pay_yuan': 103001}," \
  "  {'id': 'W5', 'community': '320205001001', 'roles': ['community_worker'], 'employment': 'full_time'}," \
  /* Not counted: part-time, a legal advisor, street-level staff. */ \
  "  {'id': 'W6', 'community': '320213025001', 'roles': ['community_worker'], 'employment': 'part_time'," \
  "   'annual_pay_yuan': 10000}," \
  "  {'id': 'W7', 'community': '320213025001', 'roles': ['legal_advisor'], 'employment': 'full_time'," \
  "   'annual_pay_yuan': 10000}," \
  "  {'id': 'W8', 'street': '320213025000', 'roles': ['community_worker'], 'employment': 'full_time'," \
  "   'annual_pay_yuan': 10000}]"

/* 年人均报酬: the mean pay of the full-time staff under each division
 * with a baseline (四(四)), not each worker's. */
START_TEST (test_worker_pay_floor)
{
  g_autoptr(CommunityReport) report = check (HEAD "'as_of': '2019-12-31', " PAY_DATA "}");
  CommunityFinding *finding;

  /* D1 (its own 2018 baseline, 98640): W1 98640 and W2 92400, a mean of
   * 95520. D2 has none, so its staff count under the city's (101256): W3
   * 100000 and W4 103001, a mean of 101500.5, rounded to 101501. W5's pay
   * is unknown, W6-W8 are not community staff: left out. The street's
   * own baseline (B4) has nobody under it: not applicable. */
  community_test_assert_counts (report, "worker.pay-floor", 1, 1, 1);

  finding = finding_for (report, "worker.pay-floor", "320213000000");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_DIVISION);
  ck_assert_str_eq (community_finding_get_path (finding), "/divisions/1");
  assert_int (community_finding_get_expected (finding), 98640);
  assert_int (community_finding_get_actual (finding), 95520);
  assert_shortfall (finding, 3120);
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_WARNING);
  ck_assert_str_eq (community_finding_get_clause (finding), "四(四)");
  /* The mean is the policy's term, and no worker is named. */
  ck_assert_ptr_null (strstr (community_finding_get_message (finding), "W2"));
}
END_TEST

/* A worker paid less than the floor does not fail a division whose mean
 * is above it: the policy sets a floor for the average. */
START_TEST (test_worker_pay_floor_mean)
{
  /* W2 is still paid 92400, under the baseline; with W1 paid 104881 the
   * mean is 98640.5, rounded to 98641: 梁溪区 passes. */
  g_autoptr(CommunityReport) report = check (HEAD "'as_of': '2019-12-31', " PAY_DATA_W1 ("104881") "}");
  g_autoptr(CommunityReport) just_under = check (HEAD "'as_of': '2019-12-31', " PAY_DATA_W1 ("104879") "}");

  community_test_assert_counts (report, "worker.pay-floor", 2, 0, 1);
  /* 104879 + 92400 = 197279: 98639.5 rounds to 98640, the baseline. */
  community_test_assert_counts (just_under, "worker.pay-floor", 2, 0, 1);
}
END_TEST

START_TEST (test_worker_pay_floor_year)
{
  /* As of 2020, the 2019 baselines apply: only the city has one, and every
   * staff member counts under it: (98640 + 92400 + 100000 + 103001) / 4. */
  g_autoptr(CommunityReport) report = check (HEAD "'as_of': '2020-06-30', " PAY_DATA "}");
  CommunityFinding *finding;

  community_test_assert_counts (report, "worker.pay-floor", 0, 1, 0);
  finding = finding_for (report, "worker.pay-floor", "320200000000");
  ck_assert_str_eq (community_finding_get_path (finding), "/divisions/0");
  assert_int (community_finding_get_expected (finding), 107312);
  assert_int (community_finding_get_actual (finding), 98510);
  assert_shortfall (finding, 107312 - 98510);
}
END_TEST

START_TEST (test_worker_pay_floor_not_applicable)
{
  /* Without as_of the rule cannot say which year: not applicable, once.
   * Without a baseline for the year nothing is judged. */
  g_autoptr(CommunityReport) no_as_of = check (HEAD PAY_DATA "}");
  g_autoptr(CommunityReport) no_baseline = check (HEAD "'as_of': '2016-01-01', " PAY_DATA "}");

  community_test_assert_counts (no_as_of, "worker.pay-floor", 0, 0, 1);
  community_test_assert_counts (no_baseline, "worker.pay-floor", 0, 0, 0);
}
END_TEST

/* --- worker.duplicate-person --- */

START_TEST (test_worker_duplicate_person)
{
  g_autoptr(CommunityReport) report = check (
    HEAD DIVISIONS ", 'communities': ["
    " {'code': '320213025001', 'name': 'A', 'kind': 'urban', 'street': '320213025000'},"
    " {'code': '320213025002', 'name': 'B', 'kind': 'urban', 'street': '320213025000'}],"
    " 'workers': ["
    "  {'id': 'W1', 'community': '320213025001', 'roles': ['community_worker'], 'employment': 'full_time',"
    "   'id_number': '44011320141005001X'},"
    "  {'id': 'W2', 'community': '320213025001', 'roles': ['community_worker'], 'employment': 'full_time',"
    "   'id_number': '110102199101010078'},"
    /* The same person again in another community, check character in
     * lower case, and a third time. */
    "  {'id': 'W3', 'community': '320213025002', 'roles': ['grid_leader'], 'employment': 'full_time',"
    "   'id_number': '44011320141005001x'},"
    "  {'id': 'W4', 'community': '320213025002', 'roles': ['committee_member'], 'employment': 'full_time',"
    "   'id_number': '44011320141005001X'},"
    /* Not counted: part-time, a legal advisor, street-level staff. */
    "  {'id': 'W5', 'community': '320213025002', 'roles': ['community_worker'], 'employment': 'part_time',"
    "   'id_number': '110102199101010078'},"
    "  {'id': 'W6', 'community': '320213025002', 'roles': ['legal_advisor'], 'employment': 'full_time',"
    "   'id_number': '110102199101010078'},"
    "  {'id': 'W7', 'street': '320213025000', 'roles': ['community_worker'], 'employment': 'full_time',"
    "   'id_number': '110102199101010078'},"
    /* No number: not applicable. */
    "  {'id': 'W8', 'community': '320213025002', 'roles': ['community_worker'], 'employment': 'full_time'}]}");
  CommunityFinding *finding;
  const char *message;

  community_test_assert_counts (report, "worker.duplicate-person", 2, 2, 1);

  finding = finding_for (report, "worker.duplicate-person", "W3");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_WORKER);
  ck_assert_str_eq (community_finding_get_path (finding), "/workers/2/id_number");
  assert_int (community_finding_get_expected (finding), 1);
  assert_int (community_finding_get_actual (finding), 2);
  assert_shortfall (finding, 0);
  message = community_finding_get_message (finding);
  ck_assert_ptr_nonnull (strstr (message, "W3"));
  ck_assert_ptr_nonnull (strstr (message, "W1"));
  ck_assert_ptr_null (strstr (message, "440113"));
  ck_assert_ptr_null (strstr (message, "001X"));
  ck_assert_ptr_null (strstr (message, "001x"));
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
  ck_assert_str_eq (community_finding_get_clause (finding), "四(四)");

  finding = finding_for (report, "worker.duplicate-person", "W4");
  ck_assert_str_eq (community_finding_get_path (finding), "/workers/3/id_number");
  assert_int (community_finding_get_actual (finding), 3);
  ck_assert_ptr_nonnull (strstr (community_finding_get_message (finding), "W1"));
}
END_TEST

/* --- worker.certificate-allowance --- */

START_TEST (test_worker_certificate_allowance)
{
  g_autoptr(CommunityReport) report = check (
    HEAD "'workers': ["
    "  {'id': 'W1', 'certificate': 'social_worker', 'professional_allowance': true},"
    "  {'id': 'W2', 'certificate': 'assistant_social_worker', 'professional_allowance': false},"
    "  {'id': 'W3', 'certificate': 'senior_social_worker'},"
    "  {'id': 'W4', 'professional_allowance': false},"
    /* No certificate: not counted. */
    "  {'id': 'W5', 'certificate': 'none', 'professional_allowance': false}]}");
  CommunityFinding *finding;

  community_test_assert_counts (report, "worker.certificate-allowance", 1, 1, 2);
  finding = community_test_assert_one_finding (report, "worker.certificate-allowance", "W2",
                                                "/workers/1/professional_allowance");
  assert_bool (community_finding_get_expected (finding), TRUE);
  assert_bool (community_finding_get_actual (finding), FALSE);
  assert_shortfall (finding, 0);
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_WARNING);
  ck_assert_str_eq (community_finding_get_clause (finding), "四(四)");
}
END_TEST

/* --- worker.id-number, worker.phone --- */

START_TEST (test_worker_id_number)
{
  g_autoptr(CommunityReport) report = check (
    HEAD "'as_of': '2019-12-31', 'workers': ["
    "  {'id': 'W1', 'id_number': '110102199101010078'},"
    "  {'id': 'W2', 'id_number': '36042619910102009X'},"
    "  {'id': 'W3'},"
    "  {'id': 'W4', 'id_number': '1101021991010100'},"
    "  {'id': 'W5', 'id_number': '33010219200403064X'}]}");
  CommunityFinding *finding;
  const char *message;

  community_test_assert_counts (report, "worker.id-number", 2, 2, 1);

  finding = finding_for (report, "worker.id-number", "W2");
  ck_assert_int_eq (community_finding_get_subject_kind (finding), COMMUNITY_ENTITY_KIND_WORKER);
  ck_assert_str_eq (community_finding_get_path (finding), "/workers/1/id_number");
  assert_string (community_finding_get_expected (finding), "GB 11643");
  assert_string (community_finding_get_actual (finding), "checksum");
  assert_shortfall (finding, 0);
  message = community_finding_get_message (finding);
  ck_assert (g_str_has_prefix (message, "Worker W2: "));
  ck_assert_ptr_null (strstr (message, "360426"));
  ck_assert_ptr_null (strstr (message, "19910102"));
  ck_assert_ptr_null (strstr (message, "009X"));
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);

  finding = finding_for (report, "worker.id-number", "W4");
  ck_assert_str_eq (community_finding_get_path (finding), "/workers/3/id_number");
  assert_string (community_finding_get_actual (finding), "length");
  ck_assert_ptr_null (strstr (community_finding_get_message (finding), "1101021991"));
}
END_TEST

START_TEST (test_worker_id_number_as_of)
{
  /* Born 2014-10-05: valid today, but not yet born as of 2010. */
  g_autoptr(CommunityReport) before = check (
    HEAD "'as_of': '2010-01-01', 'workers': [{'id': 'W1', 'id_number': '44011320141005001X'}]}");
  g_autoptr(CommunityReport) after = check (
    HEAD "'as_of': '2019-12-31', 'workers': [{'id': 'W1', 'id_number': '44011320141005001X'}]}");
  CommunityFinding *finding;

  community_test_assert_counts (before, "worker.id-number", 0, 1, 0);
  finding = community_test_assert_one_finding (before, "worker.id-number", "W1", "/workers/0/id_number");
  assert_string (community_finding_get_actual (finding), "date");
  ck_assert_ptr_null (strstr (community_finding_get_message (finding), "20141005"));
  ck_assert_ptr_null (strstr (community_finding_get_message (finding), "2014-10-05"));
  community_test_assert_counts (after, "worker.id-number", 1, 0, 0);
}
END_TEST

START_TEST (test_worker_phone)
{
  g_autoptr(CommunityReport) report = check (
    HEAD "'workers': ["
    "  {'id': 'W1', 'phone': '13912345678'},"
    "  {'id': 'W2', 'phone': '12345678901'},"
    "  {'id': 'W3', 'phone': '+8613912345678'},"
    "  {'id': 'W4'},"
    "  {'id': 'W5', 'phone': '1391234567a'}]}");
  CommunityFinding *finding;
  const char *message;

  community_test_assert_counts (report, "worker.phone", 1, 3, 1);

  finding = finding_for (report, "worker.phone", "W2");
  ck_assert_str_eq (community_finding_get_path (finding), "/workers/1/phone");
  assert_string (community_finding_get_expected (finding), "mainland mobile");
  assert_string (community_finding_get_actual (finding), "prefix");
  assert_shortfall (finding, 0);
  message = community_finding_get_message (finding);
  ck_assert (g_str_has_prefix (message, "Worker W2: "));
  ck_assert_ptr_null (strstr (message, "12345678901"));
  ck_assert_ptr_null (strstr (message, "5678"));
  ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_WARNING);

  finding = finding_for (report, "worker.phone", "W3");
  ck_assert_str_eq (community_finding_get_path (finding), "/workers/2/phone");
  assert_string (community_finding_get_actual (finding), "charset");
  ck_assert_ptr_null (strstr (community_finding_get_message (finding), "13912345678"));

  finding = finding_for (report, "worker.phone", "W5");
  assert_string (community_finding_get_actual (finding), "charset");
}
END_TEST

/* --- odd data --- */

START_TEST (test_odd_data)
{
  /* Unresolved references, a cycle in the hierarchy, empty lists: no
   * crash, and nothing judged on what cannot be known. */
  g_autoptr(CommunityReport) report = check (
    HEAD "'as_of': '2019-12-31', 'divisions': ["
    " {'code': '320213000000', 'name': 'D1', 'level': 'district', 'parent': '320213025000'},"
    " {'code': '320213025000', 'name': 'S1', 'level': 'street', 'parent': '320213000000'}],"
    " 'communities': ["
    " {'code': '320213025001', 'name': 'A', 'kind': 'urban', 'street': '320213025000', 'households': 300},"
    " {'code': '320213099001', 'name': 'B', 'kind': 'rural', 'street': '320213099000'}],"
    " 'wage_baselines': [{'id': 'B1', 'division': '320299000000', 'year': 2018, 'average_annual_wage_yuan': 1}],"
    " 'workers': ["
    "  {'id': 'W1', 'community': '320213025001', 'roles': ['community_worker'], 'employment': 'full_time',"
    "   'annual_pay_yuan': 1},"
    "  {'id': 'W2', 'community': '320213099999', 'roles': ['party_secretary'], 'employment': 'full_time',"
    "   'annual_pay_yuan': 1, 'county_filed': false}],"
    " 'facilities': [{'id': 'F1', 'kind': 'party_guidance_station', 'owner': '320213099000'}],"
    " 'funding': [{'id': 'F1', 'year': 2018, 'recipient': '320213099999', 'purpose': 'community_operations',"
    "   'amount_yuan': 1}]}");

  /* The baseline's division does not resolve: not applicable. */
  community_test_assert_counts (report, "worker.pay-floor", 0, 0, 1);
  /* W2's community does not resolve: not applicable. */
  community_test_assert_counts (report, "secretary.county-filing", 0, 0, 1);
  community_test_assert_counts (report, "workers.per-households", 1, 0, 1);
  community_test_assert_counts (report, "street.party-guidance-station", 0, 1, 0);
  community_test_assert_counts (report, "funding.community-floor", 0, 2, 0);
  community_test_assert_counts (report, "funding.city-floor", 0, 0, 1);
}
END_TEST

/* --- the bundled sample --- */

START_TEST (test_sample)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
  g_autoptr(CommunityReport) report = community_validator_run (validator, dataset);
  static const char * const clean[] = {
    "committee.households", "community.legal-advisor", "secretary.county-filing", "funding.city-floor",
    "street.service-center-area", "facility.utility-pricing", "facility.registration",
    "workers.per-households", "worker.duplicate-person", "worker.certificate-allowance",
    "worker.id-number", "worker.phone",
  };
  CommunityFinding *finding;

  for (guint i = 0; i < G_N_ELEMENTS (clean); i++)
    ck_assert_msg (n_findings (report, clean[i]) == 0, "%s reports something on the sample", clean[i]);

  /* README: 塔影二村社区 has 860 m² where 40 × 2750 / 100 = 1100 are needed.
   * The README points at the facility (/facilities/2/floor_area_m2); the
   * rule's subject is the community, so the path is the community's. */
  finding = community_test_assert_one_finding (report, "facility.area-per-households", "320213025005",
                                                "/communities/2");
  assert_double (community_finding_get_expected (finding), 1100);
  assert_double (community_finding_get_actual (finding), 860);
  assert_shortfall (finding, 240);

  /* README: 鸿山街道 has no party guidance station. */
  finding = community_test_assert_one_finding (report, "street.party-guidance-station", "320214055000",
                                                "/divisions/7");
  assert_int (community_finding_get_expected (finding), 1);
  assert_int (community_finding_get_actual (finding), 0);

  /* README: 黄土塘村 received 250000 in 2019. The README points at the
   * funding record (/funding/28/amount_yuan); the subject is the
   * community, so the path is the community's. 港下社区's 150000 + 80000
   * passes. */
  finding = community_test_assert_one_finding (report, "funding.community-floor", "320205106203",
                                                "/communities/9");
  assert_year_floor (community_finding_get_expected (finding), 2019, 300000);
  assert_int (community_finding_get_actual (finding), 250000);
  assert_shortfall (finding, 50000);

  /* README: 梁溪区's 52 full-time staff earn 110353 yuan on average, under
   * its 2018 baseline of 112480; the rest of the city's, under the city's
   * baseline, earn more than 101256. */
  finding = community_test_assert_one_finding (report, "worker.pay-floor", "320213000000",
                                                "/divisions/1");
  assert_int (community_finding_get_expected (finding), 112480);
  assert_int (community_finding_get_actual (finding), 110353);
  assert_shortfall (finding, 2127);
  community_test_assert_counts (report, "worker.pay-floor", 1, 1, 0);

  /* The counts: 15 communities (9 urban), 4 streets and towns, 2 years of
   * funding, 107 full-time community staff (131 workers less 3
   * street-level, 15 legal advisors, 1 first secretary and 5 part-time),
   * 64 certificate holders, 6 village secretaries, 20 service centers,
   * 48 government-invested facilities. */
  community_test_assert_counts (report, "committee.households", 15, 0, 0);
  community_test_assert_counts (report, "community.legal-advisor", 15, 0, 0);
  community_test_assert_counts (report, "secretary.county-filing", 6, 0, 0);
  community_test_assert_counts (report, "funding.community-floor", 29, 1, 0);
  community_test_assert_counts (report, "funding.city-floor", 2, 0, 0);
  community_test_assert_counts (report, "facility.area-per-households", 14, 1, 0);
  community_test_assert_counts (report, "street.service-center-area", 4, 0, 0);
  community_test_assert_counts (report, "street.party-guidance-station", 3, 1, 0);
  community_test_assert_counts (report, "facility.utility-pricing", 20, 0, 0);
  community_test_assert_counts (report, "facility.registration", 48, 0, 0);
  community_test_assert_counts (report, "workers.per-households", 9, 0, 6);
  community_test_assert_counts (report, "worker.duplicate-person", 107, 0, 0);
  community_test_assert_counts (report, "worker.certificate-allowance", 64, 0, 0);
  community_test_assert_counts (report, "worker.id-number", 131, 0, 0);
  community_test_assert_counts (report, "worker.phone", 131, 0, 0);
  ck_assert_ptr_null (community_report_get_rule_result (report, "facility.office-area"));
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("rules-resources");
  TCase *tc = tcase_create ("rules-resources");

  tcase_add_test (tc, test_committee_households);
  tcase_add_test (tc, test_community_legal_advisor);
  tcase_add_test (tc, test_secretary_county_filing);
  tcase_add_test (tc, test_funding_community_floor);
  tcase_add_test (tc, test_funding_community_floor_no_records);
  tcase_add_test (tc, test_funding_community_floor_params);
  tcase_add_test (tc, test_funding_city_floor);
  tcase_add_test (tc, test_funding_city_floor_weak_areas);
  tcase_add_test (tc, test_funding_city_floor_no_city);
  tcase_add_test (tc, test_facility_area_per_households);
  tcase_add_test (tc, test_street_service_center_area);
  tcase_add_test (tc, test_street_party_guidance_station);
  tcase_add_test (tc, test_street_party_guidance_station_min);
  tcase_add_test (tc, test_facility_utility_pricing);
  tcase_add_test (tc, test_facility_registration);
  tcase_add_test (tc, test_facility_office_area);
  tcase_add_test (tc, test_facility_office_area_share);
  tcase_add_test (tc, test_workers_per_households);
  tcase_add_test (tc, test_worker_pay_floor);
  tcase_add_test (tc, test_worker_pay_floor_mean);
  tcase_add_test (tc, test_worker_pay_floor_year);
  tcase_add_test (tc, test_worker_pay_floor_not_applicable);
  tcase_add_test (tc, test_worker_duplicate_person);
  tcase_add_test (tc, test_worker_certificate_allowance);
  tcase_add_test (tc, test_worker_id_number);
  tcase_add_test (tc, test_worker_id_number_as_of);
  tcase_add_test (tc, test_worker_phone);
  tcase_add_test (tc, test_odd_data);
  tcase_add_test (tc, test_sample);
  suite_add_tcase (s, tc);
  return community_test_run (s);
}
