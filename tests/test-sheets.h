/* test-sheets.h: a sheet of cells as one string, for the tests and fuzz
 * targets of lib/sheets/
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <string.h>

#include <glib.h>

#include "community-sheet-book.h"

/* Every stored cell of @sheet, one per line: "B7 <type> <length>:<text>",
 * in the sheet's order; two sheets hold the same cells in the same places
 * when their dumps are equal (the length makes the text unambiguous,
 * newlines included). */
static inline char *
test_sheet_dump (const CommunitySheet *sheet)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < sheet->rows->len; i++)
    {
      const CommunitySheetRow *row = &g_array_index (sheet->rows, CommunitySheetRow, i);
      const CommunityCell *cells = community_sheet_row_cells (sheet, row);

      for (guint j = 0; j < row->n_cells; j++)
        {
          char name[24];

          community_sheet_cell_name (row->number, cells[j].column, name);
          g_string_append_printf (out, "%s %d %" G_GSIZE_FORMAT ":", name,
                                  (int) cells[j].type, cells[j].length);
          g_string_append_len (out, cells[j].text, (gssize) cells[j].length);
          g_string_append_c (out, '\n');
        }
    }
  return g_string_free (out, FALSE);
}

/* The cell at @row (1-based), @column (0-based) of @sheet, or NULL. */
static inline const CommunityCell *
test_sheet_cell (const CommunitySheet *sheet,
                 guint32               row,
                 guint32               column)
{
  for (guint r = 0; r < sheet->rows->len; r++)
    {
      const CommunitySheetRow *sr = &g_array_index (sheet->rows, CommunitySheetRow, r);
      const CommunityCell *cells = community_sheet_row_cells (sheet, sr);

      if (sr->number != row)
        continue;
      for (guint i = 0; i < sr->n_cells; i++)
        if (cells[i].column == column)
          return &cells[i];
    }
  return NULL;
}

/* The cell of @sheet at @reference ("B7"), or NULL when it is empty. */
static inline const CommunityCell *
test_sheet_cell_named (const CommunitySheet *sheet,
                       const char           *reference)
{
  for (guint r = 0; r < sheet->rows->len; r++)
    {
      const CommunitySheetRow *row = &g_array_index (sheet->rows, CommunitySheetRow, r);
      const CommunityCell *cells = community_sheet_row_cells (sheet, row);

      for (guint i = 0; i < row->n_cells; i++)
        {
          char name[24];

          community_sheet_cell_name (row->number, cells[i].column, name);
          if (strcmp (name, reference) == 0)
            return &cells[i];
        }
    }
  return NULL;
}
