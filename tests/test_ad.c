/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_ad.c: every preset entry at its kink (value and sign of
   zero) in both modes, the Keras gradient table of seed 002 bit for bit,
   hand-derived signed zeros per framework and mode, a shared subtree and a
   long tape in the reverse sweep, presets against the Clarke set, both
   modes against the germ derivative at smooth points, the policy's size
   and the comparison's capacity, and bad input. */
#include <config.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

#define X ns_fn_x ()
#define C(v) ns_fn_const (v)
#define U NAN              /* "undefined" in the tables */

typedef ns_function *(*builder) (void);

static ns_function *b_relu (void) { return ns_fn_relu (X); }
static ns_function *b_abs (void) { return ns_fn_abs (X); }
static ns_function *b_sign (void) { return ns_fn_sign (X); }
static ns_function *b_heav (void) { return ns_fn_heaviside (X, 0.5); }
static ns_function *b_leaky (void) { return ns_fn_leaky_relu (X, 0.1); }
static ns_function *b_max_x0 (void) { return ns_fn_max (X, C (0)); }
static ns_function *b_max_0x (void) { return ns_fn_max (C (0), X); }
static ns_function *b_min_x0 (void) { return ns_fn_min (X, C (0)); }
static ns_function *b_min_0x (void) { return ns_fn_min (C (0), X); }
static ns_function *b_clamp (void) { return ns_fn_clamp (X, -1.0, 2.0); }
static ns_function *b_floor (void) { return ns_fn_floor (X); }
static ns_function *b_sqrt (void) { return ns_fn_sqrt (X); }

/* The primitives at their kinks, in the column order of the table. */
static const struct { const char *name; builder build; double x; } kinks[] = {
  { "relu(x) at 0", b_relu, 0.0 },
  { "abs(x) at 0", b_abs, 0.0 },
  { "sign(x) at 0", b_sign, 0.0 },
  { "heaviside(x) at 0", b_heav, 0.0 },
  { "leaky_relu(x, 0.1) at 0", b_leaky, 0.0 },
  { "max(x, 0) at 0", b_max_x0, 0.0 },
  { "max(0, x) at 0", b_max_0x, 0.0 },
  { "min(x, 0) at 0", b_min_x0, 0.0 },
  { "min(0, x) at 0", b_min_0x, 0.0 },
  { "clamp(x, -1, 2) at -1", b_clamp, -1.0 },
  { "clamp(x, -1, 2) at 2", b_clamp, 2.0 },
  { "floor(x) at 1", b_floor, 1.0 },
  { "sqrt(x) at 0", b_sqrt, 0.0 },
};
#define NKINKS ((int) (sizeof kinks / sizeof kinks[0]))

/* Expected derivatives, hand-read from each framework's source (see the
   comment at the top of lib/ad/ad_presets.c and the manual's table): one row per
   preset, one column per entry of kinks[].  Zeros are +0 (the tangent of x
   is +1 and every weight is +0); U is NS_UNDEFINED; INFINITY NS_ERANGE.
   0.55 is written as 0.5 * (0.1 + 1.0), the average of the two slopes of
   leaky_relu(x, 0.1), rounded as the library rounds it. */
#define AVG_LEAKY (0.5 * (0.1 + 1.0))
static const double expected[NS_AD_PRESET_COUNT][13] = {
  /*              relu abs sign heav leaky     max(x,0) max(0,x) min(x,0) min(0,x) clo chi floor sqrt */
  [NS_AD_PYTORCH]    = { 0, 0, 0, U, 0.1,       0.5, 0.5, 0.5, 0.5, 1, 1, 0, INFINITY },
  [NS_AD_TENSORFLOW] = { 0, 0, 0, 0, 0.1,       1, 0, 1, 0,         1, 1, 0, INFINITY },
  [NS_AD_JAX]        = { 0, 1, 0, 0, 1,         0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0, INFINITY },
  [NS_AD_SYMPY]      = { 0.5, 0, U, U, AVG_LEAKY, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, U, U },
  [NS_AD_LEFT]       = { 0, -1, 0, 0, 0.1,      0, 1, 1, 0,         0, 1, 0, U },
  [NS_AD_RIGHT]      = { 1, 1, 0, 0, 1,         1, 0, 0, 1,         1, 0, 0, INFINITY },
  [NS_AD_AVERAGE]    = { 0.5, 0, 0, 0, AVG_LEAKY, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0, U },
  [NS_AD_MIN_NORM]   = { 0, 0, U, U, 0.1,       0.5, 0.5, 0.5, 0.5, 0, 0, U, U },
  [NS_AD_UNDEFINED]  = { U, U, U, U, U,         U, U, U, U,         U, U, U, U },
};

/* One loop index per (preset, primitive, mode).  A primitive applied to x
   directly gets the same number in both modes: the seed (tangent of x, or
   adjoint of the result) is +1 and its one local derivative is applied
   once. */
START_TEST (test_preset_entry)
{
  int m = _i % 2, p = _i / 2 / NKINKS, k = _i / 2 % NKINKS;
  ns_ad_mode mode = m ? NS_AD_FORWARD : NS_AD_REVERSE;
  double want = expected[p][k], v, d;
  ns_kink_policy pol;
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&pol, (ns_ad_preset) p), NS_OK);
  ns_function *f = kinks[k].build ();
  ck_assert_ptr_nonnull (f);
  ns_status st = ns_ad_deriv (f, kinks[k].x, &pol, mode, &v, &d);
  ns_fn_free (f);
  if (isnan (want))
    {
      ck_assert_msg (st == NS_UNDEFINED && isnan (d), "%s, %s, mode %d: status %d, d = %g, want undefined",
                     pol.name, kinks[k].name, m, (int) st, d);
      return;
    }
  if (isinf (want))
    {
      ck_assert_msg (st == NS_ERANGE && d == want, "%s, %s, mode %d: status %d, d = %g, want +inf",
                     pol.name, kinks[k].name, m, (int) st, d);
      return;
    }
  ck_assert_msg (st == NS_OK && d == want && !signbit (d) == !signbit (want),
                 "%s, %s, mode %d: status %d, d = %+g, want %+g", pol.name, kinks[k].name, m,
                 (int) st, d, want);
}
END_TEST

/* Seed 002: Keras (TensorFlow backend), loss 'mse' over the batch
   x = -1, 0, 1, 2 with target 1 prints d loss / dx = -0, -0, +0, +0.5.
   Keras's mse is mean(square(y_pred - y_true)) per sample, averaged over
   the 4 samples, so each sample contributes (relu(x) - 1)^2 / 4 and
   d/dx = 2 (relu(x) - 1) relu'(x) / 4.  At x = -1 and 0, relu' = 0 meets a
   negative factor 2 (0 - 1) / 4: TF's ReluGrad multiplies, so the zero is
   -0; at x = 1 the factor relu(1) - 1 is +0. */
static void
check_keras (ns_function *f, const char *what)
{
  static const double xs[4] = { -1.0, 0.0, 1.0, 2.0 };
  static const double want[4] = { -0.0, -0.0, +0.0, +0.5 };
  ns_kink_policy tf;
  ck_assert_ptr_nonnull (f);
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&tf, ns_kink_policy_lookup ("keras")), NS_OK);
  /* Keras runs reverse mode; TensorFlow's forward mode multiplies by the
     same mask (ReluGradGrad), so its signs are the same. */
  for (int m = 0; m < 2; m++)
    for (int i = 0; i < 4; i++)
      {
        double v, d;
        ck_assert_int_eq (ns_ad_deriv (f, xs[i], &tf, m ? NS_AD_FORWARD : NS_AD_REVERSE, &v, &d),
                          NS_OK);
        ck_assert_msg (d == want[i] && !signbit (d) == !signbit (want[i]),
                       "%s at x = %g, mode %d: d = %+g, want %+g", what, xs[i], m, d, want[i]);
      }
  ns_fn_free (f);
}

START_TEST (test_keras_table)
{
  check_keras (ns_fn_mul (ns_fn_pow (ns_fn_sub (ns_fn_relu (X), C (1)), 2), C (0.25)),
               "(relu(x) - 1)^2 * 0.25");
  check_keras (ns_fn_div (ns_fn_pow (ns_fn_sub (ns_fn_relu (X), C (1)), 2), C (4)),
               "(relu(x) - 1)^2 / 4");
}
END_TEST

/* The order inside the square matters for the sign of a zero: with
   (1 - relu(x))^2 / 4 the factor at x = 1 is 2 (+0) (-1) / 4 = -0, not the
   +0 Keras prints; and PyTorch's policy gives the same magnitudes. */
START_TEST (test_keras_order_matters)
{
  ns_kink_policy tf, pt;
  double v, d;
  ns_function *f = ns_fn_div (ns_fn_pow (ns_fn_sub (C (1), ns_fn_relu (X)), 2), C (4));
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&tf, NS_AD_TENSORFLOW), NS_OK);
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&pt, NS_AD_PYTORCH), NS_OK);
  ck_assert_int_eq (ns_ad_deriv (f, 1.0, &tf, NS_AD_REVERSE, &v, &d), NS_OK);
  ck_assert (d == 0.0 && signbit (d));
  ck_assert_int_eq (ns_ad_deriv (f, 2.0, &pt, NS_AD_REVERSE, &v, &d), NS_OK);
  ck_assert (d == 0.5 && v == 0.25);
  ns_fn_free (f);
}
END_TEST

/* relu(x) - relu(-x) = x: the Clarke set at 0 is {1}.  Hand-derived rows:
   a framework that gives relu'(0) = 0 gets 0 - (-1)(0) = 0 (outside);
   "right" gets 1 - (-1)(1) = 2 (outside); "average" and SymPy get
   1/2 + 1/2 = 1 (inside). */
START_TEST (test_clarke_flags)
{
  static const struct { double d; int in; ns_status st; } want[NS_AD_PRESET_COUNT] = {
    [NS_AD_PYTORCH] = { 0, 0, NS_OK }, [NS_AD_TENSORFLOW] = { 0, 0, NS_OK },
    [NS_AD_JAX] = { 0, 0, NS_OK }, [NS_AD_SYMPY] = { 1, 1, NS_OK },
    [NS_AD_LEFT] = { 0, 0, NS_OK }, [NS_AD_RIGHT] = { 2, 0, NS_OK },
    [NS_AD_AVERAGE] = { 1, 1, NS_OK }, [NS_AD_MIN_NORM] = { 0, 0, NS_OK },
    [NS_AD_UNDEFINED] = { U, -1, NS_UNDEFINED },
  };
  ns_function *f = ns_fn_sub (ns_fn_relu (X), ns_fn_relu (ns_fn_neg (X)));
  ns_set clarke;
  ns_status cst;
  ns_ad_row rows[NS_AD_PRESET_COUNT];
  int yes;
  ck_assert_int_eq (ns_ad_compare (f, 0.0, NS_AD_REVERSE, &clarke, &cst, rows, NS_AD_PRESET_COUNT), NS_OK);
  ck_assert_int_eq (cst, NS_OK);
  ck_assert_int_eq (ns_set_is_point (&clarke, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  ck_assert_int_eq (ns_set_contains (&clarke, 1.0, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  for (int i = 0; i < NS_AD_PRESET_COUNT; i++)
    {
      ck_assert_int_eq (rows[i].preset, i);
      ck_assert_msg (rows[i].status == want[i].st && rows[i].in_clarke == want[i].in
                     && (isnan (want[i].d) ? isnan (rows[i].deriv) : rows[i].deriv == want[i].d),
                     "preset %d: status %d, d = %g, in %d", i, (int) rows[i].status,
                     rows[i].deriv, rows[i].in_clarke);
    }
  ns_fn_free (f);

  /* relu at 0: Clarke [0, 1] holds every preset's value. */
  f = ns_fn_relu (X);
  ck_assert_int_eq (ns_ad_compare (f, 0.0, NS_AD_REVERSE, &clarke, &cst, rows, NS_AD_PRESET_COUNT), NS_OK);
  for (int i = 0; i < NS_AD_UNDEFINED; i++)
    ck_assert_int_eq (rows[i].in_clarke, 1);
  ns_fn_free (f);

  /* heaviside at 0 has no Clarke set: every flag is -1. */
  f = ns_fn_heaviside (X, 0.5);
  ck_assert_int_eq (ns_ad_compare (f, 0.0, NS_AD_REVERSE, &clarke, &cst, rows, NS_AD_PRESET_COUNT), NS_OK);
  ck_assert_int_eq (cst, NS_ENOTLIPSCHITZ);
  for (int i = 0; i < NS_AD_PRESET_COUNT; i++)
    ck_assert_int_eq (rows[i].in_clarke, -1);
  ns_fn_free (f);
}
END_TEST

/* max(x, 0) and relu(x) are the same function, but each framework gives
   them different derivatives at 0 (PyTorch and JAX split a tie 1/2 - 1/2,
   TensorFlow sends it to the first argument, and all three give relu 0). */
START_TEST (test_max_vs_relu)
{
  static const ns_ad_preset fw[3] = { NS_AD_PYTORCH, NS_AD_TENSORFLOW, NS_AD_JAX };
  static const double want_max[3] = { 0.5, 1.0, 0.5 };
  ns_function *m = ns_fn_max (X, C (0)), *r = ns_fn_relu (X);
  for (int i = 0; i < 3; i++)
    {
      ns_kink_policy p;
      double v, dm, dr;
      ck_assert_int_eq (NS_KINK_POLICY_INIT (&p, fw[i]), NS_OK);
      ck_assert_int_eq (ns_ad_deriv (m, 0.0, &p, NS_AD_REVERSE, &v, &dm), NS_OK);
      ck_assert_int_eq (ns_ad_deriv (r, 0.0, &p, NS_AD_REVERSE, &v, &dr), NS_OK);
      ck_assert (dm == want_max[i]);
      ck_assert (dr == 0.0);
      ck_assert (dm != dr);
    }
  ns_fn_free (m);
  ns_fn_free (r);
}
END_TEST

/* Away from kinks every policy gives the classical derivative, computed a
   second way from one-sided germs (ns_fn_deriv).  The two routes round
   differently; 64 eps relative is far above a few roundings per node in
   these trees and far below any wrong derivative. */
#define SMOOTH_RTOL (64 * 2.220446049250313e-16)

static ns_function *s1 (void) { return ns_fn_relu (ns_fn_sub (ns_fn_pow (X, 3), X)); }
static ns_function *s2 (void) { return ns_fn_add (ns_fn_abs (ns_fn_sub (X, C (1))), ns_fn_mul (C (2), ns_fn_abs (X))); }
static ns_function *s3 (void) { return ns_fn_max (ns_fn_add (ns_fn_mul (C (2), X), C (1)), ns_fn_add (ns_fn_neg (X), C (4))); }
static ns_function *s4 (void) { return ns_fn_sqrt (ns_fn_abs (X)); }
static ns_function *s5 (void) { return ns_fn_div (ns_fn_exp (ns_fn_sin (X)), ns_fn_add (C (1), ns_fn_pow (X, 2))); }
static ns_function *s6 (void) { return ns_fn_clamp (ns_fn_mul (C (3), X), -1.0, 2.0); }
static ns_function *s7 (void) { return ns_fn_add (ns_fn_floor (X), ns_fn_log (X)); }
static ns_function *s8 (void) { return ns_fn_mul (ns_fn_heaviside (X, 0.0), ns_fn_leaky_relu (ns_fn_sub (X, C (3)), 0.2)); }
static ns_function *s9 (void) { return ns_fn_min (X, ns_fn_pow (X, 2)); }
static ns_function *s10 (void) { return ns_fn_mul (ns_fn_sign (X), ns_fn_pow (ns_fn_cos (X), 3)); }

static const struct { builder build; double x; } smooth[] = {
  { s1, 0.5 }, { s1, 2.0 }, { s2, 0.3 }, { s2, -2.385 }, { s3, 0.0 }, { s3, 5.0 },
  { s4, 2.0 }, { s4, -0.7 }, { s5, 0.7 }, { s5, -3.0 }, { s6, 0.5 }, { s6, 3.0 },
  { s6, -4.0 }, { s7, 2.5 }, { s8, 1.0 }, { s8, 4.0 }, { s8, -1.0 }, { s9, 0.5 },
  { s9, 2.0 }, { s9, -1.0 }, { s10, -0.5 }, { s10, 1.0 },
};

START_TEST (test_smooth_points)
{
  ns_function *f = smooth[_i].build ();
  double ref;
  ck_assert_ptr_nonnull (f);
  ck_assert_int_eq (ns_fn_deriv (f, smooth[_i].x, 1, &ref), NS_OK);
  for (int p = 0; p < NS_AD_PRESET_COUNT; p++)
    {
      ns_kink_policy pol;
      double v, d;
      ns_result r;
      ck_assert_int_eq (NS_KINK_POLICY_INIT (&pol, (ns_ad_preset) p), NS_OK);
      ck_assert_int_eq (ns_ad_deriv (f, smooth[_i].x, &pol, NS_AD_REVERSE, &v, &d), NS_OK);
      ck_assert_msg (fabs (d - ref) <= SMOOTH_RTOL * fabs (ref),
                     "case %d, %s: d = %.17g, germ %.17g", _i, pol.name, d, ref);
      ck_assert_int_eq (ns_ad_deriv (f, smooth[_i].x, &pol, NS_AD_FORWARD, &v, &d), NS_OK);
      ck_assert_msg (fabs (d - ref) <= SMOOTH_RTOL * fabs (ref),
                     "case %d, %s, forward: d = %.17g, germ %.17g", _i, pol.name, d, ref);
      ck_assert_int_eq (ns_fn_eval (f, smooth[_i].x, &r), NS_OK);
      ck_assert_msg (fabs (v - r.val) <= r.err + SMOOTH_RTOL * fabs (r.val),
                     "case %d: value %.17g, eval %.17g", _i, v, r.val);
    }
  ns_fn_free (f);
}
END_TEST

/* ------------------------------------------------------------ signed zeros

   Each framework's zero kind per primitive (doc/ad.texi): P a product
   g * k, S a literal +0, Y no term.
              relu  abs  sign  heav  max/min  clamp  floor   (reverse/forward)
   pytorch    S/S   P/P  S/S   P/P   S/P      S/S    S/S
   tensorflow P/P   P/P  S/Y   Y/Y   S/S      S/S    Y/Y
   jax        S/S   P/P  Y/Y   Y/Y   P/P      P/P    Y/Y
   sympy      S everywhere;  left (and the other generic presets): P.
   Reverse mode seeds the result's adjoint with +1 and sweeps back to x;
   forward mode seeds x's tangent with +1.  IEEE: a product of a zero has
   the XOR of the signs; -0 + +0 = +0; the first term of a sum is taken as
   it is; neg(+0) = -0.  Below, "k = 0" is the flat side of the primitive;
   each row's derivation is in its comment.  The pytorch columns were also
   printed by torch 1.13.1 (tests/ad_pytorch_check.py), both modes. */
typedef struct zero_case {
  const char *name;
  builder build;
  double x;
  /* pytorch, tensorflow, jax, sympy, left; each { reverse, forward } */
  double want[5][2];
} zero_case;

static const ns_ad_preset zero_presets[5] = {
  NS_AD_PYTORCH, NS_AD_TENSORFLOW, NS_AD_JAX, NS_AD_SYMPY, NS_AD_LEFT
};

#define PZ (+0.0)
#define NZ (-0.0)

static ns_function *z_loss (void)
{ return ns_fn_div (ns_fn_pow (ns_fn_sub (ns_fn_relu (X), C (1)), 2), C (4)); }
static ns_function *z_neg_relu (void) { return ns_fn_neg (ns_fn_relu (X)); }
static ns_function *z_relu_neg (void) { return ns_fn_relu (ns_fn_neg (X)); }
static ns_function *z_neg_abs (void) { return ns_fn_neg (ns_fn_abs (X)); }
static ns_function *z_neg_sign (void) { return ns_fn_neg (ns_fn_sign (X)); }
static ns_function *z_neg_floor (void) { return ns_fn_neg (ns_fn_floor (X)); }
static ns_function *z_neg_max (void) { return ns_fn_neg (ns_fn_max (X, C (0))); }
static ns_function *z_neg_min (void) { return ns_fn_neg (ns_fn_min (X, C (0))); }
static ns_function *z_neg_clamp (void) { return ns_fn_neg (ns_fn_clamp (X, -1.0, 2.0)); }
static ns_function *z_neg_heav (void) { return ns_fn_neg (ns_fn_heaviside (X, 0.5)); }
static ns_function *z_neg_leaky0 (void) { return ns_fn_neg (ns_fn_leaky_relu (X, 0.0)); }
static ns_function *z_neg_relu2 (void)
{ return ns_fn_neg (ns_fn_relu (ns_fn_sub (ns_fn_relu (X), C (1)))); }
static ns_function *z_relu_sq (void)
{ return ns_fn_mul (ns_fn_neg (ns_fn_relu (X)), ns_fn_relu (X)); }
static ns_function *z_mul0 (void)
{ return ns_fn_sub (ns_fn_mul (X, C (0)), ns_fn_relu (X)); }

static const zero_case zero_cases[] = {
  /* The example, seed 002's loss.  Reverse: the adjoint reaching
     relu is (1/4) * 2 (0 - 1) = -1/2; k = 0: P gives -0, S +0 (SymPy's
     relu'(0) = 1/2 at x = 0 gives -1/4).  Forward: relu's tangent is
     1 * 0 = +0 (P) or +0 (S), then times 2 (0 - 1) = -2 and / 4: -0. */
  { "(relu(x) - 1)^2 / 4", z_loss, -1.0,
    { { PZ, NZ }, { NZ, NZ }, { PZ, NZ }, { PZ, NZ }, { NZ, NZ } } },
  { "(relu(x) - 1)^2 / 4", z_loss, 0.0,
    { { PZ, NZ }, { NZ, NZ }, { PZ, NZ }, { -0.25, -0.25 }, { NZ, NZ } } },
  /* -relu(x) at -1: reverse, -1 reaches relu: P -0, S +0.  Forward: +0,
     negated: -0. */
  { "-relu(x)", z_neg_relu, -1.0,
    { { PZ, NZ }, { NZ, NZ }, { PZ, NZ }, { PZ, NZ }, { NZ, NZ } } },
  /* relu(-x) at 1: reverse, +1 reaches relu, +0 either way, negated: -0.
     Forward: the tangent -1 reaches relu: P -0, S +0. */
  { "relu(-x)", z_relu_neg, 1.0,
    { { NZ, PZ }, { NZ, NZ }, { NZ, PZ }, { NZ, PZ }, { NZ, NZ } } },
  /* -abs(x) at 0: |.|'(0) is 0 (P) in PyTorch and TensorFlow: -1 * 0 =
     -0, and 1 * 0 negated = -0; JAX's 1 gives -1; SymPy's 0 is a literal:
     +0 in reverse, +0 negated in forward; left's -1 gives +1. */
  { "-abs(x)", z_neg_abs, 0.0,
    { { NZ, NZ }, { NZ, NZ }, { -1.0, -1.0 }, { PZ, NZ }, { 1.0, 1.0 } } },
  /* -sign(x) at 2: k = 0.  Reverse: S +0, Y no term (+0), P -1 * 0 = -0.
     Forward: S +0 negated -0, Y no tangent at all (+0), P +0 negated -0. */
  { "-sign(x)", z_neg_sign, 2.0,
    { { PZ, NZ }, { PZ, PZ }, { PZ, PZ }, { PZ, NZ }, { NZ, NZ } } },
  /* -floor(x) at 1.5: as sign, with TensorFlow's None (Y) in reverse too. */
  { "-floor(x)", z_neg_floor, 1.5,
    { { PZ, NZ }, { PZ, PZ }, { PZ, PZ }, { PZ, NZ }, { NZ, NZ } } },
  /* -max(x, 0) at -1: x loses, k = 0.  Reverse: S +0 (PyTorch, TF,
     SymPy), P -0 (JAX, left).  Forward: PyTorch's formula multiplies,
     TF's selects: +0 either way, negated: -0. */
  { "-max(x, 0)", z_neg_max, -1.0,
    { { PZ, NZ }, { PZ, NZ }, { NZ, NZ }, { PZ, NZ }, { NZ, NZ } } },
  { "-min(x, 0)", z_neg_min, 1.0,
    { { PZ, NZ }, { PZ, NZ }, { NZ, NZ }, { PZ, NZ }, { NZ, NZ } } },
  /* -clamp(x, -1, 2) at -3: outside, k = 0; PyTorch and TF select, JAX's
     clip is max then min (products). */
  { "-clamp(x, -1, 2)", z_neg_clamp, -3.0,
    { { PZ, NZ }, { PZ, NZ }, { NZ, NZ }, { PZ, NZ }, { NZ, NZ } } },
  /* -heaviside(x) at 1: k = 0; PyTorch P (it has no derivative at 0 only),
     TF and JAX Y, SymPy S, left P. */
  { "-heaviside(x)", z_neg_heav, 1.0,
    { { NZ, NZ }, { PZ, PZ }, { PZ, PZ }, { PZ, NZ }, { NZ, NZ } } },
  /* -leaky_relu(x, 0) at -1: always a product g * s, s = 0: -0 both ways. */
  { "-leaky_relu(x, 0)", z_neg_leaky0, -1.0,
    { { NZ, NZ }, { NZ, NZ }, { NZ, NZ }, { NZ, NZ }, { NZ, NZ } } },
  /* -relu(relu(x) - 1) at 0.5: the outer relu is flat (k = 0), the inner
     has k = 1.  Reverse: -1 * 0 = -0 (P) or +0 (S), times 1.  Forward:
     1, 1, then +0, negated: -0. */
  { "-relu(relu(x) - 1)", z_neg_relu2, 0.5,
    { { PZ, NZ }, { NZ, NZ }, { PZ, NZ }, { PZ, NZ }, { NZ, NZ } } },
  /* (-relu(x)) * relu(x) at 0: values -0 and +0.  Reverse: the adjoint to
     the first factor is 1 * (+0), negated -0, then relu: -0 * 0 = -0 (P)
     or +0 (S); to the second 1 * (-0) = -0, then -0 (P) or +0 (S); sums
     -0 and +0.  SymPy's relu'(0) = 1/2: -0 * 1/2 twice, -0.  Forward:
     tangents +0 (P, S) or 1/2 (SymPy), negated; the product rule
     (-0)(+0) + (+0)(-0) = -0, and (-1/2)(+0) + (1/2)(-0) = -0. */
  { "(-relu(x)) * relu(x)", z_relu_sq, 0.0,
    { { PZ, NZ }, { NZ, NZ }, { PZ, NZ }, { NZ, NZ }, { NZ, NZ } } },
  /* x * 0 - relu(x) at -1: reverse, x gets 1 * 0 = +0 from the product
     and -1 * 0 = -0 (P) or +0 (S) through relu: +0 + (-0) = +0.  Forward:
     +0 - (+0) = +0. */
  { "x * 0 - relu(x)", z_mul0, -1.0,
    { { PZ, PZ }, { PZ, PZ }, { PZ, PZ }, { PZ, PZ }, { PZ, PZ } } },
};
#define NZERO ((int) (sizeof zero_cases / sizeof zero_cases[0]))

START_TEST (test_signed_zeros)
{
  const zero_case *zc = &zero_cases[_i];
  ns_function *f = zc->build ();
  ck_assert_ptr_nonnull (f);
  for (int p = 0; p < 5; p++)
    for (int m = 0; m < 2; m++)
      {
        ns_kink_policy pol;
        double v, d, want = zc->want[p][m];
        ck_assert_int_eq (NS_KINK_POLICY_INIT (&pol, zero_presets[p]), NS_OK);
        ck_assert_int_eq (ns_ad_deriv (f, zc->x, &pol, m ? NS_AD_FORWARD : NS_AD_REVERSE, &v, &d),
                          NS_OK);
        ck_assert_msg (d == want && !signbit (d) == !signbit (want),
                       "%s at %g, %s, %s: d = %+g, want %+g", zc->name, zc->x, pol.name,
                       m ? "forward" : "reverse", d, want);
      }
  ns_fn_free (f);
}
END_TEST

/* A subtree used twice is one node of the tape, as a tensor used twice is
   one node of a framework's graph, and its adjoint is summed before it is
   passed on.  a = -x, f = a - a at 0.5: reverse, a's adjoint is
   1 + (-1) = +0, times -1: -0 (torch 1.13.1 prints -0 for this).  The
   same tree written twice, (-x) - (-x), sends each term on separately:
   -1 and +1 reach x, +0.  Forward mode: -1 - (-1) = +0 either way. */
START_TEST (test_shared_subtree)
{
  ns_kink_policy pt;
  double v, d;
  ns_function *a = ns_fn_neg (X);
  ns_function *shared = ns_fn_sub (ns_fn_ref (a), a);
  ns_function *twice = ns_fn_sub (ns_fn_neg (X), ns_fn_neg (X));
  ck_assert_ptr_nonnull (shared);
  ck_assert_ptr_nonnull (twice);
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&pt, NS_AD_PYTORCH), NS_OK);
  ck_assert_int_eq (ns_ad_deriv (shared, 0.5, &pt, NS_AD_REVERSE, &v, &d), NS_OK);
  ck_assert (d == 0.0 && signbit (d) && v == 0.0);
  ck_assert_int_eq (ns_ad_deriv (twice, 0.5, &pt, NS_AD_REVERSE, &v, &d), NS_OK);
  ck_assert (d == 0.0 && !signbit (d));
  ck_assert_int_eq (ns_ad_deriv (shared, 0.5, &pt, NS_AD_FORWARD, &v, &d), NS_OK);
  ck_assert (d == 0.0 && !signbit (d));
  ns_fn_free (shared);
  ns_fn_free (twice);
}
END_TEST

/* A deep tree whose tape outgrows the stack buffer: relu(relu(...(x)))
   with 300 levels at 0.5 has derivative 1, and at -0.5 the first relu's
   +0 (PyTorch) or 1 * 0 = +0 (TensorFlow) passes through 299 products
   by 0. */
START_TEST (test_long_tape)
{
  ns_kink_policy p;
  double v, d;
  ns_function *f = X;
  for (int i = 0; i < 300; i++)
    f = ns_fn_add (ns_fn_relu (f), C (0));
  ck_assert_ptr_nonnull (f);
  for (int m = 0; m < 2; m++)
    {
      ns_ad_mode mode = m ? NS_AD_FORWARD : NS_AD_REVERSE;
      ck_assert_int_eq (NS_KINK_POLICY_INIT (&p, NS_AD_TENSORFLOW), NS_OK);
      ck_assert_int_eq (ns_ad_deriv (f, 0.5, &p, mode, &v, &d), NS_OK);
      ck_assert (d == 1.0 && v == 0.5);
      ck_assert_int_eq (ns_ad_deriv (f, -0.5, &p, mode, &v, &d), NS_OK);
      ck_assert (d == 0.0 && !signbit (d) && v == 0.0);
    }
  ns_fn_free (f);
}
END_TEST

/* The policy's size: a caller compiled against a larger (newer) struct
   or one that never ran the initializer is refused, not read past. */
START_TEST (test_policy_size)
{
  ns_kink_policy p;
  double v, d;
  ns_function *f = ns_fn_relu (X);
  memset (&p, 0x5a, sizeof p);
  ck_assert_int_eq (ns_kink_policy_init (&p, sizeof p + 8, NS_AD_JAX), NS_EINVAL);
  ck_assert_int_eq (ns_kink_policy_init (&p, sizeof p - 1, NS_AD_JAX), NS_EINVAL);
  ck_assert_int_eq (ns_kink_policy_init (&p, 0, NS_AD_JAX), NS_EINVAL);
  ck_assert_int_eq (ns_ad_deriv (f, 0.0, &p, NS_AD_REVERSE, &v, &d), NS_EINVAL);
  ck_assert (isnan (v) && isnan (d));
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&p, NS_AD_JAX), NS_OK);
  ck_assert (p.size == sizeof p);
  ck_assert_int_eq (ns_ad_deriv (f, 0.0, &p, NS_AD_REVERSE, &v, &d), NS_OK);
  p.size = sizeof p + 1;
  ck_assert_int_eq (ns_ad_deriv (f, 0.0, &p, NS_AD_REVERSE, &v, &d), NS_EINVAL);
  p.size = sizeof p;
  ck_assert_int_eq (ns_ad_deriv (f, 0.0, &p, (ns_ad_mode) 2, &v, &d), NS_EINVAL);
  ck_assert_int_eq (ns_ad_deriv (f, 0.0, &p, (ns_ad_mode) -1, &v, &d), NS_EINVAL);
  ns_fn_free (f);
}
END_TEST

/* ns_ad_compare writes at most NROWS rows: the row past them keeps its
   sentinel. */
START_TEST (test_compare_capacity)
{
  ns_ad_row rows[NS_AD_PRESET_COUNT + 1];
  ns_set clarke;
  ns_status cst;
  ns_function *f = ns_fn_relu (X);
  for (int i = 0; i <= NS_AD_PRESET_COUNT; i++)
    rows[i].preset = (ns_ad_preset) 77;
  ck_assert_int_eq (ns_ad_compare (f, 0.0, NS_AD_FORWARD, &clarke, &cst, rows, 3), NS_OK);
  for (int i = 0; i < 3; i++)
    ck_assert_int_eq (rows[i].preset, i);
  ck_assert_int_eq (rows[3].preset, 77);
  ck_assert_int_eq (ns_ad_compare (f, 0.0, NS_AD_FORWARD, &clarke, &cst, rows,
                                   NS_AD_PRESET_COUNT + 1), NS_OK);
  for (int i = 0; i < NS_AD_PRESET_COUNT; i++)
    ck_assert_int_eq (rows[i].preset, i);
  ck_assert_int_eq (rows[NS_AD_PRESET_COUNT].preset, 77);
  ck_assert_int_eq (ns_ad_compare (f, 0.0, NS_AD_FORWARD, &clarke, &cst, rows, 0), NS_OK);
  ck_assert_int_eq (ns_ad_compare (f, 0.0, (ns_ad_mode) 5, &clarke, &cst, rows, 1), NS_EINVAL);
  ns_fn_free (f);
}
END_TEST

START_TEST (test_lookup)
{
  static const char *names[NS_AD_PRESET_COUNT] = {
    "pytorch", "tensorflow", "jax", "sympy", "left", "right", "average",
    "min-norm", "undefined"
  };
  for (int i = 0; i < NS_AD_PRESET_COUNT; i++)
    {
      ns_kink_policy p;
      ck_assert_int_eq (ns_kink_policy_lookup (names[i]), i);
      ck_assert_int_eq (NS_KINK_POLICY_INIT (&p, (ns_ad_preset) i), NS_OK);
      ck_assert_str_eq (p.name, names[i]);
    }
  ck_assert_int_eq (ns_kink_policy_lookup ("keras"), NS_AD_TENSORFLOW);
  ck_assert_int_eq (ns_kink_policy_lookup ("PyTorch"), NS_AD_PRESET_COUNT);
  ck_assert_int_eq (ns_kink_policy_lookup (""), NS_AD_PRESET_COUNT);
  ck_assert_int_eq (ns_kink_policy_lookup (NULL), NS_AD_PRESET_COUNT);
}
END_TEST

/* A caller's own policy: relu'(0) = 0.25 and a 3/4 - 1/4 tie. */
START_TEST (test_custom_policy)
{
  ns_kink_policy p;
  double v, d;
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&p, NS_AD_PYTORCH), NS_OK);
  p.name = "mine";
  p.relu = 0.25;
  p.max_tie[0] = 0.75;
  p.max_tie[1] = 0.25;
  ns_function *f = ns_fn_add (ns_fn_relu (X), ns_fn_max (ns_fn_mul (C (2), X), ns_fn_neg (X)));
  ck_assert_int_eq (ns_ad_deriv (f, 0.0, &p, NS_AD_REVERSE, &v, &d), NS_OK);
  /* 0.25 + 0.75 * 2 + 0.25 * (-1) = 1.5 */
  ck_assert (d == 1.5 && v == 0.0);
  ns_fn_free (f);
}
END_TEST

/* SymPy's "differentiate, then substitute" on products and compositions
   at their kinks: the values SymPy 1.14.0 printed for diff(e, x).subs(x,
   p), run by hand with tests/ad_sympy_check.py (U: an unevaluated
   DiracDelta(0) or Derivative(floor) was left, or the value was nan or
   zoo, so it is undefined).
   By hand, e.g. d/dx[x H(x)] = H(x) + x delta(x) -> 1/2 + 0 delta(0) = 1/2
   at 0; d/dx[H(x) H(-x)] = delta(x) H(-x) - H(x) delta(x) -> 0 at 0 (the
   deltas cancel); d/dx[(x + 1) H(x)] -> 1/2 + delta(0), undefined. */
static const struct { const char *text; double x; double sympy; } sympy_points[] = {
  { "x*heaviside(x)", 0, 0.5 },
  { "x^2*heaviside(x)/2", 0, 0 },
  { "(x + 2)*heaviside(2*x + 4)", -2, 0.5 },
  { "x*sign(x)", 0, 0 },
  { "abs(x)", 0, 0 },
  { "relu(x)", 0, 0.5 },
  { "x*relu(x)", 0, 0 },
  { "(x - 1)*heaviside(x - 1)", 1, 0.5 },
  { "(x^2 - 1)*heaviside(x - 1)", 1, 1 },
  { "sin(x)*sign(x)", 0, 0 },
  { "x*heaviside(x)^2", 0, 0.25 },
  { "heaviside(x^2)", 0, 0 },
  { "x*abs(x)", 0, 0 },
  { "abs(x)*heaviside(x)", 0, 0 },
  { "relu(x)*heaviside(x)", 0, 0.25 },
  { "x^3*sign(x)", 0, 0 },
  { "heaviside(x - 1)*(x - 1)^2", 1, 0 },
  { "max(x, 0)*sign(x)", 0, 0 },
  { "min(x, 0)*heaviside(x)", 0, 0.25 },
  { "heaviside(x)*heaviside(-x)", 0, 0 },
  { "sign(x)^2", 0, 0 },
  { "x*clamp(x, 0, 1)", 0, 0 },
  { "relu(x*heaviside(x))", 0, 0.25 },
  { "abs(x*heaviside(x))", 0, 0 },
  { "x*heaviside(x, 0)", 0, 0 },
  { "(x - 1)*(x + 1)*sign(x - 1)", 1, 0 },
  { "exp(x)*relu(x)", 0, 0.5 },
  { "relu(x)^2", 0, 0 },
  { "x*heaviside(x)*sign(x)", 0, 0 },
  { "abs(x)*sign(x)", 0, 0 },
  { "x*floor(x)", 0, 0 },
  { "(x + 1)*heaviside(x)", 0, U },
  { "heaviside(x)*sign(x)", 0, U },
  { "heaviside(x)", 0, U },
  { "sign(x)", 0, U },
  { "heaviside(relu(x))", 0, U },
  { "floor(x)", 0, U },
  /* 0*zoo is nan where 0*DiracDelta(0) is 0 (SymPy 1.14.0): the exact
     zero of abs, sign or heaviside keeps sqrt'(0)'s NaN; a literal +0
     gave 0 in reverse mode for the first five and the last two. */
  { "sqrt(abs(x - 1))", 1, U },
  { "sqrt(abs(x))*sign(x)", 0, U },
  { "sqrt(abs(x)) + x*heaviside(x)", 0, U },
  { "x*sqrt(abs(x))", 0, U },
  { "sqrt(abs(sin(x)))", 0, U },
  { "sqrt(relu(x))", 0, U },
  { "sqrt(relu(x - 1) + abs(x - 1))", 1, U },
  { "sqrt(abs(x))*heaviside(x)", 0, U },
  { "exp(sqrt(abs(x)))", 0, U },
  /* SymPy's Max and Min are n-ary and flat (relu(u) is Max(0, u)): each
     argument tied at the top gets 1/2, however many are tied. */
  { "max(x, 0, -x)", 0, 0 },
  { "max(x, 2*x, 3*x)", 0, 3 },
  { "min(x, 2*x, 3*x)", 0, 3 },
  { "min(x, 0, -x)", 0, 0 },
  { "max(x, 0, 1 - x)", 0.5, 0 },
  { "max(x, 0, 2*x - 1)", 1, 1.5 },
  { "max(x, -x, 2*x, -2*x)", 0, 0 },
  { "max(max(x, -x), max(2*x, 0))", 0, 1 },
  { "relu(relu(x))", 0, 0.5 },
  { "relu(max(x, -x))", 0, 0 },
  { "max(relu(x), 2*x)", 0, 1.5 },
  { "max(x, 1 - x, 0)", 0.5, 0 },
  { "x*max(x, 0, -x)", 0, 0 },
  { "max(x, 0)*max(x, 0, -x)", 0, 0 },
  { "max(min(x, 0), -x)", 0, -0.25 },
  { "min(max(x, 0), -x, 2*x)", 0, 0.75 },
  /* Repeated arguments count once: SymPy's Max(x, x, x) is x. */
  { "max(x, x, x)", 0, 1 },
  { "max(x, 0, x)", 0, 0.5 },
  { "max(relu(x), 0, x, -x)", 0, 0 },
  { "x*max(x, x, 1)", 1, 1.5 },
};
#define NSYMPY ((int) (sizeof sympy_points / sizeof sympy_points[0]))

/* Case _i / 2 in mode _i % 2. */
START_TEST (test_sympy_products)
{
  const int i = _i / 2;
  const ns_ad_mode mode = (_i % 2) ? NS_AD_FORWARD : NS_AD_REVERSE;
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse (sympy_points[i].text, &f, NULL), NS_OK);
  ns_kink_policy p;
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&p, NS_AD_SYMPY), NS_OK);
  double v, d;
  ns_status st = ns_ad_deriv (f, sympy_points[i].x, &p, mode, &v, &d);
  if (isnan (sympy_points[i].sympy))
    ck_assert_msg (st == NS_UNDEFINED && isnan (d), "%s at %g: %s, %g",
                   sympy_points[i].text, sympy_points[i].x, ns_strerror (st), d);
  else
    ck_assert_msg (st == NS_OK && d == sympy_points[i].sympy, "%s at %g (%s): %s, %g, SymPy %g",
                   sympy_points[i].text, sympy_points[i].x,
                   mode == NS_AD_FORWARD ? "forward" : "reverse", ns_strerror (st), d,
                   sympy_points[i].sympy);
  ns_fn_free (f);
}
END_TEST

/* Without symbolic kinks (the member cleared, or a caller compiled
   against the policy without it) a delta at the point is undefined at
   once, whatever multiplies it; SymPy's rule also leaves refusals where
   the doubles do not see SymPy's exact zero (cos(pi/2) is 6e-17) or SymPy
   simplifies first (x sqrt(x) -> 3 sqrt(x)/2 = 0). */
START_TEST (test_sympy_rule_switch)
{
  ns_kink_policy p;
  double v, d;
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse ("x*heaviside(x)", &f, NULL), NS_OK);
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&p, NS_AD_SYMPY), NS_OK);
  ck_assert_int_eq (p.symbolic_kinks, 1);
  ck_assert_int_eq (ns_ad_deriv (f, 0.0, &p, NS_AD_REVERSE, &v, &d), NS_OK);
  ck_assert (d == 0.5);
  p.symbolic_kinks = 0;
  ck_assert_int_eq (ns_ad_deriv (f, 0.0, &p, NS_AD_REVERSE, &v, &d), NS_UNDEFINED);
  /* The first version of the structure ended before symbolic_kinks. */
  const size_t v1 = offsetof (ns_kink_policy, symbolic_kinks);
  memset (&p, 0x5a, sizeof p);
  ck_assert_int_eq (ns_kink_policy_init (&p, v1, NS_AD_SYMPY), NS_OK);
  ck_assert (p.size == v1);
  ck_assert_int_eq (ns_ad_deriv (f, 0.0, &p, NS_AD_FORWARD, &v, &d), NS_UNDEFINED);
  ck_assert_int_eq (ns_kink_policy_init (&p, v1 + 1, NS_AD_SYMPY), NS_EINVAL);
  ns_fn_free (f);
  /* The other presets are unchanged: PyTorch has no heaviside derivative. */
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&p, NS_AD_PYTORCH), NS_OK);
  ck_assert_int_eq (p.symbolic_kinks, 0);
  static const char *const refused[] = { "cos(x)*heaviside(x - pi/2)", "x*sqrt(x)" };
  static const double at[] = { 1.5707963267948966, 0.0 };
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&p, NS_AD_SYMPY), NS_OK);
  for (int i = 0; i < 2; i++)
    {
      ck_assert_int_eq (ns_fn_parse (refused[i], &f, NULL), NS_OK);
      ck_assert_int_eq (ns_ad_deriv (f, at[i], &p, NS_AD_REVERSE, &v, &d), NS_UNDEFINED);
      ns_fn_free (f);
    }
}
END_TEST

/* Bad input: {function, x, status}; value and derivative are NaN. */
static ns_function *bad_log (void) { return ns_fn_log (X); }
static ns_function *bad_div (void) { return ns_fn_div (C (1), X); }
static ns_function *bad_sqrt (void) { return ns_fn_sqrt (X); }
static ns_function *bad_pow (void) { return ns_fn_pow (X, -2); }
static const struct { builder build; double x; ns_status st; } bad[] = {
  { bad_log, 0.0, NS_EDOM }, { bad_log, -1.0, NS_EDOM }, { bad_div, 0.0, NS_EDOM },
  { bad_sqrt, -1e-300, NS_EDOM }, { bad_pow, 0.0, NS_EDOM },
  { b_relu, NAN, NS_EINVAL }, { b_relu, INFINITY, NS_EINVAL }, { b_relu, -INFINITY, NS_EINVAL },
};

START_TEST (test_bad_input)
{
  ns_kink_policy p;
  double v = 0, d = 0;
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&p, NS_AD_JAX), NS_OK);
  ns_function *f = bad[_i].build ();
  ck_assert_int_eq (ns_ad_deriv (f, bad[_i].x, &p, NS_AD_REVERSE, &v, &d), bad[_i].st);
  ck_assert (isnan (v) && isnan (d));
  ns_fn_free (f);
}
END_TEST

START_TEST (test_null_arguments)
{
  ns_kink_policy p;
  ns_set s;
  ns_status cst;
  ns_ad_row rows[NS_AD_PRESET_COUNT];
  double v, d;
  ns_function *f = ns_fn_relu (X);
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&p, NS_AD_PRESET_COUNT), NS_EINVAL);
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&p, (ns_ad_preset) -1), NS_EINVAL);
  ck_assert_int_eq (ns_kink_policy_init (NULL, sizeof p, NS_AD_JAX), NS_EINVAL);
  ck_assert_int_eq (NS_KINK_POLICY_INIT (&p, NS_AD_JAX), NS_OK);
  ck_assert_int_eq (ns_ad_deriv (NULL, 0.0, &p, NS_AD_REVERSE, &v, &d), NS_EINVAL);
  ck_assert_int_eq (ns_ad_deriv (f, 0.0, NULL, NS_AD_REVERSE, &v, &d), NS_EINVAL);
  ck_assert_int_eq (ns_ad_deriv (f, 0.0, &p, NS_AD_REVERSE, NULL, &d), NS_EINVAL);
  ck_assert (isnan (d));
  ck_assert_int_eq (ns_ad_deriv (f, 0.0, &p, NS_AD_REVERSE, &v, NULL), NS_EINVAL);
  ck_assert (isnan (v));
  ck_assert_int_eq (ns_ad_compare (NULL, 0.0, NS_AD_REVERSE, &s, &cst, rows, NS_AD_PRESET_COUNT), NS_EINVAL);
  ck_assert_int_eq (ns_ad_compare (f, NAN, NS_AD_REVERSE, &s, &cst, rows, NS_AD_PRESET_COUNT), NS_EINVAL);
  ck_assert_int_eq (ns_ad_compare (f, 0.0, NS_AD_REVERSE, NULL, &cst, rows, NS_AD_PRESET_COUNT), NS_EINVAL);
  ck_assert_int_eq (ns_ad_compare (f, 0.0, NS_AD_REVERSE, &s, NULL, rows, NS_AD_PRESET_COUNT), NS_EINVAL);
  ck_assert_int_eq (ns_ad_compare (f, 0.0, NS_AD_REVERSE, &s, &cst, NULL, NS_AD_PRESET_COUNT), NS_EINVAL);
  ns_fn_free (f);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("ad");
  TCase *core = tcase_create ("core");
  tcase_add_loop_test (core, test_preset_entry, 0, 2 * NS_AD_PRESET_COUNT * NKINKS);
  tcase_add_test (core, test_keras_table);
  tcase_add_test (core, test_keras_order_matters);
  tcase_add_test (core, test_clarke_flags);
  tcase_add_test (core, test_max_vs_relu);
  tcase_add_loop_test (core, test_smooth_points, 0, (int) (sizeof smooth / sizeof smooth[0]));
  tcase_add_test (core, test_lookup);
  tcase_add_test (core, test_custom_policy);
  tcase_add_loop_test (core, test_signed_zeros, 0, NZERO);
  tcase_add_test (core, test_shared_subtree);
  tcase_add_test (core, test_long_tape);
  tcase_add_loop_test (core, test_sympy_products, 0, 2 * NSYMPY);
  tcase_add_test (core, test_sympy_rule_switch);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_loop_test (limits, test_bad_input, 0, (int) (sizeof bad / sizeof bad[0]));
  tcase_add_test (limits, test_null_arguments);
  tcase_add_test (limits, test_policy_size);
  tcase_add_test (limits, test_compare_capacity);
  suite_add_tcase (s, limits);
  return s;
}
