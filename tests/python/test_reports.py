#!/usr/bin/python3
# test_reports.py: the HTML and Excel reports, written from Python
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# What the reports hold is tested in tests/cli/test_report.py (in a browser,
# and read back by openpyxl); this checks that the writers are usable from
# Python as the reference documents them.

import json
import os
import tempfile
import unittest
import zipfile

import gi

gi.require_version("Community", "1.0")
from gi.repository import Community, Gio, GLib  # noqa: E402

import taprunner  # noqa: E402
from samples import load_sample  # noqa: E402


def checked():
    dataset = load_sample()
    report = Community.Validator.new(Community.Ruleset.new_builtin("wuxi-2018")).run(dataset)
    return dataset, report


class ReportsTest(unittest.TestCase):
    def test_html_to_a_memory_stream(self):
        dataset, report = checked()
        stream = Gio.MemoryOutputStream.new_resizable()
        self.assertTrue(report.write_html(dataset, stream, None))
        stream.close(None)
        page = bytes(stream.steal_as_bytes().get_data()).decode("utf-8")
        self.assertTrue(page.startswith("<!DOCTYPE html>"))
        self.assertIn('<svg class="chart"', page)
        for finding in report.get_findings():
            self.assertIn('"%s"' % finding.get_path(), page)

    def test_html_to_a_file(self):
        dataset, report = checked()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "report.html")
            stream = Gio.File.new_for_path(path).replace(None, False, Gio.FileCreateFlags.NONE, None)
            report.write_html(dataset, stream, None)
            stream.close(None)
            with open(path, encoding="utf-8") as f:
                self.assertTrue(f.read().rstrip().endswith("</html>"))

    def test_html_cancelled(self):
        dataset, report = checked()
        cancellable = Gio.Cancellable()
        cancellable.cancel()
        with self.assertRaises(GLib.Error) as raised:
            report.write_html(dataset, Gio.MemoryOutputStream.new_resizable(), cancellable)
        self.assertTrue(raised.exception.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED))

    def test_write_json(self):
        dataset, report = checked()
        stream = Gio.MemoryOutputStream.new_resizable()
        self.assertTrue(report.write_json(stream, None))
        stream.close(None)
        # the same bytes as to_data(), which returns (text, length)
        self.assertEqual(bytes(stream.steal_as_bytes().get_data()), report.to_data()[0].encode("utf-8"))
        key = GLib.Bytes.new(b"secret")
        keyed = Gio.MemoryOutputStream.new_resizable()
        self.assertTrue(report.write_json_keyed(dataset, key, keyed, None))
        keyed.close(None)
        document = json.loads(bytes(keyed.steal_as_bytes().get_data()))
        self.assertEqual(document["person_key"], Community.Report.key_fingerprint(key))
        self.assertEqual(document["summary"], json.loads(report.to_data()[0])["summary"])

    def test_for_division(self):
        dataset, report = checked()
        part = report.for_division(dataset, "320213025000")
        expected = report.filter(Community.Severity.INFO, None, None, "320213025000")
        self.assertEqual([f.get_path() for f in part.get_findings()],
                         [f.get_path() for f in expected])
        self.assertTrue(all(i.get_division() == "320213025000" for i in part.get_indicators()))

    def test_xlsx(self):
        dataset, report = checked()
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "report.xlsx")
            self.assertTrue(report.write_xlsx(dataset, path))
            with zipfile.ZipFile(path) as z:
                names = z.namelist()
            self.assertIn("xl/worksheets/sheet3.xml", names)
            with self.assertRaises(GLib.Error):
                report.write_xlsx(dataset, os.path.join(tmp, "missing", "report.xlsx"))


if __name__ == "__main__":
    taprunner.main()
