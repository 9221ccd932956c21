/* community-json-copy.c: copies of JSON trees that share nothing
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * json_node_copy() shares the objects, arrays and values inside a node,
 * whose reference counts are not atomic, so a node that more than one
 * thread may copy or free (a finding's values, a ruleset's document, a
 * record's unknown members) is copied with these. Part of the model layer:
 * records and datasets keep unknown members as JsonObjects.
 */

#include "config.h"

#include "community-json-copy-private.h"

/* --- deep copies --- */

/* A container still to fill: the members of @source_object into
 * @target_object, or the elements of @source_array into @target_array. */
typedef struct {
  JsonObject *source_object;
  JsonObject *target_object;
  JsonArray *source_array;
  JsonArray *target_array;
} PendingCopy;

/* Nodes that take the caller's reference. */
static JsonNode *
take_object (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
take_array (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

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
      return take_object (item.target_object);
    case JSON_NODE_ARRAY:
      item.source_array = json_node_get_array (node);
      item.target_array = json_array_new ();
      g_array_append_val (pending, item);
      return take_array (item.target_array);
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


gboolean
community_json_extra_equal (JsonObject *a,
                            JsonObject *b)
{
  guint n_a = a != NULL ? json_object_get_size (a) : 0;
  guint n_b = b != NULL ? json_object_get_size (b) : 0;

  if (n_a == 0 || n_b == 0)
    return n_a == n_b;
  return json_object_equal (a, b);
}
