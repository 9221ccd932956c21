/* community-indicator-result.h: one indicator for one division
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include <json-glib/json-glib.h>

#include "community-version.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_INDICATOR_RESULT (community_indicator_result_get_type ())

COMMUNITY_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (CommunityIndicatorResult, community_indicator_result, COMMUNITY, INDICATOR_RESULT, GObject)

COMMUNITY_AVAILABLE_IN_ALL
const char *community_indicator_result_get_id          (CommunityIndicatorResult *self);
COMMUNITY_AVAILABLE_IN_ALL
const char *community_indicator_result_get_title       (CommunityIndicatorResult *self);
COMMUNITY_AVAILABLE_IN_ALL
const char *community_indicator_result_get_division    (CommunityIndicatorResult *self);
COMMUNITY_AVAILABLE_IN_ALL
double      community_indicator_result_get_numerator   (CommunityIndicatorResult *self);
COMMUNITY_AVAILABLE_IN_ALL
double      community_indicator_result_get_denominator (CommunityIndicatorResult *self);
COMMUNITY_AVAILABLE_IN_ALL
gboolean    community_indicator_result_is_applicable   (CommunityIndicatorResult *self);
COMMUNITY_AVAILABLE_IN_ALL
double      community_indicator_result_get_value       (CommunityIndicatorResult *self);
COMMUNITY_AVAILABLE_IN_ALL
double      community_indicator_result_get_target      (CommunityIndicatorResult *self);
COMMUNITY_AVAILABLE_IN_ALL
gboolean    community_indicator_result_has_target      (CommunityIndicatorResult *self);
COMMUNITY_AVAILABLE_IN_ALL
gboolean    community_indicator_result_get_met         (CommunityIndicatorResult *self);
COMMUNITY_AVAILABLE_IN_ALL
JsonNode   *community_indicator_result_to_json         (CommunityIndicatorResult *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
