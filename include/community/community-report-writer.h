/* community-report-writer.h: reports for people, as HTML and as Excel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include <gio/gio.h>

#include "community-dataset.h"
#include "community-report.h"

G_BEGIN_DECLS

COMMUNITY_AVAILABLE_IN_ALL
gboolean community_report_write_html (CommunityReport   *self,
                                      CommunityDataset  *dataset,
                                      GOutputStream     *stream,
                                      GCancellable      *cancellable,
                                      GError           **error);
COMMUNITY_AVAILABLE_IN_ALL
CommunityReport *community_report_for_division (CommunityReport  *self,
                                                CommunityDataset *dataset,
                                                const char       *code) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_ALL
gboolean community_report_write_xlsx (CommunityReport   *self,
                                      CommunityDataset  *dataset,
                                      const char        *filename,
                                      GError           **error);

G_END_DECLS
