// test-async.js: validating in a worker thread (Validator.run_async and
// run_finish), and loading and saving in one (Dataset.load_from_file_async,
// load_from_stream_async, save_to_file_async), from GJS, with a GLib main
// loop
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Run as an ES module with the build's typelib, e.g.
//
//   GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
//   COMMUNITY_SAMPLE=examples/data/wuxi-sample.json \
//   gjs -m tests/gjs/test-async.js
//
// Prints TAP.

import Community from 'gi://Community?version=1.0';
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';

import {
    test,
    assert,
    assertEqual,
    assertNull,
    loadSample,
    samplePath,
    finish,
} from './common.js';

const TIMEOUT_S = 30;

// The sample's worker.pay-floor finding is about 梁溪区, whose full-time staff
// are paid less than its 2018 baseline on average; paying W0018, one of them,
// 250000 yuan instead of 92400 lifts the mean above it.
const LIANGXI = '320213000000';

// --- Fixtures ---------------------------------------------------------------

function newValidator() {
    return Community.Validator.new(Community.Ruleset.new_builtin('wuxi-2018'));
}

function reportText(report) {
    return report.to_data()[0];
}

function hasFinding(report, rule, subjectId) {
    return report.filter(Community.Severity.INFO, rule, subjectId, null).get_n_items() > 0;
}

/**
 * Starts each [validator, dataset, cancellable] of `runs` with run_async,
 * calls `change` right after, and runs a main loop until every one has
 * finished: returns [{report, error}] in the order of `runs`.
 */
function validateAsync(runs, change = null) {
    const loop = GLib.MainLoop.new(null, false);
    const outcomes = runs.map(() => null);
    let pending = runs.length;
    let timedOut = false;

    runs.forEach(([validator, dataset, cancellable], i) => {
        validator.run_async(dataset, cancellable, (source, result) => {
            try {
                outcomes[i] = {report: source.run_finish(result), error: null};
            } catch (e) {
                outcomes[i] = {report: null, error: e};
            }
            if (--pending === 0)
                loop.quit();
        });
    });
    if (change)
        change();
    assertEqual(pending, runs.length, 'callbacks that ran before the main loop');

    const timeout = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, TIMEOUT_S, () => {
        timedOut = true;
        loop.quit();
        return GLib.SOURCE_REMOVE;
    });
    loop.run();
    assert(!timedOut, 'the validations did not finish');
    GLib.source_remove(timeout);
    return outcomes;
}

function assertCancelled(outcome) {
    assertNull(outcome.report, 'report');
    assert(outcome.error instanceof GLib.Error, `expected a GLib.Error, got ${outcome.error}`);
    assert(outcome.error.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED),
        `expected G_IO_ERROR_CANCELLED, got ${outcome.error}`);
}

// --- Tests ------------------------------------------------------------------

test('run_async gives the report run gives', () => {
    const dataset = loadSample();
    const validator = newValidator();
    const expected = reportText(validator.run(dataset));
    const [outcome] = validateAsync([[validator, dataset, null]]);

    assertNull(outcome.error, 'error');
    assertEqual(reportText(outcome.report), expected);
    assertEqual(outcome.report.get_findings().get_n_items(), 9);
});

test('changing the dataset after run_async does not reach the report', () => {
    const dataset = loadSample();
    const validator = newValidator();
    const before = reportText(validator.run(dataset));
    const [outcome] = validateAsync([[validator, dataset, null]], () => {
        dataset.get_worker('W0018').annual_pay_yuan = 250000;
        dataset.get_grid('320205106001-G02').leader = 'W0064';
    });

    assert(hasFinding(outcome.report, 'worker.pay-floor', LIANGXI), 'pay-floor finding');
    assert(hasFinding(outcome.report, 'grid.leader', '320205106001-G02'), 'grid.leader finding');
    assertEqual(reportText(outcome.report), before);

    const later = validator.run(dataset);
    assert(!hasFinding(later, 'worker.pay-floor', LIANGXI), 'no pay-floor finding later');
    assert(!hasFinding(later, 'grid.leader', '320205106001-G02'), 'no grid.leader finding later');
});

test('a cancelled validation gives G_IO_ERROR_CANCELLED', () => {
    const dataset = loadSample();
    const validator = newValidator();
    const before = Gio.Cancellable.new();
    const after = Gio.Cancellable.new();

    before.cancel();
    const outcomes = validateAsync([[validator, dataset, before], [validator, dataset, after]],
        () => after.cancel());
    outcomes.forEach(assertCancelled);
});

test('several validations at once', () => {
    const dataset = loadSample();
    const validator = newValidator();
    const other = newValidator();
    const expected = reportText(validator.run(dataset));
    const copies = [0, 1, 2, 3].map(() => dataset.copy());
    const runs = [
        ...[0, 1, 2, 3].map(i => [i % 2 ? validator : other, dataset, null]),
        ...copies.map((copy, i) => [i % 2 ? validator : other, copy, null]),
    ];
    const outcomes = validateAsync(runs, () => {
        for (const copy of copies)
            copy.get_worker('W0018').annual_pay_yuan = 250000;
    });

    outcomes.forEach((outcome, i) => assertEqual(reportText(outcome.report), expected, `run ${i}`));
});

test('Dataset.copy is equal and independent', () => {
    const dataset = loadSample();
    const copy = dataset.copy();

    assert(copy.equal(dataset), 'equal');
    copy.get_worker('W0018').annual_pay_yuan = 1;
    assert(!copy.equal(dataset), 'no longer equal');
    assertEqual(dataset.get_worker('W0018').annual_pay_yuan, 92400);
    assert(copy.get_worker('W0018').get_dataset() === copy, 'the copy holds its entities');
});

/**
 * Calls start(callback) and runs a main loop until the callback: returns
 * {value, error} of finish(result).
 */
function untilDone(start, finishFn) {
    const loop = GLib.MainLoop.new(null, false);
    let outcome = null;
    const timeout = GLib.timeout_add_seconds(GLib.PRIORITY_DEFAULT, TIMEOUT_S, () => {
        loop.quit();
        return GLib.SOURCE_REMOVE;
    });

    start((source, result) => {
        try {
            outcome = {value: finishFn(result), error: null};
        } catch (e) {
            outcome = {value: null, error: e};
        }
        loop.quit();
    });
    if (outcome === null)
        loop.run();
    if (outcome !== null)
        GLib.source_remove(timeout);
    assert(outcome !== null, 'the operation did not finish');
    return outcome;
}

test('load_from_file_async and load_from_stream_async load what load_from_file loads', () => {
    const expected = loadSample();
    const fromFile = Community.Dataset.new();
    const fromStream = Community.Dataset.new();
    const stream = Gio.File.new_for_path(samplePath()).read(null);

    let outcome = untilDone(done => fromFile.load_from_file_async(samplePath(), null, done),
        result => fromFile.load_from_file_finish(result));
    assertNull(outcome.error);
    assert(fromFile.equal(expected), 'from a file');

    outcome = untilDone(done => fromStream.load_from_stream_async(stream, null, done),
        result => fromStream.load_from_stream_finish(result));
    assertNull(outcome.error);
    assert(fromStream.equal(expected), 'from a stream');
});

test('a cancelled load gives G_IO_ERROR_CANCELLED and changes nothing', () => {
    const dataset = loadSample();
    const before = dataset.copy();
    const cancellable = Gio.Cancellable.new();

    cancellable.cancel();
    const outcome = untilDone(done => dataset.load_from_file_async(samplePath(), cancellable, done),
        result => dataset.load_from_file_finish(result));
    assert(outcome.error !== null && outcome.error.matches(Gio.IOErrorEnum, Gio.IOErrorEnum.CANCELLED),
        `${outcome.error}`);
    assert(dataset.equal(before), 'unchanged');
});

test('save_to_file_async writes what save_to_data writes', () => {
    const dataset = loadSample();
    const dir = GLib.dir_make_tmp('community-gjs-XXXXXX');
    const path = GLib.build_filenamev([dir, 'saved.json']);

    const outcome = untilDone(done => dataset.save_to_file_async(path, null, null, done),
        result => dataset.save_to_file_finish(result));
    assertNull(outcome.error);
    const [, saved] = GLib.file_get_contents(path);
    const [expected] = dataset.save_to_data();
    assertEqual(new TextDecoder().decode(saved), typeof expected === 'string'
        ? expected : new TextDecoder().decode(expected));
    GLib.unlink(path);
    GLib.rmdir(dir);
});

// --- Plan -------------------------------------------------------------------

finish();
