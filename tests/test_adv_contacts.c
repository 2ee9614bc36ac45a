/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_adv_contacts.c: adversarial tangential contacts (issue 12,
   class 1).  A switching quantity that touches its level without crossing
   (even multiplicity) leaves relu, max, min, clamp smooth and heaviside,
   sign, floor without a jump; a flat zone where it rounds to the level
   (1 - cos x for |x| < 1e-8) is no breakpoint; where the doubles cannot
   separate two kinks the answer is NS_EUNDECIDED.  References: closed
   forms of the branch that holds (relu(h) = h near a contact of h >= 0),
   exact rationals and mpmath values from tests/adv_refs.py. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

#define PI_D 3.141592653589793          /* the double nearest pi */
#define SQRT2_D 1.4142135623730951      /* the double nearest sqrt 2 */

/* f, x, k, the exact f^(k)(x) and an absolute tolerance (0: exact). */
static const struct {
  const char *f;
  double x;
  int k;
  double ref, tol;
} derivs[] = {
  /* relu(1 - cos x) = 1 - cos x (1 - cos x >= 0): derivatives sin, cos, -sin. */
  { "relu(1 - cos(x))", 0, 1, 0, 0 },
  { "relu(1 - cos(x))", 0, 2, 1, 0 },
  { "relu(1 - cos(x))", 0, 3, 0, 0 },
  /* relu(cos x - 1) = 0 (cos x <= 1). */
  { "relu(cos(x) - 1)", 0, 1, 0, 0 },
  { "relu(cos(x) - 1)", 0, 2, 0, 0 },
  { "relu(cos(x) - 1)", 0, 4, 0, 0 },
  /* Polynomial contacts at a double: the branch x^2 (or -x^2, x^4). */
  { "relu(x^2)", 0, 2, 2, 0 },
  { "max(x^2, 0)", 0, 2, 2, 0 },
  { "abs(x^2)", 0, 2, 2, 0 },
  { "min(-x^2, 0)", 0, 2, -2, 0 },
  { "relu(x^4)", 0, 4, 24, 0 },
  { "clamp((x - 1)^2, 0, 4)", 1, 2, 2, 0 },
  { "clamp(4 - (x - 1)^2, 0, 4)", 1, 2, -2, 0 },
  { "max(x, x + (x - 2)^2)", 2, 2, 2, 0 },      /* difference (x - 2)^2 touches 0 */
  { "relu(sin(x)^2)", 0, 2, 2, 0 },
  /* Irrational contacts: the doubles nearest sqrt 2 and pi.  Sturm
     sequences in exact rationals show (x^2 - 2)^2 has one root, double,
     in the rounding interval: smooth, f' = 4x(x^2 - 2) = 1.5467669301524662e-15
     (adv_refs.py).  Its germ is computed in doubles, where x^2 - 2
     cancels: the tolerance is that rounding, 4|x| * eps * x^2. */
  { "relu((x^2 - 2)^2)", SQRT2_D, 1, 1.5467669301524662e-15, 4 * SQRT2_D * DBL_EPSILON * 2 },
  /* Range analysis: sin(x)^2 >= 0, so relu(sin(x)^2) = sin(x)^2, whose
     derivative sin 2x is -2.4492935982947064e-16 at pi_d (adv_refs.py);
     the double germ computes sin(pi_d) cos(pi_d) to a few ulps. */
  { "relu(sin(x)^2)", PI_D, 1, -2.4492935982947064e-16, 1e-30 },
  { "max(sin(x)^2, 0)", PI_D, 1, -2.4492935982947064e-16, 1e-30 },
  /* Steps over a contact: constant on both sides, f' = 0 where f is
     continuous (heaviside(h) = 1 around pi_d since sin(pi_d)^2 > 0). */
  { "heaviside(sin(x)^2)", PI_D, 1, 0, 0 },
  { "heaviside((x^2 - 2)^2)", SQRT2_D, 1, 0, 0 },
  { "floor(1 + (x - 0.5)^2)", 0.5, 1, 0, 0 },
  { "sign(1 - cos(x)) + 1", 1e-9, 1, 0, 0 },     /* in the flat zone of 1 - cos x */
  /* The tangent to x^2 at sqrt 2, with the double slope 2 s2: x^2 - 2 s2 x
     + 2 = (x - s2)^2 + 2 - s2^2 < 0 at s2 (s2^2 > 2, adv_refs.py): not a
     contact but two crossings s2 -+ sqrt(s2^2 - 2), 1.65e-8 away; at s2
     the line is above, f' = 2 s2 exactly. */
  { "max(x^2, 2.8284271247461903*x - 2)", SQRT2_D, 1, 2.8284271247461903, 0 },
};

START_TEST (test_contact_deriv)
{
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse (derivs[_i].f, &f, NULL), NS_OK);
  double d;
  ns_status st = ns_fn_deriv (f, derivs[_i].x, derivs[_i].k, &d);
  ck_assert_msg (st == NS_OK, "%s at %.17g, order %d: %s", derivs[_i].f, derivs[_i].x,
                 derivs[_i].k, ns_strerror (st));
  ck_assert_msg (fabs (d - derivs[_i].ref) <= derivs[_i].tol,
                 "%s at %.17g: f^(%d) = %.17g, want %.17g", derivs[_i].f, derivs[_i].x,
                 derivs[_i].k, d, derivs[_i].ref);
  ns_fn_free (f);
}
END_TEST

/* Steps touching their level at a double: no jump, both one-sided limits
   equal, the value there the convention (a removable discontinuity). */
static const struct {
  const char *f;
  double x, value, limit;
} touches[] = {
  { "heaviside((x - 1)^2)", 1, 0.5, 1 },
  { "heaviside(x^2)", 0, 0.5, 1 },
  { "heaviside(-(x^2), 0.25)", 0, 0.25, 0 },
  { "sign(x^4)", 0, 0, 1 },
  { "sign(cos(x) - 1)", 0, 0, -1 },
  { "floor(-(x^2))", 0, 0, -1 },
  { "floor(2 + (x - 3)^2)", 3, 2, 2 },
  { "heaviside(1 - cos(x))", 0, 0.5, 1 },
  /* (x^2 - 2)^2 touches 0 at sqrt 2, inside the rounding interval of s2
     (Sturm count 1, no sign change): floor stays 2 on both sides. */
  { "floor(2 + (x^2 - 2)^2)", SQRT2_D, 2, 2 },
};

START_TEST (test_touch)
{
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse (touches[_i].f, &f, NULL), NS_OK);
  double x = touches[_i].x, l, r, j;
  ns_result v;
  ck_assert_int_eq (ns_fn_eval (f, x, &v), NS_OK);
  ck_assert (fabs (v.val - touches[_i].value) <= v.err);
  ck_assert_int_eq (ns_fn_deriv_side (f, x, NS_LEFT, 0, &l), NS_OK);
  ck_assert_int_eq (ns_fn_deriv_side (f, x, NS_RIGHT, 0, &r), NS_OK);
  ck_assert_msg (l == touches[_i].limit && r == touches[_i].limit, "%s: limits %g, %g",
                 touches[_i].f, l, r);
  for (int k = 0; k <= 3; k++)
    {
      ck_assert_int_eq (ns_fn_jump (f, x, k, &j), NS_OK);
      ck_assert_msg (j == 0, "%s: [f^(%d)] = %g", touches[_i].f, k, j);
    }
  ns_fn_free (f);
}
END_TEST

/* Breakpoint lists: a flat zone edge is not reported; every point reported
   has the jumps the closed form gives. */
START_TEST (test_flat_zone_breakpoints)
{
  const char *fs[] = { "relu(1 - cos(x))", "relu(cos(x) - 1)", "heaviside(1 - cos(x))",
                       "relu(sin(x)^2)", "max(1 - cos(x), 0)", "clamp(1 - cos(x), 0, 1)" };
  for (size_t i = 0; i < sizeof fs / sizeof *fs; i++)
    {
      ns_function *f = NULL;
      ck_assert_int_eq (ns_fn_parse (fs[i], &f, NULL), NS_OK);
      double pts[64];
      size_t n = 0;
      ck_assert_int_eq (ns_fn_breakpoints (f, -1, 1, pts, 64, &n), NS_OK);
      for (size_t p = 0; p < n; p++)
        {
          /* Only the contact 0 itself may be listed (an exact zero), with
             no jump of f, f', f''. */
          ck_assert_msg (pts[p] == 0, "%s: breakpoint %.17g", fs[i], pts[p]);
          for (int k = 0; k <= 2; k++)
            {
              double j;
              ck_assert_int_eq (ns_fn_jump (f, pts[p], k, &j), NS_OK);
              ck_assert_msg (j == 0, "%s: [f^(%d)](0) = %g", fs[i], k, j);
            }
        }
      ns_fn_free (f);
    }
}
END_TEST

/* relu(1 - cos x - 1e-18) crosses inside the flat zone, at
   +-1.414213562373095099507673e-9 (adv_refs.py: the double nearest is
   1.4142135623730951e-09), where f' jumps by sin(root) = 1.414213562373095099e-9. */
START_TEST (test_crossing_in_flat_zone)
{
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse ("relu(1 - cos(x) - 1e-18)", &f, NULL), NS_OK);
  double pts[16];
  size_t n = 0;
  ck_assert_int_eq (ns_fn_breakpoints (f, -1, 1, pts, 16, &n), NS_OK);
  ck_assert_int_eq ((int) n, 2);
  ck_assert (pts[0] == -1.4142135623730951e-09 && pts[1] == 1.4142135623730951e-09);
  for (int i = 0; i < 2; i++)
    {
      double j;
      ck_assert_int_eq (ns_fn_jump (f, pts[i], 1, &j), NS_OK);
      /* Left of -r, f = 1 - cos x - 1e-18 has slope sin(-r) < 0 and right of it
         f = 0: f' jumps up by sin r at both points (f is convex near 0). */
      double want = 1.4142135623730951e-9;
      ck_assert_msg (fabs (j - want) <= 1e-24, "[f'] = %.17g at %.17g", j, pts[i]);
    }
  ns_fn_free (f);
}
END_TEST

/* The near-tangent above has its two crossings at the doubles nearest
   s2 -+ sqrt(s2^2 - 2) = 1.4142135458373053 and 1.414213578908885
   (adv_refs.py), where f' jumps by twice sqrt(s2^2 - 2) = 3.3e-8. */
START_TEST (test_near_tangent)
{
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse ("max(x^2, 2.8284271247461903*x - 2)", &f, NULL), NS_OK);
  double pts[8];
  size_t n = 0;
  ck_assert_int_eq (ns_fn_breakpoints (f, 1, 2, pts, 8, &n), NS_OK);
  ck_assert_int_eq ((int) n, 2);
  ck_assert_msg (pts[0] == 1.4142135458373053 && pts[1] == 1.414213578908885,
                 "%.17g %.17g", pts[0], pts[1]);
  ns_fn_free (f);
}
END_TEST

/* Pairings across a contact and a hidden crossing, against mpmath
   (adv_refs.py): <T''', phi> for relu(1 - cos x) is -int sin(x) phi(x) dx
   = -0.1211216555060318958873948; <T'', phi> for relu(1 - cos x - 1e-18)
   is -<T', phi'> = 0.3915533845738585277816897 (phi the bump at 0.3,
   radius 1).  The value must lie within its bound. */
START_TEST (test_pairings)
{
  const struct { const char *f; int k; double ref; } c[] = {
    { "relu(1 - cos(x))", 3, -0.1211216555060318958873948 },
    { "relu(1 - cos(x) - 1e-18)", 2, 0.3915533845738585277816897 },
    { "heaviside((x - 0.3)^2)", 1, 0 },    /* = 1 almost everywhere: T' = 0 */
  };
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0.3, 1, &phi), NS_OK);
  for (size_t i = 0; i < sizeof c / sizeof *c; i++)
    {
      ns_function *f = NULL;
      ns_dist *t = NULL, *d = NULL;
      ck_assert_int_eq (ns_fn_parse (c[i].f, &f, NULL), NS_OK);
      ck_assert_int_eq (ns_dist_regular (f, &t), NS_OK);
      ck_assert_int_eq (ns_dist_deriv (t, c[i].k, &d), NS_OK);
      ns_pair_result r;
      ns_status st = ns_dist_pair (d, phi, NULL, &r);
      ck_assert_msg (st == NS_OK && fabs (r.val - c[i].ref) <= r.err,
                     "%s, order %d: %s %.17g +- %.3g, ref %.17g", c[i].f, c[i].k,
                     ns_strerror (st), r.val, r.err, c[i].ref);
      ns_dist_free (t);
      ns_dist_free (d);
      ns_fn_free (f);
    }
  ns_testfn_free (phi);
}
END_TEST

/* Contacts whose rounding-level plateau is wide against the support: on a
   bump of radius 0.5 the zone where 1 - cos x rounds to its level spans
   more boxes of the breakpoint search than a pairing workspace holds, and
   these were refused with NS_ELIMIT ("1000 breakpoints").  References
   with mpmath (30 digits): relu(1 - cos x) = 1 - cos x, so <T'', phi> =
   quad(cos(x) * phi(x), [c - r, 0, c + r]); relu((x^2 - 1)^2) =
   (x^2 - 1)^2, <T'', phi> = quad((12 x^2 - 4) phi); floor((x^2 - 1)^2)
   steps only at sqrt 2 in (0.5, 1.5) (it touches 0 at 1), <T', phi> =
   phi(sqrt 2) = exp(-1/(1 - (2 sqrt 2 - 2)^2)). */
START_TEST (test_pairings_narrow)
{
  const struct { const char *f; int k; double c, r, ref; } c[] = {
    { "relu(1 - cos(x))", 2, 0, 0.5, 0.21763983461311005 },
    { "relu(1 - cos(x))", 2, 0.1, 0.5, 0.21655254197046515 },
    { "relu(1 - cos(x))", 2, 0, 0.4, 0.1753610926790224 },
    { "relu(1 - cos(x))", 2, 0.2, 0.5, 0.21330152791120458 },
    { "relu(x^4 - 2*x^2 + 1)", 2, 1, 0.5, 1.8812774798017809 },
    { "floor(x^4 - 2*x^2 + 1)", 1, 1, 0.5, 0.0412678041851209743 },
    { "heaviside(x^4 - 2*x^2 + 1)", 1, 1, 0.5, 0 },
  };
  for (size_t i = 0; i < sizeof c / sizeof *c; i++)
    {
      ns_testfn *phi = NULL;
      ns_function *f = NULL;
      ns_dist *t = NULL, *d = NULL;
      ck_assert_int_eq (ns_testfn_bump_alloc (c[i].c, c[i].r, &phi), NS_OK);
      ck_assert_int_eq (ns_fn_parse (c[i].f, &f, NULL), NS_OK);
      ck_assert_int_eq (ns_dist_regular (f, &t), NS_OK);
      ck_assert_int_eq (ns_dist_deriv (t, c[i].k, &d), NS_OK);
      ns_pair_result r;
      ns_status st = ns_dist_pair (d, phi, NULL, &r);
      ck_assert_msg (st == NS_OK && fabs (r.val - c[i].ref) <= r.err,
                     "%s, order %d, bump %g,%g: %s %.17g +- %.3g, ref %.17g", c[i].f,
                     c[i].k, c[i].c, c[i].r, ns_strerror (st), r.val, r.err, c[i].ref);
      ns_dist_free (t);
      ns_dist_free (d);
      ns_fn_free (f);
      ns_testfn_free (phi);
    }
}
END_TEST

/* Refusals: relu(sin(x)^2 - 1e-40) has two kinks 1e-20 from pi, both in
   the rounding interval of pi_d (adv_refs.py: |pi - pi_d| + 1e-20 < 2^-52).
   No double germ is right there: NS_EUNDECIDED, not a number. */
START_TEST (test_undecided)
{
  const char *fs[] = { "relu(sin(x)^2 - 1e-40)", "abs(sin(x)^2 - 1e-40)",
                       "heaviside(sin(x)^2 - 1e-40)" };
  for (size_t i = 0; i < sizeof fs / sizeof *fs; i++)
    {
      ns_function *f = NULL;
      ck_assert_int_eq (ns_fn_parse (fs[i], &f, NULL), NS_OK);
      double d;
      ns_status st = ns_fn_deriv (f, PI_D, 1, &d);
      ck_assert_msg (st == NS_EUNDECIDED && isnan (d), "%s: %s", fs[i], ns_strerror (st));
      ns_germ g;
      ck_assert_int_eq (ns_fn_germ (f, PI_D, NS_RIGHT, 1, &g), NS_EUNDECIDED);
      ns_set set;
      ck_assert_int_eq (ns_subdiff (f, PI_D, NS_SUBDIFF_CLARKE, &set), NS_EUNDECIDED);
      ck_assert_int_eq (set.n, 0);
      ns_fn_free (f);
    }
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("adv_contacts");
  TCase *tc = tcase_create ("contacts");
  tcase_add_loop_test (tc, test_contact_deriv, 0, (int) (sizeof derivs / sizeof *derivs));
  tcase_add_loop_test (tc, test_touch, 0, (int) (sizeof touches / sizeof *touches));
  tcase_add_test (tc, test_flat_zone_breakpoints);
  tcase_add_test (tc, test_crossing_in_flat_zone);
  tcase_add_test (tc, test_near_tangent);
  tcase_add_test (tc, test_pairings);
  tcase_add_test (tc, test_pairings_narrow);
  tcase_add_test (tc, test_undecided);
  suite_add_tcase (s, tc);
  return s;
}
