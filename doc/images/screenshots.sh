#!/bin/sh
# screenshots.sh: the screenshots of the HTML report in doc/images/
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage, from the top of the source tree after ./run demo (which installs
# chromium and a Chinese font, fonts-wqy-microhei):
#
#   doc/images/screenshots.sh [BUILDDIR]
#
# Writes the sample's report in English and in Chinese and photographs the
# top of each, and in English the rules with their clauses quoted and the
# list of findings, grouped by division, with headless chromium (no network, a fresh
# profile), driven as the tests drive it (tests/cli/test_report.py).
set -eu
build=${1:-_build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for lang in en zh; do
  case $lang in
    en) language=C ;;
    zh) language=zh_CN ;;
  esac
  LANGUAGE=$language LC_ALL=C.UTF-8 COMMUNITY_LOCALEDIR="$build/po" \
    "$build/tools/community-check" examples/data/wuxi-sample.json \
    --format html -o "$tmp/report-$lang.html" --fail-on never
done
/usr/bin/python3 - "$tmp" <<'PY'
import base64, os, sys
sys.path[:0] = ["tests/cli", "tests/python"]
from test_report import Browser, chromium

tmp = sys.argv[1]
browser = Browser(chromium())
browser.call("Emulation.setDeviceMetricsOverride",
             {"width": 1200, "height": 1500, "deviceScaleFactor": 1, "mobile": False})
shots = [("en", "report-en.png", None), ("zh", "report-zh.png", None),
         ("en", "report-rules-en.png", "rule-grid.leader"),
         ("en", "report-findings-en.png", "findings")]
for lang, name, anchor in shots:
    browser.load(os.path.join(tmp, "report-%s.html" % lang))
    if anchor:
        browser.eval("(() => { const g = document.getElementById('f-group'); g.value = 'division';"
                     " g.dispatchEvent(new Event('change'));"
                     " document.getElementById(%r).scrollIntoView(); })()" % anchor)
    data = browser.call("Page.captureScreenshot", {"format": "png"})["data"]
    with open(os.path.join("doc", "images", name), "wb") as f:
        f.write(base64.b64decode(data))
browser.close()
PY
