/* community-validator.c: checks a dataset against a ruleset
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-handoff-private.h"

#include <glib/gi18n-lib.h>

#include "community-validator.h"
#include "community-i18n-private.h"
#include "community-report-private.h"
#include "community-finding-private.h"
#include "community-dataset-private.h"
#include "community-sheets.h"
#include "rules/community-rule-private.h"

/**
 * CommunityValidator:
 *
 * Runs the rules of a [class@Community.Ruleset] over a
 * [class@Community.Dataset] and computes its indicators, giving a
 * [class@Community.Report].
 *
 * ```python
 * ruleset = Community.Ruleset.new_builtin("wuxi-2018")
 * report = Community.Validator.new(ruleset).run(dataset)
 * for finding in report.get_findings():
 *     print(finding.get_rule(), finding.get_path(), finding.get_message())
 * ```
 *
 * Messages follow the locale (English, or Chinese under a `zh_CN` locale).
 *
 * [method@Community.Validator.run_async] validates in a worker thread, over
 * a snapshot of the dataset taken when it is called, so that the caller may
 * go on changing the dataset meanwhile:
 *
 * ```python
 * def done(validator, result):
 *     report = validator.run_finish(result)
 *     print(report.count(Community.Severity.ERROR), "errors")
 *
 * validator.run_async(dataset, None, done)
 * ```
 *
 * A validator, like its ruleset, may be shared across threads: any number
 * of runs, synchronous or not, may use it at once, each over its own
 * dataset.
 *
 * A run uses several threads ([property@Community.Validator:threads]; by
 * default one per processor): the rules, and the indicators, are shared
 * out among them, each reading the same dataset and keeping its own
 * findings, which are then put together in catalog order, so that the
 * report is the same whatever the number of threads. The dataset must
 * therefore not change while a run lasts, on any thread:
 * [method@Community.Validator.run] blocks its caller until the report is
 * ready, and [method@Community.Validator.run_async] works on a copy.
 */

struct _CommunityValidator
{
  GObject parent_instance;

  CommunityRuleset *ruleset;
  guint threads;   /* read and written atomically; 0: one per processor */
};

G_DEFINE_FINAL_TYPE (CommunityValidator, community_validator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_RULESET,
  PROP_THREADS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
community_validator_finalize (GObject *object)
{
  CommunityValidator *self = COMMUNITY_VALIDATOR (object);

  /* The last reference may go on another thread than a run's: what the
   * runs read happened before (their release in validator_run()). */
  community_handoff_acquire (self);
  g_clear_object (&self->ruleset);

  G_OBJECT_CLASS (community_validator_parent_class)->finalize (object);
}

static void
community_validator_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CommunityValidator *self = COMMUNITY_VALIDATOR (object);

  if (prop_id == PROP_RULESET)
    g_value_set_object (value, self->ruleset);
  else if (prop_id == PROP_THREADS)
    g_value_set_uint (value, community_validator_get_threads (self));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
community_validator_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CommunityValidator *self = COMMUNITY_VALIDATOR (object);

  if (prop_id == PROP_RULESET)
    self->ruleset = g_value_dup_object (value);
  else if (prop_id == PROP_THREADS)
    community_validator_set_threads (self, g_value_get_uint (value));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
community_validator_class_init (CommunityValidatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = community_validator_finalize;
  object_class->get_property = community_validator_get_property;
  object_class->set_property = community_validator_set_property;

  /**
   * CommunityValidator:ruleset:
   *
   * The ruleset the validator runs. Construct-only.
   */
  properties[PROP_RULESET] =
    g_param_spec_object ("ruleset", NULL, NULL, COMMUNITY_TYPE_RULESET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityValidator:threads:
   *
   * How many threads a run may use: 0 (the default) for one per processor
   * (g_get_num_processors(), at most 16), 1 to run every rule on the
   * calling thread. The report is the same whatever the number. Changing
   * it affects the runs that start afterwards.
   */
  properties[PROP_THREADS] =
    g_param_spec_uint ("threads", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  community_i18n_init ();
}

static void
community_validator_init (CommunityValidator *self)
{
}

/**
 * community_validator_new:
 * @ruleset: the ruleset to run
 *
 * Creates a validator for a ruleset.
 *
 * Returns: (transfer full): a new validator
 */
CommunityValidator *
community_validator_new (CommunityRuleset *ruleset)
{
  g_return_val_if_fail (COMMUNITY_IS_RULESET (ruleset), NULL);

  return g_object_new (COMMUNITY_TYPE_VALIDATOR, "ruleset", ruleset, NULL);
}

/**
 * community_validator_get_ruleset:
 * @self: a validator
 *
 * Gets the ruleset the validator runs.
 *
 * Returns: (transfer none): the ruleset
 */
CommunityRuleset *
community_validator_get_ruleset (CommunityValidator *self)
{
  g_return_val_if_fail (COMMUNITY_IS_VALIDATOR (self), NULL);
  return self->ruleset;
}

/**
 * community_validator_get_threads:
 * @self: a validator
 *
 * Gets how many threads a run may use, as set
 * ([property@Community.Validator:threads]): 0 means one per processor.
 *
 * Returns: the number of threads, or 0
 */
guint
community_validator_get_threads (CommunityValidator *self)
{
  g_return_val_if_fail (COMMUNITY_IS_VALIDATOR (self), 0);
  return (guint) g_atomic_int_get (&self->threads);
}

/**
 * community_validator_set_threads:
 * @self: a validator
 * @threads: how many threads a run may use; 0 for one per processor
 *
 * Sets [property@Community.Validator:threads]. A run that has started
 * keeps the number it started with.
 */
void
community_validator_set_threads (CommunityValidator *self,
                                 guint               threads)
{
  g_return_if_fail (COMMUNITY_IS_VALIDATOR (self));

  if ((guint) g_atomic_int_exchange (&self->threads, threads) != threads)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_THREADS]);
}

/* One rule of a run: its findings and counts, kept apart until all the
 * rules are done. */
typedef struct {
  const CommunityRuleDefinition *rule;
  GPtrArray *findings;
  guint passed;
  guint failed;
  guint not_applicable;
} RuleRun;

/* A run shared among threads (community_rules_run_tasks()). Task 0 is the
 * indicators (among the longest, so taken first); task 1 the lane, the
 * rules that read the histories, one after the other; each other rule is
 * a task of its own. The index is complete before any thread starts, and
 * nothing writes to it (or to the dataset) until they are all done.
 *
 * See community_rule_reads_histories() for why the lane. */
typedef struct {
  CommunityRuleset *ruleset;
  CommunityIndex *index;
  RuleRun *runs;
  guint n_runs;
  guint *lane;      /* indices into runs of the rules that read histories */
  guint n_lane;
  guint *solo;      /* of the others */
  guint n_solo;
  GPtrArray *indicators;
} RunShare;

static void
run_one (RunShare *share,
         RuleRun  *run)
{
  run->findings = g_ptr_array_new_with_free_func (g_object_unref);
  community_rule_run (run->rule, share->ruleset, share->index, run->findings,
                      &run->passed, &run->failed, &run->not_applicable);
}

static void
run_task (guint    task,
          gpointer data)
{
  RunShare *share = data;

  if (task == 0)
    share->indicators = community_indicators_compute (share->ruleset, share->index);
  else if (task == 1)
    for (guint i = 0; i < share->n_lane; i++)
      run_one (share, &share->runs[share->lane[i]]);
  else
    run_one (share, &share->runs[share->solo[task - 2]]);
}

/* The run itself: the rules, shared out among threads (see RunShare), and
 * the indicators. Reads only @dataset, the ruleset (immutable) and
 * constant tables, so runs over datasets that are not shared may go on in
 * several threads at once. The findings are put together in catalog
 * order, so the report does not depend on the threads. Returns NULL,
 * having stopped between two rules, when @cancellable is cancelled. */
static CommunityReport *
validator_run (CommunityValidator *self,
               CommunityDataset   *dataset,
               GCancellable       *cancellable)
{
  g_auto(GStrv) rule_ids = NULL;
  RunShare share = { .ruleset = self->ruleset };
  GPtrArray *findings, *rule_results;
  guint n_findings = 0;
  CommunityReport *report = NULL;

  rule_ids = community_ruleset_list_rules (self->ruleset);
  share.runs = g_new0 (RuleRun, g_strv_length (rule_ids));
  for (guint i = 0; rule_ids[i] != NULL; i++)
    {
      const CommunityRuleDefinition *rule = community_rules_lookup (rule_ids[i]);

      if (rule != NULL && community_ruleset_get_rule_enabled (self->ruleset, rule_ids[i]))
        share.runs[share.n_runs++].rule = rule;
    }

  share.lane = g_new (guint, share.n_runs + 1);
  share.solo = g_new (guint, share.n_runs + 1);
  for (guint i = 0; i < share.n_runs; i++)
    {
      if (community_rule_reads_histories (share.runs[i].rule))
        share.lane[share.n_lane++] = i;
      else
        share.solo[share.n_solo++] = i;
    }

  share.index = community_index_new (dataset);
  community_rules_run_tasks (community_validator_get_threads (self), share.n_solo + 2,
                             run_task, &share, cancellable);
  community_index_free (share.index);
  g_free (share.lane);
  g_free (share.solo);

  for (guint i = 0; i < share.n_runs; i++)
    n_findings += share.runs[i].findings != NULL ? share.runs[i].findings->len : 0;
  findings = g_ptr_array_new_full (n_findings, g_object_unref);
  rule_results = g_ptr_array_new_full (share.n_runs, g_object_unref);
  for (guint i = 0; i < share.n_runs; i++)
    {
      RuleRun *run = &share.runs[i];
      const char *id = run->rule->id;

      if (run->findings == NULL)
        continue;   /* cancelled before it ran */
      /* The findings change hands: the run's array frees none of them. */
      g_ptr_array_set_free_func (run->findings, NULL);
      g_ptr_array_extend_and_steal (findings, g_steal_pointer (&run->findings));
      g_ptr_array_add (rule_results,
                       community_rule_result_new (id,
                                                  community_ruleset_get_rule_clause (self->ruleset, id),
                                                  community_ruleset_get_rule_severity (self->ruleset, id),
                                                  run->passed, run->failed, run->not_applicable));
    }
  g_free (share.runs);

  if (g_cancellable_is_cancelled (cancellable) || share.indicators == NULL ||
      rule_results->len != share.n_runs)
    {
      g_ptr_array_unref (findings);
      g_ptr_array_unref (rule_results);
      g_clear_pointer (&share.indicators, g_ptr_array_unref);
      community_handoff_release (self);
      return NULL;
    }

  /* Data from a workbook: each finding names its cell. */
  if (g_object_get_data (G_OBJECT (dataset), COMMUNITY_DATASET_ORIGIN_KEY) != NULL)
    for (guint i = 0; i < findings->len; i++)
      {
        CommunityFinding *finding = g_ptr_array_index (findings, i);

        community_finding_take_cell (finding,
                                     community_dataset_locate_cell (dataset, community_finding_get_path (finding)));
      }

  report = community_report_new (community_ruleset_get_name (self->ruleset),
                                 findings, rule_results, share.indicators);
  /* Done with @self: whichever thread drops its last reference
   * (GObject's atomics are invisible to ThreadSanitizer) finalizes it
   * after this. */
  community_handoff_release (self);
  return report;
}

/**
 * community_validator_run:
 * @self: a validator
 * @dataset: the dataset to check
 *
 * Runs every enabled rule of the ruleset over @dataset, in catalog order,
 * and computes every indicator for the city, each district or county and
 * each street or town, on as many threads as
 * [property@Community.Validator:threads] allows; it returns when they are
 * all done. The dataset must not change while this runs, on any thread:
 * call it on the thread that uses @dataset, or see
 * [method@Community.Validator.run_async] to validate in another thread.
 *
 * Returns: (transfer full): the report
 */
CommunityReport *
community_validator_run (CommunityValidator *self,
                         CommunityDataset   *dataset)
{
  g_return_val_if_fail (COMMUNITY_IS_VALIDATOR (self), NULL);
  g_return_val_if_fail (COMMUNITY_IS_DATASET (dataset), NULL);

  return validator_run (self, dataset, NULL);
}

/* What a task carries to its worker: the snapshot, which only the worker
 * uses and which the worker frees as soon as the run is done, so that the
 * caller's thread never pays for freeing it. (run_data_free() frees it
 * only if the worker never ran.) */
typedef struct {
  CommunityDataset *snapshot;
} RunData;

static void
run_data_free (RunData *data)
{
  community_handoff_acquire (data);
  g_clear_object (&data->snapshot);
  g_free (data);
}

/* In a worker thread: the run over the snapshot. */
static void
run_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CommunityValidator *self = source_object;
  RunData *data = task_data;
  CommunityDataset *snapshot;
  CommunityReport *report = NULL;

  community_handoff_acquire (data);
  snapshot = g_steal_pointer (&data->snapshot);
  if (!g_cancellable_is_cancelled (cancellable))
    report = validator_run (self, snapshot, cancellable);
  g_object_unref (snapshot);
  community_handoff_release (data);

  if (report != NULL)
    g_task_return_pointer (task, report, g_object_unref);
  else if (!g_task_return_error_if_cancelled (task))
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The validation was cancelled");
}

/**
 * community_validator_run_async:
 * @self: a validator
 * @dataset: the dataset to check
 * @cancellable: (nullable): a [class@Gio.Cancellable], or %NULL
 * @callback: (scope async) (nullable): what to call when the report is
 *   ready
 * @user_data: (closure): data for @callback
 *
 * Validates @dataset in another thread, as
 * [method@Community.Validator.run] would, without blocking the caller.
 *
 * Before returning, this takes a snapshot of @dataset on the calling
 * thread ([method@Community.Dataset.copy]); the rules then run over the
 * snapshot on a worker thread. So the caller may change @dataset, or drop
 * it, as soon as this returns: the report describes @dataset as it was at
 * the call. Several validations, of one dataset or of several, with one
 * validator or several, may run at once.
 *
 * @callback is called in the thread-default main context of the thread
 * that called this; it gets the report with
 * [method@Community.Validator.run_finish]. Cancelling @cancellable makes
 * the validation stop between two rules and finish with
 * %G_IO_ERROR_CANCELLED; a validation whose @cancellable is already
 * cancelled takes no snapshot.
 */
void
community_validator_run_async (CommunityValidator  *self,
                               CommunityDataset    *dataset,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (COMMUNITY_IS_VALIDATOR (self));
  g_return_if_fail (COMMUNITY_IS_DATASET (dataset));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, community_validator_run_async);
  g_task_set_name (task, "[libcommunity] validation");

  if (g_task_return_error_if_cancelled (task))
    return;

  data = g_new0 (RunData, 1);
  data->snapshot = community_dataset_copy (dataset);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  community_handoff_release (data);
  g_task_run_in_thread (task, run_in_thread);
}

/**
 * community_validator_run_finish:
 * @self: a validator
 * @result: the [iface@Gio.AsyncResult] given to the callback
 * @error: return location for a [error@Gio.IOErrorEnum]
 *
 * Gets the report of a validation started with
 * [method@Community.Validator.run_async]. A cancelled validation gives
 * %G_IO_ERROR_CANCELLED; nothing else fails.
 *
 * Returns: (transfer full): the report, or %NULL if the validation was
 *   cancelled
 */
CommunityReport *
community_validator_run_finish (CommunityValidator  *self,
                                GAsyncResult        *result,
                                GError             **error)
{
  g_return_val_if_fail (COMMUNITY_IS_VALIDATOR (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == community_validator_run_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_task_get_task_data (G_TASK (result)) != NULL)
    community_handoff_acquire (g_task_get_task_data (G_TASK (result)));
  return g_task_propagate_pointer (G_TASK (result), error);
}
