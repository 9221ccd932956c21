/* test-annex.c: the built-in annex of key tasks (附件 重点任务分工)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The expected values below were read by hand from the policy's annex
 * (shared/seed/000_e12bd7cabafe654c.txt, the table after “附件:重点任务分工”),
 * not computed from lib/data/annex.json.
 */

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "test-common.h"

/* 市民政局 in the annex's 39 unit lists, counted by hand, row by row:
 *
 * It leads (is named first in) 9 tasks: 8, 9, 10, 12, 13, 14, 28, 30, 38.
 *
 * It is named after the lead in 18 more: 7 (third), 11, 15, 16, 17, 18, 19,
 * 20, 23, 24, 25, 26, 27, 29, 35 (last of six), 36, 37, 39; so it takes
 * part in 27 tasks in all: 7–20 (14 rows), 23–30 (8 rows), 35–39 (5 rows).
 *
 * It is absent from the other 12: 1, 2, 3, 4, 5, 6, 21, 22, 31, 32, 33, 34
 * (27 + 12 = 39).
 */
static const guint civil_affairs_led[] = { 8, 9, 10, 12, 13, 14, 28, 30, 38 };
static const guint civil_affairs_of[] = {
  7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
  23, 24, 25, 26, 27, 28, 29, 30,
  35, 36, 37, 38, 39,
};

static CommunityDataset *
new_annex (void)
{
  GError *error = NULL;
  CommunityDataset *dataset = community_annex_new_dataset (&error);

  ck_assert_msg (dataset != NULL, "the annex does not load: %s",
                 error != NULL ? error->message : "(no error)");
  ck_assert_ptr_null (error);
  return dataset;
}

static CommunityTask *
get_task (CommunityDataset *dataset,
          guint             number)
{
  CommunityTask *task = community_dataset_get_task (dataset, number);

  ck_assert_msg (task != NULL, "there is no task %u", number);
  return task;
}

static char *
dup_string (gpointer    object,
            const char *property)
{
  char *value = NULL;

  g_object_get (object, property, &value, NULL);
  return value;
}

/* Asserts that @units (of CommunityDepartment) have the ids @expected. */
static void
assert_department_ids (GPtrArray          *units,
                       const char * const *expected)
{
  guint n_expected = g_strv_length ((char **) expected);

  ck_assert_uint_eq (units->len, n_expected);
  for (guint i = 0; i < units->len; i++)
    {
      CommunityEntity *unit = g_ptr_array_index (units, i);

      ck_assert_msg (COMMUNITY_IS_DEPARTMENT (unit), "unit %u is not a department", i);
      ck_assert_str_eq (community_entity_get_identity (unit), expected[i]);
    }
}

/* Asserts that @tasks (of CommunityTask) have the numbers @expected. */
static void
assert_task_numbers (GPtrArray   *tasks,
                     const guint *expected,
                     guint        n_expected)
{
  ck_assert_uint_eq (tasks->len, n_expected);
  for (guint i = 0; i < tasks->len; i++)
    {
      guint number = 0;

      g_object_get (g_ptr_array_index (tasks, i), "number", &number, NULL);
      ck_assert_uint_eq (number, expected[i]);
    }
}

START_TEST (test_all_tasks)
{
  g_autoptr(CommunityDataset) dataset = new_annex ();
  GListModel *tasks = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_TASK);
  GListModel *departments = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_DEPARTMENT);

  ck_assert_uint_eq (g_list_model_get_n_items (tasks), 39);
  /* Every distinct unit once; 市委政法委(市综治办) is one. */
  ck_assert_uint_eq (g_list_model_get_n_items (departments), 40);

  for (guint i = 0; i < 39; i++)
    {
      g_autoptr(CommunityTask) task = g_list_model_get_item (tasks, i);
      g_auto(GStrv) ids = NULL;
      g_autofree char *text = NULL;
      g_autofree char *clause = NULL;
      g_autoptr(GPtrArray) units = NULL;
      guint number = 0;

      g_object_get (task, "number", &number, "departments", &ids, "text", &text,
                    "clause", &clause, NULL);
      ck_assert_uint_eq (number, i + 1);
      ck_assert_ptr_eq (community_dataset_get_task (dataset, number), task);

      ck_assert_ptr_nonnull (ids);
      ck_assert_msg (g_strv_length (ids) >= 1, "task %u has no unit", number);
      for (guint j = 0; ids[j] != NULL; j++)
        ck_assert_msg (community_dataset_find_department (dataset, ids[j]) != NULL,
                       "task %u: “%s” does not resolve", number, ids[j]);

      units = community_dataset_list_task_units (dataset, task);
      ck_assert_uint_eq (units->len, g_strv_length (ids));
      ck_assert_ptr_eq (community_dataset_get_task_lead (dataset, task),
                        community_dataset_find_department (dataset, ids[0]));

      ck_assert_ptr_nonnull (text);
      ck_assert_msg (g_utf8_validate (text, -1, NULL), "task %u: text is not UTF-8", number);
      ck_assert_msg (text[0] != '\0' && !g_ascii_isspace (text[0]) &&
                     !g_ascii_isspace (text[strlen (text) - 1]),
                     "task %u: text is not trimmed", number);
      ck_assert_msg (g_str_has_suffix (text, "。"), "task %u: text does not end the sentence",
                     number);
      ck_assert_ptr_nonnull (clause);
    }
}
END_TEST

START_TEST (test_texts_and_clauses)
{
  g_autoptr(CommunityDataset) dataset = new_annex ();
  static const struct { guint number; const char *clause; } clauses[] = {
    { 1, "二(一)" }, { 7, "二(二)" }, { 11, "三(一)" }, { 16, "三(四)" },
    { 17, "四(一)" }, { 20, "四(二)" }, { 31, "五(一)" }, { 37, "六(二)" },
    { 39, "六(三)" },
  };
  g_autofree char *text1 = NULL;
  g_autofree char *text16 = NULL;
  g_autofree char *text21 = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (clauses); i++)
    {
      g_autofree char *clause = dup_string (get_task (dataset, clauses[i].number), "clause");

      ck_assert_str_eq (clause, clauses[i].clause);
    }

  /* Copied character for character: half-width “(”“,” as the source has
   * them, full-width “、”“。”“;”“”” kept. */
  text1 = dup_string (get_task (dataset, 1), "text");
  ck_assert_msg (g_str_has_prefix (text1, "加强和改进街道(镇)、城乡社区党组织对社区各类组织和各项工作的领导。"),
                 "task 1 starts “%.60s”", text1);
  ck_assert_msg (g_str_has_suffix (text1, "实行村党组织书记县级备案管理。"), "task 1: %s", text1);

  text16 = dup_string (get_task (dataset, 16), "text");
  ck_assert_str_eq (text16, "构建服务管理深度融合的城乡社区网格化工作体系,建设“全要素”网格,"
                            "打造成基层社会治理的第一道屏障。");

  /* The source's own stray space before the quotation mark stays. */
  text21 = dup_string (get_task (dataset, 21), "text");
  ck_assert_ptr_nonnull (strstr (text21, "扩大 “阳光行动”试点。"));
}
END_TEST

START_TEST (test_task_17)
{
  g_autoptr(CommunityDataset) dataset = new_annex ();
  CommunityTask *task = get_task (dataset, 17);
  CommunityDepartment *lead = community_dataset_get_task_lead (dataset, task);
  g_autoptr(GPtrArray) units = community_dataset_list_task_units (dataset, task);
  g_autofree char *name = NULL;
  const char * const expected[] = {
    "市发改委", "市民政局", "市财政局", "市国土局", "市住建局", "市规划局", NULL,
  };

  ck_assert_ptr_nonnull (lead);
  ck_assert_str_eq (community_entity_get_identity (COMMUNITY_ENTITY (lead)), "市发改委");
  name = dup_string (lead, "name");
  ck_assert_str_eq (name, "市发改委");
  assert_department_ids (units, expected);
  ck_assert_ptr_eq (g_ptr_array_index (units, 0), lead);
}
END_TEST

START_TEST (test_task_16_alias)
{
  g_autoptr(CommunityDataset) dataset = new_annex ();
  g_autoptr(GPtrArray) units = community_dataset_list_task_units (dataset, get_task (dataset, 16));
  g_autoptr(GPtrArray) units32 = community_dataset_list_task_units (dataset, get_task (dataset, 32));
  CommunityDepartment *politics_law;
  g_auto(GStrv) aliases = NULL;
  const char * const expected[] = { "市委政法委", "市公安局", "市民政局", "市司法局", "市相关部门", NULL };
  const char * const expected32[] = { "市委政法委", "市公安局", "市司法局", NULL };
  CommunityDepartmentKind kind;

  /* “市委政法委(市综治办)、…、市司法局及市相关部门”: 及 separates two units. */
  assert_department_ids (units, expected);
  assert_department_ids (units32, expected32);

  politics_law = community_dataset_get_department (dataset, "市委政法委");
  ck_assert_ptr_nonnull (politics_law);
  g_object_get (politics_law, "aliases", &aliases, "kind", &kind, NULL);
  ck_assert_ptr_nonnull (aliases);
  ck_assert_uint_eq (g_strv_length (aliases), 2);
  ck_assert_str_eq (aliases[0], "市综治办");
  ck_assert_str_eq (aliases[1], "市委政法委(市综治办)");
  ck_assert_int_eq (kind, COMMUNITY_DEPARTMENT_KIND_PARTY_DEPARTMENT);

  /* The rows keep the unit as written (DOMAIN.md §8), and it resolves. */
  {
    g_auto(GStrv) row16 = NULL;
    g_auto(GStrv) row32 = NULL;

    g_object_get (get_task (dataset, 16), "departments", &row16, NULL);
    g_object_get (get_task (dataset, 32), "departments", &row32, NULL);
    ck_assert_str_eq (row16[0], "市委政法委(市综治办)");
    ck_assert_str_eq (row32[0], "市委政法委(市综治办)");
    ck_assert_ptr_eq (community_dataset_get_task_lead (dataset, get_task (dataset, 16)), politics_law);
    ck_assert_ptr_eq (community_dataset_find_department (dataset, "市委政法委(市综治办)"), politics_law);
    ck_assert_ptr_eq (community_dataset_find_department (dataset, "市综治办"), politics_law);
    ck_assert_ptr_eq (community_dataset_find_department (dataset, "市委政法委"), politics_law);
    ck_assert_ptr_null (community_dataset_find_department (dataset, "市不存在局"));
  }

  /* Only that department has aliases. */
  ck_assert (!community_record_is_set (COMMUNITY_RECORD (community_dataset_get_department (dataset, "市民政局")),
                                       "aliases"));
  /* The alias is not a department of its own. */
  ck_assert_ptr_null (community_dataset_get_department (dataset, "市综治办"));
  ck_assert_ptr_null (community_dataset_get_department (dataset, "市委政法委(市综治办)"));
}
END_TEST

START_TEST (test_task_20_alias)
{
  g_autoptr(CommunityDataset) dataset = new_annex ();
  g_autoptr(GPtrArray) units = community_dataset_list_task_units (dataset, get_task (dataset, 20));
  /* “市经信委、市民政局,市公安局、市人社局、市综治办、市政务办、市卫计委、市相关部门” */
  const char * const expected[] = {
    "市经信委", "市民政局", "市公安局", "市人社局", "市委政法委", "市政务办", "市卫计委",
    "市相关部门", NULL,
  };

  assert_department_ids (units, expected);
  ck_assert_ptr_eq (g_ptr_array_index (units, 4),
                    community_dataset_get_department (dataset, "市委政法委"));
  {
    g_auto(GStrv) row = NULL;

    /* Written as the annex writes it. */
    g_object_get (get_task (dataset, 20), "departments", &row, NULL);
    ck_assert_str_eq (row[4], "市综治办");
  }
}
END_TEST

START_TEST (test_slips_kept)
{
  g_autoptr(CommunityDataset) dataset = new_annex ();
  g_autoptr(GPtrArray) units31 = community_dataset_list_task_units (dataset, get_task (dataset, 31));
  g_autoptr(GPtrArray) units30 = community_dataset_list_task_units (dataset, get_task (dataset, 30));
  g_autoptr(GPtrArray) units7 = community_dataset_list_task_units (dataset, get_task (dataset, 7));
  g_autofree char *text7 = dup_string (get_task (dataset, 7), "text");
  g_autofree char *text38 = dup_string (get_task (dataset, 38), "text");
  const char * const expected31[] = { "市住建局", "市经信息委", NULL };
  const char * const expected30[] = { "市民政局", "市扶贫办", "市有关部门", NULL };
  /* “市委改革办、市编办、市民政局、市相关部门,各市(县)区政府” (ASCII comma) */
  const char * const expected7[] = { "市委改革办", "市编办", "市民政局", "市相关部门", "各市(县)区政府", NULL };

  assert_department_ids (units31, expected31);
  ck_assert_ptr_nonnull (community_dataset_get_department (dataset, "市经信委"));
  assert_department_ids (units30, expected30);
  assert_department_ids (units7, expected7);

  ck_assert_ptr_nonnull (strstr (text7, "探索“大部制”改革"));
  ck_assert_ptr_null (strstr (text7, "大办制"));
  ck_assert_ptr_nonnull (strstr (text38, "参与城乡社区治理服务的良好氛围"));
}
END_TEST

static CommunityAnnexNote *
find_note (GListModel *notes,
           guint       task)
{
  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(CommunityAnnexNote) note = g_list_model_get_item (notes, i);

      if (community_annex_note_get_task (note) == task)
        return note;  /* the list keeps it alive */
    }

  return NULL;
}

START_TEST (test_notes)
{
  g_autoptr(CommunityDataset) dataset = new_annex ();
  GListModel *notes = community_annex_list_notes ();
  CommunityAnnexNote *note;
  guint previous = 0;
  guint task = 0;
  g_autofree char *kind = NULL;
  g_autofree char *suggestion = NULL;

  ck_assert_ptr_nonnull (notes);
  ck_assert (g_list_model_get_item_type (notes) == COMMUNITY_TYPE_ANNEX_NOTE);
  ck_assert_uint_eq (g_list_model_get_n_items (notes), 5);

  for (guint i = 0; i < g_list_model_get_n_items (notes); i++)
    {
      g_autoptr(CommunityAnnexNote) item = g_list_model_get_item (notes, i);
      const char *item_kind = community_annex_note_get_kind (item);

      /* In task order, each about a task of the annex, in the vocabulary. */
      ck_assert_uint_gt (community_annex_note_get_task (item), previous);
      previous = community_annex_note_get_task (item);
      ck_assert_ptr_nonnull (community_dataset_get_task (dataset, previous));
      ck_assert_msg (g_str_equal (item_kind, "unit_name") || g_str_equal (item_kind, "unit_alias") ||
                     g_str_equal (item_kind, "wording"), "note kind “%s”", item_kind);
      ck_assert_msg (strlen (community_annex_note_get_text (item)) > 20, "note %u has no text", i);
    }

  note = find_note (notes, 31);
  ck_assert_ptr_nonnull (note);
  ck_assert_str_eq (community_annex_note_get_kind (note), "unit_name");
  ck_assert_str_eq (community_annex_note_get_suggestion (note), "市经信委");
  ck_assert_ptr_nonnull (strstr (community_annex_note_get_text (note), "市经信息委"));
  /* The properties say what the getters say. */
  g_object_get (note, "task", &task, "kind", &kind, "suggestion", &suggestion, NULL);
  ck_assert_uint_eq (task, 31);
  ck_assert_str_eq (kind, "unit_name");
  ck_assert_str_eq (suggestion, "市经信委");

  note = find_note (notes, 20);
  ck_assert_ptr_nonnull (note);
  ck_assert_str_eq (community_annex_note_get_kind (note), "unit_alias");
  ck_assert_ptr_nonnull (strstr (community_annex_note_get_text (note), "市综治办"));

  note = find_note (notes, 7);
  ck_assert_ptr_nonnull (note);
  ck_assert_str_eq (community_annex_note_get_kind (note), "wording");
  ck_assert_str_eq (community_annex_note_get_suggestion (note), "大办制");
  ck_assert_ptr_nonnull (strstr (community_annex_note_get_text (note), "大部制"));

  note = find_note (notes, 30);
  ck_assert_ptr_nonnull (note);
  ck_assert_str_eq (community_annex_note_get_suggestion (note), "市相关部门");
  note = find_note (notes, 38);
  ck_assert_ptr_nonnull (note);
  ck_assert_str_eq (community_annex_note_get_kind (note), "wording");

  /* Notes are not part of the dataset. */
  ck_assert (community_dataset_get_extra (dataset) == NULL ||
             !json_object_has_member (community_dataset_get_extra (dataset), "annex_notes"));

  note = g_list_model_get_item (notes, 0);
  g_object_unref (notes);
  community_test_assert_finalized (note);
}
END_TEST

START_TEST (test_civil_affairs)
{
  g_autoptr(CommunityDataset) dataset = new_annex ();
  g_autoptr(GPtrArray) led = community_dataset_list_tasks_led_by (dataset, "市民政局");
  g_autoptr(GPtrArray) of = community_dataset_list_tasks_of (dataset, "市民政局");

  ck_assert_uint_eq (G_N_ELEMENTS (civil_affairs_led), 9);
  ck_assert_uint_eq (G_N_ELEMENTS (civil_affairs_of), 27);
  assert_task_numbers (led, civil_affairs_led, G_N_ELEMENTS (civil_affairs_led));
  assert_task_numbers (of, civil_affairs_of, G_N_ELEMENTS (civil_affairs_of));

  for (guint i = 0; i < led->len; i++)
    ck_assert_ptr_eq (community_dataset_get_task_lead (dataset, g_ptr_array_index (led, i)),
                      community_dataset_get_department (dataset, "市民政局"));
}
END_TEST

START_TEST (test_other_queries)
{
  g_autoptr(CommunityDataset) dataset = new_annex ();
  g_autoptr(GPtrArray) led_districts = community_dataset_list_tasks_led_by (dataset, "各市(县)区政府");
  g_autoptr(GPtrArray) of_districts = community_dataset_list_tasks_of (dataset, "各市(县)区政府");
  g_autoptr(GPtrArray) led_alias = community_dataset_list_tasks_led_by (dataset, "市综治办");
  g_autoptr(GPtrArray) of_politics_law = community_dataset_list_tasks_of (dataset, "市委政法委");
  g_autoptr(GPtrArray) of_nobody = community_dataset_list_tasks_of (dataset, "市不存在局");
  static const guint districts_led[] = { 22 };
  static const guint districts_of[] = { 6, 7, 22, 25 };
  static const guint politics_law_of[] = { 16, 20, 32 };
  static const guint politics_law_led[] = { 16, 32 };

  assert_task_numbers (led_districts, districts_led, G_N_ELEMENTS (districts_led));
  assert_task_numbers (of_districts, districts_of, G_N_ELEMENTS (districts_of));
  /* By an alias: the same unit (市综治办 is 市委政法委). */
  assert_task_numbers (led_alias, politics_law_led, G_N_ELEMENTS (politics_law_led));
  assert_task_numbers (of_politics_law, politics_law_of, G_N_ELEMENTS (politics_law_of));
  assert_task_numbers (of_nobody, NULL, 0);
}
END_TEST

START_TEST (test_department_kinds)
{
  g_autoptr(CommunityDataset) dataset = new_annex ();
  static const struct { const char *id; CommunityDepartmentKind kind; } kinds[] = {
    { "市妇联", COMMUNITY_DEPARTMENT_KIND_MASS_ORGANIZATION },
    { "团市委", COMMUNITY_DEPARTMENT_KIND_MASS_ORGANIZATION },
    { "市残联", COMMUNITY_DEPARTMENT_KIND_MASS_ORGANIZATION },
    { "各市(县)区政府", COMMUNITY_DEPARTMENT_KIND_DISTRICT_COLLECTIVE },
    { "各市(县)区委", COMMUNITY_DEPARTMENT_KIND_DISTRICT_COLLECTIVE },
    { "市相关部门", COMMUNITY_DEPARTMENT_KIND_GENERIC },
    { "市有关部门", COMMUNITY_DEPARTMENT_KIND_GENERIC },
    { "市委组织部", COMMUNITY_DEPARTMENT_KIND_PARTY_DEPARTMENT },
    { "市纪委", COMMUNITY_DEPARTMENT_KIND_PARTY_DEPARTMENT },
    { "市民政局", COMMUNITY_DEPARTMENT_KIND_GOVERNMENT_DEPARTMENT },
    { "市政府办", COMMUNITY_DEPARTMENT_KIND_GOVERNMENT_DEPARTMENT },
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      CommunityDepartment *department = community_dataset_get_department (dataset, kinds[i].id);
      CommunityDepartmentKind kind;
      g_autofree char *name = NULL;

      ck_assert_msg (department != NULL, "no department “%s”", kinds[i].id);
      g_object_get (department, "kind", &kind, "name", &name, NULL);
      ck_assert_msg (kind == kinds[i].kind, "%s: kind %d, expected %d", kinds[i].id, kind, kinds[i].kind);
      ck_assert_str_eq (name, kinds[i].id);
    }
}
END_TEST

START_TEST (test_add_to_refuses_duplicate_task)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityTask) task = community_task_new (5);
  const char * const ids[] = { "市纪委", NULL };
  GError *error = NULL;

  g_object_set (task, "text", "mine", "departments", ids, NULL);
  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (task), NULL));

  ck_assert (!community_annex_add_to (dataset, &error));
  ck_assert_msg (g_error_matches (error, COMMUNITY_DATASET_ERROR, COMMUNITY_DATASET_ERROR_DUPLICATE),
                 "expected a duplicate error, got %s", error != NULL ? error->message : "none");
  ck_assert_ptr_nonnull (strstr (error->message, "“5”"));
  g_clear_error (&error);

  /* Nothing was added, not even the departments, which come first. */
  ck_assert_uint_eq (g_list_model_get_n_items (community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_TASK)), 1);
  ck_assert_uint_eq (g_list_model_get_n_items (community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_DEPARTMENT)), 0);
  ck_assert_ptr_eq (community_dataset_get_task (dataset, 5), task);
}
END_TEST

START_TEST (test_add_to_refuses_duplicate_department)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityDepartment) department = community_department_new ("市民政局");
  GError *error = NULL;

  g_object_set (department, "name", "无锡市民政局", NULL);
  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (department), NULL));

  ck_assert (!community_annex_add_to (dataset, &error));
  ck_assert_msg (g_error_matches (error, COMMUNITY_DATASET_ERROR, COMMUNITY_DATASET_ERROR_DUPLICATE),
                 "expected a duplicate error, got %s", error != NULL ? error->message : "none");
  g_clear_error (&error);

  ck_assert_uint_eq (g_list_model_get_n_items (community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_DEPARTMENT)), 1);
  ck_assert_uint_eq (g_list_model_get_n_items (community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_TASK)), 0);
}
END_TEST

START_TEST (test_add_to_sample)
{
  /* The sample holds tasks 11, 16 and 37 and 12 of the annex's
   * departments, equal to the annex's: they are kept, the rest is added. */
  g_autoptr(CommunityDataset) sample = community_test_load_sample ();
  g_autoptr(CommunityDataset) annex = new_annex ();
  CommunityTask *task16 = community_dataset_get_task (sample, 16);
  CommunityDepartment *civil = community_dataset_get_department (sample, "市民政局");
  GListModel *tasks = community_dataset_get_items (sample, COMMUNITY_ENTITY_KIND_TASK);
  GError *error = NULL;

  ck_assert_ptr_nonnull (task16);
  ck_assert_msg (community_annex_add_to (sample, &error), "add_to: %s", error != NULL ? error->message : "");
  ck_assert_uint_eq (g_list_model_get_n_items (tasks), 39);
  ck_assert_ptr_eq (community_dataset_get_task (sample, 16), task16);
  ck_assert_ptr_eq (community_dataset_get_department (sample, "市民政局"), civil);
  /* The sample's own department that the annex does not name stays. */
  ck_assert_ptr_nonnull (community_dataset_get_department (sample, "市城管局"));
  ck_assert_uint_eq (g_list_model_get_n_items (community_dataset_get_items (sample, COMMUNITY_ENTITY_KIND_DEPARTMENT)),
                     g_list_model_get_n_items (community_dataset_get_items (annex, COMMUNITY_ENTITY_KIND_DEPARTMENT)) + 1);
}
END_TEST

/* Only what differs is refused, and named; nothing is added then. */
START_TEST (test_add_to_names_what_differs)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityDataset) pristine = community_test_load_sample ();
  GError *error = NULL;

  g_object_set (community_dataset_get_task (dataset, 37), "clause", "六(一)", NULL);
  g_object_set (community_dataset_get_department (dataset, "市残联"), "name", "无锡市残疾人联合会", NULL);
  g_object_set (community_dataset_get_task (pristine, 37), "clause", "六(一)", NULL);
  g_object_set (community_dataset_get_department (pristine, "市残联"), "name", "无锡市残疾人联合会", NULL);

  ck_assert (!community_annex_add_to (dataset, &error));
  ck_assert (g_error_matches (error, COMMUNITY_DATASET_ERROR, COMMUNITY_DATASET_ERROR_DUPLICATE));
  ck_assert_ptr_nonnull (strstr (error->message, "task “37”"));
  ck_assert_ptr_nonnull (strstr (error->message, "department “市残联”"));
  /* Equal ones are not named. */
  ck_assert_ptr_null (strstr (error->message, "“16”"));
  ck_assert_ptr_null (strstr (error->message, "市民政局"));
  g_clear_error (&error);
  ck_assert (community_dataset_equal (dataset, pristine));
}
END_TEST

START_TEST (test_add_to_empty)
{
  g_autoptr(CommunityDataset) annex = new_annex ();
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityDivision) city = community_division_new ("320200000000");
  GError *error = NULL;
  GListModel *tasks;

  /* Into an empty dataset: the same as the annex's own. */
  ck_assert_msg (community_annex_add_to (dataset, &error), "add_to: %s",
                 error != NULL ? error->message : "");
  ck_assert (community_dataset_equal (dataset, annex));

  /* A second time: everything is already there, equal, and kept. */
  ck_assert_msg (community_annex_add_to (dataset, &error), "add_to: %s",
                 error != NULL ? error->message : "");
  ck_assert (community_dataset_equal (dataset, annex));

  /* Into a dataset with other things, after them. */
  g_clear_object (&dataset);
  dataset = community_dataset_new ();
  g_object_set (city, "name", "无锡市", "level", COMMUNITY_DIVISION_LEVEL_CITY, NULL);
  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (city), NULL));
  ck_assert (community_annex_add_to (dataset, NULL));
  tasks = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_TASK);
  ck_assert_uint_eq (g_list_model_get_n_items (tasks), 39);
  ck_assert_ptr_eq (community_dataset_get_division (dataset, "320200000000"), city);
  ck_assert_ptr_eq (community_entity_get_dataset (COMMUNITY_ENTITY (community_dataset_get_task (dataset, 17))),
                    dataset);
}
END_TEST

START_TEST (test_round_trip)
{
  g_autoptr(CommunityDataset) annex = new_annex ();
  g_autoptr(CommunityDataset) reloaded = community_dataset_new ();
  g_autoptr(CommunityDataset) from_file = community_dataset_new ();
  g_autofree char *data = NULL;
  g_autofree char *path = NULL;
  GError *error = NULL;
  gsize length = 0;
  int fd;

  data = community_dataset_save_to_data (annex, &length);
  ck_assert_ptr_nonnull (data);
  ck_assert_ptr_nonnull (strstr (data, "\"aliases\""));
  ck_assert_msg (community_dataset_load_from_data (reloaded, data, (gssize) length, &error),
                 "reload: %s", error != NULL ? error->message : "");
  ck_assert (community_dataset_equal (annex, reloaded));

  fd = g_file_open_tmp ("test-annex-XXXXXX.json", &path, &error);
  ck_assert_msg (fd >= 0, "tmp: %s", error != NULL ? error->message : "");
  close (fd);
  ck_assert (community_dataset_save_to_file (annex, path, &error));
  ck_assert_msg (community_dataset_load_from_file (from_file, path, &error), "reload: %s",
                 error != NULL ? error->message : "");
  ck_assert (community_dataset_equal (annex, from_file));
  g_unlink (path);

  /* Each call gives a dataset of its own. */
  {
    g_autoptr(CommunityDataset) again = new_annex ();

    ck_assert_ptr_ne (again, annex);
    ck_assert (community_dataset_equal (again, annex));
    ck_assert_ptr_ne (community_dataset_get_task (again, 1), community_dataset_get_task (annex, 1));
  }
}
END_TEST

START_TEST (test_queries_on_other_data)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityTask) empty = community_task_new (1);
  g_autoptr(CommunityTask) partial = community_task_new (2);
  g_autoptr(CommunityDepartment) known = community_department_new ("D-KNOWN");
  g_autoptr(GPtrArray) units_empty = NULL;
  g_autoptr(GPtrArray) units_partial = NULL;
  g_autoptr(GPtrArray) of = NULL;
  g_autoptr(GPtrArray) led = NULL;
  const char * const ids[] = { "D-MISSING", "D-KNOWN", NULL };
  static const guint task_2[] = { 2 };

  g_object_set (partial, "departments", ids, NULL);
  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (empty), NULL));
  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (partial), NULL));
  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (known), NULL));

  /* No units at all, and a lead that does not resolve. */
  ck_assert_ptr_null (community_dataset_get_task_lead (dataset, empty));
  units_empty = community_dataset_list_task_units (dataset, empty);
  ck_assert_uint_eq (units_empty->len, 0);
  ck_assert_ptr_null (community_dataset_get_task_lead (dataset, partial));
  units_partial = community_dataset_list_task_units (dataset, partial);
  ck_assert_uint_eq (units_partial->len, 1);
  ck_assert_ptr_eq (g_ptr_array_index (units_partial, 0), known);

  led = community_dataset_list_tasks_led_by (dataset, "D-MISSING");
  assert_task_numbers (led, task_2, 1);
  of = community_dataset_list_tasks_of (dataset, "D-KNOWN");
  assert_task_numbers (of, task_2, 1);
}
END_TEST

START_TEST (test_finalized)
{
  CommunityDataset *dataset = new_annex ();
  g_autoptr(GPtrArray) units = community_dataset_list_task_units (dataset, get_task (dataset, 17));
  CommunityDepartment *lead = g_object_ref (g_ptr_array_index (units, 0));

  /* The arrays hold references of their own. */
  community_test_assert_finalized (dataset);
  ck_assert_ptr_null (community_entity_get_dataset (COMMUNITY_ENTITY (lead)));
  g_clear_pointer (&units, g_ptr_array_unref);
  community_test_assert_finalized (lead);
}
END_TEST

/* Splits a row's units as the annex writes them: at “、”, at the ASCII
 * “,” and at “及”. */
static GPtrArray *
split_units (const char *units)
{
  g_autofree char *text = g_strdup (units);
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);
  char *start = text;

  for (char *p = text; ; )
    {
      gsize separator = g_str_has_prefix (p, "、") ? strlen ("、")
                        : g_str_has_prefix (p, "及") ? strlen ("及")
                        : *p == ',' ? 1 : 0;

      if (separator > 0 || *p == '\0')
        {
          gboolean end = *p == '\0';

          *p = '\0';
          if (*start != '\0')
            g_ptr_array_add (result, g_strdup (start));
          if (end)
            break;
          p += separator;
          start = p;
        }
      else
        p = g_utf8_next_char (p);
    }

  return result;
}

/* DOMAIN.md §8: every row keeps its units exactly as the policy writes
 * them, 39 of 39, and every unit resolves to a department. The expected
 * rows are tests/data/annex-seed.json, the table 重点任务分工 taken from the
 * policy text (shared/seed) row by row, not from lib/data/annex.json. */
START_TEST (test_rows_literal)
{
  g_autoptr(CommunityDataset) dataset = new_annex ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *rows;
  guint literal = 0;

  ck_assert_msg (json_parser_load_from_file (parser, TEST_DATA_DIR "/annex-seed.json", &error),
                 "%s", error != NULL ? error->message : "");
  rows = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "rows");
  ck_assert_uint_eq (json_array_get_length (rows), 39);

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      guint number = json_object_get_int_member (row, "number");
      g_autoptr(GPtrArray) units = split_units (json_object_get_string_member (row, "units"));
      CommunityTask *task = community_dataset_get_task (dataset, number);
      g_auto(GStrv) departments = NULL;
      g_autofree char *text = NULL;
      gboolean same;

      ck_assert_msg (task != NULL, "no task %u", number);
      g_object_get (task, "departments", &departments, "text", &text, NULL);
      ck_assert_str_eq (text, json_object_get_string_member (row, "text"));
      same = g_strv_length (departments) == units->len;
      for (guint u = 0; same && u < units->len; u++)
        same = g_str_equal (departments[u], units->pdata[u]);
      ck_assert_msg (same, "task %u: its units are not the annex's %s", number,
                     json_object_get_string_member (row, "units"));
      for (guint u = 0; u < units->len; u++)
        ck_assert_msg (community_dataset_find_department (dataset, units->pdata[u]) != NULL,
                       "task %u: “%s” names no department", number, (char *) units->pdata[u]);
      literal++;
    }
  ck_assert_uint_eq (literal, 39);
}
END_TEST

/* A reference resolves by id, then name, then alias. */
START_TEST (test_find_department_order)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityDepartment) a = community_department_new ("A");
  g_autoptr(CommunityDepartment) b = community_department_new ("B");
  g_autoptr(CommunityDepartment) c = community_department_new ("C");
  const char * const a_aliases[] = { "甲", "乙", NULL };
  const char * const c_aliases[] = { "B", NULL };

  /* A is called 乙 by alias, B is named 甲, C has B's id as an alias. */
  g_object_set (a, "name", "A办", "aliases", a_aliases, NULL);
  g_object_set (b, "name", "甲", NULL);
  g_object_set (c, "name", "C局", "aliases", c_aliases, NULL);
  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (a), NULL));
  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (b), NULL));
  ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (c), NULL));

  ck_assert_ptr_eq (community_dataset_find_department (dataset, "B"), b);     /* id before alias */
  ck_assert_ptr_eq (community_dataset_find_department (dataset, "甲"), b);    /* name before alias */
  ck_assert_ptr_eq (community_dataset_find_department (dataset, "乙"), a);    /* alias */
  ck_assert_ptr_eq (community_dataset_find_department (dataset, "C局"), c);   /* name */
  ck_assert_ptr_null (community_dataset_find_department (dataset, "丙"));
  /* lookup() stays by identity alone. */
  ck_assert_ptr_null (community_dataset_lookup (dataset, COMMUNITY_ENTITY_KIND_DEPARTMENT, "乙"));

  /* A work item naming a department by alias passes ref.unresolved; one
   * naming nothing fails it. */
  {
    g_autoptr(CommunityWorkItem) named = community_work_item_new ("W1");
    g_autoptr(CommunityWorkItem) unnamed = community_work_item_new ("W2");
    g_autoptr(CommunityRuleset) ruleset = community_ruleset_new_builtin ("wuxi-2018", NULL);
    g_autoptr(CommunityValidator) validator = community_validator_new (ruleset);
    g_autoptr(CommunityReport) report = NULL;

    g_object_set (named, "department", "乙", NULL);
    g_object_set (unnamed, "department", "丙", NULL);
    ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (named), NULL));
    ck_assert (community_dataset_add (dataset, COMMUNITY_ENTITY (unnamed), NULL));
    report = community_validator_run (validator, dataset);
    community_test_assert_counts (report, "ref.unresolved", 1, 1, 0);
    community_test_assert_one_finding (report, "ref.unresolved", "W2", "/work_items/1/department");
    ck_assert_ptr_eq (community_dataset_resolve (dataset, COMMUNITY_RECORD (named), "department"),
                      COMMUNITY_ENTITY (a));
  }
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("annex");
  TCase *tc = tcase_create ("annex");

  tcase_add_test (tc, test_all_tasks);
  tcase_add_test (tc, test_texts_and_clauses);
  tcase_add_test (tc, test_task_17);
  tcase_add_test (tc, test_task_16_alias);
  tcase_add_test (tc, test_rows_literal);
  tcase_add_test (tc, test_find_department_order);
  tcase_add_test (tc, test_task_20_alias);
  tcase_add_test (tc, test_slips_kept);
  tcase_add_test (tc, test_notes);
  tcase_add_test (tc, test_civil_affairs);
  tcase_add_test (tc, test_other_queries);
  tcase_add_test (tc, test_department_kinds);
  tcase_add_test (tc, test_add_to_refuses_duplicate_task);
  tcase_add_test (tc, test_add_to_refuses_duplicate_department);
  tcase_add_test (tc, test_add_to_sample);
  tcase_add_test (tc, test_add_to_names_what_differs);
  tcase_add_test (tc, test_add_to_empty);
  tcase_add_test (tc, test_round_trip);
  tcase_add_test (tc, test_queries_on_other_data);
  tcase_add_test (tc, test_finalized);
  suite_add_tcase (suite, tc);

  return community_test_run (suite);
}
