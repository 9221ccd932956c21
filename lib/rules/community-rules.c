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

static const CommunityRuleDefinition rules[] = {
  { "code.format", community_rule_code_format },
  { "code.segment-range", community_rule_code_segment_range },
  { "ref.unresolved", community_rule_ref_unresolved },
  { "committee.households", community_rule_committee_households },
  { "facility.area-per-households", community_rule_facility_area_per_households },
  { "street.service-center-area", community_rule_street_service_center_area },
  { "street.party-guidance-station", community_rule_street_party_guidance_station },
  { "workers.per-households", community_rule_workers_per_households },
  { "worker.pay-floor", community_rule_worker_pay_floor },
  { "worker.duplicate-person", community_rule_worker_duplicate_person },
  { "worker.certificate-allowance", community_rule_worker_certificate_allowance },
  { "worker.id-number", community_rule_worker_id_number },
  { "worker.phone", community_rule_worker_phone },
  { "grid.leader", community_rule_grid_leader },
  { "grid.administrators", community_rule_grid_administrators },
  { "grid.full-time-administrator", community_rule_grid_full_time_administrator },
  { "grid.coverage", community_rule_grid_coverage },
  { "funding.community-floor", community_rule_funding_community_floor },
  { "funding.city-floor", community_rule_funding_city_floor },
  { "consultation.led-by", community_rule_consultation_led_by },
  { "consultation.history", community_rule_consultation_history },
  { "consultation.feedback-overdue", community_rule_consultation_feedback_overdue },
  { "work-item.admission", community_rule_work_item_admission },
  { "work-item.resources", community_rule_work_item_resources },
  { "work-item.prohibited-subject", community_rule_work_item_prohibited_subject },
  { "work-item.one-vote-veto", community_rule_work_item_one_vote_veto },
  { "facility.utility-pricing", community_rule_facility_utility_pricing },
  { "facility.registration", community_rule_facility_registration },
  { "community.legal-advisor", community_rule_community_legal_advisor },
  { "secretary.county-filing", community_rule_secretary_county_filing },
  { "social-org.uscc", community_rule_social_org_uscc },
  { "task.lead", community_rule_task_lead },
  { "facility.office-area", community_rule_facility_office_area },
};

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
