#!/usr/bin/python3
# test_incremental.py: a validation kept up to date as the dataset changes,
# from Python
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
#   GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
#   COMMUNITY_SAMPLE=examples/data/wuxi-sample.json \
#   /usr/bin/python3 tests/python/test_incremental.py
#
# Every change goes through the API (properties, add, remove); after each,
# the validation's report must be the bytes of a fresh full run's.

import random
import unittest

import gi

gi.require_version("Community", "1.0")
from gi.repository import Community  # noqa: E402

import taprunner  # noqa: E402
from samples import load_sample  # noqa: E402


def items(dataset, kind):
    model = dataset.get_items(kind)
    return [model.get_item(i) for i in range(model.get_n_items())]


class IncrementalTest(unittest.TestCase):
    def setUp(self):
        self.dataset = load_sample()
        ruleset = Community.Ruleset.new_builtin("wuxi-2018")
        self.validator = Community.Validator.new(ruleset)
        self.validation = Community.Validation.new(self.validator, self.dataset)

    def assertSameAsFullRun(self, what):
        incremental = self.validation.get_report().to_data()[0]
        full = self.validator.run(self.dataset).to_data()[0]
        self.assertEqual(incremental, full, "after " + what)

    def test_properties(self):
        self.assertIs(self.validation.props.validator, self.validator)
        self.assertIs(self.validation.get_dataset(), self.dataset)
        self.assertFalse(self.validation.is_pending())

    def test_grid_change(self):
        grid = items(self.dataset, Community.EntityKind.GRID)[0]
        before = self.validation.get_report()
        grid.props.households = 1
        self.assertTrue(self.validation.is_pending())
        self.assertSameAsFullRun("setting a grid's households")
        after = self.validation.get_report()
        self.assertNotEqual(before.to_data()[0], after.to_data()[0])
        grid.props.leader = "W-NOBODY"
        self.assertSameAsFullRun("naming nobody as a grid's leader")
        rules = [f.get_rule() for f in after.get_findings()]
        self.assertIn("grid.coverage", rules)

    def test_notifies_a_ui(self):
        """notify::report and notify::pending, once per change of state"""
        seen = []
        self.validation.connect("notify::report", lambda v, p: seen.append("report"))
        self.validation.connect("notify::pending", lambda v, p: seen.append(("pending", v.props.pending)))
        community = items(self.dataset, Community.EntityKind.COMMUNITY)[2]
        before = [f.get_rule() for f in self.validation.props.report.get_findings()
                  if f.get_subject_id() == community.get_identity()]
        self.assertEqual(seen, [])
        community.set_households(community.get_households() * 40)
        community.set_population(community.get_population() + 1)
        self.assertEqual(seen, [("pending", True), "report"])
        after = [f.get_rule() for f in self.validation.props.report.get_findings()
                 if f.get_subject_id() == community.get_identity()]
        self.assertEqual(seen, [("pending", True), "report", ("pending", False)])
        self.assertNotEqual(before, after)
        self.assertIs(self.validation.get_report(), self.validation.props.report)
        self.assertSameAsFullRun("following notifications")

    def test_random_changes(self):
        rng = random.Random(2018)
        workers = [w.get_identity() for w in items(self.dataset, Community.EntityKind.WORKER)]
        serial = 0
        for step in range(60):
            grids = items(self.dataset, Community.EntityKind.GRID)
            grid = rng.choice(grids) if grids else None
            choice = rng.randrange(7)
            if grid is None or choice == 6:
                serial += 1
                new = Community.Grid.new("G-PY-%d" % serial)
                new.props.community = rng.choice(
                    items(self.dataset, Community.EntityKind.COMMUNITY)).get_identity()
                new.props.households = rng.randrange(900)
                self.dataset.add(new)
                what = "adding a grid"
            elif choice == 0:
                grid.props.households = rng.randrange(1500)
                what = "setting a grid's households"
            elif choice == 1:
                grid.props.leader = rng.choice(workers + ["W-NOBODY"])
                what = "setting a grid's leader"
            elif choice == 2:
                grid.props.administrators = rng.sample(workers, rng.randrange(3))
                what = "setting a grid's administrators"
            elif choice == 3:
                grid.unset("households")
                what = "unsetting a grid's households"
            elif choice == 4:
                self.dataset.remove(grid)
                what = "removing a grid"
            else:
                worker = rng.choice(items(self.dataset, Community.EntityKind.WORKER))
                worker.props.employment = rng.choice(
                    [Community.Employment.FULL_TIME, Community.Employment.PART_TIME])
                what = "setting a worker's employment"
            self.assertSameAsFullRun("step %d, %s" % (step, what))


if __name__ == "__main__":
    taprunner.main()
