/* test-hostile.c: hostile input and failing saves
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Everything here goes through the public API (load_from_data, _bytes,
 * _file, save_to_file), so it tests whichever parser the library uses.
 * Each bad document must give a GError whose message starts with the JSON
 * Pointer of the offending value, never crash, hang or overflow the stack,
 * leave the dataset it was loaded into exactly as it was, and never quote
 * personal data. Legal documents, however odd, must load.
 */

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <glib/gstdio.h>

#include "test-common.h"

#define HEAD "{\"format\": \"libcommunity-dataset\", \"version\": 1, "

/* The documented limit (COMMUNITY_PARSE_ERROR_LIMIT). */
#define MAX_DEPTH 512

/* Deep enough to overflow any recursive parser's stack. */
#define HOSTILE_DEPTH 200000

/* --- helpers --- */

static char *
sample_text (gsize *length)
{
  char *text = NULL;

  ck_assert (g_file_get_contents (community_test_sample_path (), &text, length, NULL));
  return text;
}

static void
count_changes (GListModel *model,
               guint       position,
               guint       removed,
               guint       added,
               guint      *count)
{
  (*count)++;
}

/* Loads @data (@length bytes, -1: nul-terminated) into a dataset that holds
 * the sample, asserts it is refused with @domain/@code and a message that
 * starts with @pointer, and that the dataset is exactly as it was: the same
 * document, no signal. Returns the error's message, to be freed. */
static char *
assert_refused_full (const char *data,
                     gssize      length,
                     GQuark      domain,
                     int         code,
                     const char *pointer)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = community_dataset_save_to_data (dataset, NULL);
  g_autofree char *after = NULL;
  guint changes = 0, notifies = 0;

  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    g_signal_connect (community_dataset_get_items (dataset, kind), "items-changed",
                      G_CALLBACK (count_changes), &changes);
  g_signal_connect (dataset, "notify", G_CALLBACK (community_test_count_notify), &notifies);

  ck_assert (!community_dataset_load_from_data (dataset, data, length, &error));
  community_test_assert_error (error, domain, code, pointer);

  after = community_dataset_save_to_data (dataset, NULL);
  ck_assert_msg (g_str_equal (before, after), "a refused document changed the dataset");
  ck_assert_uint_eq (changes, 0);
  ck_assert_uint_eq (notifies, 0);

  return g_strdup (error->message);
}

static void
assert_refused (const char          *json,
                CommunityParseError  code,
                const char          *pointer)
{
  g_free (assert_refused_full (json, -1, COMMUNITY_PARSE_ERROR, code, pointer));
}

static CommunityDataset *
assert_loads (const char *data,
              gssize      length)
{
  CommunityDataset *dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;

  ck_assert_msg (community_dataset_load_from_data (dataset, data, length, &error),
                 "refused: %s", error != NULL ? error->message : "");
  return dataset;
}

/* A document whose unknown member "x-deep" holds @depth nested arrays
 * (objects {"a": …} if @objects), closed unless @unclosed. */
static char *
deep_document (guint    depth,
               gboolean objects,
               gboolean unclosed)
{
  GString *doc = g_string_new (HEAD "\"x-deep\": ");

  for (guint i = 0; i < depth; i++)
    g_string_append (doc, objects ? "{\"a\": " : "[");
  g_string_append (doc, "1");
  if (!unclosed)
    {
      for (guint i = 0; i < depth; i++)
        g_string_append_c (doc, objects ? '}' : ']');
      g_string_append_c (doc, '}');
    }
  return g_string_free (doc, FALSE);
}

/* The pointer of the container one level too deep in deep_document(): the
 * root object is level 1, "x-deep" level 2. */
static char *
too_deep_pointer (const char *prefix,
                  const char *step)
{
  GString *pointer = g_string_new (prefix);

  for (guint level = 2; level <= MAX_DEPTH; level++)
    g_string_append (pointer, step);
  return g_string_free (pointer, FALSE);
}

/* --- empty, truncated, binary --- */

START_TEST (test_empty)
{
  static const char * const empties[] = { "", " ", "\n\n\t \r\n", "\xEF\xBB\xBF", "\xEF\xBB\xBF  " };

  for (guint i = 0; i < G_N_ELEMENTS (empties); i++)
    assert_refused (empties[i], COMMUNITY_PARSE_ERROR_SYNTAX, "(root)");

  /* NULL with length 0, and a length of 0 for non-empty data. */
  g_free (assert_refused_full (NULL, 0, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX, "(root)"));
  g_free (assert_refused_full (HEAD "}", 0, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX, "(root)"));
}
END_TEST

START_TEST (test_empty_file)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityDataset) pristine = community_test_load_sample ();
  g_autoptr(GError) error = NULL;

  ck_assert (!community_dataset_load_from_file (dataset, "/dev/null", &error));
  community_test_assert_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX, "(root)");
  ck_assert (community_dataset_equal (dataset, pristine));
  g_clear_error (&error);

  /* A directory is a file error, not a crash. */
  ck_assert (!community_dataset_load_from_file (dataset, "/", &error));
  ck_assert (error != NULL && error->domain == G_FILE_ERROR);
  ck_assert (community_dataset_equal (dataset, pristine));
}
END_TEST

/* The sample cut short at @_i-th of a spread of places: every proper
 * prefix of an object is malformed. */
#define N_TRUNCATIONS 96

START_TEST (test_truncated)
{
  gsize length;
  g_autofree char *text = sample_text (&length);
  gsize end = length;  /* the offset of the closing brace */
  gsize cut;

  while (end > 0 && text[end - 1] != '}')
    end--;
  end--;

  /* The first 32 bytes one by one, then evenly spread, then the last few. */
  if (_i < 32)
    cut = _i;
  else if (_i < N_TRUNCATIONS - 8)
    cut = 32 + (end - 40) * (_i - 32) / (N_TRUNCATIONS - 40);
  else
    cut = end - (N_TRUNCATIONS - 1 - _i);
  ck_assert (cut < end + 1);

  g_free (assert_refused_full (text, cut, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX, "(root)"));
}
END_TEST

START_TEST (test_truncated_in_a_character)
{
  /* Cut in the middle of 无锡市's first character (3 bytes in UTF-8). */
  const char *doc = HEAD "\"divisions\": [{\"code\": \"320200000000\", \"name\": \"无锡市\"}]}";
  gsize cut = strstr (doc, "无") - doc + 1;

  g_free (assert_refused_full (doc, cut, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX, "(root)"));
  g_free (assert_refused_full (doc, cut + 1, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX, "(root)"));
}
END_TEST

static const struct {
  const char *what;
  const char *bytes;
  gsize length;
} binaries[] = {
  { "ELF", "\x7F" "ELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x03\x00\x3E\x00", 20 },
  { "gzip", "\x1F\x8B\x08\x00\x00\x00\x00\x00\x00\x03\xAB\x56\x4A\xCB\x2F", 15 },
  { "PNG", "\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR", 16 },
  { "NUL bytes", "\0\0\0\0\0\0\0\0", 8 },
  { "UTF-16LE with BOM", "\xFF\xFE{\0\"\0f\0o\0r\0m\0a\0t\0\"\0", 20 },
  { "UTF-16BE", "\0{\0\"\0f\0o\0r\0m\0a\0t\0\"", 18 },
  { "UTF-32LE", "{\0\0\0\"\0\0\0", 8 },
  { "Latin-1 outside strings", "{\"format\"\xA0: 1}", 14 },
  { "a NUL after the document", HEAD "\"x\": 1}\0{\"y\": 2}", sizeof (HEAD) - 1 + 8 + 8 },
  { "a NUL in a string", HEAD "\"x\": \"a\0b\"}", sizeof (HEAD) - 1 + 11 },
  { "a NUL between members", HEAD "\0\"x\": 1}", sizeof (HEAD) - 1 + 8 },
};

START_TEST (test_binary)
{
  g_free (assert_refused_full (binaries[_i].bytes, binaries[_i].length,
                               COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX, "(root)"));
}
END_TEST

START_TEST (test_random_bytes)
{
  /* Fixed seeds: the same noise every run. None starts with a quote. */
  g_autoptr(GRand) rand = g_rand_new_with_seed (20180704 + _i);
  g_autofree guint8 *noise = g_malloc (65536);

  for (gsize i = 0; i < 65536; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  if (noise[0] == '"' || noise[0] == '[' || noise[0] == '{')
    noise[0] = 0xFF;

  g_free (assert_refused_full ((const char *) noise, 65536,
                               COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX, "(root)"));
}
END_TEST

START_TEST (test_binary_file)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityDataset) pristine = community_test_load_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-hostile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "binary.json", NULL);
  g_autoptr(GBytes) bytes = g_bytes_new_static (binaries[0].bytes, binaries[0].length);

  ck_assert (g_file_set_contents (path, binaries[0].bytes, binaries[0].length, NULL));
  ck_assert (!community_dataset_load_from_file (dataset, path, &error));
  community_test_assert_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX, "(root)");
  ck_assert (community_dataset_equal (dataset, pristine));
  g_clear_error (&error);

  ck_assert (!community_dataset_load_from_bytes (dataset, bytes, &error));
  community_test_assert_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX, "(root)");
  ck_assert (community_dataset_equal (dataset, pristine));

  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* --- not a dataset, not strict JSON --- */

static const struct {
  const char *json;
  CommunityParseError code;
  const char *pointer;
} bad_documents[] = {
  /* The root is not an object. */
  { "[]", COMMUNITY_PARSE_ERROR_FORMAT, "(root)" },
  { "[" HEAD "\"x\": 1}]", COMMUNITY_PARSE_ERROR_FORMAT, "(root)" },
  { "42", COMMUNITY_PARSE_ERROR_FORMAT, "(root)" },
  { "-0.5e3", COMMUNITY_PARSE_ERROR_FORMAT, "(root)" },
  { "\"libcommunity-dataset\"", COMMUNITY_PARSE_ERROR_FORMAT, "(root)" },
  { "null", COMMUNITY_PARSE_ERROR_FORMAT, "(root)" },
  { "true", COMMUNITY_PARSE_ERROR_FORMAT, "(root)" },
  { "{}", COMMUNITY_PARSE_ERROR_FORMAT, "/format" },
  /* What json-glib alone takes, and reads wrong or not at all: single
   * quotes, comments, hexadecimal, octal (0123 would be 83), a second
   * document after the first (which it ignored), NaN, trailing commas. */
  { HEAD "'x': 1}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": 'y'}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "/* comment */ \"x\": 1}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": 1 // comment\n}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": 0x10}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"communities\": [{\"code\": \"c\", \"name\": \"x\", \"kind\": \"urban\", \"street\": \"s\", \"households\": 0123}]}",
    COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": 1} {\"format\": \"libcommunity-dataset\", \"version\": 1}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": 1}}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": 1} garbage", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": NaN}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": -Infinity}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": +1}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": .5}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": 1.}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": 1e}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": [1, 2,]}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": 1,}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": tru}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": True}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "x: 1}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\" 1}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": \"a\tb\"}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": \"a\nb\"}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": \"\\x41\"}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": \"\\u12G4\"}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": \"\\u12\"}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": [1 2]}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": {\"a\" 1}}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  { HEAD "\"x\": {1: 2}}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
};

START_TEST (test_bad_document)
{
  assert_refused (bad_documents[_i].json, bad_documents[_i].code, bad_documents[_i].pointer);
}
END_TEST

START_TEST (test_syntax_error_position)
{
  g_autofree char *message = assert_refused_full (HEAD "\n  \"x\": [1,\n  2,]}", -1, COMMUNITY_PARSE_ERROR,
                                                  COMMUNITY_PARSE_ERROR_SYNTAX, "(root)");

  ck_assert_msg (strstr (message, "line 3, column 5") != NULL, "%s", message);
}
END_TEST

START_TEST (test_odd_but_legal)
{
  /* Strict JSON that is unusual: a byte order mark, escapes of every kind,
   * a surrogate pair, numbers at the edges of their ranges, an underflow
   * to zero, empty containers, whitespace everywhere. */
  const char *doc =
    "\xEF\xBB\xBF \r\n\t" HEAD
    "\"x-escapes\": \"\\u00e9\\ud83d\\ude00\\/\\b\\f\\n\\r\\t\\\"\\\\\\u001f\","
    " \"x-max\": 9223372036854775807, \"x-min\": -9223372036854775808,"
    " \"x-big\": 1.7976931348623157e308, \"x-tiny\": 1e-400, \"x-exp\": 1E+2, \"x-zero\": -0,"
    " \"x-empty\": [{}, [], \"\", {\"\": null}],"
    " \"funding\": [{\"id\": \"F\", \"year\": 2019, \"recipient\": \"c\", \"purpose\": \"other\","
    "  \"amount_yuan\": 9223372036854775807}] } \n";
  g_autoptr(CommunityDataset) dataset = assert_loads (doc, -1);
  g_autoptr(CommunityDataset) reloaded = NULL;
  g_autoptr(CommunityFunding) funding = g_list_model_get_item (
    community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_FUNDING), 0);
  JsonObject *extra = community_dataset_get_extra (dataset);
  g_autofree char *saved = NULL;
  gint64 amount;

  g_object_get (funding, "amount-yuan", &amount, NULL);
  ck_assert_int_eq (amount, G_MAXINT64);
  ck_assert_str_eq (json_object_get_string_member (extra, "x-escapes"), "é😀/\b\f\n\r\t\"\\\x1f");
  ck_assert_int_eq (json_object_get_int_member (extra, "x-max"), G_MAXINT64);
  ck_assert_int_eq (json_object_get_int_member (extra, "x-min"), G_MININT64);

  /* What is saved loads again, the same. */
  saved = community_dataset_save_to_data (dataset, NULL);
  reloaded = assert_loads (saved, -1);
  ck_assert (community_dataset_equal (dataset, reloaded));
}
END_TEST

START_TEST (test_control_characters_round_trip)
{
  /* Every control character, escaped, in an identity, a name and an
   * unknown member: saved, it must load again (json-glib's generator
   * alone wrote U+001F raw, which no strict parser reads), and a report
   * naming it must be strict JSON too. */
  GString *escaped = g_string_new (NULL);
  GString *raw = g_string_new (NULL);
  g_autofree char *doc = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *report_data = NULL;
  g_autoptr(CommunityDataset) dataset = NULL;
  g_autoptr(CommunityDataset) reloaded = NULL;
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
  g_autoptr(CommunityReport) report = NULL;
  gsize length;

  for (guint c = 1; c < 0x20; c++)
    {
      g_string_append_printf (escaped, "\\u%04x", c);
      g_string_append_c (raw, (char) c);
    }
  doc = g_strdup_printf (HEAD "\"x-control\": \"%s\", \"grids\": [{\"id\": \"G%s\", \"community\": \"C%s\"}]}",
                         escaped->str, escaped->str, escaped->str);
  dataset = assert_loads (doc, -1);
  {
    g_autofree char *id = g_strconcat ("G", raw->str, NULL);

    ck_assert_ptr_nonnull (community_dataset_get_grid (dataset, id));
  }

  saved = community_dataset_save_to_data (dataset, &length);
  for (gsize i = 0; i < length; i++)
    ck_assert_msg ((guchar) saved[i] >= 0x20 || saved[i] == '\n', "raw U+%04X at %zu", saved[i], i);
  reloaded = assert_loads (saved, length);
  ck_assert (community_dataset_equal (dataset, reloaded));

  report = community_validator_run (validator, dataset);
  report_data = community_report_to_data (report, &length);
  for (gsize i = 0; i < length; i++)
    ck_assert_msg ((guchar) report_data[i] >= 0x20 || report_data[i] == '\n', "raw U+%04X at %zu in the report",
                   report_data[i], i);

  g_string_free (escaped, TRUE);
  g_string_free (raw, TRUE);
}
END_TEST

/* --- encodings --- */

static const struct {
  const char *json;
  CommunityParseError code;
  const char *pointer;
} bad_strings[] = {
  /* Invalid UTF-8 in a value: a stray byte, a truncated sequence, an
   * overlong encoding, an encoded surrogate, beyond U+10FFFF. */
  { HEAD "\"grids\": [{\"id\": \"G\xFF\", \"community\": \"c\"}]}", COMMUNITY_PARSE_ERROR_SYNTAX, "/grids/0/id" },
  { HEAD "\"grids\": [{\"id\": \"G\xE6\x97\", \"community\": \"c\"}]}", COMMUNITY_PARSE_ERROR_SYNTAX, "/grids/0/id" },
  { HEAD "\"grids\": [{\"id\": \"G\", \"community\": \"\xC0\xAF\"}]}", COMMUNITY_PARSE_ERROR_SYNTAX, "/grids/0/community" },
  { HEAD "\"grids\": [{\"id\": \"G\", \"community\": \"\xED\xA0\x80\"}]}", COMMUNITY_PARSE_ERROR_SYNTAX, "/grids/0/community" },
  { HEAD "\"grids\": [{\"id\": \"G\", \"community\": \"\xF4\x90\x80\x80\"}]}", COMMUNITY_PARSE_ERROR_SYNTAX, "/grids/0/community" },
  { HEAD "\"workers\": [{\"id\": \"W\", \"roles\": [\"grid_leader\", \"\xB0\"]}]}", COMMUNITY_PARSE_ERROR_SYNTAX, "/workers/0/roles/1" },
  { HEAD "\"x-unknown\": {\"deep\": [\"\xFE\"]}}", COMMUNITY_PARSE_ERROR_SYNTAX, "/x-unknown/deep/0" },
  { "{\"format\": \"libcommunity-dataset\xFF\", \"version\": 1}", COMMUNITY_PARSE_ERROR_SYNTAX, "/format" },
  /* ... in a member name: its object is named, since its own pointer
   * cannot be written. */
  { HEAD "\"grids\": [{\"id\": \"G\", \"comm\xC3\x28\": \"c\"}]}", COMMUNITY_PARSE_ERROR_SYNTAX, "/grids/0" },
  { HEAD "\"x\xFF\": 1}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
  /* Half a surrogate pair, escaped. */
  { HEAD "\"grids\": [{\"id\": \"G\\ud800\", \"community\": \"c\"}]}", COMMUNITY_PARSE_ERROR_SYNTAX, "/grids/0/id" },
  { HEAD "\"grids\": [{\"id\": \"G\\udc00x\", \"community\": \"c\"}]}", COMMUNITY_PARSE_ERROR_SYNTAX, "/grids/0/id" },
  { HEAD "\"grids\": [{\"id\": \"G\\ud800\\u0041\", \"community\": \"c\"}]}", COMMUNITY_PARSE_ERROR_SYNTAX, "/grids/0/id" },
  { HEAD "\"grids\": [{\"id\": \"G\", \"\\ud800\": 1}]}", COMMUNITY_PARSE_ERROR_SYNTAX, "/grids/0" },
  /* U+0000, which no C string holds: "G\u0000x" would be read as "G". */
  { HEAD "\"grids\": [{\"id\": \"G\\u0000x\", \"community\": \"c\"}]}", COMMUNITY_PARSE_ERROR_LIMIT, "/grids/0/id" },
  { HEAD "\"divisions\": [{\"code\": \"320200000000\\u0000\", \"name\": \"x\", \"level\": \"city\"}]}",
    COMMUNITY_PARSE_ERROR_LIMIT, "/divisions/0/code" },
  { HEAD "\"divisions\": [{\"code\": \"320200000000\", \"name\": \"无锡\\u0000市\", \"level\": \"city\"}]}",
    COMMUNITY_PARSE_ERROR_LIMIT, "/divisions/0/name" },
  { HEAD "\"tasks\": [{\"number\": 1, \"text\": \"\\u0000\"}]}", COMMUNITY_PARSE_ERROR_LIMIT, "/tasks/0/text" },
  { HEAD "\"x-unknown\": [\"\\u0000\"]}", COMMUNITY_PARSE_ERROR_LIMIT, "/x-unknown/0" },
  { HEAD "\"grids\": [{\"id\": \"G\", \"community\": \"c\", \"x\\u0000y\": 1}]}", COMMUNITY_PARSE_ERROR_LIMIT, "/grids/0" },
};

START_TEST (test_bad_string)
{
  assert_refused (bad_strings[_i].json, bad_strings[_i].code, bad_strings[_i].pointer);
}
END_TEST

START_TEST (test_unicode_identities)
{
  /* Not U+0000, but every other escape and script is a legal identity. */
  const char *doc = HEAD "\"grids\": [{\"id\": \"网格\\u0001\\ud83d\\ude00\", \"community\": \"社区\"}]}";
  g_autoptr(CommunityDataset) dataset = assert_loads (doc, -1);

  ck_assert_ptr_nonnull (community_dataset_get_grid (dataset, "网格\x01😀"));
}
END_TEST

/* --- numbers --- */

#define COMMUNITY_WITH(households) \
  HEAD "\"communities\": [{\"code\": \"c\", \"name\": \"x\", \"kind\": \"urban\", \"street\": \"s\", " \
  "\"households\": " households "}]}"
#define FUNDING_WITH(amount) \
  HEAD "\"funding\": [{\"id\": \"F\", \"year\": 2019, \"recipient\": \"c\", \"purpose\": \"other\", " \
  "\"amount_yuan\": " amount "}]}"

static const struct {
  const char *json;
  const char *pointer;
} bad_numbers[] = {
  { COMMUNITY_WITH ("1e400"), "/communities/0/households" },
  { COMMUNITY_WITH ("-1e400"), "/communities/0/households" },
  { COMMUNITY_WITH ("1180591620717411303424"), "/communities/0/households" },   /* 2^70 */
  { COMMUNITY_WITH ("18446744073709551616"), "/communities/0/households" },     /* 2^64: was -1 */
  { COMMUNITY_WITH ("4294967296"), "/communities/0/households" },               /* 2^32 */
  { COMMUNITY_WITH ("1e10"), "/communities/0/households" },
  { FUNDING_WITH ("1180591620717411303424"), "/funding/0/amount_yuan" },        /* 2^70 */
  { FUNDING_WITH ("-1180591620717411303424"), "/funding/0/amount_yuan" },       /* was taken */
  { FUNDING_WITH ("9223372036854775808"), "/funding/0/amount_yuan" },           /* 2^63 */
  { FUNDING_WITH ("-9223372036854775809"), "/funding/0/amount_yuan" },
  { FUNDING_WITH ("99999999999999999999999999999999999999999999999999"), "/funding/0/amount_yuan" },
  { FUNDING_WITH ("1e19"), "/funding/0/amount_yuan" },
  { FUNDING_WITH ("1e400"), "/funding/0/amount_yuan" },
  { HEAD "\"codes_year\": 1180591620717411303424}", "/codes_year" },
  { "{\"format\": \"libcommunity-dataset\", \"version\": 18446744073709551617}", "/version" },
  { HEAD "\"tasks\": [{\"number\": 1180591620717411303424}]}", "/tasks/0/number" },
  { HEAD "\"surveys\": [{\"id\": \"S\", \"division\": \"d\", \"year\": 2019, \"indicator\": \"i\", \"value\": 1e400}]}",
    "/surveys/0/value" },
  { HEAD "\"facilities\": [{\"id\": \"F\", \"owner\": \"c\", \"kind\": \"other\", \"floor_area_m2\": 2e308}]}",
    "/facilities/0/floor_area_m2" },
  /* Anywhere: json-glib would keep infinity and save it as "inf.0". */
  { HEAD "\"x-unknown\": 1e400}", "/x-unknown" },
  { HEAD "\"x-unknown\": {\"a\": [0, -1e999]}}", "/x-unknown/a/1" },
  { HEAD "\"x-unknown\": 18446744073709551616}", "/x-unknown" },
  { HEAD "\"grids\": [{\"id\": \"G\", \"community\": \"c\", \"x-count\": 1180591620717411303424}]}",
    "/grids/0/x-count" },
};

START_TEST (test_bad_number)
{
  assert_refused (bad_numbers[_i].json, COMMUNITY_PARSE_ERROR_RANGE, bad_numbers[_i].pointer);
}
END_TEST

/* --- nesting --- */

START_TEST (test_deep_arrays)
{
  g_autofree char *doc = deep_document (HOSTILE_DEPTH, FALSE, FALSE);
  g_autofree char *pointer = too_deep_pointer ("/x-deep", "/0");

  g_free (assert_refused_full (doc, -1, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT, pointer));
}
END_TEST

START_TEST (test_deep_objects)
{
  g_autofree char *doc = deep_document (HOSTILE_DEPTH, TRUE, FALSE);
  g_autofree char *pointer = too_deep_pointer ("/x-deep", "/a");

  g_free (assert_refused_full (doc, -1, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT, pointer));
}
END_TEST

START_TEST (test_deep_unclosed)
{
  g_autofree char *doc = deep_document (HOSTILE_DEPTH, FALSE, TRUE);
  g_autofree char *pointer = too_deep_pointer ("/x-deep", "/0");
  g_autofree char *root_pointer = too_deep_pointer ("/0", "/0");
  GString *bare = g_string_new (NULL);

  g_free (assert_refused_full (doc, -1, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT, pointer));

  /* Nothing but brackets, from the root (level 1). */
  for (guint i = 0; i < HOSTILE_DEPTH; i++)
    g_string_append_c (bare, '[');
  g_free (assert_refused_full (bare->str, bare->len, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                               root_pointer));
  g_string_free (bare, TRUE);
}
END_TEST

START_TEST (test_deep_in_known_member)
{
  GString *doc = g_string_new (HEAD "\"communities\": ");
  g_autofree char *pointer = too_deep_pointer ("/communities", "/0");

  for (guint i = 0; i < HOSTILE_DEPTH; i++)
    g_string_append_c (doc, '[');
  for (guint i = 0; i < HOSTILE_DEPTH; i++)
    g_string_append_c (doc, ']');
  g_string_append_c (doc, '}');

  g_free (assert_refused_full (doc->str, doc->len, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT,
                               pointer));
  g_string_free (doc, TRUE);
}
END_TEST

START_TEST (test_depth_limit_exact)
{
  /* The root object is level 1: MAX_DEPTH - 1 arrays inside it are legal,
   * load, save and load again; one more is refused. */
  g_autofree char *legal = deep_document (MAX_DEPTH - 1, FALSE, FALSE);
  g_autofree char *too_deep = deep_document (MAX_DEPTH, FALSE, FALSE);
  g_autofree char *pointer = too_deep_pointer ("/x-deep", "/0");
  g_autoptr(CommunityDataset) dataset = assert_loads (legal, -1);
  g_autofree char *saved = community_dataset_save_to_data (dataset, NULL);
  g_autoptr(CommunityDataset) reloaded = assert_loads (saved, -1);

  ck_assert (community_dataset_equal (dataset, reloaded));
  g_free (assert_refused_full (too_deep, -1, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_LIMIT, pointer));
}
END_TEST

START_TEST (test_deep_ruleset)
{
  GString *doc = g_string_new ("{\"format\": \"libcommunity-ruleset\", \"version\": 1, \"x\": ");
  g_autoptr(CommunityRuleset) ruleset = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < HOSTILE_DEPTH; i++)
    g_string_append_c (doc, '[');
  for (guint i = 0; i < HOSTILE_DEPTH; i++)
    g_string_append_c (doc, ']');
  g_string_append_c (doc, '}');

  ruleset = community_ruleset_new_from_data (doc->str, doc->len, &error);
  ck_assert_ptr_null (ruleset);
  ck_assert (g_error_matches (error, COMMUNITY_RULESET_ERROR, COMMUNITY_RULESET_ERROR_SYNTAX));
  ck_assert_msg (g_str_has_prefix (error->message, "/x/0/0/0/"), "%s", error->message);
  g_string_free (doc, TRUE);
}
END_TEST

/* --- every way in --- */

/* One document of each class, loaded as data, as bytes and from a file:
 * whichever parser each entry point uses, the same refusal. */
START_TEST (test_every_entry_point)
{
  static const struct {
    const char *json;
    CommunityParseError code;
    const char *pointer;
  } cases[] = {
    { HEAD "\"grids\": [{\"id\": \"G\\u0000x\", \"community\": \"c\"}]}", COMMUNITY_PARSE_ERROR_LIMIT, "/grids/0/id" },
    { HEAD "\"grids\": [{\"id\": \"G\xFF\", \"community\": \"c\"}]}", COMMUNITY_PARSE_ERROR_SYNTAX, "/grids/0/id" },
    { HEAD "\"grids\": [{\"id\": \"G1\", \"id\": \"G2\", \"community\": \"c\"}]}", COMMUNITY_PARSE_ERROR_DUPLICATE, "/grids/0/id" },
    { HEAD "\"x\": 18446744073709551616}", COMMUNITY_PARSE_ERROR_RANGE, "/x" },
    { FUNDING_WITH ("-1180591620717411303424"), COMMUNITY_PARSE_ERROR_RANGE, "/funding/0/amount_yuan" },
    { HEAD "\"x\": 1e400}", COMMUNITY_PARSE_ERROR_RANGE, "/x" },
    { COMMUNITY_WITH ("0123"), COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
    { HEAD "\"x\": 1} {}", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)" },
    { "[1]", COMMUNITY_PARSE_ERROR_FORMAT, "(root)" },
  };
  g_autofree char *dir = g_dir_make_tmp ("community-hostile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "hostile.json", NULL);
  g_autofree char *deep = deep_document (HOSTILE_DEPTH, FALSE, FALSE);
  g_autofree char *deep_pointer = too_deep_pointer ("/x-deep", "/0");

  for (guint i = 0; i <= G_N_ELEMENTS (cases); i++)
    {
      const char *json = i < G_N_ELEMENTS (cases) ? cases[i].json : deep;
      CommunityParseError code = i < G_N_ELEMENTS (cases) ? cases[i].code : COMMUNITY_PARSE_ERROR_LIMIT;
      const char *pointer = i < G_N_ELEMENTS (cases) ? cases[i].pointer : deep_pointer;
      g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
      g_autofree char *before = community_dataset_save_to_data (dataset, NULL);
      g_autofree char *after = NULL;
      g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));
      g_autoptr(GError) error = NULL;

      ck_assert (!community_dataset_load_from_bytes (dataset, bytes, &error));
      community_test_assert_error (error, COMMUNITY_PARSE_ERROR, code, pointer);
      g_clear_error (&error);

      ck_assert (g_file_set_contents (path, json, -1, NULL));
      ck_assert (!community_dataset_load_from_file (dataset, path, &error));
      community_test_assert_error (error, COMMUNITY_PARSE_ERROR, code, pointer);

      after = community_dataset_save_to_data (dataset, NULL);
      ck_assert_str_eq (before, after);
    }

  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

/* --- large strings --- */

#define LARGE (50 * 1024 * 1024)

static GString *
large_name_document (const char *tail)
{
  GString *doc = g_string_sized_new (LARGE + 256);

  g_string_append (doc, HEAD "\"divisions\": [{\"code\": \"320200000000\", \"level\": \"city\", \"name\": \"");
  for (gsize i = 0; i < LARGE; i++)
    g_string_append_c (doc, 'a' + i % 26);
  g_string_append (doc, tail);
  g_string_append (doc, "\"}]}");
  return doc;
}

START_TEST (test_large_string)
{
  GString *doc = large_name_document ("");
  g_autoptr(CommunityDataset) dataset = assert_loads (doc->str, doc->len);
  g_autofree char *name = NULL;
  gsize length;
  g_autofree char *saved = NULL;

  g_object_get (community_dataset_get_division (dataset, "320200000000"), "name", &name, NULL);
  ck_assert_uint_eq (strlen (name), LARGE);
  ck_assert (name[LARGE - 1] == 'a' + (LARGE - 1) % 26);

  saved = community_dataset_save_to_data (dataset, &length);
  ck_assert_uint_gt (length, LARGE);
  g_string_free (doc, TRUE);
}
END_TEST

START_TEST (test_large_string_refused)
{
  /* The bad byte at the very end of 50 MB: found, and named. */
  GString *doc = large_name_document ("\xFF");

  g_free (assert_refused_full (doc->str, doc->len, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                               "/divisions/0/name"));
  g_string_free (doc, TRUE);
}
END_TEST

START_TEST (test_large_escaped_string)
{
  /* 4 MB of \u4e2d escapes (24 MB of text): 中 four million times. */
  const gsize n = 4 * 1024 * 1024;
  GString *doc = g_string_sized_new (6 * n + 256);
  g_autoptr(CommunityDataset) dataset = NULL;

  g_string_append (doc, HEAD "\"x-long\": \"");
  for (gsize i = 0; i < n; i++)
    g_string_append (doc, "\\u4e2d");
  g_string_append (doc, "\"}");

  dataset = assert_loads (doc->str, doc->len);
  ck_assert_uint_eq (strlen (json_object_get_string_member (community_dataset_get_extra (dataset), "x-long")),
                     3 * n);
  g_string_free (doc, TRUE);
}
END_TEST

/* --- duplicates --- */

static const struct {
  const char *json;
  const char *pointer;
} duplicates[] = {
  { HEAD "\"grids\": [{\"id\": \"G1\", \"community\": \"c\"}, {\"id\": \"G1\", \"community\": \"c\"}]}", "/grids/1/id" },
  { HEAD "\"grids\": [{\"id\": \"G1\", \"community\": \"c\"}, {\"id\": \"G\\u0031\", \"community\": \"c\"}]}", "/grids/1/id" },
  { HEAD "\"divisions\": [{\"code\": \"320200000000\", \"name\": \"a\", \"level\": \"city\"},"
         " {\"code\": \"320200000000\", \"name\": \"b\", \"level\": \"city\"}]}", "/divisions/1/code" },
  { HEAD "\"communities\": [{\"code\": \"c\", \"name\": \"x\", \"kind\": \"urban\", \"street\": \"s\"},"
         " {\"code\": \"d\", \"name\": \"x\", \"kind\": \"urban\", \"street\": \"s\"},"
         " {\"code\": \"c\", \"name\": \"x\", \"kind\": \"urban\", \"street\": \"s\"}]}", "/communities/2/code" },
  { HEAD "\"tasks\": [{\"number\": 7}, {\"number\": 7.0}]}", "/tasks/1/number" },
  /* One object, one member name twice: json-glib kept the last and
   * dropped the first, so an entity could carry two identities. */
  { HEAD "\"grids\": [{\"id\": \"G1\", \"id\": \"G2\", \"community\": \"c\"}]}", "/grids/0/id" },
  { HEAD "\"grids\": [{\"id\": \"G1\", \"community\": \"c\", \"i\\u0064\": \"G2\"}]}", "/grids/0/id" },
  { HEAD "\"version\": 1}", "/version" },
  { HEAD "\"grids\": [], \"grids\": []}", "/grids" },
  { HEAD "\"x\": {\"a\": 1, \"b\": 2, \"a\": 3}}", "/x/a" },
  { HEAD "\"x\": {\"k01\": 1, \"k02\": 1, \"k03\": 1, \"k04\": 1, \"k05\": 1, \"k06\": 1, \"k07\": 1,"
         " \"k08\": 1, \"k09\": 1, \"k10\": 1, \"k11\": 1, \"k12\": 1, \"k13\": 1, \"k14\": 1, \"k15\": 1,"
         " \"k16\": 1, \"k17\": 1, \"k18\": 1, \"k\\u00301\": 1}}", "/x/k01" },
  { HEAD "\"x\": {\"\": 1, \"\": 2}}", "/x/" },
  { HEAD "\"x\": {\"a/b\": 1, \"a\\/b\": 2}}", "/x/a~1b" },
};

START_TEST (test_duplicate)
{
  assert_refused (duplicates[_i].json, COMMUNITY_PARSE_ERROR_DUPLICATE, duplicates[_i].pointer);
}
END_TEST

START_TEST (test_same_identity_other_kinds)
{
  /* Identities are unique per kind: a grid and a worker may share one,
   * and the same name in two objects is no duplicate. */
  const char *doc =
    HEAD "\"grids\": [{\"id\": \"X\", \"community\": \"c\"}], \"workers\": [{\"id\": \"X\"}],"
    " \"x\": [{\"a\": 1}, {\"a\": 1}]}";
  g_autoptr(CommunityDataset) dataset = assert_loads (doc, -1);

  ck_assert_ptr_nonnull (community_dataset_get_grid (dataset, "X"));
  ck_assert_ptr_nonnull (community_dataset_get_worker (dataset, "X"));
}
END_TEST

/* --- a cycle in the hierarchy --- */

/* Loading a cycle is legal (the rules report it); walking up must end. */
static const char cyclic_document[] =
  HEAD "\"as_of\": \"2019-12-31\","
  "\"divisions\": ["
  " {\"code\": \"320200000000\", \"name\": \"市\", \"level\": \"city\", \"parent\": \"320213000000\"},"
  " {\"code\": \"320213000000\", \"name\": \"区\", \"level\": \"district\", \"parent\": \"320200000000\"},"
  " {\"code\": \"320213021000\", \"name\": \"街道\", \"level\": \"street\", \"parent\": \"320213021000\"},"
  " {\"code\": \"320213022000\", \"name\": \"街道二\", \"level\": \"street\", \"parent\": \"320213023000\"},"
  " {\"code\": \"320213023000\", \"name\": \"街道三\", \"level\": \"street\", \"parent\": \"320213022000\"},"
  " {\"code\": \"320213024000\", \"name\": \"街道四\", \"level\": \"street\", \"parent\": \"320213000000\"}],"
  "\"communities\": ["
  " {\"code\": \"320213021001\", \"name\": \"社区一\", \"kind\": \"urban\", \"street\": \"320213021000\", \"households\": 2500},"
  " {\"code\": \"320213022001\", \"name\": \"社区二\", \"kind\": \"rural\", \"street\": \"320213022000\", \"households\": 1500},"
  " {\"code\": \"320213024001\", \"name\": \"社区四\", \"kind\": \"urban\", \"street\": \"320213024000\", \"households\": 2000}],"
  "\"grids\": ["
  " {\"id\": \"G1\", \"community\": \"320213021001\", \"kind\": \"comprehensive\", \"households\": 2500, \"leader\": \"W1\", \"administrators\": [\"W1\"]},"
  " {\"id\": \"G2\", \"community\": \"320213022001\", \"kind\": \"comprehensive\", \"households\": 1500, \"leader\": \"W2\", \"administrators\": [\"W2\"]},"
  " {\"id\": \"G4\", \"community\": \"320213024001\", \"kind\": \"comprehensive\", \"households\": 2000, \"leader\": \"W4\", \"administrators\": [\"W4\"]}],"
  "\"workers\": ["
  " {\"id\": \"W1\", \"community\": \"320213021001\", \"roles\": [\"party_secretary\", \"grid_leader\"], \"employment\": \"full_time\", \"annual_pay_yuan\": 50000},"
  " {\"id\": \"W2\", \"community\": \"320213022001\", \"roles\": [\"party_secretary\", \"grid_leader\"], \"employment\": \"full_time\", \"annual_pay_yuan\": 50000},"
  " {\"id\": \"W3\", \"street\": \"320213023000\", \"roles\": [\"community_worker\"], \"employment\": \"full_time\", \"annual_pay_yuan\": 50000},"
  " {\"id\": \"W4\", \"community\": \"320213024001\", \"roles\": [\"grid_leader\"], \"employment\": \"full_time\", \"annual_pay_yuan\": 50000}],"
  "\"facilities\": ["
  " {\"id\": \"F1\", \"owner\": \"320213021000\", \"kind\": \"street_service_center\", \"floor_area_m2\": 100},"
  " {\"id\": \"F2\", \"owner\": \"320213022001\", \"kind\": \"community_service_center\", \"floor_area_m2\": 100}],"
  "\"funding\": ["
  " {\"id\": \"M1\", \"year\": 2019, \"recipient\": \"320213021001\", \"purpose\": \"community_operations\", \"amount_yuan\": 1},"
  " {\"id\": \"M2\", \"year\": 2019, \"recipient\": \"320200000000\", \"purpose\": \"innovation_awards\", \"amount_yuan\": 1}],"
  "\"wage_baselines\": ["
  " {\"id\": \"B1\", \"division\": \"320200000000\", \"year\": 2018, \"average_annual_wage_yuan\": 90000},"
  " {\"id\": \"B2\", \"division\": \"320213022000\", \"year\": 2017, \"average_annual_wage_yuan\": 90000}],"
  "\"surveys\": ["
  " {\"id\": \"S1\", \"division\": \"320200000000\", \"year\": 2019, \"indicator\": \"public.security-sense\", \"value\": 0.9}]}";

static const CommunityDivisionLevel all_levels[] = {
  COMMUNITY_DIVISION_LEVEL_CITY, COMMUNITY_DIVISION_LEVEL_DISTRICT, COMMUNITY_DIVISION_LEVEL_COUNTY,
  COMMUNITY_DIVISION_LEVEL_STREET, COMMUNITY_DIVISION_LEVEL_TOWN,
};

START_TEST (test_cycle_walks_end)
{
  g_autoptr(CommunityDataset) dataset = assert_loads (cyclic_document, -1);

  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    {
      GListModel *items = community_dataset_get_items (dataset, kind);

      for (guint i = 0; i < g_list_model_get_n_items (items); i++)
        {
          g_autoptr(CommunityEntity) entity = g_list_model_get_item (items, i);
          g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
          CommunityEntity *step = entity;

          for (guint l = 0; l < G_N_ELEMENTS (all_levels); l++)
            (void) community_dataset_get_ancestor (dataset, entity, all_levels[l]);

          /* get_parent() goes one step; a walk that remembers where it has
           * been finds the cycle, each step an entity of the dataset. */
          while (step != NULL && g_hash_table_add (seen, step))
            {
              ck_assert_ptr_eq (community_entity_get_dataset (step), dataset);
              step = community_dataset_get_parent (dataset, step);
            }
          ck_assert_uint_le (g_hash_table_size (seen), 6);
        }
    }

  /* The street in a cycle of its own is its own street, and has no
   * district or city above it. */
  {
    CommunityEntity *grid = COMMUNITY_ENTITY (community_dataset_get_grid (dataset, "G1"));
    CommunityDivision *street = community_dataset_get_ancestor (dataset, grid, COMMUNITY_DIVISION_LEVEL_STREET);

    ck_assert_ptr_nonnull (street);
    ck_assert_str_eq (community_entity_get_identity (COMMUNITY_ENTITY (street)), "320213021000");
    ck_assert_ptr_null (community_dataset_get_ancestor (dataset, grid, COMMUNITY_DIVISION_LEVEL_CITY));
  }

  /* The city and district above each other: each finds the other. */
  {
    CommunityEntity *city = COMMUNITY_ENTITY (community_dataset_get_division (dataset, "320200000000"));
    CommunityDivision *district = community_dataset_get_ancestor (dataset, city, COMMUNITY_DIVISION_LEVEL_DISTRICT);

    ck_assert_ptr_nonnull (district);
    ck_assert_str_eq (community_entity_get_identity (COMMUNITY_ENTITY (district)), "320213000000");
  }

  {
    g_autoptr(GPtrArray) children = community_dataset_list_children (dataset, "320213021000");

    /* The street is its own child, and the parent of its community. */
    ck_assert_uint_eq (children->len, 2);
  }
}
END_TEST

START_TEST (test_cycle_validates)
{
  g_autoptr(CommunityDataset) dataset = assert_loads (cyclic_document, -1);
  g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
  g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
  g_autoptr(CommunityReport) report = community_validator_run (validator, dataset);
  GListModel *divisions = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_DIVISION);
  g_autoptr(JsonNode) json = NULL;

  ck_assert_uint_gt (g_list_model_get_n_items (community_report_get_findings (report)), 0);
  ck_assert_uint_gt (g_list_model_get_n_items (community_report_get_indicators (report)), 0);

  for (guint i = 0; i < g_list_model_get_n_items (divisions); i++)
    {
      g_autoptr(CommunityEntity) division = g_list_model_get_item (divisions, i);
      g_autoptr(GListModel) findings =
        community_report_filter (report, COMMUNITY_SEVERITY_INFO, NULL, NULL,
                                 community_entity_get_identity (division));

      (void) g_list_model_get_n_items (findings);
    }

  json = community_report_to_json (report);
  ck_assert_ptr_nonnull (json);
}
END_TEST

/* --- personal data never in a message --- */

static const struct {
  const char *json;
  CommunityParseError code;
  const char *pointer;
  const char *secret;
} personal[] = {
  /* A worker's ID number, phone or name one column off, in a vocabulary. */
  { HEAD "\"workers\": [{\"id\": \"W1\", \"employment\": \"11010219910101007X\"}]}",
    COMMUNITY_PARSE_ERROR_ENUM, "/workers/0/employment", "1101021991" },
  { HEAD "\"workers\": [{\"id\": \"W1\", \"roles\": [\"grid_leader\", \"13912345678\"]}]}",
    COMMUNITY_PARSE_ERROR_ENUM, "/workers/0/roles/1", "13912345" },
  { HEAD "\"workers\": [{\"id\": \"W1\", \"certificate\": \"张三丰\"}]}",
    COMMUNITY_PARSE_ERROR_ENUM, "/workers/0/certificate", "张三" },
  { HEAD "\"workers\": [{\"id\": \"W1\", \"certificate\": \"Zhang Sanfeng\"}]}",
    COMMUNITY_PARSE_ERROR_ENUM, "/workers/0/certificate", "Zhang" },
  /* An ID number of the wrong type, or beyond any integer. */
  { HEAD "\"workers\": [{\"id\": \"W1\", \"id_number\": 110102199101010078}]}",
    COMMUNITY_PARSE_ERROR_TYPE, "/workers/0/id_number", "1101021991" },
  { HEAD "\"workers\": [{\"id\": \"W1\", \"id_number\": 110102199101010078123456789}]}",
    COMMUNITY_PARSE_ERROR_RANGE, "/workers/0/id_number", "1101021991" },
  { HEAD "\"workers\": [{\"id\": \"W1\", \"id_number\": 1.10102199101010078e400}]}",
    COMMUNITY_PARSE_ERROR_RANGE, "/workers/0/id_number", "1101021991" },
  { HEAD "\"workers\": [{\"id\": \"W1\", \"phone\": [\"13912345678\"]}]}",
    COMMUNITY_PARSE_ERROR_TYPE, "/workers/0/phone", "13912345" },
  /* Names and ID numbers with bad bytes, U+0000 or half a surrogate. */
  { HEAD "\"workers\": [{\"id\": \"W1\", \"name\": \"张三\xFF丰\"}]}",
    COMMUNITY_PARSE_ERROR_SYNTAX, "/workers/0/name", "张三" },
  { HEAD "\"workers\": [{\"id\": \"W1\", \"name\": \"张三\\u0000丰\"}]}",
    COMMUNITY_PARSE_ERROR_LIMIT, "/workers/0/name", "张三" },
  { HEAD "\"workers\": [{\"id\": \"W1\", \"id_number\": \"11010219910101007\\udc58\"}]}",
    COMMUNITY_PARSE_ERROR_SYNTAX, "/workers/0/id_number", "1101021991" },
  /* Twice in one object. */
  { HEAD "\"workers\": [{\"id\": \"W1\", \"id_number\": \"110102199101010078\", \"id_number\": \"44011320141005001X\"}]}",
    COMMUNITY_PARSE_ERROR_DUPLICATE, "/workers/0/id_number", "4401132014" },
  /* Malformed right after, or in the middle of, personal data. */
  { HEAD "\"workers\": [{\"id\": \"W1\", \"name\": \"张三丰\" \"phone\": \"13912345678\"}]}",
    COMMUNITY_PARSE_ERROR_SYNTAX, "(root)", "张三" },
  { HEAD "\"workers\": [{\"id\": \"W1\", \"phone\": \"139123\tX\"}]}",
    COMMUNITY_PARSE_ERROR_SYNTAX, "(root)", "139123" },
  { HEAD "\"workers\": [{\"id\": \"W1\", \"id_number\": \"1101021991", COMMUNITY_PARSE_ERROR_SYNTAX, "(root)", "1101021991" },
};

START_TEST (test_no_personal_data)
{
  g_autofree char *message = assert_refused_full (personal[_i].json, -1, COMMUNITY_PARSE_ERROR,
                                                  personal[_i].code, personal[_i].pointer);

  ck_assert_msg (strstr (message, personal[_i].secret) == NULL,
                 "the message quotes personal data: %s", message);
}
END_TEST

START_TEST (test_vocabulary_typo_quoted)
{
  /* A misspelt vocabulary word is still quoted: that is what helps. */
  g_autofree char *message =
    assert_refused_full (HEAD "\"workers\": [{\"id\": \"W1\", \"employment\": \"full-time\"}]}", -1,
                         COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_ENUM, "/workers/0/employment");

  ck_assert_msg (strstr (message, "“full-time”") != NULL, "%s", message);
}
END_TEST

/* --- saving: failures leave the old file --- */

typedef struct {
  char *dir;
  char *path;
  char *old;   /* what the file held before */
  gsize old_length;
} SaveFixture;

static void
save_fixture_init (SaveFixture *fixture)
{
  g_autoptr(CommunityDataset) small = assert_loads (HEAD "\"grids\": [{\"id\": \"old\", \"community\": \"c\"}]}", -1);

  fixture->dir = g_dir_make_tmp ("community-hostile-XXXXXX", NULL);
  ck_assert_ptr_nonnull (fixture->dir);
  fixture->path = g_build_filename (fixture->dir, "dataset.json", NULL);
  ck_assert (community_dataset_save_to_file (small, fixture->path, NULL));
  ck_assert (g_file_get_contents (fixture->path, &fixture->old, &fixture->old_length, NULL));
}

/* The old file is there, byte for byte, and nothing else is in the
 * folder but @also (nullable). */
static void
save_fixture_check_and_clear (SaveFixture *fixture,
                              const char  *also)
{
  g_autofree char *now = NULL;
  gsize now_length;
  g_autoptr(GDir) listing = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  ck_assert (g_file_get_contents (fixture->path, &now, &now_length, NULL));
  ck_assert_uint_eq (now_length, fixture->old_length);
  ck_assert (memcmp (now, fixture->old, now_length) == 0);

  while ((name = g_dir_read_name (listing)) != NULL)
    ck_assert_msg (g_str_equal (name, "dataset.json") || g_strcmp0 (name, also) == 0,
                   "left behind: %s", name);

  g_unlink (fixture->path);
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->old);
}

START_TEST (test_save_onto_directory)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(GError) error = NULL;
  SaveFixture fixture;
  g_autofree char *target = NULL;

  save_fixture_init (&fixture);
  target = g_build_filename (fixture.dir, "a-directory", NULL);
  ck_assert (g_mkdir (target, 0755) == 0);

  /* Root or not, a file cannot be renamed over a directory. */
  ck_assert (!community_dataset_save_to_file (dataset, target, &error));
  ck_assert (error != NULL && error->domain == G_FILE_ERROR);
  ck_assert (g_file_test (target, G_FILE_TEST_IS_DIR));

  g_rmdir (target);
  save_fixture_check_and_clear (&fixture, NULL);
}
END_TEST

START_TEST (test_save_below_a_file)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(GError) error = NULL;
  SaveFixture fixture;
  g_autofree char *target = NULL;
  g_autofree char *missing = NULL;

  save_fixture_init (&fixture);

  /* A parent that is a regular file: ENOTDIR, even for root. */
  target = g_build_filename (fixture.path, "inside.json", NULL);
  ck_assert (!community_dataset_save_to_file (dataset, target, &error));
  ck_assert (error != NULL && error->domain == G_FILE_ERROR);
  g_clear_error (&error);

  /* A parent that does not exist. */
  missing = g_build_filename (fixture.dir, "no-such-dir", "dataset.json", NULL);
  ck_assert (!community_dataset_save_to_file (dataset, missing, &error));
  ck_assert (g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT));

  save_fixture_check_and_clear (&fixture, NULL);
}
END_TEST

START_TEST (test_save_fails_midway)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = community_dataset_save_to_data (dataset, NULL);
  g_autofree char *after = NULL;
  struct rlimit saved_limit, limit;
  SaveFixture fixture;

  save_fixture_init (&fixture);

  /* A file size limit makes write() fail with EFBIG part of the way
   * through, for root as for anyone: a full disk, without a disk. */
  ck_assert (getrlimit (RLIMIT_FSIZE, &saved_limit) == 0);
  limit = saved_limit;
  limit.rlim_cur = 4096;
  signal (SIGXFSZ, SIG_IGN);
  ck_assert (setrlimit (RLIMIT_FSIZE, &limit) == 0);

  ck_assert (!community_dataset_save_to_file (dataset, fixture.path, &error));

  ck_assert (setrlimit (RLIMIT_FSIZE, &saved_limit) == 0);
  signal (SIGXFSZ, SIG_DFL);

  ck_assert_msg (error != NULL && error->domain == G_FILE_ERROR, "%s", error ? error->message : "no error");
  ck_assert_uint_gt (strlen (before), 4096);

  /* The dataset is untouched too, and saves once the fault is gone. */
  after = community_dataset_save_to_data (dataset, NULL);
  ck_assert_str_eq (before, after);

  save_fixture_check_and_clear (&fixture, NULL);
}
END_TEST

START_TEST (test_save_after_failure)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityDataset) reloaded = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-hostile-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "dataset.json", NULL);

  /* A failed save, then a good one to the same place. */
  ck_assert (g_mkdir (path, 0755) == 0);
  ck_assert (!community_dataset_save_to_file (dataset, path, &error));
  g_clear_error (&error);
  ck_assert (g_rmdir (path) == 0);

  ck_assert (community_dataset_save_to_file (dataset, path, &error));
  ck_assert (community_dataset_load_from_file (reloaded, path, &error));
  ck_assert (community_dataset_equal (dataset, reloaded));

  g_unlink (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_save_keeps_permissions)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-hostile-XXXXXX", NULL);
  g_autofree char *private_path = g_build_filename (dir, "private.json", NULL);
  g_autofree char *new_path = g_build_filename (dir, "new.json", NULL);
  GStatBuf st;
  mode_t old_umask = umask (022);

  /* A dataset holds ID numbers and phones: a file only its owner reads
   * stays so when it is saved over. */
  ck_assert (g_file_set_contents (private_path, "{}", -1, NULL));
  ck_assert (g_chmod (private_path, 0600) == 0);
  ck_assert (community_dataset_save_to_file (dataset, private_path, &error));
  ck_assert (g_stat (private_path, &st) == 0);
  ck_assert_uint_eq (st.st_mode & 0777, 0600);

  ck_assert (community_dataset_save_to_file (dataset, new_path, &error));
  ck_assert (g_stat (new_path, &st) == 0);
  ck_assert_uint_eq (st.st_mode & 0777, 0644);

  umask (old_umask);
  g_unlink (private_path);
  g_unlink (new_path);
  g_rmdir (dir);
}
END_TEST

static Suite *
hostile_suite (void)
{
  Suite *suite = suite_create ("hostile");
  TCase *input = tcase_create ("input");
  TCase *nesting = tcase_create ("nesting");
  TCase *large = tcase_create ("large");
  TCase *hierarchy = tcase_create ("hierarchy");
  TCase *privacy = tcase_create ("privacy");
  TCase *saving = tcase_create ("saving");

  tcase_add_test (input, test_empty);
  tcase_add_test (input, test_empty_file);
  tcase_add_loop_test (input, test_truncated, 0, N_TRUNCATIONS);
  tcase_add_test (input, test_truncated_in_a_character);
  tcase_add_loop_test (input, test_binary, 0, G_N_ELEMENTS (binaries));
  tcase_add_loop_test (input, test_random_bytes, 0, 4);
  tcase_add_test (input, test_binary_file);
  tcase_add_loop_test (input, test_bad_document, 0, G_N_ELEMENTS (bad_documents));
  tcase_add_test (input, test_syntax_error_position);
  tcase_add_test (input, test_odd_but_legal);
  tcase_add_test (input, test_control_characters_round_trip);
  tcase_add_loop_test (input, test_bad_string, 0, G_N_ELEMENTS (bad_strings));
  tcase_add_test (input, test_unicode_identities);
  tcase_add_loop_test (input, test_bad_number, 0, G_N_ELEMENTS (bad_numbers));
  tcase_add_loop_test (input, test_duplicate, 0, G_N_ELEMENTS (duplicates));
  tcase_add_test (input, test_same_identity_other_kinds);
  suite_add_tcase (suite, input);

  tcase_add_test (nesting, test_deep_arrays);
  tcase_add_test (nesting, test_deep_objects);
  tcase_add_test (nesting, test_deep_unclosed);
  tcase_add_test (nesting, test_deep_in_known_member);
  tcase_add_test (nesting, test_depth_limit_exact);
  tcase_add_test (nesting, test_deep_ruleset);
  tcase_add_test (nesting, test_every_entry_point);
  suite_add_tcase (suite, nesting);

  tcase_add_test (large, test_large_string);
  tcase_add_test (large, test_large_string_refused);
  tcase_add_test (large, test_large_escaped_string);
  suite_add_tcase (suite, large);

  tcase_add_test (hierarchy, test_cycle_walks_end);
  tcase_add_test (hierarchy, test_cycle_validates);
  suite_add_tcase (suite, hierarchy);

  tcase_add_loop_test (privacy, test_no_personal_data, 0, G_N_ELEMENTS (personal));
  tcase_add_test (privacy, test_vocabulary_typo_quoted);
  suite_add_tcase (suite, privacy);

  tcase_add_test (saving, test_save_onto_directory);
  tcase_add_test (saving, test_save_below_a_file);
  tcase_add_test (saving, test_save_fails_midway);
  tcase_add_test (saving, test_save_after_failure);
  tcase_add_test (saving, test_save_keeps_permissions);
  suite_add_tcase (suite, saving);

  return suite;
}

int
main (void)
{
  return community_test_run (hostile_suite ());
}
