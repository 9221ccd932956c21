/* community-zip.c: zip archives in memory, through minizip
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * minizip reads the central directory and hands over each entry's
 * compressed bytes as they are stored (unzOpenCurrentFile2 with raw = 1);
 * zlib inflates them here, so that every inflated byte is counted against
 * the limits of community-zip.h before it is kept. (minizip's own
 * inflating read stops silently at the declared size, so an entry that
 * inflates past it could not be told from a CRC error.) The CRC is checked
 * here too. Only stored (0) and deflated (8) entries, unencrypted, are
 * read; zip64 archives are read as minizip reads them.
 */

#include "config.h"

#include <string.h>

#include <community/community.h>
#include <ioapi.h>
#include <unzip.h>
#include <zip.h>
#include <zlib.h>
#ifdef HAVE_ISAL
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#endif

#include "community-handoff-private.h"
#include "community-zip.h"

/* --- minizip's I/O on bytes in memory --- */

typedef struct {
  const char *data;        /* reading: the archive */
  GByteArray *out;         /* writing: the archive being written */
  gsize length;
  ZPOS64_T position;
} MemoryStream;

static voidpf ZCALLBACK
memory_open (voidpf      opaque,
             const void *filename,
             int         mode)
{
  return opaque;
}

static uLong ZCALLBACK
memory_read (voidpf opaque,
             voidpf stream,
             void  *buf,
             uLong  size)
{
  MemoryStream *memory = stream;
  gsize length = memory->out != NULL ? memory->out->len : memory->length;
  const char *data = memory->out != NULL ? (const char *) memory->out->data : memory->data;
  gsize available;

  if (memory->position >= length)
    return 0;
  available = length - (gsize) memory->position;
  if (size > available)
    size = (uLong) available;
  memcpy (buf, data + memory->position, size);
  memory->position += size;
  return size;
}

static uLong ZCALLBACK
memory_write (voidpf      opaque,
              voidpf      stream,
              const void *buf,
              uLong       size)
{
  MemoryStream *memory = stream;
  GByteArray *out = memory->out;
  gsize end;

  if (out == NULL)
    return 0;
  end = (gsize) memory->position + size;
  if (end > out->len)
    g_byte_array_set_size (out, (guint) end);
  memcpy (out->data + memory->position, buf, size);
  memory->position = end;
  return size;
}

static ZPOS64_T ZCALLBACK
memory_tell (voidpf opaque,
             voidpf stream)
{
  MemoryStream *memory = stream;

  return memory->position;
}

static long ZCALLBACK
memory_seek (voidpf   opaque,
             voidpf   stream,
             ZPOS64_T offset,
             int      origin)
{
  MemoryStream *memory = stream;
  gsize length = memory->out != NULL ? memory->out->len : memory->length;
  ZPOS64_T base;

  switch (origin)
    {
    case ZLIB_FILEFUNC_SEEK_SET:
      base = 0;
      break;
    case ZLIB_FILEFUNC_SEEK_CUR:
      base = memory->position;
      break;
    case ZLIB_FILEFUNC_SEEK_END:
      base = length;
      break;
    default:
      return -1;
    }
  /* minizip seeks only within the archive; beyond its end is an error
   * (a central directory offset pointing nowhere). */
  if (offset > G_MAXUINT64 - base || base + offset > length)
    return -1;
  memory->position = base + offset;
  return 0;
}

static int ZCALLBACK
memory_close (voidpf opaque,
              voidpf stream)
{
  return 0;
}

static int ZCALLBACK
memory_error (voidpf opaque,
              voidpf stream)
{
  return 0;
}

static void
memory_functions (zlib_filefunc64_def *functions,
                  MemoryStream        *memory)
{
  functions->zopen64_file = memory_open;
  functions->zread_file = memory_read;
  functions->zwrite_file = memory_write;
  functions->ztell64_file = memory_tell;
  functions->zseek64_file = memory_seek;
  functions->zclose_file = memory_close;
  functions->zerror_file = memory_error;
  functions->opaque = memory;
}

/* --- reading --- */

typedef struct {
  char *name;              /* UTF-8 */
  unz64_file_pos position;
} ZipEntry;

struct _CommunityZip {
  MemoryStream memory;
  unzFile file;
  GArray *entries;         /* ZipEntry */
  GHashTable *by_name;     /* name -> index + 1 */
  char **names;            /* NULL-terminated, pointing into entries */
  guint64 total;           /* bytes inflated so far, all entries */
};

static void
zip_entry_clear (gpointer data)
{
  ZipEntry *entry = data;

  g_free (entry->name);
}

/* An entry's name as UTF-8: as stored when it is valid UTF-8 (flag 11 or
 * plain ASCII); otherwise as the code page of a Chinese Windows (GB18030,
 * what its zip tools write without flag 11); otherwise with U+FFFD for the
 * bad bytes. */
static char *
entry_name (const char *raw,
            gsize       length)
{
  char *name;

  if (g_utf8_validate_len (raw, length, NULL))
    return g_strndup (raw, length);
  name = g_convert (raw, (gssize) length, "UTF-8", "GB18030", NULL, NULL, NULL);
  if (name != NULL && strlen (name) > 0)
    return name;
  g_free (name);
  return g_utf8_make_valid (raw, (gssize) length);
}

void
community_zip_free (CommunityZip *zip)
{
  if (zip == NULL)
    return;
  if (zip->file != NULL)
    unzClose (zip->file);
  g_clear_pointer (&zip->entries, g_array_unref);
  g_clear_pointer (&zip->by_name, g_hash_table_unref);
  g_free (zip->names);
  g_free (zip);
}

CommunityZip *
community_zip_open (const char *data,
                    gsize       length,
                    GError    **error)
{
  g_autoptr(CommunityZip) zip = g_new0 (CommunityZip, 1);
  zlib_filefunc64_def functions;
  unz_global_info64 global;
  int status;
  guint i;

  zip->memory.data = data;
  zip->memory.length = length;
  zip->entries = g_array_new (FALSE, TRUE, sizeof (ZipEntry));
  g_array_set_clear_func (zip->entries, zip_entry_clear);
  zip->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  memory_functions (&functions, &zip->memory);

  zip->file = unzOpen2_64 (&zip->memory, &functions);
  if (zip->file == NULL || unzGetGlobalInfo64 (zip->file, &global) != UNZ_OK)
    {
      g_set_error_literal (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                           "not a zip archive");
      return NULL;
    }
  if (global.number_entry > COMMUNITY_ZIP_MAX_ENTRIES)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                   "the zip archive has more than %d entries", COMMUNITY_ZIP_MAX_ENTRIES);
      return NULL;
    }

  for (status = unzGoToFirstFile (zip->file);
       status == UNZ_OK;
       status = unzGoToNextFile (zip->file))
    {
      unz_file_info64 info;
      char raw[65536];
      ZipEntry entry = { NULL, };

      if (zip->entries->len >= COMMUNITY_ZIP_MAX_ENTRIES)
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                       "the zip archive has more than %d entries", COMMUNITY_ZIP_MAX_ENTRIES);
          return NULL;
        }
      if (unzGetCurrentFileInfo64 (zip->file, &info, raw, sizeof raw, NULL, 0, NULL, 0) != UNZ_OK ||
          unzGetFilePos64 (zip->file, &entry.position) != UNZ_OK)
        break;
      entry.name = entry_name (raw, MIN (info.size_filename, sizeof raw));
      if (g_hash_table_contains (zip->by_name, entry.name))
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                       "%s: the zip archive holds this entry twice", entry.name);
          g_free (entry.name);
          return NULL;
        }
      g_array_append_val (zip->entries, entry);
      g_hash_table_insert (zip->by_name,
                           g_array_index (zip->entries, ZipEntry, zip->entries->len - 1).name,
                           GUINT_TO_POINTER (zip->entries->len));
    }
  if (status != UNZ_END_OF_LIST_OF_FILE)
    {
      g_set_error_literal (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                           "not a zip archive: its central directory is damaged");
      return NULL;
    }

  zip->names = g_new0 (char *, zip->entries->len + 1);
  for (i = 0; i < zip->entries->len; i++)
    zip->names[i] = g_array_index (zip->entries, ZipEntry, i).name;
  return g_steal_pointer (&zip);
}

const char *const *
community_zip_list (CommunityZip *zip)
{
  return (const char *const *) zip->names;
}

static gboolean
zip_limit_error (GError    **error,
                 const char *name,
                 const char *why)
{
  g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
               "%s: the zip entry %s (a zip bomb?)", name, why);
  return FALSE;
}

/* One entry being inflated: its own minizip handle over the archive's
 * bytes, so that streams of one archive may be read in different threads. */
struct _CommunityZipStream {
  CommunityZip *zip;
  const char *name;        /* the entry's, owned by zip */
  MemoryStream memory;
  unzFile file;
  unz_file_info64 info;
  gboolean deflated;
  z_stream inflater;
  gboolean inflating;      /* inflater to be ended */
#ifdef HAVE_ISAL
  /* igzip's inflater, in place of zlib's where the library is built with
   * ISA-L: it inflates in about a third of zlib's time and keeps the CRC
   * as it goes (crc_flag ISAL_GZIP_NO_HDR: raw deflate, the gzip CRC,
   * which is the zip CRC); a fifth of a CSV zip's load was zlib's. */
  struct inflate_state *isal;
#endif
  gboolean input_done;     /* no more compressed bytes */
  gboolean ended;          /* the deflate stream's end was seen */
  gboolean finished;       /* every byte read, size and CRC right */
  gboolean failed;
  guint64 base;            /* the archive's total before this entry */
  guint64 produced;        /* bytes inflated so far */
  uLong crc;
  unsigned char input[64 * 1024];
};

/* Whether @produced inflated bytes of @stream's entry are still within
 * the limits; an error when not. */
static gboolean
zip_check_limits (CommunityZipStream *stream,
                  guint64             produced,
                  GError            **error)
{
  const unz_file_info64 *info = &stream->info;
  const char *name = stream->name;

  if (produced > info->uncompressed_size)
    return zip_limit_error (error, name, "inflates to more bytes than it declares");
  if (produced > COMMUNITY_ZIP_MAX_ENTRY)
    return zip_limit_error (error, name, "inflates to more than 1 GiB");
  if (produced > (1 << 20) &&
      produced / COMMUNITY_ZIP_MAX_RATIO > info->compressed_size)
    return zip_limit_error (error, name, "inflates to more than 200 times its compressed size");
  if (stream->base + produced > COMMUNITY_ZIP_MAX_TOTAL)
    return zip_limit_error (error, name, "takes the archive past 2 GiB inflated");
  return TRUE;
}

void
community_zip_stream_free (CommunityZipStream *stream)
{
  if (stream == NULL)
    return;
  if (stream->inflating)
    inflateEnd (&stream->inflater);
#ifdef HAVE_ISAL
  g_free (stream->isal);
#endif
  if (stream->file != NULL)
    {
      unzCloseCurrentFile (stream->file);
      unzClose (stream->file);
    }
  /* what it declared counted against the total; only what was read
   * whole still does */
  if (!stream->finished)
    stream->zip->total -= stream->info.uncompressed_size;
  g_free (stream);
}

CommunityZipStream *
community_zip_stream_open (CommunityZip *zip,
                           const char   *name,
                           GError      **error)
{
  g_autoptr(CommunityZipStream) stream = NULL;
  zlib_filefunc64_def functions;
  ZipEntry *entry;
  guint index;

  index = GPOINTER_TO_UINT (g_hash_table_lookup (zip->by_name, name));
  if (index == 0)
    return NULL;
  entry = &g_array_index (zip->entries, ZipEntry, index - 1);

  stream = g_new0 (CommunityZipStream, 1);
  stream->zip = zip;
  stream->name = entry->name;
  stream->memory.data = zip->memory.data;
  stream->memory.length = zip->memory.length;
  /* nothing counted yet: what free() gives back */
  stream->finished = TRUE;
  memory_functions (&functions, &stream->memory);
  stream->file = unzOpen2_64 (&stream->memory, &functions);
  if (stream->file == NULL ||
      unzGoToFilePos64 (stream->file, &entry->position) != UNZ_OK ||
      unzGetCurrentFileInfo64 (stream->file, &stream->info, NULL, 0, NULL, 0, NULL, 0) != UNZ_OK)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                   "%s: the zip entry cannot be found again", entry->name);
      return NULL;
    }
  if (stream->info.flag & 1)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_FORMAT,
                   "%s: the zip entry is encrypted", entry->name);
      return NULL;
    }
  if (stream->info.compression_method != 0 && stream->info.compression_method != Z_DEFLATED)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_FORMAT,
                   "%s: the zip entry is compressed with method %lu (only stored and deflated entries are read)",
                   entry->name, stream->info.compression_method);
      return NULL;
    }
  /* What it declares must be within the limits before anything inflates;
   * then what it inflates to is checked as it comes. */
  if (stream->info.uncompressed_size > COMMUNITY_ZIP_MAX_ENTRY)
    {
      zip_limit_error (error, entry->name, "declares more than 1 GiB");
      return NULL;
    }
  if (stream->info.uncompressed_size > (1 << 20) &&
      stream->info.uncompressed_size / COMMUNITY_ZIP_MAX_RATIO > stream->info.compressed_size)
    {
      zip_limit_error (error, entry->name, "declares more than 200 times its compressed size");
      return NULL;
    }
  if (zip->total + stream->info.uncompressed_size > COMMUNITY_ZIP_MAX_TOTAL)
    {
      zip_limit_error (error, entry->name, "takes the archive past 2 GiB inflated");
      return NULL;
    }
  if (stream->info.compressed_size > zip->memory.length)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                   "%s: the zip entry declares more compressed bytes than the archive holds",
                   entry->name);
      return NULL;
    }
  if (unzOpenCurrentFile2 (stream->file, NULL, NULL, 1) != UNZ_OK)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                   "%s: the zip entry cannot be read", entry->name);
      return NULL;
    }
  stream->deflated = stream->info.compression_method == Z_DEFLATED;
  if (stream->deflated)
    {
#ifdef HAVE_ISAL
      stream->isal = g_new (struct inflate_state, 1);
      isal_inflate_init (stream->isal);
      stream->isal->crc_flag = ISAL_GZIP_NO_HDR;
#else
      if (inflateInit2 (&stream->inflater, -MAX_WBITS) != Z_OK)
        g_error ("zlib cannot start inflating");
      stream->inflating = TRUE;
#endif
    }
  stream->crc = crc32 (0, Z_NULL, 0);
  /* What it declares counts against the archive's total now (what it
   * inflates to cannot be more), so that streams opened one after another
   * and read in any order are held to the limit in the order of opening. */
  stream->base = zip->total;
  zip->total += stream->info.uncompressed_size;
  stream->finished = FALSE;
  return g_steal_pointer (&stream);
}

guint64
community_zip_stream_size (CommunityZipStream *stream)
{
  return stream->info.uncompressed_size;
}

static gssize
zip_stream_fail (CommunityZipStream *stream,
                 GError            **error,
                 const char         *why)
{
  if (why != NULL)
    g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                 "%s: the zip entry%s", stream->name, why);
  stream->failed = TRUE;
  return -1;
}

/* The end of the entry: its size and CRC. */
static gssize
zip_stream_finish (CommunityZipStream *stream,
                   GError            **error)
{
  if (stream->produced != stream->info.uncompressed_size)
    return zip_stream_fail (stream, error, " inflates to fewer bytes than it declares");
  if (stream->crc != stream->info.crc)
    return zip_stream_fail (stream, error, "'s CRC does not match its data");
  stream->finished = TRUE;
  return 0;
}

/* The entry's next compressed bytes into @stream->input, for either
 * inflater: how many (0 once all are read), or -1. */
static int
zip_stream_fill (CommunityZipStream *stream)
{
  int read = unzReadCurrentFile (stream->file, stream->input, sizeof stream->input);

  if (read >= 0)
    stream->input_done = read == 0;
  return read;
}

gssize
community_zip_stream_read (CommunityZipStream *stream,
                           void               *buffer,
                           gsize               size,
                           GError            **error)
{
  g_return_val_if_fail (!stream->failed, -1);

  if (stream->finished)
    return 0;
  size = MIN (size, (gsize) G_MAXINT32);
  for (;;)
    {
      gsize got;

      if (!stream->deflated)
        {
          int status = unzReadCurrentFile (stream->file, buffer, (unsigned) size);

          if (status < 0)
            return zip_stream_fail (stream, error, " cannot be read");
          if (status == 0)
            return zip_stream_finish (stream, error);
          got = (gsize) status;
        }
#ifdef HAVE_ISAL
      else
        {
          struct inflate_state *state = stream->isal;
          guint32 before;

          if (stream->ended)
            return zip_stream_finish (stream, error);
          if (state->avail_in == 0 && !stream->input_done)
            {
              int read = zip_stream_fill (stream);

              if (read < 0)
                return zip_stream_fail (stream, error, " cannot be read");
              state->next_in = stream->input;
              state->avail_in = (guint32) read;
            }
          before = state->avail_in;
          state->next_out = buffer;
          state->avail_out = (guint32) size;
          if (isal_inflate (state) != ISAL_DECOMP_OK)
            return zip_stream_fail (stream, error, "'s compressed data is damaged");
          if (state->block_state == ISAL_BLOCK_FINISH)
            stream->ended = TRUE;
          got = size - state->avail_out;
          if (got == 0)
            {
              if (stream->ended)
                continue;
              if (stream->input_done && state->avail_in == 0)
                return zip_stream_fail (stream, error, "'s compressed data is cut short");
              if (state->avail_in > 0 && state->avail_in == before)
                return zip_stream_fail (stream, error, "'s compressed data is damaged");
              continue;  /* more input first */
            }
          if (!zip_check_limits (stream, stream->produced + got, error))
            return zip_stream_fail (stream, NULL, NULL);
          stream->produced += got;
          stream->crc = state->crc;
          return (gssize) got;
        }
#else
      else
        {
          z_stream *inflater = &stream->inflater;
          int status;

          if (stream->ended)
            return zip_stream_finish (stream, error);
          if (inflater->avail_in == 0 && !stream->input_done)
            {
              int read = zip_stream_fill (stream);

              if (read < 0)
                return zip_stream_fail (stream, error, " cannot be read");
              inflater->next_in = stream->input;
              inflater->avail_in = (uInt) read;
            }
          inflater->next_out = buffer;
          inflater->avail_out = (uInt) size;
          status = inflate (inflater, Z_NO_FLUSH);
          if (status != Z_OK && status != Z_STREAM_END && status != Z_BUF_ERROR)
            return zip_stream_fail (stream, error, "'s compressed data is damaged");
          if (status == Z_STREAM_END)
            stream->ended = TRUE;
          got = size - inflater->avail_out;
          if (got == 0)
            {
              if (stream->ended)
                continue;
              if (status == Z_BUF_ERROR && inflater->avail_in > 0)
                return zip_stream_fail (stream, error, "'s compressed data is damaged");
              if (stream->input_done)
                return zip_stream_fail (stream, error, "'s compressed data is cut short");
              continue;  /* more input first */
            }
        }
#endif
      if (!zip_check_limits (stream, stream->produced + got, error))
        return zip_stream_fail (stream, NULL, NULL);
      stream->produced += got;
      stream->crc = crc32_z (stream->crc, buffer, got);
      return (gssize) got;
    }
}

GBytes *
community_zip_read (CommunityZip *zip,
                    const char   *name,
                    GError      **error)
{
  g_autoptr(CommunityZipStream) stream = NULL;
  g_autoptr(GByteArray) out = NULL;
  GError *local = NULL;

  stream = community_zip_stream_open (zip, name, &local);
  if (stream == NULL)
    {
      if (local != NULL)
        g_propagate_error (error, local);
      return NULL;
    }
  /* Grown as the bytes come, not sized by what the entry declares. */
  out = g_byte_array_sized_new ((guint) MIN (stream->info.uncompressed_size, 1 << 20));
  for (;;)
    {
      gssize got;

      g_byte_array_set_size (out, out->len + 64 * 1024);
      got = community_zip_stream_read (stream, out->data + out->len - 64 * 1024, 64 * 1024, error);
      g_byte_array_set_size (out, out->len - 64 * 1024 + (guint) MAX (got, 0));
      if (got < 0)
        return NULL;
      if (got == 0)
        break;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* --- writing --- */

/* minizip's output: a GOutputStream that can seek (it goes back to each
 * entry's local header to fill in its sizes and CRC), a file's through
 * g_file_replace() or a GMemoryOutputStream. The first error is kept. */
typedef struct {
  GOutputStream *stream;
  GCancellable *cancellable;
  GError *error;
} StreamOutput;

static voidpf ZCALLBACK
stream_open (voidpf      opaque,
             const void *filename,
             int         mode)
{
  return opaque;
}

static uLong ZCALLBACK
stream_read (voidpf opaque,
             voidpf stream,
             void  *buf,
             uLong  size)
{
  return 0;   /* a new archive is never read back */
}

static uLong ZCALLBACK
stream_write (voidpf      opaque,
              voidpf      stream,
              const void *buf,
              uLong       size)
{
  StreamOutput *output = stream;
  gsize written = 0;

  if (output->error != NULL)
    return 0;
  if (!g_output_stream_write_all (output->stream, buf, size, &written, output->cancellable, &output->error))
    return 0;
  return (uLong) written;
}

static ZPOS64_T ZCALLBACK
stream_tell (voidpf opaque,
             voidpf stream)
{
  StreamOutput *output = stream;

  return (ZPOS64_T) g_seekable_tell (G_SEEKABLE (output->stream));
}

static long ZCALLBACK
stream_seek (voidpf   opaque,
             voidpf   stream,
             ZPOS64_T offset,
             int      origin)
{
  StreamOutput *output = stream;
  GSeekType type;

  if (output->error != NULL)
    return -1;
  switch (origin)
    {
    case ZLIB_FILEFUNC_SEEK_SET:
      type = G_SEEK_SET;
      break;
    case ZLIB_FILEFUNC_SEEK_CUR:
      type = G_SEEK_CUR;
      break;
    case ZLIB_FILEFUNC_SEEK_END:
      type = G_SEEK_END;
      break;
    default:
      return -1;
    }
  if (offset > G_MAXINT64 ||
      !g_seekable_seek (G_SEEKABLE (output->stream), (goffset) offset, type, output->cancellable, &output->error))
    return -1;
  return 0;
}

static int ZCALLBACK
stream_close (voidpf opaque,
              voidpf stream)
{
  return 0;   /* the stream is its owner's to close */
}

static int ZCALLBACK
stream_error (voidpf opaque,
              voidpf stream)
{
  StreamOutput *output = stream;

  return output->error != NULL;
}

/* --- deflating on several threads ---
 *
 * With community_zip_writer_set_threads(), an entry written by chunks is
 * cut into pieces of about PIECE_SIZE bytes, and each piece is deflated on its
 * own, in a pool of threads, as pigz does: a piece ends with a sync flush
 * (on a byte boundary, not the last block), the last with Z_FINISH, and
 * each begins with the previous piece's last 32 KiB as its dictionary, so
 * that the pieces put end to end are one deflate stream, compressed about
 * as well as in one go. The pieces' CRCs are combined (crc32_combine()).
 * The writer's thread hands minizip the pieces in order, as they are
 * done, as a raw entry (zipOpenNewFileInZip4_64 with raw = 1, then
 * zipCloseFileInZipRaw64 with the size and CRC), so the output stream is
 * only ever written from the writer's thread. At most 2 pieces a thread
 * are in flight: the caller waits for the oldest beyond that.
 *
 * At Z_BEST_SPEED, where the library is built with ISA-L (libisal, as
 * Debian's), its igzip deflates the pieces, at its level 1, the same way
 * (a sync flush, the dictionary): on the province's findings sheet (136 MB
 * of XML) it takes a quarter of zlib's time for a smaller entry
 * (doc/performance.md, "Reports"). Any inflater reads its stream. */

#define PIECE_SIZE (1024 * 1024)
/* The smallest part that add_entry() deflates on the pool's threads. */
#define SMALL_PART (64 * 1024)
#define DICTIONARY_SIZE (32 * 1024)

typedef struct {
  guchar *dictionary;      /* the previous piece's last bytes, or NULL */
  gsize dictionary_length;
  guchar *input;
  gsize length;
  gboolean last;
  int level;
  guchar *output;
  gsize output_length;
  guint32 crc;
  gboolean done;
  gboolean failed;         /* zlib refused (out of memory) */
} Piece;

struct _CommunityZipWriter {
  StreamOutput output;
  zipFile file;
  int level;
  gboolean in_entry;
  /* several threads (threads > 1) */
  guint threads;
  GThreadPool *pool;
  GMutex lock;             /* community_handoff_lock(): ThreadSanitizer sees it */
  GCond done;              /* a piece is done */
  GPtrArray *idle;         /* Deflater *, ready for the next piece */
  gboolean raw_entry;      /* the entry being written is deflated here */
  GQueue pieces;           /* Piece *, in the entry's order */
  GByteArray *pending;     /* what is not yet a piece */
  guchar *dictionary;      /* the last piece's last 32 KiB, for the next */
  gsize dictionary_length;
  guint64 entry_size;
  guint32 entry_crc;
  char *entry_name;
};

static void
piece_free (Piece *piece)
{
  g_free (piece->dictionary);
  g_free (piece->input);
  g_free (piece->output);
  g_free (piece);
}

/* A pool thread's deflater, kept for the next piece: zlib's stream, made
 * at its first piece, and igzip's. */
typedef struct {
  z_stream *zlib;
#ifdef HAVE_ISAL
  struct isal_zstream *isal;
  guint8 *isal_buffer;     /* its level's hash tables */
#endif
} Deflater;

static void
deflater_free (gpointer data)
{
  Deflater *deflater = data;

  if (deflater->zlib != NULL)
    {
      deflateEnd (deflater->zlib);
      g_free (deflater->zlib);
    }
#ifdef HAVE_ISAL
  g_free (deflater->isal);
  g_free (deflater->isal_buffer);
#endif
  g_free (deflater);
}

/* One call of a deflater on @piece, into the @room bytes at @output:
 * how many it @written, and whether it needs more room to finish (@full);
 * FALSE when it refused or stopped short. */
typedef gboolean (*DeflateStep) (Deflater *deflater,
                                 Piece    *piece,
                                 guchar   *output,
                                 gsize     room,
                                 gsize    *written,
                                 gboolean *full);

static gboolean
zlib_start (Deflater *deflater,
            Piece    *piece)
{
  if (deflater->zlib == NULL)
    {
      deflater->zlib = g_new0 (z_stream, 1);
      if (deflateInit2 (deflater->zlib, piece->level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        {
          g_clear_pointer (&deflater->zlib, g_free);
          return FALSE;
        }
    }
  else if (deflateReset (deflater->zlib) != Z_OK)
    return FALSE;
  if (piece->dictionary != NULL &&
      deflateSetDictionary (deflater->zlib, piece->dictionary, (uInt) piece->dictionary_length) != Z_OK)
    return FALSE;
  deflater->zlib->next_in = piece->input;
  deflater->zlib->avail_in = (uInt) piece->length;
  return TRUE;
}

static gboolean
zlib_step (Deflater *deflater,
           Piece    *piece,
           guchar   *output,
           gsize     room,
           gsize    *written,
           gboolean *full)
{
  z_stream *stream = deflater->zlib;
  int status;

  stream->next_out = output;
  stream->avail_out = (uInt) room;
  status = deflate (stream, piece->last ? Z_FINISH : Z_SYNC_FLUSH);
  *written = room - stream->avail_out;
  *full = stream->avail_out == 0;
  if (status == Z_STREAM_ERROR)
    return FALSE;
  return *full || !piece->last || status == Z_STREAM_END;
}

#ifdef HAVE_ISAL
static gboolean
isal_start (Deflater *deflater,
            Piece    *piece)
{
  struct isal_zstream *stream;

  if (deflater->isal == NULL)
    {
      deflater->isal = g_new0 (struct isal_zstream, 1);
      deflater->isal_buffer = g_malloc (ISAL_DEF_LVL1_DEFAULT);
    }
  stream = deflater->isal;
  isal_deflate_init (stream);
  stream->level = 1;
  stream->level_buf = deflater->isal_buffer;
  stream->level_buf_size = ISAL_DEF_LVL1_DEFAULT;
  stream->gzip_flag = IGZIP_DEFLATE;   /* raw deflate, as a zip entry holds */
  stream->end_of_stream = piece->last;
  stream->flush = piece->last ? NO_FLUSH : SYNC_FLUSH;
  if (piece->dictionary != NULL &&
      isal_deflate_set_dict (stream, piece->dictionary, (guint32) piece->dictionary_length) != COMP_OK)
    return FALSE;
  stream->next_in = piece->input;
  stream->avail_in = (guint32) piece->length;
  return TRUE;
}

static gboolean
isal_step (Deflater *deflater,
           Piece    *piece,
           guchar   *output,
           gsize     room,
           gsize    *written,
           gboolean *full)
{
  struct isal_zstream *stream = deflater->isal;
  int status;

  stream->next_out = output;
  stream->avail_out = (guint32) room;
  status = isal_deflate (stream);
  *written = room - stream->avail_out;
  /* Not done until all the input is taken and the stream ended (the last
   * piece) or flushed to a byte boundary. */
  *full = stream->avail_in > 0 ||
          stream->internal_state.state != (piece->last ? ZSTATE_END : ZSTATE_NEW_HDR);
  return status == COMP_OK;
}
#endif

/* In a thread of the pool. */
static void
deflate_piece (gpointer data,
               gpointer user_data)
{
  Piece *piece = data;
  CommunityZipWriter *writer = user_data;
  Deflater *deflater = NULL;
  DeflateStep step = zlib_step;
  gsize bound, capacity, used = 0;
  gboolean ok;

  community_handoff_acquire (piece);
  community_handoff_lock (&writer->lock);
  if (writer->idle->len > 0)
    deflater = g_ptr_array_steal_index_fast (writer->idle, writer->idle->len - 1);
  community_handoff_unlock (&writer->lock);
  if (deflater == NULL)
    deflater = g_new0 (Deflater, 1);

#ifdef HAVE_ISAL
  if (piece->level == Z_BEST_SPEED)
    {
      step = isal_step;
      ok = isal_start (deflater, piece);
      piece->crc = crc32_gzip_refl (0, piece->input, piece->length);
    }
  else
#endif
    {
      ok = zlib_start (deflater, piece);
      piece->crc = crc32_z (0, piece->input, piece->length);
    }
  /* zlib's bound holds for igzip too (its stored blocks are zlib's). */
  bound = capacity = deflateBound (NULL, piece->length) + 64;
  piece->output = g_malloc (capacity);
  while (ok)
    {
      gsize written;
      gboolean full;

      ok = step (deflater, piece, piece->output + used, capacity - used, &written, &full);
      used += written;
      if (!ok || !full)
        break;
      /* The bound is an upper bound, but be safe (and never loop). */
      capacity *= 2;
      ok = capacity <= 16 * bound;
      piece->output = g_realloc (piece->output, capacity);
    }
  piece->output_length = used;
  /* The input is not needed any more. */
  g_clear_pointer (&piece->input, g_free);
  g_clear_pointer (&piece->dictionary, g_free);

  community_handoff_lock (&writer->lock);
  piece->failed = !ok;
  piece->done = TRUE;
  g_ptr_array_add (writer->idle, deflater);
  g_cond_broadcast (&writer->done);
  community_handoff_unlock (&writer->lock);
}

CommunityZipWriter *
community_zip_writer_new_for_stream (GOutputStream *stream,
                                     int            level)
{
  CommunityZipWriter *writer;
  zlib_filefunc64_def functions = {
    stream_open, stream_read, stream_write, stream_tell, stream_seek,
    stream_close, stream_error, NULL,
  };

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream) && G_IS_SEEKABLE (stream), NULL);
  g_return_val_if_fail (level == Z_DEFAULT_COMPRESSION || (level >= 0 && level <= 9), NULL);

  writer = g_new0 (CommunityZipWriter, 1);
  writer->output.stream = g_object_ref (stream);
  writer->level = level;
  writer->threads = 1;
  g_mutex_init (&writer->lock);
  g_cond_init (&writer->done);
  g_queue_init (&writer->pieces);
  functions.opaque = &writer->output;
  writer->file = zipOpen2_64 (&writer->output, APPEND_STATUS_CREATE, NULL, &functions);
  if (writer->file == NULL)
    g_error ("minizip cannot start an archive");
  return writer;
}

CommunityZipWriter *
community_zip_writer_new (void)
{
  g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();

  return community_zip_writer_new_for_stream (memory, Z_BEST_SPEED);
}

void
community_zip_writer_set_threads (CommunityZipWriter *writer,
                                  guint               threads)
{
  g_return_if_fail (writer != NULL && !writer->in_entry);

  if (writer->pool != NULL)
    {
      g_thread_pool_free (g_steal_pointer (&writer->pool), FALSE, TRUE);
      community_handoff_lock (&writer->lock);
      g_clear_pointer (&writer->idle, g_ptr_array_unref);
      community_handoff_unlock (&writer->lock);
    }
  if (threads == 0)
    threads = g_get_num_processors ();
  writer->threads = threads;
  if (threads > 1)
    {
      /* Not exclusive: GLib's idle threads are reused, and created only
       * as pieces come. Pushing to a non-exclusive pool cannot fail. */
      writer->pool = g_thread_pool_new (deflate_piece, writer, (int) threads, FALSE, NULL);
      writer->idle = g_ptr_array_new_with_free_func (deflater_free);
    }
}

void
community_zip_writer_set_cancellable (CommunityZipWriter *writer,
                                      GCancellable       *cancellable)
{
  g_return_if_fail (writer != NULL);

  g_set_object (&writer->output.cancellable, cancellable);
}

static gboolean
zip_write_error (CommunityZipWriter *writer,
                 const char         *name,
                 GError            **error)
{
  if (writer->output.error != NULL)
    g_propagate_error (error, g_error_copy (writer->output.error));
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: the zip entry cannot be written", name);
  return FALSE;
}

static gboolean
zip_writer_begin (CommunityZipWriter *writer,
                  const char         *name,
                  gboolean            zip64,
                  gboolean            raw,
                  GError            **error)
{
  zip_fileinfo info = { { 0, }, 0, 0, 0 };

  g_return_val_if_fail (!writer->in_entry, FALSE);

  /* Flag 11: the name is UTF-8. Fixed dates (1980-01-01) make the bytes
   * the same for the same entries. */
  if (zipOpenNewFileInZip4_64 (writer->file, name, &info, NULL, 0, NULL, 0, NULL,
                               Z_DEFLATED, writer->level, raw,
                               -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, NULL, 0,
                               0, 1 << 11, zip64) != ZIP_OK)
    return zip_write_error (writer, name, error);
  writer->in_entry = TRUE;
  writer->raw_entry = raw;
  g_free (writer->entry_name);
  writer->entry_name = g_strdup (name);
  return TRUE;
}

/* zip64 headers: an entry's size is not known when it begins. */
gboolean
community_zip_writer_begin (CommunityZipWriter *writer,
                            const char         *name,
                            GError            **error)
{
  if (!zip_writer_begin (writer, name, TRUE, writer->pool != NULL, error))
    return FALSE;
  if (writer->raw_entry)
    {
      writer->pending = g_byte_array_new ();
      g_clear_pointer (&writer->dictionary, g_free);
      writer->dictionary_length = 0;
      writer->entry_size = 0;
      writer->entry_crc = crc32_z (0, NULL, 0);
    }
  return TRUE;
}

static gboolean
zip_write_raw (CommunityZipWriter *writer,
               const void         *data,
               gsize               length,
               GError            **error)
{
  gsize done = 0;

  while (done < length)
    {
      unsigned part = (unsigned) MIN (length - done, 1u << 30);

      if (zipWriteInFileInZip (writer->file, (const char *) data + done, part) != ZIP_OK)
        return zip_write_error (writer, writer->entry_name != NULL ? writer->entry_name : "", error);
      done += part;
    }
  return TRUE;
}

/* Hands minizip the pieces done at the head of the queue, in order,
 * waiting for them while more than @keep are in flight. */
static gboolean
drain (CommunityZipWriter *writer,
       guint               keep,
       GError            **error)
{
  while (!g_queue_is_empty (&writer->pieces))
    {
      Piece *piece = g_queue_peek_head (&writer->pieces);
      gboolean done, ok;

      community_handoff_lock (&writer->lock);
      if (writer->pieces.length > keep)
        while (!piece->done)
          community_handoff_wait (&writer->done, &writer->lock);
      done = piece->done;
      community_handoff_unlock (&writer->lock);
      if (!done)
        return TRUE;

      g_queue_pop_head (&writer->pieces);
      if (piece->failed)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: zlib cannot deflate the zip entry",
                       writer->entry_name);
          ok = FALSE;
        }
      else
        {
          writer->entry_crc = crc32_combine (writer->entry_crc, piece->crc, (z_off_t) piece->length);
          writer->entry_size += piece->length;
          ok = zip_write_raw (writer, piece->output, piece->output_length, error);
        }
      piece_free (piece);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

/* @data (@length bytes, owned) as a piece for the pool; it begins with
 * the last piece's last 32 KiB as its dictionary, and keeps its own last
 * 32 KiB for the next. */
static gboolean
submit (CommunityZipWriter *writer,
        guchar             *data,
        gsize               length,
        gboolean            last,
        GError            **error)
{
  Piece *piece = g_new0 (Piece, 1);

  piece->dictionary = g_steal_pointer (&writer->dictionary);
  piece->dictionary_length = writer->dictionary_length;
  piece->input = data;
  piece->length = length;
  piece->last = last;
  piece->level = writer->level;
  if (!last && length > 0)
    {
      writer->dictionary_length = MIN (length, DICTIONARY_SIZE);
      writer->dictionary = g_memdup2 (data + length - writer->dictionary_length, writer->dictionary_length);
    }
  else if (!last)
    {
      /* An empty piece: the next one takes the same dictionary. */
      writer->dictionary = piece->dictionary != NULL ? g_memdup2 (piece->dictionary, piece->dictionary_length) : NULL;
    }
  g_queue_push_tail (&writer->pieces, piece);
  community_handoff_release (piece);
  g_thread_pool_push (writer->pool, piece, NULL);
  return drain (writer, last ? 0 : 2 * writer->threads, error);
}

/* The pending bytes as a piece. */
static gboolean
submit_pending (CommunityZipWriter *writer,
                gboolean            last,
                GError            **error)
{
  gsize length = writer->pending->len;
  guchar *data = g_byte_array_free (g_steal_pointer (&writer->pending), FALSE);

  if (!last)
    writer->pending = g_byte_array_new ();
  return submit (writer, data, length, last, error);
}

/* @data added to the entry's pending bytes, @piece_size bytes at a time,
 * each time they reach @piece_size handed to the pool as a piece. */
static gboolean
write_pieces (CommunityZipWriter *writer,
              const char         *data,
              gsize               length,
              gsize               piece_size,
              GError            **error)
{
  while (length > 0)
    {
      gsize part = MIN (length, piece_size);

      g_byte_array_append (writer->pending, (const guint8 *) data, (guint) part);
      data += part;
      length -= part;
      if (writer->pending->len >= piece_size && !submit_pending (writer, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
community_zip_writer_write (CommunityZipWriter *writer,
                            const char         *data,
                            gsize               length,
                            GError            **error)
{
  g_return_val_if_fail (writer->in_entry, FALSE);

  if (writer->raw_entry)
    return write_pieces (writer, data, length, PIECE_SIZE, error);
  return zip_write_raw (writer, data, length, error);
}

gboolean
community_zip_writer_write_owned (CommunityZipWriter *writer,
                                  char               *data,
                                  gsize               length,
                                  GError            **error)
{
  gboolean ok;

  g_return_val_if_fail (writer->in_entry, FALSE);

  if (writer->raw_entry && length >= PIECE_SIZE / 2)
    {
      /* What is pending goes first, as a piece of its own (a smaller one
       * deflates as well, with a shorter dictionary for the next). */
      if (writer->pending->len > 0 && !submit_pending (writer, FALSE, error))
        {
          g_free (data);
          return FALSE;
        }
      return submit (writer, (guchar *) data, length, FALSE, error);
    }
  ok = community_zip_writer_write (writer, data, length, error);
  g_free (data);
  return ok;
}

/* Waits for the pieces in flight and drops them (after a failure). */
static void
abandon_pieces (CommunityZipWriter *writer)
{
  Piece *piece;

  while ((piece = g_queue_pop_head (&writer->pieces)) != NULL)
    {
      community_handoff_lock (&writer->lock);
      while (!piece->done)
        community_handoff_wait (&writer->done, &writer->lock);
      community_handoff_unlock (&writer->lock);
      piece_free (piece);
    }
  if (writer->pending != NULL)
    g_byte_array_unref (g_steal_pointer (&writer->pending));
  g_clear_pointer (&writer->dictionary, g_free);
}

gboolean
community_zip_writer_end (CommunityZipWriter *writer,
                          GError            **error)
{
  g_return_val_if_fail (writer->in_entry, FALSE);

  if (writer->raw_entry)
    {
      if (!submit_pending (writer, TRUE, error))
        {
          abandon_pieces (writer);
          return FALSE;
        }
      writer->in_entry = FALSE;
      if (zipCloseFileInZipRaw64 (writer->file, writer->entry_size, writer->entry_crc) != ZIP_OK)
        return zip_write_error (writer, writer->entry_name, error);
      return TRUE;
    }
  writer->in_entry = FALSE;
  if (zipCloseFileInZip (writer->file) != ZIP_OK)
    return zip_write_error (writer, "", error);
  return TRUE;
}

gboolean
community_zip_writer_add_entry (CommunityZipWriter *writer,
                                const char         *name,
                                const char         *data,
                                gsize               length,
                                GError            **error)
{
  /* A small part: minizip deflates it here. A larger one (a sheet's CSV,
   * a workbook's shared strings: a province report's are 1 MB, which zlib
   * took 7 ms to deflate on this thread while the pool's threads waited),
   * with threads, goes to them as an entry written by chunks, in a piece
   * for each thread (at most PIECE_SIZE each). */
  if (writer->pool != NULL && length >= SMALL_PART)
    return community_zip_writer_begin (writer, name, error) &&
           write_pieces (writer, data, length, MIN (PIECE_SIZE, length / writer->threads + 1), error) &&
           community_zip_writer_end (writer, error);
  return zip_writer_begin (writer, name, length >= 0xffffffffu, FALSE, error) &&
         community_zip_writer_write (writer, data, length, error) &&
         community_zip_writer_end (writer, error);
}

void
community_zip_writer_add (CommunityZipWriter *writer,
                          const char         *name,
                          const char         *data,
                          gsize               length)
{
  g_autoptr(GError) error = NULL;

  if (!community_zip_writer_add_entry (writer, name, data, length, &error))
    g_critical ("%s: %s", name, error->message);
}

gboolean
community_zip_writer_close (CommunityZipWriter *writer,
                            GError            **error)
{
  zipFile file = g_steal_pointer (&writer->file);

  g_return_val_if_fail (file != NULL, FALSE);

  if (writer->in_entry)
    {
      abandon_pieces (writer);
      zipCloseFileInZip (file);
      writer->in_entry = FALSE;
    }
  if (zipClose (file, NULL) != ZIP_OK || writer->output.error != NULL)
    return zip_write_error (writer, "", error);
  return TRUE;
}

void
community_zip_writer_free (CommunityZipWriter *writer)
{
  if (writer == NULL)
    return;
  /* The pool's threads are joined: none touches the writer after this. */
  abandon_pieces (writer);
  if (writer->pool != NULL)
    {
      g_thread_pool_free (writer->pool, FALSE, TRUE);
      community_handoff_lock (&writer->lock);   /* what the threads left in idle */
      community_handoff_unlock (&writer->lock);
    }
  if (writer->file != NULL)
    {
      if (writer->in_entry)
        zipCloseFileInZip (writer->file);
      zipClose (writer->file, NULL);
    }
  g_clear_pointer (&writer->idle, g_ptr_array_unref);
  g_mutex_clear (&writer->lock);
  g_cond_clear (&writer->done);
  g_free (writer->entry_name);
  g_clear_error (&writer->output.error);
  g_clear_object (&writer->output.cancellable);
  g_clear_object (&writer->output.stream);
  g_free (writer);
}

GBytes *
community_zip_writer_finish (CommunityZipWriter *writer)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  g_return_val_if_fail (G_IS_MEMORY_OUTPUT_STREAM (writer->output.stream), NULL);

  if (!community_zip_writer_close (writer, &error))
    g_critical ("minizip cannot finish an archive in memory: %s", error->message);
  g_output_stream_close (writer->output.stream, NULL, NULL);
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (writer->output.stream));
  community_zip_writer_free (writer);
  return bytes;
}
