/* community-xlsx-stream.h: .xlsx workbooks written as their rows come
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The library's one .xlsx writer (community-xlsx-stream.c): the dataset's
 * workbook (community-xlsx-writer.c) and the report's
 * (report/community-report-xlsx.c) both go through it. A sheet's rows go
 * into its zip entry as they are written (community-zip.h's entry by
 * chunks, deflated at Z_BEST_SPEED on the other processors while the
 * caller makes the next rows), so that memory does not grow with the
 * rows: what a sheet keeps until it ends is its columns, its comments,
 * lists and filter, never its cells (and the workbook, its shared
 * strings). Every function is called from one thread, the caller's (but
 * make_row() and share(), below); the deflating threads are the writer's
 * own, joined by finish() and free().
 *
 * Use: new, then for each sheet add_sheet(), its columns and frozen rows
 * (before its first row), its rows by increasing number, and any time
 * before the next sheet its autofilter, list validations and comments;
 * then finish(). A failure is sticky: every later call fails, finish()
 * gives the first error, and free() abandons the workbook (a file being
 * replaced is left as it was, and one new_for_path() created is deleted).
 *
 * Text is written as inline strings (t="inlineStr"), or, for the cells
 * that ask (COMMUNITY_XLSX_SHARED), into a shared-string table
 * (xl/sharedStrings.xml) of the distinct texts. XML's special characters are escaped; what XML 1.0
 * cannot hold (a control character other than tab, newline and carriage
 * return, U+FFFE, U+FFFF) is written as OOXML's "_xHHHH_" escape, and a
 * "_xHHHH_" in the text as "_x005F_xHHHH_", so that a reader that
 * unescapes, as Excel, openpyxl and community-xlsx-reader.c do, reads
 * the text back as it was. Numbers are written exactly: an integer as
 * one, any other double in the shortest form that reads back as it.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A cell's look: each is one cell format of the workbook's styles. */
typedef enum {
  COMMUNITY_XLSX_STYLE_NONE,
  COMMUNITY_XLSX_STYLE_TEXT,         /* number format "@" (text) */
  COMMUNITY_XLSX_STYLE_HEADER,       /* bold on a light blue fill, a thin bottom border */
  COMMUNITY_XLSX_STYLE_HEADER_TEXT,  /* HEADER with the number format "@" */
  COMMUNITY_XLSX_STYLE_PERCENT,      /* number format "0.0%" */
} CommunityXlsxStyle;

typedef enum {
  COMMUNITY_XLSX_EMPTY,    /* nothing, unless it has a style */
  COMMUNITY_XLSX_STRING,   /* text: valid UTF-8, at most 32,767 characters */
  COMMUNITY_XLSX_NUMBER,   /* a finite double */
  COMMUNITY_XLSX_BOOLEAN,  /* number != 0 is TRUE */
  /* Text as STRING, kept once in the workbook's shared-string table and
   * written as its index: for text that repeats (codes, names, words of
   * a vocabulary). The table holds each distinct text until finish(), so
   * that it grows with the distinct texts, not with the rows: text that
   * rarely repeats belongs in STRING. */
  COMMUNITY_XLSX_SHARED,
  /* A text of the shared-string table by its index (shared), as
   * community_xlsx_stream_share() gave it: for a writer that puts the
   * same texts again and again (a report's divisions), which then looks
   * each up once rather than once a cell. */
  COMMUNITY_XLSX_SHARED_INDEX,
  /* Cells made before by community_xlsx_stream_make_cells(), text their
   * XML and shared how many columns they fill from this one on: for a
   * writer whose rows repeat the same run of cells (a report's rule and
   * places), which then makes the run once. It must follow the last cell
   * written, as the run was made to; the cells it covers after the first
   * are left EMPTY. */
  COMMUNITY_XLSX_MADE,
} CommunityXlsxCellType;

typedef struct {
  CommunityXlsxCellType type;
  CommunityXlsxStyle style;
  const char *text;        /* STRING, SHARED, MADE: nul-terminated */
  double number;           /* NUMBER, BOOLEAN */
  guint32 shared;          /* SHARED_INDEX; MADE: the columns */
  gsize length;            /* STRING, MADE: text's length in bytes where
                            * the writer knows it; 0: strlen() it */
} CommunityXlsxCell;

/* Excel's limits. */
#define COMMUNITY_XLSX_MAX_ROWS         1048576
#define COMMUNITY_XLSX_MAX_COLUMNS      16384
#define COMMUNITY_XLSX_MAX_CELL_CHARS   32767
#define COMMUNITY_XLSX_MAX_SHEET_NAME   31
#define COMMUNITY_XLSX_MAX_LIST_CHARS   255

typedef struct _CommunityXlsxStream CommunityXlsxStream;

/* Into the file @path, through a temporary file renamed over it by
 * finish() (g_file_replace()); a stream freed before finish() succeeded
 * leaves @path as it was, or, where there was none, none. NULL with
 * @error set when it cannot be created. */
CommunityXlsxStream *community_xlsx_stream_new_for_path (const char          *path,
                                                         GError             **error);
/* Into @output, which must be seekable (GSeekable, as a file's or a
 * GMemoryOutputStream is): the zip goes back to each entry's header. The
 * stream is not closed. */
CommunityXlsxStream *community_xlsx_stream_new_for_stream (GOutputStream     *output);
/* Into memory: finish() gives the bytes. */
CommunityXlsxStream *community_xlsx_stream_new_in_memory (void);
void                 community_xlsx_stream_free         (CommunityXlsxStream *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityXlsxStream, community_xlsx_stream_free)

/* Deflates the sheets on @threads threads, beside the caller's that makes
 * their rows (community_zip_writer_set_threads(): 0, the default, one a
 * processor, or COMMUNITY_XLSX_THREADS from the environment; 1 none).
 * Before the first sheet. */
void                 community_xlsx_stream_set_threads  (CommunityXlsxStream *self,
                                                         guint                threads);
/* How many threads the workbook may use (set_threads(), 0 read as one a
 * processor): for a writer that makes its rows on several. */
guint                community_xlsx_stream_get_threads  (CommunityXlsxStream *self);
/* Makes the writing fail with G_IO_ERROR_CANCELLED, at the latest at the
 * next MiB of a sheet or at finish(), once @cancellable is
 * cancelled (a file being replaced is then left as it was). */
void                 community_xlsx_stream_set_cancellable (CommunityXlsxStream *self,
                                                            GCancellable        *cancellable);

/* Ends the current sheet and begins one named @name: at most 31
 * characters, none of []:*?/\, not beginning or ending with an
 * apostrophe, and unique (ignoring case, as Excel does); otherwise
 * G_IO_ERROR_INVALID_ARGUMENT. */
gboolean community_xlsx_stream_add_sheet       (CommunityXlsxStream  *self,
                                                const char           *name,
                                                GError              **error);
/* Columns @first..@last (0-based), @width characters wide (0: the
 * default), with @style for cells written there later (by a person). Before
 * the sheet's first row, by increasing columns, not overlapping. */
void     community_xlsx_stream_set_columns     (CommunityXlsxStream  *self,
                                                guint32               first,
                                                guint32               last,
                                                double                width,
                                                CommunityXlsxStyle    style);
/* Freezes the sheet's first @n_rows rows. Before its first row. */
void     community_xlsx_stream_freeze_rows     (CommunityXlsxStream  *self,
                                                guint32               n_rows);
/* An autofilter over the range (0-based, inclusive). */
void     community_xlsx_stream_autofilter      (CommunityXlsxStream  *self,
                                                guint32               first_row,
                                                guint32               first_column,
                                                guint32               last_row,
                                                guint32               last_column);
/* A drop-down list of @values (NULL-terminated) on @column over rows
 * @first_row..@last_row (0-based). FALSE, and no list, when Excel cannot
 * hold it: a value holding a comma or a quote, or more than 255
 * characters in all. */
gboolean community_xlsx_stream_list_validation (CommunityXlsxStream  *self,
                                                guint32               column,
                                                guint32               first_row,
                                                guint32               last_row,
                                                const char *const    *values);
/* A comment (a note) on the cell at @row, @column (0-based): @text,
 * valid UTF-8, its lines separated by "\n". */
void     community_xlsx_stream_comment         (CommunityXlsxStream  *self,
                                                guint32               row,
                                                guint32               column,
                                                const char           *text);
/* Row @row (0-based, greater than the last row written): @cells[i] in
 * column i. G_IO_ERROR_INVALID_ARGUMENT, naming the sheet and the cell,
 * for a row or column beyond Excel's, text that is not valid UTF-8 or is
 * longer than a cell holds, a number that is not finite. */
gboolean community_xlsx_stream_write_row       (CommunityXlsxStream      *self,
                                                guint32                   row,
                                                const CommunityXlsxCell  *cells,
                                                guint                     n_cells,
                                                GError                  **error);
/* Rows made on other threads, for a writer that makes a sheet's rows on
 * several: make_row() appends row @row's XML to @out as write_row()
 * would write it, with no SHARED cells (share() their texts first, on
 * the stream's thread, and write SHARED_INDEX ones), and FALSE with
 * @error naming the cell as write_row() does (but leaving the stream
 * as it was: stop writing). It reads nothing of the stream that changes
 * while a sheet is written (it takes the SHARED_INDEX cells' indexes on
 * trust), so that threads may make rows while the stream's thread goes
 * on sharing texts and making rows; then write_made_rows() adds @rows,
 * rows @first to @last made by make_row() in order, to the current
 * sheet, on the stream's thread, as write_row() of each, and empties
 * @rows (taking its text without a copy when it is long). */
gboolean community_xlsx_stream_make_row        (CommunityXlsxStream      *self,
                                                GString                  *out,
                                                guint32                   row,
                                                const CommunityXlsxCell  *cells,
                                                guint                     n_cells,
                                                GError                  **error);
/* The XML of @n_cells cells, one after the other, for a MADE cell:
 * appended to @out as make_row() makes them when they follow the cell
 * before them in a row (no cell of them EMPTY without a style, nor MADE,
 * nor SHARED), the same in every row; FALSE with @error naming the cell as
 * make_row() does, @row and @first (the column of cells[0]) only naming
 * it. It reads of the stream what make_row() reads. */
gboolean community_xlsx_stream_make_cells      (CommunityXlsxStream      *self,
                                                GString                  *out,
                                                guint32                   row,
                                                guint32                   first,
                                                const CommunityXlsxCell  *cells,
                                                guint                     n_cells,
                                                GError                  **error);
gboolean community_xlsx_stream_write_made_rows (CommunityXlsxStream  *self,
                                                guint32               first,
                                                guint32               last,
                                                GString              *rows,
                                                GError              **error);
/* The index of @text in the workbook's shared strings (added if it is
 * new), for cells of type COMMUNITY_XLSX_SHARED_INDEX; G_MAXUINT32 for a
 * text no cell takes (empty, not valid UTF-8, longer than a cell holds):
 * a SHARED cell of it then fails with the cell's name. It touches nothing
 * but the table: it may run on another thread while the stream's thread
 * calls nothing but make_row() (a writer that looks up its next rows
 * while it makes these). */
guint32  community_xlsx_stream_share           (CommunityXlsxStream  *self,
                                                const char           *text);
/* Ends the last sheet and writes the workbook's other parts; @bytes (may
 * be NULL) receives the workbook made in memory. Once only; free() after
 * it all the same. */
gboolean community_xlsx_stream_finish          (CommunityXlsxStream  *self,
                                                GBytes              **bytes,
                                                GError              **error);

G_END_DECLS
