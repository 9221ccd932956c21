/* community-xlsx-stream.c: .xlsx workbooks written as their rows come
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * See community-xlsx-stream.h. The package holds what Excel, LibreOffice
 * and openpyxl need and nothing more: [Content_Types].xml, the package's
 * and the workbook's relationships, xl/workbook.xml (the sheets, and the
 * hidden _xlnm._FilterDatabase name of each autofilter), xl/styles.xml
 * (the fixed cell formats of CommunityXlsxStyle), a worksheet per sheet,
 * and for a sheet with comments its xl/commentsN.xml, the legacy VML
 * drawing (xl/drawings/vmlDrawingN.vml) Excel shows them with, and the
 * sheet's relationships to both. No docProps: no reader needs them.
 *
 * A worksheet's XML is built in a buffer that goes into its zip entry
 * every BUFFER_FLUSH bytes; its head (sheetViews, cols) is written at its
 * first row, its tail (autoFilter, dataValidations, legacyDrawing) when it
 * ends. A cell's reference (r) is written only where the cell does not
 * follow the last one of its row. Deflating at Z_BEST_SPEED: on the city
 * dataset's workbook (33 MB of sheet XML) level 1 makes a package a third
 * larger than zlib's default level 6 (3.0 MB against 2.3 MB) in half its
 * CPU time (0.13 s against 0.27 s for the whole write; doc/performance.md,
 * "Writing a workbook"). Each buffer (1 MiB) is handed whole to the zip
 * writer, which deflates it on another thread
 * (community_zip_writer_set_threads(), one a processor; with ISA-L's
 * igzip where the library is built with it) while the caller makes the
 * next rows. Rows made on other threads (make_row(), write_made_rows())
 * go to the zip writer as they are.
 *
 * A text's UTF-8 is checked as it is escaped, eight bytes at a time while
 * they are plain ASCII (append_escaped()).
 *
 * Shared strings (COMMUNITY_XLSX_SHARED) are looked up by their text, in
 * a hash table, after a memo of each column's last one (a column of codes
 * or names often repeats its text from row to row), or given by index
 * (share(), COMMUNITY_XLSX_SHARED_INDEX); the table's part,
 * xl/sharedStrings.xml, is written by finish().
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <zlib.h>

#include "community-sheet-book.h"
#include "community-xlsx-stream.h"
#include "community-zip.h"
#include "community-number-private.h"
#include "community-string-private.h"

#define BUFFER_FLUSH (1024 * 1024)
#define SHARED_MEMO 32
#define ZIP_LEVEL Z_BEST_SPEED

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PACKAGE_REL "http://schemas.openxmlformats.org/package/2006/relationships"
#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

typedef struct {
  guint32 row, column;
  char *text;
} Comment;

typedef struct {
  guint32 first, last;
  double width;
  CommunityXlsxStyle style;
} Columns;

typedef struct {
  char *name;
  char *folded;            /* for uniqueness, as Excel compares names */
  guint32 frozen;
  GArray *columns;         /* Columns */
  gboolean has_filter;
  guint32 filter[4];       /* first row, first column, last row, last column */
  GString *validations;    /* <dataValidation> elements */
  guint n_validations;
  GArray *comments;        /* Comment */
  guint comments_part;     /* N of xl/commentsN.xml, 0 for none */
} Sheet;

struct _CommunityXlsxStream {
  GOutputStream *output;
  GCancellable *abandon;   /* cancelled to drop a file being replaced */
  GFile *created;          /* a file that did not exist: deleted unless complete */
  gboolean complete;       /* finish() succeeded */
  gboolean own_output;     /* close it in finish() */
  gboolean in_memory;
  CommunityZipWriter *zip;
  guint threads;           /* set_threads()'s, 0 for one a processor */
  GPtrArray *sheets;       /* Sheet * */
  Sheet *sheet;            /* the current one */
  gboolean started;        /* its <sheetData> has begun */
  gint64 next_row;         /* the least row it may take next */
  GString *buffer;
  guint n_comment_parts;
  GError *error;           /* the first failure */
  gboolean finished;
  GCancellable *cancellable;
  /* The shared strings: text -> index + 1, and the texts by index. */
  GHashTable *shared;
  GPtrArray *shared_texts;
  GStringChunk *shared_chunk;
  /* The last shared text of each of the first columns, and its index + 1:
   * a column often repeats its text from row to row. */
  const char *shared_memo[SHARED_MEMO];
  guint shared_memo_index[SHARED_MEMO];
};

static void
comment_clear (gpointer data)
{
  Comment *comment = data;

  g_free (comment->text);
}

static void
sheet_free (gpointer data)
{
  Sheet *sheet = data;

  g_free (sheet->name);
  g_free (sheet->folded);
  g_array_unref (sheet->columns);
  g_string_free (sheet->validations, TRUE);
  g_array_unref (sheet->comments);
  g_free (sheet);
}

/* --- text --- */

/* A literal appended (community-string-private.h). */
#define PUT(out, literal) community_string_append_len ((out), "" literal, sizeof (literal) - 1)

static inline void
put_int (GString *out,
         gint64   value)
{
  char digits[COMMUNITY_INT64_CHARS];
  char *end = digits + sizeof digits;
  char *p = community_format_int64 (end, value);

  community_string_append_len (out, p, (gsize) (end - p));
}

/* "A", "Z", "AA", ... for a 0-based column. */
static inline void
append_column (GString *out,
               guint32  column)
{
  char letters[8];

  community_sheet_column_name (column, letters);
  community_string_append_len (out, letters, strlen (letters));
}

static void
append_cell_name (GString *out,
                  guint32  row,
                  guint32  column)
{
  append_column (out, column);
  put_int (out, (gint64) row + 1);
}

/* The ASCII bytes that need a look: XML's specials, control characters
 * and the '_' of an escape. */
static const guint8 *
special_bytes (void)
{
  static guint8 table[128];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (int c = 0; c < 0x20; c++)
        table[c] = 1;
      table['&'] = table['<'] = table['>'] = table['"'] = table['_'] = 1;
      g_once_init_leave (&initialized, 1);
    }
  return table;
}

/* The bytes of @w that special_bytes() flags or that are not ASCII, each
 * flagged by its high bit: the lowest flag is the first such byte (the
 * text is mostly plain ASCII, looked at eight bytes at a time). */
static inline guint64
stop_bytes (guint64 w)
{
  return (w & COMMUNITY_BYTES_HIGH) | community_bytes_below (w, 0x20) |
         community_bytes_equal (w, '&') | community_bytes_equal (w, '<') |
         community_bytes_equal (w, '>') | community_bytes_equal (w, '"') |
         community_bytes_equal (w, '_');
}

#ifdef __SSE2__
#include <emmintrin.h>

/* The offset in the 16 bytes at @p of the first byte that stop_bytes()
 * would flag, or 16: SSE2 (every x86-64), twice the bytes of a 64-bit
 * word at a time. A signed compare takes every byte from 0x80 on for one
 * below 0x20. */
static inline guint
stop_offset_16 (const guchar *p)
{
  __m128i v = _mm_loadu_si128 ((const __m128i *) p);
  __m128i stops = _mm_or_si128 (_mm_or_si128 (_mm_cmplt_epi8 (v, _mm_set1_epi8 (0x20)),
                                              _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('&'))),
                                _mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('<')),
                                                            _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('>'))),
                                              _mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('"')),
                                                            _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('_')))));
  guint mask = (guint) _mm_movemask_epi8 (stops);

  return mask != 0 ? (guint) __builtin_ctz (mask) : 16;
}
#endif

/* @text (@length bytes) as XML character data or an attribute's value,
 * with OOXML's escapes (the header comment), checking on the way that it
 * is UTF-8: FALSE, with part of it appended, if it is not. */
static gboolean
append_escaped (GString    *out,
                const char *text,
                gsize       length)
{
  const guint8 *special = special_bytes ();
  const guchar *p = (const guchar *) text, *end = p + length, *plain = p;

  for (;;)
    {
      guchar c;

#ifdef __SSE2__
      while (end - p >= 16)
        {
          guint offset = stop_offset_16 (p);

          p += offset;
          if (offset < 16)
            goto look;
        }
#endif
      while (end - p >= 8)
        {
          guint64 w, stops;

          memcpy (&w, p, 8);
          w = GUINT64_FROM_LE (w);
          stops = stop_bytes (w);
          if (stops != 0)
            {
              p += (guint) __builtin_ctzll (stops) / 8;
              goto look;
            }
          p += 8;
        }
      while (p < end && *p < 0x80 && !special[*p])
        p++;
      if (p == end)
        break;

    look:
      c = *p;
      if (c >= 0x80)
        {
          /* Two- and three-byte characters below U+FFFE (Chinese, most
           * punctuation), checked here without a call: a continuation
           * byte after each lead, no overlong form (E0 80-9F) and no
           * surrogate (ED A0-BF). */
          if (c >= 0xC2 && c <= 0xDF && end - p >= 2 && (p[1] & 0xC0) == 0x80)
            {
              p += 2;
              continue;
            }
          if (c >= 0xE0 && c <= 0xEF && end - p >= 3 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
              (c != 0xE0 || p[1] >= 0xA0) && (c != 0xED || p[1] < 0xA0) &&
              !(c == 0xEF && p[1] == 0xBF && p[2] >= 0xBE))
            {
              p += 3;
              continue;
            }
          /* The rest as g_utf8_validate() takes it: no overlong form,
           * surrogate or code point beyond U+10FFFF. */
          gunichar u = g_utf8_get_char_validated ((const char *) p, end - p);
          gsize n = (gsize) g_utf8_skip[c];

          if (u == (gunichar) -1 || u == (gunichar) -2)
            return FALSE;
          if (u == 0xFFFE || u == 0xFFFF)
            {
              community_string_append_len (out, (const char *) plain, p - plain);
              g_string_append (out, u == 0xFFFE ? "_xFFFE_" : "_xFFFF_");
              plain = p + n;
            }
          p += n;
          continue;
        }
      if ((c == '_' && !community_sheet_is_xml_escape ((const char *) p, end - p)) ||
          c == '\t' || c == '\n')
        {
          p++;
          continue;
        }
      community_string_append_len (out, (const char *) plain, p - plain);
      switch (c)
        {
        case '&':
          PUT (out, "&amp;");
          break;
        case '<':
          PUT (out, "&lt;");
          break;
        case '>':
          PUT (out, "&gt;");
          break;
        case '"':
          PUT (out, "&quot;");
          break;
        case '_':
          PUT (out, "_x005F_");
          break;
        case '\r':
          /* An attribute or text would read it back as a newline. */
          PUT (out, "&#13;");
          break;
        default:
          g_string_append_printf (out, "_x%04X_", c);
          break;
        }
      p++;
      plain = p;
    }
  community_string_append_len (out, (const char *) plain, end - plain);
  return TRUE;
}

static void
append_escaped_str (GString    *out,
                    const char *text)
{
  append_escaped (out, text, strlen (text));
}

/* @value exactly: an integer as one, any other double in the shortest
 * form that reads back as it (community_format_double()). */
static void
append_number (GString *out,
               double   value)
{
  char buffer[COMMUNITY_DOUBLE_CHARS];
  gsize length;

  if (value == floor (value) && fabs (value) < 1e15)
    {
      put_int (out, (gint64) value);
      return;
    }
  length = community_format_double (buffer, value);
  community_string_append_len (out, buffer, length);
}

/* --- failures --- */

static gboolean
fail (CommunityXlsxStream *self,
      GError             **error,
      GError              *failure)
{
  if (self->error == NULL)
    self->error = g_error_copy (failure);
  g_propagate_error (error, failure);
  return FALSE;
}

static gboolean
check_ok (CommunityXlsxStream *self,
          GError             **error)
{
  if (self->error == NULL)
    return TRUE;
  g_propagate_error (error, g_error_copy (self->error));
  return FALSE;
}

static GError *
cell_error_new (CommunityXlsxStream *self,
                guint32              row,
                guint32              column,
                const char          *why)
{
  g_autoptr(GString) cell = g_string_new (NULL);

  append_cell_name (cell, row, column);
  return g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                      _("%s!%s: cannot write the cell: %s"),
                      self->sheet->name, cell->str, why);
}

static gboolean
cell_error (CommunityXlsxStream *self,
            GError             **error,
            guint32              row,
            guint32              column,
            const char          *why)
{
  return fail (self, error, cell_error_new (self, row, column, why));
}

/* --- parts --- */

static gboolean
flush (CommunityXlsxStream *self,
       GError             **error)
{
  GError *failure = NULL;
  char *data;
  gsize length;

  if (g_cancellable_set_error_if_cancelled (self->cancellable, &failure))
    return fail (self, error, failure);
  if (self->buffer->len == 0)
    return TRUE;
  /* The buffer goes to the zip writer as it is (a piece to deflate on
   * another thread), and a new one takes its place. */
  length = self->buffer->len;
  data = g_string_free (self->buffer, FALSE);
  self->buffer = g_string_sized_new (BUFFER_FLUSH + 64 * 1024);
  if (!community_zip_writer_write_owned (self->zip, data, length, &failure))
    return fail (self, error, failure);
  return TRUE;
}

static gboolean
add_part (CommunityXlsxStream *self,
          const char          *name,
          GString             *text,
          GError             **error)
{
  GError *failure = NULL;

  if (!community_zip_writer_add_entry (self->zip, name, text->str, text->len, &failure))
    return fail (self, error, failure);
  return TRUE;
}

/* The deflating threads: COMMUNITY_XLSX_THREADS in the environment, for
 * benchmarks (doc/performance.md), else one a processor. */
static guint
stream_threads (void)
{
  const char *threads = g_getenv ("COMMUNITY_XLSX_THREADS");

  if (threads != NULL && g_ascii_isdigit (*threads))
    return (guint) MIN (g_ascii_strtoull (threads, NULL, 10), 64);
  return 0;   /* one a processor */
}

static CommunityXlsxStream *
stream_new (GOutputStream *output,
            gboolean       own_output,
            gboolean       in_memory)
{
  CommunityXlsxStream *self = g_new0 (CommunityXlsxStream, 1);

  self->output = output;
  self->own_output = own_output;
  self->in_memory = in_memory;
  self->abandon = g_cancellable_new ();
  self->zip = community_zip_writer_new_for_stream (output, ZIP_LEVEL);
  self->threads = stream_threads ();
  community_zip_writer_set_threads (self->zip, self->threads);
  self->sheets = g_ptr_array_new_with_free_func (sheet_free);
  self->buffer = g_string_sized_new (BUFFER_FLUSH + 64 * 1024);
  self->shared = g_hash_table_new (g_str_hash, g_str_equal);
  self->shared_texts = g_ptr_array_new ();
  self->shared_chunk = g_string_chunk_new (16 * 1024);
  return self;
}

CommunityXlsxStream *
community_xlsx_stream_new_for_path (const char  *path,
                                    GError     **error)
{
  g_autoptr(GFile) file = NULL;
  GFileOutputStream *output;
  CommunityXlsxStream *self;
  gboolean existed;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = g_file_new_for_path (path);
  /* g_file_replace() writes a file that exists aside and renames it at
   * the close, which a cancelled close skips; one that does not exist it
   * writes in place, so a workbook left incomplete is deleted (free()). */
  existed = g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) != G_FILE_TYPE_UNKNOWN;
  output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (output == NULL)
    return NULL;
  if (!g_seekable_can_seek (G_SEEKABLE (output)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("%s: cannot write a workbook there (it must be a file)"), path);
      g_output_stream_close (G_OUTPUT_STREAM (output), NULL, NULL);
      g_object_unref (output);
      return NULL;
    }
  self = stream_new (G_OUTPUT_STREAM (output), TRUE, FALSE);
  if (!existed)
    self->created = g_steal_pointer (&file);
  return self;
}

CommunityXlsxStream *
community_xlsx_stream_new_for_stream (GOutputStream *output)
{
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output) && G_IS_SEEKABLE (output), NULL);

  return stream_new (g_object_ref (output), FALSE, FALSE);
}

CommunityXlsxStream *
community_xlsx_stream_new_in_memory (void)
{
  return stream_new (g_memory_output_stream_new_resizable (), TRUE, TRUE);
}

void
community_xlsx_stream_set_threads (CommunityXlsxStream *self,
                                   guint                threads)
{
  g_return_if_fail (self != NULL && self->sheets->len == 0);
  self->threads = threads;
  community_zip_writer_set_threads (self->zip, threads);
}

guint
community_xlsx_stream_get_threads (CommunityXlsxStream *self)
{
  g_return_val_if_fail (self != NULL, 1);

  return self->threads != 0 ? self->threads : g_get_num_processors ();
}

void
community_xlsx_stream_set_cancellable (CommunityXlsxStream *self,
                                       GCancellable        *cancellable)
{
  g_return_if_fail (self != NULL);

  g_set_object (&self->cancellable, cancellable);
  community_zip_writer_set_cancellable (self->zip, cancellable);
}

void
community_xlsx_stream_free (CommunityXlsxStream *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->zip, community_zip_writer_free);
  if (self->own_output && !g_output_stream_is_closed (self->output))
    {
      /* A file being replaced stays as it was. */
      g_cancellable_cancel (self->abandon);
      g_output_stream_close (self->output, self->abandon, NULL);
    }
  if (self->created != NULL && !self->complete)
    g_file_delete (self->created, NULL, NULL);
  g_clear_object (&self->created);
  g_clear_object (&self->output);
  g_clear_object (&self->abandon);
  g_clear_object (&self->cancellable);
  g_ptr_array_unref (self->sheets);
  g_string_free (self->buffer, TRUE);
  g_clear_pointer (&self->shared, g_hash_table_unref);
  g_clear_pointer (&self->shared_texts, g_ptr_array_unref);
  g_clear_pointer (&self->shared_chunk, g_string_chunk_free);
  g_clear_error (&self->error);
  g_free (self);
}

/* --- a sheet --- */

static guint
sheet_index (CommunityXlsxStream *self)
{
  return self->sheets->len;   /* 1-based: the current sheet is the last */
}

static int
compare_columns (gconstpointer a,
                 gconstpointer b)
{
  const Columns *x = a, *y = b;

  return x->first < y->first ? -1 : x->first > y->first;
}

/* The attribute of @style, and its length. */
static const char *
style_attribute (CommunityXlsxStyle  style,
                 gsize              *length)
{
  static const char *const attributes[] = {
    "", " s=\"1\"", " s=\"2\"", " s=\"3\"", " s=\"4\"",
  };

  *length = style == COMMUNITY_XLSX_STYLE_NONE ? 0 : 6;
  return attributes[style];
}

/* The worksheet's head, up to <sheetData>. */
static void
sheet_start (CommunityXlsxStream *self)
{
  Sheet *sheet = self->sheet;
  GString *out = self->buffer;

  if (self->started)
    return;
  self->started = TRUE;
  g_string_append (out, XML_HEAD "<worksheet xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">");
  g_string_append (out, "<sheetViews><sheetView workbookViewId=\"0\"");
  if (sheet_index (self) == 1)
    g_string_append (out, " tabSelected=\"1\"");
  if (sheet->frozen > 0)
    {
      g_autoptr(GString) top_left = g_string_new (NULL);

      append_cell_name (top_left, sheet->frozen, 0);
      g_string_append_printf (out, "><pane ySplit=\"%u\" topLeftCell=\"%s\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                              "<selection pane=\"bottomLeft\" activeCell=\"%s\" sqref=\"%s\"/></sheetView>",
                              sheet->frozen, top_left->str, top_left->str, top_left->str);
    }
  else
    g_string_append (out, "/>");
  g_string_append (out, "</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>");
  if (sheet->columns->len > 0)
    {
      g_array_sort (sheet->columns, compare_columns);
      g_string_append (out, "<cols>");
      for (guint i = 0; i < sheet->columns->len; i++)
        {
          const Columns *columns = &g_array_index (sheet->columns, Columns, i);
          char width[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append_printf (out, "<col min=\"%u\" max=\"%u\"", columns->first + 1, columns->last + 1);
          if (columns->width > 0)
            g_string_append_printf (out, " width=\"%s\" customWidth=\"1\"",
                                    g_ascii_formatd (width, sizeof width, "%.4g", columns->width));
          else
            g_string_append (out, " width=\"9.140625\"");
          if (columns->style != COMMUNITY_XLSX_STYLE_NONE)
            g_string_append_printf (out, " style=\"%d\"", columns->style);
          g_string_append (out, "/>");
        }
      g_string_append (out, "</cols>");
    }
  g_string_append (out, "<sheetData>");
}

static void
append_range (GString *out,
              guint32  first_row,
              guint32  first_column,
              guint32  last_row,
              guint32  last_column,
              gboolean absolute)
{
  if (absolute)
    g_string_append_c (out, '$');
  append_column (out, first_column);
  g_string_append_printf (out, absolute ? "$%u:$" : "%u:", first_row + 1);
  append_column (out, last_column);
  g_string_append_printf (out, absolute ? "$%u" : "%u", last_row + 1);
}

static void
append_comments_part (GString *out,
                      Sheet   *sheet)
{
  g_string_append (out, XML_HEAD "<comments xmlns=\"" NS_MAIN "\"><authors><author>libcommunity</author></authors><commentList>");
  for (guint i = 0; i < sheet->comments->len; i++)
    {
      const Comment *comment = &g_array_index (sheet->comments, Comment, i);

      g_string_append (out, "<comment ref=\"");
      append_cell_name (out, comment->row, comment->column);
      g_string_append (out, "\" authorId=\"0\"><text><t xml:space=\"preserve\">");
      append_escaped_str (out, comment->text);
      g_string_append (out, "</t></text></comment>");
    }
  g_string_append (out, "</commentList></comments>");
}

/* The legacy drawing Excel shows the notes with: one hidden text box a
 * note, anchored beside its cell (twice the default width, one and a half
 * times its height). */
static void
append_vml_part (GString *out,
                 Sheet   *sheet,
                 guint    part)
{
  g_string_append_printf (out,
    "<xml xmlns:v=\"urn:schemas-microsoft-com:vml\" xmlns:o=\"urn:schemas-microsoft-com:office:office\""
    " xmlns:x=\"urn:schemas-microsoft-com:office:excel\">"
    "<o:shapelayout v:ext=\"edit\"><o:idmap v:ext=\"edit\" data=\"%u\"/></o:shapelayout>"
    "<v:shapetype id=\"_x0000_t202\" coordsize=\"21600,21600\" o:spt=\"202\" path=\"m,l,21600r21600,l21600,xe\">"
    "<v:stroke joinstyle=\"miter\"/><v:path gradientshapeok=\"t\" o:connecttype=\"rect\"/></v:shapetype>",
    part);
  for (guint i = 0; i < sheet->comments->len; i++)
    {
      const Comment *comment = &g_array_index (sheet->comments, Comment, i);

      g_string_append_printf (out,
        "<v:shape id=\"_x0000_s%u\" type=\"#_x0000_t202\""
        " style=\"position:absolute;margin-left:%upt;margin-top:%upt;width:192pt;height:84pt;z-index:%u;visibility:hidden\""
        " fillcolor=\"#ffffe1\" o:insetmode=\"auto\"><v:fill color2=\"#ffffe1\"/>"
        "<v:shadow on=\"t\" color=\"black\" obscured=\"t\"/><v:path o:connecttype=\"none\"/>"
        "<v:textbox style=\"mso-direction-alt:auto\"><div style=\"text-align:left\"></div></v:textbox>"
        "<x:ClientData ObjectType=\"Note\"><x:MoveWithCells/><x:SizeWithCells/>"
        "<x:Anchor>%u, 15, %u, 2, %u, 15, %u, 16</x:Anchor><x:AutoFill>False</x:AutoFill>"
        "<x:Row>%u</x:Row><x:Column>%u</x:Column></x:ClientData></v:shape>",
        part * 1024 + i + 1, (comment->column + 1) * 48 + 12, comment->row > 0 ? comment->row * 15 - 13 : 2, i + 1,
        comment->column + 1, comment->row > 0 ? comment->row - 1 : 0,
        comment->column + 5, comment->row + 5,
        comment->row, comment->column);
    }
  g_string_append (out, "</xml>");
}

/* Ends the current sheet: its tail, then its comments' parts. */
static gboolean
sheet_end (CommunityXlsxStream *self,
           GError             **error)
{
  Sheet *sheet = self->sheet;
  GString *out = self->buffer;
  GError *failure = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GString) part = NULL;
  guint index = sheet_index (self);

  if (sheet == NULL)
    return TRUE;
  sheet_start (self);
  g_string_append (out, "</sheetData>");
  if (sheet->has_filter)
    {
      g_string_append (out, "<autoFilter ref=\"");
      append_range (out, sheet->filter[0], sheet->filter[1], sheet->filter[2], sheet->filter[3], FALSE);
      g_string_append (out, "\"/>");
    }
  if (sheet->n_validations > 0)
    g_string_append_printf (out, "<dataValidations count=\"%u\">%s</dataValidations>",
                            sheet->n_validations, sheet->validations->str);
  g_string_append (out, "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>");
  if (sheet->comments->len > 0)
    g_string_append (out, "<legacyDrawing r:id=\"rId1\"/>");
  g_string_append (out, "</worksheet>");
  if (!flush (self, error))
    return FALSE;
  if (!community_zip_writer_end (self->zip, &failure))
    return fail (self, error, failure);
  self->sheet = NULL;
  self->started = FALSE;

  if (sheet->comments->len == 0)
    return TRUE;
  sheet->comments_part = ++self->n_comment_parts;
  part = g_string_new (NULL);
  append_comments_part (part, sheet);
  name = g_strdup_printf ("xl/comments%u.xml", sheet->comments_part);
  if (!add_part (self, name, part, error))
    return FALSE;

  g_string_truncate (part, 0);
  append_vml_part (part, sheet, sheet->comments_part);
  g_free (name);
  name = g_strdup_printf ("xl/drawings/vmlDrawing%u.vml", sheet->comments_part);
  if (!add_part (self, name, part, error))
    return FALSE;

  g_string_assign (part, XML_HEAD "<Relationships xmlns=\"" NS_PACKAGE_REL "\">");
  g_string_append_printf (part,
                          "<Relationship Id=\"rId1\" Type=\"" NS_REL "/vmlDrawing\" Target=\"../drawings/vmlDrawing%u.vml\"/>"
                          "<Relationship Id=\"rId2\" Type=\"" NS_REL "/comments\" Target=\"../comments%u.xml\"/>"
                          "</Relationships>",
                          sheet->comments_part, sheet->comments_part);
  g_free (name);
  name = g_strdup_printf ("xl/worksheets/_rels/sheet%u.xml.rels", index);
  return add_part (self, name, part, error);
}

static gboolean
valid_sheet_name (const char *name)
{
  glong length;

  if (!g_utf8_validate (name, -1, NULL))
    return FALSE;
  length = g_utf8_strlen (name, -1);
  if (length == 0 || length > COMMUNITY_XLSX_MAX_SHEET_NAME)
    return FALSE;
  if (name[0] == '\'' || name[strlen (name) - 1] == '\'')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (strchr ("[]:*?/\\", *p) != NULL || (guchar) *p < 0x20)
      return FALSE;
  return TRUE;
}

gboolean
community_xlsx_stream_add_sheet (CommunityXlsxStream  *self,
                                 const char           *name,
                                 GError              **error)
{
  g_autofree char *folded = NULL;
  g_autofree char *part = NULL;
  GError *failure = NULL;
  Sheet *sheet;

  g_return_val_if_fail (self != NULL && !self->finished, FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  if (!check_ok (self, error) || !sheet_end (self, error))
    return FALSE;
  if (!valid_sheet_name (name))
    return fail (self, error, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                           _("%s: not a name Excel takes for a sheet (at most 31 characters, none of []:*?/\\)"),
                                           name));
  folded = g_utf8_casefold (name, -1);
  for (guint i = 0; i < self->sheets->len; i++)
    if (strcmp (((Sheet *) g_ptr_array_index (self->sheets, i))->folded, folded) == 0)
      return fail (self, error, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                             _("%s: the workbook has a sheet of this name already"), name));

  sheet = g_new0 (Sheet, 1);
  sheet->name = g_strdup (name);
  sheet->folded = g_steal_pointer (&folded);
  sheet->columns = g_array_new (FALSE, FALSE, sizeof (Columns));
  sheet->validations = g_string_new (NULL);
  sheet->comments = g_array_new (FALSE, FALSE, sizeof (Comment));
  g_array_set_clear_func (sheet->comments, comment_clear);
  g_ptr_array_add (self->sheets, sheet);
  self->sheet = sheet;
  self->next_row = 0;

  part = g_strdup_printf ("xl/worksheets/sheet%u.xml", sheet_index (self));
  if (!community_zip_writer_begin (self->zip, part, &failure))
    return fail (self, error, failure);
  return TRUE;
}

void
community_xlsx_stream_set_columns (CommunityXlsxStream *self,
                                   guint32              first,
                                   guint32              last,
                                   double               width,
                                   CommunityXlsxStyle   style)
{
  Columns columns = { first, last, width, style };

  g_return_if_fail (self != NULL && self->sheet != NULL && !self->started);
  g_return_if_fail (first <= last && last < COMMUNITY_XLSX_MAX_COLUMNS);
  g_return_if_fail (style <= COMMUNITY_XLSX_STYLE_PERCENT);

  g_array_append_val (self->sheet->columns, columns);
}

void
community_xlsx_stream_freeze_rows (CommunityXlsxStream *self,
                                   guint32              n_rows)
{
  g_return_if_fail (self != NULL && self->sheet != NULL && !self->started);
  g_return_if_fail (n_rows < COMMUNITY_XLSX_MAX_ROWS);

  self->sheet->frozen = n_rows;
}

void
community_xlsx_stream_autofilter (CommunityXlsxStream *self,
                                  guint32              first_row,
                                  guint32              first_column,
                                  guint32              last_row,
                                  guint32              last_column)
{
  Sheet *sheet;

  g_return_if_fail (self != NULL && self->sheet != NULL);
  g_return_if_fail (first_row <= last_row && last_row < COMMUNITY_XLSX_MAX_ROWS);
  g_return_if_fail (first_column <= last_column && last_column < COMMUNITY_XLSX_MAX_COLUMNS);

  sheet = self->sheet;
  sheet->has_filter = TRUE;
  sheet->filter[0] = first_row;
  sheet->filter[1] = first_column;
  sheet->filter[2] = last_row;
  sheet->filter[3] = last_column;
}

gboolean
community_xlsx_stream_list_validation (CommunityXlsxStream *self,
                                       guint32              column,
                                       guint32              first_row,
                                       guint32              last_row,
                                       const char *const   *values)
{
  GString *out;
  glong chars = 0;

  g_return_val_if_fail (self != NULL && self->sheet != NULL, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);
  g_return_val_if_fail (first_row <= last_row && last_row < COMMUNITY_XLSX_MAX_ROWS, FALSE);
  g_return_val_if_fail (column < COMMUNITY_XLSX_MAX_COLUMNS, FALSE);

  for (guint i = 0; values[i] != NULL; i++)
    {
      if (strchr (values[i], ',') != NULL || strchr (values[i], '"') != NULL ||
          !g_utf8_validate (values[i], -1, NULL))
        return FALSE;
      chars += g_utf8_strlen (values[i], -1) + (i > 0);
    }
  if (chars > COMMUNITY_XLSX_MAX_LIST_CHARS)
    return FALSE;

  out = self->sheet->validations;
  g_string_append (out, "<dataValidation type=\"list\" allowBlank=\"1\" showInputMessage=\"1\" showErrorMessage=\"1\" sqref=\"");
  append_range (out, first_row, column, last_row, column, FALSE);
  g_string_append (out, "\"><formula1>\"");
  for (guint i = 0; values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_escaped_str (out, values[i]);
    }
  g_string_append (out, "\"</formula1></dataValidation>");
  self->sheet->n_validations++;
  return TRUE;
}

void
community_xlsx_stream_comment (CommunityXlsxStream *self,
                               guint32              row,
                               guint32              column,
                               const char          *text)
{
  Comment comment = { row, column, NULL };

  g_return_if_fail (self != NULL && self->sheet != NULL);
  g_return_if_fail (text != NULL && g_utf8_validate (text, -1, NULL));
  g_return_if_fail (row < COMMUNITY_XLSX_MAX_ROWS && column < COMMUNITY_XLSX_MAX_COLUMNS);

  comment.text = g_strdup (text);
  g_array_append_val (self->sheet->comments, comment);
}

/* Why a cell cannot hold @text (@length bytes), or NULL. */
static const char *
text_problem (const char *text,
              gsize       length)
{
  if (!g_utf8_validate_len (text, length, NULL))
    return _("the text is not valid UTF-8");
  if (length > COMMUNITY_XLSX_MAX_CELL_CHARS &&
      g_utf8_strlen (text, (gssize) length) > COMMUNITY_XLSX_MAX_CELL_CHARS)
    return _("the text is longer than 32,767 characters");
  return NULL;
}

/* Adds @text (@length bytes, which a cell takes) to the shared strings:
 * its index. */
static guint32
add_shared (CommunityXlsxStream *self,
            const char          *text,
            gsize                length)
{
  char *copy = g_string_chunk_insert_len (self->shared_chunk, text, length);

  g_ptr_array_add (self->shared_texts, copy);
  g_hash_table_insert (self->shared, copy, GUINT_TO_POINTER (self->shared_texts->len));
  return self->shared_texts->len - 1;
}

guint32
community_xlsx_stream_share (CommunityXlsxStream *self,
                             const char          *text)
{
  gpointer found;
  gsize length;

  g_return_val_if_fail (self != NULL && text != NULL, G_MAXUINT32);

  found = g_hash_table_lookup (self->shared, text);
  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  length = strlen (text);
  if (length == 0 || text_problem (text, length) != NULL)
    return G_MAXUINT32;
  return add_shared (self, text, length);
}

/* Whether @text (@length bytes, at least one) needs xml:space="preserve"
 * on its <t>: white space at an end, which a reader would trim. */
static inline gboolean
keeps_space (const char *text,
             gsize       length)
{
  return g_ascii_isspace (text[0]) || g_ascii_isspace (text[length - 1]);
}

/* <t>@text</t>, keeping white space at its ends; FALSE if @text is not
 * UTF-8 (append_escaped()). */
static gboolean
append_text_element (GString    *out,
                     const char *text,
                     gsize       length)
{
  if (keeps_space (text, length))
    PUT (out, "<t xml:space=\"preserve\">");
  else
    PUT (out, "<t>");
  if (!append_escaped (out, text, length))
    return FALSE;
  PUT (out, "</t>");
  return TRUE;
}

/* "<c", with the cell's reference when it does not follow the last cell
 * written in its row (a reader takes a cell without one for the next
 * column: a tenth of the sheet's XML less to make and deflate). */
static inline void
open_cell (GString *out,
           guint32  row,
           guint32  column,
           gint64  *last)
{
  if ((gint64) column == *last + 1)
    PUT (out, "<c");
  else
    {
      PUT (out, "<c r=\"");
      append_cell_name (out, row, column);
      PUT (out, "\"");
    }
  *last = column;
}

/* The start tag of the cell in @column: "<c", then the rest of it,
 * @tail (a literal: the cell's type, ">" and what follows), in one append
 * where the cell follows the last one written and has no style (most
 * cells); else with its reference (open_cell()) and its style. */
#define OPEN_CELL(out, row, column, last, style, style_length, tail) \
  G_STMT_START \
    { \
      if ((gint64) (column) == *(last) + 1 && (style_length) == 0) \
        { \
          PUT ((out), "<c" tail); \
          *(last) = (column); \
        } \
      else \
        { \
          open_cell ((out), (row), (column), (last)); \
          community_string_append_len ((out), (style), (style_length)); \
          PUT ((out), tail); \
        } \
    } \
  G_STMT_END

/* For append_row(): the cell @i that cannot be written, and why; @out
 * back to @mark. */
static gboolean
refuse_cell (GString     *out,
             gsize        mark,
             guint       *column,
             const char **why,
             guint        i,
             const char  *problem)
{
  g_string_truncate (out, mark);
  *column = i;
  *why = problem;
  return FALSE;
}

/* The XML of @cells, cells[i] in column @first + i of row @row,
 * appended to @out after the cell in column *@last (-1: none yet); FALSE,
 * with @out back to @mark, for the cell (*@column) that cannot be written
 * and why (*@problem). With @share (the stream's own thread), SHARED
 * cells go into the shared strings and SHARED_INDEX ones are checked
 * against them; without it, SHARED cells are refused, and only what does
 * not change while a sheet is written (its name) is read of the stream. */
static gboolean
append_cells (CommunityXlsxStream      *self,
              GString                  *out,
              gsize                     mark,
              guint32                   row,
              guint32                   first,
              const CommunityXlsxCell  *cells,
              guint                     n_cells,
              gboolean                  share,
              gint64                   *last,
              guint                    *column,
              const char              **problem)
{
  for (guint i = 0; i < n_cells; i++)
    {
      const CommunityXlsxCell *cell = &cells[i];
      gsize style_length;
      const char *style = style_attribute (cell->style, &style_length);

      switch (cell->type)
        {
        case COMMUNITY_XLSX_SHARED:
        case COMMUNITY_XLSX_SHARED_INDEX:
          {
            guint32 index = cell->shared;

            if (cell->type == COMMUNITY_XLSX_SHARED_INDEX)
              {
                /* The table may grow meanwhile on the stream's thread:
                 * make_row() takes share()'s indexes on trust. */
                if (share && index >= self->shared_texts->len)
                  return refuse_cell (out, mark, column, problem, first + i, _("no such shared string"));
              }
            else if (cell->text[0] == '\0')
              goto empty;
            else if (!share)
              return refuse_cell (out, mark, column, problem, first + i, _("a shared string by its text, on another thread"));
            else
              {
                if (first + i < SHARED_MEMO && self->shared_memo[first + i] != NULL && strcmp (self->shared_memo[first + i], cell->text) == 0)
                  index = self->shared_memo_index[first + i];
                else
                  index = GPOINTER_TO_UINT (g_hash_table_lookup (self->shared, cell->text));
                if (index == 0)
                  {
                    gsize length = strlen (cell->text);
                    const char *why = text_problem (cell->text, length);

                    if (why != NULL)
                      return refuse_cell (out, mark, column, problem, first + i, why);
                    index = add_shared (self, cell->text, length) + 1;
                  }
                if (first + i < SHARED_MEMO)
                  {
                    self->shared_memo[first + i] = g_ptr_array_index (self->shared_texts, index - 1);
                    self->shared_memo_index[first + i] = index;
                  }
                index--;
              }
            OPEN_CELL (out, row, first + i, last, style, style_length, " t=\"s\"><v>");
            put_int (out, index);
            PUT (out, "</v></c>");
            break;
          }
        case COMMUNITY_XLSX_STRING:
          {
            gsize length = cell->length != 0 ? cell->length : strlen (cell->text);
            const char *why;

            if (length == 0)
              goto empty;
            /* Its UTF-8 is checked as it is escaped: only a text that
             * may be too long is looked at first. */
            why = length > COMMUNITY_XLSX_MAX_CELL_CHARS ? text_problem (cell->text, length) : NULL;
            if (why != NULL)
              return refuse_cell (out, mark, column, problem, first + i, why);
            /* append_text_element()'s <t>, in the start tag's append. */
            if (keeps_space (cell->text, length))
              OPEN_CELL (out, row, first + i, last, style, style_length, " t=\"inlineStr\"><is><t xml:space=\"preserve\">");
            else
              OPEN_CELL (out, row, first + i, last, style, style_length, " t=\"inlineStr\"><is><t>");
            if (!append_escaped (out, cell->text, length))
              return refuse_cell (out, mark, column, problem, first + i, text_problem (cell->text, length));
            PUT (out, "</t></is></c>");
            break;
          }
        case COMMUNITY_XLSX_NUMBER:
          if (!isfinite (cell->number))
            return refuse_cell (out, mark, column, problem, first + i, _("the number is not finite"));
          OPEN_CELL (out, row, first + i, last, style, style_length, "><v>");
          append_number (out, cell->number);
          PUT (out, "</v></c>");
          break;
        case COMMUNITY_XLSX_BOOLEAN:
          open_cell (out, row, first + i, last);
          community_string_append_len (out, style, style_length);
          if (cell->number != 0)
            PUT (out, " t=\"b\"><v>1</v></c>");
          else
            PUT (out, " t=\"b\"><v>0</v></c>");
          break;
        case COMMUNITY_XLSX_MADE:
          /* Cells made before (community_xlsx_stream_make_cells()), which
           * follow the last cell as they were made to. */
          if ((gint64) (first + i) != *last + 1 || cell->shared == 0 ||
              cell->shared > COMMUNITY_XLSX_MAX_COLUMNS - (first + i))
            return refuse_cell (out, mark, column, problem, first + i,
                                _("cells made before must follow the last cell"));
          community_string_append_len (out, cell->text, cell->length != 0 ? cell->length : strlen (cell->text));
          *last = (gint64) (first + i) + cell->shared - 1;
          break;
        case COMMUNITY_XLSX_EMPTY:
        default:
        empty:
          if (cell->style != COMMUNITY_XLSX_STYLE_NONE)
            {
              open_cell (out, row, first + i, last);
              community_string_append_len (out, style, style_length);
              PUT (out, "/>");
            }
          break;
        }
    }
  return TRUE;
}

/* Row @row's XML appended to @out; FALSE, with @out as it was, for the
 * cell (*@column) that cannot be written and why (*@problem), as
 * append_cells() says. */
static gboolean
append_row (CommunityXlsxStream      *self,
            GString                  *out,
            guint32                   row,
            const CommunityXlsxCell  *cells,
            guint                     n_cells,
            gboolean                  share,
            guint                    *column,
            const char              **problem)
{
  gsize mark = out->len;
  gint64 last = -1;        /* the column of the row's last cell written */

  PUT (out, "<row r=\"");
  put_int (out, (gint64) row + 1);
  PUT (out, "\">");
  if (!append_cells (self, out, mark, row, 0, cells, n_cells, share, &last, column, problem))
    return FALSE;
  PUT (out, "</row>");
  return TRUE;
}

gboolean
community_xlsx_stream_write_row (CommunityXlsxStream      *self,
                                 guint32                   row,
                                 const CommunityXlsxCell  *cells,
                                 guint                     n_cells,
                                 GError                  **error)
{
  guint column;
  const char *why;

  g_return_val_if_fail (self != NULL && self->sheet != NULL, FALSE);
  g_return_val_if_fail (cells != NULL || n_cells == 0, FALSE);

  if (!check_ok (self, error))
    return FALSE;
  if (row < self->next_row)
    return cell_error (self, error, row, 0, _("the rows must be written in increasing order"));
  if (row >= COMMUNITY_XLSX_MAX_ROWS)
    return fail (self, error, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                           _("%s: a sheet holds at most %u rows"),
                                           self->sheet->name, COMMUNITY_XLSX_MAX_ROWS));
  if (n_cells > COMMUNITY_XLSX_MAX_COLUMNS)
    return cell_error (self, error, row, COMMUNITY_XLSX_MAX_COLUMNS,
                       _("a sheet holds at most 16384 columns"));
  sheet_start (self);
  self->next_row = (gint64) row + 1;

  if (!append_row (self, self->buffer, row, cells, n_cells, TRUE, &column, &why))
    return cell_error (self, error, row, column, why);
  if (self->buffer->len >= BUFFER_FLUSH)
    return flush (self, error);
  return TRUE;
}

/* For make_row() and make_cells(): whether @n_cells cells from column
 * @first of row @row fit in a sheet (not checked against the stream, which
 * another thread may be writing). */
static gboolean
check_place (CommunityXlsxStream  *self,
             guint32               row,
             guint32               first,
             guint                 n_cells,
             GError              **error)
{
  if (row < COMMUNITY_XLSX_MAX_ROWS && first <= COMMUNITY_XLSX_MAX_COLUMNS &&
      n_cells <= COMMUNITY_XLSX_MAX_COLUMNS - first)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("%s: a sheet holds at most %u rows and %u columns"),
               self->sheet->name, COMMUNITY_XLSX_MAX_ROWS, COMMUNITY_XLSX_MAX_COLUMNS);
  return FALSE;
}

gboolean
community_xlsx_stream_make_row (CommunityXlsxStream      *self,
                                GString                  *out,
                                guint32                   row,
                                const CommunityXlsxCell  *cells,
                                guint                     n_cells,
                                GError                  **error)
{
  guint column;
  const char *why;

  g_return_val_if_fail (self != NULL && self->sheet != NULL && out != NULL, FALSE);
  g_return_val_if_fail (cells != NULL || n_cells == 0, FALSE);

  if (!check_place (self, row, 0, n_cells, error))
    return FALSE;
  if (!append_row (self, out, row, cells, n_cells, FALSE, &column, &why))
    {
      g_propagate_error (error, cell_error_new (self, row, column, why));
      return FALSE;
    }
  return TRUE;
}

gboolean
community_xlsx_stream_make_cells (CommunityXlsxStream      *self,
                                  GString                  *out,
                                  guint32                   row,
                                  guint32                   first,
                                  const CommunityXlsxCell  *cells,
                                  guint                     n_cells,
                                  GError                  **error)
{
  gint64 last = (gint64) first - 1;
  guint column = first;
  const char *why = NULL;

  g_return_val_if_fail (self != NULL && self->sheet != NULL && out != NULL, FALSE);
  g_return_val_if_fail (cells != NULL || n_cells == 0, FALSE);

  if (!check_place (self, row, first, n_cells, error))
    return FALSE;
  /* Each cell follows the one before, so none needs its reference (which
   * names its row). */
  for (guint i = 0; i < n_cells && why == NULL; i++)
    if ((cells[i].type == COMMUNITY_XLSX_EMPTY && cells[i].style == COMMUNITY_XLSX_STYLE_NONE) ||
        (cells[i].type == COMMUNITY_XLSX_STRING && cells[i].text[0] == '\0') ||
        cells[i].type == COMMUNITY_XLSX_MADE)
      {
        column = first + i;
        why = _("cells made together must each be written");
      }
  if (why != NULL || !append_cells (self, out, out->len, row, first, cells, n_cells, FALSE, &last, &column, &why))
    {
      g_propagate_error (error, cell_error_new (self, row, column, why));
      return FALSE;
    }
  return TRUE;
}

gboolean
community_xlsx_stream_write_made_rows (CommunityXlsxStream  *self,
                                       guint32               first,
                                       guint32               last,
                                       GString              *rows,
                                       GError              **error)
{
  GError *failure = NULL;
  char *data;
  gsize length;

  g_return_val_if_fail (self != NULL && self->sheet != NULL && rows != NULL, FALSE);
  g_return_val_if_fail (first <= last, FALSE);

  if (!check_ok (self, error))
    return FALSE;
  if (first < self->next_row)
    return cell_error (self, error, first, 0, _("the rows must be written in increasing order"));
  if (last >= COMMUNITY_XLSX_MAX_ROWS)
    return fail (self, error, g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                           _("%s: a sheet holds at most %u rows"),
                                           self->sheet->name, COMMUNITY_XLSX_MAX_ROWS));
  sheet_start (self);
  self->next_row = (gint64) last + 1;
  if (rows->len < BUFFER_FLUSH / 2)
    {
      community_string_append_len (self->buffer, rows->str, rows->len);
      if (self->buffer->len >= BUFFER_FLUSH)
        return flush (self, error);
      return TRUE;
    }
  /* Many rows go to the zip writer as they are (a piece of their own to
   * deflate, community_zip_writer_write_owned()), after the buffer, and
   * @rows gets a new buffer of the same size. */
  if (!flush (self, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (self->cancellable, &failure))
    return fail (self, error, failure);
  data = rows->str;
  length = rows->len;
  rows->str = g_malloc (rows->allocated_len);
  rows->str[0] = '\0';
  rows->len = 0;
  if (!community_zip_writer_write_owned (self->zip, data, length, &failure))
    return fail (self, error, failure);
  return TRUE;
}

/* --- the workbook --- */

static const char styles_part[] =
  XML_HEAD "<styleSheet xmlns=\"" NS_MAIN "\">"
  "<numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"0.0%\"/></numFmts>"
  "<fonts count=\"2\">"
  /* No theme part: the fonts name their face. */
  "<font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
  "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
  "</fonts>"
  "<fills count=\"3\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
  "<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FFE8EDF4\"/><bgColor indexed=\"64\"/></patternFill></fill></fills>"
  "<borders count=\"2\"><border><left/><right/><top/><bottom/><diagonal/></border>"
  "<border><left/><right/><top/><bottom style=\"thin\"><color auto=\"1\"/></bottom><diagonal/></border></borders>"
  "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
  /* In the order of CommunityXlsxStyle. */
  "<cellXfs count=\"5\">"
  "<xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
  "<xf numFmtId=\"49\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
  "<xf numFmtId=\"0\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\"/>"
  "<xf numFmtId=\"49\" fontId=\"1\" fillId=\"2\" borderId=\"1\" xfId=\"0\" applyNumberFormat=\"1\" applyFont=\"1\" applyFill=\"1\" applyBorder=\"1\"/>"
  "<xf numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/>"
  "</cellXfs>"
  "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
  "<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" defaultPivotStyle=\"PivotStyleLight16\"/>"
  "</styleSheet>";

static const char package_rels_part[] =
  XML_HEAD "<Relationships xmlns=\"" NS_PACKAGE_REL "\">"
  "<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" Target=\"xl/workbook.xml\"/>"
  "</Relationships>";

/* 'name' as a formula writes a sheet's name. */
static void
append_quoted_sheet (GString    *out,
                     const char *name)
{
  g_autoptr(GString) quoted = g_string_new ("'");

  for (const char *p = name; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append_c (quoted, '\'');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '\'');
  append_escaped (out, quoted->str, quoted->len);
}

static gboolean
write_package (CommunityXlsxStream *self,
               GError             **error)
{
  g_autoptr(GString) part = g_string_new (NULL);
  guint n_sheets = self->sheets->len;
  gboolean filters = FALSE;
  gboolean shared = self->shared_texts->len > 0;

  /* The workbook. */
  g_string_append (part, XML_HEAD "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\">"
                   "<bookViews><workbookView/></bookViews><sheets>");
  for (guint i = 0; i < n_sheets; i++)
    {
      Sheet *sheet = g_ptr_array_index (self->sheets, i);

      g_string_append (part, "<sheet name=\"");
      append_escaped_str (part, sheet->name);
      g_string_append_printf (part, "\" sheetId=\"%u\" r:id=\"rId%u\"/>", i + 1, i + 1);
      filters |= sheet->has_filter;
    }
  g_string_append (part, "</sheets>");
  if (filters)
    {
      g_string_append (part, "<definedNames>");
      for (guint i = 0; i < n_sheets; i++)
        {
          Sheet *sheet = g_ptr_array_index (self->sheets, i);

          if (!sheet->has_filter)
            continue;
          g_string_append_printf (part, "<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"%u\" hidden=\"1\">", i);
          append_quoted_sheet (part, sheet->name);
          g_string_append_c (part, '!');
          append_range (part, sheet->filter[0], sheet->filter[1], sheet->filter[2], sheet->filter[3], TRUE);
          g_string_append (part, "</definedName>");
        }
      g_string_append (part, "</definedNames>");
    }
  g_string_append (part, "</workbook>");
  if (!add_part (self, "xl/workbook.xml", part, error))
    return FALSE;

  g_string_assign (part, XML_HEAD "<Relationships xmlns=\"" NS_PACKAGE_REL "\">");
  for (guint i = 0; i < n_sheets; i++)
    g_string_append_printf (part, "<Relationship Id=\"rId%u\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet%u.xml\"/>",
                            i + 1, i + 1);
  g_string_append_printf (part, "<Relationship Id=\"rId%u\" Type=\"" NS_REL "/styles\" Target=\"styles.xml\"/>",
                          n_sheets + 1);
  if (shared)
    g_string_append_printf (part, "<Relationship Id=\"rId%u\" Type=\"" NS_REL "/sharedStrings\" Target=\"sharedStrings.xml\"/>",
                            n_sheets + 2);
  g_string_append (part, "</Relationships>");
  if (!add_part (self, "xl/_rels/workbook.xml.rels", part, error))
    return FALSE;

  g_string_assign (part, styles_part);
  if (!add_part (self, "xl/styles.xml", part, error))
    return FALSE;
  if (shared)
    {
      g_string_truncate (part, 0);
      g_string_append_printf (part, XML_HEAD "<sst xmlns=\"" NS_MAIN "\" uniqueCount=\"%u\">",
                              self->shared_texts->len);
      for (guint i = 0; i < self->shared_texts->len; i++)
        {
          const char *text = g_ptr_array_index (self->shared_texts, i);

          PUT (part, "<si>");
          append_text_element (part, text, strlen (text));
          PUT (part, "</si>");
        }
      g_string_append (part, "</sst>");
      if (!add_part (self, "xl/sharedStrings.xml", part, error))
        return FALSE;
    }
  g_string_assign (part, package_rels_part);
  if (!add_part (self, "_rels/.rels", part, error))
    return FALSE;

  g_string_assign (part, XML_HEAD "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                   "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                   "<Default Extension=\"xml\" ContentType=\"application/xml\"/>");
  if (self->n_comment_parts > 0)
    g_string_append (part, "<Default Extension=\"vml\" ContentType=\"application/vnd.openxmlformats-officedocument.vmlDrawing\"/>");
  g_string_append (part, "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
                   "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
  if (shared)
    g_string_append (part, "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
  for (guint i = 0; i < n_sheets; i++)
    {
      Sheet *sheet = g_ptr_array_index (self->sheets, i);

      g_string_append_printf (part, "<Override PartName=\"/xl/worksheets/sheet%u.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>",
                              i + 1);
      if (sheet->comments_part > 0)
        g_string_append_printf (part, "<Override PartName=\"/xl/comments%u.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml\"/>",
                                sheet->comments_part);
    }
  g_string_append (part, "</Types>");
  return add_part (self, "[Content_Types].xml", part, error);
}

gboolean
community_xlsx_stream_finish (CommunityXlsxStream  *self,
                              GBytes              **bytes,
                              GError              **error)
{
  GError *failure = NULL;

  g_return_val_if_fail (self != NULL && !self->finished, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->finished = TRUE;
  if (!check_ok (self, error))
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (self->cancellable, &failure))
    return fail (self, error, failure);
  if (self->sheets->len == 0)
    return fail (self, error, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                                                   _("a workbook needs at least one sheet")));
  if (!sheet_end (self, error) || !write_package (self, error))
    return FALSE;
  if (!community_zip_writer_close (self->zip, &failure))
    return fail (self, error, failure);
  g_clear_pointer (&self->zip, community_zip_writer_free);
  if (self->own_output && !g_output_stream_close (self->output, NULL, &failure))
    return fail (self, error, failure);
  if (bytes != NULL)
    *bytes = self->in_memory
             ? g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (self->output))
             : NULL;
  self->complete = TRUE;
  return TRUE;
}
