/* community-review.c: the legal review of a work item (法制办审核)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-review.h"
#include "community-record-private.h"

/**
 * CommunityReview:
 *
 * The legal review of a [class@Community.WorkItem] by the legal affairs office
 * of the government at its level (本级政府法制办审核, 三(一)): whether it
 * approved the item and when. A part of a work item, with no identity of its
 * own.
 *
 * In JSON: `{"approved", "date"}`.
 */

struct _CommunityReview
{
  CommunityRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityReview, community_review, COMMUNITY_TYPE_RECORD)

enum {
  PROP_0,
  PROP_APPROVED,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Every field is optional. */
static const CommunityField fields[N_PROPS] = { 0 };

static void
community_review_class_init (CommunityReviewClass *klass)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  /**
   * CommunityReview:approved:
   *
   * Whether the legal affairs office approved the item (审核同意).
   */
  properties[PROP_APPROVED] =
    g_param_spec_boolean ("approved", NULL, NULL, FALSE, flags);

  /**
   * CommunityReview:date:
   *
   * The date of the review, `YYYY-MM-DD` in JSON. For an admitted item it is
   * no later than the date of the [class@Community.Approval] (the rule
   * `work-item.admission`).
   */
  properties[PROP_DATE] =
    g_param_spec_boxed ("date", NULL, NULL, G_TYPE_DATE, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_review_init (CommunityReview *self)
{
}

/**
 * community_review_new:
 *
 * Creates a review record with every field unset.
 *
 * Returns: (transfer full): a new review record
 */
CommunityReview *
community_review_new (void)
{
  return g_object_new (COMMUNITY_TYPE_REVIEW, NULL);
}
