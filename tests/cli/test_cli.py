# test_cli.py: community-check, driven the way a user or a script drives it
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Environment:
#   COMMUNITY_CHECK      the built tools/community-check
#   COMMUNITY_SAMPLE     examples/data/wuxi-sample.json
#   COMMUNITY_LOCALEDIR  (optional) the build tree's po/ directory, where
#                        meson puts zh_CN/LC_MESSAGES/libcommunity.mo; by
#                        default ../po next to the binary's directory
#
# Prints TAP (tests/python/taprunner.py). Only two rules' findings are
# relied on, grid.leader and grid.coverage: the sample has one of each
# (grid 320205106001-G02 at /grids/17/leader, community 320213025009 at
# /communities/3/households). Everything else is checked against what the
# JSON report itself says.
#
# Chinese output: glibc's gettext ignores LANGUAGE only when the locale is
# exactly "C" (or POSIX); "C.UTF-8", which every Debian 12 has built in,
# is not "C", so LANGUAGE=zh_CN with LC_ALL=C.UTF-8 selects the zh_CN
# catalog without any generated zh_CN locale. A second test uses a real
# zh_CN.UTF-8 locale when `locale -a` lists one, and is skipped otherwise.

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

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
SUMMARY_KEYS = {"error": "errors", "warning": "warnings", "info": "infos"}
OPTIONS = ["--ruleset", "--format", "--output", "--fail-on", "--division", "--version", "--help"]

# The two findings the tests may rely on.
GRID_LEADER = ("grid.leader", "grid", "320205106001-G02", "/grids/17/leader")
GRID_COVERAGE = ("grid.coverage", "community", "320213025009", "/communities/3/households")
LEADER_DISTRICT = "320205000000"    # 锡山区, above 东港镇 and the grid
COVERAGE_DISTRICT = "320213000000"  # 梁溪区, above 广益街道 and the community

BAD_DATASET = '{"format": "libcommunity-dataset", "version": 1, "grids": [{"id": 5}]}\n'


def localedir():
    value = os.environ.get("COMMUNITY_LOCALEDIR")
    if value:
        return value
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(CHECK))), "po")


def base_env(**extra):
    """An English environment: LANGUAGE and the LC_ variables of the caller
    must not leak into the tests."""
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("LC_") or k in ("LANG", "LANGUAGE"))}
    env["LC_ALL"] = "C.UTF-8"
    env.update(extra)
    return env


def run(*args, stdin=None, env=None):
    return subprocess.run([CHECK, *args], input=stdin, capture_output=True,
                          env=env if env is not None else base_env(),
                          timeout=120)


def text(result):
    return result.stdout.decode("utf-8")


def errors(result):
    return result.stderr.decode("utf-8")


def finding_key(finding):
    return (finding["rule"], finding["subject"]["type"], finding["subject"]["id"], finding["path"])


class SampleHierarchy:
    """Where each entity of the sample hangs, from the JSON itself: the
    same parents as community_dataset_get_parent(), and for a work item
    every community it is carried out in."""

    def __init__(self, data):
        self.data = data
        self.divisions = {d["code"]: d for d in data["divisions"]}
        self.communities = {c["code"]: c for c in data["communities"]}
        self.parents = {}
        for d in data["divisions"]:
            self.parents[("division", d["code"])] = d.get("parent")
        for c in data["communities"]:
            self.parents[("community", c["code"])] = c.get("street")
        for g in data["grids"]:
            self.parents[("grid", g["id"])] = g.get("community")
        for w in data["workers"]:
            self.parents[("worker", w["id"])] = w.get("community") or w.get("street")
        for f in data["facilities"]:
            self.parents[("facility", f["id"])] = f.get("owner")
        for c in data["consultations"]:
            self.parents[("consultation", c["id"])] = c.get("community")
        for s in data["social_organizations"]:
            self.parents[("social_organization", s["id"])] = s.get("community")
        # A work item lies in the communities it lists; one that lists none
        # is carried out in every community (DOMAIN.md §2): it is the
        # city's (None here).
        self.work_items = {w["id"]: w.get("communities") for w in data["work_items"]}
        self.cities = [d["code"] for d in data["divisions"] if d["level"] == "city"]

    def kind_of_code(self, code):
        if code in self.communities:
            return "community"
        if code in self.divisions:
            return "division"
        return None

    def chain(self, kind, identity):
        """The codes of the divisions and community the entity lies in,
        itself included; None when the sample cannot place it."""
        if kind == "work_item" and identity in self.work_items:
            if self.work_items[identity] is None:
                return list(self.cities)
            codes = []
            for community in self.work_items[identity]:
                codes += [c for c in self.chain("community", community) if c not in codes]
            return codes
        if kind in ("division", "community"):
            codes = [identity]
        elif (kind, identity) in self.parents:
            codes = []
        else:
            return None
        parent = self.parents.get((kind, identity))
        while parent is not None:
            codes.append(parent)
            parent_kind = self.kind_of_code(parent)
            if parent_kind is None:
                break
            parent = self.parents.get((parent_kind, parent))
        return codes

    def below(self, ancestor, code):
        """Whether division @code is @ancestor or lies below it."""
        while code is not None:
            if code == ancestor:
                return True
            code = self.divisions.get(code, {}).get("parent")
        return False


@unittest.skipUnless(CHECK and os.access(CHECK, os.X_OK), "COMMUNITY_CHECK is not an executable")
class CheckTestCase(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        with open(SAMPLE, encoding="utf-8") as f:
            cls.sample = json.load(f)
        cls.hierarchy = SampleHierarchy(cls.sample)
        result = run(SAMPLE, "--format", "json", "--fail-on", "never")
        assert result.returncode == 0, errors(result)
        cls.report = json.loads(text(result))
        cls.tmp = tempfile.TemporaryDirectory(prefix="community-check-")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def write(self, name, content):
        path = os.path.join(self.tmp.name, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(content)
        return path

    def json_report(self, *args, **kwargs):
        result = run(SAMPLE, "--format", "json", "--fail-on", "never", *args, **kwargs)
        self.assertEqual(result.returncode, 0, errors(result))
        return json.loads(text(result))

    def assertUsageError(self, result, *needles):
        self.assertEqual(result.returncode, 2, errors(result))
        self.assertEqual(result.stdout, b"")
        for needle in needles:
            self.assertIn(needle, errors(result))


class TestUsage(CheckTestCase):
    def test_help_mentions_every_option(self):
        result = run("--help")
        self.assertEqual(result.returncode, 0)
        for option in OPTIONS:
            self.assertIn(option, text(result))
        for value in ("text", "json", "html", "xlsx", "error", "warning", "info", "never", "wuxi-2018"):
            self.assertIn(value, text(result))
        self.assertIn("Exit status", text(result))

    def test_version(self):
        result = run("--version")
        self.assertEqual(result.returncode, 0)
        self.assertRegex(text(result), r"^community-check \d+\.\d+\.\d+\n$")

    def test_unknown_option(self):
        self.assertUsageError(run(SAMPLE, "--no-such-option"), "--no-such-option")

    def test_no_dataset(self):
        self.assertUsageError(run(), "no dataset")

    def test_two_datasets(self):
        self.assertUsageError(run(SAMPLE, SAMPLE))

    def test_bad_format(self):
        self.assertUsageError(run(SAMPLE, "--format", "xml"), "xml")

    def test_bad_fail_on(self):
        self.assertUsageError(run(SAMPLE, "--fail-on", "fatal"), "fatal")

    def test_unknown_ruleset_name(self):
        self.assertUsageError(run(SAMPLE, "--ruleset", "shanghai-2030"), "shanghai-2030", "wuxi-2018")

    def test_malformed_division(self):
        self.assertUsageError(run(SAMPLE, "--division", "3202"), "3202")

    def test_unknown_division(self):
        # Well formed, but not in the sample.
        self.assertUsageError(run(SAMPLE, "--division", "320282000000"), "320282000000")


class TestInputErrors(CheckTestCase):
    def test_bad_dataset_names_the_pointer(self):
        path = self.write("bad.json", BAD_DATASET)
        result = run(path)
        self.assertUsageError(result)
        self.assertTrue(errors(result).startswith(path + ": /grids/0/id"), errors(result))

    def test_bad_json(self):
        path = self.write("broken.json", '{"format": "libcommunity-dataset", ')
        result = run(path)
        self.assertUsageError(result)
        self.assertTrue(errors(result).startswith(path + ": "), errors(result))

    def test_missing_file(self):
        path = os.path.join(self.tmp.name, "no-such-file.json")
        result = run(path)
        self.assertUsageError(result)
        self.assertTrue(errors(result).startswith(path + ": "), errors(result))

    def test_bad_dataset_on_stdin(self):
        result = run("-", stdin=BAD_DATASET.encode())
        self.assertUsageError(result, "/grids/0/id")

    def test_bad_ruleset_file(self):
        path = self.write("not-a-ruleset.json", '{"format": "libcommunity-dataset", "version": 1}')
        result = run(SAMPLE, "--ruleset", path)
        self.assertUsageError(result)
        self.assertTrue(errors(result).startswith(path + ": /format"), errors(result))

    def test_missing_ruleset_file(self):
        path = os.path.join(self.tmp.name, "no-such-ruleset.json")
        result = run(SAMPLE, "--ruleset", path)
        self.assertUsageError(result)
        self.assertTrue(errors(result).startswith(path + ": "), errors(result))


class TestExitStatus(CheckTestCase):
    def at_least(self, severity):
        return sum(1 for f in self.report["findings"]
                   if SEVERITY_RANK[f["severity"]] >= SEVERITY_RANK[severity])

    def test_sample_has_errors(self):
        # grid.leader and grid.coverage are errors in wuxi-2018.
        self.assertGreaterEqual(self.report["summary"]["errors"], 2)

    def test_default_fails_on_errors(self):
        self.assertEqual(run(SAMPLE).returncode, 1)

    def test_fail_on_error(self):
        self.assertEqual(run(SAMPLE, "--fail-on", "error").returncode, 1)

    def test_fail_on_never(self):
        result = run(SAMPLE, "--fail-on", "never")
        self.assertEqual(result.returncode, 0, errors(result))
        self.assertEqual(result.stderr, b"")

    def test_fail_on_each_severity(self):
        for severity in ("error", "warning", "info"):
            with self.subTest(severity=severity):
                expected = 1 if self.at_least(severity) > 0 else 0
                self.assertEqual(run(SAMPLE, "--fail-on", severity).returncode, expected)

    def test_fail_on_counts_only_the_division_shown(self):
        # 新吴区 has neither the grid.leader nor the grid.coverage finding.
        report = self.json_report("--division", "320214000000")
        expected = 1 if report["summary"]["errors"] > 0 else 0
        self.assertEqual(run(SAMPLE, "--division", "320214000000").returncode, expected)
        self.assertEqual(run(SAMPLE, "--division", LEADER_DISTRICT).returncode, 1)

    def test_ruleset_without_errors_passes(self):
        # Every rule that reported an error turned down to info: nothing
        # is at error any more.
        rules = {r["id"]: {"severity": "info"} for r in self.report["rules"]}
        path = self.write("lenient.json", json.dumps({
            "format": "libcommunity-ruleset", "version": 1, "name": "lenient",
            "extends": "wuxi-2018", "rules": rules}))
        self.assertEqual(run(SAMPLE, "--ruleset", path).returncode, 0)
        self.assertEqual(run(SAMPLE, "--ruleset", path, "--fail-on", "info").returncode, 1)


class TestJson(CheckTestCase):
    def test_document(self):
        report = self.report
        self.assertEqual(report["format"], "libcommunity-report")
        self.assertEqual(report["version"], 1)
        self.assertEqual(report["ruleset"], "wuxi-2018")
        self.assertEqual(set(report), {"format", "version", "ruleset", "summary",
                                       "findings", "rules", "indicators"})

    def test_summary_counts_the_findings(self):
        for severity, key in SUMMARY_KEYS.items():
            with self.subTest(severity=severity):
                self.assertEqual(self.report["summary"][key],
                                 sum(1 for f in self.report["findings"] if f["severity"] == severity))

    def test_findings_in_report_order(self):
        # By rule in the order of the rules array (catalog order), then by
        # JSON Pointer, then by subject.
        order = {r["id"]: i for i, r in enumerate(self.report["rules"])}
        findings = self.report["findings"]
        keys = [(order[f["rule"]], f["path"].encode(), f["subject"]["id"].encode()) for f in findings]
        self.assertEqual(keys, sorted(keys))

    def test_rule_counts_match_findings(self):
        for rule in self.report["rules"]:
            with self.subTest(rule=rule["id"]):
                self.assertEqual(rule["failed"],
                                 sum(1 for f in self.report["findings"] if f["rule"] == rule["id"]))

    def test_known_findings(self):
        keys = [finding_key(f) for f in self.report["findings"]]
        self.assertEqual(keys.count(GRID_LEADER), 1)
        self.assertEqual(keys.count(GRID_COVERAGE), 1)
        for finding in self.report["findings"]:
            if finding["rule"] in ("grid.leader", "grid.coverage"):
                self.assertEqual(finding["severity"], "error")
                self.assertIn(finding["subject"]["id"], finding["message"])

    def test_indicators(self):
        indicators = self.report["indicators"]
        self.assertTrue(indicators)
        for indicator in indicators:
            self.assertIn(indicator["division"], self.hierarchy.divisions)
            self.assertTrue(self.hierarchy.below("320200000000", indicator["division"]))

    def test_is_the_library_report(self):
        try:
            import gi
            gi.require_version("Community", "1.0")
            from gi.repository import Community
        except (ImportError, ValueError) as e:
            self.skipTest("no Community typelib: %s" % e)
        dataset = Community.Dataset.new()
        dataset.load_from_file(SAMPLE)
        ruleset = Community.Ruleset.new_builtin("wuxi-2018")
        report = Community.Validator.new(ruleset).run(dataset)
        data = report.to_data()
        if isinstance(data, tuple):
            data = data[0]
        self.assertEqual(self.report, json.loads(data))

    def test_stdin(self):
        with open(SAMPLE, "rb") as f:
            content = f.read()
        result = run("-", "--format", "json", "--fail-on", "never", stdin=content)
        self.assertEqual(result.returncode, 0, errors(result))
        self.assertEqual(json.loads(text(result)), self.report)
        self.assertEqual(run("-", stdin=content).returncode, 1)


class TestDivision(CheckTestCase):
    def check_division(self, code):
        report = self.json_report("--division", code)
        all_keys = [finding_key(f) for f in self.report["findings"]]
        keys = [finding_key(f) for f in report["findings"]]

        # A subsequence of the whole report, in the same order.
        positions = [all_keys.index(k) for k in keys]
        self.assertEqual(positions, sorted(positions))

        # Every finding shown lies in the division ...
        for finding in report["findings"]:
            chain = self.hierarchy.chain(finding["subject"]["type"], finding["subject"]["id"])
            self.assertIsNotNone(chain, finding)
            self.assertIn(code, chain, finding)

        # ... and every finding of the division the sample can place is shown.
        for finding in self.report["findings"]:
            chain = self.hierarchy.chain(finding["subject"]["type"], finding["subject"]["id"])
            if chain is not None and code in chain:
                self.assertIn(finding_key(finding), keys)

        for severity, key in SUMMARY_KEYS.items():
            self.assertEqual(report["summary"][key],
                             sum(1 for f in report["findings"] if f["severity"] == severity))

        # The indicators of the division and of every division below it.
        expected = [i for i in self.report["indicators"] if self.hierarchy.below(code, i["division"])]
        self.assertEqual(report["indicators"], expected)
        self.assertEqual(report["rules"], self.report["rules"])
        self.assertEqual(report["format"], "libcommunity-report")
        self.assertEqual(report["division"], code)
        return report

    def test_every_division(self):
        for code in self.hierarchy.divisions:
            with self.subTest(division=code):
                self.check_division(code)

    def test_city_keeps_everything_placed(self):
        report = self.check_division("320200000000")
        self.assertEqual(report["indicators"], self.report["indicators"])

    def test_known_findings_by_district(self):
        keys = [finding_key(f) for f in self.check_division(LEADER_DISTRICT)["findings"]]
        self.assertIn(GRID_LEADER, keys)
        self.assertNotIn(GRID_COVERAGE, keys)

        keys = [finding_key(f) for f in self.check_division(COVERAGE_DISTRICT)["findings"]]
        self.assertIn(GRID_COVERAGE, keys)
        self.assertNotIn(GRID_LEADER, keys)

    def test_community(self):
        report = self.json_report("--division", GRID_COVERAGE[2])
        self.assertIn(GRID_COVERAGE, [finding_key(f) for f in report["findings"]])
        for finding in report["findings"]:
            chain = self.hierarchy.chain(finding["subject"]["type"], finding["subject"]["id"])
            self.assertIn(GRID_COVERAGE[2], chain)

    def test_text(self):
        name = self.hierarchy.divisions[COVERAGE_DISTRICT]["name"]
        result = run(SAMPLE, "--division", COVERAGE_DISTRICT, "--fail-on", "never")
        self.assertEqual(result.returncode, 0)
        out = text(result)
        self.assertIn(GRID_COVERAGE[3], out)
        self.assertNotIn(GRID_LEADER[3], out)
        # The district's block and one per street below it, no other.
        for code, division in self.hierarchy.divisions.items():
            heading = "\n%s %s\n" % (division["name"], code)
            if self.hierarchy.below(COVERAGE_DISTRICT, code):
                self.assertIn(heading, out)
            else:
                self.assertNotIn(heading, out)
        self.assertIn(name, out.splitlines()[1])


class TestRulesetFile(CheckTestCase):
    def test_disabled_rule_disappears(self):
        path = self.write("no-leader.json", json.dumps({
            "format": "libcommunity-ruleset", "version": 1, "name": "wuxi-no-leader",
            "extends": "wuxi-2018",
            "rules": {"grid.leader": {"enabled": False}}}))
        report = self.json_report("--ruleset", path)
        self.assertEqual(report["ruleset"], "wuxi-no-leader")
        self.assertNotIn("grid.leader", [f["rule"] for f in report["findings"]])
        self.assertNotIn("grid.leader", [r["id"] for r in report["rules"]])
        self.assertIn(GRID_COVERAGE, [finding_key(f) for f in report["findings"]])
        # Everything else is as before.
        self.assertEqual([f for f in report["findings"] if f["rule"] != "grid.leader"],
                         [f for f in self.report["findings"] if f["rule"] != "grid.leader"])

    def test_builtin_by_name(self):
        self.assertEqual(self.json_report("--ruleset", "wuxi-2018"), self.report)

    def test_changed_target(self):
        path = self.write("lower-target.json", json.dumps({
            "format": "libcommunity-ruleset", "version": 1, "name": "wuxi-lower",
            "extends": "wuxi-2018",
            "indicators": {"grid.coverage": {"target": 0.5}}}))
        report = self.json_report("--ruleset", path)
        for indicator in report["indicators"]:
            if indicator["id"] == "grid.coverage":
                self.assertEqual(indicator["target"], 0.5)


class TestText(CheckTestCase):
    def test_header_totals_findings(self):
        result = run(SAMPLE, "--fail-on", "never")
        self.assertEqual(result.returncode, 0)
        out = text(result)
        lines = out.splitlines()
        self.assertIn(SAMPLE, lines[0])
        self.assertIn("wuxi-2018", lines[0])
        self.assertIn(self.sample["as_of"], lines[0])

        summary = self.report["summary"]
        match = re.search(r"^Totals: (\d+) errors?, (\d+) warnings?, (\d+) infos?$", out, re.M)
        self.assertIsNotNone(match, out)
        self.assertEqual([int(n) for n in match.groups()],
                         [summary["errors"], summary["warnings"], summary["infos"]])

        # One heading per rule with findings, then one line per finding.
        self.assertRegex(out, r"(?m)^grid\.leader \(error, clause 三\(四\)\): 1 finding$")
        rule, kind, identity, path = GRID_LEADER
        line = next(l for l in lines if path in l)
        self.assertRegex(line, r"^  %s %s +%s +Grid %s " % (kind, re.escape(identity), path, re.escape(identity)))
        for finding in self.report["findings"]:
            self.assertIn(finding["message"], out)

    def test_indicator_blocks(self):
        out = text(run(SAMPLE, "--fail-on", "never"))
        blocks = out.split("Indicators against their targets:")[1]
        ids = list(dict.fromkeys(i["id"] for i in self.report["indicators"]))
        headings = []
        for code, division in self.hierarchy.divisions.items():
            heading = "\n%s %s\n" % (division["name"], code)
            if division["level"] in ("city", "district", "county"):
                self.assertIn(heading, blocks)
                headings.append(blocks.index(heading))
            else:
                self.assertNotIn(heading, blocks)
        # The city first.
        city = "\n%s %s\n" % (self.hierarchy.divisions["320200000000"]["name"], "320200000000")
        self.assertEqual(blocks.index(city), min(headings))

        # Each indicator once per block, with value, target, mark and ratio.
        city_block = blocks[blocks.index(city):].split("\n\n")[0]
        for indicator in self.report["indicators"]:
            if indicator["division"] != "320200000000":
                continue
            line = next(l for l in city_block.splitlines() if l.split()[:1] == [indicator["id"]])
            # The title beside the id, then value, target, mark and ratio.
            self.assertIn(indicator["title"], line)
            columns = line.split(indicator["title"], 1)[1].split()
            if indicator["target"] is None:
                # A monitoring indicator (DOMAIN.md §5): no target, so
                # neither met nor missed; a dash in both columns.
                self.assertIsNone(indicator["met"])
                self.assertEqual(columns[1:3], ["—", "—"], line)
                self.assertNotIn("✓", line)
                self.assertNotIn("✗", line)
            else:
                target = "%.1f%%" % (indicator["target"] * 100)
                self.assertIn(target, line)
            if indicator.get("value") is None:
                self.assertIn("n/a", line)
            else:
                self.assertIn("%.1f%%" % (indicator["value"] * 100), line)
                if indicator["target"] is not None:
                    self.assertIn("✓" if indicator["met"] else "✗", line)
        self.assertEqual(sum(1 for l in city_block.splitlines() if l.split()[:1] and l.split()[0] in ids),
                         len(ids))
        self.assertEqual(len(ids), 20)
        self.assertEqual(sorted(i["id"] for i in self.report["indicators"]
                                if i["division"] == "320200000000" and i["target"] is None),
                         ["committee.local-resident-share", "community.disabled-home-share",
                          "community.emergency-shelter-share", "street.social-org-incubator-share"])

    def test_text_from_stdin(self):
        with open(SAMPLE, "rb") as f:
            result = run("-", "--fail-on", "never", stdin=f.read())
        self.assertEqual(result.returncode, 0)
        self.assertIn("(standard input)", text(result).splitlines()[0])


class TestPrivacy(CheckTestCase):
    def test_no_personal_data(self):
        outputs = [text(run(SAMPLE, "--fail-on", "never")),
                   text(run(SAMPLE, "--fail-on", "never", "--format", "json"))]
        for worker in self.sample["workers"]:
            for field in ("name", "id_number", "phone"):
                value = worker.get(field)
                if not value:
                    continue
                for out in outputs:
                    self.assertNotIn(value, out, "%s of worker %s" % (field, worker["id"]))


class TestChinese(CheckTestCase):
    def catalog(self):
        mo = os.path.join(localedir(), "zh_CN", "LC_MESSAGES", "libcommunity.mo")
        if not os.path.exists(mo):
            self.skipTest("no zh_CN catalog at %s" % mo)
        return localedir()

    def check_chinese(self, env):
        result = run(SAMPLE, env=env)
        self.assertEqual(result.returncode, 1)
        out = text(result)
        summary = self.report["summary"]
        self.assertIn("合计：%d 项错误，%d 项警告，%d 项提示"
                      % (summary["errors"], summary["warnings"], summary["infos"]), out)
        self.assertIn("网格 320205106001-G02 未指定网格长", out)
        self.assertIn("grid.leader（错误，条款 三(四)）：1 项", out)
        self.assertIn("指标与目标任务对照", out)
        self.assertNotIn("Totals:", out)

        report = json.loads(text(run(SAMPLE, "--format", "json", env=env)))
        leader = next(f for f in report["findings"] if finding_key(f) == GRID_LEADER)
        self.assertEqual(leader["message"], "网格 320205106001-G02 未指定网格长")
        # Only the messages change.
        strip = [{k: v for k, v in f.items() if k != "message"} for f in report["findings"]]
        self.assertEqual(strip, [{k: v for k, v in f.items() if k != "message"}
                                 for f in self.report["findings"]])

        result = run("--help", env=env)
        self.assertIn("数据集", text(result))
        for option in OPTIONS:
            self.assertIn(option, text(result))

        result = run(SAMPLE, "--ruleset", "shanghai-2030", env=env)
        self.assertEqual(result.returncode, 2)
        self.assertIn("没有名为“shanghai-2030”的内置规则集", errors(result))

    def test_language_under_c_utf8(self):
        """LANGUAGE=zh_CN with LC_ALL=C.UTF-8: no zh_CN locale needed."""
        env = base_env(LANGUAGE="zh_CN", COMMUNITY_LOCALEDIR=self.catalog())
        self.check_chinese(env)

    def test_zh_cn_locale(self):
        """A real zh_CN.UTF-8 locale: the system's, or else one compiled
        for the test into a temporary folder (localedef, from the
        definitions of Debian's package locales, which ./run installs) and
        found there through LOCPATH, the system's locales left as they are."""
        catalog = self.catalog()
        locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.split()
        name = next((l for l in locales if l.lower().replace("-", "") in ("zh_cn.utf8",)), None)
        if name is not None:
            self.check_chinese(base_env(LC_ALL=name, COMMUNITY_LOCALEDIR=catalog))
            return
        if not os.path.exists("/usr/share/i18n/locales/zh_CN"):
            self.skipTest("no zh_CN.UTF-8 locale (locale -a), and no definition of one "
                          "to compile (/usr/share/i18n/locales/zh_CN, package locales)")
        with tempfile.TemporaryDirectory() as folder:
            compiled = subprocess.run(["localedef", "-i", "zh_CN", "-f", "UTF-8",
                                       os.path.join(folder, "zh_CN.UTF-8")],
                                      capture_output=True, text=True, timeout=120)
            self.assertEqual(compiled.returncode, 0, compiled.stderr)
            env = base_env(LC_ALL="zh_CN.UTF-8", LOCPATH=folder, COMMUNITY_LOCALEDIR=catalog)
            # the locale itself is in use, not C.UTF-8 with a translation
            shown = subprocess.run(["locale"], capture_output=True, text=True, env=env)
            self.assertIn('LC_MESSAGES="zh_CN.UTF-8"', shown.stdout)
            self.assertEqual(shown.stderr, "")
            self.check_chinese(env)

    def test_plain_c_locale_stays_english(self):
        # gettext ignores LANGUAGE under the C locale.
        env = base_env(LANGUAGE="zh_CN", LC_ALL="C", COMMUNITY_LOCALEDIR=self.catalog())
        out = text(run(SAMPLE, env=env))
        self.assertIn("Totals:", out)
        self.assertNotIn("合计", out)


if __name__ == "__main__":
    taprunner.main()
