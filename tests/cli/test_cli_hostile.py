# test_cli_hostile.py: community-check against hostile datasets
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Environment: as tests/cli/test_cli.py (COMMUNITY_CHECK, COMMUNITY_SAMPLE).
#
# Every bad file must make community-check exit 2, print nothing on stdout,
# and print "<file>: <JSON Pointer>: ..." on stderr; never crash (a signal),
# hang (the timeout) or overflow its stack. No message may quote personal
# data. Legal but odd files (a 50 MB name, a cycle in the hierarchy) must
# be checked normally. Prints TAP (tests/python/taprunner.py).

import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import taprunner  # noqa: E402

CHECK = os.environ.get("COMMUNITY_CHECK", "")
SAMPLE = os.environ.get("COMMUNITY_SAMPLE", "")

HEAD = '{"format": "libcommunity-dataset", "version": 1, '
DEPTH = 200000      # deep enough to overflow any recursive parser
MAX_DEPTH = 512     # the documented limit (COMMUNITY_PARSE_ERROR_LIMIT)
LARGE = 50 * 1024 * 1024


def base_env():
    env = {k: v for k, v in os.environ.items()
           if not (k.startswith("LC_") or k in ("LANG", "LANGUAGE"))}
    env["LC_ALL"] = "C.UTF-8"
    return env


def run(*args, stdin=None):
    return subprocess.run([CHECK, *args], input=stdin, capture_output=True,
                          env=base_env(), timeout=120)


def errors(result):
    return result.stderr.decode("utf-8", errors="replace")


def deep(prefix, step, levels):
    """The pointer of the first container nested too deeply below a member
    of the root object (level 1): the member's value is level 2."""
    return prefix + step * (levels - 1)


# name, content (bytes), pointer the message must start with
BAD_FILES = [
    ("empty", b"", "(root)"),
    ("whitespace", b" \n\t\r\n", "(root)"),
    ("truncated", (HEAD + '"grids": [{"id": "G1", "comm').encode(), "(root)"),
    ("truncated-in-a-character", (HEAD + '"divisions": [{"name": "无').encode()[:-1], "(root)"),
    ("elf", b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)), "(root)"),
    ("gzip", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + bytes(64), "(root)"),
    ("utf16", (HEAD + '"x": 1}').encode("utf-16"), "(root)"),
    ("nul-after", (HEAD + '"x": 1}').encode() + b"\x00garbage", "(root)"),
    ("root-array", b"[1, 2, 3]", "(root)"),
    ("root-string", b'"libcommunity-dataset"', "(root)"),
    ("root-null", b"null", "(root)"),
    ("second-document", (HEAD + '"x": 1} {"y": 2}').encode(), "(root)"),
    ("octal", (HEAD + '"communities": [{"code": "c", "name": "x", "kind": "urban", '
               '"street": "s", "households": 0123}]}').encode(), "(root)"),
    ("comment", (HEAD + '/* c */ "x": 1}').encode(), "(root)"),
    ("single-quotes", (HEAD + "'x': 1}").encode(), "(root)"),
    ("bad-utf8-value", (HEAD + '"grids": [{"id": "G').encode() + b"\xff\xfe" + b'", "community": "c"}]}',
     "/grids/0/id"),
    ("bad-utf8-name", (HEAD + '"grids": [{"id": "G", "comm').encode() + b"\xc3\x28" + b'": "c"}]}',
     "/grids/0"),
    ("lone-surrogate", (HEAD + '"grids": [{"id": "G\\ud800", "community": "c"}]}').encode(), "/grids/0/id"),
    ("nul-in-id", (HEAD + '"grids": [{"id": "G\\u0000x", "community": "c"}]}').encode(), "/grids/0/id"),
    ("nul-in-name", (HEAD + '"divisions": [{"code": "320200000000", "name": "无锡\\u0000市", '
                     '"level": "city"}]}').encode(), "/divisions/0/name"),
    ("households-1e400", (HEAD + '"communities": [{"code": "c", "name": "x", "kind": "urban", '
                          '"street": "s", "households": 1e400}]}').encode(), "/communities/0/households"),
    ("households-2^70", (HEAD + '"communities": [{"code": "c", "name": "x", "kind": "urban", '
                         '"street": "s", "households": %d}]}' % 2**70).encode(), "/communities/0/households"),
    ("yuan-2^70", (HEAD + '"funding": [{"id": "F", "year": 2019, "recipient": "c", "purpose": "other", '
                   '"amount_yuan": %d}]}' % 2**70).encode(), "/funding/0/amount_yuan"),
    ("yuan-minus-2^70", (HEAD + '"funding": [{"id": "F", "year": 2019, "recipient": "c", "purpose": "other", '
                         '"amount_yuan": %d}]}' % -2**70).encode(), "/funding/0/amount_yuan"),
    ("unknown-1e400", (HEAD + '"x-unknown": {"a": [1e400]}}').encode(), "/x-unknown/a/0"),
    ("deep-arrays", (HEAD + '"x-deep": ' + "[" * DEPTH + "]" * DEPTH + "}").encode(),
     deep("/x-deep", "/0", MAX_DEPTH)),
    ("deep-objects", (HEAD + '"x-deep": ' + '{"a": ' * DEPTH + "1" + "}" * DEPTH + "}").encode(),
     deep("/x-deep", "/a", MAX_DEPTH)),
    ("deep-unclosed", (HEAD + '"x-deep": ' + "[" * DEPTH).encode(), deep("/x-deep", "/0", MAX_DEPTH)),
    ("duplicate-identity", (HEAD + '"grids": [{"id": "G1", "community": "c"}, '
                            '{"id": "G1", "community": "c"}]}').encode(), "/grids/1/id"),
    ("duplicate-member", (HEAD + '"grids": [{"id": "G1", "id": "G2", "community": "c"}]}').encode(),
     "/grids/0/id"),
]

# Personal data in the wrong place: the message must not quote it.
PERSONAL = [
    ("id-in-vocabulary", HEAD + '"workers": [{"id": "W1", "employment": "11010219910101007X"}]}',
     "/workers/0/employment", "1101021991"),
    ("name-in-vocabulary", HEAD + '"workers": [{"id": "W1", "certificate": "张三丰"}]}',
     "/workers/0/certificate", "张三"),
    ("id-as-number", HEAD + '"workers": [{"id": "W1", "id_number": 110102199101010078}]}',
     "/workers/0/id_number", "1101021991"),
    ("id-beyond-64-bits", HEAD + '"workers": [{"id": "W1", "id_number": 110102199101010078123456}]}',
     "/workers/0/id_number", "1101021991"),
    ("name-with-nul", HEAD + '"workers": [{"id": "W1", "name": "张三\\u0000丰"}]}',
     "/workers/0/name", "张三"),
    ("phone-twice", HEAD + '"workers": [{"id": "W1", "phone": "13912345678", "phone": "13987654321"}]}',
     "/workers/0/phone", "139"),
]

CYCLE = {
    "format": "libcommunity-dataset", "version": 1, "as_of": "2019-12-31",
    "divisions": [
        {"code": "320200000000", "name": "市", "level": "city", "parent": "320213000000"},
        {"code": "320213000000", "name": "区", "level": "district", "parent": "320200000000"},
        {"code": "320213021000", "name": "街道", "level": "street", "parent": "320213021000"},
        {"code": "320213022000", "name": "街道二", "level": "street", "parent": "320213023000"},
        {"code": "320213023000", "name": "街道三", "level": "street", "parent": "320213022000"},
    ],
    "communities": [
        {"code": "320213021001", "name": "社区一", "kind": "urban", "street": "320213021000",
         "households": 2500},
        {"code": "320213022001", "name": "社区二", "kind": "rural", "street": "320213022000",
         "households": 1500},
    ],
    "grids": [
        {"id": "G1", "community": "320213021001", "kind": "comprehensive", "households": 2500,
         "leader": "W1", "administrators": ["W1"]},
    ],
    "workers": [
        {"id": "W1", "community": "320213021001", "roles": ["grid_leader"],
         "employment": "full_time", "annual_pay_yuan": 50000},
        {"id": "W2", "street": "320213023000", "roles": ["community_worker"],
         "employment": "full_time", "annual_pay_yuan": 50000},
    ],
    "wage_baselines": [
        {"id": "B1", "division": "320213022000", "year": 2018, "average_annual_wage_yuan": 90000},
    ],
}


@unittest.skipUnless(CHECK and os.access(CHECK, os.X_OK), "COMMUNITY_CHECK is not an executable")
class HostileTestCase(unittest.TestCase):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="community-hostile-")

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def write(self, name, content):
        path = os.path.join(self.tmp.name, name)
        with open(path, "wb") as f:
            f.write(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    def assertRefused(self, result, prefix):
        """Exit 2 (not a signal), nothing on stdout, the pointer first on
        stderr."""
        self.assertGreaterEqual(result.returncode, 0, "killed by signal %d" % -result.returncode)
        self.assertEqual(result.returncode, 2, errors(result))
        self.assertEqual(result.stdout, b"")
        self.assertTrue(errors(result).startswith(prefix), errors(result)[:2000])


class TestBadFiles(HostileTestCase):
    pass


def _bad_file_test(name, content, pointer):
    def test(self):
        path = self.write(name + ".json", content)
        self.assertRefused(run(path), "%s: %s: " % (path, pointer))
    test.__name__ = "test_" + name.replace("-", "_").replace("^", "")
    test.__doc__ = "%s: exit 2, %s" % (name, pointer)
    return test


def _bad_stdin_test(name, content, pointer):
    def test(self):
        self.assertRefused(run("-", stdin=content), "(standard input): %s: " % pointer)
    test.__name__ = "test_stdin_" + name.replace("-", "_").replace("^", "")
    return test


for _name, _content, _pointer in BAD_FILES:
    _test = _bad_file_test(_name, _content, _pointer)
    setattr(TestBadFiles, _test.__name__, _test)
for _name, _content, _pointer in BAD_FILES[::4]:
    _test = _bad_stdin_test(_name, _content, _pointer)
    setattr(TestBadFiles, _test.__name__, _test)


class TestMore(HostileTestCase):
    def test_random_noise(self):
        rng = random.Random(20180704)
        for i in range(8):
            noise = bytes(rng.randrange(256) for _ in range(4096))
            if noise[:1] in (b'"', b"[", b"{"):
                noise = b"\xff" + noise[1:]
            path = self.write("noise-%d.json" % i, noise)
            self.assertRefused(run(path), "%s: (root): " % path)

    def test_large_name_checks(self):
        """A 50 MB division name is legal: the file is checked normally."""
        doc = dict(CYCLE)
        doc["divisions"] = [{"code": "320200000000", "level": "city", "name": "a" * LARGE}]
        doc["communities"] = []
        doc["grids"] = []
        doc["workers"] = []
        doc["wage_baselines"] = []
        path = self.write("large.json", json.dumps(doc))
        result = run(path, "--format", "json", "--fail-on", "never")
        self.assertEqual(result.returncode, 0, errors(result)[:2000])
        report = json.loads(result.stdout)
        self.assertEqual(report["format"], "libcommunity-report")

    def test_large_name_refused(self):
        """... and one bad byte at its end is found and named."""
        content = (HEAD + '"divisions": [{"code": "320200000000", "level": "city", "name": "').encode() \
            + b"a" * LARGE + b'\xff"}]}'
        path = self.write("large-bad.json", content)
        self.assertRefused(run(path), "%s: /divisions/0/name: " % path)

    def test_cycle_checks(self):
        """A cycle in the hierarchy loads; checking it, whole or by each
        division, ends."""
        path = self.write("cycle.json", json.dumps(CYCLE, ensure_ascii=False))
        result = run(path, "--format", "json", "--fail-on", "never")
        self.assertEqual(result.returncode, 0, errors(result))
        report = json.loads(result.stdout)
        self.assertGreater(len(report["findings"]), 0)
        for division in CYCLE["divisions"] + CYCLE["communities"]:
            for fmt in ("json", "text"):
                result = run(path, "--format", fmt, "--fail-on", "never", "--division", division["code"])
                self.assertEqual(result.returncode, 0, errors(result))

    def test_depth_limit_exact(self):
        """512 levels are legal, 513 are not."""
        legal = HEAD + '"x-deep": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}"
        result = run(self.write("deep-legal.json", legal), "--fail-on", "never")
        self.assertEqual(result.returncode, 0, errors(result))
        too_deep = HEAD + '"x-deep": ' + "[" * MAX_DEPTH + "]" * MAX_DEPTH + "}"
        path = self.write("deep-513.json", too_deep)
        self.assertRefused(run(path), "%s: %s: " % (path, deep("/x-deep", "/0", MAX_DEPTH)))

    def test_deep_ruleset(self):
        """A ruleset file is guarded too."""
        ruleset = '{"format": "libcommunity-ruleset", "version": 1, "x": ' + "[" * DEPTH + "]" * DEPTH + "}"
        path = self.write("deep-ruleset.json", ruleset)
        result = run(SAMPLE, "--ruleset", path)
        self.assertRefused(result, "%s: /x/0/0/0/" % path)

    def test_control_characters_in_report(self):
        """An identity holding U+0001..U+001F is legal; the JSON report,
        whole or by division, is still strict JSON (json-glib alone wrote
        U+001F raw)."""
        control = "".join(chr(c) for c in range(1, 0x20))
        doc = dict(CYCLE)
        doc["grids"] = [{"id": "G" + control, "community": "320213021001", "kind": "comprehensive",
                         "households": 2500}]
        path = self.write("control.json", json.dumps(doc, ensure_ascii=False))
        for extra in ([], ["--division", "320213021001"]):
            result = run(path, "--format", "json", "--fail-on", "never", *extra)
            self.assertEqual(result.returncode, 0, errors(result))
            report = json.loads(result.stdout.decode("utf-8"))  # strict: no raw control characters
            self.assertIn("G" + control, [f["subject"]["id"] for f in report["findings"]])

    def test_directory(self):
        result = run(self.tmp.name)
        self.assertRefused(result, "%s: " % self.tmp.name)


class TestPersonalData(HostileTestCase):
    pass


def _personal_test(name, content, pointer, secret):
    def test(self):
        path = self.write(name + ".json", content)
        result = run(path)
        self.assertRefused(result, "%s: %s: " % (path, pointer))
        self.assertNotIn(secret, errors(result))
    test.__name__ = "test_" + name.replace("-", "_")
    return test


for _args in PERSONAL:
    _test = _personal_test(*_args)
    setattr(TestPersonalData, _test.__name__, _test)


if __name__ == "__main__":
    taprunner.main()
