/* community-work-item.c: a work item (社区工作事项)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-work-item.h"
#include "community-review.h"
#include "community-approval.h"
#include "community-enum-types.h"
#include "community-entity-private.h"

/**
 * CommunityWorkItem:
 *
 * A work item (社区工作事项): work a department asks communities'
 * self-governing organizations to do (三(一)). An item on one of the “two
 * lists” (两份清单) enters the community directly. Any other item may be
 * delegated by purchase of services, or must pass the admission procedure
 * (社区工作事项准入制度): review by the legal affairs office of the government
 * (法制办审核), then approval by a meeting of the party standing committee or
 * the government's executive meeting, with the department providing the
 * necessary funding and working conditions.
 *
 * In JSON: `{"id", "title", "department", "communities", "list", "category",
 * "responsible_subject", "delivery", "legal_review", "approval",
 * "funding_provided", "work_conditions_provided", "one_vote_veto", "state"}`.
 */

struct _CommunityWorkItem
{
  CommunityEntity parent_instance;
};

G_DEFINE_FINAL_TYPE (CommunityWorkItem, community_work_item, COMMUNITY_TYPE_ENTITY)

enum {
  PROP_0,
  PROP_ID,
  PROP_TITLE,
  PROP_DEPARTMENT,
  PROP_COMMUNITIES,
  PROP_LIST,
  PROP_CATEGORY,
  PROP_RESPONSIBLE_SUBJECT,
  PROP_DELIVERY,
  PROP_LEGAL_REVIEW,
  PROP_APPROVAL,
  PROP_FUNDING_PROVIDED,
  PROP_WORK_CONDITIONS_PROVIDED,
  PROP_ONE_VOTE_VETO,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const CommunityField fields[N_PROPS] = {
  [PROP_ID] = { COMMUNITY_FIELD_IDENTITY },
  [PROP_DEPARTMENT] = { COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (DEPARTMENT) },
  [PROP_COMMUNITIES] = { COMMUNITY_FIELD_REFERENCE, COMMUNITY_REF_KIND (COMMUNITY) },
};

static void
community_work_item_class_init (CommunityWorkItemClass *klass)
{
  CommunityEntityClass *entity_class = COMMUNITY_ENTITY_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  entity_class->kind = COMMUNITY_ENTITY_KIND_WORK_ITEM;

  /**
   * CommunityWorkItem:id:
   *
   * The work item's identity. Construct-only.
   */
  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CommunityWorkItem:title:
   *
   * The work item's title.
   */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);

  /**
   * CommunityWorkItem:department:
   *
   * The id of the department (职能部门) that submits the item.
   */
  properties[PROP_DEPARTMENT] = g_param_spec_string ("department", NULL, NULL, NULL, flags);

  /**
   * CommunityWorkItem:communities:
   *
   * The codes of the communities the item applies to; unset means every
   * community.
   */
  properties[PROP_COMMUNITIES] =
    g_param_spec_boxed ("communities", NULL, NULL, G_TYPE_STRV, flags);

  /**
   * CommunityWorkItem:list:
   *
   * Which of the two lists the item is on: the committee's statutory duties
   * (依法履职事项清单), assisting the government (协助政府工作事项清单), or
   * neither (三(一)).
   */
  properties[PROP_LIST] =
    g_param_spec_enum ("list", NULL, NULL,
                       COMMUNITY_TYPE_WORK_LIST, COMMUNITY_WORK_LIST_STATUTORY_DUTIES, flags);

  /**
   * CommunityWorkItem:category:
   *
   * What the item asks of the community.
   */
  properties[PROP_CATEGORY] =
    g_param_spec_enum ("category", NULL, NULL,
                       COMMUNITY_TYPE_WORK_CATEGORY, COMMUNITY_WORK_CATEGORY_SERVICE, flags);

  /**
   * CommunityWorkItem:responsible-subject:
   *
   * Who answers for the item (责任主体). The self-governing organization must
   * not answer for administrative enforcement, demolition, environmental
   * rectification, urban management or investment attraction (不得, 三(一),
   * the rule `work-item.prohibited-subject`).
   */
  properties[PROP_RESPONSIBLE_SUBJECT] =
    g_param_spec_enum ("responsible-subject", NULL, NULL,
                       COMMUNITY_TYPE_RESPONSIBLE_SUBJECT,
                       COMMUNITY_RESPONSIBLE_SUBJECT_COMMUNITY_COMMITTEE,
                       flags);

  /**
   * CommunityWorkItem:delivery:
   *
   * Whether the committee does the work itself or it is delegated by purchase
   * of services (购买服务, 三(一)).
   */
  properties[PROP_DELIVERY] =
    g_param_spec_enum ("delivery", NULL, NULL,
                       COMMUNITY_TYPE_DELIVERY, COMMUNITY_DELIVERY_DIRECT, flags);

  /**
   * CommunityWorkItem:legal-review:
   *
   * The review by the government's legal affairs office (法制办审核), a
   * [class@Community.Review] (三(一)).
   */
  properties[PROP_LEGAL_REVIEW] =
    g_param_spec_object ("legal-review", NULL, NULL, COMMUNITY_TYPE_REVIEW, flags);

  /**
   * CommunityWorkItem:approval:
   *
   * The approval by the party standing committee or the government's executive
   * meeting (研究同意), a [class@Community.Approval] (三(一)).
   */
  properties[PROP_APPROVAL] =
    g_param_spec_object ("approval", NULL, NULL, COMMUNITY_TYPE_APPROVAL, flags);

  /**
   * CommunityWorkItem:funding-provided:
   *
   * Whether the department provides the necessary funding (必要的经费,
   * 三(一)).
   */
  properties[PROP_FUNDING_PROVIDED] =
    g_param_spec_boolean ("funding-provided", NULL, NULL, FALSE, flags);

  /**
   * CommunityWorkItem:work-conditions-provided:
   *
   * Whether the department provides the necessary working conditions
   * (工作条件, 三(一)).
   */
  properties[PROP_WORK_CONDITIONS_PROVIDED] =
    g_param_spec_boolean ("work-conditions-provided", NULL, NULL, FALSE, flags);

  /**
   * CommunityWorkItem:one-vote-veto:
   *
   * Whether the item carries a one-vote veto (一票否决) over the community's
   * assessment, which the policy abolishes (三(一), the rule
   * `work-item.one-vote-veto`).
   */
  properties[PROP_ONE_VOTE_VETO] =
    g_param_spec_boolean ("one-vote-veto", NULL, NULL, FALSE, flags);

  /**
   * CommunityWorkItem:state:
   *
   * Where the item stands in the admission procedure (DOMAIN.md §3).
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       COMMUNITY_TYPE_WORK_ITEM_STATE, COMMUNITY_WORK_ITEM_STATE_SUBMITTED, flags);

  community_record_class_install_fields (COMMUNITY_RECORD_CLASS (klass), N_PROPS, properties, fields);
}

static void
community_work_item_init (CommunityWorkItem *self)
{
}

/**
 * community_work_item_new:
 * @id: the work item's identity
 *
 * Creates a work item with nothing but its identity set.
 *
 * Returns: (transfer full): a new work item
 */
CommunityWorkItem *
community_work_item_new (const char *id)
{
  g_return_val_if_fail (id != NULL, NULL);

  return g_object_new (COMMUNITY_TYPE_WORK_ITEM, "id", id, NULL);
}
