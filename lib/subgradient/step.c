/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/subgradient/step.c: the step rules a/k, a/sqrt(k), constant and
   Polyak's, one definition for the subgradient method in one variable and
   in several. */
#include <config.h>
#include <math.h>
#include "subgradient/step.h"

int
ns_step_rule_valid (const ns_step_rule *step)
{
  switch (step->kind)
    {
    case NS_STEP_HARMONIC:
    case NS_STEP_SQRT:
    case NS_STEP_CONSTANT:
      return isfinite (step->a) && step->a > 0;
    case NS_STEP_POLYAK:
      return isfinite (step->fstar);
    default:
      return 0;
    }
}

ns_status
ns_step_length (const ns_step_rule *step, size_t k, double gap, double gnorm2, double *t)
{
  switch (step->kind)
    {
    case NS_STEP_HARMONIC:
      *t = step->a / (double) k;
      return NS_OK;
    case NS_STEP_SQRT:
      *t = step->a / sqrt ((double) k);
      return NS_OK;
    case NS_STEP_CONSTANT:
      *t = step->a;
      return NS_OK;
    case NS_STEP_POLYAK:
      if (gap < 0)
        return NS_EINVAL;   /* fstar is not the optimal value */
      *t = gnorm2 == 0 ? 0.0 : gap / gnorm2;
      return NS_OK;
    default:
      return NS_EINVAL;
    }
}
