/* community-convert: a dataset from one form into another
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: community-convert [--titles] [--from FORMAT] [--to FORMAT] IN OUT
 *        community-convert --template [--titles] OUT
 *
 * Converts between the JSON dataset format, Excel workbooks (.xlsx) and
 * CSV files (a folder, or a .zip, of one file per sheet), as DOMAIN.md §9
 * lays them out; each form is told by its name or content unless --from or
 * --to says. What is read is checked as `community-check` checks a file's
 * form (not the rules): a refused input names its cell and its JSON
 * Pointer, and nothing is written. --template writes the sheets and their
 * headers with no rows, to be filled in.
 */

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <community/community.h>

#include "community-tool-common.h"

static gboolean
parse_format (const char             *arg,
              CommunityDatasetFormat *format)
{
  if (arg == NULL || g_str_equal (arg, "auto"))
    *format = COMMUNITY_DATASET_FORMAT_AUTO;
  else if (g_str_equal (arg, "json"))
    *format = COMMUNITY_DATASET_FORMAT_JSON;
  else if (g_str_equal (arg, "xlsx"))
    *format = COMMUNITY_DATASET_FORMAT_XLSX;
  else if (g_str_equal (arg, "csv"))
    *format = COMMUNITY_DATASET_FORMAT_CSV;
  else
    return FALSE;
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CommunityDataset) dataset = NULL;
  g_autoptr(GFile) in = NULL;
  g_autoptr(GFile) out = NULL;
  g_autofree char *from_arg = NULL;
  g_autofree char *to_arg = NULL;
  g_auto(GStrv) files = NULL;
  gboolean titles = FALSE, template = FALSE, version = FALSE;
  CommunityDatasetFormat from, to;
  CommunitySheetFlags flags;
  const char *prgname = "community-convert";
  GOptionEntry entries[] = {
    { "titles", 't', 0, G_OPTION_ARG_NONE, &titles,
      N_("Write Chinese titles as the sheets' names and in row 1 (社区, 户数) in place of the member names"), NULL },
    { "template", 0, 0, G_OPTION_ARG_NONE, &template,
      N_("Write the template to OUT: every sheet and its headers, no rows"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_arg,
      N_("The form of IN: json, xlsx or csv (default: told by its name or content)"), N_("FORMAT") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_arg,
      N_("The form of OUT: json, xlsx or csv (default: told by its name: .json, .xlsx, .zip or a folder)"), N_("FORMAT") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };

  tool_prefer_malloc (argv);
  context = tool_begin (prgname, N_("IN OUT"),
                        N_("Converts a dataset between JSON, Excel workbooks and CSV."), entries);
  g_option_context_set_description (context,
    _("IN and OUT are a .json file, an .xlsx workbook, or CSV files in a folder or a .zip "
      "(one file per sheet, communities.csv …), laid out as the dataset format's spreadsheet "
      "form says. Exit status: 0 converted, 1 IN refused (its cell and JSON Pointer are "
      "printed), 2 usage or a file that cannot be read or written."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      usage_error (prgname, error->message);
      return EXIT_USAGE;
    }
  if (version)
    {
      printf ("%s %s\n", prgname, PACKAGE_VERSION);
      return EXIT_OK;
    }
  if (!parse_format (from_arg, &from) || !parse_format (to_arg, &to))
    {
      usage_error (prgname, _("a format is json, xlsx or csv"));
      return EXIT_USAGE;
    }
  flags = titles ? COMMUNITY_SHEET_FLAGS_TITLES : COMMUNITY_SHEET_FLAGS_NONE;

  if (template)
    {
      if (files == NULL || g_strv_length (files) != 1)
        {
          usage_error (prgname, _("--template takes one argument: where to write it"));
          return EXIT_USAGE;
        }
      out = g_file_new_for_commandline_arg (files[0]);
      if (!community_write_template (out, to, flags, NULL, &error))
        {
          fprintf (stderr, "%s: %s\n", files[0], error->message);
          return EXIT_USAGE;
        }
      return EXIT_OK;
    }

  if (files == NULL || g_strv_length (files) != 2)
    {
      usage_error (prgname, _("give the file to read and the file to write"));
      return EXIT_USAGE;
    }
  in = g_file_new_for_commandline_arg (files[0]);
  out = g_file_new_for_commandline_arg (files[1]);

  dataset = community_dataset_new ();
  if (!community_dataset_load_from_gfile (dataset, in, from, NULL, &error))
    {
      fprintf (stderr, "%s: %s\n", files[0], error->message);
      return error->domain == COMMUNITY_PARSE_ERROR ? EXIT_FINDINGS : EXIT_USAGE;
    }
  if (!community_dataset_save_to_gfile (dataset, out, to, flags, NULL, NULL, &error))
    {
      fprintf (stderr, "%s: %s\n", files[1], error->message);
      return EXIT_USAGE;
    }
  return EXIT_OK;
}
