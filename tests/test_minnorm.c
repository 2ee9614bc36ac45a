/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_minnorm.c: the least-norm element of a polytope,
   ns_polytope_min_norm.  Hand-derived least-norm points (the derivation
   beside each case), exact zeros where 0 is in the polytope, bounds that
   contain the least-norm point of perturbed readings, and a brute-force
   minimum over a grid of convex weights as a second route. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

/* A reference written as a double (4.0/5) is itself off by up to half an
   ulp: the one named slack of this file. */
#define REF_SLACK(r) (DBL_EPSILON * fabs (r))

/* The bound of a least-norm point from exact vertices comes from the
   weights Wolfe's algorithm finds in doubles: its error is a few ulps of
   the data.  1e-12 says "tight" (the weak-duality bound would be about
   1e-8 if the weights were only accurate to rounding in the gap). */
#define TIGHT 1e-12

#define MAXV 16

typedef struct mn_case {
  const char *name;
  int n;
  size_t count;
  double v[MAXV * 4];
  double ref[4];
  int exact_zero;      /* 1: G must be exactly 0 with err 0 */
  double wref[MAXV];   /* the unique weights, or all 0 when not unique */
} mn_case;

static const mn_case mn_cases[] = {
  /* Segment (2,0)-(0,2): by symmetry the foot of 0 on x + y = 2 is (1,1),
     halfway. */
  { "segment-mid", 2, 2, { 2, 0, 0, 2 }, { 1, 1 }, 0, { 0.5, 0.5 } },
  /* Segment (1,0)-(0,2): d = (-1,2), t* = -a.d/|d|^2 = 1/5, point
     (1 - t*, 2 t*) = (4/5, 2/5), weights (4/5, 1/5). */
  { "segment-fifth", 2, 2, { 1, 0, 0, 2 }, { 0.8, 0.4 }, 0, { 0.8, 0.2 } },
  /* Segment (1,1)-(3,-1): d = (2,-2), a.d = 0: t* = 0, the end (1,1). */
  { "segment-end", 2, 2, { 1, 1, 3, -1 }, { 1, 1 }, 0, { 1, 0 } },
  /* One variable: [3, 5] -> 3; [-2, 5] contains 0. */
  { "interval", 1, 2, { 5, 3 }, { 3 }, 0, { 0, 1 } },
  { "interval-zero", 1, 2, { -2, 5 }, { 0 }, 1, { 5.0 / 7, 2.0 / 7 } },
  /* Triangle (1,1), (1,-1), (-1,0): mu1 = mu2 from y, mu1 + mu2 = mu3
     from x, so 0 = (1/4, 1/4, 1/2). */
  { "triangle-zero", 2, 3, { 1, 1, 1, -1, -1, 0 }, { 0, 0 }, 1, { 0.25, 0.25, 0.5 } },
  /* The cube [-1,1]^3 (the Clarke set of |x|_1 at 0) contains 0; the
     weights are not unique. */
  { "cube", 3, 8,
    { -1, -1, -1, 1, -1, -1, -1, 1, -1, 1, 1, -1,
      -1, -1, 1, 1, -1, 1, -1, 1, 1, 1, 1, 1 }, { 0, 0, 0 }, 1, { 0 } },
  /* Square {-1,1}^2 x {2} in R^3: the foot (0,0,2) is its centre. */
  { "square-centre", 3, 4, { -1, -1, 2, 1, -1, 2, 1, 1, 2, -1, 1, 2 }, { 0, 0, 2 }, 0,
    { 0 } },
  /* Square {-1,1} x {1,3} x {2}: min of x^2 + y^2 over it is at (0, 1),
     the middle of the edge y = 1. */
  { "square-edge", 3, 4, { -1, 1, 2, 1, 1, 2, 1, 3, 2, -1, 3, 2 }, { 0, 1, 2 }, 0,
    { 0.5, 0.5, 0, 0 } },
  /* Tilted square (1,1,1) +- (1,-1,0) +- (1,1,-2) in the plane
     x + y + z = 3, whose foot (1,1,1) is the centre. */
  { "square-tilted", 3, 4, { 3, 1, -1, 1, 3, -1, -1, 1, 3, 1, -1, 3 }, { 1, 1, 1 }, 0,
    { 0 } },
  /* Repeated points: the hull is the triangle (2,0), (0,2), (2,2), whose
     least-norm point is (1,1) on the first edge. */
  { "duplicates", 2, 6, { 2, 0, 0, 2, 2, 0, 0, 2, 2, 2, 2, 0 }, { 1, 1 }, 0, { 0 } },
  /* One point, repeated. */
  { "one-point", 2, 3, { -3, 4, -3, 4, -3, 4 }, { -3, 4 }, 0, { 0 } },
  /* The origin itself as a vertex. */
  { "vertex-zero", 2, 3, { 0, 0, 1, 2, 2, -1 }, { 0, 0 }, 1, { 1, 0, 0 } },
  /* 0 on an edge: (-1,-1)-(1,1) with (1,-3). */
  { "edge-zero", 2, 3, { -1, -1, 1, 1, 1, -3 }, { 0, 0 }, 1, { 0.5, 0.5, 0 } },
  /* Triangle (1,0,0), (0,1,0), (0,0,1): (1/3, 1/3, 1/3). */
  { "simplex3", 3, 3, { 1, 0, 0, 0, 1, 0, 0, 0, 1 }, { 1.0 / 3, 1.0 / 3, 1.0 / 3 }, 0,
    { 1.0 / 3, 1.0 / 3, 1.0 / 3 } },
};

static ns_polytope *
make_poly (int n, size_t count, const double *v, double err)
{
  ns_polytope *p = ns_polytope_alloc (n, count, 0);
  ck_assert_ptr_nonnull (p);
  for (size_t i = 0; i < count * (size_t) n; i++)
    {
      p->vertices[i] = v[i];
      p->err[i] = err;
    }
  return p;
}

/* The weights are convex and give G within its bounds (a second route to
   the point: the weighted sum of the vertices). */
static void
check_weights (const ns_polytope *p, const ns_result *g, const double *w, const char *name)
{
  int n = p->n;
  double sum = 0;
  for (size_t i = 0; i < p->count; i++)
    {
      ck_assert_msg (w[i] >= 0, "%s: weight %zu = %g", name, i, w[i]);
      sum += w[i];
    }
  ck_assert_msg (fabs (sum - 1) <= 4 * p->count * DBL_EPSILON, "%s: sum %.17g", name, sum);
  for (int j = 0; j < n; j++)
    {
      double s = 0, scale = 0;
      for (size_t i = 0; i < p->count; i++)
        {
          s += w[i] * p->vertices[i * (size_t) n + j];
          scale += fabs (w[i] * p->vertices[i * (size_t) n + j]);
        }
      ck_assert_msg (fabs (s - g[j].val) <= g[j].err + 4 * (p->count + 1) * DBL_EPSILON * scale,
                     "%s: sum w v [%d] = %.17g, g = %.17g", name, j, s, g[j].val);
    }
}

START_TEST (test_cases)
{
  const mn_case *c = &mn_cases[_i];
  ns_polytope *p = make_poly (c->n, c->count, c->v, 0);
  ns_result g[4];
  double w[MAXV];
  ck_assert_int_eq (ns_polytope_min_norm (p, g, w), NS_OK);
  for (int j = 0; j < c->n; j++)
    {
      ck_assert_msg (fabs (g[j].val - c->ref[j]) <= g[j].err + REF_SLACK (c->ref[j]),
                     "%s[%d]: %.17g, expected %.17g (err %g)", c->name, j, g[j].val,
                     c->ref[j], g[j].err);
      ck_assert_msg (g[j].err <= TIGHT, "%s[%d]: err %g", c->name, j, g[j].err);
      if (c->exact_zero)
        ck_assert_msg (g[j].val == 0 && g[j].err == 0, "%s[%d]: %g +- %g, not exactly 0",
                       c->name, j, g[j].val, g[j].err);
    }
  check_weights (p, g, w, c->name);
  int unique = 0;
  for (size_t i = 0; i < c->count; i++)
    unique |= c->wref[i] != 0;
  for (size_t i = 0; i < c->count && unique; i++)
    ck_assert_msg (fabs (w[i] - c->wref[i]) <= 1e-12, "%s: weight %zu = %.17g, expected %.17g",
                   c->name, i, w[i], c->wref[i]);
  /* WEIGHTS may be NULL and G is the same. */
  ns_result g2[4];
  ck_assert_int_eq (ns_polytope_min_norm (p, g2, NULL), NS_OK);
  for (int j = 0; j < c->n; j++)
    ck_assert (g2[j].val == g[j].val && g2[j].err == g[j].err);
  ns_polytope_free (p);
}
END_TEST

/* The standard simplex e_1 ... e_n of R^n: least-norm point (1/n, ..., 1/n)
   (by symmetry, on x_1 + ... + x_n = 1), for n up to 64. */
START_TEST (test_simplex)
{
  static const int ns[] = { 2, 5, 10, 16, 64 };
  int n = ns[_i];
  double *v = calloc ((size_t) n * (size_t) n, sizeof (double));
  for (int i = 0; i < n; i++)
    v[i * n + i] = 1;
  ns_polytope *p = make_poly (n, (size_t) n, v, 0);
  ns_result g[64];
  double w[64];
  ck_assert_int_eq (ns_polytope_min_norm (p, g, w), NS_OK);
  double ref = 1.0 / n;
  for (int j = 0; j < n; j++)
    {
      ck_assert_msg (fabs (g[j].val - ref) <= g[j].err + REF_SLACK (ref), "n = %d: g[%d] = %.17g",
                     n, j, g[j].val);
      ck_assert_msg (g[j].err <= TIGHT, "n = %d: err %g", n, g[j].err);
    }
  check_weights (p, g, w, "simplex");
  ns_polytope_free (p);
  /* With the origin added, 0 is a vertex: exactly 0. */
  ns_polytope *q = ns_polytope_alloc (n, (size_t) n + 1, 0);
  memcpy (q->vertices, v, (size_t) n * (size_t) n * sizeof (double));
  ns_result g0[64];
  ck_assert_int_eq (ns_polytope_min_norm (q, g0, NULL), NS_OK);
  for (int j = 0; j < n; j++)
    ck_assert (g0[j].val == 0 && g0[j].err == 0);
  ns_polytope_free (q);
  free (v);
}
END_TEST

/* Vertices known only within bounds: the bound covers the least-norm point
   of every reading.  Segment (1 + e1, 0)-(0, 2): d = (-1 - e1, 2),
   t* = (1 + e1)^2 / ((1 + e1)^2 + 4), point ((1 + e1)(1 - t*), 2 t*). */
START_TEST (test_bounds_cover_readings)
{
  const double e = ldexp (1, -20);
  double v[] = { 1, 0, 0, 2 };
  ns_polytope *p = make_poly (2, 2, v, e);
  ns_result g[2];
  ck_assert_int_eq (ns_polytope_min_norm (p, g, NULL), NS_OK);
  for (int k = -4; k <= 4; k++)
    {
      double a = 1 + k * e / 4;
      double t = a * a / (a * a + 4);
      double ref[2] = { a * (1 - t), 2 * t };
      for (int j = 0; j < 2; j++)
        ck_assert_msg (fabs (g[j].val - ref[j]) <= g[j].err + 4 * DBL_EPSILON,
                       "a = 1 + %d e/4: g[%d] = %.17g, exact %.17g, err %g", k, j, g[j].val,
                       ref[j], g[j].err);
    }
  /* Hoelder-1/2 in the bounds at worst: sqrt(2 e |g|) is about 1.7e-3. */
  ck_assert (g[0].err < 1e-2 && g[1].err < 1e-2);
  ns_polytope_free (p);
}
END_TEST

/* Where the readings move the least-norm point much more than the
   vertices: the short segment (-s, 1)-(s, 1), s = 2^-10, tilted by moving
   its ends by e = 2^-20 in y to (-s, 1 + e), (s, 1 - e).  The foot of 0 on
   that line has x = (e/s) / (1 + (e/s)^2), about 2^-10, a thousand times
   e: the weighted bounds (eta = e) alone would not cover it. */
START_TEST (test_bounds_tilt)
{
  const double s = ldexp (1, -10), e = ldexp (1, -20);
  double v[] = { -s, 1, s, 1 };
  ns_polytope *p = make_poly (2, 2, v, e);
  ns_result g[2];
  ck_assert_int_eq (ns_polytope_min_norm (p, g, NULL), NS_OK);
  for (int sg = -1; sg <= 1; sg += 2)
    {
      double r = sg * e / s;
      double ref[2] = { r / (1 + r * r), 1 - sg * e * (r / (1 + r * r)) / s };
      for (int j = 0; j < 2; j++)
        ck_assert_msg (fabs (g[j].val - ref[j]) <= g[j].err + 4 * DBL_EPSILON,
                       "tilt %d: g[%d] = %.17g, exact %.17g, err %g", sg, j, g[j].val, ref[j],
                       g[j].err);
    }
  ns_polytope_free (p);
}
END_TEST

/* The triangle (1,1), (1,-1), (-1,0) contains the disc of radius
   rho = 1/sqrt(5) about 0 (its edge through (-1,0) and (1,1) has the unit
   normal (1,-2)/sqrt(5) and offset -1/sqrt(5); the one through (-1,0) and
   (1,-1) is its mirror; x = 1 is at distance 1).  Bounds of Euclidean
   length delta < rho keep 0 in every reading: exactly 0; delta > rho may
   let 0 out: no exact zero, but a bound that still covers 0. */
START_TEST (test_zero_robust)
{
  double v[] = { 1, 1, 1, -1, -1, 0 };
  /* delta = sqrt(2) * 0.3 = 0.42 < 0.447 */
  ns_polytope *p = make_poly (2, 3, v, 0.3);
  ns_result g[2];
  ck_assert_int_eq (ns_polytope_min_norm (p, g, NULL), NS_OK);
  ck_assert (g[0].val == 0 && g[0].err == 0 && g[1].val == 0 && g[1].err == 0);
  ns_polytope_free (p);
  /* delta = sqrt(2) * 0.33 = 0.467 > 0.447: the disc test cannot prove
     0 inside every reading (moving (-1,0) by delta along the normal
     (1,-2)/sqrt(5) and the two ends of that edge likewise would put 0
     outside), so no exact 0, but a bound that covers it. */
  p = make_poly (2, 3, v, 0.33);
  ck_assert_int_eq (ns_polytope_min_norm (p, g, NULL), NS_OK);
  ck_assert (fabs (g[0].val) <= g[0].err && fabs (g[1].val) <= g[1].err);
  ck_assert (g[0].err > 0 && g[1].err > 0);
  ns_polytope_free (p);
  /* The segment (-1,-1)-(1,1) holds 0, but any bound lets a reading miss
     it: 0 with the bound sqrt(2) 1e-9, the length of the points' bounds
     (a reading's least-norm point is no longer than 1/2 v*_1 + 1/2 v*_2). */
  double s[] = { -1, -1, 1, 1 };
  p = make_poly (2, 2, s, 1e-9);
  ck_assert_int_eq (ns_polytope_min_norm (p, g, NULL), NS_OK);
  ck_assert (g[0].val == 0 && g[1].val == 0);
  ck_assert (g[0].err >= sqrt (2) * 1e-9 && g[0].err <= sqrt (2) * 1e-9 * (1 + 1e-12));
  ns_polytope_free (p);
}
END_TEST

/* Second route: the least norm over a grid of convex weights (step 1/N)
   is at least |g*| and at most |g*| + (count / N) max |v_i| (the grid
   point nearest the optimal weights differs by at most 1/N in each).
   Random points with a fixed seed. */
START_TEST (test_grid)
{
  unsigned seed = 20261207u;
  int iters = ns_test_iterations (40);
  for (int it = 0; it < iters; it++)
    {
      int n = 2 + it % 2;
      size_t count = (size_t) n + 1;
      double v[12];
      double vmax = 0;
      for (size_t i = 0; i < count * (size_t) n; i++)
        {
          seed = seed * 1103515245u + 12345u;
          v[i] = ((seed >> 8) % 2001) / 500.0 - 1.5;
          vmax = fmax (vmax, fabs (v[i]));
        }
      ns_polytope *p = make_poly (n, count, v, 0);
      ns_result g[3];
      ck_assert_int_eq (ns_polytope_min_norm (p, g, NULL), NS_OK);
      double gn = 0, en = 0;
      for (int j = 0; j < n; j++)
        {
          gn += g[j].val * g[j].val;
          en += g[j].err * g[j].err;
        }
      gn = sqrt (gn);
      en = sqrt (en);
      const int N = n == 2 ? 400 : 120;
      double best = HUGE_VAL;
      for (int a = 0; a <= N; a++)
        for (int b = 0; a + b <= N; b++)
          {
            int cmax = n == 3 ? N - a - b : 0;
            for (int c = 0; c <= cmax; c++)
              {
                double wt[4] = { a, b, n == 3 ? c : N - a - b, N - a - b - c };
                double x[3] = { 0, 0, 0 };
                for (size_t i = 0; i < count; i++)
                  for (int j = 0; j < n; j++)
                    x[j] += wt[i] / N * v[i * (size_t) n + j];
                double nx = sqrt (x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
                best = fmin (best, nx);
              }
          }
      double slack = 1e-12;
      ck_assert_msg (gn - en <= best + slack, "seed %u it %d: |g| = %.17g, grid %.17g", seed,
                     it, gn, best);
      ck_assert_msg (best <= gn + en + count * vmax * sqrt (n) / N + slack,
                     "it %d: |g| = %.17g, grid %.17g", it, gn, best);
      ns_polytope_free (p);
    }
}
END_TEST

/* Huge and tiny coordinates: the search is scaled, the bound in Arb. */
START_TEST (test_scale)
{
  static const double scales[] = { 0x1p-1000, 0x1p-520, 1, 0x1p500, 0x1p1000 };
  double s = scales[_i];
  double v[] = { s, 0, 0, 2 * s };
  ns_polytope *p = make_poly (2, 2, v, 0);
  ns_result g[2];
  ck_assert_int_eq (ns_polytope_min_norm (p, g, NULL), NS_OK);
  ck_assert_msg (fabs (g[0].val - 0.8 * s) <= g[0].err + REF_SLACK (0.8 * s)
                 && fabs (g[1].val - 0.4 * s) <= g[1].err + REF_SLACK (0.4 * s),
                 "scale %g: %.17g %.17g", s, g[0].val, g[1].val);
  ck_assert (g[0].err <= 1e-12 * s + 0x1p-1074);
  ns_polytope_free (p);
}
END_TEST

START_TEST (test_bad)
{
  ns_result g[2];
  ck_assert_int_eq (ns_polytope_min_norm (NULL, g, NULL), NS_EINVAL);
  ns_polytope *p = ns_polytope_alloc (2, 0, 0);
  ck_assert_int_eq (ns_polytope_min_norm (p, g, NULL), NS_EINVAL);
  ns_polytope_free (p);
  p = ns_polytope_alloc (2, 2, 0);
  ck_assert_int_eq (ns_polytope_min_norm (p, NULL, NULL), NS_EINVAL);
  p->vertices[1] = NAN;
  ck_assert_int_eq (ns_polytope_min_norm (p, g, NULL), NS_EINVAL);
  p->vertices[1] = HUGE_VAL;
  ck_assert_int_eq (ns_polytope_min_norm (p, g, NULL), NS_EINVAL);
  p->vertices[1] = 1;
  p->err[2] = -1;
  ck_assert_int_eq (ns_polytope_min_norm (p, g, NULL), NS_EINVAL);
  p->err[2] = NAN;
  ck_assert_int_eq (ns_polytope_min_norm (p, g, NULL), NS_EINVAL);
  p->err[2] = 0;
  ck_assert_int_eq (ns_polytope_min_norm (p, g, NULL), NS_OK);
  ns_polytope_free (p);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("minnorm");
  TCase *core = tcase_create ("core");
  tcase_add_loop_test (core, test_cases, 0, sizeof mn_cases / sizeof mn_cases[0]);
  tcase_add_loop_test (core, test_simplex, 0, 5);
  tcase_add_test (core, test_bounds_cover_readings);
  tcase_add_test (core, test_bounds_tilt);
  tcase_add_test (core, test_zero_robust);
  tcase_add_loop_test (core, test_scale, 0, 5);
  suite_add_tcase (s, core);
  TCase *random = tcase_create ("random");
  tcase_set_timeout (random, 60);
  tcase_add_test (random, test_grid);
  suite_add_tcase (s, random);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad);
  suite_add_tcase (s, limits);
  return s;
}
