/* community-json-pointer.c: JSON Pointers (RFC 6901), as the model names
 * a place in a document
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The model (record.required, the save check), the rules' paths and the
 * io layer's errors all name places by JSON Pointer: this lowest layer
 * builds them, the io layer (lib/json/) makes its errors with them.
 */

#include "config.h"

#include "community-json-pointer-private.h"

gsize
community_json_pointer_push_member (GString    *pointer,
                                    const char *member)
{
  gsize old_len = pointer->len;

  g_string_append_c (pointer, '/');
  for (const char *p = member; *p != '\0'; p++)
    {
      if (*p == '~')
        g_string_append (pointer, "~0");
      else if (*p == '/')
        g_string_append (pointer, "~1");
      else
        g_string_append_c (pointer, *p);
    }

  return old_len;
}

gsize
community_json_pointer_push_index (GString *pointer,
                                   guint    index)
{
  gsize old_len = pointer->len;
  char digits[16];
  guint n = 0;

  /* Not g_string_append_printf(): this runs once per item of every nested
   * list that record.required and the save check walk. */
  do
    digits[n++] = (char) ('0' + index % 10);
  while ((index /= 10) != 0);
  g_string_append_c (pointer, '/');
  while (n > 0)
    g_string_append_c (pointer, digits[--n]);
  return old_len;
}
