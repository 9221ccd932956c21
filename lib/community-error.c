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

/**
 * community_workflow_error_quark:
 *
 * The error domain of [error@Community.WorkflowError].
 *
 * Returns: the quark of %COMMUNITY_WORKFLOW_ERROR
 */
G_DEFINE_QUARK (community-workflow-error-quark, community_workflow_error)

/**
 * community_identifier_error_quark:
 *
 * The error domain of [error@Community.IdentifierError].
 *
 * Returns: the quark of %COMMUNITY_IDENTIFIER_ERROR
 */
G_DEFINE_QUARK (community-identifier-error-quark, community_identifier_error)

/**
 * community_ruleset_error_quark:
 *
 * The error domain of [error@Community.RulesetError].
 *
 * Returns: the quark of %COMMUNITY_RULESET_ERROR
 */
G_DEFINE_QUARK (community-ruleset-error-quark, community_ruleset_error)
