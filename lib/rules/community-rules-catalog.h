/* community-rules-catalog.h: every rule function, by area
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "community-rule-private.h"

G_BEGIN_DECLS

/* community-rules-codes.c */
void community_rule_code_format (CommunityRuleContext *ctx);
void community_rule_code_segment_range (CommunityRuleContext *ctx);
void community_rule_ref_unresolved (CommunityRuleContext *ctx);
void community_rule_ref_unresolved_unit (CommunityRuleContext *ctx, CommunityEntity *entity);

/* community-rules-communities.c */
void community_rule_committee_households (CommunityRuleContext *ctx);
void community_rule_community_legal_advisor (CommunityRuleContext *ctx);
void community_rule_secretary_county_filing (CommunityRuleContext *ctx);
void community_rule_funding_community_floor (CommunityRuleContext *ctx);
void community_rule_funding_city_floor (CommunityRuleContext *ctx);
void community_rule_committee_non_registered_voters (CommunityRuleContext *ctx);
void community_rule_commendation_annual (CommunityRuleContext *ctx);

/* community-rules-facilities.c */
void community_rule_facility_area_per_households (CommunityRuleContext *ctx);
void community_rule_street_service_center_area (CommunityRuleContext *ctx);
void community_rule_street_party_guidance_station (CommunityRuleContext *ctx);
void community_rule_facility_utility_pricing (CommunityRuleContext *ctx);
void community_rule_facility_registration (CommunityRuleContext *ctx);
void community_rule_facility_office_area (CommunityRuleContext *ctx);

/* community-rules-workers.c */
void community_rule_workers_per_households (CommunityRuleContext *ctx);
void community_rule_worker_pay_floor (CommunityRuleContext *ctx);
void community_rule_worker_duplicate_person (CommunityRuleContext *ctx);
void community_rule_worker_certificate_allowance (CommunityRuleContext *ctx);
void community_rule_worker_id_number (CommunityRuleContext *ctx);
void community_rule_worker_phone (CommunityRuleContext *ctx);

/* community-rules-grids.c */
void community_rule_grid_leader (CommunityRuleContext *ctx);
void community_rule_grid_administrators (CommunityRuleContext *ctx);
void community_rule_grid_full_time_administrator (CommunityRuleContext *ctx);
void community_rule_grid_coverage (CommunityRuleContext *ctx);
void community_rule_grid_leader_unit (CommunityRuleContext *ctx, CommunityEntity *grid);
void community_rule_grid_administrators_unit (CommunityRuleContext *ctx, CommunityEntity *grid);
void community_rule_grid_full_time_administrator_unit (CommunityRuleContext *ctx, CommunityEntity *grid);
void community_rule_grid_coverage_unit (CommunityRuleContext *ctx, CommunityEntity *community);

/* community-rules-governance.c */
void community_rule_consultation_led_by (CommunityRuleContext *ctx);
void community_rule_consultation_history (CommunityRuleContext *ctx);
void community_rule_consultation_feedback_overdue (CommunityRuleContext *ctx);
void community_rule_work_item_admission (CommunityRuleContext *ctx);
void community_rule_work_item_resources (CommunityRuleContext *ctx);
void community_rule_work_item_prohibited_subject (CommunityRuleContext *ctx);
void community_rule_work_item_one_vote_veto (CommunityRuleContext *ctx);
void community_rule_work_item_department_assessment (CommunityRuleContext *ctx);
void community_rule_work_item_ledger_rating_cap (CommunityRuleContext *ctx);
void community_rule_social_org_uscc (CommunityRuleContext *ctx);
void community_rule_task_lead (CommunityRuleContext *ctx);

G_END_DECLS
