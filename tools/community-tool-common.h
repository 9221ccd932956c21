/* community-tool-common.h: what the command-line tools share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Their exit statuses, usage errors, --fail-on, locale and start-up
 * (tool_prefer_malloc(), tool_begin()). Include after
 * <glib/gi18n-lib.h> and <community/community.h>.
 */

#pragma once

#include <locale.h>
#include <stdio.h>

#include "community-slice.h"

enum {
  EXIT_OK = 0,
  EXIT_FINDINGS = 1,
  EXIT_USAGE = 2,
};

/* --fail-on never: no severity fails the run. */
#define FAIL_ON_NEVER (-1)

static inline void
usage_error (const char *prgname,
             const char *message)
{
  fprintf (stderr, "%s: %s\n", prgname, message);
  /* TRANSLATORS: %s is the program name, community-check or community-merge */
  fprintf (stderr, _("Try “%s --help” for more information."), prgname);
  fputc ('\n', stderr);
}

/* A severity's nick, or "never" (FAIL_ON_NEVER). */
static inline gboolean
parse_fail_on (const char *arg,
               int        *fail_on)
{
  GEnumClass *severities;
  GEnumValue *value;

  if (g_str_equal (arg, "never"))
    {
      *fail_on = FAIL_ON_NEVER;
      return TRUE;
    }

  severities = g_type_class_ref (COMMUNITY_TYPE_SEVERITY);
  value = g_enum_get_value_by_nick (severities, arg);
  if (value != NULL)
    *fail_on = value->value;
  g_type_class_unref (severities);  /* static type: the class stays */

  return value != NULL;
}

/* The variable setlocale (LC_ALL, "") takes the language of messages from. */
static inline const char *
locale_variable (void)
{
  const char *names[] = { "LC_ALL", "LC_MESSAGES", "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = g_getenv (names[i]);

      if (value != NULL && *value != '\0')
        return names[i];
    }
  return NULL;
}

/* setlocale (LC_ALL, ""). When the environment names a locale the system
 * does not have (LANG=zh_CN.UTF-8 where `locale -a` lists no zh_CN), the
 * C library stays in the "C" locale, where gettext ignores LANGUAGE and
 * every message would silently be English: say so, once, on standard
 * error, and fall back to C.UTF-8, under which LANGUAGE=zh_CN selects
 * the Chinese catalog (doc/cli.md, "Language"). */
static inline void
set_locale (const char *prgname)
{
  const char *variable;
  const char *value;
  const char *language;

  if (setlocale (LC_ALL, "") != NULL)
    return;

  variable = locale_variable ();
  value = variable != NULL ? g_getenv (variable) : "";
  variable = variable != NULL ? variable : "LANG";
  language = g_getenv ("LANGUAGE");
  /* Untranslated: the locale is the problem. */
  if (language != NULL && *language != '\0')
    fprintf (stderr,
             "%s: warning: the locale %s=%s is not available on this system; using C.UTF-8 "
             "with the message languages of LANGUAGE=%s\n",
             prgname, variable, value, language);
  else
    fprintf (stderr,
             "%s: warning: the locale %s=%s is not available on this system, so messages "
             "are in English; for Chinese messages without it, set LANGUAGE=zh_CN "
             "(e.g. LANGUAGE=zh_CN LC_ALL=C.UTF-8 %s …), or generate the locale\n",
             prgname, variable, value, prgname);
  if (setlocale (LC_ALL, "C.UTF-8") == NULL)
    setlocale (LC_ALL, "C");
}

/* What every tool does first: names itself, sets its locale (set_locale()),
 * has the library bind its text domain (the validator's class binds it,
 * to COMMUNITY_LOCALEDIR, the build tree's po/ when run from there, or the
 * installed catalogs), so that --help is translated too, and makes its
 * option context over @entries: @parameter_string follows the usage line,
 * @summary (nullable) comes above the options; both are untranslated
 * msgids (mark them N_()). */
static inline GOptionContext *
tool_begin (const char         *prgname,
            const char         *parameter_string,
            const char         *summary,
            const GOptionEntry *entries)
{
  GOptionContext *context;

  g_set_prgname (prgname);
  set_locale (prgname);
  g_type_class_unref (g_type_class_ref (COMMUNITY_TYPE_VALIDATOR));

  context = g_option_context_new (_(parameter_string));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (summary != NULL)
    g_option_context_set_summary (context, _(summary));
  return context;
}
