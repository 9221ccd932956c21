/* community-approval.c: the approval of a work item (研究同意)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-approval.h"
#include "community-enum-types.h"
#include "community-record-private.h"

/**
 * CommunityApproval:
 *
 * The approval of a [class@Community.WorkItem] outside the two lists by a
 * meeting of the party committee's standing committee or an executive meeting
 * of the government (党委常委会会议或政府常务会议研究同意, 三(一)). A part of
 * a work item, with no identity of its own.
 *
 * In JSON: `{"body", "approved", "date"}`.
 */

struct _CommunityApproval
{
  CommunityRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityApproval, community_approval, COMMUNITY_TYPE_RECORD)

enum {
  PROP_0,
  PROP_BODY,
  PROP_APPROVED,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Every field is optional. */
static const CommunityField fields[N_PROPS] = { 0 };

static void
community_approval_class_init (CommunityApprovalClass *klass)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  /**
   * CommunityApproval:body:
   *
   * The meeting that considered the item: the party standing committee
   * (党委常委会会议) or the government's executive meeting (政府常务会议).
   */
  properties[PROP_BODY] =
    g_param_spec_enum ("body", NULL, NULL,
                       COMMUNITY_TYPE_APPROVAL_BODY,
                       COMMUNITY_APPROVAL_BODY_PARTY_STANDING_COMMITTEE,
                       flags);

  /**
   * CommunityApproval:approved:
   *
   * Whether the meeting approved the item (研究同意).
   */
  properties[PROP_APPROVED] =
    g_param_spec_boolean ("approved", NULL, NULL, FALSE, flags);

  /**
   * CommunityApproval:date:
   *
   * The date of the meeting, `YYYY-MM-DD` in JSON.
   */
  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_approval_init (CommunityApproval *self)
{
}

/**
 * community_approval_new:
 *
 * Creates an approval record with every field unset.
 *
 * Returns: (transfer full): a new approval record
 */
CommunityApproval *
community_approval_new (void)
{
  return g_object_new (COMMUNITY_TYPE_APPROVAL, NULL);
}
