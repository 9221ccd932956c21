#!/usr/bin/python3
# test_workflow.py: the two workflows of DOMAIN.md §3, from Python
#
# SPDX-License-Identifier: LGPL-2.1-or-later
#
# Run with the system Python and the build's typelib, e.g.
#
#   GI_TYPELIB_PATH=_build/lib LD_LIBRARY_PATH=_build/lib \
#   /usr/bin/python3 tests/python/test_workflow.py
#
# The expected answers are written out from the diagrams of DOMAIN.md §3.

import unittest

import gi

gi.require_version("Community", "1.0")
gi.require_version("Gio", "2.0")
gi.require_version("GLib", "2.0")
from gi.repository import Community, Gio, GLib  # noqa: E402

import taprunner  # noqa: E402

WORKFLOW_ERROR = "community-workflow-error-quark"

CS = Community.ConsultationState
WS = Community.WorkItemState

CONSULTATION_STATES = [
    CS.PROPOSED, CS.DELIBERATING, CS.CONCLUDED, CS.ADOPTED,
    CS.IMPLEMENTED, CS.REJECTED, CS.FEEDBACK_GIVEN, CS.WITHDRAWN,
]

# Every legal step; None is "not started". Every other pair is illegal.
CONSULTATION_STEPS = {
    (None, CS.PROPOSED),
    (CS.PROPOSED, CS.DELIBERATING),
    (CS.PROPOSED, CS.WITHDRAWN),
    (CS.DELIBERATING, CS.CONCLUDED),
    (CS.DELIBERATING, CS.WITHDRAWN),
    (CS.CONCLUDED, CS.ADOPTED),
    (CS.CONCLUDED, CS.REJECTED),
    (CS.ADOPTED, CS.IMPLEMENTED),
    (CS.IMPLEMENTED, CS.FEEDBACK_GIVEN),
    (CS.REJECTED, CS.FEEDBACK_GIVEN),
}

# A legal way to reach each state.
PATHS = {
    None: [],
    CS.PROPOSED: [CS.PROPOSED],
    CS.DELIBERATING: [CS.PROPOSED, CS.DELIBERATING],
    CS.CONCLUDED: [CS.PROPOSED, CS.DELIBERATING, CS.CONCLUDED],
    CS.ADOPTED: [CS.PROPOSED, CS.DELIBERATING, CS.CONCLUDED, CS.ADOPTED],
    CS.IMPLEMENTED: [CS.PROPOSED, CS.DELIBERATING, CS.CONCLUDED, CS.ADOPTED, CS.IMPLEMENTED],
    CS.REJECTED: [CS.PROPOSED, CS.DELIBERATING, CS.CONCLUDED, CS.REJECTED],
    CS.FEEDBACK_GIVEN: [CS.PROPOSED, CS.DELIBERATING, CS.CONCLUDED, CS.REJECTED, CS.FEEDBACK_GIVEN],
    CS.WITHDRAWN: [CS.PROPOSED, CS.WITHDRAWN],
}


def at(day, hour=9):
    """2019-03-@day at @hour:00, Beijing time."""
    return GLib.DateTime.new_from_iso8601("2019-03-%02dT%02d:00:00+08:00" % (day, hour), None)


def may(day):
    return GLib.Date.new_dmy(day, GLib.DateMonth.MAY, 2019)


def nick(state):
    return state.value_nick


def consultation_in(state):
    """A consultation that reached @state by legal steps, one a day."""
    c = Community.Consultation.new("K-1")
    for day, step in enumerate(PATHS[state], 1):
        c.transition(step, at(day))
    return c


def history_len(c):
    history = c.props.history
    return 0 if history is None else history.get_n_items()


class WorkflowTestCase(unittest.TestCase):
    def assertWorkflowError(self, ctx, code):
        error = ctx.exception
        self.assertIsInstance(error, GLib.GError)
        self.assertEqual(error.domain, WORKFLOW_ERROR)
        self.assertEqual(error.code, int(code))
        self.assertTrue(error.matches(Community.workflow_error_quark(), code))
        return error

    def recordNotify(self, obj):
        names = []
        obj.connect("notify", lambda o, pspec: names.append(pspec.name))
        return names


class ConsultationTestCase(WorkflowTestCase):
    def test_state_can_transition(self):
        for a in CONSULTATION_STATES:
            for b in CONSULTATION_STATES:
                with self.subTest(frm=nick(a), to=nick(b)):
                    self.assertEqual(CS.can_transition(a, b), (a, b) in CONSULTATION_STEPS)

    def test_transition_every_pair(self):
        for frm in [None] + CONSULTATION_STATES:
            for to in CONSULTATION_STATES:
                with self.subTest(frm=frm and nick(frm), to=nick(to)):
                    self.check_transition(frm, to)

    def check_transition(self, frm, to):
        c = consultation_in(frm)
        n = history_len(c)
        notified = self.recordNotify(c)
        legal = (frm, to) in CONSULTATION_STEPS
        self.assertEqual(c.can_transition(to), legal)

        if legal:
            self.assertTrue(c.transition(to, at(20)))
            self.assertEqual(c.props.state, to)
            self.assertEqual(history_len(c), n + 1)
            last = c.props.history.get_item(n)
            self.assertEqual(last.props.state, to)
            self.assertTrue(last.props.at.equal(at(20)))
            # notify::history only when the history store was created.
            self.assertEqual(sorted(notified), ["history", "state"] if frm is None else ["state"])
        else:
            with self.assertRaises(GLib.GError) as ctx:
                c.transition(to, at(20))
            error = self.assertWorkflowError(ctx, Community.WorkflowError.ILLEGAL_TRANSITION)
            self.assertIn("“%s”" % nick(to), error.message)
            self.assertIn("“%s”" % nick(frm if frm is not None else CS.PROPOSED), error.message)
            self.assertEqual(c.is_set("state"), frm is not None)
            if frm is not None:
                self.assertEqual(c.props.state, frm)
            self.assertEqual(history_len(c), n)
            self.assertEqual(notified, [])

    def test_message(self):
        c = consultation_in(CS.PROPOSED)
        with self.assertRaises(GLib.GError) as ctx:
            c.transition(CS.ADOPTED, None)
        self.assertTrue(ctx.exception.message.startswith(
            "a consultation cannot go from “proposed” to “adopted”"))

    def test_out_of_order(self):
        c = consultation_in(CS.DELIBERATING)  # the last step on day 2
        notified = self.recordNotify(c)
        changes = []
        c.props.history.connect("items-changed", lambda *args: changes.append(args[1:]))

        with self.assertRaises(GLib.GError) as ctx:
            c.transition(CS.CONCLUDED, at(1))
        self.assertWorkflowError(ctx, Community.WorkflowError.OUT_OF_ORDER)
        self.assertEqual(c.props.state, CS.DELIBERATING)
        self.assertEqual(history_len(c), 2)
        self.assertEqual(notified, [])
        self.assertEqual(changes, [])

        # The same time as the last step is allowed.
        self.assertTrue(c.transition(CS.CONCLUDED, at(2)))
        self.assertEqual(notified, ["state"])
        self.assertEqual(changes, [(2, 0, 1)])

    def test_now(self):
        before = GLib.DateTime.new_now_local()
        c = Community.Consultation.new("K-1")
        c.transition(CS.PROPOSED, None)
        self.assertGreaterEqual(c.props.history.get_item(0).props.at.compare(before), 0)

    def test_check_history(self):
        c = consultation_in(CS.FEEDBACK_GIVEN)
        # On success: True, and first_bad means nothing.
        ok, _ = c.check_history()
        self.assertTrue(ok)

        # Break the third entry: the error names it by its JSON Pointer.
        c.props.history.get_item(2).props.state = CS.ADOPTED
        with self.assertRaises(GLib.GError) as ctx:
            c.check_history()
        error = self.assertWorkflowError(ctx, Community.WorkflowError.ILLEGAL_TRANSITION)
        self.assertTrue(error.message.startswith("/history/2: "), error.message)

        # Times out of order.
        c = consultation_in(CS.CONCLUDED)
        c.props.history.get_item(1).props.at = at(5)
        with self.assertRaises(GLib.GError) as ctx:
            c.check_history()
        error = self.assertWorkflowError(ctx, Community.WorkflowError.OUT_OF_ORDER)
        self.assertTrue(error.message.startswith("/history/2: "), error.message)

        # A history that does not end in the state.
        c = consultation_in(CS.CONCLUDED)
        c.props.state = CS.ADOPTED
        with self.assertRaises(GLib.GError) as ctx:
            c.check_history()
        error = self.assertWorkflowError(ctx, Community.WorkflowError.ILLEGAL_TRANSITION)
        self.assertTrue(error.message.startswith("/history/2: "), error.message)

    def test_history_built_by_hand(self):
        c = Community.Consultation.new("K-1")
        history = Gio.ListStore.new(Community.HistoryEntry)
        history.append(Community.HistoryEntry(state=CS.PROPOSED, at=at(1)))
        history.append(Community.HistoryEntry(state=CS.WITHDRAWN, at=at(3)))
        c.props.history = history
        c.props.state = CS.WITHDRAWN
        ok, _ = c.check_history()
        self.assertTrue(ok)
        with self.assertRaises(GLib.GError) as ctx:
            c.transition(CS.DELIBERATING, at(4))
        self.assertIn("“withdrawn” is final", ctx.exception.message)


def work_item(lst=None, delivery=None, state=None):
    item = Community.WorkItem.new("WI-1")
    if lst is not None:
        item.props.list = lst
    if delivery is not None:
        item.props.delivery = delivery
    if state is not None:
        item.props.state = state
    return item


class WorkItemTestCase(WorkflowTestCase):
    def test_needs_review(self):
        WL, D = Community.WorkList, Community.Delivery
        self.assertFalse(work_item(WL.STATUTORY_DUTIES).needs_review())
        self.assertFalse(work_item(WL.ASSISTING_GOVERNMENT).needs_review())
        self.assertFalse(work_item(WL.NONE, D.PURCHASED_SERVICE).needs_review())
        self.assertTrue(work_item(WL.NONE, D.DIRECT).needs_review())
        self.assertTrue(work_item().needs_review())  # unset: the stricter path

    def test_full_admission(self):
        item = work_item(Community.WorkList.NONE, Community.Delivery.DIRECT)
        notified = self.recordNotify(item)

        submitted_at = GLib.DateTime.new_local(2019, 5, 2, 9, 30, 0)
        self.assertTrue(item.submit(submitted_at))
        self.assertEqual(item.props.state, WS.SUBMITTED)
        self.assertTrue(item.can_transition(WS.LEGAL_REVIEW))
        self.assertFalse(item.can_transition(WS.ADMITTED))
        self.assertTrue(item.start_legal_review(submitted_at))
        self.assertEqual(item.props.state, WS.LEGAL_REVIEW)
        self.assertTrue(item.record_legal_review(True, may(10)))
        self.assertEqual(item.props.state, WS.COMMITTEE_REVIEW)
        self.assertTrue(item.props.legal_review.props.approved)
        self.assertEqual(item.props.legal_review.props.date.compare(may(10)), 0)
        body = Community.ApprovalBody.PARTY_STANDING_COMMITTEE
        self.assertTrue(item.record_approval(body, True, may(12)))
        self.assertEqual(item.props.state, WS.ADMITTED)
        approval = item.props.approval
        self.assertEqual(approval.props.body, body)
        self.assertTrue(approval.props.approved)
        self.assertEqual(approval.props.date.get_day(), 12)

        self.assertEqual(sorted(notified),
                         ["approval", "history", "legal-review", "state", "state", "state", "state"])
        # Every step is in the history, with its time (DOMAIN.md §3).
        history = [(e.props.state, e.props.at.format_iso8601()) for e in item.props.history]
        day = lambda d: GLib.DateTime.new_local(2019, 5, d, 0, 0, 0).format_iso8601()
        self.assertEqual(history, [(WS.SUBMITTED, submitted_at.format_iso8601()),
                                   (WS.LEGAL_REVIEW, submitted_at.format_iso8601()),
                                   (WS.COMMITTEE_REVIEW, day(10)),
                                   (WS.ADMITTED, day(12))])

    def test_rejected_by_legal_review(self):
        item = work_item(Community.WorkList.NONE, state=WS.LEGAL_REVIEW)
        self.assertTrue(item.record_legal_review(False, may(3)))
        self.assertEqual(item.props.state, WS.REJECTED)
        self.assertFalse(item.props.legal_review.props.approved)
        self.assertTrue(item.props.legal_review.is_set("approved"))
        for to in [WS.SUBMITTED, WS.LEGAL_REVIEW, WS.COMMITTEE_REVIEW, WS.ADMITTED, WS.REJECTED]:
            self.assertFalse(item.can_transition(to))

    def test_admit_refused(self):
        item = work_item(Community.WorkList.NONE, Community.Delivery.DIRECT)
        item.submit(None)
        notified = self.recordNotify(item)
        with self.assertRaises(GLib.GError) as ctx:
            item.admit(None)
        error = self.assertWorkflowError(ctx, Community.WorkflowError.ILLEGAL_TRANSITION)
        self.assertIn("legal review", error.message)
        self.assertIn("approval", error.message)
        self.assertEqual(item.props.state, WS.SUBMITTED)
        self.assertEqual(notified, [])

    def test_list_item_admitted_directly(self):
        for item in [work_item(Community.WorkList.STATUTORY_DUTIES),
                     work_item(Community.WorkList.NONE, Community.Delivery.PURCHASED_SERVICE)]:
            item.submit(None)
            with self.assertRaises(GLib.GError) as ctx:
                item.start_legal_review(None)
            self.assertWorkflowError(ctx, Community.WorkflowError.ILLEGAL_TRANSITION)
            self.assertTrue(item.admit(None))
            self.assertEqual(item.props.state, WS.ADMITTED)
            self.assertIsNone(item.props.legal_review)

    def test_approval_out_of_order(self):
        item = work_item(Community.WorkList.NONE)
        submitted_at = GLib.DateTime.new_local(2019, 5, 2, 9, 30, 0)
        item.submit(submitted_at)
        item.start_legal_review(submitted_at)
        item.record_legal_review(True, may(10))
        with self.assertRaises(GLib.GError) as ctx:
            item.record_approval(Community.ApprovalBody.GOVERNMENT_EXECUTIVE_MEETING, True, may(9))
        self.assertWorkflowError(ctx, Community.WorkflowError.OUT_OF_ORDER)
        self.assertEqual(item.props.state, WS.COMMITTEE_REVIEW)
        self.assertIsNone(item.props.approval)

    def test_submit_twice(self):
        item = work_item(Community.WorkList.STATUTORY_DUTIES)
        item.submit(None)
        with self.assertRaises(GLib.GError) as ctx:
            item.submit(None)
        self.assertWorkflowError(ctx, Community.WorkflowError.ILLEGAL_TRANSITION)


if __name__ == "__main__":
    taprunner.main()
