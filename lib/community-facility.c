/* community-facility.c: a facility (社区综合服务设施 etc.)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-facility.h"
#include "community-enum-types.h"
#include "community-entity-private.h"

/**
 * CommunityFacility:
 *
 * A facility (设施) of a community or of a street or town: a community
 * comprehensive service facility (社区综合服务设施), a street's or town's
 * service center, a home-based care station, a cultural service center, a home
 * for the disabled, an emergency shelter, a guidance station for grassroots
 * party building, an incubator for social organizations, or another facility
 * (二(一), 四(一), 四(二), 四(五)).
 *
 * In JSON: `{"id", "name", "kind", "owner", "floor_area_m2", "office_area_m2",
 * "standardized", "government_invested", "ownership_registered",
 * "utility_pricing"}`.
 */

struct _CommunityFacility
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityFacility, community_facility, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_OWNER,
  PROP_FLOOR_AREA_M2,
  PROP_OFFICE_AREA_M2,
  PROP_STANDARDIZED,
  PROP_GOVERNMENT_INVESTED,
  PROP_OWNERSHIP_REGISTERED,
  PROP_UTILITY_PRICING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_ID] = { COMMUNITY_FIELD_IDENTITY },
  [PROP_KIND] = { COMMUNITY_FIELD_REQUIRED },
  [PROP_OWNER] = { COMMUNITY_FIELD_REQUIRED | COMMUNITY_FIELD_REFERENCE,
                   COMMUNITY_REF_KIND (COMMUNITY) | COMMUNITY_REF_KIND (DIVISION) },
};

static void
community_facility_class_init (CommunityFacilityClass *klass)
{
  CommunityEntityClassPrivate *entity_class = COMMUNITY_ENTITY_CLASS_PRIVATE (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_FACILITY;

  /**
   * CommunityFacility:id:
   *
   * The facility's identity, e.g. `320213001001-F01`. Construct-only.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityFacility:name:
   *
   * The facility's name.
   */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);

  /**
   * CommunityFacility:kind:
   *
   * The kind of facility. Required.
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       COMMUNITY_TYPE_FACILITY_KIND,
                       COMMUNITY_FACILITY_KIND_COMMUNITY_SERVICE_CENTER,
                       flags);

  /**
   * CommunityFacility:owner:
   *
   * The code of the community that uses the facility or, for a street-level
   * facility such as a street service center or a party-building guidance
   * station, of the street or town. Required.
   */
  properties[PROP_OWNER] = g_param_spec_string ("owner", NULL, NULL, NULL, flags);

  /**
   * CommunityFacility:floor-area-m2:
   *
   * The floor area in square metres. A community's service facilities have at
   * least 40 m² per 100 households and a street's service center at least 2000
   * m² (不低于, 四(一)).
   */
  properties[PROP_FLOOR_AREA_M2] =
    g_param_spec_double ("floor-area-m2", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);

  /**
   * CommunityFacility:office-area-m2:
   *
   * The part of the floor area used as offices, in square metres; offices are
   * to be kept to a minimum (办公场所最小化, 四(二)).
   */
  properties[PROP_OFFICE_AREA_M2] =
    g_param_spec_double ("office-area-m2", NULL, NULL, 0.0, G_MAXDOUBLE, 0.0, flags);

  /**
   * CommunityFacility:standardized:
   *
   * Whether a home-based care station meets the standard
   * (标准化社区居家养老服务站, 四(五)).
   */
  properties[PROP_STANDARDIZED] =
    g_param_spec_boolean ("standardized", NULL, NULL, FALSE, flags);

  /**
   * CommunityFacility:government-invested:
   *
   * Whether the facility was built with government investment (政府投资建设).
   */
  properties[PROP_GOVERNMENT_INVESTED] =
    g_param_spec_boolean ("government-invested", NULL, NULL, FALSE, flags);

  /**
   * CommunityFacility:ownership-registered:
   *
   * Whether the facility's real estate is registered (不动产登记), as a
   * government-invested facility must be (四(一)).
   */
  properties[PROP_OWNERSHIP_REGISTERED] =
    g_param_spec_boolean ("ownership-registered", NULL, NULL, FALSE, flags);

  /**
   * CommunityFacility:utility-pricing:
   *
   * The tariff the facility pays for water, power, gas and telecoms; service
   * centers pay residents' prices (按当地居民使用价格标准, 四(一)).
   */
  properties[PROP_UTILITY_PRICING] =
    g_param_spec_enum ("utility-pricing", NULL, NULL,
                       COMMUNITY_TYPE_UTILITY_PRICING,
                       COMMUNITY_UTILITY_PRICING_RESIDENTIAL,
                       flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_facility_init (CommunityFacility *self)
{
}

/**
 * community_facility_new:
 * @id: the facility's identity
 *
 * Creates a facility with nothing but its identity set.
 *
 * Returns: (transfer full): a new facility
 */
CommunityFacility *
community_facility_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (COMMUNITY_TYPE_FACILITY, "id", id, NULL);
}
