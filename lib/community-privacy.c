/* community-privacy.c: masking personal data on export
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include "config.h"

#include "community-privacy.h"
#include "community-enum-types.h"

/**
 * CommunityPrivacy:
 *
 * How an export treats personal data: the names of workers, their citizen ID
 * numbers and their phones. Pass one to
 * [method@Community.Dataset.save_to_file_full] and friends.
 *
 * In %COMMUNITY_PRIVACY_MODE_MASK, how many characters stay visible is set
 * by the properties: by default an ID number keeps its first 6 and last 4
 * characters (`110102********0078`), a phone its first 3 and last 4 digits
 * (`139****5678`), a name its first character followed by a single `*`
 * (`张*`, whatever the name's length). A value too short to keep that many
 * characters and still hide one is masked whole.
 *
 * Unknown members kept from the input are written as they were: the library
 * cannot tell what they hold.
 */

struct _CommunityPrivacy
{
  GObject parent_instance;

  CommunityPrivacyMode mode;
  guint id_number_head;
  guint id_number_tail;
  guint phone_head;
  guint phone_tail;
  guint name_head;
};

G_DEFINE_FINAL_TYPE (CommunityPrivacy, community_privacy, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_MODE,
  PROP_ID_NUMBER_HEAD,
  PROP_ID_NUMBER_TAIL,
  PROP_PHONE_HEAD,
  PROP_PHONE_TAIL,
  PROP_NAME_HEAD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint *
field_for (CommunityPrivacy *self,
           guint             prop_id)
{
  switch (prop_id)
    {
    case PROP_ID_NUMBER_HEAD: return &self->id_number_head;
    case PROP_ID_NUMBER_TAIL: return &self->id_number_tail;
    case PROP_PHONE_HEAD: return &self->phone_head;
    case PROP_PHONE_TAIL: return &self->phone_tail;
    case PROP_NAME_HEAD: return &self->name_head;
    default: return NULL;
    }
}

static void
community_privacy_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CommunityPrivacy *self = COMMUNITY_PRIVACY (object);

  if (prop_id == PROP_MODE)
    g_value_set_enum (value, self->mode);
  else if (field_for (self, prop_id) != NULL)
    g_value_set_uint (value, *field_for (self, prop_id));
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
community_privacy_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CommunityPrivacy *self = COMMUNITY_PRIVACY (object);
  guint *field;

  if (prop_id == PROP_MODE)
    {
      if (self->mode != (CommunityPrivacyMode) g_value_get_enum (value))
        {
          self->mode = g_value_get_enum (value);
          g_object_notify_by_pspec (object, pspec);
        }
    }
  else if ((field = field_for (self, prop_id)) != NULL)
    {
      if (*field != g_value_get_uint (value))
        {
          *field = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
community_privacy_class_init (CommunityPrivacyClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT | G_PARAM_EXPLICIT_NOTIFY |
                            G_PARAM_STATIC_STRINGS;

  object_class->get_property = community_privacy_get_property;
  object_class->set_property = community_privacy_set_property;

  /**
   * CommunityPrivacy:mode:
   *
   * Whether personal data is kept, masked or dropped.
   */
  properties[PROP_MODE] =
    g_param_spec_enum ("mode", NULL, NULL, COMMUNITY_TYPE_PRIVACY_MODE,
                       COMMUNITY_PRIVACY_MODE_KEEP, flags);

  /**
   * CommunityPrivacy:id-number-head:
   *
   * How many leading characters of an ID number a mask keeps (the address
   * code: 6).
   */
  properties[PROP_ID_NUMBER_HEAD] =
    g_param_spec_uint ("id-number-head", NULL, NULL, 0, 18, 6, flags);

  /**
   * CommunityPrivacy:id-number-tail:
   *
   * How many trailing characters of an ID number a mask keeps (4).
   */
  properties[PROP_ID_NUMBER_TAIL] =
    g_param_spec_uint ("id-number-tail", NULL, NULL, 0, 18, 4, flags);

  /**
   * CommunityPrivacy:phone-head:
   *
   * How many leading digits of a phone a mask keeps (the network prefix: 3).
   */
  properties[PROP_PHONE_HEAD] =
    g_param_spec_uint ("phone-head", NULL, NULL, 0, 11, 3, flags);

  /**
   * CommunityPrivacy:phone-tail:
   *
   * How many trailing digits of a phone a mask keeps (4).
   */
  properties[PROP_PHONE_TAIL] =
    g_param_spec_uint ("phone-tail", NULL, NULL, 0, 11, 4, flags);

  /**
   * CommunityPrivacy:name-head:
   *
   * How many leading characters of a worker's name a mask keeps (the family
   * name, usually: 1).
   */
  properties[PROP_NAME_HEAD] =
    g_param_spec_uint ("name-head", NULL, NULL, 0, 8, 1, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
community_privacy_init (CommunityPrivacy *self)
{
}

/**
 * community_privacy_new:
 * @mode: what to do with personal data
 *
 * Creates a privacy setting with the default kept lengths.
 *
 * Returns: (transfer full): a new privacy setting
 */
CommunityPrivacy *
community_privacy_new (CommunityPrivacyMode mode)
{
  return g_object_new (COMMUNITY_TYPE_PRIVACY, "mode", mode, NULL);
}

/**
 * community_privacy_get_mode:
 * @self: a privacy setting
 *
 * Gets whether personal data is kept, masked or dropped.
 *
 * Returns: the mode
 */
CommunityPrivacyMode
community_privacy_get_mode (CommunityPrivacy *self)
{
  g_return_val_if_fail (COMMUNITY_IS_PRIVACY (self), COMMUNITY_PRIVACY_MODE_KEEP);

  return self->mode;
}

/* Keeps @head and @tail characters of @value and stars the rest; with
 * @n_stars 0 one star per hidden character. Counts characters, not bytes. */
static char *
mask (const char *value,
      guint       head,
      guint       tail,
      guint       n_stars)
{
  glong length;
  GString *masked;
  const char *tail_start;

  if (value == NULL)
    return NULL;

  length = g_utf8_strlen (value, -1);
  if (length <= (glong) head + (glong) tail)
    {
      /* Too short to hide anything while keeping that much: hide it all. */
      masked = g_string_new (NULL);
      for (glong i = 0; i < MAX (length, 1); i++)
        g_string_append_c (masked, '*');
      return g_string_free (masked, FALSE);
    }

  masked = g_string_new_len (value, g_utf8_offset_to_pointer (value, head) - value);
  for (glong i = 0; i < (n_stars > 0 ? (glong) n_stars : length - head - tail); i++)
    g_string_append_c (masked, '*');
  tail_start = g_utf8_offset_to_pointer (value, length - tail);
  g_string_append (masked, tail_start);

  return g_string_free (masked, FALSE);
}

/**
 * community_privacy_mask_id_number:
 * @self: a privacy setting
 * @id_number: (nullable): a citizen ID number
 *
 * Masks an ID number: its first [property@Community.Privacy:id-number-head]
 * and last [property@Community.Privacy:id-number-tail] characters, a `*` for
 * every other one. This is what a masked export writes, whatever the mode of
 * @self.
 *
 * Returns: (transfer full) (nullable): the masked number, or %NULL for %NULL
 */
char *
community_privacy_mask_id_number (CommunityPrivacy *self,
                                  const char       *id_number)
{
  g_return_val_if_fail (COMMUNITY_IS_PRIVACY (self), NULL);

  return mask (id_number, self->id_number_head, self->id_number_tail, 0);
}

/**
 * community_privacy_mask_phone:
 * @self: a privacy setting
 * @phone: (nullable): a phone number
 *
 * Masks a phone: its first [property@Community.Privacy:phone-head] and last
 * [property@Community.Privacy:phone-tail] digits, a `*` for every other one.
 *
 * Returns: (transfer full) (nullable): the masked phone, or %NULL for %NULL
 */
char *
community_privacy_mask_phone (CommunityPrivacy *self,
                              const char       *phone)
{
  g_return_val_if_fail (COMMUNITY_IS_PRIVACY (self), NULL);

  return mask (phone, self->phone_head, self->phone_tail, 0);
}

/**
 * community_privacy_mask_name:
 * @self: a privacy setting
 * @name: (nullable): a person's name
 *
 * Masks a name: its first [property@Community.Privacy:name-head] characters
 * and a single `*`, so that the mask does not tell the name's length.
 *
 * Returns: (transfer full) (nullable): the masked name, or %NULL for %NULL
 */
char *
community_privacy_mask_name (CommunityPrivacy *self,
                             const char       *name)
{
  g_return_val_if_fail (COMMUNITY_IS_PRIVACY (self), NULL);

  return mask (name, self->name_head, 0, 1);
}
