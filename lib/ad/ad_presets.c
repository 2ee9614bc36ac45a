/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/ad/ad_presets.c: the framework presets of ns_kink_policy with the
   source of every entry, zero kinds included; their sizes, lookup by
   name and initialisation. */
#include <config.h>
#include <math.h>
#include <stddef.h>
#include <string.h>
#include <nonsmooth/ad.h>
#include "ad/ad_impl.h"

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
     = zoo -> undefined.  SymPy simplifies 0*DiracDelta(0) (and
     0*Derivative(floor(x), x)) to 0, so those undefined entries are
     symbols under symbolic_kinks, removed by an exact zero factor: checked
     by hand with SymPy 1.14.0 on 66 kink points (tests/ad_sympy_check.py,
     the table in tests/test_ad.c). */

/* Zero kinds per primitive and mode: P product, S literal +0 (select),
   Y no term (symbolic zero).  { reverse, forward }. */
#define P NS_AD_ZERO_PRODUCT
#define S NS_AD_ZERO_SELECT
#define Y NS_AD_ZERO_SYMBOLIC
#define E NS_AD_ZERO_EXACT
#define ALL_PRODUCT \
  .relu_zero = { P, P }, .abs_zero = { P, P }, .sign_zero = { P, P },      \
  .heaviside_zero = { P, P }, .max_zero = { P, P }, .min_zero = { P, P }, \
  .clamp_zero = { P, P }, .floor_zero = { P, P }

/* The zero kinds, from the same sources (see the manual for the lines):
   PyTorch: relu, clamp, sign, floor write literals (threshold_backward,
     clamp_backward's where, zeros_like) in both modes, since their forward
     formulas are auto_element_wise (the backward formula applied to the
     tangent); abs multiplies (grad * sgn); maximum/minimum write a literal
     in reverse (masked_fill_) but multiply in forward (other_t + w *
     (self_t - other_t), w = 0, 1/2 or 1).  Checked with torch 1.13.1 on
     the expressions of tests/test_ad.c, both modes.
   TensorFlow: Relu multiplies (ReluGrad: gradients * (features > 0)),
     also in forward mode, whose JVP is ReluGradGrad = relu_grad(t, x);
     Maximum, Minimum and clip_by_value select (where_v2(mask, grad,
     zeros)); Sign returns zeros (a literal in reverse; the forward
     accumulator's JVP, the gradient of that constant with respect to the
     incoming gradient, is None); Floor returns None.
   JAX: relu's custom JVP selects (select(x > 0, g, 0)), and the transpose
     of a select selects; max_p/min_p multiply (mul(g, _balanced_eq(...)));
     jnp.clip is maximum then minimum; sign and floor are defjvp_zero and
     heaviside is a where on x, so no term reaches x.
   SymPy differentiates exactly: a zero derivative is the integer 0, with
   no sign, and that 0 multiplies: 0 * DiracDelta(0) is 0 but 0 * zoo is
   nan, so sqrt(abs(x - 1))' = sign(x - 1)/(2 sqrt|x - 1|) is nan at 1
   (checked with SymPy 1.14.0, tests/ad_sympy_check.py).  A literal +0
   (a select) would hide the zoo of sqrt'(0) in reverse mode. */
static const ns_kink_policy preset_table[NS_AD_PRESET_COUNT] = {
  [NS_AD_PYTORCH] = {
    sizeof (ns_kink_policy), "pytorch", 0.0, 0.0, 0.0, NAN, NS_KINK_LEFT,
    { 0.5, 0.5 }, { 0.5, 0.5 }, 1.0, 1.0, 0.0, INFINITY,
    .relu_zero = { S, S }, .abs_zero = { P, P }, .sign_zero = { S, S },
    .heaviside_zero = { P, P }, .max_zero = { S, P }, .min_zero = { S, P },
    .clamp_zero = { S, S }, .floor_zero = { S, S } },
  [NS_AD_TENSORFLOW] = {
    sizeof (ns_kink_policy), "tensorflow", 0.0, 0.0, 0.0, 0.0, NS_KINK_LEFT,
    { 1.0, 0.0 }, { 1.0, 0.0 }, 1.0, 1.0, 0.0, INFINITY,
    .relu_zero = { P, P }, .abs_zero = { P, P }, .sign_zero = { S, Y },
    .heaviside_zero = { Y, Y }, .max_zero = { S, S }, .min_zero = { S, S },
    .clamp_zero = { S, S }, .floor_zero = { Y, Y } },
  [NS_AD_JAX] = {
    sizeof (ns_kink_policy), "jax", 0.0, 1.0, 0.0, 0.0, NS_KINK_RIGHT,
    { 0.5, 0.5 }, { 0.5, 0.5 }, 0.5, 0.5, 0.0, INFINITY,
    .relu_zero = { S, S }, .abs_zero = { P, P }, .sign_zero = { Y, Y },
    .heaviside_zero = { Y, Y }, .max_zero = { P, P }, .min_zero = { P, P },
    .clamp_zero = { P, P }, .floor_zero = { Y, Y } },
  [NS_AD_SYMPY] = {
    sizeof (ns_kink_policy), "sympy", 0.5, 0.0, NAN, NAN, NS_KINK_AVERAGE,
    { 0.5, 0.5 }, { 0.5, 0.5 }, 0.5, 0.5, NAN, NAN,
    .relu_zero = { E, E }, .abs_zero = { E, E }, .sign_zero = { E, E },
    .heaviside_zero = { E, E }, .max_zero = { E, E }, .min_zero = { E, E },
    .clamp_zero = { E, E }, .floor_zero = { E, E }, .symbolic_kinks = 1 },
  /* The generic policies.  max(a, b) = b + relu(a - b) and min(a, b) =
     a - relu(a - b): "left" and "right" mean the side of a - b.  clamp is
     max(a, lo) near lo and min(a, hi) near hi.  sign, heaviside and floor
     are flat on both sides of their jump: left = right = average = 0, but
     they have no Clarke set, so min-norm is undefined there, as is sqrt,
     which has no left side and an infinite right slope.  Their zeros are
     the chain rule's products. */
  [NS_AD_LEFT] = {
    sizeof (ns_kink_policy), "left", 0.0, -1.0, 0.0, 0.0, NS_KINK_LEFT,
    { 0.0, 1.0 }, { 1.0, 0.0 }, 0.0, 1.0, 0.0, NAN, ALL_PRODUCT },
  [NS_AD_RIGHT] = {
    sizeof (ns_kink_policy), "right", 1.0, 1.0, 0.0, 0.0, NS_KINK_RIGHT,
    { 1.0, 0.0 }, { 0.0, 1.0 }, 1.0, 0.0, 0.0, INFINITY, ALL_PRODUCT },
  [NS_AD_AVERAGE] = {
    sizeof (ns_kink_policy), "average", 0.5, 0.0, 0.0, 0.0, NS_KINK_AVERAGE,
    { 0.5, 0.5 }, { 0.5, 0.5 }, 0.5, 0.5, 0.0, NAN, ALL_PRODUCT },
  [NS_AD_MIN_NORM] = {
    sizeof (ns_kink_policy), "min-norm", 0.0, 0.0, NAN, NAN, NS_KINK_MIN_NORM,
    { 0.5, 0.5 }, { 0.5, 0.5 }, 0.0, 0.0, NAN, NAN, ALL_PRODUCT },
  [NS_AD_UNDEFINED] = {
    sizeof (ns_kink_policy), "undefined", NAN, NAN, NAN, NAN, NS_KINK_UNDEFINED,
    { NAN, NAN }, { NAN, NAN }, NAN, NAN, NAN, NAN, ALL_PRODUCT },
};
#undef P
#undef S
#undef Y
#undef E
#undef ALL_PRODUCT

/* The sizes of the versions of ns_kink_policy this library knows: the
   first one ended with floor_zero, the second added symbolic_kinks.  The
   first version's sizeof is the second's offset of symbolic_kinks when
   that offset is a multiple of the structure's alignment (no padding of
   the old structure overlaps the new member). */
#define POLICY_SIZE_V1 offsetof (ns_kink_policy, symbolic_kinks)
#define POLICY_SIZE_V2 sizeof (ns_kink_policy)
_Static_assert (offsetof (ns_kink_policy, symbolic_kinks) % _Alignof (ns_kink_policy) == 0,
                "the first ns_kink_policy ended where symbolic_kinks starts");

static int
policy_size_known (size_t size)
{
  return size == POLICY_SIZE_V1 || size == POLICY_SIZE_V2;
}

ns_status
ns_kink_policy_init (ns_kink_policy *out, size_t size, ns_ad_preset preset)
{
  if (out == NULL || !policy_size_known (size))
    return NS_EINVAL;
  if ((int) preset < 0 || preset >= NS_AD_PRESET_COUNT)
    {
      memset (out, 0, size);
      return NS_EINVAL;
    }
  memcpy (out, &preset_table[preset], size);
  out->size = size;
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

const ns_kink_policy *
ns_ad_preset_policy (ns_ad_preset preset)
{
  return &preset_table[preset];
}

int
ns_ad_policy_size_known (size_t size)
{
  return policy_size_known (size);
}
