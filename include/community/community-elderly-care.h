/* community-elderly-care.h: the elderly of a community and their home-based care
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-record.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_ELDERLY_CARE (community_elderly_care_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityElderlyCare, community_elderly_care, COMMUNITY, ELDERLY_CARE, CommunityRecord)

COMMUNITY_AVAILABLE_IN_0_1
CommunityElderlyCare *community_elderly_care_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
