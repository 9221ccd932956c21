/* community-worker.c: a community worker (社区工作者)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-worker.h"
#include "community-enum-types.h"
#include "community-entity-private.h"

/**
 * CommunityWorker:
 *
 * A community worker (社区工作者): a community's party secretary, committee
 * members and staff, its grid leaders and administrators, its legal advisor
 * and first secretary, or a member of a street's staff (二(一), 四(四)). A
 * worker attached to a community with any role other than legal advisor and
 * first secretary counts as community staff (DOMAIN.md §2).
 *
 * A worker's name, ID number and phone are personal data: never printed in a
 * message, masked or dropped on a private export.
 *
 * In JSON: `{"id", "name", "community", "street", "roles", "employment",
 * "certificate", "annual_pay_yuan", "professional_allowance", "five_strong",
 * "county_filed", "local_resident", "id_number", "phone"}`.
 */

struct _CommunityWorker
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityWorker, community_worker, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_COMMUNITY,
  PROP_STREET,
  PROP_ROLES,
  PROP_EMPLOYMENT,
  PROP_CERTIFICATE,
  PROP_ANNUAL_PAY_YUAN,
  PROP_PROFESSIONAL_ALLOWANCE,
  PROP_FIVE_STRONG,
  PROP_COUNTY_FILED,
  PROP_LOCAL_RESIDENT,
  PROP_ID_NUMBER,
  PROP_PHONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_ID] = { COMMUNITY_FIELD_IDENTITY },
  [PROP_NAME] = { COMMUNITY_FIELD_PERSONAL },
  [PROP_COMMUNITY] = { COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (COMMUNITY) },
  [PROP_STREET] = { COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (DIVISION) },
  [PROP_ID_NUMBER] = { COMMUNITY_FIELD_PERSONAL },
  [PROP_PHONE] = { COMMUNITY_FIELD_PERSONAL },
};

static void
community_worker_class_init (CommunityWorkerClass *klass)
{
  CommunityEntityClassPrivate *entity_class = COMMUNITY_ENTITY_CLASS_PRIVATE (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_WORKER;

  /**
   * CommunityWorker:id:
   *
   * The worker's identity in the dataset, e.g. `320213001001-W01` (not a
   * resident identity card number). Construct-only.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityWorker:name:
   *
   * The worker's name. Personal data: never printed in a message or a log
   * line, and masked or dropped on a private export.
   */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);

  /**
   * CommunityWorker:community:
   *
   * The code of the community or village the worker serves.
   */
  properties[PROP_COMMUNITY] = g_param_spec_string ("community", NULL, NULL, NULL, flags);

  /**
   * CommunityWorker:street:
   *
   * The code of the street (街道) or town (镇) the worker serves, for
   * street-level staff who belong to no community.
   */
  properties[PROP_STREET] = g_param_spec_string ("street", NULL, NULL, NULL, flags);

  /**
   * CommunityWorker:roles:
   *
   * The roles the worker holds, e.g. party secretary (党组织书记) and grid
   * leader (网格长); an array of nicks in JSON.
   */
  properties[PROP_ROLES] =
    g_param_spec_flags ("roles", NULL, NULL,
                        COMMUNITY_TYPE_WORKER_ROLES, 0, flags);

  /**
   * CommunityWorker:employment:
   *
   * Whether the worker is full-time (专职) or part-time (兼职). An urban
   * community has one full-time worker per 300 households (四(四), the rule
   * `workers.per-households`).
   */
  properties[PROP_EMPLOYMENT] =
    g_param_spec_enum ("employment", NULL, NULL,
                       COMMUNITY_TYPE_EMPLOYMENT, COMMUNITY_EMPLOYMENT_FULL_TIME, flags);

  /**
   * CommunityWorker:certificate:
   *
   * The social work vocational certificate (社会工作职业水平证书) the worker
   * holds; the target is 60% of urban community workers (一(三)).
   */
  properties[PROP_CERTIFICATE] =
    g_param_spec_enum ("certificate", NULL, NULL,
                       COMMUNITY_TYPE_CERTIFICATE, COMMUNITY_CERTIFICATE_NONE, flags);

  /**
   * CommunityWorker:annual-pay-yuan:
   *
   * The worker's annual pay (年报酬) in whole yuan. In principle no lower than
   * the previous year's local average wage of urban non-private units (四(四),
   * the rule `worker.pay-floor`).
   */
  properties[PROP_ANNUAL_PAY_YUAN] =
    g_param_spec_int64 ("annual-pay-yuan", NULL, NULL, 0, G_MAXINT64, 0, flags);

  /**
   * CommunityWorker:professional-allowance:
   *
   * Whether the worker receives the professional allowance (职业津贴) due to
   * holders of a social work qualification (四(四)).
   */
  properties[PROP_PROFESSIONAL_ALLOWANCE] =
    g_param_spec_boolean ("professional-allowance", NULL, NULL, FALSE, flags);

  /**
   * CommunityWorker:five-strong:
   *
   * Whether a party secretary is of the “five-strong” kind (“五强”型书记,
   * 二(一)); the target is 80% of secretaries.
   */
  properties[PROP_FIVE_STRONG] =
    g_param_spec_boolean ("five-strong", NULL, NULL, FALSE, flags);

  /**
   * CommunityWorker:county-filed:
   *
   * Whether a village party secretary is filed with the county
   * (村党组织书记县级备案管理, 二(一)).
   */
  properties[PROP_COUNTY_FILED] =
    g_param_spec_boolean ("county-filed", NULL, NULL, FALSE, flags);

  /**
   * CommunityWorker:local-resident:
   *
   * Whether the worker is a resident of the community (本社区居民).
   */
  properties[PROP_LOCAL_RESIDENT] =
    g_param_spec_boolean ("local-resident", NULL, NULL, FALSE, flags);

  /**
   * CommunityWorker:id-number:
   *
   * The worker's resident identity card number (居民身份证号码, GB 11643), 18
   * characters; the rule `worker.id-number` checks it. Personal data: never
   * printed in a message or a log line, and masked or dropped on a private
   * export.
   */
  properties[PROP_ID_NUMBER] = g_param_spec_string ("id-number", NULL, NULL, NULL, flags);

  /**
   * CommunityWorker:phone:
   *
   * The worker's mobile phone number; the rule `worker.phone` checks it.
   * Personal data: never printed in a message or a log line, and masked or
   * dropped on a private export.
   */
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, NULL, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_worker_init (CommunityWorker *self)
{
}

/**
 * community_worker_new:
 * @id: the worker's identity
 *
 * Creates a worker with nothing but its identity set.
 *
 * Returns: (transfer full): a new worker
 */
CommunityWorker *
community_worker_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (COMMUNITY_TYPE_WORKER, "id", id, NULL);
}
