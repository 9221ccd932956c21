/* community-bench: how fast libcommunity loads, validates and saves
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * For each size (city: 1,500 communities; province: 20,000; or any
 * --communities list) the benchmark
 *
 *   1. generates the dataset with community-gen (next to this program, or
 *      $COMMUNITY_GEN), unless the file is already there;
 *   2. runs itself in a fresh process (`--phase FILE`) that loads the file
 *      (community_dataset_load_from_file: reading included), validates it
 *      (community_validator_run with the built-in wuxi-2018 ruleset: every
 *      rule and every indicator), and saves it
 *      (community_dataset_save_to_file), reporting the time of each phase
 *      and the peak resident set size (VmHWM) after each;
 *   3. times `node -e` reading and JSON.parse-ing the same file (the read
 *      included, as it is in our load; the parse alone is shown too);
 *   4. runs itself (`--refuse FILE`) on a copy of the file whose last byte
 *      is wrong (the closing brace made a bracket): the load must refuse
 *      it, and the cost of finding the error at the very end is compared
 *      with the cost of loading the valid file;
 *
 * best of --runs runs each (in rounds: every size once per round, so that
 * the machine's drift over minutes falls on all sizes alike), and prints
 * one table, with the three ratios of
 * doc/performance.md: (load + validate) / node, peak RSS / file size, and
 * (province time / city time) / (province size / city size).
 *
 *   community-bench [--sizes city,province] [--runs 3] [--dir DIR]
 *
 * The validation uses the validator's default threads (one per processor);
 * COMMUNITY_BENCH_THREADS=N in the environment sets their number (1: the
 * sequential run).
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <community/community.h>

#include "community-bench-common.h"

typedef struct {
  double load, validate, save;      /* seconds, wall clock */
  double load_cpu, validate_cpu, save_cpu; /* seconds of CPU (user + system) */
  double rss_base, rss_load, rss_validate, rss_save; /* MiB, VmHWM after each phase */
  guint findings;
} Phases;

/* VmHWM (peak RSS) of this process, in MiB. */
static double
peak_rss_mib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, "VmHWM:");
  return line != NULL ? g_ascii_strtod (line + 6, NULL) / 1024.0 : 0;
}

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

/* The child: one load, one validation, one save, in this process. */
static int
run_phases (const char *filename)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(CommunityRuleset) ruleset = NULL;
  g_autoptr(CommunityValidator) validator = NULL;
  g_autoptr(CommunityReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = g_strconcat (filename, ".saved", NULL);
  Phases p = { 0 };
  double t, c;

  ruleset = community_ruleset_new_builtin ("wuxi-2018", &error);
  if (ruleset == NULL)
    g_error ("%s", error->message);
  validator = community_validator_new (ruleset);
  /* The validator's threads (CommunityValidator:threads): by default one
   * per processor; COMMUNITY_BENCH_THREADS=1 times the sequential run. */
  if (g_getenv ("COMMUNITY_BENCH_THREADS") != NULL)
    community_validator_set_threads (validator,
                                     (guint) g_ascii_strtoull (g_getenv ("COMMUNITY_BENCH_THREADS"), NULL, 10));
  p.rss_base = peak_rss_mib ();

  t = now ();
  c = cpu_now ();
  if (!community_dataset_load_from_file (dataset, filename, &error))
    {
      g_printerr ("community-bench: %s: %s\n", filename, error->message);
      return 1;
    }
  p.load = now () - t;
  p.load_cpu = cpu_now () - c;
  p.rss_load = peak_rss_mib ();
  if (g_getenv ("COMMUNITY_BENCH_LOAD_ONLY") != NULL)   /* for profiling */
    _exit (0);

  t = now ();
  c = cpu_now ();
  report = community_validator_run (validator, dataset);
  p.validate = now () - t;
  p.validate_cpu = cpu_now () - c;
  p.rss_validate = peak_rss_mib ();
  p.findings = g_list_model_get_n_items (community_report_get_findings (report));
  g_clear_object (&report);

  if (g_getenv ("COMMUNITY_BENCH_NO_SAVE") != NULL)   /* for profiling */
    {
      printf ("%.4f %.4f 0 %.4f %.4f 0 %.1f %.1f %.1f %.1f %u\n", p.load, p.validate,
              p.load_cpu, p.validate_cpu, p.rss_base, p.rss_load, p.rss_validate, p.rss_validate, p.findings);
      return 0;
    }

  t = now ();
  c = cpu_now ();
  if (!community_dataset_save_to_file (dataset, saved, &error))
    {
      g_printerr ("community-bench: %s: %s\n", saved, error->message);
      return 1;
    }
  p.save = now () - t;
  p.save_cpu = cpu_now () - c;
  p.rss_save = peak_rss_mib ();
  g_unlink (saved);

  printf ("%.4f %.4f %.4f %.4f %.4f %.4f %.1f %.1f %.1f %.1f %u\n", p.load, p.validate, p.save,
          p.load_cpu, p.validate_cpu, p.save_cpu,
          p.rss_base, p.rss_load, p.rss_validate, p.rss_save, p.findings);
  return 0;
}

/* The child for a refused file: one load that must fail; prints its wall
 * clock and CPU seconds. */
static int
run_refusal (const char *filename)
{
  g_autoptr(CommunityDataset) dataset = community_dataset_new ();
  g_autoptr(GError) error = NULL;
  double t = now (), c = cpu_now ();

  if (community_dataset_load_from_file (dataset, filename, &error))
    {
      g_printerr ("community-bench: %s was not refused\n", filename);
      return 1;
    }
  printf ("%.4f %.4f\n", now () - t, cpu_now () - c);
  return 0;
}

/* Runs this program again with @option @filename: its output, or NULL
 * with @error set. */
static char *
spawn_self (const char *self, const char *option, const char *filename, GError **error)
{
  const char *argv[] = { self, option, filename, NULL };
  g_autofree char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return NULL;
  return g_steal_pointer (&out);
}

static gboolean
spawn_refusal (const char *self, const char *filename, double *wall, double *cpu, GError **error)
{
  g_autofree char *out = spawn_self (self, "--refuse", filename, error);

  if (out == NULL)
    return FALSE;
  if (sscanf (out, "%lf %lf", wall, cpu) != 2)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "unexpected output: %s", out);
      return FALSE;
    }
  return TRUE;
}

/* @filename with its last closing brace made a bracket, as @bad_filename
 * (made once). */
static gboolean
make_bad_end (const char *filename, const char *bad_filename, GError **error)
{
  g_autoptr(GFile) source = g_file_new_for_path (filename);
  g_autoptr(GFile) target = g_file_new_for_path (bad_filename);
  g_autoptr(GFileIOStream) io = NULL;
  GSeekable *seekable;
  GOutputStream *out;
  GInputStream *in;
  char c = 0;
  goffset end;

  if (g_file_test (bad_filename, G_FILE_TEST_EXISTS))
    return TRUE;
  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error))
    return FALSE;
  io = g_file_open_readwrite (target, NULL, error);
  if (io == NULL)
    return FALSE;
  seekable = G_SEEKABLE (io);
  in = g_io_stream_get_input_stream (G_IO_STREAM (io));
  out = g_io_stream_get_output_stream (G_IO_STREAM (io));
  if (!g_seekable_seek (seekable, 0, G_SEEK_END, NULL, error))
    return FALSE;
  for (end = g_seekable_tell (seekable); end > 0 && c != '}'; end--)
    if (!g_seekable_seek (seekable, end - 1, G_SEEK_SET, NULL, error) ||
        g_input_stream_read (in, &c, 1, NULL, error) != 1)
      return FALSE;
  return g_seekable_seek (seekable, end, G_SEEK_SET, NULL, error) &&
         g_output_stream_write_all (out, "]", 1, NULL, NULL, error) &&
         g_io_stream_close (G_IO_STREAM (io), NULL, error);
}

static gboolean
spawn_phases (const char *self, const char *filename, Phases *p, GError **error)
{
  g_autofree char *out = spawn_self (self, "--phase", filename, error);

  if (out == NULL)
    return FALSE;
  if (sscanf (out, "%lf %lf %lf %lf %lf %lf %lf %lf %lf %lf %u", &p->load, &p->validate, &p->save,
              &p->load_cpu, &p->validate_cpu, &p->save_cpu,
              &p->rss_base, &p->rss_load, &p->rss_validate, &p->rss_save, &p->findings) != 11)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "unexpected output: %s", out);
      return FALSE;
    }
  return TRUE;
}

/* Node reads the file (as UTF-8, like our loader) and parses it; the
 * parse alone is timed too. Seconds, via process.hrtime. */
typedef struct {
  double read_parse, parse;          /* wall clock */
  double read_parse_cpu, parse_cpu;  /* process.cpuUsage(): every thread */
} NodeTimes;

static gboolean
spawn_node (const char *filename, NodeTimes *times, GError **error)
{
  const char *script =
    "const fs = require('fs');"
    "const cpu = (u) => (u.user + u.system) / 1e6;"
    "const c0 = process.cpuUsage();"
    "const t0 = process.hrtime.bigint();"
    "const text = fs.readFileSync(process.argv[1], 'utf8');"
    "const c1 = process.cpuUsage();"
    "const t1 = process.hrtime.bigint();"
    "const doc = JSON.parse(text);"
    "const t2 = process.hrtime.bigint();"
    "const c2 = process.cpuUsage();"
    "if (typeof doc !== 'object') process.exit(1);"
    "console.log(Number(t2 - t0) / 1e9, Number(t2 - t1) / 1e9,"
    "            cpu(c2) - cpu(c0), cpu(c2) - cpu(c1));";
  const char *argv[] = { "node", "-e", script, filename, NULL };
  g_autofree char *out = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     &status, error) ||
      !g_spawn_check_wait_status (status, error))
    return FALSE;
  if (sscanf (out, "%lf %lf %lf %lf", &times->read_parse, &times->parse,
              &times->read_parse_cpu, &times->parse_cpu) != 4)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "unexpected output from node: %s", out);
      return FALSE;
    }
  return TRUE;
}

static char *
find_generator (const char *self)
{
  const char *env = g_getenv ("COMMUNITY_GEN");
  g_autofree char *dir = NULL;
  g_autofree char *self_path = NULL;

  if (env != NULL)
    return g_strdup (env);
  self_path = g_file_read_link ("/proc/self/exe", NULL);
  dir = g_path_get_dirname (self_path != NULL ? self_path : self);
  return g_build_filename (dir, "community-gen", NULL);
}

typedef struct {
  char *name;
  guint communities;
  char *file;
  char *bad_file;  /* the same, its last byte wrong */
  double mib;
  double refuse, refuse_cpu;  /* refusing bad_file, the least of the runs */
  Phases best;     /* each time the least of the runs, each peak the most */
  NodeTimes node;  /* the least of the runs */
} Size;

#define KEEP_MIN(field) best->field = first ? run->field : MIN (best->field, run->field)
#define KEEP_MAX(field) best->field = first ? run->field : MAX (best->field, run->field)

static void
keep_best (Phases *best, const Phases *run, gboolean first)
{
  KEEP_MIN (load);
  KEEP_MIN (validate);
  KEEP_MIN (save);
  KEEP_MIN (load_cpu);
  KEEP_MIN (validate_cpu);
  KEEP_MIN (save_cpu);
  KEEP_MAX (rss_base);
  KEEP_MAX (rss_load);
  KEEP_MAX (rss_validate);
  KEEP_MAX (rss_save);
  best->findings = run->findings;
}

static void
keep_best_node (NodeTimes *best, const NodeTimes *run, gboolean first)
{
  KEEP_MIN (read_parse);
  KEEP_MIN (parse);
  KEEP_MIN (read_parse_cpu);
  KEEP_MIN (parse_cpu);
}

int
main (int argc, char **argv)
{
  g_autofree char *sizes_arg = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *phase = NULL;
  g_autofree char *refuse = NULL;
  g_autofree char *generator = NULL;
  int runs = 3;
  GOptionEntry entries[] = {
    { "sizes", 0, 0, G_OPTION_ARG_STRING, &sizes_arg,
      "comma-separated sizes: city, province, or numbers of communities (default city,province)", "LIST" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "runs per measurement; the best counts (default 3)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "where the datasets are kept (default bench-data)", "DIR" },
    { "phase", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &phase, NULL, NULL },
    { "refuse", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &refuse, NULL, NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time load, validate and save");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  GArray *sizes;

  tool_prefer_malloc (argv);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("community-bench: %s\n", error->message);
      return 2;
    }
  if (phase != NULL)
    return run_phases (phase);
  if (refuse != NULL)
    return run_refusal (refuse);

  if (dir == NULL)
    dir = g_strdup ("bench-data");
  g_mkdir_with_parents (dir, 0755);
  generator = find_generator (argv[0]);
  names = g_strsplit (sizes_arg != NULL ? sizes_arg : "city,province", ",", -1);
  sizes = g_array_new (FALSE, TRUE, sizeof (Size));

  for (guint i = 0; names[i] != NULL; i++)
    {
      Size size = { 0 };
      g_autofree char *basename = NULL;
      GStatBuf st;

      if (g_str_equal (names[i], "city"))
        size.communities = 1500;
      else if (g_str_equal (names[i], "province"))
        size.communities = 20000;
      else
        size.communities = (guint) g_ascii_strtoull (names[i], NULL, 10);
      if (size.communities == 0)
        {
          g_printerr ("community-bench: unknown size “%s”\n", names[i]);
          return 2;
        }
      size.name = g_strdup (names[i]);
      basename = g_strdup_printf ("dataset-%u.json", size.communities);
      size.file = g_build_filename (dir, basename, NULL);

      if (!g_file_test (size.file, G_FILE_TEST_EXISTS))
        {
          g_autofree char *n = g_strdup_printf ("%u", size.communities);
          const char *gen_argv[] = { generator, "--communities", n, "-o", size.file, NULL };
          int status;

          g_printerr ("generating %s (%u communities)\n", size.file, size.communities);
          if (!g_spawn_sync (NULL, (char **) gen_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                             &status, &error) ||
              !g_spawn_check_wait_status (status, &error))
            {
              g_printerr ("community-bench: %s: %s\n", generator, error->message);
              return 1;
            }
        }
      if (g_stat (size.file, &st) != 0)
        {
          g_printerr ("community-bench: cannot stat %s\n", size.file);
          return 1;
        }
      size.mib = st.st_size / (1024.0 * 1024.0);
      basename = (g_free (basename), g_strdup_printf ("dataset-%u-bad-end.json", size.communities));
      size.bad_file = g_build_filename (dir, basename, NULL);
      if (!make_bad_end (size.file, size.bad_file, &error))
        {
          g_printerr ("community-bench: %s: %s\n", size.bad_file, error->message);
          return 1;
        }
      g_array_append_val (sizes, size);
    }

  /* Round by round, every size in each round: the machine's speed drifts
   * over minutes, and the scaling ratio compares sizes, so each size's
   * best run is taken from the same stretch of time as the others'. */
  for (int r = 0; r < runs; r++)
    for (guint i = 0; i < sizes->len; i++)
      {
        Size *size = &g_array_index (sizes, Size, i);
        Phases p;
        NodeTimes node = { 0 };

        if (!spawn_phases (argv[0], size->file, &p, &error))
          {
            g_printerr ("community-bench: %s: %s\n", size->file, error->message);
            return 1;
          }
        keep_best (&size->best, &p, r == 0);
        if (!spawn_node (size->file, &node, &error))
          {
            g_printerr ("community-bench: node: %s\n", error->message);
            g_clear_error (&error);
          }
        keep_best_node (&size->node, &node, r == 0);
        {
          double wall, cpu;

          if (!spawn_refusal (argv[0], size->bad_file, &wall, &cpu, &error))
            {
              g_printerr ("community-bench: %s: %s\n", size->bad_file, error->message);
              return 1;
            }
          size->refuse = r == 0 ? wall : MIN (size->refuse, wall);
          size->refuse_cpu = r == 0 ? cpu : MIN (size->refuse_cpu, cpu);
        }
        g_printerr ("%s run %d: load %.3f s (cpu %.3f), validate %.3f s (cpu %.3f), save %.3f s, "
                    "peak %.0f MiB; node read+parse %.3f s (cpu %.3f)\n",
                    size->name, r + 1, p.load, p.load_cpu, p.validate, p.validate_cpu, p.save,
                    p.rss_save, node.read_parse, node.read_parse_cpu);
      }

  printf ("\nG_SLICE=%s, COMMUNITY_LOAD_THREADS=%s (community-slice.h, doc/overview.md)\n",
          g_getenv ("G_SLICE") ? g_getenv ("G_SLICE") : "(unset)",
          g_getenv ("COMMUNITY_LOAD_THREADS") ? g_getenv ("COMMUNITY_LOAD_THREADS") : "(unset: two for a large file)");
  printf ("\nWall clock, best of %d (MB = 10^6 bytes; peak RSS = VmHWM after load / validate / save):\n\n", runs);
  printf ("| size | file MB | load s | validate s | save s | peak RSS MB | "
          "node read+JSON.parse s (parse alone) | (load+validate)/node | peak RSS (load+validate)/file |\n");
  printf ("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
  for (guint i = 0; i < sizes->len; i++)
    {
      Size *s = &g_array_index (sizes, Size, i);

      printf ("| %s | %.1f | %.3f | %.3f | %.3f | %.0f / %.0f / %.0f | %.3f (%.3f) | %.2f | %.2f |\n",
              s->name, s->mib * 1.048576, s->best.load, s->best.validate, s->best.save,
              s->best.rss_load * 1.048576, s->best.rss_validate * 1.048576, s->best.rss_save * 1.048576,
              s->node.read_parse, s->node.parse,
              s->node.read_parse > 0 ? (s->best.load + s->best.validate) / s->node.read_parse : 0,
              s->best.rss_validate / s->mib);
    }

  printf ("\nCPU time (user + system), best of %d:\n\n", runs);
  printf ("| size | load s | validate s | save s | node read+JSON.parse s (parse alone) | (load+validate)/node |\n");
  printf ("| --- | ---: | ---: | ---: | ---: | ---: |\n");
  for (guint i = 0; i < sizes->len; i++)
    {
      Size *s = &g_array_index (sizes, Size, i);

      printf ("| %s | %.3f | %.3f | %.3f | %.3f (%.3f) | %.2f |\n",
              s->name, s->best.load_cpu, s->best.validate_cpu, s->best.save_cpu,
              s->node.read_parse_cpu, s->node.parse_cpu,
              s->node.read_parse_cpu > 0 ? (s->best.load_cpu + s->best.validate_cpu) / s->node.read_parse_cpu : 0);
    }

  printf ("\nRefusing a file whose last byte is wrong, against loading the valid file, best of %d:\n\n", runs);
  printf ("| size | load s (cpu) | refusal s (cpu) | refusal / load, cpu |\n");
  printf ("| --- | ---: | ---: | ---: |\n");
  for (guint i = 0; i < sizes->len; i++)
    {
      Size *s = &g_array_index (sizes, Size, i);

      printf ("| %s | %.3f (%.3f) | %.3f (%.3f) | %.2f |\n", s->name, s->best.load, s->best.load_cpu,
              s->refuse, s->refuse_cpu, s->best.load_cpu > 0 ? s->refuse_cpu / s->best.load_cpu : 0);
    }

  /* Scaling: each size against the first. */
  for (guint i = 1; i < sizes->len; i++)
    {
      Size *a = &g_array_index (sizes, Size, 0), *b = &g_array_index (sizes, Size, i);
      double size_ratio = b->mib / a->mib;
      double wall = (b->best.load + b->best.validate) / (a->best.load + a->best.validate);
      double cpu = (b->best.load_cpu + b->best.validate_cpu) / (a->best.load_cpu + a->best.validate_cpu);

      printf ("\n%s/%s: size ratio %.2f; (load+validate) time ratio %.2f wall, %.2f CPU: "
              "time ratio / size ratio = %.2f wall, %.2f CPU\n",
              b->name, a->name, size_ratio, wall, cpu, wall / size_ratio, cpu / size_ratio);
    }

  return 0;
}
