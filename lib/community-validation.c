/* community-validation.c: a validation kept up to date as a dataset changes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The session keeps, for every enabled rule, its findings (in the report's
 * order) and its counts, and for the rules with a scoped entry point
 * (CommunityRuleDefinition.check_unit) the counts of each scope unit; it
 * keeps the indicators' numerators and denominators per division
 * (CommunityIndicatorState) and the index of a run (CommunityIndex).
 *
 * It watches the dataset: CommunityDataset::entity-changed marks an entity
 * dirty, a list's items-changed marks its kind as added to or removed
 * from, the header's notify marks everything. Revalidating then:
 *
 * - rebuilds the index if entities were added or removed, if a division or
 *   community changed (the hierarchy every finding's divisions come from),
 *   or if a grid, worker or facility moved to another group of the index
 *   (its community or owner changed);
 * - leaves alone every rule that reads none of the changed kinds
 *   (CommunityRuleDefinition.reads, plus divisions and communities);
 * - re-runs, for a rule that has a scoped entry point, only the units the
 *   dirty entities touch, when nothing was added or removed among the
 *   kinds it reads and the hierarchy did not change: the entity itself
 *   for per-entity rules (grid.*, ref.unresolved), its community for
 *   grid.coverage; any other rule that reads a changed kind, in full;
 * - updates the grid.coverage indicator of the dirty grids' communities
 *   and the sums above them when only grids changed, else computes the
 *   indicators anew.
 *
 * So a grid's change costs its own grid rules, its references, its
 * community's coverage and three sums: microseconds. A worker's change
 * re-runs the rules that read workers (worker.*, workers.per-households,
 * grid.leader, grid.full-time-administrator, secretary.county-filing) in
 * full; a community's or division's change, and any addition or removal,
 * re-runs every rule that reads its kind, which for those two kinds is
 * every rule.
 *
 * The result is exactly a full run's: each rule's findings are kept sorted
 * as community_report_new() sorts them (a stable sort by path and subject:
 * a unit's findings share its subject, so they are contiguous, and are
 * inserted in the order the rule gave them), and the indicators' sums are
 * of whole numbers, which subtracting and adding keeps exact.
 */

#include "config.h"

#include <string.h>

#include "community-validation.h"
#include "community-entity-private.h"
#include "community-report-private.h"
#include "rules/community-rule-private.h"

/**
 * CommunityValidation:
 *
 * A validation of a [class@Community.Dataset] that stays up to date as the
 * dataset changes: a [class@Community.Validator]'s run, and then, when
 * entities change, only what the change touches is checked again.
 *
 * ```python
 * validation = Community.Validation.new(validator, dataset)
 * grid = dataset.get_grid("G-1")
 * grid.props.households = 420
 * report = validation.get_report()   # as validator.run(dataset) would give
 * ```
 *
 * The validation watches the dataset's entities (their properties, through
 * [signal@Community.Dataset::entity-changed]), its lists (entities added and
 * removed) and its header. [method@Community.Validation.get_report] gives a
 * report equal to what [method@Community.Validator.run] would give on the
 * dataset as it is (the same findings in the same order, the same counts
 * and indicators), recomputing first whatever changed since the last one:
 * for a grid, its own rules, its community's coverage and the coverage
 * indicator of the divisions above it, which takes microseconds on a
 * province's data where a full run takes seconds.
 *
 * A change inside a record nested in an entity (a community's committee,
 * a consultation's review) does not notify the entity: call
 * [method@Community.Validation.invalidate] for that entity afterwards.
 *
 * Like the dataset, a validation is used from one thread at a time. Its
 * full runs (when it is created, and when everything must be checked
 * again) share the rules out among the validator's threads
 * ([property@Community.Validator:threads]), as the validator's runs do.
 */

typedef struct {
  guint32 passed;
  guint32 failed;
  guint32 not_applicable;
} UnitCounts;

typedef struct {
  const CommunityRuleDefinition *definition;
  GPtrArray *findings;         /* in the report's order */
  gboolean shared;             /* @findings is a report's too: copy it
                                * before changing it */
  guint passed;
  guint failed;
  guint not_applicable;
  CommunityRuleResult *result;
  GArray *units[COMMUNITY_N_ENTITY_KINDS];  /* of UnitCounts, by position */
} RuleState;

struct _CommunityValidation
{
  GObject parent_instance;

  CommunityValidator *validator;
  CommunityRuleset *ruleset;
  CommunityDataset *dataset;

  gulong items_changed[COMMUNITY_N_ENTITY_KINDS];
  gulong entity_changed;
  gulong notify;

  CommunityIndex *index;
  RuleState *rules;
  guint n_rules;
  guint *lane;                 /* the rules that read histories, in order */
  guint n_lane;
  guint *solo;                 /* the others */
  guint n_solo;
  CommunityIndicatorState *indicators;

  GHashTable *dirty;           /* entities changed since, each a reference */
  guint added_or_removed;      /* kinds, as bits */
  gboolean everything;
  /* The last one: current unless report_stale. A stale one is kept until
   * the next one replaces it, so that what get_report() lent stays valid
   * until then. */
  CommunityReport *report;
  gboolean report_stale;
};

G_DEFINE_FINAL_TYPE (CommunityValidation, community_validation, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_VALIDATOR,
  PROP_DATASET,
  PROP_REPORT,
  PROP_PENDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What the indicators read (community-indicators.c). */
#define INDICATOR_READS (COMMUNITY_KIND_BIT (DIVISION) | COMMUNITY_KIND_BIT (COMMUNITY) | \
                         COMMUNITY_KIND_BIT (GRID) | COMMUNITY_KIND_BIT (WORKER) | \
                         COMMUNITY_KIND_BIT (FACILITY) | COMMUNITY_KIND_BIT (SURVEY))
#define HIERARCHY (COMMUNITY_KIND_BIT (DIVISION) | COMMUNITY_KIND_BIT (COMMUNITY))

#define KIND_BIT(kind) (1u << (kind))

/* --- one rule --- */

static int
compare_findings (gconstpointer a,
                  gconstpointer b)
{
  return community_finding_compare_in_rule (*(CommunityFinding **) a, *(CommunityFinding **) b);
}

static void
rule_state_update_result (CommunityValidation *self,
                          RuleState           *state)
{
  const char *id = state->definition->id;

  if (state->result != NULL &&
      community_rule_result_get_passed (state->result) == state->passed &&
      community_rule_result_get_failed (state->result) == state->failed &&
      community_rule_result_get_not_applicable (state->result) == state->not_applicable)
    return;

  g_clear_object (&state->result);
  state->result = community_rule_result_new (id,
                                             community_ruleset_get_rule_clause (self->ruleset, id),
                                             community_ruleset_get_rule_severity (self->ruleset, id),
                                             state->passed, state->failed, state->not_applicable);
}

static void
rule_state_clear_units (RuleState *state)
{
  for (guint k = 0; k < COMMUNITY_N_ENTITY_KINDS; k++)
    g_clear_pointer (&state->units[k], g_array_unref);
}

/* Runs the rule over the whole dataset. */
static void
rule_state_run (CommunityValidation *self,
                RuleState           *state)
{
  const CommunityRuleDefinition *rule = state->definition;
  GPtrArray *findings = g_ptr_array_new_with_free_func (g_object_unref);

  rule_state_clear_units (state);
  state->passed = state->failed = state->not_applicable = 0;

  if (rule->check_unit == NULL)
    community_rule_run (rule, self->ruleset, self->index, findings,
                        &state->passed, &state->failed, &state->not_applicable);
  else
    for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
      {
        GListModel *items;
        guint n_items;
        UnitCounts *units;

        if (rule->unit_kind != COMMUNITY_RULE_UNIT_ANY && (guint) rule->unit_kind != kind)
          continue;
        items = community_dataset_get_items (self->dataset, kind);
        n_items = g_list_model_get_n_items (items);
        state->units[kind] = g_array_sized_new (FALSE, TRUE, sizeof (UnitCounts), n_items);
        g_array_set_size (state->units[kind], n_items);
        units = (UnitCounts *) (gpointer) state->units[kind]->data;

        for (guint i = 0; i < n_items; i++)
          {
            guint passed, failed, not_applicable;

            community_rule_run_unit (rule, self->ruleset, self->index, community_rule_item (items, i),
                                     findings, &passed, &failed, &not_applicable);
            units[i] = (UnitCounts) { passed, failed, not_applicable };
            state->passed += passed;
            state->failed += failed;
            state->not_applicable += not_applicable;
          }
      }

  /* Stable, as community_report_new()'s sort. */
  g_ptr_array_sort (findings, compare_findings);
  g_clear_pointer (&state->findings, g_ptr_array_unref);
  state->findings = findings;
  state->shared = FALSE;
  rule_state_update_result (self, state);
}

/* The first position in @findings whose finding sorts after @finding
 * (after its equals: a unit's findings keep the rule's order). */
static guint
upper_bound (GPtrArray        *findings,
             CommunityFinding *finding)
{
  guint low = 0, high = findings->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (community_finding_compare_in_rule (findings->pdata[mid], finding) <= 0)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

/* The first position whose path is not less than @path. */
static guint
lower_bound_path (GPtrArray  *findings,
                  const char *path)
{
  guint low = 0, high = findings->len;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (g_strcmp0 (community_finding_get_path (findings->pdata[mid]), path) < 0)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

/* Makes @state's findings its own before they change: a report that
 * shares them keeps the old array (community_report_new_shared()). Costs
 * one rule's findings, once per report. */
static void
rule_state_unshare (RuleState *state)
{
  GPtrArray *copy;

  if (!state->shared)
    return;
  copy = g_ptr_array_new_full (state->findings->len, g_object_unref);
  for (guint i = 0; i < state->findings->len; i++)
    g_ptr_array_add (copy, g_object_ref (state->findings->pdata[i]));
  g_ptr_array_unref (state->findings);
  state->findings = copy;
  state->shared = FALSE;
}

/* Re-runs the rule for one of its units. */
static void
rule_state_run_unit (CommunityValidation *self,
                     RuleState           *state,
                     CommunityEntity     *unit)
{
  CommunityEntityKind kind = community_entity_get_kind (unit);
  guint position = community_entity_get_position (unit);
  const char *identity = community_entity_get_identity (unit);
  g_autoptr(GPtrArray) findings = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *prefix = community_index_path (self->index, unit, NULL);
  gsize prefix_length = strlen (prefix);
  UnitCounts *counts;
  guint passed, failed, not_applicable;
  guint start, removed = 0;

  g_assert (state->units[kind] != NULL && position < state->units[kind]->len);
  counts = &g_array_index (state->units[kind], UnitCounts, position);

  community_rule_run_unit (state->definition, self->ruleset, self->index, unit, findings,
                           &passed, &failed, &not_applicable);
  if (counts->failed > 0 || findings->len > 0)
    rule_state_unshare (state);

  /* The unit's findings: its subject is the unit, so their paths are its
   * path ("/grids/17") or below it ("/grids/17/…"), which sort together
   * and before any other path it prefixes ("/grids/170"). */
  start = lower_bound_path (state->findings, prefix);
  for (guint i = start; i < state->findings->len && removed < counts->failed; )
    {
      CommunityFinding *finding = state->findings->pdata[i];
      const char *path = community_finding_get_path (finding);

      if (strncmp (path, prefix, prefix_length) != 0 ||
          (path[prefix_length] != '\0' && path[prefix_length] != '/'))
        break;
      if (community_finding_get_subject_kind (finding) == kind &&
          g_strcmp0 (community_finding_get_subject_id (finding), identity) == 0)
        {
          g_ptr_array_remove_index (state->findings, i);
          removed++;
        }
      else
        i++;
    }
  g_assert (removed == counts->failed);

  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_insert (state->findings, (int) upper_bound (state->findings, findings->pdata[i]),
                        g_object_ref (findings->pdata[i]));

  state->passed += passed - counts->passed;
  state->failed += failed - counts->failed;
  state->not_applicable += not_applicable - counts->not_applicable;
  *counts = (UnitCounts) { passed, failed, not_applicable };
  rule_state_update_result (self, state);
}

/* The unit of @rule that a change of @entity touches: @entity itself, its
 * community (grid.coverage), or none (*unit NULL). FALSE if the rule has
 * no unit for such a change: it must run in full. */
static gboolean
unit_of_change (CommunityValidation           *self,
                const CommunityRuleDefinition *rule,
                CommunityEntity               *entity,
                CommunityEntity              **unit)
{
  CommunityEntityKind kind = community_entity_get_kind (entity);

  *unit = NULL;
  if (rule->unit_kind == COMMUNITY_RULE_UNIT_ANY || rule->unit_kind == (int) kind)
    {
      *unit = entity;
      return TRUE;
    }
  if (rule->unit_kind == COMMUNITY_ENTITY_KIND_COMMUNITY && kind == COMMUNITY_ENTITY_KIND_GRID)
    {
      *unit = (CommunityEntity *) community_dataset_get_community (self->dataset,
                                                                   community_field_string (entity, "community"));
      return TRUE;
    }
  return FALSE;
}

/* --- the whole --- */

/* Task 0: the indicators; task 1: the rules that read histories, one
 * after another (community_rule_reads_histories()); task i + 2: the i-th
 * other rule (community_rules_run_tasks(): each task writes its own state,
 * and reads the index, built before). */
static void
run_everything_task (guint    task,
                     gpointer data)
{
  CommunityValidation *self = data;

  if (task == 0)
    self->indicators = community_indicator_state_new (self->ruleset, self->index);
  else if (task == 1)
    for (guint i = 0; i < self->n_lane; i++)
      rule_state_run (self, &self->rules[self->lane[i]]);
  else
    rule_state_run (self, &self->rules[self->solo[task - 2]]);
}

static void
run_everything (CommunityValidation *self)
{
  g_clear_pointer (&self->index, community_index_free);
  self->index = community_index_new (self->dataset);
  g_clear_pointer (&self->indicators, community_indicator_state_free);

  /* On the validator's threads, as its runs. */
  community_rules_run_tasks (community_validator_get_threads (self->validator), self->n_solo + 2,
                             run_everything_task, self, NULL);
}

/* Whether the index still groups @entity where its fields now place it. */
static gboolean
index_places (CommunityIndex  *index,
              CommunityEntity *entity)
{
  CommunityGroups *table;
  const char *key;

  switch (community_entity_get_kind (entity))
    {
    case COMMUNITY_ENTITY_KIND_GRID:
      table = index->grids_by_community;
      key = community_field_string (entity, "community");
      break;
    case COMMUNITY_ENTITY_KIND_WORKER:
      table = index->workers_by_community;
      key = community_field_string (entity, "community");
      break;
    case COMMUNITY_ENTITY_KIND_FACILITY:
      table = index->facilities_by_owner;
      key = community_field_string (entity, "owner");
      break;
    case COMMUNITY_ENTITY_KIND_DIVISION:
    case COMMUNITY_ENTITY_KIND_COMMUNITY:
      return FALSE;  /* the hierarchy: see community_validation_revalidate() */
    default:
      return TRUE;
    }

  /* Without a key it is in no group, but it may have been in one. */
  if (key == NULL)
    return FALSE;
  return community_group_contains (community_index_group (index, table, key), entity);
}

/* The dataset changed: the report may change. A UI learns it once per
 * change of state (notify::pending and notify::report), not once per
 * property set, and asks for the report when it wants it. */
static void
changed (CommunityValidation *self,
         gboolean             was_pending)
{
  gboolean was_stale = self->report_stale;

  self->report_stale = TRUE;
  if (!was_pending)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
  if (!was_stale)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REPORT]);
}

static void
on_items_changed (GListModel          *list,
                  guint                position,
                  guint                removed,
                  guint                added,
                  CommunityValidation *self)
{
  gboolean was_pending = community_validation_is_pending (self);

  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    if (community_dataset_get_items (self->dataset, kind) == list)
      self->added_or_removed |= KIND_BIT (kind);
  changed (self, was_pending);
}

static void
on_entity_changed (CommunityDataset    *dataset,
                   CommunityEntity     *entity,
                   GParamSpec          *pspec,
                   CommunityValidation *self)
{
  gboolean was_pending = community_validation_is_pending (self);

  if (!g_hash_table_contains (self->dirty, entity))
    g_hash_table_add (self->dirty, g_object_ref (entity));
  changed (self, was_pending);
}

static void
on_notify (CommunityDataset    *dataset,
           GParamSpec          *pspec,
           CommunityValidation *self)
{
  gboolean was_pending = community_validation_is_pending (self);

  self->everything = TRUE;
  changed (self, was_pending);
}

/**
 * community_validation_revalidate:
 * @self: a validation
 *
 * Brings the validation up to date with its dataset now, checking again
 * only what changed since the last time (see
 * [class@Community.Validation]). Does nothing if nothing changed.
 * [method@Community.Validation.get_report] calls this itself.
 */
void
community_validation_revalidate (CommunityValidation *self)
{
  g_autoptr(GPtrArray) entities = NULL;
  guint changed_kinds, full_kinds;
  gboolean grids_only = TRUE;

  g_return_if_fail (COMMUNITY_IS_VALIDATION (self));

  if (!community_validation_is_pending (self))
    return;

  if (self->everything)
    {
      run_everything (self);
      goto done;
    }

  /* What changed, and what of it the index or the hierarchy no longer
   * describes. */
  entities = g_ptr_array_new ();
  changed_kinds = full_kinds = self->added_or_removed;
  {
    GHashTableIter iter;
    gpointer entity;

    g_hash_table_iter_init (&iter, self->dirty);
    while (g_hash_table_iter_next (&iter, &entity, NULL))
      {
        CommunityEntityKind kind = community_entity_get_kind (entity);

        /* One removed since is its kind's addition or removal. */
        if (community_entity_get_dataset (entity) != self->dataset)
          continue;
        changed_kinds |= KIND_BIT (kind);
        if ((full_kinds & KIND_BIT (kind)) == 0 && !index_places (self->index, entity))
          full_kinds |= KIND_BIT (kind);
        if (kind != COMMUNITY_ENTITY_KIND_GRID)
          grids_only = FALSE;
        g_ptr_array_add (entities, entity);
      }
  }

  if (full_kinds != 0)
    {
      g_clear_pointer (&self->index, community_index_free);
      self->index = community_index_new (self->dataset);
    }

  for (guint r = 0; r < self->n_rules; r++)
    {
      RuleState *state = &self->rules[r];
      const CommunityRuleDefinition *rule = state->definition;
      guint reads = rule->reads | HIERARCHY;
      g_autoptr(GPtrArray) units = NULL;

      if ((reads & changed_kinds) == 0)
        continue;   /* as it was */

      if (rule->check_unit != NULL && (reads & full_kinds) == 0 && (full_kinds & HIERARCHY) == 0)
        {
          units = g_ptr_array_new ();
          for (guint e = 0; units != NULL && e < entities->len; e++)
            {
              CommunityEntity *unit;

              if ((reads & KIND_BIT (community_entity_get_kind (entities->pdata[e]))) == 0)
                continue;
              if (!unit_of_change (self, rule, entities->pdata[e], &unit))
                g_clear_pointer (&units, g_ptr_array_unref);
              else if (unit != NULL)
                g_ptr_array_add (units, unit);
            }
        }

      if (units != NULL)
        for (guint u = 0; u < units->len; u++)
          rule_state_run_unit (self, state, units->pdata[u]);
      else
        rule_state_run (self, state);
    }

  if ((changed_kinds & INDICATOR_READS) != 0)
    {
      if (grids_only && full_kinds == 0)
        for (guint e = 0; e < entities->len; e++)
          {
            CommunityCommunity *community =
              community_dataset_get_community (self->dataset,
                                               community_field_string (entities->pdata[e], "community"));

            if (community != NULL)
              community_indicator_state_update_grid_coverage (self->indicators, self->ruleset,
                                                              self->index, community);
          }
      else
        {
          g_clear_pointer (&self->indicators, community_indicator_state_free);
          self->indicators = community_indicator_state_new (self->ruleset, self->index);
        }
    }

done:
  g_hash_table_remove_all (self->dirty);
  self->added_or_removed = 0;
  self->everything = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING]);
}

/* --- GObject --- */

static void
community_validation_constructed (GObject *object)
{
  CommunityValidation *self = COMMUNITY_VALIDATION (object);
  g_auto(GStrv) rule_ids = NULL;
  GArray *rules;

  G_OBJECT_CLASS (community_validation_parent_class)->constructed (object);

  g_return_if_fail (self->validator != NULL && self->dataset != NULL);
  self->ruleset = g_object_ref (community_validator_get_ruleset (self->validator));

  /* The rules the validator runs, in its order. */
  rules = g_array_new (FALSE, TRUE, sizeof (RuleState));
  rule_ids = community_ruleset_list_rules (self->ruleset);
  for (guint i = 0; rule_ids[i] != NULL; i++)
    {
      const CommunityRuleDefinition *rule = community_rules_lookup (rule_ids[i]);
      RuleState state = { 0 };

      if (rule == NULL || !community_ruleset_get_rule_enabled (self->ruleset, rule_ids[i]))
        continue;
      state.definition = rule;
      g_array_append_val (rules, state);
    }
  self->n_rules = rules->len;
  self->rules = (RuleState *) (gpointer) g_array_free (rules, FALSE);
  self->lane = g_new (guint, self->n_rules + 1);
  self->solo = g_new (guint, self->n_rules + 1);
  for (guint r = 0; r < self->n_rules; r++)
    {
      if (community_rule_reads_histories (self->rules[r].definition))
        self->lane[self->n_lane++] = r;
      else
        self->solo[self->n_solo++] = r;
    }

  for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
    self->items_changed[kind] = g_signal_connect (community_dataset_get_items (self->dataset, kind),
                                                  "items-changed", G_CALLBACK (on_items_changed), self);
  self->entity_changed = g_signal_connect (self->dataset, "entity-changed",
                                           G_CALLBACK (on_entity_changed), self);
  self->notify = g_signal_connect (self->dataset, "notify", G_CALLBACK (on_notify), self);

  run_everything (self);
}

static void
community_validation_dispose (GObject *object)
{
  CommunityValidation *self = COMMUNITY_VALIDATION (object);

  if (self->dataset != NULL)
    {
      for (guint kind = 0; kind < COMMUNITY_N_ENTITY_KINDS; kind++)
        g_clear_signal_handler (&self->items_changed[kind], community_dataset_get_items (self->dataset, kind));
      g_clear_signal_handler (&self->entity_changed, self->dataset);
      g_clear_signal_handler (&self->notify, self->dataset);
    }
  g_clear_pointer (&self->index, community_index_free);
  g_clear_object (&self->dataset);
  g_clear_object (&self->report);
  if (self->dirty != NULL)
    g_hash_table_remove_all (self->dirty);

  G_OBJECT_CLASS (community_validation_parent_class)->dispose (object);
}

static void
community_validation_finalize (GObject *object)
{
  CommunityValidation *self = COMMUNITY_VALIDATION (object);

  for (guint r = 0; r < self->n_rules; r++)
    {
      rule_state_clear_units (&self->rules[r]);
      g_clear_pointer (&self->rules[r].findings, g_ptr_array_unref);
      g_clear_object (&self->rules[r].result);
    }
  g_free (self->rules);
  g_free (self->lane);
  g_free (self->solo);
  g_clear_pointer (&self->indicators, community_indicator_state_free);
  g_hash_table_unref (self->dirty);
  g_clear_object (&self->validator);
  g_clear_object (&self->ruleset);

  G_OBJECT_CLASS (community_validation_parent_class)->finalize (object);
}

static void
community_validation_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CommunityValidation *self = COMMUNITY_VALIDATION (object);

  switch (prop_id)
    {
    case PROP_VALIDATOR:
      g_value_set_object (value, self->validator);
      break;
    case PROP_DATASET:
      g_value_set_object (value, self->dataset);
      break;
    case PROP_REPORT:
      g_value_set_object (value, community_validation_get_report (self));
      break;
    case PROP_PENDING:
      g_value_set_boolean (value, community_validation_is_pending (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_validation_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  CommunityValidation *self = COMMUNITY_VALIDATION (object);

  switch (prop_id)
    {
    case PROP_VALIDATOR:
      self->validator = g_value_dup_object (value);
      break;
    case PROP_DATASET:
      self->dataset = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_validation_class_init (CommunityValidationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = community_validation_constructed;
  object_class->dispose = community_validation_dispose;
  object_class->finalize = community_validation_finalize;
  object_class->get_property = community_validation_get_property;
  object_class->set_property = community_validation_set_property;

  /**
   * CommunityValidation:validator:
   *
   * The validator whose rules and indicators the validation keeps up to
   * date. Construct-only.
   */
  properties[PROP_VALIDATOR] =
    g_param_spec_object ("validator", NULL, NULL, COMMUNITY_TYPE_VALIDATOR,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityValidation:dataset:
   *
   * The dataset the validation watches. Construct-only.
   */
  properties[PROP_DATASET] =
    g_param_spec_object ("dataset", NULL, NULL, COMMUNITY_TYPE_DATASET,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityValidation:report: (getter get_report)
   *
   * The report of the dataset as it is now (see
   * [method@Community.Validation.get_report]; reading it revalidates
   * what changed).
   *
   * It is notified when the dataset changes after the last report was
   * made, once until the report is read again: a UI connects to
   * `notify::report` and reads the report when it wants to show it (at
   * once, or on idle to gather a burst of changes). A change that leaves
   * the findings as they were notifies too.
   */
  properties[PROP_REPORT] =
    g_param_spec_object ("report", NULL, NULL, COMMUNITY_TYPE_REPORT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityValidation:pending: (getter is_pending)
   *
   * Whether the dataset changed since the validation last caught up with
   * it. It turns %TRUE, with a notification, at the first change, and
   * %FALSE at [method@Community.Validation.revalidate] (which
   * [method@Community.Validation.get_report] calls).
   */
  properties[PROP_PENDING] =
    g_param_spec_boolean ("pending", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
community_validation_init (CommunityValidation *self)
{
  self->dirty = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}

/**
 * community_validation_new:
 * @validator: the validator to run
 * @dataset: the dataset to validate and watch
 *
 * Validates @dataset with @validator, as [method@Community.Validator.run]
 * does, and watches it from then on, so that
 * [method@Community.Validation.get_report] checks again only what changes.
 *
 * Returns: (transfer full): a new validation
 */
CommunityValidation *
community_validation_new (CommunityValidator *validator,
                          CommunityDataset   *dataset)
{
  g_return_val_if_fail (COMMUNITY_IS_VALIDATOR (validator), NULL);
  g_return_val_if_fail (COMMUNITY_IS_DATASET (dataset), NULL);

  return g_object_new (COMMUNITY_TYPE_VALIDATION, "validator", validator, "dataset", dataset, NULL);
}

/**
 * community_validation_get_validator:
 * @self: a validation
 *
 * Gets the validator whose rules the validation runs.
 *
 * Returns: (transfer none): the validator
 */
CommunityValidator *
community_validation_get_validator (CommunityValidation *self)
{
  g_return_val_if_fail (COMMUNITY_IS_VALIDATION (self), NULL);
  return self->validator;
}

/**
 * community_validation_get_dataset:
 * @self: a validation
 *
 * Gets the dataset the validation watches.
 *
 * Returns: (transfer none): the dataset
 */
CommunityDataset *
community_validation_get_dataset (CommunityValidation *self)
{
  g_return_val_if_fail (COMMUNITY_IS_VALIDATION (self), NULL);
  return self->dataset;
}

/**
 * community_validation_invalidate:
 * @self: a validation
 * @entity: (nullable): an entity of the dataset that changed, or %NULL
 *
 * Tells the validation that @entity changed in a way the dataset does not
 * signal: inside a record nested in it (a community's committee or elderly
 * care, a consultation's review). With %NULL, everything is checked again
 * at the next [method@Community.Validation.revalidate].
 */
void
community_validation_invalidate (CommunityValidation *self,
                                 CommunityEntity     *entity)
{
  g_return_if_fail (COMMUNITY_IS_VALIDATION (self));
  g_return_if_fail (entity == NULL || COMMUNITY_IS_ENTITY (entity));

  if (entity == NULL)
    {
      gboolean was_pending = community_validation_is_pending (self);

      self->everything = TRUE;
      changed (self, was_pending);
    }
  else if (community_entity_get_dataset (entity) == self->dataset)
    on_entity_changed (self->dataset, entity, NULL, self);
}

/**
 * community_validation_is_pending:
 * @self: a validation
 *
 * Whether the dataset changed since the validation last caught up with it
 * (at its creation or at [method@Community.Validation.revalidate]).
 *
 * Returns: %TRUE if there is something to check again
 */
gboolean
community_validation_is_pending (CommunityValidation *self)
{
  g_return_val_if_fail (COMMUNITY_IS_VALIDATION (self), FALSE);

  return self->everything || self->added_or_removed != 0 || g_hash_table_size (self->dirty) > 0;
}

/**
 * community_validation_get_report:
 * @self: a validation
 *
 * Gets the report of the dataset as it is now, revalidating first what
 * changed since the last time. It is equal to what
 * [method@Community.Validator.run] would give on the dataset now
 * ([method@Community.Report.to_data] gives the same bytes). The report is
 * a snapshot: later changes of the dataset do not change it.
 *
 * The validation keeps the report until a change of the dataset has been
 * followed by another call of this function (or a read of
 * [property@Community.Validation:report]): keep a reference
 * ([method@Community.Validation.dup_report]) to use it longer.
 *
 * Returns: (transfer none): the report
 */
CommunityReport *
community_validation_get_report (CommunityValidation *self)
{
  GPtrArray *segments, *rule_results, *indicators;
  guint counts[COMMUNITY_SEVERITY_ERROR + 1] = { 0 };

  g_return_val_if_fail (COMMUNITY_IS_VALIDATION (self), NULL);

  community_validation_revalidate (self);
  if (self->report != NULL && !self->report_stale)
    return self->report;

  /* The report shares each rule's findings (so this costs the number of
   * rules, not of findings): the rules copy theirs before they next
   * change them (rule_state_unshare()). Every finding of a rule has the
   * rule's severity. */
  segments = g_ptr_array_new_full (self->n_rules, (GDestroyNotify) g_ptr_array_unref);
  rule_results = g_ptr_array_new_full (self->n_rules, g_object_unref);
  for (guint r = 0; r < self->n_rules; r++)
    {
      RuleState *state = &self->rules[r];

      g_ptr_array_add (segments, g_ptr_array_ref (state->findings));
      state->shared = TRUE;
      counts[community_ruleset_get_rule_severity (self->ruleset, state->definition->id)] +=
        state->findings->len;
      g_ptr_array_add (rule_results, g_object_ref (state->result));
    }

  indicators = community_indicator_state_share_results (self->indicators);

  g_clear_object (&self->report);
  self->report = community_report_new_shared (community_ruleset_get_name (self->ruleset),
                                              segments, counts, rule_results, indicators);
  self->report_stale = FALSE;
  return self->report;
}

/**
 * community_validation_dup_report:
 * @self: a validation
 *
 * Gets the report of the dataset as it is now, as
 * [method@Community.Validation.get_report] does, and a reference to it.
 *
 * Returns: (transfer full): the report
 */
CommunityReport *
community_validation_dup_report (CommunityValidation *self)
{
  g_return_val_if_fail (COMMUNITY_IS_VALIDATION (self), NULL);

  return g_object_ref (community_validation_get_report (self));
}
