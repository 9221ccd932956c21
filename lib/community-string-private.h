/* community-string-private.h: appending to a GString in the writers' loops,
 * and checking UTF-8 in the readers' 
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <string.h>

#include <glib.h>

G_BEGIN_DECLS

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
          if ((w & G_GUINT64_CONSTANT (0x8080808080808080)) != 0)
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
