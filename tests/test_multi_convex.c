/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_multi_convex.c: convexity of functions of several variables
   by rules, and the convex subdifferential.  Each certified case is convex
   by a textbook argument written beside it, with its subdifferential at
   the point derived by hand (the sum rule, which is exact for convex
   functions, and the max rule); each refused case is not convex (a
   counterexample beside it) or lies outside the rules, and the refusal
   must name the subexpression. */
#include <config.h>
#include <math.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

typedef struct convex_case {
  const char *text;
  int n;
  double x[4];
  int nv;                 /* vertices of the subdifferential at x */
  double v[4][4];
} convex_case;

static const convex_case convex_cases[] = {
  /* ||(x, y)||_1 at 0: [-1, 1]^2. */
  { "abs(x) + abs(y)", 2, { 0, 0 }, 4, { { 1, 1 }, { -1, 1 }, { -1, -1 }, { 1, -1 } } },
  /* ||(x, y)||_inf at 0: the unit ball of the dual norm, the diamond. */
  { "max(abs(x), abs(y))", 2, { 0, 0 }, 4, { { 1, 0 }, { 0, 1 }, { -1, 0 }, { 0, -1 } } },
  /* Max of affine maps at a common zero: the hull of their gradients. */
  { "max(max(x + y, x - y), -x)", 2, { 0, 0 }, 3, { { 1, 1 }, { 1, -1 }, { -1, 0 } } },
  /* relu of an affine map on its kink line: [0, 1] (1, 1). */
  { "relu(x + y - 1)", 2, { 0.5, 0.5 }, 2, { { 0, 0 }, { 1, 1 } } },
  /* (x - y)^2 is convex (a square of a linear form, the one-form rule),
     with gradient 0 at 0; |x| adds [-1, 1] x {0}. */
  { "(x - y)^2 + abs(x)", 2, { 0, 0 }, 2, { { -1, 0 }, { 1, 0 } } },
  /* exp of a linear form is convex; at 0 its gradient is (1, 2); relu(x)
     adds [0, 1] x {0}. */
  { "exp(x + 2*y) + relu(x)", 2, { 0, 0 }, 2, { { 1, 2 }, { 2, 2 } } },
  /* Convex minus concave: 2|x - y| + |y| at 0, the hull of
     (+-2, -+2) + (0, +-1): four vertices. */
  { "2*abs(x - y) - (-abs(y))", 2, { 0, 0 }, 4, { { 2, -1 }, { 2, -3 }, { -2, 3 }, { -2, 1 } } },
  /* A smooth convex function away from its kink: the gradient. */
  { "abs(x) + abs(y)", 2, { 0.5, -2 }, 1, { { 1, -1 } } },
  /* One variable: |x| at 0, [-1, 1]. */
  { "abs(x)", 1, { 0 }, 2, { { -1 }, { 1 } } },
};

static int
has_vertex (const ns_polytope *p, const double *v)
{
  for (size_t k = 0; k < p->count; k++)
    {
      int same = 1;
      for (int j = 0; j < p->n; j++)
        same &= fabs (p->vertices[k * p->n + j] - v[j]) <= p->err[k * p->n + j];
      if (same)
        return 1;
    }
  return 0;
}

START_TEST (test_convex_subdiff)
{
  const convex_case *c = &convex_cases[_i];
  ns_mfn *f = NULL;
  ns_parse_error pe;
  ck_assert_int_eq (ns_mfn_parse (c->text, c->n, &f, &pe), NS_OK);
  int cert = -1;
  char why[160];
  ck_assert_int_eq (ns_mfn_convexity (f, &cert, why, sizeof why), NS_OK);
  ck_assert_int_eq (cert, 1);
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_mfn_convex_subdiff (f, c->x, &p), NS_OK);
  ck_assert_uint_eq (p->count, (size_t) c->nv);
  for (int i = 0; i < c->nv; i++)
    ck_assert_msg (has_vertex (p, c->v[i]), "%s: vertex %d missing", c->text, i);
  /* The same set as the Clarke polytope (a convex function is regular). */
  ns_polytope *q = NULL;
  ck_assert_int_eq (ns_mfn_clarke_polytope (f, c->x, &q), NS_OK);
  ck_assert_uint_eq (q->count, p->count);
  ns_polytope_free (q);
  ns_polytope_free (p);
  ns_mfn_free (f);
}
END_TEST

typedef struct refusal {
  const char *text;
  int n;
  const char *names;      /* the subexpression the reason must name */
} refusal;

static const refusal refusals[] = {
  /* min(x, y) is concave, not convex: on (1, 0), (0, 1) the midpoint
     value 1/2 exceeds the mean of the values, 0. */
  { "min(x, y)", 2, "min(x, y)" },
  /* |x| - |y| at (0, -1), (0, 1), (0, 0): 0 > (-1 + -1) / 2. */
  { "abs(x) - abs(y)", 2, "(abs(x) - abs(y))" },
  /* max(|x|, min(x, y)): the rules refuse the min inside. */
  { "max(abs(x), min(x, y))", 2, "min(x, y)" },
  /* x y: along (t, -t) it is -t^2. */
  { "x*y", 2, "(x * y)" },
  /* relu(x) relu(y): along (t, t) for t > 0 it is t^2, but on the segment
     from (1, 0) to (0, 1) the midpoint value 1/4 exceeds the ends' 0.
     The one-variable product rule (nonnegative convex factors rising
     together) does not hold in several variables. */
  { "relu(x)*relu(y)", 2, "(relu(x) * relu(y))" },
  /* ||x| - 1| is 1 at 0 and 0 at +-1. */
  { "abs(abs(x + y) - 1)", 2, "abs((abs((x + y)) - 1))" },
  /* Four variables: a min of two of them. */
  { "abs(x1) + min(x2, x3) + x4", 4, "min(x2, x3)" },
};

START_TEST (test_refusals)
{
  const refusal *c = &refusals[_i];
  ns_mfn *f = NULL;
  ns_parse_error pe;
  ck_assert_int_eq (ns_mfn_parse (c->text, c->n, &f, &pe), NS_OK);
  int cert = -1;
  char why[160];
  ck_assert_int_eq (ns_mfn_convexity (f, &cert, why, sizeof why), NS_ENOTCONVEX);
  ck_assert_int_eq (cert, 0);
  ck_assert_msg (strstr (why, c->names) != NULL, "%s: reason '%s'", c->text, why);
  double x[4] = { 0, 0, 0, 0 };
  ns_polytope *p = (ns_polytope *) 1;
  ck_assert_int_eq (ns_mfn_convex_subdiff (f, x, &p), NS_ENOTCONVEX);
  ck_assert_ptr_null (p);
  ns_mfn_free (f);
}
END_TEST

START_TEST (test_more_variables)
{
  /* ||x||_1 in R^3 and a sum in R^4: certified; the subdifferential needs
     the limiting gradients in n > 2 (NS_ELIMIT until they have them, then
     the cube [-1, 1]^3). */
  static const char *texts[] = { "abs(x) + abs(y) + abs(z)",
                                 "abs(x1) + max(x2, x3) + x4" };
  for (int i = 0; i < 2; i++)
    {
      ns_mfn *f = NULL;
      ns_parse_error pe;
      ck_assert_int_eq (ns_mfn_parse (texts[i], 0, &f, &pe), NS_OK);
      int cert = -1;
      ck_assert_int_eq (ns_mfn_convexity (f, &cert, NULL, 0), NS_OK);
      ck_assert_int_eq (cert, 1);
      double x[4] = { 0, 0, 0, 0 };
      ns_polytope *p = NULL;
      ns_status st = ns_mfn_convex_subdiff (f, x, &p);
      ck_assert (st == NS_OK || st == NS_ELIMIT);
      if (st == NS_OK && i == 0)
        ck_assert_uint_eq (p->count, 8);
      ns_polytope_free (p);
      ns_mfn_free (f);
    }
  ns_mfn *f = NULL;
  int cert = -1;
  ck_assert_int_eq (ns_mfn_convexity (NULL, &cert, NULL, 0), NS_EINVAL);
  ns_parse_error pe;
  ck_assert_int_eq (ns_mfn_parse ("x + y", 2, &f, &pe), NS_OK);
  ck_assert_int_eq (ns_mfn_convexity (f, NULL, NULL, 0), NS_EINVAL);
  double x[2] = { 0, 0 };
  ck_assert_int_eq (ns_mfn_convex_subdiff (f, x, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_convex_subdiff (f, NULL, NULL), NS_EINVAL);
  ns_mfn_free (f);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("multi_convex");
  TCase *core = tcase_create ("core");
  tcase_add_loop_test (core, test_convex_subdiff, 0,
                       sizeof convex_cases / sizeof convex_cases[0]);
  tcase_add_loop_test (core, test_refusals, 0, sizeof refusals / sizeof refusals[0]);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_more_variables);
  suite_add_tcase (s, limits);
  return s;
}
