/* community-approval.h: the approval of a work item (研究同意)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-record.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_APPROVAL (community_approval_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityApproval, community_approval, COMMUNITY, APPROVAL, CommunityRecord)

COMMUNITY_AVAILABLE_IN_0_1
CommunityApproval *community_approval_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
