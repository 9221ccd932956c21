/* test-sheet-writer.c: datasets laid out in books of cells (DOMAIN.md §9)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * community_sheet_book_from_dataset() and community_sheet_book_template()
 * (lib/sheets/community-sheet-sink.c) on the sample, and
 * community_xlsx_write() making a package that reads back through
 * community_xlsx_read() cell for cell; tests/python/test_sheet_writer.py
 * reads the package back with openpyxl. Built against the library's
 * internals (community_internal_dep, lib/meson.build).
 */

#include "config.h"

#include "test-common.h"
#include "test-sheets.h"

#include <json-glib/json-glib.h>

#include "community-sheet-writer.h"
#include "community-sheet-layout.h"
#include "community-vocabulary-private.h"
#include "community-enum-types.h"

static CommunityDataset *
load_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  CommunityDataset *dataset = community_dataset_new ();

  ck_assert_msg (community_dataset_load_from_data (dataset, text, -1, &error),
                 "%s", error != NULL ? error->message : "");
  return dataset;
}

static char *
sample_text (void)
{
  char *text = NULL;

  ck_assert (g_file_get_contents (SAMPLE_DATA, &text, NULL, NULL));
  return text;
}

static CommunityDataset *
load_sample (void)
{
  g_autofree char *text = sample_text ();

  return load_json (text);
}

/* The sample's book. */
static CommunitySheetBook *
sample_book (CommunitySheetWriteFlags flags)
{
  g_autoptr(CommunityDataset) dataset = load_sample ();

  return community_sheet_book_from_dataset (dataset, NULL, flags);
}

/* The sample with unknown members and values no plain cell holds. */
static CommunityDataset *
load_edited_sample (void)
{
  g_autofree char *text = sample_text ();
  g_autoptr(JsonNode) root = json_from_string (text, NULL);
  JsonObject *object = json_node_get_object (root);
  JsonObject *first = json_array_get_object_element (json_object_get_array_member (object, "communities"), 0);
  JsonObject *second = json_array_get_object_element (json_object_get_array_member (object, "communities"), 1);
  JsonObject *grid = json_array_get_object_element (json_object_get_array_member (object, "grids"), 1);
  JsonObject *extra = json_object_new ();
  g_autoptr(JsonArray) administrators = json_array_new ();
  g_autofree char *edited = NULL;

  json_object_set_int_member (extra, "a", 1);
  json_object_set_object_member (first, "extra_info", extra);
  json_object_set_string_member (second, "extra_info", "plain");
  json_object_set_string_member (first, "note_x", "kept");
  json_object_set_string_member (second, "blank_x", "");
  json_array_add_string_element (administrators, "W0001；W0002");
  json_object_set_array_member (grid, "administrators", g_steal_pointer (&administrators));
  json_object_set_string_member (json_array_get_object_element (json_object_get_array_member (object, "workers"), 0),
                                 "name", "a\001b");
  json_object_set_string_member (json_array_get_object_element (json_object_get_array_member (object, "departments"), 0),
                                 "name", "_x0041_");
  /* Empty containers that would leave no cell: a list of records, a
   * nested record, an array of strings. */
  json_object_set_array_member (json_array_get_object_element (json_object_get_array_member (object, "consultations"), 1),
                                "history", json_array_new ());
  json_object_set_object_member (json_array_get_object_element (json_object_get_array_member (object, "communities"), 2),
                                 "committee", json_object_new ());
  json_object_set_array_member (json_array_get_object_element (json_object_get_array_member (object, "grids"), 2),
                                "administrators", json_array_new ());
  json_object_set_string_member (object, "producer", "tests");
  json_object_set_boolean_member (object, "checked", TRUE);
  edited = json_to_string (root, FALSE);
  return load_json (edited);
}

static CommunitySheet *
sheet (CommunitySheetBook *book,
       const char         *name)
{
  CommunitySheet *found = community_sheet_book_find_sheet (book, name);

  ck_assert_msg (found != NULL, "no sheet %s", name);
  return found;
}

/* The column whose header (row 1) is @header, or -1. */
static int
find_column (CommunitySheet *s,
             const char     *header)
{
  const CommunitySheetRow *sr = &g_array_index (s->rows, CommunitySheetRow, 0);
  const CommunityCell *cells = community_sheet_row_cells (s, sr);

  ck_assert_uint_eq (sr->number, 1);
  for (guint i = 0; i < sr->n_cells; i++)
    if (strcmp (cells[i].text, header) == 0)
      return cells[i].column;
  return -1;
}

static gboolean
has_column (CommunitySheet *s,
            const char     *header)
{
  return find_column (s, header) >= 0;
}

/* The column whose header is @header; fails when none is. */
static guint32
column_of (CommunitySheet *s,
           const char     *header)
{
  int column = find_column (s, header);

  ck_assert_msg (column >= 0, "no column %s in %s", header, s->name);
  return column;
}

static void
assert_cell (CommunitySheet    *s,
             guint32            row,
             guint32            column,
             CommunityCellType  type,
             const char        *text)
{
  const CommunityCell *cell = test_sheet_cell (s, row, column);

  ck_assert_msg (cell != NULL, "%s: no cell at row %u column %u", s->name, row, column);
  ck_assert_int_eq (cell->type, type);
  ck_assert_str_eq (cell->text, text);
}

START_TEST (test_dataset_sheet)
{
  g_autoptr(CommunitySheetBook) book = sample_book (COMMUNITY_SHEET_WRITE_NONE);
  CommunitySheet *s = sheet (book, "dataset");

  ck_assert_str_eq (((CommunitySheet *) g_ptr_array_index (book->sheets, 0))->name, "dataset");
  ck_assert_uint_eq (s->rows->len, 4);
  assert_cell (s, 1, 0, COMMUNITY_CELL_STRING, "format");
  assert_cell (s, 1, 1, COMMUNITY_CELL_STRING, "libcommunity-dataset");
  assert_cell (s, 2, 0, COMMUNITY_CELL_STRING, "version");
  assert_cell (s, 2, 1, COMMUNITY_CELL_NUMBER, "1");
  ck_assert (test_sheet_cell (s, 2, 1)->number == 1);
  assert_cell (s, 3, 0, COMMUNITY_CELL_STRING, "as_of");
  assert_cell (s, 3, 1, COMMUNITY_CELL_STRING, "2019-12-31");
  assert_cell (s, 4, 0, COMMUNITY_CELL_STRING, "codes_year");
  assert_cell (s, 4, 1, COMMUNITY_CELL_NUMBER, "2023");

  /* Every sheet of the layout, in its order. */
  {
    GPtrArray *layout = community_sheet_layout_get ();

    ck_assert_uint_eq (book->sheets->len, layout->len);
    for (guint i = 0; i < layout->len; i++)
      ck_assert_str_eq (((CommunitySheet *) g_ptr_array_index (book->sheets, i))->name,
                        ((CommunitySheetKind *) g_ptr_array_index (layout, i))->name);
  }
}
END_TEST

START_TEST (test_community_row)
{
  g_autoptr(CommunitySheetBook) book = sample_book (COMMUNITY_SHEET_WRITE_NONE);
  CommunitySheet *s = sheet (book, "communities");
  const CommunitySheetKind *kind = community_sheet_layout_find ("communities");
  const CommunityCell *households;

  /* Row 1: every known column of the layout, in its order. */
  for (guint i = 0; i < kind->columns->len; i++)
    assert_cell (s, 1, i, COMMUNITY_CELL_STRING, ((CommunitySheetColumn *) g_ptr_array_index (kind->columns, i))->path);
  ck_assert_uint_eq (s->rows->len, 1 + 15);
  ck_assert_uint_eq (g_array_index (s->rows, CommunitySheetRow, s->rows->len - 1).number, 16);

  assert_cell (s, 2, column_of (s, "code"), COMMUNITY_CELL_STRING, "320213025001");
  assert_cell (s, 2, column_of (s, "name"), COMMUNITY_CELL_STRING, "广瑞一村社区");
  assert_cell (s, 2, column_of (s, "kind"), COMMUNITY_CELL_STRING, "urban");
  assert_cell (s, 2, column_of (s, "households"), COMMUNITY_CELL_NUMBER, "2460");
  households = test_sheet_cell (s, 2, column_of (s, "households"));
  ck_assert (households->number == 2460);
  assert_cell (s, 2, column_of (s, "committee/members"), COMMUNITY_CELL_NUMBER, "7");
  assert_cell (s, 2, column_of (s, "committee/non_registered_voters_protected"), COMMUNITY_CELL_BOOLEAN, "TRUE");
  ck_assert (test_sheet_cell (s, 2, column_of (s, "committee/non_registered_voters_protected"))->number == 1);
  assert_cell (s, 2, column_of (s, "elderly/population"), COMMUNITY_CELL_NUMBER, "1744");
  /* Unset means no cell. */
  ck_assert (test_sheet_cell (s, 2, column_of (s, "civilized_village_level")) == NULL);
  /* No ":json" column on the plain sample. */
  for (guint c = 0; c < 64; c++)
    {
      const CommunityCell *cell = test_sheet_cell (s, 1, c);

      ck_assert (cell == NULL || !g_str_has_suffix (cell->text, COMMUNITY_SHEET_JSON_SUFFIX));
    }

  /* A string array is one cell, its items joined by ';'. */
  s = sheet (book, "grids");
  assert_cell (s, 2, column_of (s, "administrators"), COMMUNITY_CELL_STRING, "W0006;W0009");
}
END_TEST

START_TEST (test_history_rows)
{
  g_autoptr(CommunitySheetBook) book = sample_book (COMMUNITY_SHEET_WRITE_NONE);
  CommunitySheet *parent = sheet (book, "consultations");
  CommunitySheet *s = sheet (book, "consultations_history");
  const char *states[] = { "proposed", "deliberating", "concluded", "adopted", "implemented", "feedback_given" };
  guint32 state, at;

  ck_assert (!has_column (parent, "history"));
  ck_assert (!has_column (parent, "history:json"));
  /* The parent's sheet comes first, its child right after. */
  {
    guint p = 0, c = 0;

    for (guint i = 0; i < book->sheets->len; i++)
      {
        if (g_ptr_array_index (book->sheets, i) == parent)
          p = i;
        if (g_ptr_array_index (book->sheets, i) == s)
          c = i;
      }
    ck_assert_uint_eq (c, p + 1);
  }

  assert_cell (s, 1, 0, COMMUNITY_CELL_STRING, "id");
  state = column_of (s, "state");
  at = column_of (s, "at");
  ck_assert_uint_gt (state, 0);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      assert_cell (s, 2 + i, 0, COMMUNITY_CELL_STRING, "K001");
      assert_cell (s, 2 + i, state, COMMUNITY_CELL_STRING, states[i]);
    }
  assert_cell (s, 2, at, COMMUNITY_CELL_STRING, "2019-03-02T09:30:00+08:00");
  /* The next consultation's items follow, linked to it. */
  ck_assert_str_ne (test_sheet_cell (s, 2 + G_N_ELEMENTS (states), 0)->text, "K001");
}
END_TEST

START_TEST (test_json_columns)
{
  g_autoptr(CommunityDataset) dataset = load_edited_sample ();
  g_autoptr(CommunitySheetBook) book = community_sheet_book_from_dataset (dataset, NULL, COMMUNITY_SHEET_WRITE_NONE);
  CommunitySheet *s = sheet (book, "communities");
  const CommunitySheetKind *kind = community_sheet_layout_find ("communities");
  guint32 extra, note, blank, n_committee = 0;

  /* The third community's committee is empty: the committee's columns are
   * one "committee:json" column (below). */
  for (guint i = 0; i < kind->columns->len; i++)
    n_committee += g_str_has_prefix (((CommunitySheetColumn *) g_ptr_array_index (kind->columns, i))->path, "committee/");
  ck_assert_uint_eq (n_committee, 3);

  /* Unknown members after every known column, in the order first seen. */
  extra = column_of (s, "extra_info:json");
  note = column_of (s, "note_x");
  blank = column_of (s, "blank_x:json");
  ck_assert_uint_eq (extra, kind->columns->len - n_committee);
  ck_assert_uint_eq (note, extra + 1);
  ck_assert_uint_eq (blank, extra + 2);
  ck_assert_uint_eq (column_of (s, "committee:json"), extra + 3);
  ck_assert (!has_column (s, "extra_info"));

  /* An object as JSON text; a string, in the same column, as JSON too. */
  assert_cell (s, 2, extra, COMMUNITY_CELL_STRING, "{\"a\":1}");
  assert_cell (s, 3, extra, COMMUNITY_CELL_STRING, "\"plain\"");
  ck_assert (test_sheet_cell (s, 4, extra) == NULL);
  /* A column of strings stays plain. */
  assert_cell (s, 2, note, COMMUNITY_CELL_STRING, "kept");
  ck_assert (test_sheet_cell (s, 3, note) == NULL);
  /* An empty string is not an empty cell. */
  assert_cell (s, 3, blank, COMMUNITY_CELL_STRING, "\"\"");

  /* An item holding a separator: the column is JSON, every cell of it. */
  s = sheet (book, "grids");
  ck_assert (!has_column (s, "administrators"));
  assert_cell (s, 2, column_of (s, "administrators:json"), COMMUNITY_CELL_STRING, "[\"W0006\",\"W0009\"]");
  assert_cell (s, 3, column_of (s, "administrators:json"), COMMUNITY_CELL_STRING, "[\"W0001；W0002\"]");

  /* Empty containers as JSON text in columns of their own. */
  s = sheet (book, "communities");
  assert_cell (s, 4, column_of (s, "committee:json"), COMMUNITY_CELL_STRING, "{}");
  ck_assert (!has_column (s, "committee/members"));
  assert_cell (s, 2, column_of (s, "committee:json"), COMMUNITY_CELL_STRING,
               "{\"members\":7,\"local_resident_members\":6,\"non_registered_voters_protected\":true}");
  /* The columns after it still in order, the cells in their columns. */
  assert_cell (s, 2, column_of (s, "households"), COMMUNITY_CELL_NUMBER, "2460");
  assert_cell (s, 2, column_of (s, "elderly/population"), COMMUNITY_CELL_NUMBER, "1744");
  s = sheet (book, "consultations");
  assert_cell (s, 3, column_of (s, "history:json"), COMMUNITY_CELL_STRING, "[]");
  ck_assert (test_sheet_cell (s, 2, column_of (s, "history:json")) == NULL);
  s = sheet (book, "grids");
  assert_cell (s, 4, column_of (s, "administrators:json"), COMMUNITY_CELL_STRING, "[]");

  /* What an .xlsx cell does not keep: a control character, "_xHHHH_". */
  s = sheet (book, "workers");
  assert_cell (s, 2, column_of (s, "name:json"), COMMUNITY_CELL_STRING, "\"a\\u0001b\"");
  s = sheet (book, "departments");
  assert_cell (s, 2, column_of (s, "name:json"), COMMUNITY_CELL_STRING, "\"\\u005fx0041_\"");
  assert_cell (s, 3, column_of (s, "name:json"), COMMUNITY_CELL_STRING, "\"市委政法委\"");

  /* Unknown root members: a string as it is, anything else as JSON. */
  s = sheet (book, "dataset");
  assert_cell (s, 5, 0, COMMUNITY_CELL_STRING, "producer");
  assert_cell (s, 5, 1, COMMUNITY_CELL_STRING, "tests");
  assert_cell (s, 6, 0, COMMUNITY_CELL_STRING, "checked:json");
  assert_cell (s, 6, 1, COMMUNITY_CELL_STRING, "true");
}
END_TEST

START_TEST (test_titles)
{
  g_autoptr(CommunitySheetBook) book = sample_book (COMMUNITY_SHEET_WRITE_TITLES);
  CommunitySheet *s = sheet (book, "数据集");
  const char *urban = community_vocabulary_chinese_term (COMMUNITY_TYPE_COMMUNITY_KIND, "urban");

  ck_assert (community_sheet_book_find_sheet (book, "communities") == NULL);
  assert_cell (s, 1, 0, COMMUNITY_CELL_STRING, "格式");
  assert_cell (s, 3, 0, COMMUNITY_CELL_STRING, "数据截至日期");
  assert_cell (s, 3, 1, COMMUNITY_CELL_STRING, "2019-12-31");

  s = sheet (book, "社区");
  assert_cell (s, 1, 0, COMMUNITY_CELL_STRING, "社区代码");
  assert_cell (s, 2, column_of (s, "社区代码"), COMMUNITY_CELL_STRING, "320213025001");
  assert_cell (s, 2, column_of (s, "居(村)委会成员数"), COMMUNITY_CELL_NUMBER, "7");
  /* Vocabulary values in Chinese, as the drop-down lists offer them. */
  ck_assert (urban != NULL);
  assert_cell (s, 2, column_of (s, "城乡类别"), COMMUNITY_CELL_STRING, urban);

  s = sheet (book, "社区协商_历程");
  assert_cell (s, 1, 0, COMMUNITY_CELL_STRING, "id");
  assert_cell (s, 2, 0, COMMUNITY_CELL_STRING, "K001");
  column_of (s, "时间");
}
END_TEST

START_TEST (test_template)
{
  g_autoptr(CommunitySheetBook) book = community_sheet_book_template (COMMUNITY_SHEET_WRITE_NONE);
  GPtrArray *layout = community_sheet_layout_get ();
  CommunitySheet *s = sheet (book, "dataset");

  ck_assert_uint_eq (s->rows->len, 2);
  assert_cell (s, 1, 0, COMMUNITY_CELL_STRING, "format");
  assert_cell (s, 1, 1, COMMUNITY_CELL_STRING, "libcommunity-dataset");
  assert_cell (s, 2, 0, COMMUNITY_CELL_STRING, "version");
  assert_cell (s, 2, 1, COMMUNITY_CELL_NUMBER, "1");

  ck_assert_uint_eq (book->sheets->len, layout->len);
  for (guint i = 1; i < layout->len; i++)
    {
      const CommunitySheetKind *kind = g_ptr_array_index (layout, i);
      CommunitySheet *t = g_ptr_array_index (book->sheets, i);
      const CommunitySheetRow *row;
      guint offset = kind->type == COMMUNITY_SHEET_KIND_CHILD;

      ck_assert_str_eq (t->name, kind->name);
      ck_assert_uint_eq (t->rows->len, 1);
      row = &g_array_index (t->rows, CommunitySheetRow, 0);
      ck_assert_uint_eq (row->number, 1);
      ck_assert_uint_eq (row->n_cells, kind->columns->len + offset);
      if (offset)
        assert_cell (t, 1, 0, COMMUNITY_CELL_STRING, kind->link);
    }
}
END_TEST

START_TEST (test_xlsx_package)
{
  g_autoptr(CommunityDataset) dataset = load_edited_sample ();
  g_autoptr(CommunitySheetBook) book = community_sheet_book_from_dataset (dataset, NULL, COMMUNITY_SHEET_WRITE_TITLES);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = community_xlsx_write (book, COMMUNITY_SHEET_WRITE_TITLES, NULL, &error);
  const char *data;
  gsize length;

  ck_assert_msg (bytes != NULL, "%s", error != NULL ? error->message : "");
  data = g_bytes_get_data (bytes, &length);
  ck_assert_uint_gt (length, 1000);
  ck_assert (memcmp (data, "PK\003\004", 4) == 0);
}
END_TEST

/* The package reads back through the library's reader as the book it
 * was written from, cell for cell (numbers by value: the book keeps
 * them as the sink wrote their text). */
START_TEST (test_xlsx_reads_back)
{
  for (int titles = 0; titles <= 1; titles++)
    {
      CommunitySheetWriteFlags flags = titles ? COMMUNITY_SHEET_WRITE_TITLES : COMMUNITY_SHEET_WRITE_NONE;
      g_autoptr(CommunityDataset) dataset = load_edited_sample ();
      g_autoptr(CommunitySheetBook) book = community_sheet_book_from_dataset (dataset, NULL, flags);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = community_xlsx_write (book, flags, NULL, &error);
      g_autoptr(CommunitySheetBook) back = NULL;
      gsize length;
      const char *data;

      ck_assert_msg (bytes != NULL, "%s", error != NULL ? error->message : "");
      data = g_bytes_get_data (bytes, &length);
      back = community_xlsx_read (data, length, &error);
      ck_assert_msg (back != NULL, "%s", error != NULL ? error->message : "");
      ck_assert_uint_eq (back->sheets->len, book->sheets->len);
      for (guint i = 0; i < book->sheets->len; i++)
        {
          CommunitySheet *written = g_ptr_array_index (book->sheets, i);
          CommunitySheet *read = g_ptr_array_index (back->sheets, i);

          ck_assert_str_eq (read->name, written->name);
          ck_assert_uint_eq (read->rows->len, written->rows->len);
          ck_assert_uint_eq (read->cells->len, written->cells->len);
          for (guint r = 0; r < written->rows->len; r++)
            {
              const CommunitySheetRow *row = &g_array_index (written->rows, CommunitySheetRow, r);
              const CommunityCell *cells = community_sheet_row_cells (written, row);

              ck_assert_uint_eq (g_array_index (read->rows, CommunitySheetRow, r).number, row->number);
              for (guint c = 0; c < row->n_cells; c++)
                {
                  const CommunityCell *cell = test_sheet_cell (read, row->number, cells[c].column);

                  ck_assert_msg (cell != NULL, "%s: no cell at row %u column %u", written->name,
                                 row->number, cells[c].column);
                  ck_assert_int_eq (cell->type, cells[c].type);
                  if (cell->type == COMMUNITY_CELL_NUMBER)
                    ck_assert (cell->number == cells[c].number);
                  else
                    ck_assert_str_eq (cell->text, cells[c].text);
                }
            }
        }
    }
}
END_TEST

/* The sheets' cells emitted on several threads (each sheet with its own
 * string chunk) are the cells emitted in one. */
START_TEST (test_parallel_emit)
{
  g_autoptr(CommunityDataset) dataset = load_edited_sample ();
  g_autoptr(CommunitySheetBook) one = NULL;
  g_autoptr(CommunitySheetBook) many = NULL;

  community_sheet_book_set_tuning (G_MAXUINT);
  one = community_sheet_book_from_dataset (dataset, NULL, COMMUNITY_SHEET_WRITE_TITLES);
  community_sheet_book_set_tuning (0);
  many = community_sheet_book_from_dataset (dataset, NULL, COMMUNITY_SHEET_WRITE_TITLES);
  community_sheet_book_set_tuning (20000);

  ck_assert_uint_eq (many->sheets->len, one->sheets->len);
  for (guint i = 0; i < one->sheets->len; i++)
    {
      CommunitySheet *a = g_ptr_array_index (one->sheets, i);
      CommunitySheet *b = g_ptr_array_index (many->sheets, i);

      ck_assert_str_eq (b->name, a->name);
      ck_assert_uint_eq (b->rows->len, a->rows->len);
      ck_assert_uint_eq (b->cells->len, a->cells->len);
      for (guint c = 0; c < a->cells->len; c++)
        {
          const CommunityCell *x = &g_array_index (a->cells, CommunityCell, c);
          const CommunityCell *y = &g_array_index (b->cells, CommunityCell, c);

          ck_assert_int_eq (y->type, x->type);
          ck_assert_uint_eq (y->column, x->column);
          ck_assert_str_eq (y->text, x->text);
          ck_assert (y->number == x->number);
        }
      for (guint r = 0; r < a->rows->len; r++)
        ck_assert_uint_eq (g_array_index (b->rows, CommunitySheetRow, r).number,
                           g_array_index (a->rows, CommunitySheetRow, r).number);
    }
}
END_TEST

START_TEST (test_xlsx_refuses_bad_sheet_name)
{
  g_autoptr(CommunitySheetBook) book = community_sheet_book_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  community_sheet_book_add_sheet (book, "a_name_longer_than_thirty_one_characters", NULL);
  bytes = community_xlsx_write (book, COMMUNITY_SHEET_WRITE_NONE, NULL, &error);
  ck_assert (bytes == NULL);
  ck_assert (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT));
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("sheet-writer");
  TCase *tc = tcase_create ("book");

  tcase_add_test (tc, test_dataset_sheet);
  tcase_add_test (tc, test_community_row);
  tcase_add_test (tc, test_history_rows);
  tcase_add_test (tc, test_json_columns);
  tcase_add_test (tc, test_titles);
  tcase_add_test (tc, test_template);
  tcase_add_test (tc, test_xlsx_package);
  tcase_add_test (tc, test_xlsx_reads_back);
  tcase_add_test (tc, test_parallel_emit);
  tcase_add_test (tc, test_xlsx_refuses_bad_sheet_name);
  suite_add_tcase (suite, tc);

  return community_test_run (suite);
}
