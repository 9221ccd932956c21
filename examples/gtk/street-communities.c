/* street-communities.c: a street's communities in a GTK 4 list, checked live
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: street-communities DATASET STREET-CODE [--self-test]
 *
 * Shows the communities and villages of one street or town in a
 * GtkListView bound to the dataset's own GListModel of communities
 * (filtered to the street, so that it follows additions, removals and a
 * community moving to another street). Each row shows a community's name,
 * its households in a spin button, and the policy findings about it and
 * everything in it. Editing the households sets the community's field
 * through its typed setter; the CommunityValidation that watches the
 * dataset notifies `report`, and the rows show the new findings: only
 * what the change touches is checked again.
 *
 * With --self-test the program drives its own window: it prints the rows
 * as the widgets show them, sets the households of the first community
 * with a grid.coverage finding to what its grids cover (through the spin
 * button, as a user would), waits for the validation's notification,
 * prints the rows again and quits. tests/examples/test_gtk.py runs it
 * under a virtual display and checks both.
 */

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <gtk/gtk.h>
#include <community/community.h>

typedef struct {
  CommunityDataset *dataset;
  CommunityValidation *validation;
  char *street;
  GtkWidget *window;
  GtkWidget *list;
  GPtrArray *bound;       /* GtkListItem, those whose row is bound */
  guint refresh_source;
  gboolean self_test;
  int self_test_step;
  guint notifications;
} App;

/* --- the rows --- */

/* "grid.coverage, workers.per-households" or "none": the rules with a
 * finding about the community or anything in it. */
static char *
findings_text (App                *app,
               CommunityCommunity *community)
{
  CommunityReport *report = community_validation_get_report (app->validation);
  g_autoptr(GListModel) findings =
    community_report_filter (report, COMMUNITY_SEVERITY_INFO, NULL, NULL,
                             community_community_get_code (community));
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (findings); i++)
    {
      g_autoptr(CommunityFinding) finding = g_list_model_get_item (findings, i);

      g_string_append_printf (text, "%s%s", text->len > 0 ? ", " : "",
                              community_finding_get_rule (finding));
    }
  if (text->len == 0)
    g_string_append (text, "none");
  return g_string_free (text, FALSE);
}

static void
update_row (App         *app,
            GtkListItem *item)
{
  CommunityCommunity *community = gtk_list_item_get_item (item);
  GtkWidget *findings = g_object_get_data (G_OBJECT (item), "findings");
  g_autofree char *text = findings_text (app, community);

  gtk_label_set_text (GTK_LABEL (findings), text);
}

static gboolean
refresh (gpointer user_data)
{
  App *app = user_data;

  app->refresh_source = 0;
  for (guint i = 0; i < app->bound->len; i++)
    update_row (app, app->bound->pdata[i]);
  return G_SOURCE_REMOVE;
}

/* The report changed: refresh the rows once the burst of changes that
 * caused it is over (an idle), reading the report then. */
static void
on_report_notify (CommunityValidation *validation,
                  GParamSpec          *pspec,
                  App                 *app)
{
  app->notifications++;
  if (app->refresh_source == 0)
    app->refresh_source = g_idle_add (refresh, app);
}

static void
on_households_changed (GtkSpinButton *spin,
                       GtkListItem   *item)
{
  CommunityCommunity *community = gtk_list_item_get_item (item);

  if (community != NULL)
    community_community_set_households (community, (guint) gtk_spin_button_get_value_as_int (spin));
}

static void
setup_row (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           App                      *app)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *households = gtk_spin_button_new_with_range (0, G_MAXUINT32, 10);
  GtkWidget *findings = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_width_chars (GTK_LABEL (name), 28);
  gtk_label_set_xalign (GTK_LABEL (findings), 0);
  gtk_widget_set_hexpand (findings, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), households);
  gtk_box_append (GTK_BOX (box), findings);
  gtk_list_item_set_child (item, box);

  g_object_set_data (G_OBJECT (item), "name", name);
  g_object_set_data (G_OBJECT (item), "households", households);
  g_object_set_data (G_OBJECT (item), "findings", findings);
  g_signal_connect (households, "value-changed", G_CALLBACK (on_households_changed), item);
}

static void
bind_row (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          App                      *app)
{
  CommunityCommunity *community = gtk_list_item_get_item (item);
  GtkWidget *households = g_object_get_data (G_OBJECT (item), "households");
  g_autofree char *label = g_strdup_printf ("%s %s", community_community_get_code (community),
                                            community_community_get_name (community));

  gtk_label_set_text (g_object_get_data (G_OBJECT (item), "name"), label);
  g_signal_handlers_block_by_func (households, on_households_changed, item);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (households), community_community_get_households (community));
  g_signal_handlers_unblock_by_func (households, on_households_changed, item);
  update_row (app, item);
  g_ptr_array_add (app->bound, item);
}

static void
unbind_row (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            App                      *app)
{
  g_ptr_array_remove_fast (app->bound, item);
}

/* --- the list: the dataset's communities, filtered to the street --- */

static gboolean
in_street (gpointer item,
           gpointer user_data)
{
  App *app = user_data;

  return g_strcmp0 (community_community_get_street (item), app->street) == 0;
}

/* A community that moves to another street leaves the list. */
static void
on_entity_changed (CommunityDataset *dataset,
                   CommunityEntity  *entity,
                   GParamSpec       *pspec,
                   GtkFilter        *filter)
{
  if (COMMUNITY_IS_COMMUNITY (entity) && pspec != NULL && strcmp (pspec->name, "street") == 0)
    gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
}

static GtkWidget *
street_list (App *app)
{
  GListModel *communities = community_dataset_get_items (app->dataset, COMMUNITY_ENTITY_KIND_COMMUNITY);
  GtkCustomFilter *filter = gtk_custom_filter_new (in_street, app, NULL);
  GtkFilterListModel *model;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_object (app->dataset, "entity-changed", G_CALLBACK (on_entity_changed), filter, 0);
  model = gtk_filter_list_model_new (g_object_ref (communities), GTK_FILTER (filter));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row), app);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row), app);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row), app);
  return gtk_list_view_new (GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (model))), factory);
}

/* --- --self-test: what the widgets show, and a user's edit --- */

/* The bound rows in list order. */
static GPtrArray *
rows_in_order (App *app)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (guint position = 0; ; position++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < app->bound->len; i++)
        if (gtk_list_item_get_position (app->bound->pdata[i]) == position)
          {
            g_ptr_array_add (rows, app->bound->pdata[i]);
            found = TRUE;
          }
      if (!found)
        return rows;
    }
}

static void
print_rows (App *app)
{
  g_autoptr(GPtrArray) rows = rows_in_order (app);

  for (guint i = 0; i < rows->len; i++)
    {
      GObject *item = rows->pdata[i];

      printf ("row %s | households %d | findings %s\n",
              gtk_label_get_text (g_object_get_data (item, "name")),
              gtk_spin_button_get_value_as_int (g_object_get_data (item, "households")),
              gtk_label_get_text (g_object_get_data (item, "findings")));
    }
  fflush (stdout);
}

static gboolean
self_test_step (gpointer user_data)
{
  App *app = user_data;
  g_autoptr(GPtrArray) rows = NULL;

  switch (app->self_test_step)
    {
    case 0:   /* until the list shows its rows */
      if (app->bound->len == 0 || !gtk_widget_get_mapped (app->list))
        return G_SOURCE_CONTINUE;
      printf ("rows %u\n", app->bound->len);
      print_rows (app);
      rows = rows_in_order (app);
      for (guint i = 0; i < rows->len; i++)
        {
          CommunityCommunity *community = gtk_list_item_get_item (rows->pdata[i]);
          CommunityReport *report = community_validation_get_report (app->validation);
          g_autoptr(GListModel) coverage =
            community_report_filter (report, COMMUNITY_SEVERITY_INFO, "grid.coverage",
                                     community_community_get_code (community), NULL);
          g_autoptr(CommunityFinding) finding = g_list_model_get_item (coverage, 0);
          GtkSpinButton *spin;
          JsonNode *covered;

          if (finding == NULL)
            continue;
          covered = community_finding_get_actual (finding);
          spin = g_object_get_data (rows->pdata[i], "households");
          printf ("edit %s households %d -> %" G_GINT64_FORMAT "\n",
                  community_community_get_code (community),
                  gtk_spin_button_get_value_as_int (spin), json_node_get_int (covered));
          app->notifications = 0;
          /* As a user would: the spin button's value, then its signal. */
          gtk_spin_button_set_value (spin, (double) json_node_get_int (covered));
          printf ("pending %s, notified %u\n",
                  community_validation_is_pending (app->validation) ? "yes" : "no",
                  app->notifications);
          break;
        }
      app->self_test_step++;
      return G_SOURCE_CONTINUE;
    case 1:   /* until the rows were refreshed */
      if (app->refresh_source != 0)
        return G_SOURCE_CONTINUE;
      printf ("refreshed, pending %s\n",
              community_validation_is_pending (app->validation) ? "yes" : "no");
      print_rows (app);
      printf ("done\n");
      fflush (stdout);
      gtk_window_destroy (GTK_WINDOW (app->window));
      return G_SOURCE_REMOVE;
    default:
      g_assert_not_reached ();
    }
}

/* --- the application --- */

static void
activate (GtkApplication *application,
          App            *app)
{
  CommunityDivision *street = community_dataset_get_division (app->dataset, app->street);
  g_autofree char *title = g_strdup_printf ("%s %s", community_division_get_name (street), app->street);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  app->window = gtk_application_window_new (application);
  gtk_window_set_title (GTK_WINDOW (app->window), title);
  gtk_window_set_default_size (GTK_WINDOW (app->window), 900, 480);
  app->list = street_list (app);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), app->list);
  gtk_window_set_child (GTK_WINDOW (app->window), scrolled);
  gtk_window_present (GTK_WINDOW (app->window));

  if (app->self_test)
    g_timeout_add (50, self_test_step, app);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GtkApplication) application = NULL;
  g_autoptr(CommunityRuleset) ruleset = NULL;
  g_autoptr(CommunityValidator) validator = NULL;
  g_autoptr(GError) error = NULL;
  App app = { 0 };
  CommunityDivision *street;
  int status;

  setlocale (LC_ALL, "");

  if (argc < 3 || argc > 4 || (argc == 4 && strcmp (argv[3], "--self-test") != 0))
    {
      g_printerr ("usage: %s DATASET STREET-CODE [--self-test]\n", argv[0]);
      return 2;
    }

  app.dataset = community_dataset_new ();
  if (!community_dataset_load_from_file (app.dataset, argv[1], &error))
    {
      g_printerr ("%s: %s\n", argv[1], error->message);
      return 2;
    }
  street = community_dataset_get_division (app.dataset, argv[2]);
  if (street == NULL)
    {
      g_printerr ("%s: no division has the code %s\n", argv[1], argv[2]);
      return 2;
    }
  app.street = g_strdup (argv[2]);
  app.self_test = argc == 4;
  app.bound = g_ptr_array_new ();

  ruleset = community_ruleset_new_builtin ("wuxi-2018", &error);
  g_assert_no_error (error);
  validator = community_validator_new (ruleset);
  app.validation = community_validation_new (validator, app.dataset);
  g_signal_connect (app.validation, "notify::report", G_CALLBACK (on_report_notify), &app);

  application = gtk_application_new (NULL, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (application, "activate", G_CALLBACK (activate), &app);
  status = g_application_run (G_APPLICATION (application), 1, argv);

  g_clear_handle_id (&app.refresh_source, g_source_remove);
  g_clear_object (&app.validation);
  g_clear_object (&app.dataset);
  g_ptr_array_unref (app.bound);
  g_free (app.street);
  return status;
}
