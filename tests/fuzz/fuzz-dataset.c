/* fuzz-dataset.c: community_dataset_load_from_data() on any bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A document that loads must also save, load again into an equal dataset,
 * save with the personal data masked, and go through the built-in wuxi-2018
 * ruleset; a refused one must leave the dataset empty.
 */

#include "fuzz-common.h"

static CommunityValidator *
fuzz_validator (void)
{
  static CommunityValidator *validator = NULL;

  if (validator == NULL)
    {
      g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);

      if (ruleset == NULL)
        fuzz_fail ("the built-in ruleset does not load");
      validator = community_validator_new (ruleset);
    }
  return validator;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CommunityDataset) dataset = NULL;
  g_autoptr(CommunityPrivacy) privacy = NULL;
  g_autoptr(CommunityReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *masked = NULL;
  g_autofree char *report_json = NULL;
  gboolean ok;

  fuzz_init ();
  if (size > G_MAXSSIZE)
    return 0;

  dataset = community_dataset_new ();
  ok = community_dataset_load_from_data (dataset, (const char *) data, (gssize) size, &error);
  fuzz_check_error ("community_dataset_load_from_data", ok, error, TRUE);
  if (!ok)
    {
      g_autoptr(CommunityDataset) empty = community_dataset_new ();

      if (!community_dataset_equal (dataset, empty))
        fuzz_fail ("a refused document changed the dataset");
      return 0;
    }

  fuzz_check_round_trip (dataset);

  privacy = community_privacy_new (COMMUNITY_PRIVACY_MODE_MASK);
  masked = community_dataset_save_to_data_full (dataset, privacy, NULL);
  if (masked == NULL)
    fuzz_fail ("a loaded dataset does not save with masking");

  report = community_validator_run (fuzz_validator (), dataset);
  report_json = community_report_to_data (report, NULL);
  if (report_json == NULL)
    fuzz_fail ("a report does not serialize");

  return 0;
}
