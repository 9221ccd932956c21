/* test-identifiers.c: citizen ID numbers, credit codes, mobiles, division codes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Check characters of the numbers built here are computed by the loops
 * below, from the definitions of the standards (ISO 7064 MOD 11-2 with
 * weights 2^(17-i) mod 11; GB 32100's 3^i mod 31), not from the library's
 * tables.
 */

#include <string.h>

#include "test-common.h"

/* Independent check characters ------------------------------------------- */

/* GB 11643: the check value v makes Σ(a_i·w_i) + v ≡ 1 (mod 11), where
 * w_i = 2^(17-i) mod 11; 10 is written X. */
static char
citizen_id_check (const char *first17)
{
  guint sum = 0;

  for (guint i = 0; i < 17; i++)
    {
      guint weight = 1;

      for (guint j = 0; j < 17 - i; j++)
        weight = weight * 2 % 11;
      sum += (guint) (first17[i] - '0') * weight;
    }

  return "0123456789X"[(12 - sum % 11) % 11];
}

static char *
citizen_id (const char *first17)
{
  ck_assert_uint_eq (strlen (first17), 17);
  return g_strdup_printf ("%s%c", first17, citizen_id_check (first17));
}

static const char uscc_chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

static char
uscc_check (const char *first17)
{
  guint sum = 0;
  guint weight = 1;

  for (guint i = 0; i < 17; i++)
    {
      const char *found = strchr (uscc_chars, first17[i]);

      ck_assert_ptr_nonnull (found);
      sum += (guint) (found - uscc_chars) * weight;
      weight = weight * 3 % 31;
    }

  return uscc_chars[(31 - sum % 31) % 31];
}

/* Assertions ------------------------------------------------------------- */

/* Asserts that @error is in COMMUNITY_IDENTIFIER_ERROR with @code and that
 * its message quotes no run of @window characters of @personal: not the
 * value, not its birth date, not its address code, not its last digits. */
#define assert_identifier_error(err, cod, personal, window) \
  G_STMT_START { \
    const GError *_e = (err); \
    const char *_p = (personal); \
    ck_assert_msg (_e != NULL, "no error was set for %s", _p); \
    ck_assert_msg (_e->domain == COMMUNITY_IDENTIFIER_ERROR && _e->code == (int) (cod), \
                   "%s: expected identifier error code %d, got %s code %d: %s", \
                   _p, (int) (cod), g_quark_to_string (_e->domain), _e->code, _e->message); \
    assert_quotes_nothing_of (_e->message, _p, (window)); \
  } G_STMT_END

static void
assert_quotes_nothing_of (const char *message,
                          const char *personal,
                          gsize       window)
{
  gsize length = strlen (personal);

  ck_assert_ptr_nonnull (message);
  ck_assert (message[0] != '\0');
  if (length == 0)
    return;
  ck_assert_msg (strstr (message, personal) == NULL, "“%s” quotes the value", message);
  for (gsize i = 0; i + window <= length; i++)
    {
      g_autofree char *part = g_strndup (personal + i, window);

      ck_assert_msg (strstr (message, part) == NULL,
                     "“%s” quotes “%s”, a part of the value", message, part);
    }
}

static void
assert_id_valid (const char  *id_number,
                 const GDate *today)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (community_citizen_id_validate (id_number, today, &error),
                 "%s refused: %s", id_number, error != NULL ? error->message : "no error");
  ck_assert_ptr_null (error);
}

static void
assert_id_invalid (const char               *id_number,
                   const GDate              *today,
                   CommunityIdentifierError  code)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (!community_citizen_id_validate (id_number, today, &error),
                 "%s accepted", id_number);
  /* Four characters: the birth year, the month and day, the last four. */
  assert_identifier_error (error, code, id_number, 4);
  /* ... and the birth date, which is personal data of its own. */
  if (strlen (id_number) >= 14)
    {
      g_autofree char *birth = g_strndup (id_number + 6, 8);

      ck_assert_msg (strstr (error->message, birth) == NULL, "the message quotes the birth date");
    }
  /* NULL for the error is allowed and changes nothing. */
  ck_assert (!community_citizen_id_validate (id_number, today, NULL));
}

static void
assert_uscc_valid (const char *code)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (community_uscc_validate (code, &error),
                 "%s refused: %s", code, error != NULL ? error->message : "no error");
}

static void
assert_uscc_invalid (const char               *code,
                     CommunityIdentifierError  error_code,
                     const char               *in_message)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (!community_uscc_validate (code, &error), "%s accepted", code);
  assert_identifier_error (error, error_code, code, 6);
  if (in_message != NULL)
    ck_assert_msg (strstr (error->message, in_message) != NULL,
                   "“%s” does not say “%s”", error->message, in_message);
}

static void
assert_mobile_valid (const char *phone)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (community_mobile_validate (phone, &error),
                 "%s refused: %s", phone, error != NULL ? error->message : "no error");
}

static void
assert_mobile_invalid (const char               *phone,
                       CommunityIdentifierError  code)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (!community_mobile_validate (phone, &error), "%s accepted", phone);
  /* Not even the three digits of the prefix. */
  assert_identifier_error (error, code, phone, 3);
}

static GDate *
date_new (guint year,
          guint month,
          guint day)
{
  return g_date_new_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

/* Citizen ID numbers ----------------------------------------------------- */

START_TEST (test_citizen_id_published_vectors)
{
  assert_id_valid ("110102199101010078", NULL);
  assert_id_valid ("44011320141005001X", NULL);
  assert_id_valid ("33010219200403064X", NULL);
  assert_id_invalid ("36042619910102009X", NULL, COMMUNITY_IDENTIFIER_ERROR_CHECKSUM);

  /* The independent check agrees with the published vectors. */
  ck_assert_int_eq (citizen_id_check ("11010219910101007"), '8');
  ck_assert_int_eq (citizen_id_check ("44011320141005001"), 'X');
  ck_assert_int_eq (citizen_id_check ("33010219200403064"), 'X');
  ck_assert_int_ne (citizen_id_check ("36042619910102009"), 'X');
}
END_TEST

START_TEST (test_citizen_id_every_wrong_check_character)
{
  static const char * const firsts[] = {
    "32021319800515002", "32020519630823101", "32028219991231443", "83000019910101001",
  };

  for (gsize n = 0; n < G_N_ELEMENTS (firsts); n++)
    {
      g_autofree char *id = citizen_id (firsts[n]);

      assert_id_valid (id, NULL);
      for (const char *c = "0123456789X"; *c != '\0'; c++)
        {
          g_autofree char *wrong = g_strdup (id);

          if (*c == id[17])
            continue;
          wrong[17] = *c;
          assert_id_invalid (wrong, NULL, COMMUNITY_IDENTIFIER_ERROR_CHECKSUM);
        }
    }
}
END_TEST

START_TEST (test_citizen_id_check_x)
{
  /* Find a sequence number whose check character is X, and one whose is 0. */
  gboolean found_x = FALSE;

  for (guint seq = 0; seq < 1000; seq++)
    {
      g_autofree char *first17 = g_strdup_printf ("32021319850607%03u", seq);
      g_autofree char *id = citizen_id (first17);

      assert_id_valid (id, NULL);
      if (id[17] == 'X')
        {
          g_autofree char *lower = g_strdup (id);

          found_x = TRUE;
          /* The lowercase form is refused, as a character set error. */
          lower[17] = 'x';
          assert_id_invalid (lower, NULL, COMMUNITY_IDENTIFIER_ERROR_CHARSET);
          break;
        }
    }
  ck_assert (found_x);
}
END_TEST

START_TEST (test_citizen_id_length)
{
  g_autofree char *valid = citizen_id ("32021319800515002");
  g_autofree char *longer = g_strconcat (valid, "0", NULL);
  g_autofree char *shorter = g_strndup (valid, 17);
  g_autoptr(GError) error = NULL;

  assert_id_invalid ("", NULL, COMMUNITY_IDENTIFIER_ERROR_LENGTH);
  assert_id_invalid (shorter, NULL, COMMUNITY_IDENTIFIER_ERROR_LENGTH);
  assert_id_invalid (longer, NULL, COMMUNITY_IDENTIFIER_ERROR_LENGTH);
  /* A first-generation 15-digit number. */
  assert_id_invalid ("320213800515002", NULL, COMMUNITY_IDENTIFIER_ERROR_LENGTH);

  ck_assert (!community_citizen_id_validate (longer, NULL, &error));
  ck_assert_msg (strstr (error->message, "19") != NULL, "“%s” does not count", error->message);
}
END_TEST

START_TEST (test_citizen_id_charset)
{
  g_autofree char *valid = citizen_id ("32021319800515002");
  g_autofree char *letter = g_strdup (valid);
  g_autofree char *space = g_strdup (valid);
  g_autofree char *bad_check = g_strdup (valid);
  g_autoptr(GError) error = NULL;
  /* 18 fullwidth digits: 18 characters, none of them ASCII digits. */
  const char *fullwidth = "３２０２１３１９８００５１５００２１";

  letter[9] = 'A';
  space[3] = ' ';
  bad_check[17] = 'Y';
  assert_id_invalid (letter, NULL, COMMUNITY_IDENTIFIER_ERROR_CHARSET);
  assert_id_invalid (space, NULL, COMMUNITY_IDENTIFIER_ERROR_CHARSET);
  assert_id_invalid (bad_check, NULL, COMMUNITY_IDENTIFIER_ERROR_CHARSET);
  assert_id_invalid (fullwidth, NULL, COMMUNITY_IDENTIFIER_ERROR_CHARSET);

  /* The message gives the position. */
  ck_assert (!community_citizen_id_validate (letter, NULL, &error));
  ck_assert_msg (strstr (error->message, "character 10") != NULL, "%s", error->message);
}
END_TEST

START_TEST (test_citizen_id_province)
{
  g_autofree char *zero = citizen_id ("00021319800515002");
  g_autofree char *ninety_nine = citizen_id ("99021319800515002");
  g_autofree char *ten = citizen_id ("10010119800515002");
  g_autofree char *hong_kong = citizen_id ("81000019800515002");
  g_autofree char *taiwan_permit = citizen_id ("83000019800515002");
  g_autofree char *xinjiang = citizen_id ("65010219800515002");

  assert_id_invalid (zero, NULL, COMMUNITY_IDENTIFIER_ERROR_SEGMENT);
  assert_id_invalid (ninety_nine, NULL, COMMUNITY_IDENTIFIER_ERROR_SEGMENT);
  assert_id_invalid (ten, NULL, COMMUNITY_IDENTIFIER_ERROR_SEGMENT);
  assert_id_valid (hong_kong, NULL);
  assert_id_valid (taiwan_permit, NULL);
  assert_id_valid (xinjiang, NULL);
}
END_TEST

START_TEST (test_citizen_id_birth_dates)
{
  static const struct {
    const char *first17;
    gboolean valid;
  } cases[] = {
    { "32021319800229001", TRUE },  /* 1980 is a leap year */
    { "32021320000229002", TRUE },  /* 2000 is: divisible by 400 */
    { "32021319000229003", FALSE }, /* 1900 is not: divisible by 100 */
    { "32021320230229004", FALSE }, /* 2023 is not */
    { "32021319910230005", FALSE }, /* 30 February */
    { "32021319911301006", FALSE }, /* month 13 */
    { "32021319910001007", FALSE }, /* month 00 */
    { "32021319910100008", FALSE }, /* day 00 */
    { "32021319910431009", FALSE }, /* 31 April */
    { "32021300000101010", FALSE }, /* year 0 */
    { "32021319911231011", TRUE },
  };
  g_autoptr(GDate) today = date_new (2024, 6, 1);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *id = citizen_id (cases[i].first17);

      if (cases[i].valid)
        assert_id_valid (id, today);
      else
        assert_id_invalid (id, today, COMMUNITY_IDENTIFIER_ERROR_DATE);
    }
}
END_TEST

START_TEST (test_citizen_id_future_birth_date)
{
  g_autofree char *id = citizen_id ("32021320300101008");
  g_autofree char *far_future = citizen_id ("32021329990101009");
  g_autoptr(GDate) day_before = date_new (2029, 12, 31);
  g_autoptr(GDate) same_day = date_new (2030, 1, 1);
  g_autoptr(GDate) later = date_new (2031, 5, 1);
  g_autoptr(GError) error = NULL;

  assert_id_invalid (id, day_before, COMMUNITY_IDENTIFIER_ERROR_DATE);
  assert_id_valid (id, same_day);
  assert_id_valid (id, later);
  /* Without @today, the current date: 2999 is in the future, 1991 is not. */
  assert_id_invalid (far_future, NULL, COMMUNITY_IDENTIFIER_ERROR_DATE);
  assert_id_valid ("110102199101010078", NULL);
  /* A date in the future is told apart from a date that does not exist. */
  ck_assert (!community_citizen_id_validate (id, day_before, &error));
  ck_assert_msg (strstr (error->message, "future") != NULL, "%s", error->message);
}
END_TEST

START_TEST (test_citizen_id_order_of_checks)
{
  /* A bad date and a bad check character: the date is reported. */
  g_autofree char *id = citizen_id ("32021319910230005");
  g_autoptr(GError) error = NULL;

  id[17] = id[17] == '0' ? '1' : '0';
  assert_id_invalid (id, NULL, COMMUNITY_IDENTIFIER_ERROR_DATE);
  /* A letter and a wrong length: the length. */
  assert_id_invalid ("3202131991023000A", NULL, COMMUNITY_IDENTIFIER_ERROR_LENGTH);
  ck_assert (!community_citizen_id_validate ("36042619910102009X", NULL, &error));
  ck_assert_msg (strstr (error->message, "check character") != NULL, "%s", error->message);
}
END_TEST

/* Unified social credit codes -------------------------------------------- */

START_TEST (test_uscc_published_vectors)
{
  assert_uscc_valid ("91110000600037341L");
  assert_uscc_valid ("91310115MA1K3BTP2B");
  assert_uscc_invalid ("91110000600037341N", COMMUNITY_IDENTIFIER_ERROR_CHECKSUM, "check character");

  ck_assert_int_eq (uscc_check ("91110000600037341"), 'L');
  ck_assert_int_eq (uscc_check ("91310115MA1K3BTP2"), 'B');
}
END_TEST

START_TEST (test_uscc_every_wrong_check_character)
{
  static const char * const firsts[] = {
    "52320213MJ5D2781X", "51320214MJ5F00678", "12320200466286111", "Y1320205A0B1C2D3E",
  };

  for (gsize n = 0; n < G_N_ELEMENTS (firsts); n++)
    {
      g_autofree char *code = g_strdup_printf ("%s%c", firsts[n], uscc_check (firsts[n]));

      assert_uscc_valid (code);
      for (const char *c = uscc_chars; *c != '\0'; c++)
        {
          g_autofree char *wrong = g_strdup (code);

          if (*c == code[17])
            continue;
          wrong[17] = *c;
          assert_uscc_invalid (wrong, COMMUNITY_IDENTIFIER_ERROR_CHECKSUM, NULL);
        }
    }
}
END_TEST

START_TEST (test_uscc_check_zero)
{
  /* Σ ≡ 0 (mod 31) gives the check character 0, not the 32nd of 31. */
  gboolean found_zero = FALSE;

  for (guint seq = 0; seq < 1000 && !found_zero; seq++)
    {
      g_autofree char *first17 = g_strdup_printf ("52320213MJ5D27%03u", seq);
      g_autofree char *code = g_strdup_printf ("%s%c", first17, uscc_check (first17));

      assert_uscc_valid (code);
      found_zero = code[17] == '0';
    }
  ck_assert (found_zero);
}
END_TEST

START_TEST (test_uscc_length)
{
  assert_uscc_invalid ("", COMMUNITY_IDENTIFIER_ERROR_LENGTH, NULL);
  assert_uscc_invalid ("91110000600037341", COMMUNITY_IDENTIFIER_ERROR_LENGTH, "17");
  assert_uscc_invalid ("91110000600037341L0", COMMUNITY_IDENTIFIER_ERROR_LENGTH, "19");
  /* The 9-character organization code alone. */
  assert_uscc_invalid ("60003734-1", COMMUNITY_IDENTIFIER_ERROR_LENGTH, NULL);
}
END_TEST

START_TEST (test_uscc_charset)
{
  /* Lowercase: refused, at the first lowercase letter. */
  assert_uscc_invalid ("91310115ma1k3btp2b", COMMUNITY_IDENTIFIER_ERROR_CHARSET, "character 9");
  /* The letters the standard leaves out, each in a place letters may go. */
  assert_uscc_invalid ("91310115MA1K3BTI2B", COMMUNITY_IDENTIFIER_ERROR_CHARSET, "character 16");
  assert_uscc_invalid ("91310115MA1K3BTO2B", COMMUNITY_IDENTIFIER_ERROR_CHARSET, "character 16");
  assert_uscc_invalid ("91310115MA1K3BTZ2B", COMMUNITY_IDENTIFIER_ERROR_CHARSET, "character 16");
  assert_uscc_invalid ("91310115MA1K3BTS2B", COMMUNITY_IDENTIFIER_ERROR_CHARSET, "character 16");
  assert_uscc_invalid ("91310115MA1K3BTV2B", COMMUNITY_IDENTIFIER_ERROR_CHARSET, "character 16");
  assert_uscc_invalid ("91310115MA1K3BT-2B", COMMUNITY_IDENTIFIER_ERROR_CHARSET, "character 16");
  /* Characters 3 to 8 are a division code: digits. */
  assert_uscc_invalid ("9131A115MA1K3BTP2B", COMMUNITY_IDENTIFIER_ERROR_CHARSET, "character 5");
  assert_uscc_invalid ("91A10115MA1K3BTP2B", COMMUNITY_IDENTIFIER_ERROR_CHARSET, "character 3");
  assert_uscc_invalid ("9131011AMA1K3BTP2B", COMMUNITY_IDENTIFIER_ERROR_CHARSET, "character 8");
}
END_TEST

/* Mobile numbers --------------------------------------------------------- */

START_TEST (test_mobile_valid_prefixes)
{
  static const char * const valid[] = {
    "13012345678", "13912345678", "14512345678", "14712345678", "15012345678",
    "15312345678", "15512345678", "15912345678", "16212345678", "16512345678",
    "16712345678", "17012345678", "17312345678", "17512345678", "17812345678",
    "17400012345", "17405987654", "18012345678", "18912345678", "19012345678",
    "19212345678", "19312345678", "19512345678", "19912345678",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (valid); i++)
    assert_mobile_valid (valid[i]);
}
END_TEST

START_TEST (test_mobile_prefix)
{
  static const char * const invalid[] = {
    "10012345678", "11012345678", "12012345678", "14012345678", "14612345678",
    "14912345678", "15412345678", "16012345678", "16312345678", "16812345678",
    "17406012345", "17410012345", "17912345678", "19412345678",
    "23912345678", "03912345678", "99912345678",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    assert_mobile_invalid (invalid[i], COMMUNITY_IDENTIFIER_ERROR_PREFIX);
}
END_TEST

START_TEST (test_mobile_length_and_charset)
{
  assert_mobile_invalid ("", COMMUNITY_IDENTIFIER_ERROR_LENGTH);
  assert_mobile_invalid ("1391234567", COMMUNITY_IDENTIFIER_ERROR_LENGTH);
  assert_mobile_invalid ("139123456789", COMMUNITY_IDENTIFIER_ERROR_LENGTH);
  assert_mobile_invalid ("139 1234 5678", COMMUNITY_IDENTIFIER_ERROR_LENGTH);
  /* No international prefix, written either way. */
  assert_mobile_invalid ("+8613912345678", COMMUNITY_IDENTIFIER_ERROR_CHARSET);
  assert_mobile_invalid ("+86 139 1234 5678", COMMUNITY_IDENTIFIER_ERROR_CHARSET);
  assert_mobile_invalid ("008613912345678", COMMUNITY_IDENTIFIER_ERROR_LENGTH);
  assert_mobile_invalid ("139-1234567", COMMUNITY_IDENTIFIER_ERROR_CHARSET);
  assert_mobile_invalid ("1391234567a", COMMUNITY_IDENTIFIER_ERROR_CHARSET);
  assert_mobile_invalid ("１３９１２３４５６７８", COMMUNITY_IDENTIFIER_ERROR_CHARSET);
}
END_TEST

/* Division codes --------------------------------------------------------- */

static CommunityDivisionCode *
parse_ok (const char *code)
{
  g_autoptr(GError) error = NULL;
  CommunityDivisionCode *parsed = community_division_code_parse (code, &error);

  ck_assert_msg (parsed != NULL, "%s refused: %s", code, error != NULL ? error->message : "");
  ck_assert_ptr_null (error);
  ck_assert_str_eq (parsed->code, code);
  ck_assert_ptr_ne (parsed->code, code);

  return parsed;
}

static void
assert_parse_fails (const char               *code,
                    CommunityIdentifierError  error_code,
                    const char               *in_message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityDivisionCode) parsed = community_division_code_parse (code, &error);

  ck_assert_msg (parsed == NULL, "%s accepted", code);
  ck_assert_msg (error != NULL && error->domain == COMMUNITY_IDENTIFIER_ERROR &&
                 error->code == (int) error_code,
                 "%s: expected code %d, got %s", code, (int) error_code,
                 error != NULL ? error->message : "no error");
  if (in_message != NULL)
    ck_assert_msg (strstr (error->message, in_message) != NULL,
                   "“%s” does not say “%s”", error->message, in_message);
}

START_TEST (test_division_code_fields)
{
  static const struct {
    const char *code;
    guint province, city, county, street, village;
    CommunityCodeLevel level;
    CommunityStreetKind street_kind;
    CommunityCommitteeKind committee_kind;
  } cases[] = {
    /* 江苏省, 无锡市, 梁溪区 */
    { "320000000000", 32, 0, 0, 0, 0, COMMUNITY_CODE_LEVEL_PROVINCE,
      COMMUNITY_STREET_KIND_NONE, COMMUNITY_COMMITTEE_KIND_NONE },
    { "320200000000", 32, 2, 0, 0, 0, COMMUNITY_CODE_LEVEL_CITY,
      COMMUNITY_STREET_KIND_NONE, COMMUNITY_COMMITTEE_KIND_NONE },
    { "320213000000", 32, 2, 13, 0, 0, COMMUNITY_CODE_LEVEL_COUNTY,
      COMMUNITY_STREET_KIND_NONE, COMMUNITY_COMMITTEE_KIND_NONE },
    /* 羊尖镇 and two of its committees */
    { "320205102000", 32, 2, 5, 102, 0, COMMUNITY_CODE_LEVEL_STREET,
      COMMUNITY_STREET_KIND_TOWN, COMMUNITY_COMMITTEE_KIND_NONE },
    { "320205102001", 32, 2, 5, 102, 1, COMMUNITY_CODE_LEVEL_COMMUNITY,
      COMMUNITY_STREET_KIND_TOWN, COMMUNITY_COMMITTEE_KIND_RESIDENTS },
    { "320205102200", 32, 2, 5, 102, 200, COMMUNITY_CODE_LEVEL_COMMUNITY,
      COMMUNITY_STREET_KIND_TOWN, COMMUNITY_COMMITTEE_KIND_VILLAGERS },
    /* 鸿山街道 and 后中村民委员会 */
    { "320214055000", 32, 2, 14, 55, 0, COMMUNITY_CODE_LEVEL_STREET,
      COMMUNITY_STREET_KIND_SUBDISTRICT, COMMUNITY_COMMITTEE_KIND_NONE },
    { "320214055201", 32, 2, 14, 55, 201, COMMUNITY_CODE_LEVEL_COMMUNITY,
      COMMUNITY_STREET_KIND_SUBDISTRICT, COMMUNITY_COMMITTEE_KIND_VILLAGERS },
    /* 台湾农民创业园虚拟社区: a park's street segment, a similar unit */
    { "320205401498", 32, 2, 5, 401, 498, COMMUNITY_CODE_LEVEL_COMMUNITY,
      COMMUNITY_STREET_KIND_OTHER, COMMUNITY_COMMITTEE_KIND_SIMILAR },
    /* A township and the edges of each range */
    { "320281250000", 32, 2, 81, 250, 0, COMMUNITY_CODE_LEVEL_STREET,
      COMMUNITY_STREET_KIND_TOWNSHIP, COMMUNITY_COMMITTEE_KIND_NONE },
    { "320281099199", 32, 2, 81, 99, 199, COMMUNITY_CODE_LEVEL_COMMUNITY,
      COMMUNITY_STREET_KIND_SUBDISTRICT, COMMUNITY_COMMITTEE_KIND_RESIDENTS },
    { "320281100399", 32, 2, 81, 100, 399, COMMUNITY_CODE_LEVEL_COMMUNITY,
      COMMUNITY_STREET_KIND_TOWN, COMMUNITY_COMMITTEE_KIND_VILLAGERS },
    { "320281199001", 32, 2, 81, 199, 1, COMMUNITY_CODE_LEVEL_COMMUNITY,
      COMMUNITY_STREET_KIND_TOWN, COMMUNITY_COMMITTEE_KIND_RESIDENTS },
    { "320281200000", 32, 2, 81, 200, 0, COMMUNITY_CODE_LEVEL_STREET,
      COMMUNITY_STREET_KIND_TOWNSHIP, COMMUNITY_COMMITTEE_KIND_NONE },
    { "320281001000", 32, 2, 81, 1, 0, COMMUNITY_CODE_LEVEL_STREET,
      COMMUNITY_STREET_KIND_SUBDISTRICT, COMMUNITY_COMMITTEE_KIND_NONE },
    { "320281399400", 32, 2, 81, 399, 400, COMMUNITY_CODE_LEVEL_COMMUNITY,
      COMMUNITY_STREET_KIND_TOWNSHIP, COMMUNITY_COMMITTEE_KIND_SIMILAR },
    { "320281400599", 32, 2, 81, 400, 599, COMMUNITY_CODE_LEVEL_COMMUNITY,
      COMMUNITY_STREET_KIND_OTHER, COMMUNITY_COMMITTEE_KIND_SIMILAR },
    { "320281999600", 32, 2, 81, 999, 600, COMMUNITY_CODE_LEVEL_COMMUNITY,
      COMMUNITY_STREET_KIND_OTHER, COMMUNITY_COMMITTEE_KIND_OTHER },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CommunityDivisionCode) code = parse_ok (cases[i].code);

      ck_assert_uint_eq (code->province, cases[i].province);
      ck_assert_uint_eq (code->city, cases[i].city);
      ck_assert_uint_eq (code->county, cases[i].county);
      ck_assert_uint_eq (code->street, cases[i].street);
      ck_assert_uint_eq (code->village, cases[i].village);
      ck_assert_msg (code->level == cases[i].level, "%s: level %d", cases[i].code, code->level);
      ck_assert_msg (code->street_kind == cases[i].street_kind,
                     "%s: street kind %d", cases[i].code, code->street_kind);
      ck_assert_msg (code->committee_kind == cases[i].committee_kind,
                     "%s: committee kind %d", cases[i].code, code->committee_kind);
    }
}
END_TEST

START_TEST (test_division_code_parse_errors)
{
  assert_parse_fails ("", COMMUNITY_IDENTIFIER_ERROR_LENGTH, NULL);
  assert_parse_fails ("32020510200", COMMUNITY_IDENTIFIER_ERROR_LENGTH, "11");
  assert_parse_fails ("3202051020010", COMMUNITY_IDENTIFIER_ERROR_LENGTH, "13");
  assert_parse_fails ("320205", COMMUNITY_IDENTIFIER_ERROR_LENGTH, NULL);
  assert_parse_fails ("32020510200A", COMMUNITY_IDENTIFIER_ERROR_CHARSET, "character 12");
  assert_parse_fails ("3202 5102001", COMMUNITY_IDENTIFIER_ERROR_CHARSET, "character 5");
  assert_parse_fails ("-32020510200", COMMUNITY_IDENTIFIER_ERROR_CHARSET, "character 1");
  assert_parse_fails ("３２０２０５１０２００１", COMMUNITY_IDENTIFIER_ERROR_CHARSET, "character 1");
  /* A street but no county. */
  assert_parse_fails ("320200001000", COMMUNITY_IDENTIFIER_ERROR_SEGMENT, "county");
  /* A community but no street; a county but no city. */
  assert_parse_fails ("320205000001", COMMUNITY_IDENTIFIER_ERROR_SEGMENT, "street");
  assert_parse_fails ("320013000000", COMMUNITY_IDENTIFIER_ERROR_SEGMENT, "city");
  /* No province. */
  assert_parse_fails ("000000000000", COMMUNITY_IDENTIFIER_ERROR_SEGMENT, "province");
  assert_parse_fails ("000200000000", COMMUNITY_IDENTIFIER_ERROR_SEGMENT, "province");
  /* Division codes are public: the message may quote them. */
  assert_parse_fails ("320200001000", COMMUNITY_IDENTIFIER_ERROR_SEGMENT, "320200001000");
}
END_TEST

START_TEST (test_division_code_check_ranges)
{
  static const char * const in_range[] = {
    "320200000000", "320213000000", "320205102000", "320205102001", "320205102200",
    "320214055201", "320281001001", "320281399599",
  };
  static const struct {
    const char *code;
    const char *segment;
  } out_of_range[] = {
    { "320205401498", "street segment 401" },
    { "320205400000", "street segment 400" },
    { "320205999000", "street segment 999" },
    { "320205102600", "community segment 600" },
    { "320214055999", "community segment 999" },
    /* Both out: the street is reported. */
    { "320205401600", "street segment 401" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (in_range); i++)
    {
      g_autoptr(CommunityDivisionCode) code = parse_ok (in_range[i]);
      g_autoptr(GError) error = NULL;

      ck_assert_msg (community_division_code_check_ranges (code, &error),
                     "%s: %s", in_range[i], error != NULL ? error->message : "");
    }

  for (gsize i = 0; i < G_N_ELEMENTS (out_of_range); i++)
    {
      g_autoptr(CommunityDivisionCode) code = parse_ok (out_of_range[i].code);
      g_autoptr(GError) error = NULL;

      ck_assert_msg (!community_division_code_check_ranges (code, &error),
                     "%s is in range", out_of_range[i].code);
      ck_assert (g_error_matches (error, COMMUNITY_IDENTIFIER_ERROR,
                                  COMMUNITY_IDENTIFIER_ERROR_SEGMENT));
      ck_assert_msg (strstr (error->message, out_of_range[i].segment) != NULL,
                     "“%s” does not name “%s”", error->message, out_of_range[i].segment);
      /* ... and gives the ranges. */
      ck_assert_msg (strstr (error->message, "399") != NULL, "%s", error->message);
    }
}
END_TEST

START_TEST (test_division_code_is_parent_of)
{
  g_autoptr(CommunityDivisionCode) province = parse_ok ("320000000000");
  g_autoptr(CommunityDivisionCode) city = parse_ok ("320200000000");
  g_autoptr(CommunityDivisionCode) other_city = parse_ok ("320500000000");
  g_autoptr(CommunityDivisionCode) xishan = parse_ok ("320205000000");
  g_autoptr(CommunityDivisionCode) xinwu = parse_ok ("320214000000");
  g_autoptr(CommunityDivisionCode) yangjian = parse_ok ("320205102000");
  g_autoptr(CommunityDivisionCode) hongshan = parse_ok ("320214055000");
  g_autoptr(CommunityDivisionCode) yangjian_community = parse_ok ("320205102001");
  g_autoptr(CommunityDivisionCode) yangjian_village = parse_ok ("320205102200");
  g_autoptr(CommunityDivisionCode) houzhong = parse_ok ("320214055201");
  g_autoptr(CommunityDivisionCode) park = parse_ok ("320205401498");
  g_autoptr(CommunityDivisionCode) other_town = parse_ok ("320206102001");

  ck_assert (community_division_code_is_parent_of (province, city));
  ck_assert (community_division_code_is_parent_of (city, xishan));
  ck_assert (community_division_code_is_parent_of (city, xinwu));
  ck_assert (community_division_code_is_parent_of (xishan, yangjian));
  ck_assert (community_division_code_is_parent_of (yangjian, yangjian_community));
  ck_assert (community_division_code_is_parent_of (yangjian, yangjian_village));
  ck_assert (community_division_code_is_parent_of (hongshan, houzhong));

  /* Not the other way round. */
  ck_assert (!community_division_code_is_parent_of (city, province));
  ck_assert (!community_division_code_is_parent_of (xishan, city));
  ck_assert (!community_division_code_is_parent_of (yangjian_community, yangjian));
  ck_assert (!community_division_code_is_parent_of (houzhong, hongshan));
  /* Not two levels down, not the same level, not itself. */
  ck_assert (!community_division_code_is_parent_of (city, yangjian));
  ck_assert (!community_division_code_is_parent_of (xishan, yangjian_community));
  ck_assert (!community_division_code_is_parent_of (xishan, xinwu));
  ck_assert (!community_division_code_is_parent_of (yangjian, yangjian));
  /* Not with another prefix. */
  ck_assert (!community_division_code_is_parent_of (other_city, xishan));
  ck_assert (!community_division_code_is_parent_of (hongshan, yangjian_community));
  ck_assert (!community_division_code_is_parent_of (yangjian, houzhong));
  ck_assert (!community_division_code_is_parent_of (yangjian, other_town));
  ck_assert (!community_division_code_is_parent_of (yangjian, park));
  /* A street out of the reserved ranges is still a child of its county. */
  {
    g_autoptr(CommunityDivisionCode) park_street = parse_ok ("320205401000");

    ck_assert (community_division_code_is_parent_of (xishan, park_street));
    ck_assert (community_division_code_is_parent_of (park_street, park));
  }
}
END_TEST

static void
assert_child_fails (const char               *parent,
                    const char               *child,
                    CommunityIdentifierError  code,
                    const char               *message_start)
{
  g_autoptr(GError) error = NULL;

  ck_assert_msg (!community_division_code_validate_child (parent, child, &error),
                 "%s accepted under %s", child, parent);
  ck_assert_msg (g_error_matches (error, COMMUNITY_IDENTIFIER_ERROR, code),
                 "%s under %s: expected code %d, got %s", child, parent, (int) code,
                 error != NULL ? error->message : "no error");
  if (message_start != NULL)
    ck_assert_msg (g_str_has_prefix (error->message, message_start),
                   "“%s” does not start with “%s”", error->message, message_start);
}

START_TEST (test_division_code_validate_child)
{
  g_autoptr(GError) error = NULL;

  ck_assert (community_division_code_validate_child ("320200000000", "320213000000", &error));
  ck_assert (community_division_code_validate_child ("320205000000", "320205102000", &error));
  ck_assert (community_division_code_validate_child ("320205102000", "320205102001", &error));
  ck_assert (community_division_code_validate_child ("320205102000", "320205102200", &error));
  ck_assert (community_division_code_validate_child ("320214055000", "320214055201", &error));
  /* Out of the reserved ranges, but that is another rule's business. */
  ck_assert (community_division_code_validate_child ("320205401000", "320205401498", &error));
  ck_assert_ptr_null (error);

  /* Another prefix. */
  assert_child_fails ("320205102000", "320214055201", COMMUNITY_IDENTIFIER_ERROR_PREFIX,
                      "division code 320214055201 does not start with 320205102");
  assert_child_fails ("320200000000", "320500000000", COMMUNITY_IDENTIFIER_ERROR_PREFIX, NULL);
  assert_child_fails ("320200000000", "320513000000", COMMUNITY_IDENTIFIER_ERROR_PREFIX, NULL);
  /* Two levels down, upside down, the same level, itself. */
  assert_child_fails ("320200000000", "320205102000", COMMUNITY_IDENTIFIER_ERROR_PREFIX, NULL);
  assert_child_fails ("320205102001", "320205102000", COMMUNITY_IDENTIFIER_ERROR_PREFIX, NULL);
  assert_child_fails ("320205000000", "320214000000", COMMUNITY_IDENTIFIER_ERROR_PREFIX, NULL);
  assert_child_fails ("320205102000", "320205102000", COMMUNITY_IDENTIFIER_ERROR_PREFIX, NULL);
  /* Codes that do not parse: the message says which. */
  assert_child_fails ("32020510200", "320205102001", COMMUNITY_IDENTIFIER_ERROR_LENGTH,
                      "parent code: ");
  assert_child_fails ("320205102000", "32020510200X", COMMUNITY_IDENTIFIER_ERROR_CHARSET,
                      "child code: ");
  assert_child_fails ("320205102000", "320205000001", COMMUNITY_IDENTIFIER_ERROR_SEGMENT,
                      "child code: ");
}
END_TEST

START_TEST (test_division_code_boxed)
{
  g_autoptr(CommunityDivisionCode) code = parse_ok ("320214055201");
  g_autoptr(CommunityDivisionCode) copy = community_division_code_copy (code);
  g_autoptr(CommunityDivisionCode) parent = parse_ok ("320214055000");
  CommunityDivisionCode *boxed = g_boxed_copy (COMMUNITY_TYPE_DIVISION_CODE, code);

  ck_assert (G_TYPE_IS_BOXED (COMMUNITY_TYPE_DIVISION_CODE));
  ck_assert_str_eq (g_type_name (COMMUNITY_TYPE_DIVISION_CODE), "CommunityDivisionCode");
  ck_assert_ptr_ne (copy, code);
  ck_assert_ptr_ne (copy->code, code->code);
  ck_assert_str_eq (copy->code, "320214055201");
  ck_assert_uint_eq (copy->street, 55);
  ck_assert_uint_eq (copy->village, 201);
  ck_assert (copy->level == COMMUNITY_CODE_LEVEL_COMMUNITY);
  ck_assert (copy->committee_kind == COMMUNITY_COMMITTEE_KIND_VILLAGERS);
  ck_assert (community_division_code_is_parent_of (parent, boxed));
  ck_assert_str_eq (boxed->code, code->code);
  g_boxed_free (COMMUNITY_TYPE_DIVISION_CODE, boxed);
  community_division_code_free (NULL);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("identifiers");
  TCase *citizen_id = tcase_create ("citizen-id");
  TCase *uscc = tcase_create ("uscc");
  TCase *mobile = tcase_create ("mobile");
  TCase *division_code = tcase_create ("division-code");

  tcase_add_test (citizen_id, test_citizen_id_published_vectors);
  tcase_add_test (citizen_id, test_citizen_id_every_wrong_check_character);
  tcase_add_test (citizen_id, test_citizen_id_check_x);
  tcase_add_test (citizen_id, test_citizen_id_length);
  tcase_add_test (citizen_id, test_citizen_id_charset);
  tcase_add_test (citizen_id, test_citizen_id_province);
  tcase_add_test (citizen_id, test_citizen_id_birth_dates);
  tcase_add_test (citizen_id, test_citizen_id_future_birth_date);
  tcase_add_test (citizen_id, test_citizen_id_order_of_checks);
  suite_add_tcase (suite, citizen_id);

  tcase_add_test (uscc, test_uscc_published_vectors);
  tcase_add_test (uscc, test_uscc_every_wrong_check_character);
  tcase_add_test (uscc, test_uscc_check_zero);
  tcase_add_test (uscc, test_uscc_length);
  tcase_add_test (uscc, test_uscc_charset);
  suite_add_tcase (suite, uscc);

  tcase_add_test (mobile, test_mobile_valid_prefixes);
  tcase_add_test (mobile, test_mobile_prefix);
  tcase_add_test (mobile, test_mobile_length_and_charset);
  suite_add_tcase (suite, mobile);

  tcase_add_test (division_code, test_division_code_fields);
  tcase_add_test (division_code, test_division_code_parse_errors);
  tcase_add_test (division_code, test_division_code_check_ranges);
  tcase_add_test (division_code, test_division_code_is_parent_of);
  tcase_add_test (division_code, test_division_code_validate_child);
  tcase_add_test (division_code, test_division_code_boxed);
  suite_add_tcase (suite, division_code);

  return community_test_run (suite);
}
