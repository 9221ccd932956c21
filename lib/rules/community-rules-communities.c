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

#define PURPOSE_BIT(purpose) (1u << (COMMUNITY_FUNDING_PURPOSE_ ## purpose))

/* The totals of the funding records whose purpose is one of @purposes (a
 * mask of PURPOSE_BIT()s), by funding_key(): a table of gint64, read with
 * funding_total(). Records without a year, recipient or amount add
 * nothing. */
static GHashTable *
funding_totals (CommunityDataset *dataset,
                guint             purposes)
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
          !community_field_enum (record, "purpose", &record_purpose) ||
          record_purpose < 0 || (purposes & (1u << record_purpose)) == 0 ||
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
  g_autoptr(GHashTable) totals = funding_totals (dataset, PURPOSE_BIT (COMMUNITY_OPERATIONS));

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
 * city's `innovation_awards` and `weak_area_subsidy` total is at least min
 * yuan (六(二), 市级财政每年安排不少于1000万元资金,用于城乡社区治理与服务
 * 创新项目的奖补和财力相对薄弱地区补助: the one sum covers both).
 *
 * "The city's total" is the sum of the records of either purpose whose
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
  g_autoptr(GHashTable) totals = funding_totals (index->dataset, PURPOSE_BIT (INNOVATION_AWARDS) | PURPOSE_BIT (WEAK_AREA_SUBSIDY));
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

          g_autofree char *label = NULL;

          if (total >= min)
            {
              community_rule_pass (ctx);
              continue;
            }
          label = community_rule_division_label (ctx, code);
          community_rule_fail (ctx, city, NULL,
                               json_year_floor (year, min), community_json_int (total),
                               (double) (min - total),
                               _("%s set aside %" PRId64 " yuan in %u for community governance "
                                 "innovation awards and subsidies to areas of weak finances "
                                 "(创新项目的奖补和财力相对薄弱地区补助); it should be at least %"
                                 PRId64),
                               label, total, year, min);
        }
    }
}

/* committee.non-registered-voters: the committee's
 * `non_registered_voters_protected` is not false (二(三),
 * 依法保障非户籍居民和外出务工农民民主选举权利). Judged: every community;
 * one without a committee, or whose committee does not say, is not
 * applicable. The path is …/committee/non_registered_voters_protected,
 * expected true, actual false. */
void
community_rule_committee_non_registered_voters (CommunityRuleContext *ctx)
{
  GListModel *communities = community_dataset_get_items (community_rule_get_dataset (ctx),
                                                         COMMUNITY_ENTITY_KIND_COMMUNITY);
  guint n_items = g_list_model_get_n_items (communities);

  for (guint i = 0; i < n_items; i++)
    {
      CommunityCommunity *community = community_rule_item (communities, i);
      gpointer committee = community_field_object (community, "committee");
      gboolean protected;

      if (committee == NULL || !community_field_boolean (committee, "non_registered_voters_protected", &protected))
        community_rule_not_applicable (ctx);
      else if (protected)
        community_rule_pass (ctx);
      else
        community_rule_fail (ctx, COMMUNITY_ENTITY (community), "committee/non_registered_voters_protected",
                             community_json_bool (TRUE), community_json_bool (FALSE), 0,
                             _("The committee of %s does not protect the election rights of residents "
                               "without local household registration and of villagers working away "
                               "(依法保障非户籍居民和外出务工农民民主选举权利)"),
                             community_rule_identity (community));
    }
}

/* The commended subjects of one year and kind, each once. */
typedef struct {
  guint year;
  GHashTable *subjects[3];   /* per CommunityCommendationKind: subject -> itself */
} CommendationYear;

static void
commendation_year_free (gpointer data)
{
  CommendationYear *year = data;

  for (guint k = 0; k < G_N_ELEMENTS (year->subjects); k++)
    g_hash_table_unref (year->subjects[k]);
  g_free (year);
}

/* commendation.annual: for every year that has any commendation record,
 * the city commends `count` distinct subjects of each of the three kinds
 * (六(三), 市级每年通报表扬…10个社区党组织(居委会)、10名社区党组织书记、
 * 10名社区专职工作者). A subject commended twice in a year counts once.
 *
 * Judged: every (year, kind, city division) triple; with no city
 * division, each (year, kind) is not applicable once. The subject is the
 * city and the path its own pointer; expected {"year", "kind", "count"},
 * actual the number of distinct subjects, shortfall their difference. A
 * subject that does not resolve still counts here; ref.unresolved reports
 * it. */
void
community_rule_commendation_annual (CommunityRuleContext *ctx)
{
  static const char * const kind_nicks[] = { "party_organization", "party_secretary", "full_time_worker" };
  CommunityIndex *index = community_rule_get_index (ctx);
  GListModel *commendations = community_dataset_get_items (index->dataset, COMMUNITY_ENTITY_KIND_COMMENDATION);
  guint n_items = g_list_model_get_n_items (commendations);
  guint count = (guint) community_rule_param (ctx, "count");
  g_autoptr(GPtrArray) years = g_ptr_array_new_with_free_func (commendation_year_free);

  G_STATIC_ASSERT (G_N_ELEMENTS (kind_nicks) == COMMUNITY_COMMENDATION_KIND_FULL_TIME_WORKER + 1);

  for (guint i = 0; i < n_items; i++)
    {
      gpointer commendation = community_rule_item (commendations, i);
      const char *subject = community_field_string (commendation, "subject");
      CommendationYear *entry = NULL;
      guint year, y;
      int kind;

      if (!community_field_uint (commendation, "year", &year))
        continue;
      /* Years in order; a year with any record is judged. */
      for (y = 0; y < years->len && ((CommendationYear *) years->pdata[y])->year < year; y++)
        ;
      if (y < years->len && ((CommendationYear *) years->pdata[y])->year == year)
        entry = years->pdata[y];
      else
        {
          entry = g_new0 (CommendationYear, 1);
          entry->year = year;
          for (guint k = 0; k < G_N_ELEMENTS (entry->subjects); k++)
            entry->subjects[k] = g_hash_table_new (g_str_hash, g_str_equal);
          g_ptr_array_insert (years, y, entry);
        }
      if (subject != NULL && community_field_enum (commendation, "kind", &kind) &&
          kind >= 0 && (guint) kind < G_N_ELEMENTS (entry->subjects))
        g_hash_table_add (entry->subjects[kind], (gpointer) subject);
    }

  for (guint y = 0; y < years->len; y++)
    {
      CommendationYear *entry = years->pdata[y];

      for (guint k = 0; k < G_N_ELEMENTS (entry->subjects); k++)
        {
          guint n = g_hash_table_size (entry->subjects[k]);

          if (index->cities->len == 0)
            {
              community_rule_not_applicable (ctx);
              continue;
            }
          for (guint c = 0; c < index->cities->len; c++)
            {
              CommunityEntity *city = index->cities->pdata[c];
              g_autofree char *label = NULL;
              JsonObject *expected;

              if (n >= count)
                {
                  community_rule_pass (ctx);
                  continue;
                }
              label = community_rule_division_label (ctx, community_rule_identity (city));
              expected = json_object_new ();
              json_object_set_int_member (expected, "year", entry->year);
              json_object_set_string_member (expected, "kind", kind_nicks[k]);
              json_object_set_int_member (expected, "count", count);
              community_rule_fail (ctx, city, NULL,
                                   json_node_init_object (json_node_alloc (), expected),
                                   community_json_int (n), (double) (count - n),
                                   k == COMMUNITY_COMMENDATION_KIND_PARTY_ORGANIZATION
                                   ? _("In %u the city, %s, commended %u community party organizations "
                                       "(社区党组织(居委会)); it should commend %u a year")
                                   : k == COMMUNITY_COMMENDATION_KIND_PARTY_SECRETARY
                                   ? _("In %u the city, %s, commended %u community party secretaries "
                                       "(社区党组织书记); it should commend %u a year")
                                   : _("In %u the city, %s, commended %u full-time community workers "
                                       "(社区专职工作者); it should commend %u a year"),
                                   entry->year, label, n, count);
              json_object_unref (expected);
            }
        }
    }
}
