/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/subgradient/subgradient.c: the subgradient method x_k = x_{k-1} - t_k g_{k-1} in
   one dimension, with exact subdifferentials from ns_subdiff, named step
   rules and selections, and a caller-allocated trace (nothing is allocated
   while iterating). */
#include <config.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <nonsmooth/ad.h>
#include <nonsmooth/subdiff.h>
#include <nonsmooth/subgradient.h>
#include "subgradient/step.h"

const char *
ns_step_kind_name (ns_step_kind kind)
{
  switch (kind)
    {
    case NS_STEP_HARMONIC: return "harmonic";
    case NS_STEP_CONSTANT: return "constant";
    case NS_STEP_POLYAK: return "Polyak";
    case NS_STEP_SQRT: return "sqrt";
    default: return "unknown";
    }
}

const char *
ns_selection_kind_name (ns_selection_kind kind)
{
  switch (kind)
    {
    case NS_SELECT_MIN_NORM: return "min-norm";
    case NS_SELECT_ZERO: return "zero";
    case NS_SELECT_LEFT: return "left";
    case NS_SELECT_RIGHT: return "right";
    case NS_SELECT_CALLBACK: return "callback";
    default: return "unknown";
    }
}

ns_subgradient_trace *
ns_subgradient_trace_alloc (size_t n)
{
  /* Seven arrays of n + 1 entries; refuse sizes whose byte count overflows. */
  if (n == 0 || n >= SIZE_MAX / (8 * sizeof (double)) - 1)
    return NULL;
  ns_subgradient_trace *tr = calloc (1, sizeof *tr);
  if (!tr)
    return NULL;
  size_t m = n + 1;
  tr->capacity = n;
  tr->x = malloc (m * sizeof (double));
  tr->fx = malloc (m * sizeof (double));
  tr->best = malloc (m * sizeof (double));
  tr->g = malloc (m * sizeof (double));
  tr->t = malloc (m * sizeof (double));
  tr->certified = malloc (m * sizeof (int));
  tr->in_set = malloc (m * sizeof (int));
  if (!tr->x || !tr->fx || !tr->best || !tr->g || !tr->t || !tr->certified
      || !tr->in_set)
    {
      ns_subgradient_trace_free (tr);
      return NULL;
    }
  tr->best_x = NAN;
  return tr;
}

void
ns_subgradient_trace_free (ns_subgradient_trace *trace)
{
  if (!trace)
    return;
  free (trace->x);
  free (trace->fx);
  free (trace->best);
  free (trace->g);
  free (trace->t);
  free (trace->certified);
  free (trace->in_set);
  free (trace);
}

static int
selection_valid (const ns_selection *sel)
{
  if (sel->kind == NS_SELECT_CALLBACK)
    return sel->fn != NULL;
  return sel->kind >= NS_SELECT_MIN_NORM && sel->kind < NS_SELECT_CALLBACK;
}

/* The kink convention of NS_SELECT_ZERO: every primitive's derivative at
   its switch point is 0, as sign(0) = 0 makes |x|'(0) = 0, and forward-mode
   AD (ns_ad_deriv) sums them by the chain rule.  Max and min at a tie give
   weight 0 to both arguments, so max(x, 0) agrees with relu(x); clamp is
   flat at its bounds; sqrt'(0) = 0 (only sqrt of a function with a zero
   tangent there, like sqrt(x^2), gets this far: non-Lipschitz points have
   no Clarke set and stop the method first).  ns_kink_side has no "zero"
   entry, so leaky_relu takes the branch slope nearest 0 (0 itself when
   its slope s <= 0). */
static void
zero_policy_init (ns_kink_policy *p)
{
  /* "left" has product zeros, as the chain rule forms them. */
  NS_KINK_POLICY_INIT (p, NS_AD_LEFT);
  p->name = "zero";
  p->relu = p->abs = p->sign = p->heaviside = 0.0;
  p->leaky_relu = NS_KINK_MIN_NORM;
  p->max_tie[0] = p->max_tie[1] = p->min_tie[0] = p->min_tie[1] = 0.0;
  p->clamp_lo = p->clamp_hi = p->floor = p->sqrt0 = 0.0;
}

/* Picks g from S by SEL (NS_SELECT_ZERO: the derivative under zero_policy,
   which depends on how f is written and need not lie in S).  NS_UNDEFINED
   for an empty set, an infinite selected element or an undefined AD
   derivative: there is no finite direction to step along. */
static ns_status
select_element (const ns_function *f, double x, const ns_set *s,
                const ns_selection *sel, double *g)
{
  ns_status st;
  double value;
  *g = NAN;
  switch (sel->kind)
    {
    case NS_SELECT_ZERO:
      {
        ns_kink_policy zero_policy;
        zero_policy_init (&zero_policy);
        st = ns_ad_deriv (f, x, &zero_policy, NS_AD_FORWARD, &value, g);
      }
      if (st == NS_ELIMIT || st == NS_EDOM)
        return st;
      break;
    case NS_SELECT_MIN_NORM:
      st = ns_set_min_norm (s, g);
      break;
    case NS_SELECT_LEFT:
      st = ns_set_inf (s, g);
      break;
    case NS_SELECT_RIGHT:
      st = ns_set_sup (s, g);
      break;
    case NS_SELECT_CALLBACK:
      st = sel->fn (f, x, s, sel->data, g);
      if (st == NS_OK && isnan (*g))
        st = NS_EINVAL;
      break;
    default:
      return NS_EINVAL;
    }
  if (st != NS_OK)
    return st == NS_EINVAL ? NS_EINVAL : (sel->kind == NS_SELECT_CALLBACK ? st : NS_UNDEFINED);
  if (!isfinite (*g))
    return NS_UNDEFINED;
  return NS_OK;
}

/* Entry K before anything is known of it: what a stopped step keeps. */
static void
clear_entry (ns_subgradient_trace *tr, size_t k)
{
  tr->fx[k] = tr->best[k] = tr->g[k] = NAN;
  tr->certified[k] = tr->in_set[k] = 0;
}

/* Evaluates f, its subdifferential and the selected g at TRACE->x[k] and
   fills entry k of every array but t.  On failure the entry keeps f(x[k])
   when it was computed and NaN in best and g; best and best_x only ever
   describe complete entries. */
static ns_status
visit (const ns_function *f, ns_subdiff_kind kind, const ns_selection *sel,
       size_t k, ns_subgradient_trace *tr)
{
  double x = tr->x[k];
  clear_entry (tr, k);
  ns_result fx;
  ns_status st = ns_fn_eval (f, x, &fx);
  if (st != NS_OK)
    return st == NS_EINVAL ? NS_EINVAL : st;
  tr->fx[k] = fx.val;

  ns_set s;
  st = ns_subdiff (f, x, kind, &s);
  if (st == NS_ENOTLIPSCHITZ)
    return NS_UNDEFINED;
  if (st != NS_OK)
    return st;
  int empty = 1, zero_in = 0, in = 0;
  ns_set_is_empty (&s, &empty);
  if (empty)
    return NS_UNDEFINED;
  ns_set_contains (&s, 0.0, &zero_in);
  tr->certified[k] = (kind == NS_SUBDIFF_CONVEX) && zero_in;

  double g;
  st = select_element (f, x, &s, sel, &g);
  if (st != NS_OK)
    return st;
  tr->g[k] = g;
  ns_set_contains (&s, g, &in);
  tr->in_set[k] = in;
  if (k == 0 || fx.val < tr->best[k - 1])
    {
      tr->best[k] = fx.val;
      tr->best_x = x;
    }
  else
    tr->best[k] = tr->best[k - 1];
  return NS_OK;
}

ns_status
ns_subgradient_method (const ns_function *f, double x0,
                       const ns_step_rule *step, const ns_selection *sel,
                       size_t n, ns_subgradient_trace *trace)
{
  if (!trace)
    return NS_EINVAL;
  trace->n = 0;
  if (!f || !step || !sel || !isfinite (x0) || n == 0 || n > trace->capacity
      || !ns_step_rule_valid (step) || !selection_valid (sel))
    return NS_EINVAL;

  /* The convex subdifferential when convexity is certified (then 0 in it
     certifies a global minimum); otherwise Clarke's, which is never empty
     for a locally Lipschitz f but certifies nothing global. */
  int convex = 0;
  ns_fn_convexity (f, &convex, NULL, 0);
  trace->convex = convex;
  ns_subdiff_kind kind = convex ? NS_SUBDIFF_CONVEX : NS_SUBDIFF_CLARKE;

  trace->best_x = NAN;
  trace->x[0] = x0;
  trace->t[0] = NAN;
  ns_status st = visit (f, kind, sel, 0, trace);
  if (st != NS_OK)
    return st;
  for (size_t k = 1; k <= n; k++)
    {
      double g = trace->g[k - 1], t;
      /* Entry k is defined (NaN) even when the step stops before it. */
      clear_entry (trace, k);
      trace->x[k] = trace->t[k] = NAN;
      if (ns_step_length (step, k, trace->fx[k - 1] - step->fstar, g * g, &t) != NS_OK)
        return NS_EINVAL;   /* Polyak's fstar is not the optimal value */
      double x = trace->x[k - 1] - t * g;
      trace->x[k] = x;
      trace->t[k] = t;
      if (!isfinite (x))
        return NS_ERANGE;
      st = visit (f, kind, sel, k, trace);
      if (st != NS_OK)
        return st;
      trace->n = k;
    }
  return NS_OK;
}
