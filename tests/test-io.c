/* test-io.c: datasets in and out of files and streams, and the async forms
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * lib/json/community-dataset-io.c: saves keep what g_file_replace()
 * promises (a symbolic link stays one and its target is replaced,
 * permissions are kept, a save that fails midway leaves the old file byte
 * for byte and nothing beside it); streams are read through the same
 * tokenizer as files; the asynchronous loads and saves give what the
 * synchronous ones give, and a cancelled one gives G_IO_ERROR_CANCELLED
 * and leaves the dataset (or the file) as it was.
 */

#include <fcntl.h>
#include <glib/gstdio.h>
#include <glib-unix.h>
#include <gio/gunixinputstream.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include "test-common.h"

/* --- helpers --- */

static char *
read_file (const char *path,
           gsize      *length)
{
  char *text = NULL;

  ck_assert_msg (g_file_get_contents (path, &text, length, NULL), "cannot read %s", path);
  return text;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @dir, sorted, joined with spaces. */
static char *
listing (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* A dataset document written by @dataset's save, for comparing files. */
static char *
document_of (CommunityDataset *dataset)
{
  return community_dataset_save_to_data (dataset, NULL);
}

/* --- symbolic links and permissions --- */

START_TEST (test_save_through_symlink)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityDataset) reloaded = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-io-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "target.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autofree char *link2 = g_build_filename (dir, "link2.json", NULL);
  g_autofree char *names = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *expected = document_of (dataset);
  GStatBuf st;

  ck_assert (g_file_set_contents (target, "{}", -1, NULL));
  ck_assert (g_chmod (target, 0600) == 0);
  ck_assert (symlink ("target.json", link) == 0);   /* relative */
  ck_assert (symlink (link, link2) == 0);           /* absolute, to a link */

  /* Through one link, then through a chain of two. */
  for (guint i = 0; i < 2; i++)
    {
      ck_assert_msg (community_dataset_save_to_file (dataset, i == 0 ? link : link2, &error), "%s",
                     error ? error->message : "");
      ck_assert (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
      ck_assert (g_file_test (link2, G_FILE_TEST_IS_SYMLINK));
      ck_assert (!g_file_test (target, G_FILE_TEST_IS_SYMLINK));
      g_clear_pointer (&saved, g_free);
      saved = read_file (target, NULL);
      ck_assert_str_eq (saved, expected);
      ck_assert (g_stat (target, &st) == 0);
      ck_assert_uint_eq (st.st_mode & 0777, 0600);
      g_clear_pointer (&names, g_free);
      names = listing (dir);
      ck_assert_str_eq (names, "link.json link2.json target.json");
    }

  ck_assert (community_dataset_load_from_file (reloaded, link2, &error));
  ck_assert (community_dataset_equal (reloaded, dataset));

  community_test_remove_tree (dir);
}
END_TEST

/* A dangling link: the file it names is created, and the link stays. */
START_TEST (test_save_through_dangling_symlink)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-io-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "new.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autofree char *saved = NULL;
  g_autofree char *expected = document_of (dataset);

  ck_assert (symlink ("new.json", link) == 0);
  ck_assert (community_dataset_save_to_file (dataset, link, &error));
  ck_assert (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  saved = read_file (target, NULL);
  ck_assert_str_eq (saved, expected);

  community_test_remove_tree (dir);
}
END_TEST

/* A fault in mid-save (a file size limit: write() fails with EFBIG part of
 * the way, a full disk without a disk), through a link: the link, the old
 * target byte for byte, nothing else in the folder. */
START_TEST (test_fault_mid_save_through_symlink)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-io-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (dir, "target.json", NULL);
  g_autofree char *link = g_build_filename (dir, "link.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *names = NULL;
  gsize before_length, after_length;
  struct rlimit saved_limit, limit;

  ck_assert (community_dataset_save_to_file (dataset, target, &error));
  before = read_file (target, &before_length);
  ck_assert (symlink ("target.json", link) == 0);
  /* Something else to save, larger than the limit. */
  g_object_set (community_dataset_get_grid (dataset, "320205106001-G02"), "households", 4321, NULL);

  ck_assert (getrlimit (RLIMIT_FSIZE, &saved_limit) == 0);
  limit = saved_limit;
  limit.rlim_cur = 4096;
  signal (SIGXFSZ, SIG_IGN);
  ck_assert (setrlimit (RLIMIT_FSIZE, &limit) == 0);
  ck_assert (!community_dataset_save_to_file (dataset, link, &error));
  ck_assert (setrlimit (RLIMIT_FSIZE, &saved_limit) == 0);
  signal (SIGXFSZ, SIG_DFL);

  ck_assert (error != NULL && error->domain == G_FILE_ERROR);
  ck_assert (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  after = read_file (target, &after_length);
  ck_assert_uint_eq (after_length, before_length);
  ck_assert (memcmp (after, before, before_length) == 0);
  names = listing (dir);
  ck_assert_str_eq (names, "link.json target.json");

  community_test_remove_tree (dir);
}
END_TEST

/* --- streams --- */

typedef struct {
  int fd;
  const char *data;
  gsize length;
  gsize chunk;
} Feeder;

/* Writes the data into a pipe a few bytes at a time, so that every read
 * of the stream ends somewhere else in a token. */
static gpointer
feed (gpointer user_data)
{
  Feeder *feeder = user_data;

  for (gsize done = 0; done < feeder->length;)
    {
      gssize n = write (feeder->fd, feeder->data + done, MIN (feeder->chunk, feeder->length - done));

      if (n <= 0)
        break;
      done += (gsize) n;
    }
  close (feeder->fd);
  return NULL;
}

/* Loads @data from a pipe fed @chunk bytes at a time. */
static gboolean
load_from_pipe (CommunityDataset  *dataset,
                const char        *data,
                gsize              length,
                gsize              chunk,
                GError           **error)
{
  int fds[2];
  Feeder feeder;
  g_autoptr(GThread) thread = NULL;
  g_autoptr(GInputStream) stream = NULL;
  gboolean ok;

  ck_assert (g_unix_open_pipe (fds, FD_CLOEXEC, NULL));
  feeder = (Feeder) { fds[1], data, length, chunk };
  thread = g_thread_new ("feeder", feed, &feeder);
  stream = g_unix_input_stream_new (fds[0], TRUE);
  ok = community_dataset_load_from_stream (dataset, stream, NULL, error);
  /* Whatever the loader left unread. */
  {
    char sink[4096];

    while (g_input_stream_read (stream, sink, sizeof sink, NULL, NULL) > 0)
      ;
  }
  g_thread_join (g_steal_pointer (&thread));
  return ok;
}

START_TEST (test_stream_source)
{
  g_autoptr(CommunityDataset) from_file = community_test_load_sample ();
  g_autoptr(CommunityDataset) from_memory = community_dataset_new ();
  g_autoptr(CommunityDataset) from_pipe = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *text = read_file (community_test_sample_path (), &length);
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_data (text, length, NULL);

  ck_assert_msg (community_dataset_load_from_stream (from_memory, memory, NULL, &error), "%s",
                 error ? error->message : "");
  ck_assert (community_dataset_equal (from_memory, from_file));

  ck_assert_msg (load_from_pipe (from_pipe, text, length, 7, &error), "%s", error ? error->message : "");
  ck_assert (community_dataset_equal (from_pipe, from_file));
}
END_TEST

/* Refusals from a stream read in small pieces are those from memory, the
 * line and column of a syntax error included. */
START_TEST (test_stream_refusals)
{
  static const char * const documents[] = {
    "{\"format\": \"libcommunity-dataset\", \"version\": 1,\n  \"grids\": [{\"id\": \"G1\",\n \"community\": 7}]}",
    "{\"format\": \"libcommunity-dataset\", \"version\": 1,\n  \"x\": [1,\n  2,]}",
    "{\"format\": \"libcommunity-dataset\", \"version\": 1,\n  \"x\": \"\\ud800\"}",
    "{\"format\": \"libcommunity-dataset\", \"version\": 1,\n  \"x\": \"无锡\xff\"}",
    "{\"version\": 1, \"x\": 1, \"x\": 2}",
    "{\"format\": \"libcommunity-dataset\", \"version\": 1, \"grids\": [{\"id\": \"G1\", \"community\": \"C\"}",
  };
  g_autoptr(CommunityDataset) pristine = community_test_load_sample ();

  for (guint i = 0; i < G_N_ELEMENTS (documents); i++)
    for (gsize chunk = 1; chunk <= 9; chunk += 4)
      {
        g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
        g_autoptr(GError) from_data = NULL;
        g_autoptr(GError) from_pipe = NULL;

        ck_assert (!community_dataset_load_from_data (dataset, documents[i], -1, &from_data));
        ck_assert (!load_from_pipe (dataset, documents[i], strlen (documents[i]), chunk, &from_pipe));
        ck_assert_str_eq (from_pipe->message, from_data->message);
        ck_assert (community_dataset_equal (dataset, pristine));
      }
}
END_TEST

START_TEST (test_save_to_stream)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityPrivacy) privacy = community_privacy_new (COMMUNITY_PRIVACY_MODE_MASK);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = NULL;
  gsize length;

  ck_assert (community_dataset_save_to_stream (dataset, out, privacy, NULL, &error));
  ck_assert (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));   /* a nul */
  expected = community_dataset_save_to_data_full (dataset, privacy, &length);
  ck_assert_uint_eq (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (out)), length + 1);
  ck_assert_str_eq (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (out)), expected);
}
END_TEST

/* --- asynchronous forms --- */

typedef struct {
  GMainLoop *loop;
  GAsyncResult *result;
} Waiter;

static void
done (GObject      *source,
      GAsyncResult *result,
      gpointer      user_data)
{
  Waiter *waiter = user_data;

  waiter->result = g_object_ref (result);
  g_main_loop_quit (waiter->loop);
}

static GAsyncResult *
wait_for (Waiter *waiter)
{
  g_main_loop_run (waiter->loop);
  g_main_loop_unref (waiter->loop);
  return waiter->result;
}

#define WAITER_INIT { g_main_loop_new (NULL, FALSE), NULL }

START_TEST (test_async_load)
{
  g_autoptr(CommunityDataset) expected = community_test_load_sample ();
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityDataset) from_stream = community_dataset_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) stream_result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (community_test_sample_path ());
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  Waiter waiter = WAITER_INIT, stream_waiter = WAITER_INIT;

  community_dataset_load_from_file_async (dataset, community_test_sample_path (), NULL, done, &waiter);
  /* Nothing changes before the callback. */
  ck_assert_uint_eq (g_list_model_get_n_items (community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_GRID)), 0);
  result = wait_for (&waiter);
  ck_assert_msg (community_dataset_load_from_file_finish (dataset, result, &error), "%s",
                 error ? error->message : "");
  ck_assert (community_dataset_equal (dataset, expected));

  community_dataset_load_from_stream_async (from_stream, G_INPUT_STREAM (stream), NULL, done, &stream_waiter);
  stream_result = wait_for (&stream_waiter);
  ck_assert (community_dataset_load_from_stream_finish (from_stream, stream_result, &error));
  ck_assert (community_dataset_equal (from_stream, expected));
}
END_TEST

START_TEST (test_async_load_refused)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityDataset) pristine = community_test_load_sample ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.json", NULL);
  Waiter waiter = WAITER_INIT, missing_waiter = WAITER_INIT;
  g_autoptr(GAsyncResult) missing_result = NULL;

  ck_assert (g_file_set_contents (path, "{\"format\": \"libcommunity-dataset\", \"version\": 1,"
                                  " \"grids\": [{\"id\": \"G1\", \"community\": 7}]}", -1, NULL));
  community_dataset_load_from_file_async (dataset, path, NULL, done, &waiter);
  result = wait_for (&waiter);
  ck_assert (!community_dataset_load_from_file_finish (dataset, result, &error));
  community_test_assert_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_TYPE, "/grids/0/community");
  ck_assert (community_dataset_equal (dataset, pristine));
  g_clear_error (&error);

  community_dataset_load_from_file_async (dataset, missing, NULL, done, &missing_waiter);
  missing_result = wait_for (&missing_waiter);
  ck_assert (!community_dataset_load_from_file_finish (dataset, missing_result, &error));
  ck_assert (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT));
  ck_assert (community_dataset_equal (dataset, pristine));

  community_test_remove_tree (dir);
}
END_TEST

/* A large document (several windows), to cancel while it is read. */
static char *
large_document_file (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "large.json", NULL);
  g_autoptr(GString) json = g_string_new ("{\"format\": \"libcommunity-dataset\", \"version\": 1, \"grids\": [");

  for (guint i = 0; i < 200000; i++)
    g_string_append_printf (json, "%s{\"id\": \"G%u\", \"community\": \"C\", \"households\": %u}",
                            i > 0 ? ", " : "", i, i);
  g_string_append (json, "]}");
  ck_assert (g_file_set_contents (path, json->str, json->len, NULL));
  return g_steal_pointer (&path);
}

/* Cancelled before it starts, while it reads, and after it has read but
 * before the dataset takes it: always G_IO_ERROR_CANCELLED, and the
 * dataset as it was. */
START_TEST (test_async_load_cancelled)
{
  g_autofree char *dir = g_dir_make_tmp ("community-io-XXXXXX", NULL);
  g_autofree char *path = large_document_file (dir);
  g_autoptr(CommunityDataset) pristine = community_test_load_sample ();

  for (guint when = 0; when < 3; when++)
    {
      g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      Waiter waiter = WAITER_INIT;

      if (when == 0)
        g_cancellable_cancel (cancellable);
      community_dataset_load_from_file_async (dataset, path, cancellable, done, &waiter);
      if (when == 1)
        g_cancellable_cancel (cancellable);
      if (when == 2)
        {
          /* Let the thread finish, then cancel before the main loop runs
           * the completion. */
          g_usleep (G_USEC_PER_SEC);
          g_cancellable_cancel (cancellable);
        }
      result = wait_for (&waiter);
      ck_assert (!community_dataset_load_from_file_finish (dataset, result, &error));
      ck_assert_msg (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED), "%s", error->message);
      ck_assert (community_dataset_equal (dataset, pristine));
    }

  community_test_remove_tree (dir);
}
END_TEST

START_TEST (test_stream_cancelled)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityDataset) pristine = community_test_load_sample ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gsize length;
  g_autofree char *text = read_file (community_test_sample_path (), &length);
  g_autoptr(GInputStream) memory = g_memory_input_stream_new_from_data (text, length, NULL);

  g_cancellable_cancel (cancellable);
  ck_assert (!community_dataset_load_from_stream (dataset, memory, cancellable, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  ck_assert (community_dataset_equal (dataset, pristine));
}
END_TEST

START_TEST (test_async_save)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  g_autofree char *expected = document_of (dataset);
  g_autofree char *saved = NULL;
  Waiter waiter = WAITER_INIT;

  community_dataset_save_to_file_async (dataset, path, NULL, NULL, done, &waiter);
  /* What is saved is the dataset as it was when the save started. */
  g_object_set (community_dataset_get_grid (dataset, "320205106001-G02"), "households", 4321, NULL);
  result = wait_for (&waiter);
  ck_assert_msg (community_dataset_save_to_file_finish (dataset, result, &error), "%s",
                 error ? error->message : "");
  saved = read_file (path, NULL);
  ck_assert_str_eq (saved, expected);

  community_test_remove_tree (dir);
}
END_TEST

static void
note_finalized_in (gpointer  data,
                   GObject  *where_the_object_was)
{
  *(GThread **) data = g_thread_self ();
}

/* A save's thread never holds the dataset: the caller may drop it while
 * the save runs, and it is finalized in the caller's thread (with the
 * task's result), not in GTask's pool, where a UI's models would be torn
 * down under it. Many rounds, as which thread lets go last is a race. */
START_TEST (test_async_save_dataset_stays_in_its_thread)
{
  g_autoptr(CommunityDataset) sample = community_test_load_sample ();
  g_autofree char *dir = g_dir_make_tmp ("community-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);

  for (guint round = 0; round < 200; round++)
    {
      CommunityDataset *dataset = community_dataset_copy (sample);
      GThread *finalized_in = NULL;
      GAsyncResult *result;
      GObject *source;
      Waiter waiter = WAITER_INIT;

      g_object_weak_ref (G_OBJECT (dataset), note_finalized_in, &finalized_in);
      community_dataset_save_to_file_async (dataset, path, NULL, NULL, done, &waiter);
      g_object_unref (dataset);   /* the caller lets go at once */
      result = wait_for (&waiter);
      source = g_async_result_get_source_object (result);   /* a reference of its own */
      ck_assert (community_dataset_save_to_file_finish (COMMUNITY_DATASET (source), result, NULL));
      g_object_unref (source);
      g_object_unref (result);
      /* Whichever thread let go last, the dataset is gone by now, here. */
      for (guint spin = 0; finalized_in == NULL && spin < 1000; spin++)
        g_usleep (1000);
      ck_assert_ptr_eq (finalized_in, g_thread_self ());
    }

  community_test_remove_tree (dir);
}
END_TEST

START_TEST (test_async_save_cancelled)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-io-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "saved.json", NULL);
  g_autofree char *now = NULL;
  g_autofree char *names = NULL;
  Waiter waiter = WAITER_INIT;

  ck_assert (g_file_set_contents (path, "old", -1, NULL));
  g_cancellable_cancel (cancellable);
  community_dataset_save_to_file_async (dataset, path, NULL, cancellable, done, &waiter);
  result = wait_for (&waiter);
  ck_assert (!community_dataset_save_to_file_finish (dataset, result, &error));
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  now = read_file (path, NULL);
  ck_assert_str_eq (now, "old");
  names = listing (dir);
  ck_assert_str_eq (names, "saved.json");

  community_test_remove_tree (dir);
}
END_TEST

static Suite *
io_suite (void)
{
  Suite *suite = suite_create ("io");
  TCase *files = tcase_create ("files");
  TCase *streams = tcase_create ("streams");
  TCase *async = tcase_create ("async");

  tcase_add_test (files, test_save_through_symlink);
  tcase_add_test (files, test_save_through_dangling_symlink);
  tcase_add_test (files, test_fault_mid_save_through_symlink);
  suite_add_tcase (suite, files);

  tcase_add_test (streams, test_stream_source);
  tcase_add_test (streams, test_stream_refusals);
  tcase_add_test (streams, test_save_to_stream);
  tcase_add_test (streams, test_stream_cancelled);
  suite_add_tcase (suite, streams);

  tcase_add_test (async, test_async_load);
  tcase_add_test (async, test_async_load_refused);
  tcase_add_test (async, test_async_load_cancelled);
  tcase_add_test (async, test_async_save);
  tcase_add_test (async, test_async_save_dataset_stays_in_its_thread);
  tcase_add_test (async, test_async_save_cancelled);
  suite_add_tcase (suite, async);
  return suite;
}

int
main (void)
{
  return community_test_run (io_suite ());
}
