/* fuzz-ruleset.c: community_ruleset_new_from_data() on any bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A ruleset that loads must serialize and run over the bundled sample
 * dataset: whatever numbers a ruleset file gives its rules and targets
 * (0, negative, huge), validating must not crash or overflow.
 */

#include "fuzz-common.h"

static CommunityDataset *
fuzz_sample (void)
{
  static CommunityDataset *sample = NULL;

  if (sample == NULL)
    {
      const char *path = g_getenv ("COMMUNITY_SAMPLE");
      g_autoptr(GError) error = NULL;

      sample = community_dataset_new ();
      if (!community_dataset_load_from_file (sample, path != NULL ? path : SAMPLE_DATA, &error))
        fuzz_fail ("the sample does not load: %s", error->message);
    }
  return sample;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CommunityRuleset) ruleset = NULL;
  g_autoptr(CommunityValidator) validator = NULL;
  g_autoptr(CommunityReport) report = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rules = NULL;
  g_auto(GStrv) indicators = NULL;
  g_autofree char *report_json = NULL;

  fuzz_init ();
  if (size > G_MAXSSIZE)
    return 0;

  ruleset = community_ruleset_new_from_data ((const char *) data, (gssize) size, &error);
  fuzz_check_error ("community_ruleset_new_from_data", ruleset != NULL, error, TRUE);
  if (ruleset == NULL)
    return 0;

  rules = community_ruleset_list_rules (ruleset);
  for (guint i = 0; rules[i] != NULL; i++)
    {
      (void) community_ruleset_get_rule_enabled (ruleset, rules[i]);
      (void) community_ruleset_get_rule_severity (ruleset, rules[i]);
      (void) community_ruleset_get_rule_clause (ruleset, rules[i]);
      (void) community_ruleset_get_rule_description (ruleset, rules[i]);
      (void) community_ruleset_get_rule_params (ruleset, rules[i]);
    }
  indicators = community_ruleset_list_indicators (ruleset);
  for (guint i = 0; indicators[i] != NULL; i++)
    {
      (void) community_ruleset_get_indicator_target (ruleset, indicators[i]);
      (void) community_ruleset_get_indicator_clause (ruleset, indicators[i]);
    }
  node = community_ruleset_to_json (ruleset);
  if (node == NULL)
    fuzz_fail ("a loaded ruleset does not serialize");

  validator = community_validator_new (ruleset);
  report = community_validator_run (validator, fuzz_sample ());
  report_json = community_report_to_data (report, NULL);
  if (report_json == NULL)
    fuzz_fail ("a report does not serialize");

  return 0;
}
