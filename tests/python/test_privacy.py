#!/usr/bin/python3
# test_privacy.py: exporting with personal data kept, masked or dropped
#
# SPDX-License-Identifier: LGPL-2.1-or-later

import json
import unittest

import gi

gi.require_version("Community", "1.0")
from gi.repository import Community  # noqa: E402

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


if __name__ == "__main__":
    taprunner.main()
