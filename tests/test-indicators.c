/* test-indicators.c: the indicators of DOMAIN.md §5
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <string.h>

#include "test-common.h"

#include <math.h>

#define HEAD "{\"format\": \"libcommunity-dataset\", \"version\": 1, "

/* One city, two districts; 梁溪区 has two streets, 锡山区 one town. */
#define DIVISIONS \
  "\"divisions\": [" \
  "{\"code\": \"320200000000\", \"name\": \"无锡市\", \"level\": \"city\"}," \
  "{\"code\": \"320213000000\", \"name\": \"梁溪区\", \"level\": \"district\", \"parent\": \"320200000000\"}," \
  "{\"code\": \"320205000000\", \"name\": \"锡山区\", \"level\": \"district\", \"parent\": \"320200000000\"}," \
  "{\"code\": \"320213001000\", \"name\": \"A街道\", \"level\": \"street\", \"parent\": \"320213000000\"}," \
  "{\"code\": \"320213002000\", \"name\": \"B街道\", \"level\": \"street\", \"parent\": \"320213000000\"}," \
  "{\"code\": \"320205100000\", \"name\": \"C镇\", \"level\": \"town\", \"parent\": \"320205000000\"}]"

#define CITY "320200000000"
#define LIANGXI "320213000000"
#define XISHAN "320205000000"
#define STREET_A "320213001000"
#define STREET_B "320213002000"
#define TOWN_C "320205100000"

static const char * const all_indicators[] = {
  "self-governance.compliance", "grid.coverage", "service-config.compliance",
  "worker.certified-share", "harmonious.urban", "harmonious.rural",
  "rural.cultural-center-coverage", "rural.civilized-village-share",
  "public.security-sense", "secretary.five-strong-share",
  "street.guidance-station-coverage", "home-care.station-rate.urban",
  "home-care.station-rate.rural", "home-care.coverage.urban",
  "home-care.coverage.rural", "home-care.informatization",
  /* monitoring indicators: no target */
  "committee.local-resident-share", "community.disabled-home-share",
  "community.emergency-shelter-share", "street.social-org-incubator-share", NULL
};

static CommunityIndicatorResult *
get_indicator (CommunityReport *report,
               const char      *id,
               const char      *division)
{
  CommunityIndicatorResult *result = community_report_get_indicator (report, id, division);

  ck_assert_msg (result != NULL, "no indicator %s for %s", id, division);
  return result;
}

/* Asserts the exact numerator and denominator. */
static CommunityIndicatorResult *
assert_rate (CommunityReport *report,
             const char      *id,
             const char      *division,
             double           numerator,
             double           denominator)
{
  CommunityIndicatorResult *result = get_indicator (report, id, division);

  ck_assert_msg (community_indicator_result_get_numerator (result) == numerator &&
                 community_indicator_result_get_denominator (result) == denominator,
                 "%s for %s: expected %g/%g, got %g/%g", id, division, numerator, denominator,
                 community_indicator_result_get_numerator (result),
                 community_indicator_result_get_denominator (result));
  return result;
}

static void
assert_not_applicable (CommunityReport *report,
                       const char      *id,
                       const char      *division)
{
  CommunityIndicatorResult *result = assert_rate (report, id, division, 0, 0);
  g_autoptr(JsonNode) node = community_indicator_result_to_json (result);
  JsonObject *object = json_node_get_object (node);

  ck_assert (!community_indicator_result_is_applicable (result));
  ck_assert (!community_indicator_result_get_met (result));
  ck_assert_str_eq (json_object_get_string_member (object, "id"), id);
  ck_assert_str_eq (json_object_get_string_member (object, "division"), division);
  ck_assert (json_object_has_member (object, "value"));
  ck_assert (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "value")));
  ck_assert (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "met")));
  ck_assert_int_eq (json_object_get_int_member (object, "denominator"), 0);
}

static void
assert_met (CommunityReport *report,
            const char      *id,
            const char      *division,
            gboolean         met)
{
  CommunityIndicatorResult *result = get_indicator (report, id, division);
  g_autoptr(JsonNode) node = community_indicator_result_to_json (result);

  ck_assert (community_indicator_result_is_applicable (result));
  ck_assert_msg (community_indicator_result_get_met (result) == met, "%s for %s: met is %d, value %.9g",
                 id, division, !met, community_indicator_result_get_value (result));
  ck_assert (json_object_get_boolean_member (json_node_get_object (node), "met") == met);
}

static CommunityReport *
validate_with (const char *ruleset_json,
               const char *json)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityRuleset) ruleset = NULL;
  g_autoptr(CommunityValidator) validator = NULL;
  GError *error = NULL;

  if (!community_dataset_load_from_data (dataset, json, -1, &error))
    ck_abort_msg ("the test dataset does not load: %s", error->message);
  ruleset = community_ruleset_new_from_data (ruleset_json, -1, &error);
  if (ruleset == NULL)
    ck_abort_msg ("the test ruleset does not load: %s", error->message);
  validator = community_validator_new (ruleset);
  return community_validator_run (validator, dataset);
}

/* --- The sample, against an independent reading of its JSON --- */

typedef struct {
  GHashTable *divisions;   /* code -> JsonObject */
  GHashTable *communities; /* code -> JsonObject */
  GHashTable *facilities;  /* owner -> GPtrArray of JsonObject */
  GHashTable *grids;       /* community -> GPtrArray of JsonObject */
  GHashTable *rates;       /* "id division" -> double[2] */
} Expected;

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return json_object_get_string_member_with_default (object, name, NULL);
}

static gboolean
member_true (JsonObject *object,
             const char *name)
{
  return object != NULL && json_object_get_boolean_member_with_default (object, name, FALSE);
}

static void
group_by (GHashTable *table,
          const char *key,
          JsonObject *object)
{
  GPtrArray *group;

  if (key == NULL)
    return;
  group = g_hash_table_lookup (table, key);
  if (group == NULL)
    {
      group = g_ptr_array_new ();
      g_hash_table_insert (table, (gpointer) key, group);
    }
  g_ptr_array_add (group, object);
}

static GPtrArray *
group_of (GHashTable *table,
          const char *key)
{
  static GPtrArray *empty;
  GPtrArray *group = key != NULL ? g_hash_table_lookup (table, key) : NULL;

  if (group != NULL)
    return group;
  if (empty == NULL)
    empty = g_ptr_array_new ();
  return empty;
}

/* The division codes from @code up by "parent". */
static GPtrArray *
ancestors (Expected   *expected,
           const char *code)
{
  GPtrArray *codes = g_ptr_array_new ();
  JsonObject *division;

  while (code != NULL && codes->len < 8 &&
         (division = g_hash_table_lookup (expected->divisions, code)) != NULL)
    {
      g_ptr_array_add (codes, (gpointer) code);
      code = member_string (division, "parent");
    }
  return codes;
}

static void
expect (Expected   *expected,
        GPtrArray  *divisions,
        const char *id,
        double      numerator,
        double      denominator)
{
  for (guint i = 0; i < divisions->len; i++)
    {
      char *key = g_strconcat (id, " ", divisions->pdata[i], NULL);
      double *rate = g_hash_table_lookup (expected->rates, key);

      if (rate == NULL)
        {
          rate = g_new0 (double, 2);
          g_hash_table_insert (expected->rates, key, rate);
        }
      else
        g_free (key);
      rate[0] += numerator;
      rate[1] += denominator;
    }
}

static gboolean
owns_kind (Expected   *expected,
           const char *owner,
           const char *kind,
           gboolean    standardized)
{
  GPtrArray *facilities = group_of (expected->facilities, owner);

  for (guint i = 0; i < facilities->len; i++)
    if (g_strcmp0 (member_string (facilities->pdata[i], "kind"), kind) == 0 &&
        (!standardized || member_true (facilities->pdata[i], "standardized")))
      return TRUE;
  return FALSE;
}

static void
expect_community (Expected   *expected,
                  JsonObject *community)
{
  const char *code = member_string (community, "code");
  g_autoptr(GPtrArray) divisions = ancestors (expected, member_string (community, "street"));
  gboolean urban = g_strcmp0 (member_string (community, "kind"), "urban") == 0;
  JsonObject *elderly = json_object_has_member (community, "elderly")
                        ? json_object_get_object_member (community, "elderly") : NULL;

  expect (expected, divisions, "self-governance.compliance",
          member_true (community, "self_governance_compliant"), 1);
  if (json_object_has_member (community, "households"))
    {
      gint64 households = json_object_get_int_member (community, "households");
      GPtrArray *grids = group_of (expected->grids, code);
      GPtrArray *facilities = group_of (expected->facilities, code);
      gint64 covered = 0;
      double area = 0;

      for (guint i = 0; i < grids->len; i++)
        if (g_strcmp0 (member_string (grids->pdata[i], "kind"), "comprehensive") == 0)
          covered += json_object_get_int_member_with_default (grids->pdata[i], "households", 0);
      expect (expected, divisions, "grid.coverage", MIN (covered, households), households);

      for (guint i = 0; i < facilities->len; i++)
        if (g_strcmp0 (member_string (facilities->pdata[i], "kind"), "community_service_center") == 0)
          area += json_object_get_double_member (facilities->pdata[i], "floor_area_m2");
      expect (expected, divisions, "service-config.compliance", area >= 40 * households / 100.0, 1);
    }
  expect (expected, divisions, urban ? "harmonious.urban" : "harmonious.rural",
          member_true (community, "harmonious_compliant"), 1);
  if (!urban)
    {
      const char *level = member_string (community, "civilized_village_level");

      expect (expected, divisions, "rural.cultural-center-coverage",
              owns_kind (expected, code, "cultural_service_center", FALSE), 1);
      expect (expected, divisions, "rural.civilized-village-share",
              level != NULL && !g_str_equal (level, "none"), 1);
    }
  expect (expected, divisions, urban ? "home-care.station-rate.urban" : "home-care.station-rate.rural",
          owns_kind (expected, code, "home_care_station", TRUE), 1);
  if (elderly != NULL)
    expect (expected, divisions, urban ? "home-care.coverage.urban" : "home-care.coverage.rural",
            MIN (json_object_get_int_member (elderly, "home_care_covered"),
                 json_object_get_int_member (elderly, "population")),
            json_object_get_int_member (elderly, "population"));
  expect (expected, divisions, "home-care.informatization",
          member_true (elderly, "home_care_informatized"), 1);
  /* The monitoring indicators. */
  expect (expected, divisions, "community.disabled-home-share", owns_kind (expected, code, "disabled_home", FALSE), 1);
  expect (expected, divisions, "community.emergency-shelter-share",
          owns_kind (expected, code, "emergency_shelter", FALSE), 1);
  if (urban && json_object_has_member (community, "committee"))
    {
      JsonObject *committee = json_object_get_object_member (community, "committee");

      if (json_object_has_member (committee, "members") && json_object_has_member (committee, "local_resident_members"))
        expect (expected, divisions, "committee.local-resident-share",
                MIN (json_object_get_int_member (committee, "local_resident_members"),
                     json_object_get_int_member (committee, "members")),
                json_object_get_int_member (committee, "members"));
    }
}

static void
expect_worker (Expected   *expected,
               JsonObject *worker)
{
  JsonObject *community = NULL;
  g_autoptr(GPtrArray) divisions = NULL;
  JsonArray *roles = json_object_has_member (worker, "roles")
                     ? json_object_get_array_member (worker, "roles") : NULL;
  gboolean secretary = FALSE, staff = FALSE;

  if (member_string (worker, "community") != NULL)
    community = g_hash_table_lookup (expected->communities, member_string (worker, "community"));
  divisions = ancestors (expected, community != NULL ? member_string (community, "street")
                                                     : member_string (worker, "street"));

  for (guint i = 0; roles != NULL && i < json_array_get_length (roles); i++)
    {
      const char *role = json_array_get_string_element (roles, i);

      secretary |= g_str_equal (role, "party_secretary");
      staff |= !g_str_equal (role, "legal_advisor") && !g_str_equal (role, "first_secretary");
    }

  if (secretary)
    expect (expected, divisions, "secretary.five-strong-share", member_true (worker, "five_strong"), 1);
  if (community != NULL && staff &&
      g_strcmp0 (member_string (community, "kind"), "urban") == 0 &&
      g_strcmp0 (member_string (worker, "employment"), "full_time") == 0)
    expect (expected, divisions, "worker.certified-share",
            g_strcmp0 (json_object_get_string_member_with_default (worker, "certificate", "none"), "none") != 0,
            1);
}

static JsonArray *
root_array (JsonObject *root,
            const char *name)
{
  return json_object_get_array_member (root, name);
}

START_TEST (test_sample_independent)
{
  g_autofree char *contents = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CommunityReport) report = NULL;
  GListModel *indicators;
  g_autoptr(GPtrArray) division_codes = g_ptr_array_new ();
  Expected expected = {
    g_hash_table_new (g_str_hash, g_str_equal),
    g_hash_table_new (g_str_hash, g_str_equal),
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref),
    g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref),
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free),
  };
  JsonObject *root;
  JsonArray *array;
  guint n_indicators = g_strv_length ((char **) all_indicators);
  guint position = 0;

  ck_assert (g_file_get_contents (community_test_sample_path (), &contents, NULL, NULL));
  ck_assert (json_parser_load_from_data (parser, contents, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));

  array = root_array (root, "divisions");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *division = json_array_get_object_element (array, i);

      g_hash_table_insert (expected.divisions, (gpointer) member_string (division, "code"), division);
    }
  /* Report order: the city, the districts/counties, the streets/towns. */
  for (guint tier = 0; tier < 3; tier++)
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        JsonObject *division = json_array_get_object_element (array, i);
        const char *level = member_string (division, "level");
        guint division_tier = g_str_equal (level, "city") ? 0
                              : g_str_equal (level, "district") || g_str_equal (level, "county") ? 1 : 2;

        if (division_tier == tier)
          g_ptr_array_add (division_codes, (gpointer) member_string (division, "code"));
      }
  array = root_array (root, "communities");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *community = json_array_get_object_element (array, i);

      g_hash_table_insert (expected.communities, (gpointer) member_string (community, "code"), community);
    }
  array = root_array (root, "facilities");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *facility = json_array_get_object_element (array, i);

      group_by (expected.facilities, member_string (facility, "owner"), facility);
    }
  array = root_array (root, "grids");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *grid = json_array_get_object_element (array, i);

      group_by (expected.grids, member_string (grid, "community"), grid);
    }

  array = root_array (root, "communities");
  for (guint i = 0; i < json_array_get_length (array); i++)
    expect_community (&expected, json_array_get_object_element (array, i));
  array = root_array (root, "workers");
  for (guint i = 0; i < json_array_get_length (array); i++)
    expect_worker (&expected, json_array_get_object_element (array, i));
  array = root_array (root, "divisions");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *division = json_array_get_object_element (array, i);
      const char *level = member_string (division, "level");

      if (g_str_equal (level, "street") || g_str_equal (level, "town"))
        {
          g_autoptr(GPtrArray) divisions = ancestors (&expected, member_string (division, "code"));

          expect (&expected, divisions, "street.guidance-station-coverage",
                  owns_kind (&expected, member_string (division, "code"), "party_guidance_station", FALSE), 1);
          expect (&expected, divisions, "street.social-org-incubator-share",
                  owns_kind (&expected, member_string (division, "code"), "social_org_incubator", FALSE), 1);
        }
    }
  /* The sample has one survey a division, all of 2019 = its as_of year. */
  array = root_array (root, "surveys");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *survey = json_array_get_object_element (array, i);
      g_autoptr(GPtrArray) divisions = g_ptr_array_new ();

      ck_assert_str_eq (member_string (survey, "indicator"), "public.security-sense");
      g_ptr_array_add (divisions, (gpointer) member_string (survey, "division"));
      expect (&expected, divisions, "public.security-sense",
              json_object_get_double_member (survey, "value"), 1);
    }

  report = community_test_validate (contents);

  /* Every indicator for every division, in order: the ruleset's order of
   * indicators, and for each the city, districts, streets. */
  indicators = community_report_get_indicators (report);
  ck_assert_uint_eq (division_codes->len, 8);
  ck_assert_uint_eq (g_list_model_get_n_items (indicators), n_indicators * division_codes->len);
  {
    g_auto(GStrv) ids = NULL;
    g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);

    ids = community_ruleset_list_indicators (ruleset);
    ck_assert_uint_eq (g_strv_length (ids), n_indicators);
    for (guint k = 0; ids[k] != NULL; k++)
      for (guint d = 0; d < division_codes->len; d++)
        {
          g_autoptr(CommunityIndicatorResult) result = g_list_model_get_item (indicators, position++);

          ck_assert_str_eq (community_indicator_result_get_id (result), ids[k]);
          ck_assert_str_eq (community_indicator_result_get_division (result), division_codes->pdata[d]);
          if (community_indicator_result_has_target (result))
            ck_assert_double_eq (community_indicator_result_get_target (result),
                                 community_ruleset_get_indicator_target (ruleset, ids[k]));
          else
            ck_assert (isnan (community_ruleset_get_indicator_target (ruleset, ids[k])));
        }
  }

  /* Exact numerators and denominators, for every division. */
  for (guint k = 0; all_indicators[k] != NULL; k++)
    for (guint d = 0; d < division_codes->len; d++)
      {
        g_autofree char *key = g_strconcat (all_indicators[k], " ", division_codes->pdata[d], NULL);
        double *rate = g_hash_table_lookup (expected.rates, key);

        assert_rate (report, all_indicators[k], division_codes->pdata[d],
                     rate != NULL ? rate[0] : 0, rate != NULL ? rate[1] : 0);
      }

  /* The figures the sample's README quotes. */
  assert_rate (report, "self-governance.compliance", CITY, 14, 15);
  assert_rate (report, "service-config.compliance", CITY, 14, 15);
  assert_rate (report, "harmonious.urban", CITY, 8, 9);
  assert_rate (report, "rural.cultural-center-coverage", CITY, 5, 6);
  assert_rate (report, "street.guidance-station-coverage", CITY, 3, 4);
  assert_rate (report, "home-care.informatization", CITY, 14, 15);
  assert_rate (report, "worker.certified-share", CITY, 50, 77);
  assert_rate (report, "secretary.five-strong-share", CITY, 13, 15);
  assert_rate (report, "worker.certified-share", XISHAN, 12, 25);
  ck_assert_double_eq_tol (community_indicator_result_get_value (get_indicator (report, "grid.coverage", CITY)),
                           0.995, 0.0005);
  ck_assert_double_eq_tol (community_indicator_result_get_value (get_indicator (report, "worker.certified-share", CITY)),
                           0.649, 0.0005);
  ck_assert_double_eq_tol (community_indicator_result_get_value (get_indicator (report, "secretary.five-strong-share", CITY)),
                           0.867, 0.0005);
  for (guint k = 0; all_indicators[k] != NULL; k++)
    {
      static const char * const not_met[] = {
        "self-governance.compliance", "grid.coverage", "service-config.compliance",
        "harmonious.urban", "rural.cultural-center-coverage",
        "street.guidance-station-coverage", "home-care.informatization",
        /* monitoring indicators: never met, having no target */
        "committee.local-resident-share", "community.disabled-home-share",
        "community.emergency-shelter-share", "street.social-org-incubator-share", NULL
      };

      /* The city has no disabled home, shelter or incubator in the sample:
       * those rates are 0, and applicable. */
      assert_met (report, all_indicators[k], CITY, !g_strv_contains (not_met, all_indicators[k]));
    }
  assert_met (report, "worker.certified-share", XISHAN, FALSE);
  /* Exactly at its target: 3 of 6 villages. */
  assert_rate (report, "home-care.station-rate.rural", CITY, 3, 6);
  /* A street with the guidance-station defect, and one without. */
  assert_rate (report, "street.guidance-station-coverage", "320214055000", 0, 1);
  assert_rate (report, "street.guidance-station-coverage", "320213025000", 1, 1);
  /* Surveys only where there is one: 锡山区 and the streets have none. */
  assert_rate (report, "public.security-sense", "320213000000", 0.961, 1);
  assert_not_applicable (report, "public.security-sense", XISHAN);
  assert_not_applicable (report, "public.security-sense", "320213025000");
  /* 广益街道 is all urban. */
  assert_not_applicable (report, "harmonious.rural", "320213025000");

  g_hash_table_unref (expected.divisions);
  g_hash_table_unref (expected.communities);
  g_hash_table_unref (expected.facilities);
  g_hash_table_unref (expected.grids);
  g_hash_table_unref (expected.rates);
}
END_TEST

/* --- Small datasets for the edge cases --- */

START_TEST (test_zero_denominator)
{
  g_autoptr(CommunityReport) report = community_test_validate (
    HEAD "\"as_of\": \"2019-12-31\", " DIVISIONS ", \"communities\": ["
    "{\"code\": \"320213001001\", \"name\": \"甲社区\", \"kind\": \"urban\", \"street\": \"" STREET_A "\","
    " \"households\": 2000, \"self_governance_compliant\": true}]}");

  /* No village anywhere: the rural rates have no value. */
  assert_not_applicable (report, "harmonious.rural", CITY);
  assert_not_applicable (report, "rural.cultural-center-coverage", LIANGXI);
  assert_not_applicable (report, "home-care.station-rate.rural", STREET_A);
  /* No community at all under 锡山区 or B街道. */
  assert_not_applicable (report, "self-governance.compliance", XISHAN);
  assert_not_applicable (report, "self-governance.compliance", STREET_B);
  /* No workers, no surveys, no elderly data. */
  assert_not_applicable (report, "worker.certified-share", CITY);
  assert_not_applicable (report, "secretary.five-strong-share", CITY);
  assert_not_applicable (report, "public.security-sense", CITY);
  assert_not_applicable (report, "home-care.coverage.urban", CITY);
  ck_assert_double_eq (community_indicator_result_get_value (get_indicator (report, "harmonious.rural", CITY)), 0);

  /* ... while the community itself counts. */
  assert_rate (report, "self-governance.compliance", CITY, 1, 1);
  assert_met (report, "self-governance.compliance", STREET_A, TRUE);
  /* It has no elderly record: not informatized, but still counted. */
  assert_rate (report, "home-care.informatization", CITY, 0, 1);
  assert_met (report, "home-care.informatization", CITY, FALSE);
  /* Every street counts for the guidance-station coverage. */
  assert_rate (report, "street.guidance-station-coverage", CITY, 0, 3);
}
END_TEST

/* 50 communities: 30 urban (29 harmonious), 20 rural (19 harmonious); 49
 * self-governing. 49/50 = 0.98 and 19/20 = 0.95 meet their targets
 * exactly; 29/30 misses 0.98. */
static char *
many_communities (void)
{
  GString *json = g_string_new (HEAD "\"as_of\": \"2019-12-31\", " DIVISIONS ", \"communities\": [");

  for (guint i = 0; i < 50; i++)
    {
      gboolean urban = i < 30;
      guint segment = urban ? i + 1 : 200 + i - 29;

      g_string_append_printf (json,
                              "%s{\"code\": \"320213001%03u\", \"name\": \"社区%u\", \"kind\": \"%s\","
                              " \"street\": \"" STREET_A "\", \"self_governance_compliant\": %s,"
                              " \"harmonious_compliant\": %s}",
                              i > 0 ? ", " : "", segment, i, urban ? "urban" : "rural",
                              i == 0 ? "false" : "true",
                              i == 0 || i == 30 ? "false" : "true");
    }
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

START_TEST (test_met_at_target)
{
  g_autofree char *json = many_communities ();
  g_autoptr(CommunityReport) report = community_test_validate (json);
  CommunityIndicatorResult *result;
  g_autoptr(JsonNode) node = NULL;

  result = assert_rate (report, "self-governance.compliance", CITY, 49, 50);
  ck_assert_double_eq (community_indicator_result_get_target (result), 0.98);
  assert_met (report, "self-governance.compliance", CITY, TRUE);
  assert_met (report, "self-governance.compliance", LIANGXI, TRUE);
  assert_met (report, "self-governance.compliance", STREET_A, TRUE);
  node = community_indicator_result_to_json (result);
  ck_assert_double_eq (json_object_get_double_member (json_node_get_object (node), "value"), 0.98);

  assert_rate (report, "harmonious.rural", CITY, 19, 20);
  assert_met (report, "harmonious.rural", CITY, TRUE);
  assert_rate (report, "harmonious.urban", CITY, 29, 30);
  assert_met (report, "harmonious.urban", CITY, FALSE);
  /* Civilized-village level unset: not counted as county or above. */
  assert_rate (report, "rural.civilized-village-share", CITY, 0, 20);
}
END_TEST

START_TEST (test_guidance_station)
{
  g_autoptr(CommunityReport) report = community_test_validate (
    HEAD "\"as_of\": \"2019-12-31\", " DIVISIONS ", \"facilities\": ["
    "{\"id\": \"F1\", \"kind\": \"party_guidance_station\", \"owner\": \"" STREET_A "\"},"
    "{\"id\": \"F2\", \"kind\": \"party_guidance_station\", \"owner\": \"" STREET_A "\"},"
    "{\"id\": \"F3\", \"kind\": \"street_service_center\", \"owner\": \"" STREET_B "\"},"
    "{\"id\": \"F4\", \"kind\": \"party_guidance_station\", \"owner\": \"" TOWN_C "\"}]}");

  /* A street counts itself: 1/1 or 0/1 (two stations are still one street). */
  assert_rate (report, "street.guidance-station-coverage", STREET_A, 1, 1);
  assert_met (report, "street.guidance-station-coverage", STREET_A, TRUE);
  assert_rate (report, "street.guidance-station-coverage", STREET_B, 0, 1);
  assert_met (report, "street.guidance-station-coverage", STREET_B, FALSE);
  assert_rate (report, "street.guidance-station-coverage", TOWN_C, 1, 1);
  assert_rate (report, "street.guidance-station-coverage", LIANGXI, 1, 2);
  assert_rate (report, "street.guidance-station-coverage", XISHAN, 1, 1);
  assert_rate (report, "street.guidance-station-coverage", CITY, 2, 3);
  assert_met (report, "street.guidance-station-coverage", CITY, FALSE);
}
END_TEST

#define SURVEY(id, division, year, indicator, value) \
  "{\"id\": \"" id "\", \"division\": \"" division "\", \"year\": " #year ", \"indicator\": \"" \
  indicator "\", \"value\": " #value "}"

START_TEST (test_surveys)
{
  g_autoptr(CommunityReport) report = community_test_validate (
    HEAD "\"as_of\": \"2019-12-31\", " DIVISIONS ", \"surveys\": ["
    SURVEY ("S1", CITY, 2018, "public.security-sense", 0.90) ","
    SURVEY ("S2", CITY, 2020, "public.security-sense", 0.99) ","
    SURVEY ("S3", CITY, 2019, "public.security-sense", 0.93) ","
    SURVEY ("S4", CITY, 2019, "other.survey", 0.5) ","
    SURVEY ("S5", LIANGXI, 2021, "public.security-sense", 0.88) ","
    SURVEY ("S6", LIANGXI, 2020, "public.security-sense", 0.97) ","
    SURVEY ("S7", STREET_B, 2019, "public.security-sense", 0.95) ","
    SURVEY ("S8", STREET_A, 2019, "other.survey", 0.99) "]}");

  /* The latest year not after as_of (2019), not the latest overall. */
  assert_rate (report, "public.security-sense", CITY, 0.93, 1);
  assert_met (report, "public.security-sense", CITY, TRUE);
  /* Only later years: the latest of them. */
  assert_rate (report, "public.security-sense", LIANGXI, 0.88, 1);
  assert_met (report, "public.security-sense", LIANGXI, FALSE);
  assert_rate (report, "public.security-sense", STREET_B, 0.95, 1);
  /* Not averaged up or handed down; another indicator's survey is not it. */
  assert_not_applicable (report, "public.security-sense", XISHAN);
  assert_not_applicable (report, "public.security-sense", STREET_A);
  assert_not_applicable (report, "public.security-sense", TOWN_C);
}
END_TEST

START_TEST (test_surveys_without_as_of)
{
  g_autoptr(CommunityReport) report = community_test_validate (
    HEAD DIVISIONS ", \"surveys\": ["
    SURVEY ("S1", CITY, 2018, "public.security-sense", 0.90) ","
    SURVEY ("S2", CITY, 2020, "public.security-sense", 0.99) ","
    SURVEY ("S3", CITY, 2019, "public.security-sense", 0.93) "]}");

  assert_rate (report, "public.security-sense", CITY, 0.99, 1);
}
END_TEST

/* Who counts where, and what an unknown counts as. */
#define MEMBERSHIP_DATASET \
  HEAD "\"as_of\": \"2019-12-31\", " DIVISIONS ", \"communities\": [" \
  "{\"code\": \"320213001001\", \"name\": \"甲\", \"kind\": \"urban\", \"street\": \"" STREET_A "\"," \
  " \"households\": 1000}," \
  "{\"code\": \"320213001002\", \"name\": \"乙\", \"kind\": \"urban\", \"street\": \"" STREET_A "\"," \
  " \"self_governance_compliant\": true}," \
  "{\"code\": \"320205100200\", \"name\": \"丙\", \"kind\": \"rural\", \"street\": \"" TOWN_C "\"," \
  " \"households\": 1500, \"self_governance_compliant\": true, \"civilized_village_level\": \"county\"," \
  " \"elderly\": {\"population\": 100, \"home_care_covered\": 150, \"home_care_informatized\": true}}," \
  "{\"code\": \"320205100201\", \"name\": \"丁\", \"kind\": \"rural\", \"street\": \"" TOWN_C "\"," \
  " \"households\": 1200, \"civilized_village_level\": \"none\"," \
  " \"elderly\": {\"population\": 300, \"home_care_covered\": 100}}," \
  "{\"code\": \"320213009001\", \"name\": \"戊\", \"kind\": \"urban\", \"street\": \"320213009000\"," \
  " \"households\": 900, \"self_governance_compliant\": true}]," \
  "\"grids\": [" \
  "{\"id\": \"G1\", \"community\": \"320213001001\", \"kind\": \"comprehensive\", \"households\": 600}," \
  "{\"id\": \"G2\", \"community\": \"320213001001\", \"kind\": \"dedicated\", \"households\": 300}," \
  "{\"id\": \"G3\", \"community\": \"320213001001\", \"kind\": \"comprehensive\"}," \
  "{\"id\": \"G4\", \"community\": \"320205100200\", \"kind\": \"comprehensive\", \"households\": 2000}," \
  "{\"id\": \"G5\", \"community\": \"320213001002\", \"kind\": \"comprehensive\", \"households\": 800}]," \
  "\"facilities\": [" \
  "{\"id\": \"F1\", \"kind\": \"community_service_center\", \"owner\": \"320213001001\", \"floor_area_m2\": 300}," \
  "{\"id\": \"F2\", \"kind\": \"community_service_center\", \"owner\": \"320213001001\", \"floor_area_m2\": 200}," \
  "{\"id\": \"F3\", \"kind\": \"community_service_center\", \"owner\": \"320213001002\", \"floor_area_m2\": 900}," \
  "{\"id\": \"F4\", \"kind\": \"community_service_center\", \"owner\": \"320205100200\"}," \
  "{\"id\": \"F5\", \"kind\": \"cultural_service_center\", \"owner\": \"320205100200\"}," \
  "{\"id\": \"F6\", \"kind\": \"home_care_station\", \"owner\": \"320205100200\", \"standardized\": true}," \
  "{\"id\": \"F7\", \"kind\": \"home_care_station\", \"owner\": \"320205100201\", \"standardized\": false}," \
  "{\"id\": \"F8\", \"kind\": \"home_care_station\", \"owner\": \"320213001001\"}," \
  "{\"id\": \"F9\", \"kind\": \"home_care_station\", \"owner\": \"" STREET_A "\"}]," \
  "\"workers\": [" \
  "{\"id\": \"W1\", \"community\": \"320213001001\", \"roles\": [\"party_secretary\", \"committee_director\"]," \
  " \"employment\": \"full_time\", \"certificate\": \"social_worker\", \"five_strong\": true}," \
  "{\"id\": \"W2\", \"community\": \"320213001001\", \"roles\": [\"legal_advisor\"]," \
  " \"employment\": \"full_time\", \"certificate\": \"social_worker\"}," \
  "{\"id\": \"W3\", \"community\": \"320213001001\", \"roles\": [\"community_worker\"]," \
  " \"employment\": \"part_time\", \"certificate\": \"social_worker\"}," \
  "{\"id\": \"W4\", \"community\": \"320213001001\", \"roles\": [\"community_worker\"]," \
  " \"employment\": \"full_time\"}," \
  "{\"id\": \"W5\", \"community\": \"320213001002\", \"roles\": [\"first_secretary\"]," \
  " \"employment\": \"full_time\", \"certificate\": \"senior_social_worker\"}," \
  "{\"id\": \"W6\", \"community\": \"320213001002\", \"roles\": [\"grid_leader\"]," \
  " \"employment\": \"full_time\", \"certificate\": \"none\"}," \
  "{\"id\": \"W7\", \"community\": \"320205100200\", \"roles\": [\"party_secretary\", \"community_worker\"]," \
  " \"employment\": \"full_time\", \"certificate\": \"social_worker\", \"five_strong\": false}," \
  "{\"id\": \"W8\", \"street\": \"" STREET_A "\", \"roles\": [\"party_secretary\"], \"five_strong\": true," \
  " \"employment\": \"full_time\", \"certificate\": \"social_worker\"}," \
  "{\"id\": \"W9\", \"community\": \"320213001099\", \"roles\": [\"party_secretary\"], \"five_strong\": true}," \
  "{\"id\": \"W10\", \"community\": \"320213001001\", \"roles\": [\"party_secretary\"]}]}"

START_TEST (test_membership_and_unknowns)
{
  g_autoptr(CommunityReport) report = community_test_validate (MEMBERSHIP_DATASET);

  /* Unset flag: in the denominator only. 戊's street does not resolve: it
   * counts nowhere. */
  assert_rate (report, "self-governance.compliance", CITY, 2, 4);
  assert_rate (report, "self-governance.compliance", LIANGXI, 1, 2);
  assert_rate (report, "self-governance.compliance", STREET_A, 1, 2);
  assert_rate (report, "self-governance.compliance", XISHAN, 1, 2);
  assert_rate (report, "self-governance.compliance", TOWN_C, 1, 2);
  assert_not_applicable (report, "self-governance.compliance", STREET_B);

  /* 甲 600 of 1000 (the dedicated grid and the unknown one cover nothing);
   * 乙 has no households and is left out; 丙's grids count at most its
   * 1500; 丁 has no grid: 0 of 1200. */
  assert_rate (report, "grid.coverage", STREET_A, 600, 1000);
  assert_rate (report, "grid.coverage", TOWN_C, 1500, 2700);
  assert_rate (report, "grid.coverage", CITY, 2100, 3700);

  /* 甲 500 m² ≥ 400 passes; 乙 (households unknown) and 丙 (floor area
   * unknown) are left out; 丁 has no center: 0 m² < 480 fails. */
  assert_rate (report, "service-config.compliance", STREET_A, 1, 1);
  assert_rate (report, "service-config.compliance", TOWN_C, 0, 1);
  assert_rate (report, "service-config.compliance", CITY, 1, 2);

  /* Full-time community staff of urban communities: W1 (certified), W4
   * (certificate unknown), W6 (none); not the legal advisor W2, the
   * part-time W3, the first secretary W5, the village's W7 or the street's
   * W8. */
  assert_rate (report, "worker.certified-share", CITY, 1, 3);
  assert_rate (report, "worker.certified-share", STREET_A, 1, 3);
  assert_not_applicable (report, "worker.certified-share", XISHAN);

  /* Secretaries: W1 and W10 (unset) in 甲, W7 in 丙, W8 of the street
   * itself; W9's community does not resolve and it has no street. */
  assert_rate (report, "secretary.five-strong-share", STREET_A, 2, 3);
  assert_rate (report, "secretary.five-strong-share", LIANGXI, 2, 3);
  assert_rate (report, "secretary.five-strong-share", TOWN_C, 0, 1);
  assert_rate (report, "secretary.five-strong-share", CITY, 2, 4);

  /* Rural: 丙 has a cultural center, a standardized station and county
   * level; 丁 none of them (its station is not standardized). */
  assert_rate (report, "rural.cultural-center-coverage", CITY, 1, 2);
  assert_rate (report, "rural.civilized-village-share", XISHAN, 1, 2);
  assert_rate (report, "home-care.station-rate.rural", TOWN_C, 1, 2);
  assert_met (report, "home-care.station-rate.rural", TOWN_C, TRUE);
  /* 甲's station does not say it is standardized; the street's is not a
   * community's. */
  assert_rate (report, "home-care.station-rate.urban", CITY, 0, 2);

  /* 丙 covers 150 of 100 elderly: at most 100; 丁 100 of 300. */
  assert_rate (report, "home-care.coverage.rural", CITY, 200, 400);
  assert_not_applicable (report, "home-care.coverage.urban", CITY);
  /* 丁 states its elderly but not informatization: not counted. */
  assert_rate (report, "home-care.informatization", CITY, 1, 4);
}
END_TEST

START_TEST (test_ruleset_overrides)
{
  g_autoptr(CommunityReport) report = validate_with (
    "{\"format\": \"libcommunity-ruleset\", \"version\": 1, \"name\": \"test\", \"extends\": \"wuxi-2018\","
    " \"rules\": {\"facility.area-per-households\": {\"params\": {\"m2_per_100\": 60}}},"
    " \"indicators\": {\"grid.coverage\": {\"target\": 0.5}}}",
    MEMBERSHIP_DATASET);
  CommunityIndicatorResult *result;

  /* 甲's 500 m² are short of 60 × 1000 / 100 = 600. */
  assert_rate (report, "service-config.compliance", STREET_A, 0, 1);
  result = assert_rate (report, "grid.coverage", STREET_A, 600, 1000);
  ck_assert_double_eq (community_indicator_result_get_target (result), 0.5);
  assert_met (report, "grid.coverage", STREET_A, TRUE);
  assert_met (report, "grid.coverage", CITY, TRUE);
}
END_TEST

START_TEST (test_odd_hierarchy)
{
  /* A district and a street that are each other's parent, and a street
   * whose parent does not resolve: no crash, and each community counts
   * where the walk up reaches. */
  g_autoptr(CommunityReport) report = community_test_validate (
    HEAD "\"divisions\": ["
    "{\"code\": \"320200000000\", \"name\": \"无锡市\", \"level\": \"city\"},"
    "{\"code\": \"320213000000\", \"name\": \"梁溪区\", \"level\": \"district\", \"parent\": \"320213001000\"},"
    "{\"code\": \"320213001000\", \"name\": \"A街道\", \"level\": \"street\", \"parent\": \"320213000000\"},"
    "{\"code\": \"320205100000\", \"name\": \"C镇\", \"level\": \"town\", \"parent\": \"320205000000\"}],"
    "\"communities\": ["
    "{\"code\": \"320213001001\", \"name\": \"甲\", \"kind\": \"urban\", \"street\": \"320213001000\","
    " \"self_governance_compliant\": true},"
    "{\"code\": \"320205100001\", \"name\": \"乙\", \"kind\": \"urban\", \"street\": \"320205100000\"}]}");
  GListModel *indicators;

  assert_rate (report, "self-governance.compliance", STREET_A, 1, 1);
  assert_rate (report, "self-governance.compliance", LIANGXI, 1, 1);
  assert_rate (report, "self-governance.compliance", TOWN_C, 0, 1);
  assert_not_applicable (report, "self-governance.compliance", CITY);
  indicators = community_report_get_indicators (report);
  ck_assert_uint_eq (g_list_model_get_n_items (indicators), 20 * 4);
}
END_TEST

/* The four monitoring indicators of DOMAIN.md §5: rates at every tier,
 * with no target (never met; target and met null in JSON). Street A has
 * an urban community with a committee of 7 (5 local) owning a home for the
 * disabled, and one of 9 (3 local) owning an emergency shelter and a
 * social-organization incubator (a community's, which the street share
 * does not count); town C has a village and owns an incubator itself. */
START_TEST (test_monitoring_indicators)
{
  g_autoptr(CommunityReport) report = community_test_validate (
    HEAD "\"as_of\": \"2019-12-31\", " DIVISIONS ", \"communities\": ["
    "{\"code\": \"320213001001\", \"name\": \"甲\", \"kind\": \"urban\", \"street\": \"" STREET_A "\","
    " \"committee\": {\"members\": 7, \"local_resident_members\": 5}},"
    "{\"code\": \"320213001002\", \"name\": \"乙\", \"kind\": \"urban\", \"street\": \"" STREET_A "\","
    " \"committee\": {\"members\": 9, \"local_resident_members\": 3}},"
    "{\"code\": \"320213002001\", \"name\": \"丙\", \"kind\": \"urban\", \"street\": \"" STREET_B "\","
    " \"committee\": {\"members\": 5}},"
    "{\"code\": \"320205100200\", \"name\": \"丁村\", \"kind\": \"rural\", \"street\": \"" TOWN_C "\","
    " \"committee\": {\"members\": 5, \"local_resident_members\": 5}}],"
    " \"facilities\": ["
    "{\"id\": \"F1\", \"name\": \"x\", \"kind\": \"disabled_home\", \"owner\": \"320213001001\"},"
    "{\"id\": \"F2\", \"name\": \"x\", \"kind\": \"emergency_shelter\", \"owner\": \"320213001002\"},"
    "{\"id\": \"F3\", \"name\": \"x\", \"kind\": \"social_org_incubator\", \"owner\": \"320213001002\"},"
    "{\"id\": \"F4\", \"name\": \"x\", \"kind\": \"social_org_incubator\", \"owner\": \"" TOWN_C "\"}]}");
  g_autoptr(JsonNode) node = community_report_to_json (report);
  JsonArray *indicators = json_object_get_array_member (json_node_get_object (node), "indicators");
  CommunityIndicatorResult *result;
  guint n_monitoring = 0;

  /* Σ local / Σ members over urban communities giving both: 丙 gives no
   * local count, 丁村 is rural. */
  assert_rate (report, "committee.local-resident-share", STREET_A, 8, 16);
  assert_rate (report, "committee.local-resident-share", LIANGXI, 8, 16);
  assert_rate (report, "committee.local-resident-share", CITY, 8, 16);
  assert_not_applicable (report, "committee.local-resident-share", STREET_B);
  assert_not_applicable (report, "committee.local-resident-share", TOWN_C);

  assert_rate (report, "community.disabled-home-share", STREET_A, 1, 2);
  assert_rate (report, "community.disabled-home-share", STREET_B, 0, 1);
  assert_rate (report, "community.disabled-home-share", LIANGXI, 1, 3);
  assert_rate (report, "community.disabled-home-share", CITY, 1, 4);
  assert_rate (report, "community.emergency-shelter-share", STREET_A, 1, 2);
  assert_rate (report, "community.emergency-shelter-share", XISHAN, 0, 1);
  assert_rate (report, "community.emergency-shelter-share", CITY, 1, 4);

  /* Only a street's own incubator counts, not a community's. */
  assert_rate (report, "street.social-org-incubator-share", STREET_A, 0, 1);
  assert_rate (report, "street.social-org-incubator-share", TOWN_C, 1, 1);
  assert_rate (report, "street.social-org-incubator-share", LIANGXI, 0, 2);
  assert_rate (report, "street.social-org-incubator-share", XISHAN, 1, 1);
  result = assert_rate (report, "street.social-org-incubator-share", CITY, 1, 3);

  ck_assert (!community_indicator_result_has_target (result));
  ck_assert (isnan (community_indicator_result_get_target (result)));
  ck_assert (!community_indicator_result_get_met (result));
  ck_assert (community_indicator_result_has_target (get_indicator (report, "grid.coverage", CITY)));

  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      JsonObject *object = json_array_get_object_element (indicators, i);
      const char *id = json_object_get_string_member (object, "id");
      gboolean monitoring = g_str_equal (id, "committee.local-resident-share") ||
                            g_str_equal (id, "community.disabled-home-share") ||
                            g_str_equal (id, "community.emergency-shelter-share") ||
                            g_str_equal (id, "street.social-org-incubator-share");

      ck_assert_msg (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "target")) == monitoring, "%s", id);
      if (monitoring)
        {
          ck_assert (JSON_NODE_HOLDS_NULL (json_object_get_member (object, "met")));
          n_monitoring++;
        }
    }
  ck_assert_uint_eq (n_monitoring, 4 * 6);
}
END_TEST

START_TEST (test_report_json)
{
  g_autoptr(CommunityReport) report = community_test_validate (
    HEAD "\"as_of\": \"2019-12-31\", " DIVISIONS ", \"communities\": ["
    "{\"code\": \"320213001001\", \"name\": \"甲社区\", \"kind\": \"urban\", \"street\": \"" STREET_A "\","
    " \"self_governance_compliant\": true}]}");
  g_autoptr(JsonNode) node = community_report_to_json (report);
  JsonArray *indicators = json_object_get_array_member (json_node_get_object (node), "indicators");
  JsonObject *first = json_array_get_object_element (indicators, 0);

  ck_assert_uint_eq (json_array_get_length (indicators), 20 * 6);
  ck_assert_str_eq (json_object_get_string_member (first, "id"), "self-governance.compliance");
  ck_assert_str_eq (json_object_get_string_member (first, "division"), CITY);
  ck_assert_int_eq (json_object_get_int_member (first, "numerator"), 1);
  ck_assert_int_eq (json_object_get_int_member (first, "denominator"), 1);
  ck_assert_double_eq (json_object_get_double_member (first, "value"), 1.0);
  ck_assert (json_object_get_boolean_member (first, "met"));
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("indicators");
  TCase *tc = tcase_create ("indicators");

  tcase_add_test (tc, test_sample_independent);
  tcase_add_test (tc, test_zero_denominator);
  tcase_add_test (tc, test_met_at_target);
  tcase_add_test (tc, test_guidance_station);
  tcase_add_test (tc, test_surveys);
  tcase_add_test (tc, test_surveys_without_as_of);
  tcase_add_test (tc, test_membership_and_unknowns);
  tcase_add_test (tc, test_ruleset_overrides);
  tcase_add_test (tc, test_odd_hierarchy);
  tcase_add_test (tc, test_report_json);
  tcase_add_test (tc, test_monitoring_indicators);
  suite_add_tcase (s, tc);
  return community_test_run (s);
}
