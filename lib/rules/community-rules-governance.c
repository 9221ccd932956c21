/* community-rules-governance.c: the rules of DOMAIN.md §4 about governance
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "community-rules-catalog.h"
#include "community-consultation.h"
#include "community-history-entry.h"
#include "community-identifiers.h"
#include "community-enum-types.h"
#include "community-error.h"
#include "community-vocabulary-private.h"

static const char *
enum_nick (GType type,
           int   value)
{
  /* The classes are alive: the entities' pspecs hold them. */
  GEnumValue *enum_value = g_enum_get_value (g_type_class_peek (type), value);

  return enum_value != NULL ? enum_value->value_nick : NULL;
}

/* "2019-05-08". Free with g_free(). */
static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                          (guint) g_date_get_month (date), g_date_get_day (date));
}

/* --- consultations (三(三)) --- */

static void
check_led_by (CommunityRuleContext *ctx,
              gpointer              consultation,
              gpointer              data)
{
  JsonArray *leads;
  int led_by;

  if (!community_field_enum (consultation, "led_by", &led_by))
    {
      community_rule_not_applicable (ctx);
      return;
    }

  if (led_by != COMMUNITY_CONSULTATION_LEAD_OTHER)
    {
      community_rule_pass (ctx);
      return;
    }

  leads = json_array_new ();
  json_array_add_string_element (leads, "party_organization");
  json_array_add_string_element (leads, "self_governing_organization");
  community_rule_fail (ctx, COMMUNITY_ENTITY (consultation), "led_by",
                       json_node_init_array (json_node_alloc (), leads),
                       community_json_string (enum_nick (COMMUNITY_TYPE_CONSULTATION_LEAD, led_by)), 0,
                       _("Consultation %s is led neither by the community's party organization nor by "
                         "its self-governing organization"),
                       community_rule_identity (consultation));
  json_array_unref (leads);
}

/* consultation.led-by: a consultation is led by the party organization or
 * the self-governing organization, not `other`; unknown is not
 * applicable. Expected is the two leads, actual the one given. */
void
community_rule_consultation_led_by (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_CONSULTATION, check_led_by, NULL);
}

/* The history of a consultation, or NULL. Borrowed. */
static GListModel *
history_of (gpointer consultation)
{
  gpointer history = community_field_object (consultation, "history");

  return G_IS_LIST_MODEL (history) ? history : NULL;
}

/* Entry @i of @history: its state (FALSE if it has none) and its time
 * (NULL if none, borrowed). */
static gboolean
read_entry (GListModel  *history,
            guint        i,
            int         *state,
            GDateTime  **at)
{
  GObject *entry = community_rule_item (history, i);
  const GValue *value;

  *at = NULL;
  if (!COMMUNITY_IS_HISTORY_ENTRY (entry))
    return FALSE;

  /* The consultation's history holds the entry, and so its time. */
  value = community_record_peek_by_name (COMMUNITY_RECORD (entry), "at");
  if (value != NULL)
    *at = g_value_get_boxed (value);

  return community_field_enum (entry, "state", state);
}

static JsonNode *
json_time (GDateTime *at)
{
  g_autofree char *text = at != NULL ? g_date_time_format_iso8601 (at) : NULL;

  return community_json_string (text);
}

/* The states that may follow @prev (or start a history, when @i is 0). */
static JsonNode *
json_next_states (guint i,
                  int   prev)
{
  GEnumClass *states = g_type_class_peek (COMMUNITY_TYPE_CONSULTATION_STATE);
  JsonArray *array = json_array_new ();
  JsonNode *node;

  for (guint v = 0; v < states->n_values; v++)
    {
      int state = states->values[v].value;

      if (i == 0 ? state == COMMUNITY_CONSULTATION_STATE_PROPOSED
                 : community_consultation_state_can_transition (prev, state))
        json_array_add_string_element (array, states->values[v].value_nick);
    }
  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);

  return node;
}

static void
check_history (CommunityRuleContext *ctx,
               gpointer              consultation,
               gpointer              data)
{
  const char *id = community_rule_identity (consultation);
  GListModel *history = history_of (consultation);
  guint n = history != NULL ? g_list_model_get_n_items (history) : 0;
  g_autoptr(GError) error = NULL;
  g_autofree char *member = NULL;
  guint first_bad = 0;
  int state = 0, entry_state, prev_state = COMMUNITY_CONSULTATION_STATE_PROPOSED;
  gboolean has_state = community_field_enum (consultation, "state", &state);
  gboolean entry_has_state;
  GDateTime *at, *prev_at = NULL;

  if (!has_state && n == 0)
    {
      community_rule_not_applicable (ctx);
      return;
    }

  if (community_consultation_check_history (consultation, &first_bad, &error))
    {
      community_rule_pass (ctx);
      return;
    }

  /* A state without any history: the path is the history itself. */
  if (n == 0)
    {
      community_rule_fail (ctx, COMMUNITY_ENTITY (consultation), "history",
                           community_json_string (enum_nick (COMMUNITY_TYPE_CONSULTATION_STATE, state)),
                           community_json_null (), 0,
                           _("Consultation %s is in state “%s” but has no history"),
                           id, community_vocabulary_term (COMMUNITY_TYPE_CONSULTATION_STATE, state));
      return;
    }

  member = g_strdup_printf ("history/%u", first_bad);
  entry_has_state = read_entry (history, first_bad, &entry_state, &at);
  if (first_bad > 0)
    read_entry (history, first_bad - 1, &prev_state, &prev_at);

  if (g_error_matches (error, COMMUNITY_WORKFLOW_ERROR, COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER))
    {
      /* Expected: no earlier than the entry before; actual: its time. */
      community_rule_fail (ctx, COMMUNITY_ENTITY (consultation), member,
                           json_time (prev_at), json_time (at), 0,
                           at == NULL
                           /* TRANSLATORS: the entry's position, counted from 1 */
                           ? _("Entry %u of the history of consultation %s has no time")
                           /* TRANSLATORS: the entry's position, counted from 1 */
                           : _("Entry %u of the history of consultation %s is dated before the entry "
                               "before it"),
                           first_bad + 1, id);
      return;
    }

  if (entry_has_state && first_bad == n - 1 && has_state && entry_state != state &&
      (first_bad == 0 ? entry_state == COMMUNITY_CONSULTATION_STATE_PROPOSED
                      : community_consultation_state_can_transition (prev_state, entry_state)))
    {
      /* The steps are legal but do not end in the state. */
      community_rule_fail (ctx, COMMUNITY_ENTITY (consultation), member,
                           community_json_string (enum_nick (COMMUNITY_TYPE_CONSULTATION_STATE, state)),
                           community_json_string (enum_nick (COMMUNITY_TYPE_CONSULTATION_STATE, entry_state)), 0,
                           _("The history of consultation %s ends in “%s” but the consultation is in “%s”"),
                           id, community_vocabulary_term (COMMUNITY_TYPE_CONSULTATION_STATE, entry_state),
                           community_vocabulary_term (COMMUNITY_TYPE_CONSULTATION_STATE, state));
      return;
    }

  /* Expected: the states that may come here; actual: the entry's. */
  if (!entry_has_state)
    community_rule_fail (ctx, COMMUNITY_ENTITY (consultation), member,
                         json_next_states (first_bad, prev_state), community_json_null (), 0,
                         /* TRANSLATORS: the entry's position, counted from 1 */
                         _("Entry %u of the history of consultation %s has no state"),
                         first_bad + 1, id);
  else if (first_bad == 0)
    community_rule_fail (ctx, COMMUNITY_ENTITY (consultation), member,
                         json_next_states (first_bad, prev_state),
                         community_json_string (enum_nick (COMMUNITY_TYPE_CONSULTATION_STATE, entry_state)), 0,
                         _("The history of consultation %s starts in “%s”, not in “%s”"),
                         id, community_vocabulary_term (COMMUNITY_TYPE_CONSULTATION_STATE, entry_state),
                         community_vocabulary_term (COMMUNITY_TYPE_CONSULTATION_STATE,
                                                    COMMUNITY_CONSULTATION_STATE_PROPOSED));
  else
    community_rule_fail (ctx, COMMUNITY_ENTITY (consultation), member,
                         json_next_states (first_bad, prev_state),
                         community_json_string (enum_nick (COMMUNITY_TYPE_CONSULTATION_STATE, entry_state)), 0,
                         /* TRANSLATORS: the entry's position, counted from 1, then the
                          * consultation's id and the two states */
                         _("Entry %u of the history of consultation %s goes from “%s” to “%s”, a step "
                           "the workflow does not allow"),
                         first_bad + 1, id, community_vocabulary_term (COMMUNITY_TYPE_CONSULTATION_STATE, prev_state),
                         community_vocabulary_term (COMMUNITY_TYPE_CONSULTATION_STATE, entry_state));
}

/* consultation.history: the history is a legal sequence of transitions in
 * time order, starting in `proposed` and ending in `state`
 * (community_consultation_check_history()). The path is the first wrong
 * entry, …/history/<n>, or …/history when a consultation has a state and
 * no history at all. Expected/actual: for a step the workflow does not
 * allow, the states that may come there (an array) and the entry's state;
 * for a history that ends elsewhere than the state, the state and the last
 * entry's; for an entry out of time order, the time of the entry before it
 * and its own. A consultation with neither state nor history has not
 * started and is not applicable. */
void
community_rule_consultation_history (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_CONSULTATION, check_history, NULL);
}

/* The date of the last entry of the history in @state, in the entry's own
 * time zone; FALSE if there is none. */
static gboolean
date_entered (gpointer consultation,
              int      state,
              GDate   *date)
{
  GListModel *history = history_of (consultation);
  guint n = history != NULL ? g_list_model_get_n_items (history) : 0;

  for (guint i = n; i > 0; i--)
    {
      int entry_state;
      GDateTime *at;

      if (read_entry (history, i - 1, &entry_state, &at) && entry_state == state && at != NULL)
        {
          int year, month, day;

          g_date_time_get_ymd (at, &year, &month, &day);
          g_date_clear (date, 1);
          g_date_set_dmy (date, day, month, year);
          return TRUE;
        }
    }

  return FALSE;
}

static void
check_feedback_overdue (CommunityRuleContext *ctx,
                        gpointer              consultation,
                        gpointer              data)
{
  const GDate *as_of = community_dataset_get_as_of (community_rule_get_dataset (ctx));
  const char *id = community_rule_identity (consultation);
  g_autofree char *since_text = NULL;
  double limit_param;
  guint limit;
  GDate since;
  int state, days;

  if (as_of == NULL || !g_date_valid (as_of) || !community_field_enum (consultation, "state", &state) ||
      (state != COMMUNITY_CONSULTATION_STATE_ADOPTED && state != COMMUNITY_CONSULTATION_STATE_IMPLEMENTED) ||
      !date_entered (consultation, state, &since))
    {
      community_rule_not_applicable (ctx);
      return;
    }

  days = g_date_days_between (&since, as_of);
  limit_param = community_rule_param (ctx, state == COMMUNITY_CONSULTATION_STATE_ADOPTED
                                           ? "implement_days" : "feedback_days");
  if (isnan (limit_param))
    {
      /* The policy sets no deadline: the ruleset must give one. */
      community_rule_not_applicable (ctx);
      return;
    }
  limit = (guint) limit_param;
  if (days <= (int) limit)
    {
      community_rule_pass (ctx);
      return;
    }

  since_text = format_date (&since);
  community_rule_fail (ctx, COMMUNITY_ENTITY (consultation), "state",
                       community_json_int (limit), community_json_int (days), 0,
                       state == COMMUNITY_CONSULTATION_STATE_ADOPTED
                       ? _("The outcome of consultation %s was adopted on %s, %d days ago, and is not "
                           "implemented yet; it should be within %u days")
                       : _("The outcome of consultation %s was implemented on %s, %d days ago, and no "
                           "feedback was given yet; it should be within %u days"),
                       id, since_text, days, limit);
}

/* consultation.feedback-overdue: at the dataset's as_of date, an outcome
 * adopted more than implement_days ago is implemented, and one implemented
 * more than feedback_days ago has had its feedback given; the days count
 * from the date of the history entry that entered the state (the last one,
 * in its own time zone).
 *
 * Judged: consultations in state `adopted` or `implemented`, whose clock
 * runs; the others are not applicable, as are all when the dataset has no
 * as_of and those whose history does not say when they entered the state
 * (consultation.history reports that). The path is the state, expected the
 * days allowed and actual the days elapsed (a ceiling: no shortfall). */
void
community_rule_consultation_feedback_overdue (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_CONSULTATION, check_feedback_overdue, NULL);
}

/* --- work items (三(一)) --- */

/* Whether the item is one the admission procedure governs: admitted, on
 * neither list and done by the community itself. Unknown state, list or
 * delivery leaves it out (not applicable). */
static gboolean
needs_admission_review (gpointer item)
{
  int state, list, delivery;

  return community_field_enum (item, "state", &state) && state == COMMUNITY_WORK_ITEM_STATE_ADMITTED &&
         community_field_enum (item, "list", &list) && list == COMMUNITY_WORK_LIST_NONE &&
         community_field_enum (item, "delivery", &delivery) && delivery == COMMUNITY_DELIVERY_DIRECT;
}

static JsonNode *
json_optional_bool (gpointer    record,
                    const char *json_name)
{
  gboolean value;

  return community_field_boolean_named (record, json_name, &value) ? community_json_bool (value) : community_json_null ();
}

static gboolean
is_approved (gpointer record)
{
  gboolean approved;

  return community_field_boolean (record, "approved", &approved) && approved;
}

static void
check_admission (CommunityRuleContext *ctx,
                 gpointer              item,
                 gpointer              data)
{
  const char *id = community_rule_identity (item);
  gpointer review, approval;
  const GDate *review_date, *approval_date;

  if (!needs_admission_review (item))
    {
      community_rule_not_applicable (ctx);
      return;
    }

  review = community_field_object (item, "legal_review");
  if (review == NULL)
    {
      community_rule_fail (ctx, COMMUNITY_ENTITY (item), "legal_review",
                           community_json_bool (TRUE), community_json_null (), 0,
                           _("Work item %s was admitted outside both lists without a legal review (法制办审核)"),
                           id);
      return;
    }
  if (!is_approved (review))
    {
      community_rule_fail (ctx, COMMUNITY_ENTITY (item), "legal_review/approved",
                           community_json_bool (TRUE), json_optional_bool (review, "approved"), 0,
                           _("Work item %s was admitted outside both lists but its legal review (法制办审核) "
                             "did not approve it"),
                           id);
      return;
    }

  approval = community_field_object (item, "approval");
  if (approval == NULL)
    {
      community_rule_fail (ctx, COMMUNITY_ENTITY (item), "approval",
                           community_json_bool (TRUE), community_json_null (), 0,
                           _("Work item %s was admitted outside both lists without the approval of the party "
                             "standing committee or the government's executive meeting"),
                           id);
      return;
    }
  if (!is_approved (approval))
    {
      community_rule_fail (ctx, COMMUNITY_ENTITY (item), "approval/approved",
                           community_json_bool (TRUE), json_optional_bool (approval, "approved"), 0,
                           _("Work item %s was admitted outside both lists but the party standing committee "
                             "or the government's executive meeting did not approve it"),
                           id);
      return;
    }

  /* Undated, the order cannot be judged. */
  review_date = community_field_date (review, "date");
  approval_date = community_field_date (approval, "date");
  if (review_date == NULL || approval_date == NULL || !g_date_valid (review_date) || !g_date_valid (approval_date))
    {
      community_rule_not_applicable (ctx);
      return;
    }

  if (g_date_compare (review_date, approval_date) > 0)
    {
      g_autofree char *review_text = format_date (review_date);
      g_autofree char *approval_text = format_date (approval_date);

      community_rule_fail (ctx, COMMUNITY_ENTITY (item), "legal_review/date",
                           community_json_string (approval_text), community_json_string (review_text), 0,
                           _("The legal review of work item %s is dated %s, after its approval on %s"),
                           id, review_text, approval_text);
      return;
    }

  community_rule_pass (ctx);
}

/* work-item.admission: an `admitted` item with `list: none` and
 * `delivery: direct` has an approved `legal_review` and an approved
 * `approval`, the review dated no later than the approval (准入制度).
 *
 * Judged: items admitted, on neither list and delivered directly; items
 * on a list, delegated by purchase of services or not admitted are not
 * applicable, as are items whose state, list or delivery is unknown. The
 * path is the first part missing or wrong, in the order of the procedure:
 * …/legal_review, …/legal_review/approved, …/approval,
 * …/approval/approved, then …/legal_review/date (expected the approval's
 * date, actual the review's); expected `true` and actual the value (null
 * when absent) otherwise. Approved but undated: not applicable. */
void
community_rule_work_item_admission (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_WORK_ITEM, check_admission, NULL);
}

static void
check_resources (CommunityRuleContext *ctx,
                 gpointer              item,
                 gpointer              data)
{
  gboolean funding, conditions;
  gboolean has_funding, has_conditions;

  if (!needs_admission_review (item))
    {
      community_rule_not_applicable (ctx);
      return;
    }

  has_funding = community_field_boolean (item, "funding_provided", &funding);
  has_conditions = community_field_boolean (item, "work_conditions_provided", &conditions);

  if (has_funding && !funding)
    community_rule_fail (ctx, COMMUNITY_ENTITY (item), "funding_provided",
                         community_json_bool (TRUE), community_json_bool (FALSE), 0,
                         has_conditions && !conditions
                         ? _("Work item %s was admitted outside both lists without the necessary funding "
                             "or working conditions")
                         : _("Work item %s was admitted outside both lists without the necessary funding"),
                         community_rule_identity (item));
  else if (has_conditions && !conditions)
    community_rule_fail (ctx, COMMUNITY_ENTITY (item), "work_conditions_provided",
                         community_json_bool (TRUE), community_json_bool (FALSE), 0,
                         _("Work item %s was admitted outside both lists without the necessary working "
                           "conditions"),
                         community_rule_identity (item));
  else if (!has_funding || !has_conditions)
    community_rule_not_applicable (ctx);
  else
    community_rule_pass (ctx);
}

/* work-item.resources: an item work-item.admission judges (admitted, on
 * neither list, delivered directly) comes with `funding_provided` and
 * `work_conditions_provided` true. One finding per item, at the first that
 * is false (the message says when both are); either one unknown and the
 * other not false: not applicable. Expected true, actual false. */
void
community_rule_work_item_resources (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_WORK_ITEM, check_resources, NULL);
}

static void
check_prohibited_subject (CommunityRuleContext *ctx,
                          gpointer              item,
                          gpointer              data)
{
  JsonArray *allowed;
  int category, subject;

  if (!community_field_enum (item, "category", &category))
    {
      community_rule_not_applicable (ctx);
      return;
    }

  switch (category)
    {
    case COMMUNITY_WORK_CATEGORY_ADMINISTRATIVE_ENFORCEMENT:
    case COMMUNITY_WORK_CATEGORY_DEMOLITION:
    case COMMUNITY_WORK_CATEGORY_ENVIRONMENTAL_RECTIFICATION:
    case COMMUNITY_WORK_CATEGORY_URBAN_MANAGEMENT:
    case COMMUNITY_WORK_CATEGORY_INVESTMENT_ATTRACTION:
      break;
    default:
      community_rule_not_applicable (ctx);
      return;
    }

  if (!community_field_enum (item, "responsible_subject", &subject))
    {
      community_rule_not_applicable (ctx);
      return;
    }

  if (subject != COMMUNITY_RESPONSIBLE_SUBJECT_COMMUNITY_COMMITTEE)
    {
      community_rule_pass (ctx);
      return;
    }

  allowed = json_array_new ();
  json_array_add_string_element (allowed, "department");
  json_array_add_string_element (allowed, "street_office");
  community_rule_fail (ctx, COMMUNITY_ENTITY (item), "responsible_subject",
                       json_node_init_array (json_node_alloc (), allowed),
                       community_json_string (enum_nick (COMMUNITY_TYPE_RESPONSIBLE_SUBJECT, subject)), 0,
                       _("Work item %s (%s) makes the community's self-governing organization its "
                         "responsible subject"),
                       community_rule_identity (item), community_vocabulary_term (COMMUNITY_TYPE_WORK_CATEGORY, category));
  json_array_unref (allowed);
}

/* work-item.prohibited-subject: no item of category
 * `administrative_enforcement`, `demolition`,
 * `environmental_rectification`, `urban_management` or
 * `investment_attraction` has `responsible_subject: community_committee`
 * (不得). Judged: the items of those categories; others, and items whose
 * category or subject is unknown, are not applicable. Expected is the
 * subjects allowed, actual `community_committee`. */
void
community_rule_work_item_prohibited_subject (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_WORK_ITEM, check_prohibited_subject, NULL);
}

static void
check_one_vote_veto (CommunityRuleContext *ctx,
                     gpointer              item,
                     gpointer              data)
{
  gboolean veto;

  if (!community_field_boolean (item, "one_vote_veto", &veto))
    community_rule_not_applicable (ctx);
  else if (veto)
    community_rule_fail (ctx, COMMUNITY_ENTITY (item), "one_vote_veto",
                         community_json_bool (FALSE), community_json_bool (TRUE), 0,
                         _("Work item %s carries a one-vote veto (一票否决) over the community's assessment"),
                         community_rule_identity (item));
  else
    community_rule_pass (ctx);
}

/* work-item.one-vote-veto: no item carries a one-vote veto; unknown is not
 * applicable. Expected false, actual true. */
void
community_rule_work_item_one_vote_veto (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_WORK_ITEM, check_one_vote_veto, NULL);
}

static void
check_department_assessment (CommunityRuleContext *ctx,
                             gpointer              item,
                             gpointer              data)
{
  int category, issuer;

  if (!community_field_enum (item, "category", &category) || category != COMMUNITY_WORK_CATEGORY_ASSESSMENT)
    return;   /* only assessments are judged */

  if (!community_field_enum (item, "issued_by", &issuer))
    community_rule_not_applicable (ctx);
  else if (issuer == COMMUNITY_ISSUER_DEPARTMENT)
    community_rule_fail (ctx, COMMUNITY_ENTITY (item), "issued_by",
                         community_json_string ("grassroots_government"), community_json_string ("department"), 0,
                         _("Work item %s is an assessment (考核) issued by a functional department; the "
                           "grassroots government assesses the communities' work as a whole and the "
                           "departments no longer assess it on their own"),
                         community_rule_identity (item));
  else
    community_rule_pass (ctx);
}

/* work-item.department-assessment: no work item of category `assessment`
 * has `issued_by: department` (三(一), 实行基层政府统一对社区工作进行综合
 * 考核,各职能部门不再单独组织考核活动). Judged: the items of category
 * assessment; one whose issuer is unknown is not applicable. The path is
 * …/issued_by, expected "grassroots_government", actual "department". */
void
community_rule_work_item_department_assessment (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_WORK_ITEM, check_department_assessment, NULL);
}

/* The year of the item's `admitted` history entry, in the entry's own time
 * zone; FALSE when its history does not say. */
static gboolean
admitted_year (gpointer  item,
               guint    *year)
{
  GListModel *history = community_field_object (item, "history");
  guint n = history != NULL ? g_list_model_get_n_items (history) : 0;

  for (guint i = 0; i < n; i++)
    {
      gpointer entry = community_rule_item (history, i);
      GDateTime *at = community_field_slot_pointer (COMMUNITY_FIELD_SLOT (entry, "at"));
      int state;

      if (community_field_enum (entry, "state", &state) && state == COMMUNITY_WORK_ITEM_STATE_ADMITTED && at != NULL)
        {
          *year = (guint) g_date_time_get_year (at);
          return TRUE;
        }
    }

  return FALSE;
}

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* work-item.ledger-rating-cap: per community and year, the `ledger` and
 * `rating` items admitted that year (by the time of the history's
 * `admitted` entry) number at most max_per_year (三(一), 精简工作台账,
 * 减少创建评比达标). The policy gives no number: the parameter is null and
 * the rule ships disabled; a ruleset that sets it turns it on.
 *
 * An item applies to the communities it lists, or to every community when
 * it lists none. Judged: every community for every year in which any such
 * item was admitted; an admitted item whose history does not say when is
 * not applicable, once. The subject is the community and the path its own
 * pointer; expected {"year", "max"}, actual the number of items. */
void
community_rule_work_item_ledger_rating_cap (CommunityRuleContext *ctx)
{
  CommunityDataset *dataset = community_rule_get_dataset (ctx);
  GListModel *items = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_WORK_ITEM);
  GListModel *communities = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_COMMUNITY);
  guint n_items = g_list_model_get_n_items (items);
  guint n_communities = g_list_model_get_n_items (communities);
  double max = community_rule_param (ctx, "max_per_year");
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (guint));

  if (isnan (max))
    {
      community_rule_not_applicable (ctx);
      return;
    }

  for (guint i = 0; i < n_items; i++)
    {
      gpointer item = community_rule_item (items, i);
      const char * const *targets = community_field_strv (item, "communities");
      int category, state;
      guint year, y;

      if (!community_field_enum (item, "category", &category) ||
          (category != COMMUNITY_WORK_CATEGORY_LEDGER && category != COMMUNITY_WORK_CATEGORY_RATING) ||
          !community_field_enum (item, "state", &state) || state != COMMUNITY_WORK_ITEM_STATE_ADMITTED)
        continue;
      if (!admitted_year (item, &year))
        {
          community_rule_not_applicable (ctx);
          continue;
        }

      for (y = 0; y < years->len && g_array_index (years, guint, y) != year; y++)
        ;
      if (y == years->len)
        g_array_append_val (years, year);

      for (guint c = 0; c < (targets != NULL ? g_strv_length ((char **) targets) : n_communities); c++)
        {
          const char *code = targets != NULL ? targets[c]
                                             : community_rule_identity (community_rule_item (communities, c));
          char *key = g_strdup_printf ("%u/%s", year, code);
          guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

          g_hash_table_replace (counts, key, GUINT_TO_POINTER (count + 1));
        }
    }

  g_array_sort (years, compare_years);
  for (guint y = 0; y < years->len; y++)
    for (guint c = 0; c < n_communities; c++)
      {
        gpointer community = community_rule_item (communities, c);
        guint year = g_array_index (years, guint, y);
        g_autofree char *key = g_strdup_printf ("%u/%s", year, community_rule_identity (community));
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));
        JsonObject *expected;

        if (count <= max)
          {
            community_rule_pass (ctx);
            continue;
          }
        expected = json_object_new ();
        json_object_set_int_member (expected, "year", year);
        json_object_set_int_member (expected, "max", (gint64) max);
        community_rule_fail (ctx, COMMUNITY_ENTITY (community), NULL,
                             json_node_init_object (json_node_alloc (), expected),
                             community_json_int (count), 0,
                             _("In %u, %u ledger and rating items (台账、创建评比) were admitted into "
                               "community %s; at most %g a year are allowed (精简工作台账,减少创建评比达标)"),
                             year, count, community_rule_identity (community), max);
        json_object_unref (expected);
      }
}

/* --- social organizations, tasks --- */

static void
check_uscc (CommunityRuleContext *ctx,
            gpointer              organization,
            gpointer              data)
{
  const char *uscc = community_field_string (organization, "uscc");
  g_autoptr(GError) error = NULL;

  if (uscc == NULL)
    community_rule_not_applicable (ctx);
  else if (!community_uscc_validate (uscc, &error))
    community_rule_fail (ctx, COMMUNITY_ENTITY (organization), "uscc",
                         community_json_string ("GB 32100"), community_json_string (uscc), 0,
                         _("The unified social credit code %s of social organization %s is not a valid "
                           "GB 32100 code: %s"),
                         uscc, community_rule_identity (organization), error->message);
  else
    community_rule_pass (ctx);
}

/* social-org.uscc: `uscc`, when present, is a valid GB 32100 code
 * (community_uscc_validate(): length, charset, mod-31 check character).
 * An organization's code is not personal data: actual is the code,
 * expected the standard ("GB 32100"). */
void
community_rule_social_org_uscc (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_SOCIAL_ORGANIZATION, check_uscc, NULL);
}

static void
check_task_lead (CommunityRuleContext *ctx,
                 gpointer              task,
                 gpointer              data)
{
  const char * const *departments = community_field_strv (task, "departments");

  /* No department is the defect itself, not an unknown. */
  if (departments == NULL || departments[0] == NULL)
    community_rule_fail (ctx, COMMUNITY_ENTITY (task), "departments",
                         community_json_int (1), community_json_int (0), 1,
                         _("Task %s names no responsible department, so it has no lead unit (牵头单位)"),
                         community_rule_identity (task));
  else
    community_rule_pass (ctx);
}

/* task.lead: every task names at least one department; the first is the
 * lead (牵头单位). A floor: expected 1, actual 0, shortfall 1. Department
 * ids that name nothing are ref.unresolved's. */
void
community_rule_task_lead (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_TASK, check_task_lead, NULL);
}
