/* community-report-xlsx.c: a report as an Excel workbook
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Three sheets (DOMAIN.md §10): "summary" (the totals and every rule's
 * counts), "indicators" (every indicator for every division) and
 * "findings", one row per finding with the district or county, the street
 * or town and the community it lies in as columns, so that a bureau can
 * filter and forward each street its own rows. Each sheet has an autofilter
 * and a frozen header row. The workbook is written by the library's
 * streaming writer (community-xlsx-stream.h): each row goes into the
 * deflated sheet as it is written, so memory does not grow with the rows.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "community-dataset.h"
#include "community-report-writer.h"
#include "community-enum-types.h"
#include "community-finding-private.h"
#include "community-i18n-private.h"
#include "report/community-report-writer-private.h"
#include "community-handoff-private.h"

#include "sheets/community-xlsx-stream.h"

/* A cell holds at most 32,767 characters; a longer text is cut there (at a
 * character boundary). */
#define CELL_MAX_CHARS COMMUNITY_XLSX_MAX_CELL_CHARS
#define MAX_COLUMNS 15

/* The sheet being written and its current row, filled cell by cell and
 * written by next_row(). */
typedef struct {
  CommunityXlsxStream *stream;
  guint32 row;
  CommunityXlsxCell cells[MAX_COLUMNS];
  char *cut[MAX_COLUMNS];  /* texts cut to CELL_MAX_CHARS */
  GString *values[MAX_COLUMNS];  /* put_value()'s texts, made once a column */
  guint n_cells;
  GError *error;
  GString *made;   /* not NULL: the rows are made into it (make_row()), not written */
} Sheet;

static void
put_text (Sheet      *sheet,
          guint       col,
          const char *text)
{
  gsize length;

  if (text == NULL || *text == '\0')
    return;
  g_assert (col < MAX_COLUMNS);
  length = strlen (text);
  if (length > CELL_MAX_CHARS && g_utf8_strlen (text, -1) > CELL_MAX_CHARS)
    {
      g_free (sheet->cut[col]);
      text = sheet->cut[col] = g_utf8_substring (text, 0, CELL_MAX_CHARS);
      length = strlen (text);
    }
  sheet->cells[col] = (CommunityXlsxCell) { COMMUNITY_XLSX_STRING, COMMUNITY_XLSX_STYLE_NONE, text, 0, 0, length };
  sheet->n_cells = MAX (sheet->n_cells, col + 1);
}

/* Text that repeats (a rule, a severity, a division's code or name): in
 * the workbook's shared strings, which hold each once (their number grows
 * with the rules and the divisions, not with the findings). */
static void
put_shared (Sheet      *sheet,
            guint       col,
            const char *text)
{
  put_text (sheet, col, text);
  if (sheet->cells[col].type == COMMUNITY_XLSX_STRING && sheet->cells[col].text == text)
    sheet->cells[col].type = COMMUNITY_XLSX_SHARED;
}

/* A text of the workbook's shared strings by its index
 * (community_xlsx_stream_share()), or @text as put_text() puts it when it
 * has none (G_MAXUINT32: a text no cell takes, which put_text() cuts or
 * whose cell fails, as put_shared() would). */
static void
put_shared_index (Sheet      *sheet,
                  guint       col,
                  guint32     index,
                  const char *text)
{
  g_assert (col < MAX_COLUMNS);
  if (index == G_MAXUINT32)
    {
      put_text (sheet, col, text);
      return;
    }
  sheet->cells[col] = (CommunityXlsxCell) { COMMUNITY_XLSX_SHARED_INDEX, COMMUNITY_XLSX_STYLE_NONE, NULL, 0, index };
  sheet->n_cells = MAX (sheet->n_cells, col + 1);
}

/* Cells made before (community_xlsx_stream_make_cells()), @n_columns of
 * them from @col on. */
static void
put_made (Sheet      *sheet,
          guint       col,
          const char *made,
          guint       n_columns)
{
  g_assert (col + n_columns <= MAX_COLUMNS);
  sheet->cells[col] = (CommunityXlsxCell) { COMMUNITY_XLSX_MADE, COMMUNITY_XLSX_STYLE_NONE, made, 0, n_columns };
  sheet->n_cells = MAX (sheet->n_cells, col + 1);
}

/* A number; one that is not finite (which a cell cannot hold) as its
 * text. */
static void
put_number (Sheet              *sheet,
            guint               col,
            double              value,
            CommunityXlsxStyle  style)
{
  g_assert (col < MAX_COLUMNS);
  if (!isfinite (value))
    {
      put_text (sheet, col, isnan (value) ? "NaN" : value > 0 ? "Infinity" : "-Infinity");
      return;
    }
  sheet->cells[col] = (CommunityXlsxCell) { COMMUNITY_XLSX_NUMBER, style, NULL, value };
  sheet->n_cells = MAX (sheet->n_cells, col + 1);
}

/* Writes the row filled so far, and begins the next one. */
static void
next_row (Sheet *sheet)
{
  if (sheet->error == NULL && sheet->n_cells > 0)
    {
      if (sheet->made != NULL)
        community_xlsx_stream_make_row (sheet->stream, sheet->made, sheet->row, sheet->cells, sheet->n_cells,
                                        &sheet->error);
      else
        community_xlsx_stream_write_row (sheet->stream, sheet->row, sheet->cells, sheet->n_cells, &sheet->error);
    }
  for (guint i = 0; i < MAX_COLUMNS; i++)
    g_clear_pointer (&sheet->cut[i], g_free);
  memset (sheet->cells, 0, sizeof sheet->cells);
  sheet->n_cells = 0;
  sheet->row++;
}

/* Frees what the sheet's rows were made with. */
static void
sheet_clear (Sheet *sheet)
{
  for (guint i = 0; i < MAX_COLUMNS; i++)
    {
      g_clear_pointer (&sheet->cut[i], g_free);
      if (sheet->values[i] != NULL)
        g_string_free (g_steal_pointer (&sheet->values[i]), TRUE);
    }
  if (sheet->made != NULL)
    g_string_free (g_steal_pointer (&sheet->made), TRUE);
}

/* An expected or actual value: a number as a number, anything else as
 * text (made in the column's own buffer, which lives until the row is
 * written). */
static void
put_value (Sheet    *sheet,
           guint     col,
           JsonNode *node)
{
  g_assert (col < MAX_COLUMNS);
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      /* Its type asked once; a string, the commonest value after a
       * number, put as it is rather than asked again by
       * community_report_value_view() (1.5 % of the workbook's
       * instructions on city-high). */
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
        {
          put_number (sheet, col, json_node_get_double (node), COMMUNITY_XLSX_STYLE_NONE);
          return;
        }
      if (type == G_TYPE_STRING)
        {
          put_text (sheet, col, json_node_get_string (node));
          return;
        }
    }
  if (sheet->values[col] == NULL)
    sheet->values[col] = g_string_new (NULL);
  put_text (sheet, col, community_report_value_view (node, sheet->values[col]));
}

/* The header row: frozen, filtered over @last_row rows. */
static void
put_header (Sheet             *sheet,
            const char *const *columns,
            guint              n_columns,
            guint32            last_row)
{
  for (guint i = 0; i < n_columns; i++)
    {
      put_text (sheet, i, columns[i]);
      sheet->cells[i].style = COMMUNITY_XLSX_STYLE_HEADER;
    }
  community_xlsx_stream_freeze_rows (sheet->stream, sheet->row + 1);
  community_xlsx_stream_autofilter (sheet->stream, sheet->row, 0, MAX (last_row, sheet->row), n_columns - 1);
  next_row (sheet);
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
  guint32 first;

  community_xlsx_stream_set_columns (sheet->stream, 0, 0, 34, COMMUNITY_XLSX_STYLE_NONE);
  community_xlsx_stream_set_columns (sheet->stream, 1, 6, 14, COMMUNITY_XLSX_STYLE_NONE);

  /* The rules' table, with its header row first (a frozen row and a
   * filter are the header's), then the totals beneath it. */
  first = sheet->row;
  put_header (sheet, columns, G_N_ELEMENTS (columns), first + n_rules);
  for (guint i = 0; i < n_rules; i++, next_row (sheet))
    {
      g_autoptr(CommunityRuleResult) result = g_list_model_get_item (rules, i);

      put_text (sheet, 0, community_rule_result_get_id (result));
      put_text (sheet, 1, community_report_severity_label (community_rule_result_get_severity (result)));
      put_text (sheet, 2, community_rule_result_get_clause (result));
      put_number (sheet, 3, community_rule_result_get_applied (result), COMMUNITY_XLSX_STYLE_NONE);
      put_number (sheet, 4, community_rule_result_get_passed (result), COMMUNITY_XLSX_STYLE_NONE);
      put_number (sheet, 5, community_rule_result_get_failed (result), COMMUNITY_XLSX_STYLE_NONE);
      put_number (sheet, 6, community_rule_result_get_not_applicable (result), COMMUNITY_XLSX_STYLE_NONE);
    }

  next_row (sheet);
  put_text (sheet, 0, _("Ruleset"));
  put_text (sheet, 1, community_report_get_ruleset (report));
  next_row (sheet);
  put_text (sheet, 0, _("data as of"));
  put_text (sheet, 1, as_of);
  next_row (sheet);
  for (guint i = 0; i < G_N_ELEMENTS (totals); i++, next_row (sheet))
    {
      put_text (sheet, 0, totals[i].label);
      put_number (sheet, 1, totals[i].value, COMMUNITY_XLSX_STYLE_NONE);
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

/* A place's code and name in the shared strings (G_MAXUINT32: none),
 * looked up at its first row rather than at each. */
typedef struct {
  gboolean known;
  guint32 code, name;
} PlaceStrings;

/* The place @at's PlaceStrings in @place_strings (by place), shared at
 * its first use: the code, then the name, as their columns come. */
static const PlaceStrings *
share_place (CommunityXlsxStream *stream,
             GArray              *place_strings,
             ReportPlaces        *places,
             int                  at)
{
  const ReportPlace *place = community_report_place (places, at);
  PlaceStrings *shared;

  if ((guint) at >= place_strings->len)
    g_array_set_size (place_strings, places->places->len);
  shared = &g_array_index (place_strings, PlaceStrings, at);
  if (!shared->known)
    {
      shared->code = community_xlsx_stream_share (stream, place->code);
      shared->name = place->name != NULL ? community_xlsx_stream_share (stream, place->name) : G_MAXUINT32;
      shared->known = TRUE;
    }
  return shared;
}

/* A word's index in the shared strings, shared at its first use (*@memo
 * G_MAXUINT32 - 1: not yet), as put_shared() would have added it there,
 * then put as put_shared() puts it. */
static void
put_word (Sheet      *sheet,
          guint       col,
          const char *text,
          guint32    *memo)
{
  if (*memo == G_MAXUINT32 - 1)
    *memo = text != NULL ? community_xlsx_stream_share (sheet->stream, text) : G_MAXUINT32;
  put_shared_index (sheet, col, *memo, text);
}

static void
write_indicators (Sheet           *sheet,
                  CommunityReport *report,
                  ReportPlaces    *places)
{
  GListModel *indicators = community_report_get_indicators (report);
  guint n_items = g_list_model_get_n_items (indicators);
  /* The words, each looked up (gettext, then the shared strings) once
   * rather than a row at a time: n/a, —, yes, no, then the tiers. */
  enum { NOT_APPLICABLE, NO_TARGET, YES, NO, TIER };
  const char *words[] = {
    _("n/a"), "—", _("yes"), _("no"),
    tier_label (REPORT_TIER_CITY), tier_label (REPORT_TIER_DISTRICT),
    tier_label (REPORT_TIER_STREET), tier_label (REPORT_TIER_COMMUNITY),
  };
  guint32 word_indexes[G_N_ELEMENTS (words)];
  g_autoptr(GArray) place_strings = g_array_new (FALSE, TRUE, sizeof (PlaceStrings));
  g_autofree char *last_id = NULL;
  const char *title = NULL;
  guint32 title_index = 0, id_index = 0;
  const char *const columns[] = {
    _("Indicator"), _("Indicator id"), _("Division code"), _("Division"), _("Level"), _("Value"),
    _("Target"), _("Met"), _("Numerator"), _("Denominator"),
  };

  for (guint i = 0; i < G_N_ELEMENTS (word_indexes); i++)
    word_indexes[i] = G_MAXUINT32 - 1;
  community_xlsx_stream_set_columns (sheet->stream, 0, 1, 34, COMMUNITY_XLSX_STYLE_NONE);
  community_xlsx_stream_set_columns (sheet->stream, 2, 3, 16, COMMUNITY_XLSX_STYLE_NONE);
  community_xlsx_stream_set_columns (sheet->stream, 4, 9, 12, COMMUNITY_XLSX_STYLE_NONE);
  put_header (sheet, columns, G_N_ELEMENTS (columns), n_items);
  for (guint i = 0; i < n_items; i++, next_row (sheet))
    {
      g_autoptr(CommunityIndicatorResult) result = g_list_model_get_item (indicators, i);
      const char *code = community_indicator_result_get_division (result);
      int at = community_report_places_lookup (places, code);
      const ReportPlace *place = community_report_place (places, at);
      gboolean applicable = community_indicator_result_is_applicable (result);
      gboolean has_target = community_indicator_result_has_target (result);
      const char *id = community_indicator_result_get_id (result);

      /* The results come indicator by indicator: its title and id once. */
      if (last_id == NULL || strcmp (id, last_id) != 0)
        {
          g_free (last_id);
          last_id = g_strdup (id);
          title = community_report_indicator_title (id);
          title_index = id_index = G_MAXUINT32 - 1;
        }
      put_word (sheet, 0, title, &title_index);
      put_word (sheet, 1, id, &id_index);
      if (place != NULL)
        {
          const PlaceStrings *shared = share_place (sheet->stream, place_strings, places, at);
          guint tier = TIER + MIN (place->tier, REPORT_TIER_COMMUNITY);

          put_shared_index (sheet, 2, shared->code, place->code);
          put_shared_index (sheet, 3, shared->name, place->name);
          put_word (sheet, 4, words[tier], &word_indexes[tier]);
        }
      else
        put_shared (sheet, 2, code);
      if (applicable)
        put_number (sheet, 5, community_indicator_result_get_value (result), COMMUNITY_XLSX_STYLE_PERCENT);
      else
        put_word (sheet, 5, words[NOT_APPLICABLE], &word_indexes[NOT_APPLICABLE]);
      if (has_target)
        put_number (sheet, 6, community_indicator_result_get_target (result), COMMUNITY_XLSX_STYLE_PERCENT);
      else
        put_word (sheet, 6, words[NO_TARGET], &word_indexes[NO_TARGET]);
      if (!applicable)
        put_word (sheet, 7, words[NOT_APPLICABLE], &word_indexes[NOT_APPLICABLE]);
      else if (!has_target)
        put_word (sheet, 7, words[NO_TARGET], &word_indexes[NO_TARGET]);
      else if (community_indicator_result_get_met (result))
        put_word (sheet, 7, words[YES], &word_indexes[YES]);
      else
        put_word (sheet, 7, words[NO], &word_indexes[NO]);
      put_number (sheet, 8, community_indicator_result_get_numerator (result), COMMUNITY_XLSX_STYLE_NONE);
      put_number (sheet, 9, community_indicator_result_get_denominator (result), COMMUNITY_XLSX_STYLE_NONE);
    }
}

/* The findings' rows are made a chunk of CHUNK_ROWS at a time by the
 * caller's thread and another, each taking the next chunk from a counter.
 * A chunk is first looked up: each row's shared strings and places, which
 * add to the workbook's table (community_xlsx_stream_share()) and to the
 * report's places, so the chunks are looked up one after the other, in
 * order, whichever thread took them (the look-up's turn). Then its XML is
 * made (community_xlsx_stream_make_row()) from what its rows hold alone,
 * while the other thread looks up or makes the next chunk. The caller's
 * thread writes the made chunks in order
 * (community_xlsx_stream_write_made_rows()) after each of its own and
 * whenever it would otherwise wait; the deflating is on the zip writer's
 * threads. No thread waits for the other at a block's end, as when a
 * block's rows were shared between two threads started for it: a thread
 * that gets less of the processors (the deflating threads take their
 * share) makes fewer chunks, and the lock is taken a few times a chunk
 * (smaller chunks waited more for it: 64 rows were slower than 1,024 rows
 * a block). At most RING chunks are in hand at once, so memory does not
 * grow with the sheet. */
#define CHUNK_ROWS 512
#define RING 8

typedef struct {
  const char *code, *name;   /* the place's, or NULL for none */
  guint32 code_index, name_index;
} RowPlace;

/* The places of a block of division codes: district, street, community;
 * and, where all three are known, their six cells made once
 * (community_xlsx_stream_make_cells(): NULL otherwise). */
typedef struct {
  RowPlace places[3];
  const char *cells;
} Places;

typedef struct {
  CommunityFinding *finding;       /* a reference */
  guint32 rule, severity, clause, kind;   /* shared strings, or G_MAXUINT32 */
  const char *rule_cells;          /* those four cells made, or NULL */
  RowPlace places[3];              /* district, street, community */
  const char *place_cells;         /* their six cells made, or NULL */
} FindingRow;

/* What the look-ups keep from chunk to chunk; only the thread whose turn
 * it is touches it. */
typedef struct {
  CommunityXlsxStream *stream;
  ReportPlaces *places;
  GArray *place_strings;           /* PlaceStrings, by place */
  /* The findings of a community and of what lies in it share one block
   * of codes (community_index_divisions()): its Places, looked up at its
   * first finding, by the block (a reference, so that no other block
   * takes its address meanwhile). */
  GHashTable *places_of_block;
  const char * const *last_codes;
  GArray *last_places;
  /* Runs of cells made once (a rule's four, a block's six places), kept
   * until the sheet is done: rows in hand point into it. */
  GStringChunk *made;
  GString *scratch;
  guint32 rule_key[4];             /* the last rule's four cells */
  const char *rule_cells;
  /* The last rule's and clause's, and each severity's and kind's
   * (G_MAXUINT32 - 1: not yet). */
  const char *last_texts[2];
  guint32 last_indexes[2];
  guint32 severities[COMMUNITY_SEVERITY_ERROR + 1];
  guint32 kinds[32];
} LookUp;

typedef struct {
  FindingRow rows[CHUNK_ROWS];
  guint n_rows;
  guint32 first_row;               /* the sheet's row of rows[0] */
  GString *made;
  GError *error;                   /* its making's failure, its first row's */
  gboolean is_made;                /* under the lock */
} Chunk;

/* The two threads' work on the sheet. The fields marked so are under
 * @lock, taken with community_handoff_lock() so that ThreadSanitizer sees
 * what it orders; @changed is signalled whenever one of them changes. */
typedef struct {
  GMutex lock;
  GCond changed;
  guint next;                      /* locked: the next chunk to take */
  guint turn;                      /* locked: the chunk to look up next */
  guint written;                   /* locked: the chunks written */
  gboolean stop;                   /* locked: a chunk failed */
  guint n_chunks;
  guint n_items;
  guint32 row0;                    /* the sheet's row of the first finding */
  GListModel *findings;
  LookUp *look_up;
  Sheet *sheet;                    /* the caller's: the chunks' writing */
  Sheet parts[2];                  /* each thread's, to make rows in */
  Chunk ring[RING];
} Pipeline;

static const ReportTier finding_tiers[3] = {
  REPORT_TIER_DISTRICT, REPORT_TIER_STREET, REPORT_TIER_COMMUNITY,
};

static void
pipeline_changed (Pipeline *pipeline)
{
  g_cond_broadcast (&pipeline->changed);
}

/* The index of @text in the shared strings, through a memo of the last
 * one (@last, @last_index): a column that repeats its text from row to
 * row (the findings come rule by rule) is looked up at each change. */
static guint32
share_memo (CommunityXlsxStream  *stream,
            const char           *text,
            const char          **last,
            guint32              *last_index)
{
  if (text == NULL)
    return G_MAXUINT32;
  if (*last != text && (*last == NULL || strcmp (*last, text) != 0))
    {
      *last_index = community_xlsx_stream_share (stream, text);
      *last = text;
    }
  return *last_index;
}

static void
divisions_unref (gpointer divisions)
{
  community_finding_divisions_unref (divisions);
}

/* The cells of the shared strings @indexes (@n of them, at most six),
 * made once into the look-up's chunk; NULL where one of them has none (its
 * cell is left empty, or written as its text). */
static const char *
make_cells (LookUp        *look_up,
            const guint32 *indexes,
            guint          n)
{
  CommunityXlsxCell cells[6];

  g_assert (n <= G_N_ELEMENTS (cells));
  for (guint i = 0; i < n; i++)
    {
      if (indexes[i] == G_MAXUINT32)
        return NULL;
      cells[i] = (CommunityXlsxCell) { COMMUNITY_XLSX_SHARED_INDEX, COMMUNITY_XLSX_STYLE_NONE, NULL, 0, indexes[i] };
    }
  g_string_truncate (look_up->scratch, 0);
  if (!community_xlsx_stream_make_cells (look_up->stream, look_up->scratch, 0, 0, cells, n, NULL))
    return NULL;
  return g_string_chunk_insert_len (look_up->made, look_up->scratch->str, (gssize) look_up->scratch->len);
}

/* The places of the division codes @codes (nullable) into @places, and
 * their codes and names into the shared strings. */
static void
look_up_places (LookUp             *look_up,
                const char * const *codes,
                Places             *places)
{
  int place = community_report_places_of_codes (look_up->places, codes,
                                                &look_up->last_codes, look_up->last_places);

  for (guint t = 0; t < G_N_ELEMENTS (finding_tiers); t++)
    {
      int at = community_report_places_at_tier (look_up->places, place, finding_tiers[t]);
      const ReportPlace *found = community_report_place (look_up->places, at);
      const PlaceStrings *shared;

      places->places[t] = (RowPlace) { NULL, NULL, G_MAXUINT32, G_MAXUINT32 };
      if (found == NULL)
        continue;
      shared = share_place (look_up->stream, look_up->place_strings, look_up->places, at);
      places->places[t] = (RowPlace) { found->code, found->name, shared->code, shared->name };
    }
  /* Made once for a block of codes, which look_up_row() keeps: a finding
   * without one has its cells put one by one. */
  places->cells = NULL;
  if (codes != NULL)
    {
      const guint32 indexes[] = {
        places->places[0].code_index, places->places[0].name_index,
        places->places[1].code_index, places->places[1].name_index,
        places->places[2].code_index, places->places[2].name_index,
      };

      places->cells = make_cells (look_up, indexes, G_N_ELEMENTS (indexes));
    }
}

/* @row for @finding (taken): what adds to a table, on the caller's
 * thread. */
static void
look_up_row (LookUp           *look_up,
             FindingRow       *row,
             CommunityFinding *finding)
{
  CommunityXlsxStream *stream = look_up->stream;
  CommunityFindingView view;
  guint32 other = G_MAXUINT32 - 1;
  guint32 *memo;
  Places *places, found;

  community_finding_view (finding, &view);
  row->finding = finding;
  row->rule = share_memo (stream, view.rule, &look_up->last_texts[0], &look_up->last_indexes[0]);
  /* Each severity's and kind's word once (G_MAXUINT32 - 1: not yet). */
  memo = (guint) view.severity < G_N_ELEMENTS (look_up->severities) ? &look_up->severities[view.severity] : &other;
  if (*memo == G_MAXUINT32 - 1)
    *memo = community_xlsx_stream_share (stream, community_report_severity_label (view.severity));
  row->severity = *memo;
  row->clause = share_memo (stream, community_finding_get_clause (finding),
                            &look_up->last_texts[1], &look_up->last_indexes[1]);
  other = G_MAXUINT32 - 1;
  memo = (guint) view.subject_kind < G_N_ELEMENTS (look_up->kinds) ? &look_up->kinds[view.subject_kind] : &other;
  if (*memo == G_MAXUINT32 - 1)
    *memo = community_xlsx_stream_share (stream, community_report_kind_nick (view.subject_kind));
  row->kind = *memo;
  /* The four made once a rule: the findings come rule by rule. */
  {
    const guint32 key[] = { row->rule, row->severity, row->clause, row->kind };

    if (look_up->rule_cells == NULL || memcmp (key, look_up->rule_key, sizeof key) != 0)
      {
        memcpy (look_up->rule_key, key, sizeof key);
        look_up->rule_cells = make_cells (look_up, key, G_N_ELEMENTS (key));
      }
    row->rule_cells = look_up->rule_cells;
  }

  places = view.divisions != NULL ? g_hash_table_lookup (look_up->places_of_block, view.divisions) : NULL;
  if (places == NULL)
    {
      places = view.divisions != NULL ? g_new (Places, 1) : &found;
      look_up_places (look_up, view.divisions, places);
      if (view.divisions != NULL)
        g_hash_table_insert (look_up->places_of_block,
                             community_finding_divisions_ref ((char **) view.divisions), places);
    }
  memcpy (row->places, places->places, sizeof row->places);
  row->place_cells = places->cells;
}

/* Looks chunk @c's rows up. */
static void
look_up_chunk (Pipeline *pipeline,
               guint     c)
{
  Chunk *chunk = &pipeline->ring[c % RING];
  guint first = c * CHUNK_ROWS;

  chunk->n_rows = MIN (CHUNK_ROWS, pipeline->n_items - first);
  chunk->first_row = pipeline->row0 + first;
  for (guint i = 0; i < chunk->n_rows; i++)
    look_up_row (pipeline->look_up, &chunk->rows[i], g_list_model_get_item (pipeline->findings, first + i));
}

/* @chunk's rows into @chunk->made, with @sheet's cells and buffers; a
 * failure into @chunk->error. */
static void
make_rows (Sheet *sheet,
           Chunk *chunk)
{
  /* A row's message, which its cell points to until next_row() makes the
   * row: outside the loop's body, whose scope ends before. */
  char message[COMMUNITY_FINDING_MESSAGE_BUFFER];

  sheet->made = chunk->made;
  g_string_truncate (sheet->made, 0);
  sheet->row = chunk->first_row;
  for (guint i = 0; i < chunk->n_rows && sheet->error == NULL; i++, next_row (sheet))
    {
      const FindingRow *row = &chunk->rows[i];
      CommunityFindingView view;

      community_finding_view (row->finding, &view);
      if (row->rule_cells != NULL)
        put_made (sheet, 0, row->rule_cells, 4);
      else
        {
          put_shared_index (sheet, 0, row->rule, view.rule);
          put_shared_index (sheet, 1, row->severity, row->severity == G_MAXUINT32
                                                     ? community_report_severity_label (view.severity) : NULL);
          put_shared_index (sheet, 2, row->clause, row->clause == G_MAXUINT32
                                                   ? community_finding_get_clause (row->finding) : NULL);
          put_shared_index (sheet, 3, row->kind, row->kind == G_MAXUINT32
                                                 ? community_report_kind_nick (view.subject_kind) : NULL);
        }
      put_text (sheet, 4, view.subject_id);
      if (row->place_cells != NULL)
        put_made (sheet, 5, row->place_cells, 6);
      else
        {
          for (guint t = 0; t < G_N_ELEMENTS (finding_tiers); t++)
            {
              const RowPlace *place = &row->places[t];

              if (place->code == NULL)
                continue;
              put_shared_index (sheet, 5 + 2 * t, place->code_index, place->code);
              put_shared_index (sheet, 6 + 2 * t, place->name_index, place->name);
            }
        }
      put_text (sheet, 11, view.path);
      put_text (sheet, 12, community_finding_message (row->finding, message, sizeof message));
      put_value (sheet, 13, view.expected);
      put_value (sheet, 14, view.actual);
    }
  sheet->made = NULL;
  chunk->error = g_steal_pointer (&sheet->error);
}

/* On the caller's thread, locked: writes the chunks made so far, in
 * order, unlocked while each is written; whether it wrote any. The first
 * that failed, to be made or written, stops the sheet with its error in
 * the caller's sheet. */
static gboolean
write_made (Pipeline *pipeline)
{
  gboolean wrote = FALSE;

  while (!pipeline->stop && pipeline->written < pipeline->next &&
         pipeline->ring[pipeline->written % RING].is_made)
    {
      Chunk *chunk = &pipeline->ring[pipeline->written % RING];
      Sheet *sheet = pipeline->sheet;

      community_handoff_unlock (&pipeline->lock);
      if (chunk->error != NULL)
        sheet->error = g_steal_pointer (&chunk->error);
      else
        community_xlsx_stream_write_made_rows (sheet->stream, chunk->first_row,
                                               chunk->first_row + chunk->n_rows - 1,
                                               chunk->made, &sheet->error);
      for (guint i = 0; i < chunk->n_rows; i++)
        g_clear_object (&chunk->rows[i].finding);
      chunk->n_rows = 0;
      community_handoff_lock (&pipeline->lock);
      chunk->is_made = FALSE;
      pipeline->written++;
      pipeline->stop = sheet->error != NULL;
      wrote = TRUE;
      pipeline_changed (pipeline);
    }
  return wrote;
}

/* Locked: waits for a change; the caller's thread writes what is made
 * instead where it can. */
static void
wait_or_write (Pipeline *pipeline,
               gboolean  caller)
{
  if (!caller || !write_made (pipeline))
    community_handoff_wait (&pipeline->changed, &pipeline->lock);
}

/* Takes chunks, looks each up in its turn and makes it, until none is
 * left; the caller's thread (@caller) writes them too, all of them before
 * it returns. */
static void
work (Pipeline *pipeline,
      gboolean  caller)
{
  Sheet *sheet = &pipeline->parts[caller ? 1 : 0];

  community_handoff_lock (&pipeline->lock);
  while (!pipeline->stop && pipeline->next < pipeline->n_chunks)
    {
      guint c = pipeline->next;
      Chunk *chunk = &pipeline->ring[c % RING];

      /* Its place in the ring, once the chunk RING before it is written. */
      if (c >= pipeline->written + RING)
        {
          wait_or_write (pipeline, caller);
          continue;
        }
      pipeline->next++;
      while (pipeline->turn != c && !pipeline->stop)
        wait_or_write (pipeline, caller);
      if (pipeline->stop)
        break;
      community_handoff_unlock (&pipeline->lock);
      look_up_chunk (pipeline, c);
      community_handoff_lock (&pipeline->lock);
      pipeline->turn++;
      pipeline_changed (pipeline);
      community_handoff_unlock (&pipeline->lock);

      make_rows (sheet, chunk);

      community_handoff_lock (&pipeline->lock);
      chunk->is_made = TRUE;
      pipeline_changed (pipeline);
      if (caller)
        write_made (pipeline);
    }
  /* The chunks the other thread still makes. */
  while (caller && !pipeline->stop && pipeline->written < pipeline->next)
    wait_or_write (pipeline, caller);
  community_handoff_unlock (&pipeline->lock);
}

static gpointer
work_in_thread (gpointer data)
{
  /* GLib's thread start and join are not seen by ThreadSanitizer
   * (community-handoff-private.h). */
  community_handoff_acquire (data);
  work (data, FALSE);
  community_handoff_release (data);
  return NULL;
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
  g_autoptr(GArray) last_places = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) place_strings = g_array_new (FALSE, TRUE, sizeof (PlaceStrings));
  g_autoptr(GHashTable) places_of_block = g_hash_table_new_full (g_direct_hash, g_direct_equal,
                                                                 divisions_unref, g_free);
  g_autoptr(GString) scratch = g_string_new (NULL);
  g_autoptr(GStringChunk) made = g_string_chunk_new (64 * 1024);
  LookUp look_up = { sheet->stream, places, place_strings, places_of_block, NULL, last_places, made, scratch, };
  Pipeline *pipeline;
  GThread *thread = NULL;

  if (n_items >= COMMUNITY_XLSX_MAX_ROWS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%u findings do not fit in one sheet (at most %u rows)"),
                   n_items, COMMUNITY_XLSX_MAX_ROWS - 1);
      return FALSE;
    }

  community_xlsx_stream_set_columns (sheet->stream, 0, 0, 30, COMMUNITY_XLSX_STYLE_NONE);
  community_xlsx_stream_set_columns (sheet->stream, 1, 3, 12, COMMUNITY_XLSX_STYLE_NONE);
  community_xlsx_stream_set_columns (sheet->stream, 4, 10, 16, COMMUNITY_XLSX_STYLE_NONE);
  community_xlsx_stream_set_columns (sheet->stream, 11, 11, 28, COMMUNITY_XLSX_STYLE_NONE);
  community_xlsx_stream_set_columns (sheet->stream, 12, 12, 60, COMMUNITY_XLSX_STYLE_NONE);
  community_xlsx_stream_set_columns (sheet->stream, 13, 14, 14, COMMUNITY_XLSX_STYLE_NONE);
  put_header (sheet, columns, G_N_ELEMENTS (columns), n_items);

  for (guint i = 0; i < G_N_ELEMENTS (look_up.severities); i++)
    look_up.severities[i] = G_MAXUINT32 - 1;
  for (guint i = 0; i < G_N_ELEMENTS (look_up.kinds); i++)
    look_up.kinds[i] = G_MAXUINT32 - 1;

  pipeline = g_new0 (Pipeline, 1);
  g_mutex_init (&pipeline->lock);
  g_cond_init (&pipeline->changed);
  pipeline->n_chunks = (n_items + CHUNK_ROWS - 1) / CHUNK_ROWS;
  pipeline->n_items = n_items;
  pipeline->row0 = sheet->row;
  pipeline->findings = findings;
  pipeline->look_up = &look_up;
  pipeline->sheet = sheet;
  for (guint p = 0; p < G_N_ELEMENTS (pipeline->parts); p++)
    pipeline->parts[p] = (Sheet) { sheet->stream, 0, };
  for (guint c = 0; c < MIN (RING, pipeline->n_chunks); c++)
    pipeline->ring[c].made = g_string_sized_new (64 * 1024);

  /* The other thread, for more than one chunk: it calls nothing of the
   * stream but make_row() and, in its turn, share(). */
  if (pipeline->n_chunks > 1 && community_xlsx_stream_get_threads (sheet->stream) > 1)
    {
      community_handoff_release (pipeline);
      thread = g_thread_try_new ("community-xlsx", work_in_thread, pipeline, NULL);
    }
  work (pipeline, TRUE);
  if (thread != NULL)
    {
      g_thread_join (thread);
      community_handoff_acquire (pipeline);
    }
  sheet->row += n_items;

  /* What a failure left: the chunks taken and not written. */
  for (guint c = 0; c < RING; c++)
    {
      for (guint i = 0; i < pipeline->ring[c].n_rows; i++)
        g_clear_object (&pipeline->ring[c].rows[i].finding);
      g_clear_error (&pipeline->ring[c].error);
      if (pipeline->ring[c].made != NULL)
        g_string_free (pipeline->ring[c].made, TRUE);
    }
  for (guint p = 0; p < G_N_ELEMENTS (pipeline->parts); p++)
    sheet_clear (&pipeline->parts[p]);
  g_cond_clear (&pipeline->changed);
  g_mutex_clear (&pipeline->lock);
  g_free (pipeline);
  return TRUE;
}

/* Begins the sheet @name in @sheet. */
static gboolean
add_sheet (Sheet               *sheet,
           CommunityXlsxStream *stream,
           const char          *name,
           GError             **error)
{
  *sheet = (Sheet) { stream, 0, };
  return community_xlsx_stream_add_sheet (stream, name, error);
}

static gboolean
sheet_done (Sheet   *sheet,
            GError **error)
{
  sheet_clear (sheet);
  if (sheet->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sheet->error));
      return FALSE;
    }
  return TRUE;
}

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
 * The rows are deflated into @filename as they are made, through a
 * temporary file that replaces @filename when the workbook is complete: a
 * failure leaves @filename as it was.
 *
 * Returns: %TRUE on success, %FALSE with @error set
 */
gboolean
community_report_write_xlsx (CommunityReport   *self,
                             CommunityDataset  *dataset,
                             const char        *filename,
                             GError           **error)
{
  g_autoptr(CommunityXlsxStream) stream = NULL;
  g_autoptr(GError) failure = NULL;
  ReportPlaces *places;
  Sheet sheet;
  gboolean ok;

  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), FALSE);
  g_return_val_if_fail (COMMUNITY_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  community_i18n_init ();

  stream = community_xlsx_stream_new_for_path (filename, &failure);
  if (stream == NULL)
    {
      /* GIO's message names the file. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, failure->message);
      return FALSE;
    }

  places = community_report_places_new (dataset);
  ok = add_sheet (&sheet, stream, "summary", error);
  if (ok)
    {
      write_summary (&sheet, self, dataset);
      ok = sheet_done (&sheet, error) && add_sheet (&sheet, stream, "indicators", error);
    }
  if (ok)
    {
      write_indicators (&sheet, self, places);
      ok = sheet_done (&sheet, error) && add_sheet (&sheet, stream, "findings", error);
    }
  if (ok)
    {
      ok = write_findings (&sheet, self, places, error);
      ok = sheet_done (&sheet, ok ? error : NULL) && ok;
    }
  community_report_places_free (places);
  return ok && community_xlsx_stream_finish (stream, NULL, error);
}
