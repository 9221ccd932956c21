# test_sheet_writer.py: the library's workbooks read by another implementation
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Environment (tests/meson.build, test python-sheet-writer):
#   SHEET_WRITER_DUMP  the built tests/sheet-writer-dump (a JSON dataset, or
#                      the template, written as .xlsx by community_xlsx_write())
#   COMMUNITY_SAMPLE   examples/data/wuxi-sample.json
#
# Debian's python3-openpyxl reads the workbooks back (DOMAIN.md §9): the
# sheets, the cells' types and formats, the frozen header, its comments and
# the drop-down lists. Without openpyxl every test is reported as SKIP.

import json
import os
import shutil
import subprocess
import tempfile
import unittest

import taprunner

DUMP = os.environ.get("SHEET_WRITER_DUMP")
SAMPLE = os.environ.get("COMMUNITY_SAMPLE")

SHEETS = ["dataset", "divisions", "communities", "grids", "workers", "facilities",
          "consultations", "consultations_history", "work_items", "work_items_history",
          "social_organizations", "departments", "tasks", "funding", "wage_baselines",
          "surveys", "commendations"]


def openpyxl_or_skip(test):
    try:
        import openpyxl
    except ImportError:
        test.skipTest("python3-openpyxl is not installed (./run installs it)")
    return openpyxl


def header(sheet):
    return [cell.value for cell in sheet[1]]


def lists(sheet):
    """{column letter: [values]} of the sheet's list validations."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        if validation.type != "list":
            continue
        values = validation.formula1.strip('"').split(",")
        for ref in str(validation.sqref).split():
            found[ref] = values
    return found


class SheetWriterTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="community-sheets-")
        with open(SAMPLE, encoding="utf-8") as f:
            cls.sample = json.load(f)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def write(self, name, *args):
        path = os.path.join(self.tmp, name)
        result = subprocess.run([DUMP, *args, path], capture_output=True, text=True)
        self.assertEqual(result.returncode, 0, result.stderr)
        return path

    def load(self, *args):
        openpyxl = openpyxl_or_skip(self)
        return openpyxl.load_workbook(self.write("%d.xlsx" % len(os.listdir(self.tmp)), *args))

    def test_sheets_in_the_layouts_order(self):
        book = self.load(SAMPLE)
        self.assertEqual(book.sheetnames, SHEETS)

    def test_dataset_sheet_key_value_rows(self):
        book = self.load(SAMPLE)
        rows = list(book["dataset"].iter_rows(values_only=True))
        self.assertEqual(rows, [("format", "libcommunity-dataset"), ("version", 1),
                                ("as_of", self.sample["as_of"]),
                                ("codes_year", self.sample["codes_year"])])
        self.assertIsNone(book["dataset"].freeze_panes)

    def test_codes_text_numbers_numbers(self):
        book = self.load(SAMPLE)
        sheet = book["communities"]
        columns = header(sheet)
        first = self.sample["communities"][0]
        code = sheet.cell(row=2, column=columns.index("code") + 1)
        self.assertEqual(code.value, first["code"])
        self.assertEqual(code.data_type, "s")
        self.assertEqual(code.number_format, "@")
        households = sheet.cell(row=2, column=columns.index("households") + 1)
        self.assertEqual(households.value, first["households"])
        self.assertEqual(households.data_type, "n")
        self.assertIsInstance(households.value, int)
        members = sheet.cell(row=2, column=columns.index("committee/members") + 1)
        self.assertEqual(members.value, first["committee"]["members"])
        flag = sheet.cell(row=2, column=columns.index("committee/non_registered_voters_protected") + 1)
        self.assertIs(flag.value, True)
        self.assertEqual(sheet.max_row, 1 + len(self.sample["communities"]))
        # The text columns are formatted as text as a whole, for new entries.
        letter = code.column_letter
        self.assertEqual(sheet.column_dimensions[letter].number_format, "@")

    def test_every_text_cell_is_text_formatted(self):
        """Codes stay text: every text cell, inline or shared (a vocabulary's
        words are shared strings), has the text number format."""
        book = self.load(SAMPLE)
        shared = 0
        for sheet in book.worksheets:
            for row in sheet.iter_rows(min_row=1):
                for cell in row:
                    if cell.data_type == "s" and cell.value is not None:
                        self.assertEqual(cell.number_format, "@", "%s!%s" % (sheet.title, cell.coordinate))
                        shared += 1
        self.assertGreater(shared, 100)

    def test_frozen_bold_header_with_comments(self):
        book = self.load(SAMPLE)
        for name in SHEETS[1:]:
            sheet = book[name]
            self.assertEqual(sheet.freeze_panes, "A2", name)
            for cell in sheet[1]:
                self.assertTrue(cell.font.b, (name, cell.value))
                self.assertIsNotNone(cell.comment, (name, cell.value))
        comment = book["communities"]["A1"].comment.text
        self.assertIn("社区代码", comment)
        self.assertIn("code", comment)
        households = header(book["communities"]).index("households")
        self.assertIn("非负整数", book["communities"].cell(row=1, column=households + 1).comment.text)

    def test_enum_columns_offer_their_words(self):
        book = self.load(SAMPLE)
        sheet = book["communities"]
        columns = header(sheet)
        letter = sheet.cell(row=1, column=columns.index("kind") + 1).column_letter
        found = lists(sheet)
        self.assertEqual(found.get("%s2:%s1000" % (letter, letter)), ["urban", "rural"])
        # Only enum columns: none on the code column.
        self.assertFalse(any(ref.startswith("A") for ref in found))

    def test_history_sheet_links_to_its_parent(self):
        book = self.load(SAMPLE)
        rows = list(book["consultations_history"].iter_rows(values_only=True))
        self.assertEqual(rows[0], ("id", "state", "at"))
        expected = [(c["id"], item["state"], item["at"])
                    for c in self.sample["consultations"] for item in c.get("history", [])]
        self.assertEqual(rows[1:], expected)

    def test_titles(self):
        book = self.load("--titles", SAMPLE)
        self.assertEqual(book.sheetnames[:3], ["数据集", "行政区划", "社区"])
        sheet = book["社区"]
        self.assertEqual(sheet["A1"].value, "社区代码")
        columns = header(sheet)
        letter = sheet.cell(row=1, column=columns.index("城乡类别") + 1).column_letter
        terms = lists(sheet)["%s2:%s1000" % (letter, letter)]
        self.assertEqual(len(terms), 2)
        self.assertIn(sheet["%s2" % letter].value, terms)
        self.assertEqual(book["数据集"]["A3"].value, "数据截至日期")

    def test_template(self):
        book = self.load("--template")
        self.assertEqual(book.sheetnames, SHEETS)
        self.assertEqual(list(book["dataset"].iter_rows(values_only=True)),
                         [("format", "libcommunity-dataset"), ("version", 1)])
        for name in SHEETS[1:]:
            self.assertEqual(book[name].max_row, 1, name)
            self.assertIsNotNone(book[name]["A1"].value, name)
        self.assertTrue(lists(book["communities"]))


if __name__ == "__main__":
    taprunner.main()
