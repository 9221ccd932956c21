#!/usr/bin/python3
"""Checks the generated rule catalog against the library's ruleset.

Usage: test-rule-catalog.py rules.md indicators.md rulesets.md
with GI_TYPELIB_PATH and LD_LIBRARY_PATH set (meson test does). Prints TAP.

rules.md and indicators.md are generated at build time by
gen-rule-catalog.py from lib/data/wuxi-2018.json. This test reads the
built-in ruleset `wuxi-2018` through the library instead, and checks that
the catalog lists every rule (and nothing else) with its severity, clause,
description, whether it is enabled and each parameter with its default,
and every indicator with its target and clause; and that the example
ruleset of the guide page rulesets.md loads.
"""

import math
import os
import re
import sys
import unittest

import gi

gi.require_version("Community", "1.0")
gi.require_version("Json", "1.0")
from gi.repository import Community  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "python"))
import taprunner  # noqa: E402

RULES_PAGE = INDICATORS_PAGE = RULESETS_PAGE = None

SEVERITY = {
    Community.Severity.ERROR: "error",
    Community.Severity.WARNING: "warning",
    Community.Severity.INFO: "info",
}


def number(value):
    if value is None:
        return "none (the policy gives no number: a ruleset sets it)"
    return str(int(value)) if value == int(value) else repr(value)


def sections(text):
    """'## id' heading -> its text."""
    parts = re.split(r"^## (.+)$", text, flags=re.M)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def table_rows(text):
    """First cell (without link or backticks) -> the row's cells."""
    rows = {}
    for line in text.splitlines():
        if not line.startswith("| ") or line.startswith("| ---"):
            continue
        cells = [c.strip() for c in line.strip("|").split(" | ")]
        key = re.sub(r"^\[`(.+)`\]\(#.*\)$", r"\1", cells[0]).strip("`")
        rows[key] = cells
    return rows


def params(ruleset, rule):
    obj = ruleset.get_rule_params(rule)
    if obj is None:
        return {}
    return {name: None if obj.get_null_member(name) else obj.get_double_member(name)
            for name in obj.get_members()}


class RuleCatalog(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.ruleset = Community.Ruleset.new_builtin("wuxi-2018")
        with open(RULES_PAGE, encoding="utf-8") as f:
            cls.rules_text = f.read()
        with open(INDICATORS_PAGE, encoding="utf-8") as f:
            cls.indicators_text = f.read()
        cls.rules = list(cls.ruleset.list_rules())
        cls.indicators = list(cls.ruleset.list_indicators())

    def test_the_ruleset_has_rules_and_indicators(self):
        self.assertGreaterEqual(len(self.rules), 33)
        self.assertGreaterEqual(len(self.indicators), 16)

    def test_the_pages_are_content_pages(self):
        self.assertTrue(self.rules_text.startswith("Title: Rule catalog\n"))
        self.assertTrue(self.indicators_text.startswith("Title: Indicators and targets\n"))

    def test_every_rule_has_a_section_and_nothing_else_does(self):
        self.assertEqual(list(sections(self.rules_text)), self.rules)

    def test_every_rule_is_in_the_summary_table(self):
        rows = table_rows(self.rules_text)
        rows.pop("rule", None)  # the header
        self.assertEqual(list(rows), self.rules)
        for rule in self.rules:
            with self.subTest(rule=rule):
                _, severity, clause, parameters = rows[rule]
                expected = SEVERITY[self.ruleset.get_rule_severity(rule)]
                if not self.ruleset.get_rule_enabled(rule):
                    expected += " (disabled)"
                self.assertEqual(severity, expected)
                self.assertEqual(clause, self.ruleset.get_rule_clause(rule) or "—")
                want = ", ".join(f"`{p}` = {number(v)}" for p, v in params(self.ruleset, rule).items())
                self.assertEqual(parameters, want or "—")

    def test_every_rule_section_says_what_it_checks(self):
        body = sections(self.rules_text)
        for rule in self.rules:
            with self.subTest(rule=rule):
                text = body[rule]
                description = self.ruleset.get_rule_description(rule)
                self.assertTrue(description)
                self.assertIn(description, text)
                self.assertIn(f":   `{SEVERITY[self.ruleset.get_rule_severity(rule)]}`", text)
                self.assertIn(":   yes" if self.ruleset.get_rule_enabled(rule) else ":   no", text)
                clause = self.ruleset.get_rule_clause(rule)
                for part in (clause.split(", ") if clause else ["none"]):
                    self.assertIn(part, text.split("Clause\n")[1].split("\n")[0])
                for name, value in params(self.ruleset, rule).items():
                    self.assertIn(f"`{name}`, default {number(value)}", text)
                if not params(self.ruleset, rule):
                    self.assertIn("Parameters\n:   none", text)

    def test_the_counts(self):
        counts = {s: sum(1 for r in self.rules if SEVERITY[self.ruleset.get_rule_severity(r)] == s)
                  for s in ("error", "warning", "info")}
        self.assertIn(f"{len(self.rules)} rules: {counts['error']} errors, "
                      f"{counts['warning']} warnings and {counts['info']} infos", self.rules_text)

    def test_every_indicator_is_listed_with_its_target(self):
        rows = table_rows(self.indicators_text)
        rows.pop("indicator", None)
        self.assertEqual(list(rows), self.indicators)
        for indicator in self.indicators:
            with self.subTest(indicator=indicator):
                _, target, clause, description = rows[indicator]
                value = self.ruleset.get_indicator_target(indicator)
                if math.isnan(value):
                    # a monitoring indicator: the policy sets no target
                    self.assertEqual(target, "— (monitoring)")
                    continue
                sign = "=" if value >= 1 else "≥"
                self.assertEqual(target, f"{sign} {value * 100:.1f}".rstrip("0").rstrip(".") + "%")
                self.assertEqual(clause, self.ruleset.get_indicator_clause(indicator) or "—")
                self.assertTrue(description)

    def test_the_example_ruleset_of_the_guide_loads(self):
        with open(RULESETS_PAGE, encoding="utf-8") as f:
            blocks = re.findall(r"^```json\n(.*?)^```$", f.read(), re.M | re.S)
        examples = [b for b in blocks if '"libcommunity-ruleset"' in b]
        self.assertTrue(examples)
        for block in examples:
            ruleset = Community.Ruleset.new_from_data(block.encode("utf-8"))
            self.assertNotEqual(ruleset.get_name(), "custom")

    def test_the_guide_turns_on_a_rule_without_a_number(self):
        """The deadlines example: consultation.feedback-overdue, off in
        wuxi-2018, reports the sample's K004 once the days are set."""
        with open(RULESETS_PAGE, encoding="utf-8") as f:
            blocks = re.findall(r"^```json\n(.*?)^```$", f.read(), re.M | re.S)
        block = next(b for b in blocks if '"consultation.feedback-overdue"' in b)
        dataset = Community.Dataset.new()
        dataset.load_from_file(os.environ["COMMUNITY_SAMPLE"])
        builtin = Community.Validator.new(self.ruleset).run(dataset)
        report = Community.Validator.new(Community.Ruleset.new_from_data(block.encode("utf-8"))).run(dataset)
        self.assertFalse(self.ruleset.get_rule_enabled("consultation.feedback-overdue"))
        self.assertEqual([f for f in builtin.get_findings() if f.get_rule() == "consultation.feedback-overdue"], [])
        overdue = [f for f in report.get_findings() if f.get_rule() == "consultation.feedback-overdue"]
        self.assertEqual([(f.get_subject_id(), f.get_path()) for f in overdue], [("K004", "/consultations/3/state")])


if __name__ == "__main__":
    RULES_PAGE, INDICATORS_PAGE, RULESETS_PAGE = sys.argv[1], sys.argv[2], sys.argv[3]
    del sys.argv[1:]
    taprunner.main()
