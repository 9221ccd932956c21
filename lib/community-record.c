/* community-record.c: base class of everything a dataset holds
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include <string.h>
#if defined (HAVE_MALLOC_SIZE)
#include <malloc/malloc.h>
#elif defined (HAVE_MALLOC_USABLE_SIZE) || defined (HAVE__MSIZE)
#include <malloc.h>
#endif

#include "community-record-private.h"
#include "community-json-copy-private.h"
#include "community-json-pointer-private.h"
#include "community-quark-private.h"

/**
 * CommunityRecord:
 *
 * The base class of every object a [class@Community.Dataset] holds: the
 * entities ([class@Community.Entity]) and the small records nested in them
 * ([class@Community.Committee], [class@Community.HistoryEntry], …).
 *
 * Every field of the dataset format is a property of the right type. A field
 * the data does not give is *unset*, which is not the same as zero, false or
 * empty: the rules treat an unknown value as not applicable rather than as a
 * violation. [method@Community.Record.is_set] tells the two apart from any
 * language, and [method@Community.Record.unset] forgets a value. Setting a
 * property marks it set; setting a string, date or object property to %NULL
 * unsets it. `notify` is emitted only when a value (or whether it is set)
 * actually changes.
 *
 * Every property also has typed accessors, e.g.
 * `community_grid_get_households()` and `community_grid_set_households()`
 * (a setter for each property writable after construction). They follow
 * one convention for every type: a getter returns the value, or the
 * property's default (%NULL for strings, arrays, dates and objects) when
 * the field is unset, and [method@Community.Record.is_set] tells an unset
 * field from a zero one; a setter marks the field set, or unsets it when
 * given %NULL. Strings, arrays, dates and objects a getter returns are
 * borrowed from the record. A getter that would shadow a method of
 * [class@Community.Entity] is named after its type:
 * `community_grid_get_grid_kind()`.
 *
 * Members of the JSON document that this version of the library does not
 * know are kept with the record ([method@Community.Record.get_extra]) and
 * written back on save, so a round trip loses nothing.
 *
 * Records are not thread-safe: a record, like the dataset that holds it, is
 * used from one thread at a time (see [class@Community.Dataset]).
 */

/* A field's value in 8 bytes, its type given by the field's GParamSpec
 * (a GValue takes 24): records are most of a dataset's memory
 * (doc/performance.md). Strings, boxed values and objects are owned. */
typedef CommunityFieldSlot Slot;  /* community-record-private.h */

typedef struct
{
  /* [n_fields], field id's at SLOT (slots, id), lazily allocated; 0 when
   * not set. When the loader gave the record its fields in one block
   * (community_record_take_fields()), the text of its strings follows
   * them: strings in the block are not freed on their own. */
  Slot *slots;
  guint64 set_mask; /* bit i: property i is set */
  /* The unknown members kept for the round trip are the object's data
   * under extra_quark(): few records have any, and a pointer less here
   * makes the private data 16 bytes, not 32 (GLib aligns each type's to 16),
   * so that every record's instance takes a malloc chunk 16 bytes smaller
   * (12 MB of a province's 1.2 million). */
} CommunityRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CommunityRecord, community_record, G_TYPE_OBJECT)

static GQuark extra_quark (void);
COMMUNITY_DEFINE_QUARK (community-record-extra, extra)

#define FIELD_BIT(id) (G_GUINT64_CONSTANT (1) << (id))

static void community_record_get_property (GObject    *object,
                                           guint       prop_id,
                                           GValue     *value,
                                           GParamSpec *pspec);
static void community_record_set_property (GObject      *object,
                                           guint         prop_id,
                                           const GValue *value,
                                           GParamSpec   *pspec);

/* The rules read fields by name, with string literals, hundreds of
 * thousands of times per run (doc/performance.md): a small cache by the
 * name's address comes before the hash table. It is two-way: a name may
 * live in either of a pair of entries, so that two names one check reads
 * in turn (a worker's "roles" and "employment") cannot keep evicting each
 * other, as they did when each name had one entry (a third of the reads
 * went to the hash table). An entry packs the address and the id into one
 * word, so it is read and written atomically. */
static inline gboolean
cache_hit (const CommunityFieldTable *table,
           gsize                      entry,
           gsize                      key,
           const char                *json_name)
{
  /* The name is compared too: a caller's string may be freed and another
   * one allocated at its address. */
  return entry != 0 && (entry >> 8) == key &&
         strcmp (table->json_names[entry & 0xff], json_name) == 0;
}

guint
community_field_table_lookup (const CommunityFieldTable *table,
                              const char                *json_name)
{
  gsize key = (gsize) json_name;
  guint pair = (guint) (((key >> 3) ^ (key >> 11)) * 2) % G_N_ELEMENTS (table->by_address);
  CommunityFieldTable *cache = (CommunityFieldTable *) table;
  gsize first = (gsize) g_atomic_pointer_get (&cache->by_address[pair]);
  gsize second;
  guint id;

  if (cache_hit (table, first, key, json_name))
    return (guint) (first & 0xff);
  second = (gsize) g_atomic_pointer_get (&cache->by_address[pair + 1]);
  if (cache_hit (table, second, key, json_name))
    return (guint) (second & 0xff);

  id = GPOINTER_TO_UINT (g_hash_table_lookup (table->by_json_name, json_name));
  /* User-space addresses fit in 56 bits on every platform we build for;
   * where one does not, the cache is simply not used. The new entry takes
   * an empty place of the pair, or the second one (the first stays with
   * the name that came first). */
  if (id != 0 && ((key << 8) >> 8) == key)
    g_atomic_pointer_set (&cache->by_address[first == 0 ? pair : pair + 1],
                          (gpointer) ((key << 8) | id));
  return id;
}

const CommunityFieldTable *
community_record_class_get_fields (CommunityRecordClass *klass)
{
  return COMMUNITY_RECORD_CLASS_PRIVATE (klass)->fields;
}

const CommunityFieldTable *
community_record_get_fields (CommunityRecord *self)
{
  return ((CommunityRecordClassPrivate *) COMMUNITY_RECORD_GET_CLASS (self))->fields;
}

guint
community_record_ref_kinds (CommunityRecord *record,
                            guint            id)
{
  const CommunityField *field = &community_record_get_fields (record)->fields[id];

  return field->record_ref_kinds != NULL ? field->ref_kinds & field->record_ref_kinds (record)
                                         : field->ref_kinds;
}

void
community_record_class_install_fields (CommunityRecordClass *klass,
                                       guint                 n_props,
                                       GParamSpec          **pspecs,
                                       const CommunityField *fields)
{
  CommunityFieldTable *table;

  g_assert (n_props >= 1 && n_props - 1 <= COMMUNITY_MAX_FIELDS);

  /* GObject does not inherit get_property and set_property: every record
   * class gets the generic pair, which stores values by property id. */
  G_OBJECT_CLASS (klass)->get_property = community_record_get_property;
  G_OBJECT_CLASS (klass)->set_property = community_record_set_property;
  g_object_class_install_properties (G_OBJECT_CLASS (klass), n_props, pspecs);

  /* Classes live as long as the process: the table is never freed. */
  table = g_new0 (CommunityFieldTable, 1);
  table->n_fields = n_props - 1;
  table->pspecs = pspecs;
  table->fields = fields;
  table->json_names = g_new0 (char *, n_props);
  table->by_json_name = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint id = 1; id < n_props; id++)
    {
      char *json_name = g_strdelimit (g_strdup (pspecs[id]->name), "-", '_');

      table->json_names[id] = json_name;
      table->json_name_len[id] = strlen (json_name);
      g_hash_table_insert (table->by_json_name, json_name, GUINT_TO_POINTER (id));
      if (fields[id].flags & COMMUNITY_FIELD_IDENTITY)
        table->identity_id = id;
      if ((fields[id].flags & COMMUNITY_FIELD_REQUIRED) ||
          (fields[id].flags & (COMMUNITY_FIELD_IDENTITY | COMMUNITY_FIELD_IDENTITY_OPTIONAL)) == COMMUNITY_FIELD_IDENTITY)
        table->required |= G_GUINT64_CONSTANT (1) << id;
      /* An interface field (GListModel) holds an object. */
      table->storage[id] = G_TYPE_FUNDAMENTAL (G_PARAM_SPEC_VALUE_TYPE (pspecs[id]));
      if (table->storage[id] == G_TYPE_INTERFACE)
        table->storage[id] = G_TYPE_OBJECT;
      if (table->storage[id] == G_TYPE_OBJECT)
        table->object_mask |= FIELD_BIT (id);
    }

  COMMUNITY_RECORD_CLASS_PRIVATE (klass)->fields = table;
}

/* The slot of field @id (ids start at 1): no slot for an id 0, whose
 * 8 bytes a record would carry for nothing (9 MB on a province). */
#define SLOT(slots, id) (&(slots)[(id) - 1])

/* A record's block: its slots, and after them, when
 * community_record_take_fields() made it, the text of its strings. Where
 * it ends is asked of the allocator (malloc_usable_size() and the like);
 * where the allocator cannot tell, the block begins with its size, in one
 * slot before the first, and the record points past it. */
#if !defined (COMMUNITY_RECORD_BLOCK_HEADER) && \
    (defined (HAVE_MALLOC_USABLE_SIZE) || defined (HAVE_MALLOC_SIZE) || defined (HAVE__MSIZE))
#define BLOCK_HEADER 0
#else
#define BLOCK_HEADER 1
#endif

static Slot *
block_alloc (gsize size)
{
#if BLOCK_HEADER
  Slot *head = g_malloc (sizeof (Slot) + size);

  head->i = (gint64) size;
  return head + 1;
#else
  return g_malloc (size);
#endif
}

static void
block_free (Slot *block)
{
#if BLOCK_HEADER
  if (block != NULL)
    g_free (block - 1);
#else
  g_free (block);
#endif
}

/* At least the size block_alloc() was asked for. */
static inline gsize
block_size (const Slot *block)
{
#if BLOCK_HEADER
  return (gsize) block[-1].i;
#elif defined (HAVE_MALLOC_USABLE_SIZE)
  return malloc_usable_size ((gpointer) block);
#elif defined (HAVE_MALLOC_SIZE)
  return malloc_size (block);
#else
  return _msize ((gpointer) block);
#endif
}

static Slot *
ensure_slots (CommunityRecord *self)
{
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);

  if G_UNLIKELY (priv->slots == NULL)
    {
      gsize size = community_record_get_fields (self)->n_fields * sizeof (Slot);

      priv->slots = block_alloc (size);
      memset (priv->slots, 0, size);
    }

  return priv->slots;
}

static GType
slot_fundamental (const CommunityFieldTable *table,
                  guint                      id)
{
  return table->storage[id];
}

/* Whether @p lies in @block: the record's slots, the one allocation in
 * which community_record_take_fields() put them together with the text of
 * its strings (slots allocated alone, by ensure_slots(), hold no string).
 * A value allocated on its own cannot lie within it. */
static inline gboolean
in_block (const Slot    *block,
          gconstpointer  p)
{
  return block != NULL && (guintptr) p >= (guintptr) block &&
         (guintptr) p < (guintptr) block + block_size (block);
}

/* Frees what a slot owns and clears it. A string or string array in the
 * record's block (@block: the record's slots, or NULL for a slot of its
 * own) goes with the block. */
static void
slot_clear (const CommunityFieldTable *table,
            guint                      id,
            Slot                      *slot,
            const Slot                *block)
{
  GType fundamental = slot_fundamental (table, id);

  if (slot->p != NULL && !in_block (block, slot->p))
    {
      if (fundamental == G_TYPE_STRING)
        g_free (slot->p);
      else if (fundamental == G_TYPE_BOXED)
        g_boxed_free (G_PARAM_SPEC_VALUE_TYPE (table->pspecs[id]), slot->p);
      else if (fundamental == G_TYPE_OBJECT)
        g_object_unref (slot->p);
    }
  slot->i = 0;
}

/* A GValue that borrows the slot's contents: read it, copy it, never unset
 * it. Strings and boxed values are marked not to be freed. */
static void
slot_view (const CommunityFieldTable *table,
           guint                      id,
           const Slot                *slot,
           GValue                    *out)
{
  GType fundamental = slot_fundamental (table, id);

  memset (out, 0, sizeof *out);
  out->g_type = G_PARAM_SPEC_VALUE_TYPE (table->pspecs[id]);
  switch (fundamental)
    {
    case G_TYPE_STRING:
    case G_TYPE_BOXED:
      out->data[0].v_pointer = slot->p;
      out->data[1].v_uint = G_VALUE_NOCOPY_CONTENTS;
      break;
    case G_TYPE_OBJECT:
      out->data[0].v_pointer = slot->p;
      break;
    case G_TYPE_BOOLEAN:
      out->data[0].v_int = (gint) slot->i;
      break;
    case G_TYPE_UINT:
      out->data[0].v_uint = (guint) slot->i;
      break;
    case G_TYPE_INT64:
      out->data[0].v_int64 = slot->i;
      break;
    case G_TYPE_DOUBLE:
      out->data[0].v_double = slot->d;
      break;
    case G_TYPE_ENUM:
      out->data[0].v_long = (gint) slot->i;
      break;
    case G_TYPE_FLAGS:
      out->data[0].v_ulong = (guint) slot->i;
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Stores a copy of @value's contents. */
static void
slot_copy_from (const CommunityFieldTable *table,
                guint                      id,
                const GValue              *value,
                Slot                      *slot)
{
  switch (slot_fundamental (table, id))
    {
    case G_TYPE_STRING: slot->p = g_value_dup_string (value); break;
    case G_TYPE_BOXED: slot->p = g_value_dup_boxed (value); break;
    case G_TYPE_OBJECT: slot->p = g_value_dup_object (value); break;
    case G_TYPE_BOOLEAN: slot->i = g_value_get_boolean (value) ? 1 : 0; break;
    case G_TYPE_UINT: slot->i = g_value_get_uint (value); break;
    case G_TYPE_INT64: slot->i = g_value_get_int64 (value); break;
    case G_TYPE_DOUBLE: slot->d = g_value_get_double (value); break;
    case G_TYPE_ENUM: slot->i = g_value_get_enum (value); break;
    case G_TYPE_FLAGS: slot->i = g_value_get_flags (value); break;
    default: g_assert_not_reached ();
    }
}

/* Moves @value's contents into the slot, leaving @value unset. */
static void
slot_take_from (const CommunityFieldTable *table,
                guint                      id,
                GValue                    *value,
                Slot                      *slot)
{
  GType fundamental = slot_fundamental (table, id);
  gboolean borrowed = (value->data[1].v_uint & (G_VALUE_NOCOPY_CONTENTS | G_VALUE_INTERNED_STRING)) != 0;

  if ((fundamental == G_TYPE_STRING || fundamental == G_TYPE_BOXED) && !borrowed)
    {
      slot->p = value->data[0].v_pointer;
      *value = (GValue) G_VALUE_INIT;
    }
  else if (fundamental == G_TYPE_OBJECT)
    {
      slot->p = value->data[0].v_pointer;   /* the value's reference */
      *value = (GValue) G_VALUE_INIT;
    }
  else
    {
      slot_copy_from (table, id, value, slot);
      g_value_unset (value);
    }
}

/* community_record_peek() hands out views from a small ring per thread:
 * a view stays valid for the next PEEK_RING peeks on the thread, which is
 * plenty to read a value at once, the only use there is for it. */
#define PEEK_RING 64
static __thread GValue peek_ring[PEEK_RING];
static __thread guint peek_next;

const GValue *
community_record_peek (CommunityRecord *self,
                       guint            prop_id)
{
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);
  GValue *view;

  if ((priv->set_mask & FIELD_BIT (prop_id)) == 0)
    return NULL;

  view = &peek_ring[peek_next++ % PEEK_RING];
  slot_view (community_record_get_fields (self), prop_id, SLOT (priv->slots, prop_id), view);
  return view;
}

const GValue *
community_record_peek_by_name (CommunityRecord *self,
                               const char      *json_name)
{
  const CommunityFieldTable *table = community_record_get_fields (self);
  guint id = community_field_table_lookup (table, json_name);

  g_return_val_if_fail (id != 0, NULL);
  return community_record_peek (self, id);
}

const CommunityFieldSlot *
community_record_peek_slot (CommunityRecord *self,
                            guint            prop_id)
{
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);

  if ((priv->set_mask & FIELD_BIT (prop_id)) == 0)
    return NULL;
  return SLOT (priv->slots, prop_id);
}

const CommunityFieldSlot *
community_record_peek_slot_by_name (CommunityRecord *self,
                                    const char      *json_name)
{
  guint id = community_field_table_lookup (community_record_get_fields (self), json_name);

  g_return_val_if_fail (id != 0, NULL);
  return community_record_peek_slot (self, id);
}

const char *
community_record_peek_string (CommunityRecord *self,
                              guint            prop_id)
{
  const GValue *value = community_record_peek (self, prop_id);

  return value != NULL ? g_value_get_string (value) : NULL;
}

guint
community_record_peek_uint (CommunityRecord *self,
                            guint            prop_id,
                            guint            fallback)
{
  const GValue *value = community_record_peek (self, prop_id);

  return value != NULL ? g_value_get_uint (value) : fallback;
}

gboolean
community_record_may_miss (CommunityRecord *self)
{
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);
  const CommunityFieldTable *table = community_record_get_fields (self);

  return ((table->required & ~priv->set_mask) | (table->object_mask & priv->set_mask)) != 0;
}

gboolean
community_record_foreach_missing (CommunityRecord      *self,
                                  GString              *pointer,
                                  CommunityMissingFunc  func,
                                  gpointer              user_data)
{
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);
  const CommunityFieldTable *table = community_record_get_fields (self);
  guint64 missing = table->required & ~priv->set_mask;
  guint64 nested = table->object_mask & priv->set_mask;
  gboolean go_on = TRUE;

  /* The rule record.required walks every entity of a dataset: only the
   * fields missing or nested are looked at, in field order. */
  for (guint id = 1; go_on && id <= table->n_fields && ((missing | nested) >> id) != 0; id++)
    {
      const Slot *slot;
      gsize mark;

      if (((missing | nested) & FIELD_BIT (id)) == 0)
        continue;

      slot = (nested & FIELD_BIT (id)) ? SLOT (priv->slots, id) : NULL;
      mark = community_json_pointer_push_member (pointer, table->json_names[id]);
      if (slot == NULL)
        go_on = func (self, id, pointer, user_data);
      else if (COMMUNITY_IS_RECORD (slot->p))
        go_on = community_record_foreach_missing (slot->p, pointer, func, user_data);
      else if (G_IS_LIST_MODEL (slot->p))
        {
          guint n_items = g_list_model_get_n_items (slot->p);

          for (guint i = 0; go_on && i < n_items; i++)
            {
              g_autoptr(GObject) item = g_list_model_get_item (slot->p, i);
              gsize item_mark;

              /* An item that misses nothing and nests nothing: no walk. */
              if (!COMMUNITY_IS_RECORD (item) || !community_record_may_miss (COMMUNITY_RECORD (item)))
                continue;
              item_mark = community_json_pointer_push_index (pointer, i);
              go_on = community_record_foreach_missing (COMMUNITY_RECORD (item), pointer, func, user_data);
              g_string_truncate (pointer, item_mark);
            }
        }
      g_string_truncate (pointer, mark);
    }

  return go_on;
}

/* The typed accessors (community-accessors.c, generated by
 * lib/gen-accessors.py) read through these: the stored value of the field
 * @json_name, or, when it is not set, its default (NULL for a pointer),
 * which is what g_object_get() gives. */
static const CommunityFieldSlot *
field_slot_or_default (CommunityRecord    *self,
                       const char         *json_name,
                       CommunityFieldSlot *fallback)
{
  const CommunityFieldTable *table = community_record_get_fields (self);
  guint id = community_field_table_lookup (table, json_name);
  const CommunityFieldSlot *slot;
  GValue value = G_VALUE_INIT;
  GType fundamental;

  g_return_val_if_fail (id != 0, fallback);
  slot = community_record_peek_slot (self, id);
  if (slot != NULL)
    return slot;

  g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (table->pspecs[id]));
  g_param_value_set_default (table->pspecs[id], &value);
  /* Pointers' defaults are NULL: nothing to copy, nothing to own. */
  fundamental = slot_fundamental (table, id);
  if (fundamental != G_TYPE_STRING && fundamental != G_TYPE_BOXED && fundamental != G_TYPE_OBJECT)
    slot_copy_from (table, id, &value, fallback);
  g_value_unset (&value);
  return fallback;
}

gpointer
community_record_get_pointer_field (CommunityRecord *self,
                                    const char      *json_name)
{
  CommunityFieldSlot fallback = { NULL };

  return field_slot_or_default (self, json_name, &fallback)->p;
}

gint64
community_record_get_integer_field (CommunityRecord *self,
                                    const char      *json_name)
{
  CommunityFieldSlot fallback = { NULL };

  return field_slot_or_default (self, json_name, &fallback)->i;
}

double
community_record_get_double_field (CommunityRecord *self,
                                   const char      *json_name)
{
  CommunityFieldSlot fallback = { NULL };

  return field_slot_or_default (self, json_name, &fallback)->d;
}

void
community_record_take_value (CommunityRecord *self,
                             guint            prop_id,
                             GValue          *value)
{
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);
  const CommunityFieldTable *table = community_record_get_fields (self);
  Slot *slots = ensure_slots (self);

  slot_clear (table, prop_id, SLOT (slots, prop_id), slots);
  slot_take_from (table, prop_id, value, SLOT (slots, prop_id));
  priv->set_mask |= FIELD_BIT (prop_id);
}

/* The block community_record_take_fields() allocates: the slots, then
 * the pointer arrays of the string arrays, then the text. */
void
community_record_take_fields (CommunityRecord    *self,
                              guint64             present,
                              CommunityFieldSlot *slots,
                              guint64             in_text,
                              const char         *text,
                              gsize               text_len)
{
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);
  const CommunityFieldTable *table = community_record_get_fields (self);
  gsize n_slots = table->n_fields, n_pointers = 0;
  Slot *block;
  char **arrays, *copy;

  g_assert ((in_text & ~present) == 0);

  for (guint id = 1; id <= table->n_fields; id++)
    if ((in_text & FIELD_BIT (id)) && slot_fundamental (table, id) == G_TYPE_BOXED)
      n_pointers += COMMUNITY_TEXT_STRV_COUNT (slots[id].i) + 1;

  /* A record fresh from g_object_new() may hold a construct-only default
   * (a number identity's 0). */
  if (priv->slots != NULL)
    {
      for (guint id = 1; id <= table->n_fields; id++)
        slot_clear (table, id, SLOT (priv->slots, id), priv->slots);
      g_clear_pointer (&priv->slots, block_free);
      priv->set_mask = 0;
    }

  block = block_alloc ((n_slots + n_pointers) * sizeof (Slot) + text_len);
  arrays = (char **) (block + n_slots);
  copy = (char *) (arrays + n_pointers);
  memset (block, 0, n_slots * sizeof (Slot));
  memcpy (copy, text, text_len);

  for (guint id = 1; id <= table->n_fields; id++)
    {
      if ((present & FIELD_BIT (id)) == 0)
        continue;
      if ((in_text & FIELD_BIT (id)) == 0)
        *SLOT (block, id) = slots[id];
      else if (slot_fundamental (table, id) == G_TYPE_STRING)
        SLOT (block, id)->p = copy + slots[id].i;
      else
        {
          /* A string array: its strings lie one after another. */
          const char *str = copy + COMMUNITY_TEXT_STRV_OFFSET (slots[id].i);
          guint64 count = COMMUNITY_TEXT_STRV_COUNT (slots[id].i);

          SLOT (block, id)->p = arrays;
          for (guint64 k = 0; k < count; k++)
            {
              *arrays++ = (char *) str;
              str += strlen (str) + 1;
            }
          *arrays++ = NULL;
        }
      slots[id].i = 0;
    }

  priv->slots = block;
  priv->set_mask = present;
}

void
community_record_clear_slot (const CommunityFieldTable *table,
                             guint                      prop_id,
                             CommunityFieldSlot        *slot)
{
  slot_clear (table, prop_id, slot, NULL);
}

void
community_record_take_extra (CommunityRecord *self,
                             JsonObject      *extra)
{
  g_object_set_qdata_full (G_OBJECT (self), extra_quark (), extra,
                           extra != NULL ? (GDestroyNotify) json_object_unref : NULL);
}

/* Whether a value of @pspec's type means "unset" when it is set: a NULL
 * string, boxed or object. */
static gboolean
value_is_null (const GValue *value)
{
  if (G_VALUE_HOLDS_STRING (value))
    return g_value_get_string (value) == NULL;
  if (G_VALUE_HOLDS_BOXED (value))
    return g_value_get_boxed (value) == NULL;
  if (G_VALUE_HOLDS_OBJECT (value))
    return g_value_get_object (value) == NULL;
  return FALSE;
}

static gboolean
values_equal (const GValue *a,
              const GValue *b,
              GParamSpec   *pspec)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  if (type == G_TYPE_STRV)
    return g_strv_equal (g_value_get_boxed (a), g_value_get_boxed (b));
  if (type == G_TYPE_DATE)
    return g_date_compare (g_value_get_boxed (a), g_value_get_boxed (b)) == 0;
  if (type == G_TYPE_DATE_TIME)
    {
      /* The same instant written with another offset is another value: the
       * dataset keeps the offset it was given. */
      GDateTime *x = g_value_get_boxed (a), *y = g_value_get_boxed (b);

      return g_date_time_equal (x, y) && g_date_time_get_utc_offset (x) == g_date_time_get_utc_offset (y);
    }

  return g_param_values_cmp (pspec, a, b) == 0;
}

static void
community_record_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CommunityRecord *self = COMMUNITY_RECORD (object);
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);

  if (priv->set_mask & FIELD_BIT (prop_id))
    {
      GValue view;

      slot_view (community_record_get_fields (self), prop_id, SLOT (priv->slots, prop_id), &view);
      g_value_copy (&view, value);
    }
  else
    g_param_value_set_default (pspec, value);
}

/* After a field changed: the class's hook (an entity's dataset). */
static inline void
changed (CommunityRecord *self,
         GParamSpec      *pspec)
{
  CommunityRecordClassPrivate *klass = COMMUNITY_RECORD_CLASS_PRIVATE (COMMUNITY_RECORD_GET_CLASS (self));

  if (klass->changed != NULL)
    klass->changed (self, pspec);
}

static void
community_record_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CommunityRecord *self = COMMUNITY_RECORD (object);
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);
  const CommunityFieldTable *table = community_record_get_fields (self);
  gboolean was_set = (priv->set_mask & FIELD_BIT (prop_id)) != 0;
  Slot *slots;

  /* Unsetting what is not set (GObject gives every new entity its
   * identity's default, NULL) changes nothing and allocates nothing. */
  if (value_is_null (value) && !was_set)
    return;

  /* A list field holds records of one type (a work item's history holds
   * work-item history entries): a list of another record type (a
   * consultation's entries) could be saved but not loaded back. A list of
   * a more general type (a store of GObject) is taken; the writer writes
   * the items of the field's type in it. */
  if (table->fields[prop_id].item_type != NULL && !value_is_null (value))
    {
      GType item_type = table->fields[prop_id].item_type ();
      GType list_type = g_list_model_get_item_type (g_value_get_object (value));

      if (!g_type_is_a (list_type, item_type) && !g_type_is_a (item_type, list_type))
        {
          g_critical ("%s:%s takes a list of %s, not of %s: not set", G_OBJECT_TYPE_NAME (object),
                      pspec->name, g_type_name (item_type), g_type_name (list_type));
          return;
        }
    }

  slots = ensure_slots (self);
  if (value_is_null (value))
    {
      slot_clear (table, prop_id, SLOT (slots, prop_id), slots);
      priv->set_mask &= ~FIELD_BIT (prop_id);
    }
  else
    {
      Slot copy = { NULL };

      if (was_set)
        {
          GValue view;

          slot_view (table, prop_id, SLOT (slots, prop_id), &view);
          if (values_equal (&view, value, pspec))
            return;
        }
      /* Copied before the old value goes: @value may be a view of it. */
      slot_copy_from (table, prop_id, value, &copy);
      slot_clear (table, prop_id, SLOT (slots, prop_id), slots);
      *SLOT (slots, prop_id) = copy;
      priv->set_mask |= FIELD_BIT (prop_id);
    }

  g_object_notify_by_pspec (object, pspec);
  changed (self, pspec);
}

static void
community_record_finalize (GObject *object)
{
  CommunityRecord *self = COMMUNITY_RECORD (object);
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);

  if (priv->slots != NULL)
    {
      const CommunityFieldTable *table = community_record_get_fields (self);

      for (guint id = 1; id <= table->n_fields; id++)
        slot_clear (table, id, SLOT (priv->slots, id), priv->slots);
      block_free (priv->slots);
    }
  /* the unknown members go with the object's data */

  G_OBJECT_CLASS (community_record_parent_class)->finalize (object);
}

static void
community_record_class_init (CommunityRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = community_record_finalize;
}

static void
community_record_init (CommunityRecord *self)
{
}

static guint
lookup_field (CommunityRecord *self,
              const char      *property_name)
{
  GParamSpec *pspec;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (self), property_name);
  if (pspec == NULL || !g_type_is_a (pspec->owner_type, COMMUNITY_TYPE_RECORD))
    {
      g_critical ("%s has no field called “%s”", G_OBJECT_TYPE_NAME (self), property_name);
      return 0;
    }

  return pspec->param_id;
}

/* A deep copy of the value in slot @id of @table's type into *@target:
 * strings and boxed values copied, a nested record and a list of them
 * copied in turn; the rest as it is. */
static void
slot_copy_deep (const CommunityFieldTable *table,
                guint                      id,
                const Slot                *source,
                Slot                      *target)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (table->pspecs[id]);

  switch (slot_fundamental (table, id))
    {
    case G_TYPE_STRING:
      target->p = g_strdup (source->p);
      break;
    case G_TYPE_BOXED:
      /* String arrays and dates copied; a GDateTime is immutable, and
       * its reference count atomic: shared. */
      target->p = source->p != NULL ? g_boxed_copy (type, source->p) : NULL;
      break;
    case G_TYPE_OBJECT:
      if (type == G_TYPE_LIST_MODEL)
        {
          GListModel *model = source->p;
          guint n_items = g_list_model_get_n_items (model);
          g_autoptr(GPtrArray) items = g_ptr_array_new_full (n_items, g_object_unref);
          GListStore *store = g_list_store_new (g_list_model_get_item_type (model));

          for (guint i = 0; i < n_items; i++)
            {
              g_autoptr(CommunityRecord) item = g_list_model_get_item (model, i);

              g_ptr_array_add (items, community_record_copy_deep (item));
            }
          g_list_store_splice (store, 0, 0, items->pdata, items->len);
          target->p = store;
        }
      else
        target->p = source->p != NULL ? community_record_copy_deep (source->p) : NULL;
      break;
    default:
      /* Booleans, integers, enums, flags, doubles. */
      *target = *source;
      break;
    }
}

CommunityRecord *
community_record_copy_deep (CommunityRecord *self)
{
  CommunityRecordPrivate *priv = community_record_get_instance_private (self);
  const CommunityFieldTable *table = community_record_get_fields (self);
  CommunityRecordPrivate *copy_priv;
  CommunityRecord *copy;
  guint identity_id = table->identity_id;
  Slot *slots;
  JsonObject *extra;

  /* The identity is construct-only (and an entity with a number identity
   * keeps its text then). */
  if (identity_id != 0 && (priv->set_mask & FIELD_BIT (identity_id)))
    {
      const char *names[] = { table->pspecs[identity_id]->name };

      copy = (CommunityRecord *) g_object_new_with_properties (G_OBJECT_TYPE (self), 1, names,
                                                               community_record_peek (self, identity_id));
    }
  else
    copy = g_object_new (G_OBJECT_TYPE (self), NULL);

  /* Every other field slot by slot, without GValues. */
  copy_priv = community_record_get_instance_private (copy);
  slots = ensure_slots (copy);
  for (guint id = 1; id <= table->n_fields; id++)
    {
      if (id == identity_id || (priv->set_mask & FIELD_BIT (id)) == 0)
        continue;
      slot_clear (table, id, SLOT (slots, id), slots);
      slot_copy_deep (table, id, SLOT (priv->slots, id), SLOT (slots, id));
      copy_priv->set_mask |= FIELD_BIT (id);
    }

  extra = community_record_get_extra (self);
  if (extra != NULL)
    community_record_take_extra (copy, community_json_object_deep_copy (extra));

  return copy;
}

/**
 * community_record_is_set:
 * @self: a record
 * @property_name: the name of one of the record's properties, e.g.
 *   `"households"` (`-` and `_` are interchangeable)
 *
 * Tells whether a field has a value, as opposed to being unknown.
 *
 * A community whose `households` is unset has an unknown number of
 * households; one whose `households` is set to 0 has none.
 *
 * Returns: %TRUE if the field is set
 */
gboolean
community_record_is_set (CommunityRecord *self,
                         const char      *property_name)
{
  CommunityRecordPrivate *priv;
  guint id;

  g_return_val_if_fail (COMMUNITY_IS_RECORD (self), FALSE);
  g_return_val_if_fail (property_name != NULL, FALSE);

  priv = community_record_get_instance_private (self);
  id = lookup_field (self, property_name);

  return id != 0 && (priv->set_mask & FIELD_BIT (id)) != 0;
}

/**
 * community_record_unset:
 * @self: a record
 * @property_name: the name of one of the record's properties
 *
 * Forgets the value of a field, so that it is unknown again. The property
 * then reads as its default value and [method@Community.Record.is_set]
 * returns %FALSE. Emits `notify` if the field was set.
 *
 * The identity of an entity (its code, id or number) cannot be unset.
 */
void
community_record_unset (CommunityRecord *self,
                        const char      *property_name)
{
  CommunityRecordPrivate *priv;
  const CommunityFieldTable *table;
  guint id;

  g_return_if_fail (COMMUNITY_IS_RECORD (self));
  g_return_if_fail (property_name != NULL);

  priv = community_record_get_instance_private (self);
  table = community_record_get_fields (self);
  id = lookup_field (self, property_name);
  if (id == 0 || (priv->set_mask & FIELD_BIT (id)) == 0)
    return;

  g_return_if_fail (id != table->identity_id);

  slot_clear (table, id, SLOT (priv->slots, id), priv->slots);
  priv->set_mask &= ~FIELD_BIT (id);
  g_object_notify_by_pspec (G_OBJECT (self), table->pspecs[id]);
  changed (self, table->pspecs[id]);
}

/**
 * community_record_get_extra:
 * @self: a record
 *
 * Gets the members of the record's JSON object that this version of the
 * library does not know. They are kept as they were and written back when
 * the dataset is saved.
 *
 * Returns: (transfer none) (nullable): the unknown members, or %NULL if the
 *   record had none
 */
JsonObject *
community_record_get_extra (CommunityRecord *self)
{
  g_return_val_if_fail (COMMUNITY_IS_RECORD (self), NULL);

  return g_object_get_qdata (G_OBJECT (self), extra_quark ());
}

/**
 * community_record_equal:
 * @a: a record
 * @b: another record
 *
 * Compares two records field by field: they are equal when they are of the
 * same type, the same fields are set to equal values (nested records
 * compared the same way) and their unknown members are equal.
 *
 * Returns: %TRUE if the records are equal
 */
/* Whether two set slots of field @id hold equal values: what the writer
 * would write for them is the same text. */
static gboolean
slots_equal (const CommunityFieldTable *table,
             guint                      id,
             const Slot                *a,
             const Slot                *b)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (table->pspecs[id]);

  switch (slot_fundamental (table, id))
    {
    case G_TYPE_STRING:
      return g_strcmp0 (a->p, b->p) == 0;
    case G_TYPE_DOUBLE:
      return a->d == b->d;
    case G_TYPE_OBJECT:
      if (type == G_TYPE_LIST_MODEL)
        {
          guint n = g_list_model_get_n_items (a->p);

          if (n != g_list_model_get_n_items (b->p))
            return FALSE;
          for (guint i = 0; i < n; i++)
            {
              g_autoptr(CommunityRecord) item_a = g_list_model_get_item (a->p, i);
              g_autoptr(CommunityRecord) item_b = g_list_model_get_item (b->p, i);

              if (!community_record_equal (item_a, item_b))
                return FALSE;
            }
          return TRUE;
        }
      return community_record_equal (a->p, b->p);
    case G_TYPE_BOXED:
      if (type == G_TYPE_STRV)
        return g_strv_equal ((const char * const *) a->p, (const char * const *) b->p);
      if (type == G_TYPE_DATE)
        return g_date_compare (a->p, b->p) == 0;
      if (type == G_TYPE_DATE_TIME)
        return g_date_time_equal (a->p, b->p) &&
               g_date_time_get_utc_offset (a->p) == g_date_time_get_utc_offset (b->p);
      g_assert_not_reached ();
    default:
      /* Booleans, integers, enums and flags. */
      return a->i == b->i;
    }
}

gboolean
community_record_equal (CommunityRecord *a,
                        CommunityRecord *b)
{
  CommunityRecordPrivate *priv_a, *priv_b;
  const CommunityFieldTable *table;

  g_return_val_if_fail (COMMUNITY_IS_RECORD (a), FALSE);
  g_return_val_if_fail (COMMUNITY_IS_RECORD (b), FALSE);

  if (a == b)
    return TRUE;
  if (G_OBJECT_TYPE (a) != G_OBJECT_TYPE (b))
    return FALSE;

  /* Slot by slot: the same fields set, to equal values. */
  priv_a = community_record_get_instance_private (a);
  priv_b = community_record_get_instance_private (b);
  if (priv_a->set_mask != priv_b->set_mask)
    return FALSE;
  table = community_record_get_fields (a);
  for (guint id = 1; id <= table->n_fields; id++)
    if ((priv_a->set_mask & FIELD_BIT (id)) &&
        !slots_equal (table, id, SLOT (priv_a->slots, id), SLOT (priv_b->slots, id)))
      return FALSE;

  return community_json_extra_equal (community_record_get_extra (a), community_record_get_extra (b));
}

void
community_record_append_item (CommunityRecord *self,
                              guint            prop_id,
                              gpointer         item)
{
  const CommunityFieldTable *table = community_record_get_fields (self);
  GType item_type = table->fields[prop_id].item_type ();
  const GValue *value = community_record_peek (self, prop_id);
  GListModel *list = value != NULL ? g_value_get_object (value) : NULL;
  g_autoptr(GListStore) store = NULL;
  guint n;

  g_return_if_fail (g_type_is_a (G_OBJECT_TYPE (item), item_type));

  if (G_IS_LIST_STORE (list) && g_type_is_a (item_type, g_list_model_get_item_type (list)))
    {
      g_list_store_append (G_LIST_STORE (list), item);
      return;
    }

  store = g_list_store_new (item_type);
  n = list != NULL ? g_list_model_get_n_items (list) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) old = g_list_model_get_item (list, i);

      if (g_type_is_a (G_OBJECT_TYPE (old), item_type))
        g_list_store_append (store, old);
    }
  g_list_store_append (store, item);
  g_object_set (self, table->pspecs[prop_id]->name, store, NULL);
}
