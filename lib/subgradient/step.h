/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/subgradient/step.h: the step rules of the subgradient method, shared
   by the method in one variable (lib/subgradient/subgradient.c) and in
   several (lib/multi/multi_minimize.c); not installed. */
#ifndef NS_LIB_SUBGRADIENT_STEP_H
#define NS_LIB_SUBGRADIENT_STEP_H

#include <stddef.h>
#include "nonsmooth/subgradient.h"
#include "internal.h"

/* 1 when STEP is a rule the method can follow: a known kind, a finite
   positive a for the a/k, a/sqrt(k) and constant rules, a finite fstar for
   Polyak's. */
NS_INTERNAL int ns_step_rule_valid (const ns_step_rule *step);

/* Sets *T to the length of step K >= 1 (from x_{K-1} to x_K) under STEP.
   Polyak's rule reads GAP = f(x_{K-1}) - fstar and GNORM2 = |g_{K-1}|^2
   (t = GAP / GNORM2, 0 when GNORM2 = 0) and returns NS_EINVAL when GAP < 0
   (fstar is not the optimal value); the other rules ignore them. */
NS_INTERNAL ns_status ns_step_length (const ns_step_rule *step, size_t k, double gap,
                                      double gnorm2, double *t);

#endif /* NS_LIB_SUBGRADIENT_STEP_H */
