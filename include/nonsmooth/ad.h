/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/ad.h: reverse- and forward-mode derivatives of a
   function tree under a named kink convention (ns_kink_policy), with
   presets that reproduce PyTorch, TensorFlow/Keras, JAX and SymPy, signed
   zeros included, and a comparison of each preset's value with the Clarke
   subdifferential. */
#ifndef NONSMOOTH_AD_H
#define NONSMOOTH_AD_H

#include <stddef.h>
#include <nonsmooth/status.h>
#include <nonsmooth/interval.h>
#include <nonsmooth/function.h>
#include <nonsmooth/multi.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How leaky_relu (slope s for a < 0) is differentiated at a = 0. */
typedef enum ns_kink_side {
  NS_KINK_LEFT = 0,     /* s, the slope of the left branch */
  NS_KINK_RIGHT,        /* 1, the slope of the right branch */
  NS_KINK_AVERAGE,      /* (s + 1) / 2 */
  NS_KINK_MIN_NORM,     /* the element of least |.| of [min(s,1), max(s,1)] */
  NS_KINK_UNDEFINED     /* NS_UNDEFINED */
} ns_kink_side;

/* The AD mode: reverse (what backward(), jax.grad and GradientTape run)
   propagates adjoints from the result to x; forward (a JVP) propagates
   tangents from x to the result.  Both give the same number up to
   rounding; the signs of zeros can differ. */
typedef enum ns_ad_mode {
  NS_AD_REVERSE = 0,
  NS_AD_FORWARD
} ns_ad_mode;

/* How a primitive whose local derivative k is 0 passes an incoming
   gradient (or tangent) g on; where k != 0 every kind gives g * k. */
typedef enum ns_ad_zero {
  NS_AD_ZERO_PRODUCT = 0, /* g * k: the zero's sign follows g (TensorFlow's
                             ReluGrad: g * (x > 0)) */
  NS_AD_ZERO_SELECT,      /* a literal +0 (PyTorch's threshold_backward,
                             JAX's select(x > 0, g, 0)) */
  NS_AD_ZERO_SYMBOLIC,    /* no term at all (JAX's defjvp_zero, TensorFlow's
                             None gradient): a sum leaves it out */
  NS_AD_ZERO_EXACT        /* SymPy's exact 0: 0 * g = +0 for a finite g and
                             removes a symbol (0*DiracDelta(0) = 0), but
                             0 * zoo is nan (sign(x)/(2 sqrt|x|) at 0) */
} ns_ad_zero;

/* The kind of zero of one primitive, per mode. */
typedef struct ns_ad_zeros {
  ns_ad_zero reverse;
  ns_ad_zero forward;
} ns_ad_zeros;

/* What each kink primitive's derivative is when its argument is exactly at
   the switch point, and how each primitive's zero derivative is applied.
   A NaN entry means "undefined here": ns_ad_deriv then returns
   NS_UNDEFINED.  An infinite entry (sqrt at 0) makes ns_ad_deriv return
   NS_ERANGE.  max/min ties give one weight per argument: at a == b,
   d max(a, b) = max_tie[0] da + max_tie[1] db.

   The structure grows when primitives are added, so it carries its own
   size: fill it with ns_kink_policy_init (or NS_KINK_POLICY_INIT), then
   change members.  A library newer than the caller reads only the first
   SIZE bytes and takes every later member from the "undefined" preset. */
typedef struct ns_kink_policy {
  size_t size;            /* sizeof (ns_kink_policy) as the caller compiled it */
  const char *name;       /* the preset's name, or the caller's */
  double relu;            /* relu'(0) */
  double abs;             /* |.|'(0) */
  double sign;            /* sign'(0) */
  double heaviside;       /* H'(0) */
  ns_kink_side leaky_relu;/* leaky_relu'(0) */
  double max_tie[2];      /* weights on da, db when a == b */
  double min_tie[2];
  double clamp_lo;        /* d clamp(a, lo, hi) / da at a == lo */
  double clamp_hi;        /* ... at a == hi (lo < hi); at a == lo == hi the
                             derivative is clamp_lo * clamp_hi, as for
                             min(max(a, lo), hi) */
  double floor;           /* floor'(n) at an integer n */
  double sqrt0;           /* sqrt'(0): +inf, or NaN for undefined */
  /* Where each primitive's local derivative is 0 (off its active branch,
     or at the kink when the entry above is 0): product, literal +0 or no
     term.  leaky_relu and sqrt always multiply. */
  ns_ad_zeros relu_zero;
  ns_ad_zeros abs_zero;
  ns_ad_zeros sign_zero;
  ns_ad_zeros heaviside_zero;
  ns_ad_zeros max_zero;   /* the losing argument, or a zero tie weight */
  ns_ad_zeros min_zero;
  ns_ad_zeros clamp_zero; /* outside [lo, hi], or a zero bound entry */
  ns_ad_zeros floor_zero;
  /* Nonzero: SymPy's "differentiate, then substitute".  At the switch
     point a NaN sign, heaviside or floor entry is not "undefined" at once
     but a symbol: 2 delta(0), delta(0), and floor's unevaluated
     derivative, carried through the chain rule with its coefficient.  A
     product with an exact zero removes it (SymPy's 0*DiracDelta(0) = 0, so
     d/dx[x heaviside(x)] at 0 is 1/2); one left in the result makes the
     derivative undefined.  Also: max, relu and min are SymPy's n-ary,
     flat Max and Min (max(x, 0, -x) is Max(0, -x, x): 1/2 to each
     distinct argument tied at the top), not nested two-argument ties.
     0: every NaN entry is undefined at once. */
  int symbolic_kinks;
  /* New members go here, at the end. */
} ns_kink_policy;

/* The named presets.  See the manual for each entry and its source. */
typedef enum ns_ad_preset {
  NS_AD_PYTORCH = 0,
  NS_AD_TENSORFLOW,       /* TensorFlow 2 and Keras on it */
  NS_AD_JAX,
  NS_AD_SYMPY,            /* diff, then substitute; Heaviside(0) = 1/2 */
  NS_AD_LEFT,             /* the left branch's derivative */
  NS_AD_RIGHT,            /* the right branch's derivative */
  NS_AD_AVERAGE,          /* the mean of the two */
  NS_AD_MIN_NORM,         /* least-norm element of the primitive's Clarke set */
  NS_AD_UNDEFINED,        /* NS_UNDEFINED at every kink */
  NS_AD_PRESET_COUNT
} ns_ad_preset;

/* Sets *OUT to the policy of PRESET, writing SIZE bytes (pass
   sizeof *OUT) and recording SIZE in OUT->size.  NS_EINVAL for a NULL OUT,
   a bad PRESET (*OUT zeroed) or a SIZE this library does not know (neither
   the first sized version's, which ended with floor_zero, nor the current
   one's; *OUT untouched). */
ns_status ns_kink_policy_init (ns_kink_policy *out, size_t size,
                               ns_ad_preset preset);

/* ns_kink_policy_init with the size of *P as the caller sees it. */
#define NS_KINK_POLICY_INIT(p, preset) \
  ns_kink_policy_init ((p), sizeof *(p), (preset))

/* The preset called NAME ("pytorch", "tensorflow", "keras", "jax",
   "sympy", "left", "right", "average", "min-norm", "undefined"), or
   NS_AD_PRESET_COUNT when there is none. */
ns_ad_preset ns_kink_policy_lookup (const char *name);

/* The derivative of F at X under POLICY in MODE: F's value goes to *VALUE
   and its derivative to *DERIV.  Reverse mode records the tree on a tape
   (a shared subtree once), then sweeps it from the result to x,
   accumulating adjoints; forward mode propagates tangents from x.
   Constants carry no gradient at all, and each primitive applies its
   local derivative to the incoming gradient as POLICY says (a product, a
   literal +0 or no term where it is 0), so signed zeros come out as the
   framework's pass gives them.  The policy's kink entries are used only
   where a kink primitive's argument is exactly at its switch point.
   Returns NS_OK; NS_UNDEFINED (*DERIV NaN) where the policy says
   undefined; NS_ERANGE (*DERIV +-inf) for an infinite derivative; NS_EDOM
   (value and derivative NaN) outside the domain; NS_EINVAL (NULL argument,
   a bad MODE, a POLICY whose size is not one this library knows, NaN or
   infinite X); NS_ELIMIT for a tree deeper than NS_FN_MAX_DEPTH;
   NS_ENOMEM. */
ns_status ns_ad_deriv (const ns_function *f, double x,
                       const ns_kink_policy *policy, ns_ad_mode mode,
                       double *value, double *deriv);

/* The gradient a framework returns for the function F of n variables at
   X[0 .. n-1] under POLICY in MODE, in GRAD[0 .. n-1], with the rule
   table, kink entries and zero kinds of ns_ad_deriv.  Reverse mode records
   the tree once (each variable one node) and sweeps it once, each
   variable accumulating its adjoint; forward mode sweeps it n times, with
   the unit tangent of one variable and an explicit +0 tangent for every
   other (a dense basis vector, as jax.jacfwd and torch.func.jacfwd seed
   it).  The two modes agree up to rounding and can differ in the sign of
   a zero.  A component no term reaches is +0.  Returns NS_OK;
   NS_UNDEFINED when some component is undefined under POLICY (that
   component NaN, the others computed); NS_ERANGE when some component is
   infinite (and none undefined); NS_EDOM (GRAD all NaN) outside the
   domain; NS_EINVAL (NULL, a bad MODE or policy size, a NaN or infinite
   entry of X); NS_ELIMIT; NS_ENOMEM.  The gradient is the framework's
   number, not a subgradient: compare it with the Clarke set of F. */
ns_status ns_mfn_ad_gradient (const ns_mfn *f, const double *x,
                              const ns_kink_policy *policy, ns_ad_mode mode,
                              double *grad);

/* One row of ns_ad_compare: a preset's derivative next to the Clarke set. */
typedef struct ns_ad_row {
  ns_ad_preset preset;
  ns_status status;       /* of ns_ad_deriv */
  double deriv;           /* NaN when undefined */
  int in_clarke;          /* 1 inside the Clarke set, 0 outside, -1 when either does not exist */
} ns_ad_row;

/* The comparison table for F at X in MODE: the Clarke subdifferential in
   *CLARKE with its status in *CLARKE_STATUS, and one row per preset, in
   the order of ns_ad_preset, in ROWS, which has room for NROWS rows: the
   first min(NROWS, NS_AD_PRESET_COUNT) presets are written, nothing past
   them.  Returns NS_OK, or NS_EINVAL for NULL, a bad MODE or a NaN or
   infinite X. */
ns_status ns_ad_compare (const ns_function *f, double x, ns_ad_mode mode,
                         ns_set *clarke, ns_status *clarke_status,
                         ns_ad_row *rows, size_t nrows);

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_AD_H */
