/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_limiting_n.c: the limiting subdifferential as maximal
   pieces in four and five variables, against sets derived by hand (each
   derivation beside its case); the answers of one to three variables
   again when the same function is given unused variables (n = 4, 5: every
   piece times {0}); sub-pieces with nonzero bounds dropped when they are
   made from the gradients of the piece holding them; the work bound. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

/* A hand-derived vertex is an exact small integer; a computed vertex
   within its bound of it matches.  No slack: the references are exact. */

#define MAXV 32

static ns_mfn *
parse_ok (const char *text, int n)
{
  ns_mfn *f = NULL;
  ns_parse_error e;
  ns_status st = ns_mfn_parse (text, n, &f, &e);
  ck_assert_msg (st == NS_OK, "%s: %s (column %d)", text, e.text, e.column);
  return f;
}

/* Whether the computed polytope P has exactly the NV points V (N
   coordinates each) as its vertices, each within its bound. */
static int
piece_is (const ns_polytope *p, int n, const double *v, int nv)
{
  if ((int) p->count != nv)
    return 0;
  for (int a = 0; a < nv; a++)
    {
      int hit = 0;
      for (size_t w = 0; w < p->count && !hit; w++)
        {
          int same = 1;
          for (int j = 0; j < n && same; j++)
            same = fabs (p->vertices[w * n + j] - v[a * n + j]) <= p->err[w * n + j];
          hit = same;
        }
      if (!hit)
        return 0;
    }
  return 1;
}

/* ---- hand-derived pieces in R^4 and R^5 */

typedef struct hand_piece {
  int count;
  double v[MAXV][5];
} hand_piece;

/* Pieces given by a rule where a table would be long: the cube [-1, 1]^n
   (one piece, its 2^n corners), the 2^n points of {-1, 1}^n (one point
   each), or the table. */
enum { BY_TABLE, CUBE, NEG_CORNERS };

typedef struct hand_case {
  const char *text;
  int n;
  int rule;
  int npieces;
  hand_piece pieces[5];
} hand_case;

static const hand_case hand_cases[] = {
  /* ||x||_1 at 0 in R^4.  At a point y near 0 with zero set Z, f is
     sum_{i not in Z} sign(y_i) y_i + sum_{i in Z} |y_i| near y, whose
     Fréchet set is {g : g_i = sign(y_i), i not in Z; g_i in [-1, 1],
     i in Z}, a face of the cube [-1, 1]^4; at y = 0 the whole cube
     (f is convex: Fréchet = convex subdifferential).  Every piece lies in
     the cube: one maximal piece, 16 vertices. */
  { "abs(x1) + abs(x2) + abs(x3) + abs(x4)", 4, CUBE, 1, { { 0, { { 0 } } } } },
  /* The same in R^5: the cube [-1, 1]^5, 32 vertices. */
  { "abs(x1) + abs(x2) + abs(x3) + abs(x4) + abs(x5)", 5, CUBE, 1, { { 0, { { 0 } } } } },
  /* -||x||_1 at 0 in R^4.  Where every y_i != 0 f is smooth with
     gradient -sign(y); where some y_i = 0, f is -|y_i| plus a function of
     the other coordinates, and -|t| has no Fréchet subgradient at 0
     (g t <= -|t| fails for t of the sign of g, or either sign if g = 0):
     empty.  So the 16 points -sign(y) = {-1, 1}^4. */
  { "0 - abs(x1) - abs(x2) - abs(x3) - abs(x4)", 4, NEG_CORNERS, 16, { { 0, { { 0 } } } } },
  /* min(x1, x2, x3, x4) at 0: where x_i is the strict minimum, f = x_i,
     gradient e_i; where x_i and x_j tie as the minimum, g . d <= f'(y; d)
     along d = e_i, e_j, -(e_i + e_j) says g_i <= 0, g_j <= 0 and
     g_i + g_j >= 1: empty.  Four points. */
  { "min(x1, x2, x3, x4)", 4, BY_TABLE, 4,
    { { 1, { { 1, 0, 0, 0 } } }, { 1, { { 0, 1, 0, 0 } } }, { 1, { { 0, 0, 1, 0 } } },
      { 1, { { 0, 0, 0, 1 } } } } },
  /* max(x1, x2, x3, x4) at 0 is convex: its Fréchet set at 0 is the hull
     of the active gradients, the simplex of e_1..e_4; the Fréchet set at
     a point near 0 is the hull of the gradients active there, a face of
     it.  One piece, four vertices. */
  { "max(x1, x2, x3, x4)", 4, BY_TABLE, 1,
    { { 4, { { 1, 0, 0, 0 }, { 0, 1, 0, 0 }, { 0, 0, 1, 0 }, { 0, 0, 0, 1 } } } } },
  /* min(|x1|, |x2|) + x3 + x4 at 0: the plane's pieces of min(|x|, |y|)
     (near (0, t), f = |x1| + ..., Fréchet [-1, 1] x {0}; near (t, 0),
     {0} x [-1, 1]; on the diagonals empty; at 0 the point 0) shifted by
     the gradient (0, 0, 1, 1) of x3 + x4: two segments. */
  { "min(abs(x1), abs(x2)) + x3 + x4", 4, BY_TABLE, 2,
    { { 2, { { -1, 0, 1, 1 }, { 1, 0, 1, 1 } } }, { 2, { { 0, -1, 1, 1 }, { 0, 1, 1, 1 } } } } },
  /* min(x1, ..., x5) at 0 in R^5: as in R^4, the five unit vectors. */
  { "min(x1, x2, x3, x4, x5)", 5, BY_TABLE, 5,
    { { 1, { { 1, 0, 0, 0, 0 } } }, { 1, { { 0, 1, 0, 0, 0 } } }, { 1, { { 0, 0, 1, 0, 0 } } },
      { 1, { { 0, 0, 0, 1, 0 } } }, { 1, { { 0, 0, 0, 0, 1 } } } } },
  /* max(|x1|, |x2|) + |x3| + x4 - x5 at 0 in R^5 is convex: the diamond
     (+-1, 0), (0, +-1) times [-1, 1] times (1, -1), one piece with 8
     vertices. */
  { "max(abs(x1), abs(x2)) + abs(x3) + x4 - x5", 5, BY_TABLE, 1,
    { { 8, { { 1, 0, 1, 1, -1 }, { 1, 0, -1, 1, -1 }, { -1, 0, 1, 1, -1 }, { -1, 0, -1, 1, -1 },
             { 0, 1, 1, 1, -1 }, { 0, 1, -1, 1, -1 }, { 0, -1, 1, 1, -1 },
             { 0, -1, -1, 1, -1 } } } } },
  /* min(x1, x2) + min(x3, x4) at 0: a sum of functions of separate
     variables, so each Fréchet set near 0 is the product of the two
     planes' sets near their points: min(x, y) has {(1, 0)}, {(0, 1)} on
     its open half-planes and the empty set on the line.  Four points. */
  { "min(x1, x2) + min(x3, x4)", 4, BY_TABLE, 4,
    { { 1, { { 1, 0, 1, 0 } } }, { 1, { { 1, 0, 0, 1 } } }, { 1, { { 0, 1, 1, 0 } } },
      { 1, { { 0, 1, 0, 1 } } } } },
  /* min(|x1|, |x2|) + |x3| + |x4| at 0: the plane's two segments times
     the square [-1, 1]^2 of |x3| + |x4| (whose Fréchet set near any point
     is a face of that square, the square itself at (0, 0)): two cubes
     [-1, 1] x {0} x [-1, 1]^2 and {0} x [-1, 1]^3, 8 vertices each. */
  { "min(abs(x1), abs(x2)) + abs(x3) + abs(x4)", 4, BY_TABLE, 2,
    { { 8, { { 1, 0, 1, 1 }, { 1, 0, 1, -1 }, { 1, 0, -1, 1 }, { 1, 0, -1, -1 },
             { -1, 0, 1, 1 }, { -1, 0, 1, -1 }, { -1, 0, -1, 1 }, { -1, 0, -1, -1 } } },
      { 8, { { 0, 1, 1, 1 }, { 0, 1, 1, -1 }, { 0, 1, -1, 1 }, { 0, 1, -1, -1 },
             { 0, -1, 1, 1 }, { 0, -1, 1, -1 }, { 0, -1, -1, 1 }, { 0, -1, -1, -1 } } } } },
  /* max(x1, min(x2, x3)) + |x4| at 0 (nested kinks, the min inside the
     max's branch).  Where x1 > min(x2, x3) f = x1 (+ |x4|); where x1 is
     below, f = x2 (x2 < x3) or x3.  On x1 = x2 < x3, f = max(x1, x2), the
     segment [e1, e2]; on x1 = x3 < x2 [e1, e3]; on x2 = x3 < x1 f = x1;
     on x2 = x3 > x1 a minimum, empty; at 0 (and on the line x1 = x2 =
     x3) g . d <= max(d1, min(d2, d3)) along +-e2, +-e3, +-(1, 1, 1)
     forces g = e1.  Times [-1, 1] for |x4|: two squares. */
  { "max(x1, min(x2, x3)) + abs(x4)", 4, BY_TABLE, 2,
    { { 4, { { 1, 0, 0, 1 }, { 1, 0, 0, -1 }, { 0, 1, 0, 1 }, { 0, 1, 0, -1 } } },
      { 4, { { 1, 0, 0, 1 }, { 1, 0, 0, -1 }, { 0, 0, 1, 1 }, { 0, 0, 1, -1 } } } } },
};

START_TEST (test_hand)
{
  const hand_case *c = &hand_cases[_i];
  int n = c->n;
  ns_mfn *f = parse_ok (c->text, n);
  double x[5] = { 0, 0, 0, 0, 0 };
  ns_polytope *p[32];
  size_t count = 0;
  ns_status st = ns_mfn_limiting (f, x, p, 32, &count);
  ck_assert_msg (st == NS_OK, "%s: %s", c->text, ns_strerror (st));
  ck_assert_msg ((int) count == c->npieces, "%s: %zu pieces, expected %d", c->text, count,
                 c->npieces);
  double v[MAXV * 5];
  int found = 0;
  if (c->rule == CUBE)
    {
      for (int k = 0; k < (1 << n); k++)
        for (int j = 0; j < n; j++)
          v[k * n + j] = (k >> j) & 1 ? -1 : 1;
      found = piece_is (p[0], n, v, 1 << n);
      ck_assert_msg (found, "%s: not the cube", c->text);
    }
  else if (c->rule == NEG_CORNERS)
    for (int k = 0; k < (1 << n); k++)
      {
        for (int j = 0; j < n; j++)
          v[j] = (k >> j) & 1 ? -1 : 1;
        int hit = 0;
        for (size_t q = 0; q < count && !hit; q++)
          hit = piece_is (p[q], n, v, 1);
        ck_assert_msg (hit, "%s: corner %d missing", c->text, k);
      }
  else
    for (int k = 0; k < c->npieces; k++)
      {
        const hand_piece *e = &c->pieces[k];
        for (int a = 0; a < e->count; a++)
          for (int j = 0; j < n; j++)
            v[a * n + j] = e->v[a][j];
        int hit = 0;
        for (size_t q = 0; q < count && !hit; q++)
          hit = piece_is (p[q], n, v, e->count);
        ck_assert_msg (hit, "%s: piece %d missing", c->text, k);
      }
  for (size_t q = 0; q < count; q++)
    ns_polytope_free (p[q]);
  ns_mfn_free (f);
}
END_TEST

/* ---- the answers of fewer variables with unused ones added */

typedef struct lift_case {
  const char *text;
  int n;
  double x[3];
} lift_case;

/* The cases of tests/test_multi.c's limiting table and a few at points
   off 0.  A function that does not depend on x4, x5 has partials 0 in
   them at every point, so each Fréchet set near x is the one of the
   fewer variables times {0}: the same pieces, lifted. */
static const lift_case lift_cases[] = {
  { "min(x, y)", 2, { 0, 0 } },
  { "min(abs(x), abs(y))", 2, { 0, 0 } },
  { "max(min(x, y), 0)", 2, { 0, 0 } },
  { "max(abs(x), abs(y))", 2, { 0, 0 } },
  { "-abs(x)", 1, { 0 } },
  { "abs(x) + abs(y) + abs(z)", 3, { 0, 0, 0 } },
  { "min(min(x, y), z)", 3, { 0, 0, 0 } },
  { "min(abs(x), abs(y)) + abs(z)", 3, { 0, 0, 0 } },
  { "min(x, y) + sin(x)", 2, { 0, 0 } },
  { "abs(x) + abs(y)", 2, { 0, 1 } },
  { "relu(x + y - 1)", 2, { 0.25, 0.75 } },
  { "max(max(x + y, x - y), -x)", 2, { 0, 0 } },
  { "max(x^3, y)", 2, { 0, 0 } },
  { "min(x - y, 2*z) + abs(y + z)", 3, { 0, 0, 0 } },
  /* Nested kinks: a kink inside the branch a max or min does not take. */
  { "max(x, min(y, z))", 3, { 0, 0, 0 } },
  { "min(x, max(y, z))", 3, { 0, 0, 0 } },
  { "max(min(x, y), min(z, 0))", 3, { 0, 0, 0 } },
};

/* The text of the lifted function: the variables renamed x1, x2, x3 (so
   that N = 4, 5 parse; x, y, z style stops at 3). */
static void
rename_vars (const char *text, char *out, size_t size)
{
  size_t o = 0;
  for (const char *s = text; *s != '\0' && o + 3 < size; s++)
    {
      int var = (*s == 'x' || *s == 'y' || *s == 'z')
        && !(s > text && ((s[-1] >= 'a' && s[-1] <= 'z') || (s[-1] >= '0' && s[-1] <= '9')))
        && !((s[1] >= 'a' && s[1] <= 'z') || (s[1] >= '0' && s[1] <= '9'));
      if (var)
        {
          out[o++] = 'x';
          out[o++] = (char) ('1' + (*s - 'x'));
        }
      else
        out[o++] = *s;
    }
  out[o] = '\0';
}

START_TEST (test_lift)
{
  const lift_case *c = &lift_cases[_i];
  ns_mfn *f = parse_ok (c->text, c->n);
  ns_polytope *base[16];
  size_t nbase = 0;
  ck_assert_int_eq (ns_mfn_limiting (f, c->x, base, 16, &nbase), NS_OK);
  ns_mfn_free (f);
  char text[200];
  rename_vars (c->text, text, sizeof text);
  for (int m = 4; m <= 5; m++)
    {
      ns_mfn *g = parse_ok (text, m);
      double x[5] = { 0, 0, 0, 0, 0 };
      memcpy (x, c->x, (size_t) c->n * sizeof (double));
      ns_polytope *lift[16];
      size_t nlift = 0;
      ns_status st = ns_mfn_limiting (g, x, lift, 16, &nlift);
      ck_assert_msg (st == NS_OK, "%s in R^%d: %s", text, m, ns_strerror (st));
      ck_assert_msg (nlift == nbase, "%s in R^%d: %zu pieces, %zu in R^%d", text, m, nlift,
                     nbase, c->n);
      /* Each piece of fewer variables, lifted, is a piece here: the same
         vertices (within the sum of both bounds: both are enclosures of
         the same true vertex) and 0 in the new coordinates within the
         bound (a vertex's bound carries a denormal where |A_S^-1| meets
         a zero bound). */
      for (size_t q = 0; q < nbase; q++)
        {
          int hit = 0;
          for (size_t r = 0; r < nlift && !hit; r++)
            {
              if (lift[r]->count != base[q]->count || lift[r]->dim != base[q]->dim)
                continue;
              int all = 1;
              for (size_t a = 0; a < base[q]->count && all; a++)
                {
                  int one = 0;
                  for (size_t b = 0; b < lift[r]->count && !one; b++)
                    {
                      int same = 1;
                      for (int j = 0; j < m && same; j++)
                        {
                          double lv = lift[r]->vertices[b * m + j], le = lift[r]->err[b * m + j];
                          if (j < c->n)
                            same = fabs (lv - base[q]->vertices[a * c->n + j])
                              <= le + base[q]->err[a * c->n + j];
                          else
                            same = fabs (lv) <= le;
                        }
                      one = same;
                    }
                  all = one;
                }
              hit = all;
            }
          ck_assert_msg (hit, "%s in R^%d: piece %zu of R^%d missing", text, m, q, c->n);
        }
      for (size_t r = 0; r < nlift; r++)
        ns_polytope_free (lift[r]);
      ns_mfn_free (g);
    }
  for (size_t q = 0; q < nbase; q++)
    ns_polytope_free (base[q]);
}
END_TEST

/* ---- maximality with bounds */

/* max(x^3, y) at 0: on y > x^3 the gradient (0, 1); on y < x^3 that of
   x^3, (0, 0) (3x^2 = 0 at 0, with the bound of its slope enclosure);
   on the curve (near 0: the x-axis at first order) the Fréchet set is
   the segment between them (a maximum of two smooth maps), and at 0
   itself the same segment (f'(0; d) = max(0, d_2)).  The limiting set
   is that one segment: the points (0, 0) and (0, 1) of the open cells
   are its ends, made from the same gradients, and are not pieces.  The
   same in R^4 with x3 + |x4| added (the segment times {1} x [-1, 1]:
   one square). */
START_TEST (test_subpieces)
{
  ns_mfn *f = parse_ok ("max(x^3, y)", 2);
  double x[4] = { 0, 0, 0, 0 };
  ns_polytope *p[8];
  size_t count = 0;
  ck_assert_int_eq (ns_mfn_limiting (f, x, p, 8, &count), NS_OK);
  ck_assert_uint_eq (count, 1);
  const double seg[4] = { 0, 0, 0, 1 };
  ck_assert (piece_is (p[0], 2, seg, 2));
  ns_polytope_free (p[0]);
  ns_mfn_free (f);
  f = parse_ok ("max(x1^3, x2) + x3 + abs(x4)", 4);
  ck_assert_int_eq (ns_mfn_limiting (f, x, p, 8, &count), NS_OK);
  ck_assert_uint_eq (count, 1);
  const double sq[16] = { 0, 0, 1, 1, 0, 0, 1, -1, 0, 1, 1, 1, 0, 1, 1, -1 };
  ck_assert (piece_is (p[0], 4, sq, 4));
  ns_polytope_free (p[0]);
  ns_mfn_free (f);
  /* min(x^3, y): on y < x^3 (0, 1), on y > x^3 (0, 0); on the curve and
     at 0 a minimum of two different maps, empty.  Two points, neither
     inside the other: kept both. */
  f = parse_ok ("min(x^3, y)", 2);
  ck_assert_int_eq (ns_mfn_limiting (f, x, p, 8, &count), NS_OK);
  ck_assert_uint_eq (count, 2);
  for (size_t q = 0; q < count; q++)
    ns_polytope_free (p[q]);
  ns_mfn_free (f);
}
END_TEST

/* min(|sin x|, |y|) at 0.  Near 0, where |sin x| < |y| the function is
   |sin x|, gradient (+-cos x, 0) -> (+-1, 0); where |y| < |sin x| it is
   |y|, (0, +-1).  On the wall x = 0 (y != 0) it is |sin x| nearby, with
   the Fréchet set [-1, 1] x {0}; on y = 0 (x != 0) {0} x [-1, 1]; on
   |sin x| = |y| != 0 a minimum of two maps with different gradients,
   empty; at 0 f'(0; d) = min(|d1|, |d2|), Fréchet {0}.  The maximal
   pieces are the two segments.  Each segment is found twice (the walls
   y > 0 and y < 0, from different cells) and the points (+-1, 0) carry
   the bound of cos 0 in each cell: the points of the cells of the
   second wall must be seen inside the segment, which the first wall's
   system cannot show.  The same in R^4 with x3 + x4 added. */
START_TEST (test_subpieces_repeated)
{
  double x[4] = { 0, 0, 0, 0 };
  ns_polytope *p[8];
  size_t count = 0;
  const char *text[] = { "min(abs(sin(x)), abs(y))", "min(abs(sin(x)), abs(sin(y)))",
                         "min(abs(sin(x1)), abs(x2)) + x3 + x4" };
  for (int c = 0; c < 3; c++)
    {
      int n = c < 2 ? 2 : 4;
      ns_mfn *f = parse_ok (text[c], n);
      ck_assert_int_eq (ns_mfn_limiting (f, x, p, 8, &count), NS_OK);
      ck_assert_msg (count == 2, "%s: %zu pieces", text[c], count);
      const double sx2[4] = { -1, 0, 1, 0 }, sy2[4] = { 0, -1, 0, 1 };
      const double sx4[8] = { -1, 0, 1, 1, 1, 0, 1, 1 }, sy4[8] = { 0, -1, 1, 1, 0, 1, 1, 1 };
      const double *sx = n == 2 ? sx2 : sx4, *sy = n == 2 ? sy2 : sy4;
      ck_assert ((piece_is (p[0], n, sx, 2) && piece_is (p[1], n, sy, 2))
                 || (piece_is (p[0], n, sy, 2) && piece_is (p[1], n, sx, 2)));
      for (size_t q = 0; q < count; q++)
        ns_polytope_free (p[q]);
      ns_mfn_free (f);
    }
}
END_TEST

/* ---- random functions of four variables: the pieces against the other
   sets */

/* A small deterministic generator (a 64-bit LCG, Knuth's MMIX
   constants), so a failure prints a seed that reproduces it. */
static int
next_rand (unsigned long long *state, int n)
{
  *state = *state * 6364136223846793005ULL + 1442695040888963407ULL;
  return (int) ((*state >> 33) % (unsigned) n);
}

/* A linear form in x1..x4 with coefficients in -2..2, not all 0. */
static size_t
put_form (char *out, size_t size, unsigned long long *state)
{
  size_t o = 0;
  int any = 0;
  for (int j = 0; j < 4; j++)
    {
      int a = next_rand (state, 5) - 2;
      if (a == 0 && !(j == 3 && !any))
        continue;
      if (a == 0)
        a = 1;
      o += (size_t) snprintf (out + o, size - o, "%s%d*x%d", any ? " + " : "", a, j + 1);
      any = 1;
    }
  return o;
}

/* Whether G (bounds GE) is in the polytope P: a vertex of it within both
   bounds, or inside it for every reading (ns_polytope_contains; a thin
   polytope with bounds leaves that open, but a gradient of a cell is a
   vertex of every Fréchet set near x that holds it, its inequalities
   g . d <= g_c . d being tight on the cell's open cone of directions;
   a piece's vertex strictly inside a thin Clarke set would be missed
   here, which 1200 draws (NS_TEST_SCALE=30) never met, and the f° test
   holds for it in any case). */
static int
in_piece (const ns_polytope *p, const double *g, const double *ge)
{
  for (size_t w = 0; w < p->count; w++)
    {
      int same = 1;
      for (int j = 0; j < p->n && same; j++)
        same = fabs (p->vertices[w * p->n + j] - g[j]) <= p->err[w * p->n + j] + ge[j];
      if (same)
        return 1;
    }
  int inside = 0;
  return ns_polytope_contains (p, g, ge, &inside) == NS_OK && inside;
}

/* Every piece lies in the Clarke set (the limiting set is in its hull),
   every limiting gradient (the Fréchet set at points of an open cell) in
   some piece, and the Fréchet set at 0, when not empty, in one piece.
   Sums of two or three of max, min, abs, relu of linear forms (kinks
   through 0, all active there). */
START_TEST (test_random)
{
  int iters = ns_test_iterations (40), done = 0;
  unsigned long long state = 20261207ULL;
  for (int it = 0; it < iters; it++)
    {
      unsigned long long seed = state;
      char text[400];
      size_t o = 0;
      int terms = 2 + next_rand (&state, 2);
      for (int k = 0; k < terms; k++)
        {
          static const char *const ops[] = { "max(", "min(", "abs(", "relu(" };
          int op = next_rand (&state, 4);
          o += (size_t) snprintf (text + o, sizeof text - o, "%s%s", k > 0 ? " + " : "", ops[op]);
          o += put_form (text + o, sizeof text - o, &state);
          if (op < 2)
            {
              o += (size_t) snprintf (text + o, sizeof text - o, ", ");
              o += put_form (text + o, sizeof text - o, &state);
            }
          o += (size_t) snprintf (text + o, sizeof text - o, ")");
        }
      ns_mfn *f = parse_ok (text, 4);
      double x[4] = { 0, 0, 0, 0 };
      ns_polytope *p[64], *clarke = NULL, *fr = NULL;
      size_t count = 0, ng = 0;
      ns_result g[256 * 4];
      ns_status st = ns_mfn_limiting (f, x, p, 64, &count);
      ns_status sc = ns_mfn_clarke_polytope (f, x, &clarke);
      ns_status sg = ns_mfn_limiting_gradients (f, x, g, 256, &ng);
      ns_status sf = ns_mfn_frechet (f, x, &fr);
      if (st != NS_OK || sg != NS_OK || sf != NS_OK)
        {
          if (getenv ("NS_TEST_VERBOSE") != NULL)
            fprintf (stderr, "%s: %s %s %s %s\n", text, ns_strerror (st), ns_strerror (sc),
                     ns_strerror (sg), ns_strerror (sf));
          /* A refusal is allowed (undecided cells, limits), never a
             wrong set. */
          ck_assert_msg (st == NS_OK || st == NS_ELIMIT || st == NS_EUNDECIDED,
                         "seed %llu, %s: %s", seed, text, ns_strerror (st));
          for (size_t q = 0; q < count && q < 64; q++)
            ns_polytope_free (p[q]);
          ns_polytope_free (clarke);
          ns_polytope_free (fr);
          ns_mfn_free (f);
          continue;
        }
      done++;
      for (size_t q = 0; q < count; q++)
        for (size_t v = 0; v < p[q]->count; v++)
          {
            const double *pv = p[q]->vertices + v * 4, *pe = p[q]->err + v * 4;
            if (sc == NS_OK)
              ck_assert_msg (in_piece (clarke, pv, pe), "seed %llu, %s: piece %zu vertex %zu "
                             "not in the Clarke set", seed, text, q, v);
            /* Clarke's f°(0; d) is the support function of the Clarke
               set: g . d <= f°(0; d) along the unit vectors, their
               negatives and a few mixed directions. */
            for (int t = 0; t < 12; t++)
              {
                double d[4];
                for (int j = 0; j < 4; j++)
                  d[j] = t < 8 ? (j == t / 2 ? (t % 2 ? -1 : 1) : 0)
                    : sin (2.385 * (t + 1) + 1.3 * j);
                ns_result fo;
                if (ns_mfn_clarke_dirderiv (f, x, d, &fo) != NS_OK)
                  continue;
                double gd = 0, ge = 0;
                for (int j = 0; j < 4; j++)
                  {
                    gd += pv[j] * d[j];
                    ge += pe[j] * fabs (d[j]);
                  }
                /* gd is a sum of four products, rounded: 8 ulps of the
                   sum of their sizes. */
                ck_assert_msg (gd <= fo.val + fo.err + ge + 8 * DBL_EPSILON * (4 + fabs (gd)),
                               "seed %llu, %s: piece %zu vertex %zu above f°(0; d) for d %d",
                               seed, text, q, v, t);
              }
          }
      for (size_t k = 0; k < ng; k++)
        {
          double gv[4], ge[4];
          for (int j = 0; j < 4; j++)
            {
              gv[j] = g[k * 4 + (size_t) j].val;
              ge[j] = g[k * 4 + (size_t) j].err;
            }
          int hit = 0;
          for (size_t q = 0; q < count && !hit; q++)
            hit = in_piece (p[q], gv, ge);
          ck_assert_msg (hit, "seed %llu, %s: limiting gradient %zu in no piece", seed, text, k);
        }
      if (fr->count > 0)
        {
          int hit = 0;
          for (size_t q = 0; q < count && !hit; q++)
            {
              int all = 1;
              for (size_t v = 0; v < fr->count && all; v++)
                all = in_piece (p[q], fr->vertices + v * 4, fr->err + v * 4);
              hit = all;
            }
          ck_assert_msg (hit, "seed %llu, %s: the Fréchet set at 0 in no piece", seed, text);
        }
      for (size_t q = 0; q < count; q++)
        ns_polytope_free (p[q]);
      ns_polytope_free (clarke);
      ns_polytope_free (fr);
      ns_mfn_free (f);
    }
  /* Most draws are decided: the test is not vacuous. */
  ck_assert_msg (2 * done >= iters, "only %d of %d draws decided", done, iters);
}
END_TEST

/* ---- limits */

/* -||x||_1 at 0 in R^7 has 3^7 = 2187 faces whose Fréchet sets count
   past the work bound, and it is not convex: refused, nothing written.
   ||x||_1 there is convex: its limiting set is the convex
   subdifferential, one piece, the cube [-1, 1]^7 (2^7 vertices +-1).  A
   piece past the Fréchet set's own bound; a limiting set with more
   pieces than room: the count says how many (the 16 corners of
   -||x||_1). */
START_TEST (test_limits)
{
  ns_mfn *f = parse_ok ("0 - (abs(x1) + abs(x2) + abs(x3) + abs(x4) + abs(x5) + abs(x6)"
                        " + abs(x7))", 7);
  double x[7] = { 0 };
  ns_polytope *p[4] = { NULL, NULL, NULL, NULL };
  size_t count = 99;
  ck_assert_int_eq (ns_mfn_limiting (f, x, p, 4, &count), NS_ELIMIT);
  ck_assert_uint_eq (count, 0);
  for (int q = 0; q < 4; q++)
    ck_assert (p[q] == NULL);
  ns_mfn_free (f);
  f = parse_ok ("abs(x1) + abs(x2) + abs(x3) + abs(x4) + abs(x5) + abs(x6) + abs(x7)", 7);
  ck_assert_int_eq (ns_mfn_limiting (f, x, p, 4, &count), NS_OK);
  ck_assert_uint_eq (count, 1);
  ck_assert_uint_eq (p[0]->count, 128);
  for (size_t v = 0; v < p[0]->count; v++)
    for (int c = 0; c < 7; c++)
      ck_assert (fabs (p[0]->vertices[v * 7 + c]) == 1 && p[0]->err[v * 7 + c] == 0);
  ns_polytope_free (p[0]);
  p[0] = NULL;
  ck_assert_int_eq (ns_mfn_limiting (f, x, p, 0, &count), NS_ELIMIT);
  ck_assert_uint_eq (count, 1);
  ns_mfn_free (f);
  /* Six generic |a_i . x| summed in R^4: the Fréchet set at 0 (a
     zonotope cut out by the 40 rays of the arrangement) passes its own
     work bound, and the limiting set with it; were it computed, the
     function is convex, so its one piece. */
  f = parse_ok ("abs(3*x1 + x2 + 3*x3 - 3*x4) + abs(3*x2 - x3 - 3*x4)"
                " + abs(-3*x1 - 2*x2 + 2*x3 + x4) + abs(3*x2 + 2*x3 - x4)"
                " + abs(-x1 + 3*x2 - 3*x3 - x4) + abs(3*x2 - 2*x3 + 2*x4)", 4);
  ns_status st = ns_mfn_limiting (f, x, p, 4, &count);
  ck_assert (st == NS_ELIMIT || (st == NS_OK && count == 1));
  if (st == NS_OK)
    ns_polytope_free (p[0]);
  ns_mfn_free (f);
  f = parse_ok ("0 - abs(x1) - abs(x2) - abs(x3) - abs(x4)", 4);
  ck_assert_int_eq (ns_mfn_limiting (f, x, p, 4, &count), NS_ELIMIT);
  ck_assert_uint_eq (count, 16);
  for (int q = 0; q < 4; q++)
    {
      ck_assert (p[q] != NULL && p[q]->count == 1);
      ns_polytope_free (p[q]);
    }
  ns_mfn_free (f);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("limiting_n");
  TCase *core = tcase_create ("core");
  tcase_set_timeout (core, 60);
  tcase_add_loop_test (core, test_hand, 0, sizeof hand_cases / sizeof hand_cases[0]);
  tcase_add_loop_test (core, test_lift, 0, sizeof lift_cases / sizeof lift_cases[0]);
  tcase_add_test (core, test_subpieces);
  tcase_add_test (core, test_subpieces_repeated);
  tcase_add_test (core, test_random);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_set_timeout (limits, 60);
  tcase_add_test (limits, test_limits);
  suite_add_tcase (s, limits);
  return s;
}
