/* community-rule-private.h: what a rule is and what it sees
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every rule of DOMAIN.md §4 is one function, `rule_<id>` with the id's
 * dots and dashes as underscores, in the file of its area:
 *
 *   community-rules-codes.c        code.*, ref.unresolved, record.required
 *   community-rules-communities.c  committee.*, community.*, secretary.*,
 *                                  funding.*, commendation.*
 *   community-rules-facilities.c   facility.*, street.*
 *   community-rules-workers.c      workers.*, worker.*
 *   community-rules-grids.c        grid.*
 *   community-rules-governance.c   consultation.*, work-item.*,
 *                                  social-org.*, task.*
 *
 * and registered by id in community-rules.c. A rule walks the dataset
 * (through the index, which groups entities once per run), and for each
 * entity it judges calls exactly one of community_rule_pass(),
 * community_rule_fail() or community_rule_not_applicable(). The indicators
 * of §5 live in community-indicators.c and read the same index.
 */

#pragma once

#include <json-glib/json-glib.h>

#include "community-dataset.h"
#include "community-ruleset.h"
#include "community-finding.h"
#include "community-record-private.h"
#include "community-i18n-private.h"

/* The rules' messages: _() keeps each translation per thread
 * (community_gettext()). Every rules file includes <glib/gi18n-lib.h>
 * before this header. */
#undef _
#define _(String) community_gettext (String)

G_BEGIN_DECLS

/* --- The index: entities grouped once per run --- */

/* Built whole by community_index_new() before any rule runs, and read-only
 * afterwards: the validator's threads read one index at once
 * (community-validator.c), so nothing in it, nor in what the rules call
 * (the dataset's lookups, community_dataset_get_parent()), may be filled
 * lazily except through atomics or g_once (the field caches below). */

/* The entities of one kind whose field holds one code, in dataset order:
 * laid out as a GPtrArray's public part, so that g_ptr_array_index()
 * reads it. */
typedef struct {
  gpointer *pdata;
  guint len;
} CommunityGroup;

/* The groups of one field's codes (community-index.c). */
typedef struct _CommunityGroups CommunityGroups;

typedef struct {
  CommunityDataset *dataset;
  CommunityGroups *communities_by_street; /* street code -> CommunityCommunity */
  CommunityGroups *grids_by_community;    /* community code -> CommunityGrid */
  CommunityGroups *workers_by_community;  /* community code -> CommunityWorker */
  CommunityGroups *facilities_by_owner;   /* community/street code -> CommunityFacility */
  GPtrArray *streets;                /* divisions of level street or town, in order */
  GPtrArray *districts;              /* divisions of level district or county */
  GPtrArray *cities;                 /* divisions of level city */
  /* Each division and community -> the codes of it and of the divisions
   * above it (community_finding_divisions_new(): the block the findings
   * about it, and about what lies in it, share). */
  GHashTable *divisions;
} CommunityIndex;

CommunityIndex *community_index_new      (CommunityDataset *dataset);
void            community_index_free     (CommunityIndex   *index);
/* The codes of the divisions and community @entity lies in, itself
 * included, for community_finding_set_divisions(), which takes the
 * reference returned: a division's or a community's block, made with the
 * index, and what lies in a community shares its community's; a work
 * item's are those of the communities it lists, or the cities' if it
 * lists none. */
char          **community_index_divisions (CommunityIndex  *index,
                                           CommunityEntity *entity);
/* The group of @code (nullable) in @groups: never NULL (an empty one if
 * none). Borrowed. */
const CommunityGroup *community_index_group (CommunityIndex  *index,
                                             CommunityGroups *groups,
                                             const char      *code);
/* Whether @entity is in @group. */
gboolean        community_group_contains (const CommunityGroup *group,
                                          gpointer              entity);
/* "/grids/17" + "/" + @member (nullable; may hold '/', e.g.
 * "legal_review/approved"). Free with g_free(). */
char           *community_index_path     (CommunityIndex   *index,
                                          CommunityEntity  *entity,
                                          const char       *member);
/* The same path, appended to @out. */
void            community_index_append_path (CommunityIndex  *index,
                                             CommunityEntity *entity,
                                             const char      *member,
                                             GString         *out);
/* The division tier of a division: 0 city, 1 district/county, 2 street/town. */
int             community_index_tier     (CommunityDivision *division);

/* The item at @position of one of the dataset's lists, borrowed (the
 * dataset holds it while a run lasts): the rules walk them by the hundred
 * thousand, and a reference taken and dropped each time is a tenth of a run
 * (doc/performance.md). Other models are read through GListModel. */
gpointer        community_rule_item      (GListModel       *model,
                                          guint             position);

/* --- Field access for rules and indicators --- */

/* The rules read fields by the million on a province: each read site
 * remembers, in a static word of its own, the field table it last read
 * and the field's id there (packed: (table << 8) | id), so a read is a
 * compare and a load rather than a lookup of the name. The word is read
 * and written atomically, so validations on several threads share it
 * safely. The name must therefore be a string literal (the macros below
 * refuse anything else): a site that reads a name it is given calls
 * community_field_slot(), e.g. through community_field_boolean_named(). */
const CommunityFieldSlot *community_field_slot_at (gpointer    record,
                                                   const char *json_name,
                                                   gpointer   *site);
/* The stored value of the field called @json_name, NULL when unset. */
const CommunityFieldSlot *community_field_slot    (gpointer    record,
                                                   const char *json_name);

#define COMMUNITY_FIELD_SLOT(record, literal) \
  (__extension__ ({ static gpointer community_field_site_; \
                    community_field_slot_at ((record), "" literal "", &community_field_site_); }))

/* community_field_slot_uint() and its siblings: TRUE and the slot's value
 * as @ctype when @s is set, FALSE when it is NULL (unset). */
#define COMMUNITY_FIELD_SLOT_READER(kind, ctype, value)                   \
  static inline gboolean                                                 \
  community_field_slot_##kind (const CommunityFieldSlot *s, ctype *out)  \
  {                                                                      \
    if (s != NULL)                                                       \
      *out = (value);                                                    \
    return s != NULL;                                                    \
  }

COMMUNITY_FIELD_SLOT_READER (uint, guint, (guint) s->i)
COMMUNITY_FIELD_SLOT_READER (int64, gint64, s->i)
COMMUNITY_FIELD_SLOT_READER (double, double, s->d)
COMMUNITY_FIELD_SLOT_READER (boolean, gboolean, s->i != 0)
COMMUNITY_FIELD_SLOT_READER (enum, int, (int) s->i)

static inline gpointer
community_field_slot_pointer (const CommunityFieldSlot *s)
{
  return s != NULL ? s->p : NULL;
}

/* TRUE and the value when the field is set; FALSE when it is unknown.
 * @json_name: a string literal. */
#define community_field_uint(record, json_name, out) \
  community_field_slot_uint (COMMUNITY_FIELD_SLOT ((record), json_name), (out))
#define community_field_int64(record, json_name, out) \
  community_field_slot_int64 (COMMUNITY_FIELD_SLOT ((record), json_name), (out))
#define community_field_double(record, json_name, out) \
  community_field_slot_double (COMMUNITY_FIELD_SLOT ((record), json_name), (out))
#define community_field_boolean(record, json_name, out) \
  community_field_slot_boolean (COMMUNITY_FIELD_SLOT ((record), json_name), (out))
#define community_field_enum(record, json_name, out) \
  community_field_slot_enum (COMMUNITY_FIELD_SLOT ((record), json_name), (out))
#define community_field_flags(record, json_name, out) \
  community_field_slot_uint (COMMUNITY_FIELD_SLOT ((record), json_name), (out))
/* The value, or NULL when unset. Borrowed. */
#define community_field_string(record, json_name) \
  ((const char *) community_field_slot_pointer (COMMUNITY_FIELD_SLOT ((record), json_name)))
#define community_field_strv(record, json_name) \
  ((const char * const *) community_field_slot_pointer (COMMUNITY_FIELD_SLOT ((record), json_name)))
#define community_field_object(record, json_name) \
  (community_field_slot_pointer (COMMUNITY_FIELD_SLOT ((record), json_name)))
#define community_field_date(record, json_name) \
  ((const GDate *) community_field_slot_pointer (COMMUNITY_FIELD_SLOT ((record), json_name)))

/* The same for a name that is not a literal. */
#define community_field_boolean_named(record, json_name, out) \
  community_field_slot_boolean (community_field_slot ((record), (json_name)), (out))

/* --- Who counts as staff --- */

typedef enum {
  COMMUNITY_STAFF_NO,
  COMMUNITY_STAFF_YES,
  COMMUNITY_STAFF_UNKNOWN,
} CommunityStaff;

/* Whether @worker is full-time community staff (DOMAIN.md §2): attached
 * to a community, a role other than legal_advisor and first_secretary,
 * `employment: full_time`; unknown roles or employment leave it unknown
 * (community-rules-workers.c). The staff rules, and the keyed persons of
 * a report (community-report.c), judge by it. */
CommunityStaff community_rule_full_time_staff (gpointer worker);

/* --- The context a rule runs in --- */

typedef struct _CommunityRuleContext CommunityRuleContext;

/* Judges one entity (borrowed) for a rule; @data is the rule's. */
typedef void (*CommunityRuleCheck) (CommunityRuleContext *ctx,
                                    gpointer              entity,
                                    gpointer              data);

/* Calls @check for each entity of @kind, in dataset order. */
void community_rule_for_each (CommunityRuleContext *ctx,
                              CommunityEntityKind   kind,
                              CommunityRuleCheck    check,
                              gpointer              data);

/* An entity's identity, as messages name it. */
static inline const char *
community_rule_identity (gpointer entity)
{
  return community_entity_get_identity (COMMUNITY_ENTITY (entity));
}

/* A division or community as a message names it (DOMAIN.md §4): its name
 * and code, "梁溪区 320213000000"; the code alone when the dataset has no
 * name for it. Free with g_free(). */
char *community_rule_division_label (CommunityRuleContext *ctx,
                                     const char           *code);

CommunityDataset *community_rule_get_dataset (CommunityRuleContext *ctx);
CommunityIndex   *community_rule_get_index   (CommunityRuleContext *ctx);
double            community_rule_param       (CommunityRuleContext *ctx,
                                              const char           *name);

void community_rule_pass           (CommunityRuleContext *ctx);
void community_rule_not_applicable (CommunityRuleContext *ctx);
/* Records a finding about @subject at @member of it (see
 * community_index_path()). Takes @expected and @actual (nullable).
 * @shortfall is expected − actual for floors and ratios, else 0. The
 * message is a printf format, translated by the caller with _(); it must
 * not contain personal data. A format whose one conversion is a "%s" given
 * the subject's identity is kept as it is, not formatted: it must live as
 * long as the library, as a string of its own or a translation does. */
void community_rule_fail           (CommunityRuleContext *ctx,
                                    CommunityEntity      *subject,
                                    const char           *member,
                                    JsonNode             *expected,
                                    JsonNode             *actual,
                                    double                shortfall,
                                    const char           *format,
                                    ...) G_GNUC_PRINTF (7, 8);

/* JSON values for expected/actual, each a reference the finding takes:
 * true, false, null and strings are shared and sealed, never to be
 * changed. */
JsonNode *community_json_int    (gint64      value);
JsonNode *community_json_double (double      value);
JsonNode *community_json_bool   (gboolean    value);
JsonNode *community_json_string (const char *value);
JsonNode *community_json_null   (void);

/* --- The catalog --- */

typedef void (*CommunityRuleFunc) (CommunityRuleContext *ctx);
/* Judges one scope unit of a rule (see CommunityRuleDefinition.unit_kind). */
typedef void (*CommunityRuleUnitFunc) (CommunityRuleContext *ctx,
                                       CommunityEntity      *unit);

/* A bit per entity kind, for CommunityRuleDefinition.reads. */
#define COMMUNITY_KIND_BIT(kind) (1u << (COMMUNITY_ENTITY_KIND_ ## kind))
#define COMMUNITY_KINDS_ALL ((1u << COMMUNITY_N_ENTITY_KINDS) - 1)
/* No scoped entry point / every entity of every kind is a unit. */
#define COMMUNITY_RULE_UNIT_NONE (-1)
#define COMMUNITY_RULE_UNIT_ANY  ((int) COMMUNITY_N_ENTITY_KINDS)

typedef struct {
  const char *id;
  CommunityRuleFunc check;
  /* What incremental validation (community-validation.c) needs to know.
   * @reads: the kinds whose entities the rule reads, besides the
   * divisions and communities every finding's divisions are read from
   * (and the dataset's header, which every rule may read).
   * @unit_kind: if the rule has a scoped entry point, the kind of its scope
   * units (COMMUNITY_RULE_UNIT_ANY: every entity) and @check_unit judges
   * one of them; @check is then exactly @check_unit over every unit, in
   * dataset order (kinds in enum order for UNIT_ANY). */
  guint reads;
  int unit_kind;
  CommunityRuleUnitFunc check_unit;
} CommunityRuleDefinition;

/* Whether @rule reads the histories of consultations or work items. A
 * history is a GListStore, and reading one is not read-only (its
 * get_item() moves the store's cached position): such rules never run at
 * once, but one after another on one thread, a "lane" of their own
 * (community-validator.c, community-validation.c). */
static inline gboolean
community_rule_reads_histories (const CommunityRuleDefinition *rule)
{
  return (rule->reads & (COMMUNITY_KIND_BIT (CONSULTATION) | COMMUNITY_KIND_BIT (WORK_ITEM))) != 0;
}

/* Looks a rule up by id; NULL if the library has no such rule. */
const CommunityRuleDefinition *community_rules_lookup (const char *id);
/* All rules, for tests: *n_rules set to their number. */
const CommunityRuleDefinition *community_rules_all    (guint *n_rules);

/* Runs one rule: what the validator does for each enabled rule. Appends
 * the findings to @findings and returns the counts. */
void community_rule_run (const CommunityRuleDefinition *rule,
                         CommunityRuleset              *ruleset,
                         CommunityIndex                *index,
                         GPtrArray                     *findings,
                         guint                         *passed,
                         guint                         *failed,
                         guint                         *not_applicable);

/* Runs one rule's scoped entry point on one unit (the rule must have
 * one): appends the unit's findings to @findings and returns its counts. */
void community_rule_run_unit (const CommunityRuleDefinition *rule,
                              CommunityRuleset              *ruleset,
                              CommunityIndex                *index,
                              CommunityEntity               *unit,
                              GPtrArray                     *findings,
                              guint                         *passed,
                              guint                         *failed,
                              guint                         *not_applicable);

/* Calls @task (i, @data) once for each i below @n_tasks, on up to
 * @threads threads (0: one per processor; at most 16), the calling
 * thread among them, and returns when every task is done. Threads take
 * the next task in turn (from 0), so tasks should be listed longest
 * first where that is known. When @cancellable is cancelled, no task
 * starts any more: some may never have run. Tasks must touch nothing
 * another task writes; the index and the dataset are read-only
 * meanwhile. */
typedef void (*CommunityRuleTask) (guint    i,
                                   gpointer data);
void community_rules_run_tasks (guint              threads,
                                guint              n_tasks,
                                CommunityRuleTask  task,
                                gpointer           data,
                                GCancellable      *cancellable);

/* Computes every indicator of the ruleset for every division. */
GPtrArray *community_indicators_compute (CommunityRuleset *ruleset,
                                         CommunityIndex   *index);

/* The indicators kept between validations (community-validation.c): the
 * numerators and denominators per division, and each community's share of
 * grid.coverage, so that a grid's change updates only its community's
 * share and the sums above it. */
typedef struct _CommunityIndicatorState CommunityIndicatorState;

/* Computes everything, as community_indicators_compute() does. */
CommunityIndicatorState *community_indicator_state_new     (CommunityRuleset        *ruleset,
                                                            CommunityIndex          *index);
void                     community_indicator_state_free    (CommunityIndicatorState *state);
/* The results, in report order: an array (transfer full) of arrays, one
 * per indicator, of its results for each division. They are shared: the
 * next update copies an indicator's array before changing it. */
GPtrArray               *community_indicator_state_share_results
                                                           (CommunityIndicatorState *state);
/* Recomputes @community's share of grid.coverage (from @index, which must
 * be up to date) and the results it changes. */
void                     community_indicator_state_update_grid_coverage
                                                           (CommunityIndicatorState *state,
                                                            CommunityRuleset        *ruleset,
                                                            CommunityIndex          *index,
                                                            CommunityCommunity      *community);

G_END_DECLS
