/* community-commendation.c: a commendation by the city (通报表扬)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-commendation.h"
#include "community-enum-types.h"
#include "community-entity-private.h"

/**
 * CommunityCommendation:
 *
 * A commendation by the city (市级通报表扬, 六(三)): every year the city
 * commends ten community party organizations (or residents' committees), ten
 * community party secretaries and ten full-time community workers, which the
 * rule `commendation.annual` checks.
 *
 * The subject is a community code for
 * %COMMUNITY_COMMENDATION_KIND_PARTY_ORGANIZATION and a worker id for the
 * other two kinds. The id is optional (DOMAIN.md §2): a commendation taken
 * from a published notice has none.
 *
 * In JSON: `{"id", "year", "kind", "subject"}`.
 */

struct _CommunityCommendation
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityCommendation, community_commendation, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_ID,
  PROP_YEAR,
  PROP_KIND,
  PROP_SUBJECT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The subject of a party organization's commendation is a community, of
 * the other two kinds a worker (DOMAIN.md §2); either while the kind is
 * unset. */
static guint
subject_kinds (CommunityRecord *record)
{
  const GValue *kind = community_record_peek (record, PROP_KIND);

  if (kind == NULL)
    return COMMUNITY_REF_KIND (COMMUNITY) | COMMUNITY_REF_KIND (WORKER);
  return g_value_get_enum (kind) == COMMUNITY_COMMENDATION_KIND_PARTY_ORGANIZATION
         ? COMMUNITY_REF_KIND (COMMUNITY) : COMMUNITY_REF_KIND (WORKER);
}

static const CommunityField fields[N_PROPS] = {
  [PROP_ID] = { COMMUNITY_FIELD_IDENTITY | COMMUNITY_FIELD_IDENTITY_OPTIONAL },
  [PROP_YEAR] = { COMMUNITY_FIELD_REQUIRED },
  [PROP_KIND] = { COMMUNITY_FIELD_REQUIRED },
  [PROP_SUBJECT] = { COMMUNITY_FIELD_REQUIRED | COMMUNITY_FIELD_REFERENCE,
                     COMMUNITY_REF_KIND (COMMUNITY) | COMMUNITY_REF_KIND (WORKER),
                     .record_ref_kinds = subject_kinds },
};

static void
community_commendation_class_init (CommunityCommendationClass *klass)
{
  CommunityEntityClassPrivate *entity_class = COMMUNITY_ENTITY_CLASS_PRIVATE (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_COMMENDATION;

  /**
   * CommunityCommendation:id:
   *
   * The commendation's identity. Optional (DOMAIN.md §2): a commendation
   * without one is addressed by its position in the dataset. Construct-only.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityCommendation:year:
   *
   * The year of the commendation. Required.
   */
  properties[PROP_YEAR] =
    g_param_spec_uint ("year", NULL, NULL, 1900, 9999, 1900, flags);

  /**
   * CommunityCommendation:kind:
   *
   * Whom it commends: a party organization, a party secretary or a
   * full-time worker. Required.
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       COMMUNITY_TYPE_COMMENDATION_KIND,
                       COMMUNITY_COMMENDATION_KIND_PARTY_ORGANIZATION,
                       flags);

  /**
   * CommunityCommendation:subject:
   *
   * The code of the community commended (for a party organization) or the
   * id of the worker commended. Required.
   */
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, NULL, NULL, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_commendation_init (CommunityCommendation *self)
{
}

/**
 * community_commendation_new:
 * @id: (nullable): the commendation's identity, or %NULL for none
 *
 * Creates a commendation with nothing but its identity set.
 *
 * Returns: (transfer full): a new commendation
 */
CommunityCommendation *
community_commendation_new (const char *id)
{
  return g_object_new (COMMUNITY_TYPE_COMMENDATION, "id", id, NULL);
}
