/* community-vocabulary-private.h: the library's terms, for its messages
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The tables are in community-vocabulary.c, the one place that writes the
 * terms down; every message that names a vocabulary value, a referring
 * field or an indicator takes its words from here (DOMAIN.md §4,
 * "Messages"). Each returns a translated string that lives as long as
 * the process.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* community_vocabulary_get_term(), never NULL ("?" for a value @type does
 * not have): for the arguments of a message. */
const char *community_vocabulary_term            (GType       type,
                                                  int         value);
/* What a message calls the referring field @json_name ("leader": the grid
 * leader, 网格长); @json_name itself for a field the table lacks. */
const char *community_vocabulary_field           (const char *json_name);
/* The title of indicator @id, or NULL for an id the library does not know. */
const char *community_vocabulary_indicator_title (const char *id);

/* The policy's Chinese term of a vocabulary value, whatever the locale
 * (for spreadsheets, DOMAIN.md §9), or NULL; and the nick of the value
 * whose Chinese term is @term (@length bytes), or NULL. */
const char *community_vocabulary_chinese_term     (GType       type,
                                                   const char *nick);
const char *community_vocabulary_nick_for_chinese (GType       type,
                                                   const char *term,
                                                   gsize       length);

G_END_DECLS
