/* community-funding.c: a funding record (经费)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-funding.h"
#include "community-enum-types.h"
#include "community-entity-private.h"

/**
 * CommunityFunding:
 *
 * A funding record (经费): money allotted in a year to a community or a
 * division for a purpose (六(二)): a community's basic operating funds, at
 * least 200 000 yuan a year for an urban and 300 000 for a rural community, or
 * the city's awards for innovation projects, at least 10 million yuan a year.
 *
 * In JSON: `{"id", "year", "recipient", "purpose", "amount_yuan"}`.
 */

struct _CommunityFunding
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityFunding, community_funding, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_ID,
  PROP_YEAR,
  PROP_RECIPIENT,
  PROP_PURPOSE,
  PROP_AMOUNT_YUAN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_ID] = { COMMUNITY_FIELD_IDENTITY | COMMUNITY_FIELD_IDENTITY_OPTIONAL },
  [PROP_YEAR] = { COMMUNITY_FIELD_REQUIRED },
  [PROP_RECIPIENT] = { COMMUNITY_FIELD_REQUIRED | COMMUNITY_FIELD_REFERENCE,
                       COMMUNITY_REF_KIND (COMMUNITY) | COMMUNITY_REF_KIND (DIVISION) },
  [PROP_PURPOSE] = { COMMUNITY_FIELD_REQUIRED },
  [PROP_AMOUNT_YUAN] = { COMMUNITY_FIELD_REQUIRED },
};

static void
community_funding_class_init (CommunityFundingClass *klass)
{
  CommunityEntityClassPrivate *entity_class = COMMUNITY_ENTITY_CLASS_PRIVATE (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_FUNDING;

  /**
   * CommunityFunding:id:
   *
   * The funding record's identity. Optional (DOMAIN.md §2): a record without one is
   * addressed by its position in the dataset. Construct-only.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityFunding:year:
   *
   * The budget year. Required.
   */
  properties[PROP_YEAR] =
    g_param_spec_uint ("year", NULL, NULL, 1900, 9999, 1900, flags);

  /**
   * CommunityFunding:recipient:
   *
   * The code of the community or division that receives the money. Required.
   */
  properties[PROP_RECIPIENT] = g_param_spec_string ("recipient", NULL, NULL, NULL, flags);

  /**
   * CommunityFunding:purpose:
   *
   * What the money pays for. Required.
   */
  properties[PROP_PURPOSE] =
    g_param_spec_enum ("purpose", NULL, NULL,
                       COMMUNITY_TYPE_FUNDING_PURPOSE,
                       COMMUNITY_FUNDING_PURPOSE_COMMUNITY_OPERATIONS,
                       flags);

  /**
   * CommunityFunding:amount-yuan:
   *
   * The amount in whole yuan. Required.
   */
  properties[PROP_AMOUNT_YUAN] =
    g_param_spec_int64 ("amount-yuan", NULL, NULL, 0, G_MAXINT64, 0, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_funding_init (CommunityFunding *self)
{
}

/**
 * community_funding_new:
 * @id: (nullable): the funding record's identity, or %NULL for none
 *
 * Creates a funding record with nothing but its identity set.
 *
 * Returns: (transfer full): a new funding record
 */
CommunityFunding *
community_funding_new (const char *id)
{
  return g_object_new (COMMUNITY_TYPE_FUNDING, "id", id, NULL);
}
