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

/* g_dgettext (GETTEXT_PACKAGE, @msgid), remembered by the calling thread
 * for @msgid's address until the catalogs change: glibc's (and GNU
 * libintl's) _nl_msg_cat_cntr, which setlocale(), textdomain() and
 * bindtextdomain() bump, and which a program that changes LANGUAGE while
 * it runs bumps too, as GNU gettext's manual asks (gettext's own cache of
 * translations is kept by the same counter). For the rules, whose every
 * finding formats a message: gettext's look-up was a fifth of a
 * finding's cost. @msgid is a string literal (its address is the key). */
const char *community_gettext (const char *msgid) G_GNUC_FORMAT (1);

/* g_dpgettext2 (GETTEXT_PACKAGE, @context, @msgid), remembered as
 * community_gettext() remembers, for both addresses: the vocabulary's
 * terms and the indicators' titles, which a report asks for tens of
 * thousands of times. Both are strings that live as long as the process. */
const char *community_pgettext (const char *context,
                                const char *msgid);

G_END_DECLS
