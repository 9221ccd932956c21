/* community-json-writer.c: records and datasets into the dataset format
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-json-private.h"
#include "community-entity.h"

static JsonNode *
write_date (const GDate *date)
{
  char buffer[16];

  g_snprintf (buffer, sizeof buffer, "%04u-%02u-%02u",
              g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
  return json_node_init_string (json_node_alloc (), buffer);
}

/* RFC 3339, keeping the offset the timestamp was given with (GLib's ISO
 * 8601 formatter writes "+08" where the RFC wants "+08:00"). */
static JsonNode *
write_timestamp (GDateTime *dt)
{
  g_autofree char *base = g_date_time_format (dt, "%Y-%m-%dT%H:%M:%S");
  g_autofree char *zone = NULL;
  g_autofree char *s = NULL;
  char fraction[16] = "";

  if (g_date_time_get_microsecond (dt) != 0)
    g_snprintf (fraction, sizeof fraction, ".%06d", g_date_time_get_microsecond (dt));
  zone = g_date_time_get_utc_offset (dt) == 0 ? g_strdup ("Z") : g_date_time_format (dt, "%:z");
  s = g_strconcat (base, fraction, zone, NULL);

  return json_node_init_string (json_node_alloc (), s);
}

static JsonNode *
write_flags (GType type,
             guint flags)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (type);
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < klass->n_values; i++)
    if (flags & klass->values[i].value)
      json_array_add_string_element (array, klass->values[i].value_nick);

  return community_json_array_node (array);
}

static JsonNode *
write_value (const GValue     *value,
             CommunityPrivacy *privacy)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    return json_node_init_string (json_node_alloc (), g_value_get_string (value));
  if (type == G_TYPE_BOOLEAN)
    return json_node_init_boolean (json_node_alloc (), g_value_get_boolean (value));
  if (type == G_TYPE_UINT)
    return json_node_init_int (json_node_alloc (), g_value_get_uint (value));
  if (type == G_TYPE_INT64)
    return json_node_init_int (json_node_alloc (), g_value_get_int64 (value));
  if (type == G_TYPE_DOUBLE)
    return json_node_init_double (json_node_alloc (), g_value_get_double (value));
  if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *ev = g_enum_get_value (klass, g_value_get_enum (value));

      return json_node_init_string (json_node_alloc (), ev != NULL ? ev->value_nick : NULL);
    }
  if (G_TYPE_IS_FLAGS (type))
    return write_flags (type, g_value_get_flags (value));
  if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);
      JsonArray *array = json_array_new ();

      for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
        json_array_add_string_element (array, strv[i]);
      return community_json_array_node (array);
    }
  if (type == G_TYPE_DATE)
    return write_date (g_value_get_boxed (value));
  if (type == G_TYPE_DATE_TIME)
    return write_timestamp (g_value_get_boxed (value));
  if (type == G_TYPE_LIST_MODEL)
    {
      GListModel *model = g_value_get_object (value);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        {
          g_autoptr(CommunityRecord) item = g_list_model_get_item (model, i);

          json_array_add_element (array, community_json_write_record (item, privacy));
        }
      return community_json_array_node (array);
    }
  if (g_type_is_a (type, COMMUNITY_TYPE_RECORD))
    return community_json_write_record (g_value_get_object (value), privacy);

  g_assert_not_reached ();
}

/* Copies the unknown members kept from the input after the known ones. */
static void
append_extra (JsonObject *object,
              JsonObject *extra)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (extra == NULL)
    return;

  json_object_iter_init_ordered (&iter, extra);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    if (!json_object_has_member (object, name))
      json_object_set_member (object, name, json_node_copy (member));
}

/* A personal field's value as @privacy lets it out, or NULL to leave it
 * out. Personal fields are strings: names, ID numbers, phones. */
static JsonNode *
write_personal (const char       *json_name,
                const GValue     *value,
                CommunityPrivacy *privacy)
{
  const char *plain = g_value_get_string (value);
  g_autofree char *masked = NULL;

  switch (privacy != NULL ? community_privacy_get_mode (privacy) : COMMUNITY_PRIVACY_MODE_KEEP)
    {
    case COMMUNITY_PRIVACY_MODE_KEEP:
      return json_node_init_string (json_node_alloc (), plain);
    case COMMUNITY_PRIVACY_MODE_DROP:
      return NULL;
    case COMMUNITY_PRIVACY_MODE_MASK:
    default:
      if (g_str_equal (json_name, "id_number"))
        masked = community_privacy_mask_id_number (privacy, plain);
      else if (g_str_equal (json_name, "phone"))
        masked = community_privacy_mask_phone (privacy, plain);
      else
        masked = community_privacy_mask_name (privacy, plain);
      return json_node_init_string (json_node_alloc (), masked);
    }
}

JsonNode *
community_json_write_record (CommunityRecord  *record,
                             CommunityPrivacy *privacy)
{
  const CommunityFieldTable *table = community_record_get_fields (record);
  JsonObject *object = json_object_new ();

  for (guint id = 1; id <= table->n_fields; id++)
    {
      const GValue *value = community_record_peek (record, id);
      JsonNode *node;

      if (value == NULL)
        continue;
      if (table->fields[id].flags & COMMUNITY_FIELD_PERSONAL)
        node = write_personal (table->json_names[id], value, privacy);
      else
        node = write_value (value, privacy);
      if (node != NULL)
        json_object_set_member (object, table->json_names[id], node);
    }
  append_extra (object, community_record_get_extra (record));

  return community_json_object_node (object);
}

JsonNode *
community_json_write_dataset (CommunityDataset *dataset,
                              CommunityPrivacy *privacy)
{
  JsonObject *object = json_object_new ();
  const GDate *as_of = community_dataset_get_as_of (dataset);
  guint codes_year = community_dataset_get_codes_year (dataset);

  json_object_set_string_member (object, "format", "libcommunity-dataset");
  json_object_set_int_member (object, "version", 1);
  if (as_of != NULL)
    json_object_set_member (object, "as_of", write_date (as_of));
  if (codes_year != 0)
    json_object_set_int_member (object, "codes_year", codes_year);

  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    {
      GListModel *items = community_dataset_get_items (dataset, kind);
      guint n_items = g_list_model_get_n_items (items);
      JsonArray *array = json_array_sized_new (n_items);

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(CommunityRecord) item = g_list_model_get_item (items, i);

          json_array_add_element (array, community_json_write_record (item, privacy));
        }
      json_object_set_array_member (object, community_entity_kind_get_member_name (kind), array);
    }
  append_extra (object, community_dataset_get_extra (dataset));

  return community_json_object_node (object);
}

/* --- deep copies --- */

/* A container still to fill: the members of @source_object into
 * @target_object, or the elements of @source_array into @target_array. */
typedef struct {
  JsonObject *source_object;
  JsonObject *target_object;
  JsonArray *source_array;
  JsonArray *target_array;
} PendingCopy;

/* A node of the same type as @node: a copy for a value or null, an empty
 * object or array for a container, then queued on @pending to be filled. */
static JsonNode *
copy_shallow (JsonNode *node,
              GArray   *pending)
{
  PendingCopy item = { NULL, NULL, NULL, NULL };

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      item.source_object = json_node_get_object (node);
      item.target_object = json_object_new ();
      g_array_append_val (pending, item);
      return community_json_object_node (item.target_object);
    case JSON_NODE_ARRAY:
      item.source_array = json_node_get_array (node);
      item.target_array = json_array_new ();
      g_array_append_val (pending, item);
      return community_json_array_node (item.target_array);
    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          return json_node_init_int (json_node_alloc (), json_node_get_int (node));
        case G_TYPE_DOUBLE:
          return json_node_init_double (json_node_alloc (), json_node_get_double (node));
        case G_TYPE_BOOLEAN:
          return json_node_init_boolean (json_node_alloc (), json_node_get_boolean (node));
        case G_TYPE_STRING:
        default:
          return json_node_init_string (json_node_alloc (), json_node_get_string (node));
        }
    case JSON_NODE_NULL:
    default:
      return json_node_init_null (json_node_alloc ());
    }
}

/* Fills every queued container, and those found in them. Iterative, so
 * that no document is too deep for it; only reads the sources (no
 * reference taken, nothing cached). */
static void
copy_pending (GArray *pending)
{
  while (pending->len > 0)
    {
      PendingCopy item = g_array_index (pending, PendingCopy, pending->len - 1);

      g_array_set_size (pending, pending->len - 1);
      if (item.source_object != NULL)
        {
          JsonObjectIter iter;
          const char *name;
          JsonNode *member;

          json_object_iter_init_ordered (&iter, item.source_object);
          while (json_object_iter_next_ordered (&iter, &name, &member))
            json_object_set_member (item.target_object, name, copy_shallow (member, pending));
        }
      else
        {
          guint length = json_array_get_length (item.source_array);

          for (guint i = 0; i < length; i++)
            json_array_add_element (item.target_array,
                                    copy_shallow (json_array_get_element (item.source_array, i),
                                                  pending));
        }
    }
}

JsonNode *
community_json_deep_copy (JsonNode *node)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (PendingCopy));
  JsonNode *copy;

  g_return_val_if_fail (node != NULL, NULL);

  copy = copy_shallow (node, pending);
  copy_pending (pending);
  return copy;
}

JsonObject *
community_json_object_deep_copy (JsonObject *object)
{
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (PendingCopy));
  PendingCopy item = { object, json_object_new (), NULL, NULL };

  g_return_val_if_fail (object != NULL, NULL);

  g_array_append_val (pending, item);
  copy_pending (pending);
  return item.target_object;
}
