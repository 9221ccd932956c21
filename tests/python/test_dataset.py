#!/usr/bin/python3
# test_dataset.py: Community.Dataset and its records, from Python
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run with the system Python and the build's typelib, e.g.
#
#   GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
#   COMMUNITY_SAMPLE=examples/data/wuxi-sample.json \
#   /usr/bin/python3 tests/python/test_dataset.py
#
# Expected values are computed from the sample file itself, read with the
# json module, so the tests follow the sample if it changes.

import datetime
import json
import os
import tempfile
import unittest

import gi

gi.require_version("Community", "1.0")
gi.require_version("Gio", "2.0")
gi.require_version("GLib", "2.0")
gi.require_version("GObject", "2.0")
from gi.repository import Community, Gio, GLib, GObject  # noqa: E402

import taprunner  # noqa: E402
from samples import load_sample, sample_copy, sample_json, sample_path  # noqa: E402

PARSE_ERROR = "community-parse-error-quark"
DATASET_ERROR = "community-dataset-error-quark"
CITY = "320200000000"

# Every kind, with the member of the document that lists it (DOMAIN.md §7).
KINDS = [
    (Community.EntityKind.DIVISION, "divisions"),
    (Community.EntityKind.COMMUNITY, "communities"),
    (Community.EntityKind.GRID, "grids"),
    (Community.EntityKind.WORKER, "workers"),
    (Community.EntityKind.FACILITY, "facilities"),
    (Community.EntityKind.CONSULTATION, "consultations"),
    (Community.EntityKind.WORK_ITEM, "work_items"),
    (Community.EntityKind.SOCIAL_ORGANIZATION, "social_organizations"),
    (Community.EntityKind.DEPARTMENT, "departments"),
    (Community.EntityKind.TASK, "tasks"),
    (Community.EntityKind.FUNDING, "funding"),
    (Community.EntityKind.WAGE_BASELINE, "wage_baselines"),
    (Community.EntityKind.SURVEY, "surveys"),
    (Community.EntityKind.COMMENDATION, "commendations"),
]

# JSON members that hold flags: the library writes them in flag order.
FLAGS_MEMBERS = {"roles", "activities", "serves"}

WORKER_ROLE_NICKS = [
    "party_secretary", "committee_director", "committee_member",
    "social_work_station_chief", "community_worker", "grid_leader",
    "grid_administrator", "legal_advisor", "first_secretary",
]


def document(**members):
    """A dataset document with the given members, as UTF-8 bytes."""
    root = {"format": "libcommunity-dataset", "version": 1}
    root.update(members)
    return json.dumps(root, ensure_ascii=False).encode("utf-8")


def identities(entities):
    return [e.get_identity() for e in entities]


def json_identity(obj):
    """The identity of a document's entity: its code, id or (tasks) number as
    a string, or None for a record that has none (funding, wage baselines,
    surveys and commendations may come without an id, DOMAIN.md §2)."""
    value = obj.get("code", obj.get("id", obj.get("number")))
    return None if value is None else str(value)


def by_key(array, key):
    return {item[key]: item for item in array}


def enum_value(enum_type, nick):
    """The value of @enum_type whose nick is @nick (nicks are the JSON strings)."""
    return getattr(enum_type, nick.upper())


def parse_timestamp(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def normalize_flags(node):
    """@node with every flags array sorted, for comparing documents."""
    if isinstance(node, dict):
        return {k: sorted(v) if k in FLAGS_MEMBERS and isinstance(v, list)
                else normalize_flags(v) for k, v in node.items()}
    if isinstance(node, list):
        return [normalize_flags(v) for v in node]
    return node


class DatasetTestCase(unittest.TestCase):
    maxDiff = None

    def assertGLibError(self, error, domain, code, prefix=None):
        self.assertIsInstance(error, GLib.GError)
        self.assertEqual(error.domain, domain)
        self.assertEqual(error.code, int(code))
        if prefix is not None:
            self.assertTrue(error.message.startswith(prefix),
                            "%r does not start with %r" % (error.message, prefix))

    def assertParseError(self, data, code, pointer):
        """Loading @data into an empty dataset fails with @code at @pointer."""
        ds = Community.Dataset.new()
        with self.assertRaises(GLib.GError) as ctx:
            ds.load_from_data(data)
        error = ctx.exception
        self.assertGLibError(error, PARSE_ERROR, code, pointer + ": ")
        self.assertTrue(error.matches(Community.parse_error_quark(), code))
        # The override reads the error's pointer back (a JSON document: no sheet).
        self.assertEqual(Community.parse_error_get_pointer(error), "" if pointer == "(root)" else pointer)
        self.assertIsNone(Community.parse_error_get_sheet(error))
        self.assertIsNone(Community.parse_error_get_cell(error))
        # Nothing of the refused document was kept.
        for kind, _ in KINDS:
            self.assertEqual(ds.get_items(kind).get_n_items(), 0)
        return error

    def assertRecordMatchesJson(self, record, obj, where):
        """Every member of @obj reads back from @record with the right type,
        and every field @obj does not give is unset."""
        props = {p.name: p for p in type(record).list_properties()}
        for member, expected in obj.items():
            name = member.replace("_", "-")
            self.assertIn(name, props, "%s: no property for %s" % (where, member))
            self.assertTrue(record.is_set(member), "%s/%s is not set" % (where, member))
            actual = record.get_property(name)
            self.assertValueMatchesJson(actual, expected, "%s/%s" % (where, member))
        for name in props:
            if name.replace("-", "_") not in obj:
                self.assertFalse(record.is_set(name), "%s: %s is set but not in the JSON"
                                 % (where, name))

    def assertValueMatchesJson(self, actual, expected, where):
        if isinstance(actual, GObject.GFlags):
            self.assertEqual(sorted(actual.value_nicks), sorted(expected), where)
        elif isinstance(actual, GObject.GEnum):
            self.assertEqual(actual.value_nick, expected, where)
        elif isinstance(actual, GLib.Date):
            self.assertEqual("%04d-%02d-%02d" % (actual.get_year(), int(actual.get_month()),
                                                  actual.get_day()), expected, where)
        elif isinstance(actual, GLib.DateTime):
            when = parse_timestamp(expected)
            self.assertEqual(actual.to_unix(), int(when.timestamp()), where)
            self.assertEqual(actual.get_utc_offset(),
                             int(when.utcoffset().total_seconds()) * 1000000, where)
        elif isinstance(actual, Gio.ListModel):
            self.assertEqual(actual.get_n_items(), len(expected), where)
            for i, item in enumerate(expected):
                self.assertRecordMatchesJson(actual.get_item(i), item, "%s/%d" % (where, i))
        elif isinstance(actual, Community.Record):
            self.assertRecordMatchesJson(actual, expected, where)
        elif isinstance(expected, float):
            self.assertIsInstance(actual, float, where)
            self.assertAlmostEqual(actual, expected, places=9, msg=where)
        elif isinstance(expected, bool):
            self.assertIs(actual, expected, where)
        else:
            self.assertEqual(type(actual), type(expected), where)
            self.assertEqual(actual, expected, where)


class LoadTestCase(DatasetTestCase):

    def test_load_from_file(self):
        ds = Community.Dataset.new()
        self.assertEqual(ds.get_items(Community.EntityKind.GRID).get_n_items(), 0)
        self.assertIs(ds.load_from_file(sample_path()), True)
        self.assertGreater(ds.get_items(Community.EntityKind.GRID).get_n_items(), 0)

    def test_counts_match_json(self):
        ds = load_sample()
        data = sample_json()
        for kind, member in KINDS:
            with self.subTest(member=member):
                model = ds.get_items(kind)
                self.assertIsInstance(model, Gio.ListModel)
                self.assertEqual(model.get_n_items(), len(data[member]))
                self.assertEqual(identities(model),
                                 [json_identity(e) for e in data[member]])
        # The sample has records without an id: they are there, unindexed.
        self.assertIn(None, identities(ds.get_items(Community.EntityKind.FUNDING)))
        self.assertTrue(all(json_identity(c) is None for c in data["commendations"]))

    def test_counts_by_value(self):
        ds = load_sample()
        data = sample_json()

        communities = list(ds.get_items(Community.EntityKind.COMMUNITY))
        urban = [c for c in communities if c.props.kind == Community.CommunityKind.URBAN]
        rural = [c for c in communities if c.props.kind == Community.CommunityKind.RURAL]
        self.assertEqual(len(urban), sum(c["kind"] == "urban" for c in data["communities"]))
        self.assertEqual(len(rural), sum(c["kind"] == "rural" for c in data["communities"]))
        self.assertEqual(len(urban) + len(rural), len(data["communities"]))

        grids = list(ds.get_items(Community.EntityKind.GRID))
        dedicated = [g for g in grids if g.props.kind == Community.GridKind.DEDICATED]
        self.assertEqual(len(dedicated), sum(g["kind"] == "dedicated" for g in data["grids"]))
        self.assertGreater(len(dedicated), 0)

        workers = list(ds.get_items(Community.EntityKind.WORKER))
        part_time = [w for w in workers if w.props.employment == Community.Employment.PART_TIME]
        self.assertEqual(len(part_time),
                         sum(w["employment"] == "part_time" for w in data["workers"]))
        self.assertGreater(len(part_time), 0)

    def test_model_item_types(self):
        ds = load_sample()
        for kind, member in KINDS:
            with self.subTest(member=member):
                model = ds.get_items(kind)
                gtype = Community.entity_kind_get_entity_type(kind)
                self.assertEqual(model.get_item_type(), gtype)
                self.assertEqual(Community.entity_kind_get_member_name(kind), member)
                first = model.get_item(0)
                self.assertIsInstance(first, Community.Entity)
                self.assertEqual(first.get_kind(), kind)
                self.assertIs(first.get_dataset(), ds)
        self.assertIsInstance(ds.get_items(Community.EntityKind.GRID).get_item(0), Community.Grid)

    def test_header(self):
        ds = load_sample()
        data = sample_json()
        as_of = ds.props.as_of
        self.assertIsInstance(as_of, GLib.Date)
        self.assertEqual("%04d-%02d-%02d" % (as_of.get_year(), int(as_of.get_month()),
                                              as_of.get_day()), data["as_of"])
        self.assertEqual(as_of.get_month(), GLib.DateMonth.DECEMBER)
        self.assertEqual(ds.get_as_of().compare(as_of), 0)
        self.assertEqual(ds.props.codes_year, data["codes_year"])
        self.assertEqual(ds.get_codes_year(), 2023)

    def test_every_field_matches_json(self):
        ds = load_sample()
        data = sample_json()
        for kind, member in KINDS:
            model = ds.get_items(kind)
            for i, obj in enumerate(data[member]):
                self.assertRecordMatchesJson(model.get_item(i), obj, "/%s/%d" % (member, i))

    def test_lookup(self):
        ds = load_sample()
        data = sample_json()
        for obj in data["grids"]:
            grid = ds.get_grid(obj["id"])
            self.assertIsInstance(grid, Community.Grid)
            self.assertEqual(grid.get_identity(), obj["id"])
            self.assertIs(ds.lookup(Community.EntityKind.GRID, obj["id"]), grid)
        for obj in data["communities"]:
            self.assertEqual(ds.get_community(obj["code"]).props.name, obj["name"])
        for obj in data["tasks"]:
            task = ds.get_task(obj["number"])
            self.assertEqual(task.props.number, obj["number"])
            self.assertEqual(task.get_identity(), str(obj["number"]))
            self.assertIs(ds.lookup(Community.EntityKind.TASK, str(obj["number"])), task)
        self.assertIsNone(ds.get_grid("no-such-grid"))
        self.assertIsNone(ds.get_community(data["grids"][0]["id"]))
        # Identities are per kind: a community code is not a division.
        self.assertIsNone(ds.get_division(data["communities"][0]["code"]))


class HierarchyTestCase(DatasetTestCase):

    def setUp(self):
        self.ds = load_sample()
        self.data = sample_json()
        self.divisions = by_key(self.data["divisions"], "code")
        self.communities = by_key(self.data["communities"], "code")

    def test_list_children_of_city(self):
        districts = self.ds.list_children(CITY)
        expected = [d["code"] for d in self.data["divisions"] if d.get("parent") == CITY]
        self.assertEqual(len(expected), 3)
        self.assertEqual(identities(districts), expected)
        for district in districts:
            self.assertIsInstance(district, Community.Division)
            self.assertEqual(district.props.level, Community.DivisionLevel.DISTRICT)
            self.assertEqual(district.props.parent, CITY)

    def test_list_children_of_every_division(self):
        for code in self.divisions:
            with self.subTest(division=code):
                expected = [d["code"] for d in self.data["divisions"] if d.get("parent") == code]
                expected += [c["code"] for c in self.data["communities"] if c["street"] == code]
                self.assertEqual(identities(self.ds.list_children(code)), expected)
        self.assertEqual(self.ds.list_children("999999999999"), [])

    def test_list_communities(self):
        streets = [d["code"] for d in self.data["divisions"]
                   if d["level"] in ("street", "town")]
        self.assertEqual(len(streets), 4)
        for street in streets:
            with self.subTest(street=street):
                communities = self.ds.list_communities(street)
                expected = [c["code"] for c in self.data["communities"] if c["street"] == street]
                self.assertGreater(len(expected), 0)
                self.assertEqual(identities(communities), expected)
                for community in communities:
                    self.assertIsInstance(community, Community.Community)
                    self.assertEqual(community.props.street, street)

    def test_list_grids(self):
        for code in self.communities:
            with self.subTest(community=code):
                grids = self.ds.list_grids(code)
                expected = [g["id"] for g in self.data["grids"] if g["community"] == code]
                self.assertEqual(identities(grids), expected)
                self.assertTrue(all(isinstance(g, Community.Grid) for g in grids))

    def test_list_workers(self):
        for code in self.communities:
            with self.subTest(community=code):
                workers = self.ds.list_workers(code)
                expected = [w["id"] for w in self.data["workers"] if w.get("community") == code]
                self.assertGreater(len(expected), 0)
                self.assertEqual(identities(workers), expected)
                self.assertTrue(all(isinstance(w, Community.Worker) for w in workers))

    def test_list_workers_of_street(self):
        street_staff = [w for w in self.data["workers"] if "street" in w]
        self.assertGreater(len(street_staff), 0)
        for street in sorted({w["street"] for w in street_staff}):
            with self.subTest(street=street):
                expected = [w["id"] for w in street_staff if w["street"] == street]
                self.assertEqual(identities(self.ds.list_workers(street)), expected)

    def test_list_facilities(self):
        owners = list(self.communities) + list(self.divisions)
        total = 0
        for code in owners:
            with self.subTest(owner=code):
                facilities = self.ds.list_facilities(code)
                expected = [f["id"] for f in self.data["facilities"] if f["owner"] == code]
                self.assertEqual(identities(facilities), expected)
                total += len(facilities)
        self.assertEqual(total, len(self.data["facilities"]))

    def test_get_parent(self):
        grid_json = self.data["grids"][0]
        grid = self.ds.get_grid(grid_json["id"])
        community = self.ds.get_parent(grid)
        self.assertIsInstance(community, Community.Community)
        self.assertEqual(community.get_identity(), grid_json["community"])
        street = self.ds.get_parent(community)
        self.assertIsInstance(street, Community.Division)
        self.assertEqual(street.get_identity(), self.communities[grid_json["community"]]["street"])
        district = self.ds.get_parent(street)
        self.assertEqual(district.get_identity(), self.divisions[street.get_identity()]["parent"])
        city = self.ds.get_parent(district)
        self.assertEqual(city.get_identity(), CITY)
        self.assertEqual(city.props.level, Community.DivisionLevel.CITY)
        self.assertIsNone(self.ds.get_parent(city))
        # Departments hang below nothing.
        department = self.ds.get_items(Community.EntityKind.DEPARTMENT).get_item(0)
        self.assertIsNone(self.ds.get_parent(department))

    def test_get_parent_of_street_staff(self):
        for obj in self.data["workers"]:
            worker = self.ds.get_worker(obj["id"])
            parent = self.ds.get_parent(worker)
            self.assertEqual(parent.get_identity(), obj.get("community", obj.get("street")))

    def test_get_ancestor_from_every_grid(self):
        for obj in self.data["grids"]:
            with self.subTest(grid=obj["id"]):
                grid = self.ds.get_grid(obj["id"])
                street_code = self.communities[obj["community"]]["street"]
                district_code = self.divisions[street_code]["parent"]

                street = self.ds.get_ancestor(grid, Community.DivisionLevel.STREET)
                self.assertIsInstance(street, Community.Division)
                self.assertEqual(street.get_identity(), street_code)
                self.assertIn(street.props.level,
                              (Community.DivisionLevel.STREET, Community.DivisionLevel.TOWN))
                # Streets and towns are one tier.
                self.assertIs(self.ds.get_ancestor(grid, Community.DivisionLevel.TOWN), street)

                district = self.ds.get_ancestor(grid, Community.DivisionLevel.DISTRICT)
                self.assertEqual(district.get_identity(), district_code)
                self.assertEqual(district.props.level, Community.DivisionLevel.DISTRICT)

                city = self.ds.get_ancestor(grid, Community.DivisionLevel.CITY)
                self.assertEqual(city.get_identity(), CITY)

    def test_get_ancestor_of_division(self):
        city = self.ds.get_division(CITY)
        self.assertIs(self.ds.get_ancestor(city, Community.DivisionLevel.CITY), city)
        self.assertIsNone(self.ds.get_ancestor(city, Community.DivisionLevel.STREET))
        district = self.ds.list_children(CITY)[0]
        self.assertIsNone(self.ds.get_ancestor(district, Community.DivisionLevel.STREET))
        self.assertIs(self.ds.get_ancestor(district, Community.DivisionLevel.COUNTY), district)

    def test_resolve(self):
        obj = self.data["grids"][0]
        grid = self.ds.get_grid(obj["id"])
        leader = self.ds.resolve(grid, "leader")
        self.assertIsInstance(leader, Community.Worker)
        self.assertEqual(leader.get_identity(), obj["leader"])
        facility_json = next(f for f in self.data["facilities"] if f["owner"] in self.divisions)
        owner = self.ds.resolve(self.ds.get_facility(facility_json["id"]), "owner")
        self.assertIsInstance(owner, Community.Division)
        self.assertEqual(owner.get_identity(), facility_json["owner"])
        grid.props.leader = "W-nobody"
        self.assertIsNone(self.ds.resolve(grid, "leader"))


class PropertyTestCase(DatasetTestCase):

    def setUp(self):
        self.ds = load_sample()
        self.data = sample_json()

    def test_community_properties(self):
        for obj in self.data["communities"]:
            with self.subTest(community=obj["code"]):
                community = self.ds.get_community(obj["code"])
                self.assertEqual(community.props.code, obj["code"])
                self.assertEqual(community.props.name, obj["name"])
                self.assertIsInstance(community.props.households, int)
                self.assertEqual(community.props.households, obj["households"])
                self.assertEqual(community.props.population, obj["population"])
                expected_kind = (Community.CommunityKind.URBAN if obj["kind"] == "urban"
                                 else Community.CommunityKind.RURAL)
                self.assertEqual(community.props.kind, expected_kind)
                self.assertIsInstance(community.props.kind, Community.CommunityKind)
                self.assertEqual(community.props.service_model,
                                 enum_value(Community.ServiceModel, obj["service_model"]))
                self.assertIs(community.props.has_legal_advisor, obj["has_legal_advisor"])
                self.assertIs(community.props.self_governance_compliant,
                              obj["self_governance_compliant"])

    def test_committee(self):
        for obj in self.data["communities"]:
            with self.subTest(community=obj["code"]):
                committee = self.ds.get_community(obj["code"]).props.committee
                self.assertIsInstance(committee, Community.Committee)
                self.assertEqual(committee.props.members, obj["committee"]["members"])
                self.assertEqual(committee.props.local_resident_members,
                                 obj["committee"]["local_resident_members"])
                self.assertIs(committee.props.non_registered_voters_protected,
                              obj["committee"]["non_registered_voters_protected"])

    def test_elderly(self):
        obj = self.data["communities"][0]
        elderly = self.ds.get_community(obj["code"]).props.elderly
        self.assertIsInstance(elderly, Community.ElderlyCare)
        self.assertEqual(elderly.props.population, obj["elderly"]["population"])
        self.assertEqual(elderly.props.home_care_covered, obj["elderly"]["home_care_covered"])

    def test_worker_roles(self):
        worker = self.ds.get_worker("W0001")
        roles = worker.props.roles
        self.assertIsInstance(roles, Community.WorkerRoles)
        self.assertTrue(roles & Community.WorkerRoles.PARTY_SECRETARY)
        self.assertTrue(roles & Community.WorkerRoles.COMMITTEE_DIRECTOR)
        self.assertFalse(roles & Community.WorkerRoles.GRID_LEADER)
        for obj in self.data["workers"]:
            roles = self.ds.get_worker(obj["id"]).props.roles
            for nick in WORKER_ROLE_NICKS:
                flag = enum_value(Community.WorkerRoles, nick)
                self.assertEqual(bool(roles & flag), nick in obj["roles"],
                                 "%s role %s" % (obj["id"], nick))

    def test_worker_scalars(self):
        for obj in self.data["workers"]:
            worker = self.ds.get_worker(obj["id"])
            self.assertEqual(worker.props.annual_pay_yuan, obj["annual_pay_yuan"])
            self.assertEqual(worker.props.employment,
                             enum_value(Community.Employment, obj["employment"]))
            self.assertEqual(worker.props.certificate,
                             enum_value(Community.Certificate, obj["certificate"]))
            self.assertEqual(worker.props.community, obj.get("community"))
            self.assertEqual(worker.props.street, obj.get("street"))

    def test_social_organization_flags(self):
        for obj in self.data["social_organizations"]:
            org = self.ds.lookup(Community.EntityKind.SOCIAL_ORGANIZATION, obj["id"])
            expected = Community.Activities(0)
            for nick in obj["activities"]:
                expected |= enum_value(Community.Activities, nick)
            self.assertEqual(org.props.activities, expected)
            serves = Community.ServedGroups(0)
            for nick in obj["serves"]:
                serves |= enum_value(Community.ServedGroups, nick)
            self.assertEqual(org.props.serves, serves)

    def test_strv(self):
        for obj in self.data["grids"]:
            grid = self.ds.get_grid(obj["id"])
            self.assertEqual(grid.props.administrators, obj["administrators"])
            self.assertIsInstance(grid.props.administrators, list)
        for obj in self.data["tasks"]:
            self.assertEqual(self.ds.get_task(obj["number"]).props.departments,
                             obj["departments"])
        items = [w for w in self.data["work_items"] if "communities" in w]
        self.assertGreater(len(items), 0)
        for obj in items:
            item = self.ds.lookup(Community.EntityKind.WORK_ITEM, obj["id"])
            self.assertEqual(item.props.communities, obj["communities"])

    def test_numbers(self):
        for obj in self.data["facilities"]:
            facility = self.ds.get_facility(obj["id"])
            self.assertIsInstance(facility.props.floor_area_m2, float)
            self.assertAlmostEqual(facility.props.floor_area_m2, obj["floor_area_m2"])
        # Funding records are read by position: some have no id (DOMAIN.md §2).
        funding = self.ds.get_items(Community.EntityKind.FUNDING)
        self.assertEqual(funding.get_n_items(), len(self.data["funding"]))
        for record, obj in zip(funding, self.data["funding"]):
            self.assertEqual(record.props.amount_yuan, obj["amount_yuan"])
            self.assertEqual(record.props.year, obj["year"])
            if "id" in obj:
                self.assertIs(self.ds.lookup(Community.EntityKind.FUNDING, obj["id"]), record)
            else:
                self.assertIsNone(record.get_identity())
        for obj in self.data["surveys"]:
            survey = self.ds.lookup(Community.EntityKind.SURVEY, obj["id"])
            self.assertAlmostEqual(survey.props.value, obj["value"])

    def test_review_dates(self):
        obj = next(w for w in self.data["work_items"] if w["id"] == "WI-06")
        item = self.ds.lookup(Community.EntityKind.WORK_ITEM, "WI-06")
        review = item.props.legal_review
        self.assertIsInstance(review, Community.Review)
        date = review.props.date
        self.assertIsInstance(date, GLib.Date)
        year, month, day = map(int, obj["legal_review"]["date"].split("-"))
        self.assertEqual((date.get_year(), int(date.get_month()), date.get_day()),
                         (year, month, day))
        self.assertEqual(date.get_month(), GLib.DateMonth.MAY)
        # false is a value, not "unknown".
        self.assertIs(review.props.approved, False)
        self.assertTrue(review.is_set("approved"))

        approval = item.props.approval
        self.assertEqual(approval.props.body, Community.ApprovalBody.PARTY_STANDING_COMMITTEE)
        self.assertIs(approval.props.approved, True)
        self.assertEqual(approval.props.date.compare(
            GLib.Date.new_dmy(20, GLib.DateMonth.MAY, 2019)), 0)

    def test_set_date(self):
        review = Community.Review.new()
        self.assertIsNone(review.props.date)
        self.assertFalse(review.is_set("date"))
        review.props.date = GLib.Date.new_dmy(8, GLib.DateMonth.MAY, 2019)
        self.assertTrue(review.is_set("date"))
        self.assertEqual(review.props.date.get_julian(),
                         GLib.Date.new_dmy(8, GLib.DateMonth.MAY, 2019).get_julian())
        review.props.date = None
        self.assertFalse(review.is_set("date"))

    def test_consultation_history(self):
        for obj in self.data["consultations"]:
            with self.subTest(consultation=obj["id"]):
                consultation = self.ds.lookup(Community.EntityKind.CONSULTATION, obj["id"])
                history = consultation.props.history
                self.assertIsInstance(history, Gio.ListModel)
                self.assertEqual(history.get_item_type(), Community.HistoryEntry.__gtype__)
                self.assertEqual(history.get_n_items(), len(obj["history"]))
                for i, entry_json in enumerate(obj["history"]):
                    entry = history.get_item(i)
                    self.assertIsInstance(entry, Community.HistoryEntry)
                    self.assertEqual(entry.props.state,
                                     enum_value(Community.ConsultationState, entry_json["state"]))
                    at = entry.props.at
                    self.assertIsInstance(at, GLib.DateTime)
                    when = parse_timestamp(entry_json["at"])
                    self.assertEqual(at.to_unix(), int(when.timestamp()))
                    self.assertEqual(at.get_utc_offset(),
                                     int(when.utcoffset().total_seconds()) * 1000000)
                self.assertEqual(consultation.props.state,
                                 enum_value(Community.ConsultationState, obj["state"]))

    def test_first_consultation(self):
        consultation = self.ds.lookup(Community.EntityKind.CONSULTATION, "K001")
        first = consultation.props.history.get_item(0)
        self.assertEqual(first.props.state, Community.ConsultationState.PROPOSED)
        at = first.props.at
        self.assertEqual((at.get_year(), at.get_month(), at.get_day_of_month(),
                          at.get_hour(), at.get_minute()), (2019, 3, 2, 9, 30))
        self.assertEqual(at.get_utc_offset(), 8 * 3600 * 1000000)
        self.assertEqual(consultation.props.state, Community.ConsultationState.FEEDBACK_GIVEN)


class UnsetTestCase(DatasetTestCase):

    def test_new_grid_is_unset(self):
        grid = Community.Grid.new("G-x")
        self.assertEqual(grid.get_identity(), "G-x")
        self.assertEqual(grid.props.id, "G-x")
        self.assertTrue(grid.is_set("id"))
        for name in ("households", "community", "kind", "base-unit", "leader", "administrators"):
            self.assertFalse(grid.is_set(name), name)
        self.assertEqual(grid.props.households, 0)
        self.assertIsNone(grid.props.leader)

    def test_zero_is_set(self):
        grid = Community.Grid.new("G-x")
        self.assertIs(grid.is_set("households"), False)
        grid.props.households = 0
        self.assertIs(grid.is_set("households"), True)
        self.assertEqual(grid.props.households, 0)

    def test_unset(self):
        grid = Community.Grid.new("G-x")
        grid.props.households = 0
        grid.unset("households")
        self.assertIs(grid.is_set("households"), False)
        self.assertEqual(grid.props.households, 0)
        grid.props.households = 12
        self.assertEqual(grid.props.households, 12)
        grid.unset("households")
        self.assertFalse(grid.is_set("households"))
        self.assertEqual(grid.props.households, 0)

    def test_string_none_is_unset(self):
        grid = Community.Grid.new("G-x")
        grid.props.leader = "W0001"
        self.assertTrue(grid.is_set("leader"))
        grid.props.leader = None
        self.assertFalse(grid.is_set("leader"))
        self.assertIsNone(grid.props.leader)
        # The empty string is a value.
        grid.props.leader = ""
        self.assertTrue(grid.is_set("leader"))
        self.assertEqual(grid.props.leader, "")

    def test_underscore_and_dash(self):
        grid = Community.Grid.new("G-x")
        grid.props.base_unit = Community.GridBaseUnit.INSTITUTION
        self.assertTrue(grid.is_set("base_unit"))
        self.assertTrue(grid.is_set("base-unit"))
        grid.unset("base_unit")
        self.assertFalse(grid.is_set("base-unit"))
        self.assertEqual(grid.props.base_unit, Community.GridBaseUnit.RESIDENTIAL)

    def test_false_and_empty_are_set(self):
        worker = Community.Worker.new("W-x")
        self.assertFalse(worker.is_set("five_strong"))
        worker.props.five_strong = False
        self.assertTrue(worker.is_set("five_strong"))
        grid = Community.Grid.new("G-x")
        grid.props.administrators = []
        self.assertTrue(grid.is_set("administrators"))
        self.assertEqual(grid.props.administrators, [])
        grid.props.administrators = None
        self.assertFalse(grid.is_set("administrators"))

    def test_unset_is_not_written(self):
        grid = Community.Grid.new("G-x")
        grid.props.community = "320213025001"
        grid.props.households = 0
        grid.props.leader = "W0001"
        grid.props.leader = None
        ds = Community.Dataset.new()
        ds.add(grid)
        text, _ = ds.save_to_data()
        self.assertEqual(json.loads(text)["grids"],
                         [{"id": "G-x", "community": "320213025001", "households": 0}])
        reloaded = Community.Dataset.new()
        reloaded.load_from_data(text.encode())
        again = reloaded.get_grid("G-x")
        self.assertTrue(again.is_set("households"))
        self.assertEqual(again.props.households, 0)
        self.assertFalse(again.is_set("leader"))
        self.assertFalse(again.is_set("kind"))

    def test_loaded_absent_member_is_unset(self):
        ds = load_sample()
        obj = next(g for g in sample_json()["grids"] if "leader" not in g)
        grid = ds.get_grid(obj["id"])
        self.assertFalse(grid.is_set("leader"))
        self.assertIsNone(grid.props.leader)


class NotifyTestCase(DatasetTestCase):

    def watch(self, obj, name):
        calls = []
        obj.connect("notify::" + name, lambda o, pspec: calls.append(pspec.name))
        return calls

    def test_same_value_notifies_once(self):
        grid = Community.Grid.new("G-x")
        calls = self.watch(grid, "households")
        grid.props.households = 7
        grid.props.households = 7
        self.assertEqual(calls, ["households"])

    def test_different_value_notifies_again(self):
        grid = Community.Grid.new("G-x")
        calls = self.watch(grid, "households")
        grid.props.households = 7
        grid.props.households = 7
        grid.props.households = 8
        self.assertEqual(len(calls), 2)

    def test_setting_default_value_notifies(self):
        # 0 is the default, but setting it changes the field from unset to set.
        grid = Community.Grid.new("G-x")
        calls = self.watch(grid, "households")
        grid.props.households = 0
        self.assertEqual(len(calls), 1)
        grid.props.households = 0
        self.assertEqual(len(calls), 1)

    def test_unset_notifies(self):
        grid = Community.Grid.new("G-x")
        calls = self.watch(grid, "households")
        grid.unset("households")
        self.assertEqual(len(calls), 0)
        grid.props.households = 5
        grid.unset("households")
        self.assertEqual(len(calls), 2)
        grid.unset("households")
        self.assertEqual(len(calls), 2)

    def test_string_notify(self):
        grid = Community.Grid.new("G-x")
        calls = self.watch(grid, "leader")
        grid.props.leader = None
        self.assertEqual(len(calls), 0)
        grid.props.leader = "W1"
        grid.props.leader = "W1"
        self.assertEqual(len(calls), 1)
        grid.props.leader = None
        self.assertEqual(len(calls), 2)

    def test_strv_notify(self):
        grid = Community.Grid.new("G-x")
        calls = self.watch(grid, "administrators")
        grid.props.administrators = ["W1", "W2"]
        grid.props.administrators = ["W1", "W2"]
        self.assertEqual(len(calls), 1)
        grid.props.administrators = ["W2", "W1"]
        self.assertEqual(len(calls), 2)

    def test_loaded_value_notify(self):
        ds = load_sample()
        obj = sample_json()["communities"][0]
        community = ds.get_community(obj["code"])
        calls = self.watch(community, "households")
        community.props.households = obj["households"]
        self.assertEqual(calls, [])
        community.props.households = obj["households"] + 1
        self.assertEqual(calls, ["households"])

    def test_datetime_offset_is_kept(self):
        """Setting a GDateTime at the same instant with another offset is a change"""
        a = Community.HistoryEntry.new()
        b = Community.HistoryEntry.new()
        a.props.at = GLib.DateTime.new_from_iso8601("2019-03-02T09:30:00+08:00", None)
        b.props.at = GLib.DateTime.new_from_iso8601("2019-03-02T01:30:00Z", None)
        self.assertFalse(a.equal(b))  # the writer keeps offsets, so they differ
        a.props.at = b.props.at
        # The property reads back what was set, and the records are now equal.
        self.assertEqual(a.props.at.get_utc_offset(), 0)
        self.assertTrue(a.equal(b))


class RoundTripTestCase(DatasetTestCase):

    def test_save_to_file(self):
        ds = load_sample()
        data = sample_json()
        code = data["communities"][3]["code"]
        community = ds.get_community(code)
        community.props.households = 2400
        community.unset("population")
        community.props.committee.props.members = 11
        worker = ds.get_worker("W0018")
        worker.props.roles = worker.props.roles | Community.WorkerRoles.LEGAL_ADVISOR
        worker.props.phone = None

        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "saved.json")
            self.assertIs(ds.save_to_file(path), True)
            self.assertEqual(os.listdir(tmp), ["saved.json"])
            with open(path, encoding="utf-8") as f:
                saved = json.load(f)
            reloaded = Community.Dataset.new()
            self.assertTrue(reloaded.load_from_file(path))

        self.assertEqual(saved["communities"][3]["households"], 2400)
        self.assertNotIn("population", saved["communities"][3])
        self.assertEqual(saved["communities"][3]["committee"]["members"], 11)

        again = reloaded.get_community(code)
        self.assertEqual(again.props.households, 2400)
        self.assertFalse(again.is_set("population"))
        self.assertEqual(again.props.committee.props.members, 11)
        w = reloaded.get_worker("W0018")
        self.assertTrue(w.props.roles & Community.WorkerRoles.LEGAL_ADVISOR)
        self.assertFalse(w.is_set("phone"))

        self.assertTrue(ds.equal(reloaded))
        self.assertTrue(Community.Dataset.equal(reloaded, ds))
        self.assertFalse(reloaded.equal(load_sample()))
        self.assertTrue(community.equal(again))

    def test_save_to_data(self):
        ds = load_sample()
        result = ds.save_to_data()
        self.assertIsInstance(result, tuple)
        text, length = result
        self.assertIsInstance(text, str)
        self.assertEqual(length, len(text.encode("utf-8")))
        parsed = json.loads(text)
        self.assertEqual(parsed["format"], "libcommunity-dataset")
        self.assertEqual(parsed["version"], 1)
        for kind, member in KINDS:
            self.assertEqual(len(parsed[member]), len(sample_json()[member]), member)

        reloaded = Community.Dataset.new()
        self.assertIs(reloaded.load_from_data(text.encode("utf-8")), True)
        self.assertTrue(ds.equal(reloaded))
        self.assertEqual(reloaded.save_to_data()[0], text)

    def test_saved_document_is_the_sample(self):
        text, _ = load_sample().save_to_data()
        self.assertEqual(normalize_flags(json.loads(text)), normalize_flags(sample_json()))

    def test_equal_detects_a_change(self):
        a = load_sample()
        b = load_sample()
        self.assertTrue(a.equal(b))
        b.get_grid(sample_json()["grids"][0]["id"]).props.households += 1
        self.assertFalse(a.equal(b))
        b.get_grid(sample_json()["grids"][0]["id"]).props.households -= 1
        self.assertTrue(a.equal(b))
        b.props.codes_year = 2019
        self.assertFalse(a.equal(b))

    def test_load_from_bytes(self):
        with open(sample_path(), "rb") as f:
            data = f.read()
        ds = Community.Dataset.new()
        self.assertTrue(ds.load_from_bytes(GLib.Bytes.new(data)))
        self.assertTrue(ds.equal(load_sample()))

    def test_unknown_members_are_kept(self):
        data = document(**{
            "x-root": {"note": "kept", "list": [1, 2]},
            "communities": [{
                "code": "320213025001", "name": "广瑞一村社区", "kind": "urban",
                "street": "320213025000", "x-entity": "entity member",
                "committee": {"members": 7, "x-nested": True},
            }],
            "consultations": [{
                "id": "K1", "community": "320213025001",
                "history": [{"state": "proposed", "at": "2019-03-02T09:30:00+08:00",
                             "x-history": 3}],
            }],
        })
        ds = Community.Dataset.new()
        self.assertTrue(ds.load_from_data(data))

        self.assertEqual(ds.get_extra().get_object_member("x-root").get_string_member("note"),
                         "kept")
        community = ds.get_community("320213025001")
        self.assertEqual(community.get_extra().get_string_member("x-entity"), "entity member")
        self.assertIs(community.props.committee.get_extra().get_boolean_member("x-nested"), True)
        self.assertIsNone(Community.Grid.new("G").get_extra())
        # Unknown members are not fields.
        self.assertEqual(community.props.committee.props.members, 7)

        community.props.households = 100  # a change elsewhere keeps them too
        text, _ = ds.save_to_data()
        out = json.loads(text)
        self.assertEqual(out["x-root"], {"note": "kept", "list": [1, 2]})
        self.assertEqual(out["communities"][0]["x-entity"], "entity member")
        self.assertEqual(out["communities"][0]["committee"], {"members": 7, "x-nested": True})
        self.assertEqual(out["communities"][0]["households"], 100)
        self.assertEqual(out["consultations"][0]["history"][0]["x-history"], 3)

        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "extra.json")
            ds.save_to_file(path)
            reloaded = Community.Dataset.new()
            reloaded.load_from_file(path)
        self.assertTrue(reloaded.equal(ds))


class ParseErrorTestCase(DatasetTestCase):

    @staticmethod
    def community(**members):
        obj = {"code": "320213025001", "name": "广瑞一村社区", "kind": "urban",
               "street": "320213025000"}
        obj.update(members)
        return obj

    def test_range(self):
        error = self.assertParseError(document(communities=[self.community(households=-1)]),
                                      Community.ParseError.RANGE, "/communities/0/households")
        self.assertEqual(error.code, Community.ParseError.RANGE)

    def test_range_second_entity(self):
        self.assertParseError(
            document(communities=[self.community(),
                                  self.community(code="320213025002", households=2 ** 32)]),
            Community.ParseError.RANGE, "/communities/1/households")

    def test_type(self):
        self.assertParseError(document(communities=[self.community(households="2460")]),
                              Community.ParseError.TYPE, "/communities/0/households")

    def test_type_nested(self):
        self.assertParseError(
            document(communities=[self.community(committee={"members": "7"})]),
            Community.ParseError.TYPE, "/communities/0/committee/members")

    def test_type_array(self):
        self.assertParseError(document(grids={"id": "G"}), Community.ParseError.TYPE, "/grids")

    def test_enum(self):
        self.assertParseError(document(communities=[self.community(kind="suburban")]),
                              Community.ParseError.ENUM, "/communities/0/kind")

    def test_enum_in_flags(self):
        worker = {"id": "W1", "community": "320213025001",
                  "roles": ["party_secretary", "mayor"]}
        self.assertParseError(document(workers=[worker]),
                              Community.ParseError.ENUM, "/workers/0/roles/1")

    def test_duplicate(self):
        grid = {"id": "G1", "community": "320213025001"}
        self.assertParseError(document(grids=[grid, {"id": "G2", "community": "c"}, grid]),
                              Community.ParseError.DUPLICATE, "/grids/2/id")

    def test_format(self):
        self.assertParseError(b'{"format": "geojson", "version": 1}',
                              Community.ParseError.FORMAT, "/format")
        self.assertParseError(b'[{"format": "libcommunity-dataset"}]',
                              Community.ParseError.FORMAT, "(root)")

    def test_syntax(self):
        self.assertParseError(b'{"format": "libcommunity-dataset", "version": 1,',
                              Community.ParseError.SYNTAX, "(root)")
        self.assertParseError(b"", Community.ParseError.SYNTAX, "(root)")
        # Invalid UTF-8 in a string is named by the string's pointer.
        self.assertParseError(b'{"format": "libcommunity-dataset", "version": 1, "x": "\xff"}',
                              Community.ParseError.SYNTAX, "/x")

    def test_version(self):
        self.assertParseError(b'{"format": "libcommunity-dataset", "version": 2}',
                              Community.ParseError.VERSION, "/version")

    def test_missing(self):
        self.assertParseError(b'{"format": "libcommunity-dataset"}',
                              Community.ParseError.MISSING, "/version")
        self.assertParseError(document(grids=[{"id": "G1"}]),
                              Community.ParseError.MISSING, "/grids/0/community")
        self.assertParseError(document(grids=[{"id": "G1", "community": None}]),
                              Community.ParseError.MISSING, "/grids/0/community")

    def test_not_integer(self):
        worker = {"id": "W1", "community": "320213025001", "annual_pay_yuan": 98640.5}
        self.assertParseError(document(workers=[worker]),
                              Community.ParseError.NOT_INTEGER, "/workers/0/annual_pay_yuan")

    def test_date(self):
        self.assertParseError(document(as_of="2019-02-30"), Community.ParseError.DATE, "/as_of")
        consultation = {"id": "K1", "community": "320213025001",
                        "history": [{"state": "proposed", "at": "2019-03-02T09:30:00+08:00"},
                                    {"state": "deliberating", "at": "2019-03-16 14:00"}]}
        self.assertParseError(document(consultations=[consultation]),
                              Community.ParseError.DATE, "/consultations/0/history/1/at")

    def test_file_error(self):
        ds = Community.Dataset.new()
        with tempfile.TemporaryDirectory() as tmp:
            with self.assertRaises(GLib.GError) as ctx:
                ds.load_from_file(os.path.join(tmp, "missing.json"))
        self.assertGLibError(ctx.exception, "g-file-error-quark", GLib.FileError.NOENT)
        self.assertIsNone(Community.parse_error_get_pointer(ctx.exception))

    def test_csv_error_location(self):
        ds = Community.Dataset.new()
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(tmp, "communities.csv"), "w", encoding="utf-8") as f:
                f.write("code,name,kind,street,households\n"
                        "320213001001,a,urban,320213001000,2500\n"
                        "320213001002,b,urban,320213001000,约2000\n")
            with self.assertRaises(GLib.GError) as ctx:
                ds.load_from_gfile(Gio.File.new_for_path(tmp), Community.DatasetFormat.AUTO, None)
        error = ctx.exception
        self.assertEqual(Community.parse_error_get_sheet(error), "communities")
        self.assertEqual(Community.parse_error_get_cell(error), "E3")
        self.assertEqual(Community.parse_error_get_column(error), "households")
        self.assertEqual(Community.parse_error_get_pointer(error), "/communities/1/households")
        self.assertEqual(Community.ParseError.get_cell(error), "E3")

    def test_failed_load_keeps_content(self):
        ds = load_sample()
        copy = load_sample()
        data = sample_json()

        bad = sample_copy()
        bad["as_of"] = "2020-06-30"
        bad["codes_year"] = 2024
        bad["grids"].append({"id": "G-extra", "community": data["communities"][0]["code"]})
        bad["commendations"][-1]["year"] = -1  # the last member: everything before it was read
        index = len(bad["commendations"]) - 1

        changes = []
        for kind, _ in KINDS:
            ds.get_items(kind).connect("items-changed", lambda *args: changes.append(args))
        ds.connect("notify", lambda obj, pspec: changes.append(pspec.name))
        grid = ds.get_grid(data["grids"][0]["id"])

        with self.assertRaises(GLib.GError) as ctx:
            ds.load_from_data(json.dumps(bad).encode("utf-8"))
        self.assertGLibError(ctx.exception, PARSE_ERROR, Community.ParseError.RANGE,
                             "/commendations/%d/year: " % index)

        self.assertEqual(changes, [])
        for kind, member in KINDS:
            self.assertEqual(ds.get_items(kind).get_n_items(), len(data[member]), member)
        self.assertIsNone(ds.get_grid("G-extra"))
        self.assertIs(ds.get_grid(data["grids"][0]["id"]), grid)
        self.assertIs(grid.get_dataset(), ds)
        self.assertEqual(ds.props.codes_year, data["codes_year"])
        self.assertEqual(ds.props.as_of.get_year(), 2019)
        self.assertTrue(ds.equal(copy))

    def test_failed_syntax_keeps_content(self):
        ds = load_sample()
        with self.assertRaises(GLib.GError):
            ds.load_from_data(b"{")
        with self.assertRaises(GLib.GError):
            ds.load_from_data(b"")
        with self.assertRaises(GLib.GError):
            ds.load_from_data(document(communities=[self.community(kind="suburban")]))
        self.assertTrue(ds.equal(load_sample()))
        self.assertEqual(ds.get_items(Community.EntityKind.WORKER).get_n_items(),
                         len(sample_json()["workers"]))

    def test_successful_reload_replaces_content(self):
        ds = load_sample()
        old = ds.get_grid(sample_json()["grids"][0]["id"])
        self.assertTrue(ds.load_from_data(document(grids=[{"id": "G1", "community": "c"}])))
        self.assertEqual(ds.get_items(Community.EntityKind.GRID).get_n_items(), 1)
        self.assertEqual(ds.get_items(Community.EntityKind.WORKER).get_n_items(), 0)
        self.assertIsNone(ds.props.as_of)
        self.assertEqual(ds.props.codes_year, 0)
        self.assertIsNone(old.get_dataset())


class AddRemoveTestCase(DatasetTestCase):

    def setUp(self):
        self.ds = load_sample()
        self.grids = self.ds.get_items(Community.EntityKind.GRID)
        self.changes = []
        self.grids.connect("items-changed",
                           lambda model, position, removed, added:
                           self.changes.append((position, removed, added)))

    def test_add(self):
        n = self.grids.get_n_items()
        grid = Community.Grid.new("G-new")
        self.assertIsNone(grid.get_dataset())
        self.assertIs(self.ds.add(grid), True)
        self.assertIs(self.ds.get_grid("G-new"), grid)
        self.assertIs(self.ds.lookup(Community.EntityKind.GRID, "G-new"), grid)
        self.assertIs(grid.get_dataset(), self.ds)
        self.assertEqual(self.grids.get_n_items(), n + 1)
        self.assertIs(self.grids.get_item(n), grid)
        self.assertEqual(self.changes, [(n, 0, 1)])

    def test_add_duplicate(self):
        self.ds.add(Community.Grid.new("G-new"))
        n = self.grids.get_n_items()
        other = Community.Grid.new("G-new")
        with self.assertRaises(GLib.GError) as ctx:
            self.ds.add(other)
        self.assertGLibError(ctx.exception, DATASET_ERROR, Community.DatasetError.DUPLICATE)
        self.assertTrue(ctx.exception.matches(Community.dataset_error_quark(),
                                              Community.DatasetError.DUPLICATE))
        self.assertIsNot(self.ds.get_grid("G-new"), other)
        self.assertIsNone(other.get_dataset())
        self.assertEqual(self.grids.get_n_items(), n)
        self.assertEqual(len(self.changes), 1)

    def test_add_duplicate_of_loaded(self):
        identity = sample_json()["grids"][0]["id"]
        with self.assertRaises(GLib.GError) as ctx:
            self.ds.add(Community.Grid.new(identity))
        self.assertGLibError(ctx.exception, DATASET_ERROR, Community.DatasetError.DUPLICATE)
        # The same identity in another kind is no duplicate.
        self.assertTrue(self.ds.add(Community.Worker.new(identity)))
        self.assertEqual(self.changes, [])

    def test_add_without_identity(self):
        with self.assertRaises(GLib.GError) as ctx:
            self.ds.add(Community.Grid())
        self.assertGLibError(ctx.exception, DATASET_ERROR, Community.DatasetError.NO_IDENTITY)
        self.assertEqual(self.changes, [])

    def test_add_to_second_dataset(self):
        grid = Community.Grid.new("G-new")
        self.ds.add(grid)
        other = Community.Dataset.new()
        with self.assertRaises(GLib.GError) as ctx:
            other.add(grid)
        self.assertGLibError(ctx.exception, DATASET_ERROR,
                             Community.DatasetError.IN_OTHER_DATASET)
        self.assertIsNone(other.get_grid("G-new"))

    def test_remove(self):
        grid = Community.Grid.new("G-new")
        self.ds.add(grid)
        n = self.grids.get_n_items()
        self.assertIs(self.ds.remove(grid), True)
        self.assertIsNone(self.ds.get_grid("G-new"))
        self.assertIsNone(self.ds.lookup(Community.EntityKind.GRID, "G-new"))
        self.assertIsNone(grid.get_dataset())
        self.assertEqual(self.grids.get_n_items(), n - 1)
        self.assertEqual(self.changes[-1], (n - 1, 1, 0))
        self.assertIs(self.ds.remove(grid), False)
        # It can come back, and go elsewhere.
        self.assertTrue(self.ds.add(grid))
        self.assertTrue(self.ds.remove(grid))
        self.assertTrue(Community.Dataset.new().add(grid))

    def test_remove_loaded(self):
        obj = sample_json()["grids"][5]
        grid = self.ds.get_grid(obj["id"])
        self.assertTrue(self.ds.remove(grid))
        self.assertEqual(self.changes, [(5, 1, 0)])
        self.assertIsNone(self.ds.get_grid(obj["id"]))
        self.assertNotIn(obj["id"], identities(self.ds.list_grids(obj["community"])))
        saved = json.loads(self.ds.save_to_data()[0])
        self.assertNotIn(obj["id"], [g["id"] for g in saved["grids"]])
        self.assertEqual(len(saved["grids"]), len(sample_json()["grids"]) - 1)

    def test_added_entity_is_saved(self):
        grid = Community.Grid.new("G-new")
        grid.props.community = sample_json()["communities"][0]["code"]
        grid.props.kind = Community.GridKind.DEDICATED
        grid.props.households = 0
        self.ds.add(grid)
        self.assertIn("G-new", identities(self.ds.list_grids(grid.props.community)))
        self.assertIs(self.ds.get_parent(grid), self.ds.get_community(grid.props.community))
        self.assertEqual(self.ds.get_ancestor(grid, Community.DivisionLevel.CITY).get_identity(),
                         CITY)
        reloaded = Community.Dataset.new()
        reloaded.load_from_data(self.ds.save_to_data()[0].encode())
        again = reloaded.get_grid("G-new")
        self.assertEqual(again.props.kind, Community.GridKind.DEDICATED)
        self.assertTrue(again.is_set("households"))
        self.assertTrue(reloaded.equal(self.ds))


if __name__ == "__main__":
    taprunner.main()
