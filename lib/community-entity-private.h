/* community-entity-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "community-entity.h"
#include "community-record-private.h"

G_BEGIN_DECLS

/* Set by the dataset when it takes or releases the entity; not a reference. */
void community_entity_set_dataset (CommunityEntity  *self,
                                   CommunityDataset *dataset);

G_END_DECLS
