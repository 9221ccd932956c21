/* community-sheet-source.c: a workbook's cells as tokens for the walker
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The token source (lib/json/community-json-source.h) of spreadsheets: it
 * walks a book of cells (community-sheet-book.h, what the xlsx and CSV
 * readers fill) as the JSON document DOMAIN.md §9's layout describes, for
 * the one dataset walker, which alone knows what each member means. This
 * file knows only where members are (community-sheet-layout.h):
 *
 *   - the "dataset" sheet's key/value rows are the root's members;
 *     "format" and "version" are the current ones when it does not say;
 *   - each sheet named by an entity kind's member or title is that kind's
 *     array, one record per row after the header row (row 1); a column is
 *     a member, a path ("committee/members") a member of a nested object,
 *     written only when one of its cells is not empty;
 *   - a child sheet's rows ("consultations_history") become the list
 *     member ("history") of the record whose identity their first column
 *     gives, in their order;
 *   - a "path:json" column's cells are JSON text, read by the tokenizer;
 *   - every other cell is one scalar: text a string (the walker reads it
 *     as its field wants: the source sets `cells`), a number an integer
 *     when written as one, else a double, a boolean true or false, a date
 *     cell its "YYYY-MM-DD" (a date-time cell, with a time of day, is
 *     read as China Standard Time, +08:00).
 *
 * Readings: an empty cell is an unset member; a row with no cell is not a
 * record; a sheet whose name the layout does not know is not read (a
 * 说明 sheet of instructions, say); a cell in a column with no header is
 * refused, as are a header written twice, a child row naming no parent
 * and two sheets of one kind.
 *
 * Tokens are made one record at a time into a queue, each with where it
 * came from, so that pointer() and location() can say it.
 */

#include "config.h"

#include <string.h>

#include "json/community-json-private.h"
#include "community-sheet-book.h"
#include "community-sheet-layout.h"
#include "community-sheet-source-private.h"
#include "community-error-private.h"

#define NO_COLUMN G_MAXUINT32

/* The most members a column's path may have ("committee/members" has 2). */
#define MAX_PATH_MEMBERS 64

/* A node of a sheet's column tree: a path's segment. */
typedef struct _Node Node;
struct _Node {
  char *name;          /* the member */
  char *path;          /* the path to it, "committee/members" */
  guint32 column;      /* a leaf: its column; NO_COLUMN for an object */
  gboolean json;       /* a leaf written "path:json" */
  GPtrArray *children; /* Node *: an object's members, in column order */
};

/* A sheet of the book, read as one kind of the layout. */
typedef struct {
  const CommunitySheet *sheet;
  const CommunitySheetKind *kind;
  Node *root;              /* the column tree */
  guint32 n_columns;       /* the header row's width */
  char **headers;          /* [n_columns]: each column's member path, or NULL */
  guint first_row;         /* index in sheet->rows of the first data row */
  /* Child sheets: the link column, and the data rows of each parent. */
  guint32 link_column;
  GHashTable *by_link;     /* link text -> GArray of row indices */
  GHashTable *used_links;  /* the links a parent took */
} Plan;

/* A token, with where it came from. */
typedef struct {
  CommunityJsonToken token;
  const Plan *plan;        /* NULL: the dataset sheet (row, column in it) or the root */
  guint32 row;             /* the sheet's row number; 0 for none */
  guint32 column;          /* NO_COLUMN for none */
  const char *path;        /* the member path within the record (or the root) */
  int record, item;        /* the record's index in its array, the item's in its list */
  const char *top;         /* the root member: a kind's array */
  const char *list;        /* the list member of the record ("history") */
} Entry;

typedef enum {
  STATE_START,
  STATE_SHEETS,
  STATE_ROWS,
  STATE_DONE,
} State;

typedef struct {
  CommunityJsonSource parent;
  CommunitySheetBook *book;
  GError *error;            /* made while queueing: given when reached */
  guint error_at;           /* the queue length it comes after */
  /* The queue: a plain array, not a GArray, whose g_array_set_size() for
   * each token cost a tenth of a CSV load. */
  Entry *queue;
  guint queue_len, queue_size;
  guint next;               /* the next entry of the queue to give */
  /* The entry given last: in the queue, or its copy in @kept once the
   * queue is refilled (a copy per record, not per token). */
  const Entry *last;
  Entry kept;
  GStringChunk *scratch;    /* text the queue made (member names of paths, dates) */
  CommunityJsonSource *json; /* the tokenizer of "path:json" cells, reset for each */
  State state;
  GPtrArray *plans;         /* Plan *: the entity sheets, in the book's order */
  Plan *dataset;            /* the dataset sheet, or NULL */
  guint plan;               /* the entity sheet being read */
  guint row;                /* its next row index */
  int record;               /* its next record's index */
  /* The origin: for each entity read, its row, and each child item's. */
  CommunitySheetOrigin *origin;
  /* A row's cells by column (row_by_column()): a record's, and one of
   * its child sheet's rows; as wide as the widest sheet, plus one. */
  const CommunityCell **record_cells, **item_cells;
} SheetSource;

/* --- the column tree --- */

static void
node_free (gpointer data)
{
  Node *node = data;

  g_free (node->name);
  g_free (node->path);
  g_clear_pointer (&node->children, g_ptr_array_unref);
  g_free (node);
}

static Node *
node_new (const char *name,
          const char *path)
{
  Node *node = g_new0 (Node, 1);

  node->name = g_strdup (name);
  node->path = g_strdup (path);
  node->column = NO_COLUMN;
  return node;
}

static Node *
node_child (Node       *parent,
            const char *name)
{
  if (parent->children == NULL)
    return NULL;
  for (guint i = 0; i < parent->children->len; i++)
    {
      Node *child = g_ptr_array_index (parent->children, i);

      if (strcmp (child->name, name) == 0)
        return child;
    }
  return NULL;
}

static void
plan_free (gpointer data)
{
  Plan *plan = data;

  if (plan == NULL)
    return;
  g_clear_pointer (&plan->root, node_free);
  if (plan->headers != NULL)
    for (guint32 c = 0; c < plan->n_columns; c++)
      g_free (plan->headers[c]);
  g_free (plan->headers);
  g_clear_pointer (&plan->by_link, g_hash_table_unref);
  g_clear_pointer (&plan->used_links, g_hash_table_unref);
  g_free (plan);
}

/* --- errors made here --- */

/* Whether a column's path may be named in a message: a member's name, or a
 * path of them ("committee/members", lower-case letters, digits and '_').
 * A header the layout does not know may be anything a person wrote in row
 * 1, data included (a sheet without a header row has a name or an ID
 * number there): such a path is left out, the cell says which column. */
static gboolean
member_like (const char *path)
{
  gboolean segment_start = TRUE;

  for (const char *p = path; *p != '\0'; p++)
    {
      if (*p == '/' && !segment_start)
        segment_start = TRUE;
      else if (g_ascii_islower (*p) || (!segment_start && (g_ascii_isdigit (*p) || *p == '_')))
        segment_start = FALSE;
      else
        return FALSE;
    }
  return !segment_start && strlen (path) <= 64;
}

/* Where (@sheet, @row, @column, @path) is, as a message says it: appended
 * to @out ("社区!F12 (households)", "社区!12:12", "社区"), and, when @error is
 * given, recorded on it (community_parse_error_get_sheet() …). */
static void
location_of (const CommunitySheet *sheet,
             guint32               row,
             guint32               column,
             const char           *path,
             GString              *out,
             GError               *error)
{
  char cell[48];
  const char *member = path != NULL && member_like (path) ? path : NULL;

  if (sheet == NULL)
    return;
  if (row == 0)
    cell[0] = '\0';
  else if (column == NO_COLUMN)
    g_snprintf (cell, sizeof cell, "%u:%u", row, row);
  else
    community_sheet_cell_name (row, column, cell);
  g_string_append (out, sheet->name);
  if (cell[0] != '\0')
    {
      g_string_append_c (out, '!');
      g_string_append (out, cell);
    }
  if (member != NULL)
    g_string_append_printf (out, " (%s)", member);
  if (error != NULL)
    community_parse_error_set_cell (error, sheet->name, cell[0] != '\0' ? cell : NULL, member);
}

G_GNUC_PRINTF (7, 8)
static void
sheet_error (SheetSource          *s,
             CommunityParseError   code,
             const CommunitySheet *sheet,
             guint32               row,
             guint32               column,
             const char           *path,
             const char           *format,
             ...)
{
  g_autoptr(GString) where = g_string_new (NULL);
  g_autofree char *message = NULL;
  va_list args;

  if (s->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (&s->error, COMMUNITY_PARSE_ERROR, code, "%s", message);
  location_of (sheet, row, column, path, where, s->error);
  if (where->len > 0)
    g_prefix_error (&s->error, "%s: ", where->str);
  s->error_at = s->queue_len;
}

/* --- planning a sheet --- */

/* The member path a header cell names in @kind: the layout's path for a
 * known column (by its path or its title), else the header as written. A
 * header "…:json" is @json. */
static char *
header_path (const CommunitySheetKind *kind,
             const CommunityCell      *cell,
             gboolean                 *json)
{
  g_autofree char *text = g_strstrip (g_strndup (cell->text, cell->length));
  const CommunitySheetColumn *column;
  gsize len = strlen (text);
  gsize suffix = strlen (COMMUNITY_SHEET_JSON_SUFFIX);

  *json = len > suffix && strcmp (text + len - suffix, COMMUNITY_SHEET_JSON_SUFFIX) == 0;
  if (*json)
    text[len - suffix] = '\0';
  column = kind != NULL ? community_sheet_kind_find_column (kind, text) : NULL;
  return g_strdup (column != NULL ? column->path : text);
}

static gboolean
valid_path (const char *path)
{
  if (*path == '\0' || *path == '/' || g_str_has_suffix (path, "/"))
    return FALSE;
  return strstr (path, "//") == NULL;
}

/* The header row of @plan's sheet into its column tree; @skip_column is
 * left out (a child sheet's link). */
static gboolean
plan_columns (SheetSource *s,
              Plan        *plan,
              guint32      skip_column)
{
  const CommunitySheet *sheet = plan->sheet;
  const CommunitySheetRow *header;
  const CommunityCell *cells;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  plan->root = node_new ("", "");
  plan->root->children = g_ptr_array_new_with_free_func (node_free);
  if (sheet->rows->len == 0)
    return TRUE;
  header = &g_array_index (sheet->rows, CommunitySheetRow, 0);
  if (header->number != 1)
    {
      sheet_error (s, COMMUNITY_PARSE_ERROR_MISSING, sheet, 1, NO_COLUMN, NULL,
                   "expected the columns' names in row 1, found an empty row");
      return FALSE;
    }
  plan->first_row = 1;
  cells = community_sheet_row_cells (sheet, header);
  plan->n_columns = header->n_cells > 0 ? cells[header->n_cells - 1].column + 1 : 0;
  plan->headers = g_new0 (char *, plan->n_columns + 1);

  for (guint i = 0; i < header->n_cells; i++)
    {
      const CommunityCell *cell = &cells[i];
      gboolean json = FALSE;
      g_autofree char *path = NULL;
      g_auto(GStrv) segments = NULL;
      Node *node;

      if (cell->type != COMMUNITY_CELL_STRING)
        {
          sheet_error (s, COMMUNITY_PARSE_ERROR_TYPE, sheet, 1, cell->column, NULL,
                       "expected a column's name (text), found a value");
          return FALSE;
        }
      path = header_path (plan->kind, cell, &json);
      if (!valid_path (path))
        {
          sheet_error (s, COMMUNITY_PARSE_ERROR_TYPE, sheet, 1, cell->column, NULL,
                       "expected a column's name or a path of members (“committee/members”)");
          return FALSE;
        }
      if (!g_hash_table_add (seen, g_strdup (path)))
        {
          sheet_error (s, COMMUNITY_PARSE_ERROR_DUPLICATE, sheet, 1, cell->column, path,
                       "expected each column once, but an earlier column is the same member");
          return FALSE;
        }
      plan->headers[cell->column] = g_strdup (path);
      if (cell->column == skip_column)
        continue;

      /* Down the tree, one segment at a time; a document nests no deeper
       * than COMMUNITY_JSON_MAX_DEPTH, and a dataset's paths have two
       * members: a header cell of thousands of '/' is refused. */
      segments = g_strsplit (path, "/", -1);
      if (g_strv_length (segments) > MAX_PATH_MEMBERS)
        {
          sheet_error (s, COMMUNITY_PARSE_ERROR_LIMIT, sheet, 1, cell->column, NULL,
                       "expected a path of at most %d members", MAX_PATH_MEMBERS);
          return FALSE;
        }
      node = plan->root;
      for (guint n = 0; segments[n] != NULL; n++)
        {
          Node *child = node_child (node, segments[n]);

          if (child == NULL)
            {
              GString *sub = g_string_new (NULL);

              for (guint m = 0; m <= n; m++)
                g_string_append_printf (sub, "%s%s", m > 0 ? "/" : "", segments[m]);
              child = node_new (segments[n], sub->str);
              g_string_free (sub, TRUE);
              if (node->children == NULL)
                node->children = g_ptr_array_new_with_free_func (node_free);
              g_ptr_array_add (node->children, child);
            }
          else if (child->column != NO_COLUMN || segments[n + 1] == NULL)
            {
              /* "committee" and "committee/members": a value and an object. */
              sheet_error (s, COMMUNITY_PARSE_ERROR_DUPLICATE, sheet, 1, cell->column, path,
                           "expected a member to be a value or an object, not both");
              return FALSE;
            }
          node = child;
        }
      node->column = cell->column;
      node->json = json;
    }
  community_sheet_origin_set_headers (s->origin, plan->kind, plan->headers, plan->n_columns);
  return TRUE;
}

static Plan *
plan_new (const CommunitySheet     *sheet,
          const CommunitySheetKind *kind)
{
  Plan *plan = g_new0 (Plan, 1);

  plan->sheet = sheet;
  plan->kind = kind;
  plan->link_column = NO_COLUMN;
  return plan;
}

/* A child sheet: its link column, and its rows by link. */
static Plan *
plan_child (SheetSource              *s,
            const CommunitySheet     *sheet,
            const CommunitySheetKind *kind)
{
  Plan *plan = plan_new (sheet, kind);
  const CommunitySheetRow *header;
  const CommunityCell *cells;

  plan->by_link = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  plan->used_links = g_hash_table_new (g_str_hash, g_str_equal);
  if (sheet->rows->len > 0)
    {
      header = &g_array_index (sheet->rows, CommunitySheetRow, 0);
      cells = community_sheet_row_cells (sheet, header);
      for (guint i = 0; header->number == 1 && i < header->n_cells; i++)
        {
          gboolean json;
          g_autofree char *path = header_path (kind, &cells[i], &json);

          /* The link: the parent's identity member, or its title. */
          if (!json && (strcmp (path, kind->link) == 0 ||
                        g_strcmp0 (path, community_sheet_kind_title (kind->parent, kind->link)) == 0))
            {
              plan->link_column = cells[i].column;
              break;
            }
        }
    }
  if (!plan_columns (s, plan, plan->link_column))
    return plan;
  if (sheet->rows->len > 1 && plan->link_column == NO_COLUMN)
    {
      sheet_error (s, COMMUNITY_PARSE_ERROR_MISSING, sheet, 1, NO_COLUMN, kind->link,
                   "expected a column naming the row of %s each row belongs to", kind->parent->name);
      return plan;
    }

  for (guint r = plan->first_row; r < sheet->rows->len; r++)
    {
      const CommunitySheetRow *row = &g_array_index (sheet->rows, CommunitySheetRow, r);
      const CommunityCell *link = NULL;
      GArray *rows;

      cells = community_sheet_row_cells (sheet, row);
      for (guint i = 0; i < row->n_cells; i++)
        if (cells[i].column == plan->link_column)
          link = &cells[i];
      if (link == NULL)
        {
          sheet_error (s, COMMUNITY_PARSE_ERROR_MISSING, sheet, row->number, plan->link_column, kind->link,
                       "expected the identity of the row of %s this row belongs to", kind->parent->name);
          return plan;
        }
      rows = g_hash_table_lookup (plan->by_link, link->text);
      if (rows == NULL)
        {
          rows = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (plan->by_link, (gpointer) link->text, rows);
        }
      g_array_append_val (rows, r);
    }
  return plan;
}

/* --- the queue --- */

static Entry *
push (SheetSource              *s,
      CommunityJsonTokenType    type,
      const Entry              *where)
{
  Entry *entry;

  if (s->queue_len == s->queue_size)
    {
      s->queue_size *= 2;
      s->queue = g_renew (Entry, s->queue, s->queue_size);
    }
  entry = &s->queue[s->queue_len++];
  *entry = *where;
  memset (&entry->token, 0, sizeof entry->token);
  entry->token.type = type;
  return entry;
}

static void
push_text (SheetSource            *s,
           CommunityJsonTokenType  type,
           const char             *str,
           gsize                   len,
           const Entry            *where)
{
  Entry *entry = push (s, type, where);

  entry->token.str = str;
  entry->token.len = len;
}

static gboolean
is_integer_text (const char *text,
                 gsize       len)
{
  gsize i = text[0] == '-' ? 1 : 0;

  if (i == len || len - i > 18)
    return FALSE;
  for (; i < len; i++)
    if (!g_ascii_isdigit (text[i]))
      return FALSE;
  return TRUE;
}

/* The tokens of a "path:json" cell. */
static void
push_json (SheetSource         *s,
           const CommunityCell *cell,
           const Entry         *where)
{
  CommunityJsonSource *tokenizer;
  g_autoptr(GError) error = NULL;
  CommunityJsonToken token;

  /* One tokenizer for every JSON cell: a new one zeroes its 512 frames. */
  if (s->json == NULL)
    s->json = community_json_tokenizer_new_for_data (cell->text, cell->length);
  else
    community_json_tokenizer_reset_for_data (s->json, cell->text, cell->length);
  tokenizer = s->json;

  for (;;)
    {
      Entry *entry;

      if (!community_json_source_next (tokenizer, &token, &error))
        {
          sheet_error (s, error->code, where->plan != NULL ? where->plan->sheet : NULL,
                       where->row, where->column, where->path,
                       "expected JSON text in this column (%s), but %s", COMMUNITY_SHEET_JSON_SUFFIX,
                       error->message);
          return;
        }
      if (token.type == COMMUNITY_JSON_TOKEN_END)
        return;
      entry = push (s, token.type, where);
      entry->token = token;
      if (token.type == COMMUNITY_JSON_TOKEN_STRING || token.type == COMMUNITY_JSON_TOKEN_MEMBER)
        entry->token.str = g_string_chunk_insert_len (s->scratch, token.str, (gssize) token.len);
    }
}

/* One cell's value. */
static void
push_cell (SheetSource         *s,
           const CommunityCell *cell,
           gboolean             json,
           const Entry         *where)
{
  Entry *entry;

  if (json)
    {
      push_json (s, cell, where);
      return;
    }
  switch (cell->type)
    {
    case COMMUNITY_CELL_STRING:
      push_text (s, COMMUNITY_JSON_TOKEN_STRING, cell->text, cell->length, where);
      break;
    case COMMUNITY_CELL_NUMBER:
      if (is_integer_text (cell->text, cell->length))
        {
          entry = push (s, COMMUNITY_JSON_TOKEN_INT, where);
          entry->token.i = g_ascii_strtoll (cell->text, NULL, 10);
        }
      else
        {
          entry = push (s, COMMUNITY_JSON_TOKEN_DOUBLE, where);
          entry->token.d = cell->number;
        }
      break;
    case COMMUNITY_CELL_BOOLEAN:
      push (s, cell->number != 0 ? COMMUNITY_JSON_TOKEN_TRUE : COMMUNITY_JSON_TOKEN_FALSE, where);
      break;
    case COMMUNITY_CELL_DATE:
    default:
      if (memchr (cell->text, 'T', cell->length) != NULL)
        {
          /* A date-time cell has no zone: China Standard Time. */
          g_autofree char *text = g_strconcat (cell->text, "+08:00", NULL);
          const char *kept = g_string_chunk_insert (s->scratch, text);

          push_text (s, COMMUNITY_JSON_TOKEN_STRING, kept, strlen (kept), where);
        }
      else
        push_text (s, COMMUNITY_JSON_TOKEN_STRING, cell->text, cell->length, where);
      break;
    }
}

/* Whether any leaf under @node has a cell in @by_column. */
static gboolean
node_has_cell (const Node           *node,
               const CommunityCell **by_column)
{
  if (node->column != NO_COLUMN)
    return by_column[node->column] != NULL;
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    if (node_has_cell (g_ptr_array_index (node->children, i), by_column))
      return TRUE;
  return FALSE;
}

static void
push_members (SheetSource          *s,
              const Node           *node,
              const CommunityCell **by_column,
              Entry                *where)
{
  for (guint i = 0; node->children != NULL && i < node->children->len; i++)
    {
      const Node *child = g_ptr_array_index (node->children, i);

      if (!node_has_cell (child, by_column))
        continue;
      where->path = child->path;
      where->column = child->column;
      push_text (s, COMMUNITY_JSON_TOKEN_MEMBER, child->name, strlen (child->name), where);
      if (child->column != NO_COLUMN)
        push_cell (s, by_column[child->column], child->json, where);
      else
        {
          push (s, COMMUNITY_JSON_TOKEN_OBJECT_START, where);
          push_members (s, child, by_column, where);
          where->path = child->path;
          where->column = NO_COLUMN;
          push (s, COMMUNITY_JSON_TOKEN_OBJECT_END, where);
        }
    }
}

/* The cells of @row by column, into @by_column (@plan->n_columns); FALSE
 * (and the error) for a cell in a column with no header. */
static gboolean
row_by_column (SheetSource              *s,
               const Plan               *plan,
               const CommunitySheetRow  *row,
               const CommunityCell     **by_column)
{
  const CommunityCell *cells = community_sheet_row_cells (plan->sheet, row);

  memset (by_column, 0, sizeof (CommunityCell *) * (plan->n_columns + 1));
  for (guint i = 0; i < row->n_cells; i++)
    {
      if (cells[i].column >= plan->n_columns || plan->headers[cells[i].column] == NULL)
        {
          sheet_error (s, COMMUNITY_PARSE_ERROR_MISSING, plan->sheet, row->number, cells[i].column, NULL,
                       "expected this cell's column to have a name in row 1");
          return FALSE;
        }
      by_column[cells[i].column] = &cells[i];
    }
  return TRUE;
}

/* One record: a row of an entity sheet, with its children's rows. */
static void
push_record (SheetSource             *s,
             Plan                    *plan,
             const CommunitySheetRow *row)
{
  const CommunityCell **by_column = s->record_cells;
  Entry where = {
    .plan = plan, .row = row->number, .column = NO_COLUMN, .path = NULL,
    .record = s->record, .item = -1, .top = plan->kind->name, .list = NULL,
  };
  if (!row_by_column (s, plan, row, by_column))
    return;
  community_sheet_origin_add_row (s->origin, plan->kind->kind, row->number);

  push (s, COMMUNITY_JSON_TOKEN_OBJECT_START, &where);
  push_members (s, plan->root, by_column, &where);

  /* Each child sheet's rows whose link is this record's identity. */
  for (guint c = 0; c < s->plans->len; c++)
    {
      Plan *child = g_ptr_array_index (s->plans, c);
      const char *link_path = child->kind->link;
      const CommunityCell *identity = NULL;
      GArray *rows;

      if (child->kind->type != COMMUNITY_SHEET_KIND_CHILD || child->kind->parent != plan->kind)
        continue;
      for (guint32 col = 0; col < plan->n_columns; col++)
        if (by_column[col] != NULL && g_strcmp0 (plan->headers[col], link_path) == 0)
          identity = by_column[col];
      if (identity == NULL ||
          (rows = g_hash_table_lookup (child->by_link, identity->text)) == NULL)
        continue;
      g_hash_table_add (child->used_links, (gpointer) identity->text);

      where.path = child->kind->member;
      where.column = NO_COLUMN;
      where.list = child->kind->member;
      push_text (s, COMMUNITY_JSON_TOKEN_MEMBER, child->kind->member, strlen (child->kind->member), &where);
      push (s, COMMUNITY_JSON_TOKEN_ARRAY_START, &where);
      for (guint i = 0; i < rows->len; i++)
        {
          const CommunitySheetRow *child_row = &g_array_index (child->sheet->rows, CommunitySheetRow,
                                                               g_array_index (rows, guint, i));
          const CommunityCell **child_cells = s->item_cells;
          Entry item = {
            .plan = child, .row = child_row->number, .column = NO_COLUMN, .path = NULL,
            .record = s->record, .item = (int) i, .top = plan->kind->name, .list = child->kind->member,
          };

          if (!row_by_column (s, child, child_row, child_cells))
            return;
          community_sheet_origin_add_item (s->origin, plan->kind->kind, s->record, child->kind->member,
                                           child_row->number);
          push (s, COMMUNITY_JSON_TOKEN_OBJECT_START, &item);
          push_members (s, child->root, child_cells, &item);
          item.path = NULL;
          item.column = NO_COLUMN;
          push (s, COMMUNITY_JSON_TOKEN_OBJECT_END, &item);
        }
      where.path = child->kind->member;
      push (s, COMMUNITY_JSON_TOKEN_ARRAY_END, &where);
      where.list = NULL;
    }

  where.path = NULL;
  where.column = NO_COLUMN;
  push (s, COMMUNITY_JSON_TOKEN_OBJECT_END, &where);
  s->record++;
}

/* After an entity sheet: its children's rows that named no record. */
static void
check_children_used (SheetSource *s,
                     Plan        *plan)
{
  for (guint c = 0; c < s->plans->len; c++)
    {
      Plan *child = g_ptr_array_index (s->plans, c);

      if (child->kind->type != COMMUNITY_SHEET_KIND_CHILD || child->kind->parent != plan->kind)
        continue;
      for (guint r = child->first_row; r < child->sheet->rows->len; r++)
        {
          const CommunitySheetRow *row = &g_array_index (child->sheet->rows, CommunitySheetRow, r);
          const CommunityCell *cells = community_sheet_row_cells (child->sheet, row);

          for (guint i = 0; i < row->n_cells; i++)
            if (cells[i].column == child->link_column &&
                !g_hash_table_contains (child->used_links, cells[i].text))
              {
                sheet_error (s, COMMUNITY_PARSE_ERROR_MISSING, child->sheet, row->number,
                             child->link_column, child->kind->link,
                             "expected the identity of a row of %s, found one that none has",
                             plan->sheet->name);
                return;
              }
        }
    }
}

/* The root's members from the dataset sheet: column A the member, B its
 * value. */
static void
push_dataset (SheetSource *s)
{
  const CommunitySheetKind *kind = community_sheet_layout_find (COMMUNITY_SHEET_DATASET);
  gboolean format = FALSE, version = FALSE;
  Entry where = { .plan = NULL, .row = 0, .column = NO_COLUMN, .record = -1, .item = -1 };

  if (s->dataset != NULL)
    {
      const CommunitySheet *sheet = s->dataset->sheet;

      for (guint r = 0; r < sheet->rows->len; r++)
        {
          const CommunitySheetRow *row = &g_array_index (sheet->rows, CommunitySheetRow, r);
          const CommunityCell *cells = community_sheet_row_cells (sheet, row);
          const CommunityCell *key = NULL, *value = NULL;
          gboolean json = FALSE;
          g_autofree char *name = NULL;
          const char *path;

          for (guint i = 0; i < row->n_cells; i++)
            {
              if (cells[i].column == 0)
                key = &cells[i];
              else if (cells[i].column == 1)
                value = &cells[i];
              else
                {
                  sheet_error (s, COMMUNITY_PARSE_ERROR_TYPE, sheet, row->number, cells[i].column, NULL,
                               "expected a member's name in column A and its value in column B, "
                               "found a cell beyond them");
                  return;
                }
            }
          if (key == NULL || key->type != COMMUNITY_CELL_STRING)
            {
              sheet_error (s, COMMUNITY_PARSE_ERROR_TYPE, sheet, row->number, 0, NULL,
                           "expected a member's name in column A");
              return;
            }
          if (value == NULL)
            continue;
          name = header_path (kind, key, &json);
          path = g_string_chunk_insert (s->scratch, name);
          format |= strcmp (path, "format") == 0;
          version |= strcmp (path, "version") == 0;

          where.plan = NULL;
          where.row = row->number;
          where.column = 1;
          where.path = path;
          push_text (s, COMMUNITY_JSON_TOKEN_MEMBER, path, strlen (path), &where);
          push_cell (s, value, json, &where);
        }
    }

  /* A workbook is of the format and version this library writes. */
  where.row = 0;
  where.column = NO_COLUMN;
  if (!format)
    {
      where.path = "format";
      push_text (s, COMMUNITY_JSON_TOKEN_MEMBER, "format", 6, &where);
      push_text (s, COMMUNITY_JSON_TOKEN_STRING, "libcommunity-dataset", 20, &where);
    }
  if (!version)
    {
      Entry *entry;

      where.path = "version";
      push_text (s, COMMUNITY_JSON_TOKEN_MEMBER, "version", 7, &where);
      entry = push (s, COMMUNITY_JSON_TOKEN_INT, &where);
      entry->token.i = 1;
    }
}

/* Plans every sheet of the book the layout knows. */
static void
plan_book (SheetSource *s)
{
  g_autoptr(GHashTable) kinds = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < s->book->sheets->len && s->error == NULL; i++)
    {
      const CommunitySheet *sheet = g_ptr_array_index (s->book->sheets, i);
      const CommunitySheetKind *kind = community_sheet_layout_find (sheet->name);
      Plan *plan;

      if (kind == NULL)
        continue;   /* not ours: instructions, notes */
      if (!g_hash_table_add (kinds, (gpointer) kind))
        {
          sheet_error (s, COMMUNITY_PARSE_ERROR_DUPLICATE, sheet, 0, NO_COLUMN, NULL,
                       "expected one sheet of %s, found a second one", kind->name);
          return;
        }
      switch (kind->type)
        {
        case COMMUNITY_SHEET_KIND_DATASET:
          s->dataset = plan_new (sheet, kind);
          break;
        case COMMUNITY_SHEET_KIND_CHILD:
          g_ptr_array_add (s->plans, plan_child (s, sheet, kind));
          break;
        case COMMUNITY_SHEET_KIND_ENTITIES:
        default:
          plan = plan_new (sheet, kind);
          g_ptr_array_add (s->plans, plan);
          plan_columns (s, plan, NO_COLUMN);
          break;
        }
    }

  {
    guint32 widest = 0;

    for (guint i = 0; i < s->plans->len; i++)
      widest = MAX (widest, ((Plan *) g_ptr_array_index (s->plans, i))->n_columns);
    s->record_cells = g_new (const CommunityCell *, (gsize) widest + 1);
    s->item_cells = g_new (const CommunityCell *, (gsize) widest + 1);
  }
}

/* Fills the queue with the next tokens. */
static void
refill (SheetSource *s)
{
  Entry where = { .plan = NULL, .row = 0, .column = NO_COLUMN, .record = -1, .item = -1 };

  if (s->last != &s->kept)
    {
      s->kept = *s->last;
      s->last = &s->kept;
    }
  s->queue_len = 0;
  s->next = 0;
  while (s->queue_len == 0 && s->error == NULL)
    switch (s->state)
      {
      case STATE_START:
        push (s, COMMUNITY_JSON_TOKEN_OBJECT_START, &where);
        plan_book (s);
        if (s->error == NULL)
          push_dataset (s);
        s->state = STATE_SHEETS;
        s->plan = 0;
        break;

      case STATE_SHEETS:
        /* The next entity sheet, or the end. */
        while (s->plan < s->plans->len &&
               ((Plan *) g_ptr_array_index (s->plans, s->plan))->kind->type != COMMUNITY_SHEET_KIND_ENTITIES)
          s->plan++;
        if (s->plan == s->plans->len)
          {
            push (s, COMMUNITY_JSON_TOKEN_OBJECT_END, &where);
            push (s, COMMUNITY_JSON_TOKEN_END, &where);
            s->state = STATE_DONE;
            break;
          }
        {
          Plan *plan = g_ptr_array_index (s->plans, s->plan);

          where.plan = plan;
          where.top = plan->kind->name;
          where.path = NULL;
          push_text (s, COMMUNITY_JSON_TOKEN_MEMBER, plan->kind->name, strlen (plan->kind->name), &where);
          push (s, COMMUNITY_JSON_TOKEN_ARRAY_START, &where);
          s->row = plan->first_row;
          s->record = 0;
          s->state = STATE_ROWS;
        }
        break;

      case STATE_ROWS:
        {
          Plan *plan = g_ptr_array_index (s->plans, s->plan);

          if (s->row < plan->sheet->rows->len)
            {
              push_record (s, plan, &g_array_index (plan->sheet->rows, CommunitySheetRow, s->row));
              s->row++;
            }
          else
            {
              check_children_used (s, plan);
              where.plan = plan;
              where.top = plan->kind->name;
              push (s, COMMUNITY_JSON_TOKEN_ARRAY_END, &where);
              s->plan++;
              s->state = STATE_SHEETS;
            }
        }
        break;

      case STATE_DONE:
      default:
        push (s, COMMUNITY_JSON_TOKEN_END, &where);
        break;
      }
}

/* --- the source --- */

static gboolean
sheet_source_next (CommunityJsonSource  *source,
                   CommunityJsonToken   *token,
                   GError              **error)
{
  SheetSource *s = (SheetSource *) source;

  if (s->next >= s->queue_len && s->error == NULL)
    refill (s);
  if (s->error != NULL && s->next >= s->error_at)
    {
      g_propagate_error (error, g_steal_pointer (&s->error));
      s->error = g_error_new_literal (COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_SYNTAX, "(done)");
      s->error_at = 0;
      return FALSE;
    }

  s->last = &s->queue[s->next];
  s->next++;
  *token = s->last->token;

  switch (token->type)
    {
    case COMMUNITY_JSON_TOKEN_OBJECT_START:
    case COMMUNITY_JSON_TOKEN_ARRAY_START:
      source->depth++;
      break;
    case COMMUNITY_JSON_TOKEN_OBJECT_END:
    case COMMUNITY_JSON_TOKEN_ARRAY_END:
      source->depth--;
      break;
    default:
      break;
    }
  source->claim_names = FALSE;
  return TRUE;
}

static void
sheet_source_pointer (CommunityJsonSource *source,
                      GString             *pointer)
{
  SheetSource *s = (SheetSource *) source;
  const Entry *e = s->last;
  g_auto(GStrv) segments = NULL;

  if (e->top == NULL)
    {
      /* The root, or one of its members. */
      if (e->path != NULL && !(e->token.type == COMMUNITY_JSON_TOKEN_OBJECT_START ||
                               e->token.type == COMMUNITY_JSON_TOKEN_OBJECT_END))
        community_json_pointer_push_member (pointer, e->path);
      return;
    }
  community_json_pointer_push_member (pointer, e->top);
  /* A kind's array itself, and its start and end. */
  if (e->record < 0 || (e->path == NULL && (e->token.type == COMMUNITY_JSON_TOKEN_ARRAY_START ||
                                            e->token.type == COMMUNITY_JSON_TOKEN_ARRAY_END)))
    return;
  community_json_pointer_push_index (pointer, (guint) e->record);
  if (e->list != NULL)
    {
      community_json_pointer_push_member (pointer, e->list);
      if (e->item < 0)
        return;
      community_json_pointer_push_index (pointer, (guint) e->item);
    }
  if (e->path == NULL)
    return;
  segments = g_strsplit (e->path, "/", -1);
  for (guint i = 0; segments[i] != NULL; i++)
    community_json_pointer_push_member (pointer, segments[i]);
}

static void
sheet_source_location (CommunityJsonSource *source,
                       const char          *member,
                       GString             *out,
                       GError              *error)
{
  SheetSource *s = (SheetSource *) source;
  const Entry *e = s->last;
  const CommunitySheet *sheet = e->plan != NULL ? e->plan->sheet : s->dataset != NULL ? s->dataset->sheet : NULL;
  guint32 column = e->column;
  g_autofree char *path = NULL;

  if (sheet == NULL || (e->plan == NULL && e->row == 0))
    return;
  if (member != NULL)
    {
      path = e->path != NULL ? g_strconcat (e->path, "/", member, NULL) : g_strdup (member);
      column = NO_COLUMN;
      if (e->plan != NULL)
        for (guint32 c = 0; c < e->plan->n_columns; c++)
          if (g_strcmp0 (e->plan->headers[c], path) == 0)
            column = c;
    }
  else if (e->path != NULL)
    path = g_strdup (e->path);
  location_of (sheet, e->record < 0 && e->plan != NULL ? 0 : e->row, column, path, out, error);
}

static void
sheet_source_free (CommunityJsonSource *source)
{
  SheetSource *s = (SheetSource *) source;

  g_clear_error (&s->error);
  g_clear_pointer (&s->json, community_json_source_free);
  g_free (s->queue);
  g_free (s->record_cells);
  g_free (s->item_cells);
  g_string_chunk_free (s->scratch);
  g_ptr_array_unref (s->plans);
  plan_free (s->dataset);
  community_sheet_book_free (s->book);
  community_sheet_origin_unref (s->origin);
  g_free (s);
}

static const CommunityJsonSourceClass sheet_source_class = {
  sheet_source_next,
  NULL,   /* next_member: next() alone */
  sheet_source_pointer,
  sheet_source_free,
  sheet_source_location,
};

CommunityJsonSource *
community_sheet_source_new (CommunitySheetBook *book)
{
  SheetSource *s = g_new0 (SheetSource, 1);

  s->parent.klass = &sheet_source_class;
  s->parent.cells = TRUE;
  s->book = book;
  s->queue_size = 64;
  s->queue = g_new (Entry, s->queue_size);
  s->last = &s->kept;
  s->scratch = g_string_chunk_new (4096);
  s->plans = g_ptr_array_new_with_free_func (plan_free);
  s->origin = community_sheet_origin_new ();
  for (guint i = 0; i < book->sheets->len; i++)
    {
      const CommunitySheet *sheet = g_ptr_array_index (book->sheets, i);
      const CommunitySheetKind *kind = community_sheet_layout_find (sheet->name);

      if (kind != NULL)
        community_sheet_origin_add_sheet (s->origin, kind, sheet->name);
    }
  return &s->parent;
}

CommunitySheetOrigin *
community_sheet_source_get_origin (CommunityJsonSource *source)
{
  if (source->klass != &sheet_source_class)
    return NULL;
  return ((SheetSource *) source)->origin;
}
