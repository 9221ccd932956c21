/* fuzz-sheets.h: what the spreadsheet fuzz targets share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The promises of community-sheet-book.h on a book a reader returned, and
 * of the readers' errors: COMMUNITY_PARSE_ERROR, with a message.
 */

#pragma once

#include <string.h>

#include "fuzz-common.h"
#include "community-sheet-book.h"

static inline void
fuzz_check_book (CommunitySheetBook *book,
                 const GError       *error)
{
  if (book == NULL)
    {
      fuzz_check_error ("community_xlsx_read", FALSE, error, FALSE);
      if (error->domain != COMMUNITY_PARSE_ERROR)
        fuzz_fail ("an error outside COMMUNITY_PARSE_ERROR: %s", error->message);
      if (!g_utf8_validate (error->message, -1, NULL))
        fuzz_fail ("an error message that is not UTF-8");
      return;
    }
  fuzz_check_error ("community_xlsx_read", TRUE, error, FALSE);
  if (book->sheets->len > COMMUNITY_SHEET_MAX_SHEETS)
    fuzz_fail ("more than %d sheets", COMMUNITY_SHEET_MAX_SHEETS);

  for (guint s = 0; s < book->sheets->len; s++)
    {
      CommunitySheet *sheet = g_ptr_array_index (book->sheets, s);
      guint32 last_row = 0;
      guint cells = 0;

      if (sheet->name == NULL || !g_utf8_validate (sheet->name, -1, NULL))
        fuzz_fail ("a sheet's name is not UTF-8");
      if (community_sheet_book_find_sheet (book, sheet->name) != sheet)
        fuzz_fail ("two sheets share a name");
      for (guint r = 0; r < sheet->rows->len; r++)
        {
          const CommunitySheetRow *row = &g_array_index (sheet->rows, CommunitySheetRow, r);
          const CommunityCell *row_cells;
          gint64 last_column = -1;

          if (row->number <= last_row || row->number > COMMUNITY_SHEET_MAX_ROWS)
            fuzz_fail ("row %u after row %u", row->number, last_row);
          if (row->n_cells == 0 || row->first != cells)
            fuzz_fail ("row %u: its cells are not where the row says", row->number);
          last_row = row->number;
          cells += row->n_cells;
          if (cells > sheet->cells->len)
            fuzz_fail ("row %u: more cells than the sheet holds", row->number);
          row_cells = community_sheet_row_cells (sheet, row);
          for (guint c = 0; c < row->n_cells; c++)
            {
              const CommunityCell *cell = &row_cells[c];

              if ((gint64) cell->column <= last_column || cell->column >= COMMUNITY_SHEET_MAX_COLUMNS)
                fuzz_fail ("row %u: column %u after column %d", row->number,
                           cell->column, (int) last_column);
              last_column = cell->column;
              if (cell->length == 0 || strlen (cell->text) != cell->length ||
                  !g_utf8_validate (cell->text, (gssize) cell->length, NULL))
                fuzz_fail ("row %u: a cell's text is empty, not UTF-8 or holds U+0000", row->number);
              if (cell->type == COMMUNITY_CELL_DATE &&
                  !(cell->length == 10 || (cell->length == 19 && cell->text[10] == 'T')))
                fuzz_fail ("row %u: a date cell's text is not YYYY-MM-DD[THH:MM:SS]", row->number);
              if (cell->type == COMMUNITY_CELL_BOOLEAN &&
                  !(strcmp (cell->text, "TRUE") == 0 || strcmp (cell->text, "FALSE") == 0))
                fuzz_fail ("row %u: a boolean cell is neither TRUE nor FALSE", row->number);
            }
        }
      if (cells != sheet->cells->len)
        fuzz_fail ("sheet %u: cells outside its rows", s);
    }
}
