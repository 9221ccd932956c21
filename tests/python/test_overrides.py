#!/usr/bin/python3
# test_overrides.py: the Pythonic layer of bindings/python/gi/overrides/Community.py
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run with the system Python, the build's typelib and the overrides on
# PYTHONPATH (meson test sets all of them), e.g.
#
#   GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
#   PYTHONPATH=bindings/python COMMUNITY_SAMPLE=examples/data/wuxi-sample.json \
#   /usr/bin/python3 tests/python/test_overrides.py
#
# Expected identities and counts come from the sample file itself, read with
# the json module.

import sys
import unittest

import gi

gi.require_version("Community", "1.0")
gi.require_version("Gio", "2.0")
from gi.repository import Community, Gio  # noqa: E402

import taprunner  # noqa: E402
from samples import load_sample, sample_json  # noqa: E402

# The member of the document that lists each kind (DOMAIN.md §7), which is
# also the name of the dataset's collection.
KINDS = [
    (Community.EntityKind.DIVISION, "divisions"),
    (Community.EntityKind.COMMUNITY, "communities"),
    (Community.EntityKind.GRID, "grids"),
    (Community.EntityKind.WORKER, "workers"),
    (Community.EntityKind.FACILITY, "facilities"),
    (Community.EntityKind.CONSULTATION, "consultations"),
    (Community.EntityKind.WORK_ITEM, "work_items"),
    (Community.EntityKind.SOCIAL_ORGANIZATION, "social_organizations"),
    (Community.EntityKind.DEPARTMENT, "departments"),
    (Community.EntityKind.TASK, "tasks"),
    (Community.EntityKind.FUNDING, "funding"),
    (Community.EntityKind.WAGE_BASELINE, "wage_baselines"),
    (Community.EntityKind.SURVEY, "surveys"),
    (Community.EntityKind.COMMENDATION, "commendations"),
]

# The member of each record that holds its identity.
IDENTITY_MEMBER = {"divisions": "code", "communities": "code", "tasks": "number"}

TAYING_ER = "320213025005"  # 塔影二村社区, the community of the README

# The sample's nine findings (examples/data/README.md), as repr() shows them.
EXPECTED_FINDING_REPRS = [
    "<Community.Finding facility.area-per-households error community 320213025005 /communities/2>",
    "<Community.Finding street.party-guidance-station warning division 320214055000 /divisions/7>",
    "<Community.Finding worker.pay-floor warning division 320213000000 /divisions/1>",
    "<Community.Finding grid.leader error grid 320205106001-G02 /grids/17/leader>",
    "<Community.Finding grid.coverage error community 320213025009 /communities/3/households>",
    "<Community.Finding funding.community-floor error community 320205106203 /communities/9>",
    "<Community.Finding work-item.admission error work_item WI-06 /work_items/5/legal_review/approved>",
    "<Community.Finding work-item.department-assessment error work_item WI-11 /work_items/10/issued_by>",
    "<Community.Finding commendation.annual warning division 320200000000 /divisions/0>",
]


def sample_identities(member):
    """The identities of the sample's records of @member, in order: None for
    a record without one (funding, wage baselines, surveys and commendations
    may come without an id, DOMAIN.md §2)."""
    key = IDENTITY_MEMBER.get(member, "id")
    return [str(record[key]) if key in record else None
            for record in sample_json().get(member, [])]


_report = None


def sample_report():
    global _report
    if _report is None:
        ruleset = Community.Ruleset.new_builtin("wuxi-2018")
        _report = Community.Validator.new(ruleset).run(load_sample())
    return _report


class OverridesLoaded(unittest.TestCase):

    def test_module_is_loaded(self):
        self.assertIn("gi.overrides.Community", sys.modules,
                      "the overrides were not found: is bindings/python on PYTHONPATH?")
        self.assertTrue(hasattr(Community.Dataset, "communities"))

    def test_override_classes_are_the_types_of_objects(self):
        dataset = load_sample()
        self.assertIs(type(dataset), Community.Dataset)
        self.assertIsInstance(dataset.get_community(TAYING_ER), Community.Entity)
        self.assertIs(type(sample_report()), Community.Report)
        self.assertIsInstance(sample_report().get_findings().get_item(0), Community.Finding)

    def test_existing_api_still_works(self):
        dataset = load_sample()
        model = dataset.get_items(Community.EntityKind.COMMUNITY)
        self.assertIsInstance(model, Gio.ListModel)
        self.assertEqual(model.get_n_items(), len(sample_identities("communities")))
        self.assertEqual(dataset.get_community(TAYING_ER).props.name, "塔影二村社区")
        self.assertEqual(
            dataset.lookup(Community.EntityKind.GRID, "320213025005-G01").get_identity(),
            "320213025005-G01")
        self.assertIsNone(dataset.get_grid("no-such-grid"))
        street = dataset.get_ancestor(dataset.get_grid("320213025005-G01"),
                                      Community.DivisionLevel.STREET)
        self.assertEqual(street.get_identity(), "320213025000")
        self.assertTrue(dataset.list_communities("320213025000"))
        report = sample_report()
        self.assertEqual(report.get_findings().get_n_items(), 9)
        self.assertEqual(report.count(Community.Severity.ERROR), 6)


class Collections(unittest.TestCase):

    def setUp(self):
        self.ds = load_sample()

    def test_every_kind_has_a_collection(self):
        for kind, member in KINDS:
            with self.subTest(member=member):
                collection = getattr(self.ds, member)
                self.assertIsInstance(collection, Community.EntityCollection)
                self.assertEqual(collection.kind, kind)
                self.assertEqual(Community.EntityKind.get_member_name(kind), member)

    def test_len_and_iteration_follow_the_document(self):
        for kind, member in KINDS:
            with self.subTest(member=member):
                collection = getattr(self.ds, member)
                expected = sample_identities(member)
                self.assertEqual(len(collection), len(expected))
                self.assertEqual([e.get_identity() for e in collection], expected)
                self.assertEqual(collection.keys(), expected)
                self.assertTrue(all(e.get_kind() == kind for e in collection))

    def test_iteration_matches_the_list_model(self):
        for kind, member in KINDS:
            with self.subTest(member=member):
                self.assertEqual(list(getattr(self.ds, member)),
                                 list(self.ds.get_items(kind)))

    def test_lookup_by_identity(self):
        community = self.ds.communities[TAYING_ER]
        self.assertIs(type(community), Community.Community)
        self.assertEqual(community.props.name, "塔影二村社区")
        self.assertEqual(community, self.ds.get_community(TAYING_ER))
        self.assertEqual(self.ds.grids["320205106001-G02"].get_identity(), "320205106001-G02")
        for member in ("workers", "facilities", "tasks", "funding", "surveys"):
            with self.subTest(member=member):
                first = sample_identities(member)[0]
                self.assertEqual(getattr(self.ds, member)[first].get_identity(), first)

    def test_records_without_identity(self):
        # The sample's commendations and two of its funding records have no
        # id: they are in their collections by position, not by identity.
        commendations = self.ds.commendations
        self.assertEqual(len(commendations), len(sample_json()["commendations"]))
        self.assertGreater(len(commendations), 0)
        self.assertEqual(set(commendations.keys()), {None})
        first = sample_json()["commendations"][0]
        self.assertEqual(commendations[0].props.subject, first["subject"])
        self.assertEqual(commendations[0].props.year, first["year"])
        self.assertIsInstance(commendations[0], Community.Commendation)
        self.assertEqual(repr(commendations[0]), "<Community.Commendation (no identity)>")
        self.assertIn(commendations[0], commendations)
        with self.assertRaises(TypeError):
            commendations[None]
        anonymous = [i for i, key in enumerate(sample_identities("funding")) if key is None]
        self.assertEqual(len(anonymous), 2)
        for i in anonymous:
            self.assertIsNone(self.ds.funding[i].get_identity())
            self.assertIn(self.ds.funding[i], self.ds.funding)

    def test_task_is_looked_up_by_its_number_as_a_string(self):
        number = sample_identities("tasks")[0]
        self.assertEqual(self.ds.tasks[number], self.ds.get_task(int(number)))

    def test_missing_identity_is_a_key_error(self):
        with self.assertRaises(KeyError) as caught:
            self.ds.communities["320213025999"]
        self.assertEqual(caught.exception.args, ("320213025999",))
        # A community code does not name a grid.
        with self.assertRaises(KeyError):
            self.ds.grids[TAYING_ER]
        with self.assertRaises(KeyError):
            self.ds.workers[""]

    def test_get_with_default(self):
        self.assertIsNone(self.ds.communities.get("nope"))
        self.assertEqual(self.ds.communities.get("nope", 42), 42)
        self.assertEqual(self.ds.communities.get(TAYING_ER).get_identity(), TAYING_ER)

    def test_positions_and_slices(self):
        grids = self.ds.grids
        expected = sample_identities("grids")
        self.assertEqual(grids[0].get_identity(), expected[0])
        self.assertEqual(grids[-1].get_identity(), expected[-1])
        self.assertEqual([g.get_identity() for g in grids[2:5]], expected[2:5])
        self.assertEqual([g.get_identity() for g in reversed(grids)], expected[::-1])
        with self.assertRaises(IndexError):
            grids[len(expected)]
        with self.assertRaises(IndexError):
            grids[-len(expected) - 1]

    def test_bad_keys_are_type_errors(self):
        for key in (1.5, None, True, (TAYING_ER,)):
            with self.subTest(key=key):
                with self.assertRaises(TypeError):
                    self.ds.communities[key]

    def test_membership(self):
        communities = self.ds.communities
        self.assertIn(TAYING_ER, communities)
        self.assertNotIn("320213025999", communities)
        self.assertIn(communities[TAYING_ER], communities)
        self.assertNotIn(communities[TAYING_ER], self.ds.grids)
        self.assertNotIn(42, communities)
        other = load_sample()
        self.assertNotIn(other.communities[TAYING_ER], communities)

    def test_collections_are_live(self):
        grids = self.ds.grids
        before = len(grids)
        grid = Community.Grid.new("320213025005-G99")
        grid.props.community = TAYING_ER
        self.ds.add(grid)
        self.assertEqual(len(grids), before + 1)
        self.assertIs(grids["320213025005-G99"], grid)
        self.assertTrue(self.ds.remove(grid))
        self.assertEqual(len(grids), before)
        self.assertNotIn("320213025005-G99", grids)

    def test_empty_dataset(self):
        empty = Community.Dataset.new()
        for _kind, member in KINDS:
            with self.subTest(member=member):
                collection = getattr(empty, member)
                self.assertEqual(len(collection), 0)
                self.assertFalse(collection)
                self.assertEqual(list(collection), [])

    def test_sequence_helpers(self):
        communities = self.ds.communities
        second = communities[1]
        self.assertEqual(communities.index(second), 1)
        self.assertEqual(communities.count(second), 1)
        self.assertEqual(communities, self.ds.communities)
        self.assertNotEqual(communities, self.ds.grids)
        self.assertIsInstance(communities.model, Gio.ListModel)

    def test_collection_repr(self):
        self.assertEqual(repr(self.ds.communities),
                         "<Community.EntityCollection communities: %d>"
                         % len(sample_identities("communities")))


class Reprs(unittest.TestCase):

    def setUp(self):
        self.ds = load_sample()

    def test_community(self):
        self.assertEqual(repr(self.ds.communities[TAYING_ER]),
                         "<Community.Community 320213025005 塔影二村社区>")

    def test_every_named_entity_shows_identity_and_name(self):
        for member in ("divisions", "communities", "facilities",
                       "social_organizations", "departments"):
            for record in sample_json()[member]:
                key = str(record[IDENTITY_MEMBER.get(member, "id")])
                with self.subTest(member=member, identity=key):
                    entity = getattr(self.ds, member)[key]
                    self.assertEqual(repr(entity), "<Community.%s %s %s>" % (
                        type(entity).__name__, key, record["name"]))

    def test_workers_show_no_personal_data(self):
        for record in sample_json()["workers"]:
            with self.subTest(worker=record["id"]):
                text = repr(self.ds.workers[record["id"]])
                self.assertEqual(text, "<Community.Worker %s>" % record["id"])
                for member in ("name", "id_number", "phone"):
                    if record.get(member):
                        self.assertNotIn(record[member], text)

    def test_entities_outside_a_dataset(self):
        self.assertEqual(repr(Community.Grid.new("X-G01")), "<Community.Grid X-G01>")
        community = Community.Community.new("320213025099")
        self.assertEqual(repr(community), "<Community.Community 320213025099>")
        community.props.name = "新社区"
        self.assertEqual(repr(community), "<Community.Community 320213025099 新社区>")

    def test_findings(self):
        self.assertEqual([repr(f) for f in sample_report()], EXPECTED_FINDING_REPRS)

    def test_report(self):
        self.assertEqual(repr(sample_report()),
                         "<Community.Report wuxi-2018: 6 errors, 3 warnings, 0 info>")

    def test_rule_result(self):
        self.assertRegex(repr(sample_report().get_rule_result("grid.leader")),
                         r"^<Community\.RuleResult grid\.leader error \S+: "
                         r"\d+ applied, \d+ passed, 1 failed, \d+ not applicable>$")

    def test_indicator_result(self):
        for result in sample_report().indicators:
            with self.subTest(indicator=result.get_id(), division=result.get_division()):
                text = repr(result)
                self.assertTrue(text.startswith("<Community.IndicatorResult %s %s: "
                                                % (result.get_id(), result.get_division())))
                if not result.is_applicable():
                    self.assertTrue(text.endswith(": not applicable>"))
                elif not result.has_target():
                    # A monitoring indicator (DOMAIN.md §5): a rate, no target.
                    self.assertTrue(text.endswith(", no target>"), text)
                    self.assertNotIn("nan", text)
                    self.assertNotIn("met", text)
                else:
                    self.assertTrue(text.endswith(", met>" if result.get_met() else ", not met>"))

    def test_monitoring_indicator_result(self):
        result = sample_report().get_indicator("committee.local-resident-share", "320200000000")
        self.assertIsNotNone(result)
        self.assertTrue(result.is_applicable())
        self.assertFalse(result.has_target())
        self.assertEqual(repr(result), "<Community.IndicatorResult committee.local-resident-share "
                         "320200000000: %g/%g = %.4g, no target>"
                         % (result.get_numerator(), result.get_denominator(), result.get_value()))

    def test_dataset(self):
        self.assertEqual(repr(Community.Dataset.new()), "<Community.Dataset: empty>")
        text = repr(self.ds)
        self.assertTrue(text.startswith("<Community.Dataset as of "), text)
        self.assertIn("%d communities" % len(sample_identities("communities")), text)


class Reports(unittest.TestCase):

    def test_iterating_a_report_gives_its_findings(self):
        report = sample_report()
        self.assertEqual(len(report), 9)
        self.assertEqual(list(report), list(report.get_findings()))
        self.assertEqual(list(report.findings), list(report.get_findings()))

    def test_rule_results_and_indicators(self):
        report = sample_report()
        self.assertEqual(list(report.rule_results), list(report.get_rule_results()))
        self.assertEqual(list(report.indicators), list(report.get_indicators()))
        ids = [r.get_id() for r in report.rule_results]
        self.assertIn("grid.leader", ids)

    def test_report_without_findings_is_still_true(self):
        ruleset = Community.Ruleset.new_builtin("wuxi-2018")
        report = Community.Validator.new(ruleset).run(Community.Dataset.new())
        self.assertEqual(len(report), 0)
        self.assertTrue(report)
        self.assertEqual(list(report), [])

    def test_findings_of_a_street(self):
        report = sample_report()
        hongshan = report.filter(Community.Severity.INFO, None, None, "320214055000")
        self.assertEqual([f.get_rule() for f in hongshan], ["street.party-guidance-station"])


if __name__ == "__main__":
    taprunner.main()
