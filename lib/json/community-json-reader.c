/* community-json-reader.c: the dataset format into records, strictly checked
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each field is read according to the type of its GParamSpec, so every
 * record type shares this one reader. Every refusal names the JSON Pointer
 * of the offending value and says what was expected; messages quote a
 * string only when it was meant to be one of a closed vocabulary and looks
 * like a word of one (ASCII letters, '_' and '-'), so personal data (names,
 * ID numbers, phones), even in the wrong member, never reaches them.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "community-json-private.h"
#include "community-entity.h"
#include "community-enum-types.h"

#define DATASET_FORMAT "libcommunity-dataset"
#define DATASET_VERSION 1

/* The longest unrecognized vocabulary string a message quotes. */
#define MAX_QUOTED 40

static gboolean read_field (GParamSpec            *pspec,
                            const CommunityField  *field,
                            JsonNode              *node,
                            GString               *pointer,
                            GValue                *out,
                            GError               **error);

static gboolean
expect_type (JsonNode     *node,
             GType         value_type,
             const char   *expected,
             GString      *pointer,
             GError      **error)
{
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == value_type)
    return TRUE;

  community_json_set_error (error, COMMUNITY_PARSE_ERROR_TYPE, pointer,
                            "expected %s, found %s", expected,
                            community_json_describe_node (node));
  return FALSE;
}

static gboolean
is_number (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 ||
          json_node_get_value_type (node) == G_TYPE_DOUBLE);
}

/* Reads a whole number in [min, max]. @what names it for messages. */
static gboolean
read_integer (JsonNode    *node,
              gint64       min,
              gint64       max,
              const char  *what,
              GString     *pointer,
              gint64      *out,
              GError     **error)
{
  if (!is_number (node))
    {
      community_json_set_error (error, COMMUNITY_PARSE_ERROR_TYPE, pointer,
                                "expected %s, found %s", what,
                                community_json_describe_node (node));
      return FALSE;
    }

  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      double d = json_node_get_double (node);

      if (!isfinite (d) || d < (double) min || d > (double) max)
        {
          community_json_set_error (error, COMMUNITY_PARSE_ERROR_RANGE, pointer,
                                    "expected %s between %" G_GINT64_FORMAT
                                    " and %" G_GINT64_FORMAT ", found %g",
                                    what, min, max, d);
          return FALSE;
        }
      if (d != floor (d))
        {
          community_json_set_error (error, COMMUNITY_PARSE_ERROR_NOT_INTEGER, pointer,
                                    "expected %s, found the fraction %g", what, d);
          return FALSE;
        }
      *out = (gint64) d;
      return TRUE;
    }

  *out = json_node_get_int (node);
  if (*out < min || *out > max)
    {
      community_json_set_error (error, COMMUNITY_PARSE_ERROR_RANGE, pointer,
                                "expected %s between %" G_GINT64_FORMAT
                                " and %" G_GINT64_FORMAT ", found %" G_GINT64_FORMAT,
                                what, min, max, *out);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_double (JsonNode    *node,
             GParamSpecDouble *pspec,
             GString     *pointer,
             double      *out,
             GError     **error)
{
  if (!is_number (node))
    {
      community_json_set_error (error, COMMUNITY_PARSE_ERROR_TYPE, pointer,
                                "expected a number, found %s",
                                community_json_describe_node (node));
      return FALSE;
    }

  *out = json_node_get_double (node);
  if (!isfinite (*out) || *out < pspec->minimum || *out > pspec->maximum)
    {
      community_json_set_error (error, COMMUNITY_PARSE_ERROR_RANGE, pointer,
                                "expected a number between %g and %g, found %g",
                                pspec->minimum, pspec->maximum, *out);
      return FALSE;
    }

  return TRUE;
}

/* Whether a string that is not in a vocabulary may be quoted in a
 * message; see set_vocabulary_error(). */
static gboolean
looks_like_vocabulary (const char *s)
{
  gsize n = 0;

  for (; s[n] != '\0'; n++)
    if (n >= MAX_QUOTED || !(g_ascii_isalpha (s[n]) || s[n] == '_' || s[n] == '-'))
      return FALSE;
  return n > 0;
}

static void
set_vocabulary_error (GError    **error,
                      GString    *pointer,
                      GType       type,
                      const char *found)
{
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);

  if (G_IS_ENUM_CLASS (klass))
    {
      GEnumClass *enum_class = G_ENUM_CLASS (klass);

      for (guint i = 0; i < enum_class->n_values; i++)
        g_string_append_printf (expected, "%s“%s”", i > 0 ? ", " : "",
                                enum_class->values[i].value_nick);
    }
  else
    {
      GFlagsClass *flags_class = G_FLAGS_CLASS (klass);

      for (guint i = 0; i < flags_class->n_values; i++)
        g_string_append_printf (expected, "%s“%s”", i > 0 ? ", " : "",
                                flags_class->values[i].value_nick);
    }

  /* A vocabulary string is not personal data, but what stands in its place
   * may be: a worker's ID number, phone or name, one column off. Quote it
   * only if it looks like a misspelt word of a vocabulary (ASCII letters,
   * '_' and '-', at most MAX_QUOTED of them); never digits, spaces or
   * Chinese characters. */
  if (!looks_like_vocabulary (found))
    {
      community_json_set_error (error, COMMUNITY_PARSE_ERROR_ENUM, pointer,
                                "expected one of %s, found another string", expected->str);
      return;
    }
  community_json_set_error (error, COMMUNITY_PARSE_ERROR_ENUM, pointer,
                            "expected one of %s, found “%s”", expected->str, found);
}

static gboolean
read_enum (JsonNode   *node,
           GType       enum_type,
           GString    *pointer,
           int        *out,
           GError    **error)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;
  const char *s;

  if (!expect_type (node, G_TYPE_STRING, "a string", pointer, error))
    return FALSE;

  s = json_node_get_string (node);
  klass = g_type_class_ref (enum_type);
  value = g_enum_get_value_by_nick (klass, s);
  if (value == NULL)
    {
      set_vocabulary_error (error, pointer, enum_type, s);
      return FALSE;
    }

  *out = value->value;
  return TRUE;
}

static gboolean
read_flags (JsonNode   *node,
            GType       flags_type,
            GString    *pointer,
            guint      *out,
            GError    **error)
{
  g_autoptr(GFlagsClass) klass = g_type_class_ref (flags_type);
  JsonArray *array;
  guint flags = 0;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      community_json_set_error (error, COMMUNITY_PARSE_ERROR_TYPE, pointer,
                                "expected an array of strings, found %s",
                                community_json_describe_node (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gsize mark = community_json_pointer_push_index (pointer, i);
      GFlagsValue *value;

      if (!expect_type (element, G_TYPE_STRING, "a string", pointer, error))
        return FALSE;
      value = g_flags_get_value_by_nick (klass, json_node_get_string (element));
      if (value == NULL)
        {
          set_vocabulary_error (error, pointer, flags_type, json_node_get_string (element));
          return FALSE;
        }
      flags |= value->value;
      g_string_truncate (pointer, mark);
    }

  *out = flags;
  return TRUE;
}

static gboolean
read_strv (JsonNode   *node,
           GString    *pointer,
           GStrv      *out,
           GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      community_json_set_error (error, COMMUNITY_PARSE_ERROR_TYPE, pointer,
                                "expected an array of strings, found %s",
                                community_json_describe_node (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gsize mark = community_json_pointer_push_index (pointer, i);

      if (!expect_type (element, G_TYPE_STRING, "a string", pointer, error))
        return FALSE;
      g_strv_builder_add (builder, json_node_get_string (element));
      g_string_truncate (pointer, mark);
    }

  *out = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
is_digits (const char *s,
           gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

static gboolean
read_date (JsonNode   *node,
           GString    *pointer,
           GDate     **out,
           GError    **error)
{
  const char *s;
  guint year, month, day;

  if (!expect_type (node, G_TYPE_STRING, "a date (YYYY-MM-DD)", pointer, error))
    return FALSE;

  s = json_node_get_string (node);
  if (strlen (s) != 10 || !is_digits (s, 4) || s[4] != '-' ||
      !is_digits (s + 5, 2) || s[7] != '-' || !is_digits (s + 8, 2))
    {
      community_json_set_error (error, COMMUNITY_PARSE_ERROR_DATE, pointer,
                                "expected a date written YYYY-MM-DD");
      return FALSE;
    }

  year = g_ascii_strtoull (s, NULL, 10);
  month = g_ascii_strtoull (s + 5, NULL, 10);
  day = g_ascii_strtoull (s + 8, NULL, 10);
  if (!g_date_valid_dmy (day, month, year))
    {
      community_json_set_error (error, COMMUNITY_PARSE_ERROR_DATE, pointer,
                                "expected a real date, found %04u-%02u-%02u",
                                year, month, day);
      return FALSE;
    }

  *out = g_date_new_dmy (day, month, year);
  return TRUE;
}

static gboolean
read_timestamp (JsonNode    *node,
                GString     *pointer,
                GDateTime  **out,
                GError     **error)
{
  const char *s;
  GDateTime *dt = NULL;

  if (!expect_type (node, G_TYPE_STRING, "an RFC 3339 timestamp", pointer, error))
    return FALSE;

  /* RFC 3339: full-date "T" full-time, with a mandatory offset. GLib's
   * ISO 8601 parser takes more forms (week dates, no offset with a default
   * zone); the prefix check keeps to the RFC's, and passing no default zone
   * makes the offset mandatory. */
  s = json_node_get_string (node);
  if (strlen (s) >= 19 && is_digits (s, 4) && s[4] == '-' && is_digits (s + 5, 2) &&
      s[7] == '-' && is_digits (s + 8, 2) && (s[10] == 'T' || s[10] == 't') &&
      is_digits (s + 11, 2) && s[13] == ':' && is_digits (s + 14, 2) && s[16] == ':')
    dt = g_date_time_new_from_iso8601 (s, NULL);

  if (dt == NULL)
    {
      community_json_set_error (error, COMMUNITY_PARSE_ERROR_DATE, pointer,
                                "expected an RFC 3339 timestamp with an offset, "
                                "e.g. 2019-03-02T09:30:00+08:00");
      return FALSE;
    }

  *out = dt;
  return TRUE;
}

static gboolean
read_record_list (JsonNode              *node,
                  const CommunityField  *field,
                  GString               *pointer,
                  GListModel           **out,
                  GError               **error)
{
  GType item_type = field->item_type ();
  g_autoptr(GListStore) store = g_list_store_new (item_type);
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      community_json_set_error (error, COMMUNITY_PARSE_ERROR_TYPE, pointer,
                                "expected an array of objects, found %s",
                                community_json_describe_node (node));
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      gsize mark = community_json_pointer_push_index (pointer, i);
      g_autoptr(CommunityRecord) item = NULL;

      item = community_json_read_record (item_type, json_array_get_element (array, i),
                                         pointer, error);
      if (item == NULL)
        return FALSE;
      g_list_store_append (store, item);
      g_string_truncate (pointer, mark);
    }

  *out = G_LIST_MODEL (g_steal_pointer (&store));
  return TRUE;
}

static gboolean
read_field (GParamSpec            *pspec,
            const CommunityField  *field,
            JsonNode              *node,
            GString               *pointer,
            GValue                *out,
            GError               **error)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (out, type);

  if (type == G_TYPE_STRING)
    {
      if (!expect_type (node, G_TYPE_STRING, "a string", pointer, error))
        return FALSE;
      g_value_set_string (out, json_node_get_string (node));
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      if (!expect_type (node, G_TYPE_BOOLEAN, "true or false", pointer, error))
        return FALSE;
      g_value_set_boolean (out, json_node_get_boolean (node));
    }
  else if (type == G_TYPE_UINT)
    {
      GParamSpecUInt *uspec = G_PARAM_SPEC_UINT (pspec);
      gint64 v;

      if (!read_integer (node, uspec->minimum, uspec->maximum,
                         uspec->minimum == 0 ? "a non-negative integer" : "an integer",
                         pointer, &v, error))
        return FALSE;
      g_value_set_uint (out, (guint) v);
    }
  else if (type == G_TYPE_INT64)
    {
      GParamSpecInt64 *ispec = G_PARAM_SPEC_INT64 (pspec);
      gint64 v;

      /* Every int64 field of the format is an amount of money. */
      if (!read_integer (node, ispec->minimum, ispec->maximum,
                         "a whole number of yuan", pointer, &v, error))
        return FALSE;
      g_value_set_int64 (out, v);
    }
  else if (type == G_TYPE_DOUBLE)
    {
      double v;

      if (!read_double (node, G_PARAM_SPEC_DOUBLE (pspec), pointer, &v, error))
        return FALSE;
      g_value_set_double (out, v);
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      int v;

      if (!read_enum (node, type, pointer, &v, error))
        return FALSE;
      g_value_set_enum (out, v);
    }
  else if (G_TYPE_IS_FLAGS (type))
    {
      guint v;

      if (!read_flags (node, type, pointer, &v, error))
        return FALSE;
      g_value_set_flags (out, v);
    }
  else if (type == G_TYPE_STRV)
    {
      GStrv v;

      if (!read_strv (node, pointer, &v, error))
        return FALSE;
      g_value_take_boxed (out, v);
    }
  else if (type == G_TYPE_DATE)
    {
      GDate *v;

      if (!read_date (node, pointer, &v, error))
        return FALSE;
      g_value_take_boxed (out, v);
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *v;

      if (!read_timestamp (node, pointer, &v, error))
        return FALSE;
      g_value_take_boxed (out, v);
    }
  else if (type == G_TYPE_LIST_MODEL)
    {
      GListModel *v;

      if (!read_record_list (node, field, pointer, &v, error))
        return FALSE;
      g_value_take_object (out, v);
    }
  else if (g_type_is_a (type, COMMUNITY_TYPE_RECORD))
    {
      CommunityRecord *v = community_json_read_record (type, node, pointer, error);

      if (v == NULL)
        return FALSE;
      g_value_take_object (out, v);
    }
  else
    {
      g_assert_not_reached ();
    }

  return TRUE;
}

CommunityRecord *
community_json_read_record (GType     type,
                            JsonNode *node,
                            GString  *pointer,
                            GError  **error)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  const CommunityFieldTable *table = community_record_class_get_fields (COMMUNITY_RECORD_CLASS (klass));
  GValue values[COMMUNITY_MAX_FIELDS + 1] = { G_VALUE_INIT, };
  guint64 present = 0;
  g_autoptr(JsonObject) extra = NULL;
  CommunityRecord *record = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  gboolean ok = TRUE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      community_json_set_error (error, COMMUNITY_PARSE_ERROR_TYPE, pointer,
                                "expected an object, found %s",
                                community_json_describe_node (node));
      return NULL;
    }

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (ok && json_object_iter_next_ordered (&iter, &name, &member))
    {
      guint id = GPOINTER_TO_UINT (g_hash_table_lookup (table->by_json_name, name));
      gsize mark;

      if (id == 0)
        {
          /* Unknown to this version: keep it for the round trip. */
          if (extra == NULL)
            extra = json_object_new ();
          json_object_set_member (extra, name, json_node_copy (member));
          continue;
        }

      /* null is "unknown" for an optional field; see the required check. */
      if (JSON_NODE_HOLDS_NULL (member))
        continue;

      mark = community_json_pointer_push_member (pointer, name);
      ok = read_field (table->pspecs[id], &table->fields[id], member, pointer, &values[id], error);
      if (ok)
        {
          present |= G_GUINT64_CONSTANT (1) << id;
          g_string_truncate (pointer, mark);
        }
    }

  for (guint id = 1; ok && id <= table->n_fields; id++)
    {
      if ((table->required & ~present & (G_GUINT64_CONSTANT (1) << id)) != 0)
        {
          community_json_pointer_push_member (pointer, table->json_names[id]);
          community_json_set_error (error, COMMUNITY_PARSE_ERROR_MISSING, pointer,
                                    "the required member “%s” is missing or null",
                                    table->json_names[id]);
          ok = FALSE;
        }
    }

  if (ok)
    {
      guint identity_id = table->identity_id;

      /* The identity is construct-only; everything else goes straight into
       * the store, since nobody can be watching a record being read. */
      if (identity_id != 0 && (present & (G_GUINT64_CONSTANT (1) << identity_id)))
        {
          const char *names[] = { table->pspecs[identity_id]->name };

          record = (CommunityRecord *) g_object_new_with_properties (type, 1, names,
                                                                      &values[identity_id]);
        }
      else
        {
          record = g_object_new (type, NULL);
        }

      for (guint id = 1; id <= table->n_fields; id++)
        if (id != identity_id && (present & (G_GUINT64_CONSTANT (1) << id)))
          community_record_take_value (record, id, &values[id]);

      if (extra != NULL)
        community_record_take_extra (record, g_steal_pointer (&extra));
    }

  for (guint id = 1; id <= table->n_fields; id++)
    if (G_IS_VALUE (&values[id]))
      g_value_unset (&values[id]);

  return record;
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

static gboolean
read_header_member (const char                *name,
                    JsonNode                  *member,
                    GString                   *pointer,
                    CommunityDatasetContents  *contents,
                    GError                   **error)
{
  gint64 v;

  if (g_str_equal (name, "format"))
    {
      if (!JSON_NODE_HOLDS_VALUE (member) ||
          json_node_get_value_type (member) != G_TYPE_STRING ||
          g_strcmp0 (json_node_get_string (member), DATASET_FORMAT) != 0)
        {
          community_json_set_error (error, COMMUNITY_PARSE_ERROR_FORMAT, pointer,
                                    "expected the string “" DATASET_FORMAT "”: "
                                    "this is not a libcommunity dataset");
          return FALSE;
        }
    }
  else if (g_str_equal (name, "version"))
    {
      if (!read_integer (member, 0, G_MAXINT64, "a version number", pointer, &v, error))
        return FALSE;
      if (v != DATASET_VERSION)
        {
          community_json_set_error (error, COMMUNITY_PARSE_ERROR_VERSION, pointer,
                                    "expected version %d, found version %" G_GINT64_FORMAT
                                    ", which this library does not read",
                                    DATASET_VERSION, v);
          return FALSE;
        }
    }
  else if (g_str_equal (name, "as_of"))
    {
      GDate *as_of;

      if (!read_date (member, pointer, &as_of, error))
        return FALSE;
      g_clear_pointer (&contents->as_of, g_date_free);
      contents->as_of = as_of;
    }
  else if (g_str_equal (name, "codes_year"))
    {
      if (!read_integer (member, 1900, 9999, "a year", pointer, &v, error))
        return FALSE;
      contents->codes_year = (guint) v;
    }
  else
    {
      g_assert_not_reached ();
    }

  return TRUE;
}

static gboolean
read_entities (CommunityEntityKind        kind,
               JsonNode                  *member,
               GString                   *pointer,
               CommunityDatasetContents  *contents,
               GError                   **error)
{
  GType type = community_entity_kind_get_entity_type (kind);
  g_autoptr(GHashTable) seen = NULL;  /* identity -> index of first */
  g_autoptr(GPtrArray) entities = NULL;
  JsonArray *array;
  guint length;

  if (!JSON_NODE_HOLDS_ARRAY (member))
    {
      community_json_set_error (error, COMMUNITY_PARSE_ERROR_TYPE, pointer,
                                "expected an array of objects, found %s",
                                community_json_describe_node (member));
      return FALSE;
    }

  array = json_node_get_array (member);
  length = json_array_get_length (array);
  entities = g_ptr_array_new_full (length, g_object_unref);
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < length; i++)
    {
      gsize mark = community_json_pointer_push_index (pointer, i);
      CommunityRecord *record;
      const char *identity;
      gpointer first;

      record = community_json_read_record (type, json_array_get_element (array, i), pointer, error);
      if (record == NULL)
        return FALSE;
      g_ptr_array_add (entities, record);

      identity = community_entity_get_identity (COMMUNITY_ENTITY (record));
      if (identity != NULL && g_hash_table_lookup_extended (seen, identity, NULL, &first))
        {
          const CommunityFieldTable *table = community_record_get_fields (record);
          g_autoptr(GEnumClass) kinds = g_type_class_ref (COMMUNITY_TYPE_ENTITY_KIND);

          community_json_pointer_push_member (pointer, table->json_names[table->identity_id]);
          community_json_set_error (error, COMMUNITY_PARSE_ERROR_DUPLICATE, pointer,
                                    "expected a unique %s, but the %s at /%s/%u has the same one",
                                    table->json_names[table->identity_id],
                                    g_enum_get_value (kinds, kind)->value_nick,
                                    community_entity_kind_get_member_name (kind),
                                    GPOINTER_TO_UINT (first));
          return FALSE;
        }
      if (identity != NULL)
        g_hash_table_insert (seen, (gpointer) identity, GUINT_TO_POINTER (i));
      g_string_truncate (pointer, mark);
    }

  g_clear_pointer (&contents->entities[kind], g_ptr_array_unref);
  contents->entities[kind] = g_steal_pointer (&entities);
  return TRUE;
}

static gboolean
lookup_entity_kind (const char          *member_name,
                    CommunityEntityKind *kind)
{
  for (guint k = 0; k < COMMUNITY_N_ENTITY_KINDS; k++)
    if (g_str_equal (member_name, community_entity_kind_get_member_name (k)))
      {
        *kind = k;
        return TRUE;
      }
  return FALSE;
}

gboolean
community_json_read_dataset (JsonNode                  *root,
                             CommunityDatasetContents  *contents,
                             GError                   **error)
{
  static const char * const header[] = { "format", "version", "as_of", "codes_year", NULL };
  g_autoptr(GString) pointer = g_string_new (NULL);
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  memset (contents, 0, sizeof *contents);

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      community_json_set_error (error, COMMUNITY_PARSE_ERROR_FORMAT, pointer,
                                "expected an object, found %s",
                                root != NULL ? community_json_describe_node (root) : "nothing");
      return FALSE;
    }

  /* What the document is comes first, wherever it is written: a document
   * of another format is refused as such, not for its first odd member. */
  object = json_node_get_object (root);
  for (guint i = 0; i < 2; i++)
    {
      gsize mark = community_json_pointer_push_member (pointer, header[i]);

      member = json_object_get_member (object, header[i]);
      if (member == NULL)
        {
          community_json_set_error (error, i == 0 ? COMMUNITY_PARSE_ERROR_FORMAT
                                                  : COMMUNITY_PARSE_ERROR_MISSING,
                                    pointer, "the required member “%s” is missing", header[i]);
          return FALSE;
        }
      if (!read_header_member (header[i], member, pointer, contents, error))
        return FALSE;
      g_string_truncate (pointer, mark);
    }

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      gsize mark;
      CommunityEntityKind kind;
      gboolean ok = TRUE;

      if (g_str_equal (name, "format") || g_str_equal (name, "version"))
        continue;

      mark = community_json_pointer_push_member (pointer, name);
      if (g_strv_contains (header, name))
        ok = read_header_member (name, member, pointer, contents, error);
      else if (lookup_entity_kind (name, &kind))
        ok = read_entities (kind, member, pointer, contents, error);
      else
        {
          if (contents->extra == NULL)
            contents->extra = json_object_new ();
          json_object_set_member (contents->extra, name, json_node_copy (member));
        }

      if (!ok)
        {
          community_dataset_contents_clear (contents);
          return FALSE;
        }
      g_string_truncate (pointer, mark);
    }

  return TRUE;
}
