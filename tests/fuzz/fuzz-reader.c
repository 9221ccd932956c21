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
 *   into an equal dataset.
 */

#include "fuzz-common.h"

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

  dataset = community_dataset_copy (fuzz_held ());
  ok = community_dataset_load_from_data (dataset, (const char *) data, (gssize) size, &error);
  fuzz_check_error ("community_dataset_load_from_data", ok, error, TRUE);
  if (!ok && !community_dataset_equal (dataset, fuzz_held ()))
    fuzz_fail ("a refused document changed the dataset it was loaded into");

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
