/* community-xlsx-reader.c: an .xlsx workbook's cells into a book
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The package is opened through community-zip.c (its zip bomb limits
 * apply). The small parts (relationships, the workbook, the styles) are
 * read with libxml2's xmlTextReader; the big ones, the worksheets and the
 * shared strings, with its SAX2 parser pulling them as they inflate (no
 * node built per element, no part held whole: see "XML parts read as they
 * inflate"). Either way without network access, DTDs or entity expansion
 * (a part with a DOCTYPE is refused: Office Open XML has none), within
 * libxml2's default limits (no XML_PARSE_HUGE: a text node of at most
 * 10 MB, 256 levels).
 *
 * Worksheets are read in parallel, one thread a processor, the biggest
 * first, each into its own sheet and string chunk; the error reported is
 * the one a reading in workbook order meets first (the first failing
 * sheet's; the workbook's text limit at the cell where the sheets' text,
 * one after another, passes it). Within a part, the first error in
 * document order is the one: xmlTextReader, which parsed some hundred
 * bytes ahead of the node it returned, could report a syntax error just
 * after a refused cell, or just after </sheetData>, instead.
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
#include "community-error-private.h"
#include "community-string-private.h"

/* --- XML parts --- */

typedef struct {
  const char *part;
  xmlTextReaderPtr reader;
  int error_line;          /* of libxml2's first error, or 0 */
  gboolean failed;
  gboolean refused;        /* xml_part_next() set an error */
} XmlPart;

/* libxml2 2.12 made the error const */
#if LIBXML_VERSION >= 21200
typedef const xmlError *XmlErrorPointer;
#else
typedef xmlErrorPtr XmlErrorPointer;
#endif

static void
xml_part_error (void           *user_data,
                XmlErrorPointer error)
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
      xml->refused = TRUE;
      return -1;
    }
  if (status < 0 || xml->failed)
    {
      xml->refused = TRUE;
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

/* The values of the current element's attributes named in @names (NULL
 * for those it does not have) into @values: "r:id" names the attribute
 * "id" with a namespace prefix, other names one without. The values
 * belong to the reader, valid until the next node. */
static void
xml_attributes (XmlPart           *xml,
                const char *const *names,
                const char       **values,
                guint              n)
{
  guint i;

  for (i = 0; i < n; i++)
    values[i] = NULL;
  while (xmlTextReaderMoveToNextAttribute (xml->reader) == 1)
    {
      const char *name = (const char *) xmlTextReaderConstLocalName (xml->reader);
      const char *value = (const char *) xmlTextReaderConstValue (xml->reader);
      gboolean prefixed = xmlTextReaderConstPrefix (xml->reader) != NULL;

      if (name == NULL || value == NULL)
        continue;
      for (i = 0; i < n; i++)
        if (g_str_has_prefix (names[i], "r:") == prefixed &&
            strcmp (prefixed ? names[i] + 2 : names[i], name) == 0)
          values[i] = value;
    }
  xmlTextReaderMoveToElement (xml->reader);
}

/* --- XML parts read as they inflate (SAX2) --- */

/* The big parts, the worksheets and the shared strings, are parsed with
 * libxml2's SAX2 parser, which pulls them from the inflater a chunk at a
 * time (xmlCreateIOParserCtxt(), xmlParseDocument()): no node is built
 * per element, and no part is held whole. Not the push parser, which
 * looks ahead for the end of every tag and text before it parses it:
 * 6 % more instructions for a city's workbook. Element and
 * attribute names are compared as pointers into the parser's dictionary.
 * The settings are the reader's: no network, no DTD (a DOCTYPE is
 * refused as soon as it starts), no entity but XML's own, libxml2's
 * default limits, and any error or warning libxml2 reports refuses the
 * part. */

static gsize tuning_chunk_size = 0;   /* 0: 64 KiB */
static guint tuning_threads = 0;      /* 0: one per processor */

void
community_xlsx_read_set_tuning (gsize chunk_size,
                                guint threads)
{
  tuning_chunk_size = MIN (chunk_size, (gsize) G_MAXINT32);
  tuning_threads = threads;
}

/* What every SAX2 reading shares: the first member of a handler's data. */
typedef struct {
  xmlParserCtxtPtr ctxt;
  GError *error;           /* the handler's own refusal */
  int error_line;          /* of libxml2's first error, or 0 */
  gboolean failed;         /* libxml2 reported an error */
  gboolean doctype;        /* the part has a document type declaration */
  gboolean done;           /* the handler needs no more of the part */
} SaxPart;

static gboolean
sax_part_stopped (SaxPart *sax)
{
  return sax->failed || sax->doctype || sax->done || sax->error != NULL;
}

static void
sax_part_error (void           *user_data,
                XmlErrorPointer error)
{
  SaxPart *sax = user_data;

  if (sax_part_stopped (sax))
    return;
  sax->failed = TRUE;
  sax->error_line = error != NULL ? error->line : 0;
  xmlStopParser (sax->ctxt);
}

static void
sax_part_internal_subset (void          *user_data,
                          const xmlChar *name,
                          const xmlChar *external_id,
                          const xmlChar *system_id)
{
  SaxPart *sax = user_data;

  if (sax_part_stopped (sax))
    return;
  sax->doctype = TRUE;
  xmlStopParser (sax->ctxt);
}

/* Stops the parsing: @sax->error is set, or the handler is done. */
static void
sax_part_stop (SaxPart *sax)
{
  xmlStopParser (sax->ctxt);
}

static void
sax_handler_init (xmlSAXHandler         *handler,
                  startElementNsSAX2Func start,
                  endElementNsSAX2Func   end,
                  charactersSAXFunc      characters)
{
  memset (handler, 0, sizeof *handler);
  handler->initialized = XML_SAX2_MAGIC;
  handler->startElementNs = start;
  handler->endElementNs = end;
  handler->characters = characters;
  handler->cdataBlock = characters;
  handler->ignorableWhitespace = characters;
  handler->internalSubset = sax_part_internal_subset;
  handler->serror = (xmlStructuredErrorFunc) sax_part_error;
}

/* libxml2 pulls the part through this: it asks for a few KiB at a time,
 * served from one 64 KiB chunk of the inflater's. */
typedef struct {
  CommunityZipStream *stream;
  char *buffer;
  gsize size, start, end;
  GError *zip_error;
} SaxInput;

static int
sax_input_read (void *context,
                char *out,
                int   length)
{
  SaxInput *in = context;
  int done = 0;

  /* as much as is asked, unless the part ends first: libxml2 tells the
   * encoding from the first bytes it gets */
  while (done < length)
    {
      gsize take;

      if (in->start == in->end)
        {
          gssize got;

          if (in->zip_error != NULL)
            return -1;
          got = community_zip_stream_read (in->stream, in->buffer, in->size, &in->zip_error);
          if (got < 0)
            return -1;
          if (got == 0)
            break;
          in->start = 0;
          in->end = (gsize) got;
        }
      take = MIN ((gsize) (length - done), in->end - in->start);
      memcpy (out + done, in->buffer + in->start, take);
      in->start += take;
      done += (int) take;
    }
  return done;
}

/* Parses the entry of @stream (part @part) with @handler, @sax (the first
 * member of the handler's data) its user data; @intern looks the
 * handler's names up in the parser's dictionary before the first byte is
 * parsed. Once the handler is done or the part refused, what is left of
 * the entry is still inflated, for the zip layer's checks (size, CRC,
 * limits): a zip error wins over any other, as when a part was inflated
 * whole before it was parsed. *@part_error says that @error is the part's
 * own (the zip layer's, or "PART: not well-formed XML"), not the handler's. */
static gboolean
sax_part_read (CommunityZipStream *stream,
               const char         *part,
               xmlSAXHandler      *handler,
               SaxPart            *sax,
               void              (*intern) (SaxPart *, xmlDictPtr),
               gboolean           *part_error,
               GError            **error)
{
  gsize chunk_size = tuning_chunk_size > 0 ? tuning_chunk_size : 64 * 1024;
  g_autofree char *buffer = g_malloc (chunk_size);
  SaxInput in = { stream, buffer, chunk_size, 0, 0, NULL };

  *part_error = FALSE;
  sax->ctxt = xmlCreateIOParserCtxt (handler, sax, sax_input_read, NULL, &in, XML_CHAR_ENCODING_NONE);
  if (sax->ctxt == NULL)
    g_error ("libxml2 cannot start a parser");
  xmlCtxtUseOptions (sax->ctxt, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  intern (sax, sax->ctxt->dict);
  if ((xmlParseDocument (sax->ctxt) != 0 || !sax->ctxt->wellFormed) && !sax_part_stopped (sax))
    sax->failed = TRUE;
  /* the rest of the entry, for the zip layer's checks */
  while (in.zip_error == NULL && community_zip_stream_read (stream, buffer, chunk_size, &in.zip_error) > 0)
    ;
  if (sax->ctxt->myDoc != NULL)
    xmlFreeDoc (sax->ctxt->myDoc);
  g_clear_pointer (&sax->ctxt, xmlFreeParserCtxt);

  if (in.zip_error != NULL)
    {
      g_clear_error (&sax->error);
      *part_error = TRUE;
      g_propagate_error (error, in.zip_error);
      return FALSE;
    }
  if (sax->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&sax->error));
      return FALSE;
    }
  if (sax->doctype || sax->failed)
    {
      *part_error = TRUE;
      if (sax->doctype)
        g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                     "%s: the part has a document type declaration, which Office Open XML never has",
                     part);
      else if (sax->error_line > 0)
        g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                     "%s: not well-formed XML (line %d)", part, sax->error_line);
      else
        g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                     "%s: not well-formed XML", part);
      return FALSE;
    }
  return TRUE;
}

/* @text (@length bytes) as g_ascii_string_to_unsigned() reads it in base
 * 10, between @min and @max, without a copy. */
static gboolean
parse_unsigned (const char *text,
                gsize       length,
                guint64     min,
                guint64     max,
                guint64    *out)
{
  guint64 n = 0;
  gsize i;

  if (length == 0)
    return FALSE;
  for (i = 0; i < length; i++)
    {
      guint digit = (guint) (text[i] - '0');

      if (digit > 9 || n > (G_MAXUINT64 - digit) / 10)
        return FALSE;
      n = n * 10 + digit;
    }
  if (n < min || n > max)
    return FALSE;
  *out = n;
  return TRUE;
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

/* 8 bytes a shared string, whatever its text: a table of millions of
 * empty strings costs no more than that. */
typedef struct {
  guint32 offset;          /* in shared_text */
  guint32 length;          /* G_MAXUINT32: not valid text (refused where used) */
} SharedString;

typedef struct {
  CommunityZip *zip;
  CommunitySheetBook *book;
  gboolean date1904;
  GPtrArray *sheets;       /* SheetEntry *, the workbook's order */
  GString *shared_text;    /* the shared strings, one after another */
  GArray *shared;          /* SharedString, by index */
  GArray *date_styles;     /* gint64, 1 for a date style, by cellXfs index */
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

/* The zip entry of part @name: part names are case-insensitive (Open
 * Packaging Conventions), an exact match first; NULL when there is none. */
static const char *
part_entry (XlsxReader *reader,
            const char *name)
{
  const char *const *names;
  const char *found = NULL;

  for (names = community_zip_list (reader->zip); *names != NULL; names++)
    {
      if (strcmp (*names, name) == 0)
        return *names;
      if (found == NULL && g_ascii_strcasecmp (*names, name) == 0)
        found = *names;
    }
  return found;
}

/* A part's bytes; NULL with @error unset when there is no such part. */
static GBytes *
read_part (XlsxReader *reader,
           const char *name,
           GError    **error)
{
  const char *entry = part_entry (reader, name);

  return entry != NULL ? community_zip_read (reader->zip, entry, error) : NULL;
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
      static const char *const names[] = { "Id", "Type", "Target", "TargetMode" };
      const char *values[G_N_ELEMENTS (names)];
      Relationship *relationship;
      const char *type;

      if (xmlTextReaderNodeType (xml.reader) != XML_READER_TYPE_ELEMENT ||
          !xml_is (&xml, "Relationship"))
        continue;
      xml_attributes (&xml, names, values, G_N_ELEMENTS (names));
      if (values[0] == NULL || values[1] == NULL || values[2] == NULL ||
          (values[3] != NULL && strcmp (values[3], "External") == 0) ||
          g_hash_table_contains (relationships, values[0]))
        continue;
      relationship = g_new0 (Relationship, 1);
      type = strrchr (values[1], '/');
      relationship->type = g_strdup (type != NULL ? type + 1 : values[1]);
      relationship->target = resolve_target (source, values[2]);
      if (relationship->target == NULL)
        {
          relationship_free (relationship);
          continue;
        }
      g_hash_table_insert (relationships, g_strdup (values[0]), relationship);
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
      static const char *const names[] = { "name", "r:id" };
      const char *values[G_N_ELEMENTS (names)];
      SheetEntry *entry;
      guint i;

      if (xmlTextReaderNodeType (xml.reader) != XML_READER_TYPE_ELEMENT)
        continue;
      if (xml_is (&xml, "workbookPr"))
        {
          static const char *const date1904[] = { "date1904" };

          xml_attributes (&xml, date1904, values, 1);
          reader->date1904 = values[0] != NULL && xml_boolean (values[0]);
          continue;
        }
      if (!xml_is (&xml, "sheet"))
        continue;
      xml_attributes (&xml, names, values, G_N_ELEMENTS (names));
      if (values[0] == NULL || values[1] == NULL || values[0][0] == '\0')
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                       "%s: sheet %u has no name or no relationship", part, reader->sheets->len + 1);
          status = -1;
          break;
        }
      for (i = 0; i < reader->sheets->len; i++)
        if (strcmp (((SheetEntry *) g_ptr_array_index (reader->sheets, i))->name,
                    values[0]) == 0)
          break;
      if (i < reader->sheets->len)
        {
          g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                       "%s: two sheets are named %s", part, values[0]);
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
      entry->name = g_strdup (values[0]);
      entry->id = g_strdup (values[1]);
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

static gboolean
add_shared (XlsxReader *reader,
            const char *part,
            GString    *text,
            GError    **error)
{
  SharedString shared;

  unescape_xstring (text);
  shared.offset = (guint32) reader->shared_text->len;
  shared.length = (guint32) text->len;

  if (text->len > COMMUNITY_SHEET_MAX_TEXT - reader->shared_text->len)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                   "%s: the shared strings hold more than 1 GiB of text", part);
      return FALSE;
    }
  if (reader->shared->len >= G_MAXUINT32)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                   "%s: too many shared strings", part);
      return FALSE;
    }
  /* Kept as not valid when not valid text: refused at a cell that uses it. */
  if (!g_utf8_validate_len (text->str, text->len, NULL))
    shared.length = G_MAXUINT32;
  else
    g_string_append_len (reader->shared_text, text->str, (gssize) text->len);
  g_array_append_val (reader->shared, shared);
  return TRUE;
}

typedef struct {
  SaxPart sax;
  XlsxReader *reader;
  const char *part;
  GString *text;
  gboolean in_item, in_text;
  int phonetic;
  const xmlChar *si, *r_ph, *t;
} SharedReader;

static void
shared_intern (SaxPart   *sax,
               xmlDictPtr dict)
{
  SharedReader *shared = (SharedReader *) sax;

  shared->si = xmlDictLookup (dict, BAD_CAST "si", -1);
  shared->r_ph = xmlDictLookup (dict, BAD_CAST "rPh", -1);
  shared->t = xmlDictLookup (dict, BAD_CAST "t", -1);
}

static void
shared_start (void           *user_data,
              const xmlChar  *name,
              const xmlChar  *prefix,
              const xmlChar  *uri,
              int             n_namespaces,
              const xmlChar **namespaces,
              int             n_attributes,
              int             n_defaulted,
              const xmlChar **attributes)
{
  SharedReader *shared = user_data;

  if (name == shared->si)
    {
      g_string_truncate (shared->text, 0);
      shared->in_item = TRUE;
    }
  else if (shared->in_item && name == shared->r_ph)
    shared->phonetic++;
  else if (shared->in_item && name == shared->t)
    shared->in_text = shared->phonetic == 0;
}

static void
shared_end (void          *user_data,
            const xmlChar *name,
            const xmlChar *prefix,
            const xmlChar *uri)
{
  SharedReader *shared = user_data;

  if (name == shared->si && shared->in_item)
    {
      if (!add_shared (shared->reader, shared->part, shared->text, &shared->sax.error))
        {
          sax_part_stop (&shared->sax);
          return;
        }
      shared->in_item = FALSE;
      shared->phonetic = 0;
    }
  else if (name == shared->r_ph && shared->phonetic > 0)
    shared->phonetic--;
  else if (name == shared->t)
    shared->in_text = FALSE;
}

static void
shared_text (void          *user_data,
             const xmlChar *text,
             int            length)
{
  SharedReader *shared = user_data;

  if (!shared->in_text || length <= 0)
    return;
  g_string_append_len (shared->text, (const char *) text, length);
  if (shared->text->len > COMMUNITY_SHEET_MAX_TEXT)
    {
      g_set_error (&shared->sax.error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                   "%s: a shared string is longer than 1 GiB", shared->part);
      sax_part_stop (&shared->sax);
    }
}

static gboolean
read_shared_strings (XlsxReader         *reader,
                     const char         *part,
                     CommunityZipStream *stream,
                     GError            **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  SharedReader shared = { { NULL, }, reader, part, text, };
  xmlSAXHandler handler;
  gboolean part_error;

  sax_handler_init (&handler, shared_start, shared_end, shared_text);
  return sax_part_read (stream, part, &handler, &shared.sax, shared_intern, &part_error, error);
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
      static const char *const names[] = { "numFmtId", "formatCode" };
      const char *values[G_N_ELEMENTS (names)];
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
          xml_attributes (&xml, names, values, G_N_ELEMENTS (names));
          if (values[0] != NULL && values[1] != NULL &&
              g_ascii_string_to_unsigned (values[0], 10, 0, G_MAXINT64, &id, NULL))
            {
              gint64 key = (gint64) id;
              gint64 date = format_code_is_date (values[1]);

              g_array_append_val (ids, key);
              g_array_append_val (formats, date);
            }
        }
      else if (in_cell_formats && xml_is (&xml, "xf"))
        {
          gint64 format = -1;

          if (reader->date_styles->len >= G_MAXINT32)
            continue;
          xml_attributes (&xml, names, values, 1);
          if (values[0] != NULL &&
              g_ascii_string_to_unsigned (values[0], 10, 0, G_MAXINT64, &id, NULL))
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

/* --- worksheets, in parallel --- */

/* One worksheet to read, in a thread of its own; its cells go to its
 * sheet, which has its own string chunk. */
typedef struct {
  guint index;             /* in workbook order, among the jobs */
  CommunitySheet *sheet;
  const char *part;
  CommunityZipStream *stream;
  GError *error;
  guint64 size;            /* what its part declares, inflated */
  gint claimed;            /* a thread has taken it (atomic) */
  gboolean abandoned;      /* not read (or not to the end): an earlier sheet failed */
  gboolean finished;
  /* The workbook's text limit (COMMUNITY_SHEET_MAX_TEXT, all sheets
   * together) as a reading in order meets it: text counts this sheet's;
   * once exact, before is the text of every sheet before it. */
  guint64 text;
  guint64 unflushed;       /* of text, not yet in SheetJobs.text */
  gboolean exact;
  guint64 before;
} SheetJob;

typedef struct {
  XlsxReader *reader;
  SheetJob *jobs;
  guint n_jobs;
  guint *order;            /* the jobs by decreasing size: the biggest start first */
  gint first_failed;       /* the smallest failed index (atomic), or G_MAXINT */
  gsize text;              /* text of every sheet, roughly (atomic) */
  GMutex lock;             /* for finished, error and the condition */
  GCond finished;
} SheetJobs;

typedef struct {
  SaxPart sax;
  XlsxReader *reader;
  SheetJobs *jobs;
  SheetJob *job;
  CommunitySheet *sheet;
  gboolean in_data;
  /* the position */
  guint32 row;             /* the current row's number, 0 before the first */
  gint64 column;           /* the last cell's column in the row, -1 before */
  gboolean in_row;
  /* the current cell */
  CellKind kind;
  guint64 style;
  gboolean in_cell, has_value, has_formula, has_inline;
  gboolean in_value, in_inline_text;
  int phonetic;
  GString *value;
  GString *inline_text;
  /* names, in the parser's dictionary */
  const xmlChar *sheet_data, *row_name, *c, *v, *f, *is, *r_ph, *t, *r, *s;
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
  if (error != NULL)
    community_parse_error_set_cell (*error, sheet->sheet->name, name, NULL);
  return FALSE;
}

/* Parses "B7" (@length bytes) into @row and @column (0-based); FALSE with
 * @error when it is not a cell reference or is beyond the sheet's limits. */
static gboolean
parse_reference (SheetReader *sheet,
                 const char  *reference,
                 gsize        length,
                 guint32     *row,
                 guint32     *column,
                 GError     **error)
{
  const char *p = reference, *end = reference + length;
  guint64 c = 0, r = 0;

  while (p < end && g_ascii_isalpha (*p))
    {
      c = c * 26 + (guint64) (g_ascii_toupper (*p) - 'A' + 1);
      if (c > COMMUNITY_SHEET_MAX_COLUMNS)
        return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_LIMIT,
                           "the cell is beyond the 16384 columns of a sheet");
      p++;
    }
  while (p < end && g_ascii_isdigit (*p))
    {
      r = r * 10 + (guint64) (*p - '0');
      if (r > COMMUNITY_SHEET_MAX_ROWS)
        return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_LIMIT,
                           "the cell is beyond the 1048576 rows of a sheet");
      p++;
    }
  if (c == 0 || r == 0 || p != end)
    return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX,
                       "the cell's reference (r) is not a cell reference");
  *row = (guint32) r;
  *column = (guint32) (c - 1);
  return TRUE;
}

static CellKind
cell_kind (const char *type,
           gsize       length)
{
  static const char *const kinds[] = {
    [CELL_NUMBER] = "n", [CELL_SHARED] = "s", [CELL_INLINE] = "inlineStr",
    [CELL_FORMULA_STRING] = "str", [CELL_BOOLEAN] = "b", [CELL_ERROR] = "e", [CELL_DATE] = "d",
  };
  guint i;

  if (type == NULL)
    return CELL_NUMBER;
  for (i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strlen (kinds[i]) == length && memcmp (type, kinds[i], length) == 0)
      return (CellKind) i;
  return CELL_UNKNOWN;
}

static void sheet_job_run (SheetJobs *jobs,
                           SheetJob  *job);

/* Waits until every sheet before @job's is read, then knows their text
 * exactly; FALSE when one of them failed (then @job's reading does not
 * matter). An earlier sheet that no thread has taken yet is read here
 * first: waiting for it could never end. */
static gboolean
sheet_job_wait_for_earlier (SheetJobs *jobs,
                            SheetJob  *job)
{
  gboolean ok = TRUE;
  guint k;

  for (;;)
    {
      gboolean all = TRUE;
      guint64 before = 0;

      for (k = 0; k < job->index; k++)
        if (g_atomic_int_compare_and_exchange (&jobs->jobs[k].claimed, 0, 1))
          sheet_job_run (jobs, &jobs->jobs[k]);
      g_mutex_lock (&jobs->lock);
      for (k = 0; k < job->index && ok; k++)
        {
          SheetJob *earlier = &jobs->jobs[k];

          if (!earlier->finished)
            all = FALSE;
          else if (earlier->error != NULL || earlier->abandoned)
            ok = FALSE;
          else
            before += earlier->text;
        }
      if (ok && all)
        {
          job->exact = TRUE;
          job->before = before;
        }
      else if (ok)
        g_cond_wait (&jobs->finished, &jobs->lock);
      g_mutex_unlock (&jobs->lock);
      if (!ok || job->exact)
        return ok;
    }
}

/* Whether @length more bytes of text keep the workbook within its limit,
 * as a reading in order would find: each sheet counts its own text, and
 * when all sheets together may be past the limit, it waits for the
 * sheets before it to know. */
static gboolean
sheet_text_within_limit (SheetReader *sheet,
                         gsize        length,
                         GError     **error)
{
  SheetJobs *jobs = sheet->jobs;
  SheetJob *job = sheet->job;

  if (!job->exact &&
      (guint64) (gsize) g_atomic_pointer_get (&jobs->text) + job->unflushed + length >
      COMMUNITY_SHEET_MAX_TEXT &&
      !sheet_job_wait_for_earlier (jobs, job))
    {
      job->abandoned = TRUE;
      g_set_error_literal (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                           "abandoned");  /* never reported: an earlier sheet's error is */
      return FALSE;
    }
  if ((job->exact ? job->before : 0) + job->text + length > COMMUNITY_SHEET_MAX_TEXT)
    return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_LIMIT,
                       "the workbook holds more than 1 GiB of text");
  job->text += length;
  job->unflushed += length;
  if (job->unflushed >= (1 << 20))
    {
      g_atomic_pointer_add (&jobs->text, (gssize) job->unflushed);
      job->unflushed = 0;
    }
  return TRUE;
}

static gboolean
append_text (SheetReader      *sheet,
             CommunityCellType type,
             const char       *text,
             gsize             length,
             double            number,
             GError          **error)
{
  if (length == 0)
    return TRUE;
  if (community_utf8_valid_prefix (text, length) != length || memchr (text, '\0', length) != NULL)
    return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX,
                       "the cell's text is not valid UTF-8 or holds U+0000");
  if (!sheet_text_within_limit (sheet, length, error))
    return FALSE;
  community_sheet_append_cell (sheet->reader->book, sheet->sheet, sheet->row, (guint32) sheet->column,
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
      if (!parse_unsigned (value->str, value->len, 0, G_MAXUINT32, &index))
        return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX,
                           "the shared string's index is not a number");
      if (index >= reader->shared->len)
        return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_RANGE,
                           "the shared string's index is beyond the workbook's shared strings");
      {
        const SharedString *shared = &g_array_index (reader->shared, SharedString, index);

        if (shared->length == G_MAXUINT32)
          return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX,
                             "the cell's text is not valid UTF-8 or holds U+0000");
        return append_text (sheet, COMMUNITY_CELL_STRING, reader->shared_text->str + shared->offset,
                            shared->length, 0, error);
      }

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

/* The attributes r, t and s (without a prefix) among SAX2's. */
static void
sax_attributes_rts (SheetReader    *sheet,
                    const xmlChar **attributes,
                    int             n,
                    const char     *values[3],
                    gsize           lengths[3])
{
  int i;

  values[0] = values[1] = values[2] = NULL;
  for (i = 0; i < n; i++)
    {
      const xmlChar **attribute = attributes + 5 * i;
      int which;

      if (attribute[1] != NULL)
        continue;
      if (attribute[0] == sheet->r)
        which = 0;
      else if (attribute[0] == sheet->t)
        which = 1;
      else if (attribute[0] == sheet->s)
        which = 2;
      else
        continue;
      values[which] = (const char *) attribute[3];
      lengths[which] = (gsize) (attribute[4] - attribute[3]);
    }
}

static gboolean
sheet_start_row (SheetReader    *sheet,
                 const xmlChar **attributes,
                 int             n_attributes,
                 GError        **error)
{
  const char *values[3];
  gsize lengths[3];
  guint64 number;

  if (sheet->in_cell)
    return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX, "a row inside a cell");
  sax_attributes_rts (sheet, attributes, n_attributes, values, lengths);
  if (values[0] == NULL)
    number = (guint64) sheet->row + 1;
  else if (!parse_unsigned (values[0], lengths[0], 1, G_MAXUINT64, &number))
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
  sheet->in_row = TRUE;
  return TRUE;
}

static gboolean
sheet_start_cell (SheetReader    *sheet,
                  const xmlChar **attributes,
                  int             n_attributes,
                  GError        **error)
{
  const char *values[3];
  gsize lengths[3];
  guint32 row = 0, column = 0;

  if (!sheet->in_row || sheet->in_cell)
    return cell_error (sheet, error, COMMUNITY_PARSE_ERROR_SYNTAX, "a cell outside a row");
  sax_attributes_rts (sheet, attributes, n_attributes, values, lengths);
  sheet->kind = cell_kind (values[1], lengths[1]);
  /* a style that is not a number is not a date style */
  if (values[2] == NULL)
    sheet->style = 0;
  else if (!parse_unsigned (values[2], lengths[2], 0, G_MAXUINT32, &sheet->style))
    sheet->style = G_MAXUINT32;
  if (values[0] != NULL)
    {
      if (!parse_reference (sheet, values[0], lengths[0], &row, &column, error))
        return FALSE;
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
  sheet->in_cell = TRUE;
  return TRUE;
}

/* An element's start. (An empty element's end follows at once, where
 * xmlTextReader gave none: the flags a start sets, its end clears.) */
static void
sheet_start (void           *user_data,
             const xmlChar  *name,
             const xmlChar  *prefix,
             const xmlChar  *uri,
             int             n_namespaces,
             const xmlChar **namespaces,
             int             n_attributes,
             int             n_defaulted,
             const xmlChar **attributes)
{
  SheetReader *sheet = user_data;
  gboolean ok = TRUE;

  if (!sheet->in_data)
    {
      sheet->in_data = name == sheet->sheet_data;
      return;
    }
  if (name == sheet->row_name)
    ok = sheet_start_row (sheet, attributes, n_attributes, &sheet->sax.error);
  else if (name == sheet->c)
    ok = sheet_start_cell (sheet, attributes, n_attributes, &sheet->sax.error);
  else if (!sheet->in_cell)
    return;
  else if (name == sheet->v)
    {
      sheet->has_value = TRUE;
      sheet->in_value = TRUE;
    }
  else if (name == sheet->f)
    sheet->has_formula = TRUE;
  else if (name == sheet->is)
    sheet->has_inline = TRUE;
  else if (name == sheet->r_ph)
    sheet->phonetic++;
  else if (name == sheet->t && sheet->has_inline)
    sheet->in_inline_text = sheet->phonetic == 0;
  if (!ok)
    sax_part_stop (&sheet->sax);
}

static void
sheet_end (void          *user_data,
           const xmlChar *name,
           const xmlChar *prefix,
           const xmlChar *uri)
{
  SheetReader *sheet = user_data;

  if (!sheet->in_data)
    return;
  if (name == sheet->sheet_data)
    {
      /* nothing after it is a cell */
      sheet->sax.done = TRUE;
      sax_part_stop (&sheet->sax);
    }
  else if (name == sheet->c && sheet->in_cell)
    {
      sheet->in_cell = FALSE;
      if (!end_cell (sheet, &sheet->sax.error))
        sax_part_stop (&sheet->sax);
    }
  else if (name == sheet->row_name)
    sheet->in_row = FALSE;
  else if (name == sheet->v)
    sheet->in_value = FALSE;
  else if (name == sheet->t)
    sheet->in_inline_text = FALSE;
  else if (name == sheet->r_ph && sheet->phonetic > 0)
    sheet->phonetic--;
}

static void
sheet_text (void          *user_data,
            const xmlChar *text,
            int            length)
{
  SheetReader *sheet = user_data;

  if (!(sheet->in_value || sheet->in_inline_text) || length <= 0)
    return;
  community_string_append_len (sheet->in_value ? sheet->value : sheet->inline_text,
                               (const char *) text, (gsize) length);
  if (sheet->value->len + sheet->inline_text->len > COMMUNITY_SHEET_MAX_TEXT)
    {
      cell_error (sheet, &sheet->sax.error, COMMUNITY_PARSE_ERROR_LIMIT,
                  "the cell's text is longer than 1 GiB");
      sax_part_stop (&sheet->sax);
    }
}

static void
sheet_intern (SaxPart   *sax,
              xmlDictPtr dict)
{
  SheetReader *sheet = (SheetReader *) sax;

  sheet->sheet_data = xmlDictLookup (dict, BAD_CAST "sheetData", -1);
  sheet->row_name = xmlDictLookup (dict, BAD_CAST "row", -1);
  sheet->c = xmlDictLookup (dict, BAD_CAST "c", -1);
  sheet->v = xmlDictLookup (dict, BAD_CAST "v", -1);
  sheet->f = xmlDictLookup (dict, BAD_CAST "f", -1);
  sheet->is = xmlDictLookup (dict, BAD_CAST "is", -1);
  sheet->r_ph = xmlDictLookup (dict, BAD_CAST "rPh", -1);
  sheet->t = xmlDictLookup (dict, BAD_CAST "t", -1);
  sheet->r = xmlDictLookup (dict, BAD_CAST "r", -1);
  sheet->s = xmlDictLookup (dict, BAD_CAST "s", -1);
}

static gboolean
read_worksheet (SheetJobs *jobs,
                SheetJob  *job,
                GError   **error)
{
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GString) inline_text = g_string_new (NULL);
  SheetReader sheet = { { NULL, }, jobs->reader, jobs, job, job->sheet, FALSE, 0, -1, };
  xmlSAXHandler handler;
  gboolean part_error;

  sheet.value = value;
  sheet.inline_text = inline_text;
  sax_handler_init (&handler, sheet_start, sheet_end, sheet_text);
  if (sax_part_read (job->stream, job->part, &handler, &sheet.sax, sheet_intern, &part_error, error))
    return TRUE;
  /* the part's own errors (not well-formed, the zip's) say which sheet it is */
  if (part_error)
    {
      g_prefix_error (error, "%s: ", job->sheet->name);
      if (error != NULL)
        community_parse_error_set_cell (*error, job->sheet->name, NULL, NULL);
    }
  return FALSE;
}

static void
sheet_job_run (SheetJobs *jobs,
               SheetJob  *job)
{
  gint index = (gint) job->index;
  GError *local = NULL;

  if (index > g_atomic_int_get (&jobs->first_failed))
    job->abandoned = TRUE;  /* an earlier sheet's error is the one */
  else if (!read_worksheet (jobs, job, &local))
    {
      gint failed = g_atomic_int_get (&jobs->first_failed);

      while (index < failed &&
             !g_atomic_int_compare_and_exchange_full (&jobs->first_failed, failed, index, &failed))
        ;
    }
  g_mutex_lock (&jobs->lock);
  job->error = local;
  job->finished = TRUE;
  g_cond_broadcast (&jobs->finished);
  g_mutex_unlock (&jobs->lock);
}

/* libxml2 reports some errors (an encoding's: "input conversion failed
 * due to input error, bytes 0xFF 0xFF ...") through its generic error
 * function, which prints to standard error, besides the parser's own
 * handler: bytes of a cell, which may be personal data, would reach a log.
 * The generic function is the thread's own (libxml2 keeps it per thread):
 * it is silenced while this thread reads a workbook, and given back. */
typedef struct {
  xmlGenericErrorFunc func;
  void *context;
} QuietXml;

static void
quiet_xml_error (void       *context,
                 const char *message,
                 ...)
{
}

static QuietXml
quiet_xml_begin (void)
{
  QuietXml saved = { xmlGenericError, xmlGenericErrorContext };

  xmlSetGenericErrorFunc (NULL, quiet_xml_error);
  return saved;
}

static void
quiet_xml_end (QuietXml saved)
{
  xmlSetGenericErrorFunc (saved.context, saved.func);
}

static gpointer
sheet_worker (gpointer data)
{
  SheetJobs *jobs = data;
  QuietXml quiet = quiet_xml_begin ();
  guint k;

  for (k = 0; k < jobs->n_jobs; k++)
    {
      SheetJob *job = &jobs->jobs[jobs->order[k]];

      if (g_atomic_int_compare_and_exchange (&job->claimed, 0, 1))
        sheet_job_run (jobs, job);
    }
  quiet_xml_end (quiet);
  return NULL;
}

static gint
sheet_job_compare_size (gconstpointer a,
                        gconstpointer b,
                        gpointer      data)
{
  const SheetJob *jobs = data;
  const SheetJob *first = &jobs[*(const guint *) a], *second = &jobs[*(const guint *) b];

  if (first->size != second->size)
    return first->size > second->size ? -1 : 1;
  return first->index < second->index ? -1 : first->index > second->index;
}

/* Reads the jobs' worksheets, on up to one thread a processor; FALSE with
 * the error a reading in workbook order would meet first. */
static gboolean
read_worksheets (XlsxReader *reader,
                 SheetJob   *jobs_array,
                 guint       n_jobs,
                 GError    **error)
{
  g_autofree guint *order = g_new (guint, MAX (n_jobs, 1));
  SheetJobs jobs = { reader, jobs_array, n_jobs, order, G_MAXINT, 0, };
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  guint n_threads = tuning_threads > 0 ? tuning_threads : g_get_num_processors ();
  guint64 text = 0;
  guint i;

  for (i = 0; i < n_jobs; i++)
    order[i] = i;
  g_qsort_with_data (order, (gint) n_jobs, sizeof (guint), sheet_job_compare_size, jobs_array);
  g_mutex_init (&jobs.lock);
  g_cond_init (&jobs.finished);
  n_threads = CLAMP (n_threads, 1, MAX (n_jobs, 1));
  for (i = 1; i < n_threads; i++)
    {
      GThread *thread = g_thread_try_new ("xlsx-sheet", sheet_worker, &jobs, NULL);

      if (thread == NULL)
        break;  /* fewer threads, the same result */
      g_ptr_array_add (threads, thread);
    }
  sheet_worker (&jobs);
  for (i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  g_mutex_clear (&jobs.lock);
  g_cond_clear (&jobs.finished);

  /* In workbook order: the first sheet's error, or the cell where the
   * sheets' text, one after another, passes the workbook's limit. */
  for (i = 0; i < n_jobs; i++)
    {
      SheetJob *job = &jobs_array[i];
      CommunitySheet *sheet = job->sheet;

      g_assert (!job->abandoned);
      if (!job->exact && text + job->text > COMMUNITY_SHEET_MAX_TEXT)
        {
          guint64 sum = text;
          guint r, c;

          for (r = 0; r < sheet->rows->len; r++)
            {
              const CommunitySheetRow *row = &g_array_index (sheet->rows, CommunitySheetRow, r);
              const CommunityCell *cells = community_sheet_row_cells (sheet, row);

              for (c = 0; c < row->n_cells; c++)
                {
                  char name[24];

                  sum += cells[c].length;
                  if (sum <= COMMUNITY_SHEET_MAX_TEXT)
                    continue;
                  community_sheet_cell_name (row->number, cells[c].column, name);
                  g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                               "%s!%s: the workbook holds more than 1 GiB of text",
                               sheet->name, name);
                  return FALSE;
                }
            }
          g_assert_not_reached ();
        }
      if (job->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&job->error));
          return FALSE;
        }
      text += job->text;
    }
  return TRUE;
}

/* --- the workbook as a whole --- */

/* A part's stream, to be read as it inflates; NULL with @error unset
 * when there is no such part. */
static CommunityZipStream *
open_part (XlsxReader *reader,
           const char *name,
           GError    **error)
{
  const char *entry = part_entry (reader, name);

  return entry != NULL ? community_zip_stream_open (reader->zip, entry, error) : NULL;
}

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

static gboolean
read_optional_shared_strings (XlsxReader *reader,
                              const char *part,
                              GError    **error)
{
  g_autoptr(CommunityZipStream) stream = NULL;
  GError *local = NULL;

  if (part == NULL)
    return TRUE;
  stream = open_part (reader, part, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  return stream == NULL || read_shared_strings (reader, part, stream, error);
}

static CommunitySheetBook *xlsx_read (const char  *data,
                                       gsize        length,
                                       GError     **error);

CommunitySheetBook *
community_xlsx_read (const char *data,
                     gsize       length,
                     GError    **error)
{
  QuietXml quiet = quiet_xml_begin ();
  CommunitySheetBook *book = xlsx_read (data, length, error);

  quiet_xml_end (quiet);
  return book;
}

static CommunitySheetBook *
xlsx_read (const char *data,
           gsize       length,
           GError    **error)
{
  g_autoptr(CommunityZip) zip = NULL;
  g_autoptr(CommunitySheetBook) book = NULL;
  g_autoptr(GHashTable) package = NULL;
  g_autoptr(GHashTable) relationships = NULL;
  g_autoptr(GPtrArray) sheets = NULL;
  g_autoptr(GString) shared_text = NULL;
  g_autoptr(GArray) shared = NULL;
  g_autoptr(GArray) date_styles = NULL;
  g_autoptr(GBytes) workbook = NULL;
  g_autofree char *workbook_part = NULL;
  g_autofree SheetJob *jobs = NULL;
  GError *setup_error = NULL;
  const char *part;
  XlsxReader reader = { NULL, };
  GError *local = NULL;
  guint i, n_jobs = 0;
  gboolean ok;

  zip = community_zip_open (data, length, error);
  if (zip == NULL)
    return NULL;
  book = community_sheet_book_new ();
  sheets = g_ptr_array_new_with_free_func (sheet_entry_free);
  shared_text = g_string_new (NULL);
  shared = g_array_new (FALSE, FALSE, sizeof (SharedString));
  date_styles = g_array_new (FALSE, FALSE, sizeof (gint64));
  reader.zip = zip;
  reader.book = book;
  reader.sheets = sheets;
  reader.shared_text = shared_text;
  reader.shared = shared;
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
  if (!read_optional_shared_strings (&reader, part, error))
    return NULL;
  part = relationship_of_type (relationships, "styles");
  if (!read_optional_part (&reader, part, read_styles, error))
    return NULL;

  /* Each worksheet's part opened in order (what the zip layer checks
   * before inflating, and the archive's total, in order), up to the first
   * that cannot be: its error stands if the sheets before it read well. */
  jobs = g_new0 (SheetJob, sheets->len);
  for (i = 0; i < sheets->len && setup_error == NULL; i++)
    {
      SheetEntry *entry = g_ptr_array_index (sheets, i);
      Relationship *relationship = g_hash_table_lookup (relationships, entry->id);
      CommunityZipStream *stream;
      SheetJob *job;

      if (relationship == NULL)
        {
          g_set_error (&setup_error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_MISSING,
                       "%s: the workbook does not say where the sheet is", entry->name);
          break;
        }
      if (strcmp (relationship->type, "worksheet") != 0)
        continue;  /* a chart sheet, a dialog sheet ... */
      stream = open_part (&reader, relationship->target, &local);
      if (local != NULL)
        {
          g_propagate_prefixed_error (&setup_error, local, "%s: ", entry->name);
          local = NULL;
          break;
        }
      if (stream == NULL)
        {
          g_set_error (&setup_error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_MISSING,
                       "%s: the sheet's part %s is missing from the workbook",
                       entry->name, relationship->target);
          break;
        }
      job = &jobs[n_jobs];
      job->index = n_jobs++;
      job->sheet = community_sheet_book_add_sheet (book, entry->name, NULL);
      community_sheet_own_strings (job->sheet);
      job->part = relationship->target;
      job->stream = stream;
      job->size = community_zip_stream_size (stream);
    }

  ok = read_worksheets (&reader, jobs, n_jobs, error);
  for (i = 0; i < n_jobs; i++)
    {
      community_zip_stream_free (jobs[i].stream);
      g_clear_error (&jobs[i].error);
    }
  if (!ok)
    {
      g_clear_error (&setup_error);
      return NULL;
    }
  if (setup_error != NULL)
    {
      g_propagate_error (error, setup_error);
      return NULL;
    }
  return g_steal_pointer (&book);
}
