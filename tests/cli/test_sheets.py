#!/usr/bin/python3
# test_sheets.py: spreadsheets between libcommunity and another implementation
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# DOMAIN.md §9, both ways with Debian's python3-openpyxl:
#   - a workbook openpyxl writes as a person would fill a ledger (Chinese
#     titles, 是/否, date cells, numbers, Chinese vocabulary terms, a notes
#     sheet) loads through community-convert and community-check;
#   - the workbooks community-convert writes (and its template) read back in
#     openpyxl: sheets, headers, text codes, the values;
#   - the refusals a person meets (a code turned into a number, a formula
#     without a cached value) name the cell, in the message and the exit
#     status; community-check's findings name their cells, in text and JSON.
#
# Environment: COMMUNITY_CHECK, COMMUNITY_CONVERT, COMMUNITY_SAMPLE,
# COMMUNITY_GEN. Prints TAP (tests/python/taprunner.py). The openpyxl
# tests are skipped (counted as skips) when it is not installed.

import datetime
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import taprunner  # noqa: E402

try:
    import openpyxl
except ImportError:  # pragma: no cover
    openpyxl = None

CHECK = os.environ.get("COMMUNITY_CHECK", "")
CONVERT = os.environ.get("COMMUNITY_CONVERT", "")
SAMPLE = os.environ.get("COMMUNITY_SAMPLE", "")
GEN = os.environ.get("COMMUNITY_GEN", "")

ENV = dict(os.environ, LC_ALL="C.UTF-8", LANGUAGE="")


def run(*args):
    return subprocess.run(list(args), capture_output=True, text=True, env=ENV)


def canonical(path):
    """A dataset's JSON, as community-convert writes it."""
    with open(path, encoding="utf-8") as f:
        return json.load(f)


class Sheets(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.dir, name)

    def convert(self, *args):
        result = run(CONVERT, *args)
        self.assertEqual(result.returncode, 0, result.stderr)
        return result

    # --- the library's own output, round trip ---

    def test_round_trips_through_the_tool(self):
        for out in ["s.xlsx", "s.zip", "s-csv"]:
            for titles in ([], ["--titles"]):
                self.convert(*titles, SAMPLE, self.path(out))
                self.convert(self.path(out), self.path("back.json"))
                self.convert(SAMPLE, self.path("orig.json"))
                self.assertEqual(canonical(self.path("back.json")), canonical(self.path("orig.json")),
                                 f"{out} {titles}")

    def test_generated_dataset_round_trip(self):
        gen = self.path("gen.json")
        result = run(GEN, "--communities", "40", "--seed", "7", "-o", gen)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.convert(gen, self.path("gen-orig.json"))
        for out in ["gen.xlsx", "gen.zip", "gen-csv"]:
            self.convert(gen, self.path(out))
            self.convert(self.path(out), self.path("gen-back.json"))
            self.assertEqual(canonical(self.path("gen-back.json")), canonical(self.path("gen-orig.json")), out)

    # --- the library's workbooks read by openpyxl ---

    @unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed")
    def test_openpyxl_reads_ours(self):
        self.convert("--titles", SAMPLE, self.path("t.xlsx"))
        book = openpyxl.load_workbook(self.path("t.xlsx"))
        self.assertIn("社区", book.sheetnames)
        self.assertIn("数据集", book.sheetnames)
        sheet = book["社区"]
        headers = [c.value for c in sheet[1]]
        self.assertEqual(headers[0], "社区代码")
        self.assertIn("户数", headers)
        with open(SAMPLE, encoding="utf-8") as f:
            sample = json.load(f)
        first = sample["communities"][0]
        row = {h: c.value for h, c in zip(headers, sheet[2])}
        # Codes are text, counts numbers.
        self.assertEqual(row["社区代码"], first["code"])
        self.assertIsInstance(row["社区代码"], str)
        self.assertEqual(row["户数"], first["households"])
        self.assertEqual(sheet.cell(row=2, column=1).number_format, "@")
        self.assertEqual(sheet.max_row - 1, len(sample["communities"]))

    @unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed")
    def test_template(self):
        self.convert("--template", self.path("template.xlsx"))
        book = openpyxl.load_workbook(self.path("template.xlsx"))
        self.assertIn("communities", book.sheetnames)
        sheet = book["communities"]
        self.assertEqual(sheet.max_row, 1)
        self.assertEqual(sheet.cell(row=1, column=1).value, "code")
        self.assertIsNotNone(sheet.cell(row=1, column=1).comment)
        lists = [dv for dv in sheet.data_validations.dataValidation if dv.type == "list"]
        self.assertTrue(lists, "no drop-down list on the communities sheet")
        # The template, filled in by openpyxl, loads.
        sheet.append(["320213001001", "崇安社区", "urban", "320213001000"])
        book.save(self.path("filled.xlsx"))
        self.convert(self.path("filled.xlsx"), self.path("filled.json"))
        self.assertEqual(canonical(self.path("filled.json"))["communities"][0]["code"], "320213001001")

    # --- a ledger written by openpyxl ---

    def ledger(self):
        book = openpyxl.Workbook()
        notes = book.active
        notes.title = "说明"
        notes.append(["本表由街道填报"])
        data = book.create_sheet("数据集")
        data.append(["数据截至日期", datetime.date(2019, 6, 30)])
        data.append(["区划代码年份", 2018])
        div = book.create_sheet("行政区划")
        div.append(["区划代码", "名称", "层级", "上级区划代码"])
        div.append(["320200000000", "无锡市", "city", None])
        div.append(["320213000000", "梁溪区", "市辖区", "320200000000"])
        div.append(["320213001000", "崇安寺街道", "街道", "320213000000"])
        com = book.create_sheet("社区")
        com.append(["社区代码", "社区名称", "城乡类别", "街道(镇)代码", "户数", "人口",
                    "居(村)委会成员数", "依法自治达标"])
        com.append(["320213001001", "崇安社区", "城市社区", "320213001000", 2500, 6100, 7, "是"])
        com.append(["320213001002", "新街社区", "urban", "320213001000", 2600, 6300, 7, False])
        con = book.create_sheet("社区协商")
        con.append(["编号", "社区代码", "议题", "协商范围", "协商形式", "组织者", "状态"])
        con.append(["K1", "320213001001", "加装电梯", "resident_interest", "residents_council",
                    "party_organization", "deliberating"])
        hist = book.create_sheet("社区协商_历程")
        hist.append(["编号", "状态", "时间"])
        hist.append(["K1", "proposed", datetime.datetime(2019, 3, 2, 9, 30)])
        hist.append(["K1", "deliberating", "2019-03-09T10:00:00+08:00"])
        return book

    @unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed")
    def test_openpyxl_ledger_loads(self):
        book = self.ledger()
        book.save(self.path("ledger.xlsx"))
        self.convert(self.path("ledger.xlsx"), self.path("ledger.json"))
        data = canonical(self.path("ledger.json"))
        self.assertEqual(data["as_of"], "2019-06-30")
        self.assertEqual(data["codes_year"], 2018)
        self.assertEqual(data["divisions"][1]["level"], "district")
        first, second = data["communities"]
        self.assertEqual(first["kind"], "urban")
        self.assertEqual(first["households"], 2500)
        self.assertEqual(first["committee"], {"members": 7})
        self.assertIs(first["self_governance_compliant"], True)
        self.assertIs(second["self_governance_compliant"], False)
        history = data["consultations"][0]["history"]
        self.assertEqual([h["state"] for h in history], ["proposed", "deliberating"])
        # A date-time cell has no zone: China Standard Time.
        self.assertEqual(history[0]["at"], "2019-03-02T09:30:00+08:00")

    @unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed")
    def test_openpyxl_code_as_number_refused(self):
        book = self.ledger()
        book["社区"]["A3"] = 320213001002
        book.save(self.path("bad.xlsx"))
        result = run(CONVERT, self.path("bad.xlsx"), self.path("bad.json"))
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertIn("社区!A3 (code): /communities/1/code: expected text", result.stderr)
        self.assertFalse(os.path.exists(self.path("bad.json")))
        result = run(CHECK, self.path("bad.xlsx"))
        self.assertEqual(result.returncode, 2)
        self.assertIn("社区!A3 (code)", result.stderr)

    @unittest.skipIf(openpyxl is None, "python3-openpyxl is not installed")
    def test_openpyxl_formula_without_value_refused(self):
        book = self.ledger()
        book["社区"]["F2"] = "=E2*2"   # openpyxl stores no cached value
        book.save(self.path("formula.xlsx"))
        result = run(CONVERT, self.path("formula.xlsx"), self.path("formula.json"))
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("F2", result.stderr)

    # --- LibreOffice (libreoffice-calc-nogui, installed by ./run) ---

    def libreoffice_copy(self, path, out):
        """The workbook at @path, opened and saved again by LibreOffice Calc
        into the folder @out: the copy's path."""
        env = dict(ENV, HOME=self.dir)
        result = subprocess.run(["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                                 "--outdir", out, path],
                                capture_output=True, text=True, env=env, timeout=300)
        self.assertEqual(result.returncode, 0, result.stderr)
        copy = os.path.join(out, os.path.basename(path))
        self.assertTrue(os.path.exists(copy), result.stdout + result.stderr)
        return copy

    @unittest.skipIf(shutil.which("soffice") is None, "LibreOffice (soffice) is not installed")
    def test_libreoffice_resaved_workbook(self):
        """Our workbook, opened and saved again by LibreOffice Calc (its own
        shared strings, styles and XML), loads into the same dataset."""
        self.convert("--titles", SAMPLE, self.path("in.xlsx"))
        resaved = self.libreoffice_copy(self.path("in.xlsx"), self.path("lo"))
        with open(resaved, "rb") as f, open(self.path("in.xlsx"), "rb") as g:
            self.assertNotEqual(f.read(), g.read())   # really LibreOffice's
        self.convert(resaved, self.path("back.json"))
        self.convert(SAMPLE, self.path("orig.json"))
        self.assertEqual(canonical(self.path("back.json")), canonical(self.path("orig.json")))

    @unittest.skipIf(shutil.which("soffice") is None, "LibreOffice (soffice) is not installed")
    def test_libreoffice_reads_pieces_and_shared_strings(self):
        """A workbook whose largest sheet was deflated in several pieces on
        several threads, with a vocabulary's words in shared strings:
        LibreOffice reads it, and its copy loads into the same dataset."""
        import zipfile
        gen = self.path("big.json")
        result = run(GEN, "--communities", "150", "--seed", "3", "-o", gen)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.convert(gen, self.path("big.xlsx"))
        with zipfile.ZipFile(self.path("big.xlsx")) as z:
            largest = max(z.infolist(), key=lambda i: i.file_size)
            self.assertGreater(largest.file_size, 1 << 20, largest.filename)   # pieces of 1 MiB
            self.assertIn("xl/sharedStrings.xml", z.namelist())
        resaved = self.libreoffice_copy(self.path("big.xlsx"), self.path("lo-big"))
        self.convert(resaved, self.path("big-back.json"))
        self.convert(gen, self.path("big-orig.json"))
        self.assertEqual(canonical(self.path("big-back.json")), canonical(self.path("big-orig.json")))

    # --- nothing of a cell reaches standard error ---

    def test_libxml2_says_nothing_of_the_bytes(self):
        """A worksheet whose declared encoding its bytes break: libxml2
        reports that through its own error function, with the bytes; the
        tool prints its one line, naming the part, and nothing else."""
        import zipfile
        self.convert(SAMPLE, self.path("good.xlsx"))
        good = zipfile.ZipFile(self.path("good.xlsx"))
        with zipfile.ZipFile(self.path("bad.xlsx"), "w") as bad:
            for name in good.namelist():
                data = good.read(name)
                if name == "xl/worksheets/sheet2.xml":
                    data = (b'<?xml version="1.0" encoding="GB2312"?><worksheet><sheetData><row r="1">'
                            b'<c r="A1" t="inlineStr"><is><t>13912345678 \xff\xff\xffsecret</t></is></c>'
                            b'</row></sheetData></worksheet>')
                bad.writestr(name, data)
        result = run(CONVERT, self.path("bad.xlsx"), self.path("bad.json"))
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertEqual(len(result.stderr.splitlines()), 1, result.stderr)
        self.assertIn("not well-formed XML", result.stderr)
        for leak in ("0xFF", "13912345678", "secret", "encoding error"):
            self.assertNotIn(leak, result.stderr)

    # --- findings name their cells ---

    def test_findings_name_cells(self):
        self.convert("--titles", SAMPLE, self.path("c.xlsx"))
        result = run(CHECK, "--format", "json", self.path("c.xlsx"))
        self.assertIn(result.returncode, (0, 1), result.stderr)
        report = json.loads(result.stdout)
        from_json = json.loads(run(CHECK, "--format", "json", SAMPLE).stdout)
        self.assertEqual(len(report["findings"]), len(from_json["findings"]))
        cells = {f["path"]: f.get("cell") for f in report["findings"]}
        self.assertTrue(all("cell" not in f for f in from_json["findings"]))
        # The sample's one grid.leader finding: /grids/17/leader, row 19 of 网格.
        self.assertIn("/grids/17/leader", cells)
        self.assertRegex(cells["/grids/17/leader"], r"^网格![A-Z]+19$")
        # The cell is beside the path, in the member order of the report.
        finding = next(f for f in report["findings"] if f["path"] == "/grids/17/leader")
        keys = list(finding)
        self.assertEqual(keys.index("cell"), keys.index("path") + 1)
        text = run(CHECK, self.path("c.xlsx")).stdout
        self.assertRegex(text, r"/grids/17/leader\s+网格![A-Z]+19\s")

    def test_convert_help_in_chinese(self):
        """--help is translated, its own options and summary included (the
        library binds the text domain before the options are parsed)."""
        result = subprocess.run([CONVERT, "--help"], capture_output=True, text=True,
                                env=dict(ENV, LANGUAGE="zh_CN", LC_ALL="C.UTF-8"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("输入 输出", result.stdout)
        self.assertIn("在 JSON、Excel 工作簿和 CSV 之间转换数据集", result.stdout)
        self.assertIn("中文标题", result.stdout)

    def test_convert_usage(self):
        result = run(CONVERT, SAMPLE)
        self.assertEqual(result.returncode, 2)
        result = run(CONVERT, "--to", "pdf", SAMPLE, self.path("x"))
        self.assertEqual(result.returncode, 2)
        result = run(CONVERT, self.path("missing.xlsx"), self.path("x.json"))
        self.assertEqual(result.returncode, 2)


if __name__ == "__main__":
    taprunner.main()
