/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_stationary.c: the stationarity test 0 in the Clarke set,
   ns_mfn_stationary.  Hand-derived Clarke sets, least-norm elements and
   descent slopes (the derivation beside each case); the certificate
   re-checked here (weights combine the gradients to 0; the slope against
   ns_mfn_clarke_dirderiv and the one-sided f'(x; d) along the direction). */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

/* References written as doubles (a sum of a few exact terms) are off by
   at most an ulp: the one named slack of this file. */
#define REF_SLACK(r) (2 * DBL_EPSILON * fabs (r))

typedef struct st_case {
  const char *text;
  int n;
  double x[3];
  int stationary;      /* 2: stationary with 0 interior to the Clarke set,
                          so in every reading of the bounds (residual 0) */
  double min_norm[3];  /* the least-norm element of the Clarke set */
  double slope;        /* f°(x; -min_norm) = -|min_norm|^2 when not stationary */
} st_case;

static const st_case st_cases[] = {
  /* |x|_1 at 0: Clarke set the square [-1,1]^2, 0 inside. */
  { "abs(x) + abs(y)", 2, { 0, 0 }, 2, { 0, 0 }, 0 },
  /* max(x+y, x-y, -x) at 0: the triangle (1,1), (1,-1), (-1,0); 0 is
     (1/4)(1,1) + (1/4)(1,-1) + (1/2)(-1,0). */
  { "max(max(x + y, x - y), -x)", 2, { 0, 0 }, 2, { 0, 0 }, 0 },
  /* max(|x|, |y|) at 0: the diamond of +-e1, +-e2. */
  { "max(abs(x), abs(y))", 2, { 0, 0 }, 2, { 0, 0 }, 0 },
  /* relu(x + y - 1) on its kink line: the segment (0,0)-(1,1) has 0 as an
     end (a minimum). */
  { "relu(x + y - 1)", 2, { 0.25, 0.75 }, 1, { 0, 0 }, 0 },
  /* |x| + |y| at (0, 1): the segment (-1,1)-(1,1), least-norm (0,1);
     d = (0,-1), f°(x; d) = max(-1, -1) = -1. */
  { "abs(x) + abs(y)", 2, { 0, 1 }, 0, { 0, 1 }, -1 },
  /* min(x, y) at 0: limiting gradients (1,0), (0,1), Clarke set their
     segment, least-norm (1/2, 1/2); f°(0; (-1/2,-1/2)) = -1/2. */
  { "min(x, y)", 2, { 0, 0 }, 0, { 0.5, 0.5 }, -0.5 },
  /* Smooth: x^2 + y^2 at 0 has the gradient 0; at (1, 0) the gradient
     (2, 0), slope -4. */
  { "x^2 + y^2", 2, { 0, 0 }, 1, { 0, 0 }, 0 },
  { "x^2 + y^2", 2, { 1, 0 }, 0, { 2, 0 }, -4 },
  /* One variable: |x| at 0 ([-1, 1]); relu(x) at 0 ([0, 1], 0 an end);
     relu(x - 1) + 2x at 1: [2, 3], least 2, slope -4. */
  { "abs(x)", 1, { 0 }, 1, { 0 }, 0 },
  { "relu(x)", 1, { 0 }, 1, { 0 }, 0 },
  { "relu(x - 1) + 2*x", 1, { 1 }, 0, { 2 }, -4 },
  /* max(x, 2x) at 0 in one variable: [1, 2], least 1, slope -1. */
  { "max(x, 2*x)", 1, { 0 }, 0, { 1 }, -1 },
};

START_TEST (test_cases)
{
  const st_case *c = &st_cases[_i];
  ns_mfn *f = NULL;
  ns_parse_error e;
  ck_assert_int_eq (ns_mfn_parse (c->text, c->n, &f, &e), NS_OK);
  ns_stationarity s;
  ns_status st = ns_mfn_stationary (f, c->x, &s);
  ck_assert_msg (st == NS_OK, "%s: %s", c->text, ns_strerror (st));
  ck_assert_int_eq (s.n, c->n);
  ck_assert_msg (s.stationary == (c->stationary > 0), "%s: stationary %d", c->text,
                 s.stationary);
  ck_assert_ptr_nonnull (s.clarke);
  int n = c->n;
  for (int j = 0; j < n; j++)
    ck_assert_msg (fabs (s.min_norm[j].val - c->min_norm[j])
                     <= s.min_norm[j].err + REF_SLACK (c->min_norm[j]),
                   "%s: min_norm[%d] = %.17g +- %g, expected %g", c->text, j,
                   s.min_norm[j].val, s.min_norm[j].err, c->min_norm[j]);
  /* The weights are convex and combine the gradients to the least-norm
     element: exactly 0 when stationary (the gradients here are exact
     small integers and the weights dyadic or rounded, so up to a few
     ulps). */
  double sum = 0;
  for (size_t i = 0; i < s.clarke->count; i++)
    {
      ck_assert (s.weights[i] >= 0);
      sum += s.weights[i];
    }
  ck_assert_msg (fabs (sum - 1) <= 8 * DBL_EPSILON, "%s: weights sum %.17g", c->text, sum);
  for (int j = 0; j < n; j++)
    {
      double comb = 0;
      for (size_t i = 0; i < s.clarke->count; i++)
        comb += s.weights[i] * s.clarke->vertices[i * (size_t) n + j];
      ck_assert_msg (fabs (comb - c->min_norm[j]) <= 16 * DBL_EPSILON * (1 + fabs (c->min_norm[j])),
                     "%s: sum w g [%d] = %.17g", c->text, j, comb);
    }
  if (c->stationary == 0)
    {
      ck_assert (s.slope.val + s.slope.err < 0);
      ck_assert_msg (fabs (s.slope.val - c->slope) <= s.slope.err + REF_SLACK (c->slope),
                     "%s: slope %.17g +- %g, expected %g", c->text, s.slope.val, s.slope.err,
                     c->slope);
      /* Second route: Clarke's f° along the direction from the library's
         own routine, and the one-sided derivative, which it bounds. */
      ns_result cd, dd;
      ck_assert_int_eq (ns_mfn_clarke_dirderiv (f, c->x, s.direction, &cd), NS_OK);
      ck_assert (fabs (cd.val - s.slope.val) <= cd.err + s.slope.err);
      ck_assert_int_eq (ns_mfn_dirderiv (f, c->x, s.direction, &dd), NS_OK);
      ck_assert (dd.val - dd.err <= s.slope.val + s.slope.err);
      for (int j = 0; j < n; j++)
        ck_assert (s.direction[j] == -s.min_norm[j].val);
    }
  else
    {
      /* 0 is exactly a combination of the gradients as computed; they are
         small integers whose bounds are a few subnormal ulps of outward
         rounding, so the residual distance is that small. */
      ck_assert (s.residual >= 0 && s.residual <= 1e-300);
      /* With 0 interior, ns_polytope_contains shows it inside every
         reading. */
      if (c->stationary == 2)
        ck_assert_msg (s.residual == 0, "%s: residual %g", c->text, s.residual);
      for (int j = 0; j < n; j++)
        ck_assert (s.min_norm[j].val == 0 && s.min_norm[j].err == s.residual);
    }
  ns_stationarity_clear (&s);
  ck_assert_ptr_null (s.clarke);
  ns_stationarity_clear (&s);
  ns_mfn_free (f);
}
END_TEST

/* The triangle's certificate: the weights of (1,1), (1,-1), (-1,0) are
   (1/4, 1/4, 1/2) (unique: the three points are affinely independent). */
START_TEST (test_triangle_weights)
{
  ns_mfn *f = NULL;
  ck_assert_int_eq (ns_mfn_parse ("max(max(x + y, x - y), -x)", 2, &f, NULL), NS_OK);
  ns_stationarity s;
  double x[2] = { 0, 0 };
  ck_assert_int_eq (ns_mfn_stationary (f, x, &s), NS_OK);
  ck_assert_int_eq (s.clarke->count, 3);
  ck_assert_int_eq (s.clarke->dim, 2);
  for (size_t i = 0; i < 3; i++)
    {
      const double *g = s.clarke->vertices + 2 * i;
      double ref = g[0] < 0 ? 0.5 : 0.25;
      ck_assert_msg (s.weights[i] == ref, "(%g, %g): weight %.17g", g[0], g[1], s.weights[i]);
    }
  ns_stationarity_clear (&s);
  ns_mfn_free (f);
}
END_TEST

/* The exact affine dimension of the Clarke points: the square of |x|+|y|
   at 0 (2), its edge at (0, 1) (1), min(x, y) at 0 (the segment
   (1,0)-(0,1), 1), a smooth point (0), |x| in one variable at 0 (1). */
START_TEST (test_dimension)
{
  static const struct { const char *text; int n; double x[2]; int dim; } cases[] = {
    { "abs(x) + abs(y)", 2, { 0, 0 }, 2 },
    { "abs(x) + abs(y)", 2, { 0, 1 }, 1 },
    { "min(x, y)", 2, { 0, 0 }, 1 },
    { "x^2 + y^2", 2, { 1, 0 }, 0 },
    { "abs(x)", 1, { 0, 0 }, 1 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      ns_mfn *f = NULL;
      ck_assert_int_eq (ns_mfn_parse (cases[i].text, cases[i].n, &f, NULL), NS_OK);
      ns_stationarity s;
      ck_assert_int_eq (ns_mfn_stationary (f, cases[i].x, &s), NS_OK);
      ck_assert_msg (s.clarke->dim == cases[i].dim, "%s: dim %d", cases[i].text, s.clarke->dim);
      ns_stationarity_clear (&s);
      ns_mfn_free (f);
    }
}
END_TEST

START_TEST (test_bad)
{
  ns_mfn *f = NULL;
  ck_assert_int_eq (ns_mfn_parse ("abs(x) + y", 2, &f, NULL), NS_OK);
  double x[2] = { 0, 0 };
  ns_stationarity s;
  ck_assert_int_eq (ns_mfn_stationary (NULL, x, &s), NS_EINVAL);
  ck_assert_ptr_null (s.clarke);
  ck_assert_int_eq (ns_mfn_stationary (f, NULL, &s), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_stationary (f, x, NULL), NS_EINVAL);
  double bad[2] = { NAN, 0 };
  ck_assert_int_eq (ns_mfn_stationary (f, bad, &s), NS_EINVAL);
  ns_stationarity_clear (&s);
  ns_stationarity_clear (NULL);
  ns_mfn_free (f);
  /* A jump at x: not Lipschitz, no Clarke set. */
  ck_assert_int_eq (ns_mfn_parse ("heaviside(x) + y", 2, &f, NULL), NS_OK);
  ck_assert_int_eq (ns_mfn_stationary (f, x, &s), NS_ENOTLIPSCHITZ);
  ck_assert_ptr_null (s.clarke);
  ns_stationarity_clear (&s);
  ns_mfn_free (f);
  /* Outside the domain. */
  ck_assert_int_eq (ns_mfn_parse ("log(x) + y", 2, &f, NULL), NS_OK);
  double neg[2] = { -1, 0 };
  ns_status st = ns_mfn_stationary (f, neg, &s);
  ck_assert_msg (st != NS_OK, "log at -1: %s", ns_strerror (st));
  ns_stationarity_clear (&s);
  ns_mfn_free (f);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("stationary");
  TCase *core = tcase_create ("core");
  tcase_add_loop_test (core, test_cases, 0, sizeof st_cases / sizeof st_cases[0]);
  tcase_add_test (core, test_triangle_weights);
  tcase_add_test (core, test_dimension);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad);
  suite_add_tcase (s, limits);
  return s;
}
