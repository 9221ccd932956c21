/* community-quark-private.h: quarks any thread may ask for first
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* As G_DEFINE_QUARK(), but the quark is kept with atomics: G_DEFINE_QUARK()
 * reads and writes a plain static, and the validator's threads may each
 * ask for an error domain or an object-data key first, at once (a race
 * ThreadSanitizer reports, rightly by C's rules, if harmless on x86). */
#define COMMUNITY_DEFINE_QUARK(QN, q_n)                                 \
GQuark                                                                  \
q_n##_quark (void)                                                      \
{                                                                       \
  static gint q_n##_quark_value;                                        \
  GQuark quark = (GQuark) g_atomic_int_get (&q_n##_quark_value);        \
                                                                        \
  if G_UNLIKELY (quark == 0)                                            \
    {                                                                   \
      quark = g_quark_from_static_string (#QN);                         \
      g_atomic_int_set (&q_n##_quark_value, (gint) quark);              \
    }                                                                   \
  return quark;                                                         \
}

G_END_DECLS
