/* community-ruleset.h: which rules apply, how seriously, with which numbers
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

#define COMMUNITY_TYPE_RULESET (community_ruleset_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityRuleset, community_ruleset, COMMUNITY, RULESET, GObject)

COMMUNITY_AVAILABLE_IN_0_1
CommunityRuleset  *community_ruleset_new_builtin          (const char        *name,
                                                           GError           **error) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
CommunityRuleset  *community_ruleset_new_from_file        (const char        *filename,
                                                           GError           **error) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
CommunityRuleset  *community_ruleset_new_from_data        (const char        *data,
                                                           gssize             length,
                                                           GError           **error) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
GStrv              community_ruleset_list_builtin         (void) G_GNUC_WARN_UNUSED_RESULT;

COMMUNITY_AVAILABLE_IN_0_1
const char        *community_ruleset_get_name             (CommunityRuleset  *self);
COMMUNITY_AVAILABLE_IN_0_1
GStrv              community_ruleset_list_rules           (CommunityRuleset  *self) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
gboolean           community_ruleset_has_rule             (CommunityRuleset  *self,
                                                           const char        *rule_id);
COMMUNITY_AVAILABLE_IN_0_1
gboolean           community_ruleset_get_rule_enabled     (CommunityRuleset  *self,
                                                           const char        *rule_id);
COMMUNITY_AVAILABLE_IN_0_1
CommunitySeverity  community_ruleset_get_rule_severity    (CommunityRuleset  *self,
                                                           const char        *rule_id);
COMMUNITY_AVAILABLE_IN_0_1
const char        *community_ruleset_get_rule_clause      (CommunityRuleset  *self,
                                                           const char        *rule_id);
COMMUNITY_AVAILABLE_IN_0_1
const char        *community_ruleset_get_rule_description (CommunityRuleset  *self,
                                                           const char        *rule_id);
COMMUNITY_AVAILABLE_IN_0_1
JsonObject        *community_ruleset_get_rule_params      (CommunityRuleset  *self,
                                                           const char        *rule_id);
COMMUNITY_AVAILABLE_IN_0_1
double             community_ruleset_get_rule_param       (CommunityRuleset  *self,
                                                           const char        *rule_id,
                                                           const char        *param);
COMMUNITY_AVAILABLE_IN_0_1
GStrv              community_ruleset_list_indicators      (CommunityRuleset  *self) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
double             community_ruleset_get_indicator_target (CommunityRuleset  *self,
                                                           const char        *indicator_id);
COMMUNITY_AVAILABLE_IN_0_1
const char        *community_ruleset_get_indicator_clause (CommunityRuleset  *self,
                                                           const char        *indicator_id);
COMMUNITY_AVAILABLE_IN_0_1
JsonNode          *community_ruleset_to_json              (CommunityRuleset  *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
