/* community-json-stream.c: the fast path from bytes to records
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Loading a dataset through json-glib's tree costs about ten times the
 * document in memory and three times Node's JSON.parse in time before a
 * single record exists (doc/performance.md). This reader goes straight from
 * the bytes to the records: a hand-written, strict tokenizer (RFC 8259
 * grammar, UTF-8 validated, iterative: nothing recurses on the nesting of
 * the input; the record reader recurses only along the format's own,
 * bounded, schema) feeding the same field tables (community-record-private.h)
 * as the tree reader, and building the same values.
 *
 * It is a fast path, not a second judge. Whenever anything is not plainly
 * right — a syntax error, a value of the wrong type, an unknown vocabulary
 * word, a missing required member, a duplicate identity or member name,
 * invalid UTF-8, an escaped NUL or a lone surrogate, a number that is huge or
 * not an exact integer where one is expected, unknown content nested deeper
 * than MAX_DEPTH — it declines (returns FALSE, nothing kept), and the caller
 * runs the tree reader, which produces the error with its JSON Pointer
 * exactly as before (or, for what json-glib tolerates, the same result as
 * before). So every error message comes from one place, and a valid
 * document gives the same dataset either way (tests/test-json.c checks).
 *
 * Members this version does not know are built as JsonNodes (sealed, like
 * the immutable parser's) for just that member's value.
 *
 * A file is read through a window (community_json_stream_read_file()), not
 * whole: the window is refilled between entities, and an entity that runs
 * past its end is read again in a window twice as large. So the input never
 * needs to be resident at once, whatever its size: memory is the records.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "community-json-private.h"
#include "community-entity-private.h"

#define DATASET_FORMAT "libcommunity-dataset"
#define DATASET_VERSION 1

/* Unknown members nested deeper than this are left to the tree reader
 * (and to its limits). The format itself nests five deep. */
#define MAX_DEPTH 32

/* Longest number token taken (longer ones are left to the tree reader). */
#define MAX_NUMBER 40

/* Reading a file: the first window, and how much of it is kept ahead of
 * the reader between entities. */
#define WINDOW_SIZE (1u << 20)
#define LOW_WATER (64u << 10)

typedef struct {
  const guchar *p;
  const guchar *end;
  GString *scratch;   /* strings with escapes, decoded */
  /* The text of the strings of the records being read, innermost last
   * (a nested record's follows its parent's), each nul-terminated: what
   * community_record_take_fields() copies into a record's block. */
  GString *text;
  /* Reading a file: the window [buf, buf + cap), data up to end. */
  int fd;             /* -1 for a document in memory */
  guchar *buf;
  gsize cap;
  gboolean eof;       /* nothing more to read (always, in memory) */
  GType last_type;    /* table_of()'s memory */
  const CommunityFieldTable *last_table;
} Stream;

/* Moves what is left to the start of the window and reads more, growing
 * the window to hold at least @want bytes. FALSE when there is nothing more
 * to read. The only place the window moves: between records. */
static gboolean
refill (Stream *s, gsize want)
{
  gsize tail;

  if (s->eof)
    return FALSE;

  tail = (gsize) (s->end - s->p);
  if (want > s->cap)
    {
      guchar *bigger = g_malloc (want);

      memcpy (bigger, s->p, tail);
      g_free (s->buf);
      s->buf = bigger;
      s->cap = want;
    }
  else
    memmove (s->buf, s->p, tail);
  s->p = s->buf;
  s->end = s->buf + tail;

  while (s->end < s->buf + s->cap)
    {
      gssize n = read (s->fd, (guchar *) s->end, (gsize) (s->buf + s->cap - s->end));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          /* End of file, or an error the tree reader will report. */
          s->eof = TRUE;
          break;
        }
      s->end += n;
    }
  return TRUE;
}

/* Between records: keeps at least LOW_WATER bytes ahead when it can. */
static inline void
keep_window (Stream *s)
{
  if (!s->eof && (gsize) (s->end - s->p) < LOW_WATER)
    refill (s, s->cap);
}

/* After a record that ran past the window's end: from @start again, with
 * twice the window. FALSE if the input has no more: the failure stands. */
static gboolean
retry_larger (Stream *s, const guchar **start)
{
  if (s->eof)
    return FALSE;
  s->p = *start;
  refill (s, s->cap * 2);
  *start = s->p;   /* the record now starts the window */
  return TRUE;
}

typedef struct {
  gboolean is_int;
  gint64 i;
  double d;
} Number;

static inline void
skip_ws (Stream *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

/* Skips white space; TRUE (and consumed) if the next byte is @c. */
static inline gboolean
accept (Stream *s, char c)
{
  skip_ws (s);
  if (s->p < s->end && *s->p == (guchar) c)
    {
      s->p++;
      return TRUE;
    }
  return FALSE;
}

/* The next significant byte, not consumed; 0 at the end. */
static inline guchar
peek_byte (Stream *s)
{
  skip_ws (s);
  return s->p < s->end ? *s->p : 0;
}

static gboolean
accept_word (Stream *s, const char *word, gsize len)
{
  skip_ws (s);
  if ((gsize) (s->end - s->p) >= len && memcmp (s->p, word, len) == 0)
    {
      s->p += len;
      return TRUE;
    }
  return FALSE;
}

static int
hex_value (guchar c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Stream *s, gunichar *out)
{
  gunichar v = 0;

  if (s->end - s->p < 4)
    return FALSE;
  for (int i = 0; i < 4; i++)
    {
      int h = hex_value (s->p[i]);

      if (h < 0)
        return FALSE;
      v = (v << 4) | (gunichar) h;
    }
  s->p += 4;
  *out = v;
  return TRUE;
}

#define ONES      G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGH_BITS G_GUINT64_CONSTANT (0x8080808080808080)

/* The bytes of @w (eight bytes of a string's text, the first in the low
 * byte) that end a plain run: a quote, a backslash or a byte below 0x20,
 * each flagged by its high bit. Each test is the classic "has a byte below
 * n" of (w - n * ONES) & ~w & HIGH_BITS, on @w itself or on @w XOR the
 * byte sought (zero where it was); a byte of 0x80 or more never counts.
 * A borrow may flag a byte after the first that stops, never one before
 * it: the lowest flag is the first stop. */
static inline guint64
plain_run_stops (guint64 w)
{
  guint64 quote = w ^ (ONES * '"');
  guint64 backslash = w ^ (ONES * '\\');

  return ((w - ONES * 0x20) | (quote - ONES) | (backslash - ONES)) & ~w & HIGH_BITS;
}

/* read_string() from the first backslash on: decodes into the scratch
 * buffer. Out of line: few strings have escapes. */
static G_NO_INLINE gboolean
read_string_escaped (Stream *s, const guchar *start, const char **out, gsize *len)
{
  g_string_truncate (s->scratch, 0);
  g_string_append_len (s->scratch, (const char *) start, s->p - start);
  while (s->p < s->end)
    {
      guchar c = *s->p++;

      if (c == '"')
        {
          *out = s->scratch->str;
          *len = s->scratch->len;
          return g_utf8_validate_len (*out, *len, NULL);
        }
      if (c < 0x20)
        return FALSE;
      if (c != '\\')
        {
          g_string_append_c (s->scratch, (char) c);
          continue;
        }
      if (s->p >= s->end)
        return FALSE;
      c = *s->p++;
      switch (c)
        {
        case '"': g_string_append_c (s->scratch, '"'); break;
        case '\\': g_string_append_c (s->scratch, '\\'); break;
        case '/': g_string_append_c (s->scratch, '/'); break;
        case 'b': g_string_append_c (s->scratch, '\b'); break;
        case 'f': g_string_append_c (s->scratch, '\f'); break;
        case 'n': g_string_append_c (s->scratch, '\n'); break;
        case 'r': g_string_append_c (s->scratch, '\r'); break;
        case 't': g_string_append_c (s->scratch, '\t'); break;
        case 'u':
          {
            gunichar u, low;

            if (!read_hex4 (s, &u))
              return FALSE;
            /* NUL and lone surrogates: the tree reader's business. */
            if (u == 0 || (u >= 0xDC00 && u <= 0xDFFF))
              return FALSE;
            if (u >= 0xD800 && u <= 0xDBFF)
              {
                if (s->end - s->p < 6 || s->p[0] != '\\' || s->p[1] != 'u')
                  return FALSE;
                s->p += 2;
                if (!read_hex4 (s, &low) || low < 0xDC00 || low > 0xDFFF)
                  return FALSE;
                u = 0x10000 + ((u - 0xD800) << 10) + (low - 0xDC00);
              }
            g_string_append_unichar (s->scratch, u);
          }
          break;
        default:
          return FALSE;
        }
    }
  return FALSE;
}

/* Reads a string token. *out points into the input (no escapes) or into
 * the scratch buffer (escapes), valid until the next string is read; it is
 * not nul-terminated unless it is the scratch buffer. */
static inline gboolean
read_string (Stream *s, const char **out, gsize *len)
{
  const guchar *start;
  guint64 high = 0;   /* non-zero if the text has a non-ASCII byte */
  guchar c;

  skip_ws (s);
  if (s->p >= s->end || *s->p != '"')
    return FALSE;
  start = ++s->p;

  /* Eight bytes at a time up to the first that ends the plain run (a
   * quote, a backslash, a control character); byte by byte in the last
   * few bytes of the input. */
  for (;;)
    {
      guint64 w, stops;

      if (s->end - s->p < 8)
        {
          while (s->p < s->end && *s->p != '"' && *s->p != '\\' && *s->p >= 0x20)
            high |= *s->p++ & 0x80;
          if (s->p >= s->end)
            return FALSE;
          break;
        }
      memcpy (&w, s->p, 8);
      w = GUINT64_FROM_LE (w);
      stops = plain_run_stops (w);
      if (stops == 0)
        {
          high |= w & HIGH_BITS;
          s->p += 8;
          continue;
        }
      /* The bytes before the first stop (g_autoptr() already needs GCC or
       * clang, whose builtin this is). */
      {
        guint before = (guint) __builtin_ctzll (stops) / 8;

        high |= w & HIGH_BITS & ((G_GUINT64_CONSTANT (1) << (8 * before)) - 1);
        s->p += before;
      }
      break;
    }

  c = *s->p;
  if (c == '"')
    {
      *out = (const char *) start;
      *len = (gsize) (s->p - start);
      s->p++;
      return high == 0 || g_utf8_validate_len (*out, *len, NULL);
    }
  if (c == '\\')
    return read_string_escaped (s, start, out, len);
  return FALSE;   /* a control character */
}

/* A string token appended to the record text (see Stream.text), its
 * offset from @base in *@offset. */
static gboolean
stage_string (Stream *s, gsize base, gint64 *offset)
{
  const char *str;
  gsize len;

  if (!read_string (s, &str, &len))
    return FALSE;
  /* An escaped NUL never gets here (read_string declines it). */
  *offset = (gint64) (s->text->len - base);
  g_string_set_size (s->text, s->text->len + len + 1);   /* one call, not two */
  memcpy (s->text->str + s->text->len - len - 1, str, len);
  s->text->str[s->text->len - 1] = '\0';
  return TRUE;
}

/* A string array's strings appended to the record text, one after
 * another; *@out is COMMUNITY_TEXT_STRV (offset from @base, count). */
static gboolean
stage_strv (Stream *s, gsize base, gint64 *out)
{
  gsize first = s->text->len - base;
  guint64 count = 0;
  gint64 offset;

  if (!accept (s, '['))
    return FALSE;
  if (!accept (s, ']'))
    {
      do
        {
          if (!stage_string (s, base, &offset))
            return FALSE;
          count++;
        }
      while (accept (s, ','));
      if (!accept (s, ']'))
        return FALSE;
    }
  if (count >= COMMUNITY_TEXT_STRV_MAX_COUNT || first >= COMMUNITY_TEXT_STRV_MAX_OFFSET)
    return FALSE;
  *out = COMMUNITY_TEXT_STRV (first, count);
  return TRUE;
}

/* The value of an enum or flags type whose nick is the next string token,
 * as g_enum_get_value_by_nick() would find it, without copying the token:
 * @values is the class's array (GEnumValue and GFlagsValue alike begin
 * with the value, the name and the nick), @n_values its length. */
static gboolean
read_nick (Stream *s, const GEnumValue *values, guint n_values, gsize stride, guint *out)
{
  const char *str;
  gsize len;

  if (!read_string (s, &str, &len))
    return FALSE;
  for (guint i = 0; i < n_values; i++)
    {
      const GEnumValue *value = (const GEnumValue *) ((const char *) values + i * stride);

      if (strncmp (value->value_nick, str, len) == 0 && value->value_nick[len] == '\0')
        {
          *out = (guint) value->value;
          return TRUE;
        }
    }
  return FALSE;
}

/* A number token, by RFC 8259's grammar. Integers of up to 18 digits are
 * exact; anything else is a double, and must be finite. */
static gboolean
read_number (Stream *s, Number *out)
{
  const guchar *start;
  gboolean negative = FALSE, is_int = TRUE;
  guint digits = 0;
  guint64 v = 0;

  skip_ws (s);
  start = s->p;
  if (s->p < s->end && *s->p == '-')
    {
      negative = TRUE;
      s->p++;
    }
  if (s->p >= s->end || !g_ascii_isdigit (*s->p))
    return FALSE;
  if (*s->p == '0')
    {
      s->p++;
      digits = 1;
    }
  else
    while (s->p < s->end && g_ascii_isdigit (*s->p))
      {
        v = v * 10 + (guint64) (*s->p++ - '0');
        if (++digits > 18)
          return FALSE;
      }
  if (s->p < s->end && *s->p == '.')
    {
      is_int = FALSE;
      s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return FALSE;
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }
  if (s->p < s->end && (*s->p == 'e' || *s->p == 'E'))
    {
      is_int = FALSE;
      s->p++;
      if (s->p < s->end && (*s->p == '+' || *s->p == '-'))
        s->p++;
      if (s->p >= s->end || !g_ascii_isdigit (*s->p))
        return FALSE;
      while (s->p < s->end && g_ascii_isdigit (*s->p))
        s->p++;
    }
  /* A number runs into a letter or another number: not ours to judge. */
  if (s->p < s->end && (g_ascii_isalnum (*s->p) || *s->p == '.' || *s->p == '-' || *s->p == '+'))
    return FALSE;

  out->is_int = is_int;
  if (is_int)
    {
      out->i = negative ? -(gint64) v : (gint64) v;
      out->d = (double) out->i;
    }
  else
    {
      char buf[MAX_NUMBER + 1];
      gsize len = (gsize) (s->p - start);

      if (len > MAX_NUMBER)
        return FALSE;
      memcpy (buf, start, len);
      buf[len] = '\0';
      out->d = g_ascii_strtod (buf, NULL);
      if (!isfinite (out->d))
        return FALSE;
    }
  return TRUE;
}

/* Reads "name": and returns the name (into the input or the scratch). */
static gboolean
read_member_name (Stream *s, const char **name, gsize *len)
{
  return read_string (s, name, len) && accept (s, ':');
}

/* --- unknown members: any JSON value as a JsonNode, iteratively --- */

typedef struct {
  JsonNode *node;   /* an object or array node */
  char *key;        /* the pending member name of an object */
} Frame;

static void
add_to_parent (Frame *top, JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (top->node))
    {
      json_object_set_member (json_node_get_object (top->node), top->key, node);
      g_clear_pointer (&top->key, g_free);
    }
  else
    json_array_add_element (json_node_get_array (top->node), node);
}

/* Reads one scalar value, or NULL if the next token is not one. */
static gboolean
read_scalar_node (Stream *s, JsonNode **out)
{
  guchar c = peek_byte (s);

  if (c == '"')
    {
      const char *str;
      gsize len;

      if (!read_string (s, &str, &len) || memchr (str, '\0', len) != NULL)
        return FALSE;
      {
        g_autofree char *copy = g_strndup (str, len);

        *out = json_node_init_string (json_node_alloc (), copy);
      }
      return TRUE;
    }
  if (c == 't' && accept_word (s, "true", 4))
    {
      *out = json_node_init_boolean (json_node_alloc (), TRUE);
      return TRUE;
    }
  if (c == 'f' && accept_word (s, "false", 5))
    {
      *out = json_node_init_boolean (json_node_alloc (), FALSE);
      return TRUE;
    }
  if (c == 'n' && accept_word (s, "null", 4))
    {
      *out = json_node_init_null (json_node_alloc ());
      return TRUE;
    }
  if (c == '-' || g_ascii_isdigit (c))
    {
      Number n;

      if (!read_number (s, &n))
        return FALSE;
      *out = n.is_int ? json_node_init_int (json_node_alloc (), n.i)
                      : json_node_init_double (json_node_alloc (), n.d);
      return TRUE;
    }
  return FALSE;
}

/* Any JSON value, nesting tracked on an explicit stack. The result is
 * sealed, as json-glib's immutable parser leaves it. */
static gboolean
read_any (Stream *s, JsonNode **out)
{
  Frame stack[MAX_DEPTH];
  guint depth = 0;
  JsonNode *root = NULL;
  gboolean ok = FALSE;

  for (;;)
    {
      JsonNode *node = NULL;
      guchar c;

      /* In an object: the next member's name, or its end. */
      if (depth > 0 && JSON_NODE_HOLDS_OBJECT (stack[depth - 1].node))
        {
          Frame *top = &stack[depth - 1];
          JsonObject *object = json_node_get_object (top->node);
          const char *name;
          gsize len;

          if (accept (s, '}'))
            goto close;
          if (json_object_get_size (object) > 0 && !accept (s, ','))
            goto out;
          if (!read_member_name (s, &name, &len) || memchr (name, '\0', len) != NULL)
            goto out;
          top->key = g_strndup (name, len);
          /* Duplicate names: the tree reader decides. */
          if (json_object_has_member (object, top->key))
            goto out;
        }
      else if (depth > 0)
        {
          JsonArray *array = json_node_get_array (stack[depth - 1].node);

          if (accept (s, ']'))
            goto close;
          if (json_array_get_length (array) > 0 && !accept (s, ','))
            goto out;
        }

      c = peek_byte (s);
      if (c == '{' || c == '[')
        {
          if (depth == MAX_DEPTH)
            goto out;
          s->p++;
          node = c == '{' ? community_json_object_node (json_object_new ())
                          : community_json_array_node (json_array_new ());
          if (depth > 0)
            add_to_parent (&stack[depth - 1], node);
          else
            root = node;
          stack[depth++] = (Frame) { node, NULL };
          continue;
        }

      if (!read_scalar_node (s, &node))
        goto out;
      if (depth == 0)
        {
          root = node;
          break;
        }
      add_to_parent (&stack[depth - 1], node);
      continue;

    close:
      depth--;
      if (depth == 0)
        break;
    }

  ok = TRUE;
  json_node_seal (root);
  *out = g_steal_pointer (&root);

out:
  for (guint i = 0; i < depth; i++)
    g_free (stack[i].key);
  if (root != NULL)
    json_node_unref (root);
  return ok;
}

/* --- records --- */

static gboolean read_record (Stream *s, GType type, CommunityRecord **out);

static gboolean
read_integer (Stream *s, gint64 min, gint64 max, gint64 *out)
{
  Number n;

  if (!read_number (s, &n))
    return FALSE;
  if (n.is_int)
    *out = n.i;
  else
    {
      if (n.d != floor (n.d) || n.d < (double) min || n.d > (double) max)
        return FALSE;
      *out = (gint64) n.d;
    }
  return *out >= min && *out <= max;
}

static gboolean
is_digits (const char *p, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

static guint
digits_value (const char *p, gsize n)
{
  guint v = 0;

  for (gsize i = 0; i < n; i++)
    v = v * 10 + (guint) (p[i] - '0');
  return v;
}

static gboolean
read_date (Stream *s, GDate **out)
{
  const char *str;
  gsize len;
  guint year, month, day;

  if (!read_string (s, &str, &len) || len != 10 || !is_digits (str, 4) || str[4] != '-' ||
      !is_digits (str + 5, 2) || str[7] != '-' || !is_digits (str + 8, 2))
    return FALSE;
  year = digits_value (str, 4);
  month = digits_value (str + 5, 2);
  day = digits_value (str + 8, 2);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  *out = g_date_new_dmy (day, month, year);
  return TRUE;
}

/* Time zones by offset: GLib builds a new one for every timestamp. */
static GTimeZone *
zone_for_offset (const char *zone, gsize len)
{
  static GHashTable *zones;
  G_LOCK_DEFINE_STATIC (zones);
  g_autofree char *key = g_strndup (zone, len);
  GTimeZone *tz;

  G_LOCK (zones);
  if (zones == NULL)
    zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_time_zone_unref);
  tz = g_hash_table_lookup (zones, key);
  if (tz == NULL && g_hash_table_size (zones) < 64)
    {
      tz = g_time_zone_new_identifier (key);
      if (tz != NULL)
        g_hash_table_insert (zones, g_steal_pointer (&key), tz);
    }
  if (tz != NULL)
    g_time_zone_ref (tz);
  G_UNLOCK (zones);
  return tz;
}

/* The common shape YYYY-MM-DDTHH:MM:SS(.frac)?(Z|±HH:MM) is built directly
 * (with a cached zone); anything else goes through the same GLib parser
 * the tree reader uses. */
static gboolean
read_timestamp (Stream *s, GDateTime **out)
{
  const char *str;
  gsize len;
  GDateTime *dt = NULL;
  g_autofree char *copy = NULL;

  if (!read_string (s, &str, &len))
    return FALSE;
  if (!(len >= 19 && is_digits (str, 4) && str[4] == '-' && is_digits (str + 5, 2) &&
        str[7] == '-' && is_digits (str + 8, 2) && (str[10] == 'T' || str[10] == 't') &&
        is_digits (str + 11, 2) && str[13] == ':' && is_digits (str + 14, 2) && str[16] == ':'))
    return FALSE;

  if (len == 25 && str[10] == 'T' && is_digits (str + 17, 2) &&
      (str[19] == '+' || str[19] == '-') && is_digits (str + 20, 2) && str[22] == ':' &&
      is_digits (str + 23, 2))
    {
      guint hour = digits_value (str + 11, 2), minute = digits_value (str + 14, 2);
      guint second = digits_value (str + 17, 2);
      guint year = digits_value (str, 4), month = digits_value (str + 5, 2);
      guint day = digits_value (str + 8, 2);
      GTimeZone *tz;

      if (hour > 23 || minute > 59 || second > 59 || !g_date_valid_dmy (day, month, year) ||
          digits_value (str + 20, 2) > 23 || digits_value (str + 23, 2) > 59)
        return FALSE;
      tz = zone_for_offset (str + 19, 6);
      if (tz == NULL)
        return FALSE;
      dt = g_date_time_new (tz, (int) year, (int) month, (int) day, (int) hour, (int) minute, second);
      g_time_zone_unref (tz);
    }
  else
    {
      copy = g_strndup (str, len);
      if (strlen (copy) != len)
        return FALSE;
      dt = g_date_time_new_from_iso8601 (copy, NULL);
    }

  if (dt == NULL)
    return FALSE;
  *out = dt;
  return TRUE;
}

static gboolean
read_flags (Stream *s, GFlagsClass *klass, guint *out)
{
  guint flags = 0;

  if (!accept (s, '['))
    return FALSE;
  if (!accept (s, ']'))
    {
      do
        {
          guint value;

          if (!read_nick (s, (const GEnumValue *) klass->values, klass->n_values,
                          sizeof (GFlagsValue), &value))
            return FALSE;
          flags |= value;
        }
      while (accept (s, ','));
      if (!accept (s, ']'))
        return FALSE;
    }
  *out = flags;
  return TRUE;
}

static gboolean
read_record_list (Stream *s, const CommunityField *field, GListModel **out)
{
  GType item_type = field->item_type ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *store;

  if (!accept (s, '['))
    return FALSE;
  if (!accept (s, ']'))
    {
      do
        {
          CommunityRecord *item;

          if (!read_record (s, item_type, &item))
            return FALSE;
          g_ptr_array_add (items, item);
        }
      while (accept (s, ','));
      if (!accept (s, ']'))
        return FALSE;
    }
  /* One splice rather than an append (and an items-changed emission) per
   * item: ~300,000 emissions on a province. */
  store = g_list_store_new (item_type);
  if (items->len > 0)
    g_list_store_splice (store, 0, 0, items->pdata, items->len);
  *out = G_LIST_MODEL (store);
  return TRUE;
}

/* One field's value, by the type of its GParamSpec, as the tree reader
 * reads it (community-json-reader.c: read_field()), in the form
 * community_record_take_fields() takes: strings and string arrays as text
 * staged from @base (*@in_text set), anything else as its slot. Nothing
 * is kept on failure (staged text is dropped with the record's). */
static gboolean
read_field (Stream *s, GParamSpec *pspec, const CommunityField *field, gsize base,
            CommunityFieldSlot *out, gboolean *in_text)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  *in_text = type == G_TYPE_STRING || type == G_TYPE_STRV;
  if (type == G_TYPE_STRING)
    {
      if (!stage_string (s, base, &out->i))
        return FALSE;
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      if (accept_word (s, "true", 4))
        out->i = 1;
      else if (accept_word (s, "false", 5))
        out->i = 0;
      else
        return FALSE;
    }
  else if (type == G_TYPE_UINT)
    {
      GParamSpecUInt *uspec = G_PARAM_SPEC_UINT (pspec);

      if (!read_integer (s, uspec->minimum, uspec->maximum, &out->i))
        return FALSE;
    }
  else if (type == G_TYPE_INT64)
    {
      GParamSpecInt64 *ispec = G_PARAM_SPEC_INT64 (pspec);

      if (!read_integer (s, ispec->minimum, ispec->maximum, &out->i))
        return FALSE;
    }
  else if (type == G_TYPE_DOUBLE)
    {
      GParamSpecDouble *dspec = G_PARAM_SPEC_DOUBLE (pspec);
      Number n;

      if (!read_number (s, &n) || n.d < dspec->minimum || n.d > dspec->maximum)
        return FALSE;
      out->d = n.d;
    }
  else if (G_TYPE_IS_ENUM (type))
    {
      GEnumClass *klass = G_PARAM_SPEC_ENUM (pspec)->enum_class;
      guint value;

      if (!read_nick (s, klass->values, klass->n_values, sizeof (GEnumValue), &value))
        return FALSE;
      out->i = (int) value;
    }
  else if (G_TYPE_IS_FLAGS (type))
    {
      guint v;

      if (!read_flags (s, G_PARAM_SPEC_FLAGS (pspec)->flags_class, &v))
        return FALSE;
      out->i = v;
    }
  else if (type == G_TYPE_STRV)
    {
      if (!stage_strv (s, base, &out->i))
        return FALSE;
    }
  else if (type == G_TYPE_DATE)
    {
      GDate *v;

      if (!read_date (s, &v))
        return FALSE;
      out->p = v;
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *v;

      if (!read_timestamp (s, &v))
        return FALSE;
      out->p = v;
    }
  else if (type == G_TYPE_LIST_MODEL)
    {
      GListModel *v;

      if (!read_record_list (s, field, &v))
        return FALSE;
      out->p = v;
    }
  else if (g_type_is_a (type, COMMUNITY_TYPE_RECORD))
    {
      CommunityRecord *v;

      if (!read_record (s, type, &v))
        return FALSE;
      out->p = v;
    }
  else
    return FALSE;

  return TRUE;
}

/* The id of the field called @name (not nul-terminated), 0 if unknown.
 * Documents usually list members in the format's order: try the field
 * after the previous one first. */
static guint
lookup_field (const CommunityFieldTable *table, guint previous, const char *name, gsize len)
{
  guint guess = previous + 1;

  if (guess <= table->n_fields && table->json_name_len[guess] == len &&
      memcmp (table->json_names[guess], name, len) == 0)
    return guess;
  /* Then every field: mostly a comparison of lengths each, cheaper than
   * hashing the name (a record type has a few dozen fields at most). */
  for (guint id = 1; id <= table->n_fields; id++)
    if (table->json_name_len[id] == len && memcmp (table->json_names[id], name, len) == 0)
      return id;
  return 0;
}

/* The field table of a record type: a record type's class lives as long
 * as the process; the last one is remembered (the type system's lookup
 * takes a lock). */
static const CommunityFieldTable *
table_of (Stream *s, GType type)
{
  GTypeClass *klass;

  if (type == s->last_type)
    return s->last_table;
  klass = g_type_class_peek (type);
  if (klass == NULL)
    klass = g_type_class_ref (type);   /* classes are never freed */
  s->last_type = type;
  s->last_table = community_record_class_get_fields (COMMUNITY_RECORD_CLASS (klass));
  return s->last_table;
}

static gboolean
read_record (Stream *s, GType type, CommunityRecord **out)
{
  const CommunityFieldTable *table = table_of (s, type);
  CommunityFieldSlot slots[COMMUNITY_MAX_FIELDS + 1];
  guint64 present = 0, seen = 0, in_text = 0;
  gsize base = s->text->len;   /* this record's text starts here */
  JsonObject *extra = NULL;
  CommunityRecord *record = NULL;
  guint previous = 0;
  gboolean ok = FALSE;

  if (!accept (s, '{'))
    return FALSE;
  if (!accept (s, '}'))
    {
      do
        {
          const char *name;
          gsize len;
          gboolean staged;
          guint id;

          if (!read_member_name (s, &name, &len))
            goto out;
          id = lookup_field (table, previous, name, len);
          if (id == 0)
            {
              g_autofree char *key = NULL;
              JsonNode *node;

              if (memchr (name, '\0', len) != NULL)
                goto out;
              key = g_strndup (name, len);
              if (extra == NULL)
                extra = json_object_new ();
              else if (json_object_has_member (extra, key))
                goto out;
              if (!read_any (s, &node))
                goto out;
              json_object_set_member (extra, key, node);
              continue;
            }

          if (seen & (G_GUINT64_CONSTANT (1) << id))
            goto out;   /* the same member twice */
          seen |= G_GUINT64_CONSTANT (1) << id;
          previous = id;

          /* null is "unknown" for an optional field. */
          if (accept_word (s, "null", 4))
            continue;
          if (!read_field (s, table->pspecs[id], &table->fields[id], base, &slots[id], &staged))
            goto out;
          present |= G_GUINT64_CONSTANT (1) << id;
          if (staged)
            in_text |= G_GUINT64_CONSTANT (1) << id;
        }
      while (accept (s, ','));
      if (!accept (s, '}'))
        goto out;
    }

  if ((table->required & ~present) != 0)
    goto out;

  /* Every field at once, the strings in the record's own block; an
   * entity's identity too, behind GObject's construct-property path. */
  record = g_object_new (type, NULL);
  community_record_take_fields (record, present, slots, in_text, s->text->str + base,
                                s->text->len - base);
  present = 0;
  if (table->identity_id != 0)
    community_entity_identity_taken (COMMUNITY_ENTITY (record));
  if (extra != NULL)
    community_record_take_extra (record, g_steal_pointer (&extra));

  *out = record;
  ok = TRUE;

out:
  /* What was read and not handed over: the values of a record that failed
   * (its staged text is dropped below). */
  for (guint id = 1; id <= table->n_fields; id++)
    if ((present & ~in_text) & (G_GUINT64_CONSTANT (1) << id))
      community_record_clear_slot (table, id, &slots[id]);
  g_string_truncate (s->text, base);
  g_clear_pointer (&extra, json_object_unref);
  return ok;
}

/* --- the dataset --- */

static gboolean
read_entities (Stream *s, CommunityEntityKind kind, CommunityDatasetContents *contents)
{
  GType type = community_entity_kind_get_entity_type (kind);
  /* The duplicate check's table is the dataset's index, handed over. */
  g_autoptr(GHashTable) identities = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);

  if (!accept (s, '['))
    return FALSE;
  if (!accept (s, ']'))
    {
      do
        {
          CommunityRecord *record;
          const char *identity;
          const guchar *start;

          keep_window (s);
          start = s->p;
          while (!read_record (s, type, &record))
            if (!retry_larger (s, &start))
              return FALSE;
          g_ptr_array_add (entities, record);
          identity = community_entity_get_identity (COMMUNITY_ENTITY (record));
          /* An optional identity that is absent is not indexed. */
          if (identity != NULL && !g_hash_table_insert (identities, (gpointer) identity, record))
            return FALSE;   /* a duplicate identity */
          keep_window (s);
        }
      while (accept (s, ','));
      if (!accept (s, ']'))
        return FALSE;
    }

  contents->entities[kind] = g_steal_pointer (&entities);
  contents->index[kind] = g_steal_pointer (&identities);
  return TRUE;
}

static gboolean
lookup_kind (const char *name, gsize len, CommunityEntityKind *kind)
{
  for (guint k = 0; k < COMMUNITY_N_ENTITY_KINDS; k++)
    {
      const char *member = community_entity_kind_get_member_name (k);

      if (strncmp (member, name, len) == 0 && member[len] == '\0')
        {
          *kind = k;
          return TRUE;
        }
    }
  return FALSE;
}

typedef struct {
  gboolean format, version, as_of, codes_year;
} Header;

typedef enum {
  MEMBER_OK,
  MEMBER_RETRY,   /* failed, perhaps only for the end of the window */
  MEMBER_FAIL,    /* failed for good */
} MemberResult;

/* One member of the root object. Nothing is kept from a member that
 * fails, so it can be read again from its start. */
static MemberResult
read_root_member (Stream *s, CommunityDatasetContents *contents, Header *header)
{
  const char *name;
  gsize len;
  CommunityEntityKind kind;
  gint64 v;

  if (!read_member_name (s, &name, &len))
    return MEMBER_RETRY;

#define IS(literal) (len == sizeof (literal) - 1 && memcmp (name, literal, len) == 0)
  if (IS ("format"))
    {
      const char *str;
      gsize slen;

      if (header->format)
        return MEMBER_FAIL;
      if (!read_string (s, &str, &slen) ||
          slen != strlen (DATASET_FORMAT) || memcmp (str, DATASET_FORMAT, slen) != 0)
        return MEMBER_RETRY;
      header->format = TRUE;
    }
  else if (IS ("version"))
    {
      if (header->version)
        return MEMBER_FAIL;
      if (!read_integer (s, DATASET_VERSION, DATASET_VERSION, &v))
        return MEMBER_RETRY;
      header->version = TRUE;
    }
  else if (IS ("as_of"))
    {
      if (header->as_of)
        return MEMBER_FAIL;
      if (!read_date (s, &contents->as_of))
        return MEMBER_RETRY;
      header->as_of = TRUE;
    }
  else if (IS ("codes_year"))
    {
      if (header->codes_year)
        return MEMBER_FAIL;
      if (!read_integer (s, 1900, 9999, &v))
        return MEMBER_RETRY;
      contents->codes_year = (guint) v;
      header->codes_year = TRUE;
    }
  else if (lookup_kind (name, len, &kind))
    {
      /* Entities look after their own window. */
      if (contents->entities[kind] != NULL || !read_entities (s, kind, contents))
        return MEMBER_FAIL;
    }
  else
    {
      g_autofree char *key = NULL;
      JsonNode *node;

      if (memchr (name, '\0', len) != NULL)
        return MEMBER_FAIL;
      key = g_strndup (name, len);
      if (contents->extra != NULL && json_object_has_member (contents->extra, key))
        return MEMBER_FAIL;
      if (!read_any (s, &node))
        return MEMBER_RETRY;
      if (contents->extra == NULL)
        contents->extra = json_object_new ();
      json_object_set_member (contents->extra, key, node);
    }
#undef IS

  return MEMBER_OK;
}

static gboolean
read_root (Stream *s, CommunityDatasetContents *contents)
{
  Header header = { FALSE, };

  keep_window (s);
  if (!accept (s, '{') || accept (s, '}'))
    return FALSE;

  do
    {
      const guchar *start;
      MemberResult result;

      keep_window (s);
      start = s->p;
      while ((result = read_root_member (s, contents, &header)) == MEMBER_RETRY)
        if (!retry_larger (s, &start))
          return FALSE;
      if (result == MEMBER_FAIL)
        return FALSE;
      keep_window (s);
    }
  while (accept (s, ','));

  if (!accept (s, '}'))
    return FALSE;
  for (;;)
    {
      skip_ws (s);
      if (s->p < s->end)
        return FALSE;   /* something after the document */
      if (!refill (s, s->cap))
        break;
    }
  return header.format && header.version;
}

static gboolean
read_document (Stream *s, CommunityDatasetContents *contents)
{
  gboolean ok;

  memset (contents, 0, sizeof *contents);
  s->scratch = g_string_sized_new (256);
  s->text = g_string_sized_new (4096);
  ok = read_root (s, contents);
  g_string_free (s->scratch, TRUE);
  g_string_free (s->text, TRUE);

  if (!ok)
    community_dataset_contents_clear (contents);
  return ok;
}

/*
 * community_json_stream_read_dataset:
 * @data: the document
 * @length: its length in bytes
 * @contents: (out caller-allocates): what the document holds
 *
 * Reads a valid document straight into records. Returns FALSE, with
 * @contents empty, for anything it does not accept: the caller then reads
 * the document through json-glib (community_json_read_dataset()), which
 * gives the error, or the result, the library always gave.
 */
gboolean
community_json_stream_read_dataset (const char               *data,
                                    gsize                     length,
                                    CommunityDatasetContents *contents)
{
  Stream s = {
    .fd = -1,
    .eof = TRUE,
  };

  if (data == NULL || length == 0)
    {
      memset (contents, 0, sizeof *contents);
      return FALSE;
    }
  /* Only now: NULL + 0 is undefined behaviour (UBSan stops on it). */
  s.p = (const guchar *) data;
  s.end = (const guchar *) data + length;
  return read_document (&s, contents);
}

/*
 * community_json_stream_read_file:
 * @filename: the path of a document
 * @contents: (out caller-allocates): what the document holds
 *
 * Reads a valid document from a file through a window (WINDOW_SIZE, grown
 * for an entity larger than half of it), so that the file is never in
 * memory whole. FALSE as community_json_stream_read_dataset(), and for a
 * file that cannot be opened or read (the caller's fallback reports it).
 */
gboolean
community_json_stream_read_file (const char               *filename,
                                 CommunityDatasetContents *contents)
{
  Stream s = { .fd = -1 };
  gboolean ok;

  memset (contents, 0, sizeof *contents);
  s.fd = g_open (filename, O_RDONLY | O_CLOEXEC, 0);
  if (s.fd < 0)
    return FALSE;
#ifdef POSIX_FADV_SEQUENTIAL
  posix_fadvise (s.fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  s.cap = WINDOW_SIZE;
  s.buf = g_malloc (s.cap);
  s.p = s.end = s.buf;

  refill (&s, s.cap);
  ok = s.end > s.p && read_document (&s, contents);

  g_free (s.buf);
  g_close (s.fd, NULL);
  return ok;
}
