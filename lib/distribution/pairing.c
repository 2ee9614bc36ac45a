/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/pairing.c: <T, phi> for a distribution T and a test function phi.
   Regular parts are integrated only over the exact support of phi, split
   at every breakpoint of the function there, in the scaled variable
   t = (x - c)/r, with GSL's adaptive Gauss-Kronrod rule on each smooth
   piece (a piece where the integrand is exactly 0 is skipped); delta terms are exact point evaluations of phi^(m).  Two routes:
   the exact distributional derivative (jumps become deltas) and the weak
   form with every derivative moved onto phi.  Pieces with an integrable
   end singularity, principal values, log|x - a| and multipliers are
   handed to lib/distribution/pairing_singular.c and lib/distribution/pairing_mult.c;
   the rounding of x = c + r t and the location of breakpoints are bounded
   by lib/distribution/pairing_loc.c. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include "distribution/distribution_impl.h"
#include "distribution/pairing_singular.h"
#include "distribution/pairing_poly.h"
#include "distribution/pairing_loc.h"
#include "function/breakpoints.h"
#include "distribution/quadrature.h"
#include "distribution/plan_impl.h"
#include "function/function_impl.h"
#include "function/tape.h"
#include "testfn/testfn_private.h"
#include "integrate.h"

/* Relative tolerance asked of the adaptive rule (ns_integ_qag) on each piece (epsabs is
   0): a few hundred ulps, reachable by GAUSS21 on the smooth pieces of a
   bump in a handful of bisections, and far below what a user compares. */
#define PAIR_EPSREL 1e-13

/* GERM_DERIV_ULPS ulps per order: lib/distribution/pairing_loc.h. */
static double
germ_deriv_err (int k, double v)
{
  return GERM_DERIV_ULPS * (k + 1) * DBL_EPSILON * fabs (v);
}

struct ns_pair_workspace {
  size_t n;
  ns_integ_ws *qag;
  double *pts;   /* breakpoints inside the support, n of them at most */
  ns_bp_scratch bp;   /* the breakpoint search's memory: no malloc in a pairing */
  ns_testfn *psi;     /* g phi^(k) for a term with a multiplier, refilled per use */
};

ns_pair_workspace *
ns_pair_workspace_alloc (size_t n)
{
  if (n == 0)
    return NULL;
  ns_pair_workspace *w = calloc (1, sizeof *w);
  if (!w)
    return NULL;
  w->n = n;
  w->pts = malloc (n * sizeof *w->pts);
  w->bp.cap = ns_bp_scratch_doubles (n);
  w->bp.top = 0;
  w->bp.mem = w->bp.cap <= SIZE_MAX / sizeof (double)
              ? malloc (w->bp.cap * sizeof (double)) : NULL;
  /* Not GSL's allocators: they report failure through the error
     handler, which must not fire from inside the library. */
  w->qag = ns_integ_ws_alloc (n);
  if (ns_pair_mult_psi_alloc (&w->psi) != NS_OK)
    w->psi = NULL;
  if (!w->pts || !w->qag || !w->bp.mem || !w->psi)
    {
      ns_pair_workspace_free (w);
      return NULL;
    }
  return w;
}

void
ns_pair_workspace_free (ns_pair_workspace *w)
{
  if (!w)
    return;
  ns_integ_ws_free (w->qag);
  free (w->bp.mem);
  free (w->pts);
  ns_testfn_free (w->psi);
  free (w);
}

size_t
ns_pair_workspace_size (const ns_pair_workspace *w)
{
  return w ? w->n : 0;
}

/* ------------------------------------------------------------------ sums with a rounding bound */

/* Neumaier's compensated sum of the addends, with the sum of their
   magnitudes and their accumulated error bounds. */
typedef struct pair_sum {
  double s, comp;     /* running sum and its compensation */
  double abs_sum;     /* sum of |addend| */
  double err;         /* sum of the addends' own error bounds */
  size_t count;
} pair_sum;

static void
pair_sum_add (pair_sum *p, double v, double err)
{
  double s = p->s + v;
  if (fabs (p->s) >= fabs (v))
    p->comp += (p->s - s) + v;
  else
    p->comp += (v - s) + p->s;
  p->s = s;
  p->abs_sum += fabs (v);
  p->err += err;
  p->count++;
}

/* The sum and a bound on its error: the addends' bounds, one rounding of
   each addend's final product (eps |v|), and Neumaier's bound
   2 eps |S| + 2 n eps^2 sum |v| for the summation itself. */
static void
pair_sum_finish (const pair_sum *p, double *val, double *err)
{
  *val = p->s + p->comp;
  *err = p->err + DBL_EPSILON * p->abs_sum
         + 2 * DBL_EPSILON * fabs (*val)
         + 2 * (double) p->count * DBL_EPSILON * DBL_EPSILON * p->abs_sum;
}

/* ------------------------------------------------------------------ one smooth piece */

/* What the integrand of one piece needs: r * F(c + r t) * phi^(pn)(c + r t)
   with F = f^(fk) taken from the right (on an open piece both sides
   agree). */
typedef struct piece_ctx {
  const ns_function *f;
  int fk;
  const ns_testfn *phi;
  int pn;
  double c, r;
  double xa, xb;         /* the piece's ends in x */
  size_t neval;
  double max_eval_err;   /* largest bound on an integrand value's error */
  ns_status fail;        /* first failed evaluation, NS_OK if none */
  /* On a polynomial piece: F(c + r t) = sum_j a[j] (t - t0)^j (j <= deg),
     |a[j] - exact| <= ae[j]; the terms below jlo are integrated apart. */
  int poly, deg, jlo;
  double t0, a[NS_MAX_ORDER + 1], ae[NS_MAX_ORDER + 1];
  /* On a non-polynomial piece with fk = 0: a bound on |f'| over the whole
     piece (+inf when none is known), and the rounding of x below which
     adding slope * |dx| to the bound costs less than CHEAP_ULPS ulps of the
     piece's largest |f|, so that no correction is computed per node. */
  double slope, cheap_dx, in_lo, in_hi;   /* in_lo, in_hi: where slope holds */
  /* From a plan: the term's cached pieces and breakpoints, and the
     window's index of the breakpoint before the support (NULL: none). */
  const ns_plan_term *pt;
  size_t j0;
  /* F flattened for its order-0 node values, compiled at the first such
     node of the call (NULL: evaluate the tree). */
  ns_tape *tape;
  int tape_ready;
} piece_ctx;

/* Where the rounding of x moves f by less than this many ulps of its
   largest value on the piece (a bump near the origin), that movement only
   enters the bound; beyond (a far bump) each node corrects its value. */
#define CHEAP_ULPS 8

/* The polynomial part of the integrand at T, with a bound on its error
   into *ERR: the coefficients' bounds, Horner's rounding (two roundings
   per degree), and the rounding of u = t - t0 itself (t0 is within 3 ulps
   of (x0 - c)/r, |t0| <= 1), through the derivative. */
static double
poly_value (const piece_ctx *p, double t, double *err)
{
  double u = t - p->t0, au = fabs (u), du = DBL_EPSILON * (au + 3);
  double v = 0, mag = 0, cerr = 0, dv = 0;
  int j1 = p->jlo > 1 ? p->jlo : 1;
  for (int j = p->deg; j >= p->jlo; j--)
    {
      v = v * u + p->a[j];
      mag = mag * au + fabs (p->a[j]);
      cerr = cerr * au + p->ae[j];
    }
  for (int j = p->deg; j >= j1; j--)
    dv = dv * (au + du) + j * fabs (p->a[j]);
  for (int j = 0; j < p->jlo; j++)
    {
      v *= u;
      mag *= au;
      cerr *= au;
    }
  for (int j = 1; j < j1; j++)
    dv *= au + du;
  *err = cerr + 2 * (p->deg + 2) * DBL_EPSILON * mag + dv * du;
  return v;
}

static double
piece_integrand (double t, void *params)
{
  piece_ctx *p = params;
  p->neval++;
  ns_result fv, pv;
  ns_status st;
  if (p->poly)
    {
      fv.val = poly_value (p, t, &fv.err);
      st = NS_OK;
    }
  else
    {
      double dx, x = ns_pair_scaled_point (p->c, p->r, t, &dx);
      /* |dx| with its own rounding, and half a subnormal unit for a
         product remainder fma could not hold exactly. */
      double adx = fabs (dx) * (1 + DBL_EPSILON);
      if (!(fabs (p->r * t) >= 0x1p-960))
        adx += DBL_TRUE_MIN;
      if (!(x > p->xa && x < p->xb))
        {
          /* A node within rounding of an end (the fast rule puts nodes
             there): the one-sided limit from inside the piece, not f at the
             breakpoint itself.  The exact point c + r t lies inside the
             piece within |x - end| + adx of the end, which costs at most
             that distance times |F'| there (LOC_SAFETY covering its
             change). */
          int left = !(x > p->xa);
          double end = left ? p->xa : p->xb;
          double dist = fabs (x - end) * (1 + DBL_EPSILON) + adx;
          ns_germ g;
          int order = p->fk + 1;
          st = ns_fn_germ (p->f, end, left ? NS_RIGHT : NS_LEFT, order, &g);
          if (st != NS_OK)
            {
              order = p->fk;
              st = ns_fn_germ (p->f, end, left ? NS_RIGHT : NS_LEFT, order, &g);
            }
          if (st == NS_OK)
            {
              double fact = 1;
              for (int i = 2; i <= p->fk; i++)
                fact *= i;
              fv.val = fact * g.c[p->fk];
              fv.err = p->fk == 0 ? g.err0 : germ_deriv_err (p->fk, fv.val);
              if (order > p->fk)
                fv.err += LOC_SAFETY * fact * (p->fk + 1)
                          * fabs (g.c[p->fk + 1]) * dist;
              else if (dist > 0)
                fv.err += ns_pair_end_value_spread (p->f, p->fk, p->xa, p->xb, left,
                                                    dist, fv.val);
              if (!left && p->fk % 2)
                fv.val = -fv.val;    /* the left germ is in x - side t */
            }
        }
      else if (p->fk == 0 && adx <= p->cheap_dx
               && x - adx >= p->in_lo && x + adx <= p->in_hi)
        {
          /* |f(x + dx) - f(x)| <= sup |f'| |dx| on the piece. */
          if (p->tape && !p->tape_ready)
            {
              ns_tape_compile (p->f, p->tape);
              p->tape_ready = 1;
            }
          st = p->tape ? ns_tape_eval (p->tape, x, &fv) : ns_fn_eval (p->f, x, &fv);
          if (adx > 0)
            fv.err = (fv.err + p->slope * adx) * (1 + 2 * DBL_EPSILON);
        }
      else if (p->fk == 0)
        st = ns_pair_value_at_shifted (p->f, x, dx, adx, p->xa, p->xb, &fv);
      else
        st = ns_pair_deriv_at_shifted (p->f, p->fk, x, dx, adx,
                                       adx <= CHEAP_ULPS * DBL_EPSILON
                                              * (p->xb - p->xa), &fv);
    }
  if (st == NS_OK)
    st = ns_testfn_eval_t (p->phi, p->pn, t, &pv);
  if (st != NS_OK || !isfinite (fv.val))
    {
      if (p->fail == NS_OK)
        p->fail = (st == NS_OK || st == NS_ERANGE) ? NS_UNDEFINED : st;
      return 0.0;
    }
  double e = p->r * (fabs (fv.val) * pv.err + fabs (pv.val) * fv.err);
  if (isnan (e))
    e = INFINITY;
  if (e > p->max_eval_err)
    p->max_eval_err = e;
  return p->r * fv.val * pv.val;
}

/* ------------------------------------------------------------------ polynomial times bump */

/* The integrand r P(t) exp(-1/(1 - t^2)) of a polynomial piece against the
   bump itself (pn = 0, the exact route), evaluated plainly: no error is
   tracked per node, since poly_bump_bound bounds every node's error on
   the piece at once.  About a third of piece_integrand's instructions (the
   bump's general-order evaluation and the per-node bounds go). */
static double
poly_bump_integrand (double t, void *params)
{
  piece_ctx *p = params;
  p->neval++;
  double s = (1 - t) * (1 + t);
  if (!(s > 0))
    return 0.0;   /* t = +-1: the bump and all its derivatives vanish */
  double v;
  if (p->deg == 0 && p->jlo == 0)
    v = p->a[0];   /* a constant piece (relu', H, sign): no Horner loop */
  else
    {
      double u = t - p->t0;
      v = 0;
      for (int j = p->deg; j >= p->jlo; j--)
        v = v * u + p->a[j];
      for (int j = 0; j < p->jlo; j++)
        v *= u;
    }
  return p->r * v * exp (-1 / s);
}

/* The same on a constant piece (relu', H, sign: deg 0, jlo 0), chosen once
   per piece so that no node tests for it; the same operations in the same
   order as there. */
static double
poly_bump_const_integrand (double t, void *params)
{
  piece_ctx *p = params;
  p->neval++;
  double s = (1 - t) * (1 + t);
  if (!(s > 0))
    return 0.0;
  return p->r * p->a[0] * exp (-1 / s);
}

/* A bound, valid at every t in [ta, tb] (the fast rule clamps its nodes
   there), on |poly_bump_integrand(t) - r F(c + r t) phi(t)|, for t taken
   exactly as given (the rule's own rounding is bounded by the rule).
   With |u| <= umax (u = t - t0) on the piece:
   - P: poly_value's bound EP at |u| = umax (every term grows with |u|):
     the coefficients' bounds, Horner's rounding, and the rounding of t0;
     mag + EP bounds both the computed |P| (Horner's value is within
     2 (deg + 1) u mag of the exact sum over the computed u, and EP holds
     that term) and the exact one.
   - phi: s_hat = fl((1 - t)(1 + t)) within eps_s s_hat of s (one factor
     exact by Sterbenz or each rounded once, then the product),
     q_hat = fl(1/s_hat) within q_hat dq of 1/s, dq = (u + eps_s)/(1 - u -
     eps_s), exp within LIBM_REL: |phi_hat - phi| <= e^(-q_hat) (LIBM_REL
     + q_hat dq (1 + u)) to first order (ROUNDUP covers the rest, q_hat dq
     < 1e-12 while q_hat <= 700), and both e^(-q_hat) and q_hat e^(-q_hat)
     are below PHI_TOP = 0.37 > 1/e (1 + LIBM_REL) for every q_hat >= 0
     (q_hat >= 1 - 4u since s_hat <= 1 + 2u); the 0.5% between 1/e and
     PHI_TOP also covers e^(q_hat dq) - 1 beyond its first order.  Where q_hat > 700 both phi
     and phi_hat are below e^-699 < 2^-1007: 2^-1000 covers them, and the
     subnormal rounding of exp.
   - the two products r v phi_hat: 2u (1 + u) of the result, and half a
     subnormal unit (DBL_TRUE_MIN) when it underflows. */
#define PHI_TOP 0.37
static double
poly_bump_bound (const piece_ctx *p, double ta, double tb)
{
  const double eps_s = 3 * U / (1 - 3 * U);
  const double dq = (U + eps_s) / (1 - U - eps_s);
  double umax = fmax (fabs (ta - p->t0), fabs (tb - p->t0));
  umax *= 1 + 2 * DBL_EPSILON;   /* the two subtractions' rounding */
  double du = DBL_EPSILON * (umax + 3);
  double mag = 0, cerr = 0, dv = 0;
  int j1 = p->jlo > 1 ? p->jlo : 1;
  for (int j = p->deg; j >= p->jlo; j--)
    {
      mag = mag * umax + fabs (p->a[j]);
      cerr = cerr * umax + p->ae[j];
    }
  for (int j = p->deg; j >= j1; j--)
    dv = dv * (umax + du) + j * fabs (p->a[j]);
  for (int j = 0; j < p->jlo; j++)
    {
      mag *= umax;
      cerr *= umax;
    }
  for (int j = 1; j < j1; j++)
    dv *= umax + du;
  double ep = (cerr + 2 * (p->deg + 2) * DBL_EPSILON * mag + dv * du)
              * (1 + ROUNDUP);
  double ephi = PHI_TOP * (LIBM_REL + dq * (1 + U)) * (1 + ROUNDUP) + 0x1p-1000;
  /* v phi_hat - P phi = P (phi_hat - phi) + phi_hat (v - P). */
  double e = p->r * ((mag + ep) * ephi + ep * PHI_TOP
                     + 2 * U * (1 + U) * (mag + ep) * PHI_TOP);
  return e * (1 + ROUNDUP) + DBL_TRUE_MIN;
}

/* Maps the germ status at a piece end to the pairing's: a function not
   defined on that side is NS_EDOM; a value or derivative that is infinite
   but integrable there (log|x|, 1/sqrt|x| at 0) sets *SINGULAR; one that
   is not integrable (1/x at 0) or undetermined is NS_UNDEFINED.  EDGE: X
   is an end of phi's support; LEN: the piece's length in x. */
static ns_status
check_piece_end (const ns_function *f, double x, ns_side side, int order,
                 double len, int edge, int *singular)
{
  return ns_pair_end_check (f, x, side, order, len, edge, singular);
}

/* A piece with an integrable singularity at an end, into SUM. */
static ns_status
integrate_singular_piece (piece_ctx *ctx, double xa, double xb, double ta,
                          double tb, int sing_a, int sing_b,
                          ns_pair_workspace *w, pair_sum *sum)
{
  ns_pair_part part;
  ns_status st = ns_pair_singular_piece (ctx->f, ctx->fk, ctx->phi, ctx->pn,
                                         ctx->c, ctx->r, xa, xb, ta, tb,
                                         sing_a, sing_b, ta == -1.0,
                                         tb == 1.0, w->qag, w->n, &part);
  ctx->neval += part.neval;
  if (st == NS_OK || st == NS_ETOL)
    pair_sum_add (sum, part.val, part.err);
  return st;
}

/* 1 when f^(fk) is exactly 0 on the open piece around X: the germ of f
   there, asked on both sides (so that a midpoint within rounding of some
   switch point cannot pick the wrong branch), is an exact polynomial of
   degree < fk (for fk = 0: the zero polynomial).  Inside a piece f has no
   breakpoint, so a polynomial germ holds on the whole piece. */
static int
piece_is_zero (const ns_function *f, double x, int fk)
{
  for (int s = 0; s < 2; s++)
    {
      ns_germ g;
      if (ns_fn_germ (f, x, s ? NS_LEFT : NS_RIGHT, fk, &g) != NS_OK
          || !g.exact || g.nvalid != fk + 1 || g.c[fk] != 0)
        return 0;
    }
  return 1;
}

/* When f is a polynomial on the piece (its germ at the midpoint x0 is
   exact), sets CTX's polynomial form of F = f^(fk) in the scaled
   variable, F(c + r t) = sum_j h_j r^j (t - t0)^j with t0 = (x0 - c)/r:
   the integrand then never forms x = c + r t, whose rounding (an ulp of c)
   is large beside r on a far bump, nor, on the weak route, a large f(x0)
   against the vanishing integral of phi^(pn).  CTX->poly says whether the
   form was set. */
static void
poly_setup (piece_ctx *ctx, double xa, double xb, double ta, double tb,
            const ns_pair_poly *known)
{
  ns_pair_poly pp;
  double x0 = xa + (xb - xa) / 2;
  ctx->poly = 0;
  if (known)
    pp = *known;
  else if (!ns_pair_poly_at (ctx->f, x0, &pp))
    return;
  int fk = ctx->fk, deg = pp.deg - fk;
  ctx->t0 = (x0 - ctx->c) / ctx->r;
  ctx->deg = deg > 0 ? deg : 0;
  ctx->a[0] = 0;
  ctx->ae[0] = 0;
  double rpow = 1;
  for (int j = 0; j <= deg; j++)
    {
      /* (j + fk)! / j!, exact in double for j + fk <= 16. */
      double fact = 1;
      for (int i = j + 1; i <= j + fk; i++)
        fact *= i;
      double h = pp.g[j + fk] * fact;
      double eh = pp.e[j + fk] * fact + DBL_EPSILON * fabs (h);
      ctx->a[j] = h * rpow;
      /* r^j carries j roundings, the product one more. */
      ctx->ae[j] = (eh + (j + 2) * DBL_EPSILON * fabs (h)) * rpow
                   * (1 + (j + 2) * DBL_EPSILON);
      if (!isfinite (ctx->a[j]) || !isfinite (ctx->ae[j]))
        return;
      rpow *= ctx->r;
    }
  /* The weak route on a piece that is the whole support: the constant
     term's integral a[0] int_{-1}^{1} phi^(pn) is exactly 0 (phi vanishes
     with its derivatives at both ends) and is left out.  Elsewhere it
     stays in the quadrature, which is what the weak route is about. */
  ctx->jlo = (ctx->pn >= 1 && ta == -1.0 && tb == 1.0) ? 1 : 0;
  ctx->poly = 1;
}

/* piece_is_zero and ns_pair_poly_at for the piece around X0 from one pair
   of germs (of order NS_PAIR_POLY_FIRST_ORDER, which both tests read):
   1 when f^(fk) is exactly 0 there; otherwise 0, with *POLY = 1 and *PP
   set when ns_pair_poly_at would set them.  The zero test is
   piece_is_zero's on the higher order: germs exact on both sides whose
   coefficients fk..NS_PAIR_POLY_FIRST_ORDER vanish.  Every piece that
   piece_is_zero finds zero passes it (a germ exact at order fk has exact
   nodes of degree <= fk, so at a higher order it stays exact with the
   same low coefficients and zeros above fk), and every piece it finds
   has f^(fk) = 0 exactly (an exact germ is f itself; x*x - x*x, which is
   not exact at order 1, is found here too).  Where the germs cannot be
   had or are not exact, piece_is_zero decides as before. */
static int
piece_classify (const ns_function *f, double x0, int fk, ns_pair_poly *pp,
                int *poly)
{
  const int n = NS_PAIR_POLY_FIRST_ORDER, n1 = fk > 1 ? fk : 1;
  ns_germ g[2];
  *poly = 0;
  /* The pieces met in practice (relu, |x|, H, sign, floor, x - floor x
     and their derivatives) are polynomials of degree <= max(fk, 1): germs
     of that order, which cost about half those of order 4, are exact
     there and then give the same answers as order 4 (same low
     coefficients, zeros above). */
  if (n1 < n && ns_fn_germ (f, x0, NS_RIGHT, n1, &g[1]) == NS_OK
      && g[1].exact && g[1].nvalid == n1 + 1
      && ns_fn_germ (f, x0, NS_LEFT, n1, &g[0]) == NS_OK
      && g[0].exact && g[0].nvalid == n1 + 1)
    {
      int zero = 1;
      for (int s = 0; s < 2; s++)
        for (int k = fk; k <= n1; k++)
          if (g[s].c[k] != 0)
            zero = 0;
      if (zero)
        return 1;
      *poly = ns_pair_poly_from_germs (f, x0, &g[0], &g[1], pp)
              || ns_pair_poly_at_full (f, x0, pp);
      return 0;
    }
  if (fk > n || ns_fn_germ (f, x0, NS_RIGHT, n, &g[1]) != NS_OK
      || ns_fn_germ (f, x0, NS_LEFT, n, &g[0]) != NS_OK)
    {
      if (piece_is_zero (f, x0, fk))
        return 1;
      *poly = ns_pair_poly_at (f, x0, pp);
      return 0;
    }
  int exact = 1, zero = 1;
  for (int s = 0; s < 2; s++)
    {
      if (!g[s].exact || g[s].nvalid != n + 1)
        exact = zero = 0;
      else
        for (int k = fk; k <= n; k++)
          if (g[s].c[k] != 0)
            zero = 0;
    }
  if (zero || (!exact && piece_is_zero (f, x0, fk)))
    return 1;
  *poly = ns_pair_poly_from_germs (f, x0, &g[0], &g[1], pp)
          || ns_pair_poly_at_full (f, x0, pp);
  return 0;
}

static ns_status integrate_piece_at (piece_ctx *ctx, double xa, double xb,
                                     double ta, double tb, size_t j,
                                     ns_pair_workspace *w, pair_sum *sum);

/* Integrates r F phi^(pn) over [ta, tb] (in t) into SUM, after checking
   that F is finite at both ends of the piece (where f is not a polynomial
   there: a polynomial's limits from inside are finite). */
static ns_status
integrate_piece (piece_ctx *ctx, double xa, double xb, double ta, double tb,
                 ns_pair_workspace *w, pair_sum *sum)
{
  return integrate_piece_at (ctx, xa, xb, ta, tb, SIZE_MAX, w, sum);
}

/* As integrate_piece, for piece J of the support (between its
   breakpoints J - 1 and J) when CTX->pt holds the term's plan: the end
   checks at breakpoints, the zero test and a constant f^(fk) come from
   the plan. */
static ns_status
integrate_piece_at (piece_ctx *ctx, double xa, double xb, double ta, double tb,
                    size_t j, ns_pair_workspace *w, pair_sum *sum)
{
  const ns_plan_piece *pc = NULL;
  const ns_plan_bp *bpa = NULL, *bpb = NULL;
  if (ctx->pt && j != SIZE_MAX)
    {
      size_t k = ctx->j0 + j;   /* the window's piece */
      pc = &ctx->pt->pc[k];
      if (ta != -1.0)
        bpa = &ctx->pt->bp[k - 1];
      if (tb != 1.0)
        bpb = &ctx->pt->bp[k];
    }
  /* An exactly zero integrand costs nothing and adds nothing. */
  ns_pair_poly pp;
  int have_pp = 0;
  if (pc ? pc->zero : piece_classify (ctx->f, xa + (xb - xa) / 2, ctx->fk,
                                      &pp, &have_pp))
    return NS_OK;
  if (pc && pc->konst && ctx->pn == 0)
    {
      /* poly_setup's result for a constant f^(fk) (the exact route:
         pn = 0, so no term is left out). */
      ctx->poly = 1;
      ctx->deg = 0;
      ctx->jlo = 0;
      ctx->t0 = (xa + (xb - xa) / 2 - ctx->c) / ctx->r;
      ctx->a[0] = pc->a0;
      ctx->ae[0] = pc->ae0;
    }
  else if (pc || have_pp)
    poly_setup (ctx, xa, xb, ta, tb, pc ? NULL : &pp);
  else
    ctx->poly = 0;
  /* The end checks ask whether f^(fk) has finite one-sided limits at the
     piece's ends.  Where f is a polynomial on the open piece (an exact
     germ at its midpoint, no breakpoint inside) or f^(fk) is 0 there,
     the limits from inside are that polynomial's, finite: the checks
     (two germs) are needed only for the other pieces. */
  if (!ctx->poly)
    {
      int sing_a = 0, sing_b = 0;
      ns_status st = NS_OK;
      if (!(bpa && bpa->end_ok[1]))
        st = check_piece_end (ctx->f, xa, NS_RIGHT, ctx->fk, xb - xa,
                              ta == -1.0, &sing_a);
      if (st == NS_OK && !(bpb && bpb->end_ok[0]))
        st = check_piece_end (ctx->f, xb, NS_LEFT, ctx->fk, xb - xa, tb == 1.0,
                              &sing_b);
      if (st != NS_OK)
        return st;
      if (sing_a || sing_b)
        return integrate_singular_piece (ctx, xa, xb, ta, tb, sing_a, sing_b, w,
                                         sum);
    }
  /* Nothing left to integrate: a constant on the whole support. */
  if (ctx->poly && ctx->deg < ctx->jlo)
    return NS_OK;
  ctx->max_eval_err = 0;
  ctx->xa = xa;
  ctx->xb = xb;
  ctx->slope = HUGE_VAL;
  ctx->cheap_dx = 0;
  if (!ctx->poly && ctx->fk == 0)
    {
      ns_ivd e;
      ns_fn_enclose_tree (ctx->f, xa, xb, &e);
      double sl = fmax (fabs (e.dlo), fabs (e.dhi));
      double mag = fmax (fabs (e.lo), fabs (e.hi));
      if (e.defined && isfinite (sl) && isfinite (mag))
        {
          ctx->slope = sl;
          ctx->cheap_dx = sl > 0 ? CHEAP_ULPS * DBL_EPSILON * mag / sl : HUGE_VAL;
          ctx->in_lo = xa;
          ctx->in_hi = xb;
        }
      else
        {
          /* An infinite slope at an end (sqrt|x - a|): the inner part,
             without a sixteenth of the piece at each end, usually has a
             finite one; nodes near the ends correct themselves. */
          double h = (xb - xa) / 16;
          ns_fn_enclose_tree (ctx->f, xa + h, xb - h, &e);
          sl = fmax (fabs (e.dlo), fabs (e.dhi));
          mag = fmax (fabs (e.lo), fabs (e.hi));
          if (e.defined && isfinite (sl) && isfinite (mag) && h > 0)
            {
              ctx->slope = sl;
              ctx->cheap_dx = sl > 0 ? CHEAP_ULPS * DBL_EPSILON * mag / sl : HUGE_VAL;
              /* x within [in_lo, in_hi] means the exact point is inside
                 the enclosed part as long as adx stays below h. */
              ctx->in_lo = xa + h;
              ctx->in_hi = xb - h;
              if (ctx->cheap_dx > h / 2)
                ctx->cheap_dx = h / 2;
            }
        }
    }
  double val = 0, abserr = 0;
  size_t nodes = 0;
  /* A polynomial against the bump itself: the plain node loop, bounded
     once for the piece.  Where its rule falls short, the adaptive rule
     below decides with the tracked integrand: the fast rule with that
     integrand would see the same node values (but for the bump's tail
     below e^-700, which the tracked evaluation takes through logarithms)
     and fall short as well. */
  int fast_tried = 0;
  if (ctx->poly && ctx->pn == 0 && ctx->phi->kind == KIND_BUMP)
    {
      double node_err = poly_bump_bound (ctx, ta, tb);
      fast_tried = isfinite (node_err);
      if (fast_tried
          && ns_quad_piece (ctx->deg == 0 && ctx->jlo == 0
                            ? poly_bump_const_integrand : poly_bump_integrand,
                            ctx, ta, tb, PAIR_EPSREL,
                            &val, &abserr, &nodes))
        {
          double err = abserr + (tb - ta) * node_err;
          pair_sum_add (sum, val, err);
          return isfinite (err) ? NS_OK : NS_ETOL;
        }
    }
  /* The fast rule first; the adaptive one when its estimate falls short. */
  if (!fast_tried
      && ns_quad_piece (piece_integrand, ctx, ta, tb, PAIR_EPSREL, &val, &abserr,
                        &nodes))
    {
      if (ctx->fail != NS_OK)
        return ctx->fail;
      double err = abserr + (tb - ta) * ctx->max_eval_err;
      pair_sum_add (sum, val, err);
      /* An integrand value without a finite bound (the rounding of x on a
         piece where f' has no finite enclosure) leaves none for the sum. */
      return isfinite (err) ? NS_OK : NS_ETOL;
    }
  if (ctx->fail != NS_OK)
    return ctx->fail;
  ctx->max_eval_err = 0;
  gsl_function F = { piece_integrand, ctx };
  int gst = ns_integ_qag (&F, ta, tb, 0.0, PAIR_EPSREL, w->n,
                          gsl_integration_qk21, w->qag, &val, &abserr);
  if (ctx->fail != NS_OK)
    return ctx->fail;
  /* The evaluation errors enter the integral at most as their largest
     value times the length (positive weights summing to tb - ta). */
  double err = abserr + (tb - ta) * ctx->max_eval_err;
  pair_sum_add (sum, val, err);
  if (!isfinite (err))
    return NS_ETOL;
  if (gst == GSL_SUCCESS)
    return NS_OK;
  /* GSL_EROUND: rounding stops qag short of a relative tolerance (a piece
     whose integral is near 0); its estimate is then at the rounding level
     of the integrand and stays honest. */
  if (gst == GSL_EROUND && isfinite (abserr))
    return NS_OK;
  return NS_ETOL;
}

/* Integrates r f^(fk) phi^(pn) over the support of phi, split at the
   breakpoints of f there (first NB of them in PTS, strictly inside). */
static ns_status
integrate_support (const ns_function *f, int fk, const ns_testfn *phi, int pn,
                   double sa, double sb, double c, double r,
                   const double *pts, size_t nb, ns_pair_workspace *w,
                   pair_sum *sum, size_t *neval, const ns_plan_term *pt,
                   size_t j0)
{
  /* On the stack, not in the workspace: a pairing makes no allocation,
     and F's tape serves only this call. */
  ns_tape tape;
  piece_ctx ctx = { f, fk, phi, pn, c, r, sa, sb, 0, 0, NS_OK, 0, 0, 0, 0,
                   { 0 }, { 0 }, 0, 0, 0, 0, pt, j0, &tape, 0 };
  ns_status worst = NS_OK;
  double xa = sa, ta = -1.0;
  for (size_t j = 0; j <= nb; j++)
    {
      double xb = (j < nb) ? pts[j] : sb;
      double tb = (j < nb) ? (pts[j] - c) / r : 1.0;
      if (tb > ta)
        {
          ns_status st = integrate_piece_at (&ctx, xa, xb, ta, tb, j, w, sum);
          if (st != NS_OK && st != NS_ETOL)
            {
              *neval += ctx.neval;
              return st;
            }
          if (st == NS_ETOL)
            worst = NS_ETOL;
        }
      xa = xb;
      ta = tb;
    }
  *neval += ctx.neval;
  return worst;
}

/* ------------------------------------------------------------------ terms */

/* c (-1)^m phi^(m)(a), exact up to phi's evaluation error, the
   coefficient's relative error coef_rel, and the cost of the point's
   error e = point_err: by Taylor's theorem
     |phi^(m)(p) - phi^(m)(a)| <= e |phi^(m+1)(a)| + e^2/2 max |phi^(m+2)|
   on [a - e, a + e].  The maximum is taken as 2 |phi^(m+2)(a)| (plus its
   bound): e is a few ulps of a, and a test function's derivatives change
   by a factor 2 only over distances of a fair fraction of its radius
   (near an end of the support, where they vary faster, all of them are
   below the smallest double long before e matters).  A point within e
   of an end of the support pairs to 0 up to that bound as well: phi and
   every derivative vanish at the end and the bound reads them at a. */
static ns_status
pair_delta (const dist_term *t, const ns_testfn *phi, double sa, double sb,
            pair_sum *sum, size_t *neval)
{
  const double e = t->point_err;
  /* Outside the open support phi and its derivatives are exactly 0. */
  if (!(t->point > sa && t->point < sb))
    return NS_OK;
  double s = (t->order % 2) ? -t->coef : t->coef;
  ns_result p;
  ns_status st = ns_testfn_eval (phi, t->order, t->point, &p);
  ++*neval;
  if (st != NS_OK)
    return st;
  double err = fabs (s) * p.err + fabs (s * p.val) * t->coef_rel;
  if (e > 0.0)
    {
      int maxn;
      ns_result d1, d2;
      /* No derivative to bound the shift with, or a shift not small
         against the support (2^-20 of its length), where reading the
         second derivative at a alone is no bound. */
      if (ns_testfn_max_order (phi, &maxn) != NS_OK || t->order + 2 > maxn
          || !(e <= ldexp (sb - sa, -20)))
        err = INFINITY;
      else
        {
          st = ns_testfn_eval (phi, t->order + 1, t->point, &d1);
          if (st == NS_OK)
            st = ns_testfn_eval (phi, t->order + 2, t->point, &d2);
          *neval += 2;
          if (st != NS_OK)
            return st;
          err += fabs (s) * (1 + t->coef_rel)
                 * (e * (fabs (d1.val) + d1.err) + e * e * (fabs (d2.val) + d2.err));
        }
    }
  pair_sum_add (sum, s * p.val, err);
  return st == NS_OK && isinf (err) ? NS_ETOL : NS_OK;
}

/* Breakpoints of F strictly inside (sa, sb) into W->pts. */
static ns_status
inner_breakpoints (const ns_function *f, double sa, double sb,
                   ns_pair_workspace *w, size_t *nb)
{
  size_t n = 0;
  ns_status st = ns_fn_breakpoints_scratch (f, sa, sb, w->pts, w->n, &n, &w->bp);
  if (st != NS_OK)
    return st;
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (w->pts[i] > sa && w->pts[i] < sb)
      w->pts[k++] = w->pts[i];
  *nb = k;
  return NS_OK;
}

/* c (-1)^m p.v. int phi^(m)(x)/(x - a) dx, the pairing of c D^m pv.  A
   point known to e = point_err: d/da p.v. int psi/(x - a) = p.v. int
   psi'/(x - a), so the shift costs at most e |<pv_a, phi^(m+1)>| +
   e^2 |<pv_a, phi^(m+2)>| (the second-order term read at a with a factor
   2, as for a delta), each with its bound; e at most 2^-20 of the
   support, or the bound is infinite. */
static ns_status
pair_pv (const dist_term *t, int m, const ns_testfn *phi, double c, double r,
         ns_pair_workspace *w, pair_sum *sum, size_t *neval)
{
  ns_pair_part part;
  ns_status st = ns_pair_pv (phi, m, t->point, c, r, w->qag, w->n, &part);
  *neval += part.neval;
  if (st != NS_OK && st != NS_ETOL)
    return st;
  double s = (m % 2) ? -t->coef : t->coef;
  double err = fabs (s) * part.err
               + fabs (s) * (fabs (part.val) + part.err) * t->coef_rel;
  const double e = t->point_err;
  if (e > 0.0)
    {
      int maxn;
      if (ns_testfn_max_order (phi, &maxn) != NS_OK || m + 2 > maxn
          || !(e <= ldexp (2 * r, -20)))
        {
          err = INFINITY;
          st = NS_ETOL;
        }
      else
        for (int j = 1; j <= 2; j++)
          {
            ns_pair_part dj;
            ns_status sj = ns_pair_pv (phi, m + j, t->point, c, r, w->qag, w->n, &dj);
            *neval += dj.neval;
            if (sj != NS_OK && sj != NS_ETOL)
              return sj;
            if (sj == NS_ETOL)
              st = NS_ETOL;
            err += fabs (s) * (1 + t->coef_rel) * (j == 1 ? e : e * e)
                   * (fabs (dj.val) + dj.err);
          }
    }
  pair_sum_add (sum, s * part.val, err);
  return st;
}

/* The germs of F at X on both sides up to ORDER, left first.  An infinite
   side is not a multiple of a delta: NS_UNDEFINED. */
static ns_status
side_germs (const ns_function *f, double x, int order, ns_germ g[2])
{
  for (int s = 0; s < 2; s++)
    {
      ns_status st = ns_fn_germ (f, x, s ? NS_RIGHT : NS_LEFT, order, &g[s]);
      if (st != NS_OK)
        return st == NS_ERANGE ? NS_UNDEFINED : st;
    }
  return NS_OK;
}

/* The jumps [f^(i)](x), i = 0..N, into JUMP with bounds on their rounding
   into ERR, from the germs G on both sides (of order >= N): bounded by
   lib/distribution/pairing_poly.c where f is a polynomial on that side and
   by GERM_DERIV_ULPS elsewhere (err0 for the value). */
static void
jumps_from_germs (const ns_function *f, double x, int n, const ns_germ g[2],
                  double *jump, double *err)
{
  double e[2][NS_MAX_ORDER + 1];
  for (int s = 0; s < 2; s++)
    if (!ns_pair_germ_bound (f, x, s ? NS_RIGHT : NS_LEFT, &g[s], e[s]))
      for (int i = 0; i <= n; i++)
        e[s][i] = i == 0 ? g[s].err0 : germ_deriv_err (0, g[s].c[i]);
  double fact = 1;
  for (int i = 0; i <= n; i++)
    {
      if (i > 1)
        fact *= i;
      /* d^i/dx^i f(x - t) = (-1)^i d^i/dt^i: the left germ is in -t. */
      double left = fact * g[0].c[i], right = fact * g[1].c[i];
      if (i % 2)
        left = -left;
      jump[i] = right - left;
      /* Up to order 1 fact is 1 and left, right are the coefficients
         themselves: only the subtraction rounds, by at most u |jump| (a
         jump of 1 between 1e15 - 1 and 1e15 is exact, not 2u 2e15).  From
         order 2 the products by fact round too, relative to each side. */
      double rnd = i <= 1 ? DBL_EPSILON * fabs (jump[i])
                          : 2 * DBL_EPSILON * (fabs (left) + fabs (right));
      err[i] = fact * (e[0][i] + e[1][i]) * (1 + 2 * DBL_EPSILON) + rnd;
    }
}

static ns_status pair_regular (const dist_term *t, const ns_testfn *phi,
                               int exact, double sa, double sb, double c,
                               double r, ns_pair_workspace *w, pair_sum *sum,
                               size_t *neval, const ns_plan_term *pt);

/* c D^m T_f, m >= 1, f = s log|x - a| + REST_SIGN rest on the support:
   D log|x - a| = p.v. 1/(x - a), so the log part pairs as
   c s D^(m-1) pv; the rest by the exact route. */
static ns_status
pair_log_regular (const dist_term *t, const ns_testfn *phi, double s,
                  double a, const ns_function *rest, int rest_sign,
                  double sa, double sb, double c, double r,
                  ns_pair_workspace *w, pair_sum *sum, size_t *neval)
{
  dist_term pv = { NS_DIST_PV, t->coef * s, t->order - 1, a, NULL, NULL, 0, 0.0, 0.0 };
  if (!isfinite (pv.coef))
    return NS_ERANGE;
  ns_status worst = pair_pv (&pv, pv.order, phi, c, r, w, sum, neval);
  if (worst != NS_OK && worst != NS_ETOL)
    return worst;
  if (!rest)
    return worst;
  dist_term part = *t;
  /* Borrowed for this call, read only, never freed: pairing takes terms
     whose functions it does not modify. */
  part.f = (ns_function *) (uintptr_t) rest;
  part.coef = t->coef * rest_sign;
  ns_status st = pair_regular (&part, phi, 1, sa, sb, c, r, w, sum, neval, NULL);
  if (st != NS_OK && st != NS_ETOL)
    return st;
  return st == NS_ETOL ? st : worst;
}

/* A regular term c D^m T_f.  EXACT: int f^(m) phi plus the jump terms;
   otherwise (-1)^m int f phi^(m). */
static ns_status
pair_regular (const dist_term *t, const ns_testfn *phi, int exact,
              double sa, double sb, double c, double r,
              ns_pair_workspace *w, pair_sum *sum, size_t *neval,
              const ns_plan_term *pt)
{
  double ls, la;
  const ns_function *rest;
  int rest_sign;
  if (exact && t->order >= 1
      && ns_pair_log_split (t->f, sa, sb, &w->bp, &ls, &la, &rest,
                            &rest_sign))
    return pair_log_regular (t, phi, ls, la, rest, rest_sign, sa, sb, c, r, w,
                             sum, neval);
  size_t nb = 0, j0 = 0;
  ns_status st = NS_OK;
  /* A term the plan could not cache (more breakpoints in the window than
     it has room for, or a search that failed there) has no breakpoints in
     the plan: it searches the support as ns_dist_pair does. */
  if (pt && pt->cached && exact)
    {
      /* The plan's breakpoints strictly inside the support, in order. */
      while (j0 < pt->nb && !(pt->pts[j0] > sa))
        j0++;
      while (j0 + nb < pt->nb && pt->pts[j0 + nb] < sb)
        nb++;
      if (nb > w->n)
        return NS_ELIMIT;
      for (size_t j = 0; j < nb; j++)
        w->pts[j] = pt->pts[j0 + j];
    }
  else
    {
      pt = NULL;
      st = inner_breakpoints (t->f, sa, sb, w, &nb);
    }
  if (st != NS_OK)
    return st;
  int m = t->order;
  pair_sum part = { 0 };
  ns_status worst;
  if (exact)
    {
      worst = integrate_support (t->f, m, phi, 0, sa, sb, c, r, w->pts, nb,
                                 w, &part, neval, pt, j0);
      if (worst != NS_OK && worst != NS_ETOL)
        return worst;
    }
  else
    {
      worst = integrate_support (t->f, 0, phi, m, sa, sb, c, r, w->pts, nb,
                                 w, &part, neval, NULL, 0);
      if (worst != NS_OK && worst != NS_ETOL)
        return worst;
    }
  double loc = 0;
  int fk = exact ? m : 0;
  for (size_t j = 0; j < nb; j++)
    {
      ns_germ gbuf[2];
      const ns_germ *g = gbuf;
      const ns_plan_bp *bp = pt ? &pt->bp[j0 + j] : NULL;
      int have = bp ? bp->have : side_germs (t->f, w->pts[j], fk + 1, gbuf) == NS_OK;
      if (bp)
        g = bp->g;
      loc += ns_pair_location_err (t->f, have ? g : NULL, w->pts[j], exact, m,
                                   phi, c);
      if (exact && m > 0)
        {
          /* T_f^(m) = f^(m) + sum_j sum_{i<m} [f^(i)](a_j) delta_{a_j}^(m-1-i),
             and <delta_a^(p), phi> = (-1)^p phi^(p)(a).  Jumps come from the
             germs on both sides, with their coefficients' bounds; the
             location of a_j is bounded above. */
          double jbuf[NS_MAX_ORDER + 1], ebuf[NS_MAX_ORDER + 1];
          const double *jump = jbuf, *jerr = ebuf;
          if (bp)
            {
              if (bp->jst != NS_OK)
                return bp->jst;
              jump = bp->jump;
              jerr = bp->jerr;
            }
          else
            {
              if (!have && (st = side_germs (t->f, w->pts[j], m - 1, gbuf)) != NS_OK)
                return st;
              jumps_from_germs (t->f, w->pts[j], m - 1, gbuf, jbuf, ebuf);
            }
          for (int i = 0; i < m; i++)
            {
              if (jump[i] == 0)
                continue;
              int p = m - 1 - i;
              ns_result ph;
              st = ns_testfn_eval (phi, p, w->pts[j], &ph);
              ++*neval;
              if (st != NS_OK)
                return st;
              double v = jump[i] * ph.val;
              pair_sum_add (&part, (p % 2) ? -v : v,
                            fabs (jump[i]) * ph.err + jerr[i] * fabs (ph.val)
                            + DBL_EPSILON * fabs (v));
            }
        }
    }
  double v, e;
  pair_sum_finish (&part, &v, &e);
  e += loc;
  if (!isfinite (e) && worst == NS_OK)
    worst = NS_ETOL;
  double s = (!exact && (m % 2)) ? -t->coef : t->coef;
  pair_sum_add (sum, s * v, fabs (s) * e);
  return worst;
}

/* One term without a multiplier, by its kind. */
static ns_status
pair_term (const dist_term *term, const ns_testfn *phi, int exact,
           double sa, double sb, double c, double r, ns_pair_workspace *w,
           pair_sum *sum, size_t *neval, const ns_plan_term *pt)
{
  switch (term->kind)
    {
    case NS_DIST_DELTA:
      return pair_delta (term, phi, sa, sb, sum, neval);
    case NS_DIST_PV:
      return pair_pv (term, term->order, phi, c, r, w, sum, neval);
    default:
      return pair_regular (term, phi, exact, sa, sb, c, r, w, sum, neval, pt);
    }
}

/* c D^k [g D^m pv_a] with g smooth near a but with NB breakpoints in the
   open support (in W->pts): g D^m pv_a is defined all the same, as
   g chi D^m pv_a + g (1 - chi) K_m for a cutoff chi around a, and pairs
   as (-1)^k <D^m pv_a, G>, G = g phi^(k), split at a -+ h (h half the
   distance from a to g's nearest breakpoint or the support's end): the
   part inside by ns_pair_mult_pv_near, the rest as the regular integral
   of g times phi^(k) K_m, K_m = (-1)^m m!/(x - a)^(m+1), on the pieces
   between g's breakpoints. */
static ns_status
pair_pv_multiplied (const dist_term *term, const ns_testfn *phi, size_t nb,
                    double sa, double sb, double c, double r,
                    ns_pair_workspace *w, pair_sum *sum, size_t *neval)
{
  const double a = term->point;
  double dist = fmin (a - sa, sb - a);
  for (size_t j = 0; j < nb; j++)
    dist = fmin (dist, fabs (w->pts[j] - a));
  /* A breakpoint at a, or too near it to tell: g is not smooth there. */
  if (!(dist > 64 * DBL_EPSILON * fabs (a)) || !(dist > 0))
    return NS_UNDEFINED;
  const double h = dist / 2, xm = a - h, xp = a + h;
  pair_sum part = { 0 };
  ns_pair_part near;
  ns_status worst = ns_pair_mult_pv_near (term->mult, phi, term->outer, term->order,
                                          a, h, w->qag, w->n, &near);
  *neval += near.neval;
  if (worst != NS_OK && worst != NS_ETOL)
    return worst;
  pair_sum_add (&part, near.val, near.err);
  ns_pair_kernel_ctx kc = { phi, term->outer, term->order, a };
  ns_pair_kernel_testfn (phi, c, r, sa, sb, &kc, w->psi);
  piece_ctx ctx = { term->mult, 0, w->psi, 0, c, r, sa, sb, 0, 0, NS_OK, 0, 0, 0, 0,
                    { 0 }, { 0 }, 0, 0, 0, 0, NULL, 0, NULL, 0 };
  /* The piece ends: g's breakpoints with xm and xp merged in (none of
     them lies in [xm, xp]); the piece [xm, xp] is the inner one. */
  double xa = sa, ta = -1.0;
  size_t j = 0;
  int inserted = 0;
  for (;;)
    {
      double xb;
      if (inserted < 2 && (j == nb || (inserted == 0 ? xm : xp) < w->pts[j]))
        xb = inserted++ == 0 ? xm : xp;
      else if (j < nb)
        xb = w->pts[j++];
      else
        xb = sb;
      double tb = xb == sb ? 1.0 : (xb - c) / r;
      if (tb > ta && xa != xm)
        {
          ns_status st = integrate_piece (&ctx, xa, xb, ta, tb, w, &part);
          if (st != NS_OK && st != NS_ETOL)
            {
              *neval += ctx.neval;
              return st;
            }
          if (st == NS_ETOL)
            worst = NS_ETOL;
        }
      if (xb == sb)
        break;
      xa = xb;
      ta = tb;
    }
  *neval += ctx.neval;
  double v, e;
  pair_sum_finish (&part, &v, &e);
  double s = (term->outer % 2) ? -term->coef : term->coef;
  pair_sum_add (sum, s * v, fabs (s) * e + fabs (s) * (fabs (v) + e) * term->coef_rel);
  return worst;
}

/* c D^k [g S]: <D^k (g S), phi> = (-1)^k <S, g phi^(k)>, with g phi^(k)
   as a test function (lib/distribution/pairing_mult.c) in the workspace's object: a
   term with a multiplier pairs a bare term, never another multiplier, so
   one object suffices. */
static ns_status
pair_multiplied (const dist_term *term, const ns_testfn *phi, int exact,
                 double sa, double sb, ns_pair_workspace *w, pair_sum *sum,
                 size_t *neval)
{
  ns_pair_mult_ctx ctx;
  ns_testfn *psi = w->psi;
  ns_status st;
  if (term->kind == NS_DIST_DELTA)
    {
      /* <g delta_a^(m), phi^(k)> reads g near a only: g need not be
         smooth elsewhere on the support (heaviside(2 - x) delta(x - 1)
         is delta(x - 1)).  A point outside the open support pairs to 0. */
      if (!(term->point > sa && term->point < sb))
        return NS_OK;
      /* Two more orders bound a rounded point's shift (pair_delta); past
         NS_MAX_ORDER that bound is infinite anyway and never evaluated. */
      int n = term->order + (term->point_err > 0.0 ? 2 : 0);
      if (n > NS_MAX_ORDER)
        n = NS_MAX_ORDER;
      double tol = term->point_err + 8 * DBL_EPSILON * fabs (term->point);
      st = ns_pair_mult_testfn_at (term->mult, phi, term->outer, term->point,
                                   tol, term->point_err > 0.0, n, &w->bp, w->pts,
                                   w->n, &ctx, psi);
    }
  else
    {
      /* A p.v. whose multiplier is smooth near the point only. */
      if (term->kind == NS_DIST_PV && term->point_err == 0.0
          && term->point > sa && term->point < sb)
        {
          size_t nb = 0;
          st = inner_breakpoints (term->mult, sa, sb, w, &nb);
          if (st != NS_OK)
            return st;
          if (nb > 0)
            {
              double c, r;
              ns_testfn_centre (phi, &c);
              ns_testfn_radius (phi, &r);
              return pair_pv_multiplied (term, phi, nb, sa, sb, c, r, w, sum, neval);
            }
        }
      st = ns_pair_mult_testfn (term->mult, phi, term->outer, &w->bp,
                                w->pts, w->n, &ctx, psi);
    }
  if (st != NS_OK)
    return st;
  dist_term bare = *term;
  bare.mult = NULL;
  bare.outer = 0;
  if (term->outer % 2)
    bare.coef = -bare.coef;
  double c, r;
  ns_testfn_centre (psi, &c);
  ns_testfn_radius (psi, &r);
  return pair_term (&bare, psi, exact, sa, sb, c, r, w, sum, neval, NULL);
}

/* Both routes: checks, the workspace, every term, the final sum. */
static ns_status
pair_common (const ns_dist *t, const ns_testfn *phi, ns_pair_workspace *w,
             int exact, ns_pair_result *out, const ns_dist_plan *plan)
{
  if (!out)
    return NS_EINVAL;
  *out = (ns_pair_result) { NAN, INFINITY, 0 };
  if (!t || !phi)
    return NS_EINVAL;
  double sa, sb, c, r;
  int maxn;
  if (ns_testfn_support (phi, &sa, &sb) != NS_OK
      || ns_testfn_centre (phi, &c) != NS_OK
      || ns_testfn_radius (phi, &r) != NS_OK
      || ns_testfn_max_order (phi, &maxn) != NS_OK)
    return NS_EINVAL;
  for (size_t i = 0; i < t->n; i++)
    {
      int need = t->terms[i].order;
      if (exact && t->terms[i].kind == NS_DIST_REGULAR)
        need = need > 0 ? need - 1 : 0;
      if (need + t->terms[i].outer > maxn)
        return NS_EINVAL;
    }
  /* delta(g(x)) becomes deltas at the zeros of g in the support, found
     here (lib/distribution/dist_delta_of.c allocates for them), for each
     test function: a plan keeps nothing for them. */
  for (size_t i = 0; i < t->n; i++)
    if (t->terms[i].kind == NS_DIST_DELTA_OF)
      {
        ns_dist *x = NULL;
        ns_status st = ns_dist_expand (t, sa, sb, &x);
        if (st == NS_OK)
          st = pair_common (x, phi, w, exact, out, NULL);
        ns_dist_free (x);
        return st;
      }
  ns_pair_workspace *own = NULL;
  if (!w)
    {
      own = w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
      if (!w)
        return NS_ENOMEM;
    }
  pair_sum sum = { 0 };
  size_t neval = 0;
  ns_status worst = NS_OK;
  for (size_t i = 0; i < t->n; i++)
    {
      const dist_term *term = &t->terms[i];
      ns_status st = term->mult
        ? pair_multiplied (term, phi, exact, sa, sb, w, &sum, &neval)
        : pair_term (term, phi, exact, sa, sb, c, r, w, &sum, &neval,
                     plan ? &plan->terms[i] : NULL);
      if (st == NS_ETOL)
        worst = NS_ETOL;
      else if (st != NS_OK)
        {
          ns_pair_workspace_free (own);
          out->neval = neval;
          return st;
        }
    }
  ns_pair_workspace_free (own);
  pair_sum_finish (&sum, &out->val, &out->err);
  out->neval = neval;
  /* A value that is not a number is no estimate (integrands that overflow
     or underflow, as for test functions of radius 1e300): never returned
     with NS_OK or NS_ETOL.  Every piece has passed its end checks and every
     value was defined, so this is overflow in the doubles, not a pairing
     that does not exist: NS_EOVERFLOW, never NS_UNDEFINED ("not defined"
     for relu or x on a bump of radius 1e300 was false).  A bound that is
     not a number bounds nothing. */
  if (!isfinite (out->val))
    {
      out->val = NAN;
      out->err = INFINITY;
      return NS_EOVERFLOW;
    }
  if (isnan (out->err))
    {
      out->err = INFINITY;
      return NS_ETOL;
    }
  return worst;
}

ns_status
ns_dist_pair (const ns_dist *t, const ns_testfn *phi, ns_pair_workspace *w,
              ns_pair_result *out)
{
  return pair_common (t, phi, w, 1, out, NULL);
}

ns_status
ns_dist_pair_weak (const ns_dist *t, const ns_testfn *phi,
                   ns_pair_workspace *w, ns_pair_result *out)
{
  return pair_common (t, phi, w, 0, out, NULL);
}

/* ------------------------------------------------------------------ plans (lib/distribution/plan.c) */

ns_status
ns_pair_planned (const ns_dist_plan *plan, const ns_testfn *phi,
                 ns_pair_workspace *w, ns_pair_result *out)
{
  return pair_common (plan->t, phi, w, 1, out, plan);
}

int
ns_pair_piece_is_zero (const ns_function *f, double x, int fk)
{
  ns_pair_poly pp;
  int poly;
  return piece_classify (f, x, fk, &pp, &poly);
}

ns_status
ns_pair_side_germs (const ns_function *f, double x, int order, ns_germ g[2])
{
  return side_germs (f, x, order, g);
}

void
ns_pair_jumps (const ns_function *f, double x, int n, const ns_germ g[2],
               double *jump, double *err)
{
  jumps_from_germs (f, x, n, g, jump, err);
}

int
ns_pair_const_piece (const ns_function *f, double x0, int fk, double *a0,
                     double *ae0)
{
  ns_pair_poly pp;
  /* Only a coefficient without any rounding bound: the walk of
     lib/distribution/pairing_poly.c bounds the others from magnitudes that
     depend on x0 (a kink's unused branch, a sum's terms), so poly_setup at
     another point of the piece would give another bound.  An exact one
     (x, relu, |x|, H, sign, floor and their sums' constant derivatives
     that involve no rounding) is the same at every point. */
  if (!ns_pair_poly_at (f, x0, &pp) || pp.deg > fk || pp.e[fk] != 0)
    return 0;
  if (pp.deg < fk)
    {
      /* poly_setup sets no coefficient then: f^(fk) is 0. */
      *a0 = 0;
      *ae0 = 0;
      return 1;
    }
  /* poly_setup's j = 0 with rpow = 1. */
  double fact = 1;
  for (int i = 1; i <= fk; i++)
    fact *= i;
  double h = pp.g[fk] * fact;
  double eh = pp.e[fk] * fact + DBL_EPSILON * fabs (h);
  *a0 = h;
  *ae0 = (eh + 2 * DBL_EPSILON * fabs (h)) * (1 + 2 * DBL_EPSILON);
  return isfinite (*a0) && isfinite (*ae0);
}
