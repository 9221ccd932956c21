#!/usr/bin/python3
# ledger-findings.py: a ledger's findings, each at its cell
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: ledger-findings.py LEDGER
#
# Loads a dataset kept as a spreadsheet (an .xlsx workbook, or CSV files in
# a folder or a .zip; a JSON file works too), checks it against the
# built-in ruleset wuxi-2018 and prints one line per finding, where a
# person fixes it first: the cell (社区!F12), then the rule and the
# finding's JSON Pointer, tab-separated:
#
#     网格!F19	grid.leader	/grids/17/leader
#
# A refused ledger is reported with its cell too, and the exit status is 2.
# examples/gjs/ledger-findings.js does the same in JavaScript.
#
#     GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
#         /usr/bin/python3 examples/python/ledger-findings.py ledger.xlsx

import sys

import gi

gi.require_version("Community", "1.0")
gi.require_version("Gio", "2.0")
from gi.repository import Community, Gio, GLib  # noqa: E402


def main(path):
    dataset = Community.Dataset()
    try:
        dataset.load_from_gfile(Gio.File.new_for_commandline_arg(path),
                                Community.DatasetFormat.AUTO, None)
    except GLib.Error as error:
        # e.g. 社区!F12 (households): /communities/10/households: expected ...
        print(f"{path}: {error.message}", file=sys.stderr)
        return 2

    validator = Community.Validator.new(Community.Ruleset.new_builtin("wuxi-2018"))
    report = validator.run(dataset)
    for finding in report.get_findings():
        cell = finding.get_cell() or "-"
        print(f"{cell}\t{finding.get_rule()}\t{finding.get_path()}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: ledger-findings.py LEDGER", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
