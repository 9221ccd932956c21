#!/usr/bin/python3
# test_check_example.py: runs the Vala example examples/vala/check.vala
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: test_check_example.py PATH-TO/community-check-vala
# with COMMUNITY_SAMPLE naming examples/data/wuxi-sample.json. Prints TAP.
#
# The sample's findings by street and town are those of
# examples/data/README.md: six of its nine deliberate defects. The other
# three lie in no street or town (worker.pay-floor judges 梁溪区 as a
# whole, commendation.annual the city, and WI-11 lists no community).

import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import taprunner  # noqa: E402

PROGRAM = None

# street or town code -> (name, [(severity, rule, kind, subject, path)])
STREETS = {
    "320213025000": ("广益街道", [
        ("error", "facility.area-per-households", "community", "320213025005", "/communities/2"),
        ("error", "grid.coverage", "community", "320213025009", "/communities/3/households"),
        ("error", "work-item.admission", "work_item", "WI-06", "/work_items/5/legal_review/approved"),
    ]),
    "320205106000": ("东港镇", [
        ("error", "grid.leader", "grid", "320205106001-G02", "/grids/17/leader"),
        ("error", "funding.community-floor", "community", "320205106203", "/communities/9"),
    ]),
    "320205102000": ("羊尖镇", []),
    "320214055000": ("鸿山街道", [
        ("warning", "street.party-guidance-station", "division", "320214055000", "/divisions/7"),
    ]),
}


def run(*args):
    return subprocess.run([PROGRAM, *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=60)


def sample():
    path = os.environ.get("COMMUNITY_SAMPLE")
    if not path:
        raise AssertionError("COMMUNITY_SAMPLE is not set")
    return path


def plural(n, one, many):
    return "%d %s" % (n, one if n == 1 else many)


class CheckExample(unittest.TestCase):

    def test_every_street_and_town(self):
        for code, (name, findings) in STREETS.items():
            with self.subTest(street=name):
                result = run(sample(), code)
                self.assertEqual(result.returncode, 0, result.stderr)
                self.assertEqual(result.stderr, "")
                lines = result.stdout.splitlines()
                errors = sum(1 for f in findings if f[0] == "error")
                warnings = sum(1 for f in findings if f[0] == "warning")
                self.assertEqual(lines[0], "%s (%s): %s, %s, %s" % (
                    name, code, plural(len(findings), "finding", "findings"),
                    plural(errors, "error", "errors"),
                    plural(warnings, "warning", "warnings")))
                body = lines[1:]
                self.assertEqual(len(body), 2 * len(findings))
                self.assertEqual(body[0::2], [" ".join(f) for f in findings])
                for message in body[1::2]:
                    self.assertTrue(message.startswith("    ") and message.strip(), message)

    def test_hongshan_in_full(self):
        result = run(sample(), "320214055000")
        self.assertEqual(result.stdout,
                         "鸿山街道 (320214055000): 1 finding, 0 errors, 1 warning\n"
                         "warning street.party-guidance-station division 320214055000 /divisions/7\n"
                         "    Street 鸿山街道 320214055000 has 0 guidance stations for grassroots party "
                         "building (基层党建工作指导站); it should have at least 1\n")

    def test_not_a_street(self):
        for code in ("320213025005", "320213000000", "320200000000", "999999999999"):
            with self.subTest(code=code):
                result = run(sample(), code)
                self.assertEqual(result.returncode, 1)
                self.assertEqual(result.stdout, "")
                self.assertIn("%s is not the code of a street or town" % code, result.stderr)

    def test_bad_dataset(self):
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, "bad.json")
            with open(bad, "w", encoding="utf-8") as f:
                f.write('{"format": 1}')
            result = run(bad, "320214055000")
            self.assertEqual(result.returncode, 1)
            self.assertEqual(result.stdout, "")
            self.assertTrue(result.stderr.startswith(bad + ": /"), result.stderr)

            result = run(os.path.join(tmp, "missing.json"), "320214055000")
            self.assertEqual(result.returncode, 1)
            self.assertTrue(result.stderr.startswith(os.path.join(tmp, "missing.json") + ": "))

    def test_usage(self):
        for args in ((), (sample(),), (sample(), "320214055000", "extra")):
            with self.subTest(args=len(args)):
                result = run(*args)
                self.assertEqual(result.returncode, 2)
                self.assertIn("usage:", result.stderr)


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: test_check_example.py PATH-TO/community-check-vala")
    PROGRAM = sys.argv.pop(1)
    taprunner.main()
