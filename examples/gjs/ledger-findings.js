// ledger-findings.js: a ledger's findings, each at its cell
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Usage: gjs -m ledger-findings.js LEDGER
//
// The JavaScript twin of examples/python/ledger-findings.py: loads a
// dataset kept as a spreadsheet (.xlsx, or CSV files in a folder or a
// .zip), checks it against the built-in ruleset and prints, per finding,
// its cell, rule and JSON Pointer, tab-separated.
//
//     GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
//         gjs -m examples/gjs/ledger-findings.js ledger.xlsx

import Community from 'gi://Community?version=1.0';
import Gio from 'gi://Gio';
import System from 'system';

function main(path) {
    const dataset = new Community.Dataset();
    try {
        dataset.load_from_gfile(Gio.File.new_for_commandline_arg(path),
            Community.DatasetFormat.AUTO, null);
    } catch (error) {
        // e.g. 社区!F12 (households): /communities/10/households: expected ...
        printerr(`${path}: ${error.message}`);
        return 2;
    }

    const validator = Community.Validator.new(Community.Ruleset.new_builtin('wuxi-2018'));
    const report = validator.run(dataset);
    const findings = report.get_findings();
    for (let i = 0; i < findings.get_n_items(); i++) {
        const finding = findings.get_item(i);
        print(`${finding.get_cell() ?? '-'}\t${finding.get_rule()}\t${finding.get_path()}`);
    }
    return 0;
}

if (ARGV.length !== 1) {
    printerr('usage: gjs -m ledger-findings.js LEDGER');
    System.exit(2);
}
System.exit(main(ARGV[0]));
