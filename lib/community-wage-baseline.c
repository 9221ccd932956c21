/* community-wage-baseline.c: an average-wage baseline (城镇非私营单位在岗职工平均工资)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-wage-baseline.h"
#include "community-entity-private.h"

/**
 * CommunityWageBaseline:
 *
 * An average-wage baseline (城镇非私营单位在岗职工平均工资): the average
 * annual wage of employees of urban non-private units in a division and a
 * year. A community worker's annual pay is in principle no lower than the
 * local baseline of the year before (四(四), the rule `worker.pay-floor`).
 *
 * In JSON: `{"id", "division", "year", "average_annual_wage_yuan"}`.
 */

struct _CommunityWageBaseline
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityWageBaseline, community_wage_baseline, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_ID,
  PROP_DIVISION,
  PROP_YEAR,
  PROP_AVERAGE_ANNUAL_WAGE_YUAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_ID] = { COMMUNITY_FIELD_IDENTITY | COMMUNITY_FIELD_IDENTITY_OPTIONAL },
  [PROP_DIVISION] = { COMMUNITY_FIELD_REQUIRED | COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (DIVISION) },
  [PROP_YEAR] = { COMMUNITY_FIELD_REQUIRED },
  [PROP_AVERAGE_ANNUAL_WAGE_YUAN] = { COMMUNITY_FIELD_REQUIRED },
};

static void
community_wage_baseline_class_init (CommunityWageBaselineClass *klass)
{
  CommunityEntityClassPrivate *entity_class = COMMUNITY_ENTITY_CLASS_PRIVATE (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_WAGE_BASELINE;

  /**
   * CommunityWageBaseline:id:
   *
   * The baseline's identity. Optional (DOMAIN.md §2): a record without one is
   * addressed by its position in the dataset. Construct-only.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityWageBaseline:division:
   *
   * The code of the division (usually a district or county) the baseline is
   * for. Required.
   */
  properties[PROP_DIVISION] = g_param_spec_string ("division", NULL, NULL, NULL, flags);

  /**
   * CommunityWageBaseline:year:
   *
   * The year the average wage was earned in. Required.
   */
  properties[PROP_YEAR] =
    g_param_spec_uint ("year", NULL, NULL, 1900, 9999, 1900, flags);

  /**
   * CommunityWageBaseline:average-annual-wage-yuan:
   *
   * The average annual wage in whole yuan. Required.
   */
  properties[PROP_AVERAGE_ANNUAL_WAGE_YUAN] =
    g_param_spec_int64 ("average-annual-wage-yuan", NULL, NULL, 0, G_MAXINT64, 0, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_wage_baseline_init (CommunityWageBaseline *self)
{
}

/**
 * community_wage_baseline_new:
 * @id: (nullable): the baseline's identity, or %NULL for none
 *
 * Creates a wage baseline with nothing but its identity set.
 *
 * Returns: (transfer full): a new wage baseline
 */
CommunityWageBaseline *
community_wage_baseline_new (const char *id)
{
  return g_object_new (COMMUNITY_TYPE_WAGE_BASELINE, "id", id, NULL);
}
