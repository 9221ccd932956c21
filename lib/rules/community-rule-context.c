/* community-rule-context.c: what a rule sees while it runs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "community-rule-private.h"
#include "community-finding-private.h"
#include "community-handoff-private.h"

struct _CommunityRuleContext
{
  const CommunityRuleDefinition *rule;
  CommunityRuleset *ruleset;
  CommunityIndex *index;
  CommunitySeverity severity;
  const char *rule_id;   /* the rule's id and clause, interned for the findings */
  const char *clause;
  GPtrArray *findings;
  guint passed;
  guint failed;
  guint not_applicable;
  GString *path;         /* a finding's path, made here (community_rule_fail()) */
};

/* --- field access --- */

const CommunityFieldSlot *
community_field_slot (gpointer    record,
                      const char *json_name)
{
  return community_record_peek_slot_by_name ((CommunityRecord *) record, json_name);
}

/* See COMMUNITY_FIELD_SLOT() (community-rule-private.h). */
const CommunityFieldSlot *
community_field_slot_at (gpointer    record,
                         const char *json_name,
                         gpointer   *site)
{
  const CommunityFieldTable *table = community_record_get_fields ((CommunityRecord *) record);
  gsize entry = (gsize) g_atomic_pointer_get (site);
  guint id;

  if G_LIKELY ((entry >> 8) == (gsize) table)
    return community_record_peek_slot ((CommunityRecord *) record, (guint) (entry & 0xff));

  id = community_field_table_lookup (table, json_name);
  g_return_val_if_fail (id != 0, NULL);
  /* Tables are allocated, well below 2^56; if one is not, no caching. */
  if ((((gsize) table << 8) >> 8) == (gsize) table)
    g_atomic_pointer_set (site, (gpointer) (((gsize) table << 8) | id));
  return community_record_peek_slot ((CommunityRecord *) record, id);
}

/* --- JSON values --- */

JsonNode *
community_json_int (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
}

JsonNode *
community_json_double (double value)
{
  return json_node_init_double (json_node_alloc (), value);
}

/* true, false and null are one node each, in every finding that holds
 * them: sealed (immutable), shared by reference (json-glib counts its
 * references atomically, so any thread may take one). Half of a report's
 * expected and actual values are booleans. */
static JsonNode *
shared_node (gsize    *slot,
             JsonNode *(*init) (JsonNode *, gboolean),
             gboolean  value)
{
  if (g_once_init_enter (slot))
    {
      JsonNode *node = init (json_node_alloc (), value);

      json_node_seal (node);
      g_once_init_leave (slot, (gsize) node);
    }
  return json_node_ref ((JsonNode *) *slot);
}

static JsonNode *
init_null (JsonNode *node,
           gboolean  unused)
{
  return json_node_init_null (node);
}

JsonNode *
community_json_bool (gboolean value)
{
  static gsize shared[2];

  return shared_node (&shared[value ? 1 : 0], json_node_init_boolean, value);
}

/* A thread's last strings as sealed nodes, by the string's hash: a
 * report's string values are mostly a few vocabulary words ("full_time",
 * "part_time": 14,421 values and 488 distinct ones on city-high), each
 * then one node that the findings share. The pool's threads drop theirs
 * when they end. */
#define KEPT_STRINGS 64

typedef struct {
  JsonNode *nodes[KEPT_STRINGS];
} KeptStrings;

static void
kept_strings_free (gpointer data)
{
  KeptStrings *kept = data;

  for (guint i = 0; i < KEPT_STRINGS; i++)
    g_clear_pointer (&kept->nodes[i], json_node_unref);
  g_free (kept);
}

static GPrivate kept_strings = G_PRIVATE_INIT (kept_strings_free);

JsonNode *
community_json_string (const char *value)
{
  KeptStrings *kept;
  JsonNode **slot;

  if (value == NULL)
    return community_json_null ();
  kept = g_private_get (&kept_strings);
  if (kept == NULL)
    {
      kept = g_new0 (KeptStrings, 1);
      g_private_set (&kept_strings, kept);
    }
  slot = &kept->nodes[g_str_hash (value) % KEPT_STRINGS];
  if (*slot == NULL || strcmp (json_node_get_string (*slot), value) != 0)
    {
      g_clear_pointer (slot, json_node_unref);
      *slot = json_node_init_string (json_node_alloc (), value);
      json_node_seal (*slot);
    }
  return json_node_ref (*slot);
}

JsonNode *
community_json_null (void)
{
  static gsize shared;

  return shared_node (&shared, init_null, FALSE);
}

/* --- the context --- */

CommunityDataset *
community_rule_get_dataset (CommunityRuleContext *ctx)
{
  return ctx->index->dataset;
}

CommunityIndex *
community_rule_get_index (CommunityRuleContext *ctx)
{
  return ctx->index;
}

char *
community_rule_division_label (CommunityRuleContext *ctx,
                               const char           *code)
{
  gpointer entity;
  const char *name;

  g_return_val_if_fail (code != NULL, NULL);

  entity = community_dataset_get_division (ctx->index->dataset, code);
  if (entity == NULL)
    entity = community_dataset_get_community (ctx->index->dataset, code);
  name = entity != NULL ? community_field_string (entity, "name") : NULL;
  if (name == NULL || *name == '\0')
    return g_strdup (code);
  return g_strdup_printf ("%s %s", name, code);
}

double
community_rule_param (CommunityRuleContext *ctx,
                      const char           *name)
{
  return community_ruleset_get_rule_param (ctx->ruleset, ctx->rule->id, name);
}

void
community_rule_pass (CommunityRuleContext *ctx)
{
  ctx->passed++;
}

void
community_rule_not_applicable (CommunityRuleContext *ctx)
{
  ctx->not_applicable++;
}

void
community_rule_fail (CommunityRuleContext *ctx,
                     CommunityEntity      *subject,
                     const char           *member,
                     JsonNode             *expected,
                     JsonNode             *actual,
                     double                shortfall,
                     const char           *format,
                     ...)
{
  const char *identity = community_entity_get_identity (subject);
  char buffer[512];
  g_autofree char *long_message = NULL;
  CommunityFinding *finding;
  gboolean takes_id;
  va_list args;
  int length;

  /* A message that is a sentence around the subject's id ("Worker %s
   * holds a social work certificate but …") is made when it is read, from
   * the format (community_finding_new()); another is made here,
   * in a buffer of the run's. Either way the finding lays its text in one
   * block. */
  va_start (args, format);
  takes_id = identity != NULL && community_finding_format_takes_id (format) &&
             g_strcmp0 (va_arg (args, const char *), identity) == 0;
  va_end (args);
  if (!takes_id)
    {
      va_start (args, format);
      length = g_vsnprintf (buffer, sizeof buffer, format, args);
      va_end (args);
      if (length < 0 || (gsize) length >= sizeof buffer)
        {
          va_start (args, format);
          long_message = g_strdup_vprintf (format, args);
          va_end (args);
        }
    }
  if (ctx->path == NULL)
    ctx->path = g_string_sized_new (64);
  g_string_truncate (ctx->path, 0);
  community_index_append_path (ctx->index, subject, member, ctx->path);
  finding = community_finding_new (ctx->rule_id, ctx->severity, ctx->clause,
                                   community_entity_get_kind (subject), identity, ctx->path->str,
                                   takes_id ? NULL : long_message != NULL ? long_message : buffer,
                                   takes_id ? format : NULL,
                                   expected, actual, shortfall);
  community_finding_set_divisions (finding, community_index_divisions (ctx->index, subject));
  g_ptr_array_add (ctx->findings, finding);
  ctx->failed++;
}

void
community_rule_for_each (CommunityRuleContext *ctx,
                         CommunityEntityKind   kind,
                         CommunityRuleCheck    check,
                         gpointer              data)
{
  GListModel *items = community_dataset_get_items (ctx->index->dataset, kind);
  guint n_items = g_list_model_get_n_items (items);

  for (guint i = 0; i < n_items; i++)
    check (ctx, community_rule_item (items, i), data);
}

/* --- several threads (community_rules_run_tasks()) --- */

/* No run uses more threads than this, whatever the processors. */
#define MAX_THREADS 16

typedef struct {
  CommunityRuleTask task;
  gpointer data;
  guint n_tasks;
  int next;                  /* atomic */
  GCancellable *cancellable;
} TaskShare;

static gpointer
run_task_share (gpointer user_data)
{
  TaskShare *share = user_data;

  community_handoff_acquire (share);
  for (;;)
    {
      guint i = (guint) g_atomic_int_add (&share->next, 1);

      if (i >= share->n_tasks || g_cancellable_is_cancelled (share->cancellable))
        break;
      share->task (i, share->data);
    }
  community_handoff_release (share);
  return NULL;
}

void
community_rules_run_tasks (guint              threads,
                           guint              n_tasks,
                           CommunityRuleTask  task,
                           gpointer           data,
                           GCancellable      *cancellable)
{
  TaskShare share = { task, data, n_tasks, 0, cancellable };
  GThread *workers[MAX_THREADS];
  guint n_started = 1;

  if (threads == 0)
    threads = (guint) g_get_num_processors ();
  threads = CLAMP (MIN (threads, n_tasks), 1, MAX_THREADS);

  /* GLib's threads start and join through locks ThreadSanitizer does not
   * see: say so (community-handoff-private.h). A thread that cannot start
   * (the system's limits) is no error: the others, the caller's at least,
   * do its share. */
  community_handoff_release (&share);
  for (; n_started < threads; n_started++)
    if ((workers[n_started] = g_thread_try_new ("community-rules", run_task_share, &share, NULL)) == NULL)
      break;
  run_task_share (&share);
  for (guint t = 1; t < n_started; t++)
    g_thread_join (workers[t]);
  community_handoff_acquire (&share);
}

/* Runs @rule over the whole dataset, or, when @unit is given, over that
 * one unit of its scope (check_unit). */
static void
run_rule (const CommunityRuleDefinition *rule,
          CommunityRuleset              *ruleset,
          CommunityIndex                *index,
          CommunityEntity               *unit,
          GPtrArray                     *findings,
          guint                         *passed,
          guint                         *failed,
          guint                         *not_applicable)
{
  CommunityRuleContext ctx = {
    .rule = rule,
    .ruleset = ruleset,
    .index = index,
    .severity = community_ruleset_get_rule_severity (ruleset, rule->id),
    .rule_id = g_intern_string (rule->id),
    .clause = g_intern_string (community_ruleset_get_rule_clause (ruleset, rule->id)),
    .findings = findings,
  };

  if (unit != NULL)
    rule->check_unit (&ctx, unit);
  else
    rule->check (&ctx);

  *passed = ctx.passed;
  *failed = ctx.failed;
  *not_applicable = ctx.not_applicable;
  if (ctx.path != NULL)
    g_string_free (ctx.path, TRUE);
}

void
community_rule_run (const CommunityRuleDefinition *rule,
                    CommunityRuleset              *ruleset,
                    CommunityIndex                *index,
                    GPtrArray                     *findings,
                    guint                         *passed,
                    guint                         *failed,
                    guint                         *not_applicable)
{
  run_rule (rule, ruleset, index, NULL, findings, passed, failed, not_applicable);
}

void
community_rule_run_unit (const CommunityRuleDefinition *rule,
                         CommunityRuleset              *ruleset,
                         CommunityIndex                *index,
                         CommunityEntity               *unit,
                         GPtrArray                     *findings,
                         guint                         *passed,
                         guint                         *failed,
                         guint                         *not_applicable)
{
  g_return_if_fail (rule->check_unit != NULL && unit != NULL);

  run_rule (rule, ruleset, index, unit, findings, passed, failed, not_applicable);
}
