/* community-sheet-files-private.h: datasets in files of every format
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What lib/json/community-dataset-io.c (the dataset's public I/O) calls to
 * open a file of any format as a token source, and to save in any format;
 * community-sheet-files.c.
 */

#pragma once

#include "json/community-json-private.h"
#include "community-sheets.h"

G_BEGIN_DECLS

/* A source over @file in @format (AUTO: guessed): the JSON tokenizer for
 * JSON, the sheet source over the book the xlsx or CSV reader made. */
CommunityJsonSource *community_sheets_open_source (GFile                   *file,
                                                   CommunityDatasetFormat   format,
                                                   GCancellable            *cancellable,
                                                   GError                 **error);
/* The same over a stream: JSON read through a window, a workbook or a
 * .zip of CSV files read whole first (a zip is read from its end). */
CommunityJsonSource *community_sheets_open_stream (GInputStream            *stream,
                                                   CommunityDatasetFormat   format,
                                                   GCancellable            *cancellable,
                                                   GError                 **error);
/* Writes @dataset (complete: the caller checked) to @file. */
gboolean             community_sheets_save        (CommunityDataset        *dataset,
                                                   GFile                   *file,
                                                   CommunityDatasetFormat   format,
                                                   CommunitySheetFlags      flags,
                                                   CommunityPrivacy        *privacy,
                                                   GCancellable            *cancellable,
                                                   GError                 **error);
gboolean             community_sheets_save_stream (CommunityDataset        *dataset,
                                                   GOutputStream           *stream,
                                                   CommunityDatasetFormat   format,
                                                   CommunitySheetFlags      flags,
                                                   CommunityPrivacy        *privacy,
                                                   GCancellable            *cancellable,
                                                   GError                 **error);

/* community-dataset-io.c: a file replaced as g_file_replace() promises
 * (written aside, fsync()ed, renamed over; permissions kept; a symbolic
 * link stays one), its bytes from @write_func, which hands them to @flush
 * (with @flush_data) in chunks. */
typedef gboolean (*CommunityIoWriteFunc) (CommunityJsonFlush   flush,
                                          gpointer             flush_data,
                                          gpointer             user_data,
                                          GError             **error);
gboolean             community_io_replace_file    (const char              *filename,
                                                   CommunityIoWriteFunc     write_func,
                                                   gpointer                 user_data,
                                                   GCancellable            *cancellable,
                                                   GError                 **error);

G_END_DECLS
