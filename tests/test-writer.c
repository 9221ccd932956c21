/* test-writer.c: the streaming writer writes what the tree writer builds
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * community_dataset_save_to_data() and _save_to_file() (and their _full
 * privacy variants) write text straight from the records
 * (lib/json/community-json-writer.c, the text sink); community_dataset_
 * to_node() still builds json-glib's tree (the tree sink). These cases
 * check that the text parses to a node equal to the tree, byte for byte
 * what json-glib's generator writes for that tree where json-glib's text is
 * valid JSON, that a file save holds the same bytes, and that what is saved
 * loads back equal, for every privacy mode.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "test-common.h"

#define HEAD "{\"format\": \"libcommunity-dataset\", \"version\": 1, "

static CommunityDataset *
load_data (const char *json)
{
  g_autoptr(GError) error = NULL;
  CommunityDataset *dataset = community_dataset_new ();

  ck_assert_msg (community_dataset_load_from_data (dataset, json, -1, &error), "%s",
                 error ? error->message : "");
  return dataset;
}

/* What the library wrote before the streaming writer: json-glib's
 * generator on the tree, indented by two, raw control characters escaped
 * (json-glib 1.6 leaves U+001F raw). */
static char *
generate_tree (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;
  GString *out = g_string_new (NULL);
  gsize n;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &n);
  for (gsize i = 0; i < n; i++)
    {
      if ((guchar) data[i] < 0x20 && data[i] != '\n')
        g_string_append_printf (out, "\\u%04x", (guchar) data[i]);
      else
        g_string_append_c (out, data[i]);
    }
  return g_string_free (out, FALSE);
}

/* The privacies every check runs with: none (keep), keep, mask, drop. */
static CommunityPrivacy *
privacy_for (guint i)
{
  static const CommunityPrivacyMode modes[] = {
    COMMUNITY_PRIVACY_MODE_KEEP, COMMUNITY_PRIVACY_MODE_MASK, COMMUNITY_PRIVACY_MODE_DROP,
  };

  return i == 0 ? NULL : community_privacy_new (modes[i - 1]);
}
#define N_PRIVACIES 4

/* The checks, for one privacy. @identical: json-glib's text of the tree is
 * valid JSON (no double it writes as "1e-300.0"), so the bytes must match. */
static void
assert_writes_like_tree (CommunityDataset *dataset,
                         CommunityPrivacy *privacy,
                         gboolean          identical,
                         gboolean          file_too)
{
  g_autoptr(JsonNode) tree = community_dataset_to_node_full (dataset, privacy);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(CommunityDataset) reloaded = community_dataset_new ();
  g_autoptr(CommunityDataset) from_tree = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;
  gboolean tree_loads;

  text = community_dataset_save_to_data_full (dataset, privacy, &length);
  ck_assert_uint_eq (strlen (text), length);

  /* Strict JSON: no raw control character but the newline. */
  for (gsize i = 0; i < length; i++)
    if ((guchar) text[i] < 0x20 && text[i] != '\n')
      ck_abort_msg ("raw U+%04X at %zu", text[i], i);   /* not ck_assert: check logs each one */

  /* The same document as the tree. */
  ck_assert_msg (json_parser_load_from_data (parser, text, (gssize) length, &error), "%s",
                 error ? error->message : "");
  ck_assert (json_node_equal (json_parser_get_root (parser), tree));

  if (identical)
    {
      g_autofree char *old = generate_tree (tree);

      ck_assert_str_eq (text, old);
    }

  /* Loads back as the tree does (equal to @dataset when nothing is
   * masked or dropped); a dropped required member fails both ways. */
  tree_loads = community_dataset_load_from_node (from_tree, tree, NULL);
  if (tree_loads)
    {
      ck_assert_msg (community_dataset_load_from_data (reloaded, text, (gssize) length, &error), "%s",
                     error ? error->message : "");
      ck_assert (community_dataset_equal (reloaded, from_tree));
      if (privacy == NULL || community_privacy_get_mode (privacy) == COMMUNITY_PRIVACY_MODE_KEEP)
        ck_assert (community_dataset_equal (reloaded, dataset));
    }
  else
    ck_assert (!community_dataset_load_from_data (reloaded, text, (gssize) length, NULL));

  if (file_too)
    {
      g_autofree char *dir = g_dir_make_tmp ("community-writer-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "dataset.json", NULL);
      g_autofree char *saved = NULL;
      gsize saved_length;
      g_autoptr(GDir) listing = NULL;
      const char *name;

      /* Twice: a new file, then a replaced one. */
      for (guint round = 0; round < 2; round++)
        {
          ck_assert_msg (community_dataset_save_to_file_full (dataset, path, privacy, &error), "%s",
                         error ? error->message : "");
          ck_assert (g_file_get_contents (path, &saved, &saved_length, NULL));
          ck_assert_uint_eq (saved_length, length);
          ck_assert (memcmp (saved, text, length) == 0);
          g_clear_pointer (&saved, g_free);
        }

      listing = g_dir_open (dir, 0, NULL);
      while ((name = g_dir_read_name (listing)) != NULL)
        ck_assert_msg (g_str_equal (name, "dataset.json"), "left behind: %s", name);
      g_unlink (path);
      g_rmdir (dir);
    }
}

static void
assert_writes_like_tree_all (CommunityDataset *dataset,
                             gboolean          identical,
                             gboolean          file_too)
{
  for (guint i = 0; i < N_PRIVACIES; i++)
    {
      g_autoptr(CommunityPrivacy) privacy = privacy_for (i);

      /* A file save (fsync()ed) once: the writer is the same. */
      assert_writes_like_tree (dataset, privacy, identical, file_too && i == 0);
    }
}

START_TEST (test_sample)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();

  assert_writes_like_tree_all (dataset, TRUE, TRUE);
}
END_TEST

START_TEST (test_empty)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityDataset) header = load_data (HEAD "\"as_of\": \"2019-12-31\", \"codes_year\": 2023}");

  assert_writes_like_tree_all (dataset, TRUE, TRUE);
  assert_writes_like_tree_all (header, TRUE, FALSE);
}
END_TEST

/* Generated datasets: a few seeds of 50 communities, and one of 200 (over
 * 1 MiB: a file save writes it in more than one chunk). */
static const struct {
  const char *seed;
  const char *communities;
} generated[] = {
  { "1", "50" }, { "2", "50" }, { "3", "50" }, { "4", "200" },
};

START_TEST (test_generated)
{
  g_autofree char *dir = g_dir_make_tmp ("community-writer-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "generated.json", NULL);
  const char *argv[] = { COMMUNITY_GEN, "--communities", generated[_i].communities,
                         "--seed", generated[_i].seed, "-o", path, NULL };
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  int status;

  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                           &status, &error));
  ck_assert (g_spawn_check_wait_status (status, NULL));
  ck_assert_msg (community_dataset_load_from_file (dataset, path, &error), "%s",
                 error ? error->message : "");
  g_unlink (path);
  g_rmdir (dir);

  assert_writes_like_tree_all (dataset, TRUE, TRUE);
}
END_TEST

/* Strings: every control character, DEL, quotes, backslashes, slashes,
 * CJK, a character outside the BMP (a surrogate pair in the input), in
 * known members, personal ones and unknown ones, names included. */
#define NASTY "\\u0001\\u0002\\b\\t\\n\\u000b\\f\\r\\u000e\\u001e\\u001f\\u007f \\\"q\\\" \\\\ / 沈亮 \\ud83d\\ude00 é"

START_TEST (test_strings)
{
  g_autoptr(CommunityDataset) dataset = load_data (
    HEAD
    "\"divisions\": [{\"code\": \"320200000000\", \"name\": \"" NASTY "\", \"level\": \"city\","
    "  \"x-" NASTY "\": \"" NASTY "\"}],"
    "\"workers\": [{\"id\": \"W1\", \"name\": \"" NASTY "\", \"phone\": \"" NASTY "\","
    "  \"id_number\": \"" NASTY "\"},"
    "  {\"id\": \"W2\", \"name\": \"\\u001f\", \"phone\": \"\", \"id_number\": \"x\"}],"
    "\"x-\\u001f\": [\"" NASTY "\", {\"" NASTY "\": \"\\u001f\"}]}");

  assert_writes_like_tree_all (dataset, TRUE, TRUE);
}
END_TEST

/* Numbers: doubles json-glib writes as they are and ones it would write as
 * invalid JSON ("1e-300.0"), integers up to the int64 limit. */
START_TEST (test_numbers)
{
  g_autoptr(CommunityDataset) plain = load_data (
    HEAD
    "\"facilities\": ["
    "  {\"id\": \"F1\", \"kind\": \"community_service_center\", \"owner\": \"c\","
    "   \"floor_area_m2\": 0.1, \"office_area_m2\": 123.2},"
    "  {\"id\": \"F2\", \"kind\": \"community_service_center\", \"owner\": \"c\","
    "   \"floor_area_m2\": 1120, \"office_area_m2\": 0},"
    "  {\"id\": \"F3\", \"kind\": \"community_service_center\", \"owner\": \"c\"}],"
    "\"funding\": ["
    "  {\"id\": \"FD1\", \"year\": 2018, \"recipient\": \"c\", \"purpose\": \"innovation_awards\","
    "   \"amount_yuan\": 9223372036854775807},"
    "  {\"id\": \"FD2\", \"year\": 2018, \"recipient\": \"c\", \"purpose\": \"innovation_awards\","
    "   \"amount_yuan\": 9007199254740993},"
    "  {\"id\": \"FD3\", \"year\": 2018, \"recipient\": \"c\", \"purpose\": \"innovation_awards\","
    "   \"amount_yuan\": 0}],"
    "\"surveys\": [{\"id\": \"S1\", \"division\": \"c\", \"year\": 2019, \"indicator\": \"i\", \"value\": 0.953},"
    "  {\"id\": \"S2\", \"division\": \"c\", \"year\": 2019, \"indicator\": \"i\", \"value\": 1}],"
    "\"x-numbers\": [0, -1, 9223372036854775807, -9223372036854775808, 0.5, -2.25, 1.0]}");
  g_autoptr(CommunityDataset) exponents = load_data (
    HEAD
    "\"facilities\": ["
    "  {\"id\": \"F1\", \"kind\": \"community_service_center\", \"owner\": \"c\","
    "   \"floor_area_m2\": 1e-300, \"office_area_m2\": 1.7976931348623157e308},"
    "  {\"id\": \"F2\", \"kind\": \"community_service_center\", \"owner\": \"c\","
    "   \"floor_area_m2\": 5e-324, \"office_area_m2\": 1e22}],"
    "\"x-numbers\": [1e-300, -4.9e-324, 1e300, 123456789012345678e5]}");
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autofree char *text = NULL;
  JsonArray *numbers;

  assert_writes_like_tree_all (plain, TRUE, TRUE);
  assert_writes_like_tree_all (exponents, FALSE, TRUE);

  /* The doubles read back to the same bits. */
  text = community_dataset_save_to_data (exponents, NULL);
  ck_assert (json_parser_load_from_data (parser, text, -1, NULL));
  numbers = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "x-numbers");
  ck_assert (json_array_get_double_element (numbers, 0) == 1e-300);
  ck_assert (json_array_get_double_element (numbers, 1) == -4.9e-324);
  ck_assert (json_array_get_double_element (numbers, 2) == 1e300);
}
END_TEST

/* Set and unset fields: a record with every optional member, one with only
 * the required ones, flags and lists empty and not. */
START_TEST (test_unset_fields)
{
  g_autoptr(CommunityDataset) sample = community_test_load_sample ();
  g_autoptr(CommunityDataset) dataset = load_data (
    HEAD
    "\"workers\": [{\"id\": \"W1\"}, {\"id\": \"W2\", \"name\": \"\"}],"
    "\"facilities\": [{\"id\": \"F1\", \"kind\": \"community_service_center\", \"owner\": \"c\"}],"
    "\"x-empty\": {}, \"x-empty-array\": [], \"x-null\": null, \"x-false\": false}");

  assert_writes_like_tree_all (dataset, TRUE, TRUE);
  (void) sample;
}
END_TEST

/* Unknown members at every level of the format and nested, as deep as a
 * document may be. */
START_TEST (test_unknown_members)
{
  GString *doc = g_string_new (HEAD "\"communities\": [{\"code\": \"320213025001\", \"name\": \"n\","
                               " \"kind\": \"urban\", \"street\": \"320213025000\","
                               " \"committee\": {\"members\": 7, \"x-in-nested\": [1, {\"a\": null}]},"
                               " \"x-deep\": ");
  g_autoptr(CommunityDataset) dataset = NULL;
  g_autofree char *json = NULL;
  guint depth = 500;   /* the document's limit is 512, the root and the entity included */

  for (guint i = 0; i < depth; i++)
    g_string_append (doc, i % 2 ? "{\"k\": " : "[1, ");
  g_string_append (doc, "\"leaf\"");
  for (guint i = depth; i-- > 0;)
    g_string_append (doc, i % 2 ? "}" : "]");
  g_string_append (doc, "}], \"x-top\": {\"b\": 1, \"a\": [[], {}]}}");
  json = g_string_free (doc, FALSE);

  dataset = load_data (json);
  assert_writes_like_tree_all (dataset, TRUE, TRUE);
}
END_TEST

/* A tree of @depth levels (arrays and objects in turn) below "x-deep". */
static JsonNode *
deep_tree (guint depth)
{
  JsonNode *leaf = json_node_init_string (json_node_alloc (), "leaf");
  JsonObject *object;
  JsonNode *root;

  for (guint i = 0; i < depth; i++)
    {
      if (i % 2)
        {
          JsonObject *o = json_object_new ();

          json_object_set_member (o, "k", leaf);
          leaf = json_node_init_object (json_node_alloc (), o);
          json_object_unref (o);
        }
      else
        {
          JsonArray *a = json_array_new ();

          json_array_add_int_element (a, i);
          json_array_add_element (a, leaf);
          leaf = json_node_init_array (json_node_alloc (), a);
          json_array_unref (a);
        }
    }
  object = json_object_new ();
  json_object_set_string_member (object, "format", "libcommunity-dataset");
  json_object_set_int_member (object, "version", 1);
  json_object_set_member (object, "x-deep", leaf);
  root = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return root;
}

/* Unknown members given as a tree, as deep as a document may be: the text
 * writer writes what json-glib's generator writes. Deeper trees are
 * refused, as text is. */
START_TEST (test_unknown_members_from_node)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(JsonNode) root = deep_tree (510);
  g_autoptr(JsonNode) too_deep = deep_tree (3000);
  g_autoptr(JsonNode) tree = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  ck_assert_msg (community_dataset_load_from_node (dataset, root, &error), "%s",
                 error ? error->message : "");
  tree = community_dataset_to_node (dataset);
  text = community_dataset_save_to_data (dataset, NULL);
  ck_assert (json_parser_load_from_data (parser, text, -1, NULL));
  ck_assert (json_node_equal (json_parser_get_root (parser), tree));

  ck_assert (!community_dataset_load_from_node (dataset, too_deep, &error));
  ck_assert (g_error_matches (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT));
  ck_assert (g_str_has_prefix (error->message, "/x-deep/k/1/k/1/"));
  ck_assert (strstr (error->message, "expected at most 512 levels") != NULL);
}
END_TEST

static Suite *
writer_suite (void)
{
  Suite *suite = suite_create ("writer");
  TCase *tc = tcase_create ("writer");

  tcase_add_test (tc, test_sample);
  tcase_add_test (tc, test_empty);
  tcase_add_loop_test (tc, test_generated, 0, G_N_ELEMENTS (generated));
  tcase_add_test (tc, test_strings);
  tcase_add_test (tc, test_numbers);
  tcase_add_test (tc, test_unset_fields);
  tcase_add_test (tc, test_unknown_members);
  tcase_add_test (tc, test_unknown_members_from_node);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return community_test_run (writer_suite ());
}
