/* test-common.h: what every C test suite shares
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <check.h>
#include <stdlib.h>

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
  } G_STMT_END
