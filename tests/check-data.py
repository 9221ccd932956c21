#!/usr/bin/python3
# check-data.py: community-check over the test data, as TAP
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: check-data.py COMMUNITY_CHECK SAMPLE RULESET_DIR DATASET_DIR...
#
# Runs the command-line tool over the bundled sample (with the built-in
# ruleset, in both formats, from a file and from standard input), over the
# sample with every ruleset file of RULESET_DIR, and over every dataset file
# of the DATASET_DIRs (the fuzz seed corpus: the tests' good and bad
# documents, and the fuzzers' regression inputs). Each run must end with an
# exit status the tool documents (0, 1, or 2 for an unreadable input) and
# print no sanitizer report, GLib critical or warning. It is one TAP case per
# group, with one diagnostic line per bad run.
#
# The test suite runs it in every build; in the sanitizer build (./run test)
# this is what puts the tool itself under ASan and UBSan.

import os
import subprocess
import sys

BAD_OUTPUT = (
    "Sanitizer",       # AddressSanitizer, LeakSanitizer, UndefinedBehaviorSanitizer
    "runtime error:",  # UBSan
    "-CRITICAL **",
    "-WARNING **",
)
ALLOWED_STATUS = {0, 1, 2}


def files(directory):
    return sorted(os.path.join(directory, name) for name in os.listdir(directory)
                  if not name.startswith(".")
                  and os.path.isfile(os.path.join(directory, name)))


def run(tool, args, stdin=None):
    """Returns a complaint, or None if the run was clean."""
    try:
        result = subprocess.run([tool, *args], stdin=stdin, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return "timed out"
    err = result.stderr.decode("utf-8", "replace")
    if result.returncode not in ALLOWED_STATUS:
        return f"exit status {result.returncode}: {err.strip()[-2000:]}"
    for marker in BAD_OUTPUT:
        if marker in err:
            return f"{marker!r} on standard error: {err.strip()[-2000:]}"
    return None


def main():
    tool, sample, ruleset_dir, *dataset_dirs = sys.argv[1:]
    groups = []

    sample_runs = [[sample], [sample, "--format", "json"], [sample, "--fail-on", "never"]]
    groups.append(("the sample, both formats", [(args, None) for args in sample_runs]))
    groups.append(("the sample from standard input", [(["-", "--format", "json"], sample)]))
    groups.append(("the sample with each ruleset file",
                   [([sample, "--ruleset", path, "--format", "json"], None)
                    for path in files(ruleset_dir)]))
    for directory in dataset_dirs:
        groups.append((f"each dataset of {os.path.relpath(directory)}",
                       [([path, "--format", "json"], None) for path in files(directory)]))

    print(f"1..{len(groups)}")
    for number, (title, runs) in enumerate(groups, 1):
        complaints = []
        for args, stdin_path in runs:
            if stdin_path is not None:
                with open(stdin_path, "rb") as stdin:
                    complaint = run(tool, args, stdin)
            else:
                complaint = run(tool, args)
            if complaint is not None:
                complaints.append((args, complaint))
        for args, complaint in complaints:
            print(f"# community-check {' '.join(args)}: {complaint}")
        status = "not ok" if complaints else "ok"
        print(f"{status} {number} - {title} ({len(runs)} runs)")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
