/* test-vapi.vala: the library through the generated community-1.0.vapi
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every call here goes through the Vala API that vapigen makes from the GIR,
 * so a wrong annotation (ownership, nullability, element type, error domain)
 * shows up as a compile error, a crash or a failed assertion. Run with
 * COMMUNITY_SAMPLE naming examples/data/wuxi-sample.json; prints TAP with
 * --tap.
 */

const string TAYING_ER = "320213025005";   /* 塔影二村社区 */
const string GUANGYI = "320213025000";     /* 广益街道 */
const string LIANGXI = "320213000000";     /* 梁溪区 */

static string
sample_path ()
{
  var path = Environment.get_variable ("COMMUNITY_SAMPLE");
  if (path == null)
    error ("COMMUNITY_SAMPLE is not set: it must name wuxi-sample.json");
  return path;
}

static Community.Dataset
load_sample ()
{
  var dataset = new Community.Dataset ();
  try {
    dataset.load_from_file (sample_path ());
  } catch (Error e) {
    error ("%s", e.message);
  }
  return dataset;
}

static void
test_version ()
{
  assert_true (Community.MAJOR_VERSION >= 0);
  assert_cmpstr (Community.VERSION_S, CompareOperator.EQ,
                 "%d.%d.%d".printf (Community.MAJOR_VERSION, Community.MINOR_VERSION,
                                    Community.MICRO_VERSION));
}

static void
test_load_and_lookup ()
{
  var dataset = load_sample ();

  unowned Community.Community? community = dataset.get_community (TAYING_ER);
  assert_nonnull (community);
  assert_cmpstr (community.name, CompareOperator.EQ, "塔影二村社区");
  assert_cmpstr (community.get_identity (), CompareOperator.EQ, TAYING_ER);
  assert_true (community.get_kind () == Community.EntityKind.COMMUNITY);
  assert_true (community.get_dataset () == dataset);

  assert_null (dataset.get_community ("320213025999"));
  assert_null (dataset.get_grid ("no-such-grid"));

  unowned Community.Entity? entity = dataset.lookup (Community.EntityKind.GRID, "320213025005-G01");
  assert_nonnull (entity);
  assert_true (entity is Community.Grid);
}

static void
test_list_models ()
{
  var dataset = load_sample ();
  unowned ListModel grids = dataset.get_items (Community.EntityKind.GRID);

  assert_true (grids.get_item_type () == typeof (Community.Grid));
  assert_cmpuint (grids.get_n_items (), CompareOperator.GT, 0);
  for (uint i = 0; i < grids.get_n_items (); i++) {
    var grid = (Community.Grid) grids.get_item (i);
    assert_nonnull (dataset.get_grid (grid.id));
  }
  assert_null (grids.get_item (grids.get_n_items ()));
}

static void
test_hierarchy ()
{
  var dataset = load_sample ();
  var communities = dataset.list_communities (GUANGYI);

  assert_cmpuint (communities.length, CompareOperator.GT, 0);
  foreach (unowned Community.Community c in communities.data) {
    assert_cmpstr (c.street, CompareOperator.EQ, GUANGYI);
    unowned Community.Division? street = dataset.get_ancestor (c, Community.DivisionLevel.STREET);
    assert_nonnull (street);
    assert_cmpstr (street.code, CompareOperator.EQ, GUANGYI);
  }

  unowned Community.Grid? grid = dataset.get_grid ("320213025005-G01");
  unowned Community.Division? city = dataset.get_ancestor (grid, Community.DivisionLevel.CITY);
  assert_cmpstr (city.name, CompareOperator.EQ, "无锡市");
}

static void
test_unset_is_not_zero ()
{
  var grid = new Community.Grid ("X-G01");

  assert_false (grid.is_set ("households"));
  assert_cmpuint (grid.households, CompareOperator.EQ, 0);
  grid.households = 0;
  assert_true (grid.is_set ("households"));
  grid.unset ("households");
  assert_false (grid.is_set ("households"));
}

static void
test_add_and_remove ()
{
  var dataset = load_sample ();
  var grid = new Community.Grid ("320213025005-G99");
  grid.community = TAYING_ER;

  try {
    assert_true (dataset.add (grid));
  } catch (Error e) {
    error ("%s", e.message);
  }
  assert_true (dataset.get_grid ("320213025005-G99") == grid);

  var twin = new Community.Grid ("320213025005-G99");
  try {
    dataset.add (twin);
    assert_not_reached ();
  } catch (Community.DatasetError e) {
    assert_error (e, Community.DatasetError.quark (), Community.DatasetError.DUPLICATE);
  } catch (Error e) {
    error ("unexpected error %s", e.message);
  }

  assert_true (dataset.remove (grid));
  assert_null (dataset.get_grid ("320213025005-G99"));
}

static void
test_parse_error ()
{
  var dataset = load_sample ();
  uint8[] bad = "{\"format\": 1}".data;

  try {
    dataset.load_from_data (bad);
    assert_not_reached ();
  } catch (Error e) {
    assert_true (e.domain == Community.ParseError.quark ());
    assert_true (e.message.has_prefix ("/"));
  }
  /* Left as it was. */
  assert_nonnull (dataset.get_community (TAYING_ER));
}

static void
test_round_trip ()
{
  var dataset = load_sample ();
  size_t length;
  string data = dataset.save_to_data (out length);

  assert_true (length == data.length);
  var copy = new Community.Dataset ();
  try {
    copy.load_from_data (data.data);
  } catch (Error e) {
    error ("%s", e.message);
  }
  assert_true (copy.equal (dataset));
}

static void
test_validation ()
{
  var dataset = load_sample ();
  Community.Ruleset ruleset;
  try {
    ruleset = new Community.Ruleset.builtin ("wuxi-2018");
  } catch (Error e) {
    error ("%s", e.message);
  }
  assert_cmpstr (ruleset.get_name (), CompareOperator.EQ, "wuxi-2018");

  var report = new Community.Validator (ruleset).run (dataset);
  assert_cmpstr (report.get_ruleset (), CompareOperator.EQ, "wuxi-2018");
  assert_cmpuint (report.get_findings ().get_n_items (), CompareOperator.EQ, 9);
  assert_cmpuint (report.count (Community.Severity.ERROR), CompareOperator.EQ, 6);
  assert_cmpuint (report.count (Community.Severity.WARNING), CompareOperator.EQ, 3);

  var leader = report.filter (Community.Severity.ERROR, "grid.leader", null, null);
  assert_cmpuint (leader.get_n_items (), CompareOperator.EQ, 1);
  var finding = (Community.Finding) leader.get_item (0);
  assert_cmpstr (finding.subject_id, CompareOperator.EQ, "320205106001-G02");
  assert_cmpstr (finding.path, CompareOperator.EQ, "/grids/17/leader");
  assert_true (finding.subject_kind == Community.EntityKind.GRID);

  unowned Community.RuleResult? result = report.get_rule_result ("grid.leader");
  assert_nonnull (result);
  assert_cmpuint (result.get_failed (), CompareOperator.EQ, 1);
  assert_null (report.get_rule_result ("no.such-rule"));

  /* 年人均报酬: the mean pay of 梁溪区's full-time staff, judged for the
   * district (DOMAIN.md version 2). */
  var pay = report.filter (Community.Severity.INFO, "worker.pay-floor", null, null);
  assert_cmpuint (pay.get_n_items (), CompareOperator.EQ, 1);
  finding = (Community.Finding) pay.get_item (0);
  assert_true (finding.subject_kind == Community.EntityKind.DIVISION);
  assert_cmpstr (finding.subject_id, CompareOperator.EQ, LIANGXI);
  assert_cmpint ((int) finding.get_expected ().get_int (), CompareOperator.EQ, 112480);
  assert_cmpint ((int) finding.get_actual ().get_int (), CompareOperator.EQ, 110353);

  var street = report.filter (Community.Severity.INFO, null, null, GUANGYI);
  assert_cmpuint (street.get_n_items (), CompareOperator.EQ, 3);

  /* A monitoring indicator has a rate and no target. */
  unowned Community.IndicatorResult? monitoring =
    report.get_indicator ("committee.local-resident-share", "320200000000");
  assert_nonnull (monitoring);
  assert_true (monitoring.is_applicable ());
  assert_false (monitoring.has_target ());
  assert_false (monitoring.get_met ());
  unowned Community.IndicatorResult? targeted =
    report.get_indicator ("self-governance.compliance", "320200000000");
  assert_nonnull (targeted);
  assert_true (targeted.has_target ());
}

static void
test_v2_entities ()
{
  var dataset = load_sample ();

  /* A department resolves by id, name or alias: WI-11 names 市综治办. */
  unowned Community.Department? department = dataset.find_department ("市综治办");
  assert_nonnull (department);
  assert_cmpstr (department.get_identity (), CompareOperator.EQ, "市委政法委");
  assert_true (dataset.find_department ("市委政法委") == department);
  assert_null (dataset.get_department ("市综治办"));
  assert_null (dataset.find_department ("市不存在局"));

  /* Commendations have no id: they are read by position. */
  var commendations = dataset.get_items (Community.EntityKind.COMMENDATION);
  assert_cmpuint (commendations.get_n_items (), CompareOperator.EQ, 28);
  var commendation = (Community.Commendation) commendations.get_item (0);
  assert_null (commendation.get_identity ());
  assert_true (commendation.kind == Community.CommendationKind.PARTY_ORGANIZATION);
  assert_cmpuint (commendation.year, CompareOperator.EQ, 2019);
  assert_cmpstr (commendation.subject, CompareOperator.EQ, "320213025001");
}

static void
test_ruleset_error ()
{
  try {
    new Community.Ruleset.builtin ("no-such-ruleset");
    assert_not_reached ();
  } catch (Error e) {
    assert_true (e.domain == Community.RulesetError.quark ());
  }
}

int
main (string[] args)
{
  Test.init (ref args);

  Test.add_func ("/vala/version", test_version);
  Test.add_func ("/vala/load-and-lookup", test_load_and_lookup);
  Test.add_func ("/vala/list-models", test_list_models);
  Test.add_func ("/vala/hierarchy", test_hierarchy);
  Test.add_func ("/vala/unset-is-not-zero", test_unset_is_not_zero);
  Test.add_func ("/vala/add-and-remove", test_add_and_remove);
  Test.add_func ("/vala/parse-error", test_parse_error);
  Test.add_func ("/vala/round-trip", test_round_trip);
  Test.add_func ("/vala/validation", test_validation);
  Test.add_func ("/vala/v2-entities", test_v2_entities);
  Test.add_func ("/vala/ruleset-error", test_ruleset_error);

  return Test.run ();
}
