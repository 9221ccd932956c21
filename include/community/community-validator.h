/* community-validator.h: checks a dataset against a ruleset
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include "community-dataset.h"
#include "community-report.h"
#include "community-ruleset.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_VALIDATOR (community_validator_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityValidator, community_validator, COMMUNITY, VALIDATOR, GObject)

COMMUNITY_AVAILABLE_IN_0_1
CommunityValidator *community_validator_new         (CommunityRuleset   *ruleset) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
CommunityRuleset   *community_validator_get_ruleset (CommunityValidator *self);
COMMUNITY_AVAILABLE_IN_0_1
guint               community_validator_get_threads (CommunityValidator *self);
COMMUNITY_AVAILABLE_IN_0_1
void                community_validator_set_threads (CommunityValidator *self,
                                                     guint               threads);
COMMUNITY_AVAILABLE_IN_0_1
CommunityReport    *community_validator_run         (CommunityValidator *self,
                                                     CommunityDataset   *dataset) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
void                community_validator_run_async   (CommunityValidator  *self,
                                                     CommunityDataset    *dataset,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
COMMUNITY_AVAILABLE_IN_0_1
CommunityReport    *community_validator_run_finish  (CommunityValidator  *self,
                                                     GAsyncResult        *result,
                                                     GError             **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
