/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/plan.c: pairing plans.  A plan holds what the exact
   route of ns_dist_pair computes from the distribution alone, for every
   test function supported in a window [a, b]: each regular term's
   breakpoints in the window, the germs on both sides of each breakpoint
   with the jumps [f^(i)] they give, the end checks at breakpoints, and per
   piece whether f^(m) is exactly 0 or a constant.  ns_dist_plan_pair then
   runs ns_dist_pair's loop with these read from the plan instead of being
   recomputed; ns_dist_pair_many pairs a family through one plan. */
#include <config.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include "distribution/distribution_impl.h"
#include "distribution/plan_impl.h"
#include "function/breakpoints.h"

/* The end check at a breakpoint P for a piece on SIDE of it (NS_LEFT: the
   piece ends at P) passes there whatever the piece: the germ of f to order
   FK exists and is finite (ns_pair_end_check's first branch, which reads
   neither the piece's length nor the support). */
static int
end_ok (const ns_function *f, double p, ns_side side, int fk)
{
  ns_germ g;
  if (ns_fn_germ (f, p, side, fk, &g) != NS_OK)
    return 0;
  for (int i = 0; i <= fk; i++)
    if (!isfinite (g.c[i]))
      return 0;
  return 1;
}

static void
plan_term_clear (ns_plan_term *pt)
{
  free (pt->pts);
  free (pt->bp);
  free (pt->pc);
  *pt = (ns_plan_term) { 0 };
}

/* Caches term T on [A, B]; leaves PT uncached (and NS_OK) where the
   search cannot run on the window, so that pairing searches per test
   function as ns_dist_pair does.  NS_ENOMEM only. */
static ns_status
plan_term_build (const dist_term *t, double a, double b, size_t nmax,
                 ns_plan_term *pt)
{
  *pt = (ns_plan_term) { 0 };
  if (t->kind != NS_DIST_REGULAR || t->mult)
    return NS_OK;
  double *pts = malloc (nmax * sizeof *pts);
  ns_bp_scratch sc = { NULL, ns_bp_scratch_doubles (nmax), 0 };
  sc.mem = sc.cap <= SIZE_MAX / sizeof (double) ? malloc (sc.cap * sizeof (double)) : NULL;
  if (!pts || !sc.mem)
    {
      free (pts);
      free (sc.mem);
      return NS_ENOMEM;
    }
  size_t n = 0;
  ns_status st = ns_fn_breakpoints_scratch (t->f, a, b, pts, nmax, &n, &sc);
  free (sc.mem);
  if (st != NS_OK)
    {
      free (pts);
      return st == NS_ENOMEM ? st : NS_OK;
    }
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (pts[i] > a && pts[i] < b)
      pts[k++] = pts[i];
  pt->nb = k;
  pt->pts = pts;
  pt->bp = malloc ((k ? k : 1) * sizeof *pt->bp);
  pt->pc = malloc ((k + 1) * sizeof *pt->pc);
  if (!pt->bp || !pt->pc)
    {
      plan_term_clear (pt);
      return NS_ENOMEM;
    }
  const int m = t->order;
  for (size_t j = 0; j < k; j++)
    {
      ns_plan_bp *bp = &pt->bp[j];
      bp->have = ns_pair_side_germs (t->f, pts[j], m + 1, bp->g) == NS_OK;
      bp->jst = NS_OK;
      if (m > 0)
        {
          if (!bp->have)
            bp->jst = ns_pair_side_germs (t->f, pts[j], m - 1, bp->g);
          if (bp->jst == NS_OK)
            ns_pair_jumps (t->f, pts[j], m - 1, bp->g, bp->jump, bp->jerr);
        }
      bp->end_ok[0] = end_ok (t->f, pts[j], NS_LEFT, m);
      bp->end_ok[1] = end_ok (t->f, pts[j], NS_RIGHT, m);
    }
  for (size_t j = 0; j <= k; j++)
    {
      double xa = j ? pts[j - 1] : a, xb = j < k ? pts[j] : b;
      double x0 = xa + (xb - xa) / 2;
      ns_plan_piece *pc = &pt->pc[j];
      pc->zero = ns_pair_piece_is_zero (t->f, x0, m);
      pc->konst = !pc->zero && ns_pair_const_piece (t->f, x0, m, &pc->a0, &pc->ae0);
    }
  pt->cached = 1;
  return NS_OK;
}

ns_status
ns_dist_plan_create (const ns_dist *t, double a, double b, size_t n,
                     ns_dist_plan **out)
{
  if (!out)
    return NS_EINVAL;
  *out = NULL;
  if (!t || !isfinite (a) || !isfinite (b) || !(a < b))
    return NS_EINVAL;
  if (n == 0)
    n = NS_PAIR_DEFAULT_SIZE;
  ns_dist_plan *p = calloc (1, sizeof *p);
  if (!p)
    return NS_ENOMEM;
  p->a = a;
  p->b = b;
  p->nmax = n;
  /* The plan's own copy: scaling by 1 is exact, term by term. */
  ns_status st = ns_dist_scale (1.0, t, &p->t);
  if (st == NS_OK)
    {
      p->terms = calloc (p->t->n ? p->t->n : 1, sizeof *p->terms);
      if (!p->terms)
        st = NS_ENOMEM;
    }
  for (size_t i = 0; st == NS_OK && i < p->t->n; i++)
    st = plan_term_build (&p->t->terms[i], a, b, n, &p->terms[i]);
  if (st != NS_OK)
    {
      ns_dist_plan_free (p);
      return st;
    }
  *out = p;
  return NS_OK;
}

void
ns_dist_plan_free (ns_dist_plan *p)
{
  if (!p)
    return;
  if (p->terms && p->t)
    for (size_t i = 0; i < p->t->n; i++)
      plan_term_clear (&p->terms[i]);
  free (p->terms);
  ns_dist_free (p->t);
  free (p);
}

ns_status
ns_dist_plan_pair (const ns_dist_plan *p, const ns_testfn *phi,
                   ns_pair_workspace *w, ns_pair_result *out)
{
  if (!out)
    return NS_EINVAL;
  *out = (ns_pair_result) { NAN, INFINITY, 0 };
  double sa, sb;
  if (!p || !phi || ns_testfn_support (phi, &sa, &sb) != NS_OK)
    return NS_EINVAL;
  /* A support outside the window would need breakpoints the plan does
     not hold. */
  if (!(sa >= p->a && sb <= p->b))
    return NS_EINVAL;
  return ns_pair_planned (p, phi, w, out);
}

ns_status
ns_dist_pair_many (const ns_dist *t, const ns_testfn *const *phi, size_t n,
                   ns_pair_workspace *w, ns_pair_result *out, ns_status *status)
{
  if (!t || (n > 0 && (!phi || !out)))
    return NS_EINVAL;
  for (size_t i = 0; i < n; i++)
    {
      out[i] = (ns_pair_result) { NAN, INFINITY, 0 };
      if (status)
        status[i] = NS_EINVAL;
    }
  if (n == 0)
    return NS_OK;
  double a = INFINITY, b = -INFINITY;
  for (size_t i = 0; i < n; i++)
    {
      double sa, sb;
      if (!phi[i] || ns_testfn_support (phi[i], &sa, &sb) != NS_OK)
        return NS_EINVAL;
      a = fmin (a, sa);
      b = fmax (b, sb);
    }
  ns_dist_plan *p = NULL;
  ns_status st = ns_dist_plan_create (t, a, b, w ? ns_pair_workspace_size (w) : 0, &p);
  if (st != NS_OK)
    return st;
  ns_pair_workspace *own = NULL;
  if (!w)
    {
      own = w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
      if (!w)
        {
          ns_dist_plan_free (p);
          return NS_ENOMEM;
        }
    }
  ns_status first = NS_OK;
  for (size_t i = 0; i < n; i++)
    {
      ns_status si = ns_dist_plan_pair (p, phi[i], w, &out[i]);
      if (status)
        status[i] = si;
      if (si != NS_OK && first == NS_OK)
        first = si;
    }
  ns_pair_workspace_free (own);
  ns_dist_plan_free (p);
  return first;
}
