# test_merge.py: a country checked shard by shard (issue 16, target 6):
# community-check --person-key-file per shard, community-merge over the
# reports, compared with one check of the shards' union
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Environment (tests/meson.build, suite "cli"):
#   COMMUNITY_CHECK   the built tools/community-check
#   COMMUNITY_MERGE   the built tools/community-merge
#   COMMUNITY_GEN     the built tools/community-gen
#
# community-gen writes a dataset of two cities (3201, 3202); each city with
# its divisions, communities and everything attached to them is one shard
# (the shared departments, tasks and work items go with the first), and the
# union is the two shards' entities one after the other. A full-time staff
# member of the second city is given the ID number of one of the first:
# neither shard sees a duplicate, the union and the merge do.

import collections
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
MERGE = os.environ.get("COMMUNITY_MERGE", "")
GEN = os.environ.get("COMMUNITY_GEN", "")

# Two cities: nine districts of 192 communities make a second city.
COMMUNITIES = 1800

# The members that tie an entity to a division or community.
PLACE = {
    "divisions": "code",
    "communities": "code",
    "grids": "community",
    "workers": ("community", "street"),
    "facilities": "owner",
    "consultations": "community",
    "social_organizations": "community",
    "funding": "recipient",
    "wage_baselines": "division",
    "surveys": "division",
    "commendations": "recipient",
}


def env():
    result = {k: v for k, v in os.environ.items()
              if not (k.startswith("LC_") or k in ("LANG", "LANGUAGE"))}
    result["LC_ALL"] = "C.UTF-8"
    return result


def run(*args):
    return subprocess.run(list(args), capture_output=True, timeout=600, env=env())


def city_of(entity, members):
    for member in members if isinstance(members, tuple) else (members,):
        if member in entity:
            break
    value = entity.get(member)
    if not isinstance(value, str) or len(value) < 4 or not value[:4].isdigit():
        return None
    return value[:4]


def full_time(worker):
    roles = worker.get("roles") or []
    return (worker.get("community") is not None and worker.get("employment") == "full_time"
            and any(r not in ("legal_advisor", "first_secretary") for r in roles))


def split(dataset):
    """The shards by city, in city order, and their union in shard order."""
    cities = sorted(d["code"][:4] for d in dataset["divisions"] if d.get("level") == "city")
    shards = []
    for n, city in enumerate(cities):
        shard = {}
        for key, value in dataset.items():
            if not isinstance(value, list):
                shard[key] = value
            elif key in PLACE:
                shard[key] = [e for e in value if city_of(e, PLACE[key]) == city]
            elif key == "work_items":
                # Shared, with the first shard, but only as far as it reaches.
                shard[key] = [] if n > 0 else [
                    dict(e, communities=[c for c in e["communities"] if c.startswith(city)])
                    if isinstance(e.get("communities"), list) else e for e in value]
            else:
                shard[key] = value if n == 0 else []
        shards.append(shard)
    for key, value in dataset.items():
        if key in PLACE:
            placed = sum(len(s[key]) for s in shards)
            assert placed == len(value), "%s: %d of %d placed" % (key, placed, len(value))
    union = {key: value for key, value in shards[0].items()}
    for key, value in dataset.items():
        if isinstance(value, list):
            union[key] = [e for s in shards for e in s[key]]
    return cities, shards, union


def unindexed(path):
    """/workers/12/id_number -> /workers/*/id_number: shards number their
    entities from 0."""
    return re.sub(r"^(/[a-z_]+)/\d+", r"\1/*", path or "")


def finding_key(finding):
    return (finding["rule"], finding["severity"], finding.get("clause"),
            finding["subject"]["type"], finding["subject"]["id"],
            unindexed(finding.get("path")),
            json.dumps(finding.get("expected"), sort_keys=True))


class MergeTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        tmp = cls.tmp.name
        source = os.path.join(tmp, "all.json")
        result = run(GEN, "--communities", str(COMMUNITIES), "-o", source)
        assert result.returncode == 0, result.stderr
        with open(source, encoding="utf-8") as f:
            dataset = json.load(f)

        # The planted person: a full-time staff member of the second city
        # takes the number of one of the first city that no one else holds.
        workers = dataset["workers"]
        numbers = collections.Counter(w.get("id_number", "").upper() for w in workers)
        first = next(w for w in workers
                     if full_time(w) and w["community"].startswith("3201")
                     and numbers[w["id_number"].upper()] == 1)
        second = next(w for w in workers
                      if full_time(w) and w["community"].startswith("3202")
                      and numbers[w["id_number"].upper()] == 1)
        second["id_number"] = first["id_number"].lower()  # x and X: one number
        cls.planted = (first["id"], second["id"])
        cls.planted_number = first["id_number"]
        cls.secrets = sorted({w["id_number"] for w in workers if w.get("id_number")}
                             | {w["id_number"].upper() for w in workers if w.get("id_number")})

        cls.cities, shards, union = split(dataset)
        assert len(cls.cities) == 2, cls.cities
        cls.key = os.path.join(tmp, "person.key")
        with open(cls.key, "wb") as f:
            f.write(b"an operator's secret \x00\xff key")
        cls.other_key = os.path.join(tmp, "other.key")
        with open(cls.other_key, "wb") as f:
            f.write(b"another key")

        cls.reports = []
        cls.shard_reports = []
        for city, shard in zip(cls.cities, shards):
            path = os.path.join(tmp, "c%s.json" % city)
            with open(path, "w", encoding="utf-8") as f:
                json.dump(shard, f, ensure_ascii=False)
            report = os.path.join(tmp, "r%s.json" % city)
            result = run(CHECK, path, "--format", "json", "--fail-on", "never",
                         "--person-key-file", cls.key, "-o", report)
            assert result.returncode == 0, result.stderr
            cls.reports.append(report)
            with open(report, encoding="utf-8") as f:
                cls.shard_reports.append(json.load(f))

        path = os.path.join(tmp, "union.json")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(union, f, ensure_ascii=False)
        result = run(CHECK, path, "--format", "json", "--fail-on", "never")
        assert result.returncode == 0, result.stderr
        cls.union = json.loads(result.stdout)

        cls.merged_path = os.path.join(tmp, "merged.json")
        result = run(MERGE, "--fail-on", "never", "-o", cls.merged_path,
                     *["%s=%s" % (c, r) for c, r in zip(cls.cities, cls.reports)])
        assert result.returncode == 0, result.stderr
        with open(cls.merged_path, encoding="utf-8") as f:
            cls.merged = json.load(f)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_findings_are_those_of_the_union(self):
        merged = collections.Counter(finding_key(f) for f in self.merged["findings"])
        union = collections.Counter(finding_key(f) for f in self.union["findings"])
        self.assertGreater(sum(union.values()), 100)
        self.assertEqual(merged - union, collections.Counter())
        self.assertEqual(union - merged, collections.Counter())
        shards = collections.Counter(f["shard"] for f in self.merged["findings"])
        self.assertEqual(set(shards), set(self.cities))
        for city, report in zip(self.cities, self.shard_reports):
            own = sum(1 for f in self.merged["findings"]
                      if f["shard"] == city and f["rule"] != "worker.duplicate-person")
            self.assertEqual(own, sum(1 for f in report["findings"]
                                      if f["rule"] != "worker.duplicate-person"))
        summary = collections.Counter(f["severity"] + "s" for f in self.merged["findings"])
        self.assertEqual(self.merged["summary"], {k: summary[k] for k in ("errors", "warnings", "infos")})
        self.assertEqual(self.merged["summary"], self.union["summary"])

    def test_rule_counts_are_those_of_the_union(self):
        merged = {r["id"]: r for r in self.merged["rules"]}
        union = {r["id"]: r for r in self.union["rules"]}
        self.assertEqual({k: v for k, v in merged.items() if union.get(k) != v},
                         {k: v for k, v in union.items() if merged.get(k) != v})
        summed = collections.Counter()
        for report in self.shard_reports:
            for rule in report["rules"]:
                summed[rule["id"]] += rule["applied"]
        self.assertEqual({k: v["applied"] for k, v in merged.items()}, dict(summed))

    def test_indicators_are_those_of_the_union(self):
        def fields(i):
            return (i["numerator"], i["denominator"], i["value"], i["target"], i["met"])

        union = {(i["id"], i["division"]): fields(i) for i in self.union["indicators"]}
        divisions = {(i["id"], i["division"]): fields(i)
                     for i in self.merged["indicators"] if "scope" not in i}
        self.assertEqual(divisions, union)

        # The country: the cities (the top divisions) summed.
        country = {i["id"]: i for i in self.merged["indicators"] if i.get("scope") == "country"}
        self.assertTrue(country)
        for indicator_id, indicator in country.items():
            self.assertEqual(indicator["division"], "000000000000")
            cities = [i for i in self.union["indicators"]
                      if i["id"] == indicator_id and i["division"][4:] == "00000000"]
            self.assertEqual(len(cities), 2, indicator_id)
            self.assertEqual(indicator["numerator"], sum(i["numerator"] for i in cities))
            self.assertEqual(indicator["denominator"], sum(i["denominator"] for i in cities))
            if indicator["denominator"] > 0:
                value = indicator["numerator"] / indicator["denominator"]
                self.assertAlmostEqual(indicator["value"], value, places=6)
                if indicator["target"] is not None:
                    self.assertEqual(indicator["met"], value >= indicator["target"])

        # Each shard: its city.
        rollups = [i for i in self.merged["indicators"] if i.get("scope") == "shard"]
        self.assertEqual({i["shard"] for i in rollups}, set(self.cities))
        for rollup in rollups:
            city = union[(rollup["id"], rollup["shard"] + "00000000")]
            self.assertEqual((rollup["numerator"], rollup["denominator"]), city[:2])

    def test_duplicate_person_across_shards(self):
        def duplicates(report):
            return [f for f in report["findings"] if f["rule"] == "worker.duplicate-person"]

        planted = [f for f in duplicates(self.union) if f["subject"]["id"] == self.planted[1]]
        self.assertEqual(len(planted), 1)
        for report in self.shard_reports:
            self.assertNotIn(self.planted[1], [f["subject"]["id"] for f in duplicates(report)])
        found = [f for f in duplicates(self.merged) if f["subject"]["id"] == self.planted[1]]
        self.assertEqual(len(found), 1)
        self.assertEqual(found[0]["shard"], self.cities[1])
        self.assertEqual(found[0]["severity"], "error")
        self.assertEqual(found[0]["clause"], "四(四)")
        self.assertRegex(found[0]["path"], r"^/workers/\d+/id_number$")
        self.assertIn(self.planted[0], found[0]["message"])
        self.assertEqual(len(duplicates(self.merged)), len(duplicates(self.union)))

    def test_persons_are_keyed(self):
        report = self.shard_reports[0]
        self.assertRegex(report["person_key"], r"^[0-9a-f]{64}$")
        self.assertEqual(self.merged["person_key"], report["person_key"])
        rule = next(r for r in report["rules"] if r["id"] == "worker.duplicate-person")
        self.assertEqual(len(report["persons"]), rule["applied"])
        for person in report["persons"][:50]:
            self.assertRegex(person["key"], r"^[0-9a-f]{64}$")
            self.assertEqual(person["subject"]["type"], "worker")
            self.assertRegex(person["path"], r"^/workers/\d+/id_number$")
        # No key, no persons.
        self.assertNotIn("persons", self.union)
        self.assertNotIn("person_key", self.union)

    def test_no_id_number_in_any_report(self):
        texts = []
        for path in self.reports + [self.merged_path]:
            with open(path, encoding="utf-8") as f:
                texts.append(f.read())
        everything = "\n".join(texts)
        self.assertGreater(len(self.secrets), 1000)
        # Every run of 17 digits and a check character, against the numbers.
        candidates = set(re.findall(r"(?=([0-9]{17}[0-9Xx]))", everything))
        self.assertGreater(len(everything), 100000)
        self.assertEqual(sorted(candidates & set(self.secrets)), [])
        # And the planted number, whichever case, anywhere.
        self.assertNotIn(self.planted_number.upper(), everything.upper())

    def test_refuses_other_keys(self):
        tmp = self.tmp.name
        source = os.path.join(tmp, "c%s.json" % self.cities[1])
        other = os.path.join(tmp, "other-key.json")
        result = run(CHECK, source, "--format", "json", "--fail-on", "never",
                     "--person-key-file", self.other_key, "-o", other)
        self.assertEqual(result.returncode, 0, result.stderr)
        out = os.path.join(tmp, "refused.json")
        result = run(MERGE, "-o", out, self.reports[0], other)
        self.assertEqual(result.returncode, 2)
        self.assertIn("/person_key: the persons were keyed with another key", result.stderr.decode())
        self.assertFalse(os.path.exists(out))

        # A report without keyed persons.
        unkeyed = os.path.join(tmp, "unkeyed.json")
        result = run(CHECK, source, "--format", "json", "--fail-on", "never", "-o", unkeyed)
        result = run(MERGE, "-o", out, self.reports[0], unkeyed)
        self.assertEqual(result.returncode, 2)
        self.assertIn("/person_key: the report has no keyed persons", result.stderr.decode())

    def test_refuses_other_rulesets(self):
        tmp = self.tmp.name
        renamed = os.path.join(tmp, "renamed.json")
        with open(renamed, "w", encoding="utf-8") as f:
            json.dump(dict(self.shard_reports[1], ruleset="another-ruleset"), f, ensure_ascii=False)
        result = run(MERGE, self.reports[0], renamed)
        self.assertEqual(result.returncode, 2)
        self.assertIn("renamed.json: /ruleset: made with the ruleset another-ruleset", result.stderr.decode())

        retargeted = os.path.join(tmp, "retargeted.json")
        report = json.loads(json.dumps(self.shard_reports[1]))
        n = next(n for n, i in enumerate(report["indicators"]) if i["target"] is not None)
        report["indicators"][n]["target"] = report["indicators"][n]["target"] / 2
        with open(retargeted, "w", encoding="utf-8") as f:
            json.dump(report, f, ensure_ascii=False)
        result = run(MERGE, self.reports[0], retargeted)
        self.assertEqual(result.returncode, 2)
        self.assertIn("/indicators/%d/target: " % n, result.stderr.decode())
        self.assertIn("different rulesets", result.stderr.decode())

    def test_bad_reports(self):
        tmp = self.tmp.name
        bad = os.path.join(tmp, "bad.json")
        report = json.loads(json.dumps(self.shard_reports[1]))
        report["rules"][2]["applied"] = "many"
        with open(bad, "w", encoding="utf-8") as f:
            json.dump(report, f)
        result = run(MERGE, self.reports[0], bad)
        self.assertEqual(result.returncode, 2)
        self.assertIn("bad.json: /rules/2/applied: expected a number", result.stderr.decode())

        result = run(MERGE, self.reports[0], self.reports[0])
        self.assertEqual(result.returncode, 2)
        self.assertIn("two shards are named", result.stderr.decode())

        result = run(MERGE)
        self.assertEqual(result.returncode, 2)

    def test_exit_status_and_standard_output(self):
        result = run(MERGE, *["%s=%s" % (c, r) for c, r in zip(self.cities, self.reports)])
        self.assertEqual(result.returncode, 1)  # errors, and --fail-on error by default
        self.assertEqual(json.loads(result.stdout), self.merged)
        result = run(MERGE, "--fail-on", "bogus", self.reports[0])
        self.assertEqual(result.returncode, 2)

    def test_duplicate_message_in_chinese(self):
        environment = dict(env(), LANGUAGE="zh_CN")
        if os.environ.get("COMMUNITY_LOCALEDIR"):
            environment["COMMUNITY_LOCALEDIR"] = os.environ["COMMUNITY_LOCALEDIR"]
        result = subprocess.run([MERGE, "--fail-on", "never",
                                 *["%s=%s" % (c, r) for c, r in zip(self.cities, self.reports)]],
                                capture_output=True, timeout=600, env=environment)
        self.assertEqual(result.returncode, 0, result.stderr)
        found = [f for f in json.loads(result.stdout)["findings"]
                 if f["rule"] == "worker.duplicate-person" and f["subject"]["id"] == self.planted[1]]
        self.assertEqual(len(found), 1)
        self.assertIn("分片 %s 的社区工作者 %s" % (self.cities[1], self.planted[1]), found[0]["message"])
        self.assertIn("分片 %s 的社区工作者 %s" % (self.cities[0], self.planted[0]), found[0]["message"])

    def test_key_file_needs_json(self):
        source = os.path.join(self.tmp.name, "c%s.json" % self.cities[1])
        result = run(CHECK, source, "--person-key-file", self.key)
        self.assertEqual(result.returncode, 2)
        self.assertIn("--person-key-file needs --format json", result.stderr.decode())
        empty = os.path.join(self.tmp.name, "empty.key")
        open(empty, "wb").close()
        result = run(CHECK, source, "--format", "json", "--person-key-file", empty)
        self.assertEqual(result.returncode, 2)
        self.assertIn("is empty", result.stderr.decode())


class ProvincesTest(unittest.TestCase):
    """Shards that are provinces (community-gen --province): their division
    codes differ, so the merge keeps each province's divisions apart and
    the country adds up their cities."""

    PROVINCES = ("32", "33")

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        tmp = cls.tmp.name
        key = os.path.join(tmp, "person.key")
        with open(key, "wb") as f:
            f.write(b"provinces")
        cls.reports = []
        for seed, province in enumerate(cls.PROVINCES, start=1):
            source = os.path.join(tmp, "p%s.json" % province)
            result = run(GEN, "--communities", "300", "--seed", str(seed),
                         "--province", province, "-o", source)
            assert result.returncode == 0, result.stderr
            report = os.path.join(tmp, "r%s.json" % province)
            result = run(CHECK, source, "--format", "json", "--fail-on", "never",
                         "--person-key-file", key, "-o", report)
            assert result.returncode == 0, result.stderr
            with open(report, encoding="utf-8") as f:
                cls.reports.append((report, json.load(f)))
        result = run(MERGE, "--fail-on", "never",
                     *["%s=%s" % (p, r[0]) for p, r in zip(cls.PROVINCES, cls.reports)])
        assert result.returncode == 0, result.stderr
        cls.merged = json.loads(result.stdout)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_codes_are_the_provinces(self):
        for province, (_, report) in zip(self.PROVINCES, self.reports):
            divisions = {i["division"] for i in report["indicators"]}
            self.assertTrue(divisions)
            self.assertEqual({d[:2] for d in divisions}, {province})

    def test_country_adds_up_both_provinces(self):
        merged = {(i["id"], i["division"]) for i in self.merged["indicators"] if "scope" not in i}
        shards = [{(i["id"], i["division"]) for i in r["indicators"]} for _, r in self.reports]
        self.assertEqual(shards[0] & shards[1], set())
        self.assertEqual(merged, shards[0] | shards[1])
        country = {i["id"]: i for i in self.merged["indicators"] if i.get("scope") == "country"}
        self.assertTrue(country)
        for indicator_id, indicator in country.items():
            cities = [i for _, r in self.reports for i in r["indicators"]
                      if i["id"] == indicator_id and i["division"][4:] == "00000000"]
            self.assertEqual({c["division"][:2] for c in cities}, set(self.PROVINCES), indicator_id)
            self.assertEqual(indicator["numerator"], sum(c["numerator"] for c in cities))
            self.assertEqual(indicator["denominator"], sum(c["denominator"] for c in cities))

    def test_refuses_what_is_not_a_province(self):
        for code in ("99", "3", "320", "xx"):
            result = run(GEN, "--communities", "5", "--province", code)
            self.assertEqual(result.returncode, 2, code)
            self.assertIn("GB/T 2260", result.stderr.decode())


if __name__ == "__main__":
    taprunner.main()
