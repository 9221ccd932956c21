/* fuzz-xlsx-sheet.c: one worksheet's XML, in a valid package
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is xl/worksheets/sheet1.xml of a workbook built here in
 * memory, with shared strings (rich text and phonetic runs), date and
 * number styles and the 1900 date system, so that the fuzzer works on the
 * worksheet parser rather than on zip CRCs. An input that starts with
 * "1904" is read in the 1904 date system (the four bytes are not part of
 * the sheet). An input of odd length is read in chunks of 1 to 13 bytes
 * (by its length), so that the parser meets the sheet cut anywhere.
 */

#include "fuzz-sheets.h"
#include <zlib.h>

#include "../zip-by-hand.h"

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

/* The package, by hand (zip-by-hand.h): stored entries, not deflated on
 * every input, which would be most of the time spent. */
static void
add_stored (RawZip     *zip,
            const char *name,
            const char *text,
            gsize       length)
{
  raw_zip_add (zip, name, 0, (const guint8 *) text, length, (guint32) length,
               (guint32) crc32 (0, (const Bytef *) text, (uInt) length));
}

static GBytes *
package (const char *sheet,
         gsize       length,
         gboolean    date1904)
{
  RawZip zip = RAW_ZIP_INIT;
  g_autofree char *workbook = g_strdup_printf (
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
    "<workbookPr date1904=\"%d\"/><sheets><sheet name=\"社区\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>",
    date1904);

  add_stored (&zip, "[Content_Types].xml", content_types, sizeof content_types - 1);
  add_stored (&zip, "xl/workbook.xml", workbook, strlen (workbook));
  add_stored (&zip, "xl/_rels/workbook.xml.rels", workbook_rels, sizeof workbook_rels - 1);
  add_stored (&zip, "xl/styles.xml", styles, sizeof styles - 1);
  add_stored (&zip, "xl/sharedStrings.xml", shared_strings, sizeof shared_strings - 1);
  add_stored (&zip, "xl/worksheets/sheet1.xml", sheet, length);
  return raw_zip_finish (&zip);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) archive = NULL;
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
  community_xlsx_read_set_tuning (size % 2 ? 1 + size % 13 : 0, 0);
  book = community_xlsx_read (g_bytes_get_data (archive, NULL), g_bytes_get_size (archive), &error);
  fuzz_check_book (book, error);
  return 0;
}
