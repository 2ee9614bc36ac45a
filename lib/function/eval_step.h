/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/eval_step.h: one node's value with its rounding bound from its
   arguments' (not installed).  The tree walker (ns_fn_eval_tree) and the
   compiled tape (tape.c) both call this one step, so that their values,
   bounds and statuses are the same bits. */
#ifndef NS_LIB_FUNCTION_EVAL_STEP_H
#define NS_LIB_FUNCTION_EVAL_STEP_H

#include <math.h>
#include "function/function_impl.h"
#include "function/certify.h"

/* A step (heaviside, sign, floor) whose argument is within its rounding
   bound of a level has a bound spanning two branches, which hides the
   jump from every caller that compares one-sided limits with the value.
   The argument's exact sign at the double x decides the branch instead
   (certify.c: exact double or rational arithmetic, or Arb), and the step's
   value is then exact.  Left as it is when the sign cannot be certified. */
static inline void
ns_fn_certify_step (const ns_function *f, double x, const ns_result *a, ns_result *out)
{
  double level;
  switch (f->op)
    {
    case NS_OP_HEAVISIDE:
    case NS_OP_SIGN:
      level = 0;
      break;
    case NS_OP_FLOOR:
      /* With err < 1/2 the exact argument lies within 1 of the nearest
         integer k, so its side of k gives the floor. */
      if (!(a->err < 0.5))
        return;
      level = nearbyint (a->val);
      break;
    default:
      return;
    }
  if (!(fabs (a->val - level) <= a->err))
    return;
  int s = ns_cert_point_sign (f, NS_SWITCH_ARG0, level, x);
  if (s == 2)
    return;
  if (f->op == NS_OP_FLOOR)
    out->val = s < 0 ? level - 1 : level;
  else if (f->op == NS_OP_SIGN)
    out->val = s;
  else
    out->val = s > 0 ? 1.0 : s < 0 ? 0.0 : f->param[0];
  out->err = 0;
}

/* The node F (not NS_OP_X) at x from its arguments' values ARGS, all of
   which evaluated with NS_OK.  On a status other than NS_OK, OUT is NaN
   with bound +inf. */
static inline ns_status
ns_fn_eval_step (const ns_function *f, const ns_op_rules *rules, double x,
                 const ns_result *args, ns_result *out)
{
  /* Defined whatever the rule does on a failing path. */
  out->val = NAN;
  out->err = HUGE_VAL;
  ns_status st = rules->eval (f, args, out);
  if (st == NS_OK && out->err > 0)
    ns_fn_certify_step (f, x, &args[0], out);
  /* heaviside(a, nan) is undefined where a = 0 (certify_step found it
     exactly: the value is the NaN of H0), and no value is known where
     the argument's bound spans 0 and its sign was not certified. */
  if (st == NS_OK && f->op == NS_OP_HEAVISIDE && isnan (f->param[0]))
    {
      if (isnan (out->val))
        st = NS_UNDEFINED;
      else if (out->err > 0)
        st = NS_EUNDECIDED;
    }
  /* Every operation is finite on finite arguments inside its domain (a
     pole is NS_EDOM), so a value that is not finite here overflowed: the
     exact value is finite, just not representable, or an intermediate
     (x^2 in sqrt(x^2 + 1) at 1e160) was not. */
  if (st == NS_OK && !isfinite (out->val))
    st = NS_EOVERFLOW;
  /* A rule that refused (a domain check) left OUT as it was: no number. */
  if (st != NS_OK)
    {
      out->val = NAN;
      out->err = HUGE_VAL;
    }
  /* The rules avoid 0 * inf and inf - inf; should one still make its
     bound NaN, no bound is known, which +inf says honestly. */
  if (isnan (out->err))
    out->err = HUGE_VAL;
  return st;
}

#endif /* NS_LIB_FUNCTION_EVAL_STEP_H */
