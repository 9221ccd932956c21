/* community-community.h: a community or village (社区/村)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-entity.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_COMMUNITY (community_community_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityCommunity, community_community, COMMUNITY, COMMUNITY, CommunityEntity)

COMMUNITY_AVAILABLE_IN_0_1
CommunityCommunity *community_community_new (const char *code) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
