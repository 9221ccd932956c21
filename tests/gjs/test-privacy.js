// test-privacy.js: exporting with personal data kept, masked or dropped
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Run as an ES module with the build's typelib, e.g.
//
//   GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
//   COMMUNITY_SAMPLE=examples/data/wuxi-sample.json \
//   gjs -m tests/gjs/test-privacy.js
//
// Prints TAP.

import Community from 'gi://Community?version=1.0';

import {
    test,
    assert,
    assertEqual,
    loadSample,
    sampleJson,
    finish,
} from './common.js';

test('mask functions use the default lengths', () => {
    const privacy = Community.Privacy.new(Community.PrivacyMode.MASK);
    assertEqual(privacy.mask_id_number('110102199101010078'), '110102********0078', 'id number');
    assertEqual(privacy.mask_phone('13912345678'), '139****5678', 'phone');
    assertEqual(privacy.mask_name('张三丰'), '张*', 'name');
    privacy.id_number_tail = 2;
    assertEqual(privacy.mask_id_number('110102199101010078'), '110102**********78', 'shorter tail');
});

test('a masked save hides every ID number and phone', () => {
    const dataset = loadSample();
    const doc = sampleJson();
    const privacy = Community.Privacy.new(Community.PrivacyMode.MASK);
    const [text] = dataset.save_to_data_full(privacy);
    let checked = 0;
    for (const worker of doc.workers) {
        for (const key of ['id_number', 'phone']) {
            if (worker[key] === undefined)
                continue;
            assert(!text.includes(worker[key]), `${key} of ${worker.id} is in the masked output`);
            checked++;
        }
    }
    assert(checked >= 100, `only ${checked} values checked`);
});

test('a dropped save has no personal members', () => {
    const dataset = loadSample();
    const privacy = Community.Privacy.new(Community.PrivacyMode.DROP);
    const saved = JSON.parse(dataset.save_to_data_full(privacy)[0]);
    for (const worker of saved.workers) {
        for (const key of ['name', 'id_number', 'phone'])
            assert(!(key in worker), `${worker.id} still has ${key}`);
    }
});

// --- Plan -------------------------------------------------------------------

finish();
