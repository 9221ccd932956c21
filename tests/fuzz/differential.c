/* differential.c: what a build of the library says of each input
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * For each file named on the command line (or each file of each directory
 * named), prints one line: the file's name, then "ok" with the length and
 * a hash of the document the loaded dataset saves to, or the error's
 * domain, code and message (which starts with its JSON Pointer). With
 * --mutate SEED N, it loads N inputs made from those files by random
 * mutations (bytes changed, removed, repeated, JSON tokens and member names
 * of the format inserted), the same N for the same seed, and prints the
 * same for each (named by its number and a hash of its bytes).
 *
 * Built against two versions of the library (tests/fuzz/README.md), the
 * two outputs are compared with diff: the old reader (guard + json-glib +
 * tree reader, behind the fast path) against the one decoder, input by
 * input.
 */

#include <stdio.h>
#include <string.h>

#include <glib.h>
#include <community/community.h>

static void
judge (const char *name,
       const char *data,
       gsize       length)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  const char *base = name;

  if (community_dataset_load_from_data (dataset, data, (gssize) length, &error))
    {
      g_autofree char *saved = NULL;
      gsize saved_length;

      saved = community_dataset_save_to_data (dataset, &saved_length);
      printf ("%s ok %" G_GSIZE_FORMAT " %08x\n", base, saved_length, g_str_hash (saved));
    }
  else
    printf ("%s %s %d %s\n", base, g_quark_to_string (error->domain), error->code, error->message);
}

static void
one (const char *path,
     GPtrArray  *inputs)
{
  g_autofree char *data = NULL;
  gsize length;
  g_autofree char *base = g_path_get_basename (path);

  if (!g_file_get_contents (path, &data, &length, NULL))
    return;
  if (inputs != NULL)
    g_ptr_array_add (inputs, g_bytes_new (data, length));
  else
    judge (base, data, length);
}

static const char * const pieces[] = {
  "{", "}", "[", "]", ",", ":", "\"", "\\", "null", "true", "false", "0", "-1", "1.5", "1e400",
  "18446744073709551616", "-0", "0123", "\\u0000", "\\ud800", "\\udc00\\ud800", "\xff", "\xc3",
  "\xe6\x97\xa0", "\n", " ", "\"format\"", "\"version\"", "\"libcommunity-dataset\"", "1",
  "\"grids\"", "\"communities\"", "\"workers\"", "\"id\"", "\"code\"", "\"community\"",
  "\"households\"", "\"kind\"", "\"urban\"", "\"as_of\"", "\"2019-02-30\"",
  "\"2019-03-02T09:30:00+08:00\"", "\"history\"", "\"roles\"", "\"x-unknown\"", "{}", "[]",
  "[[[[[[[[", "]]]]]]]]", "{\"a\":{\"a\":{\"a\":", "\"id\": \"G1\"",
};

static void
insert (GByteArray   *array,
        guint         at,
        const guint8 *data,
        gsize         length)
{
  guint old = array->len;

  g_byte_array_set_size (array, old + (guint) length);
  memmove (array->data + at + length, array->data + at, old - at);
  memcpy (array->data + at, data, length);
}

static guint32
hash_bytes (const guint8 *data,
            gsize         length)
{
  guint32 h = 2166136261u;   /* FNV-1a */

  for (gsize i = 0; i < length; i++)
    h = (h ^ data[i]) * 16777619u;
  return h;
}

/* @input changed 1 to 4 times at random. */
static GByteArray *
mutate (GRand  *rand,
        GBytes *input)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (input, &length);
  GByteArray *out = g_byte_array_sized_new (length + 64);
  guint n = g_rand_int_range (rand, 1, 5);

  g_byte_array_append (out, data, length);
  for (guint i = 0; i < n; i++)
    {
      guint at = out->len > 0 ? g_rand_int_range (rand, 0, out->len) : 0;
      guint span = out->len > at ? g_rand_int_range (rand, 1, MIN (out->len - at, 64) + 1) : 0;

      switch (g_rand_int_range (rand, 0, 5))
        {
        case 0:   /* a byte changed */
          if (out->len > 0)
            out->data[at] = (guint8) g_rand_int_range (rand, 0, 256);
          break;
        case 1:   /* bytes removed */
          if (span > 0)
            g_byte_array_remove_range (out, at, span);
          break;
        case 2:   /* bytes repeated */
          if (span > 0)
            {
              g_autofree guint8 *copy = g_memdup2 (out->data + at, span);

              insert (out, at, copy, span);
            }
          break;
        default:  /* a piece of JSON inserted */
          {
            const char *piece = pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))];

            insert (out, at, (const guint8 *) piece, strlen (piece));
          }
          break;
        }
    }
  return out;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

int
main (int argc, char **argv)
{
  g_autoptr(GPtrArray) inputs = NULL;
  guint32 seed = 0;
  guint64 n = 0;
  int first = 1;

  if (argc > 3 && g_str_equal (argv[1], "--mutate"))
    {
      seed = (guint32) g_ascii_strtoull (argv[2], NULL, 10);
      n = g_ascii_strtoull (argv[3], NULL, 10);
      inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      first = 4;
    }

  for (int i = first; i < argc; i++)
    {
      if (g_file_test (argv[i], G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
          const char *name;

          while ((name = g_dir_read_name (dir)) != NULL)
            g_ptr_array_add (names, g_build_filename (argv[i], name, NULL));
          g_ptr_array_sort (names, compare_names);
          for (guint j = 0; j < names->len; j++)
            one (g_ptr_array_index (names, j), inputs);
        }
      else
        one (argv[i], inputs);
    }

  if (inputs != NULL && inputs->len > 0)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);

      for (guint64 k = 0; k < n; k++)
        {
          GBytes *input = g_ptr_array_index (inputs, g_rand_int_range (rand, 0, inputs->len));
          GByteArray *mutant = mutate (rand, input);
          g_autofree char *name = g_strdup_printf ("%" G_GUINT64_FORMAT ":%08x", k,
                                                   hash_bytes (mutant->data, mutant->len));

          judge (name, (const char *) mutant->data, mutant->len);
          g_byte_array_unref (mutant);
        }
    }
  return 0;
}
