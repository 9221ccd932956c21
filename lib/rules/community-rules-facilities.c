/* community-rules-facilities.c: the rules of DOMAIN.md §4 about facilities
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A rule judges only the entities its condition selects: a facility of
 * another kind, or one the condition leaves out, is not counted at all. An
 * entity the rule selects, or may select, but whose data is unknown is not
 * applicable.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "community-rules-catalog.h"

static gboolean
is_kind (gpointer              facility,
         CommunityFacilityKind wanted)
{
  int kind;

  return community_field_enum (facility, "kind", &kind) && kind == (int) wanted;
}

static gboolean
is_town (gpointer division)
{
  int level;

  return community_field_enum (division, "level", &level) && level == COMMUNITY_DIVISION_LEVEL_TOWN;
}

/* facility.area-per-households: the floor areas of a community's
 * `community_service_center` facilities add up to at least m2_per_100 ×
 * households / 100 (四(一), 每百户居民不低于40平方米). A community without
 * any has 0 m².
 *
 * Judged: every community; one whose households are unknown, or that owns
 * a service center of unknown floor area, is not applicable (as
 * service-config.compliance leaves it out). The subject is the community
 * and, as its area lies in any number of facilities, the path is the
 * community's own pointer (/communities/N, member NULL). Expected is the
 * area needed, actual the area it has, shortfall their difference. */
void
community_rule_facility_area_per_households (CommunityRuleContext *ctx)
{
  CommunityIndex *index = community_rule_get_index (ctx);
  GListModel *communities = community_dataset_get_items (index->dataset, COMMUNITY_ENTITY_KIND_COMMUNITY);
  guint n_items = g_list_model_get_n_items (communities);
  double m2_per_100 = community_rule_param (ctx, "m2_per_100");

  for (guint i = 0; i < n_items; i++)
    {
      CommunityCommunity *community = community_rule_item (communities, i);
      const char *code = community_rule_identity (community);
      const CommunityGroup *facilities = community_index_group (index, index->facilities_by_owner, code);
      gboolean unknown = FALSE;
      guint households;
      double area = 0, needed;

      if (!community_field_uint (community, "households", &households))
        {
          community_rule_not_applicable (ctx);
          continue;
        }

      for (guint f = 0; f < facilities->len; f++)
        {
          double floor_area;

          if (!is_kind (facilities->pdata[f], COMMUNITY_FACILITY_KIND_COMMUNITY_SERVICE_CENTER))
            continue;
          if (community_field_double (facilities->pdata[f], "floor_area_m2", &floor_area))
            area += floor_area;
          else
            unknown = TRUE;
        }

      needed = m2_per_100 * households / 100.0;
      if (unknown)
        community_rule_not_applicable (ctx);
      else if (area >= needed)
        community_rule_pass (ctx);
      else
        community_rule_fail (ctx, COMMUNITY_ENTITY (community), NULL,
                             community_json_double (needed), community_json_double (area), needed - area,
                             _("Community %s has %.10g m² of community service facilities; %u households "
                               "need %.10g m²"),
                             code, area, households, needed);
    }
}

/* street.service-center-area: each street or town owns a
 * `street_service_center` of at least min_m2 square metres (四(一)); the
 * largest one counts, and a street without any has 0 m².
 *
 * Judged: every street and town. When the largest center of known area is
 * too small and another one's area is unknown, it is not applicable. The
 * subject is the street or town, the path its own pointer
 * (/divisions/N, member NULL); expected min_m2, actual the largest area,
 * shortfall their difference. */
void
community_rule_street_service_center_area (CommunityRuleContext *ctx)
{
  CommunityIndex *index = community_rule_get_index (ctx);
  double min = community_rule_param (ctx, "min_m2");

  for (guint s = 0; s < index->streets->len; s++)
    {
      CommunityEntity *street = index->streets->pdata[s];
      const CommunityGroup *facilities = community_index_group (index, index->facilities_by_owner,
                                                     community_rule_identity (street));
      gboolean unknown = FALSE;
      double largest = 0;

      for (guint f = 0; f < facilities->len; f++)
        {
          double floor_area;

          if (!is_kind (facilities->pdata[f], COMMUNITY_FACILITY_KIND_STREET_SERVICE_CENTER))
            continue;
          if (!community_field_double (facilities->pdata[f], "floor_area_m2", &floor_area))
            unknown = TRUE;
          else if (floor_area > largest)
            largest = floor_area;
        }

      if (largest >= min)
        community_rule_pass (ctx);
      else if (unknown)
        community_rule_not_applicable (ctx);
      else
        {
          g_autofree char *label = community_rule_division_label (ctx, community_rule_identity (street));

          community_rule_fail (ctx, street, NULL,
                               community_json_double (min), community_json_double (largest), min - largest,
                               /* TRANSLATORS: %s is the town's name and code, 东港镇 320205106000 */
                               is_town (street)
                               ? _("The largest service center (镇级社区综合服务中心) of town %s has %.10g m²; "
                                   "it should have at least %.10g m²")
                               /* TRANSLATORS: %s is the street's name and code, 广益街道 320213025000 */
                               : _("The largest service center (街道级社区综合服务中心) of street %s has %.10g m²; "
                                   "it should have at least %.10g m²"),
                               label, largest, min);
        }
    }
}

/* street.party-guidance-station: each street or town owns at least min
 * `party_guidance_station` facilities (二(一), 原则上每个街道(镇)至少建立1个).
 * Judged: every street and town. The subject is the street or town, the
 * path its own pointer (/divisions/N, member NULL); expected min, actual
 * the number it owns, shortfall their difference. */
void
community_rule_street_party_guidance_station (CommunityRuleContext *ctx)
{
  CommunityIndex *index = community_rule_get_index (ctx);
  guint min = (guint) community_rule_param (ctx, "min");

  for (guint s = 0; s < index->streets->len; s++)
    {
      CommunityEntity *street = index->streets->pdata[s];
      const CommunityGroup *facilities = community_index_group (index, index->facilities_by_owner,
                                                     community_rule_identity (street));
      guint n = 0;

      for (guint f = 0; f < facilities->len; f++)
        if (is_kind (facilities->pdata[f], COMMUNITY_FACILITY_KIND_PARTY_GUIDANCE_STATION))
          n++;

      if (n >= min)
        community_rule_pass (ctx);
      else
        {
          g_autofree char *label = community_rule_division_label (ctx, community_rule_identity (street));

          community_rule_fail (ctx, street, NULL,
                               community_json_int (min), community_json_int (n), min - n,
                               /* TRANSLATORS: %s is the town's name and code, 东港镇 320205106000 */
                               is_town (street)
                               ? _("Town %s has %u guidance stations for grassroots party building "
                                   "(基层党建工作指导站); it should have at least %u")
                               /* TRANSLATORS: %s is the street's name and code, 广益街道 320213025000 */
                               : _("Street %s has %u guidance stations for grassroots party building "
                                   "(基层党建工作指导站); it should have at least %u"),
                               label, n, min);
        }
    }
}

static void
check_utility_pricing (CommunityRuleContext *ctx,
                       gpointer              facility,
                       gpointer              data)
{
  int pricing;

  if (!is_kind (facility, COMMUNITY_FACILITY_KIND_COMMUNITY_SERVICE_CENTER) &&
      !is_kind (facility, COMMUNITY_FACILITY_KIND_STREET_SERVICE_CENTER))
    return;

  if (!community_field_enum (facility, "utility_pricing", &pricing))
    community_rule_not_applicable (ctx);
  else if (pricing == COMMUNITY_UTILITY_PRICING_RESIDENTIAL)
    community_rule_pass (ctx);
  else
    community_rule_fail (ctx, COMMUNITY_ENTITY (facility), "utility_pricing",
                         community_json_string ("residential"), community_json_string ("commercial"), 0,
                         _("Service center %s pays commercial prices for water, power, gas or telecoms; "
                           "it should pay residents' prices"),
                         community_rule_identity (facility));
}

/* facility.utility-pricing: community and street service centers pay
 * residents' prices (`utility_pricing: residential`, 四(一)). Judged: the
 * facilities of kind community_service_center or street_service_center
 * (others are not counted); unknown pricing is not applicable. The path
 * is …/utility_pricing, expected "residential", actual "commercial". */
void
community_rule_facility_utility_pricing (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_FACILITY, check_utility_pricing, NULL);
}

static void
check_registration (CommunityRuleContext *ctx,
                    gpointer              facility,
                    gpointer              data)
{
  gboolean invested, registered;

  if (!community_field_boolean (facility, "government_invested", &invested))
    {
      community_rule_not_applicable (ctx);
      return;
    }
  if (!invested)
    return;

  if (!community_field_boolean (facility, "ownership_registered", &registered))
    community_rule_not_applicable (ctx);
  else if (registered)
    community_rule_pass (ctx);
  else
    community_rule_fail (ctx, COMMUNITY_ENTITY (facility), "ownership_registered",
                         community_json_bool (TRUE), community_json_bool (FALSE), 0,
                         _("Facility %s was built with government money but its ownership is not "
                           "registered (不动产登记)"),
                         community_rule_identity (facility));
}

/* facility.registration: a facility with `government_invested: true` has
 * `ownership_registered: true` (四(一)). Judged: the facilities built with
 * government money; one with `government_invested: false` is not counted,
 * and one that does not say whether it was (it may be) is not applicable,
 * as is an invested one whose registration is unknown. The path is
 * …/ownership_registered, expected true, actual false. */
void
community_rule_facility_registration (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_FACILITY, check_registration, NULL);
}

static void
check_office_area (CommunityRuleContext *ctx,
                   gpointer              facility,
                   gpointer              data)
{
  double share = community_rule_param (ctx, "max_office_share");
  double floor_area, office_area, max;

  if (!is_kind (facility, COMMUNITY_FACILITY_KIND_COMMUNITY_SERVICE_CENTER))
    return;

  if (!community_field_double (facility, "floor_area_m2", &floor_area) ||
      !community_field_double (facility, "office_area_m2", &office_area))
    {
      community_rule_not_applicable (ctx);
      return;
    }

  max = share * floor_area;
  if (office_area <= max)
    community_rule_pass (ctx);
  else
    community_rule_fail (ctx, COMMUNITY_ENTITY (facility), "office_area_m2",
                         community_json_double (max), community_json_double (office_area), 0,
                         _("Offices take %.10g m² of the %.10g m² of community service center %s; they "
                           "should take at most %.10g m² (办公场所最小化)"),
                         office_area, floor_area, community_rule_identity (facility), max);
}

/* facility.office-area: offices take at most max_office_share of a
 * community service center's floor area (四(二),
 * 服务和活动场所最大化、办公场所最小化). The policy gives no number, so the
 * built-in ruleset ships it disabled. Judged: the facilities of kind
 * community_service_center (others are not counted); either area unknown
 * is not applicable. The path is …/office_area_m2; expected the largest
 * office area allowed, actual the office area (a ceiling: no shortfall). */
void
community_rule_facility_office_area (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_FACILITY, check_office_area, NULL);
}
