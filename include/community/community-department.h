/* community-department.h: a responsible unit (责任单位)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-entity.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_DEPARTMENT (community_department_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityDepartment, community_department, COMMUNITY, DEPARTMENT, CommunityEntity)

COMMUNITY_AVAILABLE_IN_0_1
CommunityDepartment *community_department_new (const char *id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
