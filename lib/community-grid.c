/* community-grid.c: a grid (网格)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-grid.h"
#include "community-enum-types.h"
#include "community-entity-private.h"

/**
 * CommunityGrid:
 *
 * A grid (网格): the smallest unit of grid-based governance (网格化治理,
 * 三(四)), drawn around residential quarters or buildings, institutions or a
 * cluster of businesses. Each grid has one leader (网格长) and at least one
 * full- or part-time administrator (网格管理员).
 *
 * In JSON: `{"id", "community", "kind", "base_unit", "households", "leader",
 * "administrators"}`.
 */

struct _CommunityGrid
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityGrid, community_grid, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_ID,
  PROP_COMMUNITY,
  PROP_KIND,
  PROP_BASE_UNIT,
  PROP_HOUSEHOLDS,
  PROP_LEADER,
  PROP_ADMINISTRATORS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_ID] = { COMMUNITY_FIELD_IDENTITY },
  [PROP_COMMUNITY] = { COMMUNITY_FIELD_REQUIRED | COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (COMMUNITY) },
  [PROP_LEADER] = { COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (WORKER) },
  [PROP_ADMINISTRATORS] = { COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (WORKER) },
};

static void
community_grid_class_init (CommunityGridClass *klass)
{
  CommunityEntityClassPrivate *entity_class = COMMUNITY_ENTITY_CLASS_PRIVATE (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_GRID;

  /**
   * CommunityGrid:id:
   *
   * The grid's identity, e.g. `320213021001-G01`. Construct-only.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityGrid:community:
   *
   * The code of the community or village the grid belongs to. Required.
   */
  properties[PROP_COMMUNITY] = g_param_spec_string ("community", NULL, NULL, NULL, flags);

  /**
   * CommunityGrid:kind:
   *
   * Whether the grid is comprehensive (综合网格) or dedicated (专属网格).
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL,
                       COMMUNITY_TYPE_GRID_KIND, COMMUNITY_GRID_KIND_COMPREHENSIVE, flags);

  /**
   * CommunityGrid:base-unit:
   *
   * The basic unit the grid is drawn around (`base_unit` in JSON).
   */
  properties[PROP_BASE_UNIT] =
    g_param_spec_enum ("base-unit", NULL, NULL,
                       COMMUNITY_TYPE_GRID_BASE_UNIT, COMMUNITY_GRID_BASE_UNIT_RESIDENTIAL, flags);

  /**
   * CommunityGrid:households:
   *
   * The number of households (户) in the grid.
   */
  properties[PROP_HOUSEHOLDS] =
    g_param_spec_uint ("households", NULL, NULL, 0, G_MAXUINT32, 0, flags);

  /**
   * CommunityGrid:leader:
   *
   * The id of the worker who leads the grid (网格长). Unset when the grid
   * names no leader, which the rule `grid.leader` reports.
   */
  properties[PROP_LEADER] = g_param_spec_string ("leader", NULL, NULL, NULL, flags);

  /**
   * CommunityGrid:administrators:
   *
   * The ids of the grid's administrators (网格管理员).
   */
  properties[PROP_ADMINISTRATORS] =
    g_param_spec_boxed ("administrators", NULL, NULL, G_TYPE_STRV, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_grid_init (CommunityGrid *self)
{
}

/**
 * community_grid_new:
 * @id: the grid's identity
 *
 * Creates a grid with nothing but its identity set.
 *
 * Returns: (transfer full): a new grid
 */
CommunityGrid *
community_grid_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (COMMUNITY_TYPE_GRID, "id", id, NULL);
}
