#!/usr/bin/python3
"""Checks doc/dataset-format.md against the library.

Usage: test-dataset-format.py dataset-format.md
with GI_TYPELIB_PATH, LD_LIBRARY_PATH and COMMUNITY_SAMPLE set (meson test
does). Prints TAP.

The page must have a section for every array of the document and every
nested object, a table row for every member the loader reads (and none it
does not), every word of each vocabulary, and the right "required" column:
a member marked `yes` is refused when it is taken out of a sample entity,
one marked `no` is not, and `identity` is the entity's identity. Every
ParseError code is explained. So the page cannot drift from the loader.
"""

import copy
import json
import os
import re
import sys
import unittest

import gi

gi.require_version("Community", "1.0")
from gi.repository import Community, GLib, GObject  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "python"))
import taprunner  # noqa: E402

PAGE = None
SAMPLE = os.environ["COMMUNITY_SAMPLE"]

HEADING_RE = re.compile(r"^(#{2,3}) (.*)$")
ROW_RE = re.compile(r"^\| `([a-z0-9_]+)` \| (.*?) \| (identity|yes|no) \|\s*(.*?)\s*\|$")

# Members that hold a list of nested objects: GObject Introspection does not
# say what a GListModel holds.
LIST_ITEMS = {"history": Community.HistoryEntry}


def sections(text):
    """Heading text (its first `code`, else the text) -> body, by level."""
    result = {}
    name, body = None, []
    for line in text.splitlines():
        m = HEADING_RE.match(line)
        if m:
            if name is not None:
                result[name] = "\n".join(body)
            code = re.search(r"`([^`]+)`", m[2])
            name, body = (code[1] if code else m[2]), []
        else:
            body.append(line)
    if name is not None:
        result[name] = "\n".join(body)
    return result


def rows(body):
    """member -> (type, required, meaning) of the section's table."""
    result = {}
    for line in body.splitlines():
        m = ROW_RE.match(line)
        if m:
            result[m[1]] = (m[2], m[3], m[4])
    return result


def json_name(pspec):
    return pspec.name.replace("-", "_")


def own_properties(cls):
    return [p for p in cls.list_properties() if p.owner_type == cls.__gtype__]


def vocabulary(value_type):
    cls = getattr(Community, value_type.name[len("Community"):])
    if value_type.is_a(GObject.TYPE_ENUM):
        return [v.value_nick for v in cls.__enum_values__.values()]
    return [v.value_nicks[0] for v in cls.__flags_values__.values() if v.value_nicks]


def record_types():
    """(section name, class, path to a sample object of it, is entity)."""
    result = []
    for kind in Community.EntityKind.__enum_values__.values():
        gtype = Community.entity_kind_get_entity_type(kind)
        cls = getattr(Community, gtype.name[len("Community"):])
        member = Community.entity_kind_get_member_name(kind)
        result.append((member, cls, [member], True))
        for pspec in own_properties(cls):
            name = json_name(pspec)
            if pspec.value_type.is_a(Community.Record.__gtype__):
                nested = getattr(Community, pspec.value_type.name[len("Community"):])
                result.append((name, nested, [member, name], False))
            elif pspec.value_type.is_a(GObject.type_from_name("GListModel")):
                result.append((name, LIST_ITEMS[name], [member, name, 0], False))
    return result


def objects_at(doc, path):
    """Every object of the sample at @path ([array, member, index...]),
    with the JSON Pointer of each."""
    found = [(doc, "")]
    for step in path:
        nxt = []
        for obj, pointer in found:
            if isinstance(step, int):
                if isinstance(obj, list):
                    nxt += [(o, f"{pointer}/{i}") for i, o in enumerate(obj)]
            elif isinstance(obj, dict) and step in obj:
                value = obj[step]
                if isinstance(value, list) and step == path[0]:
                    nxt += [(o, f"{pointer}/{step}/{i}") for i, o in enumerate(value)]
                else:
                    nxt.append((value, f"{pointer}/{step}"))
        found = nxt
    return [(o, p) for o, p in found if isinstance(o, dict)]


def load(doc):
    dataset = Community.Dataset.new()
    dataset.load_from_data(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    return dataset


class DatasetFormatPage(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        with open(PAGE, encoding="utf-8") as f:
            cls.text = f.read()
        cls.sections = sections(cls.text)
        with open(SAMPLE, encoding="utf-8") as f:
            cls.sample = json.load(f)

    def test_every_array_and_nested_object_has_a_section(self):
        for name, _, _, _ in record_types():
            with self.subTest(section=name):
                self.assertIn(name, self.sections)
                self.assertTrue(rows(self.sections[name]), f"section {name} has no table")

    def test_every_member_has_a_row_and_no_row_is_stale(self):
        for name, cls, _, _ in record_types():
            documented = rows(self.sections.get(name, ""))
            members = {json_name(p) for p in own_properties(cls)}
            with self.subTest(section=name):
                self.assertEqual(sorted(set(documented) - members), [], "rows of no member")
                self.assertEqual(sorted(members - set(documented)), [], "members without a row")

    def test_every_vocabulary_word_is_listed(self):
        for name, cls, _, _ in record_types():
            documented = rows(self.sections.get(name, ""))
            for pspec in own_properties(cls):
                if not (pspec.value_type.is_a(GObject.TYPE_ENUM)
                        or pspec.value_type.is_a(GObject.TYPE_FLAGS)):
                    continue
                member = json_name(pspec)
                type_text = documented.get(member, ("", "", ""))[0]
                for word in vocabulary(pspec.value_type):
                    with self.subTest(member=f"{name}.{member}", word=word):
                        self.assertIn(f"`{word}`", type_text)

    def test_the_identity_is_marked(self):
        for name, cls, _, is_entity in record_types():
            documented = rows(self.sections.get(name, ""))
            for pspec in own_properties(cls):
                member = json_name(pspec)
                identity = bool(pspec.flags & GObject.ParamFlags.CONSTRUCT_ONLY)
                with self.subTest(member=f"{name}.{member}"):
                    self.assertEqual(documented[member][1] == "identity", identity)
            if is_entity:
                self.assertEqual(sum(r[1] == "identity" for r in documented.values()), 1, name)

    def test_required_members_are_refused_when_missing(self):
        checked = 0
        for name, _, path, _ in record_types():
            for member, (_, required, _) in rows(self.sections.get(name, "")).items():
                if required != "yes":
                    continue
                holders = [(o, p) for o, p in objects_at(self.sample, path) if member in o]
                self.assertTrue(holders, f"the sample has no {name} with {member}")
                obj, pointer = holders[0]
                doc = copy.deepcopy(self.sample)
                target = objects_at(doc, path)
                target = next(o for o, p in target if p == pointer)
                for value in ("missing", None):
                    if value == "missing":
                        del target[member]
                    else:
                        target[member] = None
                    with self.subTest(member=f"{name}.{member}", value=value):
                        with self.assertRaises(GLib.Error) as caught:
                            load(doc)
                        self.assertTrue(caught.exception.matches(
                            Community.parse_error_quark(), Community.ParseError.MISSING),
                            caught.exception.message)
                        self.assertTrue(caught.exception.message.startswith(
                            f"{pointer}/{member}:"), caught.exception.message)
                checked += 1
        self.assertGreater(checked, 10)

    def test_optional_members_may_be_missing_or_null(self):
        checked = 0
        for name, _, path, _ in record_types():
            for member, (_, required, _) in rows(self.sections.get(name, "")).items():
                if required != "no":
                    continue
                holders = [p for o, p in objects_at(self.sample, path) if member in o]
                if not holders:
                    continue  # nothing in the sample to take away
                for value in ("missing", None):
                    doc = copy.deepcopy(self.sample)
                    target = next(o for o, p in objects_at(doc, path) if p == holders[0])
                    if value == "missing":
                        del target[member]
                    else:
                        target[member] = None
                    with self.subTest(member=f"{name}.{member}", value=value):
                        load(doc)
                checked += 1
        self.assertGreater(checked, 60)

    def test_the_header_members(self):
        documented = rows(self.sections["The header"])
        self.assertEqual(set(documented), {"format", "version", "as_of", "codes_year"})
        self.assertEqual(documented["format"][1], "yes")
        self.assertEqual(documented["version"][1], "yes")
        for member in ("as_of", "codes_year"):
            doc = copy.deepcopy(self.sample)
            del doc[member]
            load(doc)

    def test_every_parse_error_is_explained(self):
        errors = self.sections["Errors"]
        for nick, value in Community.ParseError.__enum_values__.items():
            code = "COMMUNITY_PARSE_ERROR_" + value.value_name.split("_ERROR_")[-1]
            with self.subTest(code=code):
                self.assertIn(f"| `{code}` |", errors)

    def test_the_sample_loads(self):
        load(self.sample)


if __name__ == "__main__":
    PAGE = sys.argv.pop(1)
    taprunner.main()
