/* fuzz-common.h: what the fuzz targets share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each target defines LLVMFuzzerTestOneInput(). Built with clang's
 * -fsanitize=fuzzer it is a libFuzzer program (./run fuzz); built with
 * replay.c it is a plain program that feeds it the files it is given, which
 * is how the normal test suite replays the seed corpus and the regressions.
 *
 * A target fails (aborts) on a sanitizer report, on a GLib critical or
 * warning (no input may reach a programmer-error path), and on a broken
 * promise of the API: a function that returns failure sets its GError, one
 * that succeeds does not, and the message of a refused document starts with
 * the JSON Pointer of the bad value (or "(root)").
 */

#pragma once

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <community/community.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Writes the message as GLib would, and aborts on a critical or a warning:
 * libFuzzer catches SIGABRT (not GLib's breakpoint trap) and saves the
 * input. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_standard_streams (level, fields, n_fields, user_data);

  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return output;
}

static inline void
fuzz_init (void)
{
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
      g_once_init_leave (&initialized, 1);
    }
}

#define fuzz_fail(...) \
  G_STMT_START { \
    fprintf (stderr, "fuzz: " __VA_ARGS__); \
    fputc ('\n', stderr); \
    abort (); \
  } G_STMT_END

/* Checks the GError contract of a call that returned @ok. With @pointer,
 * a failure's message must start with a JSON Pointer or "(root)". */
static inline void
fuzz_check_error (const char   *what,
                  gboolean      ok,
                  const GError *error,
                  gboolean      pointer)
{
  if (ok && error != NULL)
    fuzz_fail ("%s succeeded but set an error: %s", what, error->message);
  if (!ok && error == NULL)
    fuzz_fail ("%s failed without setting an error", what);
  if (!ok && error->message == NULL)
    fuzz_fail ("%s set an error without a message", what);
  if (!ok && pointer &&
      !(error->message[0] == '/' || g_str_has_prefix (error->message, "(root)")))
    fuzz_fail ("%s: the message does not start with a JSON Pointer: %s", what, error->message);
}

/* What a loaded @dataset saves loads back the same. */
static inline void
fuzz_check_round_trip (CommunityDataset *dataset)
{
  g_autoptr(CommunityDataset) again = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  gsize saved_length = 0;
  gboolean ok;

  saved = community_dataset_save_to_data (dataset, &saved_length);
  if (saved == NULL)
    fuzz_fail ("a loaded dataset does not save");
  ok = community_dataset_load_from_data (again, saved, (gssize) saved_length, &error);
  fuzz_check_error ("reloading a saved dataset", ok, error, TRUE);
  if (!ok)
    fuzz_fail ("a saved dataset does not load: %s", error->message);
  if (!community_dataset_equal (dataset, again))
    fuzz_fail ("a saved dataset loads back different");
}
