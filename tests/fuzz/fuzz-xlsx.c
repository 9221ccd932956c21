/* fuzz-xlsx.c: community_xlsx_read() on any bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The whole package: the zip layer (its directory, its limits, inflating)
 * and every part. A mutated zip mostly dies at a CRC: fuzz-xlsx-sheet.c
 * reaches the worksheet XML.
 */

#include "fuzz-sheets.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(GError) error = NULL;

  fuzz_init ();
  book = community_xlsx_read ((const char *) data, size, &error);
  fuzz_check_book (book, error);
  return 0;
}
