/* community-department.c: a responsible unit (责任单位)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-department.h"
#include "community-enum-types.h"
#include "community-entity-private.h"

/**
 * CommunityDepartment:
 *
 * A responsible unit (责任单位): a department of the party committee or of the
 * government, a mass organization, or the district and county committees or
 * governments as a whole, as the annex's division of tasks names them (附件
 * 重点任务分工); also the department behind a [class@Community.WorkItem].
 *
 * In JSON: `{"id", "name", "kind", "aliases"}`.
 */

struct _CommunityDepartment
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityDepartment, community_department, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_ALIASES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_ID] = { COMMUNITY_FIELD_IDENTITY },
  [PROP_NAME] = { COMMUNITY_FIELD_REQUIRED },
};

static void
community_department_class_init (CommunityDepartmentClass *klass)
{
  CommunityEntityClassPrivate *entity_class = COMMUNITY_ENTITY_CLASS_PRIVATE (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_DEPARTMENT;

  /**
   * CommunityDepartment:id:
   *
   * The department's identity. Construct-only.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityDepartment:name:
   *
   * The department's name as the policy spells it, e.g. 市民政局. Required.
   */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);

  /**
   * CommunityDepartment:kind:
   *
   * The kind of unit.
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       COMMUNITY_TYPE_DEPARTMENT_KIND,
                       COMMUNITY_DEPARTMENT_KIND_PARTY_DEPARTMENT,
                       flags);

  /**
   * CommunityDepartment:aliases:
   *
   * Other names the policy gives the same unit, e.g. 市综治办 for 市委政法委,
   * which the annex writes as 市委政法委(市综治办). Optional.
   */
  properties[PROP_ALIASES] =
    g_param_spec_boxed ("aliases", NULL, NULL, G_TYPE_STRV, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_department_init (CommunityDepartment *self)
{
}

/**
 * community_department_new:
 * @id: the department's identity
 *
 * Creates a department with nothing but its identity set.
 *
 * Returns: (transfer full): a new department
 */
CommunityDepartment *
community_department_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (COMMUNITY_TYPE_DEPARTMENT, "id", id, NULL);
}
