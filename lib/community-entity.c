/* community-entity.c: base class of the entities a dataset indexes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-entity-private.h"

#include "community-division.h"
#include "community-community.h"
#include "community-grid.h"
#include "community-worker.h"
#include "community-facility.h"
#include "community-consultation.h"
#include "community-work-item.h"
#include "community-social-organization.h"
#include "community-department.h"
#include "community-task.h"
#include "community-funding.h"
#include "community-wage-baseline.h"
#include "community-survey.h"
#include "community-commendation.h"
#include "community-quark-private.h"

/**
 * CommunityEntity:
 *
 * An entity of the dataset format: something with an identity of its own
 * (a division's or community's `code`, a task's `number`, the `id` of every
 * other kind) that a [class@Community.Dataset] indexes and that other
 * entities refer to by that identity.
 *
 * The identity is given when the entity is created and never changes, so an
 * entity can be found again in its dataset by it in constant time.
 *
 * Entities are not thread-safe: an entity, like the dataset that holds it,
 * is used from one thread at a time.
 */

/* 16 bytes: GLib aligns each type's private data to 16, and each 16 more
 * moves every entity's instance into a larger malloc chunk (12 MB on a
 * province). So what is seldom there is the object's data: a number
 * identity's text (a task's), and the field changed first during a batch
 * (community_entity_freeze_changes()). A string identity is the stored
 * value itself (community_entity_get_identity()). */
typedef struct
{
  CommunityDataset *dataset; /* not a reference: the dataset holds us */
  guint position;            /* in the dataset's list of our kind */
  guint freeze;              /* community_entity_freeze_changes()'s depth */
} CommunityEntityPrivate;

static GQuark number_identity_quark (void);
COMMUNITY_DEFINE_QUARK (community-entity-number-identity, number_identity)

static GQuark pending_quark (void);
COMMUNITY_DEFINE_QUARK (community-entity-pending, pending)

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CommunityEntity, community_entity, COMMUNITY_TYPE_RECORD)

static const char * const member_names[COMMUNITY_N_ENTITY_KINDS] = {
  [COMMUNITY_ENTITY_KIND_DIVISION] = "divisions",
  [COMMUNITY_ENTITY_KIND_COMMUNITY] = "communities",
  [COMMUNITY_ENTITY_KIND_GRID] = "grids",
  [COMMUNITY_ENTITY_KIND_WORKER] = "workers",
  [COMMUNITY_ENTITY_KIND_FACILITY] = "facilities",
  [COMMUNITY_ENTITY_KIND_CONSULTATION] = "consultations",
  [COMMUNITY_ENTITY_KIND_WORK_ITEM] = "work_items",
  [COMMUNITY_ENTITY_KIND_SOCIAL_ORGANIZATION] = "social_organizations",
  [COMMUNITY_ENTITY_KIND_DEPARTMENT] = "departments",
  [COMMUNITY_ENTITY_KIND_TASK] = "tasks",
  [COMMUNITY_ENTITY_KIND_FUNDING] = "funding",
  [COMMUNITY_ENTITY_KIND_WAGE_BASELINE] = "wage_baselines",
  [COMMUNITY_ENTITY_KIND_SURVEY] = "surveys",
  [COMMUNITY_ENTITY_KIND_COMMENDATION] = "commendations",
};

/**
 * community_entity_kind_get_entity_type:
 * @kind: a kind of entity
 *
 * Gets the class that represents entities of @kind, e.g.
 * [class@Community.Grid] for %COMMUNITY_ENTITY_KIND_GRID.
 *
 * Returns: the entity type
 */
GType
community_entity_kind_get_entity_type (CommunityEntityKind kind)
{
  switch (kind)
    {
    case COMMUNITY_ENTITY_KIND_DIVISION: return COMMUNITY_TYPE_DIVISION;
    case COMMUNITY_ENTITY_KIND_COMMUNITY: return COMMUNITY_TYPE_COMMUNITY;
    case COMMUNITY_ENTITY_KIND_GRID: return COMMUNITY_TYPE_GRID;
    case COMMUNITY_ENTITY_KIND_WORKER: return COMMUNITY_TYPE_WORKER;
    case COMMUNITY_ENTITY_KIND_FACILITY: return COMMUNITY_TYPE_FACILITY;
    case COMMUNITY_ENTITY_KIND_CONSULTATION: return COMMUNITY_TYPE_CONSULTATION;
    case COMMUNITY_ENTITY_KIND_WORK_ITEM: return COMMUNITY_TYPE_WORK_ITEM;
    case COMMUNITY_ENTITY_KIND_SOCIAL_ORGANIZATION: return COMMUNITY_TYPE_SOCIAL_ORGANIZATION;
    case COMMUNITY_ENTITY_KIND_DEPARTMENT: return COMMUNITY_TYPE_DEPARTMENT;
    case COMMUNITY_ENTITY_KIND_TASK: return COMMUNITY_TYPE_TASK;
    case COMMUNITY_ENTITY_KIND_FUNDING: return COMMUNITY_TYPE_FUNDING;
    case COMMUNITY_ENTITY_KIND_WAGE_BASELINE: return COMMUNITY_TYPE_WAGE_BASELINE;
    case COMMUNITY_ENTITY_KIND_SURVEY: return COMMUNITY_TYPE_SURVEY;
    case COMMUNITY_ENTITY_KIND_COMMENDATION: return COMMUNITY_TYPE_COMMENDATION;
    default:
      g_return_val_if_reached (G_TYPE_INVALID);
    }
}

/**
 * community_entity_kind_get_member_name:
 * @kind: a kind of entity
 *
 * Gets the name of the member of a dataset document that lists entities of
 * @kind, e.g. `"work_items"` for %COMMUNITY_ENTITY_KIND_WORK_ITEM.
 *
 * Returns: the member name
 */
const char *
community_entity_kind_get_member_name (CommunityEntityKind kind)
{
  g_return_val_if_fail ((guint) kind < COMMUNITY_N_ENTITY_KINDS, NULL);

  return member_names[kind];
}

gboolean
community_entity_kind_identity_is_optional (CommunityEntityKind kind)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (community_entity_kind_get_entity_type (kind));
  const CommunityFieldTable *table = community_record_class_get_fields (COMMUNITY_RECORD_CLASS (klass));

  return (table->required & (G_GUINT64_CONSTANT (1) << table->identity_id)) == 0;
}

/* Whether the identity field of @table's type is a string. */
static inline gboolean
identity_is_string (const CommunityFieldTable *table)
{
  return table->identity_id != 0 &&
         G_PARAM_SPEC_VALUE_TYPE (table->pspecs[table->identity_id]) == G_TYPE_STRING;
}

/* Keeps the text of a number identity, once it is set, as the entity's
 * string key. A string identity is its stored value, which never changes
 * (construct-only, and never unset): nothing to keep. */
static void
cache_identity (CommunityEntity *self)
{
  CommunityRecord *record = COMMUNITY_RECORD (self);
  const CommunityFieldTable *table = community_record_get_fields (record);
  const GValue *value;

  if (table->identity_id == 0 || identity_is_string (table))
    return;
  value = community_record_peek (record, table->identity_id);
  if (value == NULL)
    return;
  g_assert (G_VALUE_HOLDS_UINT (value));
  /* GObject may already have set the construct-only property to its
   * default (kept here by constructed()) before the loader gives the real
   * one: the text is replaced. */
  g_object_set_qdata_full (G_OBJECT (self), number_identity_quark (),
                           g_strdup_printf ("%u", g_value_get_uint (value)), g_free);
}

static void
community_entity_constructed (GObject *object)
{
  G_OBJECT_CLASS (community_entity_parent_class)->constructed (object);

  /* The identity property is construct-only: cache it as a string key. */
  cache_identity (COMMUNITY_ENTITY (object));
}

/* For the streaming loader, which gives a new entity its fields directly
 * (community_record_take_fields()) rather than through GObject's
 * construct-property path (the property's name lookup, a GValue, a copy
 * of the string and a queued notify per entity; ~700,000 entities on a
 * province): caches the identity it was given, as constructed() does.
 * Nothing is notified: no one can be connected to the entity yet. */
void
community_entity_identity_taken (CommunityEntity *self)
{
  cache_identity (self);
}

static CommunityEntityChangedHook changed_hook;

void
community_entity_set_changed_hook (CommunityEntityChangedHook hook)
{
  changed_hook = hook;
}

/* One signal on the dataset for any change of any of its entities
 * (CommunityDataset::entity-changed), instead of a handler per entity:
 * the record class's hook, called after each field that changed, or once
 * for a batch (community_entity_freeze_changes()). */
static void
community_entity_changed (CommunityRecord *record,
                          GParamSpec      *pspec)
{
  CommunityEntityPrivate *priv = community_entity_get_instance_private (COMMUNITY_ENTITY (record));

  if (priv->freeze > 0)
    {
      if (g_object_get_qdata (G_OBJECT (record), pending_quark ()) == NULL)
        g_object_set_qdata (G_OBJECT (record), pending_quark (), pspec);
      return;
    }
  if (priv->dataset != NULL && changed_hook != NULL)
    changed_hook (priv->dataset, COMMUNITY_ENTITY (record), pspec);
}

void
community_entity_freeze_changes (CommunityEntity *self)
{
  CommunityEntityPrivate *priv = community_entity_get_instance_private (self);

  g_object_freeze_notify (G_OBJECT (self));
  priv->freeze++;
}

void
community_entity_thaw_changes (CommunityEntity *self)
{
  CommunityEntityPrivate *priv = community_entity_get_instance_private (self);

  g_return_if_fail (priv->freeze > 0);

  g_object_thaw_notify (G_OBJECT (self));
  if (--priv->freeze == 0)
    {
      GParamSpec *pspec = g_object_steal_qdata (G_OBJECT (self), pending_quark ());

      if (pspec != NULL)
        community_entity_changed (COMMUNITY_RECORD (self), pspec);
    }
}

static void
community_entity_class_init (CommunityEntityClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = community_entity_constructed;
  COMMUNITY_RECORD_CLASS_PRIVATE (klass)->changed = community_entity_changed;
}

static void
community_entity_init (CommunityEntity *self)
{
}

/**
 * community_entity_get_kind:
 * @self: an entity
 *
 * Gets the kind of the entity.
 *
 * Returns: the kind
 */
CommunityEntityKind
community_entity_get_kind (CommunityEntity *self)
{
  g_return_val_if_fail (COMMUNITY_IS_ENTITY (self), 0);

  return ((CommunityEntityClassPrivate *) COMMUNITY_ENTITY_GET_CLASS (self))->kind;
}

/**
 * community_entity_get_identity:
 * @self: an entity
 *
 * Gets the identity of the entity as a string: the code of a division or
 * community, the number of a task, the id of anything else. This is the
 * string other entities use to refer to it, and a report's `subject.id`.
 *
 * Returns: (nullable): the identity, or %NULL if the entity was created
 *   without one
 */
const char *
community_entity_get_identity (CommunityEntity *self)
{
  g_return_val_if_fail (COMMUNITY_IS_ENTITY (self), NULL);

  return community_entity_peek_identity (self);
}

const char *
community_entity_peek_identity (CommunityEntity *self)
{
  const CommunityFieldTable *table = community_record_get_fields ((CommunityRecord *) self);
  const CommunityFieldSlot *slot;

  if (!identity_is_string (table))
    return g_object_get_qdata ((GObject *) self, number_identity_quark ());
  slot = community_record_peek_slot ((CommunityRecord *) self, table->identity_id);
  return slot != NULL ? slot->p : NULL;
}

/**
 * community_entity_get_dataset:
 * @self: an entity
 *
 * Gets the dataset that holds the entity.
 *
 * Returns: (transfer none) (nullable): the dataset, or %NULL if the entity
 *   is in none
 */
CommunityDataset *
community_entity_get_dataset (CommunityEntity *self)
{
  CommunityEntityPrivate *priv;

  g_return_val_if_fail (COMMUNITY_IS_ENTITY (self), NULL);

  priv = community_entity_get_instance_private (self);
  return priv->dataset;
}

void
community_entity_set_position (CommunityEntity *self,
                               guint            position)
{
  CommunityEntityPrivate *priv = community_entity_get_instance_private (self);

  priv->position = position;
}

guint
community_entity_get_position (CommunityEntity *self)
{
  CommunityEntityPrivate *priv = community_entity_get_instance_private (self);

  return priv->position;
}

void
community_entity_set_dataset (CommunityEntity  *self,
                              CommunityDataset *dataset)
{
  CommunityEntityPrivate *priv = community_entity_get_instance_private (self);

  priv->dataset = dataset;
}
