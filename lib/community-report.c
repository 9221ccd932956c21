/* community-report.c: the result of a validation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "community-report-private.h"
#include "rules/community-rule-private.h"
#include "json/community-json-private.h"
#include "community-enum-types.h"
#include "community.h"

/**
 * CommunityReport:
 *
 * What a [class@Community.Validator] found in a dataset: the findings
 * ([class@Community.Finding]), how each rule fared
 * ([class@Community.RuleResult]) and every indicator for the city, each
 * district or county and each street or town
 * ([class@Community.IndicatorResult]).
 *
 * Findings are in a stable order (by rule in catalog order, then by JSON
 * Pointer, then by subject), so the JSON of two reports
 * ([method@Community.Report.to_json]) diffs cleanly.
 *
 * A report is immutable once returned, and so are its findings, rule
 * results and indicator results: a report may be shared across threads and
 * read from several at once (its lists, its getters, its JSON), without
 * locking.
 */

/* --- The report's lists --- */

/* A GListStore keeps the position of its last lookup in the store itself,
 * so two threads reading one store at once race (and may get each other's
 * item). A report is read from any thread: its lists are this instead, an
 * array fixed at creation that reading never changes.
 *
 * The findings and indicators of an incremental validation's report are
 * the validation's own arrays, one per rule or indicator, shared rather
 * than copied (the validation copies one before it changes it):
 * @segments then holds them, @ends[i]
 * the position after segment i's last item, and @items is NULL. */
typedef struct
{
  GObject parent_instance;

  GType item_type;
  GPtrArray *items;
  GPtrArray *segments;   /* of GPtrArray */
  guint *ends;
} ReportList;

typedef GObjectClass ReportListClass;

static GType report_list_get_type (void);
static void report_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ReportList, report_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, report_list_model_init))

static void
report_list_finalize (GObject *object)
{
  ReportList *self = (ReportList *) object;

  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->segments, g_ptr_array_unref);
  g_free (self->ends);

  G_OBJECT_CLASS (report_list_parent_class)->finalize (object);
}

static void
report_list_class_init (ReportListClass *klass)
{
  klass->finalize = report_list_finalize;
}

static void
report_list_init (ReportList *self)
{
}

static GType
report_list_get_item_type (GListModel *model)
{
  return ((ReportList *) model)->item_type;
}

static guint
report_list_get_n_items (GListModel *model)
{
  ReportList *self = (ReportList *) model;

  if (self->segments != NULL)
    return self->segments->len > 0 ? self->ends[self->segments->len - 1] : 0;
  return self->items->len;
}

static gpointer
report_list_get_item (GListModel *model,
                      guint       position)
{
  ReportList *self = (ReportList *) model;
  GPtrArray *items = self->items;
  guint low = 0, high;

  if (self->segments != NULL)
    {
      /* The first segment that ends after @position. */
      high = self->segments->len;
      while (low < high)
        {
          guint mid = low + (high - low) / 2;

          if (self->ends[mid] <= position)
            low = mid + 1;
          else
            high = mid;
        }
      if (low == self->segments->len)
        return NULL;
      items = g_ptr_array_index (self->segments, low);
      position -= low > 0 ? self->ends[low - 1] : 0;
    }

  return position < items->len ? g_object_ref (g_ptr_array_index (items, position)) : NULL;
}

static void
report_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = report_list_get_item_type;
  iface->get_n_items = report_list_get_n_items;
  iface->get_item = report_list_get_item;
}

/* Takes @items. */
static GListModel *
report_list_new (GType      item_type,
                 GPtrArray *items)
{
  ReportList *self = g_object_new (report_list_get_type (), NULL);

  self->item_type = item_type;
  self->items = items;
  return G_LIST_MODEL (self);
}

/* --- The report --- */

struct _CommunityReport
{
  GObject parent_instance;

  char *ruleset;
  char *division;            /* nullable: see community_report_for_division() */
  GListModel *findings;      /* ReportList: see above */
  GListModel *rule_results;
  GListModel *indicators;
  guint counts[COMMUNITY_SEVERITY_ERROR + 1];
};

G_DEFINE_FINAL_TYPE (CommunityReport, community_report, G_TYPE_OBJECT)

static void
community_report_finalize (GObject *object)
{
  CommunityReport *self = COMMUNITY_REPORT (object);

  g_free (self->ruleset);
  g_free (self->division);
  g_clear_object (&self->findings);
  g_clear_object (&self->rule_results);
  g_clear_object (&self->indicators);

  G_OBJECT_CLASS (community_report_parent_class)->finalize (object);
}

static void
community_report_class_init (CommunityReportClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = community_report_finalize;
}

static void
community_report_init (CommunityReport *self)
{
}

static int
compare_in_rule (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  return community_finding_compare_in_rule (*(CommunityFinding **) a, *(CommunityFinding **) b);
}

/* The place in the report of @finding's rule: 1 + its index in the
 * results, 0 for a rule they do not name. */
static guint
rule_place (GHashTable       *rule_order,
            CommunityFinding *finding)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (rule_order, community_finding_get_rule (finding)));
}

CommunityReport *
community_report_new (const char *ruleset,
                      GPtrArray  *findings,
                      GPtrArray  *rule_results,
                      GPtrArray  *indicators)
{
  g_autoptr(GHashTable) rule_order = g_hash_table_new (g_str_hash, g_str_equal);
  guint n_orders = rule_results->len + 1;
  g_autofree guint *first = g_new0 (guint, n_orders + 1);
  gboolean grouped = TRUE;

  /* Order 0: a rule the results do not name, first. */
  for (guint i = 0; i < rule_results->len; i++)
    g_hash_table_insert (rule_order,
                         (gpointer) community_rule_result_get_id (g_ptr_array_index (rule_results, i)),
                         GUINT_TO_POINTER (i + 1));

  /* What g_ptr_array_sort_with_data() by rule, then path and subject,
   * would give (the same stable order), in less memory: the findings
   * counted into their rules' places (a rule's findings stay in the order
   * they came), then each rule's sorted on its own. A validator's come
   * rule by rule already, and stay where they are. Sorting the findings
   * with their keys in one array took 32 bytes a finding and as many
   * again for the merge sort's copy: 14 MB at the end of a province's
   * validation, its peak. */
  for (guint i = 0, previous = 0; i < findings->len; i++)
    {
      guint order = rule_place (rule_order, findings->pdata[i]);

      first[order + 1]++;
      grouped = grouped && order >= previous;
      previous = order;
    }
  for (guint o = 1; o <= n_orders; o++)
    first[o] += first[o - 1];
  if (!grouped)
    {
      g_autofree gpointer *sorted = g_new (gpointer, findings->len);
      g_autofree guint *next = g_memdup2 (first, (n_orders + 1) * sizeof (guint));

      for (guint i = 0; i < findings->len; i++)
        sorted[next[rule_place (rule_order, findings->pdata[i])]++] = findings->pdata[i];
      memcpy (findings->pdata, sorted, findings->len * sizeof (gpointer));
    }
  /* Order o lies from first[o] to first[o + 1]. */
  for (guint o = 0; o < n_orders; o++)
    if (first[o + 1] - first[o] > 1)
      g_qsort_with_data (findings->pdata + first[o], (gint) (first[o + 1] - first[o]), sizeof (gpointer),
                         compare_in_rule, NULL);

  return community_report_new_sorted (ruleset, findings, rule_results, indicators);
}

/* Takes @segments (see ReportList). */
static GListModel *
report_list_new_segmented (GType      item_type,
                           GPtrArray *segments)
{
  ReportList *self = g_object_new (report_list_get_type (), NULL);
  guint end = 0;

  self->item_type = item_type;
  self->segments = segments;
  self->ends = g_new (guint, MAX (segments->len, 1));
  for (guint i = 0; i < segments->len; i++)
    {
      end += ((GPtrArray *) g_ptr_array_index (segments, i))->len;
      self->ends[i] = end;
    }
  return G_LIST_MODEL (self);
}

CommunityReport *
community_report_new_shared (const char   *ruleset,
                             GPtrArray    *findings,
                             const guint  *counts,
                             GPtrArray    *rule_results,
                             GPtrArray    *indicators)
{
  CommunityReport *self = g_object_new (COMMUNITY_TYPE_REPORT, NULL);

  self->ruleset = g_strdup (ruleset);
  memcpy (self->counts, counts, sizeof self->counts);
  self->findings = report_list_new_segmented (COMMUNITY_TYPE_FINDING, findings);
  self->rule_results = report_list_new (COMMUNITY_TYPE_RULE_RESULT, rule_results);
  self->indicators = report_list_new_segmented (COMMUNITY_TYPE_INDICATOR_RESULT, indicators);

  return self;
}

CommunityReport *
community_report_new_sorted (const char *ruleset,
                             GPtrArray  *findings,
                             GPtrArray  *rule_results,
                             GPtrArray  *indicators)
{
  CommunityReport *self = g_object_new (COMMUNITY_TYPE_REPORT, NULL);

  self->ruleset = g_strdup (ruleset);
  for (guint i = 0; i < findings->len; i++)
    self->counts[community_finding_get_severity (g_ptr_array_index (findings, i))]++;

  self->findings = report_list_new (COMMUNITY_TYPE_FINDING, findings);
  self->rule_results = report_list_new (COMMUNITY_TYPE_RULE_RESULT, rule_results);
  self->indicators = report_list_new (COMMUNITY_TYPE_INDICATOR_RESULT, indicators);

  return self;
}

/**
 * community_report_get_ruleset:
 * @self: a report
 *
 * Gets the name of the ruleset the validation ran.
 *
 * Returns: the ruleset name
 */
const char *
community_report_get_ruleset (CommunityReport *self)
{
  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), NULL);
  return self->ruleset;
}

/**
 * community_report_get_findings:
 * @self: a report
 *
 * Gets every finding, in the report's stable order.
 *
 * Returns: (transfer none): a list of [class@Community.Finding]
 */
GListModel *
community_report_get_findings (CommunityReport *self)
{
  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), NULL);
  return self->findings;
}

/**
 * community_report_count:
 * @self: a report
 * @severity: a severity
 *
 * Counts the findings of one severity.
 *
 * Returns: the number of findings of @severity
 */
guint
community_report_count (CommunityReport   *self,
                        CommunitySeverity  severity)
{
  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), 0);
  g_return_val_if_fail (severity <= COMMUNITY_SEVERITY_ERROR, 0);
  return self->counts[severity];
}

/**
 * community_report_count_at_least:
 * @self: a report
 * @severity: a severity
 *
 * Counts the findings of @severity or more serious: with
 * %COMMUNITY_SEVERITY_WARNING, the warnings and the errors.
 *
 * Returns: the number of findings
 */
guint
community_report_count_at_least (CommunityReport   *self,
                                 CommunitySeverity  severity)
{
  guint n = 0;

  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), 0);

  for (guint s = severity; s <= COMMUNITY_SEVERITY_ERROR; s++)
    n += self->counts[s];
  return n;
}

/**
 * community_report_filter:
 * @self: a report
 * @min_severity: the least serious severity to keep
 * @rule: (nullable): keep only this rule's findings, or %NULL for all
 * @subject_id: (nullable): keep only findings about the entity with this
 *   identity, or %NULL for all
 * @division: (nullable): keep only findings about entities in the division
 *   with this code (the division itself, its communities and everything
 *   below them, and work items carried out in one of its communities), or
 *   %NULL for all
 *
 * Selects findings. The criteria combine: a finding is kept when it meets
 * all of them.
 *
 * Returns: (transfer full): a new list of [class@Community.Finding], in the
 *   report's order
 */
GListModel *
community_report_filter (CommunityReport   *self,
                         CommunitySeverity  min_severity,
                         const char        *rule,
                         const char        *subject_id,
                         const char        *division)
{
  GListStore *result;
  guint n_items;

  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), NULL);

  result = g_list_store_new (COMMUNITY_TYPE_FINDING);
  n_items = g_list_model_get_n_items (self->findings);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (self->findings, i);

      if (community_finding_get_severity (finding) < min_severity)
        continue;
      if (rule != NULL && g_strcmp0 (community_finding_get_rule (finding), rule) != 0)
        continue;
      if (subject_id != NULL && g_strcmp0 (community_finding_get_subject_id (finding), subject_id) != 0)
        continue;
      if (division != NULL && !community_finding_in_division (finding, division))
        continue;
      g_list_store_append (result, finding);
    }

  return G_LIST_MODEL (result);
}

/**
 * community_report_get_rule_results:
 * @self: a report
 *
 * Gets how each enabled rule fared, in catalog order.
 *
 * Returns: (transfer none): a list of [class@Community.RuleResult]
 */
GListModel *
community_report_get_rule_results (CommunityReport *self)
{
  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), NULL);
  return self->rule_results;
}

/**
 * community_report_get_rule_result:
 * @self: a report
 * @rule: a rule id
 *
 * Gets how one rule fared.
 *
 * Returns: (transfer none) (nullable): the result, or %NULL if the rule did
 *   not run
 */
CommunityRuleResult *
community_report_get_rule_result (CommunityReport *self,
                                  const char      *rule)
{
  GListModel *model;

  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), NULL);
  g_return_val_if_fail (rule != NULL, NULL);

  model = self->rule_results;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CommunityRuleResult) result = g_list_model_get_item (model, i);

      if (g_str_equal (community_rule_result_get_id (result), rule))
        return result;  /* the store keeps it alive */
    }
  return NULL;
}

/**
 * community_report_get_indicators:
 * @self: a report
 *
 * Gets every indicator for every division: by indicator in catalog order,
 * then the city, the districts and counties, the streets and towns.
 *
 * Returns: (transfer none): a list of [class@Community.IndicatorResult]
 */
GListModel *
community_report_get_indicators (CommunityReport *self)
{
  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), NULL);
  return self->indicators;
}

/**
 * community_report_get_indicator:
 * @self: a report
 * @indicator: an indicator id
 * @division: a division code
 *
 * Gets one indicator for one division.
 *
 * Returns: (transfer none) (nullable): the result, or %NULL if the report has
 *   none for that pair
 */
CommunityIndicatorResult *
community_report_get_indicator (CommunityReport *self,
                                const char      *indicator,
                                const char      *division)
{
  GListModel *model;

  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), NULL);
  g_return_val_if_fail (indicator != NULL && division != NULL, NULL);

  model = self->indicators;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CommunityIndicatorResult) result = g_list_model_get_item (model, i);

      if (g_str_equal (community_indicator_result_get_id (result), indicator) &&
          g_str_equal (community_indicator_result_get_division (result), division))
        return result;  /* the store keeps it alive */
    }
  return NULL;
}

void
community_report_set_division (CommunityReport *self,
                               const char      *code)
{
  g_free (self->division);
  self->division = g_strdup (code);
}

const char *
community_report_get_division (CommunityReport *self)
{
  return self->division;
}

/**
 * community_report_to_json:
 * @self: a report
 *
 * Serializes the report as DOMAIN.md §7 describes: `{"format":
 * "libcommunity-report", "version": 1, "ruleset", "summary": {"errors",
 * "warnings", "infos"}, "findings", "rules", "indicators"}`, and, for a
 * division's report ([method@Community.Report.for_division]), `"division"`
 * last.
 *
 * Returns: (transfer full): the report document
 */
JsonNode *
community_report_to_json (CommunityReport *self)
{
  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), NULL);

  return community_report_json_tree (self);
}

/**
 * community_report_to_data:
 * @self: a report
 * @length: (out) (optional): return location for the length in bytes
 *
 * Serializes the report as indented JSON; see
 * [method@Community.Report.to_json]. It is the text
 * [method@Community.Report.write_json] writes, built in memory without the
 * tree. Every control character in a string is escaped (json-glib's
 * generator alone leaves U+001F raw).
 *
 * Returns: (transfer full): the report, nul-terminated
 */
char *
community_report_to_data (CommunityReport *self,
                          gsize           *length)
{
  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), NULL);

  return community_report_json_text (self, length);
}

/* --- keyed persons, for merging the reports of shards --- */

/* The HMAC of @data under @key, in lower-case hex. */
static char *
keyed_hash (GBytes     *key,
            const char *data)
{
  gsize key_length;
  const guchar *key_data = g_bytes_get_data (key, &key_length);

  return g_compute_hmac_for_data (G_CHECKSUM_SHA256, key_data, key_length,
                                  (const guchar *) data, strlen (data));
}

/**
 * community_report_person_key:
 * @key: the operator's secret key (at least one byte)
 * @id_number: a citizen ID number (GB 11643)
 *
 * Keys a person for finding duplicate persons across the reports of
 * several datasets (shards, e.g. the provinces of a country) without the ID
 * numbers themselves: the HMAC-SHA-256 under @key of @id_number with its
 * ASCII letters upper-cased (the check character `x` is `X`), in
 * lower-case hex.
 *
 * A plain hash would not do: the ID numbers of living people are a small
 * space (a region code, a birth date, three digits and a check character),
 * which anyone can enumerate and hash in minutes. Without the key, a keyed
 * hash tells nothing; keep the key away from the reports.
 *
 * Returns: (transfer full): 64 hex digits
 */
char *
community_report_person_key (GBytes     *key,
                             const char *id_number)
{
  g_autofree char *normalized = NULL;

  g_return_val_if_fail (key != NULL && g_bytes_get_size (key) > 0, NULL);
  g_return_val_if_fail (id_number != NULL, NULL);

  normalized = g_ascii_strup (id_number, -1);
  return keyed_hash (key, normalized);
}

/**
 * community_report_key_fingerprint:
 * @key: the operator's secret key (at least one byte)
 *
 * Tells keys apart without showing them: the HMAC-SHA-256 under @key of the
 * fixed string `libcommunity person key fingerprint`, in lower-case hex.
 * A report with keyed persons carries it as `person_key`, so that a merge
 * refuses reports whose persons were keyed differently (and so could never
 * match).
 *
 * Returns: (transfer full): 64 hex digits
 */
char *
community_report_key_fingerprint (GBytes *key)
{
  g_return_val_if_fail (key != NULL && g_bytes_get_size (key) > 0, NULL);

  return keyed_hash (key, "libcommunity person key fingerprint");
}

/* Calls @func for each full-time staff member with an ID number, in
 * dataset order, with the worker's index among the workers and its keyed
 * number; FALSE from @func stops (and is returned). */
typedef gboolean (*KeyedPersonFunc) (CommunityWorker *worker,
                                     guint            index,
                                     const char      *person_key,
                                     gpointer         data);

static gboolean
for_each_keyed_person (CommunityDataset *dataset,
                       GBytes           *key,
                       KeyedPersonFunc   func,
                       gpointer          data)
{
  GListModel *workers = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_WORKER);
  guint n_workers = g_list_model_get_n_items (workers);

  for (guint i = 0; i < n_workers; i++)
    {
      g_autoptr(CommunityWorker) worker = g_list_model_get_item (workers, i);
      const char *id_number = community_worker_get_id_number (worker);
      g_autofree char *person_key = NULL;

      /* As worker.duplicate-person judges them: known full-time staff. */
      if (id_number == NULL || community_rule_full_time_staff (worker) != COMMUNITY_STAFF_YES)
        continue;
      person_key = community_report_person_key (key, id_number);
      if (!func (worker, i, person_key, data))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_person (CommunityWorker *worker,
            guint            index,
            const char      *person_key,
            gpointer         data)
{
  JsonObject *person = json_object_new ();
  JsonObject *subject = json_object_new ();
  g_autofree char *path = g_strdup_printf ("/workers/%u/id_number", index);

  json_object_set_string_member (subject, "type", "worker");
  json_object_set_string_member (subject, "id", community_entity_get_identity (COMMUNITY_ENTITY (worker)));
  json_object_set_string_member (person, "key", person_key);
  json_object_set_object_member (person, "subject", subject);
  json_object_set_string_member (person, "path", path);
  json_array_add_object_element (data, person);
  return TRUE;
}

/**
 * community_report_keyed_persons:
 * @dataset: a dataset
 * @key: the operator's secret key (at least one byte)
 *
 * Lists the full-time community staff of @dataset who have an ID number,
 * in dataset order, as the JSON report's `persons` member carries them:
 * `[{"key": "<hex>", "subject": {"type": "worker", "id": "…"},
 * "path": "/workers/3/id_number"}]`, where `key` is
 * [func@Community.Report.person_key] of the worker's ID number. The
 * numbers themselves are never in it.
 *
 * A merge of the reports of several shards (`community-merge`) finds the
 * persons counted in more than one shard from these keys
 * (`worker.duplicate-person`, 四(四)); see the report format in
 * `doc/dataset-format.md`. [func@Community.Report.write_keyed_persons]
 * writes the same array to a stream without building it.
 *
 * Returns: (transfer full): a JSON array node
 */
JsonNode *
community_report_keyed_persons (CommunityDataset *dataset,
                                GBytes           *key)
{
  JsonArray *array;
  JsonNode *node;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (dataset), NULL);
  g_return_val_if_fail (key != NULL && g_bytes_get_size (key) > 0, NULL);

  array = json_array_new ();
  for_each_keyed_person (dataset, key, add_person, array);
  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  return node;
}

typedef struct {
  GOutputStream *stream;
  GCancellable *cancellable;
  GError **error;
  GString *out;
  guint n_written;
} PersonWriter;

static gboolean
flush_persons (PersonWriter *writer)
{
  gboolean ok = g_output_stream_write_all (writer->stream, writer->out->str, writer->out->len,
                                           NULL, writer->cancellable, writer->error);

  g_string_truncate (writer->out, 0);
  return ok;
}

static gboolean
write_person (CommunityWorker *worker,
              guint            index,
              const char      *person_key,
              gpointer         data)
{
  PersonWriter *writer = data;
  GString *out = writer->out;

  g_string_append_printf (out, "%s{\"key\": \"%s\", \"subject\": {\"type\": \"worker\", \"id\": \"",
                          writer->n_written++ > 0 ? ",\n    " : "\n    ", person_key);
  /* Strict JSON, whatever the id holds. */
  for (const char *p = community_entity_get_identity (COMMUNITY_ENTITY (worker)); *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (out, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_printf (out, "\"}, \"path\": \"/workers/%u/id_number\"}", index);

  return out->len < 64 * 1024 || flush_persons (writer);
}

/**
 * community_report_write_keyed_persons:
 * @dataset: a dataset
 * @key: the operator's secret key (at least one byte)
 * @stream: where to write
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Writes [func@Community.Report.keyed_persons]'s array to @stream as JSON
 * text, one person a line, without building a tree: a province has some
 * 400,000 full-time staff. `community-check --person-key-file` writes it.
 *
 * Returns: whether it was written
 */
gboolean
community_report_write_keyed_persons (CommunityDataset  *dataset,
                                      GBytes            *key,
                                      GOutputStream     *stream,
                                      GCancellable      *cancellable,
                                      GError           **error)
{
  g_autoptr(GString) out = g_string_sized_new (64 * 1024 + 512);
  PersonWriter writer = { stream, cancellable, error, out, 0 };

  g_return_val_if_fail (COMMUNITY_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (key != NULL && g_bytes_get_size (key) > 0, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_string_append_c (out, '[');
  if (!for_each_keyed_person (dataset, key, write_person, &writer))
    return FALSE;
  g_string_append (out, writer.n_written > 0 ? "\n  ]" : "]");
  return flush_persons (&writer);
}
