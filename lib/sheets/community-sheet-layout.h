/* community-sheet-layout.h: the sheets and columns of a dataset workbook
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * DOMAIN.md §9's layout, derived from the entity kinds' table and the
 * record types' field tables (community-record-private.h), like the JSON
 * walker and writer, so that a new kind or field gets its sheet or column
 * with no change here; only the Chinese titles are written down, in
 * lib/data/sheet-titles.json. What a value means stays the walker's
 * business: the layout only names where values go.
 *
 *   - a sheet per entity kind, named by its member ("communities") or its
 *     title ("社区"); its columns are the record's fields in the type's
 *     order, a nested record's fields as paths ("committee/members");
 *   - a child sheet per list-of-records field ("consultations_history"),
 *     whose first column is the parent's identity member ("id") and whose
 *     rows are the list's items, in order;
 *   - the "dataset" (数据集) sheet of key/value rows: the root's scalar
 *     members ("format", "version", "as_of", "codes_year", ...);
 *   - a member the library does not know gets a column of its own, named
 *     by its path; when its values are not all strings, the column is
 *     "path:json" and each cell holds its value as JSON text.
 */

#pragma once

#include <glib-object.h>

#include "community-entity.h"

G_BEGIN_DECLS

/* The suffix of a column whose cells hold JSON text. */
#define COMMUNITY_SHEET_JSON_SUFFIX ":json"
#define COMMUNITY_SHEET_DATASET "dataset"

typedef struct {
  char *path;          /* "committee/members" */
  const char *title;   /* "居(村)委会成员数", or NULL */
  GParamSpec *pspec;   /* the leaf field */
} CommunitySheetColumn;

typedef enum {
  COMMUNITY_SHEET_KIND_DATASET,
  COMMUNITY_SHEET_KIND_ENTITIES,
  COMMUNITY_SHEET_KIND_CHILD,
} CommunitySheetKindType;

typedef struct _CommunitySheetKind CommunitySheetKind;

struct _CommunitySheetKind {
  CommunitySheetKindType type;
  char *name;                  /* "communities", "consultations_history" */
  const char *title;           /* "社区", or NULL */
  CommunityEntityKind kind;    /* entity and child sheets: the entity kind */
  GType record_type;           /* the rows' record type (an item's for a child) */
  /* Child sheets: the parent's sheet, the list field's member name and
   * the link column's name (the parent's identity member). */
  const CommunitySheetKind *parent;
  char *member;
  const char *link;
  GPtrArray *columns;          /* CommunitySheetColumn *: the known leaves */
  GHashTable *by_header;       /* path or title -> CommunitySheetColumn */
  /* Entity sheets: the child sheets of this kind's list fields. */
  GPtrArray *children;         /* CommunitySheetKind * (not owned) */
};

/* Every sheet of the layout: the dataset sheet, then each entity kind's
 * followed by its children. Built once, shared by every thread. */
GPtrArray                *community_sheet_layout_get        (void);
/* The sheet named @name, its member name or its title; NULL if none. */
const CommunitySheetKind *community_sheet_layout_find       (const char *name);
const CommunitySheetKind *community_sheet_layout_for_kind   (CommunityEntityKind kind);
/* The column @header (a path or a title) names in @sheet, or NULL. */
const CommunitySheetColumn *community_sheet_kind_find_column (const CommunitySheetKind *sheet,
                                                              const char               *header);
/* The title of the column @path of @sheet (known or not), or NULL. */
const char               *community_sheet_kind_title        (const CommunitySheetKind *sheet,
                                                             const char               *path);

G_END_DECLS
