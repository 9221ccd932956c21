/* consumer.c: a program built against the installed libcommunity only
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * tests/install/test_install.py compiles it with the flags that the
 * installed community-1.0.pc gives and runs it with the installed library:
 *
 *   cc consumer.c $(pkg-config --cflags --libs community-1.0)
 *   ./consumer wuxi-sample.json
 *
 * It prints the library's version, a community, the city above one of its
 * grids and the findings of the wuxi-2018 ruleset, one per line.
 */

#include <stdio.h>
#include <stdlib.h>

#include <community/community.h>

#if !COMMUNITY_CHECK_VERSION (0, 1, 0)
#error "libcommunity 0.1.0 or later is needed"
#endif

int
main (int    argc,
      char **argv)
{
  g_autoptr (CommunityDataset) dataset = NULL;
  g_autoptr (CommunityRuleset) ruleset = NULL;
  g_autoptr (CommunityValidator) validator = NULL;
  g_autoptr (CommunityReport) report = NULL;
  g_autoptr (GError) error = NULL;
  CommunityCommunity *community;
  CommunityGrid *grid;
  CommunityDivision *city;
  GListModel *findings;
  g_autofree char *name = NULL;
  g_autofree char *city_name = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s DATASET.json\n", argv[0]);
      return 2;
    }

  printf ("version %u.%u.%u (headers %s)\n",
          community_get_major_version (), community_get_minor_version (),
          community_get_micro_version (), COMMUNITY_VERSION_S);

  dataset = community_dataset_new ();
  if (!community_dataset_load_from_file (dataset, argv[1], &error))
    {
      fprintf (stderr, "%s: %s\n", argv[1], error->message);
      return 1;
    }

  community = community_dataset_get_community (dataset, "320213025005");
  if (community == NULL)
    return 1;
  g_object_get (community, "name", &name, NULL);
  printf ("community %s %s\n",
          community_entity_get_identity (COMMUNITY_ENTITY (community)), name);

  grid = community_dataset_get_grid (dataset, "320213025005-G01");
  city = community_dataset_get_ancestor (dataset, COMMUNITY_ENTITY (grid),
                                         COMMUNITY_DIVISION_LEVEL_CITY);
  g_object_get (city, "name", &city_name, NULL);
  printf ("city %s\n", city_name);

  ruleset = community_ruleset_new_builtin ("wuxi-2018", &error);
  if (ruleset == NULL)
    {
      fprintf (stderr, "wuxi-2018: %s\n", error->message);
      return 1;
    }
  validator = community_validator_new (ruleset);
  report = community_validator_run (validator, dataset);
  findings = community_report_get_findings (report);
  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr (CommunityFinding) finding = g_list_model_get_item (findings, i);

      printf ("finding %s %s\n", community_finding_get_rule (finding),
              community_finding_get_subject_id (finding));
    }
  printf ("errors %u\n", community_report_count (report, COMMUNITY_SEVERITY_ERROR));

  return 0;
}
