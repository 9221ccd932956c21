/* test-sheets.c: datasets as workbooks and CSV files, through the public API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * DOMAIN.md §9: JSON -> xlsx -> JSON and JSON -> CSV -> JSON give equal
 * datasets, unknown members included; CSV written by hand (as a person or
 * another program would) reads by member names or Chinese titles, with
 * cells read by what their field wants; a refused cell is named (sheet,
 * cell, column) with the JSON Pointer; findings on data from sheets name
 * their cell. The readers' own refusals (zip bombs, encodings, ...) are
 * tested in test-xlsx-reader.c and test-csv.c.
 */

#include <string.h>

#include "test-common.h"

static char *tmp_dir;

static void
setup (void)
{
  tmp_dir = g_dir_make_tmp ("community-sheets-XXXXXX", NULL);
  ck_assert_ptr_nonnull (tmp_dir);
}

static void
teardown (void)
{
  community_test_remove_tree (tmp_dir);
  g_clear_pointer (&tmp_dir, g_free);
}

static GFile *
tmp_file (const char *name)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  return g_file_new_for_path (path);
}

static CommunityDataset *
load_sample (void)
{
  CommunityDataset *dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;

  ck_assert_msg (community_dataset_load_from_file (dataset, SAMPLE_DATA, &error), "%s",
                 error != NULL ? error->message : "");
  return dataset;
}

/* @dataset saved as @name in @format and loaded again. */
static CommunityDataset *
round_trip (CommunityDataset       *dataset,
            const char             *name,
            CommunityDatasetFormat  format,
            CommunitySheetFlags     flags)
{
  g_autoptr(GFile) file = tmp_file (name);
  g_autoptr(GError) error = NULL;
  CommunityDataset *back = community_dataset_new ();

  ck_assert_msg (community_dataset_save_to_gfile (dataset, file, format, flags, NULL, NULL, &error),
                 "save %s: %s", name, error != NULL ? error->message : "");
  ck_assert_msg (community_dataset_load_from_gfile (back, file, COMMUNITY_DATASET_FORMAT_AUTO, NULL, &error),
                 "load %s: %s", name, error != NULL ? error->message : "");
  return back;
}

static void
assert_equal_datasets (CommunityDataset *a,
                       CommunityDataset *b)
{
  if (!community_dataset_equal (a, b))
    {
      g_autofree char *ta = community_dataset_save_to_data (a, NULL);
      g_autofree char *tb = community_dataset_save_to_data (b, NULL);
      gsize i = 0;

      while (ta[i] != '\0' && ta[i] == tb[i])
        i++;
      ck_abort_msg ("datasets differ at byte %" G_GSIZE_FORMAT ": …%.80s… vs …%.80s…",
                    i, ta + (i > 40 ? i - 40 : 0), tb + (i > 40 ? i - 40 : 0));
    }
}

/* The sample with unknown members at every level: a root member, an
 * entity's object-valued member, a nested record's, a history item's. */
static CommunityDataset *
load_sample_with_unknowns (void)
{
  g_autoptr(CommunityDataset) sample = load_sample ();
  g_autoptr(JsonNode) root = community_dataset_to_node (sample);
  JsonObject *object = json_node_get_object (root);
  JsonObject *community = json_array_get_object_element (json_object_get_array_member (object, "communities"), 0);
  JsonObject *consultation = json_array_get_object_element (json_object_get_array_member (object, "consultations"), 0);
  JsonObject *extra = json_object_new ();
  CommunityDataset *dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (object, "x_source", "民政局 2019 台账");
  json_object_set_int_member (object, "x_revision", 7);
  json_object_set_int_member (extra, "n", 3);
  json_object_set_string_member (extra, "s", "a;b");
  json_object_set_object_member (community, "x_extra", extra);
  json_object_set_string_member (community, "x_note", "临街");
  json_object_set_boolean_member (json_object_get_object_member (community, "committee"), "x_flag", TRUE);
  json_object_set_string_member (json_array_get_object_element (json_object_get_array_member (consultation, "history"), 0),
                                 "x_by", "居委会");
  ck_assert_msg (community_dataset_load_from_node (dataset, root, &error), "%s", error != NULL ? error->message : "");
  return dataset;
}

/* --- round trips --- */

START_TEST (test_round_trip_xlsx)
{
  g_autoptr(CommunityDataset) sample = load_sample_with_unknowns ();
  g_autoptr(CommunityDataset) back = round_trip (sample, "sample.xlsx", COMMUNITY_DATASET_FORMAT_AUTO,
                                                 COMMUNITY_SHEET_FLAGS_NONE);

  assert_equal_datasets (sample, back);
}
END_TEST

/* A workbook's save cancelled: G_IO_ERROR_CANCELLED, the file left as it
 * was. */
START_TEST (test_save_xlsx_cancelled)
{
  g_autoptr(CommunityDataset) sample = load_sample ();
  g_autoptr(GFile) file = tmp_file ("cancelled.xlsx");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *data = NULL;

  ck_assert (g_file_set_contents (path, "old", -1, NULL));
  g_cancellable_cancel (cancellable);
  ck_assert (!community_dataset_save_to_gfile (sample, file, COMMUNITY_DATASET_FORMAT_AUTO,
                                               COMMUNITY_SHEET_FLAGS_NONE, NULL, cancellable, &error));
  ck_assert_msg (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED), "%s", error->message);
  ck_assert (g_file_get_contents (path, &data, NULL, NULL));
  ck_assert_str_eq (data, "old");
}
END_TEST

START_TEST (test_round_trip_xlsx_titles)
{
  g_autoptr(CommunityDataset) sample = load_sample_with_unknowns ();
  g_autoptr(CommunityDataset) back = round_trip (sample, "sample-titles.xlsx", COMMUNITY_DATASET_FORMAT_XLSX,
                                                 COMMUNITY_SHEET_FLAGS_TITLES);

  assert_equal_datasets (sample, back);
}
END_TEST

START_TEST (test_round_trip_csv_folder)
{
  g_autoptr(CommunityDataset) sample = load_sample_with_unknowns ();
  g_autoptr(CommunityDataset) back = round_trip (sample, "csv", COMMUNITY_DATASET_FORMAT_CSV,
                                                 COMMUNITY_SHEET_FLAGS_NONE);
  g_autoptr(GFile) communities = tmp_file ("csv/communities.csv");

  ck_assert (g_file_query_exists (communities, NULL));
  assert_equal_datasets (sample, back);
}
END_TEST

START_TEST (test_round_trip_csv_zip_titles)
{
  g_autoptr(CommunityDataset) sample = load_sample_with_unknowns ();
  g_autoptr(CommunityDataset) back = round_trip (sample, "sample.zip", COMMUNITY_DATASET_FORMAT_AUTO,
                                                 COMMUNITY_SHEET_FLAGS_TITLES);

  assert_equal_datasets (sample, back);
}
END_TEST

START_TEST (test_round_trip_streams)
{
  g_autoptr(CommunityDataset) sample = load_sample_with_unknowns ();
  g_autoptr(CommunityDataset) back = community_dataset_new ();
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  ck_assert (community_dataset_save_to_stream_format (sample, out, COMMUNITY_DATASET_FORMAT_XLSX,
                                                      COMMUNITY_SHEET_FLAGS_NONE, NULL, NULL, &error));
  ck_assert (g_output_stream_close (out, NULL, NULL));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
  ck_assert_mem_eq (g_bytes_get_data (bytes, NULL), "PK\003\004", 4);
  in = g_memory_input_stream_new_from_bytes (bytes);
  ck_assert_msg (community_dataset_load_from_stream_format (back, in, COMMUNITY_DATASET_FORMAT_AUTO, NULL, &error),
                 "%s", error != NULL ? error->message : "");
  assert_equal_datasets (sample, back);
}
END_TEST

typedef struct {
  gboolean done;
  GError *error;
} Wait;

static void
loaded (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  Wait *wait = user_data;

  community_dataset_load_from_gfile_finish (COMMUNITY_DATASET (object), result, &wait->error);
  wait->done = TRUE;
}

static void
saved (GObject      *object,
       GAsyncResult *result,
       gpointer      user_data)
{
  Wait *wait = user_data;

  community_dataset_save_to_gfile_finish (COMMUNITY_DATASET (object), result, &wait->error);
  wait->done = TRUE;
}

START_TEST (test_async)
{
  g_autoptr(CommunityDataset) sample = load_sample ();
  g_autoptr(CommunityDataset) back = community_dataset_new ();
  g_autoptr(GFile) file = tmp_file ("async.xlsx");
  g_autofree char *cell = NULL;
  Wait wait = { FALSE, NULL };

  community_dataset_save_to_gfile_async (sample, file, COMMUNITY_DATASET_FORMAT_AUTO, COMMUNITY_SHEET_FLAGS_NONE,
                                         NULL, NULL, saved, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  ck_assert_msg (wait.error == NULL, "%s", wait.error->message);

  wait.done = FALSE;
  community_dataset_load_from_gfile_async (back, file, COMMUNITY_DATASET_FORMAT_AUTO, NULL, loaded, &wait);
  while (!wait.done)
    g_main_context_iteration (NULL, TRUE);
  ck_assert_msg (wait.error == NULL, "%s", wait.error->message);
  assert_equal_datasets (sample, back);

  /* The cells are known after an asynchronous load too. */
  cell = community_dataset_locate_cell (back, "/communities/0/code");
  ck_assert_str_eq (cell, "communities!A2");
}
END_TEST

/* --- CSV written by hand --- */

static void
write_text (const char *folder,
            const char *name,
            const char *text)
{
  g_autofree char *dir = g_build_filename (tmp_dir, folder, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_mkdir_with_parents (dir, 0755);
  ck_assert (g_file_set_contents (path, text, -1, NULL));
}

static const char divisions_csv[] =
  "code,name,level,parent\r\n"
  "320200000000,无锡市,city,\r\n"
  "320213000000,梁溪区,district,320200000000\r\n"
  "320213001000,崇安寺街道,street,320213000000\r\n";

/* Loads the CSV folder @folder; the error, if it was refused. */
static CommunityDataset *
load_folder (const char  *folder,
             GError     **error)
{
  g_autofree char *path = g_build_filename (tmp_dir, folder, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();

  if (!community_dataset_load_from_gfile (dataset, file, COMMUNITY_DATASET_FORMAT_AUTO, NULL, error))
    return NULL;
  return g_steal_pointer (&dataset);
}

START_TEST (test_csv_by_hand)
{
  g_autoptr(CommunityDataset) dataset = NULL;
  g_autoptr(GError) error = NULL;
  CommunityCommunity *community;
  CommunityWorker *worker;
  CommunityCommittee *committee;

  write_text ("hand", "divisions.csv", divisions_csv);
  /* Titles for the sheet and some columns, Chinese terms, 是/否, spaces. */
  write_text ("hand", "社区.csv",
              "社区代码,社区名称,城乡类别,街道(镇)代码,户数,committee/members,依法自治达标,service_model\n"
              "320213001001,崇安社区,城市社区,320213001000, 2500 ,7,是,居站分设\n");
  write_text ("hand", "workers.csv",
              "id,name,community,roles,employment,annual_pay_yuan,local_resident\n"
              "W1,张三,320213001001,party_secretary；committee_director,full_time,96000,FALSE\n");
  write_text ("hand", "README.txt", "not a sheet");

  dataset = load_folder ("hand", &error);
  ck_assert_msg (dataset != NULL, "%s", error != NULL ? error->message : "");

  community = COMMUNITY_COMMUNITY (community_dataset_lookup (dataset, COMMUNITY_ENTITY_KIND_COMMUNITY,
                                                             "320213001001"));
  ck_assert_ptr_nonnull (community);
  ck_assert_int_eq (community_community_get_community_kind (community), COMMUNITY_COMMUNITY_KIND_URBAN);
  ck_assert_uint_eq (community_community_get_households (community), 2500);
  committee = community_community_get_committee (community);
  ck_assert_ptr_nonnull (committee);
  ck_assert_uint_eq (community_committee_get_members (committee), 7);
  ck_assert (community_community_get_self_governance_compliant (community));
  ck_assert_int_eq (community_community_get_service_model (community), COMMUNITY_SERVICE_MODEL_SEPARATED);
  ck_assert_str_eq (community_community_get_street (community), "320213001000");

  worker = COMMUNITY_WORKER (community_dataset_lookup (dataset, COMMUNITY_ENTITY_KIND_WORKER, "W1"));
  ck_assert_ptr_nonnull (worker);
  ck_assert_uint_eq (community_worker_get_roles (worker),
                     COMMUNITY_WORKER_ROLES_PARTY_SECRETARY | COMMUNITY_WORKER_ROLES_COMMITTEE_DIRECTOR);
  ck_assert_int_eq (community_worker_get_annual_pay_yuan (worker), 96000);
  ck_assert (!community_worker_get_local_resident (worker));
}
END_TEST

/* A refused cell: its sheet, cell and column, then its JSON Pointer. */
static void
assert_refused (const char          *folder,
                CommunityParseError  code,
                const char          *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityDataset) dataset = load_folder (folder, &error);

  ck_assert_ptr_null (dataset);
  ck_assert_msg (g_error_matches (error, COMMUNITY_PARSE_ERROR, code), "%s: code %d: %s", folder,
                 error->code, error->message);
  ck_assert_msg (g_str_has_prefix (error->message, prefix), "%s: “%s” does not start with “%s”",
                 folder, error->message, prefix);
}

/* The same refusal's parts, as community_parse_error_get_sheet() and the
 * others give them, on the error and on a copy of it. */
static void
assert_located (const char *folder,
                const char *sheet,
                const char *cell,
                const char *column,
                const char *pointer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy = NULL;
  g_autoptr(CommunityDataset) dataset = load_folder (folder, &error);

  ck_assert_ptr_null (dataset);
  copy = g_error_copy (error);
  for (const GError *e = error; e != NULL; e = e == error ? copy : NULL)
    {
      ck_assert_pstr_eq (community_parse_error_get_sheet (e), sheet);
      ck_assert_pstr_eq (community_parse_error_get_cell (e), cell);
      ck_assert_pstr_eq (community_parse_error_get_column (e), column);
      ck_assert_pstr_eq (community_parse_error_get_pointer (e), pointer);
    }
}

START_TEST (test_csv_refusals)
{
  write_text ("bad-count", "divisions.csv", divisions_csv);
  write_text ("bad-count", "communities.csv",
              "code,name,kind,street,households\n"
              "320213001001,崇安社区,urban,320213001000,2500\n"
              "320213001002,新街社区,urban,320213001000,约2000\n");
  assert_refused ("bad-count", COMMUNITY_PARSE_ERROR_TYPE,
                  "communities!E3 (households): /communities/1/households: expected a non-negative integer");

  /* A code that a spreadsheet turned into a number. */
  write_text ("sci", "divisions.csv", divisions_csv);
  write_text ("sci", "communities.csv",
              "code,name,kind,street\n"
              "3.20213E+11,崇安社区,urban,320213001000\n");
  assert_refused ("sci", COMMUNITY_PARSE_ERROR_TYPE, "communities!A2 (code): /communities/0/code: expected text");

  /* A vocabulary value neither word nor term: the word is quoted. */
  write_text ("enum", "communities.csv", "code,name,kind,street\nC1,崇安社区,town,S1\n");
  assert_refused ("enum", COMMUNITY_PARSE_ERROR_ENUM, "communities!C2 (kind): /communities/0/kind: expected one of");

  /* A required member missing: the row, and the column if there is one. */
  write_text ("missing", "communities.csv", "code,name,kind,street\nC1,,urban,S1\n");
  assert_refused ("missing", COMMUNITY_PARSE_ERROR_MISSING,
                  "communities!B2 (name): /communities/0/name: the required member");

  /* A cell under no header. */
  write_text ("ragged", "communities.csv", "code,name,kind,street\nC1,崇安社区,urban,S1,extra\n");
  assert_refused ("ragged", COMMUNITY_PARSE_ERROR_MISSING, "communities!E2: ");

  /* One column twice, by its name and by its title. */
  write_text ("twice", "communities.csv", "code,社区代码\nC1,C1\n");
  assert_refused ("twice", COMMUNITY_PARSE_ERROR_DUPLICATE, "communities!B1 (code): ");

  /* A child row naming no parent. */
  write_text ("orphan", "consultations.csv", "id,community,topic,scope,method,led_by,state\n"
                                             "K1,C1,t,dispute,other,other,proposed\n");
  write_text ("orphan", "consultations_history.csv", "id,state,at\nK2,proposed,2019-03-02T09:30:00+08:00\n");
  assert_refused ("orphan", COMMUNITY_PARSE_ERROR_MISSING, "consultations_history!A2 (id): ");

  /* A path nested beyond any dataset's (and json-glib's recursion). */
  {
    GString *deep = g_string_new ("code,");

    for (guint i = 0; i < 5000; i++)
      g_string_append (deep, "a/");
    g_string_append (deep, "b\nC1,1\n");
    write_text ("deep", "communities.csv", deep->str);
    g_string_free (deep, TRUE);
    assert_refused ("deep", COMMUNITY_PARSE_ERROR_LIMIT, "communities!B1: expected a path of at most 64 members");
  }

  /* Two identities alike: the second's row. */
  write_text ("dup", "communities.csv", "code,name,kind,street\nC1,甲,urban,S1\nC1,乙,urban,S1\n");
  assert_refused ("dup", COMMUNITY_PARSE_ERROR_DUPLICATE, "communities!A3 (code): /communities/1/code: ");

  /* The parts of the messages above, from the error itself. */
  assert_located ("bad-count", "communities", "E3", "households", "/communities/1/households");
  assert_located ("sci", "communities", "A2", "code", "/communities/0/code");
  assert_located ("missing", "communities", "B2", "name", "/communities/0/name");
  assert_located ("ragged", "communities", "E2", NULL, NULL);
  assert_located ("twice", "communities", "B1", "code", NULL);
  assert_located ("deep", "communities", "B1", NULL, NULL);
  assert_located ("dup", "communities", "A3", "code", "/communities/1/code");
}
END_TEST

START_TEST (test_personal_data_not_quoted)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityDataset) dataset = NULL;

  write_text ("personal", "workers.csv", "id,name,community,annual_pay_yuan\n"
                                         "W1,张三,C1,32021319900101123X\n");
  write_text ("personal2", "workers.csv", "id,name,community,employment\n"
                                          "W1,张三,C1,13912345678\n");
  /* Row 1 holding data, not names: a header is named only when it is a
   * member's name. */
  write_text ("personal3", "workers.csv", "13912345678,13912345678\nW1,C1\n");
  write_text ("personal4", "workers.csv", "id,张三:json\nW1,{not json\n");
  dataset = load_folder ("personal3", &error);
  ck_assert_ptr_null (dataset);
  ck_assert_int_eq (error->code, COMMUNITY_PARSE_ERROR_DUPLICATE);
  ck_assert_ptr_null (strstr (error->message, "13912345678"));
  ck_assert_msg (g_str_has_prefix (error->message, "workers!B1: "), "%s", error->message);
  g_clear_error (&error);
  dataset = load_folder ("personal4", &error);
  ck_assert_ptr_null (dataset);
  ck_assert_ptr_null (strstr (error->message, "张三"));
  ck_assert_msg (g_str_has_prefix (error->message, "workers!B2: "), "%s", error->message);
  g_clear_error (&error);

  dataset = load_folder ("personal", &error);
  ck_assert_ptr_null (dataset);
  ck_assert_ptr_null (strstr (error->message, "32021319900101123X"));
  ck_assert_ptr_null (strstr (error->message, "张三"));
  g_clear_error (&error);
  dataset = load_folder ("personal2", &error);
  ck_assert_ptr_null (dataset);
  ck_assert_ptr_null (strstr (error->message, "13912345678"));
}
END_TEST

/* --- findings name their cells --- */

START_TEST (test_findings_cells)
{
  g_autoptr(CommunityDataset) sample = load_sample ();
  g_autoptr(CommunityDataset) back = round_trip (sample, "cells.xlsx", COMMUNITY_DATASET_FORMAT_XLSX,
                                                 COMMUNITY_SHEET_FLAGS_TITLES);
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
  g_autoptr(CommunityReport) report = community_validator_run (validator, back);
  g_autoptr(CommunityReport) from_json = community_validator_run (validator, sample);
  GListModel *findings = community_report_get_findings (report);
  guint with_cell = 0;
  gboolean with_leader = FALSE;

  ck_assert_uint_gt (g_list_model_get_n_items (findings), 0);
  ck_assert_uint_eq (g_list_model_get_n_items (findings),
                     g_list_model_get_n_items (community_report_get_findings (from_json)));
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (findings, i);
      g_autoptr(CommunityFinding) json_finding =
        g_list_model_get_item (community_report_get_findings (from_json), i);
      const char *cell = community_finding_get_cell (finding);

      ck_assert_ptr_null (community_finding_get_cell (json_finding));
      ck_assert_str_eq (community_finding_get_path (finding), community_finding_get_path (json_finding));
      if (cell == NULL)
        continue;
      with_cell++;
      /* Titles: the sheets are named in Chinese. */
      ck_assert_msg (strchr (cell, '!') != NULL && (guchar) cell[0] >= 0x80, "%s", cell);
      /* The sample's grid without a leader: grid 18 is row 19, and the
       * leader is the grids sheet's sixth column. */
      if (g_str_equal (community_finding_get_path (finding), "/grids/17/leader"))
        {
          ck_assert_str_eq (cell, "网格!F19");
          with_leader = TRUE;
        }
    }
  ck_assert_uint_gt (with_cell, 0);
  ck_assert (with_leader);
}
END_TEST

START_TEST (test_locate_cell)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityDataset) dataset = NULL;
  g_autofree char *households = NULL, *row = NULL, *nested = NULL, *none = NULL;

  write_text ("locate", "divisions.csv", divisions_csv);
  write_text ("locate", "communities.csv",
              "code,name,kind,street,committee/members,households\n"
              "\n"
              "320213001001,崇安社区,urban,320213001000,7,2500\n");
  dataset = load_folder ("locate", &error);
  ck_assert_msg (dataset != NULL, "%s", error != NULL ? error->message : "");

  /* The empty line 2 is no record: the record is row 3. */
  households = community_dataset_locate_cell (dataset, "/communities/0/households");
  ck_assert_str_eq (households, "communities!F3");
  nested = community_dataset_locate_cell (dataset, "/communities/0/committee/members");
  ck_assert_str_eq (nested, "communities!E3");
  row = community_dataset_locate_cell (dataset, "/communities/0/population");
  ck_assert_str_eq (row, "communities!3:3");
  none = community_dataset_locate_cell (dataset, "/communities/5/code");
  ck_assert_ptr_null (none);

  /* A JSON load forgets the cells. */
  ck_assert (community_dataset_load_from_file (dataset, SAMPLE_DATA, NULL));
  g_free (none);
  none = community_dataset_locate_cell (dataset, "/communities/0/code");
  ck_assert_ptr_null (none);
}
END_TEST

START_TEST (test_template)
{
  g_autoptr(GFile) file = tmp_file ("template.xlsx");
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityDataset) empty = community_dataset_new ();
  g_autoptr(GError) error = NULL;

  ck_assert (community_write_template (file, COMMUNITY_DATASET_FORMAT_AUTO, COMMUNITY_SHEET_FLAGS_TITLES,
                                       NULL, &error));
  /* The template loads as an empty dataset. */
  ck_assert_msg (community_dataset_load_from_gfile (dataset, file, COMMUNITY_DATASET_FORMAT_AUTO, NULL, &error),
                 "%s", error != NULL ? error->message : "");
  assert_equal_datasets (empty, dataset);
  ck_assert_int_eq (community_dataset_format_guess (file, NULL, NULL), COMMUNITY_DATASET_FORMAT_XLSX);
}
END_TEST

static Suite *
sheets_suite (void)
{
  Suite *suite = suite_create ("sheets");
  TCase *tc = tcase_create ("sheets");

  tcase_add_checked_fixture (tc, setup, teardown);
  tcase_add_test (tc, test_round_trip_xlsx);
  tcase_add_test (tc, test_round_trip_xlsx_titles);
  tcase_add_test (tc, test_save_xlsx_cancelled);
  tcase_add_test (tc, test_round_trip_csv_folder);
  tcase_add_test (tc, test_round_trip_csv_zip_titles);
  tcase_add_test (tc, test_round_trip_streams);
  tcase_add_test (tc, test_async);
  tcase_add_test (tc, test_csv_by_hand);
  tcase_add_test (tc, test_csv_refusals);
  tcase_add_test (tc, test_personal_data_not_quoted);
  tcase_add_test (tc, test_findings_cells);
  tcase_add_test (tc, test_locate_cell);
  tcase_add_test (tc, test_template);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return community_test_run (sheets_suite ());
}
