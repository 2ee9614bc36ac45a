/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/ad/ad_impl.h: the tape and rule table of lib/ad/ad.c as the
   n-variable code sees them (not installed): one entry point that
   differentiates a tree with respect to several variable leaves, so the
   kink conventions and zero kinds live in one place. */
#ifndef NS_LIB_AD_IMPL_H
#define NS_LIB_AD_IMPL_H

#include "nonsmooth/ad.h"
#include "internal.h"

/* The gradient of the tree F at X[0 .. NVARS-1] under POLICY (whose size
   the caller has checked) in MODE.  LEAF[i] is the NS_OP_X node of
   variable i (every NS_OP_X node of F must be one of them), or LEAF is
   NULL when NVARS = 1 and every NS_OP_X node is the variable.  Reverse
   mode: one sweep, each leaf accumulating its adjoint; forward mode: NVARS
   sweeps with unit tangents.  *VALUE is f(X), GRAD[i] the derivative in
   variable i (NaN where undefined, +-inf where infinite).  NS_OK,
   NS_UNDEFINED or NS_ERANGE (the worst component), NS_EDOM, NS_EINVAL (an
   unknown leaf), NS_ELIMIT, NS_ENOMEM. */
NS_INTERNAL ns_status ns_ad_gradient_tree (const ns_function *f, int nvars,
                                           const ns_function *const *leaf,
                                           const double *x,
                                           const ns_kink_policy *policy,
                                           ns_ad_mode mode, double *value,
                                           double *grad);

/* The policy of PRESET (a valid preset), in lib/ad/ad_presets.c. */
NS_INTERNAL const ns_kink_policy *ns_ad_preset_policy (ns_ad_preset preset);

/* Whether SIZE is the size of a version of ns_kink_policy this library
   knows. */
NS_INTERNAL int ns_ad_policy_size_known (size_t size);

#endif /* NS_LIB_AD_IMPL_H */
