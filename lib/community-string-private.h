/* community-string-private.h: appending to a GString in the writers' loops
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

G_END_DECLS
