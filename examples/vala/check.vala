/* check.vala: a street's findings, from Vala
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Usage: community-check-vala DATASET.json STREET-CODE
 *
 * Loads a dataset, validates it with the built-in wuxi-2018 ruleset and
 * prints the findings about one street or town: the division itself, its
 * communities and villages and everything below them. For example
 *
 *   community-check-vala examples/data/wuxi-sample.json 320214055000
 *
 * prints
 *
 *   鸿山街道 (320214055000): 1 finding, 0 errors, 1 warning
 *   warning street.party-guidance-station division 320214055000 /divisions/7
 *       Street 鸿山街道 320214055000 has 0 guidance stations for ...
 *
 * It uses the Vala API that the build generates from the GIR
 * (community-1.0.vapi): valac --pkg community-1.0 check.vala
 *
 * Exit status: 0 when the street was checked (whatever it found), 1 when
 * the dataset cannot be loaded or the code names no street or town, 2 on
 * wrong usage.
 */

static string
plural (uint n, string one, string many)
{
  return "%u %s".printf (n, n == 1 ? one : many);
}

static bool
is_street_or_town (Community.Division division)
{
  return division.level == Community.DivisionLevel.STREET
      || division.level == Community.DivisionLevel.TOWN;
}

int
main (string[] args)
{
  if (args.length != 3) {
    stderr.printf ("usage: %s DATASET.json STREET-CODE\n", args[0]);
    return 2;
  }
  string filename = args[1];
  string code = args[2];

  var dataset = new Community.Dataset ();
  try {
    dataset.load_from_file (filename);
  } catch (Error e) {
    /* The message starts with the JSON Pointer of the first bad value. */
    stderr.printf ("%s: %s\n", filename, e.message);
    return 1;
  }

  unowned Community.Division? street = dataset.get_division (code);
  if (street == null || !is_street_or_town (street)) {
    stderr.printf ("%s: %s is not the code of a street or town\n", filename, code);
    return 1;
  }

  Community.Ruleset ruleset;
  try {
    ruleset = new Community.Ruleset.builtin ("wuxi-2018");
  } catch (Error e) {
    stderr.printf ("wuxi-2018: %s\n", e.message);
    return 1;
  }
  var report = new Community.Validator (ruleset).run (dataset);

  /* Every severity, any rule, any subject, in the street. */
  var findings = report.filter (Community.Severity.INFO, null, null, code);
  uint errors = 0, warnings = 0;
  for (uint i = 0; i < findings.get_n_items (); i++) {
    var finding = (Community.Finding) findings.get_item (i);
    if (finding.severity == Community.Severity.ERROR)
      errors++;
    else if (finding.severity == Community.Severity.WARNING)
      warnings++;
  }

  stdout.printf ("%s (%s): %s, %s, %s\n", street.name, code,
                 plural (findings.get_n_items (), "finding", "findings"),
                 plural (errors, "error", "errors"),
                 plural (warnings, "warning", "warnings"));

  for (uint i = 0; i < findings.get_n_items (); i++) {
    var finding = (Community.Finding) findings.get_item (i);
    var severity = (EnumClass) typeof (Community.Severity).class_ref ();
    var kind = (EnumClass) typeof (Community.EntityKind).class_ref ();

    stdout.printf ("%s %s %s %s %s\n    %s\n",
                   severity.get_value (finding.severity).value_nick,
                   finding.rule,
                   kind.get_value (finding.subject_kind).value_nick,
                   finding.subject_id,
                   finding.path,
                   finding.message);
  }

  return 0;
}
