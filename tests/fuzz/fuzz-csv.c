/* fuzz-csv.c: community_csv_read() on any bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A refused file must leave the book without a sheet, with a
 * COMMUNITY_PARSE_ERROR whose message names the file first. A file that
 * reads must hold valid UTF-8 cells without U+0000, rows in increasing
 * order, and write (community_csv_write_sheet()) to CSV that reads back
 * to the same cells and writes again to the same bytes.
 */

#include <string.h>

#include "fuzz-common.h"
#include "../test-sheets.h"

static void
check_sheet (const CommunitySheet *sheet)
{
  guint32 previous_row = 0;

  for (guint i = 0; i < sheet->rows->len; i++)
    {
      const CommunitySheetRow *row = &g_array_index (sheet->rows, CommunitySheetRow, i);
      const CommunityCell *cells = community_sheet_row_cells (sheet, row);

      if (row->number <= previous_row || row->number > COMMUNITY_SHEET_MAX_ROWS || row->n_cells == 0)
        fuzz_fail ("row %u after row %u, with %u cells", row->number, previous_row, row->n_cells);
      previous_row = row->number;
      for (guint j = 0; j < row->n_cells; j++)
        {
          if (cells[j].type != COMMUNITY_CELL_STRING || cells[j].length == 0 ||
              strlen (cells[j].text) != cells[j].length ||
              !g_utf8_validate_len (cells[j].text, cells[j].length, NULL) ||
              cells[j].column >= COMMUNITY_SHEET_MAX_COLUMNS ||
              (j > 0 && cells[j].column <= cells[j - 1].column))
            fuzz_fail ("a bad cell in row %u", row->number);
        }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CommunitySheetBook) book = community_sheet_book_new ();
  g_autoptr(CommunitySheetBook) again = community_sheet_book_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) written = NULL;
  g_autoptr(GString) rewritten = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CommunitySheet *sheet;
  gboolean ok;

  fuzz_init ();

  ok = community_csv_read (book, "fuzz", "fuzz.csv", (const char *) data, size, &error);
  fuzz_check_error ("community_csv_read", ok, error, FALSE);
  if (!ok)
    {
      if (error->domain != COMMUNITY_PARSE_ERROR || !g_str_has_prefix (error->message, "fuzz.csv"))
        fuzz_fail ("a refusal that does not name the file: %s", error->message);
      if (book->sheets->len != 0)
        fuzz_fail ("a refused file left a sheet");
      return 0;
    }
  if (book->sheets->len != 1)
    fuzz_fail ("a file read into %u sheets", book->sheets->len);
  sheet = g_ptr_array_index (book->sheets, 0);
  check_sheet (sheet);

  /* What was read writes, and what was written reads back the same. */
  written = g_string_new (NULL);
  community_csv_write_sheet (sheet, written);
  ok = community_csv_read (again, "fuzz", "fuzz.csv", written->str, written->len, &error);
  fuzz_check_error ("reading a written sheet", ok, error, FALSE);
  if (!ok)
    fuzz_fail ("a written sheet does not read: %s", error->message);
  before = test_sheet_dump (sheet);
  after = test_sheet_dump (g_ptr_array_index (again->sheets, 0));
  if (strcmp (before, after) != 0)
    fuzz_fail ("a written sheet reads back different");
  rewritten = g_string_new (NULL);
  community_csv_write_sheet (g_ptr_array_index (again->sheets, 0), rewritten);
  if (!g_string_equal (written, rewritten))
    fuzz_fail ("a sheet read back writes different bytes");
  return 0;
}
