#!/usr/bin/python3
# test_privacy.py: exporting with personal data kept, masked or dropped
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import hashlib
import hmac
import json
import unittest

import gi

gi.require_version("Community", "1.0")
from gi.repository import Community, Gio, GLib  # noqa: E402

import taprunner  # noqa: E402
from samples import load_sample, sample_json  # noqa: E402


class PrivacyTest(unittest.TestCase):
    def setUp(self):
        self.dataset = load_sample()
        self.workers = sample_json()["workers"]

    def test_mask_functions(self):
        privacy = Community.Privacy.new(Community.PrivacyMode.MASK)
        self.assertEqual(privacy.mask_id_number("110102199101010078"), "110102********0078")
        self.assertEqual(privacy.mask_phone("13912345678"), "139****5678")
        self.assertEqual(privacy.mask_name("张三丰"), "张*")
        privacy.props.phone_head = 2
        self.assertEqual(privacy.mask_phone("13912345678"), "13*****5678")

    def test_masked_save_hides_every_id_number_and_phone(self):
        privacy = Community.Privacy.new(Community.PrivacyMode.MASK)
        text, _length = self.dataset.save_to_data_full(privacy)
        personal = [w[k] for w in self.workers for k in ("id_number", "phone") if k in w]
        self.assertGreater(len(personal), 100)
        for value in personal:
            self.assertNotIn(value, text)
        saved = {w["id"]: w for w in json.loads(text)["workers"]}
        first = self.workers[0]
        self.assertEqual(saved[first["id"]]["id_number"],
                         first["id_number"][:6] + "*" * 8 + first["id_number"][-4:])
        self.assertEqual(saved[first["id"]]["phone"], first["phone"][:3] + "****" + first["phone"][-4:])
        self.assertEqual(saved[first["id"]]["name"], first["name"][0] + "*")

    def test_dropped_save_has_no_personal_members(self):
        privacy = Community.Privacy.new(Community.PrivacyMode.DROP)
        text, _length = self.dataset.save_to_data_full(privacy)
        for worker in json.loads(text)["workers"]:
            self.assertNotIn("name", worker)
            self.assertNotIn("id_number", worker)
            self.assertNotIn("phone", worker)

    def test_unmasked_save_keeps_them(self):
        text, _length = self.dataset.save_to_data_full(None)
        self.assertIn(self.workers[0]["id_number"], text)


class KeyedPersonsTest(unittest.TestCase):
    """The persons a shard's report lists for a merge: HMAC-SHA-256 under
    the operator's key, never the numbers (issue 16)."""

    KEY = b"an operator's \x00 key"

    def test_person_key_is_hmac_sha256_of_the_upper_cased_number(self):
        key = GLib.Bytes.new(self.KEY)
        expected = hmac.new(self.KEY, b"44011320141005001X", hashlib.sha256).hexdigest()
        self.assertEqual(Community.Report.person_key(key, "44011320141005001X"), expected)
        self.assertEqual(Community.Report.person_key(key, "44011320141005001x"), expected)
        self.assertNotEqual(Community.Report.person_key(GLib.Bytes.new(b"other"), "44011320141005001X"),
                            expected)
        self.assertNotEqual(expected, hashlib.sha256(b"44011320141005001X").hexdigest())
        self.assertEqual(Community.Report.key_fingerprint(key),
                         hmac.new(self.KEY, b"libcommunity person key fingerprint",
                                  hashlib.sha256).hexdigest())

    def test_keyed_persons_of_the_sample(self):
        dataset = load_sample()
        workers = sample_json()["workers"]
        key = GLib.Bytes.new(self.KEY)
        persons = _node_to_python(Community.Report.keyed_persons(dataset, key))
        staff = [(n, w) for n, w in enumerate(workers)
                 if w.get("community") and w.get("employment") == "full_time" and w.get("id_number")
                 and any(r not in ("legal_advisor", "first_secretary") for r in w.get("roles", []))]
        self.assertGreater(len(staff), 5)
        self.assertEqual([p["subject"]["id"] for p in persons], [w["id"] for _n, w in staff])
        for person, (n, worker) in zip(persons, staff):
            self.assertEqual(person["subject"]["type"], "worker")
            self.assertEqual(person["path"], "/workers/%d/id_number" % n)
            self.assertEqual(person["key"], hmac.new(self.KEY, worker["id_number"].upper().encode(),
                                                     hashlib.sha256).hexdigest())
        stream = Gio.MemoryOutputStream.new_resizable()
        self.assertTrue(Community.Report.write_keyed_persons(dataset, key, stream, None))
        stream.close(None)
        written = bytes(stream.steal_as_bytes().get_data()).decode("utf-8")
        self.assertEqual(json.loads(written), persons)
        text = json.dumps(persons) + written
        for worker in workers:
            if worker.get("id_number"):
                self.assertNotIn(worker["id_number"], text)


def _node_to_python(node):
    from gi.repository import Json
    generator = Json.Generator()
    generator.set_root(node)
    return json.loads(generator.to_data()[0])


if __name__ == "__main__":
    taprunner.main()
