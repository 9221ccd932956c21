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

/* Writes an item of a report's list into @sink. */
typedef void (*ItemWriter) (gpointer           item,
                            CommunityJsonSink *sink);

static void
write_finding (gpointer           item,
               CommunityJsonSink *sink)
{
  community_finding_write (item, sink);
}

static void
write_indicator_result (gpointer           item,
                        CommunityJsonSink *sink)
{
  community_indicator_result_write (item, sink);
}

static void
write_rule_result (gpointer           item,
                   CommunityJsonSink *sink)
{
  g_autoptr(JsonNode) node = community_rule_result_to_json (item);

  sink->klass->node (sink, node);
}

/* The member @name, an array of @model's items; @text (nullable) is
 * flushed after each. FALSE when the writing failed. */
static gboolean
write_array (CommunityJsonSink *sink,
             CommunityJsonText *text,
             const char        *name,
             GListModel        *model,
             ItemWriter         write)
{
  guint n_items = g_list_model_get_n_items (model);

  sink->klass->member (sink, name);
  sink->klass->begin_array (sink);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      write (item, sink);
      if (text != NULL && !community_json_text_checkpoint (text))
        return FALSE;
    }
  sink->klass->end_array (sink);
  return TRUE;
}

/* @text (nullable) is @sink's text, flushed at checkpoints. */
static gboolean
write_report (CommunityReport   *self,
              CommunityJsonSink *sink,
              CommunityJsonText *text,
              ReportTail         tail,
              gpointer           tail_data)
{
  const CommunityJsonSinkClass *k = sink->klass;

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

  /* The findings and the indicators (a province has hundreds of
   * thousands and tens of thousands) through the sink an item at a time;
   * the rules, a few dozen, each as a tree. */
  if (!write_array (sink, text, "findings", community_report_get_findings (self), write_finding) ||
      !write_array (sink, text, "rules", community_report_get_rule_results (self), write_rule_result) ||
      !write_array (sink, text, "indicators", community_report_get_indicators (self), write_indicator_result))
    return FALSE;

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
