/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/polytope_lp.c: the checked hull above the dimension qhull is
   given (NS_POLYTOPE_MAX_HULL_DIM), from its vertices alone.  Each point
   is classified by linear programs (GLPK) that only propose: a point
   inside the hull of the others by a convex combination, proven in
   rationals (with bounds: in balls, or a box around the point inside
   the hull of the values); a vertex by a linear functional it alone
   maximises, checked with rounding bounds (or in rationals).  Facets are
   given only for a simplex (its d + 1 facets, from the inverse of its
   vertex matrix). */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <arb_mat.h>
#include <glpk.h>
#include "multi/polytope_hull_impl.h"
#include "function/certify_impl.h"

/* Ball precision, as in polytope_hull.c: far below any margin a double
   could show for a solve of size at most NS_MULTI_MAX_VARS + 1. */
#define LP_PREC 128

/* The points of W that take part: not SKIP, and vertices only when
   ONLY_VERTICES. */
static size_t
gather (const ns_hull_work *w, size_t skip, int only_vertices, size_t *idx)
{
  size_t k = 0;
  for (size_t i = 0; i < w->m; i++)
    if (i != skip && !w->dup[i] && (!only_vertices || w->vertex[i]))
      idx[k++] = i;
  return k;
}

/* The combination LP: lambda >= 0 over the K points IDX, sum lambda = 1,
   sum lambda p = Q.  Feasible: 1 with the basic columns (at most d + 1)
   in BASIS and their number in *NB; infeasible: 0; -1 when GLPK decides
   neither, -2 when it failed inside (its environment freed).  EXACT runs
   GLPK's rational simplex after the double one.  IND and VAL are scratch
   of d + 2 entries.  Only volatile locals change after setjmp. */
static int
lp_combination (const ns_hull_work *w, const size_t *idx, size_t k, const double *q,
                int exact, size_t *basis, size_t *nb, int *ind, double *val)
{
  int d = w->d;
  ns_glpk_guard guard;
  glp_prob *volatile lp = NULL;
  volatile int result = -1;
  glp_term_out (GLP_OFF);
  if (setjmp (guard.jump) != 0)
    {
      glp_free_env ();
      return -2;
    }
  glp_error_hook (ns_glpk_error, &guard);
  lp = glp_create_prob ();
  glp_add_rows (lp, d + 1);
  for (int j = 0; j < d; j++)
    glp_set_row_bnds (lp, j + 1, GLP_FX, q[j], q[j]);
  glp_set_row_bnds (lp, d + 1, GLP_FX, 1.0, 1.0);
  glp_add_cols (lp, (int) k);
  for (size_t c = 0; c < k; c++)
    {
      int len = 0;
      for (int j = 0; j < d; j++)
        if (w->pv[idx[c] * d + j] != 0)
          {
            ind[len + 1] = j + 1;
            val[len + 1] = w->pv[idx[c] * d + j];
            len++;
          }
      ind[len + 1] = d + 1;
      val[len + 1] = 1.0;
      len++;
      glp_set_col_bnds (lp, (int) c + 1, GLP_LO, 0.0, 0.0);
      glp_set_mat_col (lp, (int) c + 1, len, ind, val);
    }
  glp_smcp parm;
  glp_init_smcp (&parm);
  parm.msg_lev = GLP_MSG_OFF;
  int rc = glp_simplex (lp, &parm);
  if (rc == 0 && exact)
    rc = glp_exact (lp, &parm);
  if (rc == 0)
    {
      int s = glp_get_status (lp);
      if (s == GLP_OPT || s == GLP_FEAS)
        {
          size_t c2 = 0;
          for (size_t c = 0; c < k && c2 <= (size_t) d; c++)
            if (glp_get_col_stat (lp, (int) c + 1) == GLP_BS)
              basis[c2++] = idx[c];
          *nb = c2;
          result = 1;
        }
      else if (s == GLP_NOFEAS)
        result = 0;
    }
  glp_delete_prob (lp);
  glp_error_hook (NULL, NULL);
  return result;
}

/* The separation LP: max t over |u_j| <= 1, t <= 1, with
   u . (Q - p) >= t for each of the K points IDX.  1 with U when the
   optimum is positive, 0 when it is not, -1 undecided, -2 GLPK failed
   inside.  EXACT runs GLPK's rational simplex after the double one (a
   margin of an ulp).  IND and VAL are scratch of d + 2 entries. */
static int
lp_separation (const ns_hull_work *w, const size_t *idx, size_t k, const double *q,
               int exact, double *u, int *ind, double *val)
{
  int d = w->d;
  ns_glpk_guard guard;
  glp_prob *volatile lp = NULL;
  volatile int result = -1;
  glp_term_out (GLP_OFF);
  if (setjmp (guard.jump) != 0)
    {
      glp_free_env ();
      return -2;
    }
  glp_error_hook (ns_glpk_error, &guard);
  lp = glp_create_prob ();
  glp_set_obj_dir (lp, GLP_MAX);
  glp_add_cols (lp, d + 1);
  for (int j = 1; j <= d; j++)
    glp_set_col_bnds (lp, j, GLP_DB, -1.0, 1.0);
  glp_set_col_bnds (lp, d + 1, GLP_UP, 0.0, 1.0);
  glp_set_obj_coef (lp, d + 1, 1.0);
  glp_add_rows (lp, (int) k);
  for (size_t r = 0; r < k; r++)
    {
      int len = 0;
      for (int j = 0; j < d; j++)
        {
          double a = q[j] - w->pv[idx[r] * d + j];
          if (a != 0)
            {
              ind[len + 1] = j + 1;
              val[len + 1] = a;
              len++;
            }
        }
      ind[len + 1] = d + 1;
      val[len + 1] = -1.0;
      len++;
      glp_set_row_bnds (lp, (int) r + 1, GLP_LO, 0.0, 0.0);
      glp_set_mat_row (lp, (int) r + 1, len, ind, val);
    }
  glp_smcp parm;
  glp_init_smcp (&parm);
  parm.msg_lev = GLP_MSG_OFF;
  int rc = glp_simplex (lp, &parm);
  if (rc == 0 && exact)
    rc = glp_exact (lp, &parm);
  if (rc == 0 && glp_get_status (lp) == GLP_OPT)
    {
      if (glp_get_obj_val (lp) > 0)
        {
          for (int j = 0; j < d; j++)
            u[j] = glp_get_col_prim (lp, j + 1);
          result = 1;
        }
      else
        result = 0;
    }
  glp_delete_prob (lp);
  glp_error_hook (NULL, NULL);
  return result;
}

/* How many of the K points IDX U fails to separate strictly from Q
   (bounds QE) for every reading: u . q > u . p, by the rounding bounds of
   the dot products, else in rationals when Q and p are exact.  When FAIL
   is not NULL the failures go there (room for K), else the count stops
   at the first.  0 means U separates Q from all of them. */
static size_t
separation_failures (const ns_hull_work *w, const size_t *idx, size_t k, const double *u,
                     const double *q, const double *qe, size_t *fail)
{
  int d = w->d, qexact = 1;
  for (int j = 0; j < d; j++)
    if (!isfinite (u[j]))
      return k > 0 ? 1 : 0;
    else if (qe[j] != 0)
      qexact = 0;
  double qlo, qhi;
  ns_hull_dot_bounds (d, u, q, qe, &qlo, &qhi);
  size_t nfail = 0;
  fmpq_t s, a, b;
  fmpq_init (s);
  fmpq_init (a);
  fmpq_init (b);
  for (size_t r = 0; r < k && (fail != NULL || nfail == 0); r++)
    {
      const double *p = &w->pv[idx[r] * d], *pe = &w->pe[idx[r] * d];
      double lo, hi;
      ns_hull_dot_bounds (d, u, p, pe, &lo, &hi);
      if (hi < qlo)
        continue;
      /* lo >= qhi: u . p >= u . q whatever the exact values. */
      int exact = qexact && lo < qhi;
      for (int j = 0; j < d && exact; j++)
        exact = pe[j] == 0;
      int ok = 0;
      if (exact)
        {
          /* u . (q - p) > 0 exactly: u, q and p are rationals as given. */
          fmpq_zero (s);
          for (int j = 0; j < d; j++)
            {
              ns_cert_q_set_d (a, q[j]);
              ns_cert_q_set_d (b, p[j]);
              fmpq_sub (a, a, b);
              ns_cert_q_set_d (b, u[j]);
              fmpq_addmul (s, a, b);
            }
          ok = fmpq_sgn (s) > 0;
        }
      if (!ok)
        {
          if (fail != NULL)
            fail[nfail] = idx[r];
          nfail++;
        }
    }
  fmpq_clear (s);
  fmpq_clear (a);
  fmpq_clear (b);
  return nfail;
}

static int
separates (const ns_hull_work *w, const size_t *idx, size_t k, const double *u,
           const double *q, const double *qe)
{
  return separation_failures (w, idx, k, u, q, qe, NULL) == 0;
}

/* Whether Q is a convex combination of the NB points BASIS for every
   reading.  Exact Q and points (or AS_GIVEN: the points' values, their
   bounds ignored): the system sum lambda p = q, sum lambda = 1 is solved
   in rationals (reduced row echelon form, free weights 0) and the
   weights checked >= 0.  Otherwise, with d + 1 points, the square
   system is solved in balls and every weight must be positive for every
   reading (a point on a face of the simplex is not decided). */
static int
combination_holds (const ns_hull_work *w, const size_t *basis, size_t nb, const double *q,
                   const double *qe, int as_given)
{
  int d = w->d, exact = 1;
  for (int j = 0; j < d; j++)
    exact &= qe[j] == 0;
  for (size_t c = 0; c < nb && exact && !as_given; c++)
    for (int j = 0; j < d; j++)
      exact &= w->pe[basis[c] * d + j] == 0;
  int ok = 0;
  if (exact)
    {
      fmpq_mat_t A, R;
      fmpq_mat_init (A, d + 1, (slong) nb + 1);
      fmpq_mat_init (R, d + 1, (slong) nb + 1);
      for (size_t c = 0; c < nb; c++)
        {
          for (int j = 0; j < d; j++)
            ns_cert_q_set_d (fmpq_mat_entry (A, j, (slong) c), w->pv[basis[c] * d + j]);
          fmpq_one (fmpq_mat_entry (A, d, (slong) c));
        }
      for (int j = 0; j < d; j++)
        ns_cert_q_set_d (fmpq_mat_entry (A, j, (slong) nb), q[j]);
      fmpq_one (fmpq_mat_entry (A, d, (slong) nb));
      slong rank = fmpq_mat_rref (R, A);
      ok = 1;
      for (slong r = 0; r < rank && ok; r++)
        {
          slong c = 0;
          while (c <= (slong) nb && fmpq_is_zero (fmpq_mat_entry (R, r, c)))
            c++;
          /* A pivot in the right-hand side: no solution.  Else the
             pivot's weight is the right-hand side (free weights 0). */
          if (c == (slong) nb)
            ok = 0;
          else if (fmpq_sgn (fmpq_mat_entry (R, r, (slong) nb)) < 0)
            ok = 0;
        }
      fmpq_mat_clear (A);
      fmpq_mat_clear (R);
      return ok;
    }
  if (nb != (size_t) d + 1)
    return 0;
  arb_mat_t A, B, X;
  arb_mat_init (A, d + 1, d + 1);
  arb_mat_init (B, d + 1, 1);
  arb_mat_init (X, d + 1, 1);
  for (size_t c = 0; c < nb; c++)
    {
      for (int j = 0; j < d; j++)
        {
          arb_ptr a = arb_mat_entry (A, j, (slong) c);
          arb_set_d (a, w->pv[basis[c] * d + j]);
          mag_set_d (arb_radref (a), w->pe[basis[c] * d + j]);
        }
      arb_one (arb_mat_entry (A, d, (slong) c));
    }
  for (int j = 0; j < d; j++)
    {
      arb_ptr b = arb_mat_entry (B, j, 0);
      arb_set_d (b, q[j]);
      mag_set_d (arb_radref (b), qe[j]);
    }
  arb_one (arb_mat_entry (B, d, 0));
  if (arb_mat_solve (X, A, B, LP_PREC))
    {
      ok = 1;
      for (int r = 0; r <= d && ok; r++)
        ok = arb_is_positive (arb_mat_entry (X, r, 0));
    }
  arb_mat_clear (A);
  arb_mat_clear (B);
  arb_mat_clear (X);
  return ok;
}

/* Exact Q inside the hull of the values of the K points IDX (their
   bounds ignored), proven in rationals:
   a double LP proposes the support, then (when EXACT) GLPK's rational
   simplex when the proposal fails its check. */
static int
inside_exactly (const ns_hull_work *w, const size_t *idx, size_t k, const double *q,
                int exact, const double *zero, size_t *basis, int *ind, double *val)
{
  for (int pass = 0; pass < 1 + exact; pass++)
    {
      size_t nb = 0;
      if (lp_combination (w, idx, k, q, pass, basis, &nb, ind, val) == 1
          && combination_holds (w, basis, nb, q, zero, 1))
        return 1;
    }
  return 0;
}

/* Whether the box Q +- B (E of its half-widths nonzero) lies in the hull
   of the values of the K points IDX: it lies in the cross-polytope of the
   points Q +- R_j e_j for any R_j >= E b_j (|y_j - q_j| <= b_j for every
   j gives sum |y_j - q_j| / R_j <= 1), which lies in the hull when they
   do.  Each R_j is at least WIDE (a wider cross-polytope keeps the double
   LP clear of its tolerances) and each point is rounded outward, which
   only enlarges the cross-polytope.  EXACT as for inside_exactly. */
static int
box_inside (const ns_hull_work *w, const size_t *idx, size_t k, const double *q,
            const double *b, int e, double wide, int exact, const double *zero, double *c,
            size_t *basis, int *ind, double *val)
{
  int d = w->d;
  for (int j = 0; j < d; j++)
    {
      if (b[j] == 0)
        continue;
      double t = fmax (nextafter ((double) e * b[j], INFINITY), wide);
      for (int sgn = -1; sgn <= 1; sgn += 2)
        {
          memcpy (c, q, (size_t) d * sizeof *c);
          c[j] = nextafter (q[j] + sgn * t, sgn * INFINITY);
          if (!isfinite (c[j]) || !inside_exactly (w, idx, k, c, exact, zero, basis, ind, val))
            return 0;
        }
    }
  return 1;
}

/* The rounds of row generation before the LPs over all the points: each
   adds up to 2d + 2 points, and a few rounds settle almost every point
   (most in one or two); a cap keeps an adversarial set from costing an
   LP per point per round. */
#define WS_MAX_ROUNDS 16

/* A point and a score, for ranking. */
typedef struct ranked {
  double score;
  size_t i;
} ranked;

static int
cmp_ranked (const void *a, const void *b)
{
  double x = ((const ranked *) a)->score, y = ((const ranked *) b)->score;
  return (x < y) - (x > y);
}

/* The LPs over a working set of the K points IDX, grown from the GROW
   points most in Q's direction from the centroid by the GROW points a
   proposed U fails to separate worst (row generation): a separation
   that holds for all K points is OUTSIDE; a working set whose hull holds
   Q gives the combination LP a small problem, proven as in classify.
   Undecided when the doubles stall; classify then runs the LPs over all
   K points.  WS (room for K), RANK (room for K) and IN (K flags over
   W's points, all 0 on entry and on return) are scratch. */
static int
classify_working_set (const ns_hull_work *w, const size_t *idx, size_t k, const double *q,
                      const double *qe, size_t *ws, ranked *rank, char *in, double *u,
                      size_t *basis, int *ind, double *val)
{
  int d = w->d;
  size_t grow = 2 * (size_t) d + 2, nws = 0;
  int where = NS_HULL_UNDECIDED;
  if (k <= 2 * grow)
    return where;
  for (size_t r = 0; r < k; r++)
    {
      double sc = 0;
      for (int j = 0; j < d; j++)
        sc += (q[j] - w->centre[j]) * w->pv[idx[r] * d + j];
      rank[r] = (ranked) { isnan (sc) ? -HUGE_VAL : sc, idx[r] };
    }
  qsort (rank, k, sizeof *rank, cmp_ranked);
  for (size_t r = 0; r < grow; r++)
    {
      ws[nws++] = rank[r].i;
      in[rank[r].i] = 1;
    }
  size_t *fail = malloc ((k + 1) * sizeof *fail);
  for (int round = 0; fail != NULL && where == NS_HULL_UNDECIDED && nws < k
                     && round < WS_MAX_ROUNDS; round++)
    {
      int sep = lp_separation (w, ws, nws, q, 0, u, ind, val);
      if (sep == 1)
        {
          size_t nfail = separation_failures (w, idx, k, u, q, qe, fail);
          if (nfail == 0)
            {
              where = NS_HULL_OUTSIDE;
              break;
            }
          /* The worst GROW failures by u . p join the set. */
          size_t added = 0;
          ranked *rf = malloc (nfail * sizeof *rf);
          if (rf == NULL)
            break;
          for (size_t r = 0; r < nfail; r++)
            {
              double sc = 0;
              for (int j = 0; j < d; j++)
                sc += u[j] * w->pv[fail[r] * d + j];
              rf[r] = (ranked) { isnan (sc) ? HUGE_VAL : sc, fail[r] };
            }
          qsort (rf, nfail, sizeof *rf, cmp_ranked);
          for (size_t r = 0; r < nfail && added < grow; r++)
            if (!in[rf[r].i])
              {
                in[rf[r].i] = 1;
                ws[nws++] = rf[r].i;
                added++;
              }
          free (rf);
          if (added == 0)
            break;   /* every failure is in the set already: rounding */
        }
      else
        {
          size_t nb = 0;
          if (sep == 0 && lp_combination (w, ws, nws, q, 0, basis, &nb, ind, val) == 1
              && combination_holds (w, basis, nb, q, qe, 0))
            where = NS_HULL_INSIDE;
          break;
        }
    }
  free (fail);
  for (size_t r = 0; r < nws; r++)
    in[ws[r]] = 0;
  return where;
}

/* Q (bounds QE) against the hull of the points of W other than SKIP
   (vertices only when ONLY_VERTICES), for every reading:
   NS_HULL_INSIDE, NS_HULL_OUTSIDE or NS_HULL_UNDECIDED in *WHERE.  A
   double LP proposes, then GLPK's rational simplex when the proposal
   fails its check.  NS_OK or NS_ENOMEM. */
static ns_status
classify (const ns_hull_work *w, const double *q, const double *qe, size_t skip,
          int only_vertices, int *where)
{
  int d = w->d;
  *where = NS_HULL_UNDECIDED;
  size_t *idx = malloc ((w->m + 1) * sizeof *idx);
  size_t *basis = malloc (((size_t) d + 2) * sizeof *basis);
  int *ind = malloc (((size_t) d + 2) * sizeof *ind);
  double *val = malloc (((size_t) d + 2) * sizeof *val);
  double *u = malloc (((size_t) d + 1) * sizeof *u);
  double *zero = calloc ((size_t) d + 1, sizeof *zero);
  double *c = malloc (((size_t) d + 1) * sizeof *c);
  if (idx == NULL || basis == NULL || ind == NULL || val == NULL || u == NULL || zero == NULL
      || c == NULL)
    {
      free (idx);
      free (basis);
      free (ind);
      free (val);
      free (u);
      free (zero);
      free (c);
      return NS_ENOMEM;
    }
  size_t k = gather (w, skip, only_vertices, idx);
  int qexact = 1, pexact = 1;
  for (int j = 0; j < d; j++)
    if (qe[j] != 0)
      qexact = 0;
  for (size_t r = 0; r < k && pexact; r++)
    for (int j = 0; j < d; j++)
      pexact &= w->pe[idx[r] * d + j] == 0;
  /* A small working set first; it decides most points. */
  if (k > 0)
    {
      size_t *ws = malloc ((k + 1) * sizeof *ws);
      ranked *rank = malloc ((k + 1) * sizeof *rank);
      char *in = calloc (w->m + 1, 1);
      if (ws != NULL && rank != NULL && in != NULL)
        *where = classify_working_set (w, idx, k, q, qe, ws, rank, in, u, basis, ind, val);
      free (ws);
      free (rank);
      free (in);
      if (*where != NS_HULL_UNDECIDED)
        goto done;
    }
  /* Doubles first; GLPK's rational simplex where the doubles' proposal
     failed its check and the exact data can decide (a margin of an ulp),
     or the doubles proposed a separation that failed its check. */
  int c0 = -1, s0 = -1;
  if (k == 0)
    /* The hull of no point: Q lies outside. */
    *where = NS_HULL_OUTSIDE;
  else
    {
      size_t nb = 0;
      c0 = lp_combination (w, idx, k, q, 0, basis, &nb, ind, val);
      if (c0 == 1 && combination_holds (w, basis, nb, q, qe, 0))
        *where = NS_HULL_INSIDE;
    }
  if (*where == NS_HULL_UNDECIDED)
    {
      s0 = lp_separation (w, idx, k, q, 0, u, ind, val);
      if (s0 == 1 && separates (w, idx, k, u, q, qe))
        *where = NS_HULL_OUTSIDE;
    }
  if (*where == NS_HULL_UNDECIDED && qexact && pexact && s0 != 1
      && inside_exactly (w, idx, k, q, 1, zero, basis, ind, val))
    *where = NS_HULL_INSIDE;
  if (*where == NS_HULL_UNDECIDED && ((qexact && pexact) || s0 != 0)
      && lp_separation (w, idx, k, q, 1, u, ind, val) == 1 && separates (w, idx, k, u, q, qe))
    *where = NS_HULL_OUTSIDE;
  if (*where == NS_HULL_UNDECIDED && !(qexact && pexact) && k > 0)
    {
      /* Bounds on Q or on the points: Q lies in the hull for every
         reading when the box Q +- (qe + emax), emax_j the largest bound
         of the points in coordinate j, lies in the hull of the points'
         values.  For a direction u, max_i u . p'_i >= max_i u . p_i -
         h(u) and u . q' <= u . q + h_q(u), h and h_q the support
         functions of the points' and Q's boxes; the box inside the hull
         means u . q + h_q(u) + h(u) <= max_i u . p_i for every u, so
         u . q' <= max_i u . p'_i: Q' lies in the hull of the P'_i. */
      double scale = 0;
      int nb = 0;
      for (int j = 0; j < d; j++)
        c[j] = 0;
      for (size_t r = 0; r < k; r++)
        for (int j = 0; j < d; j++)
          {
            c[j] = fmax (c[j], w->pe[idx[r] * d + j]);
            scale = fmax (scale, fabs (w->pv[idx[r] * d + j]));
          }
      for (int j = 0; j < d; j++)
        {
          /* Rounded up: a larger box is still enough. */
          u[j] = c[j] + qe[j];
          if (u[j] != 0)
            {
              u[j] = nextafter (u[j], INFINITY);
              nb++;
            }
        }
      /* First a cross-polytope 2^-16 of the points' scale wide, by double
         LPs checked in rationals; then the tightest one, with GLPK's
         rational simplex. */
      if (box_inside (w, idx, k, q, u, nb, ldexp (scale, -16), 0, zero, c, basis, ind, val)
          || box_inside (w, idx, k, q, u, nb, 0, 1, zero, c, basis, ind, val))
        *where = NS_HULL_INSIDE;
    }
done:
  free (idx);
  free (basis);
  free (ind);
  free (val);
  free (u);
  free (zero);
  free (c);
  return NS_OK;
}

/* The cheap certificate of a vertex: p_i - c, with c the centroid of the
   points (in doubles), is maximised by p_i alone, for every reading (the
   sign vectors of a cube, the +-e_j of a cross-polytope, every vertex of
   a regular simplex). */
static int
centroid_certifies (const ns_hull_work *w, const double *centre, size_t i, double *u)
{
  int d = w->d;
  for (int j = 0; j < d; j++)
    u[j] = w->pv[i * d + j] - centre[j];
  double ilo, ihi;
  ns_hull_dot_bounds (d, u, &w->pv[i * d], &w->pe[i * d], &ilo, &ihi);
  for (size_t q = 0; q < w->m; q++)
    {
      if (q == i || w->dup[q])
        continue;
      double lo, hi;
      ns_hull_dot_bounds (d, u, &w->pv[q * d], &w->pe[q * d], &lo, &hi);
      if (!(hi < ilo))
        return 0;
    }
  return 1;
}

/* The dimension is d for every reading: d + 1 of the points, chosen by
   elimination in doubles, span a simplex whose determinant (in balls over
   every reading) excludes 0.  Exact points need no check. */
static ns_status
certify_dimension (const ns_hull_work *w)
{
  int d = w->d;
  size_t m = w->m;
  double *r = malloc ((m * (size_t) d + 1) * sizeof *r);
  size_t *pick = malloc (((size_t) d + 1) * sizeof *pick);
  char *used = calloc (m + 1, 1);
  if (r == NULL || pick == NULL || used == NULL)
    {
      free (r);
      free (pick);
      free (used);
      return NS_ENOMEM;
    }
  for (size_t i = 0; i < m; i++)
    for (int j = 0; j < d; j++)
      r[i * d + j] = w->pv[i * d + j] - w->pv[j];
  used[0] = 1;
  ns_status st = NS_OK;
  for (int c = 0; c < d && st == NS_OK; c++)
    {
      size_t best = 0;
      double big = 0;
      for (size_t i = 1; i < m; i++)
        if (!used[i] && fabs (r[i * d + c]) > big)
          {
            big = fabs (r[i * d + c]);
            best = i;
          }
      if (big == 0)
        {
          st = NS_EUNDECIDED;
          break;
        }
      used[best] = 1;
      pick[c] = best;
      for (size_t i = 1; i < m; i++)
        if (!used[i])
          {
            double f = r[i * d + c] / r[best * d + c];
            for (int j = c; j < d; j++)
              r[i * d + j] -= f * r[best * d + j];
          }
    }
  if (st == NS_OK)
    {
      arb_mat_t A;
      arb_t det, x;
      arb_mat_init (A, d, d);
      arb_init (det);
      arb_init (x);
      for (int c = 0; c < d; c++)
        for (int j = 0; j < d; j++)
          {
            arb_ptr a = arb_mat_entry (A, j, c);
            arb_set_d (a, w->pv[pick[c] * d + j]);
            mag_set_d (arb_radref (a), w->pe[pick[c] * d + j]);
            arb_set_d (x, w->pv[j]);
            mag_set_d (arb_radref (x), w->pe[j]);
            arb_sub (a, a, x, LP_PREC);
          }
      arb_mat_det (det, A, LP_PREC);
      if (arb_contains_zero (det))
        st = NS_EUNDECIDED;
      arb_mat_clear (A);
      arb_clear (det);
      arb_clear (x);
    }
  free (r);
  free (pick);
  free (used);
  return st;
}

/* A point's projected coordinates, for sorting. */
typedef struct row_ref {
  const double *p;
  int d;
  size_t i;
} row_ref;

static int
cmp_row (const void *a, const void *b)
{
  const row_ref *x = a, *y = b;
  for (int j = 0; j < x->d; j++)
    if (x->p[j] != y->p[j])
      return x->p[j] < y->p[j] ? -1 : 1;
  return (x->i > y->i) - (x->i < y->i);
}

/* Repeated points (a polytope filled by hand for ns_polytope_contains)
   would each lie in the hull of the others and neither be a vertex: each
   repeat is flagged in W->DUP and left out, its bound merged into the
   first (the larger bound, in every coordinate, so every reading of
   either is a reading of the one kept). */
static ns_status
mark_repeats (ns_hull_work *w)
{
  int d = w->d, n = w->n;
  w->dup = calloc (w->m + 1, 1);
  row_ref *r = malloc ((w->m + 1) * sizeof *r);
  if (w->dup == NULL || r == NULL)
    {
      free (r);
      return NS_ENOMEM;
    }
  for (size_t i = 0; i < w->m; i++)
    r[i] = (row_ref) { &w->pv[i * d], d, i };
  qsort (r, w->m, sizeof *r, cmp_row);
  size_t first = 0;
  for (size_t k = 1; k < w->m; k++)
    {
      int same = 1;
      for (int j = 0; j < d && same; j++)
        same = r[k].p[j] == r[first].p[j];
      if (!same)
        {
          first = k;
          continue;
        }
      size_t a = r[first].i, b = r[k].i;
      w->dup[b] = 1;
      for (int j = 0; j < d; j++)
        w->pe[a * d + j] = fmax (w->pe[a * d + j], w->pe[b * d + j]);
      for (int j = 0; j < n; j++)
        w->e[a * n + j] = fmax (w->e[a * n + j], w->e[b * n + j]);
    }
  free (r);
  return NS_OK;
}

ns_status
ns_hull_lp_build (ns_hull_work *w)
{
  int d = w->d;
  if (w->m > NS_POLYTOPE_MAX_LP_POINTS)
    return NS_ELIMIT;
  ns_status st0 = mark_repeats (w);
  if (st0 != NS_OK)
    return st0;
  if (!w->exact)
    {
      ns_status st = certify_dimension (w);
      if (st != NS_OK)
        return st;
    }
  double *u = malloc (((size_t) d + 1) * sizeof *u);
  char *done = calloc (w->m + 1, 1);
  if (u == NULL || done == NULL)
    {
      free (u);
      free (done);
      return NS_ENOMEM;
    }
  for (size_t i = 0; i < w->m; i++)
    for (int j = 0; j < d; j++)
      w->centre[j] += w->pv[i * d + j] / (double) w->m;
  ns_status st = NS_OK;
  for (size_t i = 0; i < w->m; i++)
    if (!w->dup[i] && centroid_certifies (w, w->centre, i, u))
      {
        w->vertex[i] = 1;
        done[i] = 1;
      }
  /* The others against the hull of all the other points: outside, a
     vertex; inside, not. */
  for (size_t i = 0; i < w->m && st == NS_OK; i++)
    {
      if (done[i] || w->dup[i])
        continue;
      int where;
      st = classify (w, &w->pv[i * d], &w->pe[i * d], i, 0, &where);
      if (st == NS_OK && where == NS_HULL_UNDECIDED)
        st = NS_EUNDECIDED;
      if (st == NS_OK)
        w->vertex[i] = where == NS_HULL_OUTSIDE;
    }
  w->nvert = 0;
  memset (w->centre, 0, (size_t) d * sizeof *w->centre);
  for (size_t i = 0; i < w->m; i++)
    if (w->vertex[i])
      w->nvert++;
  for (size_t i = 0; i < w->m; i++)
    if (w->vertex[i])
      for (int j = 0; j < d; j++)
        w->centre[j] += w->pv[i * d + j] / (double) w->nvert;
  free (u);
  free (done);
  return st;
}

ns_status
ns_hull_lp_locate (const ns_hull_work *w, const double *q, const double *qe, int *where)
{
  return classify (w, q, qe, (size_t) -1, 1, where);
}

ns_status
ns_hull_simplex_normals (const ns_hull_work *w, const size_t *vert, double *normals)
{
  int d = w->d;
  /* Barycentric coordinates: lambda_c(x) = row c of M^-1 (x - p_0) for
     c = 1 ... d, M's columns p_c - p_0, and lambda_0 = 1 - sum.  The facet
     opposite p_c (c >= 1) is lambda_c >= 0: normal -row c; the facet
     opposite p_0 is sum lambda <= 1: normal the sum of the rows.  The
     normals are rounded to unit doubles; the offsets come from the
     vertices, so the inequalities hold whatever the rounding. */
  fmpq_mat_t M, Mi;
  fmpq_mat_init (M, d, d);
  fmpq_mat_init (Mi, d, d);
  fmpq_t a;
  fmpq_init (a);
  for (int c = 0; c < d; c++)
    for (int j = 0; j < d; j++)
      {
        ns_cert_q_set_d (fmpq_mat_entry (M, j, c), w->pv[vert[c + 1] * d + j]);
        ns_cert_q_set_d (a, w->pv[vert[0] * d + j]);
        fmpq_sub (fmpq_mat_entry (M, j, c), fmpq_mat_entry (M, j, c), a);
      }
  int ok = fmpq_mat_inv (Mi, M);
  if (ok)
    {
      for (int j = 0; j < d; j++)
        {
          fmpq_zero (a);
          for (int c = 0; c < d; c++)
            {
              fmpq_add (a, a, fmpq_mat_entry (Mi, c, j));
              normals[(size_t) (c + 1) * d + j] = -fmpq_get_d (fmpq_mat_entry (Mi, c, j));
            }
          normals[j] = fmpq_get_d (a);
        }
      for (int c = 0; c <= d && ok; c++)
        {
          double s = 0;
          for (int j = 0; j < d; j++)
            s = hypot (s, normals[(size_t) c * d + j]);
          if (!(s > 0) || !isfinite (s))
            ok = 0;
          else
            for (int j = 0; j < d; j++)
              normals[(size_t) c * d + j] /= s;
        }
    }
  fmpq_clear (a);
  fmpq_mat_clear (M);
  fmpq_mat_clear (Mi);
  return ok ? NS_OK : NS_EUNDECIDED;
}
