/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_calculus.c: the calculus rules (sum, positive scaling, max,
   affine composition) against right-hand sides and true sets derived by
   hand from the one-sided slopes of each part (see doc/calculus.texi);
   the verdicts of the two teaching examples; refusals; bad input. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

#define X ns_fn_x ()
#define C(v) ns_fn_const (v)

/* Endpoints are slopes of affine pieces, exact up to a few roundings. */
#define SET_TOL 1e-12

typedef ns_function *(*builder) (void);

static ns_function *b_abs_plus_relu (void) { return ns_fn_add (ns_fn_abs (X), ns_fn_relu (X)); }
static ns_function *b_abs_plus_negabs (void) { return ns_fn_add (ns_fn_abs (X), ns_fn_neg (ns_fn_abs (X))); }
static ns_function *b_abs_minus_abs (void) { return ns_fn_sub (ns_fn_abs (X), ns_fn_abs (X)); }
static ns_function *b_abs_plus_square (void) { return ns_fn_add (ns_fn_abs (X), ns_fn_pow (X, 2)); }
static ns_function *b_example (void) { return ns_fn_add (ns_fn_abs (ns_fn_sub (X, C (1))), ns_fn_mul (C (2), ns_fn_abs (X))); }
static ns_function *b_2relu (void) { return ns_fn_mul (C (2), ns_fn_relu (X)); }
static ns_function *b_relu_over_4 (void) { return ns_fn_div (ns_fn_relu (X), C (4)); }
static ns_function *b_neg_scale (void) { return ns_fn_mul (ns_fn_abs (X), C (-1)); }
static ns_function *b_max_x_negx (void) { return ns_fn_max (X, ns_fn_neg (X)); }
static ns_function *b_max3 (void)
{
  /* max(2x + 1, -x + 4, x/2 + 5/2): all three equal 3 at x = 1. */
  return ns_fn_max (ns_fn_max (ns_fn_add (ns_fn_mul (C (2), X), C (1)),
                               ns_fn_add (ns_fn_neg (X), C (4))),
                    ns_fn_add (ns_fn_div (X, C (2)), C (2.5)));
}
static ns_function *b_max_abs_1 (void) { return ns_fn_max (ns_fn_abs (X), C (1)); }
static ns_function *b_max_nonregular (void) { return ns_fn_max (ns_fn_neg (ns_fn_abs (X)), ns_fn_mul (C (-2), ns_fn_abs (X))); }
static ns_function *b_relu_2x_1 (void) { return ns_fn_relu (ns_fn_add (ns_fn_mul (C (2), X), C (1))); }
static ns_function *b_abs_1_minus_x (void) { return ns_fn_abs (ns_fn_sub (C (1), X)); }
static ns_function *b_relu_const (void) { return ns_fn_relu (ns_fn_mul (C (0), X)); }
static ns_function *b_exp_square (void) { return ns_fn_exp (ns_fn_pow (X, 2)); }
static ns_function *b_sqrtabs_plus_x (void) { return ns_fn_add (ns_fn_sqrt (ns_fn_abs (X)), X); }
static ns_function *b_negabs_plus_x (void) { return ns_fn_add (ns_fn_neg (ns_fn_abs (X)), X); }

#define NONE_SET NAN, NAN   /* an empty set */

typedef struct calc_case {
  const char *name;
  builder build;
  double x;
  ns_subdiff_kind kind;
  ns_calc_rule rule;
  ns_calc_verdict verdict;
  int rhs_contains_true;   /* INCLUSION only */
  int hypotheses;
  double rlo, rhi;         /* the rule's set (NaN: empty) */
  double tlo, thi;         /* the true set (NaN: empty) */
} calc_case;

/* Each row's sets from the slopes: |x| has [-1, 1] at 0, relu [0, 1],
   -|x| Frechet empty, limiting {-1} U {1}, Clarke [-1, 1]. */
static const calc_case cases[] = {
  /* The teaching examples: [-1, 1] + [0, 1] = [-1, 2], both regular. */
  { "|x|+relu Clarke", b_abs_plus_relu, 0, NS_SUBDIFF_CLARKE, NS_CALC_SUM, NS_CALC_EQUALITY, 0, 1, -1, 2, -1, 2 },
  { "|x|+relu convex", b_abs_plus_relu, 0, NS_SUBDIFF_CONVEX, NS_CALC_SUM, NS_CALC_EQUALITY, 0, 1, -1, 2, -1, 2 },
  /* [-1, 1] + [-1, 1] = [-2, 2], but |x| - |x| = 0 has {0}. */
  { "|x|+(-|x|) Clarke", b_abs_plus_negabs, 0, NS_SUBDIFF_CLARKE, NS_CALC_SUM, NS_CALC_INCLUSION, 1, 0, -2, 2, 0, 0 },
  { "|x|-|x| Clarke", b_abs_minus_abs, 0, NS_SUBDIFF_CLARKE, NS_CALC_SUM, NS_CALC_INCLUSION, 1, 0, -2, 2, 0, 0 },
  /* Limiting: [-1, 1] + ({-1} U {1}) = [-2, 2]; true {0}. */
  { "|x|+(-|x|) limiting", b_abs_plus_negabs, 0, NS_SUBDIFF_LIMITING, NS_CALC_SUM, NS_CALC_INCLUSION, 1, 0, -2, 2, 0, 0 },
  /* Frechet: neither part differentiable; [-1, 1] + empty = empty. */
  { "|x|+(-|x|) Frechet", b_abs_plus_negabs, 0, NS_SUBDIFF_FRECHET, NS_CALC_SUM, NS_CALC_NOT_APPLICABLE, 0, 0, NONE_SET, 0, 0 },
  /* |x| - |x| = 0 is convex (certified piece by piece: slope 0 on both
     sides of 0), true set {0}; but the part -|x| is not convex, so the
     Moreau-Rockafellar sum rule does not apply. */
  { "|x|+(-|x|) convex", b_abs_plus_negabs, 0, NS_SUBDIFF_CONVEX, NS_CALC_SUM, NS_CALC_NOT_APPLICABLE, 0, 1, NONE_SET, 0, 0 },
  /* x^2 is differentiable (slope 0): Frechet equality [-1, 1]. */
  { "|x|+x^2 Frechet", b_abs_plus_square, 0, NS_SUBDIFF_FRECHET, NS_CALC_SUM, NS_CALC_EQUALITY, 0, 1, -1, 1, -1, 1 },
  /* -|x| + x: Frechet empty + {1} = empty; true: slopes 2 left, 0 right: empty. */
  { "-|x|+x Frechet", b_negabs_plus_x, 0, NS_SUBDIFF_FRECHET, NS_CALC_SUM, NS_CALC_EQUALITY, 0, 1, NONE_SET, NONE_SET },
  /* |x - 1| + 2|x| at 0: {-1} + [-2, 2] = [-3, 1]. */
  { "example convex", b_example, 0, NS_SUBDIFF_CONVEX, NS_CALC_SUM, NS_CALC_EQUALITY, 0, 1, -3, 1, -3, 1 },
  { "2 relu", b_2relu, 0, NS_SUBDIFF_CLARKE, NS_CALC_SCALE, NS_CALC_EQUALITY, 0, 1, 0, 2, 0, 2 },
  { "relu/4 Frechet", b_relu_over_4, 0, NS_SUBDIFF_FRECHET, NS_CALC_SCALE, NS_CALC_EQUALITY, 0, 1, 0, 0.25, 0, 0.25 },
  { "|x|*(-1)", b_neg_scale, 0, NS_SUBDIFF_CLARKE, NS_CALC_SCALE, NS_CALC_NOT_APPLICABLE, 0, 0, NONE_SET, -1, 1 },
  /* max(x, -x): conv{1, -1}. */
  { "max(x,-x)", b_max_x_negx, 0, NS_SUBDIFF_CLARKE, NS_CALC_MAX, NS_CALC_EQUALITY, 0, 1, -1, 1, -1, 1 },
  { "max3 convex", b_max3, 1, NS_SUBDIFF_CONVEX, NS_CALC_MAX, NS_CALC_EQUALITY, 0, 1, -1, 2, -1, 2 },
  { "max3 Frechet", b_max3, 1, NS_SUBDIFF_FRECHET, NS_CALC_MAX, NS_CALC_EQUALITY, 0, 1, -1, 2, -1, 2 },
  /* Only the constant is active at 0. */
  { "max(|x|,1)", b_max_abs_1, 0, NS_SUBDIFF_CLARKE, NS_CALC_MAX, NS_CALC_EQUALITY, 0, 1, 0, 0, 0, 0 },
  /* max(-|x|, -2|x|) = -|x|: conv([-1, 1] U [-2, 2]) = [-2, 2], true [-1, 1]. */
  { "max nonregular", b_max_nonregular, 0, NS_SUBDIFF_CLARKE, NS_CALC_MAX, NS_CALC_INCLUSION, 1, 0, -2, 2, -1, 1 },
  /* relu(2x + 1) at -1/2: 2 [0, 1]. */
  { "relu(2x+1)", b_relu_2x_1, -0.5, NS_SUBDIFF_CLARKE, NS_CALC_AFFINE, NS_CALC_EQUALITY, 0, 1, 0, 2, 0, 2 },
  { "|1-x| Frechet", b_abs_1_minus_x, 1, NS_SUBDIFF_FRECHET, NS_CALC_AFFINE, NS_CALC_EQUALITY, 0, 1, -1, 1, -1, 1 },
  { "relu(0x)", b_relu_const, 0, NS_SUBDIFF_CLARKE, NS_CALC_AFFINE, NS_CALC_NOT_APPLICABLE, 0, 0, NONE_SET, 0, 0 },
  { "exp(x^2)", b_exp_square, 0, NS_SUBDIFF_CLARKE, NS_CALC_NONE, NS_CALC_NOT_APPLICABLE, 0, 0, NONE_SET, 0, 0 },
  /* Clarke is undefined at an infinite slope. */
  { "sqrt|x|+x", b_sqrtabs_plus_x, 0, NS_SUBDIFF_CLARKE, NS_CALC_NONE, NS_CALC_NOT_APPLICABLE, 0, 0, NONE_SET, NONE_SET },
};

static void
assert_set (const char *name, const char *which, const ns_set *s, double lo, double hi)
{
  ns_set ref;
  int eq = 0;
  if (isnan (lo))
    ns_set_empty (&ref);
  else
    ck_assert_int_eq (ns_set_interval (lo, hi, &ref), NS_OK);
  ck_assert_int_eq (ns_set_equal (s, &ref, SET_TOL, 0, &eq), NS_OK);
  char buf[256];
  ns_set_snprint (buf, sizeof buf, s, NS_SET_ASCII);
  ck_assert_msg (eq, "%s: %s set %s, expected [%g, %g]", name, which, buf, lo, hi);
}

START_TEST (test_rules)
{
  const calc_case *c = &cases[_i];
  ns_function *f = c->build ();
  ck_assert_ptr_nonnull (f);
  ns_calc_report r;
  ck_assert_int_eq (ns_calc_rule_check (f, c->x, c->kind, &r), NS_OK);
  ck_assert_msg (r.rule == c->rule, "%s: rule %s", c->name, ns_calc_rule_name (r.rule));
  ck_assert_msg (r.verdict == c->verdict, "%s: verdict %s (%s)", c->name,
                 ns_calc_verdict_name (r.verdict), r.message);
  ck_assert_int_eq (r.kind, c->kind);
  ck_assert_int_eq (r.hypotheses, c->hypotheses);
  if (c->verdict == NS_CALC_INCLUSION)
    ck_assert_int_eq (r.rhs_contains_true, c->rhs_contains_true);
  assert_set (c->name, "rule's", &r.rhs, c->rlo, c->rhi);
  assert_set (c->name, "true", &r.truth, c->tlo, c->thi);
  ck_assert (strlen (r.message) > 0);
  ns_fn_free (f);
}
END_TEST

START_TEST (test_print)
{
  ns_function *f = b_abs_plus_negabs ();
  ns_calc_report r;
  ck_assert_int_eq (ns_calc_rule_check (f, 0, NS_SUBDIFF_CLARKE, &r), NS_OK);
  char buf[1024] = "";
  FILE *s = tmpfile ();
  ck_assert_ptr_nonnull (s);
  ck_assert_int_eq (ns_calc_report_print (s, &r, NS_SET_ASCII), NS_OK);
  rewind (s);
  size_t len = fread (buf, 1, sizeof buf - 1, s);
  buf[len] = '\0';
  fclose (s);
  ck_assert_msg (strstr (buf, "rule: sum, Clarke subdifferential at x = 0\n") == buf, "%s", buf);
  ck_assert_msg (strstr (buf, "rule's set: [-2, 2]\n"), "%s", buf);
  ck_assert_msg (strstr (buf, "true set:   {0}\n"), "%s", buf);
  ck_assert_msg (strstr (buf, "verdict:    only inclusion (true set inside the rule's set)\n"), "%s", buf);
  ck_assert_int_eq (ns_calc_report_print (NULL, &r, 0), NS_EINVAL);
  ck_assert_int_eq (ns_calc_report_print (stdout, NULL, 0), NS_EINVAL);
  ns_fn_free (f);
}
END_TEST

START_TEST (test_names)
{
  ck_assert_str_eq (ns_calc_rule_name (NS_CALC_AFFINE), "affine composition");
  ck_assert_str_eq (ns_calc_rule_name ((ns_calc_rule) 77), "unknown");
  ck_assert_str_eq (ns_calc_verdict_name (NS_CALC_INCLUSION), "only inclusion");
  ck_assert_str_eq (ns_calc_verdict_name (NS_CALC_NOT_APPLICABLE), "rule does not apply");
  ck_assert_str_eq (ns_calc_verdict_name ((ns_calc_verdict) -3), "unknown");
}
END_TEST

START_TEST (test_bad_input)
{
  ns_function *f = b_abs_plus_relu ();
  ns_calc_report r;
  ck_assert_int_eq (ns_calc_rule_check (NULL, 0, NS_SUBDIFF_CLARKE, &r), NS_EINVAL);
  ck_assert_int_eq (r.verdict, NS_CALC_NOT_APPLICABLE);
  ck_assert_int_eq (ns_calc_rule_check (f, 0, NS_SUBDIFF_CLARKE, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_calc_rule_check (f, NAN, NS_SUBDIFF_CLARKE, &r), NS_EINVAL);
  ck_assert_int_eq (ns_calc_rule_check (f, INFINITY, NS_SUBDIFF_CLARKE, &r), NS_EINVAL);
  ck_assert_int_eq (ns_calc_rule_check (f, 0, NS_SUBDIFF_KIND_COUNT, &r), NS_EINVAL);
  ck_assert_int_eq (ns_calc_rule_check (f, 0, (ns_subdiff_kind) -1, &r), NS_EINVAL);
  ns_fn_free (f);
  /* log x + x at -1: outside the domain; the status of ns_subdiff. */
  f = ns_fn_add (ns_fn_log (X), X);
  ck_assert_int_eq (ns_calc_rule_check (f, -1, NS_SUBDIFF_CLARKE, &r), NS_EDOM);
  ns_fn_free (f);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("calculus");
  TCase *core = tcase_create ("core");
  tcase_add_loop_test (core, test_rules, 0, sizeof cases / sizeof cases[0]);
  tcase_add_test (core, test_print);
  tcase_add_test (core, test_names);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad_input);
  suite_add_tcase (s, limits);
  return s;
}
