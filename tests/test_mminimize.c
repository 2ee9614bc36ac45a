/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_mminimize.c: the subgradient method in several variables,
   ns_mfn_subgradient_method.  Hand-derived iterates (|x|_1 with 1/k steps,
   Polyak on a max of affine maps), the classical bound of the convex
   subgradient method as a check every run must pass, best-so-far
   bookkeeping, seeded random vertices, the certificate at the best point,
   bad input. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

/* The iterates of these runs are sums of a few hundred steps 1/k: their
   rounding stays below 1e-15, the one slack of this file. */
#define ROUND_SLACK 1e-15

static ns_mfn *
parse_ok (const char *text, int n)
{
  ns_mfn *f = NULL;
  ns_parse_error e;
  ck_assert_msg (ns_mfn_parse (text, n, &f, &e) == NS_OK, "%s: %s", text, e.text);
  return f;
}

/* best[k] = min fx[0..k], attained at best_k. */
static void
check_best (const ns_mfn_trace *tr)
{
  double m = HUGE_VAL;
  for (size_t k = 0; k <= tr->steps; k++)
    {
      m = fmin (m, tr->fx[k]);
      ck_assert_msg (tr->best[k] == m, "best[%zu] = %g, min %g", k, tr->best[k], m);
      if (k > 0)
        ck_assert (tr->best[k] <= tr->best[k - 1]);
    }
  ck_assert (tr->fx[tr->best_k] == tr->best[tr->steps]);
}

/* |x| + |y| from (1, -2), steps 1/k, min-norm.  Step 1: g = (1, -1),
   x_1 = (0, -1).  From then on x = 0 exactly, where the Clarke set in x is
   [-1, 1] and the least-norm element takes 0, and y follows
   y_k = y_{k-1} - sign(y_{k-1}) / k: y_2 = -1/2, y_3 = -1/6.  If
   |y_{k-1}| <= 1/(k-1) then |y_k| <= 1/k (either |y_{k-1}| - 1/k <=
   1/(k-1) - 1/k <= 1/k, or 1/k - |y_{k-1}|), so f(x_k) = |y_k| <= 1/k for
   k >= 3, and f < 1e-2 from k = 101 on. */
START_TEST (test_l1_harmonic)
{
  ns_mfn *f = parse_ok ("abs(x) + abs(y)", 2);
  ns_mfn_trace *tr = ns_mfn_trace_alloc (2, 200);
  double x0[2] = { 1, -2 };
  ns_step_rule step = { NS_STEP_HARMONIC, 1, 0 };
  ns_mselection sel = { NS_MSELECT_MIN_NORM, 0, NULL, 0 };
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, &step, &sel, 200, tr), NS_OK);
  ck_assert_int_eq (tr->steps, 200);
  ck_assert (tr->fx[0] == 3 && tr->g[0] == 1 && tr->g[1] == -1);
  ck_assert (tr->x[2] == 0 && tr->x[3] == -1);
  ck_assert (tr->x[4] == 0 && tr->x[5] == -0.5);
  for (size_t k = 3; k <= 200; k++)
    {
      ck_assert (tr->x[2 * k] == 0);
      ck_assert_msg (tr->fx[k] <= 1.0 / k + ROUND_SLACK, "f(x_%zu) = %g", k, tr->fx[k]);
    }
  ck_assert (tr->best[101] < 1e-2);
  ck_assert (tr->t[0] != tr->t[0] && tr->t[7] == 1.0 / 7);
  check_best (tr);
  ns_mfn_trace_free (tr);
  ns_mfn_free (f);
}
END_TEST

/* Polyak on max(x+y, x-y, -x) (f* = 0 at 0) from (1, 0.5): f = 1.5 with
   g = (1, 1), t = 1.5/2, x_1 = (0.25, -0.25); f = 0.5 with g = (1, -1),
   t = 0.25, x_2 = (0, 0), f = 0, where the least-norm element is 0
   (0 = (1/4)(1,1) + (1/4)(1,-1) + (1/2)(-1,0)) and the iterates stay.  The
   certificate at the best point says stationary. */
START_TEST (test_polyak_max_affine)
{
  ns_mfn *f = parse_ok ("max(max(x + y, x - y), -x)", 2);
  ns_mfn_trace *tr = ns_mfn_trace_alloc (2, 5);
  double x0[2] = { 1, 0.5 };
  ns_step_rule step = { NS_STEP_POLYAK, 0, 0 };
  ns_mselection sel = { NS_MSELECT_MIN_NORM, 0, NULL, 0 };
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, &step, &sel, 5, tr), NS_OK);
  ck_assert (tr->fx[0] == 1.5 && tr->t[1] == 0.75);
  ck_assert (tr->x[2] == 0.25 && tr->x[3] == -0.25 && tr->fx[1] == 0.5 && tr->t[2] == 0.25);
  ck_assert (tr->x[4] == 0 && tr->x[5] == 0 && tr->fx[2] == 0);
  ck_assert (tr->x[10] == 0 && tr->x[11] == 0 && tr->t[5] == 0);
  ck_assert_int_eq (tr->best_k, 2);
  ck_assert_int_eq (tr->cert_status, NS_OK);
  ck_assert_int_eq (tr->cert.stationary, 1);
  /* A max of affine maps is certified convex, and 0 is interior to the
     triangle: x_2 is proven a minimizer. */
  ck_assert_int_eq (tr->convex, 1);
  ck_assert (tr->cert.residual == 0);
  check_best (tr);
  ns_mfn_trace_free (tr);
  ns_mfn_free (f);
  /* For convex f, f(x - t g) >= f(x) - t |g|^2 = fstar: Polyak's iterates
     never pass below fstar.  The nonconvex min(x, 2x) does: from (1, 0)
     with fstar = -1, t = 2 / 1, x_1 = (-1, 0), f = -2 < fstar, and the
     next step refuses (fstar was not the minimum). */
  f = parse_ok ("min(x, 2*x) + 0*y", 2);
  tr = ns_mfn_trace_alloc (2, 5);
  double x1[2] = { 1, 0 };
  step.fstar = -1;
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x1, &step, &sel, 5, tr), NS_EINVAL);
  ck_assert_int_eq (tr->steps, 1);
  ck_assert (tr->x[2] == -1 && tr->fx[1] == -2);
  ck_assert_int_eq (tr->convex, 0);
  ns_mfn_trace_free (tr);
  ns_mfn_free (f);
}
END_TEST

/* The classical bound of the subgradient method for convex f with
   elements of the subdifferential of norm <= L, from x0 at distance R of a
   minimiser: min_{i <= k} f(x_i) - f* <= (R^2 + L^2 sum t_i^2) / (2 sum t_i)
   (Shor; Boyd's notes "Subgradient methods", section 3.1).  Both functions
   have f* = 0 at 0 and L = sqrt(2). */
typedef struct bound_case {
  const char *text;
  double x0[2];
  ns_step_rule step;
} bound_case;

static const bound_case bound_cases[] = {
  { "abs(x) + abs(y)", { 1, -2 }, { NS_STEP_HARMONIC, 1, 0 } },
  { "abs(x) + abs(y)", { 1, -2 }, { NS_STEP_SQRT, 1, 0 } },
  { "abs(x) + abs(y)", { 1, -2 }, { NS_STEP_CONSTANT, 0.1, 0 } },
  { "abs(x) + abs(y)", { 0.3, 2.385 }, { NS_STEP_SQRT, 0.5, 0 } },
  { "max(max(x + y, x - y), -x)", { 3, -1 }, { NS_STEP_HARMONIC, 2, 0 } },
  { "max(max(x + y, x - y), -x)", { 3, -1 }, { NS_STEP_SQRT, 1, 0 } },
  { "max(max(x + y, x - y), -x)", { 3, -1 }, { NS_STEP_CONSTANT, 0.05, 0 } },
  { "max(max(x + y, x - y), -x)", { 3, -1 }, { NS_STEP_POLYAK, 0, 0 } },
};

START_TEST (test_convex_bound)
{
  const bound_case *c = &bound_cases[_i];
  ns_mfn *f = parse_ok (c->text, 2);
  const size_t steps = 300;
  ns_mfn_trace *tr = ns_mfn_trace_alloc (2, steps);
  for (int s = 0; s < 3; s++)
    {
      ns_mselection sel = { (ns_mselection_kind) s, 7, NULL, 0 };
      ck_assert_int_eq (ns_mfn_subgradient_method (f, c->x0, &c->step, &sel, steps, tr), NS_OK);
      double r2 = c->x0[0] * c->x0[0] + c->x0[1] * c->x0[1], l2 = 2;
      double st = 0, st2 = 0;
      for (size_t k = 1; k <= steps; k++)
        {
          st += tr->t[k];
          st2 += tr->t[k] * tr->t[k];
          double bound = (r2 + l2 * st2) / (2 * st);
          ck_assert_msg (tr->best[k - 1] <= bound + ROUND_SLACK,
                         "%s, %s, %s: best %g > %g at k = %zu", c->text,
                         ns_step_kind_name (c->step.kind), ns_mselection_kind_name (sel.kind),
                         tr->best[k - 1], bound, k);
        }
      check_best (tr);
    }
  ns_mfn_trace_free (tr);
  ns_mfn_free (f);
}
END_TEST

/* Random vertices: the same seed gives the same run, and every selected g
   is one of the limiting gradients at its iterate. */
START_TEST (test_random_vertex)
{
  ns_mfn *f = parse_ok ("abs(x) + abs(y)", 2);
  ns_mfn_trace *a = ns_mfn_trace_alloc (2, 40), *b = ns_mfn_trace_alloc (2, 40);
  double x0[2] = { 0, 0 };
  ns_step_rule step = { NS_STEP_HARMONIC, 0.5, 0 };
  ns_mselection sel = { NS_MSELECT_RANDOM_VERTEX, 12345, NULL, 0 };
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, &step, &sel, 40, a), NS_OK);
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, &step, &sel, 40, b), NS_OK);
  ck_assert (memcmp (a->x, b->x, 41 * 2 * sizeof (double)) == 0);
  for (size_t k = 0; k <= 40; k++)
    {
      ns_result lg[8];
      size_t count = 0;
      ck_assert_int_eq (ns_mfn_limiting_gradients (f, a->x + 2 * k, lg, 8, &count), NS_OK);
      int found = 0;
      for (size_t i = 0; i < count; i++)
        found |= lg[2 * i].val == a->g[2 * k] && lg[2 * i + 1].val == a->g[2 * k + 1];
      ck_assert_msg (found, "k = %zu: g = (%g, %g)", k, a->g[2 * k], a->g[2 * k + 1]);
    }
  /* At 0 the first draw is a corner (+-1, +-1) of the Clarke square. */
  ck_assert (fabs (a->g[0]) == 1 && fabs (a->g[1]) == 1);
  check_best (a);
  ns_mfn_trace_free (a);
  ns_mfn_trace_free (b);
  ns_mfn_free (f);
}
END_TEST

/* The direction selection at 0 of max(x+y, x-y, -x): with
   u = (0.6180 - 0.5 + 0.001, 0.2361 - 0.5 + 0.002) = (0.1190, -0.2619),
   g . u is -0.143 for (1,1), 0.381 for (1,-1) and -0.119 for (-1,0): the
   piece x - y. */
START_TEST (test_direction)
{
  ns_mfn *f = parse_ok ("max(max(x + y, x - y), -x)", 2);
  ns_mfn_trace *tr = ns_mfn_trace_alloc (2, 1);
  double x0[2] = { 0, 0 };
  ns_step_rule step = { NS_STEP_CONSTANT, 0.5, 0 };
  ns_mselection sel = { NS_MSELECT_DIRECTION, 0, NULL, 0 };
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, &step, &sel, 1, tr), NS_OK);
  ck_assert (tr->g[0] == 1 && tr->g[1] == -1);
  ck_assert (tr->x[2] == -0.5 && tr->x[3] == 0.5);
  /* The best point is x0, stationary. */
  ck_assert_int_eq (tr->best_k, 0);
  ck_assert_int_eq (tr->cert.stationary, 1);
  ns_mfn_trace_free (tr);
  ns_mfn_free (f);
}
END_TEST

/* The framework selection, NS_MSELECT_AD.  f = relu(x) - relu(-x) +
   relu(y) - relu(-y) is x + y, whose Clarke set everywhere is {(1, 1)};
   PyTorch's relu'(0) = 0 makes AD's gradient at 0 the sum of four zero
   terms, (0, 0): every step has length 0, the iterates stay at 0 and the
   certificate there says "not stationary, d = (-1, -1), f° = -2".  The
   least-norm selection from the same point takes g = (1, 1) and
   x_1 = (-1, -1) with f = -2.
   |x| + |y| from (1, -2) with 1/k: x_1 = (0, -1) (g_0 = (1, -1)); at
   x = 0 PyTorch's abs' is sgn(0) = 0 and JAX's select(x >= 0, g, -g)
   gives +1.  PyTorch: g = (0, -1) as the least-norm element, so the
   trace is the least-norm trace of test_l1_harmonic.  JAX: g_1 = (1, -1),
   x_2 = (-1/2, -1/2), then g = (-1, -1), x_3 = (-1/6, -1/6), and
   x_4 = (-1/6 + 1/4) (1, 1) = (1/12, 1/12).  The "undefined" preset stops
   at x_1 with NS_UNDEFINED (x_1 computed, its entry incomplete). */
START_TEST (test_ad_select)
{
  ns_mfn *f = parse_ok ("relu(x) - relu(-x) + relu(y) - relu(-y)", 2);
  ns_mfn_trace *tr = ns_mfn_trace_alloc (2, 4);
  double x0[2] = { 0, 0 };
  ns_step_rule step = { NS_STEP_HARMONIC, 1, 0 };
  ns_mselection sel = { NS_MSELECT_AD, 0, NULL, NS_AD_REVERSE };
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, &step, &sel, 3, tr), NS_OK);
  for (size_t k = 0; k <= 3; k++)
    ck_assert (tr->x[2 * k] == 0 && tr->x[2 * k + 1] == 0 && tr->g[2 * k] == 0
               && tr->g[2 * k + 1] == 0 && tr->fx[k] == 0);
  ck_assert_int_eq (tr->best_k, 0);
  ck_assert_int_eq (tr->cert_status, NS_OK);
  ck_assert_int_eq (tr->cert.stationary, 0);
  ck_assert (tr->cert.direction[0] == -1 && tr->cert.direction[1] == -1);
  ck_assert (tr->cert.slope.val == -2);
  /* The same with the policy spelled out, in forward mode. */
  ns_kink_policy pt;
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&pt, NS_AD_PYTORCH), NS_OK);
  ns_mselection fwd = { NS_MSELECT_AD, 0, &pt, NS_AD_FORWARD };
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, &step, &fwd, 2, tr), NS_OK);
  ck_assert (tr->x[4] == 0 && tr->x[5] == 0 && tr->g[0] == 0 && tr->g[1] == 0);
  ns_mselection mn = { NS_MSELECT_MIN_NORM, 0, NULL, 0 };
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, &step, &mn, 1, tr), NS_OK);
  ck_assert (tr->g[0] == 1 && tr->g[1] == 1 && tr->x[2] == -1 && tr->x[3] == -1
             && tr->fx[1] == -2);
  ns_mselection badmode = { NS_MSELECT_AD, 0, NULL, 7 };
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, &step, &badmode, 1, tr), NS_EINVAL);
  ns_mfn_free (f);

  f = parse_ok ("abs(x) + abs(y)", 2);
  double x1[2] = { 1, -2 };
  ns_mfn_trace *ref = ns_mfn_trace_alloc (2, 4);
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x1, &step, &sel, 4, tr), NS_OK);
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x1, &step, &mn, 4, ref), NS_OK);
  ck_assert (tr->x[2] == 0 && tr->x[3] == -1 && tr->g[2] == 0 && tr->g[3] == -1);
  ck_assert (memcmp (tr->x, ref->x, 5 * 2 * sizeof (double)) == 0);
  ns_kink_policy jax;
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&jax, NS_AD_JAX), NS_OK);
  sel.policy = &jax;
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x1, &step, &sel, 4, tr), NS_OK);
  ck_assert (tr->x[2] == 0 && tr->x[3] == -1 && tr->g[2] == 1 && tr->g[3] == -1);
  ck_assert (tr->x[4] == -0.5 && tr->x[5] == -0.5 && tr->g[4] == -1 && tr->g[5] == -1);
  for (int j = 0; j < 2; j++)
    {
      ck_assert (fabs (tr->x[6 + j] + 1.0 / 6) <= ROUND_SLACK);
      ck_assert (fabs (tr->x[8 + j] - 1.0 / 12) <= ROUND_SLACK);
    }
  check_best (tr);
  ns_kink_policy undef;
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&undef, NS_AD_UNDEFINED), NS_OK);
  sel.policy = &undef;
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x1, &step, &sel, 4, tr), NS_UNDEFINED);
  /* x_1 was reached but its entry has no g: it is not a complete step. */
  ck_assert_int_eq (tr->steps, 0);
  ck_assert (tr->x[2] == 0 && tr->x[3] == -1);
  ns_mfn_trace_free (ref);
  ns_mfn_trace_free (tr);
  ns_mfn_free (f);
}
END_TEST

START_TEST (test_bad)
{
  ns_mfn *f = parse_ok ("abs(x) + abs(y)", 2);
  ns_mfn_trace *tr = ns_mfn_trace_alloc (2, 3);
  double x0[2] = { 1, 1 };
  ns_step_rule step = { NS_STEP_HARMONIC, 1, 0 };
  ns_mselection sel = { NS_MSELECT_MIN_NORM, 0, NULL, 0 };
  ck_assert_int_eq (ns_mfn_subgradient_method (NULL, x0, &step, &sel, 3, tr), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_subgradient_method (f, NULL, &step, &sel, 3, tr), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, NULL, &sel, 3, tr), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, &step, NULL, 3, tr), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, &step, &sel, 3, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, &step, &sel, 4, tr), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, &step, &sel, 0, tr), NS_EINVAL);
  ns_step_rule bad = { NS_STEP_CONSTANT, -1, 0 };
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, &bad, &sel, 3, tr), NS_EINVAL);
  ns_mselection badsel = { NS_MSELECT_KIND_COUNT, 0, NULL, 0 };
  ck_assert_int_eq (ns_mfn_subgradient_method (f, x0, &step, &badsel, 3, tr), NS_EINVAL);
  double nan0[2] = { NAN, 0 };
  ck_assert_int_eq (ns_mfn_subgradient_method (f, nan0, &step, &sel, 3, tr), NS_EINVAL);
  ns_mfn *g3 = parse_ok ("abs(x) + abs(y) + z", 3);
  ck_assert_int_eq (ns_mfn_subgradient_method (g3, x0, &step, &sel, 3, tr), NS_EINVAL);
  ns_mfn_free (g3);
  /* A jump at x0: heaviside(x) at x = 0. */
  ns_mfn *h = parse_ok ("heaviside(x) + abs(y)", 2);
  double xj[2] = { 0, 1 };
  ck_assert_int_eq (ns_mfn_subgradient_method (h, xj, &step, &sel, 3, tr), NS_ENOTLIPSCHITZ);
  ck_assert_int_eq (tr->steps, 0);
  ns_mfn_free (h);
  ck_assert_ptr_null (ns_mfn_trace_alloc (0, 3));
  ck_assert_ptr_null (ns_mfn_trace_alloc (2, 0));
  ck_assert_ptr_null (ns_mfn_trace_alloc (2, SIZE_MAX / 4));
  ns_mfn_trace_free (NULL);
  ck_assert_str_eq (ns_mselection_kind_name (NS_MSELECT_RANDOM_VERTEX), "random-vertex");
  ck_assert_str_eq (ns_mselection_kind_name (NS_MSELECT_AD), "ad");
  ck_assert_str_eq (ns_mselection_kind_name ((ns_mselection_kind) 9), "unknown");
  ns_mfn_trace_free (tr);
  ns_mfn_free (f);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("mminimize");
  TCase *core = tcase_create ("core");
  tcase_set_timeout (core, 60);
  tcase_add_test (core, test_l1_harmonic);
  tcase_add_test (core, test_polyak_max_affine);
  tcase_add_loop_test (core, test_convex_bound, 0, sizeof bound_cases / sizeof bound_cases[0]);
  tcase_add_test (core, test_random_vertex);
  tcase_add_test (core, test_direction);
  tcase_add_test (core, test_ad_select);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad);
  suite_add_tcase (s, limits);
  return s;
}
