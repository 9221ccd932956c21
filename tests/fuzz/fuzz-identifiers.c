/* fuzz-identifiers.c: the identifier parsers on any string
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input, up to its first NUL, goes through every parser of
 * community-identifiers.h: division codes (parse, ranges, copy, parent
 * test), citizen ID numbers (against a fixed date and today), credit codes
 * and mobiles. An input with a newline is also a parent and a child code
 * for community_division_code_validate_child().
 */

#include <string.h>

#include "fuzz-common.h"

static void
fuzz_division_code (const char *text)
{
  g_autoptr(CommunityDivisionCode) code = NULL;
  g_autoptr(CommunityDivisionCode) copy = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  code = community_division_code_parse (text, &error);
  fuzz_check_error ("community_division_code_parse", code != NULL, error, FALSE);
  if (code == NULL)
    return;

  if (strlen (code->code) != 12)
    fuzz_fail ("a parsed code is not 12 characters: %s", code->code);
  ok = community_division_code_check_ranges (code, &error);
  fuzz_check_error ("community_division_code_check_ranges", ok, error, FALSE);
  copy = community_division_code_copy (code);
  if (g_strcmp0 (copy->code, code->code) != 0 || copy->level != code->level)
    fuzz_fail ("a copied code differs");
  if (community_division_code_is_parent_of (code, copy))
    fuzz_fail ("a code is its own parent: %s", code->code);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup (size > 0 ? (const char *) data : "", size);
  g_autoptr(GDate) date = g_date_new_dmy (1, G_DATE_JULY, 2018);
  const char *newline;
  gboolean ok;

  fuzz_init ();

  fuzz_division_code (text);

  {
    g_autoptr(GError) error = NULL;

    ok = community_citizen_id_validate (text, date, &error);
    fuzz_check_error ("community_citizen_id_validate", ok, error, FALSE);
  }
  {
    g_autoptr(GError) error = NULL;

    ok = community_citizen_id_validate (text, NULL, &error);
    fuzz_check_error ("community_citizen_id_validate (today)", ok, error, FALSE);
  }
  {
    g_autoptr(GError) error = NULL;

    ok = community_uscc_validate (text, &error);
    fuzz_check_error ("community_uscc_validate", ok, error, FALSE);
  }
  {
    g_autoptr(GError) error = NULL;

    ok = community_mobile_validate (text, &error);
    fuzz_check_error ("community_mobile_validate", ok, error, FALSE);
  }

  newline = strchr (text, '\n');
  if (newline != NULL)
    {
      g_autofree char *parent = g_strndup (text, newline - text);
      const char *child = newline + 1;
      g_autoptr(CommunityDivisionCode) parent_code = community_division_code_parse (parent, NULL);
      g_autoptr(CommunityDivisionCode) child_code = community_division_code_parse (child, NULL);
      g_autoptr(GError) error = NULL;

      ok = community_division_code_validate_child (parent, child, &error);
      fuzz_check_error ("community_division_code_validate_child", ok, error, FALSE);
      fuzz_division_code (child);
      if (parent_code != NULL && child_code != NULL &&
          community_division_code_is_parent_of (parent_code, child_code) &&
          community_division_code_is_parent_of (child_code, parent_code))
        fuzz_fail ("two codes are each other's parent");
    }

  return 0;
}
