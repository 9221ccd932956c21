/* community-report-html.c: a report as one self-contained HTML page
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The page (DOMAIN.md §10) is written piece by piece to a GOutputStream
 * through a 64 KiB buffer, never built whole: the summary; every indicator
 * against its target as an inline SVG bar chart with a table beside it, for
 * the city and the districts and counties, then the streets and towns of
 * each district; the rules with their clauses quoted from the policy; the
 * findings per district and street; and the findings themselves, as compact
 * JSON data that a small inline script shows a page at a time, filtered by
 * severity, rule and division and grouped by rule or by division. Without
 * scripts the page still shows everything but the full list of findings
 * (each rule shows its first few). No network access, no external file.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "community-dataset.h"
#include "community-report-writer.h"
#include "community-enum-types.h"
#include "community-version.h"
#include "community-finding-private.h"
#include "community-i18n-private.h"
#include "community-string-private.h"
#include "report/community-report-writer-private.h"

#define FLUSH_SIZE 65536
/* The findings each rule shows in the page itself (the rest are data). */
#define STATIC_FINDINGS_PER_RULE 5

typedef struct {
  GOutputStream *stream;
  GCancellable *cancellable;
  GString *buffer;
  GError *error;
} Out;

static void
out_flush (Out *out)
{
  if (out->error == NULL && out->buffer->len > 0)
    g_output_stream_write_all (out->stream, out->buffer->str, out->buffer->len, NULL,
                               out->cancellable, &out->error);
  g_string_truncate (out->buffer, 0);
}

static inline void
out_check (Out *out)
{
  if (out->buffer->len >= FLUSH_SIZE)
    out_flush (out);
}

static void
out_raw (Out        *out,
         const char *text)
{
  g_string_append (out->buffer, text);
  out_check (out);
}

G_GNUC_PRINTF (2, 3)
static void
out_printf (Out        *out,
            const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  g_string_append_vprintf (out->buffer, format, args);
  va_end (args);
  out_check (out);
}

/* Appends @len bytes without a check for a flush: the callers check
 * once a row. */
static inline void
out_len (Out        *out,
         const char *text,
         gsize       len)
{
  community_string_append_len (out->buffer, text, len);
}

/* A string literal, its length known at compile time. */
#define OUT_LITERAL(out, literal) out_len ((out), "" literal "", sizeof (literal) - 1)

/* A number in decimal, as printf's %d or %u writes it. */
static void
out_int (Out    *out,
         gint64  value)
{
  char digits[COMMUNITY_INT64_CHARS];
  char *end = digits + sizeof digits;
  char *p = community_format_int64 (end, value);

  out_len (out, p, end - p);
}

/* What out_printf() writes for a format whose only conversions are %d
 * (SVG coordinates, ids), without printf. */
G_GNUC_PRINTF (2, 3)
static void
out_ints (Out        *out,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  for (const char *p = format;;)
    {
      const char *percent = strchr (p, '%');

      if (percent == NULL)
        {
          out_len (out, p, strlen (p));
          break;
        }
      g_assert (percent[1] == 'd');
      out_len (out, p, percent - p);
      out_int (out, va_arg (args, int));
      p = percent + 2;
    }
  va_end (args);
  out_check (out);
}

/* A number as community_report_value_text() writes it: a whole one as
 * an integer. Nothing in it needs escaping. */
static void
out_number (Out    *out,
            double  value)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *text = NULL;

  if (value == floor (value) && fabs (value) < 1e15)
    {
      out_int (out, (gint64) value);
      return;
    }
  node = json_node_init_double (json_node_alloc (), value);
  text = community_report_value_text (node);
  out_raw (out, text);
}

/* Text or an attribute value, escaped; NULL as "—". The runs between
 * the characters to escape go in whole. */
static void
out_text (Out        *out,
          const char *text)
{
  if (text == NULL)
    text = "—";
  for (;;)
    {
      gsize run = strcspn (text, "&<>\"'");

      out_len (out, text, run);
      text += run;
      switch (*text)
        {
        case '\0': out_check (out); return;
        case '&': OUT_LITERAL (out, "&amp;"); break;
        case '<': OUT_LITERAL (out, "&lt;"); break;
        case '>': OUT_LITERAL (out, "&gt;"); break;
        case '"': OUT_LITERAL (out, "&quot;"); break;
        default: OUT_LITERAL (out, "&#39;"); break;
        }
      text++;
    }
}

/* The bytes a JSON string in a <script> element escapes: the quote, the
 * backslash, controls, and <, > and & (so that no "</script>" ends it). */
static const guint8 json_escaped[256] = {
  [0x00] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  ['"'] = 1, ['\\'] = 1, ['<'] = 1, ['>'] = 1, ['&'] = 1,
};

/* A JSON string (or null) that is safe inside a <script> element: <, >
 * and & are escaped too. */
static void
out_json_string (Out        *out,
                 const char *text)
{
  const guchar *p = (const guchar *) text;

  if (text == NULL)
    {
      OUT_LITERAL (out, "null");
      return;
    }
  out_len (out, "\"", 1);
  for (;;)
    {
      const guchar *run = p;

      while (!json_escaped[*p])
        p++;
      out_len (out, (const char *) run, p - run);
      if (*p == '\0')
        break;
      if (*p == '"' || *p == '\\')
        {
          char escaped[2] = { '\\', *p };

          out_len (out, escaped, 2);
        }
      else
        g_string_append_printf (out->buffer, "\\u%04x", *p);
      p++;
    }
  out_len (out, "\"", 1);
}

/* An expected or actual value as the JSON string of its text
 * (community_report_value_text()): strings and whole numbers without a
 * copy. */
static void
out_json_value (Out      *out,
                JsonNode *node)
{
  g_autofree char *text = NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        {
          out_json_string (out, json_node_get_string (node));
          return;
        }
      if (type == G_TYPE_INT64)
        {
          out_len (out, "\"", 1);
          out_int (out, json_node_get_int (node));
          out_len (out, "\"", 1);
          return;
        }
      if (type == G_TYPE_DOUBLE)
        {
          out_len (out, "\"", 1);
          out_number (out, json_node_get_double (node));
          out_len (out, "\"", 1);
          return;
        }
    }
  text = community_report_value_text (node);
  out_json_string (out, text);
}

/* --- the page's parts --- */

static const char style[] =
  ":root{--fg:#1f1f1f;--muted:#4a4a4a;--line:#c7c7c7;--err:#b3261e;--warn:#8a4b00;"
  "--info:#0b57d0;--met:#1b6e34;--unmet:#b3261e;--plain:#3d5a80;--bg-alt:#f3f5f8}"
  "html{font-family:system-ui,'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif;"
  "color:var(--fg);background:#fff;line-height:1.5}"
  "body{margin:0 auto;max-width:72rem;padding:0 1rem 3rem}"
  "h1{font-size:1.6rem;margin:1.2rem 0 .2rem}h2{font-size:1.3rem;border-bottom:2px solid var(--line);"
  "padding-bottom:.2rem;margin-top:2.2rem}h3{font-size:1.1rem;margin-top:1.6rem}h4{margin:0;font-size:1rem}"
  ".meta,.muted{color:var(--muted)}code,.path{font-family:ui-monospace,'DejaVu Sans Mono',monospace;font-size:.9em;word-break:break-all}"
  "a{color:#0b4fa8}a:focus,button:focus,select:focus,summary:focus{outline:3px solid #f0a500;outline-offset:2px}"
  ".skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;background:#fff;padding:.3rem}"
  "nav.toc ol{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;list-style:none;padding:0}"
  "table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.92rem}"
  "th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top}"
  "thead th{background:var(--bg-alt)}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}"
  "tr.group th{background:#e8edf4;font-weight:600}"
  ".sev-2 .sev,.sev.e{color:var(--err);font-weight:600}.sev-1 .sev,.sev.w{color:var(--warn);font-weight:600}"
  ".sev-0 .sev,.sev.i{color:var(--info)}"
  ".met{color:var(--met)}.unmet{color:var(--unmet);font-weight:600}"
  "figure.indicator{margin:1rem 0 1.6rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:flex-start}"
  "figure.indicator figcaption{flex-basis:100%}"
  "svg.chart{max-width:100%;height:auto;font-size:12px}svg.chart text{fill:var(--fg)}"
  "svg.chart .bar-met{fill:var(--met)}svg.chart .bar-unmet{fill:var(--unmet)}svg.chart .bar-plain{fill:var(--plain)}"
  "svg.chart .axis{stroke:var(--muted)}svg.chart .target{stroke:#000;stroke-width:2;stroke-dasharray:5 3}"
  "svg.chart text.na{fill:var(--muted);font-style:italic}"
  "blockquote{margin:.4rem 0;padding:.4rem .8rem;border-left:4px solid var(--line);background:var(--bg-alt);white-space:pre-line}"
  "article.rule{margin:1.2rem 0;padding-top:.2rem}"
  ".wide{overflow-x:auto}table.matrix td,table.matrix th{white-space:nowrap}"
  "form.filters{display:flex;flex-wrap:wrap;gap:.6rem 1.2rem;align-items:end;margin:.6rem 0}"
  "form.filters label{display:flex;flex-direction:column;font-size:.9rem}"
  "select,button{font:inherit;padding:.2rem .4rem}"
  ".pager{display:flex;gap:1rem;align-items:center}"
  ".legend span{display:inline-block;width:.9em;height:.9em;margin:0 .3em 0 1em;vertical-align:middle}"
  "@media print{@page{size:A4;margin:14mm 12mm}"
  "body{max-width:none;padding:0;font-size:10pt}nav,.skip,form.filters,.pager,button,noscript{display:none!important}"
  "a{color:inherit;text-decoration:none}h2{break-after:avoid}figure,tr,article.rule{break-inside:avoid}"
  "thead{display:table-header-group}details>summary{list-style:none}}";

static void
write_head (Out              *out,
            CommunityReport  *report,
            CommunityDataset *dataset)
{
  g_autofree char *as_of = community_report_as_of (dataset);

  out_raw (out, "<!DOCTYPE html>\n<html lang=\"");
  /* TRANSLATORS: the language of the HTML report, as an HTML lang
   * attribute: "zh-CN" for Chinese */
  out_text (out, C_("html lang", "en"));
  out_raw (out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
  out_printf (out, "<meta name=\"generator\" content=\"libcommunity %s\">\n", PACKAGE_VERSION);
  out_raw (out, "<title>");
  /* TRANSLATORS: the title of the HTML report */
  out_text (out, _("Community governance report"));
  out_raw (out, "</title>\n<style>");
  out_raw (out, style);
  out_raw (out, "</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#findings\">");
  out_text (out, _("Skip to the findings"));
  out_raw (out, "</a>\n<header>\n<h1>");
  out_text (out, _("Community governance report"));
  out_raw (out, "</h1>\n<p class=\"meta\">");
  /* TRANSLATORS: under the report's title: the ruleset (e.g. wuxi-2018)
   * and the date the data describe */
  out_text (out, _("Ruleset"));
  out_raw (out, " <code>");
  out_text (out, community_report_get_ruleset (report));
  out_raw (out, "</code> · ");
  out_text (out, _("data as of"));
  out_raw (out, " ");
  out_text (out, as_of != NULL ? as_of : "?");
  out_raw (out, "</p>\n</header>\n<nav class=\"toc\" aria-label=\"");
  out_text (out, _("Contents"));
  out_raw (out, "\"><ol>");
  out_printf (out, "<li><a href=\"#summary\">%s</a></li>", _("Summary"));
  out_printf (out, "<li><a href=\"#indicators\">%s</a></li>", _("Indicators"));
  out_printf (out, "<li><a href=\"#rules\">%s</a></li>", _("Findings by rule"));
  out_printf (out, "<li><a href=\"#divisions\">%s</a></li>", _("Findings by division"));
  out_printf (out, "<li><a href=\"#findings\">%s</a></li>", _("All findings"));
  out_raw (out, "</ol></nav>\n<main>\n");
}

typedef struct {
  Out *out;
  CommunityReport *report;
  ReportPlaces *places;
  guint n_findings;
  CommunityFinding **findings; /* the report's, each fetched once */
  int *finding_rule;        /* per finding: its rule's index */
  int *finding_place;       /* per finding: its place, or -1 */
  CommunityIndicatorResult **results; /* the report's indicator results */
  guint n_results;
  int *result_place;        /* per indicator result: its division's place, or -1 */
  int *place_row;           /* per place: its row in a district's table, or -1 */
  int *first_street;        /* per place: the first street or town beneath it, or -1 */
  int *next_street;         /* per street or town: the next one of its parent, or -1 */
  GPtrArray *rule_ids;      /* rule ids, rule results' order, then others */
  GHashTable *rule_index;   /* rule id → index + 1 */
  GPtrArray *indicator_ids; /* in the report's order */
  guint (*place_counts)[COMMUNITY_SEVERITY_ERROR + 1]; /* per place, its findings and those below */
  guint indicators_met, indicators_unmet, indicators_untargeted;
  guint n_ids;              /* element ids handed out */
} Page;

/* For the summary: the applicable indicators that meet their target,
 * that fall short, that have none. */
static void
count_indicators (Page *page)
{
  for (guint i = 0; i < page->n_results; i++)
    {
      CommunityIndicatorResult *result = page->results[i];

      if (!community_indicator_result_is_applicable (result))
        continue;
      if (!community_indicator_result_has_target (result))
        page->indicators_untargeted++;
      else if (community_indicator_result_get_met (result))
        page->indicators_met++;
      else
        page->indicators_unmet++;
    }
}

static void
write_summary (Page *page)
{
  Out *out = page->out;
  GListModel *rules = community_report_get_rule_results (page->report);
  guint n_rules = g_list_model_get_n_items (rules);
  guint failing = 0;

  for (guint i = 0; i < n_rules; i++)
    {
      g_autoptr(CommunityRuleResult) result = g_list_model_get_item (rules, i);

      if (community_rule_result_get_failed (result) > 0)
        failing++;
    }

  out_printf (out, "<section id=\"summary\" aria-labelledby=\"summary-h\">\n<h2 id=\"summary-h\">%s</h2>\n",
              _("Summary"));
  out_raw (out, "<table class=\"summary\">\n<tbody>\n");
  out_printf (out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%u</td></tr>\n",
              _("Findings"), page->n_findings);
  out_printf (out, "<tr><th scope=\"row\" class=\"sev e\">%s</th><td class=\"num\">%u</td></tr>\n",
              _("Errors"), community_report_count (page->report, COMMUNITY_SEVERITY_ERROR));
  out_printf (out, "<tr><th scope=\"row\" class=\"sev w\">%s</th><td class=\"num\">%u</td></tr>\n",
              _("Warnings"), community_report_count (page->report, COMMUNITY_SEVERITY_WARNING));
  out_printf (out, "<tr><th scope=\"row\" class=\"sev i\">%s</th><td class=\"num\">%u</td></tr>\n",
              _("Infos"), community_report_count (page->report, COMMUNITY_SEVERITY_INFO));
  out_printf (out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%u</td></tr>\n",
              _("Rules run"), n_rules);
  out_printf (out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%u</td></tr>\n",
              _("Rules with findings"), failing);
  out_printf (out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%u</td></tr>\n",
              _("Indicators meeting their target"), page->indicators_met);
  out_printf (out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%u</td></tr>\n",
              _("Indicators below their target"), page->indicators_unmet);
  out_printf (out, "<tr><th scope=\"row\">%s</th><td class=\"num\">%u</td></tr>\n",
              _("Indicators without a target (monitored)"), page->indicators_untargeted);
  out_raw (out, "</tbody>\n</table>\n</section>\n");
}

/* --- indicators --- */

static const char *
place_label (ReportPlaces *places,
             int           index,
             const char   *code)
{
  const ReportPlace *place = community_report_place (places, index);

  return place != NULL && place->name != NULL ? place->name : code;
}

/* What community_report_percent() writes ("97.5%"), in @buffer, which
 * needs PERCENT_SIZE bytes; returns the length. A rate's tenths of a per
 * cent are rounded by hand, as printf's "%.1f" rounds them, unless the
 * value lies too near a half for a double's product to tell (or is
 * negative, huge or not a number): then community_report_percent() does. */
#define PERCENT_SIZE (G_ASCII_DTOSTR_BUF_SIZE + 2)
static gsize
format_percent (char   buffer[PERCENT_SIZE],
                double value)
{
  double percent = value * 100.0;
  g_autofree char *text = NULL;

  if (percent >= 0.0 && percent < 1e6 && !signbit (percent))
    {
      double tenths = percent * 10.0;
      double whole = floor (tenths);
      double fraction = tenths - whole;

      if (fabs (fraction - 0.5) > 1e-6)
        {
          guint64 n = (guint64) whole + (fraction > 0.5 ? 1 : 0);
          char *p = buffer + PERCENT_SIZE;
          guint64 units = n / 10;

          *--p = '%';
          *--p = '0' + n % 10;
          *--p = '.';
          do
            {
              *--p = '0' + units % 10;
              units /= 10;
            }
          while (units != 0);
          memmove (buffer, p, buffer + PERCENT_SIZE - p);
          return buffer + PERCENT_SIZE - p;
        }
    }
  text = community_report_percent (value);
  g_strlcpy (buffer, text, PERCENT_SIZE);
  return strlen (buffer);
}

static void
out_percent (Out    *out,
             double  value)
{
  char buffer[PERCENT_SIZE];

  out_len (out, buffer, format_percent (buffer, value));
}

static void
write_target (Out                      *out,
              CommunityIndicatorResult *result)
{
  double target;

  if (!community_indicator_result_has_target (result))
    {
      OUT_LITERAL (out, "—");
      return;
    }
  target = community_indicator_result_get_target (result);
  /* A rate cannot exceed 1: a target of 1 means all of them. */
  if (target >= 1.0)
    OUT_LITERAL (out, "= ");
  else
    OUT_LITERAL (out, "≥ ");
  out_percent (out, target);
}

/* One indicator over some divisions (@rows: indices of the report's
 * indicator results): a bar chart and its table. */
static void
write_figure (Page       *page,
              const char *indicator,
              const guint *rows,
              guint       n_rows,
              gboolean    with_table)
{
  Out *out = page->out;
  const int row = 24, label_w = 150, bar_w = 300, top = 22;
  const int width = label_w + bar_w + 60;
  int height = top + (int) n_rows * row + 8;
  int id = ++page->n_ids;
  CommunityIndicatorResult *first = page->results[rows[0]];
  gboolean has_target = community_indicator_result_has_target (first);
  const char *not_applicable = _("n/a");

  out_ints (out, "<figure class=\"indicator\" aria-labelledby=\"fig%d\">\n<figcaption id=\"fig%d\"><h4>", id, id);
  out_text (out, community_report_indicator_title (indicator));
  out_raw (out, "</h4> <code>");
  out_text (out, indicator);
  out_raw (out, "</code> · <span class=\"muted\">");
  out_text (out, _("target"));
  out_raw (out, " ");
  write_target (out, first);
  out_raw (out, "</span></figcaption>\n");

  /* The chart. */
  out_ints (out, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                 "viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"fig%d\">\n",
            width, height, width, height, id);
  out_ints (out, "<line class=\"axis\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>\n",
            label_w, top - 4, label_w, height - 4);
  for (guint i = 0; i < n_rows; i++)
    {
      CommunityIndicatorResult *result = page->results[rows[i]];
      const char *label = place_label (page->places, page->result_place[rows[i]],
                                       community_indicator_result_get_division (result));
      int y = top + (int) i * row;

      out_ints (out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", label_w - 6, y + 16);
      out_text (out, label);
      OUT_LITERAL (out, "</text>");
      if (community_indicator_result_is_applicable (result))
        {
          double value = CLAMP (community_indicator_result_get_value (result), 0.0, 1.0);
          char percent[PERCENT_SIZE];
          gsize percent_len = format_percent (percent, community_indicator_result_get_value (result));
          const char *klass = !has_target ? "bar-plain"
                              : community_indicator_result_get_met (result) ? "bar-met" : "bar-unmet";

          OUT_LITERAL (out, "<rect class=\"");
          out_raw (out, klass);
          out_ints (out, "\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"16\"><title>",
                    label_w, y + 4, (int) lround (value * bar_w));
          out_text (out, label);
          OUT_LITERAL (out, ": ");
          out_len (out, percent, percent_len);
          out_ints (out, "</title></rect><text x=\"%d\" y=\"%d\">", label_w + bar_w + 8, y + 16);
          out_len (out, percent, percent_len);
          OUT_LITERAL (out, "</text>\n");
        }
      else
        {
          out_ints (out, "<text class=\"na\" x=\"%d\" y=\"%d\">", label_w + 4, y + 16);
          out_text (out, not_applicable);
          OUT_LITERAL (out, "</text>\n");
        }
    }
  if (has_target)
    {
      double target = CLAMP (community_indicator_result_get_target (first), 0.0, 1.0);
      int x = label_w + (int) lround (target * bar_w);

      out_ints (out, "<line class=\"target\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"><title>", x, top - 6, x, height - 2);
      out_text (out, _("target"));
      OUT_LITERAL (out, " ");
      out_percent (out, target);
      out_ints (out, "</title></line><text x=\"%d\" y=\"%d\" text-anchor=\"middle\">", x, top - 9);
      out_text (out, _("target"));
      OUT_LITERAL (out, " ");
      out_percent (out, target);
      OUT_LITERAL (out, "</text>\n");
    }
  out_raw (out, "</svg>\n");
  if (!with_table)
    {
      out_raw (out, "</figure>\n");
      return;
    }

  /* The table. */
  out_raw (out, "<table>\n<thead><tr>");
  out_printf (out, "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                   "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\" class=\"num\">%s</th>",
              _("Division"), _("Value"), _("Target"), _("Met"), _("Numerator/denominator"));
  out_raw (out, "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < n_rows; i++)
    {
      CommunityIndicatorResult *result = page->results[rows[i]];
      const char *code = community_indicator_result_get_division (result);
      gboolean applicable = community_indicator_result_is_applicable (result);

      OUT_LITERAL (out, "<tr><th scope=\"row\">");
      out_text (out, place_label (page->places, page->result_place[rows[i]], code));
      OUT_LITERAL (out, " <code>");
      out_text (out, code);
      OUT_LITERAL (out, "</code></th><td class=\"num\">");
      if (applicable)
        out_percent (out, community_indicator_result_get_value (result));
      else
        out_text (out, not_applicable);
      OUT_LITERAL (out, "</td><td class=\"num\">");
      write_target (out, result);
      OUT_LITERAL (out, "</td>");
      if (!applicable)
        out_printf (out, "<td>%s</td>", not_applicable);
      else if (!has_target)
        OUT_LITERAL (out, "<td>—</td>");
      else if (community_indicator_result_get_met (result))
        out_printf (out, "<td class=\"met\">✓ %s</td>", _("yes"));
      else
        out_printf (out, "<td class=\"unmet\">✗ %s</td>", _("no"));
      OUT_LITERAL (out, "<td class=\"num\">");
      out_number (out, community_indicator_result_get_numerator (result));
      OUT_LITERAL (out, "/");
      out_number (out, community_indicator_result_get_denominator (result));
      OUT_LITERAL (out, "</td></tr>\n");
      out_check (out);
    }
  out_raw (out, "</tbody>\n</table>\n</figure>\n");
}

/* One district's streets and towns: a table of every indicator (@ids,
 * each with the indices of its results in @columns), then a chart of
 * each. */
static void
write_district_streets (Page      *page,
                        int        district,
                        GPtrArray *ids,
                        GPtrArray *columns)
{
  Out *out = page->out;
  const ReportPlace *place = community_report_place (page->places, district);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (int));  /* street places, in order */
  g_autofree int *cells = NULL;   /* row by column: a result's index, or -1 */
  const char *not_applicable = _("n/a");

  /* The rows: each street in the order the columns first name it
   * (page->place_row numbers them, and is all -1 again at the end). */
  for (guint k = 0; k < columns->len; k++)
    {
      GArray *results = columns->pdata[k];

      for (guint i = 0; i < results->len; i++)
        {
          int street = page->result_place[g_array_index (results, guint, i)];

          if (page->place_row[street] < 0)
            {
              page->place_row[street] = rows->len;
              g_array_append_val (rows, street);
            }
        }
    }
  cells = g_new (int, MAX (rows->len * columns->len, 1));
  memset (cells, 0xff, rows->len * columns->len * sizeof *cells);   /* -1 */
  for (guint k = 0; k < columns->len; k++)
    {
      GArray *results = columns->pdata[k];

      for (guint i = 0; i < results->len; i++)
        {
          guint result = g_array_index (results, guint, i);

          cells[page->place_row[page->result_place[result]] * columns->len + k] = result;
        }
    }
  for (guint r = 0; r < rows->len; r++)
    page->place_row[g_array_index (rows, int, r)] = -1;

  out_raw (out, "<details class=\"district\">\n<summary>");
  out_text (out, place->name);
  out_raw (out, " <code>");
  out_text (out, place->code);
  out_raw (out, "</code></summary>\n<div class=\"wide\"><table class=\"matrix\">\n<thead><tr>");
  out_printf (out, "<th scope=\"col\">%s</th>", _("Street/town"));
  for (guint k = 0; k < ids->len; k++)
    {
      GArray *results = columns->pdata[k];

      out_raw (out, "<th scope=\"col\">");
      out_text (out, community_report_indicator_title (ids->pdata[k]));
      out_raw (out, "<br><code>");
      out_text (out, ids->pdata[k]);
      out_raw (out, "</code><br><span class=\"muted\">");
      write_target (out, page->results[g_array_index (results, guint, 0)]);
      out_raw (out, "</span></th>");
    }
  out_raw (out, "</tr></thead>\n<tbody>\n");
  for (guint r = 0; r < rows->len; r++)
    {
      const ReportPlace *street = community_report_place (page->places, g_array_index (rows, int, r));

      OUT_LITERAL (out, "<tr><th scope=\"row\">");
      out_text (out, street->name != NULL ? street->name : street->code);
      OUT_LITERAL (out, " <code>");
      out_text (out, street->code);
      OUT_LITERAL (out, "</code></th>");
      for (guint k = 0; k < ids->len; k++)
        {
          static const char * const cell_start[] = {
            "<td class=\"num\">", "<td class=\"num met\">", "<td class=\"num unmet\">",
          };
          static const char * const cell_end[] = { "</td>", " ✓</td>", " ✗</td>" };
          int cell = cells[r * columns->len + k];
          CommunityIndicatorResult *result = cell >= 0 ? page->results[cell] : NULL;
          guint state;

          if (result == NULL)
            {
              OUT_LITERAL (out, "<td class=\"num\">—</td>");
              continue;
            }
          if (!community_indicator_result_is_applicable (result))
            {
              OUT_LITERAL (out, "<td class=\"num\">");
              out_raw (out, not_applicable);
              OUT_LITERAL (out, "</td>");
              continue;
            }
          /* Without a target, meeting it, below it. */
          state = !community_indicator_result_has_target (result) ? 0
                  : community_indicator_result_get_met (result) ? 1 : 2;
          out_raw (out, cell_start[state]);
          out_percent (out, community_indicator_result_get_value (result));
          out_raw (out, cell_end[state]);
        }
      out_raw (out, "</tr>\n");
    }
  out_raw (out, "</tbody>\n</table></div>\n");
  for (guint k = 0; k < ids->len; k++)
    {
      GArray *results = columns->pdata[k];

      write_figure (page, ids->pdata[k], (const guint *) (gpointer) results->data, results->len, FALSE);
    }
  out_raw (out, "</details>\n");
}

static void
write_indicators (Page *page)
{
  Out *out = page->out;
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_array_unref);
  g_autoptr(GPtrArray) districts = g_ptr_array_new ();   /* of place indices, as pointers */
  g_autofree gboolean *is_listed = g_new0 (gboolean, MAX (page->places->places->len, 1));
  g_autoptr(GArray) upper = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Each indicator's results, as indices into page->results. */
  for (guint i = 0; i < page->n_results; i++)
    {
      const char *id = community_indicator_result_get_id (page->results[i]);
      GArray *list = g_hash_table_lookup (by_id, id);

      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (by_id, (gpointer) id, list);
          g_ptr_array_add (page->indicator_ids, (gpointer) id);
        }
      g_array_append_val (list, i);
    }

  out_printf (out, "<section id=\"indicators\" aria-labelledby=\"indicators-h\">\n<h2 id=\"indicators-h\">%s</h2>\n",
              _("Indicators against their targets"));
  out_raw (out, "<p class=\"legend\">");
  out_text (out, _("Each bar is a division's value; the dashed line is the target."));
  out_printf (out, "<span style=\"background:#1b6e34\"></span>%s", _("meets the target"));
  out_printf (out, "<span style=\"background:#b3261e\"></span>%s", _("below the target"));
  out_printf (out, "<span style=\"background:#3d5a80\"></span>%s", _("no target (monitored)"));
  out_raw (out, "</p>\n");
  if (page->indicator_ids->len == 0)
    out_printf (out, "<p>%s</p>\n", _("The report has no indicators."));

  /* The city, the districts and counties. */
  out_printf (out, "<h3>%s</h3>\n", _("The city, its districts and counties"));
  for (guint k = 0; k < page->indicator_ids->len; k++)
    {
      GArray *list = g_hash_table_lookup (by_id, page->indicator_ids->pdata[k]);

      g_array_set_size (upper, 0);
      for (guint i = 0; i < list->len; i++)
        {
          guint result = g_array_index (list, guint, i);
          int index = page->result_place[result];
          const ReportPlace *place = community_report_place (page->places, index);

          if (place == NULL || place->tier <= REPORT_TIER_DISTRICT)
            g_array_append_val (upper, result);
          if (place != NULL && place->tier == REPORT_TIER_DISTRICT && !is_listed[index])
            {
              is_listed[index] = TRUE;
              g_ptr_array_add (districts, GINT_TO_POINTER (index + 1));
            }
        }
      if (upper->len > 0)
        write_figure (page, page->indicator_ids->pdata[k], (const guint *) (gpointer) upper->data,
                      upper->len, TRUE);
    }

  /* The streets and towns, district by district: one table of every
   * indicator (a table per chart would make a province's page heavy),
   * then a chart per indicator. */
  out_printf (out, "<h3>%s</h3>\n", _("Streets and towns, by district or county"));
  {
    guint n_ids = page->indicator_ids->len;
    /* The street results of each district, indicator by indicator, in
     * one pass over the results (a pass per district was quadratic on a
     * province: a hundred districts, 27,000 results). */
    g_autoptr(GHashTable) by_district = g_hash_table_new_full (NULL, NULL, NULL, g_free);

    for (guint k = 0; k < n_ids; k++)
      {
        GArray *list = g_hash_table_lookup (by_id, page->indicator_ids->pdata[k]);

        for (guint i = 0; i < list->len; i++)
          {
            guint result = g_array_index (list, guint, i);
            int index = page->result_place[result];
            GArray **slots;
            int district;

            if (index < 0 || community_report_place (page->places, index)->tier != REPORT_TIER_STREET)
              continue;
            district = community_report_places_at_tier (page->places, index, REPORT_TIER_DISTRICT);
            slots = g_hash_table_lookup (by_district, GINT_TO_POINTER (district + 1));
            if (slots == NULL)
              {
                slots = g_new0 (GArray *, n_ids);
                g_hash_table_insert (by_district, GINT_TO_POINTER (district + 1), slots);
              }
            if (slots[k] == NULL)
              slots[k] = g_array_new (FALSE, FALSE, sizeof (guint));
            g_array_append_val (slots[k], result);
          }
      }

    page->place_row = g_new (int, MAX (page->places->places->len, 1));
    memset (page->place_row, 0xff, page->places->places->len * sizeof *page->place_row);   /* -1 */
    for (guint d = 0; d < districts->len; d++)
      {
        int district = GPOINTER_TO_INT (districts->pdata[d]) - 1;
        GArray **slots = g_hash_table_lookup (by_district, GINT_TO_POINTER (district + 1));
        g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
        g_autoptr(GPtrArray) ids = g_ptr_array_new ();

        for (guint k = 0; slots != NULL && k < n_ids; k++)
          if (slots[k] != NULL)
            {
              g_ptr_array_add (columns, g_steal_pointer (&slots[k]));
              g_ptr_array_add (ids, page->indicator_ids->pdata[k]);
            }
        if (columns->len == 0)
          continue;
        write_district_streets (page, district, ids, columns);
      }
    g_clear_pointer (&page->place_row, g_free);
    /* Districts not in the list (none, as the list is every district with
     * a result) would leave their arrays: free what is left. */
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, by_district);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        for (guint k = 0; k < n_ids; k++)
          g_clear_pointer (&((GArray **) value)[k], g_array_unref);
    }
  }
  out_raw (out, "</section>\n");
}

/* --- findings --- */

static void
write_finding_row (Page             *page,
                   CommunityFinding *finding)
{
  Out *out = page->out;
  g_autofree char *expected = community_report_value_text (community_finding_get_expected (finding));
  g_autofree char *actual = community_report_value_text (community_finding_get_actual (finding));
  CommunitySeverity severity = community_finding_get_severity (finding);
  char message[COMMUNITY_FINDING_MESSAGE_BUFFER];

  out_printf (out, "<tr class=\"sev-%d\"><td class=\"sev\">%s</td><td>", (int) severity,
              community_report_severity_label (severity));
  out_text (out, community_finding_get_rule (finding));
  out_printf (out, "</td><td>%s ", community_report_kind_nick (community_finding_get_subject_kind (finding)));
  out_text (out, community_finding_get_subject_id (finding));
  out_raw (out, "</td><td class=\"path\">");
  out_text (out, community_finding_get_path (finding));
  out_raw (out, "</td><td>");
  out_text (out, community_finding_message (finding, message, sizeof message));
  out_raw (out, "</td><td>");
  out_text (out, expected);
  out_raw (out, "</td><td>");
  out_text (out, actual);
  out_raw (out, "</td></tr>\n");
}

static void
write_findings_head (Page *page)
{
  out_printf (page->out,
              "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
              "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
              "<th scope=\"col\">%s</th></tr></thead>\n",
              _("Severity"), _("Rule"), _("Subject"), _("Path"), _("Message"),
              _("Expected"), _("Actual"));
}

/* The text of each clause @clauses names ("一(三), 三(四)": two), quoted
 * from the policy. */
static void
write_clause_quotes (Out        *out,
                     const char *clauses)
{
  g_auto(GStrv) names = g_strsplit (clauses != NULL ? clauses : "", ",", -1);

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = g_strstrip (names[i]);
      const char *title = community_report_clause_title (name);
      const char *text = community_report_clause_text (name);

      if (text == NULL)
        continue;
      out_raw (out, "<details open><summary>");
      out_text (out, _("The clause, as the policy words it"));
      out_raw (out, ": ");
      out_text (out, name);
      if (title != NULL)
        {
          out_raw (out, " <span lang=\"zh-CN\">");
          out_text (out, title);
          out_raw (out, "</span>");
        }
      out_raw (out, "</summary><blockquote lang=\"zh-CN\">");
      out_text (out, text);
      out_raw (out, "</blockquote></details>\n");
    }
}

static void
write_rules (Page *page)
{
  Out *out = page->out;
  GListModel *rules = community_report_get_rule_results (page->report);
  guint n_rules = g_list_model_get_n_items (rules);
  guint position = 0;

  out_printf (out, "<section id=\"rules\" aria-labelledby=\"rules-h\">\n<h2 id=\"rules-h\">%s</h2>\n",
              _("Findings by rule"));
  out_raw (out, "<table>\n<thead><tr>");
  out_printf (out, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
                   "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                   "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>",
              _("Rule"), _("Severity"), _("Clause"), _("Applied"), _("Passed"), _("Failed"),
              _("Not applicable"));
  out_raw (out, "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < n_rules; i++)
    {
      g_autoptr(CommunityRuleResult) result = g_list_model_get_item (rules, i);
      CommunitySeverity severity = community_rule_result_get_severity (result);
      guint failed = community_rule_result_get_failed (result);

      out_raw (out, "<tr><th scope=\"row\">");
      if (failed > 0)
        {
          out_raw (out, "<a href=\"#rule-");
          out_text (out, community_rule_result_get_id (result));
          out_raw (out, "\">");
        }
      out_text (out, community_rule_result_get_id (result));
      out_printf (out, "%s</th><td class=\"sev %c\">%s</td><td>", failed > 0 ? "</a>" : "",
                  "iwe"[severity], community_report_severity_label (severity));
      out_text (out, community_rule_result_get_clause (result));
      out_printf (out, "</td><td class=\"num\">%u</td><td class=\"num\">%u</td>"
                       "<td class=\"num%s\">%u</td><td class=\"num\">%u</td></tr>\n",
                  community_rule_result_get_applied (result), community_rule_result_get_passed (result),
                  failed > 0 ? " unmet" : "", failed, community_rule_result_get_not_applicable (result));
    }
  out_raw (out, "</tbody>\n</table>\n");

  /* Each rule with findings: its clause quoted, its first findings. The
   * report keeps each rule's findings together. */
  while (position < page->n_findings)
    {
      CommunityFinding *first = page->findings[position];
      const char *rule = community_finding_get_rule (first);
      const char *clause = community_finding_get_clause (first);
      guint end = position + 1;
      int rule_index = page->finding_rule[position];

      while (end < page->n_findings && page->finding_rule[end] == rule_index)
        end++;

      out_raw (out, "<article class=\"rule\" id=\"rule-");
      out_text (out, rule);
      out_raw (out, "\">\n<h3>");
      out_text (out, rule);
      out_printf (out, " <span class=\"sev %c\">%s</span></h3>\n<p>",
                  "iwe"[community_finding_get_severity (first)],
                  community_report_severity_label (community_finding_get_severity (first)));
      out_text (out, _("Clause"));
      out_raw (out, " ");
      out_text (out, clause);
      out_raw (out, " · ");
      out_printf (out, dngettext (GETTEXT_PACKAGE, "%u finding", "%u findings", end - position),
                  end - position);
      out_raw (out, "</p>\n");
      write_clause_quotes (out, clause);
      out_raw (out, "<table>\n");
      write_findings_head (page);
      out_raw (out, "<tbody>\n");
      for (guint i = position; i < MIN (end, position + STATIC_FINDINGS_PER_RULE); i++)
        write_finding_row (page, page->findings[i]);
      out_raw (out, "</tbody>\n</table>\n");
      if (end - position > STATIC_FINDINGS_PER_RULE)
        {
          out_raw (out, "<p>");
          out_printf (out, _("The first %u of %u; all of them are in the list of findings."),
                      STATIC_FINDINGS_PER_RULE, end - position);
          out_raw (out, "</p>\n");
        }
      out_printf (out, "<p><button type=\"button\" data-rule=\"%d\">", rule_index);
      out_text (out, _("Show this rule's findings in the list"));
      out_raw (out, "</button></p>\n</article>\n");
      position = end;
    }
  if (page->n_findings == 0)
    out_printf (out, "<p>%s</p>\n", _("No findings: the data meet every rule that ran."));
  out_raw (out, "</section>\n");
}

static void
write_count_cells (Out   *out,
                   guint *counts)
{
  out_printf (out, "<td class=\"num\">%u</td><td class=\"num\">%u</td><td class=\"num\">%u</td></tr>\n",
              counts[COMMUNITY_SEVERITY_ERROR], counts[COMMUNITY_SEVERITY_WARNING],
              counts[COMMUNITY_SEVERITY_INFO]);
}

/* The findings per district and county, and per street and town beneath. */
static void
write_divisions (Page *page)
{
  Out *out = page->out;
  guint n_places = page->places->places->len;

  out_printf (out, "<section id=\"divisions\" aria-labelledby=\"divisions-h\">\n<h2 id=\"divisions-h\">%s</h2>\n",
              _("Findings by division"));
  out_raw (out, "<table>\n<thead><tr>");
  out_printf (out, "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
                   "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>",
              _("Division"), _("Errors"), _("Warnings"), _("Infos"));
  out_raw (out, "</tr></thead>\n<tbody>\n");
  for (guint i = 0; i < n_places; i++)
    {
      const ReportPlace *place = community_report_place (page->places, i);

      if (place->tier != REPORT_TIER_CITY && place->tier != REPORT_TIER_DISTRICT)
        continue;
      out_printf (out, "<tr class=\"group\"><th scope=\"row\">");
      out_text (out, place->name);
      out_raw (out, " <code>");
      out_text (out, place->code);
      out_raw (out, "</code></th>");
      write_count_cells (out, page->place_counts[i]);
      if (place->tier != REPORT_TIER_DISTRICT)
        continue;
      for (int j = page->first_street[i]; j >= 0; j = page->next_street[j])
        {
          const ReportPlace *street = community_report_place (page->places, j);

          out_raw (out, "<tr><th scope=\"row\">\u2003");
          out_text (out, street->name);
          out_raw (out, " <code>");
          out_text (out, street->code);
          out_raw (out, "</code></th>");
          write_count_cells (out, page->place_counts[j]);
        }
    }
  out_raw (out, "</tbody>\n</table>\n</section>\n");
}

static void
write_option (Out        *out,
              int         value,
              const char *label)
{
  out_printf (out, "<option value=\"%d\">", value);
  out_text (out, label);
  out_raw (out, "</option>");
}

static void
write_filters (Page *page)
{
  Out *out = page->out;
  guint n_places = page->places->places->len;

  out_printf (out, "<section id=\"findings\" aria-labelledby=\"findings-h\">\n<h2 id=\"findings-h\">%s</h2>\n",
              _("All findings"));
  out_printf (out, "<noscript><p>%s</p></noscript>\n",
              _("The list of findings needs scripts; each rule above shows its first findings."));
  out_printf (out, "<form class=\"filters\" id=\"filters\" role=\"search\" aria-label=\"%s\" hidden>\n",
              _("Filters"));
  out_printf (out, "<label for=\"f-severity\">%s<select id=\"f-severity\"><option value=\"\">%s</option>",
              _("Severity"), _("all"));
  for (int s = COMMUNITY_SEVERITY_ERROR; s >= COMMUNITY_SEVERITY_INFO; s--)
    write_option (out, s, community_report_severity_label (s));
  out_raw (out, "</select></label>\n");

  out_printf (out, "<label for=\"f-rule\">%s<select id=\"f-rule\"><option value=\"\">%s</option>",
              _("Rule"), _("all"));
  for (guint i = 0; i < page->rule_ids->len; i++)
    write_option (out, i, page->rule_ids->pdata[i]);
  out_raw (out, "</select></label>\n");

  out_printf (out, "<label for=\"f-division\">%s<select id=\"f-division\"><option value=\"\">%s</option>",
              _("Division"), _("all"));
  /* The city, then each district with its streets beneath it. */
  for (guint i = 0; i < n_places; i++)
    {
      const ReportPlace *place = community_report_place (page->places, i);

      if (place->tier == REPORT_TIER_CITY || place->tier == REPORT_TIER_DISTRICT)
        {
          g_autofree char *label = g_strdup_printf ("%s %s", place->name != NULL ? place->name : "", place->code);

          write_option (out, i, label);
        }
      if (place->tier != REPORT_TIER_DISTRICT)
        continue;
      for (int j = page->first_street[i]; j >= 0; j = page->next_street[j])
        {
          const ReportPlace *street = community_report_place (page->places, j);
          g_autofree char *label = NULL;

          label = g_strdup_printf ("\u2003%s %s", street->name != NULL ? street->name : "", street->code);
          write_option (out, j, label);
        }
    }
  out_raw (out, "</select></label>\n");

  out_printf (out, "<label for=\"f-group\">%s<select id=\"f-group\">", _("Group by"));
  out_printf (out, "<option value=\"rule\">%s</option><option value=\"division\">%s</option>",
              _("rule"), _("division (city, district, street, community)"));
  out_raw (out, "</select></label>\n</form>\n");
  out_raw (out, "<p id=\"f-count\" aria-live=\"polite\"></p>\n<table id=\"f-table\">\n");
  write_findings_head (page);
  out_raw (out, "<tbody id=\"f-body\"></tbody>\n</table>\n");
  out_printf (out, "<div class=\"pager\" id=\"f-pager\" hidden><button type=\"button\" id=\"f-prev\">%s</button>"
                   "<span id=\"f-page\"></span><button type=\"button\" id=\"f-next\">%s</button></div>\n",
              _("Previous page"), _("Next page"));
  out_raw (out, "</section>\n</main>\n");
}

/* The data the script shows: rules, places, labels, then the findings,
 * one compact array each. */
static void
write_data (Page *page)
{
  Out *out = page->out;
  GEnumClass *kinds = g_type_class_ref (COMMUNITY_TYPE_ENTITY_KIND);

  out_raw (out, "<script type=\"application/json\" id=\"report-data\">{\"rules\":[");
  for (guint i = 0; i < page->rule_ids->len; i++)
    {
      out_raw (out, i > 0 ? ",[" : "[");
      out_json_string (out, page->rule_ids->pdata[i]);
      out_raw (out, "]");
    }
  out_raw (out, "],\n\"kinds\":[");
  for (guint i = 0; i < kinds->n_values; i++)
    {
      out_raw (out, i > 0 ? "," : "");
      out_json_string (out, kinds->values[i].value_nick);
    }
  g_type_class_unref (kinds);
  out_raw (out, "],\n\"places\":[");
  for (guint i = 0; i < page->places->places->len; i++)
    {
      const ReportPlace *place = community_report_place (page->places, i);

      out_raw (out, i > 0 ? ",\n[" : "[");
      out_json_string (out, place->code);
      out_raw (out, ",");
      out_json_string (out, place->name);
      out_printf (out, ",%d,%d]", (int) place->tier, place->parent);
    }
  out_raw (out, "],\n\"labels\":{\"severities\":[");
  for (int s = COMMUNITY_SEVERITY_INFO; s <= COMMUNITY_SEVERITY_ERROR; s++)
    {
      out_raw (out, s > 0 ? "," : "");
      out_json_string (out, community_report_severity_label (s));
    }
  out_raw (out, "],\"count\":");
  /* TRANSLATORS: above the list of findings; keep {shown} and {total} */
  out_json_string (out, _("Showing {shown} of {total} findings"));
  out_raw (out, ",\"page\":");
  /* TRANSLATORS: between the page buttons; keep {page} and {pages} */
  out_json_string (out, _("Page {page} of {pages}"));
  out_raw (out, ",\"none\":");
  out_json_string (out, _("No finding matches these filters."));
  out_raw (out, ",\"nowhere\":");
  out_json_string (out, _("(no division)"));
  out_raw (out, "},\n\"findings\":[");
  for (guint i = 0; i < page->n_findings; i++)
    {
      CommunityFindingView finding;
      char message[COMMUNITY_FINDING_MESSAGE_BUFFER];

      community_finding_view (page->findings[i], &finding);
      {
        gint64 numbers[3] = { page->finding_rule[i], finding.severity, finding.subject_kind };
        const char *strings[3] = { finding.subject_id, finding.path,
                                   community_finding_message (page->findings[i], message, sizeof message) };
        JsonNode *values[2] = { finding.expected, finding.actual };

        if (i > 0)
          OUT_LITERAL (out, ",\n[");
        else
          OUT_LITERAL (out, "[");
        for (guint n = 0; n < G_N_ELEMENTS (numbers); n++)
          {
            out_int (out, numbers[n]);
            OUT_LITERAL (out, ",");
          }
        for (guint n = 0; n < G_N_ELEMENTS (strings); n++)
          {
            out_json_string (out, strings[n]);
            OUT_LITERAL (out, ",");
          }
        for (guint n = 0; n < G_N_ELEMENTS (values); n++)
          {
            out_json_value (out, values[n]);
            OUT_LITERAL (out, ",");
          }
        out_int (out, page->finding_place[i]);
        OUT_LITERAL (out, "]");
      }
      out_check (out);
      if (out->error != NULL)
        return;
      if (i % 4096 == 0 && g_cancellable_set_error_if_cancelled (out->cancellable, &out->error))
        return;
    }
  out_raw (out, "]}</script>\n");
}

static const char script[] =
  "(function(){\"use strict\";\n"
  "var $=function(i){return document.getElementById(i);};\n"
  "var D=JSON.parse($(\"report-data\").textContent),F=D.findings,P=D.places,R=D.rules,L=D.labels;\n"
  "var PAGE=100,page=0,shown=[];\n"
  "var sev=$(\"f-severity\"),rule=$(\"f-rule\"),div=$(\"f-division\"),group=$(\"f-group\");\n"
  "var body=$(\"f-body\"),count=$(\"f-count\"),label=$(\"f-page\"),prev=$(\"f-prev\"),next=$(\"f-next\");\n"
  "function chain(i){var c=[];for(var n=0;i>=0&&n<8;n++,i=P[i][3])c.unshift(i);return c;}\n"
  "var keys=P.map(function(p,i){return chain(i).map(function(j){return P[j][0];}).join(\"/\");});\n"
  "function apply(){\n"
  " var s=sev.value===\"\"?-1:+sev.value,r=rule.value===\"\"?-1:+rule.value,d=div.value===\"\"?-1:+div.value,in_=null,i;\n"
  " if(d>=0){in_=new Uint8Array(P.length);for(i=0;i<P.length;i++)in_[i]=chain(i).indexOf(d)>=0?1:0;}\n"
  " shown=[];\n"
  " for(i=0;i<F.length;i++){var f=F[i];if(s>=0&&f[1]!==s)continue;if(r>=0&&f[0]!==r)continue;\n"
  "  if(in_&&(f[8]<0||!in_[f[8]]))continue;shown.push(i);}\n"
  " if(group.value===\"division\")shown.sort(function(a,b){var x=F[a][8]<0?\"~\":keys[F[a][8]],y=F[b][8]<0?\"~\":keys[F[b][8]];return x<y?-1:x>y?1:a-b;});\n"
  " page=0;render();}\n"
  "function groupOf(f){if(group.value===\"division\")return f[8]<0?L.nowhere:chain(f[8]).map(function(j){return (P[j][1]||\"\")+\" \"+P[j][0];}).join(\" › \");\n"
  " return R[f[0]][0];}\n"
  "function cell(tr,t,c){var td=document.createElement(\"td\");td.textContent=t===null?\"—\":t;if(c)td.className=c;tr.appendChild(td);}\n"
  "function render(){var fr=document.createDocumentFragment(),last=null,n,start=page*PAGE,end=Math.min(shown.length,start+PAGE);\n"
  " for(n=start;n<end;n++){var f=F[shown[n]],g=groupOf(f);\n"
  "  if(g!==last){var h=document.createElement(\"tr\"),th=document.createElement(\"th\");h.className=\"group\";th.scope=\"colgroup\";th.colSpan=7;th.textContent=g;h.appendChild(th);fr.appendChild(h);last=g;}\n"
  "  var tr=document.createElement(\"tr\");tr.className=\"sev-\"+f[1];\n"
  "  cell(tr,L.severities[f[1]],\"sev\");cell(tr,R[f[0]][0]);cell(tr,D.kinds[f[2]]+\" \"+f[3]);cell(tr,f[4],\"path\");\n"
  "  cell(tr,f[5]);cell(tr,f[6]);cell(tr,f[7]);fr.appendChild(tr);}\n"
  " if(shown.length===0){var e=document.createElement(\"tr\"),td=document.createElement(\"td\");td.colSpan=7;td.textContent=L.none;e.appendChild(td);fr.appendChild(e);}\n"
  " body.replaceChildren(fr);\n"
  " var pages=Math.max(1,Math.ceil(shown.length/PAGE));\n"
  " count.textContent=L.count.replace(\"{shown}\",shown.length).replace(\"{total}\",F.length);\n"
  " label.textContent=L.page.replace(\"{page}\",page+1).replace(\"{pages}\",pages);\n"
  " prev.disabled=page===0;next.disabled=page>=pages-1;}\n"
  "[sev,rule,div,group].forEach(function(e){e.addEventListener(\"change\",apply);});\n"
  "prev.addEventListener(\"click\",function(){if(page>0){page--;render();}});\n"
  "next.addEventListener(\"click\",function(){page++;render();});\n"
  "document.querySelectorAll(\"button[data-rule]\").forEach(function(b){b.addEventListener(\"click\",function(){\n"
  " rule.value=b.getAttribute(\"data-rule\");sev.value=\"\";div.value=\"\";group.value=\"rule\";apply();$(\"findings\").scrollIntoView();rule.focus();});});\n"
  "window.addEventListener(\"beforeprint\",function(){document.querySelectorAll(\"details\").forEach(function(d){d.open=true;});});\n"
  "$(\"filters\").hidden=false;$(\"f-pager\").hidden=false;apply();\n"
  "})();\n";

static void
write_tail (Out *out)
{
  out_raw (out, "<script>\n");
  out_raw (out, script);
  out_raw (out, "</script>\n<footer class=\"muted\"><p>");
  out_printf (out, _("Written by libcommunity %s. Findings never carry personal data."), PACKAGE_VERSION);
  out_raw (out, "</p></footer>\n</body>\n</html>\n");
}

static void
add_rule (Page       *page,
          const char *id)
{
  if (g_hash_table_contains (page->rule_index, id))
    return;
  g_ptr_array_add (page->rule_ids, g_strdup (id));
  g_hash_table_insert (page->rule_index, page->rule_ids->pdata[page->rule_ids->len - 1],
                       GUINT_TO_POINTER (page->rule_ids->len));
}

/* The rule ids: the report's rule results in catalog order, then any rule
 * a finding names that is not among them; and each finding's rule. The
 * report keeps a rule's findings together: a finding of the same rule as
 * the one before needs no look-up. */
static void
collect_rules (Page *page)
{
  GListModel *rules = community_report_get_rule_results (page->report);
  const char *last = NULL;
  int last_index = -1;

  for (guint i = 0; i < g_list_model_get_n_items (rules); i++)
    {
      g_autoptr(CommunityRuleResult) result = g_list_model_get_item (rules, i);

      add_rule (page, community_rule_result_get_id (result));
    }
  page->finding_rule = g_new (int, MAX (page->n_findings, 1));
  for (guint i = 0; i < page->n_findings; i++)
    {
      CommunityFindingView finding;
      const char *rule;

      community_finding_view (page->findings[i], &finding);
      rule = finding.rule;
      if (last == NULL || (rule != last && strcmp (rule, last) != 0))
        {
          add_rule (page, rule);
          last = rule;
          last_index = GPOINTER_TO_INT (g_hash_table_lookup (page->rule_index, rule)) - 1;
        }
      page->finding_rule[i] = last_index;
    }
}

/* Every finding's place, and the counts per place (each place counts the
 * findings beneath it too). */
static void
collect_places (Page *page)
{
  const char * const *last = NULL;
  g_autoptr(GArray) last_places = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree guint8 *severities = NULL;   /* per finding */

  /* The indicators' divisions first: they are the whole hierarchy down to
   * the streets, in the report's order (city, districts, streets). */
  page->result_place = g_new (int, MAX (page->n_results, 1));
  for (guint i = 0; i < page->n_results; i++)
    page->result_place[i] = community_report_places_lookup (page->places,
                                                            community_indicator_result_get_division (page->results[i]));
  page->finding_place = g_new (int, MAX (page->n_findings, 1));
  severities = g_new (guint8, MAX (page->n_findings, 1));
  for (guint i = 0; i < page->n_findings; i++)
    {
      CommunityFindingView finding;

      community_finding_view (page->findings[i], &finding);
      page->finding_place[i] = community_report_places_of_codes (page->places, finding.divisions, &last, last_places);
      severities[i] = finding.severity;
    }

  /* Each place's streets and towns, in the places' order (the findings
   * by division and the filter list them beneath their district). */
  page->first_street = g_new (int, MAX (page->places->places->len, 1));
  page->next_street = g_new (int, MAX (page->places->places->len, 1));
  memset (page->first_street, 0xff, page->places->places->len * sizeof (int));   /* -1 */
  for (guint i = page->places->places->len; i-- > 0;)
    {
      const ReportPlace *place = community_report_place (page->places, i);

      page->next_street[i] = -1;
      if (place->tier == REPORT_TIER_STREET && place->parent >= 0)
        {
          page->next_street[i] = page->first_street[place->parent];
          page->first_street[place->parent] = i;
        }
    }

  page->place_counts = g_malloc0_n (MAX (page->places->places->len, 1), sizeof *page->place_counts);
  for (guint i = 0; i < page->n_findings; i++)
    {
      CommunitySeverity severity = severities[i];
      int index = page->finding_place[i];

      for (guint n = 0; index >= 0 && n < 8; n++)
        {
          page->place_counts[index][severity]++;
          index = community_report_place (page->places, index)->parent;
        }
    }
}

/**
 * community_report_write_html:
 * @self: a report
 * @dataset: the dataset the report is about, for the names of its
 *   divisions and communities and its date
 * @stream: where to write the page
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Writes the report as one self-contained HTML page (DOMAIN.md §10): the
 * summary; every indicator against its target for the city, each district
 * or county and each street or town, as inline SVG bar charts with a target
 * line and as tables; the findings grouped by rule, each rule with its
 * clause quoted from the policy, and by division; and every finding with
 * its rule, severity, subject, path, message, expected and actual values,
 * which a small inline script shows a page at a time, filtered by severity,
 * rule and division. The page needs no network access, prints on A4, and
 * stays quick to open with hundreds of thousands of findings.
 *
 * The page is in the language of the current locale's messages: Chinese
 * under `zh_CN`, English otherwise (its `lang` attribute says which).
 * Finding messages are written as the findings hold them. No personal data
 * appears: findings never carry any, and only divisions and communities
 * are named.
 *
 * The page is written as it is made, through a small buffer; @stream is
 * not closed.
 *
 * Returns: %TRUE on success, %FALSE with @error set if writing failed or
 *   was cancelled
 */
gboolean
community_report_write_html (CommunityReport   *self,
                             CommunityDataset  *dataset,
                             GOutputStream     *stream,
                             GCancellable      *cancellable,
                             GError           **error)
{
  Out out = { stream, cancellable, NULL, NULL };
  Page page = { &out, self, };

  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), FALSE);
  g_return_val_if_fail (COMMUNITY_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  community_i18n_init ();
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  out.buffer = g_string_sized_new (FLUSH_SIZE + 4096);
  page.places = community_report_places_new (dataset);
  page.n_findings = g_list_model_get_n_items (community_report_get_findings (self));
  page.findings = g_new (CommunityFinding *, MAX (page.n_findings, 1));
  for (guint i = 0; i < page.n_findings; i++)
    page.findings[i] = g_list_model_get_item (community_report_get_findings (self), i);
  page.n_results = g_list_model_get_n_items (community_report_get_indicators (self));
  page.results = g_new (CommunityIndicatorResult *, MAX (page.n_results, 1));
  for (guint i = 0; i < page.n_results; i++)
    page.results[i] = g_list_model_get_item (community_report_get_indicators (self), i);
  page.rule_ids = g_ptr_array_new_with_free_func (g_free);
  page.rule_index = g_hash_table_new (g_str_hash, g_str_equal);
  page.indicator_ids = g_ptr_array_new ();

  collect_rules (&page);
  collect_places (&page);

  write_head (&out, self, dataset);
  count_indicators (&page);
  write_summary (&page);
  write_indicators (&page);
  write_rules (&page);
  write_divisions (&page);
  write_filters (&page);
  write_data (&page);
  write_tail (&out);
  out_flush (&out);

  g_string_free (out.buffer, TRUE);
  community_report_places_free (page.places);
  for (guint i = 0; i < page.n_findings; i++)
    g_object_unref (page.findings[i]);
  g_free (page.findings);
  g_free (page.finding_rule);
  g_free (page.finding_place);
  for (guint i = 0; i < page.n_results; i++)
    g_object_unref (page.results[i]);
  g_free (page.results);
  g_free (page.result_place);
  g_free (page.place_counts);
  g_free (page.first_street);
  g_free (page.next_street);
  g_ptr_array_unref (page.rule_ids);
  g_hash_table_unref (page.rule_index);
  g_ptr_array_unref (page.indicator_ids);

  if (out.error != NULL)
    {
      g_propagate_error (error, out.error);
      return FALSE;
    }
  return TRUE;
}
