/* community-dataset-io.c: datasets in and out of documents, files and streams
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The io layer's side of CommunityDataset: every way in goes through a
 * token source (community-json-source.h) and the one decoder
 * (community-dataset-walker.c), every way out through the streaming writer
 * (community-json-writer.c). The dataset itself (community-dataset.c) only
 * takes what was read, whole (community_dataset_replace_contents()).
 *
 * Files are saved as g_file_replace() promises: written aside, flushed to
 * disk and renamed over the old one, which a failure leaves byte for byte;
 * permissions kept; a symbolic link stays one and the file it leads to is
 * replaced. The asynchronous forms read into contents, or write a copy of
 * the dataset, in a thread, and touch the dataset only in the caller's
 * thread, when the operation has succeeded and was not cancelled.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "community-json-private.h"
#include "community-handoff-private.h"
#include "sheets/community-sheet-source-private.h"
#include "sheets/community-sheet-files-private.h"

/* A dataset read from sheets keeps where its records came from
 * (community_dataset_locate_cell()); takes @origin (nullable). */
static void
set_origin (CommunityDataset     *self,
            CommunitySheetOrigin *origin)
{
  if (origin != NULL)
    g_object_set_data_full (G_OBJECT (self), COMMUNITY_DATASET_ORIGIN_KEY, origin,
                            g_object_unref);
}

/* Reads a whole document from @source (which it frees) into @self. */
static gboolean
load (CommunityDataset     *self,
      CommunityJsonSource  *source,
      GError              **error)
{
  CommunityDatasetContents contents;
  gboolean ok = community_json_walk_dataset (source, &contents, error);
  CommunitySheetOrigin *origin = community_sheet_source_get_origin (source);

  if (ok && origin != NULL)
    community_sheet_origin_ref (origin);
  community_json_source_free (source);
  if (!ok)
    return FALSE;
  community_dataset_replace_contents (self, &contents);
  community_dataset_contents_clear (&contents);
  set_origin (self, origin);
  return TRUE;
}

/* A G_FILE_ERROR as GLib's file functions word them:
 * "<what> “<file>”: [<call>: ]<strerror>". */
static void
set_file_error (GError     **error,
                int          errsv,
                const char  *what,
                const char  *filename,
                const char  *call)
{
  g_autofree char *display = g_filename_display_name (filename);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errsv), "%s “%s”: %s%s%s",
               what, display, call != NULL ? call : "", call != NULL ? ": " : "",
               g_strerror (errsv));
}

/* A descriptor to read @filename from, or -1 with @error set. */
static int
open_for_reading (const char  *filename,
                  GError     **error)
{
  int fd = g_open (filename, O_RDONLY | O_CLOEXEC, 0);

  if (fd < 0)
    set_file_error (error, errno, "Failed to open file", filename, NULL);
  return fd;
}

/* The file @filename leads to through any chain of symbolic links: the one
 * a save replaces, so that the links stay. */
static char *
resolve_links (const char *filename)
{
  char *path = g_strdup (filename);

  /* As many links as the kernel follows (MAXSYMLINKS); a loop is left to
   * the save's own error. */
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *target = g_file_read_link (path, NULL);

      if (target == NULL)
        break;
      if (!g_path_is_absolute (target))
        {
          g_autofree char *dir = g_path_get_dirname (path);

          g_free (path);
          path = g_build_filename (dir, target, NULL);
        }
      else
        {
          g_free (path);
          path = g_steal_pointer (&target);
        }
    }
  return path;
}

static gboolean save_file (CommunityDataset  *self,
                           const char        *link_name,
                           CommunityPrivacy  *privacy,
                           GCancellable      *cancellable,
                           GError           **error);

/**
 * community_dataset_load_from_node:
 * @self: a dataset
 * @node: the root of a dataset document
 * @error: return location for a [error@Community.ParseError]
 *
 * Replaces the content of the dataset with the document @node. The
 * document is checked first, strictly: if it is refused, the dataset is left
 * exactly as it was and @error names the JSON Pointer of the offending value.
 *
 * A tree nested deeper than 512 levels of arrays and objects is refused as
 * text would be (%COMMUNITY_PARSE_ERROR_LIMIT), whatever member holds it.
 *
 * Returns: %TRUE if the document was loaded
 */
gboolean
community_dataset_load_from_node (CommunityDataset  *self,
                                  JsonNode          *node,
                                  GError           **error)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), FALSE);
  g_return_val_if_fail (node != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return load (self, community_json_node_source_new (node), error);
}

/**
 * community_dataset_load_from_data:
 * @self: a dataset
 * @data: (array length=length) (element-type guint8): a dataset document in
 *   UTF-8
 * @length: the length of @data in bytes, or -1 if it is nul-terminated
 * @error: return location for a [error@Community.ParseError]
 *
 * Replaces the content of the dataset with a document held in memory; see
 * [method@Community.Dataset.load_from_node]. Input that is not well-formed
 * JSON is refused with %COMMUNITY_PARSE_ERROR_SYNTAX.
 *
 * Untrusted input is safe to give: the text is read in one iterative
 * pass, and must be strict RFC 8259 JSON (no
 * comments, single quotes, hexadecimal or octal numbers, nor a second
 * document after the first) in valid UTF-8, and it is refused, with the
 * JSON Pointer of the offending value, if it nests arrays and objects more
 * than 512 levels deep or has a string containing U+0000
 * (%COMMUNITY_PARSE_ERROR_LIMIT), an integer beyond 64 bits or a number
 * beyond a double anywhere (%COMMUNITY_PARSE_ERROR_RANGE), or an object
 * with two members of one name (%COMMUNITY_PARSE_ERROR_DUPLICATE). Strings
 * have no length limit but memory.
 *
 * Returns: %TRUE if the document was loaded
 */
gboolean
community_dataset_load_from_data (CommunityDataset  *self,
                                  const char        *data,
                                  gssize             length,
                                  GError           **error)
{
  gsize n;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = length >= 0 ? (gsize) length : (data != NULL ? strlen (data) : 0);
  return load (self, community_json_tokenizer_new_for_data (data, n), error);
}

/**
 * community_dataset_load_from_bytes:
 * @self: a dataset
 * @bytes: a dataset document in UTF-8
 * @error: return location for a [error@Community.ParseError]
 *
 * Replaces the content of the dataset with a document held in @bytes; see
 * [method@Community.Dataset.load_from_data].
 *
 * Returns: %TRUE if the document was loaded
 */
gboolean
community_dataset_load_from_bytes (CommunityDataset  *self,
                                   GBytes            *bytes,
                                   GError           **error)
{
  gsize length;
  const char *data;

  g_return_val_if_fail (bytes != NULL, FALSE);

  data = g_bytes_get_data (bytes, &length);
  if (length > G_MAXSSIZE)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                   "(root): the document is too large");
      return FALSE;
    }

  return community_dataset_load_from_data (self, data, (gssize) length, error);
}

/**
 * community_dataset_load_from_file:
 * @self: a dataset
 * @filename: (type filename): the path of a dataset document
 * @error: return location for a [error@Community.ParseError] or a
 *   [error@GLib.FileError]
 *
 * Replaces the content of the dataset with the document in a file; see
 * [method@Community.Dataset.load_from_node]. A file that cannot be read
 * gives a [error@GLib.FileError]. The file is read through a window, one
 * pass, never whole; see [method@Community.Dataset.load_from_data] for
 * what is refused.
 *
 * Returns: %TRUE if the document was loaded
 */
gboolean
community_dataset_load_from_file (CommunityDataset  *self,
                                  const char        *filename,
                                  GError           **error)
{
  int fd;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fd = open_for_reading (filename, error);
  if (fd < 0)
    return FALSE;
  return load (self, community_json_tokenizer_new_for_fd (fd, NULL), error);
}

/**
 * community_dataset_to_node_full:
 * @self: a dataset
 * @privacy: (nullable): what to do with personal data, or %NULL to keep it
 *
 * Serializes the dataset as a document of the dataset format, with every
 * member it was loaded with, unknown ones included, and personal data
 * (workers' names, ID numbers and phones) kept, masked or dropped as
 * @privacy says.
 *
 * Returns: (transfer full): the root of the document
 */
JsonNode *
community_dataset_to_node_full (CommunityDataset *self,
                                CommunityPrivacy *privacy)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (privacy == NULL || COMMUNITY_IS_PRIVACY (privacy), NULL);

  return community_json_write_dataset (self, privacy);
}

/**
 * community_dataset_to_node:
 * @self: a dataset
 *
 * Serializes the dataset with personal data as it is; see
 * [method@Community.Dataset.to_node_full].
 *
 * Returns: (transfer full): the root of the document
 */
JsonNode *
community_dataset_to_node (CommunityDataset *self)
{
  return community_dataset_to_node_full (self, NULL);
}

/**
 * community_dataset_save_to_data_full:
 * @self: a dataset
 * @privacy: (nullable): what to do with personal data, or %NULL to keep it
 * @length: (out) (optional): return location for the length in bytes
 *
 * Serializes the dataset as indented JSON; see
 * [method@Community.Dataset.to_node_full]. The output is strict JSON that
 * loads again: every control character in a string is escaped (json-glib's
 * generator alone leaves U+001F raw).
 *
 * Returns: (transfer full): the document, nul-terminated
 */
char *
community_dataset_save_to_data_full (CommunityDataset *self,
                                     CommunityPrivacy *privacy,
                                     gsize            *length)
{
  GString *out;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (privacy == NULL || COMMUNITY_IS_PRIVACY (privacy), NULL);

  /* Straight into text, no tree: the streaming writer writes what
   * community_json_generate() would write for community_dataset_to_node(),
   * U+001F escaped included. */
  out = g_string_sized_new (64 * 1024);
  community_json_write_dataset_text (self, privacy, out, NULL, NULL, NULL);
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

/**
 * community_dataset_save_to_data:
 * @self: a dataset
 * @length: (out) (optional): return location for the length in bytes
 *
 * Serializes the dataset as indented JSON, personal data as it is; see
 * [method@Community.Dataset.save_to_data_full].
 *
 * Returns: (transfer full): the document, nul-terminated
 */
char *
community_dataset_save_to_data (CommunityDataset *self,
                                gsize            *length)
{
  return community_dataset_save_to_data_full (self, NULL, length);
}

/* A save's temporary file, for save_file_flush(). */
typedef struct {
  int fd;
  const char *filename;   /* the file it will become, for messages */
  GCancellable *cancellable;
} SaveFile;

static gboolean
save_file_flush (GString   *out,
                 gpointer   user_data,
                 GError   **error)
{
  SaveFile *file = user_data;
  const char *p = out->str;
  gsize left = out->len;

  if (g_cancellable_set_error_if_cancelled (file->cancellable, error))
    return FALSE;

  while (left > 0)
    {
      gssize n = write (file->fd, p, MIN (left, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          set_file_error (error, saved_errno, "Failed to write file", file->filename, "write() failed");
          return FALSE;
        }
      p += n;
      left -= n;
    }

  g_string_truncate (out, 0);
  return TRUE;
}

/**
 * community_dataset_save_to_file_full:
 * @self: a dataset
 * @filename: (type filename): where to save
 * @privacy: (nullable): what to do with personal data, or %NULL to keep it
 * @error: return location for a [error@GLib.FileError]
 *
 * Saves the dataset to a file; see [method@Community.Dataset.save_to_data_full].
 *
 * The document is written to a temporary file beside @filename, flushed to
 * disk and renamed over it, so that @filename holds either the old document
 * or the new one, never a part of it, whatever happens midway: a save that
 * fails (a full disk, a file size limit, a directory in the way) leaves the
 * old file as it was, and no temporary file behind.
 *
 * A file that is replaced keeps its permissions (a dataset kept readable by
 * its owner only stays so, since it holds personal data); a new file is
 * created with mode 0644, less the umask. A symbolic link stays one: the
 * file it leads to (through any chain of links) is the one replaced.
 *
 * Returns: %TRUE if the dataset was saved
 */
gboolean
community_dataset_save_to_file_full (CommunityDataset  *self,
                                     const char        *filename,
                                     CommunityPrivacy  *privacy,
                                     GError           **error)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (privacy == NULL || COMMUNITY_IS_PRIVACY (privacy), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return save_file (self, filename, privacy, NULL, error);
}

static gboolean
refuse_missing (CommunityRecord *record,
                guint            prop_id,
                const GString   *pointer,
                gpointer         user_data)
{
  const CommunityFieldTable *table = community_record_get_fields (record);

  /* The loader's words (community-dataset-walker.c), so that what save
   * refuses reads as what load would have refused. */
  community_json_set_error (user_data, COMMUNITY_PARSE_ERROR_MISSING, pointer,
                            "the required member “%s” is missing or null",
                            table->json_names[prop_id]);
  return FALSE;
}

/**
 * community_dataset_check_complete:
 * @self: a dataset
 * @error: return location for a [error@Community.ParseError]
 *
 * Checks that the dataset would load again once saved: that every required
 * member of every entity, and of the records nested in them (a community's
 * committee, a consultation's history), is set. A dataset built or edited
 * through the API can lack one (a division without a name, a grid whose
 * community was unset); the loader refuses such a document.
 *
 * [method@Community.Dataset.save_to_file] refuses an incomplete dataset
 * with the same error; the rule `record.required` reports every missing
 * member, for an application to show them all.
 *
 * Returns: %TRUE if the dataset is complete; else %FALSE, with @error
 *   (%COMMUNITY_PARSE_ERROR_MISSING) naming the JSON Pointer of the first
 *   missing member in document order, e.g.
 *   `/divisions/0/name: the required member “name” is missing or null`
 */
gboolean
community_dataset_check_complete (CommunityDataset  *self,
                                  GError           **error)
{
  g_autoptr(GString) pointer = g_string_new (NULL);

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    {
      GListModel *items = community_dataset_get_items (self, kind);
      guint n_items = g_list_model_get_n_items (items);

      community_json_pointer_push_member (pointer, community_entity_kind_get_member_name (kind));
      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(CommunityRecord) item = g_list_model_get_item (items, i);
          gsize mark;
          GError *missing = NULL;

          if (!community_record_may_miss (item))
            continue;
          mark = community_json_pointer_push_index (pointer, i);
          if (!community_record_foreach_missing (item, pointer, refuse_missing, &missing))
            {
              g_propagate_error (error, missing);
              return FALSE;
            }
          g_string_truncate (pointer, mark);
        }
      g_string_truncate (pointer, 0);
    }

  return TRUE;
}

/* What save_to_file_full() says, checking @cancellable between chunks. */
/* What a save writes: the dataset's text, through @flush. */
typedef struct {
  CommunityDataset *dataset;
  CommunityPrivacy *privacy;
} SaveText;

static gboolean
write_text (CommunityJsonFlush   flush,
            gpointer             flush_data,
            gpointer             user_data,
            GError             **error)
{
  SaveText *save = user_data;
  g_autoptr(GString) out = g_string_sized_new (1024 * 1024 + 64 * 1024);

  return community_json_write_dataset_text (save->dataset, save->privacy, out, flush, flush_data, error);
}

gboolean
community_io_replace_file (const char            *link_name,
                           CommunityIoWriteFunc   write_func,
                           gpointer               user_data,
                           GCancellable          *cancellable,
                           GError               **error)
{
  g_autofree char *filename = resolve_links (link_name);
  g_autofree char *tmp_filename = NULL;
  SaveFile file;
  GStatBuf st;
  int mode = 0644;
  int saved_errno;

  /* The new file gets @mode, whatever the old one had: without this,
   * saving would widen a 0600 file to 0644. */
  if (g_stat (filename, &st) == 0 && S_ISREG (st.st_mode))
    mode = st.st_mode & 0777;

  /* What g_file_set_contents_full (CONSISTENT | DURABLE) does, but written
   * a chunk at a time as the writer makes it, so that a save holds neither
   * a tree nor the whole text (doc/performance.md): a temporary file
   * beside @filename (mode less the umask), written, fsync()ed, renamed
   * over @filename; removed on any failure. */
  tmp_filename = g_strdup_printf ("%s.XXXXXX", filename);
  file.fd = g_mkstemp_full (tmp_filename, O_RDWR | O_CLOEXEC, mode);
  if (file.fd < 0)
    {
      saved_errno = errno;
      set_file_error (error, saved_errno, "Failed to create file", filename, NULL);
      return FALSE;
    }
  file.filename = filename;
  file.cancellable = cancellable;

  if (!write_func (save_file_flush, &file, user_data, error))
    goto fail;
  if (fsync (file.fd) != 0)
    {
      saved_errno = errno;
      set_file_error (error, saved_errno, "Failed to write file", filename, "fsync() failed");
      goto fail;
    }
  if (close (file.fd) != 0)
    {
      saved_errno = errno;
      file.fd = -1;
      set_file_error (error, saved_errno, "Failed to write file", filename, "close() failed");
      goto fail;
    }
  file.fd = -1;
  if (g_rename (tmp_filename, filename) != 0)
    {
      saved_errno = errno;
      set_file_error (error, saved_errno, "Failed to rename the temporary file onto", filename,
                      "rename() failed");
      goto fail;
    }

  return TRUE;

fail:
  if (file.fd >= 0)
    close (file.fd);
  g_unlink (tmp_filename);
  return FALSE;
}

static gboolean
save_file (CommunityDataset  *self,
           const char        *link_name,
           CommunityPrivacy  *privacy,
           GCancellable      *cancellable,
           GError           **error)
{
  SaveText save = { self, privacy };

  /* What save writes, load reads: an incomplete dataset is refused before
   * anything is written. */
  if (!community_dataset_check_complete (self, error))
    return FALSE;
  return community_io_replace_file (link_name, write_text, &save, cancellable, error);
}

/**
 * community_dataset_save_to_file:
 * @self: a dataset
 * @filename: (type filename): where to save
 * @error: return location for a [error@GLib.FileError]
 *
 * Saves the dataset to a file, personal data as it is; see
 * [method@Community.Dataset.save_to_file_full].
 *
 * Returns: %TRUE if the dataset was saved
 */
gboolean
community_dataset_save_to_file (CommunityDataset  *self,
                                const char        *filename,
                                GError           **error)
{
  return community_dataset_save_to_file_full (self, filename, NULL, error);
}


/* --- streams --- */

/**
 * community_dataset_load_from_stream:
 * @self: a dataset
 * @stream: a stream holding a dataset document in UTF-8
 * @cancellable: (nullable): a [class@Gio.Cancellable]
 * @error: return location for a [error@Community.ParseError], or the
 *   stream's error
 *
 * Replaces the content of the dataset with the document read from @stream,
 * to its end, as [method@Community.Dataset.load_from_data] does, through a
 * window: the document is never held whole. The stream is not closed.
 *
 * If @cancellable is cancelled, the load stops with
 * %G_IO_ERROR_CANCELLED, and the dataset is left as it was.
 *
 * Returns: %TRUE if the document was loaded
 */
gboolean
community_dataset_load_from_stream (CommunityDataset  *self,
                                    GInputStream      *stream,
                                    GCancellable      *cancellable,
                                    GError           **error)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return load (self, community_json_tokenizer_new_for_stream (stream, cancellable), error);
}

/**
 * community_dataset_save_to_stream:
 * @self: a dataset
 * @stream: where to write
 * @privacy: (nullable): what to do with personal data, or %NULL to keep it
 * @cancellable: (nullable): a [class@Gio.Cancellable]
 * @error: return location for the stream's error
 *
 * Writes the document [method@Community.Dataset.save_to_data_full] makes
 * to @stream, a chunk at a time, without holding it whole. The stream is
 * not closed. On failure (or cancellation, %G_IO_ERROR_CANCELLED) part of
 * the document may have been written.
 *
 * Returns: %TRUE if the whole document was written
 */
gboolean
community_dataset_save_to_stream (CommunityDataset  *self,
                                  GOutputStream     *stream,
                                  CommunityPrivacy  *privacy,
                                  GCancellable      *cancellable,
                                  GError           **error)
{
  g_autoptr(GString) out = NULL;
  CommunityJsonStream save = { stream, cancellable };

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (privacy == NULL || COMMUNITY_IS_PRIVACY (privacy), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !community_dataset_check_complete (self, error))
    return FALSE;
  out = g_string_sized_new (1024 * 1024 + 64 * 1024);
  return community_json_write_dataset_text (self, privacy, out, community_json_stream_flush, &save, error);
}

/* The end of an asynchronous load or save: its result, once checked to be
 * one of @self's, started by the function @source_tag. */
static gboolean
finish_task (CommunityDataset  *self,
             GAsyncResult      *result,
             gpointer           source_tag,
             GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- asynchronous loads --- */

typedef struct {
  char *filename;             /* or */
  GInputStream *stream;       /* or */
  GFile *file;                /* in @format */
  CommunityDatasetFormat format;
  CommunityDatasetContents contents;
  CommunitySheetOrigin *origin;   /* read from sheets */
} LoadData;

static void
load_data_free (LoadData *data)
{
  community_handoff_acquire (data);
  g_free (data->filename);
  g_clear_object (&data->file);
  g_clear_object (&data->origin);
  g_clear_object (&data->stream);
  community_dataset_contents_clear (&data->contents);
  g_free (data);
}

/* In a thread: the document into the task's contents, nothing else. */
static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadData *data = task_data;
  CommunityJsonSource *source;
  GError *error = NULL;
  gboolean ok;

  community_handoff_acquire (data);
  if (data->filename != NULL)
    {
      int fd = open_for_reading (data->filename, &error);

      if (fd < 0)
        {
          community_handoff_release (data);
          g_task_return_error (task, error);
          return;
        }
      source = community_json_tokenizer_new_for_fd (fd, cancellable);
    }
  else if (data->file != NULL)
    {
      source = community_sheets_open_source (data->file, data->format, cancellable, &error);
      if (source == NULL)
        {
          community_handoff_release (data);
          g_task_return_error (task, error);
          return;
        }
    }
  else
    source = community_json_tokenizer_new_for_stream (data->stream, cancellable);

  ok = community_json_walk_dataset (source, &data->contents, &error);
  if (ok && community_sheet_source_get_origin (source) != NULL)
    data->origin = community_sheet_origin_ref (community_sheet_source_get_origin (source));
  community_json_source_free (source);
  community_handoff_release (data);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Back in the caller's thread: the dataset takes what was read, unless
 * the load failed or was cancelled meanwhile. */
static void
load_done (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GTask *inner = G_TASK (result);
  CommunityDataset *self = g_task_get_source_object (outer);
  LoadData *data = g_task_get_task_data (inner);
  GError *error = NULL;

  community_handoff_acquire (data);
  if (!g_task_propagate_boolean (inner, &error))
    g_task_return_error (outer, error);
  else if (!g_task_return_error_if_cancelled (outer))
    {
      community_dataset_replace_contents (self, &data->contents);
      community_dataset_contents_clear (&data->contents);
      set_origin (self, g_steal_pointer (&data->origin));
      g_task_return_boolean (outer, TRUE);
    }
  community_handoff_release (data);
}

/* Starts a task of @self's (the caller's, @callback's) whose work,
 * @thread_func on @data, runs in a thread under an inner task of its own;
 * @done, in the caller's thread, ends the caller's task. The inner task's
 * source object is not the dataset: the thread never touches it, and never
 * holds it, so that its last reference is not dropped, nor the dataset
 * finalized, in the thread (under a UI's models). */
static GTask *
run_in_thread (CommunityDataset    *self,
               gpointer             data,
               GDestroyNotify       data_free,
               GTaskThreadFunc      thread_func,
               GAsyncReadyCallback  done,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data,
               gpointer             source_tag)
{
  GTask *outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = g_task_new (NULL, cancellable, done, outer);

  g_task_set_source_tag (outer, source_tag);
  g_task_set_task_data (inner, data, data_free);
  community_handoff_release (data);
  g_task_run_in_thread (inner, thread_func);
  return outer;
}

static void
load_async (CommunityDataset    *self,
            LoadData            *data,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  run_in_thread (self, data, (GDestroyNotify) load_data_free, load_thread, load_done,
                 cancellable, callback, user_data, source_tag);
}

/**
 * community_dataset_load_from_file_async:
 * @self: a dataset
 * @filename: (type filename): the path of a dataset document
 * @cancellable: (nullable): a [class@Gio.Cancellable]
 * @callback: (scope async): called when the load is over
 * @user_data: data for @callback
 *
 * Starts to load a file as [method@Community.Dataset.load_from_file] does,
 * reading it in another thread; the dataset is not touched until the
 * document has been read whole, and then in the thread that called this,
 * just before @callback, which then calls
 * [method@Community.Dataset.load_from_file_finish]. Do not change the
 * dataset meanwhile: the load replaces everything it holds.
 *
 * If @cancellable is cancelled, the load gives %G_IO_ERROR_CANCELLED and
 * the dataset is left as it was.
 */
void
community_dataset_load_from_file_async (CommunityDataset    *self,
                                        const char          *filename,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  LoadData *data;

  g_return_if_fail (COMMUNITY_IS_DATASET (self));
  g_return_if_fail (filename != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (LoadData, 1);
  data->filename = g_strdup (filename);
  load_async (self, data, cancellable, callback, user_data, community_dataset_load_from_file_async);
}

/**
 * community_dataset_load_from_file_finish:
 * @self: a dataset
 * @result: the result given to the callback
 * @error: return location for a [error@Community.ParseError], a
 *   [error@GLib.FileError] or %G_IO_ERROR_CANCELLED
 *
 * Ends a load started with [method@Community.Dataset.load_from_file_async].
 *
 * Returns: %TRUE if the document was loaded
 */
gboolean
community_dataset_load_from_file_finish (CommunityDataset  *self,
                                         GAsyncResult      *result,
                                         GError           **error)
{
  return finish_task (self, result, community_dataset_load_from_file_async, error);
}

/**
 * community_dataset_load_from_stream_async:
 * @self: a dataset
 * @stream: a stream holding a dataset document in UTF-8
 * @cancellable: (nullable): a [class@Gio.Cancellable]
 * @callback: (scope async): called when the load is over
 * @user_data: data for @callback
 *
 * Starts to load a document from @stream as
 * [method@Community.Dataset.load_from_stream] does, reading it in another
 * thread; see [method@Community.Dataset.load_from_file_async] for when the
 * dataset changes. @callback then calls
 * [method@Community.Dataset.load_from_stream_finish]. Do not use @stream
 * meanwhile.
 */
void
community_dataset_load_from_stream_async (CommunityDataset    *self,
                                          GInputStream        *stream,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  LoadData *data;

  g_return_if_fail (COMMUNITY_IS_DATASET (self));
  g_return_if_fail (G_IS_INPUT_STREAM (stream));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (LoadData, 1);
  data->stream = g_object_ref (stream);
  load_async (self, data, cancellable, callback, user_data, community_dataset_load_from_stream_async);
}

/**
 * community_dataset_load_from_stream_finish:
 * @self: a dataset
 * @result: the result given to the callback
 * @error: return location for a [error@Community.ParseError], the
 *   stream's error or %G_IO_ERROR_CANCELLED
 *
 * Ends a load started with [method@Community.Dataset.load_from_stream_async].
 *
 * Returns: %TRUE if the document was loaded
 */
gboolean
community_dataset_load_from_stream_finish (CommunityDataset  *self,
                                           GAsyncResult      *result,
                                           GError           **error)
{
  return finish_task (self, result, community_dataset_load_from_stream_async, error);
}

/* --- asynchronous saves --- */

typedef struct {
  CommunityDataset *snapshot;   /* the thread's own copy */
  char *filename;               /* or */
  GFile *file;                  /* in @format, with @flags */
  CommunityDatasetFormat format;
  CommunitySheetFlags flags;
  CommunityPrivacy *privacy;    /* nullable */
} SaveData;

static void
save_data_free (SaveData *data)
{
  community_handoff_acquire (data);
  g_clear_object (&data->snapshot);
  g_free (data->filename);
  g_clear_object (&data->file);
  g_clear_object (&data->privacy);
  g_free (data);
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SaveData *data = task_data;
  GError *error = NULL;
  gboolean ok;

  community_handoff_acquire (data);
  if (data->file != NULL)
    ok = community_dataset_save_to_gfile (data->snapshot, data->file, data->format, data->flags,
                                          data->privacy, cancellable, &error);
  else
    ok = save_file (data->snapshot, data->filename, data->privacy, cancellable, &error);
  community_handoff_release (data);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Back in the caller's thread: the thread's outcome, as it was. */
static void
save_done (GObject      *source_object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  GError *error = NULL;

  if (g_task_propagate_boolean (G_TASK (result), &error))
    g_task_return_boolean (outer, TRUE);
  else
    g_task_return_error (outer, error);
}

/* Saves a copy of @self taken now, in a thread, as @data says: the
 * thread holds the copy, never the dataset (run_in_thread()). */
static void
save_async (CommunityDataset    *self,
            SaveData            *data,
            CommunityPrivacy    *privacy,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data,
            gpointer             source_tag)
{
  GTask *outer;

  data->snapshot = community_dataset_copy (self);
  data->privacy = privacy != NULL ? g_object_ref (privacy) : NULL;
  outer = run_in_thread (self, data, (GDestroyNotify) save_data_free, save_thread, save_done,
                         cancellable, callback, user_data, source_tag);
  /* The thread's result decides, cancellation included. */
  g_task_set_check_cancellable (outer, FALSE);
}

/**
 * community_dataset_save_to_file_async:
 * @self: a dataset
 * @filename: (type filename): where to save
 * @privacy: (nullable): what to do with personal data, or %NULL to keep it
 * @cancellable: (nullable): a [class@Gio.Cancellable]
 * @callback: (scope async): called when the save is over
 * @user_data: data for @callback
 *
 * Starts to save the dataset as [method@Community.Dataset.save_to_file_full]
 * does, in another thread: what is saved is the dataset as it is now (a
 * copy, [method@Community.Dataset.copy]), so it may go on being used and
 * changed meanwhile. @callback then calls
 * [method@Community.Dataset.save_to_file_finish].
 *
 * If @cancellable is cancelled, the save gives %G_IO_ERROR_CANCELLED and
 * leaves the old file as it was.
 */
void
community_dataset_save_to_file_async (CommunityDataset    *self,
                                      const char          *filename,
                                      CommunityPrivacy    *privacy,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  SaveData *data;

  g_return_if_fail (COMMUNITY_IS_DATASET (self));
  g_return_if_fail (filename != NULL);
  g_return_if_fail (privacy == NULL || COMMUNITY_IS_PRIVACY (privacy));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (SaveData, 1);
  data->filename = g_strdup (filename);
  save_async (self, data, privacy, cancellable, callback, user_data, community_dataset_save_to_file_async);
}

/**
 * community_dataset_save_to_file_finish:
 * @self: a dataset
 * @result: the result given to the callback
 * @error: return location for a [error@GLib.FileError] or
 *   %G_IO_ERROR_CANCELLED
 *
 * Ends a save started with [method@Community.Dataset.save_to_file_async].
 *
 * Returns: %TRUE if the dataset was saved
 */
gboolean
community_dataset_save_to_file_finish (CommunityDataset  *self,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  return finish_task (self, result, community_dataset_save_to_file_async, error);
}

/* --- every format: workbooks and CSV (lib/sheets/), and JSON --- */

/**
 * community_dataset_load_from_gfile:
 * @self: a dataset
 * @file: a JSON document, an `.xlsx` workbook, a folder or a `.zip` of CSV
 *   files, or one CSV file
 * @format: what @file is, or %COMMUNITY_DATASET_FORMAT_AUTO to tell (see
 *   [func@Community.DatasetFormat.guess])
 * @cancellable: (nullable): a [class@Gio.Cancellable]
 * @error: return location for a [error@Community.ParseError] or the file's
 *   error
 *
 * Replaces the content of the dataset with what @file holds, in any of
 * the dataset's forms. JSON is read as
 * [method@Community.Dataset.load_from_file] reads it. A workbook or CSV
 * files are laid out as DOMAIN.md §9 says (a sheet per top-level array,
 * row 1 the columns, cells as the members' values) and read by the same
 * decoder as JSON, which refuses the same things with the same words;
 * besides the JSON Pointer, an error then names the sheet, the cell and the
 * column, first: `社区!F12 (households): /communities/10/households:
 * expected a non-negative integer, found a string`. A CSV file that is
 * neither UTF-8 nor GB18030 is refused with its name and the byte offset.
 *
 * After a load from sheets, [method@Community.Dataset.locate_cell] tells
 * the cell of any value. On failure the dataset is left as it was.
 *
 * Returns: %TRUE if the dataset was loaded
 */
gboolean
community_dataset_load_from_gfile (CommunityDataset        *self,
                                   GFile                   *file,
                                   CommunityDatasetFormat   format,
                                   GCancellable            *cancellable,
                                   GError                 **error)
{
  CommunityJsonSource *source;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  source = community_sheets_open_source (file, format, cancellable, error);
  if (source == NULL)
    return FALSE;
  return load (self, source, error);
}

/**
 * community_dataset_load_from_gfile_async:
 * @self: a dataset
 * @file: what to load, as for [method@Community.Dataset.load_from_gfile]
 * @format: what @file is, or %COMMUNITY_DATASET_FORMAT_AUTO
 * @cancellable: (nullable): a [class@Gio.Cancellable]
 * @callback: (scope async): called when the load is over
 * @user_data: data for @callback
 *
 * Starts to load @file as [method@Community.Dataset.load_from_gfile] does,
 * reading and decoding it in another thread, as
 * [method@Community.Dataset.load_from_file_async] does; @callback then
 * calls [method@Community.Dataset.load_from_gfile_finish].
 */
void
community_dataset_load_from_gfile_async (CommunityDataset        *self,
                                         GFile                   *file,
                                         CommunityDatasetFormat   format,
                                         GCancellable            *cancellable,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data)
{
  LoadData *data;

  g_return_if_fail (COMMUNITY_IS_DATASET (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (LoadData, 1);
  data->file = g_object_ref (file);
  data->format = format;
  load_async (self, data, cancellable, callback, user_data, community_dataset_load_from_gfile_async);
}

/**
 * community_dataset_load_from_gfile_finish:
 * @self: a dataset
 * @result: the result given to the callback
 * @error: return location for the load's error
 *
 * Ends a load started with [method@Community.Dataset.load_from_gfile_async].
 *
 * Returns: %TRUE if the dataset was loaded
 */
gboolean
community_dataset_load_from_gfile_finish (CommunityDataset  *self,
                                          GAsyncResult      *result,
                                          GError           **error)
{
  return finish_task (self, result, community_dataset_load_from_gfile_async, error);
}

/**
 * community_dataset_load_from_stream_format:
 * @self: a dataset
 * @stream: a stream of JSON, of an `.xlsx` workbook or of a `.zip` of CSV
 *   files
 * @format: what @stream holds, or %COMMUNITY_DATASET_FORMAT_AUTO to tell by
 *   its first bytes (a zip, or JSON)
 * @cancellable: (nullable): a [class@Gio.Cancellable]
 * @error: return location for a [error@Community.ParseError] or the
 *   stream's error
 *
 * Loads from a stream in any of the dataset's forms; see
 * [method@Community.Dataset.load_from_gfile]. JSON is read through a
 * window; a zip (a workbook, or CSV files) is read from its end, so the
 * stream is read whole first. The stream is not closed.
 *
 * Returns: %TRUE if the dataset was loaded
 */
gboolean
community_dataset_load_from_stream_format (CommunityDataset        *self,
                                           GInputStream            *stream,
                                           CommunityDatasetFormat   format,
                                           GCancellable            *cancellable,
                                           GError                 **error)
{
  CommunityJsonSource *source;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), FALSE);
  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  source = community_sheets_open_stream (stream, format, cancellable, error);
  if (source == NULL)
    return FALSE;
  return load (self, source, error);
}

/**
 * community_dataset_save_to_gfile:
 * @self: a dataset
 * @file: where to save: a `.json` or `.xlsx` file, a `.zip` or a folder of
 *   CSV files
 * @format: the form to write, or %COMMUNITY_DATASET_FORMAT_AUTO to tell by
 *   @file's name (`.xlsx`, `.zip`, `.csv` or an existing folder; JSON
 *   otherwise)
 * @flags: how sheets are written: %COMMUNITY_SHEET_FLAGS_TITLES for
 *   Chinese headers
 * @privacy: (nullable): what to do with personal data, or %NULL to keep it
 * @cancellable: (nullable): a [class@Gio.Cancellable]
 * @error: return location for a [error@Community.ParseError] (an
 *   incomplete dataset) or the file's error
 *
 * Saves the dataset in any of its forms. JSON is written as
 * [method@Community.Dataset.save_to_file_full] writes it. A workbook or CSV
 * files follow DOMAIN.md §9, and load again into an equal dataset, unknown
 * members included (in columns of their own). Codes stay text: every cell
 * holding a string is a text cell. Each file is replaced as a JSON save
 * replaces it; CSV into a folder writes one file per sheet. An incomplete
 * dataset is refused as [method@Community.Dataset.check_complete] says.
 *
 * Returns: %TRUE if the dataset was saved
 */
gboolean
community_dataset_save_to_gfile (CommunityDataset        *self,
                                 GFile                   *file,
                                 CommunityDatasetFormat   format,
                                 CommunitySheetFlags      flags,
                                 CommunityPrivacy        *privacy,
                                 GCancellable            *cancellable,
                                 GError                 **error)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (privacy == NULL || COMMUNITY_IS_PRIVACY (privacy), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!community_dataset_check_complete (self, error))
    return FALSE;
  return community_sheets_save (self, file, format, flags, privacy, cancellable, error);
}

/**
 * community_dataset_save_to_stream_format:
 * @self: a dataset
 * @stream: where to write
 * @format: %COMMUNITY_DATASET_FORMAT_JSON (or AUTO), _XLSX, or _CSV for a
 *   `.zip` of CSV files
 * @flags: how sheets are written
 * @privacy: (nullable): what to do with personal data, or %NULL to keep it
 * @cancellable: (nullable): a [class@Gio.Cancellable]
 * @error: return location for the stream's error
 *
 * Writes the dataset to a stream in any of its forms; see
 * [method@Community.Dataset.save_to_gfile]. The stream is not closed.
 *
 * Returns: %TRUE if the whole dataset was written
 */
gboolean
community_dataset_save_to_stream_format (CommunityDataset        *self,
                                         GOutputStream           *stream,
                                         CommunityDatasetFormat   format,
                                         CommunitySheetFlags      flags,
                                         CommunityPrivacy        *privacy,
                                         GCancellable            *cancellable,
                                         GError                 **error)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (privacy == NULL || COMMUNITY_IS_PRIVACY (privacy), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!community_dataset_check_complete (self, error))
    return FALSE;
  return community_sheets_save_stream (self, stream, format, flags, privacy, cancellable, error);
}

/**
 * community_dataset_save_to_gfile_async:
 * @self: a dataset
 * @file: where to save, as for [method@Community.Dataset.save_to_gfile]
 * @format: the form to write, or %COMMUNITY_DATASET_FORMAT_AUTO
 * @flags: how sheets are written
 * @privacy: (nullable): what to do with personal data, or %NULL to keep it
 * @cancellable: (nullable): a [class@Gio.Cancellable]
 * @callback: (scope async): called when the save is over
 * @user_data: data for @callback
 *
 * Starts to save as [method@Community.Dataset.save_to_gfile] does, from a
 * copy of the dataset taken now, in another thread; @callback then calls
 * [method@Community.Dataset.save_to_gfile_finish].
 */
void
community_dataset_save_to_gfile_async (CommunityDataset        *self,
                                       GFile                   *file,
                                       CommunityDatasetFormat   format,
                                       CommunitySheetFlags      flags,
                                       CommunityPrivacy        *privacy,
                                       GCancellable            *cancellable,
                                       GAsyncReadyCallback      callback,
                                       gpointer                 user_data)
{
  SaveData *data;

  g_return_if_fail (COMMUNITY_IS_DATASET (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (privacy == NULL || COMMUNITY_IS_PRIVACY (privacy));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (file);
  data->format = format;
  data->flags = flags;
  save_async (self, data, privacy, cancellable, callback, user_data, community_dataset_save_to_gfile_async);
}

/**
 * community_dataset_save_to_gfile_finish:
 * @self: a dataset
 * @result: the result given to the callback
 * @error: return location for the save's error
 *
 * Ends a save started with [method@Community.Dataset.save_to_gfile_async].
 *
 * Returns: %TRUE if the dataset was saved
 */
gboolean
community_dataset_save_to_gfile_finish (CommunityDataset  *self,
                                        GAsyncResult      *result,
                                        GError           **error)
{
  return finish_task (self, result, community_dataset_save_to_gfile_async, error);
}

/**
 * community_dataset_locate_cell:
 * @self: a dataset
 * @pointer: a JSON Pointer into the dataset, such as a finding's path
 *   (`/communities/10/households`)
 *
 * Where the value at @pointer came from, when the dataset was last loaded
 * from a workbook or CSV files: the sheet and the cell (`社区!F12`), or the
 * row (`社区!12:12`) when the member has no column. Positions are those of
 * the load: after entities are added or removed, the answer is for the
 * record that was at that position.
 *
 * Returns: (transfer full) (nullable): the cell, or %NULL when the dataset
 *   did not come from sheets or @pointer names nothing that did
 */
char *
community_dataset_locate_cell (CommunityDataset *self,
                               const char       *pointer)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (pointer != NULL, NULL);

  return community_sheet_origin_locate (g_object_get_data (G_OBJECT (self), COMMUNITY_DATASET_ORIGIN_KEY),
                                        pointer);
}
