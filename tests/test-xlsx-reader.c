/* test-xlsx-reader.c: the zip layer and the .xlsx reader (lib/sheets/)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Workbooks are made here, part by part, with community_zip_writer (and
 * hostile archives byte by byte), so no binary fixture is needed; the
 * workbooks of tests/data/sheets/ were written by openpyxl
 * (tests/data/sheets/make-fixtures.py), another implementation. The
 * reader and the zip layer are private: this program is linked with
 * their objects (tests/meson.build).
 *
 * The cases tagged "slow" (a million empty formatted rows, a 2 GiB zip
 * bomb's 2 MB, 2 GiB inflated in all) run as the separate test xlsx-reader-slow, which the
 * valgrind setup leaves out.
 */

#include <math.h>
#include <string.h>
#include <zlib.h>

#include "test-common.h"
#include "test-sheets.h"
#include "zip-by-hand.h"
#include "community-sheet-book.h"
#include "community-zip.h"

/* --- making workbooks --- */

#define CONTENT_TYPES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" \
  "<Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>"

#define PACKAGE_RELS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>" \
  "</Relationships>"

#define REL(id, type, target) \
  "<Relationship Id=\"" id "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" type "\" Target=\"" target "\"/>"

#define WORKBOOK_RELS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  REL ("rId1", "worksheet", "worksheets/sheet1.xml") \
  REL ("rId2", "worksheet", "/xl/worksheets/sheet2.xml") \
  REL ("rId3", "sharedStrings", "sharedStrings.xml") \
  REL ("rId4", "styles", "styles.xml") \
  "</Relationships>"

/* Styles: 0 General, 1 built-in date 14, 2 a custom date-time, 3 a custom
 * number whose "d" is quoted (not a date), 4 text, 5 the CJK built-in 31
 * (yyyy"年"m"月"d"日"), 6 an elapsed time [h]:mm (a number). */
#define STYLES \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
  "<numFmts count=\"3\">" \
  "<numFmt numFmtId=\"164\" formatCode=\"yyyy\\-mm\\-dd\\ hh:mm:ss\"/>" \
  "<numFmt numFmtId=\"165\" formatCode=\"0.00&quot;d&quot;\"/>" \
  "<numFmt numFmtId=\"166\" formatCode=\"[h]:mm\"/>" \
  "</numFmts>" \
  "<cellStyleXfs count=\"1\"><xf numFmtId=\"14\"/></cellStyleXfs>" \
  "<cellXfs count=\"7\"><xf numFmtId=\"0\"/><xf numFmtId=\"14\" applyNumberFormat=\"1\"/>" \
  "<xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"49\"/><xf numFmtId=\"31\"/>" \
  "<xf numFmtId=\"166\"/></cellXfs>" \
  "</styleSheet>"

/* Shared strings: 0 社区 (two rich-text runs and a phonetic run that is
 * not part of it), 1 " padded " (kept as written), 2 empty. */
#define SHARED_STRINGS \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"3\" uniqueCount=\"3\">" \
  "<si><r><rPr><b/></rPr><t>社</t></r><r><t>区</t></r><rPh sb=\"0\" eb=\"1\"><t>shequ</t></rPh></si>" \
  "<si><t xml:space=\"preserve\"> padded </t></si>" \
  "<si><t/></si>" \
  "</sst>"

#define SHEET_HEAD \
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" \
  "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " \
  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
  "<dimension ref=\"A1:C3\"/><sheetData>"
#define SHEET_TAIL "</sheetData></worksheet>"

static char *
workbook_xml (gboolean date1904)
{
  return g_strdup_printf ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                          "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                          "<workbookPr%s/>"
                          "<sheets><sheet name=\"社区\" sheetId=\"1\" r:id=\"rId1\"/>"
                          "<sheet name=\"second\" sheetId=\"2\" state=\"hidden\" r:id=\"rId2\"/></sheets>"
                          "</workbook>",
                          date1904 ? " date1904=\"1\"" : "");
}

/* A workbook of two sheets, 社区 (@sheet1's <sheetData> content) and
 * "second" (@sheet2's, or empty); with @omit, that part is left out. */
static GBytes *
make_workbook_full (const char *sheet1,
                    const char *sheet2,
                    gboolean    date1904,
                    const char *omit)
{
  CommunityZipWriter *writer = community_zip_writer_new ();
  g_autofree char *workbook = workbook_xml (date1904);
  g_autofree char *first = g_strconcat (SHEET_HEAD, sheet1, SHEET_TAIL, NULL);
  g_autofree char *second = g_strconcat (SHEET_HEAD, sheet2 != NULL ? sheet2 : "", SHEET_TAIL, NULL);
  const char *parts[][2] = {
    { "[Content_Types].xml", CONTENT_TYPES },
    { "_rels/.rels", PACKAGE_RELS },
    { "xl/workbook.xml", workbook },
    { "xl/_rels/workbook.xml.rels", WORKBOOK_RELS },
    { "xl/styles.xml", STYLES },
    { "xl/sharedStrings.xml", SHARED_STRINGS },
    { "xl/worksheets/sheet1.xml", first },
    { "xl/worksheets/sheet2.xml", second },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (parts); i++)
    if (omit == NULL || strcmp (omit, parts[i][0]) != 0)
      community_zip_writer_add (writer, parts[i][0], parts[i][1], strlen (parts[i][1]));
  return community_zip_writer_finish (writer);
}

static GBytes *
make_workbook (const char *sheet1)
{
  return make_workbook_full (sheet1, NULL, FALSE, NULL);
}

static CommunitySheetBook *
read_bytes (GBytes  *bytes,
            GError **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return community_xlsx_read (data, length, error);
}

static CommunitySheetBook *
read_sheet (const char *sheet1,
            GError    **error)
{
  g_autoptr(GBytes) bytes = make_workbook (sheet1);

  return read_bytes (bytes, error);
}


static void
assert_cell (const CommunitySheet *sheet,
             const char           *reference,
             CommunityCellType     type,
             const char           *text,
             double                number)
{
  const CommunityCell *cell = test_sheet_cell_named (sheet, reference);

  ck_assert_msg (cell != NULL, "%s is empty", reference);
  ck_assert_msg (cell->type == type, "%s: type %d, expected %d", reference, cell->type, type);
  ck_assert_str_eq (cell->text, text);
  ck_assert_uint_eq (cell->length, strlen (text));
  ck_assert_msg (isnan (number) || cell->number == number, "%s: number %.17g, expected %.17g",
                 reference, cell->number, number);
}

/* That reading @sheet1 fails with @code and a message that starts with
 * @prefix (its sheet and cell) and never holds @secret. */
static void
assert_refused (const char *sheet1,
                gint        code,
                const char *prefix,
                const char *secret)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = read_sheet (sheet1, &error);

  ck_assert_msg (book == NULL, "read, expected %s", prefix);
  ck_assert (error != NULL);
  ck_assert_msg (g_error_matches (error, COMMUNITY_PARSE_ERROR, code),
                 "code %d, expected %d: %s", error->code, code, error->message);
  ck_assert_msg (g_str_has_prefix (error->message, prefix), "%s", error->message);
  if (secret != NULL)
    ck_assert_msg (strstr (error->message, secret) == NULL, "%s", error->message);
}

/* --- hand-made zip archives (zip-by-hand.h) --- */


/* A raw deflate stream of @megabytes MiB of zeros, built without deflating
 * them all: one MiB deflated with a full flush (which starts the next
 * block afresh) is repeated, then the final block. */
static GByteArray *
deflated_zeros (guint megabytes)
{
  GByteArray *out = g_byte_array_new ();
  g_autofree guint8 *zeros = g_malloc0 (1 << 20);
  g_autofree guint8 *buffer = g_malloc (1 << 20);
  z_stream stream = { 0, };
  gsize block;

  ck_assert_int_eq (deflateInit2 (&stream, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY), Z_OK);
  stream.next_in = zeros;
  stream.avail_in = 1 << 20;
  stream.next_out = buffer;
  stream.avail_out = 1 << 20;
  ck_assert_int_eq (deflate (&stream, Z_FULL_FLUSH), Z_OK);
  block = (1 << 20) - stream.avail_out;
  for (guint i = 0; i < megabytes; i++)
    g_byte_array_append (out, buffer, (guint) block);
  stream.next_out = buffer;
  stream.avail_out = 1 << 20;
  ck_assert_int_eq (deflate (&stream, Z_FINISH), Z_STREAM_END);
  g_byte_array_append (out, buffer, (guint) ((1 << 20) - stream.avail_out));
  deflateEnd (&stream);
  return out;
}

/* --- the zip layer --- */

static CommunityZip *
open_bytes (GBytes  *bytes,
            GError **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return community_zip_open (data, length, error);
}

START_TEST (test_zip_round_trip)
{
  CommunityZipWriter *writer = community_zip_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityZip) zip = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) empty = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_strnfill (300000, 'x');
  const char *const *names;
  gsize length;
  const char *data;

  community_zip_writer_add (writer, "社区.csv", "id,name\r\n", 9);
  community_zip_writer_add (writer, "big.txt", big, 300000);
  community_zip_writer_add (writer, "empty", "", 0);
  bytes = community_zip_writer_finish (writer);
  data = g_bytes_get_data (bytes, &length);
  ck_assert_uint_lt (length, 10000);  /* deflated */

  zip = community_zip_open (data, length, &error);
  ck_assert_msg (zip != NULL, "%s", error->message);
  names = community_zip_list (zip);
  ck_assert_str_eq (names[0], "社区.csv");
  ck_assert_str_eq (names[1], "big.txt");
  ck_assert_str_eq (names[2], "empty");
  ck_assert_ptr_null (names[3]);

  first = community_zip_read (zip, "社区.csv", &error);
  ck_assert_msg (first != NULL, "%s", error->message);
  ck_assert_uint_eq (g_bytes_get_size (first), 9);
  ck_assert (memcmp (g_bytes_get_data (first, NULL), "id,name\r\n", 9) == 0);
  second = community_zip_read (zip, "big.txt", &error);
  ck_assert_msg (second != NULL, "%s", error->message);
  ck_assert_uint_eq (g_bytes_get_size (second), 300000);
  ck_assert (memcmp (g_bytes_get_data (second, NULL), big, 300000) == 0);
  empty = community_zip_read (zip, "empty", &error);
  ck_assert (empty != NULL && g_bytes_get_size (empty) == 0);

  ck_assert_ptr_null (community_zip_read (zip, "missing", &error));
  ck_assert_ptr_null (error);
}
END_TEST

START_TEST (test_zip_not_a_zip)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = make_workbook ("");
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  ck_assert_ptr_null (community_zip_open ("hello, world", 12, &error));
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX));
  g_clear_error (&error);
  ck_assert_ptr_null (community_zip_open ("", 0, &error));
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX));
  g_clear_error (&error);
  /* cut short: the central directory is gone */
  ck_assert_ptr_null (community_zip_open (data, length / 2, &error));
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX));
  g_clear_error (&error);
  /* and through the reader */
  ck_assert_ptr_null (community_xlsx_read ("PK\3\4 not really", 16, &error));
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX));
}
END_TEST

/* @text deflated raw (no zlib wrapper), as a zip entry holds it. */
static GBytes *
raw_deflate (const char *text,
             gsize       length)
{
  z_stream z = { 0 };
  guint8 *out = g_malloc (length + 64);
  gsize produced;

  ck_assert_int_eq (deflateInit2 (&z, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY), Z_OK);
  z.next_in = (Bytef *) text;
  z.avail_in = (uInt) length;
  z.next_out = out;
  z.avail_out = (uInt) length + 64;
  ck_assert_int_eq (deflate (&z, Z_FINISH), Z_STREAM_END);
  produced = z.total_out;
  deflateEnd (&z);
  return g_bytes_new_take (out, produced);
}

/* Deflated entries that do not hold what they say, whichever inflater
 * (zlib's, or igzip's where the library is built with ISA-L) reads them:
 * a wrong CRC, data cut short, data damaged mid-stream, data that ends
 * before the size it declares. */
START_TEST (test_zip_damaged_deflated)
{
  RawZip raw = RAW_ZIP_INIT;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityZip) zip = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GBytes) deflated = NULL;
  g_autofree guint8 *damaged = NULL;
  const guint8 *data;
  gsize length;
  guint32 crc;
  static const char *const refused[][2] = {
    { "bad-crc", "'s CRC does not match its data" },
    { "cut", "'s compressed data is cut short" },
    { "damaged", NULL },
    { "declares-more", " inflates to fewer bytes than it declares" },
  };

  /* 400 KB that deflate to more than one 64 KiB read of the entry */
  for (guint32 i = 0, x = 1; text->len < 400000; i++)
    {
      x = x * 1664525u + 1013904223u;
      g_string_append_printf (text, "<row r=\"%u\"><c><v>%08x</v></c></row>", i, x);
    }
  crc = (guint32) crc32 (0, (const Bytef *) text->str, (uInt) text->len);
  deflated = raw_deflate (text->str, text->len);
  data = g_bytes_get_data (deflated, &length);
  ck_assert_uint_gt (length, 70000);
  damaged = g_memdup2 (data, length);
  for (gsize i = length / 2; i < length / 2 + 64; i++)
    damaged[i] ^= 0x5a;

  raw_zip_add (&raw, "right", 8, data, length, text->len, crc);
  raw_zip_add (&raw, "bad-crc", 8, data, length, text->len, crc ^ 0x80000000u);
  raw_zip_add (&raw, "cut", 8, data, length - 1000, text->len, crc);
  raw_zip_add (&raw, "damaged", 8, damaged, length, text->len, crc);
  raw_zip_add (&raw, "declares-more", 8, data, length, text->len + 1, crc);
  bytes = raw_zip_finish (&raw);
  zip = open_bytes (bytes, &error);
  ck_assert_msg (zip != NULL, "%s", error->message);

  {
    g_autoptr(GBytes) right = community_zip_read (zip, "right", &error);

    ck_assert_msg (right != NULL, "%s", error->message);
    ck_assert_uint_eq (g_bytes_get_size (right), text->len);
    ck_assert (memcmp (g_bytes_get_data (right, NULL), text->str, text->len) == 0);
  }
  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *expected = NULL;

      ck_assert_msg (community_zip_read (zip, refused[i][0], &error) == NULL, "%s was read", refused[i][0]);
      ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX));
      expected = g_strconcat (refused[i][0], ": the zip entry", refused[i][1], NULL);
      if (refused[i][1] != NULL)
        ck_assert_str_eq (error->message, expected);
      else  /* damaged: whatever the inflater notices first, or the CRC */
        ck_assert_msg (g_str_has_prefix (error->message, expected), "%s", error->message);
      ck_assert (strstr (error->message, "<row") == NULL);
      g_clear_error (&error);
    }
}
END_TEST

START_TEST (test_zip_damaged)
{
  RawZip raw = RAW_ZIP_INIT;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityZip) zip = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "<a>hello</a>";
  guint32 crc = (guint32) crc32 (0, (const Bytef *) text, 12);

  raw_zip_add (&raw, "right", 0, (const guint8 *) text, 12, 12, crc);
  raw_zip_add (&raw, "bad-crc", 0, (const guint8 *) text, 12, 12, crc ^ 1);
  raw_zip_add (&raw, "short", 0, (const guint8 *) text, 12, 13, crc);
  raw_zip_add (&raw, "bad-deflate", 8, (const guint8 *) "\xff\xff\xff\xff", 4, 12, crc);
  raw_zip_add (&raw, "bzip2", 12, (const guint8 *) text, 12, 12, crc);
  bytes = raw_zip_finish (&raw);
  zip = open_bytes (bytes, &error);
  ck_assert_msg (zip != NULL, "%s", error->message);

  {
    g_autoptr(GBytes) right = community_zip_read (zip, "right", &error);
    ck_assert_msg (right != NULL, "%s", error->message);
    ck_assert_uint_eq (g_bytes_get_size (right), 12);
  }
  ck_assert_ptr_null (community_zip_read (zip, "bad-crc", &error));
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX));
  ck_assert (g_str_has_prefix (error->message, "bad-crc: "));
  ck_assert (strstr (error->message, "hello") == NULL);
  g_clear_error (&error);
  ck_assert_ptr_null (community_zip_read (zip, "short", &error));
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX));
  g_clear_error (&error);
  ck_assert_ptr_null (community_zip_read (zip, "bad-deflate", &error));
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX));
  g_clear_error (&error);
  ck_assert_ptr_null (community_zip_read (zip, "bzip2", &error));
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_FORMAT));
  ck_assert (g_str_has_prefix (error->message, "bzip2: "));
}
END_TEST

START_TEST (test_zip_too_many_entries)
{
  RawZip raw = RAW_ZIP_INIT;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i <= COMMUNITY_ZIP_MAX_ENTRIES; i++)
    {
      char name[16];

      g_snprintf (name, sizeof name, "e%u", i);
      raw_zip_add (&raw, name, 0, (const guint8 *) "", 0, 0, 0);
    }
  bytes = raw_zip_finish (&raw);
  ck_assert_ptr_null (open_bytes (bytes, &error));
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT));
}
END_TEST

START_TEST (test_zip_duplicate_entry)
{
  RawZip raw = RAW_ZIP_INIT;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  raw_zip_add (&raw, "xl/workbook.xml", 0, (const guint8 *) "a", 1, 1, (guint32) crc32 (0, (const Bytef *) "a", 1));
  raw_zip_add (&raw, "xl/workbook.xml", 0, (const guint8 *) "b", 1, 1, (guint32) crc32 (0, (const Bytef *) "b", 1));
  bytes = raw_zip_finish (&raw);
  ck_assert_ptr_null (open_bytes (bytes, &error));
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX));
  ck_assert (g_str_has_prefix (error->message, "xl/workbook.xml: "));
}
END_TEST

/* An entry that inflates past what it declares: refused as it inflates,
 * naming the entry, before the CRC. */
START_TEST (test_zip_bomb_lying_size)
{
  g_autoptr(GByteArray) stream = deflated_zeros (4);
  RawZip raw = RAW_ZIP_INIT;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityZip) zip = NULL;
  g_autoptr(GError) error = NULL;

  raw_zip_add (&raw, "xl/worksheets/sheet1.xml", 8, stream->data, stream->len, 100000, 0);
  bytes = raw_zip_finish (&raw);
  zip = open_bytes (bytes, &error);
  ck_assert_msg (zip != NULL, "%s", error->message);
  ck_assert_ptr_null (community_zip_read (zip, "xl/worksheets/sheet1.xml", &error));
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT));
  ck_assert_msg (strstr (error->message, "more bytes than it declares") != NULL, "%s", error->message);
  ck_assert (g_str_has_prefix (error->message, "xl/worksheets/sheet1.xml: "));
}
END_TEST

/* 2 GiB of zeros in 2 MB: refused by what it declares, before inflating. */
START_TEST (test_zip_bomb_2gib)
{
  g_autoptr(GByteArray) stream = deflated_zeros (2048);
  struct { guint32 declared; const char *why; } cases[] = {
    { 0x80000000u, "declares more than 1 GiB" },                       /* the truth */
    { 0x40000000u, "declares more than 200 times its compressed size" },
    { 0x00100000u, "more bytes than it declares" },                     /* a lie */
  };

  ck_assert_uint_lt (stream->len, 4 << 20);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      RawZip raw = RAW_ZIP_INIT;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(CommunityZip) zip = NULL;
      g_autoptr(GError) error = NULL;

      raw_zip_add (&raw, "bomb", 8, stream->data, stream->len, cases[i].declared, 0);
      bytes = raw_zip_finish (&raw);
      zip = open_bytes (bytes, &error);
      ck_assert_msg (zip != NULL, "%s", error->message);
      ck_assert_ptr_null (community_zip_read (zip, "bomb", &error));
      ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT));
      ck_assert_msg (strstr (error->message, cases[i].why) != NULL, "%s", error->message);
      ck_assert (g_str_has_prefix (error->message, "bomb: "));
    }
}
END_TEST

/* The whole archive may not inflate past 2 GiB: here one honest MiB of
 * zeros read again and again, 2048 times, then refused. */
START_TEST (test_zip_total)
{
  g_autoptr(GByteArray) stream = deflated_zeros (1);
  g_autofree guint8 *zeros = g_malloc0 (1 << 20);
  RawZip raw = RAW_ZIP_INIT;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityZip) zip = NULL;
  g_autoptr(GError) error = NULL;
  guint reads = 0;

  raw_zip_add (&raw, "mib", 8, stream->data, stream->len, 1 << 20,
               (guint32) crc32 (0, zeros, 1 << 20));
  bytes = raw_zip_finish (&raw);
  zip = open_bytes (bytes, &error);
  ck_assert_msg (zip != NULL, "%s", error->message);
  for (;;)
    {
      g_autoptr(GBytes) entry = community_zip_read (zip, "mib", &error);

      if (entry == NULL)
        break;
      ck_assert_uint_eq (g_bytes_get_size (entry), 1 << 20);
      reads++;
    }
  ck_assert_uint_eq (reads, COMMUNITY_ZIP_MAX_TOTAL >> 20);
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT));
  ck_assert_msg (strstr (error->message, "past 2 GiB") != NULL, "%s", error->message);
}
END_TEST

/* The same bytes and the same refusals read chunk by chunk, however
 * small the chunks. */
START_TEST (test_zip_stream)
{
  g_autofree char *big = NULL;
  CommunityZipWriter *writer = community_zip_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CommunityZip) zip = NULL;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);
  gsize sizes[] = { 1, 7, 1 << 20 };

  /* past 64 KiB: more than one read of compressed input */
  for (guint i = 0; i < 4000; i++)
    g_string_append_printf (text, "<c r=\"A%u\"><v>%u</v></c>", i + 1, i * 7919);
  big = g_string_free (text, FALSE);
  community_zip_writer_add (writer, "big.xml", big, strlen (big));
  bytes = community_zip_writer_finish (writer);
  zip = open_bytes (bytes, &error);
  ck_assert_msg (zip != NULL, "%s", error->message);
  ck_assert_ptr_null (community_zip_stream_open (zip, "missing", &error));
  ck_assert_ptr_null (error);

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(CommunityZipStream) stream = community_zip_stream_open (zip, "big.xml", &error);
      g_autoptr(GByteArray) out = g_byte_array_new ();
      g_autofree guint8 *buffer = g_malloc (sizes[i]);
      gssize got;

      ck_assert_msg (stream != NULL, "%s", error->message);
      while ((got = community_zip_stream_read (stream, buffer, sizes[i], &error)) > 0)
        {
          ck_assert_uint_le ((gsize) got, sizes[i]);
          g_byte_array_append (out, buffer, (guint) got);
        }
      ck_assert_msg (got == 0, "%s", error->message);
      ck_assert_uint_eq (out->len, strlen (big));
      ck_assert (memcmp (out->data, big, out->len) == 0);
      ck_assert_int_eq (community_zip_stream_read (stream, buffer, sizes[i], &error), 0);
    }

  /* a bomb's lie and a damaged CRC, one byte at a time */
  {
    g_autoptr(GByteArray) zeros = deflated_zeros (1);
    RawZip raw = RAW_ZIP_INIT;
    g_autoptr(GBytes) hostile = NULL;
    g_autoptr(CommunityZip) hostile_zip = NULL;
    g_autoptr(CommunityZipStream) lie = NULL;
    g_autoptr(CommunityZipStream) crc = NULL;
    guint8 byte;
    gssize got;

    raw_zip_add (&raw, "lie", 8, zeros->data, zeros->len, 1000, 0);
    raw_zip_add (&raw, "crc", 8, zeros->data, zeros->len, 1 << 20, 12345);
    hostile = raw_zip_finish (&raw);
    hostile_zip = open_bytes (hostile, &error);
    ck_assert_msg (hostile_zip != NULL, "%s", error->message);
    lie = community_zip_stream_open (hostile_zip, "lie", &error);
    ck_assert_msg (lie != NULL, "%s", error->message);
    while ((got = community_zip_stream_read (lie, &byte, 1, &error)) > 0)
      ;
    ck_assert_int_eq (got, -1);
    ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT));
    ck_assert_msg (g_str_has_prefix (error->message, "lie: ") &&
                   strstr (error->message, "more bytes than it declares") != NULL, "%s", error->message);
    g_clear_error (&error);
    crc = community_zip_stream_open (hostile_zip, "crc", &error);
    ck_assert_msg (crc != NULL, "%s", error->message);
    while ((got = community_zip_stream_read (crc, &byte, 1, &error)) > 0)
      ;
    ck_assert_int_eq (got, -1);
    ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX));
    ck_assert_msg (strstr (error->message, "CRC") != NULL, "%s", error->message);
  }
}
END_TEST

/* A workbook whose worksheet is a bomb: the reader passes the error on. */
START_TEST (test_xlsx_bomb)
{
  g_autoptr(GBytes) good = make_workbook ("");
  g_autoptr(GByteArray) stream = deflated_zeros (8);
  g_autoptr(CommunityZip) zip = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  const char *const *names;
  RawZip raw = RAW_ZIP_INIT;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data = g_bytes_get_data (good, &length);

  /* Every part of a good workbook, but sheet1 */
  zip = community_zip_open (data, length, &error);
  ck_assert (zip != NULL);
  for (names = community_zip_list (zip); *names != NULL; names++)
    {
      g_autoptr(GBytes) part = NULL;

      if (strcmp (*names, "xl/worksheets/sheet1.xml") == 0)
        {
          raw_zip_add (&raw, *names, 8, stream->data, stream->len, 1000, 0);
          continue;
        }
      part = community_zip_read (zip, *names, &error);
      ck_assert (part != NULL);
      raw_zip_add (&raw, *names, 0, g_bytes_get_data (part, NULL), g_bytes_get_size (part),
                   (guint32) g_bytes_get_size (part),
                   (guint32) crc32 (0, g_bytes_get_data (part, NULL), (uInt) g_bytes_get_size (part)));
    }
  bytes = raw_zip_finish (&raw);
  book = read_bytes (bytes, &error);
  ck_assert_ptr_null (book);
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT));
  ck_assert_msg (strstr (error->message, "xl/worksheets/sheet1.xml") != NULL, "%s", error->message);
}
END_TEST

/* --- cells --- */

START_TEST (test_cells)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = make_workbook_full (
    "<row r=\"1\" spans=\"1:3\">"
    "<c r=\"A1\" t=\"s\"><v>0</v></c>"
    "<c r=\"B1\" t=\"s\"><v>1</v></c>"
    "<c r=\"C1\" t=\"s\"><v>2</v></c>"                          /* empty string: empty */
    "<c r=\"D1\" t=\"inlineStr\"><is><r><t>网</t></r><r><t xml:space=\"preserve\">格 </t></r></is></c>"
    "<c r=\"E1\" t=\"b\"><v>1</v></c>"
    "<c r=\"F1\" t=\"b\"><v>0</v></c>"
    "<c r=\"G1\" s=\"1\"/>"                                      /* styled, no value */
    "</row>"
    "<row r=\"3\">"
    "<c r=\"A3\"><v>320213001001</v></c>"
    "<c r=\"B3\" t=\"n\"><v>3.20213E+11</v></c>"
    "<c r=\"C3\" s=\"4\"><v>2000</v></c>"
    "<c r=\"D3\"><f>A3+1</f><v>320213001002</v></c>"
    "<c r=\"E3\" t=\"str\"><f>D1&amp;\"!\"</f><v>网格 !</v></c>"
    "<c r=\"F3\" t=\"b\"><f>TRUE()</f><v>1</v></c>"
    "<c r=\"G3\" s=\"3\"><v>1.5</v></c>"                         /* 0.00"d": not a date */
    "<c r=\"H3\" s=\"6\"><v>1.5</v></c>"                         /* [h]:mm: not a date */
    "<c r=\"I3\" t=\"str\"><f>\"\"</f><v></v></c>"               /* formula giving "" */
    "</row>"
    "<row>"                                                       /* no r: row 4 */
    "<c><v>1</v></c><c t=\"s\"><v>0</v></c><c r=\"E4\"><v>-2.5</v></c><c><v>7</v></c>"
    "</row>",
    "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>second</t></is></c></row>",
    FALSE, NULL);
  g_autoptr(CommunitySheetBook) book = read_bytes (bytes, &error);
  CommunitySheet *sheet, *second;

  ck_assert_msg (book != NULL, "%s", error->message);
  ck_assert_uint_eq (book->sheets->len, 2);
  sheet = g_ptr_array_index (book->sheets, 0);
  ck_assert_str_eq (sheet->name, "社区");
  ck_assert_ptr_null (sheet->file);
  ck_assert_ptr_eq (community_sheet_book_find_sheet (book, "社区"), sheet);

  assert_cell (sheet, "A1", COMMUNITY_CELL_STRING, "社区", 0);
  assert_cell (sheet, "B1", COMMUNITY_CELL_STRING, " padded ", 0);
  ck_assert_ptr_null (test_sheet_cell_named (sheet, "C1"));
  assert_cell (sheet, "D1", COMMUNITY_CELL_STRING, "网格 ", 0);
  assert_cell (sheet, "E1", COMMUNITY_CELL_BOOLEAN, "TRUE", 1);
  assert_cell (sheet, "F1", COMMUNITY_CELL_BOOLEAN, "FALSE", 0);
  ck_assert_ptr_null (test_sheet_cell_named (sheet, "G1"));

  assert_cell (sheet, "A3", COMMUNITY_CELL_NUMBER, "320213001001", 320213001001.0);
  assert_cell (sheet, "B3", COMMUNITY_CELL_NUMBER, "3.20213E+11", 3.20213E+11);
  assert_cell (sheet, "C3", COMMUNITY_CELL_NUMBER, "2000", 2000);
  assert_cell (sheet, "D3", COMMUNITY_CELL_NUMBER, "320213001002", 320213001002.0);
  assert_cell (sheet, "E3", COMMUNITY_CELL_STRING, "网格 !", 0);
  assert_cell (sheet, "F3", COMMUNITY_CELL_BOOLEAN, "TRUE", 1);
  assert_cell (sheet, "G3", COMMUNITY_CELL_NUMBER, "1.5", 1.5);
  assert_cell (sheet, "H3", COMMUNITY_CELL_NUMBER, "1.5", 1.5);
  ck_assert_ptr_null (test_sheet_cell_named (sheet, "I3"));

  assert_cell (sheet, "A4", COMMUNITY_CELL_NUMBER, "1", 1);
  assert_cell (sheet, "B4", COMMUNITY_CELL_STRING, "社区", 0);
  assert_cell (sheet, "E4", COMMUNITY_CELL_NUMBER, "-2.5", -2.5);
  assert_cell (sheet, "F4", COMMUNITY_CELL_NUMBER, "7", 7);

  /* rows with no value are left out; rows and cells in order */
  ck_assert_uint_eq (sheet->rows->len, 3);
  ck_assert_uint_eq (g_array_index (sheet->rows, CommunitySheetRow, 0).number, 1);
  ck_assert_uint_eq (g_array_index (sheet->rows, CommunitySheetRow, 0).n_cells, 5);
  ck_assert_uint_eq (g_array_index (sheet->rows, CommunitySheetRow, 1).number, 3);
  ck_assert_uint_eq (g_array_index (sheet->rows, CommunitySheetRow, 2).number, 4);

  second = g_ptr_array_index (book->sheets, 1);
  ck_assert_str_eq (second->name, "second");
  assert_cell (second, "B2", COMMUNITY_CELL_STRING, "second", 0);
  ck_assert_uint_eq (second->cells->len, 1);
}
END_TEST

START_TEST (test_dates_1900)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = read_sheet (
    "<row r=\"1\">"
    "<c r=\"A1\" s=\"1\"><v>1</v></c>"
    "<c r=\"B1\" s=\"1\"><v>59</v></c>"
    "<c r=\"C1\" s=\"1\"><v>61</v></c>"
    "<c r=\"D1\" s=\"1\"><v>43160</v></c>"
    "<c r=\"E1\" s=\"2\"><v>43160.5</v></c>"
    "<c r=\"F1\" s=\"5\"><v>43160</v></c>"
    "<c r=\"G1\" s=\"2\"><v>43160.999999999</v></c>"             /* rounds to the next day */
    "<c r=\"H1\" s=\"1\"><v>0</v></c>"
    "<c r=\"I1\" s=\"2\"><v>2958465.9999</v></c>"
    "<c r=\"J1\" t=\"d\"><v>2018-03-01T08:30:00</v></c>"
    "<c r=\"K1\" t=\"d\"><v>1900-03-01</v></c>"
    "</row>", &error);
  CommunitySheet *sheet;

  ck_assert_msg (book != NULL, "%s", error->message);
  sheet = g_ptr_array_index (book->sheets, 0);
  assert_cell (sheet, "A1", COMMUNITY_CELL_DATE, "1900-01-01", 1);
  assert_cell (sheet, "B1", COMMUNITY_CELL_DATE, "1900-02-28", 59);
  assert_cell (sheet, "C1", COMMUNITY_CELL_DATE, "1900-03-01", 61);
  assert_cell (sheet, "D1", COMMUNITY_CELL_DATE, "2018-03-01", 43160);
  assert_cell (sheet, "E1", COMMUNITY_CELL_DATE, "2018-03-01T12:00:00", 43160.5);
  assert_cell (sheet, "F1", COMMUNITY_CELL_DATE, "2018-03-01", 43160);
  assert_cell (sheet, "G1", COMMUNITY_CELL_DATE, "2018-03-02", 43160.999999999);
  assert_cell (sheet, "H1", COMMUNITY_CELL_DATE, "1899-12-31", 0);
  assert_cell (sheet, "I1", COMMUNITY_CELL_DATE, "9999-12-31T23:59:51", 2958465.9999);
  assert_cell (sheet, "J1", COMMUNITY_CELL_DATE, "2018-03-01T08:30:00", 43160 + 8.5 / 24);
  assert_cell (sheet, "K1", COMMUNITY_CELL_DATE, "1900-03-01", 61);
}
END_TEST

START_TEST (test_dates_1904)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = make_workbook_full (
    "<row r=\"1\">"
    "<c r=\"A1\" s=\"1\"><v>0</v></c>"
    "<c r=\"B1\" s=\"1\"><v>1</v></c>"
    "<c r=\"C1\" s=\"1\"><v>60</v></c>"
    "<c r=\"D1\" s=\"1\"><v>41698</v></c>"
    "<c r=\"E1\" s=\"2\"><v>0.25</v></c>"
    "</row>", NULL, TRUE, NULL);
  g_autoptr(CommunitySheetBook) book = read_bytes (bytes, &error);
  CommunitySheet *sheet;

  ck_assert_msg (book != NULL, "%s", error->message);
  sheet = g_ptr_array_index (book->sheets, 0);
  assert_cell (sheet, "A1", COMMUNITY_CELL_DATE, "1904-01-01", 0);
  assert_cell (sheet, "B1", COMMUNITY_CELL_DATE, "1904-01-02", 1);
  assert_cell (sheet, "C1", COMMUNITY_CELL_DATE, "1904-03-01", 60);
  assert_cell (sheet, "D1", COMMUNITY_CELL_DATE, "2018-03-01", 41698);
  assert_cell (sheet, "E1", COMMUNITY_CELL_DATE, "1904-01-01T06:00:00", 0.25);
}
END_TEST

/* --- refusals: each names the sheet and cell, never the content --- */

START_TEST (test_refused_cells)
{
  assert_refused ("<row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"B2\"><f>SUM(A1:A2)</f></c></row>",
                  COMMUNITY_PARSE_ERROR_MISSING, "社区!B2: ", NULL);
  assert_refused ("<row r=\"2\"><c r=\"B2\"><f>SUM(A1:A2)</f><v></v></c></row>",
                  COMMUNITY_PARSE_ERROR_MISSING, "社区!B2: ", NULL);
  assert_refused ("<row r=\"2\"><c r=\"C2\" t=\"str\"><f>A1</f></c></row>",
                  COMMUNITY_PARSE_ERROR_MISSING, "社区!C2: ", NULL);
  assert_refused ("<row r=\"5\"><c r=\"D5\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row>",
                  COMMUNITY_PARSE_ERROR_TYPE, "社区!D5: ", "#DIV/0!");
  assert_refused ("<row r=\"7\"><c r=\"B7\" t=\"s\"><v>3</v></c></row>",
                  COMMUNITY_PARSE_ERROR_RANGE, "社区!B7: ", NULL);
  assert_refused ("<row r=\"7\"><c r=\"B7\" t=\"s\"><v>-1</v></c></row>",
                  COMMUNITY_PARSE_ERROR_SYNTAX, "社区!B7: ", NULL);
  assert_refused ("<row r=\"12\"><c r=\"F12\"><v>约2000</v></c></row>",
                  COMMUNITY_PARSE_ERROR_SYNTAX, "社区!F12: ", "约2000");
  assert_refused ("<row r=\"12\"><c r=\"F12\"><v>inf</v></c></row>",
                  COMMUNITY_PARSE_ERROR_SYNTAX, "社区!F12: ", NULL);
  assert_refused ("<row r=\"3\"><c r=\"A3\" t=\"b\"><v>2</v></c></row>",
                  COMMUNITY_PARSE_ERROR_SYNTAX, "社区!A3: ", NULL);
  assert_refused ("<row r=\"3\"><c r=\"A3\" t=\"x\"><v>2</v></c></row>",
                  COMMUNITY_PARSE_ERROR_SYNTAX, "社区!A3: ", NULL);
  /* Excel's 1900-02-29, and dates out of range */
  assert_refused ("<row r=\"3\"><c r=\"A3\" s=\"1\"><v>60</v></c></row>",
                  COMMUNITY_PARSE_ERROR_DATE, "社区!A3: ", NULL);
  assert_refused ("<row r=\"3\"><c r=\"A3\" s=\"1\"><v>-1</v></c></row>",
                  COMMUNITY_PARSE_ERROR_DATE, "社区!A3: ", NULL);
  assert_refused ("<row r=\"3\"><c r=\"A3\" s=\"1\"><v>2958466</v></c></row>",
                  COMMUNITY_PARSE_ERROR_DATE, "社区!A3: ", NULL);
  assert_refused ("<row r=\"3\"><c r=\"A3\" t=\"d\"><v>2018-02-30</v></c></row>",
                  COMMUNITY_PARSE_ERROR_DATE, "社区!A3: ", NULL);
  /* the position and the limits */
  assert_refused ("<row r=\"3\"><c r=\"B3\"><v>1</v></c><c r=\"A3\"><v>1</v></c></row>",
                  COMMUNITY_PARSE_ERROR_SYNTAX, "社区!A3: ", NULL);
  assert_refused ("<row r=\"3\"><c r=\"B4\"><v>1</v></c></row>",
                  COMMUNITY_PARSE_ERROR_SYNTAX, "社区!", NULL);
  assert_refused ("<row r=\"3\"><c r=\"3B\"><v>1</v></c></row>",
                  COMMUNITY_PARSE_ERROR_SYNTAX, "社区!A3: ", NULL);
  assert_refused ("<row r=\"3\"/><row r=\"2\"/>", COMMUNITY_PARSE_ERROR_SYNTAX, "社区: ", NULL);
  assert_refused ("<row r=\"1048577\"/>", COMMUNITY_PARSE_ERROR_LIMIT, "社区: ", NULL);
  assert_refused ("<row r=\"99999999999999999999\"/>", COMMUNITY_PARSE_ERROR_SYNTAX, "社区: ", NULL);
  assert_refused ("<row r=\"2\"><c r=\"XFE2\"><v>1</v></c></row>", COMMUNITY_PARSE_ERROR_LIMIT, "社区!", NULL);
  assert_refused ("<row r=\"2\"><c r=\"A1048577\"><v>1</v></c></row>", COMMUNITY_PARSE_ERROR_LIMIT, "社区!", NULL);
  assert_refused ("<row r=\"2\"><c r=\"XFD2\"><v>1</v></c><c><v>1</v></c></row>",
                  COMMUNITY_PARSE_ERROR_LIMIT, "社区!", NULL);
  assert_refused ("<c r=\"A1\"><v>1</v></c>", COMMUNITY_PARSE_ERROR_SYNTAX, "社区!", NULL);
  /* the XML itself */
  assert_refused ("<row r=\"1\"><c r=\"A1\"><v>张三</c></row>", COMMUNITY_PARSE_ERROR_SYNTAX,
                  "社区: xl/worksheets/sheet1.xml: not well-formed XML", "张三");
  assert_refused ("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&#0;</t></is></c></row>",
                  COMMUNITY_PARSE_ERROR_SYNTAX, "社区: xl/worksheets/sheet1.xml: ", NULL);
  assert_refused ("<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&bogus;</t></is></c></row>",
                  COMMUNITY_PARSE_ERROR_SYNTAX, "社区: xl/worksheets/sheet1.xml: ", NULL);
}
END_TEST

/* A maximal sheet is read; what lies at its last row and column is kept. */
START_TEST (test_sheet_corners)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = read_sheet (
    "<row r=\"1\"><c r=\"XFD1\"><v>1</v></c></row>"
    "<row r=\"1048576\"><c r=\"A1048576\"><v>2</v></c><c r=\"XFD1048576\"><v>3</v></c></row>",
    &error);
  CommunitySheet *sheet;

  ck_assert_msg (book != NULL, "%s", error->message);
  sheet = g_ptr_array_index (book->sheets, 0);
  assert_cell (sheet, "XFD1", COMMUNITY_CELL_NUMBER, "1", 1);
  assert_cell (sheet, "A1048576", COMMUNITY_CELL_NUMBER, "2", 2);
  assert_cell (sheet, "XFD1048576", COMMUNITY_CELL_NUMBER, "3", 3);
  ck_assert_uint_eq (g_array_index (sheet->cells, CommunityCell, 2).column, COMMUNITY_SHEET_MAX_COLUMNS - 1);
}
END_TEST

START_TEST (test_package_refusals)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(GBytes) no_workbook = make_workbook_full ("", NULL, FALSE, "xl/workbook.xml");
  g_autoptr(GBytes) no_sheet = make_workbook_full ("", NULL, FALSE, "xl/worksheets/sheet2.xml");
  g_autoptr(GBytes) no_rels = make_workbook_full ("", NULL, FALSE, "xl/_rels/workbook.xml.rels");
  g_autoptr(GBytes) no_strings = make_workbook_full ("<row><c t=\"s\"><v>0</v></c></row>", NULL, FALSE,
                                                     "xl/sharedStrings.xml");
  g_autoptr(GBytes) no_package_rels = make_workbook_full ("<row><c><v>5</v></c></row>", NULL, FALSE,
                                                          "_rels/.rels");
  CommunityZipWriter *writer = community_zip_writer_new ();
  g_autoptr(GBytes) doctype = NULL;

  book = read_bytes (no_workbook, &error);
  ck_assert_ptr_null (book);
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_FORMAT));
  ck_assert (strstr (error->message, "xl/workbook.xml") != NULL);
  g_clear_error (&error);

  book = read_bytes (no_sheet, &error);
  ck_assert_ptr_null (book);
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_MISSING));
  ck_assert_msg (g_str_has_prefix (error->message, "second: "), "%s", error->message);
  ck_assert (strstr (error->message, "xl/worksheets/sheet2.xml") != NULL);
  g_clear_error (&error);

  book = read_bytes (no_rels, &error);
  ck_assert_ptr_null (book);
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_MISSING));
  ck_assert_msg (g_str_has_prefix (error->message, "社区: "), "%s", error->message);
  g_clear_error (&error);

  book = read_bytes (no_strings, &error);
  ck_assert_ptr_null (book);
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_RANGE));
  ck_assert_msg (g_str_has_prefix (error->message, "社区!A1: "), "%s", error->message);
  g_clear_error (&error);

  /* without the package's relationships, the workbook is where Excel puts it */
  book = read_bytes (no_package_rels, &error);
  ck_assert_msg (book != NULL, "%s", error->message);
  assert_cell (g_ptr_array_index (book->sheets, 0), "A1", COMMUNITY_CELL_NUMBER, "5", 5);
  g_clear_pointer (&book, community_sheet_book_free);

  /* no DTDs, no entities (a billion laughs never starts) */
  {
    const char *workbook =
      "<?xml version=\"1.0\"?><!DOCTYPE workbook [<!ENTITY a \"aaaaaaaaaa\">"
      "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
      "<workbook><sheets><sheet name=\"&b;\" r:id=\"rId1\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/></sheets></workbook>";

    community_zip_writer_add (writer, "xl/workbook.xml", workbook, strlen (workbook));
    doctype = community_zip_writer_finish (writer);
    book = read_bytes (doctype, &error);
    ck_assert_ptr_null (book);
    ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX));
    ck_assert_msg (g_str_has_prefix (error->message, "xl/workbook.xml: ") &&
                   strstr (error->message, "document type") != NULL, "%s", error->message);
  }
}
END_TEST

/* Relationships: targets relative to the workbook's folder, "..",
 * absolute, case-insensitive part names; chart sheets left out. */
START_TEST (test_relationships)
{
  CommunityZipWriter *writer = community_zip_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  const char *rels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"/book/main.xml\"/>"
    "</Relationships>";
  const char *workbook =
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
    "<sheet name=\"b\" sheetId=\"2\" r:id=\"rId2\"/>"
    "<sheet name=\"chart\" sheetId=\"3\" r:id=\"rId3\"/>"
    "<sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/>"
    "</sheets></workbook>";
  const char *workbook_rels =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    REL ("rId1", "worksheet", "../sheets/./One.xml")
    REL ("rId2", "worksheet", "/book/two.xml")
    REL ("rId3", "chartsheet", "charts/c.xml")
    "</Relationships>";
  const char *one = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c></row></sheetData></worksheet>";
  const char *two = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>2</v></c></row></sheetData></worksheet>";

  community_zip_writer_add (writer, "_rels/.rels", rels, strlen (rels));
  community_zip_writer_add (writer, "book/main.xml", workbook, strlen (workbook));
  community_zip_writer_add (writer, "book/_rels/main.xml.rels", workbook_rels, strlen (workbook_rels));
  community_zip_writer_add (writer, "sheets/one.xml", one, strlen (one));
  community_zip_writer_add (writer, "book/two.xml", two, strlen (two));
  bytes = community_zip_writer_finish (writer);

  book = read_bytes (bytes, &error);
  ck_assert_msg (book != NULL, "%s", error->message);
  ck_assert_uint_eq (book->sheets->len, 2);
  ck_assert_str_eq (((CommunitySheet *) g_ptr_array_index (book->sheets, 0))->name, "b");
  ck_assert_str_eq (((CommunitySheet *) g_ptr_array_index (book->sheets, 1))->name, "a");
  assert_cell (g_ptr_array_index (book->sheets, 0), "A1", COMMUNITY_CELL_NUMBER, "2", 2);
  assert_cell (g_ptr_array_index (book->sheets, 1), "A1", COMMUNITY_CELL_NUMBER, "1", 1);
}
END_TEST

/* Merged cells: the value is the top-left cell's; the others are empty. */
START_TEST (test_merged_cells)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(GBytes) bytes = NULL;
  CommunityZipWriter *writer;
  g_autoptr(CommunityZip) zip = NULL;
  const char *const *names;
  const char *sheet =
    "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
    "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>merged</t></is></c><c r=\"B1\" s=\"1\"/></row>"
    "<row r=\"2\"><c r=\"A2\" s=\"1\"/><c r=\"B2\" s=\"1\"/></row>"
    "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"A1:B2\"/></mergeCells></worksheet>";
  g_autoptr(GBytes) base = make_workbook ("");
  gsize length;
  const char *data = g_bytes_get_data (base, &length);

  zip = community_zip_open (data, length, &error);
  writer = community_zip_writer_new ();
  for (names = community_zip_list (zip); *names != NULL; names++)
    {
      g_autoptr(GBytes) part = community_zip_read (zip, *names, &error);

      if (strcmp (*names, "xl/worksheets/sheet1.xml") == 0)
        community_zip_writer_add (writer, *names, sheet, strlen (sheet));
      else
        community_zip_writer_add (writer, *names, g_bytes_get_data (part, NULL), g_bytes_get_size (part));
    }
  bytes = community_zip_writer_finish (writer);
  book = read_bytes (bytes, &error);
  ck_assert_msg (book != NULL, "%s", error->message);
  assert_cell (g_ptr_array_index (book->sheets, 0), "A1", COMMUNITY_CELL_STRING, "merged", 0);
  ck_assert_uint_eq (((CommunitySheet *) g_ptr_array_index (book->sheets, 0))->cells->len, 1);
}
END_TEST

/* A million empty formatted rows, and rows of styled empty cells: read with
 * nothing kept for them (speed is the benchmark's; here, that it ends and
 * keeps only the two values). */
START_TEST (test_million_empty_rows)
{
  g_autoptr(GString) xml = g_string_sized_new (64 << 20);
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  CommunitySheet *sheet;

  g_string_append (xml, "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>");
  for (guint row = 2; row < 1000000; row++)
    {
      if (row % 2)
        g_string_append_printf (xml, "<row r=\"%u\" s=\"1\" customFormat=\"1\"/>", row);
      else
        g_string_append_printf (xml, "<row r=\"%u\"><c r=\"C%u\" s=\"1\"/></row>", row, row);
    }
  g_string_append (xml, "<row r=\"1000000\" s=\"1\" customFormat=\"1\"><c r=\"B1000000\"><v>2</v></c></row>");
  book = read_sheet (xml->str, &error);
  ck_assert_msg (book != NULL, "%s", error->message);
  sheet = g_ptr_array_index (book->sheets, 0);
  ck_assert_uint_eq (sheet->rows->len, 2);
  ck_assert_uint_eq (sheet->cells->len, 2);
  assert_cell (sheet, "B1000000", COMMUNITY_CELL_NUMBER, "2", 2);
}
END_TEST

/* --- reading as the part inflates, and in parallel --- */

/* Every chunk size, down to one byte, and one or several threads: the
 * same cells (multi-byte characters, references, CDATA and shared
 * strings cut anywhere) and the same refusals. */
START_TEST (test_chunks)
{
  static const gsize chunks[] = { 1, 3, 5, 13, 0 };
  static const guint threads[] = { 1, 3 };
  const char *sheet1 =
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"B1\" t=\"inlineStr\"><is><t>网格&amp;&#x793E;区"
    "<![CDATA[<v>]]></t></is></c><c r=\"C1\" s=\"1\"><v>43160</v></c>"
    "<c r=\"D1\"><v>3.20213E+11</v></c></row>";
  const char *sheet2 = "<row r=\"2\"><c r=\"B2\" t=\"s\"><v>1</v></c></row>";
  g_autoptr(GBytes) bytes = make_workbook_full (sheet1, sheet2, FALSE, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (chunks); i++)
    for (gsize j = 0; j < G_N_ELEMENTS (threads); j++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(CommunitySheetBook) book = NULL;
        CommunitySheet *sheet;

        community_xlsx_read_set_tuning (chunks[i], threads[j]);
        book = read_bytes (bytes, &error);
        ck_assert_msg (book != NULL, "%s", error->message);
        ck_assert_uint_eq (book->sheets->len, 2);
        sheet = g_ptr_array_index (book->sheets, 0);
        assert_cell (sheet, "A1", COMMUNITY_CELL_STRING, "社区", 0);
        assert_cell (sheet, "B1", COMMUNITY_CELL_STRING, "网格&社区<v>", 0);
        assert_cell (sheet, "C1", COMMUNITY_CELL_DATE, "2018-03-01", 43160);
        assert_cell (sheet, "D1", COMMUNITY_CELL_NUMBER, "3.20213E+11", 3.20213E+11);
        ck_assert_uint_eq (sheet->cells->len, 4);
        sheet = g_ptr_array_index (book->sheets, 1);
        assert_cell (sheet, "B2", COMMUNITY_CELL_STRING, " padded ", 0);

        /* refusals met mid-part, whatever the chunk */
        community_sheet_book_free (g_steal_pointer (&book));
        assert_refused ("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"12\"><c r=\"F12\"><v>约2000</v></c></row>",
                        COMMUNITY_PARSE_ERROR_SYNTAX, "社区!F12: ", "约2000");
        assert_refused ("<row r=\"1\"><c r=\"A1\"><v>张三</c></row>", COMMUNITY_PARSE_ERROR_SYNTAX,
                        "社区: xl/worksheets/sheet1.xml: not well-formed XML", "张三");
      }
  community_xlsx_read_set_tuning (0, 0);
}
END_TEST

/* A worksheet with a DOCTYPE is refused before its declarations are
 * read, read as it inflates as every worksheet is. */
START_TEST (test_sheet_doctype)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  CommunityZipWriter *writer = community_zip_writer_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *workbook = workbook_xml (FALSE);
  const char *sheet =
    "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">"
    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
    "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>";

  community_zip_writer_add (writer, "xl/workbook.xml", workbook, strlen (workbook));
  community_zip_writer_add (writer, "xl/_rels/workbook.xml.rels", WORKBOOK_RELS, strlen (WORKBOOK_RELS));
  community_zip_writer_add (writer, "xl/worksheets/sheet1.xml", sheet, strlen (sheet));
  community_zip_writer_add (writer, "xl/worksheets/sheet2.xml", SHEET_HEAD SHEET_TAIL, strlen (SHEET_HEAD SHEET_TAIL));
  bytes = community_zip_writer_finish (writer);
  book = read_bytes (bytes, &error);
  ck_assert_ptr_null (book);
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX));
  ck_assert_msg (g_str_has_prefix (error->message, "社区: xl/worksheets/sheet1.xml: ") &&
                 strstr (error->message, "document type") != NULL, "%s", error->message);
}
END_TEST

/* Errors in two sheets read in parallel: the first sheet's, every time,
 * as a reading in order; a later sheet's only when the earlier read well. */
START_TEST (test_parallel_errors)
{
  g_autoptr(GBytes) both = make_workbook_full (
    "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row><row r=\"900\"><c r=\"C900\" t=\"s\"><v>77</v></c></row>",
    "<row r=\"1\"><c r=\"B1\" t=\"x\"><v>1</v></c></row>", FALSE, NULL);
  g_autoptr(GBytes) second_only = make_workbook_full (
    "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>",
    "<row r=\"4\"><c r=\"D4\"><v>x</v></c></row>", FALSE, NULL);
  g_autoptr(GBytes) first_and_missing = make_workbook_full (
    "<row r=\"2\"><c r=\"B2\"><f>A1</f></c></row>", NULL, FALSE, "xl/worksheets/sheet2.xml");
  g_autoptr(GBytes) first_not_xml = make_workbook_full (
    "<row r=\"1\"><c r=\"A1\"><v>1</v></row>", "<row r=\"1\"><c r=\"B1\" t=\"e\"><v>#N/A</v></c></row>",
    FALSE, NULL);

  for (guint round = 0; round < 20; round++)
    {
      g_autoptr(GError) error = NULL;

      community_xlsx_read_set_tuning (round % 2 ? 1 : 0, 2 + round % 3);
      ck_assert_ptr_null (read_bytes (both, &error));
      ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_RANGE));
      ck_assert_msg (g_str_has_prefix (error->message, "社区!C900: "), "%s", error->message);
      g_clear_error (&error);

      ck_assert_ptr_null (read_bytes (second_only, &error));
      ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX));
      ck_assert_msg (g_str_has_prefix (error->message, "second!D4: "), "%s", error->message);
      g_clear_error (&error);

      /* the second sheet's part is missing, but the first's error comes first */
      ck_assert_ptr_null (read_bytes (first_and_missing, &error));
      ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_MISSING));
      ck_assert_msg (g_str_has_prefix (error->message, "社区!B2: "), "%s", error->message);
      g_clear_error (&error);

      ck_assert_ptr_null (read_bytes (first_not_xml, &error));
      ck_assert_msg (g_str_has_prefix (error->message, "社区: xl/worksheets/sheet1.xml: not well-formed"),
                     "%s", error->message);
    }
  community_xlsx_read_set_tuning (0, 0);
}
END_TEST

/* Each sheet keeps its cells' text in a chunk of its own, which lives as
 * long as the book. */
START_TEST (test_sheet_own_strings)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = make_workbook_full ("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>",
                                                "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>",
                                                FALSE, NULL);
  g_autoptr(CommunitySheetBook) book = read_bytes (bytes, &error);
  g_autoptr(CommunitySheetBook) csv = community_sheet_book_new ();
  CommunitySheet *first, *second, *plain;

  ck_assert_msg (book != NULL, "%s", error->message);
  first = g_ptr_array_index (book->sheets, 0);
  second = g_ptr_array_index (book->sheets, 1);
  ck_assert_ptr_nonnull (first->strings);
  ck_assert_ptr_nonnull (second->strings);
  ck_assert_ptr_ne (first->strings, second->strings);
  ck_assert_ptr_ne (g_array_index (first->cells, CommunityCell, 0).text,
                    g_array_index (second->cells, CommunityCell, 0).text);
  ck_assert_str_eq (g_array_index (second->cells, CommunityCell, 0).text, "社区");

  /* a sheet without its own chunk uses the book's */
  plain = community_sheet_book_add_sheet (csv, "plain", "plain.csv");
  ck_assert_ptr_null (plain->strings);
  community_sheet_append_cell (csv, plain, 1, 0, COMMUNITY_CELL_STRING, "x", -1, 0);
  ck_assert_str_eq (g_array_index (plain->cells, CommunityCell, 0).text, "x");
}
END_TEST

/* --- workbooks written by openpyxl (tests/data/sheets/make-fixtures.py) --- */

static CommunitySheetBook *
read_fixture (const char *name,
              GError    **error)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "sheets", name, NULL);
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, error))
    return NULL;
  return community_xlsx_read (contents, length, error);
}

START_TEST (test_openpyxl)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = read_fixture ("openpyxl.xlsx", &error);
  CommunitySheet *sheet;

  ck_assert_msg (book != NULL, "%s", error->message);
  ck_assert_uint_eq (book->sheets->len, 2);
  sheet = g_ptr_array_index (book->sheets, 0);
  ck_assert_str_eq (sheet->name, "社区");
  assert_cell (sheet, "A1", COMMUNITY_CELL_STRING, "编码", 0);
  assert_cell (sheet, "B1", COMMUNITY_CELL_STRING, "名称", 0);
  assert_cell (sheet, "A2", COMMUNITY_CELL_STRING, "320213001001", 0);
  assert_cell (sheet, "B2", COMMUNITY_CELL_STRING, "清名桥社区", 0);
  assert_cell (sheet, "C2", COMMUNITY_CELL_NUMBER, "2000", 2000);
  assert_cell (sheet, "D2", COMMUNITY_CELL_NUMBER, "2.5", 2.5);
  assert_cell (sheet, "E2", COMMUNITY_CELL_BOOLEAN, "TRUE", 1);
  assert_cell (sheet, "F2", COMMUNITY_CELL_DATE, "2018-03-01", 43160);
  assert_cell (sheet, "G2", COMMUNITY_CELL_DATE, "2018-03-01T08:30:00", NAN);
  ck_assert_double_eq_tol (test_sheet_cell_named (sheet, "G2")->number, 43160 + 8.5 / 24, 1e-9);
  assert_cell (sheet, "H2", COMMUNITY_CELL_NUMBER, "320213001001", 320213001001.0);
  ck_assert_ptr_null (test_sheet_cell_named (sheet, "C3"));  /* merged into B3 */
  assert_cell (sheet, "B3", COMMUNITY_CELL_STRING, "合并", 0);
  sheet = g_ptr_array_index (book->sheets, 1);
  ck_assert_str_eq (sheet->name, "网格");
  assert_cell (sheet, "A1", COMMUNITY_CELL_STRING, "id", 0);
}
END_TEST

START_TEST (test_openpyxl_1904)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = read_fixture ("openpyxl-1904.xlsx", &error);
  CommunitySheet *sheet;

  ck_assert_msg (book != NULL, "%s", error->message);
  sheet = g_ptr_array_index (book->sheets, 0);
  assert_cell (sheet, "A1", COMMUNITY_CELL_DATE, "2018-03-01", 41698);
  assert_cell (sheet, "A2", COMMUNITY_CELL_DATE, "1904-01-01", 0);
}
END_TEST

/* openpyxl writes formulas without a cached value: refused at the cell. */
START_TEST (test_openpyxl_formula)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunitySheetBook) book = read_fixture ("openpyxl-formula.xlsx", &error);

  ck_assert_ptr_null (book);
  ck_assert_msg (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_MISSING),
                 "%s", error->message);
  ck_assert_msg (g_str_has_prefix (error->message, "社区!C2: "), "%s", error->message);
}
END_TEST

static Suite *
xlsx_suite (void)
{
  Suite *suite = suite_create ("xlsx-reader");
  TCase *zip = tcase_create ("zip");
  TCase *cells = tcase_create ("cells");
  TCase *fixtures = tcase_create ("openpyxl");
  TCase *slow = tcase_create ("slow");

  tcase_add_test (zip, test_zip_round_trip);
  tcase_add_test (zip, test_zip_not_a_zip);
  tcase_add_test (zip, test_zip_damaged);
  tcase_add_test (zip, test_zip_damaged_deflated);
  tcase_add_test (zip, test_zip_too_many_entries);
  tcase_add_test (zip, test_zip_duplicate_entry);
  tcase_add_test (zip, test_zip_bomb_lying_size);
  tcase_add_test (zip, test_xlsx_bomb);
  tcase_add_test (zip, test_zip_stream);
  suite_add_tcase (suite, zip);

  tcase_add_test (cells, test_cells);
  tcase_add_test (cells, test_dates_1900);
  tcase_add_test (cells, test_dates_1904);
  tcase_add_test (cells, test_refused_cells);
  tcase_add_test (cells, test_sheet_corners);
  tcase_add_test (cells, test_package_refusals);
  tcase_add_test (cells, test_relationships);
  tcase_add_test (cells, test_merged_cells);
  tcase_add_test (cells, test_chunks);
  tcase_add_test (cells, test_sheet_doctype);
  tcase_add_test (cells, test_parallel_errors);
  tcase_add_test (cells, test_sheet_own_strings);
  suite_add_tcase (suite, cells);

  tcase_add_test (fixtures, test_openpyxl);
  tcase_add_test (fixtures, test_openpyxl_1904);
  tcase_add_test (fixtures, test_openpyxl_formula);
  suite_add_tcase (suite, fixtures);

  /* run by the test xlsx-reader-slow (CK_INCLUDE_TAGS=slow) */
  tcase_set_tags (slow, "slow");
  tcase_add_test (slow, test_million_empty_rows);
  tcase_add_test (slow, test_zip_bomb_2gib);
  tcase_add_test (slow, test_zip_total);
  tcase_set_timeout (slow, 120);
  suite_add_tcase (suite, slow);
  return suite;
}

int
main (void)
{
  return community_test_run (xlsx_suite ());
}
