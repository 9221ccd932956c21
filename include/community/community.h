/* community.h: the one header to include for libcommunity
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#define COMMUNITY_INSIDE

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "community-version.h"
#include "community-enums.h"
#include "community-enum-types.h"
#include "community-error.h"
#include "community-record.h"
#include "community-entity.h"
#include "community-committee.h"
#include "community-elderly-care.h"
#include "community-review.h"
#include "community-approval.h"
#include "community-history-entry.h"
#include "community-work-item-history-entry.h"
#include "community-division.h"
#include "community-community.h"
#include "community-grid.h"
#include "community-worker.h"
#include "community-facility.h"
#include "community-consultation.h"
#include "community-work-item.h"
#include "community-social-organization.h"
#include "community-department.h"
#include "community-task.h"
#include "community-funding.h"
#include "community-wage-baseline.h"
#include "community-survey.h"
#include "community-commendation.h"
#include "community-dataset.h"
#include "community-sheets.h"
#include "community-identifiers.h"
#include "community-privacy.h"
#include "community-annex.h"
#include "community-finding.h"
#include "community-ruleset.h"
#include "community-rule-result.h"
#include "community-indicator-result.h"
#include "community-report.h"
#include "community-report-writer.h"
#include "community-validator.h"
#include "community-validation.h"
#include "community-vocabulary.h"
#include "community-accessors.h"

#undef COMMUNITY_INSIDE
