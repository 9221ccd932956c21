/* community-json-source.h: token sources, what the dataset walker reads
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A token source is a pull interface over one JSON document: the walker
 * (community-dataset-walker.c), the only code that knows the dataset
 * format, asks for the next token and gets an object's or an array's start
 * or end, a member name or a scalar. Two sources exist:
 *
 *   community-json-tokenizer.c    strict RFC 8259 text, from bytes in
 *                                 memory, a file descriptor or a
 *                                 GInputStream, read through a window;
 *   community-json-node-source.c  a JsonNode tree (load_from_node());
 *   lib/sheets/community-sheet-source.c  a workbook's or CSV files' cells,
 *                                 laid out as DOMAIN.md §9 says.
 *
 * Both refuse what no dataset may hold, whatever the member: nesting deeper
 * than COMMUNITY_JSON_MAX_DEPTH and, for text, everything
 * community-json-tokenizer.c lists (malformed JSON, invalid UTF-8, lone
 * surrogates, U+0000, integers beyond 64 bits, numbers beyond a double,
 * an object with one member name twice). Such an error ends the document:
 * the walker gives it as it is, before any error of its own.
 *
 * A source also knows where it is: community_json_source_pointer() writes
 * the JSON Pointer of the value the last token began (for a member name,
 * of the member's value; for an end, of the object or array it ends).
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The deepest nesting of arrays and objects a document may have (the root
 * object is level 1; a dataset needs 5). Deeper documents are refused with
 * COMMUNITY_PARSE_ERROR_LIMIT: json-glib's parser, json_node_copy() and
 * the generator recurse once per level. */
#define COMMUNITY_JSON_MAX_DEPTH 512

typedef enum {
  COMMUNITY_JSON_TOKEN_END,          /* the document is over */
  COMMUNITY_JSON_TOKEN_OBJECT_START,
  COMMUNITY_JSON_TOKEN_OBJECT_END,
  COMMUNITY_JSON_TOKEN_ARRAY_START,
  COMMUNITY_JSON_TOKEN_ARRAY_END,
  COMMUNITY_JSON_TOKEN_MEMBER,       /* a member name: str, len */
  COMMUNITY_JSON_TOKEN_STRING,       /* str, len (no U+0000 in it) */
  COMMUNITY_JSON_TOKEN_INT,          /* i: written without '.' or exponent */
  COMMUNITY_JSON_TOKEN_DOUBLE,       /* d */
  COMMUNITY_JSON_TOKEN_TRUE,
  COMMUNITY_JSON_TOKEN_FALSE,
  COMMUNITY_JSON_TOKEN_NULL,
} CommunityJsonTokenType;

typedef struct {
  CommunityJsonTokenType type;
  /* Strings and member names: valid UTF-8, valid until the next token;
   * str[len] is not always a nul. */
  const char *str;
  gsize len;
  gint64 i;
  double d;
} CommunityJsonToken;

typedef struct _CommunityJsonSource CommunityJsonSource;

typedef struct {
  /* The next token into @token; FALSE with @error set (the document is
   * refused, and the source is done) when there is none. */
  gboolean (*next)    (CommunityJsonSource *self,
                       CommunityJsonToken  *token,
                       GError             **error);
  /* The next token into @token, as next() gives it; when it is a member
   * name, also its value's token into @value, if reading that found
   * nothing wrong (else @value's type is END, and the next call of next()
   * gives the value, or the error). One call for a member and its value,
   * where a consumer expects both. NULL: next() alone answers (see
   * community_json_source_next_member()). */
  gboolean (*next_member) (CommunityJsonSource *self,
                           CommunityJsonToken  *token,
                           CommunityJsonToken  *value,
                           GError             **error);
  /* Appends the JSON Pointer of the last token (see above) to @pointer. */
  void     (*pointer) (CommunityJsonSource *self,
                       GString             *pointer);
  void     (*free)    (CommunityJsonSource *self);
  /* Sources over spreadsheets (lib/sheets/community-sheet-source.c):
   * appends where the last token's value is in the workbook, the cell and
   * the member ("社区!F12 (households)"); with @member (nullable), of that
   * member of the object the last token ended; and records the same on
   * @error (community_parse_error_get_cell()). NULL for JSON. */
  void     (*location) (CommunityJsonSource *self,
                        const char          *member,
                        GString             *out,
                        GError              *error);
} CommunityJsonSourceClass;

struct _CommunityJsonSource {
  const CommunityJsonSourceClass *klass;
  /* The arrays and objects open after the last token (its own included,
   * for a start). */
  guint depth;
  /* Set by the consumer right after an object's start: it checks that
   * object's member names are unique itself (the walker, for the objects
   * it reads as records, with a bit per known field), so the source need
   * not keep them; see community_json_source_claim_names(). */
  gboolean claim_names;
  /* Scalars come from spreadsheet cells, where everything may be text:
   * the walker reads a string as the number, boolean, date, vocabulary
   * value (its JSON word or Chinese term) or array (items separated by
   * ';', '、' or '；') its field wants (DOMAIN.md §9). */
  gboolean cells;
};

static inline gboolean
community_json_source_next (CommunityJsonSource *self,
                            CommunityJsonToken  *token,
                            GError             **error)
{
  return self->klass->next (self, token, error);
}

/* The next token into @token; if it is a member name, its value may
 * come with it into @value (@value's type is COMMUNITY_JSON_TOKEN_END if
 * not: then the next token is the value). The source's state, pointer
 * and errors are as if @token alone had been read. */
static inline gboolean
community_json_source_next_member (CommunityJsonSource *self,
                                   CommunityJsonToken  *token,
                                   CommunityJsonToken  *value,
                                   GError             **error)
{
  value->type = COMMUNITY_JSON_TOKEN_END;
  if (self->klass->next_member != NULL)
    return self->klass->next_member (self, token, value, error);
  return self->klass->next (self, token, error);
}

static inline void
community_json_source_pointer (CommunityJsonSource *self,
                               GString             *pointer)
{
  self->klass->pointer (self, pointer);
}

/* Right after an object's start token: the caller checks that the
 * object's member names are unique, and refuses a repeated one with
 * community_json_source_duplicate_error(), in place of the source. */
static inline void
community_json_source_claim_names (CommunityJsonSource *self)
{
  self->claim_names = TRUE;
}

/* The source's refusal of a member name seen twice in an object, at the
 * last token (that name). */
void community_json_source_duplicate_error (CommunityJsonSource  *self,
                                            GError              **error);

void community_json_source_free (CommunityJsonSource *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityJsonSource, community_json_source_free)

/* "a string", "an array", "null", ...: what a token begins, for messages. */
const char *community_json_token_describe (const CommunityJsonToken *token);

/* --- the tokenizer (community-json-tokenizer.c) --- */

/* Over @length bytes at @data, which must outlive the source. */
CommunityJsonSource *community_json_tokenizer_new_for_data   (const char    *data,
                                                              gsize          length);
/* A tokenizer made by community_json_tokenizer_new_for_data(), over other
 * bytes, as if new (a sheet's JSON cells: one tokenizer for them all). */
void                 community_json_tokenizer_reset_for_data (CommunityJsonSource *source,
                                                              const char          *data,
                                                              gsize                length);
/* Over a file, read through a window, never whole; the source closes
 * @fd. @cancellable (nullable) is checked as the window moves. */
CommunityJsonSource *community_json_tokenizer_new_for_fd     (int            fd,
                                                              GCancellable  *cancellable);
/* Over a stream, the same way. */
CommunityJsonSource *community_json_tokenizer_new_for_stream (GInputStream  *stream,
                                                              GCancellable  *cancellable);

/* One document read by two tokenizers on two threads (a dataset's
 * largest array split in two, community-dataset-walker.c). */

/* The input of a tokenizer that more than one can read. */
typedef struct {
  int fd;                     /* a regular file, read with pread(); or */
  const char *data;           /* bytes in memory (then fd is -1) */
  guint64 size;
  GCancellable *cancellable;  /* nullable */
} CommunityJsonInput;

/* The input of @source, a tokenizer that has not begun, when another
 * tokenizer can read it too: bytes in memory or a regular file (borrowed:
 * they live as long as @source). FALSE for a stream or a pipe. */
gboolean             community_json_tokenizer_get_input  (CommunityJsonSource      *source,
                                                          CommunityJsonInput       *input);
/* Where @source is in its input: the offset of the next byte it reads. */
guint64              community_json_tokenizer_get_offset (CommunityJsonSource      *source);
/* A tokenizer over @input from @offset, the first byte after the comma
 * that ends element @index - 1 of the array that is the value of the
 * root object's member @member: its tokens are those a tokenizer from the
 * start would give from there (its pointers, its errors, a syntax error's
 * line and column) until that array's end; what comes after is not its to
 * read. The root object's names are not checked. NULL if the file cannot
 * be opened again. */
CommunityJsonSource *community_json_tokenizer_new_part   (const CommunityJsonInput *input,
                                                          guint64                   offset,
                                                          const char               *member,
                                                          guint                     index);
/* Moves @source, which has just read an element of an array, whose
 * comma is followed by the byte at @at, on to @offset, the array's
 * closing bracket: what lies between is a part's to read (above). FALSE,
 * and nothing moved, when @source is not there. */
gboolean             community_json_tokenizer_jump       (CommunityJsonSource      *source,
                                                          guint64                   at,
                                                          guint64                   offset);

/* Where a document may be split (community-json-split.c): the largest
 * array that is the value of a member of the root object for which
 * @is_candidate says yes, cut after the comma that leaves about
 * @part_share of the document's bytes after the cut and before its end. */
typedef struct {
  char member[64];      /* the root object's member */
  guint index;          /* the first element after the cut */
  guint64 offset;       /* the first byte after its comma */
  guint64 end;          /* the array's closing bracket */
} CommunityJsonSplit;

gboolean community_json_split_find (const CommunityJsonInput *input,
                                    gboolean                (*is_candidate) (const char *member),
                                    double                    part_share,
                                    CommunityJsonSplit       *split);

/* --- the tree (community-json-node-source.c) --- */

/* Over @root, which must outlive the source; NULL is an empty document. */
CommunityJsonSource *community_json_node_source_new          (JsonNode      *root);

G_END_DECLS
