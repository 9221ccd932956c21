/* community-identity-index.c: a dataset's entities of one kind by identity
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A table from identity strings to entities keeps two arrays of pointers
 * besides its hashes: on a province (740,000 entities, a table of 2^20
 * places) the values' array alone is 8 MB. A GHashTable whose every value
 * is its key keeps one array (GLib's "set" mode), so the keys here are the
 * entities, hashed and compared by the identity each holds. A look-up by
 * string passes a probe instead of an entity: a struct whose first word is
 * the address of probe_mark, where an entity (a GTypeInstance) has its
 * class pointer.
 */

#include "config.h"

#include <string.h>

#include "community-identity-index-private.h"
#include "community-entity-private.h"

static const char probe_mark;

typedef struct {
  gconstpointer mark;   /* &probe_mark */
  const char *identity;
} Probe;

static inline const char *
key_identity (gconstpointer key)
{
  const Probe *probe = key;

  if (probe->mark == &probe_mark)
    return probe->identity;
  return community_entity_peek_identity ((CommunityEntity *) key);
}

static guint
key_hash (gconstpointer key)
{
  return g_str_hash (key_identity (key));
}

static gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  return strcmp (key_identity (a), key_identity (b)) == 0;
}

GHashTable *
community_identity_index_new (void)
{
  return g_hash_table_new (key_hash, key_equal);
}

gboolean
community_identity_index_add (GHashTable      *index,
                              CommunityEntity *entity)
{
  g_assert (community_entity_peek_identity (entity) != NULL);

  return g_hash_table_add (index, entity);
}

CommunityEntity *
community_identity_index_lookup (GHashTable *index,
                                 const char *identity)
{
  Probe probe = { &probe_mark, identity };

  return g_hash_table_lookup (index, &probe);
}

gboolean
community_identity_index_remove (GHashTable      *index,
                                 CommunityEntity *entity)
{
  return g_hash_table_remove (index, entity);
}
