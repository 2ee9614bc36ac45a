/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_adv_ulp.c: adversarial cases one and two ulps from a kink
   whose switch point is a double (issue 12, class 3).  The manual promises
   that such a point is smooth: the pointwise derivative exists and is the
   derivative of the branch on that side, the Frechet and Clarke sets are
   that one number.  Each switch point is tried at +-1 and +-2 ulps: 19
   functions, 76 cases.  The references are closed forms of the branch
   derivative, evaluated in long double at the double x. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

/* The germ's first coefficient is computed in doubles by a few products
   (3x^2 is two roundings, 1/(2 sqrt x) three): 8 ulps of the reference
   covers them with room. */
#define SLOPE_TOL (8 * DBL_EPSILON)

typedef long double (*slope_fn) (long double x);

static long double zero (long double x) { (void) x; return 0; }
static long double two_x (long double x) { return 2 * x; }
static long double quarter_x (long double x) { return x / 4; }
static long double three_x2 (long double x) { return 3 * x * x; }
static long double minus_three_x2 (long double x) { return -3 * x * x; }
static long double minus_two_x (long double x) { return -2 * x; }
static long double expx (long double x) { return expl (x); }
static long double inv_x (long double x) { return 1 / x; }
static long double cosx (long double x) { return cosl (x); }
static long double two (long double x) { (void) x; return 2; }
static long double one (long double x) { (void) x; return 1; }
static long double minus_one (long double x) { (void) x; return -1; }
static long double half_rsqrt (long double x) { return 0.5L / sqrtl (x); }

/* f, the double switch point p, and f' right of p and left of p (the
   derivative of the branch that holds on each side near p). */
static const struct {
  const char *f;
  double p;
  slope_fn right, left;
} cases[] = {
  { "relu(x^2 - 4)", 2, two_x, zero },                 /* x^2 - 4 > 0 right of 2 */
  { "relu(x^2 - 4)", -2, zero, two_x },                /* ... and left of -2 */
  { "max(x^2, 4)", 2, two_x, zero },
  { "min(x^2, 9)", 3, zero, two_x },
  { "abs(x^3 - 8)", 2, three_x2, minus_three_x2 },
  { "clamp(x^2, 1, 4)", 1, two_x, zero },              /* leaves the lower bound at 1 */
  { "clamp(x^2, 1, 4)", 2, zero, two_x },              /* reaches the upper bound at 2 */
  { "leaky_relu(x^2 - 2.25, 0.125)", 1.5, two_x, quarter_x },
  { "relu(exp(x) - 1)", 0, expx, zero },               /* +-1 ulp of 0 are subnormals */
  { "relu(log(x))", 1, inv_x, zero },
  { "relu(sin(x))", 0, cosx, zero },
  { "abs(x*x - 0.25)", 0.5, two_x, minus_two_x },
  { "relu(x^3 - 27)", 3, three_x2, zero },
  { "max(2*x, x^2)", 2, two_x, two },                  /* x^2 > 2x right of 2, below left */
  { "max(x, 1 - x)", 0.5, one, minus_one },
  { "relu(sqrt(x) - 2)", 4, half_rsqrt, zero },
  { "heaviside(x^2 - 4)", 2, zero, zero },             /* steps: constant off the switch */
  { "floor(x^2)", 2, zero, zero },
  { "sign(x^2 - 9)", 3, zero, zero },
};

#define NOFFSETS 4
static const int offsets[NOFFSETS] = { -2, -1, 1, 2 };

static double
ulps_from (double p, int k)
{
  double x = p;
  for (int i = 0; i < abs (k); i++)
    x = nextafter (x, k > 0 ? HUGE_VAL : -HUGE_VAL);
  return x;
}

START_TEST (test_one_ulp)
{
  int c = _i / NOFFSETS, k = offsets[_i % NOFFSETS];
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse (cases[c].f, &f, NULL), NS_OK);
  double x = ulps_from (cases[c].p, k);
  long double ref = (k > 0 ? cases[c].right : cases[c].left) ((long double) x);
  double tol = SLOPE_TOL * fabsl (ref);
  double d;
  ns_status st = ns_fn_deriv (f, x, 1, &d);
  ck_assert_msg (st == NS_OK, "%s at %.17g (%+d ulp): %s", cases[c].f, x, k, ns_strerror (st));
  ck_assert_msg (fabsl (d - ref) <= tol, "%s at %.17g: f' = %.17g, want %.20Lg",
                 cases[c].f, x, d, ref);
  /* A smooth point: the Frechet and the Clarke set are {f'(x)}. */
  ns_set s;
  st = ns_subdiff (f, x, NS_SUBDIFF_FRECHET, &s);
  ck_assert_msg (st == NS_OK && s.n == 1 && fabsl (s.piece[0].lo - ref) <= tol
                 && fabsl (s.piece[0].hi - ref) <= tol,
                 "%s at %.17g: Frechet set (%s, %d pieces) not {%.17Lg}", cases[c].f, x,
                 ns_strerror (st), s.n, ref);
  st = ns_subdiff (f, x, NS_SUBDIFF_CLARKE, &s);
  ck_assert_msg (st == NS_OK && s.n == 1 && fabsl (s.piece[0].lo - ref) <= tol
                 && fabsl (s.piece[0].hi - ref) <= tol,
                 "%s at %.17g: Clarke set (%s) not {%.17Lg}", cases[c].f, x,
                 ns_strerror (st), ref);
  /* No jump of f or f' there. */
  double j;
  ck_assert_int_eq (ns_fn_jump (f, x, 0, &j), NS_OK);
  ck_assert_msg (j == 0, "%s at %.17g: [f] = %g", cases[c].f, x, j);
  ns_fn_free (f);
}
END_TEST

/* At the switch point itself the kink is still seen (the certification
   must not smooth it away). */
START_TEST (test_at_switch)
{
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse (cases[_i].f, &f, NULL), NS_OK);
  double x = cases[_i].p, d;
  long double r = cases[_i].right (x), l = cases[_i].left (x);
  ns_status st = ns_fn_deriv (f, x, 1, &d);
  if (r != l)
    ck_assert_msg (st == NS_UNDEFINED, "%s at its switch point %g: %s", cases[_i].f, x,
                   ns_strerror (st));
  ns_fn_free (f);
}
END_TEST

/* Random triple crossings relu((x - p)^3 (x + q)) with double switch
   points p (fixed seed; NS_TEST_SCALE scales the count).  One ulp from p
   the quantity is about ulp^3, inside its rounding bound (err0 of
   (x - p)^3 holds 3 ulp^2 times half an ulp of x), so only the
   certification tells that p +- 1, 2 ulps are smooth.  g = (x - p)^3
   (x + q) has g''' = 6(x + q) + 18(x - p); near p, g has the sign of
   (x - p)(p + q); relu(g)''' is g''' where g > 0 and 0 where g < 0. */
static uint64_t
next_rand (uint64_t *s)
{
  /* splitmix64 */
  uint64_t z = (*s += 0x9e3779b97f4a7c15u);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
  return z ^ (z >> 31);
}

static double
rand_uniform (uint64_t *s, double lo, double hi)
{
  return lo + (hi - lo) * (double) (next_rand (s) >> 11) * 0x1p-53;
}

START_TEST (test_random_cubes)
{
  uint64_t seed = 20261207, s = seed;
  int n = ns_test_iterations (200);
  for (int it = 0; it < n; it++)
    {
      double p = rand_uniform (&s, -10, 10), q = rand_uniform (&s, -10, 10);
      if (fabs (p + q) < 1e-3)
        continue;
      ns_function *f = ns_fn_relu (ns_fn_mul (ns_fn_pow (ns_fn_sub (ns_fn_x (), ns_fn_const (p)), 3),
                                              ns_fn_add (ns_fn_x (), ns_fn_const (q))));
      for (int o = 0; o < NOFFSETS; o++)
        {
          int k = offsets[o];
          double x = ulps_from (p, k), d;
          int positive = (k > 0) == (p + q > 0);
          long double ref = positive ? 6.0L * ((long double) x + q) + 18.0L * ((long double) x - p) : 0;
          /* The germ's c3 is a short sum of products of rounded
             coefficients: 32 ulps of its size. */
          long double tol = 32 * DBL_EPSILON * 6 * (fabs (x) + fabs (q));
          ns_status st = ns_fn_deriv (f, x, 3, &d);
          ck_assert_msg (st == NS_OK && fabsl (d - ref) <= tol,
                         "seed %llu it %d: relu((x - %.17g)^3 (x + %.17g))''' at %+d ulp: %s %.17g, want %.17Lg",
                         (unsigned long long) seed, it, p, q, k, ns_strerror (st), d, ref);
        }
      ns_fn_free (f);
    }
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("adv_ulp");
  TCase *tc = tcase_create ("one_ulp");
  int n = (int) (sizeof cases / sizeof *cases);
  tcase_add_loop_test (tc, test_one_ulp, 0, n * NOFFSETS);
  tcase_add_loop_test (tc, test_at_switch, 0, n);
  tcase_add_test (tc, test_random_cubes);
  suite_add_tcase (s, tc);
  return s;
}
