/* test-report-writers.c: the HTML and Excel reports from C: what the page
 * holds, that it is written in pieces, cancellation and write errors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The page in a browser and the workbook read back are tested in
 * tests/cli/test_report.py.
 */

#include <string.h>

#include <glib/gstdio.h>

#include "test-common.h"
#include "test-recording-stream.h"

/* --- helpers --- */

typedef struct {
  CommunityDataset *dataset;
  CommunityReport *report;
} Checked;

static Checked
check_sample (void)
{
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
  Checked checked;

  checked.dataset = community_test_load_sample ();
  checked.report = community_validator_run (validator, checked.dataset);
  return checked;
}

static void
checked_clear (Checked *checked)
{
  g_clear_object (&checked->report);
  g_clear_object (&checked->dataset);
}

static char *
html_of (Checked *checked)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  ck_assert (community_report_write_html (checked->report, checked->dataset, stream, NULL, &error));
  ck_assert_msg (error == NULL, "%s", error != NULL ? error->message : "");
  ck_assert (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));  /* nul */
  ck_assert (g_output_stream_close (stream, NULL, NULL));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static guint
count_of (const char *haystack,
          const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

/* --- tests --- */

START_TEST (test_html_contents)
{
  Checked checked = check_sample ();
  g_autofree char *html = html_of (&checked);
  GListModel *findings = community_report_get_findings (checked.report);

  ck_assert (g_str_has_prefix (html, "<!DOCTYPE html>\n<html lang=\"en\">"));
  ck_assert (g_str_has_suffix (html, "</html>\n"));
  ck_assert (g_utf8_validate (html, -1, NULL));
  /* Charts with their target lines, tables with header cells. */
  ck_assert_uint_gt (count_of (html, "<svg class=\"chart\""), 16);
  ck_assert_uint_gt (count_of (html, "<line class=\"target\""), 16);
  ck_assert_uint_gt (count_of (html, "<th scope=\"row\">"), 50);
  /* Self-contained: the only URL is SVG's namespace. */
  ck_assert_uint_eq (count_of (html, "http"), count_of (html, "http://www.w3.org/2000/svg"));
  ck_assert_uint_eq (count_of (html, "<script src"), 0);
  ck_assert_uint_eq (count_of (html, "<link"), 0);
  ck_assert_uint_eq (count_of (html, "<script"), 2);  /* the data and the code */
  /* Every finding is in the data; the clause of grid.leader is quoted. */
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *path = g_strdup_printf ("\"%s\"", community_finding_get_path (finding));

      ck_assert_msg (strstr (html, path) != NULL, "%s", path);
      ck_assert (strstr (html, community_finding_get_subject_id (finding)) != NULL);
    }
  ck_assert (strstr (html, "id=\"rule-grid.leader\"") != NULL);
  ck_assert (strstr (html, "创新网格化治理") != NULL);   /* 三(四)'s title */
  ck_assert (strstr (html, "锡山区") != NULL);
  checked_clear (&checked);
}
END_TEST

START_TEST (test_html_streams)
{
  Checked checked = check_sample ();
  g_autoptr(GOutputStream) stream = g_object_new (recording_stream_get_type (), NULL);
  RecordingStream *recording = (RecordingStream *) stream;
  g_autoptr(GError) error = NULL;
  g_autofree char *whole = html_of (&checked);

  ck_assert (community_report_write_html (checked.report, checked.dataset, stream, NULL, &error));
  ck_assert_msg (error == NULL, "%s", error != NULL ? error->message : "");
  /* The same page, in pieces of about 64 KiB, never in one. */
  ck_assert_str_eq (recording->data->str, whole);
  ck_assert_uint_gt (recording->data->len, 100000);
  ck_assert_uint_ge (recording->writes, 2);
  ck_assert_uint_lt (recording->largest, 80 * 1024);
  /* Not closed: the caller owns the stream. */
  ck_assert (!g_output_stream_is_closed (stream));
  checked_clear (&checked);
}
END_TEST

START_TEST (test_html_cancelled)
{
  Checked checked = check_sample ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  ck_assert (!community_report_write_html (checked.report, checked.dataset, stream, cancellable, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  checked_clear (&checked);
}
END_TEST

START_TEST (test_html_write_error)
{
  Checked checked = check_sample ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  ck_assert (g_output_stream_close (stream, NULL, NULL));
  ck_assert (!community_report_write_html (checked.report, checked.dataset, stream, NULL, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CLOSED));
  checked_clear (&checked);
}
END_TEST

START_TEST (test_html_empty)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
  Checked checked = { dataset, community_validator_run (validator, dataset) };
  g_autofree char *html = html_of (&checked);

  ck_assert (strstr (html, "No findings: the data meet every rule that ran.") != NULL);
  ck_assert (strstr (html, "\"findings\":[]}") != NULL);
  ck_assert (g_str_has_suffix (html, "</html>\n"));
  g_clear_object (&checked.report);
}
END_TEST

START_TEST (test_xlsx)
{
  Checked checked = check_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-report-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.xlsx", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "report.xlsx", NULL);
  g_autofree char *data = NULL;
  gsize length;

  ck_assert_msg (community_report_write_xlsx (checked.report, checked.dataset, path, &error),
                 "%s", error != NULL ? error->message : "");
  ck_assert (g_file_get_contents (path, &data, &length, NULL));
  ck_assert_uint_gt (length, 4000);
  ck_assert (memcmp (data, "PK\x03\x04", 4) == 0);   /* a zip: the workbook */

  ck_assert (!community_report_write_xlsx (checked.report, checked.dataset, bad, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_FAILED));
  ck_assert (strstr (error->message, bad) != NULL);

  g_unlink (path);
  g_rmdir (dir);
  checked_clear (&checked);
}
END_TEST

START_TEST (test_for_division)
{
  Checked checked = check_sample ();
  const char *street = "320213025000";   /* 广益街道 */
  g_autoptr(CommunityReport) part = community_report_for_division (checked.report, checked.dataset, street);
  g_autoptr(GListModel) expected = community_report_filter (checked.report, COMMUNITY_SEVERITY_INFO,
                                                            NULL, NULL, street);
  GListModel *findings = community_report_get_findings (part);
  GListModel *indicators = community_report_get_indicators (part);
  g_autoptr(CommunityReport) nowhere = community_report_for_division (checked.report, checked.dataset,
                                                                      "329999999999");

  ck_assert_uint_gt (g_list_model_get_n_items (expected), 0);
  ck_assert_uint_eq (g_list_model_get_n_items (findings), g_list_model_get_n_items (expected));
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(CommunityFinding) a = g_list_model_get_item (findings, i);
      g_autoptr(CommunityFinding) b = g_list_model_get_item (expected, i);

      ck_assert_ptr_eq (a, b);
    }
  ck_assert_uint_eq (community_report_count_at_least (part, COMMUNITY_SEVERITY_INFO),
                     g_list_model_get_n_items (findings));
  /* The street's own indicators only: a street has nothing beneath it. */
  ck_assert_uint_gt (g_list_model_get_n_items (indicators), 0);
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      g_autoptr(CommunityIndicatorResult) indicator = g_list_model_get_item (indicators, i);

      ck_assert_str_eq (community_indicator_result_get_division (indicator), street);
    }
  ck_assert_uint_eq (g_list_model_get_n_items (community_report_get_rule_results (part)),
                     g_list_model_get_n_items (community_report_get_rule_results (checked.report)));
  /* A code the dataset does not hold: nothing. */
  ck_assert_uint_eq (g_list_model_get_n_items (community_report_get_findings (nowhere)), 0);
  ck_assert_uint_eq (g_list_model_get_n_items (community_report_get_indicators (nowhere)), 0);
  checked_clear (&checked);
}
END_TEST

/* The built-in clause texts (lib/data/clauses.json) cover every clause of
 * the policy that the built-in ruleset cites. */
START_TEST (test_clauses_cover_the_ruleset)
{
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(GBytes) bytes = g_resources_lookup_data ("/org/libcommunity/data/clauses.json", 0, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_auto(GStrv) rules = community_ruleset_list_rules (ruleset);
  g_auto(GStrv) indicators = community_ruleset_list_indicators (ruleset);
  JsonObject *clauses;
  guint checked = 0;

  ck_assert_ptr_nonnull (bytes);
  ck_assert (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  clauses = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "clauses");
  for (guint kind = 0; kind < 2; kind++)
    for (char **id = kind == 0 ? rules : indicators; *id != NULL; id++)
      {
        const char *cited = kind == 0 ? community_ruleset_get_rule_clause (ruleset, *id)
                                      : community_ruleset_get_indicator_clause (ruleset, *id);
        g_auto(GStrv) names = g_strsplit (cited != NULL ? cited : "", ",", -1);

        for (guint i = 0; names[i] != NULL; i++)
          {
            const char *name = g_strstrip (names[i]);
            JsonObject *clause;

            /* §1 is DOMAIN.md's, not the policy's. */
            if (*name == '\0' || g_str_has_prefix (name, "§"))
              continue;
            ck_assert_msg (json_object_has_member (clauses, name), "%s cites %s", *id, name);
            clause = json_object_get_object_member (clauses, name);
            ck_assert_uint_gt (strlen (json_object_get_string_member (clause, "text")), 5);
            checked++;
          }
      }
  ck_assert_uint_gt (checked, 40);
}
END_TEST

int
main (void)
{
  Suite *s = suite_create ("report-writers");
  TCase *tc = tcase_create ("core");

  tcase_add_test (tc, test_html_contents);
  tcase_add_test (tc, test_html_streams);
  tcase_add_test (tc, test_html_cancelled);
  tcase_add_test (tc, test_html_write_error);
  tcase_add_test (tc, test_html_empty);
  tcase_add_test (tc, test_xlsx);
  tcase_add_test (tc, test_clauses_cover_the_ruleset);
  tcase_add_test (tc, test_for_division);
  suite_add_tcase (s, tc);
  return community_test_run (s);
}
