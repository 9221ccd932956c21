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
#   repr() of entities, findings, reports, datasets and rule and indicator
#   results, e.g. <Community.Community 320213025005 塔影二村社区>
#
# A worker's repr() shows its id only: names are personal data (DOMAIN.md §7).

from collections.abc import Sequence

from ..module import get_introspection_module
from ..overrides import override

Community = get_introspection_module("Community")

__all__ = []


def _type_name(obj):
    info = type(obj).__info__
    return "%s.%s" % (info.get_namespace(), info.get_name())


def _nick(value):
    return value.value_nick if value is not None else "?"


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

class Finding(Community.Finding):

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
