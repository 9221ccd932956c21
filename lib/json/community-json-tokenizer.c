/* community-json-tokenizer.c: strict JSON text into tokens
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The one lexer of the library's JSON text: a token source
 * (community-json-source.h) over bytes in memory, a file or a GInputStream,
 * iterative (nothing recurses on the nesting of the input) and strict. It
 * lets through only what every consumer of the library reads the same way
 * and can hold, refusing
 *
 *   - nesting deeper than COMMUNITY_JSON_MAX_DEPTH, which would overflow the
 *     stack of a recursive consumer (json-glib's parser, json_node_copy(),
 *     json_node_equal() and the generator);
 *   - anything but strict RFC 8259 JSON: json-glib also takes single-quoted
 *     strings, C comments, hexadecimal and octal numbers (0123 is read as 83)
 *     and a second document after the first, silently;
 *   - invalid UTF-8 or a lone surrogate escape in a string;
 *   - U+0000 in a string (\u0000), which a C string cannot hold: "G\u0000x"
 *     would become "G", and two different identities the same one;
 *   - an integer outside 64 bits or a number beyond a double (1e400),
 *     which json-glib turns into a wrong value (2^64 becomes -1) or into
 *     infinity, which it then saves as the invalid JSON "inf.0";
 *   - an object with two members of one name, of which json-glib keeps the
 *     last and drops the first without a word.
 *
 * A refusal is a COMMUNITY_PARSE_ERROR whose message starts with the JSON
 * Pointer of the offending value. Malformed JSON is reported at "(root)"
 * with a line and column. No message quotes the document's text (a string
 * may be a name or an ID number); the pointer holds member names only.
 *
 * Input that is not in memory is read through a window (WINDOW_SIZE, grown
 * only for a single token larger than it), so a file is never resident
 * whole. The line and column of a syntax error count the bytes before it:
 * for a file they are read again from its start (pread), for a stream they
 * are counted as the window moves on.
 *
 * community_json_guard() runs the tokenizer over a whole text without a
 * consumer, for the documents json-glib then parses (rulesets).
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "community-json-private.h"

/* The window of input not in memory, and the least read at once. */
#define WINDOW_SIZE (1u << 20)

/* An object with more members than this finds duplicate names by hashing;
 * smaller ones (nearly all of a dataset) compare against each name seen. */
#define LINEAR_KEYS 16

typedef struct {
  gboolean is_object;
  guint index;          /* array: the current element; object: members before the current */
  guint first_key;      /* its names: keys[first_key ..] */
  guint64 bloom;        /* a bit per name seen (name_bit()): most names need no comparison */
  gboolean claimed;     /* its consumer checks its names (community_json_source_claim_names()) */
  GHashTable *key_set;  /* decoded names, once there are more than LINEAR_KEYS */
} Frame;

typedef struct {
  gsize offset;         /* in names */
  gsize length;
} Key;

typedef enum {
  STATE_START,          /* before the document */
  STATE_COLON,          /* after a member name: ':' then its value (the name is checked first) */
  STATE_VALUE,          /* a value is next (after '[' or ',') */
  STATE_FIRST_MEMBER,   /* after '{' */
  STATE_FIRST_ELEMENT,  /* after '[' */
  STATE_AFTER_VALUE,
  STATE_DONE,           /* END given, or an error */
} State;

typedef struct {
  CommunityJsonSource parent;

  /* The input: [buf, end) holds bytes from offset base of the document;
   * p is the next byte to read. In memory, buf is the data and eof TRUE. */
  const guchar *buf;
  const guchar *p;
  const guchar *end;
  guint64 base;
  gboolean eof;
  guchar *window;       /* owned, when reading */
  gsize cap;
  int fd;               /* -1 if none */
  guint64 size;         /* of a regular file (read with pread()), or of the data;
                         * G_MAXUINT64 for a pipe or a stream */
  GInputStream *stream; /* nullable */
  GCancellable *cancellable;
  GError *io_error;     /* reading failed (then eof is set too) */
  /* A stream cannot be read again: lines and columns of what the window
   * dropped, counted as it moves. */
  guint dropped_lines;
  guint dropped_column;

  State state;
  gboolean push_object, push_array;   /* a start given, its frame not yet pushed */
  guint depth;
  Frame frames[COMMUNITY_JSON_MAX_DEPTH];
  /* The names of the open objects (of a claimed one, its last only), and
   * their text, decoded, each nul-terminated: plain arrays, a few
   * instructions a name. */
  Key *keys;
  guint n_keys, keys_cap;
  char *names;
  gsize names_len, names_cap;
  GString *scratch;     /* a string with escapes, decoded */
  gboolean made_key_sets;  /* some frame has had a key_set since the start */
} Tokenizer;

/* --- input --- */

/* Counts the lines and the characters after the last newline of
 * [@p, @end) into *@line and *@column: newlines with memchr(), characters
 * (not bytes) only on the last line. A refused province file is counted
 * whole. */
static void
count_lines (const guchar *p,
             const guchar *end,
             guint        *line,
             guint        *column)
{
  const guchar *nl;

  while (p < end && (nl = memchr (p, '\n', (gsize) (end - p))) != NULL)
    {
      (*line)++;
      *column = 1;
      p = nl + 1;
    }
  for (; p < end; p++)
    if ((*p & 0xC0) != 0x80)  /* count characters, not bytes */
      (*column)++;
}

/* Reads more input, keeping the bytes from @keep (<= p) on; the window
 * grows when they fill more than half of it. FALSE at the end of the input,
 * or when reading failed (io_error set, and eof: the caller sees an end,
 * and tokenizer_next() gives the reading error instead of its own).
 * Pointers into the window move: callers keep offsets, or start again. */
static gboolean
refill (Tokenizer    *t,
        const guchar *keep)
{
  gsize kept, offset_p;

  if (t->eof)
    return FALSE;
  if (g_cancellable_set_error_if_cancelled (t->cancellable, &t->io_error))
    {
      t->eof = TRUE;
      return FALSE;
    }

  kept = (gsize) (t->end - keep);
  offset_p = (gsize) (t->p - keep);
  if (t->stream != NULL)
    count_lines (t->buf, keep, &t->dropped_lines, &t->dropped_column);
  t->base += (guint64) (keep - t->buf);
  if (kept > t->cap / 2)
    {
      guchar *bigger = g_malloc (t->cap * 2);

      memcpy (bigger, keep, kept);
      g_free (t->window);
      t->window = bigger;
      t->cap *= 2;
    }
  else if (kept > 0)
    memmove (t->window, keep, kept);
  t->buf = t->window;
  t->p = t->window + offset_p;
  t->end = t->window + kept;

  while (t->end < t->window + t->cap)
    {
      gsize want = (gsize) (t->window + t->cap - t->end);
      gssize n;

      if (t->stream != NULL)
        n = g_input_stream_read (t->stream, (guchar *) t->end, want, t->cancellable, &t->io_error);
      else
        {
          /* A regular file at the window's end with pread(), so that
           * another tokenizer reads it too (community_json_tokenizer_new_part());
           * a pipe as it comes. */
          if (t->size != G_MAXUINT64)
            n = pread (t->fd, (guchar *) t->end, want, (off_t) (t->base + (guint64) (t->end - t->buf)));
          else
            n = read (t->fd, (guchar *) t->end, want);
          if (n < 0 && errno == EINTR)
            continue;
          if (n < 0)
            {
              int errsv = errno;

              g_set_error (&t->io_error, G_FILE_ERROR, g_file_error_from_errno (errsv),
                           "Failed to read from file: %s", g_strerror (errsv));
            }
        }
      if (n <= 0)
        {
          t->eof = TRUE;
          break;
        }
      t->end += n;
      /* Enough to go on with: a stream gives what it has. */
      if (t->stream != NULL)
        break;
    }
  return t->io_error == NULL && t->end > t->p;
}

/* At least @n bytes at p, when the input has them. */
static inline gboolean
have (Tokenizer *t,
      gsize      n)
{
  while ((gsize) (t->end - t->p) < n)
    if (!refill (t, t->p) && t->eof)
      return (gsize) (t->end - t->p) >= n;
  return TRUE;
}

/* --- errors --- */

static void
tokenizer_pointer_n (Tokenizer *t,
                     guint      n_frames,
                     GString   *pointer)
{
  for (guint i = 0; i < n_frames; i++)
    {
      Frame *frame = &t->frames[i];
      guint keys_end = i + 1 < t->depth ? t->frames[i + 1].first_key : t->n_keys;
      const char *name = frame->is_object && keys_end > frame->first_key
                         ? t->names + t->keys[keys_end - 1].offset : NULL;

      if (!community_json_pointer_push_step (pointer, frame->is_object, name, frame->index))
        break;
    }
}

static void
tokenizer_pointer (CommunityJsonSource *source,
                   GString             *pointer)
{
  Tokenizer *t = (Tokenizer *) source;

  tokenizer_pointer_n (t, t->depth, pointer);
}

/* An error at the value the first @n_frames frames lead to. */
G_GNUC_PRINTF (5, 6)
static G_NO_INLINE gboolean
pointer_error (Tokenizer           *t,
               guint                n_frames,
               GError             **error,
               CommunityParseError  code,
               const char          *format,
               ...)
{
  g_autoptr(GString) pointer = NULL;
  va_list args;

  if (error == NULL)
    return FALSE;
  pointer = g_string_new (NULL);
  tokenizer_pointer_n (t, n_frames, pointer);
  va_start (args, format);
  community_json_set_error_valist (error, COMMUNITY_PARSE_ERROR, code, pointer, format, args);
  va_end (args);
  t->state = STATE_DONE;
  return FALSE;
}

/* An error at the value being read. */
#define VALUE_ERROR(t, error, code, ...) \
  pointer_error ((t), (t)->depth, (error), (code), __VA_ARGS__)

/* Malformed JSON, at @at: "(root)", where it is, what was wrong. */
static G_NO_INLINE gboolean
syntax_error (Tokenizer    *t,
              const guchar *at,
              GError      **error,
              const char   *what)
{
  guint64 offset = t->base + (guint64) (at - t->buf);
  guint line = 1, column = 1;
  g_autofree char *found = NULL;

  t->state = STATE_DONE;
  /* Read on tentatively (tokenizer_next_member()): the error is made
   * again when the token is read on its own. */
  if (error == NULL)
    return FALSE;
  if (t->stream != NULL)
    {
      line = t->dropped_lines;
      column = t->dropped_column;
      count_lines (t->buf, at, &line, &column);
    }
  else if (t->fd >= 0)
    {
      /* Read the file again up to the error, a window at a time. */
      g_autofree guchar *chunk = g_malloc (WINDOW_SIZE);
      guint64 done = 0;

      while (done < offset)
        {
          gssize n = pread (t->fd, chunk, MIN ((guint64) WINDOW_SIZE, offset - done), (off_t) done);

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            break;
          count_lines (chunk, chunk + n, &line, &column);
          done += (guint64) n;
        }
    }
  else
    count_lines (t->buf, at, &line, &column);

  if (at >= t->end)
    found = g_strdup ("the end of the input");
  else
    {
      guchar c = *at;

      if (c >= 0x21 && c < 0x7F)
        found = g_strdup_printf ("‘%c’", c);
      else if (c < 0x80)
        found = g_strdup_printf ("the character U+%04X", c);
      else
        found = g_strdup_printf ("the byte 0x%02X", c);
    }

  community_json_set_error (error, COMMUNITY_PARSE_ERROR_SYNTAX, NULL,
                            "expected a JSON document: line %u, column %u: expected %s, found %s",
                            line, column, what, found);
  return FALSE;
}

/* --- white space --- */

/* Skips white space; FALSE at the end of the input. */
static inline gboolean
skip_space (Tokenizer *t)
{
  /* Mostly there is none: a byte above the space is a token's. */
  if (G_LIKELY (t->p < t->end && *t->p > ' '))
    return TRUE;
  for (;;)
    {
      while (t->p < t->end)
        {
          guchar c = *t->p;

          if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
            return TRUE;
          t->p++;
        }
      if (!refill (t, t->p))
        return FALSE;
    }
}

/* --- strings --- */

#define HIGH_BITS COMMUNITY_BYTES_HIGH

static int
hex4 (const guchar *p)
{
  int value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int d = g_ascii_xdigit_value (p[i]);

      if (d < 0)
        return -1;
      value = value * 16 + d;
    }
  return value;
}

typedef enum {
  SCAN_OK,
  SCAN_MORE,    /* the input ended inside the string: read more, scan again */
  SCAN_ERROR,
} ScanResult;

/* Scans the string whose opening quote is at p, within the window,
 * leaving p after the closing quote and the text in *@str, *@len (the
 * window's bytes, or the scratch buffer's if it has escapes). A member
 * name's errors point at the object holding it, since its own pointer
 * cannot be written. */
static G_ALWAYS_INLINE inline ScanResult
scan_string (Tokenizer   *t,
             gboolean     is_name,
             const char **str,
             gsize       *len,
             GError     **error)
{
  const guchar *start = t->p + 1;
  const guchar *q = start;
  const guchar *end = t->end;
  gboolean escaped = FALSE;

  /* A name's errors are the object's: its pointer is one frame shorter,
   * and the message says which member (its index). */
#define N_FRAMES (is_name ? t->depth - 1 : t->depth)
#define INDEX (t->frames[t->depth - 1].index)
#define STRING_ERROR(code, ...) \
  G_STMT_START { \
    pointer_error (t, N_FRAMES, error, (code), __VA_ARGS__); \
    return SCAN_ERROR; \
  } G_STMT_END

  for (;;)
    {
      const guchar *run = q;
      guint64 high = 0;
      guchar c;

      /* A run of plain characters, eight bytes at a time, then checked as
       * UTF-8 in one go, unless the input ends in it: a truncated document
       * is a syntax error, even when it ends in the middle of a character. */
      for (;;)
        {
          guint64 w, stops;

          if (end - q < 8)
            {
              while (q < end && *q != '"' && *q != '\\' && *q >= 0x20)
                high |= *q++ & 0x80;
              break;
            }
          memcpy (&w, q, 8);
          w = GUINT64_FROM_LE (w);
          stops = community_json_text_stops (w, FALSE);
          if (stops == 0)
            {
              high |= w & HIGH_BITS;
              q += 8;
              continue;
            }
          {
            guint before = (guint) __builtin_ctzll (stops) / 8;

            high |= w & HIGH_BITS & ((G_GUINT64_CONSTANT (1) << (8 * before)) - 1);
            q += before;
          }
          break;
        }

      if (q >= end)
        {
          if (!t->eof)
            return SCAN_MORE;
          syntax_error (t, q, error, "the end of the string, ‘\"’");
          return SCAN_ERROR;
        }
      if (high != 0 && !g_utf8_validate_len ((const char *) run, (gsize) (q - run), NULL))
        {
          if (is_name)
            STRING_ERROR (COMMUNITY_PARSE_ERROR_SYNTAX,
                          "expected valid UTF-8, but the name of the member at index %u of this object is not",
                          INDEX);
          STRING_ERROR (COMMUNITY_PARSE_ERROR_SYNTAX,
                        "expected a string in valid UTF-8, but this one is not");
        }
      if (escaped)
        g_string_append_len (t->scratch, (const char *) run, q - run);

      c = *q;
      if (c == '"')
        break;
      if (c < 0x20)
        {
          syntax_error (t, q, error, "an escape (such as \\n or \\u001F) in place of a control character");
          return SCAN_ERROR;
        }

      /* A backslash. */
      if (!escaped)
        {
          escaped = TRUE;
          g_string_truncate (t->scratch, 0);
          g_string_append_len (t->scratch, (const char *) start, q - start);
        }
      if (q + 1 >= end && !t->eof)
        return SCAN_MORE;
      if (q + 1 >= end || strchr ("\"\\/bfnrtu", q[1]) == NULL || q[1] == '\0')
        {
          syntax_error (t, q + 1, error, "an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
          return SCAN_ERROR;
        }
      if (q[1] != 'u')
        {
          static const char decoded[] = { ['"'] = '"', ['\\'] = '\\', ['/'] = '/', ['b'] = '\b',
                                          ['f'] = '\f', ['n'] = '\n', ['r'] = '\r', ['t'] = '\t' };

          g_string_append_c (t->scratch, decoded[q[1]]);
          q += 2;
          continue;
        }

      {
        int u, low;

        if (q + 6 > end && !t->eof)
          return SCAN_MORE;
        u = q + 6 <= end ? hex4 (q + 2) : -1;
        if (u < 0)
          {
            syntax_error (t, q + 2, error, "four hexadecimal digits after \\u");
            return SCAN_ERROR;
          }
        q += 6;

        if (u == 0)
          {
            if (is_name)
              STRING_ERROR (COMMUNITY_PARSE_ERROR_LIMIT,
                            "the name of the member at index %u of this object holds the character U+0000, "
                            "which the library cannot hold in a string", INDEX);
            STRING_ERROR (COMMUNITY_PARSE_ERROR_LIMIT,
                          "expected a string without the character U+0000 (\\u0000), "
                          "which the library cannot hold in a string");
          }
        if (u >= 0xDC00 && u < 0xE000)
          goto lone_surrogate;
        if (u >= 0xD800 && u < 0xDC00)
          {
            if (q + 6 > end && !t->eof)
              return SCAN_MORE;
            low = q + 6 <= end && q[0] == '\\' && q[1] == 'u' ? hex4 (q + 2) : -1;
            if (low < 0xDC00 || low >= 0xE000)
              goto lone_surrogate;
            q += 6;
            u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
          }
        g_string_append_unichar (t->scratch, (gunichar) u);
        continue;

      lone_surrogate:
        if (is_name)
          STRING_ERROR (COMMUNITY_PARSE_ERROR_SYNTAX,
                        "expected valid UTF-16 escapes, but the name of the member at index %u of this object "
                        "has half of a surrogate pair", INDEX);
        STRING_ERROR (COMMUNITY_PARSE_ERROR_SYNTAX,
                      "expected a string of Unicode characters, but this one has half of a "
                      "surrogate pair (\\uD800–\\uDFFF)");
      }
    }

#undef STRING_ERROR
#undef INDEX
#undef N_FRAMES

  if (escaped)
    {
      *str = t->scratch->str;
      *len = t->scratch->len;
    }
  else
    {
      *str = (const char *) start;
      *len = (gsize) (q - start);
    }
  t->p = q + 1;
  return SCAN_OK;
}

/* A string token at p (its quote), the window grown until it holds it. */
static G_ALWAYS_INLINE inline gboolean
read_string (Tokenizer   *t,
             gboolean     is_name,
             const char **str,
             gsize       *len,
             GError     **error)
{
  for (;;)
    {
      ScanResult r = scan_string (t, is_name, str, len, error);

      if (r == SCAN_OK)
        return TRUE;
      if (r == SCAN_ERROR)
        return FALSE;
      refill (t, t->p);   /* at the end of the input, the scan says so */
    }
}

/* --- member names --- */

static inline void
names_reserve (Tokenizer *t,
               gsize      n)
{
  if (G_UNLIKELY (t->names_len + n > t->names_cap))
    {
      t->names_cap = MAX (t->names_cap * 2, t->names_len + n);
      t->names = g_realloc (t->names, t->names_cap);
    }
}

static inline Key *
keys_push (Tokenizer *t)
{
  if (G_UNLIKELY (t->n_keys == t->keys_cap))
    {
      t->keys_cap *= 2;
      t->keys = g_renew (Key, t->keys, t->keys_cap);
    }
  return &t->keys[t->n_keys++];
}

/* One of 64 bits for a name, from its length and its first and last
 * bytes: a name whose bit the object has not set yet is new. */
static inline guint64
name_bit (const char *name,
          gsize       len)
{
  guint h = len == 0 ? 0 : (guint) len * 7 + (guchar) name[0] * 3 + (guchar) name[len - 1];

  return G_GUINT64_CONSTANT (1) << (h & 63);
}

static G_ALWAYS_INLINE inline gboolean
names_equal (Tokenizer  *t,
             const Key  *key,
             const char *name,
             gsize       len)
{
  return key->length == len && memcmp (t->names + key->offset, name, len) == 0;
}

/* Reads a member name (p at its quote) and the colon after it, and refuses
 * a name the object already has. */
static G_ALWAYS_INLINE inline gboolean
read_member_name (Tokenizer          *t,
                  CommunityJsonToken *token,
                  GError            **error)
{
  Frame *frame = &t->frames[t->depth - 1];
  const char *name;
  gsize len;
  gboolean duplicate = FALSE;
  Key key;

  if (*t->p != '"')
    return syntax_error (t, t->p, error, "a member name, a string in ‘\"’");
  if (!read_string (t, TRUE, &name, &len, error))
    return FALSE;

  if (frame->claimed)
    {
      /* Only the last name, for the pointer: the object's one key, the
       * last in the arrays, rewritten in place. */
      Key *last;

      if (t->n_keys == frame->first_key)
        {
          last = keys_push (t);
          last->offset = t->names_len;
        }
      else
        last = &t->keys[t->n_keys - 1];
      t->names_len = last->offset;
      names_reserve (t, len + 1);
      community_json_copy_bytes (t->names + last->offset, name, len);
      t->names[last->offset + len] = '\0';
      t->names_len = last->offset + len + 1;
      last->length = len;
      token->str = t->names + last->offset;
      goto colon;
    }
  else if (frame->key_set != NULL)
    duplicate = !g_hash_table_add (frame->key_set, g_strndup (name, len));
  else
    {
      guint n_keys = t->n_keys - frame->first_key;
      guint64 bit = name_bit (name, len);

      if (frame->bloom & bit)
        for (guint i = frame->first_key; i < t->n_keys && !duplicate; i++)
          duplicate = names_equal (t, &t->keys[i], name, len);
      frame->bloom |= bit;

      if (!duplicate && n_keys == LINEAR_KEYS)
        {
          frame->key_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          t->made_key_sets = TRUE;
          for (guint i = frame->first_key; i < t->n_keys; i++)
            {
              const Key *k = &t->keys[i];

              g_hash_table_add (frame->key_set, g_strndup (t->names + k->offset, k->length));
            }
          g_hash_table_add (frame->key_set, g_strndup (name, len));
        }
    }

  /* The name, for the pointer, and for comparing with the next ones; a
   * hashed object keeps only its last one. */
  if (frame->key_set != NULL && t->n_keys > frame->first_key)
    {
      t->n_keys--;
      t->names_len = t->keys[t->n_keys].offset;
    }
  key.offset = t->names_len;
  key.length = len;
  names_reserve (t, len + 1);
  memcpy (t->names + key.offset, name, len);
  t->names[key.offset + len] = '\0';
  t->names_len += len + 1;
  *keys_push (t) = key;

  if (duplicate)
    return VALUE_ERROR (t, error, COMMUNITY_PARSE_ERROR_DUPLICATE,
                        "expected unique member names, but this object has this member twice");
  token->str = t->names + key.offset;

colon:
  /* The colon after it is read with the next token: a claimed object's
   * names are checked (by its consumer) before it, as the others are. */
  token->type = COMMUNITY_JSON_TOKEN_MEMBER;
  token->len = len;
  return TRUE;
}

/* --- numbers and words --- */

static inline gboolean
is_number_byte (guchar c)
{
  return g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

/* The number at p, by RFC 8259's grammar: an integer that fits in 64 bits
 * or a number a double holds. The value is never quoted. */
static gboolean
read_number (Tokenizer          *t,
             CommunityJsonToken *token,
             GError            **error)
{
  const guchar *q, *start, *first;
  gboolean negative = FALSE, integer = TRUE;
  gsize digits;

  /* The whole token in the window (it ends at a byte no number has):
   * mostly it is, with a byte after it; only when it runs to the end of
   * the window is more read first. */
  q = t->p;
  while (q < t->end && is_number_byte (*q))
    q++;
  while (q == t->end && refill (t, t->p))
    for (q = t->p; q < t->end && is_number_byte (*q);)
      q++;

  start = q = t->p;
#define PEEK() (q < t->end ? *q : -1)
  if (PEEK () == '-')
    {
      negative = TRUE;
      q++;
    }
  first = q;
  if (PEEK () == '0')
    q++;
  else
    {
      while (q < t->end && g_ascii_isdigit (*q))
        q++;
      if (q == first)
        return syntax_error (t, q, error, "a digit");
    }
  digits = (gsize) (q - first);

  if (PEEK () == '.')
    {
      const guchar *d;

      integer = FALSE;
      d = ++q;
      while (q < t->end && g_ascii_isdigit (*q))
        q++;
      if (q == d)
        return syntax_error (t, q, error, "a digit after the decimal point");
    }
  if (PEEK () == 'e' || PEEK () == 'E')
    {
      const guchar *d;

      integer = FALSE;
      q++;
      if (PEEK () == '+' || PEEK () == '-')
        q++;
      d = q;
      while (q < t->end && g_ascii_isdigit (*q))
        q++;
      if (q == d)
        return syntax_error (t, q, error, "a digit of the exponent");
    }
#undef PEEK

  if (integer)
    {
      const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
      guint64 v = 0;

      if (digits > 19 || (digits == 19 && memcmp (first, limit, 19) > 0))
        return VALUE_ERROR (t, error, COMMUNITY_PARSE_ERROR_RANGE,
                            "expected an integer between %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT
                            ", the range of 64 bits, found one beyond it", G_MININT64, G_MAXINT64);
      for (const guchar *d = first; d < first + digits; d++)
        v = v * 10 + (guint64) (*d - '0');
      token->type = COMMUNITY_JSON_TOKEN_INT;
      token->i = negative ? (gint64) (G_GUINT64_CONSTANT (0) - v) : (gint64) v;
    }
  else
    {
      char buf[64];
      gsize n = (gsize) (q - start);
      g_autofree char *heap = NULL;
      char *text = buf;
      double value;

      if (n >= sizeof buf)
        text = heap = g_malloc (n + 1);
      memcpy (text, start, n);
      text[n] = '\0';
      value = g_ascii_strtod (text, NULL);
      if (isinf (value))
        return VALUE_ERROR (t, error, COMMUNITY_PARSE_ERROR_RANGE,
                            "expected a number of at most %g in magnitude, found one beyond it",
                            G_MAXDOUBLE);
      token->type = COMMUNITY_JSON_TOKEN_DOUBLE;
      token->d = value;
    }

  t->p = q;
  return TRUE;
}

static gboolean
read_word (Tokenizer  *t,
           const char *word,
           GError    **error)
{
  gsize n = strlen (word);

  if (!have (t, n) || (gsize) (t->end - t->p) < n || memcmp (t->p, word, n) != 0)
    return syntax_error (t, t->p, error, "a value");
  t->p += n;
  return TRUE;
}

/* --- the tokens --- */

static G_ALWAYS_INLINE inline void
push_frame (Tokenizer *t,
            gboolean   is_object)
{
  Frame *frame = &t->frames[t->depth++];

  frame->is_object = is_object;
  frame->index = 0;
  frame->first_key = t->n_keys;
  frame->bloom = 0;
  frame->claimed = FALSE;
  g_clear_pointer (&frame->key_set, g_hash_table_unref);
}

static G_ALWAYS_INLINE inline void
pop_frame (Tokenizer *t)
{
  Frame *frame = &t->frames[--t->depth];

  if (frame->is_object)
    {
      if (t->n_keys > frame->first_key)
        t->names_len = t->keys[frame->first_key].offset;
      t->n_keys = frame->first_key;
      g_clear_pointer (&frame->key_set, g_hash_table_unref);
    }
}

/* A value at p (white space skipped). */
static G_ALWAYS_INLINE inline gboolean
read_value (Tokenizer          *t,
            CommunityJsonToken *token,
            GError            **error)
{
  switch (*t->p)
    {
    case '{':
    case '[':
      if (t->depth == COMMUNITY_JSON_MAX_DEPTH)
        return VALUE_ERROR (t, error, COMMUNITY_PARSE_ERROR_LIMIT,
                            "expected at most %u levels of nested arrays and objects, "
                            "found more", COMMUNITY_JSON_MAX_DEPTH);
      if (*t->p == '{')
        {
          token->type = COMMUNITY_JSON_TOKEN_OBJECT_START;
          t->push_object = TRUE;
          t->state = STATE_FIRST_MEMBER;
        }
      else
        {
          token->type = COMMUNITY_JSON_TOKEN_ARRAY_START;
          t->push_array = TRUE;
          t->state = STATE_FIRST_ELEMENT;
        }
      t->p++;
      t->parent.depth = t->depth + 1;
      return TRUE;

    case '"':
      if (!read_string (t, FALSE, &token->str, &token->len, error))
        return FALSE;
      token->type = COMMUNITY_JSON_TOKEN_STRING;
      break;

    case '-': case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      if (!read_number (t, token, error))
        return FALSE;
      break;

    case 't':
      if (!read_word (t, "true", error))
        return FALSE;
      token->type = COMMUNITY_JSON_TOKEN_TRUE;
      break;
    case 'f':
      if (!read_word (t, "false", error))
        return FALSE;
      token->type = COMMUNITY_JSON_TOKEN_FALSE;
      break;
    case 'n':
      if (!read_word (t, "null", error))
        return FALSE;
      token->type = COMMUNITY_JSON_TOKEN_NULL;
      break;

    default:
      return syntax_error (t, t->p, error, "a value");
    }

  t->state = STATE_AFTER_VALUE;
  return TRUE;
}

/* The next token, reading errors aside. */
static G_ALWAYS_INLINE inline gboolean
next_token (Tokenizer          *t,
            CommunityJsonToken *token,
            GError            **error)
{
  Frame *frame;

  if (t->push_object || t->push_array)
    {
      push_frame (t, t->push_object);
      t->frames[t->depth - 1].claimed = t->push_object && t->parent.claim_names;
      t->push_object = t->push_array = FALSE;
    }
  t->parent.claim_names = FALSE;

  switch (t->state)
    {
    case STATE_START:
      /* A byte order mark is allowed, and skipped, as json-glib does. */
      if (have (t, 3) && memcmp (t->p, "\xEF\xBB\xBF", 3) == 0)
        t->p += 3;
      if (!skip_space (t))
        {
          t->state = STATE_DONE;
          community_json_set_error (error, COMMUNITY_PARSE_ERROR_SYNTAX, NULL,
                                    "expected a JSON document: the input is empty");
          return FALSE;
        }
      return read_value (t, token, error);

    case STATE_FIRST_MEMBER:
      if (!skip_space (t))
        return syntax_error (t, t->p, error, "a member name, a string in ‘\"’");
      if (*t->p == '}')
        {
          t->p++;
          goto close;
        }
      if (!read_member_name (t, token, error))
        return FALSE;
      t->state = STATE_COLON;
      return TRUE;

    case STATE_FIRST_ELEMENT:
      if (!skip_space (t))
        return syntax_error (t, t->p, error, "a value");
      if (*t->p == ']')
        {
          t->p++;
          goto close;
        }
      return read_value (t, token, error);

    case STATE_COLON:
      if (!skip_space (t) || *t->p != ':')
        return syntax_error (t, t->p, error, "‘:’ after the member name");
      t->p++;
      G_GNUC_FALLTHROUGH;
    case STATE_VALUE:
      if (!skip_space (t))
        return syntax_error (t, t->p, error, "a value");
      return read_value (t, token, error);

    case STATE_AFTER_VALUE:
      if (!skip_space (t))
        {
          if (t->depth == 0)
            {
              t->state = STATE_DONE;
              token->type = COMMUNITY_JSON_TOKEN_END;
              return TRUE;
            }
          return syntax_error (t, t->p, error, t->frames[t->depth - 1].is_object ? "‘,’ or ‘}’"
                                                                                 : "‘,’ or ‘]’");
        }
      if (t->depth == 0)
        return syntax_error (t, t->p, error, "the end of the document");

      frame = &t->frames[t->depth - 1];
      if (*t->p == ',')
        {
          t->p++;
          frame->index++;
          if (!frame->is_object)
            {
              if (!skip_space (t))
                return syntax_error (t, t->p, error, "a value");
              return read_value (t, token, error);
            }
          if (!skip_space (t))
            return syntax_error (t, t->p, error, "a member name, a string in ‘\"’");
          if (!read_member_name (t, token, error))
            return FALSE;
          t->state = STATE_COLON;
          return TRUE;
        }
      if (*t->p == (frame->is_object ? '}' : ']'))
        {
          t->p++;
          goto close;
        }
      return syntax_error (t, t->p, error, frame->is_object ? "‘,’ or ‘}’" : "‘,’ or ‘]’");

    case STATE_DONE:
    default:
      g_set_error_literal (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                           "(root): expected nothing after the end of the document");
      return FALSE;
    }

close:
  token->type = t->frames[t->depth - 1].is_object ? COMMUNITY_JSON_TOKEN_OBJECT_END
                                                  : COMMUNITY_JSON_TOKEN_ARRAY_END;
  pop_frame (t);
  t->parent.depth = t->depth;
  t->state = STATE_AFTER_VALUE;
  return TRUE;
}

/* After next_token() failed, or a reading error: a failed read (or a
 * cancellation) looks like an end to the scan, and what it made of it is
 * not the error. */
static G_NO_INLINE gboolean
tokenizer_fail (Tokenizer  *t,
                GError    **error)
{
  t->state = STATE_DONE;
  if (t->io_error != NULL)
    {
      g_clear_error (error);
      g_propagate_error (error, g_steal_pointer (&t->io_error));
    }
  return FALSE;
}

static gboolean
tokenizer_next (CommunityJsonSource *source,
                CommunityJsonToken  *token,
                GError             **error)
{
  Tokenizer *t = (Tokenizer *) source;

  if (G_LIKELY (next_token (t, token, error) && t->io_error == NULL))
    return TRUE;
  return tokenizer_fail (t, error);
}

/* After a member name (state STATE_COLON): its colon and its value into
 * @value, when both are read without an error of any kind. Otherwise
 * @value stays an END, and the state is left for the next token to read
 * again what failed and give its error then, as if this had not been
 * tried: nothing read so far is dropped from the window (refill() keeps
 * from p on, and p stays before what failed) and the errors made here are
 * not kept. */
static G_ALWAYS_INLINE inline void
read_member_value (Tokenizer          *t,
                   CommunityJsonToken *value)
{
  if (!skip_space (t) || *t->p != ':')
    {
      t->state = STATE_COLON;
      return;
    }
  t->p++;
  if (G_UNLIKELY (!skip_space (t) || !read_value (t, value, NULL) || t->io_error != NULL))
    {
      /* A start read before a reading error: undone. */
      t->push_object = t->push_array = FALSE;
      t->parent.depth = t->depth;
      t->state = STATE_VALUE;
      value->type = COMMUNITY_JSON_TOKEN_END;
    }
}

static gboolean
tokenizer_next_member (CommunityJsonSource *source,
                       CommunityJsonToken  *token,
                       CommunityJsonToken  *value,
                       GError             **error)
{
  Tokenizer *t = (Tokenizer *) source;

  if (G_UNLIKELY (!next_token (t, token, error) || t->io_error != NULL))
    return tokenizer_fail (t, error);
  if (token->type == COMMUNITY_JSON_TOKEN_MEMBER)
    read_member_value (t, value);
  return TRUE;
}

static void
tokenizer_free (CommunityJsonSource *source)
{
  Tokenizer *t = (Tokenizer *) source;

  for (guint i = 0; i < G_N_ELEMENTS (t->frames); i++)
    g_clear_pointer (&t->frames[i].key_set, g_hash_table_unref);
  g_free (t->keys);
  g_free (t->names);
  g_string_free (t->scratch, TRUE);
  g_free (t->window);
  if (t->fd >= 0)
    g_close (t->fd, NULL);
  g_clear_object (&t->stream);
  g_clear_object (&t->cancellable);
  g_clear_error (&t->io_error);
  g_free (t);
}

static const CommunityJsonSourceClass tokenizer_class = {
  tokenizer_next,
  tokenizer_next_member,
  tokenizer_pointer,
  tokenizer_free,
};

static Tokenizer *
tokenizer_new (void)
{
  Tokenizer *t = g_new0 (Tokenizer, 1);

  t->parent.klass = &tokenizer_class;
  t->fd = -1;
  t->keys_cap = 64;
  t->keys = g_new (Key, t->keys_cap);
  t->names_cap = 1024;
  t->names = g_malloc (t->names_cap);
  t->scratch = g_string_sized_new (256);
  t->state = STATE_START;
  return t;
}

CommunityJsonSource *
community_json_tokenizer_new_for_data (const char *data,
                                       gsize       length)
{
  Tokenizer *t = tokenizer_new ();
  static const guchar empty[1];

  /* NULL + 0 is undefined behaviour (UBSan stops on it). */
  t->buf = data != NULL ? (const guchar *) data : empty;
  t->p = t->buf;
  t->end = t->buf + (data != NULL ? length : 0);
  t->size = length;
  t->eof = TRUE;
  return (CommunityJsonSource *) t;
}

void
community_json_tokenizer_reset_for_data (CommunityJsonSource *source,
                                         const char          *data,
                                         gsize                length)
{
  Tokenizer *t = (Tokenizer *) source;
  static const guchar empty[1];

  g_return_if_fail (source->klass == &tokenizer_class && t->window == NULL && t->fd < 0 && t->stream == NULL);

  /* Mostly, a cell's JSON is a small array: no frame has a set to free. */
  if (t->made_key_sets)
    for (guint i = 0; i < G_N_ELEMENTS (t->frames); i++)
      g_clear_pointer (&t->frames[i].key_set, g_hash_table_unref);
  t->made_key_sets = FALSE;
  g_clear_error (&t->io_error);
  t->buf = data != NULL ? (const guchar *) data : empty;
  t->p = t->buf;
  t->end = t->buf + (data != NULL ? length : 0);
  t->size = length;
  t->base = 0;
  t->eof = TRUE;
  t->dropped_lines = t->dropped_column = 0;
  t->state = STATE_START;
  t->push_object = t->push_array = FALSE;
  t->depth = 0;
  t->n_keys = 0;
  t->names_len = 0;
  g_string_truncate (t->scratch, 0);
  t->parent.depth = 0;
  t->parent.claim_names = FALSE;
}

static Tokenizer *
tokenizer_new_reading (GCancellable *cancellable)
{
  Tokenizer *t = tokenizer_new ();

  t->size = G_MAXUINT64;
  t->cap = WINDOW_SIZE;
  t->window = g_malloc (t->cap);
  t->buf = t->p = t->end = t->window;
  t->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  return t;
}

CommunityJsonSource *
community_json_tokenizer_new_for_fd (int           fd,
                                     GCancellable *cancellable)
{
  Tokenizer *t = tokenizer_new_reading (cancellable);

  t->fd = fd;
  {
    struct stat st;

    if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode))
      t->size = (guint64) st.st_size;
  }
#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise (fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  return (CommunityJsonSource *) t;
}

CommunityJsonSource *
community_json_tokenizer_new_for_stream (GInputStream *stream,
                                         GCancellable *cancellable)
{
  Tokenizer *t = tokenizer_new_reading (cancellable);

  t->stream = g_object_ref (stream);
  t->dropped_lines = 1;
  t->dropped_column = 1;
  return (CommunityJsonSource *) t;
}

/* --- one document, two readers (community-dataset-walker.c) --- */

gboolean
community_json_tokenizer_get_input (CommunityJsonSource     *source,
                                    CommunityJsonInput      *input)
{
  Tokenizer *t = (Tokenizer *) source;

  if (source->klass != &tokenizer_class || t->stream != NULL || t->size == G_MAXUINT64 ||
      t->state != STATE_START)
    return FALSE;
  input->fd = t->fd;
  input->data = t->window == NULL ? (const char *) t->buf : NULL;
  input->size = t->size;
  input->cancellable = t->cancellable;
  return TRUE;
}

guint64
community_json_tokenizer_get_offset (CommunityJsonSource *source)
{
  Tokenizer *t = (Tokenizer *) source;

  g_return_val_if_fail (source->klass == &tokenizer_class, 0);
  return t->base + (guint64) (t->p - t->buf);
}

CommunityJsonSource *
community_json_tokenizer_new_part (const CommunityJsonInput *input,
                                   guint64                   offset,
                                   const char               *member,
                                   guint                     index)
{
  Tokenizer *t;
  gsize len = strlen (member);

  g_return_val_if_fail (offset <= input->size, NULL);

  if (input->data == NULL)
    {
      int fd = dup (input->fd);

      if (fd < 0)
        return NULL;
      t = tokenizer_new_reading (input->cancellable);
      t->fd = fd;
      t->size = input->size;
      t->base = offset;
    }
  else
    {
      t = tokenizer_new ();
      t->buf = (const guchar *) input->data;
      t->p = t->buf + offset;
      t->end = t->buf + input->size;
      t->size = input->size;
      t->eof = TRUE;
    }

  /* As a tokenizer from the start would be after the comma before the
   * element: in the root object (whose names its consumer checks), at
   * @member, in its array, at @index. */
  push_frame (t, TRUE);
  t->frames[0].claimed = TRUE;
  t->keys[0] = (Key) { 0, len };
  t->n_keys = 1;
  names_reserve (t, len + 1);
  memcpy (t->names, member, len + 1);
  t->names_len = len + 1;
  push_frame (t, FALSE);
  t->frames[1].index = index;
  t->parent.depth = t->depth;
  t->state = STATE_VALUE;
  return (CommunityJsonSource *) t;
}

gboolean
community_json_tokenizer_jump (CommunityJsonSource *source,
                               guint64              at,
                               guint64              offset)
{
  Tokenizer *t = (Tokenizer *) source;

  g_return_val_if_fail (source->klass == &tokenizer_class && t->stream == NULL, FALSE);

  /* Only from the comma after an element, to the byte after it. */
  if (t->state != STATE_AFTER_VALUE || t->push_object || t->push_array || t->depth == 0 ||
      t->frames[t->depth - 1].is_object || !skip_space (t) || *t->p != ',' ||
      community_json_tokenizer_get_offset (source) + 1 != at || offset < at || offset >= t->size)
    return FALSE;

  if (t->window == NULL)
    t->p = t->buf + offset;
  else if (offset <= t->base + (guint64) (t->end - t->buf))
    t->p = t->buf + (offset - t->base);
  else
    {
      /* Beyond the window: it starts again there, empty. */
      t->base = offset;
      t->buf = t->p = t->end = t->window;
      t->eof = FALSE;
    }
  return TRUE;
}

/*
 * community_json_guard:
 * @data: (array length=length): the text of a JSON document
 * @length: its length in bytes, or -1 if it is nul-terminated
 * @error: return location for a COMMUNITY_PARSE_ERROR
 *
 * Checks untrusted JSON text before json-glib parses it: the tokenizer
 * over all of it; see the top of this file for what it refuses and why.
 * Linear time, constant stack.
 *
 * Returns: %TRUE if the text can be given to a parser
 */
gboolean
community_json_guard (const char  *data,
                      gssize       length,
                      GError     **error)
{
  g_autoptr(CommunityJsonSource) source = NULL;
  CommunityJsonToken token;

  source = community_json_tokenizer_new_for_data (data, length >= 0 ? (gsize) length
                                                        : (data != NULL ? strlen (data) : 0));
  do
    if (!community_json_source_next (source, &token, error))
      return FALSE;
  while (token.type != COMMUNITY_JSON_TOKEN_END);
  return TRUE;
}
