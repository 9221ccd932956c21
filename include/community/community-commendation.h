/* community-commendation.h: a commendation by the city (通报表扬)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-entity.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_COMMENDATION (community_commendation_get_type ())

COMMUNITY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CommunityCommendation, community_commendation, COMMUNITY, COMMENDATION, CommunityEntity)

COMMUNITY_AVAILABLE_IN_ALL
CommunityCommendation *community_commendation_new (const char *id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
