/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_polytope_lp.c: convex hulls above the dimension qhull is
   given (NS_POLYTOPE_MAX_HULL_DIM), whose vertices come from checked
   linear programs.  Every polytope is known by construction: the cube
   [-1, 1]^n (2^n sign vectors; with interior points and repeats), the
   cross-polytope (+-e_j, the subdifferential of ||.||_inf at 0), the
   standard simplex (the subdifferential of max(x_1, ..., x_n) at 0) and
   the simplex 0, e_1, ..., e_n.  Membership is checked against the
   closed forms max |g_j| <= 1, sum |g_j| <= 1 and g >= 0, sum g = 1 on
   dyadic points, where those sums are exact; least-norm points against
   the projection of 0 onto a box or a simplex, by hand. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

#define MAXN 10

static ns_result *
alloc_points (size_t count, int n)
{
  ns_result *p = calloc (count * (size_t) n + 1, sizeof *p);
  ck_assert_ptr_nonnull (p);
  return p;
}

/* The 2^n sign vectors of [-1, 1]^n, vertex i with bit j of i giving the
   sign of coordinate j. */
static size_t
put_cube (ns_result *p, size_t at, int n, double err)
{
  for (size_t i = 0; i < ((size_t) 1 << n); i++)
    for (int j = 0; j < n; j++)
      p[(at + i) * n + j] = (ns_result) { (i >> j) & 1 ? 1.0 : -1.0, err };
  return at + ((size_t) 1 << n);
}

/* Every vertex of P is a sign vector, and they are distinct, so COUNT =
   2^n means each sign vector once. */
static void
check_cube_vertices (const ns_polytope *p, int n)
{
  ck_assert_uint_eq (p->count, (size_t) 1 << n);
  char *seen = calloc ((size_t) 1 << n, 1);
  ck_assert_ptr_nonnull (seen);
  for (size_t k = 0; k < p->count; k++)
    {
      size_t code = 0;
      for (int j = 0; j < n; j++)
        {
          double v = p->vertices[k * n + j];
          ck_assert_msg (v == 1 || v == -1, "vertex %zu coordinate %d is %g", k, j, v);
          code |= (size_t) (v > 0) << j;
        }
      ck_assert_msg (!seen[code], "sign vector %zu twice", code);
      seen[code] = 1;
    }
  free (seen);
}

static int
contains (const ns_polytope *p, const double *g, ns_status want)
{
  int in = -1;
  ck_assert_int_eq (ns_polytope_contains (p, g, NULL, &in), want);
  return in;
}

START_TEST (test_cube)
{
  int n = 9 + _i;
  ns_result *pts = alloc_points ((size_t) 1 << n, n);
  size_t c = put_cube (pts, 0, n, 0);
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_polytope_hull (n, pts, c, &p), NS_OK);
  ck_assert_int_eq (p->dim, n);
  check_cube_vertices (p, n);
  /* Full-dimensional and not a simplex: no facets, said so. */
  ck_assert_int_eq (p->facets_omitted, 1);
  ck_assert_uint_eq (p->nfacets, 0);
  /* Inside iff max |g_j| <= 1. */
  double g[MAXN];
  for (int j = 0; j < n; j++)
    g[j] = j % 3 == 0 ? 0.5 : j % 3 == 1 ? -0.25 : 0.75;
  ck_assert_int_eq (contains (p, g, NS_OK), 1);
  g[n - 1] = 1;            /* on a facet */
  ck_assert_int_eq (contains (p, g, NS_OK), 1);
  g[n - 1] = 1.125;        /* just beyond it */
  ck_assert_int_eq (contains (p, g, NS_OK), 0);
  for (int j = 0; j < n; j++)
    g[j] = 0.625;          /* max 0.625, but sum 0.625 n > 1: still inside */
  ck_assert_int_eq (contains (p, g, NS_OK), 1);
  g[0] = -1.0000000000000002;
  ck_assert_int_eq (contains (p, g, NS_OK), 0);
  /* The least-norm point: 0, exactly. */
  ns_result mn[MAXN];
  double *wts = calloc (p->count, sizeof *wts);
  ck_assert_ptr_nonnull (wts);
  ck_assert_int_eq (ns_polytope_min_norm (p, mn, wts), NS_OK);
  double sw = 0;
  for (int j = 0; j < n; j++)
    {
      ck_assert (mn[j].val == 0 && mn[j].err == 0);
      double s = 0;
      for (size_t k = 0; k < p->count; k++)
        s += wts[k] * p->vertices[k * n + j];
      ck_assert (fabs (s) <= 64 * DBL_EPSILON);
    }
  for (size_t k = 0; k < p->count; k++)
    sw += wts[k];
  ck_assert (fabs (sw - 1) <= 64 * DBL_EPSILON);
  free (wts);
  ns_polytope_free (p);

  /* Shifted by 2 e_1: [1, 3] x [-1, 1]^(n-1), whose point nearest 0 is e_1
     (the projection onto a box clamps each coordinate). */
  for (size_t i = 0; i < c; i++)
    pts[i * n].val += 2;
  ck_assert_int_eq (ns_polytope_hull (n, pts, c, &p), NS_OK);
  ck_assert_uint_eq (p->count, c);
  ck_assert_int_eq (ns_polytope_min_norm (p, mn, NULL), NS_OK);
  for (int j = 0; j < n; j++)
    {
      double ref = j == 0 ? 1 : 0;
      ck_assert_msg (fabs (mn[j].val - ref) <= mn[j].err, "coordinate %d: %.17g +- %g", j,
                     mn[j].val, mn[j].err);
    }
  ns_polytope_free (p);
  free (pts);
}
END_TEST

/* The cube with every vertex twice (the repeats merge), 0, the points
   e_j / 2, the centre of a facet and the midpoint of an edge: none of
   these is a vertex; with bounds 2^-40 on the interior points, still
   decided (a box around 0 lies inside); a boundary point with a bound
   may leave the cube: refused. */
START_TEST (test_cube_interior)
{
  int n = 9 + _i;
  size_t room = 2 * ((size_t) 1 << n) + n + 4;
  ns_result *pts = alloc_points (room, n);
  for (int pass = 0; pass < 3; pass++)
    {
      double ie = pass == 0 ? 0 : 0x1p-40;
      size_t c = put_cube (pts, 0, n, 0);
      c = put_cube (pts, c, n, 0);
      for (int j = 0; j < n; j++)
        pts[c * n + j] = (ns_result) { 0, ie };
      c++;
      for (int i = 0; i < n; i++, c++)
        for (int j = 0; j < n; j++)
          pts[c * n + j] = (ns_result) { i == j ? 0.5 : 0, ie };
      /* The centre of the facet x_1 = 1, exact even when the others have
         bounds (a bound would let it leave the cube). */
      for (int j = 0; j < n; j++)
        pts[c * n + j] = (ns_result) { j == 0 ? 1 : 0, pass == 2 ? ie : 0 };
      c++;
      /* The midpoint of an edge: (1, ..., 1, 0). */
      for (int j = 0; j < n; j++)
        pts[c * n + j] = (ns_result) { j == n - 1 ? 0 : 1, 0 };
      c++;
      ns_polytope *p = NULL;
      ns_status st = ns_polytope_hull (n, pts, c, &p);
      if (pass == 2)
        {
          ck_assert_int_eq (st, NS_EUNDECIDED);
          ck_assert_ptr_null (p);
          continue;
        }
      ck_assert_int_eq (st, NS_OK);
      ck_assert_int_eq (p->dim, n);
      check_cube_vertices (p, n);
      for (size_t k = 0; k < p->count * (size_t) n; k++)
        ck_assert (p->err[k] == 0);
      ns_polytope_free (p);
    }
  free (pts);
}
END_TEST

/* A polytope filled by hand with every vertex of the 9-cube twice (one
   copy with a bound 2^-30): ns_polytope_contains takes the vertices as
   given, so a repeat must not hide its twin (each lies in the hull of
   the other).  Inside iff max |g_j| <= 1, with the merged bound: a
   point 2^-20 inside a facet is inside, a vertex itself (exact copy
   first) is inside, a point beyond is outside. */
START_TEST (test_contains_repeats)
{
  int n = 9;
  size_t half = (size_t) 1 << n;
  ns_result *pts = alloc_points (2 * half, n);
  put_cube (pts, 0, n, 0);
  put_cube (pts, half, n, 0x1p-30);
  ns_polytope *p = ns_polytope_alloc (n, 2 * half, 0);
  ck_assert_ptr_nonnull (p);
  p->dim = n;
  for (size_t i = 0; i < 2 * half * (size_t) n; i++)
    {
      p->vertices[i] = pts[i].val;
      p->err[i] = pts[i].err;
    }
  double g[MAXN];
  for (int j = 0; j < n; j++)
    g[j] = j & 1 ? 0.5 : -0.75;
  ck_assert_int_eq (contains (p, g, NS_OK), 1);
  g[0] = 1 - 0x1p-20;
  ck_assert_int_eq (contains (p, g, NS_OK), 1);
  g[0] = 1 + 0x1p-20;
  ck_assert_int_eq (contains (p, g, NS_OK), 0);
  for (int j = 0; j < n; j++)
    g[j] = 1;
  ck_assert_int_eq (contains (p, g, NS_OK), 1);
  ns_polytope_free (p);
  free (pts);
}
END_TEST

/* Points of the unit sphere of R^10 with four entries +-1/2 (every
   eighth of them, 420), each extreme in any set of points of the ball,
   and 400 midpoints of pairs of them (norm^2 (2 + 2 p . q) / 4 < 1, in
   the hull and not extreme): exactly the sphere points are the vertices.
   Most are not settled by the centroid's functional, so the working-set
   LPs decide them. */
START_TEST (test_sphere_midpoints)
{
  enum { N = 10, NS = 420, NM = 400 };
  ns_result *pts = alloc_points (NS + NM, N);
  size_t c = 0, seen = 0;
  for (int a = 0; a < N && c < NS; a++)
    for (int b = a + 1; b < N && c < NS; b++)
      for (int e = b + 1; e < N && c < NS; e++)
        for (int f = e + 1; f < N && c < NS; f++)
          for (int sg = 0; sg < 16 && c < NS; sg++, seen++)
            {
              if (seen % 8 != 0)
                continue;
              int at[4] = { a, b, e, f };
              for (int t = 0; t < 4; t++)
                pts[c * N + at[t]].val = (sg >> t) & 1 ? -0.5 : 0.5;
              c++;
            }
  ck_assert_uint_eq (c, NS);
  for (size_t i = 0; i < NM; i++, c++)
    {
      size_t p0 = i % NS, p1 = (i * 7 + 1) % NS;
      if (p1 == p0)
        p1 = (p1 + 1) % NS;
      for (int j = 0; j < N; j++)
        pts[c * N + j].val = (pts[p0 * N + j].val + pts[p1 * N + j].val) / 2;
    }
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_polytope_hull (N, pts, c, &p), NS_OK);
  ck_assert_int_eq (p->dim, N);
  ck_assert_uint_eq (p->count, NS);
  for (size_t k = 0; k < p->count; k++)
    {
      double s2 = 0;
      for (int j = 0; j < N; j++)
        s2 += p->vertices[k * N + j] * p->vertices[k * N + j];
      ck_assert (s2 == 1);
    }
  /* A midpoint is inside, the scaled point 1.0625 p (norm > 1) outside. */
  double g[N];
  for (int j = 0; j < N; j++)
    g[j] = pts[NS * N + j].val;
  ck_assert_int_eq (contains (p, g, NS_OK), 1);
  for (int j = 0; j < N; j++)
    g[j] = 1.0625 * pts[j].val;
  ck_assert_int_eq (contains (p, g, NS_OK), 0);
  ns_polytope_free (p);
  free (pts);
}
END_TEST

/* The cross-polytope +-e_j: 2n vertices; inside iff sum |g_j| <= 1. */
START_TEST (test_cross)
{
  int n = 9 + _i;
  ns_result *pts = alloc_points (2 * (size_t) n + 1, n);
  size_t c = 0;
  for (int i = 0; i < n; i++)
    for (int s = -1; s <= 1; s += 2, c++)
      for (int j = 0; j < n; j++)
        pts[c * n + j] = (ns_result) { i == j ? s : 0, 0 };
  /* And 0, not a vertex. */
  c++;
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_polytope_hull (n, pts, c, &p), NS_OK);
  ck_assert_int_eq (p->dim, n);
  ck_assert_uint_eq (p->count, 2 * (size_t) n);
  ck_assert_int_eq (p->facets_omitted, 1);
  for (size_t k = 0; k < p->count; k++)
    {
      double l1 = 0;
      int nz = 0;
      for (int j = 0; j < n; j++)
        {
          l1 += fabs (p->vertices[k * n + j]);
          nz += p->vertices[k * n + j] != 0;
        }
      ck_assert (l1 == 1 && nz == 1);
    }
  double g[MAXN] = { 0 };
  for (int j = 0; j < 8; j++)
    g[j] = j & 1 ? -0.125 : 0.125;   /* sum |g_j| = 1: on a facet */
  ck_assert_int_eq (contains (p, g, NS_OK), 1);
  g[8] = 0.125;                      /* 1.125 */
  ck_assert_int_eq (contains (p, g, NS_OK), 0);
  memset (g, 0, sizeof g);
  g[n - 1] = -1;                     /* a vertex */
  ck_assert_int_eq (contains (p, g, NS_OK), 1);
  g[0] = 0x1p-52;
  ck_assert_int_eq (contains (p, g, NS_OK), 0);
  ns_result mn[MAXN];
  ck_assert_int_eq (ns_polytope_min_norm (p, mn, NULL), NS_OK);
  for (int j = 0; j < n; j++)
    ck_assert (mn[j].val == 0 && mn[j].err == 0);
  ns_polytope_free (p);
  free (pts);
}
END_TEST

/* Simplices have facets: 0, e_1, ..., e_9 in R^9 has the facets x_j >= 0
   (normal -e_j, offset 0) and sum x <= 1 (normal (1, ..., 1)/3, offset
   1/3); the standard simplex e_1, ..., e_10 in R^10 (dimension 9) the
   facets x_j >= 0 within the hyperplane sum x = 1, listed as the
   projected normals plus the two equalities. */
START_TEST (test_simplex)
{
  ns_result pts[11 * 10];
  size_t c = 0;
  int n = 9;
  for (int i = -1; i < n; i++, c++)
    for (int j = 0; j < n; j++)
      pts[c * n + j] = (ns_result) { i == j ? 1 : 0, 0 };
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_polytope_hull (n, pts, c, &p), NS_OK);
  ck_assert_int_eq (p->dim, 9);
  ck_assert_uint_eq (p->count, 10);
  ck_assert_int_eq (p->facets_omitted, 0);
  ck_assert_uint_eq (p->nfacets, 10);
  int nneg = 0, nsum = 0;
  for (size_t k = 0; k < p->nfacets; k++)
    {
      const double *a = &p->normals[k * n];
      int neg = -1, ones = 0;
      for (int j = 0; j < n; j++)
        {
          if (fabs (a[j] + 1) <= 4 * DBL_EPSILON)
            neg = j;
          ones += fabs (a[j] - 1.0 / 3) <= 4 * DBL_EPSILON;
        }
      if (ones == n)
        {
          nsum++;
          ck_assert (fabs (p->offsets[k] - 1.0 / 3) <= 32 * DBL_EPSILON);
        }
      else
        {
          ck_assert_int_ge (neg, 0);
          for (int j = 0; j < n; j++)
            if (j != neg)
              ck_assert (fabs (a[j]) <= 4 * DBL_EPSILON);
          nneg++;
          ck_assert (fabs (p->offsets[k]) <= 32 * DBL_EPSILON);
        }
      /* Each facet holds with equality on the 9 vertices but one. */
      int on = 0;
      for (size_t i = 0; i < p->count; i++)
        {
          double s = 0;
          for (int j = 0; j < n; j++)
            s += a[j] * p->vertices[i * n + j];
          ck_assert (s <= p->offsets[k]);
          on += fabs (s - p->offsets[k]) <= 32 * DBL_EPSILON;
        }
      ck_assert_int_eq (on, 9);
    }
  ck_assert_int_eq (nneg, 9);
  ck_assert_int_eq (nsum, 1);
  ns_polytope_free (p);

  /* The standard simplex of R^10. */
  n = 10;
  c = 0;
  for (int i = 0; i < n; i++, c++)
    for (int j = 0; j < n; j++)
      pts[c * n + j] = (ns_result) { i == j ? 1 : 0, 0 };
  ck_assert_int_eq (ns_polytope_hull (n, pts, c, &p), NS_OK);
  ck_assert_int_eq (p->dim, 9);
  ck_assert_uint_eq (p->count, 10);
  ck_assert_int_eq (p->facets_omitted, 0);
  ck_assert_uint_eq (p->nfacets, 10 + 2);
  for (size_t k = 0; k < p->nfacets; k++)
    {
      int on = 0;
      for (size_t i = 0; i < p->count; i++)
        {
          double s = 0;
          for (int j = 0; j < n; j++)
            s += p->normals[k * n + j] * p->vertices[i * n + j];
          ck_assert (s <= p->offsets[k]);
          on += fabs (s - p->offsets[k]) <= 64 * DBL_EPSILON;
        }
      /* A relative facet holds 9 vertices, an equality all 10. */
      ck_assert_int_eq (on, k < 10 ? 9 : 10);
    }
  /* Membership: g >= 0 and sum g = 1. */
  double g[10] = { 0.25, 0.25, 0.125, 0.125, 0.0625, 0.0625, 0.0625, 0.0625, 0, 0 };
  ck_assert_int_eq (contains (p, g, NS_OK), 1);
  g[9] = 0.125;   /* sum 1.125: off the hyperplane */
  ck_assert_int_eq (contains (p, g, NS_OK), 0);
  g[9] = -0.125;
  g[8] = 0.125;   /* sum 1, one coordinate negative */
  ck_assert_int_eq (contains (p, g, NS_OK), 0);
  /* The least-norm point is the centroid (1/10, ..., 1/10): on the
     hyperplane sum g = 1 the nearest point to 0 is (1/n) 1, and it lies
     in the simplex. */
  ns_result mn[10];
  ck_assert_int_eq (ns_polytope_min_norm (p, mn, NULL), NS_OK);
  for (int j = 0; j < n; j++)
    ck_assert_msg (fabs (mn[j].val - 0.1) <= mn[j].err + 0.1 * DBL_EPSILON,
                   "%d: %.17g +- %g", j, mn[j].val, mn[j].err);
  ns_polytope_free (p);
}
END_TEST

/* The subdifferentials of functions in R^9 and R^10, through
   ns_mfn_clarke_polytope and ns_mfn_stationary. */
static const char *
sum_abs (int n, char *buf, size_t size)
{
  size_t at = 0;
  for (int j = 1; j <= n; j++)
    at += (size_t) snprintf (buf + at, size - at, "%sabs(x%d)", j > 1 ? " + " : "", j);
  return buf;
}

START_TEST (test_clarke_norm1)
{
  int n = 9 + _i;
  char text[256];
  ns_mfn *f = NULL;
  ns_parse_error pe;
  ck_assert_int_eq (ns_mfn_parse (sum_abs (n, text, sizeof text), n, &f, &pe), NS_OK);
  double x[MAXN] = { 0 };
  ns_polytope *p = NULL;
  /* At 0: the cube [-1, 1]^n.  Clarke's f°(0; d) = ||d||_1 (the support
     function of the cube), against the largest g . d over the vertices
     and ns_mfn_clarke_dirderiv, for d = (1, -2, 3, ...) / 8. */
  ck_assert_int_eq (ns_mfn_clarke_polytope (f, x, &p), NS_OK);
  ck_assert_int_eq (p->dim, n);
  check_cube_vertices (p, n);
  double dir[MAXN], l1 = 0, best = -INFINITY;
  for (int j = 0; j < n; j++)
    {
      dir[j] = (j & 1 ? -(j + 1) : j + 1) / 8.0;
      l1 += fabs (dir[j]);
    }
  for (size_t k = 0; k < p->count; k++)
    {
      double s = 0;
      for (int j = 0; j < n; j++)
        s += p->vertices[k * n + j] * dir[j];
      best = fmax (best, s);
    }
  ck_assert (best == l1);   /* sums of multiples of 1/8: exact */
  ns_result fo;
  ck_assert_int_eq (ns_mfn_clarke_dirderiv (f, x, dir, &fo), NS_OK);
  ck_assert (fabs (fo.val - l1) <= fo.err);
  ns_polytope_free (p);
  /* The vertices alone, by ns_mfn_clarke: room for 2^n, and one short. */
  size_t nv = (size_t) 1 << n, got = 0;
  ns_result *v = alloc_points (nv, n);
  ck_assert_int_eq (ns_mfn_clarke (f, x, v, nv, &got), NS_OK);
  ck_assert_uint_eq (got, nv);
  for (size_t k = 0; k < nv * (size_t) n; k++)
    ck_assert (fabs (v[k].val) == 1);
  ck_assert_int_eq (ns_mfn_clarke (f, x, v, nv - 1, &got), NS_ELIMIT);
  free (v);
  ck_assert_int_eq (ns_mfn_convex_subdiff (f, x, &p), NS_OK);
  check_cube_vertices (p, n);
  ns_polytope_free (p);
  /* 0 is in the Clarke set: stationary, with 0 proven inside. */
  ns_stationarity s;
  ck_assert_int_eq (ns_mfn_stationary (f, x, &s), NS_OK);
  ck_assert_int_eq (s.stationary, 1);
  ck_assert (s.residual == 0);
  ns_stationarity_clear (&s);
  /* At e_1 (n = 10; for n = 9 the set has dimension 8, qhull's, which
     takes seconds): {1} x [-1, 1]^(n-1), dimension n - 1 with the
     equality g_1 = 1 as two opposite facets; least-norm element e_1, so
     not stationary, direction -e_1 with slope f°(e_1; -e_1) = -1. */
  if (n < 10)
    {
      ns_mfn_free (f);
      return;
    }
  x[0] = 1;
  ck_assert_int_eq (ns_mfn_clarke_polytope (f, x, &p), NS_OK);
  ck_assert_int_eq (p->dim, n - 1);
  ck_assert_uint_eq (p->count, (size_t) 1 << (n - 1));
  ck_assert_int_eq (p->facets_omitted, 1);
  ck_assert_uint_eq (p->nfacets, 2);
  for (size_t k = 0; k < p->count; k++)
    ck_assert (p->vertices[k * n] == 1);
  double g[MAXN] = { 1, 0.5, -1 };
  ck_assert_int_eq (contains (p, g, NS_OK), 1);
  g[0] = 0.5;
  ck_assert_int_eq (contains (p, g, NS_OK), 0);
  ns_polytope_free (p);
  ck_assert_int_eq (ns_mfn_stationary (f, x, &s), NS_OK);
  ck_assert_int_eq (s.stationary, 0);
  for (int j = 0; j < n; j++)
    ck_assert (fabs (s.min_norm[j].val - (j == 0)) <= s.min_norm[j].err);
  ck_assert (fabs (s.slope.val + 1) <= s.slope.err);
  ns_stationarity_clear (&s);
  ns_mfn_free (f);
}
END_TEST

/* max(x_1, ..., x_10) at 0: the standard simplex, least-norm element
   (1/10, ..., 1/10), so not stationary: f°(0; -g) = max_j (-1/10) =
   -1/10 = -|g|^2. */
START_TEST (test_clarke_max)
{
  const char *text = "max(x1, x2, x3, x4, x5, x6, x7, x8, x9, x10)";
  ns_mfn *f = NULL;
  ns_parse_error pe;
  ck_assert_int_eq (ns_mfn_parse (text, 10, &f, &pe), NS_OK);
  double x[10] = { 0 };
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_mfn_clarke_polytope (f, x, &p), NS_OK);
  ck_assert_int_eq (p->dim, 9);
  ck_assert_uint_eq (p->count, 10);
  ck_assert_int_eq (p->facets_omitted, 0);
  ck_assert_uint_eq (p->nfacets, 12);
  ns_polytope_free (p);
  ns_stationarity s;
  ck_assert_int_eq (ns_mfn_stationary (f, x, &s), NS_OK);
  ck_assert_int_eq (s.stationary, 0);
  for (int j = 0; j < 10; j++)
    ck_assert (fabs (s.min_norm[j].val - 0.1) <= s.min_norm[j].err + 0.1 * DBL_EPSILON);
  ck_assert (fabs (s.slope.val + 0.1) <= s.slope.err + 0.1 * DBL_EPSILON);
  ns_stationarity_clear (&s);
  ns_mfn_free (f);
}
END_TEST

/* The Fréchet set of a convex function past the bounds of the rays
   (||x||_1 at 0 is refused that way from R^8 on): the convex
   subdifferential, here the cube; -||x||_1, not certified convex, keeps
   the refusal (its Fréchet set is empty: g . d <= -||d||_1 for d and -d
   gives 0 <= -2 ||d||_1). */
START_TEST (test_frechet_convex)
{
  int n = 9 + _i;
  char text[256], neg[300];
  ns_mfn *f = NULL;
  ns_parse_error pe;
  ck_assert_int_eq (ns_mfn_parse (sum_abs (n, text, sizeof text), n, &f, &pe), NS_OK);
  double x[MAXN] = { 0 };
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_mfn_frechet (f, x, &p), NS_OK);
  ck_assert_int_eq (p->dim, n);
  check_cube_vertices (p, n);
  ns_polytope_free (p);
  ns_mfn_free (f);
  snprintf (neg, sizeof neg, "0 - (%s)", text);
  ck_assert_int_eq (ns_mfn_parse (neg, n, &f, &pe), NS_OK);
  p = (ns_polytope *) 1;
  ns_status st = ns_mfn_frechet (f, x, &p);
  ck_assert (st == NS_ELIMIT || st == NS_OK);
  if (st == NS_OK)
    ck_assert_uint_eq (p->count, 0);
  else
    ck_assert_ptr_null (p);
  ns_polytope_free (p);
  ns_mfn_free (f);
}
END_TEST

/* More distinct points than NS_POLYTOPE_MAX_LP_POINTS above qhull's
   dimension: NS_ELIMIT at once, before any LP. */
START_TEST (test_limit)
{
  int n = 9;
  size_t extra = NS_POLYTOPE_MAX_LP_POINTS - ((size_t) 1 << n);
  ns_result *pts = alloc_points (NS_POLYTOPE_MAX_LP_POINTS + 1, n);
  size_t c = put_cube (pts, 0, n, 0);
  /* Distinct interior points 2^-13 k e_1 (k = 1 ... extra + 1 < 2^13). */
  for (size_t k = 1; k <= extra + 1; k++, c++)
    pts[c * n] = (ns_result) { ldexp ((double) k, -13), 0 };
  ns_polytope *p = (ns_polytope *) 1;
  ck_assert_int_eq (ns_polytope_hull (n, pts, c, &p), NS_ELIMIT);
  ck_assert_ptr_null (p);
  free (pts);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("polytope_lp");
  TCase *core = tcase_create ("core");
  tcase_set_timeout (core, 120);
  tcase_add_loop_test (core, test_cube, 0, 2);
  tcase_add_loop_test (core, test_cube_interior, 0, 2);
  tcase_add_loop_test (core, test_cross, 0, 2);
  tcase_add_test (core, test_sphere_midpoints);
  tcase_add_test (core, test_contains_repeats);
  tcase_add_test (core, test_simplex);
  tcase_add_loop_test (core, test_clarke_norm1, 0, 2);
  tcase_add_test (core, test_clarke_max);
  tcase_add_loop_test (core, test_frechet_convex, 0, 2);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_limit);
  suite_add_tcase (s, limits);
  return s;
}

