/* community-sheet-files.c: datasets in files of every format
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Which format a file is, and the way in and out for each: JSON through
 * the tokenizer and the text writer (lib/json/), workbooks and CSV
 * through a book of cells (community-sheet-book.h) that the readers fill
 * and the sheet source walks, or that the sheet sink fills and the xlsx
 * or CSV writer writes. The public functions that use these are the
 * dataset's (lib/json/community-dataset-io.c) and
 * community_write_template() here.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#include <glib/gstdio.h>

#include "community-sheet-files-private.h"
#include "community-sheet-source-private.h"
#include "community-sheet-writer.h"
#include "community-zip.h"

/* --- which format --- */

static gboolean
has_suffix (GFile      *file,
            const char *suffix)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *lower = name != NULL ? g_ascii_strdown (name, -1) : NULL;

  return lower != NULL && g_str_has_suffix (lower, suffix);
}

/* A zip holding a workbook, or CSV files. */
static CommunityDatasetFormat
zip_format (const char *data,
            gsize       length)
{
  g_autoptr(CommunityZip) zip = community_zip_open (data, length, NULL);
  const char *const *names;

  if (zip == NULL)
    return COMMUNITY_DATASET_FORMAT_CSV;   /* and the zip's error, when read */
  names = community_zip_list (zip);
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], "xl/workbook.xml") == 0 || strcmp (names[i], "[Content_Types].xml") == 0)
      return COMMUNITY_DATASET_FORMAT_XLSX;
  return COMMUNITY_DATASET_FORMAT_CSV;
}

static gboolean
is_zip (const char *data,
        gsize       length)
{
  return length >= 4 && memcmp (data, "PK\003\004", 4) == 0;
}

/**
 * community_dataset_format_guess:
 * @file: a file or a folder
 * @cancellable: (nullable): a [class@Gio.Cancellable]
 * @error: return location for the file's error
 *
 * Tells which format @file is in, as loading with
 * %COMMUNITY_DATASET_FORMAT_AUTO does: a folder is CSV files; a name ending
 * in `.json`, `.xlsx` (or `.xlsm`) or `.csv` says so; otherwise the first
 * bytes do: a zip archive is a workbook if it holds `xl/workbook.xml`, CSV
 * files if not, and anything else is JSON.
 *
 * Returns: the format, or %COMMUNITY_DATASET_FORMAT_AUTO with @error set
 *   when @file cannot be read
 */
CommunityDatasetFormat
community_dataset_format_guess (GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  char head[4];
  gsize n = 0;

  g_return_val_if_fail (G_IS_FILE (file), COMMUNITY_DATASET_FORMAT_AUTO);
  g_return_val_if_fail (error == NULL || *error == NULL, COMMUNITY_DATASET_FORMAT_AUTO);

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    return COMMUNITY_DATASET_FORMAT_CSV;
  if (has_suffix (file, ".json"))
    return COMMUNITY_DATASET_FORMAT_JSON;
  if (has_suffix (file, ".xlsx") || has_suffix (file, ".xlsm"))
    return COMMUNITY_DATASET_FORMAT_XLSX;
  if (has_suffix (file, ".csv"))
    return COMMUNITY_DATASET_FORMAT_CSV;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL ||
      !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, cancellable, error))
    return COMMUNITY_DATASET_FORMAT_AUTO;
  if (!is_zip (head, n))
    return COMMUNITY_DATASET_FORMAT_JSON;
  if (has_suffix (file, ".zip"))
    return COMMUNITY_DATASET_FORMAT_CSV;
  {
    g_autoptr(GBytes) bytes = g_file_load_bytes (file, cancellable, NULL, error);

    if (bytes == NULL)
      return COMMUNITY_DATASET_FORMAT_AUTO;
    return zip_format (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  }
}

/* For a save: by the name alone (the file may not exist yet). */
static CommunityDatasetFormat
format_for_saving (GFile                  *file,
                   CommunityDatasetFormat  format)
{
  if (format != COMMUNITY_DATASET_FORMAT_AUTO)
    return format;
  if (has_suffix (file, ".xlsx") || has_suffix (file, ".xlsm"))
    return COMMUNITY_DATASET_FORMAT_XLSX;
  if (has_suffix (file, ".zip") || has_suffix (file, ".csv") ||
      g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
    return COMMUNITY_DATASET_FORMAT_CSV;
  return COMMUNITY_DATASET_FORMAT_JSON;
}

/* --- reading --- */

/* "communities.csv" -> "communities". */
static char *
sheet_name_of (const char *file_name)
{
  g_autofree char *base = g_path_get_basename (file_name);
  gsize len = strlen (base);

  if (len > 4 && g_ascii_strcasecmp (base + len - 4, ".csv") == 0)
    base[len - 4] = '\0';
  return g_steal_pointer (&base);
}

/* The book of @length bytes at @data, a workbook or a .zip of CSV or one
 * CSV file (@name: its name). */
static CommunitySheetBook *
read_book (const char              *data,
           gsize                    length,
           CommunityDatasetFormat   format,
           const char              *name,
           GError                 **error)
{
  if (format == COMMUNITY_DATASET_FORMAT_AUTO)
    format = is_zip (data, length) ? zip_format (data, length) : COMMUNITY_DATASET_FORMAT_JSON;
  if (format == COMMUNITY_DATASET_FORMAT_XLSX)
    return community_xlsx_read (data, length, error);
  if (is_zip (data, length))
    return community_csv_read_zip (data, length, error);
  {
    g_autoptr(CommunitySheetBook) book = community_sheet_book_new ();
    g_autofree char *sheet = sheet_name_of (name != NULL ? name : "communities.csv");
    g_autofree char *base = name != NULL ? g_path_get_basename (name) : g_strdup ("-");

    if (!community_csv_read (book, sheet, base, data, length, error))
      return NULL;
    return g_steal_pointer (&book);
  }
}

CommunityJsonSource *
community_sheets_open_source (GFile                   *file,
                              CommunityDatasetFormat   format,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  CommunitySheetBook *book;

  if (format == COMMUNITY_DATASET_FORMAT_AUTO)
    {
      format = community_dataset_format_guess (file, cancellable, error);
      if (format == COMMUNITY_DATASET_FORMAT_AUTO)
        return NULL;
    }

  if (format == COMMUNITY_DATASET_FORMAT_JSON)
    {
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GFileInputStream) stream = NULL;

      if (path != NULL)
        {
          int fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);

          if (fd < 0)
            {
              int saved_errno = errno;
              g_autofree char *display = g_filename_display_name (path);

              g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                           "Failed to open file “%s”: %s", display, g_strerror (saved_errno));
              return NULL;
            }
          return community_json_tokenizer_new_for_fd (fd, cancellable);
        }
      stream = g_file_read (file, cancellable, error);
      if (stream == NULL)
        return NULL;
      return community_json_tokenizer_new_for_stream (G_INPUT_STREAM (stream), cancellable);
    }

  if (format == COMMUNITY_DATASET_FORMAT_CSV &&
      g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    book = community_csv_read_folder (file, cancellable, error);
  else
    {
      bytes = g_file_load_bytes (file, cancellable, NULL, error);
      if (bytes == NULL)
        return NULL;
      name = g_file_get_basename (file);
      book = read_book (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), format, name, error);
    }
  if (book == NULL)
    return NULL;
  return community_sheet_source_new (book);
}

CommunityJsonSource *
community_sheets_open_stream (GInputStream            *stream,
                              CommunityDatasetFormat   format,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  g_autoptr(GOutputStream) memory = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GInputStream) buffered = NULL;
  CommunitySheetBook *book;

  if (format == COMMUNITY_DATASET_FORMAT_AUTO)
    {
      /* The first bytes tell: a zip, or JSON. */
      const char *head;
      gsize n = 0;

      buffered = g_buffered_input_stream_new (stream);
      if (g_buffered_input_stream_fill (G_BUFFERED_INPUT_STREAM (buffered), 4, cancellable, error) < 0)
        return NULL;
      head = g_buffered_input_stream_peek_buffer (G_BUFFERED_INPUT_STREAM (buffered), &n);
      g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (buffered), FALSE);
      if (!is_zip (head, n))
        return community_json_tokenizer_new_for_stream (buffered, cancellable);
      stream = buffered;
    }
  else if (format == COMMUNITY_DATASET_FORMAT_JSON)
    return community_json_tokenizer_new_for_stream (stream, cancellable);

  /* A zip is read from its end: the whole of it, first. */
  memory = g_memory_output_stream_new_resizable ();
  if (g_output_stream_splice (memory, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, cancellable, error) < 0)
    return NULL;
  bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
  book = read_book (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), format, NULL, error);
  if (book == NULL)
    return NULL;
  return community_sheet_source_new (book);
}

/* --- writing --- */

static gboolean
write_bytes_func (CommunityJsonFlush   flush,
                  gpointer             flush_data,
                  gpointer             user_data,
                  GError             **error)
{
  GBytes *bytes = user_data;
  gsize size = 0, done = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GString) out = g_string_sized_new (MIN (size, 1024 * 1024) + 1);

  /* flush() writes a GString and empties it: a megabyte at a time. */
  while (done < size)
    {
      gsize n = MIN (size - done, 1024 * 1024);

      g_string_append_len (out, data + done, (gssize) n);
      done += n;
      if (!flush (out, flush_data, error))
        return FALSE;
    }
  return TRUE;
}

/* @bytes into @file, replaced as a save replaces it. */
static gboolean
write_file (GFile         *file,
            GBytes        *bytes,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autofree char *path = g_file_get_path (file);
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);

  if (path != NULL)
    return community_io_replace_file (path, write_bytes_func, bytes, cancellable, error);
  return g_file_replace_contents (file, data, size, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                  cancellable, error);
}

/* The CSV of every sheet of @book: a .zip's bytes. */
static GBytes *
csv_zip (const CommunitySheetBook *book)
{
  CommunityZipWriter *writer = community_zip_writer_new ();

  /* the large sheets deflated on every processor (igzip's, where built) */
  community_zip_writer_set_threads (writer, 0);
  for (guint i = 0; i < book->sheets->len; i++)
    {
      const CommunitySheet *sheet = g_ptr_array_index (book->sheets, i);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *name = g_strconcat (sheet->name, ".csv", NULL);

      community_csv_write_sheet (sheet, out);
      community_zip_writer_add (writer, name, out->str, out->len);
    }
  return community_zip_writer_finish (writer);
}

/* The CSV of every sheet of @book into the folder @folder (made if
 * missing), one file each, each replaced as a save replaces a file. */
static gboolean
csv_folder (const CommunitySheetBook  *book,
            GFile                     *folder,
            GCancellable              *cancellable,
            GError                   **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_make_directory_with_parents (folder, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  for (guint i = 0; i < book->sheets->len; i++)
    {
      const CommunitySheet *sheet = g_ptr_array_index (book->sheets, i);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *name = g_strconcat (sheet->name, ".csv", NULL);
      g_autoptr(GFile) child = g_file_get_child (folder, name);
      g_autoptr(GBytes) bytes = NULL;

      community_csv_write_sheet (sheet, out);
      bytes = g_string_free_to_bytes (g_steal_pointer (&out));
      if (!write_file (child, bytes, cancellable, error))
        return FALSE;
    }
  return TRUE;
}

/* A book in @format, into @file or @stream. */
static gboolean
save_book (const CommunitySheetBook  *book,
           CommunityDatasetFormat     format,
           CommunitySheetFlags        flags,
           GFile                     *file,
           GOutputStream             *stream,
           GCancellable              *cancellable,
           GError                   **error)
{
  g_autoptr(GBytes) bytes = NULL;

  if (format == COMMUNITY_DATASET_FORMAT_XLSX)
    bytes = community_xlsx_write (book, (CommunitySheetWriteFlags) flags, cancellable, error);
  else if (file != NULL && !has_suffix (file, ".zip"))
    return csv_folder (book, file, cancellable, error);
  else
    bytes = csv_zip (book);
  if (bytes == NULL)
    return FALSE;
  if (file != NULL)
    return write_file (file, bytes, cancellable, error);
  return g_output_stream_write_all (stream, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    NULL, cancellable, error);
}

gboolean
community_sheets_save (CommunityDataset        *dataset,
                       GFile                   *file,
                       CommunityDatasetFormat   format,
                       CommunitySheetFlags      flags,
                       CommunityPrivacy        *privacy,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_autoptr(CommunitySheetBook) book = NULL;

  format = format_for_saving (file, format);
  if (format == COMMUNITY_DATASET_FORMAT_JSON)
    {
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GFileOutputStream) stream = NULL;

      if (path != NULL)
        return community_dataset_save_to_file_full (dataset, path, privacy, error);
      stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, cancellable, error);
      return stream != NULL &&
             community_dataset_save_to_stream (dataset, G_OUTPUT_STREAM (stream), privacy, cancellable, error) &&
             g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error);
    }
  book = community_sheet_book_from_dataset (dataset, privacy, (CommunitySheetWriteFlags) flags);
  return save_book (book, format, flags, file, NULL, cancellable, error);
}

gboolean
community_sheets_save_stream (CommunityDataset        *dataset,
                              GOutputStream           *stream,
                              CommunityDatasetFormat   format,
                              CommunitySheetFlags      flags,
                              CommunityPrivacy        *privacy,
                              GCancellable            *cancellable,
                              GError                 **error)
{
  g_autoptr(CommunitySheetBook) book = NULL;

  if (format == COMMUNITY_DATASET_FORMAT_JSON || format == COMMUNITY_DATASET_FORMAT_AUTO)
    return community_dataset_save_to_stream (dataset, stream, privacy, cancellable, error);
  book = community_sheet_book_from_dataset (dataset, privacy, (CommunitySheetWriteFlags) flags);
  return save_book (book, format, flags, NULL, stream, cancellable, error);
}

/**
 * community_write_template:
 * @file: where to write: a `.xlsx` file, a `.zip` or a folder of CSV files
 * @format: %COMMUNITY_DATASET_FORMAT_XLSX or %COMMUNITY_DATASET_FORMAT_CSV,
 *   or %COMMUNITY_DATASET_FORMAT_AUTO to tell by @file's name
 * @flags: %COMMUNITY_SHEET_FLAGS_TITLES for Chinese headers
 * @cancellable: (nullable): a [class@Gio.Cancellable]
 * @error: return location for the file's error
 *
 * Writes the template of DOMAIN.md §9: every sheet with its header row and
 * no data, what a bureau hands out to be filled in and then loaded with
 * [method@Community.Dataset.load_from_gfile]. In a workbook each header
 * carries a comment saying what the column holds, every cell is formatted
 * as text but for numbers, and each column of a closed vocabulary offers
 * its values as a drop-down list.
 *
 * Returns: %TRUE if the template was written
 */
gboolean
community_write_template (GFile                   *file,
                          CommunityDatasetFormat   format,
                          CommunitySheetFlags      flags,
                          GCancellable            *cancellable,
                          GError                 **error)
{
  g_autoptr(CommunitySheetBook) book = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  format = format_for_saving (file, format);
  if (format == COMMUNITY_DATASET_FORMAT_JSON)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "A template is a workbook or CSV files, not JSON");
      return FALSE;
    }
  book = community_sheet_book_template ((CommunitySheetWriteFlags) flags);
  return save_book (book, format, flags, file, NULL, cancellable, error);
}
