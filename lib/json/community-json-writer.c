/* community-json-writer.c: records and datasets into the dataset format
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One writer, two sinks. The writer walks a dataset or a record through the
 * field tables (no per-type code) and the privacy rules, and tells a sink
 * what it finds: an object begins, a member's name, a string, a number, ...
 * The tree sink builds json-glib nodes (community_dataset_to_node()); the
 * text sink writes indented JSON text straight into a GString, flushed in
 * chunks when saving to a file, so that a save never holds the whole
 * document as a tree (doc/performance.md). The text is what
 * community_json_generate() writes for the tree, byte for byte, except for
 * doubles that json-glib would write without a '.' (it appends ".0" even to
 * "1e-300", which no parser reads): those are written as valid JSON.
 */

#include "config.h"

#include <string.h>

#include "community-json-private.h"
#include "community-string-private.h"
#include "community-entity.h"

/* --- sinks (community-json-private.h) --- */

typedef CommunityJsonSink Sink;
typedef CommunityJsonSinkClass SinkClass;

/* --- the writer --- */

static void write_record (Sink *sink, CommunityRecord *record, CommunityPrivacy *privacy);

/* @value's last @width decimal digits at @p; what follows them. */
static char *
put_digits (char *p,
            guint value,
            guint width)
{
  for (guint i = width; i > 0; i--)
    {
      p[i - 1] = (char) ('0' + value % 10);
      value /= 10;
    }
  return p + width;
}

static void
write_date (Sink        *sink,
            const GDate *date)
{
  char buffer[16];
  char *p = buffer;

  /* GDate's years are 1 to 65535: four digits at least, as %04u */
  p = put_digits (p, g_date_get_year (date), g_date_get_year (date) > 9999 ? 5 : 4);
  *p++ = '-';
  p = put_digits (p, g_date_get_month (date), 2);
  *p++ = '-';
  p = put_digits (p, g_date_get_day (date), 2);
  *p = '\0';
  sink->klass->string (sink, buffer);
}

/* RFC 3339, keeping the offset the timestamp was given with (GLib's ISO
 * 8601 formatter writes "+08" where the RFC wants "+08:00"), the offset's
 * seconds left out as g_date_time_format ("%:z") leaves them. Digits by
 * hand, not g_snprintf() and g_date_time_format(): they were a sixth of a
 * city's save. */
static void
write_timestamp (Sink      *sink,
                 GDateTime *dt)
{
  char buffer[48];
  char *p = buffer;
  GTimeSpan offset = g_date_time_get_utc_offset (dt) / G_TIME_SPAN_SECOND;
  guint64 magnitude = (guint64) ABS (offset);

  /* Not g_date_time_format ("%Y"): it writes the year 205 as "205", where
   * RFC 3339 needs four digits (the fuzzer found it). GDateTime's years
   * are 1 to 9999. */
  p = put_digits (p, (guint) g_date_time_get_year (dt), 4);
  *p++ = '-';
  p = put_digits (p, (guint) g_date_time_get_month (dt), 2);
  *p++ = '-';
  p = put_digits (p, (guint) g_date_time_get_day_of_month (dt), 2);
  *p++ = 'T';
  p = put_digits (p, (guint) g_date_time_get_hour (dt), 2);
  *p++ = ':';
  p = put_digits (p, (guint) g_date_time_get_minute (dt), 2);
  *p++ = ':';
  p = put_digits (p, (guint) g_date_time_get_second (dt), 2);
  if (g_date_time_get_microsecond (dt) != 0)
    {
      *p++ = '.';
      p = put_digits (p, (guint) g_date_time_get_microsecond (dt), 6);
    }
  if (offset == 0)
    *p++ = 'Z';
  else
    {
      *p++ = offset < 0 ? '-' : '+';
      p = put_digits (p, (guint) (magnitude / 3600), 2);
      *p++ = ':';
      p = put_digits (p, (guint) (magnitude / 60 % 60), 2);
    }
  *p = '\0';
  sink->klass->string (sink, buffer);
}

static void
write_flags (Sink  *sink,
             GType  type,
             guint  flags)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (type);

  sink->klass->begin_array (sink);
  for (guint i = 0; i < klass->n_values; i++)
    if (flags & klass->values[i].value)
      sink->klass->string (sink, klass->values[i].value_nick);
  sink->klass->end_array (sink);
}

static void
write_value (Sink             *sink,
             const GValue     *value,
             CommunityPrivacy *privacy)
{
  GType type = G_VALUE_TYPE (value);

  if (type == G_TYPE_STRING)
    sink->klass->string (sink, g_value_get_string (value));
  else if (type == G_TYPE_BOOLEAN)
    sink->klass->boolean (sink, g_value_get_boolean (value));
  else if (type == G_TYPE_UINT)
    sink->klass->integer (sink, g_value_get_uint (value));
  else if (type == G_TYPE_INT64)
    sink->klass->integer (sink, g_value_get_int64 (value));
  else if (type == G_TYPE_DOUBLE)
    sink->klass->number (sink, g_value_get_double (value));
  else if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) klass = g_type_class_ref (type);
      GEnumValue *ev = g_enum_get_value (klass, g_value_get_enum (value));

      sink->klass->string (sink, ev != NULL ? ev->value_nick : NULL);
    }
  else if (G_TYPE_IS_FLAGS (type))
    write_flags (sink, type, g_value_get_flags (value));
  else if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (value);

      sink->klass->begin_array (sink);
      for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
        sink->klass->string (sink, strv[i]);
      sink->klass->end_array (sink);
    }
  else if (type == G_TYPE_DATE)
    write_date (sink, g_value_get_boxed (value));
  else if (type == G_TYPE_DATE_TIME)
    write_timestamp (sink, g_value_get_boxed (value));
  else if (type == G_TYPE_LIST_MODEL)
    {
      GListModel *model = g_value_get_object (value);
      guint n_items = g_list_model_get_n_items (model);

      sink->klass->begin_array (sink);
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(CommunityRecord) item = g_list_model_get_item (model, i);

          write_record (sink, item, privacy);
        }
      sink->klass->end_array (sink);
    }
  else if (g_type_is_a (type, COMMUNITY_TYPE_RECORD))
    write_record (sink, g_value_get_object (value), privacy);
  else
    g_assert_not_reached ();
}

/* Writes a personal field's value as @privacy lets it out; FALSE, having
 * written nothing, to leave it out. Personal fields are strings: names, ID
 * numbers, phones. */
static gboolean
write_personal (Sink             *sink,
                const char       *json_name,
                const GValue     *value,
                CommunityPrivacy *privacy)
{
  const char *plain = g_value_get_string (value);
  g_autofree char *masked = NULL;

  switch (privacy != NULL ? community_privacy_get_mode (privacy) : COMMUNITY_PRIVACY_MODE_KEEP)
    {
    case COMMUNITY_PRIVACY_MODE_KEEP:
      sink->klass->member (sink, json_name);
      sink->klass->string (sink, plain);
      return TRUE;
    case COMMUNITY_PRIVACY_MODE_DROP:
      return FALSE;
    case COMMUNITY_PRIVACY_MODE_MASK:
    default:
      if (g_str_equal (json_name, "id_number"))
        masked = community_privacy_mask_id_number (privacy, plain);
      else if (g_str_equal (json_name, "phone"))
        masked = community_privacy_mask_phone (privacy, plain);
      else
        masked = community_privacy_mask_name (privacy, plain);
      sink->klass->member (sink, json_name);
      sink->klass->string (sink, masked);
      return TRUE;
    }
}

/* The unknown members kept from the input, after the known ones; a name
 * @written says was already written is left out. */
static void
write_extra (Sink        *sink,
             JsonObject  *extra,
             gboolean   (*written) (const char *name, gpointer data),
             gpointer     data)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (extra == NULL)
    return;

  json_object_iter_init_ordered (&iter, extra);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    if (!written (name, data))
      {
        sink->klass->member (sink, name);
        sink->klass->node (sink, member);
      }
}

typedef struct {
  const CommunityFieldTable *table;
  guint64 written;   /* a bit per field id */
} RecordWritten;

static gboolean
record_member_written (const char *name,
                       gpointer    data)
{
  RecordWritten *w = data;
  guint id = GPOINTER_TO_UINT (g_hash_table_lookup (w->table->by_json_name, name));

  return id != 0 && (w->written & (G_GUINT64_CONSTANT (1) << id)) != 0;
}

static void
write_record (Sink             *sink,
              CommunityRecord  *record,
              CommunityPrivacy *privacy)
{
  const CommunityFieldTable *table = community_record_get_fields (record);
  RecordWritten w = { table, 0 };

  sink->klass->begin_object (sink);
  for (guint id = 1; id <= table->n_fields; id++)
    {
      const GValue *value = community_record_peek (record, id);

      if (value == NULL)
        continue;
      if (table->fields[id].flags & COMMUNITY_FIELD_PERSONAL)
        {
          if (!write_personal (sink, table->json_names[id], value, privacy))
            continue;
        }
      else
        {
          sink->klass->member (sink, table->json_names[id]);
          write_value (sink, value, privacy);
        }
      w.written |= G_GUINT64_CONSTANT (1) << id;
    }
  write_extra (sink, community_record_get_extra (record), record_member_written, &w);
  sink->klass->end_object (sink);
}

typedef struct {
  gboolean as_of;
  gboolean codes_year;
} DatasetWritten;

static gboolean
dataset_member_written (const char *name,
                        gpointer    data)
{
  DatasetWritten *w = data;

  if (g_str_equal (name, "format") || g_str_equal (name, "version"))
    return TRUE;
  if (g_str_equal (name, "as_of"))
    return w->as_of;
  if (g_str_equal (name, "codes_year"))
    return w->codes_year;
  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    if (g_str_equal (name, community_entity_kind_get_member_name (kind)))
      return TRUE;
  return FALSE;
}

/* @after_entity (nullable) is called after each entity, and stops the
 * writing when it returns FALSE: the text sink's flush. */
static gboolean
write_dataset (Sink             *sink,
               CommunityDataset *dataset,
               CommunityPrivacy *privacy,
               gboolean        (*after_entity) (Sink *sink))
{
  const GDate *as_of = community_dataset_get_as_of (dataset);
  guint codes_year = community_dataset_get_codes_year (dataset);
  DatasetWritten w = { as_of != NULL, codes_year != 0 };

  sink->klass->begin_object (sink);
  sink->klass->member (sink, "format");
  sink->klass->string (sink, "libcommunity-dataset");
  sink->klass->member (sink, "version");
  sink->klass->integer (sink, 1);
  if (as_of != NULL)
    {
      sink->klass->member (sink, "as_of");
      write_date (sink, as_of);
    }
  if (codes_year != 0)
    {
      sink->klass->member (sink, "codes_year");
      sink->klass->integer (sink, codes_year);
    }

  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    {
      GListModel *items = community_dataset_get_items (dataset, kind);
      guint n_items = g_list_model_get_n_items (items);

      sink->klass->member (sink, community_entity_kind_get_member_name (kind));
      sink->klass->begin_array (sink);
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(CommunityRecord) item = g_list_model_get_item (items, i);

          write_record (sink, item, privacy);
          if (after_entity != NULL && !after_entity (sink))
            return FALSE;
        }
      sink->klass->end_array (sink);
    }
  write_extra (sink, community_dataset_get_extra (dataset), dataset_member_written, &w);
  sink->klass->end_object (sink);

  return TRUE;
}

void
community_json_write_dataset_to_sink (CommunityDataset  *dataset,
                                      CommunityPrivacy  *privacy,
                                      CommunityJsonSink *sink)
{
  write_dataset (sink, dataset, privacy, NULL);
}

/* --- the tree sink --- */

typedef struct {
  Sink sink;
  GPtrArray *open;    /* the containers being filled, innermost last */
  char *name;         /* the member whose value comes next */
  JsonNode *root;
} TreeSink;

static void
tree_add (Sink     *sink,
          JsonNode *node)
{
  TreeSink *self = (TreeSink *) sink;
  JsonNode *parent;

  if (self->open->len == 0)
    {
      g_assert (self->root == NULL);
      self->root = node;
      return;
    }

  parent = g_ptr_array_index (self->open, self->open->len - 1);
  if (JSON_NODE_HOLDS_OBJECT (parent))
    {
      json_object_set_member (json_node_get_object (parent), self->name, node);
      g_clear_pointer (&self->name, g_free);
    }
  else
    json_array_add_element (json_node_get_array (parent), node);
}

static void
tree_begin_object (Sink *sink)
{
  JsonNode *node = community_json_object_node (json_object_new ());

  tree_add (sink, node);
  g_ptr_array_add (((TreeSink *) sink)->open, node);
}

static void
tree_begin_array (Sink *sink)
{
  JsonNode *node = community_json_array_node (json_array_new ());

  tree_add (sink, node);
  g_ptr_array_add (((TreeSink *) sink)->open, node);
}

static void
tree_end (Sink *sink)
{
  TreeSink *self = (TreeSink *) sink;

  g_ptr_array_set_size (self->open, self->open->len - 1);
}

static void
tree_member (Sink       *sink,
             const char *name)
{
  TreeSink *self = (TreeSink *) sink;

  g_free (self->name);
  self->name = g_strdup (name);
}

static void
tree_string (Sink       *sink,
             const char *value)
{
  if (value != NULL)
    tree_add (sink, json_node_init_string (json_node_alloc (), value));
  else
    tree_add (sink, json_node_init_null (json_node_alloc ()));
}

static void
tree_integer (Sink   *sink,
              gint64  value)
{
  tree_add (sink, json_node_init_int (json_node_alloc (), value));
}

static void
tree_number (Sink   *sink,
             double  value)
{
  tree_add (sink, json_node_init_double (json_node_alloc (), value));
}

static void
tree_boolean (Sink     *sink,
              gboolean  value)
{
  tree_add (sink, json_node_init_boolean (json_node_alloc (), value));
}

/* A copy that shares nothing with @node: a finding's values and a
 * record's unknown members are read from any thread. */
static void
tree_node (Sink     *sink,
           JsonNode *node)
{
  tree_add (sink, community_json_deep_copy (node));
}

static const SinkClass tree_sink_class = {
  tree_begin_object, tree_begin_array, tree_end, tree_end, tree_member,
  tree_string, tree_integer, tree_number, tree_boolean, tree_node,
};

static void
tree_sink_init (TreeSink *self)
{
  self->sink.klass = &tree_sink_class;
  self->open = g_ptr_array_new ();
  self->name = NULL;
  self->root = NULL;
}

static JsonNode *
tree_sink_finish (TreeSink *self)
{
  g_assert (self->open->len == 0);
  g_ptr_array_unref (self->open);
  g_free (self->name);
  return self->root;
}

JsonNode *
community_json_write_record (CommunityRecord  *record,
                             CommunityPrivacy *privacy)
{
  TreeSink sink;

  tree_sink_init (&sink);
  write_record (&sink.sink, record, privacy);
  return tree_sink_finish (&sink);
}

JsonNode *
community_json_write_dataset (CommunityDataset *dataset,
                              CommunityPrivacy *privacy)
{
  TreeSink sink;

  tree_sink_init (&sink);
  write_dataset (&sink.sink, dataset, privacy, NULL);
  return tree_sink_finish (&sink);
}

/* --- the text sink --- */

/* How much text a file save holds before writing it out. */
#define TEXT_CHUNK (1u << 20)

/* CommunityJsonText (community-json-private.h) */
typedef CommunityJsonText TextSink;

static const char spaces[] = "                                                                "
                             "                                                                ";

static inline void
text_indent (GString *out,
             guint    level)
{
  gsize n = (gsize) level * 2;

  while (n > 0)
    {
      gsize run = MIN (n, sizeof spaces - 1);

      community_string_append_len (out, spaces, run);
      n -= run;
    }
}

/* What json-glib's generator writes before a value or a member: a comma
 * after the one before, a new line, the indentation. */
static inline void
text_next (TextSink *self)
{
  if (self->named)
    {
      self->named = FALSE;
      return;
    }
  if (self->level == 0)
    return;
  if (self->compact)
    {
      if (!self->first)
        g_string_append_c (self->out, ',');
      self->first = FALSE;
      return;
    }
  if (self->first)
    g_string_append_c (self->out, '\n');
  else
    community_string_append_len (self->out, ",\n", 2);
  self->first = FALSE;
  text_indent (self->out, self->level);
}

/* A JSON string, escaped as json-glib escapes it (\" \\ \b \f \n \r \t,
 * \u00xx for other control characters and DEL), and U+001F as \u001f,
 * which json-glib 1.6 leaves raw (community_json_generate() fixes it up
 * the same way). UTF-8 is written as it is. */
void
community_json_append_string (GString    *out,
                              const char *s)
{
  const guchar *p = (const guchar *) s;
  const guchar *end = p + strlen (s);

  g_string_append_c (out, '"');
  for (;;)
    {
      const guchar *run = p;

      /* Eight bytes at a time: reports and datasets are mostly text that
       * needs no escape (a finding's message, a name). */
      while (end - p >= 8)
        {
          guint64 w, stops;

          memcpy (&w, p, 8);
          w = GUINT64_FROM_LE (w);
          stops = community_json_text_stops (w, TRUE);
          if (stops != 0)
            {
              p += (guint) __builtin_ctzll (stops) / 8;
              goto stop;
            }
          p += 8;
        }
      while (p < end && *p >= 0x20 && *p != '"' && *p != '\\' && *p != 0x7F)
        p++;
    stop:
      if (p > run)
        community_string_append_len (out, (const char *) run, (gsize) (p - run));
      if (p == end)
        break;

      switch (*p)
        {
        case '"':  community_string_append_len (out, "\\\"", 2); break;
        case '\\': community_string_append_len (out, "\\\\", 2); break;
        case '\b': community_string_append_len (out, "\\b", 2); break;
        case '\f': community_string_append_len (out, "\\f", 2); break;
        case '\n': community_string_append_len (out, "\\n", 2); break;
        case '\r': community_string_append_len (out, "\\r", 2); break;
        case '\t': community_string_append_len (out, "\\t", 2); break;
        default:
          {
            static const char hex[] = "0123456789abcdef";
            char u[6] = { '\\', 'u', '0', '0', hex[*p >> 4], hex[*p & 0xF] };

            community_string_append_len (out, u, 6);
          }
          break;
        }
      p++;
    }
  g_string_append_c (out, '"');
}

static void
text_begin (TextSink *self,
            char      bracket)
{
  text_next (self);
  g_string_append_c (self->out, bracket);
  self->level++;
  self->first = TRUE;
}

static void
text_begin_object (Sink *sink)
{
  text_begin ((TextSink *) sink, '{');
}

static void
text_begin_array (Sink *sink)
{
  text_begin ((TextSink *) sink, '[');
}

/* Closes the innermost container, which @bracket says. */
static void
text_end_with (TextSink *self,
               char      bracket)
{
  self->level--;
  if (self->compact)
    {
      g_string_append_c (self->out, bracket);
      self->first = FALSE;
      return;
    }
  /* json-glib 1.6 writes an empty array as "[]" and an empty object as
   * "{", its indentation, "}". */
  if (!self->first)
    g_string_append_c (self->out, '\n');
  if (!self->first || bracket == '}')
    text_indent (self->out, self->level);
  g_string_append_c (self->out, bracket);
  self->first = FALSE;
}

static void
text_end_object (Sink *sink)
{
  text_end_with ((TextSink *) sink, '}');
}

static void
text_end_array (Sink *sink)
{
  text_end_with ((TextSink *) sink, ']');
}

static void
text_member (Sink       *sink,
             const char *name)
{
  TextSink *self = (TextSink *) sink;

  text_next (self);
  community_json_append_string (self->out, name);
  if (self->compact)
    g_string_append_c (self->out, ':');
  else
    community_string_append_len (self->out, " : ", 3);
  self->named = TRUE;
}

static void
text_string (Sink       *sink,
             const char *value)
{
  TextSink *self = (TextSink *) sink;

  text_next (self);
  if (value != NULL)
    community_json_append_string (self->out, value);
  else
    community_string_append_len (self->out, "null", 4);
}

static void
text_integer (Sink   *sink,
              gint64  value)
{
  TextSink *self = (TextSink *) sink;
  char buffer[COMMUNITY_INT64_CHARS];
  char *end = buffer + sizeof buffer;
  char *p = community_format_int64 (end, value);

  text_next (self);
  community_string_append_len (self->out, p, (gsize) (end - p));
}

/* As json-glib writes a double ("%.17g": it reads back the same), with
 * ".0" added to keep it a double, but only where the result is still JSON
 * ("1e-300" stays as it is; json-glib writes "1e-300.0"). */
static void
text_number (Sink   *sink,
             double  value)
{
  TextSink *self = (TextSink *) sink;
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  text_next (self);
  g_ascii_dtostr (buffer, sizeof buffer, value);
  community_string_append_len (self->out, buffer, strlen (buffer));
  if (strpbrk (buffer, ".eEn") == NULL)
    community_string_append_len (self->out, ".0", 2);
}

static void
text_boolean (Sink     *sink,
              gboolean  value)
{
  TextSink *self = (TextSink *) sink;

  text_next (self);
  if (value)
    community_string_append_len (self->out, "true", 4);
  else
    community_string_append_len (self->out, "false", 5);
}

static void
text_scalar (TextSink *self,
             JsonNode *node)
{
  if (JSON_NODE_TYPE (node) == JSON_NODE_NULL)
    {
      text_next (self);
      community_string_append_len (self->out, "null", 4);
      return;
    }
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      text_integer (&self->sink, json_node_get_int (node));
      break;
    case G_TYPE_DOUBLE:
      text_number (&self->sink, json_node_get_double (node));
      break;
    case G_TYPE_BOOLEAN:
      text_boolean (&self->sink, json_node_get_boolean (node));
      break;
    case G_TYPE_STRING:
      text_string (&self->sink, json_node_get_string (node));
      break;
    default:
      text_next (self);
      community_string_append_len (self->out, "null", 4);
      break;
    }
}

/* A container of an unknown member being written. */
typedef struct {
  JsonNode *node;
  JsonObjectIter iter;   /* objects */
  guint index;           /* arrays */
} TextFrame;

/* An unknown member's value, at any depth: iterative, an explicit stack
 * (json-glib's generator recurses once per level). */
static void
text_node (Sink     *sink,
           JsonNode *root)
{
  TextSink *self = (TextSink *) sink;
  g_autoptr(GArray) stack = NULL;
  TextFrame frame = { 0 };

  if (!JSON_NODE_HOLDS_OBJECT (root) && !JSON_NODE_HOLDS_ARRAY (root))
    {
      text_scalar (self, root);
      return;
    }

  stack = g_array_new (FALSE, FALSE, sizeof (TextFrame));
  frame.node = root;
  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      text_begin (self, '{');
      json_object_iter_init_ordered (&frame.iter, json_node_get_object (root));
    }
  else
    text_begin (self, '[');
  g_array_append_val (stack, frame);

  while (stack->len > 0)
    {
      TextFrame *top = &g_array_index (stack, TextFrame, stack->len - 1);
      JsonNode *child = NULL;
      TextFrame next = { 0 };

      if (JSON_NODE_HOLDS_OBJECT (top->node))
        {
          const char *name;

          if (!json_object_iter_next_ordered (&top->iter, &name, &child))
            {
              text_end_with (self, '}');
              g_array_set_size (stack, stack->len - 1);
              continue;
            }
          text_member (sink, name);
        }
      else
        {
          JsonArray *array = json_node_get_array (top->node);

          if (top->index >= json_array_get_length (array))
            {
              text_end_with (self, ']');
              g_array_set_size (stack, stack->len - 1);
              continue;
            }
          child = json_array_get_element (array, top->index++);
        }

      if (JSON_NODE_HOLDS_OBJECT (child))
        {
          text_begin (self, '{');
          next.node = child;
          json_object_iter_init_ordered (&next.iter, json_node_get_object (child));
          g_array_append_val (stack, next);   /* @top is stale from here */
        }
      else if (JSON_NODE_HOLDS_ARRAY (child))
        {
          text_begin (self, '[');
          next.node = child;
          g_array_append_val (stack, next);
        }
      else
        text_scalar (self, child);
    }
}

static const SinkClass text_sink_class = {
  text_begin_object, text_begin_array, text_end_object, text_end_array, text_member,
  text_string, text_integer, text_number, text_boolean, text_node,
};

gboolean
community_json_stream_flush (GString   *out,
                             gpointer   user_data,
                             GError   **error)
{
  CommunityJsonStream *save = user_data;

  if (!g_output_stream_write_all (save->stream, out->str, out->len, NULL, save->cancellable, error))
    return FALSE;
  g_string_truncate (out, 0);
  return TRUE;
}

void
community_json_text_init (CommunityJsonText  *self,
                          GString            *out,
                          CommunityJsonFlush  flush,
                          gpointer            user_data)
{
  *self = (CommunityJsonText) { { &text_sink_class }, out, 0, TRUE, FALSE, flush, user_data, NULL };
}

void
community_json_append_compact (GString  *out,
                               JsonNode *node)
{
  TextSink sink;

  community_json_text_init (&sink, out, NULL, NULL);
  sink.compact = TRUE;
  text_node (&sink.sink, node);
}

gboolean
community_json_text_checkpoint (CommunityJsonText *self)
{
  if (self->error != NULL)
    return FALSE;
  if (self->flush == NULL || self->out->len < TEXT_CHUNK)
    return TRUE;
  return self->flush (self->out, self->user_data, &self->error);
}

void
community_json_text_value_written (CommunityJsonText *self)
{
  self->named = FALSE;
  self->first = FALSE;
}

gboolean
community_json_text_finish (CommunityJsonText  *self,
                            gboolean            complete,
                            GError            **error)
{
  if (complete && self->error == NULL && self->flush != NULL)
    self->flush (self->out, self->user_data, &self->error);
  if (self->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->error));
      return FALSE;
    }
  g_assert (!complete || self->level == 0);
  return TRUE;
}

JsonNode *
community_json_write_tree (CommunityJsonWriteFunc write,
                           gpointer               data)
{
  TreeSink sink;

  tree_sink_init (&sink);
  write (&sink.sink, data);
  return tree_sink_finish (&sink);
}

static gboolean
text_after_entity (Sink *sink)
{
  return community_json_text_checkpoint ((TextSink *) sink);
}

gboolean
community_json_write_dataset_text (CommunityDataset   *dataset,
                                   CommunityPrivacy   *privacy,
                                   GString            *out,
                                   CommunityJsonFlush  flush,
                                   gpointer            user_data,
                                   GError            **error)
{
  TextSink sink;
  gboolean complete;

  community_json_text_init (&sink, out, flush, user_data);
  complete = write_dataset (&sink.sink, dataset, privacy, text_after_entity);
  return community_json_text_finish (&sink, complete, error);
}

/**
 * community_json_generate:
 * @root: a document
 * @length: (out) (optional): return location for the length in bytes
 *
 * Writes @root as indented JSON (two spaces) that community_json_guard()
 * takes: json-glib's generator (1.6) writes U+001F unescaped, which no
 * strict parser reads, so a saved string holding it could not be loaded
 * again. Every control character left raw in a string is escaped here; the
 * only raw control character of the indented output outside strings is
 * the newline, and newlines in strings are always escaped.
 *
 * Returns: (transfer full): the document, nul-terminated
 */
char *
community_json_generate (JsonNode *root,
                         gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;
  gboolean raw = FALSE;
  GString *out;
  gsize n;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &n);

  for (gsize i = 0; i < n && !raw; i++)
    raw = (guchar) data[i] < 0x20 && data[i] != '\n';
  if (!raw)
    {
      if (length != NULL)
        *length = n;
      return g_steal_pointer (&data);
    }

  out = g_string_sized_new (n + 64);
  for (gsize i = 0; i < n; i++)
    {
      guchar c = data[i];

      if (c < 0x20 && c != '\n')
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
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
