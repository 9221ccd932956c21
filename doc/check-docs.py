#!/usr/bin/env python3
"""Fails when a public symbol of the GIR has no documentation.

Usage: check-docs.py Community-1.0.gir

Every class, record, interface, enum and its members, function, function
macro, method, constructor, virtual method, callback, property, signal and
constant must carry a doc comment, and so must each of their parameters and
their return value unless it is void: g-ir-scanner puts the comment in the
GIR as <doc>, and gi-docgen renders the reference from it. Class structs
(FooClass) are documented with their class and are not checked.

Prints TAP, one test per element of the namespace, so that the test runner
counts them; a failing test lists every undocumented part as a comment:

    not ok 3 - Dataset is documented
    # undocumented: method Dataset.load_from_file
    # undocumented: parameter Dataset.load_from_file(filename)

Exits with 1 if anything is undocumented or the file is no GIR, else 0.
doc/test-check-docs.py checks this script against small fake GIRs.
"""

import sys
import xml.etree.ElementTree as ET

CORE = "{http://www.gtk.org/introspection/core/1.0}"
GLIB = "{http://www.gtk.org/introspection/glib/1.0}"
DOCUMENTED = {
    "class", "record", "enumeration", "bitfield", "function", "function-macro",
    "method", "constructor", "property", "member", "constant", "signal",
    "interface", "callback", "virtual-method", "union",
}
# The elements whose <parameters> and <return-value> are checked too.
CALLABLE = {
    "function", "function-macro", "method", "constructor", "signal",
    "callback", "virtual-method",
}


def tag_of(element):
    return element.tag.replace(CORE, "").replace(GLIB, "")


def missing_callable_docs(element, name):
    """Undocumented parameters and return value of a callable."""
    parameters = element.find(CORE + "parameters")
    if parameters is not None:
        for parameter in parameters:
            if tag_of(parameter) not in ("parameter", "instance-parameter"):
                continue
            if parameter.find(CORE + "doc") is None:
                yield f"parameter {name}({parameter.get('name', '?')})"
    ret = element.find(CORE + "return-value")
    if ret is not None and ret.find(CORE + "doc") is None:
        rtype = ret.find(CORE + "type")
        if rtype is None or rtype.get("name") != "none":
            yield f"return value of {name}"


def is_checked(element):
    tag = tag_of(element)
    # Class structs (FooClass) are documented with their class.
    if tag == "record" and element.get(GLIB + "is-gtype-struct-for"):
        return False
    return tag in DOCUMENTED


def missing_docs(element, path):
    for child in element:
        if not is_checked(child):
            continue
        tag = tag_of(child)
        name = path + child.get("name", "?")
        if child.find(CORE + "doc") is None:
            yield f"{tag} {name}"
        if tag in CALLABLE:
            yield from missing_callable_docs(child, name)
        yield from missing_docs(child, name + ".")


def main():
    if len(sys.argv) != 2:
        print("usage: check-docs.py FILE.gir", file=sys.stderr)
        return 2
    try:
        root = ET.parse(sys.argv[1]).getroot()
    except (OSError, ET.ParseError) as e:
        print(f"Bail out! {sys.argv[1]}: {e}")
        return 1
    namespace = root.find(CORE + "namespace")
    if namespace is None:
        print(f"Bail out! {sys.argv[1]}: no <namespace>: this is not a GIR")
        return 1
    failed = 0
    top = [c for c in namespace if is_checked(c)]
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
