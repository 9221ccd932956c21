/* community-dataset.h: everything known about a city's communities
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "community-entity.h"
#include "community-division.h"
#include "community-community.h"
#include "community-grid.h"
#include "community-worker.h"
#include "community-facility.h"
#include "community-department.h"
#include "community-task.h"
#include "community-privacy.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_DATASET (community_dataset_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityDataset, community_dataset, COMMUNITY, DATASET, GObject)

COMMUNITY_AVAILABLE_IN_0_1
CommunityDataset   *community_dataset_new             (void) G_GNUC_WARN_UNUSED_RESULT;

/* Header */
COMMUNITY_AVAILABLE_IN_0_1
const GDate        *community_dataset_get_as_of       (CommunityDataset    *self);
COMMUNITY_AVAILABLE_IN_0_1
void                community_dataset_set_as_of       (CommunityDataset    *self,
                                                       const GDate         *as_of);
COMMUNITY_AVAILABLE_IN_0_1
guint               community_dataset_get_codes_year  (CommunityDataset    *self);
COMMUNITY_AVAILABLE_IN_0_1
void                community_dataset_set_codes_year  (CommunityDataset    *self,
                                                       guint                codes_year);
COMMUNITY_AVAILABLE_IN_0_1
JsonObject         *community_dataset_get_extra       (CommunityDataset    *self);

/* Entities */
COMMUNITY_AVAILABLE_IN_0_1
GListModel         *community_dataset_get_items       (CommunityDataset    *self,
                                                       CommunityEntityKind  kind);
COMMUNITY_AVAILABLE_IN_0_1
gboolean            community_dataset_add             (CommunityDataset    *self,
                                                       CommunityEntity     *entity,
                                                       GError             **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean            community_dataset_remove          (CommunityDataset    *self,
                                                       CommunityEntity     *entity);
COMMUNITY_AVAILABLE_IN_0_1
CommunityEntity    *community_dataset_lookup          (CommunityDataset    *self,
                                                       CommunityEntityKind  kind,
                                                       const char          *identity);
COMMUNITY_AVAILABLE_IN_0_1
CommunityDivision  *community_dataset_get_division    (CommunityDataset    *self,
                                                       const char          *code);
COMMUNITY_AVAILABLE_IN_0_1
CommunityCommunity *community_dataset_get_community   (CommunityDataset    *self,
                                                       const char          *code);
COMMUNITY_AVAILABLE_IN_0_1
CommunityGrid      *community_dataset_get_grid        (CommunityDataset    *self,
                                                       const char          *id);
COMMUNITY_AVAILABLE_IN_0_1
CommunityWorker    *community_dataset_get_worker      (CommunityDataset    *self,
                                                       const char          *id);
COMMUNITY_AVAILABLE_IN_0_1
CommunityFacility  *community_dataset_get_facility    (CommunityDataset    *self,
                                                       const char          *id);
COMMUNITY_AVAILABLE_IN_0_1
CommunityDepartment *community_dataset_get_department (CommunityDataset    *self,
                                                       const char          *id);
COMMUNITY_AVAILABLE_IN_0_1
CommunityDepartment *community_dataset_find_department (CommunityDataset    *self,
                                                     const char          *name);
COMMUNITY_AVAILABLE_IN_0_1
CommunityTask      *community_dataset_get_task        (CommunityDataset    *self,
                                                       guint                number);
COMMUNITY_AVAILABLE_IN_0_1
CommunityEntity    *community_dataset_resolve         (CommunityDataset    *self,
                                                       CommunityRecord     *record,
                                                       const char          *property_name);

/* The hierarchy */
COMMUNITY_AVAILABLE_IN_0_1
GPtrArray          *community_dataset_list_communities (CommunityDataset   *self,
                                                        const char         *street_code) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
GPtrArray          *community_dataset_list_grids      (CommunityDataset    *self,
                                                       const char          *community_code) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
GPtrArray          *community_dataset_list_workers    (CommunityDataset    *self,
                                                       const char          *code) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
GPtrArray          *community_dataset_list_facilities (CommunityDataset    *self,
                                                       const char          *owner_code) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
GPtrArray          *community_dataset_list_children   (CommunityDataset    *self,
                                                       const char          *division_code) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
CommunityEntity    *community_dataset_get_parent      (CommunityDataset    *self,
                                                       CommunityEntity     *entity);
COMMUNITY_AVAILABLE_IN_0_1
CommunityDivision  *community_dataset_get_ancestor    (CommunityDataset    *self,
                                                       CommunityEntity     *entity,
                                                       CommunityDivisionLevel level);

/* JSON in and out */
COMMUNITY_AVAILABLE_IN_0_1
gboolean            community_dataset_load_from_file  (CommunityDataset    *self,
                                                       const char          *filename,
                                                       GError             **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean            community_dataset_load_from_data  (CommunityDataset    *self,
                                                       const char          *data,
                                                       gssize               length,
                                                       GError             **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean            community_dataset_load_from_bytes (CommunityDataset    *self,
                                                       GBytes              *bytes,
                                                       GError             **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean            community_dataset_load_from_node  (CommunityDataset    *self,
                                                       JsonNode            *node,
                                                       GError             **error);
COMMUNITY_AVAILABLE_IN_0_1
JsonNode           *community_dataset_to_node         (CommunityDataset    *self) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
JsonNode           *community_dataset_to_node_full    (CommunityDataset    *self,
                                                       CommunityPrivacy    *privacy) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
char               *community_dataset_save_to_data_full (CommunityDataset  *self,
                                                         CommunityPrivacy  *privacy,
                                                         gsize             *length) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
gboolean            community_dataset_save_to_file_full (CommunityDataset  *self,
                                                         const char        *filename,
                                                         CommunityPrivacy  *privacy,
                                                         GError           **error);
COMMUNITY_AVAILABLE_IN_0_1
char               *community_dataset_save_to_data    (CommunityDataset    *self,
                                                       gsize               *length) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
gboolean            community_dataset_save_to_file    (CommunityDataset    *self,
                                                       const char          *filename,
                                                       GError             **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean            community_dataset_check_complete  (CommunityDataset    *self,
                                                       GError             **error);

/* GIO: streams, and the asynchronous forms */
COMMUNITY_AVAILABLE_IN_0_1
gboolean            community_dataset_load_from_stream        (CommunityDataset    *self,
                                                               GInputStream        *stream,
                                                               GCancellable        *cancellable,
                                                               GError             **error);
COMMUNITY_AVAILABLE_IN_0_1
void                community_dataset_load_from_stream_async  (CommunityDataset    *self,
                                                               GInputStream        *stream,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
COMMUNITY_AVAILABLE_IN_0_1
gboolean            community_dataset_load_from_stream_finish (CommunityDataset    *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);
COMMUNITY_AVAILABLE_IN_0_1
void                community_dataset_load_from_file_async    (CommunityDataset    *self,
                                                               const char          *filename,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
COMMUNITY_AVAILABLE_IN_0_1
gboolean            community_dataset_load_from_file_finish   (CommunityDataset    *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean            community_dataset_save_to_stream          (CommunityDataset    *self,
                                                               GOutputStream       *stream,
                                                               CommunityPrivacy    *privacy,
                                                               GCancellable        *cancellable,
                                                               GError             **error);
COMMUNITY_AVAILABLE_IN_0_1
void                community_dataset_save_to_file_async      (CommunityDataset    *self,
                                                               const char          *filename,
                                                               CommunityPrivacy    *privacy,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
COMMUNITY_AVAILABLE_IN_0_1
gboolean            community_dataset_save_to_file_finish     (CommunityDataset    *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean            community_dataset_equal           (CommunityDataset    *a,
                                                       CommunityDataset    *b);
COMMUNITY_AVAILABLE_IN_0_1
CommunityDataset   *community_dataset_copy            (CommunityDataset    *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
