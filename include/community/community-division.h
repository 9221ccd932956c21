/* community-division.h: a division (市/区/县/街道/镇)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-entity.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_DIVISION (community_division_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityDivision, community_division, COMMUNITY, DIVISION, CommunityEntity)

COMMUNITY_AVAILABLE_IN_0_1
CommunityDivision *community_division_new (const char *code) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
