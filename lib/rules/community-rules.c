/* community-rules.c: the catalog of rules, by id
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The order is the catalog order of DOMAIN.md §4; the built-in ruleset
 * (lib/data/wuxi-2018.json) configures each of these ids, and a test checks
 * that the two agree.
 */

#include "config.h"

#include <string.h>

#include "community-rules-catalog.h"

/* What each rule reads (besides divisions and communities) and its scoped
 * entry point, if any: see CommunityRuleDefinition and
 * community-validation.c. */
#define B(kind) COMMUNITY_KIND_BIT (kind)

static const CommunityRuleDefinition rules[] = {
  { "code.format", community_rule_code_format,
    0, COMMUNITY_RULE_UNIT_NONE, NULL },
  { "code.segment-range", community_rule_code_segment_range,
    0, COMMUNITY_RULE_UNIT_NONE, NULL },
  { "ref.unresolved", community_rule_ref_unresolved,
    COMMUNITY_KINDS_ALL, COMMUNITY_RULE_UNIT_ANY, community_rule_ref_unresolved_unit },
  { "committee.households", community_rule_committee_households,
    0, COMMUNITY_RULE_UNIT_NONE, NULL },
  { "facility.area-per-households", community_rule_facility_area_per_households,
    B (FACILITY), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "street.service-center-area", community_rule_street_service_center_area,
    B (FACILITY), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "street.party-guidance-station", community_rule_street_party_guidance_station,
    B (FACILITY), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "workers.per-households", community_rule_workers_per_households,
    B (WORKER), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "worker.pay-floor", community_rule_worker_pay_floor,
    B (WORKER) | B (WAGE_BASELINE), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "worker.duplicate-person", community_rule_worker_duplicate_person,
    B (WORKER), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "worker.certificate-allowance", community_rule_worker_certificate_allowance,
    B (WORKER), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "worker.id-number", community_rule_worker_id_number,
    B (WORKER), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "worker.phone", community_rule_worker_phone,
    B (WORKER), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "grid.leader", community_rule_grid_leader,
    B (GRID) | B (WORKER), COMMUNITY_ENTITY_KIND_GRID, community_rule_grid_leader_unit },
  { "grid.administrators", community_rule_grid_administrators,
    B (GRID), COMMUNITY_ENTITY_KIND_GRID, community_rule_grid_administrators_unit },
  { "grid.full-time-administrator", community_rule_grid_full_time_administrator,
    B (GRID) | B (WORKER), COMMUNITY_ENTITY_KIND_GRID, community_rule_grid_full_time_administrator_unit },
  { "grid.coverage", community_rule_grid_coverage,
    B (GRID), COMMUNITY_ENTITY_KIND_COMMUNITY, community_rule_grid_coverage_unit },
  { "funding.community-floor", community_rule_funding_community_floor,
    B (FUNDING), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "funding.city-floor", community_rule_funding_city_floor,
    B (FUNDING), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "consultation.led-by", community_rule_consultation_led_by,
    B (CONSULTATION), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "consultation.history", community_rule_consultation_history,
    B (CONSULTATION), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "consultation.feedback-overdue", community_rule_consultation_feedback_overdue,
    B (CONSULTATION), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "work-item.admission", community_rule_work_item_admission,
    B (WORK_ITEM), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "work-item.resources", community_rule_work_item_resources,
    B (WORK_ITEM), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "work-item.prohibited-subject", community_rule_work_item_prohibited_subject,
    B (WORK_ITEM), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "work-item.one-vote-veto", community_rule_work_item_one_vote_veto,
    B (WORK_ITEM), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "work-item.department-assessment", community_rule_work_item_department_assessment,
    B (WORK_ITEM), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "work-item.ledger-rating-cap", community_rule_work_item_ledger_rating_cap,
    B (WORK_ITEM), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "committee.non-registered-voters", community_rule_committee_non_registered_voters,
    0, COMMUNITY_RULE_UNIT_NONE, NULL },
  { "commendation.annual", community_rule_commendation_annual,
    B (COMMENDATION), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "facility.utility-pricing", community_rule_facility_utility_pricing,
    B (FACILITY), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "facility.registration", community_rule_facility_registration,
    B (FACILITY), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "community.legal-advisor", community_rule_community_legal_advisor,
    0, COMMUNITY_RULE_UNIT_NONE, NULL },
  { "secretary.county-filing", community_rule_secretary_county_filing,
    B (WORKER), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "social-org.uscc", community_rule_social_org_uscc,
    B (SOCIAL_ORGANIZATION), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "task.lead", community_rule_task_lead,
    B (TASK), COMMUNITY_RULE_UNIT_NONE, NULL },
  { "facility.office-area", community_rule_facility_office_area,
    B (FACILITY), COMMUNITY_RULE_UNIT_NONE, NULL },
};

#undef B

const CommunityRuleDefinition *
community_rules_lookup (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    if (strcmp (rules[i].id, id) == 0)
      return &rules[i];
  return NULL;
}

const CommunityRuleDefinition *
community_rules_all (guint *n_rules)
{
  *n_rules = G_N_ELEMENTS (rules);
  return rules;
}
