/* community-worker.h: a community worker (社区工作者)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-entity.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_WORKER (community_worker_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityWorker, community_worker, COMMUNITY, WORKER, CommunityEntity)

COMMUNITY_AVAILABLE_IN_0_1
CommunityWorker *community_worker_new (const char *id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
