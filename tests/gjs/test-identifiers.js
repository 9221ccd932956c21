// test-identifiers.js: citizen ID numbers, credit codes, mobiles and division
// codes, from JavaScript
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Check characters of the numbers built here are computed in this file from
// the definitions of the standards, not taken from the library.

import Community from 'gi://Community?version=1.0';
import GLib from 'gi://GLib';

import {
    test,
    assert,
    assertEqual,
    assertThrowsGLibError,
    finish,
} from './common.js';

const IDENTIFIER_ERROR = 'community-identifier-error-quark';

// Asserts that fn() throws @code of Community.IdentifierError, and that the
// message quotes no run of four characters of @personal.
function assertIdentifierError(code, fn, personal = '') {
    const error = assertThrowsGLibError(fn, IDENTIFIER_ERROR, code);
    for (let i = 0; i + 4 <= personal.length; i++) {
        const part = personal.slice(i, i + 4);
        assert(!error.message.includes(part), `"${error.message}" quotes "${part}"`);
    }
    return error;
}

const USCC_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';

// GB 11643: ISO 7064 MOD 11-2, weights 2^(17 - i) mod 11.
function citizenId(first17) {
    let sum = 0;
    for (let i = 0; i < 17; i++) {
        let weight = 1;
        for (let j = 0; j < 17 - i; j++)
            weight = weight * 2 % 11;
        sum += Number(first17[i]) * weight;
    }
    return first17 + '0123456789X'[(12 - sum % 11) % 11];
}

// GB 32100: weights 3^i mod 31, check = (31 - sum mod 31) mod 31.
function uscc(first17) {
    let sum = 0;
    let weight = 1;
    for (let i = 0; i < 17; i++) {
        sum += USCC_CHARS.indexOf(first17[i]) * weight;
        weight = weight * 3 % 31;
    }
    return first17 + USCC_CHARS[(31 - sum % 31) % 31];
}

function date(year, month, day) {
    return GLib.Date.new_dmy(day, month, year);
}

const Error_ = Community.IdentifierError;

test('citizen ID: published vectors', () => {
    for (const valid of ['110102199101010078', '44011320141005001X', '33010219200403064X']) {
        assert(Community.citizen_id_validate(valid, null), valid);
        assertEqual(citizenId(valid.slice(0, 17)), valid, 'independent check');
    }
    assertIdentifierError(Error_.CHECKSUM,
        () => Community.citizen_id_validate('36042619910102009X', null), '36042619910102009X');
});

test('citizen ID: length, charset, province', () => {
    assertIdentifierError(Error_.LENGTH,
        () => Community.citizen_id_validate('320213800515002', null), '320213800515002');
    const number = citizenId('32021319800515002');
    assert(Community.citizen_id_validate(number, null), number);
    const letter = `${number.slice(0, 9)}A${number.slice(10)}`;
    assertIdentifierError(Error_.CHARSET, () => Community.citizen_id_validate(letter, null), letter);
    let withX = null;
    for (let seq = 0; seq < 100 && withX === null; seq++) {
        const candidate = citizenId(`320213198506070${String(seq).padStart(2, '0')}`);
        if (candidate.endsWith('X'))
            withX = candidate;
    }
    assert(withX !== null, 'a number with check character X');
    assert(Community.citizen_id_validate(withX, null), withX);
    assertIdentifierError(Error_.CHARSET,
        () => Community.citizen_id_validate(`${withX.slice(0, 17)}x`, null), withX);
    const noProvince = citizenId('00021319800515002');
    assertIdentifierError(Error_.SEGMENT,
        () => Community.citizen_id_validate(noProvince, null), noProvince);
});

test('citizen ID: birth dates', () => {
    const today = date(2024, 6, 1);
    assert(Community.citizen_id_validate(citizenId('32021320000229002'), today), '29 February 2000');
    const nonLeap = citizenId('32021319000229003');
    const error = assertIdentifierError(Error_.DATE,
        () => Community.citizen_id_validate(nonLeap, today), nonLeap);
    assert(!error.message.includes('19000229'), 'the message hides the birth date');
    const future = citizenId('32021320300101008');
    assertIdentifierError(Error_.DATE,
        () => Community.citizen_id_validate(future, date(2029, 12, 31)), future);
    assert(Community.citizen_id_validate(future, date(2030, 1, 1)), 'born on the day');
});

test('credit code: vectors, length, charset', () => {
    for (const valid of ['91110000600037341L', '91310115MA1K3BTP2B']) {
        assert(Community.uscc_validate(valid), valid);
        assertEqual(uscc(valid.slice(0, 17)), valid, 'independent check');
    }
    assertIdentifierError(Error_.CHECKSUM, () => Community.uscc_validate('91110000600037341N'));
    const code = uscc('52320213MJ5D2781X');
    assert(Community.uscc_validate(code), code);
    assertIdentifierError(Error_.LENGTH, () => Community.uscc_validate('91110000600037341'));
    assertIdentifierError(Error_.CHARSET, () => Community.uscc_validate('91310115ma1k3btp2b'));
    assertIdentifierError(Error_.CHARSET, () => Community.uscc_validate('91310115MA1K3BTI2B'));
});

test('mobile numbers', () => {
    for (const phone of ['13912345678', '14512345678', '16712345678', '17400123456', '19912345678'])
        assert(Community.mobile_validate(phone), phone);
    const cases = [
        [Error_.LENGTH, '1391234567'],
        [Error_.CHARSET, '+8613912345678'],
        [Error_.CHARSET, '139-1234567'],
        [Error_.PREFIX, '12012345678'],
        [Error_.PREFIX, '17912345678'],
    ];
    for (const [code, phone] of cases)
        assertIdentifierError(code, () => Community.mobile_validate(phone), phone);
});

test('division code: fields of the boxed struct', () => {
    const village = Community.DivisionCode.parse('320205102200');
    assert(village instanceof Community.DivisionCode, 'a DivisionCode');
    assertEqual(village.code, '320205102200', 'code');
    assertEqual(village.province, 32, 'province');
    assertEqual(village.city, 2, 'city');
    assertEqual(village.county, 5, 'county');
    assertEqual(village.street, 102, 'street');
    assertEqual(village.village, 200, 'village');
    assertEqual(village.level, Community.CodeLevel.COMMUNITY, 'level');
    assertEqual(village.street_kind, Community.StreetKind.TOWN, 'street kind');
    assertEqual(village.committee_kind, Community.CommitteeKind.VILLAGERS, 'committee kind');

    const cases = [
        ['320200000000', Community.CodeLevel.CITY, Community.StreetKind.NONE],
        ['320213000000', Community.CodeLevel.COUNTY, Community.StreetKind.NONE],
        ['320214055000', Community.CodeLevel.STREET, Community.StreetKind.SUBDISTRICT],
        ['320205401498', Community.CodeLevel.COMMUNITY, Community.StreetKind.OTHER],
    ];
    for (const [text, level, streetKind] of cases) {
        const code = Community.DivisionCode.parse(text);
        assertEqual(code.code, text, 'code');
        assertEqual(code.level, level, `level of ${text}`);
        assertEqual(code.street_kind, streetKind, `street kind of ${text}`);
    }
    assertEqual(Community.DivisionCode.parse('320205401498').committee_kind,
        Community.CommitteeKind.SIMILAR, 'a unit of a similar kind');
});

test('division code: errors, ranges, parents', () => {
    assertIdentifierError(Error_.LENGTH, () => Community.DivisionCode.parse('3202051020'));
    assertIdentifierError(Error_.CHARSET, () => Community.DivisionCode.parse('32020510200A'));
    assertIdentifierError(Error_.SEGMENT, () => Community.DivisionCode.parse('320200001000'));

    const park = Community.DivisionCode.parse('320205401498');
    const error = assertIdentifierError(Error_.SEGMENT, () => park.check_ranges());
    assert(error.message.includes('street segment 401'), error.message);
    assert(Community.DivisionCode.parse('320214055201').check_ranges(), 'in range');

    const street = Community.DivisionCode.parse('320214055000');
    const village = Community.DivisionCode.parse('320214055201');
    assert(street.is_parent_of(village), 'street → village');
    assert(!village.is_parent_of(street), 'not village → street');
    assert(Community.DivisionCode.validate_child('320205102000', '320205102001'), 'valid child');
    assertIdentifierError(Error_.PREFIX,
        () => Community.DivisionCode.validate_child('320205102000', '320214055201'));
});

// --- Plan -------------------------------------------------------------------

finish();
