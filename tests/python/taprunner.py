# taprunner.py: run the unittest TestCases of a test script and print TAP
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage, at the end of a test module:
#
#     if __name__ == "__main__":
#         taprunner.main()
#
# Every TestCase class of __main__ is collected. The output is TAP on stdout:
#
#     1..N
#     ok 1 - test_name
#     not ok 2 - test_name
#     # Traceback (most recent call last):
#     # ...
#     ok 3 - test_name # SKIP reason
#     not ok 4 - test_name # TODO reason        (@unittest.expectedFailure)
#
# An expected failure is a TAP TODO and does not fail the run; the first line
# of the test's docstring is the reason. An unexpected success is reported as
# "ok N - name # TODO unexpected success: ..." and does fail the run, so that
# the expectedFailure marker is removed once the bug is fixed.
#
# Command-line arguments, if any, select tests by method name
# (test_foo) or by Class.test_foo. The exit status is 0 if everything
# passed, 1 otherwise.

import sys
import traceback
import unittest

__all__ = ["TapResult", "main", "run"]


def _comment(text, stream):
    for line in str(text).rstrip("\n").splitlines() or [""]:
        stream.write(("# " + line).rstrip() + "\n")


def _directive_text(text):
    # A directive ends the line: keep it on one line and without "#".
    return " ".join(str(text).replace("#", "").split())


class TapResult(unittest.TestResult):
    """A TestResult that prints one TAP line per test as it finishes."""

    def __init__(self, stream=None):
        super().__init__()
        self.stream = stream if stream is not None else sys.stdout
        self.number = 0
        self.bailed_out = False
        self._status = None
        self._directive = ""
        self._details = []

    # One test --------------------------------------------------------------

    def startTest(self, test):
        super().startTest(test)
        self._status = "ok"
        self._directive = ""
        self._details = []

    def stopTest(self, test):
        super().stopTest(test)
        self.number += 1
        line = "%s %d - %s" % (self._status, self.number, _test_name(test))
        if self._directive:
            line += " # " + self._directive
        self.stream.write(line + "\n")
        for detail in self._details:
            _comment(detail, self.stream)
        self.stream.flush()

    def addSuccess(self, test):
        super().addSuccess(test)

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._fail(test, err)

    def addError(self, test, err):
        if not isinstance(test, unittest.TestCase):
            # An error in setUpModule, setUpClass or their tearDown: no test
            # is running, so there is no test line to attach it to.
            super().addError(test, err)
            self._bail_out(test, err)
            return
        super().addError(test, err)
        self._fail(test, err)

    def addSubTest(self, test, subtest, err):
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._status = "not ok"
            self._details.append("subtest %s" % subtest._subDescription())
            self._details.append(self._exc_info_to_string(err, test))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._directive = "SKIP " + _directive_text(reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._status = "not ok"
        self._directive = "TODO " + _directive_text(
            test.shortDescription() or "expected failure")
        self._details.append(self._exc_info_to_string(err, test))

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._status = "ok"
        self._directive = "TODO unexpected success: " + _directive_text(
            test.shortDescription() or "expected failure") + \
            " (fixed? remove @expectedFailure)"

    def _fail(self, test, err):
        self._status = "not ok"
        self._details.append(self._exc_info_to_string(err, test))

    def _bail_out(self, holder, err):
        self.bailed_out = True
        description = getattr(holder, "description", str(holder))
        self.stream.write("Bail out! error in %s\n" % _directive_text(description))
        _comment(self._exc_info_to_string(err, holder), self.stream)
        self.stream.flush()
        # TAP consumers stop reading here: run nothing more.
        self.stop()


def _test_name(test):
    return getattr(test, "_testMethodName", None) or test.id()


def _iter_tests(suite):
    for test in suite:
        if isinstance(test, unittest.TestSuite):
            yield from _iter_tests(test)
        else:
            yield test


def _select(suite, names):
    if not names:
        return suite
    wanted = set(names)
    selected = unittest.TestSuite()
    for test in _iter_tests(suite):
        name = _test_name(test)
        qualified = "%s.%s" % (type(test).__name__, name)
        if name in wanted or qualified in wanted:
            selected.addTest(test)
    return selected


def run(suite, stream=None):
    """Runs @suite printing TAP to @stream; returns True if all passed."""
    stream = stream if stream is not None else sys.stdout
    result = TapResult(stream)
    stream.write("1..%d\n" % suite.countTestCases())
    stream.flush()
    try:
        suite.run(result)
    except KeyboardInterrupt:
        stream.write("Bail out! interrupted\n")
        stream.flush()
        return False
    except Exception:  # a bug in a fixture outside any test
        stream.write("Bail out! %s\n" % _directive_text(sys.exc_info()[1]))
        _comment(traceback.format_exc(), stream)
        stream.flush()
        return False
    return result.wasSuccessful() and not result.bailed_out


def main(module="__main__", argv=None):
    """Runs the TestCases of @module (by default the script) and exits."""
    if isinstance(module, str):
        module = sys.modules[module]
    names = sys.argv[1:] if argv is None else list(argv)
    suite = _select(unittest.defaultTestLoader.loadTestsFromModule(module), names)
    if names and suite.countTestCases() == 0:
        sys.stderr.write("no test matches %s\n" % " ".join(names))
        sys.exit(2)
    sys.exit(0 if run(suite) else 1)
