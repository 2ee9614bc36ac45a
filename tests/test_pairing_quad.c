/* tests/test_pairing_quad.c: the pairing's quadrature of smooth pieces
   (lib/quadrature.c, with QAG as fallback) against independent long-double
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

/* Far bumps: H' = delta and relu' = H on phi_{1e6, r}, both routes; the
   weak route integrates H phi' whose digits do not depend on c. */
START_TEST (test_far_bumps)
{
  static const double rs[] = { 1, 1e-3 };
  for (int i = 0; i < 2; i++)
    {
      ns_dist *t = regular_of (ns_fn_relu (ns_fn_x ())), *d = NULL;
      ck_assert_int_eq (ns_dist_deriv (t, 1, &d), NS_OK);
      ns_testfn *phi = NULL;
      ck_assert_int_eq (ns_testfn_bump_alloc (1e6, rs[i], &phi), NS_OK);
      long double ref = rs[i] * ref_bump_integral ();
      ns_pair_result a;
      check_value ("relu' far, route A", ns_dist_pair (d, phi, NULL, &a), &a, ref, 1e-15);
      /* Route B: relu(x) phi'(x) with relu(x) about 1e6 and the value of
         order r: its estimate must own the cancellation. */
      ns_pair_result b;
      ck_assert_int_eq (ns_dist_pair_weak (d, phi, NULL, &b), NS_OK);
      ck_assert_msg (fabsl ((long double) b.val - ref) <= b.err,
                     "relu' far r = %g route B: error %g > estimate %g", rs[i],
                     (double) fabsl ((long double) b.val - ref), b.err);
      ns_testfn_free (phi);
      ns_dist_free (d);
      ns_dist_free (t);
    }
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
  tcase_add_test (tc, test_workspace_breakpoints);
  suite_add_tcase (s, tc);
  return s;
}
