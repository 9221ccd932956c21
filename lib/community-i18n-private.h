/* community-i18n-private.h: the library's message catalog
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Binds the libcommunity gettext domain, in UTF-8, once per process: to
 * $COMMUNITY_LOCALEDIR when set, to the build tree's po/ when the library
 * runs from its build tree, else to LOCALEDIR. Every piece of the library
 * that builds a translated message calls it before its first _(). */
void community_i18n_init (void);

G_END_DECLS
