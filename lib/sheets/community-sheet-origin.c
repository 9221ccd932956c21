/* community-sheet-origin.c: where a dataset read from sheets came from
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * See community-sheet-source-private.h.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "community-sheet-source-private.h"

typedef struct {
  char *name;        /* the sheet's name as the file has it */
  GStrv headers;     /* each column's member path ("" for none) */
} SheetInfo;

struct _CommunitySheetOrigin {
  GObject parent_instance;
  GHashTable *sheets;                             /* CommunitySheetKind * -> SheetInfo */
  GArray *rows[COMMUNITY_N_ENTITY_KINDS];         /* guint32, by record */
  GHashTable *items;                              /* "kind/record/member" -> GArray of guint32 */
};

static void
sheet_info_free (gpointer data)
{
  SheetInfo *info = data;

  g_free (info->name);
  g_strfreev (info->headers);
  g_free (info);
}

G_DEFINE_FINAL_TYPE (CommunitySheetOrigin, community_sheet_origin, G_TYPE_OBJECT)

static void
community_sheet_origin_finalize (GObject *object)
{
  CommunitySheetOrigin *origin = (CommunitySheetOrigin *) object;

  g_hash_table_unref (origin->sheets);
  g_hash_table_unref (origin->items);
  for (guint k = 0; k < COMMUNITY_N_ENTITY_KINDS; k++)
    g_clear_pointer (&origin->rows[k], g_array_unref);
  G_OBJECT_CLASS (community_sheet_origin_parent_class)->finalize (object);
}

static void
community_sheet_origin_class_init (CommunitySheetOriginClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = community_sheet_origin_finalize;
}

static void
community_sheet_origin_init (CommunitySheetOrigin *origin)
{
  origin->sheets = g_hash_table_new_full (NULL, NULL, NULL, sheet_info_free);
  origin->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
}

CommunitySheetOrigin *
community_sheet_origin_new (void)
{
  return g_object_new (community_sheet_origin_get_type (), NULL);
}

void
community_sheet_origin_add_sheet (CommunitySheetOrigin     *origin,
                                  const CommunitySheetKind *kind,
                                  const char               *name)
{
  SheetInfo *info = g_new0 (SheetInfo, 1);

  info->name = g_strdup (name);
  info->headers = g_new0 (char *, 1);
  g_hash_table_replace (origin->sheets, (gpointer) kind, info);
}

void
community_sheet_origin_set_headers (CommunitySheetOrigin     *origin,
                                    const CommunitySheetKind *kind,
                                    char                    **headers,
                                    guint32                   n_columns)
{
  SheetInfo *info = g_hash_table_lookup (origin->sheets, kind);

  if (info == NULL)
    return;
  g_strfreev (info->headers);
  info->headers = g_new0 (char *, n_columns + 1);
  for (guint32 c = 0; c < n_columns; c++)
    info->headers[c] = g_strdup (headers[c] != NULL ? headers[c] : "");
}

void
community_sheet_origin_add_row (CommunitySheetOrigin *origin,
                                CommunityEntityKind   kind,
                                guint32               row)
{
  if (origin->rows[kind] == NULL)
    origin->rows[kind] = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_array_append_val (origin->rows[kind], row);
}

static char *
item_key (CommunityEntityKind kind,
          guint               record,
          const char         *member)
{
  return g_strdup_printf ("%u/%u/%s", (guint) kind, record, member);
}

void
community_sheet_origin_add_item (CommunitySheetOrigin *origin,
                                 CommunityEntityKind   kind,
                                 int                   record,
                                 const char           *member,
                                 guint32               row)
{
  g_autofree char *key = item_key (kind, (guint) record, member);
  GArray *rows = g_hash_table_lookup (origin->items, key);

  if (rows == NULL)
    {
      rows = g_array_new (FALSE, FALSE, sizeof (guint32));
      g_hash_table_insert (origin->items, g_steal_pointer (&key), rows);
    }
  g_array_append_val (rows, row);
}

/* A JSON Pointer's reference tokens, unescaped. */
static GStrv
split_pointer (const char *pointer)
{
  g_auto(GStrv) parts = NULL;

  if (pointer == NULL || pointer[0] != '/')
    return NULL;
  parts = g_strsplit (pointer + 1, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      GString *s = g_string_new (NULL);

      for (const char *p = parts[i]; *p != '\0'; p++)
        {
          if (p[0] == '~' && p[1] == '1')
            g_string_append_c (s, '/'), p++;
          else if (p[0] == '~' && p[1] == '0')
            g_string_append_c (s, '~'), p++;
          else
            g_string_append_c (s, *p);
        }
      g_free (parts[i]);
      parts[i] = g_string_free (s, FALSE);
    }
  return g_steal_pointer (&parts);
}

static gboolean
parse_index (const char *s,
             guint      *out)
{
  char *end = NULL;
  guint64 v;

  if (s == NULL || !g_ascii_isdigit (*s))
    return FALSE;
  v = g_ascii_strtoull (s, &end, 10);
  if (*end != '\0' || v > G_MAXINT)
    return FALSE;
  *out = (guint) v;
  return TRUE;
}

/* "sheet!F12" for the member path @parts (NULL-terminated) in @info's
 * columns, the longest prefix that is a column; "sheet!12:12" if none. */
static char *
cell_of (const SheetInfo *info,
         guint32          row,
         char           **parts)
{
  guint n = parts != NULL ? g_strv_length (parts) : 0;

  for (; n > 0; n--)
    {
      g_autoptr(GString) path = g_string_new (NULL);

      for (guint i = 0; i < n; i++)
        g_string_append_printf (path, "%s%s", i > 0 ? "/" : "", parts[i]);
      for (guint c = 0; info->headers[c] != NULL; c++)
        if (strcmp (info->headers[c], path->str) == 0)
          {
            char cell[24];

            community_sheet_cell_name (row, c, cell);
            return g_strdup_printf ("%s!%s", info->name, cell);
          }
    }
  return g_strdup_printf ("%s!%u:%u", info->name, row, row);
}

char *
community_sheet_origin_locate (CommunitySheetOrigin *origin,
                               const char           *pointer)
{
  g_auto(GStrv) parts = split_pointer (pointer);
  const CommunitySheetKind *sheet;
  const SheetInfo *info;
  guint index, item;
  guint32 row;

  if (origin == NULL || parts == NULL || parts[0] == NULL || parts[1] == NULL)
    return NULL;
  sheet = community_sheet_layout_find (parts[0]);
  if (sheet == NULL || sheet->type != COMMUNITY_SHEET_KIND_ENTITIES ||
      !parse_index (parts[1], &index) || origin->rows[sheet->kind] == NULL ||
      index >= origin->rows[sheet->kind]->len ||
      (info = g_hash_table_lookup (origin->sheets, sheet)) == NULL)
    return NULL;
  row = g_array_index (origin->rows[sheet->kind], guint32, index);

  /* An item of a list that has its own sheet. */
  for (guint c = 0; parts[2] != NULL && c < sheet->children->len; c++)
    {
      const CommunitySheetKind *child = g_ptr_array_index (sheet->children, c);
      g_autofree char *key = NULL;
      const SheetInfo *child_info;
      GArray *rows;

      if (strcmp (child->member, parts[2]) != 0)
        continue;
      key = item_key (sheet->kind, index, child->member);
      rows = g_hash_table_lookup (origin->items, key);
      child_info = g_hash_table_lookup (origin->sheets, child);
      if (rows == NULL || child_info == NULL || !parse_index (parts[3], &item) || item >= rows->len)
        break;
      return cell_of (child_info, g_array_index (rows, guint32, item), parts + 4);
    }
  return cell_of (info, row, parts + 2);
}
