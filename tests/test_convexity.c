/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_convexity.c: ns_fn_convexity_on against answers derived by
   hand: convex by the composition rules, convex only piece by piece, not
   convex with the expected witness (the breakpoint and the one-sided slopes
   on either side, the point of a jump, an interval where the hand-derived
   f'' is negative), and unknown where rounding or the method's limits
   leave it open; the witnesses and certificates re-checked by evaluating
   f (second differences); ns_fn_convexity agreeing with the whole-line
   answer; bad input. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

#define ANY NAN            /* no expected number */

typedef enum { YES = NS_CONVEX_YES, NO = NS_CONVEX_NO, UNK = NS_CONVEX_UNKNOWN } ans;
#define RULES NS_CONVEX_BY_RULES
#define PIECES NS_CONVEX_BY_PIECES
#define NONE NS_CONVEX_BY_NONE
#define W_NONE NS_CONVEX_WITNESS_NONE
#define W_DROP NS_CONVEX_WITNESS_SLOPE_DROP
#define W_CURV NS_CONVEX_WITNESS_CURVATURE
#define W_JUMP NS_CONVEX_WITNESS_JUMP

/* f'' derived by hand, for checking a curvature witness. */
typedef double (*second_deriv) (double t);

static double d2_quartic (double t) { return 12 * t * t - 2; }          /* x^4 - x^2 */
static double d2_xabsx (double t) { return t < 0 ? -2 : 2; }             /* x |x| */
static double d2_sin (double t) { return -sin (t); }
static double d2_cos (double t) { return -cos (t); }
static double d2_cube (double t) { return 6 * t; }
/* x sin^3 x: f' = sin^3 x + 3x sin^2 x cos x, f'' = 6 sin^2 x cos x +
   6x sin x cos^2 x - 3x sin^3 x. */
static double
d2_xsin3 (double t)
{
  double s = sin (t), c = cos (t);
  return 6 * s * s * c + 6 * t * s * c * c - 3 * t * s * s * s;
}
/* |x| e^x: (-x e^x)'' = -(x + 2) e^x left of 0, (x e^x)'' = (x + 2) e^x right. */
static double d2_absexp (double t) { return t < 0 ? -(t + 2) * exp (t) : (t + 2) * exp (t); }

typedef struct cvx_case {
  const char *expr;
  double a, b;              /* -INFINITY, INFINITY: the whole line */
  ns_status status;
  ans answer;
  ns_convex_method method;
  ns_convex_witness witness;
  double x, lo, hi;         /* expected witness point and values (ANY: not checked) */
  double tol;               /* on x, lo, hi: 0 where they are exact */
  second_deriv d2;          /* CURVATURE: the hand-derived f'' */
  const char *reason_part;
} cvx_case;

#define WHOLE -INFINITY, INFINITY

static const cvx_case cases[] = {
  /* Convex only piece by piece: the rules see convex minus convex.
     relu(x) - relu(-x)/2: slope 1/2 left of 0, 1 right. */
  { "relu(x) - relu(-x)/2", WHOLE, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "piecewise linear" },
  /* |x| - relu(x)/2: slopes -1, then 1 - 1/2. */
  { "abs(x) - relu(x)/2", WHOLE, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "1 breakpoint" },
  /* max(x, 2x - 1, -x) has slopes -1, 1, 2 with kinks at 0 and 1;
     minus relu(x - 1)/2: -1, 1, 3/2, still rising. */
  { "max(max(x, 2*x - 1), -x) - relu(x - 1)/2", WHOLE, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "2 breakpoints" },
  /* relu(-|x|) = 0 and |x| - |x| = 0 and relu(x) - relu(-x) = x. */
  { "relu(-abs(x))", WHOLE, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "piecewise linear" },
  { "abs(x) - abs(x)", WHOLE, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "piecewise linear" },
  { "relu(x) - relu(-x)", WHOLE, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "piecewise linear" },
  /* |x|/3 - relu(x)/3: slopes -1/3, 0: rising by 1/3 despite rounded thirds. */
  { "max(x/3, -x/3) - relu(x)/3", WHOLE, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "piecewise linear" },
  /* Convex by the rules. */
  { "x - 2*min(x, 0)", WHOLE, NS_OK, YES, RULES, W_NONE, ANY, ANY, ANY, 0, NULL, "sum of convex" },
  { "max(x, 0)^2", WHOLE, NS_OK, YES, RULES, W_NONE, ANY, ANY, ANY, 0, NULL, "power of a nonnegative convex" },
  /* Not convex: the slope drops at a breakpoint. */
  { "-abs(x)", WHOLE, NS_OK, NO, PIECES, W_DROP, 0, 1, -1, 0, NULL, "slope drops" },
  /* relu(x) - 2 relu(x - 1): slopes 0, 1, -1. */
  { "relu(x) - 2*relu(x - 1)", WHOLE, NS_OK, NO, PIECES, W_DROP, 1, 1, -1, 0, NULL, "slope drops" },
  /* max(x, 2x - 1, -x) - relu(x - 3)/2: slopes -1, 1, 2, then 3/2. */
  { "max(max(x, 2*x - 1), -x) - relu(x - 3)/2", WHOLE, NS_OK, NO, PIECES, W_DROP, 3, 2, 1.5, 0, NULL, "slope drops" },
  { "min(x, 0)", WHOLE, NS_OK, NO, PIECES, W_DROP, 0, 1, 0, 0, NULL, "slope drops" },
  /* -relu(x): slopes -0 (a negated 0) then -1; the sentence says 0, not -0. */
  { "-relu(x)", WHOLE, NS_OK, NO, PIECES, W_DROP, 0, 0, -1, 0, NULL, "drops from 0 to -1" },
  /* sqrt|x| has slopes -inf | +inf at 0: a rise, so the witness is the
     infinite slope (no convex function has one inside its domain), and
     the reason must not call it a drop. */
  { "sqrt(abs(x))", -1, 1, NS_OK, NO, PIECES, W_DROP, 0, -INFINITY, INFINITY, 0, NULL,
    "infinite one-sided slope (-inf, inf)" },
  /* min(|x|, |x - 4|): slopes -1, 1, -1, 1 with kinks at 0, 2, 4. */
  { "min(abs(x), abs(x - 4))", WHOLE, NS_OK, NO, PIECES, W_DROP, 2, 1, -1, 0, NULL, "slope drops" },
  /* clamp: slopes 0, 1, 0; it rises at -1 and drops at 1. */
  { "clamp(x, -1, 1)", WHOLE, NS_OK, NO, PIECES, W_DROP, 1, 1, 0, 0, NULL, "slope drops" },
  /* leaky_relu with slope 2: 2 left of 0, 1 right. */
  { "leaky_relu(x, 2)", WHOLE, NS_OK, NO, PIECES, W_DROP, 0, 2, 1, 0, NULL, "slope drops" },
  /* ||x| - 1|: slopes -1, 1, -1, 1 with kinks at -1, 0, 1. */
  { "abs(abs(x) - 1)", WHOLE, NS_OK, NO, PIECES, W_DROP, 0, 1, -1, 0, NULL, "slope drops" },
  /* 2 relu(x) + 3 relu(x - 1) - relu(x - 2): slopes 0, 2, 5, 4. */
  { "2*relu(x) + 3*relu(x - 1) - relu(x - 2)", WHOLE, NS_OK, NO, PIECES, W_DROP, 2, 5, 4, 0, NULL, "slope drops" },
  /* Unknown.  relu(x)/3 - relu(x)*(1/3): slope 1/3 - fl(1/3) = 2^-54/3 > 0
     on the right, so convex, but below the rounding of the slopes. */
  { "relu(x)/3 - relu(x)*(1/3)", WHOLE, NS_OK, UNK, NONE, W_NONE, ANY, ANY, ANY, 0, NULL, "rounding" },
  /* relu(3x - 1) switches at 1/3, relu(x - fl(1/3)) at fl(1/3) < 1/3:
     between them the slope is -1, so it is not convex, by a sliver no
     breakpoint search can separate. */
  { "relu(3*x - 1) - relu(x - 1/3)", WHOLE, NS_OK, UNK, NONE, W_NONE, ANY, ANY, ANY, 0, NULL, "within rounding" },
  /* sin is not piecewise linear: the whole-line check finds an interval
     where f'' = -sin x < 0. */
  { "sin(x)", WHOLE, NS_OK, NO, PIECES, W_CURV, ANY, ANY, ANY, 0, d2_sin, "not convex: f''" },

  /* On a range. */
  { "x^4 - x^2", 1, 2, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "f'' >= 0" },
  { "x^4 - x^2", -0.5, 0.5, NS_OK, NO, PIECES, W_CURV, ANY, ANY, ANY, 0, d2_quartic, "f''" },
  { "x*abs(x)", -1, 1, NS_OK, NO, PIECES, W_CURV, ANY, ANY, ANY, 0, d2_xabsx, "f''" },
  { "x*abs(x)", 0, 1, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "f'' >= 0" },
  { "exp(abs(x))", -1, 1, NS_OK, YES, RULES, W_NONE, ANY, ANY, ANY, 0, NULL, "convex nondecreasing" },
  /* sin'' = -sin > 0 on (pi, 2 pi), < 0 on (0, pi). */
  { "sin(x)", 3.2, 6.2, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "f'' >= 0" },
  { "sin(x)", 0, 3, NS_OK, NO, PIECES, W_CURV, ANY, ANY, ANY, 0, d2_sin, "f''" },
  { "cos(x)", -1, 1, NS_OK, NO, PIECES, W_CURV, ANY, ANY, ANY, 0, d2_cos, "f''" },
  { "x^3", 0, 2, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "f'' >= 0" },
  { "x^3", -1, 2, NS_OK, NO, PIECES, W_CURV, ANY, ANY, ANY, 0, d2_cube, "f''" },
  { "abs(x)*exp(x)", -3, 3, NS_OK, NO, PIECES, W_CURV, ANY, ANY, ANY, 0, d2_absexp, "f''" },
  /* e^|x| - c|x| at 0: slopes c... -1 + c on the left, 1 - c on the right. */
  { "exp(abs(x)) - 0.9*abs(x)", -1, 1, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "1 breakpoint" },
  { "exp(abs(x)) - 1.1*abs(x)", -1, 1, NS_OK, NO, PIECES, W_DROP, 0, 0.1, -0.1, 1e-15, NULL, "slope drops" },
  /* relu(x)^2 - relu(x): slopes 0 and -1 at 0. */
  { "relu(x)^2 - relu(x)", -1, 1, NS_OK, NO, PIECES, W_DROP, 0, 0, -1, 0, NULL, "slope drops" },
  /* Piecewise linear on a range: only the breakpoints inside count. */
  { "relu(x) - 2*relu(x - 1)", -1, 0.5, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "in the range" },
  { "relu(x) - 2*relu(x - 1)", 0.5, 2, NS_OK, NO, PIECES, W_DROP, 1, 1, -1, 0, NULL, "slope drops" },
  { "-abs(x)", 0.5, 1, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "0 breakpoints" },
  /* Jumps: inside, any; f(a) < f(a+) at the start; an upward jump at the
     end (f(0) = 1 > f(0-) = 0) is allowed. */
  { "heaviside(x)", -1, 1, NS_OK, NO, PIECES, W_JUMP, 0, 0, 0.5, 0, NULL, "jumps" },
  { "x^2 + heaviside(x, 0)", 0, 1, NS_OK, NO, PIECES, W_JUMP, 0, 0, 1, 0, NULL, "jumps" },
  { "x^2 + heaviside(x, 1)", -1, 0, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "f'' >= 0" },
  { "floor(x)", 0.5, 3, NS_OK, NO, PIECES, W_JUMP, 1, 0, 1, 0, NULL, "jumps" },
  /* x relu(x) is 0 left of 0 and x^2 right of it: f'' = 2 H(x) is 2 * 0,
     exactly 0, on the left (an exact product is not rounded outward). */
  { "x*relu(x)", -1, 1, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "f'' >= 0" },
  /* x^2 + x|x - 1| is x left of 1 and 2 x^2 - x right of it: f'' = 2 +
     2 sign(x - 1) is 2 - 2, exactly 0, on the left (an exact sum). */
  { "x^2 + x*abs(x - 1)", -2, 3, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "1 breakpoint" },
  /* min(sin x, |x|) = sin x for x < -1, so f = x sin^3 x there: f'' is
     -93.3 at -64 and +95.1 at -63.53 (mpmath).  The witness must lie
     where the hand-derived f'' is negative: the slope enclosure of min
     once took the derivative of the argument not selected (-1 instead of
     cos x) and claimed f'' <= -35 on all of [-64, -63.06]. */
  { "x*min(sin(x), abs(x))^3", -64, -63, NS_OK, NO, PIECES, W_CURV, ANY, ANY, ANY, 0, d2_xsin3, "f''" },
  /* f = log(1 + E^2), E = exp(e^(x - 2)/4): f'' is about e^(x - 2)/2 > 0,
     but the terms of the tree f'' overflow near 8.55.  An overflowed
     enclosure bound once stayed +inf as a lower bound and gave the
     witness f'' <= -inf; now it is DBL_MAX, and the answer is unknown. */
  { "log(1 + exp(exp((x - 2)/4)^4/4)^2)", 8, 9, NS_OK, UNK, NONE, W_NONE, ANY, ANY, ANY, 0, NULL, "not certified" },
  /* (1 - H(x^4))^2 is 0 except f(0) = 1/4 (H(0) = 1/2): not convex, but
     x^4 only touches 0, which the breakpoint search does not list. */
  { "(1 - heaviside(x^4))^2", -1, 1, NS_OK, UNK, NONE, W_NONE, ANY, ANY, ANY, 0, NULL, "touches its level" },
  /* x H(x) = relu(x): the step at 0 is multiplied by 0 there. */
  { "x*heaviside(x)", -1, 1, NS_OK, YES, PIECES, W_NONE, ANY, ANY, ANY, 0, NULL, "f'' >= 0" },
  /* -sqrt(x) is convex on [0, 1], but f'' = x^(-3/2)/4 is unbounded at 0:
     no enclosure reaches the end (a limit of the method). */
  { "-sqrt(x)", 0, 1, NS_OK, UNK, NONE, W_NONE, ANY, ANY, ANY, 0, NULL, "not certified" },
  { "log(x)", -1, 1, NS_EDOM, UNK, NONE, W_NONE, ANY, ANY, ANY, 0, NULL, "undefined" },
};

static ns_function *
parse (const char *expr)
{
  ns_function *f = NULL;
  ck_assert_msg (ns_fn_parse (expr, &f, NULL) == NS_OK, "parse %s", expr);
  return f;
}

static double
value (const ns_function *f, double x)
{
  ns_result r;
  ck_assert_int_eq (ns_fn_eval (f, x, &r), NS_OK);
  return r.val;
}

static void
check_number (const cvx_case *c, const char *what, double got, double want)
{
  if (isnan (want))
    return;
  /* got == want first: an infinite slope equals itself, inf - inf does not. */
  ck_assert_msg (got == want || fabs (got - want) <= c->tol, "%s on [%g, %g]: %s %.17g, want %.17g",
                 c->expr, c->a, c->b, what, got, want);
}

START_TEST (test_table)
{
  const cvx_case *c = &cases[_i];
  ns_function *f = parse (c->expr);
  ns_convexity_report r;
  ns_status st = ns_fn_convexity_on (f, c->a, c->b, &r);
  ck_assert_msg (st == c->status && (int) r.answer == (int) c->answer && r.method == c->method
                 && r.witness == c->witness,
                 "%s on [%g, %g]: status %s, answer %d, method %d, witness %d: %s", c->expr,
                 c->a, c->b, ns_strerror (st), r.answer, r.method, r.witness, r.reason);
  ck_assert_msg (strstr (r.reason, c->reason_part) != NULL, "%s: reason '%s' lacks '%s'",
                 c->expr, r.reason, c->reason_part);
  ck_assert (r.a == c->a && r.b == c->b);
  if (c->witness == W_NONE)
    ck_assert (isnan (r.x));
  check_number (c, "x", r.x, c->x);
  check_number (c, "lo", r.lo, c->lo);
  check_number (c, "hi", r.hi, c->hi);
  switch (c->witness)
    {
    case W_DROP:
      /* A drop, or (the manual's other case) an infinite one-sided slope. */
      ck_assert ((r.value < 0 && r.value == r.hi - r.lo) || isinf (r.lo) || isinf (r.hi));
      break;
    case W_JUMP:
      ck_assert (r.value == r.hi - r.lo && r.value != 0);
      break;
    case W_CURV:
      {
        /* An interval inside the range on which the hand-derived f'' stays
           below the reported bound, itself negative. */
        ck_assert (c->a <= r.lo && r.lo < r.hi && r.hi <= c->b && r.value < 0);
        ck_assert (r.x == r.lo + (r.hi - r.lo) / 2);
        for (int k = 0; k <= 64; k++)
          {
            double t = k == 64 ? r.hi : r.lo + (r.hi - r.lo) * k / 64;
            ck_assert_msg (c->d2 (t) <= r.value, "%s: f''(%.17g) = %g above the bound %g",
                           c->expr, t, c->d2 (t), r.value);
          }
        ck_assert (r.nboxes > 0);
        break;
      }
    default:
      break;
    }
  ns_fn_free (f);
}
END_TEST

/* The same answers by evaluation: second differences f(x-h) + f(x+h) -
   2 f(x) are h times the slope change at a kink x of a piecewise-linear
   function with no other kink within h, and never negative (beyond
   rounding) on a grid for a convex one. */
START_TEST (test_second_differences)
{
  const double h = 1.0 / 1024;
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      const cvx_case *c = &cases[i];
      if (!isinf (c->a) || c->method != NS_CONVEX_BY_PIECES)
        continue;
      ns_function *f = parse (c->expr);
      ns_convexity_report r;
      ck_assert_int_eq (ns_fn_convexity_on (f, c->a, c->b, &r), NS_OK);
      if (r.answer == NS_CONVEX_NO && r.witness == NS_CONVEX_WITNESS_SLOPE_DROP)
        {
          double sd = value (f, r.x - h) + value (f, r.x + h) - 2 * value (f, r.x);
          ck_assert_msg (fabs (sd - h * r.value) <= 1e-12, "%s: second difference %g, want %g",
                         c->expr, sd, h * r.value);
        }
      else if (r.answer == NS_CONVEX_NO)
        {
          /* f'' <= value on [x - h, x + h] (inside the witness interval):
             the second difference is h^2 f''(xi) <= h^2 value. */
          ck_assert (r.witness == NS_CONVEX_WITNESS_CURVATURE && r.hi - r.lo >= 2 * h);
          double sd = value (f, r.x - h) + value (f, r.x + h) - 2 * value (f, r.x);
          ck_assert_msg (sd <= h * h * r.value + 1e-12, "%s: second difference %g above %g",
                         c->expr, sd, h * h * r.value);
        }
      else
        for (double x = -6; x <= 6; x += 0.125)
          {
            double sd = value (f, x - h) + value (f, x + h) - 2 * value (f, x);
            ck_assert_msg (sd >= -1e-12, "%s: second difference %g at %g", c->expr, sd, x);
          }
      ns_fn_free (f);
    }
}
END_TEST

/* ns_fn_convexity is the whole-line answer: certified iff YES. */
START_TEST (test_agrees_with_convexity)
{
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      const cvx_case *c = &cases[i];
      if (!isinf (c->a))
        continue;
      ns_function *f = parse (c->expr);
      ns_convexity_report r;
      int cert = -1;
      char reason[sizeof r.reason];
      ck_assert_int_eq (ns_fn_convexity_on (f, c->a, c->b, &r), NS_OK);
      ns_status st = ns_fn_convexity (f, &cert, reason, sizeof reason);
      ck_assert_int_eq (cert, r.answer == NS_CONVEX_YES);
      ck_assert_int_eq (st, cert ? NS_OK : NS_ENOTCONVEX);
      ck_assert_str_eq (reason, r.reason);
      ns_fn_free (f);
    }
}
END_TEST

/* The convex subdifferential uses the piecewise certificate: relu(x) -
   relu(-x)/2 at 0 has slopes 1/2 and 1, so [1/2, 1]; only the whole-line
   certificate counts, so -|x| stays "not convex" even though it is convex
   on [0.5, 1]. */
START_TEST (test_subdiff_convex_kind)
{
  ns_function *f = parse ("relu(x) - relu(-x)/2");
  ns_set s, ref;
  int eq = 0;
  ck_assert_int_eq (ns_subdiff (f, 0, NS_SUBDIFF_CONVEX, &s), NS_OK);
  ck_assert_int_eq (ns_set_interval (0.5, 1, &ref), NS_OK);
  ck_assert_int_eq (ns_set_equal (&s, &ref, 0, 0, &eq), NS_OK);
  ck_assert (eq);
  ns_fn_free (f);
  f = parse ("-abs(x)");
  ck_assert_int_eq (ns_subdiff (f, 0.75, NS_SUBDIFF_CONVEX, &s), NS_ENOTCONVEX);
  ck_assert_int_eq (ns_set_point (-1, &ref), NS_OK);
  ck_assert_int_eq (ns_set_equal (&s, &ref, 0, 0, &eq), NS_OK);
  ck_assert (eq);
  ns_fn_free (f);
}
END_TEST

/* A constant factor takes the sign of its exact value, not of its double:
   (1 + 1e-16) - 1 is 0 in doubles but 1e-16 (the double nearest it, > 0)
   exactly, so -(1 + 1e-16 - 1)*x^2 = -1e-16 x^2 is concave (at x = +-1
   it is -1e-16, at 0 it is 0, above the chord) and its convex
   subdifferential is refused, while (1 + 1e-16 - 1)*x^2 is convex; (1 - 1)
   is exactly 0, so -(1 - 1)*x^2 is the constant 0. */
START_TEST (test_constant_sign_exact)
{
  static const struct { const char *expr; ns_status st; } signs[] = {
    { "-(1 + 1e-16 - 1)*x^2", NS_ENOTCONVEX },
    { "(1 + 1e-16 - 1)*x^2", NS_OK },
    { "-(1 - 1)*x^2", NS_OK },
  };
  for (size_t i = 0; i < sizeof signs / sizeof signs[0]; i++)
    {
      ns_function *f = parse (signs[i].expr);
      ns_set s;
      ns_status st = ns_subdiff (f, 1, NS_SUBDIFF_CONVEX, &s);
      ck_assert_msg (st == signs[i].st, "%s: %s", signs[i].expr, ns_strerror (st));
      ns_fn_free (f);
    }
}
END_TEST

START_TEST (test_bad_input)
{
  ns_function *f = parse ("relu(x)");
  ns_convexity_report r;
  ck_assert_int_eq (ns_fn_convexity_on (NULL, 0, 1, &r), NS_EINVAL);
  ck_assert_int_eq (r.answer, NS_CONVEX_UNKNOWN);
  ck_assert_str_eq (r.reason, "invalid argument");
  ck_assert_int_eq (ns_fn_convexity_on (f, 0, 1, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_fn_convexity_on (f, NAN, 1, &r), NS_EINVAL);
  ck_assert_int_eq (ns_fn_convexity_on (f, 0, NAN, &r), NS_EINVAL);
  ck_assert_int_eq (ns_fn_convexity_on (f, 1, 1, &r), NS_EINVAL);
  ck_assert_int_eq (ns_fn_convexity_on (f, 2, 1, &r), NS_EINVAL);
  ck_assert_int_eq (ns_fn_convexity_on (f, -INFINITY, 1, &r), NS_EINVAL);
  ck_assert_int_eq (ns_fn_convexity_on (f, 0, INFINITY, &r), NS_EINVAL);
  ck_assert_int_eq (ns_fn_convexity_on (f, INFINITY, -INFINITY, &r), NS_EINVAL);
  ck_assert_int_eq (r.answer, NS_CONVEX_UNKNOWN);
  ck_assert (isnan (r.x));
  ns_fn_free (f);
  /* A tree with more kinks than the breakpoint bound on a range. */
  f = parse ("abs(sin(1000*x))");
  ck_assert_int_eq (ns_fn_convexity_on (f, 0, 100, &r), NS_ELIMIT);
  ck_assert_int_eq (r.answer, NS_CONVEX_UNKNOWN);
  ns_fn_free (f);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("convexity");
  TCase *core = tcase_create ("core");
  tcase_set_timeout (core, 60);
  tcase_add_loop_test (core, test_table, 0, sizeof cases / sizeof cases[0]);
  tcase_add_test (core, test_second_differences);
  tcase_add_test (core, test_agrees_with_convexity);
  tcase_add_test (core, test_subdiff_convex_kind);
  tcase_add_test (core, test_constant_sign_exact);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad_input);
  suite_add_tcase (s, limits);
  return s;
}
