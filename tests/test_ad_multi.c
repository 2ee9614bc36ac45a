/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_ad_multi.c: AD in several variables (ns_mfn_ad_gradient)
   under every preset and both modes, against hand-derived gradients and
   signed zeros (the PyTorch columns also printed by torch 1.13.1, see
   tests/ad_multi_pytorch_check.py), against the one-variable ns_ad_deriv,
   and against the germ gradient ns_mfn_gradient at smooth points. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

#define U NAN

static ns_mfn *
parse (const char *text, int n)
{
  ns_mfn *f = NULL;
  ns_parse_error err;
  ck_assert_msg (ns_mfn_parse (text, n, &f, &err) == NS_OK, "%s: %s", text, err.text);
  return f;
}

/* Equal as the frameworks print them: NaN to NaN, a zero with its sign. */
static int
same (double a, double b)
{
  if (isnan (a) || isnan (b))
    return isnan (a) && isnan (b);
  return a == b && !signbit (a) == !signbit (b);
}

/* Each case: F at X, the gradient per preset (in the order of
   ns_ad_preset) in reverse and in forward mode.  Derivations in the
   comments; IEEE: a product of a zero has the XOR of the signs, the first
   term of a sum is taken as it is, -0 + +0 = +0. */
typedef struct grad_case {
  const char *text;
  double x[2];
  double want[NS_AD_PRESET_COUNT][2][2];   /* [preset][mode][component] */
} grad_case;

#define PZ (+0.0)
#define NZ (-0.0)
#define BOTH(a, b) { { a, b }, { a, b } }

static const grad_case cases[] = {
  /* The example.  f = x + y, Clarke set {(1, 1)}.  Each relu is at
     0 with relu'(0) = r: df/dx = r + (-1) r (-1) = 2r.  PyTorch and JAX
     select (+0), TensorFlow and left multiply 1 * 0 = +0 and -1 * 0 = -0,
     negated +0; the sum of the two is +0 either way.  SymPy and average
     r = 1/2 give (1, 1); right r = 1 gives (2, 2); min-norm 0; undefined
     NaN.  torch 1.13.1: (0, 0) in both modes. */
  { "relu(x) - relu(-x) + relu(y) - relu(-y)", { 0.0, 0.0 },
    { BOTH (PZ, PZ), BOTH (PZ, PZ), BOTH (PZ, PZ), BOTH (1.0, 1.0), BOTH (PZ, PZ),
      BOTH (2.0, 2.0), BOTH (1.0, 1.0), BOTH (PZ, PZ), BOTH (U, U) } },
  /* relu(x + y) at 0: (r, r) with r = relu'(0) of the preset; the
     adjoint or tangent 1 * r reaches each variable through the sum.
     Clarke set: the segment from (0, 0) to (1, 1). */
  { "relu(x + y)", { 0.0, 0.0 },
    { BOTH (PZ, PZ), BOTH (PZ, PZ), BOTH (PZ, PZ), BOTH (0.5, 0.5), BOTH (PZ, PZ),
      BOTH (1.0, 1.0), BOTH (0.5, 0.5), BOTH (PZ, PZ), BOTH (U, U) } },
  /* relu(-x) + relu(-y) at (1, 1): both relus flat.  Reverse: +1 reaches
     each relu, +0 (select or 1 * 0), negated: (-0, -0).  Forward, seed x:
     x's tangent -1 after the negation; a select gives +0, a product -0;
     y's explicit +0 tangent negated is -0, then +0 (select) or -0 * 0 =
     -0 (product); sums +0 + +0 and -0 + -0.  So the selecting presets
     (PyTorch, JAX, SymPy) give (+0, +0) forward and (-0, -0) reverse: the
     modes differ in the sign of the zero only.  torch 1.13.1 agrees. */
  { "relu(-x) + relu(-y)", { 1.0, 1.0 },
    { { { NZ, NZ }, { PZ, PZ } }, BOTH (NZ, NZ), { { NZ, NZ }, { PZ, PZ } },
      { { NZ, NZ }, { PZ, PZ } }, BOTH (NZ, NZ), BOTH (NZ, NZ), BOTH (NZ, NZ),
      BOTH (NZ, NZ), BOTH (NZ, NZ) } },
  /* max(x, y) at a tie: the preset's max_tie weights (1/2, 1/2 for
     PyTorch, JAX, SymPy, average and min-norm; TensorFlow's x >= y mask
     (1, 0); left: the side a - b < 0, b wins (0, 1); right (1, 0)).
     Clarke set: the segment from (1, 0) to (0, 1).  torch: (0.5, 0.5). */
  { "max(x, y)", { 0.0, 0.0 },
    { BOTH (0.5, 0.5), BOTH (1.0, PZ), BOTH (0.5, 0.5), BOTH (0.5, 0.5), BOTH (PZ, 1.0),
      BOTH (1.0, PZ), BOTH (0.5, 0.5), BOTH (0.5, 0.5), BOTH (U, U) } },
};
#define NCASES ((int) (sizeof cases / sizeof cases[0]))

START_TEST (test_hand_gradients)
{
  const grad_case *c = &cases[_i];
  ns_mfn *f = parse (c->text, 2);
  for (int p = 0; p < NS_AD_PRESET_COUNT; p++)
    for (int m = 0; m < 2; m++)
      {
        ns_kink_policy pol;
        double g[2];
        const double *want = c->want[p][m];
        ck_assert_int_eq (NS_KINK_POLICY_INIT (&pol, (ns_ad_preset) p), NS_OK);
        ns_status st = ns_mfn_ad_gradient (f, c->x, &pol, m ? NS_AD_FORWARD : NS_AD_REVERSE, g);
        ck_assert_int_eq (st, isnan (want[0]) || isnan (want[1]) ? NS_UNDEFINED : NS_OK);
        ck_assert_msg (same (g[0], want[0]) && same (g[1], want[1]),
                       "%s, %s, %s: (%+g, %+g), want (%+g, %+g)", c->text, pol.name,
                       m ? "forward" : "reverse", g[0], g[1], want[0], want[1]);
      }
  ns_mfn_free (f);
}
END_TEST

/* A one-variable function through ns_mfn_ad_gradient gives ns_ad_deriv's
   number bit for bit, for every preset and mode (the same tape and rules),
   whether it was parsed as a function of x or wrapped by ns_mfn_from_fn. */
START_TEST (test_one_variable)
{
  static const char *texts[] = {
    "relu(x)", "-relu(x)", "relu(-x)", "(relu(x) - 1)^2 / 4", "abs(x) - sign(x)",
    "max(x, 0) + min(0, x)", "clamp(x, -1, 2)", "floor(x) * x", "leaky_relu(x, 0.1)",
  };
  static const double xs[] = { -1.0, 0.0, 1.0, 2.0, 0.5 };
  for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++)
    {
      ns_function *f1 = NULL;
      ns_mfn *fm = parse (texts[t], 1), *fw = NULL;
      ck_assert_int_eq (ns_fn_parse (texts[t], &f1, NULL), NS_OK);
      ck_assert_int_eq (ns_mfn_from_fn (f1, &fw), NS_OK);
      for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        for (int p = 0; p < NS_AD_PRESET_COUNT; p++)
          for (int m = 0; m < 2; m++)
            {
              ns_kink_policy pol;
              ns_ad_mode mode = m ? NS_AD_FORWARD : NS_AD_REVERSE;
              double v, d, gm = 0, gw = 0;
              ck_assert_int_eq (NS_KINK_POLICY_INIT (&pol, (ns_ad_preset) p), NS_OK);
              ns_status st = ns_ad_deriv (f1, xs[i], &pol, mode, &v, &d);
              ck_assert_int_eq (ns_mfn_ad_gradient (fm, &xs[i], &pol, mode, &gm), st);
              ck_assert_int_eq (ns_mfn_ad_gradient (fw, &xs[i], &pol, mode, &gw), st);
              ck_assert_msg (same (gm, d) && same (gw, d), "%s at %g, %s: %+g %+g vs %+g",
                             texts[t], xs[i], pol.name, gm, gw, d);
            }
      ns_fn_free (f1);
      ns_mfn_free (fm);
      ns_mfn_free (fw);
    }
}
END_TEST

/* At points where no kink is active every preset is the gradient: both
   modes agree with each other to rounding and with ns_mfn_gradient (the
   germ machinery, a different computation) within its bound plus the AD
   rounding (a few ulps of the terms; 1e-14 relative is ample for these
   trees of at most a dozen operations). */
#define AD_ROUNDING 1e-14
START_TEST (test_smooth_points)
{
  static const struct { const char *text; double x[3]; } pts[] = {
    { "relu(x1 - 2*x2) + max(x2, x3) * x1 - abs(x3)", { 1.5, -0.25, 0.75 } },
    { "sin(x1 * x2) + exp(-x3) * relu(x1 + x3)", { 0.3, 2.385, -0.1 } },
    { "min(x1, x2 - x3) - leaky_relu(x2, 0.2) * x3", { -1.0, -0.5, 0.25 } },
  };
  for (size_t k = 0; k < sizeof pts / sizeof pts[0]; k++)
    {
      ns_mfn *f = parse (pts[k].text, 3);
      ns_result ref[3];
      ck_assert_int_eq (ns_mfn_gradient (f, pts[k].x, ref), NS_OK);
      for (int p = 0; p < NS_AD_PRESET_COUNT; p++)
        {
          ns_kink_policy pol;
          double gr[3], gf[3];
          ck_assert_int_eq (NS_KINK_POLICY_INIT (&pol, (ns_ad_preset) p), NS_OK);
          ck_assert_int_eq (ns_mfn_ad_gradient (f, pts[k].x, &pol, NS_AD_REVERSE, gr), NS_OK);
          ck_assert_int_eq (ns_mfn_ad_gradient (f, pts[k].x, &pol, NS_AD_FORWARD, gf), NS_OK);
          for (int i = 0; i < 3; i++)
            {
              double tol = ref[i].err + AD_ROUNDING * (1.0 + fabs (ref[i].val));
              ck_assert_msg (fabs (gr[i] - ref[i].val) <= tol && fabs (gf[i] - ref[i].val) <= tol,
                             "%s, %s, component %d: %.17g %.17g vs %.17g +- %g",
                             pts[k].text, pol.name, i, gr[i], gf[i], ref[i].val, ref[i].err);
            }
        }
      ns_mfn_free (f);
    }
}
END_TEST

/* Variables that do not occur get +0 in both modes, and a function of 16
   variables (x1 ... x16) gets every partial from one reverse sweep:
   f = sum_i i * relu(x_i) at x_i = (-1)^i: df/dx_i = i for even i, +0
   (select) or -0 (never: the adjoint i > 0 times 0 is +0) for odd i. */
START_TEST (test_many_variables)
{
  char text[512] = "";
  double x[16], g[16], gf[16];
  for (int i = 1; i <= 16; i++)
    {
      char term[32];
      snprintf (term, sizeof term, "%s%d*relu(x%d)", i > 1 ? " + " : "", i, i);
      strcat (text, term);
      x[i - 1] = (i % 2 == 0) ? 1.0 : -1.0;
    }
  ns_mfn *f = parse (text, 16), *h = parse ("relu(y)", 3);
  ns_kink_policy pol;
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&pol, NS_AD_TENSORFLOW), NS_OK);
  ck_assert_int_eq (ns_mfn_ad_gradient (f, x, &pol, NS_AD_REVERSE, g), NS_OK);
  ck_assert_int_eq (ns_mfn_ad_gradient (f, x, &pol, NS_AD_FORWARD, gf), NS_OK);
  for (int i = 1; i <= 16; i++)
    {
      double want = i % 2 == 0 ? (double) i : 0.0;
      ck_assert_msg (same (g[i - 1], want) && same (gf[i - 1], want), "x%d: %g %g", i,
                     g[i - 1], gf[i - 1]);
    }
  double y[3] = { 5.0, 2.0, -7.0 }, gh[3];
  for (int m = 0; m < 2; m++)
    {
      ck_assert_int_eq (ns_mfn_ad_gradient (h, y, &pol, m ? NS_AD_FORWARD : NS_AD_REVERSE, gh),
                        NS_OK);
      ck_assert (same (gh[0], PZ) && gh[1] == 1.0 && same (gh[2], PZ));
    }
  ns_mfn_free (f);
  ns_mfn_free (h);
}
END_TEST

START_TEST (test_bad_input)
{
  ns_mfn *f = parse ("relu(x) + log(y)", 2);
  ns_kink_policy pol;
  double g[2], x[2] = { 0.0, 1.0 };
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&pol, NS_AD_JAX), NS_OK);
  ck_assert_int_eq (ns_mfn_ad_gradient (NULL, x, &pol, NS_AD_REVERSE, g), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_ad_gradient (f, NULL, &pol, NS_AD_REVERSE, g), NS_EINVAL);
  ck_assert (isnan (g[0]) && isnan (g[1]));
  ck_assert_int_eq (ns_mfn_ad_gradient (f, x, NULL, NS_AD_REVERSE, g), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_ad_gradient (f, x, &pol, NS_AD_REVERSE, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_ad_gradient (f, x, &pol, (ns_ad_mode) 7, g), NS_EINVAL);
  x[1] = NAN;
  ck_assert_int_eq (ns_mfn_ad_gradient (f, x, &pol, NS_AD_REVERSE, g), NS_EINVAL);
  x[1] = 0.0;   /* log(0): outside the domain */
  ck_assert_int_eq (ns_mfn_ad_gradient (f, x, &pol, NS_AD_FORWARD, g), NS_EDOM);
  ck_assert (isnan (g[0]) && isnan (g[1]));
  pol.size = 3;
  x[1] = 1.0;
  ck_assert_int_eq (ns_mfn_ad_gradient (f, x, &pol, NS_AD_REVERSE, g), NS_EINVAL);
  ns_mfn_free (f);
}
END_TEST

/* SymPy's Max is flat and its arguments a set, per variable: Max(x, y, x)
   is Max(x, y), whose derivative at a tie gives each argument 1/2, so
   (1/2, 1/2); and Max(x, y, z) at 0 gives each of the three 1/2 (each is
   tied at the top).  Two different variables are never one argument. */
START_TEST (test_sympy_flat_sets)
{
  static const struct { const char *text; double g[3]; } flat[] = {
    { "max(x, y, x)", { 0.5, 0.5, 0 } },
    { "max(x, x, y)", { 0.5, 0.5, 0 } },
    { "max(x, y, z)", { 0.5, 0.5, 0.5 } },
    { "min(y, x, y)", { 0.5, 0.5, 0 } },
  };
  ns_kink_policy p;
  NS_KINK_POLICY_INIT (&p, NS_AD_SYMPY);
  for (size_t k = 0; k < sizeof flat / sizeof flat[0]; k++)
    {
      ns_mfn *f = parse (flat[k].text, 0);
      int n = ns_mfn_nvars (f);
      double x[3] = { 0, 0, 0 }, g[3] = { NAN, NAN, NAN };
      for (int mode = 0; mode < 2; mode++)
        {
          ck_assert_int_eq (ns_mfn_ad_gradient (f, x, &p, mode ? NS_AD_FORWARD : NS_AD_REVERSE,
                                                g), NS_OK);
          for (int i = 0; i < n; i++)
            ck_assert_msg (g[i] == flat[k].g[i], "%s mode %d: g[%d] = %g", flat[k].text,
                           mode, i, g[i]);
        }
      ns_mfn_free (f);
    }
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("ad_multi");
  TCase *core = tcase_create ("core");
  tcase_add_loop_test (core, test_hand_gradients, 0, NCASES);
  tcase_add_test (core, test_one_variable);
  tcase_add_test (core, test_smooth_points);
  tcase_add_test (core, test_many_variables);
  tcase_add_test (core, test_sympy_flat_sets);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad_input);
  suite_add_tcase (s, limits);
  return s;
}

#include "check_main.h"
