/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/ad/ad_multi.c: AD of a function of several variables, the gradient a
   framework returns, through the one tape and rule table of lib/ad/ad.c:
   each variable leaf is one tape node, so reverse mode is one sweep and
   forward mode one sweep per unit tangent. */
#include <config.h>
#include <math.h>
#include "ad/ad_impl.h"
#include "multi/multi_impl.h"

ns_status
ns_mfn_ad_gradient (const ns_mfn *f, const double *x, const ns_kink_policy *policy,
                    ns_ad_mode mode, double *grad)
{
  double value;
  if (f != NULL && grad != NULL)
    for (int i = 0; i < f->n; i++)
      grad[i] = NAN;
  if (f == NULL || x == NULL || policy == NULL || grad == NULL
      || (mode != NS_AD_REVERSE && mode != NS_AD_FORWARD)
      || !ns_ad_policy_size_known (policy->size))
    return NS_EINVAL;
  for (int i = 0; i < f->n; i++)
    if (!isfinite (x[i]))
      return NS_EINVAL;
  /* A function made by ns_mfn_from_fn has no leaves: its one variable is
     every NS_OP_X node, as in ns_ad_deriv. */
  ns_status st = ns_ad_gradient_tree (f->tree, f->n,
                                      f->leaf[0] == NULL ? NULL
                                      : (const ns_function *const *) f->leaf,
                                      x, policy, mode, &value, grad);
  if (st != NS_OK && st != NS_UNDEFINED && st != NS_ERANGE)
    for (int i = 0; i < f->n; i++)
      grad[i] = NAN;
  return st;
}
