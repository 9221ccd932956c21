/* community-task.c: a key task of the annex (重点任务)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-task.h"
#include "community-entity-private.h"

/**
 * CommunityTask:
 *
 * A key task (重点任务) of the policy's annex (附件 重点任务分工): a numbered
 * row, 1 to 39 in the annex, with its text, the clause it comes from and its
 * responsible units, the lead unit first (注: 责任分工排名在前的为牵头单位).
 *
 * In JSON: `{"number", "text", "clause", "departments"}`.
 */

struct _CommunityTask
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityTask, community_task, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_NUMBER,
  PROP_TEXT,
  PROP_CLAUSE,
  PROP_DEPARTMENTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_NUMBER] = { COMMUNITY_FIELD_IDENTITY },
  [PROP_DEPARTMENTS] = { COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (DEPARTMENT) },
};

static void
community_task_class_init (CommunityTaskClass *klass)
{
  CommunityEntityClassPrivate *entity_class = COMMUNITY_ENTITY_CLASS_PRIVATE (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_TASK;

  /**
   * CommunityTask:number:
   *
   * The task's identity: its row number (序号) in the annex, from 1. Other
   * entities and reports give it as a string. Construct-only.
   */
  properties[PROP_NUMBER] =
    g_param_spec_uint ("number", NULL, NULL, 1, G_MAXUINT32, 1,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityTask:text:
   *
   * The task as the annex words it (工作任务).
   */
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, flags);

  /**
   * CommunityTask:clause:
   *
   * The clause of the policy the task carries out, e.g. `二(一)`.
   */
  properties[PROP_CLAUSE] = g_param_spec_string ("clause", NULL, NULL, NULL, flags);

  /**
   * CommunityTask:departments:
   *
   * The ids of the responsible units (负责单位) in the annex's order: the
   * first is the lead unit (牵头单位), the rest co-units. The rule `task.lead`
   * requires at least one.
   */
  properties[PROP_DEPARTMENTS] =
    g_param_spec_boxed ("departments", NULL, NULL, G_TYPE_STRV, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_task_init (CommunityTask *self)
{
}

/**
 * community_task_new:
 * @number: the task's row number in the annex, from 1
 *
 * Creates a task with nothing but its identity set.
 *
 * Returns: (transfer full): a new task
 */
CommunityTask *
community_task_new (guint number)
{
  g_return_val_if_fail (number >= 1, NULL);

  return g_object_new (COMMUNITY_TYPE_TASK, "number", number, NULL);
}
