/* community-csv.c: CSV files into sheets of a book, and sheets into CSV
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * RFC 4180, with the readings a spreadsheet user's file needs (DOMAIN.md
 * §9). Nothing of the dataset format is here: a file is a sheet of
 * string cells, row n the file's n-th record.
 *
 * Encoding. A file starting with a UTF-16 byte order mark (FF FE or
 * FE FF) is refused. A UTF-8 byte order mark (EF BB BF) is skipped, and
 * the rest must then be UTF-8. Otherwise the rule is, in this order:
 *
 *  1. bytes that are valid UTF-8 are read as UTF-8;
 *  2. bytes that are not are converted from GB18030 (g_convert(), which
 *     refuses a sequence that GB18030 does not define: GB18030 maps every
 *     well-formed byte sequence, but not every byte sequence, so a file
 *     in another encoding is very rarely taken for it whole);
 *  3. bytes that are neither are refused (COMMUNITY_PARSE_ERROR_SYNTAX)
 *     with the file's name and the byte offset, counted from 0 in the file
 *     as given, at which the reading that went further stopped (a UTF-8
 *     file with one bad byte is reported at that byte, a GB18030 file with
 *     one bad sequence at that sequence).
 *
 * So a file is never read in an encoding that does not decode all of it;
 * the one ambiguity left, a GB18030 file that happens to be valid UTF-8,
 * is read as UTF-8, as every such tool does (real Chinese text in GB18030
 * is valid UTF-8 only when it is very short).
 *
 * Readings of the grammar:
 *  - line ends are CR LF, LF or CR, also mixed; inside quotes they are the
 *    field's text, as written;
 *  - every record is a row, numbered from 1 in the order of the records
 *    (not of the physical lines: a quoted field may span lines). An empty
 *    line is a record with no cells: it stores nothing but takes its row
 *    number. A last line without a line end is a record; a line end at
 *    the very end starts none;
 *  - an empty field is not stored (empty means unset); every stored cell
 *    is a COMMUNITY_CELL_STRING;
 *  - ragged rows are kept as written: a short row simply has fewer cells,
 *    and a row longer than row 1 keeps its extra cells (what a cell without
 *    a header means is the dataset layer's business);
 *  - a quote inside an unquoted field (`ab"c`, or ` "x"` after a space) is
 *    read literally, as a character of the field, as Excel does;
 *  - text after the closing quote of a quoted field (`"ab"c`) is refused
 *    (COMMUNITY_PARSE_ERROR_SYNTAX), naming the cell: it has no reading
 *    that is not a guess;
 *  - a quote not closed before the end of the file is refused, naming the
 *    cell where the field started;
 *  - U+0000 in a field is refused (COMMUNITY_PARSE_ERROR_LIMIT), naming
 *    the cell, as in JSON.
 *
 * Folders and zips: each regular file (or entry) whose name ends in
 * ".csv", in any case, is a sheet named by the name without it, in the
 * byte order of the names; other files, hidden ones (".x.csv", such as
 * the "._x.csv" files macOS leaves) and, in a zip, "__MACOSX/" are left
 * out. A zip's .csv entries must all be at its top level or all in one
 * top-level folder (what zipping a folder gives). Two files of one sheet
 * name ("a.csv", "a.CSV") are refused (COMMUNITY_PARSE_ERROR_DUPLICATE),
 * as is a folder or zip without a .csv file or with more than
 * COMMUNITY_SHEET_MAX_SHEETS of them. A file is read whole: one refused
 * file refuses the folder.
 *
 * Messages name the file, the cell ("communities.csv!C7") or the byte
 * offset, never a cell's contents.
 */

#include "config.h"

#include <string.h>

#include <community/community-error.h>

#include "community-sheet-book.h"
#include "community-zip.h"
#include "community-error-private.h"
#include "community-string-private.h"

/* --- reading --- */

/* Bytes that end an unquoted field. */
static const guint8 csv_special[256] = {
  [','] = 1, ['\n'] = 1, ['\r'] = 1,
};

typedef struct {
  CommunitySheetBook *book;
  CommunitySheet *sheet;
  const char *file_name;
  const char *first_nul;  /* in the decoded text, or NULL */
  gsize text_total;       /* the book's cell text, this sheet's included */
  GString *scratch;       /* a quoted field's text with "" undone */
} CsvReader;

static gsize
book_text_length (CommunitySheetBook *book)
{
  gsize total = 0;

  for (guint i = 0; i < book->sheets->len; i++)
    {
      CommunitySheet *sheet = g_ptr_array_index (book->sheets, i);

      for (guint j = 0; j < sheet->cells->len; j++)
        total += g_array_index (sheet->cells, CommunityCell, j).length;
    }
  return total;
}

static void
set_cell_error (GError     **error,
                gint         code,
                const char  *file_name,
                guint32      row,
                guint32      column,
                const char  *what)
{
  char cell[24];

  community_sheet_cell_name (row, column, cell);
  g_set_error (error, COMMUNITY_PARSE_ERROR, code, "%s!%s: %s", file_name, cell, what);
  if (error != NULL)
    community_parse_error_set_cell (*error, file_name, cell, NULL);
}

/* Stores the field [start, end) of @row, @column (its text @text,
 * @length bytes: the same span, or the scratch buffer's text). */
static gboolean
store_field (CsvReader   *reader,
             guint32      row,
             guint32      column,
             const char  *start,
             const char  *end,
             const char  *text,
             gsize        length,
             GError     **error)
{
  if (reader->first_nul != NULL && reader->first_nul >= start && reader->first_nul < end)
    {
      set_cell_error (error, COMMUNITY_PARSE_ERROR_LIMIT, reader->file_name, row, column,
                      "the character U+0000, which the library cannot hold");
      return FALSE;
    }
  if (length == 0)
    return TRUE;
  if (column >= COMMUNITY_SHEET_MAX_COLUMNS)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                   "%s: row %u: more than %u columns",
                   reader->file_name, row, (guint) COMMUNITY_SHEET_MAX_COLUMNS);
      return FALSE;
    }
  if (length > COMMUNITY_SHEET_MAX_TEXT - reader->text_total)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                   "%s: row %u: more than %" G_GSIZE_FORMAT " bytes of text in the workbook",
                   reader->file_name, row, (gsize) COMMUNITY_SHEET_MAX_TEXT);
      return FALSE;
    }
  reader->text_total += length;
  community_sheet_append_cell (reader->book, reader->sheet, row, column,
                               COMMUNITY_CELL_STRING, text, (gssize) length, 0);
  return TRUE;
}

/* Parses the UTF-8 @text of @length bytes, without a BOM, into the
 * reader's sheet. */
static gboolean
parse_records (CsvReader   *reader,
               const char  *text,
               gsize        length,
               GError     **error)
{
  const char *p = text;
  const char *end = text + length;
  guint32 row = 0;

  while (p < end)
    {
      guint32 column = 0;

      /* A record starts here. */
      if (row >= COMMUNITY_SHEET_MAX_ROWS)
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                       "%s: more than %u rows",
                       reader->file_name, (guint) COMMUNITY_SHEET_MAX_ROWS);
          return FALSE;
        }
      row++;

      for (;;)
        {
          const char *start = p;

          if (p < end && *p == '"')
            {
              /* A quoted field: its text runs to the quote not followed
               * by another; "" is one quote. */
              const char *content = ++p;
              gboolean escaped = FALSE;

              for (;;)
                {
                  const char *quote = memchr (p, '"', (gsize) (end - p));

                  if (quote == NULL)
                    {
                      set_cell_error (error, COMMUNITY_PARSE_ERROR_SYNTAX, reader->file_name,
                                      row, column,
                                      "a quoted field is not closed before the end of the file");
                      return FALSE;
                    }
                  if (quote + 1 < end && quote[1] == '"')
                    {
                      if (!escaped)
                        {
                          g_string_truncate (reader->scratch, 0);
                          escaped = TRUE;
                        }
                      g_string_append_len (reader->scratch, p, quote + 1 - p);
                      p = quote + 2;
                      continue;
                    }
                  if (escaped)
                    g_string_append_len (reader->scratch, p, quote - p);
                  p = quote + 1;
                  break;
                }
              if (p < end && !csv_special[(guint8) *p])
                {
                  set_cell_error (error, COMMUNITY_PARSE_ERROR_SYNTAX, reader->file_name,
                                  row, column, "text after the closing quote of a quoted field");
                  return FALSE;
                }
              if (escaped)
                {
                  if (!store_field (reader, row, column, start, p,
                                    reader->scratch->str, reader->scratch->len, error))
                    return FALSE;
                }
              else if (!store_field (reader, row, column, start, p,
                                     content, (gsize) (p - 1 - content), error))
                return FALSE;
            }
          else
            {
              while (p < end && !csv_special[(guint8) *p])
                p++;
              if (!store_field (reader, row, column, start, p, start, (gsize) (p - start), error))
                return FALSE;
            }

          /* After a field: a comma, a line end or the end. */
          if (p >= end)
            break;
          if (*p == ',')
            {
              p++;
              /* A field's column is counted as it starts, so that a row
               * of 16384 commas is refused at its first nonempty field
               * beyond, not before. */
              if (column < G_MAXUINT32)
                column++;
              if (p >= end)
                break;  /* a last, empty field */
              continue;
            }
          if (*p == '\r')
            {
              p++;
              if (p < end && *p == '\n')
                p++;
            }
          else  /* '\n' */
            p++;
          break;
        }
    }
  return TRUE;
}

/* community_csv_read(), with the text the book holds so far in
 * *@text_total (counted up by the cells read), so that a folder's files
 * do not count the book's cells over again each. */
static gboolean
csv_read (CommunitySheetBook  *book,
          const char          *sheet_name,
          const char          *file_name,
          const char          *data,
          gsize                length,
          gsize               *text_total,
          GError             **error)
{
  g_autofree char *converted = NULL;
  const char *text = data;
  gsize text_length = length;
  gsize valid;
  CsvReader reader = { 0 };
  gboolean ok;

  if (length > COMMUNITY_SHEET_MAX_TEXT)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                   "%s: larger than %" G_GSIZE_FORMAT " bytes",
                   file_name, (gsize) COMMUNITY_SHEET_MAX_TEXT);
      return FALSE;
    }
  if (length >= 2 && (((guint8) data[0] == 0xFF && (guint8) data[1] == 0xFE) ||
                      ((guint8) data[0] == 0xFE && (guint8) data[1] == 0xFF)))
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                   "%s: a UTF-16 file (it starts with a UTF-16 byte order mark); "
                   "save it as CSV in UTF-8 or GB18030", file_name);
      return FALSE;
    }

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      valid = community_utf8_valid_prefix (data + 3, length - 3) + 3;
      if (valid < length)
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                       "%s: byte %" G_GSIZE_FORMAT ": not UTF-8, though the file starts "
                       "with a UTF-8 byte order mark", file_name, valid);
          return FALSE;
        }
      text = data + 3;
      text_length = length - 3;
    }
  else if ((valid = community_utf8_valid_prefix (data, length)) < length)
    {
      g_autoptr(GError) convert_error = NULL;
      gsize bytes_read = 0, bytes_written = 0;

      /* With bytes_read given, g_convert() takes a sequence cut short by
       * the end for success, having converted what came before. */
      converted = g_convert (data, (gssize) length, "UTF-8", "GB18030",
                             &bytes_read, &bytes_written, &convert_error);
      if (converted == NULL || bytes_read < length)
        {
          if (convert_error != NULL &&
              !g_error_matches (convert_error, G_CONVERT_ERROR, G_CONVERT_ERROR_ILLEGAL_SEQUENCE) &&
              !g_error_matches (convert_error, G_CONVERT_ERROR, G_CONVERT_ERROR_PARTIAL_INPUT))
            {
              /* No GB18030 converter at all: say so, not "neither". */
              g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                           "%s: byte %" G_GSIZE_FORMAT ": not UTF-8, and GB18030 cannot be "
                           "read here (%s)", file_name, valid, convert_error->message);
              return FALSE;
            }
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                       "%s: byte %" G_GSIZE_FORMAT ": neither UTF-8 nor GB18030",
                       file_name, MAX (valid, bytes_read));
          return FALSE;
        }
      text = converted;
      text_length = bytes_written;
      if (text_length > COMMUNITY_SHEET_MAX_TEXT)
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                       "%s: more than %" G_GSIZE_FORMAT " bytes of text in UTF-8",
                       file_name, (gsize) COMMUNITY_SHEET_MAX_TEXT);
          return FALSE;
        }
    }
  reader.book = book;
  reader.file_name = file_name;
  reader.first_nul = text_length > 0 ? memchr (text, '\0', text_length) : NULL;
  reader.text_total = *text_total;
  reader.scratch = g_string_new (NULL);
  reader.sheet = community_sheet_book_add_sheet (book, sheet_name, file_name);

  ok = parse_records (&reader, text, text_length, error);
  g_string_free (reader.scratch, TRUE);
  if (!ok)
    {
      /* A refused file leaves no sheet (its text stays in the chunk). */
      g_ptr_array_remove_index (book->sheets, book->sheets->len - 1);
      return FALSE;
    }
  *text_total = reader.text_total;
  return TRUE;
}

gboolean
community_csv_read (CommunitySheetBook *book,
                    const char         *sheet_name,
                    const char         *file_name,
                    const char         *data,
                    gsize               length,
                    GError            **error)
{
  gsize text_total;

  g_return_val_if_fail (book != NULL, FALSE);
  g_return_val_if_fail (sheet_name != NULL, FALSE);
  g_return_val_if_fail (file_name != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  text_total = book_text_length (book);
  return csv_read (book, sheet_name, file_name, length > 0 ? data : "", length, &text_total, error);
}

/* --- folders and zips of CSV files --- */

/* The sheet name of a file or entry base name: without ".csv" (any
 * case), or NULL when it is not a CSV file or is hidden (".x.csv", such
 * as the "._x.csv" files macOS leaves beside the real ones). */
static char *
csv_sheet_name (const char *base_name)
{
  gsize length = strlen (base_name);

  if (length <= 4 || base_name[0] == '.' ||
      g_ascii_strcasecmp (base_name + length - 4, ".csv") != 0)
    return NULL;
  return g_strndup (base_name, length - 4);
}

/* Reads one file of a folder or a zip into @book as sheet @sheet_name. */
static gboolean
read_member (CommunitySheetBook  *book,
             const char          *sheet_name,
             const char          *file_name,
             const char          *data,
             gsize                length,
             gsize               *text_total,
             GError             **error)
{
  if (!g_utf8_validate (file_name, -1, NULL))
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                   "a .csv file whose name is not UTF-8");
      return FALSE;
    }
  if (community_sheet_book_find_sheet (book, sheet_name) != NULL)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_DUPLICATE,
                   "%s: a second file for sheet %s", file_name, sheet_name);
      return FALSE;
    }
  return csv_read (book, sheet_name, file_name, length > 0 ? data : "", length, text_total, error);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

static gboolean
check_sheet_count (guint        count,
                   const char  *where,
                   GError     **error)
{
  if (count == 0)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                   "%s: no .csv file", where);
      return FALSE;
    }
  if (count > COMMUNITY_SHEET_MAX_SHEETS)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                   "%s: more than %u .csv files", where, (guint) COMMUNITY_SHEET_MAX_SHEETS);
      return FALSE;
    }
  return TRUE;
}

CommunitySheetBook *
community_csv_read_folder (GFile         *folder,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *where = NULL;
  gsize text_total = 0;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  where = g_file_get_parse_name (folder);
  enumerator = g_file_enumerate_children (folder,
                                          G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (enumerator == NULL)
    return NULL;
  for (;;)
    {
      GFileInfo *info = NULL;
      g_autofree char *sheet_name = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, cancellable, error))
        return NULL;
      if (info == NULL)
        break;
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        continue;
      sheet_name = csv_sheet_name (g_file_info_get_name (info));
      if (sheet_name != NULL)
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }
  if (!check_sheet_count (names->len, where, error))
    return NULL;
  g_ptr_array_sort (names, compare_names);

  book = community_sheet_book_new ();
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GFile) child = g_file_get_child (folder, name);
      g_autofree char *contents = NULL;
      g_autofree char *sheet_name = csv_sheet_name (name);
      gsize length = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!g_file_load_contents (child, cancellable, &contents, &length, NULL, error))
        return NULL;
      if (!read_member (book, sheet_name, name, contents, length, &text_total, error))
        return NULL;
    }
  return g_steal_pointer (&book);
}

CommunitySheetBook *
community_csv_read_zip (const char  *data,
                        gsize        length,
                        GError     **error)
{
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(CommunityZip) zip = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autofree char *folder = NULL;
  const char *const *names;
  gsize text_total = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  zip = community_zip_open (data, length, error);
  if (zip == NULL)
    return NULL;

  /* The .csv entries: all at the top level, or all in one top-level
   * folder (what zipping a folder gives); __MACOSX/ and hidden files are
   * left out. */
  names = community_zip_list (zip);
  for (gsize i = 0; names != NULL && names[i] != NULL; i++)
    {
      const char *name = names[i];
      const char *slash = strchr (name, '/');
      g_autofree char *sheet_name = NULL;
      g_autofree char *entry_folder = NULL;

      if (g_str_has_prefix (name, "__MACOSX/"))
        continue;
      sheet_name = csv_sheet_name (slash != NULL ? strrchr (name, '/') + 1 : name);
      if (sheet_name == NULL)
        continue;
      if (slash != NULL && strchr (slash + 1, '/') != NULL)
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                       "%s: a .csv file more than one folder deep in the zip", name);
          return NULL;
        }
      entry_folder = slash != NULL ? g_strndup (name, (gsize) (slash - name + 1)) : g_strdup ("");
      if (entries->len == 0)
        folder = g_steal_pointer (&entry_folder);
      else if (strcmp (folder, entry_folder) != 0)
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                       "%s: the zip's .csv files are not all in one folder", name);
          return NULL;
        }
      g_ptr_array_add (entries, (gpointer) name);
    }
  if (!check_sheet_count (entries->len, "the zip", error))
    return NULL;
  g_ptr_array_sort (entries, compare_names);

  book = community_sheet_book_new ();
  for (guint i = 0; i < entries->len; i++)
    {
      const char *name = g_ptr_array_index (entries, i);
      const char *base_name = name + strlen (folder);
      g_autofree char *sheet_name = csv_sheet_name (base_name);
      g_autoptr(GBytes) bytes = NULL;
      gsize entry_length = 0;
      const char *entry_data;

      bytes = community_zip_read (zip, name, error);
      if (bytes == NULL)
        {
          if (error != NULL && *error == NULL)
            g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                         "%s: cannot be read from the zip", name);
          return NULL;
        }
      entry_data = g_bytes_get_data (bytes, &entry_length);
      if (!read_member (book, sheet_name, base_name, entry_data, entry_length, &text_total, error))
        return NULL;
    }
  return g_steal_pointer (&book);
}

/* --- writing --- */

static gboolean
needs_quotes (const char *text,
              gsize       length)
{
  if (length == 0)
    return FALSE;
  /* Spaces at either end, which other readers trim; a BOM first, which a
   * reader would take for the file's own at its start. */
  if (text[0] == ' ' || text[0] == '\t' || text[length - 1] == ' ' || text[length - 1] == '\t')
    return TRUE;
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    return TRUE;
  for (gsize i = 0; i < length; i++)
    {
      switch (text[i])
        {
        case ',':
        case '"':
        case '\r':
        case '\n':
          return TRUE;
        default:
          break;
        }
    }
  return FALSE;
}

static void
append_field (GString    *out,
              const char *text,
              gsize       length)
{
  const char *p = text;
  const char *end = text + length;

  if (!needs_quotes (text, length))
    {
      g_string_append_len (out, text, (gssize) length);
      return;
    }
  g_string_append_c (out, '"');
  while (p < end)
    {
      const char *quote = memchr (p, '"', (gsize) (end - p));

      if (quote == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, quote + 1 - p);
      g_string_append_c (out, '"');
      p = quote + 1;
    }
  g_string_append_c (out, '"');
}

void
community_csv_write_sheet (const CommunitySheet *sheet,
                           GString              *out)
{
  guint32 line = 0;

  g_return_if_fail (sheet != NULL);
  g_return_if_fail (out != NULL);

  for (guint i = 0; i < sheet->rows->len; i++)
    {
      const CommunitySheetRow *row = &g_array_index (sheet->rows, CommunitySheetRow, i);
      const CommunityCell *cells = community_sheet_row_cells (sheet, row);
      guint32 column = 0;

      /* The rows the sheet leaves out, as empty lines. */
      for (line++; line < row->number; line++)
        g_string_append_len (out, "\r\n", 2);

      for (guint j = 0; j < row->n_cells; j++)
        {
          for (; column < cells[j].column; column++)
            g_string_append_c (out, ',');
          append_field (out, cells[j].text, cells[j].length);
        }
      g_string_append_len (out, "\r\n", 2);
    }
}
