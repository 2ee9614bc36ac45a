/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_multi.c: functions of several variables.  Values and
   directional derivatives against hand-derived closed forms (the examples
   of doc/multi.texi, each derivation beside its case), the same
   directional derivatives through the one-variable API on the restriction
   written out as text by hand, gradients against mpmath references, the
   one-variable case unchanged, and bad input. */
#include <config.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

/* A reference computed in doubles (10.0/21, or a sum of a few exact
   terms) is itself off by up to an ulp of its size: the one named slack of
   this file. */
#define REF_SLACK(r) (2 * DBL_EPSILON * fabs (r))

/* The bound of a directional derivative is a slope enclosure of the
   smooth selection at the point: for these sums of a few exact terms it
   is a handful of ulps.  64 ulps of 1 + |ref| says "tight", not the
   spread of the slopes at a kink (>= 0.5 in every case below). */
#define TIGHT(r) (64 * DBL_EPSILON * (1 + fabs (r)))

static ns_mfn *
parse_ok (const char *text, int n)
{
  ns_mfn *f = NULL;
  ns_parse_error e;
  ns_status st = ns_mfn_parse (text, n, &f, &e);
  ck_assert_msg (st == NS_OK, "%s: %s (column %d)", text, e.text, e.column);
  return f;
}

/* ---- evaluation */

typedef struct eval_case {
  const char *text;
  int n;               /* as passed to ns_mfn_parse */
  int nvars;           /* expected ns_mfn_nvars */
  double x[16];
  double ref;          /* closed form, or mpmath (30 digits) where noted */
} eval_case;

static const eval_case eval_cases[] = {
  /* 1 + 2*2 - 3*3 */
  { "x + 2*y - 3*z", 0, 3, { 1, 2, 3 }, -4 },
  /* |1| + |-2| + |0.5| */
  { "abs(x) + abs(y) + abs(z)", 0, 3, { 1, -2, 0.5 }, 3.5 },
  /* y alone is a function of (x, y) */
  { "y^2", 0, 2, { 7, 3 }, 9 },
  /* x1 * x2 + x16 at x_i = i: 2 + 16 */
  { "x1*x2 + x16", 0, 16, { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 }, 18 },
  /* declared n larger than used */
  { "x1 - x2", 5, 5, { 4, 1, 0, 0, 9 }, 3 },
  /* max(x + y, x - y, -x) at (-1, 0.25): max(-0.75, -1.25, 1) */
  { "max(max(x + y, x - y), -x)", 0, 2, { -1, 0.25 }, 1 },
  /* min(x, y) */
  { "min(x, y)", 0, 2, { 2, -3 }, -3 },
  /* relu(x + y - 1) on its kink line */
  { "relu(x + y - 1)", 0, 2, { 0.25, 0.75 }, 0 },
  /* 1/3 + 1/7 = 10/21 */
  { "x/3 + y/7", 0, 2, { 1, 1 }, 10.0 / 21.0 },
  /* mpmath: exp(mpf(0.5))*sin(1) = 1.38735111132976335569713883794 */
  { "exp(x)*sin(y)", 0, 2, { 0.5, 1 }, 1.38735111132976335569713883794 },
};

START_TEST (test_eval)
{
  const eval_case *c = &eval_cases[_i];
  ns_mfn *f = parse_ok (c->text, c->n);
  ck_assert_int_eq (ns_mfn_nvars (f), c->nvars);
  ns_result r;
  ck_assert_int_eq (ns_mfn_eval (f, c->x, &r), NS_OK);
  ck_assert_msg (fabs (r.val - c->ref) <= r.err + REF_SLACK (c->ref),
                 "%s: %.17g, expected %.17g (err %g)", c->text, r.val, c->ref, r.err);
  ns_mfn_free (f);
}
END_TEST

/* ---- directional derivatives, derived by hand */

typedef struct dir_case {
  const char *text;
  double x[3];
  double d[3];
  ns_status status;
  double ref;          /* f'(x; d), or the sign of the infinity for NS_ERANGE */
  int unbounded;       /* err may be +inf: the slope enclosure is (sqrt at 0) */
} dir_case;

static const dir_case dir_cases[] = {
  /* ||x||_1 in R^3 at 0: f'(0; d) = |d1| + |d2| + |d3|. */
  { "abs(x) + abs(y) + abs(z)", { 0, 0, 0 }, { 1, -2, 0.5 }, NS_OK, 3.5, 0 },
  { "abs(x) + abs(y) + abs(z)", { 0, 0, 0 }, { -1, 0, 0 }, NS_OK, 1, 0 },
  /* max(x + y, x - y, -x) at 0: f'(0; d) = max(d1 + d2, d1 - d2, -d1). */
  { "max(max(x + y, x - y), -x)", { 0, 0 }, { 1, 0 }, NS_OK, 1, 0 },
  { "max(max(x + y, x - y), -x)", { 0, 0 }, { -1, 0 }, NS_OK, 1, 0 },
  { "max(max(x + y, x - y), -x)", { 0, 0 }, { 1, 2 }, NS_OK, 3, 0 },
  { "max(max(x + y, x - y), -x)", { 0, 0 }, { -2, 1 }, NS_OK, 2, 0 },
  /* max(|x|, |y|) at 0: max(|d1|, |d2|). */
  { "max(abs(x), abs(y))", { 0, 0 }, { 1, -3 }, NS_OK, 3, 0 },
  { "max(abs(x), abs(y))", { 0, 0 }, { -0.5, 0.25 }, NS_OK, 0.5, 0 },
  /* min(x, y) at 0: min(d1, d2). */
  { "min(x, y)", { 0, 0 }, { 1, 2 }, NS_OK, 1, 0 },
  { "min(x, y)", { 0, 0 }, { -1, 2 }, NS_OK, -1, 0 },
  /* |x| + |y| at (0, 1): |d1| + d2. */
  { "abs(x) + abs(y)", { 0, 1 }, { -2, -1 }, NS_OK, 1, 0 },
  { "abs(x) + abs(y)", { 0, 1 }, { 2, 1 }, NS_OK, 3, 0 },
  /* relu(x + y - 1) at (0.5, 0.5) on the kink line: relu(d1 + d2). */
  { "relu(x + y - 1)", { 0.5, 0.5 }, { 1, 1 }, NS_OK, 2, 0 },
  { "relu(x + y - 1)", { 0.5, 0.5 }, { -1, 0.5 }, NS_OK, 0, 0 },
  { "relu(x + y - 1)", { 0.5, 0.5 }, { 1, -1 }, NS_OK, 0, 0 },
  /* min(|x|, |y|) at 0: min(|d1|, |d2|). */
  { "min(abs(x), abs(y))", { 0, 0 }, { 3, -2 }, NS_OK, 2, 0 },
  /* The Euclidean norm at 0: sqrt(t^2 (d1^2 + d2^2)) = 5 t for d = (3, 4). */
  { "sqrt(x^2 + y^2)", { 0, 0 }, { 3, 4 }, NS_OK, 5, 1 },
  /* Smooth: x*y at (2, 3) along (1, -1): y d1 + x d2 = 3 - 2. */
  { "x*y", { 2, 3 }, { 1, -1 }, NS_OK, 1, 0 },
  /* The zero direction gives 0. */
  { "abs(x) + y", { 0, 0 }, { 0, 0 }, NS_OK, 0, 0 },
  /* A jump along the ray: heaviside(x - y) at (1, 1) is 1/2; the right
     limit along (1, 0) is 1, along (0, 1) it is 0. */
  { "heaviside(x - y)", { 1, 1 }, { 1, 0 }, NS_ERANGE, 1, 0 },
  { "heaviside(x - y)", { 1, 1 }, { 0, 1 }, NS_ERANGE, -1, 0 },
  /* 0.1 + 0.2 - 0.3 evaluates to 5.55e-17 in doubles, within its rounding
     bound of 0, but the exact value of the three doubles is
     +2.7755575615628914e-17 (Python's fractions.Fraction): the certified
     decision puts the point inside heaviside's region 1, so the one-sided
     derivative along the ray is 0. */
  { "heaviside(x + y - 0.3)", { 0.1, 0.2 }, { 1, 0 }, NS_OK, 0, 0 },
  /* An infinite slope: sqrt(|x|) + y at 0 along (1, 0). */
  { "sqrt(abs(x)) + y", { 0, 0 }, { 1, 0 }, NS_ERANGE, 1, 0 },
  /* Not defined on the ray: log(x) + y at (0, 1). */
  { "log(x) + y", { 0, 1 }, { 1, 0 }, NS_EDOM, 0, 0 },
};

START_TEST (test_dirderiv)
{
  const dir_case *c = &dir_cases[_i];
  ns_mfn *f = parse_ok (c->text, 0);
  ns_result r;
  ns_status st = ns_mfn_dirderiv (f, c->x, c->d, &r);
  ck_assert_msg (st == c->status, "%s along (%g, %g, %g): %s, expected %s", c->text,
                 c->d[0], c->d[1], c->d[2], ns_strerror (st), ns_strerror (c->status));
  if (st == NS_OK)
    ck_assert_msg (fabs (r.val - c->ref) <= r.err && (c->unbounded || r.err <= TIGHT (c->ref)),
                   "%s along (%g, %g, %g): %.17g, expected %.17g (err %g)", c->text,
                   c->d[0], c->d[1], c->d[2], r.val, c->ref, r.err);
  else if (st == NS_ERANGE)
    ck_assert (r.val == c->ref * HUGE_VAL);
  ns_mfn_free (f);
}
END_TEST

/* ---- the same directional derivatives through the one-variable API */

/* Writes TEXT with each variable x, y, z replaced by "(a + b*x)", the
   line x_i + d_i t written by hand with t as the one-variable x. */
static void
line_text (const char *text, const double *x, const double *d, char *out, size_t size)
{
  size_t k = 0;
  for (const char *s = text; *s != '\0';)
    {
      if (isalpha ((unsigned char) *s))
        {
          const char *e = s;
          while (isalnum ((unsigned char) *e) || *e == '_')
            e++;
          int var = e - s == 1 && (*s == 'x' || *s == 'y' || *s == 'z') ? *s - 'x' : -1;
          if (var >= 0)
            k += snprintf (out + k, size - k, "(%.17g + %.17g*x)", x[var], d[var]);
          else
            k += snprintf (out + k, size - k, "%.*s", (int) (e - s), s);
          s = e;
        }
      else
        k += snprintf (out + k, size - k, "%c", *s++);
      ck_assert (k < size);
    }
}

typedef struct line_case {
  const char *text;
  double x[3];
  double d[3];
} line_case;

static const line_case line_cases[] = {
  { "max(max(x + y, x - y), -x)", { 0.3, -0.2 }, { 1, 2 } },
  { "max(max(x + y, x - y), -x)", { 0, 0 }, { -2, 1 } },
  { "abs(x) + abs(y) + abs(z)", { 0, 0.7, -1.25 }, { -1, 0.5, 3 } },
  { "exp(x)*cos(y) + relu(x - y)", { 0.3, -0.2 }, { 2.385, -1.5 } },
  { "min(abs(x), abs(y)) + x*y*z", { 0.5, -0.5, 2 }, { 1, 1, -1 } },
  { "relu(x + y - 1)^2 + sin(x)", { 0.5, 0.5 }, { 1, 0.25 } },
  { "leaky_relu(x - 2*y, 0.125) + clamp(z, -1, 1)", { 2, 1, 1 }, { -1, 0.5, 1 } },
};

START_TEST (test_against_line)
{
  const line_case *c = &line_cases[_i];
  ns_mfn *f = parse_ok (c->text, 0);
  char text[1024];
  line_text (c->text, c->x, c->d, text, sizeof text);
  ns_function *h = NULL;
  ns_parse_error e;
  ck_assert_msg (ns_fn_parse (text, &h, &e) == NS_OK, "%s: %s", text, e.text);
  /* f'(x; d) is the right derivative at 0 of t -> f(x + t d). */
  double ref;
  ck_assert_int_eq (ns_fn_deriv_side (h, 0.0, NS_RIGHT, 1, &ref), NS_OK);
  ns_result r;
  ck_assert_int_eq (ns_mfn_dirderiv (f, c->x, c->d, &r), NS_OK);
  ck_assert_msg (fabs (r.val - ref) <= r.err && r.err <= TIGHT (ref),
                 "%s: %.17g vs %.17g (err %g)", text, r.val, ref, r.err);
  /* f'(x; -d) is minus the left derivative. */
  double md[3] = { -c->d[0], -c->d[1], -c->d[2] };
  ck_assert_int_eq (ns_fn_deriv_side (h, 0.0, NS_LEFT, 1, &ref), NS_OK);
  ck_assert_int_eq (ns_mfn_dirderiv (f, c->x, md, &r), NS_OK);
  ck_assert_msg (fabs (r.val + ref) <= r.err, "%s: %.17g vs -%.17g (err %g)", text, r.val,
                 ref, r.err);
  /* Values along the line: the restriction and the hand-written text
     agree within their two bounds. */
  ns_function *g = NULL;
  ck_assert_int_eq (ns_mfn_restrict (f, c->x, c->d, &g), NS_OK);
  for (double t = -1; t <= 1; t += 0.375)
    {
      ns_result a, b;
      ck_assert_int_eq (ns_fn_eval (g, t, &a), NS_OK);
      ck_assert_int_eq (ns_fn_eval (h, t, &b), NS_OK);
      ck_assert_msg (fabs (a.val - b.val) <= a.err + b.err, "%s at t = %g", text, t);
    }
  /* and at t = 0 with ns_mfn_eval */
  ns_result a, b;
  ck_assert_int_eq (ns_mfn_eval (f, c->x, &a), NS_OK);
  ck_assert_int_eq (ns_fn_eval (h, 0.0, &b), NS_OK);
  ck_assert (fabs (a.val - b.val) <= a.err + b.err);
  ns_fn_free (g);
  ns_fn_free (h);
  ns_mfn_free (f);
}
END_TEST

/* ---- the one-variable case */

START_TEST (test_one_variable)
{
  /* relu as n = 1, both from text and from an ns_function: f'(0; 1) = 1,
     f'(0; -1) = 0, f'(0; 2) = 2, the one-sided derivatives of relu at 0. */
  ns_function *r = ns_fn_relu (ns_fn_x ());
  ns_mfn *a = NULL;
  ck_assert_int_eq (ns_mfn_from_fn (r, &a), NS_OK);
  ns_mfn *b = parse_ok ("relu(x)", 0);
  ck_assert_int_eq (ns_mfn_nvars (a), 1);
  ck_assert_int_eq (ns_mfn_nvars (b), 1);
  const double x0 = 0, dirs[3] = { 1, -1, 2 }, refs[3] = { 1, 0, 2 };
  for (int k = 0; k < 3; k++)
    {
      ns_result ra, rb;
      ck_assert_int_eq (ns_mfn_dirderiv (a, &x0, &dirs[k], &ra), NS_OK);
      ck_assert_int_eq (ns_mfn_dirderiv (b, &x0, &dirs[k], &rb), NS_OK);
      ck_assert (fabs (ra.val - refs[k]) <= ra.err);
      ck_assert (fabs (rb.val - refs[k]) <= rb.err);
    }
  ns_result g;
  ck_assert_int_eq (ns_mfn_gradient (a, &x0, &g), NS_UNDEFINED);
  const double x1 = 2.5;
  ck_assert_int_eq (ns_mfn_gradient (a, &x1, &g), NS_OK);
  ck_assert (fabs (g.val - 1) <= g.err);
  ns_fn_free (r);
  ns_mfn_free (a);
  ns_mfn_free (b);
  /* The one-variable parser still knows only x. */
  ns_function *h = NULL;
  ck_assert_int_eq (ns_fn_parse ("x + y", &h, NULL), NS_EPARSE);
  ck_assert_ptr_null (h);
}
END_TEST

/* ---- gradients */

typedef struct grad_case {
  const char *text;
  double x[3];
  ns_status status;
  double ref[3];
} grad_case;

static const grad_case grad_cases[] = {
  /* (y, x, e^z) at (2, 3, 0) */
  { "x*y + exp(z)", { 2, 3, 0 }, NS_OK, { 3, 2, 1 } },
  /* mpmath at x = mpf(0.3), y = mpf(-0.2): (e^x cos y, -e^x sin y) */
  { "exp(x)*cos(y)", { 0.3, -0.2 }, NS_OK,
    { 1.32295150210987243687026428366, 0.268175545968943856706706750631 } },
  /* Off the kink line relu(x + y - 1) is x + y - 1. */
  { "relu(x + y - 1)", { 2, 2 }, NS_OK, { 1, 1 } },
  /* On it the partial along x does not exist. */
  { "relu(x + y - 1)", { 0.5, 0.5 }, NS_UNDEFINED, { 0 } },
  { "abs(x) + abs(y)", { 0, 1 }, NS_UNDEFINED, { 0 } },
  { "sqrt(x^2 + y^2)", { 0, 0 }, NS_UNDEFINED, { 0 } },
  /* Both partials are 0, and max(min(x, y), 0) is not differentiable at
     0 (its derivative along (1, 1) is 1): the limiting gradients (0, 0),
     (1, 0), (0, 1) differ. */
  { "max(min(x, y), 0)", { 0, 0 }, NS_UNDEFINED, { 0, 0 } },
  /* relu(x)*relu(y) has an active kink at 0 but one limiting gradient,
     (0, 0): differentiable. */
  { "relu(x)*relu(y)", { 0, 0 }, NS_OK, { 0, 0 } },
  /* relu(x)^2 + y at 0: one limiting gradient (0, 1). */
  { "relu(x)^2 + y", { 0, 0 }, NS_OK, { 0, 1 } },
  /* In three variables: relu(x)*relu(y) + z has the one limiting
     gradient (0, 0, 1) at 0 (the product's gradient is 0 on every cell):
     differentiable. */
  { "relu(x)*relu(y) + z", { 0, 0, 0 }, NS_OK, { 0, 0, 1 } },
  /* max(min(x, y), 0) + z: partials (0, 0, 1) exist, but the limiting
     gradients (0, 0, 1), (1, 0, 1), (0, 1, 1) differ. */
  { "max(min(x, y), 0) + z", { 0, 0, 0 }, NS_UNDEFINED, { 0, 0, 1 } },
};

START_TEST (test_gradient)
{
  const grad_case *c = &grad_cases[_i];
  ns_mfn *f = parse_ok (c->text, 0);
  ns_result g[3];
  ns_status st = ns_mfn_gradient (f, c->x, g);
  ck_assert_msg (st == c->status, "%s: %s", c->text, ns_strerror (st));
  if (st == NS_OK || st == NS_EUNDECIDED)
    for (int i = 0; i < ns_mfn_nvars (f); i++)
      ck_assert_msg (fabs (g[i].val - c->ref[i]) <= g[i].err, "%s: g[%d] = %.17g (err %g)",
                     c->text, i, g[i].val, g[i].err);
  ns_mfn_free (f);
}
END_TEST

/* ---- limiting gradients, Clarke sets and Clarke's derivative */

typedef struct poly_case {
  const char *text;
  double x[2];
  int nlim;               /* number of limiting gradients */
  double lim[4][2];       /* the limiting gradients, derived by hand */
  int nclarke;            /* vertices of their convex hull */
  double d[2];            /* a direction */
  double fo;              /* Clarke's f°(x; d) = max over the hull of g . d */
  int equal;              /* 1 when f'(x; d) = f°(x; d) for this d (always for
                             convex f, which is Clarke regular), 0 when f' < f° */
} poly_case;

static const poly_case poly_cases[] = {
  /* |x| + |y| at 0: the four sign patterns give (+-1, +-1); the square. */
  { "abs(x) + abs(y)", { 0, 0 }, 4, { { 1, 1 }, { -1, 1 }, { -1, -1 }, { 1, -1 } }, 4,
    { 1, 2 }, 3, 1 },
  /* max(x + y, x - y, -x) at 0: each piece is largest on an open cone
     (x + y on y > 0, 2x + y > 0; x - y on y < 0, 2x - y > 0; -x on
     2x + y < 0, 2x - y < 0): the triangle of the three gradients. */
  { "max(max(x + y, x - y), -x)", { 0, 0 }, 3, { { 1, 1 }, { 1, -1 }, { -1, 0 } }, 3,
    { 1, 1 }, 2, 1 },
  { "max(max(x + y, x - y), -x)", { 0, 0 }, 3, { { 1, 1 }, { 1, -1 }, { -1, 0 } }, 3,
    { -1, 0 }, 1, 1 },
  /* max(|x|, |y|) at 0: (+-1, 0) where |x| > |y|, (0, +-1) else; the diamond. */
  { "max(abs(x), abs(y))", { 0, 0 }, 4, { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } }, 4,
    { 1, 1 }, 1, 1 },
  /* min(x, y) at 0: (1, 0) where x < y, (0, 1) where y < x; the segment.
     f°(0; (1, -1)) = 1 while f'(0; (1, -1)) = -1: not regular. */
  { "min(x, y)", { 0, 0 }, 2, { { 1, 0 }, { 0, 1 } }, 2, { 1, -1 }, 1, 0 },
  { "min(x, y)", { 0, 0 }, 2, { { 1, 0 }, { 0, 1 } }, 2, { -1, -1 }, -1, 1 },
  /* |x| + |y| at (0, 1): (+-1, 1); a segment. */
  { "abs(x) + abs(y)", { 0, 1 }, 2, { { 1, 1 }, { -1, 1 } }, 2, { 1, 0 }, 1, 1 },
  /* relu(x + y - 1) on its kink line: (0, 0) and (1, 1). */
  { "relu(x + y - 1)", { 0.5, 0.5 }, 2, { { 0, 0 }, { 1, 1 } }, 2, { -1, -1 }, 0, 1 },
  /* min(|x|, |y|) at 0: (+-1, 0) where |x| < |y|, (0, +-1) else; the
     diamond, and f°(0; (1, 0)) = 1 while f'(0; (1, 0)) = 0. */
  { "min(abs(x), abs(y))", { 0, 0 }, 4, { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } }, 4,
    { 1, 0 }, 1, 0 },
  /* relu(x) - relu(-x) + relu(y) - relu(-y) is x + y: one gradient (1, 1)
     (PyTorch's AD gives (0, 0) at 0). */
  { "relu(x) - relu(-x) + relu(y) - relu(-y)", { 0, 0 }, 1, { { 1, 1 } }, 1, { 1, -3 }, -2, 1 },
  /* max(min(x, y), 0) at 0: 0 where min < 0, and (1, 0), (0, 1) on the
     two halves of the positive quadrant; a triangle. */
  { "max(min(x, y), 0)", { 0, 0 }, 3, { { 0, 0 }, { 1, 0 }, { 0, 1 } }, 3, { 1, 1 }, 1, 1 },
  /* max(x^2, y) at 0: y wins where y > x^2 (gradient (0, 1)), x^2 where
     y < 0 (gradient (0, 0) at 0). */
  { "max(x^2, y)", { 0, 0 }, 2, { { 0, 0 }, { 0, 1 } }, 2, { 0, 1 }, 1, 1 },
  /* Smooth: x*y + exp(x) at (1, 2) has the one gradient (y + e, x). */
  { "x*y + exp(x)", { 1, 2 }, 1, { { 4.71828182845904523536, 1 } }, 1, { 1, 1 },
    5.71828182845904523536, 1 },
  /* One variable: relu at 0, the segment [0, 1]. */
  { "relu(x)", { 0 }, 2, { { 1 }, { 0 } }, 2, { -1 }, 0, 1 },
};

static int
has_point (const ns_result *g, size_t count, int n, const double *p)
{
  for (size_t i = 0; i < count; i++)
    {
      int same = 1;
      for (int j = 0; j < n; j++)
        same = same && fabs (g[i * n + j].val - p[j]) <= g[i * n + j].err + REF_SLACK (p[j]);
      if (same)
        return 1;
    }
  return 0;
}

START_TEST (test_polytopes)
{
  const poly_case *c = &poly_cases[_i];
  ns_mfn *f = parse_ok (c->text, 0);
  int n = ns_mfn_nvars (f);
  ns_result g[16];
  size_t count = 0;
  ck_assert_int_eq (ns_mfn_limiting_gradients (f, c->x, g, 8, &count), NS_OK);
  ck_assert_msg ((int) count == c->nlim, "%s: %zu limiting gradients", c->text, count);
  for (int i = 0; i < c->nlim; i++)
    ck_assert_msg (has_point (g, count, n, c->lim[i]), "%s: (%g, %g) missing", c->text,
                   c->lim[i][0], c->lim[i][1]);
  ck_assert_int_eq (ns_mfn_clarke (f, c->x, g, 8, &count), NS_OK);
  ck_assert_msg ((int) count == c->nclarke, "%s: %zu vertices", c->text, count);
  for (size_t i = 0; i < count; i++)
    {
      double p[2] = { g[i * n].val, n == 2 ? g[i * n + 1].val : 0 };
      int found = 0;
      for (int j = 0; j < c->nlim && !found; j++)
        found = fabs (p[0] - c->lim[j][0]) <= g[i * n].err + REF_SLACK (p[0])
          && (n == 1 || fabs (p[1] - c->lim[j][1]) <= g[i * n + 1].err + REF_SLACK (p[1]));
      ck_assert_msg (found, "%s: vertex (%g, %g) is no limiting gradient", c->text, p[0], p[1]);
    }
  /* In the plane the vertices turn counter-clockwise. */
  if (n == 2 && count >= 3)
    for (size_t i = 0; i < count; i++)
      {
        const ns_result *a = &g[2 * i], *b = &g[2 * ((i + 1) % count)],
          *e = &g[2 * ((i + 2) % count)];
        double cr = (b[0].val - a[0].val) * (e[1].val - a[1].val)
          - (b[1].val - a[1].val) * (e[0].val - a[0].val);
        ck_assert_msg (cr > 0, "%s: vertices not counter-clockwise at %zu", c->text, i);
      }
  /* Clarke's derivative against the hand value, and against the germ:
     f'(x; d) <= f°(x; d) always; equal or strictly below as derived. */
  ns_result fo, fd;
  ck_assert_int_eq (ns_mfn_clarke_dirderiv (f, c->x, c->d, &fo), NS_OK);
  ck_assert_msg (fabs (fo.val - c->fo) <= fo.err + REF_SLACK (c->fo),
                 "%s: f° = %.17g, expected %.17g", c->text, fo.val, c->fo);
  ck_assert_int_eq (ns_mfn_dirderiv (f, c->x, c->d, &fd), NS_OK);
  ck_assert (fd.val <= fo.val + fo.err + fd.err);
  if (c->equal)
    ck_assert_msg (fabs (fd.val - fo.val) <= fo.err + fd.err, "%s: f' = %g, f° = %g",
                   c->text, fd.val, fo.val);
  else
    ck_assert_msg (fd.val < fo.val - fo.err - fd.err, "%s: f' = %g, f° = %g", c->text,
                   fd.val, fo.val);
  ns_mfn_free (f);
}
END_TEST

/* ns_mfn_clarke in three and four variables, against sets derived by
   hand.  |x| + |y| + |z| at 0: the pieces s . x for the eight sign vectors
   s in {-1, 1}^3 all touch 0, so the Clarke set is the cube [-1, 1]^3,
   eight vertices, and f°(0; d) = |d1| + |d2| + |d3| (6 for (1, -2, 3)).
   max(x, y, z) at 0: the pieces x, y, z, gradients e1, e2, e3, the
   triangle (simplex) they span, f°(0; d) = max d_i (2 for (1, 2, -1)).
   |x| + |y| + z at 0: (+-1, +-1, 1), a square in the plane g3 = 1 (four
   vertices of a flat set).  relu(x + y + z) on its kink plane: 0 and
   (1, 1, 1), a segment.  |x1| + ... + |x4| at 0: the 16 corners of
   [-1, 1]^4.  Away from kinks, at (1, 2, 3), |x| + |y| + |z| has the one
   gradient (1, 1, 1).  Every vertex is checked to be one of the derived
   ones, all distinct, and f° against the max of g . d over them. */
typedef struct clarke_n_case {
  const char *text;
  int n;
  double x[4];
  int count;       /* the number of vertices */
  int kind;        /* 0: every entry +-1; 1: unit vectors; 2: (+-1, +-1, 1);
                      3: (0,0,0) or (1,1,1); 4: (1, 1, 1) */
  double d[4];
  double fo;       /* f°(x; d) */
} clarke_n_case;

static const clarke_n_case clarke_n_cases[] = {
  { "abs(x) + abs(y) + abs(z)", 3, { 0, 0, 0 }, 8, 0, { 1, -2, 3 }, 6 },
  { "max(max(x, y), z)", 3, { 0, 0, 0 }, 3, 1, { 1, 2, -1 }, 2 },
  { "abs(x) + abs(y) + z", 3, { 0, 0, 0 }, 4, 2, { 1, -1, 1 }, 3 },
  { "relu(x + y + z)", 3, { 1, -1, 0 }, 2, 3, { 1, 1, -3 }, 0 },
  { "abs(x1) + abs(x2) + abs(x3) + abs(x4)", 4, { 0, 0, 0, 0 }, 16, 0, { 1, 1, -1, 0.5 }, 3.5 },
  { "abs(x) + abs(y) + abs(z)", 3, { 1, 2, 3 }, 1, 4, { 1, -2, 3 }, 2 },
};

static int
vertex_ok (int kind, const ns_result *v, int n)
{
  int ok = 1;
  for (int j = 0; j < n; j++)
    {
      double a = v[j].val;
      switch (kind)
        {
        case 0: ok = ok && fabs (a) == 1; break;
        case 1: ok = ok && (a == 0 || a == 1); break;
        case 2: ok = ok && (j == 2 ? a == 1 : fabs (a) == 1); break;
        case 3: ok = ok && a == v[0].val && (a == 0 || a == 1); break;
        default: ok = ok && a == 1; break;
        }
    }
  if (kind == 1)
    ok = ok && v[0].val + v[1].val + v[2].val == 1;
  return ok;
}

START_TEST (test_clarke_n)
{
  const clarke_n_case *c = &clarke_n_cases[_i];
  ns_mfn *f = parse_ok (c->text, c->n);
  ns_result v[16 * 4];
  size_t count = 0;
  int n = c->n;
  ck_assert_int_eq (ns_mfn_clarke (f, c->x, v, 16, &count), NS_OK);
  ck_assert_msg ((int) count == c->count, "%s: %zu vertices", c->text, count);
  double best = -HUGE_VAL;
  for (size_t i = 0; i < count; i++)
    {
      ck_assert_msg (vertex_ok (c->kind, v + i * n, n), "%s: vertex %zu", c->text, i);
      for (size_t k = 0; k < i; k++)
        {
          int same = 1;
          for (int j = 0; j < n; j++)
            same = same && v[i * n + j].val == v[k * n + j].val;
          ck_assert_msg (!same, "%s: vertices %zu and %zu agree", c->text, k, i);
        }
      double s = 0;
      for (int j = 0; j < n; j++)
        {
          ck_assert (v[i * n + j].err == 0);
          s += v[i * n + j].val * c->d[j];
        }
      best = fmax (best, s);
    }
  ck_assert (best == c->fo);
  ns_result fo;
  ck_assert_int_eq (ns_mfn_clarke_dirderiv (f, c->x, c->d, &fo), NS_OK);
  ck_assert_msg (fabs (fo.val - c->fo) <= fo.err, "%s: f° = %.17g", c->text, fo.val);
  /* The polytope holds the same vertices. */
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_mfn_clarke_polytope (f, c->x, &p), NS_OK);
  ck_assert_int_eq ((int) p->count, c->count);
  for (size_t i = 0; i < count * (size_t) n; i++)
    ck_assert (p->vertices[i] == v[i].val);
  ns_polytope_free (p);
  ns_mfn_free (f);
}
END_TEST

START_TEST (test_polytope_refusals)
{
  ns_result g[8];
  size_t count = 99;
  const double zero[3] = { 0, 0, 0 }, d[2] = { 1, 0 };
  ns_mfn *f = parse_ok ("sqrt(x^2 + y^2)", 0);
  /* The limiting gradients of the norm at 0 are the unit circle: no polytope. */
  ck_assert_int_eq (ns_mfn_limiting_gradients (f, zero, g, 8, &count), NS_EUNDECIDED);
  ck_assert_int_eq (count, 0);
  ns_mfn_free (f);
  f = parse_ok ("heaviside(x) + y", 0);
  ck_assert_int_eq (ns_mfn_clarke (f, zero, g, 8, &count), NS_ENOTLIPSCHITZ);
  ck_assert_int_eq (ns_mfn_clarke_dirderiv (f, zero, d, &g[0]), NS_ENOTLIPSCHITZ);
  ns_mfn_free (f);
  /* Room for 2 of the 8 gradients of |x| + |y| + |z|, and for 2 of the
     8 vertices of its Clarke cube: the counts say 8. */
  f = parse_ok ("abs(x) + abs(y) + abs(z)", 0);
  ck_assert_int_eq (ns_mfn_limiting_gradients (f, zero, g, 2, &count), NS_ELIMIT);
  ck_assert_int_eq (count, 8);
  ck_assert_int_eq (ns_mfn_clarke (f, zero, g, 2, &count), NS_ELIMIT);
  ck_assert_int_eq (count, 8);
  ns_mfn_free (f);
  /* relu(x^2 + y^2 + z^2) + z: the quantity's gradient is 0 at 0, both
     branches have the gradient 0 there, so the one limiting gradient is
     (0, 0, 1) (tests/test_multi_second.c has more).  The same with
     exp(x^2 + y^2 + z^2) - 1, whose zero gradient is not proven exactly
     (no exact arithmetic for exp): refused. */
  f = parse_ok ("relu(x^2 + y^2 + z^2) + z", 0);
  ck_assert_int_eq (ns_mfn_limiting_gradients (f, zero, g, 2, &count), NS_OK);
  ck_assert_int_eq (count, 1);
  ck_assert (fabs (g[0].val) <= g[0].err && fabs (g[1].val) <= g[1].err
             && fabs (g[2].val - 1) <= g[2].err);
  ns_mfn_free (f);
  f = parse_ok ("relu(exp(x^2 + y^2 + z^2) - 1) + z", 0);
  ck_assert_int_eq (ns_mfn_limiting_gradients (f, zero, g, 2, &count), NS_EUNDECIDED);
  ns_mfn_free (f);
  f = parse_ok ("heaviside(x) + y + z", 0);
  ck_assert_int_eq (ns_mfn_limiting_gradients (f, zero, g, 2, &count), NS_ENOTLIPSCHITZ);
  ns_mfn_free (f);
  /* Fréchet and limiting sets: bad arguments, the work bound (-||x||_1 in
     R^8 at 0: the 16-choose-8 subsets of the half-spaces +-e_i, 8^3 units
     each, pass 5e6, and so does the first piece of the limiting set; not
     convex, so no convex route, which ||x||_1 takes:
     tests/test_polytope_lp.c); a smooth point in R^20 costs nothing: the
     gradient (1, 2, 0, ..., 0). */
  ns_polytope *poly = (ns_polytope *) 1, *pieces[2];
  double zero20[20] = { 0 };
  f = parse_ok ("0 - (abs(x1) + abs(x2) + abs(x3) + abs(x4) + abs(x5) + abs(x6) + abs(x7)"
                " + abs(x8))", 0);
  ck_assert_int_eq (ns_mfn_frechet (f, zero20, &poly), NS_ELIMIT);
  ck_assert (poly == NULL);
  ck_assert_int_eq (ns_mfn_limiting (f, zero20, pieces, 2, &count), NS_ELIMIT);
  ck_assert_int_eq (ns_mfn_frechet (NULL, zero20, &poly), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_frechet (f, NULL, &poly), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_frechet (f, zero20, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_limiting (f, NULL, pieces, 2, &count), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_limiting (f, zero20, NULL, 2, &count), NS_EINVAL);
  ns_mfn_free (f);
  f = parse_ok ("x1 + 2*x2", 20);
  ck_assert_int_eq (ns_mfn_frechet (f, zero20, &poly), NS_OK);
  ck_assert_int_eq ((int) poly->count, 1);
  ck_assert_int_eq (poly->dim, 0);
  for (int i = 0; i < 20; i++)
    ck_assert (fabs (poly->vertices[i] - (i == 0 ? 1 : i == 1 ? 2 : 0)) <= poly->err[i]);
  ns_polytope_free (poly);
  ns_mfn_free (f);
  /* Thin sets in R^10 through the lineality of the cells: relu(x1 + ...
     + x10) at 0 is convex, its Fréchet set the segment from 0 to (1, ...,
     1); max(0, x1, x2, x3) the simplex of 0, e1, e2, e3 (dimension 3). */
  f = parse_ok ("relu(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10)", 10);
  ck_assert_int_eq (ns_mfn_frechet (f, zero20, &poly), NS_OK);
  ck_assert_int_eq ((int) poly->count, 2);
  ck_assert_int_eq (poly->dim, 1);
  for (size_t v = 0; v < 2; v++)
    for (int i = 0; i < 10; i++)
      ck_assert (poly->vertices[v * 10 + i] == poly->vertices[v * 10]
                 && (poly->vertices[v * 10] == 0 || poly->vertices[v * 10] == 1));
  ck_assert (poly->vertices[0] != poly->vertices[10]);
  ns_polytope_free (poly);
  ns_mfn_free (f);
  f = parse_ok ("max(max(max(0, x1), x2), x3)", 10);
  ck_assert_int_eq (ns_mfn_frechet (f, zero20, &poly), NS_OK);
  ck_assert_int_eq ((int) poly->count, 4);
  ck_assert_int_eq (poly->dim, 3);
  for (size_t v = 0; v < 4; v++)
    {
      double sum = 0;
      for (int i = 0; i < 10; i++)
        {
          double c = poly->vertices[v * 10 + i];
          ck_assert (c == 0 || (c == 1 && i < 3));
          sum += c;
        }
      ck_assert (sum <= 1);
    }
  ns_polytope_free (poly);
  ns_mfn_free (f);
  double nan3[3] = { NAN, 0, 0 };
  f = parse_ok ("abs(x) + y + z", 0);
  ck_assert_int_eq (ns_mfn_frechet (f, nan3, &poly), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_limiting (f, nan3, pieces, 2, &count), NS_EINVAL);
  ns_mfn_free (f);
  /* Room for 2 of the 4 gradients of |x| + |y|: the count says 4. */
  f = parse_ok ("abs(x) + abs(y)", 0);
  ck_assert_int_eq (ns_mfn_limiting_gradients (f, zero, g, 2, &count), NS_ELIMIT);
  ck_assert_int_eq (count, 4);
  ck_assert_int_eq (ns_mfn_clarke (f, NULL, g, 8, &count), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_clarke_dirderiv (f, zero, NULL, &g[0]), NS_EINVAL);
  ns_mfn_free (f);
}
END_TEST


/* ---- limiting gradients in n variables */

typedef struct nd_case {
  const char *text;
  int n;
  double x[10];
  int nlim;                /* number of limiting gradients */
  double lim[8][10];       /* the limiting gradients, derived by hand */
  double d[10];            /* a direction */
  double fo;               /* f°(x; d) = max of g . d over them */
} nd_case;

static const nd_case nd_cases[] = {
  /* |x| + |y| + |z| at 0: every sign pattern is an open orthant, with
     gradient (+-1, +-1, +-1); f°(0; (1, -2, 0.5)) = 1 + 2 + 0.5. */
  { "abs(x) + abs(y) + abs(z)", 3, { 0, 0, 0 }, 8,
    { { 1, 1, 1 }, { 1, 1, -1 }, { 1, -1, 1 }, { 1, -1, -1 },
      { -1, 1, 1 }, { -1, 1, -1 }, { -1, -1, 1 }, { -1, -1, -1 } }, { 1, -2, 0.5 }, 3.5 },
  /* max(x, y, z) at 0: x wins on the open cone x > y, x > z (e.g. (1, 0,
     0)), and likewise y and z: the unit vectors; f°(0; (1, 2, -1)) = 2. */
  { "max(max(x, y), z)", 3, { 0, 0, 0 }, 3, { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
    { 1, 2, -1 }, 2 },
  /* relu(x + y + z - 1) at (1, 0, 0), on its kink plane: 0 below, (1, 1,
     1) above; f°(x; (-1, -1, -1)) = max(0, -3) = 0. */
  { "relu(x + y + z - 1)", 3, { 1, 0, 0 }, 2, { { 0, 0, 0 }, { 1, 1, 1 } }, { -1, -1, -1 },
    0 },
  /* |x| + |y| + |z| at (0, 0, 1): z > 0 near the point, (+-1, +-1, 1);
     f°(x; (1, 1, 1)) = 3. */
  { "abs(x) + abs(y) + abs(z)", 3, { 0, 0, 1 }, 4,
    { { 1, 1, 1 }, { 1, -1, 1 }, { -1, 1, 1 }, { -1, -1, 1 } }, { 1, 1, 1 }, 3 },
  /* max(|x|, min(y, z)) at 0: |x| wins where |x| > min(y, z), on both
     sides of x = 0 (at (+-1, 0, 0)): (+-1, 0, 0); min(y, z) wins where
     min(y, z) > |x| (at (0, 1, 2) and (0, 2, 1)): (0, 1, 0), (0, 0, 1).
     The quantity y - z of the inner min matters only inside its branch.
     f°(0; (0, 1, 1)) = 1. */
  { "max(abs(x), min(y, z))", 3, { 0, 0, 0 }, 4,
    { { 1, 0, 0 }, { -1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } }, { 0, 1, 1 }, 1 },
  /* relu(x) - relu(-x) + relu(y) - relu(-y) + relu(z) - relu(-z) is x + y
     + z: one gradient. */
  { "relu(x) - relu(-x) + relu(y) - relu(-y) + relu(z) - relu(-z)", 3, { 0, 0, 0 }, 1,
    { { 1, 1, 1 } }, { 1, -3, 1 }, -1 },
  /* max(x1, ..., x10) at 0: the ten unit vectors (x_i wins on x_i >
     x_j for all j != i); counted here, the first eight listed;
     f°(0; d) = max_i d_i = 0.5. */
  { "max(max(max(max(max(max(max(max(max(x1, x2), x3), x4), x5), x6), x7), x8), x9), x10)",
    10, { 0 }, 10,
    { { 1 }, { 0, 1 }, { 0, 0, 1 }, { 0, 0, 0, 1 }, { 0, 0, 0, 0, 1 }, { 0, 0, 0, 0, 0, 1 },
      { 0, 0, 0, 0, 0, 0, 1 }, { 0, 0, 0, 0, 0, 0, 0, 1 } },
    { -1, 0.25, -0.5, 0.5, 0, 0, -2, 0.125, 0, -1 }, 0.5 },
  /* max(x + y + z, x + y + z) is x + y + z: the switching quantity is 0
     identically, no kink; one gradient. */
  { "max(x + y + z, x + y + z)", 3, { 0, 0, 0 }, 1, { { 1, 1, 1 } }, { 1, -2, 0.5 }, -0.5 },
  /* max(max(x, y), x) + |z| is max(x, y) + |z| (where x wins the inner
     max the outer quantity x - x is 0 identically): (1, 0, +-1), (0, 1,
     +-1); f°(0; (1, -1, 1)) = 1 + 1. */
  { "max(max(x, y), x) + abs(z)", 3, { 0, 0, 0 }, 4,
    { { 1, 0, 1 }, { 1, 0, -1 }, { 0, 1, 1 }, { 0, 1, -1 } }, { 1, -1, 1 }, 2 },
  /* relu(x1 + ... + x10) at 0: 0 and (1, ..., 1). */
  { "relu(x1 + x2 + x3 + x4 + x5 + x6 + x7 + x8 + x9 + x10)", 10, { 0 }, 2,
    { { 0 }, { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 } }, { 1, -1, 1, 0, 0, 0, 0, 0, 0, 1 }, 2 },
};

START_TEST (test_limiting_nd)
{
  const nd_case *c = &nd_cases[_i];
  ns_mfn *f = parse_ok (c->text, c->n);
  int n = c->n;
  ns_result g[64 * 10];
  size_t count = 0;
  ck_assert_int_eq (ns_mfn_limiting_gradients (f, c->x, g, 64, &count), NS_OK);
  ck_assert_msg ((int) count == c->nlim, "%s: %zu limiting gradients", c->text, count);
  for (int i = 0; i < c->nlim && i < 8; i++)
    ck_assert_msg (has_point (g, count, n, c->lim[i]), "%s: gradient %d missing", c->text,
                   i);
  ns_result fo;
  ck_assert_int_eq (ns_mfn_clarke_dirderiv (f, c->x, c->d, &fo), NS_OK);
  ck_assert_msg (fabs (fo.val - c->fo) <= fo.err + REF_SLACK (c->fo),
                 "%s: f° = %.17g, expected %.17g", c->text, fo.val, c->fo);
  /* Second route: along high-entropy directions the germ's f'(x; d)
     equals g . d for the limiting gradient of the cell holding d, and is
     at most f°(x; d). */
  for (int k = 0; k < 6; k++)
    {
      double d[10];
      for (int i = 0; i < n; i++)
        d[i] = sin (2.385 * (k + 1) * (i + 1) + 0.5 * k);
      ns_result fd, fo2;
      ck_assert_int_eq (ns_mfn_dirderiv (f, c->x, d, &fd), NS_OK);
      ck_assert_int_eq (ns_mfn_clarke_dirderiv (f, c->x, d, &fo2), NS_OK);
      ck_assert (fd.val <= fo2.val + fo2.err + fd.err);
      int hit = 0;
      for (size_t i = 0; i < count && !hit; i++)
        {
          double v = 0, e = 0;
          for (int j = 0; j < n; j++)
            {
              v += g[i * n + j].val * d[j];
              e += g[i * n + j].err * fabs (d[j]) + 4 * n * DBL_EPSILON * fabs (g[i * n + j].val);
            }
          hit = fabs (fd.val - v) <= fd.err + e;
        }
      ck_assert_msg (hit, "%s: f'(x; d) = %g matches no limiting gradient", c->text, fd.val);
    }
  ns_mfn_free (f);
}
END_TEST

/* The plane's arcs and the cells of n variables, two independent routes
   to the same limiting gradients: a random function of x and y read as a
   function of 3 variables (z unused) goes through the cells, and its
   gradients must be the plane's with a third entry 0. */
static size_t random_text (unsigned long long *st, int depth, char *out, size_t size);
static unsigned next_rand (unsigned long long *state, unsigned n);

START_TEST (test_cells_vs_arcs)
{
  unsigned long long state = 4711;
  int iters = ns_test_iterations (100), compared = 0;
  for (int it = 0; it < iters; it++)
    {
      unsigned long long seed = state;
      char text[2048];
      random_text (&state, 3, text, sizeof text);
      double x[3] = { (double) next_rand (&state, 3) - 1, (double) next_rand (&state, 3) - 1, 0 };
      if (next_rand (&state, 2))
        x[0] = x[1] = 0;
      ns_mfn *f2 = parse_ok (text, 2), *f3 = parse_ok (text, 3);
      ns_result g2[2 * 64], g3[3 * 64];
      size_t n2 = 0, n3 = 0;
      ns_status s2 = ns_mfn_limiting_gradients (f2, x, g2, 64, &n2);
      ns_status s3 = ns_mfn_limiting_gradients (f3, x, g3, 64, &n3);
      ck_assert_msg (s3 == NS_OK || s3 == NS_EUNDECIDED, "seed %llu: %s: %s", seed, text,
                     ns_strerror (s3));
      if (s2 == NS_OK && s3 == NS_OK)
        {
          compared++;
          /* The same set: each of one in the other, within the bounds. */
          for (size_t i = 0; i < n3; i++)
            {
              ck_assert_msg (g3[3 * i + 2].val == 0, "seed %llu: %s", seed, text);
              double p[2] = { g3[3 * i].val, g3[3 * i + 1].val };
              int found = 0;
              for (size_t j = 0; j < n2 && !found; j++)
                found = fabs (p[0] - g2[2 * j].val) <= g2[2 * j].err + g3[3 * i].err
                  && fabs (p[1] - g2[2 * j + 1].val) <= g2[2 * j + 1].err + g3[3 * i + 1].err;
              ck_assert_msg (found, "seed %llu: %s at (%g, %g): cell gradient (%g, %g) not "
                             "among the arcs'", seed, text, x[0], x[1], p[0], p[1]);
            }
          for (size_t j = 0; j < n2; j++)
            {
              double p[3] = { g2[2 * j].val, g2[2 * j + 1].val, 0 };
              ck_assert_msg (has_point (g3, n3, 3, p), "seed %llu: %s at (%g, %g): arc "
                             "gradient (%g, %g) not among the cells'", seed, text, x[0], x[1],
                             p[0], p[1]);
            }
        }
      ns_mfn_free (f2);
      ns_mfn_free (f3);
    }
  ck_assert_msg (compared * 10 >= iters * 8, "only %d of %d compared", compared, iters);
}
END_TEST

/* ---- the Fréchet subdifferential */

typedef struct frechet_case {
  const char *text;
  int n;
  double x[4];
  int count;               /* vertices, -1 for a refusal with STATUS */
  int dim;
  double v[16][4];         /* the vertices, derived by hand */
  ns_status status;
} frechet_case;

static const frechet_case frechet_cases[] = {
  /* |x| + |y| + |z| at 0: f'(0; d) = |d1| + |d2| + |d3|, and
     g . d <= ||d||_1 for all d is ||g||_inf <= 1: the cube. */
  { "abs(x) + abs(y) + abs(z)", 3, { 0, 0, 0 }, 8, 3,
    { { 1, 1, 1 }, { 1, 1, -1 }, { 1, -1, 1 }, { 1, -1, -1 },
      { -1, 1, 1 }, { -1, 1, -1 }, { -1, -1, 1 }, { -1, -1, -1 } }, NS_OK },
  /* min(x, y) at 0: f'(0; d) = min(d1, d2); d = (1, 0) gives g1 <= 0,
     d = (0, 1) gives g2 <= 0, d = (-1, -1) gives g1 + g2 >= 1: empty. */
  { "min(x, y)", 2, { 0, 0 }, 0, -1, { { 0 } }, NS_OK },
  /* max(|x|, |y|) at 0: g . d <= ||d||_inf for all d is ||g||_1 <= 1,
     the diamond. */
  { "max(abs(x), abs(y))", 2, { 0, 0 }, 4, 2, { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } },
    NS_OK },
  /* |x| + |y| at (0, 1): f'(x; d) = |d1| + d2; d = (0, +-1) gives g2 = 1,
     d = (+-1, 0) gives |g1| <= 1: the segment [-1, 1] x {1}. */
  { "abs(x) + abs(y)", 2, { 0, 1 }, 2, 1, { { 1, 1 }, { -1, 1 } }, NS_OK },
  /* max(x + y, x - y, -x) at 0, convex: Fréchet = Clarke, the triangle. */
  { "max(max(x + y, x - y), -x)", 2, { 0, 0 }, 3, 2, { { 1, 1 }, { 1, -1 }, { -1, 0 } },
    NS_OK },
  /* relu(x + y + z - 1) at (1, 0, 0), convex: f'(x; d) = relu(d1 + d2 +
     d3); g . d <= 0 on the half-space s < 0 and g . d <= s above, so g =
     t (1, 1, 1) with t in [0, 1]: the segment, = Clarke. */
  { "relu(x + y + z - 1)", 3, { 1, 0, 0 }, 2, 1, { { 0, 0, 0 }, { 1, 1, 1 } }, NS_OK },
  /* max(x, y, z) at 0, convex: the simplex of the unit vectors. */
  { "max(max(x, y), z)", 3, { 0, 0, 0 }, 3, 2, { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } },
    NS_OK },
  /* min(|x|, |y|) at 0: f'(0; d) = min(|d1|, |d2|) is 0 on the axes, so
     d = (+-1, 0) gives g1 = 0 and d = (0, +-1) gives g2 = 0; 0 is in it
     (f' >= 0): the point 0. */
  { "min(abs(x), abs(y))", 2, { 0, 0 }, 1, 0, { { 0, 0 } }, NS_OK },
  /* -|x| at 0: g <= -1 and -g <= -1: empty. */
  { "-abs(x)", 1, { 0 }, 0, -1, { { 0 } }, NS_OK },
  /* relu(x) at 0: [0, 1]. */
  { "relu(x)", 1, { 0 }, 2, 1, { { 0 }, { 1 } }, NS_OK },
  /* max(min(x, y), 0) at 0: f' = relu(min(d1, d2)); d = (1, 0), (0, 1)
     give g1, g2 <= 0, d = (-1, 0), (0, -1) give g1, g2 >= 0: the point
     0 (the Clarke set is the triangle 0, (1, 0), (0, 1)). */
  { "max(min(x, y), 0)", 2, { 0, 0 }, 1, 0, { { 0, 0 } }, NS_OK },
  /* ||x||_1 in R^4 at 0: the 16 vertices of the hypercube, counted. */
  { "abs(x1) + abs(x2) + abs(x3) + abs(x4)", 4, { 0, 0, 0, 0 }, 16, 4,
    { { 1, 1, 1, 1 }, { -1, -1, -1, -1 } }, NS_OK },
  /* Smooth at (1, 2): the gradient (y + e^x, x) = (2 + e, 1); mpmath:
     2 + e = 4.71828182845904523536028747135. */
  { "x*y + exp(x)", 2, { 1, 2 }, 1, 0, { { 4.71828182845904523536028747135, 1 } }, NS_OK },
  /* max(max(x, y), x) + |z| = max(x, y) + |z|, convex: the square with
     vertices (1, 0, +-1), (0, 1, +-1). */
  { "max(max(x, y), x) + abs(z)", 3, { 0, 0, 0 }, 4, 2,
    { { 1, 0, 1 }, { 1, 0, -1 }, { 0, 1, 1 }, { 0, 1, -1 } }, NS_OK },
  /* A jump through the point. */
  { "heaviside(x) + y", 2, { 0, 0 }, -1, 0, { { 0 } }, NS_ENOTLIPSCHITZ },
};

START_TEST (test_frechet)
{
  const frechet_case *c = &frechet_cases[_i];
  ns_mfn *f = parse_ok (c->text, c->n);
  ns_polytope *p = NULL;
  ns_status st = ns_mfn_frechet (f, c->x, &p);
  ck_assert_msg (st == c->status, "%s: %s", c->text, ns_strerror (st));
  if (st != NS_OK)
    {
      ck_assert (p == NULL);
      ns_mfn_free (f);
      return;
    }
  ck_assert_int_eq (p->n, c->n);
  ck_assert_msg ((int) p->count == c->count, "%s: %zu vertices", c->text, p->count);
  ck_assert_msg (p->dim == c->dim, "%s: dimension %d", c->text, p->dim);
  int listed = c->count < 16 ? c->count : 2;
  /* Each listed vertex is one of the computed ones within its bound; the
     counts agree, and the computed ones are distinct, so the sets agree
     where all are listed. */
  for (int i = 0; i < listed; i++)
    {
      int found = 0;
      for (size_t k = 0; k < p->count && !found; k++)
        {
          int same = 1;
          for (int j = 0; j < c->n; j++)
            same = same && fabs (p->vertices[k * c->n + j] - c->v[i][j])
              <= p->err[k * c->n + j] + REF_SLACK (c->v[i][j]);
          found = same;
        }
      ck_assert_msg (found, "%s: vertex %d missing", c->text, i);
    }
  ns_polytope_free (p);
  ns_mfn_free (f);
}
END_TEST

/* For a convex f the Fréchet set is the Clarke set, the hull of the
   limiting gradients: on random maxima of affine maps of x, y, z at 0
   (each map active there) it is nonempty, its vertices are limiting
   gradients, and each limiting gradient g satisfies g . d <= f'(x; d)
   along test directions (the germ's directional derivative, a second
   route). */
START_TEST (test_frechet_convex)
{
  unsigned long long state = 977;
  int iters = ns_test_iterations (20);
  for (int it = 0; it < iters; it++)
    {
      char text[1024];
      size_t len = 0;
      int k = 2 + (int) next_rand (&state, 4), maps[8][3];
      /* Equal maps may repeat: a quantity that is 0 identically on a cell
         (the same expression on both sides of a max) splits nothing. */
      for (int j = 0; j < k; j++)
        for (int c = 0; c < 3; c++)
          maps[j][c] = (int) next_rand (&state, 5) - 2;
      for (int j = 0; j < k - 1; j++)
        len += (size_t) snprintf (text + len, sizeof text - len, "max(");
      for (int j = 0; j < k; j++)
        len += (size_t) snprintf (text + len, sizeof text - len, "%s%d*x + %d*y + %d*z%s",
                                  j == 0 ? "" : ", ", maps[j][0], maps[j][1], maps[j][2],
                                  j == 0 ? "" : ")");
      ns_mfn *f = parse_ok (text, 3);
      const double x[3] = { 0, 0, 0 };
      ns_polytope *p = NULL;
      ns_result g[3 * 64];
      size_t count = 0;
      ck_assert_int_eq (ns_mfn_frechet (f, x, &p), NS_OK);
      ck_assert_int_eq (ns_mfn_limiting_gradients (f, x, g, 64, &count), NS_OK);
      /* Convex: the set is the hull of the limiting gradients, nonempty,
         its vertices among them, and each limiting gradient satisfies
         g . d <= f'(x; d) along the test directions. */
      ck_assert_msg (p->count >= 1, "%s: empty", text);
      for (size_t v = 0; v < p->count; v++)
        ck_assert_msg (has_point (g, count, 3, (const double[3]) { p->vertices[3 * v],
                                                                    p->vertices[3 * v + 1],
                                                                    p->vertices[3 * v + 2] }),
                       "%s: vertex %zu is no limiting gradient", text, v);
      for (size_t i = 0; i < count; i++)
        for (int t = 0; t < 4; t++)
          {
            double d[3] = { sin (2.385 * (t + 1)), cos (1.7 * t + 0.3), sin (0.9 * t - 1) };
            ns_result fd;
            ck_assert_int_eq (ns_mfn_dirderiv (f, x, d, &fd), NS_OK);
            double gd = g[3 * i].val * d[0] + g[3 * i + 1].val * d[1] + g[3 * i + 2].val * d[2];
            ck_assert_msg (gd <= fd.val + fd.err + 16 * DBL_EPSILON * (1 + fabs (gd)),
                           "%s: a limiting gradient above f'", text);
          }
      ns_polytope_free (p);
      ns_mfn_free (f);
    }
}
END_TEST

/* ---- the limiting subdifferential as maximal pieces */

typedef struct lim_piece {
  int count;               /* vertices */
  double v[8][3];
} lim_piece;

typedef struct limiting_case {
  const char *text;
  int n;
  double x[3];
  int npieces;
  lim_piece pieces[4];     /* derived by hand */
} limiting_case;

static const limiting_case limiting_cases[] = {
  /* min(x, y) at 0: on the open half-planes x < y, y < x the Fréchet sets
     are the points (1, 0), (0, 1); on the line x = y (and at 0) f is a
     minimum of two different linear maps, Fréchet empty.  Two points. */
  { "min(x, y)", 2, { 0, 0 }, 2, { { 1, { { 1, 0 } } }, { 1, { { 0, 1 } } } } },
  /* min(|x|, |y|) at 0: near (0, t), t != 0, f = |x| with Fréchet set
     [-1, 1] x {0}; near (t, 0), {0} x [-1, 1]; on the diagonals |x| = |y|
     a minimum of two different smooth maps, empty; at 0 the point 0
     (inside both); in the open cells the points (+-1, 0), (0, +-1), the
     ends of the segments.  The two segments on the axes. */
  { "min(abs(x), abs(y))", 2, { 0, 0 }, 2,
    { { 2, { { -1, 0 }, { 1, 0 } } }, { 2, { { 0, -1 }, { 0, 1 } } } } },
  /* max(min(x, y), 0) at 0: near (t, 0), t > 0, f = max(y, 0) = relu(y),
     Fréchet {0} x [0, 1]; near (0, t), [0, 1] x {0}; on x = y > 0 empty;
     where min(x, y) < 0, f = 0, {0}.  Two segments. */
  { "max(min(x, y), 0)", 2, { 0, 0 }, 2,
    { { 2, { { 0, 0 }, { 0, 1 } } }, { 2, { { 0, 0 }, { 1, 0 } } } } },
  /* max(|x|, |y|) at 0 is convex: Fréchet(0), the diamond, holds every
     other piece.  One piece. */
  { "max(abs(x), abs(y))", 2, { 0, 0 }, 1,
    { { 4, { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } } } } },
  /* -|x| at 0: {1} for x < 0, {-1} for x > 0, Fréchet(0) empty. */
  { "-abs(x)", 1, { 0 }, 2, { { 1, { { 1 } } }, { 1, { { -1 } } } } },
  /* |x| + |y| + |z| at 0, convex: the cube, one piece. */
  { "abs(x) + abs(y) + abs(z)", 3, { 0, 0, 0 }, 1,
    { { 8, { { 1, 1, 1 }, { 1, 1, -1 }, { 1, -1, 1 }, { 1, -1, -1 },
             { -1, 1, 1 }, { -1, 1, -1 }, { -1, -1, 1 }, { -1, -1, -1 } } } } },
  /* min(x, y, z) at 0: where one coordinate is the strict minimum, its
     unit vector; where two or three tie, a minimum of different linear
     maps, empty.  Three points. */
  { "min(min(x, y), z)", 3, { 0, 0, 0 }, 3,
    { { 1, { { 1, 0, 0 } } }, { 1, { { 0, 1, 0 } } }, { 1, { { 0, 0, 1 } } } } },
  /* min(|x|, |y|) + |z| at 0 in R^3: the plane's pieces times the
     Fréchet set [-1, 1] of |z| (z = 0 is a face of every cell): the two
     squares [-1, 1] x {0} x [-1, 1] and {0} x [-1, 1] x [-1, 1]. */
  { "min(abs(x), abs(y)) + abs(z)", 3, { 0, 0, 0 }, 2,
    { { 4, { { 1, 0, 1 }, { 1, 0, -1 }, { -1, 0, 1 }, { -1, 0, -1 } } },
      { 4, { { 0, 1, 1 }, { 0, 1, -1 }, { 0, -1, 1 }, { 0, -1, -1 } } } } },
  /* min(x, y) + sin(x) at 0: the points (1, 0) + (1, 0) and (0, 1) +
     (1, 0), whose bounds are not 0 (the slope enclosure of sin): equal
     computed pieces from the many faces are kept once. */
  { "min(x, y) + sin(x)", 2, { 0, 0 }, 2, { { 1, { { 2, 0 } } }, { 1, { { 1, 1 } } } } },
};

START_TEST (test_limiting)
{
  const limiting_case *c = &limiting_cases[_i];
  ns_mfn *f = parse_ok (c->text, c->n);
  ns_polytope *p[8];
  size_t count = 0;
  ck_assert_int_eq (ns_mfn_limiting (f, c->x, p, 8, &count), NS_OK);
  ck_assert_msg ((int) count == c->npieces, "%s: %zu pieces", c->text, count);
  /* Each hand-derived piece is one computed piece: the same number of
     vertices, each within its bound. */
  for (int k = 0; k < c->npieces; k++)
    {
      const lim_piece *e = &c->pieces[k];
      int found = 0;
      for (size_t q = 0; q < count && !found; q++)
        {
          if ((int) p[q]->count != e->count)
            continue;
          int all = 1;
          for (int v = 0; v < e->count && all; v++)
            {
              int hit = 0;
              for (size_t w = 0; w < p[q]->count && !hit; w++)
                {
                  int same = 1;
                  for (int j = 0; j < c->n; j++)
                    same = same && fabs (p[q]->vertices[w * c->n + j] - e->v[v][j])
                      <= p[q]->err[w * c->n + j] + REF_SLACK (e->v[v][j]);
                  hit = same;
                }
              all = hit;
            }
          found = all;
        }
      ck_assert_msg (found, "%s: piece %d missing", c->text, k);
    }
  for (size_t q = 0; q < count; q++)
    ns_polytope_free (p[q]);
  /* Room for one piece: the count says how many there are. */
  if (c->npieces > 1)
    {
      ck_assert_int_eq (ns_mfn_limiting (f, c->x, p, 1, &count), NS_ELIMIT);
      ck_assert_int_eq ((int) count, c->npieces);
      ns_polytope_free (p[0]);
    }
  ns_mfn_free (f);
}
END_TEST

/* ---- random piecewise-linear functions: the two routes agree */

/* A small deterministic generator (a 64-bit LCG, Knuth's MMIX constants),
   so a failure prints a seed that reproduces it. */
static unsigned
next_rand (unsigned long long *state, unsigned n)
{
  *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (unsigned) ((*state >> 33) % n);
}

/* Writes a random function of x and y built from affine maps with small
   integer coefficients and max, min, abs, relu, leaky_relu, sums. */
static size_t
random_text (unsigned long long *st, int depth, char *out, size_t size)
{
  int kind = depth <= 0 ? 0 : (int) next_rand (st, 6);
  char a[512], b[512];
  switch (kind)
    {
    case 0:
      return (size_t) snprintf (out, size, "(%d*x + %d*y + %d)", (int) next_rand (st, 5) - 2,
                                (int) next_rand (st, 5) - 2, (int) next_rand (st, 3) - 1);
    case 1:
    case 2:
    case 3:
      random_text (st, depth - 1, a, sizeof a);
      random_text (st, depth - 1, b, sizeof b);
      return (size_t) snprintf (out, size, "%s(%s, %s)",
                                kind == 1 ? "max" : kind == 2 ? "min" : "0.5*max", a, b);
    case 4:
      random_text (st, depth - 1, a, sizeof a);
      random_text (st, depth - 1, b, sizeof b);
      return (size_t) snprintf (out, size, "(%s + abs(%s))", a, b);
    default:
      random_text (st, depth - 1, a, sizeof a);
      return (size_t) snprintf (out, size, "%s(%s)", next_rand (st, 2) ? "relu" : "-abs", a);
    }
}

START_TEST (test_random_pl)
{
  /* For a piecewise-linear f, along any d inside an open cone f'(x; d) is
     g . d for that cone's limiting gradient g, and never above f°(x; d).
     Routes: the germ of the restriction, and the cones' selections. */
  unsigned long long state = 2385;
  int iters = ns_test_iterations (200), decided = 0;
  for (int it = 0; it < iters; it++)
    {
      unsigned long long seed = state;
      char text[2048];
      random_text (&state, 3, text, sizeof text);
      double x[2] = { (double) next_rand (&state, 3) - 1, (double) next_rand (&state, 3) - 1 };
      if (next_rand (&state, 2))
        x[0] = x[1] = 0;
      ns_mfn *f = parse_ok (text, 2);
      ns_result g[2 * 64];
      size_t count = 0;
      ns_status st = ns_mfn_limiting_gradients (f, x, g, 64, &count);
      ck_assert_msg (st == NS_OK || st == NS_EUNDECIDED, "seed %llu: %s: %s", seed, text,
                     ns_strerror (st));
      if (st == NS_OK)
        {
          decided++;
          ck_assert (count >= 1);
          for (int k = 0; k < 8; k++)
            {
              /* High-entropy directions, off every rational cut. */
              double d[2] = { cos (0.785 * k + 0.2385), sin (0.785 * k + 0.2385) };
              ns_result fd, fo;
              ck_assert_int_eq (ns_mfn_dirderiv (f, x, d, &fd), NS_OK);
              ck_assert_int_eq (ns_mfn_clarke_dirderiv (f, x, d, &fo), NS_OK);
              ck_assert_msg (fd.val <= fo.val + fo.err + fd.err, "seed %llu: %s", seed, text);
              int hit = 0;
              for (size_t i = 0; i < count && !hit; i++)
                {
                  double v = g[2 * i].val * d[0] + g[2 * i + 1].val * d[1];
                  double e = g[2 * i].err * fabs (d[0]) + g[2 * i + 1].err * fabs (d[1])
                    + 4 * DBL_EPSILON * (fabs (g[2 * i].val) + fabs (g[2 * i + 1].val));
                  hit = fabs (fd.val - v) <= fd.err + e;
                }
              ck_assert_msg (hit, "seed %llu: %s at (%g, %g): f'(x; d) = %g matches no "
                             "limiting gradient", seed, text, x[0], x[1], fd.val);
            }
        }
      ns_mfn_free (f);
    }
  /* The refusals must stay the exception on these generic examples. */
  ck_assert_msg (decided * 10 >= iters * 9, "only %d of %d decided", decided, iters);
}
END_TEST

/* ---- bad input */

typedef struct parse_bad {
  const char *text;
  int n;
  ns_status status;
  int column;
  const char *message;
} parse_bad;

static const parse_bad parse_bads[] = {
  { "x + x1", 0, NS_EPARSE, 5, "variable 'x1' mixes the names x, y, z with x1, x2, ..." },
  { "x65", 0, NS_EPARSE, 1, "variable 'x65' beyond the 64 variables" },
  { "x99999999999999999999", 0, NS_EPARSE, 1, NULL },
  { "2*y", 1, NS_EPARSE, 3, "variable 'y' beyond the 1 variable" },
  { "x0 + 1", 0, NS_EPARSE, 1, "unknown name 'x0'" },
  { "x01", 0, NS_EPARSE, 1, "unknown name 'x01'" },
  { "w", 0, NS_EPARSE, 1, "unknown name 'w'" },
  { "clamp(x, y, 1)", 0, NS_EPARSE, 10, NULL },
  { "max(x, y", 0, NS_EPARSE, 9, NULL },
  { "x", 65, NS_EINVAL, 0, NULL },
  { "x", -1, NS_EINVAL, 0, NULL },
};

START_TEST (test_parse_bad)
{
  const parse_bad *c = &parse_bads[_i];
  ns_mfn *f = (ns_mfn *) 1;
  ns_parse_error e;
  ns_status st = ns_mfn_parse (c->text, c->n, &f, &e);
  ck_assert_msg (st == c->status, "%s: %s", c->text, ns_strerror (st));
  ck_assert_ptr_null (f);
  ck_assert_msg (e.column == c->column, "%s: column %d: %s", c->text, e.column, e.text);
  ck_assert (e.text[0] != '\0');
  if (c->message != NULL)
    ck_assert_str_eq (e.text, c->message);
}
END_TEST

START_TEST (test_bad_input)
{
  ns_mfn *f = parse_ok ("x + y", 0);
  double x[2] = { 1, NAN }, ok[2] = { 1, 2 };
  ns_result r, g[2];
  ns_function *h = (ns_function *) 1;
  ck_assert_int_eq (ns_mfn_eval (f, x, &r), NS_EINVAL);
  ck_assert (isnan (r.val));
  ck_assert_int_eq (ns_mfn_eval (NULL, ok, &r), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_eval (f, NULL, &r), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_eval (f, ok, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_dirderiv (f, ok, NULL, &r), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_dirderiv (f, ok, x, &r), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_gradient (f, x, g), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_gradient (NULL, ok, g), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_restrict (f, x, NULL, &h), NS_EINVAL);
  ck_assert_ptr_null (h);
  ns_mfn_free (f);   /* the bad calls below set f to NULL */
  ck_assert_int_eq (ns_mfn_parse (NULL, 0, &f, NULL), NS_EINVAL);
  ck_assert_ptr_null (f);
  ck_assert_int_eq (ns_mfn_parse ("x", 0, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_from_fn (NULL, &f), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_nvars (NULL), 0);
  ns_mfn_free (NULL);
  /* Outside the domain */
  f = parse_ok ("log(x) + y", 0);
  double at[2] = { -1, 0 };
  ck_assert_int_eq (ns_mfn_eval (f, at, &r), NS_EDOM);
  ck_assert (isnan (r.val));
  ck_assert_int_eq (ns_mfn_gradient (f, at, g), NS_EDOM);
  ns_mfn_free (f);
}
END_TEST

START_TEST (test_polytope_alloc)
{
  ns_polytope *p = ns_polytope_alloc (3, 2, 4);
  ck_assert_ptr_nonnull (p);
  ck_assert_int_eq (p->n, 3);
  ck_assert_int_eq (p->dim, 0);
  ck_assert_uint_eq (p->count, 2);
  ck_assert_uint_eq (p->nfacets, 4);
  for (size_t i = 0; i < 6; i++)
    ck_assert (p->vertices[i] == 0 && p->err[i] == 0);
  for (size_t i = 0; i < 12; i++)
    ck_assert (p->normals[i] == 0);
  for (size_t i = 0; i < 4; i++)
    ck_assert (p->offsets[i] == 0);
  ns_polytope_free (p);
  p = ns_polytope_alloc (2, 0, 0);   /* the empty set */
  ck_assert_ptr_nonnull (p);
  ck_assert_int_eq (p->dim, -1);
  ck_assert_uint_eq (p->count, 0);
  ns_polytope_free (p);
  ck_assert_ptr_null (ns_polytope_alloc (0, 1, 0));
  ck_assert_ptr_null (ns_polytope_alloc (NS_MULTI_MAX_VARS + 1, 1, 0));
  ck_assert_ptr_null (ns_polytope_alloc (2, SIZE_MAX / 4, 0));
  ns_polytope_free (NULL);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("multi");
  TCase *core = tcase_create ("core");
  tcase_add_loop_test (core, test_eval, 0, sizeof eval_cases / sizeof eval_cases[0]);
  tcase_add_loop_test (core, test_dirderiv, 0, sizeof dir_cases / sizeof dir_cases[0]);
  tcase_add_loop_test (core, test_against_line, 0, sizeof line_cases / sizeof line_cases[0]);
  tcase_add_test (core, test_one_variable);
  tcase_add_loop_test (core, test_gradient, 0, sizeof grad_cases / sizeof grad_cases[0]);
  tcase_add_loop_test (core, test_polytopes, 0, sizeof poly_cases / sizeof poly_cases[0]);
  tcase_add_loop_test (core, test_clarke_n, 0, sizeof clarke_n_cases / sizeof clarke_n_cases[0]);
  tcase_add_loop_test (core, test_limiting_nd, 0, sizeof nd_cases / sizeof nd_cases[0]);
  tcase_add_loop_test (core, test_frechet, 0, sizeof frechet_cases / sizeof frechet_cases[0]);
  tcase_add_loop_test (core, test_limiting, 0, sizeof limiting_cases / sizeof limiting_cases[0]);
  suite_add_tcase (s, core);
  TCase *random = tcase_create ("random");
  tcase_set_timeout (random, 60);
  tcase_add_test (random, test_random_pl);
  tcase_add_test (random, test_cells_vs_arcs);
  tcase_add_test (random, test_frechet_convex);
  suite_add_tcase (s, random);
  TCase *limits = tcase_create ("limits");
  tcase_add_loop_test (limits, test_parse_bad, 0, sizeof parse_bads / sizeof parse_bads[0]);
  tcase_add_test (limits, test_bad_input);
  tcase_add_test (limits, test_polytope_refusals);
  tcase_add_test (limits, test_polytope_alloc);
  suite_add_tcase (s, limits);
  return s;
}
