/* community-community.c: a community or village (社区/村)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-community.h"
#include "community-committee.h"
#include "community-elderly-care.h"
#include "community-enum-types.h"
#include "community-entity-private.h"

/**
 * CommunityCommunity:
 *
 * A community or village (社区/村): an urban community run by a residents'
 * committee (居民委员会), or a rural community or village run by a villagers'
 * committee (村民委员会). It is the unit of self-governance most rules and
 * indicators count, identified by its 12-digit statistical code under its
 * street or town (DOMAIN.md §1).
 *
 * In JSON: `{"code", "name", "kind", "street", "households", "population",
 * "committee", "self_governance_compliant", "harmonious_compliant",
 * "civilized_village_level", "has_legal_advisor", "service_model",
 * "elderly"}`.
 */

struct _CommunityCommunity
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityCommunity, community_community, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_CODE,
  PROP_NAME,
  PROP_KIND,
  PROP_STREET,
  PROP_HOUSEHOLDS,
  PROP_POPULATION,
  PROP_COMMITTEE,
  PROP_SELF_GOVERNANCE_COMPLIANT,
  PROP_HARMONIOUS_COMPLIANT,
  PROP_CIVILIZED_VILLAGE_LEVEL,
  PROP_HAS_LEGAL_ADVISOR,
  PROP_SERVICE_MODEL,
  PROP_ELDERLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_CODE] = { COMMUNITY_FIELD_IDENTITY },
  [PROP_NAME] = { COMMUNITY_FIELD_REQUIRED },
  [PROP_KIND] = { COMMUNITY_FIELD_REQUIRED },
  [PROP_STREET] = { COMMUNITY_FIELD_REQUIRED | COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (DIVISION) },
};

static void
community_community_class_init (CommunityCommunityClass *klass)
{
  CommunityEntityClassPrivate *entity_class = COMMUNITY_ENTITY_CLASS_PRIVATE (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_COMMUNITY;

  /**
   * CommunityCommunity:code:
   *
   * The community's identity: its 12-digit statistical division code
   * (统计用区划代码), e.g. `320205102001`. Construct-only.
   */
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityCommunity:name:
   *
   * The community's name, e.g. 羊尖社区居民委员会. Required.
   */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);

  /**
   * CommunityCommunity:kind:
   *
   * Whether the community is urban (社区, a residents' committee) or rural
   * (村, a villagers' committee). Required.
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       COMMUNITY_TYPE_COMMUNITY_KIND, COMMUNITY_COMMUNITY_KIND_URBAN, flags);

  /**
   * CommunityCommunity:street:
   *
   * The code of the street (街道) or town (镇) the community belongs to.
   * Required.
   */
  properties[PROP_STREET] = g_param_spec_string ("street", NULL, NULL, NULL, flags);

  /**
   * CommunityCommunity:households:
   *
   * The number of households (户) in the community. A residents' committee
   * should serve 2000–3000 households and a villagers' committee 1000–2000
   * (一般以…为宜, 二(三), the rule `committee.households`).
   */
  properties[PROP_HOUSEHOLDS] =
    g_param_spec_uint ("households", NULL, NULL, 0, G_MAXUINT32, 0, flags);

  /**
   * CommunityCommunity:population:
   *
   * The number of residents (人口) of the community.
   */
  properties[PROP_POPULATION] =
    g_param_spec_uint ("population", NULL, NULL, 0, G_MAXUINT32, 0, flags);

  /**
   * CommunityCommunity:committee:
   *
   * The residents' or villagers' committee, a [class@Community.Committee]
   * (二(三)).
   */
  properties[PROP_COMMITTEE] =
    g_param_spec_object ("committee", NULL, NULL, COMMUNITY_TYPE_COMMITTEE, flags);

  /**
   * CommunityCommunity:self-governance-compliant:
   *
   * Whether the committee meets the standard of self-governance by law
   * (村(居)民委员会依法自治达标, 一(三)); the target is 98%.
   */
  properties[PROP_SELF_GOVERNANCE_COMPLIANT] =
    g_param_spec_boolean ("self-governance-compliant", NULL, NULL, FALSE, flags);

  /**
   * CommunityCommunity:harmonious-compliant:
   *
   * Whether the community meets the standard of harmonious community building
   * (城乡和谐社区建设达标, 一(三)); the target is 98% of urban and 95% of
   * rural communities.
   */
  properties[PROP_HARMONIOUS_COMPLIANT] =
    g_param_spec_boolean ("harmonious-compliant", NULL, NULL, FALSE, flags);

  /**
   * CommunityCommunity:civilized-village-level:
   *
   * The highest level at which a rural community was named a civilized village
   * (文明村, 一(三)); the target is 60% at county level or above.
   */
  properties[PROP_CIVILIZED_VILLAGE_LEVEL] =
    g_param_spec_enum ("civilized-village-level", NULL, NULL,
                       COMMUNITY_TYPE_CIVILIZED_LEVEL, COMMUNITY_CIVILIZED_LEVEL_NONE, flags);

  /**
   * CommunityCommunity:has-legal-advisor:
   *
   * Whether the community has a legal advisor (一村一社区一法律顾问, 五(二));
   * the rule `community.legal-advisor` reports a community where it is false.
   */
  properties[PROP_HAS_LEGAL_ADVISOR] =
    g_param_spec_boolean ("has-legal-advisor", NULL, NULL, FALSE, flags);

  /**
   * CommunityCommunity:service-model:
   *
   * How the community organizes its services: integrated, 居站分设, 一站多居
   * or 多社区一中心 (四(二)).
   */
  properties[PROP_SERVICE_MODEL] =
    g_param_spec_enum ("service-model", NULL, NULL,
                       COMMUNITY_TYPE_SERVICE_MODEL, COMMUNITY_SERVICE_MODEL_INTEGRATED, flags);

  /**
   * CommunityCommunity:elderly:
   *
   * The community's elderly and their home-based care, a
   * [class@Community.ElderlyCare] (四(五)).
   */
  properties[PROP_ELDERLY] =
    g_param_spec_object ("elderly", NULL, NULL, COMMUNITY_TYPE_ELDERLY_CARE, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_community_init (CommunityCommunity *self)
{
}

/**
 * community_community_new:
 * @code: the community's 12-digit code
 *
 * Creates a community with nothing but its identity set.
 *
 * Returns: (transfer full): a new community
 */
CommunityCommunity *
community_community_new (const char *code)
{
  g_return_val_if_fail (code != NULL, NULL);

  return g_object_new (COMMUNITY_TYPE_COMMUNITY, "code", code, NULL);
}
