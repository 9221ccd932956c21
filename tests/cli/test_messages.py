# test_messages.py: the messages speak the policy's language (DOMAIN.md §4)
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Environment: as tests/cli/test_cli.py (COMMUNITY_CHECK, COMMUNITY_SAMPLE;
# GI_TYPELIB_PATH for the list of vocabulary values). COMMUNITY_LOCALEDIR
# is removed from every run but one: the tool run from the build tree finds
# the build tree's catalogs by itself.
#
# Two datasets: the sample, and the sample broken on purpose so that the
# rules whose messages name vocabulary values, positions, divisions and
# references all speak: a worker's name typed into a grid's leader and
# into a work item's department (ref.unresolved, which must not quote it),
# a bad third administrator (positions count from 1), a consultation whose
# history starts in `deliberating`, a `demolition` item laid on the
# residents' committee, a district whose code does not continue the city's,
# and a malformed ID number (a rule that cites no clause).
#
# Prints TAP (tests/python/taprunner.py).

import copy
import json
import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import taprunner  # noqa: E402

CHECK = os.environ.get("COMMUNITY_CHECK", "")
SAMPLE = os.environ.get("COMMUNITY_SAMPLE", "")

# Every indicator of DOMAIN.md §5 and its titles (English, Chinese).
TITLES = {
    "self-governance.compliance": ("Villages' and residents' committees self-governing to standard",
                                   "村(居)民委员会依法自治达标率"),
    "grid.coverage": ("Coverage of grid-based management and services", "网格化管理服务覆盖率"),
    "service-config.compliance": ("Basic public service functions configured to standard",
                                  "基本公共服务功能配置达标率"),
    "home-care.informatization": ("Coverage of home-care informatization", "居家养老信息化覆盖率"),
}


def environment(chinese=False, build_tree_catalogs=True, **extra):
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("LC_") or k in ("LANG", "LANGUAGE"))}
    if build_tree_catalogs:
        env.pop("COMMUNITY_LOCALEDIR", None)
    env["LC_ALL"] = "C.UTF-8"
    if chinese:
        env["LANGUAGE"] = "zh_CN"
    env.update(extra)
    return env


def run(*args, env):
    return subprocess.run([CHECK, *args], capture_output=True, env=env, timeout=120)


def vocabulary_nicks():
    """Every nick of every enum and flags type of the library, from its
    GIR; None without introspection."""
    try:
        import gi
        gi.require_version("Community", "1.0")
        from gi.repository import Community, GObject
    except (ImportError, ValueError):
        return None
    nicks = set()
    for name in dir(Community):
        kind = getattr(Community, name)
        if not isinstance(kind, type):
            continue
        if issubclass(kind, GObject.GEnum):
            nicks.update(value.value_nick for value in kind.__enum_values__.values())
        elif issubclass(kind, GObject.GFlags):
            for value in kind.__flags_values__.values():
                nicks.update(value.value_nicks)
    return nicks


def broken_sample():
    with open(SAMPLE, encoding="utf-8") as f:
        data = json.load(f)
    broken = copy.deepcopy(data)
    name = next(w["name"] for w in data["workers"] if w.get("name"))
    grid = broken["grids"][0]
    grid["leader"] = name
    grid["administrators"] = grid["administrators"][:2] + ["W9999"]
    broken["work_items"][0]["department"] = name
    item = broken["work_items"][1]
    item["category"] = "demolition"
    item["responsible_subject"] = "community_committee"
    consultation = broken["consultations"][0]
    consultation["history"] = consultation["history"][1:]
    district = next(d for d in broken["divisions"] if d["code"] == "320213000000")
    district["parent"] = "320500000000"
    broken["divisions"].append({"code": "320500000000", "name": "苏州市", "level": "city"})
    broken["workers"][1]["id_number"] = "320202199102231548"
    return data, broken, name


class MessagesTestCase(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not CHECK or not SAMPLE:
            raise unittest.SkipTest("COMMUNITY_CHECK and COMMUNITY_SAMPLE are not set")
        cls.data, cls.broken, cls.planted = broken_sample()
        cls.tmp = tempfile.TemporaryDirectory()
        cls.broken_path = os.path.join(cls.tmp.name, "broken.json")
        with open(cls.broken_path, "w", encoding="utf-8") as f:
            json.dump(cls.broken, f, ensure_ascii=False)
        cls.outputs = {}
        for label, path in (("sample", SAMPLE), ("broken", cls.broken_path)):
            for chinese in (False, True):
                env = environment(chinese)
                text = run(path, "--fail-on", "never", env=env)
                report = run(path, "--fail-on", "never", "--format", "json", env=env)
                assert text.returncode == 0 and report.returncode == 0, text.stderr
                cls.outputs[label, chinese] = (text.stdout.decode("utf-8"),
                                               json.loads(report.stdout.decode("utf-8")))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def findings(self, label, chinese, rule=None):
        return [f for f in self.outputs[label, chinese][1]["findings"]
                if rule is None or f["rule"] == rule]

    def finding_at(self, label, chinese, rule, path):
        found = [f for f in self.findings(label, chinese, rule) if f["path"] == path]
        self.assertEqual(len(found), 1, (rule, path, self.findings(label, chinese, rule)))
        return found[0]


class TestVocabulary(MessagesTestCase):
    def test_no_null(self):
        for (label, chinese), (text, report) in self.outputs.items():
            with self.subTest(dataset=label, chinese=chinese):
                self.assertNotIn("(null)", text)
                for finding in report["findings"]:
                    self.assertNotIn("(null)", finding["message"])

    def test_no_json_words_in_chinese(self):
        nicks = vocabulary_nicks()
        if nicks is None:
            self.skipTest("no Community GIR (introspection disabled)")
        self.assertIn("demolition", nicks)
        self.assertIn("deliberating", nicks)
        words = re.compile(r"(?<![A-Za-z_])(%s)(?![A-Za-z_])"
                           % "|".join(sorted(map(re.escape, nicks), key=len, reverse=True)))
        for label in ("sample", "broken"):
            findings = self.findings(label, True)
            self.assertTrue(findings)
            for finding in findings:
                with self.subTest(dataset=label, rule=finding["rule"], path=finding["path"]):
                    self.assertIsNone(words.search(finding["message"]), finding["message"])

    def test_no_snake_case_words_in_english(self):
        nicks = vocabulary_nicks()
        if nicks is None:
            self.skipTest("no Community GIR (introspection disabled)")
        for label in ("sample", "broken"):
            for finding in self.findings(label, False):
                for nick in (n for n in nicks if "_" in n):
                    self.assertNotIn(nick, finding["message"], finding)

    def test_terms(self):
        demolition = self.finding_at("broken", True, "work-item.prohibited-subject", "/work_items/1/responsible_subject")
        self.assertIn("拆迁拆违", demolition["message"])
        self.assertIn("demolition and removal of illegal buildings",
                      self.finding_at("broken", False, "work-item.prohibited-subject",
                                      "/work_items/1/responsible_subject")["message"])
        history = self.finding_at("broken", True, "consultation.history", "/consultations/0/history/0")
        self.assertEqual(history["message"], "社区协商 K001 的历史记录始于“协商中”，而不是“提出”")
        self.assertEqual(history["actual"], "deliberating")   # the data keep their words

    def test_policy_terms(self):
        admission = self.finding_at("sample", True, "work-item.admission", "/work_items/5/legal_review/approved")
        self.assertIn("两份清单", admission["message"])
        self.assertNotIn("两张", self.outputs["sample", True][0])


class TestReferences(MessagesTestCase):
    def test_planted_name_never_printed(self):
        """A worker's name typed into a grid's leader and a work item's
        department: ref.unresolved reports both, and neither the text
        output nor any message quotes the name."""
        for chinese in (False, True):
            text, report = self.outputs["broken", chinese]
            paths = [f["path"] for f in report["findings"] if f["rule"] == "ref.unresolved"]
            self.assertIn("/grids/0/leader", paths)
            self.assertIn("/work_items/0/department", paths)
            self.assertNotIn(self.planted, text)
            for finding in report["findings"]:
                self.assertNotIn(self.planted, finding["message"], finding)
            # Nor does the finding carry it: actual is null, the path
            # points at the value in the data.
            self.assertNotIn(self.planted, json.dumps(report, ensure_ascii=False))
            for finding in report["findings"]:
                if finding["rule"] == "ref.unresolved":
                    self.assertIsNone(finding["actual"], finding)

    def test_reference_message(self):
        leader = self.finding_at("broken", True, "ref.unresolved", "/grids/0/leader")
        self.assertEqual(leader["message"], "网格 320213025001-G01 的网格长在数据集中没有对应的社区工作者")
        leader = self.finding_at("broken", False, "ref.unresolved", "/grids/0/leader")
        self.assertEqual(leader["message"],
                         "The grid leader of grid 320213025001-G01 names no community worker in the dataset")

    def test_positions_from_one(self):
        """Item 2 of a list (index 2 in the JSON Pointer) is its third item."""
        chinese = self.finding_at("broken", True, "ref.unresolved", "/grids/0/administrators/2")
        self.assertIn("第 3 项", chinese["message"])
        english = self.finding_at("broken", False, "ref.unresolved", "/grids/0/administrators/2")
        self.assertTrue(english["message"].startswith("Item 3 of the grid administrators of grid "),
                        english["message"])
        history = self.finding_at("broken", False, "consultation.history", "/consultations/0/history/0")
        self.assertNotIn("Entry 0", history["message"])


class TestDivisions(MessagesTestCase):
    def test_street_by_name_and_code(self):
        for chinese in (False, True):
            station = self.finding_at("sample", chinese, "street.party-guidance-station", "/divisions/7")
            self.assertIn("鸿山街道 320214055000", station["message"])

    def test_parent_by_name_and_code(self):
        code = self.finding_at("broken", True, "code.format", "/divisions/1/code")
        self.assertIn("苏州市 320500000000", code["message"])
        self.assertIn("市辖区 320213000000", code["message"])


class TestClause(MessagesTestCase):
    def test_rule_without_clause(self):
        headings = {False: r"^%s \(error, clause —\): \d+ findings?$", True: r"^%s（错误，条款 —）：\d+ 项$"}
        for chinese, heading in headings.items():
            text, report = self.outputs["broken", chinese]
            for rule in ("ref.unresolved", "worker.id-number"):
                self.assertRegex(text, re.compile(heading % re.escape(rule), re.M))
            for finding in report["findings"]:
                if finding["rule"] in ("ref.unresolved", "worker.id-number"):
                    self.assertIsNone(finding["clause"])   # the report keeps null


class TestIndicatorTitles(MessagesTestCase):
    def test_text_shows_titles(self):
        for chinese in (False, True):
            text = self.outputs["sample", chinese][0]
            block = text.split("320200000000\n", 1)[1].split("\n\n")[0]
            for indicator, titles in TITLES.items():
                line = next(l for l in block.splitlines() if l.split()[:1] == [indicator])
                self.assertIn(titles[chinese], line)

    def test_json_titles(self):
        for chinese in (False, True):
            indicators = self.outputs["sample", chinese][1]["indicators"]
            for indicator in indicators:
                self.assertTrue(indicator.get("title"), indicator)
                if indicator["id"] in TITLES:
                    self.assertEqual(indicator["title"], TITLES[indicator["id"]][chinese])


# The vocabularies of the dataset format (include/community/community-enums.h).
VOCABULARIES = [
    "EntityKind", "DivisionLevel", "CommunityKind", "CivilizedLevel", "ServiceModel",
    "GridKind", "GridBaseUnit", "WorkerRoles", "Employment", "Certificate", "FacilityKind",
    "UtilityPricing", "ConsultationScope", "ConsultationMethod", "ConsultationLead",
    "ConsultationState", "WorkList", "WorkCategory", "ResponsibleSubject", "Delivery",
    "ApprovalBody", "WorkItemState", "Activities", "ServedGroups", "DepartmentKind",
    "FundingPurpose", "Severity", "CommendationKind", "Issuer",
]

TERMS_SCRIPT = """
import json, locale, sys
locale.setlocale(locale.LC_ALL, "")
import gi
gi.require_version("Community", "1.0")
from gi.repository import Community, GObject
terms = {}
for name in sys.argv[1:]:
    kind = getattr(Community, name)
    if issubclass(kind, GObject.GFlags):
        values = [(v.value_nicks[0], int(v)) for v in kind.__flags_values__.values()]
    else:
        values = [(v.value_nick, int(v)) for v in kind.__enum_values__.values()]
    for nick, value in values:
        terms["%s/%s" % (name, nick)] = [Community.vocabulary_get_term(kind.__gtype__, value),
                                         Community.vocabulary_get_term_for_nick(kind.__gtype__, nick)]
print(json.dumps(terms))
"""


class TestVocabularyTerms(unittest.TestCase):
    def terms(self, chinese):
        if vocabulary_nicks() is None:
            self.skipTest("no Community GIR (introspection disabled)")
        result = subprocess.run([sys.executable, "-c", TERMS_SCRIPT, *VOCABULARIES],
                                capture_output=True, env=environment(chinese), timeout=60)
        self.assertEqual(result.returncode, 0, result.stderr)
        return json.loads(result.stdout)

    def test_every_value_has_a_term(self):
        english, chinese = self.terms(False), self.terms(True)
        self.assertGreaterEqual(len(english), 130)
        self.assertEqual(english.keys(), chinese.keys())
        cjk = re.compile("[\u4e00-\u9fff]")
        for key, (term, by_nick) in english.items():
            self.assertTrue(term, key)
            self.assertEqual(term, by_nick, key)
            self.assertIsNone(cjk.search(term), key)
            self.assertNotIn("_", term, key)
        for key, (term, by_nick) in chinese.items():
            self.assertTrue(term and cjk.search(term), (key, term))
            self.assertEqual(term, by_nick, key)
        # The policy's own words (DOMAIN.md §2).
        for key, term in (("WorkCategory/demolition", "拆迁拆违"), ("WorkCategory/assessment", "考核"),
                          ("FacilityKind/community_service_center", "社区综合服务设施"),
                          ("WorkerRoles/grid_leader", "网格长"),
                          ("WorkList/assisting_government", "协助政府工作事项清单"),
                          ("FundingPurpose/community_operations", "社区基本运转经费"),
                          ("ServiceModel/separated", "居站分设"),
                          ("FundingPurpose/weak_area_subsidy", "财力相对薄弱地区补助"),
                          ("Issuer/grassroots_government", "基层政府"),
                          ("CommendationKind/party_organization", "社区党组织(居委会)")):
            self.assertEqual(chinese[key][0], term)


class TestCatalogs(unittest.TestCase):
    def test_build_tree_without_localedir(self):
        """Run from the build tree, the tool finds the catalogs built there."""
        env = environment(chinese=True, build_tree_catalogs=True)
        self.assertNotIn("COMMUNITY_LOCALEDIR", env)
        result = run(SAMPLE, env=env)
        self.assertIn("合计：", result.stdout.decode("utf-8"))

    def test_missing_locale_warns(self):
        """LANG names a locale the system lacks: a warning that points at
        LANGUAGE=zh_CN, once, instead of silent English."""
        locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
        missing = "xx_XX.UTF-8"
        self.assertNotIn(missing.lower().replace("-", ""), [l.lower().replace("-", "") for l in locales])
        env = environment()
        del env["LC_ALL"]
        env["LANG"] = missing
        result = run(SAMPLE, env=env)
        errors = result.stderr.decode("utf-8")
        self.assertEqual(errors.count("warning:"), 1, errors)
        self.assertIn("LANG=" + missing, errors)
        self.assertIn("LANGUAGE=zh_CN", errors)
        self.assertIn("Totals:", result.stdout.decode("utf-8"))

        # With LANGUAGE set as the warning says, the messages are Chinese.
        env["LANGUAGE"] = "zh_CN"
        result = run(SAMPLE, env=env)
        self.assertIn("合计：", result.stdout.decode("utf-8"))
        self.assertEqual(result.stderr.decode("utf-8").count("warning:"), 1)

    def test_available_locale_is_silent(self):
        result = run(SAMPLE, env=environment(chinese=True))
        self.assertEqual(result.stderr.decode("utf-8"), "")


if __name__ == "__main__":
    taprunner.main()
