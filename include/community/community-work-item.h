/* community-work-item.h: a work item (社区工作事项)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-entity.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_WORK_ITEM (community_work_item_get_type ())

COMMUNITY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CommunityWorkItem, community_work_item, COMMUNITY, WORK_ITEM, CommunityEntity)

COMMUNITY_AVAILABLE_IN_ALL
CommunityWorkItem *community_work_item_new (const char *id) G_GNUC_WARN_UNUSED_RESULT;

COMMUNITY_AVAILABLE_IN_ALL
gboolean community_work_item_needs_review        (CommunityWorkItem       *self);
COMMUNITY_AVAILABLE_IN_ALL
gboolean community_work_item_can_transition      (CommunityWorkItem       *self,
                                                  CommunityWorkItemState   to);

COMMUNITY_AVAILABLE_IN_ALL
gboolean community_work_item_submit              (CommunityWorkItem       *self,
                                                  GDateTime               *at,
                                                  GError                 **error);
COMMUNITY_AVAILABLE_IN_ALL
gboolean community_work_item_admit               (CommunityWorkItem       *self,
                                                  GDateTime               *at,
                                                  GError                 **error);
COMMUNITY_AVAILABLE_IN_ALL
gboolean community_work_item_start_legal_review  (CommunityWorkItem       *self,
                                                  GDateTime               *at,
                                                  GError                 **error);
COMMUNITY_AVAILABLE_IN_ALL
gboolean community_work_item_record_legal_review (CommunityWorkItem       *self,
                                                  gboolean                 approved,
                                                  const GDate             *date,
                                                  GError                 **error);
COMMUNITY_AVAILABLE_IN_ALL
gboolean community_work_item_record_approval     (CommunityWorkItem       *self,
                                                  CommunityApprovalBody    body,
                                                  gboolean                 approved,
                                                  const GDate             *date,
                                                  GError                 **error);

G_END_DECLS
