/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/eval_scaled.c: evaluation with every value carried as a
   mantissa and a binary exponent, m 2^E, for the points where the double
   evaluation overflows or underflows on the way although the result is a
   double (x^2 in sqrt(x^2 + 1) at 1e160, e^710 in exp(x)/exp(x), e^-800
   in 1/exp(x) at 800).  The operator table's own rules do the work on
   mantissas wherever they commute with scaling by a power of 2, which is
   exact: sums and max/min after aligning exponents, products, quotients,
   powers, sqrt, neg, abs, relu, leaky_relu, sign and heaviside (whose
   decisions look only at signs and at the argument against its own
   bound).  exp and log have their own step; every other primitive needs
   its argument as a double. */
#include <config.h>
#include <float.h>
#include <math.h>
#include "function/function_impl.h"

/* The value m 2^E, with |error| <= e 2^E.  Normalised: 0.5 <= |m| < 1, or
   m = 0 and 0.5 <= e < 1, or m = e = 0 and E = 0. */
typedef struct scaled {
  double m, e;
  long E;
} scaled;

/* Exponents stay far inside long, and exp's argument far inside the range
   where t - floor(t) is exact. */
#define SCALED_MAX_EXP (1L << 40)

/* ldexp of an error bound, rounded up: scaling down into the subnormals
   may round, by at most one subnormal unit. */
static double
scale_bound (double e, long k)
{
  if (e == 0 || isinf (e))
    return e;
  if (k < -3000)
    return DBL_TRUE_MIN;       /* e 2^k < 2^-2000 */
  if (k > 3000)
    return HUGE_VAL;
  double r = ldexp (e, (int) k);
  return r < DBL_MIN ? r + DBL_TRUE_MIN : r;
}

/* Brings S to its normal form; NS_EOVERFLOW when E leaves the range. */
static ns_status
normalize (scaled *s)
{
  int k;
  if (s->m != 0)
    {
      /* Scaling a mantissa up (from the subnormals too) or down into
         [0.5, 1) is exact. */
      s->m = frexp (s->m, &k);
      s->e = scale_bound (s->e, -k);
    }
  else if (s->e != 0 && isfinite (s->e))
    {
      s->e = frexp (s->e, &k);
      /* frexp rounds nothing: the bound is kept exactly. */
    }
  else
    {
      if (s->e == 0)
        s->E = 0;
      return NS_OK;
    }
  s->E += k;
  return (s->E > SCALED_MAX_EXP || s->E < -SCALED_MAX_EXP) ? NS_EOVERFLOW : NS_OK;
}

static ns_status
from_result (const ns_result *r, long E, scaled *s)
{
  if (!isfinite (r->val) || isnan (r->err))
    return NS_EOVERFLOW;
  s->m = r->val;
  s->e = r->err;
  s->E = E;
  return normalize (s);
}

/* S in units of 2^E, E >= S's own exponent (or S zero): the aligned
   mantissa rounds only when it falls into the subnormals, by at most one
   subnormal unit, which the bound takes in. */
static ns_result
align (const scaled *s, long E)
{
  ns_result r;
  long d = s->E - E;
  if (s->m == 0 && s->e == 0)
    return (ns_result) { 0.0, 0.0 };
  if (d < -3000)
    d = -3000;
  r.val = ldexp (s->m, (int) d);
  r.err = scale_bound (s->e, d);
  if (s->m != 0 && fabs (r.val) < DBL_MIN)
    r.err += DBL_TRUE_MIN;
  return r;
}

/* S as a double with its bound; NS_EOVERFLOW when it is no double. */
static ns_status
to_result (const scaled *s, ns_result *r)
{
  if (s->m == 0 && s->e == 0)
    {
      *r = (ns_result) { 0.0, 0.0 };
      return NS_OK;
    }
  if (s->E > 1100)
    return NS_EOVERFLOW;
  *r = align (s, 0);
  /* ldexp into the subnormals rounds; align added one unit for it. */
  return isfinite (r->val) ? NS_OK : NS_EOVERFLOW;
}

/* e^u for u as a double: with t = u log2(e) rounded, e^u = 2^t 2^(T - t)
   where T is the exact exponent, |T - t| <= delta below (the rounding of
   log2(e) to a double, half an ulp, times |u|; the product's rounding;
   u's own error times log2(e) < 1.4427).  So the mantissa exp2(t - K),
   K = floor(t), is off by a factor 2^(+-delta) and exp2's own ulp. */
static ns_status
scaled_exp (const scaled *a, scaled *out)
{
  ns_result u;
  if (to_result (a, &u) != NS_OK || !(fabs (u.val) < 0x1p40))
    return NS_EOVERFLOW;
  const double log2e = 1.4426950408889634;   /* log2(e) rounded to nearest */
  double t = u.val * log2e;
  double k = floor (t), fr = t - k;         /* exact: |t| < 2^41 */
  double m = exp2 (fr);                     /* in [1, 2], within an ulp */
  double delta = ((1.5 * fabs (u.val) + fabs (t)) * 0x1p-53 + 1.4427 * u.err) * (1 + 4 * NS_ULP);
  double rel = expm1 (0.6931471805599454 * delta) * (1 + 4 * NS_ULP) + 2 * NS_ULP;
  out->m = m;
  out->e = isfinite (rel) ? m * rel * (1 + 2 * NS_ULP) : HUGE_VAL;
  out->E = (long) k;
  return normalize (out);
}

/* log(m 2^E) = log(m) + E log 2, m in [0.5, 1) through the table's rule
   (domain and bound), E log 2 with log 2 rounded to a double (half an ulp,
   2^-54, times |E|) and two more roundings (product and sum). */
static ns_status
scaled_log (const ns_function *f, const ns_op_rules *rules, const scaled *a, scaled *out)
{
  ns_result r, lm;
  r.val = a->m;
  r.err = a->e;
  if (rules->eval (f, &r, &lm) != NS_OK || !isfinite (lm.val))
    return NS_EOVERFLOW;
  double E = (double) a->E;                  /* exact: |E| < 2^41 */
  double eln2 = E * 0.6931471805599453;
  double v = lm.val + eln2;
  double err = lm.err + fabs (E) * 0x1p-54 + fabs (eln2) * NS_ULP + fabs (v) * NS_ULP;
  ns_result res = { v, err * (1 + 4 * NS_ULP) + DBL_TRUE_MIN };
  return from_result (&res, 0, out);
}

static int
is_zero (const scaled *s)
{
  return s->m == 0 && s->e == 0;
}

static ns_status
eval_node (const ns_function *f, double x, scaled *out)
{
  const ns_op_rules *rules = ns_op_rules_get (f->op);
  int arity = rules->info.arity;
  scaled a[2];
  ns_result r[2], res;
  if (f->op == NS_OP_X)
    {
      *out = (scaled) { x, 0.0, 0 };
      return normalize (out);
    }
  for (int i = 0; i < arity; i++)
    {
      ns_status st = eval_node (f->arg[i], x, &a[i]);
      if (st != NS_OK)
        return st;
    }
  long E = 0;
  switch (f->op)
    {
    case NS_OP_ADD:
    case NS_OP_SUB:
    case NS_OP_MAX:
    case NS_OP_MIN:
      /* The larger exponent: the smaller operand is aligned to it. */
      E = is_zero (&a[0]) ? a[1].E : is_zero (&a[1]) ? a[0].E
                                    : (a[0].E > a[1].E ? a[0].E : a[1].E);
      r[0] = align (&a[0], E);
      r[1] = align (&a[1], E);
      break;
    case NS_OP_MUL:
    case NS_OP_DIV:
      E = f->op == NS_OP_MUL ? a[0].E + a[1].E : a[0].E - a[1].E;
      for (int i = 0; i < 2; i++)
        r[i] = (ns_result) { a[i].m, a[i].e };
      break;
    case NS_OP_NEG:
    case NS_OP_ABS:
    case NS_OP_RELU:
    case NS_OP_LEAKY_RELU:
    case NS_OP_SIGN:
    case NS_OP_HEAVISIDE:
      /* Positively homogeneous, or (sign, heaviside) a function of the sign
         that looks at the argument only against its own bound. */
      E = (f->op == NS_OP_SIGN || f->op == NS_OP_HEAVISIDE) ? 0 : a[0].E;
      r[0] = (ns_result) { a[0].m, a[0].e };
      break;
    case NS_OP_POW:
      /* |E| < 2^40 and |n| <= 1024: the product fits. */
      E = a[0].E * (long) f->param[0];
      r[0] = (ns_result) { a[0].m, a[0].e };
      break;
    case NS_OP_SQRT:
      /* An even exponent, by doubling the mantissa (exact). */
      if (a[0].E % 2 != 0)
        {
          a[0].m *= 2;
          a[0].e *= 2;
          a[0].E -= 1;
        }
      E = a[0].E / 2;
      r[0] = (ns_result) { a[0].m, a[0].e };
      break;
    case NS_OP_EXP:
      return scaled_exp (&a[0], out);
    case NS_OP_LOG:
      return scaled_log (f, rules, &a[0], out);
    default:
      /* Constants, and the primitives that need their argument as it is
         (sin, cos, floor, clamp): as doubles. */
      for (int i = 0; i < arity; i++)
        if (to_result (&a[i], &r[i]) != NS_OK)
          return NS_EOVERFLOW;
      E = 0;
      break;
    }
  /* A failed domain check on a scaled argument is no verdict on f: the
     double evaluation's status stands. */
  if (rules->eval (f, r, &res) != NS_OK)
    return NS_EOVERFLOW;
  return from_result (&res, E, out);
}

/* F at X through scaled values: NS_OK with a double value and its bound,
   or NS_EOVERFLOW when the value is no double or a step could not be done
   (out untouched). */
ns_status
ns_fn_eval_scaled (const ns_function *f, double x, ns_result *out)
{
  scaled s;
  ns_result r;
  if (eval_node (f, x, &s) != NS_OK || to_result (&s, &r) != NS_OK)
    return NS_EOVERFLOW;
  *out = r;
  return NS_OK;
}
