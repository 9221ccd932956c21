#!/usr/bin/python3
# readme-snippet.py: writes out a code block of README.md
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: readme-snippet.py README.md LANGUAGE OUTPUT
#
# Writes the first ```LANGUAGE block of README.md to OUTPUT, so that the
# build compiles the C one and tests/examples/test_readme.py runs the
# Python and JavaScript ones: the README's examples cannot rot.

import re
import sys


def snippet(text, language):
    m = re.search(r"^```%s\n(.*?)^```$" % re.escape(language), text, re.M | re.S)
    if m is None:
        raise SystemExit(f"readme-snippet.py: README.md has no ```{language} block")
    return m[1]


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        code = snippet(f.read(), sys.argv[2])
    with open(sys.argv[3], "w", encoding="utf-8") as f:
        f.write(code)
