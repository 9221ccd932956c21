#!/usr/bin/python3
# test_readme.py: runs the C, Python and JavaScript snippets of README.md
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: test_readme.py README.md PATH-TO/readme-example [GJS]
# with COMMUNITY_SAMPLE, COMMUNITY_CHECK, GI_TYPELIB_PATH and LD_LIBRARY_PATH
# set (meson test does). Prints TAP.
#
# readme-example is the README's C snippet, compiled by the build. Each
# snippet runs in a temporary directory holding a copy of the sample at the
# path the README uses, and its output is checked against the sample and
# against community-check's report.

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

import examplecheck
from examplecheck import SAMPLE, SAMPLE_DOC
import taprunner

README = C_PROGRAM = GJS = None

_spec = importlib.util.spec_from_file_location(
    "readme_snippet", os.path.join(os.path.dirname(os.path.abspath(__file__)), "readme-snippet.py"))
readme_snippet = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(readme_snippet)


class ReadmeSnippets(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        with open(README, encoding="utf-8") as f:
            cls.readme = f.read()
        cls.summary = examplecheck.report()["summary"]

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        os.makedirs(os.path.join(self.tmp.name, "examples", "data"))
        shutil.copy(SAMPLE, os.path.join(self.tmp.name, "examples", "data", "wuxi-sample.json"))

    def tearDown(self):
        self.tmp.cleanup()

    def run_in_tmp(self, command, env=None):
        proc = subprocess.run(command, cwd=self.tmp.name, capture_output=True, text=True,
                              env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(proc.stderr, "")
        return proc.stdout.splitlines()

    def counts_line(self):
        return f"{self.summary['errors']} errors, {self.summary['warnings']} warnings"

    def test_c(self):
        # In a UTF-8 locale: the snippet's setlocale() makes g_print() write
        # the street's Chinese name as it is (without it, "???").
        env = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="en")
        lines = self.run_in_tmp([C_PROGRAM], env)
        index, grid = next((i, g) for i, g in enumerate(SAMPLE_DOC["grids"])
                           if g["id"] == "320205106001-G02")
        street = next(d for d in SAMPLE_DOC["divisions"] if d["code"] == "320205106000")
        self.assertNotIn("leader", grid)
        self.assertEqual(lines, [
            f"grid 320205106001-G02 of 320205106000 {street['name']} ({grid['households']} "
            "households) names no leader",
            self.counts_line(),
            f"not saved: /grids/{index}/community: the required member “community” is "
            "missing or null",
        ])
        self.assertFalse(os.path.exists(os.path.join(self.tmp.name, "changed.json")))
        # The output the README shows is the output.
        self.assertIn("```\n" + "\n".join(lines) + "\n```", self.readme)

    def test_python(self):
        script = os.path.join(self.tmp.name, "snippet.py")
        with open(script, "w", encoding="utf-8") as f:
            f.write(readme_snippet.snippet(self.readme, "python"))
        lines = self.run_in_tmp([sys.executable, script])
        communities = [c for c in SAMPLE_DOC["communities"] if c["street"] == "320213025000"]
        self.assertEqual(lines[:len(communities)],
                         [f"{c['code']} {c['name']} {c['households']}" for c in communities])
        findings = examplecheck.report()["findings"]
        self.assertEqual(lines[len(communities):],
                         [f"{f['rule']} {f['subject']['id']} {f['message']}" for f in findings])
        # It saved the changed dataset where it said.
        with open(os.path.join(self.tmp.name, "changed.json"), encoding="utf-8") as f:
            saved = json.load(f)
        grid = next(g for g in saved["grids"] if g["id"] == "320213025005-G01")
        self.assertEqual(grid["households"], 640)

    def test_javascript(self):
        if GJS is None:
            self.skipTest("no gjs")
        script = os.path.join(self.tmp.name, "snippet.js")
        with open(script, "w", encoding="utf-8") as f:
            f.write(readme_snippet.snippet(self.readme, "js"))
        lines = self.run_in_tmp([GJS, "-m", script])
        grid = next(g for g in SAMPLE_DOC["grids"] if g["id"] == "320213025005-G01")
        self.assertEqual(lines, [
            f"320213025005-G01 is in 无锡市; {grid['households']} households",
            self.counts_line(),
        ])


if __name__ == "__main__":
    README, C_PROGRAM = sys.argv[1], sys.argv[2]
    GJS = sys.argv[3] if len(sys.argv) > 3 else None
    del sys.argv[1:]
    taprunner.main()
