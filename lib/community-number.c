/* community-number.c: a double as the shortest text that reads back as it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The workbooks write a number that is not an integer as printf's "%.15g"
 * writes it if that reads back as the same double, else "%.16g", else
 * "%.17g" (which always does): a rate of 0.984 stays "0.984", a third is
 * "0.3333333333333333". Done with printf() and strtod(), that is up to
 * three of each per number, most of the indicators sheet's time on a
 * province (two such numbers a row).
 *
 * community_format_double() writes the same text without them for the
 * numbers a sheet mostly holds, from 0.001 up to 10^15: with the double
 * as f × 2^-s (f an integer of 53 bits), its P significant digits are
 * f × 10^k ÷ 2^s rounded to an integer m (k = P - 1 - its decimal
 * exponent), exactly, in 128-bit integers; m × 10^-k reads back as the
 * double when it lies within half a unit in the last place of it, that is
 * when |m × 2^(s+1) - 2f × 10^k| < 10^k, exactly again. Where the answer
 * would turn on a tie (a value halfway between two of P digits, a text
 * halfway between two doubles), on the bottom of a binade (where the unit
 * below is half the one above), or on a number outside that range, it
 * leaves the number to printf() and strtod(): the text is theirs, byte for
 * byte, in every case (tests/test-xlsx-stream.c compares the two on
 * millions of numbers).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "community-number-private.h"

/* The shortest of @value's "%.15g", "%.16g" and "%.17g" forms that reads
 * back as it, into @buffer, through g_ascii_formatd() and
 * g_ascii_strtod(): what community_format_double() writes, the slow way.
 * Returns the text's length. */
gsize
community_format_double_printf (char   buffer[COMMUNITY_DOUBLE_CHARS],
                                double value)
{
  static const char *const formats[] = { "%.15g", "%.16g", "%.17g" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_ascii_formatd (buffer, COMMUNITY_DOUBLE_CHARS, formats[i], value);
      if (i == G_N_ELEMENTS (formats) - 1 || g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  return strlen (buffer);
}

#ifdef __SIZEOF_INT128__

typedef unsigned __int128 Wide;

static const guint64 powers_of_ten[] = {
  G_GUINT64_CONSTANT (1),
  G_GUINT64_CONSTANT (10),
  G_GUINT64_CONSTANT (100),
  G_GUINT64_CONSTANT (1000),
  G_GUINT64_CONSTANT (10000),
  G_GUINT64_CONSTANT (100000),
  G_GUINT64_CONSTANT (1000000),
  G_GUINT64_CONSTANT (10000000),
  G_GUINT64_CONSTANT (100000000),
  G_GUINT64_CONSTANT (1000000000),
  G_GUINT64_CONSTANT (10000000000),
  G_GUINT64_CONSTANT (100000000000),
  G_GUINT64_CONSTANT (1000000000000),
  G_GUINT64_CONSTANT (10000000000000),
  G_GUINT64_CONSTANT (100000000000000),
  G_GUINT64_CONSTANT (1000000000000000),
  G_GUINT64_CONSTANT (10000000000000000),
  G_GUINT64_CONSTANT (100000000000000000),
  G_GUINT64_CONSTANT (1000000000000000000),
  G_GUINT64_CONSTANT (10000000000000000000),
};

typedef enum {
  ANSWER_NO,
  ANSWER_YES,
  ANSWER_TIE,
} Answer;

/* @f × 10^@k ÷ 2^@s (1 <= @s <= 62, @k <= 19): its integer part in
 * *@m, and whether the rest is above half (ANSWER_YES: *@m rounds up),
 * below (ANSWER_NO) or exactly half (ANSWER_TIE). */
static Answer
divide_scaled (guint64  f,
               guint    k,
               guint    s,
               guint64 *m)
{
  Wide n = (Wide) f * powers_of_ten[k];
  Wide below = n & (((Wide) 1 << s) - 1);
  Wide half = (Wide) 1 << (s - 1);

  *m = (guint64) (n >> s);
  if (below == half)
    return ANSWER_TIE;
  return below > half ? ANSWER_YES : ANSWER_NO;
}

/* Whether @m × 10^-@k reads back as f × 2^-s: ANSWER_TIE if it lies
 * exactly halfway between that double and its neighbour. */
static Answer
reads_back (guint64 f,
            guint   s,
            guint64 m,
            guint   k)
{
  Wide text = (Wide) m << (s + 1);
  Wide exact = ((Wide) f << 1) * powers_of_ten[k];
  Wide distance = text > exact ? text - exact : exact - text;

  if (distance == powers_of_ten[k])
    return ANSWER_TIE;
  return distance < powers_of_ten[k] ? ANSWER_YES : ANSWER_NO;
}

/* The @p digits of @m, the first at the decimal exponent @x (-4 < @x <
 * @p), as "%.*g" writes them: the trailing zeros of the fraction left
 * out. */
static gsize
put_fixed (char     *buffer,
           gboolean  negative,
           guint64   m,
           guint     p,
           int       x)
{
  char digits[20];
  guint n = p;
  char *out = buffer;

  for (guint i = p; i > 0; i--)
    {
      digits[i - 1] = (char) ('0' + m % 10);
      m /= 10;
    }
  while (n > 1 && digits[n - 1] == '0')
    n--;
  if (negative)
    *out++ = '-';
  if (x >= 0)
    {
      for (guint i = 0; i <= (guint) x; i++)
        *out++ = i < n ? digits[i] : '0';
      if (n > (guint) x + 1)
        {
          *out++ = '.';
          memcpy (out, digits + x + 1, n - (guint) x - 1);
          out += n - (guint) x - 1;
        }
    }
  else
    {
      *out++ = '0';
      *out++ = '.';
      for (int i = 0; i < -x - 1; i++)
        *out++ = '0';
      memcpy (out, digits, n);
      out += n;
    }
  *out = '\0';
  return (gsize) (out - buffer);
}

/* The text, or 0 where it is left to printf() (the header comment). */
static gsize
format_exact (char   *buffer,
              double  value)
{
  double magnitude = fabs (value);
  guint64 f;
  guint s;
  int exponent, x;

  if (!(magnitude >= 1e-3 && magnitude < 1e15))
    return 0;
  f = (guint64) ldexp (frexp (magnitude, &exponent), 53);
  /* The bottom of a binade: the unit below is half the one above. */
  if (f == G_GUINT64_CONSTANT (1) << 52)
    return 0;
  s = (guint) (53 - exponent);   /* exponent is -9 to 50 here */
  x = (int) floor (log10 (magnitude));

  for (guint p = 15; p <= 17; p++)
    {
      guint64 m;
      Answer up, answer;
      int k;

      /* The decimal exponent x of the value (10^x <= it < 10^(x+1)), as
       * its @p digits' integer part tells: log10() guessed it. */
      for (guint tries = 0;; tries++)
        {
          k = (int) p - 1 - x;
          if (k < 0 || k >= (int) G_N_ELEMENTS (powers_of_ten) || tries == 3)
            return 0;
          up = divide_scaled (f, (guint) k, s, &m);
          if (m >= powers_of_ten[p])
            x++;
          else if (m < powers_of_ten[p - 1])
            x--;
          else
            break;
        }
      /* Rounded to the nearest, as printf() rounds: up to 10^p carries
       * into the exponent. */
      if (up == ANSWER_TIE)
        return 0;
      if (up == ANSWER_YES && ++m == powers_of_ten[p])
        {
          m = powers_of_ten[p - 1];
          x++;
          k--;
          if (x >= (int) p)
            return 0;   /* "%g" turns to an exponent */
        }
      answer = p == 17 ? ANSWER_YES : reads_back (f, s, m, (guint) k);
      if (answer == ANSWER_TIE)
        return 0;
      if (answer == ANSWER_YES)
        return put_fixed (buffer, value < 0, m, p, x);
    }
  return 0;
}

#else

static gsize
format_exact (char   *buffer,
              double  value)
{
  return 0;
}

#endif

/* The shortest of @value's "%.15g", "%.16g" and "%.17g" forms that reads
 * back as it, into @buffer, as community_format_double_printf() writes it
 * (the header comment). Returns the text's length. */
gsize
community_format_double (char   buffer[COMMUNITY_DOUBLE_CHARS],
                         double value)
{
  gsize length = format_exact (buffer, value);

  return length != 0 ? length : community_format_double_printf (buffer, value);
}
