/* community-record-private.h: how entity types describe their fields
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A record type declares its properties as ordinary GParamSpecs and passes
 * them, with one CommunityField per property, to
 * community_record_class_install_fields().  From that table the base class
 * stores values, tracks which fields are set, emits notify only on change,
 * and the JSON reader and writer (lib/json/) convert every field without
 * per-type code.  The JSON member name of a field is its property name with
 * '-' replaced by '_'.
 */

#pragma once

#include "community-record.h"
#include "community-enums.h"

G_BEGIN_DECLS

typedef enum {
  COMMUNITY_FIELD_OPTIONAL  = 0,
  /* A document without this member is refused. */
  COMMUNITY_FIELD_REQUIRED  = 1 << 0,
  /* The entity's identity (code, id, number); implies REQUIRED and is
   * construct-only, so an indexed entity's key never changes. */
  COMMUNITY_FIELD_IDENTITY  = 1 << 1,
  /* Personal data (GB 11643 numbers, phones, workers' names): never quoted
   * in a message or a log line, masked or dropped on a private export. */
  COMMUNITY_FIELD_PERSONAL  = 1 << 2,
  /* The identity of another entity (or, for string arrays, identities);
   * ref_kinds says which kinds it may name. */
  COMMUNITY_FIELD_REFERENCE = 1 << 3,
  /* With IDENTITY: the identity may be absent (DOMAIN.md §2: funding, wage
   * baselines, surveys and commendations). An entity without one is not
   * indexed and is addressed by its position. */
  COMMUNITY_FIELD_IDENTITY_OPTIONAL = 1 << 4,
} CommunityFieldFlags;

#define COMMUNITY_REF_KIND(k) (1u << (COMMUNITY_ENTITY_KIND_##k))

typedef struct {
  CommunityFieldFlags flags;
  /* For references: a mask of COMMUNITY_REF_KIND() bits. */
  guint ref_kinds;
  /* For G_TYPE_LIST_MODEL fields: the type of the items (a record type). */
  GType (*item_type) (void);
  /* For references whose kind another field decides (a commendation's
   * subject, by its kind): the kinds @record's value may name, a subset of
   * ref_kinds. NULL: ref_kinds. Read through community_record_ref_kinds(). */
  guint (*record_ref_kinds) (CommunityRecord *record);
} CommunityField;

typedef struct {
  guint n_fields;               /* properties have ids 1..n_fields */
  GParamSpec **pspecs;          /* [n_fields + 1], indexed by property id */
  const CommunityField *fields; /* [n_fields + 1], indexed by property id */
  char **json_names;            /* [n_fields + 1], indexed by property id */
  gsize json_name_len[64];      /* [COMMUNITY_MAX_FIELDS + 1]: their lengths */
  GHashTable *by_json_name;     /* JSON member name -> GUINT_TO_POINTER (id) */
  guint identity_id;            /* 0 when the type has no identity */
  /* The ids of the fields a document must give (REQUIRED, and IDENTITY
   * unless IDENTITY_OPTIONAL), one bit each: 1 << id. */
  guint64 required;
  /* community_field_table_lookup()'s cache: (name address << 8) | id.
   * Large enough that the names the rules read of one type (a worker's:
   * dozens of literals) seldom evict each other: with 32 entries the
   * fallback to the hash table was ~1.4 % of a province's load + validate
   * profile. */
  gpointer by_address[256];
  /* How each field is stored (community-record.c): the fundamental type
   * of its value, G_TYPE_OBJECT for interfaces. */
  GType storage[64];   /* [COMMUNITY_MAX_FIELDS + 1] */
  /* Bit id: the field holds an object (a nested record, a list model). For
   * community_record_foreach_missing(). */
  guint64 object_mask;
} CommunityFieldTable;

/* How a record stores a field's value: 8 bytes, read by the type of the
 * field's GParamSpec (strings, boxed values and objects as pointers;
 * booleans, uints, int64s, enums and flags in @i; doubles in @d). */
typedef union {
  gpointer p;
  gint64 i;
  double d;
} CommunityFieldSlot;

/* At most this many fields in one record type (the set-mask is 64 bits). */
#define COMMUNITY_MAX_FIELDS 63

/* CommunityRecordClass as the library sees it: the public header shows
 * padding where the class keeps its field table. */
typedef struct {
  GObjectClass parent_class;
  const CommunityFieldTable *fields;
  /* Called after a field of a record of the class changed (set, or
   * unset), once `notify` was queued for it: the entities tell their
   * dataset (community-entity.c). NULL for plain records. Not GObject's
   * dispatch_properties_changed(): a class that overrides it has every
   * g_object_new() freeze and thaw its notify queue under a global lock,
   * which doubled the cost of building a record and made two threads
   * loading at once wait on each other (doc/performance.md). */
  void (*changed) (CommunityRecord *self,
                   GParamSpec      *pspec);
  gpointer padding[6];
} CommunityRecordClassPrivate;

G_STATIC_ASSERT (sizeof (CommunityRecordClassPrivate) == sizeof (CommunityRecordClass));

#define COMMUNITY_RECORD_CLASS_PRIVATE(klass) ((CommunityRecordClassPrivate *) (klass))

void                       community_record_class_install_fields (CommunityRecordClass *klass,
                                                                  guint                 n_props,
                                                                  GParamSpec          **pspecs,
                                                                  const CommunityField *fields);
/* The kinds of entity reference field @id of @record may name. */
guint                      community_record_ref_kinds (CommunityRecord *record,
                                                       guint            id);
const CommunityFieldTable *community_record_class_get_fields     (CommunityRecordClass *klass);
const CommunityFieldTable *community_record_get_fields           (CommunityRecord      *self);
/* The id of the field whose JSON name is @json_name, 0 if none; fastest
 * when @json_name is a string literal (cached by its address). */
guint                      community_field_table_lookup          (const CommunityFieldTable *table,
                                                                  const char                *json_name);

/* The stored value of a field; NULL when it is not set. */
const GValue              *community_record_peek                 (CommunityRecord      *self,
                                                                  guint                 prop_id);
/* Stores @value (taking its contents, leaving it unset) as set, without
 * notify: for the JSON reader, which fills records nobody observes yet. */
void                       community_record_take_value           (CommunityRecord      *self,
                                                                  guint                 prop_id,
                                                                  GValue               *value);
/* For the fast reader: gives a record fresh from g_object_new() all its
 * fields at once, in one allocation with the text of its strings (a
 * province has millions of short strings: a malloc chunk each took more
 * memory than their text). The fields are the ids in @present; each takes
 * what @slots[id] owns (and @slots[id] is cleared), except the ids in
 * @in_text: their strings are copied from @text (@text_len bytes) into the
 * block. The slot of such a string holds the offset of its nul-terminated
 * text in @text; that of a string array, COMMUNITY_TEXT_STRV (offset of
 * the first string, number of strings), its strings following one another,
 * each nul-terminated. A value later set in place of one in the block is
 * allocated as usual; the block goes with the record. */
void                       community_record_take_fields          (CommunityRecord      *self,
                                                                  guint64               present,
                                                                  CommunityFieldSlot   *slots,
                                                                  guint64               in_text,
                                                                  const char           *text,
                                                                  gsize                 text_len);
#define COMMUNITY_TEXT_STRV_MAX_OFFSET  (G_GUINT64_CONSTANT (1) << 40)
#define COMMUNITY_TEXT_STRV_MAX_COUNT   (G_GUINT64_CONSTANT (1) << 23)
#define COMMUNITY_TEXT_STRV(offset, count) ((gint64) (((guint64) (count) << 40) | (guint64) (offset)))
#define COMMUNITY_TEXT_STRV_OFFSET(v)   ((guint64) (v) & (COMMUNITY_TEXT_STRV_MAX_OFFSET - 1))
#define COMMUNITY_TEXT_STRV_COUNT(v)    ((guint64) (v) >> 40)
/* Frees what @slot owns, read for field @prop_id of @table's type. */
void                       community_record_clear_slot           (const CommunityFieldTable *table,
                                                                  guint                 prop_id,
                                                                  CommunityFieldSlot   *slot);
/* Takes ownership of @extra: the unknown members kept for the round trip. */
void                       community_record_take_extra           (CommunityRecord      *self,
                                                                  JsonObject           *extra);
/* A deep copy: a new record of the same type whose fields are set as
 * @self's are, to copies of its values (nested records and lists of them
 * copied in turn), with a copy of its unknown members; it shares nothing
 * mutable with @self, so each may then be used from its own thread. An
 * entity's copy belongs to no dataset. Emits no notify. */
CommunityRecord           *community_record_copy_deep            (CommunityRecord      *self);


/* The stored value of field @prop_id, as stored; NULL when it is not set. */
const CommunityFieldSlot  *community_record_peek_slot            (CommunityRecord      *self,
                                                                  guint                 prop_id);

/* The stored value of the field whose JSON name is @json_name, as stored;
 * NULL when it is not set. The fastest read there is, for the rules. */
const CommunityFieldSlot  *community_record_peek_slot_by_name    (CommunityRecord      *self,
                                                                  const char           *json_name);

/* The stored value of the field whose JSON name is @json_name; NULL when
 * it is not set. */
const GValue              *community_record_peek_by_name         (CommunityRecord      *self,
                                                                  const char           *json_name);

/* Appends @item to the list field @prop_id (a G_TYPE_LIST_MODEL field
 * whose item type @item is): in place, with only `items-changed`, when the
 * field holds a GListStore of that item type; otherwise the field becomes
 * a new GListStore holding the items it had (those of the item type) and
 * @item, which notifies the field. The histories of consultations and work
 * items grow this way. */
void                       community_record_append_item          (CommunityRecord      *self,
                                                                  guint                 prop_id,
                                                                  gpointer              item);

/* Typed peeks for the library's own code: the value, or @fallback when the
 * field is not set. */
const char                *community_record_peek_string          (CommunityRecord      *self,
                                                                  guint                 prop_id);
guint                      community_record_peek_uint            (CommunityRecord      *self,
                                                                  guint                 prop_id,
                                                                  guint                 fallback);

/* Calls @func for each required member (CommunityFieldTable.required) of
 * @self, and of the records nested in it (objects and list
 * models of records, each in turn), that is not set: @record is the record
 * that lacks it, @prop_id the field, and @pointer holds on entry what the
 * caller gave, followed by the JSON Pointer of the member below @self
 * ("/committee/members"). Stops as soon as @func returns FALSE, and then
 * returns FALSE. The pointer is given back as it was. */
typedef gboolean (*CommunityMissingFunc)                         (CommunityRecord      *record,
                                                                  guint                 prop_id,
                                                                  const GString        *pointer,
                                                                  gpointer              user_data);
gboolean                   community_record_foreach_missing      (CommunityRecord      *self,
                                                                  GString              *pointer,
                                                                  CommunityMissingFunc  func,
                                                                  gpointer              user_data);
/* Whether community_record_foreach_missing() has anything to look at: a
 * required field unset, or a nested record or list set. A few instructions,
 * for walks over every entity of a dataset. */
gboolean                   community_record_may_miss             (CommunityRecord      *self);

/* For the typed accessors (community-accessors.c): the value of the field
 * whose JSON name is @json_name, or its default when it is not set. A
 * pointer is borrowed. */
gpointer                   community_record_get_pointer_field    (CommunityRecord      *self,
                                                                  const char           *json_name);
gint64                     community_record_get_integer_field    (CommunityRecord      *self,
                                                                  const char           *json_name);
double                     community_record_get_double_field     (CommunityRecord      *self,
                                                                  const char           *json_name);

G_END_DECLS
