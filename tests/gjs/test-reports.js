// test-reports.js: the HTML and Excel reports, written from JavaScript
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Run as an ES module with the build's typelib (see test-privacy.js).
// Prints TAP. What the reports hold is tested in tests/cli/test_report.py.

import Community from 'gi://Community?version=1.0';
import Gio from 'gi://Gio';
import GLib from 'gi://GLib';

import {
    test,
    assert,
    assertThrowsGLibError,
    loadSample,
    finish,
} from './common.js';

function checked() {
    const dataset = loadSample();
    const report = Community.Validator.new(Community.Ruleset.new_builtin('wuxi-2018')).run(dataset);
    return [dataset, report];
}

test('write_html to a memory stream', () => {
    const [dataset, report] = checked();
    const stream = Gio.MemoryOutputStream.new_resizable();
    assert(report.write_html(dataset, stream, null), 'written');
    stream.close(null);
    const page = new TextDecoder().decode(stream.steal_as_bytes().toArray());
    assert(page.startsWith('<!DOCTYPE html>'), 'doctype');
    assert(page.includes('<svg class="chart"'), 'charts');
    assert(page.includes('"/grids/17/leader"'), 'the grid.leader finding');
});

test('write_html cancelled', () => {
    const [dataset, report] = checked();
    const cancellable = new Gio.Cancellable();
    cancellable.cancel();
    assertThrowsGLibError(() => report.write_html(dataset, Gio.MemoryOutputStream.new_resizable(), cancellable),
        'g-io-error-quark', Gio.IOErrorEnum.CANCELLED);
});

test('write_xlsx', () => {
    const [dataset, report] = checked();
    const dir = GLib.dir_make_tmp('test-reports-XXXXXX');
    const path = GLib.build_filenamev([dir, 'report.xlsx']);
    assert(report.write_xlsx(dataset, path), 'written');
    const [, data] = GLib.file_get_contents(path);
    assert(data.length > 4000 && data[0] === 0x50 && data[1] === 0x4b, 'a zip');
    GLib.unlink(path);
    GLib.rmdir(dir);
});

finish();
