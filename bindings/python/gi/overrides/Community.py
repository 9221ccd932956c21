# Community.py: PyGObject overrides that make libcommunity read like Python
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# PyGObject loads this module by itself when a program does
# "from gi.repository import Community" and the module is on gi.overrides'
# path: installed next to the other overrides of the system Python, or, for
# the build tree, with bindings/python on PYTHONPATH. Everything of the
# introspected API stays as it is; this only adds:
#
#   dataset.communities, dataset.grids, ...,  one live collection per entity
#   dataset.commendations                     kind, named like the JSON member
#   len(c), for e in c, e in c                over a collection
#   c["320213025005"]                         lookup by identity (KeyError)
#   c[0], c[-1], c[1:3]                       by position, like a list (the
#                                             only way to a record without an
#                                             id, e.g. most commendations)
#   c.get(identity, default), c.keys()
#   for finding in report, len(report)        the report's findings
#   report.findings, report.rule_results, report.indicators
#   repr() of every type, e.g. <Community.Community 320213025005 塔影二村社区>,
#   <Community.Committee members=7 local_resident_members=5>
#   dataset.load_from_data(text)              str or bytes
#   obj.props.as_of = datetime.date(...)      datetime.date for GDate
#                                             properties (and datetime.datetime
#                                             for GDateTime ones), through
#                                             props, set_property(), the typed
#                                             setters and constructors
#   community.props.committee = Committee()   nested records through props,
#                                             without PyGObject's warning
#   finding.get_expected(), get_actual()      Python values (get_expected_node()
#                                             and get_actual_node(): Json.Node)
#   Community.parse_error_get_pointer(e),     where a GLib.Error of a load is:
#   parse_error_get_sheet/_cell/_column(e)    PyGObject keeps a GError's
#                                             message, not the parts the C
#                                             error carries, so they are read
#                                             back from the message
#
# A worker's repr() shows its id only: names are personal data (DOMAIN.md §7).

import datetime
import json
import re
from collections.abc import Sequence

from ..module import get_introspection_module
from ..overrides import override

from gi.repository import GLib, GObject, Json

Community = get_introspection_module("Community")

__all__ = []


def _type_name(obj):
    info = type(obj).__info__
    return "%s.%s" % (info.get_namespace(), info.get_name())


def _nick(value):
    return value.value_nick if value is not None else "?"


# Values -----------------------------------------------------------------------

def _to_gvalue(value):
    """datetime.date -> GLib.Date, datetime.datetime -> GLib.DateTime;
    anything else as it is."""
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise ValueError("a datetime.datetime for a GDateTime needs a tzinfo "
                             "(the dataset keeps the offset): %r" % (value,))
        offset = value.utcoffset()
        zone = GLib.TimeZone.new_offset(int(offset.total_seconds()))
        return GLib.DateTime.new(zone, value.year, value.month, value.day, value.hour,
                                 value.minute, value.second + value.microsecond / 1e6)
    if isinstance(value, datetime.date):
        return GLib.Date.new_dmy(value.day, GLib.DateMonth(value.month), value.year)
    return value


def _show(value):
    """A property's value as repr() of its owner shows it."""
    if isinstance(value, GLib.Date):
        return "%04d-%02d-%02d" % (value.get_year(), int(value.get_month()), value.get_day())
    if isinstance(value, GLib.DateTime):
        return value.format_iso8601()
    if isinstance(value, GObject.GFlags):
        return "|".join(value.value_nicks) or "0"
    if isinstance(value, GObject.GEnum):
        return value.value_nick
    if isinstance(value, GObject.Object) and hasattr(value, "get_n_items"):
        return "[%d]" % value.get_n_items()
    if isinstance(value, (list, tuple)):
        return "[%s]" % ", ".join(value)
    return str(value)


def _fields_repr(obj, names=None):
    """<Namespace.Type name=value ...> over the set (or given) properties."""
    parts = [_type_name(obj)]
    is_record = isinstance(obj, Community.Record)
    for pspec in GObject.list_properties(obj.__gtype__) if names is None else \
            [obj.find_property(n) for n in names]:
        if is_record and not obj.is_set(pspec.name):
            continue
        value = obj.get_property(pspec.name)
        if value is None:
            continue
        parts.append("%s=%s" % (pspec.name.replace("-", "_"), _show(value)))
    return "<%s>" % " ".join(parts)


class _Props:
    """What obj.props gives on this module's types: PyGObject's own props,
    but a value set through it goes through set_property(), which takes
    datetime values and does not warn about a nested record made on the
    spot (Community.Committee()) the way PyGObject's props do."""

    __slots__ = ("_obj", "_props")

    def __init__(self, obj, props):
        object.__setattr__(self, "_obj", obj)
        object.__setattr__(self, "_props", props)

    def __getattr__(self, name):
        return getattr(self._props, name)

    def __setattr__(self, name, value):
        self._obj.set_property(name.replace("_", "-"), value)

    def __dir__(self):
        return dir(self._props)

    def __iter__(self):
        return iter(self._props)

    def __len__(self):
        return len(self._props)


class _PropsDescriptor:
    def __init__(self, props):
        self._props = props

    def __get__(self, obj, cls=None):
        props = self._props.__get__(obj, cls)
        return props if obj is None else _Props(obj, props)


def _datetime_aware(cls):
    """Lets @cls's props, set_property(), constructor and typed setters take
    datetime.date and datetime.datetime."""
    cls.props = _PropsDescriptor(next(base.__dict__["props"] for base in cls.__mro__
                                      if "props" in base.__dict__))

    def set_property(self, name, value):
        GObject.Object.set_property(self, name, _to_gvalue(value))
    cls.set_property = set_property

    base_init = cls.__init__

    def __init__(self, *args, **kwargs):
        base_init(self, *args, **{k: _to_gvalue(v) for k, v in kwargs.items()})
    cls.__init__ = __init__

    for pspec in GObject.list_properties(cls.__gtype__):
        if pspec.value_type not in (GLib.Date.__gtype__, GLib.DateTime.__gtype__):
            continue
        setter = "set_" + pspec.name.replace("-", "_")
        original = getattr(cls, setter, None)
        if original is None:
            continue

        def typed(self, value, _original=original):
            return _original(self, _to_gvalue(value))
        typed.__name__ = setter
        typed.__doc__ = original.__doc__
        setattr(cls, setter, typed)
    return cls


# Entities ---------------------------------------------------------------------

# The property that names an entity to a reader, by kind. Kinds not listed
# (workers, whose names are personal data; grids, funding, ...) are named by
# their identity alone.
_LABELS = {
    Community.EntityKind.DIVISION: "name",
    Community.EntityKind.COMMUNITY: "name",
    Community.EntityKind.FACILITY: "name",
    Community.EntityKind.CONSULTATION: "topic",
    Community.EntityKind.WORK_ITEM: "title",
    Community.EntityKind.SOCIAL_ORGANIZATION: "name",
    Community.EntityKind.DEPARTMENT: "name",
    Community.EntityKind.SURVEY: "indicator",
}


class Record(Community.Record):

    def __repr__(self):
        return _fields_repr(self)


Record = override(Record)
__all__.append("Record")


class Entity(Community.Entity):

    def __repr__(self):
        parts = [_type_name(self), self.get_identity() or "(no identity)"]
        label = _LABELS.get(self.get_kind())
        if label is not None and self.is_set(label):
            value = self.get_property(label)
            if value:
                parts.append(str(value))
        return "<%s>" % " ".join(parts)


Entity = override(Entity)
__all__.append("Entity")


# Collections ------------------------------------------------------------------

class EntityCollection(Sequence):
    """The entities of one kind in a dataset, in document order.

    A live view of Dataset.get_items(): it sees every later add, remove
    and load. Integers and slices index by position, strings look up by
    identity (code, id, or a task's number as a string).
    """

    __slots__ = ("_dataset", "_kind")

    def __init__(self, dataset, kind):
        self._dataset = dataset
        self._kind = kind

    @property
    def kind(self):
        """The Community.EntityKind of the collection."""
        return self._kind

    @property
    def model(self):
        """The Gio.ListModel behind the collection."""
        return self._dataset.get_items(self._kind)

    def __len__(self):
        return self.model.get_n_items()

    def __iter__(self):
        model = self.model
        for i in range(model.get_n_items()):
            yield model.get_item(i)

    def __getitem__(self, key):
        if isinstance(key, str):
            entity = self._dataset.lookup(self._kind, key)
            if entity is None:
                raise KeyError(key)
            return entity
        if isinstance(key, (int, slice)) and not isinstance(key, bool):
            return self.model[key]
        raise TypeError("%s indices must be identities (str), integers or "
                        "slices, not %s" % (self._name(), type(key).__name__))

    def __contains__(self, item):
        if isinstance(item, str):
            return self._dataset.lookup(self._kind, item) is not None
        if isinstance(item, Community.Entity):
            return (item.get_kind() == self._kind
                    and item.get_dataset() == self._dataset)
        return False

    def __reversed__(self):
        model = self.model
        for i in reversed(range(model.get_n_items())):
            yield model.get_item(i)

    def get(self, identity, default=None):
        """The entity with this identity, or default."""
        entity = self._dataset.lookup(self._kind, identity)
        return default if entity is None else entity

    def keys(self):
        """The identities of the entities, in order."""
        return [entity.get_identity() for entity in self]

    def __eq__(self, other):
        if not isinstance(other, EntityCollection):
            return NotImplemented
        return self._dataset == other._dataset and self._kind == other._kind

    def __hash__(self):
        return hash((id(self._dataset), int(self._kind)))

    def _name(self):
        return Community.EntityKind.get_member_name(self._kind)

    def __repr__(self):
        return "<Community.EntityCollection %s: %d>" % (self._name(), len(self))


__all__.append("EntityCollection")


def _collection(kind):
    def get(self):
        return EntityCollection(self, kind)
    get.__doc__ = ("The %s of the dataset (an EntityCollection)."
                   % Community.EntityKind.get_member_name(kind))
    return property(get)


class Dataset(Community.Dataset):

    def load_from_data(self, data, length=-1):
        """Replaces the content with a document given as str or bytes."""
        if isinstance(data, str):
            data = data.encode("utf-8")
        if length >= 0:
            data = data[:length]
        return Community.Dataset.load_from_data(self, data)

    def __repr__(self):
        counts = []
        for kind in _KINDS:
            n = self.get_items(kind).get_n_items()
            if n:
                counts.append("%d %s" % (n, Community.EntityKind.get_member_name(kind)))
        as_of = self.get_as_of()
        head = _type_name(self)
        if as_of is not None and as_of.valid():
            head += " as of %04d-%02d-%02d" % (as_of.get_year(),
                                               int(as_of.get_month()),
                                               as_of.get_day())
        return "<%s: %s>" % (head, ", ".join(counts) if counts else "empty")


_KINDS = sorted(Community.EntityKind.__enum_values__.values(), key=int)
for _kind in _KINDS:
    setattr(Dataset, Community.EntityKind.get_member_name(_kind), _collection(_kind))
del _kind

Dataset = override(Dataset)
__all__.append("Dataset")


# Validation -------------------------------------------------------------------

def _node_value(node):
    if node is None:
        return None
    return json.loads(Json.to_string(node, False))


class Finding(Community.Finding):

    def get_expected(self):
        """What the rule expected, as a Python value (int, float, str, bool,
        list, dict, or None)."""
        return _node_value(Community.Finding.get_expected(self))

    def get_actual(self):
        """What the data holds, as a Python value (see get_expected())."""
        return _node_value(Community.Finding.get_actual(self))

    def get_expected_node(self):
        """What the rule expected, as the library gives it (a Json.Node)."""
        return Community.Finding.get_expected(self)

    def get_actual_node(self):
        """What the data holds, as the library gives it (a Json.Node)."""
        return Community.Finding.get_actual(self)

    def __repr__(self):
        parts = [_type_name(self), self.get_rule() or "?", _nick(self.get_severity()),
                 _nick(self.get_subject_kind()), self.get_subject_id() or "-"]
        if self.get_path():
            parts.append(self.get_path())
        return "<%s>" % " ".join(parts)


Finding = override(Finding)
__all__.append("Finding")


class RuleResult(Community.RuleResult):

    def __repr__(self):
        return "<%s %s %s %s: %d applied, %d passed, %d failed, %d not applicable>" % (
            _type_name(self), self.get_id() or "?", _nick(self.get_severity()),
            self.get_clause() or "-", self.get_applied(), self.get_passed(),
            self.get_failed(), self.get_not_applicable())


RuleResult = override(RuleResult)
__all__.append("RuleResult")


class IndicatorResult(Community.IndicatorResult):

    def __repr__(self):
        head = "%s %s %s" % (_type_name(self), self.get_id() or "?",
                             self.get_division() or "-")
        if not self.is_applicable():
            return "<%s: not applicable>" % head
        if not self.has_target():
            # A monitoring indicator: a rate the policy sets no number for.
            return "<%s: %g/%g = %.4g, no target>" % (
                head, self.get_numerator(), self.get_denominator(), self.get_value())
        return "<%s: %g/%g = %.4g, target %.4g, %s>" % (
            head, self.get_numerator(), self.get_denominator(),
            self.get_value(), self.get_target(),
            "met" if self.get_met() else "not met")


IndicatorResult = override(IndicatorResult)
__all__.append("IndicatorResult")


class Report(Community.Report):
    """Iterating a report, or taking its len(), goes over its findings."""

    @property
    def findings(self):
        """The findings (a Gio.ListModel of Community.Finding)."""
        return self.get_findings()

    @property
    def rule_results(self):
        """One Community.RuleResult per rule that ran (a Gio.ListModel)."""
        return self.get_rule_results()

    @property
    def indicators(self):
        """The Community.IndicatorResult values (a Gio.ListModel)."""
        return self.get_indicators()

    def __iter__(self):
        return iter(self.get_findings())

    def __len__(self):
        return self.get_findings().get_n_items()

    def __bool__(self):
        # A report with no findings is still a report.
        return True

    def __repr__(self):
        return "<%s %s: %d errors, %d warnings, %d info>" % (
            _type_name(self), self.get_ruleset() or "?",
            self.count(Community.Severity.ERROR),
            self.count(Community.Severity.WARNING),
            self.count(Community.Severity.INFO))


Report = override(Report)
__all__.append("Report")


# Everything else --------------------------------------------------------------

class Ruleset(Community.Ruleset):

    def __repr__(self):
        return "<%s %s: %d rules, %d indicators>" % (
            _type_name(self), self.get_name() or "?",
            len(self.list_rules()), len(self.list_indicators()))


Ruleset = override(Ruleset)
__all__.append("Ruleset")


class Validator(Community.Validator):

    def __repr__(self):
        return "<%s %s>" % (_type_name(self), self.get_ruleset().get_name() or "?")


Validator = override(Validator)
__all__.append("Validator")


class Validation(Community.Validation):

    def __repr__(self):
        return "<%s %s of %r: %s>" % (
            _type_name(self), self.get_validator().get_ruleset().get_name() or "?",
            self.get_dataset(), "pending" if self.is_pending() else "up to date")


Validation = override(Validation)
__all__.append("Validation")


class Privacy(Community.Privacy):

    def __repr__(self):
        return _fields_repr(self)


Privacy = override(Privacy)
__all__.append("Privacy")


class AnnexNote(Community.AnnexNote):

    def __repr__(self):
        # The note's text is long: its task and kind name it.
        return _fields_repr(self, ["task", "kind"])


AnnexNote = override(AnnexNote)
__all__.append("AnnexNote")



class DivisionCode(Community.DivisionCode):

    def __repr__(self):
        return "<%s %s %s>" % (_type_name(self), self.code or "?", _nick(self.level))


DivisionCode = override(DivisionCode)
__all__.append("DivisionCode")

# --- where a parse error is ---
#
# A GError of COMMUNITY_PARSE_ERROR carries its JSON Pointer and, for a
# workbook or CSV, its sheet, cell and column (community_parse_error_get_*()
# in C; GJS passes the same GError back). PyGObject turns a GError into a
# GLib.Error of its own, with the message only: the message starts with the
# same parts, "社区!F12 (households): /communities/10/households: …", and
# these read them from it. A sheet named alone, with neither cell nor
# column, is not told from other prefixes and gives None.

_PARSE_ERROR = "community-parse-error-quark"
_LOCATION = re.compile(r"(?P<sheet>[^!:]+?)"
                       r"(?:!(?P<cell>[A-Z]{1,3}[0-9]+|[0-9]+:[0-9]+))?"
                       r"(?: \((?P<column>[a-z][a-z0-9_]*(?:/[a-z0-9_]+)*)\))?: ")
_POINTER = re.compile(r"(?P<pointer>\(root\)|/[^ ]*): ")


def _parse_error_parts(error):
    if not isinstance(error, GLib.Error) or error.domain != _PARSE_ERROR:
        return {}
    message = error.message or ""
    parts = {}
    located = _LOCATION.match(message)
    if located and (located.group("cell") or located.group("column")):
        parts = {k: v for k, v in located.groupdict().items() if v is not None}
        message = message[located.end():]
    pointer = _POINTER.match(message)
    if pointer:
        parts["pointer"] = "" if pointer.group("pointer") == "(root)" else pointer.group("pointer")
    return parts


def parse_error_get_pointer(error):
    """The JSON Pointer of a parse error ("" for the document itself), or None."""
    return _parse_error_parts(error).get("pointer")


def parse_error_get_sheet(error):
    """The sheet of a workbook's or CSV's parse error, or None."""
    return _parse_error_parts(error).get("sheet")


def parse_error_get_cell(error):
    """The cell ("F12", or the row "12:12") of a parse error, or None."""
    return _parse_error_parts(error).get("cell")


def parse_error_get_column(error):
    """The member path of the column of a parse error, or None."""
    return _parse_error_parts(error).get("column")


__all__ += ["parse_error_get_pointer", "parse_error_get_sheet", "parse_error_get_cell",
            "parse_error_get_column"]

# The same, as introspection also offers them: Community.ParseError.get_cell(e).
for _part in ("pointer", "sheet", "cell", "column"):
    setattr(Community.ParseError, "get_" + _part, staticmethod(globals()["parse_error_get_" + _part]))
del _part


# Last, once every override above is in place (looking a type up makes its
# class, on the classes of the module as they are then): datetime values
# for every record type and the dataset.
for _name in dir(Community):
    _cls = getattr(Community, _name)
    if isinstance(_cls, type) and (issubclass(_cls, Community.Record) or _cls is Community.Dataset):
        _datetime_aware(_cls)
del _name, _cls
