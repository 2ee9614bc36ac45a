/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/ad.h: forward-mode (dual-number) derivatives of a
   function tree under a named kink convention (ns_kink_policy), with
   presets that reproduce PyTorch, TensorFlow/Keras, JAX and SymPy, and a
   comparison of each preset's value with the Clarke subdifferential. */
#ifndef NONSMOOTH_AD_H
#define NONSMOOTH_AD_H

#include <stddef.h>
#include <nonsmooth/status.h>
#include <nonsmooth/interval.h>
#include <nonsmooth/function.h>

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

/* What each kink primitive's derivative is when its argument is exactly at
   the switch point.  A NaN entry means "undefined here": ns_ad_deriv then
   returns NS_UNDEFINED.  An infinite entry (sqrt at 0) makes ns_ad_deriv
   return NS_ERANGE.  max/min ties give one weight per argument: at
   a == b, d max(a, b) = max_tie[0] da + max_tie[1] db. */
typedef struct ns_kink_policy {
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

/* Sets *OUT to the policy of PRESET.  NS_EINVAL for a bad PRESET or NULL
   OUT. */
ns_status ns_kink_policy_preset (ns_ad_preset preset, ns_kink_policy *out);

/* The preset called NAME ("pytorch", "tensorflow", "keras", "jax",
   "sympy", "left", "right", "average", "min-norm", "undefined"), or
   NS_AD_PRESET_COUNT when there is none. */
ns_ad_preset ns_kink_policy_lookup (const char *name);

/* Forward-mode derivative of F at X under POLICY: F's value goes to
   *VALUE and its derivative to *DERIV.  Each node carries a dual number
   (value, tangent); constants carry no tangent at all (a symbolic zero, as
   in JAX and in reverse mode, where constants receive no gradient), so
   signed zeros come out as the frameworks' chain-rule products give them.
   The policy is applied only where a kink primitive's argument is exactly
   at its switch point; elsewhere each primitive has its ordinary
   derivative.  Returns NS_OK; NS_UNDEFINED (*DERIV NaN) where the policy
   says undefined; NS_ERANGE (*DERIV +-inf) for an infinite derivative;
   NS_EDOM (value and derivative NaN) outside the domain; NS_EINVAL (NULL
   argument, NaN or infinite X); NS_ELIMIT for a tree deeper than
   NS_FN_MAX_DEPTH. */
ns_status ns_ad_deriv (const ns_function *f, double x,
                       const ns_kink_policy *policy, double *value,
                       double *deriv);

/* One row of ns_ad_compare: a preset's derivative next to the Clarke set. */
typedef struct ns_ad_row {
  ns_ad_preset preset;
  ns_status status;       /* of ns_ad_deriv */
  double deriv;           /* NaN when undefined */
  int in_clarke;          /* 1 inside the Clarke set, 0 outside, -1 when either does not exist */
} ns_ad_row;

/* The comparison table for F at X: the Clarke subdifferential in *CLARKE
   with its status in *CLARKE_STATUS, and one row per preset in ROWS (room
   for NS_AD_PRESET_COUNT rows).  Returns NS_OK, or NS_EINVAL for NULL or
   a NaN or infinite X. */
ns_status ns_ad_compare (const ns_function *f, double x, ns_set *clarke,
                         ns_status *clarke_status, ns_ad_row *rows);

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_AD_H */
