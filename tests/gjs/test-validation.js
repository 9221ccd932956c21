// test-validation.js: validating the sample with the wuxi-2018 ruleset, from GJS
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Run as an ES module with the build's typelib, e.g.
//
//   GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
//   COMMUNITY_SAMPLE=examples/data/wuxi-sample.json \
//   gjs -m tests/gjs/test-validation.js
//
// Prints TAP. The sample has nine defects on purpose
// (examples/data/README.md); the findings they produce are listed below, as
// community-check reports them.

import Community from 'gi://Community?version=1.0';
import GLib from 'gi://GLib';
import Json from 'gi://Json';
import System from 'system';

import {
    comment,
    describeError,
    test,
    assert,
    assertEqual,
    assertDeepEqual,
    assertClose,
    assertNull,
    assertThrowsGLibError,
    sampleJson,
    sampleCopy,
    loadSample,
    utf8,
    finish,
} from './common.js';

const RULESET_ERROR = 'community-ruleset-error-quark';
const CITY = '320200000000';
const LIANGXI = '320213000000';   // 梁溪区
const XISHAN = '320205000000';    // 锡山区
const HONGSHAN = '320214055000';  // 鸿山街道

const {ERROR, WARNING, INFO} = Community.Severity;

// [rule, severity, subject kind, subject id, path, expected, actual], in the
// report's order (catalog order of the rules).
const EXPECTED_FINDINGS = [
    ['facility.area-per-households', ERROR, Community.EntityKind.COMMUNITY,
        '320213025005', '/communities/2', 1100, 860],
    ['street.party-guidance-station', WARNING, Community.EntityKind.DIVISION,
        '320214055000', '/divisions/7', 1, 0],
    ['worker.pay-floor', WARNING, Community.EntityKind.DIVISION,
        LIANGXI, '/divisions/1', 112480, 110353],
    ['grid.leader', ERROR, Community.EntityKind.GRID,
        '320205106001-G02', '/grids/17/leader', '320205106001', null],
    ['grid.coverage', ERROR, Community.EntityKind.COMMUNITY,
        '320213025009', '/communities/3/households', 2320, 2180],
    ['funding.community-floor', ERROR, Community.EntityKind.COMMUNITY,
        '320205106203', '/communities/9', {year: 2019, min: 300000}, 250000],
    ['work-item.admission', ERROR, Community.EntityKind.WORK_ITEM,
        'WI-06', '/work_items/5/legal_review/approved', true, false],
    ['work-item.department-assessment', ERROR, Community.EntityKind.WORK_ITEM,
        'WI-11', '/work_items/10/issued_by', 'grassroots_government', 'department'],
    ['commendation.annual', WARNING, Community.EntityKind.DIVISION,
        CITY, '/divisions/0', {year: 2019, kind: 'full_time_worker', count: 10}, 8],
];

// How a finding's message names its subject: by its code or id, except the
// city, which the commendation rule calls "the city".
const MESSAGE_NAMES = {[CITY]: 'the city'};

/** A ruleset document with the given members, as UTF-8 bytes. */
function rulesetBytes(members = {}) {
    return utf8(JSON.stringify({format: 'libcommunity-ruleset', version: 1, ...members}));
}

function wuxi2018() {
    return Community.Ruleset.new_builtin('wuxi-2018');
}

function validate(dataset, ruleset = null) {
    return Community.Validator.new(ruleset ?? wuxi2018()).run(dataset);
}

function modelItems(model) {
    const items = [];
    for (let i = 0; i < model.get_n_items(); i++)
        items.push(model.get_item(i));
    return items;
}

/** A JsonNode as JSON.parse would read it. */
function nodeValue(node) {
    if (node === null)
        return null;
    return JSON.parse(Json.to_string(node, false));
}

/** [rule, subject id, path] of each finding, as strings for comparing. */
function keys(findings) {
    return modelItems(findings).map(f => `${f.get_rule()} ${f.get_subject_id()} ${f.get_path()}`);
}

function expectedKeys(filter = () => true) {
    return EXPECTED_FINDINGS.filter(filter).map(([rule, , , subject, path]) => `${rule} ${subject} ${path}`);
}

function sorted(array) {
    return [...array].sort();
}

/**
 * The full-time community staff with a known pay in the communities of
 * `district`'s streets and towns (DOMAIN.md §2, §4 worker.pay-floor), read
 * from the document `data` itself.
 */
function fullTimeStaffOfDistrict(data, district) {
    const streets = new Set(data.divisions.filter(d => d.parent === district).map(d => d.code));
    const communities = new Set(data.communities.filter(c => streets.has(c.street)).map(c => c.code));
    return data.workers.filter(w => communities.has(w.community) &&
        w.employment === 'full_time' && w.annual_pay_yuan !== undefined &&
        w.roles.some(r => r !== 'legal_advisor' && r !== 'first_secretary'));
}

function baseline(data, division, year) {
    return data.wage_baselines.find(b => b.division === division && b.year === year)
        .average_annual_wage_yuan;
}

function sum(numbers) {
    return numbers.reduce((a, b) => a + b, 0);
}

function personalValues(workers) {
    const values = [];
    for (const worker of workers) {
        for (const key of ['id_number', 'phone']) {
            if (worker[key] !== undefined)
                values.push(worker[key]);
        }
    }
    return values;
}

// The report every test reads; a test that modifies data makes its own.
let ruleset, dataset, report;
try {
    ruleset = wuxi2018();
    dataset = loadSample();
    report = Community.Validator.new(ruleset).run(dataset);
} catch (e) {
    print(`Bail out! cannot validate the sample: ${String(e.message ?? e).replace(/#/g, '')}`);
    comment(describeError(e));
    System.exit(1);
}

/** The one finding of `rule` in `inReport`. */
function findingOf(rule, inReport = report) {
    const matches = modelItems(inReport.filter(INFO, rule, null, null));
    assertEqual(matches.length, 1, `findings of ${rule}`);
    return matches[0];
}

// --- Findings ---------------------------------------------------------------

test('the report names its ruleset', () => {
    assert(report instanceof Community.Report, 'not a Community.Report');
    assertEqual(report.get_ruleset(), 'wuxi-2018');
    assertEqual(ruleset.get_name(), 'wuxi-2018');
    assert(Community.Ruleset.list_builtin().includes('wuxi-2018'), 'wuxi-2018 is not built in');
});

test('the sample has exactly the nine findings', () => {
    const findings = report.get_findings();
    assertEqual(findings.get_item_type(), Community.Finding.$gtype, 'item type');
    assertDeepEqual(sorted(keys(findings)), sorted(expectedKeys()));
    assertEqual(findings.get_n_items(), 9);
});

test('findings are in catalog order', () => {
    assertDeepEqual(keys(report.get_findings()), expectedKeys());
    const rules = ruleset.list_rules();
    const positions = modelItems(report.get_findings()).map(f => rules.indexOf(f.get_rule()));
    assertDeepEqual(positions, [...positions].sort((a, b) => a - b));
});

test('every finding in detail', () => {
    const byRule = Object.fromEntries(modelItems(report.get_findings()).map(f => [f.get_rule(), f]));
    for (const [rule, severity, kind, subject, path, expected, actual] of EXPECTED_FINDINGS) {
        const finding = byRule[rule];
        assert(finding instanceof Community.Finding, `no finding of ${rule}`);
        assertEqual(finding.get_severity(), severity, `${rule} severity`);
        assertEqual(finding.get_severity(), ruleset.get_rule_severity(rule), `${rule} severity in the ruleset`);
        assertEqual(finding.get_subject_kind(), kind, `${rule} subject kind`);
        assertEqual(finding.get_subject_id(), subject, `${rule} subject`);
        assertEqual(finding.get_path(), path, `${rule} path`);
        assertEqual(finding.get_clause(), ruleset.get_rule_clause(rule), `${rule} clause`);
        const name = MESSAGE_NAMES[subject] ?? subject;
        assert(finding.get_message().includes(name), `${rule}: “${finding.get_message()}” does not name ${name}`);
        assertDeepEqual(nodeValue(finding.get_expected()), expected, `${rule} expected`);
        assertDeepEqual(nodeValue(finding.get_actual()), actual, `${rule} actual`);
    }
});

test('grid.coverage: 2320 households expected, 2180 covered', () => {
    const finding = findingOf('grid.coverage');
    assertEqual(finding.get_severity(), ERROR);
    assertEqual(finding.get_clause(), '一(三), 三(四)');
    const expected = finding.get_expected(), actual = finding.get_actual();
    assertEqual(expected.get_node_type(), Json.NodeType.VALUE, 'expected node type');
    assertEqual(actual.get_node_type(), Json.NodeType.VALUE, 'actual node type');
    assertEqual(expected.get_int(), 2320, 'expected');
    assertEqual(actual.get_int(), 2180, 'actual');
    assertEqual(finding.get_shortfall(), 140, 'shortfall');
    const community = sampleJson().communities[3];
    assertEqual(community.code, '320213025009');
    assertEqual(community.households, 2320);
});

test('worker.pay-floor: 梁溪区 112480 yuan expected, 110353 paid on average', () => {
    // 年人均报酬: the mean pay of 梁溪区's full-time staff against 梁溪区's
    // own 2018 baseline (the year before as_of), not the city's.
    const finding = findingOf('worker.pay-floor');
    assertEqual(finding.get_severity(), WARNING);
    assertEqual(finding.get_subject_kind(), Community.EntityKind.DIVISION);
    assertEqual(finding.get_subject_id(), LIANGXI);
    assertEqual(finding.get_expected().get_int(), 112480, 'expected');
    assertEqual(finding.get_actual().get_int(), 110353, 'actual');
    assertEqual(finding.get_shortfall(), 112480 - 110353, 'shortfall');

    const data = sampleJson();
    assertEqual(data.as_of.slice(0, 4), '2019');
    assertEqual(baseline(data, LIANGXI, 2018), 112480);
    assert(baseline(data, CITY, 2018) < 110353, 'the city baseline is not the one used');
    const staff = fullTimeStaffOfDistrict(data, LIANGXI);
    assertEqual(staff.length, 52, 'staff');
    assert(finding.get_message().includes('52'), `“${finding.get_message()}” does not count the staff`);
    assertEqual(Math.round(sum(staff.map(w => w.annual_pay_yuan)) / staff.length), 110353, 'mean');
    // No worker is the subject: the rule judges an average.
    assertEqual(report.filter(INFO, 'worker.pay-floor', 'W0018', null).get_n_items(), 0, 'W0018');
});

test('paths point to the subject in the sample', () => {
    const data = sampleJson();
    for (const finding of modelItems(report.get_findings())) {
        const path = finding.get_path();
        assert(/^(\/[^/]+)+$/.test(path), `${path} is no JSON Pointer`);
        const [, member, index] = path.split('/');
        assertEqual(member, Community.entity_kind_get_member_name(finding.get_subject_kind()), path);
        const obj = data[member][Number(index)];
        assertEqual(String(obj.code ?? obj.id ?? obj.number), finding.get_subject_id(), path);
        assert(dataset.lookup(finding.get_subject_kind(), finding.get_subject_id()) !== null,
            `${finding.get_subject_id()} not in the dataset`);
    }
});

test('a finding to JSON', () => {
    const obj = nodeValue(findingOf('grid.coverage').to_json());
    assertEqual(obj.rule, 'grid.coverage');
    assertEqual(obj.severity, 'error');
    assertDeepEqual(obj.subject, {type: 'community', id: '320213025009'});
    assertEqual(obj.path, '/communities/3/households');
    assertDeepEqual([obj.expected, obj.actual], [2320, 2180]);
});

// --- Counts and filters -----------------------------------------------------

test('counts by severity', () => {
    assertEqual(report.count(ERROR), 6, 'errors');
    assertEqual(report.count(WARNING), 3, 'warnings');
    assertEqual(report.count(INFO), 0, 'infos');
    assertEqual(report.count_at_least(ERROR), 6, 'at least errors');
    assertEqual(report.count_at_least(WARNING), 9, 'at least warnings');
    assertEqual(report.count_at_least(INFO), 9, 'at least infos');
    const bySeverity = {};
    for (const f of modelItems(report.get_findings()))
        bySeverity[f.get_severity()] = (bySeverity[f.get_severity()] ?? 0) + 1;
    assertDeepEqual(bySeverity, {[ERROR]: 6, [WARNING]: 3});
});

test('filter with no criteria', () => {
    const everything = report.filter(INFO, null, null, null);
    assertDeepEqual(keys(everything), keys(report.get_findings()));
    assert(everything !== report.get_findings(), 'filter() returned the report’s own list');
});

test('filter by severity', () => {
    const errors = report.filter(ERROR, null, null, null);
    assertDeepEqual(keys(errors), expectedKeys(([, severity]) => severity === ERROR));
    assertEqual(errors.get_n_items(), report.count(ERROR));
    assertEqual(report.filter(WARNING, null, null, null).get_n_items(), 9);
});

test('filter by rule', () => {
    assertDeepEqual(keys(report.filter(INFO, 'grid.coverage', null, null)),
        ['grid.coverage 320213025009 /communities/3/households']);
    // The criteria combine.
    assertEqual(report.filter(ERROR, 'worker.pay-floor', null, null).get_n_items(), 0, 'pay-floor errors');
    assertEqual(report.filter(WARNING, 'worker.pay-floor', null, null).get_n_items(), 1, 'pay-floor warnings');
    assertEqual(report.filter(INFO, 'grid.coverage', LIANGXI, null).get_n_items(), 0, 'coverage of 梁溪区');
    assertEqual(report.filter(INFO, 'worker.pay-floor', LIANGXI, null).get_n_items(), 1, 'pay-floor of 梁溪区');
    assertEqual(report.filter(INFO, 'grid.leader', null, null).get_n_items(), 1, 'grid.leader');
    assertEqual(report.filter(INFO, 'worker.phone', null, null).get_n_items(), 0, 'worker.phone');
    assertEqual(report.filter(INFO, 'no.such-rule', null, null).get_n_items(), 0, 'unknown rule');
});

test('filter by subject', () => {
    assertDeepEqual(keys(report.filter(INFO, null, LIANGXI, null)),
        [`worker.pay-floor ${LIANGXI} /divisions/1`]);
    assertDeepEqual(keys(report.filter(INFO, null, 'WI-11', null)),
        ['work-item.department-assessment WI-11 /work_items/10/issued_by']);
    assertEqual(report.filter(INFO, null, 'W0001', null).get_n_items(), 0);
    assertEqual(report.filter(INFO, null, 'W0018', null).get_n_items(), 0);
});

test('filter by district', () => {
    const liangxi = keys(report.filter(INFO, null, null, LIANGXI));
    assert(liangxi.includes('grid.coverage 320213025009 /communities/3/households'), `${liangxi}`);
    assert(liangxi.includes('facility.area-per-households 320213025005 /communities/2'), `${liangxi}`);
    assert(!liangxi.some(k => k.includes('320205106001-G02')), `${liangxi} has the grid of 锡山区`);
    assert(!liangxi.some(k => k.startsWith('grid.leader ')), `${liangxi} has grid.leader`);
    assertDeepEqual(sorted(liangxi.map(k => k.split(' ')[0])),
        sorted(['facility.area-per-households', 'worker.pay-floor', 'grid.coverage', 'work-item.admission']));
    // The grid without a leader is in 锡山区.
    const xishan = keys(report.filter(INFO, null, null, XISHAN));
    assert(xishan.includes('grid.leader 320205106001-G02 /grids/17/leader'), `${xishan}`);
    assert(xishan.includes('funding.community-floor 320205106203 /communities/9'), `${xishan}`);
    assert(!xishan.some(k => k.startsWith('grid.coverage ')), `${xishan} has grid.coverage`);
    // With a severity too.
    assertDeepEqual(sorted(modelItems(report.filter(ERROR, null, null, LIANGXI)).map(f => f.get_rule())),
        sorted(['facility.area-per-households', 'grid.coverage', 'work-item.admission']));
});

test('filter by the division itself and by the city', () => {
    assertDeepEqual(keys(report.filter(INFO, null, null, HONGSHAN)),
        [`street.party-guidance-station ${HONGSHAN} /divisions/7`]);
    // Everything is below the city, WI-11 too: a work item of every
    // community (it lists none) is the city's.
    assertDeepEqual(keys(report.filter(INFO, null, null, CITY)), keys(report.get_findings()));
    assertEqual(report.filter(INFO, null, null, CITY).get_n_items(), 9);
    assertEqual(report.filter(INFO, null, null, 'no-such-division').get_n_items(), 0);
});

// --- Rule results -----------------------------------------------------------

test('rule result of grid.leader', () => {
    const result = report.get_rule_result('grid.leader');
    assert(result instanceof Community.RuleResult, 'not a Community.RuleResult');
    assertEqual(result.get_id(), 'grid.leader');
    assertEqual(result.get_failed(), 1, 'failed');
    assertEqual(result.get_applied(), result.get_passed() + result.get_failed(), 'applied');
    assertEqual(result.get_applied(), sampleJson().grids.length, 'applied to every grid');
    assertEqual(result.get_severity(), ERROR);
    assertEqual(result.get_clause(), '三(四)');
});

test('every rule result', () => {
    const results = modelItems(report.get_rule_results());
    const enabled = ruleset.list_rules().filter(r => ruleset.get_rule_enabled(r));
    assertDeepEqual(results.map(r => r.get_id()), enabled);
    const failing = new Set(EXPECTED_FINDINGS.map(([rule]) => rule));
    for (const result of results) {
        const id = result.get_id();
        assertEqual(result.get_applied(), result.get_passed() + result.get_failed(), `${id} applied`);
        assertEqual(result.get_failed(), failing.has(id) ? 1 : 0, `${id} failed`);
        assertEqual(result.get_failed(), report.filter(INFO, id, null, null).get_n_items(), `${id} findings`);
        assertEqual(report.get_rule_result(id), result, `get_rule_result(${id})`);
    }
});

test('no rule result for an unknown or disabled rule', () => {
    assertNull(report.get_rule_result('no.such-rule'));
    // Disabled: the policy sets no number for them (DOMAIN.md §4).
    for (const rule of ['facility.office-area', 'consultation.feedback-overdue', 'work-item.ledger-rating-cap']) {
        assert(ruleset.has_rule(rule), `${rule} is unknown`);
        assertEqual(ruleset.get_rule_enabled(rule), false, `${rule} enabled`);
        assertNull(report.get_rule_result(rule));
    }
    assertEqual(ruleset.list_rules().length, 37, 'rules');
    assertEqual(report.get_rule_results().get_n_items(), 34, 'rule results');
});

// --- Indicators -------------------------------------------------------------

test('self-governance.compliance at city level: 14/15, not met', () => {
    const indicator = report.get_indicator('self-governance.compliance', CITY);
    assert(indicator instanceof Community.IndicatorResult, 'not a Community.IndicatorResult');
    assertEqual(indicator.get_id(), 'self-governance.compliance');
    assertEqual(indicator.get_division(), CITY);
    assertEqual(indicator.get_numerator(), 14, 'numerator');
    assertEqual(indicator.get_denominator(), 15, 'denominator');
    assertEqual(indicator.is_applicable(), true, 'applicable');
    assertClose(indicator.get_value(), 14 / 15, 'value');
    assertEqual(indicator.get_target(), 0.98, 'target');
    assertEqual(indicator.get_target(), ruleset.get_indicator_target('self-governance.compliance'));
    assertEqual(indicator.get_met(), false, 'met');
});

test('indicator lookup', () => {
    const found = modelItems(report.get_indicators())
        .filter(i => i.get_id() === 'self-governance.compliance' && i.get_division() === CITY);
    assertEqual(found.length, 1);
    assertEqual(report.get_indicator('self-governance.compliance', CITY), found[0]);
    assertNull(report.get_indicator('self-governance.compliance', 'no-such'));
    assertNull(report.get_indicator('no.such-indicator', CITY));
});

// --- The report as JSON -----------------------------------------------------

test('to_data() parses as a libcommunity-report', () => {
    const [text, length] = report.to_data();
    assertEqual(length, utf8(text).length, 'length');
    const doc = JSON.parse(text);
    assertEqual(doc.format, 'libcommunity-report');
    assertEqual(doc.version, 1);
    assertEqual(doc.ruleset, 'wuxi-2018');
    assertDeepEqual(doc.summary, {errors: 6, warnings: 3, infos: 0});
    assertDeepEqual(doc.findings.map(f => `${f.rule} ${f.subject.id} ${f.path}`), keys(report.get_findings()));
    assertDeepEqual(doc.findings.map(f => [f.expected, f.actual]),
        EXPECTED_FINDINGS.map(([, , , , , expected, actual]) => [expected, actual]));
    assertEqual(doc.rules.length, report.get_rule_results().get_n_items(), 'rules');
    const city = doc.indicators.filter(i => i.id === 'self-governance.compliance' && i.division === CITY);
    assertEqual(city.length, 1);
    assertDeepEqual([city[0].numerator, city[0].denominator, city[0].met], [14, 15, false]);
});

test('to_data() is the same across runs', () => {
    const [first] = report.to_data();
    assertEqual(report.to_data()[0], first, 'same report');
    assertEqual(Community.Validator.new(ruleset).run(dataset).to_data()[0], first, 'second run');
    assertEqual(validate(loadSample()).to_data()[0], first, 'fresh dataset and ruleset');
});

test('to_json() matches to_data()', () => {
    assertDeepEqual(nodeValue(report.to_json()), JSON.parse(report.to_data()[0]));
});

// --- Rulesets from data -----------------------------------------------------

test('a ruleset that extends wuxi-2018 and disables grid.leader', () => {
    const custom = Community.Ruleset.new_from_data(rulesetBytes({
        name: 'no-grid-leader',
        extends: 'wuxi-2018',
        rules: {'grid.leader': {enabled: false}},
    }));
    assertEqual(custom.get_name(), 'no-grid-leader');
    assert(custom.has_rule('grid.leader'), 'grid.leader is unknown');
    assertEqual(custom.get_rule_enabled('grid.leader'), false, 'grid.leader enabled');
    assertEqual(custom.get_rule_enabled('grid.coverage'), true, 'grid.coverage enabled');

    const customReport = validate(dataset, custom);
    assertEqual(customReport.get_ruleset(), 'no-grid-leader');
    assert(!modelItems(customReport.get_findings()).some(f => f.get_rule() === 'grid.leader'), 'a grid.leader finding');
    assertEqual(customReport.filter(INFO, 'grid.leader', null, null).get_n_items(), 0);
    assertNull(customReport.get_rule_result('grid.leader'));
    assertDeepEqual(keys(customReport.get_findings()), expectedKeys(([rule]) => rule !== 'grid.leader'));
    assertEqual(customReport.count(ERROR), 5, 'errors');
    assertEqual(customReport.count(WARNING), 3, 'warnings');
    // The built-in ruleset is untouched.
    assertEqual(wuxi2018().get_rule_enabled('grid.leader'), true);
    assertEqual(validate(dataset).count(ERROR), 6);
});

test('an unknown rule is an error at its JSON Pointer', () => {
    const error = assertThrowsGLibError(
        () => Community.Ruleset.new_from_data(rulesetBytes({
            extends: 'wuxi-2018',
            rules: {'grid.leeder': {enabled: false}},
        })),
        RULESET_ERROR, Community.RulesetError.UNKNOWN_RULE, '/rules/grid.leeder: ');
    assert(error.matches(Community.ruleset_error_quark(), Community.RulesetError.UNKNOWN_RULE), 'matches()');
    assert(/^(\/[^/: ]+)+: /.test(error.message), `“${error.message}” does not start with a JSON Pointer`);
});

// --- Fixing the data --------------------------------------------------------

/**
 * Adds `total` yuan a year to the pay of one of 梁溪区's full-time staff (the
 * first), through the dataset's own records.
 */
function raiseLiangxiPay(mine, total) {
    const first = fullTimeStaffOfDistrict(sampleJson(), LIANGXI)[0];
    const worker = mine.get_worker(first.id);
    assert(worker instanceof Community.Worker, 'not a Community.Worker');
    assertEqual(mine.lookup(Community.EntityKind.WORKER, first.id), worker);
    assertEqual(worker.annual_pay_yuan, first.annual_pay_yuan);
    worker.annual_pay_yuan += total;
    assertEqual(mine.get_worker(first.id).annual_pay_yuan, first.annual_pay_yuan + total);
}

/** How many yuan 梁溪区's staff are paid, all together, below a mean of its baseline. */
function liangxiDeficit() {
    const staff = fullTimeStaffOfDistrict(sampleJson(), LIANGXI);
    return baseline(sampleJson(), LIANGXI, 2018) * staff.length - sum(staff.map(w => w.annual_pay_yuan));
}

test('fixing the pay removes the finding', () => {
    const mine = loadSample();
    const before = validate(mine);
    assertEqual(before.filter(INFO, 'worker.pay-floor', LIANGXI, null).get_n_items(), 1, 'before');
    const passed = before.get_rule_result('worker.pay-floor').get_passed();

    // A mean of exactly the baseline is enough (不低于).
    raiseLiangxiPay(mine, liangxiDeficit());

    const after = validate(mine);
    assertEqual(after.filter(INFO, 'worker.pay-floor', null, null).get_n_items(), 0, 'pay-floor findings');
    assertEqual(after.filter(INFO, null, LIANGXI, null).get_n_items(), 0, '梁溪区 findings');
    assertDeepEqual(keys(after.get_findings()),
        keys(before.get_findings()).filter(k => !k.startsWith('worker.pay-floor ')));
    assertEqual(after.get_rule_result('worker.pay-floor').get_failed(), 0, 'failed');
    assertEqual(after.get_rule_result('worker.pay-floor').get_passed(), passed + 1, 'passed');
    assertDeepEqual([after.count(ERROR), after.count(WARNING)], [6, 2]);
    // A report does not change with the data.
    assertEqual(before.get_findings().get_n_items(), 9);
    assertEqual(before.count(WARNING), 3);
});

test('one yuan short still fails', () => {
    // One yuan a year less for each of the 52: a mean of 112479.
    const mine = loadSample();
    raiseLiangxiPay(mine, liangxiDeficit() - fullTimeStaffOfDistrict(sampleJson(), LIANGXI).length);
    const finding = findingOf('worker.pay-floor', validate(mine));
    assertEqual(finding.get_subject_id(), LIANGXI);
    assertEqual(nodeValue(finding.get_expected()), 112480);
    assertEqual(nodeValue(finding.get_actual()), 112479);
    assertEqual(finding.get_shortfall(), 1);
});

// --- Personal data ----------------------------------------------------------

function assertNoPersonalData(inReport, workers) {
    const personal = personalValues(workers);
    assert(personal.length > 100, `only ${personal.length} values to check`);
    const findings = modelItems(inReport.get_findings());
    assert(findings.length > 0, 'no findings');
    for (const finding of findings) {
        const message = finding.get_message();
        const nodes = [finding.get_expected(), finding.get_actual()]
            .map(n => n === null ? '' : Json.to_string(n, false)).join(' ');
        for (const value of personal) {
            assert(!message.includes(value), `“${message}” has ${value}`);
            assert(!nodes.includes(value), `expected/actual of ${finding.get_rule()} have ${value}`);
        }
    }
    const [text] = inReport.to_data();
    for (const value of personal)
        assert(!text.includes(value), `the report has ${value}`);
}

test('no message of the sample has an ID number or phone', () => {
    assertNoPersonalData(report, sampleJson().workers);
    // The pay-floor finding speaks of 梁溪区's staff without naming them.
    const message = findingOf('worker.pay-floor').get_message();
    for (const worker of fullTimeStaffOfDistrict(sampleJson(), LIANGXI)) {
        assert(!message.includes(worker.name), 'the message names a worker');
        assert(!message.includes(worker.id), `the message names ${worker.id}`);
    }
});

test('findings about personal data do not quote it', () => {
    // Break the personal data so that the rules about it find something.
    const doc = sampleCopy();
    const workers = doc.workers;
    workers[1].id_number = workers[2].id_number;
    workers[3].phone = workers[3].phone.slice(0, -1);
    const idNumber = workers[4].id_number;
    workers[4].id_number = idNumber.slice(0, -1) + (idNumber.endsWith('0') ? '1' : '0');
    const ds = Community.Dataset.new();
    ds.load_from_data(utf8(JSON.stringify(doc)));
    const broken = validate(ds);
    const rules = new Set(modelItems(broken.get_findings()).map(f => f.get_rule()));
    for (const rule of ['worker.duplicate-person', 'worker.phone', 'worker.id-number'])
        assert(rules.has(rule), `no ${rule} finding`);
    assertNoPersonalData(broken, [...workers, ...sampleJson().workers]);
});

// --- Plan -------------------------------------------------------------------

finish();
