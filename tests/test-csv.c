/* test-csv.c: CSV files into sheets of cells and back (lib/sheets/community-csv.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The readings asserted here are those documented at the top of
 * community-csv.c. Run with the argument "zip", the program tests the
 * reading of a .zip of CSV files instead; against the temporary stub of
 * community-zip.c it reports itself skipped.
 */

#include <string.h>

#include "test-common.h"
#include "test-sheets.h"

#include "community-sheet-book.h"
#include "community-zip.h"

/* Helpers ----------------------------------------------------------------- */

/* @data read as the one sheet "communities" of a new book, or NULL with
 * @error set. */
static CommunitySheetBook *
read_csv (const char  *data,
          gssize       length,
          GError     **error)
{
  g_autoptr(CommunitySheetBook) book = community_sheet_book_new ();

  if (length < 0)
    length = (gssize) strlen (data);
  if (!community_csv_read (book, "communities", "communities.csv", data, (gsize) length, error))
    {
      ck_assert_uint_eq (book->sheets->len, 0);
      return NULL;
    }
  ck_assert_uint_eq (book->sheets->len, 1);
  return g_steal_pointer (&book);
}

/* The cells of @sheet as "A1=text|B1=text|A3=text" (the texts of these
 * tests hold no "|"); every cell must be a string cell. */
static char *
summary (const CommunitySheet *sheet)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < sheet->rows->len; i++)
    {
      const CommunitySheetRow *row = &g_array_index (sheet->rows, CommunitySheetRow, i);
      const CommunityCell *cells = community_sheet_row_cells (sheet, row);

      ck_assert_uint_gt (row->n_cells, 0);
      for (guint j = 0; j < row->n_cells; j++)
        {
          char name[24];

          ck_assert_int_eq (cells[j].type, COMMUNITY_CELL_STRING);
          ck_assert_uint_eq (strlen (cells[j].text), cells[j].length);
          community_sheet_cell_name (row->number, cells[j].column, name);
          g_string_append_printf (out, "%s%s=%s", out->len > 0 ? "|" : "", name, cells[j].text);
        }
    }
  return g_string_free (out, FALSE);
}

static void
assert_reads_as (const char *data,
                 gssize      length,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = read_csv (data, length, &error);
  g_autofree char *cells = NULL;

  ck_assert_msg (book != NULL, "refused: %s", error != NULL ? error->message : "?");
  cells = summary (g_ptr_array_index (book->sheets, 0));
  ck_assert_str_eq (cells, expected);
}

static void
assert_refused (const char *data,
                gssize      length,
                gint        code,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = read_csv (data, length, &error);

  ck_assert_ptr_null (book);
  ck_assert_ptr_nonnull (error);
  ck_assert_msg (g_error_matches (error, COMMUNITY_PARSE_ERROR, code),
                 "expected code %d, got %s %d: %s", code,
                 g_quark_to_string (error->domain), error->code, error->message);
  ck_assert_str_eq (error->message, message);
}

static char *
to_gb18030 (const char *utf8,
            gsize      *length)
{
  g_autoptr(GError) error = NULL;
  char *gb = g_convert (utf8, -1, "GB18030", "UTF-8", NULL, length, &error);

  ck_assert_msg (gb != NULL, "no GB18030 converter: %s", error != NULL ? error->message : "?");
  return gb;
}

/* Reading ----------------------------------------------------------------- */

START_TEST (test_read_plain)
{
  const char *data = "id,name,households\r\n320213001001,Qingming,2000\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = read_csv (data, -1, &error);
  CommunitySheet *sheet;
  g_autofree char *cells = NULL;

  ck_assert_ptr_nonnull (book);
  sheet = g_ptr_array_index (book->sheets, 0);
  ck_assert_str_eq (sheet->name, "communities");
  ck_assert_str_eq (sheet->file, "communities.csv");
  ck_assert_uint_eq (sheet->rows->len, 2);
  cells = summary (sheet);
  ck_assert_str_eq (cells, "A1=id|B1=name|C1=households|A2=320213001001|B2=Qingming|C2=2000");
}
END_TEST

START_TEST (test_read_quoting)
{
  assert_reads_as ("a,\"b,c\",\"d\"\"e\",f\n", -1, "A1=a|B1=b,c|C1=d\"e|D1=f");
  /* A quoted empty field is empty; "" at either end of a quoted field. */
  assert_reads_as ("\"\",x,\"\"\"\",\"\"\"y\"\"\"\n", -1, "B1=x|C1=\"|D1=\"y\"");
  /* The quoted field is the last of the file, closed at the very end. */
  assert_reads_as ("a,\"b\"", -1, "A1=a|B1=b");
  /* Quotes around a whole line, with commas inside. */
  assert_reads_as ("\"1,2,3\"\n", -1, "A1=1,2,3");
}
END_TEST

START_TEST (test_read_line_ends)
{
  assert_reads_as ("a,b\r\nc,d\r\n", -1, "A1=a|B1=b|A2=c|B2=d");
  assert_reads_as ("a,b\nc,d\n", -1, "A1=a|B1=b|A2=c|B2=d");
  assert_reads_as ("a,b\rc,d\r", -1, "A1=a|B1=b|A2=c|B2=d");
  /* Mixed, and a last line without a line end. */
  assert_reads_as ("a\r\nb\nc\rd", -1, "A1=a|A2=b|A3=c|A4=d");
  /* CR CR is two line ends: an empty record between. */
  assert_reads_as ("a\r\rb", -1, "A1=a|A3=b");
  /* LF CR too (the CR does not belong to the LF before it). */
  assert_reads_as ("a\n\rb", -1, "A1=a|A3=b");
}
END_TEST

START_TEST (test_read_embedded_newlines)
{
  /* A quoted field spanning lines is one cell; the next record is row 2,
   * though it starts on the file's line 3. */
  assert_reads_as ("\"x\r\ny\",z\r\nw\r\n", -1, "A1=x\r\ny|B1=z|A2=w");
  assert_reads_as ("\"x\ny\rz\"\n", -1, "A1=x\ny\rz");
}
END_TEST

START_TEST (test_read_bom)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  CommunitySheet *sheet;

  assert_reads_as ("\xEF\xBB\xBFid,name\n1,x\n", -1, "A1=id|B1=name|A2=1|B2=x");
  /* Only the first three bytes are a BOM; one later is text. */
  book = read_csv ("\xEF\xBB\xBF\xEF\xBB\xBFid", -1, &error);
  ck_assert_ptr_nonnull (book);
  sheet = g_ptr_array_index (book->sheets, 0);
  ck_assert_str_eq (g_array_index (sheet->cells, CommunityCell, 0).text, "\xEF\xBB\xBFid");
  /* A BOM alone: a file of no record. */
  g_clear_pointer (&book, community_sheet_book_free);
  book = read_csv ("\xEF\xBB\xBF", -1, &error);
  ck_assert_ptr_nonnull (book);
  ck_assert_uint_eq (((CommunitySheet *) g_ptr_array_index (book->sheets, 0))->rows->len, 0);
  /* A UTF-8 BOM promises UTF-8: GB18030 after it is refused. */
  assert_refused ("\xEF\xBB\xBFid\n\xB1\xE0", -1, COMMUNITY_PARSE_ERROR_SYNTAX,
                  "communities.csv: byte 6: not UTF-8, though the file starts with a "
                  "UTF-8 byte order mark");
}
END_TEST

START_TEST (test_read_gb18030)
{
  const char *utf8 = "编号,名称,户数\r\n320213001001,清名桥社区,2000\r\n,\"梁溪区，崇安\",\r\n";
  gsize length = 0;
  g_autofree char *gb = to_gb18030 (utf8, &length);

  /* The bytes are not UTF-8: the test would prove nothing otherwise. */
  ck_assert (!g_utf8_validate_len (gb, length, NULL));
  assert_reads_as (gb, (gssize) length,
                   "A1=编号|B1=名称|C1=户数|A2=320213001001|B2=清名桥社区|C2=2000|B3=梁溪区，崇安");
  /* Characters beyond GB2312 and the BMP (four-byte sequences). */
  {
    g_autofree char *rare = to_gb18030 ("𠀀,€,é\n", &length);

    assert_reads_as (rare, (gssize) length, "A1=𠀀|B1=€|C1=é");
  }
}
END_TEST

START_TEST (test_read_neither)
{
  gsize length = 0;
  g_autofree char *gb = to_gb18030 ("名称,编号\n清名桥", &length);
  g_autofree char *bad_gb = NULL;
  g_autofree char *message = NULL;

  /* ASCII, then a byte that starts nothing in either. */
  assert_refused ("id,name\nabc,\xFF\xFF\n", -1, COMMUNITY_PARSE_ERROR_SYNTAX,
                  "communities.csv: byte 12: neither UTF-8 nor GB18030");
  /* GB18030 that goes wrong late: reported where GB18030 stopped. */
  bad_gb = g_malloc (length + 2);
  memcpy (bad_gb, gb, length);
  memcpy (bad_gb + length, "\x80\n", 2);
  message = g_strdup_printf ("communities.csv: byte %" G_GSIZE_FORMAT ": neither UTF-8 nor GB18030",
                             length);
  assert_refused (bad_gb, (gssize) length + 2, COMMUNITY_PARSE_ERROR_SYNTAX, message);
  /* UTF-8 that goes wrong late, though as GB18030 it fails at byte 2
   * ("€1" is E2 82 AC 31: AC 31 starts a four-byte sequence that LF
   * breaks): reported where UTF-8 stopped. */
  assert_refused ("\xE2\x82\xAC" "1\nabcdefghij,\xFF\n", -1, COMMUNITY_PARSE_ERROR_SYNTAX,
                  "communities.csv: byte 16: neither UTF-8 nor GB18030");
  /* A truncated GB18030 sequence at the end. */
  assert_refused ("ab,\xB1", -1, COMMUNITY_PARSE_ERROR_SYNTAX,
                  "communities.csv: byte 3: neither UTF-8 nor GB18030");
}
END_TEST

START_TEST (test_read_utf16)
{
  static const char le[] = "\xFF\xFEi\0d\0\n\0";
  static const char be[] = "\xFE\xFF\0i\0d\0\n";
  const char *message = "communities.csv: a UTF-16 file (it starts with a UTF-16 byte order mark); "
                        "save it as CSV in UTF-8 or GB18030";

  assert_refused (le, sizeof le - 1, COMMUNITY_PARSE_ERROR_SYNTAX, message);
  assert_refused (be, sizeof be - 1, COMMUNITY_PARSE_ERROR_SYNTAX, message);
}
END_TEST

START_TEST (test_read_nul)
{
  static const char unquoted[] = "a,b,c\nd,e,f\ng,h,i\nj,k,l\nm,n,o\np,q,r\ns,t,x\0y\n";
  static const char quoted[] = "a,b\nc,\"d\0\"\n";
  static const char alone[] = "a,\0,c\n";
  static const char after[] = "a\0";
  gsize length = 0;
  g_autofree char *gb = to_gb18030 ("名称\n清名桥,", &length);
  g_autofree char *gb_nul = g_malloc (length + 1);

  assert_refused (unquoted, sizeof unquoted - 1, COMMUNITY_PARSE_ERROR_LIMIT,
                  "communities.csv!C7: the character U+0000, which the library cannot hold");
  assert_refused (quoted, sizeof quoted - 1, COMMUNITY_PARSE_ERROR_LIMIT,
                  "communities.csv!B2: the character U+0000, which the library cannot hold");
  assert_refused (alone, sizeof alone - 1, COMMUNITY_PARSE_ERROR_LIMIT,
                  "communities.csv!B1: the character U+0000, which the library cannot hold");
  assert_refused (after, sizeof after - 1, COMMUNITY_PARSE_ERROR_LIMIT,
                  "communities.csv!A1: the character U+0000, which the library cannot hold");
  /* In a GB18030 file, at its cell too. */
  memcpy (gb_nul, gb, length);
  gb_nul[length] = '\0';
  assert_refused (gb_nul, (gssize) length + 1, COMMUNITY_PARSE_ERROR_LIMIT,
                  "communities.csv!B2: the character U+0000, which the library cannot hold");
}
END_TEST

START_TEST (test_read_unterminated_quote)
{
  assert_refused ("a,b\nc,\"d\ne\n", -1, COMMUNITY_PARSE_ERROR_SYNTAX,
                  "communities.csv!B2: a quoted field is not closed before the end of the file");
  assert_refused ("\"", -1, COMMUNITY_PARSE_ERROR_SYNTAX,
                  "communities.csv!A1: a quoted field is not closed before the end of the file");
  /* An escaped quote at the very end does not close it. */
  assert_refused ("x\n\"ab\"\"", -1, COMMUNITY_PARSE_ERROR_SYNTAX,
                  "communities.csv!A2: a quoted field is not closed before the end of the file");
}
END_TEST

START_TEST (test_read_stray_quotes)
{
  /* Inside an unquoted field, a quote is a character. */
  assert_reads_as ("ab\"c,d\"\n", -1, "A1=ab\"c|B1=d\"");
  assert_reads_as (" \"x\",y\n", -1, "A1= \"x\"|B1=y");
  /* After the closing quote of a quoted field, text is refused. */
  assert_refused ("a,b\nc,\"d\"e,f\n", -1, COMMUNITY_PARSE_ERROR_SYNTAX,
                  "communities.csv!B2: text after the closing quote of a quoted field");
  assert_refused ("\"d\" ,e\n", -1, COMMUNITY_PARSE_ERROR_SYNTAX,
                  "communities.csv!A1: text after the closing quote of a quoted field");
}
END_TEST

START_TEST (test_read_ragged_and_empty)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  CommunitySheet *sheet;

  /* Short rows have fewer cells; a long row keeps its extra cells. */
  assert_reads_as ("a,b,c\nd\ne,f,g,h,i\n", -1, "A1=a|B1=b|C1=c|A2=d|A3=e|B3=f|C3=g|D3=h|E3=i");
  /* Empty fields are not stored. */
  assert_reads_as ("a,,c\n,,\n,x,\n", -1, "A1=a|C1=c|B3=x");
  /* An empty line is a record with no cells: it keeps its row number. */
  book = read_csv ("a\n\n\nb\n", -1, &error);
  ck_assert_ptr_nonnull (book);
  sheet = g_ptr_array_index (book->sheets, 0);
  ck_assert_uint_eq (sheet->rows->len, 2);
  ck_assert_uint_eq (g_array_index (sheet->rows, CommunitySheetRow, 0).number, 1);
  ck_assert_uint_eq (g_array_index (sheet->rows, CommunitySheetRow, 1).number, 4);
  /* Empty lines at the start and the end. */
  assert_reads_as ("\n\nx\n\n", -1, "A3=x");
  /* An empty file: a sheet of no rows. */
  g_clear_pointer (&book, community_sheet_book_free);
  book = read_csv ("", 0, &error);
  ck_assert_ptr_nonnull (book);
  ck_assert_uint_eq (((CommunitySheet *) g_ptr_array_index (book->sheets, 0))->rows->len, 0);
  /* A last line without its line end is a record. */
  assert_reads_as ("a\nb", -1, "A1=a|A2=b");
  assert_reads_as ("a\nb,", -1, "A1=a|A2=b");
}
END_TEST

START_TEST (test_read_limits)
{
  GString *wide = g_string_new (NULL);
  GString *tall = g_string_new (NULL);

  /* Column XFD (16384) is the last. */
  for (guint i = 0; i < COMMUNITY_SHEET_MAX_COLUMNS - 1; i++)
    g_string_append_c (wide, ',');
  g_string_append (wide, "x\n");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CommunitySheetBook) book = read_csv (wide->str, (gssize) wide->len, &error);
    g_autofree char *cells = NULL;

    ck_assert_ptr_nonnull (book);
    cells = summary (g_ptr_array_index (book->sheets, 0));
    ck_assert_str_eq (cells, "XFD1=x");
  }
  /* One more is refused; as many empty fields are not. */
  g_string_truncate (wide, wide->len - 2);
  g_string_append (wide, ",x\n");
  assert_refused (wide->str, (gssize) wide->len, COMMUNITY_PARSE_ERROR_LIMIT,
                  "communities.csv: row 1: more than 16384 columns");
  g_string_truncate (wide, wide->len - 2);
  g_string_append (wide, ",,\nx\n");
  assert_reads_as (wide->str, (gssize) wide->len, "A2=x");
  g_string_free (wide, TRUE);

  /* Row 1048576 is the last. */
  for (guint i = 0; i < COMMUNITY_SHEET_MAX_ROWS - 1; i++)
    g_string_append_c (tall, '\n');
  g_string_append (tall, "x\n");
  assert_reads_as (tall->str, (gssize) tall->len, "A1048576=x");
  g_string_append (tall, "\n");
  assert_refused (tall->str, (gssize) tall->len, COMMUNITY_PARSE_ERROR_LIMIT,
                  "communities.csv: more than 1048576 rows");
  g_string_free (tall, TRUE);
}
END_TEST

START_TEST (test_read_into_book)
{
  g_autoptr(CommunitySheetBook) book = community_sheet_book_new ();
  g_autoptr(GError) error = NULL;

  ck_assert (community_csv_read (book, "grids", "grids.csv", "id\ng1\n", 6, &error));
  /* A refused file adds no sheet and leaves the others as they were. */
  ck_assert (!community_csv_read (book, "workers", "workers.csv", "\"", 1, &error));
  ck_assert_uint_eq (book->sheets->len, 1);
  ck_assert_ptr_nonnull (community_sheet_book_find_sheet (book, "grids"));
  ck_assert_ptr_null (community_sheet_book_find_sheet (book, "workers"));
}
END_TEST

/* Writing ----------------------------------------------------------------- */

static CommunitySheet *
tricky_sheet (CommunitySheetBook *book)
{
  CommunitySheet *sheet = community_sheet_book_add_sheet (book, "workers", "workers.csv");
  static const struct {
    guint32 row, column;
    const char *text;
  } cells[] = {
    { 1, 0, "\xEF\xBB\xBF" "id" },  /* a BOM that is text */
    { 1, 1, "name" },
    { 1, 2, "note" },
    { 3, 0, "007" },
    { 3, 1, "a,b" },
    { 3, 2, "say \"hi\"" },
    { 3, 3, "\"" },
    { 4, 0, "line1\nline2" },
    { 4, 3, "梁溪区 清名桥社区" },
    { 5, 0, " lead" },
    { 5, 1, "trail " },
    { 5, 2, "\r" },
    { 5, 3, "\r\n" },
    { 5, 4, "a\"b" },
    { 7, 5, "3.20213E+11" },
    { 8, 0, "\t" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    community_sheet_append_cell (book, sheet, cells[i].row, cells[i].column,
                                 COMMUNITY_CELL_STRING, cells[i].text, -1, 0);
  return sheet;
}

START_TEST (test_write)
{
  g_autoptr(CommunitySheetBook) book = community_sheet_book_new ();
  CommunitySheet *sheet = tricky_sheet (book);
  g_autoptr(GString) out = g_string_new ("kept:");

  community_csv_write_sheet (sheet, out);
  ck_assert_str_eq (out->str,
                    "kept:"
                    "\"\xEF\xBB\xBF" "id\",name,note\r\n"
                    "\r\n"
                    "007,\"a,b\",\"say \"\"hi\"\"\",\"\"\"\"\r\n"
                    "\"line1\nline2\",,,梁溪区 清名桥社区\r\n"
                    "\" lead\",\"trail \",\"\r\",\"\r\n\",\"a\"\"b\"\r\n"
                    "\r\n"
                    ",,,,,3.20213E+11\r\n"
                    "\"\t\"\r\n");
}
END_TEST

START_TEST (test_write_empty)
{
  g_autoptr(CommunitySheetBook) book = community_sheet_book_new ();
  CommunitySheet *sheet = community_sheet_book_add_sheet (book, "empty", "empty.csv");
  g_autoptr(GString) out = g_string_new (NULL);

  community_csv_write_sheet (sheet, out);
  ck_assert_uint_eq (out->len, 0);
  /* A sheet whose first row is row 3. */
  community_sheet_append_cell (book, sheet, 3, 1, COMMUNITY_CELL_NUMBER, "2000", -1, 2000);
  community_csv_write_sheet (sheet, out);
  ck_assert_str_eq (out->str, "\r\n\r\n,2000\r\n");
}
END_TEST

START_TEST (test_round_trip)
{
  g_autoptr(CommunitySheetBook) book = community_sheet_book_new ();
  CommunitySheet *sheet = tricky_sheet (book);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(CommunitySheetBook) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  community_csv_write_sheet (sheet, out);
  again = read_csv (out->str, (gssize) out->len, &error);
  ck_assert_msg (again != NULL, "refused: %s", error != NULL ? error->message : "?");
  before = test_sheet_dump (sheet);
  after = test_sheet_dump (g_ptr_array_index (again->sheets, 0));
  ck_assert_str_eq (after, before);
}
END_TEST

/* Folders ----------------------------------------------------------------- */

static void
write_file (const char *dir,
            const char *name,
            const char *data,
            gssize      length)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  ck_assert_msg (g_file_set_contents (path, data, length, &error), "%s",
                 error != NULL ? error->message : "?");
}

START_TEST (test_folder)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-csv-XXXXXX", &error);
  g_autofree char *subdir = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  gsize length = 0;
  g_autofree char *gb = to_gb18030 ("id,名称\nw1,张三\n", &length);
  static const char *const expected[][3] = {
    { "communities", "communities.csv", "A1=id|A2=c1" },
    { "grids", "grids.CSV", "A1=id|B1=community|A2=g1|B2=c1" },
    { "workers", "workers.csv", "A1=id|B1=名称|A2=w1|B2=张三" },
  };

  ck_assert_ptr_nonnull (dir);
  write_file (dir, "workers.csv", gb, (gssize) length);
  write_file (dir, "grids.CSV", "id,community\r\ng1,c1\r\n", -1);
  write_file (dir, "communities.csv", "\xEF\xBB\xBFid\nc1\n", -1);
  write_file (dir, "notes.txt", "not a sheet \xFF", -1);
  write_file (dir, "._grids.csv", "\x00\x05\x16\x07", 4);  /* macOS's AppleDouble */
  subdir = g_build_filename (dir, "old.csv", NULL);
  ck_assert_int_eq (g_mkdir (subdir, 0700), 0);

  folder = g_file_new_for_path (dir);
  book = community_csv_read_folder (folder, NULL, &error);
  ck_assert_msg (book != NULL, "refused: %s", error != NULL ? error->message : "?");
  ck_assert_uint_eq (book->sheets->len, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      CommunitySheet *sheet = g_ptr_array_index (book->sheets, i);
      g_autofree char *cells = summary (sheet);

      ck_assert_str_eq (sheet->name, expected[i][0]);
      ck_assert_str_eq (sheet->file, expected[i][1]);
      ck_assert_str_eq (cells, expected[i][2]);
    }
  g_clear_pointer (&book, community_sheet_book_free);

  /* A cancelled read. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    book = community_csv_read_folder (folder, cancellable, &error);
    ck_assert_ptr_null (book);
    ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
    g_clear_error (&error);
  }

  /* A bad file refuses the folder, by its name. */
  write_file (dir, "grids.CSV", "id\n\"g1\n", -1);
  book = community_csv_read_folder (folder, NULL, &error);
  ck_assert_ptr_null (book);
  ck_assert_str_eq (error->message,
                    "grids.CSV!A2: a quoted field is not closed before the end of the file");
  g_clear_error (&error);

  /* Two files for one sheet. */
  write_file (dir, "grids.CSV", "id\n", -1);
  write_file (dir, "grids.csv", "id\n", -1);
  book = community_csv_read_folder (folder, NULL, &error);
  ck_assert_ptr_null (book);
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_DUPLICATE));
  g_clear_error (&error);

  community_test_remove_tree (dir);
}
END_TEST

START_TEST (test_folder_without_csv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("test-csv-XXXXXX", &error);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GFile) missing = g_file_get_child (folder, "missing");
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autofree char *message = NULL;

  book = community_csv_read_folder (folder, NULL, &error);
  ck_assert_ptr_null (book);
  message = g_strdup_printf ("%s: no .csv file", dir);
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX));
  ck_assert_str_eq (error->message, message);
  g_clear_error (&error);

  write_file (dir, "communities.txt", "id\n", -1);
  book = community_csv_read_folder (folder, NULL, &error);
  ck_assert_ptr_null (book);
  ck_assert_str_eq (error->message, message);
  g_clear_error (&error);

  book = community_csv_read_folder (missing, NULL, &error);
  ck_assert_ptr_null (book);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND));

  community_test_remove_tree (dir);
}
END_TEST

/* Zips -------------------------------------------------------------------- */

static GBytes *
make_zip (const char *const *names_and_texts)
{
  CommunityZipWriter *writer = community_zip_writer_new ();

  for (guint i = 0; names_and_texts[i] != NULL; i += 2)
    community_zip_writer_add (writer, names_and_texts[i], names_and_texts[i + 1],
                              strlen (names_and_texts[i + 1]));
  return community_zip_writer_finish (writer);
}

static CommunitySheetBook *
read_zip (const char *const  *names_and_texts,
          GError            **error)
{
  g_autoptr(GBytes) zip = make_zip (names_and_texts);
  gsize length = 0;
  const char *data = g_bytes_get_data (zip, &length);

  return community_csv_read_zip (data, length, error);
}

START_TEST (test_zip)
{
  static const char *const in_folder[] = {
    "data/", "",
    "data/workers.csv", "id\nw1\n",
    "data/communities.csv", "id,name\nc1,清名桥社区\n",
    "__MACOSX/data/._workers.csv", "\x05\x16",
    "data/readme.txt", "\xFF",
    NULL,
  };
  static const char *const at_top[] = { "grids.csv", "id\ng1\n", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = read_zip (in_folder, &error);
  CommunitySheet *sheet;
  g_autofree char *cells = NULL;

  ck_assert_msg (book != NULL, "refused: %s", error != NULL ? error->message : "?");
  ck_assert_uint_eq (book->sheets->len, 2);
  sheet = g_ptr_array_index (book->sheets, 0);
  ck_assert_str_eq (sheet->name, "communities");
  ck_assert_str_eq (sheet->file, "communities.csv");
  cells = summary (sheet);
  ck_assert_str_eq (cells, "A1=id|B1=name|A2=c1|B2=清名桥社区");
  sheet = g_ptr_array_index (book->sheets, 1);
  ck_assert_str_eq (sheet->name, "workers");

  g_clear_pointer (&book, community_sheet_book_free);
  book = read_zip (at_top, &error);
  ck_assert_ptr_nonnull (book);
  ck_assert_str_eq (((CommunitySheet *) g_ptr_array_index (book->sheets, 0))->name, "grids");
}
END_TEST

START_TEST (test_zip_refused)
{
  static const char *const none[] = { "readme.txt", "x", NULL };
  static const char *const two_folders[] = { "a/grids.csv", "id\n", "b/workers.csv", "id\n", NULL };
  static const char *const deep[] = { "a/b/grids.csv", "id\n", NULL };
  static const char *const bad[] = { "grids.csv", "id\n", "workers.csv", "id\n\xFF", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;

  book = read_zip (none, &error);
  ck_assert_ptr_null (book);
  ck_assert_str_eq (error->message, "the zip: no .csv file");
  g_clear_error (&error);

  book = read_zip (two_folders, &error);
  ck_assert_ptr_null (book);
  ck_assert_str_eq (error->message, "b/workers.csv: the zip's .csv files are not all in one folder");
  g_clear_error (&error);

  book = read_zip (deep, &error);
  ck_assert_ptr_null (book);
  ck_assert_str_eq (error->message, "a/b/grids.csv: a .csv file more than one folder deep in the zip");
  g_clear_error (&error);

  book = read_zip (bad, &error);
  ck_assert_ptr_null (book);
  ck_assert_str_eq (error->message, "workers.csv: byte 3: neither UTF-8 nor GB18030");
  g_clear_error (&error);

  book = community_csv_read_zip ("not a zip", 9, &error);
  ck_assert_ptr_null (book);
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX));
}
END_TEST

int
main (int   argc,
      char *argv[])
{
  Suite *suite;
  TCase *reading, *writing, *folders, *zips;

  if (argc > 1 && strcmp (argv[1], "zip") == 0)
    {
      suite = suite_create ("csv-zip");
      zips = tcase_create ("zips");
      tcase_add_test (zips, test_zip);
      tcase_add_test (zips, test_zip_refused);
      suite_add_tcase (suite, zips);
      return community_test_run (suite);
    }

  suite = suite_create ("csv");
  reading = tcase_create ("reading");
  tcase_add_test (reading, test_read_plain);
  tcase_add_test (reading, test_read_quoting);
  tcase_add_test (reading, test_read_line_ends);
  tcase_add_test (reading, test_read_embedded_newlines);
  tcase_add_test (reading, test_read_bom);
  tcase_add_test (reading, test_read_gb18030);
  tcase_add_test (reading, test_read_neither);
  tcase_add_test (reading, test_read_utf16);
  tcase_add_test (reading, test_read_nul);
  tcase_add_test (reading, test_read_unterminated_quote);
  tcase_add_test (reading, test_read_stray_quotes);
  tcase_add_test (reading, test_read_ragged_and_empty);
  tcase_add_test (reading, test_read_limits);
  tcase_add_test (reading, test_read_into_book);
  suite_add_tcase (suite, reading);

  writing = tcase_create ("writing");
  tcase_add_test (writing, test_write);
  tcase_add_test (writing, test_write_empty);
  tcase_add_test (writing, test_round_trip);
  suite_add_tcase (suite, writing);

  folders = tcase_create ("folders");
  tcase_add_test (folders, test_folder);
  tcase_add_test (folders, test_folder_without_csv);
  suite_add_tcase (suite, folders);

  return community_test_run (suite);
}
