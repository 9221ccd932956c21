/* community-dataset.c: everything known about a city's communities
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gstdio.h>

#include "community-dataset.h"
#include "community-enum-types.h"
#include "community-error.h"
#include "community-entity-private.h"
#include "community-entity-list-private.h"
#include "community-identity-index-private.h"
#include "community-dataset-private.h"
#include "community-json-copy-private.h"


/**
 * CommunityDataset:
 *
 * A dataset holds the entities of one document of the dataset format
 * (DOMAIN.md §7): divisions, communities, grids, workers, facilities,
 * consultations, work items, social organizations, departments, tasks,
 * funding, wage baselines and surveys.
 *
 * Each kind of entity is a [iface@Gio.ListModel]
 * ([method@Community.Dataset.get_items]) that emits `items-changed` when
 * entities are added or removed, and is indexed by identity, so that
 * [method@Community.Dataset.lookup] finds an entity by its code, id or
 * number in constant time. Entities refer to each other by identity; the
 * dataset resolves such references ([method@Community.Dataset.resolve]) and
 * walks the hierarchy from a grid or community up to its street, district
 * and city ([method@Community.Dataset.get_ancestor]).
 *
 * Loading ([method@Community.Dataset.load_from_file] and friends) replaces
 * the whole content of the dataset, and only if the document is valid: a
 * document that is refused leaves the dataset exactly as it was, and the
 * error names the JSON Pointer of the offending value. Saving writes every
 * member that was loaded, those this version does not know included.
 *
 * A dataset is not thread-safe, and neither are its entities and the
 * records nested in them: use a dataset, and everything in it, from one
 * thread at a time. To hand a dataset to another thread while going on
 * with it, give that thread a copy ([method@Community.Dataset.copy]); to
 * validate it without blocking, use [method@Community.Validator.run_async],
 * which does that.
 */

struct _CommunityDataset
{
  GObject parent_instance;

  CommunityEntityList *items[COMMUNITY_N_ENTITY_KINDS]; /* an array each: see community-entity-list.c */
  GHashTable *index[COMMUNITY_N_ENTITY_KINDS]; /* community_identity_index_new() */
  GDate *as_of;
  guint codes_year;
  JsonObject *extra;
};

G_DEFINE_FINAL_TYPE (CommunityDataset, community_dataset, G_TYPE_OBJECT)


enum {
  PROP_0,
  PROP_AS_OF,
  PROP_CODES_YEAR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ENTITY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The member through which an entity of each kind hangs below another one,
 * for walking up the hierarchy; workers of a street have "street". */
static const char * const parent_members[COMMUNITY_N_ENTITY_KINDS] = {
  [COMMUNITY_ENTITY_KIND_DIVISION] = "parent",
  [COMMUNITY_ENTITY_KIND_COMMUNITY] = "street",
  [COMMUNITY_ENTITY_KIND_GRID] = "community",
  [COMMUNITY_ENTITY_KIND_WORKER] = "community",
  [COMMUNITY_ENTITY_KIND_FACILITY] = "owner",
  [COMMUNITY_ENTITY_KIND_CONSULTATION] = "community",
  [COMMUNITY_ENTITY_KIND_SOCIAL_ORGANIZATION] = "community",
  [COMMUNITY_ENTITY_KIND_FUNDING] = "recipient",
  [COMMUNITY_ENTITY_KIND_WAGE_BASELINE] = "division",
  [COMMUNITY_ENTITY_KIND_SURVEY] = "division",
};

static void
release_all (CommunityDataset *self,
             guint             kind)
{
  GListModel *model = G_LIST_MODEL (self->items[kind]);
  guint n_items = g_list_model_get_n_items (model);

  for (guint i = 0; i < n_items; i++)
    community_entity_set_dataset (community_entity_list_peek (self->items[kind], i), NULL);
  g_hash_table_remove_all (self->index[kind]);
}

static void
community_dataset_dispose (GObject *object)
{
  CommunityDataset *self = COMMUNITY_DATASET (object);

  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    if (self->items[kind] != NULL)
      {
        release_all (self, kind);
        g_clear_object (&self->items[kind]);
        g_clear_pointer (&self->index[kind], g_hash_table_unref);
      }

  G_OBJECT_CLASS (community_dataset_parent_class)->dispose (object);
}

static void
community_dataset_finalize (GObject *object)
{
  CommunityDataset *self = COMMUNITY_DATASET (object);

  g_clear_pointer (&self->as_of, g_date_free);
  g_clear_pointer (&self->extra, json_object_unref);

  G_OBJECT_CLASS (community_dataset_parent_class)->finalize (object);
}

static void
community_dataset_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CommunityDataset *self = COMMUNITY_DATASET (object);

  switch (prop_id)
    {
    case PROP_AS_OF:
      g_value_set_boxed (value, self->as_of);
      break;
    case PROP_CODES_YEAR:
      g_value_set_uint (value, self->codes_year);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_dataset_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CommunityDataset *self = COMMUNITY_DATASET (object);

  switch (prop_id)
    {
    case PROP_AS_OF:
      community_dataset_set_as_of (self, g_value_get_boxed (value));
      break;
    case PROP_CODES_YEAR:
      community_dataset_set_codes_year (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void community_dataset_entity_changed (CommunityDataset *self,
                                              CommunityEntity  *entity,
                                              GParamSpec       *pspec);

static void
community_dataset_class_init (CommunityDatasetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  community_entity_set_changed_hook (community_dataset_entity_changed);

  object_class->dispose = community_dataset_dispose;
  object_class->finalize = community_dataset_finalize;
  object_class->get_property = community_dataset_get_property;
  object_class->set_property = community_dataset_set_property;

  /**
   * CommunityDataset:as-of:
   *
   * The date the data describes (`as_of`): the day against which deadlines
   * and “the year before” are counted. %NULL when the document gives none.
   */
  properties[PROP_AS_OF] =
    g_param_spec_boxed ("as-of", NULL, NULL, G_TYPE_DATE,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityDataset:codes-year:
   *
   * The year of the statistical division codes the data uses (`codes_year`):
   * codes are re-issued between years. 0 when the document gives none.
   */
  properties[PROP_CODES_YEAR] =
    g_param_spec_uint ("codes-year", NULL, NULL, 0, 9999, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CommunityDataset::entity-changed:
   * @self: the dataset
   * @entity: the entity that changed
   * @pspec: the first property of @entity that changed
   *
   * Emitted when a property of one of the dataset's entities changes (is
   * set to another value, or unset), right after its `notify` is queued,
   * so that one handler watches every entity. A step of a workflow that
   * changes several properties at once (a work item's or a consultation's)
   * emits it once, for the first; a caller's
   * [method@GObject.Object.freeze_notify] holds back `notify`, not this
   * signal. Entities are added and removed through the lists'
   * `items-changed` ([method@Community.Dataset.get_items]). A change inside
   * a nested record (a community's committee, a review) emits nothing.
   */
  signals[SIGNAL_ENTITY_CHANGED] =
    g_signal_new ("entity-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  COMMUNITY_TYPE_ENTITY, G_TYPE_PARAM);
}

/* The entities' hook (community_entity_set_changed_hook()). */
static void
community_dataset_entity_changed (CommunityDataset *self,
                                  CommunityEntity  *entity,
                                  GParamSpec       *pspec)
{
  g_signal_emit (self, signals[SIGNAL_ENTITY_CHANGED], 0, entity, pspec);
}

static void
community_dataset_init (CommunityDataset *self)
{
  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    {
      self->items[kind] = community_entity_list_new (community_entity_kind_get_entity_type (kind));
      self->index[kind] = community_identity_index_new ();
    }
}

/**
 * community_dataset_new:
 *
 * Creates an empty dataset.
 *
 * Returns: (transfer full): a new dataset
 */
CommunityDataset *
community_dataset_new (void)
{
  return g_object_new (COMMUNITY_TYPE_DATASET, NULL);
}

/**
 * community_dataset_get_as_of:
 * @self: a dataset
 *
 * Gets the date the data describes.
 *
 * Returns: (transfer none) (nullable): the date, or %NULL if none is given
 */
const GDate *
community_dataset_get_as_of (CommunityDataset *self)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);

  return self->as_of;
}

/**
 * community_dataset_set_as_of:
 * @self: a dataset
 * @as_of: (nullable): the date the data describes, or %NULL
 *
 * Sets the date the data describes.
 */
void
community_dataset_set_as_of (CommunityDataset *self,
                             const GDate      *as_of)
{
  g_return_if_fail (COMMUNITY_IS_DATASET (self));
  g_return_if_fail (as_of == NULL || g_date_valid (as_of));

  if (as_of == NULL && self->as_of == NULL)
    return;
  if (as_of != NULL && self->as_of != NULL && g_date_compare (as_of, self->as_of) == 0)
    return;

  g_clear_pointer (&self->as_of, g_date_free);
  if (as_of != NULL)
    self->as_of = g_date_copy (as_of);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AS_OF]);
}

/**
 * community_dataset_get_codes_year:
 * @self: a dataset
 *
 * Gets the year of the statistical division codes the data uses.
 *
 * Returns: the year, or 0 if none is given
 */
guint
community_dataset_get_codes_year (CommunityDataset *self)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), 0);

  return self->codes_year;
}

/**
 * community_dataset_set_codes_year:
 * @self: a dataset
 * @codes_year: the year of the codes, or 0 for none
 *
 * Sets the year of the statistical division codes the data uses.
 */
void
community_dataset_set_codes_year (CommunityDataset *self,
                                  guint             codes_year)
{
  g_return_if_fail (COMMUNITY_IS_DATASET (self));
  g_return_if_fail (codes_year == 0 || (codes_year >= 1900 && codes_year <= 9999));

  if (self->codes_year == codes_year)
    return;

  self->codes_year = codes_year;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODES_YEAR]);
}

/**
 * community_dataset_get_extra:
 * @self: a dataset
 *
 * Gets the members of the document's root object that this version of the
 * library does not know; they are written back on save.
 *
 * Returns: (transfer none) (nullable): the unknown members, or %NULL
 */
JsonObject *
community_dataset_get_extra (CommunityDataset *self)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);

  return self->extra;
}

/**
 * community_dataset_get_items:
 * @self: a dataset
 * @kind: a kind of entity
 *
 * Gets the entities of one kind, in the order they were loaded or added.
 * The model's item type is the kind's class (see
 * [func@Community.EntityKind.get_entity_type]); it emits `items-changed`
 * whenever the dataset adds, removes or reloads entities of that kind.
 *
 * Returns: (transfer none): the entities of @kind
 */
GListModel *
community_dataset_get_items (CommunityDataset    *self,
                             CommunityEntityKind  kind)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail ((guint) kind < COMMUNITY_N_ENTITY_KINDS, NULL);

  return G_LIST_MODEL (self->items[kind]);
}

/**
 * community_dataset_add:
 * @self: a dataset
 * @entity: the entity to add
 * @error: return location for a [error@Community.DatasetError]
 *
 * Adds an entity at the end of the list of its kind.
 *
 * It is refused if the dataset already holds an entity of that kind with the
 * same identity, if the entity has no identity (funding, wage baselines,
 * surveys and commendations may have none: they are added, and are not
 * found by [method@Community.Dataset.lookup]), or if it belongs to another
 * dataset. References from or to the entity are not checked: a dataset may
 * hold a grid before the worker it names as its leader.
 *
 * Returns: %TRUE if the entity was added
 */
gboolean
community_dataset_add (CommunityDataset  *self,
                       CommunityEntity   *entity,
                       GError           **error)
{
  CommunityEntityKind kind;
  const char *identity;
  CommunityDataset *owner;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), FALSE);
  g_return_val_if_fail (COMMUNITY_IS_ENTITY (entity), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  kind = community_entity_get_kind (entity);
  identity = community_entity_get_identity (entity);
  owner = community_entity_get_dataset (entity);

  if (owner != NULL && owner != self)
    {
      g_set_error (error, COMMUNITY_DATASET_ERROR, COMMUNITY_DATASET_ERROR_IN_OTHER_DATASET,
                   "This %s already belongs to another dataset", G_OBJECT_TYPE_NAME (entity));
      return FALSE;
    }
  if (identity == NULL && !community_entity_kind_identity_is_optional (kind))
    {
      g_set_error (error, COMMUNITY_DATASET_ERROR, COMMUNITY_DATASET_ERROR_NO_IDENTITY,
                   "This %s has no identity and cannot be added", G_OBJECT_TYPE_NAME (entity));
      return FALSE;
    }
  if (identity != NULL && community_identity_index_lookup (self->index[kind], identity) != NULL)
    {
      g_set_error (error, COMMUNITY_DATASET_ERROR, COMMUNITY_DATASET_ERROR_DUPLICATE,
                   "The dataset already has a %s whose identity is “%s”",
                   G_OBJECT_TYPE_NAME (entity), identity);
      return FALSE;
    }

  if (identity != NULL)
    community_identity_index_add (self->index[kind], entity);
  community_entity_set_dataset (entity, self);
  community_entity_set_position (entity, g_list_model_get_n_items (G_LIST_MODEL (self->items[kind])));
  community_entity_list_append (self->items[kind], entity);

  return TRUE;
}

/**
 * community_dataset_remove:
 * @self: a dataset
 * @entity: an entity of the dataset
 *
 * Removes an entity from the dataset. References to it from other entities
 * are left as they are, and no longer resolve.
 *
 * Returns: %TRUE if the entity was in the dataset and was removed
 */
gboolean
community_dataset_remove (CommunityDataset *self,
                          CommunityEntity  *entity)
{
  CommunityEntityKind kind;
  guint position;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), FALSE);
  g_return_val_if_fail (COMMUNITY_IS_ENTITY (entity), FALSE);

  if (community_entity_get_dataset (entity) != self)
    return FALSE;

  kind = community_entity_get_kind (entity);
  if (!community_entity_list_find (self->items[kind], entity, &position))
    g_return_val_if_reached (FALSE);

  if (community_entity_get_identity (entity) != NULL)
    community_identity_index_remove (self->index[kind], entity);
  community_entity_set_dataset (entity, NULL);
  community_entity_list_remove (self->items[kind], position);
  /* The entities after it move up one. */
  for (guint i = position; i < g_list_model_get_n_items (G_LIST_MODEL (self->items[kind])); i++)
    community_entity_set_position (community_entity_list_peek (self->items[kind], i), i);

  return TRUE;
}

/**
 * community_dataset_lookup:
 * @self: a dataset
 * @kind: the kind of entity
 * @identity: its code, id, or (tasks) number as a string
 *
 * Finds an entity by its identity, in constant time.
 *
 * Returns: (transfer none) (nullable): the entity, or %NULL if there is none
 */
CommunityEntity *
community_dataset_lookup (CommunityDataset    *self,
                          CommunityEntityKind  kind,
                          const char          *identity)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail ((guint) kind < COMMUNITY_N_ENTITY_KINDS, NULL);
  g_return_val_if_fail (identity != NULL, NULL);

  return community_identity_index_lookup (self->index[kind], identity);
}

/**
 * community_dataset_get_division:
 * @self: a dataset
 * @code: a 12-digit division code
 *
 * Finds a division by its code.
 *
 * Returns: (transfer none) (nullable): the division, or %NULL
 */
CommunityDivision *
community_dataset_get_division (CommunityDataset *self,
                                const char       *code)
{
  return (CommunityDivision *) community_dataset_lookup (self, COMMUNITY_ENTITY_KIND_DIVISION, code);
}

/**
 * community_dataset_get_community:
 * @self: a dataset
 * @code: a 12-digit community or village code
 *
 * Finds a community or village by its code.
 *
 * Returns: (transfer none) (nullable): the community, or %NULL
 */
CommunityCommunity *
community_dataset_get_community (CommunityDataset *self,
                                 const char       *code)
{
  return (CommunityCommunity *) community_dataset_lookup (self, COMMUNITY_ENTITY_KIND_COMMUNITY, code);
}

/**
 * community_dataset_get_grid:
 * @self: a dataset
 * @id: a grid id
 *
 * Finds a grid by its id.
 *
 * Returns: (transfer none) (nullable): the grid, or %NULL
 */
CommunityGrid *
community_dataset_get_grid (CommunityDataset *self,
                            const char       *id)
{
  return (CommunityGrid *) community_dataset_lookup (self, COMMUNITY_ENTITY_KIND_GRID, id);
}

/**
 * community_dataset_get_worker:
 * @self: a dataset
 * @id: a worker id
 *
 * Finds a worker by its id.
 *
 * Returns: (transfer none) (nullable): the worker, or %NULL
 */
CommunityWorker *
community_dataset_get_worker (CommunityDataset *self,
                              const char       *id)
{
  return (CommunityWorker *) community_dataset_lookup (self, COMMUNITY_ENTITY_KIND_WORKER, id);
}

/**
 * community_dataset_get_facility:
 * @self: a dataset
 * @id: a facility id
 *
 * Finds a facility by its id.
 *
 * Returns: (transfer none) (nullable): the facility, or %NULL
 */
CommunityFacility *
community_dataset_get_facility (CommunityDataset *self,
                                const char       *id)
{
  return (CommunityFacility *) community_dataset_lookup (self, COMMUNITY_ENTITY_KIND_FACILITY, id);
}

/**
 * community_dataset_get_department:
 * @self: a dataset
 * @id: a department id
 *
 * Finds a department by its id. To resolve a reference, which may name a
 * department by its name or an alias, use
 * [method@Community.Dataset.find_department].
 *
 * Returns: (transfer none) (nullable): the department, or %NULL
 */
CommunityDepartment *
community_dataset_get_department (CommunityDataset *self,
                                  const char       *id)
{
  return (CommunityDepartment *) community_dataset_lookup (self, COMMUNITY_ENTITY_KIND_DEPARTMENT, id);
}

/**
 * community_dataset_get_task:
 * @self: a dataset
 * @number: a task number, 1–39 in the annex
 *
 * Finds a task by its number.
 *
 * Returns: (transfer none) (nullable): the task, or %NULL
 */
CommunityTask *
community_dataset_get_task (CommunityDataset *self,
                            guint             number)
{
  char key[16];

  g_snprintf (key, sizeof key, "%u", number);
  return (CommunityTask *) community_dataset_lookup (self, COMMUNITY_ENTITY_KIND_TASK, key);
}

static guint field_id (GType type, const char *json_name);

/* The department whose name is @name or one of whose aliases is @name,
 * in dataset order: names first, then aliases. */
static CommunityDepartment *
find_department_by_name (CommunityDataset *self,
                         const char       *name)
{
  GListModel *departments = G_LIST_MODEL (self->items[COMMUNITY_ENTITY_KIND_DEPARTMENT]);
  guint n = g_list_model_get_n_items (departments);
  guint name_id = 0, aliases_id = 0;

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < n; i++)
      {
        CommunityRecord *department = community_entity_list_peek (self->items[COMMUNITY_ENTITY_KIND_DEPARTMENT], i);

        if (name_id == 0)
          {
            name_id = field_id (COMMUNITY_TYPE_DEPARTMENT, "name");
            aliases_id = field_id (COMMUNITY_TYPE_DEPARTMENT, "aliases");
          }
        if (pass == 0)
          {
            if (g_strcmp0 (community_record_peek_string (department, name_id), name) == 0)
              return COMMUNITY_DEPARTMENT (department);
          }
        else
          {
            const GValue *value = community_record_peek (department, aliases_id);
            const char * const *aliases = value != NULL ? g_value_get_boxed (value) : NULL;

            if (aliases != NULL && g_strv_contains (aliases, name))
              return COMMUNITY_DEPARTMENT (department);
          }
      }

  return NULL;
}

/**
 * community_dataset_find_department:
 * @self: a dataset
 * @name: an id, a name or an alias of a department, e.g. `市综治办`
 *
 * Finds the department a reference names (DOMAIN.md §2): by its id, else
 * by its name, else by one of its
 * [property@Community.Department:aliases]. So `市委政法委`,
 * `市委政法委(市综治办)` and `市综治办` all name the same unit of the annex,
 * and a dataset's own department ids and the annex's spellings resolve
 * alike. Work items' and tasks' references to departments resolve this
 * way, in the validator too.
 *
 * Returns: (transfer none) (nullable): the department, or %NULL if @name
 *   names none
 */
CommunityDepartment *
community_dataset_find_department (CommunityDataset *self,
                                   const char       *name)
{
  CommunityDepartment *department;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  department = community_dataset_get_department (self, name);
  return department != NULL ? department : find_department_by_name (self, name);
}

/* What a reference to an entity of @kind that reads @identity names:
 * departments resolve by id, name or alias, everything else by identity. */
CommunityEntity *
community_dataset_lookup_reference (CommunityDataset    *self,
                                    CommunityEntityKind  kind,
                                    const char          *identity)
{
  if (kind == COMMUNITY_ENTITY_KIND_DEPARTMENT)
    return COMMUNITY_ENTITY (community_dataset_find_department (self, identity));
  return community_identity_index_lookup (self->index[kind], identity);
}

static guint
field_id (GType       type,
          const char *json_name)
{
  /* Called for every step up the hierarchy, by the rules too: the class
   * exists (an instance does), and the lookup is cached by name address. */
  GTypeClass *klass = g_type_class_peek (type);
  const CommunityFieldTable *table;

  if G_UNLIKELY (klass == NULL)
    klass = g_type_class_ref (type);   /* classes are never freed */
  table = community_record_class_get_fields (COMMUNITY_RECORD_CLASS (klass));

  return community_field_table_lookup (table, json_name);
}

static CommunityEntity *
resolve_field (CommunityDataset *self,
               CommunityRecord  *record,
               guint             id)
{
  const char *target = community_record_peek_string (record, id);
  guint ref_kinds;

  if (target == NULL)
    return NULL;

  ref_kinds = community_record_ref_kinds (record, id);
  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    if (ref_kinds & (1u << kind))
      {
        CommunityEntity *entity = community_dataset_lookup_reference (self, kind, target);

        if (entity != NULL)
          return entity;
      }

  return NULL;
}

/**
 * community_dataset_resolve:
 * @self: a dataset
 * @record: an entity or part of one
 * @property_name: the name of a property of @record that holds the
 *   identity of another entity, e.g. `"leader"` of a grid or `"owner"` of a
 *   facility
 *
 * Resolves a reference: finds the entity the property names, among the
 * kinds that property may refer to (a facility's owner is a community or a
 * division). For a list of references, such as a grid's administrators, look
 * each one up with [method@Community.Dataset.lookup].
 *
 * Returns: (transfer none) (nullable): the entity referred to, or %NULL if the
 *   property is unset or names nothing in the dataset
 */
CommunityEntity *
community_dataset_resolve (CommunityDataset *self,
                           CommunityRecord  *record,
                           const char       *property_name)
{
  const CommunityFieldTable *table;
  GParamSpec *pspec;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (COMMUNITY_IS_RECORD (record), NULL);
  g_return_val_if_fail (property_name != NULL, NULL);

  table = community_record_get_fields (record);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (record), property_name);
  g_return_val_if_fail (pspec != NULL, NULL);
  g_return_val_if_fail (pspec->param_id <= table->n_fields && table->pspecs[pspec->param_id] == pspec, NULL);
  g_return_val_if_fail ((table->fields[pspec->param_id].flags & COMMUNITY_FIELD_REFERENCE) &&
                        G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRING, NULL);

  return resolve_field (self, record, pspec->param_id);
}

/* The entities of @kind whose reference @member is @code. */
static GPtrArray *
filter_by_reference (CommunityDataset    *self,
                     CommunityEntityKind  kind,
                     const char          *member,
                     const char          *code,
                     GPtrArray           *result)
{
  GListModel *model = G_LIST_MODEL (self->items[kind]);
  guint id = field_id (community_entity_kind_get_entity_type (kind), member);
  guint n_items = g_list_model_get_n_items (model);

  g_assert (id != 0);

  for (guint i = 0; i < n_items; i++)
    {
      CommunityRecord *item = g_list_model_get_item (model, i);

      if (g_strcmp0 (community_record_peek_string (item, id), code) == 0)
        g_ptr_array_add (result, item);
      else
        g_object_unref (item);
    }

  return result;
}

static GPtrArray *
new_entity_array (void)
{
  return g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * community_dataset_list_communities:
 * @self: a dataset
 * @street_code: the code of a street or town
 *
 * Lists the communities and villages of a street or town.
 *
 * Returns: (transfer container) (element-type CommunityCommunity): the communities
 *   whose `street` is @street_code, in dataset order
 */
GPtrArray *
community_dataset_list_communities (CommunityDataset *self,
                                    const char       *street_code)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (street_code != NULL, NULL);

  return filter_by_reference (self, COMMUNITY_ENTITY_KIND_COMMUNITY, "street", street_code,
                              new_entity_array ());
}

/**
 * community_dataset_list_grids:
 * @self: a dataset
 * @community_code: the code of a community or village
 *
 * Lists the grids of a community.
 *
 * Returns: (transfer container) (element-type CommunityGrid): the grids whose
 *   `community` is @community_code, in dataset order
 */
GPtrArray *
community_dataset_list_grids (CommunityDataset *self,
                              const char       *community_code)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (community_code != NULL, NULL);

  return filter_by_reference (self, COMMUNITY_ENTITY_KIND_GRID, "community", community_code,
                              new_entity_array ());
}

/**
 * community_dataset_list_workers:
 * @self: a dataset
 * @code: the code of a community, or of a street or town
 *
 * Lists the workers attached to a community, or the street-level staff of
 * a street or town.
 *
 * Returns: (transfer container) (element-type CommunityWorker): the workers whose
 *   `community` or `street` is @code, in dataset order
 */
GPtrArray *
community_dataset_list_workers (CommunityDataset *self,
                                const char       *code)
{
  GPtrArray *result;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  result = filter_by_reference (self, COMMUNITY_ENTITY_KIND_WORKER, "community", code,
                                new_entity_array ());
  if (result->len == 0)
    filter_by_reference (self, COMMUNITY_ENTITY_KIND_WORKER, "street", code, result);

  return result;
}

/**
 * community_dataset_list_facilities:
 * @self: a dataset
 * @owner_code: the code of a community, or of a street or town
 *
 * Lists the facilities a community, street or town owns.
 *
 * Returns: (transfer container) (element-type CommunityFacility): the facilities
 *   whose `owner` is @owner_code, in dataset order
 */
GPtrArray *
community_dataset_list_facilities (CommunityDataset *self,
                                   const char       *owner_code)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (owner_code != NULL, NULL);

  return filter_by_reference (self, COMMUNITY_ENTITY_KIND_FACILITY, "owner", owner_code,
                              new_entity_array ());
}

/**
 * community_dataset_list_children:
 * @self: a dataset
 * @division_code: the code of a division
 *
 * Lists what lies directly below a division: the districts and counties of
 * a city, the streets and towns of a district, the communities and villages
 * of a street or town.
 *
 * Returns: (transfer container) (element-type CommunityEntity): the divisions whose
 *   `parent` is @division_code, then the communities whose `street` is
 */
GPtrArray *
community_dataset_list_children (CommunityDataset *self,
                                 const char       *division_code)
{
  GPtrArray *result;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (division_code != NULL, NULL);

  result = filter_by_reference (self, COMMUNITY_ENTITY_KIND_DIVISION, "parent", division_code,
                                new_entity_array ());
  return filter_by_reference (self, COMMUNITY_ENTITY_KIND_COMMUNITY, "street", division_code,
                              result);
}

/**
 * community_dataset_get_parent:
 * @self: a dataset
 * @entity: an entity of the dataset
 *
 * Gets what an entity hangs below in the hierarchy: a division's parent
 * division, a community's street or town, the community of a grid,
 * consultation or social organization, the community (or street, for
 * street-level staff) of a worker, the owner of a facility, the recipient of
 * funding, the division of a wage baseline or survey.
 *
 * Returns: (transfer none) (nullable): the parent, or %NULL if the entity has
 *   none (the city, a department, a task, a work item) or it does not resolve
 */
CommunityEntity *
community_dataset_get_parent (CommunityDataset *self,
                              CommunityEntity  *entity)
{
  CommunityEntityKind kind;
  CommunityEntity *parent;
  const char *member;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (COMMUNITY_IS_ENTITY (entity), NULL);

  kind = community_entity_get_kind (entity);
  member = parent_members[kind];
  if (member == NULL)
    return NULL;

  parent = resolve_field (self, COMMUNITY_RECORD (entity),
                          field_id (G_OBJECT_TYPE (entity), member));
  if (parent == NULL && kind == COMMUNITY_ENTITY_KIND_WORKER)
    parent = resolve_field (self, COMMUNITY_RECORD (entity),
                            field_id (G_OBJECT_TYPE (entity), "street"));

  return parent;
}

/**
 * community_dataset_get_ancestor:
 * @self: a dataset
 * @entity: an entity of the dataset
 * @level: the level to walk up to
 *
 * Walks up the hierarchy from an entity (see
 * [method@Community.Dataset.get_parent]) to the first division of the tier
 * of @level: %COMMUNITY_DIVISION_LEVEL_STREET and
 * %COMMUNITY_DIVISION_LEVEL_TOWN both find the street or town,
 * %COMMUNITY_DIVISION_LEVEL_DISTRICT and %COMMUNITY_DIVISION_LEVEL_COUNTY
 * both find the district or county. A division is its own ancestor at its
 * own tier.
 *
 * The walk stops at a reference that does not resolve, and at a cycle in
 * the hierarchy, which bad data can contain.
 *
 * Returns: (transfer none) (nullable): the division, or %NULL if the walk
 *   does not reach one of that tier
 */
CommunityDivision *
community_dataset_get_ancestor (CommunityDataset       *self,
                                CommunityEntity        *entity,
                                CommunityDivisionLevel  level)
{
  /* No real hierarchy is deeper than worker → community → street →
   * district → city; a longer walk has met a cycle. */
  const guint max_steps = 8;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (COMMUNITY_IS_ENTITY (entity), NULL);

  for (guint step = 0; entity != NULL && step < max_steps; step++)
    {
      if (COMMUNITY_IS_DIVISION (entity))
        {
          CommunityDivisionLevel entity_level;

          g_object_get (entity, "level", &entity_level, NULL);
          if (community_division_level_tier (entity_level) == community_division_level_tier (level))
            return COMMUNITY_DIVISION (entity);
        }
      entity = community_dataset_get_parent (self, entity);
    }

  return NULL;
}

/* The io layer's way in: see community-dataset-private.h. */
void
community_dataset_replace_contents (CommunityDataset         *self,
                                    CommunityDatasetContents *contents)
{
  g_object_freeze_notify (G_OBJECT (self));
  g_object_set_data (G_OBJECT (self), COMMUNITY_DATASET_ORIGIN_KEY, NULL);

  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    {
      GPtrArray *entities = contents->entities[kind];
      guint n_new = entities != NULL ? entities->len : 0;
      gboolean indexed;

      release_all (self, kind);
      /* The reader's index, when it made one, is the one we would build. */
      indexed = contents->index[kind] != NULL;
      if (indexed)
        {
          g_hash_table_unref (self->index[kind]);
          self->index[kind] = g_steal_pointer (&contents->index[kind]);
        }
      for (guint i = 0; i < n_new; i++)
        {
          CommunityEntity *entity = g_ptr_array_index (entities, i);

          community_entity_set_dataset (entity, self);
          community_entity_set_position (entity, i);
          if (!indexed && community_entity_get_identity (entity) != NULL)
            community_identity_index_add (self->index[kind], entity);
        }
      /* The reader's array becomes the list's: a copy of it took a
       * reference to every entity and as much memory again (8 MB on a
       * province), while the reader's was freed. */
      community_entity_list_replace_take (self->items[kind], g_steal_pointer (&contents->entities[kind]));
    }

  community_dataset_set_as_of (self, contents->as_of);
  community_dataset_set_codes_year (self, contents->codes_year);
  g_clear_pointer (&self->extra, json_object_unref);
  self->extra = g_steal_pointer (&contents->extra);

  g_object_thaw_notify (G_OBJECT (self));
}

void
community_dataset_contents_clear (CommunityDatasetContents *contents)
{
  g_clear_pointer (&contents->as_of, g_date_free);
  g_clear_pointer (&contents->extra, json_object_unref);
  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    {
      g_clear_pointer (&contents->index[kind], g_hash_table_unref);
      g_clear_pointer (&contents->entities[kind], g_ptr_array_unref);
    }
}

/**
 * community_dataset_equal:
 * @a: a dataset
 * @b: another dataset
 *
 * Compares two datasets: they are equal when their documents would be,
 * entity by entity in order (see [method@Community.Record.equal]), header
 * and unknown members included.
 *
 * Returns: %TRUE if the datasets are equal
 */
gboolean
community_dataset_equal (CommunityDataset *a,
                         CommunityDataset *b)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (a), FALSE);
  g_return_val_if_fail (COMMUNITY_IS_DATASET (b), FALSE);

  if (a == b)
    return TRUE;

  if ((a->as_of == NULL) != (b->as_of == NULL) ||
      (a->as_of != NULL && g_date_compare (a->as_of, b->as_of) != 0) ||
      a->codes_year != b->codes_year)
    return FALSE;
  if (!community_json_extra_equal (a->extra, b->extra))
    return FALSE;

  /* Entity by entity, in order. */
  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (a->items[kind]));

      if (n != g_list_model_get_n_items (G_LIST_MODEL (b->items[kind])))
        return FALSE;
      for (guint i = 0; i < n; i++)
        if (!community_record_equal (COMMUNITY_RECORD (community_entity_list_peek (a->items[kind], i)),
                                     COMMUNITY_RECORD (community_entity_list_peek (b->items[kind], i))))
          return FALSE;
    }
  return TRUE;
}

/**
 * community_dataset_copy:
 * @self: a dataset
 *
 * Makes a deep copy of the dataset: a new dataset with a copy of every
 * entity (the records nested in them copied too), of the header and of the
 * unknown members. The copy is equal to @self
 * ([method@Community.Dataset.equal]) and shares nothing with it that either
 * may change, so changing one never changes the other, and the copy may be
 * handed to another thread while @self goes on being used on its own. It
 * emits no signal on @self.
 *
 * This is how [method@Community.Validator.run_async] takes its snapshot. It
 * copies the records field by field, without going through JSON, and is
 * several times faster than a save and load.
 *
 * Returns: (transfer full): the copy
 */
CommunityDataset *
community_dataset_copy (CommunityDataset *self)
{
  CommunityDatasetContents contents = { NULL, 0, NULL, { NULL } };
  CommunityDataset *copy;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);

  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    {
      GListModel *model = G_LIST_MODEL (self->items[kind]);
      guint n_items = g_list_model_get_n_items (model);

      contents.entities[kind] = g_ptr_array_new_full (n_items, g_object_unref);
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(CommunityRecord) entity = g_list_model_get_item (model, i);

          g_ptr_array_add (contents.entities[kind], community_record_copy_deep (entity));
        }
    }
  contents.as_of = self->as_of != NULL ? g_date_copy (self->as_of) : NULL;
  contents.codes_year = self->codes_year;
  contents.extra = self->extra != NULL ? community_json_object_deep_copy (self->extra) : NULL;

  copy = community_dataset_new ();
  community_dataset_replace_contents (copy, &contents);
  community_dataset_contents_clear (&contents);
  /* Where it was loaded from (an immutable object): its findings name the
   * same cells. */
  if (g_object_get_data (G_OBJECT (self), COMMUNITY_DATASET_ORIGIN_KEY) != NULL)
    g_object_set_data_full (G_OBJECT (copy), COMMUNITY_DATASET_ORIGIN_KEY,
                            g_object_ref (g_object_get_data (G_OBJECT (self), COMMUNITY_DATASET_ORIGIN_KEY)),
                            g_object_unref);
  return copy;
}
