#!/usr/bin/python3
# test_install.py: libcommunity as a user gets it from "meson install"
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: test_install.py BUILDDIR SAMPLE [--vapi] [--skip REASON]
#
# Installs BUILDDIR with "meson install --destdir" into a new temporary
# directory (removed at the end; COMMUNITY_KEEP_INSTALL=1 keeps it), then,
# using only what was installed:
#
#   - compiles tests/install/consumer.c with the flags of the installed
#     community-1.0.pc and runs it with the installed shared library;
#   - runs the installed community-check;
#   - runs a Python snippet (with the installed overrides) and a GJS snippet
#     with GI_TYPELIB_PATH naming the installed typelib only, and checks in
#     /proc/self/maps that the library and the typelib they loaded are the
#     installed ones;
#   - with --vapi, compiles examples/vala/check.vala against the installed
#     community-1.0.vapi.
#
# The build tree is used for nothing but the installation: every child
# process runs without the GI_TYPELIB_PATH, LD_LIBRARY_PATH and PYTHONPATH
# that "meson test" gives the other tests, and the installed text files and
# RUNPATHs must not name the build or the source tree. The prefix is the
# build's (/usr/local by default) under DESTDIR; community-1.0.pc is
# relocatable (pkgconfig.relocatable, meson.build), so PKG_CONFIG_PATH is
# all pkg-config needs.
#
# Prints TAP (tests/python/taprunner.py).

import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE_ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(SOURCE_ROOT, "tests", "python"))
import taprunner  # noqa: E402

BUILDDIR = None
SAMPLE = None
WITH_VAPI = False
SKIP = None

# Set by setUpModule.
DESTDIR = None      # the temporary directory
ROOT = None         # DESTDIR + prefix
PREFIX = None       # the prefix of the build, as the .pc file says
PC_DIR = None       # DESTDIR/PREFIX/lib/<multiarch>/pkgconfig
LIB_DIR = None      # where libcommunity-1.0.so is
TYPELIB_DIR = None  # where Community-1.0.typelib is
PYTHON_DIR = None   # the directory holding gi/overrides/Community.py
VAPI_DIR = None     # where community-1.0.vapi is
WORK = None         # scratch space for compiled programs

# What the C, Python and GJS consumers print about the sample.
SAMPLE_COMMUNITY = "320213025005"
SAMPLE_COMMUNITY_NAME = "塔影二村社区"
SAMPLE_RULES = [
    "facility.area-per-households", "street.party-guidance-station",
    "worker.pay-floor", "grid.leader", "grid.coverage",
    "funding.community-floor", "work-item.admission",
    "work-item.department-assessment", "commendation.annual",
]


def clean_env(**extra):
    """The environment of a consumer: nothing that points at the build tree."""
    env = dict(os.environ)
    for name in ("GI_TYPELIB_PATH", "LD_LIBRARY_PATH", "PYTHONPATH",
                 "PKG_CONFIG_PATH", "PKG_CONFIG_LIBDIR", "DESTDIR",
                 "MESON_BUILD_ROOT", "MESON_SOURCE_ROOT", "GJS_PATH",
                 "COMMUNITY_LOCALEDIR"):
        env.pop(name, None)
    env["LC_ALL"] = "C.UTF-8"
    env.update(extra)
    return env


def run(argv, env=None, cwd=None, check=True):
    result = subprocess.run(argv, capture_output=True, text=True, encoding="utf-8",
                            env=env if env is not None else clean_env(),
                            cwd=cwd, timeout=300)
    if check and result.returncode != 0:
        raise AssertionError("%s exited with status %d\nstdout:\n%s\nstderr:\n%s" % (
            " ".join(shlex.quote(a) for a in argv), result.returncode,
            result.stdout, result.stderr))
    return result


def find_one(pattern):
    found = glob.glob(os.path.join(DESTDIR, "**", pattern), recursive=True)
    if len(found) != 1:
        raise AssertionError("expected one installed %s, found %r" % (pattern, found))
    return found[0]


def pkg_config(*args):
    """pkg-config with the installed .pc files first on its path, as a user
    of the prefix would run it."""
    env = clean_env(PKG_CONFIG_PATH=PC_DIR)
    return run(["pkg-config", *args], env=env).stdout


def require_relocatable_pc():
    """The installed .pc file works from DESTDIR only if it is relocatable."""
    if not PREFIX.startswith("${pcfiledir}"):
        raise unittest.SkipTest(
            "community-1.0.pc says prefix=%s, not relocatable: configure the "
            "build with -Dpkgconfig.relocatable=true (the default of new "
            "build directories)" % PREFIX)


def runtime_env(**extra):
    return clean_env(LD_LIBRARY_PATH=LIB_DIR, GI_TYPELIB_PATH=TYPELIB_DIR, **extra)


def forbidden_paths():
    """Paths no installed file may name."""
    paths = {os.path.realpath(BUILDDIR), os.path.abspath(BUILDDIR),
             os.path.realpath(SOURCE_ROOT), SOURCE_ROOT}
    return sorted(paths, key=len, reverse=True)


def setUpModule():
    global DESTDIR, ROOT, PREFIX, PC_DIR, LIB_DIR, TYPELIB_DIR, PYTHON_DIR, VAPI_DIR, WORK
    DESTDIR = tempfile.mkdtemp(prefix="community-install-")
    unittest.addModuleCleanup(remove_destdir)  # even if the set-up fails
    WORK = os.path.join(DESTDIR, "work")
    run(["meson", "install", "-C", BUILDDIR, "--no-rebuild", "--quiet",
         "--destdir", DESTDIR], env=clean_env())
    os.mkdir(WORK)

    pc = find_one("community-1.0.pc")
    PC_DIR = os.path.dirname(pc)
    with open(pc, encoding="utf-8") as f:
        match = re.search(r"^prefix=(.*)$", f.read(), re.M)
    if not match:
        raise AssertionError("%s has no prefix= line" % pc)
    PREFIX = match.group(1).strip()
    if PREFIX.startswith("${pcfiledir}"):
        ROOT = os.path.normpath(pkg_config("--variable=prefix", "community-1.0").strip())
    else:
        ROOT = os.path.normpath(DESTDIR + "/" + PREFIX)
    LIB_DIR = os.path.dirname(find_one("libcommunity-1.0.so"))
    TYPELIB_DIR = os.path.dirname(find_one("Community-1.0.typelib"))
    PYTHON_DIR = os.path.dirname(os.path.dirname(os.path.dirname(
        find_one(os.path.join("gi", "overrides", "Community.py")))))
    if WITH_VAPI:
        VAPI_DIR = os.path.dirname(find_one("community-1.0.vapi"))


def remove_destdir():
    if os.environ.get("COMMUNITY_KEEP_INSTALL"):
        sys.stdout.write("# kept %s\n" % DESTDIR)
    else:
        shutil.rmtree(DESTDIR, ignore_errors=True)


class Layout(unittest.TestCase):

    def test_everything_is_under_the_prefix(self):
        for path in glob.glob(os.path.join(DESTDIR, "**"), recursive=True):
            if os.path.isfile(path) and not path.startswith(WORK + os.sep):
                self.assertTrue(path.startswith(ROOT + os.sep), path)

    def test_files_a_user_needs(self):
        include = os.path.join(ROOT, "include", "community-1.0", "community")
        for name in ("community.h", "community-dataset.h", "community-version.h",
                     "community-enum-types.h"):
            with self.subTest(header=name):
                self.assertTrue(os.path.isfile(os.path.join(include, name)))
        for name in ("libcommunity-1.0.so", "libcommunity-1.0.so.0"):
            with self.subTest(library=name):
                self.assertTrue(os.path.exists(os.path.join(LIB_DIR, name)))
        self.assertEqual(os.path.dirname(PC_DIR), LIB_DIR)
        self.assertEqual(TYPELIB_DIR, os.path.join(LIB_DIR, "girepository-1.0"))
        self.assertTrue(os.path.isfile(
            os.path.join(ROOT, "share", "gir-1.0", "Community-1.0.gir")))
        self.assertTrue(os.access(os.path.join(ROOT, "bin", "community-check"), os.X_OK))
        self.assertTrue(PYTHON_DIR.startswith(ROOT + os.sep))

    def test_vala_api(self):
        if not WITH_VAPI:
            self.skipTest("the build made no Vala API")
        self.assertEqual(VAPI_DIR, os.path.join(ROOT, "share", "vala", "vapi"))
        with open(os.path.join(VAPI_DIR, "community-1.0.deps"), encoding="utf-8") as f:
            self.assertEqual(f.read().split(), ["gio-2.0", "json-glib-1.0"])

    def test_no_file_names_the_build_or_source_tree(self):
        patterns = ["*.pc", "*.gir", "*.vapi", "*.deps", "*.py", "*.h"]
        checked = 0
        for pattern in patterns:
            for path in glob.glob(os.path.join(ROOT, "**", pattern), recursive=True):
                checked += 1
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                for forbidden in forbidden_paths():
                    with self.subTest(file=os.path.relpath(path, ROOT)):
                        self.assertNotIn(forbidden, text)
        self.assertGreater(checked, 30)

    def test_no_runpath_into_the_build_tree(self):
        binaries = [os.path.join(LIB_DIR, "libcommunity-1.0.so"),
                    os.path.join(ROOT, "bin", "community-check")]
        for binary in binaries:
            with self.subTest(binary=os.path.relpath(binary, ROOT)):
                dynamic = run(["readelf", "-d", binary]).stdout
                for line in dynamic.splitlines():
                    if "RPATH" in line or "RUNPATH" in line:
                        for forbidden in forbidden_paths():
                            self.assertNotIn(forbidden, line)


class C(unittest.TestCase):

    def setUp(self):
        require_relocatable_pc()

    def test_relocatable_pc(self):
        self.assertEqual(PREFIX, "${pcfiledir}/" + os.path.relpath(ROOT, PC_DIR))

    def test_pkg_config_flags_name_only_the_prefix(self):
        self.assertEqual(pkg_config("--modversion", "community-1.0").strip(),
                         run(["meson", "introspect", "--projectinfo", BUILDDIR]).stdout
                         .split('"version": "')[1].split('"')[0])
        cflags = shlex.split(pkg_config("--cflags", "community-1.0"))
        libs = shlex.split(pkg_config("--libs", "community-1.0"))
        normalized = [flag[:2] + os.path.normpath(flag[2:]) if flag.startswith(("-I", "-L"))
                      else flag for flag in cflags + libs]
        self.assertIn("-I" + os.path.join(ROOT, "include", "community-1.0"), normalized)
        self.assertIn("-L" + LIB_DIR, normalized)
        self.assertIn("-lcommunity-1.0", libs)
        for flag in cflags + libs:
            with self.subTest(flag=flag):
                for forbidden in forbidden_paths():
                    self.assertNotIn(forbidden, flag)
                if flag.startswith(("-I", "-L")):
                    path = os.path.normpath(flag[2:])
                    self.assertTrue(os.path.isdir(path), path)
                    # Ours are in the prefix; the others are the system's.
                    if "community" in path:
                        self.assertTrue(path.startswith(ROOT + os.sep), path)
        for variable in ("includedir", "libdir"):
            with self.subTest(variable=variable):
                value = os.path.normpath(
                    pkg_config("--variable=" + variable, "community-1.0").strip())
                self.assertTrue(value.startswith(ROOT + os.sep), value)

    def test_consumer_program(self):
        program = os.path.join(WORK, "consumer")
        flags = shlex.split(pkg_config("--cflags", "--libs", "community-1.0"))
        cc = shlex.split(os.environ.get("CC", "cc"))
        run([*cc, "-std=gnu11", "-Wall", "-Wextra", "-Werror", "-Wno-unused-parameter",
             "-o", program, os.path.join(HERE, "consumer.c"), *flags])

        env = clean_env(LD_LIBRARY_PATH=LIB_DIR)
        resolved = run(["ldd", program], env=env).stdout
        match = re.search(r"libcommunity-1\.0\.so\.0 => (\S+)", resolved)
        self.assertIsNotNone(match, resolved)
        self.assertEqual(os.path.dirname(os.path.realpath(match.group(1))),
                         os.path.realpath(LIB_DIR))

        out = run([program, SAMPLE], env=env).stdout.splitlines()
        self.assertRegex(out[0], r"^version \d+\.\d+\.\d+ \(headers \d+\.\d+\.\d+\)$")
        self.assertEqual(out[1], "community %s %s" % (SAMPLE_COMMUNITY, SAMPLE_COMMUNITY_NAME))
        self.assertEqual(out[2], "city 无锡市")
        self.assertEqual([line.split()[1] for line in out if line.startswith("finding ")],
                         SAMPLE_RULES)
        self.assertEqual(out[-1], "errors 6")

    def test_installed_tool(self):
        env = clean_env(LD_LIBRARY_PATH=LIB_DIR)
        tool = os.path.join(ROOT, "bin", "community-check")
        self.assertTrue(run([tool, "--version"], env=env).stdout.strip())
        result = run([tool, SAMPLE, "--format", "json", "--fail-on", "never"], env=env)
        for rule in SAMPLE_RULES:
            self.assertIn('"%s"' % rule, result.stdout)


PYTHON_SNIPPET = r'''
import json, sys
import gi
gi.require_version("Community", "1.0")
from gi.repository import Community

dataset = Community.Dataset.new()
dataset.load_from_file(sys.argv[1])
report = Community.Validator.new(Community.Ruleset.new_builtin("wuxi-2018")).run(dataset)
with open("/proc/self/maps") as f:
    maps = f.read()
print(json.dumps({
    "typelib": Community.__path__,
    "overrides": sys.modules["gi.overrides.Community"].__file__,
    "mapped": sorted({line.split()[-1] for line in maps.splitlines()
                      if "ommunity" in line.rsplit("/", 1)[-1]}),
    "community": repr(dataset.communities[sys.argv[2]]),
    "n_grids": len(dataset.grids),
    "n_commendations": len(dataset.commendations),
    "rules": [finding.get_rule() for finding in report],
}, ensure_ascii=False))
'''

GJS_SNIPPET = r'''
import GLib from 'gi://GLib';
import Community from 'gi://Community?version=1.0';
import System from 'system';

const [sample, code] = ARGV;
const dataset = Community.Dataset.new();
dataset.load_from_file(sample);
const report = Community.Validator.new(Community.Ruleset.new_builtin('wuxi-2018')).run(dataset);
const findings = report.get_findings();
const rules = [];
for (let i = 0; i < findings.get_n_items(); i++)
    rules.push(findings.get_item(i).rule);
const [, maps] = GLib.file_get_contents('/proc/self/maps');
const mapped = new Set();
for (const line of new TextDecoder().decode(maps).split('\n')) {
    const path = line.split(/\s+/).pop();
    if (/ommunity/.test(path.split('/').pop()))
        mapped.add(path);
}
print(JSON.stringify({
    mapped: [...mapped].sort(),
    name: dataset.get_community(code).name,
    rules,
}));
System.exit(0);
'''


class Introspection(unittest.TestCase):

    def check_mapped(self, mapped):
        """The library and the typelib loaded are the installed ones."""
        real = [os.path.realpath(p) for p in mapped]
        self.assertIn(os.path.realpath(os.path.join(TYPELIB_DIR, "Community-1.0.typelib")), real)
        self.assertIn(os.path.realpath(os.path.join(LIB_DIR, "libcommunity-1.0.so.0")), real)
        for path in real:
            with self.subTest(mapped=path):
                self.assertTrue(path.startswith(os.path.realpath(DESTDIR) + os.sep), path)

    def test_python(self):
        import json
        env = runtime_env(PYTHONPATH=PYTHON_DIR)
        out = run(["/usr/bin/python3", "-c", PYTHON_SNIPPET, SAMPLE, SAMPLE_COMMUNITY],
                  env=env, cwd=WORK).stdout
        result = json.loads(out)
        self.assertEqual(result["typelib"], [os.path.join(TYPELIB_DIR, "Community-1.0.typelib")])
        self.assertEqual(result["overrides"],
                         os.path.join(PYTHON_DIR, "gi", "overrides", "Community.py"))
        self.check_mapped(result["mapped"])
        self.assertEqual(result["community"], "<Community.Community %s %s>" % (
            SAMPLE_COMMUNITY, SAMPLE_COMMUNITY_NAME))
        self.assertGreater(result["n_grids"], 0)
        # The installed overrides have a collection for every kind, the
        # commendations of DOMAIN.md version 2 included.
        with open(SAMPLE, encoding="utf-8") as f:
            self.assertEqual(result["n_commendations"], len(json.load(f)["commendations"]))
        self.assertGreater(result["n_commendations"], 0)
        self.assertEqual(result["rules"], SAMPLE_RULES)

    @unittest.skipUnless(shutil.which("gjs"), "gjs is not installed")
    def test_gjs(self):
        import json
        script = os.path.join(WORK, "snippet.js")
        with open(script, "w", encoding="utf-8") as f:
            f.write(GJS_SNIPPET)
        out = run(["gjs", "-m", script, SAMPLE, SAMPLE_COMMUNITY],
                  env=runtime_env(), cwd=WORK).stdout
        result = json.loads(out.strip().splitlines()[-1])
        self.check_mapped(result["mapped"])
        self.assertEqual(result["name"], SAMPLE_COMMUNITY_NAME)
        self.assertEqual(result["rules"], SAMPLE_RULES)


class Vala(unittest.TestCase):

    def setUp(self):
        if not WITH_VAPI:
            self.skipTest("the build made no Vala API")
        if not shutil.which("valac"):
            self.skipTest("valac is not installed")
        require_relocatable_pc()

    def test_example_against_the_installed_vapi(self):
        out_dir = os.path.join(WORK, "vala")
        os.makedirs(out_dir, exist_ok=True)
        # valac reads community-1.0.vapi and its .deps from the prefix only.
        run(["valac", "-C", "--vapidir", VAPI_DIR, "--pkg", "community-1.0",
             "--directory", out_dir, "--basedir", os.path.join(SOURCE_ROOT, "examples", "vala"),
             os.path.join(SOURCE_ROOT, "examples", "vala", "check.vala")])
        program = os.path.join(WORK, "check-vala")
        flags = shlex.split(pkg_config("--cflags", "--libs", "community-1.0"))
        cc = shlex.split(os.environ.get("CC", "cc"))
        run([*cc, "-w", "-o", program, os.path.join(out_dir, "check.c"), *flags])
        out = run([program, SAMPLE, "320214055000"],
                  env=clean_env(LD_LIBRARY_PATH=LIB_DIR)).stdout
        self.assertTrue(out.startswith(
            "鸿山街道 (320214055000): 1 finding, 0 errors, 1 warning\n"
            "warning street.party-guidance-station division 320214055000 /divisions/7\n"), out)


def parse_args(argv):
    global BUILDDIR, SAMPLE, WITH_VAPI, SKIP
    args = list(argv)
    if "--vapi" in args:
        args.remove("--vapi")
        WITH_VAPI = True
    if "--skip" in args:
        i = args.index("--skip")
        SKIP = args[i + 1]
        del args[i:i + 2]
    if len(args) < 2:
        sys.exit("usage: test_install.py BUILDDIR SAMPLE [--vapi] [--skip REASON]")
    BUILDDIR = os.path.abspath(args[0])
    SAMPLE = os.path.abspath(args[1])
    return args[2:]


if __name__ == "__main__":
    rest = parse_args(sys.argv[1:])
    if SKIP:
        # A build that cannot be used from outside (a sanitized one).
        print("1..0 # SKIP " + SKIP.replace("#", ""))
        sys.exit(0)
    sys.argv[1:] = rest
    taprunner.main()
