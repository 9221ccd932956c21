/* community-zip.h: zip archives in memory, through minizip
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The one place that opens a zip: an .xlsx package (community-xlsx-reader.c)
 * and a .zip of CSV files (community-csv.c) are read through it, a .zip of
 * CSV files is written through it. Reading is guarded against zip bombs:
 * an entry's bytes are counted as they inflate, and an entry is refused
 * (COMMUNITY_PARSE_ERROR_LIMIT, naming the entry) when it inflates to more
 * than it declares, to more than COMMUNITY_ZIP_MAX_ENTRY bytes, or to more
 * than COMMUNITY_ZIP_MAX_RATIO times its compressed size (when larger than
 * 1 MiB); the whole archive may not inflate beyond COMMUNITY_ZIP_MAX_TOTAL.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define COMMUNITY_ZIP_MAX_ENTRY  (((gsize) 1) << 30)  /* 1 GiB */
#define COMMUNITY_ZIP_MAX_TOTAL  (((gsize) 2) << 30)  /* 2 GiB */
#define COMMUNITY_ZIP_MAX_RATIO  200
#define COMMUNITY_ZIP_MAX_ENTRIES 4096

typedef struct _CommunityZip CommunityZip;

/* Over @length bytes at @data, which must outlive the archive. NULL with
 * @error set (COMMUNITY_PARSE_ERROR_SYNTAX) if it is not a zip archive. */
CommunityZip *community_zip_open        (const char    *data,
                                         gsize          length,
                                         GError       **error);
void          community_zip_free        (CommunityZip  *zip);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityZip, community_zip_free)

/* The names of the entries, in the archive's order (owned by @zip). */
const char *const *community_zip_list   (CommunityZip  *zip);
/* The inflated bytes of entry @name; NULL with @error unset when there is
 * no such entry, NULL with @error set when it cannot be read or breaks a
 * limit. */
GBytes       *community_zip_read        (CommunityZip  *zip,
                                         const char    *name,
                                         GError       **error);

/* An entry read chunk by chunk, as it inflates, under the same limits
 * and checks as community_zip_read() (the CRC and the size at the end).
 * open() makes the checks of what the entry declares, and counts its
 * declared size against the archive's total at once (given back by free()
 * unless it was read whole); NULL with @error unset when there is no such
 * entry. Each stream has its own handle on the archive's bytes: streams of
 * one archive may be read in different threads, one thread a stream, while
 * open() and free() stay in the archive's thread. */
typedef struct _CommunityZipStream CommunityZipStream;
CommunityZipStream *community_zip_stream_open (CommunityZip       *zip,
                                               const char         *name,
                                               GError            **error);
/* Up to @size inflated bytes into @buffer: how many, 0 at the end (once
 * the size and CRC are right), or -1 with @error set (after which the
 * stream is not read again). */
gssize              community_zip_stream_read (CommunityZipStream *stream,
                                               void               *buffer,
                                               gsize               size,
                                               GError            **error);
/* The size the entry declares, inflated (what it may be read to). */
guint64             community_zip_stream_size (CommunityZipStream *stream);
void                community_zip_stream_free (CommunityZipStream *stream);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityZipStream, community_zip_stream_free)

/* Writing: entries added one by one, deflated.
 *
 * Into a GOutputStream that can seek (minizip goes back to each entry's
 * local header), at zlib @level (0-9 or Z_DEFAULT_COMPRESSION); the stream
 * is not closed. An entry is written whole (add) or by chunks (begin,
 * write..., end), which go into the deflater as they come, so that the
 * archive's writer never holds an entry. Errors are the stream's
 * (G_IO_ERROR). close() writes the central directory; free() abandons an
 * archive not closed. */
typedef struct _CommunityZipWriter CommunityZipWriter;
CommunityZipWriter *community_zip_writer_new_for_stream (GOutputStream      *stream,
                                                         int                 level);
/* Deflates the entries written by chunks (begin, write..., end), and
 * those added whole (add_entry) of 1 MiB or more, on
 * @threads threads (0: one a processor; 1, the default: in the caller's
 * thread, as minizip does), in pieces of about 1 MiB that are one deflate
 * stream put end to end (community-zip.c). The output stream is still
 * written from the caller's thread only, and the pool's threads are
 * joined by free(). Before the first entry. */
void                community_zip_writer_set_threads     (CommunityZipWriter *writer,
                                                          guint               threads);
/* Cancels the writes to the stream: they fail with G_IO_ERROR_CANCELLED. */
void                community_zip_writer_set_cancellable (CommunityZipWriter *writer,
                                                          GCancellable       *cancellable);
gboolean            community_zip_writer_begin    (CommunityZipWriter *writer,
                                                   const char         *name,
                                                   GError            **error);
gboolean            community_zip_writer_write    (CommunityZipWriter *writer,
                                                   const char         *data,
                                                   gsize               length,
                                                   GError            **error);
/* write() of @data, which the writer takes (g_malloc()ed): with threads,
 * a chunk of 512 KiB or more becomes a piece without a copy (after what
 * is pending, as a piece of its own). */
gboolean            community_zip_writer_write_owned (CommunityZipWriter *writer,
                                                      char               *data,
                                                      gsize               length,
                                                      GError            **error);
gboolean            community_zip_writer_end      (CommunityZipWriter *writer,
                                                   GError            **error);
gboolean            community_zip_writer_add_entry (CommunityZipWriter *writer,
                                                    const char         *name,
                                                    const char         *data,
                                                    gsize               length,
                                                    GError            **error);
gboolean            community_zip_writer_close    (CommunityZipWriter *writer,
                                                   GError            **error);
void                community_zip_writer_free     (CommunityZipWriter *writer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityZipWriter, community_zip_writer_free)

/* In memory, at zlib's fastest level (Z_BEST_SPEED, as the xlsx writer:
 * doc/performance.md measures it against the default): add() cannot fail there (a failure
 * is a critical), finish() closes the archive, frees @writer and gives its
 * bytes. */
CommunityZipWriter *community_zip_writer_new    (void);
void                community_zip_writer_add    (CommunityZipWriter *writer,
                                                 const char         *name,
                                                 const char         *data,
                                                 gsize               length);
GBytes             *community_zip_writer_finish (CommunityZipWriter *writer);  /* frees @writer */

G_END_DECLS
