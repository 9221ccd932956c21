#!/usr/bin/env python3
"""Self-test of check-docs.py: it must fail on an undocumented symbol.

Usage: test-check-docs.py check-docs.py [Community-1.0.gir]

Runs check-docs.py on small fake GIRs: one where everything is documented
(it must pass) and, for each kind of public symbol, one where exactly that
symbol has no doc comment (it must fail and name the symbol). Given the
library's own GIR too, it also strips the doc comment of one real method
and of one real property from a copy of it and checks that each copy fails.
So a change that made the docs test pass everything would fail here. Prints
TAP.
"""

import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

HEADER = """<?xml version="1.0"?>
<repository version="1.2"
            xmlns="http://www.gtk.org/introspection/core/1.0"
            xmlns:c="http://www.gtk.org/introspection/c/1.0"
            xmlns:glib="http://www.gtk.org/introspection/glib/1.0">
  <namespace name="Fake" version="1.0" c:identifier-prefixes="Fake" c:symbol-prefixes="fake">
"""
FOOTER = """  </namespace>
</repository>
"""

# Every kind of symbol, each documented. A test removes one <doc> by
# replacing its marker comment.
DOCUMENTED = """
    <class name="Widget" c:type="FakeWidget" parent="GObject.Object"
           glib:type-struct="WidgetClass" glib:type-name="FakeWidget" glib:get-type="fake_widget_get_type">
      <!--class--><doc>A widget.</doc>
      <constructor name="new" c:identifier="fake_widget_new">
        <!--constructor--><doc>Creates a widget.</doc>
        <return-value transfer-ownership="full">
          <!--constructor-return--><doc>a new widget</doc>
          <type name="Widget" c:type="FakeWidget*"/>
        </return-value>
      </constructor>
      <method name="frob" c:identifier="fake_widget_frob">
        <!--method--><doc>Frobs the widget.</doc>
        <return-value transfer-ownership="none">
          <type name="none" c:type="void"/>
        </return-value>
        <parameters>
          <instance-parameter name="self" transfer-ownership="none">
            <!--instance-parameter--><doc>a widget</doc>
            <type name="Widget" c:type="FakeWidget*"/>
          </instance-parameter>
          <parameter name="times" transfer-ownership="none">
            <!--parameter--><doc>how often</doc>
            <type name="guint" c:type="guint"/>
          </parameter>
        </parameters>
      </method>
      <property name="size" writable="1" transfer-ownership="none">
        <!--property--><doc>The size.</doc>
        <type name="guint" c:type="guint"/>
      </property>
      <glib:signal name="changed" when="last">
        <!--signal--><doc>Emitted when it changes.</doc>
        <return-value transfer-ownership="none">
          <type name="none" c:type="void"/>
        </return-value>
      </glib:signal>
    </class>
    <record name="WidgetClass" c:type="FakeWidgetClass" glib:is-gtype-struct-for="Widget">
      <field name="parent_class"><type name="GObject.ObjectClass" c:type="GObjectClass"/></field>
    </record>
    <record name="Point" c:type="FakePoint">
      <!--record--><doc>A point.</doc>
    </record>
    <enumeration name="Color" c:type="FakeColor">
      <!--enumeration--><doc>A color.</doc>
      <member name="red" value="0" c:identifier="FAKE_COLOR_RED">
        <!--member--><doc>red</doc>
      </member>
    </enumeration>
    <bitfield name="Options" c:type="FakeOptions">
      <!--bitfield--><doc>Options.</doc>
      <member name="none" value="0" c:identifier="FAKE_OPTIONS_NONE">
        <doc>none</doc>
      </member>
    </bitfield>
    <function name="count" c:identifier="fake_count">
      <!--function--><doc>Counts.</doc>
      <return-value transfer-ownership="none">
        <!--return-value--><doc>the count</doc>
        <type name="guint" c:type="guint"/>
      </return-value>
    </function>
    <function-macro name="CHECK" c:identifier="FAKE_CHECK" introspectable="0">
      <!--function-macro--><doc>Checks.</doc>
    </function-macro>
    <constant name="MAX" value="3" c:type="FAKE_MAX">
      <!--constant--><doc>The maximum.</doc>
      <type name="gint" c:type="gint"/>
    </constant>
"""

# marker -> what check-docs.py must report
UNDOCUMENTED = {
    "class": "class Widget",
    "constructor": "constructor Widget.new",
    "constructor-return": "return value of Widget.new",
    "method": "method Widget.frob",
    "instance-parameter": "parameter Widget.frob(self)",
    "parameter": "parameter Widget.frob(times)",
    "property": "property Widget.size",
    "signal": "signal Widget.changed",
    "record": "record Point",
    "enumeration": "enumeration Color",
    "member": "member Color.red",
    "bitfield": "bitfield Options",
    "function": "function count",
    "return-value": "return value of count",
    "function-macro": "function-macro CHECK",
    "constant": "constant MAX",
}

check_docs = sys.argv[1]
tmpdir = tempfile.TemporaryDirectory()
results = []


def run(body):
    path = os.path.join(tmpdir.name, "Fake-1.0.gir")
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER + body + FOOTER)
    proc = subprocess.run([sys.executable, check_docs, path],
                          capture_output=True, text=True)
    return proc.returncode, proc.stdout


def check(name, condition, details=""):
    results.append((name, condition, details))


status, out = run(DOCUMENTED)
check("a fully documented GIR passes", status == 0 and "not ok" not in out, out)
check("it counts one TAP test per namespace element", out.startswith("1..7\n"), out)
check("a class struct needs no doc of its own", "WidgetClass" not in out, out)

for marker, expected in UNDOCUMENTED.items():
    body = DOCUMENTED
    start = body.index(f"<!--{marker}--><doc>")
    end = body.index("</doc>", start) + len("</doc>")
    body = body[:start] + body[end:]
    status, out = run(body)
    check(f"an undocumented {marker} fails the check",
          status == 1 and f"# undocumented: {expected}\n" in out and "not ok" in out,
          out)

status, out = run("")
check("an empty namespace passes with no tests", status == 0 and out.startswith("1..0"), out)

path = os.path.join(tmpdir.name, "broken.gir")
with open(path, "w", encoding="utf-8") as f:
    f.write("<repository>")
proc = subprocess.run([sys.executable, check_docs, path], capture_output=True, text=True)
check("a file that is no GIR fails", proc.returncode != 0 and "Bail out!" in proc.stdout,
      proc.stdout)

# The real GIR, with one doc comment taken away.
if len(sys.argv) > 2:
    CORE = "{http://www.gtk.org/introspection/core/1.0}"
    ET.register_namespace("", CORE[1:-1])
    ET.register_namespace("c", "http://www.gtk.org/introspection/c/1.0")
    ET.register_namespace("glib", "http://www.gtk.org/introspection/glib/1.0")
    for what in ("method", "property"):
        tree = ET.parse(sys.argv[2])
        namespace = tree.getroot().find(CORE + "namespace")
        owner = victim = None
        for cls in namespace.findall(CORE + "class"):
            victim = cls.find(CORE + what)
            if victim is not None:
                owner = cls
                break
        victim.remove(victim.find(CORE + "doc"))
        path = os.path.join(tmpdir.name, f"stripped-{what}.gir")
        tree.write(path, encoding="utf-8", xml_declaration=True)
        proc = subprocess.run([sys.executable, check_docs, path], capture_output=True, text=True)
        expected = f"# undocumented: {what} {owner.get('name')}.{victim.get('name')}\n"
        check(f"the library's GIR without the doc of {what} "
              f"{owner.get('name')}.{victim.get('name')} fails",
              proc.returncode == 1 and expected in proc.stdout, proc.stdout)

print(f"1..{len(results)}")
failed = 0
for i, (name, ok, details) in enumerate(results, 1):
    print(f"{'ok' if ok else 'not ok'} {i} - {name}")
    if not ok:
        failed += 1
        for line in details.splitlines():
            print(f"# {line}")
sys.exit(1 if failed else 0)
