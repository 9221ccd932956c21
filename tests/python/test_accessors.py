#!/usr/bin/python3
# test_accessors.py: every property of every record type has typed accessors
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Walks every record type of the Community namespace through GObject
# Introspection (so a type or a field added later is walked too) and, for
# each of its own properties, finds the typed getter the type declares, and
# a setter for every property writable after construction; then sets a
# value through the setter and reads it back through the getter, through
# GObject and through community_record_is_set().
#
#   GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
#   PYTHONPATH=bindings/python /usr/bin/python3 tests/python/test_accessors.py

import unittest

import gi

gi.require_version("Community", "1.0")
gi.require_version("Gio", "2.0")
from gi.repository import Community, Gio, GLib, GObject  # noqa: E402

import taprunner  # noqa: E402

# Methods of the base classes: a getter that would shadow one of them is
# named after its type (community_grid_get_grid_kind()).
INHERITED = {name for base in (Community.Record, Community.Entity)
             for name in dir(base) if not name.startswith("_")}


def record_types():
    """Every instantiable record type of the namespace."""
    out = []
    for name in dir(Community):
        cls = getattr(Community, name)
        if (isinstance(cls, type) and issubclass(cls, Community.Record)
                and not cls.__gtype__.is_abstract()):
            out.append(cls)
    return out


def snake(cls):
    """Community.SocialOrganization -> social_organization"""
    return cls.__info__.get_type_init()[len("community_"):-len("_get_type")]


def own_properties(cls):
    return [p for p in GObject.list_properties(cls.__gtype__) if p.owner_type == cls.__gtype__]


def accessor(cls, verb, pspec):
    """The method of @cls itself named @verb_<prop> (or @verb_<type>_<prop>)."""
    prop = pspec.name.replace("-", "_")
    for name in (f"{verb}_{prop}", f"{verb}_{snake(cls)}_{prop}"):
        if f"get_{prop}" in INHERITED and name == f"{verb}_{prop}":
            continue
        if cls.__info__.find_method(name) is not None:
            return getattr(cls, name)
    return None


def sample(pspec):
    """A value of @pspec's type other than its default."""
    t = pspec.value_type
    if t == GObject.TYPE_STRING:
        return "一"
    if t == GObject.TYPE_BOOLEAN:
        return not pspec.default_value
    if t in (GObject.TYPE_UINT, GObject.TYPE_INT64):
        return min(pspec.maximum, pspec.minimum + 3)
    if t == GObject.TYPE_DOUBLE:
        return pspec.minimum + min(1.0, pspec.maximum - pspec.minimum) / 4
    if t == GObject.TYPE_STRV:
        return ["a", "b"]
    if t.is_a(GObject.TYPE_ENUM):
        values = sorted(t.pytype.__enum_values__)
        return t.pytype(values[-1])
    if t.is_a(GObject.TYPE_FLAGS):
        values = list(t.pytype.__flags_values__)
        return t.pytype(values[0] | values[-1])
    if t == GLib.Date.__gtype__:
        return GLib.Date.new_dmy(2, GLib.DateMonth.MARCH, 2020)
    if t == GLib.DateTime.__gtype__:
        return GLib.DateTime.new_utc(2020, 3, 2, 10, 0, 0)
    if t == Gio.ListModel.__gtype__:
        # The histories: a work item's holds work-item history entries.
        item = (Community.WorkItemHistoryEntry if pspec.owner_type == Community.WorkItem.__gtype__
                else Community.HistoryEntry)
        store = Gio.ListStore.new(item)
        store.append(item())
        return store
    if t.is_a(Community.Record.__gtype__):
        return GObject.new(t)
    raise AssertionError(f"no sample for {pspec.name} of type {t.name}")


def same(a, b):
    if isinstance(a, GLib.Date):
        return a.compare(b) == 0
    if isinstance(a, GLib.DateTime):
        return a.equal(b)
    if isinstance(a, GObject.Object):
        return a is b
    return a == b


def new(cls):
    ident = [p for p in own_properties(cls) if p.flags & GObject.ParamFlags.CONSTRUCT_ONLY]
    if ident:
        return GObject.new(cls, **{ident[0].name.replace("-", "_"): sample(ident[0])})
    return GObject.new(cls)


class TestAccessors(unittest.TestCase):
    def test_every_type_is_walked(self):
        names = {cls.__name__ for cls in record_types()}
        # Not a list to keep up to date: the ones the walk must not miss.
        self.assertTrue({"Grid", "Worker", "Community", "Committee", "Consultation",
                         "HistoryEntry", "WorkItem"} <= names, names)

    def test_every_property_has_a_getter(self):
        missing = [f"{cls.__name__}:{p.name}" for cls in record_types()
                   for p in own_properties(cls) if accessor(cls, "get", p) is None]
        self.assertEqual(missing, [])

    def test_every_writable_property_has_a_setter(self):
        walked = 0
        missing = []
        for cls in record_types():
            for p in own_properties(cls):
                writable = (p.flags & GObject.ParamFlags.WRITABLE
                            and not p.flags & GObject.ParamFlags.CONSTRUCT_ONLY)
                setter = accessor(cls, "set", p)
                if writable and setter is None:
                    missing.append(f"{cls.__name__}:{p.name}")
                if not writable:
                    self.assertIsNone(setter, f"{cls.__name__}:{p.name} is not writable")
                walked += 1
        self.assertEqual(missing, [])
        self.assertGreater(walked, 80)

    def test_set_then_get(self):
        for cls in record_types():
            for p in own_properties(cls):
                setter = accessor(cls, "set", p)
                if setter is None:
                    continue
                with self.subTest(f"{cls.__name__}:{p.name}"):
                    record = new(cls)
                    getter = accessor(cls, "get", p)
                    self.assertFalse(record.is_set(p.name))
                    value = sample(p)
                    setter(record, value)
                    self.assertTrue(record.is_set(p.name))
                    got = getter(record)
                    self.assertTrue(same(value, got), f"{value!r} != {got!r}")
                    self.assertTrue(same(record.get_property(p.name), got))

    def test_unset_is_distinct_from_zero(self):
        grid = Community.Grid.new("G")
        self.assertEqual(grid.get_households(), 0)
        self.assertFalse(grid.is_set("households"))
        grid.set_households(0)
        self.assertEqual(grid.get_households(), 0)
        self.assertTrue(grid.is_set("households"))
        grid.unset("households")
        self.assertFalse(grid.is_set("households"))
        # Pointers: NULL unsets.
        grid.set_leader("W1")
        self.assertEqual(grid.get_leader(), "W1")
        grid.set_leader(None)
        self.assertIsNone(grid.get_leader())
        self.assertFalse(grid.is_set("leader"))
        # An unset field reads as its default, as through GObject.
        funding = Community.Funding.new("F")
        self.assertEqual(funding.get_year(), funding.props.year)

    def test_construct_only_identity_has_a_getter(self):
        self.assertEqual(Community.Community.new("320205102001").get_code(), "320205102001")
        self.assertEqual(Community.Task.new(20).get_number(), 20)

    def test_shadowing_getter_is_named_after_its_type(self):
        grid = Community.Grid.new("G")
        grid.set_grid_kind(Community.GridKind.DEDICATED)
        self.assertEqual(grid.get_grid_kind(), Community.GridKind.DEDICATED)
        # The entity's own get_kind() still answers the entity kind.
        self.assertEqual(grid.get_kind(), Community.EntityKind.GRID)

    def test_set_notifies_once_on_change(self):
        grid = Community.Grid.new("G")
        seen = []
        grid.connect("notify::households", lambda *a: seen.append(grid.get_households()))
        grid.set_households(4)
        grid.set_households(4)
        grid.set_households(5)
        self.assertEqual(seen, [4, 5])


if __name__ == "__main__":
    taprunner.main()
