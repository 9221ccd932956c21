/* community-record.h: base class of everything a dataset holds
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "community-version.h"

G_BEGIN_DECLS

#define COMMUNITY_TYPE_RECORD (community_record_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_DERIVABLE_TYPE (CommunityRecord, community_record, COMMUNITY, RECORD, GObject)

/**
 * CommunityRecordClass:
 * @parent_class: the parent class
 *
 * The class of [class@Community.Record]. Subclasses are defined by the
 * library; applications do not derive from it.
 */
struct _CommunityRecordClass
{
  GObjectClass parent_class;

  /*< private >*/
  gpointer padding[8];
};

COMMUNITY_AVAILABLE_IN_0_1
gboolean    community_record_is_set         (CommunityRecord *self,
                                             const char      *property_name);
COMMUNITY_AVAILABLE_IN_0_1
void        community_record_unset          (CommunityRecord *self,
                                             const char      *property_name);
COMMUNITY_AVAILABLE_IN_0_1
JsonObject *community_record_get_extra      (CommunityRecord *self);
COMMUNITY_AVAILABLE_IN_0_1
JsonNode   *community_record_to_json        (CommunityRecord *self) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
gboolean    community_record_equal          (CommunityRecord *a,
                                             CommunityRecord *b);

G_END_DECLS
