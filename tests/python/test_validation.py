#!/usr/bin/python3
# test_validation.py: validating the sample with the wuxi-2018 ruleset, from Python
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run with the system Python and the build's typelib, e.g.
#
#   GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
#   COMMUNITY_SAMPLE=examples/data/wuxi-sample.json \
#   /usr/bin/python3 tests/python/test_validation.py
#
# The sample has nine defects on purpose (examples/data/README.md); the
# findings they produce are listed below, as community-check reports them.

import json
import unittest

import gi

gi.require_version("Community", "1.0")
gi.require_version("GLib", "2.0")
gi.require_version("Json", "1.0")
from gi.repository import Community, GLib, Json  # noqa: E402

import taprunner  # noqa: E402
from samples import load_sample, sample_copy, sample_json  # noqa: E402

RULESET_ERROR = "community-ruleset-error-quark"
CITY = "320200000000"
LIANGXI = "320213000000"   # 梁溪区
XISHAN = "320205000000"    # 锡山区
HONGSHAN = "320214055000"  # 鸿山街道

ERROR = Community.Severity.ERROR
WARNING = Community.Severity.WARNING
INFO = Community.Severity.INFO

# (rule, severity, subject kind, subject id, path, expected, actual), in the
# report's order (catalog order of the rules).
EXPECTED_FINDINGS = [
    ("facility.area-per-households", ERROR, Community.EntityKind.COMMUNITY,
     "320213025005", "/communities/2", 1100, 860),
    ("street.party-guidance-station", WARNING, Community.EntityKind.DIVISION,
     "320214055000", "/divisions/7", 1, 0),
    ("worker.pay-floor", WARNING, Community.EntityKind.DIVISION,
     LIANGXI, "/divisions/1", 112480, 110353),
    ("grid.leader", ERROR, Community.EntityKind.GRID,
     "320205106001-G02", "/grids/17/leader", "320205106001", None),
    ("grid.coverage", ERROR, Community.EntityKind.COMMUNITY,
     "320213025009", "/communities/3/households", 2320, 2180),
    ("funding.community-floor", ERROR, Community.EntityKind.COMMUNITY,
     "320205106203", "/communities/9", {"year": 2019, "min": 300000}, 250000),
    ("work-item.admission", ERROR, Community.EntityKind.WORK_ITEM,
     "WI-06", "/work_items/5/legal_review/approved", True, False),
    ("work-item.department-assessment", ERROR, Community.EntityKind.WORK_ITEM,
     "WI-11", "/work_items/10/issued_by", "grassroots_government", "department"),
    ("commendation.annual", WARNING, Community.EntityKind.DIVISION,
     CITY, "/divisions/0", {"year": 2019, "kind": "full_time_worker", "count": 10}, 8),
]

# How a finding's message names its subject: by its code or id, except the
# city, which the commendation rule calls "the city".
MESSAGE_NAMES = {CITY: "the city"}


def ruleset_document(**members):
    """A ruleset document with the given members, as UTF-8 bytes."""
    root = {"format": "libcommunity-ruleset", "version": 1}
    root.update(members)
    return json.dumps(root, ensure_ascii=False).encode("utf-8")


def wuxi_2018():
    return Community.Ruleset.new_builtin("wuxi-2018")


def validate(dataset, ruleset=None):
    return Community.Validator.new(ruleset or wuxi_2018()).run(dataset)


def node_value(node):
    """A JsonNode as the json module would read it."""
    if node is None:
        return None
    return json.loads(Json.to_string(node, False))


# The overrides give expected and actual as Python values; the Json.Node the
# library gives is behind get_expected_node() and get_actual_node().


def keys(findings):
    return [(f.get_rule(), f.get_subject_id(), f.get_path()) for f in findings]


def personal_values(workers):
    return [w[k] for w in workers for k in ("id_number", "phone") if k in w]


def full_time_staff_of_district(data, district):
    """The full-time community staff with a known pay in the communities of
    @district's streets and towns (DOMAIN.md §2, §4 worker.pay-floor), read
    from the document @data itself."""
    streets = {d["code"] for d in data["divisions"] if d.get("parent") == district}
    communities = {c["code"] for c in data["communities"] if c["street"] in streets}
    return [w for w in data["workers"]
            if w.get("community") in communities
            and w["employment"] == "full_time"
            and "annual_pay_yuan" in w
            and set(w["roles"]) - {"legal_advisor", "first_secretary"}]


def baseline(data, division, year):
    return next(b["average_annual_wage_yuan"] for b in data["wage_baselines"]
                if b["division"] == division and b["year"] == year)


class ValidationTestCase(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.ruleset = wuxi_2018()
        cls.dataset = load_sample()
        cls.report = Community.Validator.new(cls.ruleset).run(cls.dataset)

    def finding(self, rule, report=None):
        matches = list((report or self.report).filter(INFO, rule, None, None))
        self.assertEqual(len(matches), 1, "findings of %s" % rule)
        return matches[0]


class FindingsTest(ValidationTestCase):

    def test_report_of_ruleset(self):
        self.assertIsInstance(self.report, Community.Report)
        self.assertEqual(self.report.get_ruleset(), "wuxi-2018")
        self.assertEqual(self.ruleset.get_name(), "wuxi-2018")
        self.assertIn("wuxi-2018", Community.Ruleset.list_builtin())

    def test_exactly_the_nine_findings(self):
        findings = self.report.get_findings()
        self.assertEqual(findings.get_item_type(), Community.Finding.__gtype__)
        self.assertEqual(sorted(keys(findings)),
                         sorted((rule, subject, path)
                                for rule, _s, _k, subject, path, _e, _a in EXPECTED_FINDINGS))
        self.assertEqual(findings.get_n_items(), 9)

    def test_threads(self):
        # A run on several threads gives the sequential run's report.
        validator = Community.Validator(ruleset=self.ruleset, threads=1)
        self.assertEqual(validator.props.threads, 1)
        serial = validator.run(self.dataset).to_data()[0]
        for threads in (0, 2, 5):
            validator.set_threads(threads)
            self.assertEqual(validator.get_threads(), threads)
            self.assertEqual(validator.run(self.dataset).to_data()[0], serial)
        self.assertEqual(Community.Validator.new(self.ruleset).props.threads, 0)

    def test_findings_in_catalog_order(self):
        self.assertEqual(keys(self.report.get_findings()),
                         [(rule, subject, path)
                          for rule, _s, _k, subject, path, _e, _a in EXPECTED_FINDINGS])
        rules = list(self.ruleset.list_rules())
        positions = [rules.index(f.get_rule()) for f in self.report.get_findings()]
        self.assertEqual(positions, sorted(positions))

    def test_every_finding_in_detail(self):
        by_rule = {f.get_rule(): f for f in self.report.get_findings()}
        for rule, severity, kind, subject, path, expected, actual in EXPECTED_FINDINGS:
            with self.subTest(rule=rule):
                finding = by_rule[rule]
                self.assertIsInstance(finding, Community.Finding)
                self.assertEqual(finding.get_severity(), severity)
                self.assertEqual(finding.get_severity(), self.ruleset.get_rule_severity(rule))
                self.assertEqual(finding.get_subject_kind(), kind)
                self.assertEqual(finding.get_subject_id(), subject)
                self.assertEqual(finding.get_path(), path)
                self.assertEqual(finding.get_clause(), self.ruleset.get_rule_clause(rule))
                self.assertTrue(finding.get_message())
                self.assertIn(MESSAGE_NAMES.get(subject, subject), finding.get_message())
                self.assertEqual(finding.get_expected(), expected)
                self.assertEqual(finding.get_actual(), actual)
                self.assertEqual(node_value(finding.get_expected_node()), expected)
                self.assertEqual(node_value(finding.get_actual_node()), actual)

    def test_message_three_ways(self):
        # get_message() keeps what it made; dup_message() and the property
        # make it each time; all three say the same, and so does the JSON.
        for finding in self.report.get_findings():
            with self.subTest(rule=finding.get_rule()):
                message = finding.get_message()
                self.assertEqual(finding.dup_message(), message)
                self.assertEqual(finding.props.message, message)
                self.assertEqual(finding.get_message(), message)
                self.assertEqual(json.loads(Json.to_string(finding.to_json(), False))["message"], message)

    def test_grid_coverage_numbers(self):
        finding = self.finding("grid.coverage")
        self.assertEqual(finding.get_severity(), ERROR)
        self.assertEqual(finding.get_clause(), "一(三), 三(四)")
        expected, actual = finding.get_expected_node(), finding.get_actual_node()
        self.assertEqual(expected.get_node_type(), Json.NodeType.VALUE)
        self.assertEqual(actual.get_node_type(), Json.NodeType.VALUE)
        self.assertEqual(expected.get_int(), 2320)
        self.assertEqual(actual.get_int(), 2180)
        self.assertEqual(finding.get_shortfall(), 140.0)
        households = sample_json()["communities"][3]
        self.assertEqual(households["code"], "320213025009")
        self.assertEqual(households["households"], 2320)

    def test_pay_floor_numbers(self):
        # 年人均报酬: the mean pay of 梁溪区's full-time staff against 梁溪区's
        # own 2018 baseline (the year before as_of), not the city's.
        finding = self.finding("worker.pay-floor")
        self.assertEqual(finding.get_severity(), WARNING)
        self.assertEqual(finding.get_subject_kind(), Community.EntityKind.DIVISION)
        self.assertEqual(finding.get_subject_id(), LIANGXI)
        self.assertEqual(finding.get_expected(), 112480)
        self.assertEqual(finding.get_actual(), 110353)
        self.assertEqual(finding.get_shortfall(), 112480.0 - 110353.0)

        data = sample_json()
        self.assertEqual(data["as_of"][:4], "2019")
        self.assertEqual(baseline(data, LIANGXI, 2018), 112480)
        self.assertLess(baseline(data, CITY, 2018), 110353)
        staff = full_time_staff_of_district(data, LIANGXI)
        self.assertEqual(len(staff), 52)
        self.assertIn("52", finding.get_message())
        self.assertEqual(round(sum(w["annual_pay_yuan"] for w in staff) / len(staff)), 110353)
        # No worker is the subject: the rule judges an average.
        self.assertEqual(self.report.filter(INFO, "worker.pay-floor", "W0018", None).get_n_items(), 0)

    def test_paths_point_to_the_subject(self):
        data = sample_json()
        for finding in self.report.get_findings():
            with self.subTest(rule=finding.get_rule()):
                path = finding.get_path()
                self.assertRegex(path, r"^(/[^/]+)+$")
                member, index = path.split("/")[1:3]
                self.assertEqual(member, Community.entity_kind_get_member_name(
                    finding.get_subject_kind()))
                obj = data[member][int(index)]
                self.assertEqual(str(obj.get("code", obj.get("id", obj.get("number")))),
                                 finding.get_subject_id())
                entity = self.dataset.lookup(finding.get_subject_kind(), finding.get_subject_id())
                self.assertIsNotNone(entity)

    def test_finding_to_json(self):
        finding = self.finding("grid.coverage")
        obj = node_value(finding.to_json())
        self.assertEqual(obj["rule"], "grid.coverage")
        self.assertEqual(obj["severity"], "error")
        self.assertEqual(obj["subject"], {"type": "community", "id": "320213025009"})
        self.assertEqual(obj["path"], "/communities/3/households")
        self.assertEqual((obj["expected"], obj["actual"]), (2320, 2180))


class CountAndFilterTest(ValidationTestCase):

    def test_counts_by_severity(self):
        self.assertEqual(self.report.count(ERROR), 6)
        self.assertEqual(self.report.count(WARNING), 3)
        self.assertEqual(self.report.count(INFO), 0)
        self.assertEqual(self.report.count_at_least(ERROR), 6)
        self.assertEqual(self.report.count_at_least(WARNING), 9)
        self.assertEqual(self.report.count_at_least(INFO), 9)
        by_severity = {}
        for finding in self.report.get_findings():
            by_severity[finding.get_severity()] = by_severity.get(finding.get_severity(), 0) + 1
        self.assertEqual(by_severity, {ERROR: 6, WARNING: 3})

    def test_filter_everything(self):
        everything = self.report.filter(INFO, None, None, None)
        self.assertEqual(keys(everything), keys(self.report.get_findings()))
        # A new list: not the report's own.
        self.assertIsNot(everything, self.report.get_findings())

    def test_filter_by_severity(self):
        errors = self.report.filter(ERROR, None, None, None)
        self.assertEqual([f.get_rule() for f in errors],
                         [e[0] for e in EXPECTED_FINDINGS if e[1] == ERROR])
        self.assertEqual(errors.get_n_items(), self.report.count(ERROR))
        self.assertEqual(self.report.filter(WARNING, None, None, None).get_n_items(), 9)

    def test_filter_by_rule(self):
        coverage = self.report.filter(INFO, "grid.coverage", None, None)
        self.assertEqual(keys(coverage),
                         [("grid.coverage", "320213025009", "/communities/3/households")])
        # The criteria combine.
        self.assertEqual(self.report.filter(ERROR, "worker.pay-floor", None, None).get_n_items(), 0)
        self.assertEqual(self.report.filter(WARNING, "worker.pay-floor", None, None).get_n_items(), 1)
        self.assertEqual(self.report.filter(INFO, "grid.coverage", LIANGXI, None).get_n_items(), 0)
        self.assertEqual(self.report.filter(INFO, "worker.pay-floor", LIANGXI, None).get_n_items(), 1)
        self.assertEqual(self.report.filter(INFO, "grid.leader", None, None).get_n_items(), 1)
        self.assertEqual(self.report.filter(INFO, "worker.phone", None, None).get_n_items(), 0)
        self.assertEqual(self.report.filter(INFO, "no.such-rule", None, None).get_n_items(), 0)

    def test_filter_by_subject(self):
        self.assertEqual(keys(self.report.filter(INFO, None, LIANGXI, None)),
                         [("worker.pay-floor", LIANGXI, "/divisions/1")])
        self.assertEqual(keys(self.report.filter(INFO, None, "WI-11", None)),
                         [("work-item.department-assessment", "WI-11", "/work_items/10/issued_by")])
        self.assertEqual(self.report.filter(INFO, None, "W0001", None).get_n_items(), 0)
        self.assertEqual(self.report.filter(INFO, None, "W0018", None).get_n_items(), 0)

    def test_filter_by_district(self):
        liangxi = keys(self.report.filter(INFO, None, None, LIANGXI))
        self.assertIn(("grid.coverage", "320213025009", "/communities/3/households"), liangxi)
        self.assertIn(("facility.area-per-households", "320213025005", "/communities/2"), liangxi)
        self.assertNotIn("320205106001-G02", [subject for _r, subject, _p in liangxi])
        self.assertNotIn("grid.leader", [rule for rule, _s, _p in liangxi])
        # WI-11 lists no community: carried out in every one (DOMAIN.md
        # §2), it is the city's, not 梁溪区's.
        self.assertEqual(sorted(rule for rule, _s, _p in liangxi),
                         sorted(["facility.area-per-households", "worker.pay-floor",
                                 "grid.coverage", "work-item.admission"]))
        # The grid without a leader is in 锡山区.
        xishan = keys(self.report.filter(INFO, None, None, XISHAN))
        self.assertIn(("grid.leader", "320205106001-G02", "/grids/17/leader"), xishan)
        self.assertIn(("funding.community-floor", "320205106203", "/communities/9"), xishan)
        self.assertNotIn("grid.coverage", [rule for rule, _s, _p in xishan])
        # With a severity too.
        self.assertEqual(sorted(f.get_rule() for f in self.report.filter(ERROR, None, None, LIANGXI)),
                         sorted(["facility.area-per-households", "grid.coverage",
                                 "work-item.admission"]))
        # WI-06 lists its communities, all in 梁溪区.
        self.assertNotIn("work-item.admission", [rule for rule, _s, _p in xishan])

    def test_filter_by_division_itself_and_city(self):
        self.assertEqual(keys(self.report.filter(INFO, None, None, HONGSHAN)),
                         [("street.party-guidance-station", HONGSHAN, "/divisions/7")])
        # Everything is below the city, WI-11 too: a work item of every
        # community (it lists none) is the city's.
        self.assertEqual(keys(self.report.filter(INFO, None, None, CITY)),
                         keys(self.report.get_findings()))
        self.assertEqual(self.report.filter(INFO, None, None, CITY).get_n_items(), 9)
        self.assertEqual(self.report.filter(INFO, None, None, "no-such-division").get_n_items(), 0)


class RuleResultTest(ValidationTestCase):

    def test_grid_leader(self):
        result = self.report.get_rule_result("grid.leader")
        self.assertIsInstance(result, Community.RuleResult)
        self.assertEqual(result.get_id(), "grid.leader")
        self.assertEqual(result.get_failed(), 1)
        self.assertEqual(result.get_applied(), result.get_passed() + result.get_failed())
        self.assertEqual(result.get_applied(), len(sample_json()["grids"]))
        self.assertEqual(result.get_severity(), ERROR)
        self.assertEqual(result.get_clause(), "三(四)")

    def test_every_rule_result(self):
        results = list(self.report.get_rule_results())
        enabled = [r for r in self.ruleset.list_rules() if self.ruleset.get_rule_enabled(r)]
        self.assertEqual([r.get_id() for r in results], enabled)
        failing = {e[0] for e in EXPECTED_FINDINGS}
        for result in results:
            with self.subTest(rule=result.get_id()):
                self.assertEqual(result.get_applied(), result.get_passed() + result.get_failed())
                self.assertEqual(result.get_failed(),
                                 1 if result.get_id() in failing else 0)
                self.assertEqual(result.get_failed(),
                                 self.report.filter(INFO, result.get_id(), None, None).get_n_items())
                self.assertIs(self.report.get_rule_result(result.get_id()), result)

    def test_unknown_rule_result(self):
        self.assertIsNone(self.report.get_rule_result("no.such-rule"))
        # Disabled: the policy sets no number for them (DOMAIN.md §4).
        for rule in ("facility.office-area", "consultation.feedback-overdue",
                     "work-item.ledger-rating-cap"):
            self.assertTrue(self.ruleset.has_rule(rule), rule)
            self.assertFalse(self.ruleset.get_rule_enabled(rule), rule)
            self.assertIsNone(self.report.get_rule_result(rule), rule)
        self.assertEqual(len(self.ruleset.list_rules()), 38)
        self.assertEqual(self.report.get_rule_results().get_n_items(), 35)


class IndicatorTest(ValidationTestCase):

    def test_self_governance_compliance_at_city(self):
        indicator = self.report.get_indicator("self-governance.compliance", CITY)
        self.assertIsInstance(indicator, Community.IndicatorResult)
        self.assertEqual(indicator.get_id(), "self-governance.compliance")
        self.assertEqual(indicator.get_division(), CITY)
        self.assertEqual(indicator.get_numerator(), 14)
        self.assertEqual(indicator.get_denominator(), 15)
        self.assertTrue(indicator.is_applicable())
        self.assertAlmostEqual(indicator.get_value(), 14 / 15, places=9)
        self.assertEqual(indicator.get_target(), 0.98)
        self.assertEqual(indicator.get_target(),
                         self.ruleset.get_indicator_target("self-governance.compliance"))
        self.assertIs(indicator.get_met(), False)

    def test_indicator_lookup(self):
        found = [i for i in self.report.get_indicators()
                 if i.get_id() == "self-governance.compliance" and i.get_division() == CITY]
        self.assertEqual(len(found), 1)
        self.assertIs(self.report.get_indicator("self-governance.compliance", CITY), found[0])
        self.assertIsNone(self.report.get_indicator("self-governance.compliance", "no-such"))
        self.assertIsNone(self.report.get_indicator("no.such-indicator", CITY))


class ReportJsonTest(ValidationTestCase):

    def test_to_data_parses(self):
        text, length = self.report.to_data()
        self.assertEqual(length, len(text.encode("utf-8")))
        doc = json.loads(text)
        self.assertEqual(doc["format"], "libcommunity-report")
        self.assertEqual(doc["version"], 1)
        self.assertEqual(doc["ruleset"], "wuxi-2018")
        self.assertEqual(doc["summary"], {"errors": 6, "warnings": 3, "infos": 0})
        self.assertEqual([(f["rule"], f["subject"]["id"], f["path"]) for f in doc["findings"]],
                         keys(self.report.get_findings()))
        self.assertEqual([(f["expected"], f["actual"]) for f in doc["findings"]],
                         [(e[5], e[6]) for e in EXPECTED_FINDINGS])
        self.assertEqual(len(doc["rules"]), self.report.get_rule_results().get_n_items())
        city = [i for i in doc["indicators"]
                if i["id"] == "self-governance.compliance" and i["division"] == CITY]
        self.assertEqual(len(city), 1)
        self.assertEqual((city[0]["numerator"], city[0]["denominator"], city[0]["met"]),
                         (14, 15, False))

    def test_to_data_is_stable(self):
        first, _ = self.report.to_data()
        self.assertEqual(self.report.to_data()[0], first)
        again = Community.Validator.new(self.ruleset).run(self.dataset)
        self.assertEqual(again.to_data()[0], first)
        fresh = validate(load_sample())
        self.assertEqual(fresh.to_data()[0], first)

    def test_to_json_matches_to_data(self):
        self.assertEqual(node_value(self.report.to_json()), json.loads(self.report.to_data()[0]))


class RulesetTest(ValidationTestCase):

    def test_extends_and_disables_grid_leader(self):
        ruleset = Community.Ruleset.new_from_data(ruleset_document(
            name="no-grid-leader", extends="wuxi-2018",
            rules={"grid.leader": {"enabled": False}}))
        self.assertEqual(ruleset.get_name(), "no-grid-leader")
        self.assertTrue(ruleset.has_rule("grid.leader"))
        self.assertFalse(ruleset.get_rule_enabled("grid.leader"))
        self.assertTrue(ruleset.get_rule_enabled("grid.coverage"))

        report = validate(self.dataset, ruleset)
        self.assertEqual(report.get_ruleset(), "no-grid-leader")
        self.assertNotIn("grid.leader", [f.get_rule() for f in report.get_findings()])
        self.assertEqual(report.filter(INFO, "grid.leader", None, None).get_n_items(), 0)
        self.assertIsNone(report.get_rule_result("grid.leader"))
        self.assertEqual(sorted(keys(report.get_findings())),
                         sorted(k for k in keys(self.report.get_findings())
                                if k[0] != "grid.leader"))
        self.assertEqual(report.count(ERROR), 5)
        self.assertEqual(report.count(WARNING), 3)
        # The built-in ruleset is untouched.
        self.assertTrue(wuxi_2018().get_rule_enabled("grid.leader"))
        self.assertEqual(validate(self.dataset).count(ERROR), 6)

    def test_feedback_overdue_is_turned_on_by_its_parameters(self):
        # It ships disabled with null parameters (the policy sets no
        # deadline). Enabled alone it judges nothing; with both days set it
        # finds K004, adopted on 2019-06-10 and still not implemented.
        enabled_only = Community.Ruleset.new_from_data(ruleset_document(
            extends="wuxi-2018",
            rules={"consultation.feedback-overdue": {"enabled": True}}))
        result = validate(self.dataset, enabled_only).get_rule_result("consultation.feedback-overdue")
        self.assertEqual((result.get_applied(), result.get_failed()), (0, 0))
        self.assertEqual(result.get_not_applicable(), len(sample_json()["consultations"]))

        with_days = Community.Ruleset.new_from_data(ruleset_document(
            extends="wuxi-2018",
            rules={"consultation.feedback-overdue": {
                "enabled": True, "params": {"implement_days": 90, "feedback_days": 30}}}))
        report = validate(self.dataset, with_days)
        finding = self.finding("consultation.feedback-overdue", report)
        self.assertEqual(finding.get_subject_kind(), Community.EntityKind.CONSULTATION)
        self.assertEqual((finding.get_subject_id(), finding.get_path()),
                         ("K004", "/consultations/3/state"))
        self.assertEqual((node_value(finding.get_expected_node()), node_value(finding.get_actual_node())),
                         (90, 204))
        self.assertEqual((report.count(ERROR), report.count(WARNING)), (6, 4))

    def test_unknown_rule_is_an_error_at_its_pointer(self):
        with self.assertRaises(GLib.GError) as ctx:
            Community.Ruleset.new_from_data(ruleset_document(
                extends="wuxi-2018", rules={"grid.leeder": {"enabled": False}}))
        error = ctx.exception
        self.assertEqual(error.domain, RULESET_ERROR)
        self.assertEqual(error.code, int(Community.RulesetError.UNKNOWN_RULE))
        self.assertTrue(error.matches(Community.ruleset_error_quark(),
                                      Community.RulesetError.UNKNOWN_RULE))
        # The message starts with a JSON Pointer to the unknown member.
        self.assertRegex(error.message, r"^(/[^/: ]+)+: ")
        self.assertTrue(error.message.startswith("/rules/grid.leeder: "), error.message)


class FixTest(ValidationTestCase):

    def setUp(self):
        # A dataset of its own: the test modifies it.
        self.mine = load_sample()

    def raise_liangxi_pay(self, total):
        """Adds @total yuan a year to the pay of one of 梁溪区's full-time
        staff (the first), through the dataset's own records."""
        first = full_time_staff_of_district(sample_json(), LIANGXI)[0]
        worker = self.mine.get_worker(first["id"])
        self.assertIsInstance(worker, Community.Worker)
        self.assertIs(self.mine.lookup(Community.EntityKind.WORKER, first["id"]), worker)
        self.assertEqual(worker.props.annual_pay_yuan, first["annual_pay_yuan"])
        worker.props.annual_pay_yuan += total
        self.assertEqual(self.mine.get_worker(first["id"]).props.annual_pay_yuan,
                         first["annual_pay_yuan"] + total)

    def liangxi_deficit(self):
        """How many yuan 梁溪区's staff are paid, all together, below a mean
        of its baseline."""
        staff = full_time_staff_of_district(sample_json(), LIANGXI)
        return (baseline(sample_json(), LIANGXI, 2018) * len(staff)
                - sum(w["annual_pay_yuan"] for w in staff))

    def test_fixing_pay_removes_the_finding(self):
        before = validate(self.mine)
        self.assertEqual(before.filter(INFO, "worker.pay-floor", LIANGXI, None).get_n_items(), 1)
        passed = before.get_rule_result("worker.pay-floor").get_passed()

        # A mean of exactly the baseline is enough (不低于).
        self.raise_liangxi_pay(self.liangxi_deficit())

        after = validate(self.mine)
        self.assertEqual(after.filter(INFO, "worker.pay-floor", None, None).get_n_items(), 0)
        self.assertEqual(after.filter(INFO, None, LIANGXI, None).get_n_items(), 0)
        self.assertEqual(keys(after.get_findings()),
                         [k for k in keys(before.get_findings()) if k[0] != "worker.pay-floor"])
        self.assertEqual(after.get_rule_result("worker.pay-floor").get_failed(), 0)
        self.assertEqual(after.get_rule_result("worker.pay-floor").get_passed(), passed + 1)
        self.assertEqual((after.count(ERROR), after.count(WARNING)), (6, 2))
        # A report does not change with the data.
        self.assertEqual(before.get_findings().get_n_items(), 9)
        self.assertEqual(before.count(WARNING), 3)

    def test_one_yuan_short_still_fails(self):
        # One yuan a year less for each of the 52: a mean of 112479.
        staff = full_time_staff_of_district(sample_json(), LIANGXI)
        self.raise_liangxi_pay(self.liangxi_deficit() - len(staff))
        finding = self.finding("worker.pay-floor", validate(self.mine))
        self.assertEqual(finding.get_subject_id(), LIANGXI)
        self.assertEqual(finding.get_expected(), 112480)
        self.assertEqual(finding.get_actual(), 112479)
        self.assertEqual(finding.get_shortfall(), 1.0)


class PrivacyTest(ValidationTestCase):

    def assertNoPersonalData(self, report, workers):
        personal = personal_values(workers)
        self.assertGreater(len(personal), 100)
        messages = [f.get_message() for f in report.get_findings()]
        self.assertTrue(messages)
        for message in messages:
            for value in personal:
                self.assertNotIn(value, message)
        for finding in report.get_findings():
            for node in (finding.get_expected_node(), finding.get_actual_node()):
                text = Json.to_string(node, False) if node is not None else ""
                for value in personal:
                    self.assertNotIn(value, text)
        text = report.to_data()[0]
        for value in personal:
            self.assertNotIn(value, text)

    def test_sample_messages_have_no_id_number_or_phone(self):
        self.assertNoPersonalData(self.report, sample_json()["workers"])
        # The pay-floor finding speaks of 梁溪区's staff without naming them.
        message = self.finding("worker.pay-floor").get_message()
        for worker in full_time_staff_of_district(sample_json(), LIANGXI):
            self.assertNotIn(worker["name"], message)
            self.assertNotIn(worker["id"], message)

    def test_worker_findings_have_no_id_number_or_phone(self):
        # Break the personal data so that the rules about it find something.
        doc = sample_copy()
        workers = doc["workers"]
        workers[1]["id_number"] = workers[2]["id_number"]
        workers[3]["phone"] = workers[3]["phone"][:-1]
        last = workers[4]["id_number"][-1]
        workers[4]["id_number"] = workers[4]["id_number"][:-1] + ("1" if last == "0" else "0")
        ds = Community.Dataset.new()
        ds.load_from_data(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
        report = validate(ds)
        rules = {f.get_rule() for f in report.get_findings()}
        for rule in ("worker.duplicate-person", "worker.phone", "worker.id-number"):
            self.assertIn(rule, rules)
        self.assertNoPersonalData(report, workers + sample_json()["workers"])


if __name__ == "__main__":
    taprunner.main()
