/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_testfn.c: the test-function module: the P_n recurrence by hand
   and against an independent recurrence in t, derivatives against
   references in quadruple precision and against finite differences, the
   error bounds, the edges of the support, far/narrow/wide bumps, the
   closed-form integral against tanh-sinh quadrature, the mollifier, the
   plateau, user test functions, bad input, and a seeded random test. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_bessel.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

/* ------------------------------------------------------------ reference */

/* The reference works in quadruple precision where the compiler has it:
   integer polynomial coefficients below 2^113 are exact, and so is
   (1-t)(1+t) for a double t (a 106-bit product). */
#ifdef __SIZEOF_FLOAT128__
__extension__ typedef __float128 qreal;
#define QREAL_EPS 1.925929944387235853055977942584927319e-34L /* 2^-112 */
#else
typedef long double qreal;
#define QREAL_EPS LDBL_EPSILON
#endif

#define REF_MAXN (NS_TESTFN_MAX_ORDER + 1)
#define REF_MAXDEG (3 * REF_MAXN + 1)

/* Coefficients of P_n in powers of t, from the recurrence derived by
   differentiating P_n(t) (1-t^2)^(-2n) phi(t) once, in the form
     P_{n+1} = (1 - 2t^2 + t^4) P_n' + ((4n - 2) t - 4n t^3) P_n
   (in t, not in s = 1 - t^2 as the library does), so the two share no
   code and no algebra beyond the derivative. */
static void
ref_poly_coeffs (qreal c[REF_MAXN + 1][REF_MAXDEG + 1])
{
  memset (c, 0, sizeof (qreal) * (REF_MAXN + 1) * (REF_MAXDEG + 1));
  c[0][0] = 1;
  for (int n = 0; n < REF_MAXN; n++)
    for (int i = 0; i + 4 <= REF_MAXDEG; i++)
      {
        qreal p = c[n][i];
        if (p == 0)
          continue;
        /* (1 - 2t^2 + t^4) * i p t^(i-1) */
        if (i >= 1)
          {
            c[n + 1][i - 1] += i * p;
            c[n + 1][i + 1] += -2 * i * p;
            c[n + 1][i + 3] += i * p;
          }
        c[n + 1][i + 1] += (4 * n - 2) * p;
        c[n + 1][i + 3] += -4 * n * p;
      }
}

/* phi^(n)_{c,r} at c + r t, with a bound on the reference's own error. */
static void
ref_phi (int n, long double t, double r, long double *val, long double *err)
{
  static qreal coef[REF_MAXN + 1][REF_MAXDEG + 1];
  static int ready = 0;  /* test-only cache; tests run in one thread */
  if (!ready)
    {
      ref_poly_coeffs (coef);
      ready = 1;
    }
  if (!(fabsl (t) < 1))
    {
      *val = 0;
      *err = 0;
      return;
    }
  qreal tq = t, p = 0, a = 0, at = fabsl (t);
  for (int i = REF_MAXDEG; i >= 0; i--)
    {
      p = p * tq + coef[n][i];
      a = a * at + (coef[n][i] < 0 ? -coef[n][i] : coef[n][i]);
    }
  /* Exact for a double t (106-bit product); for a long double t the
     product's rounding, 2^-113 relative, is far below everything else. */
  qreal sq = (1 - tq) * (1 + tq);
  long double s = (long double) sq;
  long double lr = logl ((long double) r);
  long double l = -2.0L * n * logl (s) - 1 / s - n * lr;
  long double env = expl (l);
  *val = (long double) p * env;
  /* Horner in quad: 2 deg u_q sum |c_i| |t|^i; the exponent in long double:
     each of log, exp, the division and the sums within 4 ulp. */
  long double lerr = 8 * LDBL_EPSILON * (2.0L * n * fabsl (logl (s)) + 1 / s + n * fabsl (lr) + 1);
  *err = (long double) (2 * REF_MAXDEG * QREAL_EPS * a) * env + fabsl (*val) * (expm1l (lerr) + 4 * LDBL_EPSILON)
         + 2 * LDBL_TRUE_MIN;
}

/* The slack of the comparisons below: the bound of the value under test
   plus the reference's own bound; no other factor. */
static int
within (ns_result r, long double ref, long double ref_err)
{
  return fabsl ((long double) r.val - ref) <= (long double) r.err + ref_err;
}

/* ------------------------------------------------------------ core: P_n */

START_TEST (test_poly_by_hand)
{
  /* phi' = -2t/(1-t^2)^2 phi, so P_1 = -2t.  Differentiating again,
     phi'' = (1-t^2)^-4 phi [-2(1-t^2)^2 - 8t^2(1-t^2) + 4t^2], so
     P_2 = 6t^4 - 2.  Once more, P_3 = (1-t^2)^2 P_2' + (8t(1-t^2) - 2t) P_2
     = -12t + 40t^3 - 12t^5 - 24t^7. */
  const double ts[] = { -0.75, -0.5, 0.0, 0.125, 0.3, 0.5, 0.9, 1.0, 2.385 };
  for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++)
    {
      double t = ts[i];
      ns_result p;
      ck_assert_int_eq (ns_testfn_bump_poly (0, t, &p), NS_OK);
      ck_assert (p.val == 1.0 && p.err == 0.0);
      ck_assert_int_eq (ns_testfn_bump_poly (1, t, &p), NS_OK);
      ck_assert_msg (fabs (p.val - (-2 * t)) <= p.err + 2 * DBL_EPSILON * fabs (t),
                     "P_1(%g) = %.17g", t, p.val);
      ck_assert_int_eq (ns_testfn_bump_poly (2, t, &p), NS_OK);
      long double t2 = (long double) t * t;
      long double p2 = 6 * t2 * t2 - 2;
      ck_assert_msg (fabsl (p.val - p2) <= p.err + 1e-18L * fabsl (p2) + 1e-18L,
                     "P_2(%g) = %.17g, want %.17Lg", t, p.val, p2);
      ck_assert_int_eq (ns_testfn_bump_poly (3, t, &p), NS_OK);
      long double tl = t;
      long double p3 = tl * (-12 + t2 * (40 + t2 * (-12 - 24 * t2)));
      ck_assert_msg (fabsl (p.val - p3) <= p.err + 1e-17L * (1 + fabsl (p3)),
                     "P_3(%g) = %.17g, want %.17Lg", t, p.val, p3);
    }
  /* P_n(1) = (-2)^n: at t = 1 the recurrence reduces to P_{n+1} = -2 P_n. */
  for (int n = 0; n <= NS_TESTFN_MAX_ORDER + 1; n++)
    {
      ns_result p;
      ck_assert_int_eq (ns_testfn_bump_poly (n, 1.0, &p), NS_OK);
      ck_assert_msg (p.val == ldexp (n % 2 ? -1.0 : 1.0, n), "P_%d(1) = %g", n, p.val);
    }
}
END_TEST

START_TEST (test_poly_against_t_recurrence)
{
  /* Independent recurrence in t (ref_poly_coeffs), evaluated in quad. */
  static qreal coef[REF_MAXN + 1][REF_MAXDEG + 1];
  ref_poly_coeffs (coef);
  double worst = 0;
  for (int n = 0; n <= NS_TESTFN_MAX_ORDER + 1; n++)
    for (int k = -64; k <= 64; k++)
      {
        double t = k / 64.0 + (k % 3 == 0 ? 0.00385 : 0.0);
        qreal p = 0, a = 0;
        for (int i = REF_MAXDEG; i >= 0; i--)
          {
            p = p * (qreal) t + coef[n][i];
            a = a * (qreal) fabs (t) + (coef[n][i] < 0 ? -coef[n][i] : coef[n][i]);
          }
        long double ref_err = (long double) (2 * REF_MAXDEG * QREAL_EPS * a);
        ns_result r;
        ck_assert_int_eq (ns_testfn_bump_poly (n, t, &r), NS_OK);
        long double diff = fabsl ((long double) r.val - (long double) p);
        ck_assert_msg (diff <= (long double) r.err + ref_err,
                       "P_%d(%.17g) = %.17g +- %g, reference %.17Lg", n, t, r.val, r.err,
                       (long double) p);
        if (r.err > 0 && (double) diff / r.err > worst)
          worst = (double) diff / r.err;
      }
  /* The bound is not vacuous: somewhere the error is a visible fraction
     of it (an error bound 1e6 times too large would fail here). */
  ck_assert_msg (worst > 1e-6, "largest error/bound ratio %g", worst);
}
END_TEST

/* ------------------------------------------------ core: derivatives */

START_TEST (test_derivatives_against_reference)
{
  const double rs[] = { 1.0, 0.25, 3.0 };
  double worst = 0;
  for (size_t ir = 0; ir < 3; ir++)
    {
      ns_testfn *phi;
      ck_assert_int_eq (ns_testfn_bump_alloc (0.0, rs[ir], &phi), NS_OK);
      for (int n = 0; n <= NS_TESTFN_MAX_ORDER; n++)
        for (int k = -200; k <= 200; k++)
          {
            double t = k / 200.0 * 0.99951;
            ns_result v;
            ck_assert_int_eq (ns_testfn_eval_t (phi, n, t, &v), NS_OK);
            long double ref, ref_err;
            ref_phi (n, t, rs[ir], &ref, &ref_err);
            ck_assert (isfinite (v.val) && isfinite (v.err) && v.err >= 0);
            ck_assert_msg (within (v, ref, ref_err),
                           "r=%g n=%d t=%.17g: %.17g +- %g, reference %.17Lg +- %Lg",
                           rs[ir], n, t, v.val, v.err, ref, ref_err);
            if (v.err > 0)
              {
                double ratio = (double) (fabsl ((long double) v.val - ref) / v.err);
                if (ratio > worst)
                  worst = ratio;
              }
          }
      ns_testfn_free (phi);
    }
  ck_assert_msg (worst > 1e-6 && worst <= 1, "largest error/bound ratio %g", worst);
}
END_TEST

/* The plain evaluation (one exp, no logarithm) serves 1/(1-t^2) <= 700 and
   hands over to the logarithms beyond: on both sides of the hand-over, on
   radii whose r^-n leaves the double range, and at the centre, every value
   is within its bound of the quad-precision reference; for phi itself
   (n = 0) the bound is also tight: at most 16 (1/(1-t^2) + 2) u |phi|,
   the rounding of 1/s, exp and three products with a margin. */
START_TEST (test_plain_evaluation_bounds)
{
  /* 3e19: r^-16 is subnormal while the value, r^-16 times up to 1e37,
     is normal. */
  const double rs[] = { 1e-20, 1e-3, 1.0, 7.0, 1e5, 3e19 };
  const double u = DBL_EPSILON / 2;
  double t_switch = sqrt (1 - 1 / 700.0), worst = 0;
  for (size_t ir = 0; ir < sizeof rs / sizeof rs[0]; ir++)
    {
      ns_testfn *phi;
      ck_assert_int_eq (ns_testfn_bump_alloc (0.0, rs[ir], &phi), NS_OK);
      for (int n = 0; n <= NS_TESTFN_MAX_ORDER; n++)
        for (int k = -60; k <= 60; k++)
          {
            double t;
            if (k < -20)       /* a few hundred ulps around the hand-over */
              t = t_switch + (k + 40) * 16 * DBL_EPSILON;
            else if (k > 20)
              t = -t_switch - (k - 40) * 16 * DBL_EPSILON;
            else if (k == 20)  /* 1/s = 32: phi^(16) near its largest */
              t = sqrt (31.0 / 32);
            else
              t = k / 20.0 * 0.9987;
            ns_result v;
            ns_status st = ns_testfn_eval_t (phi, n, t, &v);
            long double ref, ref_err;
            ref_phi (n, t, rs[ir], &ref, &ref_err);
            if (st == NS_ELIMIT)
              {
                /* Refused only where the value leaves the double range. */
                ck_assert_msg (fabsl (ref) > 1e300L, "r=%g n=%d t=%.17g refused, reference %Lg",
                               rs[ir], n, t, ref);
                continue;
              }
            ck_assert_int_eq (st, NS_OK);
            ck_assert (isfinite (v.val) && isfinite (v.err) && v.err >= 0);
            ck_assert_msg (within (v, ref, ref_err),
                           "r=%g n=%d t=%.17g: %.17g +- %g, reference %.17Lg +- %Lg",
                           rs[ir], n, t, v.val, v.err, ref, ref_err);
            if (v.err > 0 && v.err > 1e3 * (double) ref_err)
              {
                double ratio = (double) (fabsl ((long double) v.val - ref) / v.err);
                if (ratio > worst)
                  worst = ratio;
              }
            if (n == 0 && fabs (t) < 1)
              {
                double q = 1 / ((1 - t) * (1 + t));
                ck_assert_msg (v.err <= 16 * (q + 2) * u * fabs (v.val) + 2 * DBL_TRUE_MIN,
                               "r=%g t=%.17g: bound %g on %g is loose", rs[ir], t, v.err,
                               v.val);
              }
          }
      ns_testfn_free (phi);
    }
  ck_assert_msg (worst > 1e-4 && worst <= 1, "largest error/bound ratio %g", worst);
}
END_TEST

/* Central differences of order n-1 against order n, at interior points,
   two ways: step h and Richardson's (4 D(h/2) - D(h)) / 3.  The truncation
   of D(h) is h^2/6 |phi^(n+2)|; with h = 2^-9 that is below 1e-6 of the
   sup of |phi^(n)| for n <= 10 (phi^(n+2) is at most ~(2n)^2 times larger). */
#define FD_TOL 1e-5

START_TEST (test_derivatives_finite_differences)
{
  ns_testfn *phi;
  ck_assert_int_eq (ns_testfn_bump_alloc (0.0, 1.0, &phi), NS_OK);
  const double ts[] = { -0.6, -0.3, 0.1, 0.45, 0.7 };
  for (int n = 1; n <= 10; n++)
    {
      /* Scale: the largest |phi^(n)| on a grid. */
      double sup = 0;
      for (int k = -100; k <= 100; k++)
        {
          ns_result v;
          ns_testfn_eval_t (phi, n, k / 101.0, &v);
          sup = fmax (sup, fabs (v.val));
        }
      for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++)
        {
          double t = ts[i], h = ldexp (1.0, -9);
          ns_result a, b, c, d, exact;
          ns_testfn_eval_t (phi, n - 1, t + h, &a);
          ns_testfn_eval_t (phi, n - 1, t - h, &b);
          ns_testfn_eval_t (phi, n - 1, t + h / 2, &c);
          ns_testfn_eval_t (phi, n - 1, t - h / 2, &d);
          ns_testfn_eval_t (phi, n, t, &exact);
          double d1 = (a.val - b.val) / (2 * h);
          double d2 = (c.val - d.val) / h;
          double rich = (4 * d2 - d1) / 3;
          ck_assert_msg (fabs (d2 - exact.val) <= 1e-3 * sup,
                         "n=%d t=%g: central %.12g vs %.12g", n, t, d2, exact.val);
          ck_assert_msg (fabs (rich - exact.val) <= FD_TOL * sup,
                         "n=%d t=%g: Richardson %.12g vs %.12g (sup %g)", n, t, rich,
                         exact.val, sup);
          /* Richardson must improve on the plain difference. */
          ck_assert (fabs (rich - exact.val) <= fabs (d2 - exact.val) + 1e-12 * sup);
        }
    }
  ns_testfn_free (phi);
}
END_TEST

START_TEST (test_x_and_t_agree)
{
  /* The x form rounds t = (x - c)/r; its bound must cover that, which
     matters most near the ends (the derivative of phi^(n) in t grows like
     (1-t^2)^-2).  Reference at the exact t of the double x: x - c is exact
     in double for these x (Sterbenz, or c = 0), the division in long double
     rounds by 2^-64 |t|, propagated below through the reference's own
     phi^(n+1). */
  const double cs[] = { 0.0, 1e6, -3.5, 1e6 }, rs[] = { 1.0, 1e-8, 1e8, 0.3 };
  const double ts[] = { -0.9877, -0.5123, 0.0123, 0.3123, 0.7123, 0.99871, 0.99911, -0.99893 };
  for (int ic = 0; ic < 4; ic++)
    {
      ns_testfn *phi;
      ck_assert_int_eq (ns_testfn_bump_alloc (cs[ic], rs[ic], &phi), NS_OK);
      for (int n = 0; n <= NS_TESTFN_MAX_ORDER; n++)
        for (size_t k = 0; k < sizeof ts / sizeof ts[0]; k++)
          {
            double x = cs[ic] + rs[ic] * ts[k];
            long double tl = ((long double) x - cs[ic]) / rs[ic];
            ns_result v;
            ck_assert_int_eq (ns_testfn_eval (phi, n, x, &v), NS_OK);
            ck_assert (isfinite (v.val) && isfinite (v.err));
            long double ref, ref_err, d, d_err;
            ref_phi (n, tl, rs[ic], &ref, &ref_err);
            ref_phi (n + 1, tl, rs[ic], &d, &d_err);
            ref_err += 2 * (fabsl (d) + d_err) * rs[ic] * fabsl (tl) * LDBL_EPSILON;
            ck_assert_msg (within (v, ref, ref_err),
                           "c=%g r=%g n=%d x=%.17g: %.17g +- %g vs %.17Lg +- %Lg", cs[ic],
                           rs[ic], n, x, v.val, v.err, ref, ref_err);
          }
      ns_testfn_free (phi);
    }
}
END_TEST

/* --------------------------------------------------------- core: edges */

START_TEST (test_edges_and_far_bumps)
{
  ns_testfn *phi;
  ck_assert_int_eq (ns_testfn_bump_alloc (0.0, 1.0, &phi), NS_OK);
  const double ts[] = { 1 - 1e-300, 1 - DBL_EPSILON / 2, 1 - 1e-10, 1 - 1e-3, 1 - 1.5e-3,
                        1.0, -1.0, 1 + DBL_EPSILON, 1e300, -1e300, INFINITY, -INFINITY };
  for (int n = 0; n <= NS_TESTFN_MAX_ORDER; n++)
    for (size_t i = 0; i < sizeof ts / sizeof ts[0]; i++)
      for (int sgn = -1; sgn <= 1; sgn += 2)
        {
          double t = sgn * ts[i];
          ns_result v;
          ck_assert_int_eq (ns_testfn_eval_t (phi, n, t, &v), NS_OK);
          ck_assert_msg (isfinite (v.val) && isfinite (v.err), "n=%d t=%g", n, t);
          long double ref, ref_err;
          ref_phi (n, t, 1.0, &ref, &ref_err);
          ck_assert_msg (within (v, ref, ref_err), "n=%d t=%.17g: %g +- %g vs %Lg", n, t,
                         v.val, v.err, ref);
          if (!(fabs (t) < 1))
            ck_assert (v.val == 0.0 && v.err == 0.0);
          ck_assert_int_eq (ns_testfn_eval (phi, n, t, &v), NS_OK);
          ck_assert (isfinite (v.val) && isfinite (v.err));
        }
  ns_testfn_free (phi);

  /* Far, narrow and wide bumps: finite values, and at the centre the exact
     phi(c) = e^-1 (relative 4u for exp, plus the bound). */
  const double cs[] = { 1e6, -1e6, 1e6, 0.0, 1e300 }, rs[] = { 1e-8, 1e-8, 1e8, 1e-300, 1e290 };
  for (int i = 0; i < 5; i++)
    {
      ck_assert_int_eq (ns_testfn_bump_alloc (cs[i], rs[i], &phi), NS_OK);
      ns_result v;
      ck_assert_int_eq (ns_testfn_eval (phi, 0, cs[i], &v), NS_OK);
      ck_assert_msg (fabs (v.val - exp (-1.0)) <= v.err + 2 * DBL_EPSILON, "c=%g r=%g: %.17g",
                     cs[i], rs[i], v.val);
      for (int n = 0; n <= NS_TESTFN_MAX_ORDER; n++)
        for (int k = -20; k <= 20; k++)
          {
            double x = cs[i] + rs[i] * (k / 20.0 * 0.97);
            ns_status st = ns_testfn_eval (phi, n, x, &v);
            if (rs[i] < 1e-200 && n > 0)
              {
                /* r^-n overflows: a documented limit, NaN value. */
                ck_assert (st == NS_OK || st == NS_ELIMIT);
                ck_assert (st == NS_OK ? isfinite (v.val) : isnan (v.val));
                continue;
              }
            ck_assert_int_eq (st, NS_OK);
            ck_assert_msg (isfinite (v.val) && isfinite (v.err), "c=%g r=%g n=%d x=%.17g",
                           cs[i], rs[i], n, x);
          }
      ns_testfn_free (phi);
    }
}
END_TEST

/* ------------------------------------------------------ core: integral */

/* Tanh-sinh quadrature of int_{-1}^{1} exp(-1/(1-t^2)) dt in long double:
   t = tanh(pi/2 sinh v), 1 - t^2 = sech^2(pi/2 sinh v) computed directly (no
   cancellation at the ends), trapezoid rule in v with step h on [-5, 5]
   (the integrand is below e^-(10^30) beyond).  The integrand is analytic in
   a strip around the real v axis, so the rule converges exponentially;
   the difference between h and h/2 estimates the error of the h/2 value. */
static long double
tanh_sinh_unit_bump (long double h)
{
  const long double pi2 = 1.5707963267948966192313216916397514L;
  long double sum = 0;
  for (long double v = -5; v <= 5 + h / 2; v += h)
    {
      long double u = pi2 * sinhl (v);
      long double ch = coshl (u);
      long double sech2 = 1 / (ch * ch);
      /* 1/(1-t^2) = cosh^2 u; dt/dv = pi/2 cosh v sech^2 u */
      sum += expl (-ch * ch) * pi2 * coshl (v) * sech2;
    }
  return sum * h;
}

START_TEST (test_integral_closed_form)
{
  long double i1 = tanh_sinh_unit_bump (1.0L / 32), i2 = tanh_sinh_unit_bump (1.0L / 64);
  long double quad_err = fabsl (i1 - i2) + 16 * LDBL_EPSILON * i2;
  ck_assert (quad_err < 1e-17L);
  ns_testfn *phi;
  ck_assert_int_eq (ns_testfn_bump_alloc (0.0, 1.0, &phi), NS_OK);
  ns_result in;
  ck_assert_int_eq (ns_testfn_integral (phi, &in), NS_OK);
  ck_assert_msg (fabsl (in.val - i2) <= in.err + quad_err, "%.17g +- %g vs tanh-sinh %.20Lg",
                 in.val, in.err, i2);
  ck_assert (in.err < 1e-14);
  /* The constant quoted in the design brief for e^-1/2 (K1(1/2) - K0(1/2)),
     0.4439938161680794..., and its half int_0^inf phi_{0,1}. */
  ck_assert (fabs (in.val - 0.4439938161680794) <= in.err + 1e-16);
  ck_assert (fabs (in.val / 2 - 0.2219969080840397) <= in.err / 2 + 1e-16);
  ns_testfn_free (phi);

  /* Scaling: int phi_{c,r} = r int phi_{0,1}. */
  ck_assert_int_eq (ns_testfn_bump_alloc (1e6, 1e-8, &phi), NS_OK);
  ck_assert_int_eq (ns_testfn_integral (phi, &in), NS_OK);
  ck_assert (fabsl (in.val - 1e-8L * i2) <= in.err + 1e-8L * quad_err);
  ns_testfn_free (phi);
}
END_TEST

START_TEST (test_mollifier)
{
  const double eps[] = { 1.0, 0.5, 1e-8, 3e5 };
  long double i2 = tanh_sinh_unit_bump (1.0L / 64);
  for (int i = 0; i < 4; i++)
    {
      ns_testfn *rho, *bump;
      ck_assert_int_eq (ns_testfn_mollifier_alloc (eps[i], &rho), NS_OK);
      ck_assert_int_eq (ns_testfn_bump_alloc (0.0, eps[i], &bump), NS_OK);
      ns_result norm, closed, one;
      ck_assert_int_eq (ns_testfn_normalization (rho, &norm), NS_OK);
      ck_assert_int_eq (ns_testfn_integral (bump, &closed), NS_OK);
      /* qag normalization against the Bessel closed form. */
      ck_assert_msg (fabs (norm.val - closed.val) <= norm.err + closed.err,
                     "eps=%g: qag %.17g +- %g, Bessel %.17g +- %g", eps[i], norm.val, norm.err,
                     closed.val, closed.err);
      ck_assert (norm.err <= 1e-12 * norm.val);
      ck_assert_int_eq (ns_testfn_integral (rho, &one), NS_OK);
      ck_assert (one.val == 1.0);
      /* rho(0) = e^-1 / (eps I), against the tanh-sinh integral. */
      ns_result v;
      ck_assert_int_eq (ns_testfn_eval (rho, 0, 0.0, &v), NS_OK);
      long double want = expl (-1.0L) / (eps[i] * i2);
      ck_assert_msg (fabsl (v.val - want) <= v.err + 1e-17L * want, "%.17g vs %.17Lg", v.val,
                     want);
      /* The t form agrees with the x form. */
      ns_result vt;
      ck_assert_int_eq (ns_testfn_eval_t (rho, 0, 0.0, &vt), NS_OK);
      ck_assert (vt.val == v.val);
      ns_testfn_free (rho);
      ns_testfn_free (bump);
    }
}
END_TEST

/* ------------------------------------------------------- core: plateau */

static double
plateau_value_gsl (double x, void *p)
{
  ns_result v;
  ns_testfn_eval ((const ns_testfn *) p, 0, x, &v);
  return v.val;
}

/* int_{-1}^{tau} exp(-1/(1-x^2)) dx by tanh-sinh in long double on
   [-1, tau]: x = -1 + (tau+1)/2 (1 + tanh u), u = pi/2 sinh v, with
   1 + x = (tau+1)/(1 + e^(-2u)) and 1 - x = (1 - tau) + (tau+1)/(1 + e^(2u))
   computed without cancellation at either end. */
static long double
tanh_sinh_unit_cdf (long double tau, long double h)
{
  const long double pi2 = 1.5707963267948966192313216916397514L;
  long double half = (tau + 1) / 2, sum = 0;
  for (long double v = -5; v <= 5 + h / 2; v += h)
    {
      long double u = pi2 * sinhl (v);
      if (fabsl (u) > 5000)
        continue;  /* the weight sech^2 u is below e^-10000 */
      long double onep = (tau + 1) / (1 + expl (-2 * u));
      long double onem = (1 - tau) + (tau + 1) / (1 + expl (2 * u));
      long double ch = coshl (u);
      sum += expl (-1 / (onep * onem)) * half * pi2 * coshl (v) / (ch * ch);
    }
  return sum * h;
}

START_TEST (test_plateau_against_reference)
{
  /* The plateau's value J(tau)/I and derivatives phi^(n-1)(tau)/(r' I)
     against tanh-sinh and the quad reference, on both transitions. */
  const double a = -0.5, b = 1.25, w = 0.75, rp = w / 2;
  ns_testfn *phi;
  ck_assert_int_eq (ns_testfn_plateau_alloc (a, b, w, &phi), NS_OK);
  long double itot = tanh_sinh_unit_bump (1.0L / 64);
  long double itot_err = fabsl (itot - tanh_sinh_unit_bump (1.0L / 32)) + 16 * LDBL_EPSILON;
  const double fr[] = { 0.0123, 0.2385, 0.5, 0.61, 0.9, 0.999 };
  for (int i = 0; i < 6; i++)
    for (int side = 0; side < 2; side++)
      {
        /* x at fraction fr of the way from the outer end to the plateau. */
        double x = side ? b + w * (1 - fr[i]) : a - w * (1 - fr[i]);
        long double tau = side ? 1 - ((long double) x - b) / rp : 1 + ((long double) x - a) / rp;
        ns_result v;
        ck_assert_int_eq (ns_testfn_eval (phi, 0, x, &v), NS_OK);
        long double j1 = tanh_sinh_unit_cdf (tau, 1.0L / 64), j2 = tanh_sinh_unit_cdf (tau, 1.0L / 32);
        long double ref = j1 / itot;
        long double ref_err = (fabsl (j1 - j2) + 16 * LDBL_EPSILON) / itot + ref * itot_err / itot;
        ck_assert_msg (within (v, ref, ref_err), "side %d tau=%.17Lg: %.17g +- %g vs %.17Lg", side,
                       tau, v.val, v.err, ref);
        for (int n = 1; n <= NS_TESTFN_MAX_ORDER; n++)
          {
            ck_assert_int_eq (ns_testfn_eval (phi, n, x, &v), NS_OK);
            long double d, d_err, e, e_err;
            ref_phi (n - 1, tau, 1.0, &d, &d_err);
            ref_phi (n, tau, 1.0, &e, &e_err);
            /* d^n/dx^n = (sigma/r')^n phi_{0,1}^(n-1)(tau) / I; the long
               double tau of x carries 2^-64 relative. */
            long double scale = powl (1.0L / rp, n) * ((side && n % 2) ? -1 : 1) / itot;
            long double refd = d * scale;
            long double refd_err = (d_err + 2 * (fabsl (e) + e_err) * fabsl (tau) * LDBL_EPSILON)
                                     * fabsl (scale)
                                   + fabsl (refd) * itot_err / itot;
            ck_assert_msg (within (v, refd, refd_err), "side %d n=%d tau=%.17Lg: %.17g +- %g vs %.17Lg",
                           side, n, tau, v.val, v.err, refd);
          }
      }
  ns_testfn_free (phi);
}
END_TEST

START_TEST (test_plateau)
{
  const double a = -0.5, b = 1.25, w = 0.75;
  ns_testfn *phi;
  ck_assert_int_eq (ns_testfn_plateau_alloc (a, b, w, &phi), NS_OK);
  double lo, hi, c, r;
  ck_assert_int_eq (ns_testfn_support (phi, &lo, &hi), NS_OK);
  ck_assert (lo == a - w && hi == b + w);
  ck_assert_int_eq (ns_testfn_centre (phi, &c), NS_OK);
  ck_assert_int_eq (ns_testfn_radius (phi, &r), NS_OK);
  ck_assert (c == (a + b) / 2 && r == (b - a) / 2 + w);
  ns_result v;
  /* 1 on [a, b], 0 outside the support, all derivatives 0 on [a, b]. */
  const double inside[] = { a, b, 0.0, 0.385, nextafter (b, 0) };
  for (int i = 0; i < 5; i++)
    for (int n = 0; n <= NS_TESTFN_MAX_ORDER; n++)
      {
        ck_assert_int_eq (ns_testfn_eval (phi, n, inside[i], &v), NS_OK);
        ck_assert (v.val == (n == 0 ? 1.0 : 0.0) && v.err == 0.0);
      }
  const double outside[] = { a - w, b + w, -100.0, 1e300, -INFINITY };
  for (int i = 0; i < 5; i++)
    for (int n = 0; n <= NS_TESTFN_MAX_ORDER; n++)
      {
        ck_assert_int_eq (ns_testfn_eval (phi, n, outside[i], &v), NS_OK);
        ck_assert (v.val == 0.0 && v.err == 0.0);
      }
  /* Derivatives tend to 0 at a and b from the transition side; the value
     tends to 1, monotonically. */
  for (int n = 1; n <= NS_TESTFN_MAX_ORDER; n++)
    {
      ck_assert_int_eq (ns_testfn_eval (phi, n, a - 1e-4 * w, &v), NS_OK);
      ck_assert_msg (fabs (v.val) <= 1e-300, "n=%d: %g", n, v.val);
      ck_assert_int_eq (ns_testfn_eval (phi, n, b + 1e-4 * w, &v), NS_OK);
      ck_assert_msg (fabs (v.val) <= 1e-300, "n=%d: %g", n, v.val);
    }
  /* The value near the ends of the transitions, where the part integrated
     is tiny: qng must meet its (absolute) tolerance there too. */
  const double fr[] = { 1e-9, 1e-6, 1e-3, 0.5, 1 - 1e-3, 1 - 1e-6, 1 - 1e-9 };
  for (int i = 0; i < 7; i++)
    {
      ck_assert_int_eq (ns_testfn_eval (phi, 0, a - w + w * fr[i], &v), NS_OK);
      ck_assert (v.val >= -v.err && v.val <= 1 + v.err && v.err < 1e-12);
      ck_assert_int_eq (ns_testfn_eval (phi, 0, b + w * fr[i], &v), NS_OK);
      ck_assert (v.val >= -v.err && v.val <= 1 + v.err && v.err < 1e-12);
    }
  double prev = 0;
  for (int k = 1; k < 100; k++)
    {
      double x = a - w + w * k / 100.0;
      ck_assert_int_eq (ns_testfn_eval (phi, 0, x, &v), NS_OK);
      ck_assert (v.val >= prev - v.err && v.val <= 1 + v.err && v.val >= -v.err);
      prev = v.val;
      /* The rising side mirrors the falling side: S(u) + S(1-u) = 1. */
      ns_result m;
      ck_assert_int_eq (ns_testfn_eval (phi, 0, b + w * k / 100.0, &m), NS_OK);
      ns_result mm;
      ck_assert_int_eq (ns_testfn_eval (phi, 0, a - w * k / 100.0, &mm), NS_OK);
      ck_assert (fabs (m.val - mm.val) <= m.err + mm.err + 4 * DBL_EPSILON);
    }
  /* Derivatives of the value against Richardson differences of the value
     (order 1) and of the first derivative (order 2). */
  for (int k = 1; k < 20; k++)
    for (int side = 0; side < 2; side++)
      {
        double x = side ? b + w * (k / 20.0) : a - w * (k / 20.0);
        double h = w * ldexp (1.0, -10);
        for (int n = 1; n <= 3; n++)
          {
            ns_result p1, m1, p2, m2, ex;
            ns_testfn_eval (phi, n - 1, x + h, &p1);
            ns_testfn_eval (phi, n - 1, x - h, &m1);
            ns_testfn_eval (phi, n - 1, x + h / 2, &p2);
            ns_testfn_eval (phi, n - 1, x - h / 2, &m2);
            ck_assert_int_eq (ns_testfn_eval (phi, n, x, &ex), NS_OK);
            double rich = (4 * (p2.val - m2.val) / h - (p1.val - m1.val) / (2 * h)) / 3;
            ck_assert_msg (fabs (rich - ex.val) <= 1e-6 * pow (1 / w, n) * 10,
                           "n=%d x=%g: %.12g vs %.12g", n, x, rich, ex.val);
          }
      }
  /* Integral: (b - a) + w, against GSL's qag of the values. */
  ns_result in;
  ck_assert_int_eq (ns_testfn_integral (phi, &in), NS_OK);
  ck_assert (in.val == (b - a) + w);
  gsl_integration_workspace *ws = gsl_integration_workspace_alloc (200);
  gsl_function f = { plateau_value_gsl, phi };
  double q, qerr;
  gsl_error_handler_t *old = gsl_set_error_handler_off ();
  int code = gsl_integration_qag (&f, lo, hi, 0, 1e-10, 200, GSL_INTEG_GAUSS31, ws, &q, &qerr);
  gsl_set_error_handler (old);
  gsl_integration_workspace_free (ws);
  ck_assert_int_eq (code, GSL_SUCCESS);
  ck_assert_msg (fabs (q - in.val) <= qerr + 1e-9, "qag %.15g +- %g vs %.15g", q, qerr, in.val);
  ns_testfn_free (phi);
}
END_TEST

/* ---------------------------------------------------- user functions */

/* (1 - x^2)^6 on [-1, 1]: derivatives through order 5 vanish at +-1, the
   sixth does not.  Coefficients of sum_j C(6,j) (-1)^j x^(2j). */
static ns_status
poly_bump_fn (int n, double x, void *data, ns_result *out)
{
  (void) data;
  static const double c6[7] = { 1, -6, 15, -20, 15, -6, 1 };
  double coef[13] = { 0 };
  for (int j = 0; j <= 6; j++)
    coef[2 * j] = c6[j];
  for (int k = 0; k < n; k++)
    {
      for (int i = 0; i < 12; i++)
        coef[i] = (i + 1) * coef[i + 1];
      coef[12] = 0;
    }
  double v = 0;
  for (int i = 12; i >= 0; i--)
    v = v * x + coef[i];
  out->val = v;
  out->err = 1e-12;
  return NS_OK;
}

static ns_status
gauss_fn (int n, double x, void *data, ns_result *out)
{
  (void) data;
  out->val = n == 0 ? exp (-x * x) : n == 1 ? -2 * x * exp (-x * x) : 0.0;
  out->err = 0;
  return NS_OK;
}

static ns_status
nan_inside_fn (int n, double x, void *data, ns_result *out)
{
  ns_status st = poly_bump_fn (n, x, data, out);
  if (x > 0.1 && x < 0.2)
    out->val = NAN;
  return st;
}

/* NaN at x = 0.3 only, a point the check's samples miss. */
static ns_status
nan_at_point_fn (int n, double x, void *data, ns_result *out)
{
  ns_status st = poly_bump_fn (n, x, data, out);
  if (x == 0.3)
    out->val = NAN;
  return st;
}

static ns_status
failing_fn (int n, double x, void *data, ns_result *out)
{
  (void) x;
  (void) data;
  out->val = NAN;
  out->err = NAN;
  return n == 2 ? NS_EDOM : (out->val = 0, out->err = 0, NS_OK);
}

typedef struct user_case {
  ns_testfn_user_fn fn;
  double a, b;
  int max_order;
  double tol;
  ns_status status;
  ns_testfn_defect defect;
  int order;          /* expected failing order, -1 if none */
  const char *words;  /* expected in the message */
} user_case;

static const user_case user_cases[] = {
  { poly_bump_fn, -1, 1, 5, 1e-9, NS_OK, NS_TESTFN_ADMISSIBLE, -1, "admissible" },
  { poly_bump_fn, -1, 1, 0, 0.0, NS_OK, NS_TESTFN_ADMISSIBLE, -1, "admissible" },
  { poly_bump_fn, -1, 1, 6, 1e-9, NS_EDOM, NS_TESTFN_NOT_VANISHING, 6, "order 6" },
  { poly_bump_fn, -2, 1, 0, 1e-9, NS_EDOM, NS_TESTFN_NOT_VANISHING, 0, "not 0" },
  { gauss_fn, -1, 1, 1, 1e-9, NS_EDOM, NS_TESTFN_NOT_VANISHING, 0, "end" },
  { nan_inside_fn, -1, 1, 2, 1e-9, NS_EDOM, NS_TESTFN_NOT_FINITE, 0, "not finite" },
  { failing_fn, -1, 1, 3, 1e-9, NS_EDOM, NS_TESTFN_CALLBACK_FAILED, 2, "failed" },
  { NULL, -1, 1, 3, 1e-9, NS_EINVAL, NS_TESTFN_NO_CALLBACK, -1, "NULL" },
  { poly_bump_fn, 1, 1, 3, 1e-9, NS_EINVAL, NS_TESTFN_BAD_SUPPORT, -1, "empty" },
  { poly_bump_fn, 1, -1, 3, 1e-9, NS_EINVAL, NS_TESTFN_BAD_SUPPORT, -1, "empty" },
  { poly_bump_fn, -1, INFINITY, 3, 1e-9, NS_EINVAL, NS_TESTFN_BAD_SUPPORT, -1, "not finite" },
  { poly_bump_fn, NAN, 1, 3, 1e-9, NS_EINVAL, NS_TESTFN_BAD_SUPPORT, -1, "not finite" },
  { poly_bump_fn, -1, 1, -1, 1e-9, NS_EINVAL, NS_TESTFN_BAD_ORDER, -1, "outside" },
  { poly_bump_fn, -1, 1, NS_TESTFN_MAX_ORDER + 1, 1e-9, NS_EINVAL, NS_TESTFN_BAD_ORDER,
    NS_TESTFN_MAX_ORDER + 1, "outside" },
  { poly_bump_fn, -1, 1, 3, -1.0, NS_EINVAL, NS_TESTFN_BAD_TOLERANCE, -1, "tolerance" },
  { poly_bump_fn, -1, 1, 3, NAN, NS_EINVAL, NS_TESTFN_BAD_TOLERANCE, -1, "tolerance" },
};

START_TEST (test_user_admissibility)
{
  const user_case *uc = &user_cases[_i];
  ns_testfn_user spec = { uc->fn, NULL, uc->a, uc->b, uc->max_order };
  ns_testfn_report rep;
  ns_status st = ns_testfn_user_check (&spec, uc->tol, &rep);
  ck_assert_msg (st == uc->status, "case %d: status %d (%s), message '%s'", _i, st,
                 ns_strerror (st), rep.message);
  ck_assert_int_eq (rep.defect, uc->defect);
  if (uc->order >= 0 || uc->defect == NS_TESTFN_ADMISSIBLE)
    ck_assert_int_eq (rep.order, uc->order);
  ck_assert_msg (strstr (rep.message, uc->words) != NULL, "case %d: '%s' lacks '%s'", _i,
                 rep.message, uc->words);
  /* Allocation agrees with the check; a NULL report is allowed. */
  ns_testfn *phi = (ns_testfn *) 1;
  ns_status st2 = ns_testfn_user_alloc (&spec, uc->tol, &phi, NULL);
  ck_assert_int_eq (st2, uc->status);
  ck_assert (st2 == NS_OK ? phi != NULL : phi == NULL);
  if (phi != NULL)
    {
      ns_result v, ref;
      int m;
      ck_assert_int_eq (ns_testfn_max_order (phi, &m), NS_OK);
      ck_assert_int_eq (m, uc->max_order);
      ck_assert_int_eq (ns_testfn_eval (phi, 0, 0.3, &v), NS_OK);
      poly_bump_fn (0, 0.3, NULL, &ref);
      ck_assert (v.val == ref.val);
      ck_assert_int_eq (ns_testfn_eval (phi, 0, 1.5, &v), NS_OK);
      ck_assert (v.val == 0.0);
      ck_assert_int_eq (ns_testfn_eval (phi, uc->max_order + 1, 0.3, &v), NS_EINVAL);
      ck_assert (isnan (v.val));
      /* int (1-x^2)^6 over [-1, 1] = 2 * 2^12 (6!)^2 / 13! = 2048/3003. */
      ck_assert_int_eq (ns_testfn_integral (phi, &v), NS_OK);
      ck_assert (fabs (v.val - 2048.0 / 3003.0) <= v.err + 1e-15);
      ns_testfn_free (phi);
    }
}
END_TEST

/* ------------------------------------------------------------- limits */

typedef struct bad_ctor {
  int kind;  /* 0 bump (p, q), 1 mollifier (p), 2 plateau (p, q, w) */
  double p, q, w;
} bad_ctor;

static const bad_ctor bad_ctors[] = {
  { 0, 0, 0, 0 },        { 0, 0, -1, 0 },       { 0, NAN, 1, 0 },     { 0, INFINITY, 1, 0 },
  { 0, 0, NAN, 0 },      { 0, 0, INFINITY, 0 }, { 0, 1e308, 1e308, 0 }, { 0, -0.0, -0.0, 0 },
  { 1, 0, 0, 0 },        { 1, -1, 0, 0 },       { 1, NAN, 0, 0 },     { 1, INFINITY, 0, 0 },
  { 2, 1, 0, 1 },        { 2, 0, 1, 0 },        { 2, 0, 1, -1 },      { 2, NAN, 1, 1 },
  { 2, 0, INFINITY, 1 }, { 2, 0, 1, NAN },      { 2, -1e308, 1e308, 1 },
};

START_TEST (test_bad_constructors)
{
  const bad_ctor *bc = &bad_ctors[_i];
  ns_testfn *phi = (ns_testfn *) 1;
  ns_status st = bc->kind == 0   ? ns_testfn_bump_alloc (bc->p, bc->q, &phi)
                 : bc->kind == 1 ? ns_testfn_mollifier_alloc (bc->p, &phi)
                                 : ns_testfn_plateau_alloc (bc->p, bc->q, bc->w, &phi);
  ck_assert_msg (st == NS_EINVAL, "case %d: %s", _i, ns_strerror (st));
  ck_assert_ptr_null (phi);
}
END_TEST

START_TEST (test_bad_calls)
{
  ns_testfn *phi;
  ns_result v;
  double a, b;
  int m;
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, &phi), NS_OK);
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_testfn_plateau_alloc (0, 1, 1, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_testfn_mollifier_alloc (1, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_testfn_user_alloc (NULL, 0, NULL, NULL), NS_EINVAL);
  const int orders[] = { -1, NS_TESTFN_MAX_ORDER + 1, -1000000, 1000000 };
  for (int i = 0; i < 4; i++)
    {
      v.val = 0;
      ck_assert_int_eq (ns_testfn_eval (phi, orders[i], 0.5, &v), NS_EINVAL);
      ck_assert (isnan (v.val) && isnan (v.err));
      v.val = 0;
      ck_assert_int_eq (ns_testfn_eval_t (phi, orders[i], 0.5, &v), NS_EINVAL);
      ck_assert (isnan (v.val));
    }
  ck_assert_int_eq (ns_testfn_eval (phi, 0, NAN, &v), NS_EINVAL);
  ck_assert (isnan (v.val));
  ck_assert_int_eq (ns_testfn_eval_t (phi, 0, NAN, &v), NS_EINVAL);
  ck_assert (isnan (v.val));
  ck_assert_int_eq (ns_testfn_eval (NULL, 0, 0.5, &v), NS_EINVAL);
  ck_assert (isnan (v.val));
  ck_assert_int_eq (ns_testfn_eval (phi, 0, 0.5, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_testfn_eval_t (NULL, 0, 0.5, &v), NS_EINVAL);
  ck_assert_int_eq (ns_testfn_support (NULL, &a, &b), NS_EINVAL);
  ck_assert (isnan (a) && isnan (b));
  ck_assert_int_eq (ns_testfn_support (phi, NULL, &b), NS_EINVAL);
  ck_assert_int_eq (ns_testfn_centre (NULL, &a), NS_EINVAL);
  ck_assert (isnan (a));
  ck_assert_int_eq (ns_testfn_radius (NULL, &a), NS_EINVAL);
  ck_assert_int_eq (ns_testfn_radius (phi, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_testfn_max_order (NULL, &m), NS_EINVAL);
  ck_assert_int_eq (m, -1);
  ck_assert_int_eq (ns_testfn_integral (NULL, &v), NS_EINVAL);
  ck_assert (isnan (v.val));
  ck_assert_int_eq (ns_testfn_normalization (NULL, &v), NS_EINVAL);
  ck_assert_int_eq (ns_testfn_bump_poly (-1, 0.5, &v), NS_EINVAL);
  ck_assert (isnan (v.val));
  ck_assert_int_eq (ns_testfn_bump_poly (NS_TESTFN_MAX_ORDER + 2, 0.5, &v), NS_EINVAL);
  ck_assert_int_eq (ns_testfn_bump_poly (2, INFINITY, &v), NS_EINVAL);
  ck_assert_int_eq (ns_testfn_bump_poly (2, 0.5, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_testfn_support (phi, &a, &b), NS_OK);
  ck_assert (a == -1 && b == 1);
  ck_assert_int_eq (ns_testfn_max_order (phi, &m), NS_OK);
  ck_assert_int_eq (m, NS_TESTFN_MAX_ORDER);
  ck_assert_int_eq (ns_testfn_normalization (phi, &v), NS_OK);
  ck_assert (v.val == 1.0 && v.err == 0.0);
  ns_testfn_free (phi);
  ns_testfn_free (NULL);
}
END_TEST

START_TEST (test_user_nan_missed_by_check)
{
  ns_testfn_user spec = { nan_at_point_fn, NULL, -1, 1, 3 };
  ns_testfn *phi;
  ck_assert_int_eq (ns_testfn_user_alloc (&spec, 1e-9, &phi, NULL), NS_OK);
  ns_result v;
  ck_assert_int_eq (ns_testfn_eval (phi, 1, 0.3, &v), NS_EDOM);
  ck_assert (isnan (v.val) && isnan (v.err));
  ck_assert_int_eq (ns_testfn_eval_t (phi, 0, 0.25, &v), NS_OK);
  ck_assert (isfinite (v.val));
  ns_testfn_free (phi);
}
END_TEST

/* A callback that reports NS_ETOL (with a plausible value) inside
   (0.295, 0.32), between the admissibility check's samples
   -1 + 2 (i + 0.385)/61 at i = 39 and 40 (0.2913 and 0.3241).  An
   evaluation there is a failure (NS_EDOM, NaN), never NS_ETOL: a pairing
   reading NS_ETOL as "value kept" dropped those pieces and returned
   NS_ETOL with a value and bound that did not cover them. */
static ns_status
etol_inside_fn (int n, double x, void *data, ns_result *out)
{
  ns_status st = poly_bump_fn (n, x, data, out);
  return (st == NS_OK && x > 0.295 && x < 0.32) ? NS_ETOL : st;
}

START_TEST (test_user_etol_is_a_failure)
{
  ns_testfn_user spec = { etol_inside_fn, NULL, -1, 1, 3 };
  ns_testfn *phi;
  ck_assert_int_eq (ns_testfn_user_alloc (&spec, 1e-9, &phi, NULL), NS_OK);
  ns_status st;
  ns_result v;
  ck_assert_int_eq (ns_testfn_eval (phi, 0, 0.3, &v), NS_EDOM);
  ck_assert (isnan (v.val));
  ns_function *f = ns_fn_relu (ns_fn_x ());
  ns_dist *t = NULL, *d = NULL;
  ck_assert_int_eq (ns_dist_regular (f, &t), NS_OK);
  ck_assert_int_eq (ns_dist_deriv (t, 1, &d), NS_OK);
  ns_pair_result r;
  st = ns_dist_pair (d, phi, NULL, &r);
  ck_assert_msg (st != NS_OK && st != NS_ETOL, "status %d, %g +- %g", st, r.val, r.err);
  ns_dist_free (d);
  ns_dist_free (t);
  ns_fn_free (f);
  ns_testfn_free (phi);
}
END_TEST

/* ------------------------------------------------------------- random */

/* A fixed-seed generator (splitmix64), independent of the C library. */
static uint64_t
splitmix (uint64_t *state)
{
  uint64_t z = (*state += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

static double
uniform (uint64_t *state)
{
  return (double) (splitmix (state) >> 11) * 0x1.0p-53;
}

START_TEST (test_random_bumps)
{
  const uint64_t seed = 20261123;
  uint64_t st = seed;
  int iters = ns_test_iterations (2000);
  double worst = 0;
  for (int it = 0; it < iters; it++)
    {
      double r = pow (10.0, -8 + 16 * uniform (&st));
      double c = (uniform (&st) - 0.5) * pow (10.0, 12 * uniform (&st) - 6);
      int n = (int) (uniform (&st) * (NS_TESTFN_MAX_ORDER + 1));
      double t;
      static const double special[] = { 0.0, -0.0, 1.0, -1.0, INFINITY, -INFINITY, 0.5,
                                        -0.2385, 1e-300, -1e-300 };
      switch (it % 6)
        {
        case 5: t = special[(it / 6) % 10]; break;
        case 0: t = 1 - pow (10.0, -16 * uniform (&st)); break;  /* near +1 */
        case 1: t = -1 + pow (10.0, -16 * uniform (&st)); break; /* near -1 */
        case 2: t = 2.385 * (2 * uniform (&st) - 1); break;     /* in and out */
        default: t = 2 * uniform (&st) - 1; break;
        }
      ns_testfn *phi;
      ck_assert_int_eq (ns_testfn_bump_alloc (c, r, &phi), NS_OK);
      ns_result v;
      ck_assert_msg (ns_testfn_eval_t (phi, n, t, &v) == NS_OK, "seed %llu it %d",
                     (unsigned long long) seed, it);
      long double ref, ref_err;
      ref_phi (n, t, r, &ref, &ref_err);
      ck_assert_msg (isfinite (v.val) && isfinite (v.err) && within (v, ref, ref_err),
                     "seed %llu it %d: c=%.17g r=%.17g n=%d t=%.17g: %.17g +- %g, ref %.17Lg",
                     (unsigned long long) seed, it, c, r, n, t, v.val, v.err, ref);
      if (v.err > 0)
        worst = fmax (worst, (double) (fabsl (v.val - ref) / v.err));
      double x = c + r * t;
      ck_assert_int_eq (ns_testfn_eval (phi, n, x, &v), NS_OK);
      ck_assert (isfinite (v.val) && isfinite (v.err));
      ns_testfn_free (phi);
    }
  ck_assert (worst <= 1);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("testfn");
  TCase *core = tcase_create ("core");
  tcase_set_timeout (core, 60);
  tcase_add_test (core, test_poly_by_hand);
  tcase_add_test (core, test_poly_against_t_recurrence);
  tcase_add_test (core, test_derivatives_against_reference);
  tcase_add_test (core, test_plain_evaluation_bounds);
  tcase_add_test (core, test_derivatives_finite_differences);
  tcase_add_test (core, test_x_and_t_agree);
  tcase_add_test (core, test_edges_and_far_bumps);
  tcase_add_test (core, test_integral_closed_form);
  tcase_add_test (core, test_mollifier);
  tcase_add_test (core, test_plateau);
  tcase_add_test (core, test_plateau_against_reference);
  tcase_add_loop_test (core, test_user_admissibility, 0,
                       (int) (sizeof user_cases / sizeof user_cases[0]));
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_loop_test (limits, test_bad_constructors, 0,
                       (int) (sizeof bad_ctors / sizeof bad_ctors[0]));
  tcase_add_test (limits, test_bad_calls);
  tcase_add_test (limits, test_user_nan_missed_by_check);
  tcase_add_test (limits, test_user_etol_is_a_failure);
  suite_add_tcase (s, limits);
  TCase *random = tcase_create ("random");
  tcase_set_timeout (random, 120);
  tcase_add_test (random, test_random_bumps);
  suite_add_tcase (s, random);
  return s;
}
