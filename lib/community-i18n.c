/* community-i18n.c: the library's message catalog
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/* dladdr() */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "config.h"

#include <dlfcn.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gi18n-lib.h>

#include "community-i18n-private.h"

/* TRUE when @a and @b name the same directory. */
static gboolean
same_directory (const char *a,
                const char *b)
{
  struct stat sa, sb;

  return stat (a, &sa) == 0 && stat (b, &sb) == 0 &&
         sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Where the catalogs are: COMMUNITY_LOCALEDIR when it is set; the build
 * tree's po/ when this library is the one in its build tree's lib/ (so
 * that community-check, the examples and the bindings run from _build
 * speak the catalogs built with them, installed or not); LOCALEDIR
 * otherwise. */
static const char *
catalog_directory (void)
{
  const char *override = g_getenv ("COMMUNITY_LOCALEDIR");
  Dl_info info;

  if (override != NULL && *override != '\0')
    return override;

  if (dladdr ((void *) community_i18n_init, &info) != 0 && info.dli_fname != NULL &&
      strchr (info.dli_fname, G_DIR_SEPARATOR) != NULL)
    {
      g_autofree char *directory = g_path_get_dirname (info.dli_fname);

      if (same_directory (directory, COMMUNITY_BUILD_LIBDIR))
        return COMMUNITY_BUILD_LOCALEDIR;
    }

  return LOCALEDIR;
}

void
community_i18n_init (void)
{
  static gsize bound = 0;

  if (g_once_init_enter (&bound))
    {
      bindtextdomain (GETTEXT_PACKAGE, catalog_directory ());
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      g_once_init_leave (&bound, 1);
    }
}

#ifdef HAVE_NL_MSG_CAT_CNTR
extern int _nl_msg_cat_cntr;

typedef struct {
  const char *context;   /* NULL: none */
  const char *msgid;
  const char *translation;
  int counter;
} KeptTranslation;

/* Per thread, so without a lock: a few dozen messages are in use at once. */
static __thread KeptTranslation kept[64];
#endif

/* The translation of @msgid in @context (nullable), kept by the calling
 * thread for the two addresses until the catalogs change. */
static const char *
kept_translation (const char *context,
                  const char *msgid)
{
#ifdef HAVE_NL_MSG_CAT_CNTR
  int counter = g_atomic_int_get (&_nl_msg_cat_cntr);
  KeptTranslation *entry = &kept[(((guintptr) msgid >> 3) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15)) >> 58];

  if (entry->msgid == msgid && entry->context == context && entry->counter == counter)
    return entry->translation;
  entry->translation = context != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, context, msgid)
                                       : g_dgettext (GETTEXT_PACKAGE, msgid);
  entry->context = context;
  entry->msgid = msgid;
  entry->counter = counter;
  return entry->translation;
#else
  return context != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, context, msgid)
                         : g_dgettext (GETTEXT_PACKAGE, msgid);
#endif
}

const char *
community_gettext (const char *msgid)
{
  return kept_translation (NULL, msgid);
}

const char *
community_pgettext (const char *context,
                    const char *msgid)
{
  return kept_translation (context, msgid);
}
