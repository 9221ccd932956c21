/* sheet-writer-dump.c: a JSON dataset written as .xlsx by the sheet writer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   sheet-writer-dump [--titles] IN.json OUT.xlsx
 *   sheet-writer-dump [--titles] --template OUT.xlsx
 *   sheet-writer-dump --bench ROUNDS IN.json OUT.xlsx
 *
 * The first two forms are what tests/python/test_sheet_writer.py reads
 * back with openpyxl. --bench is the writer's benchmark (doc/performance.md):
 * it loads IN.json once, then, ROUNDS times, saves it as JSON text
 * (community_dataset_save_to_file()), lays it out as a book and writes the
 * book as .xlsx, and prints the best wall-clock and CPU time of each step.
 */

#include <stdlib.h>
#include <time.h>
#include <string.h>

#include <glib/gstdio.h>
#include <community/community.h>

#include "community-sheet-writer.h"

static gboolean
write_bytes (const char *path,
             GBytes     *bytes,
             GError    **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_file_set_contents (path, data, length, error);
}

/* The process's CPU time, all threads. */
static double
cpu_seconds (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

static int
bench (guint       rounds,
       const char *in,
       const char *out)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json_out = g_strconcat (out, ".json", NULL);
  double best_json = G_MAXDOUBLE, best_book = G_MAXDOUBLE, best_xlsx = G_MAXDOUBLE;
  double cpu_json = G_MAXDOUBLE, cpu_book = G_MAXDOUBLE, cpu_xlsx = G_MAXDOUBLE;
  guint rows = 0;

  if (!community_dataset_load_from_file (dataset, in, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(CommunitySheetBook) book = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gint64 t0, t1, t2, t3;
      double c0, c1, c2, c3;

      t0 = g_get_monotonic_time ();
      c0 = cpu_seconds ();
      if (!community_dataset_save_to_file (dataset, json_out, &error))
        break;
      t1 = g_get_monotonic_time ();
      c1 = cpu_seconds ();
      book = community_sheet_book_from_dataset (dataset, NULL, COMMUNITY_SHEET_WRITE_NONE);
      t2 = g_get_monotonic_time ();
      c2 = cpu_seconds ();
      bytes = community_xlsx_write (book, COMMUNITY_SHEET_WRITE_NONE, NULL, &error);
      if (bytes == NULL || !write_bytes (out, bytes, &error))
        break;
      t3 = g_get_monotonic_time ();
      c3 = cpu_seconds ();
      best_json = MIN (best_json, (t1 - t0) / 1e6);
      best_book = MIN (best_book, (t2 - t1) / 1e6);
      best_xlsx = MIN (best_xlsx, (t3 - t2) / 1e6);
      cpu_json = MIN (cpu_json, c1 - c0);
      cpu_book = MIN (cpu_book, c2 - c1);
      cpu_xlsx = MIN (cpu_xlsx, c3 - c2);
      rows = 0;
      for (guint i = 0; i < book->sheets->len; i++)
        rows += ((CommunitySheet *) g_ptr_array_index (book->sheets, i))->rows->len;
    }
  g_unlink (json_out);
  if (error != NULL)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  g_print ("rows %u\njson save %.3f s\nbook %.3f s\nxlsx write %.3f s\nbook + xlsx %.3f s (%.2f x json)\n",
           rows, best_json, best_book, best_xlsx, best_book + best_xlsx,
           (best_book + best_xlsx) / best_json);
  g_print ("CPU: json save %.3f s, book %.3f s, xlsx write %.3f s, book + xlsx %.3f s (%.2f x json)\n",
           cpu_json, cpu_book, cpu_xlsx, cpu_book + cpu_xlsx, (cpu_book + cpu_xlsx) / cpu_json);
  return 0;
}

int
main (int    argc,
      char **argv)
{
  CommunitySheetWriteFlags flags = COMMUNITY_SHEET_WRITE_NONE;
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  int i = 1;

  if (argc == 5 && strcmp (argv[1], "--bench") == 0)
    return bench (MAX (1, atoi (argv[2])), argv[3], argv[4]);
  if (i < argc && strcmp (argv[i], "--titles") == 0)
    {
      flags |= COMMUNITY_SHEET_WRITE_TITLES;
      i++;
    }
  if (argc - i == 2 && strcmp (argv[i], "--template") == 0)
    book = community_sheet_book_template (flags);
  else if (argc - i == 2)
    {
      g_autoptr(CommunityDataset) dataset = community_dataset_new ();

      if (!community_dataset_load_from_file (dataset, argv[i], &error))
        {
          g_printerr ("%s\n", error->message);
          return 2;
        }
      book = community_sheet_book_from_dataset (dataset, NULL, flags);
    }
  else
    {
      g_printerr ("usage: %s [--titles] (IN.json | --template) OUT.xlsx\n"
                  "       %s --bench ROUNDS IN.json OUT.xlsx\n", argv[0], argv[0]);
      return 2;
    }
  bytes = community_xlsx_write (book, flags, NULL, &error);
  if (bytes == NULL || !write_bytes (argv[i + 1], bytes, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  return 0;
}
