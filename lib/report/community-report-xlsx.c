/* community-report-xlsx.c: a report as an Excel workbook (libxlsxwriter)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Three sheets (DOMAIN.md §10): "summary" (the totals and every rule's
 * counts), "indicators" (every indicator for every division) and
 * "findings", one row per finding with the district or county, the street
 * or town and the community it lies in as columns, so that a bureau can
 * filter and forward each street its own rows. Each sheet has an autofilter
 * and a frozen header row. The workbook is written in libxlsxwriter's
 * constant-memory mode: each row goes to a temporary file as it is written.
 * Without libxlsxwriter at build time, the function says so in a GError.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "community-dataset.h"
#include "community-report-writer.h"
#include "community-enum-types.h"
#include "community-i18n-private.h"
#include "report/community-report-writer-private.h"

#ifdef HAVE_XLSXWRITER
#include <xlsxwriter.h>

/* A cell holds at most 32,767 characters; a longer text is cut there (at a
 * character boundary). */
#define CELL_MAX_BYTES 32767

typedef struct {
  lxw_worksheet *sheet;
  lxw_row_t row;
  lxw_format *header;
  lxw_format *percent;
  lxw_error error;
} Sheet;

static void
remember (Sheet     *sheet,
          lxw_error  error)
{
  if (sheet->error == LXW_NO_ERROR)
    sheet->error = error;
}

static void
put_text (Sheet      *sheet,
          lxw_col_t   col,
          const char *text)
{
  char cut[CELL_MAX_BYTES + 1];

  if (text == NULL || *text == '\0')
    return;
  if (strlen (text) > CELL_MAX_BYTES)
    {
      const char *end = text + CELL_MAX_BYTES;

      while (end > text && (*end & 0xC0) == 0x80)
        end--;
      memcpy (cut, text, end - text);
      cut[end - text] = '\0';
      text = cut;
    }
  remember (sheet, worksheet_write_string (sheet->sheet, sheet->row, col, text, NULL));
}

static void
put_number (Sheet      *sheet,
            lxw_col_t   col,
            double      value,
            lxw_format *format)
{
  remember (sheet, worksheet_write_number (sheet->sheet, sheet->row, col, value, format));
}

/* An expected or actual value: a number as a number, anything else as
 * text. */
static void
put_value (Sheet     *sheet,
           lxw_col_t  col,
           JsonNode  *node)
{
  g_autofree char *text = NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
      (json_node_get_value_type (node) == G_TYPE_INT64 ||
       json_node_get_value_type (node) == G_TYPE_DOUBLE))
    {
      put_number (sheet, col, json_node_get_double (node), NULL);
      return;
    }
  text = community_report_value_text (node);
  put_text (sheet, col, text);
}

/* The header row: frozen, filtered over @last_row rows. */
static void
put_header (Sheet             *sheet,
            const char *const *columns,
            guint              n_columns,
            lxw_row_t          last_row)
{
  for (guint i = 0; i < n_columns; i++)
    remember (sheet, worksheet_write_string (sheet->sheet, sheet->row, i, columns[i], sheet->header));
  worksheet_freeze_panes (sheet->sheet, sheet->row + 1, 0);
  remember (sheet, worksheet_autofilter (sheet->sheet, sheet->row, 0, MAX (last_row, sheet->row), n_columns - 1));
  sheet->row++;
}

static void
write_summary (Sheet            *sheet,
               CommunityReport  *report,
               CommunityDataset *dataset)
{
  GListModel *rules = community_report_get_rule_results (report);
  guint n_rules = g_list_model_get_n_items (rules);
  g_autofree char *as_of = community_report_as_of (dataset);
  const char *const columns[] = {
    _("Rule"), _("Severity"), _("Clause"), _("Applied"), _("Passed"), _("Failed"), _("Not applicable"),
  };
  const struct { const char *label; double value; } totals[] = {
    { _("Findings"), g_list_model_get_n_items (community_report_get_findings (report)) },
    { _("Errors"), community_report_count (report, COMMUNITY_SEVERITY_ERROR) },
    { _("Warnings"), community_report_count (report, COMMUNITY_SEVERITY_WARNING) },
    { _("Infos"), community_report_count (report, COMMUNITY_SEVERITY_INFO) },
  };
  lxw_row_t first;

  worksheet_set_column (sheet->sheet, 0, 0, 34, NULL);
  worksheet_set_column (sheet->sheet, 1, 6, 14, NULL);

  /* The rules' table, with its header row first (a frozen row and a
   * filter are the header's), then the totals beneath it. */
  first = sheet->row;
  put_header (sheet, columns, G_N_ELEMENTS (columns), first + n_rules);
  for (guint i = 0; i < n_rules; i++, sheet->row++)
    {
      g_autoptr(CommunityRuleResult) result = g_list_model_get_item (rules, i);

      put_text (sheet, 0, community_rule_result_get_id (result));
      put_text (sheet, 1, community_report_severity_label (community_rule_result_get_severity (result)));
      put_text (sheet, 2, community_rule_result_get_clause (result));
      put_number (sheet, 3, community_rule_result_get_applied (result), NULL);
      put_number (sheet, 4, community_rule_result_get_passed (result), NULL);
      put_number (sheet, 5, community_rule_result_get_failed (result), NULL);
      put_number (sheet, 6, community_rule_result_get_not_applicable (result), NULL);
    }

  sheet->row++;
  put_text (sheet, 0, _("Ruleset"));
  put_text (sheet, 1, community_report_get_ruleset (report));
  sheet->row++;
  put_text (sheet, 0, _("data as of"));
  put_text (sheet, 1, as_of);
  sheet->row++;
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++, sheet->row++)
    {
      put_text (sheet, 0, totals[i].label);
      put_number (sheet, 1, totals[i].value, NULL);
    }
}

static const char *
tier_label (ReportTier tier)
{
  switch (tier)
    {
    case REPORT_TIER_CITY:
      return _("city");
    case REPORT_TIER_DISTRICT:
      return _("district or county");
    case REPORT_TIER_STREET:
      return _("street or town");
    case REPORT_TIER_COMMUNITY:
    default:
      return _("community or village");
    }
}

static void
write_indicators (Sheet           *sheet,
                  CommunityReport *report,
                  ReportPlaces    *places)
{
  GListModel *indicators = community_report_get_indicators (report);
  guint n_items = g_list_model_get_n_items (indicators);
  const char *const columns[] = {
    _("Indicator"), _("Indicator id"), _("Division code"), _("Division"), _("Level"), _("Value"),
    _("Target"), _("Met"), _("Numerator"), _("Denominator"),
  };

  worksheet_set_column (sheet->sheet, 0, 1, 34, NULL);
  worksheet_set_column (sheet->sheet, 2, 3, 16, NULL);
  worksheet_set_column (sheet->sheet, 4, 9, 12, NULL);
  put_header (sheet, columns, G_N_ELEMENTS (columns), n_items);
  for (guint i = 0; i < n_items; i++, sheet->row++)
    {
      g_autoptr(CommunityIndicatorResult) result = g_list_model_get_item (indicators, i);
      const char *code = community_indicator_result_get_division (result);
      const ReportPlace *place = community_report_place (places, community_report_places_lookup (places, code));
      gboolean applicable = community_indicator_result_is_applicable (result);
      gboolean has_target = community_indicator_result_has_target (result);

      put_text (sheet, 0, community_report_indicator_title (community_indicator_result_get_id (result)));
      put_text (sheet, 1, community_indicator_result_get_id (result));
      put_text (sheet, 2, code);
      if (place != NULL)
        {
          put_text (sheet, 3, place->name);
          put_text (sheet, 4, tier_label (place->tier));
        }
      if (applicable)
        put_number (sheet, 5, community_indicator_result_get_value (result), sheet->percent);
      else
        put_text (sheet, 5, _("n/a"));
      if (has_target)
        put_number (sheet, 6, community_indicator_result_get_target (result), sheet->percent);
      else
        put_text (sheet, 6, "—");
      if (!applicable)
        put_text (sheet, 7, _("n/a"));
      else if (!has_target)
        put_text (sheet, 7, "—");
      else
        put_text (sheet, 7, community_indicator_result_get_met (result) ? _("yes") : _("no"));
      put_number (sheet, 8, community_indicator_result_get_numerator (result), NULL);
      put_number (sheet, 9, community_indicator_result_get_denominator (result), NULL);
    }
}

static void
put_place (Sheet        *sheet,
           lxw_col_t     col,
           ReportPlaces *places,
           int           index,
           ReportTier    tier)
{
  const ReportPlace *place = community_report_place (places,
                                                     community_report_places_at_tier (places, index, tier));

  if (place == NULL)
    return;
  put_text (sheet, col, place->code);
  put_text (sheet, col + 1, place->name);
}

static gboolean
write_findings (Sheet            *sheet,
                CommunityReport  *report,
                ReportPlaces     *places,
                GError          **error)
{
  GListModel *findings = community_report_get_findings (report);
  guint n_items = g_list_model_get_n_items (findings);
  const char *const columns[] = {
    _("Rule"), _("Severity"), _("Clause"), _("Subject type"), _("Subject id"),
    _("District/county code"), _("District/county"),
    _("Street/town code"), _("Street/town"), _("Community code"), _("Community"),
    _("Path"), _("Message"), _("Expected"), _("Actual"),
  };

  if (n_items >= LXW_ROW_MAX)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%u findings do not fit in one sheet (at most %u rows)"),
                   n_items, LXW_ROW_MAX - 1);
      return FALSE;
    }

  worksheet_set_column (sheet->sheet, 0, 0, 30, NULL);
  worksheet_set_column (sheet->sheet, 1, 3, 12, NULL);
  worksheet_set_column (sheet->sheet, 4, 10, 16, NULL);
  worksheet_set_column (sheet->sheet, 11, 11, 28, NULL);
  worksheet_set_column (sheet->sheet, 12, 12, 60, NULL);
  worksheet_set_column (sheet->sheet, 13, 14, 14, NULL);
  put_header (sheet, columns, G_N_ELEMENTS (columns), n_items);
  for (guint i = 0; i < n_items; i++, sheet->row++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (findings, i);
      int place = community_report_places_of_finding (places, finding);

      put_text (sheet, 0, community_finding_get_rule (finding));
      put_text (sheet, 1, community_report_severity_label (community_finding_get_severity (finding)));
      put_text (sheet, 2, community_finding_get_clause (finding));
      put_text (sheet, 3, community_report_kind_nick (community_finding_get_subject_kind (finding)));
      put_text (sheet, 4, community_finding_get_subject_id (finding));
      put_place (sheet, 5, places, place, REPORT_TIER_DISTRICT);
      put_place (sheet, 7, places, place, REPORT_TIER_STREET);
      put_place (sheet, 9, places, place, REPORT_TIER_COMMUNITY);
      put_text (sheet, 11, community_finding_get_path (finding));
      put_text (sheet, 12, community_finding_get_message (finding));
      put_value (sheet, 13, community_finding_get_expected (finding));
      put_value (sheet, 14, community_finding_get_actual (finding));
    }
  return TRUE;
}

static Sheet
add_sheet (lxw_workbook *workbook,
           const char   *name,
           lxw_format   *header,
           lxw_format   *percent)
{
  Sheet sheet = { workbook_add_worksheet (workbook, name), 0, header, percent, LXW_NO_ERROR };

  return sheet;
}
#endif /* HAVE_XLSXWRITER */

/**
 * community_report_write_xlsx:
 * @self: a report
 * @dataset: the dataset the report is about, for the names of its
 *   divisions and communities
 * @filename: (type filename): the workbook to write
 * @error: return location for an error
 *
 * Writes the report as an Excel workbook (DOMAIN.md §10) with three sheets:
 * `summary` (every rule's counts, then the ruleset, the date and the
 * totals), `indicators` (every indicator for every division, with its
 * value, target and whether it meets it; `—` where an indicator has no
 * target) and `findings`, one row per finding with its rule, severity,
 * clause, subject type and id, the codes and names of the district or
 * county, the street or town and the community it lies in, its path,
 * message, expected and actual values. Each sheet's header row is frozen
 * and carries an autofilter, so that a bureau can filter and forward each
 * street its own rows.
 *
 * Column headers and words are in the language of the current locale's
 * messages, as in [method@Community.Report.write_html]; finding messages
 * are written as the findings hold them, and no personal data appears.
 *
 * The rows are written to temporary files as they are made
 * (libxlsxwriter's constant-memory mode), then zipped into @filename. A
 * library built without libxlsxwriter fails with %G_IO_ERROR_NOT_SUPPORTED.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
community_report_write_xlsx (CommunityReport   *self,
                             CommunityDataset  *dataset,
                             const char        *filename,
                             GError           **error)
{
#ifdef HAVE_XLSXWRITER
  lxw_workbook_options options = { .constant_memory = LXW_TRUE, .use_zip64 = LXW_TRUE };
  lxw_workbook *workbook;
  lxw_format *header, *percent;
  lxw_error status;
  ReportPlaces *places;
  Sheet summary, indicators, findings;
  gboolean ok;
  g_autofree char *tmpdir = NULL;
#endif

  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), FALSE);
  g_return_val_if_fail (COMMUNITY_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  community_i18n_init ();

#ifdef HAVE_XLSXWRITER
  tmpdir = g_strdup (g_get_tmp_dir ());
  options.tmpdir = tmpdir;
  workbook = workbook_new_opt (filename, &options);
  if (workbook == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("could not create the workbook %s"), filename);
      return FALSE;
    }
  header = workbook_add_format (workbook);
  format_set_bold (header);
  format_set_bg_color (header, 0xE8EDF4);
  format_set_bottom (header, LXW_BORDER_THIN);
  percent = workbook_add_format (workbook);
  format_set_num_format (percent, "0.0%");

  places = community_report_places_new (dataset);
  summary = add_sheet (workbook, "summary", header, percent);
  indicators = add_sheet (workbook, "indicators", header, percent);
  findings = add_sheet (workbook, "findings", header, percent);

  write_summary (&summary, self, dataset);
  write_indicators (&indicators, self, places);
  ok = write_findings (&findings, self, places, error);
  community_report_places_free (places);

  status = summary.error != LXW_NO_ERROR ? summary.error
           : indicators.error != LXW_NO_ERROR ? indicators.error : findings.error;
  if (ok && status != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("could not write the workbook %s: %s"),
                   filename, lxw_strerror (status));
      ok = FALSE;
    }
  status = workbook_close (workbook);
  if (ok && status != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("could not write the workbook %s: %s"),
                   filename, lxw_strerror (status));
      ok = FALSE;
    }
  return ok;
#else
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               _("this libcommunity was built without libxlsxwriter: it cannot write Excel workbooks"));
  return FALSE;
#endif
}
