/* community-json-private.h: JSON in and out of records and datasets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Everything that turns the dataset format (DOMAIN.md §7) into objects, or
 * objects back into it, lives in this folder:
 *   community-json-guard.c    a pre-parse check of untrusted JSON text
 *   community-json-pointer.c  JSON Pointers (RFC 6901) and error messages
 *   community-json-reader.c   JsonNode -> records, strictly checked
 *   community-json-writer.c   records and datasets -> JsonNode or JSON text
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
 * ("(root)" for the empty or NULL pointer). Never pass personal data. */
void  community_json_set_error           (GError            **error,
                                          CommunityParseError code,
                                          const GString      *pointer,
                                          const char         *format,
                                          ...) G_GNUC_PRINTF (4, 5);
/* The same in any error domain (a ruleset's errors), from a va_list. */
void  community_json_set_error_valist    (GError            **error,
                                          GQuark              domain,
                                          int                 code,
                                          const GString      *pointer,
                                          const char         *format,
                                          va_list             args) G_GNUC_PRINTF (5, 0);

/* "a string", "an array", "null", ...: what a node is, for messages. */
const char *community_json_describe_node (JsonNode *node);

/* --- guarding --- */

/* The deepest nesting of arrays and objects a document may have (the root
 * object is level 1; a dataset needs 5). Deeper documents are refused with
 * COMMUNITY_PARSE_ERROR_LIMIT before any parser sees them: json-glib's
 * parser, json_node_copy() and the generator recurse once per level. */
#define COMMUNITY_JSON_MAX_DEPTH 512

/* Checks untrusted JSON text before any parser sees it: strict RFC 8259,
 * nesting at most COMMUNITY_JSON_MAX_DEPTH, valid UTF-8, no U+0000 in a
 * string, integers within 64 bits and other numbers finite doubles, no
 * member name twice in an object. Iterative, constant stack. Refusals are
 * COMMUNITY_PARSE_ERRORs whose message starts with the JSON Pointer of the
 * value ("(root)", with a line and column, for malformed JSON). Call it on
 * any text before parsing it, whatever the parser. */
gboolean community_json_guard (const char  *data,
                               gssize       length,
                               GError     **error);

/* Writes @root as indented JSON that community_json_guard() takes (json-glib
 * leaves U+001F unescaped). Use it for every document the library writes. */
char    *community_json_generate (JsonNode *root,
                                  gsize    *length);

/* --- reading --- */

/* What a document holds, read and checked but not yet in a dataset. */
typedef struct {
  GDate *as_of;                                   /* nullable */
  guint codes_year;                               /* 0: not given */
  JsonObject *extra;                              /* nullable */
  GPtrArray *entities[COMMUNITY_N_ENTITY_KINDS];  /* of CommunityEntity */
  /* Nullable: the entities of each kind by identity (borrowed keys and
   * values), when the reader built it anyway checking for duplicates;
   * the dataset then takes it as its index instead of building its own. */
  GHashTable *index[COMMUNITY_N_ENTITY_KINDS];
} CommunityDatasetContents;

void             community_dataset_contents_clear (CommunityDatasetContents *contents);

gboolean         community_json_read_dataset (JsonNode                  *root,
                                              CommunityDatasetContents  *contents,
                                              GError                   **error);
CommunityRecord *community_json_read_record  (GType                      type,
                                              JsonNode                  *node,
                                              GString                   *pointer,
                                              GError                   **error);

/* The fast path (community-json-stream.c): a valid document straight from
 * its bytes into @contents; FALSE, with nothing kept and no error, for
 * anything else, which the caller then reads with
 * community_json_read_dataset() for the error. */
gboolean         community_json_stream_read_dataset (const char               *data,
                                                     gsize                     length,
                                                     CommunityDatasetContents *contents);
/* The same from a file, read through a window, never whole. */
gboolean         community_json_stream_read_file    (const char               *filename,
                                                     CommunityDatasetContents *contents);

/* --- writing --- */

/* @privacy (nullable: keep) says what to do with COMMUNITY_FIELD_PERSONAL
 * fields. */
JsonNode        *community_json_write_record  (CommunityRecord  *record,
                                               CommunityPrivacy *privacy);
JsonNode        *community_json_write_dataset (CommunityDataset *dataset,
                                               CommunityPrivacy *privacy);

/* Writes out what @out holds (all of it) and empties it; FALSE, with
 * @error set, when it cannot. */
typedef gboolean (*CommunityJsonFlush) (GString   *out,
                                        gpointer   user_data,
                                        GError   **error);

/* The streaming writer: the text community_json_generate() makes of
 * community_json_write_dataset()'s tree (see community-json-writer.c for
 * the one difference), appended to @out without building the tree. With
 * @flush (nullable), @out is handed to it whenever it holds a chunk (after
 * an entity) and at the end; FALSE, with the flush's error, as soon as a
 * flush fails. Without @flush it cannot fail. */
gboolean         community_json_write_dataset_text (CommunityDataset   *dataset,
                                                    CommunityPrivacy   *privacy,
                                                    GString            *out,
                                                    CommunityJsonFlush  flush,
                                                    gpointer            user_data,
                                                    GError            **error);

/* Copies that share nothing with their source: json_node_copy() shares the
 * objects, arrays and values inside a node, whose reference counts are not
 * atomic, so a node that more than one thread may copy or free (a finding's
 * values, a ruleset's document, a snapshot's unknown members) is copied
 * with these. They only read the source. Iterative: any depth. */
JsonNode        *community_json_deep_copy        (JsonNode   *node);
JsonObject      *community_json_object_deep_copy (JsonObject *object);

G_END_DECLS
