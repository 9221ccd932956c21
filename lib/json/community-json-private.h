/* community-json-private.h: JSON in and out of records and datasets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Everything that turns the dataset format (DOMAIN.md §7) into objects, or
 * objects back into it, lives in this folder:
 *   community-json-tokenizer.c    strict JSON text -> tokens (a token source)
 *   community-json-node-source.c  a JsonNode tree -> tokens (a token source)
 *   community-dataset-walker.c    tokens -> records: the one decoder
 *   community-json-pointer.c      JSON Pointers (RFC 6901) and error messages
 *   community-json-writer.c       records and datasets -> JsonNode or JSON text
 */

#pragma once

#include "community-json-pointer-private.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "community-dataset-private.h"
#include "community-privacy.h"
#include "community-error.h"
#include "community-record-private.h"
#include "community-json-source.h"
#include "community-json-copy-private.h"
#include "community-string-private.h"

G_BEGIN_DECLS

/* --- Short byte strings (member names, most values) --- */

/* Whether the @len bytes at @a and @b are the same: a few word loads,
 * cheaper than memcmp()'s call for a member name. Reads nothing outside
 * the @len bytes. */
static inline gboolean
community_json_bytes_equal (const char *a,
                            const char *b,
                            gsize       len)
{
  if (len >= 8)
    {
      guint64 x, y;

      for (gsize i = 0; i + 8 < len; i += 8)
        {
          memcpy (&x, a + i, 8);
          memcpy (&y, b + i, 8);
          if (x != y)
            return FALSE;
        }
      memcpy (&x, a + len - 8, 8);
      memcpy (&y, b + len - 8, 8);
      return x == y;
    }
  if (len >= 4)
    {
      guint32 x, y, u, v;

      memcpy (&x, a, 4);
      memcpy (&y, b, 4);
      memcpy (&u, a + len - 4, 4);
      memcpy (&v, b + len - 4, 4);
      return x == y && u == v;
    }
  for (gsize i = 0; i < len; i++)
    if (a[i] != b[i])
      return FALSE;
  return TRUE;
}

/* memcpy() of @len bytes, without its call when they are 16 or fewer
 * (two overlapping loads and stores). */
static inline void
community_json_copy_bytes (char       *dest,
                           const char *src,
                           gsize       len)
{
  if (len >= 8 && len <= 16)
    {
      guint64 x, y;

      memcpy (&x, src, 8);
      memcpy (&y, src + len - 8, 8);
      memcpy (dest, &x, 8);
      memcpy (dest + len - 8, &y, 8);
    }
  else if (len >= 4 && len < 8)
    {
      guint32 x, y;

      memcpy (&x, src, 4);
      memcpy (&y, src + len - 4, 4);
      memcpy (dest, &x, 4);
      memcpy (dest + len - 4, &y, 4);
    }
  else if (len < 4)
    {
      for (gsize i = 0; i < len; i++)
        dest[i] = src[i];
    }
  else
    memcpy (dest, src, len);
}

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

/* community_json_pointer_push_member() and _index(): see
 * community-json-pointer-private.h (the model's). */
/* One step of a token source's path; see community-json-pointer.c. */
gboolean community_json_pointer_push_step (GString    *pointer,
                                           gboolean    is_object,
                                           const char *name,
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

/* Writes @root as indented JSON that the tokenizer takes (json-glib leaves
 * U+001F unescaped). Use it for every document written from a tree. */
char       *community_json_generate      (JsonNode *root,
                                          gsize    *length);

/* --- reading --- */

/* Checks untrusted JSON text before json-glib parses it (rulesets): the
 * tokenizer (community-json-tokenizer.c) over all of it, with its errors.
 * Iterative, constant stack. */
gboolean community_json_guard (const char  *data,
                               gssize       length,
                               GError     **error);

/* The one decoder of the format (community-dataset-walker.c): a whole
 * document from @source into @contents, or an error naming its JSON
 * Pointer (and nothing in @contents). A tokenizer's document of at least
 * community_json_walk_set_split() bytes (8 MiB), in memory or in a
 * regular file, is read by two threads, with the same outcome. */
gboolean         community_json_walk_dataset (CommunityJsonSource       *source,
                                              CommunityDatasetContents  *contents,
                                              GError                   **error);
/* For tests and benchmarks: the least size read by two threads (0: any;
 * G_MAXSIZE: none), the part's share of the document (0.48), and whether
 * the first reader waits for the cut before it begins (so that the part
 * is read whatever the document's size). Not thread-safe: before any
 * load. */
void             community_json_walk_set_split (gsize    min_size,
                                                double   share,
                                                gboolean wait);
/* How many documents two threads have read so far (for tests). */
guint            community_json_walk_get_split_count (void);

/* --- writing --- */

/* The one writer's sinks (community-json-writer.c): the writer walks a
 * dataset through the field tables and the privacy rules and tells a sink
 * what it finds, in the document's order. The tree and text sinks are the
 * writer's own; the sheet sink (lib/sheets/) lays the same events out in
 * rows. A member's name stays valid until the sink's next call (the
 * value, or the start of the object or array, that follows it), no
 * longer: a sink that needs it after that copies it. */
typedef struct _CommunityJsonSink CommunityJsonSink;

typedef struct {
  void (*begin_object) (CommunityJsonSink *sink);
  void (*begin_array)  (CommunityJsonSink *sink);
  void (*end_object)   (CommunityJsonSink *sink);
  void (*end_array)    (CommunityJsonSink *sink);
  void (*member)       (CommunityJsonSink *sink, const char *name);
  void (*string)       (CommunityJsonSink *sink, const char *value);
  void (*integer)      (CommunityJsonSink *sink, gint64 value);
  void (*number)       (CommunityJsonSink *sink, double value);
  void (*boolean)      (CommunityJsonSink *sink, gboolean value);
  /* An unknown member's value, kept from the input, at any depth. */
  void (*node)         (CommunityJsonSink *sink, JsonNode *node);
} CommunityJsonSinkClass;

struct _CommunityJsonSink {
  const CommunityJsonSinkClass *klass;
};

/* Writes @dataset into @sink: the same events, in the same order, as the
 * tree and the text get. */
void             community_json_write_dataset_to_sink (CommunityDataset  *dataset,
                                                       CommunityPrivacy  *privacy,
                                                       CommunityJsonSink *sink);


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

/* A flush into a stream: @user_data is a CommunityJsonStream. */
typedef struct {
  GOutputStream *stream;
  GCancellable *cancellable;   /* nullable */
} CommunityJsonStream;

gboolean community_json_stream_flush (GString   *out,
                                      gpointer   user_data,
                                      GError   **error);

/* --- JSON text: the one emitter --- */

/* A sink that writes indented JSON text into a GString: byte for byte what
 * community_json_generate() writes for the tree the same events build,
 * except for doubles json-glib would write without a '.' ("1e-300",
 * json-glib's "1e-300.0" being no JSON), written as valid JSON. The dataset
 * writer and the report writer (lib/report/community-report-json.c) both
 * write through it. Fields are private to community-json-writer.c. */
typedef struct {
  CommunityJsonSink sink;
  GString *out;
  guint level;        /* of the innermost open container */
  gboolean first;     /* nothing written yet in the innermost container */
  gboolean named;     /* a member's name was just written: its value follows */
  CommunityJsonFlush flush;   /* nullable */
  gpointer user_data;
  GError *error;      /* the flush's */
  gboolean compact;   /* no white space (community_json_append_compact()) */
} CommunityJsonText;

/* With @flush (nullable), @out is handed to it at checkpoints once it holds
 * a chunk (about 1 MB) and at the end. */
void      community_json_text_init          (CommunityJsonText  *self,
                                             GString            *out,
                                             CommunityJsonFlush  flush,
                                             gpointer            user_data);
/* A place where the text may be flushed (after an entity, a finding);
 * FALSE once a flush has failed: stop writing. */
gboolean  community_json_text_checkpoint    (CommunityJsonText  *self);
/* The value of the member just named was written around the sink (text
 * flushed, then written to the stream by other means). */
void      community_json_text_value_written (CommunityJsonText  *self);
/* The last flush when @complete (everything was written), and the first
 * flush's error if any flush failed. */
gboolean  community_json_text_finish        (CommunityJsonText  *self,
                                             gboolean            complete,
                                             GError            **error);

/* Builds the tree of what @write tells its sink (the tree sink): one
 * writer for a tree and a text. Values passed as nodes are deep-copied. */
typedef void (*CommunityJsonWriteFunc) (CommunityJsonSink *sink,
                                        gpointer           data);
JsonNode *community_json_write_tree         (CommunityJsonWriteFunc write,
                                             gpointer               data);

/* @s as a JSON string (quotes included) into @out, escaped as the
 * dataset's and the report's text is (community-json-writer.c). */
void community_json_append_string (GString    *out,
                                   const char *s);

/* @node as compact JSON text (no white space) into @out: what
 * json_to_string (@node, FALSE) writes, but for the doubles and U+001F
 * that community_json_text_init()'s text writes as valid JSON. */
void community_json_append_compact (GString  *out,
                                    JsonNode *node);

/* JSON text eight bytes at a time (the tokenizer's strings, the writer's
 * escapes): the bytes of @w (the first in the low byte) that stop a plain
 * run of a string's text: a quote, a backslash, a byte below 0x20 and, with
 * @del, DEL (which the writer escapes as json-glib does), each flagged by
 * its high bit. A borrow may flag a byte after the first that stops, never
 * one before it: the lowest flag is the first stop (community-string-private.h). */
static inline guint64
community_json_text_stops (guint64  w,
                           gboolean del)
{
  guint64 quote = w ^ (COMMUNITY_BYTES_ONES * '"');
  guint64 backslash = w ^ (COMMUNITY_BYTES_ONES * '\\');
  guint64 stops = (w - COMMUNITY_BYTES_ONES * 0x20) | (quote - COMMUNITY_BYTES_ONES) |
                  (backslash - COMMUNITY_BYTES_ONES);

  if (del)
    stops |= (w ^ (COMMUNITY_BYTES_ONES * 0x7F)) - COMMUNITY_BYTES_ONES;
  return stops & ~w & COMMUNITY_BYTES_HIGH;
}

G_END_DECLS
