/* community-report-common.c: what the HTML and Excel report writers share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "community-dataset.h"
#include "community-division.h"
#include "community-community.h"
#include "community.h"
#include "community-enum-types.h"
#include "community-vocabulary.h"
#include "community-entity.h"
#include "community-finding-private.h"
#include "community-i18n-private.h"
#include "community-vocabulary-private.h"
#include "json/community-json-private.h"
#include "report/community-report-writer-private.h"

/* --- places --- */

static void
place_free (gpointer data)
{
  ReportPlace *place = data;

  g_free (place->code);
  g_free (place->name);
  g_free (place);
}

ReportPlaces *
community_report_places_new (CommunityDataset *dataset)
{
  ReportPlaces *places = g_new0 (ReportPlaces, 1);

  places->dataset = g_object_ref (dataset);
  places->places = g_ptr_array_new_with_free_func (place_free);
  places->index = g_hash_table_new (g_str_hash, g_str_equal);
  return places;
}

void
community_report_places_free (ReportPlaces *places)
{
  g_hash_table_unref (places->index);
  g_ptr_array_unref (places->places);
  g_object_unref (places->dataset);
  g_free (places);
}

static ReportTier
tier_of_level (CommunityDivisionLevel level)
{
  switch (level)
    {
    case COMMUNITY_DIVISION_LEVEL_CITY:
      return REPORT_TIER_CITY;
    case COMMUNITY_DIVISION_LEVEL_DISTRICT:
    case COMMUNITY_DIVISION_LEVEL_COUNTY:
      return REPORT_TIER_DISTRICT;
    case COMMUNITY_DIVISION_LEVEL_STREET:
    case COMMUNITY_DIVISION_LEVEL_TOWN:
    default:
      return REPORT_TIER_STREET;
    }
}

/* @depth bounds a walk up a hierarchy with a cycle (bad data loads). */
static int
lookup_entity (ReportPlaces    *places,
               CommunityEntity *entity,
               guint            depth)
{
  const char *code = community_entity_get_identity (entity);
  gpointer found = g_hash_table_lookup (places->index, code);
  CommunityEntity *parent;
  ReportPlace *place;
  int index;

  if (found != NULL)
    return GPOINTER_TO_INT (found) - 1;

  place = g_new0 (ReportPlace, 1);
  place->code = g_strdup (code);
  place->parent = -1;
  /* The typed accessors: g_object_get() was a seventh of the HTML page's
   * time on a province. */
  if (COMMUNITY_IS_DIVISION (entity))
    {
      place->name = g_strdup (community_division_get_name (COMMUNITY_DIVISION (entity)));
      place->tier = tier_of_level (community_division_get_level (COMMUNITY_DIVISION (entity)));
    }
  else
    {
      place->name = g_strdup (community_community_get_name (COMMUNITY_COMMUNITY (entity)));
      place->tier = REPORT_TIER_COMMUNITY;
    }
  index = places->places->len;
  g_ptr_array_add (places->places, place);
  g_hash_table_insert (places->index, place->code, GINT_TO_POINTER (index + 1));

  parent = community_dataset_get_parent (places->dataset, entity);
  if (parent != NULL && depth < 8 &&
      (COMMUNITY_IS_DIVISION (parent) || COMMUNITY_IS_COMMUNITY (parent)))
    {
      int parent_index = lookup_entity (places, parent, depth + 1);

      /* A parent at the same tier or below is a cycle or bad data: keep
       * the place a root rather than loop. */
      place = g_ptr_array_index (places->places, index);
      if (parent_index != index &&
          ((ReportPlace *) g_ptr_array_index (places->places, parent_index))->tier < place->tier)
        place->parent = parent_index;
    }
  return index;
}

int
community_report_places_lookup (ReportPlaces *places,
                                const char   *code)
{
  gpointer found = g_hash_table_lookup (places->index, code);
  CommunityEntity *entity;

  if (found != NULL)
    return GPOINTER_TO_INT (found) - 1;
  entity = COMMUNITY_ENTITY (community_dataset_get_community (places->dataset, code));
  if (entity == NULL)
    entity = COMMUNITY_ENTITY (community_dataset_get_division (places->dataset, code));
  return entity != NULL ? lookup_entity (places, entity, 0) : -1;
}

int
community_report_places_of_codes (ReportPlaces        *places,
                                   const char * const  *codes,
                                   const char * const **last,
                                   GArray              *last_places)
{
  int best = -1;
  guint n;

  for (n = 0; codes != NULL && codes[n] != NULL; n++)
    {
      int index;

      if (n < last_places->len && strcmp (codes[n], (*last)[n]) == 0)
        index = g_array_index (last_places, int, n);
      else
        index = community_report_places_lookup (places, codes[n]);
      if (n < last_places->len)
        g_array_index (last_places, int, n) = index;
      else
        g_array_append_val (last_places, index);
      /* The deepest; among equals (a work item's communities) the first. */
      if (index >= 0 &&
          (best < 0 || community_report_place (places, index)->tier >
                       community_report_place (places, best)->tier))
        best = index;
      /* Nothing after a community is deeper: a finding's codes begin
       * with its own community's, and the rest need no look-up. */
      if (best >= 0 && community_report_place (places, best)->tier == REPORT_TIER_COMMUNITY)
        {
          n++;
          break;
        }
    }
  g_array_set_size (last_places, n);
  *last = codes;
  return best;
}

int
community_report_places_at_tier (ReportPlaces *places,
                                 int           index,
                                 ReportTier    tier)
{
  while (index >= 0)
    {
      const ReportPlace *place = community_report_place (places, index);

      if (place->tier == tier)
        return index;
      if (place->tier < tier)
        return -1;
      index = place->parent;
    }
  return -1;
}

/* --- indicators --- */

const char *
community_report_indicator_title (const char *indicator)
{
  const char *title = community_vocabulary_indicator_title (indicator);

  return title != NULL ? title : indicator;
}

/* --- clauses --- */

static JsonObject *
clauses (void)
{
  static gsize once = 0;
  static JsonObject *object = NULL;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GBytes) bytes =
        g_resources_lookup_data ("/org/libcommunity/data/clauses.json", 0, NULL);
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (bytes != NULL &&
          json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), NULL) &&
          (root = json_parser_get_root (parser)) != NULL &&
          JSON_NODE_HOLDS_OBJECT (root) &&
          json_object_has_member (json_node_get_object (root), "clauses"))
        object = json_object_ref (json_object_get_object_member (json_node_get_object (root),
                                                                 "clauses"));
      else
        object = json_object_new ();
      g_once_init_leave (&once, 1);
    }
  return object;
}

static const char *
clause_member (const char *clause,
               const char *member)
{
  JsonObject *all = clauses ();
  JsonNode *node;

  if (clause == NULL || !json_object_has_member (all, clause))
    return NULL;
  node = json_object_get_member (all, clause);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_get_string_member_with_default (json_node_get_object (node), member, NULL);
}

const char *
community_report_clause_title (const char *clause)
{
  return clause_member (clause, "title");
}

const char *
community_report_clause_text (const char *clause)
{
  return clause_member (clause, "text");
}

/* --- words and values --- */

const char *
community_report_severity_label (CommunitySeverity severity)
{
  /* The vocabulary's term, as every message names a severity. */
  return community_vocabulary_get_term (COMMUNITY_TYPE_SEVERITY, severity);
}

const char *
community_report_kind_nick (CommunityEntityKind kind)
{
  GEnumClass *klass = g_type_class_ref (COMMUNITY_TYPE_ENTITY_KIND);
  GEnumValue *value = g_enum_get_value (klass, kind);

  g_type_class_unref (klass);  /* static type: the class stays */
  return value != NULL ? value->value_nick : "?";
}

static void
append_number_text (GString *out,
                    double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (value == floor (value) && fabs (value) < 1e15)
    g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
  else
    g_string_append (out, g_ascii_formatd (buffer, sizeof buffer, "%.6g", value));
}

const char *
community_report_value_view (JsonNode *node,
                             GString  *scratch)
{
  g_string_truncate (scratch, 0);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_STRING:
          return json_node_get_string (node);
        case G_TYPE_INT64:
          g_string_append_printf (scratch, "%" G_GINT64_FORMAT, json_node_get_int (node));
          return scratch->str;
        case G_TYPE_DOUBLE:
          append_number_text (scratch, json_node_get_double (node));
          return scratch->str;
        case G_TYPE_BOOLEAN:
          return json_node_get_boolean (node) ? "true" : "false";
        default:
          break;
        }
    }
  /* The library's JSON writer, compact: json_to_string() went through
   * json-glib's generator, a GObject made and dropped a value. */
  community_json_append_compact (scratch, node);
  return scratch->str;
}

char *
community_report_value_text (JsonNode *node)
{
  g_autoptr(GString) scratch = g_string_new (NULL);
  const char *text = community_report_value_view (node, scratch);

  if (text == NULL)
    return NULL;
  if (text == scratch->str)
    return g_string_free (g_steal_pointer (&scratch), FALSE);
  return g_strdup (text);
}

char *
community_report_percent (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strconcat (g_ascii_formatd (buffer, sizeof buffer, "%.1f", value * 100.0), "%", NULL);
}

char *
community_report_as_of (CommunityDataset *dataset)
{
  const GDate *as_of = community_dataset_get_as_of (dataset);

  if (as_of == NULL || !g_date_valid (as_of))
    return NULL;
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (as_of),
                          g_date_get_month (as_of), g_date_get_day (as_of));
}
