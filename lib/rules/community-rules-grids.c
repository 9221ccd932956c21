/* community-rules-grids.c: the rules of DOMAIN.md §4 about grids (三(四))
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <inttypes.h>

#include "config.h"

#include <glib/gi18n-lib.h>

#include "community-rules-catalog.h"

static void
check_leader (CommunityRuleContext *ctx,
              gpointer              grid,
              gpointer              data)
{
  CommunityDataset *dataset = community_rule_get_dataset (ctx);
  const char *grid_id = community_entity_get_identity (COMMUNITY_ENTITY (grid));
  const char *community = community_field_string (grid, "community");
  const char *leader_id = community_field_string (grid, "leader");
  CommunityWorker *leader;
  const char *leader_community;

  if (leader_id == NULL)
    {
      community_rule_fail (ctx, COMMUNITY_ENTITY (grid), "leader",
                           community_json_string (community), community_json_null (), 0,
                           _("Grid %s names no grid leader (网格长)"), grid_id);
      return;
    }

  /* A leader that names nobody is ref.unresolved's finding alone. */
  leader = community_dataset_get_worker (dataset, leader_id);
  if (leader == NULL)
    {
      community_rule_not_applicable (ctx);
      return;
    }

  leader_community = community_field_string (leader, "community");
  if (g_strcmp0 (leader_community, community) != 0)
    {
      community_rule_fail (ctx, COMMUNITY_ENTITY (grid), "leader",
                           community_json_string (community), community_json_string (leader_community), 0,
                           _("The leader of grid %s, worker %s, does not work in the grid's community %s"),
                           grid_id, leader_id, community);
      return;
    }

  community_rule_pass (ctx);
}

/* grid.leader: the grid names its one leader, a worker of its community. */
void
community_rule_grid_leader (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_GRID, check_leader, NULL);
}

void
community_rule_grid_leader_unit (CommunityRuleContext *ctx,
                                 CommunityEntity      *grid)
{
  check_leader (ctx, COMMUNITY_GRID (grid), NULL);
}

static void
check_administrators (CommunityRuleContext *ctx,
                      gpointer              grid,
                      gpointer              data)
{
  const char * const *administrators = community_field_strv (grid, "administrators");
  guint min = (guint) community_rule_param (ctx, "min");
  guint n = administrators != NULL ? g_strv_length ((char **) administrators) : 0;

  /* No administrators is the defect itself, not an unknown. */
  if (n < min)
    community_rule_fail (ctx, COMMUNITY_ENTITY (grid), "administrators",
                         community_json_int (min), community_json_int (n), min - n,
                         _("Grid %s has %u grid administrators (网格管理员); it needs at least %u"),
                         community_entity_get_identity (COMMUNITY_ENTITY (grid)), n, min);
  else
    community_rule_pass (ctx);
}

/* grid.administrators: at least min administrators, full- or part-time. */
void
community_rule_grid_administrators (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_GRID, check_administrators, NULL);
}

void
community_rule_grid_administrators_unit (CommunityRuleContext *ctx,
                                         CommunityEntity      *grid)
{
  check_administrators (ctx, COMMUNITY_GRID (grid), NULL);
}

static void
check_full_time_administrator (CommunityRuleContext *ctx,
                               gpointer              grid,
                               gpointer              data)
{
  CommunityDataset *dataset = community_rule_get_dataset (ctx);
  const char * const *administrators = community_field_strv (grid, "administrators");
  gboolean unknown = FALSE;

  if (administrators == NULL || administrators[0] == NULL)
    {
      /* grid.administrators reports a grid without any. */
      community_rule_not_applicable (ctx);
      return;
    }

  for (guint i = 0; administrators[i] != NULL; i++)
    {
      CommunityWorker *worker = community_dataset_get_worker (dataset, administrators[i]);
      int employment;

      if (worker == NULL || !community_field_enum (worker, "employment", &employment))
        unknown = TRUE;
      else if (employment == COMMUNITY_EMPLOYMENT_FULL_TIME)
        {
          community_rule_pass (ctx);
          return;
        }
    }

  if (unknown)
    community_rule_not_applicable (ctx);
  else
    community_rule_fail (ctx, COMMUNITY_ENTITY (grid), "administrators",
                         community_json_string ("full_time"), community_json_string ("part_time"), 0,
                         _("None of the administrators of grid %s is full-time"),
                         community_entity_get_identity (COMMUNITY_ENTITY (grid)));
}

/* grid.full-time-administrator: at least one administrator is full-time. */
void
community_rule_grid_full_time_administrator (CommunityRuleContext *ctx)
{
  community_rule_for_each (ctx, COMMUNITY_ENTITY_KIND_GRID, check_full_time_administrator, NULL);
}

void
community_rule_grid_full_time_administrator_unit (CommunityRuleContext *ctx,
                                                  CommunityEntity      *grid)
{
  check_full_time_administrator (ctx, COMMUNITY_GRID (grid), NULL);
}

/* grid.coverage, for one community (its scope unit). */
void
community_rule_grid_coverage_unit (CommunityRuleContext *ctx,
                                   CommunityEntity      *unit)
{
  CommunityIndex *index = community_rule_get_index (ctx);
  CommunityCommunity *community = COMMUNITY_COMMUNITY (unit);
  const char *code = community_entity_get_identity (COMMUNITY_ENTITY (community));
  const CommunityGroup *grids = community_index_group (index, index->grids_by_community, code);
  guint households;
  guint64 covered = 0;
  gboolean unknown = FALSE;

  if (!community_field_uint (community, "households", &households))
    {
      community_rule_not_applicable (ctx);
      return;
    }

  for (guint g = 0; g < grids->len; g++)
    {
      int kind;
      guint grid_households;

      if (!community_field_enum (grids->pdata[g], "kind", &kind))
        unknown = TRUE;
      else if (kind == COMMUNITY_GRID_KIND_COMPREHENSIVE)
        {
          if (community_field_uint (grids->pdata[g], "households", &grid_households))
            covered += grid_households;
          else
            unknown = TRUE;
        }
    }

  if (unknown)
    community_rule_not_applicable (ctx);
  else if (covered < households)
    community_rule_fail (ctx, COMMUNITY_ENTITY (community), "households",
                         community_json_int (households), community_json_int (covered),
                         households - covered,
                         _("The comprehensive grids of community %s cover %" PRIu64
                           " of its %u households: %" PRIu64 " are left out"),
                         code, covered, households, households - covered);
  else if (covered > households)
    community_rule_fail (ctx, COMMUNITY_ENTITY (community), "households",
                         community_json_int (households), community_json_int (covered), 0,
                         _("The comprehensive grids of community %s count %" PRIu64
                           " households, more than its %u"),
                         code, covered, households);
  else
    community_rule_pass (ctx);
}

/* grid.coverage: the households of a community's comprehensive grids sum
 * to its households — none left out, and no more than it has. */
void
community_rule_grid_coverage (CommunityRuleContext *ctx)
{
  GListModel *communities = community_dataset_get_items (community_rule_get_dataset (ctx),
                                                         COMMUNITY_ENTITY_KIND_COMMUNITY);
  guint n_items = g_list_model_get_n_items (communities);

  for (guint i = 0; i < n_items; i++)
    community_rule_grid_coverage_unit (ctx, community_rule_item (communities, i));
}
