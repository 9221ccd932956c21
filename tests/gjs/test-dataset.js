// test-dataset.js: Community.Dataset and its records, from GJS
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Run as an ES module with the build's typelib, e.g.
//
//   GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
//   COMMUNITY_SAMPLE=examples/data/wuxi-sample.json \
//   gjs -m tests/gjs/test-dataset.js
//
// Prints TAP. Expected values are computed from the sample file itself, read
// with JSON.parse, so the tests follow the sample if it changes.

import Community from 'gi://Community?version=1.0';
import GLib from 'gi://GLib';
import Gio from 'gi://Gio';
import GObject from 'gi://GObject';

import {
    test,
    assert,
    assertEqual,
    assertDeepEqual,
    assertClose,
    assertNull,
    assertThrowsGLibError,
    samplePath,
    readJson,
    sampleJson,
    sampleCopy,
    loadSample,
    utf8,
    finish,
} from './common.js';

const PARSE_ERROR = 'community-parse-error-quark';
const DATASET_ERROR = 'community-dataset-error-quark';
const CITY = '320200000000';

// Every kind, with the member of the document that lists it (DOMAIN.md §7).
const KINDS = [
    [Community.EntityKind.DIVISION, 'divisions'],
    [Community.EntityKind.COMMUNITY, 'communities'],
    [Community.EntityKind.GRID, 'grids'],
    [Community.EntityKind.WORKER, 'workers'],
    [Community.EntityKind.FACILITY, 'facilities'],
    [Community.EntityKind.CONSULTATION, 'consultations'],
    [Community.EntityKind.WORK_ITEM, 'work_items'],
    [Community.EntityKind.SOCIAL_ORGANIZATION, 'social_organizations'],
    [Community.EntityKind.DEPARTMENT, 'departments'],
    [Community.EntityKind.TASK, 'tasks'],
    [Community.EntityKind.FUNDING, 'funding'],
    [Community.EntityKind.WAGE_BASELINE, 'wage_baselines'],
    [Community.EntityKind.SURVEY, 'surveys'],
    [Community.EntityKind.COMMENDATION, 'commendations'],
];

// JSON members that hold flags: the library writes them in flag order.
const FLAGS_MEMBERS = new Set(['roles', 'activities', 'serves']);

const WORKER_ROLE_NICKS = [
    'party_secretary', 'committee_director', 'committee_member',
    'social_work_station_chief', 'community_worker', 'grid_leader',
    'grid_administrator', 'legal_advisor', 'first_secretary',
];

/** A dataset document with the given members, as UTF-8 bytes. */
function documentBytes(members = {}) {
    return new TextEncoder().encode(JSON.stringify({
        format: 'libcommunity-dataset',
        version: 1,
        ...members,
    }));
}

function identities(entities) {
    return entities.map(e => e.get_identity());
}

/**
 * The identity of a document's entity: its code, id or (tasks) number as a
 * string, or null for a record that has none (funding, wage baselines,
 * surveys and commendations may come without an id, DOMAIN.md §2).
 */
function jsonIdentity(obj) {
    const value = obj.code ?? obj.id ?? obj.number;
    return value === undefined ? null : String(value);
}

function modelItems(model) {
    const items = [];
    for (let i = 0; i < model.get_n_items(); i++)
        items.push(model.get_item(i));
    return items;
}

function byKey(array, key) {
    return Object.fromEntries(array.map(item => [item[key], item]));
}

/** The value of an enum or flags type whose nick is `nick`. */
function enumValue(enumObject, nick) {
    const value = enumObject[nick.toUpperCase()];
    assert(value !== undefined, `no value for the nick ${nick}`);
    return value;
}

function flagsValue(flagsObject, nicks) {
    return nicks.reduce((all, nick) => all | enumValue(flagsObject, nick), 0);
}

/** The Community enum or flags object of a GType, e.g. Community.GridKind. */
function enumObjectOf(gtype) {
    return Community[GObject.type_name(gtype).replace(/^Community/, '')];
}

function dateString(date) {
    const pad = (n, w) => String(n).padStart(w, '0');
    return `${pad(date.get_year(), 4)}-${pad(date.get_month(), 2)}-${pad(date.get_day(), 2)}`;
}

/** [unix seconds, UTC offset in µs] of an RFC 3339 timestamp. */
function parseTimestamp(text) {
    const match = /(Z|z|([+-])(\d\d):(\d\d))$/.exec(text);
    assert(match, `no offset in ${text}`);
    const offset = match[1].toUpperCase() === 'Z' ? 0
        : (match[2] === '-' ? -1 : 1) * (Number(match[3]) * 3600 + Number(match[4]) * 60);
    return [Math.floor(Date.parse(text) / 1000), offset * 1000000];
}

function normalizeFlags(node) {
    if (Array.isArray(node))
        return node.map(normalizeFlags);
    if (node !== null && typeof node === 'object') {
        return Object.fromEntries(Object.entries(node).map(([k, v]) =>
            [k, FLAGS_MEMBERS.has(k) && Array.isArray(v) ? [...v].sort() : normalizeFlags(v)]));
    }
    return node;
}

function withTempDir(fn) {
    const dir = GLib.dir_make_tmp('community-test-XXXXXX');
    try {
        return fn(dir);
    } finally {
        const directory = Gio.File.new_for_path(dir);
        const children = directory.enumerate_children('standard::name', Gio.FileQueryInfoFlags.NOFOLLOW_SYMLINKS, null);
        let info;
        while ((info = children.next_file(null)) !== null)
            directory.get_child(info.get_name()).delete(null);
        children.close(null);
        directory.delete(null);
    }
}

function listDir(dir) {
    const names = [];
    const children = Gio.File.new_for_path(dir).enumerate_children('standard::name', Gio.FileQueryInfoFlags.NONE, null);
    let info;
    while ((info = children.next_file(null)) !== null)
        names.push(info.get_name());
    children.close(null);
    return names;
}

const STRV = GObject.type_from_name('GStrv');

/** Every member of `obj` reads back from `record` with the right type, and
 * every field `obj` does not give is unset. */
function assertRecordMatchesJson(record, obj, where) {
    const pspecs = GObject.Object.list_properties.call(record.constructor);
    const byName = Object.fromEntries(pspecs.map(p => [p.name.replace(/-/g, '_'), p]));

    for (const [member, expected] of Object.entries(obj)) {
        const pspec = byName[member];
        assert(pspec, `${where}: no property for ${member}`);
        assert(record.is_set(member), `${where}/${member} is not set`);
        assertValueMatchesJson(record[member], pspec.value_type, expected, `${where}/${member}`);
    }
    for (const name of Object.keys(byName)) {
        if (!(name in obj))
            assert(!record.is_set(name), `${where}: ${name} is set but not in the JSON`);
    }
}

function assertValueMatchesJson(actual, type, expected, where) {
    if (GObject.type_is_a(type, GObject.TYPE_FLAGS)) {
        assertEqual(actual, flagsValue(enumObjectOf(type), expected), where);
    } else if (GObject.type_is_a(type, GObject.TYPE_ENUM)) {
        assertEqual(actual, enumValue(enumObjectOf(type), expected), where);
    } else if (type === GLib.Date.$gtype) {
        assert(actual instanceof GLib.Date, `${where} is not a GLib.Date`);
        assertEqual(dateString(actual), expected, where);
    } else if (type === GLib.DateTime.$gtype) {
        assert(actual instanceof GLib.DateTime, `${where} is not a GLib.DateTime`);
        const [unix, offset] = parseTimestamp(expected);
        assertEqual(actual.to_unix(), unix, where);
        assertEqual(actual.get_utc_offset(), offset, `${where} (offset)`);
    } else if (type === Gio.ListModel.$gtype) {
        assert(actual instanceof Gio.ListModel, `${where} is not a Gio.ListModel`);
        assertEqual(actual.get_n_items(), expected.length, where);
        expected.forEach((item, i) => assertRecordMatchesJson(actual.get_item(i), item, `${where}/${i}`));
    } else if (GObject.type_is_a(type, Community.Record.$gtype)) {
        assert(actual instanceof Community.Record, `${where} is not a Community.Record`);
        assertRecordMatchesJson(actual, expected, where);
    } else if (type === STRV) {
        assertDeepEqual(actual, expected, where);
    } else if (type === GObject.TYPE_DOUBLE) {
        assertClose(actual, expected, where);
    } else {
        assertEqual(actual, expected, where);
    }
}

function assertParseError(bytes, code, pointer) {
    const ds = Community.Dataset.new();
    const error = assertThrowsGLibError(() => ds.load_from_data(bytes), PARSE_ERROR, code, `${pointer}: `);
    assert(error.matches(Community.parse_error_quark(), code), 'matches(parse_error_quark())');
    // GJS hands the error's own GError back: its pointer, and no sheet.
    assertEqual(Community.parse_error_get_pointer(error), pointer === '(root)' ? '' : pointer, 'pointer');
    assertNull(Community.parse_error_get_sheet(error), 'sheet');
    // Nothing of the refused document was kept.
    for (const [kind, member] of KINDS)
        assertEqual(ds.get_items(kind).get_n_items(), 0, member);
    return error;
}

function community(members = {}) {
    return {code: '320213025001', name: '广瑞一村社区', kind: 'urban', street: '320213025000', ...members};
}

function watch(obj, name) {
    const calls = [];
    obj.connect(`notify::${name}`, (o, pspec) => calls.push(pspec.name));
    return calls;
}

// --- Loading ----------------------------------------------------------------

test('test_csv_error_location', () => {
    const dir = GLib.dir_make_tmp('community-gjs-XXXXXX');
    const path = GLib.build_filenamev([dir, 'communities.csv']);
    GLib.file_set_contents(path, 'code,name,kind,street,households\n' +
        '320213001001,a,urban,320213001000,2500\n320213001002,b,urban,320213001000,约2000\n');
    const ds = Community.Dataset.new();
    const error = assertThrowsGLibError(
        () => ds.load_from_gfile(Gio.File.new_for_path(dir), Community.DatasetFormat.AUTO, null),
        PARSE_ERROR, Community.ParseError.TYPE, 'communities!E3 (households): ');
    GLib.unlink(path);
    GLib.rmdir(dir);
    assertEqual(Community.parse_error_get_sheet(error), 'communities');
    assertEqual(Community.parse_error_get_cell(error), 'E3');
    assertEqual(Community.parse_error_get_column(error), 'households');
    assertEqual(Community.parse_error_get_pointer(error), '/communities/1/households');
});

test('test_load_from_file', () => {
    const ds = Community.Dataset.new();
    assertEqual(ds.get_items(Community.EntityKind.GRID).get_n_items(), 0);
    assertEqual(ds.load_from_file(samplePath()), true);
    assert(ds.get_items(Community.EntityKind.GRID).get_n_items() > 0, 'no grids');
});

test('test_counts_match_json', () => {
    const ds = loadSample();
    const data = sampleJson();
    for (const [kind, member] of KINDS) {
        const model = ds.get_items(kind);
        assert(model instanceof Gio.ListModel, `${member} is not a Gio.ListModel`);
        assertEqual(model.get_n_items(), data[member].length, member);
        assertDeepEqual(identities(modelItems(model)), data[member].map(jsonIdentity), member);
    }
    // The sample has records without an id: they are there, unindexed.
    assert(identities(modelItems(ds.get_items(Community.EntityKind.FUNDING))).includes(null),
        'no funding record without an id');
    assert(data.commendations.every(c => jsonIdentity(c) === null), 'a commendation with an id');
});

test('test_counts_by_value', () => {
    const ds = loadSample();
    const data = sampleJson();

    const communities = modelItems(ds.get_items(Community.EntityKind.COMMUNITY));
    const urban = communities.filter(c => c.kind === Community.CommunityKind.URBAN);
    const rural = communities.filter(c => c.kind === Community.CommunityKind.RURAL);
    assertEqual(urban.length, data.communities.filter(c => c.kind === 'urban').length, 'urban');
    assertEqual(rural.length, data.communities.filter(c => c.kind === 'rural').length, 'rural');
    assertEqual(urban.length + rural.length, data.communities.length);

    const grids = modelItems(ds.get_items(Community.EntityKind.GRID));
    const dedicated = grids.filter(g => g.kind === Community.GridKind.DEDICATED);
    assertEqual(dedicated.length, data.grids.filter(g => g.kind === 'dedicated').length, 'dedicated');
    assert(dedicated.length > 0, 'no dedicated grid');

    const workers = modelItems(ds.get_items(Community.EntityKind.WORKER));
    const partTime = workers.filter(w => w.employment === Community.Employment.PART_TIME);
    assertEqual(partTime.length, data.workers.filter(w => w.employment === 'part_time').length, 'part-time');
    assert(partTime.length > 0, 'no part-time worker');
});

test('test_model_item_types', () => {
    const ds = loadSample();
    for (const [kind, member] of KINDS) {
        const model = ds.get_items(kind);
        assertEqual(model.get_item_type(), Community.entity_kind_get_entity_type(kind), member);
        assertEqual(Community.entity_kind_get_member_name(kind), member);
        const first = model.get_item(0);
        assert(first instanceof Community.Entity, `${member}: not an entity`);
        assertEqual(first.get_kind(), kind, member);
        assertEqual(first.get_dataset(), ds, member);
    }
    assert(ds.get_items(Community.EntityKind.GRID).get_item(0) instanceof Community.Grid, 'not a grid');
});

test('test_header', () => {
    const ds = loadSample();
    const data = sampleJson();
    const asOf = ds.as_of;
    assert(asOf instanceof GLib.Date, 'as_of is not a GLib.Date');
    assertEqual(dateString(asOf), data.as_of);
    assertEqual(asOf.get_month(), GLib.DateMonth.DECEMBER);
    assertEqual(ds.get_as_of().compare(asOf), 0);
    assertEqual(ds.codes_year, data.codes_year);
    assertEqual(ds.get_codes_year(), 2023);
});

test('test_every_field_matches_json', () => {
    const ds = loadSample();
    const data = sampleJson();
    for (const [kind, member] of KINDS) {
        const model = ds.get_items(kind);
        data[member].forEach((obj, i) => assertRecordMatchesJson(model.get_item(i), obj, `/${member}/${i}`));
    }
});

test('test_lookup', () => {
    const ds = loadSample();
    const data = sampleJson();
    for (const obj of data.grids) {
        const grid = ds.get_grid(obj.id);
        assert(grid instanceof Community.Grid, `${obj.id} not found`);
        assertEqual(grid.get_identity(), obj.id);
        assertEqual(ds.lookup(Community.EntityKind.GRID, obj.id), grid);
    }
    for (const obj of data.communities)
        assertEqual(ds.get_community(obj.code).name, obj.name);
    for (const obj of data.tasks) {
        const task = ds.get_task(obj.number);
        assertEqual(task.number, obj.number);
        assertEqual(task.get_identity(), String(obj.number));
        assertEqual(ds.lookup(Community.EntityKind.TASK, String(obj.number)), task);
    }
    assertNull(ds.get_grid('no-such-grid'));
    assertNull(ds.get_community(data.grids[0].id));
    // Identities are per kind: a community code is not a division.
    assertNull(ds.get_division(data.communities[0].code));
});

// --- The hierarchy ----------------------------------------------------------

function hierarchyFixture() {
    const data = sampleJson();
    return {
        ds: loadSample(),
        data,
        divisions: byKey(data.divisions, 'code'),
        communities: byKey(data.communities, 'code'),
    };
}

test('test_list_children_of_city', () => {
    const {ds, data} = hierarchyFixture();
    const districts = ds.list_children(CITY);
    assert(Array.isArray(districts), 'list_children() does not return an array');
    const expected = data.divisions.filter(d => d.parent === CITY).map(d => d.code);
    assertEqual(expected.length, 3);
    assertDeepEqual(identities(districts), expected);
    for (const district of districts) {
        assert(district instanceof Community.Division, 'not a division');
        assertEqual(district.level, Community.DivisionLevel.DISTRICT);
        assertEqual(district.parent, CITY);
    }
});

test('test_list_children_of_every_division', () => {
    const {ds, data, divisions} = hierarchyFixture();
    for (const code of Object.keys(divisions)) {
        const expected = [
            ...data.divisions.filter(d => d.parent === code).map(d => d.code),
            ...data.communities.filter(c => c.street === code).map(c => c.code),
        ];
        assertDeepEqual(identities(ds.list_children(code)), expected, code);
    }
    assertDeepEqual(ds.list_children('999999999999'), []);
});

test('test_list_communities', () => {
    const {ds, data} = hierarchyFixture();
    const streets = data.divisions.filter(d => d.level === 'street' || d.level === 'town').map(d => d.code);
    assertEqual(streets.length, 4);
    for (const street of streets) {
        const communities = ds.list_communities(street);
        const expected = data.communities.filter(c => c.street === street).map(c => c.code);
        assert(expected.length > 0, `${street} has no community`);
        assertDeepEqual(identities(communities), expected, street);
        for (const c of communities) {
            assert(c instanceof Community.Community, 'not a community');
            assertEqual(c.street, street);
        }
    }
});

test('test_list_grids', () => {
    const {ds, data, communities} = hierarchyFixture();
    for (const code of Object.keys(communities)) {
        const grids = ds.list_grids(code);
        const expected = data.grids.filter(g => g.community === code).map(g => g.id);
        assertDeepEqual(identities(grids), expected, code);
        assert(grids.every(g => g instanceof Community.Grid), 'not a grid');
    }
});

test('test_list_workers', () => {
    const {ds, data, communities} = hierarchyFixture();
    for (const code of Object.keys(communities)) {
        const workers = ds.list_workers(code);
        const expected = data.workers.filter(w => w.community === code).map(w => w.id);
        assert(expected.length > 0, `${code} has no worker`);
        assertDeepEqual(identities(workers), expected, code);
        assert(workers.every(w => w instanceof Community.Worker), 'not a worker');
    }
});

test('test_list_workers_of_street', () => {
    const {ds, data} = hierarchyFixture();
    const staff = data.workers.filter(w => 'street' in w);
    assert(staff.length > 0, 'no street-level staff');
    for (const street of new Set(staff.map(w => w.street))) {
        const expected = staff.filter(w => w.street === street).map(w => w.id);
        assertDeepEqual(identities(ds.list_workers(street)), expected, street);
    }
});

test('test_list_facilities', () => {
    const {ds, data, communities, divisions} = hierarchyFixture();
    let total = 0;
    for (const code of [...Object.keys(communities), ...Object.keys(divisions)]) {
        const facilities = ds.list_facilities(code);
        const expected = data.facilities.filter(f => f.owner === code).map(f => f.id);
        assertDeepEqual(identities(facilities), expected, code);
        total += facilities.length;
    }
    assertEqual(total, data.facilities.length);
});

test('test_get_parent', () => {
    const {ds, data, divisions, communities} = hierarchyFixture();
    const gridJson = data.grids[0];
    const grid = ds.get_grid(gridJson.id);
    const parent = ds.get_parent(grid);
    assert(parent instanceof Community.Community, 'the parent of a grid is not a community');
    assertEqual(parent.get_identity(), gridJson.community);
    const street = ds.get_parent(parent);
    assert(street instanceof Community.Division, 'the parent of a community is not a division');
    assertEqual(street.get_identity(), communities[gridJson.community].street);
    const district = ds.get_parent(street);
    assertEqual(district.get_identity(), divisions[street.get_identity()].parent);
    const city = ds.get_parent(district);
    assertEqual(city.get_identity(), CITY);
    assertEqual(city.level, Community.DivisionLevel.CITY);
    assertNull(ds.get_parent(city));
    // Departments hang below nothing.
    assertNull(ds.get_parent(ds.get_items(Community.EntityKind.DEPARTMENT).get_item(0)));
});

test('test_get_parent_of_street_staff', () => {
    const {ds, data} = hierarchyFixture();
    for (const obj of data.workers)
        assertEqual(ds.get_parent(ds.get_worker(obj.id)).get_identity(), obj.community ?? obj.street, obj.id);
});

test('test_get_ancestor_from_every_grid', () => {
    const {ds, data, divisions, communities} = hierarchyFixture();
    for (const obj of data.grids) {
        const grid = ds.get_grid(obj.id);
        const streetCode = communities[obj.community].street;
        const districtCode = divisions[streetCode].parent;

        const street = ds.get_ancestor(grid, Community.DivisionLevel.STREET);
        assert(street instanceof Community.Division, `${obj.id}: no street`);
        assertEqual(street.get_identity(), streetCode, obj.id);
        assert(street.level === Community.DivisionLevel.STREET || street.level === Community.DivisionLevel.TOWN,
            `${obj.id}: level ${street.level}`);
        // Streets and towns are one tier.
        assertEqual(ds.get_ancestor(grid, Community.DivisionLevel.TOWN), street, obj.id);

        const district = ds.get_ancestor(grid, Community.DivisionLevel.DISTRICT);
        assertEqual(district.get_identity(), districtCode, obj.id);
        assertEqual(district.level, Community.DivisionLevel.DISTRICT, obj.id);

        assertEqual(ds.get_ancestor(grid, Community.DivisionLevel.CITY).get_identity(), CITY, obj.id);
    }
});

test('test_get_ancestor_of_division', () => {
    const {ds} = hierarchyFixture();
    const city = ds.get_division(CITY);
    assertEqual(ds.get_ancestor(city, Community.DivisionLevel.CITY), city);
    assertNull(ds.get_ancestor(city, Community.DivisionLevel.STREET));
    const district = ds.list_children(CITY)[0];
    assertNull(ds.get_ancestor(district, Community.DivisionLevel.STREET));
    assertEqual(ds.get_ancestor(district, Community.DivisionLevel.COUNTY), district);
});

test('test_resolve', () => {
    const {ds, data, divisions} = hierarchyFixture();
    const obj = data.grids[0];
    const grid = ds.get_grid(obj.id);
    const leader = ds.resolve(grid, 'leader');
    assert(leader instanceof Community.Worker, 'the leader is not a worker');
    assertEqual(leader.get_identity(), obj.leader);
    const facilityJson = data.facilities.find(f => f.owner in divisions);
    const owner = ds.resolve(ds.get_facility(facilityJson.id), 'owner');
    assert(owner instanceof Community.Division, 'the owner is not a division');
    assertEqual(owner.get_identity(), facilityJson.owner);
    grid.leader = 'W-nobody';
    assertNull(ds.resolve(grid, 'leader'));
});

// --- Properties -------------------------------------------------------------

test('test_community_properties', () => {
    const ds = loadSample();
    for (const obj of sampleJson().communities) {
        const c = ds.get_community(obj.code);
        assertEqual(c.code, obj.code);
        assertEqual(c.name, obj.name);
        assertEqual(c.households, obj.households, `${obj.code} households`);
        assertEqual(c.population, obj.population);
        assertEqual(c.kind, obj.kind === 'urban' ? Community.CommunityKind.URBAN : Community.CommunityKind.RURAL);
        assertEqual(c.service_model, enumValue(Community.ServiceModel, obj.service_model));
        assertEqual(c.has_legal_advisor, obj.has_legal_advisor);
        assertEqual(c.self_governance_compliant, obj.self_governance_compliant);
        // GJS also spells properties in camel case.
        assertEqual(c.selfGovernanceCompliant, obj.self_governance_compliant);
    }
});

test('test_committee', () => {
    const ds = loadSample();
    for (const obj of sampleJson().communities) {
        const committee = ds.get_community(obj.code).committee;
        assert(committee instanceof Community.Committee, 'not a committee');
        assertEqual(committee.members, obj.committee.members, obj.code);
        assertEqual(committee.local_resident_members, obj.committee.local_resident_members, obj.code);
        assertEqual(committee.non_registered_voters_protected, obj.committee.non_registered_voters_protected);
    }
});

test('test_elderly', () => {
    const ds = loadSample();
    const obj = sampleJson().communities[0];
    const elderly = ds.get_community(obj.code).elderly;
    assert(elderly instanceof Community.ElderlyCare, 'not an ElderlyCare');
    assertEqual(elderly.population, obj.elderly.population);
    assertEqual(elderly.home_care_covered, obj.elderly.home_care_covered);
});

test('test_worker_roles', () => {
    const ds = loadSample();
    const roles = ds.get_worker('W0001').roles;
    assert(roles & Community.WorkerRoles.PARTY_SECRETARY, 'W0001 is party secretary');
    assert(roles & Community.WorkerRoles.COMMITTEE_DIRECTOR, 'W0001 is committee director');
    assert(!(roles & Community.WorkerRoles.GRID_LEADER), 'W0001 is no grid leader');
    for (const obj of sampleJson().workers) {
        const r = ds.get_worker(obj.id).roles;
        for (const nick of WORKER_ROLE_NICKS)
            assertEqual(Boolean(r & enumValue(Community.WorkerRoles, nick)), obj.roles.includes(nick), `${obj.id} ${nick}`);
    }
});

test('test_worker_scalars', () => {
    const ds = loadSample();
    for (const obj of sampleJson().workers) {
        const w = ds.get_worker(obj.id);
        assertEqual(w.annual_pay_yuan, obj.annual_pay_yuan, obj.id);
        assertEqual(w.employment, enumValue(Community.Employment, obj.employment), obj.id);
        assertEqual(w.certificate, enumValue(Community.Certificate, obj.certificate), obj.id);
        assertEqual(w.community, obj.community ?? null, obj.id);
        assertEqual(w.street, obj.street ?? null, obj.id);
    }
});

test('test_social_organization_flags', () => {
    const ds = loadSample();
    for (const obj of sampleJson().social_organizations) {
        const org = ds.lookup(Community.EntityKind.SOCIAL_ORGANIZATION, obj.id);
        assertEqual(org.activities, flagsValue(Community.Activities, obj.activities), obj.id);
        assertEqual(org.serves, flagsValue(Community.ServedGroups, obj.serves), obj.id);
    }
});

test('test_strv', () => {
    const ds = loadSample();
    const data = sampleJson();
    for (const obj of data.grids) {
        const admins = ds.get_grid(obj.id).administrators;
        assert(Array.isArray(admins), 'administrators is not an array');
        assertDeepEqual(admins, obj.administrators, obj.id);
    }
    for (const obj of data.tasks)
        assertDeepEqual(ds.get_task(obj.number).departments, obj.departments);
    const items = data.work_items.filter(w => 'communities' in w);
    assert(items.length > 0, 'no work item names communities');
    for (const obj of items)
        assertDeepEqual(ds.lookup(Community.EntityKind.WORK_ITEM, obj.id).communities, obj.communities);
});

test('test_numbers', () => {
    const ds = loadSample();
    const data = sampleJson();
    for (const obj of data.facilities)
        assertClose(ds.get_facility(obj.id).floor_area_m2, obj.floor_area_m2, obj.id);
    // Funding records are read by position: some have no id (DOMAIN.md §2).
    const funding = modelItems(ds.get_items(Community.EntityKind.FUNDING));
    assertEqual(funding.length, data.funding.length, 'funding records');
    data.funding.forEach((obj, i) => {
        const record = funding[i];
        assertEqual(record.amount_yuan, obj.amount_yuan, `/funding/${i}`);
        assertEqual(record.year, obj.year, `/funding/${i}`);
        if (obj.id !== undefined)
            assertEqual(ds.lookup(Community.EntityKind.FUNDING, obj.id), record, obj.id);
        else
            assertNull(record.get_identity());
    });
    for (const obj of data.surveys)
        assertClose(ds.lookup(Community.EntityKind.SURVEY, obj.id).value, obj.value, obj.id);
});

test('test_review_dates', () => {
    const ds = loadSample();
    const obj = sampleJson().work_items.find(w => w.id === 'WI-06');
    const item = ds.lookup(Community.EntityKind.WORK_ITEM, 'WI-06');
    const review = item.legal_review;
    assert(review instanceof Community.Review, 'not a review');
    const date = review.date;
    assert(date instanceof GLib.Date, 'not a GLib.Date');
    assertEqual(dateString(date), obj.legal_review.date);
    assertEqual(date.get_month(), GLib.DateMonth.MAY);
    // false is a value, not "unknown".
    assertEqual(review.approved, false);
    assert(review.is_set('approved'), 'approved is not set');

    const approval = item.approval;
    assertEqual(approval.body, Community.ApprovalBody.PARTY_STANDING_COMMITTEE);
    assertEqual(approval.approved, true);
    assertEqual(approval.date.compare(GLib.Date.new_dmy(20, GLib.DateMonth.MAY, 2019)), 0);
});

test('test_set_date', () => {
    const review = Community.Review.new();
    assertNull(review.date);
    assert(!review.is_set('date'), 'date is set');
    review.date = GLib.Date.new_dmy(8, GLib.DateMonth.MAY, 2019);
    assert(review.is_set('date'), 'date is not set');
    assertEqual(review.date.get_julian(), GLib.Date.new_dmy(8, GLib.DateMonth.MAY, 2019).get_julian());
    review.date = null;
    assert(!review.is_set('date'), 'date is still set');
});

test('test_consultation_history', () => {
    const ds = loadSample();
    for (const obj of sampleJson().consultations) {
        const consultation = ds.lookup(Community.EntityKind.CONSULTATION, obj.id);
        const history = consultation.history;
        assert(history instanceof Gio.ListModel, 'history is not a Gio.ListModel');
        assertEqual(history.get_item_type(), Community.HistoryEntry.$gtype);
        assertEqual(history.get_n_items(), obj.history.length, obj.id);
        obj.history.forEach((entryJson, i) => {
            const entry = history.get_item(i);
            assert(entry instanceof Community.HistoryEntry, 'not a HistoryEntry');
            assertEqual(entry.state, enumValue(Community.ConsultationState, entryJson.state), `${obj.id}/${i}`);
            assert(entry.at instanceof GLib.DateTime, 'at is not a GLib.DateTime');
            const [unix, offset] = parseTimestamp(entryJson.at);
            assertEqual(entry.at.to_unix(), unix, `${obj.id}/${i}`);
            assertEqual(entry.at.get_utc_offset(), offset, `${obj.id}/${i}`);
        });
        assertEqual(consultation.state, enumValue(Community.ConsultationState, obj.state), obj.id);
    }
});

test('test_first_consultation', () => {
    const ds = loadSample();
    const consultation = ds.lookup(Community.EntityKind.CONSULTATION, 'K001');
    const first = consultation.history.get_item(0);
    assertEqual(first.state, Community.ConsultationState.PROPOSED);
    const at = first.at;
    assertDeepEqual([at.get_year(), at.get_month(), at.get_day_of_month(), at.get_hour(), at.get_minute()],
        [2019, 3, 2, 9, 30]);
    assertEqual(at.get_utc_offset(), 8 * 3600 * 1000000);
    assertEqual(consultation.state, Community.ConsultationState.FEEDBACK_GIVEN);
});

// --- Unset is not zero ------------------------------------------------------

test('test_new_grid_is_unset', () => {
    const grid = Community.Grid.new('G-x');
    assertEqual(grid.get_identity(), 'G-x');
    assertEqual(grid.id, 'G-x');
    assert(grid.is_set('id'), 'id is not set');
    for (const name of ['households', 'community', 'kind', 'base-unit', 'leader', 'administrators'])
        assertEqual(grid.is_set(name), false, name);
    assertEqual(grid.households, 0);
    assertNull(grid.leader);
});

test('test_zero_is_set', () => {
    const grid = Community.Grid.new('G-x');
    assertEqual(grid.is_set('households'), false);
    grid.households = 0;
    assertEqual(grid.is_set('households'), true);
    assertEqual(grid.households, 0);
});

test('test_unset', () => {
    const grid = Community.Grid.new('G-x');
    grid.households = 0;
    grid.unset('households');
    assertEqual(grid.is_set('households'), false);
    assertEqual(grid.households, 0);
    grid.households = 12;
    assertEqual(grid.households, 12);
    grid.unset('households');
    assertEqual(grid.is_set('households'), false);
    assertEqual(grid.households, 0);
});

test('test_string_none_is_unset', () => {
    const grid = Community.Grid.new('G-x');
    grid.leader = 'W0001';
    assert(grid.is_set('leader'), 'leader is not set');
    grid.leader = null;
    assert(!grid.is_set('leader'), 'leader is still set');
    assertNull(grid.leader);
    // The empty string is a value.
    grid.leader = '';
    assert(grid.is_set('leader'), 'the empty string is not set');
    assertEqual(grid.leader, '');
});

test('test_underscore_and_dash', () => {
    const grid = Community.Grid.new('G-x');
    grid.base_unit = Community.GridBaseUnit.INSTITUTION;
    assert(grid.is_set('base_unit'), 'base_unit');
    assert(grid.is_set('base-unit'), 'base-unit');
    grid.unset('base_unit');
    assert(!grid.is_set('base-unit'), 'base-unit still set');
    assertEqual(grid.base_unit, Community.GridBaseUnit.RESIDENTIAL);
});

test('test_false_and_empty_are_set', () => {
    const worker = Community.Worker.new('W-x');
    assert(!worker.is_set('five_strong'), 'five_strong is set');
    worker.five_strong = false;
    assert(worker.is_set('five_strong'), 'false is not set');
    const grid = Community.Grid.new('G-x');
    grid.administrators = [];
    assert(grid.is_set('administrators'), '[] is not set');
    assertDeepEqual(grid.administrators, []);
    grid.administrators = null;
    assert(!grid.is_set('administrators'), 'null did not unset');
});

test('test_unset_is_not_written', () => {
    const grid = Community.Grid.new('G-x');
    grid.community = '320213025001';
    grid.households = 0;
    grid.leader = 'W0001';
    grid.leader = null;
    const ds = Community.Dataset.new();
    ds.add(grid);
    const [text] = ds.save_to_data();
    assertDeepEqual(JSON.parse(text).grids, [{id: 'G-x', community: '320213025001', households: 0}]);
    const reloaded = Community.Dataset.new();
    reloaded.load_from_data(utf8(text));
    const again = reloaded.get_grid('G-x');
    assert(again.is_set('households'), 'households not set after reload');
    assertEqual(again.households, 0);
    assert(!again.is_set('leader'), 'leader set after reload');
    assert(!again.is_set('kind'), 'kind set after reload');
});

test('test_loaded_absent_member_is_unset', () => {
    const ds = loadSample();
    const obj = sampleJson().grids.find(g => !('leader' in g));
    const grid = ds.get_grid(obj.id);
    assert(!grid.is_set('leader'), 'leader is set');
    assertNull(grid.leader);
});

// --- notify -----------------------------------------------------------------

test('test_same_value_notifies_once', () => {
    const grid = Community.Grid.new('G-x');
    const calls = watch(grid, 'households');
    grid.households = 7;
    grid.households = 7;
    assertDeepEqual(calls, ['households']);
});

test('test_different_value_notifies_again', () => {
    const grid = Community.Grid.new('G-x');
    const calls = watch(grid, 'households');
    grid.households = 7;
    grid.households = 7;
    grid.households = 8;
    assertEqual(calls.length, 2);
});

test('test_setting_default_value_notifies', () => {
    // 0 is the default, but setting it changes the field from unset to set.
    const grid = Community.Grid.new('G-x');
    const calls = watch(grid, 'households');
    grid.households = 0;
    assertEqual(calls.length, 1);
    grid.households = 0;
    assertEqual(calls.length, 1);
});

test('test_unset_notifies', () => {
    const grid = Community.Grid.new('G-x');
    const calls = watch(grid, 'households');
    grid.unset('households');
    assertEqual(calls.length, 0);
    grid.households = 5;
    grid.unset('households');
    assertEqual(calls.length, 2);
    grid.unset('households');
    assertEqual(calls.length, 2);
});

test('test_string_notify', () => {
    const grid = Community.Grid.new('G-x');
    const calls = watch(grid, 'leader');
    grid.leader = null;
    assertEqual(calls.length, 0);
    grid.leader = 'W1';
    grid.leader = 'W1';
    assertEqual(calls.length, 1);
    grid.leader = null;
    assertEqual(calls.length, 2);
});

test('test_strv_notify', () => {
    const grid = Community.Grid.new('G-x');
    const calls = watch(grid, 'administrators');
    grid.administrators = ['W1', 'W2'];
    grid.administrators = ['W1', 'W2'];
    assertEqual(calls.length, 1);
    grid.administrators = ['W2', 'W1'];
    assertEqual(calls.length, 2);
});

test('test_loaded_value_notify', () => {
    const ds = loadSample();
    const obj = sampleJson().communities[0];
    const c = ds.get_community(obj.code);
    const calls = watch(c, 'households');
    c.households = obj.households;
    assertDeepEqual(calls, []);
    c.households = obj.households + 1;
    assertDeepEqual(calls, ['households']);
});

test('test_datetime_offset_is_kept', () => {
    const a = Community.HistoryEntry.new();
    const b = Community.HistoryEntry.new();
    a.at = GLib.DateTime.new_from_iso8601('2019-03-02T09:30:00+08:00', null);
    b.at = GLib.DateTime.new_from_iso8601('2019-03-02T01:30:00Z', null);
    assert(!a.equal(b), 'the writer keeps offsets, so the records differ');
    a.at = b.at;
    // The property reads back what was set, and the records are now equal.
    assertEqual(a.at.get_utc_offset(), 0, 'offset after setting a UTC time');
    assert(a.equal(b), 'records equal after copying the property');
});

// --- Saving -----------------------------------------------------------------

test('test_save_to_file', () => {
    const ds = loadSample();
    const data = sampleJson();
    const code = data.communities[3].code;
    const c = ds.get_community(code);
    c.households = 2400;
    c.unset('population');
    c.committee.members = 11;
    const worker = ds.get_worker('W0018');
    worker.roles |= Community.WorkerRoles.LEGAL_ADVISOR;
    worker.phone = null;

    const [saved, reloaded] = withTempDir(dir => {
        const path = GLib.build_filenamev([dir, 'saved.json']);
        assertEqual(ds.save_to_file(path), true);
        assertDeepEqual(listDir(dir), ['saved.json']);
        const r = Community.Dataset.new();
        assertEqual(r.load_from_file(path), true);
        return [readJson(path), r];
    });

    assertEqual(saved.communities[3].households, 2400);
    assert(!('population' in saved.communities[3]), 'population was written');
    assertEqual(saved.communities[3].committee.members, 11);

    const again = reloaded.get_community(code);
    assertEqual(again.households, 2400);
    assert(!again.is_set('population'), 'population is set');
    assertEqual(again.committee.members, 11);
    const w = reloaded.get_worker('W0018');
    assert(w.roles & Community.WorkerRoles.LEGAL_ADVISOR, 'legal_advisor lost');
    assert(!w.is_set('phone'), 'phone is set');

    assert(ds.equal(reloaded), 'saved and reloaded differ');
    assert(reloaded.equal(ds), 'reloaded and saved differ');
    assert(!reloaded.equal(loadSample()), 'the change is not seen');
    assert(c.equal(again), 'community differs');
});

test('test_save_to_data', () => {
    const ds = loadSample();
    const result = ds.save_to_data();
    assert(Array.isArray(result), 'save_to_data() does not return [text, length]');
    const [text, length] = result;
    assertEqual(typeof text, 'string');
    assertEqual(length, new TextEncoder().encode(text).length);
    const parsed = JSON.parse(text);
    assertEqual(parsed.format, 'libcommunity-dataset');
    assertEqual(parsed.version, 1);
    for (const [, member] of KINDS)
        assertEqual(parsed[member].length, sampleJson()[member].length, member);

    const reloaded = Community.Dataset.new();
    assertEqual(reloaded.load_from_data(utf8(text)), true);
    assert(ds.equal(reloaded), 'reloaded differs');
    assertEqual(reloaded.save_to_data()[0], text);
});

test('test_saved_document_is_the_sample', () => {
    const [text] = loadSample().save_to_data();
    assertDeepEqual(normalizeFlags(JSON.parse(text)), normalizeFlags(sampleJson()));
});

test('test_equal_detects_a_change', () => {
    const a = loadSample();
    const b = loadSample();
    assert(a.equal(b), 'two loads differ');
    const grid = b.get_grid(sampleJson().grids[0].id);
    grid.households += 1;
    assert(!a.equal(b), 'a change is not seen');
    grid.households -= 1;
    assert(a.equal(b), 'undoing the change is not seen');
    b.codes_year = 2019;
    assert(!a.equal(b), 'a header change is not seen');
});

test('test_load_from_bytes', () => {
    const [, contents] = GLib.file_get_contents(samplePath());
    const ds = Community.Dataset.new();
    assertEqual(ds.load_from_bytes(new GLib.Bytes(contents)), true);
    assert(ds.equal(loadSample()), 'differs from load_from_file()');
});

test('test_load_from_data_forms', () => {
    // The natural form is a Uint8Array; GJS also turns a string into UTF-8.
    const [text] = loadSample().save_to_data();
    const fromBytes = Community.Dataset.new();
    assertEqual(fromBytes.load_from_data(new TextEncoder().encode(text)), true);
    const fromString = Community.Dataset.new();
    assertEqual(fromString.load_from_data(text), true);
    assert(fromBytes.equal(fromString), 'the two forms differ');
    assertEqual(fromString.get_items(Community.EntityKind.WORKER).get_n_items(), sampleJson().workers.length);
});

test('test_unknown_members_are_kept', () => {
    const bytes = documentBytes({
        'x-root': {note: 'kept', list: [1, 2]},
        communities: [community({
            'x-entity': 'entity member',
            committee: {members: 7, 'x-nested': true},
        })],
        consultations: [{
            id: 'K1', community: '320213025001',
            history: [{state: 'proposed', at: '2019-03-02T09:30:00+08:00', 'x-history': 3}],
        }],
    });
    const ds = Community.Dataset.new();
    assertEqual(ds.load_from_data(bytes), true);

    assertEqual(ds.get_extra().get_object_member('x-root').get_string_member('note'), 'kept');
    const c = ds.get_community('320213025001');
    assertEqual(c.get_extra().get_string_member('x-entity'), 'entity member');
    assertEqual(c.committee.get_extra().get_boolean_member('x-nested'), true);
    assertNull(Community.Grid.new('G').get_extra());
    assertEqual(c.committee.members, 7);

    c.households = 100; // a change elsewhere keeps them too
    const out = JSON.parse(ds.save_to_data()[0]);
    assertDeepEqual(out['x-root'], {note: 'kept', list: [1, 2]});
    assertEqual(out.communities[0]['x-entity'], 'entity member');
    assertDeepEqual(out.communities[0].committee, {members: 7, 'x-nested': true});
    assertEqual(out.communities[0].households, 100);
    assertEqual(out.consultations[0].history[0]['x-history'], 3);

    const reloaded = withTempDir(dir => {
        const path = GLib.build_filenamev([dir, 'extra.json']);
        ds.save_to_file(path);
        const r = Community.Dataset.new();
        r.load_from_file(path);
        return r;
    });
    assert(reloaded.equal(ds), 'reloaded differs');
});

// --- Errors -----------------------------------------------------------------

test('test_range', () => {
    const error = assertParseError(documentBytes({communities: [community({households: -1})]}),
        Community.ParseError.RANGE, '/communities/0/households');
    assertEqual(error.code, Community.ParseError.RANGE);
});

test('test_range_second_entity', () => {
    assertParseError(documentBytes({communities: [community(), community({code: '320213025002', households: 2 ** 32})]}),
        Community.ParseError.RANGE, '/communities/1/households');
});

test('test_type', () => {
    assertParseError(documentBytes({communities: [community({households: '2460'})]}),
        Community.ParseError.TYPE, '/communities/0/households');
});

test('test_type_nested', () => {
    assertParseError(documentBytes({communities: [community({committee: {members: '7'}})]}),
        Community.ParseError.TYPE, '/communities/0/committee/members');
});

test('test_type_array', () => {
    assertParseError(documentBytes({grids: {id: 'G'}}), Community.ParseError.TYPE, '/grids');
});

test('test_enum', () => {
    assertParseError(documentBytes({communities: [community({kind: 'suburban'})]}),
        Community.ParseError.ENUM, '/communities/0/kind');
});

test('test_enum_in_flags', () => {
    const worker = {id: 'W1', community: '320213025001', roles: ['party_secretary', 'mayor']};
    assertParseError(documentBytes({workers: [worker]}), Community.ParseError.ENUM, '/workers/0/roles/1');
});

test('test_duplicate', () => {
    const grid = {id: 'G1', community: '320213025001'};
    assertParseError(documentBytes({grids: [grid, {id: 'G2', community: 'c'}, grid]}),
        Community.ParseError.DUPLICATE, '/grids/2/id');
});

test('test_format', () => {
    assertParseError(utf8('{"format": "geojson", "version": 1}'), Community.ParseError.FORMAT, '/format');
    assertParseError(utf8('[{"format": "libcommunity-dataset"}]'), Community.ParseError.FORMAT, '(root)');
});

test('test_syntax', () => {
    assertParseError(utf8('{"format": "libcommunity-dataset", "version": 1,'), Community.ParseError.SYNTAX, '(root)');
    assertParseError(new Uint8Array(0), Community.ParseError.SYNTAX, '(root)');
    const invalid = new Uint8Array([...utf8('{"format": "libcommunity-dataset", "version": 1, "x": "'), 0xff, ...utf8('"}')]);
    // Invalid UTF-8 in a string is named by the string's pointer.
    assertParseError(invalid, Community.ParseError.SYNTAX, '/x');
});

test('test_version', () => {
    assertParseError(utf8('{"format": "libcommunity-dataset", "version": 2}'), Community.ParseError.VERSION, '/version');
});

test('test_missing', () => {
    assertParseError(utf8('{"format": "libcommunity-dataset"}'), Community.ParseError.MISSING, '/version');
    assertParseError(documentBytes({grids: [{id: 'G1'}]}), Community.ParseError.MISSING, '/grids/0/community');
    assertParseError(documentBytes({grids: [{id: 'G1', community: null}]}), Community.ParseError.MISSING, '/grids/0/community');
});

test('test_not_integer', () => {
    const worker = {id: 'W1', community: '320213025001', annual_pay_yuan: 98640.5};
    assertParseError(documentBytes({workers: [worker]}), Community.ParseError.NOT_INTEGER, '/workers/0/annual_pay_yuan');
});

test('test_date', () => {
    assertParseError(documentBytes({as_of: '2019-02-30'}), Community.ParseError.DATE, '/as_of');
    const consultation = {
        id: 'K1', community: '320213025001',
        history: [{state: 'proposed', at: '2019-03-02T09:30:00+08:00'}, {state: 'deliberating', at: '2019-03-16 14:00'}],
    };
    assertParseError(documentBytes({consultations: [consultation]}), Community.ParseError.DATE, '/consultations/0/history/1/at');
});

test('test_file_error', () => {
    const ds = Community.Dataset.new();
    withTempDir(dir => {
        assertThrowsGLibError(() => ds.load_from_file(GLib.build_filenamev([dir, 'missing.json'])),
            'g-file-error-quark', GLib.FileError.NOENT);
    });
});

test('test_failed_load_keeps_content', () => {
    const ds = loadSample();
    const copy = loadSample();
    const data = sampleJson();

    const bad = sampleCopy();
    bad.as_of = '2020-06-30';
    bad.codes_year = 2024;
    bad.grids.push({id: 'G-extra', community: data.communities[0].code});
    const index = bad.commendations.length - 1;
    bad.commendations[index].year = -1; // the last member: everything before it was read

    const changes = [];
    for (const [kind] of KINDS)
        ds.get_items(kind).connect('items-changed', (...args) => changes.push(args.slice(1)));
    ds.connect('notify', (o, pspec) => changes.push(pspec.name));
    const grid = ds.get_grid(data.grids[0].id);

    assertThrowsGLibError(() => ds.load_from_data(utf8(JSON.stringify(bad))),
        PARSE_ERROR, Community.ParseError.RANGE, `/commendations/${index}/year: `);

    assertDeepEqual(changes, []);
    for (const [kind, member] of KINDS)
        assertEqual(ds.get_items(kind).get_n_items(), data[member].length, member);
    assertNull(ds.get_grid('G-extra'));
    assertEqual(ds.get_grid(data.grids[0].id), grid);
    assertEqual(grid.get_dataset(), ds);
    assertEqual(ds.codes_year, data.codes_year);
    assertEqual(ds.as_of.get_year(), 2019);
    assert(ds.equal(copy), 'the dataset changed');
});

test('test_failed_syntax_keeps_content', () => {
    const ds = loadSample();
    for (const bytes of [utf8('{'), new Uint8Array(0), documentBytes({communities: [community({kind: 'suburban'})]})]) {
        let threw = false;
        try {
            ds.load_from_data(bytes);
        } catch (e) {
            assert(e instanceof GLib.Error, `not a GLib.Error: ${e}`);
            threw = true;
        }
        assert(threw, 'bad input was accepted');
    }
    assert(ds.equal(loadSample()), 'the dataset changed');
    assertEqual(ds.get_items(Community.EntityKind.WORKER).get_n_items(), sampleJson().workers.length);
});

test('test_successful_reload_replaces_content', () => {
    const ds = loadSample();
    const old = ds.get_grid(sampleJson().grids[0].id);
    assertEqual(ds.load_from_data(documentBytes({grids: [{id: 'G1', community: 'c'}]})), true);
    assertEqual(ds.get_items(Community.EntityKind.GRID).get_n_items(), 1);
    assertEqual(ds.get_items(Community.EntityKind.WORKER).get_n_items(), 0);
    assertNull(ds.as_of);
    assertEqual(ds.codes_year, 0);
    assertNull(old.get_dataset());
});

// --- Adding and removing ----------------------------------------------------

function addRemoveFixture() {
    const ds = loadSample();
    const grids = ds.get_items(Community.EntityKind.GRID);
    const changes = [];
    grids.connect('items-changed', (model, position, removed, added) => changes.push([position, removed, added]));
    return {ds, grids, changes};
}

test('test_add', () => {
    const {ds, grids, changes} = addRemoveFixture();
    const n = grids.get_n_items();
    const grid = Community.Grid.new('G-new');
    assertNull(grid.get_dataset());
    assertEqual(ds.add(grid), true);
    assertEqual(ds.get_grid('G-new'), grid);
    assertEqual(ds.lookup(Community.EntityKind.GRID, 'G-new'), grid);
    assertEqual(grid.get_dataset(), ds);
    assertEqual(grids.get_n_items(), n + 1);
    assertEqual(grids.get_item(n), grid);
    assertDeepEqual(changes, [[n, 0, 1]]);
});

test('test_add_duplicate', () => {
    const {ds, grids, changes} = addRemoveFixture();
    ds.add(Community.Grid.new('G-new'));
    const n = grids.get_n_items();
    const other = Community.Grid.new('G-new');
    const error = assertThrowsGLibError(() => ds.add(other), DATASET_ERROR, Community.DatasetError.DUPLICATE);
    assert(error.matches(Community.dataset_error_quark(), Community.DatasetError.DUPLICATE), 'matches()');
    assert(ds.get_grid('G-new') !== other, 'the duplicate replaced the first');
    assertNull(other.get_dataset());
    assertEqual(grids.get_n_items(), n);
    assertEqual(changes.length, 1);
});

test('test_add_duplicate_of_loaded', () => {
    const {ds, changes} = addRemoveFixture();
    const identity = sampleJson().grids[0].id;
    assertThrowsGLibError(() => ds.add(Community.Grid.new(identity)), DATASET_ERROR, Community.DatasetError.DUPLICATE);
    // The same identity in another kind is no duplicate.
    assertEqual(ds.add(Community.Worker.new(identity)), true);
    assertDeepEqual(changes, []);
});

test('test_add_without_identity', () => {
    const {ds, changes} = addRemoveFixture();
    assertThrowsGLibError(() => ds.add(new Community.Grid()), DATASET_ERROR, Community.DatasetError.NO_IDENTITY);
    assertDeepEqual(changes, []);
});

test('test_add_to_second_dataset', () => {
    const {ds} = addRemoveFixture();
    const grid = Community.Grid.new('G-new');
    ds.add(grid);
    const other = Community.Dataset.new();
    assertThrowsGLibError(() => other.add(grid), DATASET_ERROR, Community.DatasetError.IN_OTHER_DATASET);
    assertNull(other.get_grid('G-new'));
});

test('test_remove', () => {
    const {ds, grids, changes} = addRemoveFixture();
    const grid = Community.Grid.new('G-new');
    ds.add(grid);
    const n = grids.get_n_items();
    assertEqual(ds.remove(grid), true);
    assertNull(ds.get_grid('G-new'));
    assertNull(ds.lookup(Community.EntityKind.GRID, 'G-new'));
    assertNull(grid.get_dataset());
    assertEqual(grids.get_n_items(), n - 1);
    assertDeepEqual(changes[changes.length - 1], [n - 1, 1, 0]);
    assertEqual(ds.remove(grid), false);
    // It can come back, and go elsewhere.
    assertEqual(ds.add(grid), true);
    assertEqual(ds.remove(grid), true);
    assertEqual(Community.Dataset.new().add(grid), true);
});

test('test_remove_loaded', () => {
    const {ds, changes} = addRemoveFixture();
    const obj = sampleJson().grids[5];
    assertEqual(ds.remove(ds.get_grid(obj.id)), true);
    assertDeepEqual(changes, [[5, 1, 0]]);
    assertNull(ds.get_grid(obj.id));
    assert(!identities(ds.list_grids(obj.community)).includes(obj.id), 'still listed');
    const saved = JSON.parse(ds.save_to_data()[0]);
    assert(!saved.grids.some(g => g.id === obj.id), 'still saved');
    assertEqual(saved.grids.length, sampleJson().grids.length - 1);
});

test('test_added_entity_is_saved', () => {
    const {ds} = addRemoveFixture();
    const grid = Community.Grid.new('G-new');
    grid.community = sampleJson().communities[0].code;
    grid.kind = Community.GridKind.DEDICATED;
    grid.households = 0;
    ds.add(grid);
    assert(identities(ds.list_grids(grid.community)).includes('G-new'), 'not listed');
    assertEqual(ds.get_parent(grid), ds.get_community(grid.community));
    assertEqual(ds.get_ancestor(grid, Community.DivisionLevel.CITY).get_identity(), CITY);
    const reloaded = Community.Dataset.new();
    reloaded.load_from_data(utf8(ds.save_to_data()[0]));
    const again = reloaded.get_grid('G-new');
    assertEqual(again.kind, Community.GridKind.DEDICATED);
    assert(again.is_set('households'), 'households not set');
    assert(reloaded.equal(ds), 'reloaded differs');
});

test('test_typed_accessors_and_what_save_refuses', () => {
    const ds = Community.Dataset.new();
    const grid = Community.Grid.new('G1');
    assertEqual(grid.get_households(), 0);
    assert(!grid.is_set('households'), 'households set');
    grid.set_households(420);
    grid.set_administrators(['W1', 'W2']);
    grid.set_grid_kind(Community.GridKind.DEDICATED);
    assertEqual(grid.get_households(), 420);
    assertDeepEqual(grid.get_administrators(), ['W1', 'W2']);
    assertEqual(grid.get_grid_kind(), Community.GridKind.DEDICATED);
    assertEqual(grid.get_kind(), Community.EntityKind.GRID);
    const community = Community.Community.new('320205102001');
    community.set_committee(Community.Committee.new());
    community.get_committee().set_members(7);
    assertEqual(community.committee.members, 7);

    // A grid without its community would not load again: refused.
    ds.add(grid);
    assertThrowsGLibError(() => ds.check_complete(), PARSE_ERROR, Community.ParseError.MISSING,
        '/grids/0/community');
    grid.set_community('320205102001');
    assert(ds.check_complete(), 'still incomplete');
});

// --- Plan -------------------------------------------------------------------

finish();
