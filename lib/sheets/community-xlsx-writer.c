/* community-xlsx-writer.c: a book of cells as an .xlsx package
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * libxlsxwriter writes the workbook (community-sheet-writer.h): text cells
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
 * The workbook is written in libxlsxwriter's constant-memory mode (each
 * row goes to a temporary file as it is written, its strings inline rather
 * than shared), into a temporary file that is then read back.
 */

#include "config.h"

#include <string.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>

#include "community-sheet-writer.h"
#include "community-sheet-layout.h"
#include "community-vocabulary-private.h"

#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>

/* Excel's limits: a sheet's name, a list validation's text. */
#define SHEET_NAME_MAX 31
#define LIST_MAX_CHARS 255
/* The rows a list validation covers at least. */
#define VALIDATED_ROWS 1000

typedef struct {
  lxw_workbook *workbook;
  lxw_format *text;
  lxw_format *header;
  CommunitySheetWriteFlags flags;
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
add_list (lxw_worksheet *worksheet,
          lxw_col_t      col,
          lxw_row_t      last_row,
          GType          type,
          gboolean       titles)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  g_autofree const char **list = g_new0 (const char *, klass->n_values + 1);
  lxw_data_validation validation = { 0 };
  glong chars = 0;

  for (guint i = 0; i < klass->n_values; i++)
    {
      const char *nick = klass->values[i].value_nick;
      const char *term = titles ? community_vocabulary_chinese_term (type, nick) : NULL;

      list[i] = term != NULL ? term : nick;
      if (strchr (list[i], ',') != NULL || strchr (list[i], '"') != NULL)
        return;
      chars += g_utf8_strlen (list[i], -1) + (i > 0);
    }
  if (chars > LIST_MAX_CHARS)
    return;

  validation.validate = LXW_VALIDATION_TYPE_LIST;
  validation.value_list = (char **) list;   /* read only */
  validation.ignore_blank = LXW_VALIDATION_ON;
  worksheet_data_validation_range (worksheet, 1, col, MAX (last_row, VALIDATED_ROWS) - 1, col, &validation);
}

static gboolean
set_error (GError                **error,
           const CommunitySheet   *sheet,
           guint32                 row,
           guint32                 column,
           lxw_error               status)
{
  char cell[24];

  community_sheet_cell_name (row, column, cell);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s!%s: cannot write the cell: %s"),
               sheet->name, cell, lxw_strerror (status));
  return FALSE;
}

static gboolean
write_sheet (Writer                *writer,
             const CommunitySheet  *sheet,
             GError               **error)
{
  gboolean titles = (writer->flags & COMMUNITY_SHEET_WRITE_TITLES) != 0;
  const CommunitySheetKind *kind = community_sheet_layout_find (sheet->name);
  gboolean has_header = kind != NULL && kind->type != COMMUNITY_SHEET_KIND_DATASET;
  lxw_worksheet *worksheet;
  lxw_row_t last_row = 0;

  if (g_utf8_strlen (sheet->name, -1) > SHEET_NAME_MAX ||
      workbook_validate_sheet_name (writer->workbook, sheet->name) != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("%s: not a name Excel takes for a sheet (at most 31 characters, none of []:*?/\\)"),
                   sheet->name);
      return FALSE;
    }
  worksheet = workbook_add_worksheet (writer->workbook, sheet->name);

  if (sheet->rows->len > 0)
    last_row = g_array_index (sheet->rows, CommunitySheetRow, sheet->rows->len - 1).number;

  /* The columns' formats, the header's comments and lists, before any
   * row is written (constant-memory mode writes rows as they come). */
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
          lxw_comment_options options = { .x_scale = 2, .y_scale = 1.5 };

          worksheet_set_column (worksheet, cells[i].column, cells[i].column,
                                MAX (10, MIN (40, g_utf8_strlen (text, -1) * 1.6 + 2)),
                                json || is_text_column (column) ? writer->text : NULL);
          if (comment != NULL)
            worksheet_write_comment_opt (worksheet, 0, cells[i].column, comment, &options);
          if (column != NULL && column->pspec != NULL && G_TYPE_IS_ENUM (G_PARAM_SPEC_VALUE_TYPE (column->pspec)))
            add_list (worksheet, cells[i].column, last_row, G_PARAM_SPEC_VALUE_TYPE (column->pspec), titles);
        }
      worksheet_freeze_panes (worksheet, 1, 0);
    }
  else if (kind != NULL && kind->type == COMMUNITY_SHEET_KIND_DATASET)
    worksheet_set_column (worksheet, 0, 1, 24, writer->text);

  for (guint r = 0; r < sheet->rows->len; r++)
    {
      const CommunitySheetRow *row = &g_array_index (sheet->rows, CommunitySheetRow, r);
      const CommunityCell *cells = community_sheet_row_cells (sheet, row);
      lxw_format *text_format = has_header && row->number == 1 ? writer->header : writer->text;

      for (guint i = 0; i < row->n_cells; i++)
        {
          const CommunityCell *cell = &cells[i];
          lxw_error status;

          switch (cell->type)
            {
            case COMMUNITY_CELL_NUMBER:
              status = worksheet_write_number (worksheet, row->number - 1, cell->column, cell->number, NULL);
              break;
            case COMMUNITY_CELL_BOOLEAN:
              status = worksheet_write_boolean (worksheet, row->number - 1, cell->column, cell->number != 0, NULL);
              break;
            case COMMUNITY_CELL_STRING:
            case COMMUNITY_CELL_DATE:   /* its "YYYY-MM-DD" text, which the reader takes */
            default:
              status = worksheet_write_string (worksheet, row->number - 1, cell->column, cell->text, text_format);
              break;
            }
          if (status != LXW_NO_ERROR)
            return set_error (error, sheet, row->number, cell->column, status);
        }
    }
  return TRUE;
}
#endif /* HAVE_XLSXWRITER */

/* community-sheet-writer.h */
GBytes *
community_xlsx_write (const CommunitySheetBook *book,
                      CommunitySheetWriteFlags  flags,
                      GError                  **error)
{
#ifdef HAVE_XLSXWRITER
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_FALSE };
  g_autofree char *tmpdir = g_strdup (g_get_tmp_dir ());
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  gsize length;
  Writer writer = { NULL, NULL, NULL, flags };
  gboolean ok = TRUE;
  lxw_error status;
  int fd;

  g_return_val_if_fail (book != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  fd = g_file_open_tmp ("community-XXXXXX.xlsx", &path, error);
  if (fd < 0)
    return NULL;
  close (fd);

  options.tmpdir = tmpdir;
  writer.workbook = workbook_new_opt (path, &options);
  if (writer.workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("could not create the workbook %s"), path);
      g_unlink (path);
      return NULL;
    }
  writer.text = workbook_add_format (writer.workbook);
  format_set_num_format (writer.text, "@");
  writer.header = workbook_add_format (writer.workbook);
  format_set_num_format (writer.header, "@");
  format_set_bold (writer.header);
  format_set_bg_color (writer.header, 0xE8EDF4);
  format_set_bottom (writer.header, LXW_BORDER_THIN);

  for (guint i = 0; i < book->sheets->len && ok; i++)
    ok = write_sheet (&writer, g_ptr_array_index (book->sheets, i), error);

  status = workbook_close (writer.workbook);
  if (ok && status != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("could not write the workbook: %s"),
                   lxw_strerror (status));
      ok = FALSE;
    }
  if (ok)
    ok = g_file_get_contents (path, &data, &length, error);
  g_unlink (path);
  if (!ok)
    return NULL;
  return g_bytes_new_take (g_steal_pointer (&data), length);
#else
  g_return_val_if_fail (book != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("this libcommunity was built without libxlsxwriter: it cannot write Excel workbooks"));
  return NULL;
#endif
}
