/* community-rule-result.c: how one rule fared over a dataset
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-report-private.h"
#include "json/community-json-private.h"
#include "community-enum-types.h"

/**
 * CommunityRuleResult:
 *
 * How one rule fared in a validation: to how many entities it applied, how
 * many passed and failed, and to how many it was not applicable because the
 * data did not say (an unknown value is not a violation, DOMAIN.md §2).
 * Immutable, and may be read from any thread, like the
 * [class@Community.Report] that holds it.
 */

struct _CommunityRuleResult
{
  GObject parent_instance;

  char *id;
  char *clause;
  CommunitySeverity severity;
  guint applied;
  guint passed;
  guint failed;
  guint not_applicable;
};

G_DEFINE_FINAL_TYPE (CommunityRuleResult, community_rule_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_CLAUSE,
  PROP_SEVERITY,
  PROP_APPLIED,
  PROP_PASSED,
  PROP_FAILED,
  PROP_NOT_APPLICABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
community_rule_result_finalize (GObject *object)
{
  CommunityRuleResult *self = COMMUNITY_RULE_RESULT (object);

  g_free (self->id);
  g_free (self->clause);

  G_OBJECT_CLASS (community_rule_result_parent_class)->finalize (object);
}

static void
community_rule_result_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CommunityRuleResult *self = COMMUNITY_RULE_RESULT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_CLAUSE: g_value_set_string (value, self->clause); break;
    case PROP_SEVERITY: g_value_set_enum (value, self->severity); break;
    case PROP_APPLIED: g_value_set_uint (value, self->applied); break;
    case PROP_PASSED: g_value_set_uint (value, self->passed); break;
    case PROP_FAILED: g_value_set_uint (value, self->failed); break;
    case PROP_NOT_APPLICABLE: g_value_set_uint (value, self->not_applicable); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_rule_result_class_init (CommunityRuleResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = community_rule_result_finalize;
  object_class->get_property = community_rule_result_get_property;

  /**
   * CommunityRuleResult:id:
   *
   * The rule id.
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  /**
   * CommunityRuleResult:clause:
   *
   * The clause of the policy the rule enforces.
   */
  properties[PROP_CLAUSE] = g_param_spec_string ("clause", NULL, NULL, NULL, flags);
  /**
   * CommunityRuleResult:severity:
   *
   * The severity of the rule's findings.
   */
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, COMMUNITY_TYPE_SEVERITY, COMMUNITY_SEVERITY_ERROR, flags);
  /**
   * CommunityRuleResult:applied:
   *
   * The number of entities the rule judged: passed plus failed.
   */
  properties[PROP_APPLIED] = g_param_spec_uint ("applied", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /**
   * CommunityRuleResult:passed:
   *
   * The number of entities that passed.
   */
  properties[PROP_PASSED] = g_param_spec_uint ("passed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /**
   * CommunityRuleResult:failed:
   *
   * The number of findings the rule made.
   */
  properties[PROP_FAILED] = g_param_spec_uint ("failed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /**
   * CommunityRuleResult:not-applicable:
   *
   * The number of entities the rule could not judge: the data does not give
   * what it reads.
   */
  properties[PROP_NOT_APPLICABLE] =
    g_param_spec_uint ("not-applicable", NULL, NULL, 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
community_rule_result_init (CommunityRuleResult *self)
{
}

CommunityRuleResult *
community_rule_result_new (const char        *id,
                           const char        *clause,
                           CommunitySeverity  severity,
                           guint              passed,
                           guint              failed,
                           guint              not_applicable)
{
  CommunityRuleResult *self = g_object_new (COMMUNITY_TYPE_RULE_RESULT, NULL);

  self->id = g_strdup (id);
  self->clause = g_strdup (clause);
  self->severity = severity;
  self->passed = passed;
  self->failed = failed;
  self->applied = passed + failed;
  self->not_applicable = not_applicable;

  return self;
}

/**
 * community_rule_result_get_id:
 * @self: a rule result
 *
 * Gets the rule id.
 *
 * Returns: the rule id
 */
const char *
community_rule_result_get_id (CommunityRuleResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_RULE_RESULT (self), NULL);
  return self->id;
}

/**
 * community_rule_result_get_clause:
 * @self: a rule result
 *
 * Gets the clause of the policy the rule enforces.
 *
 * Returns: (nullable): the clause
 */
const char *
community_rule_result_get_clause (CommunityRuleResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_RULE_RESULT (self), NULL);
  return self->clause;
}

/**
 * community_rule_result_get_severity:
 * @self: a rule result
 *
 * Gets the severity of the rule's findings.
 *
 * Returns: the severity
 */
CommunitySeverity
community_rule_result_get_severity (CommunityRuleResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_RULE_RESULT (self), COMMUNITY_SEVERITY_ERROR);
  return self->severity;
}

/**
 * community_rule_result_get_applied:
 * @self: a rule result
 *
 * Gets the number of entities the rule judged.
 *
 * Returns: passed plus failed
 */
guint
community_rule_result_get_applied (CommunityRuleResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_RULE_RESULT (self), 0);
  return self->applied;
}

/**
 * community_rule_result_get_passed:
 * @self: a rule result
 *
 * Gets the number of entities that passed.
 *
 * Returns: the number
 */
guint
community_rule_result_get_passed (CommunityRuleResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_RULE_RESULT (self), 0);
  return self->passed;
}

/**
 * community_rule_result_get_failed:
 * @self: a rule result
 *
 * Gets the number of findings the rule made.
 *
 * Returns: the number
 */
guint
community_rule_result_get_failed (CommunityRuleResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_RULE_RESULT (self), 0);
  return self->failed;
}

/**
 * community_rule_result_get_not_applicable:
 * @self: a rule result
 *
 * Gets the number of entities the rule could not judge.
 *
 * Returns: the number
 */
guint
community_rule_result_get_not_applicable (CommunityRuleResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_RULE_RESULT (self), 0);
  return self->not_applicable;
}

/**
 * community_rule_result_to_json:
 * @self: a rule result
 *
 * Serializes the result as a report writes it:
 * `{"id", "applied", "passed", "failed", "not_applicable"}`.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
community_rule_result_to_json (CommunityRuleResult *self)
{
  JsonObject *object;

  g_return_val_if_fail (COMMUNITY_IS_RULE_RESULT (self), NULL);

  object = json_object_new ();
  json_object_set_string_member (object, "id", self->id);
  json_object_set_int_member (object, "applied", self->applied);
  json_object_set_int_member (object, "passed", self->passed);
  json_object_set_int_member (object, "failed", self->failed);
  json_object_set_int_member (object, "not_applicable", self->not_applicable);

  return community_json_object_node (object);
}
