/* fuzz-xlsx-sheet.c: one worksheet's XML, in a valid package
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is xl/worksheets/sheet1.xml of a workbook built here in
 * memory, with shared strings (rich text and phonetic runs), date and
 * number styles and the 1900 date system, so that the fuzzer works on the
 * worksheet parser rather than on zip CRCs. An input that starts with
 * "1904" is read in the 1904 date system (the four bytes are not part of
 * the sheet).
 */

#include "fuzz-sheets.h"
#include <zlib.h>

static const char content_types[] =
  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
  "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";
static const char workbook_rels[] =
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
  "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
  "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>"
  "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
  "</Relationships>";
static const char styles[] =
  "<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
  "<numFmts><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd hh:mm\"/><numFmt numFmtId=\"165\" formatCode=\"[h]:mm\"/></numFmts>"
  "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"14\"/><xf numFmtId=\"164\"/><xf numFmtId=\"165\"/><xf numFmtId=\"49\"/></cellXfs>"
  "</styleSheet>";
static const char shared_strings[] =
  "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
  "<si><t>社区</t></si><si><r><t>网</t></r><r><t xml:space=\"preserve\">格 </t></r><rPh><t>x</t></rPh></si>"
  "<si><t/></si></sst>";

/* The package, by hand: stored entries (no deflating on every input, which
 * would be most of the time spent), the same parts but for the sheet. */
static void
put16 (GByteArray *out,
       guint       value)
{
  guint8 bytes[2] = { value & 0xff, (value >> 8) & 0xff };

  g_byte_array_append (out, bytes, 2);
}

static void
put32 (GByteArray *out,
       guint32     value)
{
  guint8 bytes[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (out, bytes, 4);
}

static void
add_stored (GByteArray *data,
            GByteArray *directory,
            const char *name,
            const char *text,
            gsize       length)
{
  guint32 crc = (guint32) crc32 (0, (const Bytef *) text, (uInt) length);
  guint32 offset = data->len;
  GByteArray *outs[2] = { data, directory };

  for (guint i = 0; i < 2; i++)
    {
      GByteArray *out = outs[i];

      put32 (out, i == 0 ? 0x04034b50 : 0x02014b50);
      if (i == 1)
        put16 (out, 20);
      put16 (out, 20);
      put16 (out, 0);
      put16 (out, 0);
      put32 (out, 0);
      put32 (out, crc);
      put32 (out, (guint32) length);
      put32 (out, (guint32) length);
      put16 (out, (guint) strlen (name));
      put16 (out, 0);
      if (i == 1)
        {
          put16 (out, 0);
          put16 (out, 0);
          put16 (out, 0);
          put32 (out, 0);
          put32 (out, offset);
        }
      g_byte_array_append (out, (const guint8 *) name, (guint) strlen (name));
      if (i == 0)
        g_byte_array_append (out, (const guint8 *) text, (guint) length);
    }
}

static GByteArray *
package (const char *sheet,
         gsize       length,
         gboolean    date1904)
{
  GByteArray *data = g_byte_array_sized_new ((guint) length + 4096);
  g_autoptr(GByteArray) directory = g_byte_array_new ();
  g_autofree char *workbook = g_strdup_printf (
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<workbookPr date1904=\"%d\"/><sheets><sheet name=\"社区\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
    date1904);
  guint32 offset;

  add_stored (data, directory, "[Content_Types].xml", content_types, sizeof content_types - 1);
  add_stored (data, directory, "xl/workbook.xml", workbook, strlen (workbook));
  add_stored (data, directory, "xl/_rels/workbook.xml.rels", workbook_rels, sizeof workbook_rels - 1);
  add_stored (data, directory, "xl/styles.xml", styles, sizeof styles - 1);
  add_stored (data, directory, "xl/sharedStrings.xml", shared_strings, sizeof shared_strings - 1);
  add_stored (data, directory, "xl/worksheets/sheet1.xml", sheet, length);
  offset = data->len;
  g_byte_array_append (data, directory->data, directory->len);
  put32 (data, 0x06054b50);
  put16 (data, 0);
  put16 (data, 0);
  put16 (data, 6);
  put16 (data, 6);
  put32 (data, directory->len);
  put32 (data, offset);
  put16 (data, 0);
  return data;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GByteArray) archive = NULL;
  gboolean date1904 = size >= 4 && memcmp (data, "1904", 4) == 0;

  fuzz_init ();
  if (date1904)
    {
      data += 4;
      size -= 4;
    }
  if (size > 64 << 20)
    return 0;
  archive = package ((const char *) data, size, date1904);
  book = community_xlsx_read ((const char *) archive->data, archive->len, &error);
  fuzz_check_book (book, error);
  return 0;
}
