/* community-json-pointer-private.h: JSON Pointers (RFC 6901)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends "/<member>" (escaped per RFC 6901) and returns the old length,
 * to be given back to g_string_truncate(). */
gsize community_json_pointer_push_member (GString    *pointer,
                                          const char *member);
/* Appends "/<index>" and returns the old length. */
gsize community_json_pointer_push_index  (GString    *pointer,
                                          guint       index);

G_END_DECLS
