#!/usr/bin/python3
# test_ledger_findings.py: runs examples/python/ledger-findings.py or
# examples/gjs/ledger-findings.js
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: test_ledger_findings.py INTERPRETER [ARGS...] SCRIPT
# with COMMUNITY_SAMPLE, COMMUNITY_CHECK, COMMUNITY_CONVERT, GI_TYPELIB_PATH
# and LD_LIBRARY_PATH set (meson test does). Prints TAP.
#
# The sample is turned into a workbook with Chinese titles by
# community-convert; the example's lines must be, finding for finding,
# the cell, rule and path of community-check's JSON report of that
# workbook; a refused workbook gives exit status 2 and its cell.

import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import taprunner  # noqa: E402

COMMAND = None
SAMPLE = os.environ.get("COMMUNITY_SAMPLE", "")
CHECK = os.environ.get("COMMUNITY_CHECK", "")
CONVERT = os.environ.get("COMMUNITY_CONVERT", "")


class LedgerFindings(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def test_cells_of_findings(self):
        ledger = os.path.join(self.tmp.name, "ledger.xlsx")
        subprocess.run([CONVERT, "--titles", SAMPLE, ledger], check=True)
        report = json.loads(subprocess.run([CHECK, "--format", "json", ledger],
                                           capture_output=True, text=True).stdout)
        expected = [f"{f['cell']}\t{f['rule']}\t{f['path']}" for f in report["findings"]]
        result = subprocess.run(COMMAND + [ledger], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertEqual(result.stdout.splitlines(), expected)
        self.assertTrue(any(line.startswith("网格!") for line in expected))

    def test_refused_ledger(self):
        folder = os.path.join(self.tmp.name, "csv")
        os.mkdir(folder)
        with open(os.path.join(folder, "communities.csv"), "w", encoding="utf-8") as f:
            f.write("code,name,kind,street,households\nC1,崇安社区,urban,S1,约2000\n")
        result = subprocess.run(COMMAND + [folder], capture_output=True, text=True)
        self.assertEqual(result.returncode, 2)
        self.assertIn("communities!E2 (households): /communities/0/households:", result.stderr)


if __name__ == "__main__":
    COMMAND = sys.argv[1:]
    del sys.argv[1:]
    taprunner.main()
