#!/usr/bin/python3
# test_gtk.py: the GTK 4 example shows a street's communities, and follows edits
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: test_gtk.py PATH-TO/street-communities XVFB-RUN
# with COMMUNITY_SAMPLE and COMMUNITY_CHECK set (meson test does). Prints
# TAP. An empty program path means the build found no gtk4: every test is
# skipped (and counted so).
#
# The program runs with --self-test under xvfb-run, GTK's cairo renderer
# and a UTF-8 locale: it prints the rows its GtkListView shows, edits the
# households of the community with a grid.coverage finding through the
# row's spin button, and prints the rows again once CommunityValidation
# has notified the change. The rows must be the street's communities of
# the sample, in document order, with their households and the rules that
# community-check finds about them; after the edit, that community's
# grid.coverage finding must be gone from its row, and nothing else.

import os
import re
import subprocess
import sys
import unittest

import examplecheck
from examplecheck import SAMPLE, SAMPLE_DOC
import taprunner

PROGRAM = XVFB_RUN = None
STREET = "320213025000"   # 广益街道: six communities, one grid.coverage finding
_run = None


def run():
    global _run
    if _run is None:
        env = dict(os.environ, GSK_RENDERER="cairo", LC_ALL="C.UTF-8", LANGUAGE="en",
                   GDK_BACKEND="x11", NO_AT_BRIDGE="1", GTK_A11Y="none")
        _run = subprocess.run([XVFB_RUN, "-a", PROGRAM, SAMPLE, STREET, "--self-test"],
                              capture_output=True, text=True, env=env, timeout=90)
    return _run


def rows(lines):
    out = []
    for line in lines:
        m = re.match(r"^row (\S+) (.*) \| households (\d+) \| findings (.*)$", line)
        if m:
            out.append((m[1], m[2], int(m[3]), m[4]))
    return out


def expected_rows():
    """(code, name, households, findings) of the street's communities, the
    findings as community-check --division reports them."""
    out = []
    for c in SAMPLE_DOC["communities"]:
        if c["street"] != STREET:
            continue
        rules = [f["rule"] for f in examplecheck.report("--division", c["code"])["findings"]]
        out.append((c["code"], c["name"], c["households"], ", ".join(rules) or "none"))
    return out


class GtkExample(unittest.TestCase):

    def setUp(self):
        if not PROGRAM:
            self.skipTest("gtk4 was not found: the GTK example is not built")
        self.assertTrue(XVFB_RUN, "xvfb-run was not found (Debian xvfb, in ./run's PACKAGES)")

    def sections(self):
        proc = run()
        self.assertEqual(proc.returncode, 0, proc.stderr)
        lines = proc.stdout.splitlines()
        self.assertIn("done", lines, proc.stdout)
        edit = next(i for i, l in enumerate(lines) if l.startswith("edit ") or l.startswith("refreshed"))
        return lines[:edit], lines[edit:]

    def test_rows_are_the_streets_communities(self):
        before, _ = self.sections()
        expected = expected_rows()
        self.assertGreater(len(expected), 1)
        self.assertIn("rows %d" % len(expected), before)
        self.assertEqual(rows(before), expected)

    def test_editing_households_updates_the_findings_live(self):
        before, after = self.sections()
        edits = [l for l in after if l.startswith("edit ")]
        self.assertEqual(len(edits), 1, after)
        code, old, new = re.match(r"^edit (\S+) households (\d+) -> (\d+)$", edits[0]).groups()
        finding = next(f for f in examplecheck.report()["findings"] if f["rule"] == "grid.coverage"
                       and f["subject"]["id"] == code)
        self.assertEqual((int(old), int(new)), (finding["expected"], finding["actual"]))
        # The setter marked the validation pending and notified once.
        self.assertIn("pending yes, notified 1", after)
        # The rows were refreshed from a caught-up validation.
        self.assertIn("refreshed, pending no", after)

        old_rows = {r[0]: r for r in rows(before)}
        new_rows = {r[0]: r for r in rows(after)}
        self.assertEqual(old_rows.keys(), new_rows.keys())
        self.assertIn("grid.coverage", old_rows[code][3])
        self.assertEqual(new_rows[code][2], int(new))
        self.assertNotIn("grid.coverage", new_rows[code][3])
        for other in old_rows:
            if other != code:
                self.assertEqual(new_rows[other], old_rows[other])

    def test_no_warnings(self):
        proc = run()
        # Without a session bus (none under xvfb-run), GtkApplication says
        # so; anything else is a fault.
        stderr = "\n".join(line for line in proc.stderr.splitlines()
                            if "Unable to acquire session bus" not in line)
        self.assertNotRegex(stderr, r"(CRITICAL|WARNING)", proc.stderr)


if __name__ == "__main__":
    PROGRAM, XVFB_RUN = sys.argv[1], sys.argv[2]
    del sys.argv[1:]
    taprunner.main()
