/* community-number-private.h: a double as the shortest text that reads
 * back as it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most bytes community_format_double() writes, its '\0' included. */
#define COMMUNITY_DOUBLE_CHARS G_ASCII_DTOSTR_BUF_SIZE

gsize community_format_double (char   buffer[COMMUNITY_DOUBLE_CHARS],
                               double value);

gsize community_format_double_printf (char   buffer[COMMUNITY_DOUBLE_CHARS],
                                      double value);

G_END_DECLS
