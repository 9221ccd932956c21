/* community-annex.c: the policy's annex of key tasks (附件 重点任务分工)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The data is lib/data/annex.json, compiled into the library as the
 * GResource /org/libcommunity/data/annex.json. It is a document of the
 * dataset format, so the ordinary reader (lib/json/) turns it into objects;
 * its one extra member, "annex_notes", lists the slips of the source (see
 * CommunityAnnexNote) and is read here, not by the dataset.
 *
 * How the data was taken from the policy's annex:
 *
 * - Every row's units (负责单位) are split at “、”, at the ASCII “,” that
 *   rows 3, 6, 7, 20 and 25 use before 各市(县)区委/政府, and at “及”
 *   (row 16: 市司法局及市相关部门 is two units). A department's id and name
 *   are the unit's name as the annex writes it, half-width parentheses
 *   included.
 * - Every row keeps its units exactly as written (DOMAIN.md §8): 39 of 39
 *   rows are literal. 市委政法委(市综治办) (rows 16, 32) is one unit under
 *   two names: the department 市委政法委, whose aliases are 市综治办 and the
 *   annex's own spelling 市委政法委(市综治办). Row 20 writes 市综治办 alone
 *   (a note says so). References resolve by id, then name, then alias
 *   ([method@Community.Dataset.find_department]), so every row's units
 *   name departments and the normalised lead unit is
 *   [method@Community.Dataset.get_task_lead]'s.
 * - Slips are kept as written and noted: 市经信息委 (row 31) stays a
 *   department of its own, as does 市有关部门 (row 30, where other rows say
 *   市相关部门); the task texts of rows 7 (大部制) and 38 (治理服务) stay as
 *   the annex words them.
 * - A task's clause is the section of the policy's body its text restates.
 *   Row 27 restates two: its first sentence is 四(四), its second (the yearly
 *   commendations) 六(三); it cites 四(四), the clause of its first sentence
 *   and of its units' work.
 *
 * Department kinds, where the vocabulary leaves room for doubt:
 *
 * - The vocabulary splits the organs of the party committee from those of
 *   the state. 市纪委 (the party's discipline commission) is a
 *   party_department. 市监委, the supervisory commission, works together
 *   with it (合署办公) but is a state organ, set up by the people's congress
 *   (Constitution, art. 123), so it is a government_department: the kind
 *   names the state side here, although a supervisory commission is not
 *   part of the people's government in the narrow sense.
 * - 市编办 and 市委改革办 answer to the party committee: party_department.
 * - 市文明办, the office of the committee for spiritual civilization, sits
 *   in the party's publicity department: party_department.
 * - 市委农办 is the party committee's rural work office (party_department);
 *   市农委 the government's agriculture commission (government_department).
 * - 市政务办, 市法制办, 市扶贫办 and 市人防办 are offices of the
 *   government: government_department.
 * - 市残联, like 市妇联 and 团市委, is a people's organization (群团):
 *   mass_organization.
 * - 各市(县)区委 and 各市(县)区政府 are district_collective; 市相关部门 and
 *   市有关部门 are generic.
 */

#include "config.h"

#include "community-annex.h"
#include "community-error.h"
#include "community-entity-private.h"
#include "json/community-json-private.h"

#define ANNEX_RESOURCE "/org/libcommunity/data/annex.json"
#define NOTES_MEMBER "annex_notes"

/**
 * CommunityAnnexNote:
 *
 * A slip of the policy's annex (附件 重点任务分工) that the library's
 * built-in copy of it keeps as written: a unit named differently from the
 * other rows, or a task worded differently from the clause it restates.
 * [func@Community.annex_list_notes] lists them, so that a data-quality check
 * can surface them rather than hide them.
 *
 * A note is immutable.
 */

struct _CommunityAnnexNote
{
  GObject parent_instance;

  guint task;
  char *kind;
  char *text;
  char *suggestion;
};

G_DEFINE_FINAL_TYPE (CommunityAnnexNote, community_annex_note, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TASK,
  PROP_KIND,
  PROP_TEXT,
  PROP_SUGGESTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
community_annex_note_finalize (GObject *object)
{
  CommunityAnnexNote *self = COMMUNITY_ANNEX_NOTE (object);

  g_free (self->kind);
  g_free (self->text);
  g_free (self->suggestion);

  G_OBJECT_CLASS (community_annex_note_parent_class)->finalize (object);
}

static void
community_annex_note_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  CommunityAnnexNote *self = COMMUNITY_ANNEX_NOTE (object);

  switch (prop_id)
    {
    case PROP_TASK:
      g_value_set_uint (value, self->task);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_SUGGESTION:
      g_value_set_string (value, self->suggestion);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_annex_note_class_init (CommunityAnnexNoteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = community_annex_note_finalize;
  object_class->get_property = community_annex_note_get_property;

  /**
   * CommunityAnnexNote:task:
   *
   * The number of the task (the annex's row) the note is about.
   */
  properties[PROP_TASK] =
    g_param_spec_uint ("task", NULL, NULL, 0, G_MAXUINT32, 0, flags);

  /**
   * CommunityAnnexNote:kind:
   *
   * What kind of slip it is: `unit_name` (a unit named differently from
   * every other row), `unit_alias` (a unit named by its second name only) or
   * `wording` (the task worded differently from the clause it restates).
   */
  properties[PROP_KIND] =
    g_param_spec_string ("kind", NULL, NULL, NULL, flags);

  /**
   * CommunityAnnexNote:text:
   *
   * What the slip is and how the library's data treats it, in English.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL, flags);

  /**
   * CommunityAnnexNote:suggestion:
   *
   * What the annex presumably meant, in its own words, or %NULL if there is
   * no suggestion.
   */
  properties[PROP_SUGGESTION] =
    g_param_spec_string ("suggestion", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
community_annex_note_init (CommunityAnnexNote *self)
{
}

/**
 * community_annex_note_get_task:
 * @self: a note
 *
 * Gets the number of the task the note is about.
 *
 * Returns: the task's number, from 1
 */
guint
community_annex_note_get_task (CommunityAnnexNote *self)
{
  g_return_val_if_fail (COMMUNITY_IS_ANNEX_NOTE (self), 0);

  return self->task;
}

/**
 * community_annex_note_get_kind:
 * @self: a note
 *
 * Gets what kind of slip the note describes; see
 * [property@Community.AnnexNote:kind].
 *
 * Returns: (transfer none): `unit_name`, `unit_alias` or `wording`
 */
const char *
community_annex_note_get_kind (CommunityAnnexNote *self)
{
  g_return_val_if_fail (COMMUNITY_IS_ANNEX_NOTE (self), NULL);

  return self->kind;
}

/**
 * community_annex_note_get_text:
 * @self: a note
 *
 * Gets the description of the slip, in English.
 *
 * Returns: (transfer none): the description
 */
const char *
community_annex_note_get_text (CommunityAnnexNote *self)
{
  g_return_val_if_fail (COMMUNITY_IS_ANNEX_NOTE (self), NULL);

  return self->text;
}

/**
 * community_annex_note_get_suggestion:
 * @self: a note
 *
 * Gets what the annex presumably meant, e.g. 市经信委 for 市经信息委.
 *
 * Returns: (transfer none) (nullable): the suggestion, or %NULL
 */
const char *
community_annex_note_get_suggestion (CommunityAnnexNote *self)
{
  g_return_val_if_fail (COMMUNITY_IS_ANNEX_NOTE (self), NULL);

  return self->suggestion;
}

/* The annex document as compiled into the library. */
static JsonNode *
read_annex (GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data;
  gsize length;

  bytes = g_resources_lookup_data (ANNEX_RESOURCE, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &length);
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX,
                   "(root): the built-in annex is not a JSON document: %s",
                   local_error != NULL ? local_error->message : "it is empty");
      return NULL;
    }

  return json_parser_steal_root (parser);
}

/* The annex as a plain dataset document: @root without its notes. */
static JsonNode *
dataset_document (JsonNode *root)
{
  JsonObject *object;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  JsonNode *node;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    return json_node_ref (root);  /* the reader says what is wrong */

  object = json_object_new ();
  json_object_iter_init_ordered (&iter, json_node_get_object (root));
  while (json_object_iter_next_ordered (&iter, &name, &member))
    if (!g_str_equal (name, NOTES_MEMBER))
      json_object_set_member (object, name, json_node_copy (member));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, object);
  return node;
}

/**
 * community_annex_new_dataset:
 * @error: return location for a [error@Community.ParseError] or a
 *   [error@Gio.ResourceError]
 *
 * Creates a dataset holding the policy's annex (附件 重点任务分工): its 39
 * key tasks ([class@Community.Task]) and the units responsible for them
 * ([class@Community.Department]), each task's units in the annex's order,
 * the lead unit (牵头单位) first.
 *
 * A department's id is the unit's name as the annex writes it, e.g.
 * `市民政局` or `各市(县)区政府`; a task's identity is its row number. Slips
 * of the source are kept as written; [func@Community.annex_list_notes] lists
 * them.
 *
 * Returns: (transfer full) (nullable): a new dataset, or %NULL if the
 *   library's built-in copy of the annex is damaged
 */
CommunityDataset *
community_annex_new_dataset (GError **error)
{
  g_autoptr(CommunityDataset) dataset = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) document = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  root = read_annex (error);
  if (root == NULL)
    return NULL;

  document = dataset_document (root);
  dataset = community_dataset_new ();
  if (!community_dataset_load_from_node (dataset, document, error))
    return NULL;

  return g_steal_pointer (&dataset);
}

/* The kinds of entity the annex holds, in the order they are added. */
static const CommunityEntityKind annex_kinds[] = {
  COMMUNITY_ENTITY_KIND_DEPARTMENT,
  COMMUNITY_ENTITY_KIND_TASK,
};

/**
 * community_annex_add_to:
 * @dataset: a dataset
 * @error: return location for a [error@Community.DatasetError] (or, if
 *   the library's built-in copy of the annex is damaged, a
 *   [error@Community.ParseError] or a [error@Gio.ResourceError])
 *
 * Adds the annex's departments and tasks (see
 * [func@Community.annex_new_dataset]) to a dataset, after what it holds.
 *
 * A department or task the dataset already holds with the same identity
 * (department id, task number) is kept when it is equal to the annex's
 * ([method@Community.Record.equal]), so the annex can be added to a dataset
 * that already names some of its units, as the sample does. Either
 * everything else is added or nothing is: if any of them differs from the
 * annex's, the call fails with %COMMUNITY_DATASET_ERROR_DUPLICATE, its
 * message naming each one that differs, and the dataset is left as it was.
 *
 * Returns: %TRUE if the annex was added
 */
gboolean
community_annex_add_to (CommunityDataset  *dataset,
                        GError           **error)
{
  CommunityDatasetContents contents;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonNode) document = NULL;
  CommunityJsonSource *source;
  g_autoptr(GString) differing = g_string_new (NULL);
  g_autoptr(GPtrArray) to_add = g_ptr_array_new ();
  guint n_differing = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (dataset), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  root = read_annex (error);
  if (root == NULL)
    return FALSE;

  document = dataset_document (root);
  source = community_json_node_source_new (document);
  ok = community_json_walk_dataset (source, &contents, error);
  community_json_source_free (source);
  if (!ok)
    return FALSE;

  /* Check everything first, so that a refusal adds nothing. */
  for (guint k = 0; k < G_N_ELEMENTS (annex_kinds); k++)
    {
      GPtrArray *entities = contents.entities[annex_kinds[k]];

      for (guint i = 0; entities != NULL && i < entities->len; i++)
        {
          CommunityEntity *entity = g_ptr_array_index (entities, i);
          const char *identity = community_entity_get_identity (entity);
          CommunityEntity *held = community_dataset_lookup (dataset, annex_kinds[k], identity);

          if (held == NULL)
            g_ptr_array_add (to_add, entity);
          else if (!community_record_equal (COMMUNITY_RECORD (held), COMMUNITY_RECORD (entity)))
            {
              g_string_append_printf (differing, "%s%s “%s”", n_differing > 0 ? ", " : "",
                                      annex_kinds[k] == COMMUNITY_ENTITY_KIND_TASK ? "task" : "department",
                                      identity);
              n_differing++;
            }
        }
    }

  if (n_differing > 0)
    {
      g_set_error (error, COMMUNITY_DATASET_ERROR, COMMUNITY_DATASET_ERROR_DUPLICATE,
                   "The dataset already holds, and differently from the annex, %s: nothing was added",
                   differing->str);
      ok = FALSE;
    }

  /* Checked above: only a handler of items-changed that adds a clashing
   * entity meanwhile could make an add fail. */
  for (guint i = 0; ok && i < to_add->len; i++)
    ok = community_dataset_add (dataset, g_ptr_array_index (to_add, i), error);

  community_dataset_contents_clear (&contents);
  return ok;
}

static gboolean
read_note (JsonNode            *node,
           CommunityAnnexNote **out)
{
  g_autoptr(CommunityAnnexNote) note = NULL;
  JsonObject *object;
  JsonNode *suggestion;
  gint64 task;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  object = json_node_get_object (node);
  task = json_object_get_int_member_with_default (object, "task", 0);
  if (task < 1 || task > G_MAXUINT32 ||
      json_object_get_string_member_with_default (object, "kind", NULL) == NULL ||
      json_object_get_string_member_with_default (object, "text", NULL) == NULL)
    return FALSE;

  note = g_object_new (COMMUNITY_TYPE_ANNEX_NOTE, NULL);
  note->task = (guint) task;
  note->kind = g_strdup (json_object_get_string_member (object, "kind"));
  note->text = g_strdup (json_object_get_string_member (object, "text"));
  suggestion = json_object_get_member (object, "suggestion");
  if (suggestion != NULL && !JSON_NODE_HOLDS_NULL (suggestion))
    {
      if (json_node_get_value_type (suggestion) != G_TYPE_STRING)
        return FALSE;
      note->suggestion = g_strdup (json_node_get_string (suggestion));
    }

  *out = g_steal_pointer (&note);
  return TRUE;
}

/**
 * community_annex_list_notes:
 *
 * Lists the slips of the policy's annex that the library's copy keeps as
 * written, in the order of the tasks they are about: a unit named
 * differently from every other row (row 31's 市经信息委 for 市经信委), a unit
 * named by its second name alone (row 20's 市综治办), a task worded
 * differently from the clause it restates (row 7's 大部制 for 大办制).
 *
 * Returns: (transfer full): a list of [class@Community.AnnexNote]
 */
GListModel *
community_annex_list_notes (void)
{
  g_autoptr(GListStore) store = g_list_store_new (COMMUNITY_TYPE_ANNEX_NOTE);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *member = NULL;
  JsonArray *notes;

  root = read_annex (&error);
  if (root == NULL)
    {
      g_critical ("The built-in annex cannot be read: %s", error->message);
      return G_LIST_MODEL (g_steal_pointer (&store));
    }

  if (JSON_NODE_HOLDS_OBJECT (root))
    member = json_object_get_member (json_node_get_object (root), NOTES_MEMBER);
  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    {
      g_critical ("The built-in annex has no array “" NOTES_MEMBER "”");
      return G_LIST_MODEL (g_steal_pointer (&store));
    }

  notes = json_node_get_array (member);

  for (guint i = 0; i < json_array_get_length (notes); i++)
    {
      g_autoptr(CommunityAnnexNote) note = NULL;

      if (!read_note (json_array_get_element (notes, i), &note))
        {
          g_critical ("/" NOTES_MEMBER "/%u of the built-in annex is not a note", i);
          continue;
        }
      g_list_store_append (store, note);
    }

  return G_LIST_MODEL (g_steal_pointer (&store));
}

/* The ids of a task's units, in order; NULL when it names none. */
static const char * const *
task_unit_ids (CommunityTask *task)
{
  const CommunityFieldTable *table = community_record_get_fields (COMMUNITY_RECORD (task));
  guint id = GPOINTER_TO_UINT (g_hash_table_lookup (table->by_json_name, "departments"));
  const GValue *value;

  g_assert (id != 0);

  value = community_record_peek (COMMUNITY_RECORD (task), id);
  return value != NULL ? g_value_get_boxed (value) : NULL;
}

/**
 * community_dataset_get_task_lead:
 * @self: a dataset
 * @task: a task, usually one of @self's
 *
 * Finds a task's lead unit (牵头单位): the first of its
 * [property@Community.Task:departments], as the annex says (注:
 * 责任分工排名在前的为牵头单位).
 *
 * The unit is written as the annex writes it and resolves by id, then by
 * name, then by alias ([method@Community.Dataset.find_department]): task 20's
 * `市综治办` is the department `市委政法委`.
 *
 * Returns: (transfer none) (nullable): the lead unit, or %NULL if the task
 *   names no unit or the first one names no department of @self
 */
CommunityDepartment *
community_dataset_get_task_lead (CommunityDataset *self,
                                 CommunityTask    *task)
{
  const char * const *ids;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (COMMUNITY_IS_TASK (task), NULL);

  ids = task_unit_ids (task);
  if (ids == NULL || ids[0] == NULL)
    return NULL;

  return community_dataset_find_department (self, ids[0]);
}

/**
 * community_dataset_list_task_units:
 * @self: a dataset
 * @task: a task, usually one of @self's
 *
 * Lists a task's responsible units (负责单位) in the annex's order: the lead
 * unit first (see [method@Community.Dataset.get_task_lead]), then the
 * co-units, each resolved as [method@Community.Dataset.find_department]
 * resolves it. A unit that names no department of @self is skipped; the
 * rule `ref.unresolved` reports it.
 *
 * Returns: (transfer container) (element-type CommunityDepartment): the
 *   departments of @task, in order
 */
GPtrArray *
community_dataset_list_task_units (CommunityDataset *self,
                                   CommunityTask    *task)
{
  const char * const *ids;
  GPtrArray *result;

  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (COMMUNITY_IS_TASK (task), NULL);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  ids = task_unit_ids (task);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      CommunityDepartment *department = community_dataset_find_department (self, ids[i]);

      if (department != NULL)
        g_ptr_array_add (result, g_object_ref (department));
    }

  return result;
}

/* The tasks of @self that name @department_id first (@lead_only) or
 * anywhere, in dataset order. */
static GPtrArray *
filter_tasks (CommunityDataset *self,
              const char       *department_id,
              gboolean          lead_only)
{
  GListModel *tasks = community_dataset_get_items (self, COMMUNITY_ENTITY_KIND_TASK);
  guint n_items = g_list_model_get_n_items (tasks);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_object_unref);
  CommunityDepartment *department = community_dataset_find_department (self, department_id);

  for (guint i = 0; i < n_items; i++)
    {
      CommunityTask *task = g_list_model_get_item (tasks, i);
      const char * const *ids = task_unit_ids (task);
      gboolean match = FALSE;

      /* A unit matches when it is written as @department_id or names the
       * same department (市综治办 and 市委政法委 are one unit). */
      for (guint u = 0; ids != NULL && ids[u] != NULL && !match && (u == 0 || !lead_only); u++)
        match = g_str_equal (ids[u], department_id) ||
                (department != NULL && community_dataset_find_department (self, ids[u]) == department);

      if (match)
        g_ptr_array_add (result, task);
      else
        g_object_unref (task);
    }

  return result;
}

/**
 * community_dataset_list_tasks_led_by:
 * @self: a dataset
 * @department_id: the id, name or alias of a department, e.g. `市民政局`
 *
 * Lists the tasks a department leads: those that name it first among their
 * units, by any of its names.
 *
 * Returns: (transfer container) (element-type CommunityTask): the tasks led
 *   by @department_id, in dataset order
 */
GPtrArray *
community_dataset_list_tasks_led_by (CommunityDataset *self,
                                     const char       *department_id)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (department_id != NULL, NULL);

  return filter_tasks (self, department_id, TRUE);
}

/**
 * community_dataset_list_tasks_of:
 * @self: a dataset
 * @department_id: the id, name or alias of a department, e.g. `市民政局`
 *
 * Lists the tasks a department takes part in: those that name it (by any of
 * its names) among their units in any position, the ones it leads included (see
 * [method@Community.Dataset.list_tasks_led_by] for those alone).
 *
 * Returns: (transfer container) (element-type CommunityTask): the tasks of
 *   @department_id, in dataset order
 */
GPtrArray *
community_dataset_list_tasks_of (CommunityDataset *self,
                                 const char       *department_id)
{
  g_return_val_if_fail (COMMUNITY_IS_DATASET (self), NULL);
  g_return_val_if_fail (department_id != NULL, NULL);

  return filter_tasks (self, department_id, FALSE);
}
