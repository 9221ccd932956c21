#!/usr/bin/python3
# test_roundtrip.py: what save writes, load reads, for datasets built in code
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# A property test: datasets are built and then mutated at random through
# the API (typed setters, unset, add, remove), every entity kind and every
# field of every type found through GObject Introspection, so that a kind
# or a field added later is exercised too. After each round of changes:
#
# - when a required member is missing, community_dataset_check_complete()
#   and save_to_file() refuse with the JSON Pointer of the first one, and
#   the validator reports that member (and every other missing one) as a
#   record.required finding;
# - else save -> load gives an equal dataset, which saves to the same text.
#
#   GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
#   PYTHONPATH=bindings/python /usr/bin/python3 tests/python/test_roundtrip.py
#
# ROUNDTRIP_SEED=n repeats one run; ROUNDTRIP_RUNS sets how many (default 6).

import os
import random
import re
import tempfile
import unittest

import gi

gi.require_version("Community", "1.0")
gi.require_version("Gio", "2.0")
from gi.repository import Community, Gio, GLib, GObject  # noqa: E402

import taprunner  # noqa: E402

# Characters strings are drawn from: JSON's escapes, control characters,
# CJK, a character outside the BMP, a pointer's '/' and '~'.
ALPHABET = "abcXYZ019 -_/~\"\\\t\n\x01\x1f\u2028社区网格长无锡😀"

def entity_kinds():
    return list(range(Community.N_ENTITY_KINDS))


def random_string(rng):
    return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(1, 9)))


def random_value(rng, pspec, depth=0):
    t = pspec.value_type
    if t == GObject.TYPE_STRING:
        return random_string(rng)
    if t == GObject.TYPE_BOOLEAN:
        return rng.random() < 0.5
    if t in (GObject.TYPE_UINT, GObject.TYPE_INT64):
        high = min(pspec.maximum, 2 ** 40)
        return rng.choice([pspec.minimum, min(high, pspec.minimum + 1), rng.randint(pspec.minimum, high)])
    if t == GObject.TYPE_DOUBLE:
        high = min(pspec.maximum, 1e9)
        return rng.choice([pspec.minimum, rng.uniform(pspec.minimum, high), high])
    if t == GObject.TYPE_STRV:
        return [random_string(rng) for _ in range(rng.randrange(4))]
    if t.is_a(GObject.TYPE_ENUM):
        cls = type(pspec.default_value)
        return cls(rng.choice(sorted(cls.__enum_values__)))
    if t.is_a(GObject.TYPE_FLAGS):
        cls = type(pspec.default_value)
        value = 0
        for bit in cls.__flags_values__:
            if rng.random() < 0.4:
                value |= bit
        return cls(value)
    if t == GLib.Date.__gtype__:
        return GLib.Date.new_julian(rng.randint(GLib.Date.new_dmy(1, 1, 1990).get_julian(),
                                                GLib.Date.new_dmy(31, 12, 2030).get_julian()))
    if t == GLib.DateTime.__gtype__:
        tz = GLib.TimeZone.new_offset(rng.choice([0, 8 * 3600, -5 * 3600]))
        return GLib.DateTime.new(tz, rng.randint(1990, 2030), rng.randint(1, 12), rng.randint(1, 28),
                                 rng.randrange(24), rng.randrange(60), rng.randrange(60))
    if t == Gio.ListModel.__gtype__:
        # The list model fields are histories: a work item's holds work-item
        # history entries, a consultation's consultation ones.
        item = (Community.WorkItemHistoryEntry if pspec.owner_type == Community.WorkItem.__gtype__
                else Community.HistoryEntry)
        store = Gio.ListStore.new(item)
        for _ in range(rng.randrange(3)):
            store.append(random_record(rng, item.__gtype__, depth + 1))
        return store
    if t.is_a(Community.Record.__gtype__):
        return random_record(rng, t, depth + 1)
    raise AssertionError(f"no random value for {pspec.name} ({t.name})")


def identity_field(gtype):
    for p in GObject.list_properties(gtype):
        if p.flags & GObject.ParamFlags.CONSTRUCT_ONLY and p.owner_type == gtype:
            return p
    return None


def fill(rng, record, p_optional, depth):
    gtype = record.__gtype__
    for p in GObject.list_properties(gtype):
        if p.owner_type in (Community.Record.__gtype__, Community.Entity.__gtype__):
            continue
        if p.flags & GObject.ParamFlags.CONSTRUCT_ONLY or not p.flags & GObject.ParamFlags.WRITABLE:
            continue
        if p.name in REQUIRED.get(gtype.name, ()) or rng.random() < p_optional:
            if depth > 2 and p.value_type == Gio.ListModel.__gtype__:
                continue
            record.set_property(p.name, random_value(rng, p, depth))


REQUIRED = {}


def random_record(rng, gtype, depth=0):
    record = GObject.new(gtype)
    fill(rng, record, 0.6, depth)
    return record


REQUIRED = {}


def learn_required():
    """Which fields each type requires, learnt through the API itself:
    remove one field at a time from a complete record and see whether
    check_complete() names it. Filled once; it is the library's own
    table, read from outside."""
    rng = random.Random(0)
    for kind in entity_kinds():
        gtype = Community.EntityKind.get_entity_type(kind)
        entity = new_entity(rng, kind, "7")
        fill(rng, entity, 1.0, 0)
        names = set()
        for p in GObject.list_properties(gtype):
            if (p.owner_type in (Community.Record.__gtype__, Community.Entity.__gtype__)
                    or p.flags & GObject.ParamFlags.CONSTRUCT_ONLY):
                continue
            ds = Community.Dataset.new()
            ds.add(entity)
            saved = entity.get_property(p.name)
            entity.unset(p.name)
            try:
                ds.check_complete()
            except GLib.Error as e:
                if re.match(r"^/\w+/0/%s:" % p.name.replace("-", "_"), e.message):
                    names.add(p.name)
            entity.set_property(p.name, saved)
            ds.remove(entity)
        REQUIRED[gtype.name] = names
    # Nested records: check_complete() walks them too; none of today's
    # requires anything, which the test below would notice.


def new_entity(rng, kind, identity):
    gtype = Community.EntityKind.get_entity_type(kind)
    ident = identity_field(gtype)
    if ident.value_type == GObject.TYPE_UINT:
        return GObject.new(gtype, **{ident.name: int(identity)})
    return GObject.new(gtype, **{ident.name: identity})


def pointer_of(error):
    return error.message.split(":", 1)[0]


class RoundTrip(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        learn_required()
        cls.validator = Community.Validator.new(Community.Ruleset.new_builtin("wuxi-2018"))

    def test_required_fields_are_learnt(self):
        # The two examples.
        self.assertIn("name", REQUIRED["CommunityDivision"])
        self.assertIn("community", REQUIRED["CommunityGrid"])
        self.assertNotIn("leader", REQUIRED["CommunityGrid"])

    def test_division_without_a_name_is_refused(self):
        ds = Community.Dataset.new()
        ds.add(Community.Division.new("320200000000"))
        with self.assertRaises(GLib.Error) as raised:
            ds.check_complete()
        self.assertEqual(raised.exception.message,
                         "/divisions/0/name: the required member “name” is missing or null")
        self.assertTrue(raised.exception.matches(Community.ParseError.quark(),
                                                 Community.ParseError.MISSING))
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "out.json")
            with self.assertRaises(GLib.Error) as saved:
                ds.save_to_file(path)
            self.assertEqual(saved.exception.message, raised.exception.message)
            self.assertFalse(os.path.exists(path))
            self.assertEqual(os.listdir(tmp), [])
        findings = [(f.get_rule(), f.get_path()) for f in self.validator.run(ds).get_findings()]
        self.assertIn(("record.required", "/divisions/0/name"), findings)

    def test_unsetting_a_grids_community_is_refused(self):
        ds = Community.Dataset.new()
        grid = Community.Grid.new("G1")
        grid.set_community("320205102001")
        ds.add(grid)
        ds.check_complete()
        grid.set_community(None)
        with self.assertRaises(GLib.Error) as raised:
            ds.check_complete()
        self.assertEqual(pointer_of(raised.exception), "/grids/0/community")
        report = self.validator.run(ds)
        missing = [f for f in report.get_findings() if f.get_rule() == "record.required"]
        self.assertEqual([f.get_path() for f in missing], ["/grids/0/community"])
        self.assertEqual(missing[0].get_severity(), Community.Severity.ERROR)
        self.assertEqual(missing[0].get_subject_id(), "G1")

    def test_every_missing_member_is_a_finding(self):
        ds = Community.Dataset.new()
        for i in range(3):
            ds.add(Community.Division.new("32020000000%d" % i))
        report = self.validator.run(ds)
        paths = sorted(f.get_path() for f in report.get_findings() if f.get_rule() == "record.required")
        self.assertEqual(paths, sorted("/divisions/%d/%s" % (i, m.replace("-", "_"))
                                       for i in range(3) for m in REQUIRED["CommunityDivision"]))
        result = report.get_rule_result("record.required")
        self.assertEqual(result.get_failed(), len(paths))

    def test_random_datasets(self):
        runs = int(os.environ.get("ROUNDTRIP_RUNS", "6"))
        seeds = ([int(os.environ["ROUNDTRIP_SEED"])] if "ROUNDTRIP_SEED" in os.environ
                 else [2018 + i for i in range(runs)])
        for seed in seeds:
            with self.subTest(seed=seed):
                self.run_one(seed)

    def run_one(self, seed):
        rng = random.Random(seed)
        ds = Community.Dataset.new()
        if rng.random() < 0.7:
            ds.set_as_of(GLib.Date.new_dmy(rng.randint(1, 28), rng.randint(1, 12), rng.randint(2000, 2030)))
        serial = 0
        live = []
        for step in range(40):
            action = rng.random()
            if action < 0.35 or not live:
                serial += 1
                kind = rng.choice(entity_kinds())
                gtype = Community.EntityKind.get_entity_type(kind)
                entity = new_entity(rng, kind, str(serial))
                fill(rng, entity, 0.5, 0)
                ds.add(entity)
                live.append(entity)
                what = f"adding a {gtype.name}"
            elif action < 0.45:
                entity = live.pop(rng.randrange(len(live)))
                ds.remove(entity)
                what = "removing an entity"
            elif action < 0.85:
                entity = rng.choice(live)
                fields = [p for p in GObject.list_properties(entity.__gtype__)
                          if p.owner_type not in (Community.Record.__gtype__, Community.Entity.__gtype__)
                          and p.flags & GObject.ParamFlags.WRITABLE
                          and not p.flags & GObject.ParamFlags.CONSTRUCT_ONLY]
                p = rng.choice(fields)
                needed = [f for f in fields if f.name in REQUIRED[entity.__gtype__.name]]
                if needed and rng.random() < 0.15:
                    p = rng.choice(needed)
                    entity.unset(p.name)
                    what = f"unsetting the required {p.name}"
                elif rng.random() < 0.25:
                    entity.unset(p.name)
                    what = f"unsetting {p.name}"
                else:
                    entity.set_property(p.name, random_value(rng, p))
                    what = f"setting {p.name}"
            else:
                what = "nothing"
            self.check(ds, rng, f"seed {seed}, step {step} ({what})")

    def check(self, ds, rng, where):
        report = self.validator.run(ds)
        missing = [f.get_path() for f in report.get_findings() if f.get_rule() == "record.required"]
        try:
            ds.check_complete()
        except GLib.Error as e:
            first = pointer_of(e)
            self.assertIn(first, missing, where)
            # Complete it again, as an application would from the findings.
            for path in missing:
                record, p = resolve(ds, path)
                self.assertFalse(record.is_set(p.name), f"{where}: {path} is set")
                record.set_property(p.name, random_value(rng, p))
            ds.check_complete()
        else:
            self.assertEqual(missing, [], where)
        text = ds.save_to_data()[0]
        loaded = Community.Dataset.new()
        try:
            loaded.load_from_bytes(GLib.Bytes.new(text.encode()))
        except GLib.Error as e:
            self.fail(f"{where}: the saved dataset does not load: {e.message}")
        self.assertTrue(ds.equal(loaded), f"{where}: the loaded dataset differs")
        self.assertEqual(text, loaded.save_to_data()[0], where)


def resolve(ds, path):
    """The record and the property a pointer into the document names:
    /consultations/0/history/1/at."""
    member, index, *rest = path.split("/")[1:]
    record = ds.get_items(kind_of_member(member)).get_item(int(index))
    while True:
        p = record.find_property(rest.pop(0).replace("_", "-"))
        if not rest:
            return record, p
        value = record.get_property(p.name)
        if isinstance(value, Gio.ListModel):
            value = value.get_item(int(rest.pop(0)))
        record = value


def kind_of_member(member):
    for kind in entity_kinds():
        if Community.EntityKind.get_member_name(kind) == member:
            return kind
    raise AssertionError(member)


if __name__ == "__main__":
    taprunner.main()
