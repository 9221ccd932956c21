/* community-indicators.c: the indicators of DOMAIN.md §5
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every indicator is a rate, computed for the city, every district or
 * county and every street or town. The divisions an entity counts under
 * are found once per entity (its street/town, the district/county above
 * and the city, by community_dataset_get_ancestor()), and one pass over
 * the communities (with their grids, workers and facilities from the
 * index), the street-level workers, the streets and the surveys adds its
 * share to each of them: no division rescans the dataset.
 *
 * Unknown values (a field that is not set) follow one policy throughout:
 * where the indicator counts entities that *have* a property out of all
 * entities, an entity whose property is unknown stays in the denominator
 * and not in the numerator, since the policy counts the compliant ones
 * over all; where the indicator sums a quantity (households, elderly), an
 * entity whose quantity is unknown is left out of both sides.
 */

#include "config.h"

#include "community-rule-private.h"
#include "community-report-private.h"
#include "community-entity-private.h"

typedef enum {
  INDICATOR_SELF_GOVERNANCE_COMPLIANCE,
  INDICATOR_GRID_COVERAGE,
  INDICATOR_SERVICE_CONFIG_COMPLIANCE,
  INDICATOR_WORKER_CERTIFIED_SHARE,
  INDICATOR_HARMONIOUS_URBAN,
  INDICATOR_HARMONIOUS_RURAL,
  INDICATOR_RURAL_CULTURAL_CENTER_COVERAGE,
  INDICATOR_RURAL_CIVILIZED_VILLAGE_SHARE,
  INDICATOR_PUBLIC_SECURITY_SENSE,
  INDICATOR_SECRETARY_FIVE_STRONG_SHARE,
  INDICATOR_STREET_GUIDANCE_STATION_COVERAGE,
  INDICATOR_HOME_CARE_STATION_RATE_URBAN,
  INDICATOR_HOME_CARE_STATION_RATE_RURAL,
  INDICATOR_HOME_CARE_COVERAGE_URBAN,
  INDICATOR_HOME_CARE_COVERAGE_RURAL,
  INDICATOR_HOME_CARE_INFORMATIZATION,
  /* Monitoring indicators: no target (DOMAIN.md §5). */
  INDICATOR_COMMITTEE_LOCAL_RESIDENT_SHARE,
  INDICATOR_COMMUNITY_DISABLED_HOME_SHARE,
  INDICATOR_COMMUNITY_EMERGENCY_SHELTER_SHARE,
  INDICATOR_STREET_SOCIAL_ORG_INCUBATOR_SHARE,
  N_INDICATORS
} Indicator;

static const char * const indicator_ids[N_INDICATORS] = {
  [INDICATOR_SELF_GOVERNANCE_COMPLIANCE] = "self-governance.compliance",
  [INDICATOR_GRID_COVERAGE] = "grid.coverage",
  [INDICATOR_SERVICE_CONFIG_COMPLIANCE] = "service-config.compliance",
  [INDICATOR_WORKER_CERTIFIED_SHARE] = "worker.certified-share",
  [INDICATOR_HARMONIOUS_URBAN] = "harmonious.urban",
  [INDICATOR_HARMONIOUS_RURAL] = "harmonious.rural",
  [INDICATOR_RURAL_CULTURAL_CENTER_COVERAGE] = "rural.cultural-center-coverage",
  [INDICATOR_RURAL_CIVILIZED_VILLAGE_SHARE] = "rural.civilized-village-share",
  [INDICATOR_PUBLIC_SECURITY_SENSE] = "public.security-sense",
  [INDICATOR_SECRETARY_FIVE_STRONG_SHARE] = "secretary.five-strong-share",
  [INDICATOR_STREET_GUIDANCE_STATION_COVERAGE] = "street.guidance-station-coverage",
  [INDICATOR_HOME_CARE_STATION_RATE_URBAN] = "home-care.station-rate.urban",
  [INDICATOR_HOME_CARE_STATION_RATE_RURAL] = "home-care.station-rate.rural",
  [INDICATOR_HOME_CARE_COVERAGE_URBAN] = "home-care.coverage.urban",
  [INDICATOR_HOME_CARE_COVERAGE_RURAL] = "home-care.coverage.rural",
  [INDICATOR_HOME_CARE_INFORMATIZATION] = "home-care.informatization",
  [INDICATOR_COMMITTEE_LOCAL_RESIDENT_SHARE] = "committee.local-resident-share",
  [INDICATOR_COMMUNITY_DISABLED_HOME_SHARE] = "community.disabled-home-share",
  [INDICATOR_COMMUNITY_EMERGENCY_SHELTER_SHARE] = "community.emergency-shelter-share",
  [INDICATOR_STREET_SOCIAL_ORG_INCUBATOR_SHARE] = "street.social-org-incubator-share",
};

/* The tiers a member counts under: street/town, district/county, city. */
#define N_TIERS 3

typedef struct {
  double numerator;
  double denominator;
} Rate;

typedef struct {
  CommunityIndex *index;
  GHashTable *slots;   /* CommunityDivision -> its slot + 1 */
  guint n_slots;
  Rate *rates;         /* [n_slots][N_INDICATORS] */
  double m2_per_100;   /* of facility.area-per-households */
  Rate *grid_coverage; /* nullable: each community's share, by position */
} Tally;

/* The slots of the divisions an entity counts under; -1 where the walk up
 * reaches no division of that tier. */
typedef struct {
  int slots[N_TIERS];
} Membership;

static void
membership_init (Tally           *tally,
                 CommunityEntity *entity,
                 Membership      *membership)
{
  static const CommunityDivisionLevel levels[N_TIERS] = {
    COMMUNITY_DIVISION_LEVEL_STREET,
    COMMUNITY_DIVISION_LEVEL_DISTRICT,
    COMMUNITY_DIVISION_LEVEL_CITY,
  };

  for (guint t = 0; t < N_TIERS; t++)
    {
      CommunityDivision *division = community_dataset_get_ancestor (tally->index->dataset, entity, levels[t]);
      guint slot = division != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (tally->slots, division)) : 0;

      membership->slots[t] = (int) slot - 1;
    }
}

static Rate *
tally_rate (Tally     *tally,
            guint      slot,
            Indicator  indicator)
{
  return &tally->rates[slot * N_INDICATORS + indicator];
}

/* Adds one member's share to every division it counts under. */
static void
tally_add (Tally            *tally,
           const Membership *membership,
           Indicator         indicator,
           double            numerator,
           double            denominator)
{
  for (guint t = 0; t < N_TIERS; t++)
    {
      Rate *rate;

      if (membership->slots[t] < 0)
        continue;
      rate = tally_rate (tally, membership->slots[t], indicator);
      rate->numerator += numerator;
      rate->denominator += denominator;
    }
}

/* A member that has the property counts 1/1, one that lacks it or whose
 * property is unknown 0/1. */
static void
tally_count (Tally            *tally,
             const Membership *membership,
             Indicator         indicator,
             gboolean          counted)
{
  tally_add (tally, membership, indicator, counted ? 1 : 0, 1);
}

static gboolean
field_true (gpointer    record,
            const char *json_name)
{
  gboolean value;

  return community_field_boolean_named (record, json_name, &value) && value;
}

static gboolean
owns_facility (const CommunityGroup  *facilities,
               CommunityFacilityKind  wanted,
               gboolean               standardized)
{
  for (guint i = 0; i < facilities->len; i++)
    {
      int kind;

      if (community_field_enum (facilities->pdata[i], "kind", &kind) &&
          kind == (int) wanted &&
          (!standardized || field_true (facilities->pdata[i], "standardized")))
        return TRUE;
    }
  return FALSE;
}

/* Σ over the community of min(households in its comprehensive grids, its
 * households); households unset: left out of both sides. A grid whose
 * kind or households is unknown is not known to cover anybody, so it
 * covers nothing here (grid.coverage calls such a community not
 * applicable; the indicator stays conservative instead). */
static Rate
grid_coverage_share (CommunityIndex     *index,
                     CommunityCommunity *community,
                     const char         *code)
{
  const CommunityGroup *grids = community_index_group (index, index->grids_by_community, code);
  guint households;
  guint64 covered = 0;

  if (!community_field_uint (community, "households", &households))
    return (Rate) { 0, 0 };

  for (guint g = 0; g < grids->len; g++)
    {
      int kind;
      guint grid_households;

      if (community_field_enum (grids->pdata[g], "kind", &kind) &&
          kind == COMMUNITY_GRID_KIND_COMPREHENSIVE &&
          community_field_uint (grids->pdata[g], "households", &grid_households))
        covered += grid_households;
    }

  return (Rate) { MIN (covered, households), households };
}

static void
tally_grid_coverage (Tally              *tally,
                     const Membership   *membership,
                     CommunityCommunity *community,
                     const char         *code)
{
  Rate share = grid_coverage_share (tally->index, community, code);

  /* Households unset: left out of both sides (a share of 0/0). */
  tally_add (tally, membership, INDICATOR_GRID_COVERAGE, share.numerator, share.denominator);
  if (tally->grid_coverage != NULL)
    tally->grid_coverage[community_entity_get_position (COMMUNITY_ENTITY (community))] = share;
}

/* service-config.compliance counts the communities that pass
 * facility.area-per-households, with the ruleset's m2_per_100: the floor
 * area of its community_service_center facilities ≥ m2_per_100 ×
 * households / 100. A community that rule cannot judge (households
 * unknown, or a service center whose floor area is unknown) is left out
 * of both sides; one without any service center has 0 m² and fails. */
static void
tally_service_config (Tally                *tally,
                      const Membership     *membership,
                      CommunityCommunity   *community,
                      const CommunityGroup *facilities)
{
  guint households;
  double area = 0;

  if (!community_field_uint (community, "households", &households))
    return;

  for (guint i = 0; i < facilities->len; i++)
    {
      int kind;
      double floor_area;

      if (!community_field_enum (facilities->pdata[i], "kind", &kind) ||
          kind != COMMUNITY_FACILITY_KIND_COMMUNITY_SERVICE_CENTER)
        continue;
      if (!community_field_double (facilities->pdata[i], "floor_area_m2", &floor_area))
        return;
      area += floor_area;
    }

  tally_count (tally, membership, INDICATOR_SERVICE_CONFIG_COMPLIANCE,
               area >= tally->m2_per_100 * households / 100.0);
}

/* Σ elderly covered / Σ elderly, by kind; a community without both
 * figures is left out. Coverage beyond the community's own elderly is a
 * data error and counts as full coverage, so that it cannot hide another
 * community's shortfall (as grid.coverage does with households). */
static void
tally_home_care_coverage (Tally              *tally,
                          const Membership   *membership,
                          gpointer            elderly,
                          int                 kind)
{
  guint population, covered;

  if (elderly == NULL ||
      !community_field_uint (elderly, "population", &population) ||
      !community_field_uint (elderly, "home_care_covered", &covered))
    return;

  tally_add (tally, membership,
             kind == COMMUNITY_COMMUNITY_KIND_URBAN
             ? INDICATOR_HOME_CARE_COVERAGE_URBAN : INDICATOR_HOME_CARE_COVERAGE_RURAL,
             MIN (covered, population), population);
}

/* committee.local-resident-share: Σ local_resident_members / Σ members
 * over the urban communities whose committee gives both (二(三),
 * 稳步提高城市社区居委会成员中本社区居民比例); local members beyond the
 * committee's size are a data error and count as all of them. */
static void
tally_local_residents (Tally            *tally,
                       const Membership *membership,
                       gpointer          committee)
{
  guint members, local;

  if (committee == NULL ||
      !community_field_uint (committee, "members", &members) ||
      !community_field_uint (committee, "local_resident_members", &local))
    return;

  tally_add (tally, membership, INDICATOR_COMMITTEE_LOCAL_RESIDENT_SHARE, MIN (local, members), members);
}

/* A worker's share: secretary.five-strong-share for every worker with the
 * party_secretary role (street-level ones under their street);
 * worker.certified-share for the full-time community staff of an urban
 * community (@community_kind is -1 for a worker attached to no community).
 * A certificate that is unknown is not counted as held. */
static void
tally_worker (Tally            *tally,
              const Membership *membership,
              CommunityWorker  *worker,
              int               community_kind)
{
  const guint not_staff = COMMUNITY_WORKER_ROLES_LEGAL_ADVISOR | COMMUNITY_WORKER_ROLES_FIRST_SECRETARY;
  guint roles;
  int employment, certificate;

  if (!community_field_flags (worker, "roles", &roles))
    return;

  if (roles & COMMUNITY_WORKER_ROLES_PARTY_SECRETARY)
    tally_count (tally, membership, INDICATOR_SECRETARY_FIVE_STRONG_SHARE,
                 field_true (worker, "five_strong"));

  if (community_kind == COMMUNITY_COMMUNITY_KIND_URBAN &&
      (roles & ~not_staff) != 0 &&
      community_field_enum (worker, "employment", &employment) &&
      employment == COMMUNITY_EMPLOYMENT_FULL_TIME)
    tally_count (tally, membership, INDICATOR_WORKER_CERTIFIED_SHARE,
                 community_field_enum (worker, "certificate", &certificate) &&
                 certificate != COMMUNITY_CERTIFICATE_NONE);
}

static void
tally_community (Tally              *tally,
                 CommunityCommunity *community)
{
  CommunityIndex *index = tally->index;
  const char *code = community_entity_get_identity (COMMUNITY_ENTITY (community));
  const CommunityGroup *facilities = community_index_group (index, index->facilities_by_owner, code);
  const CommunityGroup *workers = community_index_group (index, index->workers_by_community, code);
  gpointer elderly = community_field_object (community, "elderly");
  Membership membership;
  gboolean urban;
  int kind, level;

  if (!community_field_enum (community, "kind", &kind))
    kind = -1;
  urban = kind == COMMUNITY_COMMUNITY_KIND_URBAN;
  membership_init (tally, COMMUNITY_ENTITY (community), &membership);

  /* A flag that is unset counts in the denominator, not the numerator:
   * the policy counts the compliant communities over all, and an
   * unknown is not known to comply. */
  tally_count (tally, &membership, INDICATOR_SELF_GOVERNANCE_COMPLIANCE,
               field_true (community, "self_governance_compliant"));
  tally_grid_coverage (tally, &membership, community, code);
  tally_service_config (tally, &membership, community, facilities);
  tally_count (tally, &membership, INDICATOR_HOME_CARE_INFORMATIZATION,
               elderly != NULL && field_true (elderly, "home_care_informatized"));
  tally_count (tally, &membership, INDICATOR_COMMUNITY_DISABLED_HOME_SHARE,
               owns_facility (facilities, COMMUNITY_FACILITY_KIND_DISABLED_HOME, FALSE));
  tally_count (tally, &membership, INDICATOR_COMMUNITY_EMERGENCY_SHELTER_SHARE,
               owns_facility (facilities, COMMUNITY_FACILITY_KIND_EMERGENCY_SHELTER, FALSE));
  if (urban)
    tally_local_residents (tally, &membership, community_field_object (community, "committee"));

  if (kind >= 0)
    {
      tally_count (tally, &membership, urban ? INDICATOR_HARMONIOUS_URBAN : INDICATOR_HARMONIOUS_RURAL,
                   field_true (community, "harmonious_compliant"));
      tally_count (tally, &membership,
                   urban ? INDICATOR_HOME_CARE_STATION_RATE_URBAN : INDICATOR_HOME_CARE_STATION_RATE_RURAL,
                   owns_facility (facilities, COMMUNITY_FACILITY_KIND_HOME_CARE_STATION, TRUE));
      tally_home_care_coverage (tally, &membership, elderly, kind);
    }

  if (kind == COMMUNITY_COMMUNITY_KIND_RURAL)
    {
      tally_count (tally, &membership, INDICATOR_RURAL_CULTURAL_CENTER_COVERAGE,
                   owns_facility (facilities, COMMUNITY_FACILITY_KIND_CULTURAL_SERVICE_CENTER, FALSE));
      tally_count (tally, &membership, INDICATOR_RURAL_CIVILIZED_VILLAGE_SHARE,
                   community_field_enum (community, "civilized_village_level", &level) &&
                   level >= COMMUNITY_CIVILIZED_LEVEL_COUNTY);
    }

  for (guint w = 0; w < workers->len; w++)
    tally_worker (tally, &membership, workers->pdata[w], kind);
}

/* Workers attached to no community of the dataset: street-level staff,
 * and workers whose community does not resolve (which the walk up then
 * places by their street, if any). */
static void
tally_other_workers (Tally *tally)
{
  CommunityDataset *dataset = tally->index->dataset;
  GListModel *workers = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_WORKER);
  guint n_items = g_list_model_get_n_items (workers);

  for (guint i = 0; i < n_items; i++)
    {
      CommunityWorker *worker = community_rule_item (workers, i);
      const char *community = community_field_string (worker, "community");
      Membership membership;

      if (community != NULL && community_dataset_get_community (dataset, community) != NULL)
        continue;
      membership_init (tally, COMMUNITY_ENTITY (worker), &membership);
      tally_worker (tally, &membership, worker, -1);
    }
}

/* street.guidance-station-coverage and street.social-org-incubator-share:
 * each street/town counts 1/1 if it owns a party_guidance_station (a
 * social_org_incubator), else 0/1, for itself and the divisions above. */
static void
tally_streets (Tally *tally)
{
  CommunityIndex *index = tally->index;

  for (guint i = 0; i < index->streets->len; i++)
    {
      CommunityEntity *street = index->streets->pdata[i];
      const CommunityGroup *facilities = community_index_group (index, index->facilities_by_owner,
                                                     community_entity_get_identity (street));
      Membership membership;

      membership_init (tally, street, &membership);
      tally_count (tally, &membership, INDICATOR_STREET_GUIDANCE_STATION_COVERAGE,
                   owns_facility (facilities, COMMUNITY_FACILITY_KIND_PARTY_GUIDANCE_STATION, FALSE));
      tally_count (tally, &membership, INDICATOR_STREET_SOCIAL_ORG_INCUBATOR_SHARE,
                   owns_facility (facilities, COMMUNITY_FACILITY_KIND_SOCIAL_ORG_INCUBATOR, FALSE));
    }
}

/* Whether @candidate is a better survey for its division than @current:
 * one of a year not after the dataset's as_of year beats a later one, and
 * among those alike the latest year wins (the first in dataset order on a
 * tie). Without as_of every year is alike. */
static gboolean
survey_better (gpointer candidate,
               gpointer current,
               guint    as_of_year)
{
  guint candidate_year = 0, current_year = 0;
  gboolean candidate_due, current_due;

  if (current == NULL)
    return TRUE;
  community_field_uint (candidate, "year", &candidate_year);
  community_field_uint (current, "year", &current_year);
  candidate_due = as_of_year == 0 || candidate_year <= as_of_year;
  current_due = as_of_year == 0 || current_year <= as_of_year;
  if (candidate_due != current_due)
    return candidate_due;
  return candidate_year > current_year;
}

/* public.security-sense is the survey value of the division itself:
 * numerator the value, denominator 1; a division without a survey keeps
 * denominator 0 (not applicable). Surveys are not averaged up. */
static void
tally_surveys (Tally *tally)
{
  CommunityDataset *dataset = tally->index->dataset;
  GListModel *surveys = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_SURVEY);
  guint n_items = g_list_model_get_n_items (surveys);
  const GDate *as_of = community_dataset_get_as_of (dataset);
  guint as_of_year = as_of != NULL && g_date_valid (as_of) ? g_date_get_year (as_of) : 0;
  g_autofree gpointer *best = g_new0 (gpointer, tally->n_slots);

  for (guint i = 0; i < n_items; i++)
    {
      CommunityEntity *survey = community_rule_item (surveys, i);
      const char *division_code = community_field_string (survey, "division");
      CommunityDivision *division;
      guint slot;

      if (g_strcmp0 (community_field_string (survey, "indicator"),
                     indicator_ids[INDICATOR_PUBLIC_SECURITY_SENSE]) != 0 ||
          division_code == NULL ||
          (division = community_dataset_get_division (dataset, division_code)) == NULL)
        continue;
      slot = GPOINTER_TO_UINT (g_hash_table_lookup (tally->slots, division));
      if (slot > 0 && survey_better (survey, best[slot - 1], as_of_year))
        best[slot - 1] = survey;  /* the dataset keeps it alive */
    }

  for (guint slot = 0; slot < tally->n_slots; slot++)
    {
      Rate *rate = tally_rate (tally, slot, INDICATOR_PUBLIC_SECURITY_SENSE);
      double value;

      if (best[slot] != NULL && community_field_double (best[slot], "value", &value))
        {
          rate->numerator = value;
          rate->denominator = 1;
        }
    }
}

static int
indicator_lookup (const char *id)
{
  for (guint i = 0; i < N_INDICATORS; i++)
    if (g_str_equal (indicator_ids[i], id))
      return i;
  return -1;
}

struct _CommunityIndicatorState
{
  Tally tally;
  GPtrArray *divisions;  /* by slot */
  GStrv ids;             /* the ruleset's indicators, in report order */
  GPtrArray *results;    /* [ids][slots]; empty when kept_shares */
  /* A state kept between validations (community_indicator_state_new()):
   * the results per indicator, each an array by slot, and whether a
   * report shares it (community_indicator_state_share_results()). */
  GPtrArray *by_indicator;
  gboolean *shared;
};

static CommunityIndicatorResult *
state_result (CommunityIndicatorState *state,
              CommunityRuleset        *ruleset,
              guint                    k,
              guint                    slot)
{
  const char *code = community_entity_get_identity (state->divisions->pdata[slot]);
  int indicator = indicator_lookup (state->ids[k]);
  /* A ruleset names only indicators the library has (it refuses others
   * when loaded); were one unknown, it has no value. */
  Rate rate = indicator >= 0 ? *tally_rate (&state->tally, slot, indicator) : (Rate) { 0, 0 };

  return community_indicator_result_new (state->ids[k], code, rate.numerator, rate.denominator,
                                         community_ruleset_get_indicator_target (ruleset, state->ids[k]));
}

static CommunityIndicatorState *
state_compute (CommunityRuleset *ruleset,
               CommunityIndex   *index,
               gboolean          keep_shares)
{
  CommunityIndicatorState *state = g_new0 (CommunityIndicatorState, 1);
  GPtrArray *tiers[N_TIERS] = { index->cities, index->districts, index->streets };
  GListModel *communities;
  guint n_communities;
  Tally *tally = &state->tally;

  state->ids = community_ruleset_list_indicators (ruleset);
  state->divisions = g_ptr_array_new ();
  state->results = g_ptr_array_new_with_free_func (g_object_unref);

  /* The slots, in report order: the city, then the districts and
   * counties, then the streets and towns, each in dataset order. */
  tally->index = index;
  tally->slots = g_hash_table_new (NULL, NULL);
  for (guint t = 0; t < N_TIERS; t++)
    for (guint i = 0; i < tiers[t]->len; i++)
      {
        g_ptr_array_add (state->divisions, tiers[t]->pdata[i]);
        g_hash_table_insert (tally->slots, tiers[t]->pdata[i], GUINT_TO_POINTER (state->divisions->len));
      }
  tally->n_slots = state->divisions->len;
  tally->rates = g_new0 (Rate, (gsize) tally->n_slots * N_INDICATORS);
  tally->m2_per_100 = community_ruleset_get_rule_param (ruleset, "facility.area-per-households", "m2_per_100");

  communities = community_dataset_get_items (index->dataset, COMMUNITY_ENTITY_KIND_COMMUNITY);
  n_communities = g_list_model_get_n_items (communities);
  if (keep_shares)
    tally->grid_coverage = g_new0 (Rate, MAX (n_communities, 1));
  for (guint i = 0; i < n_communities; i++)
    {
      CommunityCommunity *community = community_rule_item (communities, i);

      tally_community (tally, community);
    }
  tally_other_workers (tally);
  tally_streets (tally);
  tally_surveys (tally);

  if (keep_shares)
    {
      guint n_ids = g_strv_length (state->ids);

      state->by_indicator = g_ptr_array_new_full (n_ids, (GDestroyNotify) g_ptr_array_unref);
      state->shared = g_new0 (gboolean, MAX (n_ids, 1));
    }
  for (guint k = 0; state->ids[k] != NULL; k++)
    {
      GPtrArray *results = state->results;

      if (keep_shares)
        {
          results = g_ptr_array_new_full (tally->n_slots, g_object_unref);
          g_ptr_array_add (state->by_indicator, results);
        }
      for (guint slot = 0; slot < tally->n_slots; slot++)
        g_ptr_array_add (results, state_result (state, ruleset, k, slot));
    }

  tally->index = NULL;  /* not kept: the caller's */
  return state;
}

void
community_indicator_state_free (CommunityIndicatorState *state)
{
  g_free (state->tally.rates);
  g_free (state->tally.grid_coverage);
  g_hash_table_unref (state->tally.slots);
  g_ptr_array_unref (state->divisions);
  g_ptr_array_unref (state->results);
  g_clear_pointer (&state->by_indicator, g_ptr_array_unref);
  g_free (state->shared);
  g_strfreev (state->ids);
  g_free (state);
}

CommunityIndicatorState *
community_indicator_state_new (CommunityRuleset *ruleset,
                               CommunityIndex   *index)
{
  return state_compute (ruleset, index, TRUE);
}

GPtrArray *
community_indicator_state_share_results (CommunityIndicatorState *state)
{
  GPtrArray *shared = g_ptr_array_new_full (state->by_indicator->len, (GDestroyNotify) g_ptr_array_unref);

  for (guint k = 0; k < state->by_indicator->len; k++)
    {
      g_ptr_array_add (shared, g_ptr_array_ref (state->by_indicator->pdata[k]));
      state->shared[k] = TRUE;
    }
  return shared;
}

void
community_indicator_state_update_grid_coverage (CommunityIndicatorState *state,
                                                CommunityRuleset        *ruleset,
                                                CommunityIndex          *index,
                                                CommunityCommunity      *community)
{
  Tally *tally = &state->tally;
  guint position = community_entity_get_position (COMMUNITY_ENTITY (community));
  Rate share = grid_coverage_share (index, community,
                                    community_entity_get_identity (COMMUNITY_ENTITY (community)));
  Rate *old = &tally->grid_coverage[position];
  Membership membership;

  if (share.numerator == old->numerator && share.denominator == old->denominator)
    return;

  /* The shares are whole numbers of households, so that taking the old
   * one away and adding the new one gives exactly the sums a full
   * computation adds up, in any order. */
  tally->index = index;
  membership_init (tally, COMMUNITY_ENTITY (community), &membership);
  tally->index = NULL;
  tally_add (tally, &membership, INDICATOR_GRID_COVERAGE,
             share.numerator - old->numerator, share.denominator - old->denominator);
  *old = share;

  for (guint k = 0; state->ids[k] != NULL; k++)
    {
      GPtrArray *results;

      if (indicator_lookup (state->ids[k]) != INDICATOR_GRID_COVERAGE)
        continue;
      /* A report shares the old results: they stay as they were. */
      if (state->shared[k])
        {
          GPtrArray *old_results = state->by_indicator->pdata[k];

          results = g_ptr_array_new_full (old_results->len, g_object_unref);
          for (guint i = 0; i < old_results->len; i++)
            g_ptr_array_add (results, g_object_ref (old_results->pdata[i]));
          g_ptr_array_unref (old_results);
          state->by_indicator->pdata[k] = results;
          state->shared[k] = FALSE;
        }
      results = state->by_indicator->pdata[k];
      for (guint t = 0; t < N_TIERS; t++)
        {
          guint i;

          if (membership.slots[t] < 0)
            continue;
          i = (guint) membership.slots[t];
          g_object_unref (results->pdata[i]);
          results->pdata[i] = state_result (state, ruleset, k, i);
        }
    }
}

GPtrArray *
community_indicators_compute (CommunityRuleset *ruleset,
                              CommunityIndex   *index)
{
  CommunityIndicatorState *state = state_compute (ruleset, index, FALSE);
  GPtrArray *results = g_steal_pointer (&state->results);

  state->results = g_ptr_array_new ();
  community_indicator_state_free (state);
  return results;
}
