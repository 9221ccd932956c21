/* community-sheet-sink.c: a dataset laid out in a book of cells
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The one writer (lib/json/community-json-writer.c) tells this sink what
 * a dataset holds, in the document's order, and the sink lays it out as
 * DOMAIN.md §9 and community-sheet-layout.h say: the "dataset" sheet of
 * key/value rows, then every sheet of the layout in its order. An entity
 * sheet's rows are buffered until the whole dataset is seen, because a
 * column's form (plain, or ":json") and the unknown members' columns are
 * only known then; the book is filled at the end.
 *
 * The readings chosen, which the sheet token source reads back:
 *
 *   - The "dataset" sheet has no header row: column A the key (its title
 *     with COMMUNITY_SHEET_WRITE_TITLES, e.g. 数据截至日期, else the
 *     member name), column B the value. An unknown root member that is
 *     not a string (or is the empty string) has the key "name:json" and
 *     its value as JSON text.
 *   - Entity and child sheets: row 1 the headers, every known column of
 *     the layout (its path, or its title with TITLES), then the unknown
 *     members' columns in the order first seen (their path, or a title
 *     community_sheet_kind_title() knows); a record's row from row 2, in
 *     the dataset's order. A child sheet's first column is the link, named
 *     by the parent's identity member ("id"), holding the parent's
 *     identity; then the item's columns; the items in order.
 *   - Cells: strings, dates and timestamps are text (COMMUNITY_CELL_STRING);
 *     integers numbers whose text is printed exactly (G_GINT64_FORMAT);
 *     doubles numbers whose text is the shortest that reads back exactly
 *     (g_ascii_dtostr()); booleans COMMUNITY_CELL_BOOLEAN ("TRUE"/"FALSE");
 *     an array of strings (string arrays and flags) one text cell, its
 *     items joined by ";".
 *   - With TITLES, a vocabulary (enum or flags) value is written as its
 *     Chinese term (community_vocabulary_chinese_term()), which the reader
 *     accepts as well as the word, so that the cells match the drop-down
 *     lists the xlsx writer offers; a value without a term, or whose term
 *     holds a list separator, stays the word.
 *   - A column whose values a plain cell cannot hold exactly is a
 *     "path:json" column (title + ":json" with TITLES) and EVERY non-empty
 *     cell of it holds its value as compact JSON text (a string as
 *     "\"...\"", an array as "[...]", booleans true/false, vocabulary as
 *     the JSON words). A column becomes one when any of its values is:
 *       - an unknown member's value that is not a string;
 *       - an empty string (an empty cell reads as unset);
 *       - an empty array of strings (likewise), or one with an item that
 *         is empty, holds ';', '、' or '；' (the reader's separators), or
 *         starts or ends with white space (the reader trims items);
 *       - a string (or an item) holding what an .xlsx text cell does not
 *         keep: a control character other than tab, newline and carriage
 *         return, or a "_xHHHH_" sequence (has_xml_escape()); its '_' is
 *         then written "\u005f" in the JSON text.
 *     The decision is per column, after every row has been seen.
 *   - A nested record that some row has empty ("committee": {}), which
 *     would otherwise leave no cell at all, makes its whole subtree one
 *     "committee:json" column in place of its path columns (a reader
 *     cannot have both "committee:json" and "committee/members"): each
 *     row's record as a JSON object, "{}" for the empty one.
 *   - An empty list of records is "[]" in the parent's sheet, in a column
 *     named by the list's member ("history:json"): it would otherwise
 *     leave no row in the child sheet.
 *   - Not exact, in datasets that are not valid anyway: a list item whose
 *     parent has no identity value gets an empty link cell (the reader
 *     cannot attach it); a record with no member at all is a row with no
 *     cell, which a reader skips; and an item's unknown member named like
 *     the link column ("id") is left out: the link takes the column.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "community-sheet-writer.h"
#include "community-sheet-layout.h"
#include "json/community-json-private.h"
#include "community-vocabulary-private.h"
#include "community-handoff-private.h"
#include "community-string-private.h"

typedef enum {
  VALUE_STRING,
  VALUE_NUMBER,
  VALUE_BOOLEAN,
  VALUE_STRV,    /* text: the items, each followed by its '\0' */
  VALUE_JSON,    /* text: JSON text */
} ValueType;

typedef struct {
  guint32 column;
  guint8 type;       /* ValueType */
  guint32 n_items;   /* VALUE_STRV */
  gsize length;      /* bytes at text */
  const char *text;  /* in the sink's chunk */
} Value;

typedef struct {
  char *path;
  const CommunitySheetColumn *known;   /* NULL for an unknown member or the link */
  GType vocabulary;                    /* an enum or flags type, or 0 */
  gboolean json;
  gboolean empty_object;               /* a nested record some row has empty */
  guint next;                          /* the column (index + 1) a row gave next, last time */
} Column;

typedef struct {
  const CommunitySheetKind *kind;
  CommunitySheet *sheet;
  GPtrArray *columns;      /* Column * */
  GHashTable *by_path;     /* path -> index + 1 */
  /* Rows give their members in the same order, mostly: each value's
   * column is guessed from the one before (Column.next) or, for a row's
   * first, from the last row's (index + 1, or 0), before by_path is
   * asked: the hash of every path was a twentieth of a CSV save. */
  guint first, last;
  GArray *values;          /* Value */
  GArray *rows;            /* guint: a row's first value */
  GArray *links;           /* child sheets: a Value per row (link column) */
} Buffer;

typedef enum {
  FRAME_ROOT,
  FRAME_ENTITIES,    /* an entity kind's array */
  FRAME_RECORD,      /* an entity's or a list item's object, or a nested one */
  FRAME_ITEMS,       /* a list of records' array */
  FRAME_STRV,        /* an array of strings */
} FrameType;

typedef struct {
  FrameType type;
  Buffer *buffer;
  char *prefix;          /* FRAME_RECORD: "" or "committee/" */
  char *member;          /* the member this frame is the value of */
  guint first_value;     /* FRAME_RECORD: values before it began */
  gboolean top;          /* FRAME_RECORD: an entity's own object (not nested, not an item) */
  /* FRAME_RECORD top: the identity and the child rows to link to it */
  Value identity;
  gboolean has_identity;
  GArray *child_rows;    /* (Buffer *, guint row) pairs */
  /* FRAME_ITEMS: the child buffer and the items seen */
  guint n_items;
  /* FRAME_STRV */
  GString *items;
  guint n_strv;
  gboolean strv_plain;
} Frame;

typedef struct {
  Buffer *buffer;
  guint row;
} ChildRow;

typedef struct {
  CommunityJsonSink sink;
  CommunitySheetBook *book;
  CommunitySheetWriteFlags flags;
  GStringChunk *chunk;
  GPtrArray *buffers;      /* Buffer *, in the layout's order (not the dataset sheet) */
  CommunitySheet *dataset;
  guint dataset_rows;
  GArray *frames;          /* Frame */
  const char *member;      /* the last member name: the writer's */
  GString *path;           /* scratch: a value's path */
} SheetSink;

static void append_json_string (GString *out, const char *text);

/* --- buffers --- */

static void
column_free (gpointer data)
{
  Column *column = data;

  g_free (column->path);
  g_free (column);
}

static guint
buffer_column (Buffer                     *buffer,
               const char                 *path,
               const CommunitySheetColumn *known)
{
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (buffer->by_path, path));
  Column *column;

  if (index != 0)
    return index - 1;

  column = g_new0 (Column, 1);
  column->path = g_strdup (path);
  column->known = known;
  if (known != NULL && known->pspec != NULL)
    {
      GType type = G_PARAM_SPEC_VALUE_TYPE (known->pspec);

      if (G_TYPE_IS_ENUM (type) || G_TYPE_IS_FLAGS (type))
        column->vocabulary = type;
    }
  g_ptr_array_add (buffer->columns, column);
  g_hash_table_insert (buffer->by_path, column->path, GUINT_TO_POINTER (buffer->columns->len));
  return buffer->columns->len - 1;
}

static Buffer *
buffer_new (const CommunitySheetKind *kind,
            CommunitySheet           *sheet)
{
  Buffer *buffer = g_new0 (Buffer, 1);

  buffer->kind = kind;
  buffer->sheet = sheet;
  buffer->columns = g_ptr_array_new_with_free_func (column_free);
  buffer->by_path = g_hash_table_new (g_str_hash, g_str_equal);
  buffer->values = g_array_new (FALSE, FALSE, sizeof (Value));
  buffer->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  if (kind->type == COMMUNITY_SHEET_KIND_CHILD)
    {
      buffer->links = g_array_new (FALSE, TRUE, sizeof (Value));
      buffer_column (buffer, kind->link, NULL);
    }
  for (guint i = 0; i < kind->columns->len; i++)
    {
      const CommunitySheetColumn *column = g_ptr_array_index (kind->columns, i);

      buffer_column (buffer, column->path, column);
    }
  return buffer;
}

static void
buffer_free (gpointer data)
{
  Buffer *buffer = data;

  g_ptr_array_unref (buffer->columns);
  g_hash_table_unref (buffer->by_path);
  g_array_unref (buffer->values);
  g_array_unref (buffer->rows);
  if (buffer->links != NULL)
    g_array_unref (buffer->links);
  g_free (buffer);
}

static Buffer *
buffer_for (SheetSink  *self,
            const char *name)
{
  for (guint i = 0; i < self->buffers->len; i++)
    {
      Buffer *buffer = g_ptr_array_index (self->buffers, i);

      if (strcmp (buffer->kind->name, name) == 0)
        return buffer;
    }
  return NULL;
}

static guint
buffer_new_row (Buffer *buffer)
{
  guint first = buffer->values->len;

  g_array_append_val (buffer->rows, first);
  buffer->last = 0;
  if (buffer->links != NULL)
    g_array_set_size (buffer->links, buffer->rows->len);
  return buffer->rows->len - 1;
}

/* --- values --- */

static gboolean
is_space (gunichar c)
{
  return g_unichar_isspace (c);
}

/* Whether @text (@length bytes) holds what a text cell of an .xlsx does
 * not keep as it is: a control character other than tab, newline and
 * carriage return (XML 1.0 has no such characters: the xlsx writer
 * writes "_x0001_"), or a "_xHHHH_" sequence, which readers of OOXML take
 * for such an escape. community-xlsx-stream.c escapes both and the
 * library's reader undoes them, but openpyxl does not: a JSON cell keeps
 * such text exact for every reader. */
static gboolean
has_xml_escape (const char *text,
                gsize       length)
{
  gsize i = 0;

  for (;;)
    {
      /* eight bytes at a time while none is a control character or '_' */
      while (length - i >= 8)
        {
          guint64 w, flags;

          memcpy (&w, text + i, 8);
          w = GUINT64_FROM_LE (w);
          flags = community_bytes_below (w, 0x20) | community_bytes_equal (w, '_');
          if (flags != 0)
            {
              i += (gsize) __builtin_ctzll (flags) / 8;
              break;
            }
          i += 8;
        }
      if (i == length)
        return FALSE;
      {
        guchar c = text[i];

        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
          return TRUE;
        if (c == '_' && community_sheet_is_xml_escape (text + i, length - i))
          return TRUE;
      }
      i++;
    }
}

/* Whether @item reads back as itself from a ";"-joined cell. */
static gboolean
item_is_plain (const char *item)
{
  gsize length = strlen (item);
  const char *last;

  if (length == 0 || strchr (item, ';') != NULL || strstr (item, "、") != NULL ||
      strstr (item, "；") != NULL)
    return FALSE;
  if (has_xml_escape (item, length))
    return FALSE;
  last = g_utf8_find_prev_char (item, item + length);
  return !is_space (g_utf8_get_char (item)) && (last == NULL || !is_space (g_utf8_get_char (last)));
}

static Frame *
top_frame (SheetSink *self)
{
  return &g_array_index (self->frames, Frame, self->frames->len - 1);
}

/* The path of a value at @frame (a record) under member @member, in
 * @scratch or @member itself. */
static const char *
frame_path (Frame      *frame,
            const char *member,
            GString    *scratch)
{
  if (*frame->prefix == '\0')
    return member;
  g_string_assign (scratch, frame->prefix);
  g_string_append (scratch, member);
  return scratch->str;
}

/* Adds a value to the current row of @frame's buffer, in column @path
 * (a known column, or an unknown one made at its first value). */
static void
add_value (SheetSink  *self,
           Frame      *frame,
           const char *path,
           ValueType   type,
           const char *text,
           gsize       length,
           guint       n_items)
{
  Buffer *buffer = frame->buffer;
  guint guess = buffer->last == 0 ? buffer->first
                                  : ((Column *) g_ptr_array_index (buffer->columns, buffer->last - 1))->next;
  guint index;
  Column *column;

  if (guess != 0 && strcmp (((Column *) g_ptr_array_index (buffer->columns, guess - 1))->path, path) == 0)
    index = guess - 1;
  else
    {
      index = GPOINTER_TO_UINT (g_hash_table_lookup (buffer->by_path, path));
      if (index-- == 0)
        index = buffer_column (buffer, path, community_sheet_kind_find_column (buffer->kind, path));
    }
  if (buffer->last == 0)
    buffer->first = index + 1;
  else
    ((Column *) g_ptr_array_index (buffer->columns, buffer->last - 1))->next = index + 1;
  buffer->last = index + 1;
  column = g_ptr_array_index (buffer->columns, index);
  Value value = { index, type, n_items, length, NULL };

  value.text = g_string_chunk_insert_len (self->chunk, text, length);
  if (type == VALUE_JSON || (type == VALUE_STRING && (length == 0 || has_xml_escape (text, length))))
    column->json = TRUE;
  g_array_append_val (buffer->values, value);
}

/* A scalar at the top of the frames. */
static void
scalar (SheetSink  *self,
        ValueType   type,
        const char *text)
{
  Frame *frame = top_frame (self);

  switch (frame->type)
    {
    case FRAME_ROOT:
      {
        /* The dataset sheet: key, value. */
        const CommunitySheetKind *kind = community_sheet_layout_find (COMMUNITY_SHEET_DATASET);
        const CommunitySheetColumn *known = community_sheet_kind_find_column (kind, self->member);
        g_autofree char *key = NULL;
        guint row = ++self->dataset_rows;

        gboolean json = type == VALUE_JSON ||
                        (type == VALUE_STRING && (*text == '\0' || has_xml_escape (text, strlen (text))));

        if (known != NULL && (self->flags & COMMUNITY_SHEET_WRITE_TITLES) && known->title != NULL)
          key = g_strdup (known->title);
        else
          key = g_strconcat (self->member, json ? COMMUNITY_SHEET_JSON_SUFFIX : "", NULL);
        community_sheet_append_cell (self->book, self->dataset, row, 0, COMMUNITY_CELL_STRING, key, -1, 0);
        if (type == VALUE_NUMBER)
          community_sheet_append_cell (self->book, self->dataset, row, 1, COMMUNITY_CELL_NUMBER, text, -1,
                                       g_ascii_strtod (text, NULL));
        else if (type == VALUE_BOOLEAN)
          community_sheet_append_cell (self->book, self->dataset, row, 1, COMMUNITY_CELL_BOOLEAN, text, -1,
                                       *text == 'T' ? 1 : 0);
        else if (json && type == VALUE_STRING)
          {
            g_autoptr(GString) out = g_string_new (NULL);

            append_json_string (out, text);
            community_sheet_append_cell (self->book, self->dataset, row, 1, COMMUNITY_CELL_STRING,
                                         out->str, out->len, 0);
          }
        else
          community_sheet_append_cell (self->book, self->dataset, row, 1, COMMUNITY_CELL_STRING, text, -1, 0);
      }
      break;
    case FRAME_RECORD:
      {
        const char *path = frame_path (frame, self->member, self->path);

        add_value (self, frame, path, type, text, strlen (text), 0);
        if (frame->top && frame->buffer->kind->children->len > 0 &&
            strcmp (self->member, ((CommunitySheetKind *) g_ptr_array_index (frame->buffer->kind->children, 0))->link) == 0 &&
            (type == VALUE_STRING || type == VALUE_NUMBER))
          {
            frame->identity = g_array_index (frame->buffer->values, Value, frame->buffer->values->len - 1);
            frame->has_identity = TRUE;
          }
      }
      break;
    case FRAME_STRV:
      if (type == VALUE_STRING)
        {
          gsize length = strlen (text);

          g_string_append_len (frame->items, text, length + 1);
          frame->n_strv++;
          if (!item_is_plain (text))
            frame->strv_plain = FALSE;
        }
      else
        frame->strv_plain = FALSE;   /* not an array of strings: not expected */
      break;
    case FRAME_ENTITIES:
    case FRAME_ITEMS:
    default:
      g_return_if_reached ();
    }
}

static void
push (SheetSink *self,
      Frame     *frame)
{
  frame->member = g_strdup (self->member);
  g_array_append_val (self->frames, *frame);
}

static void
pop (SheetSink *self)
{
  Frame *frame = top_frame (self);

  g_free (frame->prefix);
  g_free (frame->member);
  if (frame->child_rows != NULL)
    g_array_unref (frame->child_rows);
  if (frame->items != NULL)
    g_string_free (frame->items, TRUE);
  g_array_set_size (self->frames, self->frames->len - 1);
}

/* --- the sink's events --- */

static void
sink_begin_object (CommunityJsonSink *sink)
{
  SheetSink *self = (SheetSink *) sink;
  Frame frame = { 0 };
  Frame *parent;

  if (self->frames->len == 0)
    {
      frame.type = FRAME_ROOT;
      g_array_append_val (self->frames, frame);
      return;
    }

  parent = top_frame (self);
  frame.type = FRAME_RECORD;
  frame.buffer = parent->buffer;
  switch (parent->type)
    {
    case FRAME_ENTITIES:
      frame.prefix = g_strdup ("");
      frame.top = TRUE;
      frame.child_rows = g_array_new (FALSE, FALSE, sizeof (ChildRow));
      buffer_new_row (frame.buffer);
      break;
    case FRAME_ITEMS:
      {
        Frame *record = &g_array_index (self->frames, Frame, self->frames->len - 2);
        ChildRow child = { parent->buffer, buffer_new_row (parent->buffer) };

        g_array_append_val (record->child_rows, child);
        parent->n_items++;
        frame.prefix = g_strdup ("");
      }
      break;
    case FRAME_RECORD:
      frame.prefix = g_strconcat (parent->prefix, self->member, "/", NULL);
      break;
    case FRAME_ROOT:
    case FRAME_STRV:
    default:
      g_return_if_reached ();
    }
  frame.first_value = frame.buffer->values->len;
  push (self, &frame);
}

static void
sink_end_object (CommunityJsonSink *sink)
{
  SheetSink *self = (SheetSink *) sink;
  Frame *frame = top_frame (self);

  if (frame->type == FRAME_ROOT)
    {
      pop (self);
      return;
    }

  if (frame->top)
    {
      for (guint i = 0; i < frame->child_rows->len; i++)
        {
          ChildRow *child = &g_array_index (frame->child_rows, ChildRow, i);

          if (frame->has_identity)
            {
              Value link = frame->identity;

              link.column = 0;
              g_array_index (child->buffer->links, Value, child->row) = link;
            }
        }
    }
  else if (frame->buffer->values->len == frame->first_value &&
           *frame->prefix != '\0')
    {
      /* An empty nested record: "{}" in its own :json column. */
      g_autofree char *parent = g_strndup (frame->prefix, strlen (frame->prefix) - 1);
      Frame copy = *frame;

      add_value (self, &copy, parent, VALUE_JSON, "{}", 2, 0);
      ((Column *) g_ptr_array_index (frame->buffer->columns,
                                     g_array_index (frame->buffer->values, Value,
                                                    frame->buffer->values->len - 1).column))->empty_object = TRUE;
    }
  pop (self);
}

static void
sink_begin_array (CommunityJsonSink *sink)
{
  SheetSink *self = (SheetSink *) sink;
  Frame *parent = top_frame (self);
  Frame frame = { 0 };

  switch (parent->type)
    {
    case FRAME_ROOT:
      frame.type = FRAME_ENTITIES;
      frame.buffer = buffer_for (self, self->member);
      g_return_if_fail (frame.buffer != NULL);
      break;
    case FRAME_RECORD:
      if (parent->top)
        for (guint i = 0; i < parent->buffer->kind->children->len; i++)
          {
            const CommunitySheetKind *child = g_ptr_array_index (parent->buffer->kind->children, i);

            if (strcmp (child->member, self->member) == 0)
              {
                frame.type = FRAME_ITEMS;
                frame.buffer = buffer_for (self, child->name);
                push (self, &frame);
                return;
              }
          }
      frame.type = FRAME_STRV;
      frame.buffer = parent->buffer;
      frame.items = g_string_new (NULL);
      frame.strv_plain = TRUE;
      break;
    case FRAME_ENTITIES:
    case FRAME_ITEMS:
    case FRAME_STRV:
    default:
      g_return_if_reached ();
    }
  push (self, &frame);
}

static void
sink_end_array (CommunityJsonSink *sink)
{
  SheetSink *self = (SheetSink *) sink;
  Frame *frame = top_frame (self);
  Frame *record;
  const char *path;

  switch (frame->type)
    {
    case FRAME_STRV:
      record = &g_array_index (self->frames, Frame, self->frames->len - 2);
      path = frame_path (record, frame->member, self->path);
      add_value (self, record, path, frame->n_strv > 0 && frame->strv_plain ? VALUE_STRV : VALUE_JSON,
                 "", 0, 0);
      {
        /* add_value copied nothing: fill in the items, or their JSON. */
        Value *value = &g_array_index (frame->buffer->values, Value, frame->buffer->values->len - 1);

        if (value->type == VALUE_STRV)
          {
            value->text = g_string_chunk_insert_len (self->chunk, frame->items->str, frame->items->len);
            value->length = frame->items->len;
            value->n_items = frame->n_strv;
          }
        else
          {
            g_autoptr(JsonArray) array = json_array_new ();
            g_autoptr(JsonNode) node = NULL;
            g_autofree char *json = NULL;

            for (gsize at = 0; at < frame->items->len; at += strlen (frame->items->str + at) + 1)
              json_array_add_string_element (array, frame->items->str + at);
            node = community_json_array_node (g_steal_pointer (&array));
            json = json_to_string (node, FALSE);
            value->text = g_string_chunk_insert (self->chunk, json);
            value->length = strlen (json);
          }
      }
      break;
    case FRAME_ITEMS:
      if (frame->n_items == 0)
        {
          /* An empty list of records: "[]" in the parent's sheet. */
          record = &g_array_index (self->frames, Frame, self->frames->len - 2);
          path = frame_path (record, frame->member, self->path);
          add_value (self, record, path, VALUE_JSON, "[]", 2, 0);
        }
      break;
    case FRAME_ENTITIES:
    case FRAME_ROOT:
    case FRAME_RECORD:
    default:
      break;
    }
  pop (self);
}

static void
sink_member (CommunityJsonSink *sink,
             const char        *name)
{
  SheetSink *self = (SheetSink *) sink;

  /* The writer's name lives until the sink's next call, which is the
   * only one that reads it (community-json-private.h). */
  self->member = name;
}

static void
sink_string (CommunityJsonSink *sink,
             const char        *value)
{
  if (value != NULL)
    scalar ((SheetSink *) sink, VALUE_STRING, value);
}

static void
sink_integer (CommunityJsonSink *sink,
              gint64             value)
{
  char text[COMMUNITY_INT64_CHARS + 1];

  /* What G_GINT64_FORMAT prints, without printf. */
  text[COMMUNITY_INT64_CHARS] = '\0';
  scalar ((SheetSink *) sink, VALUE_NUMBER, community_format_int64 (text + COMMUNITY_INT64_CHARS, value));
}

static void
sink_number (CommunityJsonSink *sink,
             double             value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  scalar ((SheetSink *) sink, VALUE_NUMBER, g_ascii_dtostr (text, sizeof text, value));
}

static void
sink_boolean (CommunityJsonSink *sink,
              gboolean           value)
{
  scalar ((SheetSink *) sink, VALUE_BOOLEAN, value ? "TRUE" : "FALSE");
}

/* Compact JSON text of @node that the strict tokenizer reads: json-glib
 * (1.6) leaves U+001F raw in strings, and compact text has no other raw
 * control character, so each one is escaped (as community_json_generate()
 * does for indented text). */
static char *
node_to_json (JsonNode *node)
{
  g_autofree char *data = json_to_string (node, FALSE);
  gsize length = strlen (data);
  GString *out;

  if (!has_xml_escape (data, length))
    return g_steal_pointer (&data);

  /* Both only occur inside strings, where "\u005f" is a '_'. */
  out = g_string_sized_new (length + 16);
  for (gsize i = 0; i < length; i++)
    if ((guchar) data[i] < 0x20)
      g_string_append_printf (out, "\\u%04x", (guchar) data[i]);
    else if (data[i] == '_' && has_xml_escape (data + i, MIN (7, length - i)))
      g_string_append (out, "\\u005f");
    else
      g_string_append_c (out, data[i]);
  return g_string_free (out, FALSE);
}

static void
sink_node (CommunityJsonSink *sink,
           JsonNode          *node)
{
  SheetSink *self = (SheetSink *) sink;
  g_autofree char *json = NULL;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      *json_node_get_string (node) != '\0')
    {
      scalar (self, VALUE_STRING, json_node_get_string (node));
      return;
    }
  json = node_to_json (node);
  scalar (self, VALUE_JSON, json);
}

static const CommunityJsonSinkClass sheet_sink_class = {
  sink_begin_object,
  sink_begin_array,
  sink_end_object,
  sink_end_array,
  sink_member,
  sink_string,
  sink_integer,
  sink_number,
  sink_boolean,
  sink_node,
};

/* --- into the book --- */

/* @text as a JSON string into @out, as node_to_json() writes one (the
 * JSON writer's escapes, and the '_' of a "_xHHHH_" as "\u005f"), without
 * a JsonNode: a ":json" column's every cell comes here. */
static void
append_json_string (GString    *out,
                    const char *text)
{
  gsize from = out->len, length;
  g_autofree char *escaped = NULL;

  community_json_append_string (out, text);
  if (!has_xml_escape (out->str + from, out->len - from))
    return;
  /* Only '_' is left to change: the writer escaped every control byte. */
  length = out->len - from;
  escaped = g_strndup (out->str + from, length);
  g_string_truncate (out, from);
  for (const char *p = escaped; p < escaped + length; p++)
    if (*p == '_' && community_sheet_is_xml_escape (p, (gsize) (escaped + length - p)))
      g_string_append (out, "\\u005f");
    else
      g_string_append_c (out, *p);
}

/* A vocabulary word's Chinese term, if it has one that a list cell holds. */
static const char *
vocabulary_text (const Column *column,
                 const char   *nick,
                 gboolean      titles)
{
  const char *term;

  if (!titles || column->vocabulary == 0)
    return nick;
  term = community_vocabulary_chinese_term (column->vocabulary, nick);
  return term != NULL && item_is_plain (term) ? term : nick;
}

/* @value as JSON text, appended to @out. */
static void
value_json (const Value *value,
            GString     *out)
{
  switch ((ValueType) value->type)
    {
    case VALUE_STRING:
      append_json_string (out, value->text);
      break;
    case VALUE_BOOLEAN:
      g_string_append (out, value->text[0] == 'T' ? "true" : "false");
      break;
    case VALUE_STRV:
      g_string_append_c (out, '[');
      for (gsize at = 0; at < value->length; at += strlen (value->text + at) + 1)
        {
          if (at > 0)
            g_string_append_c (out, ',');
          append_json_string (out, value->text + at);
        }
      g_string_append_c (out, ']');
      break;
    case VALUE_NUMBER:
    case VALUE_JSON:
    default:
      g_string_append_len (out, value->text, value->length);
      break;
    }
}

/* @value into cell @out_column of @row. */
static void
emit_value (SheetSink    *self,
            Buffer       *buffer,
            guint32       row,
            guint32       out_column,
            const Value  *value,
            GString      *scratch)
{
  const Column *column = g_ptr_array_index (buffer->columns, value->column);
  gboolean titles = (self->flags & COMMUNITY_SHEET_WRITE_TITLES) != 0;

  g_string_truncate (scratch, 0);
  if (column->json)
    {
      value_json (value, scratch);
      community_sheet_append_cell (self->book, buffer->sheet, row, out_column, COMMUNITY_CELL_STRING,
                                   scratch->str, scratch->len, 0);
      return;
    }

  /* The value's text is in the book's chunk already (add_value()). */
  switch ((ValueType) value->type)
    {
    case VALUE_NUMBER:
      community_sheet_append_cell_in_place (buffer->sheet, row, out_column, COMMUNITY_CELL_NUMBER,
                                            value->text, value->length, g_ascii_strtod (value->text, NULL));
      break;
    case VALUE_BOOLEAN:
      community_sheet_append_cell_in_place (buffer->sheet, row, out_column, COMMUNITY_CELL_BOOLEAN,
                                            value->text, value->length, value->text[0] == 'T' ? 1 : 0);
      break;
    case VALUE_STRV:
      for (gsize at = 0; at < value->length; at += strlen (value->text + at) + 1)
        {
          if (at > 0)
            g_string_append_c (scratch, ';');
          g_string_append (scratch, vocabulary_text (column, value->text + at, titles));
        }
      community_sheet_append_cell (self->book, buffer->sheet, row, out_column, COMMUNITY_CELL_STRING,
                                   scratch->str, scratch->len, 0);
      break;
    case VALUE_STRING:
      {
        const char *text = vocabulary_text (column, value->text, titles);

        if (text == value->text)
          community_sheet_append_cell_in_place (buffer->sheet, row, out_column, COMMUNITY_CELL_STRING,
                                                text, value->length, 0);
        else
          community_sheet_append_cell (self->book, buffer->sheet, row, out_column, COMMUNITY_CELL_STRING,
                                       text, -1, 0);
      }
      break;
    case VALUE_JSON:
    default:
      g_assert_not_reached ();
    }
}

static int
compare_values (gconstpointer a,
                gconstpointer b)
{
  const Value *x = a, *y = b;

  return x->column < y->column ? -1 : x->column > y->column;
}

/* For each column, the outermost nested record some row has empty that it
 * lies in (its index), or -1: such a record's whole subtree is one
 * "path:json" column, each row's record as a JSON object (a reader cannot
 * have "committee:json" beside "committee/members"). NULL when there is
 * none. */
static int *
collapsed_columns (Buffer *buffer)
{
  int *into = NULL;

  for (guint p = 0; p < buffer->columns->len; p++)
    {
      const Column *outer = g_ptr_array_index (buffer->columns, p);
      gsize length = strlen (outer->path);

      if (!outer->empty_object)
        continue;
      if (into == NULL)
        {
          into = g_new (int, buffer->columns->len);
          for (guint c = 0; c < buffer->columns->len; c++)
            into[c] = -1;
        }
      for (guint c = 0; c < buffer->columns->len; c++)
        {
          const Column *column = g_ptr_array_index (buffer->columns, c);

          if (strncmp (column->path, outer->path, length) == 0 && column->path[length] == '/' &&
              (into[c] < 0 || strlen (((Column *) g_ptr_array_index (buffer->columns, into[c]))->path) > length))
            into[c] = p;
        }
    }
  /* A record inside another one: the outer one takes it. */
  for (guint c = 0; into != NULL && c < buffer->columns->len; c++)
    if (into[c] >= 0)
      for (int p = into[c]; p >= 0; p = into[p])
        into[c] = p;
  return into;
}

/* Adds @value, a leaf of column @path under the nested record's @object,
 * at @path (relative to it, members separated by '/'). */
static void
object_add (JsonObject  *object,
            const char  *path,
            const Value *value)
{
  g_auto(GStrv) segments = g_strsplit (path, "/", -1);
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  for (; segments[n + 1] != NULL; n++)
    {
      if (!json_object_has_member (object, segments[n]))
        json_object_set_object_member (object, segments[n], json_object_new ());
      object = json_object_get_object_member (object, segments[n]);
    }
  value_json (value, text);
  json_object_set_member (object, segments[n], json_from_string (text->str, NULL));
}

typedef struct {
  guint32 out;      /* the output column */
  Value value;
} Pending;

static int
compare_pending (gconstpointer a,
                 gconstpointer b)
{
  const Pending *x = a, *y = b;

  return x->out < y->out ? -1 : x->out > y->out;
}

static void
emit_buffer (SheetSink *self,
             Buffer    *buffer)
{
  gboolean titles = (self->flags & COMMUNITY_SHEET_WRITE_TITLES) != 0;
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autofree int *into = collapsed_columns (buffer);
  g_autofree guint32 *out = g_new (guint32, buffer->columns->len);
  guint32 n_out = 0;

  for (guint c = 0; c < buffer->columns->len; c++)
    {
      const Column *column = g_ptr_array_index (buffer->columns, c);
      const char *title = NULL;
      g_autofree char *header = NULL;

      if (into != NULL && into[c] >= 0)
        continue;
      if (titles && column->known != NULL)
        title = column->known->title;
      else if (titles && c > 0)
        title = community_sheet_kind_title (buffer->kind, column->path);
      header = g_strconcat (title != NULL ? title : column->path,
                           column->json ? COMMUNITY_SHEET_JSON_SUFFIX : "", NULL);
      out[c] = n_out++;
      community_sheet_append_cell (self->book, buffer->sheet, 1, out[c], COMMUNITY_CELL_STRING, header, -1, 0);
    }

  community_sheet_reserve (buffer->sheet, buffer->rows->len,
                           buffer->values->len + (buffer->links != NULL ? buffer->rows->len : 0));
  for (guint r = 0; r < buffer->rows->len; r++)
    {
      guint first = g_array_index (buffer->rows, guint, r);
      guint end = r + 1 < buffer->rows->len ? g_array_index (buffer->rows, guint, r + 1) : buffer->values->len;
      Value *values = &g_array_index (buffer->values, Value, first);
      guint32 row = r + 2;
      gboolean sorted = TRUE;

      for (guint i = 1; i < end - first && sorted; i++)
        sorted = values[i - 1].column < values[i].column;
      if (!sorted)
        qsort (values, end - first, sizeof (Value), compare_values);

      if (buffer->links != NULL)
        {
          Value *link = &g_array_index (buffer->links, Value, r);

          if (link->text != NULL)
            emit_value (self, buffer, row, 0, link, scratch);
        }
      if (into == NULL)
        {
          for (guint i = 0; i < end - first; i++)
            if (buffer->links == NULL || values[i].column != 0)
              emit_value (self, buffer, row, out[values[i].column], &values[i], scratch);
          continue;
        }

      /* Nested records in one column: each row's as an object. */
      {
        g_autoptr(GHashTable) objects = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) json_object_unref);
        g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (Pending));
        g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
        GHashTableIter iter;
        gpointer key, object;

        for (guint i = 0; i < end - first; i++)
          {
            guint c = values[i].column;
            const Column *column = g_ptr_array_index (buffer->columns, c);
            int p = into[c];

            if (p < 0 && column->empty_object && values[i].type == VALUE_JSON)
              p = c;   /* its own "{}" */
            if (p < 0 && buffer->links != NULL && c == 0)
              continue;   /* the link's column */
            if (p < 0)
              {
                Pending cell = { out[c], values[i] };

                g_array_append_val (pending, cell);
                continue;
              }
            object = g_hash_table_lookup (objects, GINT_TO_POINTER (p));
            if (object == NULL)
              {
                object = json_object_new ();
                g_hash_table_insert (objects, GINT_TO_POINTER (p), object);
              }
            if (p != (int) c)
              object_add (object, column->path + strlen (((Column *) g_ptr_array_index (buffer->columns, p))->path) + 1,
                          &values[i]);
          }
        g_hash_table_iter_init (&iter, objects);
        while (g_hash_table_iter_next (&iter, &key, &object))
          {
            g_autoptr(JsonNode) node = community_json_object_node (json_object_ref (object));
            char *json = node_to_json (node);
            Pending cell = { out[GPOINTER_TO_INT (key)], { GPOINTER_TO_INT (key), VALUE_JSON, 0, strlen (json), json } };

            g_ptr_array_add (texts, json);
            g_array_append_val (pending, cell);
          }
        g_array_sort (pending, compare_pending);
        for (guint i = 0; i < pending->len; i++)
          {
            Pending *cell = &g_array_index (pending, Pending, i);

            emit_value (self, buffer, row, cell->out, &cell->value, scratch);
          }
      }
    }
}

/* Values below which the sheets are emitted in the caller's thread
 * (community_sheet_book_set_tuning()). */
static guint parallel_emit_values = 20000;

void
community_sheet_book_set_tuning (guint parallel_values)
{
  parallel_emit_values = parallel_values;
}

/* In a thread of the pool. GLib's pool hands over through futexes that
 * ThreadSanitizer does not see: the hand-overs are marked. */
static void
emit_task (gpointer data,
           gpointer user_data)
{
  community_handoff_acquire (user_data);
  emit_buffer (user_data, data);
  community_handoff_release (user_data);
}

static int
compare_sizes (gconstpointer a,
               gconstpointer b)
{
  const Buffer *x = *(Buffer *const *) a, *y = *(Buffer *const *) b;

  return x->values->len > y->values->len ? -1 : x->values->len < y->values->len;
}

/* Every buffer into its sheet. Each sheet's cells are its own, so that on
 * a large book the sheets are emitted on every core, the largest first,
 * each with a string chunk of its own for the texts made here (the
 * values' texts are in the book's chunk already, only read). */
static void
emit_buffers (SheetSink *self)
{
  guint threads = MIN (g_get_num_processors (), self->buffers->len);
  g_autoptr(GPtrArray) order = NULL;
  GThreadPool *pool;
  guint values = 0;

  for (guint i = 0; i < self->buffers->len; i++)
    values += ((Buffer *) g_ptr_array_index (self->buffers, i))->values->len;
  if (threads < 2 || values < parallel_emit_values)
    {
      for (guint i = 0; i < self->buffers->len; i++)
        emit_buffer (self, g_ptr_array_index (self->buffers, i));
      return;
    }

  order = g_ptr_array_sized_new (self->buffers->len);   /* borrowed */
  for (guint i = 0; i < self->buffers->len; i++)
    g_ptr_array_add (order, g_ptr_array_index (self->buffers, i));
  g_ptr_array_sort (order, compare_sizes);
  for (guint i = 0; i < order->len; i++)
    community_sheet_own_strings (((Buffer *) g_ptr_array_index (order, i))->sheet);
  /* Not exclusive: pushing cannot fail; free() waits for every buffer. */
  pool = g_thread_pool_new (emit_task, self, (int) threads, FALSE, NULL);
  community_handoff_release (self);
  for (guint i = 0; i < order->len; i++)
    g_thread_pool_push (pool, g_ptr_array_index (order, i), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  community_handoff_acquire (self);
}

/* community-sheet-writer.h; @privacy may be NULL (keep personal data). */
CommunitySheetBook *
community_sheet_book_from_dataset (CommunityDataset         *dataset,
                                   CommunityPrivacy         *privacy,
                                   CommunitySheetWriteFlags  flags)
{
  GPtrArray *layout = community_sheet_layout_get ();
  SheetSink self = { .sink = { &sheet_sink_class }, .flags = flags };
  gboolean titles = (flags & COMMUNITY_SHEET_WRITE_TITLES) != 0;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (dataset), NULL);

  self.book = community_sheet_book_new ();
  /* The values' text goes where the cells' does: most cells take it as
   * it is (community_sheet_append_cell_in_place()). */
  self.chunk = self.book->strings;
  self.buffers = g_ptr_array_new_with_free_func (buffer_free);
  self.frames = g_array_new (FALSE, TRUE, sizeof (Frame));
  self.path = g_string_new (NULL);

  for (guint i = 0; i < layout->len; i++)
    {
      const CommunitySheetKind *kind = g_ptr_array_index (layout, i);
      const char *name = titles && kind->title != NULL ? kind->title : kind->name;
      CommunitySheet *sheet = community_sheet_book_add_sheet (self.book, name, NULL);

      if (kind->type == COMMUNITY_SHEET_KIND_DATASET)
        self.dataset = sheet;
      else
        g_ptr_array_add (self.buffers, buffer_new (kind, sheet));
    }

  community_json_write_dataset_to_sink (dataset, privacy, &self.sink);
  g_assert (self.frames->len == 0);

  emit_buffers (&self);

  g_array_unref (self.frames);
  g_ptr_array_unref (self.buffers);
  g_string_free (self.path, TRUE);
  return self.book;
}

/* community-sheet-writer.h: an empty dataset's book. */
CommunitySheetBook *
community_sheet_book_template (CommunitySheetWriteFlags flags)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();

  return community_sheet_book_from_dataset (dataset, NULL, flags);
}
