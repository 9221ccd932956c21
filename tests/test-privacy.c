/* test-privacy.c: masking and dropping personal data on export
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <glib/gstdio.h>
#include <string.h>

#include "test-common.h"

START_TEST (test_mask_defaults)
{
  g_autoptr(CommunityPrivacy) privacy = community_privacy_new (COMMUNITY_PRIVACY_MODE_MASK);
  g_autofree char *id = community_privacy_mask_id_number (privacy, "110102199101010078");
  g_autofree char *phone = community_privacy_mask_phone (privacy, "13912345678");
  g_autofree char *name = community_privacy_mask_name (privacy, "张三丰");
  g_autofree char *short_name = community_privacy_mask_name (privacy, "李");
  g_autofree char *short_phone = community_privacy_mask_phone (privacy, "1234567");

  ck_assert_str_eq (id, "110102********0078");
  ck_assert_str_eq (phone, "139****5678");
  ck_assert_str_eq (name, "张*");
  /* Too short to keep anything and still hide something: all hidden. */
  ck_assert_str_eq (short_name, "*");
  ck_assert_str_eq (short_phone, "*******");
  ck_assert_ptr_null (community_privacy_mask_phone (privacy, NULL));
  ck_assert_int_eq (community_privacy_get_mode (privacy), COMMUNITY_PRIVACY_MODE_MASK);
}
END_TEST

START_TEST (test_mask_lengths_configurable)
{
  g_autoptr(CommunityPrivacy) privacy = community_privacy_new (COMMUNITY_PRIVACY_MODE_MASK);
  g_autofree char *id = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *name = NULL;

  g_object_set (privacy, "id-number-head", 2, "id-number-tail", 1,
                "phone-head", 0, "phone-tail", 2, "name-head", 2, NULL);
  id = community_privacy_mask_id_number (privacy, "44011320141005001X");
  phone = community_privacy_mask_phone (privacy, "13912345678");
  name = community_privacy_mask_name (privacy, "欧阳明远");

  ck_assert_str_eq (id, "44***************X");
  ck_assert_str_eq (phone, "*********78");
  ck_assert_str_eq (name, "欧阳*");
}
END_TEST

/* Every worker's personal values in the sample, read from its own file. */
static GPtrArray *
sample_personal_values (CommunityDataset *dataset)
{
  GListModel *workers = community_dataset_get_items (dataset, COMMUNITY_ENTITY_KIND_WORKER);
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (workers); i++)
    {
      g_autoptr(CommunityWorker) worker = g_list_model_get_item (workers, i);
      char *id_number = NULL, *phone = NULL;

      g_object_get (worker, "id-number", &id_number, "phone", &phone, NULL);
      if (id_number != NULL)
        g_ptr_array_add (values, id_number);
      if (phone != NULL)
        g_ptr_array_add (values, phone);
    }

  return values;
}

START_TEST (test_masked_save_has_no_personal_data)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityDataset) reloaded = community_dataset_new ();
  g_autoptr(CommunityPrivacy) privacy = community_privacy_new (COMMUNITY_PRIVACY_MODE_MASK);
  g_autoptr(GPtrArray) personal = sample_personal_values (dataset);
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = community_dataset_save_to_data (dataset, NULL);
  g_autofree char *masked = community_dataset_save_to_data_full (dataset, privacy, NULL);
  g_autofree char *name = NULL;
  g_autofree char *id_number = NULL;

  ck_assert_uint_gt (personal->len, 100);
  for (guint i = 0; i < personal->len; i++)
    {
      const char *value = g_ptr_array_index (personal, i);

      ck_assert_ptr_nonnull (strstr (plain, value));
      ck_assert_msg (strstr (masked, value) == NULL, "a masked save contains a personal value");
    }

  /* Still a valid document, with the masks in place of the values. */
  ck_assert_msg (community_dataset_load_from_data (reloaded, masked, -1, &error), "%s",
                 error ? error->message : "");
  g_object_get (community_dataset_get_worker (reloaded, "W0001"), "name", &name,
                "id-number", &id_number, NULL);
  ck_assert_str_eq (g_utf8_offset_to_pointer (name, 1), "*");
  ck_assert_int_eq (strlen (id_number), 18);
  ck_assert (strncmp (id_number + 6, "********", 8) == 0);
}
END_TEST

START_TEST (test_dropped_save_has_no_personal_members)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityPrivacy) privacy = community_privacy_new (COMMUNITY_PRIVACY_MODE_DROP);
  g_autoptr(JsonNode) root = community_dataset_to_node_full (dataset, privacy);
  JsonArray *workers = json_object_get_array_member (json_node_get_object (root), "workers");

  ck_assert_uint_eq (json_array_get_length (workers), 131);
  for (guint i = 0; i < json_array_get_length (workers); i++)
    {
      JsonObject *worker = json_array_get_object_element (workers, i);

      ck_assert (!json_object_has_member (worker, "name"));
      ck_assert (!json_object_has_member (worker, "id_number"));
      ck_assert (!json_object_has_member (worker, "phone"));
      ck_assert (json_object_has_member (worker, "id"));
    }
  /* Names of divisions and communities are not personal. */
  ck_assert (json_object_has_member (json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "communities"), 0), "name"));
}
END_TEST

START_TEST (test_keep_is_plain_save)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityPrivacy) privacy = community_privacy_new (COMMUNITY_PRIVACY_MODE_KEEP);
  g_autofree char *plain = community_dataset_save_to_data (dataset, NULL);
  g_autofree char *kept = community_dataset_save_to_data_full (dataset, privacy, NULL);

  ck_assert_str_eq (plain, kept);
}
END_TEST

START_TEST (test_save_to_file_masked)
{
  g_autoptr(CommunityDataset) dataset = community_test_load_sample ();
  g_autoptr(CommunityPrivacy) privacy = community_privacy_new (COMMUNITY_PRIVACY_MODE_MASK);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("community-privacy-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "masked.json", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *phone = NULL;

  g_object_get (community_dataset_get_worker (dataset, "W0001"), "phone", &phone, NULL);
  ck_assert (community_dataset_save_to_file_full (dataset, path, privacy, &error));
  ck_assert (g_file_get_contents (path, &contents, NULL, NULL));
  ck_assert (strstr (contents, phone) == NULL);
  g_remove (path);
  g_rmdir (dir);
}
END_TEST

START_TEST (test_load_error_hides_bad_id_number)
{
  /* A malformed ID number and a bad value beside it: the error names the
   * bad value's place, and nothing of the person. */
  const char *doc =
    "{\"format\": \"libcommunity-dataset\", \"version\": 1, \"workers\": ["
    "{\"id\": \"W1\", \"name\": \"王小明\", \"id_number\": \"32020219800231123Z\","
    " \"phone\": \"13800001111\", \"annual_pay_yuan\": 95000.5}]}";
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;

  ck_assert (!community_dataset_load_from_data (dataset, doc, -1, &error));
  community_test_assert_error (error, COMMUNITY_PARSE_ERROR, COMMUNITY_PARSE_ERROR_NOT_INTEGER,
                               "/workers/0/annual_pay_yuan");
  ck_assert (strstr (error->message, "32020219800231123Z") == NULL);
  ck_assert (strstr (error->message, "19800231") == NULL);
  ck_assert (strstr (error->message, "王小明") == NULL);
  ck_assert (strstr (error->message, "13800001111") == NULL);
}
END_TEST

int
main (void)
{
  Suite *suite = suite_create ("privacy");
  TCase *tc = tcase_create ("privacy");

  tcase_add_test (tc, test_mask_defaults);
  tcase_add_test (tc, test_mask_lengths_configurable);
  tcase_add_test (tc, test_masked_save_has_no_personal_data);
  tcase_add_test (tc, test_dropped_save_has_no_personal_members);
  tcase_add_test (tc, test_keep_is_plain_save);
  tcase_add_test (tc, test_save_to_file_masked);
  tcase_add_test (tc, test_load_error_hides_bad_id_number);
  suite_add_tcase (suite, tc);

  return community_test_run (suite);
}
