/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_polytope_hull.c: convex hulls of points with rounding bounds,
   membership, and the Clarke polytope of a function.  Each hull is one whose vertices and facets are known
   by construction (the cube [-1, 1]^3, the standard simplex of R^5, a
   square and a tilted square in R^3, a segment, a point, points on a
   sphere); membership is checked against the closed forms max |g_i| <= 1
   and g >= 0, sum g <= 1 on dyadic points where those sums are exact. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

static ns_result pts[4096];

static void
set_point (size_t i, int n, const double *x, double err)
{
  for (int j = 0; j < n; j++)
    pts[i * n + j] = (ns_result) { x[j], err };
}

/* Index of the input point whose value equals vertex K of P, or -1. */
static int
find_vertex (const ns_polytope *p, size_t k, const double *x, size_t count)
{
  for (size_t i = 0; i < count; i++)
    {
      int same = 1;
      for (int j = 0; j < p->n; j++)
        same &= p->vertices[k * p->n + j] == x[i * p->n + j];
      if (same)
        return (int) i;
    }
  return -1;
}

/* Every input point satisfies every facet: the offsets are outward. */
static void
check_facets_hold (const ns_polytope *p, size_t count)
{
  int n = p->n;
  for (size_t k = 0; k < p->nfacets; k++)
    for (size_t i = 0; i < count; i++)
      {
        long double s = 0;
        for (int j = 0; j < n; j++)
          s += (long double) p->normals[k * n + j] * pts[i * n + j].val;
        ck_assert_msg (s <= p->offsets[k], "point %zu violates facet %zu", i, k);
      }
}

static const double cube[8][3] = {
  { -1, -1, -1 }, { 1, -1, -1 }, { -1, 1, -1 }, { 1, 1, -1 },
  { -1, -1, 1 }, { 1, -1, 1 }, { -1, 1, 1 }, { 1, 1, 1 }
};

/* The cube's 8 corners, then interior points, points on faces and edges,
   and repeated corners: the hull is the cube, 8 vertices, 6 facets
   x_j <= 1 and -x_j <= 1 (unit normals), dimension 3. */
static size_t
cube_points (double err)
{
  static const double extra[][3] = {
    { 0, 0, 0 }, { 0.5, -0.25, 0.125 }, { 1, 0, 0 }, { 1, 1, 0 }, { -1, 0.5, -1 },
    { 1, 1, 1 }, { -1, -1, -1 }, { 0.999, 0.999, 0.999 }
  };
  size_t c = 0;
  for (int i = 0; i < 8; i++)
    set_point (c++, 3, cube[i], err);
  for (size_t i = 0; i < sizeof extra / sizeof extra[0]; i++)
    set_point (c++, 3, extra[i], err);
  return c;
}

static void
check_cube (const ns_polytope *p, size_t count)
{
  ck_assert_int_eq (p->dim, 3);
  ck_assert_uint_eq (p->count, 8);
  double x[8 * 3];
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 3; j++)
      x[i * 3 + j] = cube[i][j];
  int seen[8] = { 0 };
  for (size_t k = 0; k < 8; k++)
    {
      int i = find_vertex (p, k, x, 8);
      ck_assert_int_ge (i, 0);
      ck_assert_int_eq (seen[i]++, 0);
    }
  ck_assert_uint_eq (p->nfacets, 6);
  for (size_t k = 0; k < 6; k++)
    {
      /* A unit normal along one axis; offset 1 up to the rounding bound
         and the vertices' bounds (within 1e-9 here). */
      int axis = -1;
      for (int j = 0; j < 3; j++)
        if (fabs (p->normals[k * 3 + j]) > 0.5)
          axis = j;
      ck_assert_int_ge (axis, 0);
      ck_assert (fabs (fabs (p->normals[k * 3 + axis]) - 1) < 1e-12);
      ck_assert (p->offsets[k] >= 1 && p->offsets[k] < 1 + 1e-9);
    }
  check_facets_hold (p, count);
}

START_TEST (test_cube)
{
  size_t c = cube_points (0);
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_polytope_hull (3, pts, c, &p), NS_OK);
  check_cube (p, c);
  /* Membership, exact: on a face, an edge, a corner; one ulp outside a
     face; the centre with a bound that stays inside. */
  static const struct { double g[3]; double e; int inside; } q[] = {
    { { 0, 0, 0 }, 0, 1 }, { { 1, 0.3, -0.7 }, 0, 1 }, { { 1, -1, 0.25 }, 0, 1 },
    { { 1, 1, 1 }, 0, 1 }, { { 1 + DBL_EPSILON, 0, 0 }, 0, 0 },
    { { 0.5, -1 - DBL_EPSILON, 0.5 }, 0, 0 }, { { 2, 2, 2 }, 0, 0 },
    { { 0, 0, 0 }, 0.5, 1 }, { { 3, 0, 0 }, 0.5, 0 }
  };
  for (size_t i = 0; i < sizeof q / sizeof q[0]; i++)
    {
      double ge[3] = { q[i].e, q[i].e, q[i].e };
      int in = -1;
      ck_assert_int_eq (ns_polytope_contains (p, q[i].g, ge, &in), NS_OK);
      ck_assert_msg (in == q[i].inside, "case %zu: %d", i, in);
    }
  /* On a face with a bound that straddles it: no answer. */
  double g[3] = { 1, 0, 0 }, ge[3] = { 1e-3, 0, 0 };
  int in = -1;
  ck_assert_int_eq (ns_polytope_contains (p, g, ge, &in), NS_EUNDECIDED);
  ns_polytope_free (p);

  /* The same points with bounds 1e-12 on every coordinate: a point on a
     face is not inside for every reading (x = 1 +- 1e-12 may
     pass the face while the corners stay, and then it is a vertex): the
     hull is refused. */
  c = cube_points (1e-12);
  ck_assert_int_eq (ns_polytope_hull (3, pts, c, &p), NS_EUNDECIDED);
  ck_assert_ptr_null (p);
  /* Only corners and interior points with bounds: decided. */
  c = 0;
  for (int i = 0; i < 8; i++)
    set_point (c++, 3, cube[i], 1e-12);
  double mid[3] = { 0.1, 0.2, -0.3 }, centre[3] = { 0, 0, 0 };
  set_point (c++, 3, mid, 1e-12);
  /* The centre, where every fan of simplices from the centroid or a
     corner meets: decided by the winding of the boundary around it. */
  set_point (c++, 3, centre, 1e-12);
  ck_assert_int_eq (ns_polytope_hull (3, pts, c, &p), NS_OK);
  check_cube (p, c);
  for (int j = 0; j < 3 * 8; j++)
    ck_assert (p->err[j] == 1e-12);
  ns_polytope_free (p);
}
END_TEST

/* The standard simplex of R^5, {g >= 0, sum g <= 1}: vertices 0 and the
   unit vectors, 6 facets; with interior points added. */
START_TEST (test_simplex5)
{
  size_t c = 0;
  double x[5] = { 0 };
  set_point (c++, 5, x, 0);
  for (int i = 0; i < 5; i++)
    {
      x[i] = 1;
      set_point (c++, 5, x, 0);
      x[i] = 0;
    }
  double in1[5] = { 0.1, 0.1, 0.1, 0.1, 0.1 }, in2[5] = { 0.5, 0.25, 0, 0, 0.125 };
  set_point (c++, 5, in1, 0);
  set_point (c++, 5, in2, 0);
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_polytope_hull (5, pts, c, &p), NS_OK);
  ck_assert_int_eq (p->dim, 5);
  ck_assert_uint_eq (p->count, 6);
  ck_assert_uint_eq (p->nfacets, 6);
  check_facets_hold (p, c);
  /* 0.2 as a double is 0.2 + 1.1e-17, five of them sum past 1: outside,
     exactly.  A quarter on four coordinates is on the facet: inside. */
  double g1[5] = { 0.2, 0.2, 0.2, 0.2, 0.2 }, g2[5] = { 0.25, 0.25, 0.25, 0.25, 0 };
  int in = -1;
  ck_assert_int_eq (ns_polytope_contains (p, g1, NULL, &in), NS_OK);
  ck_assert_int_eq (in, 0);
  ck_assert_int_eq (ns_polytope_contains (p, g2, NULL, &in), NS_OK);
  ck_assert_int_eq (in, 1);
  /* Random dyadic points k/16, k in -2 ... 17: sums are exact in doubles,
     so the closed form decides each. */
  uint64_t s = 0x2385u;
  for (int t = 0; t < ns_test_iterations (300); t++)
    {
      double g[5], sum = 0;
      int want = 1;
      for (int j = 0; j < 5; j++)
        {
          s = s * 6364136223846793005u + 1442695040888963407u;
          g[j] = (double) ((int) ((s >> 33) % 20) - 2) / 16;
          /* Push most coordinates to 0 so that the sum <= 1 case is common. */
          if ((s >> 20) % 3 != 0)
            g[j] = fmax (0, g[j] - 0.5);
          sum += g[j];
          if (g[j] < 0)
            want = 0;
        }
      if (sum > 1)
        want = 0;
      ck_assert_int_eq (ns_polytope_contains (p, g, NULL, &in), NS_OK);
      ck_assert_msg (in == want, "(%g %g %g %g %g): %d", g[0], g[1], g[2], g[3], g[4], in);
    }
  ns_polytope_free (p);
}
END_TEST

/* A square in the plane z = 1 of R^3 and a tilted one in z = x + y:
   dimension 2, four vertices counter-clockwise, four relative facets and
   the plane as two opposite facets. */
START_TEST (test_square3)
{
  static const double sq[5][3] = {
    { 0, 0, 1 }, { 1, 1, 1 }, { 1, 0, 1 }, { 0, 1, 1 }, { 0.5, 0.5, 1 }
  };
  for (int tilt = 0; tilt < 2; tilt++)
    {
      size_t c = 0;
      for (int i = 0; i < 5; i++)
        {
          double x[3] = { sq[i][0], sq[i][1], tilt ? sq[i][0] + sq[i][1] : 1 };
          set_point (c++, 3, x, 0);
        }
      ns_polytope *p = NULL;
      ck_assert_int_eq (ns_polytope_hull (3, pts, c, &p), NS_OK);
      ck_assert_int_eq (p->dim, 2);
      ck_assert_uint_eq (p->count, 4);
      ck_assert_uint_eq (p->nfacets, 6);
      check_facets_hold (p, c);
      /* Counter-clockwise in (x, y): the signed area is +1. */
      double area = 0;
      for (size_t k = 0; k < 4; k++)
        {
          const double *a = &p->vertices[k * 3], *b = &p->vertices[((k + 1) % 4) * 3];
          area += a[0] * b[1] - a[1] * b[0];
        }
      ck_assert (area / 2 == 1);
      double z = tilt ? 1 : 1;
      double in1[3] = { 0.5, 0.5, z }, out1[3] = { 0.5, 0.5, z + DBL_EPSILON };
      double out2[3] = { 1.5, 0.5, tilt ? 2 : 1 }, edge[3] = { 1, 0.25, tilt ? 1.25 : 1 };
      int in = -1;
      ck_assert_int_eq (ns_polytope_contains (p, in1, NULL, &in), NS_OK);
      ck_assert_int_eq (in, 1);
      ck_assert_int_eq (ns_polytope_contains (p, out1, NULL, &in), NS_OK);
      ck_assert_int_eq (in, 0);
      ck_assert_int_eq (ns_polytope_contains (p, out2, NULL, &in), NS_OK);
      ck_assert_int_eq (in, 0);
      ck_assert_int_eq (ns_polytope_contains (p, edge, NULL, &in), NS_OK);
      ck_assert_int_eq (in, 1);
      /* A bound across the plane: no answer. */
      double ge[3] = { 0, 0, 1e-9 };
      ck_assert_int_eq (ns_polytope_contains (p, in1, ge, &in), NS_EUNDECIDED);
      ns_polytope_free (p);
    }
  /* Bounds on z with five points could tilt the plane: refused.  With the
     three corners of a triangle only, the dimension is 2 for every reading. */
  size_t c = 0;
  for (int i = 0; i < 5; i++)
    set_point (c++, 3, sq[i], 1e-9);
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_polytope_hull (3, pts, c, &p), NS_EUNDECIDED);
  ck_assert_ptr_null (p);
  ck_assert_int_eq (ns_polytope_hull (3, pts, 3, &p), NS_OK);
  ck_assert_int_eq (p->dim, 2);
  ck_assert_uint_eq (p->count, 3);
  ns_polytope_free (p);
  /* Bounds only along the plane (x and y) keep the square decided, with
     its centre (where every triangulation's simplices meet: decided by
     the winding of the boundary) or an interior point off the diagonals. */
  for (size_t i = 0; i < c; i++)
    pts[i * 3 + 2].err = 0;
  ck_assert_int_eq (ns_polytope_hull (3, pts, c, &p), NS_OK);
  ck_assert_uint_eq (p->count, 4);
  ns_polytope_free (p);
  pts[4 * 3].val = 0.3;
  pts[4 * 3 + 1].val = 0.6;
  ck_assert_int_eq (ns_polytope_hull (3, pts, c, &p), NS_OK);
  ck_assert_int_eq (p->dim, 2);
  ck_assert_uint_eq (p->count, 4);
  for (size_t k = 0; k < 4; k++)
    ck_assert (p->err[k * 3] == 1e-9 && p->err[k * 3 + 2] == 0);
  ns_polytope_free (p);
}
END_TEST

/* A segment in R^3 from (0, 0, 0) to (1, 2, 3) with points between and
   repeated; one point repeated. */
START_TEST (test_segment_point)
{
  static const double seg[5][3] = {
    { 0.5, 1, 1.5 }, { 1, 2, 3 }, { 0, 0, 0 }, { 0.25, 0.5, 0.75 }, { 1, 2, 3 }
  };
  size_t c = 0;
  for (int i = 0; i < 5; i++)
    set_point (c++, 3, seg[i], 0);
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_polytope_hull (3, pts, c, &p), NS_OK);
  ck_assert_int_eq (p->dim, 1);
  ck_assert_uint_eq (p->count, 2);
  ck_assert (p->vertices[0] == 0 && p->vertices[1] == 0 && p->vertices[2] == 0);
  ck_assert (p->vertices[3] == 1 && p->vertices[4] == 2 && p->vertices[5] == 3);
  ck_assert_uint_eq (p->nfacets, 2 + 2 * 2);
  check_facets_hold (p, c);
  double mid[3] = { 0.75, 1.5, 2.25 }, off[3] = { 0.75, 1.5, 2.25 + 2 * DBL_EPSILON };
  double past[3] = { 2, 4, 6 };
  int in = -1;
  ck_assert_int_eq (ns_polytope_contains (p, mid, NULL, &in), NS_OK);
  ck_assert_int_eq (in, 1);
  ck_assert_int_eq (ns_polytope_contains (p, off, NULL, &in), NS_OK);
  ck_assert_int_eq (in, 0);
  ck_assert_int_eq (ns_polytope_contains (p, past, NULL, &in), NS_OK);
  ck_assert_int_eq (in, 0);
  ns_polytope_free (p);

  double one[2] = { 0.1, -3 };
  set_point (0, 2, one, 0);
  set_point (1, 2, one, 0);
  ck_assert_int_eq (ns_polytope_hull (2, pts, 2, &p), NS_OK);
  ck_assert_int_eq (p->dim, 0);
  ck_assert_uint_eq (p->count, 1);
  ck_assert (p->vertices[0] == 0.1 && p->vertices[1] == -3);
  ck_assert_uint_eq (p->nfacets, 4);
  ck_assert_int_eq (ns_polytope_contains (p, one, NULL, &in), NS_OK);
  ck_assert_int_eq (in, 1);
  double other[2] = { 0.1, -3 + 4 * DBL_EPSILON };
  ck_assert_int_eq (ns_polytope_contains (p, other, NULL, &in), NS_OK);
  ck_assert_int_eq (in, 0);
  ns_polytope_free (p);

  /* Exact ends of an exact segment and exact vertices of an exact square
     are in the set (AD's gradients land there); one ulp past is not. */
  double sq[4][2] = { { 0, 0 }, { 1, 1 }, { -1, 1 }, { 1, -1 } };
  set_point (0, 2, sq[0], 0);
  set_point (1, 2, sq[1], 0);
  ck_assert_int_eq (ns_polytope_hull (2, pts, 2, &p), NS_OK);
  for (int i = 0; i < 2; i++)
    {
      ck_assert_int_eq (ns_polytope_contains (p, sq[i], NULL, &in), NS_OK);
      ck_assert_int_eq (in, 1);
    }
  double beyond[2] = { 1, nextafter (1, 2) };
  ck_assert_int_eq (ns_polytope_contains (p, beyond, NULL, &in), NS_OK);
  ck_assert_int_eq (in, 0);
  ns_polytope_free (p);
  double corners[4][2] = { { -1, -1 }, { 1, -1 }, { 1, 1 }, { -1, 1 } };
  for (int i = 0; i < 4; i++)
    set_point ((size_t) i, 2, corners[i], 0);
  ck_assert_int_eq (ns_polytope_hull (2, pts, 4, &p), NS_OK);
  for (int i = 0; i < 4; i++)
    {
      ck_assert_int_eq (ns_polytope_contains (p, corners[i], NULL, &in), NS_OK);
      ck_assert_int_eq (in, 1);
    }
  double edge[2] = { 1, 0.25 }, out[2] = { nextafter (1, 2), 1 };
  ck_assert_int_eq (ns_polytope_contains (p, edge, NULL, &in), NS_OK);
  ck_assert_int_eq (in, 1);
  ck_assert_int_eq (ns_polytope_contains (p, out, NULL, &in), NS_OK);
  ck_assert_int_eq (in, 0);
  ns_polytope_free (p);

  /* One variable: [-1, 2] from three values. */
  ns_result r[3] = { { 2, 0 }, { -1, 0 }, { 0.5, 0 } };
  ck_assert_int_eq (ns_polytope_hull (1, r, 3, &p), NS_OK);
  ck_assert_int_eq (p->dim, 1);
  ck_assert_uint_eq (p->count, 2);
  ck_assert (p->vertices[0] == -1 && p->vertices[1] == 2);
  ns_polytope_free (p);
}
END_TEST

/* Points on the unit sphere of R^3 and R^4 (normalised, so within a few
   ulps of it): all in strictly convex position, all vertices. */
START_TEST (test_sphere)
{
  uint64_t s = 12345;
  for (int n = 3; n <= 4; n++)
    {
      size_t c = (size_t) (n == 3 ? 60 : 40);
      for (size_t i = 0; i < c; i++)
        {
          double x[4], norm = 0;
          for (int j = 0; j < n; j++)
            {
              s = s * 6364136223846793005u + 1442695040888963407u;
              x[j] = (double) (s >> 11) / 9007199254740992.0 - 0.5;
              norm += x[j] * x[j];
            }
          for (int j = 0; j < n; j++)
            x[j] /= sqrt (norm);
          set_point (i, n, x, 0);
        }
      ns_polytope *p = NULL;
      ck_assert_int_eq (ns_polytope_hull (n, pts, c, &p), NS_OK);
      ck_assert_int_eq (p->dim, n);
      ck_assert_uint_eq (p->count, c);
      check_facets_hold (p, c);
      double zero[4] = { 0 };
      int in = -1;
      ck_assert_int_eq (ns_polytope_contains (p, zero, NULL, &in), NS_OK);
      ck_assert_int_eq (in, 1);
      double far[4] = { 1.01, 0, 0, 0 };
      ck_assert_int_eq (ns_polytope_contains (p, far, NULL, &in), NS_OK);
      ck_assert_int_eq (in, 0);
      ns_polytope_free (p);
    }
}
END_TEST

/* Near a face: a point one ulp outside the face x = 1 of the cube is a
   ninth vertex (or refused); a point on the face with a bound of 1e-17
   across it may or may not be extreme: refused. */
START_TEST (test_near_face)
{
  size_t c = 0;
  for (int i = 0; i < 8; i++)
    set_point (c++, 3, cube[i], 0);
  double out[3] = { 1 + DBL_EPSILON, 0.25, 0.5 };
  set_point (c++, 3, out, 0);
  ns_polytope *p = NULL;
  ns_status st = ns_polytope_hull (3, pts, c, &p);
  ck_assert (st == NS_OK || st == NS_EUNDECIDED);
  if (st == NS_OK)
    {
      ck_assert_uint_eq (p->count, 9);
      double x[3] = { out[0], out[1], out[2] };
      int found = 0;
      for (size_t k = 0; k < 9; k++)
        found |= find_vertex (p, k, x, 1) == 0;
      ck_assert (found);
    }
  ns_polytope_free (p);
  /* Just inside: 8 vertices (or refused). */
  out[0] = 1 - DBL_EPSILON / 2;
  set_point (8, 3, out, 0);
  st = ns_polytope_hull (3, pts, c, &p);
  ck_assert (st == NS_OK || st == NS_EUNDECIDED);
  if (st == NS_OK)
    ck_assert_uint_eq (p->count, 8);
  ns_polytope_free (p);
  /* On the face with a bound across it. */
  out[0] = 1;
  set_point (8, 3, out, 0);
  pts[8 * 3].err = 1e-17;
  ck_assert_int_eq (ns_polytope_hull (3, pts, c, &p), NS_EUNDECIDED);
  ck_assert_ptr_null (p);
}
END_TEST

/* Random points in the cube [-1, 1]^3, some on its faces, against the
   closed form max |g_i| <= 1. */
START_TEST (test_cube_random)
{
  size_t c = cube_points (0);
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_polytope_hull (3, pts, c, &p), NS_OK);
  uint64_t s = 777;
  for (int t = 0; t < ns_test_iterations (300); t++)
    {
      double g[3];
      int want = 1;
      for (int j = 0; j < 3; j++)
        {
          s = s * 6364136223846793005u + 1442695040888963407u;
          int pick = (int) ((s >> 40) % 6);
          double u = (double) (s >> 11) / 9007199254740992.0;
          g[j] = pick == 0 ? 1 : pick == 1 ? -1 : pick == 2 ? nextafter (1, 2)
                 : 2.4 * u - 1.2;
          if (fabs (g[j]) > 1)
            want = 0;
        }
      int in = -1;
      ck_assert_int_eq (ns_polytope_contains (p, g, NULL, &in), NS_OK);
      ck_assert_msg (in == want, "(%.17g %.17g %.17g): %d", g[0], g[1], g[2], in);
    }
  ns_polytope_free (p);
}
END_TEST

/* The cube with corners known to 1e-12, random points with bounds 1e-13:
   decided (and right) away from the faces, right or refused near them. */
START_TEST (test_cube_random_bounds)
{
  size_t c = 0;
  for (int i = 0; i < 8; i++)
    set_point (c++, 3, cube[i], 1e-12);
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_polytope_hull (3, pts, c, &p), NS_OK);
  uint64_t s = 4242;
  for (int t = 0; t < ns_test_iterations (300); t++)
    {
      double g[3], ge[3] = { 1e-13, 1e-13, 1e-13 }, m = 0;
      for (int j = 0; j < 3; j++)
        {
          s = s * 6364136223846793005u + 1442695040888963407u;
          double u = (double) (s >> 11) / 9007199254740992.0;
          g[j] = (s >> 40) % 4 == 0 ? ((s >> 50) & 1 ? 1 : -1) * (1 + (u - 0.5) * 1e-11)
                                    : 2.4 * u - 1.2;
          m = fmax (m, fabs (g[j]));
        }
      int in = -1;
      ns_status st = ns_polytope_contains (p, g, ge, &in);
      if (m < 1 - 1e-9 || m > 1 + 1e-9)
        ck_assert_msg (st == NS_OK, "(%.17g %.17g %.17g) refused", g[0], g[1], g[2]);
      ck_assert (st == NS_OK || st == NS_EUNDECIDED);
      if (st == NS_OK)
        ck_assert_msg (in == (m <= 1), "(%.17g %.17g %.17g): %d", g[0], g[1], g[2], in);
    }
  ns_polytope_free (p);
}
END_TEST

START_TEST (test_bad_input)
{
  /* The simplex of R^9, 0 and the unit vectors: past the dimension qhull
     is given, its vertices by linear programs and its 10 facets from
     the simplex (tests/test_polytope_lp.c checks them).  Inside an
     8-dimensional subspace of R^9 (last coordinate 0), the hull of R^8's
     simplex by qhull. */
  for (int lift = 0; lift < 2; lift++)
    {
      size_t c = 0;
      double x9[9] = { 0 };
      set_point (c++, 9, x9, 0);
      for (int i = 0; i < 9 - lift; i++)
        {
          x9[i] = 1;
          set_point (c++, 9, x9, 0);
          x9[i] = 0;
        }
      ns_polytope *q = NULL;
      ck_assert_int_eq (ns_polytope_hull (9, pts, c, &q), NS_OK);
      ck_assert_int_eq (q->dim, 9 - lift);
      ck_assert_uint_eq (q->count, 10 - lift);
      ck_assert_uint_eq (q->nfacets, lift ? 9 + 2 : 10);
      ck_assert_int_eq (q->facets_omitted, 0);
      ns_polytope_free (q);
    }
  ns_polytope *p = (ns_polytope *) 1;
  ns_result r[2] = { { 1, 0 }, { NAN, 0 } };
  ck_assert_int_eq (ns_polytope_hull (0, r, 1, &p), NS_EINVAL);
  ck_assert_ptr_null (p);
  ck_assert_int_eq (ns_polytope_hull (NS_MULTI_MAX_VARS + 1, r, 1, &p), NS_EINVAL);
  ck_assert_int_eq (ns_polytope_hull (1, r, 1, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_polytope_hull (1, NULL, 1, &p), NS_EINVAL);
  ck_assert_int_eq (ns_polytope_hull (1, r, 2, &p), NS_EINVAL);
  r[1] = (ns_result) { 1, -1 };
  ck_assert_int_eq (ns_polytope_hull (1, r, 2, &p), NS_EINVAL);
  r[1] = (ns_result) { 1, INFINITY };
  ck_assert_int_eq (ns_polytope_hull (1, r, 2, &p), NS_EINVAL);
  ck_assert_int_eq (ns_polytope_hull (2, NULL, 0, &p), NS_OK);
  ck_assert_int_eq (p->dim, -1);
  ck_assert_uint_eq (p->count, 0);
  int in = -1;
  double g[2] = { 0, 0 }, bad[2] = { 0, NAN };
  ck_assert_int_eq (ns_polytope_contains (p, g, NULL, &in), NS_OK);
  ck_assert_int_eq (in, 0);
  ck_assert_int_eq (ns_polytope_contains (p, bad, NULL, &in), NS_EINVAL);
  ck_assert_int_eq (ns_polytope_contains (NULL, g, NULL, &in), NS_EINVAL);
  ck_assert_int_eq (ns_polytope_contains (p, g, NULL, NULL), NS_EINVAL);
  double nege[2] = { -1, 0 };
  ck_assert_int_eq (ns_polytope_contains (p, g, nege, &in), NS_EINVAL);
  ns_polytope_free (p);
}
END_TEST

/* ---- the Clarke polytope of a function: the hull of its limiting
   gradients (the same hand derivations as tests/test_multi.c's
   poly_cases, here as vertices, dimension and membership). */

typedef struct clarke_case {
  const char *text;
  int n;
  double x[2];
  int dim;
  int nv;
  double v[4][2];         /* the vertices, derived by hand */
  double in[2];           /* a point of the set (interior when dim = n) */
  double out[2];          /* a point outside it */
} clarke_case;

static const clarke_case clarke_cases[] = {
  /* |x| + |y| at 0: the square [-1, 1]^2. */
  { "abs(x) + abs(y)", 2, { 0, 0 }, 2, 4, { { 1, 1 }, { -1, 1 }, { -1, -1 }, { 1, -1 } },
    { 0.5, -0.5 }, { 1, 1.5 } },
  /* max(x + y, x - y, -x) at 0: the triangle of the three gradients. */
  { "max(max(x + y, x - y), -x)", 2, { 0, 0 }, 2, 3, { { 1, 1 }, { 1, -1 }, { -1, 0 } },
    { 0, 0 }, { -1, 0.5 } },
  /* max(|x|, |y|) at 0: the diamond |g1| + |g2| <= 1. */
  { "max(abs(x), abs(y))", 2, { 0, 0 }, 2, 4, { { 1, 0 }, { 0, 1 }, { -1, 0 }, { 0, -1 } },
    { 0.25, 0.5 }, { 0.5, 0.75 } },
  /* min(x, y) at 0: the segment from (1, 0) to (0, 1). */
  { "min(x, y)", 2, { 0, 0 }, 1, 2, { { 1, 0 }, { 0, 1 } }, { 0.5, 0.5 }, { 0.5, 0.25 } },
  /* |x| + |y| at (0, 1): the segment from (-1, 1) to (1, 1). */
  { "abs(x) + abs(y)", 2, { 0, 1 }, 1, 2, { { -1, 1 }, { 1, 1 } }, { 0, 1 }, { 0, 0 } },
  /* relu(x + y - 1) on its kink line: the segment from 0 to (1, 1). */
  { "relu(x + y - 1)", 2, { 0.5, 0.5 }, 1, 2, { { 0, 0 }, { 1, 1 } }, { 0.25, 0.25 },
    { 0.25, 0.5 } },
  /* relu(x) - relu(-x) + relu(y) - relu(-y) = x + y: the point (1, 1). */
  { "relu(x) - relu(-x) + relu(y) - relu(-y)", 2, { 0, 0 }, 0, 1, { { 1, 1 } }, { 1, 1 },
    { 0, 0 } },
  /* max(min(x, y), 0) at 0: the triangle 0, (1, 0), (0, 1). */
  { "max(min(x, y), 0)", 2, { 0, 0 }, 2, 3, { { 0, 0 }, { 1, 0 }, { 0, 1 } }, { 0.25, 0.25 },
    { 0.5, 0.75 } },
  /* relu in one variable at 0: [0, 1]. */
  { "relu(x)", 1, { 0 }, 1, 2, { { 0 }, { 1 } }, { 0.5 }, { -0.25 } },
};

START_TEST (test_clarke_polytope)
{
  const clarke_case *c = &clarke_cases[_i];
  ns_mfn *f = NULL;
  ns_parse_error pe;
  ck_assert_int_eq (ns_mfn_parse (c->text, c->n, &f, &pe), NS_OK);
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_mfn_clarke_polytope (f, c->x, &p), NS_OK);
  ck_assert_int_eq (p->dim, c->dim);
  ck_assert_uint_eq (p->count, (size_t) c->nv);
  double x[4 * 2];
  for (int i = 0; i < c->nv; i++)
    for (int j = 0; j < c->n; j++)
      x[i * c->n + j] = c->v[i][j];
  for (size_t k = 0; k < p->count; k++)
    ck_assert_msg (find_vertex (p, k, x, (size_t) c->nv) >= 0, "%s: vertex %zu", c->text, k);
  /* The limiting gradients carry bounds (a subnormal, from outward
     rounding), so a set of lower dimension may tilt within them: a point
     on it is inside or refused, never outside.  A point off it, or inside
     a full-dimensional set, is decided. */
  int in = -1;
  ns_status st = ns_polytope_contains (p, c->in, NULL, &in);
  if (c->dim == c->n)
    ck_assert_int_eq (st, NS_OK);
  ck_assert (st == NS_OK || st == NS_EUNDECIDED);
  if (st == NS_OK)
    ck_assert_int_eq (in, 1);
  ck_assert_int_eq (ns_polytope_contains (p, c->out, NULL, &in), NS_OK);
  ck_assert_int_eq (in, 0);
  /* Clarke's f°(x; d) two ways: the largest g . d over the vertices, and
     ns_mfn_clarke_dirderiv. */
  double d[2] = { 1, -2 };
  double best = -INFINITY;
  for (size_t k = 0; k < p->count; k++)
    {
      double s = 0;
      for (int j = 0; j < c->n; j++)
        s += p->vertices[k * c->n + j] * d[j];
      best = fmax (best, s);
    }
  ns_result fo;
  ck_assert_int_eq (ns_mfn_clarke_dirderiv (f, c->x, d, &fo), NS_OK);
  ck_assert_msg (fabs (fo.val - best) <= fo.err + 4 * DBL_EPSILON, "%s: %g vs %g", c->text,
                 fo.val, best);
  ns_polytope_free (p);
  ns_mfn_free (f);
}
END_TEST

START_TEST (test_clarke_refusals)
{
  ns_mfn *f = NULL;
  ns_parse_error pe;
  ns_polytope *p = (ns_polytope *) 1;
  double zero[3] = { 0, 0, 0 };
  /* The norm at 0: limiting gradients fill the unit circle. */
  ck_assert_int_eq (ns_mfn_parse ("sqrt(x^2 + y^2)", 2, &f, &pe), NS_OK);
  ns_status st = ns_mfn_clarke_polytope (f, zero, &p);
  ck_assert (st == NS_ENOTLIPSCHITZ || st == NS_EUNDECIDED);
  ck_assert_ptr_null (p);
  ns_mfn_free (f);
  /* A step through the point. */
  ck_assert_int_eq (ns_mfn_parse ("heaviside(x - y)", 2, &f, &pe), NS_OK);
  ck_assert_int_eq (ns_mfn_clarke_polytope (f, zero, &p), NS_ENOTLIPSCHITZ);
  ck_assert_int_eq (ns_mfn_clarke_polytope (NULL, zero, &p), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_clarke_polytope (f, NULL, &p), NS_EINVAL);
  ck_assert_int_eq (ns_mfn_clarke_polytope (f, zero, NULL), NS_EINVAL);
  ns_mfn_free (f);
  /* Three variables: whatever the limiting gradients give (NS_ELIMIT
     until they handle n > 2), else the cube of |x| + |y| + |z|. */
  ck_assert_int_eq (ns_mfn_parse ("abs(x) + abs(y) + abs(z)", 3, &f, &pe), NS_OK);
  st = ns_mfn_clarke_polytope (f, zero, &p);
  ck_assert (st == NS_ELIMIT || st == NS_OK);
  if (st == NS_OK)
    {
      ck_assert_int_eq (p->dim, 3);
      ck_assert_uint_eq (p->count, 8);
      ns_polytope_free (p);
    }
  ns_mfn_free (f);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("polytope_hull");
  TCase *core = tcase_create ("core");
  tcase_set_timeout (core, 60);
  tcase_add_test (core, test_cube);
  tcase_add_test (core, test_simplex5);
  tcase_add_test (core, test_square3);
  tcase_add_test (core, test_segment_point);
  tcase_add_test (core, test_sphere);
  tcase_add_test (core, test_near_face);
  tcase_add_loop_test (core, test_clarke_polytope, 0,
                       sizeof clarke_cases / sizeof clarke_cases[0]);
  suite_add_tcase (s, core);
  TCase *random = tcase_create ("random");
  tcase_set_timeout (random, 60);
  tcase_add_test (random, test_cube_random);
  tcase_add_test (random, test_cube_random_bounds);
  suite_add_tcase (s, random);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad_input);
  tcase_add_test (limits, test_clarke_refusals);
  suite_add_tcase (s, limits);
  return s;
}
