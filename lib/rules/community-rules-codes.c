/* community-rules-codes.c: the rules of DOMAIN.md §4 about codes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "community-entity-private.h"
#include "community-rules-catalog.h"
#include "community-entity-private.h"
#include "community-identifiers.h"
#include "community-enum-types.h"
#include "community-vocabulary-private.h"

/* The segments of a division code, PP CC DD SSS VVV, by CommunityCodeLevel
 * (a message names a level with community_vocabulary_term()). */
static const struct {
  guint offset;
  guint width;
  const char *letters;
} code_segments[] = {
  [COMMUNITY_CODE_LEVEL_PROVINCE] = { 0, 2, "PP" },
  [COMMUNITY_CODE_LEVEL_CITY] = { 2, 2, "CC" },
  [COMMUNITY_CODE_LEVEL_COUNTY] = { 4, 2, "DD" },
  [COMMUNITY_CODE_LEVEL_STREET] = { 6, 3, "SSS" },
  [COMMUNITY_CODE_LEVEL_COMMUNITY] = { 9, 3, "VVV" },
};

/* The level a division's or community's code must have, from what the
 * entity says it is: FALSE when a division does not say. */
static gboolean
implied_code_level (CommunityEntity    *entity,
                    CommunityCodeLevel *level)
{
  int division_level;

  if (COMMUNITY_IS_COMMUNITY (entity))
    {
      *level = COMMUNITY_CODE_LEVEL_COMMUNITY;
      return TRUE;
    }

  if (!community_field_enum (entity, "level", &division_level))
    return FALSE;

  switch (division_level)
    {
    case COMMUNITY_DIVISION_LEVEL_CITY:
      *level = COMMUNITY_CODE_LEVEL_CITY;
      return TRUE;
    case COMMUNITY_DIVISION_LEVEL_DISTRICT:
    case COMMUNITY_DIVISION_LEVEL_COUNTY:
      *level = COMMUNITY_CODE_LEVEL_COUNTY;
      return TRUE;
    case COMMUNITY_DIVISION_LEVEL_STREET:
    case COMMUNITY_DIVISION_LEVEL_TOWN:
      *level = COMMUNITY_CODE_LEVEL_STREET;
      return TRUE;
    default:
      return FALSE;
    }
}

/* What the entity calls itself in a message: the term of its division
 * level (street, 街道; town, 镇; …) or of its kind (community, 社区). */
static const char *
entity_noun (CommunityEntity *entity)
{
  int division_level;

  if (!COMMUNITY_IS_COMMUNITY (entity) && community_field_enum (entity, "level", &division_level))
    return community_vocabulary_term (COMMUNITY_TYPE_DIVISION_LEVEL, division_level);
  return community_vocabulary_term (COMMUNITY_TYPE_ENTITY_KIND, community_entity_get_kind (entity));
}

/* The parent division whose code the entity's code continues: a
 * community's street, a division's parent. NULL when unset or unresolved. */
static CommunityDivision *
code_parent (CommunityDataset *dataset,
             CommunityEntity  *entity)
{
  const char *parent = COMMUNITY_IS_COMMUNITY (entity) ? community_field_string (entity, "street")
                                                       : community_field_string (entity, "parent");

  return parent != NULL ? community_dataset_get_division (dataset, parent) : NULL;
}

/* The form of a code at @level, e.g. "PPCCDDSSS000", with the digits of
 * @parent (nullable) in place of the segments it fixes: "320213SSS000". */
static char *
code_form (CommunityCodeLevel           level,
           const CommunityDivisionCode *parent)
{
  GString *form = g_string_new (NULL);

  for (guint s = COMMUNITY_CODE_LEVEL_PROVINCE; s <= COMMUNITY_CODE_LEVEL_COMMUNITY; s++)
    {
      if (s > level)
        g_string_append_len (form, "000", code_segments[s].width);
      else if (parent != NULL && s <= parent->level && s < level)
        g_string_append_len (form, parent->code + code_segments[s].offset, code_segments[s].width);
      else
        g_string_append (form, code_segments[s].letters);
    }

  return g_string_free (form, FALSE);
}

static void
check_code_format (CommunityRuleContext *ctx,
                   CommunityEntity      *entity)
{
  CommunityDataset *dataset = community_rule_get_dataset (ctx);
  const char *code = community_entity_get_identity (entity);
  const char *noun = entity_noun (entity);
  CommunityDivision *parent_division;
  g_autoptr(CommunityDivisionCode) parsed = NULL;
  g_autoptr(CommunityDivisionCode) parent = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *form = NULL;
  CommunityCodeLevel level;

  if (code == NULL || !implied_code_level (entity, &level))
    {
      community_rule_not_applicable (ctx);
      return;
    }

  /* A parent that does not resolve is ref.unresolved's finding, and one
   * whose own code is malformed is its own code.format finding: either
   * way only the code's own shape is judged. */
  parent_division = code_parent (dataset, entity);
  if (parent_division != NULL)
    parent = community_division_code_parse (community_entity_get_identity (COMMUNITY_ENTITY (parent_division)),
                                             NULL);
  form = code_form (level, parent);

  parsed = community_division_code_parse (code, &error);
  if (parsed == NULL)
    {
      community_rule_fail (ctx, entity, "code",
                           community_json_string (form), community_json_string (code), 0,
                           _("The code of %s %s is not a statistical division code of the form %s: %s"),
                           noun, code, form, error->message);
      return;
    }

  if (parsed->level != level)
    {
      community_rule_fail (ctx, entity, "code",
                           community_json_string (form), community_json_string (code), 0,
                           _("The code of %s %s is a %s-level code: a %s's code has the form %s"),
                           noun, code, community_vocabulary_term (COMMUNITY_TYPE_CODE_LEVEL, parsed->level),
                           noun, form);
      return;
    }

  if (parent != NULL && !community_division_code_is_parent_of (parent, parsed))
    {
      g_autofree char *parent_label = community_rule_division_label (ctx, parent->code);

      community_rule_fail (ctx, entity, "code",
                           community_json_string (form), community_json_string (code), 0,
                           _("The code of %s %s does not continue the code of its parent %s: "
                             "it should have the form %s"),
                           noun, code, parent_label, form);
      return;
    }

  community_rule_pass (ctx);
}

/* code.format: a division's or community's code is 12 digits, carries its
 * parent's prefix (a community's parent is its street, a division's its
 * parent) and has the zero tail its level implies: city PPCC00000000,
 * district/county PPCCDD000000, street/town PPCCDDSSS000, community
 * PPCCDDSSSVVV with VVV ≠ 000 (§1). The parent's code must be the one
 * directly above: a street's parent is a district or county. A parent that
 * is unset or does not resolve leaves only the code's own shape to judge.
 * Expected is the form of the code (with the parent's digits when known),
 * actual the code; the path is the entity's code. */
void
community_rule_code_format (CommunityRuleContext *ctx)
{
  CommunityDataset *dataset = community_rule_get_dataset (ctx);
  const CommunityEntityKind kinds[] = { COMMUNITY_ENTITY_KIND_DIVISION, COMMUNITY_ENTITY_KIND_COMMUNITY };

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GListModel *items = community_dataset_get_items (dataset, kinds[k]);
      guint n_items = g_list_model_get_n_items (items);

      for (guint i = 0; i < n_items; i++)
        {
          CommunityEntity *entity = community_rule_item (items, i);

          check_code_format (ctx, entity);
        }
    }
}

/* The range of a segment as {"min": …, "max": …}. */
static JsonNode *
json_range (guint min,
            guint max)
{
  JsonObject *range = json_object_new ();
  JsonNode *node;

  json_object_set_int_member (range, "min", min);
  json_object_set_int_member (range, "max", max);
  node = json_node_init_object (json_node_alloc (), range);
  json_object_unref (range);

  return node;
}

/* The code of @entity taken apart, when it has the shape its level implies;
 * NULL otherwise (code.format reports it). */
static CommunityDivisionCode *
parse_own_code (CommunityEntity *entity)
{
  const char *code = community_entity_get_identity (entity);
  CommunityDivisionCode *parsed;
  CommunityCodeLevel level;

  if (code == NULL || !implied_code_level (entity, &level))
    return NULL;
  parsed = community_division_code_parse (code, NULL);
  if (parsed != NULL && parsed->level != level)
    g_clear_pointer (&parsed, community_division_code_free);

  return parsed;
}

static void
check_street_segment (CommunityRuleContext *ctx,
                      CommunityDivision    *division)
{
  g_autoptr(CommunityDivisionCode) parsed = parse_own_code (COMMUNITY_ENTITY (division));
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  int level;

  if (parsed == NULL || !community_field_enum (division, "level", &level))
    {
      community_rule_not_applicable (ctx);
      return;
    }
  label = community_rule_division_label (ctx, parsed->code);

  if (!community_division_code_check_ranges (parsed, &error))
    {
      community_rule_fail (ctx, COMMUNITY_ENTITY (division), "code",
                           level == COMMUNITY_DIVISION_LEVEL_STREET ? json_range (1, 99) : json_range (100, 399),
                           community_json_int (parsed->street), 0,
                           _("The street segment %03u of %s %s is outside every range the coding rules "
                             "reserve: 001–099 for streets (街道), 100–199 for towns (镇), 200–399 for "
                             "townships (乡)"),
                           parsed->street, community_vocabulary_term (COMMUNITY_TYPE_DIVISION_LEVEL, level),
                           label);
      return;
    }

  if (level == COMMUNITY_DIVISION_LEVEL_STREET && parsed->street_kind != COMMUNITY_STREET_KIND_SUBDISTRICT)
    {
      community_rule_fail (ctx, COMMUNITY_ENTITY (division), "code",
                           json_range (1, 99), community_json_int (parsed->street), 0,
                           _("Street %s has the street segment %03u, which the coding rules reserve for "
                             "towns or townships; a street's (街道) is 001–099"),
                           label, parsed->street);
      return;
    }

  if (level == COMMUNITY_DIVISION_LEVEL_TOWN && parsed->street_kind != COMMUNITY_STREET_KIND_TOWN &&
      parsed->street_kind != COMMUNITY_STREET_KIND_TOWNSHIP)
    {
      community_rule_fail (ctx, COMMUNITY_ENTITY (division), "code",
                           json_range (100, 399), community_json_int (parsed->street), 0,
                           _("Town %s has the street segment %03u, which the coding rules reserve for "
                             "streets (街道); a town's (镇) is 100–199, a township's (乡) 200–399"),
                           label, parsed->street);
      return;
    }

  community_rule_pass (ctx);
}

static void
check_committee_segment (CommunityRuleContext *ctx,
                         CommunityCommunity   *community)
{
  g_autoptr(CommunityDivisionCode) parsed = parse_own_code (COMMUNITY_ENTITY (community));
  gboolean has_kind;
  int kind;

  if (parsed == NULL)
    {
      community_rule_not_applicable (ctx);
      return;
    }

  has_kind = community_field_enum (community, "kind", &kind);

  if (parsed->committee_kind == COMMUNITY_COMMITTEE_KIND_OTHER)
    {
      community_rule_fail (ctx, COMMUNITY_ENTITY (community), "code",
                           !has_kind ? json_range (1, 599)
                           : kind == COMMUNITY_COMMUNITY_KIND_URBAN ? json_range (1, 199)
                           : json_range (200, 399),
                           community_json_int (parsed->village), 0,
                           _("The community segment %03u of community %s is outside every range the "
                             "coding rules reserve: 001–199 for residents' committees, 200–399 for "
                             "villagers' committees, 400–599 for units of a similar kind"),
                           parsed->village, parsed->code);
      return;
    }

  if (has_kind && kind == COMMUNITY_COMMUNITY_KIND_URBAN &&
      parsed->committee_kind == COMMUNITY_COMMITTEE_KIND_VILLAGERS)
    {
      community_rule_fail (ctx, COMMUNITY_ENTITY (community), "code",
                           json_range (1, 199), community_json_int (parsed->village), 0,
                           _("Urban community %s has the community segment %03u, which the coding rules "
                             "reserve for villagers' committees; a residents' committee's (居委会) is "
                             "001–199 (or 400–599 for a unit of a similar kind)"),
                           parsed->code, parsed->village);
      return;
    }

  if (has_kind && kind == COMMUNITY_COMMUNITY_KIND_RURAL &&
      parsed->committee_kind == COMMUNITY_COMMITTEE_KIND_RESIDENTS)
    {
      community_rule_fail (ctx, COMMUNITY_ENTITY (community), "code",
                           json_range (200, 399), community_json_int (parsed->village), 0,
                           _("Village %s has the community segment %03u, which the coding rules reserve "
                             "for residents' committees; a villagers' committee's (村委会) is 200–399 "
                             "(or 400–599 for a unit of a similar kind)"),
                           parsed->code, parsed->village);
      return;
    }

  community_rule_pass (ctx);
}

/* code.segment-range: the street/town and community/village segments fall
 * in the ranges reserved for their kind (§1) — and, the kind being known,
 * in the range of that kind.
 *
 * Judged: every street or town (its street segment SSS) and every
 * community (its community segment VVV); cities and districts have neither
 * segment and are not judged. A community's street segment is its street's
 * and is judged with the street, so that one bad segment makes one finding.
 * A code code.format refuses (malformed, or not of its level) is not
 * applicable.
 *
 * - A `street` has a 街道 segment, 001–099.
 * - A `town` has a 镇 segment, 100–199, or a 乡 one, 200–399: the
 *   division levels do not tell a town from a township.
 * - A segment outside 001–399 (e.g. the 4xx of development zones) is in no
 *   reserved range (community_division_code_check_ranges()).
 * - An `urban` community has a 居委会 segment, 001–199, a `rural` one a
 *   村委会 segment, 200–399; 400–599 (units of a similar kind, 类似居委会 /
 *   类似村委会) is acceptable for either, and 000 or 600–999 for neither. A
 *   community of unknown kind only needs a reserved range.
 *
 * Expected is the range of the kind, {"min", "max"}, actual the segment as
 * a number; the path is the entity's code. */
void
community_rule_code_segment_range (CommunityRuleContext *ctx)
{
  CommunityIndex *index = community_rule_get_index (ctx);
  GListModel *communities = community_dataset_get_items (index->dataset, COMMUNITY_ENTITY_KIND_COMMUNITY);
  guint n_items = g_list_model_get_n_items (communities);

  for (guint i = 0; i < index->streets->len; i++)
    check_street_segment (ctx, index->streets->pdata[i]);

  for (guint i = 0; i < n_items; i++)
    {
      CommunityCommunity *community = community_rule_item (communities, i);

      check_committee_segment (ctx, community);
    }
}

/* The kinds a reference may name, for a message: "community worker", or
 * "community or division" (社区或区划). */
static char *
describe_kinds (guint ref_kinds)
{
  GString *text = g_string_new (NULL);

  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    {
      if ((ref_kinds & (1u << kind)) == 0)
        continue;
      if (text->len > 0)
        /* TRANSLATORS: between two kinds of entity a reference may name,
         * e.g. "community or division" */
        g_string_append (text, _(" or "));
      g_string_append (text, community_vocabulary_term (COMMUNITY_TYPE_ENTITY_KIND, kind));
    }

  return g_string_free (text, FALSE);
}

/* Expected for a reference: the kind it may name, or an array of them. */
static JsonNode *
json_kinds (GEnumClass *kind_class,
            guint       ref_kinds)
{
  JsonArray *array;
  JsonNode *node;

  if ((ref_kinds & (ref_kinds - 1)) == 0)
    {
      for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
        if (ref_kinds == (1u << kind))
          return community_json_string (g_enum_get_value (kind_class, kind)->value_nick);
      return community_json_null ();
    }

  array = json_array_new ();
  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    if ((ref_kinds & (1u << kind)) != 0)
      json_array_add_string_element (array, g_enum_get_value (kind_class, kind)->value_nick);
  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);

  return node;
}

static gboolean
reference_resolves (CommunityDataset *dataset,
                    guint             ref_kinds,
                    const char       *identity)
{
  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    if ((ref_kinds & (1u << kind)) != 0 && community_dataset_lookup_reference (dataset, kind, identity) != NULL)
      return TRUE;

  return FALSE;
}

/* Judges one referring value: @element is its index in a list, or -1.
 * Neither the message nor `actual` (null) quotes the value: a reference
 * that names nothing may hold whatever someone typed there, such as a
 * worker's name (DOMAIN.md §4), and personal data never leaves in a
 * finding. The path points at the value, in the data its owner holds. */
static void
check_reference (CommunityRuleContext *ctx,
                 GEnumClass           *kind_class,
                 CommunityEntity      *entity,
                 const char           *json_name,
                 guint                 ref_kinds,
                 const char           *identity,
                 int                   element)
{
  g_autofree char *member = NULL;
  g_autofree char *kinds = NULL;
  g_autofree char *name = NULL;
  const char *noun;

  if (reference_resolves (community_rule_get_dataset (ctx), ref_kinds, identity))
    {
      community_rule_pass (ctx);
      return;
    }

  member = element < 0 ? g_strdup (json_name) : g_strdup_printf ("%s/%d", json_name, element);
  kinds = describe_kinds (ref_kinds);
  noun = community_vocabulary_term (COMMUNITY_TYPE_ENTITY_KIND, community_entity_get_kind (entity));
  /* An entity without an id is named by its position, from 1. */
  name = community_entity_get_identity (entity) != NULL
         ? g_strdup (community_entity_get_identity (entity))
         : g_strdup_printf ("#%u", community_entity_get_position (entity) + 1);
  if (element < 0)
    community_rule_fail (ctx, entity, member,
                         json_kinds (kind_class, ref_kinds), community_json_null (), 0,
                         /* TRANSLATORS: the referring field (e.g. grid leader), the
                          * referring entity's kind and id, the kinds it may name */
                         _("The %s of %s %s names no %s in the dataset"),
                         community_vocabulary_field (json_name), noun, name, kinds);
  else
    community_rule_fail (ctx, entity, member,
                         json_kinds (kind_class, ref_kinds), community_json_null (), 0,
                         /* TRANSLATORS: the position in the list, counted from 1, the
                          * referring field (e.g. grid administrators), the referring
                          * entity's kind and id, the kinds it may name */
                         _("Item %d of the %s of %s %s names no %s in the dataset"),
                         element + 1, community_vocabulary_field (json_name), noun, name, kinds);
}

static GEnumClass *
entity_kind_class (void)
{
  static gsize kind_class;

  /* Kept for the life of the process, as the enum's type is. */
  if (g_once_init_enter (&kind_class))
    g_once_init_leave (&kind_class, (gsize) g_type_class_ref (COMMUNITY_TYPE_ENTITY_KIND));
  return (GEnumClass *) kind_class;
}

/* ref.unresolved, for one entity (its scope unit). */
void
community_rule_ref_unresolved_unit (CommunityRuleContext *ctx,
                                    CommunityEntity      *entity)
{
  GEnumClass *kind_class = entity_kind_class ();
  const CommunityFieldTable *table = community_record_get_fields (COMMUNITY_RECORD (entity));

  for (guint id = 1; id <= table->n_fields; id++)
    {
      const GValue *value;

      if ((table->fields[id].flags & COMMUNITY_FIELD_REFERENCE) == 0)
        continue;
      value = community_record_peek (COMMUNITY_RECORD (entity), id);
      if (value == NULL)
        continue;

      if (G_VALUE_HOLDS_STRING (value))
        {
          const char *identity = g_value_get_string (value);

          if (identity != NULL)
            check_reference (ctx, kind_class, entity, table->json_names[id],
                             community_record_ref_kinds (COMMUNITY_RECORD (entity), id), identity, -1);
        }
      else if (G_VALUE_HOLDS (value, G_TYPE_STRV))
        {
          const char * const *identities = g_value_get_boxed (value);

          for (guint e = 0; identities != NULL && identities[e] != NULL; e++)
            check_reference (ctx, kind_class, entity, table->json_names[id],
                             community_record_ref_kinds (COMMUNITY_RECORD (entity), id), identities[e],
                             (int) e);
        }
    }
}

/* ref.unresolved: every reference resolves to an entity of the right type.
 *
 * Every field of every entity that the field tables flag as a reference is
 * judged, each value on its own: a string field once, a list of
 * identities (a grid's administrators, a task's departments) once per
 * element, with the element's index in the path (…/administrators/2).
 * Nested records (a committee, a review) hold no references; an unset
 * reference is not judged. Each value judged passes or fails, so the
 * counts are of references, not of entities. The subject is the referring
 * entity, the path the referring value; expected the kind it may name
 * ("worker", or ["community", "division"] when several), actual the
 * identity that names nothing. */
void
community_rule_ref_unresolved (CommunityRuleContext *ctx)
{
  CommunityDataset *dataset = community_rule_get_dataset (ctx);

  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    {
      GListModel *items = community_dataset_get_items (dataset, kind);
      guint n_items = g_list_model_get_n_items (items);

      for (guint i = 0; i < n_items; i++)
        community_rule_ref_unresolved_unit (ctx, community_rule_item (items, i));
    }
}

typedef struct {
  CommunityRuleContext *ctx;
  CommunityEntity *entity;
  gboolean failed;
} MissingWalk;

static gboolean
report_missing (CommunityRecord *record,
                guint            prop_id,
                const GString   *pointer,
                gpointer         user_data)
{
  MissingWalk *walk = user_data;
  const char *json_name = community_record_get_fields (record)->json_names[prop_id];
  GEnumClass *kind_class = entity_kind_class ();
  const char *noun = g_enum_get_value (kind_class, community_entity_get_kind (walk->entity))->value_nick;
  const char *identity = community_rule_identity (walk->entity);
  g_autofree char *position = NULL;

  /* An entity whose identity is optional, or missing, is named by its
   * position in its list. */
  if (identity == NULL)
    identity = position = g_strdup_printf ("#%u", community_entity_get_position (walk->entity));

  /* @pointer is below the entity: "/name", "/committee/members". */
  community_rule_fail (walk->ctx, walk->entity, pointer->str + 1,
                       community_json_string (json_name), community_json_null (), 0,
                       _("The required member “%s” of %s %s is not set: the saved dataset would not load"),
                       pointer->str + 1, noun, identity);
  walk->failed = TRUE;
  return TRUE;
}

/* record.required, for one entity (its scope unit). */
void
community_rule_record_required_unit (CommunityRuleContext *ctx,
                                     CommunityEntity      *entity)
{
  g_autoptr(GString) pointer = NULL;
  MissingWalk walk = { ctx, entity, FALSE };

  /* Most entities have every required field and nothing nested. */
  if (community_record_may_miss (COMMUNITY_RECORD (entity)))
    {
      pointer = g_string_new (NULL);
      community_record_foreach_missing (COMMUNITY_RECORD (entity), pointer, report_missing, &walk);
    }
  if (!walk.failed)
    community_rule_pass (ctx);
}

/* record.required: every required member is set (what the loader requires:
 * the field tables' required fields), in every entity and
 * in the records nested in it, so that the dataset saves and loads again
 * (community_dataset_check_complete() stops at the first; this reports
 * them all). An entity with none missing passes; each missing member is a
 * finding of its own, its path the member's (/communities/3/name,
 * /communities/3/committee/members); expected the member's name, actual
 * null. A dataset loaded from a document never fails it: only one built or
 * edited through the API can. */
static void
check_required (CommunityRuleContext *ctx,
                gpointer              entity,
                gpointer              data)
{
  community_rule_record_required_unit (ctx, entity);
}

void
community_rule_record_required (CommunityRuleContext *ctx)
{
  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    community_rule_for_each (ctx, kind, check_required, NULL);
}
