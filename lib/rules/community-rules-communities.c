/* community-rules-communities.c: the rules of DOMAIN.md §4 about communities
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A rule judges only the entities its condition selects: an entity the
 * condition leaves out is not counted at all. An entity the rule selects,
 * or may select, but whose data is unknown is not applicable.
 */

#include <inttypes.h>

#include "config.h"

#include <glib/gi18n-lib.h>

#include "community-rules-catalog.h"
#include "community-funding.h"

/* committee.households: an urban community has urban_min–urban_max
 * households, a rural one rural_min–rural_max (二(三), 一般以…为宜). */
void
community_rule_committee_households (CommunityRuleContext *ctx)
{
  GListModel *communities = community_dataset_get_items (community_rule_get_dataset (ctx),
                                                         COMMUNITY_ENTITY_KIND_COMMUNITY);
  guint n_items = g_list_model_get_n_items (communities);

  for (guint i = 0; i < n_items; i++)
    {
      CommunityCommunity *community = community_rule_item (communities, i);
      int kind;
      guint households, min, max;
      JsonObject *expected;

      if (!community_field_enum (community, "kind", &kind) ||
          !community_field_uint (community, "households", &households))
        {
          community_rule_not_applicable (ctx);
          continue;
        }

      min = (guint) community_rule_param (ctx, kind == COMMUNITY_COMMUNITY_KIND_URBAN ? "urban_min" : "rural_min");
      max = (guint) community_rule_param (ctx, kind == COMMUNITY_COMMUNITY_KIND_URBAN ? "urban_max" : "rural_max");
      if (households >= min && households <= max)
        {
          community_rule_pass (ctx);
          continue;
        }

      expected = json_object_new ();
      json_object_set_int_member (expected, "min", min);
      json_object_set_int_member (expected, "max", max);
      community_rule_fail (ctx, COMMUNITY_ENTITY (community), "households",
                           json_node_init_object (json_node_alloc (), expected),
                           community_json_int (households),
                           households < min ? min - households : 0,
                           kind == COMMUNITY_COMMUNITY_KIND_URBAN
                           ? _("Community %s has %u households; a residents' committee should serve %u to %u")
                           : _("Village %s has %u households; a villagers' committee should serve %u to %u"),
                           community_entity_get_identity (COMMUNITY_ENTITY (community)),
                           households, min, max);
      json_object_unref (expected);
    }
}

/* community.legal-advisor: `has_legal_advisor` is not false (五(二),
 * 一村一社区一法律顾问). Judged: every community; one that does not say is
 * not applicable. The path is …/has_legal_advisor, expected true, actual
 * false. */
void
community_rule_community_legal_advisor (CommunityRuleContext *ctx)
{
  GListModel *communities = community_dataset_get_items (community_rule_get_dataset (ctx),
                                                         COMMUNITY_ENTITY_KIND_COMMUNITY);
  guint n_items = g_list_model_get_n_items (communities);

  for (guint i = 0; i < n_items; i++)
    {
      CommunityCommunity *community = community_rule_item (communities, i);
      gboolean has_legal_advisor;

      if (!community_field_boolean (community, "has_legal_advisor", &has_legal_advisor))
        community_rule_not_applicable (ctx);
      else if (has_legal_advisor)
        community_rule_pass (ctx);
      else
        community_rule_fail (ctx, COMMUNITY_ENTITY (community), "has_legal_advisor",
                             community_json_bool (TRUE), community_json_bool (FALSE), 0,
                             _("Community %s has no legal advisor (一村一社区一法律顾问)"),
                             community_entity_get_identity (COMMUNITY_ENTITY (community)));
    }
}

/* secretary.county-filing: a `party_secretary` of a rural community has
 * `county_filed: true` (二(一), 村党组织书记县级备案管理).
 *
 * Judged: the workers with the party_secretary role attached to a
 * rural community. Other workers, those of an urban community and
 * street-level ones are not judged at all (not counted). A secretary
 * whose community does not resolve or whose kind is unknown, a worker of
 * a village whose roles are unknown and a secretary whose county_filed is
 * unset are not applicable. The path is the worker's …/county_filed,
 * expected true, actual false. */
void
community_rule_secretary_county_filing (CommunityRuleContext *ctx)
{
  CommunityDataset *dataset = community_rule_get_dataset (ctx);
  GListModel *workers = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_WORKER);
  guint n_items = g_list_model_get_n_items (workers);

  for (guint i = 0; i < n_items; i++)
    {
      CommunityWorker *worker = community_rule_item (workers, i);
      const char *code = community_field_string (worker, "community");
      CommunityCommunity *community;
      guint roles;
      int kind;
      gboolean roles_known, filed;

      roles_known = community_field_flags (worker, "roles", &roles);
      if (code == NULL || (roles_known && (roles & COMMUNITY_WORKER_ROLES_PARTY_SECRETARY) == 0))
        continue;

      community = community_dataset_get_community (dataset, code);
      if (community == NULL || !community_field_enum (community, "kind", &kind))
        {
          community_rule_not_applicable (ctx);
          continue;
        }
      if (kind != COMMUNITY_COMMUNITY_KIND_RURAL)
        continue;

      if (!roles_known || !community_field_boolean (worker, "county_filed", &filed))
        community_rule_not_applicable (ctx);
      else if (filed)
        community_rule_pass (ctx);
      else
        community_rule_fail (ctx, COMMUNITY_ENTITY (worker), "county_filed",
                             community_json_bool (TRUE), community_json_bool (FALSE), 0,
                             _("Worker %s, party secretary of village %s, is not filed at county level "
                               "(县级备案)"),
                             community_entity_get_identity (COMMUNITY_ENTITY (worker)), code);
    }
}

/* The distinct years of the funding records (those of @purpose, or all
 * when @purpose is -1), in ascending order. */
static GArray *
funding_years (CommunityDataset *dataset,
               int               purpose)
{
  GListModel *funding = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_FUNDING);
  guint n_items = g_list_model_get_n_items (funding);
  GArray *years = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n_items; i++)
    {
      CommunityFunding *record = community_rule_item (funding, i);
      guint year;
      int record_purpose;
      guint j;

      if (!community_field_uint (record, "year", &year))
        continue;
      if (purpose >= 0 &&
          (!community_field_enum (record, "purpose", &record_purpose) || record_purpose != purpose))
        continue;

      for (j = 0; j < years->len && g_array_index (years, guint, j) < year; j++)
        ;
      if (j == years->len || g_array_index (years, guint, j) != year)
        g_array_insert_val (years, j, year);
    }

  return years;
}

/* "2019/320205106203": the key of a recipient's total in a year. */
static char *
funding_key (guint       year,
             const char *recipient)
{
  return g_strdup_printf ("%u/%s", year, recipient);
}

/* The totals of the funding records of @purpose, by funding_key(): a
 * table of gint64, read with funding_total(). Records without a year,
 * recipient or amount add nothing. */
static GHashTable *
funding_totals (CommunityDataset *dataset,
                int               purpose)
{
  GListModel *funding = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_FUNDING);
  guint n_items = g_list_model_get_n_items (funding);
  GHashTable *totals = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < n_items; i++)
    {
      CommunityFunding *record = community_rule_item (funding, i);
      const char *recipient = community_field_string (record, "recipient");
      guint year;
      int record_purpose;
      gint64 amount, *total;
      char *key;

      if (recipient == NULL || !community_field_uint (record, "year", &year) ||
          !community_field_enum (record, "purpose", &record_purpose) || record_purpose != purpose ||
          !community_field_int64 (record, "amount_yuan", &amount))
        continue;

      key = funding_key (year, recipient);
      total = g_hash_table_lookup (totals, key);
      if (total == NULL)
        {
          total = g_new0 (gint64, 1);
          g_hash_table_insert (totals, key, total);
        }
      else
        g_free (key);
      *total += amount;
    }

  return totals;
}

static gint64
funding_total (GHashTable *totals,
               guint       year,
               const char *recipient)
{
  g_autofree char *key = funding_key (year, recipient);
  gint64 *total = g_hash_table_lookup (totals, key);

  return total != NULL ? *total : 0;
}

/* {"year": @year, "min": @min}: the expected value of a funding floor. */
static JsonNode *
json_year_floor (guint  year,
                 gint64 min)
{
  JsonObject *object = json_object_new ();
  JsonNode *node;

  json_object_set_int_member (object, "year", year);
  json_object_set_int_member (object, "min", min);
  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);

  return node;
}

/* funding.community-floor: for every year that has any
 * `community_operations` record, each community's total of
 * `community_operations` money for that year is at least urban_min
 * (urban) or rural_min (rural) yuan (六(二), 不低于); a community without
 * any record that year has 0.
 *
 * Judged: every (year, community) pair, years in ascending order and
 * communities in dataset order within a year; a community whose kind is
 * unknown is not applicable. The subject is the community and, as a
 * community's money lies in several funding records (or none), the path is
 * the community's own pointer (/communities/N, member NULL), not a
 * funding record's amount. Expected is {"year": Y, "min": M}, so that the
 * findings of one community in two years differ; actual the total;
 * shortfall M − total. */
void
community_rule_funding_community_floor (CommunityRuleContext *ctx)
{
  CommunityDataset *dataset = community_rule_get_dataset (ctx);
  GListModel *communities = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_COMMUNITY);
  guint n_items = g_list_model_get_n_items (communities);
  g_autoptr(GArray) years = funding_years (dataset, COMMUNITY_FUNDING_PURPOSE_COMMUNITY_OPERATIONS);
  g_autoptr(GHashTable) totals = funding_totals (dataset, COMMUNITY_FUNDING_PURPOSE_COMMUNITY_OPERATIONS);

  for (guint y = 0; y < years->len; y++)
    {
      guint year = g_array_index (years, guint, y);

      for (guint i = 0; i < n_items; i++)
        {
          CommunityCommunity *community = community_rule_item (communities, i);
          const char *code = community_entity_get_identity (COMMUNITY_ENTITY (community));
          gint64 min, total;
          int kind;

          if (!community_field_enum (community, "kind", &kind))
            {
              community_rule_not_applicable (ctx);
              continue;
            }

          min = (gint64) community_rule_param (ctx, kind == COMMUNITY_COMMUNITY_KIND_URBAN
                                                    ? "urban_min" : "rural_min");
          total = funding_total (totals, year, code);
          if (total >= min)
            {
              community_rule_pass (ctx);
              continue;
            }

          community_rule_fail (ctx, COMMUNITY_ENTITY (community), NULL,
                               json_year_floor (year, min), community_json_int (total),
                               (double) (min - total),
                               kind == COMMUNITY_COMMUNITY_KIND_URBAN
                               ? _("Community %s received %" PRId64 " yuan of operating funds "
                                   "(社区基本运转经费) in %u; an urban community needs at least %"
                                   PRId64)
                               : _("Village %s received %" PRId64 " yuan of operating funds "
                                   "(社区基本运转经费) in %u; a rural community needs at least %"
                                   PRId64),
                               code, total, year, min);
        }
    }
}

/* funding.city-floor: for every year that has any funding record, the
 * city's `innovation_awards` total is at least min yuan (六(二),
 * 市级财政每年安排不少于1000万元).
 *
 * "The city's total" is the sum of the innovation_awards records whose
 * recipient is the city division itself. Judged: every (year, city
 * division) pair — a dataset normally has one city; when it has none, each
 * year is not applicable once. The subject is the city and the path its
 * own pointer (/divisions/N, member NULL); expected {"year": Y, "min": M},
 * actual the total, shortfall M − total. */
void
community_rule_funding_city_floor (CommunityRuleContext *ctx)
{
  CommunityIndex *index = community_rule_get_index (ctx);
  g_autoptr(GArray) years = funding_years (index->dataset, -1);
  g_autoptr(GHashTable) totals = funding_totals (index->dataset, COMMUNITY_FUNDING_PURPOSE_INNOVATION_AWARDS);
  gint64 min = (gint64) community_rule_param (ctx, "min");

  for (guint y = 0; y < years->len; y++)
    {
      guint year = g_array_index (years, guint, y);

      if (index->cities->len == 0)
        {
          community_rule_not_applicable (ctx);
          continue;
        }

      for (guint c = 0; c < index->cities->len; c++)
        {
          CommunityEntity *city = index->cities->pdata[c];
          const char *code = community_entity_get_identity (city);
          gint64 total = funding_total (totals, year, code);

          if (total >= min)
            community_rule_pass (ctx);
          else
            community_rule_fail (ctx, city, NULL,
                                 json_year_floor (year, min), community_json_int (total),
                                 (double) (min - total),
                                 _("City %s set aside %" PRId64 " yuan for community governance "
                                   "innovation awards (创新项目奖补) in %u; it should be at least %"
                                   PRId64),
                                 code, total, year, min);
        }
    }
}
