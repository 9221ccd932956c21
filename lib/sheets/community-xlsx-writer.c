/* community-xlsx-writer.c: a book of cells as an .xlsx package
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The streaming writer (community-xlsx-stream.h) writes the workbook
 * (community-sheet-writer.h): text cells
 * with the text number format "@", also set on the text columns as a
 * whole so that what a person types there stays text (a code never
 * becomes 3.20213E+11); numbers as numbers, booleans as booleans. On the
 * entity and child sheets, row 1 (the headers) is bold and frozen; each
 * known column's header carries a comment saying what the member means
 * (its Chinese title, its path and the kind of value it takes, from the
 * layout and the field's type), and each enum column offers its values as
 * a drop-down list (data validation) over rows 2 to 1000 or the last row:
 * the JSON words, or their Chinese terms with
 * COMMUNITY_SHEET_WRITE_TITLES (the reader takes both). Excel keeps a
 * list's text under 255 characters: a longer one gets no list.
 *
 * The workbook is written in memory by the library's streaming writer
 * (community-xlsx-stream.h): each row goes into its sheet's deflated zip
 * entry as it is written, its strings inline, but for a vocabulary's
 * column (enum or flags), whose few words are shared strings.
 */

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "community-sheet-writer.h"
#include "community-sheet-layout.h"
#include "community-vocabulary-private.h"
#include "community-xlsx-stream.h"

/* The rows a list validation covers at least. */
#define VALIDATED_ROWS 1000

typedef struct {
  CommunityXlsxStream *stream;
  CommunitySheetWriteFlags flags;
  GArray *cells;           /* CommunityXlsxCell: a row, by column */
  GArray *shared;          /* gboolean by column: a vocabulary's column */
} Writer;

/* What kind of value a field takes, for its header's comment. */
static char *
value_kind (GParamSpec *pspec,
            gboolean    titles)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_UINT || (G_IS_PARAM_SPEC_INT64 (pspec) && G_PARAM_SPEC_INT64 (pspec)->minimum >= 0))
    return g_strdup ("非负整数");
  if (type == G_TYPE_INT64)
    return g_strdup ("整数");
  if (type == G_TYPE_DOUBLE)
    return g_strdup ("数值");
  if (type == G_TYPE_BOOLEAN)
    return g_strdup ("是/否 (TRUE/FALSE)");
  if (type == G_TYPE_DATE)
    return g_strdup ("日期 YYYY-MM-DD");
  if (type == G_TYPE_DATE_TIME)
    return g_strdup ("时间 YYYY-MM-DDTHH:MM:SS+08:00");
  if (type == G_TYPE_STRV)
    return g_strdup ("文本列表, 以 ; 分隔");
  if (G_TYPE_IS_ENUM (type) || G_TYPE_IS_FLAGS (type))
    {
      GString *out = g_string_new (G_TYPE_IS_ENUM (type) ? "取值之一: " : "取值, 多个以 ; 分隔: ");
      g_autoptr(GTypeClass) klass = g_type_class_ref (type);
      guint n_values = G_TYPE_IS_ENUM (type) ? G_ENUM_CLASS (klass)->n_values : G_FLAGS_CLASS (klass)->n_values;

      for (guint i = 0; i < n_values; i++)
        {
          const char *nick = G_TYPE_IS_ENUM (type) ? G_ENUM_CLASS (klass)->values[i].value_nick
                                                   : G_FLAGS_CLASS (klass)->values[i].value_nick;
          const char *term = community_vocabulary_chinese_term (type, nick);

          if (i > 0)
            g_string_append (out, "、");
          if (term != NULL)
            g_string_append_printf (out, "%s (%s)", titles ? term : nick, titles ? nick : term);
          else
            g_string_append (out, nick);
        }
      return g_string_free (out, FALSE);
    }
  return g_strdup ("文本");
}

/* The comment of the header @header of @kind's sheet; NULL for none. */
static char *
header_comment (const CommunitySheetKind *kind,
                const char               *header,
                gboolean                  titles)
{
  g_autofree char *name = g_str_has_suffix (header, COMMUNITY_SHEET_JSON_SUFFIX)
                          ? g_strndup (header, strlen (header) - strlen (COMMUNITY_SHEET_JSON_SUFFIX))
                          : g_strdup (header);
  gboolean json = strcmp (name, header) != 0;
  const CommunitySheetColumn *column = community_sheet_kind_find_column (kind, name);
  g_autofree char *what = NULL;

  if (kind->type == COMMUNITY_SHEET_KIND_CHILD && strcmp (name, kind->link) == 0)
    return g_strdup_printf ("%s\n%s: 所属%s记录的 %s", kind->title != NULL ? kind->title : kind->name,
                            kind->link, kind->parent->title != NULL ? kind->parent->title : kind->parent->name,
                            kind->link);
  if (column == NULL)
    return g_strdup_printf ("%s\n本库不认识的成员, 原样保留%s", name,
                            json ? "; 单元格为 JSON 文本" : "");
  what = json ? g_strdup ("JSON 文本") : value_kind (column->pspec, titles);
  if (column->title != NULL)
    return g_strdup_printf ("%s\n%s\n%s", column->title, column->path, what);
  return g_strdup_printf ("%s\n%s", column->path, what);
}

/* Whether @column of @kind takes text (its whole column formatted "@"). */
static gboolean
is_text_column (const CommunitySheetColumn *column)
{
  GType type;

  if (column == NULL || column->pspec == NULL)
    return TRUE;
  type = G_PARAM_SPEC_VALUE_TYPE (column->pspec);
  return !(type == G_TYPE_UINT || type == G_TYPE_INT64 || type == G_TYPE_DOUBLE || type == G_TYPE_BOOLEAN);
}

/* A drop-down list of @type's values on @col over rows 2..@last_row
 * (1-based); nothing when the list is longer than Excel holds. */
static void
add_list (CommunityXlsxStream *stream,
          guint32              col,
          guint32              last_row,
          GType                type,
          gboolean             titles)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  g_autofree const char **list = g_new0 (const char *, klass->n_values + 1);

  for (guint i = 0; i < klass->n_values; i++)
    {
      const char *nick = klass->values[i].value_nick;
      const char *term = titles ? community_vocabulary_chinese_term (type, nick) : NULL;

      list[i] = term != NULL ? term : nick;
    }
  community_xlsx_stream_list_validation (stream, col, 1, MAX (last_row, VALIDATED_ROWS) - 1, list);
}

static gboolean
write_sheet (Writer                *writer,
             const CommunitySheet  *sheet,
             GError               **error)
{
  gboolean titles = (writer->flags & COMMUNITY_SHEET_WRITE_TITLES) != 0;
  const CommunitySheetKind *kind = community_sheet_layout_find (sheet->name);
  gboolean has_header = kind != NULL && kind->type != COMMUNITY_SHEET_KIND_DATASET;
  CommunityXlsxStream *stream = writer->stream;
  guint32 last_row = 0;

  if (!community_xlsx_stream_add_sheet (stream, sheet->name, error))
    return FALSE;
  g_array_set_size (writer->shared, 0);

  if (sheet->rows->len > 0)
    last_row = g_array_index (sheet->rows, CommunitySheetRow, sheet->rows->len - 1).number;

  /* The columns' formats, the header's comments and lists, before any
   * row is written. */
  if (has_header && sheet->rows->len > 0 &&
      g_array_index (sheet->rows, CommunitySheetRow, 0).number == 1)
    {
      const CommunitySheetRow *header = &g_array_index (sheet->rows, CommunitySheetRow, 0);
      const CommunityCell *cells = community_sheet_row_cells (sheet, header);

      for (guint i = 0; i < header->n_cells; i++)
        {
          const char *text = cells[i].text;
          gboolean json = g_str_has_suffix (text, COMMUNITY_SHEET_JSON_SUFFIX);
          const CommunitySheetColumn *column = json ? NULL : community_sheet_kind_find_column (kind, text);
          g_autofree char *comment = header_comment (kind, text, titles);

          community_xlsx_stream_set_columns (stream, cells[i].column, cells[i].column,
                                             MAX (10, MIN (40, g_utf8_strlen (text, -1) * 1.6 + 2)),
                                             json || is_text_column (column) ? COMMUNITY_XLSX_STYLE_TEXT
                                                                             : COMMUNITY_XLSX_STYLE_NONE);
          if (comment != NULL)
            community_xlsx_stream_comment (stream, 0, cells[i].column, comment);
          if (column != NULL && column->pspec != NULL && G_TYPE_IS_ENUM (G_PARAM_SPEC_VALUE_TYPE (column->pspec)))
            add_list (stream, cells[i].column, last_row, G_PARAM_SPEC_VALUE_TYPE (column->pspec), titles);
          /* A vocabulary's words repeat row after row: shared strings. */
          if (column != NULL && column->pspec != NULL &&
              (G_TYPE_IS_ENUM (G_PARAM_SPEC_VALUE_TYPE (column->pspec)) ||
               G_TYPE_IS_FLAGS (G_PARAM_SPEC_VALUE_TYPE (column->pspec))) &&
              cells[i].column < COMMUNITY_XLSX_MAX_COLUMNS)
            {
              if (writer->shared->len <= cells[i].column)
                g_array_set_size (writer->shared, cells[i].column + 1);
              g_array_index (writer->shared, gboolean, cells[i].column) = TRUE;
            }
        }
      community_xlsx_stream_freeze_rows (stream, 1);
    }
  else if (kind != NULL && kind->type == COMMUNITY_SHEET_KIND_DATASET)
    community_xlsx_stream_set_columns (stream, 0, 1, 24, COMMUNITY_XLSX_STYLE_TEXT);

  for (guint r = 0; r < sheet->rows->len; r++)
    {
      const CommunitySheetRow *row = &g_array_index (sheet->rows, CommunitySheetRow, r);
      const CommunityCell *cells = community_sheet_row_cells (sheet, row);
      CommunityXlsxStyle text_style = has_header && row->number == 1 ? COMMUNITY_XLSX_STYLE_HEADER_TEXT
                                                                      : COMMUNITY_XLSX_STYLE_TEXT;
      guint32 width = row->n_cells > 0 ? cells[row->n_cells - 1].column + 1 : 0;

      /* The row by column, its gaps empty. */
      g_array_set_size (writer->cells, 0);
      g_array_set_size (writer->cells, MIN (width, COMMUNITY_XLSX_MAX_COLUMNS + 1));
      for (guint i = 0; i < row->n_cells && cells[i].column < writer->cells->len; i++)
        {
          const CommunityCell *cell = &cells[i];
          CommunityXlsxCell *out = &g_array_index (writer->cells, CommunityXlsxCell, cell->column);

          switch (cell->type)
            {
            case COMMUNITY_CELL_NUMBER:
              out->type = COMMUNITY_XLSX_NUMBER;
              out->number = cell->number;
              break;
            case COMMUNITY_CELL_BOOLEAN:
              out->type = COMMUNITY_XLSX_BOOLEAN;
              out->number = cell->number;
              break;
            case COMMUNITY_CELL_STRING:
            case COMMUNITY_CELL_DATE:   /* its "YYYY-MM-DD" text, which the reader takes */
            default:
              out->type = row->number > 1 && cell->column < writer->shared->len &&
                          g_array_index (writer->shared, gboolean, cell->column)
                          ? COMMUNITY_XLSX_SHARED : COMMUNITY_XLSX_STRING;
              out->text = cell->text;
              out->style = text_style;
              break;
            }
        }
      if (!community_xlsx_stream_write_row (stream, row->number - 1,
                                            (const CommunityXlsxCell *) writer->cells->data,
                                            writer->cells->len, error))
        return FALSE;
    }
  return TRUE;
}

/* community-sheet-writer.h */
GBytes *
community_xlsx_write (const CommunitySheetBook *book,
                      CommunitySheetWriteFlags  flags,
                      GCancellable             *cancellable,
                      GError                  **error)
{
  g_autoptr(CommunityXlsxStream) stream = NULL;
  g_autoptr(GArray) cells = NULL;
  g_autoptr(GArray) shared = g_array_new (FALSE, TRUE, sizeof (gboolean));
  Writer writer = { NULL, flags, NULL, shared };
  GBytes *bytes = NULL;

  g_return_val_if_fail (book != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stream = community_xlsx_stream_new_in_memory ();
  community_xlsx_stream_set_cancellable (stream, cancellable);
  cells = g_array_new (FALSE, TRUE, sizeof (CommunityXlsxCell));
  writer.stream = stream;
  writer.cells = cells;
  for (guint i = 0; i < book->sheets->len; i++)
    if (!write_sheet (&writer, g_ptr_array_index (book->sheets, i), error))
      return NULL;
  if (!community_xlsx_stream_finish (stream, &bytes, error))
    return NULL;
  return bytes;
}
