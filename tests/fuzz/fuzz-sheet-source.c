/* fuzz-sheet-source.c: the sheet token source and the walker, on cells
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The input is one or more CSV files separated by form feeds (\f), each
 * its sheet's name on its first line ("communities", "社区_历程", ...) and
 * its rows after: read by the CSV reader into one book, then walked as a
 * dataset by the sheet token source and the one dataset walker. A refusal
 * must be a COMMUNITY_PARSE_ERROR with a UTF-8 message. A dataset that
 * loads must lay out as a book again (the writer's sheet sink) that loads
 * into an equal dataset: what a workbook says, the library writes back.
 */

#include <string.h>

#include "fuzz-common.h"
#include "community-sheet-book.h"
#include "community-sheet-writer.h"
#include "community-sheet-source-private.h"
#include "json/community-json-private.h"

static CommunityDataset *
walk (CommunitySheetBook  *book,
      GError             **error)
{
  CommunityJsonSource *source = community_sheet_source_new (book);
  CommunityDatasetContents contents;
  CommunityDataset *dataset;
  gboolean ok = community_json_walk_dataset (source, &contents, error);

  community_json_source_free (source);
  if (!ok)
    return NULL;
  dataset = community_dataset_new ();
  community_dataset_replace_contents (dataset, &contents);
  community_dataset_contents_clear (&contents);
  return dataset;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CommunitySheetBook) book = community_sheet_book_new ();
  g_autoptr(CommunityDataset) dataset = NULL;
  g_autoptr(CommunityDataset) again = NULL;
  g_autoptr(GError) error = NULL;
  const char *p = (const char *) data, *end = p + size;

  fuzz_init ();

  while (p < end)
    {
      const char *stop = memchr (p, '\f', end - p);
      const char *newline;
      g_autofree char *name = NULL;

      if (stop == NULL)
        stop = end;
      newline = memchr (p, '\n', stop - p);
      if (newline == NULL)
        newline = stop;
      name = g_strndup (p, newline - p);
      if (!g_utf8_validate (name, -1, NULL) || *name == '\0' ||
          community_sheet_book_find_sheet (book, name) != NULL ||
          !community_csv_read (book, name, "fuzz.csv", newline < stop ? newline + 1 : stop,
                               stop - (newline < stop ? newline + 1 : stop), NULL))
        return 0;   /* the CSV reader's own target covers its refusals */
      p = stop < end ? stop + 1 : end;
    }

  dataset = walk (book, &error);
  g_steal_pointer (&book);   /* the source took it */
  fuzz_check_error ("walking a book", dataset != NULL, error, FALSE);
  if (dataset == NULL)
    {
      if (error->domain != COMMUNITY_PARSE_ERROR || !g_utf8_validate (error->message, -1, NULL))
        fuzz_fail ("a refusal outside COMMUNITY_PARSE_ERROR, or not UTF-8");
      return 0;
    }

  /* What loaded, the library writes back as sheets that load the same. */
  again = walk (community_sheet_book_from_dataset (dataset, NULL, COMMUNITY_SHEET_WRITE_NONE), &error);
  if (again == NULL)
    fuzz_fail ("a dataset read from sheets does not read back from its own sheets: %s", error->message);
  if (!community_dataset_equal (dataset, again))
    fuzz_fail ("a dataset read from sheets reads back different from its own sheets");
  return 0;
}
