/* community-gen: deterministic synthetic datasets in the dataset format
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Writes a document of the dataset format (DOMAIN.md §7) of any size, for
 * benchmarks and tests: divisions with valid 12-digit codes (cities,
 * districts/counties, streets (001–099) and towns (100–199)), communities
 * (urban 001–199, rural 200–399) and, per community, grids, workers (valid
 * GB 11643 ID numbers and mobile numbers), facilities, consultations with
 * legal histories, a social organization (valid GB 32100 code) and funding;
 * plus departments, tasks, work items, wage baselines and surveys. A few
 * percent of the values are deliberately off (grids without a leader,
 * coverage mismatches, small service centers, duplicate persons, …) so that
 * every rule finds something to report. A few records carry members the
 * format does not know, to exercise the round trip.
 *
 * The output depends only on the options: the same options give the same
 * bytes on every machine.
 *
 *   community-gen --scale city     -o city.json       (~1,500 communities)
 *   community-gen --scale province -o province.json   (~20,000 communities)
 *   community-gen --communities N [--seed S] -o FILE
 *   community-gen --scale province --defects high -o many.json
 *                                        (about 10 findings a community)
 *   community-gen --scale province --province 33 --seed 2 -o zhejiang.json
 *                                        (another province's codes: the
 *                                        shards of a country, community-merge)
 */

#include <inttypes.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

/* --- a deterministic PRNG (splitmix64) --- */

static guint64 rng_state;

static guint64
rng_next (void)
{
  guint64 z = (rng_state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* In [lo, hi]. */
static int
rng_range (int lo, int hi)
{
  return lo + (int) (rng_next () % (guint64) (hi - lo + 1));
}

/* TRUE with probability @percent / 100. */
static gboolean
rng_chance (double percent)
{
  return (double) (rng_next () % 1000000) < percent * 10000.0;
}

/* How much more often than by default the common defects occur (--defects
 * high): each of them is drawn with one rng_chance() call either way, so
 * the default output is byte for byte what it was before the option. */
static double defect_factor = 1.0;
#define DEFECT_FACTOR_HIGH 6.0

/* A defect, TRUE with probability @percent / 100 times the factor. */
static gboolean
rng_defect (double percent)
{
  return rng_chance (MIN (percent * defect_factor, 100.0));
}

/* The same defect drawn the other way round: TRUE (sound) with
 * probability @percent / 100 at the default factor, less at a higher. */
static gboolean
rng_sound (double percent)
{
  return rng_chance (MAX (100.0 - (100.0 - percent) * defect_factor, 0.0));
}

/* --- a small pretty-printing JSON writer (two-space indent) --- */

typedef struct {
  FILE *out;
  int depth;
  gboolean first[64];
  gboolean after_key;
} Writer;

/* Up to the lists of entities, one member or entity a line; inside an
 * entity, compact: the whole entity on its line. */
#define PRETTY_DEPTH 2

static void
w_indent (Writer *w)
{
  if (w->depth > PRETTY_DEPTH)
    return;
  fputc ('\n', w->out);
  for (int i = 0; i < w->depth; i++)
    fputs ("  ", w->out);
}

/* Before any value or key. */
static void
w_pre (Writer *w)
{
  if (w->after_key)
    {
      w->after_key = FALSE;
      return;
    }
  if (w->depth > 0)
    {
      if (!w->first[w->depth])
        fputc (',', w->out);
      w->first[w->depth] = FALSE;
      w_indent (w);
    }
}

static void
w_open (Writer *w, char c)
{
  w_pre (w);
  fputc (c, w->out);
  w->depth++;
  w->first[w->depth] = TRUE;
}

static void
w_close (Writer *w, char c)
{
  gboolean empty = w->first[w->depth];

  w->depth--;
  if (!empty && w->depth < PRETTY_DEPTH)
    w_indent (w);
  fputc (c, w->out);
}

static void w_obj (Writer *w) { w_open (w, '{'); }
static void w_end_obj (Writer *w) { w_close (w, '}'); }
static void w_arr (Writer *w) { w_open (w, '['); }
static void w_end_arr (Writer *w) { w_close (w, ']'); }

static void
w_key (Writer *w, const char *key)
{
  w_pre (w);
  fprintf (w->out, w->depth > PRETTY_DEPTH ? "\"%s\":" : "\"%s\": ", key);
  w->after_key = TRUE;
}

/* Strings here never need escaping: the generator writes no quote,
 * backslash or control character. */
static void
w_str (Writer *w, const char *s)
{
  w_pre (w);
  fprintf (w->out, "\"%s\"", s);
}

static void
w_int (Writer *w, gint64 v)
{
  w_pre (w);
  fprintf (w->out, "%" PRId64, v);
}

static void
w_area (Writer *w, double v)
{
  w_pre (w);
  fprintf (w->out, "%.1f", v);
}

static void
w_bool (Writer *w, gboolean v)
{
  w_pre (w);
  fputs (v ? "true" : "false", w->out);
}

static void
w_kstr (Writer *w, const char *k, const char *v)
{
  w_key (w, k);
  w_str (w, v);
}

static void
w_kint (Writer *w, const char *k, gint64 v)
{
  w_key (w, k);
  w_int (w, v);
}

static void
w_kbool (Writer *w, const char *k, gboolean v)
{
  w_key (w, k);
  w_bool (w, v);
}

static void
w_karea (Writer *w, const char *k, double v)
{
  w_key (w, k);
  w_area (w, v);
}

/* --- names --- */

static const char * const surnames[] = {
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱",
  "胡", "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯",
  "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜",
  "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭",
};
static const char * const given[] = {
  "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
  "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "玲",
  "建国", "志强", "亮", "晨", "欣怡", "子涵", "浩然", "雨萱", "梓轩", "佳", "婷", "斌",
};
static const char * const place_a[] = {
  "广", "瑞", "塔", "影", "靖", "海", "风", "雷", "东", "湖", "港", "下", "羊", "尖",
  "鸿", "山", "锡", "梁", "溪", "惠", "滨", "新", "吴", "江", "阴", "宜", "兴", "清",
  "扬", "南", "禅", "寺", "春", "潮", "金", "星", "太", "荡", "胡", "埭", "河", "埒",
};
static const char * const urban_suffix[] = { "新村社区", "社区", "花园社区", "苑社区", "里社区" };
static const char * const rural_suffix[] = { "村", "村", "桥村", "港村", "塘村" };
static const char * const topics[] = {
  "多层住宅加装电梯费用分摊方案", "楼道堆物清理与电动车停放", "小区停车位划分与收费",
  "老旧小区改造项目征求意见", "垃圾分类投放点设置", "村规民约修订", "集体资产收益分配方案",
  "社区公共空间改造", "物业服务企业选聘", "河道保洁与长效管理", "居家养老服务站运营方式",
};

static void
make_place (char *buf, gsize size, const char * const *suffixes, guint n_suffixes)
{
  g_snprintf (buf, size, "%s%s%s",
              place_a[rng_next () % G_N_ELEMENTS (place_a)],
              place_a[rng_next () % G_N_ELEMENTS (place_a)],
              suffixes[rng_next () % n_suffixes]);
}

static void
make_person (char *buf, gsize size)
{
  if (rng_chance (40))
    g_snprintf (buf, size, "%s%s%s", surnames[rng_next () % G_N_ELEMENTS (surnames)],
                given[rng_next () % G_N_ELEMENTS (given)], given[rng_next () % G_N_ELEMENTS (given)]);
  else
    g_snprintf (buf, size, "%s%s", surnames[rng_next () % G_N_ELEMENTS (surnames)],
                given[rng_next () % G_N_ELEMENTS (given)]);
}

/* --- identifiers --- */

/* A valid GB 11643 number for someone registered in @region (6 digits). */
static void
make_id_number (char *buf, const char *region, int year, int month, int day, int seq)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char check[] = "10X98765432";
  int sum = 0;

  g_snprintf (buf, 19, "%.6s%04d%02d%02d%03d", region, year, month, day, seq % 1000);
  for (int i = 0; i < 17; i++)
    sum += (buf[i] - '0') * weights[i];
  buf[17] = check[sum % 11];
  buf[18] = '\0';
}

static void
make_phone (char *buf)
{
  static const char * const prefixes[] = {
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139",
    "150", "151", "152", "153", "155", "156", "157", "158", "159",
    "180", "181", "182", "183", "184", "185", "186", "187", "188", "189",
  };

  g_snprintf (buf, 12, "%s%08d", prefixes[rng_next () % G_N_ELEMENTS (prefixes)],
              rng_range (0, 99999999));
}

/* A valid GB 32100 code of a social organization registered in @region. */
static void
make_uscc (char *buf, const char *region)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
  int sum = 0;

  buf[0] = '5';
  buf[1] = rng_chance (50) ? '1' : '2';
  memcpy (buf + 2, region, 6);
  buf[8] = 'M';
  buf[9] = 'J';
  for (int i = 10; i < 17; i++)
    buf[i] = alphabet[rng_next () % 31];
  for (int i = 0; i < 17; i++)
    sum += (int) (strchr (alphabet, buf[i]) - alphabet) * weights[i];
  buf[17] = alphabet[(31 - sum % 31) % 31];
  buf[18] = '\0';
}

static void
make_timestamp (char *buf, gsize size, int day_of_year, int hour)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 1, 1, 2019);
  g_date_add_days (&date, (guint) day_of_year);
  g_snprintf (buf, size, "2019-%02d-%02dT%02d:%02d:00+08:00",
              g_date_get_month (&date), g_date_get_day (&date), hour, rng_chance (50) ? 0 : 30);
}

/* --- the shape of the dataset --- */

typedef struct {
  char code[13];
  int kind_rural;
  int households;
  int district;   /* index into districts */
  int street;     /* index into streets */
  int first_worker;
  int n_workers;
} Community;

typedef struct {
  char code[13];
  int city;
  gboolean county;
} District;

typedef struct {
  char code[13];
  int district;
  gboolean town;
} Street;

typedef struct {
  guint n_communities;
  guint n_cities;
  GArray *districts;   /* of District */
  GArray *streets;     /* of Street */
  GArray *communities; /* of Community */
  char (*cities)[13];
} Shape;

/* The province's GB/T 2260 code, the first two digits of every division
 * code: Jiangsu's (32) unless --province says otherwise. */
static char province[3] = "32";

/* The province's prefecture-level cities, e.g. Jiangsu's 13, 3201–3213. */
static void
plan_shape (Shape *shape, guint n_communities)
{
  const guint per_street = 16;
  const guint streets_per_district = 12;
  guint n_streets = MAX (1, (n_communities + per_street - 1) / per_street);
  guint n_districts = MAX (1, (n_streets + streets_per_district - 1) / streets_per_district);
  guint n_cities = MIN (13, MAX (1, (n_districts + 7) / 8));
  guint c = 0;

  shape->n_communities = n_communities;
  shape->n_cities = n_cities;
  shape->cities = g_malloc0 (sizeof *shape->cities * n_cities);
  shape->districts = g_array_new (FALSE, TRUE, sizeof (District));
  shape->streets = g_array_new (FALSE, TRUE, sizeof (Street));
  shape->communities = g_array_new (FALSE, TRUE, sizeof (Community));

  for (guint i = 0; i < n_cities; i++)
    g_snprintf (shape->cities[i], 13, "%s%02u00000000", province, i + 1);

  for (guint d = 0; d < n_districts; d++)
    {
      District district = { .city = (int) (d % n_cities) };
      guint nth = d / n_cities + 1;   /* the nth district of its city */

      /* 01–80 districts, 81–99 county-level cities. */
      district.county = nth % 4 == 0;
      g_snprintf (district.code, 13, "%s%02d%02u000000", province, district.city + 1,
                  district.county ? 80 + nth / 4 : nth);
      g_array_append_val (shape->districts, district);
    }

  for (guint s = 0; s < n_streets; s++)
    {
      Street street = { .district = (int) (s % n_districts) };
      guint nth = s / n_districts + 1;
      const District *district = &g_array_index (shape->districts, District, street.district);

      /* Streets 001–099, towns 100–199: counties have mostly towns. */
      street.town = district->county ? nth % 5 != 0 : nth % 4 == 0;
      g_snprintf (street.code, 13, "%.6s%03u000", district->code, street.town ? 100 + nth : nth);
      g_array_append_val (shape->streets, street);
    }

  for (guint s = 0; s < n_streets && c < n_communities; s++)
    {
      const Street *street = &g_array_index (shape->streets, Street, s);
      guint urban_n = 0, rural_n = 0;

      for (guint k = 0; k < per_street && c < n_communities; k++, c++)
        {
          Community community = { .street = (int) s, .district = street->district };

          community.kind_rural = street->town ? rng_chance (65) : rng_chance (3);
          if (community.kind_rural)
            g_snprintf (community.code, 13, "%.9s%03u", street->code, 200 + rural_n++);
          else
            g_snprintf (community.code, 13, "%.9s%03u", street->code, 1 + urban_n++);
          community.households = community.kind_rural ? rng_range (960, 2060) : rng_range (1960, 3050);
          g_array_append_val (shape->communities, community);
        }
    }
}

/* --- writing each kind --- */

static void
write_divisions (Writer *w, Shape *shape)
{
  char name[64];

  w_key (w, "divisions");
  w_arr (w);
  for (guint i = 0; i < shape->n_cities; i++)
    {
      w_obj (w);
      w_kstr (w, "code", shape->cities[i]);
      g_snprintf (name, sizeof name, "%s%s市", place_a[i % G_N_ELEMENTS (place_a)],
                  place_a[(i * 7 + 3) % G_N_ELEMENTS (place_a)]);
      w_kstr (w, "name", name);
      w_kstr (w, "level", "city");
      w_end_obj (w);
    }
  for (guint i = 0; i < shape->districts->len; i++)
    {
      const District *d = &g_array_index (shape->districts, District, i);

      w_obj (w);
      w_kstr (w, "code", d->code);
      g_snprintf (name, sizeof name, "%s%s%s", place_a[rng_next () % G_N_ELEMENTS (place_a)],
                  place_a[rng_next () % G_N_ELEMENTS (place_a)], d->county ? "市" : "区");
      w_kstr (w, "name", name);
      w_kstr (w, "level", d->county ? "county" : "district");
      w_kstr (w, "parent", shape->cities[d->city]);
      w_end_obj (w);
    }
  for (guint i = 0; i < shape->streets->len; i++)
    {
      const Street *s = &g_array_index (shape->streets, Street, i);

      w_obj (w);
      w_kstr (w, "code", s->code);
      g_snprintf (name, sizeof name, "%s%s%s", place_a[rng_next () % G_N_ELEMENTS (place_a)],
                  place_a[rng_next () % G_N_ELEMENTS (place_a)], s->town ? "镇" : "街道");
      w_kstr (w, "name", name);
      w_kstr (w, "level", s->town ? "town" : "street");
      w_kstr (w, "parent", g_array_index (shape->districts, District, s->district).code);
      w_end_obj (w);
    }
  w_end_arr (w);
}

static void
write_communities (Writer *w, Shape *shape)
{
  static const char * const models[] = {
    "integrated", "integrated", "integrated", "separated", "one_station_many_committees",
    "multi_community_center",
  };
  static const char * const civilized[] = { "none", "county", "county", "city", "city", "province", "national" };
  char name[64];

  w_key (w, "communities");
  w_arr (w);
  for (guint i = 0; i < shape->communities->len; i++)
    {
      const Community *c = &g_array_index (shape->communities, Community, i);
      int members = rng_range (5, 9);
      int elderly = c->households * rng_range (55, 85) / 100;

      w_obj (w);
      w_kstr (w, "code", c->code);
      if (c->kind_rural)
        make_place (name, sizeof name, rural_suffix, G_N_ELEMENTS (rural_suffix));
      else
        make_place (name, sizeof name, urban_suffix, G_N_ELEMENTS (urban_suffix));
      w_kstr (w, "name", name);
      w_kstr (w, "kind", c->kind_rural ? "rural" : "urban");
      w_kstr (w, "street", g_array_index (shape->streets, Street, c->street).code);
      w_kint (w, "households", c->households);
      w_kint (w, "population", c->households * rng_range (240, 300) / 100);
      w_key (w, "committee");
      w_obj (w);
      w_kint (w, "members", members);
      w_kint (w, "local_resident_members", rng_range (members / 2, members));
      w_kbool (w, "non_registered_voters_protected", rng_chance (97));
      w_end_obj (w);
      w_kbool (w, "self_governance_compliant", rng_chance (98.5));
      w_kbool (w, "harmonious_compliant", rng_chance (96));
      if (c->kind_rural)
        w_kstr (w, "civilized_village_level", civilized[rng_next () % G_N_ELEMENTS (civilized)]);
      if (rng_chance (95))
        w_kbool (w, "has_legal_advisor", rng_sound (97));
      w_kstr (w, "service_model", models[rng_next () % G_N_ELEMENTS (models)]);
      w_key (w, "elderly");
      w_obj (w);
      w_kint (w, "population", elderly);
      w_kint (w, "home_care_covered", elderly * rng_range (c->kind_rural ? 45 : 85, 98) / 100);
      w_kbool (w, "home_care_informatized", rng_chance (97));
      w_end_obj (w);
      if (rng_chance (1))
        {
          /* A member this version does not know: kept on a round trip. */
          w_key (w, "x_survey_note");
          w_obj (w);
          w_kstr (w, "source", "community-gen");
          w_kint (w, "revision", rng_range (1, 9));
          w_key (w, "tags");
          w_arr (w);
          w_str (w, "synthetic");
          w_end_arr (w);
          w_end_obj (w);
        }
      w_end_obj (w);
    }
  w_end_arr (w);
}

/* Worker ids are the community code, "-W" and a number. */
static void
worker_id (char *buf, gsize size, const Community *c, int n)
{
  g_snprintf (buf, size, "%s-W%02d", c->code, n);
}

static void
write_grids (Writer *w, Shape *shape)
{
  char id[32], ref[32];

  w_key (w, "grids");
  w_arr (w);
  for (guint i = 0; i < shape->communities->len; i++)
    {
      Community *c = &g_array_index (shape->communities, Community, i);
      int n = rng_range (5, 7);
      int left = c->households;
      gboolean mismatch = rng_chance (3);
      int staff = rng_range (18, 25);

      /* Workers 0–5 run the community; grid g is led by worker 6 + 2g and
       * administered by 7 + 2g (and sometimes 6 + 2g + 2). */
      c->n_workers = MAX (6 + 2 * n + 2, staff);
      for (int g = 0; g < n; g++)
        {
          gboolean last = g == n - 1;
          int households = last ? left : c->households / n + rng_range (-40, 40);

          if (last && mismatch)
            households += rng_range (-120, 60);
          left -= households;
          g_snprintf (id, sizeof id, "%s-G%02d", c->code, g + 1);
          w_obj (w);
          w_kstr (w, "id", id);
          w_kstr (w, "community", c->code);
          w_kstr (w, "kind", "comprehensive");
          w_kstr (w, "base_unit", "residential");
          w_kint (w, "households", MAX (households, 0));
          if (!rng_defect (1))
            {
              worker_id (ref, sizeof ref, c, 6 + 2 * g);
              w_kstr (w, "leader", ref);
            }
          w_key (w, "administrators");
          w_arr (w);
          if (!rng_chance (0.5))
            {
              worker_id (ref, sizeof ref, c, 7 + 2 * g);
              w_str (w, ref);
              if (rng_chance (30))
                {
                  worker_id (ref, sizeof ref, c, 6 + 2 * g + 2 < c->n_workers ? 6 + 2 * g + 2 : 5);
                  w_str (w, ref);
                }
            }
          w_end_arr (w);
          w_end_obj (w);
        }
      /* A dedicated grid for an institution or an enterprise cluster. */
      if (rng_chance (75))
        {
          g_snprintf (id, sizeof id, "%s-Z01", c->code);
          w_obj (w);
          w_kstr (w, "id", id);
          w_kstr (w, "community", c->code);
          w_kstr (w, "kind", "dedicated");
          w_kstr (w, "base_unit", rng_chance (50) ? "institution" : "enterprise_cluster");
          w_kint (w, "households", 0);
          worker_id (ref, sizeof ref, c, 4);
          w_kstr (w, "leader", ref);
          w_key (w, "administrators");
          w_arr (w);
          worker_id (ref, sizeof ref, c, 5);
          w_str (w, ref);
          w_end_arr (w);
          w_end_obj (w);
        }
    }
  w_end_arr (w);
}

static void
write_worker_common (Writer *w, const char *region, gboolean full_time, gboolean rural_secretary,
                     gboolean secretary, gint64 *previous_person, char *previous_id)
{
  static const char * const certificates[] = {
    "none", "assistant_social_worker", "assistant_social_worker", "social_worker",
    "social_worker", "senior_social_worker",
  };
  const char *certificate = certificates[rng_next () % G_N_ELEMENTS (certificates)];
  char buf[40];

  w_kstr (w, "employment", full_time ? "full_time" : "part_time");
  w_kstr (w, "certificate", certificate);
  if (rng_chance (97))
    w_kint (w, "annual_pay_yuan", full_time ? rng_range (106, 150) * 1000 + rng_range (0, 9) * 100
                                            : rng_range (20, 50) * 1000);
  w_kbool (w, "professional_allowance", !g_str_equal (certificate, "none") ? rng_sound (96) : FALSE);
  if (secretary)
    w_kbool (w, "five_strong", rng_chance (85));
  if (rural_secretary)
    w_kbool (w, "county_filed", rng_chance (95));
  w_kbool (w, "local_resident", rng_chance (60));
  if (rng_chance (98))
    {
      /* Now and then the same person twice. */
      if (*previous_person > 0 && rng_chance (0.05))
        strcpy (buf, previous_id);
      else
        make_id_number (buf, region, rng_range (1962, 1998), rng_range (1, 12), rng_range (1, 28),
                        rng_range (0, 999));
      if (rng_chance (0.02))
        buf[17] = buf[17] == '0' ? '1' : '0';   /* a typo in the check digit */
      w_kstr (w, "id_number", buf);
      strcpy (previous_id, buf);
      (*previous_person)++;
    }
  if (rng_chance (96))
    {
      make_phone (buf);
      w_kstr (w, "phone", buf);
    }
}

static void
write_workers (Writer *w, Shape *shape)
{
  char id[32], name[32], previous_id[20] = "";
  gint64 persons = 0;

  w_key (w, "workers");
  w_arr (w);
  for (guint i = 0; i < shape->communities->len; i++)
    {
      const Community *c = &g_array_index (shape->communities, Community, i);
      const char *region = g_array_index (shape->districts, District, c->district).code;

      for (int n = 0; n < c->n_workers; n++)
        {
          gboolean secretary = n == 0;
          gboolean full_time = n < 6 || rng_sound (88);

          worker_id (id, sizeof id, c, n);
          make_person (name, sizeof name);
          w_obj (w);
          w_kstr (w, "id", id);
          w_kstr (w, "name", name);
          w_kstr (w, "community", c->code);
          w_key (w, "roles");
          w_arr (w);
          if (n == 0)
            {
              w_str (w, "party_secretary");
              if (rng_chance (70))
                w_str (w, "committee_director");
            }
          else if (n == 1)
            w_str (w, "committee_director");
          else if (n < 4)
            w_str (w, "committee_member");
          else if (n == 4)
            w_str (w, "social_work_station_chief");
          else if (n == c->n_workers - 1)
            {
              w_str (w, "legal_advisor");
              full_time = FALSE;
            }
          else
            {
              w_str (w, "community_worker");
              if (n >= 6 && n % 2 == 0)
                w_str (w, "grid_leader");
              else if (n >= 6)
                w_str (w, "grid_administrator");
            }
          w_end_arr (w);
          write_worker_common (w, region, full_time, secretary && c->kind_rural, secretary,
                               &persons, previous_id);
          w_end_obj (w);
        }
    }

  /* A few street-level staff per street. */
  for (guint s = 0; s < shape->streets->len; s++)
    {
      const Street *street = &g_array_index (shape->streets, Street, s);
      const char *region = g_array_index (shape->districts, District, street->district).code;

      for (int n = 0; n < 3; n++)
        {
          g_snprintf (id, sizeof id, "%s-S%02d", street->code, n);
          make_person (name, sizeof name);
          w_obj (w);
          w_kstr (w, "id", id);
          w_kstr (w, "name", name);
          w_kstr (w, "street", street->code);
          w_key (w, "roles");
          w_arr (w);
          w_str (w, "community_worker");
          w_end_arr (w);
          write_worker_common (w, region, TRUE, FALSE, FALSE, &persons, previous_id);
          w_end_obj (w);
        }
    }
  w_end_arr (w);
}

static void
write_facility (Writer *w, const char *id, const char *name, const char *kind, const char *owner,
                double floor_area, gboolean pricing)
{
  w_obj (w);
  w_kstr (w, "id", id);
  w_kstr (w, "name", name);
  w_kstr (w, "kind", kind);
  w_kstr (w, "owner", owner);
  w_karea (w, "floor_area_m2", floor_area);
  w_karea (w, "office_area_m2", floor_area * rng_range (5, 15) / 100.0);
  if (g_str_equal (kind, "home_care_station"))
    w_kbool (w, "standardized", rng_chance (85));
  w_kbool (w, "government_invested", rng_chance (80));
  w_kbool (w, "ownership_registered", rng_sound (90));
  if (pricing)
    w_kstr (w, "utility_pricing", rng_sound (95) ? "residential" : "commercial");
  w_end_obj (w);
}

static void
write_facilities (Writer *w, Shape *shape)
{
  char id[32], name[96], place[64];

  w_key (w, "facilities");
  w_arr (w);
  for (guint i = 0; i < shape->communities->len; i++)
    {
      const Community *c = &g_array_index (shape->communities, Community, i);
      double needed = 40.0 * c->households / 100.0;

      make_place (place, sizeof place, c->kind_rural ? rural_suffix : urban_suffix,
                  c->kind_rural ? G_N_ELEMENTS (rural_suffix) : G_N_ELEMENTS (urban_suffix));
      g_snprintf (id, sizeof id, "%s-F1", c->code);
      g_snprintf (name, sizeof name, "%s党群服务中心", place);
      write_facility (w, id, name, "community_service_center", c->code,
                      needed * rng_range (rng_chance (5) ? 70 : 100, 140) / 100.0, TRUE);
      if (rng_chance (70))
        {
          g_snprintf (id, sizeof id, "%s-F2", c->code);
          g_snprintf (name, sizeof name, "%s居家养老服务站", place);
          write_facility (w, id, name, "home_care_station", c->code, rng_range (150, 600), FALSE);
        }
      if (c->kind_rural && rng_chance (98))
        {
          g_snprintf (id, sizeof id, "%s-F3", c->code);
          g_snprintf (name, sizeof name, "%s综合文化服务中心", place);
          write_facility (w, id, name, "cultural_service_center", c->code, rng_range (200, 800), FALSE);
        }
      else if (rng_chance (15))
        {
          g_snprintf (id, sizeof id, "%s-F4", c->code);
          g_snprintf (name, sizeof name, "%s邻里中心", place);
          write_facility (w, id, name, "other", c->code, rng_range (200, 900), FALSE);
        }
    }
  for (guint s = 0; s < shape->streets->len; s++)
    {
      const Street *street = &g_array_index (shape->streets, Street, s);

      g_snprintf (id, sizeof id, "%s-F1", street->code);
      write_facility (w, id, "街道(镇)社区综合服务中心", "street_service_center", street->code,
                      rng_range (rng_chance (6) ? 1200 : 2000, 3600), TRUE);
      if (rng_chance (97))
        {
          g_snprintf (id, sizeof id, "%s-F2", street->code);
          write_facility (w, id, "基层党建工作指导站", "party_guidance_station", street->code,
                          rng_range (80, 300), FALSE);
        }
    }
  w_end_arr (w);
}

static void
write_consultations (Writer *w, Shape *shape)
{
  static const char * const states[] = {
    "proposed", "deliberating", "concluded", "adopted", "implemented", "feedback_given",
  };
  static const char * const scopes[] = { "public_decision", "resident_interest", "dispute" };
  static const char * const methods[] = {
    "residents_council", "residents_board", "sentiment_forum", "democratic_evaluation", "other",
  };
  char id[32], at[40];

  w_key (w, "consultations");
  w_arr (w);
  for (guint i = 0; i < shape->communities->len; i++)
    {
      const Community *c = &g_array_index (shape->communities, Community, i);

      for (int k = 0; k < 3; k++)
        {
          /* Most are done; some stop midway, some adopted long ago and
           * never implemented (consultation.feedback-overdue). */
          int reached = rng_chance (70) ? 5 : rng_range (0, 4);
          gboolean rejected = reached >= 3 && rng_chance (5);
          int day = rng_range (0, reached == 3 ? 200 : 250);

          g_snprintf (id, sizeof id, "%s-K%d", c->code, k + 1);
          w_obj (w);
          w_kstr (w, "id", id);
          w_kstr (w, "community", c->code);
          w_kstr (w, "topic", topics[rng_next () % G_N_ELEMENTS (topics)]);
          w_kstr (w, "scope", scopes[rng_next () % G_N_ELEMENTS (scopes)]);
          w_kstr (w, "method", methods[rng_next () % G_N_ELEMENTS (methods)]);
          w_kstr (w, "led_by", rng_sound (97) ? (rng_chance (70) ? "party_organization"
                                                                  : "self_governing_organization")
                                               : "other");
          w_kint (w, "participants", rng_range (12, 80));
          w_kstr (w, "state", rejected ? "feedback_given" : states[reached]);
          w_key (w, "history");
          w_arr (w);
          for (int s = 0; s <= reached && day < 364; s++)
            {
              const char *state = states[s];

              if (rejected && s == 3)
                state = "rejected";
              make_timestamp (at, sizeof at, day, rng_range (9, 19));
              w_obj (w);
              w_kstr (w, "state", state);
              w_kstr (w, "at", at);
              w_end_obj (w);
              day += rng_range (1, 12);
            }
          w_end_arr (w);
          if (reached >= 2)
            w_kstr (w, "outcome", "经协商形成一致意见,报居(村)民委员会采纳");
          if (reached >= 5)
            w_kstr (w, "feedback", "落实情况已在居(村)务公开栏公示");
          w_end_obj (w);
        }
    }
  w_end_arr (w);
}

static const char * const department_ids[] = {
  "D-ZZB", "D-MZJ", "D-CZJ", "D-ZFB", "D-FZB", "D-SFJ", "D-WJW", "D-JYJ", "D-ZJJ", "D-GTJ",
  "D-RSJ", "D-WMB", "D-XGBM",
};

static void
write_work_items (Writer *w, Shape *shape)
{
  static const char * const lists[] = { "statutory_duties", "assisting_government", "none" };
  static const char * const categories[] = {
    "service", "data_collection", "certification", "ledger", "rating", "environmental_rectification",
    "urban_management", "other",
  };
  guint n = MAX (10, shape->communities->len / 100);
  char id[32], date[16];

  w_key (w, "work_items");
  w_arr (w);
  for (guint i = 0; i < n; i++)
    {
      const char *list = lists[rng_next () % G_N_ELEMENTS (lists)];
      gboolean none = g_str_equal (list, "none");

      g_snprintf (id, sizeof id, "WI-%05u", i + 1);
      w_obj (w);
      w_kstr (w, "id", id);
      w_kstr (w, "title", "协助开展社区公共服务事项");
      w_kstr (w, "department", department_ids[rng_next () % G_N_ELEMENTS (department_ids)]);
      if (rng_chance (40))
        {
          w_key (w, "communities");
          w_arr (w);
          for (int k = 0; k < rng_range (1, 6); k++)
            w_str (w, g_array_index (shape->communities, Community,
                                     rng_next () % shape->communities->len).code);
          w_end_arr (w);
        }
      w_kstr (w, "list", list);
      w_kstr (w, "category", categories[rng_next () % G_N_ELEMENTS (categories)]);
      w_kstr (w, "responsible_subject", rng_chance (80) ? "community_committee" : "street_office");
      w_kstr (w, "delivery", rng_chance (85) ? "direct" : "purchased_service");
      if (none)
        {
          g_snprintf (date, sizeof date, "2019-%02d-%02d", rng_range (1, 5), rng_range (1, 28));
          w_key (w, "legal_review");
          w_obj (w);
          w_kbool (w, "approved", rng_chance (90));
          w_kstr (w, "date", date);
          w_end_obj (w);
          g_snprintf (date, sizeof date, "2019-%02d-%02d", rng_range (6, 11), rng_range (1, 28));
          w_key (w, "approval");
          w_obj (w);
          w_kstr (w, "body", rng_chance (50) ? "party_standing_committee" : "government_executive_meeting");
          w_kbool (w, "approved", rng_chance (90));
          w_kstr (w, "date", date);
          w_end_obj (w);
        }
      w_kbool (w, "funding_provided", rng_chance (90));
      w_kbool (w, "work_conditions_provided", rng_chance (90));
      w_kbool (w, "one_vote_veto", rng_chance (2));
      w_kstr (w, "state", none ? (rng_chance (80) ? "admitted" : "legal_review") : "admitted");
      w_end_obj (w);
    }
  w_end_arr (w);
}

static void
write_social_organizations (Writer *w, Shape *shape)
{
  static const char * const activities[] = {
    "legal_publicity", "dispute_mediation", "health_elderly_care", "education_training", "charity",
    "disaster_prevention", "culture_sports", "neighbourly_help", "resident_integration",
  };
  char id[32], uscc[20], name[96], place[64];

  w_key (w, "social_organizations");
  w_arr (w);
  for (guint i = 0; i < shape->communities->len; i++)
    {
      const Community *c = &g_array_index (shape->communities, Community, i);

      if (!rng_chance (60))
        continue;
      g_snprintf (id, sizeof id, "%s-SO1", c->code);
      make_place (place, sizeof place, urban_suffix, 1);
      g_snprintf (name, sizeof name, "%s志愿服务队", place);
      w_obj (w);
      w_kstr (w, "id", id);
      w_kstr (w, "name", name);
      if (rng_chance (80))
        {
          make_uscc (uscc, g_array_index (shape->districts, District, c->district).code);
          if (rng_chance (1))
            uscc[17] = uscc[17] == '0' ? '1' : '0';
          w_kstr (w, "uscc", uscc);
        }
      w_kstr (w, "community", c->code);
      w_key (w, "activities");
      w_arr (w);
      w_str (w, activities[rng_next () % G_N_ELEMENTS (activities)]);
      w_str (w, "neighbourly_help");
      w_end_arr (w);
      w_key (w, "serves");
      w_arr (w);
      if (rng_chance (50))
        w_str (w, "elderly");
      w_end_arr (w);
      w_kbool (w, "incubated", rng_chance (40));
      w_end_obj (w);
    }
  w_end_arr (w);
}

static void
write_departments_and_tasks (Writer *w)
{
  static const char * const kinds[] = {
    "party_department", "government_department", "government_department", "government_department",
    "government_department", "government_department", "government_department",
    "government_department", "government_department", "government_department",
    "government_department", "party_department", "generic",
  };

  w_key (w, "departments");
  w_arr (w);
  for (guint i = 0; i < G_N_ELEMENTS (department_ids); i++)
    {
      w_obj (w);
      w_kstr (w, "id", department_ids[i]);
      w_kstr (w, "name", "市相关部门");
      w_kstr (w, "kind", kinds[i]);
      w_end_obj (w);
    }
  w_end_arr (w);

  w_key (w, "tasks");
  w_arr (w);
  for (int t = 1; t <= 39; t++)
    {
      w_obj (w);
      w_kint (w, "number", t);
      w_kstr (w, "text", "落实城乡社区治理与服务重点任务");
      w_kstr (w, "clause", "三(一)");
      w_key (w, "departments");
      w_arr (w);
      w_str (w, department_ids[t % G_N_ELEMENTS (department_ids)]);
      w_str (w, department_ids[(t * 5 + 1) % G_N_ELEMENTS (department_ids)]);
      w_end_arr (w);
      w_end_obj (w);
    }
  w_end_arr (w);
}

static void
write_money (Writer *w, Shape *shape)
{
  char id[40];

  w_key (w, "funding");
  w_arr (w);
  for (guint i = 0; i < shape->n_cities; i++)
    {
      g_snprintf (id, sizeof id, "FD-2019-%s", shape->cities[i]);
      w_obj (w);
      w_kstr (w, "id", id);
      w_kint (w, "year", 2019);
      w_kstr (w, "recipient", shape->cities[i]);
      w_kstr (w, "purpose", "innovation_awards");
      w_kint (w, "amount_yuan", rng_chance (85) ? 10000000 : 8000000);
      w_end_obj (w);
    }
  for (guint i = 0; i < shape->communities->len; i++)
    {
      const Community *c = &g_array_index (shape->communities, Community, i);

      g_snprintf (id, sizeof id, "FD-2019-%s", c->code);
      w_obj (w);
      w_kstr (w, "id", id);
      w_kint (w, "year", 2019);
      w_kstr (w, "recipient", c->code);
      w_kstr (w, "purpose", "community_operations");
      w_kint (w, "amount_yuan", (c->kind_rural ? 300000 : 200000) + rng_range (-4, 100) * 1000);
      w_end_obj (w);
    }
  w_end_arr (w);

  w_key (w, "wage_baselines");
  w_arr (w);
  for (guint i = 0; i < shape->n_cities + shape->districts->len; i++)
    {
      const char *division = i < shape->n_cities ? shape->cities[i]
                           : g_array_index (shape->districts, District, i - shape->n_cities).code;

      g_snprintf (id, sizeof id, "WB-2018-%s", division);
      w_obj (w);
      w_kstr (w, "id", id);
      w_kstr (w, "division", division);
      w_kint (w, "year", 2018);
      w_kint (w, "average_annual_wage_yuan", rng_range (92000, 112000));
      w_end_obj (w);
    }
  w_end_arr (w);

  w_key (w, "surveys");
  w_arr (w);
  for (guint i = 0; i < shape->n_cities + shape->districts->len; i++)
    {
      const char *division = i < shape->n_cities ? shape->cities[i]
                           : g_array_index (shape->districts, District, i - shape->n_cities).code;

      g_snprintf (id, sizeof id, "SV-2019-%s", division);
      w_obj (w);
      w_kstr (w, "id", id);
      w_kstr (w, "division", division);
      w_kint (w, "year", 2019);
      w_kstr (w, "indicator", "public.security-sense");
      w_key (w, "value");
      w_pre (w);
      fprintf (w->out, "%.3f", rng_range (880, 990) / 1000.0);
      w_end_obj (w);
    }
  w_end_arr (w);
}

int
main (int argc, char **argv)
{
  g_autofree char *scale = NULL;
  g_autofree char *output = NULL;
  g_autofree char *defects = NULL;
  int communities = 0;
  gint64 seed = 2018;
  g_autofree char *province_code = NULL;
  GOptionEntry entries[] = {
    { "scale", 0, 0, G_OPTION_ARG_STRING, &scale, "city (1,500 communities) or province (20,000)", "SCALE" },
    { "communities", 'n', 0, G_OPTION_ARG_INT, &communities, "the number of communities", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "the seed of the generator (default 2018)", "S" },
    { "province", 0, 0, G_OPTION_ARG_STRING, &province_code,
      "the province's two-digit GB/T 2260 code, which begins every division code (default 32, "
      "Jiangsu): give each shard of a country its own", "CODE" },
    { "defects", 0, 0, G_OPTION_ARG_STRING, &defects,
      "normal (the default: some 2.6 findings a community) or high (about 10: the benchmark "
      "of the whole tool, doc/performance.md)", "LEVEL" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "where to write (default: stdout)", "FILE" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- write a synthetic dataset");
  g_autoptr(GError) error = NULL;
  Writer w = { 0 };
  Shape shape = { 0 };

  setlocale (LC_ALL, "");   /* its messages in the terminal's encoding */
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("community-gen: %s\n", error->message);
      return 2;
    }
  if (communities <= 0)
    {
      if (scale == NULL || g_str_equal (scale, "city"))
        communities = 1500;
      else if (g_str_equal (scale, "province"))
        communities = 20000;
      else
        {
          g_printerr ("community-gen: unknown scale “%s” (city or province)\n", scale);
          return 2;
        }
    }

  if (province_code != NULL)
    {
      /* GB/T 2260's provinces: 11–15, 21–23, 31–37, 41–46, 50–54, 61–65. */
      static const char * const provinces[] = {
        "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
        "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
      };

      if (!g_strv_contains (provinces, province_code))
        {
          g_printerr ("community-gen: “%s” is not a province's code (11–65, GB/T 2260)\n",
                      province_code);
          return 2;
        }
      memcpy (province, province_code, 2);
    }

  if (defects != NULL && g_str_equal (defects, "high"))
    defect_factor = DEFECT_FACTOR_HIGH;
  else if (defects != NULL && !g_str_equal (defects, "normal"))
    {
      g_printerr ("community-gen: unknown defect level “%s” (normal or high)\n", defects);
      return 2;
    }

  rng_state = (guint64) seed;
  w.out = output != NULL ? fopen (output, "w") : stdout;
  if (w.out == NULL)
    {
      g_printerr ("community-gen: cannot write %s\n", output);
      return 1;
    }
  setvbuf (w.out, NULL, _IOFBF, 1 << 20);

  plan_shape (&shape, (guint) communities);

  w_obj (&w);
  w_kstr (&w, "format", "libcommunity-dataset");
  w_kint (&w, "version", 1);
  w_kstr (&w, "as_of", "2019-12-31");
  w_kint (&w, "codes_year", 2023);
  write_divisions (&w, &shape);
  write_communities (&w, &shape);
  write_grids (&w, &shape);
  write_workers (&w, &shape);
  write_facilities (&w, &shape);
  write_consultations (&w, &shape);
  write_work_items (&w, &shape);
  write_social_organizations (&w, &shape);
  write_departments_and_tasks (&w);
  write_money (&w, &shape);
  w_key (&w, "x_generator");
  w_obj (&w);
  w_kstr (&w, "tool", "community-gen");
  w_kint (&w, "communities", communities);
  w_kint (&w, "seed", seed);
  w_end_obj (&w);
  w_end_obj (&w);
  fputc ('\n', w.out);

  if (output != NULL && fclose (w.out) != 0)
    {
      g_printerr ("community-gen: cannot write %s\n", output);
      return 1;
    }

  g_array_unref (shape.districts);
  g_array_unref (shape.streets);
  g_array_unref (shape.communities);
  g_free (shape.cities);
  return 0;
}
