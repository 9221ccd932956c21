/* community-entity-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "community-entity.h"
#include "community-record-private.h"

G_BEGIN_DECLS

/* CommunityEntityClass as the library sees it: the public header shows
 * padding where the class keeps its kind, which each entity type's
 * class_init sets. */
typedef struct {
  CommunityRecordClassPrivate parent_class;
  CommunityEntityKind kind;
  gpointer padding[8];
} CommunityEntityClassPrivate;

G_STATIC_ASSERT (sizeof (CommunityEntityClassPrivate) == sizeof (CommunityEntityClass));

#define COMMUNITY_ENTITY_CLASS_PRIVATE(klass) ((CommunityEntityClassPrivate *) (klass))

/* Set by the dataset when it takes or releases the entity; not a reference. */
void community_entity_set_dataset (CommunityEntity  *self,
                                   CommunityDataset *dataset);

/* The entity's position in its dataset's list of its kind, kept by the
 * dataset (a report's paths name it: /grids/17); 0 when in none. */
void  community_entity_set_position (CommunityEntity *self,
                                     guint            position);
guint community_entity_get_position (CommunityEntity *self);

/* community_entity_get_identity() without its type check, for the
 * identity index's hash function (community-identity-index.c). */
const char *community_entity_peek_identity (CommunityEntity *self);

/* For the streaming loader: the entity's identity field was set behind
 * GObject's back (see community-entity.c). */
void  community_entity_identity_taken (CommunityEntity *self);

/* Whether entities of @kind may have no identity (DOMAIN.md §2). */
gboolean community_entity_kind_identity_is_optional (CommunityEntityKind kind);

/* The tier of a division level: 0 the city, 1 districts and counties,
 * 2 streets and towns (community-division.c). */
int   community_division_level_tier (CommunityDivisionLevel level);

/* What an entity held by a dataset calls when one of its properties
 * changed (the first of a batch in @pspec): the dataset's hook, set once
 * by its class (community-dataset.c), so that the entity needs to know
 * nothing of the dataset but that it is one. */
typedef void (*CommunityEntityChangedHook) (CommunityDataset *dataset,
                                            CommunityEntity  *entity,
                                            GParamSpec       *pspec);

void  community_entity_set_changed_hook (CommunityEntityChangedHook hook);

/* Several changes told to the dataset as one (the first field changed),
 * at the last thaw; `notify` is frozen meanwhile too
 * (g_object_freeze_notify()). The workflows' steps change several
 * fields at once. */
void  community_entity_freeze_changes (CommunityEntity *self);
void  community_entity_thaw_changes   (CommunityEntity *self);

/* What a reference to an entity of @kind reading @identity names: a
 * department by id, name or alias (community-dataset.c). Borrowed. */
CommunityEntity *community_dataset_lookup_reference (CommunityDataset    *self,
                                                     CommunityEntityKind  kind,
                                                     const char          *identity);

G_END_DECLS
