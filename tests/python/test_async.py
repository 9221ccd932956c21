#!/usr/bin/python3
# test_async.py: validating in a worker thread (Validator.run_async and
# run_finish), and loading and saving in one (Dataset.load_from_file_async,
# load_from_stream_async, save_to_file_async), from Python, with a GLib
# main loop
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import os
import tempfile
import unittest

import gi

gi.require_version("Community", "1.0")
gi.require_version("Gio", "2.0")
from gi.repository import Community, Gio, GLib  # noqa: E402

import taprunner  # noqa: E402
from samples import load_sample, sample_path  # noqa: E402

TIMEOUT_S = 30

# The sample's worker.pay-floor finding is about 梁溪区, whose full-time staff
# are paid less than its 2018 baseline on average; paying W0018, one of
# them, 250000 yuan instead of 92400 lifts the mean above it.
LIANGXI = "320213000000"


def has_finding(report, rule, subject_id):
    found = report.filter(Community.Severity.INFO, rule, subject_id, None)
    return found.get_n_items() > 0


class AsyncTest(unittest.TestCase):
    def setUp(self):
        self.dataset = load_sample()
        self.validator = Community.Validator.new(Community.Ruleset.new_builtin("wuxi-2018"))
        self.loop = GLib.MainLoop.new(None, False)
        self.timed_out = False

    def run_loop(self, pending):
        """Runs the main loop until pending() is false, or fails after TIMEOUT_S."""
        def on_timeout():
            self.timed_out = True
            self.loop.quit()
            return GLib.SOURCE_REMOVE

        timeout = GLib.timeout_add_seconds(TIMEOUT_S, on_timeout)
        while pending() and not self.timed_out:
            self.loop.run()
        if not self.timed_out:
            GLib.source_remove(timeout)
        self.assertFalse(self.timed_out, "the validation did not finish")

    def validate_async(self, dataset, cancellable=None, change=None):
        """Starts run_async, calls change() right after, and waits: returns
        (report, error)."""
        outcome = {}

        def done(validator, result):
            try:
                outcome["report"] = validator.run_finish(result)
            except GLib.Error as e:
                outcome["error"] = e
            self.loop.quit()

        self.validator.run_async(dataset, cancellable, done)
        if change is not None:
            change()
        self.assertEqual(outcome, {}, "the callback ran before the main loop")
        self.run_loop(lambda: not outcome)
        return outcome.get("report"), outcome.get("error")

    def test_async_equals_sync(self):
        expected = self.validator.run(self.dataset).to_data()[0]
        report, error = self.validate_async(self.dataset)
        self.assertIsNone(error)
        self.assertEqual(report.to_data()[0], expected)
        self.assertEqual(report.get_findings().get_n_items(), 9)

    def test_change_after_start_does_not_reach_the_report(self):
        before = self.validator.run(self.dataset).to_data()[0]

        def change():
            self.dataset.get_worker("W0018").props.annual_pay_yuan = 250000
            self.dataset.get_grid("320205106001-G02").props.leader = "W0064"

        report, error = self.validate_async(self.dataset, change=change)
        self.assertIsNone(error)
        self.assertTrue(has_finding(report, "worker.pay-floor", LIANGXI))
        self.assertTrue(has_finding(report, "grid.leader", "320205106001-G02"))
        self.assertEqual(report.to_data()[0], before)

        later = self.validator.run(self.dataset)
        self.assertFalse(has_finding(later, "worker.pay-floor", LIANGXI))
        self.assertFalse(has_finding(later, "grid.leader", "320205106001-G02"))

    def test_dropping_the_dataset_after_start(self):
        dataset = load_sample()
        outcome = {}

        def done(validator, result):
            outcome["report"] = validator.run_finish(result)
            self.loop.quit()

        self.validator.run_async(dataset, None, done)
        del dataset
        self.run_loop(lambda: not outcome)
        self.assertTrue(has_finding(outcome["report"], "worker.pay-floor", LIANGXI))

    def test_cancelled_before_start(self):
        cancellable = Gio.Cancellable.new()
        cancellable.cancel()
        report, error = self.validate_async(self.dataset, cancellable)
        self.assertIsNone(report)
        self.assertTrue(error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED), error)

    def test_cancelled_after_start(self):
        cancellable = Gio.Cancellable.new()
        report, error = self.validate_async(self.dataset, cancellable, change=cancellable.cancel)
        self.assertIsNone(report)
        self.assertTrue(error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED), error)

    def test_user_data(self):
        outcome = {}

        def done(validator, result, data):
            outcome["data"] = data
            outcome["report"] = validator.run_finish(result)
            self.loop.quit()

        self.validator.run_async(self.dataset, None, done, "some data")
        self.run_loop(lambda: not outcome)
        self.assertEqual(outcome["data"], "some data")
        self.assertIsInstance(outcome["report"], Community.Report)

    def test_several_at_once(self):
        expected = self.validator.run(self.dataset).to_data()[0]
        other = Community.Validator.new(Community.Ruleset.new_builtin("wuxi-2018"))
        reports = {}

        def done(validator, result, index):
            reports[index] = validator.run_finish(result).to_data()[0]
            self.loop.quit()

        datasets = []
        for i in range(8):
            dataset = self.dataset if i < 4 else self.dataset.copy()
            datasets.append(dataset)
            (self.validator if i % 2 else other).run_async(dataset, None, done, i)
            # Changing the copies once their validation started changes
            # nothing in their reports.
            if i >= 4:
                dataset.get_worker("W0018").props.annual_pay_yuan = 250000
        self.run_loop(lambda: len(reports) < 8)
        for i in range(8):
            self.assertEqual(reports[i], expected, f"run {i}")

    def test_copy(self):
        copy = self.dataset.copy()
        self.assertTrue(copy.equal(self.dataset))
        copy.get_worker("W0018").props.annual_pay_yuan = 1
        self.assertFalse(copy.equal(self.dataset))
        self.assertEqual(self.dataset.get_worker("W0018").props.annual_pay_yuan, 92400)
        self.assertIs(copy.get_worker("W0018").get_dataset(), copy)


    def finish(self, start):
        """Calls start(callback), runs the loop until the callback: returns
        (finish's result, error)."""
        outcome = {}

        def done(source, result, finish):
            try:
                outcome["value"] = finish(result)
            except GLib.Error as e:
                outcome["error"] = e
            self.loop.quit()

        start(done)
        self.run_loop(lambda: not outcome)
        return outcome.get("value"), outcome.get("error")

    def test_load_from_file_async(self):
        dataset = Community.Dataset.new()
        ok, error = self.finish(lambda done: dataset.load_from_file_async(
            sample_path(), None, done, dataset.load_from_file_finish))
        self.assertIsNone(error)
        self.assertTrue(ok)
        self.assertTrue(dataset.equal(self.dataset))

    def test_load_from_stream_async(self):
        dataset = Community.Dataset.new()
        stream = Gio.File.new_for_path(sample_path()).read(None)
        ok, error = self.finish(lambda done: dataset.load_from_stream_async(
            stream, None, done, dataset.load_from_stream_finish))
        self.assertIsNone(error)
        self.assertTrue(dataset.equal(self.dataset))

    def test_load_async_refused_and_cancelled(self):
        before = self.dataset.copy()
        with tempfile.TemporaryDirectory() as tmp:
            bad = os.path.join(tmp, "bad.json")
            with open(bad, "w", encoding="utf-8") as f:
                f.write('{"format": "libcommunity-dataset", "version": 1, "grids": [{"id": 7}]}')
            ok, error = self.finish(lambda done: self.dataset.load_from_file_async(
                bad, None, done, self.dataset.load_from_file_finish))
            self.assertTrue(error.matches(Community.parse_error_quark(), Community.ParseError.TYPE), error)
            self.assertTrue(error.message.startswith("/grids/0/id: "), error.message)
            self.assertTrue(self.dataset.equal(before))

        cancellable = Gio.Cancellable.new()
        cancellable.cancel()
        ok, error = self.finish(lambda done: self.dataset.load_from_file_async(
            sample_path(), cancellable, done, self.dataset.load_from_file_finish))
        self.assertTrue(error.matches(Gio.io_error_quark(), Gio.IOErrorEnum.CANCELLED), error)
        self.assertTrue(self.dataset.equal(before))

    def test_save_to_file_async(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "saved.json")
            ok, error = self.finish(lambda done: self.dataset.save_to_file_async(
                path, None, None, done, self.dataset.save_to_file_finish))
            self.assertIsNone(error)
            with open(path, "rb") as f:
                self.assertEqual(f.read(), self.dataset.save_to_data()[0].encode("utf-8")
                                 if isinstance(self.dataset.save_to_data()[0], str)
                                 else bytes(self.dataset.save_to_data()[0]))


if __name__ == "__main__":
    taprunner.main()
