/* community-enums.h: the closed vocabularies of the dataset format
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every value's nick is the string the JSON dataset format uses for it
 * (DOMAIN.md §2), so one table drives parsing, printing and bindings:
 * g_enum_get_value_by_nick() turns a JSON string into a value and back.
 */

#pragma once

#if !defined(COMMUNITY_INSIDE) && !defined(COMMUNITY_COMPILATION)
#error "Only <community/community.h> can be included directly."
#endif

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CommunityEntityKind:
 * @COMMUNITY_ENTITY_KIND_DIVISION: a division (市/区/县/街道/镇), [class@Community.Division]
 * @COMMUNITY_ENTITY_KIND_COMMUNITY: a community or village (社区/村), [class@Community.Community]
 * @COMMUNITY_ENTITY_KIND_GRID: a grid (网格), [class@Community.Grid]
 * @COMMUNITY_ENTITY_KIND_WORKER: a community worker (社区工作者), [class@Community.Worker]
 * @COMMUNITY_ENTITY_KIND_FACILITY: a facility (社区综合服务设施 etc.), [class@Community.Facility]
 * @COMMUNITY_ENTITY_KIND_CONSULTATION: a consultation (社区协商), [class@Community.Consultation]
 * @COMMUNITY_ENTITY_KIND_WORK_ITEM: a work item (社区工作事项), [class@Community.WorkItem]
 * @COMMUNITY_ENTITY_KIND_SOCIAL_ORGANIZATION: a community social organization
 *   (社区社会组织), [class@Community.SocialOrganization]
 * @COMMUNITY_ENTITY_KIND_DEPARTMENT: a responsible unit (责任单位), [class@Community.Department]
 * @COMMUNITY_ENTITY_KIND_TASK: a key task of the annex (重点任务), [class@Community.Task]
 * @COMMUNITY_ENTITY_KIND_FUNDING: a funding record (经费), [class@Community.Funding]
 * @COMMUNITY_ENTITY_KIND_WAGE_BASELINE: an average-wage baseline, [class@Community.WageBaseline]
 * @COMMUNITY_ENTITY_KIND_SURVEY: a survey value (调查值), [class@Community.Survey]
 * @COMMUNITY_ENTITY_KIND_COMMENDATION: a commendation by the city (通报表扬),
 *   [class@Community.Commendation]
 *
 * The kinds of entity a [class@Community.Dataset] holds. The nick is the
 * entity's name in snake case, as a report's `subject.type` spells it.
 */
typedef enum {
  COMMUNITY_ENTITY_KIND_DIVISION,
  COMMUNITY_ENTITY_KIND_COMMUNITY,
  COMMUNITY_ENTITY_KIND_GRID,
  COMMUNITY_ENTITY_KIND_WORKER,
  COMMUNITY_ENTITY_KIND_FACILITY,
  COMMUNITY_ENTITY_KIND_CONSULTATION,
  COMMUNITY_ENTITY_KIND_WORK_ITEM, /*< nick=work_item >*/
  COMMUNITY_ENTITY_KIND_SOCIAL_ORGANIZATION, /*< nick=social_organization >*/
  COMMUNITY_ENTITY_KIND_DEPARTMENT,
  COMMUNITY_ENTITY_KIND_TASK,
  COMMUNITY_ENTITY_KIND_FUNDING,
  COMMUNITY_ENTITY_KIND_WAGE_BASELINE, /*< nick=wage_baseline >*/
  COMMUNITY_ENTITY_KIND_SURVEY,
  COMMUNITY_ENTITY_KIND_COMMENDATION,
} CommunityEntityKind;

/**
 * COMMUNITY_N_ENTITY_KINDS:
 *
 * The number of values of [enum@Community.EntityKind].
 */
#define COMMUNITY_N_ENTITY_KINDS (COMMUNITY_ENTITY_KIND_COMMENDATION + 1)

/**
 * CommunityDivisionLevel:
 * @COMMUNITY_DIVISION_LEVEL_CITY: a prefecture-level city (市)
 * @COMMUNITY_DIVISION_LEVEL_DISTRICT: a district (市辖区)
 * @COMMUNITY_DIVISION_LEVEL_COUNTY: a county-level city or county (县级市)
 * @COMMUNITY_DIVISION_LEVEL_STREET: a subdistrict (街道)
 * @COMMUNITY_DIVISION_LEVEL_TOWN: a town (镇), or a township (乡)
 *
 * The level of a [class@Community.Division] (DOMAIN.md §1).
 */
typedef enum {
  COMMUNITY_DIVISION_LEVEL_CITY,
  COMMUNITY_DIVISION_LEVEL_DISTRICT,
  COMMUNITY_DIVISION_LEVEL_COUNTY,
  COMMUNITY_DIVISION_LEVEL_STREET,
  COMMUNITY_DIVISION_LEVEL_TOWN,
} CommunityDivisionLevel;

/**
 * CommunityCommunityKind:
 * @COMMUNITY_COMMUNITY_KIND_URBAN: an urban community (社区), run by a
 *   residents' committee (居民委员会)
 * @COMMUNITY_COMMUNITY_KIND_RURAL: a rural community or village (村), run by
 *   a villagers' committee (村民委员会)
 *
 * Whether a [class@Community.Community] is urban or rural.
 */
typedef enum {
  COMMUNITY_COMMUNITY_KIND_URBAN,
  COMMUNITY_COMMUNITY_KIND_RURAL,
} CommunityCommunityKind;

/**
 * CommunityCivilizedLevel:
 * @COMMUNITY_CIVILIZED_LEVEL_NONE: not a civilized village
 * @COMMUNITY_CIVILIZED_LEVEL_COUNTY: civilized village at county (市(县)区) level
 * @COMMUNITY_CIVILIZED_LEVEL_CITY: civilized village at city level
 * @COMMUNITY_CIVILIZED_LEVEL_PROVINCE: civilized village at province level
 * @COMMUNITY_CIVILIZED_LEVEL_NATIONAL: civilized village at national level
 *
 * The highest level at which a village was named a civilized village (文明村).
 */
typedef enum {
  COMMUNITY_CIVILIZED_LEVEL_NONE,
  COMMUNITY_CIVILIZED_LEVEL_COUNTY,
  COMMUNITY_CIVILIZED_LEVEL_CITY,
  COMMUNITY_CIVILIZED_LEVEL_PROVINCE,
  COMMUNITY_CIVILIZED_LEVEL_NATIONAL,
} CommunityCivilizedLevel;

/**
 * CommunityServiceModel:
 * @COMMUNITY_SERVICE_MODEL_INTEGRATED: committee and service station integrated
 * @COMMUNITY_SERVICE_MODEL_SEPARATED: committee and station separated (居站分设)
 * @COMMUNITY_SERVICE_MODEL_ONE_STATION_MANY_COMMITTEES: one station serving
 *   several committees (一站多居)
 * @COMMUNITY_SERVICE_MODEL_MULTI_COMMUNITY_CENTER: one center for several
 *   communities (多社区一中心)
 *
 * How a community organizes its services (四(二)).
 */
typedef enum {
  COMMUNITY_SERVICE_MODEL_INTEGRATED,
  COMMUNITY_SERVICE_MODEL_SEPARATED,
  COMMUNITY_SERVICE_MODEL_ONE_STATION_MANY_COMMITTEES, /*< nick=one_station_many_committees >*/
  COMMUNITY_SERVICE_MODEL_MULTI_COMMUNITY_CENTER, /*< nick=multi_community_center >*/
} CommunityServiceModel;

/**
 * CommunityGridKind:
 * @COMMUNITY_GRID_KIND_COMPREHENSIVE: a comprehensive grid (综合网格)
 * @COMMUNITY_GRID_KIND_DEDICATED: a dedicated grid (专属网格)
 *
 * The kind of a [class@Community.Grid] (三(四)).
 */
typedef enum {
  COMMUNITY_GRID_KIND_COMPREHENSIVE,
  COMMUNITY_GRID_KIND_DEDICATED,
} CommunityGridKind;

/**
 * CommunityGridBaseUnit:
 * @COMMUNITY_GRID_BASE_UNIT_RESIDENTIAL: residential quarters or buildings (居民小区(楼栋))
 * @COMMUNITY_GRID_BASE_UNIT_INSTITUTION: government agencies and public
 *   institutions (机关事业单位)
 * @COMMUNITY_GRID_BASE_UNIT_ENTERPRISE_CLUSTER: a cluster of businesses (工商企业集聚地)
 *
 * The basic unit a [class@Community.Grid] is drawn around (三(四)).
 */
typedef enum {
  COMMUNITY_GRID_BASE_UNIT_RESIDENTIAL,
  COMMUNITY_GRID_BASE_UNIT_INSTITUTION,
  COMMUNITY_GRID_BASE_UNIT_ENTERPRISE_CLUSTER, /*< nick=enterprise_cluster >*/
} CommunityGridBaseUnit;

/**
 * CommunityWorkerRoles:
 * @COMMUNITY_WORKER_ROLES_PARTY_SECRETARY: secretary of the community's
 *   party organization (党组织书记)
 * @COMMUNITY_WORKER_ROLES_COMMITTEE_DIRECTOR: director of the residents' or
 *   villagers' committee (主任)
 * @COMMUNITY_WORKER_ROLES_COMMITTEE_MEMBER: committee member (委员)
 * @COMMUNITY_WORKER_ROLES_SOCIAL_WORK_STATION_CHIEF: chief of the social work
 *   station (社工站站长)
 * @COMMUNITY_WORKER_ROLES_COMMUNITY_WORKER: community worker (社区工作者)
 * @COMMUNITY_WORKER_ROLES_GRID_LEADER: grid leader (网格长)
 * @COMMUNITY_WORKER_ROLES_GRID_ADMINISTRATOR: grid administrator (网格管理员)
 * @COMMUNITY_WORKER_ROLES_LEGAL_ADVISOR: legal advisor (法律顾问)
 * @COMMUNITY_WORKER_ROLES_FIRST_SECRETARY: first secretary sent from above (第一书记)
 *
 * The roles a [class@Community.Worker] holds; a worker may hold several.
 * In JSON they are an array of the nicks.
 */
typedef enum {
  COMMUNITY_WORKER_ROLES_PARTY_SECRETARY = 1 << 0, /*< nick=party_secretary >*/
  COMMUNITY_WORKER_ROLES_COMMITTEE_DIRECTOR = 1 << 1, /*< nick=committee_director >*/
  COMMUNITY_WORKER_ROLES_COMMITTEE_MEMBER = 1 << 2, /*< nick=committee_member >*/
  COMMUNITY_WORKER_ROLES_SOCIAL_WORK_STATION_CHIEF = 1 << 3, /*< nick=social_work_station_chief >*/
  COMMUNITY_WORKER_ROLES_COMMUNITY_WORKER = 1 << 4, /*< nick=community_worker >*/
  COMMUNITY_WORKER_ROLES_GRID_LEADER = 1 << 5, /*< nick=grid_leader >*/
  COMMUNITY_WORKER_ROLES_GRID_ADMINISTRATOR = 1 << 6, /*< nick=grid_administrator >*/
  COMMUNITY_WORKER_ROLES_LEGAL_ADVISOR = 1 << 7, /*< nick=legal_advisor >*/
  COMMUNITY_WORKER_ROLES_FIRST_SECRETARY = 1 << 8, /*< nick=first_secretary >*/
} CommunityWorkerRoles;

/**
 * CommunityEmployment:
 * @COMMUNITY_EMPLOYMENT_FULL_TIME: full-time (专职)
 * @COMMUNITY_EMPLOYMENT_PART_TIME: part-time (兼职)
 *
 * How a [class@Community.Worker] is employed.
 */
typedef enum {
  COMMUNITY_EMPLOYMENT_FULL_TIME, /*< nick=full_time >*/
  COMMUNITY_EMPLOYMENT_PART_TIME, /*< nick=part_time >*/
} CommunityEmployment;

/**
 * CommunityCertificate:
 * @COMMUNITY_CERTIFICATE_NONE: no social work certificate
 * @COMMUNITY_CERTIFICATE_ASSISTANT_SOCIAL_WORKER: assistant social worker (助理社会工作师)
 * @COMMUNITY_CERTIFICATE_SOCIAL_WORKER: social worker (社会工作师)
 * @COMMUNITY_CERTIFICATE_SENIOR_SOCIAL_WORKER: senior social worker (高级社会工作师)
 *
 * The social work vocational certificate (职业水平证书) a worker holds.
 */
typedef enum {
  COMMUNITY_CERTIFICATE_NONE,
  COMMUNITY_CERTIFICATE_ASSISTANT_SOCIAL_WORKER, /*< nick=assistant_social_worker >*/
  COMMUNITY_CERTIFICATE_SOCIAL_WORKER, /*< nick=social_worker >*/
  COMMUNITY_CERTIFICATE_SENIOR_SOCIAL_WORKER, /*< nick=senior_social_worker >*/
} CommunityCertificate;

/**
 * CommunityFacilityKind:
 * @COMMUNITY_FACILITY_KIND_COMMUNITY_SERVICE_CENTER: community comprehensive
 *   service facility (社区综合服务设施)
 * @COMMUNITY_FACILITY_KIND_STREET_SERVICE_CENTER: street/town community
 *   service center (街道(镇)级社区综合服务中心)
 * @COMMUNITY_FACILITY_KIND_HOME_CARE_STATION: home-based elderly care station
 *   (居家养老服务站)
 * @COMMUNITY_FACILITY_KIND_CULTURAL_SERVICE_CENTER: comprehensive cultural
 *   service center (综合文化服务中心)
 * @COMMUNITY_FACILITY_KIND_DISABLED_HOME: home for the disabled (残疾人之家)
 * @COMMUNITY_FACILITY_KIND_EMERGENCY_SHELTER: emergency shelter (应急避难场所)
 * @COMMUNITY_FACILITY_KIND_PARTY_GUIDANCE_STATION: guidance station for
 *   grassroots party building (基层党建工作指导站)
 * @COMMUNITY_FACILITY_KIND_SOCIAL_ORG_INCUBATOR: incubator for social
 *   organizations (社会组织孵化基地)
 * @COMMUNITY_FACILITY_KIND_OTHER: any other facility
 *
 * The kind of a [class@Community.Facility].
 */
typedef enum {
  COMMUNITY_FACILITY_KIND_COMMUNITY_SERVICE_CENTER, /*< nick=community_service_center >*/
  COMMUNITY_FACILITY_KIND_STREET_SERVICE_CENTER, /*< nick=street_service_center >*/
  COMMUNITY_FACILITY_KIND_HOME_CARE_STATION, /*< nick=home_care_station >*/
  COMMUNITY_FACILITY_KIND_CULTURAL_SERVICE_CENTER, /*< nick=cultural_service_center >*/
  COMMUNITY_FACILITY_KIND_DISABLED_HOME, /*< nick=disabled_home >*/
  COMMUNITY_FACILITY_KIND_EMERGENCY_SHELTER, /*< nick=emergency_shelter >*/
  COMMUNITY_FACILITY_KIND_PARTY_GUIDANCE_STATION, /*< nick=party_guidance_station >*/
  COMMUNITY_FACILITY_KIND_SOCIAL_ORG_INCUBATOR, /*< nick=social_org_incubator >*/
  COMMUNITY_FACILITY_KIND_OTHER,
} CommunityFacilityKind;

/**
 * CommunityUtilityPricing:
 * @COMMUNITY_UTILITY_PRICING_RESIDENTIAL: residents' prices (居民使用价格)
 * @COMMUNITY_UTILITY_PRICING_COMMERCIAL: commercial prices
 *
 * The tariff a facility pays for water, power, gas and telecoms (四(一)).
 */
typedef enum {
  COMMUNITY_UTILITY_PRICING_RESIDENTIAL,
  COMMUNITY_UTILITY_PRICING_COMMERCIAL,
} CommunityUtilityPricing;

/**
 * CommunityConsultationScope:
 * @COMMUNITY_CONSULTATION_SCOPE_PUBLIC_DECISION: a major decision on the
 *   community's public interest (公共利益重大决策)
 * @COMMUNITY_CONSULTATION_SCOPE_RESIDENT_INTEREST: a matter of residents'
 *   vital interests (居民切身利益)
 * @COMMUNITY_CONSULTATION_SCOPE_DISPUTE: a dispute (矛盾纠纷)
 *
 * What a [class@Community.Consultation] is about (三(三)).
 */
typedef enum {
  COMMUNITY_CONSULTATION_SCOPE_PUBLIC_DECISION, /*< nick=public_decision >*/
  COMMUNITY_CONSULTATION_SCOPE_RESIDENT_INTEREST, /*< nick=resident_interest >*/
  COMMUNITY_CONSULTATION_SCOPE_DISPUTE,
} CommunityConsultationScope;

/**
 * CommunityConsultationMethod:
 * @COMMUNITY_CONSULTATION_METHOD_RESIDENTS_COUNCIL: residents' council (议事会)
 * @COMMUNITY_CONSULTATION_METHOD_RESIDENTS_BOARD: residents' board (理事会)
 * @COMMUNITY_CONSULTATION_METHOD_SENTIMENT_FORUM: public sentiment forum (民情恳谈会)
 * @COMMUNITY_CONSULTATION_METHOD_DEMOCRATIC_EVALUATION: democratic evaluation (民主评议)
 * @COMMUNITY_CONSULTATION_METHOD_OTHER: any other method
 *
 * How a [class@Community.Consultation] is held (三(三)).
 */
typedef enum {
  COMMUNITY_CONSULTATION_METHOD_RESIDENTS_COUNCIL, /*< nick=residents_council >*/
  COMMUNITY_CONSULTATION_METHOD_RESIDENTS_BOARD, /*< nick=residents_board >*/
  COMMUNITY_CONSULTATION_METHOD_SENTIMENT_FORUM, /*< nick=sentiment_forum >*/
  COMMUNITY_CONSULTATION_METHOD_DEMOCRATIC_EVALUATION, /*< nick=democratic_evaluation >*/
  COMMUNITY_CONSULTATION_METHOD_OTHER,
} CommunityConsultationMethod;

/**
 * CommunityConsultationLead:
 * @COMMUNITY_CONSULTATION_LEAD_PARTY_ORGANIZATION: the community's party organization
 * @COMMUNITY_CONSULTATION_LEAD_SELF_GOVERNING_ORGANIZATION: the residents' or
 *   villagers' committee (基层群众性自治组织)
 * @COMMUNITY_CONSULTATION_LEAD_OTHER: anybody else
 *
 * Who leads a [class@Community.Consultation] (`led_by` in JSON).
 */
typedef enum {
  COMMUNITY_CONSULTATION_LEAD_PARTY_ORGANIZATION, /*< nick=party_organization >*/
  COMMUNITY_CONSULTATION_LEAD_SELF_GOVERNING_ORGANIZATION, /*< nick=self_governing_organization >*/
  COMMUNITY_CONSULTATION_LEAD_OTHER,
} CommunityConsultationLead;

/**
 * CommunityConsultationState:
 * @COMMUNITY_CONSULTATION_STATE_PROPOSED: proposed; every history starts here
 * @COMMUNITY_CONSULTATION_STATE_DELIBERATING: under deliberation
 * @COMMUNITY_CONSULTATION_STATE_CONCLUDED: deliberation concluded
 * @COMMUNITY_CONSULTATION_STATE_ADOPTED: the outcome was adopted (采纳)
 * @COMMUNITY_CONSULTATION_STATE_IMPLEMENTED: the outcome was implemented (落实)
 * @COMMUNITY_CONSULTATION_STATE_REJECTED: the outcome was not adopted
 * @COMMUNITY_CONSULTATION_STATE_FEEDBACK_GIVEN: residents were told the
 *   result (反馈)
 * @COMMUNITY_CONSULTATION_STATE_WITHDRAWN: withdrawn before it concluded
 *
 * The states of a [class@Community.Consultation] (DOMAIN.md §3).
 */
typedef enum {
  COMMUNITY_CONSULTATION_STATE_PROPOSED,
  COMMUNITY_CONSULTATION_STATE_DELIBERATING,
  COMMUNITY_CONSULTATION_STATE_CONCLUDED,
  COMMUNITY_CONSULTATION_STATE_ADOPTED,
  COMMUNITY_CONSULTATION_STATE_IMPLEMENTED,
  COMMUNITY_CONSULTATION_STATE_REJECTED,
  COMMUNITY_CONSULTATION_STATE_FEEDBACK_GIVEN, /*< nick=feedback_given >*/
  COMMUNITY_CONSULTATION_STATE_WITHDRAWN,
} CommunityConsultationState;

/**
 * CommunityWorkList:
 * @COMMUNITY_WORK_LIST_STATUTORY_DUTIES: the list of duties the committee
 *   performs by law (依法履职事项清单)
 * @COMMUNITY_WORK_LIST_ASSISTING_GOVERNMENT: the list of work assisting the
 *   government (协助政府工作事项清单)
 * @COMMUNITY_WORK_LIST_NONE: on neither list
 *
 * Which of the “two lists” (两份清单) a [class@Community.WorkItem] is on (三(一)).
 */
typedef enum {
  COMMUNITY_WORK_LIST_STATUTORY_DUTIES, /*< nick=statutory_duties >*/
  COMMUNITY_WORK_LIST_ASSISTING_GOVERNMENT, /*< nick=assisting_government >*/
  COMMUNITY_WORK_LIST_NONE,
} CommunityWorkList;

/**
 * CommunityWorkCategory:
 * @COMMUNITY_WORK_CATEGORY_SERVICE: a service to residents
 * @COMMUNITY_WORK_CATEGORY_DATA_COLLECTION: collecting data
 * @COMMUNITY_WORK_CATEGORY_CERTIFICATION: issuing certificates (出具证明)
 * @COMMUNITY_WORK_CATEGORY_LEDGER: keeping ledgers (台账)
 * @COMMUNITY_WORK_CATEGORY_RATING: ratings and campaigns (创建评比)
 * @COMMUNITY_WORK_CATEGORY_ADMINISTRATIVE_ENFORCEMENT: administrative law
 *   enforcement (行政执法)
 * @COMMUNITY_WORK_CATEGORY_DEMOLITION: demolition (拆迁拆违)
 * @COMMUNITY_WORK_CATEGORY_ENVIRONMENTAL_RECTIFICATION: environmental
 *   rectification (环境整治)
 * @COMMUNITY_WORK_CATEGORY_URBAN_MANAGEMENT: urban management (城市管理)
 * @COMMUNITY_WORK_CATEGORY_INVESTMENT_ATTRACTION: attracting investment (招商引资)
 * @COMMUNITY_WORK_CATEGORY_ASSESSMENT: an assessment of the community's work
 *   (考核); the policy leaves it to the grassroots government alone
 *   (各职能部门不再单独组织考核活动, 三(一))
 * @COMMUNITY_WORK_CATEGORY_OTHER: anything else
 *
 * What a [class@Community.WorkItem] asks of a community.
 */
typedef enum {
  COMMUNITY_WORK_CATEGORY_SERVICE,
  COMMUNITY_WORK_CATEGORY_DATA_COLLECTION, /*< nick=data_collection >*/
  COMMUNITY_WORK_CATEGORY_CERTIFICATION,
  COMMUNITY_WORK_CATEGORY_LEDGER,
  COMMUNITY_WORK_CATEGORY_RATING,
  COMMUNITY_WORK_CATEGORY_ADMINISTRATIVE_ENFORCEMENT, /*< nick=administrative_enforcement >*/
  COMMUNITY_WORK_CATEGORY_DEMOLITION,
  COMMUNITY_WORK_CATEGORY_ENVIRONMENTAL_RECTIFICATION, /*< nick=environmental_rectification >*/
  COMMUNITY_WORK_CATEGORY_URBAN_MANAGEMENT, /*< nick=urban_management >*/
  COMMUNITY_WORK_CATEGORY_INVESTMENT_ATTRACTION, /*< nick=investment_attraction >*/
  COMMUNITY_WORK_CATEGORY_ASSESSMENT,
  COMMUNITY_WORK_CATEGORY_OTHER,
} CommunityWorkCategory;

/**
 * CommunityIssuer:
 * @COMMUNITY_ISSUER_DEPARTMENT: a functional department of the government
 *   (职能部门)
 * @COMMUNITY_ISSUER_GRASSROOTS_GOVERNMENT: the grassroots government, the
 *   street office or town government (基层政府)
 *
 * Who issues a [class@Community.WorkItem] to the communities (`issued_by`).
 * The policy has the grassroots government assess the communities' work as a
 * whole and the departments no longer assess it on their own (三(一)).
 */
typedef enum {
  COMMUNITY_ISSUER_DEPARTMENT,
  COMMUNITY_ISSUER_GRASSROOTS_GOVERNMENT, /*< nick=grassroots_government >*/
} CommunityIssuer;

/**
 * CommunityResponsibleSubject:
 * @COMMUNITY_RESPONSIBLE_SUBJECT_COMMUNITY_COMMITTEE: the self-governing
 *   committee (基层群众性自治组织)
 * @COMMUNITY_RESPONSIBLE_SUBJECT_DEPARTMENT: the department itself
 * @COMMUNITY_RESPONSIBLE_SUBJECT_STREET_OFFICE: the street office or town
 *   government
 *
 * Who answers for a [class@Community.WorkItem] (责任主体).
 */
typedef enum {
  COMMUNITY_RESPONSIBLE_SUBJECT_COMMUNITY_COMMITTEE, /*< nick=community_committee >*/
  COMMUNITY_RESPONSIBLE_SUBJECT_DEPARTMENT,
  COMMUNITY_RESPONSIBLE_SUBJECT_STREET_OFFICE, /*< nick=street_office >*/
} CommunityResponsibleSubject;

/**
 * CommunityDelivery:
 * @COMMUNITY_DELIVERY_DIRECT: the committee does the work itself
 * @COMMUNITY_DELIVERY_PURCHASED_SERVICE: delegated by purchase of services (购买服务)
 *
 * How a [class@Community.WorkItem] reaches the community (三(一)).
 */
typedef enum {
  COMMUNITY_DELIVERY_DIRECT,
  COMMUNITY_DELIVERY_PURCHASED_SERVICE, /*< nick=purchased_service >*/
} CommunityDelivery;

/**
 * CommunityApprovalBody:
 * @COMMUNITY_APPROVAL_BODY_PARTY_STANDING_COMMITTEE: a meeting of the party
 *   committee's standing committee (党委常委会会议)
 * @COMMUNITY_APPROVAL_BODY_GOVERNMENT_EXECUTIVE_MEETING: an executive meeting
 *   of the government (政府常务会议)
 *
 * The body that approves a work item outside the two lists (三(一)).
 */
typedef enum {
  COMMUNITY_APPROVAL_BODY_PARTY_STANDING_COMMITTEE, /*< nick=party_standing_committee >*/
  COMMUNITY_APPROVAL_BODY_GOVERNMENT_EXECUTIVE_MEETING, /*< nick=government_executive_meeting >*/
} CommunityApprovalBody;

/**
 * CommunityWorkItemState:
 * @COMMUNITY_WORK_ITEM_STATE_SUBMITTED: submitted by the department (申报)
 * @COMMUNITY_WORK_ITEM_STATE_LEGAL_REVIEW: under review by the legal affairs
 *   office (法制办审核)
 * @COMMUNITY_WORK_ITEM_STATE_COMMITTEE_REVIEW: before the standing committee
 *   or executive meeting
 * @COMMUNITY_WORK_ITEM_STATE_ADMITTED: admitted into the community (准入)
 * @COMMUNITY_WORK_ITEM_STATE_REJECTED: refused by either review
 *
 * The admission states of a [class@Community.WorkItem] (DOMAIN.md §3).
 */
typedef enum {
  COMMUNITY_WORK_ITEM_STATE_SUBMITTED,
  COMMUNITY_WORK_ITEM_STATE_LEGAL_REVIEW, /*< nick=legal_review >*/
  COMMUNITY_WORK_ITEM_STATE_COMMITTEE_REVIEW, /*< nick=committee_review >*/
  COMMUNITY_WORK_ITEM_STATE_ADMITTED,
  COMMUNITY_WORK_ITEM_STATE_REJECTED,
} CommunityWorkItemState;

/**
 * CommunityActivities:
 * @COMMUNITY_ACTIVITIES_LEGAL_PUBLICITY: legal publicity (法治宣传)
 * @COMMUNITY_ACTIVITIES_DISPUTE_MEDIATION: dispute mediation (纠纷调解)
 * @COMMUNITY_ACTIVITIES_HEALTH_ELDERLY_CARE: health and elderly care (健康养老)
 * @COMMUNITY_ACTIVITIES_EDUCATION_TRAINING: education and training (教育培训)
 * @COMMUNITY_ACTIVITIES_CHARITY: charity (公益慈善)
 * @COMMUNITY_ACTIVITIES_DISASTER_PREVENTION: disaster prevention (防灾减灾)
 * @COMMUNITY_ACTIVITIES_CULTURE_SPORTS: culture, sports and leisure (文体娱乐)
 * @COMMUNITY_ACTIVITIES_NEIGHBOURLY_HELP: neighbourly help (邻里互助)
 * @COMMUNITY_ACTIVITIES_RESIDENT_INTEGRATION: integration of newcomers (居民融入)
 * @COMMUNITY_ACTIVITIES_RURAL_PRODUCTION_TECHNOLOGY: rural production
 *   technology services (农村生产技术服务)
 *
 * What a [class@Community.SocialOrganization] does (二(四)); an array of
 * nicks in JSON.
 */
typedef enum {
  COMMUNITY_ACTIVITIES_LEGAL_PUBLICITY = 1 << 0, /*< nick=legal_publicity >*/
  COMMUNITY_ACTIVITIES_DISPUTE_MEDIATION = 1 << 1, /*< nick=dispute_mediation >*/
  COMMUNITY_ACTIVITIES_HEALTH_ELDERLY_CARE = 1 << 2, /*< nick=health_elderly_care >*/
  COMMUNITY_ACTIVITIES_EDUCATION_TRAINING = 1 << 3, /*< nick=education_training >*/
  COMMUNITY_ACTIVITIES_CHARITY = 1 << 4,
  COMMUNITY_ACTIVITIES_DISASTER_PREVENTION = 1 << 5, /*< nick=disaster_prevention >*/
  COMMUNITY_ACTIVITIES_CULTURE_SPORTS = 1 << 6, /*< nick=culture_sports >*/
  COMMUNITY_ACTIVITIES_NEIGHBOURLY_HELP = 1 << 7, /*< nick=neighbourly_help >*/
  COMMUNITY_ACTIVITIES_RESIDENT_INTEGRATION = 1 << 8, /*< nick=resident_integration >*/
  COMMUNITY_ACTIVITIES_RURAL_PRODUCTION_TECHNOLOGY = 1 << 9, /*< nick=rural_production_technology >*/
} CommunityActivities;

/**
 * CommunityServedGroups:
 * @COMMUNITY_SERVED_GROUPS_ELDERLY: the elderly (老年人)
 * @COMMUNITY_SERVED_GROUPS_CHILDREN: children (儿童)
 * @COMMUNITY_SERVED_GROUPS_DISABLED: people with disabilities (残疾人)
 * @COMMUNITY_SERVED_GROUPS_POOR_FAMILIES: families in difficulty (困难家庭)
 *
 * The groups a [class@Community.SocialOrganization] serves; an array of nicks
 * in JSON (`serves`).
 */
typedef enum {
  COMMUNITY_SERVED_GROUPS_ELDERLY = 1 << 0,
  COMMUNITY_SERVED_GROUPS_CHILDREN = 1 << 1,
  COMMUNITY_SERVED_GROUPS_DISABLED = 1 << 2,
  COMMUNITY_SERVED_GROUPS_POOR_FAMILIES = 1 << 3, /*< nick=poor_families >*/
} CommunityServedGroups;

/**
 * CommunityDepartmentKind:
 * @COMMUNITY_DEPARTMENT_KIND_PARTY_DEPARTMENT: a department of the party
 *   committee (e.g. 市委组织部)
 * @COMMUNITY_DEPARTMENT_KIND_GOVERNMENT_DEPARTMENT: a government department
 *   (e.g. 市民政局)
 * @COMMUNITY_DEPARTMENT_KIND_MASS_ORGANIZATION: a mass organization (群团,
 *   e.g. 市妇联)
 * @COMMUNITY_DEPARTMENT_KIND_DISTRICT_COLLECTIVE: the party committees or
 *   governments of all districts and counties (各市(县)区委/政府)
 * @COMMUNITY_DEPARTMENT_KIND_GENERIC: “other relevant city departments” (市相关部门)
 *
 * The kind of a [class@Community.Department].
 */
typedef enum {
  COMMUNITY_DEPARTMENT_KIND_PARTY_DEPARTMENT, /*< nick=party_department >*/
  COMMUNITY_DEPARTMENT_KIND_GOVERNMENT_DEPARTMENT, /*< nick=government_department >*/
  COMMUNITY_DEPARTMENT_KIND_MASS_ORGANIZATION, /*< nick=mass_organization >*/
  COMMUNITY_DEPARTMENT_KIND_DISTRICT_COLLECTIVE, /*< nick=district_collective >*/
  COMMUNITY_DEPARTMENT_KIND_GENERIC,
} CommunityDepartmentKind;

/**
 * CommunityFundingPurpose:
 * @COMMUNITY_FUNDING_PURPOSE_COMMUNITY_OPERATIONS: basic operating funds of a
 *   community (社区基本运转经费)
 * @COMMUNITY_FUNDING_PURPOSE_INNOVATION_AWARDS: awards and subsidies for
 *   innovation projects (创新项目奖补)
 * @COMMUNITY_FUNDING_PURPOSE_WEAK_AREA_SUBSIDY: subsidies to areas of weak
 *   public finances (财力相对薄弱地区补助), which the city's 10 million yuan a
 *   year covers together with the innovation awards (六(二))
 * @COMMUNITY_FUNDING_PURPOSE_OTHER: any other purpose
 *
 * What a [class@Community.Funding] record pays for (六(二)).
 */
typedef enum {
  COMMUNITY_FUNDING_PURPOSE_COMMUNITY_OPERATIONS, /*< nick=community_operations >*/
  COMMUNITY_FUNDING_PURPOSE_INNOVATION_AWARDS, /*< nick=innovation_awards >*/
  COMMUNITY_FUNDING_PURPOSE_WEAK_AREA_SUBSIDY, /*< nick=weak_area_subsidy >*/
  COMMUNITY_FUNDING_PURPOSE_OTHER,
} CommunityFundingPurpose;

/**
 * CommunityCommendationKind:
 * @COMMUNITY_COMMENDATION_KIND_PARTY_ORGANIZATION: a community's party
 *   organization (or residents' committee), 社区党组织(居委会); the subject
 *   is a community code
 * @COMMUNITY_COMMENDATION_KIND_PARTY_SECRETARY: a community party
 *   secretary (社区党组织书记); the subject is a worker id
 * @COMMUNITY_COMMENDATION_KIND_FULL_TIME_WORKER: a full-time community
 *   worker (社区专职工作者); the subject is a worker id
 *
 * Whom a [class@Community.Commendation] commends: the city commends ten of
 * each every year (市级每年通报表扬, 六(三)).
 */
typedef enum {
  COMMUNITY_COMMENDATION_KIND_PARTY_ORGANIZATION, /*< nick=party_organization >*/
  COMMUNITY_COMMENDATION_KIND_PARTY_SECRETARY, /*< nick=party_secretary >*/
  COMMUNITY_COMMENDATION_KIND_FULL_TIME_WORKER, /*< nick=full_time_worker >*/
} CommunityCommendationKind;

/**
 * CommunitySeverity:
 * @COMMUNITY_SEVERITY_INFO: the policy encourages it (有条件的…应, 鼓励)
 * @COMMUNITY_SEVERITY_WARNING: the policy expects it as a rule of thumb
 *   (一般以…为宜, 原则上)
 * @COMMUNITY_SEVERITY_ERROR: the policy requires it (不低于, 每…配备, 不得, 须)
 *
 * How serious a [class@Community.Finding] is, following the modality of the
 * clause it enforces (DOMAIN.md §4). Values are ordered: a higher value is
 * more serious.
 */
typedef enum {
  COMMUNITY_SEVERITY_INFO,
  COMMUNITY_SEVERITY_WARNING,
  COMMUNITY_SEVERITY_ERROR,
} CommunitySeverity;

G_END_DECLS
