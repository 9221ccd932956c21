/* community-xlsx-reader.c: an .xlsx workbook's cells into a book
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The package is opened through community-zip.c (its zip bomb limits
 * apply); every XML part is read with libxml2's streaming xmlTextReader,
 * without network access, DTDs or entity expansion (a part with a
 * DOCTYPE is refused: Office Open XML has none), within libxml2's default
 * limits (no XML_PARSE_HUGE: a text node of at most 10 MB, 256 levels).
 *
 * Parts: the workbook (found through _rels/.rels, else xl/workbook.xml)
 * gives the sheets' names, their order and the date system; its
 * relationships give each sheet's part, the shared strings and the
 * styles; the styles say which cell formats are dates. A worksheet is
 * read up to the end of its <sheetData>, and only its non-empty cells are
 * kept, so a million empty formatted rows cost time, not memory.
 *
 * Readings, beyond what community-sheet-book.h says:
 * - A cell with no value (only a style), or whose text is empty, is empty.
 * - Merged cells: a merged range's value belongs to its top-left cell, the
 *   only one that holds it in the file; the other cells of the range read
 *   as empty (they are empty in the file). <mergeCells> is not read.
 * - A formula's cached value is its value; a formula with none (a
 *   workbook saved by a program that does not calculate) is refused at its
 *   cell, as is an error value (#DIV/0!, #N/A ...).
 * - Text is kept as written, whitespace included, with or without
 *   xml:space="preserve"; phonetic runs (<rPh>) are left out. A string's
 *   "_xHHHH_" escapes (ST_Xstring: what XML cannot hold, as Excel and
 *   openpyxl write it) are undone, "_x005F_" being a '_'.
 * - Dates: the built-in formats 14-22 and 45-47, the CJK built-in date and
 *   time formats 27-36 and 50-58 (what Chinese Excel saves 2018年3月1日
 *   as), and custom formats with y, m, d, h or s outside quotes and
 *   brackets. Serial 0 in the 1900 system (Excel's "1900-01-00") reads as
 *   1899-12-31; serial 60, Excel's 1900-02-29 that never was, is refused.
 *   Elapsed-time formats ([h]:mm) are numbers.
 * - Hidden sheets are read; chart sheets and dialog sheets are not
 *   worksheets and are left out.
 *
 * Errors never quote a cell's content: they name the sheet and cell
 * ("社区!F12: ...") or the part.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <community/community.h>
#include <libxml/xmlreader.h>

#include "community-sheet-book.h"
#include "community-zip.h"

/* --- XML parts --- */

typedef struct {
  const char *part;
  xmlTextReaderPtr reader;
  int error_line;          /* of libxml2's first error, or 0 */
  gboolean failed;
} XmlPart;

static void
xml_part_error (void       *user_data,
                xmlErrorPtr error)
{
  XmlPart *xml = user_data;

  if (!xml->failed)
    {
      xml->failed = TRUE;
      xml->error_line = error != NULL ? error->line : 0;
    }
}

static gboolean
xml_part_open (XmlPart    *xml,
               const char *part,
               GBytes     *bytes,
               GError    **error)
{
  static gsize initialized = 0;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  if (g_once_init_enter (&initialized))
    {
      xmlInitParser ();
      g_once_init_leave (&initialized, 1);
    }

  memset (xml, 0, sizeof *xml);
  xml->part = part;
  if (length > G_MAXINT)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                   "%s: the part is larger than 2 GiB", part);
      return FALSE;
    }
  xml->reader = xmlReaderForMemory (data != NULL ? data : "", (int) length, part, NULL,
                                    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (xml->reader == NULL)
    g_error ("libxml2 cannot start a reader");
  xmlTextReaderSetStructuredErrorHandler (xml->reader, xml_part_error, xml);
  return TRUE;
}

static void
xml_part_close (XmlPart *xml)
{
  if (xml->reader != NULL)
    xmlFreeTextReader (xml->reader);
  xml->reader = NULL;
}

/* The next node: 1, or 0 at the end, or -1 with @error set. libxml2's own
 * message is not passed on: it may quote the part's text. */
static int
xml_part_next (XmlPart *xml,
               GError **error)
{
  int status = xmlTextReaderRead (xml->reader);

  if (status == 1 && xmlTextReaderNodeType (xml->reader) == XML_READER_TYPE_DOCUMENT_TYPE)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                   "%s: the part has a document type declaration, which Office Open XML never has",
                   xml->part);
      return -1;
    }
  if (status < 0 || xml->failed)
    {
      if (xml->error_line > 0)
        g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                     "%s: not well-formed XML (line %d)", xml->part, xml->error_line);
      else
        g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                     "%s: not well-formed XML", xml->part);
      return -1;
    }
  return status;
}

static gboolean
xml_is (XmlPart    *xml,
        const char *local_name)
{
  const xmlChar *name = xmlTextReaderConstLocalName (xml->reader);

  return name != NULL && strcmp ((const char *) name, local_name) == 0;
}

static gboolean
xml_is_text (int type)
{
  return type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_CDATA ||
         type == XML_READER_TYPE_WHITESPACE || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* Calls @func for each attribute of the current element, by local name;
 * @prefixed says whether it has a namespace prefix. */
typedef void (*XmlAttributeFunc) (const char *name,
                                  gboolean    prefixed,
                                  const char *value,
                                  gpointer    user_data);

static void
xml_attributes (XmlPart         *xml,
                XmlAttributeFunc func,
                gpointer         user_data)
{
  while (xmlTextReaderMoveToNextAttribute (xml->reader) == 1)
    {
      const xmlChar *name = xmlTextReaderConstLocalName (xml->reader);
      const xmlChar *value = xmlTextReaderConstValue (xml->reader);

      if (name != NULL && value != NULL)
        func ((const char *) name, xmlTextReaderConstPrefix (xml->reader) != NULL,
              (const char *) value, user_data);
    }
  xmlTextReaderMoveToElement (xml->reader);
}

static void
xml_append_text (XmlPart *xml,
                 GString *text)
{
  const xmlChar *value = xmlTextReaderConstValue (xml->reader);

  if (value != NULL)
    g_string_append (text, (const char *) value);
}

/* --- the package --- */

typedef struct {
  char *type;              /* the relationship type's last segment */
  char *target;            /* the part's name in the zip */
} Relationship;

static void
relationship_free (gpointer data)
{
  Relationship *relationship = data;

  g_free (relationship->type);
  g_free (relationship->target);
  g_free (relationship);
}

typedef struct {
  char *name;
  char *id;                /* r:id */
} SheetEntry;

typedef struct {
  CommunityZip *zip;
  CommunitySheetBook *book;
  gboolean date1904;
  GPtrArray *sheets;       /* SheetEntry *, the workbook's order */
  GPtrArray *shared;       /* char *, or NULL for a string that is not valid text */
  GArray *shared_lengths;  /* gsize */
  GArray *date_styles;     /* gboolean, by cellXfs index */
  gsize text;              /* bytes of text in the book */
} XlsxReader;

static void
sheet_entry_free (gpointer data)
{
  SheetEntry *entry = data;

  g_free (entry->name);
  g_free (entry->id);
  g_free (entry);
}

/* @target relative to the folder of @source (a part name), or absolute
 * ("/xl/worksheets/sheet1.xml"), as a zip entry name; NULL when it climbs
 * out of the package. */
static char *
resolve_target (const char *source,
                const char *target)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;
  GString *path;
  guint i;

  if (target[0] != '/')
    {
      g_auto(GStrv) base = g_strsplit (source, "/", -1);
      guint n = g_strv_length (base);

      for (i = 0; i + 1 < n; i++)
        if (base[i][0] != '\0')
          g_ptr_array_add (segments, g_strdup (base[i]));
    }
  parts = g_strsplit (target, "/", -1);
  for (i = 0; parts[i] != NULL; i++)
    {
      if (parts[i][0] == '\0' || strcmp (parts[i], ".") == 0)
        continue;
      if (strcmp (parts[i], "..") == 0)
        {
          if (segments->len == 0)
            return NULL;
          g_ptr_array_remove_index (segments, segments->len - 1);
          continue;
        }
      g_ptr_array_add (segments, g_strdup (parts[i]));
    }
  path = g_string_new (NULL);
  for (i = 0; i < segments->len; i++)
    {
      if (i > 0)
        g_string_append_c (path, '/');
      g_string_append (path, g_ptr_array_index (segments, i));
    }
  return g_string_free (path, FALSE);
}

/* A part's bytes; part names are case-insensitive (Open Packaging
 * Conventions). NULL with @error unset when there is no such part. */
static GBytes *
read_part (XlsxReader *reader,
           const char *name,
           GError    **error)
{
  const char *const *names;
  GError *local = NULL;
  GBytes *bytes = community_zip_read (reader->zip, name, &local);

  if (bytes != NULL || local != NULL)
    {
      if (local != NULL)
        g_propagate_error (error, local);
      return bytes;
    }
  for (names = community_zip_list (reader->zip); *names != NULL; names++)
    if (g_ascii_strcasecmp (*names, name) == 0)
      return community_zip_read (reader->zip, *names, error);
  return NULL;
}

typedef struct {
  const char *id, *type, *target, *mode;
} RelationshipAttributes;

static void
relationship_attribute (const char *name,
                        gboolean    prefixed,
                        const char *value,
                        gpointer    user_data)
{
  RelationshipAttributes *attributes = user_data;

  if (strcmp (name, "Id") == 0)
    attributes->id = value;
  else if (strcmp (name, "Type") == 0)
    attributes->type = value;
  else if (strcmp (name, "Target") == 0)
    attributes->target = value;
  else if (strcmp (name, "TargetMode") == 0)
    attributes->mode = value;
}

/* The relationships of part @source (its _rels/NAME.rels), Id ->
 * Relationship; empty when it has none. */
static GHashTable *
read_relationships (XlsxReader *reader,
                    const char *source,
                    GError    **error)
{
  g_autoptr(GHashTable) relationships =
    g_hash_table_new_full (g_str_hash, g_str_equal, g_free, relationship_free);
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;
  GError *local = NULL;
  XmlPart xml;
  int status;

  if (source[0] == '\0')
    name = g_strdup ("_rels/.rels");
  else
    {
      const char *slash = strrchr (source, '/');

      folder = slash != NULL ? g_strndup (source, (gsize) (slash - source + 1)) : g_strdup ("");
      base = g_strdup (slash != NULL ? slash + 1 : source);
      name = g_strconcat (folder, "_rels/", base, ".rels", NULL);
    }
  bytes = read_part (reader, name, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (bytes == NULL)
    return g_steal_pointer (&relationships);

  if (!xml_part_open (&xml, name, bytes, error))
    return NULL;
  while ((status = xml_part_next (&xml, error)) == 1)
    {
      RelationshipAttributes attributes = { NULL, };
      Relationship *relationship;
      const char *type;

      if (xmlTextReaderNodeType (xml.reader) != XML_READER_TYPE_ELEMENT ||
          !xml_is (&xml, "Relationship"))
        continue;
      xml_attributes (&xml, relationship_attribute, &attributes);
      if (attributes.id == NULL || attributes.type == NULL || attributes.target == NULL ||
          (attributes.mode != NULL && strcmp (attributes.mode, "External") == 0) ||
          g_hash_table_contains (relationships, attributes.id))
        continue;
      relationship = g_new0 (Relationship, 1);
      type = strrchr (attributes.type, '/');
      relationship->type = g_strdup (type != NULL ? type + 1 : attributes.type);
      relationship->target = resolve_target (source, attributes.target);
      if (relationship->target == NULL)
        {
          relationship_free (relationship);
          continue;
        }
      g_hash_table_insert (relationships, g_strdup (attributes.id), relationship);
    }
  xml_part_close (&xml);
  if (status < 0)
    return NULL;
  return g_steal_pointer (&relationships);
}

/* The target of the first relationship of @type, or NULL. */
static const char *
relationship_of_type (GHashTable *relationships,
                      const char *type)
{
  GHashTableIter iter;
  gpointer value;
  const char *found = NULL;

  /* The smallest target, so that the choice does not depend on the hash
   * table's order when a package has two. */
  g_hash_table_iter_init (&iter, relationships);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Relationship *relationship = value;

      if (strcmp (relationship->type, type) == 0 &&
          (found == NULL || strcmp (relationship->target, found) < 0))
        found = relationship->target;
    }
  return found;
}

/* --- the workbook --- */

static gboolean
xml_boolean (const char *value)
{
  return strcmp (value, "1") == 0 || strcmp (value, "true") == 0;
}

typedef struct {
  const char *name, *id;
} SheetAttributes;

static void
sheet_attribute (const char *name,
                 gboolean    prefixed,
                 const char *value,
                 gpointer    user_data)
{
  SheetAttributes *attributes = user_data;

  if (strcmp (name, "name") == 0 && !prefixed)
    attributes->name = value;
  else if (strcmp (name, "id") == 0 && prefixed)
    attributes->id = value;
}

static void
workbook_attribute (const char *name,
                    gboolean    prefixed,
                    const char *value,
                    gpointer    user_data)
{
  gboolean *date1904 = user_data;

  if (strcmp (name, "date1904") == 0)
    *date1904 = xml_boolean (value);
}

static gboolean
read_workbook (XlsxReader *reader,
               const char *part,
               GBytes     *bytes,
               GError    **error)
{
  XmlPart xml;
  int status;

  if (!xml_part_open (&xml, part, bytes, error))
    return FALSE;
  while ((status = xml_part_next (&xml, error)) == 1)
    {
      SheetAttributes attributes = { NULL, };
      SheetEntry *entry;
      guint i;

      if (xmlTextReaderNodeType (xml.reader) != XML_READER_TYPE_ELEMENT)
        continue;
      if (xml_is (&xml, "workbookPr"))
        {
          xml_attributes (&xml, workbook_attribute, &reader->date1904);
          continue;
        }
      if (!xml_is (&xml, "sheet"))
        continue;
      xml_attributes (&xml, sheet_attribute, &attributes);
      if (attributes.name == NULL || attributes.id == NULL || attributes.name[0] == '\0')
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                       "%s: sheet %u has no name or no relationship", part, reader->sheets->len + 1);
          status = -1;
          break;
        }
      for (i = 0; i < reader->sheets->len; i++)
        if (strcmp (((SheetEntry *) g_ptr_array_index (reader->sheets, i))->name,
                    attributes.name) == 0)
          break;
      if (i < reader->sheets->len)
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                       "%s: two sheets are named %s", part, attributes.name);
          status = -1;
          break;
        }
      if (reader->sheets->len >= COMMUNITY_SHEET_MAX_SHEETS)
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                       "%s: the workbook has more than %d sheets", part, COMMUNITY_SHEET_MAX_SHEETS);
          status = -1;
          break;
        }
      entry = g_new0 (SheetEntry, 1);
      entry->name = g_strdup (attributes.name);
      entry->id = g_strdup (attributes.id);
      g_ptr_array_add (reader->sheets, entry);
    }
  xml_part_close (&xml);
  return status == 0;
}

/* --- shared strings --- */

/* @text with OOXML's escapes of its strings (ST_Xstring) undone, in place:
 * "_xHHHH_" is the character U+HHHH (how Excel, openpyxl and
 * community-xlsx-stream.c write what XML 1.0 cannot hold, and "_x005F_"
 * the '_' of a "_xHHHH_" that is text). U+0000 and lone surrogates stay
 * as written. */
static void
unescape_xstring (GString *text)
{
  char *in, *out, *end;

  if (memchr (text->str, '_', text->len) == NULL)
    return;
  in = out = text->str;
  end = text->str + text->len;
  while (in < end)
    {
      if (*in == '_' && community_sheet_is_xml_escape (in, end - in))
        {
          gunichar c = (g_ascii_xdigit_value (in[2]) << 12) | (g_ascii_xdigit_value (in[3]) << 8) |
                       (g_ascii_xdigit_value (in[4]) << 4) | g_ascii_xdigit_value (in[5]);

          if (c != 0 && g_unichar_validate (c))
            {
              out += g_unichar_to_utf8 (c, out);
              in += 7;
              continue;
            }
        }
      *out++ = *in++;
    }
  g_string_truncate (text, out - text->str);
}

static void
add_shared (XlsxReader *reader,
            GString    *text)
{
  gsize length;

  unescape_xstring (text);
  length = text->len;

  /* Kept as NULL when not valid text: refused at a cell that uses it. */
  if (g_utf8_validate_len (text->str, text->len, NULL))
    g_ptr_array_add (reader->shared, g_strndup (text->str, text->len));
  else
    g_ptr_array_add (reader->shared, NULL);
  g_array_append_val (reader->shared_lengths, length);
}

static gboolean
read_shared_strings (XlsxReader *reader,
                     const char *part,
                     GBytes     *bytes,
                     GError    **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean in_item = FALSE, in_text = FALSE;
  int phonetic = 0;
  XmlPart xml;
  int status;

  if (!xml_part_open (&xml, part, bytes, error))
    return FALSE;
  while ((status = xml_part_next (&xml, error)) == 1)
    {
      int type = xmlTextReaderNodeType (xml.reader);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          gboolean empty = xmlTextReaderIsEmptyElement (xml.reader);

          if (xml_is (&xml, "si"))
            {
              g_string_truncate (text, 0);
              in_item = !empty;
              if (empty)
                add_shared (reader, text);
            }
          else if (in_item && xml_is (&xml, "rPh") && !empty)
            phonetic++;
          else if (in_item && xml_is (&xml, "t") && !empty)
            in_text = phonetic == 0;
        }
      else if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (xml_is (&xml, "si") && in_item)
            {
              add_shared (reader, text);
              in_item = FALSE;
              phonetic = 0;
            }
          else if (xml_is (&xml, "rPh") && phonetic > 0)
            phonetic--;
          else if (xml_is (&xml, "t"))
            in_text = FALSE;
        }
      else if (in_text && xml_is_text (type))
        {
          xml_append_text (&xml, text);
          if (text->len > COMMUNITY_SHEET_MAX_TEXT)
            {
              g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                           "%s: a shared string is longer than 1 GiB", part);
              status = -1;
              break;
            }
        }
    }
  xml_part_close (&xml);
  return status == 0;
}

/* --- styles: which cell formats are dates --- */

/* Whether a number format code shows a date or a time: one of y, m, d, h,
 * s (either case) outside quoted text, brackets ([Red], [$-804]) and
 * escaped characters, unless it shows an elapsed time ([h]:mm). */
static gboolean
format_code_is_date (const char *code)
{
  const char *p;

  for (p = code; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          p = strchr (p + 1, '"');
          if (p == NULL)
            return FALSE;
          break;
        case '[':
          {
            const char *end = strchr (p + 1, ']');
            gsize n;

            if (end == NULL)
              return FALSE;
            /* [h], [mm], [ss]: an elapsed time, a duration, not a date */
            n = (gsize) (end - p - 1);
            if (n > 0 && strspn (p + 1, "hHmMsS") == n)
              return FALSE;
            p = end;
          }
          break;
        case '\\':
        case '_':
        case '*':
          if (p[1] == '\0')
            return FALSE;
          p++;
          break;
        default:
          if (strchr ("yYmMdDhHsS", *p) != NULL)
            return TRUE;
          break;
        }
    }
  return FALSE;
}

static gboolean
builtin_format_is_date (guint64 id)
{
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) ||
         (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

typedef struct {
  const char *id, *code;
} FormatAttributes;

static void
format_attribute (const char *name,
                  gboolean    prefixed,
                  const char *value,
                  gpointer    user_data)
{
  FormatAttributes *attributes = user_data;

  if (strcmp (name, "numFmtId") == 0)
    attributes->id = value;
  else if (strcmp (name, "formatCode") == 0)
    attributes->code = value;
}

static gboolean
read_styles (XlsxReader *reader,
             const char *part,
             GBytes     *bytes,
             GError    **error)
{
  g_autoptr(GHashTable) custom = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) formats = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean in_cell_formats = FALSE, in_formats = FALSE;
  XmlPart xml;
  int status;
  guint i;

  if (!xml_part_open (&xml, part, bytes, error))
    return FALSE;
  while ((status = xml_part_next (&xml, error)) == 1)
    {
      int type = xmlTextReaderNodeType (xml.reader);
      FormatAttributes attributes = { NULL, };
      guint64 id = 0;

      if (type == XML_READER_TYPE_END_ELEMENT)
        {
          if (xml_is (&xml, "cellXfs"))
            in_cell_formats = FALSE;
          else if (xml_is (&xml, "numFmts"))
            in_formats = FALSE;
          continue;
        }
      if (type != XML_READER_TYPE_ELEMENT)
        continue;
      if (xml_is (&xml, "cellXfs"))
        in_cell_formats = !xmlTextReaderIsEmptyElement (xml.reader);
      else if (xml_is (&xml, "numFmts"))
        in_formats = !xmlTextReaderIsEmptyElement (xml.reader);
      else if (in_formats && xml_is (&xml, "numFmt"))
        {
          xml_attributes (&xml, format_attribute, &attributes);
          if (attributes.id != NULL && attributes.code != NULL &&
              g_ascii_string_to_unsigned (attributes.id, 10, 0, G_MAXINT64, &id, NULL))
            {
              gint64 key = (gint64) id;
              gint64 date = format_code_is_date (attributes.code);

              g_array_append_val (ids, key);
              g_array_append_val (formats, date);
            }
        }
      else if (in_cell_formats && xml_is (&xml, "xf"))
        {
          gint64 format = -1;

          if (reader->date_styles->len >= G_MAXINT32)
            continue;
          xml_attributes (&xml, format_attribute, &attributes);
          if (attributes.id != NULL &&
              g_ascii_string_to_unsigned (attributes.id, 10, 0, G_MAXINT64, &id, NULL))
            format = (gint64) id;
          /* resolved below, once every numFmt is known */
          g_array_append_val (reader->date_styles, format);
        }
    }
  xml_part_close (&xml);
  if (status < 0)
    return FALSE;

  for (i = 0; i < ids->len; i++)
    g_hash_table_insert (custom, &g_array_index (ids, gint64, i),
                         GINT_TO_POINTER (g_array_index (formats, gint64, i) ? 2 : 1));
  for (i = 0; i < reader->date_styles->len; i++)
    {
      gint64 *format = &g_array_index (reader->date_styles, gint64, i);
      int defined = *format >= 0 ? GPOINTER_TO_INT (g_hash_table_lookup (custom, format)) : 0;

      if (defined != 0)
        *format = defined == 2;
      else
        *format = *format >= 0 && builtin_format_is_date ((guint64) *format);
    }
  return TRUE;
}

/* --- dates --- */

/* "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS" with a time of day, for @serial
 * in the workbook's date system; FALSE when it is not a date. */
static gboolean
serial_to_date (double   serial,
                gboolean date1904,
                char     buffer[24])
{
  GDate date;
  double day;
  gint64 days, seconds;

  if (!isfinite (serial) || serial < 0 || serial >= 2958466.0)
    return FALSE;
  day = floor (serial);
  days = (gint64) day;
  seconds = (gint64) llround ((serial - day) * 86400.0);
  if (seconds >= 86400)
    {
      days++;
      seconds -= 86400;
    }
  if (date1904)
    g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1904);
  else if (days == 60)
    return FALSE;  /* 1900-02-29, which Excel counts and the calendar does not */
  else if (days < 60)
    g_date_set_dmy (&date, 31, G_DATE_DECEMBER, 1899);
  else
    g_date_set_dmy (&date, 30, G_DATE_DECEMBER, 1899);
  g_date_add_days (&date, (guint) days);
  if (g_date_get_year (&date) > 9999)
    return FALSE;
  if (seconds == 0)
    g_snprintf (buffer, 24, "%04u-%02u-%02u", g_date_get_year (&date),
                g_date_get_month (&date), g_date_get_day (&date));
  else
    g_snprintf (buffer, 24, "%04u-%02u-%02uT%02u:%02u:%02u", g_date_get_year (&date),
                g_date_get_month (&date), g_date_get_day (&date),
                (guint) (seconds / 3600), (guint) (seconds / 60 % 60), (guint) (seconds % 60));
  return TRUE;
}

/* The serial number of an ISO 8601 date cell (t="d"): "YYYY-MM-DD" with
 * an optional "THH:MM:SS" (and fraction or zone, ignored); @buffer gets
 * the text the book keeps. */
static gboolean
iso_to_date (const char *text,
             gboolean    date1904,
             double     *serial,
             char        buffer[24])
{
  guint year, month, day, hour = 0, minute = 0, second = 0;
  GDate date, epoch;
  gboolean time;
  double days;
  gsize i;

  for (i = 0; i < 10; i++)
    if (text[i] == '\0' || ((i == 4 || i == 7) ? text[i] != '-' : !g_ascii_isdigit (text[i])))
      return FALSE;
  time = text[10] == 'T';
  if (time)
    {
      for (i = 11; i < 19; i++)
        if (text[i] == '\0' || ((i == 13 || i == 16) ? text[i] != ':' : !g_ascii_isdigit (text[i])))
          return FALSE;
      hour = (guint) g_ascii_strtoull (text + 11, NULL, 10);
      minute = (guint) g_ascii_strtoull (text + 14, NULL, 10);
      second = (guint) g_ascii_strtoull (text + 17, NULL, 10);
    }
  else if (text[10] != '\0')
    return FALSE;
  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (year < 1 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year) ||
      hour > 23 || minute > 59 || second > 59)
    return FALSE;
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  if (date1904)
    g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, 1904);
  else
    g_date_set_dmy (&epoch, 30, G_DATE_DECEMBER, 1899);
  days = (double) g_date_days_between (&epoch, &date);
  if (!date1904 && days < 61)
    days -= 1;
  *serial = days + (hour * 3600 + minute * 60 + second) / 86400.0;
  if (time && (hour | minute | second) != 0)
    g_snprintf (buffer, 24, "%.19s", text);
  else
    g_snprintf (buffer, 24, "%.10s", text);
  return TRUE;
}

/* --- worksheets --- */

typedef enum {
  CELL_NUMBER,
  CELL_SHARED,
  CELL_INLINE,
  CELL_FORMULA_STRING,
  CELL_BOOLEAN,
  CELL_ERROR,
  CELL_DATE,
  CELL_UNKNOWN,
} CellKind;

typedef struct {
  XlsxReader *reader;
  CommunitySheet *sheet;
  const char *part;
  /* the position */
  guint32 row;             /* the current row's number, 0 before the first */
  gint64 column;           /* the last cell's column in the row, -1 before */
  gboolean in_row;
  /* the current cell */
  const char *reference;   /* r, or NULL (points into the reader: valid while on the element) */
  CellKind kind;
  guint64 style;
  gboolean in_cell, has_value, has_formula, has_inline;
  gboolean in_value, in_inline_text;
  int phonetic;
  GString *value;
  GString *inline_text;
} SheetReader;

static gboolean
cell_error (SheetReader *sheet,
            GError     **error,
            gint         code,
            const char  *why)
{
  char name[24];

  community_sheet_cell_name (sheet->row, (guint32) MAX (sheet->column, 0), name);
  g_set_error (error, COMMUNITY_PARSE_ERROR, code, "%s!%s: %s", sheet->sheet->name, name, why);
  return FALSE;
}

/* Parses "B7" into @row and @column (0-based); FALSE with @error when it is
 * not a cell reference or is beyond the sheet's limits. */
static gboolean
parse_reference (SheetReader *sheet,
                 const char  *reference,
                 guint32     *row,
                 guint32     *column,
                 GError     **error)
{
  const char *p = reference;
  guint64 c = 0, r = 0;

  while (g_ascii_isalpha (*p))
    {
      c = c * 26 + (guint64) (g_ascii_toupper (*p) - 'A' + 1);
      if (c > COMMUNITY_SHEET_MAX_COLUMNS)
        return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_LIMIT,
                           "the cell is beyond the 16384 columns of a sheet");
      p++;
    }
  while (g_ascii_isdigit (*p))
    {
      r = r * 10 + (guint64) (*p - '0');
      if (r > COMMUNITY_SHEET_MAX_ROWS)
        return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_LIMIT,
                           "the cell is beyond the 1048576 rows of a sheet");
      p++;
    }
  if (c == 0 || r == 0 || *p != '\0')
    return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX,
                       "the cell's reference (r) is not a cell reference");
  *row = (guint32) r;
  *column = (guint32) (c - 1);
  return TRUE;
}

static void
cell_attribute (const char *name,
                gboolean    prefixed,
                const char *value,
                gpointer    user_data)
{
  SheetReader *sheet = user_data;

  if (prefixed)
    return;
  if (strcmp (name, "r") == 0)
    sheet->reference = value;
  else if (strcmp (name, "s") == 0)
    {
      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT32, &sheet->style, NULL))
        sheet->style = G_MAXUINT32;
    }
  else if (strcmp (name, "t") == 0)
    {
      if (strcmp (value, "n") == 0)
        sheet->kind = CELL_NUMBER;
      else if (strcmp (value, "s") == 0)
        sheet->kind = CELL_SHARED;
      else if (strcmp (value, "inlineStr") == 0)
        sheet->kind = CELL_INLINE;
      else if (strcmp (value, "str") == 0)
        sheet->kind = CELL_FORMULA_STRING;
      else if (strcmp (value, "b") == 0)
        sheet->kind = CELL_BOOLEAN;
      else if (strcmp (value, "e") == 0)
        sheet->kind = CELL_ERROR;
      else if (strcmp (value, "d") == 0)
        sheet->kind = CELL_DATE;
      else
        sheet->kind = CELL_UNKNOWN;
    }
}

static void
row_attribute (const char *name,
               gboolean    prefixed,
               const char *value,
               gpointer    user_data)
{
  const char **reference = user_data;

  if (!prefixed && strcmp (name, "r") == 0)
    *reference = value;
}

static gboolean
append_text (SheetReader      *sheet,
             CommunityCellType type,
             const char       *text,
             gsize             length,
             double            number,
             GError          **error)
{
  XlsxReader *reader = sheet->reader;

  if (length == 0)
    return TRUE;
  if (!g_utf8_validate_len (text, length, NULL))
    return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX,
                       "the cell's text is not valid UTF-8 or holds U+0000");
  if (length > COMMUNITY_SHEET_MAX_TEXT - reader->text)
    return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_LIMIT,
                       "the workbook holds more than 1 GiB of text");
  reader->text += length;
  community_sheet_append_cell (reader->book, sheet->sheet, sheet->row, (guint32) sheet->column,
                               type, text, (gssize) length, number);
  return TRUE;
}

/* Whether @text is a number as a worksheet writes one; its value. */
static gboolean
parse_number (const char *text,
              double     *number)
{
  const char *p;
  char *end = NULL;

  if (text[0] == '\0')
    return FALSE;
  for (p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p) && strchr ("+-.eE", *p) == NULL)
      return FALSE;
  *number = g_ascii_strtod (text, &end);
  return end != NULL && *end == '\0' && isfinite (*number);
}

static gboolean
end_cell (SheetReader *sheet,
          GError     **error)
{
  XlsxReader *reader = sheet->reader;
  GString *value = sheet->value;
  char date[24];
  double number;
  guint64 index;

  switch (sheet->kind)
    {
    case CELL_SHARED:
      if (value->len == 0)
        break;
      if (!g_ascii_string_to_unsigned (value->str, 10, 0, G_MAXUINT32, &index, NULL))
        return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX,
                           "the shared string's index is not a number");
      if (index >= reader->shared->len)
        return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_RANGE,
                           "the shared string's index is beyond the workbook's shared strings");
      if (g_ptr_array_index (reader->shared, index) == NULL)
        return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX,
                           "the cell's text is not valid UTF-8 or holds U+0000");
      return append_text (sheet, COMMUNITY_CELL_STRING, g_ptr_array_index (reader->shared, index),
                          g_array_index (reader->shared_lengths, gsize, index), 0, error);

    case CELL_INLINE:
      unescape_xstring (sheet->has_inline ? sheet->inline_text : value);
      if (sheet->has_inline)
        return append_text (sheet, COMMUNITY_CELL_STRING, sheet->inline_text->str,
                            sheet->inline_text->len, 0, error);
      return append_text (sheet, COMMUNITY_CELL_STRING, value->str, value->len, 0, error);

    case CELL_FORMULA_STRING:
      if (sheet->has_formula && !sheet->has_value)
        return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_MISSING,
                           "the formula has no cached value (recalculate and save the workbook)");
      return append_text (sheet, COMMUNITY_CELL_STRING, value->str, value->len, 0, error);

    case CELL_BOOLEAN:
      if (value->len == 0)
        {
          if (sheet->has_formula)
            return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_MISSING,
                               "the formula has no cached value (recalculate and save the workbook)");
          break;
        }
      if (strcmp (value->str, "1") == 0 || strcmp (value->str, "true") == 0)
        return append_text (sheet, COMMUNITY_CELL_BOOLEAN, "TRUE", 4, 1, error);
      if (strcmp (value->str, "0") == 0 || strcmp (value->str, "false") == 0)
        return append_text (sheet, COMMUNITY_CELL_BOOLEAN, "FALSE", 5, 0, error);
      return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX,
                         "the boolean cell holds neither 0 nor 1");

    case CELL_ERROR:
      return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_TYPE,
                         "the cell holds an Excel error value (#N/A, #VALUE! and the like)");

    case CELL_DATE:
      if (value->len == 0)
        break;
      if (!iso_to_date (value->str, reader->date1904, &number, date))
        return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_DATE,
                           "the date cell does not hold an ISO 8601 date");
      return append_text (sheet, COMMUNITY_CELL_DATE, date, strlen (date), number, error);

    case CELL_UNKNOWN:
      return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX,
                         "the cell's type (t) is not one of a worksheet's");

    case CELL_NUMBER:
    default:
      if (value->len == 0)
        {
          if (sheet->has_formula)
            return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_MISSING,
                               "the formula has no cached value (recalculate and save the workbook)");
          break;
        }
      if (!parse_number (value->str, &number))
        return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX,
                           "the number cell does not hold a number");
      if (sheet->style < reader->date_styles->len &&
          g_array_index (reader->date_styles, gint64, sheet->style))
        {
          if (!serial_to_date (number, reader->date1904, date))
            return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_DATE,
                               number == 60 && !reader->date1904
                               ? "the date is Excel's 1900-02-29, a day that did not exist"
                               : "the date cell's serial number is not a date between 1900 (or 1904) and 9999");
          return append_text (sheet, COMMUNITY_CELL_DATE, date, strlen (date), number, error);
        }
      return append_text (sheet, COMMUNITY_CELL_NUMBER, value->str, value->len, number, error);
    }
  return TRUE;
}

static gboolean
sheet_element (SheetReader *sheet,
               XmlPart     *xml,
               GError     **error)
{
  gboolean empty = xmlTextReaderIsEmptyElement (xml->reader);

  if (xml_is (xml, "row"))
    {
      const char *reference = NULL;
      guint64 number;

      if (sheet->in_cell)
        return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX, "a row inside a cell");
      xml_attributes (xml, row_attribute, &reference);
      if (reference == NULL)
        number = (guint64) sheet->row + 1;
      else if (!g_ascii_string_to_unsigned (reference, 10, 1, G_MAXUINT64, &number, NULL))
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                       "%s: after row %u, a row's number (r) is not a number",
                       sheet->sheet->name, sheet->row);
          return FALSE;
        }
      if (number > COMMUNITY_SHEET_MAX_ROWS)
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                       "%s: after row %u, a row is beyond the %d rows of a sheet",
                       sheet->sheet->name, sheet->row, COMMUNITY_SHEET_MAX_ROWS);
          return FALSE;
        }
      if (number <= sheet->row)
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                       "%s: row %u comes after row %u (rows out of order)",
                       sheet->sheet->name, (guint) number, sheet->row);
          return FALSE;
        }
      sheet->row = (guint32) number;
      sheet->column = -1;
      sheet->in_row = !empty;
      return TRUE;
    }

  if (xml_is (xml, "c"))
    {
      guint32 row, column;

      if (!sheet->in_row || sheet->in_cell)
        return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX, "a cell outside a row");
      sheet->reference = NULL;
      sheet->kind = CELL_NUMBER;
      sheet->style = 0;
      xml_attributes (xml, cell_attribute, sheet);
      if (sheet->reference != NULL)
        {
          if (!parse_reference (sheet, sheet->reference, &row, &column, error))
            return FALSE;
          sheet->reference = NULL;
          if (row != sheet->row)
            return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX,
                               "a cell's reference (r) is not in its row");
          if ((gint64) column <= sheet->column)
            {
              sheet->column = column;
              return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX,
                                 "the cell comes after a cell to its right (cells out of order)");
            }
        }
      else
        {
          column = (guint32) (sheet->column + 1);
          if (column >= COMMUNITY_SHEET_MAX_COLUMNS)
            return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_LIMIT,
                               "the cell is beyond the 16384 columns of a sheet");
        }
      sheet->column = column;
      g_string_truncate (sheet->value, 0);
      g_string_truncate (sheet->inline_text, 0);
      sheet->has_value = sheet->has_formula = sheet->has_inline = FALSE;
      sheet->in_value = sheet->in_inline_text = FALSE;
      sheet->phonetic = 0;
      if (empty)
        return end_cell (sheet, error);
      sheet->in_cell = TRUE;
      return TRUE;
    }

  if (!sheet->in_cell)
    return TRUE;
  if (xml_is (xml, "v"))
    {
      sheet->has_value = TRUE;
      sheet->in_value = !empty;
    }
  else if (xml_is (xml, "f"))
    sheet->has_formula = TRUE;
  else if (xml_is (xml, "is"))
    sheet->has_inline = TRUE;
  else if (xml_is (xml, "rPh") && !empty)
    sheet->phonetic++;
  else if (xml_is (xml, "t") && sheet->has_inline && !empty)
    sheet->in_inline_text = sheet->phonetic == 0;
  return TRUE;
}

static gboolean
read_worksheet (XlsxReader     *reader,
                CommunitySheet *target,
                const char     *part,
                GBytes         *bytes,
                GError        **error)
{
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GString) inline_text = g_string_new (NULL);
  SheetReader sheet = { reader, target, part, 0, -1, };
  gboolean in_data = FALSE;
  XmlPart xml;
  int status;

  sheet.value = value;
  sheet.inline_text = inline_text;
  if (!xml_part_open (&xml, part, bytes, error))
    return FALSE;
  while ((status = xml_part_next (&xml, error)) == 1)
    {
      int type = xmlTextReaderNodeType (xml.reader);

      if (type == XML_READER_TYPE_ELEMENT)
        {
          if (!in_data)
            {
              if (xml_is (&xml, "sheetData"))
                {
                  if (xmlTextReaderIsEmptyElement (xml.reader))
                    break;
                  in_data = TRUE;
                }
            }
          else if (!sheet_element (&sheet, &xml, error))
            {
              status = -1;
              break;
            }
        }
      else if (type == XML_READER_TYPE_END_ELEMENT && in_data)
        {
          if (xml_is (&xml, "sheetData"))
            break;  /* nothing after it is a cell */
          else if (xml_is (&xml, "c") && sheet.in_cell)
            {
              sheet.in_cell = FALSE;
              if (!end_cell (&sheet, error))
                {
                  status = -1;
                  break;
                }
            }
          else if (xml_is (&xml, "row"))
            sheet.in_row = FALSE;
          else if (xml_is (&xml, "v"))
            sheet.in_value = FALSE;
          else if (xml_is (&xml, "t"))
            sheet.in_inline_text = FALSE;
          else if (xml_is (&xml, "rPh") && sheet.phonetic > 0)
            sheet.phonetic--;
        }
      else if (xml_is_text (type) && (sheet.in_value || sheet.in_inline_text))
        {
          xml_append_text (&xml, sheet.in_value ? value : inline_text);
          if (value->len + inline_text->len > COMMUNITY_SHEET_MAX_TEXT)
            {
              cell_error (&sheet, error, COMMUNITY_PARSE_ERROR_LIMIT,
                          "the cell's text is longer than 1 GiB");
              status = -1;
              break;
            }
        }
    }
  xml_part_close (&xml);
  return status >= 0;
}

/* --- the workbook as a whole --- */

static gboolean
read_optional_part (XlsxReader *reader,
                    const char *part,
                    gboolean  (*read) (XlsxReader *, const char *, GBytes *, GError **),
                    GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  GError *local = NULL;

  if (part == NULL)
    return TRUE;
  bytes = read_part (reader, part, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return bytes == NULL || read (reader, part, bytes, error);
}

CommunitySheetBook *
community_xlsx_read (const char *data,
                     gsize       length,
                     GError    **error)
{
  g_autoptr(CommunityZip) zip = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(GHashTable) package = NULL;
  g_autoptr(GHashTable) relationships = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GPtrArray) shared = NULL;
  g_autoptr(GArray) shared_lengths = NULL;
  g_autoptr(GArray) date_styles = NULL;
  g_autoptr(GBytes) workbook = NULL;
  g_autofree char *workbook_part = NULL;
  const char *part;
  XlsxReader reader = { NULL, };
  GError *local = NULL;
  guint i;

  zip = community_zip_open (data, length, error);
  if (zip == NULL)
    return NULL;
  book = community_sheet_book_new ();
  sheets = g_ptr_array_new_with_free_func (sheet_entry_free);
  shared = g_ptr_array_new_with_free_func (g_free);
  shared_lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  date_styles = g_array_new (FALSE, FALSE, sizeof (gint64));
  reader.zip = zip;
  reader.book = book;
  reader.sheets = sheets;
  reader.shared = shared;
  reader.shared_lengths = shared_lengths;
  reader.date_styles = date_styles;

  /* The workbook: the package's officeDocument, else where Excel puts it. */
  package = read_relationships (&reader, "", error);
  if (package == NULL)
    return NULL;
  part = relationship_of_type (package, "officeDocument");
  workbook_part = g_strdup (part != NULL ? part : "xl/workbook.xml");
  workbook = read_part (&reader, workbook_part, &local);
  if (workbook == NULL && local == NULL && part != NULL)
    {
      g_free (workbook_part);
      workbook_part = g_strdup ("xl/workbook.xml");
      workbook = read_part (&reader, workbook_part, &local);
    }
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  if (workbook == NULL)
    {
      g_set_error_literal (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_FORMAT,
                           "not an Excel workbook: the zip archive has no xl/workbook.xml");
      return NULL;
    }
  if (!read_workbook (&reader, workbook_part, workbook, error))
    return NULL;
  relationships = read_relationships (&reader, workbook_part, error);
  if (relationships == NULL)
    return NULL;

  part = relationship_of_type (relationships, "sharedStrings");
  if (!read_optional_part (&reader, part, read_shared_strings, error))
    return NULL;
  part = relationship_of_type (relationships, "styles");
  if (!read_optional_part (&reader, part, read_styles, error))
    return NULL;

  for (i = 0; i < sheets->len; i++)
    {
      SheetEntry *entry = g_ptr_array_index (sheets, i);
      Relationship *relationship = g_hash_table_lookup (relationships, entry->id);
      g_autoptr(GBytes) bytes = NULL;
      CommunitySheet *sheet;

      if (relationship == NULL)
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_MISSING,
                       "%s: the workbook does not say where the sheet is", entry->name);
          return NULL;
        }
      if (strcmp (relationship->type, "worksheet") != 0)
        continue;  /* a chart sheet, a dialog sheet ... */
      bytes = read_part (&reader, relationship->target, &local);
      if (local != NULL)
        {
          g_propagate_prefixed_error (error, local, "%s: ", entry->name);
          return NULL;
        }
      if (bytes == NULL)
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_MISSING,
                       "%s: the sheet's part %s is missing from the workbook",
                       entry->name, relationship->target);
          return NULL;
        }
      sheet = community_sheet_book_add_sheet (book, entry->name, NULL);
      if (!read_worksheet (&reader, sheet, relationship->target, bytes, error))
        return NULL;
    }
  return g_steal_pointer (&book);
}
