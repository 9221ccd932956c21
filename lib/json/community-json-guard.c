/* community-json-guard.c: a pre-parse check of untrusted JSON text
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * community_json_guard() reads a document once, iteratively, in constant
 * stack space, before any parser builds a tree of it. It lets through only
 * what every parser of the library reads the same way and can hold, so that
 * the parser behind it (json-glib's, whose descent is recursive, or any
 * other) never sees
 *
 *   - nesting deeper than COMMUNITY_JSON_MAX_DEPTH, which would overflow the
 *     stack of a recursive parser (and of json_node_copy(), json_node_equal()
 *     and the generator after it);
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
 * Pointer of the offending value, like the reader's. Malformed JSON is
 * reported at "(root)" with a line and column. No message quotes the
 * document's text (a string may be a name or an ID number); the pointer
 * holds member names only.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "community-json-private.h"

/* An object with more members than this finds duplicate names by hashing;
 * smaller ones (nearly all of a dataset) compare against each name seen. */
#define LINEAR_KEYS 16

typedef struct {
  gsize start;      /* offset of the first byte after the opening quote */
  gsize length;     /* bytes up to the closing quote */
  gboolean escaped; /* holds a backslash: compare decoded */
} Key;

typedef struct {
  gboolean is_object;
  guint index;           /* array: the current element; object: members so far */
  GArray *keys;          /* of Key, the names of the object so far */
  GHashTable *key_set;   /* decoded names, once there are more than LINEAR_KEYS */
} Frame;

typedef struct {
  const char *data;
  gsize length;
  gsize pos;
  guint depth;
  Frame frames[COMMUNITY_JSON_MAX_DEPTH];
} Guard;

/* --- errors --- */

static int
hex4 (const char *p)
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

/* Decodes a string's text (between the quotes, already checked). */
static char *
decode_string (const char *text,
               gsize       length)
{
  GString *out = g_string_sized_new (length);
  gsize i = 0;

  while (i < length)
    {
      char c = text[i++];

      if (c != '\\')
        {
          g_string_append_c (out, c);
          continue;
        }

      c = text[i++];
      switch (c)
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar u = hex4 (text + i);

            i += 4;
            if (u >= 0xD800 && u < 0xDC00)
              {
                gunichar low = hex4 (text + i + 2);

                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
                i += 6;
              }
            g_string_append_unichar (out, u);
          }
          break;
        default:  /* " \ / */
          g_string_append_c (out, c);
          break;
        }
    }

  return g_string_free (out, FALSE);
}

/* The pointer to the value being read: @n_frames levels of it. */
static GString *
guard_pointer (Guard *guard,
               guint  n_frames)
{
  GString *pointer = g_string_new (NULL);

  for (guint i = 0; i < n_frames; i++)
    {
      Frame *frame = &guard->frames[i];

      if (frame->is_object)
        {
          const Key *key;
          g_autofree char *name = NULL;

          if (frame->keys->len == 0)  /* no member yet: the object itself */
            break;
          key = &g_array_index (frame->keys, Key, frame->keys->len - 1);
          name = decode_string (guard->data + key->start, key->length);
          community_json_pointer_push_member (pointer, name);
        }
      else
        {
          community_json_pointer_push_index (pointer, frame->index);
        }
    }

  return pointer;
}

G_GNUC_PRINTF (4, 5)
static gboolean
value_error (Guard               *guard,
             GError             **error,
             CommunityParseError  code,
             const char          *format,
             ...)
{
  g_autoptr(GString) pointer = guard_pointer (guard, guard->depth);
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  community_json_set_error (error, code, pointer, "%s", message);
  return FALSE;
}

/* Malformed JSON: at "(root)", where it is, what was wrong. */
static gboolean
syntax_error (Guard       *guard,
              GError     **error,
              const char  *what)
{
  guint line = 1, column = 1;
  g_autofree char *found = NULL;

  for (gsize i = 0; i < guard->pos && i < guard->length; i++)
    {
      guchar c = guard->data[i];

      if (c == '\n')
        {
          line++;
          column = 1;
        }
      else if ((c & 0xC0) != 0x80)  /* count characters, not bytes */
        column++;
    }

  if (guard->pos >= guard->length)
    found = g_strdup ("the end of the input");
  else
    {
      guchar c = guard->data[guard->pos];

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

/* --- the scan --- */

static inline void
skip_space (Guard *guard)
{
  while (guard->pos < guard->length)
    {
      char c = guard->data[guard->pos];

      if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
        break;
      guard->pos++;
    }
}

static inline int
peek (Guard *guard)
{
  return guard->pos < guard->length ? (guchar) guard->data[guard->pos] : -1;
}

/* Checks the string at guard->pos (its opening quote) and leaves pos after
 * the closing one. A member name's errors point at the object holding it,
 * since its own pointer cannot be written. */
static gboolean
scan_string (Guard    *guard,
             gboolean  is_name,
             Key      *key,
             GError  **error)
{
  const char *data = guard->data;
  gsize length = guard->length;
  gsize pos = guard->pos + 1;
  gboolean escaped = FALSE;
  guint n_frames = is_name ? guard->depth - 1 : guard->depth;

#define STRING_ERROR(code, ...) \
  G_STMT_START { \
    g_autoptr(GString) _pointer = guard_pointer (guard, n_frames); \
    community_json_set_error (error, (code), _pointer, __VA_ARGS__); \
    return FALSE; \
  } G_STMT_END

  for (;;)
    {
      gsize run = pos;
      guchar c;

      /* A run of plain characters, checked as UTF-8 in one go, unless the
       * input ends in it: a truncated document is a syntax error, even when
       * it ends in the middle of a character. */
      while (pos < length && (c = data[pos]) != '"' && c != '\\' && c >= 0x20)
        pos++;
      if (pos < length && pos > run && !g_utf8_validate_len (data + run, pos - run, NULL))
        {
          if (is_name)
            STRING_ERROR (COMMUNITY_PARSE_ERROR_SYNTAX,
                          "expected valid UTF-8, but the name of the member at index %u of this object is not",
                          guard->frames[guard->depth - 1].index);
          STRING_ERROR (COMMUNITY_PARSE_ERROR_SYNTAX,
                        "expected a string in valid UTF-8, but this one is not");
        }

      if (pos >= length)
        {
          guard->pos = pos;
          return syntax_error (guard, error, "the end of the string, ‘\"’");
        }

      c = data[pos];
      if (c == '"')
        break;
      if (c < 0x20)
        {
          guard->pos = pos;
          return syntax_error (guard, error, "an escape (such as \\n or \\u001F) in place of a control character");
        }

      /* A backslash. */
      escaped = TRUE;
      if (pos + 1 >= length || strchr ("\"\\/bfnrtu", data[pos + 1]) == NULL || data[pos + 1] == '\0')
        {
          guard->pos = pos + 1;
          return syntax_error (guard, error, "an escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
      if (data[pos + 1] != 'u')
        {
          pos += 2;
          continue;
        }

      {
        int u = pos + 6 <= length ? hex4 (data + pos + 2) : -1;

        if (u < 0)
          {
            guard->pos = pos + 2;
            return syntax_error (guard, error, "four hexadecimal digits after \\u");
          }
        pos += 6;

        if (u == 0)
          {
            if (is_name)
              STRING_ERROR (COMMUNITY_PARSE_ERROR_LIMIT,
                            "the name of the member at index %u of this object holds the character U+0000, "
                            "which the library cannot hold in a string",
                            guard->frames[guard->depth - 1].index);
            STRING_ERROR (COMMUNITY_PARSE_ERROR_LIMIT,
                          "expected a string without the character U+0000 (\\u0000), "
                          "which the library cannot hold in a string");
          }
        if (u >= 0xDC00 && u < 0xE000)
          goto lone_surrogate;
        if (u >= 0xD800 && u < 0xDC00)
          {
            int low = pos + 6 <= length && data[pos] == '\\' && data[pos + 1] == 'u'
                      ? hex4 (data + pos + 2) : -1;

            if (low < 0xDC00 || low >= 0xE000)
              goto lone_surrogate;
            pos += 6;
          }
        continue;

      lone_surrogate:
        if (is_name)
          STRING_ERROR (COMMUNITY_PARSE_ERROR_SYNTAX,
                        "expected valid UTF-16 escapes, but the name of the member at index %u of this object "
                        "has half of a surrogate pair", guard->frames[guard->depth - 1].index);
        STRING_ERROR (COMMUNITY_PARSE_ERROR_SYNTAX,
                      "expected a string of Unicode characters, but this one has half of a "
                      "surrogate pair (\\uD800–\\uDFFF)");
      }
    }

#undef STRING_ERROR

  if (key != NULL)
    {
      key->start = guard->pos + 1;
      key->length = pos - key->start;
      key->escaped = escaped;
    }
  guard->pos = pos + 1;
  return TRUE;
}

static gboolean
scan_digits (Guard *guard)
{
  gsize start = guard->pos;

  while (guard->pos < guard->length && g_ascii_isdigit (guard->data[guard->pos]))
    guard->pos++;
  return guard->pos > start;
}

/* Checks the number at guard->pos: well-formed, and an integer that fits
 * in 64 bits or a number a double holds. The value is never quoted. */
static gboolean
scan_number (Guard   *guard,
             GError **error)
{
  const char *data = guard->data;
  gsize start = guard->pos;
  gsize digits;
  gboolean negative = FALSE, integer = TRUE;

  if (peek (guard) == '-')
    {
      negative = TRUE;
      guard->pos++;
    }
  digits = guard->pos;
  if (peek (guard) == '0')
    guard->pos++;
  else if (!scan_digits (guard))
    return syntax_error (guard, error, "a digit");
  digits = guard->pos - digits;

  if (peek (guard) == '.')
    {
      integer = FALSE;
      guard->pos++;
      if (!scan_digits (guard))
        return syntax_error (guard, error, "a digit after the decimal point");
    }
  if (peek (guard) == 'e' || peek (guard) == 'E')
    {
      integer = FALSE;
      guard->pos++;
      if (peek (guard) == '+' || peek (guard) == '-')
        guard->pos++;
      if (!scan_digits (guard))
        return syntax_error (guard, error, "a digit of the exponent");
    }

  if (integer)
    {
      const char *limit = negative ? "9223372036854775808" : "9223372036854775807";
      const char *first = data + start + (negative ? 1 : 0);

      if (digits > 19 || (digits == 19 && memcmp (first, limit, 19) > 0))
        return value_error (guard, error, COMMUNITY_PARSE_ERROR_RANGE,
                            "expected an integer between %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT
                            ", the range of 64 bits, found one beyond it", G_MININT64, G_MAXINT64);
    }
  else
    {
      g_autofree char *text = g_strndup (data + start, guard->pos - start);
      double value = g_ascii_strtod (text, NULL);

      if (isinf (value))
        return value_error (guard, error, COMMUNITY_PARSE_ERROR_RANGE,
                            "expected a number of at most %g in magnitude, found one beyond it",
                            G_MAXDOUBLE);
    }

  return TRUE;
}

static gboolean
scan_literal (Guard      *guard,
              const char *word,
              GError    **error)
{
  gsize n = strlen (word);

  if (guard->length - guard->pos < n || memcmp (guard->data + guard->pos, word, n) != 0)
    return syntax_error (guard, error, "a value");
  guard->pos += n;
  return TRUE;
}

static gboolean
keys_equal (Guard     *guard,
            const Key *a,
            const Key *b)
{
  g_autofree char *da = NULL;
  g_autofree char *db = NULL;

  if (!a->escaped && !b->escaped)
    return a->length == b->length &&
           memcmp (guard->data + a->start, guard->data + b->start, a->length) == 0;

  da = decode_string (guard->data + a->start, a->length);
  db = decode_string (guard->data + b->start, b->length);
  return g_str_equal (da, db);
}

/* Reads a member name and the colon after it, and refuses a name the
 * object already has. */
static gboolean
scan_member_name (Guard   *guard,
                  GError **error)
{
  Frame *frame = &guard->frames[guard->depth - 1];
  Key key;
  gboolean duplicate = FALSE;

  if (peek (guard) != '"')
    return syntax_error (guard, error, "a member name, a string in ‘\"’");
  if (!scan_string (guard, TRUE, &key, error))
    return FALSE;

  if (frame->key_set != NULL)
    duplicate = !g_hash_table_add (frame->key_set,
                                   decode_string (guard->data + key.start, key.length));
  else
    {
      for (guint i = 0; i < frame->keys->len && !duplicate; i++)
        duplicate = keys_equal (guard, &g_array_index (frame->keys, Key, i), &key);

      if (!duplicate && frame->keys->len == LINEAR_KEYS)
        {
          frame->key_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint i = 0; i < frame->keys->len; i++)
            {
              const Key *k = &g_array_index (frame->keys, Key, i);

              g_hash_table_add (frame->key_set, decode_string (guard->data + k->start, k->length));
            }
          g_hash_table_add (frame->key_set, decode_string (guard->data + key.start, key.length));
        }
    }

  g_array_append_val (frame->keys, key);
  if (duplicate)
    return value_error (guard, error, COMMUNITY_PARSE_ERROR_DUPLICATE,
                        "expected unique member names, but this object has this member twice");

  skip_space (guard);
  if (peek (guard) != ':')
    return syntax_error (guard, error, "‘:’ after the member name");
  guard->pos++;
  return TRUE;
}

/* Opens an object or array at guard->pos. */
static gboolean
push (Guard    *guard,
      gboolean  is_object,
      GError  **error)
{
  Frame *frame;

  if (guard->depth == COMMUNITY_JSON_MAX_DEPTH)
    return value_error (guard, error, COMMUNITY_PARSE_ERROR_LIMIT,
                        "expected at most %u levels of nested arrays and objects, "
                        "found more", COMMUNITY_JSON_MAX_DEPTH);

  frame = &guard->frames[guard->depth++];
  frame->is_object = is_object;
  frame->index = 0;
  if (is_object)
    {
      if (frame->keys == NULL)
        frame->keys = g_array_new (FALSE, FALSE, sizeof (Key));
      g_array_set_size (frame->keys, 0);
      g_clear_pointer (&frame->key_set, g_hash_table_unref);
    }
  guard->pos++;
  return TRUE;
}

static gboolean
guard_run (Guard   *guard,
           GError **error)
{
  /* A byte order mark is allowed, and skipped, as json-glib does. */
  if (guard->length >= 3 && memcmp (guard->data, "\xEF\xBB\xBF", 3) == 0)
    guard->pos = 3;

  skip_space (guard);
  if (guard->pos == guard->length)
    {
      community_json_set_error (error, COMMUNITY_PARSE_ERROR_SYNTAX, NULL,
                                "expected a JSON document: the input is empty");
      return FALSE;
    }

  for (;;)
    {
      /* A value. */
      skip_space (guard);
      switch (peek (guard))
        {
        case '{':
          if (!push (guard, TRUE, error))
            return FALSE;
          skip_space (guard);
          if (peek (guard) == '}')
            {
              guard->pos++;
              guard->depth--;
              break;
            }
          if (!scan_member_name (guard, error))
            return FALSE;
          continue;  /* to the member's value */

        case '[':
          if (!push (guard, FALSE, error))
            return FALSE;
          skip_space (guard);
          if (peek (guard) == ']')
            {
              guard->pos++;
              guard->depth--;
              break;
            }
          continue;  /* to the first element */

        case '"':
          if (!scan_string (guard, FALSE, NULL, error))
            return FALSE;
          break;

        case '-': case '0': case '1': case '2': case '3': case '4':
        case '5': case '6': case '7': case '8': case '9':
          if (!scan_number (guard, error))
            return FALSE;
          break;

        case 't':
          if (!scan_literal (guard, "true", error))
            return FALSE;
          break;
        case 'f':
          if (!scan_literal (guard, "false", error))
            return FALSE;
          break;
        case 'n':
          if (!scan_literal (guard, "null", error))
            return FALSE;
          break;

        default:
          return syntax_error (guard, error, "a value");
        }

      /* After a value: the next one, or the end of one or more containers. */
      for (;;)
        {
          Frame *frame;
          int c;

          skip_space (guard);
          if (guard->depth == 0)
            {
              if (guard->pos < guard->length)
                return syntax_error (guard, error, "the end of the document");
              return TRUE;
            }

          frame = &guard->frames[guard->depth - 1];
          c = peek (guard);
          if (c == ',')
            {
              guard->pos++;
              frame->index++;
              if (frame->is_object)
                {
                  skip_space (guard);
                  if (!scan_member_name (guard, error))
                    return FALSE;
                }
              break;  /* to the next value */
            }
          if (c == (frame->is_object ? '}' : ']'))
            {
              guard->pos++;
              guard->depth--;
              continue;
            }
          return syntax_error (guard, error, frame->is_object ? "‘,’ or ‘}’" : "‘,’ or ‘]’");
        }
    }
}

/**
 * community_json_guard:
 * @data: (array length=length): the text of a JSON document
 * @length: its length in bytes, or -1 if it is nul-terminated
 * @error: return location for a COMMUNITY_PARSE_ERROR
 *
 * Checks untrusted JSON text before it is parsed; see the top of this file
 * for what it refuses and why. Runs in time linear in @length and in
 * constant stack space, and allocates only for member names.
 *
 * Returns: %TRUE if the text can be given to a parser
 */
gboolean
community_json_guard (const char  *data,
                      gssize       length,
                      GError     **error)
{
  Guard *guard = g_new0 (Guard, 1);
  gboolean ok;

  guard->data = data != NULL ? data : "";
  guard->length = length >= 0 ? (gsize) length : strlen (guard->data);

  ok = guard_run (guard, error);

  for (guint i = 0; i < G_N_ELEMENTS (guard->frames); i++)
    {
      if (guard->frames[i].keys != NULL)
        g_array_unref (guard->frames[i].keys);
      g_clear_pointer (&guard->frames[i].key_set, g_hash_table_unref);
    }
  g_free (guard);
  return ok;
}

/* --- the other side: what the library writes --- */

/**
 * community_json_generate:
 * @root: a document
 * @length: (out) (optional): return location for the length in bytes
 *
 * Writes @root as indented JSON (two spaces) that community_json_guard()
 * takes: json-glib's generator (1.6) writes U+001F unescaped, which no
 * strict parser reads, so a saved string holding it could not be loaded
 * again. Every control character left raw in a string is escaped here; the
 * only raw control character of the indented output outside strings is
 * the newline, and newlines in strings are always escaped.
 *
 * Returns: (transfer full): the document, nul-terminated
 */
char *
community_json_generate (JsonNode *root,
                         gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *data = NULL;
  gboolean raw = FALSE;
  GString *out;
  gsize n;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &n);

  for (gsize i = 0; i < n && !raw; i++)
    raw = (guchar) data[i] < 0x20 && data[i] != '\n';
  if (!raw)
    {
      if (length != NULL)
        *length = n;
      return g_steal_pointer (&data);
    }

  out = g_string_sized_new (n + 64);
  for (gsize i = 0; i < n; i++)
    {
      guchar c = data[i];

      if (c < 0x20 && c != '\n')
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, c);
    }
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}
