/* community-indicator-result.c: one indicator for one division
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <math.h>

#include "community-report-private.h"
#include "community-vocabulary-private.h"
#include "json/community-json-private.h"

/**
 * CommunityIndicatorResult:
 *
 * One indicator of DOMAIN.md §5 (a 2020 target of the policy) computed for
 * one division: the city, a district or county, or a street or town. The
 * value is numerator / denominator; a rate whose denominator is 0 has no
 * value and is not applicable ([method@Community.IndicatorResult.is_applicable]).
 * It meets its target when the value is at least the target. Immutable,
 * and may be read from any thread, like the [class@Community.Report] that
 * holds it.
 */

struct _CommunityIndicatorResult
{
  GObject parent_instance;

  char *id;
  char *division;
  double numerator;
  double denominator;
  double target;
};

G_DEFINE_FINAL_TYPE (CommunityIndicatorResult, community_indicator_result, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_DIVISION,
  PROP_NUMERATOR,
  PROP_DENOMINATOR,
  PROP_VALUE,
  PROP_TARGET,
  PROP_APPLICABLE,
  PROP_MET,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
community_indicator_result_finalize (GObject *object)
{
  CommunityIndicatorResult *self = COMMUNITY_INDICATOR_RESULT (object);

  g_free (self->id);
  g_free (self->division);

  G_OBJECT_CLASS (community_indicator_result_parent_class)->finalize (object);
}

static void
community_indicator_result_get_property (GObject    *object,
                                         guint       prop_id,
                                         GValue     *value,
                                         GParamSpec *pspec)
{
  CommunityIndicatorResult *self = COMMUNITY_INDICATOR_RESULT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_string (value, self->id); break;
    case PROP_DIVISION: g_value_set_string (value, self->division); break;
    case PROP_NUMERATOR: g_value_set_double (value, self->numerator); break;
    case PROP_DENOMINATOR: g_value_set_double (value, self->denominator); break;
    case PROP_VALUE: g_value_set_double (value, community_indicator_result_get_value (self)); break;
    case PROP_TARGET: g_value_set_double (value, self->target); break;
    case PROP_APPLICABLE: g_value_set_boolean (value, self->denominator > 0); break;
    case PROP_MET: g_value_set_boolean (value, community_indicator_result_get_met (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_indicator_result_class_init (CommunityIndicatorResultClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = community_indicator_result_finalize;
  object_class->get_property = community_indicator_result_get_property;

  /**
   * CommunityIndicatorResult:id:
   *
   * The indicator id, e.g. `grid.coverage`.
   */
  properties[PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  /**
   * CommunityIndicatorResult:division:
   *
   * The code of the division the indicator is computed for.
   */
  properties[PROP_DIVISION] = g_param_spec_string ("division", NULL, NULL, NULL, flags);
  /**
   * CommunityIndicatorResult:numerator:
   *
   * What is counted, e.g. the compliant communities.
   */
  properties[PROP_NUMERATOR] = g_param_spec_double ("numerator", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  /**
   * CommunityIndicatorResult:denominator:
   *
   * What it is counted out of, e.g. all communities.
   */
  properties[PROP_DENOMINATOR] = g_param_spec_double ("denominator", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  /**
   * CommunityIndicatorResult:value:
   *
   * numerator / denominator; 0 when the indicator is not applicable.
   */
  properties[PROP_VALUE] = g_param_spec_double ("value", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  /**
   * CommunityIndicatorResult:target:
   *
   * The target the ruleset sets; NaN for a monitoring indicator, which has
   * none ([method@Community.IndicatorResult.has_target]).
   */
  properties[PROP_TARGET] = g_param_spec_double ("target", NULL, NULL, 0, 1, 0, flags);
  /**
   * CommunityIndicatorResult:applicable:
   *
   * Whether the denominator is above 0, so that the rate has a value.
   */
  properties[PROP_APPLICABLE] = g_param_spec_boolean ("applicable", NULL, NULL, FALSE, flags);
  /**
   * CommunityIndicatorResult:met:
   *
   * Whether the value is at least the target (never for an indicator that is
   * not applicable or has no target).
   */
  properties[PROP_MET] = g_param_spec_boolean ("met", NULL, NULL, FALSE, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
community_indicator_result_init (CommunityIndicatorResult *self)
{
}

CommunityIndicatorResult *
community_indicator_result_new (const char *id,
                                const char *division,
                                double      numerator,
                                double      denominator,
                                double      target)
{
  CommunityIndicatorResult *self = g_object_new (COMMUNITY_TYPE_INDICATOR_RESULT, NULL);

  self->id = g_strdup (id);
  self->division = g_strdup (division);
  self->numerator = numerator;
  self->denominator = denominator;
  self->target = target;

  return self;
}

/**
 * community_indicator_result_get_id:
 * @self: an indicator result
 *
 * Gets the indicator id.
 *
 * Returns: the id
 */
const char *
community_indicator_result_get_id (CommunityIndicatorResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_INDICATOR_RESULT (self), NULL);
  return self->id;
}

/**
 * community_indicator_result_get_title:
 * @self: an indicator result
 *
 * Gets the title of the indicator, as the policy names its target, in the
 * language of the messages: 村(居)民委员会依法自治达标率 under a `zh_CN`
 * locale, "Villages' and residents' committees self-governing to
 * standard" otherwise, for `self-governance.compliance`. The titles are
 * the library's, one for each indicator of DOMAIN.md §5.
 *
 * Returns: (nullable): the title, or %NULL for an id the library has no
 *   title for
 */
const char *
community_indicator_result_get_title (CommunityIndicatorResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_INDICATOR_RESULT (self), NULL);
  return community_vocabulary_indicator_title (self->id);
}

/**
 * community_indicator_result_get_division:
 * @self: an indicator result
 *
 * Gets the code of the division the indicator is computed for.
 *
 * Returns: the division code
 */
const char *
community_indicator_result_get_division (CommunityIndicatorResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_INDICATOR_RESULT (self), NULL);
  return self->division;
}

/**
 * community_indicator_result_get_numerator:
 * @self: an indicator result
 *
 * Gets the numerator.
 *
 * Returns: the numerator
 */
double
community_indicator_result_get_numerator (CommunityIndicatorResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_INDICATOR_RESULT (self), 0);
  return self->numerator;
}

/**
 * community_indicator_result_get_denominator:
 * @self: an indicator result
 *
 * Gets the denominator.
 *
 * Returns: the denominator
 */
double
community_indicator_result_get_denominator (CommunityIndicatorResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_INDICATOR_RESULT (self), 0);
  return self->denominator;
}

/**
 * community_indicator_result_is_applicable:
 * @self: an indicator result
 *
 * Tells whether the rate has a value: its denominator is above 0.
 *
 * Returns: %TRUE if the indicator is applicable
 */
gboolean
community_indicator_result_is_applicable (CommunityIndicatorResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_INDICATOR_RESULT (self), FALSE);
  return self->denominator > 0;
}

/**
 * community_indicator_result_get_value:
 * @self: an indicator result
 *
 * Gets the rate.
 *
 * Returns: numerator / denominator, or 0 if not applicable
 */
double
community_indicator_result_get_value (CommunityIndicatorResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_INDICATOR_RESULT (self), 0);
  return self->denominator > 0 ? self->numerator / self->denominator : 0;
}

/**
 * community_indicator_result_get_target:
 * @self: an indicator result
 *
 * Gets the target the ruleset sets.
 *
 * Returns: the target; NaN when the indicator has none
 *   ([method@Community.IndicatorResult.has_target])
 */
double
community_indicator_result_get_target (CommunityIndicatorResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_INDICATOR_RESULT (self), 0);
  return self->target;
}

/**
 * community_indicator_result_has_target:
 * @self: an indicator result
 *
 * Tells whether the indicator has a target. The monitoring indicators of
 * DOMAIN.md §5 (e.g. `committee.local-resident-share`, which the policy asks
 * to raise steadily without a number) have none: they are reported with
 * their rate, and `target` and `met` null in the JSON report.
 *
 * Returns: %TRUE if the ruleset sets a target
 */
gboolean
community_indicator_result_has_target (CommunityIndicatorResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_INDICATOR_RESULT (self), FALSE);
  return !isnan (self->target);
}

/**
 * community_indicator_result_get_met:
 * @self: an indicator result
 *
 * Tells whether the rate meets its target. The comparison allows for the
 * rounding of a quotient: 0.95 computed as 19/20 meets a target of 0.95.
 *
 * Returns: %TRUE if applicable, with a target, and at least the target
 */
gboolean
community_indicator_result_get_met (CommunityIndicatorResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_INDICATOR_RESULT (self), FALSE);
  return self->denominator > 0 && !isnan (self->target) &&
         self->numerator / self->denominator >= self->target - 1e-9;
}

/* A whole number as an integer, anything else as a double, as the JSON
 * has always had them. */
static void
write_number (CommunityJsonSink *sink,
              double             value)
{
  if (value == floor (value) && fabs (value) < 9e15)
    sink->klass->integer (sink, (gint64) value);
  else
    sink->klass->number (sink, value);
}

/* community-report-private.h: the one writer of a result, for its tree
 * and for the report's text, which writes tens of thousands of them on a
 * province without a tree each. */
void
community_indicator_result_write (CommunityIndicatorResult *self,
                                  CommunityJsonSink        *sink)
{
  const CommunityJsonSinkClass *k = sink->klass;
  gboolean applicable = self->denominator > 0;
  const char *title = community_indicator_result_get_title (self);

  k->begin_object (sink);
  k->member (sink, "id");
  k->string (sink, self->id);
  if (title != NULL)
    {
      k->member (sink, "title");
      k->string (sink, title);
    }
  k->member (sink, "division");
  k->string (sink, self->division);
  k->member (sink, "numerator");
  write_number (sink, self->numerator);
  k->member (sink, "denominator");
  write_number (sink, self->denominator);
  k->member (sink, "value");
  if (applicable)
    k->number (sink, round (community_indicator_result_get_value (self) * 1e6) / 1e6);
  else
    k->string (sink, NULL);   /* null */
  k->member (sink, "target");
  if (isnan (self->target))
    k->string (sink, NULL);
  else
    write_number (sink, self->target);
  k->member (sink, "met");
  if (applicable && !isnan (self->target))
    k->boolean (sink, community_indicator_result_get_met (self));
  else
    k->string (sink, NULL);
  k->end_object (sink);
}

static void
write_tree (CommunityJsonSink *sink,
            gpointer           data)
{
  community_indicator_result_write (data, sink);
}

/**
 * community_indicator_result_to_json:
 * @self: an indicator result
 *
 * Serializes the result as a report writes it: `{"id", "title",
 * "division", "numerator", "denominator", "value", "target", "met"}`, with
 * `value` and `met` null when the indicator is not applicable, and `target`
 * and `met` null when it has no target. The title is
 * [method@Community.IndicatorResult.get_title], in the language of the
 * messages; an indicator without one has no `title` member.
 *
 * Returns: (transfer full): a JSON object node
 */
JsonNode *
community_indicator_result_to_json (CommunityIndicatorResult *self)
{
  g_return_val_if_fail (COMMUNITY_IS_INDICATOR_RESULT (self), NULL);

  return community_json_write_tree (write_tree, self);
}
