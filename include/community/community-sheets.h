/* community-sheets.h: datasets as Excel workbooks and CSV files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include <gio/gio.h>

#include "community-version-macros.h"
#include "community-dataset.h"
#include "community-privacy.h"

G_BEGIN_DECLS

/**
 * CommunityDatasetFormat:
 * @COMMUNITY_DATASET_FORMAT_AUTO: told by the file's name (`.json`,
 *   `.xlsx`, `.zip`, `.csv`, a folder) and, failing that, by its first bytes
 * @COMMUNITY_DATASET_FORMAT_JSON: the JSON dataset format (DOMAIN.md §7)
 * @COMMUNITY_DATASET_FORMAT_XLSX: an Excel workbook (Office Open XML),
 *   one sheet per top-level array (DOMAIN.md §9)
 * @COMMUNITY_DATASET_FORMAT_CSV: CSV files, one per sheet, in a folder or
 *   a `.zip` (DOMAIN.md §9); on a stream, always a `.zip`
 *
 * The forms a dataset can be read from and written to; see
 * [method@Community.Dataset.load_from_gfile] and
 * [method@Community.Dataset.save_to_gfile].
 */
typedef enum {
  COMMUNITY_DATASET_FORMAT_AUTO,
  COMMUNITY_DATASET_FORMAT_JSON,
  COMMUNITY_DATASET_FORMAT_XLSX,
  COMMUNITY_DATASET_FORMAT_CSV,
} CommunityDatasetFormat;

/**
 * CommunitySheetFlags:
 * @COMMUNITY_SHEET_FLAGS_NONE: member names in row 1 and as the sheets'
 *   names (`communities`, `households`)
 * @COMMUNITY_SHEET_FLAGS_TITLES: Chinese titles in row 1 and as the
 *   sheets' names (社区, 户数), and Chinese terms in the drop-down lists;
 *   either form reads back
 *
 * How a workbook or CSV files are written.
 */
typedef enum /*< flags >*/ {
  COMMUNITY_SHEET_FLAGS_NONE   = 0,
  COMMUNITY_SHEET_FLAGS_TITLES = 1 << 0,
} CommunitySheetFlags;

COMMUNITY_AVAILABLE_IN_0_1
gboolean  community_dataset_load_from_gfile         (CommunityDataset        *self,
                                                     GFile                   *file,
                                                     CommunityDatasetFormat   format,
                                                     GCancellable            *cancellable,
                                                     GError                 **error);
COMMUNITY_AVAILABLE_IN_0_1
void      community_dataset_load_from_gfile_async   (CommunityDataset        *self,
                                                     GFile                   *file,
                                                     CommunityDatasetFormat   format,
                                                     GCancellable            *cancellable,
                                                     GAsyncReadyCallback      callback,
                                                     gpointer                 user_data);
COMMUNITY_AVAILABLE_IN_0_1
gboolean  community_dataset_load_from_gfile_finish  (CommunityDataset        *self,
                                                     GAsyncResult            *result,
                                                     GError                 **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean  community_dataset_load_from_stream_format (CommunityDataset        *self,
                                                     GInputStream            *stream,
                                                     CommunityDatasetFormat   format,
                                                     GCancellable            *cancellable,
                                                     GError                 **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean  community_dataset_save_to_gfile           (CommunityDataset        *self,
                                                     GFile                   *file,
                                                     CommunityDatasetFormat   format,
                                                     CommunitySheetFlags      flags,
                                                     CommunityPrivacy        *privacy,
                                                     GCancellable            *cancellable,
                                                     GError                 **error);
COMMUNITY_AVAILABLE_IN_0_1
void      community_dataset_save_to_gfile_async     (CommunityDataset        *self,
                                                     GFile                   *file,
                                                     CommunityDatasetFormat   format,
                                                     CommunitySheetFlags      flags,
                                                     CommunityPrivacy        *privacy,
                                                     GCancellable            *cancellable,
                                                     GAsyncReadyCallback      callback,
                                                     gpointer                 user_data);
COMMUNITY_AVAILABLE_IN_0_1
gboolean  community_dataset_save_to_gfile_finish    (CommunityDataset        *self,
                                                     GAsyncResult            *result,
                                                     GError                 **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean  community_dataset_save_to_stream_format   (CommunityDataset        *self,
                                                     GOutputStream           *stream,
                                                     CommunityDatasetFormat   format,
                                                     CommunitySheetFlags      flags,
                                                     CommunityPrivacy        *privacy,
                                                     GCancellable            *cancellable,
                                                     GError                 **error);
COMMUNITY_AVAILABLE_IN_0_1
char     *community_dataset_locate_cell             (CommunityDataset        *self,
                                                     const char              *pointer) G_GNUC_WARN_UNUSED_RESULT;

COMMUNITY_AVAILABLE_IN_0_1
gboolean  community_write_template                  (GFile                   *file,
                                                     CommunityDatasetFormat   format,
                                                     CommunitySheetFlags      flags,
                                                     GCancellable            *cancellable,
                                                     GError                 **error);

COMMUNITY_AVAILABLE_IN_0_1
CommunityDatasetFormat community_dataset_format_guess (GFile                 *file,
                                                       GCancellable          *cancellable,
                                                       GError               **error);

G_END_DECLS
