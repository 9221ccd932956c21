/* community-zip.c: TEMPORARY stub (drop on merge)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The real zip layer is written on another branch. This stub lets the
 * csv branch build: it opens no archive (G_IO_ERROR_NOT_SUPPORTED), which
 * tests/test-csv.c's zip suite takes as its cue to skip.
 */

#include "config.h"

#include "community-zip.h"

struct _CommunityZip {
  int unused;
};

struct _CommunityZipWriter {
  int unused;
};

CommunityZip *
community_zip_open (const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
               "zip archives are not supported by this build (stub community-zip.c)");
  return NULL;
}

void
community_zip_free (CommunityZip *zip)
{
  g_free (zip);
}

const char *const *
community_zip_list (CommunityZip *zip)
{
  return NULL;
}

GBytes *
community_zip_read (CommunityZip  *zip,
                    const char    *name,
                    GError       **error)
{
  return NULL;
}

CommunityZipWriter *
community_zip_writer_new (void)
{
  return g_new0 (CommunityZipWriter, 1);
}

void
community_zip_writer_add (CommunityZipWriter *writer,
                          const char         *name,
                          const char         *data,
                          gsize               length)
{
}

GBytes *
community_zip_writer_finish (CommunityZipWriter *writer)
{
  g_free (writer);
  return g_bytes_new (NULL, 0);
}
