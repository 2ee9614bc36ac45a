/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/bp_poly.c: switch points of switching quantities that are
   polynomials of degree <= 2 on a piece, to the ulp.  The coefficients are
   taken in absolute x (a shift to the piece's midpoint would round them
   and put a root at 0 some 1e-17 off it), the roots come from the stable
   quadratic formula, and each simple root is then rounded correctly by
   deciding the sign of the polynomial at doubles and at the midpoints
   between them with error-free products (fma) and a compensated sum. */
#include <config.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "function/function_impl.h"
#include "function/breakpoints.h"

/* ------------------------------------------------------------------ the double grid */

/* Doubles in increasing order map to consecutive integers (+0 and -0 to
   0), so halving the integer distance bisects the grid: near 0 that is
   bisection of the exponent, not of the value. */
static int64_t
grid_key (double x)
{
  uint64_t u;
  memcpy (&u, &x, sizeof u);
  return (u >> 63) ? -(int64_t) (u & ~(UINT64_C (1) << 63)) : (int64_t) u;
}

static double
grid_double (int64_t k)
{
  uint64_t u = k < 0 ? (uint64_t) (-k) | (UINT64_C (1) << 63) : (uint64_t) k;
  double x;
  memcpy (&x, &u, sizeof x);
  return x;
}

double
ns_bp_grid_mid (double lo, double hi)
{
  int64_t a = grid_key (lo), b = grid_key (hi);
  return grid_double (a + (int64_t) (((uint64_t) b - (uint64_t) a) / 2));
}

int
ns_bp_grid_adjacent (double lo, double hi)
{
  /* Unsigned: the keys of -DBL_MAX and DBL_MAX differ by more than INT64_MAX. */
  uint64_t d = (uint64_t) grid_key (hi) - (uint64_t) grid_key (lo);
  return d <= 1 || d == UINT64_MAX;
}

/* ------------------------------------------------------------------ coefficients in absolute x */

typedef struct poly2 {
  double a[3];             /* a[0] + a[1] x + a[2] x^2 */
  int exact;               /* every coefficient is exact (no rounding so far) */
} poly2;

static int
poly_degree (const poly2 *p)
{
  return p->a[2] != 0 ? 2 : p->a[1] != 0 ? 1 : 0;
}

static void
poly_const (poly2 *p, double c, int exact)
{
  p->a[0] = c;
  p->a[1] = p->a[2] = 0;
  p->exact = exact;
}

/* s = a + b, with exactness tracked. */
static double
add_tracked (double a, double b, int *exact)
{
  double s = a + b;
  if (*exact && (s - a != b || s - b != a))
    *exact = 0;
  return s;
}

static double
mul_tracked (double a, double b, int *exact)
{
  double p = a * b;
  if (*exact && fma (a, b, -p) != 0)
    *exact = 0;
  return p;
}

static void
poly_scale (const poly2 *p, double s, poly2 *out)
{
  int exact = p->exact;
  for (int i = 0; i < 3; i++)
    out->a[i] = mul_tracked (s, p->a[i], &exact);
  out->exact = exact;
}

/* The sign of an argument at the piece's midpoint when it is clear of its
   rounding bound, else 0 (then the branch is not known for sure). */
static int
sign_at (const ns_function *g, double mid, double level)
{
  ns_result r;
  if (ns_fn_eval_tree (g, mid, &r) != NS_OK)
    return 0;
  double d = r.val - level;
  return fabs (d) > r.err + NS_ULP * fabs (d) ? (d > 0 ? 1 : -1) : 0;
}

/* F on the piece around MID as a polynomial of degree <= 2 in x.  Every
   switching primitive inside F is on one branch on the whole piece (the
   piece lies between their breakpoints); the branch is read off the
   argument at MID.  Returns 0 when F is not such a polynomial there. */
static int
poly_of (const ns_function *f, double mid, poly2 *out)
{
  if (f->op == NS_OP_X)
    {
      out->a[0] = out->a[2] = 0;
      out->a[1] = 1;
      out->exact = 1;
      return 1;
    }
  if (f->op == NS_OP_CONST)
    {
      poly_const (out, f->param[0], 1);
      return 1;
    }
  const ns_op_rules *rules = ns_op_rules_get (f->op);
  poly2 arg[2];
  int constant = 1;
  for (int i = 0; i < rules->info.arity; i++)
    {
      if (!poly_of (f->arg[i], mid, &arg[i]))
        return 0;
      constant = constant && poly_degree (&arg[i]) == 0;
    }
  if (constant)
    {
      /* exp(1), floor(2.5), 2/3: a constant, exact when its value is. */
      ns_result r;
      if (ns_fn_eval_tree (f, mid, &r) != NS_OK)
        return 0;
      poly_const (out, r.val, r.err == 0);
      return 1;
    }
  const poly2 *a = &arg[0], *b = &arg[1];
  int exact = a->exact && (rules->info.arity < 2 || b->exact), s;
  switch (f->op)
    {
    case NS_OP_ADD:
    case NS_OP_SUB:
      for (int i = 0; i < 3; i++)
        out->a[i] = add_tracked (a->a[i], f->op == NS_OP_ADD ? b->a[i] : -b->a[i], &exact);
      out->exact = exact;
      return 1;
    case NS_OP_NEG:
      poly_scale (a, -1, out);
      return 1;
    case NS_OP_MUL:
      if (poly_degree (a) + poly_degree (b) > 2)
        return 0;
      out->a[0] = mul_tracked (a->a[0], b->a[0], &exact);
      out->a[1] = add_tracked (mul_tracked (a->a[0], b->a[1], &exact),
                               mul_tracked (a->a[1], b->a[0], &exact), &exact);
      out->a[2] = add_tracked (add_tracked (mul_tracked (a->a[0], b->a[2], &exact),
                                            mul_tracked (a->a[1], b->a[1], &exact), &exact),
                               mul_tracked (a->a[2], b->a[0], &exact), &exact);
      out->exact = exact;
      return 1;
    case NS_OP_DIV:
      if (poly_degree (b) != 0 || b->a[0] == 0)
        return 0;
      for (int i = 0; i < 3; i++)
        {
          out->a[i] = a->a[i] / b->a[0];
          if (exact && fma (out->a[i], b->a[0], -a->a[i]) != 0)
            exact = 0;
        }
      out->exact = exact;
      return 1;
    case NS_OP_POW:
      {
        double n = f->param[0];
        if (n == 0)
          poly_const (out, 1, 1);
        else if (n == 1)
          *out = *a;
        else if (n == 2 && poly_degree (a) <= 1)
          {
            out->a[0] = mul_tracked (a->a[0], a->a[0], &exact);
            out->a[1] = mul_tracked (2 * a->a[0], a->a[1], &exact);
            out->a[2] = mul_tracked (a->a[1], a->a[1], &exact);
            out->exact = exact;
          }
        else
          return 0;
        return 1;
      }
    case NS_OP_RELU:
    case NS_OP_ABS:
    case NS_OP_LEAKY_RELU:
      if ((s = sign_at (f->arg[0], mid, 0)) == 0)
        return 0;
      if (s > 0)
        *out = *a;
      else if (f->op == NS_OP_RELU)
        poly_const (out, 0, 1);
      else
        poly_scale (a, f->op == NS_OP_ABS ? -1 : f->param[0], out);
      return 1;
    case NS_OP_HEAVISIDE:
    case NS_OP_SIGN:
      if ((s = sign_at (f->arg[0], mid, 0)) == 0)
        return 0;
      poly_const (out, s > 0 ? 1 : f->op == NS_OP_SIGN ? -1 : 0, 1);
      return 1;
    case NS_OP_FLOOR:
      {
        ns_result r;
        if (ns_fn_eval_tree (f->arg[0], mid, &r) != NS_OK
            || floor (r.val - r.err) != floor (r.val + r.err))
          return 0;
        poly_const (out, floor (r.val), 1);
        return 1;
      }
    case NS_OP_CLAMP:
      {
        int below_hi = sign_at (f->arg[0], mid, f->param[1]);
        int above_lo = sign_at (f->arg[0], mid, f->param[0]);
        if (below_hi > 0)
          poly_const (out, f->param[1], 1);
        else if (above_lo < 0)
          poly_const (out, f->param[0], 1);
        else if (below_hi < 0 && above_lo > 0)
          *out = *a;
        else
          return 0;
        return 1;
      }
    case NS_OP_MAX:
    case NS_OP_MIN:
      {
        ns_result ra, rb;
        if (ns_fn_eval_tree (f->arg[0], mid, &ra) != NS_OK
            || ns_fn_eval_tree (f->arg[1], mid, &rb) != NS_OK)
          return 0;
        double d = ra.val - rb.val;
        if (!(fabs (d) > ra.err + rb.err + NS_ULP * fabs (d)))
          return 0;
        *out = (d > 0) == (f->op == NS_OP_MAX) ? *a : *b;
        return 1;
      }
    default:
      return 0;            /* exp, log, sqrt, sin, cos of a nonconstant */
    }
}

int
ns_bp_switching_poly (const ns_function *f, int kind, double mid,
                      double coef[3], int *exact)
{
  poly2 g;
  if (kind == NS_SWITCH_DIFF)
    {
      poly2 a, b;
      if (!poly_of (f->arg[0], mid, &a) || !poly_of (f->arg[1], mid, &b))
        return 0;
      g.exact = a.exact && b.exact;
      for (int i = 0; i < 3; i++)
        g.a[i] = add_tracked (a.a[i], -b.a[i], &g.exact);
    }
  else if (!poly_of (f->arg[kind == NS_SWITCH_ARG1], mid, &g))
    return 0;
  for (int i = 0; i < 3; i++)
    if (!isfinite (g.a[i]))
      return 0;
  memcpy (coef, g.a, sizeof g.a);
  *exact = g.exact;
  return 1;
}

/* ------------------------------------------------------------------ roots to the ulp */

/* h(x) = a2 x^2 + a1 x + (c0 + c0lo): the constant is the coefficient
   minus the level, kept exact as an unevaluated sum. */
typedef struct qpoly {
  double a2, a1, c0, c0lo;
} qpoly;

static void
two_sum (double a, double b, double *s, double *e)
{
  *s = a + b;
  double bb = *s - a;
  *e = (a - (*s - bb)) + (b - bb);
}

static void
two_prod (double a, double b, double *p, double *e)
{
  *p = a * b;
  *e = fma (a, b, -*p);
}

/* The sign of h(yh + yl), where yl is 0 or at most half the gap between
   yh and its neighbour (a midpoint of the grid): +-1, or 0 when h vanishes
   there or its sign is below what the evaluation resolves.  The products
   are split exactly with fma; the terms are summed with a cascade of
   error-free additions (Ogita, Rump and Oishi's Sum2), whose result has
   error at most eps |h| + gamma_11^2 sum |terms|; the neglected products
   are below 2^-105 sum |terms|, and underflow costs a few subnormals. */
static int
poly_sign (const qpoly *h, double yh, double yl)
{
  double t[12], p, pe;
  int n = 0;
  two_prod (yh, yh, &p, &pe);
  two_prod (h->a2, p, &t[0], &t[1]);
  t[2] = h->a2 * pe;
  two_prod (h->a1, yh, &t[3], &t[4]);
  t[5] = h->c0;
  t[6] = h->c0lo;
  n = 7;
  if (yl != 0)
    {
      double r, re;
      two_prod (2 * yh, yl, &r, &re);
      two_prod (h->a2, r, &t[n], &t[n + 1]);
      t[n + 2] = h->a2 * (re + yl * yl);
      two_prod (h->a1, yl, &t[n + 3], &t[n + 4]);
      n += 5;
    }
  double s = 0, c = 0, mag = 0;
  for (int i = 0; i < n; i++)
    {
      double e;
      two_sum (s, t[i], &s, &e);
      c += e;
      mag += fabs (t[i]);
    }
  double v = s + c;
  double bound = 0x1p-96 * mag + 64 * DBL_TRUE_MIN * (1 + fabs (h->a2) + fabs (h->a1));
  if (!isfinite (v) || !isfinite (bound) || fabs (v) <= bound)
    return 0;
  return v > 0 ? 1 : -1;
}

/* The double nearest the simple root of h near the estimate x0 (a few
   ulps off): walk the grid towards the root in doubling steps until the
   sign changes, bisect the grid to two adjacent doubles, and pick the
   nearer by the sign at their midpoint.  A point where the sign cannot be
   resolved is returned as it is. */
static double
poly_refine (const qpoly *h, double x0)
{
  int s0 = poly_sign (h, x0, 0);
  double slope = h->a1 + 2 * h->a2 * x0;
  if (s0 == 0 || !(slope != 0) || !isfinite (slope))
    return x0;
  int64_t dir = (s0 > 0) == (slope > 0) ? -1 : 1;
  int64_t kmax = grid_key (DBL_MAX), near = grid_key (x0), far = near;
  int sfar = s0;
  for (int64_t step = 1; sfar == s0; step *= 2)
    {
      if (step > kmax / 2)
        return x0;
      far = near + dir * step;
      if (far > kmax || far < -kmax)
        return x0;
      sfar = poly_sign (h, grid_double (far), 0);
      if (sfar == 0)
        return grid_double (far);
      if (sfar == s0)
        near = far;
    }
  while (far - near > 1 || near - far > 1)
    {
      int64_t k = near + (far - near) / 2;
      int sk = poly_sign (h, grid_double (k), 0);
      if (sk == 0)
        return grid_double (k);
      if (sk == s0)
        near = k;
      else
        far = k;
    }
  double lo = grid_double (near < far ? near : far), hi = grid_double (near < far ? far : near);
  int slo = near < far ? s0 : -s0;
  int smid = poly_sign (h, lo, 0.5 * (hi - lo));
  if (smid == 0)             /* a tie: the even one, as rounding does */
    return (grid_key (lo) & 1) ? hi : lo;
  return smid == slo ? hi : lo;
}

int
ns_bp_poly_roots (const double coef[3], int exact, double level, double roots[2])
{
  qpoly h = { coef[2], coef[1], 0, 0 };
  two_sum (coef[0], -level, &h.c0, &h.c0lo);
  if (h.a2 == 0)
    {
      if (h.a1 == 0)
        return 0;
      /* One division: correctly rounded when the constant is exact. */
      roots[0] = -h.c0 / h.a1;
      if (h.c0lo != 0)
        roots[0] = poly_refine (&h, roots[0]);
      return isfinite (roots[0]);
    }
  /* The discriminant b^2 - 4ac to twice the working precision. */
  double bb, bbe, ac, ace;
  two_prod (h.a1, h.a1, &bb, &bbe);
  two_prod (4 * h.a2, h.c0, &ac, &ace);
  double disc = (bb - ac) + (bbe - ace - 4 * h.a2 * h.c0lo);
  /* A discriminant within its uncertainty of 0 is a double root: a
     tangential contact, reported once.  With rounded coefficients the
     uncertainty is that of the coefficients. */
  double tol = (exact ? 0x1p-100 : 8 * NS_ULP) * (bb + fabs (ac));
  if (!isfinite (disc) || disc < -tol)
    return 0;
  if (disc <= tol)
    {
      roots[0] = -h.a1 / (2 * h.a2);
      return isfinite (roots[0]);
    }
  double sq = sqrt (disc);
  double q = -0.5 * (h.a1 + copysign (sq, h.a1));
  int n = 0;
  double r1 = q / h.a2;
  if (isfinite (r1))
    roots[n++] = poly_refine (&h, r1);
  if (h.c0 == 0 && h.c0lo == 0)
    roots[n++] = 0.0;      /* the constant vanishes: x = 0 exactly */
  else
    {
      double r2 = h.c0 / q;
      if (isfinite (r2))
        roots[n++] = poly_refine (&h, r2);
    }
  return n;
}
