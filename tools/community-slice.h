/* community-slice.h: GLib's slice allocator in malloc mode, for the tools
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Included by the command-line tools (community-tool-common.h) and the
 * benchmarks (community-bench-common.h), which measure the library as
 * the tools run it.
 */

#pragma once

#include <unistd.h>

#include <glib.h>

/* GLib before 2.76 hands out GObject instances from its slice allocator,
 * whose threads exchange their magazines under one global lock: with the
 * loader's two threads and the validator's, waiting on it was a quarter
 * of the tool's CPU on a province (doc/performance.md, "GLib's slice
 * allocator"). Its malloc mode has no such lock, but GLib reads it from the
 * environment before main() (GObject's start-up allocates already); so a
 * tool runs itself again, once, with G_SLICE=always-malloc, unless G_SLICE
 * is set. GLib 2.76 and later allocate with malloc anyway. Called by
 * main() before anything else. A program that links the library and runs
 * it on several threads does well to do the same (doc/overview.md,
 * "Threads"). */
static inline void
tool_prefer_malloc (char **argv)
{
#ifdef __linux__
  if (glib_check_version (2, 76, 0) == NULL || g_getenv ("G_SLICE") != NULL)
    return;
  if (!g_setenv ("G_SLICE", "always-malloc", TRUE))
    return;
  execv ("/proc/self/exe", argv);
  /* Not run again (no /proc): go on as we are. */
#endif
}
