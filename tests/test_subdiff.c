/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_subdiff.c: the four subdifferentials against sets derived by
   hand from the definitions (see doc/subdiff.texi for each derivation);
   the convexity certificate on convex examples, its refusals and its
   witnesses (more in tests/test_convexity.c); the
   subgradient-inequality check against hand-derived witnesses; bad input. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

#define X ns_fn_x ()
#define C(v) ns_fn_const (v)

/* Set endpoints come from germ coefficients, exact for these examples up to
   a few roundings of the affine arguments: 1e-12 is far above that and far
   below any difference between the expected sets. */
#define SET_TOL 1e-12

#define PI 3.14159265358979323846
#define SQRT3 1.73205080756887729353

typedef ns_function *(*builder) (void);

static ns_function *b_relu (void) { return ns_fn_relu (X); }
static ns_function *b_abs (void) { return ns_fn_abs (X); }
static ns_function *b_neg_abs (void) { return ns_fn_neg (ns_fn_abs (X)); }
static ns_function *b_hinge (void) { return ns_fn_relu (ns_fn_sub (C (1), X)); }
static ns_function *b_max3 (void)
{
  /* max(2x + 1, -x + 4, x/2 + 5/2): all three equal 3 at x = 1. */
  return ns_fn_max (ns_fn_max (ns_fn_add (ns_fn_mul (C (2), X), C (1)),
                               ns_fn_add (ns_fn_neg (X), C (4))),
                    ns_fn_add (ns_fn_div (X, C (2)), C (2.5)));
}
static ns_function *b_sqrt_abs (void) { return ns_fn_sqrt (ns_fn_abs (X)); }
static ns_function *b_heav0 (void) { return ns_fn_heaviside (X, 0.0); }
static ns_function *b_heav_half (void) { return ns_fn_heaviside (X, 0.5); }
static ns_function *b_heav1 (void) { return ns_fn_heaviside (X, 1.0); }
static ns_function *b_abs_plus_relu (void) { return ns_fn_add (ns_fn_abs (X), ns_fn_relu (X)); }
static ns_function *b_square (void) { return ns_fn_pow (X, 2); }
static ns_function *b_sin (void) { return ns_fn_sin (X); }
static ns_function *b_cube (void) { return ns_fn_pow (X, 3); }
static ns_function *b_log (void) { return ns_fn_log (X); }
static ns_function *b_sqrt (void) { return ns_fn_sqrt (X); }
static ns_function *b_exp (void) { return ns_fn_exp (X); }
static ns_function *b_leaky (void) { return ns_fn_leaky_relu (X, 0.1); }
static ns_function *b_scaled_relu (void) { return ns_fn_add (ns_fn_mul (C (2), ns_fn_relu (X)), C (3)); }
static ns_function *b_max_abs_exp (void) { return ns_fn_max (ns_fn_abs (ns_fn_sub (X, C (1))), ns_fn_exp (X)); }
static ns_function *b_neg_min (void) { return ns_fn_neg (ns_fn_min (X, ns_fn_neg (X))); }
static ns_function *b_relu_of_square (void) { return ns_fn_relu (ns_fn_sub (ns_fn_pow (X, 2), C (1))); }
static ns_function *b_min_x_0 (void) { return ns_fn_min (X, C (0)); }
static ns_function *b_relu_of_neg_abs (void) { return ns_fn_relu (ns_fn_neg (ns_fn_abs (X))); }
/* min(|x|, |x - 4|): a W, not convex. */
static ns_function *b_w (void) { return ns_fn_min (ns_fn_abs (X), ns_fn_abs (ns_fn_sub (X, C (4)))); }
/* |x| + 2 sin x: regular set [1, 3] at 0, not convex. */
static ns_function *b_abs_2sin (void) { return ns_fn_add (ns_fn_abs (X), ns_fn_mul (C (2), ns_fn_sin (X))); }
/* 2 relu(x) - H(x) with H(0) = 0: a downward jump just right of 0. */
/* relu(x) - relu(-x)/2: slope 1/2 left of 0, 1 right; convex only piece by piece. */
static ns_function *b_half_leaky (void) { return ns_fn_sub (ns_fn_relu (X), ns_fn_div (ns_fn_relu (ns_fn_neg (X)), C (2))); }
static ns_function *b_jump_down (void) { return ns_fn_sub (ns_fn_mul (C (2), ns_fn_relu (X)), ns_fn_heaviside (X, 0.0)); }

/* Expected sets: an interval, a point, two points, empty, or "no set". */
typedef enum { E_IV, E_PT2, E_EMPTY, E_NONE } expect_shape;

typedef struct expect {
  ns_status status;
  expect_shape shape;
  double lo, hi;        /* the interval, or the two points */
} expect;

typedef struct subdiff_case {
  const char *name;
  builder build;
  double x;
  expect e[NS_SUBDIFF_KIND_COUNT];   /* Frechet, limiting, Clarke, convex */
} subdiff_case;

#define IV(lo, hi) { NS_OK, E_IV, lo, hi }
#define PT(v) { NS_OK, E_IV, v, v }
#define EMPTY { NS_OK, E_EMPTY, 0, 0 }
#define NOTLIP { NS_ENOTLIPSCHITZ, E_EMPTY, 0, 0 }
#define NOTCVX(lo, hi) { NS_ENOTCONVEX, E_IV, lo, hi }
#define NOTCVX_EMPTY { NS_ENOTCONVEX, E_EMPTY, 0, 0 }
#define ALL4(e) { e, e, e, e }

/* Each set derived by hand in doc/subdiff.texi: slopes dL = f'(x-),
   dR = f'(x+); Frechet [dL, dR]; limiting adds dL, dR; Clarke the hull. */
static const subdiff_case cases[] = {
  { "relu at 0", b_relu, 0, ALL4 (IV (0, 1)) },
  { "relu at -1", b_relu, -1, ALL4 (PT (0)) },
  { "relu at 2", b_relu, 2, ALL4 (PT (1)) },
  { "abs at 0", b_abs, 0, ALL4 (IV (-1, 1)) },
  { "hinge at 1", b_hinge, 1, ALL4 (IV (-1, 0)) },
  { "max3 at 1", b_max3, 1, ALL4 (IV (-1, 2)) },
  { "abs + relu at 0", b_abs_plus_relu, 0, ALL4 (IV (-1, 2)) },
  { "x^2 at 1", b_square, 1, ALL4 (PT (2)) },
  { "-abs at 0", b_neg_abs, 0,
    { EMPTY, { NS_OK, E_PT2, -1, 1 }, IV (-1, 1), NOTCVX_EMPTY } },
  /* sqrt|x|: slopes -inf on the left, +inf on the right; no finite
     gradient limit; the regular set is the whole line. */
  { "sqrt|x| at 0", b_sqrt_abs, 0,
    { IV (-INFINITY, INFINITY), IV (-INFINITY, INFINITY), NOTLIP,
      NOTCVX (-INFINITY, INFINITY) } },
  /* H(0) = 0: left side level with slope 0 asks g >= 0; the right side
     jumps up and asks nothing.  Limiting adds the left gradient 0. */
  { "heaviside h0=0 at 0", b_heav0, 0,
    { IV (0, INFINITY), IV (0, INFINITY), NOTLIP, NOTCVX (0, INFINITY) } },
  /* H(0) = 1/2: the left limit 0 < 1/2, so no g at all; neither side
     tends to f(0), so no gradient limit either. */
  { "heaviside h0=1/2 at 0", b_heav_half, 0,
    { EMPTY, EMPTY, NOTLIP, NOTCVX_EMPTY } },
  /* H(0) = 1: the left limit 0 < 1, so empty; the right side tends to
     f(0) = 1 with gradient 0, so the limiting set is {0}. */
  { "heaviside h0=1 at 0", b_heav1, 0,
    { EMPTY, PT (0), NOTLIP, NOTCVX_EMPTY } },
  /* |x| + 2 sin x at 0: dL = -1 + 2, dR = 1 + 2. */
  { "abs + 2 sin at 0", b_abs_2sin, 0,
    { IV (1, 3), IV (1, 3), IV (1, 3), NOTCVX (1, 3) } },
  /* relu(x) - relu(-x)/2: dL = 1/2, dR = 1; convex by the piecewise
     certificate, so the convex set is the Frechet one. */
  { "relu - relu(-x)/2 at 0", b_half_leaky, 0, ALL4 (IV (0.5, 1)) },
};

static void
build_expected (const expect *e, ns_set *s)
{
  if (e->shape == E_IV)
    ck_assert_int_eq (ns_set_interval (e->lo, e->hi, s), NS_OK);
  else if (e->shape == E_PT2)
    {
      ns_interval iv[2] = { { e->lo, e->lo }, { e->hi, e->hi } };
      ck_assert_int_eq (ns_set_from_intervals (iv, 2, s), NS_OK);
    }
  else
    ns_set_empty (s);
}

START_TEST (test_hand_derived_sets)
{
  const subdiff_case *tc = &cases[_i];
  ns_function *f = tc->build ();
  ck_assert_ptr_nonnull (f);
  for (int k = 0; k < NS_SUBDIFF_KIND_COUNT; k++)
    {
      ns_set got, want;
      ns_status st = ns_subdiff (f, tc->x, (ns_subdiff_kind) k, &got);
      build_expected (&tc->e[k], &want);
      int eq = 0;
      ck_assert_int_eq (ns_set_equal (&got, &want, SET_TOL, SET_TOL, &eq), NS_OK);
      char gbuf[128], wbuf[128];
      ns_set_snprint (gbuf, sizeof gbuf, &got, 0);
      ns_set_snprint (wbuf, sizeof wbuf, &want, 0);
      ck_assert_msg (st == tc->e[k].status && eq,
                     "%s, %s: got %s (%s), want %s (%s)", tc->name,
                     ns_subdiff_kind_name ((ns_subdiff_kind) k), gbuf,
                     ns_strerror (st), wbuf, ns_strerror (tc->e[k].status));
    }
  ns_fn_free (f);
}
END_TEST

/* The manual's example: relu at 0 prints [0, 1]. */
START_TEST (test_relu_prints)
{
  ns_function *f = ns_fn_relu (X);
  ns_set s;
  ck_assert_int_eq (ns_subdiff (f, 0, NS_SUBDIFF_CLARKE, &s), NS_OK);
  char buf[64];
  ns_set_snprint (buf, sizeof buf, &s, 0);
  ck_assert_str_eq (buf, "[0, 1]");
  ck_assert_int_eq (ns_subdiff (f, 0, NS_SUBDIFF_FRECHET, &s), NS_OK);
  ns_fn_free (f);
  f = ns_fn_neg (ns_fn_abs (X));
  ck_assert_int_eq (ns_subdiff (f, 0, NS_SUBDIFF_LIMITING, &s), NS_OK);
  ns_set_snprint (buf, sizeof buf, &s, 0);
  ck_assert_str_eq (buf, "{-1} ∪ {1}");
  ck_assert_int_eq (ns_subdiff (f, 0, NS_SUBDIFF_FRECHET, &s), NS_OK);
  ns_set_snprint (buf, sizeof buf, &s, 0);
  ck_assert_str_eq (buf, "∅");
  ns_fn_free (f);
}
END_TEST

/* The regular set is computed twice: by ns_subdiff, and as the set of g
   for which the subgradient check holds on a small range (a global
   minorant on [x - r, x + r] is a regular subgradient and, for these
   piecewise-affine convex examples, conversely). */
START_TEST (test_frechet_agrees_with_local_check)
{
  builder bs[] = { b_relu, b_abs, b_hinge, b_max3, b_abs_plus_relu };
  double xs[] = { 0, 0, 1, 1, 0 };
  for (size_t i = 0; i < sizeof bs / sizeof bs[0]; i++)
    {
      ns_function *f = bs[i] ();
      ns_set s;
      ck_assert_int_eq (ns_subdiff (f, xs[i], NS_SUBDIFF_FRECHET, &s), NS_OK);
      for (double g = -3; g <= 3; g += 0.25)
        {
          ns_subgrad_report r;
          ck_assert_int_eq (ns_subgrad_check (f, xs[i], g, xs[i] - 1, xs[i] + 1, &r), NS_OK);
          int in = 0;
          ck_assert_int_eq (ns_set_contains (&s, g, &in), NS_OK);
          ck_assert_msg (in == r.holds, "case %zu g = %g: in set %d, check %d", i, g, in, r.holds);
        }
      ns_fn_free (f);
    }
}
END_TEST

/* ------------------------------------------------------------------ convexity */

typedef struct convexity_case {
  const char *name;
  builder build;
  int certified;
  const char *reason_part;   /* a substring the reason must contain */
} convexity_case;

static const convexity_case convexity_cases[] = {
  { "relu", b_relu, 1, "convex nondecreasing" },
  { "abs", b_abs, 1, "abs of an affine" },
  { "hinge", b_hinge, 1, "convex" },
  { "max3", b_max3, 1, "max of convex" },
  { "abs + relu", b_abs_plus_relu, 1, "sum of convex" },
  { "x^2", b_square, 1, "even power" },
  { "exp", b_exp, 1, "convex" },
  { "leaky_relu 0.1", b_leaky, 1, "convex" },
  { "2 relu + 3", b_scaled_relu, 1, "convex" },
  { "max(|x-1|, exp)", b_max_abs_exp, 1, "max of convex" },
  { "-min(x, -x)", b_neg_min, 1, "negative of a concave" },
  { "relu(x^2 - 1)", b_relu_of_square, 1, "convex nondecreasing" },
  /* Piecewise linear: the slope drops from 1 to -1 at 0. */
  { "-abs", b_neg_abs, 0, "not convex: the slope drops from 1 to -1 at x = 0" },
  { "sin", b_sin, 0, "not convex: f''" },
  { "x^3", b_cube, 0, "not convex: f''" },
  { "min(x, 0)", b_min_x_0, 0, "not convex: the slope drops from 1 to 0 at x = 0" },
  /* relu(-|x|) = 0: the rules refuse relu of a concave argument, the
     pieces find slope 0 on both sides of 0. */
  { "relu(-|x|)", b_relu_of_neg_abs, 1, "piecewise linear" },
  { "relu(x) - relu(-x)/2", b_half_leaky, 1, "piecewise linear" },
  { "log", b_log, 0, "whole line" },
  { "heaviside", b_heav_half, 0, "not convex: f jumps from 0 to 0.5 at x = 0" },
  /* Slopes -1, 1, -1, 1: the drop is at 2. */
  { "min(|x|, |x-4|)", b_w, 0, "the slope drops from 1 to -1 at x = 2" },
  /* Not piecewise linear: the whole-line check finds f'' = -2 sin x < 0
     somewhere. */
  { "|x| + 2 sin x", b_abs_2sin, 0, "not convex: f''" },
};

START_TEST (test_convexity)
{
  const convexity_case *tc = &convexity_cases[_i];
  ns_function *f = tc->build ();
  int cert = -1;
  char reason[256];
  ns_status st = ns_fn_convexity (f, &cert, reason, sizeof reason);
  ck_assert_msg (cert == tc->certified && st == (tc->certified ? NS_OK : NS_ENOTCONVEX),
                 "%s: certified %d, status %s, reason '%s'", tc->name, cert,
                 ns_strerror (st), reason);
  ck_assert_msg (strstr (reason, tc->reason_part) != NULL,
                 "%s: reason '%s' lacks '%s'", tc->name, reason, tc->reason_part);
  ns_fn_free (f);
}
END_TEST

/* ------------------------------------------------------------------ subgradient inequality */

typedef struct check_case {
  const char *name;
  builder build;
  double x, g, a, b;
  int holds;
  double witness;      /* hand-derived point of largest violation */
  int side;
  double violation;    /* f(x) + g (y - x) - f(y) there */
  double wtol;         /* tolerance on the witness: 0 at a breakpoint or range end */
} check_case;

static const check_case check_cases[] = {
  { "relu g=0.3", b_relu, 0, 0.3, -10, 10, 1, NAN, 0, 0, 0 },
  { "relu g=0", b_relu, 0, 0.0, -10, 10, 1, NAN, 0, 0, 0 },
  { "relu g=1", b_relu, 0, 1.0, -10, 10, 1, NAN, 0, 0, 0 },
  /* relu(y) - 1.2 y = -0.2 y for y > 0: least at the range end y = 10. */
  { "relu g=1.2", b_relu, 0, 1.2, -10, 10, 0, 10, 0, 2, 0 },
  /* relu(y) + 0.5 y for y < 0 is 0.5 y: least at y = -10. */
  { "relu g=-0.5", b_relu, 0, -0.5, -10, 10, 0, -10, 0, 5, 0 },
  { "abs g=1", b_abs, 0, 1.0, -10, 10, 1, NAN, 0, 0, 0 },
  { "abs g=-1", b_abs, 0, -1.0, -10, 10, 1, NAN, 0, 0, 0 },
  /* |y| - 1.5 y = -0.5 y for y > 0: least at y = 10. */
  { "abs g=1.5", b_abs, 0, 1.5, -10, 10, 0, 10, 0, 5, 0 },
  /* min(|y|, |y-4|) - y/2: 0.5 y on [0, 2], 4 - 1.5 y on [2, 4],
     0.5 y - 4 on [4, 10]; least -2 at the breakpoint y = 4, although
     g = 1/2 is in the regular set [-1, 1] at 0. */
  { "W g=0.5", b_w, 0, 0.5, -10, 10, 0, 4, 0, 2, 0 },
  /* |y| + 2 sin y - 2 y = 2 sin y - y on (0, 6]: stationary where
     cos y = 1/2, least at y = 5 pi/3 with value -sqrt 3 - 5 pi/3 (the end
     y = 6 gives 2 sin 6 - 6 = -6.56, higher); on [-4, 0] the gap 2 sin y
     - 3 y is positive.  g = 2 is in the regular set [1, 3] at 0. */
  { "abs+2sin g=2", b_abs_2sin, 0, 2.0, -4, 6, 0, 5 * PI / 3, 0, SQRT3 + 5 * PI / 3, 1e-6 },
  /* 2 relu(y) - H(y), H(0) = 0, at x = -1 with g = 0: the gap is 0 for
     y <= 0 and 2 y - 1 for y > 0, so its infimum -1 is approached as
     y -> 0+ and attained nowhere: witness 0 on the right side. */
  { "jump g=0", b_jump_down, -1, 0.0, -1, 1, 0, 0, 1, 1, 0 },
};

START_TEST (test_subgrad_check)
{
  const check_case *tc = &check_cases[_i];
  ns_function *f = tc->build ();
  ns_subgrad_report r;
  ck_assert_int_eq (ns_subgrad_check (f, tc->x, tc->g, tc->a, tc->b, &r), NS_OK);
  ck_assert_msg (r.holds == tc->holds, "%s: holds %d, min gap %g at %g", tc->name,
                 r.holds, r.min_gap, r.witness);
  if (tc->holds)
    {
      ck_assert (isnan (r.witness));
      ck_assert (r.violation == 0);
      ck_assert (r.min_gap >= -r.tol);
    }
  else
    {
      ck_assert_msg (fabs (r.witness - tc->witness) <= tc->wtol,
                     "%s: witness %.17g, want %.17g", tc->name, r.witness, tc->witness);
      ck_assert_int_eq (r.witness_side, tc->side);
      /* At a breakpoint or range end the violation is an evaluation, so it
         is exact within r.tol; at a Brent minimizer the location error
         adds its square (about 1e-18) on top. */
      ck_assert_msg (fabs (r.violation - tc->violation) <= r.tol + 1e-12,
                     "%s: violation %.17g, want %.17g (tol %g)", tc->name,
                     r.violation, tc->violation, r.tol);
    }
  ck_assert (r.neval > 0);
  ns_fn_free (f);
}
END_TEST

/* ------------------------------------------------------------------ bad input */

START_TEST (test_bad_input)
{
  ns_function *relu = ns_fn_relu (X), *lg = b_log (), *sq = b_sqrt ();
  ns_set s;
  ck_assert_int_eq (ns_subdiff (NULL, 0, NS_SUBDIFF_FRECHET, &s), NS_EINVAL);
  ck_assert_int_eq (s.n, 0);
  ck_assert_int_eq (ns_subdiff (relu, 0, NS_SUBDIFF_FRECHET, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_subdiff (relu, NAN, NS_SUBDIFF_FRECHET, &s), NS_EINVAL);
  ck_assert_int_eq (ns_subdiff (relu, INFINITY, NS_SUBDIFF_FRECHET, &s), NS_EINVAL);
  ck_assert_int_eq (ns_subdiff (relu, 0, NS_SUBDIFF_KIND_COUNT, &s), NS_EINVAL);
  ck_assert_int_eq (ns_subdiff (relu, 0, (ns_subdiff_kind) -1, &s), NS_EINVAL);
  for (int k = 0; k < NS_SUBDIFF_KIND_COUNT; k++)
    {
      ck_assert_int_eq (ns_subdiff (lg, -1, (ns_subdiff_kind) k, &s), NS_EDOM);
      ck_assert_int_eq (s.n, 0);
      /* sqrt is not defined left of 0: no neighbourhood. */
      ck_assert_int_eq (ns_subdiff (sq, 0, (ns_subdiff_kind) k, &s), NS_EDOM);
    }
  ck_assert_str_eq (ns_subdiff_kind_name (NS_SUBDIFF_KIND_COUNT), "unknown");

  int cert = 7;
  char reason[64];
  ck_assert_int_eq (ns_fn_convexity (NULL, &cert, reason, sizeof reason), NS_EINVAL);
  ck_assert_int_eq (cert, 0);
  ck_assert_int_eq (ns_fn_convexity (relu, NULL, NULL, 0), NS_EINVAL);
  ck_assert_int_eq (ns_fn_convexity (relu, &cert, NULL, 0), NS_OK);
  ck_assert_int_eq (cert, 1);
  /* A reason longer than the buffer is truncated, NUL-terminated. */
  char tiny[8];
  ck_assert_int_eq (ns_fn_convexity (relu, &cert, tiny, sizeof tiny), NS_OK);
  ck_assert_uint_eq (strlen (tiny), sizeof tiny - 1);

  ns_subgrad_report r;
  ck_assert_int_eq (ns_subgrad_check (NULL, 0, 0, -1, 1, &r), NS_EINVAL);
  ck_assert_int_eq (ns_subgrad_check (relu, 0, 0, -1, 1, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_subgrad_check (relu, 0, 0, 1, -1, &r), NS_EINVAL);
  ck_assert_int_eq (ns_subgrad_check (relu, 0, 0, 1, 1, &r), NS_EINVAL);
  ck_assert_int_eq (ns_subgrad_check (relu, 0, NAN, -1, 1, &r), NS_EINVAL);
  ck_assert_int_eq (ns_subgrad_check (relu, NAN, 0, -1, 1, &r), NS_EINVAL);
  ck_assert_int_eq (ns_subgrad_check (relu, 0, 0, -INFINITY, 1, &r), NS_EINVAL);
  ck_assert_int_eq (ns_subgrad_check (lg, 1, 1, -1, 2, &r), NS_EDOM);
  ck_assert_int_eq (ns_subgrad_check (lg, -1, 1, 1, 2, &r), NS_EDOM);
  ns_fn_free (relu);
  ns_fn_free (lg);
  ns_fn_free (sq);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("subdiff");
  TCase *core = tcase_create ("core");
  tcase_add_loop_test (core, test_hand_derived_sets, 0, sizeof cases / sizeof cases[0]);
  tcase_add_test (core, test_relu_prints);
  tcase_add_test (core, test_frechet_agrees_with_local_check);
  tcase_add_loop_test (core, test_convexity, 0,
                       sizeof convexity_cases / sizeof convexity_cases[0]);
  tcase_add_loop_test (core, test_subgrad_check, 0, sizeof check_cases / sizeof check_cases[0]);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad_input);
  suite_add_tcase (s, limits);
  return s;
}
