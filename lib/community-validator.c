/* community-validator.c: checks a dataset against a ruleset
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "community-validator.h"
#include "community-i18n-private.h"
#include "community-report-private.h"
#include "rules/community-rule-private.h"

/**
 * CommunityValidator:
 *
 * Runs the rules of a [class@Community.Ruleset] over a
 * [class@Community.Dataset] and computes its indicators, giving a
 * [class@Community.Report].
 *
 * ```python
 * ruleset = Community.Ruleset.new_builtin("wuxi-2018")
 * report = Community.Validator.new(ruleset).run(dataset)
 * for finding in report.get_findings():
 *     print(finding.get_rule(), finding.get_path(), finding.get_message())
 * ```
 *
 * Messages follow the locale (English, or Chinese under a `zh_CN` locale).
 */

struct _CommunityValidator
{
  GObject parent_instance;

  CommunityRuleset *ruleset;
};

G_DEFINE_FINAL_TYPE (CommunityValidator, community_validator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RULESET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
community_validator_finalize (GObject *object)
{
  CommunityValidator *self = COMMUNITY_VALIDATOR (object);

  g_clear_object (&self->ruleset);

  G_OBJECT_CLASS (community_validator_parent_class)->finalize (object);
}

static void
community_validator_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CommunityValidator *self = COMMUNITY_VALIDATOR (object);

  if (prop_id == PROP_RULESET)
    g_value_set_object (value, self->ruleset);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
community_validator_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CommunityValidator *self = COMMUNITY_VALIDATOR (object);

  if (prop_id == PROP_RULESET)
    self->ruleset = g_value_dup_object (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
community_validator_class_init (CommunityValidatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = community_validator_finalize;
  object_class->get_property = community_validator_get_property;
  object_class->set_property = community_validator_set_property;

  /**
   * CommunityValidator:ruleset:
   *
   * The ruleset the validator runs. Construct-only.
   */
  properties[PROP_RULESET] =
    g_param_spec_object ("ruleset", NULL, NULL, COMMUNITY_TYPE_RULESET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  community_i18n_init ();
}

static void
community_validator_init (CommunityValidator *self)
{
}

/**
 * community_validator_new:
 * @ruleset: the ruleset to run
 *
 * Creates a validator for a ruleset.
 *
 * Returns: (transfer full): a new validator
 */
CommunityValidator *
community_validator_new (CommunityRuleset *ruleset)
{
  g_return_val_if_fail (COMMUNITY_IS_RULESET (ruleset), NULL);

  return g_object_new (COMMUNITY_TYPE_VALIDATOR, "ruleset", ruleset, NULL);
}

/**
 * community_validator_get_ruleset:
 * @self: a validator
 *
 * Gets the ruleset the validator runs.
 *
 * Returns: (transfer none): the ruleset
 */
CommunityRuleset *
community_validator_get_ruleset (CommunityValidator *self)
{
  g_return_val_if_fail (COMMUNITY_IS_VALIDATOR (self), NULL);
  return self->ruleset;
}

/**
 * community_validator_run:
 * @self: a validator
 * @dataset: the dataset to check
 *
 * Runs every enabled rule of the ruleset over @dataset, in catalog order,
 * and computes every indicator for the city, each district or county and
 * each street or town. The dataset must not change while this runs.
 *
 * Returns: (transfer full): the report
 */
CommunityReport *
community_validator_run (CommunityValidator *self,
                         CommunityDataset   *dataset)
{
  g_auto(GStrv) rule_ids = NULL;
  CommunityIndex *index;
  GPtrArray *findings, *rule_results, *indicators;

  g_return_val_if_fail (COMMUNITY_IS_VALIDATOR (self), NULL);
  g_return_val_if_fail (COMMUNITY_IS_DATASET (dataset), NULL);

  index = community_index_new (dataset);
  findings = g_ptr_array_new_with_free_func (g_object_unref);
  rule_results = g_ptr_array_new_with_free_func (g_object_unref);

  rule_ids = community_ruleset_list_rules (self->ruleset);
  for (guint i = 0; rule_ids[i] != NULL; i++)
    {
      const CommunityRuleDefinition *rule = community_rules_lookup (rule_ids[i]);
      guint passed, failed, not_applicable;

      if (rule == NULL || !community_ruleset_get_rule_enabled (self->ruleset, rule_ids[i]))
        continue;

      community_rule_run (rule, self->ruleset, index, findings, &passed, &failed, &not_applicable);
      g_ptr_array_add (rule_results,
                       community_rule_result_new (rule->id,
                                                  community_ruleset_get_rule_clause (self->ruleset, rule->id),
                                                  community_ruleset_get_rule_severity (self->ruleset, rule->id),
                                                  passed, failed, not_applicable));
    }

  indicators = community_indicators_compute (self->ruleset, index);
  community_index_free (index);

  return community_report_new (community_ruleset_get_name (self->ruleset),
                               findings, rule_results, indicators);
}
