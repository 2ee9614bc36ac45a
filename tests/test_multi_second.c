/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_multi_second.c: subdifferentials in several variables where
   a switching quantity's gradient vanishes at the point (relu(x^2 - y^2),
   |x*y|, max(x^2 + y^2, 0) at 0), each answer derived by hand beside its
   case, the directional derivatives checked against the one-variable
   germs along lines, and the cases that must still be refused. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

#define MAXG 16

/* A case: the function, n, the point, its limiting gradients (exact,
   hand-derived), the vertices of its Fréchet set (exact), and f'(x; d)
   along the directions DIRS as a closed form (FPRIME). */
typedef struct second_case {
  const char *text;
  int n;
  double x[3];
  size_t nlim;
  double lim[MAXG][3];
  size_t nfr;
  double fr[MAXG][3];
  double (*fprime) (const double *d);
  /* 1 when a cusp carries a limiting gradient: ns_mfn_limiting refuses
     (the Fréchet sets on the cusp's boundary are not the cells'). */
  int cusp;
} second_case;

static double
zero_fp (const double *d)
{
  (void) d;
  return 0;
}

static double
d1_fp (const double *d)
{
  return d[0];
}

static double
relu_d1 (const double *d)
{
  return d[0] > 0 ? d[0] : 0;
}

static double
relu_d2 (const double *d)
{
  return d[1] > 0 ? d[1] : 0;
}

static double
relu_d1_abs_d23 (const double *d)
{
  return (d[0] > 0 ? d[0] : 0) + fabs (d[1]) + fabs (d[2]);
}

static double
relu_d1_abs_d3 (const double *d)
{
  return (d[0] > 0 ? d[0] : 0) + fabs (d[2]);
}

static double
abs_d1 (const double *d)
{
  return fabs (d[0]);
}

static double
relu_2d1 (const double *d)
{
  return d[0] > 0 ? 2 * d[0] : 0;
}

static double
abs_d2 (const double *d)
{
  return fabs (d[1]);
}

static double
abs_d3 (const double *d)
{
  return fabs (d[2]);
}

/* Hand derivations.  Where the quantity h has gradient 0 at x, both
   branches of its kink have the same gradient there (h's and 0, h's and
   -h's, ...), so the function's gradients near x tend to that one value
   whichever branch is active, and f(x + t d) = f(x) + t g . d + O(t^2)
   wherever only such kinks switch. */
static const second_case cases[] = {
  /* relu(x^2 - y^2) at 0: gradients (2x, -2y) or 0 near 0, all -> 0;
     f(td) = t^2 relu(d1^2 - d2^2): f'(0; d) = 0, Fréchet {0}. */
  { "relu(x^2 - y^2)", 2, { 0, 0 }, 1, { { 0, 0 } }, 1, { { 0, 0 } }, zero_fp, 0 },
  /* -relu(x^2 - y^2): the same, f'(0; d) = 0 and Fréchet {0}. */
  { "-relu(x^2 - y^2)", 2, { 0, 0 }, 1, { { 0, 0 } }, 1, { { 0, 0 } }, zero_fp, 0 },
  /* |x^2 - y^2|: gradients +-(2x, -2y) -> 0. */
  { "abs(x^2 - y^2)", 2, { 0, 0 }, 1, { { 0, 0 } }, 1, { { 0, 0 } }, zero_fp, 0 },
  /* relu(x*y): gradients (y, x) or 0 -> 0. */
  { "relu(x*y)", 2, { 0, 0 }, 1, { { 0, 0 } }, 1, { { 0, 0 } }, zero_fp, 0 },
  /* max(x^2 + y^2, 0): only the first branch is active near 0 (off 0),
     gradient (2x, 2y) -> 0. */
  { "max(x^2 + y^2, 0)", 2, { 0, 0 }, 1, { { 0, 0 } }, 1, { { 0, 0 } }, zero_fp, 0 },
  /* min(x^2 - y^2, 0): (2x, -2y) or 0 -> 0. */
  { "min(x^2 - y^2, 0)", 2, { 0, 0 }, 1, { { 0, 0 } }, 1, { { 0, 0 } }, zero_fp, 0 },
  /* relu(x^2 - y^2) + x: (1, 0) plus the above. */
  { "relu(x^2 - y^2) + x", 2, { 0, 0 }, 1, { { 1, 0 } }, 1, { { 1, 0 } }, d1_fp, 0 },
  /* max(x^3, y): h = x^3 - y has gradient (0, -1), a first-order split
     at y = 0 (the true kink y = x^3 is tangent to it): below, x^3 with
     gradient (3x^2, 0) -> 0; above, y with (0, 1).  f(td) = max(t^3 d1^3,
     t d2): f'(0; d) = relu(d2), Fréchet {0} x [0, 1]. */
  { "max(x^3, y)", 2, { 0, 0 }, 2, { { 0, 0 }, { 0, 1 } }, 2, { { 0, 0 }, { 0, 1 } },
    relu_d2, 0 },
  /* relu(x^2 - y^2) + relu(x): relu(x) splits at x = 0 (gradients 1 and
     0 in x), relu(x^2 - y^2) splits nothing: {(0, 0), (1, 0)};
     f'(0; d) = relu(d1), Fréchet [0, 1] x {0}. */
  { "relu(x^2 - y^2) + relu(x)", 2, { 0, 0 }, 2, { { 0, 0 }, { 1, 0 } }, 2,
    { { 0, 0 }, { 1, 0 } }, relu_d1, 0 },
  /* |x| written as relu(x) + relu(-x), plus relu(x^2 - y^2): the empty
     cell {x > 0, -x > 0} of two affine quantities is certified empty
     even though a curved quantity is active. */
  { "relu(x) + relu(-x) + relu(x^2 - y^2)", 2, { 0, 0 }, 2, { { -1, 0 }, { 1, 0 } }, 2,
    { { -1, 0 }, { 1, 0 } }, NULL, 0 },
  /* Off the origin: h = (x - 1)^2 - (y - 2)^2 at (1, 2), and with 0.1
     and 0.3 (the same doubles in x and in the constants: exact zeros). */
  { "relu((x - 1)^2 - (y - 2)^2)", 2, { 1, 2 }, 1, { { 0, 0 } }, 1, { { 0, 0 } }, zero_fp, 0 },
  { "relu((x - 0.1)^2 - (y - 0.3)^2) + y", 2, { 0.1, 0.3 }, 1, { { 0, 1 } }, 1, { { 0, 1 } },
    NULL, 0 },
  /* Tangent kink curves (second order, an exhibited cusp):
     relu(y - x^2) + relu(-y - x^2) at 0.  Above y = x^2 only the first
     is positive, gradient (0, 1) -> (0, 1); below y = -x^2 only the
     second, (0, -1); both positive would need x^2 < y < -x^2: empty; both
     negative is the cusp |y| < x^2, where f = 0: gradient 0, which no
     cone of directions sees.  f(td) = relu(t d2 - t^2 d1^2) + relu(-t d2
     - t^2 d1^2): f'(0; d) = |d2|, Fréchet {0} x [-1, 1]. */
  { "relu(y - x^2) + relu(-y - x^2)", 2, { 0, 0 }, 3, { { 0, 1 }, { 0, -1 }, { 0, 0 } }, 2,
    { { 0, -1 }, { 0, 1 } }, abs_d2, 1 },
  /* relu(y + x^2) + relu(-y + x^2): now both positive is the cusp
     -x^2 < y < x^2, gradient (0, 1) + (0, -1) = 0; both negative empty.
     Convex (relu of convex, a sum): the limiting set is the convex
     subdifferential, one piece, answered despite the cusp. */
  { "relu(y + x^2) + relu(-y + x^2)", 2, { 0, 0 }, 3, { { 0, 1 }, { 0, -1 }, { 0, 0 } }, 2,
    { { 0, -1 }, { 0, 1 } }, abs_d2, 0 },
  /* Three variables (the cells of hyperplanes): relu(x^2 - y^2) + relu(x)
     + |y| + |z|: x splits {0, 1}, y and z split {-1, 1}: eight gradients,
     the Fréchet box [0, 1] x [-1, 1]^2; f'(0; d) = relu(d1) + |d2| + |d3|.
     Without |y| the box is flat, [0, 1] x {0} x [-1, 1]: the certified
     hull in R^3 decides it because the gradients are exact (bound 0). */
  { "relu(x^2 - y^2) + relu(x) + abs(y) + abs(z)", 3, { 0, 0, 0 }, 8,
    { { 0, -1, -1 }, { 0, -1, 1 }, { 0, 1, -1 }, { 0, 1, 1 }, { 1, -1, -1 }, { 1, -1, 1 },
      { 1, 1, -1 }, { 1, 1, 1 } }, 8,
    { { 0, -1, -1 }, { 0, -1, 1 }, { 0, 1, -1 }, { 0, 1, 1 }, { 1, -1, -1 }, { 1, -1, 1 },
      { 1, 1, -1 }, { 1, 1, 1 } }, relu_d1_abs_d23, 0 },
  { "relu(x^2 - y^2) + relu(x) + abs(z)", 3, { 0, 0, 0 }, 4,
    { { 0, 0, -1 }, { 0, 0, 1 }, { 1, 0, -1 }, { 1, 0, 1 } }, 4,
    { { 0, 0, -1 }, { 0, 0, 1 }, { 1, 0, -1 }, { 1, 0, 1 } }, relu_d1_abs_d3, 0 },
  /* relu(x*y) + |z|: {(0, 0, +-1)}. */
  { "relu(x*y) + abs(z)", 3, { 0, 0, 0 }, 2, { { 0, 0, -1 }, { 0, 0, 1 } }, 2,
    { { 0, 0, -1 }, { 0, 0, 1 } }, abs_d3, 0 },
  /* relu(relu(x^2 - y^2) - z^2) + z: an outer quantity whose gradient is 0
     too, over an inner one: one cell, gradient (0, 0, 1). */
  { "relu(relu(x^2 - y^2) - z^2) + z", 3, { 0, 0, 0 }, 1, { { 0, 0, 1 } }, 1,
    { { 0, 0, 1 } }, NULL, 0 },
  /* Curved quantities that are the same function (or its negative) on
     the cell, written twice: their zero curves coincide to every order,
     so second order sees q_phi = 0; the trees decide.  relu(relu(h)) for
     h = x + y^2 is relu(h): gradients (1, 2y) -> (1, 0) where h > 0, 0
     where h < 0; f(td) = relu(t d1 + t^2 d2^2): f'(0; d) = relu(d1),
     Fréchet [0, 1] x {0}. */
  { "relu(relu(x + y^2))", 2, { 0, 0 }, 2, { { 0, 0 }, { 1, 0 } }, 2, { { 0, 0 }, { 1, 0 } },
    relu_d1, 0 },
  /* ||h|| = |h|: +-(1, 2y) -> +-(1, 0); f'(0; d) = |d1|. */
  { "abs(abs(x + y^2))", 2, { 0, 0 }, 2, { { -1, 0 }, { 1, 0 } }, 2, { { -1, 0 }, { 1, 0 } },
    abs_d1, 0 },
  /* relu(h) + relu(h) = 2 relu(h): {0, (2, 0)}, f'(0; d) = 2 relu(d1). */
  { "relu(x + y^2) + relu(x + y^2)", 2, { 0, 0 }, 2, { { 0, 0 }, { 2, 0 } }, 2,
    { { 0, 0 }, { 2, 0 } }, relu_2d1, 0 },
  /* max(y^2, x) + max(x, y^2) = 2 max(x, y^2): the quantities y^2 - x and
     x - y^2, one the other's negative; (2, 0) where x > y^2, (0, 4y) ->
     0 where x < y^2; f'(0; d) = 2 relu(d1). */
  { "max(y^2, x) + max(x, y^2)", 2, { 0, 0 }, 2, { { 0, 0 }, { 2, 0 } }, 2,
    { { 0, 0 }, { 2, 0 } }, relu_2d1, 0 },
  /* min(0, h) + relu(h) = h, with h = x + y^2: one gradient (1, 0). */
  { "min(0, x + y^2) + relu(x + y^2)", 2, { 0, 0 }, 1, { { 1, 0 } }, 1, { { 1, 0 } }, d1_fp,
    0 },
  /* relu(-h) + relu(h) = |h| (a negation read through) and
     clamp(h, 0, 1) - clamp(h, -1, 0) = relu(h) - min(h, 0) = |h| near 0
     (clamps at a bound: the quantity is the argument less the bound, 0
     here): +-(1, 0), f'(0; d) = |d1|. */
  { "relu(-(x + y^2)) + relu(x + y^2)", 2, { 0, 0 }, 2, { { -1, 0 }, { 1, 0 } }, 2,
    { { -1, 0 }, { 1, 0 } }, abs_d1, 0 },
  { "clamp(x + y^2, 0, 1) - clamp(x + y^2, -1, 0)", 2, { 0, 0 }, 2, { { -1, 0 }, { 1, 0 } },
    2, { { -1, 0 }, { 1, 0 } }, abs_d1, 0 },
  /* In R^3 (the cells of hyperplanes): relu(relu(x + y^2 + z^2)),
     {0, (1, 0, 0)}, f'(0; d) = relu(d1). */
  { "relu(relu(x + y^2 + z^2))", 3, { 0, 0, 0 }, 2, { { 0, 0, 0 }, { 1, 0, 0 } }, 2,
    { { 0, 0, 0 }, { 1, 0, 0 } }, relu_d1, 0 },
};

static ns_mfn *
parse (const char *text, int n)
{
  ns_mfn *f = NULL;
  ns_parse_error pe;
  ck_assert_int_eq (ns_mfn_parse (text, n, &f, &pe), NS_OK);
  return f;
}

/* Whether the point P (with bounds E, may be NULL) is within the bounds
   of the exact point V. */
static int
near (const double *p, const double *e, const double *v, int n)
{
  for (int j = 0; j < n; j++)
    if (!(fabs (p[j] - v[j]) <= (e == NULL ? 0 : e[j])))
      return 0;
  return 1;
}

/* Whether the N-entry points of P (COUNT of them, bounds E) and of the
   exact list V (NV) are the same sets, each within its bounds. */
static int
same_set (const double *p, const double *e, size_t count, const double (*v)[3], size_t nv,
          int n)
{
  if (count != nv)
    return 0;
  for (size_t a = 0; a < nv; a++)
    {
      int hit = 0;
      for (size_t b = 0; b < count && !hit; b++)
        hit = near (p + b * n, e == NULL ? NULL : e + b * n, v[a], n);
      if (!hit)
        return 0;
    }
  return 1;
}

static const double dirs[][3] = {
  { 1, 0, 0 }, { -1, 0, 0 }, { 0, 1, 0 }, { 0, -1, 0 }, { 0, 0, 1 }, { 0, 0, -1 },
  { 1, 1, 0 }, { 1, -1, 1 }, { -0.375, 2.385, -1.5 }, { 0.75, 0.5, 0.25 }, { -1, -1, -1 },
};

START_TEST (test_second)
{
  const second_case *c = &cases[_i];
  ns_mfn *f = parse (c->text, c->n);
  int n = c->n;
  /* The limiting gradients. */
  ns_result g[MAXG * 3];
  size_t count = 0;
  ck_assert_int_eq (ns_mfn_limiting_gradients (f, c->x, g, MAXG, &count), NS_OK);
  double gv[MAXG * 3], ge[MAXG * 3];
  for (size_t k = 0; k < count * n; k++)
    {
      gv[k] = g[k].val;
      ge[k] = g[k].err;
    }
  ck_assert_msg (same_set (gv, ge, count, c->lim, c->nlim, n), "%s: limiting gradients",
                 c->text);
  /* The Fréchet set, exactly its vertices. */
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_mfn_frechet (f, c->x, &p), NS_OK);
  ck_assert_msg (same_set (p->vertices, p->err, p->count, c->fr, c->nfr, n), "%s: Fréchet",
                 c->text);
  /* The Clarke set's vertices lie among the limiting gradients. */
  ns_result v[MAXG * 3];
  size_t nv = 0;
  ck_assert_int_eq (ns_mfn_clarke (f, c->x, v, MAXG, &nv), NS_OK);
  ck_assert (nv >= 1 && nv <= c->nlim);
  for (size_t k = 0; k < nv; k++)
    {
      double vv[3], ve[3];
      for (int j = 0; j < n; j++)
        {
          vv[j] = v[k * n + j].val;
          ve[j] = v[k * n + j].err;
        }
      int hit = 0;
      for (size_t a = 0; a < c->nlim && !hit; a++)
        hit = near (vv, ve, c->lim[a], n);
      ck_assert_msg (hit, "%s: Clarke vertex %zu", c->text, k);
    }
  /* Directional derivatives by the one-variable germs of t -> f(x + t d):
     the closed form where there is one, below Clarke's f°(x; d) and
     above the Fréchet set's support max_v v . d. */
  for (size_t k = 0; k < sizeof dirs / sizeof dirs[0]; k++)
    {
      ns_result dd, cd;
      ck_assert_int_eq (ns_mfn_dirderiv (f, c->x, dirs[k], &dd), NS_OK);
      if (c->fprime != NULL)
        ck_assert_msg (fabs (dd.val - c->fprime (dirs[k])) <= dd.err, "%s: f'(x; d%zu) = %g",
                       c->text, k, dd.val);
      ck_assert_int_eq (ns_mfn_clarke_dirderiv (f, c->x, dirs[k], &cd), NS_OK);
      ck_assert (dd.val - dd.err <= cd.val + cd.err);
      for (size_t a = 0; a < p->count; a++)
        {
          double s = 0;
          for (int j = 0; j < n; j++)
            s += p->vertices[a * n + j] * dirs[k][j];
          ck_assert_msg (s <= dd.val + dd.err + 1e-15, "%s: Fréchet above f' along d%zu",
                         c->text, k);
        }
    }
  ns_polytope_free (p);
  /* The limiting set's pieces: each vertex of each piece lies in the
     Clarke set, here the box of the hand-derived limiting gradients
     (every case's Clarke set is that box, a segment or a point). */
  ns_polytope *pieces[64];
  size_t np = 0;
  if (c->cusp)
    {
      ck_assert_int_eq (ns_mfn_limiting (f, c->x, pieces, 64, &np), NS_EUNDECIDED);
      ns_mfn_free (f);
      return;
    }
  ck_assert_int_eq (ns_mfn_limiting (f, c->x, pieces, 64, &np), NS_OK);
  ck_assert (np >= 1);
  for (size_t a = 0; a < np; a++)
    {
      for (size_t b = 0; b < pieces[a]->count; b++)
        for (int j = 0; j < n; j++)
          {
            double lo = HUGE_VAL, hi = -HUGE_VAL, w = pieces[a]->vertices[b * n + j];
            for (size_t q = 0; q < c->nlim; q++)
              {
                lo = fmin (lo, c->lim[q][j]);
                hi = fmax (hi, c->lim[q][j]);
              }
            ck_assert_msg (w + pieces[a]->err[b * n + j] >= lo
                           && w - pieces[a]->err[b * n + j] <= hi,
                           "%s: limiting piece %zu outside the Clarke box", c->text, a);
          }
      ns_polytope_free (pieces[a]);
    }
  ns_mfn_free (f);
}
END_TEST

/* The Fréchet set of max(x^2 + y^2, 0), a convex function, is its convex
   subdifferential {0}; the limiting set of relu(x^2 - y^2) is one piece,
   {0}. */
START_TEST (test_convex_and_pieces)
{
  ns_mfn *f = parse ("max(x^2 + y^2, 0)", 2);
  double zero[2] = { 0, 0 };
  ns_polytope *p = NULL;
  int certified = 0;
  if (ns_mfn_convexity (f, &certified, NULL, 0) == NS_OK && certified)
    {
      ck_assert_int_eq (ns_mfn_convex_subdiff (f, zero, &p), NS_OK);
      ck_assert_uint_eq (p->count, 1);
      ck_assert (fabs (p->vertices[0]) <= p->err[0] && fabs (p->vertices[1]) <= p->err[1]);
      ns_polytope_free (p);
    }
  ns_mfn_free (f);
  f = parse ("relu(x^2 - y^2)", 2);
  ns_polytope *pieces[4];
  size_t np = 0;
  ck_assert_int_eq (ns_mfn_limiting (f, zero, pieces, 4, &np), NS_OK);
  ck_assert_uint_eq (np, 1);
  ck_assert_uint_eq (pieces[0]->count, 1);
  ck_assert (fabs (pieces[0]->vertices[0]) <= pieces[0]->err[0]
             && fabs (pieces[0]->vertices[1]) <= pieces[0]->err[1]);
  ns_polytope_free (pieces[0]);
  ns_mfn_free (f);
}
END_TEST

/* A limiting gradient on a cusp is no evidence against differentiability:
   relu(y - x^2) - relu(y + x^2) is within 2 x^2 of 0, so differentiable at
   0 with gradient 0, though its limiting gradients are 0 and (0, -1) (the
   cusp -x^2 < y < x^2).  ns_mfn_gradient must not say NS_UNDEFINED: the
   gradient 0, or a refusal.  relu(y - x^2) + relu(-y - x^2) has
   f'(0; d) = |d2|: not differentiable. */
START_TEST (test_cusp_differentiable)
{
  double zero[2] = { 0, 0 };
  ns_result g[2];
  ns_mfn *f = parse ("relu(y - x^2) - relu(y + x^2)", 2);
  ns_status st = ns_mfn_gradient (f, zero, g);
  ck_assert (st == NS_OK || st == NS_EUNDECIDED);
  if (st == NS_OK)
    ck_assert (fabs (g[0].val) <= g[0].err && fabs (g[1].val) <= g[1].err);
  ns_mfn_free (f);
  f = parse ("relu(y - x^2) + relu(-y - x^2)", 2);
  ck_assert_int_eq (ns_mfn_gradient (f, zero, g), NS_UNDEFINED);
  ns_mfn_free (f);
}
END_TEST

/* A cusp in a convex function: relu(x + y^2) + relu(2x + y^2) at 0.  The
   zero curves x = -y^2 and x = -y^2/2 are tangent at 0; where x > -y^2/2
   both are positive, gradient (3, 4y) -> (3, 0); where x < -y^2 neither,
   0; in the cusp between, only the first, (1, 2y) -> (1, 0).  f is convex
   (relu of convex, a sum), so its limiting set is its convex
   subdifferential, the segment [0, 3] x {0} (f'(0; d) = 3 relu(d1)): one
   piece, though the faces' route refuses a cusp.  With room for no
   piece, NS_ELIMIT and the count 1. */
START_TEST (test_cusp_convex)
{
  ns_mfn *f = parse ("relu(x + y^2) + relu(2*x + y^2)", 2);
  double zero[2] = { 0, 0 };
  ns_result g[MAXG * 2];
  size_t count = 0;
  ck_assert_int_eq (ns_mfn_limiting_gradients (f, zero, g, MAXG, &count), NS_OK);
  double gv[MAXG * 2], ge[MAXG * 2];
  for (size_t k = 0; k < count * 2; k++)
    {
      gv[k] = g[k].val;
      ge[k] = g[k].err;
    }
  const double lim[3][3] = { { 0, 0 }, { 1, 0 }, { 3, 0 } };
  ck_assert (same_set (gv, ge, count, lim, 3, 2));
  ns_polytope *pieces[4];
  size_t np = 0;
  ck_assert_int_eq (ns_mfn_limiting (f, zero, pieces, 4, &np), NS_OK);
  ck_assert_uint_eq (np, 1);
  const double seg[2][3] = { { 0, 0 }, { 3, 0 } };
  ck_assert (same_set (pieces[0]->vertices, pieces[0]->err, pieces[0]->count, seg, 2, 2));
  ns_polytope_free (pieces[0]);
  ck_assert_int_eq (ns_mfn_limiting (f, zero, NULL, 0, &np), NS_ELIMIT);
  ck_assert_uint_eq (np, 1);
  ns_mfn_free (f);
}
END_TEST

/* Still refused: a zero gradient that exact rational arithmetic cannot
   prove (exp), and tangent kink surfaces whose combination is only
   semidefinite at second order on their common tangent plane
   (relu(y - x^2) + relu(-y - x^2) read in R^3: -2 x^2 vanishes along z,
   so emptiness of both positive would need higher order; it is empty,
   but not proven). */
static const struct {
  const char *text;
  int n;
} refused[] = {
  { "relu(exp(x*y) - 1)", 2 },
  { "relu(exp(x*y) - 1) + abs(z)", 3 },
  { "relu(y - x^2) + relu(-y - x^2) + 0*z", 3 },
};

START_TEST (test_refused)
{
  ns_mfn *f = parse (refused[_i].text, refused[_i].n);
  double zero[3] = { 0, 0, 0 };
  ns_result g[MAXG * 3];
  size_t count = 0;
  ck_assert_int_eq (ns_mfn_limiting_gradients (f, zero, g, MAXG, &count), NS_EUNDECIDED);
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_mfn_frechet (f, zero, &p), NS_EUNDECIDED);
  ck_assert (p == NULL);
  ns_mfn_free (f);
}
END_TEST

/* Random sums of kinks of quadratic forms (gradient 0 at 0: relu, abs,
   max, min of forms with small integer coefficients) and of linear forms,
   at 0.  Both routes, the arcs of the plane (n = 2) and the cells of
   hyperplanes (the same function with + 0*z, n = 3), must answer, with
   the same gradients (a third entry 0).  And independently: at random
   points y = x + r u near 0 (r = 2^-20), where f is smooth, its gradient
   (ns_mfn_gradient) must be within O(r) of a limiting gradient, as every
   selection's gradient is within L r of its value at 0 (L a bound of the
   forms' Hessians: 4 * (2 + 2 + 2) per term, times the 3 terms). */
static unsigned long
lcg (unsigned long *state)
{
  *state = *state * 6364136223846793005UL + 1442695040888963407UL;
  return *state >> 33;
}

static int
small (unsigned long *state)
{
  return (int) (lcg (state) % 5) - 2;
}

START_TEST (test_random_forms)
{
  unsigned long state = 20261207UL;
  int iters = ns_test_iterations (40);
  for (int it = 0; it < iters; it++)
    {
      char text[512];
      size_t len = 0;
      for (int term = 0; term < 3; term++)
        {
          int kind = (int) (lcg (&state) % 6);
          char q1[96], q2[96];
          snprintf (q1, sizeof q1, "(%d*x^2 + %d*x*y + %d*y^2)", small (&state),
                    small (&state), small (&state));
          snprintf (q2, sizeof q2, "(%d*x^2 + %d*x*y + %d*y^2)", small (&state),
                    small (&state), small (&state));
          int a = small (&state), b = small (&state);
          if (a == 0 && b == 0)
            a = 1;
          const char *sep = term == 0 ? "" : " + ";
          switch (kind)
            {
            case 0:
              len += snprintf (text + len, sizeof text - len, "%srelu%s", sep, q1);
              break;
            case 1:
              len += snprintf (text + len, sizeof text - len, "%sabs%s", sep, q1);
              break;
            case 2:
              len += snprintf (text + len, sizeof text - len, "%smax(%s, %s)", sep, q1, q2);
              break;
            case 3:
              len += snprintf (text + len, sizeof text - len, "%smin(%s, %s)", sep, q1, q2);
              break;
            case 4:
              len += snprintf (text + len, sizeof text - len, "%srelu(%d*x + %d*y)", sep, a, b);
              break;
            default:
              len += snprintf (text + len, sizeof text - len, "%sabs(%d*x + %d*y) + %d*x", sep,
                               a, b, small (&state));
              break;
            }
        }
      char text3[600];
      snprintf (text3, sizeof text3, "%s + 0*z", text);
      ns_mfn *f = parse (text, 2), *f3 = parse (text3, 3);
      double zero[3] = { 0, 0, 0 };
      ns_result g[MAXG * 2], g3[MAXG * 3];
      size_t count = 0, count3 = 0;
      ck_assert_msg (ns_mfn_limiting_gradients (f, zero, g, MAXG, &count) == NS_OK, "%s", text);
      ck_assert_msg (ns_mfn_limiting_gradients (f3, zero, g3, MAXG, &count3) == NS_OK, "%s",
                     text3);
      ck_assert_msg (count == count3, "%s: %zu and %zu gradients", text, count, count3);
      for (size_t k = 0; k < count3; k++)
        {
          int hit = 0;
          for (size_t m = 0; m < count && !hit; m++)
            hit = fabs (g3[3 * k].val - g[2 * m].val) <= g3[3 * k].err + g[2 * m].err
              && fabs (g3[3 * k + 1].val - g[2 * m + 1].val) <= g3[3 * k + 1].err + g[2 * m + 1].err
              && fabs (g3[3 * k + 2].val) <= g3[3 * k + 2].err;
          ck_assert_msg (hit, "%s: gradient %zu of the cells not in the plane's", text, k);
        }
      const double r = 0x1p-20, lip = 3 * 4 * 6;
      for (int s = 0; s < 64; s++)
        {
          double ang = 2 * 3.14159265358979 * (lcg (&state) % 100000) / 100000.0 + 1e-3;
          double y[2] = { r * cos (ang), r * sin (ang) };
          ns_result gy[2];
          if (ns_mfn_gradient (f, y, gy) != NS_OK)
            continue;
          int hit = 0;
          for (size_t m = 0; m < count && !hit; m++)
            hit = fabs (gy[0].val - g[2 * m].val) <= lip * r && fabs (gy[1].val - g[2 * m + 1].val) <= lip * r;
          ck_assert_msg (hit, "%s: the gradient (%g, %g) at (%g, %g) is far from every limiting "
                         "gradient", text, gy[0].val, gy[1].val, y[0], y[1]);
        }
      ns_mfn_free (f);
      ns_mfn_free (f3);
    }
}
END_TEST

/* Random pairs of kink curves tangent at 0, relu(y + Q1) + K relu(-y + Q2)
   with quadratic forms Q of small integer coefficients and K in
   {1, -1, 2}: answered (the cells, a second-order emptiness proof or an
   exhibited cusp) or refused.  When answered, checked against the
   gradients of f where it is smooth, sampled both in generic directions
   at distance 2^-20 and on the parabolic scale of the cusps, points
   (+-t, s t^2) with t = 2^-10 and s on a grid of step 1/16 in [-4, 4]:
   every sampled gradient lies within 64 t of a limiting gradient (none
   is missed), and every limiting gradient is within 64 t of a sampled
   one (none is invented: the regions' widths in s are sums of the
   integer coefficients, at least 1 when not empty). */
START_TEST (test_random_tangent)
{
  unsigned long state = 917UL;
  int iters = ns_test_iterations (30), decided = 0;
  for (int it = 0; it < iters; it++)
    {
      char text[256];
      int k = (int) (lcg (&state) % 3);
      snprintf (text, sizeof text,
                "relu(y + %d*x^2 + %d*x*y + %d*y^2) + %d*relu(-y + %d*x^2 + %d*x*y + %d*y^2)",
                small (&state), small (&state), small (&state), k == 0 ? 1 : k == 1 ? -1 : 2,
                small (&state), small (&state), small (&state));
      ns_mfn *f = parse (text, 2);
      double zero[2] = { 0, 0 };
      ns_result g[MAXG * 2];
      size_t count = 0;
      ns_status st = ns_mfn_limiting_gradients (f, zero, g, MAXG, &count);
      ck_assert_msg (st == NS_OK || st == NS_EUNDECIDED, "%s: status %d", text, (int) st);
      if (st != NS_OK)
        {
          ns_mfn_free (f);
          continue;
        }
      decided++;
      const double t = 0x1p-10, tol = 64 * t;
      int seen[MAXG] = { 0 };
      for (int smp = 0; smp < 256 + 2 * 129; smp++)
        {
          double y[2];
          if (smp < 256)
            {
              double ang = 2 * 3.14159265358979 * (smp + 0.5) / 256;
              y[0] = 0x1p-20 * cos (ang);
              y[1] = 0x1p-20 * sin (ang);
            }
          else
            {
              int q = smp - 256;
              y[0] = q % 2 ? -t : t;
              y[1] = (-4 + (q / 2) / 16.0) * t * t;
            }
          ns_result gy[2];
          if (ns_mfn_gradient (f, y, gy) != NS_OK)
            continue;
          int hit = 0;
          for (size_t m = 0; m < count; m++)
            if (fabs (gy[0].val - g[2 * m].val) <= tol && fabs (gy[1].val - g[2 * m + 1].val) <= tol)
              hit = 1, seen[m] = 1;
          ck_assert_msg (hit, "%s: the gradient (%g, %g) at (%g, %g) is far from every "
                         "limiting gradient", text, gy[0].val, gy[1].val, y[0], y[1]);
        }
      for (size_t m = 0; m < count; m++)
        ck_assert_msg (seen[m], "%s: the limiting gradient (%g, %g) is seen nowhere near 0",
                       text, g[2 * m].val, g[2 * m + 1].val);
      ns_mfn_free (f);
    }
  ck_assert_int_gt (decided, iters / 3);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("multi_second");
  TCase *core = tcase_create ("core");
  tcase_add_loop_test (core, test_second, 0, sizeof cases / sizeof cases[0]);
  tcase_add_test (core, test_convex_and_pieces);
  tcase_add_test (core, test_cusp_differentiable);
  tcase_add_test (core, test_cusp_convex);
  suite_add_tcase (s, core);
  TCase *random = tcase_create ("random");
  tcase_add_test (random, test_random_forms);
  tcase_add_test (random, test_random_tangent);
  tcase_set_timeout (random, 60);
  suite_add_tcase (s, random);
  TCase *limits = tcase_create ("limits");
  tcase_add_loop_test (limits, test_refused, 0, sizeof refused / sizeof refused[0]);
  suite_add_tcase (s, limits);
  return s;
}
