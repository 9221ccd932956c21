/* community-sheet-book.c: a workbook's cells
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "community-sheet-book.h"

static void
sheet_free (gpointer data)
{
  CommunitySheet *sheet = data;

  g_free (sheet->name);
  g_free (sheet->file);
  g_array_unref (sheet->rows);
  g_array_unref (sheet->cells);
  if (sheet->strings != NULL)
    g_string_chunk_free (sheet->strings);
  g_free (sheet);
}

CommunitySheetBook *
community_sheet_book_new (void)
{
  CommunitySheetBook *book = g_new0 (CommunitySheetBook, 1);

  book->sheets = g_ptr_array_new_with_free_func (sheet_free);
  book->strings = g_string_chunk_new (64 * 1024);
  return book;
}

void
community_sheet_book_free (CommunitySheetBook *book)
{
  if (book == NULL)
    return;
  g_ptr_array_unref (book->sheets);
  g_string_chunk_free (book->strings);
  g_free (book);
}

CommunitySheet *
community_sheet_book_add_sheet (CommunitySheetBook *book,
                                const char         *name,
                                const char         *file)
{
  CommunitySheet *sheet = g_new0 (CommunitySheet, 1);

  sheet->name = g_strdup (name);
  sheet->file = g_strdup (file);
  sheet->rows = g_array_new (FALSE, FALSE, sizeof (CommunitySheetRow));
  sheet->cells = g_array_new (FALSE, FALSE, sizeof (CommunityCell));
  g_ptr_array_add (book->sheets, sheet);
  return sheet;
}

CommunitySheet *
community_sheet_book_find_sheet (CommunitySheetBook *book,
                                 const char         *name)
{
  for (guint i = 0; i < book->sheets->len; i++)
    {
      CommunitySheet *sheet = g_ptr_array_index (book->sheets, i);

      if (strcmp (sheet->name, name) == 0)
        return sheet;
    }
  return NULL;
}

void
community_sheet_own_strings (CommunitySheet *sheet)
{
  g_return_if_fail (sheet->strings == NULL && sheet->cells->len == 0);
  sheet->strings = g_string_chunk_new (64 * 1024);
}

void
community_sheet_append_cell_in_place (CommunitySheet    *sheet,
                                      guint32            row,
                                      guint32            column,
                                      CommunityCellType  type,
                                      const char        *text,
                                      gsize              length,
                                      double             number)
{
  CommunitySheetRow *last = NULL;
  CommunityCell *cell;

  if (sheet->rows->len > 0)
    last = &g_array_index (sheet->rows, CommunitySheetRow, sheet->rows->len - 1);
  g_return_if_fail (last == NULL || row >= last->number);

  if (last == NULL || last->number != row)
    {
      g_array_set_size (sheet->rows, sheet->rows->len + 1);
      last = &g_array_index (sheet->rows, CommunitySheetRow, sheet->rows->len - 1);
      *last = (CommunitySheetRow) { row, sheet->cells->len, 0 };
    }

  g_array_set_size (sheet->cells, sheet->cells->len + 1);
  cell = &g_array_index (sheet->cells, CommunityCell, sheet->cells->len - 1);
  cell->type = type;
  cell->column = column;
  cell->text = text;
  cell->length = length;
  cell->number = number;
  last->n_cells++;
}

void
community_sheet_append_cell (CommunitySheetBook *book,
                             CommunitySheet     *sheet,
                             guint32             row,
                             guint32             column,
                             CommunityCellType   type,
                             const char         *text,
                             gssize              length,
                             double              number)
{
  if (length < 0)
    length = (gssize) strlen (text);
  community_sheet_append_cell_in_place (sheet, row, column, type,
                                        g_string_chunk_insert_len (sheet->strings != NULL ? sheet->strings : book->strings,
                                                                   text, length),
                                        (gsize) length, number);
}

void
community_sheet_reserve (CommunitySheet *sheet,
                         guint           n_rows,
                         guint           n_cells)
{
  guint rows = sheet->rows->len, cells = sheet->cells->len;

  /* GArray keeps its allocation when it shrinks. */
  g_array_set_size (sheet->rows, rows + n_rows);
  g_array_set_size (sheet->rows, rows);
  g_array_set_size (sheet->cells, cells + n_cells);
  g_array_set_size (sheet->cells, cells);
}

void
community_sheet_column_name (guint32 column,
                             char    buffer[8])
{
  char reversed[8];
  guint n = 0, i;
  guint64 c = (guint64) column + 1;

  while (c > 0 && n < 7)
    {
      reversed[n++] = (char) ('A' + (c - 1) % 26);
      c = (c - 1) / 26;
    }
  for (i = 0; i < n; i++)
    buffer[i] = reversed[n - 1 - i];
  buffer[n] = '\0';
}

void
community_sheet_cell_name (guint32 row,
                           guint32 column,
                           char    buffer[24])
{
  char letters[8];

  community_sheet_column_name (column, letters);
  g_snprintf (buffer, 24, "%s%u", letters, row);
}
