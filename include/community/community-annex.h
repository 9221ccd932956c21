/* community-annex.h: the policy's annex of key tasks (附件 重点任务分工)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include <gio/gio.h>

#include "community-version.h"
#include "community-dataset.h"
#include "community-department.h"
#include "community-task.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_ANNEX_NOTE (community_annex_note_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityAnnexNote, community_annex_note, COMMUNITY, ANNEX_NOTE, GObject)

COMMUNITY_AVAILABLE_IN_0_1
guint                community_annex_note_get_task       (CommunityAnnexNote  *self);
COMMUNITY_AVAILABLE_IN_0_1
const char          *community_annex_note_get_kind       (CommunityAnnexNote  *self);
COMMUNITY_AVAILABLE_IN_0_1
const char          *community_annex_note_get_text       (CommunityAnnexNote  *self);
COMMUNITY_AVAILABLE_IN_0_1
const char          *community_annex_note_get_suggestion (CommunityAnnexNote  *self);

/* The built-in annex */
COMMUNITY_AVAILABLE_IN_0_1
CommunityDataset    *community_annex_new_dataset         (GError             **error) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
gboolean             community_annex_add_to              (CommunityDataset    *dataset,
                                                          GError             **error);
COMMUNITY_AVAILABLE_IN_0_1
GListModel          *community_annex_list_notes          (void) G_GNUC_WARN_UNUSED_RESULT;

/* Queries over the tasks of any dataset */
COMMUNITY_AVAILABLE_IN_0_1
CommunityDepartment *community_dataset_get_task_lead     (CommunityDataset    *self,
                                                          CommunityTask       *task);
COMMUNITY_AVAILABLE_IN_0_1
GPtrArray           *community_dataset_list_task_units   (CommunityDataset    *self,
                                                          CommunityTask       *task) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
GPtrArray           *community_dataset_list_tasks_led_by (CommunityDataset    *self,
                                                          const char          *department_id) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
GPtrArray           *community_dataset_list_tasks_of     (CommunityDataset    *self,
                                                          const char          *department_id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
