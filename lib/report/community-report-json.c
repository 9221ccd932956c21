/* community-report-json.c: a report as JSON, streamed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One writer for the report's tree (community_report_to_json()) and its
 * text (community_report_to_data(), community_report_write_json()): it
 * tells a sink (lib/json/) the report's members in order. The text sink
 * writes what json-glib's generator writes for the tree, byte for byte
 * (tests/test-report.c checks it), a finding at a time, so that a report
 * written to a stream holds about a megabyte of text, never the whole
 * report as a tree or as text (a province's is some 110 MB).
 */

#include "config.h"

#include "community-report-private.h"
#include "json/community-json-private.h"
#include "community.h"

/* Writes what follows the report's own members, the object still open;
 * FALSE when the writing failed. */
typedef gboolean (*ReportTail) (CommunityJsonText *text,
                                gpointer           data);

/* @text (nullable) is @sink's text, flushed at checkpoints. */
static gboolean
write_report (CommunityReport   *self,
              CommunityJsonSink *sink,
              CommunityJsonText *text,
              ReportTail         tail,
              gpointer           tail_data)
{
  const CommunityJsonSinkClass *k = sink->klass;
  GListModel *findings = community_report_get_findings (self);
  GListModel *rules = community_report_get_rule_results (self);
  GListModel *indicators = community_report_get_indicators (self);
  guint n_items;

  k->begin_object (sink);
  k->member (sink, "format");
  k->string (sink, "libcommunity-report");
  k->member (sink, "version");
  k->integer (sink, 1);
  k->member (sink, "ruleset");
  k->string (sink, community_report_get_ruleset (self));
  k->member (sink, "summary");
  k->begin_object (sink);
  k->member (sink, "errors");
  k->integer (sink, community_report_count (self, COMMUNITY_SEVERITY_ERROR));
  k->member (sink, "warnings");
  k->integer (sink, community_report_count (self, COMMUNITY_SEVERITY_WARNING));
  k->member (sink, "infos");
  k->integer (sink, community_report_count (self, COMMUNITY_SEVERITY_INFO));
  k->end_object (sink);

  k->member (sink, "findings");
  k->begin_array (sink);
  n_items = g_list_model_get_n_items (findings);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (findings, i);

      community_finding_write (finding, sink);
      if (text != NULL && !community_json_text_checkpoint (text))
        return FALSE;
    }
  k->end_array (sink);

  /* The rules: a few dozen small objects, each built as a tree and
   * written at once. */
  k->member (sink, "rules");
  k->begin_array (sink);
  n_items = g_list_model_get_n_items (rules);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CommunityRuleResult) rule = g_list_model_get_item (rules, i);
      g_autoptr(JsonNode) node = community_rule_result_to_json (rule);

      k->node (sink, node);
    }
  k->end_array (sink);

  /* The indicators: a province has tens of thousands, written as the
   * findings are, without a tree each. */
  k->member (sink, "indicators");
  k->begin_array (sink);
  n_items = g_list_model_get_n_items (indicators);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CommunityIndicatorResult) indicator = g_list_model_get_item (indicators, i);

      community_indicator_result_write (indicator, sink);
      if (text != NULL && !community_json_text_checkpoint (text))
        return FALSE;
    }
  k->end_array (sink);

  if (community_report_get_division (self) != NULL)
    {
      k->member (sink, "division");
      k->string (sink, community_report_get_division (self));
    }
  if (tail != NULL && !tail (text, tail_data))
    return FALSE;
  k->end_object (sink);
  return TRUE;
}

static void
write_report_tree (CommunityJsonSink *sink,
                   gpointer           data)
{
  write_report (data, sink, NULL, NULL, NULL);
}

JsonNode *
community_report_json_tree (CommunityReport *self)
{
  return community_json_write_tree (write_report_tree, self);
}

char *
community_report_json_text (CommunityReport *self,
                            gsize           *length)
{
  GString *out = g_string_sized_new (4096);
  CommunityJsonText text;

  community_json_text_init (&text, out, NULL, NULL);
  write_report (self, &text.sink, &text, NULL, NULL);
  community_json_text_finish (&text, TRUE, NULL);   /* no flush: cannot fail */
  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
write_to_stream (CommunityReport  *self,
                 GOutputStream    *stream,
                 GCancellable     *cancellable,
                 ReportTail        tail,
                 gpointer          tail_data,
                 GError          **error)
{
  g_autoptr(GString) out = g_string_sized_new ((1 << 20) + 4096);
  CommunityJsonStream to = { stream, cancellable };
  CommunityJsonText text;
  gboolean complete;

  community_json_text_init (&text, out, community_json_stream_flush, &to);
  complete = write_report (self, &text.sink, &text, tail, tail_data);
  return community_json_text_finish (&text, complete, error);
}

/**
 * community_report_write_json:
 * @self: a report
 * @stream: where to write
 * @cancellable: (nullable): a [class@Gio.Cancellable]
 * @error: return location for the stream's error
 *
 * Writes the report's JSON to @stream: the same bytes as
 * [method@Community.Report.to_data], a chunk (about a megabyte) at a time,
 * without building the report's tree or its whole text, so that the
 * memory it takes does not grow with the report (a province's is some
 * 100 MB of JSON). `community-check --format json` writes it.
 *
 * The stream is not closed. On failure (or cancellation,
 * %G_IO_ERROR_CANCELLED) part of the report may have been written.
 *
 * Returns: %TRUE if the whole report was written
 */
gboolean
community_report_write_json (CommunityReport  *self,
                             GOutputStream    *stream,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_to_stream (self, stream, cancellable, NULL, NULL, error);
}

typedef struct {
  CommunityDataset *dataset;
  GBytes *key;
  CommunityJsonStream to;
} KeyedTail;

static gboolean
write_persons (CommunityJsonText *text,
               gpointer           data)
{
  KeyedTail *keyed = data;
  g_autofree char *fingerprint = community_report_key_fingerprint (keyed->key);

  text->sink.klass->member (&text->sink, "person_key");
  text->sink.klass->string (&text->sink, fingerprint);
  text->sink.klass->member (&text->sink, "persons");
  /* The persons go straight to the stream, after the text so far. */
  if (!community_json_stream_flush (text->out, &keyed->to, &text->error) ||
      !community_report_write_keyed_persons (keyed->dataset, keyed->key, keyed->to.stream,
                                             keyed->to.cancellable, &text->error))
    return FALSE;
  community_json_text_value_written (text);
  return TRUE;
}

/**
 * community_report_write_json_keyed:
 * @self: a report
 * @dataset: the dataset the report is about
 * @key: the operator's secret key (at least one byte)
 * @stream: where to write
 * @cancellable: (nullable): a [class@Gio.Cancellable]
 * @error: return location for the stream's error
 *
 * Writes the report of a shard, as `community-merge` reads it: the JSON
 * [method@Community.Report.write_json] writes, followed by two members,
 * `person_key` ([func@Community.Report.key_fingerprint] of @key) and
 * `persons` ([func@Community.Report.write_keyed_persons]'s array). A chunk
 * at a time, like [method@Community.Report.write_json];
 * `community-check --person-key-file` writes it.
 *
 * The stream is not closed. On failure (or cancellation,
 * %G_IO_ERROR_CANCELLED) part of the report may have been written.
 *
 * Returns: %TRUE if the whole report was written
 */
gboolean
community_report_write_json_keyed (CommunityReport   *self,
                                   CommunityDataset  *dataset,
                                   GBytes            *key,
                                   GOutputStream     *stream,
                                   GCancellable      *cancellable,
                                   GError           **error)
{
  KeyedTail keyed = { dataset, key, { stream, cancellable } };

  g_return_val_if_fail (COMMUNITY_IS_REPORT (self), FALSE);
  g_return_val_if_fail (COMMUNITY_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (key != NULL && g_bytes_get_size (key) > 0, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return write_to_stream (self, stream, cancellable, write_persons, &keyed, error);
}
