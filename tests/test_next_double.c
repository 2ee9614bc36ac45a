/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_next_double.c: the location bound of a breakpoint
   (lib/distribution/pairing_loc.c) steps to the neighbouring double by
   its bits (next_double in lib/distribution/pairing_loc.h).  special:
   bit for bit what C's nextafter gives, both directions, on +-0, the
   smallest and largest subnormals, DBL_MIN, 1, DBL_MAX, +-inf and NaN.
   random: the same on random bit patterns of every exponent. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "distribution/pairing_loc.h"
#include "check_main.h"

static uint64_t
bits (double x)
{
  uint64_t u;
  memcpy (&u, &x, sizeof u);
  return u;
}

static void
check_one (double x)
{
  for (int dir = -1; dir <= 1; dir += 2)
    {
      double a = next_double (x, dir), b = nextafter (x, dir * HUGE_VAL);
      ck_assert_msg (isnan (x) ? isnan (a) : bits (a) == bits (b),
                     "next_double (%a, %d) = %a, nextafter gives %a", x, dir, a, b);
    }
}

START_TEST (test_special)
{
  const double largest_sub = DBL_MIN - DBL_TRUE_MIN;
  const double xs[] = { 0.0, DBL_TRUE_MIN, 2 * DBL_TRUE_MIN, largest_sub, DBL_MIN,
                        nextafter (DBL_MIN, 1), 0.5, 1.0, nextafter (1.0, 0),
                        nextafter (1.0, 2), 0x1p1023, DBL_MAX, nextafter (DBL_MAX, 0),
                        HUGE_VAL };
  for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
    {
      check_one (xs[i]);
      check_one (-xs[i]);
    }
  check_one (NAN);
  check_one (-NAN);
  /* The steps the bound relies on, spelled out. */
  ck_assert (bits (next_double (-0.0, 1)) == bits (DBL_TRUE_MIN));
  ck_assert (bits (next_double (0.0, -1)) == bits (-DBL_TRUE_MIN));
  ck_assert (bits (next_double (-DBL_TRUE_MIN, 1)) == bits (-0.0));
  ck_assert (next_double (DBL_MAX, 1) == HUGE_VAL);
  ck_assert (next_double (-DBL_MAX, -1) == -HUGE_VAL);
  ck_assert (next_double (HUGE_VAL, -1) == DBL_MAX);
  ck_assert (next_double (largest_sub, 1) == DBL_MIN);
  ck_assert (next_double (DBL_MIN, -1) == largest_sub);
}
END_TEST

START_TEST (test_random)
{
  /* xorshift64*: every bit pattern, so every exponent, NaNs and infs
     included in proportion. */
  uint64_t s = 0x9e3779b97f4a7c15u;
  int n = ns_test_iterations (1000000);
  for (int i = 0; i < n; i++)
    {
      s ^= s >> 12;
      s ^= s << 25;
      s ^= s >> 27;
      uint64_t u = s * 0x2545f4914f6cdd1du;
      double x;
      memcpy (&x, &u, sizeof x);
      check_one (x);
    }
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("next_double");
  TCase *tc = tcase_create ("special");
  tcase_add_test (tc, test_special);
  suite_add_tcase (s, tc);
  TCase *tr = tcase_create ("random");
  tcase_add_test (tr, test_random);
  tcase_set_timeout (tr, 60);
  suite_add_tcase (s, tr);
  return s;
}
