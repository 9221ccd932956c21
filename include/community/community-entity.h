/* community-entity.h: base class of the entities a dataset indexes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-record.h"
#include "community-enums.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_ENTITY (community_entity_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_DERIVABLE_TYPE (CommunityEntity, community_entity, COMMUNITY, ENTITY, CommunityRecord)

typedef struct _CommunityDataset CommunityDataset;

/**
 * CommunityEntityClass:
 * @parent_class: the parent class
 *
 * The class of [class@Community.Entity]. Subclasses are defined by the
 * library; applications do not derive from it.
 */
struct _CommunityEntityClass
{
  CommunityRecordClass parent_class;

  /*< private >*/
  gpointer padding[9];
};

COMMUNITY_AVAILABLE_IN_0_1
CommunityEntityKind  community_entity_get_kind     (CommunityEntity *self);
COMMUNITY_AVAILABLE_IN_0_1
const char          *community_entity_get_identity (CommunityEntity *self);
COMMUNITY_AVAILABLE_IN_0_1
CommunityDataset    *community_entity_get_dataset  (CommunityEntity *self);

COMMUNITY_AVAILABLE_IN_0_1
GType                community_entity_kind_get_entity_type (CommunityEntityKind kind);
COMMUNITY_AVAILABLE_IN_0_1
const char          *community_entity_kind_get_member_name (CommunityEntityKind kind);

G_END_DECLS
