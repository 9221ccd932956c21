/* community-record.c: base class of everything a dataset holds
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-record-private.h"
#include "json/community-json-private.h"

/**
 * CommunityRecord:
 *
 * The base class of every object a [class@Community.Dataset] holds: the
 * entities ([class@Community.Entity]) and the small records nested in them
 * ([class@Community.Committee], [class@Community.HistoryEntry], …).
 *
 * Every field of the dataset format is a property of the right type. A field
 * the data does not give is *unset*, which is not the same as zero, false or
 * empty: the rules treat an unknown value as not applicable rather than as a
 * violation. [method@Community.Record.is_set] tells the two apart from any
 * language, and [method@Community.Record.unset] forgets a value. Setting a
 * property marks it set; setting a string, date or object property to %NULL
 * unsets it. `notify` is emitted only when a value (or whether it is set)
 * actually changes.
 *
 * Members of the JSON document that this version of the library does not
 * know are kept with the record ([method@Community.Record.get_extra]) and
 * written back on save, so a round trip loses nothing.
 */

typedef struct
{
  GValue *values;   /* [n_fields + 1], lazily allocated */
  guint64 set_mask; /* bit i: property i is set */
  JsonObject *extra;
} CommunityRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CommunityRecord, community_record, G_TYPE_OBJECT)

#define FIELD_BIT(id) (G_GUINT64_CONSTANT (1) << (id))

static void community_record_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec);
static void community_record_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec);

const CommunityFieldTable *
community_record_class_get_fields (CommunityRecordClass *klass)
{
  return klass->fields;
}

const CommunityFieldTable *
community_record_get_fields (CommunityRecord *self)
{
  return COMMUNITY_RECORD_GET_CLASS (self)->fields;
}

void
community_record_class_install_fields (CommunityRecordClass *klass,
                                       guint                 n_props,
                                       GParamSpec          **pspecs,
                                       const CommunityField *fields)
{
  CommunityFieldTable *table;

  g_assert (n_props >= 1 && n_props - 1 <= COMMUNITY_MAX_FIELDS);

  /* GObject does not inherit get_property and set_property: every record
   * class gets the generic pair, which stores values by property id. */
  G_OBJECT_CLASS (klass)->get_property = community_record_get_property;
  G_OBJECT_CLASS (klass)->set_property = community_record_set_property;
  g_object_class_install_properties (G_OBJECT_CLASS (klass), n_props, pspecs);

  /* Classes live as long as the process: the table is never freed. */
  table = g_new0 (CommunityFieldTable, 1);
  table->n_fields = n_props - 1;
  table->pspecs = pspecs;
  table->fields = fields;
  table->json_names = g_new0 (char *, n_props);
  table->by_json_name = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint id = 1; id < n_props; id++)
    {
      char *json_name = g_strdelimit (g_strdup (pspecs[id]->name), "-", '_');

      table->json_names[id] = json_name;
      g_hash_table_insert (table->by_json_name, json_name, GUINT_TO_POINTER (id));
      if (fields[id].flags & COMMUNITY_FIELD_IDENTITY)
        table->identity_id = id;
    }

  klass->fields = table;
}

static GValue *
ensure_values (CommunityRecord *self)
{
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);
  const CommunityFieldTable *table = community_record_get_fields (self);

  if G_UNLIKELY (priv->values == NULL)
    {
      priv->values = g_new0 (GValue, table->n_fields + 1);
      for (guint id = 1; id <= table->n_fields; id++)
        {
          g_value_init (&priv->values[id], G_PARAM_SPEC_VALUE_TYPE (table->pspecs[id]));
          g_param_value_set_default (table->pspecs[id], &priv->values[id]);
        }
    }

  return priv->values;
}

const GValue *
community_record_peek (CommunityRecord *self,
                       guint            prop_id)
{
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);

  if ((priv->set_mask & FIELD_BIT (prop_id)) == 0)
    return NULL;

  return &priv->values[prop_id];
}

const GValue *
community_record_peek_by_name (CommunityRecord *self,
                               const char      *json_name)
{
  const CommunityFieldTable *table = community_record_get_fields (self);
  guint id = GPOINTER_TO_UINT (g_hash_table_lookup (table->by_json_name, json_name));

  g_return_val_if_fail (id != 0, NULL);
  return community_record_peek (self, id);
}

const char *
community_record_peek_string (CommunityRecord *self,
                              guint            prop_id)
{
  const GValue *value = community_record_peek (self, prop_id);

  return value != NULL ? g_value_get_string (value) : NULL;
}

guint
community_record_peek_uint (CommunityRecord *self,
                            guint            prop_id,
                            guint            fallback)
{
  const GValue *value = community_record_peek (self, prop_id);

  return value != NULL ? g_value_get_uint (value) : fallback;
}

void
community_record_take_value (CommunityRecord *self,
                             guint            prop_id,
                             GValue          *value)
{
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);
  GValue *values = ensure_values (self);

  g_value_unset (&values[prop_id]);
  values[prop_id] = *value;
  *value = (GValue) G_VALUE_INIT;
  priv->set_mask |= FIELD_BIT (prop_id);
}

void
community_record_take_extra (CommunityRecord *self,
                             JsonObject      *extra)
{
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);

  g_clear_pointer (&priv->extra, json_object_unref);
  priv->extra = extra;
}

/* Whether a value of @pspec's type means "unset" when it is set: a NULL
 * string, boxed or object. */
static gboolean
value_is_null (const GValue *value)
{
  if (G_VALUE_HOLDS_STRING (value))
    return g_value_get_string (value) == NULL;
  if (G_VALUE_HOLDS_BOXED (value))
    return g_value_get_boxed (value) == NULL;
  if (G_VALUE_HOLDS_OBJECT (value))
    return g_value_get_object (value) == NULL;
  return FALSE;
}

static gboolean
values_equal (const GValue *a,
              const GValue *b,
              GParamSpec   *pspec)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_STRV)
    return g_strv_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  if (type == G_TYPE_DATE)
    return g_date_compare (g_value_get_boxed (a), g_value_get_boxed (b)) == 0;
  if (type == G_TYPE_DATE_TIME)
    {
      /* The same instant written with another offset is another value: the
       * dataset keeps the offset it was given. */
      GDateTime *x = g_value_get_boxed (a), *y = g_value_get_boxed (b);

      return g_date_time_equal (x, y) && g_date_time_get_utc_offset (x) == g_date_time_get_utc_offset (y);
    }

  return g_param_values_cmp (pspec, a, b) == 0;
}

static void
community_record_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CommunityRecord *self = COMMUNITY_RECORD (object);
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);
  GValue *values = ensure_values (self);

  if (priv->set_mask & FIELD_BIT (prop_id))
    g_value_copy (&values[prop_id], value);
  else
    g_param_value_set_default (pspec, value);
}

static void
community_record_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CommunityRecord *self = COMMUNITY_RECORD (object);
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);
  GValue *values = ensure_values (self);
  gboolean was_set = (priv->set_mask & FIELD_BIT (prop_id)) != 0;

  if (value_is_null (value))
    {
      if (!was_set)
        return;
      g_param_value_set_default (pspec, &values[prop_id]);
      priv->set_mask &= ~FIELD_BIT (prop_id);
    }
  else
    {
      if (was_set && values_equal (&values[prop_id], value, pspec))
        return;
      g_value_copy (value, &values[prop_id]);
      priv->set_mask |= FIELD_BIT (prop_id);
    }

  g_object_notify_by_pspec (object, pspec);
}

static void
community_record_finalize (GObject *object)
{
  CommunityRecord *self = COMMUNITY_RECORD (object);
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);

  if (priv->values != NULL)
    {
      guint n_fields = community_record_get_fields (self)->n_fields;

      for (guint id = 1; id <= n_fields; id++)
        g_value_unset (&priv->values[id]);
      g_free (priv->values);
    }
  g_clear_pointer (&priv->extra, json_object_unref);

  G_OBJECT_CLASS (community_record_parent_class)->finalize (object);
}

static void
community_record_class_init (CommunityRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = community_record_finalize;
}

static void
community_record_init (CommunityRecord *self)
{
}

static guint
lookup_field (CommunityRecord *self,
              const char      *property_name)
{
  GParamSpec *pspec;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), property_name);
  if (pspec == NULL || !g_type_is_a (pspec->owner_type, COMMUNITY_TYPE_RECORD))
    {
      g_critical ("%s has no field called “%s”", G_OBJECT_TYPE_NAME (self), property_name);
      return 0;
    }

  return pspec->param_id;
}

/**
 * community_record_is_set:
 * @self: a record
 * @property_name: the name of one of the record's properties, e.g.
 *   `"households"` (`-` and `_` are interchangeable)
 *
 * Tells whether a field has a value, as opposed to being unknown.
 *
 * A community whose `households` is unset has an unknown number of
 * households; one whose `households` is set to 0 has none.
 *
 * Returns: %TRUE if the field is set
 */
gboolean
community_record_is_set (CommunityRecord *self,
                         const char      *property_name)
{
  CommunityRecordPrivate *priv;
  guint id;

  g_return_val_if_fail (COMMUNITY_IS_RECORD (self), FALSE);
  g_return_val_if_fail (property_name != NULL, FALSE);

  priv = community_record_get_instance_private (self);
  id = lookup_field (self, property_name);

  return id != 0 && (priv->set_mask & FIELD_BIT (id)) != 0;
}

/**
 * community_record_unset:
 * @self: a record
 * @property_name: the name of one of the record's properties
 *
 * Forgets the value of a field, so that it is unknown again. The property
 * then reads as its default value and [method@Community.Record.is_set]
 * returns %FALSE. Emits `notify` if the field was set.
 *
 * The identity of an entity (its code, id or number) cannot be unset.
 */
void
community_record_unset (CommunityRecord *self,
                        const char      *property_name)
{
  CommunityRecordPrivate *priv;
  const CommunityFieldTable *table;
  guint id;

  g_return_if_fail (COMMUNITY_IS_RECORD (self));
  g_return_if_fail (property_name != NULL);

  priv = community_record_get_instance_private (self);
  table = community_record_get_fields (self);
  id = lookup_field (self, property_name);
  if (id == 0 || (priv->set_mask & FIELD_BIT (id)) == 0)
    return;

  g_return_if_fail (id != table->identity_id);

  g_param_value_set_default (table->pspecs[id], &priv->values[id]);
  priv->set_mask &= ~FIELD_BIT (id);
  g_object_notify_by_pspec (G_OBJECT (self), table->pspecs[id]);
}

/**
 * community_record_get_extra:
 * @self: a record
 *
 * Gets the members of the record's JSON object that this version of the
 * library does not know. They are kept as they were and written back when
 * the dataset is saved.
 *
 * Returns: (transfer none) (nullable): the unknown members, or %NULL if the
 *   record had none
 */
JsonObject *
community_record_get_extra (CommunityRecord *self)
{
  CommunityRecordPrivate *priv;

  g_return_val_if_fail (COMMUNITY_IS_RECORD (self), NULL);

  priv = community_record_get_instance_private (self);
  return priv->extra;
}

/**
 * community_record_to_json:
 * @self: a record
 *
 * Serializes the record as the dataset format writes it: every set field
 * under its JSON name, in the order the format lists them, followed by the
 * unknown members. Personal data is included as it is.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
community_record_to_json (CommunityRecord *self)
{
  g_return_val_if_fail (COMMUNITY_IS_RECORD (self), NULL);

  return community_json_write_record (self, NULL);
}

/**
 * community_record_equal:
 * @a: a record
 * @b: another record
 *
 * Compares two records field by field: they are equal when they are of the
 * same type, the same fields are set to equal values (nested records
 * compared the same way) and their unknown members are equal.
 *
 * Returns: %TRUE if the records are equal
 */
gboolean
community_record_equal (CommunityRecord *a,
                        CommunityRecord *b)
{
  g_autoptr(JsonNode) node_a = NULL;
  g_autoptr(JsonNode) node_b = NULL;

  g_return_val_if_fail (COMMUNITY_IS_RECORD (a), FALSE);
  g_return_val_if_fail (COMMUNITY_IS_RECORD (b), FALSE);

  if (a == b)
    return TRUE;
  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;

  node_a = community_json_write_record (a, NULL);
  node_b = community_json_write_record (b, NULL);
  return json_node_equal (node_a, node_b);
}
