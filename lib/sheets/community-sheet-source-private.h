/* community-sheet-source-private.h: spreadsheets as a token source
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "json/community-json-source.h"
#include "community-sheet-book.h"
#include "community-sheet-layout.h"

G_BEGIN_DECLS

/* Where a dataset read from a workbook came from: each entity's row and
 * each list item's, by their positions as loaded, and each sheet's
 * columns; what names a finding's cell ("社区!F12"). An object, so that
 * the dataset (which does not know this type) can keep it and share it
 * with its copies (COMMUNITY_DATASET_ORIGIN_KEY). Immutable once loaded. */
G_DECLARE_FINAL_TYPE (CommunitySheetOrigin, community_sheet_origin, COMMUNITY, SHEET_ORIGIN, GObject)
#define community_sheet_origin_ref(o)   ((CommunitySheetOrigin *) g_object_ref (o))
#define community_sheet_origin_unref(o) g_object_unref (o)

CommunitySheetOrigin *community_sheet_origin_new         (void);
void                  community_sheet_origin_add_sheet   (CommunitySheetOrigin     *origin,
                                                          const CommunitySheetKind *kind,
                                                          const char               *name);
void                  community_sheet_origin_set_headers (CommunitySheetOrigin     *origin,
                                                          const CommunitySheetKind *kind,
                                                          char                    **headers,
                                                          guint32                   n_columns);
void                  community_sheet_origin_add_row     (CommunitySheetOrigin     *origin,
                                                          CommunityEntityKind       kind,
                                                          guint32                   row);
void                  community_sheet_origin_add_item    (CommunitySheetOrigin     *origin,
                                                          CommunityEntityKind       kind,
                                                          int                       record,
                                                          const char               *member,
                                                          guint32                   row);
/* The cell (or row, "社区!12:12") of the value at @pointer, a JSON
 * Pointer into the dataset as loaded; NULL when it did not come from a
 * sheet. */
char                 *community_sheet_origin_locate      (CommunitySheetOrigin     *origin,
                                                          const char               *pointer);

/* A source over @book (taken). */
CommunityJsonSource  *community_sheet_source_new         (CommunitySheetBook       *book);
/* Its origin (borrowed), complete once the walk is over; NULL when
 * @source is not a sheet source. */
CommunitySheetOrigin *community_sheet_source_get_origin  (CommunityJsonSource      *source);

G_END_DECLS
