/* community-version.c: run-time version information
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-version.h"

/**
 * community_get_major_version:
 *
 * Gets the major version of the libcommunity the program runs with, which
 * may differ from %COMMUNITY_MAJOR_VERSION it was compiled against.
 *
 * Returns: the major version
 */
guint
community_get_major_version (void)
{
  return COMMUNITY_MAJOR_VERSION;
}

/**
 * community_get_minor_version:
 *
 * Gets the minor version of the libcommunity the program runs with.
 *
 * Returns: the minor version
 */
guint
community_get_minor_version (void)
{
  return COMMUNITY_MINOR_VERSION;
}

/**
 * community_get_micro_version:
 *
 * Gets the micro version of the libcommunity the program runs with.
 *
 * Returns: the micro version
 */
guint
community_get_micro_version (void)
{
  return COMMUNITY_MICRO_VERSION;
}
