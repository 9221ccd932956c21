/* community-consultation.c: a consultation (社区协商)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "community-consultation.h"
#include "community-history-entry.h"
#include "community-enum-types.h"
#include "community-error.h"
#include "community-entity-private.h"

/**
 * CommunityConsultation:
 *
 * A consultation (社区协商): a major decision on the community's public
 * interest, a matter of residents' vital interests or a dispute that the
 * community's party organization or self-governing organization leads
 * residents in settling (三(三)). It follows the mechanism for adopting,
 * implementing and giving feedback on the outcome
 * (协商成果采纳、落实和反馈机制), and keeps the history of the states it
 * entered (DOMAIN.md §3).
 *
 * In JSON: `{"id", "community", "topic", "scope", "method", "led_by",
 * "participants", "state", "history", "outcome", "feedback"}`.
 *
 * ## The workflow
 *
 * A consultation moves through its states along these steps, and no others:
 *
 * ```
 * proposed → deliberating → concluded → adopted → implemented → feedback_given
 *                               └──────→ rejected → feedback_given
 * proposed, deliberating → withdrawn
 * ```
 *
 * [method@Community.Consultation.transition] takes one step and records it
 * in the history; a step the workflow does not allow, or one dated before
 * the last, is refused and changes nothing.
 * [func@Community.ConsultationState.can_transition] is the table itself, and
 * [method@Community.Consultation.can_transition] asks it for the
 * consultation's current state.
 *
 * The dataset loader accepts any history as it is written.
 * [method@Community.Consultation.check_history] judges one: it tells whether
 * the history is a legal sequence of steps in time order that ends in the
 * consultation's state and, if not, which entry is the first wrong one.
 */

struct _CommunityConsultation
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityConsultation, community_consultation, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_ID,
  PROP_COMMUNITY,
  PROP_TOPIC,
  PROP_SCOPE,
  PROP_METHOD,
  PROP_LED_BY,
  PROP_PARTICIPANTS,
  PROP_STATE,
  PROP_HISTORY,
  PROP_OUTCOME,
  PROP_FEEDBACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_ID] = { COMMUNITY_FIELD_IDENTITY },
  [PROP_COMMUNITY] = { COMMUNITY_FIELD_REQUIRED | COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (COMMUNITY) },
  [PROP_HISTORY] = { COMMUNITY_FIELD_OPTIONAL, 0, community_history_entry_get_type },
};

static void
community_consultation_class_init (CommunityConsultationClass *klass)
{
  CommunityEntityClassPrivate *entity_class = COMMUNITY_ENTITY_CLASS_PRIVATE (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_CONSULTATION;

  /**
   * CommunityConsultation:id:
   *
   * The consultation's identity. Construct-only.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityConsultation:community:
   *
   * The code of the community that holds the consultation. Required.
   */
  properties[PROP_COMMUNITY] = g_param_spec_string ("community", NULL, NULL, NULL, flags);

  /**
   * CommunityConsultation:topic:
   *
   * What the consultation is about.
   */
  properties[PROP_TOPIC] = g_param_spec_string ("topic", NULL, NULL, NULL, flags);

  /**
   * CommunityConsultation:scope:
   *
   * The kind of matter consulted on (三(三)).
   */
  properties[PROP_SCOPE] =
    g_param_spec_enum ("scope", NULL, NULL,
                       COMMUNITY_TYPE_CONSULTATION_SCOPE,
                       COMMUNITY_CONSULTATION_SCOPE_PUBLIC_DECISION,
                       flags);

  /**
   * CommunityConsultation:method:
   *
   * How the consultation is held: a residents' council (议事会), board
   * (理事会), public sentiment forum (民情恳谈会), democratic evaluation
   * (民主评议) or otherwise (三(三)).
   */
  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL,
                       COMMUNITY_TYPE_CONSULTATION_METHOD,
                       COMMUNITY_CONSULTATION_METHOD_RESIDENTS_COUNCIL,
                       flags);

  /**
   * CommunityConsultation:led-by:
   *
   * Who leads the consultation (`led_by` in JSON). In principle the party
   * organization or the self-governing organization
   * (原则上由社区党组织、基层群众性自治组织牵头, 三(三), the rule
   * `consultation.led-by`).
   */
  properties[PROP_LED_BY] =
    g_param_spec_enum ("led-by", NULL, NULL,
                       COMMUNITY_TYPE_CONSULTATION_LEAD,
                       COMMUNITY_CONSULTATION_LEAD_PARTY_ORGANIZATION,
                       flags);

  /**
   * CommunityConsultation:participants:
   *
   * The number of residents who took part.
   */
  properties[PROP_PARTICIPANTS] =
    g_param_spec_uint ("participants", NULL, NULL, 0, G_MAXUINT32, 0, flags);

  /**
   * CommunityConsultation:state:
   *
   * Where the consultation stands (DOMAIN.md §3); the state of the last entry
   * of [property@Community.Consultation:history].
   *
   * [method@Community.Consultation.transition] changes it one legal step at
   * a time and records the step in the history. Setting the property
   * directly, as the dataset loader does, checks and records nothing.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       COMMUNITY_TYPE_CONSULTATION_STATE,
                       COMMUNITY_CONSULTATION_STATE_PROPOSED,
                       flags);

  /**
   * CommunityConsultation:history:
   *
   * The states the consultation entered, oldest first: a [iface@Gio.ListModel]
   * of [class@Community.HistoryEntry], the first `proposed`. The rule
   * `consultation.history` checks it is a legal sequence in time order
   * ([method@Community.Consultation.check_history]).
   *
   * [method@Community.Consultation.transition] appends to it, emitting
   * [signal@Gio.ListModel::items-changed]; `notify::history` is emitted only
   * when the property is set to another model.
   */
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, G_TYPE_LIST_MODEL, flags);

  /**
   * CommunityConsultation:outcome:
   *
   * The outcome of the consultation (协商成果).
   */
  properties[PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, NULL, flags);

  /**
   * CommunityConsultation:feedback:
   *
   * What residents were told of the result (反馈, 三(三)).
   */
  properties[PROP_FEEDBACK] = g_param_spec_string ("feedback", NULL, NULL, NULL, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_consultation_init (CommunityConsultation *self)
{
}

/**
 * community_consultation_new:
 * @id: the consultation's identity
 *
 * Creates a consultation with nothing but its identity set.
 *
 * Returns: (transfer full): a new consultation
 */
CommunityConsultation *
community_consultation_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (COMMUNITY_TYPE_CONSULTATION, "id", id, NULL);
}

/* The workflow (三(三), DOMAIN.md §3) ----------------------------------------- */

#define STATE_BIT(state) (1u << COMMUNITY_CONSULTATION_STATE_##state)
#define N_STATES (COMMUNITY_CONSULTATION_STATE_WITHDRAWN + 1)

/* For each state, the states one step can reach. */
static const guint next_states[N_STATES] = {
  [COMMUNITY_CONSULTATION_STATE_PROPOSED] = STATE_BIT (DELIBERATING) | STATE_BIT (WITHDRAWN),
  [COMMUNITY_CONSULTATION_STATE_DELIBERATING] = STATE_BIT (CONCLUDED) | STATE_BIT (WITHDRAWN),
  [COMMUNITY_CONSULTATION_STATE_CONCLUDED] = STATE_BIT (ADOPTED) | STATE_BIT (REJECTED),
  [COMMUNITY_CONSULTATION_STATE_ADOPTED] = STATE_BIT (IMPLEMENTED),
  [COMMUNITY_CONSULTATION_STATE_IMPLEMENTED] = STATE_BIT (FEEDBACK_GIVEN),
  [COMMUNITY_CONSULTATION_STATE_REJECTED] = STATE_BIT (FEEDBACK_GIVEN),
  [COMMUNITY_CONSULTATION_STATE_FEEDBACK_GIVEN] = 0,
  [COMMUNITY_CONSULTATION_STATE_WITHDRAWN] = 0,
};

/* A consultation that has not started can only be proposed. */
#define FIRST_STATES STATE_BIT (PROPOSED)

static inline gboolean
state_is_valid (CommunityConsultationState state)
{
  return (guint) state < N_STATES;
}

static guint
reachable_from (gboolean                   has_from,
                CommunityConsultationState from)
{
  if (!has_from)
    return FIRST_STATES;
  return state_is_valid (from) ? next_states[from] : 0;
}

static gboolean
step_is_legal (gboolean                   has_from,
               CommunityConsultationState from,
               CommunityConsultationState to)
{
  return state_is_valid (to) && (reachable_from (has_from, from) & (1u << to)) != 0;
}

static const char *
state_nick (CommunityConsultationState state)
{
  /* The class is alive: the state properties' pspecs hold it. */
  GEnumClass *klass = g_type_class_peek (COMMUNITY_TYPE_CONSULTATION_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  return value != NULL ? value->value_nick : "(invalid)";
}

/* "“deliberating” or “withdrawn”", the states one step from @from can reach. */
static char *
describe_next_states (gboolean                   has_from,
                      CommunityConsultationState from)
{
  guint mask = reachable_from (has_from, from);
  GString *text = g_string_new (NULL);
  guint n = 0;

  for (guint state = 0; state < N_STATES; state++)
    {
      if ((mask & (1u << state)) == 0)
        continue;
      if (n++ > 0)
        g_string_append (text, " or ");
      g_string_append_printf (text, "“%s”", state_nick (state));
    }

  return g_string_free (text, FALSE);
}

static void
set_illegal_step_error (GError                   **error,
                        const char                *where,
                        gboolean                   has_from,
                        CommunityConsultationState from,
                        CommunityConsultationState to)
{
  g_autofree char *next = describe_next_states (has_from, from);

  if (!has_from)
    g_set_error (error, COMMUNITY_WORKFLOW_ERROR, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION,
                 "%sa consultation starts in %s, not in “%s”",
                 where, next, state_nick (to));
  else if (*next == '\0')
    g_set_error (error, COMMUNITY_WORKFLOW_ERROR, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION,
                 "%sa consultation cannot go from “%s” to “%s”: “%s” is final",
                 where, state_nick (from), state_nick (to), state_nick (from));
  else
    g_set_error (error, COMMUNITY_WORKFLOW_ERROR, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION,
                 "%sa consultation cannot go from “%s” to “%s”; from “%s” it goes to %s",
                 where, state_nick (from), state_nick (to), state_nick (from), next);
}

static GListModel *
peek_history (CommunityConsultation *self)
{
  const GValue *value = community_record_peek (COMMUNITY_RECORD (self), PROP_HISTORY);

  return value != NULL ? g_value_get_object (value) : NULL;
}

/* The property id of a field of CommunityHistoryEntry. */
static guint
entry_field (GObject    *entry,
             const char *name)
{
  return g_object_class_find_property (G_OBJECT_GET_CLASS (entry), name)->param_id;
}

/* Reads a history entry: FALSE if @item is not one. @at is borrowed. */
static gboolean
read_entry (GObject                    *item,
            gboolean                   *has_state,
            CommunityConsultationState *state,
            GDateTime                 **at)
{
  CommunityRecord *record;
  const GValue *value;

  if (!COMMUNITY_IS_HISTORY_ENTRY (item))
    return FALSE;

  record = COMMUNITY_RECORD (item);
  value = community_record_peek (record, entry_field (item, "state"));
  *has_state = value != NULL;
  *state = value != NULL ? g_value_get_enum (value) : COMMUNITY_CONSULTATION_STATE_PROPOSED;
  value = community_record_peek (record, entry_field (item, "at"));
  *at = value != NULL ? g_value_get_boxed (value) : NULL;

  return TRUE;
}

/* The state of the last entry of @history, if it has one. */
static gboolean
last_entry (GListModel                 *history,
            CommunityConsultationState *state,
            GDateTime                 **at)
{
  g_autoptr(GObject) item = NULL;
  gboolean has_state = FALSE;
  guint n;

  *at = NULL;
  n = history != NULL ? g_list_model_get_n_items (history) : 0;
  if (n == 0)
    return FALSE;

  item = g_list_model_get_item (history, n - 1);
  if (!read_entry (item, &has_state, state, at))
    return FALSE;
  if (*at != NULL)
    g_date_time_ref (*at);

  return has_state;
}

/* The state the next step starts from: the state property if set, else the
 * state of the last history entry; FALSE when the consultation has not
 * started. */
static gboolean
current_state (CommunityConsultation      *self,
               CommunityConsultationState *state)
{
  const GValue *value = community_record_peek (COMMUNITY_RECORD (self), PROP_STATE);
  g_autoptr(GDateTime) at = NULL;

  if (value != NULL)
    {
      *state = g_value_get_enum (value);
      return TRUE;
    }

  return last_entry (peek_history (self), state, &at);
}

/**
 * community_consultation_state_can_transition:
 * @from_state: the state a consultation is in
 * @to_state: the state it would go to
 *
 * Tells whether one step of the consultation workflow (三(三),
 * DOMAIN.md §3) leads from @from_state to @to_state:
 *
 * - `proposed` → `deliberating` → `concluded` → `adopted` → `implemented`
 *   → `feedback_given`;
 * - `concluded` → `rejected` → `feedback_given`;
 * - `proposed` or `deliberating` → `withdrawn`.
 *
 * `feedback_given` and `withdrawn` are final, and no state leads to itself.
 * A consultation that has not started can only go to `proposed`: see
 * [method@Community.Consultation.can_transition].
 *
 * Returns: %TRUE if the step is allowed
 */
gboolean
community_consultation_state_can_transition (CommunityConsultationState from_state,
                                             CommunityConsultationState to_state)
{
  return state_is_valid (from_state) && step_is_legal (TRUE, from_state, to_state);
}

/**
 * community_consultation_can_transition:
 * @self: a consultation
 * @to: the state it would go to
 *
 * Tells whether [method@Community.Consultation.transition] would accept a
 * step to @to, leaving aside the time of the step.
 *
 * The step starts from [property@Community.Consultation:state]; when that is
 * unset, from the state of the last entry of
 * [property@Community.Consultation:history]; when the history is empty too,
 * the consultation has not started and the only legal step is to `proposed`.
 *
 * Returns: %TRUE if the step is allowed
 */
gboolean
community_consultation_can_transition (CommunityConsultation      *self,
                                       CommunityConsultationState  to)
{
  CommunityConsultationState from = COMMUNITY_CONSULTATION_STATE_PROPOSED;
  gboolean has_from;

  g_return_val_if_fail (COMMUNITY_IS_CONSULTATION (self), FALSE);

  has_from = current_state (self, &from);
  return step_is_legal (has_from, from, to);
}

/**
 * community_consultation_transition:
 * @self: a consultation
 * @to: the state to go to
 * @at: (nullable): when the consultation entered @to, or %NULL for now
 * @error: return location for a [error@Community.WorkflowError]
 *
 * Takes one step of the consultation workflow (三(三), DOMAIN.md §3): the
 * consultation enters @to at @at, and a [class@Community.HistoryEntry]
 * `{state: to, at: at}` is appended to its history.
 *
 * The step starts where [method@Community.Consultation.can_transition]
 * says; a consultation that has not started can only be proposed. A step the
 * workflow does not allow fails with
 * %COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION, whose message names both
 * states. A step dated earlier than the last entry of the history fails with
 * %COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER; a step at the same time as the
 * last is allowed, since one meeting may conclude a consultation and adopt
 * its outcome. An illegal step is reported before a step out of order. A
 * refused step changes nothing and emits nothing.
 *
 * An accepted step sets [property@Community.Consultation:state], which
 * emits `notify::state`, and appends to the history, which emits
 * [signal@Gio.ListModel::items-changed] on it. `notify::history` is emitted
 * only when the history object itself changes: when the history was unset
 * and a new [class@Gio.ListStore] is created for it, or when it was a model
 * that cannot be appended to (not a [class@Gio.ListStore] of history
 * entries) and is replaced by a store holding its entries and the new one.
 * Handlers of either signal see the consultation in its new state with its
 * new entry.
 *
 * The step does not judge the history it extends: that is
 * [method@Community.Consultation.check_history]'s task.
 *
 * Returns: %TRUE if the step was taken, %FALSE if @error is set
 */
gboolean
community_consultation_transition (CommunityConsultation       *self,
                                   CommunityConsultationState   to,
                                   GDateTime                   *at,
                                   GError                     **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) last_at = NULL;
  g_autoptr(CommunityHistoryEntry) entry = NULL;
  CommunityConsultationState from = COMMUNITY_CONSULTATION_STATE_PROPOSED;
  CommunityConsultationState last_state;
  GListModel *history;
  gboolean has_from;

  g_return_val_if_fail (COMMUNITY_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail (state_is_valid (to), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (at == NULL)
    at = now = g_date_time_new_now_local ();

  has_from = current_state (self, &from);
  if (!step_is_legal (has_from, from, to))
    {
      set_illegal_step_error (error, "", has_from, from, to);
      return FALSE;
    }

  history = peek_history (self);
  last_entry (history, &last_state, &last_at);
  if (last_at != NULL && g_date_time_compare (at, last_at) < 0)
    {
      g_autofree char *at_text = g_date_time_format_iso8601 (at);
      g_autofree char *last_text = g_date_time_format_iso8601 (last_at);

      g_set_error (error, COMMUNITY_WORKFLOW_ERROR, COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER,
                   "a consultation cannot enter “%s” at %s, before the last entry of its "
                   "history (%s)",
                   state_nick (to), at_text, last_text);
      return FALSE;
    }

  entry = g_object_new (COMMUNITY_TYPE_HISTORY_ENTRY, "state", to, "at", at, NULL);

  /* Change everything first, then notify: a handler sees the new state and
   * the new entry together. */
  community_entity_freeze_changes (COMMUNITY_ENTITY (self));
  g_object_set (self, "state", to, NULL);
  community_record_append_item (COMMUNITY_RECORD (self), PROP_HISTORY, entry);
  community_entity_thaw_changes (COMMUNITY_ENTITY (self));

  return TRUE;
}

/* Fails the history check at entry @index. */
G_GNUC_PRINTF (5, 6)
static gboolean
history_error (guint      *first_bad,
               GError    **error,
               int         code,
               guint       index,
               const char *format,
               ...)
{
  g_autofree char *why = NULL;
  va_list args;

  va_start (args, format);
  why = g_strdup_vprintf (format, args);
  va_end (args);

  if (first_bad != NULL)
    *first_bad = index;
  g_set_error (error, COMMUNITY_WORKFLOW_ERROR, code, "/history/%u: %s", index, why);

  return FALSE;
}

/**
 * community_consultation_check_history:
 * @self: a consultation
 * @first_bad: (out) (optional): return location for the index of the first
 *   wrong entry of the history
 * @error: return location for a [error@Community.WorkflowError] saying what
 *   is wrong
 *
 * Tells whether the consultation's history is legal (三(三), the rule
 * `consultation.history`). It is legal when:
 *
 * - it starts with `proposed`;
 * - each entry follows from the one before it by a step
 *   [func@Community.ConsultationState.can_transition] allows;
 * - every entry has a state and a time, and the times never decrease (equal
 *   times are allowed, as in [method@Community.Consultation.transition]);
 * - it ends in [property@Community.Consultation:state].
 *
 * A consultation whose history is unset or empty and whose state is unset
 * has not started, which is legal. When the state is unset the history is
 * not compared with it: an unknown state is not a contradiction.
 *
 * When the history is not legal, @first_bad is set to the index of the first
 * entry that is wrong: for a history that does not end in the state, the
 * index of its last entry, or 0 if it is empty. @error then says why, with
 * %COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION for an entry that cannot
 * follow the one before it (or start the history), an entry without a state,
 * and a history that does not end in the state, and
 * %COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER for an entry without a time or one
 * earlier than the entry before it. Its message starts with the JSON Pointer
 * of the entry within the consultation, e.g. `/history/2: `, so that from
 * Python or JavaScript, where a thrown error leaves no out-parameter, the
 * message still says which entry is wrong. @first_bad is left untouched when
 * the history is legal.
 *
 * Returns: %TRUE if the history is legal, %FALSE if @error is set
 */
gboolean
community_consultation_check_history (CommunityConsultation  *self,
                                      guint                  *first_bad,
                                      GError                **error)
{
  const GValue *state_value;
  GListModel *history;
  CommunityConsultationState prev_state = COMMUNITY_CONSULTATION_STATE_PROPOSED;
  g_autoptr(GDateTime) prev_at = NULL;
  guint n;

  g_return_val_if_fail (COMMUNITY_IS_CONSULTATION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  history = peek_history (self);
  n = history != NULL ? g_list_model_get_n_items (history) : 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (history, i);
      CommunityConsultationState state;
      gboolean has_state;
      GDateTime *at;

      if (!read_entry (item, &has_state, &state, &at))
        return history_error (first_bad, error, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION, i,
                              "a %s is not a history entry", G_OBJECT_TYPE_NAME (item));
      if (!has_state)
        return history_error (first_bad, error, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION, i,
                              "the entry has no state");
      if (!step_is_legal (i > 0, prev_state, state))
        {
          g_autoptr(GError) step_error = NULL;
          g_autofree char *where = g_strdup_printf ("/history/%u: ", i);

          set_illegal_step_error (&step_error, where, i > 0, prev_state, state);
          if (first_bad != NULL)
            *first_bad = i;
          g_propagate_error (error, g_steal_pointer (&step_error));
          return FALSE;
        }
      if (at == NULL)
        return history_error (first_bad, error, COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER, i,
                              "the entry has no time");
      if (prev_at != NULL && g_date_time_compare (at, prev_at) < 0)
        {
          g_autofree char *at_text = g_date_time_format_iso8601 (at);
          g_autofree char *prev_text = g_date_time_format_iso8601 (prev_at);

          return history_error (first_bad, error, COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER, i,
                                "the consultation entered “%s” at %s, before the entry "
                                "before it (%s)",
                                state_nick (state), at_text, prev_text);
        }

      prev_state = state;
      g_clear_pointer (&prev_at, g_date_time_unref);
      prev_at = g_date_time_ref (at);
    }

  state_value = community_record_peek (COMMUNITY_RECORD (self), PROP_STATE);
  if (state_value != NULL)
    {
      CommunityConsultationState state = g_value_get_enum (state_value);

      if (n == 0)
        {
          if (first_bad != NULL)
            *first_bad = 0;
          g_set_error (error, COMMUNITY_WORKFLOW_ERROR, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION,
                       "/history: the consultation is in “%s” but its history is empty",
                       state_nick (state));
          return FALSE;
        }
      if (state != prev_state)
        return history_error (first_bad, error, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION, n - 1,
                              "the history ends in “%s” but the consultation is in “%s”",
                              state_nick (prev_state), state_nick (state));
    }

  return TRUE;
}
