/* test-dataset.c: adding, removing, indexing and walking a dataset
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib/gstdio.h>

#include "test-common.h"

#include <string.h>

typedef struct {
  guint calls;
  guint position;
  guint removed;
  guint added;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *record)
{
  record->calls++;
  record->position = position;
  record->removed = removed;
  record->added = added;
}

static CommunityEntity *
take_added (CommunityDataset *dataset,
            gpointer          entity)
{
  GError *error = NULL;

  ck_assert_msg (community_dataset_add (dataset, entity, &error), "add: %s",
                 error != NULL ? error->message : "");
  g_object_unref (entity);
  return entity;
}

/* city → district → street → two communities → grids, workers, facilities */
static CommunityDataset *
new_small_dataset (void)
{
  CommunityDataset *dataset = community_dataset_new ();
  CommunityDivision *division;
  CommunityCommunity *community;
  CommunityGrid *grid;
  CommunityWorker *worker;
  CommunityFacility *facility;
  const char * const admins[] = { "W2", NULL };

  division = community_division_new ("320200000000");
  g_object_set (division, "name", "无锡市", "level", COMMUNITY_DIVISION_LEVEL_CITY, NULL);
  take_added (dataset, division);
  division = community_division_new ("320213000000");
  g_object_set (division, "name", "梁溪区", "level", COMMUNITY_DIVISION_LEVEL_DISTRICT,
                "parent", "320200000000", NULL);
  take_added (dataset, division);
  division = community_division_new ("320213021000");
  g_object_set (division, "name", "崇安寺街道", "level", COMMUNITY_DIVISION_LEVEL_STREET,
                "parent", "320213000000", NULL);
  take_added (dataset, division);

  community = community_community_new ("320213021001");
  g_object_set (community, "name", "一号社区", "street", "320213021000", "households", 2400, NULL);
  take_added (dataset, community);
  community = community_community_new ("320213021002");
  g_object_set (community, "name", "二号社区", "street", "320213021000", NULL);
  take_added (dataset, community);

  grid = community_grid_new ("G1");
  g_object_set (grid, "community", "320213021001", "leader", "W1", "administrators", admins, NULL);
  take_added (dataset, grid);
  grid = community_grid_new ("G2");
  g_object_set (grid, "community", "320213021002", "leader", "W-missing", NULL);
  take_added (dataset, grid);

  worker = community_worker_new ("W1");
  g_object_set (worker, "community", "320213021001", NULL);
  take_added (dataset, worker);
  worker = community_worker_new ("W2");
  g_object_set (worker, "community", "320213021001", NULL);
  take_added (dataset, worker);
  worker = community_worker_new ("W3");
  g_object_set (worker, "street", "320213021000", NULL);
  take_added (dataset, worker);

  facility = community_facility_new ("F1");
  g_object_set (facility, "owner", "320213021001", "kind", COMMUNITY_FACILITY_KIND_HOME_CARE_STATION, NULL);
  take_added (dataset, facility);
  facility = community_facility_new ("F2");
  g_object_set (facility, "owner", "320213021000", "kind", COMMUNITY_FACILITY_KIND_STREET_SERVICE_CENTER, NULL);
  take_added (dataset, facility);

  return dataset;
}

START_TEST (test_add_lookup_remove)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  GListModel *grids = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_GRID);
  CommunityGrid *grid = community_grid_new ("G1");
  ItemsChanged changed = { 0, };
  GError *error = NULL;

  ck_assert (g_list_model_get_item_type (grids) == COMMUNITY_TYPE_GRID);
  g_signal_connect (grids, "items-changed", G_CALLBACK (on_items_changed), &changed);

  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (grid), &error));
  ck_assert_ptr_null (error);
  ck_assert_uint_eq (changed.calls, 1);
  ck_assert_uint_eq (changed.position, 0);
  ck_assert_uint_eq (changed.added, 1);
  ck_assert_uint_eq (g_list_model_get_n_items (grids), 1);
  ck_assert_ptr_eq (community_dataset_get_grid (dataset, "G1"), grid);
  ck_assert_ptr_eq (community_dataset_lookup (dataset, COMMUNITY_ENTITY_KIND_GRID, "G1"), grid);
  ck_assert_ptr_eq (community_entity_get_dataset (COMMUNITY_ENTITY (grid)), dataset);
  /* Identity is per kind: a worker "G1" is another entity. */
  ck_assert_ptr_null (community_dataset_get_worker (dataset, "G1"));

  ck_assert (community_dataset_remove (dataset, COMMUNITY_ENTITY (grid)));
  ck_assert_uint_eq (changed.calls, 2);
  ck_assert_uint_eq (changed.removed, 1);
  ck_assert_uint_eq (g_list_model_get_n_items (grids), 0);
  ck_assert_ptr_null (community_dataset_get_grid (dataset, "G1"));
  ck_assert_ptr_null (community_entity_get_dataset (COMMUNITY_ENTITY (grid)));
  ck_assert (!community_dataset_remove (dataset, COMMUNITY_ENTITY (grid)));
  ck_assert_uint_eq (changed.calls, 2);

  community_test_assert_finalized (grid);
}
END_TEST

START_TEST (test_add_refused)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityDataset) other = community_dataset_new ();
  g_autoptr(CommunityGrid) first = community_grid_new ("G1");
  g_autoptr(CommunityGrid) twin = community_grid_new ("G1");
  g_autoptr(CommunityGrid) nameless = g_object_new (COMMUNITY_TYPE_GRID, NULL);
  GListModel *grids = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_GRID);
  ItemsChanged changed = { 0, };
  GError *error = NULL;

  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (first), NULL));
  g_signal_connect (grids, "items-changed", G_CALLBACK (on_items_changed), &changed);

  ck_assert (!community_dataset_add (dataset, COMMUNITY_ENTITY (twin), &error));
  ck_assert (g_error_matches (error, COMMUNITY_DATASET_ERROR, COMMUNITY_DATASET_ERROR_DUPLICATE));
  g_clear_error (&error);

  ck_assert (!community_dataset_add (dataset, COMMUNITY_ENTITY (nameless), &error));
  ck_assert (g_error_matches (error, COMMUNITY_DATASET_ERROR, COMMUNITY_DATASET_ERROR_NO_IDENTITY));
  g_clear_error (&error);

  ck_assert (!community_dataset_add (other, COMMUNITY_ENTITY (first), &error));
  ck_assert (g_error_matches (error, COMMUNITY_DATASET_ERROR, COMMUNITY_DATASET_ERROR_IN_OTHER_DATASET));
  g_clear_error (&error);

  /* Nothing changed. */
  ck_assert_uint_eq (changed.calls, 0);
  ck_assert_uint_eq (g_list_model_get_n_items (grids), 1);
  ck_assert_ptr_eq (community_dataset_get_grid (dataset, "G1"), first);
  ck_assert_ptr_null (community_entity_get_dataset (COMMUNITY_ENTITY (twin)));
}
END_TEST

START_TEST (test_resolve)
{
  g_autoptr(CommunityDataset) dataset = new_small_dataset ();
  CommunityGrid *g1 = community_dataset_get_grid (dataset, "G1");
  CommunityGrid *g2 = community_dataset_get_grid (dataset, "G2");
  CommunityFacility *f1 = community_dataset_get_facility (dataset, "F1");
  CommunityFacility *f2 = community_dataset_get_facility (dataset, "F2");

  ck_assert_ptr_eq (community_dataset_resolve (dataset, COMMUNITY_RECORD (g1), "leader"),
                    community_dataset_get_worker (dataset, "W1"));
  ck_assert_ptr_eq (community_dataset_resolve (dataset, COMMUNITY_RECORD (g1), "community"),
                    community_dataset_get_community (dataset, "320213021001"));
  /* A reference to nothing resolves to NULL; so does an unset one. */
  ck_assert_ptr_null (community_dataset_resolve (dataset, COMMUNITY_RECORD (g2), "leader"));
  community_record_unset (COMMUNITY_RECORD (g1), "leader");
  ck_assert_ptr_null (community_dataset_resolve (dataset, COMMUNITY_RECORD (g1), "leader"));
  /* A facility's owner is a community or a division. */
  ck_assert_ptr_eq (community_dataset_resolve (dataset, COMMUNITY_RECORD (f1), "owner"),
                    community_dataset_get_community (dataset, "320213021001"));
  ck_assert_ptr_eq (community_dataset_resolve (dataset, COMMUNITY_RECORD (f2), "owner"),
                    community_dataset_get_division (dataset, "320213021000"));
}
END_TEST

static void
assert_identities (GPtrArray  *entities,
                   const char *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < entities->len; i++)
    g_string_append_printf (got, "%s%s", i > 0 ? " " : "",
                            community_entity_get_identity (g_ptr_array_index (entities, i)));
  ck_assert_str_eq (got->str, expected);
  g_ptr_array_unref (entities);
}

START_TEST (test_hierarchy_queries)
{
  g_autoptr(CommunityDataset) dataset = new_small_dataset ();

  assert_identities (community_dataset_list_children (dataset, "320200000000"), "320213000000");
  assert_identities (community_dataset_list_children (dataset, "320213000000"), "320213021000");
  assert_identities (community_dataset_list_children (dataset, "320213021000"),
                     "320213021001 320213021002");
  assert_identities (community_dataset_list_communities (dataset, "320213021000"),
                     "320213021001 320213021002");
  assert_identities (community_dataset_list_communities (dataset, "320213000000"), "");
  assert_identities (community_dataset_list_grids (dataset, "320213021001"), "G1");
  assert_identities (community_dataset_list_workers (dataset, "320213021001"), "W1 W2");
  assert_identities (community_dataset_list_workers (dataset, "320213021000"), "W3");
  assert_identities (community_dataset_list_facilities (dataset, "320213021000"), "F2");
}
END_TEST

START_TEST (test_walk_up)
{
  g_autoptr(CommunityDataset) dataset = new_small_dataset ();
  CommunityEntity *grid = COMMUNITY_ENTITY (community_dataset_get_grid (dataset, "G1"));
  CommunityEntity *street_worker = COMMUNITY_ENTITY (community_dataset_get_worker (dataset, "W3"));
  CommunityEntity *community = COMMUNITY_ENTITY (community_dataset_get_community (dataset, "320213021001"));
  CommunityEntity *street = COMMUNITY_ENTITY (community_dataset_get_division (dataset, "320213021000"));
  CommunityEntity *city = COMMUNITY_ENTITY (community_dataset_get_division (dataset, "320200000000"));

  ck_assert_ptr_eq (community_dataset_get_parent (dataset, grid), community);
  ck_assert_ptr_eq (community_dataset_get_parent (dataset, community), street);
  ck_assert_ptr_eq (community_dataset_get_parent (dataset, street_worker), street);
  ck_assert_ptr_null (community_dataset_get_parent (dataset, city));

  ck_assert_ptr_eq (community_dataset_get_ancestor (dataset, grid, COMMUNITY_DIVISION_LEVEL_STREET), street);
  /* Towns and streets are one tier; so are districts and counties. */
  ck_assert_ptr_eq (community_dataset_get_ancestor (dataset, grid, COMMUNITY_DIVISION_LEVEL_TOWN), street);
  ck_assert_str_eq (community_entity_get_identity (COMMUNITY_ENTITY (
                      community_dataset_get_ancestor (dataset, grid, COMMUNITY_DIVISION_LEVEL_COUNTY))),
                    "320213000000");
  ck_assert_ptr_eq (community_dataset_get_ancestor (dataset, grid, COMMUNITY_DIVISION_LEVEL_CITY), city);
  ck_assert_ptr_eq (community_dataset_get_ancestor (dataset, street, COMMUNITY_DIVISION_LEVEL_STREET), street);
  ck_assert_ptr_eq (community_dataset_get_ancestor (dataset, street_worker, COMMUNITY_DIVISION_LEVEL_CITY), city);
  /* Above the city there is nothing. */
  ck_assert_ptr_null (community_dataset_get_ancestor (dataset, city, COMMUNITY_DIVISION_LEVEL_STREET));
}
END_TEST

START_TEST (test_walk_up_cycle)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  CommunityDivision *a = community_division_new ("320213021000");
  CommunityDivision *b = community_division_new ("320213022000");

  g_object_set (a, "level", COMMUNITY_DIVISION_LEVEL_STREET, "parent", "320213022000", NULL);
  g_object_set (b, "level", COMMUNITY_DIVISION_LEVEL_STREET, "parent", "320213021000", NULL);
  take_added (dataset, a);
  take_added (dataset, b);

  /* A cycle ends the walk instead of hanging it. */
  ck_assert_ptr_null (community_dataset_get_ancestor (dataset, COMMUNITY_ENTITY (a),
                                                      COMMUNITY_DIVISION_LEVEL_CITY));
}
END_TEST

START_TEST (test_header_properties)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(GDate) date = g_date_new_dmy (31, G_DATE_DECEMBER, 2019);
  guint notified = 0;

  g_signal_connect (dataset, "notify::as-of", G_CALLBACK (community_test_count_notify), &notified);

  ck_assert_ptr_null (community_dataset_get_as_of (dataset));
  ck_assert_uint_eq (community_dataset_get_codes_year (dataset), 0);
  community_dataset_set_as_of (dataset, date);
  community_dataset_set_as_of (dataset, date);
  ck_assert_uint_eq (notified, 1);
  ck_assert_int_eq (g_date_compare (community_dataset_get_as_of (dataset), date), 0);
  community_dataset_set_as_of (dataset, NULL);
  ck_assert_uint_eq (notified, 2);
  community_dataset_set_codes_year (dataset, 2023);
  ck_assert_uint_eq (community_dataset_get_codes_year (dataset), 2023);
}
END_TEST

/* DOMAIN.md §2: funding, wage baselines, surveys and commendations may have
 * no id. They load, are added, keep their place and save back without one;
 * they are not indexed. The other kinds still need theirs. */
START_TEST (test_optional_ids)
{
  static const char document[] =
    "{\"format\": \"libcommunity-dataset\", \"version\": 1,"
    " \"funding\": [{\"year\": 2019, \"recipient\": \"320200000000\", \"purpose\": \"weak_area_subsidy\","
    "   \"amount_yuan\": 1}, {\"id\": \"F2\", \"year\": 2019, \"recipient\": \"320200000000\","
    "   \"purpose\": \"other\", \"amount_yuan\": 2}, {\"year\": 2019, \"recipient\": \"320200000000\","
    "   \"purpose\": \"other\", \"amount_yuan\": 3}],"
    " \"wage_baselines\": [{\"division\": \"320200000000\", \"year\": 2018, \"average_annual_wage_yuan\": 1}],"
    " \"surveys\": [{\"division\": \"320200000000\", \"year\": 2019, \"indicator\": \"public.security-sense\","
    "   \"value\": 0.9}],"
    " \"commendations\": [{\"year\": 2019, \"kind\": \"party_secretary\", \"subject\": \"W1\"}]}";
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityDataset) reloaded = community_dataset_new ();
  g_autoptr(CommunityFunding) extra = community_funding_new (NULL);
  g_autoptr(CommunityGrid) grid = g_object_new (COMMUNITY_TYPE_GRID, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(CommunityEntity) first = NULL;
  GListModel *funding;

  ck_assert_msg (community_dataset_load_from_data (dataset, document, -1, &error), "%s",
                 error != NULL ? error->message : "");
  funding = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_FUNDING);
  ck_assert_uint_eq (g_list_model_get_n_items (funding), 3);
  first = g_list_model_get_item (funding, 0);
  ck_assert_ptr_null (community_entity_get_identity (first));
  ck_assert_ptr_nonnull (community_dataset_lookup (dataset, COMMUNITY_ENTITY_KIND_FUNDING, "F2"));
  ck_assert_uint_eq (g_list_model_get_n_items (community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_COMMENDATION)), 1);

  /* Added without an id, after the others; a grid still needs one. */
  g_object_set (extra, "year", 2020, "recipient", "320200000000", "purpose", COMMUNITY_FUNDING_PURPOSE_OTHER,
                "amount-yuan", (gint64) 4, NULL);
  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (extra), &error));
  ck_assert_uint_eq (g_list_model_get_n_items (funding), 4);
  ck_assert (!community_dataset_add (dataset, COMMUNITY_ENTITY (grid), &error));
  ck_assert (g_error_matches (error, COMMUNITY_DATASET_ERROR, COMMUNITY_DATASET_ERROR_NO_IDENTITY));
  g_clear_error (&error);

  /* Saved without ids, loaded back equal; removed by position. */
  saved = community_dataset_save_to_data (dataset, NULL);
  ck_assert_ptr_null (strstr (saved, "\"id\": null"));
  ck_assert (community_dataset_load_from_data (reloaded, saved, -1, NULL));
  ck_assert (community_dataset_equal (dataset, reloaded));
  ck_assert (community_dataset_remove (dataset, first));
  ck_assert_uint_eq (g_list_model_get_n_items (funding), 3);
  ck_assert_ptr_nonnull (community_dataset_lookup (dataset, COMMUNITY_ENTITY_KIND_FUNDING, "F2"));

  /* Two records without an id are not duplicates; two with the same id are. */
  ck_assert (!community_dataset_load_from_data (reloaded,
    "{\"format\": \"libcommunity-dataset\", \"version\": 1, \"funding\": ["
    "{\"id\": \"F\", \"year\": 2019, \"recipient\": \"x\", \"purpose\": \"other\", \"amount_yuan\": 1},"
    "{\"id\": \"F\", \"year\": 2019, \"recipient\": \"x\", \"purpose\": \"other\", \"amount_yuan\": 1}]}", -1, &error));
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_DUPLICATE));
  ck_assert (g_str_has_prefix (error->message, "/funding/1/id"));
  g_clear_error (&error);

  /* A grid without an id is still refused, with its pointer. */
  ck_assert (!community_dataset_load_from_data (reloaded,
    "{\"format\": \"libcommunity-dataset\", \"version\": 1, \"grids\": [{\"community\": \"x\"}]}", -1, &error));
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_MISSING));
  ck_assert (g_str_has_prefix (error->message, "/grids/0/id"));
}
END_TEST

START_TEST (test_dataset_finalized)
{
  CommunityDataset *dataset = new_small_dataset ();
  CommunityGrid *grid = g_object_ref (community_dataset_get_grid (dataset, "G1"));
  CommunityWorker *worker = community_dataset_get_worker (dataset, "W1");
  gpointer weak_worker = worker;

  g_object_add_weak_pointer (G_OBJECT (worker), &weak_worker);
  community_test_assert_finalized (dataset);

  /* The dataset let go of its entities: those nobody else holds are gone,
   * and one still held no longer points at a dead dataset. */
  ck_assert_ptr_null (weak_worker);
  ck_assert_ptr_null (community_entity_get_dataset (COMMUNITY_ENTITY (grid)));
  community_test_assert_finalized (grid);
}
END_TEST

/* What save writes, load reads: an incomplete dataset built in code is
 * refused, with the JSON Pointer of the first missing member, and the
 * validator names every one. */
START_TEST (test_save_refuses_incomplete)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityDivision) division = community_division_new ("320200000000");
  g_autoptr(CommunityConsultation) consultation = community_consultation_new ("K1");
  g_autoptr(CommunityHistoryEntry) entry = community_history_entry_new ();
  g_autoptr(GListStore) history = g_list_store_new (COMMUNITY_TYPE_HISTORY_ENTRY);
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
  g_autoptr(CommunityReport) report = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-save-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.json", NULL);
  g_autoptr(GDateTime) at = g_date_time_new_utc (2019, 5, 1, 9, 0, 0);
  GError *error = NULL;

  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (division), NULL));
  ck_assert (!community_dataset_check_complete (dataset, &error));
  community_test_assert_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_MISSING, "/divisions/0/name");
  ck_assert_str_eq (error->message, "/divisions/0/name: the required member “name” is missing or null");
  g_clear_error (&error);

  ck_assert (!community_dataset_save_to_file (dataset, path, &error));
  community_test_assert_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_MISSING, "/divisions/0/name");
  g_clear_error (&error);
  ck_assert (!g_file_test (path, G_FILE_TEST_EXISTS));

  /* Every missing member is a record.required finding, nested ones too. */
  community_consultation_set_community (consultation, "320205102001");
  g_list_store_append (history, entry);
  community_consultation_set_history (consultation, G_LIST_MODEL (history));
  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (consultation), NULL));
  report = community_validator_run (validator, dataset);
  findings = community_test_findings (report, "record.required");
  {
    /* In the report's order: by path. */
    const char *expected[] = { "/consultations/0/history/0/at", "/consultations/0/history/0/state",
                               "/divisions/0/level", "/divisions/0/name" };

    ck_assert_uint_eq (g_list_model_get_n_items (findings), G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(CommunityFinding) finding = g_list_model_get_item (findings, i);

        ck_assert_str_eq (community_finding_get_path (finding), expected[i]);
        ck_assert_str_eq (community_finding_get_subject_id (finding), i < 2 ? "K1" : "320200000000");
        ck_assert_int_eq (community_finding_get_severity (finding), COMMUNITY_SEVERITY_ERROR);
      }
  }

  /* Completed, it saves, and loads again equal. */
  community_division_set_name (division, "无锡市");
  community_division_set_level (division, COMMUNITY_DIVISION_LEVEL_CITY);
  ck_assert (!community_dataset_check_complete (dataset, &error));
  community_test_assert_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_MISSING,
                               "/consultations/0/history/0/state");
  g_clear_error (&error);
  community_history_entry_set_at (entry, at);
  community_history_entry_set_state (entry, COMMUNITY_CONSULTATION_STATE_PROPOSED);
  ck_assert (community_dataset_check_complete (dataset, &error));
  ck_assert (community_dataset_save_to_file (dataset, path, &error));
  {
    g_autoptr(CommunityDataset) loaded = community_dataset_new ();

    ck_assert (community_dataset_load_from_file (loaded, path, &error));
    ck_assert (community_dataset_equal (dataset, loaded));
  }
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* The pointer of a member missing deep in a long list: only the item that
 * misses something is named, with its index in full. */
START_TEST (test_missing_in_long_history)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityConsultation) consultation = community_consultation_new ("K1");
  g_autoptr(GListStore) history = g_list_store_new (COMMUNITY_TYPE_HISTORY_ENTRY);
  g_autoptr(GDateTime) at = g_date_time_new_utc (2019, 5, 1, 9, 0, 0);
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
  g_autoptr(CommunityReport) report = NULL;
  g_autoptr(GListModel) findings = NULL;
  GError *error = NULL;

  for (guint i = 0; i < 123; i++)
    {
      g_autoptr(CommunityHistoryEntry) entry = community_history_entry_new ();

      community_history_entry_set_at (entry, at);
      if (i != 10 && i != 102)
        community_history_entry_set_state (entry, COMMUNITY_CONSULTATION_STATE_PROPOSED);
      g_list_store_append (history, entry);
    }
  community_consultation_set_community (consultation, "320205102001");
  community_consultation_set_history (consultation, G_LIST_MODEL (history));
  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (consultation), NULL));

  ck_assert (!community_dataset_check_complete (dataset, &error));
  community_test_assert_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_MISSING,
                               "/consultations/0/history/10/state");
  g_clear_error (&error);

  report = community_validator_run (validator, dataset);
  findings = community_test_findings (report, "record.required");
  ck_assert_uint_eq (g_list_model_get_n_items (findings), 2);
  {
    g_autoptr(CommunityFinding) first = g_list_model_get_item (findings, 0);
    g_autoptr(CommunityFinding) second = g_list_model_get_item (findings, 1);

    ck_assert_str_eq (community_finding_get_path (first), "/consultations/0/history/10/state");
    ck_assert_str_eq (community_finding_get_path (second), "/consultations/0/history/102/state");
  }
}
END_TEST

/* CommunityDataset::entity-changed: once per field set, with its
 * property; once for a workflow step that changes several; not for an
 * entity out of the dataset; and `notify` still reaches a handler on
 * the entity. */
typedef struct {
  guint count;
  CommunityEntity *entity;
  GParamSpec *pspec;
} Changes;

static void
on_entity_changed (CommunityDataset *dataset,
                   CommunityEntity  *entity,
                   GParamSpec       *pspec,
                   Changes          *changes)
{
  changes->count++;
  changes->entity = entity;
  changes->pspec = pspec;
}

START_TEST (test_entity_changed)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  CommunityGrid *grid = COMMUNITY_GRID (community_dataset_lookup (dataset, COMMUNITY_ENTITY_KIND_GRID,
                                                                  "320213025005-G01"));
  g_autoptr(CommunityWorkItem) item = NULL;
  g_autoptr(GDateTime) at = g_date_time_new_utc (2020, 3, 1, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  Changes changes = { 0, };
  guint notified = 0;

  ck_assert_ptr_nonnull (grid);
  g_signal_connect (dataset, "entity-changed", G_CALLBACK (on_entity_changed), &changes);
  g_signal_connect (grid, "notify::households", G_CALLBACK (community_test_count_notify), &notified);

  community_grid_set_households (grid, 321);
  ck_assert_uint_eq (changes.count, 1);
  ck_assert_ptr_eq (changes.entity, grid);
  ck_assert_str_eq (changes.pspec->name, "households");
  ck_assert_uint_eq (notified, 1);

  /* The same value again changes nothing. */
  community_grid_set_households (grid, 321);
  ck_assert_uint_eq (changes.count, 1);

  community_record_unset (COMMUNITY_RECORD (grid), "households");
  ck_assert_uint_eq (changes.count, 2);
  ck_assert_str_eq (changes.pspec->name, "households");
  ck_assert_uint_eq (notified, 2);

  /* A step of a work item's workflow sets its state and appends to its
   * history: one change, the first. */
  item = g_object_new (COMMUNITY_TYPE_WORK_ITEM, "id", "WI-T", "title", "t",
                       "category", COMMUNITY_WORK_CATEGORY_SERVICE, NULL);
  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (item), &error));
  changes.count = 0;
  ck_assert_msg (community_work_item_submit (item, at, &error), "%s", error ? error->message : "");
  ck_assert_uint_eq (changes.count, 1);
  ck_assert_ptr_eq (changes.entity, item);
  ck_assert_str_eq (changes.pspec->name, "state");

  /* Out of the dataset, an entity tells it nothing. */
  g_object_ref (grid);
  ck_assert (community_dataset_remove (dataset, COMMUNITY_ENTITY (grid)));
  changes.count = 0;
  community_grid_set_households (grid, 5);
  ck_assert_uint_eq (changes.count, 0);
  ck_assert_uint_eq (notified, 3);
  g_object_unref (grid);
}
END_TEST

static Suite *
dataset_suite (void)
{
  Suite *suite = suite_create ("dataset");
  TCase *tc = tcase_create ("dataset");

  tcase_add_test (tc, test_add_lookup_remove);
  tcase_add_test (tc, test_add_refused);
  tcase_add_test (tc, test_resolve);
  tcase_add_test (tc, test_hierarchy_queries);
  tcase_add_test (tc, test_walk_up);
  tcase_add_test (tc, test_walk_up_cycle);
  tcase_add_test (tc, test_header_properties);
  tcase_add_test (tc, test_optional_ids);
  tcase_add_test (tc, test_dataset_finalized);
  tcase_add_test (tc, test_save_refuses_incomplete);
  tcase_add_test (tc, test_missing_in_long_history);
  tcase_add_test (tc, test_entity_changed);
  suite_add_tcase (suite, tc);

  return suite;
}

int
main (void)
{
  return community_test_run (dataset_suite ());
}
