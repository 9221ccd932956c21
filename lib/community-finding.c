/* community-finding.c: one place where data falls short of the policy
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>

#include "community-finding-private.h"
#include "community-handoff-private.h"
#include "community-enum-types.h"
#include "json/community-json-private.h"
#include "community-quark-private.h"

/**
 * CommunityFinding:
 *
 * One place where a dataset falls short of the policy: which rule, how
 * serious, which clause of the policy it enforces, the entity it is about
 * (its kind and identity), the JSON Pointer of the value in the dataset, a
 * message for people, and the expected and actual values. For a floor or a
 * ratio, [method@Community.Finding.get_shortfall] says how far the data is
 * from the floor.
 *
 * Findings are immutable, and never contain personal data: messages name
 * workers by their id, not their name, ID number or phone. Like the
 * [class@Community.Report] that holds them, they may be read from any
 * thread, at the same time.
 */

/* A rule and the clause it cites (interned strings, the clause
 * nullable), interned in turn: the findings of a rule share one. */
typedef struct {
  const char *rule;
  const char *clause;
} Citation;

struct _CommunityFinding
{
  GObject parent_instance;

  /* 80 bytes, a slice of 80 (it was 120, a chunk of 128): a report holds
   * hundreds of thousands. The cell, which only data from a workbook has,
   * and the shortfall, which only floors and ratios have, are object data
   * (cell_quark, shortfall_quark). */
  const Citation *citation;
  guint8 severity;      /* CommunitySeverity */
  guint8 subject_kind;  /* CommunityEntityKind */
  guint8 has_path : 1;
  guint8 has_subject_id : 1;
  /* The block of text holds the message (unless there is a format), then
   * the path and the subject's id, each when there is one, from this
   * offset on. */
  guint32 after_message;
  char *text;
  /* NULL, or what the message is made from: a format whose one
   * conversion, "%s", the subject's id fills (community_finding_new()):
   * most messages are a sentence around the id, and their text was a third
   * of a report's memory. */
  const char *format;
  JsonNode *expected;
  JsonNode *actual;
  char **divisions;     /* community_finding_divisions_new()'s, a reference */
};

G_STATIC_ASSERT (GLIB_SIZEOF_VOID_P != 8 || sizeof (CommunityFinding) == 80);

G_DEFINE_FINAL_TYPE (CommunityFinding, community_finding, G_TYPE_OBJECT)

static GQuark cell_quark (void);
COMMUNITY_DEFINE_QUARK (community-finding-cell, cell)

/* A double, when there is a shortfall. */
static GQuark shortfall_quark (void);
COMMUNITY_DEFINE_QUARK (community-finding-shortfall, shortfall)

static guint
citation_hash (gconstpointer key)
{
  const Citation *citation = key;

  return g_direct_hash (citation->rule) * 31 + g_direct_hash (citation->clause);
}

static gboolean
citation_equal (gconstpointer a,
                gconstpointer b)
{
  const Citation *x = a, *y = b;

  return x->rule == y->rule && x->clause == y->clause;
}

/* The one Citation of @rule and @clause, which lives as long as the
 * process, as interned strings do (there are as many as rules and the
 * clauses rulesets give them). Each thread keeps the last it was given:
 * a rule's findings come one after another. */
static const Citation *
citation_intern (const char *rule,
                 const char *clause)
{
  static GMutex lock;
  static GHashTable *citations;   /* Citation -> itself */
  static __thread const Citation *last;
  Citation key = { rule, clause };
  const Citation *citation;

  if (last != NULL && last->rule == rule && last->clause == clause)
    return last;
  g_mutex_lock (&lock);
  /* GLib's lock is invisible to ThreadSanitizer. */
  community_handoff_acquire (&lock);
  if (citations == NULL)
    citations = g_hash_table_new (citation_hash, citation_equal);
  citation = g_hash_table_lookup (citations, &key);
  if (citation == NULL)
    {
      Citation *made = g_new (Citation, 1);

      *made = key;
      g_hash_table_add (citations, made);
      citation = made;
    }
  community_handoff_release (&lock);
  g_mutex_unlock (&lock);
  last = citation;
  return citation;
}

static inline double
shortfall_of (CommunityFinding *self)
{
  const double *shortfall = g_object_get_qdata (G_OBJECT (self), shortfall_quark ());

  return shortfall != NULL ? *shortfall : 0;
}

/* A message made from the format, once community_finding_get_message()
 * was asked for it. */
static GQuark message_quark (void);
COMMUNITY_DEFINE_QUARK (community-finding-message, message)

static inline const char *
path_of (CommunityFinding *self)
{
  return self->has_path ? self->text + self->after_message : NULL;
}

static inline const char *
subject_id_of (CommunityFinding *self)
{
  const char *text = self->text + self->after_message;

  if (!self->has_subject_id)
    return NULL;
  return self->has_path ? text + strlen (text) + 1 : text;
}

static inline const char *
cell_of (CommunityFinding *self)
{
  return g_object_get_qdata (G_OBJECT (self), cell_quark ());
}

/* The message of a finding made from a format, into @buffer (@size
 * bytes); FALSE when it does not fit. */
static gboolean
compose_message (CommunityFinding *self,
                 char             *buffer,
                 gsize             size)
{
  const char *mark = strstr (self->format, "%s");
  const char *id = subject_id_of (self);
  gsize before = (gsize) (mark - self->format), id_len = strlen (id), after = strlen (mark + 2);

  if (before + id_len + after >= size)
    return FALSE;
  memcpy (buffer, self->format, before);
  memcpy (buffer + before, id, id_len);
  memcpy (buffer + before + id_len, mark + 2, after + 1);
  return TRUE;
}

/* The message, newly allocated. */
static char *
message_dup (CommunityFinding *self)
{
  gsize size;
  char *message;

  if (self->format == NULL)
    return g_strdup (self->text);
  size = strlen (self->format) - 2 + strlen (subject_id_of (self)) + 1;
  message = g_malloc (size);
  compose_message (self, message, size);
  return message;
}

enum {
  PROP_0,
  PROP_RULE,
  PROP_SEVERITY,
  PROP_CLAUSE,
  PROP_SUBJECT_KIND,
  PROP_SUBJECT_ID,
  PROP_PATH,
  PROP_CELL,
  PROP_MESSAGE,
  PROP_SHORTFALL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
community_finding_finalize (GObject *object)
{
  CommunityFinding *self = COMMUNITY_FINDING (object);

  g_free (self->text);   /* the message, the path and the subject's id */
  g_clear_pointer (&self->expected, json_node_unref);
  g_clear_pointer (&self->actual, json_node_unref);
  g_clear_pointer (&self->divisions, community_finding_divisions_unref);

  G_OBJECT_CLASS (community_finding_parent_class)->finalize (object);
}

static void
community_finding_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CommunityFinding *self = COMMUNITY_FINDING (object);

  switch (prop_id)
    {
    case PROP_RULE: g_value_set_string (value, self->citation->rule); break;
    case PROP_SEVERITY: g_value_set_enum (value, self->severity); break;
    case PROP_CLAUSE: g_value_set_string (value, self->citation->clause); break;
    case PROP_SUBJECT_KIND: g_value_set_enum (value, self->subject_kind); break;
    case PROP_SUBJECT_ID: g_value_set_string (value, subject_id_of (self)); break;
    case PROP_PATH: g_value_set_string (value, path_of (self)); break;
    case PROP_CELL: g_value_set_string (value, cell_of (self)); break;
    case PROP_MESSAGE: g_value_take_string (value, message_dup (self)); break;
    case PROP_SHORTFALL: g_value_set_double (value, shortfall_of (self)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
community_finding_class_init (CommunityFindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = community_finding_finalize;
  object_class->get_property = community_finding_get_property;

  /**
   * CommunityFinding:rule:
   *
   * The id of the rule, e.g. `grid.leader`.
   */
  properties[PROP_RULE] = g_param_spec_string ("rule", NULL, NULL, NULL, flags);

  /**
   * CommunityFinding:severity:
   *
   * How serious the finding is, as the ruleset sets it for the rule.
   */
  properties[PROP_SEVERITY] =
    g_param_spec_enum ("severity", NULL, NULL, COMMUNITY_TYPE_SEVERITY,
                       COMMUNITY_SEVERITY_ERROR, flags);

  /**
   * CommunityFinding:clause:
   *
   * The clause of the policy the rule enforces, e.g. `三(四)`.
   */
  properties[PROP_CLAUSE] = g_param_spec_string ("clause", NULL, NULL, NULL, flags);

  /**
   * CommunityFinding:subject-kind:
   *
   * The kind of entity the finding is about.
   */
  properties[PROP_SUBJECT_KIND] =
    g_param_spec_enum ("subject-kind", NULL, NULL, COMMUNITY_TYPE_ENTITY_KIND,
                       COMMUNITY_ENTITY_KIND_DIVISION, flags);

  /**
   * CommunityFinding:subject-id:
   *
   * The identity of the entity the finding is about: a code, an id, or a
   * task number; %NULL for an entity that has none (a funding record, wage
   * baseline, survey or commendation may have no id: the path names it).
   */
  properties[PROP_SUBJECT_ID] = g_param_spec_string ("subject-id", NULL, NULL, NULL, flags);

  /**
   * CommunityFinding:path:
   *
   * The JSON Pointer (RFC 6901) of the value in the dataset, e.g.
   * `/grids/17/leader`.
   */
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, flags);

  /**
   * CommunityFinding:cell:
   *
   * Where the value is in the workbook or CSV files the dataset was loaded
   * from (DOMAIN.md §9): the sheet and the cell, e.g. `社区!F12`, or the
   * row, `社区!12:12`; %NULL for data that came from JSON.
   */
  properties[PROP_CELL] = g_param_spec_string ("cell", NULL, NULL, NULL, flags);

  /**
   * CommunityFinding:message:
   *
   * What is wrong, for people, in the language of the current locale.
   *
   * The rules keep each translation until gettext's catalogs change
   * (setlocale() of another locale, textdomain(), bindtextdomain()). A
   * program that changes `LANGUAGE` while it runs makes the change known
   * as GNU gettext's manual asks, by incrementing `_nl_msg_cat_cntr`, for
   * gettext's own cache as for the rules'.
   */
  properties[PROP_MESSAGE] = g_param_spec_string ("message", NULL, NULL, NULL, flags);

  /**
   * CommunityFinding:shortfall:
   *
   * For a floor or a ratio, how far the actual value is from the expected
   * one (e.g. 60 for "needs 960 m², has 900 m²"); 0 for other findings.
   */
  properties[PROP_SHORTFALL] =
    g_param_spec_double ("shortfall", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* A finding made with g_object_new() alone (a binding may make one) has
 * no rule and no clause. */
static const Citation no_citation = { NULL, NULL };

static void
community_finding_init (CommunityFinding *self)
{
  self->citation = &no_citation;
}

CommunityFinding *
community_finding_new (const char          *rule,
                       CommunitySeverity    severity,
                       const char          *clause,
                       CommunityEntityKind  subject_kind,
                       const char          *subject_id,
                       const char          *path,
                       const char          *message,
                       const char          *format,
                       JsonNode            *expected,
                       JsonNode            *actual,
                       double               shortfall)
{
  CommunityFinding *self;
  gsize message_size, path_size, id_size;
  char *block;

  g_return_val_if_fail ((message != NULL) != (format != NULL), NULL);
  g_return_val_if_fail (format == NULL || (subject_id != NULL && community_finding_format_takes_id (format)), NULL);

  /* The message (when there is no format), the path and the subject's id
   * in one block: a report holds hundreds of thousands. */
  message_size = message != NULL ? strlen (message) + 1 : 0;
  path_size = path != NULL ? strlen (path) + 1 : 0;
  id_size = subject_id != NULL ? strlen (subject_id) + 1 : 0;
  g_return_val_if_fail (message_size + path_size + id_size <= G_MAXUINT32, NULL);
  self = g_object_new (COMMUNITY_TYPE_FINDING, NULL);
  block = g_malloc (message_size + path_size + id_size);
  self->text = block;
  self->format = format;
  if (message != NULL)
    memcpy (block, message, message_size);
  self->after_message = (guint32) message_size;
  if (path != NULL)
    memcpy (block + message_size, path, path_size);
  if (subject_id != NULL)
    memcpy (block + message_size + path_size, subject_id, id_size);
  self->has_path = path != NULL;
  self->has_subject_id = subject_id != NULL;

  /* Interned by the caller: a rule's run interns them once. */
  self->citation = citation_intern (rule, clause);
  self->severity = severity;
  self->subject_kind = subject_kind;
  self->expected = expected;
  self->actual = actual;
  if (shortfall > 0)
    g_object_set_qdata_full (G_OBJECT (self), shortfall_quark (), g_memdup2 (&shortfall, sizeof shortfall), g_free);

  return self;
}

gboolean
community_finding_format_takes_id (const char *format)
{
  const char *mark = strchr (format, '%');

  return mark != NULL && mark[1] == 's' && strchr (mark + 2, '%') == NULL;
}

int
community_finding_compare_in_rule (CommunityFinding *a,
                                   CommunityFinding *b)
{
  int cmp;

  if ((cmp = g_strcmp0 (path_of (a), path_of (b))) != 0)
    return cmp;
  return g_strcmp0 (subject_id_of (a), subject_id_of (b));
}

char **
community_finding_divisions_new (const char * const *codes,
                                 guint               n_codes)
{
  gsize size = (n_codes + 1) * sizeof (char *);
  char **divisions;
  char *text;

  for (guint i = 0; i < n_codes; i++)
    size += strlen (codes[i]) + 1;
  /* One block: the pointers, then the strings. */
  divisions = g_atomic_rc_box_alloc (size);
  text = (char *) (divisions + n_codes + 1);
  for (guint i = 0; i < n_codes; i++)
    {
      gsize len = strlen (codes[i]) + 1;

      divisions[i] = memcpy (text, codes[i], len);
      text += len;
    }
  divisions[n_codes] = NULL;
  return divisions;
}

char **
community_finding_divisions_ref (char **divisions)
{
  return g_atomic_rc_box_acquire (divisions);
}

void
community_finding_divisions_unref (char **divisions)
{
  g_atomic_rc_box_release (divisions);
}

void
community_finding_set_divisions (CommunityFinding  *self,
                                 char             **divisions)
{
  g_clear_pointer (&self->divisions, community_finding_divisions_unref);
  self->divisions = divisions;
}

gboolean
community_finding_in_division (CommunityFinding *self,
                               const char       *code)
{
  return g_strcmp0 (subject_id_of (self), code) == 0 ||
         (self->divisions != NULL && g_strv_contains ((const char * const *) self->divisions, code));
}

const char * const *
community_finding_get_divisions (CommunityFinding *self)
{
  return (const char * const *) self->divisions;
}

void
community_finding_view (CommunityFinding     *self,
                        CommunityFindingView *view)
{
  view->rule = self->citation->rule;
  view->severity = self->severity;
  view->subject_kind = self->subject_kind;
  view->subject_id = subject_id_of (self);
  view->path = path_of (self);
  view->expected = self->expected;
  view->actual = self->actual;
  view->divisions = (const char * const *) self->divisions;
}

/**
 * community_finding_get_rule:
 * @self: a finding
 *
 * Gets the id of the rule that made the finding.
 *
 * Returns: the rule id
 */
const char *
community_finding_get_rule (CommunityFinding *self)
{
  g_return_val_if_fail (COMMUNITY_IS_FINDING (self), NULL);
  return self->citation->rule;
}

/**
 * community_finding_get_severity:
 * @self: a finding
 *
 * Gets how serious the finding is.
 *
 * Returns: the severity
 */
CommunitySeverity
community_finding_get_severity (CommunityFinding *self)
{
  g_return_val_if_fail (COMMUNITY_IS_FINDING (self), COMMUNITY_SEVERITY_ERROR);
  return self->severity;
}

/**
 * community_finding_get_clause:
 * @self: a finding
 *
 * Gets the clause of the policy the rule enforces, e.g. `四(一)`.
 *
 * Returns: (nullable): the clause, or %NULL for rules the policy does not
 *   state (data checks such as `ref.unresolved`)
 */
const char *
community_finding_get_clause (CommunityFinding *self)
{
  g_return_val_if_fail (COMMUNITY_IS_FINDING (self), NULL);
  return self->citation->clause;
}

/**
 * community_finding_get_subject_kind:
 * @self: a finding
 *
 * Gets the kind of entity the finding is about.
 *
 * Returns: the kind
 */
CommunityEntityKind
community_finding_get_subject_kind (CommunityFinding *self)
{
  g_return_val_if_fail (COMMUNITY_IS_FINDING (self), 0);
  return self->subject_kind;
}

/**
 * community_finding_get_subject_id:
 * @self: a finding
 *
 * Gets the identity of the entity the finding is about.
 *
 * Returns: (nullable): the code, id or task number; %NULL when the entity
 *   has none (see [property@Community.Finding:subject-id])
 */
const char *
community_finding_get_subject_id (CommunityFinding *self)
{
  g_return_val_if_fail (COMMUNITY_IS_FINDING (self), NULL);
  return subject_id_of (self);
}

/**
 * community_finding_get_cell:
 * @self: a finding
 *
 * Gets the cell of the offending value, when the dataset came from a
 * workbook or CSV files; see [property@Community.Finding:cell].
 *
 * Returns: (nullable): the cell, e.g. `社区!F12`
 */
const char *
community_finding_get_cell (CommunityFinding *self)
{
  g_return_val_if_fail (COMMUNITY_IS_FINDING (self), NULL);
  return cell_of (self);
}

void
community_finding_take_cell (CommunityFinding *self,
                             char             *cell)
{
  g_object_set_qdata_full (G_OBJECT (self), cell_quark (), cell, cell != NULL ? g_free : NULL);
}

/**
 * community_finding_get_path:
 * @self: a finding
 *
 * Gets the JSON Pointer of the offending value in the dataset.
 *
 * Returns: the pointer
 */
const char *
community_finding_get_path (CommunityFinding *self)
{
  g_return_val_if_fail (COMMUNITY_IS_FINDING (self), NULL);
  return path_of (self);
}

/**
 * community_finding_get_message:
 * @self: a finding
 *
 * Gets what is wrong, for people. Most messages are made from their
 * rule's sentence the first time they are read, and the finding keeps
 * them: a program that reads every finding's message once takes less
 * memory with [method@Community.Finding.dup_message].
 *
 * Returns: (nullable): the message, %NULL only for a finding made with
 *   g_object_new() rather than by a validator
 */
const char *
community_finding_get_message (CommunityFinding *self)
{
  char *message;

  g_return_val_if_fail (COMMUNITY_IS_FINDING (self), NULL);

  if (self->format == NULL)
    return self->text;
  /* Made once, the first time it is asked for; findings are read from
   * several threads at once, so the first one made is the one kept. */
  message = g_object_get_qdata (G_OBJECT (self), message_quark ());
  if (message != NULL)
    return message;
  message = message_dup (self);
  if (!g_object_replace_qdata (G_OBJECT (self), message_quark (), NULL, message, g_free, NULL))
    {
      g_free (message);
      message = g_object_get_qdata (G_OBJECT (self), message_quark ());
    }
  return message;
}

/**
 * community_finding_dup_message:
 * @self: a finding
 *
 * Gets what is wrong, for people, as a new string: what
 * [method@Community.Finding.get_message] returns, which a finding keeps
 * once asked for it. A program that reads each finding's message once (to
 * print a report) takes less memory with this.
 *
 * Returns: (transfer full) (nullable): the message, %NULL only for a
 *   finding made with g_object_new() rather than by a validator
 */
char *
community_finding_dup_message (CommunityFinding *self)
{
  g_return_val_if_fail (COMMUNITY_IS_FINDING (self), NULL);

  return message_dup (self);
}

const char *
community_finding_message (CommunityFinding *self,
                           char             *buffer,
                           gsize             size)
{
  if (self->format == NULL)
    return self->text;
  if (compose_message (self, buffer, size))
    return buffer;
  return community_finding_get_message (self);
}

/**
 * community_finding_get_expected:
 * @self: a finding
 *
 * Gets what the rule expected, as JSON: a number for a floor, an object
 * such as `{"min": 2000, "max": 3000}` for a range, a string for a state.
 *
 * The node belongs to the finding and must not be changed: `true`, `false`,
 * `null` and strings are sealed nodes that findings holding the same value
 * may share. A copy made with json_node_copy() shares what the node holds,
 * whose reference count is not atomic: to copy findings' values in several
 * threads at once, use [method@Community.Finding.to_json], which copies
 * deeply.
 *
 * Returns: (transfer none) (nullable): the expected value
 */
JsonNode *
community_finding_get_expected (CommunityFinding *self)
{
  g_return_val_if_fail (COMMUNITY_IS_FINDING (self), NULL);
  return self->expected;
}

/**
 * community_finding_get_actual:
 * @self: a finding
 *
 * Gets what the data holds, as JSON; `null` when the value is missing.
 *
 * The node belongs to the finding; see
 * [method@Community.Finding.get_expected].
 *
 * Returns: (transfer none) (nullable): the actual value
 */
JsonNode *
community_finding_get_actual (CommunityFinding *self)
{
  g_return_val_if_fail (COMMUNITY_IS_FINDING (self), NULL);
  return self->actual;
}

/**
 * community_finding_get_shortfall:
 * @self: a finding
 *
 * Gets how far the data is from a floor or a target ratio: the expected
 * value less the actual one. 0 for findings that are not about a number.
 *
 * Returns: the shortfall, ≥ 0
 */
double
community_finding_get_shortfall (CommunityFinding *self)
{
  g_return_val_if_fail (COMMUNITY_IS_FINDING (self), 0);
  return shortfall_of (self);
}

/**
 * community_finding_to_json:
 * @self: a finding
 *
 * Serializes the finding as a report writes it (DOMAIN.md §7):
 * `{"rule", "severity", "clause", "subject": {"type", "id"}, "path",
 * "message", "expected", "actual"}`, with `"cell"` after `"path"` for data
 * from a workbook or CSV files, and `"shortfall"` when there is one.
 *
 * Returns: (transfer full): a JSON object node
 */
static void
write_finding_tree (CommunityJsonSink *sink,
                    gpointer           data)
{
  community_finding_write (data, sink);
}

JsonNode *
community_finding_to_json (CommunityFinding *self)
{
  g_return_val_if_fail (COMMUNITY_IS_FINDING (self), NULL);

  return community_json_write_tree (write_finding_tree, self);
}

/* The one place that says a finding's members and their order: the tree
 * (community_finding_to_json()) and the report's text
 * (community_report_write_json()) are both written from here. */
void
community_finding_write (CommunityFinding  *self,
                         CommunityJsonSink *sink)
{
  const CommunityJsonSinkClass *k = sink->klass;
  g_autoptr(GEnumClass) severities = g_type_class_ref (COMMUNITY_TYPE_SEVERITY);
  g_autoptr(GEnumClass) kinds = g_type_class_ref (COMMUNITY_TYPE_ENTITY_KIND);
  char message[COMMUNITY_FINDING_MESSAGE_BUFFER];
  double shortfall = shortfall_of (self);
  const char *cell;

  k->begin_object (sink);
  k->member (sink, "rule");
  k->string (sink, self->citation->rule);
  k->member (sink, "severity");
  k->string (sink, g_enum_get_value (severities, self->severity)->value_nick);
  k->member (sink, "clause");
  k->string (sink, self->citation->clause);   /* NULL: null */
  k->member (sink, "subject");
  k->begin_object (sink);
  k->member (sink, "type");
  k->string (sink, g_enum_get_value (kinds, self->subject_kind)->value_nick);
  k->member (sink, "id");
  /* An entity without an id (funding, baselines, surveys and commendations
   * may have none): null, and the path says which. */
  k->string (sink, subject_id_of (self));
  k->end_object (sink);
  k->member (sink, "path");
  k->string (sink, path_of (self));
  cell = cell_of (self);
  if (cell != NULL)
    {
      k->member (sink, "cell");
      k->string (sink, cell);
    }
  k->member (sink, "message");
  k->string (sink, community_finding_message (self, message, sizeof message));
  k->member (sink, "expected");
  if (self->expected != NULL)
    k->node (sink, self->expected);
  else
    k->string (sink, NULL);
  k->member (sink, "actual");
  if (self->actual != NULL)
    k->node (sink, self->actual);
  else
    k->string (sink, NULL);
  if (shortfall > 0)
    {
      k->member (sink, "shortfall");
      k->number (sink, shortfall);
    }
  k->end_object (sink);
}
