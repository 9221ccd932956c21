/* test-xlsx-stream.c: the streaming .xlsx writer (lib/sheets/community-xlsx-stream.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What it writes is read back through the library's own reader
 * (community_xlsx_read()) cell for cell: escaping, numbers, booleans,
 * empty cells, several sheets, and a 200,000-row sheet written with
 * bounded memory (tagged "slow": the test xlsx-stream-slow, out of
 * valgrind). Built against the library's internals
 * (community_internal_dep, lib/meson.build).
 *
 * Run as "test-xlsx-stream --write FILE", it writes the showcase workbook
 * that tests/python/test_xlsx_stream.py reads with openpyxl (comments,
 * lists, frozen rows, autofilter, formats).
 */

#include "config.h"

#include <float.h>
#include <math.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#include "test-common.h"
#include "test-sheets.h"

#include "community-number-private.h"
#include "community-sheet-book.h"
#include "community-xlsx-stream.h"
#include "community-zip.h"

static CommunityXlsxCell
text_cell (const char *text)
{
  return (CommunityXlsxCell) { COMMUNITY_XLSX_STRING, COMMUNITY_XLSX_STYLE_NONE, text, 0 };
}

static CommunityXlsxCell
number_cell (double number)
{
  return (CommunityXlsxCell) { COMMUNITY_XLSX_NUMBER, COMMUNITY_XLSX_STYLE_NONE, NULL, number };
}

static CommunityXlsxCell
boolean_cell (gboolean value)
{
  return (CommunityXlsxCell) { COMMUNITY_XLSX_BOOLEAN, COMMUNITY_XLSX_STYLE_NONE, NULL, value };
}

static void
write_row (CommunityXlsxStream     *stream,
           guint32                  row,
           const CommunityXlsxCell *cells,
           guint                    n_cells)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (community_xlsx_stream_write_row (stream, row, cells, n_cells, &error),
                 "%s", error != NULL ? error->message : "");
}

static GBytes *
finish (CommunityXlsxStream *stream)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes = NULL;

  ck_assert_msg (community_xlsx_stream_finish (stream, &bytes, &error),
                 "%s", error != NULL ? error->message : "");
  ck_assert (bytes != NULL);
  return bytes;
}

static CommunitySheetBook *
read_back (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);
  CommunitySheetBook *book = community_xlsx_read (data, length, &error);

  ck_assert_msg (book != NULL, "%s", error != NULL ? error->message : "");
  return book;
}

static const char *const hard_texts[] = {
  "a & b < c > d \" e ' f",
  "<t>not markup</t>]]>",
  "控制\001字符\037 and \177",
  "_x0041_ stays text, as does _x005F_",
  "_x00",                       /* not a whole escape */
  "tab\tnew\nline\r\nreturn\r",
  "  leading and trailing  ",
  "\357\277\276 and \357\277\277",  /* U+FFFE and U+FFFF */
  "社区 😀 ﬁ",
  "\"",
  "_",
};

/* Strings come back as they went, through the reader's unescaping. */
START_TEST (test_escaping)
{
  g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(GError) error = NULL;
  CommunityXlsxCell cells[G_N_ELEMENTS (hard_texts)];
  CommunitySheet *sheet;

  ck_assert (community_xlsx_stream_add_sheet (stream, "text & <more>", &error));
  for (guint i = 0; i < G_N_ELEMENTS (hard_texts); i++)
    cells[i] = text_cell (hard_texts[i]);
  write_row (stream, 0, cells, G_N_ELEMENTS (cells));
  /* One text a row too, in the text style. */
  for (guint i = 0; i < G_N_ELEMENTS (hard_texts); i++)
    {
      CommunityXlsxCell cell = text_cell (hard_texts[i]);

      cell.style = COMMUNITY_XLSX_STYLE_TEXT;
      write_row (stream, i + 1, &cell, 1);
    }
  bytes = finish (stream);
  book = read_back (bytes);

  ck_assert_uint_eq (book->sheets->len, 1);
  sheet = g_ptr_array_index (book->sheets, 0);
  ck_assert_str_eq (sheet->name, "text & <more>");
  for (guint i = 0; i < G_N_ELEMENTS (hard_texts); i++)
    {
      const CommunityCell *across = test_sheet_cell (sheet, 1, i);
      const CommunityCell *down = test_sheet_cell (sheet, i + 2, 0);

      ck_assert_msg (across != NULL && down != NULL, "text %u is missing", i);
      ck_assert_int_eq (across->type, COMMUNITY_CELL_STRING);
      ck_assert_msg (strcmp (across->text, hard_texts[i]) == 0, "text %u reads back as \"%s\"", i, across->text);
      ck_assert_str_eq (down->text, hard_texts[i]);
    }
}
END_TEST

static const double numbers[] = {
  0, 1, -1, 42, 2000, 9007199254740992.0 /* 2^53 */, 1e15, 1e20, -1e300, 0.1, 1.0 / 3, -0.5,
  2.5e-8, 1e-300, DBL_MAX, DBL_MIN, 0.30000000000000004, 123456789.123456789, 5e-324,
};

/* Numbers read back exactly; integers are written as integers. */
START_TEST (test_numbers_and_booleans)
{
  g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(GError) error = NULL;
  CommunityXlsxCell cells[G_N_ELEMENTS (numbers)];
  CommunityXlsxCell flags[] = { boolean_cell (TRUE), boolean_cell (FALSE) };
  CommunityXlsxCell percent = number_cell (0.125);
  CommunitySheet *sheet;
  const CommunityCell *cell;

  ck_assert (community_xlsx_stream_add_sheet (stream, "numbers", &error));
  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    cells[i] = number_cell (numbers[i]);
  write_row (stream, 0, cells, G_N_ELEMENTS (cells));
  write_row (stream, 1, flags, G_N_ELEMENTS (flags));
  percent.style = COMMUNITY_XLSX_STYLE_PERCENT;
  write_row (stream, 2, &percent, 1);
  bytes = finish (stream);
  book = read_back (bytes);
  sheet = g_ptr_array_index (book->sheets, 0);

  for (guint i = 0; i < G_N_ELEMENTS (numbers); i++)
    {
      cell = test_sheet_cell (sheet, 1, i);
      ck_assert (cell != NULL);
      ck_assert_int_eq (cell->type, COMMUNITY_CELL_NUMBER);
      ck_assert_msg (cell->number == numbers[i], "%.17g reads back as %.17g (%s)",
                     numbers[i], cell->number, cell->text);
    }
  ck_assert_str_eq (test_sheet_cell (sheet, 1, 4)->text, "2000");
  ck_assert_str_eq (test_sheet_cell (sheet, 1, 5)->text, "9007199254740992");
  ck_assert_str_eq (test_sheet_cell (sheet, 1, 9)->text, "0.1");          /* the shortest form */
  cell = test_sheet_cell (sheet, 2, 0);
  ck_assert_int_eq (cell->type, COMMUNITY_CELL_BOOLEAN);
  ck_assert_str_eq (cell->text, "TRUE");
  cell = test_sheet_cell (sheet, 2, 1);
  ck_assert_int_eq (cell->type, COMMUNITY_CELL_BOOLEAN);
  ck_assert_str_eq (cell->text, "FALSE");
  cell = test_sheet_cell (sheet, 3, 0);
  ck_assert_int_eq (cell->type, COMMUNITY_CELL_NUMBER);   /* "0.0%" is not a date */
  ck_assert (cell->number == 0.125);
}
END_TEST

/* Compares community_format_double() with the printf() and strtod() way
 * it stands for, on @value and its negative. */
static void
check_double (double value)
{
  for (guint sign = 0; sign < 2; sign++)
    {
      char fast[COMMUNITY_DOUBLE_CHARS], slow[COMMUNITY_DOUBLE_CHARS];
      gsize fast_length = community_format_double (fast, value);
      gsize slow_length = community_format_double_printf (slow, value);

      ck_assert_msg (fast_length == slow_length && strcmp (fast, slow) == 0,
                     "%a: \"%s\", printf() and strtod() \"%s\"", value, fast, slow);
      ck_assert_msg (g_ascii_strtod (fast, NULL) == value, "%a: \"%s\" reads back otherwise", value, fast);
      value = -value;
    }
}

/* Numbers that are not integers are written exactly as "%.15g", "%.16g"
 * or "%.17g" would, the shortest that reads back, without printf(): the
 * numbers each side of every power of ten (where a rounding carries into
 * the exponent), of every power of two (the bottom of a binade), ties,
 * and @n_random more of each kind a sheet holds (rates, the logarithm
 * spread evenly, any bits at all). */
static void
check_doubles (guint n_random)
{
  static const double hard[] = {
    0.1, 0.2, 0.3, 0.1 + 0.2, 1.0 / 3, 2.0 / 3, 0.984, 0.98, 0.5, 2.5, 0.125, 1e-3, 9.9999999999999995,
    999999999999999.9, 99999999999999.99, 123456789.123456789, 4503599627370495.5, 1e15, 1e-4, 0.000999,
    DBL_MIN, DBL_MAX, 5e-324, 1e300, 1e-300, 0,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20181019);

  for (guint i = 0; i < G_N_ELEMENTS (hard); i++)
    check_double (hard[i]);
  for (int e = -5; e <= 16; e++)
    for (guint direction = 0; direction < 2; direction++)
      {
        double value = pow (10, e);

        for (guint i = 0; i < 40; i++, value = nextafter (value, direction ? INFINITY : 0))
          check_double (value);
      }
  for (int e = -11; e <= 51; e++)
    {
      double value = ldexp (1, e);

      check_double (value);
      check_double (nextafter (value, 0));
      check_double (nextafter (value, INFINITY));
      check_double (value * 1.5);
    }
  for (guint i = 0; i < n_random; i++)
    {
      guint64 bits = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);
      double any;

      check_double (g_rand_int_range (rand, 0, 1000000) / (double) g_rand_int_range (rand, 1, 1000000));
      check_double (pow (10, g_rand_double_range (rand, -4, 16)));
      memcpy (&any, &bits, sizeof any);
      if (isfinite (any))
        check_double (any);
    }
}

START_TEST (test_shortest_doubles)
{
  check_doubles (20000);
}
END_TEST

START_TEST (test_shortest_doubles_many)
{
  check_doubles (300000);
}
END_TEST

/* Empty cells and skipped rows leave nothing; empty text is empty. */
START_TEST (test_empty_cells_and_rows)
{
  g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(GError) error = NULL;
  CommunityXlsxCell cells[30] = { { 0, }, };
  CommunityXlsxCell styled_empty = { COMMUNITY_XLSX_EMPTY, COMMUNITY_XLSX_STYLE_TEXT, NULL, 0 };
  CommunitySheet *sheet;
  const CommunitySheetRow *row;

  cells[1] = text_cell ("B");
  cells[3] = text_cell ("");
  cells[27] = number_cell (28);   /* AB */
  ck_assert (community_xlsx_stream_add_sheet (stream, "sparse", &error));
  write_row (stream, 0, NULL, 0);
  write_row (stream, 4, cells, G_N_ELEMENTS (cells));
  write_row (stream, 9, &styled_empty, 1);
  write_row (stream, 1048575, cells, 2);   /* the last row Excel has */
  bytes = finish (stream);
  book = read_back (bytes);
  sheet = g_ptr_array_index (book->sheets, 0);

  ck_assert_uint_eq (sheet->rows->len, 2);
  row = &g_array_index (sheet->rows, CommunitySheetRow, 0);
  ck_assert_uint_eq (row->number, 5);
  ck_assert_uint_eq (row->n_cells, 2);
  ck_assert_str_eq (test_sheet_cell (sheet, 5, 1)->text, "B");
  ck_assert (test_sheet_cell (sheet, 5, 3) == NULL);
  ck_assert_str_eq (test_sheet_cell (sheet, 5, 27)->text, "28");
  ck_assert_uint_eq (g_array_index (sheet->rows, CommunitySheetRow, 1).number, 1048576);
}
END_TEST

/* Several sheets, in order; Excel's rules for their names. */
START_TEST (test_sheets)
{
  g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(GError) error = NULL;
  const char *const names[] = { "社区", "A&B 'q' <x>", "0123456789012345678901234567890", "empty" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      CommunityXlsxCell cell = number_cell (i);

      ck_assert_msg (community_xlsx_stream_add_sheet (stream, names[i], &error), "%s", names[i]);
      community_xlsx_stream_autofilter (stream, 0, 0, 3, 2);
      if (i < 3)
        write_row (stream, 0, &cell, 1);
    }
  bytes = finish (stream);
  book = read_back (bytes);
  ck_assert_uint_eq (book->sheets->len, G_N_ELEMENTS (names));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      CommunitySheet *sheet = g_ptr_array_index (book->sheets, i);

      ck_assert_str_eq (sheet->name, names[i]);
      ck_assert_uint_eq (sheet->rows->len, i < 3);
      if (i < 3)
        ck_assert (test_sheet_cell (sheet, 1, 0)->number == i);
    }
}
END_TEST

START_TEST (test_bad_sheet_names)
{
  const char *const bad[] = {
    "", "a/b", "a[1]", "what?", "a:b", "star*", "back\\slash", "'quoted'",
    "01234567890123456789012345678901",   /* 32 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
      g_autoptr(GError) error = NULL;

      ck_assert_msg (!community_xlsx_stream_add_sheet (stream, bad[i], &error), "%s", bad[i]);
      ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
      g_clear_error (&error);
      /* A failure is sticky. */
      ck_assert (!community_xlsx_stream_finish (stream, NULL, &error));
      ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
    }
}
END_TEST

START_TEST (test_duplicate_sheet_name)
{
  g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
  g_autoptr(GError) error = NULL;

  ck_assert (community_xlsx_stream_add_sheet (stream, "Findings", &error));
  ck_assert (!community_xlsx_stream_add_sheet (stream, "findings", &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
  ck_assert (strstr (error->message, "findings") != NULL);
}
END_TEST

/* Cells it cannot write: an error naming the sheet and the cell, never
 * its content. */
START_TEST (test_refused_cells)
{
  g_autofree char *long_text = g_strnfill (COMMUNITY_XLSX_MAX_CELL_CHARS + 1, 'x');
  g_autofree char *longest = g_strnfill (COMMUNITY_XLSX_MAX_CELL_CHARS, 'x');
  g_autoptr(GString) chinese = g_string_new (NULL);
  const struct {
    CommunityXlsxCell cell;
    const char *where;
  } cases[] = {
    { { COMMUNITY_XLSX_STRING, 0, "bad \377 utf-8", 0 }, "s!C2:" },
    { { COMMUNITY_XLSX_STRING, 0, long_text, 0 }, "s!C2:" },
    { { COMMUNITY_XLSX_NUMBER, 0, NULL, NAN }, "s!C2:" },
    { { COMMUNITY_XLSX_NUMBER, 0, NULL, INFINITY }, "s!C2:" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
      g_autoptr(GError) error = NULL;
      CommunityXlsxCell row[3] = { text_cell ("a"), { 0, }, cases[i].cell };

      ck_assert (community_xlsx_stream_add_sheet (stream, "s", &error));
      ck_assert (!community_xlsx_stream_write_row (stream, 1, row, 3, &error));
      ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
      ck_assert_msg (g_str_has_prefix (error->message, cases[i].where), "%s", error->message);
      ck_assert (strstr (error->message, "bad") == NULL);
      g_clear_error (&error);
      ck_assert (!community_xlsx_stream_finish (stream, NULL, &error));
    }

  /* 32,767 characters fit, counted as characters, not bytes. */
  for (guint i = 0; i < COMMUNITY_XLSX_MAX_CELL_CHARS; i++)
    g_string_append (chinese, "社");
  {
    g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(CommunitySheetBook) book = NULL;
    g_autoptr(GError) error = NULL;
    CommunityXlsxCell row[] = { text_cell (longest), text_cell (chinese->str) };

    ck_assert (community_xlsx_stream_add_sheet (stream, "s", &error));
    write_row (stream, 0, row, 2);
    bytes = finish (stream);
    book = read_back (bytes);
    ck_assert_str_eq (test_sheet_cell (g_ptr_array_index (book->sheets, 0), 1, 1)->text, chinese->str);
  }
}
END_TEST

START_TEST (test_rows_in_order)
{
  g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
  g_autoptr(GError) error = NULL;
  CommunityXlsxCell cell = number_cell (1);

  ck_assert (community_xlsx_stream_add_sheet (stream, "s", &error));
  write_row (stream, 3, &cell, 1);
  ck_assert (!community_xlsx_stream_write_row (stream, 3, &cell, 1, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
  g_clear_error (&error);
  ck_assert (!community_xlsx_stream_write_row (stream, 4, &cell, 1, &error));   /* sticky */
  g_clear_error (&error);
  ck_assert (!community_xlsx_stream_finish (stream, NULL, &error));
  g_clear_error (&error);

  {
    g_autoptr(CommunityXlsxStream) other = community_xlsx_stream_new_in_memory ();

    ck_assert (community_xlsx_stream_add_sheet (other, "s", &error));
    ck_assert (!community_xlsx_stream_write_row (other, COMMUNITY_XLSX_MAX_ROWS, &cell, 1, &error));
    ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
  }
  {
    g_autoptr(CommunityXlsxStream) empty = community_xlsx_stream_new_in_memory ();

    g_clear_error (&error);
    ck_assert (!community_xlsx_stream_finish (empty, NULL, &error));   /* no sheet */
    ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
  }
}
END_TEST

START_TEST (test_list_validation_limits)
{
  g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
  g_autoptr(GError) error = NULL;
  g_autofree char *long_value = g_strnfill (250, 'v');
  const char *const fine[] = { "urban", "rural", "社区 & <村>", NULL };
  const char *const comma[] = { "a,b", NULL };
  const char *const quote[] = { "a\"b", NULL };
  const char *const too_long[] = { long_value, "123456", NULL };

  ck_assert (community_xlsx_stream_add_sheet (stream, "s", &error));
  ck_assert (community_xlsx_stream_list_validation (stream, 2, 1, 999, fine));
  ck_assert (!community_xlsx_stream_list_validation (stream, 2, 1, 999, comma));
  ck_assert (!community_xlsx_stream_list_validation (stream, 2, 1, 999, quote));
  ck_assert (!community_xlsx_stream_list_validation (stream, 2, 1, 999, too_long));
  community_xlsx_stream_comment (stream, 0, 2, "a note & <more>\nsecond line");
  g_autoptr(GBytes) bytes = finish (stream);
  g_autoptr(CommunitySheetBook) book = read_back (bytes);
  ck_assert_uint_eq (book->sheets->len, 1);
}
END_TEST

/* The package's parts, and the comments' parts where there are comments. */
START_TEST (test_package_parts)
{
  g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityZip) zip = NULL;
  g_autoptr(GBytes) part = NULL;
  const char *const expected[] = {
    "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml", "xl/comments1.xml",
    "xl/drawings/vmlDrawing1.vml", "xl/worksheets/_rels/sheet2.xml.rels", "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels", "xl/styles.xml", "_rels/.rels", "[Content_Types].xml", NULL,
  };
  const char *const *names;
  gsize length;
  const char *data;

  ck_assert (community_xlsx_stream_add_sheet (stream, "one", &error));
  ck_assert (community_xlsx_stream_add_sheet (stream, "two", &error));
  community_xlsx_stream_comment (stream, 0, 0, "note");
  bytes = finish (stream);
  data = g_bytes_get_data (bytes, &length);
  zip = community_zip_open (data, length, &error);
  ck_assert (zip != NULL);
  names = community_zip_list (zip);
  ck_assert_uint_eq (g_strv_length ((char **) names), g_strv_length ((char **) expected));
  for (guint i = 0; expected[i] != NULL; i++)
    ck_assert_str_eq (names[i], expected[i]);
  part = community_zip_read (zip, "[Content_Types].xml", &error);
  data = g_bytes_get_data (part, &length);
  ck_assert (g_strstr_len (data, (gssize) length, "/xl/comments1.xml") != NULL);
}
END_TEST

/* To a file: through a temporary file, so that an abandoned workbook
 * leaves the file as it was. */
START_TEST (test_path)
{
  g_autofree char *dir = g_dir_make_tmp ("test-xlsx-stream-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.xlsx", NULL);
  g_autofree char *bad = g_build_filename (dir, "missing", "out.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;
  CommunityXlsxCell cell = text_cell ("kept");
  CommunityXlsxStream *stream;
  CommunitySheetBook *book;

  ck_assert (g_file_set_contents (path, "old", -1, NULL));
  stream = community_xlsx_stream_new_for_path (path, &error);
  ck_assert (stream != NULL);
  ck_assert (community_xlsx_stream_add_sheet (stream, "s", &error));
  write_row (stream, 0, &cell, 1);
  community_xlsx_stream_free (stream);   /* abandoned */
  ck_assert (g_file_get_contents (path, &data, &length, NULL));
  ck_assert_str_eq (data, "old");
  g_clear_pointer (&data, g_free);

  stream = community_xlsx_stream_new_for_path (path, &error);
  ck_assert (community_xlsx_stream_add_sheet (stream, "s", &error));
  write_row (stream, 0, &cell, 1);
  ck_assert (community_xlsx_stream_finish (stream, NULL, &error));
  community_xlsx_stream_free (stream);
  ck_assert (g_file_get_contents (path, &data, &length, NULL));
  book = community_xlsx_read (data, length, &error);
  ck_assert_msg (book != NULL, "%s", error != NULL ? error->message : "");
  ck_assert_str_eq (test_sheet_cell (g_ptr_array_index (book->sheets, 0), 1, 0)->text, "kept");
  community_sheet_book_free (book);

  ck_assert (community_xlsx_stream_new_for_path (bad, &error) == NULL);
  ck_assert (error != NULL && strstr (error->message, "out.xlsx") != NULL);

  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* To a stream of the caller's, which it leaves open. */
START_TEST (test_output_stream)
{
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();
  g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_for_stream (output);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  GBytes *none = NULL;
  CommunityXlsxCell cell = text_cell ("streamed");

  ck_assert (community_xlsx_stream_add_sheet (stream, "s", &error));
  write_row (stream, 2, &cell, 1);
  ck_assert (community_xlsx_stream_finish (stream, &none, &error));
  ck_assert (none == NULL);
  ck_assert (!g_output_stream_is_closed (output));
  ck_assert (g_output_stream_close (output, NULL, NULL));
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
  book = read_back (bytes);
  ck_assert_str_eq (test_sheet_cell (g_ptr_array_index (book->sheets, 0), 3, 0)->text, "streamed");
}
END_TEST

#define N_SHARED_TEXTS 6

/* 50 rows: the @texts, rotated a column a row, as shared strings, then an
 * empty shared one and an inline one. */
static void
write_shared_rows (CommunityXlsxStream *stream,
                   const char *const    texts[N_SHARED_TEXTS])
{
  CommunityXlsxCell cells[N_SHARED_TEXTS + 2];

  for (guint32 r = 0; r < 50; r++)
    {
      guint n = 0;

      for (guint i = 0; i < N_SHARED_TEXTS; i++)
        cells[n++] = (CommunityXlsxCell) { COMMUNITY_XLSX_SHARED, COMMUNITY_XLSX_STYLE_NONE, texts[(i + r) % N_SHARED_TEXTS], 0 };
      cells[n++] = (CommunityXlsxCell) { COMMUNITY_XLSX_SHARED, COMMUNITY_XLSX_STYLE_TEXT, "", 0 };
      cells[n++] = text_cell ("inline");
      write_row (stream, r, cells, n);
    }
}

/* Text that repeats, as shared strings: each distinct text once in the
 * table, every cell reading back as its text. */
START_TEST (test_shared_strings)
{
  g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(CommunityZip) zip = NULL;
  g_autoptr(GBytes) part = NULL;
  g_autofree char *table = NULL;
  const char *const texts[N_SHARED_TEXTS] = { "320213000000", "锡山区", " padded ", "a & <b>", "_x0041_", "控制\001" };
  CommunityXlsxCell bad = { COMMUNITY_XLSX_SHARED, COMMUNITY_XLSX_STYLE_NONE, "\xff\xfe", 0 };
  CommunitySheet *sheet;
  const char *data;
  gsize length;

  ck_assert (community_xlsx_stream_add_sheet (stream, "shared", &error));
  write_shared_rows (stream, texts);
  /* Refused at its cell, like an inline string. */
  ck_assert (!community_xlsx_stream_write_row (stream, 60, &bad, 1, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
  ck_assert (strstr (error->message, "shared!A61") != NULL);
  g_clear_error (&error);
  ck_assert (!community_xlsx_stream_finish (stream, NULL, &error));
  g_clear_error (&error);
  g_clear_pointer (&stream, community_xlsx_stream_free);

  /* Again, without the bad cell. */
  stream = community_xlsx_stream_new_in_memory ();
  ck_assert (community_xlsx_stream_add_sheet (stream, "shared", &error));
  write_shared_rows (stream, texts);
  bytes = finish (stream);
  book = read_back (bytes);
  sheet = g_ptr_array_index (book->sheets, 0);
  ck_assert_uint_eq (sheet->rows->len, 50);
  for (guint32 r = 0; r < 50; r++)
    {
      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        ck_assert_str_eq (test_sheet_cell (sheet, r + 1, i)->text, texts[(i + r) % G_N_ELEMENTS (texts)]);
      ck_assert_str_eq (test_sheet_cell (sheet, r + 1, G_N_ELEMENTS (texts) + 1)->text, "inline");
    }
  /* The table holds each text once. */
  data = g_bytes_get_data (bytes, &length);
  zip = community_zip_open (data, length, &error);
  ck_assert (zip != NULL);
  part = community_zip_read (zip, "xl/sharedStrings.xml", &error);
  ck_assert (part != NULL);
  table = g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part));
  ck_assert (strstr (table, "uniqueCount=\"6\"") != NULL);
  ck_assert (strstr (table, "<si><t>锡山区</t></si>") != NULL);
  ck_assert (strstr (table, "<si><t xml:space=\"preserve\"> padded </t></si>") != NULL);
  ck_assert (strstr (strstr (table, "锡山区") + 1, "锡山区") == NULL);
}
END_TEST

/* Rows of @n_rows, varied enough that they do not deflate to nothing,
 * into @stream's sheet "s": some 100 bytes of XML a row. FALSE with
 * @error set at the first row refused. */
static gboolean
write_varied_rows (CommunityXlsxStream  *stream,
                   guint                 n_rows,
                   GCancellable         *cancel_at_half,
                   GError              **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (14);

  if (!community_xlsx_stream_add_sheet (stream, "s", error))
    return FALSE;
  for (guint r = 0; r < n_rows; r++)
    {
      char id[32], message[96];
      CommunityXlsxCell cells[4];

      g_snprintf (id, sizeof id, "3202%08u", g_rand_int_range (rand, 0, 99999999));
      g_snprintf (message, sizeof message, "第 %u 行 & <%x> %u", r, g_rand_int (rand), g_rand_int (rand) % 977);
      cells[0] = text_cell (id);
      cells[1] = text_cell (message);
      cells[2] = number_cell (g_rand_double (rand));
      cells[3] = (CommunityXlsxCell) { COMMUNITY_XLSX_SHARED, COMMUNITY_XLSX_STYLE_NONE, r % 3 ? "urban" : "rural", 0 };
      if (cancel_at_half != NULL && r == n_rows / 2)
        g_cancellable_cancel (cancel_at_half);
      if (!community_xlsx_stream_write_row (stream, r, cells, G_N_ELEMENTS (cells), error))
        return FALSE;
    }
  return TRUE;
}

/* The worksheet's XML, inflated. */
static GBytes *
sheet_xml (GBytes *package)
{
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (package, &length);
  g_autoptr(CommunityZip) zip = community_zip_open (data, length, &error);
  GBytes *part;

  ck_assert_msg (zip != NULL, "%s", error != NULL ? error->message : "");
  /* community_zip_read() checks the size and the CRC. */
  part = community_zip_read (zip, "xl/worksheets/sheet1.xml", &error);
  ck_assert_msg (part != NULL, "%s", error != NULL ? error->message : "");
  return part;
}

/* Shared strings by index (community_xlsx_stream_share()): one index a
 * text, read back as the text; a text no cell takes has none, and an
 * index beyond the table is refused at its cell. */
START_TEST (test_shared_index)
{
  g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autofree char *long_text = g_strnfill (COMMUNITY_XLSX_MAX_CELL_CHARS + 1, 'x');
  guint32 code, name, other;
  CommunityXlsxCell cells[3];
  CommunitySheet *sheet;

  ck_assert (community_xlsx_stream_add_sheet (stream, "s", &error));
  code = community_xlsx_stream_share (stream, "320205106001");
  name = community_xlsx_stream_share (stream, "东港镇 & <x>");
  ck_assert_uint_ne (code, name);
  ck_assert_uint_eq (community_xlsx_stream_share (stream, "320205106001"), code);
  ck_assert_uint_eq (community_xlsx_stream_share (stream, ""), G_MAXUINT32);
  ck_assert_uint_eq (community_xlsx_stream_share (stream, "bad \377"), G_MAXUINT32);
  ck_assert_uint_eq (community_xlsx_stream_share (stream, long_text), G_MAXUINT32);
  for (guint32 r = 0; r < 3; r++)
    {
      cells[0] = (CommunityXlsxCell) { COMMUNITY_XLSX_SHARED_INDEX, COMMUNITY_XLSX_STYLE_NONE, NULL, 0, code };
      cells[1] = (CommunityXlsxCell) { COMMUNITY_XLSX_SHARED, COMMUNITY_XLSX_STYLE_NONE, "东港镇 & <x>", 0 };
      cells[2] = (CommunityXlsxCell) { COMMUNITY_XLSX_SHARED_INDEX, COMMUNITY_XLSX_STYLE_TEXT, NULL, 0, name };
      write_row (stream, r, cells, 3);
    }
  other = name + 1;
  cells[0] = (CommunityXlsxCell) { COMMUNITY_XLSX_SHARED_INDEX, COMMUNITY_XLSX_STYLE_NONE, NULL, 0, other };
  ck_assert (!community_xlsx_stream_write_row (stream, 5, cells, 1, &error));
  ck_assert_msg (g_str_has_prefix (error->message, "s!A6:"), "%s", error->message);
  g_clear_error (&error);
  g_clear_pointer (&stream, community_xlsx_stream_free);

  stream = community_xlsx_stream_new_in_memory ();
  ck_assert (community_xlsx_stream_add_sheet (stream, "s", &error));
  code = community_xlsx_stream_share (stream, "320205106001");
  cells[0] = (CommunityXlsxCell) { COMMUNITY_XLSX_SHARED_INDEX, COMMUNITY_XLSX_STYLE_NONE, NULL, 0, code };
  cells[1] = (CommunityXlsxCell) { COMMUNITY_XLSX_SHARED, COMMUNITY_XLSX_STYLE_NONE, "320205106001", 0 };
  write_row (stream, 0, cells, 2);
  bytes = finish (stream);
  book = read_back (bytes);
  sheet = g_ptr_array_index (book->sheets, 0);
  ck_assert_str_eq (test_sheet_cell (sheet, 1, 0)->text, "320205106001");
  ck_assert_str_eq (test_sheet_cell (sheet, 1, 1)->text, "320205106001");
}
END_TEST

/* Texts whose bytes that need a look (an escape, a character beyond
 * ASCII, a byte that is not UTF-8) fall at every place of the first two
 * blocks of sixteen bytes (SSE2) or eight the escaper looks at together,
 * and of the tail it looks at a byte at a time: each reads back as it was,
 * or is refused at its cell. */
START_TEST (test_escaping_at_every_offset)
{
  static const struct {
    const char *insert;
    gboolean valid;
  } inserts[] = {
    { "&", TRUE }, { "<", TRUE }, { ">", TRUE }, { "\"", TRUE }, { "_x0041_", TRUE }, { "_", TRUE },
    { "\001", TRUE }, { "\t", TRUE }, { "\r", TRUE }, { "社", TRUE }, { "😀", TRUE }, { "é", TRUE },
    { "\357\277\276", TRUE },
    { "\300\200", FALSE },           /* overlong */
    { "\355\240\200", FALSE },      /* a surrogate */
    { "\364\220\200\200", FALSE },  /* beyond U+10FFFF */
    { "\345\205", FALSE },           /* cut short */
    { "\200", FALSE }, { "\377", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (inserts); i++)
    {
      g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

      ck_assert (community_xlsx_stream_add_sheet (stream, "s", &error));
      for (guint before = 0; before < 33; before++)
        for (guint after = 0; after < 18; after += 3)
          {
            g_autofree char *a = g_strnfill (before, 'a');
            g_autofree char *b = g_strnfill (after, 'b');
            char *text = g_strconcat (a, inserts[i].insert, b, NULL);
            CommunityXlsxCell cell = text_cell (text);
            guint32 row = texts->len;

            g_ptr_array_add (texts, text);
            if (inserts[i].valid)
              write_row (stream, row, &cell, 1);
            else
              {
                ck_assert (!community_xlsx_stream_write_row (stream, row, &cell, 1, &error));
                ck_assert_msg (strstr (error->message, "UTF-8") != NULL, "%s", error->message);
                g_clear_error (&error);
                break;
              }
          }
      if (inserts[i].valid)
        {
          g_autoptr(GBytes) bytes = finish (stream);
          g_autoptr(CommunitySheetBook) book = read_back (bytes);
          CommunitySheet *sheet = g_ptr_array_index (book->sheets, 0);

          for (guint r = 0; r < texts->len; r++)
            ck_assert_msg (strcmp (test_sheet_cell (sheet, r + 1, 0)->text, texts->pdata[r]) == 0,
                           "insert %u, row %u", i, r);
        }
    }
}
END_TEST

typedef struct {
  CommunityXlsxStream *stream;
  guint32 first, n_rows;
  GString *made;
  gboolean ok;
} MadeRows;

/* Row @r of test_made_rows(): its text in @text. */
static void
made_row_cells (guint32            r,
                char               text[32],
                CommunityXlsxCell  cells[3])
{
  g_snprintf (text, 32, "row %u & <%u>", r, r * 7);
  cells[0] = text_cell (text);
  cells[1] = number_cell (r / 4.0);
  cells[2] = (CommunityXlsxCell) { COMMUNITY_XLSX_SHARED_INDEX, COMMUNITY_XLSX_STYLE_NONE, NULL, 0, r % 2 };
}

static gpointer
make_rows (gpointer data)
{
  MadeRows *made = data;

  made->ok = TRUE;
  for (guint32 r = made->first; r < made->first + made->n_rows && made->ok; r++)
    {
      char text[32];
      CommunityXlsxCell cells[3];

      made_row_cells (r, text, cells);
      made->ok = community_xlsx_stream_make_row (made->stream, made->made, r, cells, 3, NULL);
    }
  return NULL;
}

/* Rows made on other threads (make_row()) and written in order
 * (write_made_rows(), parts of some 600 KB each, which go to the zip
 * writer without a copy): the same sheet as write_row() of each. */
#define MADE_PART 8000
START_TEST (test_made_rows)
{
  g_autoptr(GBytes) xml_one = NULL;
  g_autoptr(GError) error = NULL;

  for (guint threads = 0; threads <= 2; threads += 2)
    {
      g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) xml = NULL;
      MadeRows made[2];
      GThread *thread[2];

      ck_assert (community_xlsx_stream_add_sheet (stream, "s", &error));
      ck_assert_uint_eq (community_xlsx_stream_share (stream, "odd"), 0);
      ck_assert_uint_eq (community_xlsx_stream_share (stream, "even"), 1);
      for (guint block = 0; block < 2; block++)
        for (guint t = 0; t < 2; t++)
          {
            made[t] = (MadeRows) { stream, (block * 2 + t) * MADE_PART, MADE_PART, g_string_new (NULL), FALSE };
            if (threads == 0)
              make_rows (&made[t]);
            else
              thread[t] = g_thread_new ("make-rows", make_rows, &made[t]);
            if (threads > 0 && t == 1)
              for (guint u = 0; u < 2; u++)
                g_thread_join (thread[u]);
            if (t == 1)
              for (guint u = 0; u < 2; u++)
                {
                  ck_assert (made[u].ok);
                  ck_assert_msg (community_xlsx_stream_write_made_rows (stream, made[u].first,
                                                                        made[u].first + made[u].n_rows - 1,
                                                                        made[u].made, &error),
                                 "%s", error != NULL ? error->message : "");
                  ck_assert_uint_eq (made[u].made->len, 0);
                  g_string_free (made[u].made, TRUE);
                }
          }
      bytes = finish (stream);
      xml = sheet_xml (bytes);
      if (threads == 0)
        {
          /* As write_row() writes them. */
          g_autoptr(CommunityXlsxStream) direct = community_xlsx_stream_new_in_memory ();
          g_autoptr(GBytes) direct_bytes = NULL;
          g_autoptr(GBytes) direct_xml = NULL;
          g_autoptr(CommunitySheetBook) book = NULL;
          CommunitySheet *sheet;

          ck_assert (community_xlsx_stream_add_sheet (direct, "s", &error));
          community_xlsx_stream_share (direct, "odd");
          community_xlsx_stream_share (direct, "even");
          for (guint32 r = 0; r < 4 * MADE_PART; r++)
            {
              char text[32];
              CommunityXlsxCell cells[3];

              made_row_cells (r, text, cells);
              write_row (direct, r, cells, 3);
            }
          direct_bytes = finish (direct);
          direct_xml = sheet_xml (direct_bytes);
          ck_assert (g_bytes_equal (xml, direct_xml));
          book = read_back (bytes);
          sheet = g_ptr_array_index (book->sheets, 0);
          ck_assert_uint_eq (sheet->rows->len, 4 * MADE_PART);
          ck_assert_str_eq (test_sheet_cell (sheet, 31000, 0)->text, "row 30999 & <216993>");
          ck_assert_str_eq (test_sheet_cell (sheet, 31000, 2)->text, "even");
          xml_one = g_steal_pointer (&xml);
        }
      else
        ck_assert (g_bytes_equal (xml, xml_one));
    }
}
END_TEST

/* What make_row() refuses, naming the cell, without failing the stream;
 * and rows out of order. */
START_TEST (test_made_rows_refused)
{
  g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new ("kept");
  CommunityXlsxCell shared = { COMMUNITY_XLSX_SHARED, COMMUNITY_XLSX_STYLE_NONE, "by text", 0 };
  CommunityXlsxCell bad[2] = { text_cell ("fine"), text_cell ("bad \377") };

  ck_assert (community_xlsx_stream_add_sheet (stream, "s", &error));
  ck_assert (!community_xlsx_stream_make_row (stream, out, 3, &shared, 1, &error));
  ck_assert_msg (g_str_has_prefix (error->message, "s!A4:"), "%s", error->message);
  g_clear_error (&error);
  ck_assert (!community_xlsx_stream_make_row (stream, out, 4, bad, 2, &error));
  ck_assert_msg (g_str_has_prefix (error->message, "s!B5:"), "%s", error->message);
  ck_assert (strstr (error->message, "UTF-8") != NULL);
  g_clear_error (&error);
  ck_assert_str_eq (out->str, "kept");
  g_string_truncate (out, 0);

  /* The stream goes on. */
  ck_assert (community_xlsx_stream_make_row (stream, out, 4, bad, 1, &error));
  ck_assert (community_xlsx_stream_write_made_rows (stream, 4, 4, out, &error));
  ck_assert (!community_xlsx_stream_write_made_rows (stream, 2, 2, out, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
}
END_TEST

/* A run of cells made once (make_cells()) and put in rows as one MADE
 * cell gives the sheet the same XML as its cells put in each row; the run
 * must follow the last cell written, and make_cells() refuses a run with
 * a gap (its reference would name a row) or with what it cannot make. */
START_TEST (test_made_cells)
{
  GBytes *xml[2] = { NULL, NULL };
  g_autoptr(GError) error = NULL;

  for (guint with_run = 0; with_run < 2; with_run++)
    {
      g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
      g_autoptr(GString) run = g_string_new (NULL);
      g_autoptr(GString) rows = g_string_new (NULL);
      g_autoptr(CommunitySheetBook) book = NULL;
      CommunityXlsxCell cells[3];
      g_autoptr(GBytes) bytes = NULL;
      guint32 code, name;

      ck_assert (community_xlsx_stream_add_sheet (stream, "s", &error));
      code = community_xlsx_stream_share (stream, "320205106001");
      name = community_xlsx_stream_share (stream, "社区 & <one>");
      cells[0] = (CommunityXlsxCell) { COMMUNITY_XLSX_SHARED_INDEX, COMMUNITY_XLSX_STYLE_NONE, NULL, 0, code };
      cells[1] = (CommunityXlsxCell) { COMMUNITY_XLSX_SHARED_INDEX, COMMUNITY_XLSX_STYLE_NONE, NULL, 0, name };
      cells[2] = number_cell (0.25);
      ck_assert (community_xlsx_stream_make_cells (stream, run, 0, 1, cells, 3, &error));
      for (guint32 r = 0; r < 3; r++)
        {
          g_autofree char *id = g_strdup_printf ("G%u", r);
          CommunityXlsxCell row[5] = { text_cell (id), };

          if (with_run)
            row[1] = (CommunityXlsxCell) { COMMUNITY_XLSX_MADE, COMMUNITY_XLSX_STYLE_NONE, run->str, 0, 3 };
          else
            memcpy (&row[1], cells, sizeof cells);
          row[4] = text_cell ("after");
          ck_assert (community_xlsx_stream_make_row (stream, rows, r, row, 5, &error));
        }
      ck_assert (community_xlsx_stream_write_made_rows (stream, 0, 2, rows, &error));
      bytes = finish (stream);
      xml[with_run] = sheet_xml (bytes);
      book = read_back (bytes);
      ck_assert_str_eq (test_sheet_cell (g_ptr_array_index (book->sheets, 0), 3, 2)->text, "社区 & <one>");
      ck_assert_str_eq (test_sheet_cell (g_ptr_array_index (book->sheets, 0), 3, 4)->text, "after");
    }
  ck_assert (g_bytes_equal (xml[0], xml[1]));
  g_bytes_unref (xml[0]);
  g_bytes_unref (xml[1]);

  {
    g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
    g_autoptr(GString) out = g_string_new ("kept");
    CommunityXlsxCell gap[3] = { number_cell (1), { COMMUNITY_XLSX_EMPTY, }, number_cell (3) };
    CommunityXlsxCell shared = { COMMUNITY_XLSX_SHARED, COMMUNITY_XLSX_STYLE_NONE, "by text", 0 };
    CommunityXlsxCell row[3] = {
      { COMMUNITY_XLSX_EMPTY, }, { COMMUNITY_XLSX_MADE, COMMUNITY_XLSX_STYLE_NONE, "<c><v>1</v></c>", 0, 1 },
    };

    ck_assert (community_xlsx_stream_add_sheet (stream, "s", &error));
    ck_assert (!community_xlsx_stream_make_cells (stream, out, 6, 2, gap, 3, &error));
    ck_assert_msg (g_str_has_prefix (error->message, "s!D7:"), "%s", error->message);
    g_clear_error (&error);
    ck_assert (!community_xlsx_stream_make_cells (stream, out, 6, 0, &shared, 1, &error));
    ck_assert_msg (g_str_has_prefix (error->message, "s!A7:"), "%s", error->message);
    g_clear_error (&error);
    /* A run in column B after nothing in A: it would land in A. */
    ck_assert (!community_xlsx_stream_make_row (stream, out, 7, row, 2, &error));
    ck_assert_msg (g_str_has_prefix (error->message, "s!B8:"), "%s", error->message);
    g_clear_error (&error);
    ck_assert_str_eq (out->str, "kept");
  }
}
END_TEST

/* Deflated on several threads, in pieces: the same sheet as on one. */
START_TEST (test_threads)
{
  const guint n_rows = 60000;   /* some 6 MB of XML: pieces of 1 MiB */
  g_autoptr(GBytes) one = NULL;
  g_autoptr(GBytes) xml_one = NULL;

  for (guint threads = 1; threads <= 3; threads++)
    {
      g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_in_memory ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GBytes) xml = NULL;
      g_autoptr(CommunitySheetBook) book = NULL;
      CommunitySheet *sheet;

      community_xlsx_stream_set_threads (stream, threads);
      ck_assert_msg (write_varied_rows (stream, n_rows, NULL, &error), "%s", error != NULL ? error->message : "");
      bytes = finish (stream);
      xml = sheet_xml (bytes);
      ck_assert_uint_gt (g_bytes_get_size (xml), 4 << 20);
      book = read_back (bytes);
      sheet = g_ptr_array_index (book->sheets, 0);
      ck_assert_uint_eq (sheet->rows->len, n_rows);
      ck_assert_str_eq (test_sheet_cell (sheet, n_rows, 3)->text, "urban");
      if (threads == 1)
        {
          one = g_steal_pointer (&bytes);
          xml_one = g_steal_pointer (&xml);
          continue;
        }
      ck_assert (g_bytes_equal (xml, xml_one));
      /* About as small as deflated in one go. */
      ck_assert_uint_lt (g_bytes_get_size (bytes), g_bytes_get_size (one) * 102 / 100);
    }
}
END_TEST

/* A failure mid-way through a sheet deflated on several threads: a
 * GError, and the file being replaced left as it was. */
START_TEST (test_threads_failure)
{
  g_autofree char *dir = g_dir_make_tmp ("test-xlsx-stream-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree guchar *small = g_malloc (256 * 1024);
  g_autoptr(GOutputStream) full = NULL;
  CommunityXlsxCell bad = text_cell ("\xc3\x28");
  CommunityXlsxStream *stream;

  ck_assert (g_file_set_contents (path, "old", -1, NULL));

  /* A cell refused after pieces have gone to the threads. */
  stream = community_xlsx_stream_new_for_path (path, &error);
  community_xlsx_stream_set_threads (stream, 2);
  ck_assert (write_varied_rows (stream, 30000, NULL, &error));
  ck_assert (!community_xlsx_stream_write_row (stream, 30000, &bad, 1, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
  g_clear_error (&error);
  ck_assert (!community_xlsx_stream_finish (stream, NULL, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
  g_clear_error (&error);
  community_xlsx_stream_free (stream);
  ck_assert (g_file_get_contents (path, &data, NULL, NULL));
  ck_assert_str_eq (data, "old");
  g_clear_pointer (&data, g_free);

  /* The output full while the threads deflate: its error. */
  full = g_memory_output_stream_new (small, 256 * 1024, NULL, NULL);
  stream = community_xlsx_stream_new_for_stream (full);
  community_xlsx_stream_set_threads (stream, 2);
  ck_assert (!write_varied_rows (stream, 60000, NULL, &error) ||
             !community_xlsx_stream_finish (stream, NULL, &error));
  ck_assert_msg (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE), "%s", error->message);
  community_xlsx_stream_free (stream);

  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* Cancelled mid-way: G_IO_ERROR_CANCELLED, the file left as it was. */
START_TEST (test_cancelled)
{
  g_autofree char *dir = g_dir_make_tmp ("test-xlsx-stream-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.xlsx", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  CommunityXlsxStream *stream;

  for (guint threads = 1; threads <= 2; threads++)
    {
      ck_assert (g_file_set_contents (path, "old", -1, NULL));
      g_cancellable_reset (cancellable);
      stream = community_xlsx_stream_new_for_path (path, &error);
      community_xlsx_stream_set_threads (stream, threads);
      community_xlsx_stream_set_cancellable (stream, cancellable);
      ck_assert (!write_varied_rows (stream, 40000, cancellable, &error));
      ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
      g_clear_error (&error);
      ck_assert (!community_xlsx_stream_finish (stream, NULL, &error));
      ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
      g_clear_error (&error);
      community_xlsx_stream_free (stream);
      ck_assert (g_file_get_contents (path, &data, NULL, NULL));
      ck_assert_str_eq (data, "old");
      g_clear_pointer (&data, g_free);
    }

  /* Cancelled once the rows are written: finish() refuses. */
  g_cancellable_reset (cancellable);
  stream = community_xlsx_stream_new_for_path (path, &error);
  community_xlsx_stream_set_cancellable (stream, cancellable);
  ck_assert (write_varied_rows (stream, 10, NULL, &error));
  g_cancellable_cancel (cancellable);
  ck_assert (!community_xlsx_stream_finish (stream, NULL, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  community_xlsx_stream_free (stream);
  ck_assert (g_file_get_contents (path, &data, NULL, NULL));
  ck_assert_str_eq (data, "old");

  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

static gsize
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      (line = strstr (status, "\nVmRSS:")) == NULL)
    return 0;
  return (gsize) g_ascii_strtoull (line + strlen ("\nVmRSS:"), NULL, 10);
}

/* 200,000 rows into a file: memory stays flat while they are written,
 * and every row reads back. */
START_TEST (test_many_rows)
{
  const guint n_rows = 200000;
  g_autofree char *dir = g_dir_make_tmp ("test-xlsx-stream-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.xlsx", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_for_path (path, &error);
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autofree char *data = NULL;
  gsize length, before = 0, after;
  CommunitySheet *sheet;

  ck_assert (community_xlsx_stream_add_sheet (stream, "big", &error));
  community_xlsx_stream_freeze_rows (stream, 1);
  for (guint r = 0; r < n_rows; r++)
    {
      char id[32], message[64];
      CommunityXlsxCell cells[5];

      g_snprintf (id, sizeof id, "320213%06u", r);
      g_snprintf (message, sizeof message, "第 %u 行 & <finding> %u", r, r * 7);
      cells[0] = text_cell (id);
      cells[1] = text_cell (message);
      cells[2] = number_cell (r);
      cells[3] = number_cell (r / 8.0);
      cells[4] = boolean_cell (r % 2);
      write_row (stream, r, cells, 5);
      if (r == n_rows / 10)
        before = rss_kib ();
    }
  after = rss_kib ();
  /* The rows' XML is some 25 MB: none of it stays (loosely: 8 MB).
   * AddressSanitizer's fake stacks and quarantine grow the resident size
   * on their own: there, the rows are only read back. */
#ifndef UNDER_ASAN
  ck_assert_msg (after < before + 8 * 1024, "RSS grew from %zu KiB to %zu KiB", before, after);
#else
  (void) before;
  (void) after;
#endif
  ck_assert (community_xlsx_stream_finish (stream, NULL, &error));

  ck_assert (g_file_get_contents (path, &data, &length, NULL));
  book = community_xlsx_read (data, length, &error);
  ck_assert_msg (book != NULL, "%s", error != NULL ? error->message : "");
  sheet = g_ptr_array_index (book->sheets, 0);
  ck_assert_uint_eq (sheet->rows->len, n_rows);
  ck_assert_uint_eq (sheet->cells->len, n_rows * 5);   /* FALSE is a cell too */
  ck_assert_str_eq (test_sheet_cell (sheet, n_rows, 0)->text, "320213199999");
  ck_assert_str_eq (test_sheet_cell (sheet, n_rows, 1)->text, "第 199999 行 & <finding> 1399993");
  ck_assert (test_sheet_cell (sheet, n_rows, 3)->number == 199999 / 8.0);
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* The showcase workbook for tests/python/test_xlsx_stream.py. */
static int
write_showcase (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityXlsxStream) stream = community_xlsx_stream_new_for_path (path, &error);
  const char *const header[] = { "代码", "kind", "amount", "share", "flag", "note" };
  const char *const kinds[] = { "urban", "rural", NULL };
  CommunityXlsxCell cells[G_N_ELEMENTS (header)];
  gboolean ok;

  if (stream == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  ok = community_xlsx_stream_add_sheet (stream, "社区 & co", &error);
  community_xlsx_stream_set_columns (stream, 0, 1, 20, COMMUNITY_XLSX_STYLE_TEXT);
  community_xlsx_stream_set_columns (stream, 2, 4, 0, COMMUNITY_XLSX_STYLE_NONE);
  community_xlsx_stream_set_columns (stream, 5, 5, 40, COMMUNITY_XLSX_STYLE_TEXT);
  community_xlsx_stream_freeze_rows (stream, 1);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      g_autofree char *note = g_strdup_printf ("列 %u: %s\n<what> & \"why\"", i + 1, header[i]);

      cells[i] = text_cell (header[i]);
      cells[i].style = COMMUNITY_XLSX_STYLE_HEADER_TEXT;
      community_xlsx_stream_comment (stream, 0, i, note);
    }
  ok = ok && community_xlsx_stream_write_row (stream, 0, cells, G_N_ELEMENTS (cells), &error);
  for (guint r = 1; r <= 3 && ok; r++)
    {
      g_autofree char *code = g_strdup_printf ("32021300100%u", r);

      cells[0] = text_cell (code);
      cells[0].style = COMMUNITY_XLSX_STYLE_TEXT;
      cells[1] = text_cell (kinds[r % 2]);
      cells[2] = number_cell (r * 1000 + 0.5);
      cells[3] = number_cell (r / 4.0);
      cells[3].style = COMMUNITY_XLSX_STYLE_PERCENT;
      cells[4] = boolean_cell (r == 2);
      cells[5] = text_cell (r == 1 ? "a & b < c\tand \"d\"" : r == 2 ? "控制\001字符 _x0041_" : "");
      ok = community_xlsx_stream_write_row (stream, r, cells, G_N_ELEMENTS (cells), &error);
    }
  ok = ok && community_xlsx_stream_list_validation (stream, 1, 1, 999, kinds);
  community_xlsx_stream_autofilter (stream, 0, 0, 3, G_N_ELEMENTS (header) - 1);

  ok = ok && community_xlsx_stream_add_sheet (stream, "second", &error);
  cells[0] = number_cell (-7);
  ok = ok && community_xlsx_stream_write_row (stream, 4, cells, 1, &error);
  ok = ok && community_xlsx_stream_finish (stream, NULL, &error);
  if (!ok)
    {
      g_printerr ("%s\n", error != NULL ? error->message : "list refused");
      return 1;
    }
  return 0;
}

int
main (int    argc,
      char **argv)
{
  Suite *suite;
  TCase *tc, *slow;

  if (argc == 3 && strcmp (argv[1], "--write") == 0)
    return write_showcase (argv[2]);

  suite = suite_create ("xlsx-stream");
  tc = tcase_create ("stream");
  tcase_add_test (tc, test_escaping);
  tcase_add_test (tc, test_numbers_and_booleans);
  tcase_add_test (tc, test_shortest_doubles);
  tcase_add_test (tc, test_empty_cells_and_rows);
  tcase_add_test (tc, test_sheets);
  tcase_add_test (tc, test_bad_sheet_names);
  tcase_add_test (tc, test_duplicate_sheet_name);
  tcase_add_test (tc, test_refused_cells);
  tcase_add_test (tc, test_rows_in_order);
  tcase_add_test (tc, test_list_validation_limits);
  tcase_add_test (tc, test_package_parts);
  tcase_add_test (tc, test_path);
  tcase_add_test (tc, test_output_stream);
  tcase_add_test (tc, test_shared_strings);
  tcase_add_test (tc, test_shared_index);
  tcase_add_test (tc, test_escaping_at_every_offset);
  tcase_add_test (tc, test_made_rows);
  tcase_add_test (tc, test_made_rows_refused);
  tcase_add_test (tc, test_made_cells);
  tcase_add_test (tc, test_threads);
  tcase_add_test (tc, test_threads_failure);
  tcase_add_test (tc, test_cancelled);
  suite_add_tcase (suite, tc);
  /* run by the test xlsx-stream-slow (CK_INCLUDE_TAGS=slow) */
  slow = tcase_create ("slow");
  tcase_set_tags (slow, "slow");
  tcase_set_timeout (slow, 120);
  tcase_add_test (slow, test_many_rows);
  tcase_add_test (slow, test_shortest_doubles_many);
  suite_add_tcase (suite, slow);

  return community_test_run (suite);
}
