/* community-elderly-care.c: the elderly of a community and their home-based care
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-elderly-care.h"
#include "community-record-private.h"

/**
 * CommunityElderlyCare:
 *
 * The elderly of a [class@Community.Community] and their home-based care
 * (居家养老服务, 四(五)): how many elderly residents there are, how many the
 * basic home-care service covers, and whether home care is informatized. A
 * part of a community, with no identity of its own.
 *
 * In JSON: `{"population", "home_care_covered", "home_care_informatized"}`.
 */

struct _CommunityElderlyCare
{
  CommunityRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityElderlyCare, community_elderly_care, COMMUNITY_TYPE_RECORD)

enum {
  PROP_0,
  PROP_POPULATION,
  PROP_HOME_CARE_COVERED,
  PROP_HOME_CARE_INFORMATIZED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Every field is optional. */
static const CommunityField fields[N_PROPS] = { 0 };

static void
community_elderly_care_class_init (CommunityElderlyCareClass *klass)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  /**
   * CommunityElderlyCare:population:
   *
   * The number of elderly residents (老年人) of the community.
   */
  properties[PROP_POPULATION] =
    g_param_spec_uint ("population", NULL, NULL, 0, G_MAXUINT32, 0, flags);

  /**
   * CommunityElderlyCare:home-care-covered:
   *
   * How many of the elderly the basic home-based care service covers
   * (居家养老基本服务覆盖); the target is 90% in urban and 50% in rural
   * communities (四(五)).
   */
  properties[PROP_HOME_CARE_COVERED] =
    g_param_spec_uint ("home-care-covered", NULL, NULL, 0, G_MAXUINT32, 0, flags);

  /**
   * CommunityElderlyCare:home-care-informatized:
   *
   * Whether the community's home-based care is informatized (居家养老信息化);
   * the target is every community (四(五)).
   */
  properties[PROP_HOME_CARE_INFORMATIZED] =
    g_param_spec_boolean ("home-care-informatized", NULL, NULL, FALSE, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_elderly_care_init (CommunityElderlyCare *self)
{
}

/**
 * community_elderly_care_new:
 *
 * Creates an elderly-care record with every field unset.
 *
 * Returns: (transfer full): a new elderly-care record
 */
CommunityElderlyCare *
community_elderly_care_new (void)
{
  return g_object_new (COMMUNITY_TYPE_ELDERLY_CARE, NULL);
}
