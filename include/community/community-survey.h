/* community-survey.h: a survey value (调查值)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-entity.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_SURVEY (community_survey_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunitySurvey, community_survey, COMMUNITY, SURVEY, CommunityEntity)

COMMUNITY_AVAILABLE_IN_0_1
CommunitySurvey *community_survey_new (const char *id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
