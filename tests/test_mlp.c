/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_mlp.c: networks read from text (ns_mlp_parse) as functions
   of their inputs and of their weights, against the same function written
   as an expression by hand, with gradients derived by hand; bad texts
   with their columns and messages. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

/* Two relu units and a linear output:
     f(x, y) = 2 relu(x - y) - relu(x + y - 1) + 0.5. */
static const char *two_unit =
  "# two relu units\n"
  "sizes 2 2 1\n"
  "layer relu\n"
  "  1 -1 | 0\n"
  "  1  1 | -1\n"
  "layer identity\n"
  "  2 -1 | 0.5\n";

static ns_mlp *
read_net (const char *text)
{
  ns_mlp *net = NULL;
  ns_parse_error err;
  ck_assert_msg (ns_mlp_parse (text, &net, &err) == NS_OK, "%s", err.text);
  return net;
}

/* The network as a function of x, y equals the hand-written expression at
   points on and off both kink lines, value and rounding bound. */
START_TEST (test_inputs_by_hand)
{
  ns_mlp *net = read_net (two_unit);
  ns_mfn *f = NULL, *h = NULL;
  ck_assert_int_eq (ns_mlp_as_function_of_inputs (net, &f), NS_OK);
  ck_assert_int_eq (ns_mfn_nvars (f), 2);
  ck_assert_int_eq (ns_mfn_parse ("2*relu(x - y) - relu(x + y - 1) + 0.5", 2, &h, NULL), NS_OK);
  static const double pts[][3] = {
    /* x, y, f by hand */
    { 3.0, 1.0, 2 * 2.0 - 3.0 + 0.5 },
    { 0.5, 0.5, 0.5 },
    { -1.0, 0.25, 0.5 },
    { 2.0, -4.0, 2 * 6.0 - 0.0 + 0.5 },
    { 0.75, 0.25, 2 * 0.5 - 0.0 + 0.5 },
  };
  for (size_t i = 0; i < sizeof pts / sizeof pts[0]; i++)
    {
      ns_result a, b;
      ck_assert_int_eq (ns_mfn_eval (f, pts[i], &a), NS_OK);
      ck_assert_int_eq (ns_mfn_eval (h, pts[i], &b), NS_OK);
      ck_assert_msg (fabs (a.val - pts[i][2]) <= a.err && fabs (b.val - pts[i][2]) <= b.err,
                     "point %zu: %g %g, want %g", i, a.val, b.val, pts[i][2]);
    }
  ns_mfn_free (f);
  ns_mfn_free (h);
  ns_mlp_free (net);
}
END_TEST

/* At (0.5, 0.5) both units sit at 0.  AD: each relu'(0) = r of the preset;
   df = 2 r (1, -1) - r (1, 1) = r (1, -3): (0, 0) for PyTorch, (1/2, -3/2)
   for average, (1, -3) for right.  The Clarke set is the hull of the four
   gradients of the cones around the point, 2 s1 (1, -1) - s2 (1, 1) for
   s1, s2 in {0, 1}: (0, 0), (2, -2), (-1, -1), (1, -3) (the lines x = y
   and x + y = 1 cross there, so all four cones are open). */
START_TEST (test_ad_at_the_kinks)
{
  ns_mlp *net = read_net (two_unit);
  ns_mfn *f = NULL;
  double x[2] = { 0.5, 0.5 }, g[2];
  ck_assert_int_eq (ns_mlp_as_function_of_inputs (net, &f), NS_OK);
  static const struct { ns_ad_preset p; double r; } rs[] = {
    { NS_AD_PYTORCH, 0.0 }, { NS_AD_TENSORFLOW, 0.0 }, { NS_AD_JAX, 0.0 },
    { NS_AD_AVERAGE, 0.5 }, { NS_AD_RIGHT, 1.0 },
  };
  for (size_t i = 0; i < sizeof rs / sizeof rs[0]; i++)
    for (int m = 0; m < 2; m++)
      {
        ns_kink_policy pol;
        NS_KINK_POLICY_INIT (&pol, rs[i].p);
        ck_assert_int_eq (ns_mfn_ad_gradient (f, x, &pol, m ? NS_AD_FORWARD : NS_AD_REVERSE, g),
                          NS_OK);
        ck_assert_msg (g[0] == rs[i].r && g[1] == -3.0 * rs[i].r, "%s: (%g, %g)", pol.name,
                       g[0], g[1]);
      }
  ns_result v[16];
  size_t count = 0;
  ck_assert_int_eq (ns_mfn_clarke (f, x, v, 8, &count), NS_OK);
  ck_assert_uint_eq (count, 4);
  static const double corner[4][2] = { { 0, 0 }, { 2, -2 }, { -1, -1 }, { 1, -3 } };
  for (int k = 0; k < 4; k++)
    {
      int found = 0;
      for (size_t j = 0; j < count; j++)
        found |= fabs (v[2 * j].val - corner[k][0]) <= v[2 * j].err
                 && fabs (v[2 * j + 1].val - corner[k][1]) <= v[2 * j + 1].err;
      ck_assert_msg (found, "vertex (%g, %g) missing", corner[k][0], corner[k][1]);
    }
  ns_mfn_free (f);
  ns_mlp_free (net);
}
END_TEST

/* As a function of its 9 parameters (w11 w12 b1 w21 w22 b2 v1 v2 c) at
   the input (1, 2): unit 1 has 1 - 2 = -1 < 0 (off), unit 2 has
   1 + 2 - 1 = 2 > 0 (on); f = -2 + 0.5 = -1.5.  By hand: d/d(w11, w12,
   b1) = 0 (unit off), d/dw21 = v2 x1 = -1, d/dw22 = v2 x2 = -2,
   d/db2 = v2 = -1, d/dv1 = h1 = 0, d/dv2 = h2 = 2, d/dc = 1.  Checked
   against AD (every preset: no kink is active) and the germ gradient. */
START_TEST (test_weights_by_hand)
{
  ns_mlp *net = read_net (two_unit);
  ns_mfn *f = NULL;
  const double input[2] = { 1.0, 2.0 };
  const double w[9] = { 1, -1, 0, 1, 1, -1, 2, -1, 0.5 };
  const double want[9] = { 0, 0, 0, -1, -2, -1, 0, 2, 1 };
  ck_assert_int_eq (ns_mlp_as_function_of_weights (net, input, &f), NS_OK);
  ck_assert_int_eq (ns_mfn_nvars (f), 9);
  ns_result val, g[9];
  ck_assert_int_eq (ns_mfn_eval (f, w, &val), NS_OK);
  ck_assert (fabs (val.val + 1.5) <= val.err);
  ck_assert_int_eq (ns_mfn_gradient (f, w, g), NS_OK);
  for (int p = 0; p < NS_AD_PRESET_COUNT; p++)
    {
      ns_kink_policy pol;
      double ad[9];
      NS_KINK_POLICY_INIT (&pol, (ns_ad_preset) p);
      ck_assert_int_eq (ns_mfn_ad_gradient (f, w, &pol, NS_AD_REVERSE, ad), NS_OK);
      for (int i = 0; i < 9; i++)
        ck_assert_msg (ad[i] == want[i] && fabs (g[i].val - want[i]) <= g[i].err,
                       "%s, parameter %d: AD %g, germ %g, want %g", pol.name, i, ad[i],
                       g[i].val, want[i]);
    }
  ns_mfn_free (f);
  ns_mlp_free (net);
}
END_TEST

/* One line with separators, a leaky layer, and the same network written
   as an expression: relu is leaky with slope 0.1 here. */
START_TEST (test_inline_and_leaky)
{
  ns_mlp *net = read_net ("sizes 1 2 1; layer leaky 0.1  1 | 0, -1 | 1; layer identity 1 1 | 0");
  ns_mfn *f = NULL, *h = NULL;
  ck_assert_int_eq (ns_mlp_as_function_of_inputs (net, &f), NS_OK);
  ck_assert_int_eq (ns_mfn_parse ("leaky_relu(x, 0.1) + leaky_relu(1 - x, 0.1)", 1, &h, NULL),
                    NS_OK);
  for (double x = -2.0; x <= 2.0; x += 0.25)
    {
      ns_result a, b;
      ck_assert_int_eq (ns_mfn_eval (f, &x, &a), NS_OK);
      ck_assert_int_eq (ns_mfn_eval (h, &x, &b), NS_OK);
      ck_assert_msg (fabs (a.val - b.val) <= a.err + b.err, "x = %g: %g %g", x, a.val, b.val);
    }
  ns_mfn_free (f);
  ns_mfn_free (h);
  ns_mlp_free (net);
}
END_TEST

/* The measurement's cases, checked by hand (tutorials/ad-clarke-count.c
   counts them over a grid).  The network "deep":
     h1 = relu(x), h2 = relu(y), h3 = relu(x + y - 1),
     g1 = relu(h1 - h2), g2 = relu(-h1 + h2 + h3), f = g1 - g2.
   At (1/2, 1/2), with u = x - y and v = x + y - 1, h3, g1 and g2 sit at
   0 and f = relu(u) - relu(-u + relu(v)).  For v < 0, f = u: gradient
   (1, -1); for v > 0 and u > v, f = u: (1, -1); for v > 0, 0 < u < v,
   f = 2u - v: (1, -3); for u < 0 < v, f = u - v: (0, -2).  The Clarke set
   is the triangle (1, -1), (1, -3), (0, -2).  Every relu'(0) = 0 preset
   gives (0, 0): outside (the triangle has x >= 0 and only (0, -2) on
   x = 0).  The average preset's r = 1/2 gives (1/2)(1, -1) -
   (1/2)((-1, 1) + (1/2)(1, 1)) = (3/4, -5/4), on the edge y = x - 2 from
   (0, -2) to (1, -1): inside, exactly on the boundary, certified now that
   the vertices are exact (bounds 0: the selections' gradients computed
   over Q); with rounding bounds on the vertices it would be the refusal
   NS_EUNDECIDED (-1), never 0.  The "pairs" network relu(x) - relu(-x) + relu(y) - relu(-y)
   = x + y at (0, 1/2): Clarke set {(1, 1)}, PyTorch (0, 1): outside.
   With relu'(0) = r in general, deep's AD gradient at (1/2, 1/2) is
   r (1, -1) - r ((-1, 1) + r (1, 1)) = (2r - r^2, -2r - r^2); r = 3/4
   gives (15/16, -33/16), strictly inside the triangle (x < 1,
   y > -2 - x = -47/16, y < x - 2 = -17/16). */
static const char *deep =
  "sizes 2 3 2 1\n"
  "layer relu\n 1 0 | 0\n 0 1 | 0\n 1 1 | -1\n"
  "layer relu\n 1 -1 0 | 0\n -1 1 1 | 0\n"
  "layer identity\n 1 -1 | 0\n";
static const char *pairs =
  "sizes 2 4 1; layer relu 1 0 | 0, -1 0 | 0, 0 1 | 0, 0 -1 | 0; layer identity 1 -1 1 -1 | 0";

/* Whether the AD gradient under PRESET of NET at X lies in the Clarke
   set, which must have the vertices V[0 .. NV-1]: 1, 0, or -1 when the
   vertices' rounding bounds leave it open (a point on the boundary). */
static int
in_clarke_by_hand (const char *text, const double *x, ns_ad_preset preset, double relu0,
                   const double (*v)[2], size_t nv, const double *want_g)
{
  ns_mlp *net = read_net (text);
  ns_mfn *f = NULL;
  ns_polytope *c = NULL;
  ns_kink_policy pol;
  double g[2];
  int inside = -1;
  ck_assert_int_eq (ns_mlp_as_function_of_inputs (net, &f), NS_OK);
  NS_KINK_POLICY_INIT (&pol, preset);
  if (!isnan (relu0))
    pol.relu = relu0;
  ck_assert_int_eq (ns_mfn_ad_gradient (f, x, &pol, NS_AD_REVERSE, g), NS_OK);
  ck_assert_msg (g[0] == want_g[0] && g[1] == want_g[1], "%s: (%g, %g)", pol.name, g[0], g[1]);
  ck_assert_int_eq (ns_mfn_clarke_polytope (f, x, &c), NS_OK);
  ck_assert_uint_eq (c->count, nv);
  for (size_t k = 0; k < nv; k++)
    {
      int found = 0;
      for (size_t j = 0; j < c->count; j++)
        found |= fabs (c->vertices[2 * j] - v[k][0]) <= c->err[2 * j]
                 && fabs (c->vertices[2 * j + 1] - v[k][1]) <= c->err[2 * j + 1];
      ck_assert_msg (found, "vertex (%g, %g) missing", v[k][0], v[k][1]);
    }
  ns_status st = ns_polytope_contains (c, g, NULL, &inside);
  ck_assert (st == NS_OK || st == NS_EUNDECIDED);
  if (st == NS_EUNDECIDED)
    inside = -1;
  ns_polytope_free (c);
  ns_mfn_free (f);
  ns_mlp_free (net);
  return inside;
}

START_TEST (test_ad_against_clarke)
{
  static const double tri[3][2] = { { 1, -1 }, { 1, -3 }, { 0, -2 } };
  static const double one[1][2] = { { 1, 1 } };
  const double half[2] = { 0.5, 0.5 }, p[2] = { 0.0, 0.5 };
  const double zero[2] = { 0, 0 }, avg[2] = { 0.75, -1.25 }, py[2] = { 0, 1 };
  const double r34[2] = { 0.9375, -2.0625 };
  ck_assert_int_eq (in_clarke_by_hand (deep, half, NS_AD_PYTORCH, NAN, tri, 3, zero), 0);
  ck_assert_int_eq (in_clarke_by_hand (deep, half, NS_AD_LEFT, NAN, tri, 3, zero), 0);
  ck_assert_int_eq (in_clarke_by_hand (deep, half, NS_AD_AVERAGE, NAN, tri, 3, avg), 1);
  ck_assert_int_eq (in_clarke_by_hand (deep, half, NS_AD_AVERAGE, 0.75, tri, 3, r34), 1);
  ck_assert_int_eq (in_clarke_by_hand (pairs, p, NS_AD_PYTORCH, NAN, one, 1, py), 0);
}
END_TEST

static const struct {
  const char *text;
  ns_status st;
  int column;
  const char *message;
} bad[] = {
  { "", NS_EPARSE, 1, "expected 'sizes' near end of input" },
  { "sizes 2", NS_EPARSE, 8, "expected at least two layer sizes" },
  { "sizes 2 2", NS_EPARSE, 10, "expected an output layer of size 1" },
  { "sizes 2 65 1", NS_EPARSE, 9, "a layer size must be an integer from 1 to 64" },
  { "sizes 2 1.5", NS_EPARSE, 9, "a layer size must be" },
  { "sizes 2 1 layer tanh", NS_EPARSE, 17, "expected an activation" },
  { "sizes 2 1 layer relu 1 2 0", NS_EPARSE, 26, "expected '|' after the 2 weights of row 1 of layer 1" },
  { "sizes 2 1 layer relu 1 x | 0", NS_EPARSE, 24, "expected a weight near 'x'" },
  { "sizes 2 1 layer relu 1 2 | 0 7", NS_EPARSE, 30, "more weights than the sizes say" },
  { "sizes 1 1\nlayer relu\n 1e999 | 0", NS_EPARSE, 23, "number out of range near '1e999' (line 3)" },
  { "sizes 1 1 layer leaky | 0", NS_EPARSE, 23, "expected the slope of leaky" },
  { "sizes 1 1 layer relu 1 | 0 layer relu", NS_EPARSE, 28, "unexpected text" },
  { "sizes 1 1 layer relu 1 | 2.e", NS_EPARSE, 26, "near '2'" },
  { "sizes 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", NS_ELIMIT, 41, "more than 16 weight layers" },
};

START_TEST (test_parse_bad)
{
  ns_mlp *net = (ns_mlp *) 1;
  ns_parse_error err;
  ck_assert_int_eq (ns_mlp_parse (bad[_i].text, &net, &err), bad[_i].st);
  ck_assert_ptr_null (net);
  ck_assert_msg (err.column == bad[_i].column && strstr (err.text, bad[_i].message) != NULL,
                 "'%s': column %d, '%s'", bad[_i].text, err.column, err.text);
}
END_TEST

START_TEST (test_limits)
{
  ns_mlp *net = NULL;
  ns_mfn *f = (ns_mfn *) 1;
  double in[8] = { 0 };
  ck_assert_int_eq (ns_mlp_parse (NULL, &net, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_mlp_parse ("sizes 1 1 layer relu 1 | 0", NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_mlp_as_function_of_inputs (NULL, &f), NS_EINVAL);
  ck_assert_ptr_null (f);
  /* 8 inputs, 8 units, 1 output: 72 + 9 = 81 parameters, more than 64. */
  char text[2048] = "sizes 8 8 1 layer relu";
  for (int r = 0; r < 8; r++)
    strcat (text, " 1 1 1 1 1 1 1 1 | 0");
  strcat (text, " layer identity 1 1 1 1 1 1 1 1 | 0");
  net = read_net (text);
  ck_assert_int_eq (ns_mlp_as_function_of_weights (net, in, &f), NS_ELIMIT);
  ck_assert_ptr_null (f);
  ck_assert_int_eq (ns_mlp_as_function_of_inputs (net, &f), NS_OK);
  ck_assert_int_eq (ns_mfn_nvars (f), 8);
  ns_mfn_free (f);
  in[3] = NAN;
  ck_assert_int_eq (ns_mlp_as_function_of_weights (net, in, &f), NS_EINVAL);
  ck_assert_int_eq (ns_mlp_as_function_of_weights (net, NULL, &f), NS_EINVAL);
  ns_mlp_free (net);
  ns_mlp_free (NULL);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("mlp");
  TCase *core = tcase_create ("core");
  tcase_add_test (core, test_inputs_by_hand);
  tcase_add_test (core, test_ad_at_the_kinks);
  tcase_add_test (core, test_weights_by_hand);
  tcase_add_test (core, test_inline_and_leaky);
  tcase_add_test (core, test_ad_against_clarke);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_loop_test (limits, test_parse_bad, 0, (int) (sizeof bad / sizeof bad[0]));
  tcase_add_test (limits, test_limits);
  suite_add_tcase (s, limits);
  return s;
}

#include "check_main.h"
