#!/usr/bin/python3
# extract-clauses.py: the clause texts of the policy, for the HTML report
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: tools/extract-clauses.py SEED.txt > lib/data/clauses.json
#
# Reads the published text of 无锡市《关于加强城乡社区治理与服务的实施意见》
# (the seed of the project, as fetched from the 无锡市民政局 site) and writes
# every clause the rules and indicators cite, "二(三)" and so on, with its
# title (the words before the first 。) and its text as the policy words it,
# paragraph after paragraph. lib/data/clauses.json is this script's output,
# committed: the library quotes the policy from it (community-report-html.c).

import json
import re
import sys

NUMERALS = "一二三四五六七八九十"
SECTION = re.compile(r"^([一二三四五六七八九十])、(.*)$")
CLAUSE = re.compile(r"^\(([一二三四五六七八九十]+)\)(.*)$")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: extract-clauses.py SEED.txt")
    lines = [line.strip().replace("\u3000", "") for line in open(sys.argv[1], encoding="utf-8")]
    start = lines.index("一、总体要求")
    clauses = {}
    section = None
    current = None
    for line in lines[start:]:
        if not line:
            continue
        if line.startswith("附件"):
            clauses["附件"] = {"title": "重点任务分工", "text": ["附件:重点任务分工"]}
            break
        match = SECTION.match(line)
        if match:
            section = match.group(1)
            current = None
            continue
        match = CLAUSE.match(line)
        if match and section is not None:
            key = "%s(%s)" % (section, match.group(1))
            body = match.group(2)
            title = re.split(r"[。]", body, maxsplit=1)[0]
            current = clauses[key] = {"title": title, "text": [body]}
            continue
        # A closing paragraph of the whole text ("各市(县)区要…") belongs to no clause.
        if current is not None and not line.startswith("各市(县)区要根据本实施意见"):
            current["text"].append(line)
    out = {
        "source": "无锡市民政局《关于加强城乡社区治理与服务的实施意见》, 2018-07-04",
        "clauses": {key: {"title": value["title"], "text": "\n".join(value["text"])}
                    for key, value in clauses.items()},
    }
    json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
