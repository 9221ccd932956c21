/* community-history-entry.c: one entry of a consultation's history
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-history-entry.h"
#include "community-enum-types.h"
#include "community-record-private.h"

/**
 * CommunityHistoryEntry:
 *
 * One entry of a [class@Community.Consultation]'s history: a state the
 * consultation entered and when it entered it (三(三), DOMAIN.md §3). A part
 * of a consultation, with no identity of its own.
 *
 * In JSON: `{"state", "at"}`.
 */

struct _CommunityHistoryEntry
{
  CommunityRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityHistoryEntry, community_history_entry, COMMUNITY_TYPE_RECORD)

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
community_history_entry_class_init (CommunityHistoryEntryClass *klass)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  /**
   * CommunityHistoryEntry:state:
   *
   * The state the consultation entered. Required.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       COMMUNITY_TYPE_CONSULTATION_STATE,
                       COMMUNITY_CONSULTATION_STATE_PROPOSED,
                       flags);

  /**
   * CommunityHistoryEntry:at:
   *
   * When the state was entered, an RFC 3339 timestamp in JSON. Required.
   */
  properties[PROP_AT] =
    g_param_spec_boxed ("at", NULL, NULL, G_TYPE_DATE_TIME, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_history_entry_init (CommunityHistoryEntry *self)
{
}

/**
 * community_history_entry_new:
 *
 * Creates a history entry with every field unset.
 *
 * Returns: (transfer full): a new history entry
 */
CommunityHistoryEntry *
community_history_entry_new (void)
{
  return g_object_new (COMMUNITY_TYPE_HISTORY_ENTRY, NULL);
}
