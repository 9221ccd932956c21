/* community-handoff-private.h: data handed to and from GTask threads
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A GTask hands its data to a worker thread, and the worker's result back,
 * through GLib's own locks: futexes and atomics in a library that is not
 * built with ThreadSanitizer, so TSan sees no order between the two
 * threads' accesses and reports races that cannot happen. These mark the
 * hand-overs themselves (TSan's release/acquire on the data's address),
 * so that `meson test --setup tsan` checks everything else and needs no
 * suppression of our own code. Without TSan they are nothing.
 *
 * Call community_handoff_release (data) in a thread when it is done with
 * @data (before g_task_run_in_thread(), before g_task_return_*()), and
 * community_handoff_acquire (data) where the other thread takes it up.
 */

#pragma once

#if defined(__SANITIZE_THREAD__)
# define COMMUNITY_HANDOFF_TSAN 1
#elif defined(__has_feature)
# if __has_feature(thread_sanitizer)
#  define COMMUNITY_HANDOFF_TSAN 1
# endif
#endif

#ifdef COMMUNITY_HANDOFF_TSAN
void __tsan_acquire (void *addr);
void __tsan_release (void *addr);
# define community_handoff_release(data) __tsan_release ((void *) (data))
# define community_handoff_acquire(data) __tsan_acquire ((void *) (data))
#else
# define community_handoff_release(data) ((void) (data))
# define community_handoff_acquire(data) ((void) (data))
#endif

#include <glib.h>

/* A GLib mutex taken and given back, and a condition waited on, with what
 * they order marked for ThreadSanitizer: for the data a lock guards
 * between threads (the zip writer's pieces, the findings workbook's
 * chunks). */
static inline void
community_handoff_lock (GMutex *lock)
{
  g_mutex_lock (lock);
  community_handoff_acquire (lock);
}

static inline void
community_handoff_unlock (GMutex *lock)
{
  community_handoff_release (lock);
  g_mutex_unlock (lock);
}

static inline void
community_handoff_wait (GCond  *cond,
                        GMutex *lock)
{
  community_handoff_release (lock);
  g_cond_wait (cond, lock);
  community_handoff_acquire (lock);
}
