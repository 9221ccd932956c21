/* community-error.c: error domains
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-error.h"
#include "community-error-private.h"
#include "community-quark-private.h"

/* COMMUNITY_PARSE_ERROR is an extended error domain (GLib 2.68): each of
 * its errors carries where it is, beside its message. G_DEFINE_EXTENDED_ERROR
 * would name the domain "CommunityParseError", a name the bindings and
 * callers already know otherwise: the same, by hand. */
typedef struct {
  char *pointer;
  char *sheet;
  char *cell;
  char *column;
} ParseErrorPrivate;

static ParseErrorPrivate *
parse_error_get_private (const GError *error)
{
  const gsize alignment = 2 * sizeof (gsize);
  const gsize size = (sizeof (ParseErrorPrivate) + (alignment - 1)) & -alignment;

  return (ParseErrorPrivate *) (((guint8 *) error) - size);
}

static void
parse_error_init (GError *error)
{
  /* GLib zeroes the private data. */
}

static void
parse_error_copy (const GError *src,
                  GError       *dest)
{
  const ParseErrorPrivate *from = parse_error_get_private (src);
  ParseErrorPrivate *to = parse_error_get_private (dest);

  to->pointer = g_strdup (from->pointer);
  to->sheet = g_strdup (from->sheet);
  to->cell = g_strdup (from->cell);
  to->column = g_strdup (from->column);
}

static void
parse_error_clear (GError *error)
{
  ParseErrorPrivate *priv = parse_error_get_private (error);

  g_clear_pointer (&priv->pointer, g_free);
  g_clear_pointer (&priv->sheet, g_free);
  g_clear_pointer (&priv->cell, g_free);
  g_clear_pointer (&priv->column, g_free);
}

/**
 * community_parse_error_quark:
 *
 * The error domain of [error@Community.ParseError].
 *
 * Returns: the quark of %COMMUNITY_PARSE_ERROR
 */
GQuark
community_parse_error_quark (void)
{
  static GQuark quark;
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      quark = g_error_domain_register_static ("community-parse-error-quark",
                                              sizeof (ParseErrorPrivate), parse_error_init,
                                              parse_error_copy, parse_error_clear);
      g_once_init_leave (&initialized, 1);
    }
  return quark;
}

/* The private data of @error, or NULL when it is not a parse error. */
static ParseErrorPrivate *
parse_error_private (const GError *error)
{
  g_return_val_if_fail (error != NULL, NULL);

  return error->domain == COMMUNITY_PARSE_ERROR ? parse_error_get_private (error) : NULL;
}

static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = g_strdup (value);

  g_free (*field);
  *field = copy;
}

void
community_parse_error_set_pointer (GError     *error,
                                   const char *pointer)
{
  ParseErrorPrivate *priv = parse_error_private (error);

  if (priv != NULL)
    replace_string (&priv->pointer, pointer);
}

void
community_parse_error_set_cell (GError     *error,
                                const char *sheet,
                                const char *cell,
                                const char *column)
{
  ParseErrorPrivate *priv = parse_error_private (error);

  if (priv == NULL)
    return;
  replace_string (&priv->sheet, sheet);
  replace_string (&priv->cell, cell);
  replace_string (&priv->column, column);
}

/**
 * community_parse_error_get_pointer:
 * @error: an error
 *
 * Where in the dataset document a [error@Community.ParseError] is: the
 * JSON Pointer (RFC 6901) its message starts with, `""` for the document
 * itself (a syntax error, whose message says `(root)` and gives a line
 * and column). For a workbook or CSV, the pointer the cell's value would
 * have in the JSON of the same data.
 *
 * Bindings see the error's message only (PyGObject and GJS make their own
 * error objects): the Python override of this function reads the same parts
 * from the error's message.
 *
 * Returns: (nullable): the pointer, or %NULL when @error is not a parse
 *   error or names no place in the document (a file that cannot be read,
 *   a workbook's broken package)
 */
const char *
community_parse_error_get_pointer (const GError *error)
{
  ParseErrorPrivate *priv = parse_error_private (error);

  return priv != NULL ? priv->pointer : NULL;
}

/**
 * community_parse_error_get_sheet:
 * @error: an error
 *
 * The sheet a [error@Community.ParseError] of a workbook or a CSV file
 * is on (DOMAIN.md §9), e.g. `社区` or `communities`.
 *
 * Returns: (nullable): the sheet's name, or %NULL for an error of a JSON
 *   document or one that is on no sheet
 */
const char *
community_parse_error_get_sheet (const GError *error)
{
  ParseErrorPrivate *priv = parse_error_private (error);

  return priv != NULL ? priv->sheet : NULL;
}

/**
 * community_parse_error_get_cell:
 * @error: an error
 *
 * The cell of a [error@Community.ParseError] of a workbook or a CSV file,
 * as a spreadsheet names it: `F12`, or the row `12:12` when the error is
 * about a row and no one cell of it.
 *
 * Returns: (nullable): the cell, or %NULL when the error is about no cell
 *   (a whole sheet, a JSON document)
 */
const char *
community_parse_error_get_cell (const GError *error)
{
  ParseErrorPrivate *priv = parse_error_private (error);

  return priv != NULL ? priv->cell : NULL;
}

/**
 * community_parse_error_get_column:
 * @error: an error
 *
 * The column of a [error@Community.ParseError] of a workbook or a CSV
 * file, by the member path its header names (`households`,
 * `committee/members`), whichever form of header the sheet has.
 *
 * Returns: (nullable): the column's member path, or %NULL when the error is
 *   about no known column
 */
const char *
community_parse_error_get_column (const GError *error)
{
  ParseErrorPrivate *priv = parse_error_private (error);

  return priv != NULL ? priv->column : NULL;
}

/**
 * community_dataset_error_quark:
 *
 * The error domain of [error@Community.DatasetError].
 *
 * Returns: the quark of %COMMUNITY_DATASET_ERROR
 */
COMMUNITY_DEFINE_QUARK (community-dataset-error-quark, community_dataset_error)

/**
 * community_workflow_error_quark:
 *
 * The error domain of [error@Community.WorkflowError].
 *
 * Returns: the quark of %COMMUNITY_WORKFLOW_ERROR
 */
COMMUNITY_DEFINE_QUARK (community-workflow-error-quark, community_workflow_error)

/**
 * community_identifier_error_quark:
 *
 * The error domain of [error@Community.IdentifierError].
 *
 * Returns: the quark of %COMMUNITY_IDENTIFIER_ERROR
 */
COMMUNITY_DEFINE_QUARK (community-identifier-error-quark, community_identifier_error)

/**
 * community_ruleset_error_quark:
 *
 * The error domain of [error@Community.RulesetError].
 *
 * Returns: the quark of %COMMUNITY_RULESET_ERROR
 */
COMMUNITY_DEFINE_QUARK (community-ruleset-error-quark, community_ruleset_error)
