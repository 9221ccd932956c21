/* community-social-organization.h: a community social organization (社区社会组织)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-entity.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_SOCIAL_ORGANIZATION (community_social_organization_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunitySocialOrganization, community_social_organization, COMMUNITY, SOCIAL_ORGANIZATION, CommunityEntity)

COMMUNITY_AVAILABLE_IN_0_1
CommunitySocialOrganization *community_social_organization_new (const char *id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
