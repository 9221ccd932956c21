/* community-social-organization.c: a community social organization (社区社会组织)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-social-organization.h"
#include "community-enum-types.h"
#include "community-entity-private.h"

/**
 * CommunitySocialOrganization:
 *
 * A community social organization (社区社会组织): an organization that serves
 * groups such as the elderly, children, the disabled and families in
 * difficulty, with activities such as legal publicity, dispute mediation or
 * neighbourly help (二(四), 三(二)).
 *
 * In JSON: `{"id", "name", "uscc", "community", "activities", "serves",
 * "incubated"}`.
 */

struct _CommunitySocialOrganization
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunitySocialOrganization, community_social_organization, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_USCC,
  PROP_COMMUNITY,
  PROP_ACTIVITIES,
  PROP_SERVES,
  PROP_INCUBATED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_ID] = { COMMUNITY_FIELD_IDENTITY },
  [PROP_COMMUNITY] = { COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (COMMUNITY) },
};

static void
community_social_organization_class_init (CommunitySocialOrganizationClass *klass)
{
  CommunityEntityClassPrivate *entity_class = COMMUNITY_ENTITY_CLASS_PRIVATE (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_SOCIAL_ORGANIZATION;

  /**
   * CommunitySocialOrganization:id:
   *
   * The organization's identity. Construct-only.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunitySocialOrganization:name:
   *
   * The organization's name.
   */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);

  /**
   * CommunitySocialOrganization:uscc:
   *
   * The organization's unified social credit code (统一社会信用代码, GB
   * 32100), 18 characters; the rule `social-org.uscc` checks it.
   */
  properties[PROP_USCC] = g_param_spec_string ("uscc", NULL, NULL, NULL, flags);

  /**
   * CommunitySocialOrganization:community:
   *
   * The code of the community the organization is based in.
   */
  properties[PROP_COMMUNITY] = g_param_spec_string ("community", NULL, NULL, NULL, flags);

  /**
   * CommunitySocialOrganization:activities:
   *
   * What the organization does (二(四)); an array of nicks in JSON.
   */
  properties[PROP_ACTIVITIES] =
    g_param_spec_flags ("activities", NULL, NULL,
                        COMMUNITY_TYPE_ACTIVITIES, 0, flags);

  /**
   * CommunitySocialOrganization:serves:
   *
   * The groups the organization serves (二(四)); an array of nicks in JSON.
   */
  properties[PROP_SERVES] =
    g_param_spec_flags ("serves", NULL, NULL,
                        COMMUNITY_TYPE_SERVED_GROUPS, 0, flags);

  /**
   * CommunitySocialOrganization:incubated:
   *
   * Whether the organization was incubated (孵化培育) by an incubator for
   * social organizations (二(四), 三(二)).
   */
  properties[PROP_INCUBATED] =
    g_param_spec_boolean ("incubated", NULL, NULL, FALSE, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_social_organization_init (CommunitySocialOrganization *self)
{
}

/**
 * community_social_organization_new:
 * @id: the organization's identity
 *
 * Creates a social organization with nothing but its identity set.
 *
 * Returns: (transfer full): a new social organization
 */
CommunitySocialOrganization *
community_social_organization_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (COMMUNITY_TYPE_SOCIAL_ORGANIZATION, "id", id, NULL);
}
