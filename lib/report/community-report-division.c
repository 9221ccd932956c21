/* community-report-division.c: one division's part of a report
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-dataset.h"
#include "community-report-private.h"
#include "community-report-writer.h"
#include "report/community-report-writer-private.h"

/**
 * community_report_for_division:
 * @self: a report
 * @dataset: the dataset the report is about
 * @code: the code of a division or community of @dataset
 *
 * Makes the report of one division: the findings about the division or
 * community with @code and everything below it (as
 * [method@Community.Report.filter] selects them), the indicators of that
 * division and of the divisions below it, and every rule's result as it is
 * (a rule's counts are over the dataset). Its summary counts its own
 * findings, and its JSON ([method@Community.Report.to_json]) names @code
 * as its last member, `"division"`. This is what a district's bureau
 * forwards a street: write it with [method@Community.Report.write_xlsx],
 * [method@Community.Report.write_html] or
 * [method@Community.Report.write_json].
 *
 * Returns: (transfer full): a new report, sharing @self's findings and
 *   results (they are immutable)
 */
CommunityReport *
community_report_for_division (CommunityReport  *self,
                               CommunityDataset *dataset,
                               const char       *code)
{
  g_autoptr(GListModel) selected = NULL;
  GListModel *rules, *indicators;
  GPtrArray *findings, *rule_results, *indicator_results;
  ReportPlaces *places;
  CommunityReport *report;
  int division;

  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), NULL);
  g_return_val_if_fail (COMMUNITY_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  selected = community_report_filter (self, COMMUNITY_SEVERITY_INFO, NULL, NULL, code);
  findings = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (selected); i++)
    g_ptr_array_add (findings, g_list_model_get_item (selected, i));

  rules = community_report_get_rule_results (self);
  rule_results = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    g_ptr_array_add (rule_results, g_list_model_get_item (rules, i));

  /* An indicator is the division's when its division is @code or lies
   * beneath it. */
  places = community_report_places_new (dataset);
  division = community_report_places_lookup (places, code);
  indicators = community_report_get_indicators (self);
  indicator_results = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (indicators); i++)
    {
      CommunityIndicatorResult *result = g_list_model_get_item (indicators, i);
      int index = community_report_places_lookup (places, community_indicator_result_get_division (result));

      for (guint n = 0; index >= 0 && index != division && n < 8; n++)
        index = community_report_place (places, index)->parent;
      if (division >= 0 && index == division)
        g_ptr_array_add (indicator_results, result);
      else
        g_object_unref (result);
    }
  community_report_places_free (places);

  report = community_report_new_sorted (community_report_get_ruleset (self), findings,
                                        rule_results, indicator_results);
  community_report_set_division (report, code);
  return report;
}
