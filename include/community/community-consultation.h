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

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityConsultation, community_consultation, COMMUNITY, CONSULTATION, CommunityEntity)

COMMUNITY_AVAILABLE_IN_0_1
CommunityConsultation *community_consultation_new (const char *id) G_GNUC_WARN_UNUSED_RESULT;

COMMUNITY_AVAILABLE_IN_0_1
gboolean community_consultation_state_can_transition (CommunityConsultationState  from_state,
                                                      CommunityConsultationState  to_state);

COMMUNITY_AVAILABLE_IN_0_1
gboolean community_consultation_can_transition       (CommunityConsultation      *self,
                                                      CommunityConsultationState  to);
COMMUNITY_AVAILABLE_IN_0_1
gboolean community_consultation_transition           (CommunityConsultation      *self,
                                                      CommunityConsultationState  to,
                                                      GDateTime                  *at,
                                                      GError                    **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean community_consultation_check_history        (CommunityConsultation      *self,
                                                      guint                      *first_bad,
                                                      GError                    **error);

G_END_DECLS
