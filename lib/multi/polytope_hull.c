/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/polytope_hull.c: ns_polytope_hull, the convex hull of points of
   R^n with rounding bounds, and the checked hull it rests on (shared with
   ns_polytope_contains).  qhull only proposes: the affine hull is exact,
   and each vertex qhull names is certified extreme by a strictly
   separating direction, each other point certified inside a simplex of
   the triangulated boundary, for every reading within the bounds. */
#include <config.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arb.h>
#include <arb_mat.h>
#include <libqhull_r/qhull_ra.h>
#include "multi/polytope_hull_impl.h"
#include "function/certify_impl.h"

/* Ball precision: the entries are doubles, so 128 bits leave the radii of
   a d x d solve far below any margin a double could show. */
#define HULL_PREC 128

/* The simplices tried per point before the facet normals are tried as
   separating directions: a point on a lower-dimensional face lies in the
   simplices of every facet around it, the first few by exit ratio. */
#define HULL_TRIES 8

/* Facets whose qhull normals agree to this many ulps of 1 are one facet of
   the output (qhull's triangulation shares the normal of a merged facet
   between its triangles, so they agree exactly; the tolerance only joins
   what rounding split).  Joining never invalidates an inequality: every
   offset is recomputed from the vertices. */
#define HULL_SAME_NORMAL (8 * DBL_EPSILON)

void
ns_hull_dot_bounds (int d, const double *a, const double *xv, const double *xe,
                    double *lo, double *hi)
{
  if (d == 1 && (xe == NULL || xe[0] == 0))
    {
      /* One product that is exact (no rounding, no underflow) is its own
         bound: an exact end of a segment is not blurred by an ulp. */
      double p = a[0] * xv[0];
      int exact = p == 0 ? (a[0] == 0 || xv[0] == 0)
                         : isfinite (p) && fabs (p) >= DBL_MIN && fma (a[0], xv[0], -p) == 0;
      if (exact)
        {
          *lo = *hi = p;
          return;
        }
    }
  double s = 0, sabs = 0, serr = 0;
  for (int j = 0; j < d; j++)
    {
      double p = a[j] * xv[j];
      s += p;
      sabs += fabs (p);
      if (xe != NULL)
        serr += fabs (a[j]) * xe[j];
    }
  /* Recursive summation: |s - exact| <= gamma_d sum |a_j x_j| with
     gamma_d = d u / (1 - d u), u = DBL_EPSILON / 2; the computed sums
     themselves are low by at most the same factor, so (2d + 4) eps covers
     both with room to spare.  Each product may also underflow by half the
     smallest subnormal. */
  double g = (2.0 * d + 4.0) * DBL_EPSILON;
  double r = g * sabs + serr * (1.0 + g) + (d + 1) * DBL_TRUE_MIN;
  if (!isfinite (s) || !isfinite (r))
    {
      *lo = -INFINITY;
      *hi = INFINITY;
      return;
    }
  *lo = nextafter (s - r, -INFINITY);
  *hi = nextafter (s + r, INFINITY);
}

/* The ball of all readings of a value with bound E. */
static void
ball_set (arb_t out, double v, double e)
{
  arb_set_d (out, v);
  if (e > 0)
    {
      mag_t m;
      mag_init (m);
      mag_set_d (m, e);
      mag_add (arb_radref (out), arb_radref (out), m);
      mag_clear (m);
    }
}

void
ns_hull_work_clear (ns_hull_work *w)
{
  free (w->v);
  free (w->e);
  free (w->pv);
  free (w->pe);
  free (w->vertex);
  free (w->dup);
  free (w->fv);
  free (w->fn);
  free (w->fo);
  free (w->orient);
  free (w->centre);
  if (w->qcentre != NULL)
    _fmpq_vec_clear (w->qcentre, w->d);
  if (w->bcentre != NULL)
    _arb_vec_clear (w->bcentre, w->d);
  if (w->eq_init)
    fmpq_mat_clear (w->eq);
  memset (w, 0, sizeof *w);
}

/* The affine hull, exactly: the reduced row echelon form of the
   differences v_i - v_0 gives the rank d, the pivot columns and, for each
   free column f, the equation a_f = 1, a_pivot(r) = -R[r][f]. */
static ns_status
affine_hull (ns_hull_work *w)
{
  int n = w->n;
  size_t m = w->m;
  fmpq_mat_init (w->eq, n, n);
  w->eq_init = 1;
  if (m == 1)
    {
      w->d = 0;
      w->nfree = n;
      fmpq_mat_zero (w->eq);
      for (int j = 0; j < n; j++)
        fmpq_one (fmpq_mat_entry (w->eq, j, j));
      return NS_OK;
    }
  fmpq_mat_t D, R;
  fmpq_mat_init (D, (slong) (m - 1), n);
  fmpq_mat_init (R, (slong) (m - 1), n);
  fmpq_t a, b;
  fmpq_init (a);
  fmpq_init (b);
  for (size_t i = 1; i < m; i++)
    for (int j = 0; j < n; j++)
      {
        ns_cert_q_set_d (a, w->v[i * n + j]);
        ns_cert_q_set_d (b, w->v[j]);
        fmpq_sub (fmpq_mat_entry (D, (slong) i - 1, j), a, b);
      }
  slong rank = fmpq_mat_rref (R, D);
  w->d = (int) rank;
  int piv[NS_MULTI_MAX_VARS];
  char is_piv[NS_MULTI_MAX_VARS] = { 0 };
  for (slong r = 0; r < rank; r++)
    {
      int j = 0;
      while (j < n && fmpq_is_zero (fmpq_mat_entry (R, r, j)))
        j++;
      piv[r] = j;
      is_piv[j] = 1;
      w->cols[r] = j;
    }
  w->nfree = 0;
  fmpq_mat_zero (w->eq);
  for (int f = 0; f < n; f++)
    {
      if (is_piv[f])
        continue;
      int row = w->nfree++;
      fmpq_one (fmpq_mat_entry (w->eq, row, f));
      for (slong r = 0; r < rank; r++)
        fmpq_neg (fmpq_mat_entry (w->eq, row, piv[r]), fmpq_mat_entry (R, r, f));
    }
  fmpq_clear (a);
  fmpq_clear (b);
  fmpq_mat_clear (D);
  fmpq_mat_clear (R);
  return NS_OK;
}

/* Whether every point's bounds lie along the affine hull: a bound on a
   coordinate that some equation involves could tilt the hull. */
static int
bounds_along_hull (const ns_hull_work *w)
{
  for (int j = 0; j < w->n; j++)
    {
      int involved = 0;
      for (int r = 0; r < w->nfree && !involved; r++)
        involved = !fmpq_is_zero (fmpq_mat_entry (w->eq, r, j));
      if (!involved)
        continue;
      for (size_t i = 0; i < w->m; i++)
        if (w->e[i * w->n + j] != 0)
          return 0;
    }
  return 1;
}

/* d = 1: the two ends along the one pivot coordinate, each strictly below
   (above) every other point for every reading. */
static ns_status
segment_ends (ns_hull_work *w)
{
  size_t lo = 0, hi = 0;
  for (size_t i = 1; i < w->m; i++)
    {
      if (w->pv[i] < w->pv[lo])
        lo = i;
      if (w->pv[i] > w->pv[hi])
        hi = i;
    }
  double one = 1;
  for (size_t i = 0; i < w->m; i++)
    {
      double ilo, ihi, llo, lhi, hlo, hhi;
      ns_hull_dot_bounds (1, &one, &w->pv[i], &w->pe[i], &ilo, &ihi);
      ns_hull_dot_bounds (1, &one, &w->pv[lo], &w->pe[lo], &llo, &lhi);
      ns_hull_dot_bounds (1, &one, &w->pv[hi], &w->pe[hi], &hlo, &hhi);
      if (i != lo && !(lhi < ilo))
        return NS_EUNDECIDED;
      if (i != hi && !(ihi < hlo))
        return NS_EUNDECIDED;
    }
  w->lo = lo;
  w->hi = hi;
  w->vertex[lo] = w->vertex[hi] = 1;
  w->nvert = 2;
  return NS_OK;
}

/* qhull's triangulated hull of the projected points (d >= 2, m >= d + 1,
   full-dimensional): the simplicial facets and the vertex flags.  qhull
   computes in doubles and reports errors through its own setjmp in
   qh_new_qhull; its messages go to a null stream. */
static ns_status
run_qhull (ns_hull_work *w)
{
  int d = w->d;
  ns_status st = NS_OK;
  qhT *qh = malloc (sizeof *qh);
  FILE *sink = fopen ("/dev/null", "w");
  if (qh == NULL || sink == NULL)
    {
      free (qh);
      if (sink != NULL)
        fclose (sink);
      return NS_ENOMEM;
    }
  /* qhull takes the coordinates as writable: give it a copy. */
  coordT *pts = malloc ((w->m * (size_t) d + 1) * sizeof *pts);
  if (pts == NULL)
    {
      free (qh);
      fclose (sink);
      return NS_ENOMEM;
    }
  memcpy (pts, w->pv, w->m * (size_t) d * sizeof *pts);
  char cmd[] = "qhull Qt";
  qh_zero (qh, sink);
  int rc = qh_new_qhull (qh, d, (int) w->m, pts, False, cmd, NULL, sink);
  if (rc != 0)
    st = rc == qh_ERRmem ? NS_ENOMEM : NS_EUNDECIDED;
  else
    {
      facetT *facet;
      vertexT *vertex, **vertexp;
      size_t nf = 0;
      FORALLfacets
        {
          if (!facet->simplicial || qh_setsize (qh, facet->vertices) != d)
            st = NS_EUNDECIDED;
          if (!facet->degenerate)
            nf++;
        }
      if (st == NS_OK)
        {
          w->fv = malloc ((nf + 1) * (size_t) d * sizeof *w->fv);
          w->fn = malloc ((nf + 1) * (size_t) d * sizeof *w->fn);
          w->fo = malloc ((nf + 1) * sizeof *w->fo);
          if (w->fv == NULL || w->fn == NULL || w->fo == NULL)
            st = NS_ENOMEM;
        }
      if (st == NS_OK)
        {
          size_t k = 0;
          FORALLfacets
            {
              if (facet->degenerate)
                continue;
              int c = 0;
              FOREACHvertex_ (facet->vertices)
                {
                  int id = qh_pointid (qh, vertex->point);
                  if (id < 0 || (size_t) id >= w->m)
                    st = NS_EUNDECIDED;
                  else
                    w->fv[k * d + c] = (size_t) id;
                  c++;
                }
              for (int j = 0; j < d; j++)
                w->fn[k * d + j] = facet->normal[j];
              w->fo[k] = facet->offset;
              k++;
            }
          w->nf = nf;
          for (size_t i = 0; i < nf * (size_t) d && st == NS_OK; i++)
            if (!w->vertex[w->fv[i]])
              {
                w->vertex[w->fv[i]] = 1;
                w->nvert++;
              }
          if (nf == 0)
            st = NS_EUNDECIDED;
        }
    }
  int curlong, totlong;
  qh_freeqhull (qh, !qh_ALL);
  qh_memfreeshort (qh, &curlong, &totlong);
  free (pts);
  free (qh);
  fclose (sink);
  return st;
}

/* Forward elimination with partial pivoting of the d x d matrix M
   (row-major, overwritten) and, when B is not NULL, of the right-hand
   side B; *DET (may be NULL) the determinant.  0 when a pivot is 0. */
static int
eliminate (int d, double *m, double *b, double *det)
{
  double p = 1;
  for (int c = 0; c < d; c++)
    {
      int piv = c;
      for (int r = c + 1; r < d; r++)
        if (fabs (m[r * d + c]) > fabs (m[piv * d + c]))
          piv = r;
      if (m[piv * d + c] == 0)
        return 0;
      if (piv != c)
        {
          for (int j = 0; j < d; j++)
            {
              double t = m[c * d + j];
              m[c * d + j] = m[piv * d + j];
              m[piv * d + j] = t;
            }
          if (b != NULL)
            {
              double t = b[c];
              b[c] = b[piv];
              b[piv] = t;
            }
          p = -p;
        }
      p *= m[c * d + c];
      for (int r = c + 1; r < d; r++)
        {
          double f = m[r * d + c] / m[c * d + c];
          for (int j = c; j < d; j++)
            m[r * d + j] -= f * m[c * d + j];
          if (b != NULL)
            b[r] -= f * b[c];
        }
    }
  if (det != NULL)
    *det = p;
  return 1;
}

/* The determinant of the d x d matrix M (row-major, overwritten) in
   doubles, by elimination with partial pivoting: only its sign is used,
   to choose an orientation that the combinatorial check then verifies. */
static double
det_double (int d, double *m)
{
  double det;
  return eliminate (d, m, NULL, &det) ? det : 0;
}

/* Solves M x = B in doubles (M row-major d x d, overwritten; B becomes
   x) by elimination with partial pivoting; 0 when a pivot is 0.  Only
   ranks candidates: every decision is made exactly or in balls. */
static int
solve_double (int d, double *m, double *b)
{
  if (!eliminate (d, m, b, NULL))
    return 0;
  for (int c = d - 1; c >= 0; c--)
    {
      double s = b[c];
      for (int j = c + 1; j < d; j++)
        s -= m[c * d + j] * b[j];
      b[c] = s / m[c * d + c];
    }
  return 1;
}

/* A ridge of an oriented facet: the facet's vertices but one, sorted,
   with the orientation it induces. */
typedef struct
{
  size_t *ids;
  int len;
  int sign;
} ridge_ref;

static int
cmp_ridge (const void *a, const void *b)
{
  const ridge_ref *x = a, *y = b;
  for (int i = 0; i < x->len; i++)
    if (x->ids[i] != y->ids[i])
      return x->ids[i] < y->ids[i] ? -1 : 1;
  return x->sign - y->sign;
}

/* Orients each facet by its normal (det(f_2 - f_1, ..., f_d - f_1, n) > 0)
   and checks, combinatorially, that the oriented facets form a cycle:
   every ridge in exactly two facets with opposite induced orientations.
   Then the winding number of the boundary around any point off it is
   defined for every reading of the points, which is what the orientation
   test relies on; the normals only choose the signs. */
static ns_status
orient_facets (ns_hull_work *w)
{
  int d = w->d;
  size_t nf = w->nf;
  w->cycle = 0;
  w->orient = malloc (nf + 1);
  size_t *ids = malloc ((nf * (size_t) d * (size_t) (d - 1) + 1) * sizeof *ids);
  ridge_ref *r = malloc ((nf * (size_t) d + 1) * sizeof *r);
  double *m = malloc ((size_t) d * (size_t) d * sizeof *m);
  if (w->orient == NULL || ids == NULL || r == NULL || m == NULL)
    {
      free (ids);
      free (r);
      free (m);
      return NS_ENOMEM;
    }
  int ok = 1;
  for (size_t k = 0; k < nf && ok; k++)
    {
      const size_t *f = &w->fv[k * d];
      for (int i = 0; i + 1 < d; i++)
        for (int j = 0; j < d; j++)
          m[i * d + j] = w->pv[f[i + 1] * d + j] - w->pv[f[0] * d + j];
      for (int j = 0; j < d; j++)
        m[(d - 1) * d + j] = w->fn[k * d + j];
      double det = det_double (d, m);
      if (!(fabs (det) > 0) || !isfinite (det))
        ok = 0;
      w->orient[k] = det > 0 ? 1 : -1;
      for (int drop = 0; drop < d && ok; drop++)
        {
          ridge_ref *e = &r[k * d + drop];
          e->ids = &ids[(k * d + drop) * (size_t) (d - 1)];
          e->len = d - 1;
          int c = 0;
          for (int i = 0; i < d; i++)
            if (i != drop)
              e->ids[c++] = f[i];
          /* Boundary of [f_0 ... f_{d-1}]: sum (-1)^i [.. without f_i ..];
             sorting the rest by insertion counts the transpositions. */
          int sign = w->orient[k] * ((drop & 1) ? -1 : 1);
          for (int i = 1; i < d - 1; i++)
            for (int j = i; j > 0 && e->ids[j - 1] > e->ids[j]; j--)
              {
                size_t t = e->ids[j];
                e->ids[j] = e->ids[j - 1];
                e->ids[j - 1] = t;
                sign = -sign;
              }
          e->sign = sign;
        }
    }
  if (ok)
    {
      size_t nr = nf * (size_t) d;
      qsort (r, nr, sizeof *r, cmp_ridge);
      if (nr % 2 != 0)
        ok = 0;
      for (size_t i = 0; i + 1 < nr && ok; i += 2)
        {
          ridge_ref a = r[i], b = r[i + 1];
          b.sign = a.sign;
          if (cmp_ridge (&a, &b) != 0 || r[i].sign != -r[i + 1].sign)
            ok = 0;
          if (i + 2 < nr)
            {
              ridge_ref c = r[i + 2];
              c.sign = a.sign;
              if (cmp_ridge (&a, &c) == 0)
                ok = 0;   /* a ridge in more than two facets */
            }
        }
    }
  w->cycle = ok;
  free (ids);
  free (r);
  free (m);
  return NS_OK;
}

/* The orientation test: Q is inside when it sees every facet of the
   oriented cycle with the same strict sign of det(f_1 - q, ..., f_d - q)
   for every reading (Arb balls).  Then the radial projection of the
   cycle onto a sphere around Q has positive degree, so the winding
   number is not 0, and a point with nonzero winding number lies in the
   convex hull of the cycle's vertices (outside it, a path to infinity
   avoids the hull).  No triangulation of the inside is needed, so a box
   across the centre is decided. */
static int
orientation_test (const ns_hull_work *w, const double *q, const double *qe)
{
  if (!w->cycle)
    return NS_HULL_UNDECIDED;
  int d = w->d, sign = 0, ok = 1;
  arb_mat_t A;
  arb_t det, x;
  arb_mat_init (A, d, d);
  arb_init (det);
  arb_init (x);
  for (size_t k = 0; k < w->nf && ok; k++)
    {
      const size_t *f = &w->fv[k * d];
      for (int c = 0; c < d; c++)
        for (int j = 0; j < d; j++)
          {
            arb_ptr a = arb_mat_entry (A, c, j);
            ball_set (a, w->pv[f[c] * d + j], w->pe[f[c] * d + j]);
            ball_set (x, q[j], qe[j]);
            arb_sub (a, a, x, HULL_PREC);
          }
      arb_mat_det (det, A, HULL_PREC);
      int s = arb_is_positive (det) ? 1 : arb_is_negative (det) ? -1 : 0;
      s *= w->orient[k];
      if (s == 0 || (sign != 0 && s != sign))
        ok = 0;
      sign = s;
    }
  arb_mat_clear (A);
  arb_clear (det);
  arb_clear (x);
  return ok ? NS_HULL_INSIDE : NS_HULL_UNDECIDED;
}

/* Each vertex qhull names is extreme for every reading: the sum of the
   normals of its facets lies inside its normal cone, and the vertex must
   be strictly ahead of every other point along it. */
static ns_status
certify_vertices (const ns_hull_work *w)
{
  int d = w->d;
  double *u = calloc (w->m * (size_t) d + 1, sizeof *u);
  if (u == NULL)
    return NS_ENOMEM;
  for (size_t k = 0; k < w->nf; k++)
    for (int c = 0; c < d; c++)
      for (int j = 0; j < d; j++)
        u[w->fv[k * d + c] * d + j] += w->fn[k * d + j];
  ns_status st = NS_OK;
  for (size_t i = 0; i < w->m && st == NS_OK; i++)
    {
      if (!w->vertex[i])
        continue;
      const double *ui = &u[i * d];
      double ilo, ihi;
      ns_hull_dot_bounds (d, ui, &w->pv[i * d], &w->pe[i * d], &ilo, &ihi);
      for (size_t q = 0; q < w->m; q++)
        {
          if (q == i)
            continue;
          double qlo, qhi;
          ns_hull_dot_bounds (d, ui, &w->pv[q * d], &w->pe[q * d], &qlo, &qhi);
          if (!(qhi < ilo))
            {
              st = NS_EUNDECIDED;
              break;
            }
        }
    }
  free (u);
  return st;
}

/* The dimension is at least d for every reading: the simplex of the first
   facet and the vertex farthest from it has a determinant whose ball
   excludes 0.  (Exact points need no check: their rank is exact.) */
static ns_status
certify_full_dim (const ns_hull_work *w)
{
  int d = w->d;
  size_t far = 0;
  double best = -1;
  for (size_t i = 0; i < w->m; i++)
    if (w->vertex[i])
      {
        double s = w->fo[0];
        for (int j = 0; j < d; j++)
          s += w->fn[j] * w->pv[i * d + j];
        if (fabs (s) > best)
          {
            best = fabs (s);
            far = i;
          }
      }
  arb_mat_t A;
  arb_mat_init (A, d, d);
  arb_t x, det;
  arb_init (x);
  arb_init (det);
  for (int c = 0; c < d; c++)
    {
      size_t p = w->fv[c];
      for (int j = 0; j < d; j++)
        {
          arb_ptr a = arb_mat_entry (A, j, c);
          ball_set (a, w->pv[p * d + j], w->pe[p * d + j]);
          ball_set (x, w->pv[far * d + j], w->pe[far * d + j]);
          arb_sub (a, a, x, HULL_PREC);
        }
    }
  arb_mat_det (det, A, HULL_PREC);
  int ok = !arb_contains_zero (det);
  arb_clear (x);
  arb_clear (det);
  arb_mat_clear (A);
  return ok ? NS_OK : NS_EUNDECIDED;
}

/* The apex of the simplices: the centroid of the vertices, or else a
   vertex (the pulling triangulation from it covers the hull too). */
#define HULL_CENTROID ((size_t) -1)

/* The simplex test of projected point Q against facet K and the apex c
   (the centroid of the vertices or vertex APEX): solve q - c = sum_k lambda_k (f_k - c).  Q lies in the
   hull when every lambda_k >= 0 and sum lambda <= 1; it lies outside when
   sum lambda > 1 and every vertex w has sum lambda(w) <= 1 (then the facet
   hyperplane supports the hull).  Exact rationals when every bound is 0,
   balls otherwise.  Returns NS_HULL_*. */
static int
simplex_test (const ns_hull_work *w, size_t k, size_t apex, const double *q, const double *qe,
              int exact)
{
  int d = w->d;
  int where = NS_HULL_UNDECIDED;
  const size_t *f = &w->fv[k * d];
  if (exact)
    {
      fmpq_mat_t A, Ai;
      fmpq *c = _fmpq_vec_init (d);
      fmpq *s = _fmpq_vec_init (d);
      fmpq_t t, lam, sum;
      fmpq_init (t);
      fmpq_init (lam);
      fmpq_init (sum);
      fmpq_mat_init (A, d, d);
      fmpq_mat_init (Ai, d, d);
      if (apex == HULL_CENTROID)
        for (int j = 0; j < d; j++)
          fmpq_set (c + j, w->qcentre + j);
      else
        for (int j = 0; j < d; j++)
          ns_cert_q_set_d (c + j, w->pv[apex * d + j]);
      for (int col = 0; col < d; col++)
        for (int j = 0; j < d; j++)
          {
            ns_cert_q_set_d (t, w->pv[f[col] * d + j]);
            fmpq_sub (fmpq_mat_entry (A, j, col), t, c + j);
          }
      if (fmpq_mat_inv (Ai, A))
        {
          /* s = 1^T A^-1, so sum lambda(x) = s . (x - c). */
          for (int j = 0; j < d; j++)
            for (int r = 0; r < d; r++)
              fmpq_add (s + j, s + j, fmpq_mat_entry (Ai, r, j));
          int nonneg = 1;
          for (int r = 0; r < d; r++)
            {
              fmpq_zero (lam);
              for (int j = 0; j < d; j++)
                {
                  ns_cert_q_set_d (t, q[j]);
                  fmpq_sub (t, t, c + j);
                  fmpq_addmul (lam, fmpq_mat_entry (Ai, r, j), t);
                }
              if (fmpq_sgn (lam) < 0)
                nonneg = 0;
              fmpq_add (sum, sum, lam);
            }
          int beyond = fmpq_cmp_ui (sum, 1) > 0;
          if (nonneg && !beyond)
            where = NS_HULL_INSIDE;
          else if (beyond)
            {
              int supports = 1;
              for (size_t i = 0; i < w->m && supports; i++)
                {
                  if (!w->vertex[i])
                    continue;
                  fmpq_zero (sum);
                  for (int j = 0; j < d; j++)
                    {
                      ns_cert_q_set_d (t, w->pv[i * d + j]);
                      fmpq_sub (t, t, c + j);
                      fmpq_addmul (sum, s + j, t);
                    }
                  supports = fmpq_cmp_ui (sum, 1) <= 0;
                }
              if (supports)
                where = NS_HULL_OUTSIDE;
            }
        }
      fmpq_mat_clear (A);
      fmpq_mat_clear (Ai);
      _fmpq_vec_clear (c, d);
      _fmpq_vec_clear (s, d);
      fmpq_clear (t);
      fmpq_clear (lam);
      fmpq_clear (sum);
      return where;
    }

  /* Balls: the centre, the facet points and Q as independent balls, so
     the answer holds for every reading (correlations are only lost). */
  arb_mat_t A, Ai;
  arb_ptr c = _arb_vec_init (d);
  arb_ptr s = _arb_vec_init (d);
  arb_t t, lam, sum;
  arb_init (t);
  arb_init (lam);
  arb_init (sum);
  arb_mat_init (A, d, d);
  arb_mat_init (Ai, d, d);
  if (apex == HULL_CENTROID)
    _arb_vec_set (c, w->bcentre, d);
  else
    for (int j = 0; j < d; j++)
      ball_set (c + j, w->pv[apex * d + j], w->pe[apex * d + j]);
  for (int col = 0; col < d; col++)
    for (int j = 0; j < d; j++)
      {
        ball_set (t, w->pv[f[col] * d + j], w->pe[f[col] * d + j]);
        arb_sub (arb_mat_entry (A, j, col), t, c + j, HULL_PREC);
      }
  if (arb_mat_inv (Ai, A, HULL_PREC))
    {
      for (int j = 0; j < d; j++)
        for (int r = 0; r < d; r++)
          arb_add (s + j, s + j, arb_mat_entry (Ai, r, j), HULL_PREC);
      int nonneg = 1;
      for (int r = 0; r < d; r++)
        {
          arb_zero (lam);
          for (int j = 0; j < d; j++)
            {
              ball_set (t, q[j], qe[j]);
              arb_sub (t, t, c + j, HULL_PREC);
              arb_addmul (lam, arb_mat_entry (Ai, r, j), t, HULL_PREC);
            }
          if (!arb_is_nonnegative (lam))
            nonneg = 0;
          arb_add (sum, sum, lam, HULL_PREC);
        }
      arb_sub_ui (sum, sum, 1, HULL_PREC);
      if (nonneg && arb_is_nonpositive (sum))
        where = NS_HULL_INSIDE;
      else if (arb_is_positive (sum))
        {
          int supports = 1;
          for (size_t i = 0; i < w->m && supports; i++)
            {
              int on = 0;
              for (int col = 0; col < d; col++)
                on |= f[col] == i;
              /* The facet's own points are on its hyperplane for every
                 reading; only the others are checked. */
              if (!w->vertex[i] || on || i == apex)
                continue;
              arb_zero (sum);
              for (int j = 0; j < d; j++)
                {
                  ball_set (t, w->pv[i * d + j], w->pe[i * d + j]);
                  arb_sub (t, t, c + j, HULL_PREC);
                  arb_addmul (sum, s + j, t, HULL_PREC);
                }
              arb_sub_ui (sum, sum, 1, HULL_PREC);
              supports = arb_is_nonpositive (sum);
            }
          if (supports)
            where = NS_HULL_OUTSIDE;
        }
    }
  arb_mat_clear (A);
  arb_mat_clear (Ai);
  _arb_vec_clear (c, d);
  _arb_vec_clear (s, d);
  arb_clear (t);
  arb_clear (lam);
  arb_clear (sum);
  return where;
}

typedef struct
{
  double t;
  size_t k;
} exit_ratio;

static int
cmp_exit (const void *a, const void *b)
{
  double x = ((const exit_ratio *) a)->t, y = ((const exit_ratio *) b)->t;
  return (x < y) - (x > y);
}

static ns_status locate_point (const ns_hull_work *w, const double *q, const double *qe,
                               int *where);

/* Projected point Q (d >= 2) against the triangulated hull.  A box Q +- QE
   lies in the hull when its corners do (the hull is convex), so a box
   that no single simplex holds is decided corner by corner, each corner
   rounded outward (a larger box inside is enough), up to
   2^HULL_MAX_CORNER_DIMS corners. */
#define HULL_MAX_CORNER_DIMS 10

static ns_status
locate_projected (const ns_hull_work *w, const double *q, const double *qe, int *where)
{
  ns_status st = locate_point (w, q, qe, where);
  if (st != NS_OK || *where != NS_HULL_UNDECIDED)
    return st;
  int d = w->d, idx[NS_MULTI_MAX_VARS], k = 0;
  for (int j = 0; j < d; j++)
    if (qe[j] != 0)
      idx[k++] = j;
  if (k == 0 || k > HULL_MAX_CORNER_DIMS)
    return NS_OK;
  double corner[NS_MULTI_MAX_VARS], zero[NS_MULTI_MAX_VARS] = { 0 };
  for (unsigned long mask = 0; mask < (1ul << k); mask++)
    {
      for (int j = 0; j < d; j++)
        corner[j] = q[j];
      for (int b = 0; b < k; b++)
        {
          int j = idx[b];
          corner[j] = (mask >> b) & 1 ? nextafter (q[j] + qe[j], INFINITY)
                                      : nextafter (q[j] - qe[j], -INFINITY);
        }
      int got;
      st = locate_point (w, corner, zero, &got);
      if (st != NS_OK)
        return st;
      if (got != NS_HULL_INSIDE)
        return NS_OK;
    }
  *where = NS_HULL_INSIDE;
  return NS_OK;
}

static ns_status
locate_point (const ns_hull_work *w, const double *q, const double *qe, int *where)
{
  int d = w->d;
  int exact = w->exact;
  for (int j = 0; j < d; j++)
    if (qe[j] != 0)
      exact = 0;
  *where = NS_HULL_UNDECIDED;
  if (!exact && orientation_test (w, q, qe) == NS_HULL_INSIDE)
    {
      *where = NS_HULL_INSIDE;
      return NS_OK;
    }
  exit_ratio *r = malloc ((w->nf + 1) * sizeof *r);
  double *m = malloc (((size_t) d * d + 2 * (size_t) d) * sizeof *m), *lam = m + (size_t) d * d;
  if (r == NULL || m == NULL)
    {
      free (r);
      free (m);
      return NS_ENOMEM;
    }
  /* Apexes: the centroid, then the vertex farthest from Q (a point near
     the centroid is hard to place when the centroid is a wide ball). */
  size_t far = 0;
  double best = -1;
  for (size_t i = 0; i < w->m; i++)
    if (w->vertex[i])
      {
        double s2 = 0;
        for (int j = 0; j < d; j++)
          s2 += (w->pv[i * d + j] - q[j]) * (w->pv[i * d + j] - q[j]);
        if (s2 > best)
          {
            best = s2;
            far = i;
          }
      }
  size_t apexes[2] = { HULL_CENTROID, far };
  for (int ai = 0; ai < 2; ai++)
    {
      double a[NS_MULTI_MAX_VARS], scale = 0;
      for (int j = 0; j < d; j++)
        {
          a[j] = apexes[ai] == HULL_CENTROID ? w->centre[j] : w->pv[far * d + j];
          scale = fmax (scale, fabs (a[j]));
        }
      /* The simplex (apex, facet) that the ray from the apex through Q
         crosses has barycentric coordinates lambda_k >= 0 for Q (whether Q
         is inside or beyond the facet): rank the facets by min lambda_k,
         computed in doubles, and let the exact or ball test decide the
         best few.  (Ranking by the exit ratio alone ties over every
         triangle of one face: a 7-cube has hundreds per face.)  Facets
         through the apex (distance about 0) give no simplex. */
      size_t nr = 0;
      for (size_t k = 0; k < w->nf; k++)
        {
          double den = w->fo[k];
          for (int j = 0; j < d; j++)
            den += w->fn[k * d + j] * a[j];
          if (!(-den > 1e-9 * (1 + scale)))
            continue;
          for (int c = 0; c < d; c++)
            for (int j = 0; j < d; j++)
              m[j * d + c] = w->pv[w->fv[k * d + c] * d + j] - a[j];
          for (int j = 0; j < d; j++)
            lam[j] = q[j] - a[j];
          double score = -INFINITY;
          if (solve_double (d, m, lam))
            {
              score = INFINITY;
              for (int j = 0; j < d; j++)
                score = fmin (score, lam[j]);
              if (isnan (score))
                score = -INFINITY;
            }
          r[nr].t = score;
          r[nr].k = k;
          nr++;
        }
      qsort (r, nr, sizeof *r, cmp_exit);
      for (size_t i = 0; i < nr && i < HULL_TRIES; i++)
        {
          int got = simplex_test (w, r[i].k, apexes[ai], q, qe, exact);
          if (got != NS_HULL_UNDECIDED)
            {
              *where = got;
              free (r);
              free (m);
              return NS_OK;
            }
        }
    }
  free (r);
  free (m);
  /* A facet normal that strictly separates Q from every vertex. */
  for (size_t k = 0; k < w->nf; k++)
    {
      const double *a = &w->fn[k * d];
      double qlo, qhi, vmax = -INFINITY;
      ns_hull_dot_bounds (d, a, q, qe, &qlo, &qhi);
      for (size_t i = 0; i < w->m; i++)
        if (w->vertex[i])
          {
            double lo, hi;
            ns_hull_dot_bounds (d, a, &w->pv[i * d], &w->pe[i * d], &lo, &hi);
            vmax = fmax (vmax, hi);
          }
      if (vmax < qlo)
        {
          *where = NS_HULL_OUTSIDE;
          return NS_OK;
        }
    }
  return NS_OK;
}

ns_status
ns_hull_work_build (int n, const double *v, const double *e, size_t m, ns_hull_work *w)
{
  memset (w, 0, sizeof *w);
  w->n = n;
  w->m = m;
  w->v = malloc (m * (size_t) n * sizeof *w->v);
  w->e = malloc (m * (size_t) n * sizeof *w->e);
  w->vertex = calloc (m, 1);
  if (w->v == NULL || w->e == NULL || w->vertex == NULL)
    return NS_ENOMEM;
  memcpy (w->v, v, m * (size_t) n * sizeof *w->v);
  memcpy (w->e, e, m * (size_t) n * sizeof *w->e);
  w->exact = 1;
  for (size_t i = 0; i < m * (size_t) n; i++)
    if (e[i] != 0)
      w->exact = 0;
  ns_status st = affine_hull (w);
  if (st != NS_OK)
    return st;
  int d = w->d;
  /* For every reading the points span at least d dimensions (certified
     below) and, when their bounds lie along the exact affine hull, at
     most d; with at most d + 1 points, at most d anyway. */
  w->eq_exact = bounds_along_hull (w);
  if (!w->eq_exact && m > (size_t) d + 1)
    return NS_EUNDECIDED;
  w->pv = malloc ((m * (size_t) d + 1) * sizeof *w->pv);
  w->pe = malloc ((m * (size_t) d + 1) * sizeof *w->pe);
  w->centre = calloc ((size_t) d + 1, sizeof *w->centre);
  if (w->pv == NULL || w->pe == NULL || w->centre == NULL)
    return NS_ENOMEM;
  for (size_t i = 0; i < m; i++)
    for (int k = 0; k < d; k++)
      {
        w->pv[i * d + k] = v[i * n + w->cols[k]];
        w->pe[i * d + k] = e[i * n + w->cols[k]];
      }
  if (d == 0)
    {
      w->vertex[0] = 1;
      w->nvert = 1;
      return NS_OK;
    }
  if (d == 1)
    return segment_ends (w);
  if (d > NS_POLYTOPE_MAX_HULL_DIM)
    return ns_hull_lp_build (w);
  st = run_qhull (w);
  if (st != NS_OK)
    return st;
  st = certify_vertices (w);
  if (st == NS_OK)
    st = orient_facets (w);
  if (st != NS_OK)
    return st;
  if (!w->exact)
    {
      st = certify_full_dim (w);
      if (st != NS_OK)
        return st;
    }
  for (size_t i = 0; i < m; i++)
    if (w->vertex[i])
      for (int j = 0; j < d; j++)
        w->centre[j] += w->pv[i * d + j] / (double) w->nvert;
  /* The centroid once, exactly or as balls, for the simplex tests. */
  w->qcentre = _fmpq_vec_init (d);
  w->bcentre = _arb_vec_init (d);
  {
    fmpq_t t;
    fmpz_t k;
    arb_t b;
    fmpq_init (t);
    fmpz_init_set_ui (k, (ulong) w->nvert);
    arb_init (b);
    for (size_t i = 0; i < m; i++)
      if (w->vertex[i])
        for (int j = 0; j < d; j++)
          {
            if (w->exact)
              {
                ns_cert_q_set_d (t, w->pv[i * d + j]);
                fmpq_add (w->qcentre + j, w->qcentre + j, t);
              }
            ball_set (b, w->pv[i * d + j], w->pe[i * d + j]);
            arb_add (w->bcentre + j, w->bcentre + j, b, HULL_PREC);
          }
    for (int j = 0; j < d; j++)
      {
        fmpq_div_fmpz (w->qcentre + j, w->qcentre + j, k);
        arb_div_ui (w->bcentre + j, w->bcentre + j, (ulong) w->nvert, HULL_PREC);
      }
    fmpq_clear (t);
    fmpz_clear (k);
    arb_clear (b);
  }
  /* Every other point is inside, for every reading. */
  for (size_t i = 0; i < m; i++)
    {
      if (w->vertex[i])
        continue;
      int where;
      st = locate_projected (w, &w->pv[i * d], &w->pe[i * d], &where);
      if (st != NS_OK)
        return st;
      if (where != NS_HULL_INSIDE)
        return NS_EUNDECIDED;
    }
  return NS_OK;
}

/* G against the affine hull: each equation's residual a . (g - v0) is 0
   for every reading (NS_HULL_INSIDE), nonzero for every reading
   (NS_HULL_OUTSIDE), or neither. */
static int
locate_affine (const ns_hull_work *w, const double *g, const double *ge)
{
  int n = w->n;
  int where = NS_HULL_INSIDE;
  fmpq_t r, t;
  arb_t b, x, y;
  fmpq_init (r);
  fmpq_init (t);
  arb_init (b);
  arb_init (x);
  arb_init (y);
  for (int row = 0; row < w->nfree && where != NS_HULL_OUTSIDE; row++)
    {
      int balls = 0;
      for (int j = 0; j < n; j++)
        if (!fmpq_is_zero (fmpq_mat_entry (w->eq, row, j)) && (ge[j] != 0 || w->e[j] != 0))
          balls = 1;
      if (!balls)
        {
          fmpq_zero (r);
          for (int j = 0; j < n; j++)
            {
              ns_cert_q_set_d (t, g[j]);
              fmpq_addmul (r, fmpq_mat_entry (w->eq, row, j), t);
              ns_cert_q_set_d (t, w->v[j]);
              fmpq_submul (r, fmpq_mat_entry (w->eq, row, j), t);
            }
          if (!fmpq_is_zero (r))
            where = NS_HULL_OUTSIDE;
          continue;
        }
      arb_zero (b);
      for (int j = 0; j < n; j++)
        {
          const fmpq *a = fmpq_mat_entry (w->eq, row, j);
          if (fmpq_is_zero (a))
            continue;
          ball_set (x, g[j], ge[j]);
          ball_set (y, w->v[j], w->e[j]);
          arb_sub (x, x, y, HULL_PREC);
          arb_set_fmpq (y, a, HULL_PREC);
          arb_addmul (b, x, y, HULL_PREC);
        }
      if (!arb_contains_zero (b))
        where = NS_HULL_OUTSIDE;
      else
        where = NS_HULL_UNDECIDED;
    }
  fmpq_clear (r);
  fmpq_clear (t);
  arb_clear (b);
  arb_clear (x);
  arb_clear (y);
  /* Off an affine hull that the bounds may tilt, only a separation
     (elsewhere) can decide. */
  if (where == NS_HULL_INSIDE && !w->eq_exact)
    where = NS_HULL_UNDECIDED;
  return where;
}

ns_status
ns_hull_work_locate (const ns_hull_work *w, const double *g, const double *ge, int *where)
{
  int d = w->d;
  *where = locate_affine (w, g, ge);
  if (*where != NS_HULL_INSIDE)
    return NS_OK;
  double pg[NS_MULTI_MAX_VARS], pge[NS_MULTI_MAX_VARS];
  for (int k = 0; k < d; k++)
    {
      pg[k] = g[w->cols[k]];
      pge[k] = ge[w->cols[k]];
    }
  if (d == 0)
    return NS_OK;
  if (d == 1)
    {
      double one = 1, glo, ghi, llo, lhi, hlo, hhi;
      ns_hull_dot_bounds (1, &one, pg, pge, &glo, &ghi);
      ns_hull_dot_bounds (1, &one, &w->pv[w->lo], &w->pe[w->lo], &llo, &lhi);
      ns_hull_dot_bounds (1, &one, &w->pv[w->hi], &w->pe[w->hi], &hlo, &hhi);
      if (ghi < llo || glo > hhi)
        *where = NS_HULL_OUTSIDE;
      else if (glo >= lhi && ghi <= hlo)
        *where = NS_HULL_INSIDE;
      else
        *where = NS_HULL_UNDECIDED;
      return NS_OK;
    }
  if (d > NS_POLYTOPE_MAX_HULL_DIM)
    return ns_hull_lp_locate (w, pg, pge, where);
  return locate_projected (w, pg, pge, where);
}

/* Lexicographic order of point indices by value, for merging equal
   points. */
typedef struct
{
  const double *v;
  int n;
  size_t i;
} point_ref;

static int
cmp_point (const void *a, const void *b)
{
  const point_ref *x = a, *y = b;
  for (int j = 0; j < x->n; j++)
    {
      double p = x->v[x->i * x->n + j], q = y->v[y->i * y->n + j];
      if (p != q)
        return p < q ? -1 : 1;
    }
  return (x->i > y->i) - (x->i < y->i);
}

/* The polygon's vertices counter-clockwise around their centre, in the
   two projected coordinates. */
typedef struct
{
  double angle;
  size_t i;
} angle_ref;

static int
cmp_angle (const void *a, const void *b)
{
  double x = ((const angle_ref *) a)->angle, y = ((const angle_ref *) b)->angle;
  return (x > y) - (x < y);
}

static ns_status
fill_output (const ns_hull_work *w, ns_polytope **out)
{
  int n = w->n, d = w->d;
  size_t nv = w->nvert;
  size_t *order = malloc ((nv + 1) * sizeof *order);
  size_t *keep = malloc ((w->nf + 1) * sizeof *keep);
  angle_ref *ang = malloc ((nv + 1) * sizeof *ang);
  if (order == NULL || keep == NULL || ang == NULL)
    {
      free (order);
      free (keep);
      free (ang);
      return NS_ENOMEM;
    }
  size_t c = 0;
  if (d == 1)
    {
      order[0] = w->lo;
      order[1] = w->hi;
      c = 2;
    }
  else
    for (size_t i = 0; i < w->m; i++)
      if (w->vertex[i])
        order[c++] = i;
  if (d == 2)
    {
      for (size_t k = 0; k < nv; k++)
        {
          ang[k].i = order[k];
          ang[k].angle = atan2 (w->pv[order[k] * 2 + 1] - w->centre[1],
                                w->pv[order[k] * 2] - w->centre[0]);
        }
      qsort (ang, nv, sizeof *ang, cmp_angle);
      /* Start from the lowest-leftmost vertex, as ns_mfn_clarke does. */
      size_t first = 0;
      for (size_t k = 1; k < nv; k++)
        {
          const double *a = &w->pv[ang[k].i * 2], *b = &w->pv[ang[first].i * 2];
          if (a[1] < b[1] || (a[1] == b[1] && a[0] < b[0]))
            first = k;
        }
      for (size_t k = 0; k < nv; k++)
        order[k] = ang[(first + k) % nv].i;
    }
  /* Relative facets: qhull's, with triangles of one merged facet joined;
     d = 1 the two ends. */
  size_t nrel = 0;
  if (d == 1)
    nrel = 2;
  else if (d >= 2)
    for (size_t k = 0; k < w->nf; k++)
      {
        int same = 0;
        for (size_t l = 0; l < nrel && !same; l++)
          {
            same = 1;
            for (int j = 0; j < d; j++)
              if (fabs (w->fn[k * d + j] - w->fn[keep[l] * d + j]) > HULL_SAME_NORMAL)
                same = 0;
          }
        if (!same)
          keep[nrel++] = k;
      }
  /* Above qhull's dimension: a simplex's d + 1 facets from its inverse
     matrix, else none (FACETS_OMITTED). */
  double *sn = NULL;
  int omitted = 0;
  if (d > NS_POLYTOPE_MAX_HULL_DIM)
    {
      omitted = 1;
      if (nv == (size_t) d + 1)
        {
          sn = malloc (((size_t) d + 1) * (size_t) d * sizeof *sn);
          if (sn != NULL && ns_hull_simplex_normals (w, order, sn) == NS_OK)
            {
              nrel = (size_t) d + 1;
              omitted = 0;
            }
        }
    }
  size_t nfacets = nrel + 2 * (size_t) w->nfree;
  ns_polytope *p = ns_polytope_alloc (n, nv, nfacets);
  if (p == NULL)
    {
      free (order);
      free (keep);
      free (ang);
      free (sn);
      return NS_ENOMEM;
    }
  p->facets_omitted = omitted;
  p->dim = d;
  for (size_t k = 0; k < nv; k++)
    for (int j = 0; j < n; j++)
      {
        p->vertices[k * n + j] = w->v[order[k] * n + j];
        p->err[k * n + j] = w->e[order[k] * n + j];
      }
  for (size_t k = 0; k < nrel; k++)
    {
      double *a = &p->normals[k * n];
      if (d == 1)
        a[w->cols[0]] = k == 0 ? -1 : 1;
      else if (sn != NULL)
        for (int j = 0; j < d; j++)
          a[w->cols[j]] = sn[k * d + j];
      else
        for (int j = 0; j < d; j++)
          a[w->cols[j]] = w->fn[keep[k] * d + j];
    }
  for (int r = 0; r < w->nfree; r++)
    for (int j = 0; j < n; j++)
      {
        double a = fmpq_get_d (fmpq_mat_entry (w->eq, r, j));
        p->normals[(nrel + 2 * (size_t) r) * n + j] = a;
        p->normals[(nrel + 2 * (size_t) r + 1) * n + j] = -a;
      }
  /* Every offset from the vertices' bounds: an upper bound of a . v over
     every reading of every vertex, so each inequality holds on the whole
     hull whatever normal it has. */
  for (size_t k = 0; k < nfacets; k++)
    {
      double hmax = -INFINITY;
      for (size_t i = 0; i < nv; i++)
        {
          double lo, hi;
          ns_hull_dot_bounds (n, &p->normals[k * n], &p->vertices[i * n], &p->err[i * n],
                              &lo, &hi);
          hmax = fmax (hmax, hi);
        }
      p->offsets[k] = hmax;
    }
  free (sn);
  free (order);
  free (keep);
  free (ang);
  *out = p;
  return NS_OK;
}

ns_status
ns_polytope_hull (int n, const ns_result *points, size_t count, ns_polytope **out)
{
  if (out == NULL)
    return NS_EINVAL;
  *out = NULL;
  if (n < 1 || n > NS_MULTI_MAX_VARS || (points == NULL && count > 0)
      || count > (size_t) INT_MAX / (size_t) n)
    return NS_EINVAL;
  for (size_t i = 0; i < count * (size_t) n; i++)
    if (!isfinite (points[i].val) || !isfinite (points[i].err) || !(points[i].err >= 0))
      return NS_EINVAL;
  if (count == 0)
    {
      *out = ns_polytope_alloc (n, 0, 0);
      return *out == NULL ? NS_ENOMEM : NS_OK;
    }
  /* Equal values are one point, with the larger bound. */
  double *v = malloc (count * (size_t) n * sizeof *v);
  double *e = malloc (count * (size_t) n * sizeof *e);
  point_ref *ref = malloc (count * sizeof *ref);
  if (v == NULL || e == NULL || ref == NULL)
    {
      free (v);
      free (e);
      free (ref);
      return NS_ENOMEM;
    }
  for (size_t i = 0; i < count * (size_t) n; i++)
    v[i] = points[i].val;
  for (size_t i = 0; i < count; i++)
    ref[i] = (point_ref) { v, n, i };
  qsort (ref, count, sizeof *ref, cmp_point);
  size_t m = 0;
  double *uv = malloc (count * (size_t) n * sizeof *uv);
  if (uv == NULL)
    {
      free (v);
      free (e);
      free (ref);
      return NS_ENOMEM;
    }
  for (size_t k = 0; k < count; k++)
    {
      size_t i = ref[k].i;
      int same = m > 0;
      for (int j = 0; j < n && same; j++)
        same = uv[(m - 1) * n + j] == points[i * n + j].val;
      if (!same)
        {
          for (int j = 0; j < n; j++)
            {
              uv[m * n + j] = points[i * n + j].val;
              e[m * n + j] = points[i * n + j].err;
            }
          m++;
        }
      else
        for (int j = 0; j < n; j++)
          e[(m - 1) * n + j] = fmax (e[(m - 1) * n + j], points[i * n + j].err);
    }
  free (v);
  free (ref);
  ns_hull_work w;
  ns_status st = ns_hull_work_build (n, uv, e, m, &w);
  free (uv);
  free (e);
  if (st == NS_OK)
    st = fill_output (&w, out);
  ns_hull_work_clear (&w);
  return st;
}
