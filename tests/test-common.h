/* test-common.h: what every C test suite shares
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include <community/community.h>

/* Runs @suite and reports each case as TAP on stdout, which meson counts. */
static inline int
community_test_run (Suite *suite)
{
  SRunner *runner = srunner_create (suite);
  int failed;

  srunner_set_tap (runner, "-");
  srunner_run_all (runner, CK_SILENT);
  failed = srunner_ntests_failed (runner);
  srunner_free (runner);

  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

/* @n, scaled by COMMUNITY_TEST_SCALE (a factor, default 1; at least 1 is
 * returned): the long randomized suites take their step counts through it,
 * so that the sanitizer run can do fewer of them. */
static inline guint
community_test_scale (guint n)
{
  const char *scale = g_getenv ("COMMUNITY_TEST_SCALE");
  double factor = scale != NULL ? g_ascii_strtod (scale, NULL) : 1.0;

  if (!(factor > 0))
    factor = 1.0;
  return MAX (1, (guint) (n * factor));
}

/* Removes @dir and everything in it (a test's temporary folder), checking
 * that each removal works; a symbolic link is removed, not followed. */
static inline void
community_test_remove_tree (const char *dir)
{
  GDir *handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        community_test_remove_tree (path);
      else
        ck_assert_int_eq (g_remove (path), 0);
      g_free (path);
    }
  if (handle != NULL)
    g_dir_close (handle);
  ck_assert_int_eq (g_rmdir (dir), 0);
}

/* A "notify" handler that counts the notifications in @count. */
static inline void
community_test_count_notify (GObject    *object,
                             GParamSpec *pspec,
                             guint      *count)
{
  (*count)++;
}

#ifdef COMMUNITY_GEN
/* The text of a document tools/community-gen generates (its standard
 * output), with --defects @defects (NULL: the default). */
static inline char *
community_test_generated_text (guint       communities,
                               guint       seed,
                               const char *defects,
                               gsize      *length)
{
  g_autofree char *n = g_strdup_printf ("%u", communities);
  g_autofree char *s = g_strdup_printf ("%u", seed);
  const char *argv[] = { COMMUNITY_GEN, "--communities", n, "--seed", s,
                         defects != NULL ? "--defects" : NULL, defects, NULL };
  g_autoptr(GError) error = NULL;
  char *text = NULL;
  int status;

  ck_assert_msg (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &text, NULL,
                               &status, &error), "%s", error ? error->message : "");
  ck_assert (g_spawn_check_wait_status (status, NULL));
  *length = strlen (text);
  return text;
}

/* A dataset tools/community-gen generates, loaded (for the suites built
 * with -DCOMMUNITY_GEN, tests/meson.build). */
static inline CommunityDataset *
community_test_load_generated (guint communities,
                               guint seed)
{
  gsize length;
  g_autofree char *text = community_test_generated_text (communities, seed, NULL, &length);
  CommunityDataset *dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;

  if (!community_dataset_load_from_data (dataset, text, (gssize) length, &error))
    ck_abort_msg ("the generated dataset does not load: %s", error->message);
  return dataset;
}
#endif

/* The bundled sample dataset. */
static inline const char *
community_test_sample_path (void)
{
  const char *path = g_getenv ("COMMUNITY_SAMPLE");

  return path != NULL ? path : SAMPLE_DATA;
}

static inline CommunityDataset *
community_test_load_sample (void)
{
  CommunityDataset *dataset = community_dataset_new ();
  GError *error = NULL;

  if (!community_dataset_load_from_file (dataset, community_test_sample_path (), &error))
    ck_abort_msg ("the sample does not load: %s", error->message);

  return dataset;
}

/* Asserts that @object is finalized once the caller's reference is dropped. */
#define community_test_assert_finalized(object) \
  G_STMT_START { \
    gpointer _weak = (object); \
    g_object_add_weak_pointer (G_OBJECT (_weak), &_weak); \
    g_object_unref (_weak); \
    ck_assert_msg (_weak == NULL, "%s was not finalized", #object); \
  } G_STMT_END

/* Asserts that @error is set, in @domain with @code, and that its message
 * starts with "@pointer: ". */
#define community_test_assert_error(err, dom, cod, ptr) \
  G_STMT_START { \
    const GError *_e = (err); \
    g_autofree char *_prefix = g_strconcat ((ptr), ": ", NULL); \
    ck_assert_msg (_e != NULL, "no error was set"); \
    ck_assert_msg (_e->domain == (dom) && _e->code == (int) (cod), \
                   "expected %s code %d, got %s code %d: %s", \
                   g_quark_to_string (dom), (int) (cod), \
                   g_quark_to_string (_e->domain), _e->code, _e->message); \
    ck_assert_msg (g_str_has_prefix (_e->message, _prefix), \
                   "expected the message to start with “%s”, got “%s”", \
                   _prefix, _e->message); \
    /* A parse error carries its pointer too ("" for the root). */ \
    if ((dom) == COMMUNITY_PARSE_ERROR && ((ptr)[0] == '/' || g_str_equal ((ptr), "(root)"))) \
      ck_assert_msg (g_strcmp0 (community_parse_error_get_pointer (_e), \
                                g_str_equal ((ptr), "(root)") ? "" : (ptr)) == 0, \
                     "expected the error's pointer “%s”, got “%s”: %s", (ptr), \
                     community_parse_error_get_pointer (_e), _e->message); \
  } G_STMT_END

/* Loads @json (a whole dataset document) and validates it with
 * @ruleset_json (a ruleset document; NULL: the built-in wuxi-2018). */
static inline CommunityReport *
community_test_validate_with (const char *json,
                              const char *ruleset_json)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityRuleset) ruleset = NULL;
  g_autoptr(CommunityValidator) validator = NULL;
  GError *error = NULL;

  if (!community_dataset_load_from_data (dataset, json, -1, &error))
    ck_abort_msg ("the test dataset does not load: %s", error->message);
  ruleset = ruleset_json != NULL ? community_ruleset_new_from_data (ruleset_json, -1, &error)
                                 : community_ruleset_new_builtin ("wuxi-2018", &error);
  ck_assert_msg (ruleset != NULL, "the test ruleset does not load: %s", error != NULL ? error->message : "");
  validator = community_validator_new (ruleset);
  return community_validator_run (validator, dataset);
}

/* The same with the built-in wuxi-2018 ruleset. */
static inline CommunityReport *
community_test_validate (const char *json)
{
  return community_test_validate_with (json, NULL);
}

/* The findings of one rule, as a new list. */
static inline GListModel *
community_test_findings (CommunityReport *report,
                         const char      *rule)
{
  return community_report_filter (report, COMMUNITY_SEVERITY_INFO, rule, NULL, NULL);
}

/* Asserts the rule made exactly one finding with this subject and path,
 * and returns it (borrowed from the report). */
static inline CommunityFinding *
community_test_assert_one_finding (CommunityReport *report,
                                   const char      *rule,
                                   const char      *subject_id,
                                   const char      *path)
{
  g_autoptr(GListModel) findings = community_test_findings (report, rule);
  g_autoptr(CommunityFinding) finding = NULL;

  ck_assert_msg (g_list_model_get_n_items (findings) == 1, "%s: expected 1 finding, got %u",
                 rule, g_list_model_get_n_items (findings));
  finding = g_list_model_get_item (findings, 0);
  ck_assert_str_eq (community_finding_get_rule (finding), rule);
  ck_assert_str_eq (community_finding_get_subject_id (finding), subject_id);
  ck_assert_str_eq (community_finding_get_path (finding), path);
  return finding;  /* the report still holds it */
}

/* Asserts the rule passed @passed entities, failed @failed, and could not
 * judge @not_applicable. */
static inline void
community_test_assert_counts (CommunityReport *report,
                              const char      *rule,
                              guint            passed,
                              guint            failed,
                              guint            not_applicable)
{
  CommunityRuleResult *result = community_report_get_rule_result (report, rule);

  ck_assert_msg (result != NULL, "%s did not run", rule);
  ck_assert_msg (community_rule_result_get_passed (result) == passed &&
                 community_rule_result_get_failed (result) == failed &&
                 community_rule_result_get_not_applicable (result) == not_applicable,
                 "%s: expected %u passed, %u failed, %u n/a; got %u, %u, %u", rule,
                 passed, failed, not_applicable,
                 community_rule_result_get_passed (result),
                 community_rule_result_get_failed (result),
                 community_rule_result_get_not_applicable (result));
}
