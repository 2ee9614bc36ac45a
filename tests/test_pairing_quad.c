/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_pairing_quad.c: the pairing's quadrature of smooth pieces
   (lib/distribution/quadrature.c, with QAG as fallback) against independent long-double
   references: a kink swept across the support up to a few ulps from its
   ends, many interior pieces, the weak route's derivatives of phi, far
   bumps, and the workspace's breakpoint memory.  Every error estimate must
   contain the true error. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>
#include "ref_bump.h"
#include "ref_quad.h"
#include "check_main.h"

/* int_a^b exp(-1/(1-t^2)) dt by tanh-sinh in long double on [a, b] (step
   1/256, |u| <= 4.7): a different rule in a different variable from the
   library's trapezoidal rule in atanh t.  Checked against
   ref_bump_integral below. */
static long double
partial (long double a, long double b)
{
  const long double h = 1.0L / 256, half_pi = 1.57079632679489661923132169163975144L;
  long double m = (a + b) / 2, d = (b - a) / 2, s = 0;
  for (int k = -1200; k <= 1200; k++)
    {
      long double u = k * h, sh = half_pi * sinhl (u), ch = coshl (sh);
      long double w = h * half_pi * coshl (u) / (ch * ch);
      /* The node from the nearer end, to keep digits near +-1. */
      long double e = expl (-2 * fabsl (sh)), comp = 2 * e / (1 + e);
      long double t = k < 0 ? a + d * comp : b - d * comp;
      if (k == 0)
        t = m;
      if (fabsl (t) < 1)
        s += w * expl (-1 / (1 - t * t));
    }
  return d * s;
}

/* T_f for a freshly built F (the distribution keeps its own reference). */
static ns_dist *
regular_of (ns_function *f)
{
  ns_dist *t = NULL;
  ck_assert_int_eq (ns_dist_regular (f, &t), NS_OK);
  ns_fn_free (f);
  return t;
}

static void
check_value (const char *what, ns_status st, const ns_pair_result *p,
             long double ref, double relerr)
{
  ck_assert_msg (st == NS_OK, "%s: status %s", what, ns_strerror (st));
  double actual = (double) fabsl ((long double) p->val - ref);
  ck_assert_msg (actual <= p->err, "%s: |%.17g - %.17Lg| = %g > estimate %g", what,
                 p->val, ref, actual, p->err);
  ck_assert_msg (actual <= relerr * fabsl (ref), "%s: relative error %g > %g", what,
                 (double) (actual / fabsl (ref)), relerr);
}

START_TEST (test_partial_reference)
{
  long double I = ref_bump_integral ();
  ck_assert (fabsl (partial (-1, 1) - I) <= 1e-18L);
  ck_assert (fabsl (partial (-1, 0.25L) + partial (0.25L, 1) - I) <= 1e-18L);
}
END_TEST

/* relu' = H on phi_{c,r} with the kink at t0 = -c/r: r int_{t0}^1 phi.
   From the middle of the support to 1e-6 from an end, at r = 1 and 1e-3;
   both routes. */
static const double kinks[] = {
  -0.999999, -0.999, -0.9, -0.5, -0.1, 0.0, 0.2, 0.7, 0.95, 0.999, 0.999999
};

START_TEST (test_kink_sweep)
{
  double t0 = kinks[_i % 11], r = _i < 11 ? 1.0 : 1e-3, c = -t0 * r;
  ns_dist *t = regular_of (ns_fn_relu (ns_fn_x ())), *d = NULL;
  ck_assert_int_eq (ns_dist_deriv (t, 1, &d), NS_OK);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (c, r, &phi), NS_OK);
  /* The kink as the pairing sees it: (0 - c)/r in double. */
  long double tk = (0.0 - c) / r;
  long double ref = r * partial (tk, 1);
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
  ck_assert_ptr_nonnull (w);
  ns_pair_result a, b;
  char what[64];
  /* Past t0 = 0.9 the value is a far tail of the bump (1e-223 at 0.999),
     where both the pairing's and the reference's relative accuracy fall;
     the estimate must still contain the error. */
  double tol = t0 <= 0.9 ? 1e-15 : t0 <= 0.95 ? 1e-14 : 1e-9;
  snprintf (what, sizeof what, "relu' t0 = %g r = %g route A", t0, r);
  check_value (what, ns_dist_pair (d, phi, w, &a), &a, ref, tol);
  snprintf (what, sizeof what, "relu' t0 = %g r = %g route B", t0, r);
  check_value (what, ns_dist_pair_weak (d, phi, w, &b), &b, ref, 10 * tol);
  ns_pair_workspace_free (w);
  ns_testfn_free (phi);
  ns_dist_free (d);
  ns_dist_free (t);
}
END_TEST

/* (x - floor x)' = 1 - sum_j delta_j on phi_{0.1, 2.5}: six interior
   pieces between the integers; value r I - sum_j phi(j), ill-conditioned
   (kappa about 50), so only the estimate and a kappa-scaled bound. */
START_TEST (test_interior_pieces)
{
  const double c = 0.1, r = 2.5;
  ns_function *saw = ns_fn_sub (ns_fn_x (), ns_fn_floor (ns_fn_x ()));
  ns_dist *t = NULL, *d = NULL;
  ck_assert_int_eq (ns_dist_regular (saw, &t), NS_OK);
  ns_fn_free (saw);
  ck_assert_int_eq (ns_dist_deriv (t, 1, &d), NS_OK);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (c, r, &phi), NS_OK);
  long double in = r * ref_bump_integral (), s = 0;
  for (int j = -2; j <= 2; j++)
    s += ref_bump (c, r, j);
  long double ref = in - s, kappa = (in + s) / fabsl (ref);
  ns_pair_result a, b;
  check_value ("saw' route A", ns_dist_pair (d, phi, NULL, &a), &a, ref,
               1e-15 * (double) kappa);
  check_value ("saw' route B", ns_dist_pair_weak (d, phi, NULL, &b), &b, ref,
               1e-14 * (double) kappa);
  ns_testfn_free (phi);
  ns_dist_free (d);
  ns_dist_free (t);
}
END_TEST

/* The weak route integrates relu phi^(k): relu'' = delta gives phi(0),
   relu''' = delta' gives -phi'(0) (tests/ref_bump.h), on phi_{0.3,1}. */
START_TEST (test_weak_derivatives)
{
  ns_dist *t = regular_of (ns_fn_relu (ns_fn_x ())), *d2 = NULL, *d3 = NULL;
  ck_assert_int_eq (ns_dist_deriv (t, 2, &d2), NS_OK);
  ck_assert_int_eq (ns_dist_deriv (t, 3, &d3), NS_OK);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0.3, 1, &phi), NS_OK);
  ns_pair_result p;
  check_value ("relu'' weak", ns_dist_pair_weak (d2, phi, NULL, &p), &p,
               ref_bump (0.3L, 1, 0), 1e-14);
  check_value ("relu''' weak", ns_dist_pair_weak (d3, phi, NULL, &p), &p,
               -ref_bump_d1 (0.3L, 1, 0), 1e-12);
  ns_testfn_free (phi);
  ns_dist_free (d3);
  ns_dist_free (d2);
  ns_dist_free (t);
}
END_TEST

/* Far bumps: relu' = H on phi_{c, r} for c = 1e6, 1e8 and r = 1, 1e-3,
   both routes.  The weak route integrates relu(x) phi'(x) with relu(x)
   about c and a value of order r; on a polynomial piece it expands relu
   around the piece's midpoint, so the digits do not depend on c. */
START_TEST (test_far_bumps)
{
  static const double cs[] = { 1e6, 1e8 }, rs[] = { 1, 1e-3 };
  for (int i = 0; i < 4; i++)
    {
      double c = cs[i / 2], r = rs[i % 2];
      ns_dist *t = regular_of (ns_fn_relu (ns_fn_x ())), *d = NULL;
      ck_assert_int_eq (ns_dist_deriv (t, 1, &d), NS_OK);
      ns_testfn *phi = NULL;
      ck_assert_int_eq (ns_testfn_bump_alloc (c, r, &phi), NS_OK);
      long double ref = r * ref_bump_integral ();
      ns_pair_result a, b;
      char what[80];
      snprintf (what, sizeof what, "relu' phi_{%g,%g} route A", c, r);
      check_value (what, ns_dist_pair (d, phi, NULL, &a), &a, ref, 1e-15);
      snprintf (what, sizeof what, "relu' phi_{%g,%g} route B", c, r);
      check_value (what, ns_dist_pair_weak (d, phi, NULL, &b), &b, ref, 1e-15);
      ns_testfn_free (phi);
      ns_dist_free (d);
      ns_dist_free (t);
    }
}
END_TEST

/* (x - floor x)' = 1 - sum_j delta_j on a far bump phi_{1e6 + 0.1, 2.5}:
   the weak route integrates x - floor x, about 1e6 - 1e6, piece by piece. */
START_TEST (test_far_saw)
{
  const double c = 1e6 + 0.1, r = 2.5;
  ns_dist *t = regular_of (ns_fn_sub (ns_fn_x (), ns_fn_floor (ns_fn_x ())));
  ns_dist *d = NULL;
  ck_assert_int_eq (ns_dist_deriv (t, 1, &d), NS_OK);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (c, r, &phi), NS_OK);
  long double in = r * ref_bump_integral (), s = 0;
  for (int j = -2; j <= 2; j++)
    s += ref_bump (c, r, 1e6L + j);
  long double ref = in - s, kappa = (in + s) / fabsl (ref);
  ns_pair_result a, b;
  check_value ("far saw' route A", ns_dist_pair (d, phi, NULL, &a), &a, ref,
               1e-15 * (double) kappa);
  check_value ("far saw' route B", ns_dist_pair_weak (d, phi, NULL, &b), &b,
               ref, 1e-14 * (double) kappa);
  ns_testfn_free (phi);
  ns_dist_free (d);
  ns_dist_free (t);
}
END_TEST

/* t^P exp(-1/(1 - t^2)) on (-1, 1), 1 - t^2 from both distances. */
static long double
moment_integrand (long double t, long double da, long double db, const void *p)
{
  int pw = *(const int *) p;
  return powl (t, pw) * expl (-1 / (da * db));
}

/* f = x^3 - 3 a x^2 with a = 1e6/3 on phi_{2a,1}: f'(2a + t) = 6 a t + 3 t^2
   exactly, so <T_f', phi> = 3 int t^2 phi (int t phi = 0).  The germ
   computes f'(x) = 3 x^2 - 6 a x, about 1e12 - 1e12: its rounding (about
   1e-4) is far above the quadrature's and must be in the estimate, on
   both routes.  The estimate must also stay meaningful (below a tenth of
   the value: it is a worst case, about 10 times the rounding of 3 x^2). */
START_TEST (test_germ_rounding)
{
  const double a = 1e6 / 3, c = 2 * a;
  ns_function *f = ns_fn_sub (ns_fn_pow (ns_fn_x (), 3),
                              ns_fn_mul (ns_fn_const (3 * a),
                                         ns_fn_pow (ns_fn_x (), 2)));
  ns_dist *t = regular_of (f), *d = NULL;
  ck_assert_int_eq (ns_dist_deriv (t, 1, &d), NS_OK);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (c, 1, &phi), NS_OK);
  int two = 2;
  long double ref = 3 * ref_quad (moment_integrand, &two, -1, 1);
  ns_pair_result p;
  for (int route = 0; route < 2; route++)
    {
      ns_status st = route ? ns_dist_pair_weak (d, phi, NULL, &p)
                           : ns_dist_pair (d, phi, NULL, &p);
      ck_assert_int_eq (st, NS_OK);
      double actual = (double) fabsl ((long double) p.val - ref);
      ck_assert_msg (actual <= p.err && p.err <= 0.1 * (double) fabsl (ref),
                     "cubic' route %c: error %g, estimate %g, value %Lg",
                     route ? 'B' : 'A', actual, p.err, ref);
    }
  ns_testfn_free (phi);
  ns_dist_free (d);
  ns_dist_free (t);
}
END_TEST

/* Smooth but not polynomial: sin' = cos and sin''' = -cos on phi_{0.3,1},
   exp'' = exp on phi_{40.3,1}, against int f^(k)(c + t) phi(t) dt in long
   double. */
typedef struct smooth_case {
  int kind;   /* 0: cos, 1: -cos, 2: exp */
  double c;
} smooth_case;

static long double
smooth_integrand (long double t, long double da, long double db, const void *p)
{
  const smooth_case *sc = p;
  long double x = sc->c + t;
  long double v = sc->kind == 2 ? expl (x) : cosl (x);
  return (sc->kind == 1 ? -v : v) * expl (-1 / (da * db));
}

START_TEST (test_smooth_not_polynomial)
{
  static const smooth_case cases[] = { { 0, 0.3 }, { 1, 0.3 }, { 2, 40.3 } };
  static const int order[] = { 1, 3, 2 };
  const smooth_case *sc = &cases[_i];
  ns_function *f = sc->kind == 2 ? ns_fn_exp (ns_fn_x ()) : ns_fn_sin (ns_fn_x ());
  ns_dist *t = regular_of (f), *d = NULL;
  ck_assert_int_eq (ns_dist_deriv (t, order[_i], &d), NS_OK);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (sc->c, 1, &phi), NS_OK);
  long double ref = ref_quad (smooth_integrand, sc, -1, 1);
  ns_pair_result a, b;
  check_value ("smooth route A", ns_dist_pair (d, phi, NULL, &a), &a, ref, 1e-15);
  check_value ("smooth route B", ns_dist_pair_weak (d, phi, NULL, &b), &b, ref,
               1e-14);
  ns_testfn_free (phi);
  ns_dist_free (d);
  ns_dist_free (t);
}
END_TEST

/* A jump of the second derivative away from 0: f = relu(x - 1000)^2 has
   [f''](1000) = 2, so <T_f''', phi> = 2 phi(1000) on phi_{1000.1,1}. */
START_TEST (test_far_jump)
{
  ns_function *f = ns_fn_pow (ns_fn_relu (ns_fn_sub (ns_fn_x (),
                                                     ns_fn_const (1000))), 2);
  ns_dist *t = regular_of (f), *d = NULL;
  ck_assert_int_eq (ns_dist_deriv (t, 3, &d), NS_OK);
  ns_testfn *phi = NULL;
  const double c = 1000.1;
  ck_assert_int_eq (ns_testfn_bump_alloc (c, 1, &phi), NS_OK);
  long double ref = 2 * ref_bump (c, 1, 1000);
  ns_pair_result a, b;
  check_value ("relu(x - 1000)^2 third, route A",
               ns_dist_pair (d, phi, NULL, &a), &a, ref, 1e-15);
  check_value ("relu(x - 1000)^2 third, route B",
               ns_dist_pair_weak (d, phi, NULL, &b), &b, ref, 1e-13);
  ns_testfn_free (phi);
  ns_dist_free (d);
  ns_dist_free (t);
}
END_TEST

/* The workspace holds the breakpoint search's memory: floor' on
   phi_{0.5,50} has 100 breakpoints; a workspace for 10 reports NS_ELIMIT,
   one for 200 gives sum_j phi(j). */
START_TEST (test_workspace_breakpoints)
{
  ns_dist *t = regular_of (ns_fn_floor (ns_fn_x ())), *d = NULL;
  ck_assert_int_eq (ns_dist_deriv (t, 1, &d), NS_OK);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0.5, 50, &phi), NS_OK);
  ns_pair_workspace *small = ns_pair_workspace_alloc (10);
  ns_pair_workspace *big = ns_pair_workspace_alloc (200);
  ck_assert_ptr_nonnull (small);
  ck_assert_ptr_nonnull (big);
  ns_pair_result p;
  ck_assert_int_eq (ns_dist_pair (d, phi, small, &p), NS_ELIMIT);
  long double ref = 0;
  for (int j = -49; j <= 50; j++)
    ref += ref_bump (0.5L, 50, j);
  for (int rep = 0; rep < 2; rep++)   /* the workspace is reusable */
    check_value ("floor' phi_{0.5,50}", ns_dist_pair (d, phi, big, &p), &p, ref, 1e-15);
  ns_pair_workspace_free (small);
  ns_pair_workspace_free (big);
  ns_testfn_free (phi);
  ns_dist_free (d);
  ns_dist_free (t);
}
END_TEST

/* The workspace keeps one test function object for multipliers, refilled
   by every pairing: x·δ'_a = a δ'_a - δ_a pairs as -a phi'(a) - phi(a).
   Two multiplied terms on two bumps, with log|x|'' (the breakpoint
   search's memory) in between, all with one workspace, each against its
   closed form. */
START_TEST (test_workspace_multiplier_reuse)
{
  static const double a[2] = { 0.1, -0.4 }, c[2] = { 0.3, -0.25 }, r[2] = { 1, 0.5 };
  ns_dist *xd[2];
  for (int i = 0; i < 2; i++)
    {
      ns_dist *d = NULL, *d1 = NULL;
      ck_assert_int_eq (ns_dist_delta (a[i], &d), NS_OK);
      ck_assert_int_eq (ns_dist_deriv (d, 1, &d1), NS_OK);
      ns_function *x = ns_fn_x ();
      ck_assert_int_eq (ns_dist_mul (x, d1, &xd[i]), NS_OK);
      ns_fn_free (x);
      ns_dist_free (d1);
      ns_dist_free (d);
    }
  ns_dist *lg = regular_of (ns_fn_log (ns_fn_abs (ns_fn_x ()))), *lg2 = NULL;
  ck_assert_int_eq (ns_dist_deriv (lg, 2, &lg2), NS_OK);
  ns_testfn *phi[2];
  for (int i = 0; i < 2; i++)
    ck_assert_int_eq (ns_testfn_bump_alloc (c[i], r[i], &phi[i]), NS_OK);
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
  ck_assert_ptr_nonnull (w);
  ns_pair_result p, q;
  for (int rep = 0; rep < 2; rep++)
    for (int i = 0; i < 2; i++)
      {
        long double ref = -a[i] * ref_bump_d1 (c[i], r[i], a[i])
                          - ref_bump (c[i], r[i], a[i]);
        check_value ("x·δ'", ns_dist_pair (xd[i], phi[i], w, &p), &p, ref, 1e-14);
        /* log|x|'' by its principal value agrees with the weak route. */
        ck_assert_int_eq (ns_dist_pair (lg2, phi[1 - i], w, &p), NS_OK);
        ck_assert_int_eq (ns_dist_pair_weak (lg2, phi[1 - i], w, &q), NS_OK);
        ck_assert_msg (fabs (p.val - q.val) <= p.err + q.err,
                       "log|x|'': %.17g +- %g against %.17g +- %g", p.val, p.err,
                       q.val, q.err);
      }
  ns_pair_workspace_free (w);
  for (int i = 0; i < 2; i++)
    {
      ns_testfn_free (phi[i]);
      ns_dist_free (xd[i]);
    }
  ns_dist_free (lg2);
  ns_dist_free (lg);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("pairing_quad");
  TCase *tc = tcase_create ("quadrature");
  tcase_set_timeout (tc, 60);
  tcase_add_test (tc, test_partial_reference);
  tcase_add_loop_test (tc, test_kink_sweep, 0, 22);
  tcase_add_test (tc, test_interior_pieces);
  tcase_add_test (tc, test_weak_derivatives);
  tcase_add_test (tc, test_far_bumps);
  tcase_add_test (tc, test_far_saw);
  tcase_add_test (tc, test_germ_rounding);
  tcase_add_loop_test (tc, test_smooth_not_polynomial, 0, 3);
  tcase_add_test (tc, test_far_jump);
  tcase_add_test (tc, test_workspace_breakpoints);
  tcase_add_test (tc, test_workspace_multiplier_reuse);
  suite_add_tcase (s, tc);
  return s;
}
