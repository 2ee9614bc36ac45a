/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/dist_exact.c: the exact k-th distributional derivative of T_f on a
   range, written out as a distribution: the regular part T_{f^(k)} (the
   symbolic derivative, lib/function/fn_diff.c) plus one delta term
   [f^(m)](a_j) delta_{a_j}^(k-1-m) per breakpoint a_j inside the range and
   per m < k whose jump is not zero. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include "distribution/distribution_impl.h"
#include "function/function_impl.h"

/* Two one-sided values are taken as equal, and their jump as zero, within
   the same 16 ulps relative that ns_fn_deriv uses to call a function
   differentiable, plus for values (m = 0) the germs' own rounding bounds. */
#define JUMP_ULPS 16

/* The jump [f^(m)](x) into *JUMP, with *KEEP = 0 when it is zero or within
   rounding of zero.  An infinite side gives NS_UNDEFINED: such a jump is
   not a multiple of a delta. */
static ns_status
jump_at (const ns_function *f, double x, int m, double *jump, int *keep)
{
  double left, right, err = 0;
  ns_status sl = ns_fn_deriv_side (f, x, NS_LEFT, m, &left);
  ns_status sr = ns_fn_deriv_side (f, x, NS_RIGHT, m, &right);
  if (sl == NS_OK && sr != NS_OK)
    sl = sr;
  if (sl != NS_OK)
    return sl == NS_ERANGE ? NS_UNDEFINED : sl;
  if (m == 0)
    {
      ns_germ g;
      if (ns_fn_germ (f, x, NS_LEFT, 0, &g) == NS_OK)
        err += g.err0;
      if (ns_fn_germ (f, x, NS_RIGHT, 0, &g) == NS_OK)
        err += g.err0;
    }
  *jump = right - left;
  *keep = fabs (*jump) > err + JUMP_ULPS * DBL_EPSILON * fmax (fabs (left), fabs (right));
  return NS_OK;
}

/* NS_EDOM when F is undefined somewhere inside [a, b] off its breakpoints:
   between two breakpoints f is defined everywhere or nowhere, so one
   value per piece decides. */
static ns_status
check_defined (const ns_function *f, double a, double b, const double *pts, size_t n)
{
  double lo = a;
  for (size_t j = 0; j <= n; j++)
    {
      double hi = j < n ? pts[j] : b;
      ns_result v;
      if (ns_fn_eval (f, lo + (hi - lo) / 2, &v) == NS_EDOM)
        return NS_EDOM;
      lo = hi;
    }
  return NS_OK;
}

ns_status
ns_dist_exact_deriv (const ns_function *f, int k, double a, double b, ns_dist **out)
{
  if (out == NULL)
    return NS_EINVAL;
  *out = NULL;
  if (f == NULL || k < 0 || k > NS_DIST_MAX_ORDER || !isfinite (a) || !isfinite (b)
      || !(a < b))
    return NS_EINVAL;

  /* Breakpoints strictly inside (a, b): a delta at a or b pairs to 0 with
     every test function supported in [a, b]. */
  double *pts = malloc ((NS_DIST_MAX_TERMS + 1) * sizeof *pts);
  ns_dist *t = malloc (sizeof *t + NS_DIST_MAX_TERMS * sizeof (dist_term));
  ns_function *g = NULL;
  if (t)
    t->n = 0;
  ns_status st = (pts && t) ? NS_OK : NS_ENOMEM;
  size_t n = 0, inner = 0;
  if (st == NS_OK)
    st = ns_fn_breakpoints (f, a, b, pts, NS_DIST_MAX_TERMS + 1, &n);
  if (st == NS_OK)
    for (size_t j = 0; j < n; j++)
      if (pts[j] > a && pts[j] < b)
        pts[inner++] = pts[j];
  if (st == NS_OK)
    st = check_defined (f, a, b, pts, inner);

  /* The regular part: f differentiated k times; dropped when exactly 0. */
  if (st == NS_OK)
    {
      g = ns_fn_ref (f);
      for (int i = 0; i < k && st == NS_OK; i++)
        {
          ns_function *dg = NULL;
          st = ns_fn_diff (g, &dg);
          ns_fn_free (g);
          g = dg;
        }
    }
  /* Tidied for reading (2*x*heaviside(x)/2 is x*heaviside(x)): the same
     function, its constants folded only where exact; a term that cancels
     loses its domain, which check_defined has already looked at. */
  if (st == NS_OK)
    {
      ns_function *tg = NULL;
      st = ns_fn_tidy (g, &tg);
      ns_fn_free (g);
      g = tg;
    }
  /* The written derivative must be defined on every piece too: for
     relu(x)^0.5 it is 0.5*relu(x)^(-0.5)*heaviside(x), undefined left of
     0, where f' = 0; such a T' has no exact form here (NS_UNDEFINED), and
     the pairing moves the derivative onto the test function instead. */
  if (st == NS_OK && k > 0 && check_defined (g, a, b, pts, inner) != NS_OK)
    st = NS_UNDEFINED;
  if (st == NS_OK && !(ns_fn_op (g) == NS_OP_CONST && ns_fn_param (g, 0) == 0))
    {
      t->terms[t->n++] = (dist_term) { .kind = NS_DIST_REGULAR, .coef = 1.0, .point = NAN, .f = g };
      g = NULL;
    }

  /* Deltas by increasing order, then increasing point: the order the
     readable printer groups them in. */
  for (int q = 0; q < k && st == NS_OK; q++)
    for (size_t j = 0; j < inner && st == NS_OK; j++)
      {
        double jump;
        int keep = 0;
        st = jump_at (f, pts[j], k - 1 - q, &jump, &keep);
        if (st != NS_OK || !keep)
          continue;
        if (t->n == NS_DIST_MAX_TERMS)
          st = NS_ELIMIT;
        else
          t->terms[t->n++] = (dist_term) { .kind = NS_DIST_DELTA, .coef = jump, .order = q, .point = pts[j] };
      }

  ns_fn_free (g);
  free (pts);
  if (st != NS_OK)
    {
      ns_dist_free (t);
      return st;
    }
  /* Give back the unused room; keeping it is harmless if realloc fails. */
  ns_dist *fit = realloc (t, sizeof *t + t->n * sizeof (dist_term));
  *out = fit ? fit : t;
  return NS_OK;
}
