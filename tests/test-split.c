/* test-split.c: a document read by two threads reads as by one
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A large document is read by two threads (lib/json/community-dataset-
 * walker.c, "two readers"): the second reads the tail of the largest array
 * from a cut that a structural scan finds (community-json-split.c), the
 * first jumps over it. These cases force the split on small documents, the
 * cut anywhere in the array, with the first reader waiting for the cut, and
 * compare with one reader: valid documents give equal datasets, from
 * memory and from a file; broken ones, byte by byte, the same error.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "test-common.h"
#include "json/community-json-private.h"

typedef struct {
  CommunityDataset *dataset;
  GError *error;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_object (&o->dataset);
  g_clear_error (&o->error);
}

/* @text loaded by one reader, or by two with the part's share @share. */
static Outcome
load (const char *text,
      gsize       length,
      const char *path,
      double      share)
{
  Outcome o = { community_dataset_new (), NULL };
  gboolean ok;

  if (share < 0)
    community_json_walk_set_split (G_MAXSIZE, 0.4, FALSE);
  else
    community_json_walk_set_split (0, share, TRUE);
  if (path != NULL)
    ok = community_dataset_load_from_file (o.dataset, path, &o.error);
  else
    ok = community_dataset_load_from_data (o.dataset, text, (gssize) length, &o.error);
  community_json_walk_set_split (8u << 20, 0.4, FALSE);
  ck_assert (ok == (o.error == NULL));
  return o;
}

/* One reader and two agree on @text: the same dataset, or the same error
 * (domain, code, message, pointer). */
static void
assert_same (const char *text,
             gsize       length,
             const char *path,
             double      share,
             const char *what)
{
  Outcome one = load (text, length, path, -1);
  Outcome two = load (text, length, path, share);

  if (one.error == NULL)
    {
      ck_assert_msg (two.error == NULL, "%s: one reader loads it, two refuse it: %s", what,
                     two.error->message);
      ck_assert_msg (community_dataset_equal (one.dataset, two.dataset),
                     "%s: two readers read another dataset", what);
    }
  else
    {
      ck_assert_msg (two.error != NULL, "%s: one reader refuses it (%s), two load it", what,
                     one.error->message);
      ck_assert_msg (one.error->domain == two.error->domain && one.error->code == two.error->code &&
                     g_str_equal (one.error->message, two.error->message),
                     "%s: one reader says “%s”, two say “%s”", what, one.error->message,
                     two.error->message);
      if (one.error->domain == COMMUNITY_PARSE_ERROR)
        ck_assert_str_eq (community_parse_error_get_pointer (one.error),
                          community_parse_error_get_pointer (two.error));
    }
  outcome_clear (&one);
  outcome_clear (&two);
}

/* Valid documents: every cut gives the same dataset, and two readers did
 * read them. */
START_TEST (test_split_valid)
{
  gsize length;
  g_autofree char *text = community_test_generated_text (12, 7 + _i, "high", &length);
  guint before = community_json_walk_get_split_count ();

  for (double share = 0.0; share <= 1.0; share += 0.05)
    assert_same (text, length, NULL, share, "a generated document");
  ck_assert_uint_ge (community_json_walk_get_split_count () - before, 15);
}
END_TEST

START_TEST (test_split_sample)
{
  g_autofree char *text = NULL;
  gsize length;
  guint before = community_json_walk_get_split_count ();

  ck_assert (g_file_get_contents (community_test_sample_path (), &text, &length, NULL));
  for (double share = 0.0; share <= 1.0; share += 0.1)
    assert_same (text, length, NULL, share, "the sample");
  ck_assert_uint_gt (community_json_walk_get_split_count (), before);
}
END_TEST

/* From a file, read through a window smaller than the document: the
 * first reader jumps beyond its window, the second reads its own. */
START_TEST (test_split_file)
{
  gsize length;
  g_autofree char *text = community_test_generated_text (150, 3, "high", &length);
  g_autofree char *dir = g_dir_make_tmp ("community-split-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "document.json", NULL);
  guint before = community_json_walk_get_split_count ();

  ck_assert_uint_gt (length, 1u << 20);   /* the window: 1 MiB */
  ck_assert (g_file_set_contents (path, text, (gssize) length, NULL));
  for (double share = 0.05; share <= 0.95; share += 0.3)
    assert_same (text, length, path, share, "a file");
  ck_assert_uint_ge (community_json_walk_get_split_count () - before, 4);

  /* Broken at the end of the part and at the end of the file. */
  text[length - 1] = 'x';
  ck_assert (g_file_set_contents (path, text, (gssize) length, NULL));
  assert_same (text, length, path, 0.5, "a file broken at its end");
  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* A document broken anywhere (a byte changed, removed or added, the text
 * cut short) gets the same error from two readers, wherever the cut is. */
START_TEST (test_split_broken)
{
  gsize length;
  g_autofree char *text = community_test_generated_text (4, 11, "high", &length);
  static const char replacements[] = "x\"]},{[\\0 ";
  GRand *rand = g_rand_new_with_seed (1234);
  guint positions = MAX (community_test_scale (120), 20);

  for (guint i = 0; i < positions; i++)
    {
      gsize at = (gsize) g_rand_int_range (rand, 0, (gint32) length);
      double share = g_rand_double (rand);
      g_autofree char *what = g_strdup_printf ("broken at byte %" G_GSIZE_FORMAT, at);
      g_autofree char *copy = g_malloc (length + 2);
      char saved = text[at];

      for (guint r = 0; r < sizeof replacements - 1; r++)
        {
          text[at] = replacements[r];
          assert_same (text, length, NULL, share, what);
        }
      text[at] = saved;

      /* Removed, doubled, cut short. */
      memcpy (copy, text, at);
      memcpy (copy + at, text + at + 1, length - at - 1);
      assert_same (copy, length - 1, NULL, share, what);
      memcpy (copy, text, at + 1);
      memcpy (copy + at + 1, text + at, length - at);
      assert_same (copy, length + 1, NULL, share, what);
      assert_same (text, at, NULL, share, what);
    }
  g_rand_free (rand);
}
END_TEST

/* An identity in the part that the first reader's records have already:
 * the same error as one reader's, naming the first. */
START_TEST (test_split_duplicate_across_cut)
{
  gsize length;
  g_autofree char *text = community_test_generated_text (6, 5, "high", &length);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonArray *workers;
  g_autofree char *changed = NULL;
  g_autofree char *pointer = NULL;
  Outcome one;

  ck_assert (json_parser_load_from_data (parser, text, (gssize) length, NULL));
  workers = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "workers");
  ck_assert_uint_gt (json_array_get_length (workers), 10);
  json_object_set_string_member (json_array_get_object_element (workers, json_array_get_length (workers) - 2),
                                 "id", json_object_get_string_member (json_array_get_object_element (workers, 1), "id"));
  json_generator_set_root (generator, json_parser_get_root (parser));
  changed = json_generator_to_data (generator, &length);

  one = load (changed, length, NULL, -1);
  pointer = g_strdup_printf ("/workers/%u/id", json_array_get_length (workers) - 2);
  community_test_assert_error (one.error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_DUPLICATE, pointer);
  ck_assert_ptr_nonnull (strstr (one.error->message, "at /workers/1 "));
  outcome_clear (&one);
  for (double share = 0.0; share <= 1.0; share += 0.1)
    assert_same (changed, length, NULL, share, "a repeated identity");
}
END_TEST

static Suite *
split_suite (void)
{
  Suite *s = suite_create ("split");
  TCase *tc = tcase_create ("two readers");

  tcase_set_timeout (tc, 300);
  tcase_add_loop_test (tc, test_split_valid, 0, 2);
  tcase_add_test (tc, test_split_sample);
  tcase_add_test (tc, test_split_file);
  tcase_add_test (tc, test_split_broken);
  tcase_add_test (tc, test_split_duplicate_across_cut);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  return community_test_run (split_suite ());
}
