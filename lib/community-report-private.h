/* community-report-private.h: how the validator builds a report
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "community-report.h"
#include "community-finding-private.h"

G_BEGIN_DECLS

CommunityRuleResult      *community_rule_result_new      (const char        *id,
                                                          const char        *clause,
                                                          CommunitySeverity  severity,
                                                          guint              passed,
                                                          guint              failed,
                                                          guint              not_applicable);
CommunityIndicatorResult *community_indicator_result_new (const char        *id,
                                                          const char        *division,
                                                          double             numerator,
                                                          double             denominator,
                                                          double             target);
/* Tells @sink the result's JSON object, as community_indicator_result_to_json()
 * has it. */
void                      community_indicator_result_write (CommunityIndicatorResult *self,
                                                            CommunityJsonSink        *sink);

/* Takes the three arrays (of CommunityFinding, CommunityRuleResult in
 * catalog order, CommunityIndicatorResult; each with g_object_unref() as
 * its free function), which become the report's lists as they are; sorts the findings by rule,
 * then path, then subject, so that reports diff cleanly. */
CommunityReport          *community_report_new           (const char        *ruleset,
                                                          GPtrArray         *findings,
                                                          GPtrArray         *rule_results,
                                                          GPtrArray         *indicators);
/* The same, for findings already in the report's order (incremental
 * validation keeps them so): no sort. */
CommunityReport          *community_report_new_sorted    (const char        *ruleset,
                                                          GPtrArray         *findings,
                                                          GPtrArray         *rule_results,
                                                          GPtrArray         *indicators);
/* The same, sharing the findings and the indicator results: @findings and
 * @indicators (taken) hold arrays of them, each in the report's order,
 * which the report's lists read in turn and which nobody may change
 * afterwards (the report holds a reference to each); @counts gives the
 * number of findings of each severity. Costs the number of arrays, not of
 * findings. */
CommunityReport          *community_report_new_shared    (const char        *ruleset,
                                                          GPtrArray         *findings,
                                                          const guint       *counts,
                                                          GPtrArray         *rule_results,
                                                          GPtrArray         *indicators);
/* The division a division's report is about (community_report_for_division()),
 * which its JSON names last; NULL for a whole report. */
void                      community_report_set_division  (CommunityReport   *self,
                                                          const char        *code);
const char               *community_report_get_division  (CommunityReport   *self);

/* The report's JSON (lib/report/community-report-json.c): one writer for
 * the tree (community_report_to_json()) and the text
 * (community_report_to_data(), community_report_write_json()). */
JsonNode                 *community_report_json_tree     (CommunityReport   *self);
char                     *community_report_json_text     (CommunityReport   *self,
                                                          gsize             *length);

G_END_DECLS
