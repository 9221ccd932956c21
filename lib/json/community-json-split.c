/* community-json-split.c: where a JSON document may be read in two parts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A dataset document is mostly a few long arrays of records (a province:
 * 450,000 workers, 60 % of the bytes). To read it on two threads, a
 * second tokenizer reads the tail of the largest array while the first
 * reads the rest of the document and jumps over that tail
 * (community-dataset-walker.c). This file finds the cut: a structural scan
 * of the whole text (strings, nesting, commas; nothing decoded, nothing
 * checked), several times faster than tokenizing it, which records where
 * each element of the root object's arrays begins, and stops once no array
 * after the largest can be larger.
 *
 * The scan trusts nothing it reads: on text that is not well formed it
 * may find no cut, or a cut whose part then fails to read, but the
 * readers' errors, not the scan's, are what a document gets; the walker
 * orders them as a single reader would have met them.
 */

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "community-json-private.h"

#define CHUNK (256u << 10)

typedef struct {
  gboolean (*is_candidate) (const char *member);
  int depth;
  gboolean in_string, escape;
  gboolean root_object;     /* the document is an object */
  gboolean expect_name;     /* a member name of the root is next */
  gboolean in_name;         /* in one */
  gboolean name_ok;         /* it has no escape and fits */
  char name[64];
  gsize name_len;
  char member[64];          /* the member whose value is being read */
  gboolean in_candidate;    /* its value is an array of a candidate */
  guint64 array_start;
  GArray *cuts;             /* offsets after each comma of that array */
  /* The largest array of a candidate so far (none while best_cuts is
   * empty): its member, its bounds and its cuts. */
  char best_member[64];
  guint64 best_start, best_end;
  GArray *best_cuts;
  gboolean broken;          /* more closings than openings, or a second root */
  guint64 size;             /* of the document */
  gboolean done;            /* no array after this one can be larger */
} Scan;

/* The structural bytes of [@p, @end), @start at offset @base of the
 * document, one at a time. */
static void
scan_slow (Scan          *s,
           const guchar  *start,
           const guchar  *p,
           const guchar  *end,
           guint64        base)
{

  while (p < end && !s->broken && !s->done)
    {
      guchar c;

      if (s->in_string)
        {
          if (s->escape)
            {
              s->escape = FALSE;
              if (s->in_name)
                s->name_ok = FALSE;
              p++;
              continue;
            }
          /* A run of plain bytes, eight at a time. */
          while (end - p >= 8)
            {
              guint64 w, stops;

              memcpy (&w, p, 8);
              w = GUINT64_FROM_LE (w);
              stops = community_json_text_stops (w, FALSE);
              if (stops != 0)
                {
                  guint before = (guint) __builtin_ctzll (stops) / 8;

                  if (s->in_name)
                    {
                      if (s->name_len + before < sizeof s->name)
                        memcpy (s->name + s->name_len, p, before);
                      s->name_len += before;
                    }
                  p += before;
                  break;
                }
              if (s->in_name)
                {
                  if (s->name_len + 8 < sizeof s->name)
                    memcpy (s->name + s->name_len, p, 8);
                  s->name_len += 8;
                }
              p += 8;
            }
          if (p >= end)
            break;
          c = *p++;
          if (c == '"')
            {
              s->in_string = FALSE;
              if (s->in_name)
                {
                  s->in_name = FALSE;
                  s->name_ok = s->name_ok && s->name_len < sizeof s->name;
                  if (s->name_ok)
                    s->name[s->name_len] = '\0';
                }
            }
          else if (c == '\\')
            s->escape = TRUE;
          else if (s->in_name)
            {
              if (s->name_len + 1 < sizeof s->name)
                s->name[s->name_len] = (char) c;
              s->name_len++;
            }
          continue;
        }

      c = *p++;
      switch (c)
        {
        case '"':
          s->in_string = TRUE;
          if (s->depth == 1 && s->expect_name)
            {
              s->in_name = TRUE;
              s->name_ok = TRUE;
              s->name_len = 0;
              s->expect_name = FALSE;
            }
          break;

        case '{':
        case '[':
          if (s->depth == 0)
            {
              if (s->root_object || c != '{')
                s->broken = TRUE;   /* a second document, or not an object */
              s->root_object = TRUE;
              s->expect_name = TRUE;
            }
          else if (s->depth == 1)
            {
              memcpy (s->member, s->name, sizeof s->member);
              s->in_candidate = c == '[' && s->name_ok && s->is_candidate (s->member);
              s->array_start = base + (guint64) (p - start);
              g_array_set_size (s->cuts, 0);
            }
          s->depth++;
          break;

        case '}':
        case ']':
          if (s->depth == 0)
            {
              s->broken = TRUE;
              break;
            }
          s->depth--;
          if (s->depth == 1 && s->in_candidate)
            {
              guint64 close = base + (guint64) (p - start) - 1;

              s->in_candidate = FALSE;
              if (s->cuts->len > 0 && (s->best_cuts->len == 0 || close - s->array_start > s->best_end - s->best_start))
                {
                  GArray *swap = s->best_cuts;

                  memcpy (s->best_member, s->member, sizeof s->best_member);
                  s->best_end = close;
                  s->best_start = s->array_start;
                  s->best_cuts = s->cuts;
                  s->cuts = swap;
                  /* What is left of the document is smaller than it. */
                  s->done = close - s->array_start > s->size - close;
                }
            }
          break;

        case ',':
          if (s->depth == 1)
            s->expect_name = TRUE;
          else if (s->depth == 2 && s->in_candidate)
            {
              guint64 cut = base + (guint64) (p - start);

              g_array_append_val (s->cuts, cut);
            }
          break;

        default:
          break;
        }
    }
}

/* A block of bytes as bit masks, a bit a byte (the first byte's the
 * lowest): its quotes, its backslashes, and its brackets and commas.
 * SSE2 (every x86-64) sixteen bytes at a time; elsewhere eight, in a
 * 64-bit word. */
#ifdef __SSE2__
#include <emmintrin.h>

#define BLOCK 16

static inline void
block_masks (const guchar *p,
             guint        *quotes,
             guint        *backslashes,
             guint        *marks)
{
  __m128i v = _mm_loadu_si128 ((const __m128i *) p);
  /* '[' and '{' | 0x20 are '{'; ']' and '}' | 0x20 are '}'. */
  __m128i folded = _mm_or_si128 (v, _mm_set1_epi8 (0x20));

  *quotes = (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('"')));
  *backslashes = (guint) _mm_movemask_epi8 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\\')));
  *marks = (guint) _mm_movemask_epi8 (_mm_or_si128 (_mm_or_si128 (_mm_cmpeq_epi8 (folded, _mm_set1_epi8 ('{')),
                                                                  _mm_cmpeq_epi8 (folded, _mm_set1_epi8 ('}'))),
                                                     _mm_cmpeq_epi8 (v, _mm_set1_epi8 (','))));
}
#else
#define BLOCK 8

/* Bytes of @w equal to @c, each flagged by its high bit, exactly (no
 * borrow): the masks want every quote and brace, not the first one that
 * community_bytes_equal() finds. */
static inline guint64
bytes_equal (guint64 w,
             guchar  c)
{
  guint64 t = w ^ (COMMUNITY_BYTES_ONES * c);
  guint64 low = COMMUNITY_BYTES_ONES * 0x7F;

  return ~(((t & low) + low) | t) & COMMUNITY_BYTES_HIGH;
}

/* High bits to a bit a byte. */
static inline guint
gather (guint64 high)
{
  return (guint) (((high >> 7) * G_GUINT64_CONSTANT (0x0102040810204080)) >> 56);
}

static inline void
block_masks (const guchar *p,
             guint        *quotes,
             guint        *backslashes,
             guint        *marks)
{
  guint64 w;

  memcpy (&w, p, 8);
  w = GUINT64_FROM_LE (w);
  *quotes = gather (bytes_equal (w, '"'));
  *backslashes = gather (bytes_equal (w, '\\'));
  *marks = gather (bytes_equal (w | (COMMUNITY_BYTES_ONES * 0x20), '{') |
                   bytes_equal (w | (COMMUNITY_BYTES_ONES * 0x20), '}') |
                   bytes_equal (w, ','));
}
#endif

/* The structural bytes of [@p, @end), at offset @base of the document:
 * inside the root's arrays a block at a time, with a mask of the bytes in
 * strings (a running XOR of the quotes), as simdjson finds them; the
 * root's level, and blocks with a backslash, one byte at a time. */
static void
scan_bytes (Scan          *s,
            const guchar  *p,
            const guchar  *end,
            guint64        base)
{
  const guchar *start = p;

  while (p < end && !s->broken && !s->done)
    {
      guint quotes, backslashes, marks, inside;

      if (s->depth < 2 || s->escape || end - p < BLOCK)
        {
          scan_slow (s, start, p, p + 1, base);
          p++;
          continue;
        }
      block_masks (p, &quotes, &backslashes, &marks);
      if (backslashes != 0)
        {
          scan_slow (s, start, p, p + BLOCK, base);
          p += BLOCK;
          continue;
        }

      /* The bytes after an odd number of the block's quotes, flipped when
       * the block begins in a string; the last one's is where the next
       * block begins. */
      inside = quotes ^ (quotes << 1);
      inside ^= inside << 2;
      inside ^= inside << 4;
#if BLOCK == 16
      inside ^= inside << 8;
#endif
      if (s->in_string)
        inside = ~inside;
      inside &= (1u << BLOCK) - 1;
      s->in_string = (inside >> (BLOCK - 1)) != 0;

      for (marks &= ~inside; marks != 0; marks &= marks - 1)
        {
          guint at = (guint) __builtin_ctz (marks);
          guchar c = p[at];

          if (c == ',')
            {
              if (s->depth == 2 && s->in_candidate)
                {
                  guint64 cut = base + (guint64) (p + at + 1 - start);

                  g_array_append_val (s->cuts, cut);
                }
            }
          else if (c == '{' || c == '[')
            s->depth++;
          else if (s->depth == 2)
            {
              /* The root's level again: the rest of the block, and on,
               * a byte at a time (the quotes' state is this byte's). */
              s->in_string = FALSE;
              scan_slow (s, start, p + at, p + BLOCK, base);
              break;
            }
          else
            s->depth--;
        }
      p += BLOCK;
    }
}

gboolean
community_json_split_find (const CommunityJsonInput *input,
                           gboolean                (*is_candidate) (const char *member),
                           double                    part_share,
                           CommunityJsonSplit       *split)
{
  guint64 size = input->size;
  Scan s = { .is_candidate = is_candidate, .size = input->size, };
  gboolean ok = FALSE;
  guint64 want, lo, hi;

  s.cuts = g_array_new (FALSE, FALSE, sizeof (guint64));
  s.best_cuts = g_array_new (FALSE, FALSE, sizeof (guint64));

  /* A file a chunk at a time, with pread() (not mapped: a file cut short
   * meanwhile would be a SIGBUS, not an error). */
  if (input->data != NULL)
    scan_bytes (&s, (const guchar *) input->data, (const guchar *) input->data + size, 0);
  else
    {
      g_autofree guchar *chunk = g_malloc (CHUNK);
      guint64 done = 0;

      while (done < size && !s.broken && !s.done)
        {
          gssize n = pread (input->fd, chunk, (gsize) MIN ((guint64) CHUNK, size - done), (off_t) done);

          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0 || g_cancellable_is_cancelled (input->cancellable))
            {
              s.broken = TRUE;   /* the readers will say why */
              break;
            }
          scan_bytes (&s, chunk, chunk + n, done);
          done += (guint64) n;
        }
    }

  if (s.broken || (!s.done && (s.depth != 0 || s.in_string)) || s.best_cuts->len == 0)
    goto out;

  /* The cut whose part (from it to the array's end) is nearest the share
   * wanted, and no larger than the array's elements after the first. */
  want = (guint64) (part_share * (double) size);
  lo = 0;
  hi = s.best_cuts->len;
  while (lo < hi)
    {
      guint64 mid = (lo + hi) / 2;

      if (s.best_end - g_array_index (s.best_cuts, guint64, mid) > want)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (lo == s.best_cuts->len)
    lo--;
  split->offset = g_array_index (s.best_cuts, guint64, lo);
  split->index = (guint) lo + 1;
  split->end = s.best_end;
  memcpy (split->member, s.best_member, sizeof split->member);
  ok = TRUE;

out:
  g_array_unref (s.cuts);
  g_array_unref (s.best_cuts);
  return ok;
}
