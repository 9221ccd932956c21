/* test-record.c: every record type's properties, set-ness and notify
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Table-driven over every type of DOMAIN.md §2: for each property of each
 * type, a value round-trips, notify fires once per real change, and unset
 * is told apart from zero.
 */

#include "test-common.h"

static GType
record_type (guint i)
{
  /* Entities first (by kind), then the nested parts. */
  if (i < COMMUNITY_N_ENTITY_KINDS)
    return community_entity_kind_get_entity_type (i);

  switch (i - COMMUNITY_N_ENTITY_KINDS)
    {
    case 0: return COMMUNITY_TYPE_COMMITTEE;
    case 1: return COMMUNITY_TYPE_ELDERLY_CARE;
    case 2: return COMMUNITY_TYPE_REVIEW;
    case 3: return COMMUNITY_TYPE_APPROVAL;
    case 4: return COMMUNITY_TYPE_HISTORY_ENTRY;
    case 5: return COMMUNITY_TYPE_WORK_ITEM_HISTORY_ENTRY;
    default: g_assert_not_reached ();
    }
}

#define N_RECORD_TYPES (COMMUNITY_N_ENTITY_KINDS + 6)

static CommunityRecord *
new_record (GType type)
{
  if (type == COMMUNITY_TYPE_TASK)
    return g_object_new (type, "number", 7, NULL);
  if (g_type_is_a (type, COMMUNITY_TYPE_ENTITY))
    {
      const char *key = g_object_class_find_property (g_type_class_ref (type), "code") ? "code" : "id";

      return g_object_new (type, key, "X-1", NULL);
    }
  return g_object_new (type, NULL);
}

/* A value of @pspec's type that is not its default. */
static void
make_value (GParamSpec *pspec,
            GValue     *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (value, type);
  if (type == G_TYPE_STRING)
    g_value_set_string (value, "测试 value");
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, TRUE);
  else if (type == G_TYPE_UINT)
    g_value_set_uint (value, G_PARAM_SPEC_UINT (pspec)->minimum + 7);
  else if (type == G_TYPE_INT64)
    g_value_set_int64 (value, 123456789012);
  else if (type == G_TYPE_DOUBLE)
    g_value_set_double (value, MIN (G_PARAM_SPEC_DOUBLE (pspec)->maximum, 1234.5) / 2);
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;

      g_value_set_enum (value, klass->values[klass->n_values - 1].value);
    }
  else if (G_TYPE_IS_FLAGS (type))
    {
      GFlagsClass *klass = G_PARAM_SPEC_FLAGS (pspec)->flags_class;

      g_value_set_flags (value, klass->values[0].value | klass->values[klass->n_values - 1].value);
    }
  else if (type == G_TYPE_STRV)
    {
      const char * const strv[] = { "A-1", "B-2", NULL };

      g_value_set_boxed (value, strv);
    }
  else if (type == G_TYPE_DATE)
    g_value_take_boxed (value, g_date_new_dmy (2, G_DATE_JANUARY, 2019));
  else if (type == G_TYPE_DATE_TIME)
    g_value_take_boxed (value, g_date_time_new_from_iso8601 ("2019-03-02T09:30:00+08:00", NULL));
  else if (type == G_TYPE_LIST_MODEL)
    /* The histories: a work item's holds work-item history entries. */
    g_value_take_object (value, g_list_store_new (pspec->owner_type == COMMUNITY_TYPE_WORK_ITEM
                                                  ? COMMUNITY_TYPE_WORK_ITEM_HISTORY_ENTRY
                                                  : COMMUNITY_TYPE_HISTORY_ENTRY));
  else if (g_type_is_a (type, COMMUNITY_TYPE_RECORD))
    g_value_take_object (value, new_record (type));
  else
    ck_abort_msg ("no test value for %s", g_type_name (type));
}

static gboolean
values_equal (GParamSpec   *pspec,
              const GValue *a,
              const GValue *b)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (G_TYPE_IS_BOXED (type) && (g_value_get_boxed (a) == NULL || g_value_get_boxed (b) == NULL))
    return g_value_get_boxed (a) == g_value_get_boxed (b);
  if (type == G_TYPE_STRV)
    return g_strv_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  if (type == G_TYPE_DATE)
    return g_date_compare (g_value_get_boxed (a), g_value_get_boxed (b)) == 0;
  if (type == G_TYPE_DATE_TIME)
    return g_date_time_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  return g_param_values_cmp (pspec, a, b) == 0;
}

START_TEST (test_properties_round_trip)
{
  GType type = record_type (_i);
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (g_type_class_ref (type), &n_pspecs);
  ck_assert_uint_gt (n_pspecs, 0);

  for (guint p = 0; p < n_pspecs; p++)
    {
      GParamSpec *pspec = pspecs[p];
      CommunityRecord *record;
      GValue value = G_VALUE_INIT;
      GValue read = G_VALUE_INIT;
      GValue fallback = G_VALUE_INIT;
      g_autofree char *signal = NULL;
      guint notified = 0;

      if (pspec->flags & G_PARAM_CONSTRUCT_ONLY)
        continue;

      record = new_record (type);
      signal = g_strconcat ("notify::", pspec->name, NULL);
      g_signal_connect (record, signal, G_CALLBACK (community_test_count_notify), &notified);

      ck_assert_msg (!community_record_is_set (record, pspec->name),
                     "%s:%s is set on a new record", g_type_name (type), pspec->name);

      /* Set: stored, marked set, one notify. */
      make_value (pspec, &value);
      g_object_set_property (G_OBJECT (record), pspec->name, &value);
      g_value_init (&read, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_object_get_property (G_OBJECT (record), pspec->name, &read);
      ck_assert_msg (values_equal (pspec, &value, &read), "%s:%s does not read back",
                     g_type_name (type), pspec->name);
      ck_assert_msg (community_record_is_set (record, pspec->name), "%s:%s not set",
                     g_type_name (type), pspec->name);
      ck_assert_uint_eq (notified, 1);

      /* The same value again is no change: no notify. */
      g_object_set_property (G_OBJECT (record), pspec->name, &value);
      ck_assert_msg (notified == 1, "%s:%s notified without a change",
                     g_type_name (type), pspec->name);

      /* Unset: back to the default, not set, one notify; twice is a no-op. */
      community_record_unset (record, pspec->name);
      ck_assert (!community_record_is_set (record, pspec->name));
      ck_assert_uint_eq (notified, 2);
      community_record_unset (record, pspec->name);
      ck_assert_uint_eq (notified, 2);
      g_value_reset (&read);
      g_object_get_property (G_OBJECT (record), pspec->name, &read);
      g_value_init (&fallback, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_param_value_set_default (pspec, &fallback);
      ck_assert (values_equal (pspec, &fallback, &read));

      /* The default value, set explicitly, is set: unset is not zero. */
      g_object_set_property (G_OBJECT (record), pspec->name, &fallback);
      if (G_TYPE_IS_VALUE_TYPE (G_PARAM_SPEC_VALUE_TYPE (pspec)) &&
          !G_VALUE_HOLDS_STRING (&fallback) && !G_VALUE_HOLDS_BOXED (&fallback) &&
          !G_VALUE_HOLDS_OBJECT (&fallback))
        {
          ck_assert_msg (community_record_is_set (record, pspec->name),
                         "%s:%s set to its default reads as unset",
                         g_type_name (type), pspec->name);
          ck_assert_uint_eq (notified, 3);
        }
      else
        {
          /* NULL strings, dates and objects mean "unset". */
          ck_assert (!community_record_is_set (record, pspec->name));
          ck_assert_uint_eq (notified, 2);
        }

      g_value_unset (&value);
      g_value_unset (&read);
      g_value_unset (&fallback);
      community_test_assert_finalized (record);
    }
}
END_TEST

START_TEST (test_unset_vs_zero)
{
  g_autoptr(CommunityCommunity) community = community_community_new ("320213021001");
  guint households = 99;

  ck_assert (!community_record_is_set (COMMUNITY_RECORD (community), "households"));
  g_object_get (community, "households", &households, NULL);
  ck_assert_uint_eq (households, 0);

  g_object_set (community, "households", 0, NULL);
  ck_assert (community_record_is_set (COMMUNITY_RECORD (community), "households"));

  /* Both spellings of a property name work. */
  ck_assert (community_record_is_set (COMMUNITY_RECORD (community), "households"));
  g_object_set (community, "has-legal-advisor", FALSE, NULL);
  ck_assert (community_record_is_set (COMMUNITY_RECORD (community), "has_legal_advisor"));
  ck_assert (!community_record_is_set (COMMUNITY_RECORD (community), "self-governance-compliant"));
}
END_TEST

START_TEST (test_entity_identity_and_kind)
{
  CommunityEntityKind kind = _i;
  GType type = community_entity_kind_get_entity_type (kind);
  CommunityRecord *record = new_record (type);
  CommunityEntity *entity = COMMUNITY_ENTITY (record);

  ck_assert (g_type_is_a (type, COMMUNITY_TYPE_ENTITY));
  ck_assert_int_eq (community_entity_get_kind (entity), kind);
  ck_assert_str_eq (community_entity_get_identity (entity),
                    type == COMMUNITY_TYPE_TASK ? "7" : "X-1");
  ck_assert_ptr_null (community_entity_get_dataset (entity));
  ck_assert_ptr_nonnull (community_entity_kind_get_member_name (kind));

  /* The identity is set and cannot be unset. */
  ck_assert (community_record_is_set (record, type == COMMUNITY_TYPE_TASK ? "number" :
                                      g_object_class_find_property (G_OBJECT_GET_CLASS (record), "code") ? "code" : "id"));
  community_test_assert_finalized (record);
}
END_TEST

START_TEST (test_constructors)
{
  g_autoptr(CommunityTask) task = community_task_new (17);
  g_autoptr(CommunityDivision) division = community_division_new ("320200000000");
  g_autoptr(CommunityWorker) worker = community_worker_new ("W0001");
  g_autoptr(CommunityCommittee) committee = community_committee_new ();
  guint number;

  g_object_get (task, "number", &number, NULL);
  ck_assert_uint_eq (number, 17);
  ck_assert_str_eq (community_entity_get_identity (COMMUNITY_ENTITY (task)), "17");
  ck_assert_str_eq (community_entity_get_identity (COMMUNITY_ENTITY (division)), "320200000000");
  ck_assert_str_eq (community_entity_get_identity (COMMUNITY_ENTITY (worker)), "W0001");
  ck_assert (COMMUNITY_IS_RECORD (committee) && !COMMUNITY_IS_ENTITY (committee));
}
END_TEST

START_TEST (test_record_json_and_equal)
{
  g_autoptr(CommunityGrid) a = community_grid_new ("G1");
  g_autoptr(CommunityGrid) b = community_grid_new ("G1");
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;
  const char * const admins[] = { "W1", "W2", NULL };

  ck_assert (community_record_equal (COMMUNITY_RECORD (a), COMMUNITY_RECORD (b)));
  g_object_set (a, "households", 0, "administrators", admins, "kind", COMMUNITY_GRID_KIND_DEDICATED, NULL);
  ck_assert (!community_record_equal (COMMUNITY_RECORD (a), COMMUNITY_RECORD (b)));

  node = community_record_to_json (COMMUNITY_RECORD (a));
  object = json_node_get_object (node);
  ck_assert_str_eq (json_object_get_string_member (object, "id"), "G1");
  ck_assert_int_eq (json_object_get_int_member (object, "households"), 0);
  ck_assert_str_eq (json_object_get_string_member (object, "kind"), "dedicated");
  ck_assert_uint_eq (json_array_get_length (json_object_get_array_member (object, "administrators")), 2);
  /* Unset fields are left out, not written as defaults. */
  ck_assert (!json_object_has_member (object, "leader"));
  ck_assert (!json_object_has_member (object, "base_unit"));
  ck_assert_ptr_null (community_record_get_extra (COMMUNITY_RECORD (a)));

  g_object_set (b, "households", 0, "administrators", admins, "kind", COMMUNITY_GRID_KIND_DEDICATED, NULL);
  ck_assert (community_record_equal (COMMUNITY_RECORD (a), COMMUNITY_RECORD (b)));
}
END_TEST

/* The typed accessors: every kind of field, unset told from zero by
 * community_record_is_set(), NULL unsetting, borrowed values. */
START_TEST (test_typed_accessors)
{
  g_autoptr(CommunityCommunity) community = community_community_new ("320205102001");
  g_autoptr(CommunityCommittee) committee = community_committee_new ();
  g_autoptr(CommunityGrid) grid = community_grid_new ("G1");
  g_autoptr(CommunityWorker) worker = community_worker_new ("W1");
  g_autoptr(CommunityReview) review = community_review_new ();
  g_autoptr(CommunityConsultation) consultation = community_consultation_new ("K1");
  g_autoptr(GListStore) history = g_list_store_new (COMMUNITY_TYPE_HISTORY_ENTRY);
  g_autoptr(GDate) date = g_date_new_dmy (2, G_DATE_MARCH, 2020);
  const char *administrators[] = { "W1", "W2", NULL };

  /* Plain fields, and unset against zero. */
  ck_assert_str_eq (community_community_get_code (community), "320205102001");
  ck_assert_uint_eq (community_grid_get_households (grid), 0);
  ck_assert (!community_record_is_set (COMMUNITY_RECORD (grid), "households"));
  community_grid_set_households (grid, 0);
  ck_assert (community_record_is_set (COMMUNITY_RECORD (grid), "households"));
  community_grid_set_households (grid, 420);
  ck_assert_uint_eq (community_grid_get_households (grid), 420);

  /* Strings and string arrays: borrowed, NULL unsets. */
  ck_assert_ptr_null (community_grid_get_leader (grid));
  community_grid_set_leader (grid, "W1");
  ck_assert_str_eq (community_grid_get_leader (grid), "W1");
  community_grid_set_leader (grid, NULL);
  ck_assert (!community_record_is_set (COMMUNITY_RECORD (grid), "leader"));
  community_grid_set_administrators (grid, administrators);
  ck_assert (g_strv_equal ((const char * const *) community_grid_get_administrators (grid), administrators));
  ck_assert_ptr_ne (community_grid_get_administrators (grid), administrators);  /* a copy */

  /* Enums, flags, and a getter named after its type. */
  ck_assert_int_eq (community_grid_get_grid_kind (grid), COMMUNITY_GRID_KIND_COMPREHENSIVE);
  community_grid_set_grid_kind (grid, COMMUNITY_GRID_KIND_DEDICATED);
  ck_assert_int_eq (community_grid_get_grid_kind (grid), COMMUNITY_GRID_KIND_DEDICATED);
  ck_assert_int_eq (community_entity_get_kind (COMMUNITY_ENTITY (grid)), COMMUNITY_ENTITY_KIND_GRID);
  community_worker_set_roles (worker, COMMUNITY_WORKER_ROLES_PARTY_SECRETARY | COMMUNITY_WORKER_ROLES_COMMITTEE_DIRECTOR);
  ck_assert_uint_eq (community_worker_get_roles (worker),
                     COMMUNITY_WORKER_ROLES_PARTY_SECRETARY | COMMUNITY_WORKER_ROLES_COMMITTEE_DIRECTOR);
  community_worker_set_annual_pay_yuan (worker, G_GINT64_CONSTANT (98640));
  ck_assert_int_eq (community_worker_get_annual_pay_yuan (worker), 98640);

  /* Dates, doubles and nested records. */
  community_review_set_date (review, date);
  ck_assert_int_eq (g_date_compare (community_review_get_date (review), date), 0);
  community_committee_set_members (committee, 7);
  community_community_set_committee (community, committee);
  ck_assert_ptr_eq (community_community_get_committee (community), committee);
  ck_assert_uint_eq (community_committee_get_members (community_community_get_committee (community)), 7);
  community_community_set_committee (community, NULL);
  ck_assert_ptr_null (community_community_get_committee (community));

  /* A list model of records. */
  community_consultation_set_history (consultation, G_LIST_MODEL (history));
  ck_assert_ptr_eq (community_consultation_get_history (consultation), history);

  /* An unset field with a default other than zero reads as it. */
  {
    g_autoptr(CommunityFunding) funding = community_funding_new ("F1");
    guint year;

    g_object_get (funding, "year", &year, NULL);
    ck_assert_uint_eq (community_funding_get_year (funding), year);
    ck_assert (!community_record_is_set (COMMUNITY_RECORD (funding), "year"));
  }
}
END_TEST

static Suite *
record_suite (void)
{
  Suite *suite = suite_create ("record");
  TCase *tc = tcase_create ("properties");

  tcase_add_loop_test (tc, test_properties_round_trip, 0, N_RECORD_TYPES);
  tcase_add_test (tc, test_unset_vs_zero);
  tcase_add_loop_test (tc, test_entity_identity_and_kind, 0, COMMUNITY_N_ENTITY_KINDS);
  tcase_add_test (tc, test_constructors);
  tcase_add_test (tc, test_record_json_and_equal);
  tcase_add_test (tc, test_typed_accessors);
  suite_add_tcase (suite, tc);

  return suite;
}

int
main (void)
{
  return community_test_run (record_suite ());
}
