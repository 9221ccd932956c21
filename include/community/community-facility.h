/* community-facility.h: a facility (社区综合服务设施 etc.)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-entity.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_FACILITY (community_facility_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityFacility, community_facility, COMMUNITY, FACILITY, CommunityEntity)

COMMUNITY_AVAILABLE_IN_0_1
CommunityFacility *community_facility_new (const char *id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
