/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_subgradient.c: the subgradient method against iterates derived
   by hand in exact fractions (doc/calculus.texi shows the derivations):
   f = |x - 1| + 2|x| from 3/2 with steps 1/k under each selection, for 10
   steps from a table and for 40 from an exact rational recurrence; what
   the zero selection (sign(0) = 0 per primitive) does that min-norm does
   not; Polyak
   steps on x^2 + |x| (closed form 1/(2^(2^k) - 1)); a constant step on
   (x - 1)^2 + |x| whose minimum is smooth; a callback; bad input. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

#define X ns_fn_x ()
#define C(v) ns_fn_const (v)

/* Each step rounds t = 1/k, the product t g and the difference, each by at
   most half an ulp of a number below 4 in magnitude; over 10 steps that is
   below 10 * 3 * 2 * DBL_EPSILON = 60 DBL_EPSILON.  64 covers it. */
#define ITER_TOL (64 * DBL_EPSILON)

/* f = |x - 1| + 2|x|: slope -3 on x < 0, 1 on (0, 1), 3 on x > 1;
   df(0) = [-3, 1], df(1) = [1, 3]; minimum f(0) = 1. */
static ns_function *
f_example (void)
{
  return ns_fn_add (ns_fn_abs (ns_fn_sub (X, C (1))), ns_fn_mul (C (2), ns_fn_abs (X)));
}

#define NSTEPS 10

typedef struct iter_case {
  ns_selection_kind sel;
  /* x_0 .. x_10 as numerator / denominator, derived by hand. */
  double num[NSTEPS + 1], den[NSTEPS + 1];
} iter_case;

/* x0 = 3/2, g = 3, t1 = 1: x1 = -3/2; g = -3, t2 = 1/2: x2 = 0.  Then:
   min-norm: g = 0 at 0 forever.
   zero: g = sign(0 - 1) + 2 sign(0) = -1 at 0, x3 = 1/3; g = 1 on (0, 1):
     x4 = 1/3 - 1/4 = 1/12, x5 = 1/12 - 1/5 = -7/60; g = -3:
     x6 = -7/60 + 1/2 = 23/60, and from there on the same as left.
   left: g = -3 at 0, x3 = 1; g = 1 at 1 (inf [1, 3]) and on (0, 1):
     x4 = 3/4, x5 = 3/4 - 1/5 = 11/20, x6 = 11/20 - 1/6 = 23/60,
     x7 = 23/60 - 1/7 = 101/420, x8 = 101/420 - 1/8 = 97/840,
     x9 = 97/840 - 1/9 = 11/2520, x10 = 11/2520 - 1/10 = -241/2520.
   right: g = 1 at 0 (sup [-3, 1]), x3 = -1/3; g = -3: x4 = -1/3 + 3/4 =
     5/12; g = 1: x5 = 5/12 - 1/5 = 13/60, x6 = 13/60 - 1/6 = 1/20,
     x7 = 1/20 - 1/7 = -13/140; g = -3: x8 = -13/140 + 3/8 = 79/280;
     x9 = 79/280 - 1/9 = 431/2520, x10 = 431/2520 - 1/10 = 179/2520. */
static const iter_case iter_cases[] = {
  { NS_SELECT_MIN_NORM,
    { 3, -3, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, { 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1 } },
  { NS_SELECT_ZERO,
    { 3, -3, 0, 1, 1, -7, 23, 101, 97, 11, -241 },
    { 2, 2, 1, 3, 12, 60, 60, 420, 840, 2520, 2520 } },
  { NS_SELECT_LEFT,
    { 3, -3, 0, 1, 3, 11, 23, 101, 97, 11, -241 },
    { 2, 2, 1, 1, 4, 20, 60, 420, 840, 2520, 2520 } },
  { NS_SELECT_RIGHT,
    { 3, -3, 0, -1, 5, 13, 1, -13, 79, 431, 179 },
    { 2, 2, 1, 3, 12, 60, 20, 140, 280, 2520, 2520 } },
};

START_TEST (test_hand_iterates)
{
  const iter_case *c = &iter_cases[_i];
  ns_function *f = f_example ();
  ns_subgradient_trace *tr = ns_subgradient_trace_alloc (NSTEPS);
  ck_assert_ptr_nonnull (tr);
  ns_step_rule step = { NS_STEP_HARMONIC, 1.0, 0.0 };
  ns_selection sel = { c->sel, NULL, NULL };
  ck_assert_int_eq (ns_subgradient_method (f, 1.5, &step, &sel, NSTEPS, tr), NS_OK);
  ck_assert_uint_eq (tr->n, NSTEPS);
  ck_assert_int_eq (tr->convex, 1);
  double best = INFINITY;
  for (int k = 0; k <= NSTEPS; k++)
    {
      double ref = c->num[k] / c->den[k];
      ck_assert_msg (fabs (tr->x[k] - ref) <= ITER_TOL,
                     "%s: x[%d] = %.17g, expected %g/%g", ns_selection_kind_name (c->sel),
                     k, tr->x[k], c->num[k], c->den[k]);
      /* f from the piecewise formula, independent of the tree. */
      double fref = fabs (ref - 1) + 2 * fabs (ref);
      ck_assert (fabs (tr->fx[k] - fref) <= 4 * ITER_TOL);
      best = fmin (best, fref);
      ck_assert (fabs (tr->best[k] - best) <= 4 * ITER_TOL);
      /* The certificate belongs to the point, not to the selection:
         exactly the iterates at 0, the minimizer. */
      ck_assert_int_eq (tr->certified[k], ref == 0);
      ck_assert_int_eq (tr->in_set[k], 1);
      if (k >= 1)
        ck_assert (fabs (tr->t[k] - 1.0 / k) <= DBL_EPSILON);
    }
  ck_assert (isnan (tr->t[0]));
  /* Every selection reaches the minimum f(0) = 1 at x2 = 0 exactly. */
  ck_assert (tr->best[NSTEPS] == 1.0);
  ck_assert (tr->best_x == 0.0);
  ns_subgradient_trace_free (tr);
  ns_fn_free (f);
}
END_TEST

/* Exact fractions p/q (q > 0, in lowest terms) for the recurrence. */
typedef struct frac { long long p, q; } frac;

static long long
gcd_ll (long long a, long long b)
{
  a = a < 0 ? -a : a;
  while (b != 0)
    {
      long long r = a % b;
      a = b;
      b = r;
    }
  return a;
}

/* x - g/k, exact: the denominators divide lcm(1..40) < 2^53. */
static frac
frac_step (frac x, long long g, long long k)
{
  long long d = gcd_ll (x.q, k);
  frac r = { x.p * (k / d) - g * (x.q / d), x.q / d * k };
  long long c = gcd_ll (r.p, r.q);
  if (c > 1)
    {
      r.p /= c;
      r.q /= c;
    }
  return r;
}

/* The selected g for f = |x - 1| + 2|x| at the exact point X: the slope
   of the piece, and at the kinks 0 (df = [-3, 1]) and 1 (df = [1, 3]) the
   element each selection takes; zero is sign(x - 1) + 2 sign(x). */
static long long
frac_select (ns_selection_kind sel, frac x)
{
  int s1 = (x.p > x.q) - (x.p < x.q), s0 = (x.p > 0) - (x.p < 0);
  if (s0 != 0 && s1 != 0)
    return s1 + 2 * s0;
  if (sel == NS_SELECT_ZERO)
    return s1 + 2 * s0;
  long long lo = s0 == 0 ? -3 : 1, hi = s0 == 0 ? 1 : 3;
  switch (sel)
    {
    case NS_SELECT_LEFT: return lo;
    case NS_SELECT_RIGHT: return hi;
    default: return lo > 0 ? lo : hi < 0 ? hi : 0;   /* min-norm */
    }
}

#define LONG_STEPS 40

START_TEST (test_rational_recurrence)
{
  /* The same method in exact arithmetic, 40 steps, against the library's
     doubles.  Per step t = 1/k, t g and the difference each round by at
     most half an ulp of a number below 4: 40 * 3 * 2 DBL_EPSILON < 256
     DBL_EPSILON. */
  const iter_case *c = &iter_cases[_i];
  ns_function *f = f_example ();
  ns_subgradient_trace *tr = ns_subgradient_trace_alloc (LONG_STEPS);
  ns_step_rule step = { NS_STEP_HARMONIC, 1.0, 0.0 };
  ns_selection sel = { c->sel, NULL, NULL };
  ck_assert_int_eq (ns_subgradient_method (f, 1.5, &step, &sel, LONG_STEPS, tr), NS_OK);
  frac x = { 3, 2 };
  int at_zero = 0;
  for (int k = 0; k <= LONG_STEPS; k++)
    {
      double ref = (double) x.p / (double) x.q;
      ck_assert_msg (fabs (tr->x[k] - ref) <= 256 * DBL_EPSILON,
                     "%s: x[%d] = %.17g, expected %lld/%lld", ns_selection_kind_name (c->sel),
                     k, tr->x[k], x.p, x.q);
      long long g = frac_select (c->sel, x);
      ck_assert_msg (tr->g[k] == (double) g, "%s: g[%d] = %g, expected %lld",
                     ns_selection_kind_name (c->sel), k, tr->g[k], g);
      at_zero += x.p == 0;
      if (k < LONG_STEPS)
        x = frac_step (x, g, k + 1);
    }
  /* Min-norm settles at the minimizer; the others visit it once and leave. */
  ck_assert_int_eq (at_zero, c->sel == NS_SELECT_MIN_NORM ? LONG_STEPS - 1 : 1);
  ns_subgradient_trace_free (tr);
  ns_fn_free (f);
}
END_TEST

START_TEST (test_zero_is_per_primitive)
{
  ns_subgradient_trace *tr = ns_subgradient_trace_alloc (3);
  ns_step_rule c1 = { NS_STEP_CONSTANT, 1.0, 0.0 };
  ns_selection zero = { NS_SELECT_ZERO, NULL, NULL };
  ns_selection mn = { NS_SELECT_MIN_NORM, NULL, NULL };

  /* |x| + 2x at 0: df(0) = [1, 3], min-norm 1 but |.|'(0) = 0 gives 2:
     x1 = -1 against x1 = -2. */
  ns_function *f = ns_fn_add (ns_fn_abs (X), ns_fn_mul (C (2), X));
  ck_assert_int_eq (ns_subgradient_method (f, 0.0, &c1, &zero, 1, tr), NS_OK);
  ck_assert (tr->g[0] == 2.0 && tr->x[1] == -2.0 && tr->in_set[0] == 1);
  ck_assert_int_eq (ns_subgradient_method (f, 0.0, &c1, &mn, 1, tr), NS_OK);
  ck_assert (tr->g[0] == 1.0 && tr->x[1] == -1.0);
  ns_fn_free (f);

  /* max(x, 0) and relu(x): the same function, and under the zero
     convention the same derivative 0 at the tie (weights 0 and 0).
     0 is in df(0) = [0, 1]: both stay at the minimizer, certified. */
  ns_function *fs[2] = { ns_fn_max (X, C (0)), ns_fn_relu (X) };
  for (int i = 0; i < 2; i++)
    {
      ck_assert_int_eq (ns_subgradient_method (fs[i], 0.0, &c1, &zero, 3, tr), NS_OK);
      ck_assert (tr->g[0] == 0.0 && tr->x[3] == 0.0 && tr->certified[3] == 1);
      ns_fn_free (fs[i]);
    }

  /* relu(x) - relu(-x) = x: sign(0) = 0 per primitive gives 0 at 0, which
     is not in the Clarke set {1}; the method stalls at a point that is no
     minimizer, and the trace says g left the set.  (x is convex, certified
     piece by piece: slope 1 on both sides of 0.) */
  f = ns_fn_sub (ns_fn_relu (X), ns_fn_relu (ns_fn_neg (X)));
  ck_assert_int_eq (ns_subgradient_method (f, 0.0, &c1, &zero, 3, tr), NS_OK);
  ck_assert_int_eq (tr->convex, 1);
  for (int k = 0; k <= 3; k++)
    ck_assert (tr->x[k] == 0.0 && tr->g[k] == 0.0 && tr->in_set[k] == 0
               && tr->certified[k] == 0);
  ck_assert_int_eq (ns_subgradient_method (f, 0.0, &c1, &mn, 3, tr), NS_OK);
  ck_assert (tr->g[0] == 1.0 && tr->x[3] == -3.0 && tr->in_set[0] == 1);
  ns_fn_free (f);
  ns_subgradient_trace_free (tr);
}
END_TEST

START_TEST (test_harmonic_scaled)
{
  /* |x| from 1 with t_k = (1/2)/k: g = 1 while x > 0, x1 = 1/2,
     x2 = 1/2 - 1/4 = 1/4, x3 = 1/4 - 1/6 = 1/12, x4 = 1/12 - 1/8 = -1/24;
     g = -1: x5 = -1/24 + 1/10 = 7/120. */
  ns_function *f = ns_fn_abs (X);
  ns_subgradient_trace *tr = ns_subgradient_trace_alloc (5);
  ns_step_rule step = { NS_STEP_HARMONIC, 0.5, 0.0 };
  ns_selection sel = { NS_SELECT_MIN_NORM, NULL, NULL };
  ck_assert_int_eq (ns_subgradient_method (f, 1.0, &step, &sel, 5, tr), NS_OK);
  const double ref[] = { 1, 0.5, 0.25, 1.0 / 12, -1.0 / 24, 7.0 / 120 };
  for (int k = 0; k <= 5; k++)
    {
      ck_assert_msg (fabs (tr->x[k] - ref[k]) <= 16 * DBL_EPSILON, "x[%d] = %.17g", k, tr->x[k]);
      if (k > 0)
        ck_assert (fabs (tr->t[k] - 0.5 / k) <= DBL_EPSILON);
    }
  ck_assert (tr->g[4] == -1.0 && tr->g[5] == 1.0);
  ns_subgradient_trace_free (tr);
  ns_fn_free (f);
}
END_TEST

START_TEST (test_polyak_closed_form)
{
  /* f = x^2 + |x|, f* = 0, from x0 = 1.  For x > 0 the Polyak step gives
     x - (x^2 + x)/(2x + 1)^2 * (2x + 1) = x^2 / (2x + 1); with
     x = 1/(m - 1) that is 1/(m^2 - 1), so x_k = 1/(2^(2^k) - 1):
     1/3, 1/15, 1/255, 1/65535, ... */
  ns_function *f = ns_fn_add (ns_fn_pow (X, 2), ns_fn_abs (X));
  ns_subgradient_trace *tr = ns_subgradient_trace_alloc (5);
  ns_step_rule step = { NS_STEP_POLYAK, 0.0, 0.0 };
  ns_selection sel = { NS_SELECT_MIN_NORM, NULL, NULL };
  ck_assert_int_eq (ns_subgradient_method (f, 1.0, &step, &sel, 5, tr), NS_OK);
  for (int k = 0; k <= 5; k++)
    {
      double ref = 1.0 / (ldexp (1.0, 1 << k) - 1.0);
      /* x_k = x_{k-1} - t g cancels: the few roundings of a step are
         relative to x_{k-1} (257 times x_4 at k = 4), not to x_k. */
      double prev = k == 0 ? ref : 1.0 / (ldexp (1.0, 1 << (k - 1)) - 1.0);
      ck_assert_msg (fabs (tr->x[k] - ref) <= 8 * DBL_EPSILON * prev,
                     "x[%d] = %.17g, expected %.17g", k, tr->x[k], ref);
      ck_assert_int_eq (tr->certified[k], 0);   /* x_k > 0: df = {2x + 1} */
      ck_assert (tr->best[k] == tr->fx[k]);     /* monotone decrease */
    }
  ns_subgradient_trace_free (tr);
  ns_fn_free (f);
}
END_TEST

START_TEST (test_smooth_minimum)
{
  /* f = (x - 1)^2 + |x|: df(0) = [-3, -1], min-norm -1; for x > 0,
     f'(x) = 2x - 1, minimum at 1/2 where f is smooth.  Constant step 1/4:
     x1 = 1/4, then x - (2x - 1)/4 = x/2 + 1/4, so x_k = 1/2 - 2^-(k+1):
     dyadic, exact. */
  ns_function *f = ns_fn_add (ns_fn_pow (ns_fn_sub (X, C (1)), 2), ns_fn_abs (X));
  ns_subgradient_trace *tr = ns_subgradient_trace_alloc (20);
  ns_step_rule step = { NS_STEP_CONSTANT, 0.25, 0.0 };
  ns_selection sel = { NS_SELECT_MIN_NORM, NULL, NULL };
  ck_assert_int_eq (ns_subgradient_method (f, 0.0, &step, &sel, 20, tr), NS_OK);
  ck_assert (tr->g[0] == -1.0);
  for (int k = 1; k <= 20; k++)
    ck_assert_msg (tr->x[k] == 0.5 - ldexp (1.0, -(k + 1)), "x[%d] = %.17g", k, tr->x[k]);
  ck_assert_int_eq (tr->certified[20], 0);    /* 1/2 is never reached */
  /* Started at the minimizer, the method certifies it at once. */
  ck_assert_int_eq (ns_subgradient_method (f, 0.5, &step, &sel, 3, tr), NS_OK);
  ck_assert (tr->x[3] == 0.5);
  ck_assert_int_eq (tr->certified[0], 1);
  ns_subgradient_trace_free (tr);
  ns_fn_free (f);
}
END_TEST

/* A callback that models "sign(0) = 0" for this f the way AD does, term by
   term: sign(x - 1) + 2 sign(x), which at 0 is -1 (inside df(0) = [-3, 1]
   but not the min-norm element 0). */
static ns_status
termwise_sign (const ns_function *f, double x, const ns_set *s, void *data, double *g)
{
  (void) f;
  (void) s;
  int *calls = data;
  ++*calls;
  double sx1 = (x > 1) - (x < 1), sx = (x > 0) - (x < 0);
  *g = sx1 + 2 * sx;
  return NS_OK;
}

START_TEST (test_callback)
{
  /* From x2 = 0: g = -1, x3 = 1/3; g = 1: x4 = 1/3 - 1/4 = 1/12,
     x5 = 1/12 - 1/5 = -7/60; g = -3: x6 = -7/60 + 1/2 = 23/60. */
  ns_function *f = f_example ();
  ns_subgradient_trace *tr = ns_subgradient_trace_alloc (6);
  int calls = 0;
  ns_step_rule step = { NS_STEP_HARMONIC, 1.0, 0.0 };
  ns_selection sel = { NS_SELECT_CALLBACK, termwise_sign, &calls };
  ck_assert_int_eq (ns_subgradient_method (f, 1.5, &step, &sel, 6, tr), NS_OK);
  ck_assert_int_eq (calls, 7);
  const double ref[] = { 1.5, -1.5, 0, 1.0 / 3, 1.0 / 12, -7.0 / 60, 23.0 / 60 };
  for (int k = 0; k <= 6; k++)
    ck_assert_msg (fabs (tr->x[k] - ref[k]) <= ITER_TOL, "x[%d] = %.17g", k, tr->x[k]);
  ck_assert (tr->g[2] == -1.0);
  ck_assert_int_eq (tr->certified[2], 1);   /* 0 is optimal though g = -1 was used */
  /* The built-in zero selection computes the same thing from the tree. */
  ns_subgradient_trace *tz = ns_subgradient_trace_alloc (6);
  ns_selection zero = { NS_SELECT_ZERO, NULL, NULL };
  ck_assert_int_eq (ns_subgradient_method (f, 1.5, &step, &zero, 6, tz), NS_OK);
  for (int k = 0; k <= 6; k++)
    ck_assert (tz->x[k] == tr->x[k] && tz->g[k] == tr->g[k]);
  ns_subgradient_trace_free (tz);
  ns_subgradient_trace_free (tr);
  ns_fn_free (f);
}
END_TEST

/* Fills every entry with a value no step writes, to see what is set. */
static void
poison (ns_subgradient_trace *tr)
{
  for (size_t k = 0; k <= tr->capacity; k++)
    {
      tr->x[k] = tr->fx[k] = tr->best[k] = tr->g[k] = tr->t[k] = 12345.0;
      tr->certified[k] = tr->in_set[k] = 7;
    }
  tr->best_x = 12345.0;
}

/* The entry S where the method stopped: fx as given (NaN: undefined), best
   and g NaN, no certificate. */
static void
assert_stopped_entry (const ns_subgradient_trace *tr, size_t s, double fx)
{
  if (isnan (fx))
    ck_assert (isnan (tr->fx[s]));
  else
    ck_assert (tr->fx[s] == fx);
  ck_assert (isnan (tr->best[s]) && isnan (tr->g[s]));
  ck_assert_int_eq (tr->certified[s], 0);
  ck_assert_int_eq (tr->in_set[s], 0);
}

static ns_status
fail_third (const ns_function *f, double x, const ns_set *s, void *data, double *g)
{
  (void) f;
  (void) s;
  int *calls = data;
  if (++*calls == 3)
    return NS_EDOM;
  *g = x > 0 ? 1 : -1;
  return NS_OK;
}

START_TEST (test_stopped_step_entries)
{
  ns_subgradient_trace *tr = ns_subgradient_trace_alloc (8);
  ns_step_rule one = { NS_STEP_CONSTANT, 1.0, 0 };
  ns_selection mn = { NS_SELECT_MIN_NORM, NULL, NULL };

  /* log(x) from 0.5: g = 2, x1 = -1.5 where log is undefined. */
  ns_function *f = ns_fn_log (X);
  poison (tr);
  ck_assert_int_eq (ns_subgradient_method (f, 0.5, &one, &mn, 8, tr), NS_EDOM);
  ck_assert_uint_eq (tr->n, 0);
  ck_assert (tr->fx[0] == log (0.5) && tr->best[0] == log (0.5) && tr->g[0] == 2.0);
  ck_assert (tr->best_x == 0.5);
  ck_assert (tr->x[1] == -1.5 && tr->t[1] == 1.0);
  assert_stopped_entry (tr, 1, NAN);
  ck_assert (tr->x[2] == 12345.0);   /* past the stop: untouched */

  /* x0 itself outside the domain. */
  poison (tr);
  ck_assert_int_eq (ns_subgradient_method (f, -1.0, &one, &mn, 8, tr), NS_EDOM);
  ck_assert_uint_eq (tr->n, 0);
  ck_assert (tr->x[0] == -1.0 && isnan (tr->t[0]) && isnan (tr->best_x));
  assert_stopped_entry (tr, 0, NAN);
  ns_fn_free (f);

  /* |x| from 2.5, steps of 1 by a callback that fails at its third call,
     at x2 = 0.5, where f = 0.5 is known. */
  f = ns_fn_abs (X);
  int calls = 0;
  ns_selection cb = { NS_SELECT_CALLBACK, fail_third, &calls };
  poison (tr);
  ck_assert_int_eq (ns_subgradient_method (f, 2.5, &one, &cb, 8, tr), NS_EDOM);
  ck_assert_uint_eq (tr->n, 1);
  ck_assert (tr->best[1] == 1.5 && tr->best_x == 1.5);
  ck_assert (tr->x[2] == 0.5 && tr->t[2] == 1.0);
  assert_stopped_entry (tr, 2, 0.5);

  /* Polyak with fstar = 1 above min |x| = 0: stops at x0 = 0.5 before any
     step; entry 1 is NaN throughout. */
  ns_step_rule polyak = { NS_STEP_POLYAK, 0, 1.0 };
  poison (tr);
  ck_assert_int_eq (ns_subgradient_method (f, 0.5, &polyak, &mn, 8, tr), NS_EINVAL);
  ck_assert_uint_eq (tr->n, 0);
  ck_assert (tr->best[0] == 0.5 && tr->best_x == 0.5);
  ck_assert (isnan (tr->x[1]) && isnan (tr->t[1]));
  assert_stopped_entry (tr, 1, NAN);
  ns_fn_free (f);

  /* -x from 1e308 with steps of 1e308: x1 = 2e308 overflows. */
  f = ns_fn_neg (X);
  ns_step_rule big = { NS_STEP_CONSTANT, 1e308, 0 };
  poison (tr);
  ck_assert_int_eq (ns_subgradient_method (f, 1e308, &big, &mn, 8, tr), NS_ERANGE);
  ck_assert_uint_eq (tr->n, 0);
  ck_assert (isinf (tr->x[1]) && tr->x[1] > 0 && tr->t[1] == 1e308);
  assert_stopped_entry (tr, 1, NAN);
  ns_fn_free (f);
  ns_subgradient_trace_free (tr);
}
END_TEST

/* The rule t_k = a / sqrt(k) on |x| from 0.5 with a = 1/2 (min-norm is
   sign(x) away from 0): x_1 = 0.5 - 1/2 = 0, exactly the minimiser, where
   the min-norm element is 0 and the iterates stay. */
START_TEST (test_sqrt_steps)
{
  ns_function *f = ns_fn_abs (ns_fn_x ());
  ns_subgradient_trace *tr = ns_subgradient_trace_alloc (4);
  ns_step_rule step = { NS_STEP_SQRT, 0.5, 0 };
  ns_selection sel = { NS_SELECT_MIN_NORM, NULL, NULL };
  ck_assert_int_eq (ns_subgradient_method (f, 0.5, &step, &sel, 4, tr), NS_OK);
  ck_assert (tr->x[1] == 0 && tr->g[1] == 0 && tr->x[4] == 0 && tr->certified[4]);
  for (size_t k = 1; k <= 4; k++)
    ck_assert (tr->t[k] == 0.5 / sqrt ((double) k));
  /* From 0.75 with a = 1: x_1 = -0.25, x_2 = -0.25 + 1/sqrt(2) (the same
     operations in doubles: t_2 = 1/fl(sqrt 2)). */
  step.a = 1;
  ck_assert_int_eq (ns_subgradient_method (f, 0.75, &step, &sel, 2, tr), NS_OK);
  ck_assert_msg (tr->x[1] == -0.25 && tr->x[2] == -0.25 + 1 / sqrt (2.0), "%.17g %.17g",
                 tr->x[1], tr->x[2]);
  ns_fn_free (f);
  ns_subgradient_trace_free (tr);
}
END_TEST

START_TEST (test_names)
{
  ck_assert_str_eq (ns_step_kind_name (NS_STEP_POLYAK), "Polyak");
  ck_assert_str_eq (ns_step_kind_name (NS_STEP_SQRT), "sqrt");
  ck_assert_str_eq (ns_step_kind_name ((ns_step_kind) 99), "unknown");
  ck_assert_str_eq (ns_selection_kind_name (NS_SELECT_RIGHT), "right");
  ck_assert_str_eq (ns_selection_kind_name ((ns_selection_kind) -1), "unknown");
}
END_TEST

static ns_status
failing_callback (const ns_function *f, double x, const ns_set *s, void *data, double *g)
{
  (void) f; (void) x; (void) s; (void) data;
  *g = 0;
  return NS_ETOL;
}

START_TEST (test_bad_input)
{
  ns_function *f = f_example ();
  ns_subgradient_trace *tr = ns_subgradient_trace_alloc (4);
  ns_step_rule h = { NS_STEP_HARMONIC, 1.0, 0.0 };
  ns_selection mn = { NS_SELECT_MIN_NORM, NULL, NULL };
  ck_assert_ptr_null (ns_subgradient_trace_alloc (0));
  ck_assert_ptr_null (ns_subgradient_trace_alloc (SIZE_MAX));
  ns_subgradient_trace_free (NULL);
  ck_assert_int_eq (ns_subgradient_method (NULL, 0, &h, &mn, 1, tr), NS_EINVAL);
  ck_assert_int_eq (ns_subgradient_method (f, 0, &h, &mn, 1, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_subgradient_method (f, NAN, &h, &mn, 1, tr), NS_EINVAL);
  ck_assert_int_eq (ns_subgradient_method (f, INFINITY, &h, &mn, 1, tr), NS_EINVAL);
  ck_assert_int_eq (ns_subgradient_method (f, 0, NULL, &mn, 1, tr), NS_EINVAL);
  ck_assert_int_eq (ns_subgradient_method (f, 0, &h, NULL, 1, tr), NS_EINVAL);
  ck_assert_int_eq (ns_subgradient_method (f, 0, &h, &mn, 0, tr), NS_EINVAL);
  ck_assert_int_eq (ns_subgradient_method (f, 0, &h, &mn, 5, tr), NS_EINVAL);
  ns_step_rule bad[] = { { NS_STEP_HARMONIC, 0.0, 0 }, { NS_STEP_CONSTANT, -1.0, 0 },
                         { NS_STEP_CONSTANT, NAN, 0 }, { NS_STEP_POLYAK, 1, INFINITY },
                         { (ns_step_kind) 7, 1, 0 } };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    ck_assert_int_eq (ns_subgradient_method (f, 0, &bad[i], &mn, 1, tr), NS_EINVAL);
  ns_selection nofn = { NS_SELECT_CALLBACK, NULL, NULL };
  ns_selection badsel = { (ns_selection_kind) 42, NULL, NULL };
  ck_assert_int_eq (ns_subgradient_method (f, 0, &h, &nofn, 1, tr), NS_EINVAL);
  ck_assert_int_eq (ns_subgradient_method (f, 0, &h, &badsel, 1, tr), NS_EINVAL);
  /* Polyak with f* above the minimum 1: f(0) - 2 < 0. */
  ns_step_rule polyak_wrong = { NS_STEP_POLYAK, 0, 2.0 };
  ck_assert_int_eq (ns_subgradient_method (f, 0.0, &polyak_wrong, &mn, 1, tr), NS_EINVAL);
  ck_assert_uint_eq (tr->n, 0);
  /* A callback's status stops the method. */
  ns_selection failing = { NS_SELECT_CALLBACK, failing_callback, NULL };
  ck_assert_int_eq (ns_subgradient_method (f, 0.0, &h, &failing, 1, tr), NS_ETOL);
  ns_fn_free (f);

  /* log x from 1/2 with constant step 1: g = 2, x1 = -3/2, outside the domain. */
  f = ns_fn_log (X);
  ns_step_rule c1 = { NS_STEP_CONSTANT, 1.0, 0 };
  ck_assert_int_eq (ns_subgradient_method (f, 0.5, &c1, &mn, 2, tr), NS_EDOM);
  ck_assert_uint_eq (tr->n, 0);
  ck_assert (tr->x[1] == -1.5);
  ns_fn_free (f);

  /* sqrt|x| at 0: the Clarke set is undefined (infinite slopes). */
  f = ns_fn_sqrt (ns_fn_abs (X));
  ck_assert_int_eq (ns_subgradient_method (f, 0.0, &h, &mn, 1, tr), NS_UNDEFINED);
  ns_fn_free (f);
  ns_subgradient_trace_free (tr);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("subgradient");
  TCase *core = tcase_create ("core");
  tcase_add_loop_test (core, test_hand_iterates, 0, sizeof iter_cases / sizeof iter_cases[0]);
  tcase_add_loop_test (core, test_rational_recurrence, 0,
                       sizeof iter_cases / sizeof iter_cases[0]);
  tcase_add_test (core, test_zero_is_per_primitive);
  tcase_add_test (core, test_harmonic_scaled);
  tcase_add_test (core, test_polyak_closed_form);
  tcase_add_test (core, test_smooth_minimum);
  tcase_add_test (core, test_callback);
  tcase_add_test (core, test_stopped_step_entries);
  tcase_add_test (core, test_sqrt_steps);
  tcase_add_test (core, test_names);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad_input);
  suite_add_tcase (s, limits);
  return s;
}
