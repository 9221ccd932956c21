#!/usr/bin/python3
# test_identifiers.py: citizen ID numbers, credit codes, mobiles and division
# codes, from Python
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run with the system Python and the build's typelib, e.g.
#
#   GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
#   /usr/bin/python3 tests/python/test_identifiers.py
#
# Check characters of the numbers built here are computed in this file from
# the definitions of the standards, not taken from the library.

import unittest

import gi

gi.require_version("Community", "1.0")
gi.require_version("GLib", "2.0")
from gi.repository import Community, GLib  # noqa: E402

import taprunner  # noqa: E402

DOMAIN = Community.identifier_error_quark()
Error = Community.IdentifierError

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def citizen_id(first17):
    """GB 11643: ISO 7064 MOD 11-2, weights 2^(17 - i) mod 11."""
    total = sum(int(d) * pow(2, 17 - i, 11) for i, d in enumerate(first17))
    return first17 + "0123456789X"[(12 - total % 11) % 11]


def uscc(first17):
    """GB 32100: weights 3^i mod 31, check = (31 - sum mod 31) mod 31."""
    total = sum(USCC_CHARS.index(c) * pow(3, i, 31) for i, c in enumerate(first17))
    return first17 + USCC_CHARS[(31 - total % 31) % 31]


def date(year, month, day):
    return GLib.Date.new_dmy(day, GLib.DateMonth(month), year)


# The enums gain a GType once the header is registered with mkenums; until
# then PyGObject still exposes them, but compare as integers to be safe.
def level(name):
    return int(getattr(Community.CodeLevel, name))


def street_kind(name):
    return int(getattr(Community.StreetKind, name))


def committee_kind(name):
    return int(getattr(Community.CommitteeKind, name))


class IdentifierTestCase(unittest.TestCase):
    def assertIdentifierError(self, code, call, *args, personal=None):
        """Asserts that call(*args) raises code, and that the message quotes
        no run of four characters of @personal."""
        with self.assertRaises(GLib.Error) as caught:
            call(*args)
        error = caught.exception
        self.assertTrue(error.matches(DOMAIN, code),
                        "expected %r, got %s %d: %s"
                        % (code, error.domain, error.code, error.message))
        if personal:
            for i in range(len(personal) - 3):
                self.assertNotIn(personal[i:i + 4], error.message)
        return error


class CitizenIdTest(IdentifierTestCase):
    def test_published_vectors(self):
        for valid in ("110102199101010078", "44011320141005001X", "33010219200403064X"):
            self.assertTrue(Community.citizen_id_validate(valid, None), valid)
            self.assertEqual(citizen_id(valid[:17]), valid)
        self.assertIdentifierError(Error.CHECKSUM, Community.citizen_id_validate,
                                   "36042619910102009X", None,
                                   personal="36042619910102009X")

    def test_every_wrong_check_character(self):
        number = citizen_id("32021319800515002")
        self.assertTrue(Community.citizen_id_validate(number, None))
        for c in "0123456789X":
            if c != number[-1]:
                self.assertIdentifierError(Error.CHECKSUM, Community.citizen_id_validate,
                                           number[:17] + c, None, personal=number[:17] + c)

    def test_length(self):
        for number in ("", "320213800515002", "3202131980051500211"):
            self.assertIdentifierError(Error.LENGTH, Community.citizen_id_validate,
                                       number, None, personal=number)

    def test_charset(self):
        number = citizen_id("32021319800515002")
        self.assertIdentifierError(Error.CHARSET, Community.citizen_id_validate,
                                   number[:9] + "A" + number[10:], None, personal=number)
        x_number = next(n for n in (citizen_id("320213198506070%02d" % s) for s in range(100))
                        if n.endswith("X"))
        self.assertTrue(Community.citizen_id_validate(x_number, None))
        self.assertIdentifierError(Error.CHARSET, Community.citizen_id_validate,
                                   x_number[:17] + "x", None, personal=x_number)

    def test_province(self):
        number = citizen_id("00021319800515002")
        self.assertIdentifierError(Error.SEGMENT, Community.citizen_id_validate,
                                   number, None, personal=number)

    def test_dates(self):
        today = date(2024, 6, 1)
        self.assertTrue(Community.citizen_id_validate(citizen_id("32021320000229002"), today))
        for first17 in ("32021319000229003", "32021320230229004", "32021319910230005"):
            number = citizen_id(first17)
            error = self.assertIdentifierError(Error.DATE, Community.citizen_id_validate,
                                               number, today, personal=number)
            self.assertNotIn(number[6:14], error.message)

    def test_future_birth_date(self):
        number = citizen_id("32021320300101008")
        self.assertIdentifierError(Error.DATE, Community.citizen_id_validate,
                                   number, date(2029, 12, 31), personal=number)
        self.assertTrue(Community.citizen_id_validate(number, date(2030, 1, 1)))
        self.assertIdentifierError(Error.DATE, Community.citizen_id_validate,
                                   citizen_id("32021329990101009"), None)


class UsccTest(IdentifierTestCase):
    def test_published_vectors(self):
        for valid in ("91110000600037341L", "91310115MA1K3BTP2B"):
            self.assertTrue(Community.uscc_validate(valid))
            self.assertEqual(uscc(valid[:17]), valid)
        self.assertIdentifierError(Error.CHECKSUM, Community.uscc_validate, "91110000600037341N")

    def test_computed(self):
        code = uscc("52320213MJ5D2781X")
        self.assertTrue(Community.uscc_validate(code))
        for c in USCC_CHARS:
            if c != code[-1]:
                self.assertIdentifierError(Error.CHECKSUM, Community.uscc_validate, code[:17] + c)

    def test_length_and_charset(self):
        self.assertIdentifierError(Error.LENGTH, Community.uscc_validate, "91110000600037341")
        self.assertIdentifierError(Error.CHARSET, Community.uscc_validate, "91310115ma1k3btp2b")
        self.assertIdentifierError(Error.CHARSET, Community.uscc_validate, "91310115MA1K3BTO2B")


class MobileTest(IdentifierTestCase):
    def test_valid(self):
        for phone in ("13912345678", "14712345678", "16612345678", "17405123456", "19212345678"):
            self.assertTrue(Community.mobile_validate(phone), phone)

    def test_invalid(self):
        cases = [
            (Error.LENGTH, "1391234567"),
            (Error.LENGTH, "139 1234 5678"),
            (Error.CHARSET, "+8613912345678"),
            (Error.CHARSET, "139-1234567"),
            (Error.PREFIX, "12012345678"),
            (Error.PREFIX, "17406123456"),
            (Error.PREFIX, "23912345678"),
        ]
        for code, phone in cases:
            with self.subTest(phone=phone):
                self.assertIdentifierError(code, Community.mobile_validate, phone, personal=phone)


class DivisionCodeTest(IdentifierTestCase):
    def test_fields(self):
        code = Community.DivisionCode.parse("320205102001")
        self.assertIsInstance(code, Community.DivisionCode)
        self.assertEqual(code.code, "320205102001")
        self.assertEqual((code.province, code.city, code.county, code.street, code.village),
                         (32, 2, 5, 102, 1))
        self.assertEqual(int(code.level), level("COMMUNITY"))
        self.assertEqual(int(code.street_kind), street_kind("TOWN"))
        self.assertEqual(int(code.committee_kind), committee_kind("RESIDENTS"))

    def test_levels_and_kinds(self):
        cases = [
            ("320200000000", "CITY", "NONE", "NONE"),
            ("320213000000", "COUNTY", "NONE", "NONE"),
            ("320205102000", "STREET", "TOWN", "NONE"),
            ("320214055000", "STREET", "SUBDISTRICT", "NONE"),
            ("320205102200", "COMMUNITY", "TOWN", "VILLAGERS"),
            ("320214055201", "COMMUNITY", "SUBDISTRICT", "VILLAGERS"),
            ("320205401498", "COMMUNITY", "OTHER", "SIMILAR"),
        ]
        for text, lvl, street, committee in cases:
            with self.subTest(code=text):
                code = Community.DivisionCode.parse(text)
                self.assertEqual(code.code, text)
                self.assertEqual(int(code.level), level(lvl))
                self.assertEqual(int(code.street_kind), street_kind(street))
                self.assertEqual(int(code.committee_kind), committee_kind(committee))

    def test_parse_errors(self):
        self.assertIdentifierError(Error.LENGTH, Community.DivisionCode.parse, "32020510200")
        self.assertIdentifierError(Error.CHARSET, Community.DivisionCode.parse, "32020510200A")
        self.assertIdentifierError(Error.SEGMENT, Community.DivisionCode.parse, "320200001000")

    def test_check_ranges(self):
        self.assertTrue(Community.DivisionCode.parse("320205102001").check_ranges())
        error = self.assertIdentifierError(
            Error.SEGMENT, Community.DivisionCode.parse("320205401498").check_ranges)
        self.assertIn("street segment 401", error.message)

    def test_parent_and_child(self):
        town = Community.DivisionCode.parse("320205102000")
        village = Community.DivisionCode.parse("320205102200")
        self.assertTrue(town.is_parent_of(village))
        self.assertFalse(village.is_parent_of(town))
        self.assertFalse(Community.DivisionCode.parse("320200000000").is_parent_of(town))
        self.assertTrue(Community.DivisionCode.validate_child("320214055000", "320214055201"))
        self.assertIdentifierError(Error.PREFIX, Community.DivisionCode.validate_child,
                                   "320205102000", "320214055201")
        self.assertIdentifierError(Error.PREFIX, Community.DivisionCode.validate_child,
                                   "320200000000", "320205102000")

    def test_copy(self):
        code = Community.DivisionCode.parse("320214055201")
        copy = code.copy()
        self.assertEqual(copy.code, code.code)
        self.assertEqual(int(copy.level), level("COMMUNITY"))


if __name__ == "__main__":
    taprunner.main()
