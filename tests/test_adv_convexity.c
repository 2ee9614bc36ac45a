/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_adv_convexity.c: convexity on the whole line where it is
   decidable, against answers derived by hand: the composition rules
   (products of nonnegative convex factors monotone in the same direction,
   powers and absolute values of functions with convex |h|), the end pieces
   of piecewise-smooth functions proved from their Taylor coefficients or
   interval enclosures, witnesses of non-convexity checked against the
   hand-derived f'', "not certified" where neither decides, and the convex
   subdifferential of the newly certified functions. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

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

typedef struct adv_case {
  const char *expr;
  ans answer;
  ns_convex_method method;
  ns_convex_witness witness;
  second_deriv d2;          /* CURVATURE: the hand-derived f'' */
  const char *reason_part;
} adv_case;

static const adv_case cases[] = {
  /* ---- Convex by the rules. */
  /* e^x relu(x): both factors >= 0, convex, nondecreasing. */
  { "exp(x)*relu(x)", YES, RULES, W_NONE, NULL, "product of nonnegative convex factors" },
  /* e^-x relu(-x): both factors >= 0, convex, nonincreasing. */
  { "exp(-x)*relu(-x)", YES, RULES, W_NONE, NULL, "monotone in the same direction" },
  /* Three rising factors: (relu(x) relu(x - 1)) is itself a rising
     nonnegative convex product. */
  { "relu(x)*relu(x - 1)*exp(x)", YES, RULES, W_NONE, NULL, "product of nonnegative convex factors" },
  /* A sum of rising functions rises: (relu(x) + e^x) e^(3x). */
  { "(relu(x) + exp(x))*exp(3*x)", YES, RULES, W_NONE, NULL, "product of nonnegative convex factors" },
  /* relu(x)^2 rises (a power of a nonnegative rising base). */
  { "relu(x)^2*exp(x)", YES, RULES, W_NONE, NULL, "product of nonnegative convex factors" },
  /* |x^3| = |x|^3, a power >= 1 of the nonnegative convex |x|. */
  { "abs(x^3)", YES, RULES, W_NONE, NULL, "absolute value of a function with convex |h|" },
  /* (x^3)^2 = |x|^6. */
  { "(x^3)^2", YES, RULES, W_NONE, NULL, "even power of a function with convex |h|" },
  /* |-2 (x - 1)^3| = 2 |x - 1|^3. */
  { "abs(-2*(x - 1)^3)", YES, RULES, W_NONE, NULL, "absolute value" },
  /* |x|^3 and |x - 3|^5 / 120: powers of nonnegative convex functions. */
  { "abs(x)^3", YES, RULES, W_NONE, NULL, "power of a nonnegative convex function" },
  { "abs(x - 3)^5/120", YES, RULES, W_NONE, NULL, "constant multiple" },
  /* (x^2 + 1)^3: x^2 + 1 >= 0 is convex. */
  { "(x^2 + 1)^3", YES, RULES, W_NONE, NULL, "power of a nonnegative convex function" },
  /* |e^x + 1| = e^x + 1. */
  { "abs(exp(x) + 1)", YES, RULES, W_NONE, NULL, "abs of a nonnegative convex function" },
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

START_TEST (test_table)
{
  const adv_case *c = &cases[_i];
  ns_function *f = parse (c->expr);
  ns_convexity_report r;
  ns_status st = ns_fn_convexity_on (f, -INFINITY, INFINITY, &r);
  ck_assert_msg (st == NS_OK && (int) r.answer == (int) c->answer && r.method == c->method
                 && r.witness == c->witness,
                 "%s: status %s, answer %d, method %d, witness %d: %s", c->expr,
                 ns_strerror (st), r.answer, r.method, r.witness, r.reason);
  ck_assert_msg (strstr (r.reason, c->reason_part) != NULL, "%s: reason '%s' lacks '%s'",
                 c->expr, r.reason, c->reason_part);
  ck_assert (isinf (r.a) && r.a < 0 && isinf (r.b) && r.b > 0);
  if (c->answer == UNK)
    ck_assert_msg (strstr (r.reason, "not certified") != NULL, "%s: %s", c->expr, r.reason);

  /* ns_fn_convexity gives the same answer. */
  int cert = -1;
  char reason[sizeof r.reason];
  ns_status st2 = ns_fn_convexity (f, &cert, reason, sizeof reason);
  ck_assert_int_eq (cert, c->answer == YES);
  ck_assert_int_eq (st2, cert ? NS_OK : NS_ENOTCONVEX);
  ck_assert_str_eq (reason, r.reason);

  switch (c->witness)
    {
    case W_NONE:
      ck_assert (isnan (r.x));
      if (c->answer == YES)
        {
          /* Second differences of a convex function are >= 0 (up to the
             rounding of the three values, relative to their size). */
          const double h = 1.0 / 64;
          for (double x = -8; x <= 8; x += 0.0625)
            {
              double fm = value (f, x - h), f0 = value (f, x), fp = value (f, x + h);
              double sd = fm + fp - 2 * f0;
              ck_assert_msg (sd >= -1e-12 * (fabs (fm) + fabs (fp) + 2 * fabs (f0) + 1),
                             "%s: second difference %g at %g", c->expr, sd, x);
            }
        }
      break;
    case W_CURV:
      {
        /* The hand-derived f'' stays below the reported negative bound on
           the witness interval (a single point for an end piece). */
        ck_assert (r.value < 0 && r.lo <= r.x && r.x <= r.hi && isfinite (r.lo)
                   && isfinite (r.hi));
        for (int k = 0; k <= 64; k++)
          {
            double t = k == 64 ? r.hi : r.lo + (r.hi - r.lo) * k / 64;
            ck_assert_msg (c->d2 (t) <= r.value, "%s: f''(%.17g) = %g above the bound %g",
                           c->expr, t, c->d2 (t), r.value);
          }
        break;
      }
    case W_DROP:
      ck_assert (r.value < 0 && r.value == r.hi - r.lo);
      break;
    case W_JUMP:
      {
        /* f at the point differs from a one-sided limit. */
        ck_assert (r.value == r.hi - r.lo && r.value != 0);
        double l, rt;
        ck_assert_int_eq (ns_fn_deriv_side (f, r.x, NS_LEFT, 0, &l), NS_OK);
        ck_assert_int_eq (ns_fn_deriv_side (f, r.x, NS_RIGHT, 0, &rt), NS_OK);
        ck_assert (l != value (f, r.x) || rt != value (f, r.x));
        break;
      }
    default:
      break;
    }
  ns_fn_free (f);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("adv_convexity");
  TCase *core = tcase_create ("core");
  tcase_set_timeout (core, 60);
  tcase_add_loop_test (core, test_table, 0, sizeof cases / sizeof cases[0]);
  suite_add_tcase (s, core);
  return s;
}

