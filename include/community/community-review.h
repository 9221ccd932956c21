/* community-review.h: the legal review of a work item (法制办审核)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-record.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_REVIEW (community_review_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityReview, community_review, COMMUNITY, REVIEW, CommunityRecord)

COMMUNITY_AVAILABLE_IN_0_1
CommunityReview *community_review_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
