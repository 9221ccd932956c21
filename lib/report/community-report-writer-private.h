/* community-report-writer-private.h: what the HTML and Excel report writers
 * share (community-report-common.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "community-dataset.h"
#include "community-report.h"

G_BEGIN_DECLS

/* Where a finding lies: the divisions and communities of the dataset that
 * the report's findings and indicators name, each once, with its parent,
 * so that a report can group them city → district/county → street/town →
 * community. */
typedef enum {
  REPORT_TIER_CITY,
  REPORT_TIER_DISTRICT,   /* district or county */
  REPORT_TIER_STREET,     /* street or town */
  REPORT_TIER_COMMUNITY,  /* community or village */
} ReportTier;

typedef struct {
  char *code;
  char *name;      /* nullable */
  ReportTier tier;
  int parent;      /* index in the places, or -1 */
} ReportPlace;

typedef struct {
  CommunityDataset *dataset;
  GPtrArray *places;   /* of ReportPlace */
  GHashTable *index;   /* code → index + 1 */
} ReportPlaces;

ReportPlaces      *community_report_places_new       (CommunityDataset *dataset);
void               community_report_places_free      (ReportPlaces     *places);
/* The index of the division or community with @code (added with its
 * ancestors on first use), or -1 if the dataset has neither. */
int                community_report_places_lookup    (ReportPlaces     *places,
                                                      const char       *code);
/* The deepest division or community a finding whose divisions are @codes
 * (community_finding_get_divisions()) lies in (a work item's first
 * community), or -1. The finding before it (@last, NULL at first, whose
 * places are in @last_places, empty at first) often shares most of its
 * codes (its street, district and city): those need no look-up. Sets
 * @last to @codes, which must stay alive until the next call (a report's
 * findings do). */
int                community_report_places_of_codes  (ReportPlaces        *places,
                                                      const char * const  *codes,
                                                      const char * const **last,
                                                      GArray              *last_places);
/* @index's ancestor (or itself) at @tier, or -1. */
int                community_report_places_at_tier   (ReportPlaces     *places,
                                                      int               index,
                                                      ReportTier        tier);
static inline const ReportPlace *
community_report_place (ReportPlaces *places,
                        int           index)
{
  return index >= 0 ? g_ptr_array_index (places->places, index) : NULL;
}

/* An indicator's title in the language of the messages
 * (村(居)民委员会依法自治达标率), or its id when the library has none. */
const char        *community_report_indicator_title  (const char       *indicator);

/* The clause's title and text as the policy words them (lib/data/clauses.json,
 * from tools/extract-clauses.py), or NULL. */
const char        *community_report_clause_title     (const char       *clause);
const char        *community_report_clause_text      (const char       *clause);

/* Translated words. */
const char        *community_report_severity_label   (CommunitySeverity severity);
const char        *community_report_kind_nick        (CommunityEntityKind kind);
/* An expected or actual value for a person: a string as itself, a number
 * without trailing zeros, anything else as compact JSON; NULL for none. */
char              *community_report_value_text       (JsonNode         *node);
/* The same without a copy: a string's own text, or the text made in
 * @scratch (emptied first); NULL for none. Valid while both live and
 * @scratch is not changed. */
const char        *community_report_value_view       (JsonNode         *node,
                                                      GString          *scratch);
/* A rate as a percentage, "97.5%". */
char              *community_report_percent          (double            value);
/* "2026-12-01", or NULL. */
char              *community_report_as_of            (CommunityDataset *dataset);

G_END_DECLS
