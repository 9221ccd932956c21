#!/usr/bin/python3
# below-target.py: the streets and towns below target, indicator by indicator
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Usage: below-target.py DATASET OUTPUT.csv
#
# Loads a dataset, checks it against the built-in ruleset wuxi-2018, prints
# for each indicator (目标任务) the streets (街道) and towns (镇) whose rate
# misses the target, and writes them to OUTPUT.csv, one row per indicator
# and street:
#
#     indicator,code,name,value,target,numerator,denominator
#     grid.coverage,320213025000,广益街道,0.9904,1.0000,14510,14650
#
# value and target are rounded to 4 decimals. A street where the indicator
# counts nothing (denominator 0) is not applicable, not below target; a
# monitoring indicator (e.g. committee.local-resident-share, which the
# policy asks to raise without a number) has no target to be below.
# examples/gjs/below-target.js does the same in JavaScript.
#
# Run it with the system Python, which has PyGObject (python3-gi), against
# the build tree:
#
#     GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
#         /usr/bin/python3 examples/python/below-target.py \
#         examples/data/wuxi-sample.json below-target.csv

import csv
import sys

import gi

gi.require_version("Community", "1.0")
from gi.repository import Community, GLib  # noqa: E402

STREET_LEVELS = (Community.DivisionLevel.STREET, Community.DivisionLevel.TOWN)


def number(value):
    """A count as an integer, anything else (a survey value) as it is."""
    return str(int(value)) if value == int(value) else repr(value)


def main(argv):
    if len(argv) != 3:
        print(f"usage: {argv[0]} DATASET OUTPUT.csv", file=sys.stderr)
        return 2

    dataset = Community.Dataset.new()
    try:
        dataset.load_from_file(argv[1])
    except GLib.Error as e:  # the message starts with the JSON Pointer
        print(f"{argv[1]}: {e.message}", file=sys.stderr)
        return 2

    ruleset = Community.Ruleset.new_builtin("wuxi-2018")
    report = Community.Validator.new(ruleset).run(dataset)

    # The report holds every indicator for the city, each district or
    # county and each street or town; keep the streets and towns that miss
    # a target (monitoring indicators have none: has_target() is false).
    below = {indicator: [] for indicator in ruleset.list_indicators()}
    for result in report.get_indicators():  # a Gio.ListModel
        division = dataset.get_division(result.get_division())
        if division is None or division.props.level not in STREET_LEVELS:
            continue
        if result.is_applicable() and result.has_target() and not result.get_met():
            below[result.get_id()].append((division, result))

    rows = 0
    with open(argv[2], "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow(["indicator", "code", "name", "value", "target",
                      "numerator", "denominator"])
        for indicator, misses in below.items():
            target = ruleset.get_indicator_target(indicator)
            if not misses:
                continue
            print(f"{indicator} (target {target:.0%}):")
            for division, result in misses:
                print(f"  {division.get_identity()} {division.props.name}: "
                      f"{result.get_value():.1%} "
                      f"({number(result.get_numerator())}/{number(result.get_denominator())})")
                out.writerow([indicator, division.get_identity(), division.props.name,
                              f"{result.get_value():.4f}", f"{target:.4f}",
                              number(result.get_numerator()),
                              number(result.get_denominator())])
                rows += 1

    print(f"{rows} rows written to {argv[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
