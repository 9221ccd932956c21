/* community-ruleset.c: which rules apply, how seriously, with which numbers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include <gio/gio.h>

#include "community-ruleset.h"
#include "community-error.h"
#include "community-enum-types.h"
#include "json/community-json-private.h"

/**
 * CommunityRuleset:
 *
 * A ruleset says which rules of DOMAIN.md §4 a validation runs, at which
 * severity and with which parameters, and the target of every indicator of
 * §5. The policy's own numbers are the built-in ruleset `wuxi-2018`
 * ([ctor@Community.Ruleset.new_builtin]).
 *
 * A ruleset is data: a JSON document
 * `{"format": "libcommunity-ruleset", "version": 1, "name", "extends",
 * "rules": {ID: {"enabled", "severity", "params": {…}}}, "indicators": {ID:
 * {"target"}}}`. It `extends` another ruleset (a built-in name, or a file
 * path relative to the extending file) and overrides whatever it names,
 * merged as a JSON Merge Patch (RFC 7386). A ruleset that extends nothing
 * is read against `wuxi-2018`, which defines every rule, parameter and
 * indicator the library has. So checking the same data against another
 * city's or a later year's policy is a small file, not a new release:
 *
 * ```json
 * {"format": "libcommunity-ruleset", "version": 1, "name": "wuxi-2021",
 *  "extends": "wuxi-2018",
 *  "rules": {"committee.households": {"params": {"urban_max": 3500}},
 *            "worker.phone": {"enabled": false}},
 *  "indicators": {"grid.coverage": {"target": 0.99}}}
 * ```
 *
 * An unknown rule, indicator or parameter, a value of the wrong type, or a
 * parameter outside 0 … 4294967295 (they are counts, areas, shares, days
 * and yuan), is
 * refused with a [error@Community.RulesetError] naming its JSON Pointer.
 *
 * A ruleset is immutable once constructed, and may be shared across
 * threads: any number of validators, in any threads, may run one ruleset at
 * the same time. The JSON objects its getters return belong to it and must
 * not be changed.
 */

#define RULESET_FORMAT "libcommunity-ruleset"
#define BUILTIN_BASE "wuxi-2018"
#define MAX_DEPTH 8

struct _CommunityRuleset
{
  GObject parent_instance;

  char *name;
  JsonNode *root;         /* the merged document */
  JsonObject *rules;      /* borrowed from root */
  JsonObject *indicators; /* borrowed from root */
};

G_DEFINE_FINAL_TYPE (CommunityRuleset, community_ruleset, G_TYPE_OBJECT)

static const char * const builtin_names[] = { BUILTIN_BASE, NULL };

static void
community_ruleset_finalize (GObject *object)
{
  CommunityRuleset *self = COMMUNITY_RULESET (object);

  g_free (self->name);
  g_clear_pointer (&self->root, json_node_unref);

  G_OBJECT_CLASS (community_ruleset_parent_class)->finalize (object);
}

static void
community_ruleset_class_init (CommunityRulesetClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = community_ruleset_finalize;
}

static void
community_ruleset_init (CommunityRuleset *self)
{
}

static void
set_error (GError              **error,
           CommunityRulesetError code,
           const GString        *pointer,
           const char           *format,
           ...) G_GNUC_PRINTF (4, 5);

static void
set_error (GError              **error,
           CommunityRulesetError code,
           const GString        *pointer,
           const char           *format,
           ...)
{
  va_list args;

  va_start (args, format);
  community_json_set_error_valist (error, COMMUNITY_RULESET_ERROR, code, pointer, format, args);
  va_end (args);
}

/* The string a node holds, or NULL when it holds anything else.
 * (json_object_get_string_member_with_default() would be critical, a
 * programmer error, on the object or array member a ruleset file may have:
 * string_member() is the safe form for a member of an object.) */
static const char *
node_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL ? node_string (node) : NULL;
}

static JsonNode *
parse_document (const char  *data,
                gssize       length,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GString) pointer = g_string_new (NULL);
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;

  /* The dataset's pre-parse guard (deep nesting would overflow the
   * parser's stack); its refusals become syntax errors of the ruleset, with
   * the same pointer-first message. */
  if (!community_json_guard (data, length, &local_error))
    {
      g_set_error_literal (error, COMMUNITY_RULESET_ERROR, COMMUNITY_RULESET_ERROR_SYNTAX,
                           local_error->message);
      return NULL;
    }

  if (length == 0 || !json_parser_load_from_data (parser, data, length, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      set_error (error, COMMUNITY_RULESET_ERROR_SYNTAX, pointer, "expected a JSON document: %s",
                 local_error != NULL ? local_error->message : "the input is empty");
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_error (error, COMMUNITY_RULESET_ERROR_FORMAT, pointer, "expected an object, found %s",
                 community_json_describe_node (root));
      return NULL;
    }

  object = json_node_get_object (root);
  if (g_strcmp0 (string_member (object, "format"), RULESET_FORMAT) != 0)
    {
      g_string_assign (pointer, "/format");
      set_error (error, COMMUNITY_RULESET_ERROR_FORMAT, pointer,
                 "expected the string “" RULESET_FORMAT "”: this is not a ruleset");
      return NULL;
    }
  if (!json_object_has_member (object, "version") ||
      json_node_get_value_type (json_object_get_member (object, "version")) != G_TYPE_INT64 ||
      json_object_get_int_member (object, "version") != 1)
    {
      g_string_assign (pointer, "/version");
      set_error (error, COMMUNITY_RULESET_ERROR_FORMAT, pointer, "expected version 1");
      return NULL;
    }

  return json_node_ref (root);
}

static JsonNode *
builtin_document (const char  *name,
                  GError     **error)
{
  g_autofree char *path = g_strdup_printf ("/org/libcommunity/data/%s.json", name);
  g_autoptr(GBytes) bytes = NULL;
  gsize length;
  const char *data;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL || !g_strv_contains (builtin_names, name))
    {
      g_set_error (error, COMMUNITY_RULESET_ERROR, COMMUNITY_RULESET_ERROR_EXTENDS,
                   "/extends: there is no built-in ruleset called “%s”", name);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &length);
  return parse_document (data, length, error);
}

/* Whether two JSON values are of the same kind for a parameter. */
static gboolean
same_json_type (JsonNode *a,
                JsonNode *b)
{
  GType ta, tb;

  /* A parameter the policy leaves without a number is null in the base
   * ruleset: a ruleset that sets a number turns its rule on. */
  if (JSON_NODE_HOLDS_NULL (a))
    return JSON_NODE_HOLDS_NULL (b) ||
           (JSON_NODE_HOLDS_VALUE (b) && (json_node_get_value_type (b) == G_TYPE_INT64 ||
                                          json_node_get_value_type (b) == G_TYPE_DOUBLE));
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (a))
    return TRUE;

  ta = json_node_get_value_type (a);
  tb = json_node_get_value_type (b);
  if (ta == G_TYPE_DOUBLE)
    ta = G_TYPE_INT64;
  if (tb == G_TYPE_DOUBLE)
    tb = G_TYPE_INT64;
  return ta == tb;
}

/* Rules, indicators and parameters are objects. */
static gboolean
check_object (JsonNode  *node,
              GString   *pointer,
              GError   **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      set_error (error, COMMUNITY_RULESET_ERROR_TYPE, pointer, "expected an object, found %s",
                 community_json_describe_node (node));
      return FALSE;
    }
  return TRUE;
}

/* A clause or description: a string, or null to clear it. */
static gboolean
check_text_member (JsonNode  *member,
                   GString   *pointer,
                   GError   **error)
{
  if (node_string (member) == NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      set_error (error, COMMUNITY_RULESET_ERROR_TYPE, pointer, "expected a string");
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_rule_patch (JsonObject  *base_rule,
                  JsonNode    *patch,
                  GString     *pointer,
                  GError     **error)
{
  g_autoptr(GEnumClass) severities = g_type_class_ref (COMMUNITY_TYPE_SEVERITY);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (!check_object (patch, pointer, error))
    return FALSE;

  json_object_iter_init_ordered (&iter, json_node_get_object (patch));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      gsize mark = community_json_pointer_push_member (pointer, name);

      if (g_str_equal (name, "enabled"))
        {
          if (json_node_get_value_type (member) != G_TYPE_BOOLEAN || !JSON_NODE_HOLDS_VALUE (member))
            {
              set_error (error, COMMUNITY_RULESET_ERROR_TYPE, pointer, "expected true or false, found %s",
                         community_json_describe_node (member));
              return FALSE;
            }
        }
      else if (g_str_equal (name, "severity"))
        {
          const char *s = node_string (member);

          if (s == NULL || g_enum_get_value_by_nick (severities, s) == NULL)
            {
              set_error (error, COMMUNITY_RULESET_ERROR_TYPE, pointer,
                         "expected “error”, “warning” or “info”");
              return FALSE;
            }
        }
      else if (g_str_equal (name, "params"))
        {
          JsonObject *base_params = json_object_get_object_member (base_rule, "params");
          JsonObjectIter params;
          const char *param;
          JsonNode *value;

          if (!check_object (member, pointer, error))
            return FALSE;
          json_object_iter_init_ordered (&params, json_node_get_object (member));
          while (json_object_iter_next_ordered (&params, &param, &value))
            {
              gsize param_mark = community_json_pointer_push_member (pointer, param);
              JsonNode *base_value = base_params != NULL ? json_object_get_member (base_params, param) : NULL;

              if (base_value == NULL)
                {
                  set_error (error, COMMUNITY_RULESET_ERROR_UNKNOWN_MEMBER, pointer,
                             "the rule has no parameter “%s”", param);
                  return FALSE;
                }
              if (!same_json_type (base_value, value))
                {
                  set_error (error, COMMUNITY_RULESET_ERROR_TYPE, pointer, "expected %s, found %s",
                             community_json_describe_node (base_value),
                             community_json_describe_node (value));
                  return FALSE;
                }
              /* Every parameter is a count, an area, a share, a number of
               * days or of yuan: the rules read them as unsigned numbers. */
              if (JSON_NODE_HOLDS_VALUE (value) &&
                  (json_node_get_value_type (value) == G_TYPE_INT64 ||
                   json_node_get_value_type (value) == G_TYPE_DOUBLE) &&
                  !(json_node_get_double (value) >= 0 && json_node_get_double (value) <= G_MAXUINT32))
                {
                  set_error (error, COMMUNITY_RULESET_ERROR_TYPE, pointer,
                             "expected a number from 0 to %u", G_MAXUINT32);
                  return FALSE;
                }
              g_string_truncate (pointer, param_mark);
            }
        }
      else if (g_str_equal (name, "clause") || g_str_equal (name, "description"))
        {
          if (!check_text_member (member, pointer, error))
            return FALSE;
        }
      else
        {
          set_error (error, COMMUNITY_RULESET_ERROR_UNKNOWN_MEMBER, pointer,
                     "a rule has “enabled”, “severity”, “params”, “clause” and “description”, "
                     "not “%s”", name);
          return FALSE;
        }
      g_string_truncate (pointer, mark);
    }

  return TRUE;
}

static gboolean
check_indicator_patch (JsonNode  *patch,
                       GString   *pointer,
                       GError   **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (!check_object (patch, pointer, error))
    return FALSE;

  json_object_iter_init_ordered (&iter, json_node_get_object (patch));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      gsize mark = community_json_pointer_push_member (pointer, name);

      if (g_str_equal (name, "target"))
        {
          double target;

          /* null: no target, a monitoring indicator (DOMAIN.md §5). */
          if (JSON_NODE_HOLDS_NULL (member))
            ;
          else if (!JSON_NODE_HOLDS_VALUE (member) ||
              (json_node_get_value_type (member) != G_TYPE_INT64 &&
               json_node_get_value_type (member) != G_TYPE_DOUBLE) ||
              (target = json_node_get_double (member)) < 0 || target > 1)
            {
              set_error (error, COMMUNITY_RULESET_ERROR_TYPE, pointer,
                         "expected a number between 0 and 1, or null");
              return FALSE;
            }
        }
      else if (g_str_equal (name, "clause") || g_str_equal (name, "description"))
        {
          if (!check_text_member (member, pointer, error))
            return FALSE;
        }
      else
        {
          set_error (error, COMMUNITY_RULESET_ERROR_UNKNOWN_MEMBER, pointer,
                     "an indicator has “target”, “clause” and “description”, not “%s”", name);
          return FALSE;
        }
      g_string_truncate (pointer, mark);
    }

  return TRUE;
}

/* Checks that @patch only overrides what @base has, with values of the
 * right type. */
static gboolean
check_patch (JsonObject  *base,
             JsonObject  *patch,
             GError     **error)
{
  static const char * const top[] = {
    "format", "version", "name", "title", "description", "extends", "rules", "indicators", NULL
  };
  g_autoptr(GString) pointer = g_string_new (NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, patch);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      gsize mark = community_json_pointer_push_member (pointer, name);
      gboolean is_rules = g_str_equal (name, "rules");

      if (!g_strv_contains (top, name))
        {
          set_error (error, COMMUNITY_RULESET_ERROR_UNKNOWN_MEMBER, pointer,
                     "a ruleset has no member “%s”", name);
          return FALSE;
        }

      if (is_rules || g_str_equal (name, "indicators"))
        {
          JsonObject *known = json_object_get_object_member (base, name);
          JsonObjectIter entries;
          const char *id;
          JsonNode *entry;

          if (!check_object (member, pointer, error))
            return FALSE;

          json_object_iter_init_ordered (&entries, json_node_get_object (member));
          while (json_object_iter_next_ordered (&entries, &id, &entry))
            {
              gsize entry_mark = community_json_pointer_push_member (pointer, id);

              if (known == NULL || !json_object_has_member (known, id))
                {
                  set_error (error,
                             is_rules ? COMMUNITY_RULESET_ERROR_UNKNOWN_RULE
                                      : COMMUNITY_RULESET_ERROR_UNKNOWN_INDICATOR,
                             pointer, "the library has no %s called “%s”",
                             is_rules ? "rule" : "indicator", id);
                  return FALSE;
                }
              if (is_rules ? !check_rule_patch (json_object_get_object_member (known, id), entry, pointer, error)
                           : !check_indicator_patch (entry, pointer, error))
                return FALSE;
              g_string_truncate (pointer, entry_mark);
            }
        }
      else if (!g_str_equal (name, "version") && node_string (member) == NULL)
        {
          set_error (error, COMMUNITY_RULESET_ERROR_TYPE, pointer, "expected a string");
          return FALSE;
        }
      g_string_truncate (pointer, mark);
    }

  return TRUE;
}

/* RFC 7386 JSON Merge Patch: returns @target with @patch applied. */
static JsonNode *
merge_patch (JsonNode *target,
             JsonNode *patch)
{
  JsonObject *result;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (patch))
    return json_node_copy (patch);

  /* Rebuild rather than copy: nodes from an immutable parser are sealed. */
  result = json_object_new ();
  if (target != NULL && JSON_NODE_HOLDS_OBJECT (target))
    {
      json_object_iter_init_ordered (&iter, json_node_get_object (target));
      while (json_object_iter_next_ordered (&iter, &name, &member))
        json_object_set_member (result, name, json_node_copy (member));
    }

  json_object_iter_init_ordered (&iter, json_node_get_object (patch));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (JSON_NODE_HOLDS_NULL (member))
        json_object_remove_member (result, name);
      else
        json_object_set_member (result, name,
                                merge_patch (json_object_get_member (result, name), member));
    }

  return community_json_object_node (result);
}

static JsonNode *resolve_document (JsonNode    *document,
                                   const char  *base_dir,
                                   guint        depth,
                                   GError     **error);

static JsonNode *
load_base (const char  *extends,
           const char  *base_dir,
           guint        depth,
           GError     **error)
{
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(JsonNode) document = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (depth >= MAX_DEPTH)
    {
      g_set_error (error, COMMUNITY_RULESET_ERROR, COMMUNITY_RULESET_ERROR_EXTENDS,
                   "/extends: rulesets extend each other more than %d deep, or in a cycle", MAX_DEPTH);
      return NULL;
    }

  if (g_strv_contains (builtin_names, extends))
    document = builtin_document (extends, error);
  else
    {
      path = g_path_is_absolute (extends) ? g_strdup (extends)
                                          : g_build_filename (base_dir, extends, NULL);
      if (!g_file_get_contents (path, &contents, &length, &local_error))
        {
          g_set_error (error, COMMUNITY_RULESET_ERROR, COMMUNITY_RULESET_ERROR_EXTENDS,
                       "/extends: “%s” is neither a built-in ruleset nor a readable file: %s",
                       extends, local_error->message);
          return NULL;
        }
      document = parse_document (contents, length, error);
    }

  if (document == NULL)
    return NULL;

  dir = path != NULL ? g_path_get_dirname (path) : g_strdup (base_dir);
  return resolve_document (document, dir, depth + 1, error);
}

/* Applies @document over what it extends; returns the merged document. */
static JsonNode *
resolve_document (JsonNode    *document,
                  const char  *base_dir,
                  guint        depth,
                  GError     **error)
{
  JsonObject *object = json_node_get_object (document);
  const char *extends = string_member (object, "extends");
  const char *name = string_member (object, "name");
  g_autoptr(JsonNode) base = NULL;
  JsonNode *merged;

  /* The built-in base is the schema: it stands on its own. */
  if (extends == NULL && depth > 0 && g_strcmp0 (name, BUILTIN_BASE) == 0)
    return json_node_ref (document);

  base = load_base (extends != NULL ? extends : BUILTIN_BASE, base_dir, depth, error);
  if (base == NULL)
    return NULL;
  if (!check_patch (json_node_get_object (base), object, error))
    return NULL;

  merged = merge_patch (base, document);
  json_object_remove_member (json_node_get_object (merged), "extends");
  if (name == NULL)
    json_object_set_string_member (json_node_get_object (merged), "name", "custom");
  return merged;
}

static CommunityRuleset *
ruleset_new (JsonNode *merged)
{
  CommunityRuleset *self = g_object_new (COMMUNITY_TYPE_RULESET, NULL);
  JsonObject *object = json_node_get_object (merged);

  self->root = merged;
  self->name = g_strdup (json_object_get_string_member (object, "name"));
  self->rules = json_object_get_object_member (object, "rules");
  self->indicators = json_object_get_object_member (object, "indicators");

  return self;
}

static CommunityRuleset *
new_from_document (JsonNode    *document,
                   const char  *base_dir,
                   guint        depth,
                   GError     **error)
{
  JsonNode *merged = resolve_document (document, base_dir, depth, error);

  return merged != NULL ? ruleset_new (merged) : NULL;
}

/**
 * community_ruleset_list_builtin:
 *
 * Lists the rulesets built into the library.
 *
 * Returns: (transfer full): their names, e.g. `wuxi-2018`
 */
GStrv
community_ruleset_list_builtin (void)
{
  return g_strdupv ((char **) builtin_names);
}

/**
 * community_ruleset_new_builtin:
 * @name: the name of a built-in ruleset, e.g. `wuxi-2018`
 * @error: return location for a [error@Community.RulesetError]
 *
 * Gets a ruleset built into the library.
 *
 * Returns: (transfer full) (nullable): the ruleset, or %NULL if there is none
 *   of that name
 */
CommunityRuleset *
community_ruleset_new_builtin (const char  *name,
                               GError     **error)
{
  g_autoptr(JsonNode) document = NULL;

  g_return_val_if_fail (name != NULL, NULL);

  document = builtin_document (name, error);
  if (document == NULL)
    return NULL;

  return new_from_document (document, ".", 1, error);
}

/**
 * community_ruleset_new_from_data:
 * @data: (array length=length) (element-type guint8): a ruleset document
 * @length: its length in bytes, or -1 if it is nul-terminated
 * @error: return location for a [error@Community.RulesetError]
 *
 * Reads a ruleset from memory. A relative `extends` path is taken from the
 * current directory.
 *
 * Returns: (transfer full) (nullable): the ruleset, or %NULL on error
 */
CommunityRuleset *
community_ruleset_new_from_data (const char  *data,
                                 gssize       length,
                                 GError     **error)
{
  g_autoptr(JsonNode) document = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  document = parse_document (data != NULL ? data : "", length, error);
  if (document == NULL)
    return NULL;

  return new_from_document (document, ".", 0, error);
}

/**
 * community_ruleset_new_from_file:
 * @filename: (type filename): the path of a ruleset document
 * @error: return location for a [error@Community.RulesetError] or a
 *   [error@GLib.FileError]
 *
 * Reads a ruleset from a file. A relative `extends` path is taken from the
 * file's directory.
 *
 * Returns: (transfer full) (nullable): the ruleset, or %NULL on error
 */
CommunityRuleset *
community_ruleset_new_from_file (const char  *filename,
                                 GError     **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(JsonNode) document = NULL;
  gsize length;

  g_return_val_if_fail (filename != NULL, NULL);

  if (!g_file_get_contents (filename, &contents, &length, error))
    return NULL;

  document = parse_document (contents, length, error);
  if (document == NULL)
    return NULL;

  dir = g_path_get_dirname (filename);
  return new_from_document (document, dir, 0, error);
}

/**
 * community_ruleset_get_name:
 * @self: a ruleset
 *
 * Gets the ruleset's name, as a report records it.
 *
 * Returns: the name; `custom` for a ruleset that gives none
 */
const char *
community_ruleset_get_name (CommunityRuleset *self)
{
  g_return_val_if_fail (COMMUNITY_IS_RULESET (self), NULL);
  return self->name;
}

static GStrv
member_names (JsonObject *object)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    g_strv_builder_add (builder, name);

  return g_strv_builder_end (builder);
}

/**
 * community_ruleset_list_rules:
 * @self: a ruleset
 *
 * Lists every rule the ruleset configures, enabled or not, in catalog order.
 *
 * Returns: (transfer full): the rule ids
 */
GStrv
community_ruleset_list_rules (CommunityRuleset *self)
{
  g_return_val_if_fail (COMMUNITY_IS_RULESET (self), NULL);
  return member_names (self->rules);
}

/**
 * community_ruleset_list_indicators:
 * @self: a ruleset
 *
 * Lists every indicator the ruleset sets a target for.
 *
 * Returns: (transfer full): the indicator ids
 */
GStrv
community_ruleset_list_indicators (CommunityRuleset *self)
{
  g_return_val_if_fail (COMMUNITY_IS_RULESET (self), NULL);
  return member_names (self->indicators);
}

static JsonObject *
rule_object (CommunityRuleset *self,
             const char       *rule_id)
{
  JsonNode *node = json_object_get_member (self->rules, rule_id);

  if (node == NULL)
    g_critical ("The ruleset has no rule “%s”", rule_id);
  return node != NULL ? json_node_get_object (node) : NULL;
}

/**
 * community_ruleset_has_rule:
 * @self: a ruleset
 * @rule_id: a rule id
 *
 * Tells whether the ruleset knows a rule.
 *
 * Returns: %TRUE if @rule_id is a rule of the ruleset
 */
gboolean
community_ruleset_has_rule (CommunityRuleset *self,
                            const char       *rule_id)
{
  g_return_val_if_fail (COMMUNITY_IS_RULESET (self), FALSE);
  g_return_val_if_fail (rule_id != NULL, FALSE);
  return json_object_has_member (self->rules, rule_id);
}

/**
 * community_ruleset_get_rule_enabled:
 * @self: a ruleset
 * @rule_id: a rule id
 *
 * Tells whether a validation runs the rule.
 *
 * Returns: %TRUE if the rule is enabled
 */
gboolean
community_ruleset_get_rule_enabled (CommunityRuleset *self,
                                    const char       *rule_id)
{
  JsonObject *rule;

  g_return_val_if_fail (COMMUNITY_IS_RULESET (self), FALSE);
  rule = rule_object (self, rule_id);
  return rule != NULL && json_object_get_boolean_member_with_default (rule, "enabled", TRUE);
}

/**
 * community_ruleset_get_rule_severity:
 * @self: a ruleset
 * @rule_id: a rule id
 *
 * Gets the severity of the rule's findings.
 *
 * Returns: the severity
 */
CommunitySeverity
community_ruleset_get_rule_severity (CommunityRuleset *self,
                                     const char       *rule_id)
{
  g_autoptr(GEnumClass) severities = g_type_class_ref (COMMUNITY_TYPE_SEVERITY);
  JsonObject *rule;
  GEnumValue *value;

  g_return_val_if_fail (COMMUNITY_IS_RULESET (self), COMMUNITY_SEVERITY_ERROR);
  rule = rule_object (self, rule_id);
  if (rule == NULL)
    return COMMUNITY_SEVERITY_ERROR;

  value = g_enum_get_value_by_nick (severities,
                                    json_object_get_string_member_with_default (rule, "severity", "error"));
  return value != NULL ? value->value : COMMUNITY_SEVERITY_ERROR;
}

/**
 * community_ruleset_get_rule_clause:
 * @self: a ruleset
 * @rule_id: a rule id
 *
 * Gets the clause of the policy the rule enforces, e.g. `三(四)`.
 *
 * Returns: (nullable): the clause, or %NULL for a data check the policy does
 *   not state
 */
const char *
community_ruleset_get_rule_clause (CommunityRuleset *self,
                                   const char       *rule_id)
{
  JsonObject *rule;

  g_return_val_if_fail (COMMUNITY_IS_RULESET (self), NULL);
  rule = rule_object (self, rule_id);
  return rule != NULL ? json_object_get_string_member_with_default (rule, "clause", NULL) : NULL;
}

/**
 * community_ruleset_get_rule_description:
 * @self: a ruleset
 * @rule_id: a rule id
 *
 * Gets what the rule checks, in one sentence.
 *
 * Returns: (nullable): the description
 */
const char *
community_ruleset_get_rule_description (CommunityRuleset *self,
                                        const char       *rule_id)
{
  JsonObject *rule;

  g_return_val_if_fail (COMMUNITY_IS_RULESET (self), NULL);
  rule = rule_object (self, rule_id);
  return rule != NULL ? json_object_get_string_member_with_default (rule, "description", NULL) : NULL;
}

/**
 * community_ruleset_get_rule_params:
 * @self: a ruleset
 * @rule_id: a rule id
 *
 * Gets the parameters of a rule, e.g. `{"urban_min": 2000, …}` for
 * `committee.households`.
 *
 * Returns: (transfer none) (nullable): the parameters
 */
JsonObject *
community_ruleset_get_rule_params (CommunityRuleset *self,
                                   const char       *rule_id)
{
  JsonObject *rule;

  g_return_val_if_fail (COMMUNITY_IS_RULESET (self), NULL);
  rule = rule_object (self, rule_id);
  return rule != NULL ? json_object_get_object_member (rule, "params") : NULL;
}

/**
 * community_ruleset_get_rule_param:
 * @self: a ruleset
 * @rule_id: a rule id
 * @param: the name of one of its numeric parameters
 *
 * Gets a numeric parameter of a rule.
 *
 * A parameter the policy states without a number (such as the deadlines of
 * `consultation.feedback-overdue`) is null in the built-in ruleset, and its
 * rule ships disabled; a ruleset that extends it sets the number and turns
 * the rule on.
 *
 * Returns: the value; NaN if the parameter is null (not set); 0 if the
 *   rule has no such parameter
 */
double
community_ruleset_get_rule_param (CommunityRuleset *self,
                                  const char       *rule_id,
                                  const char       *param)
{
  JsonObject *params = community_ruleset_get_rule_params (self, rule_id);

  g_return_val_if_fail (param != NULL, 0);
  if (params == NULL || !json_object_has_member (params, param))
    {
      g_critical ("The rule “%s” has no parameter “%s”", rule_id, param);
      return 0;
    }
  if (JSON_NODE_HOLDS_NULL (json_object_get_member (params, param)))
    return NAN;
  return json_object_get_double_member (params, param);
}

/**
 * community_ruleset_get_indicator_target:
 * @self: a ruleset
 * @indicator_id: an indicator id
 *
 * Gets an indicator's target: a rate meets it when it is at least the target.
 *
 * A monitoring indicator, one the policy asks for without a number
 * (DOMAIN.md §5), has no target: its `target` is null.
 *
 * Returns: the target, between 0 and 1; NaN when the indicator has none
 */
double
community_ruleset_get_indicator_target (CommunityRuleset *self,
                                        const char       *indicator_id)
{
  JsonObject *indicator;

  g_return_val_if_fail (COMMUNITY_IS_RULESET (self), 0);
  g_return_val_if_fail (indicator_id != NULL, 0);

  indicator = json_object_get_object_member (self->indicators, indicator_id);
  g_return_val_if_fail (indicator != NULL, 0);
  if (!json_object_has_member (indicator, "target") ||
      JSON_NODE_HOLDS_NULL (json_object_get_member (indicator, "target")))
    return NAN;
  return json_object_get_double_member (indicator, "target");
}

/**
 * community_ruleset_get_indicator_clause:
 * @self: a ruleset
 * @indicator_id: an indicator id
 *
 * Gets the clause of the policy that sets the indicator's target.
 *
 * Returns: (nullable): the clause
 */
const char *
community_ruleset_get_indicator_clause (CommunityRuleset *self,
                                        const char       *indicator_id)
{
  JsonObject *indicator;

  g_return_val_if_fail (COMMUNITY_IS_RULESET (self), NULL);
  g_return_val_if_fail (indicator_id != NULL, NULL);

  indicator = json_object_get_object_member (self->indicators, indicator_id);
  g_return_val_if_fail (indicator != NULL, NULL);
  return json_object_get_string_member_with_default (indicator, "clause", NULL);
}

/**
 * community_ruleset_to_json:
 * @self: a ruleset
 *
 * Serializes the ruleset with everything it extends merged in: a document
 * that stands on its own.
 *
 * Returns: (transfer full): the ruleset document
 */
JsonNode *
community_ruleset_to_json (CommunityRuleset *self)
{
  g_return_val_if_fail (COMMUNITY_IS_RULESET (self), NULL);
  /* Deep: json_node_copy() would take a reference on the shared document,
   * and json-glib's reference counts are not atomic. */
  return community_json_deep_copy (self->root);
}
