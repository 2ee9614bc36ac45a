/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_heaviside_nan.c: heaviside(x, nan), SymPy's Heaviside(x, nan)
   (SymPy 1.14.0: Heaviside(0, nan) is nan, Heaviside(1, nan) is 1,
   Heaviside(-2, nan) is 0, its derivative DiracDelta(x)).  core: undefined
   exactly where the argument is 0, heaviside elsewhere, the same jumps,
   and as a distribution the same as any H0; printing reads back.  limits:
   an H0 that is infinite, and nan anywhere else. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

static ns_function *
parse_ok (const char *text)
{
  ns_function *f = NULL;
  ns_parse_error err;
  ck_assert_msg (ns_fn_parse (text, &f, &err) == NS_OK, "%s: %s", text, err.text);
  return f;
}

/* Values: undefined where the argument is exactly 0 (also when only the
   certified sign sees it: x - 0.1 at the double 0.1), heaviside's 0 or 1
   elsewhere, also when the rounded argument is within its bound of 0 but
   its exact sign is not (3x - 0.3 at 0.1 is 2^-54 > 0 exactly: the double
   0.1 is 0.1 + 5.55e-18, the double 0.3 is 0.3 - 1.11e-17). */
START_TEST (test_values)
{
  static const struct { const char *text; double x; ns_status st; double v; } cases[] = {
    { "heaviside(x, nan)", 0.0, NS_UNDEFINED, NAN },
    { "heaviside(x, nan)", 0.5, NS_OK, 1.0 },
    { "heaviside(x, nan)", -2.0, NS_OK, 0.0 },
    { "heaviside(x - 0.1, nan)", 0.1, NS_UNDEFINED, NAN },
    { "heaviside(3*x - 0.3, nan)", 0.1, NS_OK, 1.0 },
    { "x*heaviside(x, nan)", 0.0, NS_UNDEFINED, NAN },
    { "heaviside(relu(x), nan)", -1.0, NS_UNDEFINED, NAN },
    { "heaviside(relu(x), nan)", 1.0, NS_OK, 1.0 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      ns_function *f = parse_ok (cases[i].text);
      ns_result r;
      ns_status st = ns_fn_eval (f, cases[i].x, &r);
      ck_assert_msg (st == cases[i].st, "%s at %g: %s", cases[i].text, cases[i].x,
                     ns_strerror (st));
      if (st == NS_OK)
        ck_assert_msg (r.val == cases[i].v && r.err == 0, "%s at %g: %g +- %g", cases[i].text,
                       cases[i].x, r.val, r.err);
      else
        ck_assert (isnan (r.val));
      ns_fn_free (f);
    }
}
END_TEST

/* The one-sided limits and jumps do not read H0: the same as heaviside's. */
START_TEST (test_jumps_and_germs)
{
  ns_function *f = parse_ok ("heaviside(x - 1, nan)"), *g = parse_ok ("heaviside(x - 1)");
  for (int k = 0; k <= 2; k++)
    {
      double jf, jg;
      ck_assert_int_eq (ns_fn_jump (f, 1.0, k, &jf), NS_OK);
      ck_assert_int_eq (ns_fn_jump (g, 1.0, k, &jg), NS_OK);
      ck_assert (jf == jg);
      ck_assert (jf == (k == 0 ? 1.0 : 0.0));
    }
  double pts[4];
  size_t n = 0;
  ck_assert_int_eq (ns_fn_breakpoints (f, -3, 3, pts, 4, &n), NS_OK);
  ck_assert_uint_eq (n, 1);
  ck_assert (pts[0] == 1.0);
  ns_fn_free (g);
  ns_fn_free (f);
}
END_TEST

/* As a distribution H0 does not matter: <T_f, phi> and <T_f', phi> for
   heaviside(x, nan) equal those of heaviside(x, 0), and <H', phi> is
   phi(0) = exp(-1/(1 - 0.09)) for the bump centred at 0.3 of radius 1. */
START_TEST (test_distribution)
{
  ns_dist *a = NULL, *b = NULL;
  ck_assert_int_eq (ns_dist_parse ("D[heaviside(x, nan)]", &a, NULL), NS_OK);
  ck_assert_int_eq (ns_dist_parse ("D[heaviside(x, 0)]", &b, NULL), NS_OK);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0.3, 1.0, &phi), NS_OK);
  ns_pair_result pa, pb, wa;
  ck_assert_int_eq (ns_dist_pair (a, phi, NULL, &pa), NS_OK);
  ck_assert_int_eq (ns_dist_pair (b, phi, NULL, &pb), NS_OK);
  ck_assert_int_eq (ns_dist_pair_weak (a, phi, NULL, &wa), NS_OK);
  const double ref = exp (-1 / (1 - 0.09));
  ck_assert_msg (fabs (pa.val - ref) <= pa.err, "%.17g +- %.3g", pa.val, pa.err);
  ck_assert (pa.val == pb.val);
  ck_assert_msg (fabs (wa.val - ref) <= wa.err + 1e-13, "weak %.17g +- %.3g", wa.val, wa.err);
  ns_dist_free (a);
  ns_dist_free (b);
  ck_assert_int_eq (ns_dist_parse ("heaviside(x, nan)", &a, NULL), NS_OK);
  ck_assert_int_eq (ns_dist_parse ("heaviside(x, 0)", &b, NULL), NS_OK);
  ck_assert_int_eq (ns_dist_pair (a, phi, NULL, &pa), NS_OK);
  ck_assert_int_eq (ns_dist_pair (b, phi, NULL, &pb), NS_OK);
  ck_assert_msg (fabs (pa.val - pb.val) <= pa.err + pb.err, "%.17g vs %.17g", pa.val, pb.val);
  ns_testfn_free (phi);
  ns_dist_free (a);
  ns_dist_free (b);
}
END_TEST

START_TEST (test_print_and_constructor)
{
  ns_function *f = parse_ok ("heaviside(x - 1, nan)");
  char buf[64];
  ns_fn_snprint (buf, sizeof buf, f);
  ck_assert_str_eq (buf, "heaviside(x - 1, nan)");
  ns_function *g = parse_ok (buf);
  ns_result r;
  ck_assert_int_eq (ns_fn_eval (g, 1.0, &r), NS_UNDEFINED);
  ns_fn_free (g);
  ns_fn_free (f);
  f = ns_fn_heaviside (ns_fn_x (), NAN);
  ck_assert_ptr_nonnull (f);
  ck_assert (isnan (ns_fn_param (f, 0)));
  ns_fn_free (f);
  ck_assert_ptr_null (ns_fn_heaviside (ns_fn_x (), INFINITY));
}
END_TEST

START_TEST (test_bad_h0)
{
  static const char *const bad[] = {
    "heaviside(x, 1/0)", "heaviside(x, nan + 1)", "heaviside(nan)", "nan", "relu(x, nan)",
    "heaviside(x, 0, nan)",
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
    {
      ns_function *f = NULL;
      ck_assert_msg (ns_fn_parse (bad[i], &f, NULL) == NS_EPARSE, "%s parsed", bad[i]);
      ck_assert_ptr_null (f);
    }
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("heaviside_nan");
  TCase *core = tcase_create ("core");
  tcase_add_test (core, test_values);
  tcase_add_test (core, test_jumps_and_germs);
  tcase_add_test (core, test_distribution);
  tcase_add_test (core, test_print_and_constructor);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad_h0);
  suite_add_tcase (s, limits);
  return s;
}
