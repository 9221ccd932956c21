/* test-json.c: the dataset format in and out, and every refusal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "test-common.h"

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *count)
{
  (*count)++;
}

#define HEAD "{\"format\": \"libcommunity-dataset\", \"version\": 1, "

START_TEST (test_sample_round_trip)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityDataset) reloaded = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  ck_assert_uint_eq (g_list_model_get_n_items (community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_COMMUNITY)), 15);
  ck_assert_uint_eq (community_dataset_get_codes_year (dataset), 2023);

  data = community_dataset_save_to_data (dataset, &length);
  ck_assert_uint_eq (strlen (data), length);
  ck_assert (community_dataset_load_from_data (reloaded, data, length, &error));
  ck_assert (community_dataset_equal (dataset, reloaded));

  /* ... and a change is a difference. */
  g_object_set (community_dataset_get_grid (reloaded, "320213025005-G01"), "households", 1, NULL);
  ck_assert (!community_dataset_equal (dataset, reloaded));
}
END_TEST

START_TEST (test_save_to_file_atomic)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityDataset) reloaded = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-test-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint n_files = 0;

  ck_assert_ptr_nonnull (dir);
  ck_assert (g_file_set_contents (path, "old content", -1, NULL));
  ck_assert (community_dataset_save_to_file (dataset, path, &error));
  ck_assert (community_dataset_load_from_file (reloaded, path, &error));
  ck_assert (community_dataset_equal (dataset, reloaded));

  /* Written aside and renamed: nothing else is left in the folder. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      ck_assert_str_eq (name, "saved.json");
      n_files++;
    }
  ck_assert_uint_eq (n_files, 1);

  /* An unwritable place is an error, and the old file stays. */
  {
    g_autofree char *missing = g_build_filename (dir, "no-such-dir", "x.json", NULL);
    g_autoptr(GError) save_error = NULL;

    ck_assert (!community_dataset_save_to_file (dataset, missing, &save_error));
    ck_assert (save_error != NULL && save_error->domain == G_FILE_ERROR);
  }

  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_unknown_members_kept)
{
  const char *doc =
    HEAD "\"x-root\": {\"deep\": [1, 2, {\"a\": null}]},"
    "\"communities\": [{\"code\": \"320213021001\", \"name\": \"某社区\", \"kind\": \"urban\","
    " \"street\": \"320213021000\", \"x-entity\": \"kept\","
    " \"committee\": {\"members\": 7, \"x-nested\": 3.5}}]}";
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) saved = NULL;
  g_autoptr(CommunityCommittee) committee = NULL;
  JsonObject *root, *community, *nested;

  ck_assert_msg (community_dataset_load_from_data (dataset, doc, -1, &error), "%s",
                 error ? error->message : "");

  ck_assert_ptr_nonnull (community_dataset_get_extra (dataset));
  g_object_get (community_dataset_get_community (dataset, "320213021001"), "committee", &committee, NULL);
  ck_assert (json_object_get_double_member (community_record_get_extra (COMMUNITY_RECORD (committee)),
                                            "x-nested") == 3.5);

  saved = community_dataset_to_node (dataset);
  root = json_node_get_object (saved);
  ck_assert (json_object_has_member (root, "x-root"));
  ck_assert_uint_eq (json_array_get_length (json_object_get_array_member (
                       json_object_get_object_member (root, "x-root"), "deep")), 3);
  community = json_array_get_object_element (json_object_get_array_member (root, "communities"), 0);
  ck_assert_str_eq (json_object_get_string_member (community, "x-entity"), "kept");
  nested = json_object_get_object_member (community, "committee");
  ck_assert (json_object_get_double_member (nested, "x-nested") == 3.5);
  ck_assert_int_eq (json_object_get_int_member (nested, "members"), 7);
}
END_TEST

/* Dates and timestamps are written as RFC 3339 gives them: four-digit
 * years, the offset's hours and minutes, microseconds when there are any. */
START_TEST (test_timestamps_written)
{
  static const char *const written[] = {
    "\"as_of\" : \"0099-12-31\"",
    "\"0205-01-02T03:04:05Z\"",
    "\"2019-03-16T14:00:00.000001-00:30\"",
    "\"2019-03-16T14:00:00.250000-05:30\"",
    "\"2019-03-17T08:00:00+05:45\"",
    "\"9999-12-31T23:59:59.999999+14:00\"",
  };
  const char *doc =
    HEAD "\"as_of\": \"0099-12-31\", \"consultations\": [{\"id\": \"K\", \"community\": \"C\","
    " \"state\": \"deliberating\", \"history\": ["
    "{\"state\": \"proposed\", \"at\": \"0205-01-02T03:04:05Z\"},"
    "{\"state\": \"proposed\", \"at\": \"2019-03-16T14:00:00.000001-00:30\"},"
    "{\"state\": \"proposed\", \"at\": \"2019-03-16T14:00:00.25-05:30\"},"
    "{\"state\": \"proposed\", \"at\": \"2019-03-17T08:00:00+05:45\"},"
    "{\"state\": \"deliberating\", \"at\": \"9999-12-31T23:59:59.999999+14:00\"}]}]}";
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;

  ck_assert_msg (community_dataset_load_from_data (dataset, doc, -1, &error), "%s",
                 error ? error->message : "");
  saved = community_dataset_save_to_data (dataset, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (written); i++)
    ck_assert_msg (strstr (saved, written[i]) != NULL, "%s is not in %s", written[i], saved);
}
END_TEST

START_TEST (test_null_is_unset)
{
  const char *doc =
    HEAD "\"grids\": [{\"id\": \"G1\", \"community\": \"C\", \"leader\": null, \"households\": null}]}";
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  CommunityRecord *grid;

  ck_assert (community_dataset_load_from_data (dataset, doc, -1, NULL));
  grid = COMMUNITY_RECORD (community_dataset_get_grid (dataset, "G1"));
  ck_assert (!community_record_is_set (grid, "leader"));
  ck_assert (!community_record_is_set (grid, "households"));
  ck_assert (community_record_is_set (grid, "community"));
}
END_TEST

/* One bad document per class of error, the code it must give and the JSON
 * Pointer its message must start with. */
static const struct {
  const char *json;
  CommunityParseError code;
  const char *pointer;
} bad_inputs[] = {
  { "", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { "{\"format\": ", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { "{\"format\": \"libcommunity-dataset\" \"version\": 1}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { "[1, 2]", COMMUNITY_PARSE_ERROR_FORMAT, "(root)" },
  { "\"libcommunity-dataset\"", COMMUNITY_PARSE_ERROR_FORMAT, "(root)" },
  { "{\"version\": 1}", COMMUNITY_PARSE_ERROR_FORMAT, "/format" },
  { "{\"format\": \"geojson\", \"version\": 1}", COMMUNITY_PARSE_ERROR_FORMAT, "/format" },
  { "{\"communities\": [], \"format\": \"libcommunity-report\", \"version\": 1}", COMMUNITY_PARSE_ERROR_FORMAT, "/format" },
  { "{\"format\": \"libcommunity-dataset\"}", COMMUNITY_PARSE_ERROR_MISSING, "/version" },
  { "{\"format\": \"libcommunity-dataset\", \"version\": 2}", COMMUNITY_PARSE_ERROR_VERSION, "/version" },
  { "{\"format\": \"libcommunity-dataset\", \"version\": \"1\"}", COMMUNITY_PARSE_ERROR_TYPE, "/version" },
  { HEAD "\"communities\": {}}", COMMUNITY_PARSE_ERROR_TYPE, "/communities" },
  { HEAD "\"communities\": [{\"code\": \"320213021001\", \"name\": \"x\", \"kind\": \"urban\", \"street\": \"s\"},"
         " {\"code\": \"320213021002\", \"name\": \"x\", \"kind\": \"urban\", \"street\": \"s\", \"households\": \"many\"}]}",
    COMMUNITY_PARSE_ERROR_TYPE, "/communities/1/households" },
  { HEAD "\"communities\": [{\"code\": 320213021001, \"name\": \"x\", \"kind\": \"urban\", \"street\": \"s\"}]}",
    COMMUNITY_PARSE_ERROR_TYPE, "/communities/0/code" },
  { HEAD "\"communities\": [7]}", COMMUNITY_PARSE_ERROR_TYPE, "/communities/0" },
  { HEAD "\"communities\": [{\"code\": \"c\", \"name\": \"x\", \"kind\": \"suburban\", \"street\": \"s\"}]}",
    COMMUNITY_PARSE_ERROR_ENUM, "/communities/0/kind" },
  { HEAD "\"workers\": [{\"id\": \"W1\", \"roles\": [\"grid_leader\", \"boss\"]}]}",
    COMMUNITY_PARSE_ERROR_ENUM, "/workers/0/roles/1" },
  { HEAD "\"communities\": [{\"code\": \"c\", \"name\": \"x\", \"kind\": \"urban\", \"street\": \"s\", \"households\": -5}]}",
    COMMUNITY_PARSE_ERROR_RANGE, "/communities/0/households" },
  { HEAD "\"communities\": [{\"code\": \"c\", \"name\": \"x\", \"kind\": \"urban\", \"street\": \"s\", \"households\": 5000000000}]}",
    COMMUNITY_PARSE_ERROR_RANGE, "/communities/0/households" },
  { HEAD "\"communities\": [{\"code\": \"c\", \"name\": \"x\", \"kind\": \"urban\", \"street\": \"s\", \"households\": 1e300}]}",
    COMMUNITY_PARSE_ERROR_RANGE, "/communities/0/households" },
  { HEAD "\"communities\": [{\"code\": \"c\", \"name\": \"x\", \"kind\": \"urban\", \"street\": \"s\", \"households\": 12.5}]}",
    COMMUNITY_PARSE_ERROR_NOT_INTEGER, "/communities/0/households" },
  { HEAD "\"surveys\": [{\"id\": \"S\", \"division\": \"d\", \"year\": 2019, \"indicator\": \"i\", \"value\": 1.5}]}",
    COMMUNITY_PARSE_ERROR_RANGE, "/surveys/0/value" },
  { HEAD "\"funding\": [{\"id\": \"F\", \"year\": 2019, \"recipient\": \"c\", \"purpose\": \"other\", \"amount_yuan\": 200000.5}]}",
    COMMUNITY_PARSE_ERROR_NOT_INTEGER, "/funding/0/amount_yuan" },
  { HEAD "\"funding\": [{\"id\": \"F\", \"year\": 2019, \"recipient\": \"c\", \"purpose\": \"other\", \"amount_yuan\": -1}]}",
    COMMUNITY_PARSE_ERROR_RANGE, "/funding/0/amount_yuan" },
  { HEAD "\"as_of\": \"2019-02-30\"}", COMMUNITY_PARSE_ERROR_DATE, "/as_of" },
  { HEAD "\"as_of\": \"31/12/2019\"}", COMMUNITY_PARSE_ERROR_DATE, "/as_of" },
  { HEAD "\"work_items\": [{\"id\": \"WI\", \"legal_review\": {\"approved\": true, \"date\": \"2019-13-01\"}}]}",
    COMMUNITY_PARSE_ERROR_DATE, "/work_items/0/legal_review/date" },
  { HEAD "\"consultations\": [{\"id\": \"K\", \"community\": \"c\", \"history\": [{\"state\": \"proposed\", \"at\": \"2019-03-02 09:30\"}]}]}",
    COMMUNITY_PARSE_ERROR_DATE, "/consultations/0/history/0/at" },
  { HEAD "\"consultations\": [{\"id\": \"K\", \"community\": \"c\", \"history\": [{\"state\": \"proposed\", \"at\": \"2019-03-02T09:30:00\"}]}]}",
    COMMUNITY_PARSE_ERROR_DATE, "/consultations/0/history/0/at" },
  { HEAD "\"grids\": [{\"id\": \"G1\", \"community\": \"c\"}, {\"id\": \"G2\", \"community\": \"c\"}, {\"id\": \"G1\", \"community\": \"c\"}]}",
    COMMUNITY_PARSE_ERROR_DUPLICATE, "/grids/2/id" },
  { HEAD "\"tasks\": [{\"number\": 3}, {\"number\": 3}]}", COMMUNITY_PARSE_ERROR_DUPLICATE, "/tasks/1/number" },
  { HEAD "\"tasks\": [{\"number\": 0}]}", COMMUNITY_PARSE_ERROR_RANGE, "/tasks/0/number" },
  { HEAD "\"grids\": [{\"id\": \"G1\"}]}", COMMUNITY_PARSE_ERROR_MISSING, "/grids/0/community" },
  { HEAD "\"grids\": [{\"id\": \"G1\", \"community\": null}]}", COMMUNITY_PARSE_ERROR_MISSING, "/grids/0/community" },
  { HEAD "\"divisions\": [{\"name\": \"无锡市\", \"level\": \"city\"}]}", COMMUNITY_PARSE_ERROR_MISSING, "/divisions/0/code" },
  { HEAD "\"codes_year\": 19}", COMMUNITY_PARSE_ERROR_RANGE, "/codes_year" },
};

START_TEST (test_bad_input_refused)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityDataset) pristine = community_test_load_sample ();
  g_autoptr(GError) error = NULL;
  GListModel *communities = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_COMMUNITY);
  guint changes = 0;

  g_signal_connect (communities, "items-changed", G_CALLBACK (count_items_changed), &changes);

  ck_assert (!community_dataset_load_from_data (dataset, bad_inputs[_i].json, -1, &error));
  community_test_assert_error (error, COMMUNITY_PARSE_ERROR, bad_inputs[_i].code, bad_inputs[_i].pointer);

  /* A refused document changes nothing. */
  ck_assert (community_dataset_equal (dataset, pristine));
  ck_assert_uint_eq (g_list_model_get_n_items (communities), 15);
  ck_assert_uint_eq (changes, 0);
  ck_assert_ptr_eq (community_entity_get_dataset (COMMUNITY_ENTITY (
                      community_dataset_get_community (dataset, "320213025005"))), dataset);
}
END_TEST

START_TEST (test_missing_file)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;

  ck_assert (!community_dataset_load_from_file (dataset, "/nonexistent/dataset.json", &error));
  ck_assert (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
}
END_TEST

START_TEST (test_errors_carry_no_personal_data)
{
  /* The worker's name, ID number and phone sit next to the bad value. */
  const char *doc =
    HEAD "\"workers\": [{\"id\": \"W1\", \"name\": \"张三丰\", \"id_number\": \"11010219910101007X\","
    " \"phone\": \"13912345678\", \"employment\": \"contractor\"}]}";
  const char *bad_type =
    HEAD "\"workers\": [{\"id\": \"W1\", \"name\": \"张三丰\", \"id_number\": 110102199101010078}]}";
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;

  ck_assert (!community_dataset_load_from_data (dataset, doc, -1, &error));
  community_test_assert_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_ENUM, "/workers/0/employment");
  ck_assert (strstr (error->message, "张三丰") == NULL);
  ck_assert (strstr (error->message, "11010219910101007X") == NULL);
  ck_assert (strstr (error->message, "13912345678") == NULL);
  g_clear_error (&error);

  ck_assert (!community_dataset_load_from_data (dataset, bad_type, -1, &error));
  community_test_assert_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_TYPE, "/workers/0/id_number");
  ck_assert (strstr (error->message, "110102199101010078") == NULL);
}
END_TEST

START_TEST (test_load_replaces_and_notifies)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  GListModel *grids = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_GRID);
  g_autoptr(CommunityGrid) old_grid = g_list_model_get_item (grids, 0);
  g_autoptr(GError) error = NULL;
  guint n_changes = 0;

  g_signal_connect (grids, "items-changed", G_CALLBACK (count_items_changed), &n_changes);

  ck_assert (community_dataset_load_from_data (dataset,
                                               HEAD "\"grids\": [{\"id\": \"only\", \"community\": \"c\"}]}",
                                               -1, &error));
  ck_assert_uint_eq (g_list_model_get_n_items (grids), 1);
  ck_assert_uint_eq (n_changes, 1);
  ck_assert_ptr_nonnull (community_dataset_get_grid (dataset, "only"));
  ck_assert_ptr_null (community_dataset_get_grid (dataset, "320213025005-G01"));
  ck_assert_uint_eq (g_list_model_get_n_items (community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_WORKER)), 0);
  ck_assert_ptr_null (community_dataset_get_as_of (dataset));
  /* The grid that was replaced is no longer the dataset's. */
  ck_assert_ptr_null (community_entity_get_dataset (COMMUNITY_ENTITY (old_grid)));
}
END_TEST

static Suite *
json_suite (void)
{
  Suite *suite = suite_create ("json");
  TCase *tc = tcase_create ("json");

  tcase_add_test (tc, test_sample_round_trip);
  tcase_add_test (tc, test_save_to_file_atomic);
  tcase_add_test (tc, test_unknown_members_kept);
  tcase_add_test (tc, test_timestamps_written);
  tcase_add_test (tc, test_null_is_unset);
  tcase_add_loop_test (tc, test_bad_input_refused, 0, G_N_ELEMENTS (bad_inputs));
  tcase_add_test (tc, test_missing_file);
  tcase_add_test (tc, test_errors_carry_no_personal_data);
  tcase_add_test (tc, test_load_replaces_and_notifies);
  suite_add_tcase (suite, tc);

  return suite;
}

int
main (void)
{
  return community_test_run (json_suite ());
}
