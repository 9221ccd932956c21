/* community-error.h: error domains
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include <glib.h>

#include "community-version.h"

G_BEGIN_DECLS

/**
 * COMMUNITY_PARSE_ERROR:
 *
 * The error domain of [error@Community.ParseError]: a dataset document that
 * cannot be loaded.
 */
#define COMMUNITY_PARSE_ERROR (community_parse_error_quark ())

/**
 * CommunityParseError:
 * @COMMUNITY_PARSE_ERROR_SYNTAX: the input is not well-formed JSON (this
 *   includes empty input and invalid UTF-8)
 * @COMMUNITY_PARSE_ERROR_FORMAT: the root is not an object, or its `format`
 *   is not `libcommunity-dataset`
 * @COMMUNITY_PARSE_ERROR_VERSION: the document's `version` is not one this
 *   library reads
 * @COMMUNITY_PARSE_ERROR_TYPE: a value has the wrong JSON type (a string
 *   where a number is expected, say)
 * @COMMUNITY_PARSE_ERROR_MISSING: a required member is absent
 * @COMMUNITY_PARSE_ERROR_ENUM: a string is not one of the values of its
 *   vocabulary
 * @COMMUNITY_PARSE_ERROR_RANGE: a number is negative, too large, not finite,
 *   or otherwise out of the range its field allows
 * @COMMUNITY_PARSE_ERROR_NOT_INTEGER: a number that must be whole (a count,
 *   a year, an amount of yuan) has a fractional part
 * @COMMUNITY_PARSE_ERROR_DATE: a date is not a real `YYYY-MM-DD` date, or a
 *   timestamp is not RFC 3339 with an offset
 * @COMMUNITY_PARSE_ERROR_DUPLICATE: two entities of one kind share an identity
 *
 * Why a document was refused. The message of every such error starts with
 * the JSON Pointer (RFC 6901) of the offending value, `(root)` for the
 * document itself, followed by what was expected; it never quotes personal
 * data.
 */
typedef enum {
  COMMUNITY_PARSE_ERROR_SYNTAX,
  COMMUNITY_PARSE_ERROR_FORMAT,
  COMMUNITY_PARSE_ERROR_VERSION,
  COMMUNITY_PARSE_ERROR_TYPE,
  COMMUNITY_PARSE_ERROR_MISSING,
  COMMUNITY_PARSE_ERROR_ENUM,
  COMMUNITY_PARSE_ERROR_RANGE,
  COMMUNITY_PARSE_ERROR_NOT_INTEGER,
  COMMUNITY_PARSE_ERROR_DATE,
  COMMUNITY_PARSE_ERROR_DUPLICATE,
} CommunityParseError;

/**
 * COMMUNITY_DATASET_ERROR:
 *
 * The error domain of [error@Community.DatasetError]: a change to a
 * [class@Community.Dataset] that was refused.
 */
#define COMMUNITY_DATASET_ERROR (community_dataset_error_quark ())

/**
 * CommunityDatasetError:
 * @COMMUNITY_DATASET_ERROR_DUPLICATE: the dataset already holds an entity of
 *   that kind with that identity
 * @COMMUNITY_DATASET_ERROR_NO_IDENTITY: the entity has no identity (no code,
 *   id or number) and cannot be indexed
 * @COMMUNITY_DATASET_ERROR_IN_OTHER_DATASET: the entity already belongs to
 *   another dataset
 *
 * Why a change to a dataset was refused.
 */
typedef enum {
  COMMUNITY_DATASET_ERROR_DUPLICATE,
  COMMUNITY_DATASET_ERROR_NO_IDENTITY,
  COMMUNITY_DATASET_ERROR_IN_OTHER_DATASET,
} CommunityDatasetError;

COMMUNITY_AVAILABLE_IN_ALL
GQuark community_parse_error_quark   (void);
COMMUNITY_AVAILABLE_IN_ALL
GQuark community_dataset_error_quark (void);

G_END_DECLS
