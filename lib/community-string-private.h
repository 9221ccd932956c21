/* community-string-private.h: text eight bytes at a time, appending to a
 * GString and integers in decimal in the writers' loops, and checking
 * UTF-8 in the readers'
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

/* Text eight bytes at a time: a guint64 of them (the first in the low
 * byte, after GUINT64_FROM_LE()) in which each byte that matters is
 * flagged by its high bit. A borrow may flag a byte after the first that
 * matters, never one before it: the lowest flag is the first
 * (__builtin_ctzll () / 8). The JSON tokenizer and writer, the sheets'
 * writers and the UTF-8 check below read text this way. */
#define COMMUNITY_BYTES_ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define COMMUNITY_BYTES_HIGH G_GUINT64_CONSTANT (0x8080808080808080)

/* The bytes of @w below @n (at most 0x80). */
static inline guint64
community_bytes_below (guint64 w,
                       guint   n)
{
  return (w - COMMUNITY_BYTES_ONES * n) & ~w & COMMUNITY_BYTES_HIGH;
}

/* The bytes of @w equal to @c. */
static inline guint64
community_bytes_equal (guint64 w,
                       guchar  c)
{
  return community_bytes_below (w ^ (COMMUNITY_BYTES_ONES * c), 1);
}

/* g_string_append_len() without its function call when there is room:
 * in GLib 2.74 it is a call into g_string_insert_len(), and the HTML
 * report and the workbook's rows append a few bytes at a time. */
static inline void
community_string_append_len (GString    *out,
                             const char *data,
                             gsize       length)
{
  if (G_LIKELY (out->len + length < out->allocated_len))
    {
      memcpy (out->str + out->len, data, length);
      out->len += length;
      out->str[out->len] = '\0';
    }
  else
    g_string_append_len (out, data, (gssize) length);
}

/* How many bytes of @data (@length) are UTF-8, U+0000 taken as UTF-8:
 * @length when all are. As g_utf8_validate_len() reads it, but ASCII goes
 * eight bytes at a time and only the runs of other bytes go to
 * g_utf8_validate_len(), which takes a byte at a time (a third of a CSV
 * read, when it took the whole text): no UTF-8 sequence holds a byte below
 * 0x80, so a run ends where a sequence does, or is refused. */
/* The most bytes community_format_int64() writes: G_MININT64's 19
 * digits and its sign. */
#define COMMUNITY_INT64_CHARS 20

/* @value in decimal, as printf's %" G_GINT64_FORMAT " writes it, written
 * backwards so that it ends at @end (with room for COMMUNITY_INT64_CHARS
 * bytes before it, and no '\0' written): returns where it begins. Two
 * digits at a time, from a table of the hundred pairs; the writers' row
 * numbers, indexes and integers all go through it. */
static inline char *
community_format_int64 (char   *end,
                        gint64  value)
{
  static const char pairs[] =
    "00010203040506070809101112131415161718192021222324"
    "25262728293031323334353637383940414243444546474849"
    "50515253545556575859606162636465666768697071727374"
    "75767778798081828384858687888990919293949596979899";
  guint64 magnitude = value < 0 ? - (guint64) value : (guint64) value;
  char *p = end;

  while (magnitude >= 100)
    {
      guint pair = (guint) (magnitude % 100);

      magnitude /= 100;
      p -= 2;
      memcpy (p, pairs + 2 * pair, 2);
    }
  if (magnitude >= 10)
    {
      p -= 2;
      memcpy (p, pairs + 2 * magnitude, 2);
    }
  else
    *--p = (char) ('0' + magnitude);
  if (value < 0)
    *--p = '-';
  return p;
}

static inline gsize
community_utf8_valid_prefix (const char *data,
                             gsize       length)
{
  const char *p = data;
  const char *end = data + length;

  while (p < end)
    {
      const char *run;
      const char *bad;

      while (end - p >= 8)
        {
          guint64 w;

          memcpy (&w, p, 8);
          if ((w & COMMUNITY_BYTES_HIGH) != 0)
            break;
          p += 8;
        }
      while (p < end && (guchar) *p < 0x80)
        p++;
      run = p;
      while (p < end && (guchar) *p >= 0x80)
        p++;
      if (p > run && !g_utf8_validate_len (run, (gsize) (p - run), &bad))
        return (gsize) (bad - data);
    }
  return length;
}

G_END_DECLS
