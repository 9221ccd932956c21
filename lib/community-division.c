/* community-division.c: a division (市/区/县/街道/镇)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-division.h"
#include "community-enum-types.h"
#include "community-entity-private.h"

/**
 * CommunityDivision:
 *
 * A division (行政区划): the city (市), a district (市辖区) or county-level
 * city (县级市), or a street (街道) or town (镇), one level of the
 * administrative hierarchy above the communities (DOMAIN.md §1). Its code is
 * the 12-digit statistical division code (统计用区划代码), its parent's code
 * with its own segment filled in: city `320200000000`, district
 * `320213000000`, street `320213001000`.
 *
 * In JSON: `{"code", "name", "level", "parent"}`.
 */

struct _CommunityDivision
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityDivision, community_division, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_LEVEL,
  PROP_PARENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_CODE] = { COMMUNITY_FIELD_IDENTITY },
  [PROP_NAME] = { COMMUNITY_FIELD_REQUIRED },
  [PROP_LEVEL] = { COMMUNITY_FIELD_REQUIRED },
  [PROP_PARENT] = { COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (DIVISION) },
};

static void
community_division_class_init (CommunityDivisionClass *klass)
{
  CommunityEntityClassPrivate *entity_class = COMMUNITY_ENTITY_CLASS_PRIVATE (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_DIVISION;

  /**
   * CommunityDivision:code:
   *
   * The division's identity: its 12-digit statistical division code
   * (统计用区划代码), e.g. `320213001000`. Construct-only.
   */
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityDivision:name:
   *
   * The division's name, e.g. 梁溪区 or 羊尖镇. Required.
   */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);

  /**
   * CommunityDivision:level:
   *
   * The division's level: city (市), district (市辖区), county (县级市),
   * street (街道) or town (镇). Required.
   */
  properties[PROP_LEVEL] =
    g_param_spec_enum ("level", NULL, NULL,
                       COMMUNITY_TYPE_DIVISION_LEVEL, COMMUNITY_DIVISION_LEVEL_CITY, flags);

  /**
   * CommunityDivision:parent:
   *
   * The code of the division directly above: the city for a district or
   * county, the district or county for a street or town. Unset for the city.
   */
  properties[PROP_PARENT] = g_param_spec_string ("parent", NULL, NULL, NULL, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_division_init (CommunityDivision *self)
{
}

/**
 * community_division_new:
 * @code: the division's 12-digit code
 *
 * Creates a division with nothing but its identity set.
 *
 * Returns: (transfer full): a new division
 */
CommunityDivision *
community_division_new (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return g_object_new (COMMUNITY_TYPE_DIVISION, "code", code, NULL);
}

/* Streets and towns are one tier, districts and counties another. */
int
community_division_level_tier (CommunityDivisionLevel level)
{
  switch (level)
    {
    case COMMUNITY_DIVISION_LEVEL_CITY:
      return 0;
    case COMMUNITY_DIVISION_LEVEL_DISTRICT:
    case COMMUNITY_DIVISION_LEVEL_COUNTY:
      return 1;
    case COMMUNITY_DIVISION_LEVEL_STREET:
    case COMMUNITY_DIVISION_LEVEL_TOWN:
    default:
      return 2;
    }
}
