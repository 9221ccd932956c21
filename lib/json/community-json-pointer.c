/* community-json-pointer.c: JSON Pointers (RFC 6901) and parse errors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-json-private.h"
#include "community-error-private.h"

void
community_json_set_error_valist (GError        **error,
                                 GQuark          domain,
                                 int             code,
                                 const GString  *pointer,
                                 const char     *format,
                                 va_list         args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_set_error (error, domain, code, "%s: %s",
               pointer != NULL && pointer->len > 0 ? pointer->str : "(root)",
               message);
  if (error != NULL)
    community_parse_error_set_pointer (*error, pointer != NULL ? pointer->str : "");
}

void
community_json_set_error (GError            **error,
                          CommunityParseError code,
                          const GString      *pointer,
                          const char         *format,
                          ...)
{
  va_list args;

  va_start (args, format);
  community_json_set_error_valist (error, COMMUNITY_PARSE_ERROR, code, pointer, format, args);
  va_end (args);
}

const char *
community_json_describe_node (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "true or false";
    case G_TYPE_INT64:
      return "an integer";
    case G_TYPE_DOUBLE:
      return "a number";
    default:
      return "a value";
    }
}

/* One step of a source's path (community-json-source.h): "/<@name>" for
 * an object's member, "/<@index>" for an array's element. FALSE, with
 * nothing appended, for an object with no member yet (@name NULL): the
 * path ends at the object itself. */
gboolean
community_json_pointer_push_step (GString    *pointer,
                                  gboolean    is_object,
                                  const char *name,
                                  guint       index)
{
  if (!is_object)
    community_json_pointer_push_index (pointer, index);
  else if (name != NULL)
    community_json_pointer_push_member (pointer, name);
  else
    return FALSE;
  return TRUE;
}
