/* community-work-item-history-entry.c: one entry of a work item's history
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-work-item-history-entry.h"
#include "community-enum-types.h"
#include "community-record-private.h"

/**
 * CommunityWorkItemHistoryEntry:
 *
 * One entry of a [class@Community.WorkItem]'s history: a state of the
 * admission procedure (社区工作事项准入制度, 三(一)) the item entered and when
 * it entered it. Every step of the procedure, submission and admission
 * included, appends one (DOMAIN.md §3), so that the dataset keeps the whole
 * story; the rule `work-item.ledger-rating-cap` counts items by the time of
 * their `admitted` entry. A part of a work item, with no identity of its own.
 *
 * In JSON: `{"state", "at"}`.
 */

struct _CommunityWorkItemHistoryEntry
{
  CommunityRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityWorkItemHistoryEntry, community_work_item_history_entry, COMMUNITY_TYPE_RECORD)

enum {
  PROP_0,
  PROP_STATE,
  PROP_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_STATE] = { COMMUNITY_FIELD_REQUIRED },
  [PROP_AT] = { COMMUNITY_FIELD_REQUIRED },
};

static void
community_work_item_history_entry_class_init (CommunityWorkItemHistoryEntryClass *klass)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  /**
   * CommunityWorkItemHistoryEntry:state:
   *
   * The state the work item entered. Required.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       COMMUNITY_TYPE_WORK_ITEM_STATE,
                       COMMUNITY_WORK_ITEM_STATE_SUBMITTED,
                       flags);

  /**
   * CommunityWorkItemHistoryEntry:at:
   *
   * When the state was entered, an RFC 3339 timestamp in JSON. Required.
   */
  properties[PROP_AT] =
    g_param_spec_boxed ("at", NULL, NULL, G_TYPE_DATE_TIME, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_work_item_history_entry_init (CommunityWorkItemHistoryEntry *self)
{
}

/**
 * community_work_item_history_entry_new:
 *
 * Creates a work item history entry with every field unset.
 *
 * Returns: (transfer full): a new history entry
 */
CommunityWorkItemHistoryEntry *
community_work_item_history_entry_new (void)
{
  return g_object_new (COMMUNITY_TYPE_WORK_ITEM_HISTORY_ENTRY, NULL);
}
