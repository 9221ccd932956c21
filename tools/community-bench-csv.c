/* community-bench-csv: how fast the CSV layer of lib/sheets/ reads and writes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The CSV set of a dataset is the one a save writes: the book the dataset's
 * sheet sink lays out (community_sheet_book_from_dataset(), DOMAIN.md §9:
 * a sheet per entity kind and per nested list, row 1 the member paths).
 * Then, best of --runs each:
 *
 *   json    community_dataset_load_from_data() on the JSON bytes (in memory);
 *   write   community_csv_write_sheet() of every sheet;
 *   read    community_csv_read() of every file's bytes (in memory), UTF-8;
 *   gb18030 the same files converted to GB18030, read (g_convert included).
 *
 *   community-bench-csv [--runs 5] [--dir DIR] DATASET.json
 *
 * With --dir, the CSV files are also written there (to look at them).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>
#include <community/community.h>

#include "community-sheet-book.h"
#include "community-sheet-writer.h"
#include "community-bench-common.h"

int
main (int    argc,
      char **argv)
{
  int runs = 5;
  g_autofree char *dir = NULL;
  GOptionEntry entries[] = {
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "best of N runs (5)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "also write the CSV files here", "DIR" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DATASET.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  gsize json_length = 0;
  g_autoptr(CommunityDataset) loaded = community_dataset_new ();
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) gb_files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  double best_json = G_MAXDOUBLE, best_write = G_MAXDOUBLE;
  double best_read = G_MAXDOUBLE, best_gb = G_MAXDOUBLE;
  gsize csv_bytes = 0, gb_bytes = 0;
  guint rows = 0;

  tool_prefer_malloc (argv);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1)
    {
      g_printerr ("community-bench-csv: %s\n", error != NULL ? error->message : "one DATASET.json");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &json, &json_length, &error) ||
      !community_dataset_load_from_data (loaded, json, (gssize) json_length, &error))
    {
      g_printerr ("community-bench-csv: %s\n", error->message);
      return 1;
    }
  book = community_sheet_book_from_dataset (loaded, NULL, COMMUNITY_SHEET_WRITE_NONE);
  g_clear_object (&loaded);
  /* Each sheet's file, as a save names it. */
  for (guint i = 0; i < book->sheets->len; i++)
    {
      CommunitySheet *sheet = g_ptr_array_index (book->sheets, i);

      if (sheet->file == NULL)
        sheet->file = g_strconcat (sheet->name, ".csv", NULL);
    }

  for (int run = 0; run < runs; run++)
    {
      g_autoptr(CommunityDataset) dataset = community_dataset_new ();
      double start = cpu_now ();

      if (!community_dataset_load_from_data (dataset, json, (gssize) json_length, &error))
        {
          g_printerr ("community-bench-csv: %s\n", error->message);
          return 1;
        }
      best_json = MIN (best_json, cpu_now () - start);
    }

  for (int run = 0; run < runs; run++)
    {
      g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      double start = cpu_now ();

      for (guint i = 0; i < book->sheets->len; i++)
        {
          GString *out = g_string_new (NULL);

          community_csv_write_sheet (g_ptr_array_index (book->sheets, i), out);
          g_ptr_array_add (written, g_string_free_to_bytes (out));
        }
      best_write = MIN (best_write, cpu_now () - start);
      if (files->len == 0)
        g_ptr_array_extend_and_steal (files, g_steal_pointer (&written));
    }

  for (guint i = 0; i < files->len; i++)
    {
      CommunitySheet *sheet = g_ptr_array_index (book->sheets, i);
      gsize length = 0;
      const char *data = g_bytes_get_data (files->pdata[i], &length);
      gsize gb_length = 0;
      char *gb = g_convert (data, (gssize) length, "GB18030", "UTF-8", NULL, &gb_length, &error);

      if (gb == NULL)
        {
          g_printerr ("community-bench-csv: %s\n", error->message);
          return 1;
        }
      g_ptr_array_add (gb_files, g_bytes_new_take (gb, gb_length));
      csv_bytes += length;
      gb_bytes += gb_length;
      if (sheet->rows->len > 0)
        rows += g_array_index (sheet->rows, CommunitySheetRow, sheet->rows->len - 1).number;
      if (dir != NULL)
        {
          g_autofree char *path = g_build_filename (dir, sheet->file, NULL);

          if (!g_file_set_contents (path, data, (gssize) length, &error))
            {
              g_printerr ("community-bench-csv: %s\n", error->message);
              return 1;
            }
        }
    }

  for (int encoding = 0; encoding < 2; encoding++)
    {
      GPtrArray *set = encoding == 0 ? files : gb_files;

      for (int run = 0; run < runs; run++)
        {
          g_autoptr(CommunitySheetBook) read = community_sheet_book_new ();
          double start = cpu_now ();
          double time;

          for (guint i = 0; i < set->len; i++)
            {
              CommunitySheet *sheet = g_ptr_array_index (book->sheets, i);
              gsize length = 0;
              const char *data = g_bytes_get_data (set->pdata[i], &length);

              if (!community_csv_read (read, sheet->name, sheet->file, data, length, &error))
                {
                  g_printerr ("community-bench-csv: %s\n", error->message);
                  return 1;
                }
            }
          time = cpu_now () - start;
          if (encoding == 0)
            best_read = MIN (best_read, time);
          else
            best_gb = MIN (best_gb, time);
        }
    }

  printf ("%s: %u sheets, %u rows; JSON %.1f MB, CSV %.1f MB (GB18030 %.1f MB); best of %d, CPU time\n",
          argv[1], book->sheets->len, rows, json_length / 1e6, csv_bytes / 1e6, gb_bytes / 1e6, runs);
  printf ("  JSON load (community_dataset_load_from_data)  %7.3f s\n", best_json);
  printf ("  CSV write (community_csv_write_sheet)         %7.3f s  %6.0f MB/s  %.2f x JSON load\n",
          best_write, csv_bytes / 1e6 / best_write, best_write / best_json);
  printf ("  CSV read, UTF-8 (community_csv_read)          %7.3f s  %6.0f MB/s  %.2f x JSON load\n",
          best_read, csv_bytes / 1e6 / best_read, best_read / best_json);
  printf ("  CSV read, GB18030 (g_convert + read)          %7.3f s  %6.0f MB/s  %.2f x JSON load\n",
          best_gb, gb_bytes / 1e6 / best_gb, best_gb / best_json);
  return 0;
}
