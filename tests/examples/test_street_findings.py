#!/usr/bin/python3
# test_street_findings.py: runs the C example examples/c/street-findings.c
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: test_street_findings.py PATH-TO/street-findings
# with COMMUNITY_SAMPLE and COMMUNITY_CHECK set (meson test does). Prints TAP.
#
# For every street and town of the sample, the example must print exactly
# the findings that `community-check --division CODE` reports, in the same
# order, with the same rule, severity, clause, subject, JSON Pointer and
# message.

import os
import re
import subprocess
import sys
import tempfile
import unittest

import examplecheck
from examplecheck import COMMUNITIES, DIVISIONS, SAMPLE, STREETS
import taprunner

PROGRAM = None

FINDING_RE = re.compile(r"^\[(\w+)\] (\S+), clause (.+)$")
SUBJECT_RE = re.compile(r"^  (\w+) (\S+?)(?: (\S+))?, (/\S*)$")


def run(*args):
    return subprocess.run([PROGRAM, *args], capture_output=True, text=True)


def count(n, noun):
    """“1 warning”, “0 warnings”: as the example counts."""
    return "%d %s%s" % (n, noun, "" if n == 1 else "s")


def parse(stdout):
    """The header lines and the findings of the example's output."""
    lines = stdout.split("\n")
    header = lines[:2]
    findings = []
    i = 2
    while i < len(lines):
        if lines[i] == "":
            i += 1
            continue
        head = FINDING_RE.match(lines[i])
        subject = SUBJECT_RE.match(lines[i + 1])
        if head is None or subject is None or not lines[i + 2].startswith("  "):
            raise AssertionError(f"unexpected output at line {i + 1}: {lines[i:i + 3]!r}")
        findings.append({
            "severity": head[1], "rule": head[2], "clause": head[3],
            "type": subject[1], "id": subject[2], "name": subject[3], "path": subject[4],
            "message": lines[i + 2][2:],
        })
        i += 3
    return header, findings


class StreetFindings(unittest.TestCase):

    def test_every_street_has_the_findings_of_community_check(self):
        self.assertEqual(len(STREETS), 4)
        total = 0
        subjects = set()
        for street in STREETS:
            code = street["code"]
            with self.subTest(street=code):
                proc = run(SAMPLE, code)
                self.assertEqual(proc.returncode, 0, proc.stderr)
                self.assertEqual(proc.stderr, "")
                _, findings = parse(proc.stdout)
                expected = examplecheck.report("--division", code)["findings"]
                self.assertEqual(len(findings), len(expected))
                for got, want in zip(findings, expected):
                    self.assertEqual(got["severity"], want["severity"])
                    self.assertEqual(got["rule"], want["rule"])
                    self.assertEqual(got["clause"], want["clause"] or "—")
                    self.assertEqual(got["type"], want["subject"]["type"])
                    self.assertEqual(got["id"], want["subject"]["id"])
                    self.assertEqual(got["path"], want["path"])
                    self.assertEqual(got["message"], want["message"])
                total += len(findings)
                subjects |= {(f["rule"], f["id"]) for f in findings}
        # examples/data/README.md: nine deliberate defects, six of them in
        # one street or town each. The other three are above every street:
        # worker.pay-floor judges 梁溪区 as a whole, commendation.annual the
        # city, and WI-11 lists no community (it is every community's),
        # which puts it in no division's filter.
        self.assertEqual(total, 6)
        self.assertEqual(len(subjects), 6)
        everything = {(f["rule"], f["subject"]["id"]) for f in examplecheck.report()["findings"]}
        self.assertEqual(everything - subjects,
                         {("worker.pay-floor", "320213000000"),
                          ("commendation.annual", "320200000000"),
                          ("work-item.department-assessment", "WI-11")})

    def test_the_header_names_the_street_its_district_and_the_counts(self):
        proc = run(SAMPLE, "320213025000")
        header, findings = parse(proc.stdout)
        self.assertEqual(header[0],
                         "广益街道 320213025000 (梁溪区), data as of 2019-12-31, ruleset wuxi-2018")
        summary = examplecheck.report("--division", "320213025000")["summary"]
        self.assertEqual(header[1], "%s: %s, %s, %s" % (
            count(len(findings), "finding"), count(summary["errors"], "error"),
            count(summary["warnings"], "warning"), count(summary["infos"], "info")))
        self.assertEqual(header[1], "3 findings: 3 errors, 0 warnings, 0 infos")
        self.assertEqual([f["rule"] for f in findings],
                         ["facility.area-per-households", "grid.coverage", "work-item.admission"])

    def test_divisions_and_communities_are_named(self):
        for street in STREETS:
            _, findings = parse(run(SAMPLE, street["code"]).stdout)
            for finding in findings:
                if finding["type"] == "division":
                    self.assertEqual(finding["name"], DIVISIONS[finding["id"]]["name"])
                elif finding["type"] == "community":
                    self.assertEqual(finding["name"], COMMUNITIES[finding["id"]]["name"])
                else:
                    self.assertIsNone(finding["name"], finding)

    def test_a_street_without_findings(self):
        proc = run(SAMPLE, "320205102000")
        self.assertEqual(proc.returncode, 0)
        self.assertEqual(proc.stdout.split("\n")[1], "0 findings: 0 errors, 0 warnings, 0 infos")

    def test_no_personal_data(self):
        for street in STREETS:
            out = run(SAMPLE, street["code"]).stdout
            for value in examplecheck.personal_data():
                self.assertNotIn(value, out)

    def test_a_district_is_not_a_street(self):
        proc = run(SAMPLE, "320213000000")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("320213000000 is a district, not a street or town", proc.stderr)
        self.assertEqual(proc.stdout, "")

    def test_an_unknown_code(self):
        proc = run(SAMPLE, "320213099000")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("no division has the code 320213099000", proc.stderr)

    def test_a_bad_dataset_names_the_json_pointer(self):
        with tempfile.TemporaryDirectory() as tmp:
            proc = run(examplecheck.bad_dataset(tmp), "320213025000")
        self.assertEqual(proc.returncode, 2)
        self.assertIn("/grids/0/id", proc.stderr)

    def test_messages_follow_the_locale(self):
        """Run from the build tree, the example finds the catalogs built
        there: the library's messages come out in Chinese."""
        env = {k: v for k, v in os.environ.items()
               if not (k.startswith("LC_") or k in ("LANG", "LANGUAGE", "COMMUNITY_LOCALEDIR"))}
        env.update(LANGUAGE="zh_CN", LC_ALL="C.UTF-8")
        proc = subprocess.run([PROGRAM, SAMPLE, "320214055000"], capture_output=True, text=True, env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn("\n  鸿山街道 320214055000 有 0 个基层党建工作指导站；至少应有 1 个\n", proc.stdout)

    def test_usage(self):
        proc = run(SAMPLE)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("usage:", proc.stderr)


if __name__ == "__main__":
    PROGRAM = sys.argv.pop(1)
    taprunner.main()
