/* community-bench-csv: how fast the CSV layer of lib/sheets/ reads and writes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Until the dataset's sheet sink exists (issue 14), the CSV set of a
 * dataset is made here, flatly: one sheet per top-level array of objects,
 * a column per member path of a scalar value (nested objects as a/b, an
 * array of strings joined with ";", arrays of objects left out), row 1 the
 * paths. The cells are the dataset's own values, so sizes and contents are
 * those of a real city CSV set. Then, best of --runs each:
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
#include <json-glib/json-glib.h>
#include <community/community.h>

#include "community-sheet-book.h"
#include "community-bench-common.h"

typedef struct {
  GHashTable *columns;  /* path → column + 1 */
  guint n_columns;
} Header;

static void
flatten (CommunitySheetBook *book,
         CommunitySheet     *sheet,
         Header             *header,
         guint32             row,
         const char         *prefix,
         JsonObject         *object,
         GArray             *pending);

typedef struct {
  guint32 column;
  char *text;
} Pending;

static void
add_value (CommunitySheetBook *book,
           CommunitySheet     *sheet,
           Header             *header,
           guint32             row,
           const char         *path,
           JsonNode           *node,
           GArray             *pending)
{
  g_autofree char *text = NULL;
  Pending cell;
  gpointer column;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      flatten (book, sheet, header, row, path, json_node_get_object (node), pending);
      return;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      GString *joined = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (item) || json_node_get_value_type (item) != G_TYPE_STRING)
            {
              g_string_free (joined, TRUE);
              return;
            }
          g_string_append_printf (joined, "%s%s", i > 0 ? ";" : "", json_node_get_string (item));
        }
      text = g_string_free (joined, FALSE);
    }
  else if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        text = g_strdup (json_node_get_string (node));
      else if (type == G_TYPE_INT64)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      else if (type == G_TYPE_BOOLEAN)
        text = g_strdup (json_node_get_boolean (node) ? "true" : "false");
      else
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          text = g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
        }
    }
  if (text == NULL || *text == '\0')
    return;

  if (!g_hash_table_lookup_extended (header->columns, path, NULL, &column))
    {
      column = GUINT_TO_POINTER (++header->n_columns);
      g_hash_table_insert (header->columns, g_strdup (path), column);
    }
  cell.column = GPOINTER_TO_UINT (column) - 1;
  cell.text = g_steal_pointer (&text);
  g_array_append_val (pending, cell);
}

static void
flatten (CommunitySheetBook *book,
         CommunitySheet     *sheet,
         Header             *header,
         guint32             row,
         const char         *prefix,
         JsonObject         *object,
         GArray             *pending)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *path = prefix != NULL ? g_strconcat (prefix, "/", name, NULL) : g_strdup (name);

      add_value (book, sheet, header, row, path, node, pending);
    }
}

static gint
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  const Pending *x = a, *y = b;

  return x->column < y->column ? -1 : x->column > y->column;
}

/* The dataset's top-level arrays of objects as sheets. */
static CommunitySheetBook *
book_from_dataset (JsonObject *root)
{
  CommunitySheetBook *book = community_sheet_book_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, root);
  while (json_object_iter_next (&iter, &name, &node))
    {
      g_autofree char *file = g_strconcat (name, ".csv", NULL);
      CommunitySheet *sheet;
      JsonArray *array;
      Header header = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL), 0 };
      GHashTableIter columns;
      gpointer path, column;
      g_autoptr(GArray) names = g_array_new (FALSE, TRUE, sizeof (char *));

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          g_hash_table_unref (header.columns);
          continue;
        }
      array = json_node_get_array (node);
      sheet = community_sheet_book_add_sheet (book, name, file);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));

          if (!JSON_NODE_HOLDS_OBJECT (item))
            continue;
          flatten (book, sheet, &header, i + 2, NULL, json_node_get_object (item), pending);
          g_array_sort (pending, compare_pending);
          for (guint j = 0; j < pending->len; j++)
            {
              Pending *cell = &g_array_index (pending, Pending, j);

              community_sheet_append_cell (book, sheet, i + 2, cell->column,
                                           COMMUNITY_CELL_STRING, cell->text, -1, 0);
              g_free (cell->text);
            }
        }
      /* Row 1, the paths: after the rows in the book, so moved first. */
      g_array_set_size (names, header.n_columns);
      g_hash_table_iter_init (&columns, header.columns);
      while (g_hash_table_iter_next (&columns, &path, &column))
        g_array_index (names, char *, GPOINTER_TO_UINT (column) - 1) = path;
      {
        CommunitySheet *rest = community_sheet_book_add_sheet (book, "rest", NULL);
        CommunitySheet *whole;

        for (guint j = 0; j < header.n_columns; j++)
          community_sheet_append_cell (book, rest, 1, j, COMMUNITY_CELL_STRING,
                                       g_array_index (names, char *, j), -1, 0);
        for (guint r = 0; r < sheet->rows->len; r++)
          {
            const CommunitySheetRow *row = &g_array_index (sheet->rows, CommunitySheetRow, r);
            const CommunityCell *cells = community_sheet_row_cells (sheet, row);

            for (guint j = 0; j < row->n_cells; j++)
              community_sheet_append_cell (book, rest, row->number, cells[j].column,
                                           COMMUNITY_CELL_STRING, cells[j].text,
                                           (gssize) cells[j].length, 0);
          }
        /* @rest replaces @sheet, under its name. */
        whole = rest;
        g_free (whole->name);
        whole->name = g_strdup (sheet->name);
        whole->file = g_strdup (sheet->file);
        g_ptr_array_remove (book->sheets, sheet);
      }
      g_hash_table_unref (header.columns);
    }
  return book;
}

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
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) gb_files = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  double best_json = G_MAXDOUBLE, best_write = G_MAXDOUBLE;
  double best_read = G_MAXDOUBLE, best_gb = G_MAXDOUBLE;
  gsize csv_bytes = 0, gb_bytes = 0;
  guint rows = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || runs < 1)
    {
      g_printerr ("community-bench-csv: %s\n", error != NULL ? error->message : "one DATASET.json");
      return 2;
    }
  if (!g_file_get_contents (argv[1], &json, &json_length, &error) ||
      !json_parser_load_from_data (parser, json, (gssize) json_length, &error))
    {
      g_printerr ("community-bench-csv: %s\n", error->message);
      return 1;
    }
  book = book_from_dataset (json_node_get_object (json_parser_get_root (parser)));
  g_clear_object (&parser);

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
