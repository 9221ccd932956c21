# examplecheck.py: what the example tests share
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The expected output of an example comes from community-check's JSON
# report of the same data (COMMUNITY_CHECK names the tool), not from the
# library's objects that the examples themselves use, and the sample's
# facts come from the sample file itself.

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import taprunner  # noqa: E402,F401

SAMPLE = os.environ["COMMUNITY_SAMPLE"]
COMMUNITY_CHECK = os.environ["COMMUNITY_CHECK"]
SOURCE_ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

with open(SAMPLE, encoding="utf-8") as f:
    SAMPLE_DOC = json.load(f)

DIVISIONS = {d["code"]: d for d in SAMPLE_DOC["divisions"]}
COMMUNITIES = {c["code"]: c for c in SAMPLE_DOC["communities"]}
STREETS = [d for d in SAMPLE_DOC["divisions"] if d["level"] in ("street", "town")]


def report(*args):
    """community-check's JSON report of the sample, with extra options."""
    proc = subprocess.run([COMMUNITY_CHECK, SAMPLE, "--format", "json", "--fail-on", "never",
                           *args], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def personal_data():
    """Every worker's name, ID number and phone in the sample."""
    values = set()
    for worker in SAMPLE_DOC["workers"]:
        for member in ("name", "id_number", "phone"):
            if worker.get(member):
                values.add(worker[member])
    return values


def bad_dataset(directory):
    """A dataset the loader refuses at /grids/0/id."""
    path = os.path.join(directory, "bad.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"format": "libcommunity-dataset", "version": 1, "grids": [{"id": 5}]}, f)
    return path
