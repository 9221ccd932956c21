/* community-merge.c: merge the reports of a country's shards into one
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: community-merge [--output FILE] [--fail-on error|warning|info|never]
 *                        [NAME=]REPORT.json...
 *
 * A country is checked one shard (a province, or any complete dataset with
 * its own divisions) at a time: `community-check --format json
 * --person-key-file KEYFILE` per shard, then this tool over the shards'
 * reports. It reads the reports one after the other (its memory is one
 * report plus the merged totals and one small entry per keyed person) and
 * writes one libcommunity-report document:
 *
 * - every shard's findings, each with a `shard` member naming its shard;
 * - the rules' counts summed;
 * - the indicators' numerators and denominators summed per division, one
 *   roll-up per shard (`"scope": "shard"`, the shard's top divisions) and a
 *   national one (`"scope": "country"`, division 000000000000), their values
 *   and `met` recomputed against the targets the reports carry;
 * - `worker.duplicate-person` (error, 四(四)) for each full-time staff member
 *   whose keyed ID number was already held in an earlier shard, naming the
 *   shard, the worker and the path, never the number or its hash.
 *
 * Reports of different rulesets (name or targets) or of different person
 * keys are refused: their persons could never match.
 */

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include <community/community.h>

#include "community-tool-common.h"

#define COUNTRY_DIVISION "000000000000"
#define DUPLICATE_PERSON "worker.duplicate-person"

/* The code segments PP CC DD SSS VVV end after these many digits. */
static const guint segment_ends[] = { 2, 4, 6, 9, 12 };

typedef struct {
  char *id;
  gint64 applied, passed, failed, not_applicable;
} RuleTotal;

typedef struct {
  char *id;
  char *title;      /* nullable */
  char *division;   /* nullable: a shard's roll-up */
  const char *scope;  /* NULL, "shard" or "country" */
  const char *shard;  /* the shard of a "shard" roll-up */
  double numerator, denominator;
  double target;    /* NAN: none */
} IndicatorTotal;

typedef struct {
  guint8 key[32];     /* the HMAC, binary */
  guint first_shard;
  guint last_shard;   /* the last shard that holds the key */
  guint count;        /* how many shards hold it */
  const char *first_worker;  /* in Merge.strings */
} Person;

typedef struct {
  char *name;
  gint64 counts[COMMUNITY_SEVERITY_ERROR + 1];
  gint64 persons;
} Shard;

typedef struct {
  FILE *out;
  char *ruleset;
  char *person_key;      /* the key's fingerprint; NULL: no keyed persons */
  GPtrArray *shards;     /* of Shard */
  GPtrArray *rules;      /* of RuleTotal, in order of first appearance */
  GHashTable *rule_index;
  GPtrArray *indicators; /* of IndicatorTotal: divisions, then roll-ups */
  GHashTable *indicator_index;  /* "id\x1fdivision" -> IndicatorTotal */
  GPtrArray *shard_rollups;
  GPtrArray *country;
  GHashTable *country_index;    /* id -> IndicatorTotal */
  GHashTable *persons;   /* key bytes -> Person */
  GStringChunk *strings;
  gint64 counts[COMMUNITY_SEVERITY_ERROR + 1];
  guint n_findings;
  guint n_duplicates;
} Merge;

static void
rule_total_free (gpointer data)
{
  RuleTotal *total = data;

  g_free (total->id);
  g_free (total);
}

static void
indicator_total_free (gpointer data)
{
  IndicatorTotal *total = data;

  g_free (total->id);
  g_free (total->title);
  g_free (total->division);
  g_free (total);
}

static void
shard_free (gpointer data)
{
  Shard *shard = data;

  g_free (shard->name);
  g_free (shard);
}

static guint
person_hash (gconstpointer key)
{
  guint hash;

  memcpy (&hash, key, sizeof hash);  /* an HMAC: its bytes are uniform */
  return hash;
}

static gboolean
person_equal (gconstpointer a,
              gconstpointer b)
{
  return memcmp (a, b, 32) == 0;
}

/* --- reading a report --- */

static gboolean
bad_value (GError    **error,
           const char *pointer,
           const char *expected)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               /* TRANSLATORS: %s is a JSON Pointer, e.g. /rules/3/applied */
               _("%s: expected %s"), pointer[0] != '\0' ? pointer : "/", expected);
  return FALSE;
}

static JsonNode *
member (JsonObject  *object,
        const char  *name,
        JsonNodeType type,
        const char  *parent,
        GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != type)
    {
      g_autofree char *pointer = g_strdup_printf ("%s/%s", parent, name);

      bad_value (error, pointer,
                 type == JSON_NODE_ARRAY ? _("an array") :
                 type == JSON_NODE_OBJECT ? _("an object") : _("a value"));
      return NULL;
    }
  return node;
}

static const char *
string_member (JsonObject  *object,
               const char  *name,
               const char  *parent,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_autofree char *pointer = g_strdup_printf ("%s/%s", parent, name);

      bad_value (error, pointer, _("a string"));
      return NULL;
    }
  return json_node_get_string (node);
}

/* A number member; @nullable: null gives NAN. */
static gboolean
number_member (JsonObject  *object,
               const char  *name,
               const char  *parent,
               gboolean     nullable,
               double      *out,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type = node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;

  if (nullable && node != NULL && JSON_NODE_HOLDS_NULL (node))
    {
      *out = NAN;
      return TRUE;
    }
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      g_autofree char *pointer = g_strdup_printf ("%s/%s", parent, name);

      return bad_value (error, pointer, _("a number"));
    }
  *out = json_node_get_double (node);
  return TRUE;
}

/* Segments of @code down to its last non-zero one: 1 for a province, 2 for
 * a city, …, 0 for a code of zeros (or not a code). */
static guint
division_level (const char *code)
{
  guint level = 0, start = 0;

  if (code == NULL || strlen (code) != 12)
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (segment_ends); i++)
    {
      for (guint j = start; j < segment_ends[i]; j++)
        if (code[j] != '0')
          {
            level = i + 1;
            break;
          }
      start = segment_ends[i];
    }
  return level;
}

/* --- writing --- */

/* json-glib's generator (1.6) leaves U+001F unescaped in strings, which no
 * strict parser reads. */
static void
write_node (FILE     *out,
            JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;

  json_generator_set_root (generator, node);
  data = json_generator_to_data (generator, NULL);
  for (const char *p = data; *p != '\0'; p++)
    {
      if ((guchar) *p < 0x20)
        fprintf (out, "\\u%04x", (guchar) *p);
      else
        fputc (*p, out);
    }
}

static JsonNode *
number_node (double value)
{
  if (value == floor (value) && fabs (value) < 9e15)
    return json_node_init_int (json_node_alloc (), (gint64) value);
  return json_node_init_double (json_node_alloc (), value);
}

static void
write_indicator (FILE           *out,
                 IndicatorTotal *total)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object = json_object_new ();
  gboolean applicable = total->denominator > 0;
  double value = applicable ? total->numerator / total->denominator : 0;

  json_object_set_string_member (object, "id", total->id);
  if (total->title != NULL)
    json_object_set_string_member (object, "title", total->title);
  if (total->scope != NULL)
    json_object_set_string_member (object, "scope", total->scope);
  if (total->shard != NULL)
    json_object_set_string_member (object, "shard", total->shard);
  if (total->division != NULL)
    json_object_set_string_member (object, "division", total->division);
  json_object_set_member (object, "numerator", number_node (total->numerator));
  json_object_set_member (object, "denominator", number_node (total->denominator));
  if (applicable)
    json_object_set_double_member (object, "value", round (value * 1e6) / 1e6);
  else
    json_object_set_null_member (object, "value");
  if (isnan (total->target))
    json_object_set_null_member (object, "target");
  else
    json_object_set_member (object, "target", number_node (total->target));
  if (applicable && !isnan (total->target))
    json_object_set_boolean_member (object, "met", value >= total->target);
  else
    json_object_set_null_member (object, "met");

  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  write_node (out, node);
}

/* --- merging one shard --- */

static gboolean
parse_severity (const char        *nick,
                CommunitySeverity *out)
{
  GEnumClass *klass = g_type_class_ref (COMMUNITY_TYPE_SEVERITY);
  GEnumValue *value = g_enum_get_value_by_nick (klass, nick);

  g_type_class_unref (klass);  /* static type: the class stays */
  if (value == NULL)
    return FALSE;
  *out = value->value;
  return TRUE;
}

/* One finding of the shard, written out with its shard named. */
static gboolean
merge_finding (Merge      *merge,
               Shard      *shard,
               JsonNode   *node,
               guint       i,
               GError    **error)
{
  g_autofree char *pointer = g_strdup_printf ("/findings/%u", i);
  CommunitySeverity severity;
  const char *nick;

  nick = string_member (json_node_get_object (node), "severity", pointer, error);
  if (nick == NULL)
    return FALSE;
  if (!parse_severity (nick, &severity))
    {
      g_autofree char *at = g_strdup_printf ("%s/severity", pointer);

      return bad_value (error, at, _("error, warning or info"));
    }
  shard->counts[severity]++;
  merge->counts[severity]++;

  json_object_set_string_member (json_node_get_object (node), "shard", shard->name);
  fputs (merge->n_findings++ > 0 ? ",\n    " : "\n    ", merge->out);
  write_node (merge->out, node);
  return TRUE;
}

static gboolean
merge_rules (Merge      *merge,
             JsonArray  *rules,
             GError    **error)
{
  for (guint i = 0; i < json_array_get_length (rules); i++)
    {
      JsonNode *node = json_array_get_element (rules, i);
      g_autofree char *pointer = g_strdup_printf ("/rules/%u", i);
      double applied, passed, failed, not_applicable;
      JsonObject *object;
      RuleTotal *total;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return bad_value (error, pointer, _("an object"));
      object = json_node_get_object (node);
      if ((id = string_member (object, "id", pointer, error)) == NULL ||
          !number_member (object, "applied", pointer, FALSE, &applied, error) ||
          !number_member (object, "passed", pointer, FALSE, &passed, error) ||
          !number_member (object, "failed", pointer, FALSE, &failed, error) ||
          !number_member (object, "not_applicable", pointer, FALSE, &not_applicable, error))
        return FALSE;

      total = g_hash_table_lookup (merge->rule_index, id);
      if (total == NULL)
        {
          total = g_new0 (RuleTotal, 1);
          total->id = g_strdup (id);
          g_ptr_array_add (merge->rules, total);
          g_hash_table_insert (merge->rule_index, total->id, total);
        }
      total->applied += (gint64) applied;
      total->passed += (gint64) passed;
      total->failed += (gint64) failed;
      total->not_applicable += (gint64) not_applicable;
    }
  return TRUE;
}

static gboolean
same_target (double a,
             double b)
{
  return (isnan (a) && isnan (b)) || a == b;
}

/* Adds one entry into @table (keyed by @key, kept in @list), checking that
 * its target is that of the earlier shards. */
static gboolean
add_indicator (GHashTable *table,
               GPtrArray  *list,
               const char *key,
               const char *id,
               const char *title,
               const char *division,
               double      numerator,
               double      denominator,
               double      target,
               const char *pointer,
               GError    **error)
{
  IndicatorTotal *total = g_hash_table_lookup (table, key);

  if (total == NULL)
    {
      total = g_new0 (IndicatorTotal, 1);
      total->id = g_strdup (id);
      total->title = g_strdup (title);
      total->division = g_strdup (division);
      total->target = target;
      g_ptr_array_add (list, total);
      g_hash_table_insert (table, g_strdup (key), total);
    }
  else if (!same_target (total->target, target))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("%s/target: the indicator %s has another target than in the earlier reports: "
                     "the reports were made with different rulesets"), pointer, id);
      return FALSE;
    }
  total->numerator += numerator;
  total->denominator += denominator;
  return TRUE;
}

static gboolean
merge_indicators (Merge      *merge,
                  Shard      *shard,
                  JsonArray  *indicators,
                  GError    **error)
{
  guint n = json_array_get_length (indicators);
  g_autoptr(GHashTable) top_levels = g_hash_table_new (g_str_hash, g_str_equal);  /* id -> level */
  g_autoptr(GHashTable) rollups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* Each indicator's top divisions in this shard: the fewest segments. */
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (indicators, i);
      g_autofree char *pointer = g_strdup_printf ("/indicators/%u", i);
      JsonObject *object;
      const char *id, *division;
      guint level;
      gpointer old;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return bad_value (error, pointer, _("an object"));
      object = json_node_get_object (node);
      if ((id = string_member (object, "id", pointer, error)) == NULL ||
          (division = string_member (object, "division", pointer, error)) == NULL)
        return FALSE;
      level = division_level (division);
      if (level == 0)
        {
          g_autofree char *at = g_strdup_printf ("%s/division", pointer);

          return bad_value (error, at, _("a 12-digit division code"));
        }
      if (!g_hash_table_lookup_extended (top_levels, id, NULL, &old) || GPOINTER_TO_UINT (old) > level)
        g_hash_table_insert (top_levels, (gpointer) id, GUINT_TO_POINTER (level));
    }

  for (guint i = 0; i < n; i++)
    {
      JsonObject *object = json_array_get_object_element (indicators, i);
      g_autofree char *pointer = g_strdup_printf ("/indicators/%u", i);
      const char *id = json_object_get_string_member (object, "id");
      const char *division = json_object_get_string_member (object, "division");
      const char *title = json_object_get_string_member_with_default (object, "title", NULL);
      g_autofree char *key = g_strconcat (id, "\x1f", division, NULL);
      double numerator, denominator, target;

      if (!number_member (object, "numerator", pointer, FALSE, &numerator, error) ||
          !number_member (object, "denominator", pointer, FALSE, &denominator, error) ||
          !number_member (object, "target", pointer, TRUE, &target, error) ||
          !add_indicator (merge->indicator_index, merge->indicators, key, id, title, division,
                          numerator, denominator, target, pointer, error))
        return FALSE;

      if (division_level (division) != GPOINTER_TO_UINT (g_hash_table_lookup (top_levels, id)))
        continue;
      if (!add_indicator (rollups, merge->shard_rollups, id, id, title, NULL,
                          numerator, denominator, target, pointer, error) ||
          !add_indicator (merge->country_index, merge->country, id, id, title, COUNTRY_DIVISION,
                          numerator, denominator, target, pointer, error))
        return FALSE;
    }

  /* The roll-ups just added are this shard's. */
  for (guint i = 0; i < merge->shard_rollups->len; i++)
    {
      IndicatorTotal *total = g_ptr_array_index (merge->shard_rollups, i);

      if (total->scope == NULL)
        {
          total->scope = "shard";
          total->shard = shard->name;
        }
    }
  for (guint i = 0; i < merge->country->len; i++)
    ((IndicatorTotal *) g_ptr_array_index (merge->country, i))->scope = "country";
  return TRUE;
}

static gboolean
parse_key (const char *hex,
           guint8      key[32])
{
  if (strlen (hex) != 64)
    return FALSE;
  for (guint i = 0; i < 32; i++)
    {
      int high = g_ascii_xdigit_value (hex[2 * i]);
      int low = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (high < 0 || low < 0)
        return FALSE;
      key[i] = (guint8) (high << 4 | low);
    }
  return TRUE;
}

/* Writes a finding for a person already held in an earlier shard. */
static void
write_duplicate (Merge      *merge,
                 Shard      *shard,
                 Person     *person,
                 const char *worker,
                 const char *path)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object = json_object_new ();
  JsonObject *subject = json_object_new ();
  Shard *first = g_ptr_array_index (merge->shards, person->first_shard);
  g_autofree char *message =
    g_strdup_printf (_("Worker %s of shard %s has the ID number of worker %s of shard %s: one person is "
                       "counted %u times as full-time community staff"),
                     worker, shard->name, person->first_worker, first->name, person->count);

  json_object_set_string_member (object, "rule", DUPLICATE_PERSON);
  json_object_set_string_member (object, "severity", "error");
  json_object_set_string_member (object, "clause", "四(四)");
  json_object_set_string_member (subject, "type", "worker");
  json_object_set_string_member (subject, "id", worker);
  json_object_set_object_member (object, "subject", subject);
  json_object_set_string_member (object, "path", path);
  json_object_set_string_member (object, "message", message);
  json_object_set_int_member (object, "expected", 1);
  json_object_set_int_member (object, "actual", person->count);
  json_object_set_string_member (object, "shard", shard->name);

  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  fputs (merge->n_findings++ > 0 ? ",\n    " : "\n    ", merge->out);
  write_node (merge->out, node);
  shard->counts[COMMUNITY_SEVERITY_ERROR]++;
  merge->counts[COMMUNITY_SEVERITY_ERROR]++;
  merge->n_duplicates++;
}

/* One person of shard number @index: a person whose key an earlier shard
 * holds, seen for the first time in this shard, is a finding (a second one
 * in the same shard is the shard's own finding already). */
static gboolean
merge_person (Merge      *merge,
              guint       index,
              JsonNode   *node,
              guint       i,
              GError    **error)
{
  Shard *shard = g_ptr_array_index (merge->shards, index);
  g_autofree char *pointer = g_strdup_printf ("/persons/%u", i);
  g_autofree char *subject_pointer = g_strdup_printf ("%s/subject", pointer);
  JsonObject *object, *subject;
  const char *hex, *worker, *path;
  guint8 key[32];
  Person *person;

  object = json_node_get_object (node);
  if ((hex = string_member (object, "key", pointer, error)) == NULL ||
      (path = string_member (object, "path", pointer, error)) == NULL ||
      member (object, "subject", JSON_NODE_OBJECT, pointer, error) == NULL)
    return FALSE;
  subject = json_object_get_object_member (object, "subject");
  if ((worker = string_member (subject, "id", subject_pointer, error)) == NULL)
    return FALSE;
  if (!parse_key (hex, key))
    {
      g_autofree char *at = g_strdup_printf ("%s/key", pointer);

      return bad_value (error, at, _("64 hex digits"));
    }
  shard->persons++;

  person = g_hash_table_lookup (merge->persons, key);
  if (person == NULL)
    {
      person = g_new (Person, 1);
      memcpy (person->key, key, sizeof key);
      person->first_shard = person->last_shard = index;
      person->count = 1;
      person->first_worker = g_string_chunk_insert_const (merge->strings, worker);
      g_hash_table_add (merge->persons, person);
    }
  else if (person->last_shard != index)
    {
      person->last_shard = index;
      person->count++;
      write_duplicate (merge, shard, person, worker, path);
    }
  return TRUE;
}

static void
write_head (Merge *merge)
{
  g_autoptr(JsonNode) ruleset = json_node_init_string (json_node_alloc (), merge->ruleset);

  fputs ("{\n  \"format\": \"libcommunity-report\",\n  \"version\": 1,\n  \"ruleset\": ", merge->out);
  write_node (merge->out, ruleset);
  fputs (",\n  \"scope\": \"country\",\n  \"findings\": [", merge->out);
}

/* A report being read: json-glib builds a tree, but the findings and the
 * persons (nearly all of a report) are taken out of it as soon as they
 * are parsed, so that the tree holds only the head, rules and indicators. */
typedef struct {
  Merge *merge;
  guint index;
  Shard *shard;
  guint n_findings;
  guint n_persons;
  gboolean ruleset_seen;
  gboolean key_seen;
  GError *error;
} Reading;

static gboolean
check_head (Reading    *reading,
            JsonObject *object,
            GError    **error)
{
  Merge *merge = reading->merge;
  const char *format, *ruleset;
  JsonNode *version;

  if ((format = string_member (object, "format", "", error)) == NULL)
    return FALSE;
  version = json_object_get_member (object, "version");
  if (!g_str_equal (format, "libcommunity-report") || version == NULL ||
      json_node_get_value_type (version) != G_TYPE_INT64 || json_node_get_int (version) != 1)
    return bad_value (error, "", _("a libcommunity-report document of version 1"));

  if ((ruleset = string_member (object, "ruleset", "", error)) == NULL)
    return FALSE;
  if (merge->ruleset == NULL)
    {
      merge->ruleset = g_strdup (ruleset);
      write_head (merge);
    }
  else if (!g_str_equal (merge->ruleset, ruleset))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("/ruleset: made with the ruleset %s, the earlier reports with %s: "
                     "check every shard with the same ruleset"), ruleset, merge->ruleset);
      return FALSE;
    }
  reading->ruleset_seen = TRUE;
  return TRUE;
}

static gboolean
check_key (Reading    *reading,
           const char *person_key,
           GError    **error)
{
  Merge *merge = reading->merge;

  reading->key_seen = TRUE;
  if (reading->index == 0)
    {
      merge->person_key = g_strdup (person_key);
      return TRUE;
    }
  if (g_strcmp0 (merge->person_key, person_key) == 0)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
               person_key == NULL ? _("/person_key: the report has no keyed persons, the earlier ones have: "
                                      "check every shard with the same --person-key-file") :
               merge->person_key == NULL ? _("/person_key: the report has keyed persons, the earlier ones "
                                             "have none: check every shard with the same --person-key-file") :
               _("/person_key: the persons were keyed with another key than in the earlier reports: "
                 "check every shard with the same --person-key-file"));
  return FALSE;
}

/* The top object's members: it is the one with a `format`. */
static void
on_object_member (JsonParser *parser,
                  JsonObject *object,
                  const char *name,
                  gpointer    data)
{
  Reading *reading = data;

  if (reading->error != NULL || !json_object_has_member (object, "format"))
    return;
  if (g_str_equal (name, "ruleset"))
    check_head (reading, object, &reading->error);
  else if (g_str_equal (name, "person_key"))
    {
      const char *key = string_member (object, "person_key", "", &reading->error);

      if (key != NULL)
        check_key (reading, key, &reading->error);
    }
}

/* A finding is an object with `rule`, `severity` and `subject`, a person
 * one with `key`, `subject` and `path`: merged and dropped at once. */
static void
on_array_element (JsonParser *parser,
                  JsonArray  *array,
                  int         index_,
                  gpointer    data)
{
  Reading *reading = data;
  guint last = json_array_get_length (array) - 1;
  JsonNode *node = json_array_get_element (array, last);
  JsonObject *object;

  if (reading->error != NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return;
  object = json_node_get_object (node);
  if (!json_object_has_member (object, "subject"))
    return;

  if (json_object_has_member (object, "rule") && json_object_has_member (object, "severity"))
    {
      if (!reading->ruleset_seen)
        {
          g_set_error (&reading->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("/ruleset: expected before the findings, as community-check writes it"));
          return;
        }
      merge_finding (reading->merge, reading->shard, node, reading->n_findings++, &reading->error);
    }
  else if (json_object_has_member (object, "key") && json_object_has_member (object, "path"))
    {
      if (!reading->key_seen)
        {
          g_set_error (&reading->error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("/person_key: expected before the persons, as community-check writes it"));
          return;
        }
      merge_person (reading->merge, reading->index, node, reading->n_persons++, &reading->error);
    }
  else
    return;
  json_array_remove_element (array, last);
}

static gboolean
merge_report (Merge      *merge,
              guint       index,
              const char *filename,
              GError    **error)
{
  Reading reading = { merge, index, g_ptr_array_index (merge->shards, index), 0, };
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *object;
  JsonNode *rules, *indicators;

  g_signal_connect (parser, "object-member", G_CALLBACK (on_object_member), &reading);
  g_signal_connect (parser, "array-element", G_CALLBACK (on_array_element), &reading);
  if (!json_parser_load_from_mapped_file (parser, filename, error))
    {
      g_clear_error (&reading.error);
      return FALSE;
    }
  if (reading.error != NULL)
    {
      g_propagate_error (error, reading.error);
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return bad_value (error, "", _("a libcommunity-report document"));
  object = json_node_get_object (root);
  if (!reading.ruleset_seen && !check_head (&reading, object, error))
    return FALSE;
  if (json_object_has_member (object, "division") &&
      !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "division")))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("/division: the report is of one division only (--division): merge whole reports"));
      return FALSE;
    }
  if (!reading.key_seen && !check_key (&reading, NULL, error))
    return FALSE;

  if (member (object, "findings", JSON_NODE_ARRAY, "", error) == NULL ||
      (rules = member (object, "rules", JSON_NODE_ARRAY, "", error)) == NULL ||
      (indicators = member (object, "indicators", JSON_NODE_ARRAY, "", error)) == NULL ||
      (merge->person_key != NULL && member (object, "persons", JSON_NODE_ARRAY, "", error) == NULL))
    return FALSE;

  return merge_rules (merge, json_node_get_array (rules), error) &&
         merge_indicators (merge, reading.shard, json_node_get_array (indicators), error);
}

/* --- the merged report's tail --- */

static void
write_tail (Merge *merge)
{
  FILE *out = merge->out;
  RuleTotal *duplicates = g_hash_table_lookup (merge->rule_index, DUPLICATE_PERSON);
  GPtrArray *lists[] = { merge->indicators, merge->shard_rollups, merge->country };
  gboolean first = TRUE;

  /* Each cross-shard duplicate passed in its own shard. */
  if (duplicates != NULL)
    {
      duplicates->passed -= merge->n_duplicates;
      duplicates->failed += merge->n_duplicates;
    }

  fputs (merge->n_findings > 0 ? "\n  ],\n" : "],\n", out);
  fprintf (out, "  \"summary\": {\"errors\": %" G_GINT64_FORMAT ", \"warnings\": %" G_GINT64_FORMAT
           ", \"infos\": %" G_GINT64_FORMAT "},\n",
           merge->counts[COMMUNITY_SEVERITY_ERROR], merge->counts[COMMUNITY_SEVERITY_WARNING],
           merge->counts[COMMUNITY_SEVERITY_INFO]);

  fputs ("  \"rules\": [", out);
  for (guint i = 0; i < merge->rules->len; i++)
    {
      RuleTotal *total = g_ptr_array_index (merge->rules, i);
      g_autoptr(JsonNode) id = json_node_init_string (json_node_alloc (), total->id);

      fputs (i > 0 ? ",\n    {\"id\": " : "\n    {\"id\": ", out);
      write_node (out, id);
      fprintf (out, ", \"applied\": %" G_GINT64_FORMAT ", \"passed\": %" G_GINT64_FORMAT
               ", \"failed\": %" G_GINT64_FORMAT ", \"not_applicable\": %" G_GINT64_FORMAT "}",
               total->applied, total->passed, total->failed, total->not_applicable);
    }
  fputs (merge->rules->len > 0 ? "\n  ],\n" : "],\n", out);

  fputs ("  \"indicators\": [", out);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        fputs (first ? "\n    " : ",\n    ", out);
        first = FALSE;
        write_indicator (out, g_ptr_array_index (lists[l], i));
      }
  fputs (first ? "],\n" : "\n  ],\n", out);

  if (merge->person_key != NULL)
    {
      g_autoptr(JsonNode) key = json_node_init_string (json_node_alloc (), merge->person_key);

      fputs ("  \"person_key\": ", out);
      write_node (out, key);
      fputs (",\n", out);
    }
  fputs ("  \"shards\": [", out);
  for (guint i = 0; i < merge->shards->len; i++)
    {
      Shard *shard = g_ptr_array_index (merge->shards, i);
      g_autoptr(JsonNode) name = json_node_init_string (json_node_alloc (), shard->name);

      fputs (i > 0 ? ",\n    {\"name\": " : "\n    {\"name\": ", out);
      write_node (out, name);
      fprintf (out, ", \"errors\": %" G_GINT64_FORMAT ", \"warnings\": %" G_GINT64_FORMAT
               ", \"infos\": %" G_GINT64_FORMAT ", \"persons\": %" G_GINT64_FORMAT "}",
               shard->counts[COMMUNITY_SEVERITY_ERROR], shard->counts[COMMUNITY_SEVERITY_WARNING],
               shard->counts[COMMUNITY_SEVERITY_INFO], shard->persons);
    }
  fputs ("\n  ]\n}\n", out);
}

/* --- main --- */

/* NAME=REPORT, or REPORT named by its file name without `.json`. */
static char *
shard_name (const char  *arg,
            const char **filename)
{
  const char *equals = strchr (arg, '=');
  g_autofree char *base = NULL;

  if (equals != NULL && equals != arg && memchr (arg, '/', equals - arg) == NULL)
    {
      *filename = equals + 1;
      return g_strndup (arg, equals - arg);
    }
  *filename = arg;
  base = g_path_get_basename (arg);
  if (g_str_has_suffix (base, ".json") && strlen (base) > strlen (".json"))
    base[strlen (base) - strlen (".json")] = '\0';
  return g_steal_pointer (&base);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output_arg = NULL;
  g_autofree char *fail_on_arg = NULL;
  g_autofree char *tmp_name = NULL;
  g_auto(GStrv) arguments = NULL;
  gboolean version = FALSE;
  int fail_on = COMMUNITY_SEVERITY_ERROR;
  const char *prgname;
  gboolean failed = FALSE;
  gint64 failing = 0;
  Merge merge = { NULL, };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_arg,
      N_("Write the merged report to FILE instead of standard output (written whole or not at all)"),
      N_("FILE") },
    { "fail-on", 0, 0, G_OPTION_ARG_STRING, &fail_on_arg,
      N_("Exit with status 1 when a finding is at least this severe (default: error)"),
      N_("error|warning|info|never") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version,
      N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &arguments, NULL, NULL },
    { NULL }
  };

  tool_prefer_malloc (argv);
  context = tool_begin ("community-merge", N_("[NAME=]REPORT…"),
    N_("Merges the JSON reports of a country's shards (one community-check\n"
       "--format json --person-key-file KEYFILE per province) into one report:\n"
       "findings named by shard, rule counts summed, indicators rolled up per\n"
       "shard and for the country, and full-time staff counted in two shards."),
    entries);
  prgname = g_get_prgname ();
  g_option_context_set_description (context,
    _("A shard is named NAME, or by its report's file name without “.json”.\n"
      "Reports of different rulesets or person keys are refused."));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      usage_error (prgname, error->message);
      return EXIT_USAGE;
    }
  if (version)
    {
      printf ("%s %s\n", prgname, PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (arguments == NULL || arguments[0] == NULL)
    {
      usage_error (prgname, _("no report given"));
      return EXIT_USAGE;
    }
  if (fail_on_arg != NULL && !parse_fail_on (fail_on_arg, &fail_on))
    {
      g_autofree char *message =
        g_strdup_printf (_("unknown severity “%s”: use error, warning, info or never"), fail_on_arg);

      usage_error (prgname, message);
      return EXIT_USAGE;
    }

  merge.shards = g_ptr_array_new_with_free_func (shard_free);
  for (guint i = 0; arguments[i] != NULL; i++)
    {
      const char *filename;
      Shard *shard = g_new0 (Shard, 1);

      shard->name = shard_name (arguments[i], &filename);
      for (guint j = 0; j < merge.shards->len; j++)
        if (g_str_equal (((Shard *) g_ptr_array_index (merge.shards, j))->name, shard->name))
          {
            g_autofree char *message =
              g_strdup_printf (_("two shards are named %s: name them NAME=REPORT"), shard->name);

            usage_error (prgname, message);
            shard_free (shard);
            g_ptr_array_unref (merge.shards);
            return EXIT_USAGE;
          }
      g_ptr_array_add (merge.shards, shard);
    }

  if (output_arg != NULL)
    {
      tmp_name = g_strdup_printf ("%s.tmp-%d", output_arg, (int) getpid ());
      merge.out = fopen (tmp_name, "w");
      if (merge.out == NULL)
        {
          fprintf (stderr, "%s: %s\n", output_arg, g_strerror (errno));
          g_ptr_array_unref (merge.shards);
          return EXIT_USAGE;
        }
    }
  else
    merge.out = stdout;

  merge.rules = g_ptr_array_new_with_free_func (rule_total_free);
  merge.rule_index = g_hash_table_new (g_str_hash, g_str_equal);
  merge.indicators = g_ptr_array_new_with_free_func (indicator_total_free);
  merge.indicator_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  merge.shard_rollups = g_ptr_array_new_with_free_func (indicator_total_free);
  merge.country = g_ptr_array_new_with_free_func (indicator_total_free);
  merge.country_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  merge.persons = g_hash_table_new_full (person_hash, person_equal, g_free, NULL);
  merge.strings = g_string_chunk_new (64 * 1024);

  /* The findings stream out report by report, after the head that the
   * first report's ruleset and key complete. */
  for (guint i = 0; i < merge.shards->len && !failed; i++)
    {
      const char *filename;

      g_free (shard_name (arguments[i], &filename));  /* the name is the shard's already */
      if (!merge_report (&merge, i, filename, &error))
        {
          fprintf (stderr, "%s: %s\n", filename, error->message);
          failed = TRUE;
          break;
        }
    }

  if (!failed)
    write_tail (&merge);

  if (merge.out != stdout)
    {
      if (fclose (merge.out) != 0 && !failed)
        {
          fprintf (stderr, "%s: %s\n", output_arg, g_strerror (errno));
          failed = TRUE;
        }
      if (failed)
        g_unlink (tmp_name);
      else if (g_rename (tmp_name, output_arg) != 0)
        {
          fprintf (stderr, "%s: %s\n", output_arg, g_strerror (errno));
          g_unlink (tmp_name);
          failed = TRUE;
        }
    }
  else if (fflush (stdout) != 0)
    failed = TRUE;

  for (int s = MAX (fail_on, 0); fail_on != FAIL_ON_NEVER && s <= COMMUNITY_SEVERITY_ERROR; s++)
    failing += merge.counts[s];

  g_free (merge.ruleset);
  g_free (merge.person_key);
  g_ptr_array_unref (merge.shards);
  g_ptr_array_unref (merge.rules);
  g_hash_table_unref (merge.rule_index);
  g_ptr_array_unref (merge.indicators);
  g_hash_table_unref (merge.indicator_index);
  g_ptr_array_unref (merge.shard_rollups);
  g_ptr_array_unref (merge.country);
  g_hash_table_unref (merge.country_index);
  g_hash_table_unref (merge.persons);
  g_string_chunk_free (merge.strings);

  if (failed)
    return EXIT_USAGE;
  return failing > 0 ? EXIT_FINDINGS : EXIT_OK;
}
