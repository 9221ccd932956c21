/* community-json-node-source.c: a JsonNode tree as tokens
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The token source (community-json-source.h) of load_from_node(): it walks
 * a tree iteratively, members in their order, and refuses what text would
 * have been refused for: nesting deeper than COMMUNITY_JSON_MAX_DEPTH
 * (json_node_copy(), json_node_equal() and the generator recurse once per
 * level), with the same message and JSON Pointer as the tokenizer.
 */

#include "config.h"

#include "community-json-private.h"

typedef struct {
  JsonNode *node;        /* an object or array node */
  guint index;           /* the member or element given last */
  GList *members;        /* an object's names, in order */
  GList *member;         /* the one given last */
} Frame;

typedef struct {
  CommunityJsonSource parent;
  JsonNode *root;
  gboolean started, done;
  gboolean after_member;   /* a name given: its value is next */
  guint depth;
  gboolean pushed;         /* a start given, its frame on the stack */
  Frame frames[COMMUNITY_JSON_MAX_DEPTH];
} NodeSource;

static void
node_source_pointer_n (NodeSource *s,
                       guint       n_frames,
                       GString    *pointer)
{
  for (guint i = 0; i < n_frames; i++)
    {
      Frame *frame = &s->frames[i];
      gboolean is_object = JSON_NODE_HOLDS_OBJECT (frame->node);

      if (!community_json_pointer_push_step (pointer, is_object,
                                             is_object && frame->member != NULL ? frame->member->data : NULL,
                                             frame->index))
        break;
    }
}

static void
node_source_pointer (CommunityJsonSource *source,
                     GString             *pointer)
{
  NodeSource *s = (NodeSource *) source;

  /* A start's own frame is not part of its pointer. */
  node_source_pointer_n (s, s->pushed ? s->depth - 1 : s->depth, pointer);
}

/* The token of a value; a start pushes its frame. */
static gboolean
give_value (NodeSource         *s,
            JsonNode           *node,
            CommunityJsonToken *token,
            GError            **error)
{
  Frame *frame;

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
    case JSON_NODE_ARRAY:
      if (s->depth == COMMUNITY_JSON_MAX_DEPTH)
        {
          g_autoptr(GString) pointer = g_string_new (NULL);

          node_source_pointer_n (s, s->depth, pointer);
          community_json_set_error (error, COMMUNITY_PARSE_ERROR_LIMIT, pointer,
                                    "expected at most %u levels of nested arrays and objects, "
                                    "found more", COMMUNITY_JSON_MAX_DEPTH);
          s->done = TRUE;
          return FALSE;
        }
      frame = &s->frames[s->depth++];
      frame->node = node;
      frame->index = 0;
      frame->member = NULL;
      frame->members = NULL;
      s->pushed = TRUE;
      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObjectIter iter;
          const char *name;
          GQueue names = G_QUEUE_INIT;

          json_object_iter_init_ordered (&iter, json_node_get_object (node));
          while (json_object_iter_next_ordered (&iter, &name, NULL))
            g_queue_push_tail (&names, (gpointer) name);
          frame->members = names.head;
          token->type = COMMUNITY_JSON_TOKEN_OBJECT_START;
        }
      else
        token->type = COMMUNITY_JSON_TOKEN_ARRAY_START;
      s->parent.depth = s->depth;
      return TRUE;

    case JSON_NODE_NULL:
      token->type = COMMUNITY_JSON_TOKEN_NULL;
      return TRUE;

    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      token->type = COMMUNITY_JSON_TOKEN_STRING;
      token->str = json_node_get_string (node);
      token->len = token->str != NULL ? strlen (token->str) : 0;
      if (token->str == NULL)
        token->str = "";
      break;
    case G_TYPE_BOOLEAN:
      token->type = json_node_get_boolean (node) ? COMMUNITY_JSON_TOKEN_TRUE : COMMUNITY_JSON_TOKEN_FALSE;
      break;
    case G_TYPE_INT64:
      token->type = COMMUNITY_JSON_TOKEN_INT;
      token->i = json_node_get_int (node);
      break;
    case G_TYPE_DOUBLE:
    default:
      token->type = COMMUNITY_JSON_TOKEN_DOUBLE;
      token->d = json_node_get_double (node);
      break;
    }
  return TRUE;
}

static gboolean
node_source_next (CommunityJsonSource *source,
                  CommunityJsonToken  *token,
                  GError             **error)
{
  NodeSource *s = (NodeSource *) source;
  Frame *frame;

  s->pushed = FALSE;
  s->parent.claim_names = FALSE;   /* a tree has no name twice */
  if (!s->started)
    {
      s->started = TRUE;
      if (s->root == NULL)
        {
          s->done = TRUE;
          community_json_set_error (error, COMMUNITY_PARSE_ERROR_SYNTAX, NULL,
                                    "expected a JSON document: the input is empty");
          return FALSE;
        }
      return give_value (s, s->root, token, error);
    }
  if (s->done || s->depth == 0)
    {
      s->done = TRUE;
      token->type = COMMUNITY_JSON_TOKEN_END;
      return TRUE;
    }

  frame = &s->frames[s->depth - 1];
  if (JSON_NODE_HOLDS_OBJECT (frame->node))
    {
      JsonObject *object = json_node_get_object (frame->node);

      if (s->after_member)
        {
          s->after_member = FALSE;
          return give_value (s, json_object_get_member (object, frame->member->data), token, error);
        }
      frame->member = frame->member == NULL ? frame->members : frame->member->next;
      if (frame->member != NULL)
        {
          s->after_member = TRUE;
          token->type = COMMUNITY_JSON_TOKEN_MEMBER;
          token->str = frame->member->data;
          token->len = strlen (token->str);
          return TRUE;
        }
      g_list_free (frame->members);
      token->type = COMMUNITY_JSON_TOKEN_OBJECT_END;
    }
  else
    {
      JsonArray *array = json_node_get_array (frame->node);

      if (frame->member == NULL && frame->index == 0 && json_array_get_length (array) > 0)
        {
          /* The first element: mark it given with a non-NULL member. */
          frame->member = (GList *) array;
          return give_value (s, json_array_get_element (array, 0), token, error);
        }
      if (frame->member != NULL && frame->index + 1 < json_array_get_length (array))
        {
          frame->index++;
          return give_value (s, json_array_get_element (array, frame->index), token, error);
        }
      token->type = COMMUNITY_JSON_TOKEN_ARRAY_END;
      frame->member = NULL;
    }

  frame->members = NULL;
  s->depth--;
  s->parent.depth = s->depth;
  return TRUE;
}

static void
node_source_free (CommunityJsonSource *source)
{
  NodeSource *s = (NodeSource *) source;

  for (guint i = 0; i < s->depth; i++)
    if (JSON_NODE_HOLDS_OBJECT (s->frames[i].node))
      g_list_free (s->frames[i].members);
  g_free (s);
}

static const CommunityJsonSourceClass node_source_class = {
  node_source_next,
  node_source_pointer,
  node_source_free,
};

CommunityJsonSource *
community_json_node_source_new (JsonNode *root)
{
  NodeSource *s = g_new0 (NodeSource, 1);

  s->parent.klass = &node_source_class;
  s->root = root;
  return (CommunityJsonSource *) s;
}
