/* community-identifiers.c: citizen ID numbers, credit codes, mobiles, division codes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every check here fails with an error in COMMUNITY_IDENTIFIER_ERROR whose
 * message names the part that is wrong (a position, a segment, the check
 * character) and never quotes a citizen ID number, a phone or any part of
 * them: they are personal data (DOMAIN.md §2, §7). Division codes and credit
 * codes are public and may be quoted.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "community-identifiers.h"
#include "community-error.h"
#include "community-i18n-private.h"

/* The number of characters of @s: UTF-8 characters when @s is valid UTF-8,
 * bytes otherwise, so that a length error counts what the user sees. */
static glong
count_chars (const char *s)
{
  if (g_utf8_validate (s, -1, NULL))
    return g_utf8_strlen (s, -1);
  return (glong) strlen (s);
}

/* The value of the @n ASCII digits at @s; the caller has checked them. */
static guint
digits_value (const char *s,
              guint       n)
{
  guint value = 0;

  for (guint i = 0; i < n; i++)
    value = value * 10 + (guint) (s[i] - '0');

  return value;
}

/* Citizen ID numbers (GB 11643-1999) -------------------------------------- */

#define CITIZEN_ID_LENGTH 18

/* ISO 7064 MOD 11-2: the weight of digit i is 2^(17 - i) mod 11. */
static const guint citizen_id_weights[CITIZEN_ID_LENGTH - 1] = {
  7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2,
};
static const char citizen_id_check_chars[] = "10X98765432";

/* The province-level codes of GB/T 2260 (11 Beijing … 65 Xinjiang, 71
 * Taiwan, 81 Hong Kong, 82 Macao), and 83, which GB 11643-format numbers of
 * residence permits for Taiwan residents (台湾居民居住证) carry. */
static const guint province_codes[] = {
  11, 12, 13, 14, 15,
  21, 22, 23,
  31, 32, 33, 34, 35, 36, 37,
  41, 42, 43, 44, 45, 46,
  50, 51, 52, 53, 54,
  61, 62, 63, 64, 65,
  71, 81, 82, 83,
};

static gboolean
is_province_code (guint code)
{
  for (gsize i = 0; i < G_N_ELEMENTS (province_codes); i++)
    if (province_codes[i] == code)
      return TRUE;

  return FALSE;
}

static void
get_today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date,
                  (GDateDay) g_date_time_get_day_of_month (now),
                  (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
}

/**
 * community_citizen_id_validate:
 * @id_number: a citizen ID number (居民身份证号码)
 * @today: (nullable): the date to check the birth date against, or %NULL
 *   for the current local date
 * @error: return location for a #GError, or %NULL
 *
 * Checks that @id_number is a valid 18-character citizen ID number of
 * GB 11643-1999:
 *
 * - 18 characters (%COMMUNITY_IDENTIFIER_ERROR_LENGTH): the 15-digit
 *   numbers of the first generation are refused;
 * - 17 ASCII digits, then a digit or a capital `X`
 *   (%COMMUNITY_IDENTIFIER_ERROR_CHARSET). A lowercase `x` is refused too,
 *   so that stored numbers stay in the one form the standard writes;
 *   upper-case the input first if it comes from a form;
 * - an address code (digits 1–6) that starts with a province-level code of
 *   GB/T 2260, or 83 (residence permits of Taiwan residents)
 *   (%COMMUNITY_IDENTIFIER_ERROR_SEGMENT);
 * - a birth date (digits 7–14, `YYYYMMDD`) that is a real date and not
 *   after @today (%COMMUNITY_IDENTIFIER_ERROR_DATE);
 * - a check character (the 18th) equal to the ISO 7064 MOD 11-2 check of
 *   the first 17 digits (%COMMUNITY_IDENTIFIER_ERROR_CHECKSUM).
 *
 * The checks run in that order and the first that fails sets @error. Its
 * message names the part that is wrong and never contains the number or any
 * part of it, such as the birth date.
 *
 * Returns: %TRUE if @id_number is valid
 */
gboolean
community_citizen_id_validate (const char   *id_number,
                               const GDate  *today,
                               GError      **error)
{
  glong length;
  char check;
  guint year, month, day;
  GDate birth_date;
  GDate today_date;
  guint sum = 0;

  community_i18n_init ();

  g_return_val_if_fail (id_number != NULL, FALSE);
  g_return_val_if_fail (today == NULL || g_date_valid (today), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  length = count_chars (id_number);
  if (length != CITIZEN_ID_LENGTH)
    {
      g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_LENGTH,
                   _("the ID number has %ld characters where GB 11643 has 18"), length);
      return FALSE;
    }

  for (guint i = 0; i < CITIZEN_ID_LENGTH - 1; i++)
    if (!g_ascii_isdigit (id_number[i]))
      {
        g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_CHARSET,
                     _("character %u of the ID number is not a digit: the first 17 must be "
                     "digits"), i + 1);
        return FALSE;
      }

  check = id_number[CITIZEN_ID_LENGTH - 1];
  if (check == 'x')
    {
      g_set_error_literal (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_CHARSET,
                           _("the check character (the 18th) of the ID number is a lowercase x: "
                           "GB 11643 writes it as a capital X"));
      return FALSE;
    }
  if (!g_ascii_isdigit (check) && check != 'X')
    {
      g_set_error_literal (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_CHARSET,
                           _("the check character (the 18th) of the ID number is neither a "
                           "digit nor X"));
      return FALSE;
    }

  if (!is_province_code (digits_value (id_number, 2)))
    {
      g_set_error_literal (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_SEGMENT,
                           _("the address code (digits 1 to 6) of the ID number does not start "
                           "with a province-level code of GB/T 2260"));
      return FALSE;
    }

  year = digits_value (id_number + 6, 4);
  month = digits_value (id_number + 10, 2);
  day = digits_value (id_number + 12, 2);
  if (!g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_set_error_literal (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_DATE,
                           _("the birth date (digits 7 to 14) of the ID number is not a real date"));
      return FALSE;
    }

  g_date_clear (&birth_date, 1);
  g_date_set_dmy (&birth_date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  if (today == NULL)
    {
      get_today (&today_date);
      today = &today_date;
    }
  if (g_date_compare (&birth_date, today) > 0)
    {
      g_set_error_literal (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_DATE,
                           _("the birth date (digits 7 to 14) of the ID number is in the future"));
      return FALSE;
    }

  for (guint i = 0; i < CITIZEN_ID_LENGTH - 1; i++)
    sum += (guint) (id_number[i] - '0') * citizen_id_weights[i];
  if (citizen_id_check_chars[sum % 11] != check)
    {
      g_set_error_literal (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_CHECKSUM,
                           _("the check character (the 18th) of the ID number does not match the "
                           "first 17 digits"));
      return FALSE;
    }

  return TRUE;
}

/* Unified social credit codes (GB 32100-2015) ----------------------------- */

#define USCC_LENGTH 18

/* The 31 characters of the code: digits and capitals without I O Z S V. */
static const char uscc_alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/* 3^i mod 31. */
static const guint uscc_weights[USCC_LENGTH - 1] = {
  1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
};

static int
uscc_value (char c)
{
  const char *found;

  if (c == '\0')
    return -1;
  found = strchr (uscc_alphabet, c);
  return found != NULL ? (int) (found - uscc_alphabet) : -1;
}

/**
 * community_uscc_validate:
 * @code: a unified social credit code (统一社会信用代码)
 * @error: return location for a #GError, or %NULL
 *
 * Checks that @code is a valid unified social credit code of GB 32100-2015,
 * such as `91110000600037341L`:
 *
 * - 18 characters (%COMMUNITY_IDENTIFIER_ERROR_LENGTH);
 * - every character from the alphabet of the standard, the digits and the
 *   capital letters other than I, O, Z, S and V, with characters 3–8 (the
 *   division code of the registering authority) digits
 *   (%COMMUNITY_IDENTIFIER_ERROR_CHARSET). Lowercase letters are refused:
 *   codes are written in capitals;
 * - a check character (the 18th) equal to the mod-31 check of the first 17,
 *   weighted by 3^i mod 31 (%COMMUNITY_IDENTIFIER_ERROR_CHECKSUM).
 *
 * The checks run in that order and the first that fails sets @error, with a
 * message that names the position or part that is wrong.
 *
 * Returns: %TRUE if @code is valid
 */
gboolean
community_uscc_validate (const char  *code,
                         GError     **error)
{
  glong length;
  guint sum = 0;

  community_i18n_init ();

  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  length = count_chars (code);
  if (length != USCC_LENGTH)
    {
      g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_LENGTH,
                   _("the credit code has %ld characters where GB 32100 has 18"), length);
      return FALSE;
    }

  for (guint i = 0; i < USCC_LENGTH; i++)
    {
      char c = code[i];

      if (g_ascii_islower (c))
        {
          g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_CHARSET,
                       _("character %u of the credit code is a lowercase letter: GB 32100 "
                       "codes are written in capitals"), i + 1);
          return FALSE;
        }
      if (uscc_value (c) < 0)
        {
          g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_CHARSET,
                       _("character %u of the credit code is not in the GB 32100 alphabet "
                       "(digits and capitals other than I, O, Z, S and V)"), i + 1);
          return FALSE;
        }
      if (i >= 2 && i < 8 && !g_ascii_isdigit (c))
        {
          g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_CHARSET,
                       _("character %u of the credit code is not a digit: characters 3 to 8 "
                       "are the division code of the registering authority"), i + 1);
          return FALSE;
        }
    }

  for (guint i = 0; i < USCC_LENGTH - 1; i++)
    sum += (guint) uscc_value (code[i]) * uscc_weights[i];
  if (uscc_alphabet[(31 - sum % 31) % 31] != code[USCC_LENGTH - 1])
    {
      g_set_error_literal (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_CHECKSUM,
                           _("the check character (the 18th) of the credit code does not match "
                           "the first 17 characters"));
      return FALSE;
    }

  return TRUE;
}

/* Mainland mobile numbers ------------------------------------------------- */

#define MOBILE_LENGTH 11

/* Whether the 11 digits at @phone, the first of which is 1, start with a
 * live mobile prefix. The reference is the mobile pattern of region CN in
 * Google's libphonenumber metadata (resources/PhoneNumberMetadata.xml,
 * <territory id="CN"> <mobile> <nationalNumberPattern>), as generated into
 * libphonenumber-for-php-lite's src/data/PhoneNumberMetadata_CN.php and
 * libphonenumber-js's metadata:
 *
 *   1740[0-5]\d{6}|1(?:[38]\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\d{8}
 *
 * that is, the prefixes 130–139, 145, 147, 150–153, 155–159, 162, 165–167,
 * 170–173, 175–178, 180–189, 190–193, 195–199, and 17400–17405 (satellite).
 * Data-only (146, 148, 149 …), IoT (10648 …) and emergency (1740[6-9])
 * ranges are not mobile numbers there, and not here. */
static gboolean
has_mobile_prefix (const char *phone)
{
  char second = phone[1];
  char third = phone[2];

  switch (second)
    {
    case '3':
    case '8':
      return TRUE;
    case '4':
      return third == '5' || third == '7';
    case '5':
    case '9':
      return third != '4';
    case '6':
      return third == '2' || (third >= '5' && third <= '7');
    case '7':
      if (third == '4')
        return phone[3] == '0' && phone[4] <= '5';
      return third != '9';
    default:
      return FALSE;
    }
}

/**
 * community_mobile_validate:
 * @phone: a mainland mobile number
 * @error: return location for a #GError, or %NULL
 *
 * Checks that @phone is a mainland China mobile number, written as its 11
 * digits alone (`13912345678`):
 *
 * - no international prefix: `+86…` is refused
 *   (%COMMUNITY_IDENTIFIER_ERROR_CHARSET), so that stored numbers keep one
 *   form; strip it before calling;
 * - 11 characters (%COMMUNITY_IDENTIFIER_ERROR_LENGTH);
 * - ASCII digits only, no spaces or dashes
 *   (%COMMUNITY_IDENTIFIER_ERROR_CHARSET);
 * - a `1` followed by a live mobile prefix
 *   (%COMMUNITY_IDENTIFIER_ERROR_PREFIX): 130–139, 145, 147, 150–153,
 *   155–159, 162, 165–167, 170–173, 175–178, 180–189, 190–193, 195–199 or
 *   17400–17405, the mobile ranges of region CN in libphonenumber's
 *   metadata.
 *
 * The checks run in that order and the first that fails sets @error. Its
 * message names the part that is wrong and never contains the number or any
 * of its digits.
 *
 * Returns: %TRUE if @phone is a valid mobile number
 */
gboolean
community_mobile_validate (const char  *phone,
                           GError     **error)
{
  glong length;

  community_i18n_init ();

  g_return_val_if_fail (phone != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (phone[0] == '+')
    {
      g_set_error_literal (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_CHARSET,
                           _("the mobile number starts with an international prefix: write the "
                           "11-digit national number alone"));
      return FALSE;
    }

  length = count_chars (phone);
  if (length != MOBILE_LENGTH)
    {
      g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_LENGTH,
                   _("the mobile number has %ld characters where a mainland mobile number has 11"),
                   length);
      return FALSE;
    }

  for (guint i = 0; i < MOBILE_LENGTH; i++)
    if (!g_ascii_isdigit (phone[i]))
      {
        g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_CHARSET,
                     _("character %u of the mobile number is not a digit"), i + 1);
        return FALSE;
      }

  if (phone[0] != '1')
    {
      g_set_error_literal (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_PREFIX,
                           _("the mobile number does not start with 1, as every mainland mobile "
                           "number does"));
      return FALSE;
    }
  if (!has_mobile_prefix (phone))
    {
      g_set_error_literal (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_PREFIX,
                           _("the prefix (the leading digits) of the mobile number is not a live "
                           "mainland mobile prefix"));
      return FALSE;
    }

  return TRUE;
}

/* Division codes ---------------------------------------------------------- */

#define DIVISION_CODE_LENGTH 12

G_DEFINE_BOXED_TYPE (CommunityDivisionCode, community_division_code,
                     community_division_code_copy, community_division_code_free)

/* The segments of a code, in order: where each starts, how many digits it
 * has, and its name in messages. */
static const struct {
  guint offset;
  guint width;
  const char *name;
} segments[] = {
  [COMMUNITY_CODE_LEVEL_PROVINCE] = { 0, 2, N_("province") },
  [COMMUNITY_CODE_LEVEL_CITY] = { 2, 2, N_("city") },
  [COMMUNITY_CODE_LEVEL_COUNTY] = { 4, 2, N_("county") },
  [COMMUNITY_CODE_LEVEL_STREET] = { 6, 3, N_("street") },
  [COMMUNITY_CODE_LEVEL_COMMUNITY] = { 9, 3, N_("community") },
};

static guint
segment_value (const CommunityDivisionCode *code,
               CommunityCodeLevel           level)
{
  switch (level)
    {
    case COMMUNITY_CODE_LEVEL_PROVINCE: return code->province;
    case COMMUNITY_CODE_LEVEL_CITY: return code->city;
    case COMMUNITY_CODE_LEVEL_COUNTY: return code->county;
    case COMMUNITY_CODE_LEVEL_STREET: return code->street;
    case COMMUNITY_CODE_LEVEL_COMMUNITY: return code->village;
    default: g_return_val_if_reached (0);
    }
}

static CommunityStreetKind
street_kind_of (guint street)
{
  if (street >= 1 && street <= 99)
    return COMMUNITY_STREET_KIND_SUBDISTRICT;
  if (street >= 100 && street <= 199)
    return COMMUNITY_STREET_KIND_TOWN;
  if (street >= 200 && street <= 399)
    return COMMUNITY_STREET_KIND_TOWNSHIP;
  return COMMUNITY_STREET_KIND_OTHER;
}

static CommunityCommitteeKind
committee_kind_of (guint village)
{
  if (village >= 1 && village <= 199)
    return COMMUNITY_COMMITTEE_KIND_RESIDENTS;
  if (village >= 200 && village <= 399)
    return COMMUNITY_COMMITTEE_KIND_VILLAGERS;
  if (village >= 400 && village <= 599)
    return COMMUNITY_COMMITTEE_KIND_SIMILAR;
  return COMMUNITY_COMMITTEE_KIND_OTHER;
}

/**
 * community_division_code_parse:
 * @code: a 12-digit statistical division code, such as `320205102001`
 * @error: return location for a #GError, or %NULL
 *
 * Takes a division code (统计用区划代码, `PP CC DD SSS VVV`) apart. The
 * code must be:
 *
 * - 12 characters (%COMMUNITY_IDENTIFIER_ERROR_LENGTH),
 * - all ASCII digits (%COMMUNITY_IDENTIFIER_ERROR_CHARSET),
 * - with a province segment other than `00`, and no segment that is not
 *   zero after one that is: a division's code is its parent's with its own
 *   segment filled in and the rest zero, so `320200001000` (a street, but
 *   no county) is refused (%COMMUNITY_IDENTIFIER_ERROR_SEGMENT).
 *
 * The level of the code is that of its last segment that is not zero. The
 * ranges reserved for each kind of street and committee are not checked
 * here: a code such as `320205401498` parses, with a street kind of
 * %COMMUNITY_STREET_KIND_OTHER; see
 * [method@Community.DivisionCode.check_ranges].
 *
 * Returns: (transfer full) (nullable): the code taken apart, or %NULL with
 *   @error set
 */
CommunityDivisionCode *
community_division_code_parse (const char  *code,
                               GError     **error)
{
  g_autoptr(CommunityDivisionCode) self = NULL;
  glong length;
  CommunityCodeLevel level = COMMUNITY_CODE_LEVEL_PROVINCE;

  community_i18n_init ();

  g_return_val_if_fail (code != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  length = count_chars (code);
  if (length != DIVISION_CODE_LENGTH)
    {
      g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_LENGTH,
                   _("the division code has %ld characters where a statistical division code "
                   "has 12"), length);
      return NULL;
    }

  for (guint i = 0; i < DIVISION_CODE_LENGTH; i++)
    if (!g_ascii_isdigit (code[i]))
      {
        g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_CHARSET,
                     _("character %u of the division code is not a digit"), i + 1);
        return NULL;
      }

  self = g_new0 (CommunityDivisionCode, 1);
  self->code = g_strdup (code);
  self->province = digits_value (code + segments[COMMUNITY_CODE_LEVEL_PROVINCE].offset, 2);
  self->city = digits_value (code + segments[COMMUNITY_CODE_LEVEL_CITY].offset, 2);
  self->county = digits_value (code + segments[COMMUNITY_CODE_LEVEL_COUNTY].offset, 2);
  self->street = digits_value (code + segments[COMMUNITY_CODE_LEVEL_STREET].offset, 3);
  self->village = digits_value (code + segments[COMMUNITY_CODE_LEVEL_COMMUNITY].offset, 3);

  if (self->province == 0)
    {
      g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_SEGMENT,
                   _("division code %s: the province segment is 00"), code);
      return NULL;
    }

  for (guint i = COMMUNITY_CODE_LEVEL_CITY; i <= COMMUNITY_CODE_LEVEL_COMMUNITY; i++)
    {
      if (segment_value (self, i) == 0)
        continue;
      if (level != i - 1)
        {
          g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_SEGMENT,
                       _("division code %s: the %s segment is zero but the %s segment after it "
                       "is not; the segments after a code's level must all be zero"),
                       code, _(segments[level + 1].name), _(segments[i].name));
          return NULL;
        }
      level = i;
    }

  self->level = level;
  self->street_kind = level >= COMMUNITY_CODE_LEVEL_STREET ? street_kind_of (self->street)
                                                            : COMMUNITY_STREET_KIND_NONE;
  self->committee_kind = level >= COMMUNITY_CODE_LEVEL_COMMUNITY ? committee_kind_of (self->village)
                                                                  : COMMUNITY_COMMITTEE_KIND_NONE;

  return g_steal_pointer (&self);
}

/**
 * community_division_code_copy:
 * @code: a division code
 *
 * Copies @code.
 *
 * Returns: (transfer full): a copy of @code
 */
CommunityDivisionCode *
community_division_code_copy (const CommunityDivisionCode *code)
{
  CommunityDivisionCode *copy;

  g_return_val_if_fail (code != NULL, NULL);

  copy = g_new (CommunityDivisionCode, 1);
  *copy = *code;
  copy->code = g_strdup (code->code);

  return copy;
}

/**
 * community_division_code_free:
 * @code: (nullable): a division code
 *
 * Frees @code and its string.
 */
void
community_division_code_free (CommunityDivisionCode *code)
{
  if (code == NULL)
    return;

  g_free (code->code);
  g_free (code);
}

/**
 * community_division_code_check_ranges:
 * @code: a division code
 * @error: return location for a #GError, or %NULL
 *
 * Checks that the street and community segments of @code fall in ranges
 * the statistical coding rules reserve for a kind (DOMAIN.md §1, the rule
 * `code.segment-range`): a street segment in `001`–`399` (街道
 * `001`–`099`, 镇 `100`–`199`, 乡 `200`–`399`), and a community segment in
 * `001`–`599` (居委会 `001`–`199`, 村委会 `200`–`399`, units of a similar
 * kind `400`–`599`). A segment the code's level does not have is not
 * checked.
 *
 * A code out of range fails with %COMMUNITY_IDENTIFIER_ERROR_SEGMENT; the
 * message names the segment and the ranges. The street segment is checked
 * first.
 *
 * Returns: %TRUE if the segments are in range
 */
gboolean
community_division_code_check_ranges (const CommunityDivisionCode  *code,
                                      GError                      **error)
{
  community_i18n_init ();

  g_return_val_if_fail (code != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (code->level >= COMMUNITY_CODE_LEVEL_STREET &&
      (code->street < 1 || code->street > 399))
    {
      g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_SEGMENT,
                   _("division code %s: the street segment %03u is outside the ranges reserved "
                   "for subdistricts (001–099), towns (100–199) and townships (200–399)"),
                   code->code, code->street);
      return FALSE;
    }

  if (code->level >= COMMUNITY_CODE_LEVEL_COMMUNITY &&
      (code->village < 1 || code->village > 599))
    {
      g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_SEGMENT,
                   _("division code %s: the community segment %03u is outside the ranges "
                   "reserved for residents' committees (001–199), villagers' committees "
                   "(200–399) and units of a similar kind (400–599)"),
                   code->code, code->village);
      return FALSE;
    }

  return TRUE;
}

/* Whether @child has every segment of @parent up to @parent's level. */
static gboolean
carries_prefix (const CommunityDivisionCode *parent,
                const CommunityDivisionCode *child)
{
  for (guint i = COMMUNITY_CODE_LEVEL_PROVINCE; i <= parent->level; i++)
    if (segment_value (parent, i) != segment_value (child, i))
      return FALSE;

  return TRUE;
}

/**
 * community_division_code_is_parent_of:
 * @parent: a division code
 * @child: another division code
 *
 * Checks whether @parent is the code of the division directly above
 * @child's: @child is exactly one level below @parent and carries all of
 * @parent's segments. A city is the parent of its districts, not of their
 * streets.
 *
 * Returns: %TRUE if @parent is @child's parent
 */
gboolean
community_division_code_is_parent_of (const CommunityDivisionCode *parent,
                                      const CommunityDivisionCode *child)
{
  g_return_val_if_fail (parent != NULL, FALSE);
  g_return_val_if_fail (child != NULL, FALSE);

  return child->level == parent->level + 1 && carries_prefix (parent, child);
}

/**
 * community_division_code_validate_child:
 * @parent_code: the 12-digit code of a division
 * @child_code: the 12-digit code of a division said to be directly below it
 * @error: return location for a #GError, or %NULL
 *
 * Checks that both codes parse ([func@Community.DivisionCode.parse]: the
 * message then starts with `parent code: ` or `child code: `), and that
 * @child_code is exactly one level below @parent_code and carries its
 * prefix ([method@Community.DivisionCode.is_parent_of]), or fails with
 * %COMMUNITY_IDENTIFIER_ERROR_PREFIX. This is the rule `code.format` for
 * one division and its parent; a community's parent is its street.
 *
 * Returns: %TRUE if @child_code is a valid code directly below @parent_code
 */
gboolean
community_division_code_validate_child (const char  *parent_code,
                                        const char  *child_code,
                                        GError     **error)
{
  g_autoptr(CommunityDivisionCode) parent = NULL;
  g_autoptr(CommunityDivisionCode) child = NULL;
  g_autoptr(GError) local_error = NULL;

  community_i18n_init ();

  g_return_val_if_fail (parent_code != NULL, FALSE);
  g_return_val_if_fail (child_code != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  parent = community_division_code_parse (parent_code, &local_error);
  if (parent == NULL)
    {
      g_prefix_error (&local_error, "parent code: ");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  child = community_division_code_parse (child_code, &local_error);
  if (child == NULL)
    {
      g_prefix_error (&local_error, "child code: ");
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (child->level != parent->level + 1)
    {
      g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_PREFIX,
                   _("division code %s is a %s-level code, not one level below the %s-level "
                   "code %s"), child->code, _(segments[child->level].name),
                   _(segments[parent->level].name), parent->code);
      return FALSE;
    }

  if (!carries_prefix (parent, child))
    {
      guint prefix_length = segments[parent->level].offset + segments[parent->level].width;

      g_set_error (error, COMMUNITY_IDENTIFIER_ERROR, COMMUNITY_IDENTIFIER_ERROR_PREFIX,
                   _("division code %s does not start with %.*s, the prefix of its parent %s"),
                   child->code, (int) prefix_length, parent->code, parent->code);
      return FALSE;
    }

  return TRUE;
}
