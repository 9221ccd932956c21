/* test-stream.c: the two token sources give one result
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every load goes through the one decoder (lib/json/community-dataset-
 * walker.c) from a token source: the tokenizer over text (data, a file
 * through a window, a GInputStream) or a JsonNode tree
 * (community_dataset_load_from_node()). These cases check that for valid
 * documents every way in gives equal datasets, and that refused documents
 * get the same error, naming the same JSON Pointer, every way in.
 */

#include <glib/gstdio.h>
#include <string.h>

#include "test-common.h"

/* The dataset the tree source makes of @json, parsed by json-glib. */
static CommunityDataset *
load_with_tree (const char *json, gssize length)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  CommunityDataset *dataset = community_dataset_new ();

  ck_assert_msg (json_parser_load_from_data (parser, json, length, &error), "%s",
                 error ? error->message : "");
  ck_assert_msg (community_dataset_load_from_node (dataset, json_parser_get_root (parser), &error),
                 "%s", error ? error->message : "");
  return dataset;
}

/* Loads @json from text and from a tree, and compares. */
static void
assert_same_both_ways (const char *json)
{
  g_autoptr(CommunityDataset) text = community_dataset_new ();
  g_autoptr(CommunityDataset) tree = load_with_tree (json, -1);
  g_autoptr(GError) error = NULL;

  ck_assert_msg (community_dataset_load_from_data (text, json, -1, &error), "%s",
                 error ? error->message : "");
  ck_assert (community_dataset_equal (text, tree));
}

#define HEAD "{\"format\": \"libcommunity-dataset\", \"version\": 1, "

static const char * const valid_documents[] = {
  /* Escapes, non-ASCII, surrogate pairs, white space of every kind. */
  HEAD "\"as_of\":\"2019-12-31\",\r\n\t\"codes_year\" : 2023 ,"
  "\"communities\": [{\"code\": \"320213021001\", \"name\": \"\\u5e7f\\u745e \\\"A\\\"\\n\\/\\\\ \\ud83d\\ude00 é\","
  " \"kind\": \"urban\", \"street\": \"320213021000\"}]}",
  /* Numbers: whole doubles for integers, exponents, negative zero. */
  HEAD "\"communities\": [{\"code\": \"320213021001\", \"name\": \"C\", \"kind\": \"rural\","
  " \"street\": \"320213021000\", \"households\": 2.0e3, \"population\": 5000.0,"
  " \"x\": [-0, 0.5, -1.25E-3, 1e2, 12345678901234]}],"
  " \"facilities\": [{\"id\": \"F\", \"name\": \"F\", \"kind\": \"other\", \"owner\": \"C\","
  " \"floor_area_m2\": 120, \"office_area_m2\": 1.5e1}]}",
  /* Unknown members everywhere, nested; null for optional fields; members
   * out of the format's order. */
  HEAD "\"x-root\": {\"deep\": [1, [2, [3, {\"a\": null, \"b\": [true, false]}]]], \"e\": {}, \"f\": []},"
  " \"grids\": [{\"households\": null, \"leader\": null, \"community\": \"C\", \"id\": \"G1\","
  " \"x-grid\": \"kept\", \"administrators\": []}],"
  " \"consultations\": [{\"id\": \"K\", \"community\": \"C\", \"state\": \"deliberating\","
  " \"history\": [{\"state\": \"proposed\", \"at\": \"2019-03-02T09:30:00+08:00\", \"x-h\": 1},"
  " {\"state\": \"deliberating\", \"at\": \"2019-03-16T14:00:00.250-05:30\"},"
  " {\"state\": \"deliberating\", \"at\": \"2019-03-17T14:00:00Z\"}]}],"
  " \"communities\": [{\"code\": \"320213021001\", \"name\": \"C\", \"kind\": \"urban\","
  " \"street\": \"320213021000\", \"committee\": {\"members\": 7, \"x-nested\": 3.5}}]}",
  /* Every list empty, and flags. */
  HEAD "\"divisions\": [], \"communities\": [], \"workers\": [{\"id\": \"W\", \"community\": \"C\","
  " \"roles\": [\"party_secretary\", \"grid_leader\", \"party_secretary\"], \"annual_pay_yuan\": 100000}],"
  " \"social_organizations\": [{\"id\": \"S\", \"name\": \"S\", \"community\": \"C\", \"activities\": [],"
  " \"serves\": [\"elderly\"]}], \"tasks\": [{\"number\": 3, \"text\": \"t\", \"departments\": [\"D\"]}]}",
};

START_TEST (test_valid_documents)
{
  assert_same_both_ways (valid_documents[_i]);
}
END_TEST

START_TEST (test_sample)
{
  g_autofree char *json = NULL;
  g_autoptr(CommunityDataset) from_file = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityDataset) tree = NULL;

  ck_assert (g_file_get_contents (community_test_sample_path (), &json, NULL, NULL));
  assert_same_both_ways (json);

  tree = load_with_tree (json, -1);
  ck_assert (community_dataset_load_from_file (from_file, community_test_sample_path (), &error));
  ck_assert (community_dataset_equal (from_file, tree));
}
END_TEST

/* A generated dataset (tools/community-gen), from a file, through the
 * window, against the tree reader. */
START_TEST (test_generated)
{
  g_autofree char *dir = g_dir_make_tmp ("community-stream-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "gen.json", NULL);
  const char *argv[] = { COMMUNITY_GEN, "--communities", "120", "-o", path, NULL };
  g_autofree char *json = NULL;
  gsize length;
  g_autoptr(CommunityDataset) from_file = community_dataset_new ();
  g_autoptr(CommunityDataset) tree = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  ck_assert (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                           &status, &error));
  ck_assert (g_spawn_check_wait_status (status, NULL));
  ck_assert (g_file_get_contents (path, &json, &length, NULL));

  ck_assert_msg (community_dataset_load_from_file (from_file, path, &error), "%s",
                 error ? error->message : "");
  tree = load_with_tree (json, (gssize) length);
  ck_assert (community_dataset_equal (from_file, tree));
  ck_assert_uint_eq (g_list_model_get_n_items (community_dataset_get_items (from_file,
                                                                            COMMUNITY_ENTITY_KIND_COMMUNITY)), 120);

  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* Entities and root members larger than the reader's window (1 MiB) are
 * read again in a larger one, as many times as it takes. */
START_TEST (test_larger_than_window)
{
  g_autofree char *dir = g_dir_make_tmp ("community-stream-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.json", NULL);
  g_autoptr(GString) json = g_string_new (HEAD "\"x-big\": \"");
  g_autoptr(CommunityDataset) from_file = community_dataset_new ();
  g_autoptr(CommunityDataset) tree = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 5 * 1024 * 1024 / 8; i++)
    g_string_append (json, "abcdefgh");
  g_string_append (json, "\", \"grids\": [");
  for (guint i = 0; i < 3000; i++)
    g_string_append_printf (json, "%s{\"id\": \"G%u\", \"community\": \"C\", \"households\": %u}",
                            i > 0 ? ", " : "", i, i);
  /* 20 MiB: the window grows three times for it. */
  g_string_append (json, ", {\"id\": \"BIG\", \"community\": \"C\", \"x-text\": \"");
  for (guint i = 0; i < 20 * 1024 * 1024 / 8; i++)
    g_string_append (json, "ijklmnop");
  g_string_append (json, "\", \"x-notes\": [");
  for (guint i = 0; i < 400000; i++)
    g_string_append_printf (json, "%s\"note %u\"", i > 0 ? ", " : "", i);
  g_string_append (json, "]}]}");
  ck_assert (g_file_set_contents (path, json->str, json->len, NULL));

  ck_assert_msg (community_dataset_load_from_file (from_file, path, &error), "%s",
                 error ? error->message : "");
  tree = load_with_tree (json->str, json->len);
  ck_assert (community_dataset_equal (from_file, tree));

  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* The string reader scans eight bytes at a time: put each byte that ends
 * a plain run (an escape, a quote through an escape, a control character
 * the tokenizer must refuse) and a non-ASCII character at every offset
 * of names from 0 to 24 bytes long, across the word boundaries. Valid
 * names load as the tree reader loads them; a raw control character is
 * refused with the name's pointer. */
START_TEST (test_string_word_boundaries)
{
  static const char * const inserts[] = { "\\\\", "\\\"", "\\n", "\\u00e9", "é", "广", "\\ud83d\\ude00" };

  for (guint length = 0; length <= 24; length++)
    for (guint at = 0; at <= length; at++)
      {
        g_autoptr(GString) name = g_string_new (NULL);

        for (guint i = 0; i < length; i++)
          g_string_append_c (name, (char) ('a' + i % 26));

        for (guint k = 0; k < G_N_ELEMENTS (inserts); k++)
          {
            g_autoptr(GString) with = g_string_new (name->str);
            g_autofree char *json = NULL;

            g_string_insert (with, at, inserts[k]);
            json = g_strdup_printf (HEAD "\"communities\": [{\"code\": \"320213021001\", \"name\": \"%s\","
                                    " \"kind\": \"urban\", \"street\": \"320213021000\"}]}", with->str);
            assert_same_both_ways (json);
          }

        {
          g_autoptr(GString) with = g_string_new (name->str);
          g_autoptr(CommunityDataset) dataset = community_dataset_new ();
          g_autoptr(GError) error = NULL;
          g_autofree char *json = NULL;

          g_string_insert_c (with, at, '\t');
          json = g_strdup_printf (HEAD "\"communities\": [{\"code\": \"320213021001\", \"name\": \"%s\","
                                  " \"kind\": \"urban\", \"street\": \"320213021000\"}]}", with->str);
          ck_assert (!community_dataset_load_from_data (dataset, json, -1, &error));
          community_test_assert_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX, "(root)");
        }
      }
}
END_TEST

/* The loader keeps a record's strings in one block with its fields
 * (community_record_take_fields()): replacing, unsetting and copying them
 * afterwards must work as for any record (the sanitizer build checks that
 * nothing in the block is freed on its own, or leaked). */
START_TEST (test_loaded_strings_replaced)
{
  static const char json[] = HEAD
    "\"grids\": [{\"id\": \"G1\", \"community\": \"320213021001\", \"leader\": \"W1\","
    " \"administrators\": [\"W1\", \"W2\", \"广瑞\"], \"x\": \"kept\"}],"
    " \"departments\": [{\"id\": \"D\", \"name\": \"市民政局\", \"aliases\": []}]}";
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityDataset) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) administrators = NULL;
  g_auto(GStrv) aliases = NULL;
  g_autofree char *leader = NULL;
  const char * const replaced[] = { "W3", NULL };
  CommunityGrid *grid;

  ck_assert_msg (community_dataset_load_from_data (dataset, json, -1, &error), "%s",
                 error ? error->message : "");
  grid = community_dataset_get_grid (dataset, "G1");
  ck_assert_ptr_nonnull (grid);
  ck_assert_str_eq (community_entity_get_identity (COMMUNITY_ENTITY (grid)), "G1");

  g_object_get (grid, "administrators", &administrators, "leader", &leader, NULL);
  ck_assert_uint_eq (g_strv_length (administrators), 3);
  ck_assert_str_eq (administrators[2], "广瑞");
  ck_assert_str_eq (leader, "W1");
  g_object_get (community_dataset_lookup (dataset, COMMUNITY_ENTITY_KIND_DEPARTMENT, "D"),
                "aliases", &aliases, NULL);
  ck_assert_ptr_nonnull (aliases);
  ck_assert_uint_eq (g_strv_length (aliases), 0);

  /* A copy before the changes keeps the loaded values. */
  copy = community_dataset_copy (dataset);

  g_object_set (grid, "leader", "W2", "administrators", replaced, NULL);
  community_record_unset (COMMUNITY_RECORD (grid), "community");
  g_object_set (grid, "community", "320213021002", NULL);
  g_clear_pointer (&administrators, g_strfreev);
  g_clear_pointer (&leader, g_free);
  g_object_get (grid, "administrators", &administrators, "leader", &leader, NULL);
  ck_assert (g_strv_equal ((const char * const *) administrators, replaced));
  ck_assert_str_eq (leader, "W2");
  ck_assert_str_eq (community_entity_get_identity (COMMUNITY_ENTITY (grid)), "G1");

  g_clear_pointer (&administrators, g_strfreev);
  g_clear_pointer (&leader, g_free);
  g_object_get (community_dataset_get_grid (copy, "G1"), "administrators", &administrators,
                "leader", &leader, NULL);
  ck_assert_uint_eq (g_strv_length (administrators), 3);
  ck_assert_str_eq (leader, "W1");
  ck_assert (!community_dataset_equal (dataset, copy));
}
END_TEST

/* Timestamps with more distinct offsets than the loader caches zones for
 * (64 a process): every one loads, as GLib's parser reads it. */
START_TEST (test_many_offsets)
{
  g_autoptr(GString) json = g_string_new (HEAD "\"consultations\": [");

  for (guint i = 0; i < 100; i++)
    {
      int minutes = -12 * 60 + (int) i * 15;

      g_string_append_printf (json, "%s{\"id\": \"K%u\", \"community\": \"C\", \"state\": \"deliberating\","
                              " \"history\": [{\"state\": \"proposed\", \"at\": \"2019-03-02T09:30:00%c%02d:%02d\"}]}",
                              i > 0 ? ", " : "", i, minutes < 0 ? '-' : '+', ABS (minutes) / 60, ABS (minutes) % 60);
    }
  g_string_append (json, "]}");
  assert_same_both_ways (json->str);
}
END_TEST

/* Refused documents: the same error from memory, a file, a stream and a
 * tree, naming the JSON Pointer. */
static const struct {
  const char *json;
  CommunityParseError code;
  const char *pointer;
} refused_documents[] = {
  { HEAD "\"grids\": [{\"id\": \"G1\", \"community\": \"C\", \"kind\": \"round\"}]}",
    COMMUNITY_PARSE_ERROR_ENUM, "/grids/0/kind" },
  { HEAD "\"grids\": [{\"id\": \"G1\", \"community\": \"C\"}, {\"id\": \"G1\", \"community\": \"C\"}]}",
    COMMUNITY_PARSE_ERROR_DUPLICATE, "/grids/1/id" },
  { HEAD "\"grids\": [{\"id\": \"G1\"}]}", COMMUNITY_PARSE_ERROR_MISSING, "/grids/0/community" },
  { HEAD "\"grids\": [{\"id\": \"G1\", \"community\": \"C\", \"households\": 1.5}]}",
    COMMUNITY_PARSE_ERROR_NOT_INTEGER, "/grids/0/households" },
  { HEAD "\"grids\": [{\"id\": \"G1\", \"community\": \"C\", \"households\": -1}]}",
    COMMUNITY_PARSE_ERROR_RANGE, "/grids/0/households" },
  { HEAD "\"grids\": [{\"id\": \"G1\", \"community\": 7}]}", COMMUNITY_PARSE_ERROR_TYPE, "/grids/0/community" },
  { HEAD "\"as_of\": \"2019-02-30\"}", COMMUNITY_PARSE_ERROR_DATE, "/as_of" },
  { "{\"version\": 1, \"format\": \"geojson\"}", COMMUNITY_PARSE_ERROR_FORMAT, "/format" },
  { HEAD "\"grids\": [}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
};

START_TEST (test_refused_documents)
{
  g_autofree char *dir = g_dir_make_tmp ("community-stream-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(GError) from_data = NULL;
  g_autoptr(GError) from_file = NULL;

  ck_assert (!community_dataset_load_from_data (dataset, refused_documents[_i].json, -1, &from_data));
  community_test_assert_error (from_data, COMMUNITY_PARSE_ERROR, refused_documents[_i].code,
                               refused_documents[_i].pointer);

  /* From a tree, when json-glib parses it. */
  {
    g_autoptr(JsonParser) parser = json_parser_new_immutable ();
    g_autoptr(GError) from_node = NULL;

    if (json_parser_load_from_data (parser, refused_documents[_i].json, -1, NULL))
      {
        ck_assert (!community_dataset_load_from_node (dataset, json_parser_get_root (parser), &from_node));
        ck_assert_str_eq (from_node->message, from_data->message);
      }
  }

  /* From a stream. */
  {
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (refused_documents[_i].json, -1, NULL);
    g_autoptr(GError) from_stream = NULL;

    ck_assert (!community_dataset_load_from_stream (dataset, stream, NULL, &from_stream));
    ck_assert_str_eq (from_stream->message, from_data->message);
  }

  ck_assert (g_file_set_contents (path, refused_documents[_i].json, -1, NULL));
  ck_assert (!community_dataset_load_from_file (dataset, path, &from_file));
  ck_assert_str_eq (from_file->message, from_data->message);
  ck_assert_uint_eq (from_file->code, from_data->code);

  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* Hostile files: the window reader must neither crash nor accept them. */
START_TEST (test_hostile_files)
{
  g_autofree char *dir = g_dir_make_tmp ("community-stream-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "hostile.json", NULL);
  g_autoptr(GString) deep = g_string_new (HEAD "\"x\": ");
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  static const char invalid_utf8[] = HEAD "\"grids\": [{\"id\": \"G\xff\", \"community\": \"C\"}]}";
  static const char truncated[] = HEAD "\"grids\": [{\"id\": \"G1\", \"commu";
  static const char escaped_nul[] = HEAD "\"grids\": [{\"id\": \"G\\u0000\", \"community\": \"C\"}]}";
  static const char lone_surrogate[] = HEAD "\"grids\": [{\"id\": \"G\\ud800\", \"community\": \"C\"}]}";
  const char *documents[] = { invalid_utf8, truncated, escaped_nul, lone_surrogate, "", NULL };

  for (guint i = 0; i < 200000; i++)
    g_string_append_c (deep, '[');
  ck_assert (g_file_set_contents (path, deep->str, deep->len, NULL));
  ck_assert (!community_dataset_load_from_file (dataset, path, NULL));

  for (guint i = 0; documents[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      ck_assert (g_file_set_contents (path, documents[i], -1, NULL));
      ck_assert (!community_dataset_load_from_file (dataset, path, &error));
      ck_assert (error != NULL && error->domain == COMMUNITY_PARSE_ERROR);
    }

  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

static Suite *
stream_suite (void)
{
  Suite *suite = suite_create ("stream");
  TCase *tc = tcase_create ("stream");

  tcase_add_loop_test (tc, test_valid_documents, 0, G_N_ELEMENTS (valid_documents));
  tcase_add_test (tc, test_string_word_boundaries);
  tcase_add_test (tc, test_loaded_strings_replaced);
  tcase_add_test (tc, test_sample);
  tcase_add_test (tc, test_generated);
  tcase_add_test (tc, test_larger_than_window);
  tcase_add_test (tc, test_many_offsets);
  tcase_add_loop_test (tc, test_refused_documents, 0, G_N_ELEMENTS (refused_documents));
  tcase_add_test (tc, test_hostile_files);
  suite_add_tcase (suite, tc);
  return suite;
}

int
main (void)
{
  return community_test_run (stream_suite ());
}
