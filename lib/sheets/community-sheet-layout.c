/* community-sheet-layout.c: the sheets and columns of a dataset workbook
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * See community-sheet-layout.h.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "community-sheet-layout.h"
#include "community-record-private.h"

#define TITLES_RESOURCE "/org/libcommunity/data/sheet-titles.json"

/* The titles file, parsed once; its strings live as long as the process. */
static JsonObject *
titles (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GBytes) bytes = g_resources_lookup_data (TITLES_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      JsonNode *root;

      g_assert (bytes != NULL);
      if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                       (gssize) g_bytes_get_size (bytes), NULL))
        g_assert_not_reached ();
      root = json_parser_steal_root (parser);
      g_once_init_leave (&once, (gsize) json_node_get_object (root));
      /* root is kept: its object is what once points at */
    }
  return (JsonObject *) once;
}

static const char *
title_of (const char *sheet,
          const char *path)
{
  JsonObject *all = titles ();
  JsonObject *object;

  if (path == NULL)
    {
      object = json_object_get_object_member (all, "sheets");
      return json_object_has_member (object, sheet) ? json_object_get_string_member (object, sheet) : NULL;
    }
  object = json_object_get_object_member (all, "columns");
  if (!json_object_has_member (object, sheet))
    return NULL;
  object = json_object_get_object_member (object, sheet);
  return json_object_has_member (object, path) ? json_object_get_string_member (object, path) : NULL;
}

static void
column_free (gpointer data)
{
  CommunitySheetColumn *column = data;

  g_free (column->path);
  g_free (column);
}

static CommunitySheetKind *
sheet_new (CommunitySheetKindType type,
           const char            *name)
{
  CommunitySheetKind *sheet = g_new0 (CommunitySheetKind, 1);

  sheet->type = type;
  sheet->name = g_strdup (name);
  sheet->title = title_of (name, NULL);
  sheet->columns = g_ptr_array_new_with_free_func (column_free);
  sheet->by_header = g_hash_table_new (g_str_hash, g_str_equal);
  sheet->children = g_ptr_array_new ();
  return sheet;
}

static void
add_column (CommunitySheetKind *sheet,
            const char         *path,
            GParamSpec         *pspec)
{
  CommunitySheetColumn *column = g_new0 (CommunitySheetColumn, 1);

  column->path = g_strdup (path);
  column->title = title_of (sheet->name, path);
  column->pspec = pspec;
  g_ptr_array_add (sheet->columns, column);
  g_hash_table_insert (sheet->by_header, column->path, column);
  if (column->title != NULL)
    g_hash_table_insert (sheet->by_header, (gpointer) column->title, column);
}

static const CommunityFieldTable *
fields_of (GType type)
{
  GTypeClass *klass = g_type_class_ref (type);   /* classes stay */

  return community_record_class_get_fields (COMMUNITY_RECORD_CLASS (klass));
}

/* The leaves of @type's fields under @prefix, into @sheet; its list
 * fields into @out as child sheets (entity sheets only). */
static void
add_fields (GPtrArray          *out,
            CommunitySheetKind *sheet,
            GType               type,
            const char         *prefix)
{
  const CommunityFieldTable *table = fields_of (type);

  for (guint id = 1; id <= table->n_fields; id++)
    {
      GParamSpec *pspec = table->pspecs[id];
      GType value_type = G_PARAM_SPEC_VALUE_TYPE (pspec);
      g_autofree char *path = g_strconcat (prefix, table->json_names[id], NULL);

      if (g_type_is_a (value_type, COMMUNITY_TYPE_RECORD))
        {
          g_autofree char *nested = g_strconcat (path, "/", NULL);

          add_fields (out, sheet, value_type, nested);
        }
      else if (value_type == G_TYPE_LIST_MODEL && out != NULL && *prefix == '\0')
        {
          const CommunityFieldTable *parent = fields_of (sheet->record_type);
          g_autofree char *name = g_strconcat (sheet->name, "_", path, NULL);
          CommunitySheetKind *child = sheet_new (COMMUNITY_SHEET_KIND_CHILD, name);

          child->kind = sheet->kind;
          child->record_type = table->fields[id].item_type ();
          child->parent = sheet;
          child->member = g_strdup (path);
          child->link = parent->json_names[parent->identity_id];
          add_fields (NULL, child, child->record_type, "");
          g_ptr_array_add (sheet->children, child);
        }
      else
        add_column (sheet, path, pspec);
    }
}

static GPtrArray *
build (void)
{
  GPtrArray *sheets = g_ptr_array_new ();
  CommunitySheetKind *dataset = sheet_new (COMMUNITY_SHEET_KIND_DATASET, COMMUNITY_SHEET_DATASET);
  const char *header[] = { "format", "version", "as_of", "codes_year" };

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    add_column (dataset, header[i], NULL);
  g_ptr_array_add (sheets, dataset);

  for (guint k = 0; k < COMMUNITY_N_ENTITY_KINDS; k++)
    {
      CommunitySheetKind *sheet = sheet_new (COMMUNITY_SHEET_KIND_ENTITIES,
                                             community_entity_kind_get_member_name (k));

      sheet->kind = k;
      sheet->record_type = community_entity_kind_get_entity_type (k);
      add_fields (sheets, sheet, sheet->record_type, "");
      g_ptr_array_add (sheets, sheet);
      for (guint c = 0; c < sheet->children->len; c++)
        g_ptr_array_add (sheets, g_ptr_array_index (sheet->children, c));
    }
  return sheets;
}

GPtrArray *
community_sheet_layout_get (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    g_once_init_leave (&once, (gsize) build ());
  return (GPtrArray *) once;
}

const CommunitySheetKind *
community_sheet_layout_find (const char *name)
{
  GPtrArray *sheets = community_sheet_layout_get ();

  for (guint i = 0; i < sheets->len; i++)
    {
      const CommunitySheetKind *sheet = g_ptr_array_index (sheets, i);

      if (strcmp (sheet->name, name) == 0 || g_strcmp0 (sheet->title, name) == 0)
        return sheet;
    }
  return NULL;
}

const CommunitySheetKind *
community_sheet_layout_for_kind (CommunityEntityKind kind)
{
  return community_sheet_layout_find (community_entity_kind_get_member_name (kind));
}

const CommunitySheetColumn *
community_sheet_kind_find_column (const CommunitySheetKind *sheet,
                                  const char               *header)
{
  return g_hash_table_lookup (sheet->by_header, header);
}

const char *
community_sheet_kind_title (const CommunitySheetKind *sheet,
                            const char               *path)
{
  return title_of (sheet->name, path);
}
