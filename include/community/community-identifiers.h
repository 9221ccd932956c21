/* community-identifiers.h: citizen ID numbers, credit codes, mobiles, division codes
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
 * CommunityCodeLevel:
 * @COMMUNITY_CODE_LEVEL_PROVINCE: a province-level division (省, `PP0000000000`)
 * @COMMUNITY_CODE_LEVEL_CITY: a prefecture-level division (市, `PPCC00000000`)
 * @COMMUNITY_CODE_LEVEL_COUNTY: a county-level division: a district (区), a
 *   county (县) or a county-level city (县级市), `PPCCDD000000`
 * @COMMUNITY_CODE_LEVEL_STREET: a subdistrict (街道), town (镇) or township
 *   (乡), `PPCCDDSSS000`
 * @COMMUNITY_CODE_LEVEL_COMMUNITY: a residents' committee (居委会), a
 *   villagers' committee (村委会) or a unit of a similar kind, `PPCCDDSSSVVV`
 *
 * The level of a 12-digit statistical division code (统计用区划代码,
 * DOMAIN.md §1): the level of its last segment that is not zero.
 */
typedef enum {
  COMMUNITY_CODE_LEVEL_PROVINCE,
  COMMUNITY_CODE_LEVEL_CITY,
  COMMUNITY_CODE_LEVEL_COUNTY,
  COMMUNITY_CODE_LEVEL_STREET,
  COMMUNITY_CODE_LEVEL_COMMUNITY,
} CommunityCodeLevel;

/**
 * CommunityStreetKind:
 * @COMMUNITY_STREET_KIND_NONE: the code is above street level and has no
 *   street segment
 * @COMMUNITY_STREET_KIND_SUBDISTRICT: a subdistrict (街道), street segment
 *   `001`–`099`
 * @COMMUNITY_STREET_KIND_TOWN: a town (镇), street segment `100`–`199`
 * @COMMUNITY_STREET_KIND_TOWNSHIP: a township (乡), street segment
 *   `200`–`399`
 * @COMMUNITY_STREET_KIND_OTHER: a street segment outside the reserved
 *   ranges, such as the `4xx` codes of development zones and parks;
 *   [method@Community.DivisionCode.check_ranges] reports it
 *
 * What the street segment (`SSS`) of a division code says about the
 * street-level division, by the ranges the statistical coding rules reserve
 * for each kind (DOMAIN.md §1).
 */
typedef enum {
  COMMUNITY_STREET_KIND_NONE,
  COMMUNITY_STREET_KIND_SUBDISTRICT,
  COMMUNITY_STREET_KIND_TOWN,
  COMMUNITY_STREET_KIND_TOWNSHIP,
  COMMUNITY_STREET_KIND_OTHER,
} CommunityStreetKind;

/**
 * CommunityCommitteeKind:
 * @COMMUNITY_COMMITTEE_KIND_NONE: the code is above community level and has
 *   no community segment
 * @COMMUNITY_COMMITTEE_KIND_RESIDENTS: a residents' committee (居民委员会),
 *   community segment `001`–`199`
 * @COMMUNITY_COMMITTEE_KIND_VILLAGERS: a villagers' committee (村民委员会),
 *   community segment `200`–`399`
 * @COMMUNITY_COMMITTEE_KIND_SIMILAR: a unit of a similar kind (类似居委会 or
 *   类似村委会, e.g. a virtual community of a park), community segment
 *   `400`–`599`
 * @COMMUNITY_COMMITTEE_KIND_OTHER: a community segment outside the reserved
 *   ranges; [method@Community.DivisionCode.check_ranges] reports it
 *
 * What the community segment (`VVV`) of a division code says about the
 * committee that runs the community or village, by the ranges the
 * statistical coding rules reserve for each kind (DOMAIN.md §1).
 */
typedef enum {
  COMMUNITY_COMMITTEE_KIND_NONE,
  COMMUNITY_COMMITTEE_KIND_RESIDENTS,
  COMMUNITY_COMMITTEE_KIND_VILLAGERS,
  COMMUNITY_COMMITTEE_KIND_SIMILAR,
  COMMUNITY_COMMITTEE_KIND_OTHER,
} CommunityCommitteeKind;

typedef struct _CommunityDivisionCode CommunityDivisionCode;

/**
 * CommunityDivisionCode:
 * @code: the 12 digits of the code
 * @province: the province segment (`PP`), 1–99
 * @city: the city segment (`CC`), 0–99
 * @county: the county or district segment (`DD`), 0–99
 * @street: the street, town or township segment (`SSS`), 0–999
 * @village: the community or village segment (`VVV`), 0–999
 * @level: the level of the code: that of its last segment that is not zero
 * @street_kind: what the street segment says about the street-level
 *   division, %COMMUNITY_STREET_KIND_NONE above street level
 * @committee_kind: what the community segment says about the committee,
 *   %COMMUNITY_COMMITTEE_KIND_NONE above community level
 *
 * A 12-digit statistical division code (统计用区划代码, `PP CC DD SSS VVV`)
 * taken apart (DOMAIN.md §1). Get one from
 * [func@Community.DivisionCode.parse], which guarantees that the segments
 * after the code's level are all zero and the ones before it are not.
 *
 * The fields are public and read-only in practice: a code is a value, copied
 * with [method@Community.DivisionCode.copy].
 */
struct _CommunityDivisionCode
{
  char *code;
  guint province;
  guint city;
  guint county;
  guint street;
  guint village;
  CommunityCodeLevel level;
  CommunityStreetKind street_kind;
  CommunityCommitteeKind committee_kind;
};

#define COMMUNITY_TYPE_DIVISION_CODE (community_division_code_get_type ())

COMMUNITY_AVAILABLE_IN_0_1
GType                  community_division_code_get_type       (void) G_GNUC_CONST;
COMMUNITY_AVAILABLE_IN_0_1
CommunityDivisionCode *community_division_code_parse          (const char                  *code,
                                                               GError                     **error) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
CommunityDivisionCode *community_division_code_copy           (const CommunityDivisionCode *code) G_GNUC_WARN_UNUSED_RESULT;
COMMUNITY_AVAILABLE_IN_0_1
void                   community_division_code_free           (CommunityDivisionCode       *code);
COMMUNITY_AVAILABLE_IN_0_1
gboolean               community_division_code_check_ranges   (const CommunityDivisionCode *code,
                                                               GError                     **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean               community_division_code_is_parent_of   (const CommunityDivisionCode *parent,
                                                               const CommunityDivisionCode *child);
COMMUNITY_AVAILABLE_IN_0_1
gboolean               community_division_code_validate_child (const char                  *parent_code,
                                                               const char                  *child_code,
                                                               GError                     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CommunityDivisionCode, community_division_code_free)

COMMUNITY_AVAILABLE_IN_0_1
gboolean               community_citizen_id_validate          (const char                  *id_number,
                                                               const GDate                 *today,
                                                               GError                     **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean               community_uscc_validate                (const char                  *code,
                                                               GError                     **error);
COMMUNITY_AVAILABLE_IN_0_1
gboolean               community_mobile_validate              (const char                  *phone,
                                                               GError                     **error);

G_END_DECLS
