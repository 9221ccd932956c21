#!/usr/bin/python3
# test_version_macros.py: COMMUNITY_AVAILABLE_IN_x_y and COMMUNITY_DEPRECATED_IN_x_y
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: test_version_macros.py SOURCE-ROOT BUILD-ROOT CC [CC-ARGS...]
#
# Compiles small programs against <community/community.h> (the build's
# headers, as an application sees them: without COMMUNITY_COMPILATION) and
# checks that a deprecated prototype warns, that the warning can be turned
# off, that COMMUNITY_VERSION_MAX_ALLOWED makes newer API warn, and that an
# application's prototypes are plain declarations (the export attribute is
# the library's own). Prints TAP.

import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "python"))
import taprunner  # noqa: E402

SOURCE = BUILD = None
CC = []

DEPRECATED = """
#include <community/community.h>
COMMUNITY_DEPRECATED_IN_0_1_FOR (community_get_major_version)
guint old_major_version (void);
int main (void) { return (int) old_major_version (); }
"""

NEW_API = """
#include <community/community.h>
int main (void) { return (int) community_grid_get_households (NULL); }
"""

def include_flags():
    flags = subprocess.run(["pkg-config", "--cflags", "glib-2.0", "gobject-2.0", "gio-2.0",
                            "json-glib-1.0"], capture_output=True, text=True, check=True).stdout.split()
    return ["-I" + os.path.join(SOURCE, "include"), "-I" + os.path.join(SOURCE, "include", "community"),
            "-I" + os.path.join(BUILD, "include"), "-I" + os.path.join(BUILD, "include", "community"),
            "-I" + os.path.join(BUILD, "lib"), *flags]


def compile_c(code, *defines):
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "t.c")
        with open(path, "w", encoding="utf-8") as f:
            f.write(code)
        cmd = CC + ["-c", "-o", os.path.join(tmp, "t.o"), "-Werror=deprecated-declarations",
                    *include_flags(), *["-D" + d for d in defines], path]
        proc = subprocess.run(cmd, capture_output=True, text=True)
        return proc.returncode, proc.stderr


class VersionMacros(unittest.TestCase):

    def test_deprecated_warns(self):
        status, errors = compile_c(DEPRECATED)
        self.assertNotEqual(status, 0)
        self.assertIn("old_major_version", errors)
        self.assertIn("community_get_major_version", errors)   # the _FOR replacement

    def test_deprecation_warnings_can_be_disabled(self):
        status, errors = compile_c(DEPRECATED, "COMMUNITY_DISABLE_DEPRECATION_WARNINGS")
        self.assertEqual(status, 0, errors)

    def test_deprecated_in_a_later_version_than_min_required_is_quiet(self):
        status, errors = compile_c(DEPRECATED, "COMMUNITY_VERSION_MIN_REQUIRED=G_ENCODE_VERSION(0,0)",
                                   "COMMUNITY_VERSION_MAX_ALLOWED=COMMUNITY_VERSION_0_1")
        self.assertEqual(status, 0, errors)

    def test_api_newer_than_max_allowed_warns(self):
        status, errors = compile_c(NEW_API)
        self.assertEqual(status, 0, errors)
        status, errors = compile_c(NEW_API, "COMMUNITY_VERSION_MIN_REQUIRED=G_ENCODE_VERSION(0,0)",
                                   "COMMUNITY_VERSION_MAX_ALLOWED=G_ENCODE_VERSION(0,0)")
        self.assertNotEqual(status, 0)
        self.assertIn("community_grid_get_households", errors)

    def test_applications_import_the_library_exports(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "t.c")
            with open(path, "w") as f:
                f.write("#include <community/community.h>\nCOMMUNITY_AVAILABLE_IN_0_1\n")
            for defines, expected in (([], "extern"),
                                      (["-DCOMMUNITY_COMPILATION"],
                                       '__attribute__((visibility("default"))) extern')):
                with self.subTest(defines=defines):
                    out = subprocess.run(CC + ["-E", "-P", *defines, *include_flags(), path],
                                         capture_output=True, text=True, check=True).stdout
                    self.assertEqual(out.strip().splitlines()[-1].strip(), expected)


if __name__ == "__main__":
    SOURCE, BUILD, *CC = sys.argv[1:]
    del sys.argv[1:]
    taprunner.main()
