/* community-vocabulary.c: the words of the policy for the dataset's values
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The one place where the library's terms are written down: the term of
 * each vocabulary value (every nick of the enums and flags of the dataset
 * format), the name of each referring field, and the title of each
 * indicator. Each is an English msgid in the gettext domain, with the
 * vocabulary (the GType's name) as its context, so that the same nick may
 * mean different things in two vocabularies; po/zh_CN.po gives the
 * policy's Chinese terms (DOMAIN.md §2, §5).
 *
 * The terms are keyed by the type's name and the nick, not by the enum
 * value, so that a row can be written before its enum exists: the rows of
 * CommunityCommendationKind and CommunityIssuer (DOMAIN.md v2)
 * are here for the types of those names.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "community-vocabulary.h"
#include "community-vocabulary-private.h"
#include "community-i18n-private.h"
#include "community-vocabulary-zh.h"

/**
 * community_vocabulary_get_term:
 * @type: the type of a vocabulary: an enum or flags type of the dataset
 *   format, such as `COMMUNITY_TYPE_WORK_CATEGORY`
 * @value: a value of @type; for flags, a single flag
 *
 * The term of a vocabulary value in the language of the messages: under a
 * `zh_CN` locale the policy's Chinese term (`COMMUNITY_WORK_CATEGORY_DEMOLITION`
 * is 拆迁拆违), otherwise an English wording ("demolition and removal of
 * illegal buildings"). Messages use it wherever they name a value, never
 * the JSON word (the nick), which stays the value in the dataset and in a
 * report's `expected` and `actual`.
 *
 * Returns: (nullable): the term, or %NULL when @type is not a vocabulary or
 *   @value is not one of its values
 */
const char *
community_vocabulary_get_term (GType type,
                               int   value)
{
  const char *nick = NULL;
  gpointer klass;

  g_return_val_if_fail (G_TYPE_IS_ENUM (type) || G_TYPE_IS_FLAGS (type), NULL);

  klass = g_type_class_ref (type);
  if (G_IS_ENUM_CLASS (klass))
    {
      GEnumValue *enum_value = g_enum_get_value (klass, value);

      nick = enum_value != NULL ? enum_value->value_nick : NULL;
    }
  else
    {
      GFlagsValue *flags_value = g_flags_get_first_value (klass, (guint) value);

      nick = flags_value != NULL && flags_value->value == (guint) value ? flags_value->value_nick : NULL;
    }
  g_type_class_unref (klass);  /* static types: the class stays */

  return nick != NULL ? community_vocabulary_get_term_for_nick (type, nick) : NULL;
}

typedef struct {
  const char *vocabulary;  /* the GType's name, also the msgctxt */
  const char *nick;
  const char *term;        /* the English msgid */
} Term;

/* Every term, with its vocabulary as the context of its msgid. */
static const Term terms[] = {
  /* DOMAIN.md §2: the entities, as a message names a kind of them */
  { "CommunityEntityKind", "division", NC_("CommunityEntityKind", "division") },
  { "CommunityEntityKind", "community", NC_("CommunityEntityKind", "community") },
  { "CommunityEntityKind", "grid", NC_("CommunityEntityKind", "grid") },
  { "CommunityEntityKind", "worker", NC_("CommunityEntityKind", "community worker") },
  { "CommunityEntityKind", "facility", NC_("CommunityEntityKind", "facility") },
  { "CommunityEntityKind", "consultation", NC_("CommunityEntityKind", "consultation") },
  { "CommunityEntityKind", "work_item", NC_("CommunityEntityKind", "work item") },
  { "CommunityEntityKind", "social_organization", NC_("CommunityEntityKind", "social organization") },
  { "CommunityEntityKind", "department", NC_("CommunityEntityKind", "responsible unit") },
  { "CommunityEntityKind", "task", NC_("CommunityEntityKind", "key task") },
  { "CommunityEntityKind", "funding", NC_("CommunityEntityKind", "funding record") },
  { "CommunityEntityKind", "wage_baseline", NC_("CommunityEntityKind", "average wage baseline") },
  { "CommunityEntityKind", "survey", NC_("CommunityEntityKind", "survey value") },
  { "CommunityEntityKind", "commendation", NC_("CommunityEntityKind", "commendation") },

  { "CommunityDivisionLevel", "city", NC_("CommunityDivisionLevel", "city") },
  { "CommunityDivisionLevel", "district", NC_("CommunityDivisionLevel", "district") },
  { "CommunityDivisionLevel", "county", NC_("CommunityDivisionLevel", "county-level city") },
  { "CommunityDivisionLevel", "street", NC_("CommunityDivisionLevel", "street") },
  { "CommunityDivisionLevel", "town", NC_("CommunityDivisionLevel", "town") },

  /* The levels of a statistical division code (§1), as in "a street-level code" */
  { "CommunityCodeLevel", "province", NC_("CommunityCodeLevel", "province") },
  { "CommunityCodeLevel", "city", NC_("CommunityCodeLevel", "city") },
  { "CommunityCodeLevel", "county", NC_("CommunityCodeLevel", "county") },
  { "CommunityCodeLevel", "street", NC_("CommunityCodeLevel", "street") },
  { "CommunityCodeLevel", "community", NC_("CommunityCodeLevel", "community") },

  { "CommunityCommunityKind", "urban", NC_("CommunityCommunityKind", "urban community") },
  { "CommunityCommunityKind", "rural", NC_("CommunityCommunityKind", "rural community") },

  { "CommunityCivilizedLevel", "none", NC_("CommunityCivilizedLevel", "not rated") },
  { "CommunityCivilizedLevel", "county", NC_("CommunityCivilizedLevel", "civilized village, county level") },
  { "CommunityCivilizedLevel", "city", NC_("CommunityCivilizedLevel", "civilized village, city level") },
  { "CommunityCivilizedLevel", "province", NC_("CommunityCivilizedLevel", "civilized village, province level") },
  { "CommunityCivilizedLevel", "national", NC_("CommunityCivilizedLevel", "civilized village, national level") },

  { "CommunityServiceModel", "integrated", NC_("CommunityServiceModel", "committee and station together") },
  { "CommunityServiceModel", "separated", NC_("CommunityServiceModel", "committee and station apart") },
  { "CommunityServiceModel", "one_station_many_committees", NC_("CommunityServiceModel", "one station, several committees") },
  { "CommunityServiceModel", "multi_community_center", NC_("CommunityServiceModel", "one center for several communities") },

  { "CommunityGridKind", "comprehensive", NC_("CommunityGridKind", "comprehensive grid") },
  { "CommunityGridKind", "dedicated", NC_("CommunityGridKind", "dedicated grid") },

  { "CommunityGridBaseUnit", "residential", NC_("CommunityGridBaseUnit", "residential quarter (buildings)") },
  { "CommunityGridBaseUnit", "institution", NC_("CommunityGridBaseUnit", "public institutions") },
  { "CommunityGridBaseUnit", "enterprise_cluster", NC_("CommunityGridBaseUnit", "cluster of businesses") },

  { "CommunityWorkerRoles", "party_secretary", NC_("CommunityWorkerRoles", "community party secretary") },
  { "CommunityWorkerRoles", "committee_director", NC_("CommunityWorkerRoles", "committee director") },
  { "CommunityWorkerRoles", "committee_member", NC_("CommunityWorkerRoles", "committee member") },
  { "CommunityWorkerRoles", "social_work_station_chief", NC_("CommunityWorkerRoles", "social work station chief") },
  { "CommunityWorkerRoles", "community_worker", NC_("CommunityWorkerRoles", "community worker") },
  { "CommunityWorkerRoles", "grid_leader", NC_("CommunityWorkerRoles", "grid leader") },
  { "CommunityWorkerRoles", "grid_administrator", NC_("CommunityWorkerRoles", "grid administrator") },
  { "CommunityWorkerRoles", "legal_advisor", NC_("CommunityWorkerRoles", "legal advisor") },
  { "CommunityWorkerRoles", "first_secretary", NC_("CommunityWorkerRoles", "first secretary") },

  { "CommunityEmployment", "full_time", NC_("CommunityEmployment", "full-time") },
  { "CommunityEmployment", "part_time", NC_("CommunityEmployment", "part-time") },

  { "CommunityCertificate", "none", NC_("CommunityCertificate", "no certificate") },
  { "CommunityCertificate", "assistant_social_worker", NC_("CommunityCertificate", "assistant social worker") },
  { "CommunityCertificate", "social_worker", NC_("CommunityCertificate", "social worker") },
  { "CommunityCertificate", "senior_social_worker", NC_("CommunityCertificate", "senior social worker") },

  { "CommunityFacilityKind", "community_service_center", NC_("CommunityFacilityKind", "community service facility") },
  { "CommunityFacilityKind", "street_service_center", NC_("CommunityFacilityKind", "street or town community service center") },
  { "CommunityFacilityKind", "home_care_station", NC_("CommunityFacilityKind", "home-care station") },
  { "CommunityFacilityKind", "cultural_service_center", NC_("CommunityFacilityKind", "comprehensive cultural service center") },
  { "CommunityFacilityKind", "disabled_home", NC_("CommunityFacilityKind", "home for the disabled") },
  { "CommunityFacilityKind", "emergency_shelter", NC_("CommunityFacilityKind", "emergency shelter") },
  { "CommunityFacilityKind", "party_guidance_station", NC_("CommunityFacilityKind", "guidance station for grassroots party building") },
  { "CommunityFacilityKind", "social_org_incubator", NC_("CommunityFacilityKind", "social organization incubation base") },
  { "CommunityFacilityKind", "other", NC_("CommunityFacilityKind", "other facility") },

  { "CommunityUtilityPricing", "residential", NC_("CommunityUtilityPricing", "residents' prices") },
  { "CommunityUtilityPricing", "commercial", NC_("CommunityUtilityPricing", "commercial prices") },

  { "CommunityConsultationScope", "public_decision", NC_("CommunityConsultationScope", "major decision on the public interest") },
  { "CommunityConsultationScope", "resident_interest", NC_("CommunityConsultationScope", "residents' vital interests") },
  { "CommunityConsultationScope", "dispute", NC_("CommunityConsultationScope", "conflicts and disputes") },

  { "CommunityConsultationMethod", "residents_council", NC_("CommunityConsultationMethod", "residents' council") },
  { "CommunityConsultationMethod", "residents_board", NC_("CommunityConsultationMethod", "residents' board") },
  { "CommunityConsultationMethod", "sentiment_forum", NC_("CommunityConsultationMethod", "public sentiment forum") },
  { "CommunityConsultationMethod", "democratic_evaluation", NC_("CommunityConsultationMethod", "democratic evaluation") },
  { "CommunityConsultationMethod", "other", NC_("CommunityConsultationMethod", "other method") },

  { "CommunityConsultationLead", "party_organization", NC_("CommunityConsultationLead", "community party organization") },
  { "CommunityConsultationLead", "self_governing_organization", NC_("CommunityConsultationLead", "self-governing organization") },
  { "CommunityConsultationLead", "other", NC_("CommunityConsultationLead", "another body") },

  { "CommunityConsultationState", "proposed", NC_("CommunityConsultationState", "proposed") },
  { "CommunityConsultationState", "deliberating", NC_("CommunityConsultationState", "deliberating") },
  { "CommunityConsultationState", "concluded", NC_("CommunityConsultationState", "concluded") },
  { "CommunityConsultationState", "adopted", NC_("CommunityConsultationState", "adopted") },
  { "CommunityConsultationState", "implemented", NC_("CommunityConsultationState", "implemented") },
  { "CommunityConsultationState", "rejected", NC_("CommunityConsultationState", "not adopted") },
  { "CommunityConsultationState", "feedback_given", NC_("CommunityConsultationState", "feedback given") },
  { "CommunityConsultationState", "withdrawn", NC_("CommunityConsultationState", "withdrawn") },

  { "CommunityWorkList", "statutory_duties", NC_("CommunityWorkList", "list of statutory duties") },
  { "CommunityWorkList", "assisting_government", NC_("CommunityWorkList", "list of work assisting the government") },
  { "CommunityWorkList", "none", NC_("CommunityWorkList", "on neither list") },

  { "CommunityWorkCategory", "service", NC_("CommunityWorkCategory", "service") },
  { "CommunityWorkCategory", "data_collection", NC_("CommunityWorkCategory", "data collection") },
  { "CommunityWorkCategory", "certification", NC_("CommunityWorkCategory", "issuing certificates") },
  { "CommunityWorkCategory", "ledger", NC_("CommunityWorkCategory", "work ledger") },
  { "CommunityWorkCategory", "rating", NC_("CommunityWorkCategory", "creation and rating campaign") },
  { "CommunityWorkCategory", "administrative_enforcement", NC_("CommunityWorkCategory", "administrative enforcement") },
  { "CommunityWorkCategory", "demolition", NC_("CommunityWorkCategory", "demolition and removal of illegal buildings") },
  { "CommunityWorkCategory", "environmental_rectification", NC_("CommunityWorkCategory", "environmental rectification") },
  { "CommunityWorkCategory", "urban_management", NC_("CommunityWorkCategory", "urban management") },
  { "CommunityWorkCategory", "investment_attraction", NC_("CommunityWorkCategory", "attracting investment") },
  { "CommunityWorkCategory", "assessment", NC_("CommunityWorkCategory", "assessment") },
  { "CommunityWorkCategory", "other", NC_("CommunityWorkCategory", "other work") },

  /* The body that issues a work item (DOMAIN.md v2, `issued_by`) */
  { "CommunityIssuer", "department", NC_("CommunityIssuer", "functional department") },
  { "CommunityIssuer", "grassroots_government", NC_("CommunityIssuer", "grassroots government") },

  { "CommunityResponsibleSubject", "community_committee", NC_("CommunityResponsibleSubject", "grassroots self-governing organization") },
  { "CommunityResponsibleSubject", "department", NC_("CommunityResponsibleSubject", "functional department") },
  { "CommunityResponsibleSubject", "street_office", NC_("CommunityResponsibleSubject", "street office or town government") },

  { "CommunityDelivery", "direct", NC_("CommunityDelivery", "assigned directly") },
  { "CommunityDelivery", "purchased_service", NC_("CommunityDelivery", "purchase of services") },

  { "CommunityApprovalBody", "party_standing_committee", NC_("CommunityApprovalBody", "meeting of the party standing committee") },
  { "CommunityApprovalBody", "government_executive_meeting", NC_("CommunityApprovalBody", "executive meeting of the government") },

  { "CommunityWorkItemState", "submitted", NC_("CommunityWorkItemState", "submitted") },
  { "CommunityWorkItemState", "legal_review", NC_("CommunityWorkItemState", "legal review") },
  { "CommunityWorkItemState", "committee_review", NC_("CommunityWorkItemState", "committee review") },
  { "CommunityWorkItemState", "admitted", NC_("CommunityWorkItemState", "admitted") },
  { "CommunityWorkItemState", "rejected", NC_("CommunityWorkItemState", "not admitted") },

  { "CommunityActivities", "legal_publicity", NC_("CommunityActivities", "legal publicity") },
  { "CommunityActivities", "dispute_mediation", NC_("CommunityActivities", "dispute mediation") },
  { "CommunityActivities", "health_elderly_care", NC_("CommunityActivities", "health and elderly care") },
  { "CommunityActivities", "education_training", NC_("CommunityActivities", "education and training") },
  { "CommunityActivities", "charity", NC_("CommunityActivities", "public welfare and charity") },
  { "CommunityActivities", "disaster_prevention", NC_("CommunityActivities", "disaster prevention and relief") },
  { "CommunityActivities", "culture_sports", NC_("CommunityActivities", "culture, sports and recreation") },
  { "CommunityActivities", "neighbourly_help", NC_("CommunityActivities", "neighbourly help") },
  { "CommunityActivities", "resident_integration", NC_("CommunityActivities", "integration of residents") },
  { "CommunityActivities", "rural_production_technology", NC_("CommunityActivities", "rural production technology services") },

  { "CommunityServedGroups", "elderly", NC_("CommunityServedGroups", "the elderly") },
  { "CommunityServedGroups", "children", NC_("CommunityServedGroups", "children") },
  { "CommunityServedGroups", "disabled", NC_("CommunityServedGroups", "people with disabilities") },
  { "CommunityServedGroups", "poor_families", NC_("CommunityServedGroups", "families in difficulty") },

  { "CommunityDepartmentKind", "party_department", NC_("CommunityDepartmentKind", "party department") },
  { "CommunityDepartmentKind", "government_department", NC_("CommunityDepartmentKind", "government department") },
  { "CommunityDepartmentKind", "mass_organization", NC_("CommunityDepartmentKind", "mass organization") },
  { "CommunityDepartmentKind", "district_collective", NC_("CommunityDepartmentKind", "party committees and governments of the districts and counties") },
  { "CommunityDepartmentKind", "generic", NC_("CommunityDepartmentKind", "other city departments concerned") },

  { "CommunityFundingPurpose", "community_operations", NC_("CommunityFundingPurpose", "community operating funds") },
  { "CommunityFundingPurpose", "innovation_awards", NC_("CommunityFundingPurpose", "awards for innovation projects") },
  { "CommunityFundingPurpose", "weak_area_subsidy", NC_("CommunityFundingPurpose", "subsidies for financially weaker areas") },
  { "CommunityFundingPurpose", "other", NC_("CommunityFundingPurpose", "other funding") },

  /* What the city commends every year (DOMAIN.md v2, Commendation.kind) */
  { "CommunityCommendationKind", "party_organization", NC_("CommunityCommendationKind", "community party organization (residents' committee)") },
  { "CommunityCommendationKind", "party_secretary", NC_("CommunityCommendationKind", "community party secretary") },
  { "CommunityCommendationKind", "full_time_worker", NC_("CommunityCommendationKind", "full-time community worker") },

  { "CommunitySeverity", "info", NC_("CommunitySeverity", "info") },
  { "CommunitySeverity", "warning", NC_("CommunitySeverity", "warning") },
  { "CommunitySeverity", "error", NC_("CommunitySeverity", "error") },
};

/* The fields that refer to another entity (ref.unresolved), as a message
 * names them. */
static const Term fields[] = {
  { NULL, "administrators", NC_("field", "grid administrators") },
  { NULL, "communities", NC_("field", "communities") },
  { NULL, "community", NC_("field", "community") },
  { NULL, "department", NC_("field", "department") },
  { NULL, "departments", NC_("field", "responsible units") },
  { NULL, "division", NC_("field", "division") },
  { NULL, "leader", NC_("field", "grid leader") },
  { NULL, "owner", NC_("field", "owner") },
  { NULL, "parent", NC_("field", "parent division") },
  { NULL, "recipient", NC_("field", "recipient") },
  { NULL, "street", NC_("field", "street or town") },
  { NULL, "subject", NC_("field", "commended subject") },
};

/* The indicators of DOMAIN.md §5, by id: the title of each, as the policy
 * names its target (一(三), 二(一), 二(三), 三(二), 四(五), 五(二)). */
static const Term indicators[] = {
  { NULL, "self-governance.compliance", NC_("indicator", "Villages' and residents' committees self-governing to standard") },
  { NULL, "grid.coverage", NC_("indicator", "Coverage of grid-based management and services") },
  { NULL, "service-config.compliance", NC_("indicator", "Basic public service functions configured to standard") },
  { NULL, "worker.certified-share", NC_("indicator", "Urban community workers holding a professional certificate") },
  { NULL, "harmonious.urban", NC_("indicator", "Urban harmonious communities built to standard") },
  { NULL, "harmonious.rural", NC_("indicator", "Rural harmonious communities built to standard") },
  { NULL, "rural.cultural-center-coverage", NC_("indicator", "Rural communities covered by a cultural service center") },
  { NULL, "rural.civilized-village-share", NC_("indicator", "Villages rated civilized at county level or above") },
  { NULL, "public.security-sense", NC_("indicator", "Public sense of security") },
  { NULL, "secretary.five-strong-share", NC_("indicator", "“Five-strong” village and community party secretaries") },
  { NULL, "street.guidance-station-coverage", NC_("indicator", "Streets and towns with a guidance station for party building") },
  { NULL, "home-care.station-rate.urban", NC_("indicator", "Urban communities with a standardized home-care station") },
  { NULL, "home-care.station-rate.rural", NC_("indicator", "Rural communities with a standardized home-care station") },
  { NULL, "home-care.coverage.urban", NC_("indicator", "Urban coverage of basic home-care services") },
  { NULL, "home-care.coverage.rural", NC_("indicator", "Rural coverage of basic home-care services") },
  { NULL, "home-care.informatization", NC_("indicator", "Coverage of home-care informatization") },
  { NULL, "committee.local-resident-share", NC_("indicator", "Urban residents' committee members who live in the community") },
  { NULL, "community.disabled-home-share", NC_("indicator", "Communities with a home for the disabled") },
  { NULL, "community.emergency-shelter-share", NC_("indicator", "Communities with an emergency shelter") },
  { NULL, "street.social-org-incubator-share", NC_("indicator", "Streets and towns with a social organization incubation base") },
};

/* "vocabulary\x04nick" (gettext's own separator of context and msgid)
 * -> Term, for terms; "field\x04name" and "indicator\x04id" for the
 * others. Built once, read by every thread. */
static GHashTable *
term_table (void)
{
  static gsize table = 0;

  if (g_once_init_enter (&table))
    {
      const struct {
        const char *context;  /* NULL: each row's vocabulary */
        const Term *rows;
        guint n_rows;
      } tables[] = {
        { NULL, terms, G_N_ELEMENTS (terms) },
        { "field", fields, G_N_ELEMENTS (fields) },
        { "indicator", indicators, G_N_ELEMENTS (indicators) },
      };
      GHashTable *by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
        for (guint i = 0; i < tables[t].n_rows; i++)
          {
            const Term *row = &tables[t].rows[i];
            const char *context = tables[t].context != NULL ? tables[t].context : row->vocabulary;

            g_hash_table_insert (by_key, g_strconcat (context, "\004", row->nick, NULL), (gpointer) row);
          }
      g_once_init_leave (&table, (gsize) by_key);
    }
  return (GHashTable *) table;
}

/* The translated term of @key in @context, or NULL. */
static const char *
lookup (const char *context,
        const char *key)
{
  g_autofree char *joined = g_strconcat (context, "\004", key, NULL);
  const Term *term = g_hash_table_lookup (term_table (), joined);

  if (term == NULL)
    return NULL;
  community_i18n_init ();
  return community_pgettext (context, term->term);
}

/**
 * community_vocabulary_get_term_for_nick:
 * @type: the type of a vocabulary, as for [func@Community.vocabulary_get_term]
 * @nick: a value of @type as the JSON dataset spells it, e.g. `demolition`
 *
 * The term of a vocabulary value given by its nick: the same as
 * [func@Community.vocabulary_get_term] for the value of that nick.
 *
 * Returns: (nullable): the term, or %NULL when @nick is not a value of @type
 */
const char *
community_vocabulary_get_term_for_nick (GType       type,
                                        const char *nick)
{
  g_return_val_if_fail (nick != NULL, NULL);

  return lookup (g_type_name (type), nick);
}

const char *
community_vocabulary_term (GType type,
                           int   value)
{
  const char *term = community_vocabulary_get_term (type, value);

  return term != NULL ? term : "?";
}

const char *
community_vocabulary_field (const char *json_name)
{
  const char *label = lookup ("field", json_name);

  return label != NULL ? label : json_name;
}

const char *
community_vocabulary_indicator_title (const char *id)
{
  return id != NULL ? lookup ("indicator", id) : NULL;
}

/* The policy's Chinese terms whatever the locale (spreadsheets, DOMAIN.md
 * §9): "Type\004nick" -> term and "Type\004term" -> nick, from the
 * table lib/sheets/gen-terms.py copies out of po/zh_CN.po. Built once. */
static GHashTable *
chinese_table (void)
{
  static gsize table = 0;

  if (g_once_init_enter (&table))
    {
      GHashTable *by_msgid = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GHashTable *by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      for (guint i = 0; i < G_N_ELEMENTS (community_terms_zh); i++)
        g_hash_table_insert (by_msgid,
                             g_strconcat (community_terms_zh[i].context, "\004",
                                          community_terms_zh[i].msgid, NULL),
                             (gpointer) community_terms_zh[i].zh);
      for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
        {
          g_autofree char *msgid = g_strconcat (terms[i].vocabulary, "\004", terms[i].term, NULL);
          const char *zh = g_hash_table_lookup (by_msgid, msgid);

          if (zh == NULL)
            continue;
          g_hash_table_insert (by_key, g_strconcat (terms[i].vocabulary, "\004", terms[i].nick, NULL),
                               (gpointer) zh);
          g_hash_table_insert (by_key, g_strconcat (terms[i].vocabulary, "\004", zh, NULL),
                               (gpointer) terms[i].nick);
        }
      g_hash_table_unref (by_msgid);
      g_once_init_leave (&table, (gsize) by_key);
    }
  return (GHashTable *) table;
}

const char *
community_vocabulary_chinese_term (GType       type,
                                   const char *nick)
{
  g_autofree char *key = g_strconcat (g_type_name (type), "\004", nick, NULL);

  return g_hash_table_lookup (chinese_table (), key);
}

const char *
community_vocabulary_nick_for_chinese (GType       type,
                                       const char *term,
                                       gsize       length)
{
  g_autoptr(GString) key = g_string_new (g_type_name (type));

  g_string_append_c (key, '\004');
  g_string_append_len (key, term, (gssize) length);
  return g_hash_table_lookup (chinese_table (), key->str);
}
