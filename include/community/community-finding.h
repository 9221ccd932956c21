/* community-finding.h: one place where data falls short of the policy
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "community-enums.h"
#include "community-version.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_FINDING (community_finding_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityFinding, community_finding, COMMUNITY, FINDING, GObject)

COMMUNITY_AVAILABLE_IN_0_1
const char          *community_finding_get_rule         (CommunityFinding *self);
COMMUNITY_AVAILABLE_IN_0_1
CommunitySeverity    community_finding_get_severity     (CommunityFinding *self);
COMMUNITY_AVAILABLE_IN_0_1
const char          *community_finding_get_clause       (CommunityFinding *self);
COMMUNITY_AVAILABLE_IN_0_1
CommunityEntityKind  community_finding_get_subject_kind (CommunityFinding *self);
COMMUNITY_AVAILABLE_IN_0_1
const char          *community_finding_get_subject_id   (CommunityFinding *self);
COMMUNITY_AVAILABLE_IN_0_1
const char          *community_finding_get_path         (CommunityFinding *self);
COMMUNITY_AVAILABLE_IN_0_1
const char          *community_finding_get_cell         (CommunityFinding *self);
COMMUNITY_AVAILABLE_IN_0_1
const char          *community_finding_get_message      (CommunityFinding *self);
COMMUNITY_AVAILABLE_IN_0_1
char                *community_finding_dup_message      (CommunityFinding *self) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
JsonNode            *community_finding_get_expected     (CommunityFinding *self);
COMMUNITY_AVAILABLE_IN_0_1
JsonNode            *community_finding_get_actual       (CommunityFinding *self);
COMMUNITY_AVAILABLE_IN_0_1
double               community_finding_get_shortfall    (CommunityFinding *self);
COMMUNITY_AVAILABLE_IN_0_1
JsonNode            *community_finding_to_json          (CommunityFinding *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
