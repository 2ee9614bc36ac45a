/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_adv_jumps.c: adversarial steps whose evaluation bound would
   span both branches (issue 12, class 2).  floor, heaviside and sign at a
   point where their argument is within rounding of a level: the value
   must be the exact one (its bound holding the truth), the one-sided
   limits and the jump right, the Frechet set empty or a half-line and
   the Clarke set refused (not Lipschitz), whatever the spelling.  The
   references are exact rationals or mpmath values from
   tests/adv_refs.py, quoted beside each case. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

/* f, x, the exact f(x), f(x-), f(x+). */
static const struct {
  const char *f;
  double x;
  double value, left, right;
} cases[] = {
  /* Exact arithmetic: 2*0 + 1 = 1, a jump of floor at 0. */
  { "floor(2*x + 1)", 0, 1, 0, 1 },
  { "floor(2*x) + 1", 0, 1, 0, 1 },
  /* exp(0) = 1 exactly: sign(0) = 0, heaviside(0) = 1/2. */
  { "sign(exp(x) - 1)", 0, 0, -1, 1 },
  { "heaviside(exp(x) - 1)", 0, 0.5, 0, 1 },
  { "heaviside(log(x))", 1, 0.5, 0, 1 },
  { "sign(sin(x))", 0, 0, -1, 1 },
  { "sign(log(x))", 1, 0, -1, 1 },
  { "floor(sin(x) + 1)", 0, 1, 0, 1 },
  { "heaviside(1 - x*x)", 1, 0.5, 1, 0 },
  { "floor(x^2)", 3, 9, 8, 9 },
  { "sign(x - 0.1)", 0.1, 0, -1, 1 },
  /* adv_refs.py: 10*0.3d - 3 = -1.1e-16 < 0, so floor = 2 at 0.3d, and 3/10,
     where 10x crosses 3, lies in the rounding interval of 0.3d. */
  { "floor(10*x)", 0.3, 2, 2, 3 },
  /* 3*0.1d - 0.3d = 2^-55 > 0: floor = 0; the crossing 0.3d/3 is not in the
     rounding interval of 0.1d, so 0.1d is no switch point. */
  { "floor(3*x - 0.3)", 0.1, 0, 0, 0 },
  /* ... but it is in that of 0.09999999999999999 (the double below), where
     3x - 0.3d < 0: floor = -1. */
  { "floor(3*x - 0.3)", 0.09999999999999999, -1, -1, 0 },
  /* s2 = 1.4142135623730951, s2^2 - 2 > 0, sqrt 2 in R(s2). */
  { "heaviside(x^2 - 2)", 1.4142135623730951, 1, 0, 1 },
  /* c2 = 1.2599210498948732, c2^3 - 2 > 0. */
  { "sign(x^3 - 2)", 1.2599210498948732, 1, -1, 1 },
  /* l3 = 1.0986122886681098, exp(l3) - 3 = 2.7e-16 > 0. */
  { "floor(exp(x))", 1.0986122886681098, 3, 2, 3 },
  /* cos(pi/2 d) = 6.1e-17 > 0. */
  { "heaviside(cos(x))", 1.5707963267948966, 1, 1, 0 },
};

static int
same_set (const ns_set *a, const ns_set *b)
{
  if (a->n != b->n)
    return 0;
  for (int i = 0; i < a->n; i++)
    if (a->piece[i].lo != b->piece[i].lo || a->piece[i].hi != b->piece[i].hi)
      return 0;
  return 1;
}

START_TEST (test_step)
{
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse (cases[_i].f, &f, NULL), NS_OK);
  double x = cases[_i].x;
  ns_result r;
  ck_assert_int_eq (ns_fn_eval (f, x, &r), NS_OK);
  ck_assert_msg (fabs (r.val - cases[_i].value) <= r.err && r.err < 0.5,
                 "%s at %.17g: %.17g +- %g, exact %g", cases[_i].f, x, r.val, r.err,
                 cases[_i].value);
  double l, rt, j;
  ck_assert_int_eq (ns_fn_deriv_side (f, x, NS_LEFT, 0, &l), NS_OK);
  ck_assert_int_eq (ns_fn_deriv_side (f, x, NS_RIGHT, 0, &rt), NS_OK);
  ck_assert_msg (l == cases[_i].left && rt == cases[_i].right, "%s at %.17g: limits %g, %g",
                 cases[_i].f, x, l, rt);
  ck_assert_int_eq (ns_fn_jump (f, x, 0, &j), NS_OK);
  ck_assert (j == cases[_i].right - cases[_i].left);
  ns_set s;
  ns_status st = ns_subdiff (f, x, NS_SUBDIFF_CLARKE, &s);
  int continuous = l == cases[_i].value && rt == cases[_i].value;
  if (continuous)
    ck_assert_msg (st == NS_OK && s.n == 1 && s.piece[0].lo == 0 && s.piece[0].hi == 0,
                   "%s at %.17g: Clarke %s", cases[_i].f, x, ns_strerror (st));
  else
    ck_assert_msg (st == NS_ENOTLIPSCHITZ, "%s at %.17g: Clarke %s", cases[_i].f, x,
                   ns_strerror (st));
  /* Frechet: a limit below f(x) on either side empties it; otherwise each
     side whose limit equals f(x) bounds it by its slope 0. */
  st = ns_subdiff (f, x, NS_SUBDIFF_FRECHET, &s);
  ck_assert_int_eq (st, NS_OK);
  double v = cases[_i].value;
  if (l < v || rt < v)
    ck_assert_msg (s.n == 0, "%s at %.17g: Frechet set not empty", cases[_i].f, x);
  else
    {
      double lo = l == v ? 0 : -HUGE_VAL, hi = rt == v ? 0 : HUGE_VAL;
      ck_assert_msg (s.n == 1 && s.piece[0].lo == lo && s.piece[0].hi == hi,
                     "%s at %.17g: Frechet set [%g, %g]", cases[_i].f, x,
                     s.n ? s.piece[0].lo : (double) NAN, s.n ? s.piece[0].hi : (double) NAN);
    }
  ns_fn_free (f);
}
END_TEST

/* Equivalent spellings get the same sets (issue 12: floor(2*x) + 1 and
   floor(2*x + 1)). */
static const struct {
  const char *a, *b;
  double x;
} pairs[] = {
  { "floor(2*x + 1)", "floor(2*x) + 1", 0 },
  { "sign(exp(x) - 1)", "sign(x)", 0 },
  { "heaviside(log(x))", "heaviside(x - 1)", 1 },
  { "floor(10*x)", "floor(10*x - 3) + 3", 0.3 },
};

START_TEST (test_spellings)
{
  ns_function *f = NULL, *g = NULL;
  ck_assert_int_eq (ns_fn_parse (pairs[_i].a, &f, NULL), NS_OK);
  ck_assert_int_eq (ns_fn_parse (pairs[_i].b, &g, NULL), NS_OK);
  for (int k = 0; k < NS_SUBDIFF_KIND_COUNT; k++)
    {
      if (k == NS_SUBDIFF_CONVEX)
        continue;       /* the convexity certificate reads the tree, not the point */
      ns_set sf, sg;
      ns_status a = ns_subdiff (f, pairs[_i].x, (ns_subdiff_kind) k, &sf);
      ns_status b = ns_subdiff (g, pairs[_i].x, (ns_subdiff_kind) k, &sg);
      ck_assert_msg (a == b && (a != NS_OK || same_set (&sf, &sg)),
                     "%s vs %s at %g, kind %d: %s / %s", pairs[_i].a, pairs[_i].b,
                     pairs[_i].x, k, ns_strerror (a), ns_strerror (b));
    }
  ns_fn_free (f);
  ns_fn_free (g);
}
END_TEST

/* Continuous kinks whose switch point lies between two doubles, at the
   double nearest it: no jump may be seen (the one-sided limit is f at the
   switch point, within half an ulp of x), the Clarke set is the hull of
   the two slopes.  Slopes from closed forms at the switch point:
   relu(sin x) at pi: cos pi = -1 and 0; x^2 at sqrt 2: 2 sqrt 2; e^x at
   log 3: 3; leaky_relu(sin x, 1/2): -1 left of pi, -1/2 right of it. */
static const struct {
  const char *f;
  double x, lo, hi;
} kinks[] = {
  { "relu(sin(x))", 3.141592653589793, -1, 0 },
  { "max(sin(x), 0)", 3.141592653589793, -1, 0 },
  { "leaky_relu(sin(x), 0.5)", 3.141592653589793, -1, -0.5 },
  { "min(x*x, 2)", 1.4142135623730951, 0, 2.8284271247461903 },
  { "max(x*x, 2)", 1.4142135623730951, 0, 2.8284271247461903 },
  { "clamp(x*x, 0, 2)", 1.4142135623730951, 0, 2.8284271247461903 },
  { "abs(x*x - 2)", 1.4142135623730951, -2.8284271247461903, 2.8284271247461903 },
  { "relu(exp(x) - 3)", 1.0986122886681098, 0, 3 },
};

/* The slopes are germ coefficients at x, not at the switch point: they
   differ by f'' times half an ulp, and carry a few roundings. */
#define KINK_SLOPE_TOL 1e-14

START_TEST (test_kink_between_doubles)
{
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse (kinks[_i].f, &f, NULL), NS_OK);
  ns_set s;
  ns_status st = ns_subdiff (f, kinks[_i].x, NS_SUBDIFF_CLARKE, &s);
  ck_assert_msg (st == NS_OK && s.n == 1 && fabs (s.piece[0].lo - kinks[_i].lo) <= KINK_SLOPE_TOL
                 && fabs (s.piece[0].hi - kinks[_i].hi) <= KINK_SLOPE_TOL,
                 "%s at %.17g: Clarke %s [%g, %g]", kinks[_i].f, kinks[_i].x, ns_strerror (st),
                 s.n ? s.piece[0].lo : (double) NAN, s.n ? s.piece[0].hi : (double) NAN);
  double j;
  ck_assert_int_eq (ns_fn_jump (f, kinks[_i].x, 0, &j), NS_OK);
  ck_assert_msg (fabs (j) <= 1e-15, "%s: [f] = %g", kinks[_i].f, j);
  ns_fn_free (f);
}
END_TEST

/* Coincident switch points of two primitives: sin x = 1/2 at pi/6 + 2 pi k
   and 5 pi/6 + 2 pi k, all among the zeros (2j + 1) pi/6 of cos 3x.  Each
   must be reported once, at the double nearest it (the rounding interval
   holds the crossing), never as two neighbouring doubles: 95 points in
   [0, 100], against (2j + 1) pi/6 in long double (64 bits: its error,
   1e-17, is far below the half ulp 7e-15 that rounding to double could
   be misled by; python3-mpmath at 200 bits agrees on all 95). */
START_TEST (test_coincident_switches)
{
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse ("relu(sin(x) - 0.5) + heaviside(cos(3*x))", &f, NULL), NS_OK);
  static double pts[256];
  size_t n = 0;
  ck_assert_int_eq (ns_fn_breakpoints (f, 0, 100, pts, 256, &n), NS_OK);
  ck_assert_int_eq ((int) n, 95);
  const long double pi = 3.141592653589793238462643383279502884L;
  for (size_t j = 0; j < n; j++)
    {
      double want = (double) ((2 * j + 1) * pi / 6);
      ck_assert_msg (pts[j] == want, "point %zu: %.17g, want %.17g", j, pts[j], want);
    }
  ns_fn_free (f);
}
END_TEST

/* Sums of a switch of a trigonometric argument and another switching
   primitive on wide ranges: the other summand's switch points become knots
   of the search, so boxes end exactly at (or an ulp from) zeros of cos kx,
   where the enclosure of cos must hold the true value at the box end.  It
   did not when cos u was computed as sin(u + pi/2), whose rounding of
   u + pi/2 (5e-15 at u = 99) exceeds the slack: a box ending at
   x = 63 pi/6 + 4.9e-16 (cos 3x = +1.5e-15, mpmath) was enclosed in
   (-inf, -3e-15] and its zero lost.  The first three cases missed 67, 134
   and 134 points that way.  Every switch point is an arithmetic
   progression c + k d of closed form, in long double; a reported point
   must be the double nearest one: within half an ulp of it, plus the error
   of the long double (2^-62 relative; the exact tie test of the long double
   would be misled at 145 pi/2, which lies 6e-18 from the midpoint of two
   doubles, nearer the lower one by mpmath). */
static const struct {
  const char *f;
  double a, b;
  int family;
} sums[] = {
  { "relu(sin(x) - 0.5) + heaviside(cos(3*x))", 0, 1000, 0 },
  { "abs(sin(x) - 0.5) + sign(cos(3*x))", -1000, 1000, 0 },
  { "max(sin(x), 0.5) + heaviside(cos(3*x))", -1000, 1000, 0 },
  { "relu(cos(x)) + heaviside(sin(2*x))", 0.5, 3000, 1 },
  { "floor(sin(x)*3) + relu(cos(2*x))", -60, 60, 2 },
  { "heaviside(cos(5*x)) + relu(cos(x))", -1000, 1000, 3 },
};

/* The progressions {c, d} of family FAM into PR; returns their number. */
static int
sum_progressions (int fam, long double pr[][2])
{
  const long double pi = 3.141592653589793238462643383279502884L;
  const long double s1 = asinl (1.0L / 3), s2 = asinl (2.0L / 3);
  int n = 0;
  switch (fam)
    {
    case 0:
      /* cos 3x = 0 at pi/6 + k pi/3; sin x = 1/2 at pi/6 and 5 pi/6
         (+ 2 pi k), among them. */
      pr[n][0] = pi / 6, pr[n++][1] = pi / 3;
      break;
    case 1:
      /* sin 2x = 0 at k pi/2; cos x = 0 at pi/2 + k pi, among them. */
      pr[n][0] = 0, pr[n++][1] = pi / 2;
      break;
    case 2:
      /* 3 sin x crosses -2, -1, 0, 1, 2 at +-asin(j/3) and pi -+ asin(j/3)
         (+ 2 pi k), and touches 3 and -3 at pi/2 + k pi (a jump of floor);
         cos 2x = 0 at pi/4 + k pi/2. */
      {
        const long double s[2] = { s1, s2 };
        for (int i = 0; i < 2; i++)
          {
            pr[n][0] = s[i], pr[n++][1] = 2 * pi;
            pr[n][0] = -s[i], pr[n++][1] = 2 * pi;
            pr[n][0] = pi - s[i], pr[n++][1] = 2 * pi;
            pr[n][0] = -pi + s[i], pr[n++][1] = 2 * pi;
          }
        pr[n][0] = 0, pr[n++][1] = pi;
        pr[n][0] = pi / 2, pr[n++][1] = pi;
        pr[n][0] = pi / 4, pr[n++][1] = pi / 2;
      }
      break;
    default:
      /* cos 5x = 0 at pi/10 + k pi/5; cos x = 0 at pi/2 + k pi, among
         them. */
      pr[n][0] = pi / 10, pr[n++][1] = pi / 5;
      break;
    }
  return n;
}

static int
compare_long_doubles (const void *pa, const void *pb)
{
  long double a = *(const long double *) pa, b = *(const long double *) pb;
  return (a > b) - (a < b);
}

#define SUM_MAX 8192

START_TEST (test_coincident_sums)
{
  static long double want[SUM_MAX];
  static double pts[SUM_MAX];
  long double pr[16][2];
  double a = sums[_i].a, b = sums[_i].b;
  int np = sum_progressions (sums[_i].family, pr);
  size_t nw = 0;
  for (int i = 0; i < np; i++)
    for (long k = (long) floorl ((a - pr[i][0]) / pr[i][1]) - 1;
         pr[i][0] + k * pr[i][1] <= b + 1; k++)
      {
        long double x = pr[i][0] + k * pr[i][1];
        /* A point whose nearest double is in [a, b]. */
        if ((double) x >= a && (double) x <= b)
          {
            ck_assert_int_lt ((int) nw, SUM_MAX);
            want[nw++] = x;
          }
      }
  qsort (want, nw, sizeof *want, compare_long_doubles);
  /* Coincident points of two progressions differ by the long double
     error only. */
  size_t m = 0;
  for (size_t i = 0; i < nw; i++)
    if (m == 0 || want[i] - want[m - 1] > 1e-12L * (1 + fabsl (want[i])))
      want[m++] = want[i];
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse (sums[_i].f, &f, NULL), NS_OK);
  size_t n = 0;
  ck_assert_int_eq (ns_fn_breakpoints (f, a, b, pts, SUM_MAX, &n), NS_OK);
  ck_assert_msg (n == m, "%s on [%g, %g]: %zu points, want %zu", sums[_i].f, a, b, n, m);
  for (size_t j = 0; j < n; j++)
    {
      long double half_ulp = 0.5L * (nextafter (fabs (pts[j]), HUGE_VAL) - fabs (pts[j]));
      long double err = fabsl (want[j]) * 0x1p-62L;
      ck_assert_msg (fabsl (pts[j] - want[j]) <= half_ulp + err,
                     "%s: point %zu: %.17g, want %.21Lg", sums[_i].f, j, pts[j], want[j]);
    }
  ns_fn_free (f);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("adv_jumps");
  TCase *tc = tcase_create ("jumps");
  tcase_add_loop_test (tc, test_step, 0, (int) (sizeof cases / sizeof *cases));
  tcase_add_loop_test (tc, test_spellings, 0, (int) (sizeof pairs / sizeof *pairs));
  tcase_add_loop_test (tc, test_kink_between_doubles, 0, (int) (sizeof kinks / sizeof *kinks));
  tcase_add_test (tc, test_coincident_switches);
  tcase_add_loop_test (tc, test_coincident_sums, 0, (int) (sizeof sums / sizeof *sums));
  /* The wide-range searches take a second on a loaded machine. */
  tcase_set_timeout (tc, 60);
  suite_add_tcase (s, tc);
  return s;
}
