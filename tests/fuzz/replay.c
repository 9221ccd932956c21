/* replay.c: a main() for a fuzz target without libFuzzer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: fuzz-replay-TARGET FILE|DIRECTORY...
 *
 * Feeds each file (each regular file of a directory, in name order) to the
 * target's LLVMFuzzerTestOneInput() once. A bad input aborts, which fails
 * the test; the name of the file being replayed is printed first so the
 * log says which one.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  fprintf (stderr, "replaying %s\n", path);
  /* A copy of exactly @length bytes (never NULL, as with libFuzzer), so
   * that an over-read is caught as it would be under libFuzzer. */
  {
    uint8_t *copy = malloc (length > 0 ? length : 1);

    if (copy == NULL)
      g_error ("out of memory");
    memcpy (copy, contents, length);
    LLVMFuzzerTestOneInput (copy, length);
    free (copy);
  }
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  guint replayed = 0;

  for (int i = 1; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, &error);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          if (dir == NULL)
            {
              fprintf (stderr, "%s\n", error->message);
              return EXIT_FAILURE;
            }
          while ((name = g_dir_read_name (dir)) != NULL)
            if (name[0] != '.')
              g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
          g_ptr_array_sort (names, compare_names);
          for (guint j = 0; j < names->len; j++)
            if (g_file_test (names->pdata[j], G_FILE_TEST_IS_REGULAR))
              {
                if (!replay_file (names->pdata[j]))
                  return EXIT_FAILURE;
                replayed++;
              }
        }
      else
        {
          if (!replay_file (argv[i]))
            return EXIT_FAILURE;
          replayed++;
        }
    }

  printf ("replayed %u inputs\n", replayed);
  return EXIT_SUCCESS;
}
