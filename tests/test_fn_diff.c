/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_fn_diff.c: the symbolic derivative ns_fn_diff.  Its tree
   against the one-sided derivatives from germs (ns_fn_deriv, an
   independent route) at many points off the breakpoints, to third order;
   printed forms derived by hand from the rules; the midpoint convention at
   kinks against the mean of the two one-sided derivatives; bad input and
   size limits. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

/* Germs expose no rounding bound past the value, so the germ route may be
   off by a few ulps per operation of the expression; 64 ulps of the larger
   value covers the depth of these expressions. */
#define GERM_ULPS 64

/* The evaluation's err bounds the tree's rounding; the germ route rounds
   the same intermediate quantities in another order, so its error is
   taken as at most once more that bound (the cancelling differences such
   as 1/(x^2 + 1) - 2x^2/(x^2 + 1)^2 near x = 1 need it). */
#define EVAL_ERR_FACTOR 2

/* Points closer than this to a breakpoint are skipped: the tree and the
   germs may pick different branches within rounding of a switch. */
#define BREAK_GAP 1e-6

static ns_function *
parse (const char *text)
{
  ns_function *f = NULL;
  ns_parse_error e;
  ck_assert_msg (ns_fn_parse (text, &f, &e) == NS_OK, "parse %s", text);
  return f;
}

/* f differentiated K times with ns_fn_diff. */
static ns_function *
diff_k (ns_function *f, int k)
{
  ns_function *g = ns_fn_ref (f);
  for (int i = 0; i < k; i++)
    {
      ns_function *d = NULL;
      ck_assert_int_eq (ns_fn_diff (g, &d), NS_OK);
      ck_assert_ptr_nonnull (d);
      ns_fn_free (g);
      g = d;
    }
  return g;
}

static void
check_print (const char *expr, int k, const char *want)
{
  ns_function *f = parse (expr);
  ns_function *d = diff_k (f, k);
  char buf[256];
  ns_fn_snprint (buf, sizeof buf, d);
  ck_assert_msg (strcmp (buf, want) == 0, "d^%d/dx^%d %s = \"%s\", want \"%s\"",
                 k, k, expr, buf, want);
  ns_fn_free (d);
  ns_fn_free (f);
}

/* ------------------------------------------------------------------ printed forms */

START_TEST (test_print_simple)
{
  /* relu(x) = max(0, x): its slope is the step, heaviside with the
     default (midpoint) value at 0, printed without the parameter. */
  check_print ("relu(x)", 1, "heaviside(x)");
  check_print ("max(0, x)", 1, "heaviside(x)");
  check_print ("max(x, 0)", 1, "heaviside(x)");
  check_print ("abs(x)", 1, "sign(x)");
  check_print ("x^3", 1, "3*x^2");
  check_print ("x^3", 2, "6*x");
  check_print ("x^3", 3, "6");
  check_print ("x^3", 4, "0");
  check_print ("heaviside(x)", 1, "0");
  check_print ("sign(x - 1)", 1, "0");
  check_print ("floor(x)", 1, "0");
  check_print ("x - floor(x)", 1, "1");
  check_print ("relu(x)", 2, "0");
  check_print ("x*abs(x)", 1, "abs(x) + x*sign(x)");
  check_print ("x*abs(x)", 2, "2*sign(x)");
  check_print ("relu(x - 1)", 1, "heaviside(x - 1)");
  check_print ("relu(2*x)", 1, "2*heaviside(2*x)");
  check_print ("leaky_relu(x, 0.1)", 1, "heaviside(x) + 0.1*heaviside(-x)");
  check_print ("clamp(x, -1, 1)", 1, "heaviside(x + 1) - heaviside(x - 1)");
  check_print ("max(x, x^2)", 2, "2*heaviside(x^2 - x)");
  check_print ("sin(x)", 1, "cos(x)");
  check_print ("cos(x)", 1, "-sin(x)");
  check_print ("exp(2*x)", 2, "4*exp(2*x)");
  check_print ("log(x)", 1, "1/x");
  check_print ("1/x", 1, "-1/x^2");
  check_print ("sqrt(x)", 1, "1/(2*sqrt(x))");
  check_print ("relu(x^3 - x)", 1, "heaviside(x^3 - x)*(3*x^2 - 1)");
}
END_TEST

START_TEST (test_structure_relu)
{
  /* Shown by introspection, not only by the text. */
  ns_function *f = ns_fn_relu (ns_fn_x ()), *d = NULL;
  ck_assert_int_eq (ns_fn_diff (f, &d), NS_OK);
  ck_assert_int_eq (ns_fn_op (d), NS_OP_HEAVISIDE);
  ck_assert_int_eq (ns_fn_op (ns_fn_arg (d, 0)), NS_OP_X);
  ck_assert (ns_fn_param (d, 0) == 0.5);
  ns_fn_free (d);
  ns_fn_free (f);
}
END_TEST

/* ------------------------------------------------------------------ against germs */

static const char *const table[] = {
  "relu(x)", "abs(x)", "x^3", "heaviside(x)", "sign(x)", "floor(x)",
  "max(x, x^2)", "min(x, x^2)", "clamp(x, -1, 1)", "clamp(3*x - 1, -0.5, 2)",
  "leaky_relu(x, 0.1)", "leaky_relu(1 - x^2)", "relu(x^3 - x)", "x*abs(x)",
  "exp(sin(x))", "log(x^2 + 1)", "sqrt(x^2 + 1)", "x/(x^2 + 1)",
  "(x^2 + 1)^(-3)", "cos(relu(x))^2", "abs(x)^3", "sqrt(abs(x))",
  "log(abs(x))", "x - floor(x)", "min(abs(x), 1)", "max(sin(3*x), cos(x))",
  "exp(-relu(x))*x^2", "heaviside(x - 0.5)*x^4", "1/(abs(x) + 1)",
  "sqrt(x)", "log(x)",
};

/* Compares the K-th derivative tree of table[i] with ns_fn_deriv at
   points of [-3, 3] off the breakpoints; returns the number compared. */
static int
compare_with_germs (const char *expr, int k)
{
  ns_function *f = parse (expr);
  ns_function *d = diff_k (f, k);
  double bp[64];
  size_t nb = 0;
  ck_assert_int_eq (ns_fn_breakpoints (f, -3, 3, bp, 64, &nb), NS_OK);
  int compared = 0;
  /* A step with no simple ratio to the breakpoints. */
  for (double x = -3 + 0.0123; x < 3; x += 0.0371)
    {
      int near = 0;
      for (size_t j = 0; j < nb; j++)
        near |= fabs (x - bp[j]) < BREAK_GAP;
      if (near)
        continue;
      double ref;
      if (ns_fn_deriv (f, x, k, &ref) != NS_OK)
        {
          /* Off the breakpoints the classical derivative fails only
             outside the domain; the function must fail there too. */
          ns_result v;
          ck_assert_msg (ns_fn_eval (f, x, &v) == NS_EDOM, "%s: deriv fails at %.17g", expr, x);
          continue;
        }
      ns_result r;
      ck_assert_msg (ns_fn_eval (d, x, &r) == NS_OK, "%s^(%d) at %.17g", expr, k, x);
      double tol = EVAL_ERR_FACTOR * r.err
                   + GERM_ULPS * DBL_EPSILON * fmax (fabs (ref), fabs (r.val));
      ck_assert_msg (fabs (r.val - ref) <= tol,
                     "%s: order %d at %.17g: tree %.17g, germs %.17g (tol %g)",
                     expr, k, x, r.val, ref, tol);
      compared++;
    }
  ns_fn_free (d);
  ns_fn_free (f);
  return compared;
}

START_TEST (test_against_germs)
{
  const char *expr = table[_i];
  for (int k = 1; k <= 3; k++)
    {
      int n = compare_with_germs (expr, k);
      /* sqrt(x) and log(x) live on half the range. */
      ck_assert_msg (n >= 60, "%s: only %d points compared", expr, n);
    }
}
END_TEST

/* ------------------------------------------------------------------ value at kinks */

/* At an isolated kink whose argument has a nonzero slope, the tree takes
   the mean of the one-sided derivatives (H(0) = 1/2, sign(0) = 0). */
START_TEST (test_midpoint_convention)
{
  static const struct { const char *expr; double x; } kinks[] = {
    { "relu(x)", 0 }, { "abs(x)", 0 }, { "max(x, -x)", 0 }, { "max(x, x^2)", 1 },
    { "min(x, x^2)", 0 }, { "leaky_relu(x, 0.1)", 0 }, { "clamp(x, -1, 1)", -1 },
    { "clamp(x, -1, 1)", 1 }, { "relu(2*x - 1)", 0.5 }, { "abs(x^2 - 4)", 2 },
    { "x*relu(x - 1)", 1 },
  };
  for (size_t i = 0; i < sizeof kinks / sizeof kinks[0]; i++)
    {
      ns_function *f = parse (kinks[i].expr), *d = NULL;
      ck_assert_int_eq (ns_fn_diff (f, &d), NS_OK);
      double l, r;
      ck_assert_int_eq (ns_fn_deriv_side (f, kinks[i].x, NS_LEFT, 1, &l), NS_OK);
      ck_assert_int_eq (ns_fn_deriv_side (f, kinks[i].x, NS_RIGHT, 1, &r), NS_OK);
      ns_result v;
      ck_assert_int_eq (ns_fn_eval (d, kinks[i].x, &v), NS_OK);
      double mean = (l + r) / 2;
      ck_assert_msg (fabs (v.val - mean) <= v.err + 4 * DBL_EPSILON * fabs (mean),
                     "%s at %g: %.17g, mean of sides %.17g", kinks[i].expr,
                     kinks[i].x, v.val, mean);
      ns_fn_free (d);
      ns_fn_free (f);
    }
  /* relu'(0) = H(0) = 1/2 exactly. */
  ns_function *f = parse ("relu(x)"), *d = NULL;
  ns_result v;
  ck_assert_int_eq (ns_fn_diff (f, &d), NS_OK);
  ck_assert_int_eq (ns_fn_eval (d, 0, &v), NS_OK);
  ck_assert (v.val == 0.5);
  ns_fn_free (d);
  ns_fn_free (f);
}
END_TEST

/* Off the kinks leaky_relu' and clamp' are exactly the slopes: no 1 - s
   rounding. */
START_TEST (test_exact_slopes)
{
  ns_function *f = parse ("leaky_relu(x, 0.01)"), *d = NULL;
  ns_result v;
  ck_assert_int_eq (ns_fn_diff (f, &d), NS_OK);
  ck_assert_int_eq (ns_fn_eval (d, 2.5, &v), NS_OK);
  ck_assert (v.val == 1.0);
  ck_assert_int_eq (ns_fn_eval (d, -2.5, &v), NS_OK);
  ck_assert (v.val == 0.01);
  ns_fn_free (d);
  ns_fn_free (f);
  f = ns_fn_clamp (ns_fn_x (), -INFINITY, 1);
  ck_assert_int_eq (ns_fn_diff (f, &d), NS_OK);
  ck_assert_int_eq (ns_fn_eval (d, -1e300, &v), NS_OK);
  ck_assert (v.val == 1.0);
  ck_assert_int_eq (ns_fn_eval (d, 3, &v), NS_OK);
  ck_assert (v.val == 0.0);
  ns_fn_free (d);
  ns_fn_free (f);
  /* clamp with lo = hi is constant. */
  f = ns_fn_clamp (ns_fn_x (), 2, 2);
  ck_assert_int_eq (ns_fn_diff (f, &d), NS_OK);
  ck_assert_int_eq (ns_fn_op (d), NS_OP_CONST);
  ck_assert (ns_fn_param (d, 0) == 0.0);
  ns_fn_free (d);
  ns_fn_free (f);
}
END_TEST

/* ------------------------------------------------------------------ limits */

START_TEST (test_bad_input)
{
  ns_function *d = (ns_function *) 1;
  ck_assert_int_eq (ns_fn_diff (NULL, &d), NS_EINVAL);
  ck_assert_ptr_null (d);
  ns_function *f = ns_fn_x ();
  ck_assert_int_eq (ns_fn_diff (f, NULL), NS_EINVAL);
  ns_fn_free (f);
}
END_TEST

START_TEST (test_depth_limit)
{
  /* sin nested 999 times has depth 1000; its derivative's last factor
     cos(sin^998(x)) times the inner derivative passes the bound. */
  ns_function *f = ns_fn_x ();
  for (int i = 0; i < 999; i++)
    f = ns_fn_sin (f);
  ck_assert_ptr_nonnull (f);
  ns_function *d = (ns_function *) 1;
  ck_assert_int_eq (ns_fn_diff (f, &d), NS_ELIMIT);
  ck_assert_ptr_null (d);
  ns_fn_free (f);
  /* Within the bound it works and agrees with the germs at one point. */
  f = ns_fn_x ();
  for (int i = 0; i < 50; i++)
    f = ns_fn_sin (f);
  ck_assert_int_eq (ns_fn_diff (f, &d), NS_OK);
  ns_result v;
  double ref;
  ck_assert_int_eq (ns_fn_eval (d, 0.3, &v), NS_OK);
  ck_assert_int_eq (ns_fn_deriv (f, 0.3, 1, &ref), NS_OK);
  ck_assert (fabs (v.val - ref) <= EVAL_ERR_FACTOR * v.err + GERM_ULPS * DBL_EPSILON * fabs (ref));
  ns_fn_free (d);
  ns_fn_free (f);
}
END_TEST

START_TEST (test_pow_bound)
{
  /* (x^-1024)' = -1024 x^-1025: the exponent passes the bound, so it is
     written x^-1024 / x. */
  ns_function *f = ns_fn_pow (ns_fn_x (), -1024), *d = NULL;
  ck_assert_int_eq (ns_fn_diff (f, &d), NS_OK);
  ns_result v;
  ck_assert_int_eq (ns_fn_eval (d, 1.0, &v), NS_OK);
  ck_assert (v.val == -1024.0);
  ns_fn_free (d);
  ns_fn_free (f);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("fn_diff");
  TCase *core = tcase_create ("core");
  tcase_add_test (core, test_print_simple);
  tcase_add_test (core, test_structure_relu);
  tcase_add_test (core, test_midpoint_convention);
  tcase_add_test (core, test_exact_slopes);
  suite_add_tcase (s, core);
  TCase *germs = tcase_create ("germs");
  tcase_add_loop_test (germs, test_against_germs, 0, (int) (sizeof table / sizeof table[0]));
  tcase_set_timeout (germs, 60);
  suite_add_tcase (s, germs);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad_input);
  tcase_add_test (limits, test_depth_limit);
  tcase_add_test (limits, test_pow_bound);
  tcase_set_timeout (limits, 60);
  suite_add_tcase (s, limits);
  return s;
}

#include "check_main.h"
