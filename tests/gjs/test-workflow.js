// test-workflow.js: the two workflows of DOMAIN.md §3, from GJS
//
// SPDX-License-Identifier: LGPL-2.1-or-later
//
// Run as an ES module with the build's typelib, e.g.
//
//   GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
//   gjs -m tests/gjs/test-workflow.js
//
// Prints TAP. The expected answers are written out from the diagrams of
// DOMAIN.md §3.

import Community from 'gi://Community?version=1.0';
import GLib from 'gi://GLib';
import Gio from 'gi://Gio';

import {
    test,
    assert,
    assertEqual,
    assertDeepEqual,
    assertThrowsGLibError,
    finish,
} from './common.js';

const WORKFLOW_ERROR = 'community-workflow-error-quark';

// --- Fixtures ---------------------------------------------------------------

function recordNotify(object) {
    const names = [];
    object.connect('notify', (o, pspec) => names.push(pspec.get_name()));
    return names;
}

const CS = Community.ConsultationState;
const WS = Community.WorkItemState;

const CONSULTATION_STATES = [
    CS.PROPOSED, CS.DELIBERATING, CS.CONCLUDED, CS.ADOPTED,
    CS.IMPLEMENTED, CS.REJECTED, CS.FEEDBACK_GIVEN, CS.WITHDRAWN,
];

const NICKS = {
    [CS.PROPOSED]: 'proposed',
    [CS.DELIBERATING]: 'deliberating',
    [CS.CONCLUDED]: 'concluded',
    [CS.ADOPTED]: 'adopted',
    [CS.IMPLEMENTED]: 'implemented',
    [CS.REJECTED]: 'rejected',
    [CS.FEEDBACK_GIVEN]: 'feedback_given',
    [CS.WITHDRAWN]: 'withdrawn',
};

// Every legal step; null is "not started". Every other pair is illegal.
const CONSULTATION_STEPS = [
    [null, CS.PROPOSED],
    [CS.PROPOSED, CS.DELIBERATING],
    [CS.PROPOSED, CS.WITHDRAWN],
    [CS.DELIBERATING, CS.CONCLUDED],
    [CS.DELIBERATING, CS.WITHDRAWN],
    [CS.CONCLUDED, CS.ADOPTED],
    [CS.CONCLUDED, CS.REJECTED],
    [CS.ADOPTED, CS.IMPLEMENTED],
    [CS.IMPLEMENTED, CS.FEEDBACK_GIVEN],
    [CS.REJECTED, CS.FEEDBACK_GIVEN],
];

function isLegal(from, to) {
    return CONSULTATION_STEPS.some(([a, b]) => a === from && b === to);
}

// A legal way to reach each state.
const PATHS = new Map([
    [null, []],
    [CS.PROPOSED, [CS.PROPOSED]],
    [CS.DELIBERATING, [CS.PROPOSED, CS.DELIBERATING]],
    [CS.CONCLUDED, [CS.PROPOSED, CS.DELIBERATING, CS.CONCLUDED]],
    [CS.ADOPTED, [CS.PROPOSED, CS.DELIBERATING, CS.CONCLUDED, CS.ADOPTED]],
    [CS.IMPLEMENTED, [CS.PROPOSED, CS.DELIBERATING, CS.CONCLUDED, CS.ADOPTED, CS.IMPLEMENTED]],
    [CS.REJECTED, [CS.PROPOSED, CS.DELIBERATING, CS.CONCLUDED, CS.REJECTED]],
    [CS.FEEDBACK_GIVEN, [CS.PROPOSED, CS.DELIBERATING, CS.CONCLUDED, CS.REJECTED, CS.FEEDBACK_GIVEN]],
    [CS.WITHDRAWN, [CS.PROPOSED, CS.WITHDRAWN]],
]);

// 2019-03-day at 09:00, Beijing time.
function at(day) {
    return GLib.DateTime.new_from_iso8601(`2019-03-${String(day).padStart(2, '0')}T09:00:00+08:00`, null);
}

function may(day) {
    return GLib.Date.new_dmy(day, GLib.DateMonth.MAY, 2019);
}

function consultationIn(state) {
    const c = Community.Consultation.new('K-1');
    PATHS.get(state).forEach((step, i) => c.transition(step, at(i + 1)));
    return c;
}

function historyLength(c) {
    return c.history === null ? 0 : c.history.get_n_items();
}

function workItem({list = null, delivery = null, state = null} = {}) {
    const item = Community.WorkItem.new('WI-1');
    if (list !== null)
        item.list = list;
    if (delivery !== null)
        item.delivery = delivery;
    if (state !== null)
        item.state = state;
    return item;
}

// --- Consultations ----------------------------------------------------------

test('test_state_can_transition', () => {
    for (const a of CONSULTATION_STATES) {
        for (const b of CONSULTATION_STATES)
            assertEqual(CS.can_transition(a, b), isLegal(a, b), `${NICKS[a]} → ${NICKS[b]}`);
    }
});

for (const from of [null, ...CONSULTATION_STATES]) {
    for (const to of CONSULTATION_STATES) {
        const fromNick = from === null ? '(nothing)' : NICKS[from];
        test(`test_transition ${fromNick} → ${NICKS[to]}`, () => {
            const c = consultationIn(from);
            const n = historyLength(c);
            const notified = recordNotify(c);
            const legal = isLegal(from, to);
            assertEqual(c.can_transition(to), legal, 'can_transition()');

            if (legal) {
                assertEqual(c.transition(to, at(20)), true);
                assertEqual(c.state, to);
                assertEqual(historyLength(c), n + 1);
                const last = c.history.get_item(n);
                assertEqual(last.state, to);
                assert(last.at.equal(at(20)), 'the entry has the wrong time');
                // notify::history only when the history store was created.
                assertDeepEqual(notified.sort(), from === null ? ['history', 'state'] : ['state']);
            } else {
                const error = assertThrowsGLibError(() => c.transition(to, at(20)),
                    WORKFLOW_ERROR, Community.WorkflowError.ILLEGAL_TRANSITION);
                assert(error.message.includes(`“${NICKS[to]}”`), error.message);
                assert(error.message.includes(`“${from === null ? 'proposed' : fromNick}”`), error.message);
                assertEqual(c.is_set('state'), from !== null);
                if (from !== null)
                    assertEqual(c.state, from);
                assertEqual(historyLength(c), n);
                assertDeepEqual(notified, []);
            }
        });
    }
}

test('test_out_of_order', () => {
    const c = consultationIn(CS.DELIBERATING); // the last step on day 2
    const notified = recordNotify(c);
    const changes = [];
    c.history.connect('items-changed', (model, position, removed, added) => changes.push([position, removed, added]));

    assertThrowsGLibError(() => c.transition(CS.CONCLUDED, at(1)),
        WORKFLOW_ERROR, Community.WorkflowError.OUT_OF_ORDER);
    assertEqual(c.state, CS.DELIBERATING);
    assertEqual(historyLength(c), 2);
    assertDeepEqual(notified, []);
    assertDeepEqual(changes, []);

    // The same time as the last step is allowed.
    assertEqual(c.transition(CS.CONCLUDED, at(2)), true);
    assertDeepEqual(notified, ['state']);
    assertDeepEqual(changes, [[2, 0, 1]]);
});

test('test_check_history', () => {
    const c = consultationIn(CS.FEEDBACK_GIVEN);
    // On success: [true, firstBad], and firstBad means nothing.
    const [ok] = c.check_history();
    assertEqual(ok, true);

    c.history.get_item(2).state = CS.ADOPTED;
    const error = assertThrowsGLibError(() => c.check_history(),
        WORKFLOW_ERROR, Community.WorkflowError.ILLEGAL_TRANSITION);
    assert(error.message.startsWith('/history/2: '), error.message);

    const handmade = Community.Consultation.new('K-2');
    const history = Gio.ListStore.new(Community.HistoryEntry);
    history.append(new Community.HistoryEntry({state: CS.PROPOSED, at: at(3)}));
    history.append(new Community.HistoryEntry({state: CS.DELIBERATING, at: at(2)}));
    handmade.history = history;
    handmade.state = CS.DELIBERATING;
    const late = assertThrowsGLibError(() => handmade.check_history(),
        WORKFLOW_ERROR, Community.WorkflowError.OUT_OF_ORDER);
    assert(late.message.startsWith('/history/1: '), late.message);
});

// --- Work items -------------------------------------------------------------

test('test_needs_review', () => {
    const WL = Community.WorkList, D = Community.Delivery;
    assertEqual(workItem({list: WL.STATUTORY_DUTIES}).needs_review(), false);
    assertEqual(workItem({list: WL.ASSISTING_GOVERNMENT}).needs_review(), false);
    assertEqual(workItem({list: WL.NONE, delivery: D.PURCHASED_SERVICE}).needs_review(), false);
    assertEqual(workItem({list: WL.NONE, delivery: D.DIRECT}).needs_review(), true);
    assertEqual(workItem().needs_review(), true); // unset: the stricter path
});

test('test_full_admission', () => {
    const item = workItem({list: Community.WorkList.NONE, delivery: Community.Delivery.DIRECT});
    const notified = recordNotify(item);

    const submittedAt = GLib.DateTime.new_local(2019, 5, 2, 9, 30, 0);
    assertEqual(item.submit(submittedAt), true);
    assertEqual(item.state, WS.SUBMITTED);
    assertEqual(item.can_transition(WS.ADMITTED), false);
    assertEqual(item.can_transition(WS.LEGAL_REVIEW), true);
    assertEqual(item.start_legal_review(submittedAt), true);
    assertEqual(item.state, WS.LEGAL_REVIEW);
    assertEqual(item.record_legal_review(true, may(10)), true);
    assertEqual(item.state, WS.COMMITTEE_REVIEW);
    assertEqual(item.legal_review.approved, true);
    assertEqual(item.legal_review.date.compare(may(10)), 0);
    assertEqual(item.record_approval(Community.ApprovalBody.GOVERNMENT_EXECUTIVE_MEETING, true, may(12)), true);
    assertEqual(item.state, WS.ADMITTED);
    assertEqual(item.approval.body, Community.ApprovalBody.GOVERNMENT_EXECUTIVE_MEETING);
    assertEqual(item.approval.approved, true);
    assertEqual(item.approval.date.get_day(), 12);
    assertDeepEqual(notified.sort(), ['approval', 'history', 'legal-review', 'state', 'state', 'state', 'state']);
    // Every step is in the history, with its time (DOMAIN.md §3).
    const history = [];
    for (let i = 0; i < item.history.get_n_items(); i++) {
        const entry = item.history.get_item(i);
        history.push([entry.state, entry.at.format_iso8601()]);
    }
    const day = d => GLib.DateTime.new_local(2019, 5, d, 0, 0, 0).format_iso8601();
    assertDeepEqual(history, [[WS.SUBMITTED, submittedAt.format_iso8601()],
        [WS.LEGAL_REVIEW, submittedAt.format_iso8601()],
        [WS.COMMITTEE_REVIEW, day(10)], [WS.ADMITTED, day(12)]]);
});

test('test_admit_refused', () => {
    const item = workItem({list: Community.WorkList.NONE});
    item.submit(null);
    const notified = recordNotify(item);
    const error = assertThrowsGLibError(() => item.admit(null),
        WORKFLOW_ERROR, Community.WorkflowError.ILLEGAL_TRANSITION);
    assert(error.message.includes('legal review'), error.message);
    assert(error.message.includes('approval'), error.message);
    assertEqual(item.state, WS.SUBMITTED);
    assertDeepEqual(notified, []);
});

test('test_list_item_admitted_directly', () => {
    const item = workItem({list: Community.WorkList.ASSISTING_GOVERNMENT});
    item.submit(null);
    assertThrowsGLibError(() => item.start_legal_review(null),
        WORKFLOW_ERROR, Community.WorkflowError.ILLEGAL_TRANSITION);
    assertEqual(item.admit(null), true);
    assertEqual(item.state, WS.ADMITTED);
    assertEqual(item.legal_review, null);
});

test('test_approval_out_of_order', () => {
    const item = workItem({list: Community.WorkList.NONE, state: WS.LEGAL_REVIEW});
    item.record_legal_review(true, may(10));
    assertThrowsGLibError(() => item.record_approval(Community.ApprovalBody.PARTY_STANDING_COMMITTEE, false, may(9)),
        WORKFLOW_ERROR, Community.WorkflowError.OUT_OF_ORDER);
    assertEqual(item.state, WS.COMMITTEE_REVIEW);
    assertEqual(item.approval, null);
    assertEqual(item.record_approval(Community.ApprovalBody.PARTY_STANDING_COMMITTEE, false, null), true);
    assertEqual(item.state, WS.REJECTED);
});

// --- Plan -------------------------------------------------------------------

finish();
