#!/usr/bin/python3
# test_annex.py: the built-in annex of key tasks (附件 重点任务分工), from Python
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run with the system Python and the build's typelib, e.g.
#
#   GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
#   /usr/bin/python3 tests/python/test_annex.py
#
# The expected values were read by hand from the policy's annex (see the
# comment in tests/test-annex.c), not from lib/data/annex.json.

import unittest

import gi

gi.require_version("Community", "1.0")
gi.require_version("Gio", "2.0")
gi.require_version("GLib", "2.0")
from gi.repository import Community, Gio, GLib  # noqa: E402

import taprunner  # noqa: E402

DATASET_ERROR = "community-dataset-error-quark"

# 市民政局 leads these 9 tasks, and takes part in these 27 (leading included).
CIVIL_AFFAIRS_LED = [8, 9, 10, 12, 13, 14, 28, 30, 38]
CIVIL_AFFAIRS_OF = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
                    23, 24, 25, 26, 27, 28, 29, 30, 35, 36, 37, 38, 39]


def numbers(tasks):
    return [task.props.number for task in tasks]


def ids(departments):
    return [department.props.id for department in departments]


class AnnexTest(unittest.TestCase):
    def setUp(self):
        self.annex = Community.annex_new_dataset()

    def test_tasks(self):
        tasks = self.annex.get_items(Community.EntityKind.TASK)
        self.assertEqual(tasks.get_n_items(), 39)
        self.assertEqual([task.props.number for task in tasks], list(range(1, 40)))
        for task in tasks:
            self.assertGreaterEqual(len(task.props.departments), 1)
            for unit in task.props.departments:
                self.assertIsNotNone(self.annex.find_department(unit),
                                     "task %d: %s" % (task.props.number, unit))

    def test_task_17_lead(self):
        task = self.annex.get_task(17)
        lead = self.annex.get_task_lead(task)
        self.assertIsInstance(lead, Community.Department)
        self.assertEqual(lead.props.name, "市发改委")
        self.assertEqual(ids(self.annex.list_task_units(task)),
                         ["市发改委", "市民政局", "市财政局", "市国土局", "市住建局", "市规划局"])

    def test_alias(self):
        units = self.annex.list_task_units(self.annex.get_task(16))
        self.assertEqual(ids(units), ["市委政法委", "市公安局", "市民政局", "市司法局", "市相关部门"])
        self.assertEqual(units[0].props.aliases, ["市综治办", "市委政法委(市综治办)"])
        # The rows keep the unit as the annex writes it (DOMAIN.md §8) ...
        self.assertEqual(self.annex.get_task(16).props.departments[0], "市委政法委(市综治办)")
        self.assertEqual(self.annex.get_task(32).props.departments[0], "市委政法委(市综治办)")
        self.assertEqual(self.annex.get_task(20).props.departments[4], "市综治办")
        self.assertIn("市委政法委", ids(self.annex.list_task_units(self.annex.get_task(20))))
        # ... and every spelling resolves to the one department, by id only
        # through get_department, by id, name or alias through find_department.
        self.assertIsNone(self.annex.get_department("市综治办"))
        for spelling in ("市委政法委", "市综治办", "市委政法委(市综治办)"):
            self.assertEqual(self.annex.find_department(spelling), units[0], spelling)
        self.assertIsNone(self.annex.find_department("市不存在局"))
        self.assertEqual(numbers(self.annex.list_tasks_led_by("市综治办")), [16, 32])
        self.assertEqual(numbers(self.annex.list_tasks_of("市委政法委")), [16, 20, 32])

    def test_civil_affairs(self):
        led = self.annex.list_tasks_led_by("市民政局")
        of = self.annex.list_tasks_of("市民政局")
        self.assertEqual(len(led), 9)
        self.assertEqual(len(of), 27)
        self.assertEqual(numbers(led), CIVIL_AFFAIRS_LED)
        self.assertEqual(numbers(of), CIVIL_AFFAIRS_OF)
        for task in led:
            self.assertEqual(self.annex.get_task_lead(task).props.id, "市民政局")

    def test_kinds(self):
        kind = Community.DepartmentKind
        self.assertEqual(self.annex.get_department("市妇联").props.kind, kind.MASS_ORGANIZATION)
        self.assertEqual(self.annex.get_department("各市(县)区政府").props.kind,
                         kind.DISTRICT_COLLECTIVE)
        self.assertEqual(self.annex.get_department("市相关部门").props.kind, kind.GENERIC)

    def test_slips_kept(self):
        self.assertIn("大部制", self.annex.get_task(7).props.text)
        self.assertEqual(self.annex.get_task(31).props.departments, ["市住建局", "市经信息委"])

    def test_notes(self):
        notes = Community.annex_list_notes()
        self.assertIsInstance(notes, Gio.ListModel)
        by_task = {}
        for i in range(notes.get_n_items()):
            note = notes.get_item(i)
            self.assertIsInstance(note, Community.AnnexNote)
            self.assertEqual(note.get_task(), note.props.task)
            self.assertIn(note.props.kind, ("unit_name", "unit_alias", "wording"))
            self.assertTrue(note.get_text())
            by_task[note.props.task] = note
        self.assertEqual(sorted(by_task), [7, 20, 30, 31, 38])
        self.assertEqual(by_task[31].props.kind, "unit_name")
        self.assertEqual(by_task[31].get_suggestion(), "市经信委")
        self.assertEqual(by_task[20].get_kind(), "unit_alias")
        self.assertEqual(by_task[7].props.suggestion, "大办制")

    def test_add_to(self):
        dataset = Community.Dataset.new()
        dataset.add(Community.Task(number=5, departments=["市纪委"]))
        with self.assertRaises(GLib.Error) as caught:
            Community.annex_add_to(dataset)
        self.assertEqual(caught.exception.domain, DATASET_ERROR)
        self.assertEqual(caught.exception.code, Community.DatasetError.DUPLICATE)
        self.assertEqual(dataset.get_items(Community.EntityKind.TASK).get_n_items(), 1)
        self.assertEqual(dataset.get_items(Community.EntityKind.DEPARTMENT).get_n_items(), 0)

        empty = Community.Dataset.new()
        self.assertTrue(Community.annex_add_to(empty))
        self.assertTrue(empty.equal(self.annex))

        # Equal departments and tasks already held are kept, not refused.
        self.assertTrue(Community.annex_add_to(empty))
        self.assertTrue(empty.equal(self.annex))

    def test_round_trip(self):
        text, _ = self.annex.save_to_data()
        self.assertIn('"aliases"', text)
        reloaded = Community.Dataset.new()
        self.assertTrue(reloaded.load_from_data(text.encode("utf-8")))
        self.assertTrue(reloaded.equal(self.annex))


if __name__ == "__main__":
    taprunner.main()
