/* community-bench-report: how long a report takes to write, per format
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Loads and validates one dataset, then writes its report as JSON (what
 * `community-check --format json -o FILE` writes:
 * community_report_write_json() to a file stream), as HTML (community_report_write_html() to a file stream)
 * and as an Excel workbook (community_report_write_xlsx()), round after
 * round, and prints the best wall-clock and CPU time of each, the size of
 * each file, and each format's time over the JSON report's
 * (doc/performance.md, "Reports").
 *
 *   community-gen --scale province -o province.json
 *   community-bench-report province.json [--runs 3] [--dir DIR] [--ruleset FILE]
 *
 * --ruleset checks against a ruleset file instead of the built-in wuxi-2018
 * (tools/bench-report-many.json turns the province's 52,538 findings into
 * 200,000 and more).
 */

#include <stdio.h>

#include <glib/gstdio.h>

#include <community/community.h>

#include "community-bench-common.h"

typedef enum { FORMAT_JSON, FORMAT_HTML, FORMAT_XLSX, N_FORMATS } Format;

static const char *const format_names[N_FORMATS] = { "json", "html", "xlsx" };

static gboolean
write_report (Format             format,
              CommunityReport   *report,
              CommunityDataset  *dataset,
              const char        *path,
              GError           **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;

  if (format == FORMAT_XLSX)
    return community_report_write_xlsx (report, dataset, path, error);

  file = g_file_new_for_path (path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (format == FORMAT_JSON
      ? !community_report_write_json (report, G_OUTPUT_STREAM (stream), NULL, error)
      : !community_report_write_html (report, dataset, G_OUTPUT_STREAM (stream), NULL, error))
    return FALSE;
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *dir = NULL;
  g_autofree char *only = NULL;
  g_autofree char *ruleset_file = NULL;
  int runs = 3;
  GOptionEntry entries[] = {
    { "ruleset", 0, 0, G_OPTION_ARG_FILENAME, &ruleset_file, "check against this ruleset file (default: the built-in wuxi-2018)", "FILE" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "time only this format (json, html or xlsx), for profiling", "FORMAT" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "rounds; the best counts (default 3)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "where to write the reports (default: a temporary directory)", "DIR" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DATASET - time writing a report as JSON, HTML and xlsx");
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityRuleset) ruleset = NULL;
  g_autoptr(CommunityValidator) validator = NULL;
  g_autoptr(CommunityReport) report = NULL;
  double wall[N_FORMATS], cpu[N_FORMATS];
  goffset bytes[N_FORMATS] = { 0, };
  gboolean temporary = FALSE;

  tool_prefer_malloc (argv);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1)
    {
      g_printerr ("community-bench-report: %s\n", error != NULL ? error->message : "give one dataset");
      return 2;
    }
  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("community-bench-report-XXXXXX", &error);
      if (dir == NULL)
        {
          g_printerr ("community-bench-report: %s\n", error->message);
          return 1;
        }
      temporary = TRUE;
    }
  else
    g_mkdir_with_parents (dir, 0755);

  if (!community_dataset_load_from_file (dataset, argv[1], &error))
    {
      g_printerr ("community-bench-report: %s: %s\n", argv[1], error->message);
      return 1;
    }
  ruleset = ruleset_file != NULL ? community_ruleset_new_from_file (ruleset_file, &error)
                                 : community_ruleset_new_builtin ("wuxi-2018", &error);
  if (ruleset == NULL)
    {
      g_printerr ("community-bench-report: %s\n", error->message);
      return 1;
    }
  validator = community_validator_new (ruleset);
  report = community_validator_run (validator, dataset);

  /* Round by round, every format in each round: the machine's speed
   * drifts, and the ratios compare formats. */
  for (int r = 0; r < runs; r++)
    for (Format f = 0; f < N_FORMATS; f++)
      {
        g_autofree char *name = g_strdup_printf ("report.%s", format_names[f]);
        g_autofree char *path = g_build_filename (dir, name, NULL);
        gint64 t = g_get_monotonic_time ();
        double c = cpu_now ();
        double w;
        GStatBuf st;

        if (only != NULL && !g_str_equal (only, format_names[f]))
          {
            wall[f] = cpu[f] = 1;
            continue;
          }
        if (!write_report (f, report, dataset, path, &error))
          {
            g_printerr ("community-bench-report: %s: %s\n", path, error->message);
            return 1;
          }
        w = (g_get_monotonic_time () - t) / 1e6;
        c = cpu_now () - c;
        wall[f] = r == 0 ? w : MIN (wall[f], w);
        cpu[f] = r == 0 ? c : MIN (cpu[f], c);
        if (g_stat (path, &st) == 0)
          bytes[f] = st.st_size;
        g_printerr ("run %d: %s %.3f s (cpu %.3f)\n", r + 1, format_names[f], w, c);
        if (temporary)
          g_unlink (path);
      }
  if (temporary)
    g_rmdir (dir);

  printf ("\n%s: %u findings, %u indicator results; best of %d\n\n", argv[1],
          g_list_model_get_n_items (community_report_get_findings (report)),
          g_list_model_get_n_items (community_report_get_indicators (report)), runs);
  printf ("| format | file MB | wall s | CPU s | wall / JSON's | CPU / JSON's |\n");
  printf ("| --- | ---: | ---: | ---: | ---: | ---: |\n");
  for (Format f = 0; f < N_FORMATS; f++)
    printf ("| %s | %.1f | %.3f | %.3f | %.2f | %.2f |\n", format_names[f], bytes[f] / 1e6,
            wall[f], cpu[f], wall[f] / wall[FORMAT_JSON], cpu[f] / cpu[FORMAT_JSON]);
  return 0;
}
