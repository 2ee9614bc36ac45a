/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/pairing_mult.c: multiplication of a distribution by a smooth
   function g, paired through <g S, phi> = <S, g phi>: g phi^(k) becomes a
   test function whose derivatives come from Leibniz's rule, with g^(i)(x)
   read off g's exact germ.  Nothing here allocates: the test function
   object and the breakpoint search's memory live in the pairing's
   workspace. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <gsl/gsl_errno.h>
#include "distribution/pairing_singular.h"
#include "integrate.h"
#include "function/breakpoints.h"
#include "testfn/testfn_private.h"

/* The germ's coefficients of order >= 1 carry only the rounding of the
   Taylor arithmetic; for the trees one multiplies by (x, x^2, exp, sin,
   their sums and products) that is a handful of roundings per coefficient,
   which 16 eps covers. */
#define GERM_COEF_REL (16 * DBL_EPSILON)

/* (g phi^(outer))^(n)(x) = sum_i C(n,i) g^(i)(x) phi^(outer+n-i)(x). */
static ns_status
mult_eval (int n, double x, void *data, ns_result *out)
{
  const ns_pair_mult_ctx *m = data;
  ns_germ g;
  ns_status st = ns_fn_germ (m->g, x, NS_RIGHT, n, &g);
  if (st != NS_OK)
    return (st == NS_ERANGE) ? NS_UNDEFINED : st;
  double val = 0, err = 0, binom = 1, fact = 1;
  for (int i = 0; i <= n; i++)
    {
      if (i > 0)
        {
          binom = binom * (n - i + 1) / i;
          fact *= i;
        }
      double gi = fact * g.c[i];
      double gi_err = (i == 0) ? g.err0 : GERM_COEF_REL * fabs (gi);
      ns_result p;
      st = ns_testfn_eval (m->phi, m->outer + n - i, x, &p);
      if (st != NS_OK)
        return st;
      double term = binom * gi * p.val;
      val += term;
      /* Each term's factors' errors, and the rounding of the product and of
         the running sum (at most n + 2 roundings touch each term). */
      err += binom * (fabs (gi) * p.err + gi_err * fabs (p.val))
             + (n + 2) * DBL_EPSILON * fabs (term);
    }
  if (!isfinite (val) || !isfinite (err))
    return NS_UNDEFINED;
  out->val = val;
  out->err = err;
  return NS_OK;
}

ns_status
ns_pair_mult_psi_alloc (ns_testfn **out)
{
  return ns_testfn_new_kind (KIND_USER, out);
}

/* Fills PSI with g phi^(outer) on the support [SA, SB] of phi (MAXN its
   highest order), after a check that g is defined at AT, a point of the
   support where the pairing uses g. */
static ns_status
mult_fill (const ns_function *g, const ns_testfn *phi, int outer, double sa,
           double sb, int maxn, double at, ns_pair_mult_ctx *ctx, ns_testfn *psi)
{
  /* Defined at one interior point (a g undefined on the whole support,
     log(x) for x < 0, is refused before any quadrature).  For g delta_a
     that point is a itself: the midpoint of the support may be where g
     alone is undefined (heaviside(x, nan)*delta(x - 1) on the bump
     centred at 0), which g delta_a never looks at. */
  ns_result v;
  ns_status st = ns_fn_eval (g, at, &v);
  if (st != NS_OK)
    return st == NS_ERANGE ? NS_UNDEFINED : st;
  *ctx = (ns_pair_mult_ctx) { g, phi, outer };
  /* A user test function without the admissibility check: g phi^(outer)
     vanishes with every derivative wherever phi does.  PSI came from
     ns_pair_mult_psi_alloc; only the fields a user test function reads
     change from one use to the next. */
  psi->kind = KIND_USER;
  psi->user = (ns_testfn_user) { mult_eval, ctx, sa, sb, maxn - outer };
  psi->lo = sa;
  psi->hi = sb;
  psi->centre = sa / 2 + sb / 2;
  psi->radius = sb / 2 - sa / 2;
  return NS_OK;
}

ns_status
ns_pair_mult_testfn_at (const ns_function *g, const ns_testfn *phi, int outer,
                        double a, double tol, int rounded, int n, ns_bp_scratch *sc,
                        double *pts, size_t max, ns_pair_mult_ctx *ctx,
                        ns_testfn *psi)
{
  double sa, sb;
  int maxn;
  if (ns_testfn_support (phi, &sa, &sb) != NS_OK
      || ns_testfn_max_order (phi, &maxn) != NS_OK || outer > maxn
      || n < 0 || n > NS_MAX_ORDER || !(tol >= 0))
    return NS_EINVAL;
  /* The derivatives g^(i)(a), i <= n, from both sides: equal (within
     their rounding bounds) when g is C^n at a, which is all that
     <g delta_a^(m), phi> = (-1)^m (g phi)^(m)(a) needs. */
  ns_germ side[2];
  for (int s = 0; s < 2; s++)
    {
      ns_status st = ns_fn_germ (g, a, s ? NS_RIGHT : NS_LEFT, n, &side[s]);
      if (st != NS_OK)
        return (st == NS_ERANGE) ? NS_UNDEFINED : st;
    }
  int differ = 0;
  double fact = 1;
  for (int i = 0; i <= n; i++)
    {
      if (i > 1)
        fact *= i;
      /* d^i/dx^i g(a - t) = (-1)^i d^i/dt^i: the left germ is in -t. */
      double left = fact * side[0].c[i], right = fact * side[1].c[i];
      if (i % 2)
        left = -left;
      double bound = i == 0 ? side[0].err0 + side[1].err0
                            : GERM_COEF_REL * (fabs (left) + fabs (right));
      /* A jump of g^(i) at a: g delta_a^(m) is undefined, unless a is
         only the double nearest the true point, which the jump at a
         need not reach (then the doubles do not decide). */
      if (fabs (right - left) > bound)
        return rounded ? NS_EUNDECIDED : NS_UNDEFINED;
      differ |= right != left;
    }
  /* The value at a is the germs' (an isolated point value, as in
     sign(x)^2 at 0, is not a smooth multiplier). */
  ns_result v;
  ns_status st = ns_fn_eval (g, a, &v);
  if (st != NS_OK)
    return st == NS_ERANGE ? NS_UNDEFINED : st;
  if (fabs (v.val - side[1].c[0]) > v.err + side[1].err0)
    return NS_UNDEFINED;
  /* A breakpoint of g within TOL of a (the point's own uncertainty and a
     breakpoint's rounding): the germs must then agree exactly, or the
     doubles cannot tell whether a sits on it. */
  if (differ)
    {
      size_t nb = 0;
      double lo = fmax (sa, a - tol), hi = fmin (sb, a + tol);
      st = ns_fn_breakpoints_scratch (g, lo, hi, pts, max, &nb, sc);
      if (st != NS_OK)
        return st;
      if (nb > 0)
        return NS_EUNDECIDED;
    }
  return mult_fill (g, phi, outer, sa, sb, maxn, a, ctx, psi);
}

ns_status
ns_pair_mult_testfn (const ns_function *g, const ns_testfn *phi, int outer,
                     ns_bp_scratch *sc, double *pts, size_t max,
                     ns_pair_mult_ctx *ctx, ns_testfn *psi)
{
  double sa, sb;
  int maxn;
  if (ns_testfn_support (phi, &sa, &sb) != NS_OK
      || ns_testfn_max_order (phi, &maxn) != NS_OK || outer > maxn)
    return NS_EINVAL;
  /* g must be smooth on the open support: a breakpoint there (abs(x) at
     0) leaves g D^m S undefined for m >= 1 or S a delta at the kink. */
  size_t n = 0;
  ns_status st = ns_fn_breakpoints_scratch (g, sa, sb, pts, max, &n, sc);
  if (st != NS_OK && st != NS_ELIMIT)
    return st;
  for (size_t i = 0; i < n; i++)
    if (pts[i] > sa && pts[i] < sb)
      return NS_UNDEFINED;
  /* The scratch ran out before any breakpoint inside showed. */
  if (st == NS_ELIMIT)
    return NS_ELIMIT;
  return mult_fill (g, phi, outer, sa, sb, maxn, sa + (sb - sa) / 2, ctx, psi);
}

/* ------------------------------------------------- a p.v. near its point */

/* As in lib/distribution/pairing_singular.c: qawc's relative tolerance, and
   the factor by which the largest evaluation error of the integrand bounds
   its effect on the Cauchy part (the weight 1/|s| integrates to at most
   2 (1 + ln(1/eps)) < 76 over the nodes qawc uses). */
#define NEAR_EPSREL 1e-13
#define NEAR_CAUCHY_FACTOR 76.0
#define NEAR_SCALE_SAMPLES 16

typedef struct near_ctx {
  ns_pair_mult_ctx m;
  int n;
  double a, h;
  double max_err;
  size_t neval;
  ns_status fail;
} near_ctx;

/* (g phi^(outer))^(n)(a + h s). */
static double
near_integrand (double s, void *data)
{
  near_ctx *c = data;
  ns_result v;
  c->neval++;
  ns_status st = mult_eval (c->n, c->a + c->h * s, &c->m, &v);
  if (st != NS_OK)
    {
      if (c->fail == NS_OK)
        c->fail = st;
      return 0.0;
    }
  if (v.err > c->max_err)
    c->max_err = v.err;
  return v.val;
}

ns_status
ns_pair_mult_pv_near (const ns_function *g, const ns_testfn *phi, int outer,
                      int m, double a, double h, ns_integ_ws *ws,
                      size_t limit, ns_pair_part *out)
{
  *out = (ns_pair_part) { NAN, INFINITY, 0 };
  near_ctx nc = { { g, phi, outer }, m, a, h, 0.0, 0, NS_OK };
  double scale = 0;
  for (int i = 0; i < NEAR_SCALE_SAMPLES; i++)
    scale = fmax (scale, fabs (near_integrand (-1 + (2.0 * i + 1.385)
                                                / (NEAR_SCALE_SAMPLES + 1), &nc)));
  if (nc.fail != NS_OK)
    return nc.fail;
  /* p.v. int_{a-h}^{a+h} G(x)/(x - a) dx = p.v. int_{-1}^{1} G(a + h s)/s ds
     for G = (g phi^(outer))^(m), smooth there. */
  gsl_function F = { near_integrand, &nc };
  double r1 = 0, e1 = 0;
  int gst = ns_integ_qawc (&F, -1.0, 1.0, 0.0, NEAR_EPSREL * scale, NEAR_EPSREL,
                           limit, ws, &r1, &e1);
  out->neval = nc.neval;
  if (nc.fail != NS_OK)
    return nc.fail;
  double val = (m % 2) ? -r1 : r1;
  double err = e1 + NEAR_CAUCHY_FACTOR * nc.max_err + 2 * DBL_EPSILON * fabs (r1);
  /* The boundary terms of moving m derivatives onto G inside [xm, xp]:
       sum_{i<m} (-1)^i [K_{m-1-i} G_i]_{xm}^{xp},  G_i = (g phi^(outer))^(i),
     K_j(x) = (-1)^j j!/(x - a)^(j+1), the p.v.'s derivatives away from a.
     xm, xp are the doubles nearest a -+ h; the Cauchy part ran over the
     exact a -+ h, so the slivers between cost at most |G/(x - a)| times
     their width (an ulp of x), counted with a factor 2 for the change of
     G across them. */
  const double xs[2] = { a - h, a + h };
  for (int side = 0; side < 2; side++)
    {
      double x = xs[side], d = x - a;
      if (!(fabs (d) > 0))
        return NS_UNDEFINED;
      ns_result gm;
      ns_status st = mult_eval (m, x, &nc.m, &gm);
      if (st != NS_OK)
        return st;
      err += 2 * (fabs (gm.val) + gm.err) / (fabs (d) / 2) * DBL_EPSILON * fabs (x);
      for (int i = 0; i < m; i++)
        {
          int j = m - 1 - i;
          double k = 1.0 / d;
          for (int q = 1; q <= j; q++)
            k *= -q / d;               /* (-1)^j j! / d^(j+1) */
          ns_result gi;
          st = mult_eval (i, x, &nc.m, &gi);
          out->neval++;
          if (st != NS_OK)
            return st;
          double term = k * gi.val;
          if (i % 2)
            term = -term;
          if (side == 0)
            term = -term;
          val += term;
          /* d = x - a rounds once, each of the 2j + 1 operations on k once. */
          err += fabs (k) * (gi.err + (3 * j + 4) * DBL_EPSILON * fabs (gi.val));
        }
    }
  if (!isfinite (val) || !isfinite (err))
    return NS_UNDEFINED;
  out->val = val;
  out->err = err;
  if (gst == GSL_SUCCESS || (gst == GSL_EROUND && isfinite (e1)))
    return NS_OK;
  return NS_ETOL;
}

/* phi^(outer)(x) K_m(x), K_m(x) = (-1)^m m!/(x - a)^(m+1): the p.v.'s m-th
   derivative away from a, times the test function's.  Only n = 0. */
static ns_status
kernel_eval (int n, double x, void *data, ns_result *out)
{
  const ns_pair_kernel_ctx *kc = data;
  if (n != 0)
    return NS_EINVAL;
  ns_result p;
  ns_status st = ns_testfn_eval (kc->phi, kc->outer, x, &p);
  if (st != NS_OK)
    return st;
  double d = x - kc->a;
  if (!(fabs (d) > 0))
    return NS_UNDEFINED;
  double k = 1.0 / d;
  for (int q = 1; q <= kc->m; q++)
    k *= -q / d;
  double v = p.val * k;
  if (!isfinite (v))
    return NS_UNDEFINED;
  out->val = v;
  /* d rounds once; each of the 2m + 1 operations on k once; the product. */
  out->err = fabs (k) * p.err + (3 * kc->m + 5) * DBL_EPSILON * fabs (v);
  return NS_OK;
}

void
ns_pair_kernel_testfn (const ns_testfn *phi, double c, double r, double sa,
                       double sb, ns_pair_kernel_ctx *ctx, ns_testfn *w)
{
  w->kind = KIND_USER;
  w->user = (ns_testfn_user) { kernel_eval, ctx, sa, sb, 0 };
  w->lo = sa;
  w->hi = sb;
  w->centre = c;
  w->radius = r;
  (void) phi;
}
