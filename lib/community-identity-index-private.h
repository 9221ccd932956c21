/* community-identity-index-private.h: a dataset's entities of one kind by
 * identity (see community-identity-index.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "community-entity.h"

G_BEGIN_DECLS

/* A GHashTable whose keys are the entities themselves, hashed and
 * compared by their identities (which never change): pass it only to the
 * functions below and to g_hash_table_unref(), _remove_all() and _size().
 * It borrows the entities. */
GHashTable      *community_identity_index_new    (void);
/* Adds @entity, which has an identity. FALSE if the index held an entity
 * with the same identity: @entity then takes its place. */
gboolean         community_identity_index_add    (GHashTable      *index,
                                                  CommunityEntity *entity);
/* The entity of @identity, or NULL. */
CommunityEntity *community_identity_index_lookup (GHashTable      *index,
                                                  const char      *identity);
/* Removes the entity whose identity is @entity's, if there is one. */
gboolean         community_identity_index_remove (GHashTable      *index,
                                                  CommunityEntity *entity);

G_END_DECLS
