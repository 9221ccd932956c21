/* community-bench-common.h: what the benchmarks share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <sys/resource.h>

#include "community-slice.h"

/* CPU time of this process: on a busy machine, less noisy than the wall
 * clock (other processes take the cores, not the CPU seconds). */
static inline double
cpu_now (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}
