/* community-error.c: error domains
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-error.h"

/**
 * community_parse_error_quark:
 *
 * The error domain of [error@Community.ParseError].
 *
 * Returns: the quark of %COMMUNITY_PARSE_ERROR
 */
G_DEFINE_QUARK (community-parse-error-quark, community_parse_error)

/**
 * community_dataset_error_quark:
 *
 * The error domain of [error@Community.DatasetError].
 *
 * Returns: the quark of %COMMUNITY_DATASET_ERROR
 */
G_DEFINE_QUARK (community-dataset-error-quark, community_dataset_error)
