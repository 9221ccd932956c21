/* community-version-macros.h: libcommunity's availability and deprecation macros
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * As json-glib's json-version-macros.h: every public prototype carries
 * COMMUNITY_AVAILABLE_IN_x_y, the version that added it, and, once
 * deprecated, COMMUNITY_DEPRECATED_IN_x_y or COMMUNITY_DEPRECATED_IN_x_y_FOR
 * (replacement). An application defines COMMUNITY_VERSION_MIN_REQUIRED to
 * be warned about what was deprecated up to that version, and
 * COMMUNITY_VERSION_MAX_ALLOWED to be warned about what is newer than the
 * version it means to run with.
 *
 * A new minor version adds its COMMUNITY_VERSION_x_y and its three
 * macros below, after those of the versions before it, and moves
 * COMMUNITY_VERSION_CUR_STABLE.
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include <glib.h>

/* The export/import split. The library is built with hidden visibility
 * (and COMMUNITY_COMPILATION): what a prototype marks is exported from it;
 * an application sees the same prototypes as plain (on Windows, imported)
 * declarations. A build may define _COMMUNITY_EXTERN itself. */
#ifndef _COMMUNITY_EXTERN
# if defined(COMMUNITY_COMPILATION)
#  if defined(_WIN32) || defined(__CYGWIN__)
#   define _COMMUNITY_EXTERN __declspec(dllexport) extern
#  else
#   define _COMMUNITY_EXTERN __attribute__((visibility("default"))) extern
#  endif
# elif (defined(_WIN32) || defined(__CYGWIN__)) && !defined(COMMUNITY_STATIC_COMPILATION)
#  define _COMMUNITY_EXTERN __declspec(dllimport) extern
# else
#  define _COMMUNITY_EXTERN extern
# endif
#endif

/**
 * COMMUNITY_DEPRECATED_FOR:
 * @f: the name of the function to use instead
 *
 * Marks a prototype as deprecated in favour of @f: using it warns, unless
 * `COMMUNITY_DISABLE_DEPRECATION_WARNINGS` is defined. Prototypes use the
 * versioned form, `COMMUNITY_DEPRECATED_IN_x_y_FOR`.
 */

/**
 * COMMUNITY_UNAVAILABLE:
 * @maj: the major version that added the symbol
 * @min: the minor version that added the symbol
 *
 * Marks a prototype added in a version after
 * `COMMUNITY_VERSION_MAX_ALLOWED`: using it warns.
 */

/**
 * COMMUNITY_DEPRECATED_IN_0_1_FOR:
 * @f: the name of the function to use instead
 *
 * Marks a prototype deprecated in libcommunity 0.1 in favour of @f: using
 * it warns when `COMMUNITY_VERSION_MIN_REQUIRED` is 0.1 or later.
 */

#ifdef COMMUNITY_DISABLE_DEPRECATION_WARNINGS
# define COMMUNITY_DEPRECATED _COMMUNITY_EXTERN
# define COMMUNITY_DEPRECATED_FOR(f) _COMMUNITY_EXTERN
# define COMMUNITY_UNAVAILABLE(maj,min) _COMMUNITY_EXTERN
#else
# define COMMUNITY_DEPRECATED G_DEPRECATED _COMMUNITY_EXTERN
# define COMMUNITY_DEPRECATED_FOR(f) G_DEPRECATED_FOR (f) _COMMUNITY_EXTERN
# define COMMUNITY_UNAVAILABLE(maj,min) G_UNAVAILABLE (maj, min) _COMMUNITY_EXTERN
#endif

/**
 * COMMUNITY_VERSION_0_1:
 *
 * The encoded version 0.1 of libcommunity, for
 * `COMMUNITY_VERSION_MIN_REQUIRED` and `COMMUNITY_VERSION_MAX_ALLOWED`.
 */
#define COMMUNITY_VERSION_0_1 (G_ENCODE_VERSION (0, 1))

/* The current stable version (the minor version, rounded up to an even
 * one for a development release) and the one before it. */
#define COMMUNITY_VERSION_CUR_STABLE COMMUNITY_VERSION_0_1
#define COMMUNITY_VERSION_PREV_STABLE COMMUNITY_VERSION_0_1

/**
 * COMMUNITY_VERSION_MIN_REQUIRED:
 *
 * The oldest version of libcommunity the code means to work with, one of
 * the `COMMUNITY_VERSION_x_y` values; defined before including
 * `<community/community.h>`. What was deprecated in that version or
 * before it warns. By default, the current stable version.
 */
#ifndef COMMUNITY_VERSION_MIN_REQUIRED
# define COMMUNITY_VERSION_MIN_REQUIRED (COMMUNITY_VERSION_CUR_STABLE)
#endif

/**
 * COMMUNITY_VERSION_MAX_ALLOWED:
 *
 * The newest version of libcommunity whose API the code may use, one of
 * the `COMMUNITY_VERSION_x_y` values; defined before including
 * `<community/community.h>`. What was added after it warns. By default,
 * the current stable version.
 */
#ifndef COMMUNITY_VERSION_MAX_ALLOWED
# if COMMUNITY_VERSION_MIN_REQUIRED > COMMUNITY_VERSION_PREV_STABLE
#  define COMMUNITY_VERSION_MAX_ALLOWED (COMMUNITY_VERSION_MIN_REQUIRED)
# else
#  define COMMUNITY_VERSION_MAX_ALLOWED (COMMUNITY_VERSION_CUR_STABLE)
# endif
#endif

#if COMMUNITY_VERSION_MAX_ALLOWED < COMMUNITY_VERSION_MIN_REQUIRED
# error "COMMUNITY_VERSION_MAX_ALLOWED must be >= COMMUNITY_VERSION_MIN_REQUIRED"
#endif

/* Symbols that predate the versioned macros. Kept so that code written
 * against it still builds; new prototypes use COMMUNITY_AVAILABLE_IN_x_y. */
#define COMMUNITY_AVAILABLE_IN_ALL _COMMUNITY_EXTERN

/* 0.1 */
#if COMMUNITY_VERSION_MIN_REQUIRED >= COMMUNITY_VERSION_0_1
# define COMMUNITY_DEPRECATED_IN_0_1 COMMUNITY_DEPRECATED
# define COMMUNITY_DEPRECATED_IN_0_1_FOR(f) COMMUNITY_DEPRECATED_FOR (f)
#else
# define COMMUNITY_DEPRECATED_IN_0_1 _COMMUNITY_EXTERN
# define COMMUNITY_DEPRECATED_IN_0_1_FOR(f) _COMMUNITY_EXTERN
#endif

#if COMMUNITY_VERSION_MAX_ALLOWED < COMMUNITY_VERSION_0_1
# define COMMUNITY_AVAILABLE_IN_0_1 COMMUNITY_UNAVAILABLE (0, 1)
#else
# define COMMUNITY_AVAILABLE_IN_0_1 _COMMUNITY_EXTERN
#endif
