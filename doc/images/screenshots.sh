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
# Writes the sample's report in English and in Chinese and photographs each
# with headless chromium (no network, a fresh profile).
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
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$tmp/profile-$lang" --hide-scrollbars --window-size=1200,1500 \
    --screenshot="doc/images/report-$lang.png" "file://$tmp/report-$lang.html" 2>/dev/null
done
