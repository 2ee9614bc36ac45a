/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_function.c: the function model.  One-sided derivatives against
   hand-derived values for every primitive at and away from its kinks;
   representation independence; germs against GSL's numerical derivative;
   evaluation error bounds against an independent long-double evaluator;
   breakpoints; printing; bad input and ownership. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_deriv.h>
#include <gsl/gsl_math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_rng.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

#define X ns_fn_x ()
#define C(v) ns_fn_const (v)

/* ------------------------------------------------------------------ hand-derived one-sided derivatives */

typedef ns_function *(*builder) (void);

static ns_function *b_relu (void) { return ns_fn_relu (X); }
static ns_function *b_abs (void) { return ns_fn_abs (X); }
static ns_function *b_heaviside (void) { return ns_fn_heaviside (X, 0.5); }
static ns_function *b_sign (void) { return ns_fn_sign (X); }
static ns_function *b_max_x_x2 (void) { return ns_fn_max (X, ns_fn_pow (X, 2)); }
static ns_function *b_min_x_x2 (void) { return ns_fn_min (X, ns_fn_pow (X, 2)); }
static ns_function *b_clamp (void) { return ns_fn_clamp (X, -1, 1); }
static ns_function *b_leaky (void) { return ns_fn_leaky_relu (X, 0.1); }
static ns_function *b_floor (void) { return ns_fn_floor (X); }
static ns_function *b_relu_cubic (void) { return ns_fn_relu (ns_fn_sub (ns_fn_pow (X, 3), X)); }
static ns_function *b_relu_relu_minus (void) { return ns_fn_sub (ns_fn_relu (ns_fn_relu (X)), ns_fn_relu (ns_fn_neg (X))); }
static ns_function *b_abs_minus_abs (void) { return ns_fn_sub (ns_fn_abs (X), ns_fn_abs (X)); }
static ns_function *b_exp (void) { return ns_fn_exp (X); }
static ns_function *b_sin (void) { return ns_fn_sin (X); }
static ns_function *b_cos (void) { return ns_fn_cos (X); }
static ns_function *b_log (void) { return ns_fn_log (X); }
static ns_function *b_cube (void) { return ns_fn_pow (X, 3); }
static ns_function *b_inverse (void) { return ns_fn_pow (X, -1); }
static ns_function *b_x_over_x (void) { return ns_fn_div (X, X); }
static ns_function *b_sqrt_square (void) { return ns_fn_sqrt (ns_fn_pow (X, 2)); }
static ns_function *b_relu_shift (void) { return ns_fn_relu (ns_fn_sub (X, C (1.0 / 3))); }
static ns_function *b_relu_x2_minus_2 (void) { return ns_fn_relu (ns_fn_sub (ns_fn_mul (X, X), C (2))); }
static ns_function *b_sqrt (void) { return ns_fn_sqrt (X); }
static ns_function *b_sqrt_x3 (void) { return ns_fn_sqrt (ns_fn_pow (X, 3)); }
static ns_function *b_x_sqrt_abs (void) { return ns_fn_mul (X, ns_fn_sqrt (ns_fn_abs (X))); }
static ns_function *b_hinge (void) { return ns_fn_relu (ns_fn_sub (C (1), X)); }
static ns_function *b_max3 (void)
{
  /* max(2x + 1, -x + 4, x/2 + 5/2): all three equal 3 at x = 1. */
  return ns_fn_max (ns_fn_max (ns_fn_add (ns_fn_mul (C (2), X), C (1)),
                               ns_fn_add (ns_fn_neg (X), C (4))),
                    ns_fn_add (ns_fn_div (X, C (2)), C (2.5)));
}

typedef struct deriv_case {
  const char *name;
  builder build;
  double x;
  ns_side side;
  double d[5];       /* f(x+-), f'(x+-), ..., f''''(x+-), derived by hand */
} deriv_case;

#define SQRT2 1.4142135623730950488
static const deriv_case deriv_cases[] = {
  { "relu at 0-", b_relu, 0, NS_LEFT, { 0, 0, 0, 0, 0 } },
  { "relu at 0+", b_relu, 0, NS_RIGHT, { 0, 1, 0, 0, 0 } },
  { "relu at 2", b_relu, 2, NS_LEFT, { 2, 1, 0, 0, 0 } },
  { "relu at -2", b_relu, -2, NS_RIGHT, { 0, 0, 0, 0, 0 } },
  { "abs at 0-", b_abs, 0, NS_LEFT, { 0, -1, 0, 0, 0 } },
  { "abs at 0+", b_abs, 0, NS_RIGHT, { 0, 1, 0, 0, 0 } },
  { "abs at -3", b_abs, -3, NS_RIGHT, { 3, -1, 0, 0, 0 } },
  { "heaviside at 0-", b_heaviside, 0, NS_LEFT, { 0, 0, 0, 0, 0 } },
  { "heaviside at 0+", b_heaviside, 0, NS_RIGHT, { 1, 0, 0, 0, 0 } },
  { "sign at 0-", b_sign, 0, NS_LEFT, { -1, 0, 0, 0, 0 } },
  { "sign at 0+", b_sign, 0, NS_RIGHT, { 1, 0, 0, 0, 0 } },
  /* x - x^2 = x(1 - x): x wins just right of 0 and just left of 1. */
  { "max(x,x^2) at 0-", b_max_x_x2, 0, NS_LEFT, { 0, 0, 2, 0, 0 } },
  { "max(x,x^2) at 0+", b_max_x_x2, 0, NS_RIGHT, { 0, 1, 0, 0, 0 } },
  { "max(x,x^2) at 1-", b_max_x_x2, 1, NS_LEFT, { 1, 1, 0, 0, 0 } },
  { "max(x,x^2) at 1+", b_max_x_x2, 1, NS_RIGHT, { 1, 2, 2, 0, 0 } },
  { "min(x,x^2) at 0-", b_min_x_x2, 0, NS_LEFT, { 0, 1, 0, 0, 0 } },
  { "min(x,x^2) at 0+", b_min_x_x2, 0, NS_RIGHT, { 0, 0, 2, 0, 0 } },
  { "clamp at 1-", b_clamp, 1, NS_LEFT, { 1, 1, 0, 0, 0 } },
  { "clamp at 1+", b_clamp, 1, NS_RIGHT, { 1, 0, 0, 0, 0 } },
  { "clamp at -1-", b_clamp, -1, NS_LEFT, { -1, 0, 0, 0, 0 } },
  { "clamp at -1+", b_clamp, -1, NS_RIGHT, { -1, 1, 0, 0, 0 } },
  { "clamp at 0.5", b_clamp, 0.5, NS_LEFT, { 0.5, 1, 0, 0, 0 } },
  { "leaky at 0-", b_leaky, 0, NS_LEFT, { 0, 0.1, 0, 0, 0 } },
  { "leaky at 0+", b_leaky, 0, NS_RIGHT, { 0, 1, 0, 0, 0 } },
  { "floor at 2-", b_floor, 2, NS_LEFT, { 1, 0, 0, 0, 0 } },
  { "floor at 2+", b_floor, 2, NS_RIGHT, { 2, 0, 0, 0, 0 } },
  { "floor at -2.5", b_floor, -2.5, NS_LEFT, { -3, 0, 0, 0, 0 } },
  /* g = x^3 - x: g(-t) = t - t^3 > 0, g(t) < 0; g(1+t) = 2t + 3t^2 + t^3 > 0;
     g(-1+t) = 2t - 3t^2 + t^3 > 0.  Where relu is active, f = g:
     g' = 3x^2 - 1, g'' = 6x, g''' = 6. */
  { "relu(x^3-x) at 0-", b_relu_cubic, 0, NS_LEFT, { 0, -1, 0, 6, 0 } },
  { "relu(x^3-x) at 0+", b_relu_cubic, 0, NS_RIGHT, { 0, 0, 0, 0, 0 } },
  { "relu(x^3-x) at 1-", b_relu_cubic, 1, NS_LEFT, { 0, 0, 0, 0, 0 } },
  { "relu(x^3-x) at 1+", b_relu_cubic, 1, NS_RIGHT, { 0, 2, 6, 6, 0 } },
  { "relu(x^3-x) at -1-", b_relu_cubic, -1, NS_LEFT, { 0, 0, 0, 0, 0 } },
  { "relu(x^3-x) at -1+", b_relu_cubic, -1, NS_RIGHT, { 0, 2, -6, 6, 0 } },
  /* relu(relu(x)) - relu(-x) = x on both sides. */
  { "relu(relu(x))-relu(-x) at 0-", b_relu_relu_minus, 0, NS_LEFT, { 0, 1, 0, 0, 0 } },
  { "relu(relu(x))-relu(-x) at 0+", b_relu_relu_minus, 0, NS_RIGHT, { 0, 1, 0, 0, 0 } },
  { "abs(x)-abs(x) at 0-", b_abs_minus_abs, 0, NS_LEFT, { 0, 0, 0, 0, 0 } },
  { "abs(x)-abs(x) at 0+", b_abs_minus_abs, 0, NS_RIGHT, { 0, 0, 0, 0, 0 } },
  { "exp at 0", b_exp, 0, NS_LEFT, { 1, 1, 1, 1, 1 } },
  { "sin at 0", b_sin, 0, NS_RIGHT, { 0, 1, 0, -1, 0 } },
  { "cos at 0", b_cos, 0, NS_LEFT, { 1, 0, -1, 0, 1 } },
  /* log^(k)(1) = (-1)^(k-1) (k-1)! */
  { "log at 1", b_log, 1, NS_RIGHT, { 0, 1, -1, 2, -6 } },
  { "x^3 at 2", b_cube, 2, NS_LEFT, { 8, 12, 12, 6, 0 } },
  /* (1/x)^(k) = (-1)^k k! x^(-k-1) at x = 2 */
  { "x^-1 at 2", b_inverse, 2, NS_RIGHT, { 0.5, -0.25, 0.25, -0.375, 0.75 } },
  { "x/x at 0-", b_x_over_x, 0, NS_LEFT, { 1, 0, 0, 0, 0 } },
  { "x/x at 0+", b_x_over_x, 0, NS_RIGHT, { 1, 0, 0, 0, 0 } },
  { "sqrt(x^2) at 0-", b_sqrt_square, 0, NS_LEFT, { 0, -1, 0, 0, 0 } },
  { "sqrt(x^2) at 0+", b_sqrt_square, 0, NS_RIGHT, { 0, 1, 0, 0, 0 } },
  { "relu(x-1/3) at 1/3-", b_relu_shift, 1.0 / 3, NS_LEFT, { 0, 0, 0, 0, 0 } },
  { "relu(x-1/3) at 1/3+", b_relu_shift, 1.0 / 3, NS_RIGHT, { 0, 1, 0, 0, 0 } },
  /* At the double nearest sqrt(2), x*x - 2 = 4.4e-16 is within its rounding
     bound of 0, so the point is the kink: f = x^2 - 2 on the right. */
  { "relu(x*x-2) at sqrt2-", b_relu_x2_minus_2, SQRT2, NS_LEFT, { 0, 0, 0, 0, 0 } },
  { "relu(x*x-2) at sqrt2+", b_relu_x2_minus_2, SQRT2, NS_RIGHT, { 0, 2 * SQRT2, 2, 0, 0 } },
  { "hinge relu(1-x) at 1-", b_hinge, 1, NS_LEFT, { 0, -1, 0, 0, 0 } },
  { "hinge relu(1-x) at 1+", b_hinge, 1, NS_RIGHT, { 0, 0, 0, 0, 0 } },
  /* Left of 1: -x + 4 is largest (slope -1); right: 2x + 1 (slope 2). */
  { "max of three at 1-", b_max3, 1, NS_LEFT, { 3, -1, 0, 0, 0 } },
  { "max of three at 1+", b_max3, 1, NS_RIGHT, { 3, 2, 0, 0, 0 } },
  /* sqrt(x)^(k)(4) = 2, 1/4, -1/32, 3/256, -15/2048 */
  { "sqrt at 4", b_sqrt, 4, NS_LEFT, { 2, 0.25, -0.03125, 0.01171875, -0.00732421875 } },
};

START_TEST (test_one_sided_derivatives)
{
  const deriv_case *c = &deriv_cases[_i];
  ns_function *f = c->build ();
  ck_assert_ptr_nonnull (f);
  for (int k = 0; k <= 4; k++)
    {
      double d;
      ns_status st = ns_fn_deriv_side (f, c->x, c->side, k, &d);
      ck_assert_msg (st == NS_OK, "%s: order %d: %s", c->name, k, ns_strerror (st));
      /* Exact for polynomial pieces; transcendental ones within a few ulps. */
      double tol = 8 * DBL_EPSILON * fmax (1.0, fabs (c->d[k]));
      ck_assert_msg (fabs (d - c->d[k]) <= tol, "%s: order %d: got %.17g, want %.17g",
                     c->name, k, d, c->d[k]);
      ck_assert_msg (d != 0 || !signbit (d), "%s: order %d is -0", c->name, k);
    }
  ns_fn_free (f);
}
END_TEST

START_TEST (test_polynomial_kinks_are_exact)
{
  /* Piecewise polynomials with integer coefficients give bit-exact germs. */
  ns_function *f = b_relu_cubic ();
  ns_germ g;
  ck_assert_int_eq (ns_fn_germ (f, -1.0, NS_RIGHT, 4, &g), NS_OK);
  /* (x^3 - x) at -1 + t = 2t - 3t^2 + t^3 */
  ck_assert (g.c[0] == 0 && g.c[1] == 2 && g.c[2] == -3 && g.c[3] == 1 && g.c[4] == 0);
  ck_assert_int_eq (g.exact, 1);
  ck_assert_int_eq (g.nvalid, 5);
  ns_fn_free (f);
}
END_TEST

/* ------------------------------------------------------------------ infinite and undefined */

START_TEST (test_infinite_slopes)
{
  double d;
  ns_function *f = ns_fn_sqrt (ns_fn_abs (X));
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_RIGHT, 0, &d), NS_OK);
  ck_assert (d == 0);
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_RIGHT, 1, &d), NS_ERANGE);
  ck_assert (d == HUGE_VAL);
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_LEFT, 1, &d), NS_ERANGE);
  ck_assert (d == -HUGE_VAL);
  /* beyond the first infinite derivative nothing is claimed */
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_RIGHT, 2, &d), NS_UNDEFINED);
  ck_assert (isnan (d));
  ck_assert_int_eq (ns_fn_deriv (f, 0, 1, &d), NS_UNDEFINED);
  ns_fn_free (f);

  /* x^(3/2) = sqrt(x^3): f(0+) = f'(0+) = 0, f''(0+) = +inf */
  f = b_sqrt_x3 ();
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_RIGHT, 1, &d), NS_OK);
  ck_assert (d == 0);
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_RIGHT, 2, &d), NS_ERANGE);
  ck_assert (d == HUGE_VAL);
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_LEFT, 0, &d), NS_EDOM);
  ns_fn_free (f);

  /* x sqrt|x|: the product rule of validity gives f'(0+-) = 0, f''(0+) = +inf,
     f''(0-) = -inf (f = -(-x)^(3/2) on the left). */
  f = b_x_sqrt_abs ();
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_LEFT, 1, &d), NS_OK);
  ck_assert (d == 0);
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_RIGHT, 2, &d), NS_ERANGE);
  ck_assert (d == HUGE_VAL);
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_LEFT, 2, &d), NS_ERANGE);
  ck_assert (d == -HUGE_VAL);
  ns_fn_free (f);

  /* 1/x at 0: one-sided limits -inf and +inf */
  f = b_inverse ();
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_RIGHT, 0, &d), NS_ERANGE);
  ck_assert (d == HUGE_VAL);
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_LEFT, 0, &d), NS_ERANGE);
  ck_assert (d == -HUGE_VAL);
  ns_fn_free (f);

  /* log x at 0+: -inf; not defined on the left */
  f = b_log ();
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_RIGHT, 0, &d), NS_ERANGE);
  ck_assert (d == -HUGE_VAL);
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_LEFT, 0, &d), NS_EDOM);
  ns_fn_free (f);

  /* sqrt(cos x) at c = -pi/2 as a double: cos c = 6.1e-17, within its
     rounding of 0, so c is the switch point of sqrt (this once recursed
     forever).  Right of c, cos(c + t) ~ t > 0, so f(c+) = 0 and
     f'(c+) = +inf; left of c, cos < 0: not defined. */
  f = ns_fn_sqrt (ns_fn_cos (X));
  ck_assert_int_eq (ns_fn_deriv_side (f, -M_PI / 2, NS_RIGHT, 0, &d), NS_OK);
  ck_assert (d == 0);
  ck_assert_int_eq (ns_fn_deriv_side (f, -M_PI / 2, NS_RIGHT, 1, &d), NS_ERANGE);
  ck_assert (d == HUGE_VAL);
  ck_assert_int_eq (ns_fn_deriv_side (f, -M_PI / 2, NS_LEFT, 0, &d), NS_EDOM);
  ns_fn_free (f);
}
END_TEST

START_TEST (test_pointwise_derivative)
{
  double d;
  ns_function *r = b_relu ();
  /* relu'(0) does not exist; relu'(+-2) does. */
  ck_assert_int_eq (ns_fn_deriv (r, 0, 1, &d), NS_UNDEFINED);
  ck_assert (isnan (d));
  ck_assert_int_eq (ns_fn_deriv (r, 0, 0, &d), NS_OK);
  ck_assert (d == 0);
  ck_assert_int_eq (ns_fn_deriv (r, 2, 1, &d), NS_OK);
  ck_assert (d == 1);
  ck_assert_int_eq (ns_fn_deriv (r, -2, 1, &d), NS_OK);
  ck_assert (d == 0);
  ns_fn_free (r);

  /* relu(relu(x)) - relu(-x) is x: differentiable at 0 with slope 1. */
  ns_function *f = b_relu_relu_minus ();
  ck_assert_int_eq (ns_fn_deriv (f, 0, 1, &d), NS_OK);
  ck_assert (d == 1);
  ns_fn_free (f);

  /* heaviside is discontinuous at 0 whatever h0 is: no derivative, even
     of order 0 beyond the value itself. */
  for (int i = 0; i < 3; i++)
    {
      double h0 = 0.5 * i;
      ns_function *h = ns_fn_heaviside (X, h0);
      ck_assert_int_eq (ns_fn_deriv (h, 0, 1, &d), NS_UNDEFINED);
      ck_assert_int_eq (ns_fn_deriv (h, 0, 0, &d), NS_UNDEFINED);
      ck_assert_int_eq (ns_fn_deriv (h, 0.25, 1, &d), NS_OK);
      ck_assert (d == 0);
      ns_fn_free (h);
    }

  /* x/x is 1 on both sides but undefined at 0. */
  f = b_x_over_x ();
  ck_assert_int_eq (ns_fn_deriv (f, 0, 1, &d), NS_UNDEFINED);
  ns_fn_free (f);

  /* max(x, x^2) has kinks at 0 and 1 only. */
  f = b_max_x_x2 ();
  ck_assert_int_eq (ns_fn_deriv (f, 0.5, 1, &d), NS_OK);
  ck_assert (d == 1);
  ck_assert_int_eq (ns_fn_deriv (f, 2, 2, &d), NS_OK);
  ck_assert (d == 2);
  ck_assert_int_eq (ns_fn_deriv (f, 1, 1, &d), NS_UNDEFINED);
  ns_fn_free (f);
}
END_TEST

START_TEST (test_jumps)
{
  double j;
  ns_function *f = b_relu ();
  ck_assert_int_eq (ns_fn_jump (f, 0, 0, &j), NS_OK);
  ck_assert (j == 0);
  ck_assert_int_eq (ns_fn_jump (f, 0, 1, &j), NS_OK);
  ck_assert (j == 1);
  ck_assert_int_eq (ns_fn_jump (f, 0, 2, &j), NS_OK);
  ck_assert (j == 0);
  ns_fn_free (f);
  f = b_abs ();
  ck_assert_int_eq (ns_fn_jump (f, 0, 1, &j), NS_OK);
  ck_assert (j == 2);
  ns_fn_free (f);
  f = b_sign ();
  ck_assert_int_eq (ns_fn_jump (f, 0, 0, &j), NS_OK);
  ck_assert (j == 2);
  ns_fn_free (f);
  f = b_floor ();
  ck_assert_int_eq (ns_fn_jump (f, -3, 0, &j), NS_OK);
  ck_assert (j == 1);
  ck_assert_int_eq (ns_fn_jump (f, -3.5, 0, &j), NS_OK);
  ck_assert (j == 0);
  ns_fn_free (f);
  /* max(x, x^2) at 1: slopes 1 then 2, curvatures 0 then 2 */
  f = b_max_x_x2 ();
  ck_assert_int_eq (ns_fn_jump (f, 1, 1, &j), NS_OK);
  ck_assert (j == 1);
  ck_assert_int_eq (ns_fn_jump (f, 1, 2, &j), NS_OK);
  ck_assert (j == 2);
  ns_fn_free (f);
  /* sqrt|x|: an infinite jump of the slope, reported as such */
  f = ns_fn_sqrt (ns_fn_abs (X));
  ck_assert_int_eq (ns_fn_jump (f, 0, 1, &j), NS_ERANGE);
  ck_assert (j == HUGE_VAL);
  ns_fn_free (f);
}
END_TEST

/* ------------------------------------------------------------------ representation independence */

START_TEST (test_representation_independence)
{
  /* max(0, x), x*heaviside(x) and (x + |x|)/2 are one function. */
  ns_function *f[3] = {
    ns_fn_max (C (0), X),
    ns_fn_mul (X, ns_fn_heaviside (X, 0.5)),
    ns_fn_div (ns_fn_add (X, ns_fn_abs (X)), C (2)),
  };
  const double pts[] = { -2, -0.5, -1e-300, 0, 1e-300, 0.3, 1.7, 2.385 };
  for (size_t i = 0; i < sizeof pts / sizeof *pts; i++)
    for (int side = -1; side <= 1; side += 2)
      {
        ns_germ g0, g;
        ck_assert_int_eq (ns_fn_germ (f[0], pts[i], (ns_side) side, 6, &g0), NS_OK);
        for (int j = 1; j < 3; j++)
          {
            ck_assert_int_eq (ns_fn_germ (f[j], pts[i], (ns_side) side, 6, &g), NS_OK);
            for (int k = 0; k <= 6; k++)
              ck_assert_msg (g.c[k] == g0.c[k], "form %d at %g side %d: c[%d] %g vs %g",
                             j, pts[i], side, k, g.c[k], g0.c[k]);
          }
        ns_result v0, v;
        ck_assert_int_eq (ns_fn_eval (f[0], pts[i], &v0), NS_OK);
        for (int j = 1; j < 3; j++)
          {
            ck_assert_int_eq (ns_fn_eval (f[j], pts[i], &v), NS_OK);
            ck_assert (fabs (v.val - v0.val) <= v.err + v0.err);
          }
      }
  /* The documented difference: x*heaviside(x, h0) at 0 is 0*h0 = 0 for every
     h0, so even there they agree; heaviside itself differs only at 0. */
  ns_result h;
  ns_function *h1 = ns_fn_heaviside (X, 1.0);
  ck_assert_int_eq (ns_fn_eval (h1, 0, &h), NS_OK);
  ck_assert (h.val == 1);
  ns_fn_free (h1);
  for (int j = 0; j < 3; j++)
    ns_fn_free (f[j]);
}
END_TEST

/* ------------------------------------------------------------------ germs vs numerical derivatives */

static double
value_for_gsl (double x, void *p)
{
  ns_result r;
  ns_fn_eval (p, x, &r);
  return r.val;
}

START_TEST (test_germs_match_numerical_derivatives)
{
  /* A smooth-at-the-points expression mixing every smooth primitive and a
     kink that is inactive there. */
  ns_function *f = ns_fn_add (
      ns_fn_div (ns_fn_mul (ns_fn_exp (ns_fn_sin (X)), ns_fn_add (ns_fn_pow (X, 2), C (1))),
                 ns_fn_add (C (2), ns_fn_cos (X))),
      ns_fn_add (ns_fn_relu (ns_fn_sub (X, C (5))), ns_fn_log (ns_fn_add (ns_fn_sqrt (ns_fn_abs (X)), C (1)))));
  const double pts[] = { -2.385, -0.7, 0.3, 1.9, 4.2 };
  gsl_function gf = { value_for_gsl, f };
  gsl_error_handler_t *old = gsl_set_error_handler_off ();
  for (size_t i = 0; i < sizeof pts / sizeof *pts; i++)
    {
      double x = pts[i], d1, d2, abserr;
      ck_assert_int_eq (ns_fn_deriv (f, x, 1, &d1), NS_OK);
      ck_assert_int_eq (ns_fn_deriv (f, x, 2, &d2), NS_OK);
      /* Route 1: GSL's 5-point central difference with its error estimate;
         the factor 4 covers the estimate's own rounding part. */
      double num;
      gsl_deriv_central (&gf, x, 1e-3, &num, &abserr);
      ck_assert_msg (fabs (num - d1) <= 4 * abserr + 1e-13,
                     "x=%g: germ %.17g gsl %.17g +- %g", x, d1, num, abserr);
      /* Route 2: Richardson-extrapolated second difference (error O(h^4)). */
      double h = 1e-2, fx = value_for_gsl (x, f);
      double s1 = (value_for_gsl (x + h, f) - 2 * fx + value_for_gsl (x - h, f)) / (h * h);
      double s2 = (value_for_gsl (x + h / 2, f) - 2 * fx + value_for_gsl (x - h / 2, f)) / (h * h / 4);
      double rich = (4 * s2 - s1) / 3;
      ck_assert_msg (fabs (rich - d2) <= 1e-6 * fmax (1, fabs (d2)),
                     "x=%g: germ f'' %.17g richardson %.17g", x, d2, rich);
    }
  gsl_set_error_handler (old);
  ns_fn_free (f);
}
END_TEST

/* ------------------------------------------------------------------ error bounds */

/* An independent evaluator in long double, written from the definitions. */
static int
reference_eval (const ns_function *f, long double x, long double *v)
{
  long double a = 0, b = 0;
  const ns_function *a0 = ns_fn_arg (f, 0), *a1 = ns_fn_arg (f, 1);
  if (a0 && !reference_eval (a0, x, &a))
    return 0;
  if (a1 && !reference_eval (a1, x, &b))
    return 0;
  double p0 = ns_fn_param (f, 0), p1 = ns_fn_param (f, 1);
  switch (ns_fn_op (f))
    {
    case NS_OP_X: *v = x; return 1;
    case NS_OP_CONST: *v = p0; return 1;
    case NS_OP_ADD: *v = a + b; return 1;
    case NS_OP_SUB: *v = a - b; return 1;
    case NS_OP_MUL: *v = a * b; return 1;
    case NS_OP_DIV: if (b == 0) return 0; *v = a / b; return 1;
    case NS_OP_NEG: *v = -a; return 1;
    case NS_OP_POW: *v = powl (a, p0); return 1;
    case NS_OP_EXP: *v = expl (a); return 1;
    case NS_OP_LOG: if (a <= 0) return 0; *v = logl (a); return 1;
    case NS_OP_SQRT: if (a < 0) return 0; *v = sqrtl (a); return 1;
    case NS_OP_SIN: *v = sinl (a); return 1;
    case NS_OP_COS: *v = cosl (a); return 1;
    case NS_OP_RELU: *v = a > 0 ? a : 0; return 1;
    case NS_OP_ABS: *v = fabsl (a); return 1;
    case NS_OP_HEAVISIDE: *v = a > 0 ? 1 : a < 0 ? 0 : p0; return 1;
    case NS_OP_SIGN: *v = (a > 0) - (a < 0); return 1;
    case NS_OP_MAX: *v = a > b ? a : b; return 1;
    case NS_OP_MIN: *v = a < b ? a : b; return 1;
    case NS_OP_CLAMP: *v = a < p0 ? p0 : a > p1 ? p1 : a; return 1;
    case NS_OP_LEAKY_RELU: *v = a >= 0 ? a : p0 * a; return 1;
    case NS_OP_FLOOR: *v = floorl (a); return 1;
    case NS_OP_RPOW: if (a < 0 || (a == 0 && p0 < 0)) return 0; *v = powl (a, p0); return 1;
    default: return 0;
    }
}

static ns_function *
random_tree (gsl_rng *rng, int depth)
{
  if (depth == 0 || gsl_rng_uniform (rng) < 0.2)
    return gsl_rng_uniform (rng) < 0.7 ? X : C (gsl_rng_uniform (rng) * 4 - 2);
  ns_op op = (ns_op) (2 + gsl_rng_uniform_int (rng, NS_OP_COUNT - 2));
  const ns_op_info *info = ns_op_get (op);
  ns_function *args[2] = { NULL, NULL };
  for (int i = 0; i < info->arity; i++)
    args[i] = random_tree (rng, depth - 1);
  double params[2] = { 0.25, 0.75 };
  if (op == NS_OP_POW)
    params[0] = (double) ((int) gsl_rng_uniform_int (rng, 7) - 2);
  if (op == NS_OP_CLAMP)
    params[0] = -0.5, params[1] = 1.5;
  ns_function *f;
  ns_fn_make (op, args, params, &f);
  return f;
}

START_TEST (test_eval_error_bounds_contain_true_error)
{
  /* Seeded random trees at "high entropy" points, kinks included: the
     bound must contain the error against the long-double reference, whose
     own error (~1e-19 relative) is absorbed by the 2^-60 slack. */
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  unsigned long seed = 20261123;
  gsl_rng_set (rng, seed);
  int n = ns_test_iterations (3000), checked = 0;
  for (int it = 0; it < n; it++)
    {
      ns_function *f = random_tree (rng, 5);
      ck_assert_ptr_nonnull (f);
      double x = it % 7 == 0 ? (double) ((int) gsl_rng_uniform_int (rng, 5) - 2)
                             : gsl_rng_uniform (rng) * 6 - 3;
      ns_result r;
      long double ref;
      ns_status st = ns_fn_eval (f, x, &r);
      if (st == NS_OK && reference_eval (f, x, &ref) && isfinite ((double) ref))
        {
          double true_err = fabsl ((long double) r.val - ref);
          char *s = ns_fn_to_string (f);
          ck_assert_msg (true_err <= r.err + 0x1p-60 * fabsl (ref),
                         "seed %lu it %d: %s at x=%.17g: val %.17g ref %.17Lg err bound %g",
                         seed, it, s, x, r.val, ref, r.err);
          free (s);
          checked++;
        }
      else if (st == NS_OK)
        ck_assert (isfinite (r.val));
      else
        ck_assert (st == NS_EDOM || st == NS_ERANGE || st == NS_EOVERFLOW);
      ns_fn_free (f);
    }
  ck_assert_int_gt (checked, n / 4);
  gsl_rng_free (rng);
}
END_TEST

/* ------------------------------------------------------------------ extreme arguments */

static ns_function *
parse_or_fail (const char *text)
{
  ns_function *f = NULL;
  ns_parse_error pe;
  ck_assert_msg (ns_fn_parse (text, &f, &pe) == NS_OK, "%s does not parse", text);
  return f;
}

START_TEST (test_eval_bound_never_nan)
{
  /* Each of these made the propagated bound NaN (0 * inf in exp after
     underflow, 0/0 in the quotient rule when |b|^2 underflowed, 0 * inf in
     the product rule) while the value was fine.  The exact values are
     known by hand, and the bound must be finite and contain them. */
  static const struct
  {
    const char *text;
    double x, exact, max_err;
  } cases[] = {
    /* 2 - max(1 + x, 2) = 1 - x: e^(1 - 1e300) underflows to 0. */
    { "exp(2 - max(1+x, 2))", 1e300, 0.0, 1e-300 },
    /* max(1 + x, 2) = 2 exactly; 1 + x's huge error must not spread. */
    { "exp(2 - max(1+x, 2))", -1e300, 1.0, 4 * DBL_EPSILON },
    { "relu(x)/x", 1e300, 1.0, 4 * DBL_EPSILON },
    { "relu(x)/x", 1e-300, 1.0, 4 * DBL_EPSILON },
    { "relu(x)/x", -1e-300, 0.0, 4 * DBL_EPSILON },
    { "relu(x)/x", DBL_TRUE_MIN, 1.0, 4 * DBL_EPSILON },
    /* 1e16 + 1.5 rounds to 1e16 + 2: the divisor 2 has an error bound
       above 2, so 1/(...) has an infinite bound, times an exact 0. */
    { "relu(-x) * (1/(1e16 + x - 1e16))", 1.5, 0.0, 0.0 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    {
      ns_function *f = parse_or_fail (cases[i].text);
      ns_result r;
      ck_assert_int_eq (ns_fn_eval (f, cases[i].x, &r), NS_OK);
      ck_assert_msg (r.err >= 0 && r.err <= cases[i].max_err,
                     "%s at %g: err %g", cases[i].text, cases[i].x, r.err);
      ck_assert_msg (fabs (r.val - cases[i].exact) <= r.err,
                     "%s at %g: val %.17g err %g", cases[i].text, cases[i].x,
                     r.val, r.err);
      ns_fn_free (f);
    }
}
END_TEST

START_TEST (test_eval_extreme_arguments)
{
  /* Every rule at the ends of the double range: the status is one that
     ns_fn_eval documents; with NS_OK the value is finite and the bound a
     number >= 0 (possibly +inf, never NaN) that contains the long-double
     reference (whose range reaches past DBL_MAX^2 and DBL_TRUE_MIN^2; its
     own error is the same propagation with 2^-11 the unit roundoff, hence
     the err / 256 slack). */
  static const char *exprs[] = {
    "x*x", "x*x*x", "1/x", "x/x", "relu(x)/x", "x/(x*x)", "(x*x)/(x*x)",
    "1/(x*x)", "1/(1/x)", "x^2", "x^3", "x^-1", "x^-2", "(1+x)^-2", "(x*x)^3",
    "exp(x)", "exp(-x)", "exp(x*x)", "exp(-x*x)", "exp(1/x)", "exp(-1/(x*x))",
    "exp(2 - max(1+x, 2))", "exp(x)/x", "x/exp(x)", "x*exp(-abs(x))",
    "exp(x) - exp(x)", "exp(x)*exp(-x)", "exp(-abs(x))*x*x*x",
    "sqrt(abs(x))", "sqrt(x*x)", "log(abs(x))", "log(1 + abs(x))",
    "log(x*x)", "sin(x)", "cos(x)*x", "sin(x)/x", "x - x", "(1+x) - x",
    "max(x, -x)", "min(1+x, 2)", "max(x*x, 1/x)", "heaviside(x)*x",
    "sign(x)*x", "floor(x)", "floor(1/x)", "clamp(x, -1, 1)*x",
    "leaky_relu(x, 0.1)", "leaky_relu(-x*x, 1e300)", "relu(x)*relu(-x)",
    "relu(-x) * (1/(1e16 + x - 1e16))", "abs(x)^-3", "x + 1e308",
  };
  static const double xs[] = {
    0.0, -0.0, 1e300, -1e300, 1e-300, -1e-300, DBL_MAX, -DBL_MAX, DBL_MIN,
    -DBL_MIN, DBL_TRUE_MIN, -DBL_TRUE_MIN, 4.9e-320, -4.9e-320, 1e154,
    -1e154, 1e-154, 1e-162, 709.75, -745.1, 1.5,
  };
  int ok = 0;
  for (size_t i = 0; i < sizeof exprs / sizeof *exprs; i++)
    {
      ns_function *f = parse_or_fail (exprs[i]);
      for (size_t j = 0; j < sizeof xs / sizeof *xs; j++)
        {
          double x = xs[j];
          ns_result r;
          ns_status st = ns_fn_eval (f, x, &r);
          ck_assert_msg (st == NS_OK || st == NS_EDOM || st == NS_ERANGE || st == NS_EOVERFLOW,
                         "%s at %g: %s", exprs[i], x, ns_strerror (st));
          ck_assert (!isnan (r.err) && r.err >= 0);
          /* An overflow holds no number, as a domain error. */
          if (st == NS_EDOM || st == NS_EOVERFLOW)
            ck_assert (isnan (r.val));
          if (st == NS_ERANGE)
            ck_assert (!isfinite (r.val));
          if (st != NS_OK)
            continue;
          ok++;
          ck_assert_msg (isfinite (r.val), "%s at %g: val %g", exprs[i], x, r.val);
          long double ref;
          if (!reference_eval (f, x, &ref) || isnan (ref))
            continue;
          long double diff = fabsl ((long double) r.val - ref);
          ck_assert_msg (diff <= r.err + r.err / 256 + 0x1p-60 * fabsl (ref),
                         "%s at %.17g: val %.17g ref %.17Lg err %g",
                         exprs[i], x, r.val, ref, r.err);
        }
      ns_fn_free (f);
    }
  ck_assert_int_gt (ok, 500);
}
END_TEST

START_TEST (test_eval_conventions)
{
  ns_result r;
  struct { ns_function *f; double x, want; } c[] = {
    { ns_fn_relu (X), 0, 0 },
    { ns_fn_heaviside (X, 0.5), 0, 0.5 },
    { ns_fn_heaviside (X, 0), 0, 0 },
    { ns_fn_heaviside (X, 1), 0, 1 },
    { ns_fn_sign (X), 0, 0 },
    { ns_fn_floor (X), -0.5, -1 },
    { ns_fn_leaky_relu (X, 0.01), -2, -0.02 },
    { ns_fn_clamp (X, -1, 1), 7, 1 },
    { ns_fn_max (C (0), X), 3, 3 },
  };
  for (size_t i = 0; i < sizeof c / sizeof *c; i++)
    {
      ck_assert_int_eq (ns_fn_eval (c[i].f, c[i].x, &r), NS_OK);
      ck_assert_msg (r.val == c[i].want, "case %zu: %g", i, r.val);
      ns_fn_free (c[i].f);
    }
  /* Near a kink the double bound would cover both branches: heaviside(3x
     - 0.3) at 0.1 has an argument within rounding of 0.  Its exact sign
     decides instead: with the doubles 0.1 = 3602879701896397/2^55 and
     0.3 = 5404319552844595/2^54, 3*0.1 - 0.3 = 1/2^55 > 0 (Python's
     fractions.Fraction), so the step is exactly 1. */
  ns_function *h = ns_fn_heaviside (ns_fn_sub (ns_fn_mul (C (3), X), C (0.3)), 0.5);
  ck_assert_int_eq (ns_fn_eval (h, 0.1, &r), NS_OK);
  ck_assert (r.val == 1 && r.err == 0);
  ns_fn_free (h);
}
END_TEST

/* ------------------------------------------------------------------ breakpoints */

static void
check_breakpoints (ns_function *f, double a, double b, const double *want, size_t nwant,
                   double rel_tol, const char *name)
{
  double pts[64];
  size_t n;
  ns_status st = ns_fn_breakpoints (f, a, b, pts, 64, &n);
  ck_assert_msg (st == NS_OK, "%s: %s", name, ns_strerror (st));
  ck_assert_msg (n == nwant, "%s: %zu points, want %zu (first %g)", name, n, nwant, n ? pts[0] : (double) NAN);
  for (size_t i = 0; i < n; i++)
    ck_assert_msg (fabs (pts[i] - want[i]) <= rel_tol * fmax (1, fabs (want[i])),
                   "%s: point %zu is %.17g, want %.17g", name, i, pts[i], want[i]);
  ns_fn_free (f);
}

START_TEST (test_breakpoints_examples)
{
  check_breakpoints (ns_fn_floor (X), -1.5, 2.5, (double[]) { -1, 0, 1, 2 }, 4, 0, "floor");
  check_breakpoints (ns_fn_max (ns_fn_add (ns_fn_mul (C (2), X), C (1)), ns_fn_add (ns_fn_neg (X), C (4))),
                     -10, 10, (double[]) { 1 }, 1, 0, "max(2x+1,-x+4)");
  check_breakpoints (b_relu_cubic (), -2, 2, (double[]) { -1, 0, 1 }, 3, 0, "relu(x^3-x)");
  check_breakpoints (ns_fn_add (ns_fn_abs (ns_fn_sub (X, C (1))), ns_fn_mul (C (2), ns_fn_abs (X))),
                     -3, 3, (double[]) { 0, 1 }, 2, 0, "abs(x-1)+2abs(x)");
  /* The double nearest each root (sqrt rounds correctly), not one ulp off. */
  check_breakpoints (b_relu_x2_minus_2 (), -3, 3, (double[]) { -sqrt (2.0), sqrt (2.0) }, 2, 0,
                     "relu(x*x-2)");
  check_breakpoints (ns_fn_relu (ns_fn_sin (X)), -1, 7, (double[]) { 0, M_PI, 2 * M_PI }, 3,
                     4 * DBL_EPSILON, "relu(sin x)");
  check_breakpoints (ns_fn_sqrt (ns_fn_pow (ns_fn_sub (X, C (1)), 2)), -2, 3, (double[]) { 1 }, 1, 0,
                     "sqrt((x-1)^2)");
  /* exp(x) - 1 - x >= 0 touches 0 at 0: a tangential contact, located to
     about sqrt(eps). */
  check_breakpoints (ns_fn_sqrt (ns_fn_sub (ns_fn_sub (ns_fn_exp (X), C (1)), X)), -1, 2,
                     (double[]) { 0 }, 1, 1e-7, "sqrt(exp(x)-1-x)");
  check_breakpoints (ns_fn_log (ns_fn_abs (X)), -1, 1, (double[]) { 0 }, 1, 0, "log|x|");
  check_breakpoints (ns_fn_div (C (1), ns_fn_sub (X, C (0.5))), 0, 1, (double[]) { 0.5 }, 1, 0,
                     "1/(x-0.5)");
  check_breakpoints (ns_fn_clamp (ns_fn_mul (C (2), X), -1, 1), -3, 3, (double[]) { -0.5, 0.5 }, 2, 0,
                     "clamp(2x,-1,1)");
  check_breakpoints (ns_fn_relu (ns_fn_relu (X)), -1, 1, (double[]) { 0 }, 1, 0, "relu(relu(x))");
  /* The switching quantity is undefined left of 0: that piece is skipped,
     not searched until the work bound stops everything. */
  check_breakpoints (ns_fn_relu (ns_fn_log (X)), -1, 2, (double[]) { 0, 1 }, 2, 0, "relu(log x)");
  /* sqrt(x) - 1 computes to exactly 0 at both 1 and 1 + 2^-52 (the square
     root of the latter rounds to 1), so either double is the crossing. */
  check_breakpoints (ns_fn_relu (ns_fn_sub (ns_fn_sqrt (X), C (1))), -3, 3, (double[]) { 0, 1 }, 2,
                     DBL_EPSILON, "relu(sqrt(x) - 1)");
  check_breakpoints (ns_fn_exp (ns_fn_sin (X)), -5, 5, NULL, 0, 0, "smooth");
  check_breakpoints (ns_fn_relu (X), 1, 2, NULL, 0, 0, "kink outside");
  check_breakpoints (ns_fn_relu (X), 0, 0, (double[]) { 0 }, 1, 0, "degenerate range at the kink");
  /* A kink inside the argument of another: relu(abs(x) - 1) at -1, 0?, 1:
     abs switches at 0 too. */
  check_breakpoints (ns_fn_relu (ns_fn_sub (ns_fn_abs (X), C (1))), -2, 2,
                     (double[]) { -1, 0, 1 }, 3, 0, "relu(|x|-1)");
}
END_TEST

START_TEST (test_breakpoints_locate_the_switch)
{
  /* floor(10x) on [0, 1]: 11 switch points, each the double nearest k/10,
     and the germs there see the unit jump of floor. */
  ns_function *f = ns_fn_floor (ns_fn_mul (C (10), X));
  double pts[32];
  size_t n;
  ck_assert_int_eq (ns_fn_breakpoints (f, 0, 1, pts, 32, &n), NS_OK);
  ck_assert_int_eq ((int) n, 11);
  for (size_t i = 0; i < n; i++)
    {
      double want = (double) i / 10, jump;
      ck_assert_msg (fabs (pts[i] - want) <= DBL_EPSILON * want, "point %zu = %.17g", i, pts[i]);
      ck_assert_int_eq (ns_fn_jump (f, pts[i], 0, &jump), NS_OK);
      ck_assert_msg (jump == 1, "point %zu = %.17g: jump %g", i, pts[i], jump);
    }
  ns_fn_free (f);
}
END_TEST

START_TEST (test_breakpoints_limits)
{
  ns_function *f = ns_fn_floor (X);
  double pts[10];
  size_t n = 99;
  ck_assert_int_eq (ns_fn_breakpoints (f, 0, 1000, pts, 10, &n), NS_ELIMIT);
  ck_assert_int_eq ((int) n, 10);
  for (size_t i = 1; i < n; i++)
    ck_assert (pts[i] > pts[i - 1]);
  ck_assert_int_eq (ns_fn_breakpoints (f, 2, 1, pts, 10, &n), NS_EINVAL);
  ck_assert_int_eq (ns_fn_breakpoints (f, NAN, 1, pts, 10, &n), NS_EINVAL);
  ck_assert_int_eq (ns_fn_breakpoints (f, 0, HUGE_VAL, pts, 10, &n), NS_EINVAL);
  ck_assert_int_eq (ns_fn_breakpoints (NULL, 0, 1, pts, 10, &n), NS_EINVAL);
  ck_assert_int_eq (ns_fn_breakpoints (f, 0, 1, NULL, 10, &n), NS_EINVAL);
  ck_assert_int_eq (ns_fn_breakpoints (f, 0, 1, pts, 10, NULL), NS_EINVAL);
  /* exactly max points is not a failure */
  ck_assert_int_eq (ns_fn_breakpoints (f, 0.5, 10.5, pts, 10, &n), NS_OK);
  ck_assert_int_eq ((int) n, 10);
  ns_fn_free (f);
  /* floor(x^2) on [0, 100] has 10001 switch points: bounded work, a status. */
  f = ns_fn_floor (ns_fn_pow (X, 2));
  double many[100];
  ck_assert_int_eq (ns_fn_breakpoints (f, 0, 100, many, 100, &n), NS_ELIMIT);
  ns_fn_free (f);
}
END_TEST

/* ------------------------------------------------------------------ printing */

START_TEST (test_print)
{
  struct { ns_function *f; const char *text; } c[] = {
    { ns_fn_add (ns_fn_abs (ns_fn_sub (X, C (1))), ns_fn_mul (C (2), ns_fn_abs (X))), "abs(x - 1) + 2*abs(x)" },
    { ns_fn_max (C (0), X), "max(0, x)" },
    { ns_fn_heaviside (X, 0.5), "heaviside(x)" },
    { ns_fn_heaviside (X, 0), "heaviside(x, 0)" },
    { ns_fn_clamp (X, -1, 1), "clamp(x, -1, 1)" },
    { ns_fn_leaky_relu (X, 0.01), "leaky_relu(x)" },
    { ns_fn_leaky_relu (X, 0.2), "leaky_relu(x, 0.2)" },
    { ns_fn_neg (ns_fn_pow (X, 2)), "-x^2" },
    { ns_fn_pow (ns_fn_add (X, C (1)), 2), "(x + 1)^2" },
    { ns_fn_pow (X, -1), "x^(-1)" },
    { ns_fn_sub (X, ns_fn_sub (X, C (1))), "x - (x - 1)" },
    { ns_fn_div (C (2), ns_fn_mul (X, X)), "2/(x*x)" },
    { ns_fn_mul (C (-2), X), "-2*x" },
    { ns_fn_pow (C (-2), 3), "(-2)^3" },
    { ns_fn_neg (ns_fn_neg (X)), "-(-x)" },
    { ns_fn_const (0.1), "0.1" },
    { ns_fn_const (1.0 / 3), "0.3333333333333333" },
    { ns_fn_const (2.5e-300), "2.5e-300" },
  };
  for (size_t i = 0; i < sizeof c / sizeof *c; i++)
    {
      char buf[128];
      size_t n = ns_fn_snprint (buf, sizeof buf, c[i].f);
      ck_assert_str_eq (buf, c[i].text);
      ck_assert_uint_eq (n, strlen (c[i].text));
      /* truncation like snprintf */
      char small[4];
      ck_assert_uint_eq (ns_fn_snprint (small, sizeof small, c[i].f), n);
      ck_assert_uint_eq (strlen (small), n < 3 ? n : 3);
      char *s = ns_fn_to_string (c[i].f);
      ck_assert_str_eq (s, c[i].text);
      free (s);
      ns_fn_free (c[i].f);
    }
  ck_assert_int_eq (ns_fn_print (NULL, NULL), NS_EINVAL);
}
END_TEST

/* ------------------------------------------------------------------ bad input, ownership */

START_TEST (test_bad_input)
{
  ns_result r;
  ns_function *f = ns_fn_log (X);
  ck_assert_int_eq (ns_fn_eval (f, 0, &r), NS_EDOM);
  ck_assert (isnan (r.val));
  ck_assert_int_eq (ns_fn_eval (f, -1, &r), NS_EDOM);
  ck_assert_int_eq (ns_fn_eval (f, NAN, &r), NS_EINVAL);
  ck_assert_int_eq (ns_fn_eval (f, HUGE_VAL, &r), NS_EINVAL);
  ck_assert_int_eq (ns_fn_eval (f, -HUGE_VAL, &r), NS_EINVAL);
  ck_assert_int_eq (ns_fn_eval (NULL, 1, &r), NS_EINVAL);
  ck_assert_int_eq (ns_fn_eval (f, 1, NULL), NS_EINVAL);
  ns_fn_free (f);
  f = ns_fn_div (C (1), X);
  ck_assert_int_eq (ns_fn_eval (f, 0, &r), NS_EDOM);
  ns_fn_free (f);
  f = ns_fn_sqrt (X);
  ck_assert_int_eq (ns_fn_eval (f, -1e-300, &r), NS_EDOM);
  ns_fn_free (f);
  f = ns_fn_exp (X);
  /* e^1000 is finite but not a double: an overflow, not an infinite
     exact value. */
  ck_assert_int_eq (ns_fn_eval (f, 1000, &r), NS_EOVERFLOW);
  ck_assert (isnan (r.val) && isinf (r.err));
  ns_germ g;
  ck_assert_int_eq (ns_fn_germ (f, 1000, NS_RIGHT, 2, &g), NS_EOVERFLOW);
  ns_fn_free (f);
  f = ns_fn_pow (X, 1024);
  ck_assert_ptr_nonnull (f);
  ck_assert_int_eq (ns_fn_eval (f, 2, &r), NS_EOVERFLOW);
  ns_fn_free (f);
  /* invalid parameters: NULL, and the arguments are released */
  f = ns_fn_pow (X, 0);      /* x^0 = 1, also at 0 */
  ck_assert_int_eq (ns_fn_eval (f, 0, &r), NS_OK);
  ck_assert (r.val == 1);
  ns_fn_free (f);
  ck_assert_ptr_null (ns_fn_const (NAN));
  ck_assert_ptr_null (ns_fn_const (HUGE_VAL));
  ck_assert_ptr_null (ns_fn_clamp (X, 1, -1));
  ck_assert_ptr_null (ns_fn_clamp (X, NAN, 1));
  ck_assert_ptr_null (ns_fn_heaviside (X, INFINITY));  /* NaN is allowed: tests/test_heaviside_nan.c */
  ns_function *p;
  ck_assert_int_eq (ns_fn_make (NS_OP_POW, (ns_function *[]) { X }, (double[]) { 0.5 }, &p), NS_EINVAL);
  ck_assert_ptr_null (p);
  ck_assert_int_eq (ns_fn_make (NS_OP_POW, (ns_function *[]) { X }, (double[]) { 1025 }, &p), NS_EINVAL);
  ck_assert_int_eq (ns_fn_make (NS_OP_COUNT, NULL, NULL, &p), NS_EINVAL);
  ck_assert_int_eq (ns_fn_make (NS_OP_ADD, (ns_function *[]) { X, X }, NULL, NULL), NS_EINVAL);
  /* germ arguments */
  f = ns_fn_relu (X);
  ck_assert_int_eq (ns_fn_germ (f, 0, NS_RIGHT, NS_MAX_ORDER + 1, &g), NS_EINVAL);
  ck_assert_int_eq (ns_fn_germ (f, 0, NS_RIGHT, -1, &g), NS_EINVAL);
  ck_assert_int_eq (ns_fn_germ (f, 0, (ns_side) 0, 1, &g), NS_EINVAL);
  ck_assert_int_eq (ns_fn_germ (f, NAN, NS_RIGHT, 1, &g), NS_EINVAL);
  ck_assert_int_eq (ns_fn_germ (f, 0, NS_RIGHT, 1, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_fn_germ (f, 0, NS_RIGHT, NS_MAX_ORDER, &g), NS_OK);
  double d;
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_RIGHT, -1, &d), NS_EINVAL);
  ck_assert_int_eq (ns_fn_deriv (f, 0, 1, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_fn_jump (NULL, 0, 1, &d), NS_EINVAL);
  ns_fn_free (f);
}
END_TEST

START_TEST (test_ownership)
{
  /* NULL propagates and the other argument is released (ASan checks the
     release; CK_FORK=no in the sanitizer build). */
  ck_assert_ptr_null (ns_fn_relu (NULL));
  ck_assert_ptr_null (ns_fn_add (X, NULL));
  ck_assert_ptr_null (ns_fn_max (NULL, ns_fn_sin (X)));
  ck_assert_ptr_null (ns_fn_clamp (ns_fn_exp (X), 2, 1));
  ns_fn_free (NULL);
  ck_assert_ptr_null (ns_fn_ref (NULL));
  /* sharing: one subtree used twice, freed once per reference */
  ns_function *s = ns_fn_sin (X);
  ns_function *f = ns_fn_mul (ns_fn_ref (s), s);
  ns_result r;
  ck_assert_int_eq (ns_fn_eval (f, 1, &r), NS_OK);
  ck_assert (fabs (r.val - sin (1) * sin (1)) <= r.err);
  ns_fn_free (f);
  /* introspection */
  f = ns_fn_clamp (X, -1, 2);
  ck_assert_int_eq (ns_fn_op (f), NS_OP_CLAMP);
  ck_assert_int_eq (ns_fn_op (ns_fn_arg (f, 0)), NS_OP_X);
  ck_assert_ptr_null (ns_fn_arg (f, 1));
  ck_assert (ns_fn_param (f, 1) == 2);
  ck_assert (isnan (ns_fn_param (f, 2)));
  ck_assert_int_eq (ns_fn_op (NULL), NS_OP_COUNT);
  ns_fn_free (f);
  ck_assert_ptr_null (ns_op_get (NS_OP_COUNT));
  ck_assert_str_eq (ns_op_get (NS_OP_RELU)->name, "relu");
  ck_assert_int_eq (ns_op_lookup ("floor", 5), NS_OP_FLOOR);
  ck_assert_int_eq (ns_op_lookup ("floorx", 5), NS_OP_FLOOR);
  ck_assert_int_eq (ns_op_lookup ("const", 5), NS_OP_COUNT);
  ck_assert_int_eq (ns_op_lookup ("+", 1), NS_OP_COUNT);
  ck_assert_int_eq (ns_op_lookup (NULL, 0), NS_OP_COUNT);
}
END_TEST

START_TEST (test_depth_and_size_limits)
{
  /* 1001 nested relus exceed NS_FN_MAX_DEPTH: NULL, nothing leaks. */
  ns_function *f = X;
  for (int i = 0; i < NS_FN_MAX_DEPTH + 1; i++)
    f = ns_fn_relu (f);
  ck_assert_ptr_null (f);
  /* 999 levels are fine, and evaluate. */
  f = X;
  for (int i = 0; i < NS_FN_MAX_DEPTH - 1; i++)
    f = ns_fn_relu (f);
  ck_assert_ptr_nonnull (f);
  ns_result r;
  ck_assert_int_eq (ns_fn_eval (f, -1, &r), NS_OK);
  ck_assert (r.val == 0);
  ns_fn_free (f);
  /* Squaring a shared tree doubles its size: 2^20 > NS_FN_MAX_SIZE nodes. */
  f = X;
  int levels = 0;
  while (f && levels < 30)
    {
      f = ns_fn_mul (ns_fn_ref (f), f);
      levels++;
    }
  ck_assert_ptr_null (f);
  ck_assert_int_le (levels, 21);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("function");
  TCase *core = tcase_create ("core");
  tcase_add_loop_test (core, test_one_sided_derivatives, 0,
                       (int) (sizeof deriv_cases / sizeof *deriv_cases));
  tcase_add_test (core, test_polynomial_kinks_are_exact);
  tcase_add_test (core, test_infinite_slopes);
  tcase_add_test (core, test_pointwise_derivative);
  tcase_add_test (core, test_jumps);
  tcase_add_test (core, test_representation_independence);
  tcase_add_test (core, test_germs_match_numerical_derivatives);
  tcase_add_test (core, test_eval_conventions);
  tcase_add_test (core, test_breakpoints_examples);
  tcase_add_test (core, test_breakpoints_locate_the_switch);
  tcase_add_test (core, test_print);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad_input);
  tcase_add_test (limits, test_ownership);
  tcase_add_test (limits, test_depth_and_size_limits);
  tcase_add_test (limits, test_breakpoints_limits);
  tcase_add_test (limits, test_eval_bound_never_nan);
  tcase_add_test (limits, test_eval_extreme_arguments);
  suite_add_tcase (s, limits);
  TCase *random = tcase_create ("random");
  tcase_add_test (random, test_eval_error_bounds_contain_true_error);
  tcase_set_timeout (random, 60);
  suite_add_tcase (s, random);
  return s;
}
