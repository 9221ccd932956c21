/* community-json-private.h: JSON in and out of records and datasets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Everything that turns the dataset format (DOMAIN.md §7) into objects, or
 * objects back into it, lives in this folder:
 *   community-json-pointer.c  JSON Pointers (RFC 6901) and error messages
 *   community-json-reader.c   JsonNode -> records, strictly checked
 *   community-json-writer.c   records and datasets -> JsonNode
 */

#pragma once

#include <json-glib/json-glib.h>

#include "community-dataset.h"
#include "community-privacy.h"
#include "community-error.h"
#include "community-record-private.h"

G_BEGIN_DECLS

/* --- Nodes --- */

/* A node that takes the caller's reference to @object / @array. */
static inline JsonNode *
community_json_object_node (JsonObject *object)
{
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_node_take_object (node, object);
  return node;
}

static inline JsonNode *
community_json_array_node (JsonArray *array)
{
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  json_node_take_array (node, array);
  return node;
}

/* --- JSON Pointers --- */

/* Appends "/<member>" (escaped per RFC 6901) and returns the old length,
 * to be given back to g_string_truncate(). */
gsize community_json_pointer_push_member (GString    *pointer,
                                          const char *member);
gsize community_json_pointer_push_index  (GString    *pointer,
                                          guint       index);

/* Sets a COMMUNITY_PARSE_ERROR whose message is "<pointer>: <message>"
 * ("(root)" for the empty pointer). Never pass personal data. */
void  community_json_set_error           (GError            **error,
                                          CommunityParseError code,
                                          const GString      *pointer,
                                          const char         *format,
                                          ...) G_GNUC_PRINTF (4, 5);

/* "a string", "an array", "null", ...: what a node is, for messages. */
const char *community_json_describe_node (JsonNode *node);

/* --- reading --- */

/* What a document holds, read and checked but not yet in a dataset. */
typedef struct {
  GDate *as_of;                                   /* nullable */
  guint codes_year;                               /* 0: not given */
  JsonObject *extra;                              /* nullable */
  GPtrArray *entities[COMMUNITY_N_ENTITY_KINDS];  /* of CommunityEntity */
} CommunityDatasetContents;

void             community_dataset_contents_clear (CommunityDatasetContents *contents);

gboolean         community_json_read_dataset (JsonNode                  *root,
                                              CommunityDatasetContents  *contents,
                                              GError                   **error);
CommunityRecord *community_json_read_record  (GType                      type,
                                              JsonNode                  *node,
                                              GString                   *pointer,
                                              GError                   **error);

/* --- writing --- */

/* @privacy (nullable: keep) says what to do with COMMUNITY_FIELD_PERSONAL
 * fields. */
JsonNode        *community_json_write_record  (CommunityRecord  *record,
                                               CommunityPrivacy *privacy);
JsonNode        *community_json_write_dataset (CommunityDataset *dataset,
                                               CommunityPrivacy *privacy);

G_END_DECLS
