/* test-report-stream.c: the report's JSON written to a stream
 * (community_report_write_json()) against the in-memory tree path
 * (json-glib's generator over community_report_to_json(), through
 * community_json_generate()), byte for byte; and the HTML page's numbers
 * and data, which it formats by hand, against the shared helpers
 *
 * Internal: linked with the library's objects, to build findings with any
 * strings and values (community_finding_new()).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "test-common.h"
#include "test-recording-stream.h"

#include "community-report-private.h"
#include "json/community-json-private.h"
#include "report/community-report-writer-private.h"
#include "sheets/community-zip.h"

/* --- the comparison --- */

/* The report through the tree and json-glib's generator. */
static char *
tree_text (CommunityReport *report,
           gsize           *length)
{
  g_autoptr(JsonNode) root = community_report_to_json (report);

  return community_json_generate (root, length);
}

/* @text with ".0" after every exponent ("e-300.0" → "e-300"), counted in
 * @n_fixed. */
static char *
drop_exponent_zeros (const char *text,
                     guint      *n_fixed)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; )
    {
      const char *q = p + 2;

      if (p[0] == 'e' && (p[1] == '-' || p[1] == '+') && g_ascii_isdigit (*q))
        {
          while (g_ascii_isdigit (*q))
            q++;
          g_string_append_len (out, p, q - p);
          if (q[0] == '.' && q[1] == '0' && !g_ascii_isdigit (q[2]))
            {
              (*n_fixed)++;
              q += 2;
            }
          p = q;
        }
      else
        g_string_append_c (out, *p++);
    }
  return g_string_free (out, FALSE);
}

/* Writes @report to a stream and checks it against the tree's text and
 * community_report_to_data(), byte for byte; returns the stream. Where
 * json-glib writes a double without a '.' it appends ".0" even after an
 * exponent ("1e-300.0", no JSON): the text writes the number alone, and
 * @n_exponents says how many such doubles the report holds. */
static RecordingStream *
assert_streams_as_tree (CommunityReport *report,
                        guint            n_exponents)
{
  g_autoptr(RecordingStream) stream = recording_stream_new (G_MAXSIZE);
  g_autoptr(GError) error = NULL;
  g_autofree char *tree = NULL;
  g_autofree char *fixed = NULL;
  g_autofree char *data = NULL;
  gsize tree_length, data_length;
  guint n_fixed = 0;

  ck_assert (community_report_write_json (report, G_OUTPUT_STREAM (stream), NULL, &error));
  ck_assert_ptr_null (error);

  tree = tree_text (report, &tree_length);
  fixed = drop_exponent_zeros (tree, &n_fixed);
  ck_assert_uint_eq (n_fixed, n_exponents);
  ck_assert_uint_eq (strlen (fixed), stream->data->len);
  ck_assert_msg (memcmp (fixed, stream->data->str, stream->data->len) == 0,
                 "the streamed report differs from the tree's");

  data = community_report_to_data (report, &data_length);
  ck_assert_uint_eq (data_length, stream->data->len);
  ck_assert (memcmp (data, stream->data->str, data_length) == 0);

  /* Strict JSON, which the library's own tokenizer takes. */
  ck_assert_msg (community_json_guard (data, data_length, &error), "%s",
                 error != NULL ? error->message : "");
  return g_steal_pointer (&stream);
}

static CommunityReport *
validate (CommunityDataset *dataset)
{
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);

  return community_validator_run (validator, dataset);
}

START_TEST (test_sample)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityReport) report = validate (dataset);
  g_autoptr(RecordingStream) stream = assert_streams_as_tree (report, 0);

  ck_assert_uint_eq (g_list_model_get_n_items (community_report_get_findings (report)), 9);
  /* A small report is one write. */
  ck_assert_uint_eq (stream->writes, 1);
}
END_TEST

START_TEST (test_generated)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_generated (400, 7);
  g_autoptr(CommunityReport) report = validate (dataset);

  g_object_unref (assert_streams_as_tree (report, 0));
  ck_assert_uint_gt (g_list_model_get_n_items (community_report_get_findings (report)), 500);
}
END_TEST

START_TEST (test_division)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityReport) report = validate (dataset);
  g_autoptr(CommunityReport) part = community_report_for_division (report, dataset, "320213025000");
  g_autoptr(JsonNode) root = community_report_to_json (part);
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GList) members = json_object_get_members (object);

  g_object_unref (assert_streams_as_tree (part, 0));
  ck_assert_str_eq (json_object_get_string_member (object, "division"), "320213025000");
  ck_assert_str_eq (g_list_last (members)->data, "division");
  {
    g_autoptr(JsonNode) whole = community_report_to_json (report);

    ck_assert (!json_object_has_member (json_node_get_object (whole), "division"));
  }
}
END_TEST

/* Strings a JSON writer can get wrong. */
static const char * const odd_strings[] = {
  "plain",
  "quote \" and backslash \\ and slash /",
  "controls \x01\x02\b\f\n\r\t\x1f and DEL \x7f",
  "line separator \xe2\x80\xa8 paragraph separator \xe2\x80\xa9",
  "non-BMP \xf0\x9f\x98\x80 \xf0\xa0\x80\x80 and 社区",
  "",
  "\\u0000 not an escape",
};

static JsonNode *
odd_value (guint i)
{
  JsonNode *node = json_node_alloc ();

  switch (i % 12)
    {
    case 0: return json_node_init_double (node, 0.1);
    case 1: return json_node_init_double (node, 1e-300);   /* json-glib: "1e-300.0" */
    case 2: return json_node_init_int (node, G_GINT64_CONSTANT (9007199254740993));
    case 3: return json_node_init_int (node, G_MININT64);
    case 4: return json_node_init_double (node, 12345678901234567890.0);
    case 5: return json_node_init_string (node, odd_strings[i % G_N_ELEMENTS (odd_strings)]);
    case 6: return json_node_init_null (node);
    case 7: return json_node_init_boolean (node, i % 2);
    case 8:
      {
        JsonObject *object = json_object_new ();
        JsonArray *array = json_array_new ();

        json_object_set_string_member (object, odd_strings[i % G_N_ELEMENTS (odd_strings)], "key");
        json_object_set_double_member (object, "ratio", -2.5);
        json_array_add_int_element (array, G_MAXINT64);
        json_array_add_double_element (array, 3.0);
        json_array_add_null_element (array);
        json_array_add_array_element (array, json_array_new ());
        json_array_add_object_element (array, json_object_new ());
        json_object_set_array_member (object, "list", array);
        json_object_set_object_member (object, "empty", json_object_new ());
        json_node_init_object (node, object);   /* takes a reference */
        json_object_unref (object);
        return node;
      }
    case 9:
      {
        JsonArray *empty = json_array_new ();

        json_node_init_array (node, empty);
        json_array_unref (empty);
        return node;
      }
    case 10: return json_node_init_double (node, -0.0);
    default: return json_node_init_double (node, 1.0 / 3.0);
    }
}

/* A report of @n findings with odd strings and values, a null clause or
 * subject id now and then, cells, shortfalls. */
static CommunityReport *
odd_report (guint n)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *rules = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *indicators = g_ptr_array_new_with_free_func (g_object_unref);

  g_ptr_array_add (rules, community_rule_result_new ("grid.leader", "三(一)", COMMUNITY_SEVERITY_ERROR,
                                                     n, n, 0));
  g_ptr_array_add (rules, community_rule_result_new ("worker.pay", NULL, COMMUNITY_SEVERITY_WARNING,
                                                     0, 0, 1));
  g_ptr_array_add (indicators, community_indicator_result_new ("grid.coverage", "320200000000",
                                                               1, 3, 0.1));
  g_ptr_array_add (indicators, community_indicator_result_new ("worker.ratio", "320213000000",
                                                               0, 0, 1e-300));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *message = g_strdup_printf ("finding %u: %s", i,
                                                  odd_strings[i % G_N_ELEMENTS (odd_strings)]);
      g_autofree char *path = g_strdup_printf ("/grids/%u/leader", i);
      g_autofree char *id = g_strdup_printf ("G%06u%s", i, odd_strings[(i / 3) % G_N_ELEMENTS (odd_strings)]);
      CommunityFinding *finding;

      finding = community_finding_new (g_intern_static_string (i % 2 ? "grid.leader" : "worker.pay"),
                                       i % 3 ? COMMUNITY_SEVERITY_ERROR : COMMUNITY_SEVERITY_WARNING,
                                       i % 5 ? g_intern_static_string ("三(一)") : NULL,
                                       COMMUNITY_ENTITY_KIND_GRID,
                                       i % 7 ? id : NULL,
                                       path, message, NULL,
                                       i % 11 ? odd_value (i) : NULL,
                                       odd_value (i + 5),
                                       i % 4 ? 0.0 : (i % 8 ? 0.1 : 1e-300));
      if (i % 2 == 0)
        community_finding_take_cell (finding, g_strdup_printf ("网格!F%u", i + 2));
      g_ptr_array_add (findings, finding);
    }
  return community_report_new ("wuxi-2018", findings, rules, indicators);
}

/* How many doubles json-glib writes with an exponent and no '.' in
 * odd_report (@n). */
static guint
odd_exponents (guint n)
{
  guint count = 1;   /* the second indicator's target */

  for (guint i = 0; i < n; i++)
    {
      if (i % 11 && i % 12 == 1)
        count++;   /* expected */
      if ((i + 5) % 12 == 1)
        count++;   /* actual */
      if (i % 4 == 0 && i % 8 == 0)
        count++;   /* shortfall */
    }
  return count;
}

START_TEST (test_odd_values)
{
  g_autoptr(CommunityReport) report = odd_report (200);
  g_autoptr(RecordingStream) stream = assert_streams_as_tree (report, odd_exponents (200));
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *findings;
  guint n_cells = 0, n_null_ids = 0, n_null_clauses = 0;

  /* What was written reads back as it was. */
  ck_assert (json_parser_load_from_data (parser, stream->data->str,
                                         stream->data->len, &error));
  findings = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "findings");
  ck_assert_uint_eq (json_array_get_length (findings), 200);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (community_report_get_findings (report), i);
      g_autoptr(JsonNode) node = community_finding_to_json (finding);

      ck_assert (json_node_equal (json_array_get_element (findings, i), node));
    }
  for (guint i = 0; i < 200; i++)
    {
      JsonObject *object = json_array_get_object_element (findings, i);
      g_autoptr(GList) members = json_object_get_members (object);

      /* "cell" right after "path", where there is one. */
      if (json_object_has_member (object, "cell"))
        {
          n_cells++;
          ck_assert_str_eq (g_list_nth_data (members, 4), "path");
          ck_assert_str_eq (g_list_nth_data (members, 5), "cell");
        }
      n_null_ids += json_node_is_null (json_object_get_member (json_object_get_object_member (object, "subject"), "id"));
      n_null_clauses += json_node_is_null (json_object_get_member (object, "clause"));
    }
  ck_assert_uint_eq (n_cells, 100);
  ck_assert_uint_gt (n_null_ids, 0);
  ck_assert_uint_gt (n_null_clauses, 0);
}
END_TEST

/* Enough findings for several chunks: each write stays near a megabyte. */
START_TEST (test_many_findings)
{
  g_autoptr(CommunityReport) report = odd_report (30000);
  g_autoptr(RecordingStream) stream = assert_streams_as_tree (report, odd_exponents (30000));

  ck_assert_uint_gt (stream->data->len, 4 << 20);
  ck_assert_uint_ge (stream->writes, 4);
  ck_assert_uint_lt (stream->largest, (1 << 20) + (64 << 10));
}
END_TEST

START_TEST (test_failing_stream)
{
  g_autoptr(CommunityReport) small = odd_report (50);
  g_autoptr(CommunityReport) large = odd_report (20000);
  gsize fail_after[] = { 0, 100, 1 << 20, 3 << 20 };

  for (guint i = 0; i < G_N_ELEMENTS (fail_after); i++)
    {
      g_autoptr(RecordingStream) stream = recording_stream_new (fail_after[i]);
      g_autoptr(GError) error = NULL;

      ck_assert (!community_report_write_json (i < 2 ? small : large, G_OUTPUT_STREAM (stream),
                                               NULL, &error));
      ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE));
      ck_assert_uint_le (stream->data->len, fail_after[i]);
    }
}
END_TEST

START_TEST (test_cancelled)
{
  g_autoptr(CommunityReport) report = odd_report (4000)   /* over a megabyte: cancelled at the first chunk */;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(RecordingStream) stream = recording_stream_new (G_MAXSIZE);
  g_autoptr(GError) error = NULL;

  gsize length;
  g_autofree char *data = community_report_to_data (report, &length);

  ck_assert_ptr_nonnull (data);
  ck_assert_uint_gt (length, 1 << 20);
  g_cancellable_cancel (cancellable);
  ck_assert (!community_report_write_json (report, G_OUTPUT_STREAM (stream), cancellable, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert_uint_eq (stream->data->len, 0);
}
END_TEST

START_TEST (test_keyed)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityReport) report = validate (dataset);
  g_autoptr(GBytes) key = g_bytes_new_static ("secret", 6);
  g_autoptr(RecordingStream) stream = recording_stream_new (G_MAXSIZE);
  g_autoptr(GOutputStream) persons = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint = community_report_key_fingerprint (key);
  g_autofree char *data = community_report_to_data (report, NULL);
  g_autofree char *expected = NULL;

  ck_assert (community_report_write_json_keyed (report, dataset, key, G_OUTPUT_STREAM (stream),
                                                NULL, &error));
  ck_assert (community_report_write_keyed_persons (dataset, key, persons, NULL, &error));
  ck_assert (g_output_stream_write_all (persons, "", 1, NULL, NULL, &error));
  /* The report's text, its object left open, then the two members. */
  data[strlen (data) - 2] = '\0';   /* "\n}" */
  expected = g_strdup_printf ("%s,\n  \"person_key\" : \"%s\",\n  \"persons\" : %s\n}", data,
                              fingerprint,
                              (char *) g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (persons)));
  ck_assert_uint_eq (stream->data->len, strlen (expected));
  ck_assert (memcmp (stream->data->str, expected, strlen (expected)) == 0);
  ck_assert (community_json_guard (expected, -1, &error));

  /* A stream failing in the persons. */
  {
    g_autoptr(RecordingStream) failing = recording_stream_new (strlen (data) + 10);
    g_autoptr(GError) full = NULL;

    ck_assert (!community_report_write_json_keyed (report, dataset, key, G_OUTPUT_STREAM (failing),
                                                   NULL, &full));
    ck_assert (g_error_matches (full, G_IO_ERROR, G_IO_ERROR_NO_SPACE));
  }
}
END_TEST


/* The HTML page formats its numbers by hand, for speed: each percentage,
 * numerator and denominator, and each finding's values in the data, must
 * be what community_report_percent() and community_report_value_text()
 * make of them (ties of a tenth of a per cent, fractions, huge values,
 * odd strings, the extreme integers, -0.0). */
START_TEST (test_html_numbers)
{
  static const double fractions[][2] = {
    { 1, 400 }, { 3, 400 }, { 1, 3 }, { 2, 3 }, { 1, 8 }, { 5, 8 }, { 999, 1000 },
    { 9995, 10000 }, { 2.5, 10 }, { 1, 1 }, { 0, 5 }, { 7, 2000 }, { 1, 1e9 },
    { 123456789, 1000 }, { 1e16, 3 }, { 1, 0 },
  };
  g_autoptr(CommunityReport) odd = odd_report (200);
  GListModel *odd_findings = community_report_get_findings (odd);
  g_autoptr(CommunityReport) report = NULL;
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *rules = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *indicators = g_ptr_array_new_with_free_func (g_object_unref);
  const char *html, *data, *end;
  JsonArray *rows;

  for (guint i = 0; i < g_list_model_get_n_items (odd_findings); i++)
    g_ptr_array_add (findings, g_list_model_get_item (odd_findings, i));
  g_ptr_array_add (rules, community_rule_result_new ("grid.leader", "三(一)", COMMUNITY_SEVERITY_ERROR,
                                                     0, 0, 0));
  for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
    {
      g_autofree char *code = g_strdup_printf ("3202%08u", i);

      g_ptr_array_add (indicators, community_indicator_result_new ("grid.coverage", code, fractions[i][0],
                                                                   fractions[i][1], 0.0025));
    }
  report = community_report_new_sorted ("wuxi-2018", findings, rules, indicators);

  ck_assert (community_report_write_html (report, dataset, stream, NULL, &error));
  ck_assert_msg (error == NULL, "%s", error != NULL ? error->message : "");
  ck_assert (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));  /* nul */
  ck_assert (g_output_stream_close (stream, NULL, NULL));
  html = g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream));

  /* The target, each division's bar and its row of the table. */
  {
    g_autofree char *percent = community_report_percent (0.0025);
    g_autofree char *target = g_strdup_printf ("<span class=\"muted\">target ≥ %s</span>", percent);

    ck_assert_str_eq (percent, "0.2%");   /* 0.25: a tie, to even */
    ck_assert_msg (strstr (html, target) != NULL, "%s", target);
  }
  for (guint i = 0; i < G_N_ELEMENTS (fractions); i++)
    {
      g_autoptr(CommunityIndicatorResult) result =
        g_list_model_get_item (community_report_get_indicators (report), i);
      const char *code = community_indicator_result_get_division (result);
      g_autoptr(JsonNode) numerator = json_node_init_double (json_node_alloc (), fractions[i][0]);
      g_autoptr(JsonNode) denominator = json_node_init_double (json_node_alloc (), fractions[i][1]);
      g_autofree char *num = community_report_value_text (numerator);
      g_autofree char *den = community_report_value_text (denominator);
      g_autofree char *cells = g_strdup_printf ("<td class=\"num\">%s/%s</td></tr>", num, den);

      ck_assert_msg (strstr (html, cells) != NULL, "%s", cells);
      if (community_indicator_result_is_applicable (result))
        {
          g_autofree char *percent = community_report_percent (community_indicator_result_get_value (result));
          g_autofree char *bar = g_strdup_printf ("<title>%s: %s</title>", code, percent);
          g_autofree char *row = g_strdup_printf ("<code>%s</code></th><td class=\"num\">%s</td>", code, percent);

          ck_assert_msg (strstr (html, bar) != NULL, "%s", bar);
          ck_assert_msg (strstr (html, row) != NULL, "%s", row);
        }
    }

  /* Every finding's strings and values in the data, as the helpers make
   * them. */
  data = strstr (html, "<script type=\"application/json\" id=\"report-data\">");
  ck_assert (data != NULL);
  data = strchr (data, '>') + 1;
  end = strstr (data, "</script>");
  ck_assert (end != NULL);
  ck_assert (json_parser_load_from_data (parser, data, end - data, &error));
  rows = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "findings");
  ck_assert_uint_eq (json_array_get_length (rows), findings->len);
  for (guint i = 0; i < findings->len; i++)
    {
      CommunityFinding *finding = findings->pdata[i];
      JsonArray *row = json_array_get_array_element (rows, i);
      g_autofree char *expected = community_report_value_text (community_finding_get_expected (finding));
      g_autofree char *actual = community_report_value_text (community_finding_get_actual (finding));
      const char *strings[] = { community_finding_get_subject_id (finding), community_finding_get_path (finding),
                                community_finding_get_message (finding), expected, actual };

      ck_assert_int_eq (json_array_get_int_element (row, 1), community_finding_get_severity (finding));
      for (guint n = 0; n < G_N_ELEMENTS (strings); n++)
        {
          JsonNode *node = json_array_get_element (row, 3 + n);

          if (strings[n] == NULL)
            ck_assert (json_node_is_null (node));
          else
            ck_assert_str_eq (json_node_get_string (node), strings[n]);
        }
    }
}
END_TEST

/* The inflated part @name of the workbook at @path. */
static GBytes *
workbook_part (const char *path,
               const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
  g_autoptr(CommunityZip) zip = NULL;
  GBytes *part;

  ck_assert_msg (file != NULL, "%s", error != NULL ? error->message : "");
  zip = community_zip_open (g_mapped_file_get_contents (file), g_mapped_file_get_length (file), &error);
  ck_assert (zip != NULL);
  part = community_zip_read (zip, name, &error);
  ck_assert_msg (part != NULL, "%s: %s", name, error != NULL ? error->message : "missing");
  return part;
}

/* A workbook with findings for several chunks of rows (512 each), looked
 * up in turn and made by whichever of two threads takes them: its sheets
 * and shared strings are those of the workbook made on one
 * (COMMUNITY_XLSX_THREADS=1), one row per finding. */
START_TEST (test_xlsx_threads)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_generated (2600, 3);
  g_autoptr(CommunityReport) report = validate (dataset);
  g_autofree char *dir = g_dir_make_tmp ("test-report-xlsx-XXXXXX", NULL);
  g_autofree char *one = g_build_filename (dir, "one.xlsx", NULL);
  g_autofree char *two = g_build_filename (dir, "two.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  guint n_findings = g_list_model_get_n_items (community_report_get_findings (report));
  const char *const parts[] = { "xl/worksheets/sheet3.xml", "xl/sharedStrings.xml", "xl/worksheets/sheet2.xml" };

  ck_assert_uint_gt (n_findings, 4096 + 512);
  g_setenv ("COMMUNITY_XLSX_THREADS", "1", TRUE);
  ck_assert_msg (community_report_write_xlsx (report, dataset, one, &error), "%s", error ? error->message : "");
  g_setenv ("COMMUNITY_XLSX_THREADS", "2", TRUE);
  ck_assert_msg (community_report_write_xlsx (report, dataset, two, &error), "%s", error ? error->message : "");
  g_unsetenv ("COMMUNITY_XLSX_THREADS");
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      g_autoptr(GBytes) a = workbook_part (one, parts[i]);
      g_autoptr(GBytes) b = workbook_part (two, parts[i]);

      ck_assert_msg (g_bytes_equal (a, b), "%s differs", parts[i]);
      if (i == 0)
        {
          gsize length;
          const char *xml = g_bytes_get_data (a, &length);
          guint rows = 0;

          for (const char *p = xml; (p = g_strstr_len (p, xml + length - p, "<row ")) != NULL; p++)
            rows++;
          ck_assert_uint_eq (rows, n_findings + 1);
        }
    }
  g_unlink (one);
  g_unlink (two);
  g_rmdir (dir);
}
END_TEST

/* A workbook whose findings sheet has rows that cannot be written (a
 * subject id that is not UTF-8) in two chunks of its six: whichever thread
 * made them, the write fails with the first such row's cell, and nothing
 * is left at the path. */
START_TEST (test_xlsx_chunk_failure)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autofree char *dir = g_dir_make_tmp ("test-report-xlsx-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.xlsx", NULL);
  const char *const threads[] = { "1", "2" };
  g_autoptr(CommunityReport) report = NULL;
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);
  const guint n = 3000, bad[] = { 1800, 2600 };

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *id = g_strdup_printf (i == bad[0] || i == bad[1] ? "G%06u\xff" : "G%06u", i);
      g_autofree char *item_path = g_strdup_printf ("/grids/%06u/leader", i);

      g_ptr_array_add (findings, community_finding_new (g_intern_static_string ("grid.leader"),
                                                        COMMUNITY_SEVERITY_ERROR, NULL,
                                                        COMMUNITY_ENTITY_KIND_GRID, id, item_path,
                                                        "a message", NULL, NULL, NULL, 0.0));
    }
  report = community_report_new_sorted ("wuxi-2018", findings, g_ptr_array_new_with_free_func (g_object_unref),
                                        g_ptr_array_new_with_free_func (g_object_unref));

  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      g_autoptr(GError) error = NULL;

      g_setenv ("COMMUNITY_XLSX_THREADS", threads[t], TRUE);
      ck_assert (!community_report_write_xlsx (report, dataset, path, &error));
      ck_assert (error != NULL);
      /* The header is row 1: finding i is in row i + 2; the id in E. */
      ck_assert_msg (g_str_has_prefix (error->message, "findings!E1802: "), "%s", error->message);
      ck_assert_msg (!g_file_test (path, G_FILE_TEST_EXISTS), "a failed workbook was left at %s", path);
    }
  g_unsetenv ("COMMUNITY_XLSX_THREADS");
  g_rmdir (dir);
}
END_TEST

/* An expected or actual value that is an object or an array, as the
 * reports write it (community_report_value_text(), the library's compact
 * JSON): json_to_string()'s text, but for the doubles json-glib writes
 * with ".0" after an exponent. */
START_TEST (test_compact_values)
{
  static const char *const values[] = {
    "{\"min\":2000,\"max\":3000}",
    "[1,2.5,-3,true,false,null,\"x\"]",
    "{}", "[]", "[[],{},[{}]]",
    "{\"a\":{\"b\":[{\"c\":\"d\\\"e\\\\f\\n\\u0001\\u007f\"}]},\"社区\":\"é 😀\"}",
    "{\"big\":12345678901234,\"small\":0.1,\"third\":0.3333333333333333}",
    "{\"exp\":1e+20,\"tiny\":1e-300}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autoptr(JsonNode) node = json_from_string (values[i], NULL);
      g_autofree char *ours = community_report_value_text (node);
      g_autofree char *glib = json_to_string (node, FALSE);
      g_autofree char *expected = NULL;
      g_autoptr(GString) scratch = g_string_new ("left over");
      guint n_fixed = 0;

      ck_assert (node != NULL);
      expected = drop_exponent_zeros (glib, &n_fixed);
      ck_assert_msg (strcmp (ours, expected) == 0, "%s: %s, not %s", values[i], ours, expected);
      ck_assert_uint_eq (n_fixed, (i == G_N_ELEMENTS (values) - 1 ? 2u : 0u));
      ck_assert_str_eq (community_report_value_view (node, scratch), ours);
    }
}
END_TEST

/* --- messages made from a format --- */

/* Two reports of the same findings: one whose messages are made from
 * their format when read (community_finding_new() with a format, as the
 * rules make most), one whose messages are text. */
static void
format_reports (const char * const *ids,
                guint               n_ids,
                const char         *format,
                CommunityReport   **made,
                CommunityReport   **written)
{
  GPtrArray *findings[2];

  for (guint r = 0; r < 2; r++)
    {
      findings[r] = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < n_ids; i++)
        {
          g_autofree char *path = g_strdup_printf ("/grids/%u/leader", i);
          g_autoptr(GString) message = g_string_new (format);
          const char *rule = g_intern_static_string ("grid.leader");

          g_string_replace (message, "%s", ids[i], 1);
          g_ptr_array_add (findings[r],
                           community_finding_new (rule, COMMUNITY_SEVERITY_ERROR, NULL,
                                                  COMMUNITY_ENTITY_KIND_GRID, ids[i], path,
                                                  r == 0 ? NULL : message->str, r == 0 ? format : NULL,
                                                  NULL, NULL, 0));
        }
    }
  *made = community_report_new ("wuxi-2018", findings[0], g_ptr_array_new (), g_ptr_array_new ());
  *written = community_report_new ("wuxi-2018", findings[1], g_ptr_array_new (), g_ptr_array_new ());
}

static gpointer
read_message (gpointer finding)
{
  return (gpointer) community_finding_get_message (finding);
}

START_TEST (test_message_from_format)
{
  g_autofree char *long_id = g_strnfill (700, 'G');
  const char *ids[] = { "G1", "G%d%s%%", "网格 07", "", NULL };
  const char *format = "Grid %s has no leader (网格长)";
  g_autoptr(CommunityReport) made = NULL;
  g_autoptr(CommunityReport) written = NULL;
  g_autoptr(RecordingStream) made_json = NULL;
  g_autoptr(RecordingStream) written_json = NULL;
  g_autoptr(RecordingStream) made_html = recording_stream_new (G_MAXSIZE);
  g_autoptr(RecordingStream) written_html = recording_stream_new (G_MAXSIZE);
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  GListModel *findings;

  /* One conversion, a %s: nothing else is made from a format. */
  ck_assert (community_finding_format_takes_id ("%s"));
  ck_assert (community_finding_format_takes_id (format));
  ck_assert (!community_finding_format_takes_id ("Grid %d"));
  ck_assert (!community_finding_format_takes_id ("Grid %s of %s"));
  ck_assert (!community_finding_format_takes_id ("100%% of grid %s"));
  ck_assert (!community_finding_format_takes_id ("Grid %"));
  ck_assert (!community_finding_format_takes_id ("no conversion"));

  /* An id longer than the writers' buffers, and ids with conversions of
   * their own, which are not read as any. */
  ids[G_N_ELEMENTS (ids) - 1] = long_id;
  format_reports (ids, G_N_ELEMENTS (ids), format, &made, &written);
  findings = community_report_get_findings (made);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (findings, i);
      g_autoptr(CommunityFinding) other = g_list_model_get_item (community_report_get_findings (written), i);
      g_autofree char *expected = g_strdup_printf ("Grid %s has no leader (网格长)", ids[i]);
      g_autofree char *dup = community_finding_dup_message (finding);
      g_autofree char *property = NULL;
      g_autoptr(JsonNode) made_node = community_finding_to_json (finding);
      g_autoptr(JsonNode) written_node = community_finding_to_json (other);
      const char *message;

      g_object_get (finding, "message", &property, NULL);
      ck_assert_str_eq (dup, expected);
      ck_assert_str_eq (property, expected);
      ck_assert_str_eq (community_finding_get_subject_id (finding), ids[i]);
      ck_assert_str_eq (community_finding_get_path (finding), community_finding_get_path (other));
      ck_assert (json_node_equal (made_node, written_node));
      /* Made once, then the same string every time. */
      message = community_finding_get_message (finding);
      ck_assert_str_eq (message, expected);
      ck_assert_ptr_eq (community_finding_get_message (finding), message);
      ck_assert_ptr_ne (dup, message);
    }

  /* Read for the first time on several threads at once: one string. */
  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(CommunityReport) fresh = NULL;
      g_autoptr(CommunityReport) unused = NULL;
      g_autoptr(CommunityFinding) finding = NULL;
      GThread *threads[4];
      gpointer seen[4];

      format_reports (ids, 1, format, &fresh, &unused);
      finding = g_list_model_get_item (community_report_get_findings (fresh), 0);
      for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
        threads[t] = g_thread_new ("message", read_message, finding);
      for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
        seen[t] = g_thread_join (threads[t]);
      for (guint t = 1; t < G_N_ELEMENTS (threads); t++)
        ck_assert_ptr_eq (seen[t], seen[0]);
      ck_assert_str_eq (seen[0], "Grid G1 has no leader (网格长)");
    }

  /* The reports write the same bytes either way. */
  made_json = assert_streams_as_tree (made, 0);
  written_json = assert_streams_as_tree (written, 0);
  ck_assert_str_eq (made_json->data->str, written_json->data->str);
  ck_assert_msg (community_report_write_html (made, dataset, G_OUTPUT_STREAM (made_html), NULL, &error),
                 "%s", error != NULL ? error->message : "");
  ck_assert (community_report_write_html (written, dataset, G_OUTPUT_STREAM (written_html), NULL, &error));
  ck_assert_uint_gt (made_html->data->len, 0);
  ck_assert_str_eq (made_html->data->str, written_html->data->str);
}
END_TEST

/* --- the findings' order --- */

typedef struct {
  guint rule;            /* its place in the results; 0: a rule they do not name */
  const char *path;
  const char *id;
  guint made;            /* the order it was made in */
} OrderCase;

static int
compare_cases (gconstpointer a,
               gconstpointer b)
{
  const OrderCase *x = a, *y = b;
  int cmp;

  if (x->rule != y->rule)
    return x->rule < y->rule ? -1 : 1;
  if ((cmp = g_strcmp0 (x->path, y->path)) != 0)
    return cmp;
  if ((cmp = g_strcmp0 (x->id, y->id)) != 0)
    return cmp;
  return x->made < y->made ? -1 : x->made > y->made;   /* stable */
}

/* community_report_new() orders findings by their rule's place in the
 * results, then path (as strings: "/grids/10" before "/grids/9"), then
 * subject id, keeping the order they came in otherwise: findings that come
 * rule by rule (a validator's) and findings in any order. */
START_TEST (test_findings_order)
{
  static const char *const rules[] = { "worker.pay", "grid.leader", "grid.coverage" };
  static const char *const paths[] = { "/grids/9/leader", "/grids/10/leader", "/grids/1", "/grids/9/leader" };
  static const char *const ids[] = { "G2", "G1", NULL };

  for (guint grouped = 0; grouped < 2; grouped++)
    {
      GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);
      GPtrArray *results = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GArray) cases = g_array_new (FALSE, FALSE, sizeof (OrderCase));
      g_autoptr(CommunityReport) report = NULL;
      GListModel *list;

      /* The results name the second and third rules, in this order. */
      g_ptr_array_add (results, community_rule_result_new ("grid.coverage", NULL, COMMUNITY_SEVERITY_ERROR, 0, 0, 0));
      g_ptr_array_add (results, community_rule_result_new ("grid.leader", NULL, COMMUNITY_SEVERITY_ERROR, 0, 0, 0));
      for (guint n = 0; n < 60; n++)
        {
          /* Rule by rule in the results' order (worker.pay, then
           * grid.coverage, then grid.leader), or round and round. */
          guint r = grouped ? (guint[]) { 0, 2, 1 }[n / 20] : n % 3;
          OrderCase c = { r == 0 ? 0 : r == 1 ? 2 : 1, paths[(n * 7) % 4], ids[(n * 5) % 3], n };
          g_autofree char *message = g_strdup_printf ("%u", n);

          g_array_append_val (cases, c);
          g_ptr_array_add (findings, community_finding_new (g_intern_string (rules[r]), COMMUNITY_SEVERITY_ERROR,
                                                            NULL, COMMUNITY_ENTITY_KIND_GRID, c.id, c.path,
                                                            message, NULL, NULL, NULL, 0));
        }
      report = community_report_new ("wuxi-2018", findings, results, g_ptr_array_new ());
      g_array_sort (cases, compare_cases);
      list = community_report_get_findings (report);
      ck_assert_uint_eq (g_list_model_get_n_items (list), cases->len);
      for (guint i = 0; i < cases->len; i++)
        {
          g_autoptr(CommunityFinding) finding = g_list_model_get_item (list, i);
          g_autofree char *made = g_strdup_printf ("%u", g_array_index (cases, OrderCase, i).made);

          ck_assert_str_eq (community_finding_get_message (finding), made);
        }
    }
}
END_TEST

static Suite *
report_stream_suite (void)
{
  Suite *s = suite_create ("report-stream");
  TCase *tc = tcase_create ("report-stream");

  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_sample);
  tcase_add_test (tc, test_generated);
  tcase_add_test (tc, test_division);
  tcase_add_test (tc, test_odd_values);
  tcase_add_test (tc, test_many_findings);
  tcase_add_test (tc, test_failing_stream);
  tcase_add_test (tc, test_cancelled);
  tcase_add_test (tc, test_keyed);
  tcase_add_test (tc, test_message_from_format);
  tcase_add_test (tc, test_findings_order);
  tcase_add_test (tc, test_html_numbers);
  tcase_add_test (tc, test_compact_values);
  tcase_add_test (tc, test_xlsx_threads);
  tcase_add_test (tc, test_xlsx_chunk_failure);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return community_test_run (report_stream_suite ());
}
