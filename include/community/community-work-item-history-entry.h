/* community-work-item-history-entry.h: one entry of a work item's history
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-record.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_WORK_ITEM_HISTORY_ENTRY (community_work_item_history_entry_get_type ())

COMMUNITY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CommunityWorkItemHistoryEntry, community_work_item_history_entry, COMMUNITY, WORK_ITEM_HISTORY_ENTRY, CommunityRecord)

COMMUNITY_AVAILABLE_IN_ALL
CommunityWorkItemHistoryEntry *community_work_item_history_entry_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
