/* community-bench-sheets: a dataset's workbook and CSV against its JSON
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Saves one dataset as JSON, as an .xlsx workbook and as a .zip of CSV
 * files, then loads each back, round after round, through the public API
 * a user calls (community_dataset_save_to_gfile() and
 * community_dataset_load_from_gfile()), and prints the best wall-clock and
 * CPU time of each, with each one's ratio to the JSON save or load
 * (doc/performance.md, "Spreadsheets"; issue 14's target: a city workbook
 * reads, and writes, in at most twice the JSON's time).
 *
 *   community-gen --scale city -o city.json
 *   community-bench-sheets city.json [--runs 5]
 */

#include <stdio.h>

#include <glib/gstdio.h>

#include <community/community.h>

#include "community-bench-common.h"

typedef enum { FORM_JSON, FORM_XLSX, FORM_CSV, N_FORMS } Form;

static const char *const form_names[N_FORMS] = { "json", "xlsx", "csv (zip)" };
static const char *const form_files[N_FORMS] = { "dataset.json", "dataset.xlsx", "dataset.zip" };
static const CommunityDatasetFormat form_formats[N_FORMS] = {
  COMMUNITY_DATASET_FORMAT_JSON, COMMUNITY_DATASET_FORMAT_XLSX, COMMUNITY_DATASET_FORMAT_CSV,
};

int
main (int    argc,
      char **argv)
{
  int runs = 5;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "rounds; the best counts (default 5)", "N" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DATASET - time a dataset's workbook and CSV against its JSON");
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autofree char *dir = NULL;
  double save_wall[N_FORMS], save_cpu[N_FORMS], load_wall[N_FORMS], load_cpu[N_FORMS];
  goffset bytes[N_FORMS] = { 0, };
  guint rows = 0;

  tool_prefer_malloc (argv);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1)
    {
      g_printerr ("community-bench-sheets: %s\n", error != NULL ? error->message : "give one dataset");
      return 2;
    }
  if (!community_dataset_load_from_file (dataset, argv[1], &error))
    {
      g_printerr ("community-bench-sheets: %s: %s\n", argv[1], error->message);
      return 1;
    }
  for (guint k = 0; k < COMMUNITY_N_ENTITY_KINDS; k++)
    rows += g_list_model_get_n_items (community_dataset_get_items (dataset, k));
  dir = g_dir_make_tmp ("community-bench-sheets-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("community-bench-sheets: %s\n", error->message);
      return 1;
    }

  /* Round by round, every form in each round: the machine's speed drifts,
   * and the ratios compare forms. */
  for (int r = 0; r < runs; r++)
    for (Form f = 0; f < N_FORMS; f++)
      {
        g_autofree char *path = g_build_filename (dir, form_files[f], NULL);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autoptr(CommunityDataset) back = community_dataset_new ();
        gint64 t = g_get_monotonic_time ();
        double c = cpu_now (), w;
        GStatBuf st;

        if (!community_dataset_save_to_gfile (dataset, file, form_formats[f], COMMUNITY_SHEET_FLAGS_NONE,
                                              NULL, NULL, &error))
          {
            g_printerr ("community-bench-sheets: %s: %s\n", path, error->message);
            return 1;
          }
        w = (g_get_monotonic_time () - t) / 1e6;
        c = cpu_now () - c;
        save_wall[f] = r == 0 ? w : MIN (save_wall[f], w);
        save_cpu[f] = r == 0 ? c : MIN (save_cpu[f], c);
        if (g_stat (path, &st) == 0)
          bytes[f] = st.st_size;

        t = g_get_monotonic_time ();
        c = cpu_now ();
        if (!community_dataset_load_from_gfile (back, file, form_formats[f], NULL, &error))
          {
            g_printerr ("community-bench-sheets: %s: %s\n", path, error->message);
            return 1;
          }
        w = (g_get_monotonic_time () - t) / 1e6;
        c = cpu_now () - c;
        load_wall[f] = r == 0 ? w : MIN (load_wall[f], w);
        load_cpu[f] = r == 0 ? c : MIN (load_cpu[f], c);
        if (r == 0 && !community_dataset_equal (dataset, back))
          {
            g_printerr ("community-bench-sheets: %s does not load back equal\n", form_names[f]);
            return 1;
          }
        g_printerr ("run %d: %s save %.3f s, load %.3f s\n", r + 1, form_names[f], save_wall[f], load_wall[f]);
        g_unlink (path);
      }
  g_rmdir (dir);

  printf ("\n%s: %u records; best of %d\n\n", argv[1], rows, runs);
  printf ("| form | file MB | save wall s | save CPU s | save / JSON's (wall, CPU) | load wall s | load CPU s | load / JSON's (wall, CPU) |\n");
  printf ("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  for (Form f = 0; f < N_FORMS; f++)
    printf ("| %s | %.1f | %.3f | %.3f | %.2f, %.2f | %.3f | %.3f | %.2f, %.2f |\n", form_names[f], bytes[f] / 1e6,
            save_wall[f], save_cpu[f], save_wall[f] / save_wall[FORM_JSON], save_cpu[f] / save_cpu[FORM_JSON],
            load_wall[f], load_cpu[f], load_wall[f] / load_wall[FORM_JSON], load_cpu[f] / load_cpu[FORM_JSON]);
  return 0;
}
