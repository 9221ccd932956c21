/* community-json-copy-private.h: copies of JSON trees that share nothing
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Copies that share nothing with their source: json_node_copy() shares the
 * objects, arrays and values inside a node, whose reference counts are not
 * atomic, so a node that more than one thread may copy or free (a finding's
 * values, a ruleset's document, a snapshot's unknown members) is copied
 * with these. They only read the source. Iterative: any depth. */
JsonNode   *community_json_deep_copy        (JsonNode   *node);
JsonObject *community_json_object_deep_copy (JsonObject *object);

/* Whether two records' or datasets' unknown members are equal; NULL is
 * none. */
gboolean    community_json_extra_equal      (JsonObject *a,
                                             JsonObject *b);

G_END_DECLS
