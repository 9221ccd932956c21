// common.js: the TAP harness, assertions and sample fixtures the GJS tests
// share (the Python tests' counterpart is tests/python/taprunner.py)
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Each test file imports what it needs, calls test() for each case, and
// finish() at the end, which prints the plan and sets the exit status.

import Community from 'gi://Community?version=1.0';
import GLib from 'gi://GLib';
import GObject from 'gi://GObject';
import System from 'system';

// --- TAP --------------------------------------------------------------------

let testNumber = 0;
let failures = 0;

export function comment(text) {
    for (const line of String(text).replace(/\n+$/, '').split('\n'))
        print(`# ${line}`.trimEnd());
}

export function describeError(e) {
    if (e instanceof GLib.Error)
        return `GLib.Error ${GLib.quark_to_string(e.domain)} ${e.code}: ${e.message}\n${e.stack ?? ''}`;
    if (e instanceof Error)
        return `${e.name}: ${e.message}\n${e.stack ?? ''}`;
    return String(e);
}

/**
 * Runs one test. With `todo`, a failure is expected (a known library bug):
 * it prints `not ok N - name # TODO todo` and does not fail the run, and an
 * unexpected pass fails the run so that the marker gets removed.
 */
export function test(name, fn, {todo = null} = {}) {
    testNumber++;
    try {
        fn();
        if (todo) {
            print(`ok ${testNumber} - ${name} # TODO unexpected success: ${todo} (fixed? remove the todo)`);
            failures++;
        } else {
            print(`ok ${testNumber} - ${name}`);
        }
    } catch (e) {
        if (todo) {
            print(`not ok ${testNumber} - ${name} # TODO ${todo}`);
        } else {
            print(`not ok ${testNumber} - ${name}`);
            failures++;
        }
        comment(describeError(e));
    }
}

// --- Assertions -------------------------------------------------------------

export class AssertionError extends Error {
    constructor(message) {
        super(message);
        this.name = 'AssertionError';
    }
}

export function show(value) {
    if (value instanceof GObject.Object)
        return `${GObject.type_name(value.constructor.$gtype)}(${value instanceof Community.Entity ? value.get_identity() : ''})`;
    try {
        return JSON.stringify(value);
    } catch (e) {
        return String(value);
    }
}

export function assert(condition, message = 'assertion failed') {
    if (!condition)
        throw new AssertionError(message);
}

export function assertEqual(actual, expected, message = '') {
    if (actual !== expected)
        throw new AssertionError(`${message ? `${message}: ` : ''}expected ${show(expected)}, got ${show(actual)}`);
}

export function deepEqual(a, b) {
    if (a === b)
        return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null)
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    const ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length)
        return false;
    return ka.every(k => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
}

export function assertDeepEqual(actual, expected, message = '') {
    if (!deepEqual(actual, expected))
        throw new AssertionError(`${message ? `${message}: ` : ''}expected ${show(expected)}, got ${show(actual)}`);
}

export function assertClose(actual, expected, message = '') {
    assertEqual(typeof actual, 'number', message);
    if (Math.abs(actual - expected) > 1e-9)
        throw new AssertionError(`${message ? `${message}: ` : ''}expected ${expected}, got ${actual}`);
}

export function assertNull(actual, message = '') {
    if (actual !== null)
        throw new AssertionError(`${message ? `${message}: ` : ''}expected null, got ${show(actual)}`);
}

export function assertThrowsGLibError(fn, domain, code, prefix = null) {
    let error = null;
    try {
        fn();
    } catch (e) {
        error = e;
    }
    if (error === null)
        throw new AssertionError(`expected a ${domain} error ${code}, but nothing was thrown`);
    if (!(error instanceof GLib.Error))
        throw error;
    assertEqual(GLib.quark_to_string(error.domain), domain, `domain of “${error.message}”`);
    assertEqual(error.code, code, `code of “${error.message}”`);
    assert(error.matches(GLib.quark_from_string(domain), code), 'GLib.Error.matches()');
    if (prefix !== null)
        assert(error.message.startsWith(prefix), `“${error.message}” does not start with “${prefix}”`);
    return error;
}

// --- Fixtures ---------------------------------------------------------------

export function samplePath() {
    const path = GLib.getenv('COMMUNITY_SAMPLE');
    if (!path)
        throw new AssertionError('COMMUNITY_SAMPLE is not set: it must name wuxi-sample.json');
    return path;
}

export function readJson(path) {
    const [, contents] = GLib.file_get_contents(path);
    return JSON.parse(new TextDecoder().decode(contents));
}

let sampleCache = null;

/** The sample, as JSON.parse reads it (cached; do not modify). */
export function sampleJson() {
    if (sampleCache === null)
        sampleCache = readJson(samplePath());
    return sampleCache;
}

/** A deep copy of the sample's JSON that a test may modify. */
export function sampleCopy() {
    return JSON.parse(JSON.stringify(sampleJson()));
}

export function loadSample() {
    const ds = Community.Dataset.new();
    assertEqual(ds.load_from_file(samplePath()), true, 'load_from_file()');
    return ds;
}

export function utf8(text) {
    return new TextEncoder().encode(text);
}

/** Prints the TAP plan and exits with failure if any test failed. */
export function finish() {
    print(`1..${testNumber}`);
    if (failures > 0)
        System.exit(1);
}
