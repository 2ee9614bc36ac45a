/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_stationary.c: the stationarity test 0 in the Clarke set
   of a function of several variables, ns_mfn_stationary, with its
   certificate: convex weights of limiting gradients summing to 0, or a
   direction whose Clarke derivative is proven negative. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <flint/flint.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include <flint/fmpq_vec.h>
#include <arb.h>
#include "multi/multi_impl.h"

#define SLOPE_PREC 128

void
ns_stationarity_clear (ns_stationarity *s)
{
  if (s == NULL)
    return;
  ns_polytope_free (s->clarke);
  free (s->weights);
  s->clarke = NULL;
  s->weights = NULL;
}

/* The affine dimension of the hull of P's points as given (the doubles,
   exactly): the rank of their differences from the first, in FLINT
   rationals.  The differences enter one at a time into a reduced echelon
   basis (each new pivot cleared from the other rows), so the work is
   O(n^2) per point and stops once the rank is n: 2^16 limiting gradients
   cost no full elimination. */
static int
exact_dimension (const ns_polytope *p)
{
  if (p->count <= 1)
    return p->count == 0 ? -1 : 0;
  int n = p->n, rank = 0;
  fmpq_mat_t basis;
  fmpq_mat_init (basis, n, n);
  int pivot[NS_MULTI_MAX_VARS];
  fmpq *v = _fmpq_vec_init (n);
  fmpq_t a, c;
  fmpq_init (a);
  fmpq_init (c);
  arf_t t;
  arf_init (t);
  for (size_t i = 1; i < p->count && rank < n; i++)
    {
      for (int j = 0; j < n; j++)
        {
          arf_set_d (t, p->vertices[i * (size_t) n + j]);
          arf_get_fmpq (v + j, t);
          arf_set_d (t, p->vertices[j]);
          arf_get_fmpq (a, t);
          fmpq_sub (v + j, v + j, a);
        }
      /* Reduce against the basis: row r has 1 at pivot[r] and 0 at the
         other pivots. */
      for (int r = 0; r < rank; r++)
        if (!fmpq_is_zero (v + pivot[r]))
          {
            fmpq_set (c, v + pivot[r]);
            for (int j = 0; j < n; j++)
              fmpq_submul (v + j, c, fmpq_mat_entry (basis, r, j));
          }
      int piv = -1;
      for (int j = 0; j < n && piv < 0; j++)
        if (!fmpq_is_zero (v + j))
          piv = j;
      if (piv < 0)
        continue;
      fmpq_inv (c, v + piv);
      for (int j = 0; j < n; j++)
        fmpq_mul (fmpq_mat_entry (basis, rank, j), v + j, c);
      for (int r = 0; r < rank; r++)
        if (!fmpq_is_zero (fmpq_mat_entry (basis, r, piv)))
          {
            fmpq_set (c, fmpq_mat_entry (basis, r, piv));
            for (int j = 0; j < n; j++)
              fmpq_submul (fmpq_mat_entry (basis, r, j), c, fmpq_mat_entry (basis, rank, j));
          }
      pivot[rank++] = piv;
    }
  arf_clear (t);
  fmpq_clear (a);
  fmpq_clear (c);
  _fmpq_vec_clear (v, n);
  fmpq_mat_clear (basis);
  return rank;
}

ns_status
ns_mfn_clarke_points (const ns_mfn *f, const double *x, ns_polytope **out)
{
  *out = NULL;
  int n = f->n;
  size_t count = 0;
  ns_result *g = NULL;
  ns_status st = ns_mfn_limiting_all (f, x, &g, &count);
  if (st == NS_ELIMIT)
    {
      /* The limiting gradients stop short of this point (more variables
         or kinks than they handle); where f is certified differentiable,
         its gradient is the one limiting gradient. */
      if (ns_mfn_gradient (f, x, g) == NS_OK)
        {
          count = 1;
          st = NS_OK;
        }
    }
  if (st == NS_OK && count == 0)
    st = NS_EUNDECIDED;
  if (st == NS_OK)
    {
      ns_polytope *p = ns_polytope_alloc (n, count, 0);
      if (p == NULL)
        st = NS_ENOMEM;
      else
        {
          for (size_t i = 0; i < count * (size_t) n; i++)
            {
              p->vertices[i] = g[i].val;
              p->err[i] = g[i].err;
            }
          p->dim = exact_dimension (p);
          *out = p;
        }
    }
  free (g);
  return st;
}

/* An enclosure of Clarke's f°(x; D) = max_i g*_i . D over the exact
   points g*_i of P (within their bounds), in ball arithmetic: OUT->val
   the largest midpoint, OUT->err such that every g*_i . D lies below
   val + err and the largest above val - err. */
static void
support_value (const ns_polytope *p, const double *d, ns_result *out)
{
  int n = p->n;
  arb_t s, t, u;
  arb_init (s);
  arb_init (t);
  arb_init (u);
  arf_t hi, lo, hmax, lmax;
  arf_init (hi);
  arf_init (lo);
  arf_init (hmax);
  arf_init (lmax);
  arf_neg_inf (hmax);
  arf_neg_inf (lmax);
  for (size_t i = 0; i < p->count; i++)
    {
      arb_zero (s);
      for (int j = 0; j < n; j++)
        {
          arb_set_d (t, p->vertices[i * (size_t) n + j]);
          mag_set_d (arb_radref (t), p->err[i * (size_t) n + j]);
          arb_set_d (u, d[j]);
          arb_addmul (s, t, u, SLOPE_PREC);
        }
      arb_get_ubound_arf (hi, s, SLOPE_PREC);
      arb_get_lbound_arf (lo, s, SLOPE_PREC);
      arf_max (hmax, hmax, hi);
      arf_max (lmax, lmax, lo);
    }
  /* [lmax, hmax] holds the maximum: its midpoint and radius, rounded
     outward. */
  arb_set_interval_arf (s, lmax, hmax, SLOPE_PREC);
  out->val = arf_get_d (arb_midref (s), ARF_RND_NEAR);
  arb_set_d (t, out->val);
  arb_sub (t, s, t, SLOPE_PREC);
  arb_get_abs_ubound_arf (hi, t, SLOPE_PREC);
  out->err = arf_is_finite (hi) ? arf_get_d (hi, ARF_RND_UP) : HUGE_VAL;
  arf_clear (hi);
  arf_clear (lo);
  arf_clear (hmax);
  arf_clear (lmax);
  arb_clear (s);
  arb_clear (t);
  arb_clear (u);
}

ns_status
ns_mfn_stationary (const ns_mfn *f, const double *x, ns_stationarity *out)
{
  if (out == NULL)
    return NS_EINVAL;
  memset (out, 0, sizeof *out);
  out->stationary = -1;
  out->slope.val = NAN;
  out->slope.err = HUGE_VAL;
  if (f == NULL || x == NULL)
    return NS_EINVAL;
  int n = f->n;
  out->n = n;
  for (int j = 0; j < n; j++)
    {
      if (!isfinite (x[j]))
        return NS_EINVAL;
      out->min_norm[j].val = NAN;
      out->min_norm[j].err = HUGE_VAL;
    }
  ns_status st = ns_mfn_clarke_points (f, x, &out->clarke);
  if (st != NS_OK)
    return st;
  out->weights = calloc (out->clarke->count, sizeof (double));
  if (out->weights == NULL)
    {
      ns_stationarity_clear (out);
      return NS_ENOMEM;
    }
  int zero = 0;
  st = ns_polytope_min_norm_zero (out->clarke, out->min_norm, out->weights, &zero);
  if (st != NS_OK)
    {
      ns_stationarity_clear (out);
      return st;
    }
  if (zero > 0)
    {
      /* 0 is a convex combination of the gradients as computed, proven in
         rationals (the weights are the certificate); in every reading of
         their bounds too when ZERO is 2, else the exact Clarke set comes
         within the bound of the least-norm element of 0. */
      out->stationary = 1;
      out->residual = out->min_norm[0].err;
      /* Past qhull's dimension ns_polytope_contains decides by linear
         programs over the points (at most NS_POLYTOPE_MAX_LP_POINTS;
         past that its refusal leaves the residual). */
      if (out->residual > 0)
        {
          /* The hull check of ns_polytope_contains may still show 0 inside
             for every reading (0 interior to the Clarke set: the square of
             |x| + |y| at 0, whose gradients carry subnormal bounds); a
             refusal there leaves the residual. */
          double zero_point[NS_MULTI_MAX_VARS] = { 0 };
          int inside = 0;
          if (ns_polytope_contains (out->clarke, zero_point, NULL, &inside) == NS_OK && inside)
            {
              out->residual = 0;
              for (int j = 0; j < n; j++)
                out->min_norm[j].err = 0;
            }
        }
      return NS_OK;
    }
  /* The least-norm element g separates 0 from the Clarke set, and -g is
     the steepest descent direction of f°(x; .) on the unit sphere (its
     value there is -|g|): f°(x; -g) = max_i g_i . (-g) = -|g|^2 < 0
     exactly.  The computed g is off by its bound, so the sign is checked
     on the exact gradients within theirs. */
  for (int j = 0; j < n; j++)
    out->direction[j] = 0.0 - out->min_norm[j].val;   /* +0, not -0, for a 0 entry */
  support_value (out->clarke, out->direction, &out->slope);
  if (out->slope.val + out->slope.err < 0)
    {
      out->stationary = 0;
      return NS_OK;
    }
  return NS_EUNDECIDED;
}
