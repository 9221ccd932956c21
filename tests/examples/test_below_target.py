#!/usr/bin/python3
# test_below_target.py: runs examples/python/below-target.py or
# examples/gjs/below-target.js
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: test_below_target.py INTERPRETER [ARGS...] SCRIPT
# e.g. test_below_target.py /usr/bin/python3 examples/python/below-target.py
# or   test_below_target.py /usr/bin/gjs -m examples/gjs/below-target.js
# with COMMUNITY_SAMPLE, COMMUNITY_CHECK, GI_TYPELIB_PATH and LD_LIBRARY_PATH
# set (meson test does). Prints TAP.
#
# The CSV the example writes must hold exactly one row for each indicator
# and street or town of community-check's JSON report of the sample that
# is applicable, has a target and does not meet it, in the report's order;
# both examples write the same bytes.

import csv
import io
import os
import subprocess
import sys
import tempfile
import unittest

import examplecheck
from examplecheck import DIVISIONS, SAMPLE
import taprunner

COMMAND = None

HEADER = ["indicator", "code", "name", "value", "target", "numerator", "denominator"]


def number(value):
    return str(int(value)) if value == int(value) else repr(value)


def expected_rows():
    """The rows the CSV should have, from community-check's report."""
    rows = []
    indicators = examplecheck.report()["indicators"]
    order = list(dict.fromkeys(i["id"] for i in indicators))
    for indicator in order:
        for result in indicators:
            division = DIVISIONS.get(result["division"])
            if (result["id"] != indicator or division is None
                    or division["level"] not in ("street", "town")):
                continue
            # Not applicable, met, or a monitoring indicator (no target,
            # DOMAIN.md §5: met is null too): not below target.
            if result["denominator"] == 0 or result["target"] is None or result["met"]:
                continue
            rows.append([indicator, result["division"], division["name"],
                         f"{result['numerator'] / result['denominator']:.4f}",
                         f"{result['target']:.4f}",
                         number(result["numerator"]), number(result["denominator"])])
    return rows


class BelowTarget(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.csv = os.path.join(cls.tmp.name, "below-target.csv")
        cls.proc = subprocess.run(COMMAND + [SAMPLE, cls.csv], capture_output=True, text=True)
        cls.expected = expected_rows()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def rows(self):
        with open(self.csv, encoding="utf-8", newline="") as f:
            return list(csv.reader(f))

    def test_it_runs(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        self.assertEqual(self.proc.stderr, "")

    def test_the_csv_has_the_expected_rows(self):
        rows = self.rows()
        self.assertEqual(rows[0], HEADER)
        self.assertEqual(rows[1:], self.expected)

    def test_the_sample_has_streets_below_target(self):
        # examples/data/README.md: 鸿山街道 has no party-building guidance
        # station, and 广益街道's grids leave 140 households of 靖海新村社区 out.
        keys = {(row[0], row[1]) for row in self.expected}
        self.assertIn(("street.guidance-station-coverage", "320214055000"), keys)
        self.assertIn(("grid.coverage", "320213025000"), keys)
        self.assertEqual(len(self.expected), 12)
        # Monitoring indicators have no target to miss.
        monitoring = {i["id"] for i in examplecheck.report()["indicators"] if i["target"] is None}
        self.assertEqual(len(monitoring), 4)
        self.assertFalse(monitoring & {row[0] for row in self.expected})

    def test_the_csv_values_match_the_report(self):
        report = {(i["id"], i["division"]): i for i in examplecheck.report()["indicators"]}
        for row in self.rows()[1:]:
            result = report[(row[0], row[1])]
            self.assertAlmostEqual(float(row[3]), result["value"], delta=0.0001)
            self.assertLess(float(row[3]), float(row[4]))

    def test_the_csv_is_plain_utf8_with_unix_newlines(self):
        with open(self.csv, "rb") as f:
            data = f.read()
        self.assertNotIn(b"\r", data)
        self.assertTrue(data.endswith(b"\n"))
        data.decode("utf-8")
        # Python's csv module writes the same bytes from the same rows.
        text = io.StringIO()
        writer = csv.writer(text, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows(self.expected)
        self.assertEqual(data.decode("utf-8"), text.getvalue())

    def test_stdout_lists_each_row(self):
        lines = self.proc.stdout.splitlines()
        for row in self.expected:
            self.assertTrue(any(line.startswith(f"  {row[1]} {row[2]}: ") for line in lines), row)
        self.assertIn(f"{len(self.expected)} rows written to {self.csv}", lines)

    def test_a_bad_dataset_names_the_json_pointer(self):
        with tempfile.TemporaryDirectory() as tmp:
            proc = subprocess.run(COMMAND + [examplecheck.bad_dataset(tmp),
                                             os.path.join(tmp, "out.csv")],
                                  capture_output=True, text=True)
            self.assertFalse(os.path.exists(os.path.join(tmp, "out.csv")))
        self.assertEqual(proc.returncode, 2)
        self.assertIn("/grids/0/id", proc.stderr)

    def test_usage(self):
        proc = subprocess.run(COMMAND + [SAMPLE], capture_output=True, text=True)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("usage:", proc.stderr)


if __name__ == "__main__":
    COMMAND = sys.argv[1:]
    del sys.argv[1:]
    taprunner.main()
