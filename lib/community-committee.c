/* community-committee.c: a residents' or villagers' committee (居(村)民委员会)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-committee.h"
#include "community-record-private.h"

/**
 * CommunityCommittee:
 *
 * The residents' or villagers' committee (居民委员会/村民委员会) of a
 * [class@Community.Community]: how many members it has, how many of them live
 * in the community, and whether the election protects the vote of residents
 * registered elsewhere (二(三)). A part of a community, with no identity of
 * its own.
 *
 * In JSON: `{"members", "local_resident_members",
 * "non_registered_voters_protected"}`.
 */

struct _CommunityCommittee
{
  CommunityRecord parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityCommittee, community_committee, COMMUNITY_TYPE_RECORD)

enum {
  PROP_0,
  PROP_MEMBERS,
  PROP_LOCAL_RESIDENT_MEMBERS,
  PROP_NON_REGISTERED_VOTERS_PROTECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Every field is optional. */
static const CommunityField fields[N_PROPS] = { 0 };

static void
community_committee_class_init (CommunityCommitteeClass *klass)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  /**
   * CommunityCommittee:members:
   *
   * The number of members of the committee (委员会成员).
   */
  properties[PROP_MEMBERS] =
    g_param_spec_uint ("members", NULL, NULL, 0, G_MAXUINT32, 0, flags);

  /**
   * CommunityCommittee:local-resident-members:
   *
   * How many of the committee's members are residents of the community
   * (本社区居民); the policy asks for their share to rise (稳步提高, 二(三)).
   */
  properties[PROP_LOCAL_RESIDENT_MEMBERS] =
    g_param_spec_uint ("local-resident-members", NULL, NULL, 0, G_MAXUINT32, 0, flags);

  /**
   * CommunityCommittee:non-registered-voters-protected:
   *
   * Whether the election protects the voting rights of residents without local
   * household registration and of migrant rural workers
   * (依法保障非户籍居民和外出务工农民民主选举权利, 二(三)).
   */
  properties[PROP_NON_REGISTERED_VOTERS_PROTECTED] =
    g_param_spec_boolean ("non-registered-voters-protected", NULL, NULL, FALSE, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_committee_init (CommunityCommittee *self)
{
}

/**
 * community_committee_new:
 *
 * Creates a committee record with every field unset.
 *
 * Returns: (transfer full): a new committee record
 */
CommunityCommittee *
community_committee_new (void)
{
  return g_object_new (COMMUNITY_TYPE_COMMITTEE, NULL);
}
