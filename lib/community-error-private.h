/* community-error-private.h: where a parse error is, for the io layer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Record where @error (of COMMUNITY_PARSE_ERROR; any other is left alone)
 * is: community_parse_error_get_pointer() and the others read them back. */
void community_parse_error_set_pointer (GError     *error,
                                        const char *pointer);
void community_parse_error_set_cell    (GError     *error,
                                        const char *sheet,
                                        const char *cell,
                                        const char *column);

G_END_DECLS
