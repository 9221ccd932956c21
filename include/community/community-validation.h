/* community-validation.h: a validation kept up to date as a dataset changes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include <glib-object.h>

#include "community-dataset.h"
#include "community-validator.h"
#include "community-report.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_VALIDATION (community_validation_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityValidation, community_validation, COMMUNITY, VALIDATION, GObject)

COMMUNITY_AVAILABLE_IN_0_1
CommunityValidation *community_validation_new           (CommunityValidator  *validator,
                                                         CommunityDataset    *dataset) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
CommunityValidator  *community_validation_get_validator (CommunityValidation *self);
COMMUNITY_AVAILABLE_IN_0_1
CommunityDataset    *community_validation_get_dataset   (CommunityValidation *self);
COMMUNITY_AVAILABLE_IN_0_1
void                 community_validation_invalidate    (CommunityValidation *self,
                                                         CommunityEntity     *entity);
COMMUNITY_AVAILABLE_IN_0_1
gboolean             community_validation_is_pending    (CommunityValidation *self);
COMMUNITY_AVAILABLE_IN_0_1
void                 community_validation_revalidate    (CommunityValidation *self);
COMMUNITY_AVAILABLE_IN_0_1
CommunityReport     *community_validation_get_report    (CommunityValidation *self);
COMMUNITY_AVAILABLE_IN_0_1
CommunityReport     *community_validation_dup_report    (CommunityValidation *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
