/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_breakpoints.c: the accuracy of ns_fn_breakpoints and what it
   means downstream.  Switch points of linear switching quantities against
   correctly rounded divisions (n/100.0, k + 0.5) and long-double
   quotients; quadratic roots against sqrt() and long-double formulas;
   roots of general quantities near 0 and between doubles; the jumps the
   germs see at the reported points; and pairings of D^k T_f whose deltas
   sit at those points against references derived by hand and computed
   in long double (tests/ref_bump.h, tests/ref_quad.h). */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>
#include "ref_bump.h"
#include "ref_quad.h"
#include "check_main.h"

#define X ns_fn_x ()
#define C(v) ns_fn_const (v)
#define MAXPTS 2048

static size_t
points (const ns_function *f, double a, double b, double *pts)
{
  size_t n = 0;
  ns_status st = ns_fn_breakpoints (f, a, b, pts, MAXPTS, &n);
  ck_assert_msg (st == NS_OK, "ns_fn_breakpoints: %s", ns_strerror (st));
  return n;
}

/* Distance from x to the real r in units of the gap between x and its
   neighbour towards r: at most 1/2 for the double nearest r. */
static long double
ulps_off (double x, long double r)
{
  double next = nextafter (x, r > x ? HUGE_VAL : -HUGE_VAL);
  return fabsl (r - x) / fabsl ((long double) next - x);
}

/* Is x the double nearest r?  When r (a long-double reference) is too close
   to the midpoint between two doubles to tell, either neighbour passes. */
static int
nearest_double (double x, long double r)
{
  long double u = ulps_off (x, r);
  return u <= 0.5L || (u <= 0.5L + 1e-3L && LDBL_MANT_DIG >= 64);
}

/* ------------------------------------------------------------------ linear switching quantities */

START_TEST (test_floor_100x_exact)
{
  /* k x + m = n has the root (n - m)/k; with m = 0, k = 100 the correctly
     rounded root is the IEEE quotient n/100.0. */
  double pts[MAXPTS];
  ns_function *f = ns_fn_floor (ns_fn_mul (C (100), X));
  size_t n = points (f, -5.04, 5.04, pts);
  ck_assert_int_eq ((int) n, 1009);
  for (size_t i = 0; i < n; i++)
    {
      double want = (double) ((long) i - 504) / 100.0;
      ck_assert_msg (pts[i] == want, "point %zu is %.17g, want %.17g", i, pts[i], want);
    }
  /* The point does not depend on the range searched (the old midpoint
     shift made it so). */
  n = points (f, 4.9, 5.04, pts);
  ck_assert_int_eq ((int) n, 15);
  for (size_t i = 0; i < n; i++)
    ck_assert (pts[i] == (double) (490 + (long) i) / 100.0);
  ns_fn_free (f);
}
END_TEST

START_TEST (test_floor_half_shift_exact)
{
  /* floor(x + 1/2) switches at k - 1/2, floor(x - 1/2) at k + 1/2: exact
     doubles, on ranges with different midpoints. */
  static const double ranges[][2] = { { -3, 3 }, { -3.3, 2.9 }, { 0.1, 7.7 }, { -9.45, -0.2 } };
  double pts[MAXPTS];
  for (int sgn = -1; sgn <= 1; sgn += 2)
    for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
      {
        ns_function *f = ns_fn_floor (ns_fn_add (X, C (0.5 * sgn)));
        double a = ranges[r][0], b = ranges[r][1];
        size_t n = points (f, a, b, pts);
        size_t want_n = 0;
        for (double k = ceil (a - 0.5); k + 0.5 <= b; k++)
          if (k + 0.5 >= a)
            want_n++;
        ck_assert_int_eq ((int) n, (int) want_n);
        for (size_t i = 0; i < n; i++)
          {
            double want = -0.5 * sgn + ceil (a + 0.5 * sgn) + (double) i;
            ck_assert_msg (pts[i] == want, "floor(x%+g) on [%g, %g]: %.17g, want %.17g",
                           0.5 * sgn, a, b, pts[i], want);
            double jump;
            ck_assert_int_eq (ns_fn_jump (f, pts[i], 0, &jump), NS_OK);
            ck_assert (jump == 1);
          }
        ns_fn_free (f);
      }
}
END_TEST

static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static double
uniform (void)
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return (double) (rng_state >> 11) * 0x1p-53;
}

START_TEST (test_floor_affine_random)
{
  /* floor(k x + m) for random doubles k, m: each point is the double
     nearest (n - m)/k, computed in long double (n - m is exact there). */
  double pts[MAXPTS];
  int iters = ns_test_iterations (200);
  for (int t = 0; t < iters; t++)
    {
      double k = uniform () * 200 - 100, m = uniform () * 10 - 5;
      if (t % 3 == 0)
        k = floor (k) + 1;
      ns_function *f = ns_fn_floor (ns_fn_add (ns_fn_mul (C (k), X), C (m)));
      size_t n = points (f, -1, 1, pts);
      ck_assert ((double) n >= floor (fabs (k) * 2) - 1);
      for (size_t i = 0; i < n; i++)
        {
          long double level = roundl ((long double) k * pts[i] + m);
          long double r = (level - m) / k;
          ck_assert_msg (nearest_double (pts[i], r), "floor(%.17g x + %.17g): %.17g, root %.21Lg",
                         k, m, pts[i], r);
        }
      ns_fn_free (f);
    }
}
END_TEST

/* ------------------------------------------------------------------ quadratic switching quantities */

START_TEST (test_max_x_x2_exact)
{
  /* x - x^2 = x (1 - x): the roots 0 and 1 exactly, whatever the range
     (the reported bug: [0.4 - 1.2, 0.4 + 1.2] gave -5.55e-17). */
  static const double ranges[][2] = { { 0.4 - 1.2, 0.4 + 1.2 }, { -0.8, 1.6 }, { -3, 1.7 },
                                      { -0.1, 5 }, { -1e-3, 1.001 } };
  double pts[MAXPTS];
  ns_function *f = ns_fn_max (X, ns_fn_pow (X, 2));
  for (size_t r = 0; r < sizeof ranges / sizeof ranges[0]; r++)
    {
      size_t n = points (f, ranges[r][0], ranges[r][1], pts);
      ck_assert_int_eq ((int) n, 2);
      ck_assert_msg (pts[0] == 0 && pts[1] == 1, "[%g, %g]: %.17g %.17g", ranges[r][0],
                     ranges[r][1], pts[0], pts[1]);
      ck_assert (!signbit (pts[0]));
      /* f' is 2x (-> 0) left of 0 and 1 right of it; 1 left of 1 and 2
         right of it: both jumps of f' are 1, f itself is continuous. */
      for (int i = 0; i < 2; i++)
        {
          double j0, j1;
          ck_assert_int_eq (ns_fn_jump (f, pts[i], 0, &j0), NS_OK);
          ck_assert_int_eq (ns_fn_jump (f, pts[i], 1, &j1), NS_OK);
          ck_assert_msg (j0 == 0 && j1 == 1, "at %g: jumps %g %g", pts[i], j0, j1);
        }
    }
  ns_fn_free (f);
}
END_TEST

START_TEST (test_quadratic_roots)
{
  double pts[MAXPTS];
  /* x^2 - 2: the doubles nearest +-sqrt(2), which sqrt() rounds correctly. */
  ns_function *f = ns_fn_relu (ns_fn_sub (ns_fn_pow (X, 2), C (2)));
  ck_assert_int_eq ((int) points (f, -3, 3, pts), 2);
  ck_assert (pts[0] == -sqrt (2.0) && pts[1] == sqrt (2.0));
  ns_fn_free (f);
  /* x*x - 1e-20 (the double 1e-20): +-sqrt of it, near 0 in relative terms. */
  f = ns_fn_relu (ns_fn_sub (ns_fn_mul (X, X), C (1e-20)));
  ck_assert_int_eq ((int) points (f, -3, 2, pts), 2);
  ck_assert_msg (pts[0] == -sqrt (1e-20) && pts[1] == sqrt (1e-20), "%.17g %.17g", pts[0], pts[1]);
  ns_fn_free (f);
  /* x^2 - 1e8 x + 1: the roots (1e8 -+ sqrt(1e16 - 4))/2; the small one,
     2/(1e8 + sqrt(1e16 - 4)) = 1e-8 (1 + 1e-16 + ...), loses every digit
     to cancellation in the textbook formula. */
  f = ns_fn_relu (ns_fn_add (ns_fn_sub (ns_fn_pow (X, 2), ns_fn_mul (C (1e8), X)), C (1)));
  ck_assert_int_eq ((int) points (f, -1, 2e8, pts), 2);
  long double s = sqrtl (1e16L - 4);
  long double small = 2 / (1e8L + s), big = (1e8L + s) / 2;
  ck_assert_msg (nearest_double (pts[0], small), "%.17g vs %.21Lg", pts[0], small);
  ck_assert_msg (nearest_double (pts[1], big), "%.17g vs %.21Lg", pts[1], big);
  ns_fn_free (f);
  /* (x - 1)^2 = x^2 - 2x + 1 touches 0 at 1: one point, exactly 1. */
  f = ns_fn_relu (ns_fn_add (ns_fn_sub (ns_fn_pow (X, 2), ns_fn_mul (C (2), X)), C (1)));
  ck_assert_int_eq ((int) points (f, -3, 3.5, pts), 1);
  ck_assert (pts[0] == 1);
  ns_fn_free (f);
  /* x^2 + 1 never vanishes. */
  f = ns_fn_abs (ns_fn_add (ns_fn_pow (X, 2), C (1)));
  ck_assert_int_eq ((int) points (f, -3, 3, pts), 0);
  ns_fn_free (f);
  /* A constant switching quantity (x^3 - x^3, beyond the closed form) has
     no crossing, and searching it would only exhaust the work bound. */
  f = ns_fn_max (ns_fn_pow (X, 3), ns_fn_pow (X, 3));
  ck_assert_int_eq ((int) points (f, -1, 1, pts), 0);
  ns_fn_free (f);
}
END_TEST

START_TEST (test_quadratic_random)
{
  /* a x^2 + b x + c with random doubles: every real root in range is
     reported as the double nearest it (long-double stable formula; roots
     within the reference's precision of a midpoint are let through as a
     1-ulp tolerance). */
  double pts[MAXPTS];
  int iters = ns_test_iterations (300);
  for (int t = 0; t < iters; t++)
    {
      double a = uniform () * 4 - 2, b = uniform () * 4 - 2, c = uniform () * 2 - 1;
      if (t % 3 == 1)
        b = ldexp (b, 30);
      if (t % 3 == 2)
        c = ldexp (c, -40);
      ns_function *f = ns_fn_relu (ns_fn_add (ns_fn_add (ns_fn_mul (C (a), ns_fn_pow (X, 2)),
                                                         ns_fn_mul (C (b), X)), C (c)));
      size_t n = points (f, -1e12, 1e12, pts);
      long double d = (long double) b * b - 4.0L * a * c;
      ck_assert (d > 0 || n <= 1);
      if (d > 0)
        {
          long double sq = sqrtl (d), q = -0.5L * (b + (b >= 0 ? sq : -sq));
          long double roots[2] = { q / a, c / q };
          for (int j = 0; j < 2; j++)
            {
              if (fabsl (roots[j]) > 1e12L)
                continue;
              double best = NAN;
              for (size_t i = 0; i < n; i++)
                if (isnan (best) || fabsl (pts[i] - roots[j]) < fabsl (best - roots[j]))
                  best = pts[i];
              ck_assert_msg (ulps_off (best, roots[j]) <= 1, "%.17g x^2 + %.17g x + %.17g: %.17g vs %.21Lg",
                             a, b, c, best, roots[j]);
            }
        }
      ns_fn_free (f);
    }
}
END_TEST

/* heaviside((x - a)^2 - b) with doubles a, b: the expanded coefficients
   (a^2 - b) are rounded, so the closed form's roots may sit an ulp off
   the crossing, on a double whose rounding interval the quantity does not
   cross, where the jump would read 0 and the delta go missing.  Each root
   a -+ sqrt(b) must be the double nearest it (long-double reference) with
   the jump -1 then +1; ((x - 0.5)^2 - 0.01: roots 0.39999999999999999896
   and 0.60000000000000000104, the doubles 0.4 and 0.6.) */
START_TEST (test_shifted_square_rounded)
{
  double pts[MAXPTS];
  int iters = ns_test_iterations (300);
  for (int t = 0; t < iters; t++)
    {
      double a = t == 0 ? 0.5 : uniform () * 4 - 2;
      double b = t == 0 ? 0.01 : ldexp (0.5 + uniform (), -(int) (uniform () * 20));
      ns_function *f = ns_fn_heaviside (ns_fn_sub (ns_fn_pow (ns_fn_sub (X, C (a)), 2), C (b)), 0.5);
      size_t n = points (f, -8, 8, pts);
      long double sq = sqrtl ((long double) b);
      long double roots[2] = { (long double) a - sq, (long double) a + sq };
      ck_assert_msg (n == 2, "(x - %.17g)^2 - %.17g: %zu breakpoints", a, b, n);
      for (int j = 0; j < 2; j++)
        {
          ck_assert_msg (nearest_double (pts[j], roots[j]),
                         "(x - %.17g)^2 - %.17g: %.17g vs %.21Lg", a, b, pts[j], roots[j]);
          double jump = 0;
          ck_assert_int_eq (ns_fn_jump (f, pts[j], 0, &jump), NS_OK);
          ck_assert_msg (jump == (j == 0 ? -1 : 1), "(x - %.17g)^2 - %.17g at %.17g: jump %g",
                         a, b, pts[j], jump);
        }
      ns_fn_free (f);
    }
}
END_TEST

/* ------------------------------------------------------------------ general switching quantities */

START_TEST (test_general_roots)
{
  double pts[MAXPTS];
  /* exp(x) - 2 and x^3 - 2: solved by Brent's method and the grid, within
     an ulp of log 2 and cbrt 2. */
  ns_function *f = ns_fn_relu (ns_fn_sub (ns_fn_exp (X), C (2)));
  ck_assert_int_eq ((int) points (f, -3, 3, pts), 1);
  ck_assert_msg (ulps_off (pts[0], logl (2)) <= 1, "%.17g", pts[0]);
  ns_fn_free (f);
  f = ns_fn_relu (ns_fn_sub (ns_fn_pow (X, 3), C (2)));
  ck_assert_int_eq ((int) points (f, -3, 3, pts), 1);
  ck_assert_msg (ulps_off (pts[0], cbrtl (2)) <= 1, "%.17g", pts[0]);
  ns_fn_free (f);
  /* Roots near 0, where a cap of a few ulps around an estimate is far too
     little: x^3 - 1e-30 at 1e-10, sin(x) - 1e-20 at 1e-20 (sin x = x to
     double precision there), to a few ulps relative. */
  f = ns_fn_relu (ns_fn_sub (ns_fn_pow (X, 3), C (1e-30)));
  ck_assert_int_eq ((int) points (f, -1, 2, pts), 1);
  ck_assert_msg (ulps_off (pts[0], cbrtl (1e-30)) <= 4, "%.17g", pts[0]);
  ns_fn_free (f);
  f = ns_fn_relu (ns_fn_sub (ns_fn_sin (X), C (1e-20)));
  ck_assert_int_eq ((int) points (f, -1, 2, pts), 1);
  ck_assert_msg (ulps_off (pts[0], 1e-20L) <= 4, "%.17g", pts[0]);
  ns_fn_free (f);
  /* k x^3 is monotone through 0 with a flat slope; its values underflow
     to 0 long before x does, yet the switch point is 0 itself, where
     floor jumps from -1 to 0. */
  f = ns_fn_floor (ns_fn_mul (C (2.0689978240302196), ns_fn_pow (X, 3)));
  ck_assert_int_eq ((int) points (f, -0.20627382297489644, 0.72153258, pts), 1);
  ck_assert (pts[0] == 0);
  double jump;
  ck_assert_int_eq (ns_fn_jump (f, pts[0], 0, &jump), NS_OK);
  ck_assert (jump == 1);
  ns_fn_free (f);
}
END_TEST

/* ------------------------------------------------------------------ the germ at a reported point */

START_TEST (test_germ_sees_switch_between_doubles)
{
  /* floor(e^x) switches at log k, never a double.  The reported double is
     within an ulp, and the germ there sees floor's unit jump: the double
     stands for the reals that round to it, the switch point among them. */
  double pts[MAXPTS];
  ns_function *f = ns_fn_floor (ns_fn_exp (X));
  size_t n = points (f, -3, 5, pts);
  long double first = ceill (expl (-3.0L));
  ck_assert_int_eq ((int) n, (int) (floorl (expl (5.0L)) - first + 1));
  for (size_t i = 0; i < n; i++)
    {
      long double want = logl (first + i);
      double jump;
      ck_assert_msg (ulps_off (pts[i], want) <= 1, "%.17g vs %.21Lg", pts[i], want);
      ck_assert_int_eq (ns_fn_jump (f, pts[i], 0, &jump), NS_OK);
      ck_assert_msg (jump == 1, "at %.17g (log %Lg): jump %g", pts[i], first + i, jump);
    }
  /* Three ulps away from log 8, e^x is 8 + 1.1e-14, well clear of its
     rounding: no switch there. */
  double x8 = (double) logl (8), jump;
  for (int side = -1; side <= 1; side += 2)
    {
      double x = x8;
      for (int i = 0; i < 3; i++)
        x = nextafter (x, side * HUGE_VAL);
      ck_assert_int_eq (ns_fn_jump (f, x, 0, &jump), NS_OK);
      ck_assert_msg (jump == 0, "at %.17g: jump %g", x, jump);
    }
  ns_fn_free (f);
  /* max(sin x, cos x): f' jumps by |cos x + sin x| = sqrt(2) where
     sin = cos; relu(sin x - 1/2): by |cos x| = sqrt(3)/2 where sin = 1/2. */
  f = ns_fn_max (ns_fn_sin (X), ns_fn_cos (X));
  n = points (f, -10, 10, pts);
  ck_assert_int_eq ((int) n, 6);
  for (size_t i = 0; i < n; i++)
    {
      ck_assert_int_eq (ns_fn_jump (f, pts[i], 1, &jump), NS_OK);
      ck_assert_msg (fabs (jump - sqrt (2.0)) < 1e-14, "at %.17g: %.17g", pts[i], jump);
    }
  ns_fn_free (f);
  f = ns_fn_relu (ns_fn_sub (ns_fn_sin (X), C (0.5)));
  n = points (f, -10, 10, pts);
  ck_assert_int_eq ((int) n, 7);
  for (size_t i = 0; i < n; i++)
    {
      ck_assert_int_eq (ns_fn_jump (f, pts[i], 1, &jump), NS_OK);
      ck_assert_msg (fabs (fabs (jump) - sqrt (3.0) / 2) < 1e-14, "at %.17g: %.17g", pts[i], jump);
    }
  ns_fn_free (f);
}
END_TEST

START_TEST (test_germ_stays_sharp_at_doubles)
{
  /* A switch point that is a double keeps its neighbours off the switch:
     half an ulp of uncertainty in x does not reach the next double. */
  ns_function *f = ns_fn_relu (ns_fn_sub (X, C (1)));
  double d;
  ck_assert_int_eq (ns_fn_deriv (f, 1 + DBL_EPSILON, 1, &d), NS_OK);
  ck_assert (d == 1);
  ck_assert_int_eq (ns_fn_deriv (f, nextafter (1, 0), 1, &d), NS_OK);
  ck_assert (d == 0);
  ck_assert_int_eq (ns_fn_deriv (f, 1, 1, &d), NS_UNDEFINED);
  ns_fn_free (f);
  /* max(x, x^2) one double left of 0 is on the x^2 branch: no jump of f'. */
  f = ns_fn_max (X, ns_fn_pow (X, 2));
  double jump;
  ck_assert_int_eq (ns_fn_jump (f, -0x1p-54, 1, &jump), NS_OK);
  ck_assert (jump == 0);
  ck_assert_int_eq (ns_fn_jump (f, nextafter (0, -1), 1, &jump), NS_OK);
  ck_assert (jump == 0);
  ns_fn_free (f);
  f = ns_fn_floor (X);
  ck_assert_int_eq (ns_fn_jump (f, nextafter (3, 4), 0, &jump), NS_OK);
  ck_assert (jump == 0);
  ck_assert_int_eq (ns_fn_jump (f, 3, 0, &jump), NS_OK);
  ck_assert (jump == 1);
  ns_fn_free (f);
}
END_TEST

/* ------------------------------------------------------------------ pairings with deltas at the points */

typedef struct bump_piece {
  long double c, r;
  int weight;              /* phi (0), 2x phi' (1), phi' (2) */
} bump_piece;

static long double
bump_integrand (long double x, long double da, long double db, const void *data)
{
  (void) da;
  (void) db;
  const bump_piece *p = data;
  switch (p->weight)
    {
    case 0:
      return ref_bump (p->c, p->r, x);
    case 1:
      return 2 * x * ref_bump_d1 (p->c, p->r, x);
    default:
      return ref_bump_d1 (p->c, p->r, x);
    }
}

static long double
quad_piece (long double c, long double r, int weight, long double a, long double b)
{
  bump_piece p = { c, r, weight };
  return ref_quad (bump_integrand, &p, a, b);
}

static void
check_pairings (const ns_dist *t, const ns_testfn *phi, long double ref, const char *name)
{
  ns_pair_result ra, rb;
  ck_assert_int_eq (ns_dist_pair (t, phi, NULL, &ra), NS_OK);
  ck_assert_int_eq (ns_dist_pair_weak (t, phi, NULL, &rb), NS_OK);
  /* Each estimate contains its true error (the reference is good to
     ~1e-18); the two routes then agree within the sum. */
  long double slack = 1e-17L * (1 + fabsl (ref));
  ck_assert_msg (fabsl (ra.val - ref) <= ra.err + slack, "%s exact route: %.17g +- %.3g, ref %.20Lg",
                 name, ra.val, ra.err, ref);
  ck_assert_msg (fabsl (rb.val - ref) <= rb.err + slack, "%s weak route: %.17g +- %.3g, ref %.20Lg",
                 name, rb.val, rb.err, ref);
  ck_assert (fabs (ra.val - rb.val) <= ra.err + rb.err + 2 * slack);
}

START_TEST (test_pair_max_x_x2)
{
  /* f = max(x, x^2): x^2 on [-0.8, 0], x on [0, 1], x^2 on [1, 1.6]; f
     continuous, f'' = 2, 0, 2 there, [f'](0) = 1 - 0, [f'](1) = 2 - 1, so
       <D^2 T_f, phi> = 2 int_{-0.8}^0 phi + 2 int_1^1.6 phi + phi(0) + phi(1),
     and, one derivative moved,
       <D^2 T_f, phi> = -<f', phi'> = -(int_{-0.8}^0 2x phi' + int_0^1 phi'
                                        + int_1^1.6 2x phi').
     phi = the bump of centre 0.4, radius 1.2, support [-0.8, 1.6]. */
  const long double c = 0.4L, r = 1.2L, lo = c - r, hi = c + r;
  long double ref1 = 2 * quad_piece (c, r, 0, lo, 0) + 2 * quad_piece (c, r, 0, 1, hi)
                     + ref_bump (c, r, 0) + ref_bump (c, r, 1);
  long double ref2 = -(quad_piece (c, r, 1, lo, 0) + quad_piece (c, r, 2, 0, 1)
                       + quad_piece (c, r, 1, 1, hi));
  ck_assert_msg (fabsl (ref1 - ref2) < 1e-17L, "%.20Lg vs %.20Lg", ref1, ref2);
  ns_function *f = ns_fn_max (X, ns_fn_pow (X, 2));
  ns_dist *t, *d2;
  ns_testfn *phi;
  ck_assert_int_eq (ns_dist_regular (f, &t), NS_OK);
  ck_assert_int_eq (ns_dist_deriv (t, 2, &d2), NS_OK);
  ck_assert_int_eq (ns_testfn_bump_alloc (0.4, 1.2, &phi), NS_OK);
  check_pairings (d2, phi, ref1, "D^2 max(x, x^2)");
  /* The delta at 0 is phi(0) = e^(-1/(1 - 1/9)) = 0.3247: lose it and
     the exact route is off by that much. */
  ck_assert (ref_bump (c, r, 0) > 0.3L);
  ns_testfn_free (phi);
  ns_dist_free (d2);
  ns_dist_free (t);
  ns_fn_free (f);
}
END_TEST

START_TEST (test_pair_floor_exp)
{
  /* floor(e^x) is constant between the points log k, where it steps up by
     1: <D T_f, phi> = sum_k phi(log k).  Every delta sits at a root
     between doubles. */
  static const double cases[][2] = { { 2.5, 0.6 }, { 3.5, 0.9 }, { 0.3, 1.1 } };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      long double c = cases[i][0], r = cases[i][1], ref = 0;
      for (long k = 1; logl ((long double) k) < c + r; k++)
        ref += ref_bump (c, r, logl ((long double) k));
      ns_function *f = ns_fn_floor (ns_fn_exp (X));
      ns_dist *t, *d1;
      ns_testfn *phi;
      ck_assert_int_eq (ns_dist_regular (f, &t), NS_OK);
      ck_assert_int_eq (ns_dist_deriv (t, 1, &d1), NS_OK);
      ck_assert_int_eq (ns_testfn_bump_alloc (cases[i][0], cases[i][1], &phi), NS_OK);
      check_pairings (d1, phi, ref, "D floor(e^x)");
      ns_testfn_free (phi);
      ns_dist_free (d1);
      ns_dist_free (t);
      ns_fn_free (f);
    }
}
END_TEST

/* ------------------------------------------------------------------ correctly rounded points */

/* pi to 36 digits: a long double holds 64 bits of it. */
#define PI_L 3.14159265358979323846264338327950288L

/* Is X the double nearest the real R, R known to a relative 2^-60 (long
   double closed forms)?  Half an ulp plus the reference's own error. */
static int
nearest_lr (double x, long double r)
{
  double next = nextafter (x, r > x ? HUGE_VAL : -HUGE_VAL);
  long double half = 0.5L * fabsl ((long double) next - x);
  return fabsl (r - x) <= half + fabsl (r) * 0x1p-60L;
}

/* Switches of heaviside(cos(k x)) at (m + 1/2) pi / k and of
   heaviside(sin(k x)) at m pi / k: the argument k x is rounded in
   doubles (error up to 1e-13 at k x ~ 1e3, several ulps of x), so only
   the certified finish makes every point the nearest double. */
static const struct {
  const char *f;
  int is_cos;
  double k, a, b;
} trig_sweep[] = {
  { "heaviside(cos(x))", 1, 1, -1000, 1000 },
  { "heaviside(cos(5*x))", 1, 5, -300, 300 },
  { "heaviside(cos(7*x))", 1, 7, -200, 200 },
  { "heaviside(cos(1000*x))", 1, 1000, -1, 1 },
  { "heaviside(sin(3*x))", 0, 3, -500, 500 },
  { "heaviside(sin(10*x))", 0, 10, -100, 100 },
  { "heaviside(sin(x))", 0, 1, 1e6, 1.001e6 },
  { "heaviside(cos(x))", 1, 1, -1.001e6, -1e6 },
};

START_TEST (test_round_trig)
{
  static double pts[MAXPTS];
  double k = trig_sweep[_i].k, a = trig_sweep[_i].a, b = trig_sweep[_i].b;
  long double off = trig_sweep[_i].is_cos ? 0.5L : 0;
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse (trig_sweep[_i].f, &f, NULL), NS_OK);
  size_t n = points (f, a, b, pts);
  /* The roots (m + off) pi / k in [a, b] (no range end is near one). */
  long m0 = (long) ceill (a * k / PI_L - off), m1 = (long) floorl (b * k / PI_L - off);
  ck_assert_msg ((long) n == m1 - m0 + 1, "%s on [%g, %g]: %zu points, want %ld",
                 trig_sweep[_i].f, a, b, n, m1 - m0 + 1);
  for (size_t j = 0; j < n; j++)
    {
      long double r = (m0 + (long) j + off) * PI_L / k;
      ck_assert_msg (nearest_lr (pts[j], r), "%s: point %zu: %.17g, want %.21Lg",
                     trig_sweep[_i].f, j, pts[j], r);
    }
  ns_fn_free (f);
}
END_TEST

/* floor(e^x) switches at log n: on [0.5, 7], n = 2 .. 1096 (e^7 =
   1096.6). */
START_TEST (test_round_exp)
{
  static double pts[MAXPTS];
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse ("floor(exp(x))", &f, NULL), NS_OK);
  size_t n = points (f, 0.5, 7, pts);
  ck_assert_int_eq ((int) n, 1095);
  for (size_t j = 0; j < n; j++)
    ck_assert_msg (nearest_lr (pts[j], logl ((long double) (j + 2))),
                   "floor(exp(x)): point %zu: %.17g, want log %zu", j, pts[j], j + 2);
  ns_fn_free (f);
}
END_TEST

/* floor(x - cos x) switches where x - cos x = n; the nearest doubles of
   the roots for n = -40 .. 40 are from tests/bp_round_refs.py (mpmath, 60
   digits, each root checked to be far from a midpoint of doubles). */
static const struct {
  int n;
  double root;
} x_cos_refs[] = {
  { -40, -0x1.47e983f5698a1p+5 },
  { -39, -0x1.3088ee7bb11f6p+5 },
  { -38, -0x1.292f2e4a403fep+5 },
  { -37, -0x1.249216df38e47p+5 },
  { -36, -0x1.208359985498bp+5 },
  { -35, -0x1.1c62a00040ec7p+5 },
  { -34, -0x1.1772c85288088p+5 },
  { -33, -0x1.0b58c3aa7bfd4p+5 },
  { -32, -0x1.f0fde4dbea76ep+4 },
  { -31, -0x1.e709578070988p+4 },
  { -30, -0x1.dec2fc3f7e8bfp+4 },
  { -29, -0x1.d6a81b91d9d87p+4 },
  { -28, -0x1.cd7bea94e8d9bp+4 },
  { -27, -0x1.bf26536ae1816p+4 },
  { -26, -0x1.901fee3cd26fap+4 },
  { -25, -0x1.850cea037b309p+4 },
  { -24, -0x1.7c827c0a580fep+4 },
  { -23, -0x1.74772b7b77274p+4 },
  { -22, -0x1.6bc4acd09c102p+4 },
  { -21, -0x1.5fffd74879905p+4 },
  { -20, -0x1.3036d97281baep+4 },
  { -19, -0x1.233c83caed5cap+4 },
  { -18, -0x1.1a4b568d8a451p+4 },
  { -17, -0x1.1239f8c8e0511p+4 },
  { -16, -0x1.09d9852860919p+4 },
  { -15, -0x1.feef4c2a10d9ap+3 },
  { -14, -0x1.a5f1e17ca2361p+3 },
  { -13, -0x1.8359a5e9c172ep+3 },
  { -12, -0x1.7049026332ba1p+3 },
  { -11, -0x1.5feddf4e59568p+3 },
  { -10, -0x1.4f95356d90644p+3 },
  { -9, -0x1.3c8fe94779f32p+3 },
  { -8, -0x1.1a6f0fc28cae6p+3 },
  { -7, -0x1.82042c685f55cp+2 },
  { -6, -0x1.585a12abbc5d5p+2 },
  { -5, -0x1.36cff7c040317p+2 },
  { -4, -0x1.168c91e5ed3b4p+2 },
  { -3, -0x1.e5ae86abe1c29p+1 },
  { -2, -0x1.7e7f989d88392p+1 },
  { -1, 0x0.0p+0 },
  { 0, 0x1.7a695dd83ce2ep-1 },
  { 1, 0x1.488ec9388b63dp+0 },
  { 2, 0x1.c946553a6de64p+0 },
  { 3, 0x1.28e1c9e6ef1c6p+1 },
  { 4, 0x1.8120795963784p+1 },
  { 5, 0x1.7c528eade3849p+2 },
  { 6, 0x1.b622438a8fc97p+2 },
  { 7, 0x1.dae575d949f81p+2 },
  { 8, 0x1.fb545975a0462p+2 },
  { 9, 0x1.0e33908148269p+3 },
  { 10, 0x1.220e92eeb03e6p+3 },
  { 11, 0x1.696b62a064cd2p+3 },
  { 12, 0x1.9dde65bde7b3fp+3 },
  { 13, 0x1.b1ab7f1b5139cp+3 },
  { 14, 0x1.c2319d881f555p+3 },
  { 15, 0x1.d26acb3dbb6fcp+3 },
  { 16, 0x1.e4d5b82a8bce6p+3 },
  { 17, 0x1.00fe126800750p+4 },
  { 18, 0x1.2fd797d1d34a7p+4 },
  { 19, 0x1.3ad46cc9cda23p+4 },
  { 20, 0x1.4359af1d1b413p+4 },
  { 21, 0x1.4b65556d4a409p+4 },
  { 22, 0x1.541e23e700852p+4 },
  { 23, 0x1.60002971b43cdp+4 },
  { 24, 0x1.8fd63a18bebc8p+4 },
  { 25, 0x1.9ca815bf1db71p+4 },
  { 26, 0x1.a5919b8320484p+4 },
  { 27, 0x1.ada1f62853b74p+4 },
  { 28, 0x1.b606977120f2fp+4 },
  { 29, 0x1.c079e51eb59d5p+4 },
  { 30, 0x1.ed64ceea4e49fp+4 },
  { 31, 0x1.fe3ca43a5ae28p+4 },
  { 32, 0x1.03dcd844c63c5p+5 },
  { 33, 0x1.07f2677daba39p+5 },
  { 34, 0x1.0c09d1a14eb50p+5 },
  { 35, 0x1.10d0d974441dbp+5 },
  { 36, 0x1.19967a99cee5fp+5 },
  { 37, 0x1.2fb81795ba28ap+5 },
  { 38, 0x1.34e4c31170e14p+5 },
  { 39, 0x1.3913f7074cc3ap+5 },
  { 40, 0x1.3d1cead078624p+5 },
};

START_TEST (test_round_x_minus_cos)
{
  static double pts[MAXPTS];
  size_t nr = sizeof x_cos_refs / sizeof *x_cos_refs;
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse ("floor(x - cos(x))", &f, NULL), NS_OK);
  /* Neighbouring roots are at least 1/2 apart (the slope is at most 2). */
  size_t n = points (f, x_cos_refs[0].root - 1e-9, x_cos_refs[nr - 1].root + 1e-9, pts);
  ck_assert_int_eq ((int) n, (int) nr);
  for (size_t j = 0; j < n; j++)
    ck_assert_msg (pts[j] == x_cos_refs[j].root, "x - cos x = %d: %a, want %a",
                   x_cos_refs[j].n, pts[j], x_cos_refs[j].root);
  ns_fn_free (f);
}
END_TEST

/* The case that exposed the double search: cos x and cos 5x vanish
   together at -133 pi / 2, and the two searches returned two doubles 2
   ulps apart; now both give the nearest double, hence one point. */
START_TEST (test_round_coincident)
{
  double pts[MAXPTS];
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse ("heaviside(cos(5*x)) + relu(cos(x))", &f, NULL), NS_OK);
  long double r = -133 * PI_L / 2;
  size_t n = points (f, -208.95, -208.9, pts);
  ck_assert_int_eq ((int) n, 1);
  ck_assert_msg (nearest_lr (pts[0], r), "%.17g, want %.21Lg", pts[0], r);
  ns_fn_free (f);
}
END_TEST

/* The pairing takes a certified rounded breakpoint within half an ulp,
   not 4: on a bump of radius 1e-9 centred at the point, <D f, phi> =
   phi(root) (a jump of +1: e^x and cos(5x) increase there, sin(-665 pi/2)
   = -1), within a bound below half the 4-ulp term 4 ulp sup |phi'|
   (sup |phi'| < 0.9 / r). */
START_TEST (test_round_pairing)
{
  static const struct {
    const char *f;
    double c;
    long double root;
  } cases[] = {
    { "floor(exp(x))", 1.0986122886681098, 0 },
    { "heaviside(cos(5*x))", -208.91591146372124, -133 * PI_L / 2 },
  };
  for (int i = 0; i < 2; i++)
    {
      long double root = i == 0 ? logl (3) : cases[i].root;
      double c = cases[i].c, r = 1e-9;
      ns_function *f = NULL;
      ns_dist *t, *d1;
      ns_testfn *phi;
      ns_pair_result pr;
      ck_assert_int_eq (ns_fn_parse (cases[i].f, &f, NULL), NS_OK);
      ck_assert_int_eq (ns_dist_regular (f, &t), NS_OK);
      ck_assert_int_eq (ns_dist_deriv (t, 1, &d1), NS_OK);
      ck_assert_int_eq (ns_testfn_bump_alloc (c, r, &phi), NS_OK);
      ck_assert_int_eq (ns_dist_pair (d1, phi, NULL, &pr), NS_OK);
      long double ref = ref_bump (c, r, root);
      double ulp = nextafter (fabs (c), HUGE_VAL) - fabs (c);
      ck_assert_msg (fabsl (pr.val - ref) <= pr.err, "%s: %.17g +- %.3g, want %.21Lg",
                     cases[i].f, pr.val, pr.err, ref);
      ck_assert_msg (pr.err < 2 * ulp * 0.9 / r, "%s: bound %.3g", cases[i].f, pr.err);
      ns_testfn_free (phi);
      ns_dist_free (d1);
      ns_dist_free (t);
      ns_fn_free (f);
    }
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("breakpoints");
  TCase *lin = tcase_create ("linear");
  tcase_add_test (lin, test_floor_100x_exact);
  tcase_add_test (lin, test_floor_half_shift_exact);
  tcase_add_test (lin, test_floor_affine_random);
  suite_add_tcase (s, lin);
  TCase *quad = tcase_create ("quadratic");
  tcase_add_test (quad, test_max_x_x2_exact);
  tcase_add_test (quad, test_quadratic_roots);
  tcase_add_test (quad, test_quadratic_random);
  tcase_add_test (quad, test_shifted_square_rounded);
  suite_add_tcase (s, quad);
  TCase *gen = tcase_create ("general");
  tcase_add_test (gen, test_general_roots);
  suite_add_tcase (s, gen);
  TCase *germ = tcase_create ("germ");
  tcase_add_test (germ, test_germ_sees_switch_between_doubles);
  tcase_add_test (germ, test_germ_stays_sharp_at_doubles);
  suite_add_tcase (s, germ);
  TCase *pair = tcase_create ("pairing");
  tcase_add_test (pair, test_pair_max_x_x2);
  tcase_add_test (pair, test_pair_floor_exp);
  suite_add_tcase (s, pair);
  TCase *round = tcase_create ("rounded");
  tcase_add_loop_test (round, test_round_trig, 0, (int) (sizeof trig_sweep / sizeof *trig_sweep));
  tcase_add_test (round, test_round_exp);
  tcase_add_test (round, test_round_x_minus_cos);
  tcase_add_test (round, test_round_coincident);
  tcase_add_test (round, test_round_pairing);
  tcase_set_timeout (round, 120);
  suite_add_tcase (s, round);
  return s;
}
