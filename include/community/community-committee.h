/* community-committee.h: a residents' or villagers' committee (居(村)民委员会)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-record.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_COMMITTEE (community_committee_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityCommittee, community_committee, COMMUNITY, COMMITTEE, CommunityRecord)

COMMUNITY_AVAILABLE_IN_0_1
CommunityCommittee *community_committee_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
