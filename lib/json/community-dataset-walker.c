/* community-dataset-walker.c: the dataset format, read from tokens
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The one decoder of the dataset format (DOMAIN.md §7): it pulls tokens
 * from a token source (community-json-source.h: JSON text, or a JsonNode
 * tree) and builds the records, in one pass. It is the only code that
 * knows the format: the top-level arrays come from the entity kinds'
 * table (community_entity_kind_get_member_name()), each record's members
 * from its type's field table (community-record-private.h), read by the
 * type of each field's GParamSpec, so a new kind or field needs no change
 * here.
 *
 * Every refusal names the JSON Pointer of the offending value and says
 * what was expected; messages quote a string only when it was meant to be
 * one of a closed vocabulary and looks like a word of one (ASCII letters,
 * '_' and '-'), so personal data (names, ID numbers, phones), even in the
 * wrong member, never reaches them.
 *
 * Which error a document gets, when it has several, is decided as if it
 * were read in this order: first the source's (malformed or hostile text,
 * too deep a nesting: the first in the document); then a root that is not
 * an object; then "format", then "version", wherever they are written; then
 * the first error of the walker's own in the document. So after an error
 * of its own the walker reads on to the end, building nothing more, for
 * the source's errors and the header's: every reading function consumes
 * its whole value, whether it fails or not.
 *
 * Member names repeated in an object are the source's error; for the
 * objects it reads as records and for the root, the walker checks them
 * itself (community_json_source_claim_names()): a bit per known field.
 *
 * Strings are staged in one buffer, record by record, and handed to
 * community_record_take_fields(), which keeps them in one block with the
 * record's fields. Members this version does not know are built as sealed
 * JsonNodes, kept for the round trip.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "community-json-private.h"
#include "community-handoff-private.h"
#include "community-entity-private.h"
#include "community-entity-list-private.h"
#include "community-identity-index-private.h"
#include "community-enum-types.h"
#include "community-vocabulary-private.h"

#define DATASET_FORMAT "libcommunity-dataset"
#define DATASET_VERSION 1

/* The longest unrecognized vocabulary string a message quotes. */
#define MAX_QUOTED 40

/* Which of two errors of the walker's a document gets: the higher. */
typedef enum {
  PRIORITY_NONE,
  PRIORITY_CONTENT,
  PRIORITY_VERSION,
  PRIORITY_FORMAT,
  PRIORITY_ROOT,
} Priority;

typedef struct {
  CommunityJsonSource *source;
  CommunityJsonToken token;   /* the last one */
  /* The value of the member named by token, when the source gave it with
   * the name (community_json_source_next_member()); else an END. */
  CommunityJsonToken value;
  GError *fatal;              /* the source's: ends the walk */
  GError *pending;            /* the walker's own */
  Priority priority;          /* of pending */
  GString *text;              /* the staged strings of the records being read */
  /* The zone of the last timestamp and its offset ("+08:00"): mostly
   * every timestamp has the same one. */
  GTimeZone *last_zone;
  char last_offset[6];
  GType last_type;            /* table_of()'s memory */
  const CommunityFieldTable *last_table;
  /* Reading on two threads (see "Two readers" below): the document's
   * split, and whether this reader jumped over the part, and made its
   * pending error after that. */
  struct _Split *split;
  gboolean jumped;
  gboolean pending_after_jump;
} Walker;

typedef CommunityJsonToken Token;

/* A reader's staging text made, and what it keeps between records dropped
 * (its errors are left to the caller): the one reader's, and each of the
 * two readers' ("Two readers" below). */
static void
walker_begin (Walker *w)
{
  w->text = g_string_sized_new (4096);
}

static void
walker_end (Walker *w)
{
  g_string_free (w->text, TRUE);
  w->text = NULL;
  g_clear_pointer (&w->last_zone, g_time_zone_unref);
}

#define IS(w, t) ((w)->token.type == COMMUNITY_JSON_TOKEN_##t)

/* The next token; FALSE once the walk is over (the source's error, or a
 * duplicate name the walker found in its place). */
static inline gboolean
advance (Walker *w)
{
  return G_LIKELY (w->fatal == NULL) && community_json_source_next (w->source, &w->token, &w->fatal);
}

/* The next token, where a member name or the end of an object is
 * expected: the member's value may come with it, for advance_value(). */
static inline gboolean
advance_member (Walker *w)
{
  return G_LIKELY (w->fatal == NULL) &&
         community_json_source_next_member (w->source, &w->token, &w->value, &w->fatal);
}

/* The value of the member whose name is the last token. */
static inline gboolean
advance_value (Walker *w)
{
  if (w->value.type != COMMUNITY_JSON_TOKEN_END)
    {
      w->token = w->value;
      w->value.type = COMMUNITY_JSON_TOKEN_END;
      return TRUE;
    }
  return advance (w);
}

/* --- errors --- */

static gboolean skip_to_depth (Walker *w,
                               guint   depth);

/* Records an error at the value of the last token (and then at its member
 * @member, nullable), unless one of a higher priority is already there,
 * and reads to the end of that value if it is an object or an array.
 * Returns FALSE. Never pass personal data. */
G_GNUC_PRINTF (5, 6)
static gboolean
walker_error (Walker              *w,
              Priority             priority,
              CommunityParseError  code,
              const char          *member,
              const char          *format,
              ...)
{
  g_autoptr(GString) pointer = NULL;
  va_list args;

  if (priority <= w->priority)
    goto skip;

  pointer = g_string_new (NULL);
  community_json_source_pointer (w->source, pointer);
  if (member != NULL)
    community_json_pointer_push_member (pointer, member);
  g_clear_error (&w->pending);
  va_start (args, format);
  community_json_set_error_valist (&w->pending, COMMUNITY_PARSE_ERROR, code, pointer, format, args);
  va_end (args);
  w->priority = priority;
  w->pending_after_jump = w->jumped;
  if (w->source->klass->location != NULL)
    {
      g_autoptr(GString) where = g_string_new (NULL);

      w->source->klass->location (w->source, member, where, w->pending);
      if (where->len > 0)
        g_prefix_error (&w->pending, "%s: ", where->str);
    }

skip:
  if (IS (w, OBJECT_START) || IS (w, ARRAY_START))
    skip_to_depth (w, w->source->depth - 1);
  return FALSE;
}

/* A member name the object being read already had: the source's error,
 * which ends the walk. Returns FALSE. */
static gboolean
duplicate_name (Walker *w)
{
  if (w->fatal == NULL)
    community_json_source_duplicate_error (w->source, &w->fatal);
  return FALSE;
}

void
community_json_source_duplicate_error (CommunityJsonSource  *self,
                                       GError              **error)
{
  g_autoptr(GString) pointer = g_string_new (NULL);

  community_json_source_pointer (self, pointer);
  community_json_set_error (error, COMMUNITY_PARSE_ERROR_DUPLICATE, pointer,
                            "expected unique member names, but this object has this member twice");
}

#define CONTENT_ERROR(w, code, ...) walker_error ((w), PRIORITY_CONTENT, (code), NULL, __VA_ARGS__)

const char *
community_json_token_describe (const CommunityJsonToken *token)
{
  switch (token->type)
    {
    case COMMUNITY_JSON_TOKEN_OBJECT_START:
      return "an object";
    case COMMUNITY_JSON_TOKEN_ARRAY_START:
      return "an array";
    case COMMUNITY_JSON_TOKEN_NULL:
      return "null";
    case COMMUNITY_JSON_TOKEN_STRING:
      return "a string";
    case COMMUNITY_JSON_TOKEN_TRUE:
    case COMMUNITY_JSON_TOKEN_FALSE:
      return "true or false";
    case COMMUNITY_JSON_TOKEN_INT:
      return "an integer";
    case COMMUNITY_JSON_TOKEN_DOUBLE:
      return "a number";
    case COMMUNITY_JSON_TOKEN_END:
    case COMMUNITY_JSON_TOKEN_OBJECT_END:
    case COMMUNITY_JSON_TOKEN_ARRAY_END:
    case COMMUNITY_JSON_TOKEN_MEMBER:
    default:
      return "nothing";
    }
}

#define FOUND(w) community_json_token_describe (&(w)->token)

/* Reads to the end of the value the last token began, and of the
 * containers around it, up to @depth open ones. FALSE on the source's
 * error. */
static gboolean
skip_to_depth (Walker *w,
               guint   depth)
{
  while (w->source->depth > depth)
    if (!advance (w))
      return FALSE;
  return TRUE;
}

/* After an element of an array failed (and was read whole): reads the
 * rest of the array, whose depth is @depth. Returns FALSE. */
static gboolean
skip_rest (Walker *w,
           guint   depth)
{
  skip_to_depth (w, depth - 1);
  return FALSE;
}

/* --- scalars --- */

static gboolean
expect_string (Walker     *w,
               const char *expected)
{
  if (IS (w, STRING))
    return TRUE;
  return CONTENT_ERROR (w, COMMUNITY_PARSE_ERROR_TYPE, "expected %s, found %s", expected, FOUND (w));
}

static inline gboolean
is_number (Walker *w)
{
  return IS (w, INT) || IS (w, DOUBLE);
}

/* --- cells (community-json-source.h: a source's `cells`) --- */

/* ASCII spaces around a cell's text are not part of its value. */
static void
cell_trim (const char **str,
           gsize       *len)
{
  while (*len > 0 && g_ascii_isspace ((*str)[0]))
    (*str)++, (*len)--;
  while (*len > 0 && g_ascii_isspace ((*str)[*len - 1]))
    (*len)--;
}

/* A cell's text where a number is wanted ("2000", "-3", "12.5"): read as
 * the number, in place of the string token; anything else stays a string
 * (and is refused as one). */
static void
cell_number (Walker *w)
{
  const char *str = w->token.str;
  gsize len = w->token.len, i;
  char buffer[64];
  char *end = NULL;
  gboolean integer = TRUE;

  if (!w->source->cells || !IS (w, STRING))
    return;
  cell_trim (&str, &len);
  if (len == 0 || len >= sizeof buffer)
    return;
  for (i = (str[0] == '-' || str[0] == '+') ? 1 : 0; i < len; i++)
    {
      if (g_ascii_isdigit (str[i]))
        continue;
      if (str[i] != '.' && str[i] != 'e' && str[i] != 'E' && str[i] != '+' && str[i] != '-')
        return;   /* "约2000", "0x10", "inf": text */
      integer = FALSE;
    }
  memcpy (buffer, str, len);
  buffer[len] = '\0';
  if (integer && len < 19)
    {
      w->token.type = COMMUNITY_JSON_TOKEN_INT;
      w->token.i = g_ascii_strtoll (buffer, &end, 10);
    }
  else
    {
      double d = g_ascii_strtod (buffer, &end);

      if (end == buffer || *end != '\0')
        return;
      w->token.type = COMMUNITY_JSON_TOKEN_DOUBLE;
      w->token.d = d;
    }
}

/* A cell's text where true or false is wanted: TRUE/FALSE, true/false,
 * 是/否 (DOMAIN.md §9). */
static void
cell_boolean (Walker *w)
{
  static const struct { const char *text; gboolean value; } words[] = {
    { "TRUE", TRUE }, { "true", TRUE }, { "True", TRUE }, { "是", TRUE },
    { "FALSE", FALSE }, { "false", FALSE }, { "False", FALSE }, { "否", FALSE },
  };
  const char *str = w->token.str;
  gsize len = w->token.len;

  if (!w->source->cells || !IS (w, STRING))
    return;
  cell_trim (&str, &len);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strlen (words[i].text) == len && memcmp (words[i].text, str, len) == 0)
      {
        w->token.type = words[i].value ? COMMUNITY_JSON_TOKEN_TRUE : COMMUNITY_JSON_TOKEN_FALSE;
        return;
      }
}

/* The length of the item separator at @p (';', '、' or '；'), 0 if none. */
static gsize
cell_separator (const char *p,
                gsize       left)
{
  if (p[0] == ';')
    return 1;
  if (left >= 3 && (memcmp (p, "\xe3\x80\x81", 3) == 0 || memcmp (p, "\xef\xbc\x9b", 3) == 0))
    return 3;
  return 0;
}

/* The next item of a cell's list ("a;b", "a、b", "a；b") from *@pos, its
 * spaces trimmed, as the string token; FALSE when there are no more. Empty
 * items are skipped. @text and @len are the whole cell's. */
static gboolean
cell_next_item (Walker     *w,
                const char *text,
                gsize       len,
                gsize      *pos)
{
  while (*pos < len)
    {
      gsize start = *pos, sep = 0;
      const char *item;
      gsize item_len;

      while (*pos < len && (sep = cell_separator (text + *pos, len - *pos)) == 0)
        (*pos)++;
      item = text + start;
      item_len = *pos - start;
      *pos += sep;
      cell_trim (&item, &item_len);
      if (item_len == 0)
        continue;
      w->token.type = COMMUNITY_JSON_TOKEN_STRING;
      w->token.str = item;
      w->token.len = item_len;
      return TRUE;
    }
  return FALSE;
}

/* A whole number in [min, max]. @what names it for messages. */
static gboolean
read_integer (Walker     *w,
              Priority    priority,
              gint64      min,
              gint64      max,
              const char *what,
              gint64     *out)
{
  cell_number (w);
  if (IS (w, INT))
    {
      *out = w->token.i;
      if (*out >= min && *out <= max)
        return TRUE;
      return walker_error (w, priority, COMMUNITY_PARSE_ERROR_RANGE, NULL,
                           "expected %s between %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT
                           ", found %" G_GINT64_FORMAT, what, min, max, *out);
    }
  if (IS (w, DOUBLE))
    {
      double d = w->token.d;

      if (!isfinite (d) || d < (double) min || d > (double) max)
        return walker_error (w, priority, COMMUNITY_PARSE_ERROR_RANGE, NULL,
                             "expected %s between %" G_GINT64_FORMAT
                             " and %" G_GINT64_FORMAT ", found %g", what, min, max, d);
      if (d != floor (d))
        return walker_error (w, priority, COMMUNITY_PARSE_ERROR_NOT_INTEGER, NULL,
                             "expected %s, found the fraction %g", what, d);
      *out = (gint64) d;
      return TRUE;
    }
  return walker_error (w, priority, COMMUNITY_PARSE_ERROR_TYPE, NULL,
                       "expected %s, found %s", what, FOUND (w));
}

static gboolean
read_double (Walker           *w,
             GParamSpecDouble *pspec,
             double           *out)
{
  cell_number (w);
  if (!is_number (w))
    return CONTENT_ERROR (w, COMMUNITY_PARSE_ERROR_TYPE, "expected a number, found %s", FOUND (w));
  *out = IS (w, INT) ? (double) w->token.i : w->token.d;
  if (!isfinite (*out) || *out < pspec->minimum || *out > pspec->maximum)
    return CONTENT_ERROR (w, COMMUNITY_PARSE_ERROR_RANGE,
                          "expected a number between %g and %g, found %g",
                          pspec->minimum, pspec->maximum, *out);
  return TRUE;
}

/* Whether a string that is not in a vocabulary may be quoted in a
 * message; see vocabulary_error(). */
static gboolean
looks_like_vocabulary (const char *s,
                       gsize       len)
{
  if (len == 0 || len > MAX_QUOTED)
    return FALSE;
  for (gsize n = 0; n < len; n++)
    if (!(g_ascii_isalpha (s[n]) || s[n] == '_' || s[n] == '-'))
      return FALSE;
  return TRUE;
}

static gboolean
vocabulary_error (Walker *w,
                  GType   type)
{
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autofree char *found = NULL;

  if (G_IS_ENUM_CLASS (klass))
    {
      GEnumClass *enum_class = G_ENUM_CLASS (klass);

      for (guint i = 0; i < enum_class->n_values; i++)
        g_string_append_printf (expected, "%s“%s”", i > 0 ? ", " : "",
                                enum_class->values[i].value_nick);
    }
  else
    {
      GFlagsClass *flags_class = G_FLAGS_CLASS (klass);

      for (guint i = 0; i < flags_class->n_values; i++)
        g_string_append_printf (expected, "%s“%s”", i > 0 ? ", " : "",
                                flags_class->values[i].value_nick);
    }

  /* A vocabulary string is not personal data, but what stands in its place
   * may be: a worker's ID number, phone or name, one column off. Quote it
   * only if it looks like a misspelt word of a vocabulary (ASCII letters,
   * '_' and '-', at most MAX_QUOTED of them); never digits, spaces or
   * Chinese characters. */
  if (!looks_like_vocabulary (w->token.str, w->token.len))
    return CONTENT_ERROR (w, COMMUNITY_PARSE_ERROR_ENUM,
                          "expected one of %s, found another string", expected->str);
  found = g_strndup (w->token.str, w->token.len);
  return CONTENT_ERROR (w, COMMUNITY_PARSE_ERROR_ENUM, "expected one of %s, found “%s”",
                        expected->str, found);
}

/* The value of the nick the string token is, as g_enum_get_value_by_nick()
 * would find it, without copying the token: @values is the class's array
 * (GEnumValue and GFlagsValue alike begin with the value, the name and the
 * nick), @n_values its length. */
static gboolean
lookup_nick (Walker           *w,
             const GEnumValue *values,
             guint             n_values,
             gsize             stride,
             guint            *out)
{
  const char *str = w->token.str;
  gsize len = w->token.len;

  for (guint i = 0; i < n_values; i++)
    {
      const GEnumValue *value = (const GEnumValue *) ((const char *) values + i * stride);

      /* The first byte tells most nicks apart, without a call. */
      if ((len == 0 || value->value_nick[0] == str[0]) &&
          strncmp (value->value_nick, str, len) == 0 && value->value_nick[len] == '\0')
        {
          *out = (guint) value->value;
          return TRUE;
        }
    }
  return FALSE;
}

/* The value the string token names: its nick, as lookup_nick() finds it;
 * in a cell also its JSON word or Chinese term (DOMAIN.md §9) with the
 * spaces around it trimmed. */
static gboolean
lookup_value (Walker           *w,
              GType             type,
              const GEnumValue *values,
              guint             n_values,
              gsize             stride,
              guint            *out)
{
  Token saved = w->token;
  const char *nick;
  gboolean found = FALSE;

  if (lookup_nick (w, values, n_values, stride, out))
    return TRUE;
  if (!w->source->cells)
    return FALSE;
  cell_trim (&w->token.str, &w->token.len);
  nick = community_vocabulary_nick_for_chinese (type, w->token.str, w->token.len);
  if (nick != NULL)
    {
      w->token.str = nick;
      w->token.len = strlen (nick);
    }
  found = lookup_nick (w, values, n_values, stride, out);
  w->token = saved;
  return found;
}

static gboolean
read_enum (Walker     *w,
           GEnumClass *klass,
           int        *out)
{
  GType type = G_TYPE_FROM_CLASS (klass);
  guint value;

  if (!expect_string (w, "a string"))
    return FALSE;
  if (!lookup_value (w, type, klass->values, klass->n_values, sizeof (GEnumValue), &value))
    return vocabulary_error (w, type);
  *out = (int) value;
  return TRUE;
}

static gboolean
read_flags (Walker      *w,
            GFlagsClass *klass,
            guint       *out)
{
  GType type = G_TYPE_FROM_CLASS (klass);
  guint flags = 0;
  guint depth;

  if (w->source->cells && IS (w, STRING))
    {
      Token cell = w->token;
      gsize pos = 0;
      guint value;

      while (cell_next_item (w, cell.str, cell.len, &pos))
        {
          if (!lookup_value (w, type, (const GEnumValue *) klass->values, klass->n_values,
                             sizeof (GFlagsValue), &value))
            {
              vocabulary_error (w, type);
              w->token = cell;
              return FALSE;
            }
          flags |= value;
        }
      w->token = cell;
      *out = flags;
      return TRUE;
    }
  if (!IS (w, ARRAY_START))
    return CONTENT_ERROR (w, COMMUNITY_PARSE_ERROR_TYPE, "expected an array of strings, found %s", FOUND (w));
  depth = w->source->depth;
  for (;;)
    {
      guint value;

      if (!advance (w))
        return FALSE;
      if (IS (w, ARRAY_END))
        break;
      if (!expect_string (w, "a string"))
        return skip_rest (w, depth);
      if (!lookup_nick (w, (const GEnumValue *) klass->values, klass->n_values,
                        sizeof (GFlagsValue), &value))
        {
          vocabulary_error (w, type);
          return skip_rest (w, depth);
        }
      flags |= value;
    }
  *out = flags;
  return TRUE;
}

static gboolean
is_digits (const char *p,
           gsize       n)
{
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

static guint
digits_value (const char *p,
              gsize       n)
{
  guint v = 0;

  for (gsize i = 0; i < n; i++)
    v = v * 10 + (guint) (p[i] - '0');
  return v;
}

static gboolean
read_date (Walker    *w,
           Priority   priority,
           GDate    **out)
{
  const char *s = w->token.str;
  guint year, month, day;

  if (!IS (w, STRING))
    return walker_error (w, priority, COMMUNITY_PARSE_ERROR_TYPE, NULL,
                         "expected a date (YYYY-MM-DD), found %s", FOUND (w));
  if (w->token.len != 10 || !is_digits (s, 4) || s[4] != '-' ||
      !is_digits (s + 5, 2) || s[7] != '-' || !is_digits (s + 8, 2))
    return walker_error (w, priority, COMMUNITY_PARSE_ERROR_DATE, NULL,
                         "expected a date written YYYY-MM-DD");
  year = digits_value (s, 4);
  month = digits_value (s + 5, 2);
  day = digits_value (s + 8, 2);
  if (!g_date_valid_dmy (day, month, year))
    return walker_error (w, priority, COMMUNITY_PARSE_ERROR_DATE, NULL,
                         "expected a real date, found %04u-%02u-%02u", year, month, day);
  *out = g_date_new_dmy (day, month, year);
  return TRUE;
}

/* Time zones by offset: GLib builds a new one for every timestamp. */
static GTimeZone *
zone_for_offset (const char *zone,
                 gsize       len)
{
  static GHashTable *zones;
  G_LOCK_DEFINE_STATIC (zones);
  g_autofree char *key = g_strndup (zone, len);
  GTimeZone *tz;

  G_LOCK (zones);
  /* Both readers may ask at once; GLib's lock is invisible to
   * ThreadSanitizer (community-handoff-private.h). */
  community_handoff_acquire (&zones);
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
  community_handoff_release (&zones);
  G_UNLOCK (zones);
  return tz;
}

/* RFC 3339: full-date "T" full-time, with a mandatory offset. The common
 * shape YYYY-MM-DDTHH:MM:SS±HH:MM is built directly (with a cached zone);
 * anything else goes through GLib's ISO 8601 parser, which takes more
 * forms (week dates, no offset with a default zone): the prefix check
 * keeps to the RFC's, and passing no default zone makes the offset
 * mandatory. */
static gboolean
read_timestamp (Walker     *w,
                GDateTime **out)
{
  const char *str = w->token.str;
  gsize len = w->token.len;
  GDateTime *dt = NULL;

  if (!expect_string (w, "an RFC 3339 timestamp"))
    return FALSE;

  if (len >= 19 && is_digits (str, 4) && str[4] == '-' && is_digits (str + 5, 2) &&
      str[7] == '-' && is_digits (str + 8, 2) && (str[10] == 'T' || str[10] == 't') &&
      is_digits (str + 11, 2) && str[13] == ':' && is_digits (str + 14, 2) && str[16] == ':')
    {
      if (len == 25 && str[10] == 'T' && is_digits (str + 17, 2) &&
          (str[19] == '+' || str[19] == '-') && is_digits (str + 20, 2) && str[22] == ':' &&
          is_digits (str + 23, 2))
        {
          guint hour = digits_value (str + 11, 2), minute = digits_value (str + 14, 2);
          guint second = digits_value (str + 17, 2);
          guint year = digits_value (str, 4), month = digits_value (str + 5, 2);
          guint day = digits_value (str + 8, 2);
          GTimeZone *tz;

          if (hour <= 23 && minute <= 59 && second <= 59 && g_date_valid_dmy (day, month, year) &&
              digits_value (str + 20, 2) <= 23 && digits_value (str + 23, 2) <= 59)
            {
              if (w->last_zone != NULL && memcmp (w->last_offset, str + 19, 6) == 0)
                tz = w->last_zone;
              else if ((tz = zone_for_offset (str + 19, 6)) != NULL)
                {
                  g_clear_pointer (&w->last_zone, g_time_zone_unref);
                  w->last_zone = tz;
                  memcpy (w->last_offset, str + 19, 6);
                }
              if (tz != NULL)
                dt = g_date_time_new (tz, (int) year, (int) month, (int) day, (int) hour, (int) minute, second);
            }
        }
      /* Any other shape, and the common one when the zone cache is full
       * (64 offsets seen in this process): GLib's parser. */
      if (dt == NULL)
        {
          g_autofree char *copy = g_strndup (str, len);

          dt = g_date_time_new_from_iso8601 (copy, NULL);
        }
    }

  if (dt == NULL)
    return CONTENT_ERROR (w, COMMUNITY_PARSE_ERROR_DATE,
                          "expected an RFC 3339 timestamp with an offset, "
                          "e.g. 2019-03-02T09:30:00+08:00");
  *out = dt;
  return TRUE;
}

/* --- staged strings --- */

/* The string token appended to the staged text, nul-terminated; its
 * offset from @base in *@offset. */
static void
stage_string (Walker *w,
              gsize   base,
              gint64 *offset)
{
  gsize len = w->token.len;

  *offset = (gint64) (w->text->len - base);
  /* Mostly it fits: no call to grow the string. */
  if (G_UNLIKELY (w->text->len + len + 1 >= w->text->allocated_len))
    g_string_set_size (w->text, w->text->len + len + 1);
  else
    {
      w->text->len += len + 1;
      w->text->str[w->text->len] = '\0';
    }
  community_json_copy_bytes (w->text->str + w->text->len - len - 1, w->token.str, len);
  w->text->str[w->text->len - 1] = '\0';
}

/* A string array, staged: *@out is COMMUNITY_TEXT_STRV (offset from
 * @base, count), and *@in_text TRUE; or, beyond what that can say, a GStrv
 * in out->p and *@in_text FALSE. */
static gboolean
read_strv (Walker             *w,
           gsize               base,
           CommunityFieldSlot *out,
           gboolean           *in_text)
{
  gsize first = w->text->len - base;
  guint64 count = 0;
  gint64 offset;
  guint depth;

  if (w->source->cells && IS (w, STRING))
    {
      Token cell = w->token;
      gsize pos = 0;

      while (cell_next_item (w, cell.str, cell.len, &pos))
        {
          stage_string (w, base, &offset);
          count++;
        }
      w->token = cell;
    }
  else
    {
      if (!IS (w, ARRAY_START))
        return CONTENT_ERROR (w, COMMUNITY_PARSE_ERROR_TYPE, "expected an array of strings, found %s", FOUND (w));
      depth = w->source->depth;
      for (;;)
        {
          if (!advance (w))
            return FALSE;
          if (IS (w, ARRAY_END))
            break;
          if (!expect_string (w, "a string"))
            return skip_rest (w, depth);
          stage_string (w, base, &offset);
          count++;
        }
    }

  if (count < COMMUNITY_TEXT_STRV_MAX_COUNT && first < COMMUNITY_TEXT_STRV_MAX_OFFSET)
    {
      out->i = COMMUNITY_TEXT_STRV (first, count);
      *in_text = TRUE;
    }
  else
    {
      GStrv strv = g_new (char *, count + 1);
      const char *p = w->text->str + base + first;

      for (guint64 i = 0; i < count; i++, p += strlen (p) + 1)
        strv[i] = g_strdup (p);
      strv[count] = NULL;
      g_string_truncate (w->text, base + first);
      out->p = strv;
      *in_text = FALSE;
    }
  return TRUE;
}

/* --- unknown members --- */

/* Any value, from the last token on, as a sealed JsonNode, nesting
 * tracked on an explicit stack (the source bounds it). */
static gboolean
read_any (Walker    *w,
          JsonNode **out)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();   /* open nodes */
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  JsonNode *root = NULL;

  for (;;)
    {
      JsonNode *node = NULL;
      gboolean open = FALSE;

      switch (w->token.type)
        {
        case COMMUNITY_JSON_TOKEN_OBJECT_START:
          node = community_json_object_node (json_object_new ());
          open = TRUE;
          break;
        case COMMUNITY_JSON_TOKEN_ARRAY_START:
          node = community_json_array_node (json_array_new ());
          open = TRUE;
          break;
        case COMMUNITY_JSON_TOKEN_OBJECT_END:
        case COMMUNITY_JSON_TOKEN_ARRAY_END:
          g_ptr_array_set_size (stack, stack->len - 1);
          g_ptr_array_set_size (keys, keys->len - 1);
          break;
        case COMMUNITY_JSON_TOKEN_MEMBER:
          g_free (g_ptr_array_index (keys, keys->len - 1));
          g_ptr_array_index (keys, keys->len - 1) = g_strndup (w->token.str, w->token.len);
          break;
        case COMMUNITY_JSON_TOKEN_STRING:
          {
            g_autofree char *copy = g_strndup (w->token.str, w->token.len);

            node = json_node_init_string (json_node_alloc (), copy);
          }
          break;
        case COMMUNITY_JSON_TOKEN_INT:
          node = json_node_init_int (json_node_alloc (), w->token.i);
          break;
        case COMMUNITY_JSON_TOKEN_DOUBLE:
          node = json_node_init_double (json_node_alloc (), w->token.d);
          break;
        case COMMUNITY_JSON_TOKEN_TRUE:
        case COMMUNITY_JSON_TOKEN_FALSE:
          node = json_node_init_boolean (json_node_alloc (), IS (w, TRUE));
          break;
        case COMMUNITY_JSON_TOKEN_NULL:
          node = json_node_init_null (json_node_alloc ());
          break;
        case COMMUNITY_JSON_TOKEN_END:
        default:
          g_assert_not_reached ();
        }

      if (node != NULL)
        {
          if (stack->len == 0)
            root = node;
          else
            {
              JsonNode *parent = g_ptr_array_index (stack, stack->len - 1);

              if (JSON_NODE_HOLDS_OBJECT (parent))
                json_object_set_member (json_node_get_object (parent),
                                        g_ptr_array_index (keys, keys->len - 1), node);
              else
                json_array_add_element (json_node_get_array (parent), node);
            }
          if (open)
            {
              g_ptr_array_add (stack, node);
              g_ptr_array_add (keys, NULL);
            }
        }

      if (stack->len == 0)
        break;
      if (!advance (w))
        {
          json_node_unref (root);
          return FALSE;
        }
    }

  json_node_seal (root);
  *out = root;
  return TRUE;
}

/* The member whose name the last token was, its value next, into @extra
 * (created if NULL). */
static gboolean
read_unknown_member (Walker      *w,
                     JsonObject **extra)
{
  g_autofree char *name = g_strndup (w->token.str, w->token.len);
  JsonNode *node;

  if (*extra != NULL && json_object_has_member (*extra, name))
    return duplicate_name (w);
  if (!advance_value (w) || !read_any (w, &node))
    return FALSE;
  if (*extra == NULL)
    *extra = json_object_new ();
  json_object_set_member (*extra, name, node);
  return TRUE;
}

/* --- records --- */

static gboolean read_record (Walker           *w,
                             GType             type,
                             CommunityRecord **out);

static gboolean
read_record_list (Walker                *w,
                  const CommunityField  *field,
                  GListModel           **out)
{
  GType item_type = field->item_type ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint depth;

  if (!IS (w, ARRAY_START))
    return CONTENT_ERROR (w, COMMUNITY_PARSE_ERROR_TYPE, "expected an array of objects, found %s", FOUND (w));
  depth = w->source->depth;
  for (;;)
    {
      CommunityRecord *item;

      if (!advance (w))
        return FALSE;
      if (IS (w, ARRAY_END))
        break;
      if (!read_record (w, item_type, &item))
        return skip_rest (w, depth);
      g_ptr_array_add (items, item);
    }

  /* An array, not a GListStore's tree (community-entity-list.c). */
  *out = G_LIST_MODEL (community_entity_list_new_take (item_type, g_steal_pointer (&items)));
  return TRUE;
}

/* "3.20213E+11": what a spreadsheet makes of a long code it took for a
 * number. */
static gboolean
looks_like_scientific (const char *s,
                       gsize       len)
{
  gsize i = 0;

  cell_trim (&s, &len);
  if (len < 3 || !g_ascii_isdigit (s[i++]))
    return FALSE;
  if (i < len && s[i] == '.')
    for (i++; i < len && g_ascii_isdigit (s[i]); i++)
      ;
  if (i >= len || (s[i] != 'E' && s[i] != 'e'))
    return FALSE;
  i++;
  if (i < len && (s[i] == '+' || s[i] == '-'))
    i++;
  if (i >= len)
    return FALSE;
  for (; i < len; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* One field's value, from the last token, by the type of its GParamSpec,
 * in the form community_record_take_fields() takes: strings and string
 * arrays as text staged from @base (*@in_text set), anything else as its
 * slot. Nothing is kept on failure (staged text goes with the record's).
 * @storage is the fundamental type of the field's value (the table's
 * storage[]): enums and flags are told by it without asking the type
 * system. */
static gboolean
read_field (Walker               *w,
            GParamSpec           *pspec,
            GType                 storage,
            const CommunityField *field,
            gsize                 base,
            CommunityFieldSlot   *out,
            gboolean             *in_text)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  *in_text = FALSE;
  if (type == G_TYPE_STRING)
    {
      if (G_UNLIKELY (w->source->cells) && !IS (w, STRING))
        return CONTENT_ERROR (w, COMMUNITY_PARSE_ERROR_TYPE,
                              "expected text, found %s: a code, an identity or an ID number must be "
                              "a text cell (format the column as text), so that no digit is lost",
                              FOUND (w));
      if (G_UNLIKELY (w->source->cells) && looks_like_scientific (w->token.str, w->token.len))
        return CONTENT_ERROR (w, COMMUNITY_PARSE_ERROR_TYPE,
                              "expected text, found a number in scientific notation: "
                              "a spreadsheet turned a code into a number and lost its digits");
      if (!expect_string (w, "a string"))
        return FALSE;
      stage_string (w, base, &out->i);
      *in_text = TRUE;
    }
  else if (type == G_TYPE_BOOLEAN)
    {
      cell_boolean (w);
      if (!IS (w, TRUE) && !IS (w, FALSE))
        return CONTENT_ERROR (w, COMMUNITY_PARSE_ERROR_TYPE, "expected true or false, found %s", FOUND (w));
      out->i = IS (w, TRUE);
    }
  else if (type == G_TYPE_UINT)
    {
      GParamSpecUInt *uspec = G_PARAM_SPEC_UINT (pspec);

      return read_integer (w, PRIORITY_CONTENT, uspec->minimum, uspec->maximum,
                           uspec->minimum == 0 ? "a non-negative integer" : "an integer", &out->i);
    }
  else if (type == G_TYPE_INT64)
    {
      GParamSpecInt64 *ispec = G_PARAM_SPEC_INT64 (pspec);

      /* Every int64 field of the format is an amount of money. */
      return read_integer (w, PRIORITY_CONTENT, ispec->minimum, ispec->maximum,
                           "a whole number of yuan", &out->i);
    }
  else if (type == G_TYPE_DOUBLE)
    return read_double (w, G_PARAM_SPEC_DOUBLE (pspec), &out->d);
  else if (storage == G_TYPE_ENUM)
    {
      int v = 0;

      if (!read_enum (w, G_PARAM_SPEC_ENUM (pspec)->enum_class, &v))
        return FALSE;
      out->i = v;
    }
  else if (storage == G_TYPE_FLAGS)
    {
      guint v = 0;

      if (!read_flags (w, G_PARAM_SPEC_FLAGS (pspec)->flags_class, &v))
        return FALSE;
      out->i = v;
    }
  else if (type == G_TYPE_STRV)
    return read_strv (w, base, out, in_text);
  else if (type == G_TYPE_DATE)
    {
      GDate *v = NULL;

      if (!read_date (w, PRIORITY_CONTENT, &v))
        return FALSE;
      out->p = v;
    }
  else if (type == G_TYPE_DATE_TIME)
    {
      GDateTime *v = NULL;

      if (!read_timestamp (w, &v))
        return FALSE;
      out->p = v;
    }
  else if (type == G_TYPE_LIST_MODEL)
    {
      GListModel *v = NULL;

      if (!read_record_list (w, field, &v))
        return FALSE;
      out->p = v;
    }
  else if (g_type_is_a (type, COMMUNITY_TYPE_RECORD))
    {
      CommunityRecord *v;

      if (!read_record (w, type, &v))
        return FALSE;
      out->p = v;
    }
  else
    g_assert_not_reached ();

  return TRUE;
}

/* The id of the field called @name (not nul-terminated), 0 if unknown.
 * Documents usually list members in the format's order: try the field
 * after the previous one first. */
static guint
lookup_field (const CommunityFieldTable *table,
              guint                      previous,
              const char                *name,
              gsize                      len)
{
  guint guess = previous + 1;

  if (guess <= table->n_fields && table->json_name_len[guess] == len &&
      community_json_bytes_equal (table->json_names[guess], name, len))
    return guess;
  /* Then every field: mostly a comparison of lengths each, cheaper than
   * hashing the name (a record type has a few dozen fields at most). */
  for (guint id = 1; id <= table->n_fields; id++)
    if (table->json_name_len[id] == len && community_json_bytes_equal (table->json_names[id], name, len))
      return id;
  return 0;
}

/* The field table of a record type: a record type's class lives as long
 * as the process; the last one is remembered (the type system's lookup
 * takes a lock). */
static const CommunityFieldTable *
table_of (Walker *w,
          GType   type)
{
  GTypeClass *klass;

  if (type == w->last_type)
    return w->last_table;
  klass = g_type_class_peek (type);
  if (klass == NULL)
    klass = g_type_class_ref (type);   /* classes are never freed */
  w->last_type = type;
  w->last_table = community_record_class_get_fields (COMMUNITY_RECORD_CLASS (klass));
  return w->last_table;
}

/* A record of @type from the last token (its object's start). */
static gboolean
read_record (Walker           *w,
             GType             type,
             CommunityRecord **out)
{
  const CommunityFieldTable *table = table_of (w, type);
  CommunityFieldSlot slots[COMMUNITY_MAX_FIELDS + 1];
  guint64 present = 0, in_text = 0;
  gsize base = w->text->len;   /* this record's text starts here */
  JsonObject *extra = NULL;
  CommunityRecord *record;
  guint64 seen = 0;
  guint previous = 0, depth;
  gboolean ok = FALSE, failed = FALSE;

  if (!IS (w, OBJECT_START))
    return CONTENT_ERROR (w, COMMUNITY_PARSE_ERROR_TYPE, "expected an object, found %s", FOUND (w));
  community_json_source_claim_names (w->source);
  depth = w->source->depth;

  /* Every member, even after one failed: the names are ours to check. */
  for (;;)
    {
      gboolean staged;
      guint id;

      if (!advance_member (w))
        goto out;
      if (IS (w, OBJECT_END))
        break;

      id = lookup_field (table, previous, w->token.str, w->token.len);
      if (id == 0)
        {
          /* Unknown to this version: kept for the round trip. */
          if (!read_unknown_member (w, &extra))
            goto out;
          continue;
        }
      if (seen & (G_GUINT64_CONSTANT (1) << id))
        {
          duplicate_name (w);
          goto out;
        }
      seen |= G_GUINT64_CONSTANT (1) << id;
      previous = id;

      if (!advance_value (w))
        goto out;
      if (failed)
        {
          if (!skip_to_depth (w, depth))
            goto out;
          continue;
        }
      /* null is "unknown" for an optional field; see the required check. */
      if (IS (w, NULL))
        continue;
      if (!read_field (w, table->pspecs[id], table->storage[id], &table->fields[id], base,
                       &slots[id], &staged))
        {
          if (w->fatal != NULL)
            goto out;
          failed = TRUE;
          continue;
        }
      present |= G_GUINT64_CONSTANT (1) << id;
      if (staged)
        in_text |= G_GUINT64_CONSTANT (1) << id;
    }
  if (failed)
    goto out;

  /* The fields a document must give (an optional identity is not one). */
  for (guint id = 1; (table->required & ~present) != 0 && id <= table->n_fields; id++)
    if ((table->required & ~present) & (G_GUINT64_CONSTANT (1) << id))
      {
        walker_error (w, PRIORITY_CONTENT, COMMUNITY_PARSE_ERROR_MISSING, table->json_names[id],
                      "the required member “%s” is missing or null", table->json_names[id]);
        goto out;
      }

  /* Every field at once, the strings in the record's own block; an
   * entity's identity too, behind GObject's construct-property path. */
  record = g_object_new (type, NULL);
  community_record_take_fields (record, present, slots, in_text, w->text->str + base,
                                w->text->len - base);
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
  for (guint64 left = present & ~in_text; left != 0; left &= left - 1)
    {
      guint id = (guint) __builtin_ctzll (left);

      community_record_clear_slot (table, id, &slots[id]);
    }
  g_string_truncate (w->text, base);
  g_clear_pointer (&extra, json_object_unref);
  return ok;
}

/* --- the dataset --- */

/* An entity whose identity an earlier one of its kind has. */
#define DUPLICATE_IDENTITY "expected a unique %s, but the %s at /%s/%u has the same one"

static const char *
kind_nick (CommunityEntityKind kind)
{
  g_autoptr(GEnumClass) kinds = g_type_class_ref (COMMUNITY_TYPE_ENTITY_KIND);

  return g_enum_get_value (kinds, kind)->value_nick;
}

/* The position in @entities of the first with @identity. */
static guint
position_of (GPtrArray  *entities,
             const char *identity)
{
  guint index = 0;

  while (g_strcmp0 (community_entity_get_identity (g_ptr_array_index (entities, index)), identity) != 0)
    index++;
  return index;
}

static gboolean split_here (Walker              *w,
                            CommunityEntityKind  kind,
                            guint                index);

/* The elements of an array of entities of @kind, from the next token on
 * to the array's end (whose depth is @depth), into @entities and
 * @identities: the whole array (after its start), or a part of it whose
 * first element is the array's @first (see "Two readers"). */
static gboolean
read_elements (Walker              *w,
               CommunityEntityKind  kind,
               guint                first,
               guint                depth,
               GPtrArray           *entities,
               GHashTable          *identities)
{
  GType type = community_entity_kind_get_entity_type (kind);

  for (;;)
    {
      CommunityRecord *record;
      const char *identity;

      if (G_UNLIKELY (w->split != NULL) && split_here (w, kind, first + entities->len))
        w->jumped = TRUE;
      if (!advance (w))
        return FALSE;
      if (IS (w, ARRAY_END))
        return TRUE;
      if (!read_record (w, type, &record))
        return skip_rest (w, depth);
      g_ptr_array_add (entities, record);

      /* An entity without its (optional) identity is not indexed. */
      identity = community_entity_get_identity (COMMUNITY_ENTITY (record));
      if (identity != NULL && !community_identity_index_add (identities, COMMUNITY_ENTITY (record)))
        {
          const CommunityFieldTable *table = community_record_get_fields (record);

          /* The first with this identity (the table now holds the last). */
          walker_error (w, PRIORITY_CONTENT, COMMUNITY_PARSE_ERROR_DUPLICATE,
                        table->json_names[table->identity_id], DUPLICATE_IDENTITY,
                        table->json_names[table->identity_id], kind_nick (kind),
                        community_entity_kind_get_member_name (kind),
                        first + position_of (entities, identity));
          return skip_rest (w, depth);
        }
    }
}

static gboolean
read_entities (Walker                   *w,
               CommunityEntityKind       kind,
               CommunityDatasetContents *contents)
{
  /* The duplicate check's table is the dataset's index, handed over. */
  g_autoptr(GHashTable) identities = community_identity_index_new ();
  g_autoptr(GPtrArray) entities = g_ptr_array_new_with_free_func (g_object_unref);

  if (!IS (w, ARRAY_START))
    return CONTENT_ERROR (w, COMMUNITY_PARSE_ERROR_TYPE, "expected an array of objects, found %s", FOUND (w));
  if (!read_elements (w, kind, 0, w->source->depth, entities, identities))
    return FALSE;

  contents->entities[kind] = g_steal_pointer (&entities);
  contents->index[kind] = g_steal_pointer (&identities);
  return TRUE;
}

static gboolean
lookup_kind (const char          *name,
             gsize                len,
             CommunityEntityKind *kind)
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

static gboolean
name_is (Walker     *w,
         const char *literal)
{
  gsize len = strlen (literal);

  return w->token.len == len && memcmp (w->token.str, literal, len) == 0;
}

/* The value of one member of the root object (the last token its name),
 * read to its end whatever happens, unless the source fails. */
static gboolean
read_root_member (Walker                   *w,
                  CommunityDatasetContents *contents,
                  gboolean                 *seen_format,
                  gboolean                 *seen_version)
{
  CommunityEntityKind kind;
  gint64 v;
  gboolean ok;

  if (name_is (w, "format"))
    {
      *seen_format = TRUE;
      if (!advance (w))
        return FALSE;
      if (!IS (w, STRING) || !name_is (w, DATASET_FORMAT))
        walker_error (w, PRIORITY_FORMAT, COMMUNITY_PARSE_ERROR_FORMAT, NULL,
                      "expected the string “" DATASET_FORMAT "”: "
                      "this is not a libcommunity dataset");
    }
  else if (name_is (w, "version"))
    {
      *seen_version = TRUE;
      if (!advance (w))
        return FALSE;
      if (read_integer (w, PRIORITY_VERSION, 0, G_MAXINT64, "a version number", &v) &&
          v != DATASET_VERSION)
        walker_error (w, PRIORITY_VERSION, COMMUNITY_PARSE_ERROR_VERSION, NULL,
                      "expected version %d, found version %" G_GINT64_FORMAT
                      ", which this library does not read", DATASET_VERSION, v);
    }
  else if (w->priority != PRIORITY_NONE)
    {
      /* Refused already: only the header and the source's errors matter. */
      if (!advance (w))
        return FALSE;
    }
  else if (name_is (w, "as_of"))
    {
      GDate *as_of;

      if (!advance (w))
        return FALSE;
      if (read_date (w, PRIORITY_CONTENT, &as_of))
        {
          g_clear_pointer (&contents->as_of, g_date_free);
          contents->as_of = as_of;
        }
    }
  else if (name_is (w, "codes_year"))
    {
      if (!advance (w))
        return FALSE;
      if (read_integer (w, PRIORITY_CONTENT, 1900, 9999, "a year", &v))
        contents->codes_year = (guint) v;
    }
  else if (lookup_kind (w->token.str, w->token.len, &kind))
    {
      if (!advance (w))
        return FALSE;
      read_entities (w, kind, contents);
    }
  else
    {
      /* Unknown to this version: kept for the round trip. */
      ok = read_unknown_member (w, &contents->extra);
      if (!ok && w->fatal != NULL)
        return FALSE;
    }

  /* Whatever is left of the value. */
  return w->fatal == NULL && skip_to_depth (w, 1);
}

static gboolean
walk (Walker                   *w,
      CommunityDatasetContents *contents)
{
  gboolean seen_format = FALSE, seen_version = FALSE;

  if (!advance (w))
    return FALSE;
  if (!IS (w, OBJECT_START))
    {
      walker_error (w, PRIORITY_ROOT, COMMUNITY_PARSE_ERROR_FORMAT, NULL,
                    "expected an object, found %s", FOUND (w));
      if (!skip_to_depth (w, 0))
        return FALSE;
    }
  else
    {
      /* The root's names, for the duplicate check, which is ours. */
      g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

      community_json_source_claim_names (w->source);
      for (;;)
        {
          if (!advance (w))
            return FALSE;
          if (IS (w, OBJECT_END))
            break;
          if (!g_hash_table_add (names, g_strndup (w->token.str, w->token.len)))
            return duplicate_name (w);
          if (!read_root_member (w, contents, &seen_format, &seen_version))
            return FALSE;
        }

      /* What the document is comes first, wherever it is written: a
       * document of another format is refused as such, not for its first
       * odd member. */
      if (!seen_format)
        walker_error (w, PRIORITY_FORMAT, COMMUNITY_PARSE_ERROR_FORMAT, "format",
                      "the required member “format” is missing");
      if (!seen_version)
        walker_error (w, PRIORITY_VERSION, COMMUNITY_PARSE_ERROR_MISSING, "version",
                      "the required member “version” is missing");
    }

  /* Nothing after the document. */
  if (!advance (w))
    return FALSE;
  g_assert (IS (w, END));
  return w->priority == PRIORITY_NONE;
}

/* --- two readers ---
 *
 * A large document in memory or in a regular file is read on two
 * threads. The second (the part's) first finds where to cut
 * (community_json_split_find(): the largest array of entities, cut so
 * that both threads have about as much to do), then reads the elements
 * of that array from the cut to its end with a tokenizer of its own
 * (community_json_tokenizer_new_part()). The first reads the document as
 * the one reader does and, arriving at the cut, jumps to the array's end
 * (community_json_tokenizer_jump()), if it claimed the part: only when it
 * was still before the cut once the second had found it. A reader that
 * never jumped (the cut found late, an error before it, a document the
 * scan misread) has read everything itself, and the part is dropped.
 *
 * Both readers build records; the part's are appended to the first's of
 * their kind, and checked against them for a repeated identity. Which
 * error the document gets is decided as the one reader would have (see
 * the top of this file): the source's errors first, the first in the
 * document (the first reader has none before the cut, or it would not
 * have come to it: so the part's, then the first reader's); then the
 * walker's own, the highest priority first, and of one priority the first
 * in the document: the first reader's made before the jump (none: a
 * reader with an error reads no more records), the part's (a repeated
 * identity across the cut, found here, comes before any of the part's own
 * errors, which stop it), the first reader's after the jump.
 *
 * Nothing else is shared: the readers' tokens, records, staged text and
 * errors are their own; the split's state goes through its lock. */

/* A document smaller than this is read by one thread. */
#define SPLIT_MIN_SIZE (8u << 20)
/* The part's share of the document: the scan costs the second thread
 * about a tenth of what reading the bytes it scans costs, and it scans
 * some three quarters of them (it stops after the largest array), so that
 * each thread has about as much to do (doc/performance.md). */
#define SPLIT_SHARE 0.48
/* A smaller part is not worth a thread. */
#define SPLIT_MIN_SHARE 0.10

typedef enum {
  SPLIT_SCANNING,   /* the second thread is looking for the cut */
  SPLIT_NONE,       /* there is none */
  SPLIT_FOUND,      /* there is one, and the part is being read */
  SPLIT_CLAIMED,    /* the first reader will jump at the cut */
  SPLIT_LATE,       /* it will not: the part is dropped */
} SplitState;

typedef struct _Split {
  GMutex lock;
  GCond changed;
  gint state;                     /* SplitState, atomic */
  CommunityJsonInput input;
  CommunityJsonSplit where;
  CommunityEntityKind kind;
  CommunityJsonSource *part;      /* the second reader's tokenizer */
  GThread *thread;
  /* What the part read. */
  GPtrArray *records;
  GHashTable *identities;
  gboolean complete;              /* to the array's end, at where.end */
  GError *fatal, *pending;
} Split;

static gsize split_min_size = SPLIT_MIN_SIZE;
static guint split_merges;      /* parts merged, for tests */
static double split_share = SPLIT_SHARE;
static gboolean split_wait;

guint
community_json_walk_get_split_count (void)
{
  return (guint) g_atomic_int_get (&split_merges);
}

void
community_json_walk_set_split (gsize    min_size,
                               double   share,
                               gboolean wait)
{
  split_min_size = min_size;
  split_share = share;
  split_wait = wait;
}

/* COMMUNITY_LOAD_THREADS=1 in the environment: one reader (benchmarks,
 * doc/performance.md). */
static gboolean
one_thread_asked (void)
{
  const char *threads = g_getenv ("COMMUNITY_LOAD_THREADS");

  return threads != NULL && g_str_equal (threads, "1");
}

static gboolean
is_entity_member (const char *member)
{
  CommunityEntityKind kind;

  return lookup_kind (member, strlen (member), &kind);
}

static void
set_split_state (Split      *split,
                 SplitState  from,
                 SplitState  to)
{
  /* Atomic, which ThreadSanitizer sees (GLib's mutexes are futexes it
   * does not); the lock is the condition's. */
  g_mutex_lock (&split->lock);
  g_atomic_int_compare_and_exchange (&split->state, (gint) from, (gint) to);
  g_cond_broadcast (&split->changed);
  g_mutex_unlock (&split->lock);
}

/* Whether the first reader, about to read element @index of an array of
 * @kind, jumps over the part from here. */
static gboolean
split_here (Walker              *w,
            CommunityEntityKind  kind,
            guint                index)
{
  Split *split = w->split;
  gint state = g_atomic_int_get (&split->state);

  if (state == SPLIT_FOUND)
    {
      /* Claimed if this reader is still before the cut. */
      set_split_state (split, SPLIT_FOUND,
                       community_json_tokenizer_get_offset (w->source) < split->where.offset
                       ? SPLIT_CLAIMED : SPLIT_LATE);
      state = g_atomic_int_get (&split->state);
    }
  if (state != SPLIT_CLAIMED || kind != split->kind || index != split->where.index)
    return FALSE;
  /* Once: a reader that cannot jump here reads the part itself. */
  w->split = NULL;
  return community_json_tokenizer_jump (w->source, split->where.offset, split->where.end);
}

/* The second thread: the cut, then the part's elements. */
static gpointer
read_part (gpointer data)
{
  Split *split = data;
  Walker w = { 0, };

  if (!community_json_split_find (&split->input, is_entity_member, split_share, &split->where) ||
      (!split_wait && (double) (split->where.end - split->where.offset) < SPLIT_MIN_SHARE * (double) split->input.size) ||
      !lookup_kind (split->where.member, strlen (split->where.member), &split->kind) ||
      (split->part = community_json_tokenizer_new_part (&split->input, split->where.offset,
                                                         split->where.member, split->where.index)) == NULL)
    {
      set_split_state (split, SPLIT_SCANNING, SPLIT_NONE);
      return NULL;
    }
  set_split_state (split, SPLIT_SCANNING, SPLIT_FOUND);
  if (g_atomic_int_get (&split->state) == SPLIT_LATE)
    return NULL;

  w.source = split->part;
  walker_begin (&w);
  split->records = g_ptr_array_new_with_free_func (g_object_unref);
  split->identities = community_identity_index_new ();
  split->complete = read_elements (&w, split->kind, split->where.index, split->part->depth,
                                   split->records, split->identities) &&
                    community_json_tokenizer_get_offset (split->part) == split->where.end + 1;
  walker_end (&w);
  split->fatal = w.fatal;
  split->pending = w.pending;
  return NULL;
}

static void
split_free (Split *split)
{
  g_clear_pointer (&split->records, g_ptr_array_unref);
  g_clear_pointer (&split->identities, g_hash_table_unref);
  g_clear_error (&split->fatal);
  g_clear_error (&split->pending);
  g_clear_pointer (&split->part, community_json_source_free);
  g_mutex_clear (&split->lock);
  g_cond_clear (&split->changed);
  g_free (split);
}

/* After the first reader's walk, which jumped over the part: the part's
 * records into @contents, or the error the document gets into @w. */
static void
merge_part (Walker                   *w,
            Split                    *split,
            CommunityDatasetContents *contents)
{
  GPtrArray *entities = contents->entities[split->kind];
  GHashTable *identities = contents->index[split->kind];
  GError *part_error = NULL;

  if (split->fatal != NULL)
    {
      /* Before anything the first reader met after the jump. */
      g_clear_error (&w->fatal);
      w->fatal = g_steal_pointer (&split->fatal);
      return;
    }
  if (w->fatal != NULL || w->priority > PRIORITY_CONTENT ||
      (w->pending != NULL && !w->pending_after_jump))
    return;

  /* The part's first error: a repeated identity across the cut, or its
   * own (none of its records comes after that). Checked against the first
   * reader's table before any of the part's goes in: a part that failed on
   * a repeated identity of its own holds both records, the second last. */
  for (guint i = 0; entities != NULL && i < split->records->len && part_error == NULL; i++)
    {
      CommunityEntity *entity = g_ptr_array_index (split->records, i);
      const char *identity = community_entity_get_identity (entity);
      const CommunityFieldTable *table = community_record_get_fields (COMMUNITY_RECORD (entity));
      g_autoptr(GString) pointer = NULL;

      if (identity == NULL || community_identity_index_lookup (identities, identity) == NULL)
        continue;
      pointer = g_string_new (NULL);
      community_json_pointer_push_member (pointer, split->where.member);
      community_json_pointer_push_index (pointer, split->where.index + i);
      community_json_pointer_push_member (pointer, table->json_names[table->identity_id]);
      community_json_set_error (&part_error, COMMUNITY_PARSE_ERROR_DUPLICATE, pointer, DUPLICATE_IDENTITY,
                                table->json_names[table->identity_id], kind_nick (split->kind),
                                split->where.member, position_of (entities, identity));
    }
  if (part_error == NULL && split->pending != NULL)
    part_error = g_steal_pointer (&split->pending);
  if (part_error != NULL)
    {
      g_clear_error (&w->pending);
      w->pending = part_error;
      w->priority = PRIORITY_CONTENT;
      return;
    }
  if (w->pending != NULL || entities == NULL)
    return;

  for (guint i = 0; i < split->records->len; i++)
    {
      CommunityEntity *entity = g_ptr_array_index (split->records, i);
      const char *identity = community_entity_get_identity (entity);

      if (identity != NULL)
        community_identity_index_add (identities, entity);
    }
  g_ptr_array_extend_and_steal (entities, g_steal_pointer (&split->records));
  g_atomic_int_inc (&split_merges);
}

/*
 * community_json_walk_dataset:
 * @source: where the tokens come from
 * @contents: (out caller-allocates): what the document holds
 * @error: return location for a COMMUNITY_PARSE_ERROR, or the source's
 *
 * Reads a dataset document from @source, all of it, strictly. On failure
 * @contents is empty and @error says why and where (see the top of this
 * file for which error a document with several gets).
 *
 * Returns: %TRUE if the document was read
 */
gboolean
community_json_walk_dataset (CommunityJsonSource       *source,
                             CommunityDatasetContents  *contents,
                             GError                   **error)
{
  Walker w = {
    .source = source,
  };
  CommunityJsonInput input;
  Split *split = NULL;
  gboolean ok;

  memset (contents, 0, sizeof *contents);
  if (community_json_tokenizer_get_input (source, &input) && input.size >= split_min_size &&
      (split_wait || (g_get_num_processors () > 1 && !one_thread_asked ())))
    {
      split = g_new0 (Split, 1);
      g_mutex_init (&split->lock);
      g_cond_init (&split->changed);
      split->input = input;
      split->thread = g_thread_try_new ("community-load", read_part, split, NULL);
      if (split->thread == NULL)
        g_clear_pointer (&split, split_free);
      else if (split_wait)
        {
          /* Tests: the cut is known before the first reader begins. */
          g_mutex_lock (&split->lock);
          while (g_atomic_int_get (&split->state) == SPLIT_SCANNING)
            g_cond_wait (&split->changed, &split->lock);
          g_mutex_unlock (&split->lock);
        }
      w.split = split;
    }

  walker_begin (&w);
  ok = walk (&w, contents);
  walker_end (&w);

  if (split != NULL)
    {
      set_split_state (split, SPLIT_SCANNING, SPLIT_LATE);
      set_split_state (split, SPLIT_FOUND, SPLIT_LATE);
      g_thread_join (split->thread);
      if (w.jumped)
        {
          /* The part's reader stops at the end the scan saw, unless it
           * failed before. */
          g_assert (split->complete || split->fatal != NULL || split->pending != NULL);
          merge_part (&w, split, contents);
          ok = w.fatal == NULL && w.priority == PRIORITY_NONE;
        }
      split_free (split);
    }

  if (!ok)
    {
      community_dataset_contents_clear (contents);
      if (w.fatal != NULL)
        g_propagate_error (error, g_steal_pointer (&w.fatal));
      else
        g_propagate_error (error, g_steal_pointer (&w.pending));
    }
  g_clear_error (&w.fatal);
  g_clear_error (&w.pending);
  return ok;
}

void
community_json_source_free (CommunityJsonSource *self)
{
  if (self != NULL)
    self->klass->free (self);
}
