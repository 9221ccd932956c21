/* community-rule-result.h: how one rule fared over a dataset
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

#define COMMUNITY_TYPE_RULE_RESULT (community_rule_result_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityRuleResult, community_rule_result, COMMUNITY, RULE_RESULT, GObject)

COMMUNITY_AVAILABLE_IN_0_1
const char        *community_rule_result_get_id             (CommunityRuleResult *self);
COMMUNITY_AVAILABLE_IN_0_1
const char        *community_rule_result_get_clause         (CommunityRuleResult *self);
COMMUNITY_AVAILABLE_IN_0_1
CommunitySeverity  community_rule_result_get_severity       (CommunityRuleResult *self);
COMMUNITY_AVAILABLE_IN_0_1
guint              community_rule_result_get_applied        (CommunityRuleResult *self);
COMMUNITY_AVAILABLE_IN_0_1
guint              community_rule_result_get_passed         (CommunityRuleResult *self);
COMMUNITY_AVAILABLE_IN_0_1
guint              community_rule_result_get_failed         (CommunityRuleResult *self);
COMMUNITY_AVAILABLE_IN_0_1
guint              community_rule_result_get_not_applicable (CommunityRuleResult *self);
COMMUNITY_AVAILABLE_IN_0_1
JsonNode          *community_rule_result_to_json            (CommunityRuleResult *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
