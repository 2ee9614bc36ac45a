/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/subdiff/convexity_pl.c: convexity of a piecewise-linear tree, breakpoint by
   breakpoint.  Such a function is continuous, and it is convex exactly when
   its slope never drops at a breakpoint.  The one-sided slopes are computed
   by walking the tree with each node's value and slope and a rigorous bound
   on their rounding (error-free transformations: exact arithmetic keeps a
   zero bound, so slopes like 1/2 and 1 compare exactly).  On the whole line
   the breakpoints are searched in a range shown to contain them all: no
   kink's switching quantity crosses its level on the two outer rays. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "subdiff/convexity_impl.h"
#include "text.h"

/* A node's value and one-sided slope at a point, each with a bound on its
   rounding error; HASX says whether the subtree depends on x. */
typedef struct pl_val {
  double v, ve;
  double d, de;
  int hasx;
} pl_val;

/* Kinks remembered per point, to tell one kink from a cluster. */
#define PL_MAX_AT 8

typedef struct pl_ctx {
  int side;           /* -1: slopes on the left of the point, +1 on the right */
  int ray;            /* also check that no kink switches beyond the point on that side */
  int ray_fail;       /* a kink may switch on the ray */
  int nat;            /* kinks at their switch point here whose quantity moves (up to PL_MAX_AT kept) */
  int ninexact;       /* of those, the ones only within rounding of the switch point */
  const ns_function *at[PL_MAX_AT];
  const char *why;    /* why the walk failed */
} pl_ctx;

static void
ctx_init (pl_ctx *c, int side, int ray)
{
  c->side = side;
  c->ray = ray;
  c->ray_fail = 0;
  c->nat = 0;
  c->ninexact = 0;
  c->why = NULL;
}

/* An error bound after a few more roundings of its own computation. */
static double
grow (double e)
{
  return e == 0 ? 0 : e * (1 + 4 * DBL_EPSILON) + DBL_TRUE_MIN;
}

/* a + b and its exact rounding error (Knuth's TwoSum). */
static double
two_sum (double a, double b, double *err)
{
  double s = a + b;
  double bb = s - a;
  *err = (a - (s - bb)) + (b - bb);
  return s;
}

/* |a b - p| for p = fl(a b): exact by fma unless the product is tiny. */
static double
prod_err (double a, double b, double p)
{
  if (a == 0 || b == 0)
    return 0;
  double e = fabs (fma (a, b, -p));
  if (fabs (p) < 0x1p-960)
    e += 0x1p-1000;
  return e;
}

int
ns_convex_has_x (const ns_function *f)
{
  ns_op op = ns_fn_op (f);
  if (op == NS_OP_X)
    return 1;
  int arity = ns_op_get (op)->arity;
  for (int i = 0; i < arity; i++)
    if (ns_convex_has_x (ns_fn_arg (f, i)))
      return 1;
  return 0;
}

static int
is_pl_op (const ns_function *f)
{
  switch (ns_fn_op (f))
    {
    case NS_OP_X: case NS_OP_CONST: case NS_OP_ADD: case NS_OP_SUB:
    case NS_OP_NEG: case NS_OP_MUL: case NS_OP_DIV: case NS_OP_RELU:
    case NS_OP_ABS: case NS_OP_MAX: case NS_OP_MIN: case NS_OP_CLAMP:
    case NS_OP_LEAKY_RELU:
      return 1;
    case NS_OP_POW:
      return ns_fn_param (f, 0) == 1;
    default:
      return 0;
    }
}

static int
is_pl_tree (const ns_function *f, long *budget)
{
  if (--*budget < 0)
    return 0;
  if (!is_pl_op (f))
    return !ns_convex_has_x (f);
  int arity = ns_op_get (ns_fn_op (f))->arity;
  int nx = 0;
  for (int i = 0; i < arity; i++)
    {
      if (!is_pl_tree (ns_fn_arg (f, i), budget))
        return 0;
      nx += ns_convex_has_x (ns_fn_arg (f, i));
    }
  ns_op op = ns_fn_op (f);
  if (op == NS_OP_MUL && nx == 2)
    return 0;
  if (op == NS_OP_DIV && ns_convex_has_x (ns_fn_arg (f, 1)))
    return 0;
  return 1;
}

int
ns_convex_is_pl (const ns_function *f)
{
  long budget = NS_CONVEX_MAX_PL_NODES;
  return f != NULL && is_pl_tree (f, &budget);
}

/* ------------------------------------------------------------------ arithmetic with bounds */

static void
pl_add (const pl_val *a, const pl_val *b, double sign, pl_val *out)
{
  double e1, e2;
  out->v = two_sum (a->v, sign * b->v, &e1);
  out->ve = grow (a->ve + b->ve + fabs (e1));
  out->d = two_sum (a->d, sign * b->d, &e2);
  out->de = grow (a->de + b->de + fabs (e2));
  out->hasx = a->hasx || b->hasx;
}

/* c a, for a constant c known within ce. */
static void
pl_scale (const pl_val *a, double c, double ce, pl_val *out)
{
  double v = c * a->v, d = c * a->d;
  out->ve = grow (fabs (c) * a->ve + fabs (a->v) * ce + ce * a->ve + prod_err (c, a->v, v));
  out->de = grow (fabs (c) * a->de + fabs (a->d) * ce + ce * a->de + prod_err (c, a->d, d));
  out->v = v;
  out->d = d;
  out->hasx = a->hasx;
}

/* q = fl(a / c) and a bound on |A/C - q| for |A - a| <= ae, |C - c| <= ce < |c|. */
static double
div_bounded (double a, double ae, double c, double ce, double *err)
{
  double q = a / c, ac = fabs (c);
  double r = fabs (fma (-q, c, a));     /* a - q c, exact */
  if (fabs (q) < 0x1p-960 && a != 0)
    r += 0x1p-1000 * ac;
  double prop = (ae * ac + fabs (a) * ce) / (ac * (ac - ce));
  *err = grow (r / ac + prop);
  return q;
}

static void
pl_div (const pl_val *a, double c, double ce, pl_val *out)
{
  out->v = div_bounded (a->v, a->ve, c, ce, &out->ve);
  out->d = div_bounded (a->d, a->de, c, ce, &out->de);
  out->hasx = a->hasx;
}

static void
pl_const (double v, double ve, pl_val *out)
{
  out->v = v;
  out->ve = ve;
  out->d = out->de = 0;
  out->hasx = 0;
}

/* Where the switching quantity Q stands against LEVEL near the point, on
   the context's side: sets *ABOVE, and *SLACK to how far the branches may
   be from the true value here (0 unless Q is at the level within
   rounding).  Returns -1 when the side cannot be decided. */
static int
pl_switch_side (const ns_function *node, const pl_val *q, double level, pl_ctx *c,
                int *above, double *slack)
{
  double te;
  double t = two_sum (q->v, -level, &te);
  double tol = grow (q->ve + fabs (te));
  if (!isfinite (t) || !isfinite (tol) || !isfinite (q->d) || !isfinite (q->de))
    {
      c->why = "a value overflows";
      return -1;
    }
  if (t > tol || t < -tol)
    {
      int s = t > 0 ? 1 : -1;
      *above = s > 0;
      *slack = 0;
      /* On the ray the quantity must not move towards the level. */
      if (c->ray && !(s * c->side * q->d >= q->de))
        c->ray_fail = 1;
      return 0;
    }
  *slack = fabs (t) + tol;
  if (q->d == 0 && q->de == 0)
    {
      /* Constant at the level on this side: every branch has the same
         slope here (the branches differ by a multiple of Q - level). */
      *above = 1;
      return 0;
    }
  if (c->ray)
    c->ray_fail = 1;
  double dir = c->side * q->d;
  if (dir > q->de)
    *above = 1;
  else if (dir < -q->de)
    *above = 0;
  else
    {
      c->why = "the direction of a kink's argument is lost in rounding";
      return -1;
    }
  if (c->nat < PL_MAX_AT)
    c->at[c->nat] = node;
  c->nat++;
  if (!(t == 0 && tol == 0))
    c->ninexact++;
  return 0;
}

static int pl_walk (const ns_function *f, double x, pl_ctx *c, pl_val *out);

/* The switching quantity of a kink node: its argument, or a - b for max
   and min.  Sets *LEVELS (one or two) and *NLEVELS. */
static int
pl_switch_quantity (const ns_function *f, double x, pl_ctx *c, pl_val *q,
                    pl_val *a, pl_val *b, double *levels, int *nlevels)
{
  ns_op op = ns_fn_op (f);
  if (pl_walk (ns_fn_arg (f, 0), x, c, a) != 0)
    return -1;
  levels[0] = 0;
  *nlevels = 1;
  if (op == NS_OP_MAX || op == NS_OP_MIN)
    {
      if (pl_walk (ns_fn_arg (f, 1), x, c, b) != 0)
        return -1;
      pl_add (a, b, -1.0, q);
      return 0;
    }
  *q = *a;
  if (op == NS_OP_CLAMP)
    {
      levels[0] = ns_fn_param (f, 0);
      levels[1] = ns_fn_param (f, 1);
      *nlevels = 2;
    }
  return 0;
}

static int
pl_kink (const ns_function *f, double x, pl_ctx *c, pl_val *out)
{
  ns_op op = ns_fn_op (f);
  pl_val q, a, b;
  double levels[2];
  int nlevels, above;
  double slack = 0, factor = 1;
  if (pl_switch_quantity (f, x, c, &q, &a, &b, levels, &nlevels) != 0)
    return -1;
  if (pl_switch_side (f, &q, levels[0], c, &above, &slack) != 0)
    return -1;
  switch (op)
    {
    case NS_OP_RELU:
      if (above)
        *out = a;
      else
        pl_const (0, 0, out);
      break;
    case NS_OP_ABS:
      factor = 2;
      if (above)
        *out = a;
      else
        pl_scale (&a, -1.0, 0, out);
      break;
    case NS_OP_LEAKY_RELU:
      {
        double s = ns_fn_param (f, 0);
        factor = 1 + fabs (1 - s);
        if (above)
          *out = a;
        else
          pl_scale (&a, s, 0, out);
        break;
      }
    case NS_OP_MAX:
      *out = above ? a : b;
      out->hasx = a.hasx || b.hasx;
      break;
    case NS_OP_MIN:
      *out = above ? b : a;
      out->hasx = a.hasx || b.hasx;
      break;
    case NS_OP_CLAMP:
      if (levels[0] == levels[1])
        {
          pl_const (levels[0], 0, out);
          return 0;
        }
      if (!above)
        pl_const (levels[0], 0, out);
      else
        {
          double slack_hi;
          if (pl_switch_side (f, &q, levels[1], c, &above, &slack_hi) != 0)
            return -1;
          slack += slack_hi;
          if (above)
            pl_const (levels[1], 0, out);
          else
            *out = a;
        }
      break;
    default:
      c->why = "not a kink";
      return -1;
    }
  out->ve = grow (out->ve + factor * slack);
  return 0;
}

/* The value and slope of F at X on the context's side. */
static int
pl_walk (const ns_function *f, double x, pl_ctx *c, pl_val *out)
{
  ns_op op = ns_fn_op (f);
  if (!is_pl_op (f))
    {
      ns_result r;
      if (ns_convex_has_x (f))
        {
          c->why = "not piecewise linear";
          return -1;
        }
      if (ns_fn_eval (f, 0.0, &r) != NS_OK || !isfinite (r.val) || !isfinite (r.err))
        {
          c->why = "a constant that is undefined";
          return -1;
        }
      pl_const (r.val, r.err, out);
      return 0;
    }
  pl_val a, b;
  switch (op)
    {
    case NS_OP_X:
      out->v = x;
      out->ve = 0;
      out->d = 1;
      out->de = 0;
      out->hasx = 1;
      return 0;
    case NS_OP_CONST:
      pl_const (ns_fn_param (f, 0), 0, out);
      return 0;
    case NS_OP_POW:
      return pl_walk (ns_fn_arg (f, 0), x, c, out);
    case NS_OP_NEG:
      if (pl_walk (ns_fn_arg (f, 0), x, c, &a) != 0)
        return -1;
      pl_scale (&a, -1.0, 0, out);
      return 0;
    case NS_OP_ADD:
    case NS_OP_SUB:
    case NS_OP_MUL:
    case NS_OP_DIV:
      if (pl_walk (ns_fn_arg (f, 0), x, c, &a) != 0
          || pl_walk (ns_fn_arg (f, 1), x, c, &b) != 0)
        return -1;
      if (op == NS_OP_ADD || op == NS_OP_SUB)
        {
          pl_add (&a, &b, op == NS_OP_ADD ? 1.0 : -1.0, out);
          break;
        }
      if (op == NS_OP_MUL)
        {
          if (a.hasx && b.hasx)
            {
              c->why = "a product of two non-constant factors";
              return -1;
            }
          if (a.hasx)
            pl_scale (&a, b.v, b.ve, out);
          else
            pl_scale (&b, a.v, a.ve, out);
          break;
        }
      if (b.hasx || !(fabs (b.v) > b.ve))
        {
          c->why = b.hasx ? "division by a non-constant" : "division by a constant not told from zero";
          return -1;
        }
      pl_div (&a, b.v, b.ve, out);
      break;
    default:
      if (pl_kink (f, x, c, out) != 0)
        return -1;
      break;
    }
  if (!isfinite (out->v) || !isfinite (out->ve) || !isfinite (out->d) || !isfinite (out->de))
    {
      c->why = "a value overflows";
      return -1;
    }
  return 0;
}

/* ------------------------------------------------------------------ where the breakpoints lie */

typedef struct hull {
  int nonempty;
  double lo, hi;
} hull;

static void
hull_add (hull *h, double p)
{
  if (!h->nonempty)
    {
      h->nonempty = 1;
      h->lo = h->hi = p;
      return;
    }
  h->lo = fmin (h->lo, p);
  h->hi = fmax (h->hi, p);
}

/* An approximate hull of the breakpoints of F: those of its arguments, and
   the roots of its switching quantity, which is affine on each outer ray
   of the arguments' hull (or everywhere when that hull is empty).  The
   caller widens it and proves it with ray checks. */
static int
pl_hull (const ns_function *f, hull *h, const char **why)
{
  h->nonempty = 0;
  if (!is_pl_op (f) || !ns_convex_has_x (f))
    return 0;
  ns_op op = ns_fn_op (f);
  int arity = ns_op_get (op)->arity;
  for (int i = 0; i < arity; i++)
    {
      hull hi;
      if (pl_hull (ns_fn_arg (f, i), &hi, why) != 0)
        return -1;
      if (hi.nonempty)
        {
          hull_add (h, hi.lo);
          hull_add (h, hi.hi);
        }
    }
  if (!ns_op_get (op)->is_kink)
    return 0;
  /* The ends of the arguments' hull (or 0), and the side looking out. */
  double ends[2] = { h->nonempty ? h->lo : 0, h->nonempty ? h->hi : 0 };
  int sides[2] = { -1, 1 };
  int nends = h->nonempty ? 2 : 1;
  if (!h->nonempty)
    sides[0] = 1;
  double found[4];
  int nfound = 0;
  for (int e = 0; e < nends; e++)
    {
      pl_ctx c;
      ctx_init (&c, sides[e], 0);
      pl_val q, a, b;
      double levels[2];
      int nlevels;
      if (pl_switch_quantity (f, ends[e], &c, &q, &a, &b, levels, &nlevels) != 0)
        {
          *why = c.why;
          return -1;
        }
      if (q.d == 0)
        continue;
      for (int k = 0; k < nlevels; k++)
        {
          double r = ends[e] - (q.v - levels[k]) / q.d;
          if (!isfinite (r))
            {
              *why = "a breakpoint overflows";
              return -1;
            }
          /* Only roots out on the ray: inside, the arguments' own kinks
             are already in the hull. */
          if (!h->nonempty || sides[e] * (r - ends[e]) > 0)
            found[nfound++] = r;
        }
    }
  for (int i = 0; i < nfound; i++)
    hull_add (h, found[i]);
  return 0;
}

/* ------------------------------------------------------------------ the check */

/* The one-sided slopes at P; fails when a kink's side is undecided or
   when two or more kinks meet at P not exactly (their true switch points
   may differ by a rounding, hiding a piece between them). */
static int
slopes_at (const ns_function *f, double p, pl_val *left, pl_val *right, const char **why)
{
  pl_ctx cl, cr;
  ctx_init (&cl, -1, 0);
  ctx_init (&cr, 1, 0);
  if (pl_walk (f, p, &cl, left) != 0)
    {
      *why = cl.why;
      return -1;
    }
  if (pl_walk (f, p, &cr, right) != 0)
    {
      *why = cr.why;
      return -1;
    }
  if (cl.ninexact + cr.ninexact == 0)
    return 0;
  if (cl.nat > PL_MAX_AT || cr.nat > PL_MAX_AT)
    {
      *why = "too many kinks meet at one point";
      return -1;
    }
  const ns_function *first = cl.nat > 0 ? cl.at[0] : cr.at[0];
  for (int i = 0; i < cl.nat; i++)
    if (cl.at[i] != first)
      goto cluster;
  for (int i = 0; i < cr.nat; i++)
    if (cr.at[i] != first)
      goto cluster;
  return 0;
cluster:
  *why = "two kinks meet within rounding of each other";
  return -1;
}

/* Whether the slope S (error SE) equals T (error TE) within the bounds. */
static int
same_slope (double s, double se, double t, double te)
{
  return fabs (s - t) <= grow (se + te);
}

/* Finds a range [*L, *U] beyond which no kink switches, proved by the ray
   checks. */
static int
bracket_breakpoints (const ns_function *f, double *L, double *U, const char **why)
{
  hull h;
  if (pl_hull (f, &h, why) != 0)
    return -1;
  double lo = h.nonempty ? h.lo : 0, hi = h.nonempty ? h.hi : 0;
  double margin = 1 + (hi - lo) + 1e-6 * (fabs (lo) + fabs (hi));
  for (int attempt = 0; attempt < 8 && isfinite (margin); attempt++, margin *= 16)
    {
      double l = lo - margin, u = hi + margin;
      if (!isfinite (l) || !isfinite (u))
        break;
      pl_ctx cl, cu;
      pl_val vl, vu;
      ctx_init (&cl, -1, 1);
      ctx_init (&cu, 1, 1);
      if (pl_walk (f, l, &cl, &vl) != 0 || pl_walk (f, u, &cu, &vu) != 0)
        {
          *why = cl.why != NULL ? cl.why : cu.why;
          return -1;
        }
      if (!cl.ray_fail && !cu.ray_fail)
        {
          *L = l;
          *U = u;
          return 0;
        }
    }
  *why = "could not bracket the breakpoints";
  return -1;
}

ns_status
ns_convex_pl_check (const ns_function *f, double a, double b, ns_convexity_report *r)
{
  int whole = isinf (a) && isinf (b);
  const char *why = NULL;
  double L = a, U = b;
  if (whole && bracket_breakpoints (f, &L, &U, &why) != 0)
    {
      snprintf (r->reason, sizeof r->reason, "not certified: piecewise check: %s", why);
      return NS_OK;
    }
  double *pts = NULL;
  size_t m = 0;
  ns_status st = ns_convex_range_points (f, L, U, r, &pts, &m);
  if (pts == NULL)
    return st;

  int unknown = 0;
  double worst = 0;
  size_t nbreak = 0;
  pl_val prev_right;   /* the slope just right of the previous point */
  for (size_t i = 0; i < m; i++)
    {
      pl_val left, right;
      if (slopes_at (f, pts[i], &left, &right, &why) != 0)
        {
          unknown = 1;
          break;
        }
      if (i > 0)
        {
          /* One piece between consecutive points: the slope at the
             midpoint, with no kink switching there, must be the slopes
             at both ends; otherwise the search missed a breakpoint. */
          double mid = pts[i - 1] + (pts[i] - pts[i - 1]) / 2;
          pl_ctx cm;
          pl_val vm;
          ctx_init (&cm, 1, 0);
          if (pl_walk (f, mid, &cm, &vm) != 0 || cm.nat > 0
              || !same_slope (vm.d, vm.de, prev_right.d, prev_right.de)
              || !same_slope (vm.d, vm.de, left.d, left.de))
            {
              why = "a piece is not affine between the breakpoints found";
              unknown = 1;
              break;
            }
        }
      prev_right = right;
      /* Range ends: only the inside matters.  Whole line: L and U are not
         breakpoints (the ray checks), so only the points between count. */
      if (i == 0 || i == m - 1)
        continue;
      nbreak++;
      double je;
      double jump = two_sum (right.d, -left.d, &je);
      double jerr = grow (left.de + right.de + fabs (je));
      if (jump < -jerr)
        {
          if (r->witness == NS_CONVEX_WITNESS_NONE || jump < worst)
            {
              worst = jump;
              r->witness = NS_CONVEX_WITNESS_SLOPE_DROP;
              r->x = pts[i];
              r->lo = left.d;
              r->hi = right.d;
              r->value = jump;
            }
        }
      else if (!(jump >= jerr))
        {
          why = "a slope change is lost in rounding";
          unknown = 1;
        }
    }
  free (pts);
  r->nbreak = nbreak;
  if (r->witness != NS_CONVEX_WITNESS_NONE)
    {
      r->answer = NS_CONVEX_NO;
      r->method = NS_CONVEX_BY_PIECES;
      char lo[NS_NUMBER_TEXT_SIZE], hi[NS_NUMBER_TEXT_SIZE], at[NS_NUMBER_TEXT_SIZE];
      /* + 0.0: a slope of -0 (of -relu(x)) reads as 0 in the sentence. */
      ns_format_number (r->lo + 0.0, lo);
      ns_format_number (r->hi + 0.0, hi);
      ns_format_number (r->x, at);
      snprintf (r->reason, sizeof r->reason,
                "not convex: the slope drops from %.24s to %.24s at x = %.24s", lo, hi, at);
      return NS_OK;
    }
  if (unknown)
    {
      snprintf (r->reason, sizeof r->reason, "not certified: piecewise check: %s", why);
      return NS_OK;
    }
  r->answer = NS_CONVEX_YES;
  r->method = NS_CONVEX_BY_PIECES;
  snprintf (r->reason, sizeof r->reason,
            "convex: piecewise linear, its slope never drops at its %zu breakpoint%s%s",
            nbreak, nbreak == 1 ? "" : "s", whole ? "" : " in the range");
  return NS_OK;
}

ns_status
ns_convex_range_points (const ns_function *f, double a, double b, ns_convexity_report *r,
                        double **out, size_t *m)
{
  *out = NULL;
  *m = 0;
  double *pts = malloc ((NS_CONVEX_MAX_BREAKPOINTS + 2) * sizeof *pts);
  if (pts == NULL)
    return NS_ENOMEM;
  size_t n = 0;
  ns_status st = ns_fn_breakpoints (f, a, b, pts + 1, NS_CONVEX_MAX_BREAKPOINTS, &n);
  if (st != NS_OK)
    {
      free (pts);
      snprintf (r->reason, sizeof r->reason, "not certified: breakpoint search: %s",
                ns_strerror (st));
      return st == NS_ELIMIT ? NS_ELIMIT : NS_OK;
    }
  size_t k = 0;
  pts[k++] = a;
  for (size_t i = 1; i <= n; i++)
    if (pts[i] > pts[k - 1] && pts[i] < b)
      pts[k++] = pts[i];
  pts[k++] = b;
  *out = pts;
  *m = k;
  return NS_OK;
}
