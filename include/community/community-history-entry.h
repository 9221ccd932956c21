/* community-history-entry.h: one entry of a consultation's history
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-record.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_HISTORY_ENTRY (community_history_entry_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityHistoryEntry, community_history_entry, COMMUNITY, HISTORY_ENTRY, CommunityRecord)

COMMUNITY_AVAILABLE_IN_0_1
CommunityHistoryEntry *community_history_entry_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
