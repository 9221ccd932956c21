/* community-consultation.c: a consultation (社区协商)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "community-consultation.h"
#include "community-history-entry.h"
#include "community-enum-types.h"
#include "community-entity-private.h"

/**
 * CommunityConsultation:
 *
 * A consultation (社区协商): a major decision on the community's public
 * interest, a matter of residents' vital interests or a dispute that the
 * community's party organization or self-governing organization leads
 * residents in settling (三(三)). It follows the mechanism for adopting,
 * implementing and giving feedback on the outcome
 * (协商成果采纳、落实和反馈机制), and keeps the history of the states it
 * entered (DOMAIN.md §3).
 *
 * In JSON: `{"id", "community", "topic", "scope", "method", "led_by",
 * "participants", "state", "history", "outcome", "feedback"}`.
 */

struct _CommunityConsultation
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityConsultation, community_consultation, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_ID,
  PROP_COMMUNITY,
  PROP_TOPIC,
  PROP_SCOPE,
  PROP_METHOD,
  PROP_LED_BY,
  PROP_PARTICIPANTS,
  PROP_STATE,
  PROP_HISTORY,
  PROP_OUTCOME,
  PROP_FEEDBACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_ID] = { COMMUNITY_FIELD_IDENTITY },
  [PROP_COMMUNITY] = { COMMUNITY_FIELD_REQUIRED | COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (COMMUNITY) },
  [PROP_HISTORY] = { COMMUNITY_FIELD_OPTIONAL, 0, community_history_entry_get_type },
};

static void
community_consultation_class_init (CommunityConsultationClass *klass)
{
  CommunityEntityClass *entity_class = COMMUNITY_ENTITY_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_CONSULTATION;

  /**
   * CommunityConsultation:id:
   *
   * The consultation's identity. Construct-only.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityConsultation:community:
   *
   * The code of the community that holds the consultation. Required.
   */
  properties[PROP_COMMUNITY] = g_param_spec_string ("community", NULL, NULL, NULL, flags);

  /**
   * CommunityConsultation:topic:
   *
   * What the consultation is about.
   */
  properties[PROP_TOPIC] = g_param_spec_string ("topic", NULL, NULL, NULL, flags);

  /**
   * CommunityConsultation:scope:
   *
   * The kind of matter consulted on (三(三)).
   */
  properties[PROP_SCOPE] =
    g_param_spec_enum ("scope", NULL, NULL,
                       COMMUNITY_TYPE_CONSULTATION_SCOPE,
                       COMMUNITY_CONSULTATION_SCOPE_PUBLIC_DECISION,
                       flags);

  /**
   * CommunityConsultation:method:
   *
   * How the consultation is held: a residents' council (议事会), board
   * (理事会), public sentiment forum (民情恳谈会), democratic evaluation
   * (民主评议) or otherwise (三(三)).
   */
  properties[PROP_METHOD] =
    g_param_spec_enum ("method", NULL, NULL,
                       COMMUNITY_TYPE_CONSULTATION_METHOD,
                       COMMUNITY_CONSULTATION_METHOD_RESIDENTS_COUNCIL,
                       flags);

  /**
   * CommunityConsultation:led-by:
   *
   * Who leads the consultation (`led_by` in JSON). In principle the party
   * organization or the self-governing organization
   * (原则上由社区党组织、基层群众性自治组织牵头, 三(三), the rule
   * `consultation.led-by`).
   */
  properties[PROP_LED_BY] =
    g_param_spec_enum ("led-by", NULL, NULL,
                       COMMUNITY_TYPE_CONSULTATION_LEAD,
                       COMMUNITY_CONSULTATION_LEAD_PARTY_ORGANIZATION,
                       flags);

  /**
   * CommunityConsultation:participants:
   *
   * The number of residents who took part.
   */
  properties[PROP_PARTICIPANTS] =
    g_param_spec_uint ("participants", NULL, NULL, 0, G_MAXUINT32, 0, flags);

  /**
   * CommunityConsultation:state:
   *
   * Where the consultation stands (DOMAIN.md §3); the state of the last entry
   * of [property@Community.Consultation:history].
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       COMMUNITY_TYPE_CONSULTATION_STATE,
                       COMMUNITY_CONSULTATION_STATE_PROPOSED,
                       flags);

  /**
   * CommunityConsultation:history:
   *
   * The states the consultation entered, oldest first: a [iface@Gio.ListModel]
   * of [class@Community.HistoryEntry], the first `proposed`. The rule
   * `consultation.history` checks it is a legal sequence in time order.
   */
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, G_TYPE_LIST_MODEL, flags);

  /**
   * CommunityConsultation:outcome:
   *
   * The outcome of the consultation (协商成果).
   */
  properties[PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, NULL, flags);

  /**
   * CommunityConsultation:feedback:
   *
   * What residents were told of the result (反馈, 三(三)).
   */
  properties[PROP_FEEDBACK] = g_param_spec_string ("feedback", NULL, NULL, NULL, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_consultation_init (CommunityConsultation *self)
{
}

/**
 * community_consultation_new:
 * @id: the consultation's identity
 *
 * Creates a consultation with nothing but its identity set.
 *
 * Returns: (transfer full): a new consultation
 */
CommunityConsultation *
community_consultation_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (COMMUNITY_TYPE_CONSULTATION, "id", id, NULL);
}
