/* community-finding-private.h
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "community-finding.h"

G_BEGIN_DECLS

/* Takes @expected and @actual (nullable). @rule and @clause (nullable)
 * must be interned (g_intern_string(), g_intern_static_string()): kept as
 * they are, a closed set, the rulesets' ids and clauses, which hundreds of
 * thousands of findings share. The message is either @message, or @format
 * with @subject_id for its one conversion, a "%s"
 * (community_finding_format_takes_id()), made when it is read: @format must
 * live as long as the library (a string of its own, or gettext's
 * translation of one, which gettext never unloads); the other is NULL. The
 * message must not contain personal data: rules build it from identities,
 * codes and numbers. */
CommunityFinding  *community_finding_new            (const char          *rule,
                                                     CommunitySeverity    severity,
                                                     const char          *clause,
                                                     CommunityEntityKind  subject_kind,
                                                     const char          *subject_id,
                                                     const char          *path,
                                                     const char          *message,
                                                     const char          *format,
                                                     JsonNode            *expected,
                                                     JsonNode            *actual,
                                                     double               shortfall);
/* Whether @format's one conversion is "%s", which a finding's subject id
 * can fill. */
gboolean           community_finding_format_takes_id (const char *format);

/* The cell the value came from (DOMAIN.md §9), taken. */
void               community_finding_take_cell      (CommunityFinding *self,
                                                     char             *cell);

/* Enough for all but odd messages (community_finding_message()). */
#define COMMUNITY_FINDING_MESSAGE_BUFFER 512

/* The message, without keeping it in the finding: its own text, or made
 * in @buffer (@size bytes) from its format, or, when it does not fit
 * there, community_finding_get_message()'s. For writers, which read every
 * message once. */
const char        *community_finding_message        (CommunityFinding *self,
                                                     char             *buffer,
                                                     gsize             size);

/* The report's order of two findings of one rule: by path, then subject. */
int                community_finding_compare_in_rule (CommunityFinding *a,
                                                      CommunityFinding *b);

/* The codes of the divisions the subject lies in (its street, district,
 * city; itself if it is a division), for filtering by division: a
 * NULL-terminated array in one reference-counted block, which the findings
 * of a community's grids, workers and facilities share. */
char             **community_finding_divisions_new   (const char * const *codes,
                                                      guint               n_codes);
char             **community_finding_divisions_ref   (char              **divisions);
void               community_finding_divisions_unref (char              **divisions);
/* Takes a reference to @divisions (nullable). */
void               community_finding_set_divisions (CommunityFinding  *self,
                                                    char             **divisions);
gboolean           community_finding_in_division   (CommunityFinding *self,
                                                    const char       *code);
/* Those codes (nullable), for the reports. */
const char * const *community_finding_get_divisions (CommunityFinding *self);

/* What a report writer reads of every finding, borrowed from @self (valid
 * while it lives), in one call rather than a checked getter each: the
 * HTML report reads hundreds of thousands. The message, which may have to
 * be made, is community_finding_message()'s. */
typedef struct {
  const char *rule;
  CommunitySeverity severity;
  CommunityEntityKind subject_kind;
  const char *subject_id;   /* nullable */
  const char *path;
  JsonNode *expected;       /* nullable */
  JsonNode *actual;         /* nullable */
  const char * const *divisions;   /* nullable */
} CommunityFindingView;

void               community_finding_view           (CommunityFinding     *self,
                                                     CommunityFindingView *view);

typedef struct _CommunityJsonSink CommunityJsonSink;

/* Writes the finding's JSON (community_finding_to_json()) into @sink. */
void               community_finding_write          (CommunityFinding  *self,
                                                     CommunityJsonSink *sink);

G_END_DECLS
