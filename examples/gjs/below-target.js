// below-target.js: the streets and towns below target, indicator by indicator
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Usage: gjs -m below-target.js DATASET OUTPUT.csv
//
// Loads a dataset, checks it against the built-in ruleset wuxi-2018, prints
// for each indicator (目标任务) the streets (街道) and towns (镇) whose rate
// misses the target, and writes them to OUTPUT.csv, one row per indicator
// and street:
//
//     indicator,code,name,value,target,numerator,denominator
//     grid.coverage,320213025000,广益街道,0.9904,1.0000,14510,14650
//
// value and target are rounded to 4 decimals. A street where the indicator
// counts nothing (denominator 0) is not applicable, not below target; a
// monitoring indicator (e.g. committee.local-resident-share, which the
// policy asks to raise without a number) has no target to be below. The
// output is the same as examples/python/below-target.py's.
//
// Run it against the build tree:
//
//     GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
//         gjs -m examples/gjs/below-target.js \
//         examples/data/wuxi-sample.json below-target.csv

import Community from 'gi://Community?version=1.0';
import GLib from 'gi://GLib';
import System from 'system';

const STREET_LEVELS = [Community.DivisionLevel.STREET, Community.DivisionLevel.TOWN];

// A CSV field, quoted only when it has to be (as Python's csv module does).
function csvField(value) {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function percent(value, decimals) {
    return `${(value * 100).toFixed(decimals)}%`;
}

function main(args) {
    if (args.length !== 2) {
        printerr(`usage: ${System.programInvocationName} DATASET OUTPUT.csv`);
        return 2;
    }
    const [datasetFile, csvFile] = args;

    const dataset = Community.Dataset.new();
    try {
        dataset.load_from_file(datasetFile);
    } catch (e) { // a GLib.Error; the message starts with the JSON Pointer
        printerr(`${datasetFile}: ${e.message}`);
        return 2;
    }

    const ruleset = Community.Ruleset.new_builtin('wuxi-2018');
    const report = Community.Validator.new(ruleset).run(dataset);

    // The report holds every indicator for the city, each district or
    // county and each street or town; keep the streets and towns that miss
    // a target (monitoring indicators have none: has_target() is false).
    const below = new Map(ruleset.list_indicators().map(id => [id, []]));
    const indicators = report.get_indicators();
    for (let i = 0; i < indicators.get_n_items(); i++) {
        const result = indicators.get_item(i);
        const division = dataset.get_division(result.get_division());
        if (division === null || !STREET_LEVELS.includes(division.level))
            continue;
        if (result.is_applicable() && result.has_target() && !result.get_met())
            below.get(result.get_id()).push([division, result]);
    }

    const lines = [['indicator', 'code', 'name', 'value', 'target', 'numerator', 'denominator']];
    for (const [indicator, misses] of below) {
        if (misses.length === 0)
            continue;
        const target = ruleset.get_indicator_target(indicator);
        print(`${indicator} (target ${percent(target, 0)}):`);
        for (const [division, result] of misses) {
            print(`  ${division.get_identity()} ${division.name}: ` +
                  `${percent(result.get_value(), 1)} ` +
                  `(${result.get_numerator()}/${result.get_denominator()})`);
            lines.push([indicator, division.get_identity(), division.name,
                result.get_value().toFixed(4), target.toFixed(4),
                // A count prints as an integer, a survey value as it is.
                String(result.get_numerator()), String(result.get_denominator())]);
        }
    }

    const text = lines.map(row => `${row.map(csvField).join(',')}\n`).join('');
    try {
        GLib.file_set_contents(csvFile, new TextEncoder().encode(text));
    } catch (e) {
        printerr(`${csvFile}: ${e.message}`);
        return 2;
    }
    print(`${lines.length - 1} rows written to ${csvFile}`);
    return 0;
}

System.exit(main(System.programArgs));
