/* test-workflow.c: the two workflows of DOMAIN.md §3
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Table-driven: every pair of consultation states (plus "not started") goes
 * through community_consultation_transition(), every step of the admission
 * procedure is tried from every work-item state under each kind of item, and
 * the history checker is run over a table of histories. The expected answers
 * are written out literally below, from the diagrams of DOMAIN.md §3, rather
 * than computed the way the library computes them.
 */

#include "test-common.h"

/* --- Shared helpers -------------------------------------------------------- */

/* "Not started": the state property is unset (and the history empty). */
#define NOTHING (-1)

#define CS(state) COMMUNITY_CONSULTATION_STATE_##state
#define WS(state) COMMUNITY_WORK_ITEM_STATE_##state
#define PARTY_COMMITTEE COMMUNITY_APPROVAL_BODY_PARTY_STANDING_COMMITTEE
#define GOVERNMENT_MEETING COMMUNITY_APPROVAL_BODY_GOVERNMENT_EXECUTIVE_MEETING

typedef struct {
  guint notify;             /* any notify:: */
  guint notify_state;
  guint notify_history;
  guint notify_legal_review;
  guint notify_approval;
  guint items_changed;
} Counts;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Counts     *counts)
{
  counts->notify++;
  if (g_str_equal (pspec->name, "state"))
    counts->notify_state++;
  else if (g_str_equal (pspec->name, "history"))
    counts->notify_history++;
  else if (g_str_equal (pspec->name, "legal-review"))
    counts->notify_legal_review++;
  else if (g_str_equal (pspec->name, "approval"))
    counts->notify_approval++;
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Counts     *counts)
{
  counts->items_changed++;
}

/* 2019-03-@day at @hour:00 in Beijing time. */
static GDateTime *
at (int day,
    int hour)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_offset (8 * 3600);

  return g_date_time_new (tz, 2019, 3, day, hour, 0, 0);
}

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  ck_assert_ptr_nonnull (v);
  return v->value_nick;
}

static int
enum_from_nick (GType       type,
                const char *nick)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value_by_nick (klass, nick);

  ck_assert_msg (v != NULL, "no value “%s” in %s", nick, g_type_name (type));
  return v->value;
}

static const char *
cs_nick (int state)
{
  return state == NOTHING ? "(nothing)" : enum_nick (COMMUNITY_TYPE_CONSULTATION_STATE, state);
}

static const char *
ws_nick (int state)
{
  return state == NOTHING ? "(nothing)" : enum_nick (COMMUNITY_TYPE_WORK_ITEM_STATE, state);
}

static CommunityConsultationState
cs_from_nick (const char *nick)
{
  return enum_from_nick (COMMUNITY_TYPE_CONSULTATION_STATE, nick);
}

#define assert_workflow_error(err, cod) \
  G_STMT_START { \
    const GError *_e = (err); \
    ck_assert_msg (_e != NULL, "no error was set"); \
    ck_assert_msg (_e->domain == COMMUNITY_WORKFLOW_ERROR && _e->code == (int) (cod), \
                   "expected %s code %d, got %s code %d: %s", \
                   g_quark_to_string (COMMUNITY_WORKFLOW_ERROR), (int) (cod), \
                   g_quark_to_string (_e->domain), _e->code, _e->message); \
  } G_STMT_END

#define assert_message_names(err, nick) \
  G_STMT_START { \
    g_autofree char *_quoted = g_strdup_printf ("“%s”", (nick)); \
    ck_assert_msg (strstr ((err)->message, _quoted) != NULL, \
                   "the message does not name %s: %s", _quoted, (err)->message); \
  } G_STMT_END

/* --- Consultations: the table ---------------------------------------------- */

#define N_CONSULTATION_STATES (CS (WITHDRAWN) + 1)

/* Every legal step, from DOMAIN.md §3; every other pair is illegal. */
static const struct {
  int from;
  CommunityConsultationState to;
} consultation_steps[] = {
  { NOTHING, CS (PROPOSED) },
  { CS (PROPOSED), CS (DELIBERATING) },
  { CS (PROPOSED), CS (WITHDRAWN) },
  { CS (DELIBERATING), CS (CONCLUDED) },
  { CS (DELIBERATING), CS (WITHDRAWN) },
  { CS (CONCLUDED), CS (ADOPTED) },
  { CS (CONCLUDED), CS (REJECTED) },
  { CS (ADOPTED), CS (IMPLEMENTED) },
  { CS (IMPLEMENTED), CS (FEEDBACK_GIVEN) },
  { CS (REJECTED), CS (FEEDBACK_GIVEN) },
};

static gboolean
consultation_step_expected (int                        from,
                            CommunityConsultationState to)
{
  for (guint i = 0; i < G_N_ELEMENTS (consultation_steps); i++)
    if (consultation_steps[i].from == from && consultation_steps[i].to == to)
      return TRUE;
  return FALSE;
}

static CommunityConsultationState
consultation_state (CommunityConsultation *consultation)
{
  CommunityConsultationState state;

  g_object_get (consultation, "state", &state, NULL);
  return state;
}

static GListModel *
consultation_history (CommunityConsultation *consultation)
{
  GListModel *history = NULL;

  g_object_get (consultation, "history", &history, NULL);
  if (history != NULL)
    g_object_unref (history); /* the consultation holds it */
  return history;
}

static CommunityHistoryEntry *
history_entry_new (CommunityConsultationState state,
                   GDateTime                 *time)
{
  return g_object_new (COMMUNITY_TYPE_HISTORY_ENTRY, "state", state, "at", time, NULL);
}

/* A legal way to reach each state, as the words of a history. */
static const char * const paths_to[N_CONSULTATION_STATES] = {
  [CS (PROPOSED)] = "proposed",
  [CS (DELIBERATING)] = "proposed deliberating",
  [CS (CONCLUDED)] = "proposed deliberating concluded",
  [CS (ADOPTED)] = "proposed deliberating concluded adopted",
  [CS (IMPLEMENTED)] = "proposed deliberating concluded adopted implemented",
  [CS (REJECTED)] = "proposed deliberating concluded rejected",
  [CS (FEEDBACK_GIVEN)] = "proposed deliberating concluded rejected feedback_given",
  [CS (WITHDRAWN)] = "proposed withdrawn",
};

/* A consultation in @from, with a legal history that reaches it, one entry a
 * day, the last on 2019-03-10 09:00. */
static CommunityConsultation *
consultation_in (int from)
{
  CommunityConsultation *consultation = community_consultation_new ("K-1");

  if (from != NOTHING)
    {
      g_autoptr(GListStore) history = g_list_store_new (COMMUNITY_TYPE_HISTORY_ENTRY);
      g_auto(GStrv) words = g_strsplit (paths_to[from], " ", -1);
      guint n = g_strv_length (words);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GDateTime) time = at (10 - (n - 1 - i), 9);
          g_autoptr(CommunityHistoryEntry) entry =
            history_entry_new (cs_from_nick (words[i]), time);

          g_list_store_append (history, entry);
        }
      g_object_set (consultation, "state", from, "history", history, NULL);
      ck_assert (community_consultation_check_history (consultation, NULL, NULL));
    }

  return consultation;
}

START_TEST (test_consultation_state_table)
{
  for (int from = 0; from < N_CONSULTATION_STATES; from++)
    for (int to = 0; to < N_CONSULTATION_STATES; to++)
      ck_assert_msg (community_consultation_state_can_transition (from, to) ==
                     consultation_step_expected (from, to),
                     "can_transition (%s, %s)",
                     cs_nick (from),
                     cs_nick (to));

  /* Values outside the enumeration lead nowhere. */
  ck_assert (!community_consultation_state_can_transition (N_CONSULTATION_STATES,
                                                           CS (PROPOSED)));
  ck_assert (!community_consultation_state_can_transition (CS (PROPOSED), 99));
  ck_assert (!community_consultation_state_can_transition (-1, CS (PROPOSED)));
}
END_TEST

/* _i runs over (from, to): from = _i / N - 1 (NOTHING first), to = _i % N. */
START_TEST (test_consultation_transition)
{
  int from = (int) (_i / N_CONSULTATION_STATES) - 1;
  CommunityConsultationState to = _i % N_CONSULTATION_STATES;
  const char *to_nick = cs_nick (to);
  const char *from_nick = cs_nick (from);
  gboolean expected = consultation_step_expected (from, to);
  CommunityConsultation *consultation = consultation_in (from);
  GListModel *history_before = consultation_history (consultation);
  guint n_before = history_before != NULL ? g_list_model_get_n_items (history_before) : 0;
  g_autoptr(GDateTime) time = at (11, 15);
  g_autoptr(GError) error = NULL;
  Counts counts = { 0 };
  gboolean ok;

  g_signal_connect (consultation, "notify", G_CALLBACK (on_notify), &counts);
  if (history_before != NULL)
    g_signal_connect (history_before, "items-changed", G_CALLBACK (on_items_changed), &counts);

  ck_assert_msg (community_consultation_can_transition (consultation, to) == expected,
                 "can_transition from %s to %s", from_nick, to_nick);
  if (from != NOTHING)
    ck_assert (community_consultation_state_can_transition (from, to) == expected);

  ok = community_consultation_transition (consultation, to, time, &error);

  if (expected)
    {
      GListModel *history = consultation_history (consultation);
      g_autoptr(CommunityHistoryEntry) last = NULL;
      g_autoptr(GDateTime) last_at = NULL;
      CommunityConsultationState last_state;

      ck_assert_msg (ok, "%s → %s was refused: %s", from_nick, to_nick,
                     error != NULL ? error->message : "(no error)");
      ck_assert_ptr_null (error);
      ck_assert (community_record_is_set (COMMUNITY_RECORD (consultation), "state"));
      ck_assert_int_eq (consultation_state (consultation), to);

      /* The history grew by one entry, {to, time}. */
      ck_assert_ptr_nonnull (history);
      ck_assert_uint_eq (g_list_model_get_n_items (history), n_before + 1);
      last = g_list_model_get_item (history, n_before);
      g_object_get (last, "state", &last_state, "at", &last_at, NULL);
      ck_assert_int_eq (last_state, to);
      ck_assert (g_date_time_equal (last_at, time));

      /* notify::state once; notify::history only when the store is new;
       * items-changed on a store that existed. */
      ck_assert_uint_eq (counts.notify_state, 1);
      if (history_before == NULL)
        {
          ck_assert_uint_eq (counts.notify_history, 1);
          ck_assert_uint_eq (counts.notify, 2);
        }
      else
        {
          ck_assert_ptr_eq (history, history_before);
          ck_assert_uint_eq (counts.notify_history, 0);
          ck_assert_uint_eq (counts.notify, 1);
          ck_assert_uint_eq (counts.items_changed, 1);
        }

      ck_assert (community_consultation_check_history (consultation, NULL, NULL));
    }
  else
    {
      ck_assert_msg (!ok, "%s → %s was accepted", from_nick, to_nick);
      assert_workflow_error (error, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION);
      assert_message_names (error, to_nick);
      assert_message_names (error, from == NOTHING ? "proposed" : from_nick);

      /* Nothing changed. */
      ck_assert_ptr_eq (consultation_history (consultation), history_before);
      if (from == NOTHING)
        ck_assert (!community_record_is_set (COMMUNITY_RECORD (consultation), "state"));
      else
        ck_assert_int_eq (consultation_state (consultation), from);
      if (history_before != NULL)
        ck_assert_uint_eq (g_list_model_get_n_items (history_before), n_before);
      ck_assert_uint_eq (counts.notify, 0);
      ck_assert_uint_eq (counts.items_changed, 0);
    }

  if (history_before != NULL)
    g_signal_handlers_disconnect_by_data (history_before, &counts);
  community_test_assert_finalized (consultation);
}
END_TEST

START_TEST (test_consultation_message)
{
  g_autoptr(CommunityConsultation) consultation = consultation_in (CS (PROPOSED));
  g_autoptr(CommunityConsultation) fresh = community_consultation_new ("K-2");
  g_autoptr(CommunityConsultation) done = consultation_in (CS (WITHDRAWN));
  g_autoptr(GError) error = NULL;

  ck_assert (!community_consultation_transition (consultation, CS (ADOPTED),
                                                 NULL, &error));
  ck_assert_pstr_eq (error->message,
                     "a consultation cannot go from “proposed” to “adopted”; "
                     "from “proposed” it goes to “deliberating” or “withdrawn”");
  g_clear_error (&error);

  ck_assert (!community_consultation_transition (fresh, CS (DELIBERATING),
                                                 NULL, &error));
  ck_assert_pstr_eq (error->message, "a consultation starts in “proposed”, not in “deliberating”");
  g_clear_error (&error);

  ck_assert (!community_consultation_transition (done, CS (PROPOSED),
                                                 NULL, &error));
  ck_assert_pstr_eq (error->message,
                     "a consultation cannot go from “withdrawn” to “proposed”: "
                     "“withdrawn” is final");
}
END_TEST

START_TEST (test_consultation_out_of_order)
{
  CommunityConsultation *consultation = consultation_in (CS (PROPOSED));
  GListModel *history = consultation_history (consultation);
  g_autoptr(GDateTime) earlier = g_date_time_new_from_iso8601 ("2019-03-10T08:59:59+08:00", NULL);
  g_autoptr(GDateTime) same_instant = g_date_time_new_from_iso8601 ("2019-03-10T01:00:00Z", NULL);
  g_autoptr(GDateTime) later = at (12, 9);
  g_autoptr(GError) error = NULL;
  Counts counts = { 0 };

  g_signal_connect (consultation, "notify", G_CALLBACK (on_notify), &counts);
  g_signal_connect (history, "items-changed", G_CALLBACK (on_items_changed), &counts);

  /* One second before the last entry: refused, nothing changed. */
  ck_assert (!community_consultation_transition (consultation, CS (DELIBERATING),
                                                 earlier, &error));
  assert_workflow_error (error, COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER);
  ck_assert_ptr_nonnull (strstr (error->message, "2019-03-10T08:59:59+08"));
  ck_assert_int_eq (consultation_state (consultation), CS (PROPOSED));
  ck_assert_uint_eq (g_list_model_get_n_items (history), 1);
  ck_assert_uint_eq (counts.notify, 0);
  ck_assert_uint_eq (counts.items_changed, 0);
  g_clear_error (&error);

  /* Illegal and early: the illegal step is what is reported. */
  ck_assert (!community_consultation_transition (consultation, CS (ADOPTED),
                                                 earlier, &error));
  assert_workflow_error (error, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION);
  g_clear_error (&error);
  ck_assert_uint_eq (counts.notify, 0);

  /* The same instant, written in another offset, is allowed. */
  ck_assert (community_consultation_transition (consultation, CS (DELIBERATING),
                                                same_instant, &error));
  ck_assert_ptr_null (error);
  ck_assert_uint_eq (g_list_model_get_n_items (history), 2);

  /* And again at that same time: two steps in one meeting. */
  ck_assert (community_consultation_transition (consultation, CS (CONCLUDED),
                                                same_instant, &error));
  ck_assert (community_consultation_transition (consultation, CS (ADOPTED),
                                                later, &error));
  ck_assert_uint_eq (g_list_model_get_n_items (history), 4);
  ck_assert_uint_eq (counts.notify_state, 3);
  ck_assert_uint_eq (counts.notify_history, 0);
  ck_assert_uint_eq (counts.items_changed, 3);
  ck_assert (community_consultation_check_history (consultation, NULL, NULL));

  g_signal_handlers_disconnect_by_data (history, &counts);
  community_test_assert_finalized (consultation);
}
END_TEST

START_TEST (test_consultation_full_path)
{
  static const CommunityConsultationState path[] = {
    CS (PROPOSED),
    CS (DELIBERATING),
    CS (CONCLUDED),
    CS (ADOPTED),
    CS (IMPLEMENTED),
    CS (FEEDBACK_GIVEN),
  };
  CommunityConsultation *consultation = community_consultation_new ("K-1");
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) now_at = NULL;
  g_autoptr(CommunityHistoryEntry) last = NULL;
  JsonObject *object;
  JsonArray *written;
  Counts counts = { 0 };

  g_signal_connect (consultation, "notify", G_CALLBACK (on_notify), &counts);

  for (guint i = 0; i + 1 < G_N_ELEMENTS (path); i++)
    {
      g_autoptr(GDateTime) time = at (1 + i, 9);
      g_autoptr(GError) error = NULL;

      ck_assert_msg (community_consultation_transition (consultation, path[i], time, &error),
                     "step %u: %s", i, error != NULL ? error->message : "");
    }
  /* The last step is taken now. */
  ck_assert (community_consultation_transition (consultation, path[G_N_ELEMENTS (path) - 1],
                                                NULL, NULL));

  ck_assert_uint_eq (counts.notify_state, G_N_ELEMENTS (path));
  ck_assert_uint_eq (counts.notify_history, 1);
  ck_assert_uint_eq (g_list_model_get_n_items (consultation_history (consultation)),
                     G_N_ELEMENTS (path));
  last = g_list_model_get_item (consultation_history (consultation), G_N_ELEMENTS (path) - 1);
  g_object_get (last, "at", &now_at, NULL);
  ck_assert_int_ge (g_date_time_compare (now_at, before), 0);
  ck_assert (community_consultation_check_history (consultation, NULL, NULL));

  /* Nothing leads on from feedback_given. */
  for (int to = 0; to < N_CONSULTATION_STATES; to++)
    ck_assert (!community_consultation_can_transition (consultation, to));

  /* The dataset format writes the history. */
  node = community_record_to_json (COMMUNITY_RECORD (consultation));
  object = json_node_get_object (node);
  ck_assert_str_eq (json_object_get_string_member (object, "state"), "feedback_given");
  written = json_object_get_array_member (object, "history");
  ck_assert_uint_eq (json_array_get_length (written), G_N_ELEMENTS (path));
  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    ck_assert_str_eq (json_object_get_string_member (json_array_get_object_element (written, i),
                                                     "state"),
                      cs_nick (path[i]));

  community_test_assert_finalized (consultation);
}
END_TEST

/* With the state unset, a step starts from the last entry of the history. */
START_TEST (test_consultation_state_from_history)
{
  CommunityConsultation *consultation = consultation_in (CS (DELIBERATING));
  g_autoptr(GDateTime) time = at (20, 9);
  g_autoptr(GError) error = NULL;
  Counts counts = { 0 };

  community_record_unset (COMMUNITY_RECORD (consultation), "state");
  g_signal_connect (consultation, "notify", G_CALLBACK (on_notify), &counts);

  ck_assert (!community_consultation_can_transition (consultation, CS (PROPOSED)));
  ck_assert (!community_consultation_transition (consultation, CS (PROPOSED),
                                                 time, &error));
  assert_workflow_error (error, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION);
  assert_message_names (error, "deliberating");
  ck_assert (!community_record_is_set (COMMUNITY_RECORD (consultation), "state"));
  ck_assert_uint_eq (counts.notify, 0);

  ck_assert (community_consultation_transition (consultation, CS (CONCLUDED),
                                                time, NULL));
  ck_assert_int_eq (consultation_state (consultation), CS (CONCLUDED));
  ck_assert_uint_eq (counts.notify_state, 1);
  ck_assert_uint_eq (g_list_model_get_n_items (consultation_history (consultation)), 3);
  ck_assert (community_consultation_check_history (consultation, NULL, NULL));

  community_test_assert_finalized (consultation);
}
END_TEST

/* A history that is not a store of history entries is replaced, entries
 * kept: notify::history then fires. */
START_TEST (test_consultation_history_replaced)
{
  CommunityConsultation *consultation = community_consultation_new ("K-1");
  g_autoptr(GListStore) reviews = g_list_store_new (COMMUNITY_TYPE_REVIEW);
  g_autoptr(GListStore) objects = g_list_store_new (G_TYPE_OBJECT);
  Counts counts = { 0 };

  g_object_set (consultation, "history", reviews, NULL);
  g_signal_connect (consultation, "notify", G_CALLBACK (on_notify), &counts);
  ck_assert (community_consultation_transition (consultation, CS (PROPOSED),
                                                NULL, NULL));
  ck_assert_ptr_ne (consultation_history (consultation), G_LIST_MODEL (reviews));
  ck_assert_uint_eq (g_list_model_get_n_items (consultation_history (consultation)), 1);
  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (reviews)), 0);
  ck_assert_uint_eq (counts.notify_history, 1);
  ck_assert_uint_eq (counts.notify_state, 1);

  /* A store of a parent type takes entries in place. */
  g_object_set (consultation, "history", objects, NULL);
  community_record_unset (COMMUNITY_RECORD (consultation), "state");
  counts = (Counts) { 0 };
  ck_assert (community_consultation_transition (consultation, CS (PROPOSED),
                                                NULL, NULL));
  ck_assert_ptr_eq (consultation_history (consultation), G_LIST_MODEL (objects));
  ck_assert_uint_eq (g_list_model_get_n_items (G_LIST_MODEL (objects)), 1);
  ck_assert_uint_eq (counts.notify_history, 0);

  g_signal_handlers_disconnect_by_data (consultation, &counts);
  community_test_assert_finalized (consultation);
}
END_TEST

/* --- Consultations: the history checker ------------------------------------ */

typedef struct {
  const char *name;
  /* "state@day" words; "@day" alone is an entry without a state, "state"
   * alone one without a time. */
  const char *history;
  const char *state;      /* NULL: unset */
  gboolean legal;
  CommunityWorkflowError code;
  guint first_bad;
  const char *pointer;    /* the message starts with "pointer: " */
} HistoryCase;

static const HistoryCase history_cases[] = {
  { "legal", "proposed@1 deliberating@2 concluded@3 adopted@4 implemented@5 feedback_given@6",
    "feedback_given", TRUE },
  { "legal, rejected, equal times",
    "proposed@1 deliberating@2 concluded@2 rejected@2 feedback_given@3",
    "feedback_given", TRUE },
  { "legal, withdrawn", "proposed@1 withdrawn@1", "withdrawn", TRUE },
  { "legal, unfinished", "proposed@1 deliberating@2", "deliberating", TRUE },
  { "not started", "", NULL, TRUE },
  { "state unknown", "proposed@1 deliberating@2", NULL, TRUE },
  { "bad first entry", "deliberating@1 concluded@2", "concluded", FALSE,
    COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION, 0, "/history/0" },
  { "illegal middle step", "proposed@1 deliberating@2 adopted@3 implemented@4", "implemented",
    FALSE,
    COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION, 2, "/history/2" },
  { "a state repeated", "proposed@1 proposed@2", "proposed", FALSE,
    COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION, 1, "/history/1" },
  { "after a final state", "proposed@1 withdrawn@2 deliberating@3", "deliberating", FALSE,
    COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION, 2, "/history/2" },
  { "times out of order", "proposed@5 deliberating@4 concluded@6", "concluded", FALSE,
    COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER, 1, "/history/1" },
  { "the first of two faults", "proposed@1 deliberating@3 concluded@2 feedback_given@4",
    "feedback_given", FALSE, COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER, 2, "/history/2" },
  { "does not end in the state", "proposed@1 deliberating@2", "concluded", FALSE,
    COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION, 1, "/history/1" },
  { "empty, with a state", "", "proposed", FALSE,
    COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION, 0, "/history" },
  { "an entry without a state", "proposed@1 @2", "proposed", FALSE,
    COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION, 1, "/history/1" },
  { "an entry without a time", "proposed@1 deliberating", "deliberating", FALSE,
    COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER, 1, "/history/1" },
};

static CommunityConsultation *
consultation_with_history (const HistoryCase *c)
{
  CommunityConsultation *consultation = community_consultation_new ("K-1");
  g_autoptr(GListStore) history = g_list_store_new (COMMUNITY_TYPE_HISTORY_ENTRY);
  g_auto(GStrv) words = g_strsplit (c->history, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(CommunityHistoryEntry) entry = community_history_entry_new ();
      char *day = strchr (words[i], '@');

      if (*words[i] == '\0')
        continue;
      if (day != NULL)
        {
          g_autoptr(GDateTime) time = at (atoi (day + 1), 9);

          g_object_set (entry, "at", time, NULL);
          *day = '\0';
        }
      if (*words[i] != '\0')
        g_object_set (entry, "state", cs_from_nick (words[i]), NULL);
      g_list_store_append (history, entry);
    }

  g_object_set (consultation, "history", history, NULL);
  if (c->state != NULL)
    g_object_set (consultation, "state", cs_from_nick (c->state), NULL);

  return consultation;
}

START_TEST (test_check_history)
{
  const HistoryCase *c = &history_cases[_i];
  CommunityConsultation *consultation = consultation_with_history (c);
  g_autoptr(GError) error = NULL;
  guint first_bad = 999;
  Counts counts = { 0 };
  gboolean ok;

  g_signal_connect (consultation, "notify", G_CALLBACK (on_notify), &counts);
  ok = community_consultation_check_history (consultation, &first_bad, &error);

  if (c->legal)
    {
      ck_assert_msg (ok, "%s: %s", c->name, error != NULL ? error->message : "");
      ck_assert_ptr_null (error);
      ck_assert_uint_eq (first_bad, 999); /* untouched */
    }
  else
    {
      ck_assert_msg (!ok, "%s: judged legal", c->name);
      community_test_assert_error (error, COMMUNITY_WORKFLOW_ERROR, c->code, c->pointer);
      ck_assert_msg (first_bad == c->first_bad, "%s: first_bad %u, expected %u",
                     c->name, first_bad, c->first_bad);

      /* Without the out-parameters too. */
      ck_assert (!community_consultation_check_history (consultation, NULL, NULL));
    }

  /* Checking changes nothing. */
  ck_assert_uint_eq (counts.notify, 0);
  community_test_assert_finalized (consultation);
}
END_TEST

START_TEST (test_check_history_unset)
{
  g_autoptr(CommunityConsultation) consultation = community_consultation_new ("K-1");
  g_autoptr(GError) error = NULL;
  guint first_bad = 999;

  /* No history and no state: not started, legal. */
  ck_assert (community_consultation_check_history (consultation, &first_bad, &error));

  /* A state and no history at all. */
  g_object_set (consultation, "state", CS (ADOPTED), NULL);
  ck_assert (!community_consultation_check_history (consultation, &first_bad, &error));
  community_test_assert_error (error, COMMUNITY_WORKFLOW_ERROR,
                               COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION, "/history");
  ck_assert_uint_eq (first_bad, 0);
  assert_message_names (error, "adopted");
}
END_TEST

/* --- Work items ------------------------------------------------------------ */

#define N_WORK_ITEM_STATES (WS (REJECTED) + 1)

typedef struct {
  const char *name;
  int list;               /* -1: unset */
  int delivery;           /* -1: unset */
  gboolean review;        /* admitted only after review */
} ItemKind;

static const ItemKind item_kinds[] = {
  { "statutory duties list item",
    COMMUNITY_WORK_LIST_STATUTORY_DUTIES, COMMUNITY_DELIVERY_DIRECT, FALSE },
  { "assisting government list item",
    COMMUNITY_WORK_LIST_ASSISTING_GOVERNMENT, -1, FALSE },
  { "purchased-service item",
    COMMUNITY_WORK_LIST_NONE, COMMUNITY_DELIVERY_PURCHASED_SERVICE, FALSE },
  { "list-none direct item",
    COMMUNITY_WORK_LIST_NONE, COMMUNITY_DELIVERY_DIRECT, TRUE },
  { "item with list and delivery unset", -1, -1, TRUE },
};

typedef enum {
  STEP_SUBMIT,
  STEP_ADMIT,
  STEP_START_LEGAL_REVIEW,
  STEP_LEGAL_REVIEW_APPROVED,
  STEP_LEGAL_REVIEW_REFUSED,
  STEP_APPROVAL_APPROVED,
  STEP_APPROVAL_REFUSED,
  N_STEPS
} Step;

static const char * const step_names[N_STEPS] = {
  "submit", "admit", "start_legal_review", "record_legal_review (TRUE)",
  "record_legal_review (FALSE)", "record_approval (TRUE)", "record_approval (FALSE)",
};

/* Where each step leads. */
static const CommunityWorkItemState step_targets[N_STEPS] = {
  [STEP_SUBMIT] = WS (SUBMITTED),
  [STEP_ADMIT] = WS (ADMITTED),
  [STEP_START_LEGAL_REVIEW] = WS (LEGAL_REVIEW),
  [STEP_LEGAL_REVIEW_APPROVED] = WS (COMMITTEE_REVIEW),
  [STEP_LEGAL_REVIEW_REFUSED] = WS (REJECTED),
  [STEP_APPROVAL_APPROVED] = WS (ADMITTED),
  [STEP_APPROVAL_REFUSED] = WS (REJECTED),
};

/* Every legal step, from DOMAIN.md §3. */
static const struct {
  gboolean review;
  int from;
  Step step;
} item_steps[] = {
  { FALSE, NOTHING, STEP_SUBMIT },
  { FALSE, WS (SUBMITTED), STEP_ADMIT },
  { TRUE, NOTHING, STEP_SUBMIT },
  { TRUE, WS (SUBMITTED), STEP_START_LEGAL_REVIEW },
  { TRUE, WS (LEGAL_REVIEW), STEP_LEGAL_REVIEW_APPROVED },
  { TRUE, WS (LEGAL_REVIEW), STEP_LEGAL_REVIEW_REFUSED },
  { TRUE, WS (COMMITTEE_REVIEW), STEP_APPROVAL_APPROVED },
  { TRUE, WS (COMMITTEE_REVIEW), STEP_APPROVAL_REFUSED },
};

static gboolean
item_step_expected (gboolean review,
                    int      from,
                    Step     step)
{
  for (guint i = 0; i < G_N_ELEMENTS (item_steps); i++)
    if (item_steps[i].review == review && item_steps[i].from == from && item_steps[i].step == step)
      return TRUE;
  return FALSE;
}

/* Whether some step leads from @from to @to. */
static gboolean
item_transition_expected (gboolean               review,
                          int                    from,
                          CommunityWorkItemState to)
{
  for (Step step = 0; step < N_STEPS; step++)
    if (step_targets[step] == to && item_step_expected (review, from, step))
      return TRUE;
  return FALSE;
}

static CommunityWorkItem *
work_item_new (const ItemKind *kind,
               int             state)
{
  CommunityWorkItem *item = community_work_item_new ("WI-1");

  if (kind->list >= 0)
    g_object_set (item, "list", kind->list, NULL);
  if (kind->delivery >= 0)
    g_object_set (item, "delivery", kind->delivery, NULL);
  if (state != NOTHING)
    g_object_set (item, "state", state, NULL);

  return item;
}

static CommunityWorkItemState
work_item_state (CommunityWorkItem *item)
{
  CommunityWorkItemState state;

  g_object_get (item, "state", &state, NULL);
  return state;
}

static GDate *
date (int day)
{
  return g_date_new_dmy (day, G_DATE_MAY, 2019);
}

/* The start of @day in local time: the time a dated step records in the
 * history. */
static GDateTime *
start_of (const GDate *day)
{
  return g_date_time_new_local (g_date_get_year (day), g_date_get_month (day),
                                g_date_get_day (day), 0, 0, 0);
}

static gboolean
take_step (CommunityWorkItem *item,
           Step               step,
           const GDate       *day,
           GError           **error)
{
  g_autoptr(GDateTime) at = start_of (day);

  switch (step)
    {
    case STEP_SUBMIT:
      return community_work_item_submit (item, at, error);
    case STEP_ADMIT:
      return community_work_item_admit (item, at, error);
    case STEP_START_LEGAL_REVIEW:
      return community_work_item_start_legal_review (item, at, error);
    case STEP_LEGAL_REVIEW_APPROVED:
    case STEP_LEGAL_REVIEW_REFUSED:
      return community_work_item_record_legal_review (item, step == STEP_LEGAL_REVIEW_APPROVED,
                                                      day, error);
    case STEP_APPROVAL_APPROVED:
    case STEP_APPROVAL_REFUSED:
      return community_work_item_record_approval (item, GOVERNMENT_MEETING,
                                                  step == STEP_APPROVAL_APPROVED, day, error);
    case N_STEPS:
    default:
      g_assert_not_reached ();
    }
}

START_TEST (test_work_item_needs_review)
{
  for (guint k = 0; k < G_N_ELEMENTS (item_kinds); k++)
    {
      g_autoptr(CommunityWorkItem) item = work_item_new (&item_kinds[k], NOTHING);

      ck_assert_msg (community_work_item_needs_review (item) == item_kinds[k].review,
                     "%s", item_kinds[k].name);
    }
}
END_TEST

START_TEST (test_work_item_can_transition)
{
  for (guint k = 0; k < G_N_ELEMENTS (item_kinds); k++)
    for (int from = NOTHING; from < N_WORK_ITEM_STATES; from++)
      for (int to = 0; to < N_WORK_ITEM_STATES; to++)
        {
          g_autoptr(CommunityWorkItem) item = work_item_new (&item_kinds[k], from);

          ck_assert_msg (community_work_item_can_transition (item, to) ==
                         item_transition_expected (item_kinds[k].review, from, to),
                         "%s: can_transition from %s to %s", item_kinds[k].name,
                         ws_nick (from),
                         ws_nick (to));
        }
}
END_TEST

/* _i runs over (kind, from, step). */
START_TEST (test_work_item_step)
{
  const guint n_froms = N_WORK_ITEM_STATES + 1;
  const ItemKind *kind = &item_kinds[_i / (n_froms * N_STEPS)];
  int from = (int) (_i / N_STEPS % n_froms) - 1;
  Step step = _i % N_STEPS;
  CommunityWorkItemState to = step_targets[step];
  const char *from_nick = ws_nick (from);
  gboolean expected = item_step_expected (kind->review, from, step);
  CommunityWorkItem *item = work_item_new (kind, from);
  g_autoptr(GDate) day = date (20);
  g_autoptr(GError) error = NULL;
  Counts counts = { 0 };
  gboolean ok;

  g_signal_connect (item, "notify", G_CALLBACK (on_notify), &counts);
  if (expected)
    ck_assert (community_work_item_can_transition (item, to));

  ok = take_step (item, step, day, &error);

  if (expected)
    {
      guint n_notify = 1;

      ck_assert_msg (ok, "%s: %s from %s was refused: %s", kind->name, step_names[step], from_nick,
                     error != NULL ? error->message : "(no error)");
      ck_assert_ptr_null (error);
      ck_assert (community_record_is_set (COMMUNITY_RECORD (item), "state"));
      ck_assert_int_eq (work_item_state (item), to);
      ck_assert_uint_eq (counts.notify_state, 1);

      if (step == STEP_LEGAL_REVIEW_APPROVED || step == STEP_LEGAL_REVIEW_REFUSED)
        {
          g_autoptr(CommunityReview) review = NULL;
          g_autoptr(GDate) review_date = NULL;
          gboolean approved;

          g_object_get (item, "legal-review", &review, NULL);
          ck_assert_ptr_nonnull (review);
          g_object_get (review, "approved", &approved, "date", &review_date, NULL);
          ck_assert (community_record_is_set (COMMUNITY_RECORD (review), "approved"));
          ck_assert_int_eq (approved, step == STEP_LEGAL_REVIEW_APPROVED);
          ck_assert_int_eq (g_date_compare (review_date, day), 0);
          ck_assert_uint_eq (counts.notify_legal_review, 1);
          n_notify++;
        }
      else if (step == STEP_APPROVAL_APPROVED || step == STEP_APPROVAL_REFUSED)
        {
          g_autoptr(CommunityApproval) approval = NULL;
          g_autoptr(GDate) approval_date = NULL;
          CommunityApprovalBody body;
          gboolean approved;

          g_object_get (item, "approval", &approval, NULL);
          ck_assert_ptr_nonnull (approval);
          g_object_get (approval,
                        "body", &body,
                        "approved", &approved,
                        "date", &approval_date,
                        NULL);
          ck_assert_int_eq (body, GOVERNMENT_MEETING);
          ck_assert_int_eq (approved, step == STEP_APPROVAL_APPROVED);
          ck_assert_int_eq (g_date_compare (approval_date, day), 0);
          ck_assert_uint_eq (counts.notify_approval, 1);
          n_notify++;
        }
      /* The step is the last entry of the history, at the day's start; a
       * history is made (and notified) for an item that had none. */
      {
        g_autoptr(GListModel) history = NULL;
        g_autoptr(CommunityWorkItemHistoryEntry) entry = NULL;
        g_autoptr(GDateTime) entry_at = NULL;
        g_autoptr(GDateTime) expected_at = start_of (day);
        CommunityWorkItemState entry_state;

        g_object_get (item, "history", &history, NULL);
        ck_assert_uint_eq (g_list_model_get_n_items (history), 1);
        entry = g_list_model_get_item (history, 0);
        g_object_get (entry, "state", &entry_state, "at", &entry_at, NULL);
        ck_assert_int_eq (entry_state, to);
        ck_assert (g_date_time_equal (entry_at, expected_at));
        n_notify++;
      }
      ck_assert_uint_eq (counts.notify, n_notify);
    }
  else
    {
      ck_assert_msg (!ok, "%s: %s from %s was accepted", kind->name, step_names[step], from_nick);
      assert_workflow_error (error, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION);
      assert_message_names (error, ws_nick (to));

      /* Nothing changed. */
      if (from == NOTHING)
        ck_assert (!community_record_is_set (COMMUNITY_RECORD (item), "state"));
      else
        ck_assert_int_eq (work_item_state (item), from);
      ck_assert (!community_record_is_set (COMMUNITY_RECORD (item), "legal-review"));
      ck_assert (!community_record_is_set (COMMUNITY_RECORD (item), "approval"));
      ck_assert (!community_record_is_set (COMMUNITY_RECORD (item), "history"));
      ck_assert_uint_eq (counts.notify, 0);
    }

  community_test_assert_finalized (item);
}
END_TEST

START_TEST (test_work_item_admit_refused)
{
  g_autoptr(CommunityWorkItem) item = work_item_new (&item_kinds[3], NOTHING);
  g_autoptr(GError) error = NULL;

  ck_assert (community_work_item_submit (item, NULL, NULL));
  ck_assert (!community_work_item_admit (item, NULL, &error));
  assert_workflow_error (error, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION);
  ck_assert_pstr_eq (error->message,
                     "a work item cannot go from “submitted” to “admitted”: an item on neither "
                     "list that is not delegated by purchase of services is admitted only after "
                     "a legal review and an approval (三(一))");
  ck_assert_int_eq (work_item_state (item), WS (SUBMITTED));
  g_clear_error (&error);

  /* And the other way round: a list item has no review to start. */
  {
    g_autoptr(CommunityWorkItem) listed = work_item_new (&item_kinds[0], WS (SUBMITTED));
    g_autoptr(CommunityWorkItem) bought = work_item_new (&item_kinds[2], WS (SUBMITTED));

    ck_assert (!community_work_item_start_legal_review (listed, NULL, &error));
    ck_assert_pstr_eq (error->message,
                       "a work item cannot go from “submitted” to “legal_review”: the item is on "
                       "the “statutory_duties” list and is admitted without review (三(一))");
    g_clear_error (&error);
    ck_assert (!community_work_item_start_legal_review (bought, NULL, &error));
    ck_assert_ptr_nonnull (strstr (error->message, "delegated by purchase of services"));
    g_clear_error (&error);
  }

  /* Submitting twice. */
  ck_assert (!community_work_item_submit (item, NULL, &error));
  assert_workflow_error (error, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION);
  ck_assert_pstr_eq (error->message,
                     "a work item cannot go from “submitted” to “submitted”: "
                     "it was submitted already");
}
END_TEST

/* The whole procedure for an item on neither list, done directly. */
START_TEST (test_work_item_full_admission)
{
  CommunityWorkItem *item = work_item_new (&item_kinds[3], NOTHING);
  g_autoptr(GDate) review_day = date (10);
  g_autoptr(GDate) approval_day = date (10); /* the same day is allowed */
  g_autoptr(GDateTime) submitted_at = g_date_time_new_local (2019, 5, 2, 9, 30, 0);
  g_autoptr(CommunityReview) review = NULL;
  g_autoptr(CommunityApproval) approval = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  JsonObject *member;
  g_autoptr(GError) error = NULL;
  Counts counts = { 0 };

  g_signal_connect (item, "notify", G_CALLBACK (on_notify), &counts);

  ck_assert (community_work_item_submit (item, submitted_at, &error));
  ck_assert (community_work_item_start_legal_review (item, submitted_at, &error));
  ck_assert (community_work_item_record_legal_review (item, TRUE, review_day, &error));
  ck_assert_int_eq (work_item_state (item), WS (COMMITTEE_REVIEW));
  ck_assert (community_work_item_record_approval (item, PARTY_COMMITTEE,
                                                  TRUE, approval_day, &error));
  ck_assert_ptr_null (error);
  ck_assert_int_eq (work_item_state (item), WS (ADMITTED));
  ck_assert_uint_eq (counts.notify_state, 4);
  ck_assert_uint_eq (counts.notify_legal_review, 1);
  ck_assert_uint_eq (counts.notify_approval, 1);
  /* and notify::history once, when the first step made the history */
  ck_assert_uint_eq (counts.notify, 7);

  /* Admitted is final. */
  for (int to = 0; to < N_WORK_ITEM_STATES; to++)
    ck_assert (!community_work_item_can_transition (item, to));

  /* Written as the dataset format has it. */
  node = community_record_to_json (COMMUNITY_RECORD (item));
  object = json_node_get_object (node);
  ck_assert_str_eq (json_object_get_string_member (object, "state"), "admitted");
  ck_assert (json_object_get_boolean_member (json_object_get_object_member (object, "legal_review"),
                                             "approved"));
  member = json_object_get_object_member (object, "legal_review");
  ck_assert_str_eq (json_object_get_string_member (member, "date"), "2019-05-10");
  member = json_object_get_object_member (object, "approval");
  ck_assert_str_eq (json_object_get_string_member (member, "body"), "party_standing_committee");

  /* Every step, submission and admission included, is in the history with
   * its time (DOMAIN.md §3). */
  {
    static const char * const states[] = { "submitted", "legal_review", "committee_review", "admitted" };
    JsonArray *history = json_object_get_array_member (object, "history");
    g_autoptr(GDateTime) review_at = g_date_time_new_local (2019, 5, 10, 0, 0, 0);
    g_autofree char *submitted_text = g_date_time_format_iso8601 (submitted_at);
    g_autofree char *review_text = g_date_time_format_iso8601 (review_at);

    ck_assert_uint_eq (json_array_get_length (history), G_N_ELEMENTS (states));
    for (guint i = 0; i < G_N_ELEMENTS (states); i++)
      {
        JsonObject *entry = json_array_get_object_element (history, i);
        g_autoptr(GDateTime) at = g_date_time_new_from_iso8601 (json_object_get_string_member (entry, "at"), NULL);
        g_autofree char *at_text = g_date_time_format_iso8601 (at);

        ck_assert_str_eq (json_object_get_string_member (entry, "state"), states[i]);
        ck_assert_str_eq (at_text, i < 2 ? submitted_text : review_text);
      }
  }

  g_object_get (item, "legal-review", &review, "approval", &approval, NULL);
  community_test_assert_finalized (item);
  community_test_assert_finalized (g_steal_pointer (&review));
  community_test_assert_finalized (g_steal_pointer (&approval));
}
END_TEST

/* A step timed before the last entry of the history is refused and
 * changes nothing. */
START_TEST (test_work_item_step_out_of_time)
{
  g_autoptr(CommunityWorkItem) item = work_item_new (&item_kinds[0], NOTHING);
  g_autoptr(GDateTime) submitted_at = g_date_time_new_local (2019, 5, 2, 9, 30, 0);
  g_autoptr(GDateTime) before = g_date_time_new_local (2019, 5, 2, 9, 29, 59);
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;
  Counts counts = { 0 };

  ck_assert (community_work_item_submit (item, submitted_at, NULL));
  g_signal_connect (item, "notify", G_CALLBACK (on_notify), &counts);

  ck_assert (!community_work_item_admit (item, before, &error));
  assert_workflow_error (error, COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER);
  assert_message_names (error, "admitted");
  ck_assert_int_eq (work_item_state (item), WS (SUBMITTED));
  g_object_get (item, "history", &history, NULL);
  ck_assert_uint_eq (g_list_model_get_n_items (history), 1);
  ck_assert_uint_eq (counts.notify, 0);

  /* The same instant is in order; the entry goes into the same list. */
  ck_assert (community_work_item_admit (item, submitted_at, NULL));
  ck_assert_uint_eq (g_list_model_get_n_items (history), 2);
  ck_assert_uint_eq (counts.notify, 1);   /* state only */
}
END_TEST

START_TEST (test_work_item_approval_out_of_order)
{
  CommunityWorkItem *item = work_item_new (&item_kinds[4], NOTHING);
  g_autoptr(GDate) review_day = date (10);
  g_autoptr(GDate) day_before = date (9);
  g_autoptr(CommunityReview) review_before = NULL;
  g_autoptr(CommunityReview) review_after = NULL;
  g_autoptr(GError) error = NULL;
  Counts counts = { 0 };

  g_autoptr(GDateTime) submitted_at = g_date_time_new_local (2019, 5, 2, 9, 30, 0);

  ck_assert (community_work_item_submit (item, submitted_at, NULL));
  ck_assert (community_work_item_start_legal_review (item, submitted_at, NULL));
  ck_assert (community_work_item_record_legal_review (item, TRUE, review_day, NULL));
  g_object_get (item, "legal-review", &review_before, NULL);
  g_signal_connect (item, "notify", G_CALLBACK (on_notify), &counts);

  /* Approved or refused, a meeting before the review is out of order. */
  for (int approved = 0; approved <= 1; approved++)
    {
      ck_assert (!community_work_item_record_approval (item, PARTY_COMMITTEE,
                                                       approved, day_before, &error));
      assert_workflow_error (error, COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER);
      ck_assert_pstr_eq (error->message,
                         "a work item's approval meeting (2019-05-09) cannot come before its "
                         "legal review (2019-05-10)");
      g_clear_error (&error);
    }
  ck_assert_int_eq (work_item_state (item), WS (COMMITTEE_REVIEW));
  ck_assert (!community_record_is_set (COMMUNITY_RECORD (item), "approval"));
  g_object_get (item, "legal-review", &review_after, NULL);
  ck_assert_ptr_eq (review_after, review_before);
  ck_assert_uint_eq (counts.notify, 0);

  /* Refused, today (date NULL): rejected. */
  ck_assert (community_work_item_record_approval (item, GOVERNMENT_MEETING,
                                                  FALSE, NULL, &error));
  ck_assert_int_eq (work_item_state (item), WS (REJECTED));
  {
    g_autoptr(CommunityApproval) approval = NULL;
    g_autoptr(GDate) approval_day = NULL;
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();

    g_object_get (item, "approval", &approval, NULL);
    g_object_get (approval, "date", &approval_day, NULL);
    ck_assert_int_eq (g_date_get_year (approval_day), g_date_time_get_year (now));
  }

  g_clear_object (&review_after);
  community_test_assert_finalized (item);
}
END_TEST

static Suite *
workflow_suite (void)
{
  Suite *suite = suite_create ("workflow");
  TCase *consultations = tcase_create ("consultation");
  TCase *histories = tcase_create ("history");
  TCase *items = tcase_create ("work-item");

  tcase_add_test (consultations, test_consultation_state_table);
  tcase_add_loop_test (consultations, test_consultation_transition,
                       0, (N_CONSULTATION_STATES + 1) * N_CONSULTATION_STATES);
  tcase_add_test (consultations, test_consultation_message);
  tcase_add_test (consultations, test_consultation_out_of_order);
  tcase_add_test (consultations, test_consultation_full_path);
  tcase_add_test (consultations, test_consultation_state_from_history);
  tcase_add_test (consultations, test_consultation_history_replaced);
  suite_add_tcase (suite, consultations);

  tcase_add_loop_test (histories, test_check_history, 0, G_N_ELEMENTS (history_cases));
  tcase_add_test (histories, test_check_history_unset);
  suite_add_tcase (suite, histories);

  tcase_add_test (items, test_work_item_needs_review);
  tcase_add_test (items, test_work_item_can_transition);
  tcase_add_loop_test (items, test_work_item_step,
                       0, G_N_ELEMENTS (item_kinds) * (N_WORK_ITEM_STATES + 1) * N_STEPS);
  tcase_add_test (items, test_work_item_admit_refused);
  tcase_add_test (items, test_work_item_full_admission);
  tcase_add_test (items, test_work_item_approval_out_of_order);
  tcase_add_test (items, test_work_item_step_out_of_time);
  suite_add_tcase (suite, items);

  return suite;
}

int
main (void)
{
  return community_test_run (workflow_suite ());
}
