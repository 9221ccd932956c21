# samples.py: the bundled sample dataset for the Python tests
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# The Python counterpart of the fixtures in tests/gjs/common.js. Meson sets
# COMMUNITY_SAMPLE to examples/data/wuxi-sample.json; run by hand, set it
# too.

import json
import os

import gi

gi.require_version("Community", "1.0")
from gi.repository import Community  # noqa: E402

_sample_json = None


def sample_path():
    """The sample's path, from COMMUNITY_SAMPLE."""
    path = os.environ.get("COMMUNITY_SAMPLE")
    if not path:
        raise AssertionError("COMMUNITY_SAMPLE is not set: it must name wuxi-sample.json")
    return path


def sample_json():
    """The sample, as the json module reads it (cached; do not modify)."""
    global _sample_json
    if _sample_json is None:
        with open(sample_path(), encoding="utf-8") as f:
            _sample_json = json.load(f)
    return _sample_json


def sample_copy():
    """A deep copy of the sample's JSON that a test may modify."""
    return json.loads(json.dumps(sample_json()))


def load_sample():
    """A new dataset loaded from the sample (asserting that it loads)."""
    dataset = Community.Dataset.new()
    assert dataset.load_from_file(sample_path()) is True
    return dataset
