/* community-tool-common.h: what community-check and community-merge share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Their exit statuses, usage errors and --fail-on. Include after
 * <glib/gi18n-lib.h> and <community/community.h>.
 */

#pragma once

#include <stdio.h>

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
