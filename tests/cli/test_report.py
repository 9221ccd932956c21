# test_report.py: the HTML and Excel reports (DOMAIN.md §10), read the way
# people read them: the page in a real browser, the workbook by openpyxl
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Environment (tests/meson.build, suite "report"):
#   COMMUNITY_CHECK      the built tools/community-check
#   COMMUNITY_GEN        the built tools/community-gen
#   COMMUNITY_SAMPLE     examples/data/wuxi-sample.json
#   COMMUNITY_LOCALEDIR  the build tree's po/ (the zh_CN catalog)
#   CHROMIUM             (optional) the browser; default: chromium on PATH
#
# The page is loaded in Debian's chromium, headless, scripts on, driven
# through the Chrome DevTools Protocol over a pipe (--remote-debugging-pipe:
# NUL-separated JSON on file descriptors 3 and 4, no network port). Without
# chromium the browser tests are reported as SKIP; without python3-openpyxl
# the workbook tests are. Nothing here passes without checking.

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unittest
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
import taprunner  # noqa: E402

CHECK = os.environ.get("COMMUNITY_CHECK", "")
GEN = os.environ.get("COMMUNITY_GEN", "")
SAMPLE = os.environ.get("COMMUNITY_SAMPLE", "")
LOCALEDIR = os.environ.get("COMMUNITY_LOCALEDIR", "")

# A person planted in the sample: none of this may appear in a report.
PLANTED_NAME = "欧阳测试员"
PLANTED_ID = "110102199101010078"
PLANTED_PHONE = "13912345678"


def env(**extra):
    """English unless told otherwise (LANGUAGE=zh_CN with LC_ALL=C.UTF-8
    selects the zh_CN catalog without a generated zh_CN locale)."""
    result = {k: v for k, v in os.environ.items()
              if not (k.startswith("LC_") or k in ("LANG", "LANGUAGE"))}
    result["LC_ALL"] = "C.UTF-8"
    if LOCALEDIR:
        result["COMMUNITY_LOCALEDIR"] = LOCALEDIR
    result.update(extra)
    return result


def check(*args, environment=None):
    return subprocess.run([CHECK, *args], capture_output=True, timeout=300,
                          env=environment if environment is not None else env())


def json_report(dataset):
    result = check(dataset, "--format", "json", "--fail-on", "never")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def chromium():
    path = os.environ.get("CHROMIUM") or shutil.which("chromium")
    return path if path and os.access(path, os.X_OK) else None


class Browser:
    """chromium --headless driven through the DevTools protocol over a
    pipe. Collects console errors, uncaught exceptions and failed loads."""

    def __init__(self, path):
        self.profile = tempfile.mkdtemp(prefix="community-chromium-")
        to_chrome_r, to_chrome_w = os.pipe()
        from_chrome_r, from_chrome_w = os.pipe()
        # chromium reads commands on fd 3 and writes replies on fd 4; the
        # pipes' own descriptors are close-on-exec.
        self.pid = os.posix_spawn(
            path,
            [path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--disable-extensions", "--remote-debugging-pipe",
             "--user-data-dir=" + self.profile, "--window-size=1200,900", "about:blank"],
            os.environ,
            file_actions=[(os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
                          (os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0),
                          (os.POSIX_SPAWN_OPEN, 2, os.devnull, os.O_WRONLY, 0),
                          (os.POSIX_SPAWN_DUP2, to_chrome_r, 3),
                          (os.POSIX_SPAWN_DUP2, from_chrome_w, 4)])
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.out = os.fdopen(to_chrome_w, "wb", buffering=0)
        self.inp = os.fdopen(from_chrome_r, "rb", buffering=0)
        self.buffer = b""
        self.next_id = 0
        self.events = []
        self.session = None
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(domain + ".enable")

    def _read(self):
        while b"\0" not in self.buffer:
            chunk = self.inp.read(1 << 16)
            if not chunk:
                raise RuntimeError("chromium closed its DevTools pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method, params=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if self.session is not None and not method.startswith("Target."):
            message["sessionId"] = self.session
        self.out.write(json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError("%s: %s" % (method, reply["error"]))
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for(self, method):
        for i, event in enumerate(self.events):
            if event.get("method") == method:
                del self.events[i]
                return event
        while True:
            event = self._read()
            if event.get("method") == method:
                return event
            self.events.append(event)

    def load(self, path):
        self.events.clear()
        self.call("Page.navigate", {"url": "file://" + os.path.abspath(path)})
        self.wait_for("Page.loadEventFired")

    def eval(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True,
                                                "awaitPromise": True})
        if "exceptionDetails" in result:
            raise RuntimeError("%s: %s" % (expression, result["exceptionDetails"]))
        return result["result"].get("value")

    def key(self, key, code, key_code, text=None):
        for kind in ("keyDown", "keyUp"):
            params = {"type": kind, "key": key, "code": code, "windowsVirtualKeyCode": key_code}
            if text is not None and kind == "keyDown":
                params["text"] = text
            self.call("Input.dispatchKeyEvent", params)

    def problems(self):
        """Console errors, uncaught exceptions and requests that left the
        file, since the last load."""
        self.call("Runtime.evaluate", {"expression": "0"})  # drain pending events
        found = []
        for event in self.events:
            method, params = event.get("method"), event.get("params", {})
            if method == "Runtime.exceptionThrown":
                found.append("exception: %s" % params["exceptionDetails"])
            elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
                found.append("console.error: %s" % params.get("args"))
            elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
                found.append("log: %s" % params["entry"].get("text"))
            elif method == "Network.requestWillBeSent":
                url = params["request"]["url"]
                if not url.startswith(("file:", "data:", "about:")):
                    found.append("network request: %s" % url)
        return found

    def close(self):
        try:
            self.call("Browser.close")
        except Exception:
            pass
        for _ in range(200):
            if os.waitpid(self.pid, os.WNOHANG)[0] != 0:
                break
            time.sleep(0.1)
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        self.out.close()
        self.inp.close()
        shutil.rmtree(self.profile, ignore_errors=True)


def plant_person(directory):
    """The sample with one more worker who has a name, an ID number and a
    phone, and a consultation-free community of his own."""
    with open(SAMPLE, encoding="utf-8") as f:
        data = json.load(f)
    worker = dict(next(w for w in data["workers"] if w.get("community")))
    worker.update({"id": worker["id"] + "-P", "name": PLANTED_NAME,
                   "id_number": PLANTED_ID, "phone": PLANTED_PHONE,
                   "certificate": "social_worker", "professional_allowance": False})
    data["workers"].append(worker)
    # The same person twice: worker.duplicate-person names him in a finding.
    twin = dict(worker, id=worker["id"] + "2", phone="1234")
    data["workers"].append(twin)
    path = os.path.join(directory, "planted.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False)
    return path


class HtmlInBrowser(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="community-report-")
        cls.browser = None
        path = chromium()
        if path is None:
            return
        cls.report = json_report(SAMPLE)
        cls.english = os.path.join(cls.tmp, "en.html")
        cls.chinese = os.path.join(cls.tmp, "zh.html")
        assert check(SAMPLE, "--format", "html", "-o", cls.english).returncode == 1
        assert check(SAMPLE, "--format", "html", "-o", cls.chinese,
                     environment=env(LANGUAGE="zh_CN")).returncode == 1
        # Enough findings for several pages.
        cls.generated = os.path.join(cls.tmp, "generated.json")
        subprocess.run([GEN, "--communities", "200", "-o", cls.generated], check=True)
        cls.big_report = json_report(cls.generated)
        cls.big = os.path.join(cls.tmp, "big.html")
        assert check(cls.generated, "--format", "html", "-o", cls.big).returncode == 1
        cls.browser = Browser(path)

    @classmethod
    def tearDownClass(cls):
        if cls.browser is not None:
            cls.browser.close()
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def setUp(self):
        if self.browser is None:
            self.skipTest("chromium is not installed (Debian package chromium; ./run installs it)")

    def load(self, path):
        self.browser.load(path)
        self.assertEqual(self.browser.problems(), [])

    def shown(self):
        return self.browser.eval(
            "Array.from(document.querySelectorAll('#f-body tr:not(.group)'))"
            ".map(tr => Array.from(tr.cells).map(td => td.textContent))")

    def count_text(self):
        return self.browser.eval("document.getElementById('f-count').textContent")

    def choose(self, select, value):
        self.browser.eval(
            "(() => { const s = document.getElementById(%s); s.value = %s;"
            " s.dispatchEvent(new Event('change')); })()" % (json.dumps(select), json.dumps(value)))

    def option_for(self, select, label):
        return self.browser.eval(
            "Array.from(document.getElementById(%s).options).find(o => o.textContent.trim() === %s).value"
            % (json.dumps(select), json.dumps(label)))

    def test_loads_without_errors_or_network(self):
        self.load(self.english)
        self.assertEqual(self.browser.eval("document.documentElement.lang"), "en")
        # Nothing is fetched: no element names an outside resource.
        self.assertEqual(self.browser.eval(
            "document.querySelectorAll('link, img, iframe, script[src], [href^=\"http\"]').length"), 0)
        self.assertEqual(self.browser.eval("document.title"), "Community governance report")

    def test_charts_with_target_lines(self):
        self.load(self.english)
        charts = self.browser.eval("document.querySelectorAll('svg.chart').length")
        indicators = {i["id"] for i in self.report["indicators"]}
        self.assertGreaterEqual(charts, len(indicators))
        # Every chart of the city and its districts: one bar or "n/a" per division.
        city_chart = self.browser.eval(
            "(() => { const f = document.querySelector('figure.indicator');"
            " return {bars: f.querySelectorAll('rect').length, na: f.querySelectorAll('text.na').length,"
            " target: f.querySelectorAll('line.target').length,"
            " rows: f.querySelectorAll('tbody tr').length, scoped: f.querySelectorAll('th[scope]').length}; })()")
        self.assertGreater(city_chart["bars"], 0)
        self.assertEqual(city_chart["bars"] + city_chart["na"], city_chart["rows"])
        self.assertEqual(city_chart["target"], 1)
        self.assertGreater(city_chart["scoped"], city_chart["rows"])
        # A monitoring indicator (no target): bars, no target line, "—".
        monitored = sorted({i["id"] for i in self.report["indicators"] if i["target"] is None})
        self.assertTrue(monitored)
        for indicator in monitored:
            figure = self.browser.eval(
                "(() => { const f = Array.from(document.querySelectorAll('figure.indicator'))"
                ".find(f => f.querySelector('figcaption code').textContent === %s);"
                " return {lines: f.querySelectorAll('line.target').length,"
                " bars: f.querySelectorAll('rect.bar-plain').length + f.querySelectorAll('text.na').length,"
                " targets: Array.from(f.querySelectorAll('tbody tr')).map(tr => tr.cells[2].textContent)}; })()"
                % json.dumps(indicator))
            self.assertEqual(figure["lines"], 0, indicator)
            self.assertGreater(figure["bars"], 0, indicator)
            self.assertEqual(set(figure["targets"]), {"—"}, indicator)
        # Titles, with the id beside them.
        captions = self.browser.eval(
            "Array.from(document.querySelectorAll('figure.indicator figcaption h4')).map(h => h.textContent)")
        self.assertNotIn("self-governance.compliance", captions)
        # The charts are drawn: they have a size on the page.
        self.assertGreater(self.browser.eval(
            "document.querySelector('svg.chart').getBoundingClientRect().height"), 40)

    def test_every_finding_listed_with_its_fields(self):
        self.load(self.english)
        findings = self.report["findings"]
        self.assertEqual(self.count_text(), "Showing %d of %d findings" % (len(findings), len(findings)))
        rows = self.shown()
        self.assertEqual(len(rows), len(findings))
        for row, finding in zip(rows, findings):
            severity, rule, subject, path, message, expected, actual = row
            self.assertEqual(rule, finding["rule"])
            self.assertEqual(severity, finding["severity"])
            self.assertEqual(subject, "%s %s" % (finding["subject"]["type"], finding["subject"]["id"]))
            self.assertEqual(path, finding["path"])
            self.assertEqual(message, finding["message"])
            for cell, value in ((expected, finding["expected"]), (actual, finding["actual"])):
                if value is None:
                    self.assertEqual(cell, "—")
                elif isinstance(value, (int, float)) and not isinstance(value, bool):
                    self.assertAlmostEqual(float(cell), float(value), places=4)
                elif isinstance(value, str):
                    self.assertEqual(cell, value)
                else:
                    self.assertEqual(json.loads(cell), value)

    def test_rules_quote_their_clauses(self):
        self.load(self.english)
        articles = self.browser.eval(
            "Array.from(document.querySelectorAll('article.rule')).map(a => "
            "({id: a.id, quote: (a.querySelector('blockquote') || {}).textContent || '',"
            " quotes: a.querySelectorAll('blockquote').length}))")
        rules = {f["rule"]: f["clause"] for f in self.report["findings"]}
        self.assertEqual({a["id"] for a in articles}, {"rule-" + r for r in rules})
        for article in articles:
            clause = rules[article["id"][5:]]
            if clause in ("三(四)", "四(一)", "四(四)"):
                self.assertGreater(len(article["quote"]), 100, article)
        # grid.coverage cites two clauses, 一(三) and 三(四): both quoted.
        coverage = next(a for a in articles if a["id"] == "rule-grid.coverage")
        self.assertEqual(coverage["quotes"], 2)
        leader = next(a for a in articles if a["id"] == "rule-grid.leader")
        self.assertIn("网格", leader["quote"])

    def test_filters_change_what_is_shown(self):
        self.load(self.english)
        findings = self.report["findings"]
        # Severity.
        self.choose("f-severity", "1")
        rows = self.shown()
        warnings = [f for f in findings if f["severity"] == "warning"]
        self.assertEqual(len(rows), len(warnings))
        self.assertTrue(all(r[0] == "warning" for r in rows))
        self.choose("f-severity", "")
        # Rule.
        self.choose("f-rule", self.option_for("f-rule", "grid.leader"))
        rows = self.shown()
        self.assertEqual([r[1] for r in rows],
                         [f["rule"] for f in findings if f["rule"] == "grid.leader"])
        self.choose("f-rule", "")
        # Division: 梁溪区 as community-check --division counts it.
        label = next(o for o in self.browser.eval(
            "Array.from(document.getElementById('f-division').options).map(o => o.textContent)")
            if o.endswith("320213000000"))
        self.choose("f-division", self.option_for("f-division", label.strip()))
        district = json.loads(check(SAMPLE, "--format", "json", "--fail-on", "never",
                                    "--division", "320213000000").stdout)
        rows = self.shown()
        self.assertEqual(sorted(r[3] for r in rows), sorted(f["path"] for f in district["findings"]))
        self.assertLess(len(rows), len(findings))
        self.assertEqual(self.browser.problems(), [])

    def test_filters_from_the_keyboard(self):
        self.load(self.english)
        before = self.count_text()
        self.browser.eval("document.getElementById('f-severity').focus()")
        self.browser.key("ArrowDown", "ArrowDown", 40)
        value = self.browser.eval("document.getElementById('f-severity').value")
        self.assertEqual(value, "2")  # "all" → error
        errors = [f for f in self.report["findings"] if f["severity"] == "error"]
        self.assertEqual(len(self.shown()), len(errors))
        self.assertNotEqual(self.count_text(), before)
        # The rule buttons are buttons: focus and Enter.
        self.browser.eval("document.querySelector('button[data-rule]').focus()")
        self.browser.key("Enter", "Enter", 13, "\r")
        self.assertNotEqual(self.browser.eval("document.getElementById('f-rule').value"), "")

    def test_group_by_division(self):
        self.load(self.english)
        self.choose("f-group", "division")
        groups = self.browser.eval(
            "Array.from(document.querySelectorAll('#f-body tr.group')).map(tr => tr.textContent)")
        self.assertTrue(groups)
        # city › district › street › community, each with its code.
        self.assertTrue(any(g.count("›") == 3 for g in groups), groups)
        self.assertTrue(all(g.startswith("无锡市 320200000000") for g in groups), groups)
        self.assertEqual(groups, sorted(groups, key=lambda g: [p.split()[-1] for p in g.split(" › ")]))

    def test_pages(self):
        self.load(self.big)
        total = len(self.big_report["findings"])
        self.assertGreater(total, 100)
        self.assertEqual(len(self.shown()), 100)
        pages = (total + 99) // 100
        self.assertEqual(self.browser.eval("document.getElementById('f-page').textContent"),
                         "Page 1 of %d" % pages)
        first = self.shown()
        self.browser.eval("document.getElementById('f-next').click()")
        second = self.shown()
        self.assertNotEqual(first, second)
        self.assertEqual(self.browser.eval("document.getElementById('f-page').textContent"),
                         "Page 2 of %d" % pages)
        # Grouped by division, to the last page (findings about the city's
        # departments and tasks, which lie in no division, come last).
        self.choose("f-group", "division")
        for _ in range(pages - 1):
            self.browser.eval("document.getElementById('f-next').click()")
        self.assertEqual(self.browser.eval("document.getElementById('f-page').textContent"),
                         "Page %d of %d" % (pages, pages))
        self.assertTrue(self.browser.eval("document.getElementById('f-next').disabled"))
        self.assertEqual(len(self.shown()), total - 100 * (pages - 1))
        self.assertEqual(self.browser.problems(), [])

    def test_chinese(self):
        self.load(self.chinese)
        self.assertEqual(self.browser.eval("document.documentElement.lang"), "zh-CN")
        headings = self.browser.eval(
            "Array.from(document.querySelectorAll('h1, h2')).map(h => h.textContent)")
        for heading in headings:
            self.assertRegex(heading, r"[\u4e00-\u9fff]", heading)
        self.assertIn("城乡社区治理与服务报告", headings)
        captions = self.browser.eval(
            "Array.from(document.querySelectorAll('figure.indicator figcaption h4')).map(h => h.textContent)")
        self.assertIn("村(居)民委员会依法自治达标率", captions)
        self.assertRegex(self.count_text(), r"^显示 \d+ 个问题")
        self.assertNotIn("Showing", self.browser.eval("document.body.innerText"))

    def test_hostile_names_stay_text(self):
        """Markup in the data (a division's name, what a message quotes) is
        shown as text: it never becomes an element or a script."""
        with open(SAMPLE, encoding="utf-8") as f:
            data = json.load(f)
        hostile = '<b id="injected">x</b></script><script>alert(1)</script>&amp;'
        for division in data["divisions"]:
            if division["code"] == "320205000000":
                division["name"] = hostile
        dataset = os.path.join(self.tmp, "hostile.json")
        with open(dataset, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)
        page = os.path.join(self.tmp, "hostile.html")
        self.assertEqual(check(dataset, "--format", "html", "-o", page).returncode, 1)
        self.load(page)
        self.assertEqual(self.browser.eval("document.querySelectorAll('#injected').length"), 0)
        self.assertEqual(self.browser.eval("document.querySelectorAll('script').length"), 2)
        self.assertTrue(self.browser.eval(
            "Array.from(document.getElementById('f-division').options)"
            ".some(o => o.textContent.includes(%s))" % json.dumps(hostile)))
        self.choose("f-group", "division")
        self.assertIn(hostile, self.browser.eval("document.getElementById('f-body').textContent"))
        self.assertEqual(self.browser.problems(), [])

    def test_accessibility(self):
        self.load(self.english)
        # Every header cell says what it heads.
        self.assertEqual(self.browser.eval("document.querySelectorAll('th:not([scope])').length"), 0)
        # Every filter has a label.
        self.assertEqual(self.browser.eval(
            "Array.from(document.querySelectorAll('select')).filter(s => !s.labels.length).length"), 0)
        # Text contrast at least 4.5:1 (WCAG AA) against its background.
        worst = self.browser.eval("""(() => {
          const lum = c => { const v = c.match(/[\\d.]+/g).slice(0, 3).map(x => x / 255)
              .map(x => x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4));
            return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
          const bg = e => { for (; e; e = e.parentElement) { const c = getComputedStyle(e).backgroundColor;
              if (!c.startsWith('rgba(0, 0, 0, 0)')) return c; } return 'rgb(255, 255, 255)'; };
          let worst = 99, what = '';
          for (const e of document.querySelectorAll('body *')) {
            if (!Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim())) continue;
            if (e.closest('svg') || !e.getClientRects().length) continue;
            const a = lum(getComputedStyle(e).color), b = lum(bg(e));
            const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            if (ratio < worst) { worst = ratio; what = e.outerHTML.slice(0, 80); }
          }
          return [worst, what]; })()""")
        self.assertGreaterEqual(worst[0], 4.5, worst[1])

    def test_print_is_a4(self):
        self.load(self.english)
        pdf = self.browser.call("Page.printToPDF", {"preferCSSPageSize": True})["data"]
        import base64
        data = base64.b64decode(pdf)
        self.assertTrue(data.startswith(b"%PDF"))
        # A4 is 595 x 842 points.
        sizes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
        self.assertTrue(sizes)
        for width, height in sizes:
            self.assertAlmostEqual(float(width), 595.3, delta=1.5)
            self.assertAlmostEqual(float(height), 841.9, delta=1.5)


class Workbook(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="community-report-")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def openpyxl(self):
        try:
            import openpyxl
        except ImportError:
            self.skipTest("python3-openpyxl is not installed (./run installs it)")
        return openpyxl

    def test_sheets_and_one_row_per_finding(self):
        openpyxl = self.openpyxl()
        report = json_report(SAMPLE)
        path = os.path.join(self.tmp, "report.xlsx")
        result = check(SAMPLE, "--format", "xlsx", "-o", path)
        self.assertEqual(result.returncode, 1, result.stderr)
        book = openpyxl.load_workbook(path)
        self.assertEqual(book.sheetnames, ["summary", "indicators", "findings"])
        sheet = book["findings"]
        rows = list(sheet.iter_rows(values_only=True))
        header = rows[0]
        self.assertEqual(header, ("Rule", "Severity", "Clause", "Subject type", "Subject id",
                                  "District/county code", "District/county",
                                  "Street/town code", "Street/town", "Community code", "Community",
                                  "Path", "Message", "Expected", "Actual"))
        self.assertEqual(len(rows) - 1, len(report["findings"]))
        self.assertEqual(sheet.freeze_panes, "A2")
        self.assertEqual(sheet.auto_filter.ref, "A1:O%d" % len(rows))
        for row, finding in zip(rows[1:], report["findings"]):
            self.assertEqual(row[0], finding["rule"])
            self.assertEqual(row[1], finding["severity"])
            self.assertEqual(row[2], finding["clause"])
            self.assertEqual(row[3], finding["subject"]["type"])
            self.assertEqual(row[4], finding["subject"]["id"])
            self.assertEqual(row[11], finding["path"])
            self.assertEqual(row[12], finding["message"])
            if isinstance(finding["expected"], (int, float)) and not isinstance(finding["expected"], bool):
                self.assertAlmostEqual(row[13], finding["expected"])
        leader = next(r for r in rows[1:] if r[0] == "grid.leader")
        self.assertEqual(leader[4], "320205106001-G02")
        self.assertEqual(leader[5:11], ("320205000000", "锡山区", "320205106000", "东港镇",
                                        "320205106001", leader[10]))
        self.assertTrue(leader[10])
        # The other sheets.
        indicators = list(book["indicators"].iter_rows(values_only=True))
        self.assertEqual(len(indicators) - 1, len(report["indicators"]))
        for row, indicator in zip(indicators[1:], report["indicators"]):
            self.assertEqual((row[1], row[2]), (indicator["id"], indicator["division"]))
            if indicator["target"] is None:
                self.assertEqual((row[6], row[7]), ("—", "—" if indicator["value"] is not None else "n/a"))
            else:
                self.assertAlmostEqual(row[6], indicator["target"])
                if indicator["met"] is not None:
                    self.assertEqual(row[7], "yes" if indicator["met"] else "no")
        self.assertEqual(book["indicators"].freeze_panes, "A2")
        summary = list(book["summary"].iter_rows(values_only=True))
        self.assertEqual(summary[0][0], "Rule")
        self.assertEqual(len([r for r in summary[1:] if r[0] in {x["id"] for x in report["rules"]}]),
                         len(report["rules"]))
        totals = {r[0]: r[1] for r in summary if r and r[0]}
        self.assertEqual(totals["Errors"], report["summary"]["errors"])
        self.assertEqual(totals["Findings"], len(report["findings"]))

    def test_many_findings_on_several_threads(self):
        """More findings than a block of rows (4,096), made on two threads:
        the same cells as on one (COMMUNITY_XLSX_THREADS=1), every finding
        in its row, in order."""
        openpyxl = self.openpyxl()
        if not GEN:
            self.skipTest("COMMUNITY_GEN is not set")
        generated = os.path.join(self.tmp, "many.json")
        subprocess.run([GEN, "--communities", "1000", "--defects", "high", "-o", generated], check=True)
        report = json_report(generated)
        self.assertGreater(len(report["findings"]), 2 * 4096)
        rows = {}
        for threads in ("1", "2"):
            path = os.path.join(self.tmp, "many-%s.xlsx" % threads)
            result = check(generated, "--format", "xlsx", "-o", path,
                           environment=env(COMMUNITY_XLSX_THREADS=threads))
            self.assertEqual(result.returncode, 1, result.stderr)
            book = openpyxl.load_workbook(path, read_only=True)
            rows[threads] = list(book["findings"].iter_rows(values_only=True))
            book.close()
        self.assertEqual(rows["1"], rows["2"])
        findings = rows["2"][1:]
        self.assertEqual(len(findings), len(report["findings"]))
        for row, finding in zip(findings, report["findings"]):
            self.assertEqual((row[0], row[4], row[11], row[12]),
                             (finding["rule"], finding["subject"]["id"], finding["path"], finding["message"]))
            if isinstance(finding["expected"], dict):
                self.assertEqual(json.loads(row[13]), finding["expected"])
                self.assertNotIn(" ", row[13])

    def test_one_division(self):
        """--division: the workbook a bureau forwards one street, with what
        the JSON report of that street holds."""
        openpyxl = self.openpyxl()
        street = "320213025000"
        report = json.loads(check(SAMPLE, "--format", "json", "--fail-on", "never",
                                  "--division", street).stdout)
        path = os.path.join(self.tmp, "street.xlsx")
        self.assertEqual(check(SAMPLE, "--format", "xlsx", "-o", path, "--division", street).returncode, 1)
        book = openpyxl.load_workbook(path)
        rows = list(book["findings"].iter_rows(values_only=True))[1:]
        self.assertEqual([(r[0], r[4], r[11]) for r in rows],
                         [(f["rule"], f["subject"]["id"], f["path"]) for f in report["findings"]])
        self.assertTrue(rows)
        self.assertEqual({r[7] for r in rows}, {street})
        indicators = list(book["indicators"].iter_rows(values_only=True))[1:]
        self.assertEqual(sorted((r[1], r[2]) for r in indicators),
                         sorted((i["id"], i["division"]) for i in report["indicators"]))
        totals = {r[0]: r[1] for r in book["summary"].iter_rows(values_only=True) if r and r[0]}
        self.assertEqual(totals["Findings"], len(report["findings"]))
        # The page too.
        page = os.path.join(self.tmp, "street.html")
        self.assertEqual(check(SAMPLE, "--format", "html", "-o", page, "--division", street).returncode, 1)
        with open(page, encoding="utf-8") as f:
            html = f.read()
        data = json.loads(html.split('id="report-data">', 1)[1].split("</script>", 1)[0])
        self.assertEqual([f[4] for f in data["findings"]], [f["path"] for f in report["findings"]])

    @unittest.skipIf(shutil.which("soffice") is None, "LibreOffice (soffice) is not installed")
    def test_libreoffice_reads_it(self):
        """LibreOffice reads the workbook (its divisions, rules and words in
        shared strings): its copy holds the same cells as ours."""
        openpyxl = self.openpyxl()
        path = os.path.join(self.tmp, "lo-report.xlsx")
        self.assertEqual(check(SAMPLE, "--format", "xlsx", "-o", path).returncode, 1)
        out = os.path.join(self.tmp, "lo")
        result = subprocess.run(["soffice", "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                                 "--outdir", out, path],
                                capture_output=True, text=True, env=env(HOME=self.tmp), timeout=300)
        self.assertEqual(result.returncode, 0, result.stderr)
        ours = openpyxl.load_workbook(path)
        theirs = openpyxl.load_workbook(os.path.join(out, "lo-report.xlsx"))
        self.assertEqual(theirs.sheetnames, ours.sheetnames)
        for name in ("findings", "indicators"):
            mine = list(ours[name].iter_rows(values_only=True))
            copy = list(theirs[name].iter_rows(values_only=True))
            self.assertEqual(len(copy), len(mine), name)
            for a, b in zip(mine, copy):
                self.assertEqual([x for x in a if isinstance(x, str)], [x for x in b if isinstance(x, str)], name)

    def test_chinese_headers(self):
        openpyxl = self.openpyxl()
        path = os.path.join(self.tmp, "zh.xlsx")
        check(SAMPLE, "--format", "xlsx", "-o", path, environment=env(LANGUAGE="zh_CN"))
        header = next(openpyxl.load_workbook(path)["findings"].iter_rows(values_only=True))
        self.assertEqual(header[0], "规则")
        self.assertIn("街道(镇)", header)

    def test_to_a_pipe_but_never_a_terminal(self):
        result = check(SAMPLE, "--format", "xlsx")
        self.assertEqual(result.returncode, 1, result.stderr)
        self.assertTrue(result.stdout.startswith(b"PK"))
        with zipfile.ZipFile(__import__("io").BytesIO(result.stdout)) as z:
            self.assertIn("xl/workbook.xml", z.namelist())
        # A terminal: script(1) gives the tool one.
        if shutil.which("script") is None:
            self.skipTest("no script(1) to give the tool a terminal")
        tty = subprocess.run(["script", "-qec", "%s %s --format xlsx" % (CHECK, SAMPLE), "/dev/null"],
                             capture_output=True, env=env(), timeout=120)
        self.assertEqual(tty.returncode, 2)
        self.assertIn(b"not written to a terminal", tty.stdout + tty.stderr)
        self.assertNotIn(b"PK\x03\x04", tty.stdout)


class Output(unittest.TestCase):
    def test_output_for_every_format(self):
        with tempfile.TemporaryDirectory() as tmp:
            for fmt in ("text", "json", "html", "xlsx"):
                path = os.path.join(tmp, "report." + fmt)
                result = check(SAMPLE, "--format", fmt, "--output", path)
                self.assertEqual(result.returncode, 1, result.stderr)
                self.assertEqual(result.stdout, b"", fmt)
                with open(path, "rb") as f:
                    data = f.read()
                self.assertTrue(data, fmt)
            with open(os.path.join(tmp, "report.json"), encoding="utf-8") as f:
                self.assertEqual(json.load(f), json_report(SAMPLE))
            with open(os.path.join(tmp, "report.html"), encoding="utf-8") as f:
                self.assertTrue(f.read().startswith("<!DOCTYPE html>"))

    def test_unwritable_output(self):
        result = check(SAMPLE, "--format", "html", "-o", "/nonexistent/dir/report.html")
        self.assertEqual(result.returncode, 2)
        self.assertIn(b"/nonexistent/dir/report.html", result.stderr)
        result = check(SAMPLE, "--format", "xlsx", "-o", "/nonexistent/dir/report.xlsx")
        self.assertEqual(result.returncode, 2)
        self.assertIn(b"report.xlsx", result.stderr)
        for fmt in ("text", "json"):
            result = check(SAMPLE, "--format", fmt, "-o", "/nonexistent/dir/report")
            self.assertEqual(result.returncode, 2)
            self.assertIn(b"/nonexistent/dir/report", result.stderr)

    def test_bad_dataset_leaves_output_alone(self):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "report.html")
            with open(path, "w") as f:
                f.write("old")
            bad = os.path.join(tmp, "bad.json")
            with open(bad, "w") as f:
                f.write("{")
            self.assertEqual(check(bad, "--format", "html", "-o", path).returncode, 2)
            with open(path) as f:
                self.assertEqual(f.read(), "old")

    def test_failed_write_leaves_no_file(self):
        """A report that cannot be written whole (here: a file size limit
        of 4 KiB, which the page and the workbook exceed) leaves no file
        where there was none, and an old one as it was."""
        import resource

        def limit():
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)   # write() fails with EFBIG
            resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))

        with tempfile.TemporaryDirectory() as tmp:
            for fmt in ("html", "xlsx"):
                new = os.path.join(tmp, "new." + fmt)
                old = os.path.join(tmp, "old." + fmt)
                with open(old, "w") as f:
                    f.write("old")
                for path in (new, old):
                    result = subprocess.run([CHECK, SAMPLE, "--format", fmt, "-o", path],
                                            capture_output=True, timeout=300, env=env(),
                                            preexec_fn=limit)
                    self.assertEqual(result.returncode, 2, (fmt, result.stderr))
                self.assertFalse(os.path.exists(new), fmt)
                with open(old) as f:
                    self.assertEqual(f.read(), "old", fmt)
            self.assertEqual(sorted(os.listdir(tmp)), ["old.html", "old.xlsx"])


class Privacy(unittest.TestCase):
    def test_no_personal_data_in_either_report(self):
        with tempfile.TemporaryDirectory() as tmp:
            dataset = plant_person(tmp)
            generated = os.path.join(tmp, "generated.json")
            subprocess.run([GEN, "--communities", "100", "-o", generated], check=True)
            with open(generated, encoding="utf-8") as f:
                workers = json.load(f)["workers"]
            for source, secrets in ((dataset, [PLANTED_NAME, PLANTED_ID, PLANTED_PHONE]),
                                    (generated, [w[k] for w in workers for k in ("name", "id_number", "phone")
                                                 if w.get(k) and len(w[k]) >= 3])):
                report = json_report(source)
                if source == dataset:
                    # The planted person is found (duplicate, phone) but not named.
                    rules = {f["rule"] for f in report["findings"]}
                    self.assertIn("worker.duplicate-person", rules)
                    self.assertIn("worker.phone", rules)
                for language in ("C", "zh_CN"):
                    html = os.path.join(tmp, "r.html")
                    xlsx = os.path.join(tmp, "r.xlsx")
                    environment = env(LANGUAGE=language)
                    check(source, "--format", "html", "-o", html, environment=environment)
                    check(source, "--format", "xlsx", "-o", xlsx, environment=environment)
                    with open(html, encoding="utf-8") as f:
                        texts = [f.read()]
                    with zipfile.ZipFile(xlsx) as z:
                        texts += [z.read(n).decode("utf-8") for n in z.namelist()]
                    everything = "\n".join(texts)
                    self.assertGreater(len(everything), 1000)
                    leaked = [s for s in secrets if s in everything]
                    self.assertEqual(leaked, [], source)


if __name__ == "__main__":
    taprunner.main()
