/* community-check.c: check a community dataset against a policy ruleset
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: community-check DATASET [--ruleset NAME|FILE]
 *                        [--format text|json|html|xlsx] [--output FILE]
 *                        [--fail-on error|warning|info|never] [--division CODE]
 *                        [--person-key-file KEYFILE]
 *
 * Loads a dataset (a file, or "-" for standard input), runs a ruleset over it
 * (wuxi-2018 unless told otherwise) and prints the report: for a person
 * (text), for a program (json, the libcommunity-report document), as a
 * self-contained web page (html) or as an Excel workbook (xlsx), on standard
 * output or in the --output file. The workbook, a binary file, is never
 * written to a terminal. The exit
 * status says whether anything at or above --fail-on was found. Findings never
 * carry personal data, and workers are never printed.
 *
 * With --person-key-file (JSON only), the report also lists the full-time
 * staff as keyed hashes of their ID numbers (HMAC-SHA-256 under the file's
 * bytes), for community-merge to find a person counted in two shards.
 */

#include <errno.h>
#include <locale.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixoutputstream.h>

#include <community/community.h>

#include "community-tool-common.h"

#define DEFAULT_RULESET "wuxi-2018"
#define STDIN_NAME "-"

typedef enum {
  FORMAT_TEXT,
  FORMAT_JSON,
  FORMAT_HTML,
  FORMAT_XLSX,
} OutputFormat;

/* The code segments PP CC DD SSS VVV end after these many digits. */
static const guint segment_ends[] = { 2, 4, 6, 9, 12 };

typedef struct {
  const char *dataset_name;   /* as given on the command line */
  CommunityDataset *dataset;
  CommunityReport *report;
  GListModel *findings;       /* the findings shown: all, or one division's */
  const char *division;       /* nullable */
  char *prefix;               /* the division's code up to its last non-zero segment */
  GBytes *person_key;         /* nullable: --person-key-file's bytes */
} Check;

/* --- small helpers --- */

/* The number of terminal columns @text takes: CJK characters take two. */
static int
display_width (const char *text)
{
  int width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c;

      /* ASCII, all paths and most ids: a column a byte. */
      if ((guchar) *p < 0x80)
        {
          width++;
          continue;
        }
      c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* Prints @text left-aligned in @width columns (printf pads bytes, not
 * columns, which misaligns Chinese). */
static void
print_spaces (int n)
{
  static const char spaces[] = "                                                                ";

  for (; n > 0; n -= (int) sizeof spaces - 1)
    fwrite (spaces, 1, MIN (n, (int) sizeof spaces - 1), stdout);
}

static void
print_padded (const char *text,
              int         width)
{
  fputs (text, stdout);
  print_spaces (width - display_width (text));
}

static void
print_right (const char *text,
             int         width)
{
  print_spaces (width - display_width (text));
  fputs (text, stdout);
}

static const char *
severity_label (CommunitySeverity severity)
{
  return community_vocabulary_get_term (COMMUNITY_TYPE_SEVERITY, severity);
}

static const char *
entity_kind_nick (CommunityEntityKind kind)
{
  GEnumClass *klass = g_type_class_ref (COMMUNITY_TYPE_ENTITY_KIND);
  GEnumValue *value = g_enum_get_value (klass, kind);

  g_type_class_unref (klass);  /* static type: the class stays */
  return value != NULL ? value->value_nick : "?";
}

/* A rule's clause, or — for a rule that cites none (ref.unresolved,
 * worker.id-number, …; the JSON report says null). */
static const char *
clause_label (const char *clause)
{
  return clause != NULL && *clause != '\0' ? clause : "—";
}

/* An indicator's title, in the language of the messages; "" for one the
 * library has no title for. */
static const char *
indicator_title (CommunityIndicatorResult *indicator)
{
  const char *title = community_indicator_result_get_title (indicator);

  return title != NULL ? title : "";
}

/* A count, a ratio's numerator or denominator: integers print as such. */
static char *
format_number (double value)
{
  char *text;
  gsize length;

  if (value == (double) (gint64) value)
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);

  /* A survey value such as 0.953: three decimals, no trailing zeros. */
  text = g_strdup_printf ("%.3f", value);
  length = strlen (text);
  while (length > 0 && text[length - 1] == '0')
    text[--length] = '\0';
  return text;
}

static char *
format_percent (double value)
{
  return g_strdup_printf ("%.1f%%", value * 100.0);
}

/* --- the division filter --- */

/* A division's code up to its last non-zero segment: 320213000000 → 320213.
 * Every division below it has a code that starts with this. */
static char *
division_prefix (const char *code)
{
  guint length = 0;
  guint start = 0;

  for (guint i = 0; i < G_N_ELEMENTS (segment_ends); i++)
    {
      for (guint j = start; j < segment_ends[i]; j++)
        if (code[j] != '0')
          {
            length = segment_ends[i];
            break;
          }
      start = segment_ends[i];
    }
  return g_strndup (code, length);
}

static gboolean
is_division_code (const char *code)
{
  if (strlen (code) != 12)
    return FALSE;
  for (const char *p = code; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
indicator_shown (Check                    *check,
                 CommunityIndicatorResult *indicator)
{
  const char *code = community_indicator_result_get_division (indicator);

  if (check->prefix == NULL)
    return TRUE;
  return g_strcmp0 (code, check->division) == 0 || g_str_has_prefix (code, check->prefix);
}

/* --- loading --- */

static GBytes *
read_stdin (GError **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  guint8 chunk[65536];
  size_t n;

  while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
    g_byte_array_append (buffer, chunk, n);
  if (ferror (stdin))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("could not read standard input"));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

static gboolean
load_dataset (CommunityDataset  *dataset,
              const char        *name,
              GError           **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (g_strcmp0 (name, STDIN_NAME) != 0)
    {
      /* JSON, a workbook, or CSV files in a folder or a zip. */
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (name);

      return community_dataset_load_from_gfile (dataset, file, COMMUNITY_DATASET_FORMAT_AUTO, NULL, error);
    }

  bytes = read_stdin (error);
  return bytes != NULL && community_dataset_load_from_bytes (dataset, bytes, error);
}

/* A ruleset argument is a file when it looks like a path, else a built-in
 * name. */
static gboolean
looks_like_path (const char *ruleset)
{
  return strchr (ruleset, G_DIR_SEPARATOR) != NULL ||
         g_str_has_suffix (ruleset, ".json") ||
         g_file_test (ruleset, G_FILE_TEST_EXISTS);
}

static char *
builtin_rulesets (void)
{
  g_auto(GStrv) names = community_ruleset_list_builtin ();

  return g_strjoinv (", ", names);
}

/* The ruleset --ruleset names (nullable: the default). An unknown built-in
 * name is a usage error, G_OPTION_ERROR_BAD_VALUE; a file that cannot be
 * read is the library's error. */
static CommunityRuleset *
load_ruleset (const char  *arg,
              GError     **error)
{
  g_auto(GStrv) builtins = NULL;
  g_autofree char *names = NULL;

  if (arg == NULL)
    return community_ruleset_new_builtin (DEFAULT_RULESET, error);
  if (looks_like_path (arg))
    return community_ruleset_new_from_file (arg, error);

  builtins = community_ruleset_list_builtin ();
  if (g_strv_contains ((const char * const *) builtins, arg))
    return community_ruleset_new_builtin (arg, error);

  names = builtin_rulesets ();
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("there is no built-in ruleset called “%s” (built-in: %s); "
                 "to use a file, give its path"),
               arg, names);
  return NULL;
}

/* --fail-on: a severity's nick, or "never". */
/* --- text output --- */

static void
print_header (Check *check)
{
  const GDate *as_of = community_dataset_get_as_of (check->dataset);
  const char *name = g_strcmp0 (check->dataset_name, STDIN_NAME) == 0
                     ? _("(standard input)") : check->dataset_name;
  char date[32] = "?";

  if (as_of != NULL && g_date_valid (as_of))
    g_snprintf (date, sizeof date, "%04u-%02u-%02u",
                g_date_get_year (as_of), g_date_get_month (as_of), g_date_get_day (as_of));

  /* TRANSLATORS: the first line of the report: the dataset file, the
   * ruleset name (e.g. wuxi-2018) and the date the data describe */
  printf (_("%s: checked against ruleset %s, data as of %s"),
          name, community_report_get_ruleset (check->report), date);
  fputc ('\n', stdout);

  if (check->division != NULL)
    {
      CommunityEntity *entity = COMMUNITY_ENTITY (community_dataset_get_division (check->dataset, check->division));
      g_autofree char *division_name = NULL;

      if (entity == NULL)
        entity = COMMUNITY_ENTITY (community_dataset_get_community (check->dataset, check->division));
      if (entity != NULL)
        g_object_get (entity, "name", &division_name, NULL);
      /* TRANSLATORS: shown when --division restricts the report; the
       * division's name and its 12-digit code */
      printf (_("Only %s (%s) and the divisions below it"),
              division_name != NULL ? division_name : "?", check->division);
      fputc ('\n', stdout);
    }
}

static void
print_totals (Check *check)
{
  guint counts[COMMUNITY_SEVERITY_ERROR + 1] = { 0, };
  guint n_items = g_list_model_get_n_items (check->findings);
  g_autofree char *errors = NULL;
  g_autofree char *warnings = NULL;
  g_autofree char *infos = NULL;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (check->findings, i);

      counts[community_finding_get_severity (finding)]++;
    }

  errors = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u error", "%u errors",
                                       counts[COMMUNITY_SEVERITY_ERROR]),
                            counts[COMMUNITY_SEVERITY_ERROR]);
  warnings = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                         counts[COMMUNITY_SEVERITY_WARNING]),
                              counts[COMMUNITY_SEVERITY_WARNING]);
  infos = g_strdup_printf (dngettext (GETTEXT_PACKAGE, "%u info", "%u infos",
                                      counts[COMMUNITY_SEVERITY_INFO]),
                           counts[COMMUNITY_SEVERITY_INFO]);

  fputc ('\n', stdout);
  /* TRANSLATORS: the totals line: "%u errors", "%u warnings", "%u infos" */
  printf (_("Totals: %s, %s, %s"), errors, warnings, infos);
  fputc ('\n', stdout);
}

/* "grid 320213021001-G01"; an entity without an id (a funding record may
 * have none, DOMAIN.md §2) is its kind alone: the path beside it says
 * which. */
static char *
subject_label (CommunityFinding *finding)
{
  const char *kind = entity_kind_nick (community_finding_get_subject_kind (finding));
  const char *id = community_finding_get_subject_id (finding);

  return id != NULL ? g_strdup_printf ("%s %s", kind, id) : g_strdup (kind);
}

static void
print_findings (Check *check)
{
  guint n_items = g_list_model_get_n_items (check->findings);
  int subject_width = 0;
  int path_width = 0;
  int cell_width = 0;

  if (n_items == 0)
    {
      fputc ('\n', stdout);
      printf ("%s\n", _("No findings: the data meet every rule that ran."));
      return;
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (check->findings, i);
      const char *id = community_finding_get_subject_id (finding);
      /* subject_label()'s length, without building it */
      int width = (int) strlen (entity_kind_nick (community_finding_get_subject_kind (finding))) +
                  (id != NULL ? 1 + (int) strlen (id) : 0);

      subject_width = MAX (subject_width, width);
      path_width = MAX (path_width, display_width (community_finding_get_path (finding)));
      if (community_finding_get_cell (finding) != NULL)
        cell_width = MAX (cell_width, display_width (community_finding_get_cell (finding)));
    }

  /* The report orders findings by rule: each rule's are consecutive. */
  for (guint i = 0; i < n_items;)
    {
      g_autoptr(CommunityFinding) first = g_list_model_get_item (check->findings, i);
      const char *rule = community_finding_get_rule (first);
      guint end = i + 1;

      while (end < n_items)
        {
          g_autoptr(CommunityFinding) next = g_list_model_get_item (check->findings, end);

          if (g_strcmp0 (community_finding_get_rule (next), rule) != 0)
            break;
          end++;
        }

      fputc ('\n', stdout);
      /* TRANSLATORS: a rule's heading: its id (e.g. grid.leader), its
       * severity, the policy clause it cites (e.g. 三(四)) and the number of
       * findings; the plural form depends on that number */
      printf (dngettext (GETTEXT_PACKAGE,
                         "%s (%s, clause %s): %u finding",
                         "%s (%s, clause %s): %u findings",
                         end - i),
              rule, severity_label (community_finding_get_severity (first)),
              clause_label (community_finding_get_clause (first)), end - i);
      fputc ('\n', stdout);

      for (; i < end; i++)
        {
          g_autoptr(CommunityFinding) finding = g_list_model_get_item (check->findings, i);
          g_autofree char *subject = subject_label (finding);
          /* Not get_message(), which keeps each message in its finding. */
          g_autofree char *message = community_finding_dup_message (finding);

          fputs ("  ", stdout);
          print_padded (subject, subject_width);
          fputs ("  ", stdout);
          print_padded (community_finding_get_path (finding), path_width);
          /* Data from a workbook: the cell, beside the path. */
          if (cell_width > 0)
            {
              fputs ("  ", stdout);
              print_padded (community_finding_get_cell (finding) != NULL ? community_finding_get_cell (finding) : "",
                            cell_width);
            }
          fputs ("  ", stdout);
          fputs (message, stdout);
          fputc ('\n', stdout);
        }
    }
}

/* The indicator blocks: the city and each district or county, in the
 * report's order; with --division, that division and every one below it. */
static void
print_indicators (Check *check)
{
  GListModel *indicators = community_report_get_indicators (check->report);
  guint n_items = g_list_model_get_n_items (indicators);
  g_autoptr(GPtrArray) divisions = g_ptr_array_new ();
  /* Each shown division's indicators, by their positions in the report:
   * one pass over them, not one per division (a province has 27,360
   * results and over a hundred districts and counties). */
  g_autoptr(GHashTable) positions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) g_array_unref);
  const char *head_indicator = _("indicator");
  const char *head_value = _("value");
  const char *head_target = _("target");
  const char *head_met = _("met");
  const char *head_ratio = _("numerator/denominator");
  int id_width = 0;
  int title_width = 0;
  int value_width = MAX (display_width (head_value), 6);
  int target_width = MAX (display_width (head_target), 8);
  int met_width = MAX (display_width (head_met), display_width (_("n/a")));

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CommunityIndicatorResult) indicator = g_list_model_get_item (indicators, i);
      const char *code = community_indicator_result_get_division (indicator);
      g_autofree char *prefix = NULL;
      GArray *at;

      if (!indicator_shown (check, indicator))
        continue;

      /* Without --division: the city and the districts and counties only. */
      prefix = division_prefix (code);
      if (check->prefix == NULL && strlen (prefix) > segment_ends[2])
        continue;

      id_width = MAX (id_width, display_width (community_indicator_result_get_id (indicator)));
      title_width = MAX (title_width, display_width (indicator_title (indicator)));
      at = g_hash_table_lookup (positions, code);
      if (at == NULL)
        {
          at = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (positions, (gpointer) code, at);
          g_ptr_array_add (divisions, (gpointer) code);
        }
      g_array_append_val (at, i);
    }

  title_width = MAX (title_width, display_width (head_indicator) - id_width - 2);

  fputc ('\n', stdout);
  if (divisions->len == 0)
    {
      printf ("%s\n", _("No indicators for this division."));
      return;
    }
  /* TRANSLATORS: the heading of the indicator section (目标任务) */
  printf ("%s\n", _("Indicators against their targets:"));

  for (guint d = 0; d < divisions->len; d++)
    {
      const char *code = divisions->pdata[d];
      GArray *at = g_hash_table_lookup (positions, code);
      CommunityDivision *division = community_dataset_get_division (check->dataset, code);
      g_autofree char *name = NULL;

      if (division != NULL)
        g_object_get (division, "name", &name, NULL);

      printf ("\n%s %s\n", name != NULL ? name : "?", code);
      printf ("  ");
      /* the id and the title, under one heading */
      print_padded (head_indicator, id_width + 2 + title_width);
      printf ("  ");
      print_right (head_value, value_width);
      printf ("  ");
      print_right (head_target, target_width);
      printf ("  ");
      print_padded (head_met, met_width);
      printf ("  %s\n", head_ratio);

      for (guint j = 0; j < at->len; j++)
        {
          g_autoptr(CommunityIndicatorResult) indicator =
            g_list_model_get_item (indicators, g_array_index (at, guint, j));
          g_autofree char *value = NULL;
          g_autofree char *target = NULL;
          g_autofree char *target_percent = NULL;
          g_autofree char *numerator = NULL;
          g_autofree char *denominator = NULL;
          gboolean applicable;
          double target_value;

          applicable = community_indicator_result_is_applicable (indicator);
          target_value = community_indicator_result_get_target (indicator);
          target_percent = format_percent (target_value);
          /* A rate cannot exceed 1: a target of 1 means all of them. A
           * monitoring indicator has no target: "—". */
          target = !community_indicator_result_has_target (indicator)
                   ? g_strdup ("—")
                   : g_strdup_printf ("%s %s", target_value >= 1.0 ? "=" : "≥", target_percent);
          value = applicable ? format_percent (community_indicator_result_get_value (indicator))
                             : g_strdup (_("n/a"));
          numerator = format_number (community_indicator_result_get_numerator (indicator));
          denominator = format_number (community_indicator_result_get_denominator (indicator));

          printf ("  ");
          print_padded (community_indicator_result_get_id (indicator), id_width);
          printf ("  ");
          print_padded (indicator_title (indicator), title_width);
          printf ("  ");
          print_right (value, value_width);
          printf ("  ");
          print_right (target, target_width);
          printf ("  ");
          print_padded (!applicable ? _("n/a")
                        : !community_indicator_result_has_target (indicator) ? "—"
                        : community_indicator_result_get_met (indicator) ? "✓" : "✗",
                        met_width);
          printf ("  %s/%s\n", numerator, denominator);
        }
    }
}

static void
print_text (Check *check)
{
  print_header (check);
  print_totals (check);
  print_findings (check);
  print_indicators (check);
}

/* --- JSON output --- */

/* The report, streamed to standard output (the --output file): the whole
 * report, or one division's (its findings, the summary counting them, its
 * indicators and those below it, then "division"), and, keyed, the
 * full-time staff (`person_key`, `persons`) for a merge of shards. */
static gboolean
print_json (Check   *check,
            GError **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  gboolean ok;

  fflush (stdout);
  stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
  if (check->person_key != NULL)
    ok = community_report_write_json_keyed (check->report, check->dataset, check->person_key,
                                            stream, NULL, error);
  else
    ok = community_report_write_json (check->report, stream, NULL, error);
  return ok && g_output_stream_write_all (stream, "\n", 1, NULL, NULL, error);
}

/* --- HTML and Excel output --- */

/* The page, to @output or (NULL) standard output. */
static gboolean
write_html (Check       *check,
            const char  *output,
            GError     **error)
{
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GFile) created = NULL;   /* a file there was not */

  if (output != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) == G_FILE_TYPE_UNKNOWN)
        created = g_object_ref (file);
      stream = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error));
      if (stream == NULL)
        return FALSE;
    }
  else
    {
      fflush (stdout);
      stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);
    }
  if (!community_report_write_html (check->report, check->dataset, stream, NULL, error) ||
      !g_output_stream_close (stream, NULL, error))
    {
      /* Closing a replacing stream cancelled leaves the old file as it
       * was; a new one g_file_replace() writes in place, and half a page
       * is deleted. */
      g_autoptr(GCancellable) abandon = g_cancellable_new ();

      g_cancellable_cancel (abandon);
      g_output_stream_close (stream, abandon, NULL);
      if (created != NULL)
        g_file_delete (created, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

/* The workbook, to @output or (NULL) standard output, which must not be a
 * terminal: community_report_write_xlsx() writes a file (the zip goes back
 * to each entry's header, which a pipe cannot), so it goes through a
 * temporary one. */
static gboolean
write_xlsx (Check       *check,
            const char  *output,
            GError     **error)
{
  g_autofree char *tmpdir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length;
  gboolean ok;

  if (output != NULL)
    return community_report_write_xlsx (check->report, check->dataset, output, error);

  tmpdir = g_dir_make_tmp ("community-check-XXXXXX", error);
  if (tmpdir == NULL)
    return FALSE;
  path = g_build_filename (tmpdir, "report.xlsx", NULL);
  ok = community_report_write_xlsx (check->report, check->dataset, path, error) &&
       g_file_get_contents (path, &data, &length, error);
  if (ok && (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (errno),
                   "%s", g_strerror (errno));
      ok = FALSE;
    }
  g_unlink (path);
  g_rmdir (tmpdir);
  return ok;
}

/* --- main --- */

static char *
option_description (void)
{
  g_autofree char *builtins = builtin_rulesets ();

  return g_strdup_printf (
    /* TRANSLATORS: the end of --help; %s lists the built-in rulesets */
    _("DATASET is a libcommunity-dataset JSON file, or “-” to read it from\n"
      "standard input.\n"
      "\n"
      "Built-in rulesets: %s. A ruleset file (libcommunity-ruleset JSON) can\n"
      "extend a built-in ruleset and change any rule or target.\n"
      "\n"
      "Exit status:\n"
      "  0  nothing at or above the --fail-on severity was found\n"
      "  1  something at or above the --fail-on severity was found\n"
      "  2  usage error, or the dataset or ruleset could not be read\n"
      "\n"
      "Findings never contain personal data, and workers are never listed.\n"),
    builtins);
}

/* Whether to free the dataset and the report before exiting: under a leak
 * checker (G_DEBUG=gc-friendly, as memory checkers want; the sanitizer
 * builds). */
static gboolean
free_at_exit (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return TRUE;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(memory_sanitizer)
  return TRUE;
#else
  return g_mem_gc_friendly;
#endif
#else
  return g_mem_gc_friendly;
#endif
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityRuleset) ruleset = NULL;
  g_autoptr(CommunityValidator) validator = NULL;
  g_autoptr(CommunityDataset) dataset = NULL;
  g_autoptr(CommunityReport) report = NULL;
  g_autoptr(CommunityReport) division_report = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autofree char *ruleset_arg = NULL;
  g_autofree char *format_arg = NULL;
  g_autofree char *output_arg = NULL;
  g_autofree char *fail_on_arg = NULL;
  g_autofree char *division_arg = NULL;
  g_autofree char *key_file_arg = NULL;
  g_autoptr(GBytes) person_key = NULL;
  g_autofree char *description = NULL;
  g_autofree char *prefix = NULL;
  g_auto(GStrv) arguments = NULL;
  gboolean version = FALSE;
  const char *prgname;
  OutputFormat format = FORMAT_TEXT;
  int fail_on = COMMUNITY_SEVERITY_ERROR;
  guint failing = 0;
  Check check = { NULL, };
  const GOptionEntry entries[] = {
    { "ruleset", 'r', 0, G_OPTION_ARG_FILENAME, &ruleset_arg,
      N_("Check against a built-in ruleset or a ruleset file (default: wuxi-2018)"),
      N_("NAME|FILE") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_arg,
      N_("Write the report as text (for a person, the default), json (the libcommunity-report document), html (a self-contained web page) or xlsx (an Excel workbook)"),
      N_("text|json|html|xlsx") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_arg,
      N_("Write the report to FILE instead of standard output (an xlsx workbook is never written to a terminal)"),
      N_("FILE") },
    { "fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on_arg,
      N_("Exit with status 1 when a finding is at least this severe (default: error)"),
      N_("error|warning|info|never") },
    { "division", 'd', 0, G_OPTION_ARG_STRING, &division_arg,
      N_("Show only the findings and indicators of this division (a 12-digit code) and the divisions below it"),
      N_("CODE") },
    { "person-key-file", 0, 0, G_OPTION_ARG_FILENAME, &key_file_arg,
      N_("List the full-time staff in the JSON report as keyed hashes (HMAC-SHA-256) of their ID numbers, under the key in KEYFILE, for community-merge"),
      N_("KEYFILE") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &arguments, NULL, NULL },
    { NULL }
  };

  tool_prefer_malloc (argv);
  context = tool_begin ("community-check", N_("DATASET"),
    N_("Checks a community dataset against a policy ruleset, by default the\n"
       "rules and 2020 targets of 无锡市《关于加强城乡社区治理与服务的实施意见》\n"
       "(wuxi-2018), and reports every finding with the clause it cites, and\n"
       "the indicators of the city and each district or county."),
    entries);
  prgname = g_get_prgname ();
  description = option_description ();
  g_option_context_set_description (context, description);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      usage_error (prgname, error->message);
      return EXIT_USAGE;
    }

  if (version)
    {
      printf ("%s %s\n", prgname, PACKAGE_VERSION);
      return EXIT_OK;
    }

  if (arguments == NULL || arguments[0] == NULL)
    {
      usage_error (prgname, _("no dataset given"));
      return EXIT_USAGE;
    }
  if (arguments[1] != NULL)
    {
      usage_error (prgname, _("only one dataset can be checked at a time"));
      return EXIT_USAGE;
    }

  if (format_arg == NULL || g_str_equal (format_arg, "text"))
    format = FORMAT_TEXT;
  else if (g_str_equal (format_arg, "json"))
    format = FORMAT_JSON;
  else if (g_str_equal (format_arg, "html"))
    format = FORMAT_HTML;
  else if (g_str_equal (format_arg, "xlsx"))
    format = FORMAT_XLSX;
  else
    {
      g_autofree char *message = g_strdup_printf (_("unknown format “%s”: use text, json, html or xlsx"), format_arg);

      usage_error (prgname, message);
      return EXIT_USAGE;
    }

  if (fail_on_arg != NULL && !parse_fail_on (fail_on_arg, &fail_on))
    {
      g_autofree char *message =
        g_strdup_printf (_("unknown severity “%s”: use error, warning, info or never"), fail_on_arg);

      usage_error (prgname, message);
      return EXIT_USAGE;
    }

  if (format == FORMAT_XLSX && output_arg == NULL && isatty (STDOUT_FILENO))
    {
      usage_error (prgname, _("an xlsx workbook is binary and is not written to a terminal: "
                              "give --output FILE or redirect standard output"));
      return EXIT_USAGE;
    }

  if (division_arg != NULL && !is_division_code (division_arg))
    {
      g_autofree char *message =
        g_strdup_printf (_("“%s” is not a division code: expected 12 digits"), division_arg);

      usage_error (prgname, message);
      return EXIT_USAGE;
    }

  if (key_file_arg != NULL)
    {
      char *contents = NULL;
      gsize length = 0;

      if (format != FORMAT_JSON || division_arg != NULL)
        {
          usage_error (prgname, _("--person-key-file needs --format json and the whole dataset (no --division)"));
          return EXIT_USAGE;
        }
      if (!g_file_get_contents (key_file_arg, &contents, &length, &error))
        {
          usage_error (prgname, error->message);
          return EXIT_USAGE;
        }
      person_key = g_bytes_new_take (contents, length);
      if (length == 0)
        {
          g_autofree char *message = g_strdup_printf (_("the key file %s is empty"), key_file_arg);

          usage_error (prgname, message);
          return EXIT_USAGE;
        }
    }

  /* The ruleset first: a bad one is found before the dataset is read. */
  ruleset = load_ruleset (ruleset_arg, &error);
  if (ruleset == NULL)
    {
      if (g_error_matches (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE))
        usage_error (prgname, error->message);
      else
        fprintf (stderr, "%s: %s\n", ruleset_arg != NULL ? ruleset_arg : DEFAULT_RULESET, error->message);
      return EXIT_USAGE;
    }

  dataset = community_dataset_new ();
  if (!load_dataset (dataset, arguments[0], &error))
    {
      fprintf (stderr, "%s: %s\n",
               g_str_equal (arguments[0], STDIN_NAME) ? _("(standard input)") : arguments[0],
               error->message);
      return EXIT_USAGE;
    }

  if (division_arg != NULL &&
      community_dataset_get_division (dataset, division_arg) == NULL &&
      community_dataset_get_community (dataset, division_arg) == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("the dataset has no division or community with the code %s"), division_arg);

      usage_error (prgname, message);
      return EXIT_USAGE;
    }

  validator = community_validator_new (ruleset);
  report = community_validator_run (validator, dataset);

  if (division_arg != NULL)
    {
      findings = community_report_filter (report, COMMUNITY_SEVERITY_INFO, NULL, NULL, division_arg);
      prefix = division_prefix (division_arg);
    }
  else
    findings = g_object_ref (community_report_get_findings (report));

  check.dataset_name = arguments[0];
  check.dataset = dataset;
  check.report = report;
  /* The page, the workbook and the JSON of one division hold only its part. */
  if (division_arg != NULL && (format == FORMAT_HTML || format == FORMAT_XLSX || format == FORMAT_JSON))
    {
      division_report = community_report_for_division (report, dataset, division_arg);
      check.report = division_report;
    }
  check.findings = findings;
  check.division = division_arg;
  check.prefix = prefix;
  check.person_key = person_key;

  /* Text and JSON print to standard output: with --output, that is the
   * file, opened only now that there is a report to write. */
  if (output_arg != NULL && (format == FORMAT_TEXT || format == FORMAT_JSON) &&
      freopen (output_arg, "w", stdout) == NULL)
    {
      fprintf (stderr, "%s: %s\n", output_arg, g_strerror (errno));
      return EXIT_USAGE;
    }

  switch (format)
    {
    case FORMAT_JSON:
      if (!print_json (&check, &error))
        {
          fprintf (stderr, "%s: %s\n", output_arg != NULL ? output_arg : prgname, error->message);
          return EXIT_USAGE;
        }
      break;
    case FORMAT_HTML:
      if (!write_html (&check, output_arg, &error))
        {
          fprintf (stderr, "%s: %s\n", output_arg != NULL ? output_arg : prgname, error->message);
          return EXIT_USAGE;
        }
      break;
    case FORMAT_XLSX:
      if (!write_xlsx (&check, output_arg, &error))
        {
          fprintf (stderr, "%s: %s\n", output_arg != NULL ? output_arg : prgname, error->message);
          return EXIT_USAGE;
        }
      break;
    case FORMAT_TEXT:
    default:
      print_text (&check);
      break;
    }

  if (fflush (stdout) != 0)
    {
      fprintf (stderr, "%s: %s\n", output_arg != NULL ? output_arg : prgname, g_strerror (errno));
      return EXIT_USAGE;
    }

  if (fail_on != FAIL_ON_NEVER)
    for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
      {
        g_autoptr(CommunityFinding) finding = g_list_model_get_item (findings, i);

        if ((int) community_finding_get_severity (finding) >= fail_on)
          failing++;
      }

  /* A province's dataset and report are some 500 MB in millions of small
   * blocks: freeing them one by one took about 0.7 s of CPU, 15 % of the
   * run (doc/performance.md, "The whole tool"), which the kernel does at
   * once. Leak checkers get everything freed. */
  if (!free_at_exit ())
    exit (failing > 0 ? EXIT_FINDINGS : EXIT_OK);   /* standard output is flushed */
  return failing > 0 ? EXIT_FINDINGS : EXIT_OK;
}
