/* community-wage-baseline.h: an average-wage baseline (城镇非私营单位在岗职工平均工资)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-entity.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_WAGE_BASELINE (community_wage_baseline_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityWageBaseline, community_wage_baseline, COMMUNITY, WAGE_BASELINE, CommunityEntity)

COMMUNITY_AVAILABLE_IN_0_1
CommunityWageBaseline *community_wage_baseline_new (const char *id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
