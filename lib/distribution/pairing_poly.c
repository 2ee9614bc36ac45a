/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/pairing_poly.c: a piece of a pairing on which the function is a
   polynomial (its germ is exact), with a proven bound on the rounding of
   every Taylor coefficient.  The germ carries a bound for c[0] only; the
   higher coefficients are bounded here by a second walk over the tree that
   mirrors the Taylor arithmetic of lib/function/germ.c on magnitudes: for each node
   M[k] >= |computed c[k]| and E[k] >= |computed c[k] - exact c[k]|, with
   the classical running-error rules (one rounding of at most DBL_EPSILON
   relative per operation, round to nearest, no underflow).  Kinks are
   bounded without deciding their branch (the bound of either branch), so
   the walk needs no comparison and cannot disagree with the germ. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include "distribution/pairing_poly.h"

#define U DBL_EPSILON

typedef struct mag {
  double m[NS_MAX_ORDER + 1];   /* majorants of |computed coefficient| */
  double e[NS_MAX_ORDER + 1];   /* bounds on the coefficients' errors */
} mag;

static void
mag_const (mag *r, double v, double err)
{
  memset (r, 0, sizeof *r);
  r->m[0] = fabs (v) + err;
  r->e[0] = err;
}

/* a * b truncated at order N: c[k] = sum_i a[i] b[k - i], k + 1 products
   summed in order (germ.c's loop), so k + 2 roundings touch each term. */
static void
mag_mul (const mag *a, const mag *b, int n, mag *r)
{
  mag t;
  for (int k = 0; k <= n; k++)
    {
      double s = 0, e = 0;
      for (int i = 0; i <= k; i++)
        {
          s += a->m[i] * b->m[k - i];
          e += a->m[i] * b->e[k - i] + a->e[i] * b->m[k - i]
               + a->e[i] * b->e[k - i];
        }
      double g = (k + 2) * U;
      t.m[k] = s * (1 + g) + e;
      t.e[k] = e + g * s;
    }
  *r = t;
}

/* A node whose own germ is an exact constant on the piece (exp of a
   constant, 1/floor(x), an unused branch): its value and err0 bound. */
static int
leaf (const ns_function *f, double x0, ns_side side, int n, mag *r)
{
  ns_germ g;
  if (ns_fn_germ (f, x0, side, n, &g) != NS_OK || !g.exact
      || !isfinite (g.err0))
    return 0;
  for (int k = 1; k <= n; k++)
    if (g.c[k] != 0)
      return 0;
  mag_const (r, g.c[0], g.err0);
  return 1;
}

static int walk (const ns_function *f, double x0, ns_side side, int n,
                 int depth, mag *r);

/* a / b for a denominator that is an exact nonzero constant: germ.c
   multiplies a by the germ of 1/b0. */
static int
walk_div (const ns_function *f, double x0, ns_side side, int n, int depth,
          mag *r)
{
  ns_germ g;
  const ns_function *den = ns_fn_arg (f, 1);
  if (ns_fn_germ (den, x0, side, n, &g) != NS_OK || !g.exact)
    return 0;
  for (int k = 1; k <= n; k++)
    if (g.c[k] != 0)
      return 0;
  double b0 = fabs (g.c[0]);
  if (!(b0 > g.err0))
    return 0;
  mag a, inv;
  memset (&inv, 0, sizeof inv);
  /* |1/b - 1/b~| <= e / (|b~| (|b~| - e)), plus the division's rounding. */
  inv.e[0] = g.err0 / (b0 * (b0 - g.err0)) + U / b0;
  inv.m[0] = 1 / b0 * (1 + U) + inv.e[0];
  if (!walk (ns_fn_arg (f, 0), x0, side, n, depth + 1, &a))
    return 0;
  mag_mul (&a, &inv, n, r);
  return 1;
}

/* a^p for p >= 0 by germ.c's binary powering. */
static void
mag_powi (const mag *a, unsigned int p, int n, mag *r)
{
  mag base = *a, acc;
  mag_const (&acc, 1, 0);
  while (p)
    {
      if (p & 1u)
        mag_mul (&acc, &base, n, &acc);
      p >>= 1;
      if (p)
        mag_mul (&base, &base, n, &base);
    }
  *r = acc;
}

static int
walk (const ns_function *f, double x0, ns_side side, int n, int depth, mag *r)
{
  if (depth > NS_FN_MAX_DEPTH + 1)
    return 0;
  mag a, b;
  ns_op op = ns_fn_op (f);
  switch (op)
    {
    case NS_OP_X:
      mag_const (r, x0, 0);
      if (n >= 1)
        r->m[1] = 1;
      return 1;
    case NS_OP_CONST:
      mag_const (r, ns_fn_param (f, 0), 0);
      return 1;
    case NS_OP_ADD:
    case NS_OP_SUB:
    case NS_OP_MAX:
    case NS_OP_MIN:
      if (!walk (ns_fn_arg (f, 0), x0, side, n, depth + 1, &a)
          || !walk (ns_fn_arg (f, 1), x0, side, n, depth + 1, &b))
        break;
      for (int k = 0; k <= n; k++)
        if (op == NS_OP_ADD || op == NS_OP_SUB)
          {
            double s = a.m[k] + b.m[k];
            r->e[k] = a.e[k] + b.e[k] + U * s;
            r->m[k] = s * (1 + U);
          }
        else
          {
            /* Either argument's germ, whole. */
            r->m[k] = fmax (a.m[k], b.m[k]);
            r->e[k] = fmax (a.e[k], b.e[k]);
          }
      return 1;
    case NS_OP_MUL:
      if (!walk (ns_fn_arg (f, 0), x0, side, n, depth + 1, &a)
          || !walk (ns_fn_arg (f, 1), x0, side, n, depth + 1, &b))
        break;
      mag_mul (&a, &b, n, r);
      return 1;
    case NS_OP_DIV:
      if (walk_div (f, x0, side, n, depth, r))
        return 1;
      break;
    case NS_OP_POW:
      {
        double p = ns_fn_param (f, 0);
        if (p < 0 || !walk (ns_fn_arg (f, 0), x0, side, n, depth + 1, &a))
          break;
        mag_powi (&a, (unsigned int) p, n, r);
        return 1;
      }
    case NS_OP_NEG:
    case NS_OP_RELU:
    case NS_OP_ABS:
      /* a, -a (exact) or the constant 0. */
      if (!walk (ns_fn_arg (f, 0), x0, side, n, depth + 1, r))
        break;
      return 1;
    case NS_OP_LEAKY_RELU:
      {
        double s = fmax (1.0, fabs (ns_fn_param (f, 0)));
        if (!walk (ns_fn_arg (f, 0), x0, side, n, depth + 1, &a))
          break;
        for (int k = 0; k <= n; k++)
          {
            r->e[k] = s * a.e[k] + U * s * a.m[k];
            r->m[k] = s * a.m[k] * (1 + U);
          }
        return 1;
      }
    case NS_OP_CLAMP:
      if (!walk (ns_fn_arg (f, 0), x0, side, n, depth + 1, r))
        break;
      /* The argument's germ or the constant lo or hi (exact). */
      r->m[0] = fmax (r->m[0], fmax (fabs (ns_fn_param (f, 0)),
                                     fabs (ns_fn_param (f, 1))));
      return 1;
    case NS_OP_HEAVISIDE:
      mag_const (r, fmax (1.0, fabs (ns_fn_param (f, 0))), 0);
      return 1;
    case NS_OP_SIGN:
      mag_const (r, 1, 0);
      return 1;
    case NS_OP_FLOOR:
      /* An exact integer within 1 of the argument's value. */
      if (!walk (ns_fn_arg (f, 0), x0, side, n, depth + 1, &a))
        break;
      mag_const (r, a.m[0] + 1, 0);
      return 1;
    default:
      break;
    }
  /* exp, log, sqrt, sin, cos, a general quotient or power, or an argument
     the walk could not bound: only as a constant on the piece. */
  return leaf (f, x0, side, n, r);
}

int
ns_pair_germ_bound (const ns_function *f, double x, ns_side side,
                    const ns_germ *g, double *e)
{
  if (!g->exact || g->nvalid != g->order + 1)
    return 0;
  int deg = 0;
  for (int k = 0; k <= g->order; k++)
    {
      if (!isfinite (g->c[k]))
        return 0;
      if (g->c[k] != 0)
        deg = k;
    }
  mag b;
  if (!walk (f, x, side, deg, 0, &b))
    return 0;
  for (int k = 0; k <= g->order; k++)
    {
      e[k] = k <= deg ? b.e[k] : 0;
      if (!isfinite (e[k]))
        return 0;
    }
  /* c[0] has the germ's own bound too; either holds. */
  e[0] = fmin (e[0], g->err0);
  return 1;
}

/* ns_pair_poly_at at germ order N. */
static int
poly_at_order (const ns_function *f, double x0, int n, ns_pair_poly *p)
{
  ns_germ gr, gl;
  if (ns_fn_germ (f, x0, NS_RIGHT, n, &gr) != NS_OK
      || ns_fn_germ (f, x0, NS_LEFT, n, &gl) != NS_OK)
    return 0;
  return ns_pair_poly_from_germs (f, x0, &gl, &gr, p);
}

int
ns_pair_poly_from_germs (const ns_function *f, double x0, const ns_germ *gl,
                         const ns_germ *gr, ns_pair_poly *p)
{
  int n = gr->order;
  if (!gr->exact || !gl->exact || gl->order != n)
    return 0;
  /* Both sides the same polynomial (the left germ is in -u): x0 is not
     within rounding of a switch point. */
  for (int k = 0; k <= n; k++)
    if (gl->c[k] != ((k % 2) ? -gr->c[k] : gr->c[k]))
      return 0;
  if (!ns_pair_germ_bound (f, x0, NS_RIGHT, gr, p->e))
    return 0;
  p->deg = 0;
  for (int k = 0; k <= NS_MAX_ORDER; k++)
    {
      p->g[k] = k <= n ? gr->c[k] : 0;
      if (k > n)
        p->e[k] = 0;
      if (p->g[k] != 0)
        p->deg = k;
    }
  return 1;
}

int
ns_pair_poly_at_full (const ns_function *f, double x0, ns_pair_poly *p)
{
  return poly_at_order (f, x0, NS_MAX_ORDER, p);
}

int
ns_pair_poly_at (const ns_function *f, double x0, ns_pair_poly *p)
{
  return poly_at_order (f, x0, NS_PAIR_POLY_FIRST_ORDER, p)
         || poly_at_order (f, x0, NS_MAX_ORDER, p);
}
