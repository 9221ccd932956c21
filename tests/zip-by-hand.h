/* zip-by-hand.h: zip archives written byte by byte
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * For tests and fuzz targets that want an archive exactly so: stored or
 * deflated data given as it is, with whatever sizes and CRC a case
 * declares (a zip bomb's lie, a damaged entry), or a package built
 * around a fuzzed part without deflating it on every input.
 */

#pragma once

#include <string.h>

#include <glib.h>

typedef struct {
  GByteArray *data;
  GByteArray *directory;
  guint entries;
} RawZip;

static inline void
put16 (GByteArray *out,
       guint       value)
{
  guint8 bytes[2] = { value & 0xff, (value >> 8) & 0xff };

  g_byte_array_append (out, bytes, 2);
}

static inline void
put32 (GByteArray *out,
       guint32     value)
{
  guint8 bytes[4] = { value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff, value >> 24 };

  g_byte_array_append (out, bytes, 4);
}

/* What a local header and a central directory entry both hold: version
 * needed, flags, method, time, CRC, sizes, the name's length. */
static inline void
put_entry (GByteArray *out,
           const char *name,
           guint       method,
           gsize       length,
           guint32     declared,
           guint32     crc)
{
  put16 (out, 20);
  put16 (out, 0);
  put16 (out, method);
  put32 (out, 0);
  put32 (out, crc);
  put32 (out, (guint32) length);
  put32 (out, declared);
  put16 (out, (guint) strlen (name));
}

static inline void
raw_zip_add (RawZip       *zip,
             const char   *name,
             guint         method,
             const guint8 *data,
             gsize         length,
             guint32       declared,
             guint32       crc)
{
  guint32 offset = zip->data->len;

  put32 (zip->data, 0x04034b50);
  put_entry (zip->data, name, method, length, declared, crc);
  put16 (zip->data, 0);
  g_byte_array_append (zip->data, (const guint8 *) name, (guint) strlen (name));
  g_byte_array_append (zip->data, data, (guint) length);

  put32 (zip->directory, 0x02014b50);
  put16 (zip->directory, 20);
  put_entry (zip->directory, name, method, length, declared, crc);
  put16 (zip->directory, 0);
  put16 (zip->directory, 0);
  put16 (zip->directory, 0);
  put16 (zip->directory, 0);
  put32 (zip->directory, 0);
  put32 (zip->directory, offset);
  g_byte_array_append (zip->directory, (const guint8 *) name, (guint) strlen (name));
  zip->entries++;
}

static inline GBytes *
raw_zip_finish (RawZip *zip)
{
  guint32 offset = zip->data->len;
  guint32 size = zip->directory->len;

  g_byte_array_append (zip->data, zip->directory->data, zip->directory->len);
  put32 (zip->data, 0x06054b50);
  put16 (zip->data, 0);
  put16 (zip->data, 0);
  put16 (zip->data, MIN (zip->entries, 0xffff));
  put16 (zip->data, MIN (zip->entries, 0xffff));
  put32 (zip->data, size);
  put32 (zip->data, offset);
  put16 (zip->data, 0);
  g_byte_array_unref (zip->directory);
  return g_byte_array_free_to_bytes (zip->data);
}

#define RAW_ZIP_INIT { g_byte_array_new (), g_byte_array_new (), 0 }
