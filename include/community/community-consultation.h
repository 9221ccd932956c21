/* community-consultation.h: a consultation (社区协商)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-entity.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_CONSULTATION (community_consultation_get_type ())

COMMUNITY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CommunityConsultation, community_consultation, COMMUNITY, CONSULTATION, CommunityEntity)

COMMUNITY_AVAILABLE_IN_ALL
CommunityConsultation *community_consultation_new (const char *id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
