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
/* The deepest division or community @finding lies in (a work item's first
 * community), or -1. */
int                community_report_places_of_finding (ReportPlaces    *places,
                                                       CommunityFinding *finding);
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
/* A rate as a percentage, "97.5%". */
char              *community_report_percent          (double            value);
/* "2026-12-01", or NULL. */
char              *community_report_as_of            (CommunityDataset *dataset);

G_END_DECLS
