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
 * @COMMUNITY_PARSE_ERROR_SYNTAX: the input is not well-formed, strict
 *   (RFC 8259) JSON, reported at `(root)` with a line and column; this
 *   includes empty input and a second document after the first. A string
 *   that is not valid UTF-8, or has half of a surrogate pair (`\uD800`),
 *   is reported at its own pointer (a member name's, at its object's)
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
 *   or otherwise out of the range its field allows; anywhere in the document,
 *   unknown members included, an integer beyond 64 bits (2^63 and more) or a
 *   number beyond a double (`1e400`)
 * @COMMUNITY_PARSE_ERROR_NOT_INTEGER: a number that must be whole (a count,
 *   a year, an amount of yuan) has a fractional part
 * @COMMUNITY_PARSE_ERROR_DATE: a date is not a real `YYYY-MM-DD` date, or a
 *   timestamp is not RFC 3339 with an offset
 * @COMMUNITY_PARSE_ERROR_DUPLICATE: two entities of one kind share an identity,
 *   or an object has two members of one name
 * @COMMUNITY_PARSE_ERROR_LIMIT: the document goes beyond what the library
 *   holds: arrays and objects nested more than 512 levels deep, or a string
 *   containing the character U+0000 (`\u0000`), which C strings cannot hold
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
  COMMUNITY_PARSE_ERROR_LIMIT,
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

/**
 * COMMUNITY_WORKFLOW_ERROR:
 *
 * The error domain of [error@Community.WorkflowError]: a step of a workflow
 * (DOMAIN.md §3) that was refused.
 */
#define COMMUNITY_WORKFLOW_ERROR (community_workflow_error_quark ())

/**
 * CommunityWorkflowError:
 * @COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION: the workflow does not allow
 *   going from the current state to the requested one
 * @COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER: the step is dated earlier than the
 *   step before it
 *
 * Why a workflow step was refused. A refused step changes nothing.
 */
typedef enum {
  COMMUNITY_WORKFLOW_ERROR_ILLEGAL_TRANSITION,
  COMMUNITY_WORKFLOW_ERROR_OUT_OF_ORDER,
} CommunityWorkflowError;

/**
 * COMMUNITY_IDENTIFIER_ERROR:
 *
 * The error domain of [error@Community.IdentifierError]: an identifier (a
 * citizen ID number, a unified social credit code, a division code, a
 * mobile number) that is not valid.
 */
#define COMMUNITY_IDENTIFIER_ERROR (community_identifier_error_quark ())

/**
 * CommunityIdentifierError:
 * @COMMUNITY_IDENTIFIER_ERROR_LENGTH: the identifier has the wrong number of
 *   characters
 * @COMMUNITY_IDENTIFIER_ERROR_CHARSET: it contains a character its standard
 *   does not allow there
 * @COMMUNITY_IDENTIFIER_ERROR_DATE: the birth date of a citizen ID number is
 *   not a real date, or is in the future
 * @COMMUNITY_IDENTIFIER_ERROR_CHECKSUM: the check digit or check character
 *   does not match the rest
 * @COMMUNITY_IDENTIFIER_ERROR_PREFIX: a mobile number's prefix is not a
 *   mainland mobile prefix, or a division code does not carry its parent's
 *   prefix
 * @COMMUNITY_IDENTIFIER_ERROR_SEGMENT: a segment of a division code is out of
 *   the range reserved for its kind, or a code has digits after its level's
 *   segment
 *
 * Which part of an identifier is wrong. Messages name the part, never the
 * identifier itself, since ID numbers and phones are personal data.
 */
typedef enum {
  COMMUNITY_IDENTIFIER_ERROR_LENGTH,
  COMMUNITY_IDENTIFIER_ERROR_CHARSET,
  COMMUNITY_IDENTIFIER_ERROR_DATE,
  COMMUNITY_IDENTIFIER_ERROR_CHECKSUM,
  COMMUNITY_IDENTIFIER_ERROR_PREFIX,
  COMMUNITY_IDENTIFIER_ERROR_SEGMENT,
} CommunityIdentifierError;

/**
 * COMMUNITY_RULESET_ERROR:
 *
 * The error domain of [error@Community.RulesetError]: a ruleset document
 * that cannot be used.
 */
#define COMMUNITY_RULESET_ERROR (community_ruleset_error_quark ())

/**
 * CommunityRulesetError:
 * @COMMUNITY_RULESET_ERROR_SYNTAX: the input is not well-formed JSON, or
 *   goes beyond a limit of the dataset format's (see
 *   [error@Community.ParseError]: nesting deeper than 512 levels, U+0000
 *   in a string, a number out of range, a member name twice in an object)
 * @COMMUNITY_RULESET_ERROR_FORMAT: the root is not an object, its `format`
 *   is not `libcommunity-ruleset`, or its `version` is not 1
 * @COMMUNITY_RULESET_ERROR_UNKNOWN_RULE: a rule id the library does not have
 * @COMMUNITY_RULESET_ERROR_UNKNOWN_INDICATOR: an indicator id the library
 *   does not have
 * @COMMUNITY_RULESET_ERROR_UNKNOWN_MEMBER: a member a ruleset cannot have,
 *   such as a parameter the rule does not take
 * @COMMUNITY_RULESET_ERROR_TYPE: a value of the wrong type (a string for a
 *   numeric parameter, an unknown severity, a target outside 0–1)
 * @COMMUNITY_RULESET_ERROR_EXTENDS: the ruleset it extends cannot be found,
 *   or rulesets extend each other in a cycle
 *
 * Why a ruleset was refused. Messages start with the JSON Pointer of the
 * offending value, as those of [error@Community.ParseError] do.
 */
typedef enum {
  COMMUNITY_RULESET_ERROR_SYNTAX,
  COMMUNITY_RULESET_ERROR_FORMAT,
  COMMUNITY_RULESET_ERROR_UNKNOWN_RULE,
  COMMUNITY_RULESET_ERROR_UNKNOWN_INDICATOR,
  COMMUNITY_RULESET_ERROR_UNKNOWN_MEMBER,
  COMMUNITY_RULESET_ERROR_TYPE,
  COMMUNITY_RULESET_ERROR_EXTENDS,
} CommunityRulesetError;

COMMUNITY_AVAILABLE_IN_0_1
GQuark community_parse_error_quark      (void);
COMMUNITY_AVAILABLE_IN_0_1
const char *community_parse_error_get_pointer (const GError *error);
COMMUNITY_AVAILABLE_IN_0_1
const char *community_parse_error_get_sheet   (const GError *error);
COMMUNITY_AVAILABLE_IN_0_1
const char *community_parse_error_get_cell    (const GError *error);
COMMUNITY_AVAILABLE_IN_0_1
const char *community_parse_error_get_column  (const GError *error);
COMMUNITY_AVAILABLE_IN_0_1
GQuark community_dataset_error_quark    (void);
COMMUNITY_AVAILABLE_IN_0_1
GQuark community_workflow_error_quark   (void);
COMMUNITY_AVAILABLE_IN_0_1
GQuark community_identifier_error_quark (void);
COMMUNITY_AVAILABLE_IN_0_1
GQuark community_ruleset_error_quark    (void);

G_END_DECLS
