/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/ad/ad.c: forward-mode (dual-number) derivatives of a function tree under
   a named kink convention; the framework presets with the source of every
   entry; the comparison of each preset with the Clarke subdifferential. */
#include <config.h>
#include <math.h>
#include <string.h>
#include <nonsmooth/ad.h>
#include <nonsmooth/subdiff.h>

/* ------------------------------------------------------------- presets

   Each framework entry was read from the framework's own source:

   PyTorch, tools/autograd/derivatives.yaml (pytorch/pytorch; the maximum,
   minimum entries as in a 2025 copy of the file; abs and the clamp comment
   also in the 2019 copy at commit 0002cecd), checked by hand against
   Debian's python3-torch 1.13.1 (see the manual):
     relu:        threshold_backward(grad, result, 0): grad where result > 0 -> 0
     abs:         grad * self.sgn()                    -> sgn(0) = 0
     sign, floor: zeros_like(grad)                     -> 0
     maximum:     where(self == other, grad / 2, grad) -> 1/2, 1/2 at a tie
     minimum:     the same                             -> 1/2, 1/2
     clamp:       clamp_backward: grad where min <= self <= max -> 1 at both bounds
     leaky_relu:  leaky_relu_backward: self > 0 ? grad : grad * negval -> s
     sqrt:        grad / (2 * result)                  -> +inf at 0
     heaviside:   no derivative formula (autograd raises an error) -> undefined
   TensorFlow 2 (tensorflow/tensorflow, tensorflow/python/ops/math_grad.py
   and nn_grad.py, the latter at commit 01064be9; kernels in tensorflow/core/kernels/relu_op_functor.h):
     Relu:        relu_grad = gradients * (features > 0)  -> 0 (a product:
                  the sign of the zero follows the incoming gradient)
     Abs:         grad * sign(x)                       -> 0
     Sign, Floor: zeros / None                         -> 0
     Maximum:     _MaximumMinimumGrad, xmask = x >= y  -> 1 to x, 0 to y
     Minimum:     xmask = x <= y                       -> 1 to x, 0 to y
     clip_by_value: _ClipByValueGrad, zero only where x < lo or x > hi -> 1
     LeakyRelu:   features > 0 ? grad : grad * alpha   -> s
     Sqrt:        grad * 0.5 / y                       -> +inf at 0
     heaviside:   tf.experimental.numpy.heaviside is a select -> 0
   JAX (jax-ml/jax, jax/_src/lax/lax.py and jax/_src/nn/functions.py; the
   same rules in copies from 2019 to the current hlo lowering):
     relu:        custom_jvp, where(x > 0, g, 0)       -> 0
     abs:         select(x >= 0, g, -g)                -> 1
     sign, floor: defjvp_zero                          -> 0
     max_p/min_p: _balanced_eq                         -> 1/2, 1/2 at a tie
     jnp.clip:    maximum then minimum                 -> 1/2 at each bound
     leaky_relu:  where(x >= 0, x, s * x)              -> 1
     sqrt:        g * 0.5 / ans                        -> +inf at 0
     heaviside:   jnp.heaviside is a where             -> 0
   SymPy (diff, then substitute; Heaviside(0) = 1/2 since SymPy 1.9):
     Max(0,x)' = Heaviside(x) -> 1/2; Abs' = sign -> 0; sign' = 2 DiracDelta
     and Heaviside' = DiracDelta -> undefined at 0; Max/Min ties 1/2, 1/2;
     Min(Max(x,lo),hi) -> 1/2 at each bound; Max(s x, x) -> (s + 1)/2;
     floor' -> 0 off the integers, undefined at them; sqrt' = 1/(2 sqrt(0))
     = zoo -> undefined. */

static const ns_kink_policy preset_table[NS_AD_PRESET_COUNT] = {
  /* name        relu abs  sign heav leaky            max_tie     min_tie     clo  chi  floor sqrt0 */
  { "pytorch",    0.0, 0.0, 0.0, NAN, NS_KINK_LEFT,    {0.5, 0.5}, {0.5, 0.5}, 1.0, 1.0, 0.0, INFINITY },
  { "tensorflow", 0.0, 0.0, 0.0, 0.0, NS_KINK_LEFT,    {1.0, 0.0}, {1.0, 0.0}, 1.0, 1.0, 0.0, INFINITY },
  { "jax",        0.0, 1.0, 0.0, 0.0, NS_KINK_RIGHT,   {0.5, 0.5}, {0.5, 0.5}, 0.5, 0.5, 0.0, INFINITY },
  { "sympy",      0.5, 0.0, NAN, NAN, NS_KINK_AVERAGE, {0.5, 0.5}, {0.5, 0.5}, 0.5, 0.5, NAN, NAN },
  /* The generic policies.  max(a, b) = b + relu(a - b) and min(a, b) =
     a - relu(a - b): "left" and "right" mean the side of a - b.  clamp is
     max(a, lo) near lo and min(a, hi) near hi.  sign, heaviside and floor
     are flat on both sides of their jump: left = right = average = 0, but
     they have no Clarke set, so min-norm is undefined there, as is sqrt,
     which has no left side and an infinite right slope. */
  { "left",       0.0, -1.0, 0.0, 0.0, NS_KINK_LEFT,   {0.0, 1.0}, {1.0, 0.0}, 0.0, 1.0, 0.0, NAN },
  { "right",      1.0, 1.0, 0.0, 0.0, NS_KINK_RIGHT,   {1.0, 0.0}, {0.0, 1.0}, 1.0, 0.0, 0.0, INFINITY },
  { "average",    0.5, 0.0, 0.0, 0.0, NS_KINK_AVERAGE, {0.5, 0.5}, {0.5, 0.5}, 0.5, 0.5, 0.0, NAN },
  { "min-norm",   0.0, 0.0, NAN, NAN, NS_KINK_MIN_NORM, {0.5, 0.5}, {0.5, 0.5}, 0.0, 0.0, NAN, NAN },
  { "undefined",  NAN, NAN, NAN, NAN, NS_KINK_UNDEFINED, {NAN, NAN}, {NAN, NAN}, NAN, NAN, NAN, NAN },
};

ns_status
ns_kink_policy_preset (ns_ad_preset preset, ns_kink_policy *out)
{
  if (out == NULL)
    return NS_EINVAL;
  if ((int) preset < 0 || preset >= NS_AD_PRESET_COUNT)
    {
      memset (out, 0, sizeof *out);
      return NS_EINVAL;
    }
  *out = preset_table[preset];
  return NS_OK;
}

ns_ad_preset
ns_kink_policy_lookup (const char *name)
{
  if (name == NULL)
    return NS_AD_PRESET_COUNT;
  if (strcmp (name, "keras") == 0)
    return NS_AD_TENSORFLOW;
  for (int i = 0; i < NS_AD_PRESET_COUNT; i++)
    if (strcmp (name, preset_table[i].name) == 0)
      return (ns_ad_preset) i;
  return NS_AD_PRESET_COUNT;
}

/* ---------------------------------------------------------- dual numbers */

/* A value and its tangent; has_dot = 0 is a symbolic zero (a constant),
   which contributes no term at all to a sum or product rule, so that the
   signs of zero tangents are those of the terms frameworks actually form. */
typedef struct dual {
  double v;
  double d;
  int has_dot;
} dual;

/* The tangent of a unary primitive with local derivative K: K * da, as a
   product (IEEE: a zero K keeps the XOR of the signs). */
static dual
chain (double v, double k, dual a)
{
  dual r = { v, 0.0, a.has_dot };
  if (a.has_dot)
    r.d = a.d * k;
  return r;
}

/* w0 da + w1 db, leaving out absent tangents. */
static dual
combine (double v, double w0, dual a, double w1, dual b)
{
  dual r = { v, 0.0, a.has_dot || b.has_dot };
  if (a.has_dot && b.has_dot)
    r.d = a.d * w0 + b.d * w1;
  else if (a.has_dot)
    r.d = a.d * w0;
  else if (b.has_dot)
    r.d = b.d * w1;
  return r;
}

static double
leaky_at_zero (ns_kink_side side, double s)
{
  switch (side)
    {
    case NS_KINK_LEFT: return s;
    case NS_KINK_RIGHT: return 1.0;
    case NS_KINK_AVERAGE: return 0.5 * (s + 1.0);
    case NS_KINK_MIN_NORM:
      {
        double lo = s < 1.0 ? s : 1.0, hi = s < 1.0 ? 1.0 : s;
        return lo > 0.0 ? lo : (hi < 0.0 ? hi : 0.0);
      }
    default: return NAN;
    }
}

static ns_status
eval_dual (const ns_function *f, double x, const ns_kink_policy *p,
           int depth, dual *out)
{
  dual a = { 0, 0, 0 }, b = { 0, 0, 0 };
  ns_status st;
  ns_op op = ns_fn_op (f);
  const ns_op_info *info = ns_op_get (op);

  if (depth > NS_FN_MAX_DEPTH)
    return NS_ELIMIT;
  if (info == NULL)
    return NS_EINVAL;
  if (info->arity >= 1 && (st = eval_dual (ns_fn_arg (f, 0), x, p, depth + 1, &a)) != NS_OK)
    return st;
  if (info->arity >= 2 && (st = eval_dual (ns_fn_arg (f, 1), x, p, depth + 1, &b)) != NS_OK)
    return st;

  switch (op)
    {
    case NS_OP_X:
      out->v = x; out->d = 1.0; out->has_dot = 1;
      return NS_OK;
    case NS_OP_CONST:
      out->v = ns_fn_param (f, 0); out->d = 0.0; out->has_dot = 0;
      return NS_OK;
    case NS_OP_ADD:
      *out = combine (a.v + b.v, 1.0, a, 1.0, b);
      if (a.has_dot && b.has_dot)
        out->d = a.d + b.d;
      return NS_OK;
    case NS_OP_SUB:
      *out = combine (a.v - b.v, 1.0, a, 1.0, b);
      if (a.has_dot && b.has_dot)
        out->d = a.d - b.d;
      else if (b.has_dot)
        out->d = -b.d;
      return NS_OK;
    case NS_OP_MUL:
      /* d(ab) = da b + a db: the local derivative of each factor is the
         other factor. */
      *out = combine (a.v * b.v, b.v, a, a.v, b);
      return NS_OK;
    case NS_OP_DIV:
      if (b.v == 0.0)
        return NS_EDOM;
      /* PyTorch's div: grad / other and -grad * self / (other * other). */
      out->v = a.v / b.v;
      out->has_dot = a.has_dot || b.has_dot;
      out->d = 0.0;
      if (a.has_dot)
        out->d = a.d / b.v;
      if (b.has_dot)
        {
          double t = -b.d * a.v / (b.v * b.v);
          out->d = a.has_dot ? out->d + t : t;
        }
      return NS_OK;
    case NS_OP_NEG:
      out->v = -a.v; out->d = -a.d; out->has_dot = a.has_dot;
      return NS_OK;
    case NS_OP_POW:
      {
        int n = (int) ns_fn_param (f, 0);
        if (n < 0 && a.v == 0.0)
          return NS_EDOM;
        *out = chain (pow (a.v, n), n == 0 ? 0.0 : n * pow (a.v, n - 1), a);
        return NS_OK;
      }
    case NS_OP_EXP:
      *out = chain (exp (a.v), exp (a.v), a);
      return NS_OK;
    case NS_OP_LOG:
      if (!(a.v > 0.0))
        return NS_EDOM;
      *out = chain (log (a.v), 1.0 / a.v, a);
      return NS_OK;
    case NS_OP_SQRT:
      if (a.v < 0.0)
        return NS_EDOM;
      if (a.v == 0.0)
        *out = chain (0.0, p->sqrt0, a);
      else
        *out = chain (sqrt (a.v), 0.5 / sqrt (a.v), a);
      return NS_OK;
    case NS_OP_SIN:
      *out = chain (sin (a.v), cos (a.v), a);
      return NS_OK;
    case NS_OP_COS:
      *out = chain (cos (a.v), -sin (a.v), a);
      return NS_OK;
    case NS_OP_RELU:
      *out = chain (a.v > 0.0 ? a.v : 0.0,
                    a.v > 0.0 ? 1.0 : a.v < 0.0 ? 0.0 : p->relu, a);
      return NS_OK;
    case NS_OP_ABS:
      *out = chain (fabs (a.v), a.v > 0.0 ? 1.0 : a.v < 0.0 ? -1.0 : p->abs, a);
      return NS_OK;
    case NS_OP_SIGN:
      *out = chain (a.v > 0.0 ? 1.0 : a.v < 0.0 ? -1.0 : 0.0,
                    a.v == 0.0 ? p->sign : 0.0, a);
      return NS_OK;
    case NS_OP_HEAVISIDE:
      *out = chain (a.v > 0.0 ? 1.0 : a.v < 0.0 ? 0.0 : ns_fn_param (f, 0),
                    a.v == 0.0 ? p->heaviside : 0.0, a);
      return NS_OK;
    case NS_OP_LEAKY_RELU:
      {
        double s = ns_fn_param (f, 0);
        *out = chain (a.v >= 0.0 ? a.v : s * a.v,
                      a.v > 0.0 ? 1.0 : a.v < 0.0 ? s : leaky_at_zero (p->leaky_relu, s), a);
        return NS_OK;
      }
    case NS_OP_MAX:
      if (a.v > b.v)
        *out = combine (a.v, 1.0, a, 0.0, b);
      else if (a.v < b.v)
        *out = combine (b.v, 0.0, a, 1.0, b);
      else
        *out = combine (a.v, p->max_tie[0], a, p->max_tie[1], b);
      return NS_OK;
    case NS_OP_MIN:
      if (a.v < b.v)
        *out = combine (a.v, 1.0, a, 0.0, b);
      else if (a.v > b.v)
        *out = combine (b.v, 0.0, a, 1.0, b);
      else
        *out = combine (a.v, p->min_tie[0], a, p->min_tie[1], b);
      return NS_OK;
    case NS_OP_CLAMP:
      {
        double lo = ns_fn_param (f, 0), hi = ns_fn_param (f, 1), k;
        if (a.v < lo || a.v > hi)
          k = 0.0;
        else if (a.v > lo && a.v < hi)
          k = 1.0;
        else if (lo == hi)
          k = p->clamp_lo * p->clamp_hi;
        else
          k = a.v == lo ? p->clamp_lo : p->clamp_hi;
        *out = chain (a.v < lo ? lo : a.v > hi ? hi : a.v, k, a);
        return NS_OK;
      }
    case NS_OP_FLOOR:
      *out = chain (floor (a.v), floor (a.v) == a.v ? p->floor : 0.0, a);
      return NS_OK;
    default:
      return NS_EINVAL;
    }
}

ns_status
ns_ad_deriv (const ns_function *f, double x, const ns_kink_policy *policy,
             double *value, double *deriv)
{
  dual r;
  ns_status st;

  if (value)
    *value = NAN;
  if (deriv)
    *deriv = NAN;
  if (f == NULL || policy == NULL || value == NULL || deriv == NULL
      || !isfinite (x))
    return NS_EINVAL;
  st = eval_dual (f, x, policy, 0, &r);
  if (st != NS_OK)
    return st;
  *value = r.v;
  /* A function that does not depend on x has derivative +0. */
  *deriv = r.has_dot ? r.d : 0.0;
  if (isnan (*deriv))
    return NS_UNDEFINED;
  if (isinf (*deriv))
    return NS_ERANGE;
  return NS_OK;
}

ns_status
ns_ad_compare (const ns_function *f, double x, ns_set *clarke,
               ns_status *clarke_status, ns_ad_row *rows)
{
  if (f == NULL || clarke == NULL || clarke_status == NULL || rows == NULL
      || !isfinite (x))
    return NS_EINVAL;
  *clarke_status = ns_subdiff (f, x, NS_SUBDIFF_CLARKE, clarke);
  for (int i = 0; i < NS_AD_PRESET_COUNT; i++)
    {
      ns_kink_policy p;
      double v;
      ns_kink_policy_preset ((ns_ad_preset) i, &p);
      rows[i].preset = (ns_ad_preset) i;
      rows[i].status = ns_ad_deriv (f, x, &p, &v, &rows[i].deriv);
      rows[i].in_clarke = -1;
      if (*clarke_status == NS_OK && isfinite (rows[i].deriv))
        {
          int yes = 0;
          if (ns_set_contains (clarke, rows[i].deriv, &yes) == NS_OK)
            rows[i].in_clarke = yes;
        }
    }
  return NS_OK;
}
