/* test-recording-stream.h: an output stream that records its writes, and
 * fails when told (the report writers' suites)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

typedef struct {
  GOutputStream parent_instance;
  GString *data;
  guint writes;
  gsize largest;
  gsize fail_after;   /* a write that would take it past this fails; G_MAXSIZE: never */
} RecordingStream;

typedef GOutputStreamClass RecordingStreamClass;

static GType recording_stream_get_type (void);
G_DEFINE_TYPE (RecordingStream, recording_stream, G_TYPE_OUTPUT_STREAM)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RecordingStream, g_object_unref)

static gssize
recording_stream_write (GOutputStream  *stream,
                        const void     *buffer,
                        gsize           count,
                        GCancellable   *cancellable,
                        GError        **error)
{
  RecordingStream *self = (RecordingStream *) stream;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return -1;
  if (self->data->len + count > self->fail_after)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full");
      return -1;
    }
  g_string_append_len (self->data, buffer, count);
  self->writes++;
  self->largest = MAX (self->largest, count);
  return count;
}

static void
recording_stream_finalize (GObject *object)
{
  g_string_free (((RecordingStream *) object)->data, TRUE);
  G_OBJECT_CLASS (recording_stream_parent_class)->finalize (object);
}

static void
recording_stream_class_init (RecordingStreamClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = recording_stream_finalize;
  klass->write_fn = recording_stream_write;
}

static void
recording_stream_init (RecordingStream *self)
{
  self->data = g_string_new (NULL);
  self->fail_after = G_MAXSIZE;
}

/* A stream that fails (G_IO_ERROR_NO_SPACE) past @fail_after bytes. */
static inline RecordingStream *
recording_stream_new (gsize fail_after)
{
  RecordingStream *self = g_object_new (recording_stream_get_type (), NULL);

  self->fail_after = fail_after;
  return self;
}
