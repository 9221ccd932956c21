/* fuzz-reader.c: the one reader alone, on any bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * fuzz-dataset drives the whole library behind the reader (save, masking,
 * the built-in ruleset), at some two thousand inputs a second; this target
 * keeps to the reader's own promises, so that it runs the millions of
 * executions issue 11 asks of the one reader:
 *
 * - the input is loaded into a dataset that already holds two divisions:
 *   a refused document leaves it as it was (whatever was held
 *   before is left as it was), a loaded one replaces it;
 * - a document that loads saves, and what it saves loads back equal;
 * - the reader's other token source agrees: a document that loads as text
 *   loads from json-glib's tree of it (community_dataset_load_from_node())
 *   into an equal dataset;
 * - two threads agree with one: the document read with its largest array
 *   split (lib/json/community-dataset-walker.c, "two readers"; forced here
 *   on any size, the cut where the input's last byte says) loads an equal
 *   dataset, or gets the same error.
 */

#include "fuzz-common.h"
#include "json/community-json-private.h"

/* What the dataset holds before each input: small, so that copying it
 * costs little beside the load. */
static const char held_document[] =
  "{\"format\":\"libcommunity-dataset\",\"version\":1,"
  "\"divisions\":[{\"code\":\"320200000000\",\"name\":\"无锡市\",\"level\":\"city\"},"
  "{\"code\":\"320213000000\",\"name\":\"梁溪区\",\"level\":\"district\","
  "\"parent\":\"320200000000\"}]}";

static CommunityDataset *
fuzz_held (void)
{
  static CommunityDataset *held = NULL;

  if (held == NULL)
    {
      g_autoptr(GError) error = NULL;

      held = community_dataset_new ();
      if (!community_dataset_load_from_data (held, held_document, -1, &error))
        fuzz_fail ("the held document does not load: %s", error->message);
    }
  return held;
}

/* The document read by two threads: the outcome of one (@one, or
 * @one_error). */
static void
check_two_readers (const uint8_t    *data,
                   size_t            size,
                   CommunityDataset *one,
                   const GError     *one_error)
{
  g_autoptr(CommunityDataset) two = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok;

  community_json_walk_set_split (0, size > 0 ? data[size - 1] / 255.0 : 0.4, TRUE);
  ok = community_dataset_load_from_data (two, (const char *) data, (gssize) size, &error);
  community_json_walk_set_split (G_MAXSIZE, 0.4, FALSE);
  if (ok != (one != NULL))
    fuzz_fail ("one reader %s it, two %s it", one != NULL ? "loads" : "refuses",
               ok ? "load" : "refuse");
  if (ok && !community_dataset_equal (one, two))
    fuzz_fail ("two readers load another dataset than one");
  if (!ok && (error->domain != one_error->domain || error->code != one_error->code ||
              g_strcmp0 (error->message, one_error->message) != 0))
    fuzz_fail ("one reader says “%s”, two say “%s”", one_error->message, error->message);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CommunityDataset) dataset = NULL;
  g_autoptr(CommunityDataset) from_node = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) node_error = NULL;
  gboolean ok, node_ok;

  fuzz_init ();
  if (size > G_MAXSSIZE)
    return 0;

  community_json_walk_set_split (G_MAXSIZE, 0.4, FALSE);
  dataset = community_dataset_copy (fuzz_held ());
  ok = community_dataset_load_from_data (dataset, (const char *) data, (gssize) size, &error);
  fuzz_check_error ("community_dataset_load_from_data", ok, error, TRUE);
  if (!ok && !community_dataset_equal (dataset, fuzz_held ()))
    fuzz_fail ("a refused document changed the dataset it was loaded into");
  check_two_readers (data, size, ok ? dataset : NULL, error);

  if (!ok)
    return 0;

  /* The JsonNode source, on json-glib's parse of the same bytes (only of a
   * document the text source loaded: json-glib 1.6 leaks parts of some
   * trees it refuses). */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) data, (gssize) size, &node_error))
    fuzz_fail ("json-glib refuses a document that loads: %s", node_error->message);
  from_node = community_dataset_new ();
  node_ok = community_dataset_load_from_node (from_node, json_parser_get_root (parser),
                                              &node_error);
  fuzz_check_error ("community_dataset_load_from_node", node_ok, node_error, TRUE);
  if (!node_ok)
    fuzz_fail ("the text loads, its tree does not: %s", node_error->message);
  if (!community_dataset_equal (dataset, from_node))
    fuzz_fail ("the text and its tree load different datasets");

  fuzz_check_round_trip (dataset);
  return 0;
}
