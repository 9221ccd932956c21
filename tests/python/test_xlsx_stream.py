# test_xlsx_stream.py: the streaming .xlsx writer read by another implementation
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Environment (tests/meson.build, test python-xlsx-stream):
#   XLSX_STREAM_TEST  the built tests/test-xlsx-stream; "--write FILE" writes
#                     its showcase workbook (write_showcase() there)
#
# Debian's python3-openpyxl reads the workbook that
# lib/sheets/community-xlsx-stream.c writes: sheets, values and their
# types, formats, the bold frozen header, the header's comments (the
# comments part and its VML drawing), the drop-down list and the
# autofilter. Without openpyxl every test is reported as SKIP.

import os
import shutil
import subprocess
import tempfile
import unittest
import zipfile

import taprunner

WRITER = os.environ.get("XLSX_STREAM_TEST")


class XlsxStreamTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="community-xlsx-stream-")
        cls.path = os.path.join(cls.tmp, "showcase.xlsx")
        result = subprocess.run([WRITER, "--write", cls.path], capture_output=True, text=True)
        cls.written = result.returncode == 0
        cls.stderr = result.stderr

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def load(self):
        self.assertTrue(self.written, self.stderr)
        try:
            import openpyxl
        except ImportError:
            self.skipTest("python3-openpyxl is not installed (./run installs it)")
        return openpyxl.load_workbook(self.path)

    def test_sheets_and_values(self):
        book = self.load()
        self.assertEqual(book.sheetnames, ["社区 & co", "second"])
        sheet = book["社区 & co"]
        rows = list(sheet.iter_rows(values_only=True))
        self.assertEqual(rows[0], ("代码", "kind", "amount", "share", "flag", "note"))
        self.assertEqual(rows[1], ("320213001001", "rural", 1000.5, 0.25, False, 'a & b < c\tand "d"'))
        self.assertEqual(rows[2][:5], ("320213001002", "urban", 2000.5, 0.5, True))
        # openpyxl does not undo OOXML's _xHHHH_ escapes (Excel and the
        # library's reader do): what it shows is the escaped text, a
        # control character as _x0001_ and a literal "_x0041_" with its
        # '_' escaped.
        self.assertEqual(rows[2][5], "控制_x0001_字符 _x005F_x0041_")
        self.assertEqual(rows[3][5], None)   # empty text: no cell
        self.assertEqual(sheet["A2"].data_type, "s")
        self.assertEqual(sheet["C2"].data_type, "n")
        self.assertEqual(sheet["E2"].data_type, "b")
        self.assertEqual(list(book["second"].iter_rows(min_row=5, values_only=True)), [(-7,)])

    def test_formats(self):
        sheet = self.load()["社区 & co"]
        self.assertEqual(sheet["A2"].number_format, "@")
        self.assertEqual(sheet["D2"].number_format, "0.0%")
        self.assertEqual(sheet["C2"].number_format, "General")
        self.assertEqual(sheet.column_dimensions["A"].number_format, "@")
        self.assertEqual(sheet.column_dimensions["A"].width, 20)
        self.assertEqual(sheet.column_dimensions["F"].width, 40)
        for cell in sheet[1]:
            self.assertTrue(cell.font.b, cell.value)
            self.assertEqual(cell.number_format, "@")
            self.assertEqual(cell.fill.fgColor.rgb, "FFE8EDF4")
            self.assertEqual(cell.border.bottom.style, "thin")
        self.assertFalse(sheet["A2"].font.b)

    def test_frozen_header_and_autofilter(self):
        book = self.load()
        sheet = book["社区 & co"]
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:F4")
        self.assertIsNone(book["second"].freeze_panes)
        self.assertFalse(book["second"].auto_filter.ref)

    def test_header_comments(self):
        sheet = self.load()["社区 & co"]
        for i, cell in enumerate(sheet[1]):
            self.assertIsNotNone(cell.comment, cell.value)
            self.assertEqual(cell.comment.text, '列 %d: %s\n<what> & "why"' % (i + 1, cell.value))
        self.assertIsNone(sheet["A2"].comment)
        with zipfile.ZipFile(self.path) as z:
            names = z.namelist()
            self.assertIn("xl/comments1.xml", names)
            self.assertIn("xl/drawings/vmlDrawing1.vml", names)
            rels = z.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
            self.assertIn("../drawings/vmlDrawing1.vml", rels)
            self.assertNotIn("xl/worksheets/_rels/sheet2.xml.rels", names)

    def test_list_validation(self):
        sheet = self.load()["社区 & co"]
        lists = [(v.type, v.formula1, str(v.sqref)) for v in sheet.data_validations.dataValidation]
        self.assertEqual(lists, [("list", '"urban,rural"', "B2:B1000")])

    def test_resaved_by_openpyxl(self):
        """openpyxl takes every part: it saves the workbook again, comments included."""
        book = self.load()
        again = os.path.join(self.tmp, "again.xlsx")
        book.save(again)
        import openpyxl
        sheet = openpyxl.load_workbook(again)["社区 & co"]
        self.assertEqual(sheet["B1"].comment.text, '列 2: kind\n<what> & "why"')
        self.assertEqual(sheet["A3"].value, "320213001002")


if __name__ == "__main__":
    taprunner.main()
