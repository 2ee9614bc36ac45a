/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/polytope_minnorm.c: the least-norm element of a polytope given
   by points, ns_polytope_min_norm.  Wolfe's algorithm in doubles finds
   convex weights; Arb ball arithmetic turns them into a rigorous bound
   (weak duality of the projection problem, with the points' own bounds);
   FLINT rationals prove the answer exactly 0 when 0 is in the polytope. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <flint/flint.h>
#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include <arb.h>
#include <arb_mat.h>
#include "multi/multi_impl.h"

/* Ball precision of the certificate.  Products of two doubles are exact in
   106 bits; 256 bits keep sums of up to NS_MULTI_MAX_VARS * count such
   products far below the rounding of the doubles the result is written in,
   so that the bound comes from the weights, not from the check. */
#define MINNORM_PREC 256

/* The state of Wolfe's algorithm (P. Wolfe, "Finding the nearest point in
   a polytope", Math. Programming 11 (1976) 128-149) on the scaled points
   V[i*n ...]: the corral S[0..k-1] with weights LAM, the current point X,
   and the scratch of the affine minimiser (Q: k-1 orthonormal columns of
   length n, R: their triangular factor, a row of n+2 per column). */
typedef struct wolfe
{
  int n;
  size_t count;
  const double *v;
  size_t *s;
  double *lam;
  size_t k;
  double *x;
  double *q;
  double *r;
  double *alpha;
  double *y;
} wolfe;

static double
dot (const double *a, const double *b, int n)
{
  double s = 0;
  for (int j = 0; j < n; j++)
    s += a[j] * b[j];
  return s;
}

/* The point of least norm of the affine hull of the corral, as weights
   ALPHA (summing to 1) and the point Y.  Modified Gram-Schmidt, twice, on
   the differences d_i = v_{s_i} - v_{s_0}; the residual of v_{s_0} against
   their span is Y, and R beta = -(Q^T v_{s_0}) gives the other weights.
   Returns 0, or -1 when a difference is (numerically) in the span of the
   previous ones: the corral is then affinely dependent.  The tolerance
   only steers the search; the bound does not depend on it. */
static int
affine_min (wolfe *w)
{
  int n = w->n;
  size_t m = w->k - 1;
  const double *v0 = w->v + w->s[0] * (size_t) n;
  for (size_t c = 0; c < m; c++)
    {
      double *qc = w->q + c * (size_t) n;
      const double *vc = w->v + w->s[c + 1] * (size_t) n;
      for (int j = 0; j < n; j++)
        qc[j] = vc[j] - v0[j];
      double norm0 = sqrt (dot (qc, qc, n));
      for (size_t c2 = 0; c2 < c; c2++)
        w->r[c2 * (size_t) (n + 2) + c] = 0;
      for (int pass = 0; pass < 2; pass++)
        for (size_t c2 = 0; c2 < c; c2++)
          {
            const double *qo = w->q + c2 * (size_t) n;
            double t = dot (qo, qc, n);
            w->r[c2 * (size_t) (n + 2) + c] += t;
            for (int j = 0; j < n; j++)
              qc[j] -= t * qo[j];
          }
      double norm = sqrt (dot (qc, qc, n));
      if (!(norm > 1e-10 * norm0) || norm0 == 0)
        return -1;
      w->r[c * (size_t) (n + 2) + c] = norm;
      for (int j = 0; j < n; j++)
        qc[j] /= norm;
    }
  /* Y = v0 - Q (Q^T v0), with the coefficients kept in ALPHA[1..m]. */
  memcpy (w->y, v0, (size_t) n * sizeof (double));
  for (size_t c = 0; c < m; c++)
    w->alpha[c + 1] = 0;
  for (int pass = 0; pass < 2; pass++)
    for (size_t c = 0; c < m; c++)
      {
        const double *qc = w->q + c * (size_t) n;
        double t = dot (qc, w->y, n);
        w->alpha[c + 1] += t;
        for (int j = 0; j < n; j++)
          w->y[j] -= t * qc[j];
      }
  /* Back substitution: R beta = -c. */
  for (size_t c = m; c-- > 0;)
    {
      double t = -w->alpha[c + 1];
      for (size_t c2 = c + 1; c2 < m; c2++)
        t -= w->r[c * (size_t) (n + 2) + c2] * w->alpha[c2 + 1];
      w->alpha[c + 1] = t / w->r[c * (size_t) (n + 2) + c];
    }
  double sum = 0;
  for (size_t c = 1; c <= m; c++)
    sum += w->alpha[c];
  w->alpha[0] = 1 - sum;
  return 0;
}

static void
corral_point (wolfe *w)
{
  int n = w->n;
  for (int j = 0; j < n; j++)
    w->x[j] = 0;
  for (size_t c = 0; c < w->k; c++)
    {
      const double *vc = w->v + w->s[c] * (size_t) n;
      for (int j = 0; j < n; j++)
        w->x[j] += w->lam[c] * vc[j];
    }
}

/* Drops the members of the corral whose weight is not positive. */
static void
corral_prune (wolfe *w)
{
  size_t k2 = 0;
  for (size_t c = 0; c < w->k; c++)
    if (w->lam[c] > 0)
      {
        w->s[k2] = w->s[c];
        w->lam[k2] = w->lam[c];
        k2++;
      }
  w->k = k2;
}

/* Wolfe's major and minor cycles.  Every exit leaves a corral with
   nonnegative weights; how close its point is to the least-norm one is
   measured afterwards, so the iteration cap and the stopping tolerance
   cost accuracy of the bound, never its truth. */
static void
wolfe_run (wolfe *w)
{
  int n = w->n;
  double vmax = 0;
  size_t best = 0;
  double bestnorm = HUGE_VAL;
  for (size_t i = 0; i < w->count; i++)
    {
      double t = dot (w->v + i * (size_t) n, w->v + i * (size_t) n, n);
      if (t < bestnorm)
        {
          bestnorm = t;
          best = i;
        }
      if (t > vmax)
        vmax = t;
    }
  vmax = sqrt (vmax);
  w->k = 1;
  w->s[0] = best;
  w->lam[0] = 1;
  corral_point (w);
  size_t budget = 20 * (w->count + (size_t) n) + 100;
  while (budget-- > 0)
    {
      double xx = dot (w->x, w->x, n);
      size_t j = 0;
      double xv = HUGE_VAL;
      for (size_t i = 0; i < w->count; i++)
        {
          double t = dot (w->x, w->v + i * (size_t) n, n);
          if (t < xv)
            {
              xv = t;
              j = i;
            }
        }
      /* x . v_j >= |x|^2 up to the rounding of the two dot products:
         x is optimal as far as doubles can see. */
      if (xx - xv <= 8 * (n + 2) * DBL_EPSILON * sqrt (xx) * vmax)
        break;
      int member = 0;
      for (size_t c = 0; c < w->k; c++)
        member |= w->s[c] == j;
      if (member || w->k == (size_t) n + 1)
        break;
      w->s[w->k] = j;
      w->lam[w->k] = 0;
      w->k++;
      int stop = 0;
      while (budget-- > 0)
        {
          if (affine_min (w) != 0)
            {
              /* v_j lies in the affine hull of the corral: in exact
                 arithmetic it cannot (x . v_j < |x|^2), so x is as good as
                 doubles make it. */
              w->k--;
              stop = 1;
              break;
            }
          int positive = 1;
          for (size_t c = 0; c < w->k; c++)
            positive &= w->alpha[c] > 0;
          if (positive)
            {
              memcpy (w->lam, w->alpha, w->k * sizeof (double));
              memcpy (w->x, w->y, (size_t) n * sizeof (double));
              break;
            }
          /* Walk from the current weights towards ALPHA until the first
             weight reaches 0, and drop it. */
          double theta = 1;
          size_t out = 0;
          for (size_t c = 0; c < w->k; c++)
            if (w->alpha[c] <= 0)
              {
                double t = w->lam[c] / (w->lam[c] - w->alpha[c]);
                if (t < theta)
                  {
                    theta = t;
                    out = c;
                  }
              }
          if (theta <= 0 && out == w->k - 1)
            {
              /* The new point would leave at once: no progress. */
              w->k--;
              stop = 1;
              break;
            }
          for (size_t c = 0; c < w->k; c++)
            w->lam[c] = (1 - theta) * w->lam[c] + theta * w->alpha[c];
          w->lam[out] = 0;
          corral_prune (w);
          corral_point (w);
        }
      if (stop || !(dot (w->x, w->x, n) < xx))
        break;
    }
  corral_prune (w);
  if (w->k == 0)
    {
      w->k = 1;
      w->s[0] = best;
      w->lam[0] = 1;
    }
}

/* Whether 0 lies in the hull of the corral's points, decided in
   rationals: 2 when it does for every reading of their bounds, 1 when it
   does for the points as given (the doubles) but a reading may miss it,
   0 when neither is proven.  For 1 and 2, MU (k entries) gets the
   barycentric weights of 0, rounded, and *DELTA the largest Euclidean
   length of the corral's bounds, rounded up.  With
   K = n + 1 affinely independent points, weight c of a point x is an
   affine function mu_c(x) = a_c . x + b_c (row c of the inverse of
   M = [v; 1]); the distance from 0 to the facet opposite point c is
   mu_c(0) / |a_c|, so the ball of radius rho = min_c mu_c(0) / |a_c| about
   0 lies in the simplex.  Moving each point by at most delta lowers every
   support value by at most delta, so 0 stays inside every reading when
   rho >= delta (the largest of the bounds' Euclidean lengths).  With fewer
   points 0 = sum mu_c v_c, sum mu_c = 1, mu >= 0 is solved through the
   normal equations and checked exactly; it holds for every reading only
   when delta = 0 (a perturbation may move 0 off their affine hull). */
static int
zero_certified (const ns_polytope *p, const size_t *s, size_t k, double *mu, double *deltaout)
{
  int n = p->n;
  int proven = 0;
  fmpq_t t, u, delta2;
  fmpq_init (t);
  fmpq_init (u);
  fmpq_init (delta2);
  arf_t a;
  arf_init (a);
  for (size_t c = 0; c < k; c++)
    {
      fmpq_zero (u);
      for (int j = 0; j < n; j++)
        {
          arf_set_d (a, p->err[s[c] * (size_t) n + j]);
          arf_get_fmpq (t, a);
          fmpq_addmul (u, t, t);
        }
      if (fmpq_cmp (u, delta2) > 0)
        fmpq_set (delta2, u);
    }
  fmpq_mat_t m, inv, rhs, sol, check;
  if (k == (size_t) n + 1)
    {
      fmpq_mat_init (m, n + 1, n + 1);
      fmpq_mat_init (inv, n + 1, n + 1);
      for (size_t c = 0; c < k; c++)
        {
          for (int j = 0; j < n; j++)
            {
              arf_set_d (a, p->vertices[s[c] * (size_t) n + j]);
              arf_get_fmpq (fmpq_mat_entry (m, j, c), a);
            }
          fmpq_one (fmpq_mat_entry (m, n, c));
        }
      if (fmpq_mat_inv (inv, m))
        {
          proven = 2;
          for (size_t c = 0; c < k && proven > 0; c++)
            {
              const fmpq *b = fmpq_mat_entry (inv, c, n);
              if (fmpq_sgn (b) < 0)
                proven = 0;
              else if (!fmpq_is_zero (delta2) && proven == 2)
                {
                  /* mu_c(0)^2 >= delta^2 |a_c|^2 */
                  fmpq_zero (u);
                  for (int j = 0; j < n; j++)
                    fmpq_addmul (u, fmpq_mat_entry (inv, c, j), fmpq_mat_entry (inv, c, j));
                  fmpq_mul (u, u, delta2);
                  fmpq_mul (t, b, b);
                  if (fmpq_cmp (t, u) < 0)
                    proven = 1;
                }
            }
          for (size_t c = 0; c < k && proven > 0; c++)
            mu[c] = fmpq_get_d (fmpq_mat_entry (inv, c, n));
        }
      fmpq_mat_clear (m);
      fmpq_mat_clear (inv);
    }
  else
    {
      fmpq_mat_init (m, n + 1, (slong) k);
      fmpq_mat_init (inv, (slong) k, (slong) k);
      fmpq_mat_init (rhs, (slong) k, 1);
      fmpq_mat_init (sol, (slong) k, 1);
      fmpq_mat_init (check, n + 1, 1);
      for (size_t c = 0; c < k; c++)
        {
          for (int j = 0; j < n; j++)
            {
              arf_set_d (a, p->vertices[s[c] * (size_t) n + j]);
              arf_get_fmpq (fmpq_mat_entry (m, j, c), a);
            }
          fmpq_one (fmpq_mat_entry (m, n, c));
          /* A^T e_{n+1}: the row of ones. */
          fmpq_one (fmpq_mat_entry (rhs, c, 0));
        }
      fmpq_mat_t mt;
      fmpq_mat_init (mt, (slong) k, n + 1);
      fmpq_mat_transpose (mt, m);
      fmpq_mat_mul (inv, mt, m);
      if (fmpq_mat_solve_fraction_free (sol, inv, rhs))
        {
          fmpq_mat_mul (check, m, sol);
          proven = 1;
          for (int j = 0; j <= n && proven; j++)
            proven = j < n ? fmpq_is_zero (fmpq_mat_entry (check, j, 0))
                           : fmpq_is_one (fmpq_mat_entry (check, j, 0));
          for (size_t c = 0; c < k && proven; c++)
            proven = fmpq_sgn (fmpq_mat_entry (sol, c, 0)) >= 0;
          for (size_t c = 0; c < k && proven; c++)
            mu[c] = fmpq_get_d (fmpq_mat_entry (sol, c, 0));
          if (proven && !fmpq_is_zero (delta2))
            proven = 1;
          else if (proven)
            proven = 2;
        }
      fmpq_mat_clear (mt);
      fmpq_mat_clear (m);
      fmpq_mat_clear (inv);
      fmpq_mat_clear (rhs);
      fmpq_mat_clear (sol);
      fmpq_mat_clear (check);
    }
  /* delta rounded up: the square root of the rational delta^2 as a ball
     (squaring in doubles would underflow subnormal bounds to 0). */
  arb_t b;
  arb_init (b);
  arb_set_fmpq (b, delta2, MINNORM_PREC);
  arb_sqrt (b, b, MINNORM_PREC);
  arb_get_ubound_arf (a, b, MINNORM_PREC);
  *deltaout = arf_is_finite (a) ? arf_get_d (a, ARF_RND_UP) : HUGE_VAL;
  arb_clear (b);
  arf_clear (a);
  fmpq_clear (t);
  fmpq_clear (u);
  fmpq_clear (delta2);
  return proven;
}

/* Sharper weights for the corral S[0..K-1]: the point of least norm of
   its affine hull solves the KKT system [G 1; 1^T 0] (alpha, mu) = (0, 1),
   G the Gram matrix of the corral's points (nonsingular exactly when they
   are affinely independent).  Solved in Arb at MINNORM_PREC bits, its
   midpoints (negative ones set to 0, where a weight is 0 in truth) are
   weights accurate far past doubles, which the certificate needs: with
   weights off by delta, the weak-duality gap below is linear in delta
   (min_i h . v_i moves with delta . v_i), so doubles' weights would leave
   a bound of order sqrt(DBL_EPSILON).  Writes W[s_c]; returns 0, or -1
   when the ball solve cannot certify the system nonsingular (then the
   doubles' weights are used). */
static int
refine_weights (const ns_polytope *p, const size_t *s, size_t k, arb_ptr w)
{
  int n = p->n;
  slong prec = MINNORM_PREC;
  arb_mat_t kkt, rhs, sol;
  arb_mat_init (kkt, (slong) k + 1, (slong) k + 1);
  arb_mat_init (rhs, (slong) k + 1, 1);
  arb_mat_init (sol, (slong) k + 1, 1);
  arb_t t, u, x;
  arb_init (t);
  arb_init (u);
  arb_init (x);
  for (size_t a = 0; a < k; a++)
    {
      for (size_t b = a; b < k; b++)
        {
          arb_zero (t);
          for (int j = 0; j < n; j++)
            {
              arb_set_d (u, p->vertices[s[a] * (size_t) n + j]);
              arb_set_d (x, p->vertices[s[b] * (size_t) n + j]);
              arb_addmul (t, u, x, prec);
            }
          arb_set (arb_mat_entry (kkt, (slong) a, (slong) b), t);
          arb_set (arb_mat_entry (kkt, (slong) b, (slong) a), t);
        }
      arb_one (arb_mat_entry (kkt, (slong) a, (slong) k));
      arb_one (arb_mat_entry (kkt, (slong) k, (slong) a));
    }
  arb_one (arb_mat_entry (rhs, (slong) k, 0));
  int ok = arb_mat_solve (sol, kkt, rhs, prec);
  if (ok)
    for (size_t a = 0; a < k; a++)
      {
        const arf_struct *m = arb_midref (arb_mat_entry (sol, (slong) a, 0));
        if (!arf_is_finite (m))
          ok = 0;
        else if (arf_sgn (m) > 0)
          arb_set_arf (w + s[a], m);
        else
          arb_zero (w + s[a]);
      }
  arb_clear (t);
  arb_clear (u);
  arb_clear (x);
  arb_mat_clear (kkt);
  arb_mat_clear (rhs);
  arb_mat_clear (sol);
  return ok ? 0 : -1;
}

/* An upper bound of the ball X as a double, rounded up (+inf past
   DBL_MAX or for a non-finite ball). */
static double
ball_upper (const arb_t x)
{
  arf_t u;
  arf_init (u);
  arb_get_ubound_arf (u, x, MINNORM_PREC);
  double d = arf_is_finite (u) ? arf_get_d (u, ARF_RND_UP) : HUGE_VAL;
  arf_clear (u);
  return d;
}

/* Z = a ball holding the square root of every nonnegative value of X
   (X's upper end, whose ball may reach below 0 when the value is 0). */
static void
sqrt_upper (arb_t z, const arb_t x)
{
  arf_t u;
  arf_init (u);
  arb_get_ubound_arf (u, x, MINNORM_PREC);
  if (arf_sgn (u) < 0)
    arf_zero (u);
  arb_set_arf (z, u);
  arb_sqrt (z, z, MINNORM_PREC);
  arf_clear (u);
}

/* G and its bounds from the weights W (count exact numbers, nonnegative,
   not all 0).  With s = sum w_i, h = sum (w_i / s) v_i is a point of the
   polytope of the given doubles and h* = sum (w_i / s) v*_i one of the
   exact polytope P*, |h*_j - h_j| <= eta_j = sum (w_i / s) err_ij.  For
   the least-norm point g* of P*, g* . (h* - g*) >= 0, so
   |h* - g*|^2 <= |h*|^2 - |g*|^2, and by weak duality with the unit vector
   h / |h|, |g*| >= min_i h . v*_i / |h| >= mlow / |h| with
   mlow = min_i (h . v_i - sum_j |h_j| err_ij).  So
   |h* - g*|^2 <= (|h| + |eta|)^2 - max(mlow, 0)^2 / |h|^2, and
   |g_j - g*_j| <= |g_j - h_j| + eta_j + |h* - g*|.  Sets *SEPARATED when
   mlow > 0 (0 is outside every reading).  Returns 0, or -1 when a value
   or bound passes DBL_MAX. */
static int
certify (const ns_polytope *p, arb_srcptr w, ns_result *g, int *separated)
{
  int n = p->n;
  slong prec = MINNORM_PREC;
  arb_ptr h = _arb_vec_init (n);
  arb_ptr eta = _arb_vec_init (n);
  arb_t s, a, t, u, hh, eta2, d2;
  arb_init (s);
  arb_init (a);
  arb_init (t);
  arb_init (u);
  arb_init (hh);
  arb_init (eta2);
  arb_init (d2);
  for (size_t i = 0; i < p->count; i++)
    {
      if (arb_is_zero (w + i))
        continue;
      arb_add (s, s, w + i, prec);
      for (int j = 0; j < n; j++)
        {
          arb_set_d (u, p->vertices[i * (size_t) n + j]);
          arb_addmul (h + j, w + i, u, prec);
          arb_set_d (u, p->err[i * (size_t) n + j]);
          arb_addmul (eta + j, w + i, u, prec);
        }
    }
  for (int j = 0; j < n; j++)
    {
      arb_div (h + j, h + j, s, prec);
      arb_div (eta + j, eta + j, s, prec);
      arb_addmul (hh, h + j, h + j, prec);
      arb_addmul (eta2, eta + j, eta + j, prec);
    }
  arf_t mlow, lb;
  arf_init (mlow);
  arf_init (lb);
  arf_pos_inf (mlow);
  for (size_t i = 0; i < p->count; i++)
    {
      arb_zero (t);
      for (int j = 0; j < n; j++)
        {
          arb_set_d (u, p->vertices[i * (size_t) n + j]);
          arb_addmul (t, h + j, u, prec);
          arb_set_d (u, p->err[i * (size_t) n + j]);
          arb_abs (a, h + j);
          arb_submul (t, a, u, prec);
        }
      arb_get_lbound_arf (lb, t, prec);
      if (arf_cmp (lb, mlow) < 0)
        arf_set (mlow, lb);
    }
  *separated = arf_sgn (mlow) > 0;
  /* d2 = (sqrt(hh) + sqrt(eta2))^2 - max(mlow, 0)^2 / hh */
  sqrt_upper (t, hh);
  sqrt_upper (u, eta2);
  arb_add (t, t, u, prec);
  arb_mul (d2, t, t, prec);
  if (*separated && arb_is_positive (hh))
    {
      arb_set_arf (t, mlow);
      arb_mul (t, t, t, prec);
      arb_div (t, t, hh, prec);
      arb_sub (d2, d2, t, prec);
    }
  /* The exact d2 is >= 0 (a ball about it may reach below 0): its upper
     end, then the square root as a ball. */
  sqrt_upper (d2, d2);
  int ok = 1;
  for (int j = 0; j < n && ok; j++)
    {
      double gj = arf_get_d (arb_midref (h + j), ARF_RND_NEAR);
      arb_set_d (u, gj);
      arb_sub (t, h + j, u, prec);
      arb_abs (t, t);
      arb_add (t, t, eta + j, prec);
      arb_add (t, t, d2, prec);
      g[j].val = gj;
      g[j].err = ball_upper (t);
      ok = isfinite (gj) && isfinite (g[j].err);
    }
  arf_clear (mlow);
  arf_clear (lb);
  arb_clear (s);
  arb_clear (a);
  arb_clear (t);
  arb_clear (u);
  arb_clear (hh);
  arb_clear (eta2);
  arb_clear (d2);
  _arb_vec_clear (h, n);
  _arb_vec_clear (eta, n);
  return ok ? 0 : -1;
}

ns_status
ns_polytope_min_norm (const ns_polytope *p, ns_result *g, double *weights)
{
  return ns_polytope_min_norm_zero (p, g, weights, NULL);
}

ns_status
ns_polytope_min_norm_zero (const ns_polytope *p, ns_result *g, double *weights, int *zero_level)
{
  if (zero_level != NULL)
    *zero_level = 0;
  if (p == NULL || g == NULL || p->n < 1 || p->n > NS_MULTI_MAX_VARS || p->count == 0
      || p->vertices == NULL || p->err == NULL)
    return NS_EINVAL;
  int n = p->n;
  size_t count = p->count;
  if (count > SIZE_MAX / sizeof (double) / (size_t) n)
    return NS_EINVAL;
  double vmax = 0;
  for (size_t i = 0; i < count * (size_t) n; i++)
    {
      if (!isfinite (p->vertices[i]) || !isfinite (p->err[i]) || !(p->err[i] >= 0))
        return NS_EINVAL;
      vmax = fmax (vmax, fabs (p->vertices[i]));
    }
  for (int j = 0; j < n; j++)
    {
      g[j].val = NAN;
      g[j].err = HUGE_VAL;
    }
  wolfe w;
  memset (&w, 0, sizeof w);
  w.n = n;
  w.count = count;
  double *vs = malloc (count * (size_t) n * sizeof (double));
  w.s = malloc (((size_t) n + 2) * sizeof (size_t));
  w.lam = malloc (((size_t) n + 2) * sizeof (double));
  w.alpha = malloc (((size_t) n + 2) * sizeof (double));
  w.x = malloc ((size_t) n * sizeof (double));
  w.y = malloc ((size_t) n * sizeof (double));
  w.q = malloc (((size_t) n + 1) * (size_t) n * sizeof (double));
  w.r = malloc (((size_t) n + 2) * ((size_t) n + 2) * sizeof (double));
  double *lam = calloc (count, sizeof (double));
  double *mu = malloc (((size_t) n + 2) * sizeof (double));
  ns_status st = NS_OK;
  if (vs == NULL || w.s == NULL || w.lam == NULL || w.alpha == NULL || w.x == NULL
      || w.y == NULL || w.q == NULL || w.r == NULL || lam == NULL || mu == NULL)
    {
      st = NS_ENOMEM;
      goto done;
    }
  /* Scale by a power of 2 (exact) so that squares neither overflow nor
     underflow in the search. */
  int e = 0;
  if (vmax > 0)
    frexp (vmax, &e);
  for (size_t i = 0; i < count * (size_t) n; i++)
    vs[i] = ldexp (p->vertices[i], -e);
  w.v = vs;
  wolfe_run (&w);
  double sum = 0;
  for (size_t c = 0; c < w.k; c++)
    {
      w.lam[c] = fmax (w.lam[c], 0);
      sum += w.lam[c];
    }
  if (!(sum > 0))
    {
      w.k = 1;
      w.lam[0] = sum = 1;
    }
  arb_ptr aw = _arb_vec_init ((slong) count);
  int refined = refine_weights (p, w.s, w.k, aw) == 0;
  if (refined)
    {
      /* Refined weights that all vanish (a ball solve gone astray) are
         no weights. */
      refined = 0;
      for (size_t c = 0; c < w.k; c++)
        refined |= !arb_is_zero (aw + w.s[c]);
    }
  if (!refined)
    for (size_t c = 0; c < w.k; c++)
      arb_set_d (aw + w.s[c], w.lam[c]);
  int separated = 0;
  int certified = certify (p, aw, g, &separated) == 0;
  arb_t tot;
  arb_init (tot);
  for (size_t c = 0; c < w.k; c++)
    arb_add (tot, tot, aw + w.s[c], MINNORM_PREC);
  for (size_t c = 0; c < w.k; c++)
    {
      arb_div (aw + w.s[c], aw + w.s[c], tot, MINNORM_PREC);
      lam[w.s[c]] = arf_get_d (arb_midref (aw + w.s[c]), ARF_RND_NEAR);
    }
  arb_clear (tot);
  _arb_vec_clear (aw, (slong) count);
  if (!certified)
    {
      st = NS_EOVERFLOW;
      goto done;
    }
  double delta = 0;
  int zero = separated ? 0 : zero_certified (p, w.s, w.k, mu, &delta);
  if (zero == 1 && !isfinite (delta))
    zero = 0;
  if (zero > 0)
    {
      /* 0 = sum mu_i v_i exactly; for a reading v*_i, h* = sum mu_i v*_i
         is within delta of 0 (mu convex) and g* no longer than h*: each
         |g*_j| <= delta. */
      if (zero == 2)
        delta = 0;
      for (int j = 0; j < n; j++)
        {
          g[j].val = 0;
          g[j].err = delta;
        }
      if (zero_level != NULL)
        *zero_level = zero;
      memset (lam, 0, count * sizeof (double));
      for (size_t c = 0; c < w.k; c++)
        lam[w.s[c]] += mu[c];
    }
  if (weights != NULL)
    memcpy (weights, lam, count * sizeof (double));
done:
  free (vs);
  free (w.s);
  free (w.lam);
  free (w.alpha);
  free (w.x);
  free (w.y);
  free (w.q);
  free (w.r);
  free (lam);
  free (mu);
  return st;
}
