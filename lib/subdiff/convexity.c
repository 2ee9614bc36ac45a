/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/subdiff/convexity.c: a certificate that a function is convex on the whole
   real line, by the composition rules of disciplined convex programming:
   affine pieces, sums, positive multiples, max of convex, a convex
   nondecreasing outer function (exp, relu, leaky_relu with slope in
   [0, 1], powers on [0, inf)) of a convex argument, abs and powers of
   functions whose absolute value is convex (|x|^n, |x^3|), products of
   nonnegative convex factors monotone in the same direction (with a
   monotonicity certificate by rules), and the dual rules for concave
   functions.  Sufficient, not necessary: ns_fn_convexity_on falls back on
   the piecewise checks of lib/subdiff/convexity_pl.c and
   lib/subdiff/convexity_line.c when they fail. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <nonsmooth/subdiff.h>
#include "subdiff/convexity_impl.h"
#include "function/certify.h"

/* Curvature classes, ordered so that CONST and AFFINE are both convex and
   concave. */
typedef enum curvature {
  CURV_CONST,
  CURV_AFFINE,
  CURV_CONVEX,
  CURV_CONCAVE,
  CURV_UNKNOWN
} curvature;

/* Where the classifier writes its reason: the first (deepest) refusal wins,
   so the user sees the subexpression that broke the rules. */
typedef struct reason_buf {
  char *buf;
  size_t size;
  int refused;
  const char *rule;   /* the rule applied at the last node classified */
  long *budget;       /* nodes classified so far may not pass it: the
                         retries of abs and powers must stay polynomial */
} reason_buf;

/* Most nodes classified for one function, retries included. */
#define CONVEX_RULES_BUDGET 200000

static int
is_convex_class (curvature c)
{
  return c == CURV_CONST || c == CURV_AFFINE || c == CURV_CONVEX;
}

static int
is_concave_class (curvature c)
{
  return c == CURV_CONST || c == CURV_AFFINE || c == CURV_CONCAVE;
}

static curvature
flip (curvature c)
{
  return c == CURV_CONVEX ? CURV_CONCAVE : c == CURV_CONCAVE ? CURV_CONVEX : c;
}

static curvature
refuse (reason_buf *r, const ns_function *node, const char *why)
{
  if (!r->refused)
    {
      r->refused = 1;
      if (r->buf != NULL && r->size > 0)
        {
          char expr[64];
          size_t need = ns_fn_snprint (expr, sizeof expr, node);
          snprintf (r->buf, r->size, "%s%s: %s", expr,
                    need >= sizeof expr ? "..." : "", why);
        }
    }
  return CURV_UNKNOWN;
}

/* The value of a subtree without x with the sign of its exact value, or
   NaN when it is undefined (then the whole function is undefined
   everywhere and cannot be certified) or its sign is not decided.  The
   rules read only the sign: (1 + 1e-16 - 1) is 0 in doubles and 1e-16
   exactly, so -(1 + 1e-16 - 1)*x^2 is concave, not constant. */
static double
constant_value (const ns_function *f)
{
  ns_result v;
  if (ns_fn_eval (f, 0.0, &v) != NS_OK)
    return NAN;
  if (v.err == 0 || fabs (v.val) > v.err)
    return v.val;
  int s = ns_cert_const_sign (f);
  if (s == 2)
    return NAN;
  return s == 0 ? 0.0 : s * fmax (fabs (v.val), DBL_TRUE_MIN);
}

/* The curvature of c * (a function of curvature K). */
static curvature
scale_curvature (curvature k, double c)
{
  if (c == 0)
    return CURV_CONST;
  return c > 0 ? k : flip (k);
}

static curvature classify (const ns_function *f, reason_buf *r);

/* 1 when F >= 0 everywhere it is defined, by the signs of its
   primitives; 0 when that is not shown. */
static int
nonnegative (const ns_function *f)
{
  ns_op op = ns_fn_op (f);
  const ns_function *a = ns_fn_arg (f, 0), *b = ns_fn_arg (f, 1);
  /* A subtree without x is its value (NaN, undefined, fails). */
  if (op != NS_OP_X && !ns_convex_has_x (f))
    return constant_value (f) >= 0;
  switch (op)
    {
    case NS_OP_X:
      return 0;
    case NS_OP_RELU:
    case NS_OP_ABS:
    case NS_OP_EXP:
    case NS_OP_SQRT:
      return 1;
    case NS_OP_POW:
      return fmod (ns_fn_param (f, 0), 2.0) == 0 || nonnegative (a);
    case NS_OP_ADD:
    case NS_OP_MUL:
    case NS_OP_DIV:
    case NS_OP_MIN:
      return nonnegative (a) && nonnegative (b);
    case NS_OP_MAX:
      return nonnegative (a) || nonnegative (b);
    case NS_OP_CLAMP:
      return ns_fn_param (f, 0) >= 0 || (nonnegative (a) && ns_fn_param (f, 1) >= 0);
    case NS_OP_LEAKY_RELU:
      return nonnegative (a);
    case NS_OP_HEAVISIDE:
      return ns_fn_param (f, 0) >= 0;
    default:
      return 0;
    }
}

/* Monotonicity on the whole line, by rules.  CONST is both
   nondecreasing and nonincreasing; NONE means not shown. */
typedef enum monotone {
  MONO_CONST,
  MONO_UP,
  MONO_DOWN,
  MONO_NONE
} monotone;

static monotone
mono_flip (monotone m)
{
  return m == MONO_UP ? MONO_DOWN : m == MONO_DOWN ? MONO_UP : m;
}

/* The direction shared by A and B (a sum, a max or min, a product of
   nonnegative factors of those directions), or NONE. */
static monotone
mono_join (monotone a, monotone b)
{
  if (a == MONO_NONE || b == MONO_NONE)
    return MONO_NONE;
  if (a == MONO_CONST)
    return b;
  if (b == MONO_CONST || a == b)
    return a;
  return MONO_NONE;
}

/* The direction of c * (a function of direction M). */
static monotone
mono_scale (monotone m, double c)
{
  if (c == 0)
    return MONO_CONST;
  if (isnan (c))
    return MONO_NONE;
  return c > 0 ? m : mono_flip (m);
}

/* Whether F is nondecreasing or nonincreasing wherever it is defined:
   x rises; a sum, max or min of functions rising together rises; positive
   multiples keep the direction and negative ones flip it; a nondecreasing
   outer function (exp, relu, leaky_relu with slope >= 0, heaviside, sign,
   floor, clamp, sqrt, log, odd powers, powers of a nonnegative base)
   keeps its argument's direction; so does |g| for g >= 0, and a product
   of nonnegative factors rising (or falling) together. */
static monotone
monotonicity (const ns_function *f)
{
  ns_op op = ns_fn_op (f);
  if (op == NS_OP_X)
    return MONO_UP;
  if (!ns_convex_has_x (f))
    return MONO_CONST;
  const ns_function *a = ns_fn_arg (f, 0), *b = ns_fn_arg (f, 1);
  switch (op)
    {
    case NS_OP_ADD:
    case NS_OP_MAX:
    case NS_OP_MIN:
      return mono_join (monotonicity (a), monotonicity (b));
    case NS_OP_SUB:
      return mono_join (monotonicity (a), mono_flip (monotonicity (b)));
    case NS_OP_NEG:
      return mono_flip (monotonicity (a));
    case NS_OP_MUL:
      if (!ns_convex_has_x (a))
        return mono_scale (monotonicity (b), constant_value (a));
      if (!ns_convex_has_x (b))
        return mono_scale (monotonicity (a), constant_value (b));
      /* u v with u, v >= 0: u(y) v(y) >= u(x) v(x) when both rise. */
      if (nonnegative (a) && nonnegative (b))
        return mono_join (monotonicity (a), monotonicity (b));
      return MONO_NONE;
    case NS_OP_DIV:
      if (ns_convex_has_x (b))
        return MONO_NONE;
      {
        double c = constant_value (b);
        return c == 0 ? MONO_NONE : mono_scale (monotonicity (a), 1.0 / c);
      }
    case NS_OP_POW:
      {
        double n = ns_fn_param (f, 0);
        /* t^n rises on the line for odd n > 0, on [0, inf) for n > 0. */
        if (n > 0 && (fmod (n, 2.0) != 0 || nonnegative (a)))
          return monotonicity (a);
        return MONO_NONE;
      }
    case NS_OP_EXP:
    case NS_OP_RELU:
    case NS_OP_HEAVISIDE:
    case NS_OP_SIGN:
    case NS_OP_FLOOR:
    case NS_OP_CLAMP:
    case NS_OP_SQRT:
    case NS_OP_LOG:
      return monotonicity (a);
    case NS_OP_LEAKY_RELU:
      return ns_fn_param (f, 0) >= 0 ? monotonicity (a) : MONO_NONE;
    case NS_OP_ABS:
      return nonnegative (a) ? monotonicity (a) : MONO_NONE;
    default:
      return MONO_NONE;
    }
}

/* Outer function convex and nondecreasing (exp, relu, leaky_relu with
   slope in [0, 1]): convex of convex is convex. */
static curvature
convex_nondecreasing_of (const ns_function *f, curvature a, reason_buf *r)
{
  if (is_convex_class (a))
    {
      r->rule = "a convex nondecreasing function of a convex argument";
      return CURV_CONVEX;
    }
  return refuse (r, f, "a convex nondecreasing function of an argument not certified convex");
}

/* 1 when |H| is convex on the whole line by the rules: H affine (|ax +
   b|), H convex and nonnegative (|h| = h), and through the identities |-h|
   = |h|, |c h| = |c| |h| and |h^n| = |h|^n (t^n is convex and
   nondecreasing on [0, inf) for n >= 1, so a power of the nonnegative
   convex |h| is convex).  Classifies with its own scratch reason, so a
   failed attempt leaves R's message alone. */
static int
abs_convex (const ns_function *h, reason_buf *r)
{
  char scratch[8];
  reason_buf s = { scratch, sizeof scratch, 0, "constant", r->budget };
  ns_op op = ns_fn_op (h);
  const ns_function *a = ns_fn_arg (h, 0), *b = ns_fn_arg (h, 1);
  switch (op)
    {
    case NS_OP_NEG:
      return abs_convex (a, r);
    case NS_OP_MUL:
      if (!ns_convex_has_x (a) && !isnan (constant_value (a)))
        return abs_convex (b, r);
      if (!ns_convex_has_x (b) && !isnan (constant_value (b)))
        return abs_convex (a, r);
      break;
    case NS_OP_DIV:
      if (!ns_convex_has_x (b) && constant_value (b) != 0 && !isnan (constant_value (b)))
        return abs_convex (a, r);
      break;
    case NS_OP_POW:
      if (ns_fn_param (h, 0) >= 1)
        return abs_convex (a, r);
      break;
    default:
      break;
    }
  curvature k = classify (h, &s);
  return k == CURV_CONST || k == CURV_AFFINE || (k == CURV_CONVEX && nonnegative (h));
}

static curvature
classify (const ns_function *f, reason_buf *r)
{
  ns_op op = ns_fn_op (f);
  const ns_op_info *info = ns_op_get (op);
  if (++*r->budget > CONVEX_RULES_BUDGET)
    return refuse (r, f, "too many subexpressions for the rules");
  /* |h| and even powers h^n = |h|^n: the identities of abs_convex reach
     |x^3| and (x^3)^2, whose argument the rules alone refuse. */
  ns_op inner = info != NULL && info->arity >= 1 ? ns_fn_op (ns_fn_arg (f, 0)) : NS_OP_COUNT;
  if ((op == NS_OP_ABS
       || (op == NS_OP_POW && ns_fn_param (f, 0) >= 2 && fmod (ns_fn_param (f, 0), 2.0) == 0))
      && (inner == NS_OP_NEG || inner == NS_OP_MUL || inner == NS_OP_DIV || inner == NS_OP_POW)
      && ns_convex_has_x (ns_fn_arg (f, 0)) && abs_convex (ns_fn_arg (f, 0), r))
    {
      r->rule = op == NS_OP_ABS ? "the absolute value of a function with convex |h|"
                                : "an even power of a function with convex |h|";
      return CURV_CONVEX;
    }
  if (op == NS_OP_X)
    {
      r->rule = "affine";
      return CURV_AFFINE;
    }
  if (op == NS_OP_CONST)
    {
      r->rule = "constant";
      return CURV_CONST;
    }
  if (info == NULL)
    return refuse (r, f, "unknown primitive");

  curvature a = CURV_CONST, b = CURV_CONST;
  if (info->arity >= 1)
    a = classify (ns_fn_arg (f, 0), r);
  if (info->arity >= 2)
    b = classify (ns_fn_arg (f, 1), r);
  if (a == CURV_UNKNOWN || b == CURV_UNKNOWN)
    return CURV_UNKNOWN;

  /* A subtree without x is a constant, whatever its primitives, provided
     it is defined. */
  if (a == CURV_CONST && b == CURV_CONST)
    {
      if (isnan (constant_value (f)))
        return refuse (r, f, "a constant that is undefined or whose sign the doubles do not decide");
      r->rule = "constant";
      return CURV_CONST;
    }

  switch (op)
    {
    case NS_OP_ADD:
    case NS_OP_SUB:
      {
        curvature bb = op == NS_OP_SUB ? flip (b) : b;
        if (is_convex_class (a) && is_convex_class (bb))
          {
            int affine = a != CURV_CONVEX && bb != CURV_CONVEX;
            r->rule = affine ? "affine" : "a sum of convex functions";
            return affine ? CURV_AFFINE : CURV_CONVEX;
          }
        if (is_concave_class (a) && is_concave_class (bb))
          {
            r->rule = "a sum of concave functions";
            return CURV_CONCAVE;
          }
        return refuse (r, f, "a sum of a convex and a concave function");
      }
    case NS_OP_NEG:
      r->rule = a == CURV_AFFINE ? "affine"
                : is_convex_class (a) ? "the negative of a convex function"
                : "the negative of a concave function";
      return flip (a);
    case NS_OP_MUL:
      {
        if (a != CURV_CONST && b != CURV_CONST)
          {
            /* (u v)'' = u'' v + 2 u' v' + u v'' >= 0 for u, v >= 0 convex
               with u' v' >= 0; for nonsmooth u, v the same holds of the
               chords (Boyd and Vandenberghe, exercise 3.32). */
            const ns_function *u = ns_fn_arg (f, 0), *v = ns_fn_arg (f, 1);
            if (is_convex_class (a) && is_convex_class (b) && nonnegative (u) && nonnegative (v))
              {
                monotone mu = monotonicity (u), mv = monotonicity (v);
                if (mono_join (mu, mv) != MONO_NONE)
                  {
                    r->rule = "a product of nonnegative convex factors monotone in the same direction";
                    return CURV_CONVEX;
                  }
                return refuse (r, f, "a product of nonnegative convex factors not shown monotone in the same direction");
              }
            return refuse (r, f, "a product of two non-constant factors not shown nonnegative and convex");
          }
        double c = constant_value (ns_fn_arg (f, a == CURV_CONST ? 0 : 1));
        curvature k = scale_curvature (a == CURV_CONST ? b : a, c);
        r->rule = k == CURV_AFFINE ? "affine" : "a constant multiple of a convex or concave function";
        return k;
      }
    case NS_OP_DIV:
      {
        if (b != CURV_CONST)
          return refuse (r, f, "division by a non-constant: undefined where it vanishes");
        double c = constant_value (ns_fn_arg (f, 1));
        if (c == 0)
          return refuse (r, f, "division by zero");
        curvature k = scale_curvature (a, 1.0 / c);
        r->rule = k == CURV_AFFINE ? "affine" : "a constant multiple of a convex or concave function";
        return k;
      }
    case NS_OP_POW:
      {
        double n = ns_fn_param (f, 0);
        if (n == 0)
          {
            r->rule = "constant";
            return CURV_CONST;
          }
        if (n == 1)
          return a;
        if (n < 0)
          return refuse (r, f, "a negative power, undefined where its base vanishes");
        if (a == CURV_CONVEX && n >= 1 && nonnegative (ns_fn_arg (f, 0)))
          {
            /* t^n is convex and nondecreasing on [0, inf). */
            r->rule = "a power of a nonnegative convex function";
            return CURV_CONVEX;
          }
        if (a != CURV_AFFINE)
          return refuse (r, f, "a power of a non-affine argument not certified convex and nonnegative");
        if (fmod (n, 2.0) != 0)
          return refuse (r, f, "an odd power of an affine function is neither convex nor concave");
        r->rule = "an even power of an affine function";
        return CURV_CONVEX;
      }
    case NS_OP_EXP:
    case NS_OP_RELU:
      return convex_nondecreasing_of (f, a, r);
    case NS_OP_LEAKY_RELU:
      {
        double s = ns_fn_param (f, 0);
        if (s == 1)
          return a;
        if (s >= 0 && s < 1)
          return convex_nondecreasing_of (f, a, r);
        if (s > 1)
          {
            /* min(a, s a): concave and nondecreasing. */
            if (is_concave_class (a))
              {
                r->rule = "a concave nondecreasing function of a concave argument";
                return CURV_CONCAVE;
              }
            return refuse (r, f, "leaky_relu with slope > 1 (concave) of an argument not certified concave");
          }
        /* s < 0: max(a, s a) is convex but not monotone. */
        if (a == CURV_AFFINE)
          {
            r->rule = "leaky_relu with negative slope (a max of affine functions) of an affine argument";
            return CURV_CONVEX;
          }
        return refuse (r, f, "leaky_relu with negative slope of a non-affine argument");
      }
    case NS_OP_ABS:
      if (a == CURV_AFFINE)
        {
          r->rule = "abs of an affine function";
          return CURV_CONVEX;
        }
      if (a == CURV_CONVEX && nonnegative (ns_fn_arg (f, 0)))
        {
          r->rule = "abs of a nonnegative convex function";
          return CURV_CONVEX;
        }
      return refuse (r, f, "abs of a non-affine argument not shown nonnegative and convex");
    case NS_OP_MAX:
      if (is_convex_class (a) && is_convex_class (b))
        {
          r->rule = "a max of convex functions";
          return CURV_CONVEX;
        }
      return refuse (r, f, "a max with an argument not certified convex");
    case NS_OP_MIN:
      if (is_concave_class (a) && is_concave_class (b))
        {
          r->rule = "a min of concave functions";
          return CURV_CONCAVE;
        }
      return refuse (r, f, "a min is not convex unless it is certified concave-and-affine");
    case NS_OP_LOG:
      /* log is undefined at 0 and below, so not even log(x^2 + 1) is
         refused for its domain: what is missing is a rule for it. */
      return refuse (r, f, nonnegative (ns_fn_arg (f, 0))
                               ? "log is concave; no rule certifies log of a non-constant "
                                 "argument convex (and log needs a positive argument)"
                               : "log needs a positive argument, which is not shown on the "
                                 "whole line");
    case NS_OP_SQRT:
      /* sqrt of a nonnegative argument is defined everywhere (sqrt(x^2 + 1),
         sqrt(abs(x))): then the refusal is about curvature, not domain. */
      return refuse (r, f, nonnegative (ns_fn_arg (f, 0))
                               ? "defined everywhere, but sqrt is concave: no rule certifies "
                                 "sqrt of a non-constant argument convex"
                               : "sqrt needs a nonnegative argument, which is not shown on "
                                 "the whole line");
    case NS_OP_SIN:
    case NS_OP_COS:
      return refuse (r, f, "a trigonometric function is neither convex nor concave");
    case NS_OP_HEAVISIDE:
    case NS_OP_SIGN:
    case NS_OP_FLOOR:
      return refuse (r, f, "a step function of a non-constant argument is not convex");
    case NS_OP_CLAMP:
      return refuse (r, f, "clamp of a non-constant argument is neither convex nor concave");
    default:
      return refuse (r, f, "no composition rule for this primitive");
    }
}

int
ns_convex_by_rules (const ns_function *f, char *reason, size_t size)
{
  if (reason != NULL && size > 0)
    reason[0] = '\0';
  long budget = 0;
  reason_buf r = { reason, size, 0, "constant", &budget };
  curvature k = classify (f, &r);
  if (is_convex_class (k))
    {
      if (reason != NULL && size > 0)
        snprintf (reason, size, "convex: %s", r.rule);
      return 1;
    }
  if (k == CURV_CONCAVE && reason != NULL && size > 0)
    snprintf (reason, size, "not certified convex: it is concave (%s) and not affine by the rules", r.rule);
  return 0;
}

ns_status
ns_fn_convexity (const ns_function *f, int *certified, char *reason, size_t size)
{
  if (reason != NULL && size > 0)
    reason[0] = '\0';
  if (certified != NULL)
    *certified = 0;
  if (f == NULL || certified == NULL)
    {
      if (reason != NULL && size > 0)
        snprintf (reason, size, "invalid argument");
      return NS_EINVAL;
    }
  ns_convexity_report rep;
  ns_status st = ns_fn_convexity_on (f, -HUGE_VAL, HUGE_VAL, &rep);
  if (reason != NULL && size > 0)
    snprintf (reason, size, "%s", rep.reason);
  if (st == NS_OK && rep.answer == NS_CONVEX_YES)
    {
      *certified = 1;
      return NS_OK;
    }
  return st == NS_ENOMEM ? st : NS_ENOTCONVEX;
}
