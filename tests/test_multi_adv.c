/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_multi_adv.c: adversarial subdifferentials in several
   variables, each derived by hand beside it.  Kink curves tangent at the
   point: their first-order hyperplanes coincide, and the cusp between
   them is an open set touching the point with a selection of its own, so
   an answer from the first-order cells alone would be wrong; the library
   must refuse or include the cusp's gradient.  Coinciding hyperplanes of
   affine quantities (the cells are then exact) must still be answered.
   Points within rounding of a kink but off it exactly are off it. */
#include <config.h>
#include <math.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

static ns_mfn *
parse (const char *text, int n)
{
  ns_mfn *f = NULL;
  ns_parse_error pe;
  ck_assert_int_eq (ns_mfn_parse (text, n, &f, &pe), NS_OK);
  return f;
}

/* Whether the limiting gradients G (COUNT of them, N entries) hold V
   within their bounds. */
static int
has_gradient (const ns_result *g, size_t count, int n, const double *v)
{
  for (size_t k = 0; k < count; k++)
    {
      int same = 1;
      for (int j = 0; j < n; j++)
        same &= fabs (g[k * n + j].val - v[j]) <= g[k * n + j].err;
      if (same)
        return 1;
    }
  return 0;
}

/* Whether P has the vertex V within its bounds. */
static int
has_vertex (const ns_polytope *p, const double *v)
{
  for (size_t k = 0; k < p->count; k++)
    {
      int same = 1;
      for (int j = 0; j < p->n; j++)
        same &= fabs (p->vertices[k * p->n + j] - v[j]) <= p->err[k * p->n + j];
      if (same)
        return 1;
    }
  return 0;
}

/* The tangent cusps.  f = relu(y - x^2) - relu(y + x^2) at 0:
     y > x^2:          f = -2 x^2,     gradient at 0: (0, 0)
     -x^2 < y < x^2:   f = -y - x^2,   gradient at 0: (0, -1)
     y < -x^2:         f = 0,          gradient (0, 0).
   The middle region is open and touches 0, so the limiting gradients are
   (0, 0) and (0, -1) and the Clarke set is the segment between them;
   f°(0; (0, -1)) = 1 (at (a, 0), a -> 0, f(a, -t) - f(a, 0) = t for
   t < a^2).  The first-order hyperplanes of both quantities are y = 0,
   whose cells give (0, 0) only.  |f| <= 2 x^2 everywhere, so f'(0; d) = 0,
   f is differentiable at 0 with gradient 0, and the Fréchet set is {0}.
   In R^3 the same with z idle, and a cusp of a paraboloid and a
   parabolic cylinder: relu(z - x^2 - y^2) - relu(z + x^2) at 0 has
   gradients (0, 0, 0) above and below and (0, 0, -1) in between. */
typedef struct cusp_case {
  const char *text;
  int n;
  double cusp[3];   /* the gradient only the cusp has */
} cusp_case;

static const cusp_case cusps[] = {
  { "relu(y - x^2) - relu(y + x^2)", 2, { 0, -1 } },
  { "max(y - x^2, 0) - max(y + x^2, 0)", 2, { 0, -1 } },
  { "relu(y - x^2) - relu(y + x^2) + 0*z", 3, { 0, -1, 0 } },
  { "relu(z - x^2 - y^2) - relu(z + x^2)", 3, { 0, 0, -1 } },
};

START_TEST (test_tangent_cusp)
{
  const cusp_case *c = &cusps[_i];
  ns_mfn *f = parse (c->text, c->n);
  double zero[3] = { 0, 0, 0 }, origin[3] = { 0, 0, 0 };
  ns_result g[64 * 3];
  size_t count = 0;
  ns_status st = ns_mfn_limiting_gradients (f, zero, g, 64, &count);
  ck_assert (st == NS_OK || st == NS_EUNDECIDED);
  if (st == NS_OK)
    {
      ck_assert (has_gradient (g, count, c->n, c->cusp));
      ck_assert (has_gradient (g, count, c->n, origin));
    }
  ns_polytope *p = NULL;
  st = ns_mfn_clarke_polytope (f, zero, &p);
  ck_assert (st == NS_OK || st == NS_EUNDECIDED);
  if (st == NS_OK)
    {
      /* Inside; or, where the vertices' bounds leave containment open, the
         cusp's gradient is a vertex within its bounds. */
      int inside = 0;
      ns_status cs = ns_polytope_contains (p, c->cusp, NULL, &inside);
      int vertex = 0;
      for (size_t v = 0; v < p->count && !vertex; v++)
        {
          vertex = 1;
          for (int j = 0; j < c->n; j++)
            vertex = vertex && fabs (p->vertices[v * c->n + j] - c->cusp[j]) <= p->err[v * c->n + j];
        }
      ck_assert ((cs == NS_OK && inside == 1) || (cs == NS_EUNDECIDED && vertex));
    }
  ns_polytope_free (p);
  /* f°(0; cusp) = 1 (the cusp's gradient dotted with itself), not 0. */
  ns_result r;
  st = ns_mfn_clarke_dirderiv (f, zero, c->cusp, &r);
  ck_assert (st == NS_OK || st == NS_EUNDECIDED);
  if (st == NS_OK)
    ck_assert (fabs (r.val - 1) <= r.err);
  /* The Fréchet set is {0}: a refusal or exactly that. */
  p = NULL;
  st = ns_mfn_frechet (f, zero, &p);
  ck_assert (st == NS_OK || st == NS_EUNDECIDED);
  if (st == NS_OK)
    {
      ck_assert_uint_eq (p->count, 1);
      for (int j = 0; j < c->n; j++)
        ck_assert (fabs (p->vertices[j]) <= p->err[j]);
    }
  ns_polytope_free (p);
  /* The limiting set holds the cusp's gradient: inside the cusp, at
     (a, 0) (in R^3 (a, 0, 0)), f is smooth with gradient (-2a, -1)
     ((-2a, 0, -1)), which tends to it as a -> 0.  A refusal, or some
     piece containing it. */
  ns_polytope *pieces[16] = { NULL };
  count = 0;
  st = ns_mfn_limiting (f, zero, pieces, 16, &count);
  ck_assert (st == NS_OK || st == NS_EUNDECIDED);
  if (st == NS_OK)
    {
      int found = 0;
      for (size_t k = 0; k < count; k++)
        {
          int inside = 0;
          if (ns_polytope_contains (pieces[k], c->cusp, NULL, &inside) == NS_OK && inside)
            found = 1;
        }
      ck_assert (found);
    }
  for (size_t k = 0; k < 16; k++)
    ns_polytope_free (pieces[k]);
  ns_mfn_free (f);
}
END_TEST

/* Coinciding hyperplanes of affine quantities are exact cells and keep
   their answers.  |x - y| + |y - x| = 2|x - y|: Clarke = Fréchet = the
   segment from (-2, 2) to (2, -2) (in R^3 with 0 last).
   relu(x) - relu(-x) + relu(y) - relu(-y) = x + y: {(1, 1)}. */
START_TEST (test_coinciding_affine)
{
  static const char *texts[] = { "abs(x - y) + abs(y - x)", "abs(x - y) + abs(y - x) + 0*z" };
  for (int n = 2; n <= 3; n++)
    {
      ns_mfn *f = parse (texts[n - 2], n);
      double zero[3] = { 0, 0, 0 };
      ns_polytope *p = NULL;
      ck_assert_int_eq (ns_mfn_clarke_polytope (f, zero, &p), NS_OK);
      ck_assert_int_eq (p->dim, 1);
      ck_assert_uint_eq (p->count, 2);
      double a[3] = { 2, -2, 0 }, b[3] = { -2, 2, 0 };
      ck_assert (has_vertex (p, a) && has_vertex (p, b));
      ns_polytope_free (p);
      p = NULL;
      ck_assert_int_eq (ns_mfn_frechet (f, zero, &p), NS_OK);
      ck_assert_uint_eq (p->count, 2);
      ck_assert (has_vertex (p, a) && has_vertex (p, b));
      ns_polytope_free (p);
      ns_mfn_free (f);
    }
  ns_mfn *f = parse ("relu(x) - relu(-x) + relu(y) - relu(-y)", 2);
  double zero[2] = { 0, 0 };
  ns_result g[2 * 8];
  size_t count = 0;
  ck_assert_int_eq (ns_mfn_clarke (f, zero, g, 8, &count), NS_OK);
  ck_assert_uint_eq (count, 1);
  ck_assert (fabs (g[0].val - 1) <= g[0].err && fabs (g[1].val - 1) <= g[1].err);
  ns_mfn_free (f);
}
END_TEST

/* Points within rounding of a kink, off it exactly.  The exact values
   of the doubles (Python's fractions.Fraction):
     0.1 + 0.2 - 0.3       = +2.7755575615628914e-17
     0.1 + 0.2 + 0.3 - 0.6 = +2.7755575615628914e-17
     0.1 + 0.7 - 0.8       = -8.326672684688674e-17
   while the doubles' sums, 5.55e-17, 1.11e-16 and -1.11e-16, are within
   their rounding bounds of 0.  Off the kink f is smooth near the point:
   the Clarke set is the gradient of the branch taken, and f° along d is
   that gradient dotted with d.  0.5 + 0.25 - 0.75 is 0 exactly: on the
   kink, the segment from 0 to (1, 1). */
typedef struct near_case {
  const char *text;
  int n;
  double x[3];
  size_t count;
  double v[2][3];
} near_case;

static const near_case nears[] = {
  { "relu(x + y - 0.3)", 2, { 0.1, 0.2 }, 1, { { 1, 1 } } },
  { "relu(x + y + z - 0.6)", 3, { 0.1, 0.2, 0.3 }, 1, { { 1, 1, 1 } } },
  { "max(x + y, 0.8)", 2, { 0.1, 0.7 }, 1, { { 0, 0 } } },
  { "relu(0.3 - x - y)", 2, { 0.1, 0.2 }, 1, { { 0, 0 } } },
  { "relu(x + y - 0.75)", 2, { 0.5, 0.25 }, 2, { { 0, 0 }, { 1, 1 } } },
  /* A step off its level is locally constant: gradient 0, not a jump. */
  { "heaviside(x + y - 0.3)", 2, { 0.1, 0.2 }, 1, { { 0, 0 } } },
  { "heaviside(x + y - 0.3) + 0*z", 3, { 0.1, 0.2, 0 }, 1, { { 0, 0, 0 } } },
};

START_TEST (test_near_kink)
{
  const near_case *c = &nears[_i];
  ns_mfn *f = parse (c->text, c->n);
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_mfn_clarke_polytope (f, c->x, &p), NS_OK);
  ck_assert_uint_eq (p->count, c->count);
  for (size_t k = 0; k < c->count; k++)
    ck_assert (has_vertex (p, c->v[k]));
  ns_polytope_free (p);
  p = NULL;
  ck_assert_int_eq (ns_mfn_frechet (f, c->x, &p), NS_OK);
  ck_assert_uint_eq (p->count, c->count);
  ns_polytope_free (p);
  /* f° along -(1, ..., 1): -(sum of the gradient) off the kink, 0 on it
     (the vertex 0 of the segment gives the max). */
  double d[3] = { -1, -1, -1 };
  ns_result r;
  ck_assert_int_eq (ns_mfn_clarke_dirderiv (f, c->x, d, &r), NS_OK);
  double ref = 0;
  if (c->count == 1)
    for (int j = 0; j < c->n; j++)
      ref -= c->v[0][j];
  ck_assert (fabs (r.val - ref) <= r.err);
  ns_mfn_free (f);
}
END_TEST

/* A unit of zero weights: relu(0*x + 0*y + 0) is 0 everywhere, so
   relu(0*x + 0*y + 0) + relu(x - y) at a point of x = y has the Clarke
   and Fréchet sets of relu(x - y) there, the segment from (0, 0) to
   (1, -1) (f'(x; d) = max(0, d1 - d2)); the zero unit's kink has two
   branches of gradient 0 and must not turn the answer into a refusal.
   In R^3, relu(0*x + 0*y + 0*z) + |x| at (0, 0.5, 2): the segment from
   (-1, 0, 0) to (1, 0, 0).  The network (ns_mlp) form of the first:
   sizes 2 2 1, a relu layer with rows 0 0 | 0 and 1 -1 | 0, an identity
   output 1 1 | 0, at 0. */
START_TEST (test_zero_unit)
{
  static const char *texts[] = { "relu(0*x + 0*y + 0) + relu(x - y)",
                                 "relu(0*x + 0*y + 0*z) + abs(x)" };
  static const double ends[2][2][3] = { { { 0, 0, 0 }, { 1, -1, 0 } },
                                        { { -1, 0, 0 }, { 1, 0, 0 } } };
  static const double at[2][3] = { { 1, 1, 0 }, { 0, 0.5, 2 } };
  for (int c = 0; c < 2; c++)
    {
      ns_mfn *f = parse (texts[c], c + 2);
      ns_polytope *p = NULL;
      ck_assert_int_eq (ns_mfn_clarke_polytope (f, at[c], &p), NS_OK);
      ck_assert_uint_eq (p->count, 2);
      ck_assert (has_vertex (p, ends[c][0]) && has_vertex (p, ends[c][1]));
      ns_polytope_free (p);
      p = NULL;
      ck_assert_int_eq (ns_mfn_frechet (f, at[c], &p), NS_OK);
      ck_assert_uint_eq (p->count, 2);
      ck_assert (has_vertex (p, ends[c][0]) && has_vertex (p, ends[c][1]));
      ns_polytope_free (p);
      ns_mfn_free (f);
    }
  ns_mlp *net = NULL;
  ns_parse_error pe;
  ck_assert_int_eq (ns_mlp_parse ("sizes 2 2 1\nlayer relu\n0 0 | 0\n1 -1 | 0\n"
                                  "layer identity\n1 1 | 0\n", &net, &pe), NS_OK);
  ns_mfn *f = NULL;
  ck_assert_int_eq (ns_mlp_as_function_of_inputs (net, &f), NS_OK);
  double zero[2] = { 0, 0 };
  ns_polytope *p = NULL;
  ck_assert_int_eq (ns_mfn_clarke_polytope (f, zero, &p), NS_OK);
  ck_assert_uint_eq (p->count, 2);
  ck_assert (has_vertex (p, ends[0][0]) && has_vertex (p, ends[0][1]));
  ns_polytope_free (p);
  ns_mfn_free (f);
  ns_mlp_free (net);
}
END_TEST

/* Convexity decided from the exact sign of a constant factor, not its
   double: (1 + 1e-16) - 1 is 0 in doubles but 1e-16 (the double nearest
   it, > 0) exactly, so -(1 + 1e-16 - 1)*x^2 = -1e-16 x^2 is concave
   (not convex: at x = +-1 it is -1e-16, at 0 it is 0 > the chord), and
   (1 + 1e-16 - 1)*x^2 is convex. */
START_TEST (test_constant_sign)
{
  ns_mfn *f = parse ("-(1 + 1e-16 - 1)*x^2 + 0*y", 2);
  int cert = -1;
  char why[128];
  ck_assert_int_eq (ns_mfn_convexity (f, &cert, why, sizeof why), NS_ENOTCONVEX);
  ck_assert_int_eq (cert, 0);
  ns_mfn_free (f);
  f = parse ("(1 + 1e-16 - 1)*x^2 + 0*y", 2);
  ck_assert_int_eq (ns_mfn_convexity (f, &cert, why, sizeof why), NS_OK);
  ck_assert_int_eq (cert, 1);
  ns_mfn_free (f);
  /* exp(1) - 2.718281828459045 is 0 in doubles and +1.4456e-16 exactly
     (mpmath, 50 digits: e minus the double): a positive multiple of a
     convex function, certified by Arb's sign. */
  f = parse ("(exp(1) - 2.718281828459045)*(x^2 + y^2)", 2);
  ck_assert_int_eq (ns_mfn_convexity (f, &cert, why, sizeof why), NS_OK);
  ns_mfn_free (f);
}
END_TEST

/* f = relu(x + y) + 2 relu(y - z) at 0: convex, a sum of two kinks with
   gradients A = (1, 1, 0) and B = (0, 2, -2) on their active sides, so
   every subdifferential is the parallelogram {a A + b B : a, b in [0, 1]}
   with vertices 0, A, B, A + B, flat in R^3.  The factor 2 is exact, so
   the gradients are exact: the Clarke set is decided (once refused, the
   product's bound blurring a flat hull), the limiting set is one piece,
   and the polygons list their vertices in cyclic order (consecutive
   vertices differ by +-A or +-B, never by a diagonal). */
static int
is_side (const double *p, const double *q)
{
  static const double side[2][3] = { { 1, 1, 0 }, { 0, 2, -2 } };
  for (int k = 0; k < 2; k++)
    for (int sg = -1; sg <= 1; sg += 2)
      {
        int ok = 1;
        for (int j = 0; j < 3; j++)
          ok = ok && q[j] - p[j] == sg * side[k][j];
        if (ok)
          return 1;
      }
  return 0;
}

START_TEST (test_flat_parallelogram)
{
  ns_mfn *f = parse ("relu(x + y) + 2*relu(y - z)", 3);
  double x[3] = { 0, 0, 0 };
  ns_polytope *p = NULL;
  for (int kind = 0; kind < 2; kind++)
    {
      ns_status st = kind ? ns_mfn_frechet (f, x, &p) : ns_mfn_clarke_polytope (f, x, &p);
      ck_assert_msg (st == NS_OK, "kind %d: %s", kind, ns_strerror (st));
      ck_assert_int_eq (p->dim, 2);
      ck_assert_uint_eq (p->count, 4);
      for (size_t k = 0; k < 4; k++)
        {
          for (int j = 0; j < 3; j++)
            ck_assert (p->err[k * 3 + j] == 0);
          ck_assert_msg (is_side (&p->vertices[k * 3], &p->vertices[(k + 1) % 4 * 3]),
                         "kind %d: vertices %zu and %zu are not adjacent", kind, k, (k + 1) % 4);
        }
      ns_polytope_free (p);
    }
  ns_polytope *pieces[8] = { NULL };
  size_t count = 0;
  ck_assert_int_eq (ns_mfn_limiting (f, x, pieces, 8, &count), NS_OK);
  ck_assert_uint_eq (count, 1);
  ck_assert_uint_eq (pieces[0]->count, 4);
  ns_polytope_free (pieces[0]);
  ns_mfn_free (f);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("multi_adv");
  TCase *core = tcase_create ("core");
  tcase_add_loop_test (core, test_tangent_cusp, 0, sizeof cusps / sizeof cusps[0]);
  tcase_add_test (core, test_coinciding_affine);
  tcase_add_loop_test (core, test_near_kink, 0, sizeof nears / sizeof nears[0]);
  tcase_add_test (core, test_constant_sign);
  tcase_add_test (core, test_zero_unit);
  tcase_add_test (core, test_flat_parallelogram);
  suite_add_tcase (s, core);
  return s;
}

