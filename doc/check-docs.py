#!/usr/bin/env python3
"""Fails when a public symbol of the GIR has no documentation.

Usage: check-docs.py Community-1.0.gir

Every class, record, enum and its members, function, method, constructor,
property, signal and constant must carry a doc comment: g-ir-scanner puts it
in the GIR as <doc>, and gi-docgen renders the reference from it. Prints one
TAP line per namespace element so the test runner counts them.
"""

import sys
import xml.etree.ElementTree as ET

CORE = "{http://www.gtk.org/introspection/core/1.0}"
GLIB = "{http://www.gtk.org/introspection/glib/1.0}"
DOCUMENTED = {
    "class", "record", "enumeration", "bitfield", "function", "method",
    "constructor", "property", "member", "constant", "signal", "interface",
    "callback", "virtual-method",
}


def missing_docs(element, path):
    for child in element:
        tag = child.tag.replace(CORE, "")
        if tag not in DOCUMENTED:
            continue
        # Class structs (FooClass) are documented with their class.
        if tag == "record" and child.get(GLIB + "is-gtype-struct-for"):
            continue
        name = path + child.get("name", "?")
        if child.find(CORE + "doc") is None:
            yield f"{tag} {name}"
        yield from missing_docs(child, name + ".")


def main():
    root = ET.parse(sys.argv[1]).getroot()
    namespace = root.find(CORE + "namespace")
    failed = 0
    top = [c for c in namespace if c.tag.replace(CORE, "") in DOCUMENTED]
    print(f"1..{len(top)}")
    for i, element in enumerate(top, 1):
        name = element.get("name")
        missing = list(missing_docs([element], ""))
        if missing:
            failed += 1
            print(f"not ok {i} - {name} is documented")
            for m in missing:
                print(f"# undocumented: {m}")
        else:
            print(f"ok {i} - {name} is documented")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
