/* community-work-item.c: a work item (社区工作事项)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-work-item.h"
#include "community-review.h"
#include "community-approval.h"
#include "community-work-item-history-entry.h"
#include "community-work-item-history-entry.h"
#include "community-enum-types.h"
#include "community-error.h"
#include "community-entity-private.h"

/**
 * CommunityWorkItem:
 *
 * A work item (社区工作事项): work a department asks communities'
 * self-governing organizations to do (三(一)). An item on one of the “two
 * lists” (两份清单) enters the community directly. Any other item may be
 * delegated by purchase of services, or must pass the admission procedure
 * (社区工作事项准入制度): review by the legal affairs office of the government
 * (法制办审核), then approval by a meeting of the party standing committee or
 * the government's executive meeting, with the department providing the
 * necessary funding and working conditions.
 *
 * In JSON: `{"id", "title", "department", "communities", "list", "category",
 * "issued_by", "responsible_subject", "delivery", "legal_review", "approval",
 * "funding_provided", "work_conditions_provided", "one_vote_veto", "state",
 * "history"}`.
 *
 * ## Admission
 *
 * An item goes through the admission procedure (三(一), DOMAIN.md §3) one
 * step at a time, each step a method:
 *
 * | step | from | to |
 * | --- | --- | --- |
 * | [method@Community.WorkItem.submit] | (not submitted) | `submitted` |
 * | [method@Community.WorkItem.admit] | `submitted` | `admitted` |
 * | [method@Community.WorkItem.start_legal_review] | `submitted` | `legal_review` |
 * | [method@Community.WorkItem.record_legal_review] | `legal_review` | `committee_review` or `rejected` |
 * | [method@Community.WorkItem.record_approval] | `committee_review` | `admitted` or `rejected` |
 *
 * Which path an item may take depends on its
 * [property@Community.WorkItem:list] and
 * [property@Community.WorkItem:delivery]
 * ([method@Community.WorkItem.needs_review]): an item on one of the two
 * lists, or one delegated by purchase of services, is admitted directly
 * (`submitted → admitted`); any other item must pass the legal review and the
 * approval (`submitted → legal_review → committee_review → admitted`, or
 * `rejected` from either review), and cannot be admitted directly.
 *
 * A step that is not allowed fails with a [error@Community.WorkflowError]
 * and changes nothing. A step that is taken sets
 * [property@Community.WorkItem:state] and whatever it records, appends the
 * state and its time to [property@Community.WorkItem:history] (DOMAIN.md §3:
 * every transition records its time), and emits `notify` for each property
 * that changed, once everything has changed. A step timed before the last
 * entry of the history fails with %COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER.
 * [method@Community.WorkItem.can_transition] tells in advance whether a step
 * to a state is allowed.
 */

struct _CommunityWorkItem
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityWorkItem, community_work_item, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DEPARTMENT,
  PROP_COMMUNITIES,
  PROP_LIST,
  PROP_CATEGORY,
  PROP_ISSUED_BY,
  PROP_RESPONSIBLE_SUBJECT,
  PROP_DELIVERY,
  PROP_LEGAL_REVIEW,
  PROP_APPROVAL,
  PROP_FUNDING_PROVIDED,
  PROP_WORK_CONDITIONS_PROVIDED,
  PROP_ONE_VOTE_VETO,
  PROP_STATE,
  PROP_HISTORY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_ID] = { COMMUNITY_FIELD_IDENTITY },
  [PROP_DEPARTMENT] = { COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (DEPARTMENT) },
  [PROP_COMMUNITIES] = { COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (COMMUNITY) },
  [PROP_HISTORY] = { COMMUNITY_FIELD_OPTIONAL, 0, community_work_item_history_entry_get_type },
};

static void
community_work_item_class_init (CommunityWorkItemClass *klass)
{
  CommunityEntityClassPrivate *entity_class = COMMUNITY_ENTITY_CLASS_PRIVATE (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_WORK_ITEM;

  /**
   * CommunityWorkItem:id:
   *
   * The work item's identity. Construct-only.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityWorkItem:title:
   *
   * The work item's title.
   */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);

  /**
   * CommunityWorkItem:department:
   *
   * The id of the department (职能部门) that submits the item.
   */
  properties[PROP_DEPARTMENT] = g_param_spec_string ("department", NULL, NULL, NULL, flags);

  /**
   * CommunityWorkItem:communities:
   *
   * The codes of the communities the item applies to; unset means every
   * community.
   */
  properties[PROP_COMMUNITIES] =
    g_param_spec_boxed ("communities", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * CommunityWorkItem:list:
   *
   * Which of the two lists the item is on: the committee's statutory duties
   * (依法履职事项清单), assisting the government (协助政府工作事项清单), or
   * neither (三(一)).
   */
  properties[PROP_LIST] =
    g_param_spec_enum ("list", NULL, NULL,
                       COMMUNITY_TYPE_WORK_LIST, COMMUNITY_WORK_LIST_STATUTORY_DUTIES, flags);

  /**
   * CommunityWorkItem:category:
   *
   * What the item asks of the community.
   */
  properties[PROP_CATEGORY] =
    g_param_spec_enum ("category", NULL, NULL,
                       COMMUNITY_TYPE_WORK_CATEGORY, COMMUNITY_WORK_CATEGORY_SERVICE, flags);

  /**
   * CommunityWorkItem:issued-by:
   *
   * Who issues the item to the communities (`issued_by` in JSON): a
   * functional department or the grassroots government. An assessment
   * (category `assessment`) is the grassroots government's alone
   * (各职能部门不再单独组织考核活动, 三(一), the rule
   * `work-item.department-assessment`).
   */
  properties[PROP_ISSUED_BY] =
    g_param_spec_enum ("issued-by", NULL, NULL,
                       COMMUNITY_TYPE_ISSUER, COMMUNITY_ISSUER_DEPARTMENT, flags);

  /**
   * CommunityWorkItem:responsible-subject:
   *
   * Who answers for the item (责任主体). The self-governing organization must
   * not answer for administrative enforcement, demolition, environmental
   * rectification, urban management or investment attraction (不得, 三(一),
   * the rule `work-item.prohibited-subject`).
   */
  properties[PROP_RESPONSIBLE_SUBJECT] =
    g_param_spec_enum ("responsible-subject", NULL, NULL,
                       COMMUNITY_TYPE_RESPONSIBLE_SUBJECT,
                       COMMUNITY_RESPONSIBLE_SUBJECT_COMMUNITY_COMMITTEE,
                       flags);

  /**
   * CommunityWorkItem:delivery:
   *
   * Whether the committee does the work itself or it is delegated by purchase
   * of services (购买服务, 三(一)).
   */
  properties[PROP_DELIVERY] =
    g_param_spec_enum ("delivery", NULL, NULL,
                       COMMUNITY_TYPE_DELIVERY, COMMUNITY_DELIVERY_DIRECT, flags);

  /**
   * CommunityWorkItem:legal-review:
   *
   * The review by the government's legal affairs office (法制办审核), a
   * [class@Community.Review] (三(一)).
   */
  properties[PROP_LEGAL_REVIEW] =
    g_param_spec_object ("legal-review", NULL, NULL, COMMUNITY_TYPE_REVIEW, flags);

  /**
   * CommunityWorkItem:approval:
   *
   * The approval by the party standing committee or the government's executive
   * meeting (研究同意), a [class@Community.Approval] (三(一)).
   */
  properties[PROP_APPROVAL] =
    g_param_spec_object ("approval", NULL, NULL, COMMUNITY_TYPE_APPROVAL, flags);

  /**
   * CommunityWorkItem:funding-provided:
   *
   * Whether the department provides the necessary funding (必要的经费,
   * 三(一)).
   */
  properties[PROP_FUNDING_PROVIDED] =
    g_param_spec_boolean ("funding-provided", NULL, NULL, FALSE, flags);

  /**
   * CommunityWorkItem:work-conditions-provided:
   *
   * Whether the department provides the necessary working conditions
   * (工作条件, 三(一)).
   */
  properties[PROP_WORK_CONDITIONS_PROVIDED] =
    g_param_spec_boolean ("work-conditions-provided", NULL, NULL, FALSE, flags);

  /**
   * CommunityWorkItem:one-vote-veto:
   *
   * Whether the item carries a one-vote veto (一票否决) over the community's
   * assessment, which the policy abolishes (三(一), the rule
   * `work-item.one-vote-veto`).
   */
  properties[PROP_ONE_VOTE_VETO] =
    g_param_spec_boolean ("one-vote-veto", NULL, NULL, FALSE, flags);

  /**
   * CommunityWorkItem:state:
   *
   * Where the item stands in the admission procedure (DOMAIN.md §3); unset
   * until the item is submitted.
   *
   * The step methods ([method@Community.WorkItem.submit] and the others)
   * change it one legal step at a time. Setting the property directly, as
   * the dataset loader does, checks nothing.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       COMMUNITY_TYPE_WORK_ITEM_STATE, COMMUNITY_WORK_ITEM_STATE_SUBMITTED, flags);

  /**
   * CommunityWorkItem:history:
   *
   * The states the item entered, in order, each with its time: a
   * [iface@Gio.ListModel] of [class@Community.WorkItemHistoryEntry], the
   * first `submitted`. Every step method appends to it. Unset when the data
   * gives none.
   */
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, G_TYPE_LIST_MODEL, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_work_item_init (CommunityWorkItem *self)
{
}

/**
 * community_work_item_new:
 * @id: the work item's identity
 *
 * Creates a work item with nothing but its identity set.
 *
 * Returns: (transfer full): a new work item
 */
CommunityWorkItem *
community_work_item_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (COMMUNITY_TYPE_WORK_ITEM, "id", id, NULL);
}

/* Admission (三(一), DOMAIN.md §3) ------------------------------------------- */

#define N_STATES (COMMUNITY_WORK_ITEM_STATE_REJECTED + 1)

static inline gboolean
state_is_valid (CommunityWorkItemState state)
{
  return (guint) state < N_STATES;
}

static const char *
state_nick (CommunityWorkItemState state)
{
  /* The class is alive: the state property's pspec holds it. */
  GEnumClass *klass = g_type_class_peek (COMMUNITY_TYPE_WORK_ITEM_STATE);
  GEnumValue *value = g_enum_get_value (klass, state);

  return value != NULL ? value->value_nick : "(invalid)";
}

static gboolean
peek_enum (CommunityWorkItem *self,
           guint              prop_id,
           int               *out)
{
  const GValue *value = community_record_peek (COMMUNITY_RECORD (self), prop_id);

  if (value == NULL)
    return FALSE;
  *out = g_value_get_enum (value);
  return TRUE;
}

/* The list the item is on, an unset list counting as none. */
static CommunityWorkList
effective_list (CommunityWorkItem *self)
{
  int list = COMMUNITY_WORK_LIST_NONE;

  peek_enum (self, PROP_LIST, &list);
  return list;
}

/* How the item is delivered, an unset delivery counting as direct. */
static CommunityDelivery
effective_delivery (CommunityWorkItem *self)
{
  int delivery = COMMUNITY_DELIVERY_DIRECT;

  peek_enum (self, PROP_DELIVERY, &delivery);
  return delivery;
}

/* The state the next step starts from; FALSE when the item has not been
 * submitted (its state is unset). */
static gboolean
current_state (CommunityWorkItem      *self,
               CommunityWorkItemState *state)
{
  int value = COMMUNITY_WORK_ITEM_STATE_SUBMITTED;
  gboolean has_state = peek_enum (self, PROP_STATE, &value);

  *state = value;
  return has_state;
}

/* The table: whether one step leads from @from (or from nothing, when
 * !@has_from) to @to on the path of an item that needs review or not. */
static gboolean
step_is_legal (gboolean               review,
               gboolean               has_from,
               CommunityWorkItemState from,
               CommunityWorkItemState to)
{
  if (!has_from)
    return to == COMMUNITY_WORK_ITEM_STATE_SUBMITTED;

  switch (from)
    {
    case COMMUNITY_WORK_ITEM_STATE_SUBMITTED:
      return to == (review ? COMMUNITY_WORK_ITEM_STATE_LEGAL_REVIEW
                           : COMMUNITY_WORK_ITEM_STATE_ADMITTED);
    case COMMUNITY_WORK_ITEM_STATE_LEGAL_REVIEW:
      return review && (to == COMMUNITY_WORK_ITEM_STATE_COMMITTEE_REVIEW ||
                        to == COMMUNITY_WORK_ITEM_STATE_REJECTED);
    case COMMUNITY_WORK_ITEM_STATE_COMMITTEE_REVIEW:
      return review && (to == COMMUNITY_WORK_ITEM_STATE_ADMITTED ||
                        to == COMMUNITY_WORK_ITEM_STATE_REJECTED);
    case COMMUNITY_WORK_ITEM_STATE_ADMITTED:
    case COMMUNITY_WORK_ITEM_STATE_REJECTED:
    default:
      return FALSE;
    }
}

/**
 * community_work_item_needs_review:
 * @self: a work item
 *
 * Tells whether the item must pass the legal review and the approval before
 * it is admitted (社区工作事项准入制度, 三(一)): an item on neither of the two
 * lists that the community is to do itself. An item on one of the lists, or
 * one delegated by purchase of services (购买服务), is admitted without
 * review.
 *
 * The workflow takes the stricter view of what it does not know: an item
 * whose [property@Community.WorkItem:list] is unset counts as on neither
 * list, and one whose [property@Community.WorkItem:delivery] is unset as done
 * directly.
 *
 * Returns: %TRUE if the item is admitted only after review
 */
gboolean
community_work_item_needs_review (CommunityWorkItem *self)
{
  g_return_val_if_fail (COMMUNITY_IS_WORK_ITEM (self), FALSE);

  return effective_list (self) == COMMUNITY_WORK_LIST_NONE &&
         effective_delivery (self) == COMMUNITY_DELIVERY_DIRECT;
}

/**
 * community_work_item_can_transition:
 * @self: a work item
 * @to: the state it would go to
 *
 * Tells whether one step of the admission procedure would take the item from
 * its current [property@Community.WorkItem:state] to @to, given its list and
 * delivery ([method@Community.WorkItem.needs_review]):
 *
 * - an item whose state is unset has not been submitted, and can only go to
 *   `submitted`;
 * - an item admitted without review goes `submitted → admitted`;
 * - any other item goes `submitted → legal_review`, `legal_review →
 *   committee_review` or `rejected`, and `committee_review → admitted` or
 *   `rejected`.
 *
 * `admitted` and `rejected` are final. The dates the steps record are not
 * considered.
 *
 * Returns: %TRUE if the step is allowed
 */
gboolean
community_work_item_can_transition (CommunityWorkItem      *self,
                                    CommunityWorkItemState  to)
{
  CommunityWorkItemState from;
  gboolean has_from;

  g_return_val_if_fail (COMMUNITY_IS_WORK_ITEM (self), FALSE);

  has_from = current_state (self, &from);
  return state_is_valid (to) &&
         step_is_legal (community_work_item_needs_review (self), has_from, from, to);
}

/* Why an item that is admitted without review is: "is on the “…” list" or
 * "is delegated by purchase of services". */
static char *
describe_direct_admission (CommunityWorkItem *self)
{
  CommunityWorkList list = effective_list (self);

  if (list != COMMUNITY_WORK_LIST_NONE)
    {
      GEnumClass *klass = g_type_class_peek (COMMUNITY_TYPE_WORK_LIST);
      GEnumValue *value = g_enum_get_value (klass, list);

      return g_strdup_printf ("is on the “%s” list",
                              value != NULL ? value->value_nick : "(invalid)");
    }

  return g_strdup ("is delegated by purchase of services");
}

/* Checks that the step from @source (nothing when !@has_source) to @to is
 * allowed now, or sets @error saying why not. */
static gboolean
check_step (CommunityWorkItem      *self,
            gboolean                has_source,
            CommunityWorkItemState  source,
            CommunityWorkItemState  to,
            GError                **error)
{
  CommunityWorkItemState from;
  gboolean has_from = current_state (self, &from);
  gboolean review = community_work_item_needs_review (self);

  if (has_from == has_source && (!has_from || from == source) &&
      step_is_legal (review, has_from, from, to))
    return TRUE;

  if (has_from == has_source && (!has_from || from == source))
    {
      /* The right state for the step, but the wrong path for the item. */
      if (review)
        g_set_error (error, COMMUNITY_WORKFLOW_ERROR, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION,
                     "a work item cannot go from “%s” to “%s”: an item on neither list that is "
                     "not delegated by purchase of services is admitted only after a legal "
                     "review and an approval (三(一))",
                     state_nick (from), state_nick (to));
      else
        {
          g_autofree char *why = describe_direct_admission (self);

          g_set_error (error, COMMUNITY_WORKFLOW_ERROR, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION,
                       "a work item cannot go from “%s” to “%s”: the item %s and is admitted "
                       "without review (三(一))",
                       state_nick (from), state_nick (to), why);
        }
    }
  else if (!has_from)
    g_set_error (error, COMMUNITY_WORKFLOW_ERROR, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION,
                 "a work item that was not submitted cannot go to “%s”; it goes to “%s” first",
                 state_nick (to), state_nick (COMMUNITY_WORK_ITEM_STATE_SUBMITTED));
  else if (!has_source)
    g_set_error (error, COMMUNITY_WORKFLOW_ERROR, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION,
                 "a work item cannot go from “%s” to “%s”: it was submitted already",
                 state_nick (from), state_nick (to));
  else
    g_set_error (error, COMMUNITY_WORKFLOW_ERROR, COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION,
                 "a work item cannot go from “%s” to “%s”; this step is taken in “%s”",
                 state_nick (from), state_nick (to), state_nick (source));

  return FALSE;
}

/* The time of the last entry of the item's history, if it has one. */
static GDateTime *
last_history_time (CommunityWorkItem *self)
{
  const GValue *value = community_record_peek (COMMUNITY_RECORD (self), PROP_HISTORY);
  GListModel *history = value != NULL ? g_value_get_object (value) : NULL;
  guint n = history != NULL ? g_list_model_get_n_items (history) : 0;
  g_autoptr(GObject) last = NULL;
  GDateTime *at = NULL;

  if (n == 0)
    return NULL;
  last = g_list_model_get_item (history, n - 1);
  if (COMMUNITY_IS_WORK_ITEM_HISTORY_ENTRY (last))
    g_object_get (last, "at", &at, NULL);
  return at;
}

/* Refuses a step timed @at before the last entry of the history. */
static gboolean
check_time (CommunityWorkItem       *self,
            CommunityWorkItemState   to,
            GDateTime               *at,
            GError                 **error)
{
  g_autoptr(GDateTime) last_at = last_history_time (self);
  g_autofree char *at_text = NULL;
  g_autofree char *last_text = NULL;

  if (last_at == NULL || g_date_time_compare (at, last_at) >= 0)
    return TRUE;

  at_text = g_date_time_format_iso8601 (at);
  last_text = g_date_time_format_iso8601 (last_at);
  g_set_error (error, COMMUNITY_WORKFLOW_ERROR, COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER,
               "a work item cannot enter “%s” at %s, before the last entry of its history (%s)",
               state_nick (to), at_text, last_text);
  return FALSE;
}

/* Sets the state and appends it, at @at, to the history, notifying once. */
static void
enter_state (CommunityWorkItem      *self,
             CommunityWorkItemState  state,
             GDateTime              *at)
{
  g_autoptr(CommunityWorkItemHistoryEntry) entry =
    g_object_new (COMMUNITY_TYPE_WORK_ITEM_HISTORY_ENTRY, "state", state, "at", at, NULL);

  community_entity_freeze_changes (COMMUNITY_ENTITY (self));
  g_object_set (self, "state", state, NULL);
  community_record_append_item (COMMUNITY_RECORD (self), PROP_HISTORY, entry);
  community_entity_thaw_changes (COMMUNITY_ENTITY (self));
}

/* @at, or now when it is NULL: a new reference. */
static GDateTime *
time_or_now (GDateTime *at)
{
  return at != NULL ? g_date_time_ref (at) : g_date_time_new_now_local ();
}

/* The history time of a step dated @date (NULL: today): now when the date
 * is today, else the start of that day in local time. */
static GDateTime *
time_of_date (const GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (date == NULL ||
      (g_date_get_year (date) == (guint) g_date_time_get_year (now) &&
       g_date_get_month (date) == (guint) g_date_time_get_month (now) &&
       g_date_get_day (date) == (guint) g_date_time_get_day_of_month (now)))
    return g_steal_pointer (&now);

  return g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                g_date_get_day (date), 0, 0, 0);
}

/**
 * community_work_item_submit:
 * @self: a work item
 * @at: (nullable): when the item was submitted, or %NULL for now
 * @error: return location for a [error@Community.WorkflowError]
 *
 * Submits the item (申报): it goes from no state to `submitted`. An item
 * whose [property@Community.WorkItem:state] is set has been submitted
 * already, and the step fails with
 * %COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION, changing nothing.
 *
 * Returns: %TRUE if the item was submitted, %FALSE if @error is set
 */
gboolean
community_work_item_submit (CommunityWorkItem  *self,
                            GDateTime          *at,
                            GError            **error)
{
  g_autoptr(GDateTime) time = NULL;

  g_return_val_if_fail (COMMUNITY_IS_WORK_ITEM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  time = time_or_now (at);
  if (!check_step (self, FALSE, 0, COMMUNITY_WORK_ITEM_STATE_SUBMITTED, error) ||
      !check_time (self, COMMUNITY_WORK_ITEM_STATE_SUBMITTED, time, error))
    return FALSE;

  enter_state (self, COMMUNITY_WORK_ITEM_STATE_SUBMITTED, time);
  return TRUE;
}

/**
 * community_work_item_admit:
 * @self: a work item
 * @at: (nullable): when the item was admitted, or %NULL for now
 * @error: return location for a [error@Community.WorkflowError]
 *
 * Admits a submitted item without review: `submitted → admitted`, for an
 * item on one of the two lists or one delegated by purchase of services
 * (三(一)).
 *
 * Any other item needs a legal review and an approval first
 * ([method@Community.WorkItem.needs_review]); for it, as for an item that is
 * not `submitted`, the step fails with
 * %COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION and changes nothing. Such an
 * item is admitted by [method@Community.WorkItem.record_approval].
 *
 * Returns: %TRUE if the item was admitted, %FALSE if @error is set
 */
gboolean
community_work_item_admit (CommunityWorkItem  *self,
                           GDateTime          *at,
                           GError            **error)
{
  g_autoptr(GDateTime) time = NULL;

  g_return_val_if_fail (COMMUNITY_IS_WORK_ITEM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  time = time_or_now (at);
  if (!check_step (self, TRUE, COMMUNITY_WORK_ITEM_STATE_SUBMITTED, COMMUNITY_WORK_ITEM_STATE_ADMITTED, error) ||
      !check_time (self, COMMUNITY_WORK_ITEM_STATE_ADMITTED, time, error))
    return FALSE;

  enter_state (self, COMMUNITY_WORK_ITEM_STATE_ADMITTED, time);
  return TRUE;
}

/**
 * community_work_item_start_legal_review:
 * @self: a work item
 * @at: (nullable): when the item was sent to the legal review, or %NULL for now
 * @error: return location for a [error@Community.WorkflowError]
 *
 * Sends a submitted item that needs review
 * ([method@Community.WorkItem.needs_review]) to the legal affairs office of
 * the government (法制办审核): `submitted → legal_review`.
 *
 * An item admitted without review, or one that is not `submitted`, cannot
 * take this step: it fails with %COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION
 * and changes nothing.
 *
 * Returns: %TRUE if the review started, %FALSE if @error is set
 */
gboolean
community_work_item_start_legal_review (CommunityWorkItem  *self,
                                        GDateTime          *at,
                                        GError            **error)
{
  g_autoptr(GDateTime) time = NULL;

  g_return_val_if_fail (COMMUNITY_IS_WORK_ITEM (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  time = time_or_now (at);
  if (!check_step (self, TRUE, COMMUNITY_WORK_ITEM_STATE_SUBMITTED, COMMUNITY_WORK_ITEM_STATE_LEGAL_REVIEW, error) ||
      !check_time (self, COMMUNITY_WORK_ITEM_STATE_LEGAL_REVIEW, time, error))
    return FALSE;

  enter_state (self, COMMUNITY_WORK_ITEM_STATE_LEGAL_REVIEW, time);
  return TRUE;
}

/* @date, or today when it is NULL, as a new GDate. */
static GDate *
date_or_today (const GDate *date)
{
  g_autoptr(GDateTime) now = NULL;

  if (date != NULL)
    return g_date_copy (date);

  now = g_date_time_new_now_local ();
  return g_date_new_dmy (g_date_time_get_day_of_month (now),
                         g_date_time_get_month (now),
                         g_date_time_get_year (now));
}

/**
 * community_work_item_record_legal_review:
 * @self: a work item
 * @approved: whether the legal affairs office approved the item
 * @date: (nullable): the date of the review, or %NULL for today
 * @error: return location for a [error@Community.WorkflowError]
 *
 * Records the result of the legal review (法制办审核, 三(一)) of an item in
 * `legal_review`: a new [class@Community.Review] `{approved, date}` becomes
 * [property@Community.WorkItem:legal-review], replacing any review the item
 * had, and the item goes to `committee_review` if the review approved it,
 * to `rejected` if not.
 *
 * An item that is not in `legal_review`, or that is admitted without review,
 * cannot take this step: it fails with
 * %COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION and changes nothing.
 *
 * The history entry's time is now when @date is today or %NULL, else the
 * start of @date in local time.
 *
 * Emits `notify::legal-review`, `notify::state` and (when the history object
 * itself changes) `notify::history` once everything has changed.
 *
 * Returns: %TRUE if the review was recorded, %FALSE if @error is set
 */
gboolean
community_work_item_record_legal_review (CommunityWorkItem  *self,
                                         gboolean            approved,
                                         const GDate        *date,
                                         GError            **error)
{
  CommunityWorkItemState to;
  g_autoptr(CommunityReview) review = NULL;
  g_autoptr(GDate) day = NULL;
  g_autoptr(GDateTime) time = NULL;

  g_return_val_if_fail (COMMUNITY_IS_WORK_ITEM (self), FALSE);
  g_return_val_if_fail (date == NULL || g_date_valid (date), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  to = approved ? COMMUNITY_WORK_ITEM_STATE_COMMITTEE_REVIEW : COMMUNITY_WORK_ITEM_STATE_REJECTED;
  if (!check_step (self, TRUE, COMMUNITY_WORK_ITEM_STATE_LEGAL_REVIEW, to, error))
    return FALSE;

  time = time_of_date (date);
  if (!check_time (self, to, time, error))
    return FALSE;

  day = date_or_today (date);
  review = g_object_new (COMMUNITY_TYPE_REVIEW, "approved", approved, "date", day, NULL);

  community_entity_freeze_changes (COMMUNITY_ENTITY (self));
  g_object_set (self, "legal-review", review, NULL);
  enter_state (self, to, time);
  community_entity_thaw_changes (COMMUNITY_ENTITY (self));

  return TRUE;
}

/* The date of the item's legal review, if it has one. */
static const GDate *
peek_legal_review_date (CommunityWorkItem *self)
{
  const GValue *value = community_record_peek (COMMUNITY_RECORD (self), PROP_LEGAL_REVIEW);
  GObject *review;
  GParamSpec *pspec;

  if (value == NULL || (review = g_value_get_object (value)) == NULL)
    return NULL;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (review), "date");
  value = community_record_peek (COMMUNITY_RECORD (review), pspec->param_id);
  return value != NULL ? g_value_get_boxed (value) : NULL;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/**
 * community_work_item_record_approval:
 * @self: a work item
 * @body: the meeting that considered the item
 * @approved: whether it approved the item (研究同意)
 * @date: (nullable): the date of the meeting, or %NULL for today
 * @error: return location for a [error@Community.WorkflowError]
 *
 * Records the decision of the party standing committee or the government's
 * executive meeting (三(一)) on an item in `committee_review`: a new
 * [class@Community.Approval] `{body, approved, date}` becomes
 * [property@Community.WorkItem:approval], replacing any the item had, and the
 * item goes to `admitted` if the meeting approved it, to `rejected` if not.
 *
 * An item that is not in `committee_review`, or that is admitted without
 * review, cannot take this step: it fails with
 * %COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION. A meeting dated before the
 * item's legal review fails with %COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER (the
 * same day is allowed). Either way nothing changes.
 *
 * The history entry's time is now when @date is today or %NULL, else the
 * start of @date in local time.
 *
 * Emits `notify::approval`, `notify::state` and (when the history object
 * itself changes) `notify::history` once everything has changed.
 *
 * Returns: %TRUE if the approval was recorded, %FALSE if @error is set
 */
gboolean
community_work_item_record_approval (CommunityWorkItem      *self,
                                     CommunityApprovalBody   body,
                                     gboolean                approved,
                                     const GDate            *date,
                                     GError                **error)
{
  CommunityWorkItemState to;
  g_autoptr(CommunityApproval) approval = NULL;
  g_autoptr(GDate) day = NULL;
  g_autoptr(GDateTime) time = NULL;
  const GDate *review_date;

  g_return_val_if_fail (COMMUNITY_IS_WORK_ITEM (self), FALSE);
  g_return_val_if_fail (body == COMMUNITY_APPROVAL_BODY_PARTY_STANDING_COMMITTEE ||
                        body == COMMUNITY_APPROVAL_BODY_GOVERNMENT_EXECUTIVE_MEETING, FALSE);
  g_return_val_if_fail (date == NULL || g_date_valid (date), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  to = approved ? COMMUNITY_WORK_ITEM_STATE_ADMITTED : COMMUNITY_WORK_ITEM_STATE_REJECTED;
  if (!check_step (self, TRUE, COMMUNITY_WORK_ITEM_STATE_COMMITTEE_REVIEW, to, error))
    return FALSE;

  day = date_or_today (date);
  review_date = peek_legal_review_date (self);
  if (review_date != NULL && g_date_valid (review_date) && g_date_compare (day, review_date) < 0)
    {
      g_autofree char *day_text = format_date (day);
      g_autofree char *review_text = format_date (review_date);

      g_set_error (error, COMMUNITY_WORKFLOW_ERROR, COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER,
                   "a work item's approval meeting (%s) cannot come before its legal review (%s)",
                   day_text, review_text);
      return FALSE;
    }

  time = time_of_date (date);
  if (!check_time (self, to, time, error))
    return FALSE;

  approval = g_object_new (COMMUNITY_TYPE_APPROVAL,
                           "body", body,
                           "approved", approved,
                           "date", day,
                           NULL);

  community_entity_freeze_changes (COMMUNITY_ENTITY (self));
  g_object_set (self, "approval", approval, NULL);
  enter_state (self, to, time);
  community_entity_thaw_changes (COMMUNITY_ENTITY (self));

  return TRUE;
}
