// test-privacy.js: exporting with personal data kept, masked or dropped
//
// SPDX-License-Identifier: LGPL-2.1-or-later

import Community from 'gi://Community?version=1.0';
import GLib from 'gi://GLib';
import System from 'system';

const SAMPLE = GLib.getenv('COMMUNITY_SAMPLE') ?? 'examples/data/wuxi-sample.json';

const tests = [];
function test(name, fn) {
    tests.push([name, fn]);
}
function assertEqual(actual, expected, what) {
    if (actual !== expected)
        throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function loadSample() {
    const dataset = Community.Dataset.new();
    dataset.load_from_file(SAMPLE);
    const [, bytes] = GLib.file_get_contents(SAMPLE);
    return [dataset, JSON.parse(new TextDecoder().decode(bytes))];
}

test('mask functions use the default lengths', () => {
    const privacy = Community.Privacy.new(Community.PrivacyMode.MASK);
    assertEqual(privacy.mask_id_number('110102199101010078'), '110102********0078', 'id number');
    assertEqual(privacy.mask_phone('13912345678'), '139****5678', 'phone');
    assertEqual(privacy.mask_name('张三丰'), '张*', 'name');
    privacy.id_number_tail = 2;
    assertEqual(privacy.mask_id_number('110102199101010078'), '110102**********78', 'shorter tail');
});

test('a masked save hides every ID number and phone', () => {
    const [dataset, doc] = loadSample();
    const privacy = Community.Privacy.new(Community.PrivacyMode.MASK);
    const [text] = dataset.save_to_data_full(privacy);
    let checked = 0;
    for (const worker of doc.workers) {
        for (const key of ['id_number', 'phone']) {
            if (worker[key] === undefined)
                continue;
            if (text.includes(worker[key]))
                throw new Error(`${key} of ${worker.id} is in the masked output`);
            checked++;
        }
    }
    if (checked < 100)
        throw new Error(`only ${checked} values checked`);
});

test('a dropped save has no personal members', () => {
    const [dataset] = loadSample();
    const privacy = Community.Privacy.new(Community.PrivacyMode.DROP);
    const saved = JSON.parse(dataset.save_to_data_full(privacy)[0]);
    for (const worker of saved.workers) {
        for (const key of ['name', 'id_number', 'phone']) {
            if (key in worker)
                throw new Error(`${worker.id} still has ${key}`);
        }
    }
});

let failed = 0;
print(`1..${tests.length}`);
tests.forEach(([name, fn], i) => {
    try {
        fn();
        print(`ok ${i + 1} - ${name}`);
    } catch (e) {
        failed++;
        print(`not ok ${i + 1} - ${name}`);
        for (const line of String(e.stack ? `${e}\n${e.stack}` : e).split('\n'))
            print(`# ${line}`);
    }
});
if (failed > 0)
    System.exit(1);
