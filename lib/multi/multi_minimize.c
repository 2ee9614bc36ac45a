/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_minimize.c: the subgradient method in several variables,
   ns_mfn_subgradient_method: steps along an element of the Clarke set
   chosen by a named selection or a framework's AD gradient
   (ns_mfn_ad_gradient under a kink policy), the step rules of the one-variable method
   (lib/subgradient/step.c), a caller-allocated trace, and the stationarity
   certificate of the best iterate. */
#include <config.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/ad.h>
#include "multi/multi_impl.h"
#include "subgradient/step.h"

const char *
ns_mselection_kind_name (ns_mselection_kind kind)
{
  switch (kind)
    {
    case NS_MSELECT_MIN_NORM: return "min-norm";
    case NS_MSELECT_DIRECTION: return "direction";
    case NS_MSELECT_RANDOM_VERTEX: return "random-vertex";
    case NS_MSELECT_AD: return "ad";
    default: return "unknown";
    }
}

ns_mfn_trace *
ns_mfn_trace_alloc (int n, size_t steps)
{
  if (n < 1 || n > NS_MULTI_MAX_VARS || steps == 0
      || steps >= SIZE_MAX / sizeof (double) / (size_t) n - 1)
    return NULL;
  ns_mfn_trace *tr = calloc (1, sizeof *tr);
  if (tr == NULL)
    return NULL;
  size_t m = steps + 1;
  tr->n = n;
  tr->capacity = steps;
  tr->x = malloc (m * (size_t) n * sizeof (double));
  tr->g = malloc (m * (size_t) n * sizeof (double));
  tr->fx = malloc (m * sizeof (double));
  tr->best = malloc (m * sizeof (double));
  tr->t = malloc (m * sizeof (double));
  tr->cert_status = NS_EINVAL;
  tr->cert.stationary = -1;
  if (tr->x == NULL || tr->g == NULL || tr->fx == NULL || tr->best == NULL || tr->t == NULL)
    {
      ns_mfn_trace_free (tr);
      return NULL;
    }
  return tr;
}

void
ns_mfn_trace_free (ns_mfn_trace *trace)
{
  if (trace == NULL)
    return;
  ns_stationarity_clear (&trace->cert);
  free (trace->x);
  free (trace->g);
  free (trace->fx);
  free (trace->best);
  free (trace->t);
  free (trace);
}

/* xorshift64* (Vigna 2016): a small generator whose state lives in the
   call, so a seed reproduces a run and threads share nothing. */
static uint64_t
next_random (uint64_t *s)
{
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * UINT64_C (2685821657736338717);
}

/* The fixed direction of NS_MSELECT_DIRECTION: u_j = frac((j+1) phi) - 1/2
   with the golden ratio phi, whose multiples are equidistributed, so u
   has no simple relation to the small integer gradients of typical
   examples (no ties between their pieces along u). */
static double
generic_direction (int j)
{
  double p = (j + 1) * 0.6180339887498949;
  return p - floor (p) - 0.5 + 1e-3 * (j + 1);
}

/* Fills entry K of TRACE but T: f, the selected element, best so far. */
static ns_status
visit (const ns_mfn *f, const ns_mselection *sel, uint64_t *rng, size_t k,
       ns_mfn_trace *tr)
{
  int n = tr->n;
  const double *x = tr->x + k * (size_t) n;
  double *g = tr->g + k * (size_t) n;
  ns_result fx;
  ns_status st = ns_mfn_eval (f, x, &fx);
  if (st != NS_OK)
    return st;
  tr->fx[k] = fx.val;
  ns_polytope *p = NULL;
  st = ns_mfn_clarke_points (f, x, &p);
  if (st != NS_OK)
    return st;
  switch (sel->kind)
    {
    case NS_MSELECT_MIN_NORM:
      {
        ns_result mn[NS_MULTI_MAX_VARS];
        st = ns_polytope_min_norm (p, mn, NULL);
        for (int j = 0; j < n; j++)
          g[j] = mn[j].val;
      }
      break;
    case NS_MSELECT_DIRECTION:
      {
        size_t best = 0;
        double top = -HUGE_VAL;
        for (size_t i = 0; i < p->count; i++)
          {
            double s = 0;
            for (int j = 0; j < n; j++)
              s += p->vertices[i * (size_t) n + j] * generic_direction (j);
            if (s > top)
              {
                top = s;
                best = i;
              }
          }
        memcpy (g, p->vertices + best * (size_t) n, (size_t) n * sizeof (double));
      }
      break;
    case NS_MSELECT_AD:
      {
        /* The framework's number, whatever the Clarke set says: the set
           above was still computed, so a point where f is not Lipschitz
           stops the method here as it does for the other selections. */
        ns_kink_policy pytorch;
        const ns_kink_policy *pol = sel->policy;
        if (pol == NULL)
          {
            NS_KINK_POLICY_INIT (&pytorch, NS_AD_PYTORCH);
            pol = &pytorch;
          }
        st = ns_mfn_ad_gradient (f, x, pol, (ns_ad_mode) sel->mode, g);
        /* An undefined or infinite component leaves no finite step, as
           in the one-variable method. */
        if (st == NS_ERANGE)
          st = NS_UNDEFINED;
      }
      break;
    default:   /* NS_MSELECT_RANDOM_VERTEX; validated by the caller */
      {
        size_t i = (size_t) (next_random (rng) % p->count);
        memcpy (g, p->vertices + i * (size_t) n, (size_t) n * sizeof (double));
      }
      break;
    }
  ns_polytope_free (p);
  if (st != NS_OK)
    return st;
  if (k == 0 || fx.val < tr->best[k - 1])
    {
      tr->best[k] = fx.val;
      tr->best_k = k;
    }
  else
    tr->best[k] = tr->best[k - 1];
  return NS_OK;
}

ns_status
ns_mfn_subgradient_method (const ns_mfn *f, const double *x0, const ns_step_rule *step,
                           const ns_mselection *sel, size_t steps, ns_mfn_trace *trace)
{
  if (trace == NULL)
    return NS_EINVAL;
  trace->steps = 0;
  trace->best_k = 0;
  trace->convex = 0;
  ns_stationarity_clear (&trace->cert);
  trace->cert.stationary = -1;
  trace->cert_status = NS_EINVAL;
  if (f == NULL || x0 == NULL || step == NULL || sel == NULL || steps == 0
      || steps > trace->capacity || f->n != trace->n || !ns_step_rule_valid (step)
      || sel->kind < NS_MSELECT_MIN_NORM || sel->kind >= NS_MSELECT_KIND_COUNT
      || (sel->kind == NS_MSELECT_AD && sel->mode != NS_AD_REVERSE
          && sel->mode != NS_AD_FORWARD))
    return NS_EINVAL;
  int n = trace->n;
  for (int j = 0; j < n; j++)
    if (!isfinite (x0[j]))
      return NS_EINVAL;
  /* For convex f the Clarke set is the convex subdifferential, and 0 in
     it is global optimality. */
  int convex = 0;
  ns_mfn_convexity (f, &convex, NULL, 0);
  trace->convex = convex;
  /* A zero state would stay zero: mix the seed into a nonzero one. */
  uint64_t rng = (uint64_t) sel->seed * UINT64_C (0x9E3779B97F4A7C15) + 1;
  memcpy (trace->x, x0, (size_t) n * sizeof (double));
  trace->t[0] = NAN;
  ns_status st = visit (f, sel, &rng, 0, trace);
  if (st != NS_OK)
    return st;
  for (size_t k = 1; k <= steps; k++)
    {
      const double *g = trace->g + (k - 1) * (size_t) n;
      double gnorm2 = 0, t;
      for (int j = 0; j < n; j++)
        gnorm2 += g[j] * g[j];
      st = ns_step_length (step, k, trace->fx[k - 1] - step->fstar, gnorm2, &t);
      if (st != NS_OK)
        break;
      trace->t[k] = t;
      double *x = trace->x + k * (size_t) n;
      for (int j = 0; j < n; j++)
        {
          x[j] = x[j - n] - t * g[j];
          if (!isfinite (x[j]))
            st = NS_ERANGE;
        }
      if (st == NS_OK)
        st = visit (f, sel, &rng, k, trace);
      if (st != NS_OK)
        break;
      trace->steps = k;
    }
  trace->cert_status = ns_mfn_stationary (f, trace->x + trace->best_k * (size_t) n,
                                          &trace->cert);
  return st;
}
