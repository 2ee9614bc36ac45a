/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/pairing_mult.c: multiplication of a distribution by a smooth
   function g, paired through <g S, phi> = <S, g phi>: g phi^(k) becomes a
   test function whose derivatives come from Leibniz's rule, with g^(i)(x)
   read off g's exact germ.  Nothing here allocates: the test function
   object and the breakpoint search's memory live in the pairing's
   workspace. */
#include <config.h>
#include <float.h>
#include <math.h>
#include "distribution/pairing_singular.h"
#include "function/breakpoints.h"
#include "testfn/testfn_private.h"

/* The germ's coefficients of order >= 1 carry only the rounding of the
   Taylor arithmetic; for the trees one multiplies by (x, x^2, exp, sin,
   their sums and products) that is a handful of roundings per coefficient,
   which 16 eps covers. */
#define GERM_COEF_REL (16 * DBL_EPSILON)

/* (g phi^(outer))^(n)(x) = sum_i C(n,i) g^(i)(x) phi^(outer+n-i)(x). */
static ns_status
mult_eval (int n, double x, void *data, ns_result *out)
{
  const ns_pair_mult_ctx *m = data;
  ns_germ g;
  ns_status st = ns_fn_germ (m->g, x, NS_RIGHT, n, &g);
  if (st != NS_OK)
    return (st == NS_ERANGE) ? NS_UNDEFINED : st;
  double val = 0, err = 0, binom = 1, fact = 1;
  for (int i = 0; i <= n; i++)
    {
      if (i > 0)
        {
          binom = binom * (n - i + 1) / i;
          fact *= i;
        }
      double gi = fact * g.c[i];
      double gi_err = (i == 0) ? g.err0 : GERM_COEF_REL * fabs (gi);
      ns_result p;
      st = ns_testfn_eval (m->phi, m->outer + n - i, x, &p);
      if (st != NS_OK)
        return st;
      double term = binom * gi * p.val;
      val += term;
      /* Each term's factors' errors, and the rounding of the product and of
         the running sum (at most n + 2 roundings touch each term). */
      err += binom * (fabs (gi) * p.err + gi_err * fabs (p.val))
             + (n + 2) * DBL_EPSILON * fabs (term);
    }
  if (!isfinite (val) || !isfinite (err))
    return NS_UNDEFINED;
  out->val = val;
  out->err = err;
  return NS_OK;
}

ns_status
ns_pair_mult_psi_alloc (ns_testfn **out)
{
  return testfn_new (KIND_USER, out);
}

/* Fills PSI with g phi^(outer) on the support [SA, SB] of phi (MAXN its
   highest order), after a check that g is defined there. */
static ns_status
mult_fill (const ns_function *g, const ns_testfn *phi, int outer, double sa,
           double sb, int maxn, ns_pair_mult_ctx *ctx, ns_testfn *psi)
{
  /* Defined at one interior point (a g undefined on the whole support,
     log(x) for x < 0, is refused before any quadrature). */
  ns_result v;
  ns_status st = ns_fn_eval (g, sa + (sb - sa) / 2, &v);
  if (st != NS_OK)
    return st == NS_ERANGE ? NS_UNDEFINED : st;
  *ctx = (ns_pair_mult_ctx) { g, phi, outer };
  /* A user test function without the admissibility check: g phi^(outer)
     vanishes with every derivative wherever phi does.  PSI came from
     ns_pair_mult_psi_alloc; only the fields a user test function reads
     change from one use to the next. */
  psi->kind = KIND_USER;
  psi->user = (ns_testfn_user) { mult_eval, ctx, sa, sb, maxn - outer };
  psi->lo = sa;
  psi->hi = sb;
  psi->centre = sa / 2 + sb / 2;
  psi->radius = sb / 2 - sa / 2;
  return NS_OK;
}

ns_status
ns_pair_mult_testfn_at (const ns_function *g, const ns_testfn *phi, int outer,
                        double a, double tol, int n, ns_bp_scratch *sc,
                        double *pts, size_t max, ns_pair_mult_ctx *ctx,
                        ns_testfn *psi)
{
  double sa, sb;
  int maxn;
  if (ns_testfn_support (phi, &sa, &sb) != NS_OK
      || ns_testfn_max_order (phi, &maxn) != NS_OK || outer > maxn
      || n < 0 || n > NS_MAX_ORDER || !(tol >= 0))
    return NS_EINVAL;
  /* The derivatives g^(i)(a), i <= n, from both sides: equal (within
     their rounding bounds) when g is C^n at a, which is all that
     <g delta_a^(m), phi> = (-1)^m (g phi)^(m)(a) needs. */
  ns_germ side[2];
  for (int s = 0; s < 2; s++)
    {
      ns_status st = ns_fn_germ (g, a, s ? NS_RIGHT : NS_LEFT, n, &side[s]);
      if (st != NS_OK)
        return (st == NS_ERANGE) ? NS_UNDEFINED : st;
    }
  int differ = 0;
  double fact = 1;
  for (int i = 0; i <= n; i++)
    {
      if (i > 1)
        fact *= i;
      /* d^i/dx^i g(a - t) = (-1)^i d^i/dt^i: the left germ is in -t. */
      double left = fact * side[0].c[i], right = fact * side[1].c[i];
      if (i % 2)
        left = -left;
      double bound = i == 0 ? side[0].err0 + side[1].err0
                            : GERM_COEF_REL * (fabs (left) + fabs (right));
      if (fabs (right - left) > bound)
        return NS_UNDEFINED;            /* a jump of g^(i) at a */
      differ |= right != left;
    }
  /* The value at a is the germs' (an isolated point value, as in
     sign(x)^2 at 0, is not a smooth multiplier). */
  ns_result v;
  ns_status st = ns_fn_eval (g, a, &v);
  if (st != NS_OK)
    return st == NS_ERANGE ? NS_UNDEFINED : st;
  if (fabs (v.val - side[1].c[0]) > v.err + side[1].err0)
    return NS_UNDEFINED;
  /* A breakpoint of g within TOL of a (the point's own uncertainty and a
     breakpoint's rounding): the germs must then agree exactly, or the
     doubles cannot tell whether a sits on it. */
  if (differ)
    {
      size_t nb = 0;
      double lo = fmax (sa, a - tol), hi = fmin (sb, a + tol);
      st = ns_fn_breakpoints_scratch (g, lo, hi, pts, max, &nb, sc);
      if (st != NS_OK)
        return st;
      if (nb > 0)
        return NS_EUNDECIDED;
    }
  return mult_fill (g, phi, outer, sa, sb, maxn, ctx, psi);
}

ns_status
ns_pair_mult_testfn (const ns_function *g, const ns_testfn *phi, int outer,
                     ns_bp_scratch *sc, double *pts, size_t max,
                     ns_pair_mult_ctx *ctx, ns_testfn *psi)
{
  double sa, sb;
  int maxn;
  if (ns_testfn_support (phi, &sa, &sb) != NS_OK
      || ns_testfn_max_order (phi, &maxn) != NS_OK || outer > maxn)
    return NS_EINVAL;
  /* g must be smooth on the open support: a breakpoint there (abs(x) at
     0) leaves g D^m S undefined for m >= 1 or S a delta at the kink. */
  size_t n = 0;
  ns_status st = ns_fn_breakpoints_scratch (g, sa, sb, pts, max, &n, sc);
  if (st != NS_OK && st != NS_ELIMIT)
    return st;
  for (size_t i = 0; i < n; i++)
    if (pts[i] > sa && pts[i] < sb)
      return NS_UNDEFINED;
  /* The scratch ran out before any breakpoint inside showed. */
  if (st == NS_ELIMIT)
    return NS_ELIMIT;
  return mult_fill (g, phi, outer, sa, sb, maxn, ctx, psi);
}
