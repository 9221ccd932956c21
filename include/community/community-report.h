/* community-report.h: the result of a validation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "community-enums.h"
#include "community-dataset.h"
#include "community-finding.h"
#include "community-rule-result.h"
#include "community-indicator-result.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_REPORT (community_report_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityReport, community_report, COMMUNITY, REPORT, GObject)

COMMUNITY_AVAILABLE_IN_0_1
const char               *community_report_get_ruleset      (CommunityReport   *self);
COMMUNITY_AVAILABLE_IN_0_1
GListModel               *community_report_get_findings     (CommunityReport   *self);
COMMUNITY_AVAILABLE_IN_0_1
guint                     community_report_count            (CommunityReport   *self,
                                                             CommunitySeverity  severity);
COMMUNITY_AVAILABLE_IN_0_1
guint                     community_report_count_at_least   (CommunityReport   *self,
                                                             CommunitySeverity  severity);
COMMUNITY_AVAILABLE_IN_0_1
GListModel               *community_report_filter           (CommunityReport   *self,
                                                             CommunitySeverity  min_severity,
                                                             const char        *rule,
                                                             const char        *subject_id,
                                                             const char        *division) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
GListModel               *community_report_get_rule_results (CommunityReport   *self);
COMMUNITY_AVAILABLE_IN_0_1
CommunityRuleResult      *community_report_get_rule_result  (CommunityReport   *self,
                                                             const char        *rule);
COMMUNITY_AVAILABLE_IN_0_1
GListModel               *community_report_get_indicators   (CommunityReport   *self);
COMMUNITY_AVAILABLE_IN_0_1
CommunityIndicatorResult *community_report_get_indicator    (CommunityReport   *self,
                                                             const char        *indicator,
                                                             const char        *division);
COMMUNITY_AVAILABLE_IN_0_1
JsonNode                 *community_report_to_json          (CommunityReport   *self) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
char                     *community_report_to_data          (CommunityReport   *self,
                                                             gsize             *length) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
char                     *community_report_person_key       (GBytes            *key,
                                                             const char        *id_number) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
char                     *community_report_key_fingerprint  (GBytes            *key) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
JsonNode                 *community_report_keyed_persons    (CommunityDataset  *dataset,
                                                             GBytes            *key) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
gboolean                  community_report_write_keyed_persons (CommunityDataset  *dataset,
                                                                GBytes            *key,
                                                                GOutputStream     *stream,
                                                                GCancellable      *cancellable,
                                                                GError           **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean                  community_report_write_json       (CommunityReport   *self,
                                                             GOutputStream     *stream,
                                                             GCancellable      *cancellable,
                                                             GError           **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean                  community_report_write_json_keyed (CommunityReport   *self,
                                                             CommunityDataset  *dataset,
                                                             GBytes            *key,
                                                             GOutputStream     *stream,
                                                             GCancellable      *cancellable,
                                                             GError           **error);

G_END_DECLS
