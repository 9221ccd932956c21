/* community-survey.c: a survey value (调查值)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-survey.h"
#include "community-entity-private.h"

/**
 * CommunitySurvey:
 *
 * A survey value (调查值): the value of an indicator that is measured by
 * survey rather than computed from the dataset, such as the public sense of
 * security (公众安全感, at least 92%, 一(三)), for a division and a year.
 *
 * In JSON: `{"id", "division", "year", "indicator", "value"}`.
 */

struct _CommunitySurvey
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunitySurvey, community_survey, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_ID,
  PROP_DIVISION,
  PROP_YEAR,
  PROP_INDICATOR,
  PROP_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_ID] = { COMMUNITY_FIELD_IDENTITY | COMMUNITY_FIELD_IDENTITY_OPTIONAL },
  [PROP_DIVISION] = { COMMUNITY_FIELD_REQUIRED | COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (DIVISION) },
  [PROP_YEAR] = { COMMUNITY_FIELD_REQUIRED },
  [PROP_INDICATOR] = { COMMUNITY_FIELD_REQUIRED },
  [PROP_VALUE] = { COMMUNITY_FIELD_REQUIRED },
};

static void
community_survey_class_init (CommunitySurveyClass *klass)
{
  CommunityEntityClassPrivate *entity_class = COMMUNITY_ENTITY_CLASS_PRIVATE (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_SURVEY;

  /**
   * CommunitySurvey:id:
   *
   * The survey value's identity. Optional (DOMAIN.md §2): a record without one is
   * addressed by its position in the dataset. Construct-only.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunitySurvey:division:
   *
   * The code of the division surveyed. Required.
   */
  properties[PROP_DIVISION] = g_param_spec_string ("division", NULL, NULL, NULL, flags);

  /**
   * CommunitySurvey:year:
   *
   * The year of the survey. Required.
   */
  properties[PROP_YEAR] =
    g_param_spec_uint ("year", NULL, NULL, 1900, 9999, 1900, flags);

  /**
   * CommunitySurvey:indicator:
   *
   * The id of the indicator measured, e.g. `public.security-sense`. Required.
   */
  properties[PROP_INDICATOR] = g_param_spec_string ("indicator", NULL, NULL, NULL, flags);

  /**
   * CommunitySurvey:value:
   *
   * The measured value, a rate from 0 to 1. Required.
   */
  properties[PROP_VALUE] =
    g_param_spec_double ("value", NULL, NULL, 0.0, 1.0, 0.0, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_survey_init (CommunitySurvey *self)
{
}

/**
 * community_survey_new:
 * @id: (nullable): the survey value's identity, or %NULL for none
 *
 * Creates a survey value with nothing but its identity set.
 *
 * Returns: (transfer full): a new survey value
 */
CommunitySurvey *
community_survey_new (const char *id)
{
  return g_object_new (COMMUNITY_TYPE_SURVEY, "id", id, NULL);
}
