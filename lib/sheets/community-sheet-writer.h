/* community-sheet-writer.h: datasets into workbooks
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The one writer (lib/json/community-json-writer.c) tells the sheet sink
 * (community-sheet-sink.c) what a dataset holds, and the sink lays it out
 * in a book of cells (community-sheet-book.h) as DOMAIN.md §9 and
 * community-sheet-layout.h say; the xlsx writer (community-xlsx-writer.c,
 * through community-xlsx-stream.h) or the CSV writer (community-csv.c)
 * then writes the book.
 */

#pragma once

#include "community-sheet-book.h"
#include "community-dataset.h"
#include "community-privacy.h"

G_BEGIN_DECLS

typedef enum {
  COMMUNITY_SHEET_WRITE_NONE   = 0,
  /* Row 1 and the sheets' names in Chinese titles where the layout has
   * them (--titles); members it does not know keep their paths. */
  COMMUNITY_SHEET_WRITE_TITLES = 1 << 0,
} CommunitySheetWriteFlags;

/* @dataset laid out as a book: the dataset sheet (key/value rows), then
 * every entity sheet and child sheet of the layout, in its order, each
 * with its header row (every known column, then the unknown ones in the
 * order first seen), even when it has no rows. */
CommunitySheetBook *community_sheet_book_from_dataset (CommunityDataset         *dataset,
                                                       CommunityPrivacy         *privacy,
                                                       CommunitySheetWriteFlags  flags);
/* For tests: the values (all sheets together) from which
 * community_sheet_book_from_dataset() emits the sheets' cells on several
 * threads, a sheet a thread (default 20,000; 0: always, G_MAXUINT: never).
 * Not thread-safe: set before making books. */
void                community_sheet_book_set_tuning   (guint                     parallel_values);
/* The template (DOMAIN.md §9): the book of an empty dataset, the dataset
 * sheet's "format" and "version" rows filled in. */
CommunitySheetBook *community_sheet_book_template     (CommunitySheetWriteFlags  flags);

/* The .xlsx package of @book (community-xlsx-writer.c): every cell the
 * book has text in written as a text cell with the text number format
 * ("@"), so that Excel never turns a code into a number; numbers as
 * numbers, booleans as booleans. Each known column's header carries a
 * comment with the member's meaning, and each vocabulary column offers
 * its values (the JSON words, or the Chinese terms with
 * COMMUNITY_SHEET_WRITE_TITLES) as a drop-down list. G_IO_ERROR_INVALID_ARGUMENT
 * for a sheet name Excel does not take or a cell it cannot hold;
 * G_IO_ERROR_CANCELLED once @cancellable (may be NULL) is cancelled. */
GBytes             *community_xlsx_write              (const CommunitySheetBook *book,
                                                       CommunitySheetWriteFlags  flags,
                                                       GCancellable             *cancellable,
                                                       GError                  **error);

G_END_DECLS
