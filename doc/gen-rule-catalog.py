#!/usr/bin/env python3
"""Writes the rule catalog and the indicator table from a ruleset.

Usage: gen-rule-catalog.py RULESET.json RULES.md INDICATORS.md

The build runs it on the built-in ruleset, lib/data/wuxi-2018.json, so the
reference's "Rule catalog" and "Indicators and targets" pages say exactly
what the library ships: every rule with its severity, policy clause,
parameters and their defaults, whether it is on, and what it checks (the
rule's "description" in the ruleset); every indicator with its target,
clause and what it measures. A rule or indicator without a description
fails the build, so a new one cannot go undocumented.
doc/test-rule-catalog.py checks the pages against the library.
"""

import json
import re
import sys
import unicodedata

# The sections of 《关于加强城乡社区治理与服务的实施意见》 the built-in
# rules cite, with their headings in the policy.
CLAUSES = {
    "一(三)": "目标任务 (targets for 2020)",
    "二(一)": "强化基层党组织领导核心作用 (the leading role of grassroots party organizations)",
    "二(二)": "发挥基层政府治理主导作用 (the guiding role of grassroots government)",
    "二(三)": "发挥基层群众性自治组织基础作用 (self-governing organizations)",
    "二(四)": "发挥社会力量协同参与作用 (social forces)",
    "三(一)": "推进“政社互动” (government–society interaction; the two lists and work-item admission)",
    "三(二)": "深化“三社联动” (communities, social organizations and social work together)",
    "三(三)": "加强社区协商 (community consultation)",
    "三(四)": "创新网格化治理 (grid-based governance)",
    "四(一)": "完善社区综合服务设施 (community service facilities)",
    "四(二)": "提升社区服务效能 (community services)",
    "四(三)": "促进社区服务资源共享 (sharing service resources)",
    "四(四)": "加强社区人才队伍建设 (community workers)",
    "四(五)": "强化社区重点人群服务 (services for the elderly and other groups)",
    "五(一)": "提升社区物业服务管理 (property services)",
    "五(二)": "维护社区平安稳定 (safety and stability; legal advisors)",
    "五(三)": "加强社区文化引领 (community culture)",
    "六(一)": "完善组织领导体制 (organization and leadership)",
    "六(二)": "建立资金保障机制 (funding)",
    "六(三)": "完善政策标准体系和激励宣传机制 (standards and commendation)",
    "附件": "重点任务分工 (the annex: key tasks and the units responsible)",
    "§1": "not a clause of the policy: the rules of the statistical division codes "
          "(统计用区划代码), DOMAIN.md §1",
}

SEVERITY_MEANING = {
    "error": "the policy says 不低于, 每…配备, 须 or 不得",
    "warning": "the policy says 一般以…为宜 or 原则上",
    "info": "the policy says 有条件的…应 or 鼓励",
}


def slug(text):
    """The id Python-Markdown's toc extension gives a heading."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "-", text)


def clause_text(clause):
    if clause is None:
        return "none: a check of data quality the policy takes for granted"
    parts = []
    for c in (p.strip() for p in clause.split(",")):
        heading = CLAUSES.get(c)
        parts.append(f"{c} — {heading}" if heading else c)
    return "; ".join(parts)


def number(value):
    if value is None:
        return "none (the policy gives no number: a ruleset sets it)"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return json.dumps(value, ensure_ascii=False)


def percent(target):
    text = f"{target * 100:.1f}".rstrip("0").rstrip(".")
    return f"{'=' if target >= 1 else '≥'} {text}%"


def fail(message):
    print(f"gen-rule-catalog.py: {message}", file=sys.stderr)
    sys.exit(1)


def rules_page(ruleset, source):
    rules = ruleset["rules"]
    name = ruleset["name"]
    counts = {s: sum(1 for r in rules.values() if r["severity"] == s)
              for s in ("error", "warning", "info")}
    disabled = [rid for rid, r in rules.items() if not r.get("enabled", True)]

    out = [
        "Title: Rule catalog",
        "",
        "# Rule catalog",
        "",
        f"The rules of the built-in ruleset `{name}`, {ruleset.get('title', '')}.",
        f"This page is generated from `{source}` when the library is built,",
        "so it lists exactly what the library checks.",
        "",
        f"{len(rules)} rules: {counts['error']} errors, {counts['warning']} warnings "
        f"and {counts['info']} infos"
        + (f"; {len(disabled)} ships disabled ({', '.join(f'`{d}`' for d in disabled)})."
           if disabled else "."),
        "Each finding names its rule, the rule's severity and clause, the entity it is",
        "about and the JSON Pointer of the value at fault (see",
        "[the report format](dataset-format.html#reports)). A rule that needs a field",
        "the data do not give is *not applicable* to that entity: unknown is not a",
        "violation, except where the absence is the defect the rule names.",
        "",
        "Severities follow the policy's own modality:",
        "",
    ]
    for severity, meaning in SEVERITY_MEANING.items():
        out.append(f"- `{severity}`: {meaning}.")
    out += [
        "",
        "A ruleset file can turn any rule on or off, change its severity and set its",
        "parameters; see [Writing a ruleset](rulesets.html).",
        "",
        "| rule | severity | clause | parameters (defaults) |",
        "| --- | --- | --- | --- |",
    ]
    for rid, rule in rules.items():
        params = ", ".join(f"`{p}` = {number(v)}" for p, v in rule.get("params", {}).items()) or "—"
        severity = rule["severity"] + ("" if rule.get("enabled", True) else " (disabled)")
        out.append(f"| [`{rid}`](#{slug(rid)}) | {severity} | {rule['clause'] or '—'} | {params} |")

    for rid, rule in rules.items():
        if not rule.get("description"):
            fail(f"rule {rid} has no description")
        out += [
            "",
            f"## {rid}",
            "",
            rule["description"],
            "",
            "Severity",
            f":   `{rule['severity']}`",
            "",
            "Enabled",
            ":   yes" if rule.get("enabled", True)
            else ':   no: a ruleset turns it on with `"enabled": true`',
            "",
            "Clause",
            f":   {clause_text(rule['clause'])}",
            "",
        ]
        params = rule.get("params", {})
        if params:
            out.append("Parameters")
            out.append(":   " + "; ".join(f"`{p}`, default {number(v)}" for p, v in params.items()))
        else:
            out += ["Parameters", ":   none"]
    out.append("")
    return "\n".join(out)


def indicators_page(ruleset, source):
    indicators = ruleset["indicators"]
    out = [
        "Title: Indicators and targets",
        "",
        "# Indicators and targets",
        "",
        f"The indicators (目标任务) of the built-in ruleset `{ruleset['name']}` and their",
        f"targets for 2020. This page is generated from `{source}` when the library is",
        "built.",
        "",
        "Every indicator is a rate, computed for the city, every district or county",
        "and every street or town over the communities, workers or streets beneath it:",
        "a numerator, a denominator, the value (their ratio) and whether it meets the",
        "target. A rate whose denominator is 0 has no value and is not applicable.",
        "A target of 100% must be met exactly; any other is a floor. A monitoring",
        "indicator, one the policy asks for without a number, has no target (`—`;",
        "`target` and `met` are null in the JSON report). A ruleset file can change",
        "any target, or give a monitoring indicator one; see",
        "[Writing a ruleset](rulesets.html).",
        "",
        "| indicator | target | clause | what it measures |",
        "| --- | --- | --- | --- |",
    ]
    for iid, indicator in indicators.items():
        if not indicator.get("description"):
            fail(f"indicator {iid} has no description")
        target = indicator["target"]
        if target is not None and not 0 <= target <= 1:
            fail(f"indicator {iid} has a target outside [0, 1]")
        shown = percent(target) if target is not None else "— (monitoring)"
        out.append(f"| `{iid}` | {shown} | {indicator.get('clause') or '—'} | "
                   f"{indicator['description']} |")
    out += [
        "",
        "Clauses cited:",
        "",
    ]
    for clause in sorted({i.get("clause") for i in indicators.values() if i.get("clause")}):
        out.append(f"- {clause_text(clause)}")
    out.append("")
    return "\n".join(out)


def main():
    if len(sys.argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(sys.argv[1], encoding="utf-8") as f:
        ruleset = json.load(f)
    if ruleset.get("format") != "libcommunity-ruleset":
        fail(f"{sys.argv[1]} is not a libcommunity-ruleset document")
    source = "lib/data/" + sys.argv[1].replace("\\", "/").rsplit("/", 1)[-1]
    for path, text in ((sys.argv[2], rules_page(ruleset, source)),
                       (sys.argv[3], indicators_page(ruleset, source))):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
