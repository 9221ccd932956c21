// test-annex.js: the built-in annex of key tasks (附件 重点任务分工), from GJS
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Run with the build's typelib, e.g.
//
//   GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib gjs -m tests/gjs/test-annex.js
//
// The expected values were read by hand from the policy's annex (see the
// comment in tests/test-annex.c), not from lib/data/annex.json. The output
// is TAP, which meson counts.

import Community from 'gi://Community?version=1.0';
import Gio from 'gi://Gio?version=2.0';

import {
    test,
    assert,
    assertEqual,
    assertDeepEqual,
    assertNull,
    assertThrowsGLibError,
    finish,
} from './common.js';

const DATASET_ERROR = 'community-dataset-error-quark';

// --- the tests ---------------------------------------------------------------

// 市民政局 leads these 9 tasks, and takes part in these 27 (leading included).
const CIVIL_AFFAIRS_LED = [8, 9, 10, 12, 13, 14, 28, 30, 38];
const CIVIL_AFFAIRS_OF = [7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
    23, 24, 25, 26, 27, 28, 29, 30, 35, 36, 37, 38, 39];

const numbers = tasks => tasks.map(task => task.number);
const ids = departments => departments.map(department => department.id);

function listItems(model) {
    const items = [];
    for (let i = 0; i < model.get_n_items(); i++)
        items.push(model.get_item(i));
    return items;
}

test('the annex has 39 tasks whose units all resolve', () => {
    const annex = Community.annex_new_dataset();
    const tasks = listItems(annex.get_items(Community.EntityKind.TASK));
    assertEqual(tasks.length, 39, 'number of tasks');
    assertDeepEqual(numbers(tasks), [...Array(39).keys()].map(i => i + 1), 'task numbers');
    for (const task of tasks) {
        assert(task.departments.length >= 1, `task ${task.number} has no unit`);
        for (const unit of task.departments)
            assert(annex.find_department(unit) !== null, `task ${task.number}: ${unit} does not resolve`);
    }
});

test('task 17 is led by 市发改委', () => {
    const annex = Community.annex_new_dataset();
    const task = annex.get_task(17);
    const lead = annex.get_task_lead(task);
    assert(lead instanceof Community.Department, 'the lead is a department');
    assertEqual(lead.name, '市发改委', 'lead name');
    assertDeepEqual(ids(annex.list_task_units(task)),
        ['市发改委', '市民政局', '市财政局', '市国土局', '市住建局', '市规划局'], 'units of task 17');
});

test('市委政法委 has the alias 市综治办', () => {
    const annex = Community.annex_new_dataset();
    const units = annex.list_task_units(annex.get_task(16));
    assertDeepEqual(ids(units), ['市委政法委', '市公安局', '市民政局', '市司法局', '市相关部门'], 'units of task 16');
    assertDeepEqual(units[0].aliases, ['市综治办', '市委政法委(市综治办)'], 'aliases');
    // The rows keep the unit as the annex writes it (DOMAIN.md §8) ...
    assertEqual(annex.get_task(16).departments[0], '市委政法委(市综治办)', 'row 16');
    assertEqual(annex.get_task(32).departments[0], '市委政法委(市综治办)', 'row 32');
    assertEqual(annex.get_task(20).departments[4], '市综治办', 'row 20');
    assert(ids(annex.list_task_units(annex.get_task(20))).includes('市委政法委'),
        'task 20 refers to 市委政法委');
    // ... and every spelling resolves to the one department, by id only
    // through get_department, by id, name or alias through find_department.
    assertNull(annex.get_department('市综治办'));
    for (const spelling of ['市委政法委', '市综治办', '市委政法委(市综治办)'])
        assertEqual(annex.find_department(spelling), units[0], spelling);
    assertNull(annex.find_department('市不存在局'));
    assertDeepEqual(numbers(annex.list_tasks_led_by('市综治办')), [16, 32], 'led by 市综治办');
    assertDeepEqual(numbers(annex.list_tasks_of('市委政法委')), [16, 20, 32], 'of 市委政法委');
});

test('市民政局 leads 9 tasks and takes part in 27', () => {
    const annex = Community.annex_new_dataset();
    const led = annex.list_tasks_led_by('市民政局');
    const of = annex.list_tasks_of('市民政局');
    assertEqual(led.length, 9, 'tasks led');
    assertEqual(of.length, 27, 'tasks taken part in');
    assertDeepEqual(numbers(led), CIVIL_AFFAIRS_LED, 'tasks led');
    assertDeepEqual(numbers(of), CIVIL_AFFAIRS_OF, 'tasks taken part in');
});

test('department kinds', () => {
    const annex = Community.annex_new_dataset();
    assertEqual(annex.get_department('市妇联').kind, Community.DepartmentKind.MASS_ORGANIZATION, '市妇联');
    assertEqual(annex.get_department('各市(县)区政府').kind,
        Community.DepartmentKind.DISTRICT_COLLECTIVE, '各市(县)区政府');
    assertEqual(annex.get_department('市相关部门').kind, Community.DepartmentKind.GENERIC, '市相关部门');
});

test('the notes name the slips of rows 7, 20 and 31', () => {
    const notes = Community.annex_list_notes();
    assert(notes instanceof Gio.ListModel, 'the notes are a list model');
    const byTask = new Map();
    for (const note of listItems(notes)) {
        assert(note instanceof Community.AnnexNote, 'a note');
        assertEqual(note.get_task(), note.task, 'task');
        assert(['unit_name', 'unit_alias', 'wording'].includes(note.kind), `kind ${note.kind}`);
        assert(note.text.length > 0, 'text');
        byTask.set(note.task, note);
    }
    assertDeepEqual([...byTask.keys()], [7, 20, 30, 31, 38], 'tasks with notes');
    assertEqual(byTask.get(31).kind, 'unit_name', 'kind of the row-31 note');
    assertEqual(byTask.get(31).suggestion, '市经信委', 'suggestion of the row-31 note');
    assertEqual(byTask.get(20).get_kind(), 'unit_alias', 'kind of the row-20 note');
    assertEqual(byTask.get(7).get_suggestion(), '大办制', 'suggestion of the row-7 note');
    assert(annexText(7).includes('大部制'), 'task 7 keeps 大部制');
});

function annexText(number) {
    return Community.annex_new_dataset().get_task(number).text;
}

test('add_to refuses a dataset whose task 5 differs and adds nothing', () => {
    const dataset = Community.Dataset.new();
    dataset.add(new Community.Task({number: 5, departments: ['市纪委']}));
    assertThrowsGLibError(() => Community.annex_add_to(dataset),
        DATASET_ERROR, Community.DatasetError.DUPLICATE);
    assertEqual(dataset.get_items(Community.EntityKind.TASK).get_n_items(), 1, 'tasks');
    assertEqual(dataset.get_items(Community.EntityKind.DEPARTMENT).get_n_items(), 0, 'departments');

    const empty = Community.Dataset.new();
    assert(Community.annex_add_to(empty), 'added to an empty dataset');
    assert(empty.equal(Community.annex_new_dataset()), 'the same as the annex');

    // Equal departments and tasks already held are kept, not refused.
    assert(Community.annex_add_to(empty), 'added a second time');
    assert(empty.equal(Community.annex_new_dataset()), 'still the same as the annex');
});

test('the annex saves and reloads equal', () => {
    const annex = Community.annex_new_dataset();
    const [text] = annex.save_to_data();
    const reloaded = Community.Dataset.new();
    assert(reloaded.load_from_data(new TextEncoder().encode(text)), 'reloaded');
    assert(reloaded.equal(annex), 'equal after the round trip');
});

finish();
