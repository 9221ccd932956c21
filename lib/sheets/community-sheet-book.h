/* community-sheet-book.h: a workbook's cells, as the readers leave them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * What every spreadsheet reader (community-xlsx-reader.c for .xlsx,
 * community-csv.c for CSV) produces and every spreadsheet writer
 * consumes: sheets of non-empty cells, row by row, with nothing of the
 * dataset format in them. The sheet token source
 * (community-sheet-source.c) walks a book as a JSON document for the one
 * dataset walker (lib/json/community-dataset-walker.c); the sheet sink of
 * the one writer (lib/json/community-json-writer.c) fills a book that the
 * xlsx or CSV writer then writes. DOMAIN.md §9 is the layout.
 *
 * A cell's text is valid UTF-8 without U+0000 (the readers convert or
 * refuse); it lives in the book's string chunk, or in its sheet's own when
 * the sheet has one (a reader or the sheet sink that fills sheets in
 * parallel threads gives each its own; the sink's cells may point into
 * the book's chunk as well); either way it lives as long as the book.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef enum {
  /* Text as written: a CSV field, an xlsx shared or inline string, or a
   * formula's cached string result. */
  COMMUNITY_CELL_STRING,
  /* A number cell: text holds the number as the file wrote it ("2000",
   * "3.20213E+11"), so integers beyond 2^53 keep every digit; number is
   * its value. */
  COMMUNITY_CELL_NUMBER,
  /* A boolean cell (xlsx t="b"): number is 0 or 1, text "FALSE"/"TRUE". */
  COMMUNITY_CELL_BOOLEAN,
  /* A number cell whose style is a date (or date-time) format: text is
   * "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" when it has a time of day,
   * converted from the serial number in the workbook's date system (1900
   * or 1904); number is the serial number. */
  COMMUNITY_CELL_DATE,
} CommunityCellType;

typedef struct {
  CommunityCellType type;
  guint32 column;    /* 0-based: A is 0 */
  const char *text;  /* nul-terminated, in the book's chunk */
  gsize length;      /* strlen (text) */
  double number;
} CommunityCell;

typedef struct {
  guint32 number;    /* 1-based, as the sheet numbers it */
  guint first;       /* index of its first cell in the sheet's cells */
  guint n_cells;     /* its non-empty cells, by increasing column */
} CommunitySheetRow;

typedef struct {
  char *name;        /* the sheet's name (a CSV's file name without ".csv") */
  char *file;        /* for CSV: the file name it came from; NULL for xlsx */
  GArray *rows;      /* CommunitySheetRow, by increasing number; rows with no
                      * non-empty cell are left out */
  GArray *cells;     /* CommunityCell */
  GStringChunk *strings;  /* the chunk community_sheet_append_cell() copies
                           * its cells' text into when the sheet has its own
                           * (community_sheet_own_strings()), else NULL: the
                           * book's */
} CommunitySheet;

typedef struct {
  GPtrArray *sheets;      /* CommunitySheet *, in the workbook's order */
  GStringChunk *strings;  /* every cell's text */
} CommunitySheetBook;

/* The limits every reader enforces (COMMUNITY_PARSE_ERROR_LIMIT):
 * Excel's own sheet size, and what a dataset's workbook can need. */
#define COMMUNITY_SHEET_MAX_ROWS     1048576
#define COMMUNITY_SHEET_MAX_COLUMNS  16384
#define COMMUNITY_SHEET_MAX_SHEETS   256
/* The most text a book may hold, all cells together (1 GiB). */
#define COMMUNITY_SHEET_MAX_TEXT     (((gsize) 1) << 30)

CommunitySheetBook *community_sheet_book_new        (void);
void                community_sheet_book_free       (CommunitySheetBook *book);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunitySheetBook, community_sheet_book_free)

/* A new empty sheet at the end of @book; @file may be NULL. */
CommunitySheet     *community_sheet_book_add_sheet  (CommunitySheetBook *book,
                                                     const char         *name,
                                                     const char         *file);
/* The sheet named @name (exactly), or NULL. */
CommunitySheet     *community_sheet_book_find_sheet (CommunitySheetBook *book,
                                                     const char         *name);

/* Gives @sheet (still without cells) a string chunk of its own: its cells
 * can then be appended in a thread of their own, one thread a sheet, while
 * other threads append to other sheets. */
void                community_sheet_own_strings     (CommunitySheet     *sheet);

/* Appends a cell to row @row of @sheet: rows must come in increasing
 * order, and cells within a row by increasing column (the readers'
 * order); a row is created by its first cell. @text is copied (@length
 * bytes, or up to its nul when -1). */
void                community_sheet_append_cell     (CommunitySheetBook *book,
                                                     CommunitySheet     *sheet,
                                                     guint32             row,
                                                     guint32             column,
                                                     CommunityCellType   type,
                                                     const char         *text,
                                                     gssize              length,
                                                     double              number);

/* community_sheet_append_cell() of @text that already lives as long as
 * the book (in its string chunk, or its sheet's): not copied. */
void                community_sheet_append_cell_in_place (CommunitySheet     *sheet,
                                                          guint32             row,
                                                          guint32             column,
                                                          CommunityCellType   type,
                                                          const char         *text,
                                                          gsize               length,
                                                          double              number);
/* Makes room for @n_rows more rows and @n_cells more cells in @sheet. */
void                community_sheet_reserve         (CommunitySheet     *sheet,
                                                     guint               n_rows,
                                                     guint               n_cells);

/* The cells of @row, its n_cells of them. */
static inline const CommunityCell *
community_sheet_row_cells (const CommunitySheet    *sheet,
                           const CommunitySheetRow *row)
{
  return &g_array_index (sheet->cells, CommunityCell, row->first);
}

/* "A", "Z", "AA", ... for a 0-based column, into @buffer (8 bytes). */
void                community_sheet_column_name     (guint32             column,
                                                     char                buffer[8]);
/* Whether the @length bytes at @p begin with an escape of OOXML's strings
 * (ST_Xstring): "_xHHHH_", four hexadecimal digits, which Excel reads as
 * the character U+HHHH. */
static inline gboolean
community_sheet_is_xml_escape (const char *p,
                               gsize       length)
{
  return length >= 7 && p[0] == '_' && p[1] == 'x' && p[6] == '_' &&
         g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]) &&
         g_ascii_isxdigit (p[4]) && g_ascii_isxdigit (p[5]);
}
/* "F12" into @buffer (24 bytes). */
void                community_sheet_cell_name       (guint32             row,
                                                     guint32             column,
                                                     char                buffer[24]);

/* --- readers and writers --- */

/* .xlsx (community-xlsx-reader.c): the worksheets of the workbook held in
 * @length bytes at @data, in the workbook's order, each by its name. The
 * worksheets are read in parallel, one thread a processor; an error is
 * the one a reading in order would meet first. */
CommunitySheetBook *community_xlsx_read             (const char         *data,
                                                     gsize               length,
                                                     GError            **error);
/* For tests: the size of the inflated chunks fed to the XML parser (0:
 * the default, 64 KiB) and the most threads that read worksheets (0: one
 * per processor available). Not thread-safe: set before reading. */
void                community_xlsx_read_set_tuning  (gsize               chunk_size,
                                                     guint               threads);

/* CSV (community-csv.c): one file's bytes, UTF-8 (with or without a BOM)
 * or GB18030, RFC 4180, into a new sheet of @book named @sheet_name;
 * @file_name names the file in errors. */
gboolean            community_csv_read              (CommunitySheetBook *book,
                                                     const char         *sheet_name,
                                                     const char         *file_name,
                                                     const char         *data,
                                                     gsize               length,
                                                     GError            **error);
/* A folder of .csv files, or a .zip of them (each file a sheet named by
 * the file's name without ".csv", in the order of their names). */
CommunitySheetBook *community_csv_read_folder       (GFile              *folder,
                                                     GCancellable       *cancellable,
                                                     GError            **error);
CommunitySheetBook *community_csv_read_zip          (const char         *data,
                                                     gsize               length,
                                                     GError            **error);
/* One sheet as RFC 4180 CSV in UTF-8 without a BOM, CRLF line ends,
 * appended to @out; row numbers missing from the sheet are written as
 * empty rows, so that a sheet's row n is the file's line n. */
void                community_csv_write_sheet       (const CommunitySheet *sheet,
                                                     GString              *out);

G_END_DECLS
