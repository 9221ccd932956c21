/* community-vocabulary.h: the words of the policy for the dataset's values
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include <glib-object.h>

#include "community-version.h"

G_BEGIN_DECLS

COMMUNITY_AVAILABLE_IN_ALL
const char *community_vocabulary_get_term         (GType       type,
                                                   int         value);
COMMUNITY_AVAILABLE_IN_ALL
const char *community_vocabulary_get_term_for_nick (GType       type,
                                                    const char *nick);

G_END_DECLS
