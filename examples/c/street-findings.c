/* street-findings.c: what the policy check finds in one street or town
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: street-findings DATASET STREET-CODE
 *
 * Loads a dataset, checks it against the built-in ruleset wuxi-2018 and
 * prints the findings about one street (街道) or town (镇) and everything in
 * it: its communities and villages, their grids, workers and facilities,
 * and the work items carried out there. For example
 *
 *     street-findings examples/data/wuxi-sample.json 320213025000
 *
 * prints the four findings of 广益街道 in the sample. Exit status: 0 when
 * the check ran (whatever it found), 2 when the dataset cannot be read or
 * the code is not a street or town of it. The messages follow the locale
 * (LANGUAGE=zh_CN LC_ALL=C.UTF-8: in Chinese), like community-check's.
 */

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include <community/community.h>

/* The nick of an enum value: "error", "work_item", "town". */
static const char *
nick (GType type,
      int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *v = g_enum_get_value (klass, value);

  return v != NULL ? v->value_nick : "?";
}

/* The name of a finding's subject, for divisions and communities only:
 * other entities have no name, or (workers) one that is personal data and
 * must not be printed. */
static char *
subject_name (CommunityDataset *dataset,
              CommunityFinding *finding)
{
  CommunityEntityKind kind = community_finding_get_subject_kind (finding);
  CommunityEntity *subject;
  char *name = NULL;

  if (kind != COMMUNITY_ENTITY_KIND_DIVISION && kind != COMMUNITY_ENTITY_KIND_COMMUNITY)
    return NULL;

  subject = community_dataset_lookup (dataset, kind, community_finding_get_subject_id (finding));
  if (subject != NULL && community_record_is_set (COMMUNITY_RECORD (subject), "name"))
    g_object_get (subject, "name", &name, NULL);
  return name;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityRuleset) ruleset = NULL;
  g_autoptr(CommunityValidator) validator = NULL;
  g_autoptr(CommunityReport) report = NULL;
  g_autoptr(GListModel) findings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *street_name = NULL;
  g_autofree char *as_of = NULL;
  CommunityDivision *street, *district;
  CommunityDivisionLevel level;
  const char *code;
  guint counts[3] = { 0, };
  guint n;

  /* The library's messages follow the locale. */
  setlocale (LC_ALL, "");

  if (argc != 3)
    {
      g_printerr ("usage: %s DATASET STREET-CODE\n", argv[0]);
      return 2;
    }
  code = argv[2];

  /* 1. Load. A refused document names the JSON Pointer of the bad value. */
  if (!community_dataset_load_from_file (dataset, argv[1], &error))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 2;
    }

  street = community_dataset_get_division (dataset, code);
  if (street == NULL)
    {
      g_printerr ("%s: no division has the code %s\n", argv[1], code);
      return 2;
    }
  g_object_get (street, "level", &level, "name", &street_name, NULL);
  if (level != COMMUNITY_DIVISION_LEVEL_STREET && level != COMMUNITY_DIVISION_LEVEL_TOWN)
    {
      g_printerr ("%s: %s is a %s, not a street or town\n",
                  argv[1], code, nick (COMMUNITY_TYPE_DIVISION_LEVEL, level));
      return 2;
    }

  /* 2. Validate against the policy's own numbers. */
  ruleset = community_ruleset_new_builtin ("wuxi-2018", &error);
  g_assert_no_error (error);  /* built into the library */
  validator = community_validator_new (ruleset);
  report = community_validator_run (validator, dataset);

  /* 3. Keep the findings about the street and everything in it. */
  findings = community_report_filter (report, COMMUNITY_SEVERITY_INFO, NULL, NULL, code);
  n = g_list_model_get_n_items (findings);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (findings, i);

      counts[community_finding_get_severity (finding)]++;
    }

  district = community_dataset_get_ancestor (dataset, COMMUNITY_ENTITY (street),
                                             COMMUNITY_DIVISION_LEVEL_DISTRICT);
  if (community_dataset_get_as_of (dataset) != NULL)
    {
      as_of = g_malloc (11);
      g_date_strftime (as_of, 11, "%Y-%m-%d", community_dataset_get_as_of (dataset));
    }

  if (district != NULL)
    {
      g_autofree char *district_name = NULL;

      g_object_get (district, "name", &district_name, NULL);
      printf ("%s %s (%s), data as of %s, ruleset %s\n", street_name, code,
              district_name, as_of != NULL ? as_of : "unknown",
              community_report_get_ruleset (report));
    }
  else
    {
      printf ("%s %s, data as of %s, ruleset %s\n", street_name, code,
              as_of != NULL ? as_of : "unknown", community_report_get_ruleset (report));
    }
  printf ("%u finding%s: %u error%s, %u warning%s, %u info%s\n", n, n == 1 ? "" : "s",
          counts[COMMUNITY_SEVERITY_ERROR], counts[COMMUNITY_SEVERITY_ERROR] == 1 ? "" : "s",
          counts[COMMUNITY_SEVERITY_WARNING], counts[COMMUNITY_SEVERITY_WARNING] == 1 ? "" : "s",
          counts[COMMUNITY_SEVERITY_INFO], counts[COMMUNITY_SEVERITY_INFO] == 1 ? "" : "s");

  /* 4. Print them: rule, severity and clause; the entity and the JSON
   * Pointer of the value at fault; the message, which never holds
   * personal data. */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (findings, i);
      g_autofree char *name = subject_name (dataset, finding);
      const char *clause = community_finding_get_clause (finding);

      printf ("\n[%s] %s, clause %s\n",
              nick (COMMUNITY_TYPE_SEVERITY, community_finding_get_severity (finding)),
              community_finding_get_rule (finding),
              clause != NULL ? clause : "—");
      printf ("  %s %s%s%s, %s\n",
              nick (COMMUNITY_TYPE_ENTITY_KIND, community_finding_get_subject_kind (finding)),
              community_finding_get_subject_id (finding),
              name != NULL ? " " : "", name != NULL ? name : "",
              community_finding_get_path (finding));
      printf ("  %s\n", community_finding_get_message (finding));
    }

  return EXIT_SUCCESS;
}
