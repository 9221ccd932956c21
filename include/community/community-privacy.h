/* community-privacy.h: masking personal data on export
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

/**
 * CommunityPrivacyMode:
 * @COMMUNITY_PRIVACY_MODE_KEEP: write personal data as it is
 * @COMMUNITY_PRIVACY_MODE_MASK: write it masked: an ID number as its first 6
 *   and last 4 characters around `*`s, a phone as its first 3 and last 4
 *   digits, a name as its first character and one `*`
 * @COMMUNITY_PRIVACY_MODE_DROP: leave personal data out
 *
 * What an export does with personal data: workers' names, citizen ID numbers
 * (GB 11643) and phones (DOMAIN.md §7).
 */
typedef enum {
  COMMUNITY_PRIVACY_MODE_KEEP,
  COMMUNITY_PRIVACY_MODE_MASK,
  COMMUNITY_PRIVACY_MODE_DROP,
} CommunityPrivacyMode;

#define COMMUNITY_TYPE_PRIVACY (community_privacy_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
G_DECLARE_FINAL_TYPE (CommunityPrivacy, community_privacy, COMMUNITY, PRIVACY, GObject)

COMMUNITY_AVAILABLE_IN_0_1
CommunityPrivacy     *community_privacy_new             (CommunityPrivacyMode  mode) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
CommunityPrivacyMode  community_privacy_get_mode        (CommunityPrivacy     *self);
COMMUNITY_AVAILABLE_IN_0_1
char                 *community_privacy_mask_id_number  (CommunityPrivacy     *self,
                                                         const char           *id_number) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
char                 *community_privacy_mask_phone      (CommunityPrivacy     *self,
                                                         const char           *phone) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
char                 *community_privacy_mask_name       (CommunityPrivacy     *self,
                                                         const char           *name) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
