/* community-task.h: a key task of the annex (重点任务)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-entity.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_TASK (community_task_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityTask, community_task, COMMUNITY, TASK, CommunityEntity)

COMMUNITY_AVAILABLE_IN_0_1
CommunityTask *community_task_new (guint number) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
