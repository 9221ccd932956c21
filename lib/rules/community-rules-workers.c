/* community-rules-workers.c: the rules of DOMAIN.md §4 about workers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A rule judges only the entities its condition selects (e.g. the
 * full-time community staff): a worker the condition leaves out is not
 * counted at all. A worker the rule selects, or may select, but whose data
 * is unknown is not applicable. No message quotes a worker's name, ID
 * number or phone: workers are named by their id.
 */

#include <inttypes.h>

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "community-rules-catalog.h"
#include "community-identifiers.h"
#include "community-error.h"
#include "community-enum-types.h"
#include "community-wage-baseline.h"

/* See community-rule-private.h. */
CommunityStaff
community_rule_full_time_staff (gpointer worker)
{
  const guint not_staff = COMMUNITY_WORKER_ROLES_LEGAL_ADVISOR | COMMUNITY_WORKER_ROLES_FIRST_SECRETARY;
  guint roles;
  int employment;
  gboolean roles_known, employment_known;

  if (community_field_string (worker, "community") == NULL)
    return COMMUNITY_STAFF_NO;

  roles_known = community_field_flags (worker, "roles", &roles);
  employment_known = community_field_enum (worker, "employment", &employment);
  if ((roles_known && (roles & ~not_staff) == 0) ||
      (employment_known && employment != COMMUNITY_EMPLOYMENT_FULL_TIME))
    return COMMUNITY_STAFF_NO;
  if (!roles_known || !employment_known)
    return COMMUNITY_STAFF_UNKNOWN;

  return COMMUNITY_STAFF_YES;
}

/* workers.per-households: an urban community has at least
 * ceil(households / households_per_worker) full-time community staff
 * (四(四), 每300户配备1名专职社区工作者).
 *
 * Judged: every community; rural ones are not applicable (the policy sets
 * the ratio for urban communities only), as are those whose kind or
 * households are unknown. When the staff of known employment and roles
 * fall short and some workers' are unknown, it is not applicable. The
 * subject is the community and, as its staff are other entities, the path
 * is the community's own pointer (/communities/N, member NULL). Expected
 * the staff needed, actual the full-time staff, shortfall their
 * difference. */
void
community_rule_workers_per_households (CommunityRuleContext *ctx)
{
  CommunityIndex *index = community_rule_get_index (ctx);
  GListModel *communities = community_dataset_get_items (index->dataset, COMMUNITY_ENTITY_KIND_COMMUNITY);
  guint n_items = g_list_model_get_n_items (communities);
  double per_worker = community_rule_param (ctx, "households_per_worker");

  for (guint i = 0; i < n_items; i++)
    {
      CommunityCommunity *community = community_rule_item (communities, i);
      const char *code = community_rule_identity (community);
      const CommunityGroup *workers = community_index_group (index, index->workers_by_community, code);
      guint households, needed, staff = 0;
      gboolean unknown = FALSE;
      int kind;

      if (!community_field_enum (community, "kind", &kind) || kind != COMMUNITY_COMMUNITY_KIND_URBAN ||
          !community_field_uint (community, "households", &households) || per_worker <= 0)
        {
          community_rule_not_applicable (ctx);
          continue;
        }

      for (guint w = 0; w < workers->len; w++)
        switch (community_rule_full_time_staff (workers->pdata[w]))
          {
          case COMMUNITY_STAFF_YES:
            staff++;
            break;
          case COMMUNITY_STAFF_UNKNOWN:
            unknown = TRUE;
            break;
          case COMMUNITY_STAFF_NO:
          default:
            break;
          }

      needed = (guint) ceil (households / per_worker);
      if (staff >= needed)
        community_rule_pass (ctx);
      else if (unknown)
        community_rule_not_applicable (ctx);
      else
        community_rule_fail (ctx, COMMUNITY_ENTITY (community), NULL,
                             community_json_int (needed), community_json_int (staff), needed - staff,
                             _("Community %s has %u full-time staff for %u households; it needs %u, one per "
                               "%g households"),
                             code, staff, households, needed, per_worker);
    }
}

typedef struct {
  CommunityDataset *dataset;
  guint year;             /* of the baselines: the year before as_of */
  GHashTable *baselines;  /* "year/division" -> the first such WageBaseline */
  GHashTable *by_parent;  /* a worker's parent (or NULL) -> find_baseline()'s answer (or NULL) */
  GHashTable *totals;     /* WageBaseline -> PayTotal of the staff under it */
} PayFloor;

static char *
baseline_key (guint       year,
              const char *division)
{
  return g_strdup_printf ("%u/%s", year, division);
}

/* The baseline of @year for the worker's district or county, else for the
 * nearest division above it that has one (the city's, in practice); NULL
 * if none. A worker whose hierarchy reaches no district or county starts
 * from its city. */
static CommunityWageBaseline *
find_baseline (PayFloor        *pay,
               CommunityWorker *worker,
               guint            year)
{
  /* No real hierarchy is deeper than district → city; see
   * community_dataset_get_ancestor(). */
  const guint max_steps = 8;
  CommunityEntity *division;

  division = COMMUNITY_ENTITY (community_dataset_get_ancestor (pay->dataset, COMMUNITY_ENTITY (worker),
                                                               COMMUNITY_DIVISION_LEVEL_DISTRICT));
  if (division == NULL)
    division = COMMUNITY_ENTITY (community_dataset_get_ancestor (pay->dataset, COMMUNITY_ENTITY (worker),
                                                                 COMMUNITY_DIVISION_LEVEL_CITY));

  for (guint step = 0; division != NULL && step < max_steps; step++)
    {
      g_autofree char *key = baseline_key (year, community_rule_identity (division));
      CommunityWageBaseline *baseline = g_hash_table_lookup (pay->baselines, key);

      if (baseline != NULL)
        return baseline;
      division = community_dataset_get_parent (pay->dataset, division);
    }

  return NULL;
}

/* What the workers under one baseline are paid in all. */
typedef struct {
  gint64 sum;
  guint count;
} PayTotal;

static void
add_pay (CommunityRuleContext *ctx,
         gpointer              worker,
         gpointer              data)
{
  PayFloor *pay = data;
  CommunityWageBaseline *baseline;
  CommunityEntity *parent;
  PayTotal *total;
  gint64 annual_pay;

  if (community_rule_full_time_staff (worker) != COMMUNITY_STAFF_YES || !community_field_int64 (worker, "annual_pay_yuan", &annual_pay))
    return;

  /* The walk up from a worker (not a division itself) depends only on
   * its parent, which ~20 workers share: walk once per parent. */
  parent = community_dataset_get_parent (pay->dataset, COMMUNITY_ENTITY (worker));
  if (!g_hash_table_lookup_extended (pay->by_parent, parent, NULL, (gpointer *) &baseline))
    {
      baseline = find_baseline (pay, worker, pay->year);
      g_hash_table_insert (pay->by_parent, parent, baseline);
    }
  if (baseline == NULL)
    return;

  total = g_hash_table_lookup (pay->totals, baseline);
  if (total == NULL)
    {
      total = g_new0 (PayTotal, 1);
      g_hash_table_insert (pay->totals, baseline, total);
    }
  total->sum += annual_pay;
  total->count++;
}

/* worker.pay-floor: 社区工作者年人均报酬原则上不低于上年度当地城镇非私营单位
 * 从业人员平均工资 (四(四)): for each division that has a wage baseline for
 * the year before the dataset's `as_of`, the mean `annual_pay_yuan` of the
 * full-time community staff beneath it whose pay is known is at least that
 * baseline. “当地” is the staff member's district or county, else the
 * nearest ancestor with a baseline that year: each staff member counts
 * once, under the nearest division with a baseline.
 *
 * Judged: every baseline of that year (the first of a division's, when it
 * has several) whose division has staff of known pay beneath it; one with
 * none is not applicable, as is the whole rule once when the dataset has
 * no as_of. The subject is the division and the path its own pointer
 * (/divisions/N); expected the baseline, actual the mean rounded to the
 * yuan, shortfall their difference. Workers of unknown roles, employment
 * or pay are left out of the mean. */
void
community_rule_worker_pay_floor (CommunityRuleContext *ctx)
{
  CommunityDataset *dataset = community_rule_get_dataset (ctx);
  GListModel *baselines = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_WAGE_BASELINE);
  guint n_items = g_list_model_get_n_items (baselines);
  const GDate *as_of = community_dataset_get_as_of (dataset);
  g_autoptr(GHashTable) table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  g_autoptr(GHashTable) by_parent = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) totals = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  PayFloor pay = {
    .dataset = dataset,
    .baselines = table,
    .by_parent = by_parent,
    .totals = totals,
  };

  if (as_of == NULL || !g_date_valid (as_of))
    {
      community_rule_not_applicable (ctx);
      return;
    }
  pay.year = g_date_get_year (as_of) - 1;

  for (guint i = 0; i < n_items; i++)
    {
      CommunityWageBaseline *baseline = community_rule_item (baselines, i);
      const char *division = community_field_string (baseline, "division");
      guint year;
      char *key;

      if (division == NULL || !community_field_uint (baseline, "year", &year) || year != pay.year)
        continue;

      key = baseline_key (year, division);
      if (g_hash_table_contains (table, key))
        g_free (key);
      else
        g_hash_table_insert (table, key, g_object_ref (baseline));
    }

  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_WORKER, add_pay, &pay);

  /* One judgement per baseline that counts, in dataset order. */
  for (guint i = 0; i < n_items; i++)
    {
      CommunityWageBaseline *baseline = community_rule_item (baselines, i);
      const char *code = community_field_string (baseline, "division");
      g_autofree char *key = NULL;
      g_autofree char *label = NULL;
      CommunityEntity *division;
      PayTotal *total;
      gint64 wage, mean;
      guint year;

      if (code == NULL || !community_field_uint (baseline, "year", &year) || year != pay.year)
        continue;
      key = baseline_key (year, code);
      if (g_hash_table_lookup (table, key) != baseline)
        continue;   /* a division's second baseline of the year */

      division = COMMUNITY_ENTITY (community_dataset_get_division (dataset, code));
      total = g_hash_table_lookup (totals, baseline);
      if (division == NULL || total == NULL || total->count == 0 ||
          !community_field_int64 (baseline, "average_annual_wage_yuan", &wage))
        {
          community_rule_not_applicable (ctx);
          continue;
        }

      /* The mean, rounded half away from zero to the yuan. */
      mean = (total->sum + total->count / 2) / total->count;
      if (mean >= wage)
        {
          community_rule_pass (ctx);
          continue;
        }
      label = community_rule_division_label (ctx, code);
      community_rule_fail (ctx, division, NULL,
                           community_json_int (wage), community_json_int (mean),
                           (double) (wage - mean),
                           _("The %u full-time community staff of %s are paid %" PRId64 " yuan a year "
                             "on average (年人均报酬), less than the %u average wage of employed "
                             "persons in urban non-private units there (城镇非私营单位从业人员平均工资), "
                             "%" PRId64 " yuan"),
                           total->count, label, mean, year, wage);
    }
}

typedef struct {
  /* The first full-time staff member of each ID number: a set of workers
   * (GHashTable's one-array mode) hashed and compared by their numbers,
   * 12 bytes a place where a table from the number to a count and a name
   * took 20, with a 16-byte record per worker (17 MB on a province). */
  GHashTable *first;
  /* How many staff members hold the number of the first ones that have
   * followers: few. */
  GHashTable *counts;   /* first holder -> GUINT_TO_POINTER (count) */
} Holders;

/* The check character is X or x: one number either way. Hashed and
 * compared ignoring ASCII case, rather than as upper-cased copies (an
 * allocation per worker). The set's keys are workers whose ID number the
 * rule read. */
static guint
id_number_hash (gconstpointer worker)
{
  guint hash = 5381;

  for (const char *p = community_field_string ((gpointer) worker, "id_number"); *p != '\0'; p++)
    hash = hash * 33 + (guchar) g_ascii_toupper (*p);
  return hash;
}

static gboolean
id_number_equal (gconstpointer a,
                 gconstpointer b)
{
  return g_ascii_strcasecmp (community_field_string ((gpointer) a, "id_number"),
                             community_field_string ((gpointer) b, "id_number")) == 0;
}

static void
check_duplicate_person (CommunityRuleContext *ctx,
                        gpointer              worker,
                        gpointer              data)
{
  Holders *holders = data;
  CommunityStaff staff = community_rule_full_time_staff (worker);
  gpointer first;
  guint count;

  if (staff == COMMUNITY_STAFF_NO)
    return;

  if (staff == COMMUNITY_STAFF_UNKNOWN || community_field_string (worker, "id_number") == NULL)
    {
      community_rule_not_applicable (ctx);
      return;
    }

  first = g_hash_table_lookup (holders->first, worker);
  if (first == NULL)
    {
      g_hash_table_add (holders->first, worker);
      community_rule_pass (ctx);
      return;
    }

  count = GPOINTER_TO_UINT (g_hash_table_lookup (holders->counts, first));
  count = MAX (count, 1) + 1;
  g_hash_table_insert (holders->counts, first, GUINT_TO_POINTER (count));
  community_rule_fail (ctx, COMMUNITY_ENTITY (worker), "id_number",
                       community_json_int (1), community_json_int (count), 0,
                       _("Worker %s has the ID number of worker %s: one person is counted %u times as "
                         "full-time community staff"),
                       community_rule_identity (worker), community_rule_identity (first), count);
}

/* worker.duplicate-person: one `id_number` belongs to at most one
 * full-time community staff member, or one person is counted twice
 * (四(四)). Judged: the full-time community staff (unknown roles or
 * employment, or no ID number: not applicable), in dataset order; the
 * first holder of a number passes and every later one is a finding at its
 * …/id_number, naming both workers by id, never the number. Expected 1,
 * actual how many staff members hold the number so far (a ceiling: no
 * shortfall). Numbers are compared ignoring the case of the check
 * character. */
void
community_rule_worker_duplicate_person (CommunityRuleContext *ctx)
{
  g_autoptr(GHashTable) first = g_hash_table_new (id_number_hash, id_number_equal);
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  Holders holders = { first, counts };

  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_WORKER, check_duplicate_person, &holders);
}

static void
check_certificate_allowance (CommunityRuleContext *ctx,
                             gpointer              worker,
                             gpointer              data)
{
  int certificate;
  gboolean allowance;

  if (!community_field_enum (worker, "certificate", &certificate))
    {
      community_rule_not_applicable (ctx);
      return;
    }
  if (certificate == COMMUNITY_CERTIFICATE_NONE)
    return;

  if (!community_field_boolean (worker, "professional_allowance", &allowance))
    community_rule_not_applicable (ctx);
  else if (allowance)
    community_rule_pass (ctx);
  else
    community_rule_fail (ctx, COMMUNITY_ENTITY (worker), "professional_allowance",
                         community_json_bool (TRUE), community_json_bool (FALSE), 0,
                         _("Worker %s holds a social work certificate but receives no professional "
                           "allowance (职业津贴)"),
                         community_rule_identity (worker));
}

/* worker.certificate-allowance: a worker whose certificate is not `none`
 * has `professional_allowance: true` (四(四), 对获得社会工作职业资格的给予
 * 职业津贴). Judged: the workers holding a certificate; `none` is not
 * counted, an unknown certificate or allowance is not applicable. The path
 * is …/professional_allowance, expected true, actual false. */
void
community_rule_worker_certificate_allowance (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_WORKER, check_certificate_allowance, NULL);
}

/* The nick of an identifier error's code ("checksum", "length", …). */
static const char *
identifier_error_nick (const GError *error)
{
  GEnumClass *klass;
  GEnumValue *value;

  if (error->domain != COMMUNITY_IDENTIFIER_ERROR)
    return NULL;

  klass = g_type_class_ref (COMMUNITY_TYPE_IDENTIFIER_ERROR);
  value = g_enum_get_value (klass, error->code);

  /* The class of a static type lives on. */
  g_type_class_unref (klass);
  return value != NULL ? value->value_nick : NULL;
}

static void
check_id_number (CommunityRuleContext *ctx,
                 gpointer              worker,
                 gpointer              data)
{
  const GDate *today = data;
  const char *id_number = community_field_string (worker, "id_number");
  g_autoptr(GError) error = NULL;

  if (id_number == NULL)
    community_rule_not_applicable (ctx);
  else if (community_citizen_id_validate (id_number, today, &error))
    community_rule_pass (ctx);
  else
    community_rule_fail (ctx, COMMUNITY_ENTITY (worker), "id_number",
                         community_json_string ("GB 11643"),
                         community_json_string (identifier_error_nick (error)), 0,
                         _("Worker %s: %s"),
                         community_rule_identity (worker), error->message);
}

/* worker.id-number: `id_number`, when present, is a valid GB 11643
 * number (community_citizen_id_validate(): length, charset, address
 * code, birth date not after the dataset's as_of — or today without one —
 * and the ISO 7064 MOD 11-2 check digit). A worker without one is not
 * applicable. The number is personal data: the message is the worker's id
 * and the validator's message, which never quotes it; expected is the
 * standard ("GB 11643"), actual what is wrong with it (the nick of the
 * CommunityIdentifierError: "length", "charset", "segment", "date" or
 * "checksum"). */
void
community_rule_worker_id_number (CommunityRuleContext *ctx)
{
  const GDate *as_of = community_dataset_get_as_of (community_rule_get_dataset (ctx));

  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_WORKER, check_id_number, as_of != NULL && g_date_valid (as_of) ? (gpointer) as_of : NULL);
}

static void
check_phone (CommunityRuleContext *ctx,
             gpointer              worker,
             gpointer              data)
{
  const char *phone = community_field_string (worker, "phone");
  g_autoptr(GError) error = NULL;

  if (phone == NULL)
    community_rule_not_applicable (ctx);
  else if (community_mobile_validate (phone, &error))
    community_rule_pass (ctx);
  else
    community_rule_fail (ctx, COMMUNITY_ENTITY (worker), "phone",
                         community_json_string ("mainland mobile"),
                         community_json_string (identifier_error_nick (error)), 0,
                         _("Worker %s: %s"),
                         community_rule_identity (worker), error->message);
}

/* worker.phone: `phone`, when present, is a valid mainland mobile number
 * (community_mobile_validate(): 11 digits, `1` and a live mobile prefix).
 * A worker without one is not applicable. The phone is personal data: the
 * message is the worker's id and the validator's message, which never
 * quotes it; expected "mainland mobile", actual what is wrong with it (the
 * nick of the CommunityIdentifierError: "charset", "length" or
 * "prefix"). */
void
community_rule_worker_phone (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_WORKER, check_phone, NULL);
}
