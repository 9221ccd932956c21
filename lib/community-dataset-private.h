/* community-dataset-private.h: what the io layer hands the dataset
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The dataset (community-dataset.c) keeps the model, the index and the
 * queries; reading and writing documents is the io layer's (lib/json/),
 * which builds a CommunityDatasetContents and hands it over whole.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "community-dataset.h"

G_BEGIN_DECLS

/* What a document holds, read and checked but not yet in a dataset. */
typedef struct {
  GDate *as_of;                                   /* nullable */
  guint codes_year;                               /* 0: not given */
  JsonObject *extra;                              /* nullable */
  GPtrArray *entities[COMMUNITY_N_ENTITY_KINDS];  /* of CommunityEntity, freed with g_object_unref() */
  /* Nullable: the entities of each kind by identity (a
   * community_identity_index_new()), when the reader built it anyway
   * checking for duplicates; the dataset then takes it as its index
   * instead of building its own. */
  GHashTable *index[COMMUNITY_N_ENTITY_KINDS];
} CommunityDatasetContents;

/* The object data of a dataset loaded from sheets: where its records came
 * from (lib/sheets/community-sheet-source-private.h), dropped by the next
 * load. */
#define COMMUNITY_DATASET_ORIGIN_KEY "community-sheet-origin"

void community_dataset_contents_clear   (CommunityDatasetContents *contents);

/* Replaces everything @self holds with what @contents holds, taking it
 * (what is left in @contents is still the caller's to clear). */
void community_dataset_replace_contents (CommunityDataset         *self,
                                         CommunityDatasetContents *contents);


G_END_DECLS
