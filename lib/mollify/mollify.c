/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/mollify/mollify.c: T * rho_eps for a distribution T and the normalized
   mollifier rho_eps: values and derivatives at a point as pairings with a
   centred bump, <T * rho_eps, phi> by an outer quadrature of those values
   and, independently, as <T, rho_eps * phi>, and the measured rate of
   convergence to <T, phi>.  Built on the public API of distribution.h and
   testfn.h only. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include "nonsmooth/mollify.h"
#include "integrate.h"

/* Unit roundoff of double. */
#define U (DBL_EPSILON / 2)

/* Relative tolerance of the outer quadrature of ns_mollify_pair: its
   integrand values carry the inner pairings' errors, about 1e-13
   relative (PAIR_EPSREL in pairing.c), so asking for less than ten times
   that would only spend bisections on noise. */
#define MOLLIFY_OUTER_EPSREL 1e-12

/* Relative tolerance of the inner quadrature of rho_eps * phi^(n): the
   same few hundred ulps the pairing asks of its pieces. */
#define MOLLIFY_CONV_EPSREL 1e-13

/* eps is usable when it is a positive normal double: below DBL_MIN the
   normalization eps * int phi_{0,1} loses relative precision. */
static int
eps_ok (double eps)
{
  return isfinite (eps) && eps >= DBL_MIN;
}

static ns_status
fail (ns_pair_result *out, ns_status st)
{
  if (out)
    *out = (ns_pair_result) { NAN, INFINITY, out->neval };
  return st;
}

/* The normalization N = int of the bump of radius EPS = eps * int phi_{0,1},
   the constant rho_eps(x) = phi_{x,eps}/N divides by. */
static ns_status
mollifier_norm (double eps, ns_result *norm)
{
  ns_testfn *b = NULL;
  ns_status st = ns_testfn_bump_alloc (0.0, eps, &b);
  if (st == NS_OK)
    st = ns_testfn_integral (b, norm);
  ns_testfn_free (b);
  if (st == NS_OK && !(norm->val > norm->err && norm->val > 0))
    st = NS_EINVAL;
  return st;
}

/* ------------------------------------------------------------------ a value of T * rho_eps */

/* What one value (D^j T * rho_eps)(x) needs. */
typedef struct eval_ctx {
  const ns_dist *t;        /* D^j T */
  double eps;
  ns_result norm;          /* N */
  ns_pair_workspace *w;
  size_t neval;
  int missed_tol;          /* some pairing returned NS_ETOL */
  ns_status fail;          /* first failure, NS_OK if none */
  double max_eval_err;     /* largest error of a value, times |weight| */
  const ns_testfn *phi;    /* outer integrand: the test function, or NULL */
} eval_ctx;

/* (D^j T * rho_eps)(x) = <D^j T, rho_eps(x - .)> = <D^j T, phi_{x,eps}> / N,
   since rho_eps is even. */
static ns_status
eval_at (eval_ctx *c, double x, ns_result *v)
{
  ns_testfn *b = NULL;
  ns_status st = ns_testfn_bump_alloc (x, c->eps, &b);
  if (st != NS_OK)
    return st;
  ns_pair_result p = { 0 };
  st = ns_dist_pair (c->t, b, c->w, &p);
  ns_testfn_free (b);
  c->neval += p.neval;
  if (st == NS_ETOL)
    c->missed_tol = 1;
  else if (st != NS_OK)
    return st;
  /* |p/N_hat - P/N| <= (err_p + |p| err_N / N_hat) / (N_hat - err_N),
     and the division rounds once. */
  double nv = c->norm.val, ne = c->norm.err;
  v->val = p.val / nv;
  /* ne / nv first: at eps = 1e300 both p and N are near 1e300 and
     |p| err_N would overflow. */
  v->err = ((p.err + fabs (p.val) * (ne / nv)) / (nv - ne) + U * fabs (v->val))
           * (1 + 8 * U);
  if (!isfinite (v->val) || !isfinite (v->err))
    return NS_ELIMIT;
  return NS_OK;
}

/* Checks shared by the entry points; sets up D^J T (in *DT, to be freed
   when it differs from T) and the normalization. */
static ns_status
setup (const ns_dist *t, double eps, int j, const ns_dist **dt, ns_dist **own,
       ns_result *norm)
{
  *own = NULL;
  *dt = t;
  if (!t || !eps_ok (eps) || j < 0 || j > NS_DIST_MAX_ORDER)
    return NS_EINVAL;
  /* delta(g(x)) has no points and no function to split at: the caller
     expands it on a range first (ns_dist_expand). */
  for (size_t i = 0; i < ns_dist_nterms (t); i++)
    {
      ns_dist_term term;
      if (ns_dist_term_get (t, i, &term) != NS_OK || term.kind == NS_DIST_DELTA_OF)
        return NS_EINVAL;
    }
  if (j > 0)
    {
      ns_status st = ns_dist_deriv (t, j, own);
      if (st != NS_OK)
        return st;
      *dt = *own;
    }
  ns_status st = mollifier_norm (eps, norm);
  if (st != NS_OK)
    {
      ns_dist_free (*own);
      *own = NULL;
    }
  return st;
}

ns_status
ns_mollify_eval (const ns_dist *t, double eps, int j, double x, ns_pair_result *out)
{
  if (!out)
    return NS_EINVAL;
  out->neval = 0;
  if (!isfinite (x) || !(x - eps < x && x + eps > x))
    return fail (out, NS_EINVAL);
  const ns_dist *dt;
  ns_dist *own;
  ns_result norm;
  ns_status st = setup (t, eps, j, &dt, &own, &norm);
  if (st != NS_OK)
    return fail (out, st);
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_MOLLIFY_LIMIT);
  if (!w)
    {
      ns_dist_free (own);
      return fail (out, NS_ENOMEM);
    }
  eval_ctx c = { dt, eps, norm, w, 0, 0, NS_OK, 0, NULL };
  ns_result v;
  st = eval_at (&c, x, &v);
  ns_pair_workspace_free (w);
  ns_dist_free (own);
  out->neval = c.neval;
  if (st != NS_OK)
    return fail (out, st);
  out->val = v.val;
  out->err = v.err;
  return c.missed_tol ? NS_ETOL : NS_OK;
}

/* A.val * B.val, raising *MAX_ERR to the product's error bound (the
   factors' bounds plus the product's own rounding). */
static double
product_tracked (const ns_result *a, const ns_result *b, double *max_err)
{
  double y = a->val * b->val;
  double e = fabs (a->val) * b->err + fabs (b->val) * a->err + U * fabs (y);
  if (e > *max_err)
    *max_err = e;
  return y;
}

/* ------------------------------------------------------------------ route A: int (T * rho_eps) phi */

static double
outer_integrand (double x, void *params)
{
  eval_ctx *c = params;
  if (c->fail != NS_OK)
    return 0.0;
  ns_result v, p;
  ns_status st = eval_at (c, x, &v);
  if (st == NS_OK)
    {
      st = ns_testfn_eval (c->phi, 0, x, &p);
      c->neval++;
    }
  if (st != NS_OK)
    {
      c->fail = st;
      return 0.0;
    }
  return product_tracked (&v, &p, &c->max_eval_err);
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

/* Breakpoints of T in (LO, HI): delta points and the breakpoints of each
   regular term's function.  NS_ELIMIT past MAX. */
static ns_status
dist_breaks (const ns_dist *t, double lo, double hi, double *pts, size_t max, size_t *n)
{
  size_t k = 0;
  double buf[NS_MOLLIFY_MAX_BREAKS];
  for (size_t i = 0; i < ns_dist_nterms (t); i++)
    {
      ns_dist_term term;
      ns_status st = ns_dist_term_get (t, i, &term);
      if (st != NS_OK)
        return st;
      size_t nb = 0;
      if (term.kind == NS_DIST_DELTA)
        {
          if (term.point > lo && term.point < hi)
            buf[nb++] = term.point;
        }
      else
        {
          st = ns_fn_breakpoints (term.f, lo, hi, buf, NS_MOLLIFY_MAX_BREAKS, &nb);
          if (st != NS_OK)
            return st;
        }
      for (size_t m = 0; m < nb; m++)
        {
          if (k == max)
            return NS_ELIMIT;
          pts[k++] = buf[m];
        }
    }
  *n = k;
  return NS_OK;
}

/* The support [A, B] of phi cut at p - eps, p, p + eps for every
   breakpoint p of T within eps of it: on each piece T * rho_eps is smooth
   on a scale the piece's length resolves.  Writes the N + 1 ends. */
static ns_status
outer_pieces (const ns_dist *t, double eps, double a, double b, double *ends, size_t *n)
{
  double br[NS_MOLLIFY_MAX_BREAKS];
  size_t nb = 0;
  ns_status st = dist_breaks (t, a - eps, b + eps, br, NS_MOLLIFY_MAX_BREAKS, &nb);
  if (st != NS_OK)
    return st;
  size_t k = 0;
  ends[k++] = a;
  ends[k++] = b;
  for (size_t i = 0; i < nb; i++)
    {
      const double cand[3] = { br[i] - eps, br[i], br[i] + eps };
      for (int m = 0; m < 3; m++)
        if (cand[m] > a && cand[m] < b)
          ends[k++] = cand[m];
    }
  qsort (ends, k, sizeof *ends, cmp_double);
  size_t u = 1;
  for (size_t i = 1; i < k; i++)
    if (ends[i] > ends[u - 1])
      ends[u++] = ends[i];
  *n = u - 1;
  return NS_OK;
}

ns_status
ns_mollify_pair (const ns_dist *t, double eps, const ns_testfn *phi, ns_pair_result *out)
{
  if (!out)
    return NS_EINVAL;
  out->neval = 0;
  double a, b;
  if (!phi || ns_testfn_support (phi, &a, &b) != NS_OK)
    return fail (out, NS_EINVAL);
  /* Every centre x in [a, b] must be told apart from x +- eps. */
  double m = fmax (fabs (a), fabs (b));
  if (!(m + eps > m) || !isfinite (a - eps) || !isfinite (b + eps))
    return fail (out, NS_EINVAL);
  const ns_dist *dt;
  ns_dist *own;
  ns_result norm;
  ns_status st = setup (t, eps, 0, &dt, &own, &norm);
  if (st != NS_OK)
    return fail (out, st);
  double ends[3 * NS_MOLLIFY_MAX_BREAKS + 2];
  size_t npieces = 0;
  st = outer_pieces (t, eps, a, b, ends, &npieces);
  if (st != NS_OK)
    return fail (out, st);
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_MOLLIFY_LIMIT);
  ns_integ_ws *qw = ns_integ_ws_alloc (NS_MOLLIFY_LIMIT);
  if (!w || !qw)
    {
      ns_pair_workspace_free (w);
      ns_integ_ws_free (qw);
      return fail (out, NS_ENOMEM);
    }
  eval_ctx c = { t, eps, norm, w, 0, 0, NS_OK, 0, phi };
  double sum = 0, abs_sum = 0, err = 0;
  for (size_t i = 0; i < npieces && c.fail == NS_OK; i++)
    {
      gsl_function F = { outer_integrand, &c };
      double val = 0, abserr = 0;
      c.max_eval_err = 0;
      int gst = ns_integ_qag (&F, ends[i], ends[i + 1], 0.0, MOLLIFY_OUTER_EPSREL,
                              NS_MOLLIFY_LIMIT, gsl_integration_qk21, qw, &val, &abserr);
      if (c.fail != NS_OK)
        break;
      /* GSL_EROUND leaves an estimate at the integrand's rounding level,
         honest for a piece whose integral is near 0; any other failure
         keeps the best estimate and GSL's error, as NS_ETOL. */
      if (gst != GSL_SUCCESS && !(gst == GSL_EROUND && isfinite (abserr)))
        c.missed_tol = 1;
      /* Gauss-Kronrod weights are positive and sum to the length, so the
         values' errors enter at most as the largest times the length. */
      sum += val;
      abs_sum += fabs (val);
      err += abserr + (ends[i + 1] - ends[i]) * c.max_eval_err;
    }
  ns_integ_ws_free (qw);
  ns_pair_workspace_free (w);
  out->neval = c.neval;
  if (c.fail != NS_OK)
    return fail (out, c.fail);
  /* Recursive summation of the pieces: n u sum |v| (n <= 3 * 64 + 1). */
  out->val = sum;
  out->err = (err + (double) (npieces + 1) * U * abs_sum) * (1 + 8 * U);
  if (!isfinite (out->val) || !isfinite (out->err))
    return fail (out, NS_ELIMIT);
  return c.missed_tol ? NS_ETOL : NS_OK;
}

/* ------------------------------------------------------------------ route B: <T, rho_eps * phi> */

/* What the test function rho_eps * phi needs at each point. */
typedef struct conv_ctx {
  const ns_testfn *phi;
  const ns_testfn *rho;    /* the mollifier of radius 1, or of radius eps (wide) */
  int wide;                /* eps > (b - a)/2: integrate over phi's variable */
  double eps, a, b;        /* eps and the support of phi */
  ns_integ_ws *qw;
  int n;                   /* derivative order being integrated */
  double y;                /* the point */
  size_t neval;
  int missed_tol;
  ns_status fail;
  double max_eval_err;
} conv_ctx;

/* rho(s) phi^(n)(y - eps s). */
static double
conv_integrand (double s, void *params)
{
  conv_ctx *c = params;
  if (c->fail != NS_OK)
    return 0.0;
  ns_result r, p;
  ns_status st = ns_testfn_eval (c->rho, 0, s, &r);
  if (st == NS_OK)
    st = ns_testfn_eval (c->phi, c->n, c->y - c->eps * s, &p);
  c->neval += 2;
  if (st != NS_OK)
    {
      c->fail = st;
      return 0.0;
    }
  return product_tracked (&r, &p, &c->max_eval_err);
}

/* rho_eps(y - z) phi^(n)(z), for a mollifier wider than phi: x = y - z
   is rounded once (u |x|), which moves rho_eps by at most that times
   |rho_eps'(x)|, doubled for its change over the rounding (as
   ARG_SAFETY in lib/testfn). */
static double
conv_integrand_z (double z, void *params)
{
  conv_ctx *c = params;
  if (c->fail != NS_OK)
    return 0.0;
  double x = c->y - z;
  ns_result r, d, p;
  ns_status st = ns_testfn_eval (c->rho, 0, x, &r);
  if (st == NS_OK)
    st = ns_testfn_eval (c->rho, 1, x, &d);
  if (st == NS_OK)
    st = ns_testfn_eval (c->phi, c->n, z, &p);
  c->neval += 3;
  if (st != NS_OK)
    {
      c->fail = st;
      return 0.0;
    }
  r.err += 2 * U * fabs (x) * (fabs (d.val) + d.err) * (1 + 8 * U);
  return product_tracked (&r, &p, &c->max_eval_err);
}

/* (rho_eps * phi)^(n)(y) = (rho_eps * phi^(n))(y) = int rho(s) phi^(n)(y - eps s) ds
   over the s in [-1, 1] with y - eps s inside the support of phi.  When
   eps passes half the length of phi's support, y - eps s cancels (eps s
   is as large as y, and the window of s is (b - a)/eps wide: at eps =
   1e20 every node fell outside phi's support and the value was 0 +- 0),
   so the same integral is taken over phi's variable instead, int
   rho_eps(y - z) phi^(n)(z) dz over z in [a, b] within eps of y. */
static ns_status
conv_fn (int n, double y, void *data, ns_result *out)
{
  conv_ctx *c = data;
  double lo, hi;
  if (c->wide)
    {
      lo = fmax (c->a, y - c->eps);
      hi = fmin (c->b, y + c->eps);
    }
  else
    {
      lo = fmax (-1.0, (y - c->b) / c->eps);
      hi = fmin (1.0, (y - c->a) / c->eps);
    }
  if (!(hi > lo))
    {
      out->val = 0.0;
      out->err = 0.0;
      return NS_OK;
    }
  c->n = n;
  c->y = y;
  c->fail = NS_OK;
  c->max_eval_err = 0;
  gsl_function F = { c->wide ? conv_integrand_z : conv_integrand, c };
  double val = 0, abserr = 0;
  int gst = ns_integ_qag (&F, lo, hi, 0.0, MOLLIFY_CONV_EPSREL, NS_MOLLIFY_LIMIT,
                          gsl_integration_qk21, c->qw, &val, &abserr);
  if (c->fail != NS_OK)
    return c->fail;
  /* Not reaching the tolerance is no failure of the test function: the
     value keeps GSL's honest error, and the caller reports NS_ETOL. */
  if (gst != GSL_SUCCESS && !(gst == GSL_EROUND && isfinite (abserr)))
    c->missed_tol = 1;
  out->val = val;
  out->err = (abserr + (hi - lo) * c->max_eval_err) * (1 + 8 * U);
  if (!isfinite (val) || !isfinite (out->err))
    return NS_ELIMIT;
  return NS_OK;
}

/* The highest derivative of the test function ns_dist_pair needs for T:
   m for a delta term of order m, m - 1 for a regular one (jumps included). */
static ns_status
orders_needed (const ns_dist *t, int *need)
{
  *need = 0;
  for (size_t i = 0; i < ns_dist_nterms (t); i++)
    {
      ns_dist_term term;
      ns_status st = ns_dist_term_get (t, i, &term);
      if (st != NS_OK)
        return st;
      if (term.kind == NS_DIST_DELTA_OF)
        return NS_EINVAL;         /* expanded first, as in setup */
      int k = term.kind == NS_DIST_DELTA ? term.order : (term.order > 0 ? term.order - 1 : 0);
      if (k > *need)
        *need = k;
    }
  return NS_OK;
}

ns_status
ns_mollify_pair_conv (const ns_dist *t, double eps, const ns_testfn *phi,
                      ns_pair_result *out)
{
  if (!out)
    return NS_EINVAL;
  out->neval = 0;
  double a, b;
  int maxn, need;
  if (!t || !phi || !eps_ok (eps) || ns_testfn_support (phi, &a, &b) != NS_OK
      || ns_testfn_max_order (phi, &maxn) != NS_OK)
    return fail (out, NS_EINVAL);
  double m = fmax (fabs (a), fabs (b));
  if (!(m + eps > m) || !isfinite (a - eps) || !isfinite (b + eps))
    return fail (out, NS_EINVAL);
  ns_status st = orders_needed (t, &need);
  if (st != NS_OK)
    return fail (out, st);
  if (need > maxn)
    return fail (out, NS_EINVAL);
  ns_testfn *rho = NULL;
  int wide = eps > (b - a) / 2;
  st = ns_testfn_mollifier_alloc (wide ? eps : 1.0, &rho);
  if (st != NS_OK)
    return fail (out, st);
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_MOLLIFY_LIMIT);
  ns_integ_ws *qw = ns_integ_ws_alloc (NS_MOLLIFY_LIMIT);
  if (!w || !qw)
    {
      ns_testfn_free (rho);
      ns_pair_workspace_free (w);
      ns_integ_ws_free (qw);
      return fail (out, NS_ENOMEM);
    }
  conv_ctx c = { phi, rho, wide, eps, a, b, qw, 0, 0.0, 0, 0, NS_OK, 0 };
  ns_testfn_user spec = { conv_fn, &c, a - eps, b + eps, need };
  ns_testfn *psi = NULL;
  /* rho_eps * phi vanishes exactly at a - eps and b + eps, where the
     overlap of the two supports is a point, so the check asks for 0. */
  st = ns_testfn_user_alloc (&spec, 0.0, &psi, NULL);
  ns_pair_result p = { NAN, INFINITY, 0 };
  if (st == NS_OK)
    st = ns_dist_pair (t, psi, w, &p);
  ns_testfn_free (psi);
  ns_testfn_free (rho);
  ns_pair_workspace_free (w);
  ns_integ_ws_free (qw);
  out->neval = c.neval + p.neval;
  if (st != NS_OK && st != NS_ETOL)
    return fail (out, st);
  out->val = p.val;
  out->err = p.err;
  return (st == NS_ETOL || c.missed_tol) ? NS_ETOL : NS_OK;
}

/* ------------------------------------------------------------------ the rate */

ns_status
ns_mollify_rate (const ns_dist *t, const ns_testfn *phi, double eps0, double factor,
                 size_t n, ns_mollify_rate_report *rep)
{
  if (!rep)
    return NS_EINVAL;
  *rep = (ns_mollify_rate_report) { 0 };
  rep->exact = (ns_pair_result) { NAN, INFINITY, 0 };
  rep->rate = rep->rate_err = rep->constant = NAN;
  if (!t || !phi || n < 2 || n > NS_MOLLIFY_RATE_MAX || !isfinite (factor)
      || !(factor > 0 && factor < 1) || !eps_ok (eps0))
    return NS_EINVAL;
  for (size_t i = 0; i < n; i++)
    {
      rep->eps[i] = i == 0 ? eps0 : rep->eps[i - 1] * factor;
      if (!eps_ok (rep->eps[i]))
        return NS_EINVAL;
    }
  rep->n = n;
  ns_status worst = ns_dist_pair (t, phi, NULL, &rep->exact);
  rep->neval = rep->exact.neval;
  if (worst != NS_OK && worst != NS_ETOL)
    return worst;
  int resolved = 1;
  for (size_t i = 0; i < n; i++)
    {
      ns_status st = ns_mollify_pair (t, rep->eps[i], phi, &rep->pair[i]);
      rep->neval += rep->pair[i].neval;
      if (st != NS_OK && st != NS_ETOL)
        return st;
      if (st == NS_ETOL)
        worst = NS_ETOL;
      double d = rep->pair[i].val - rep->exact.val;
      rep->diff[i].val = d;
      rep->diff[i].err = (rep->pair[i].err + rep->exact.err + U * fabs (d)) * (1 + 4 * U);
      if (!(fabs (d) > rep->diff[i].err))
        resolved = 0;
    }
  if (!resolved)
    return NS_UNDEFINED;
  /* Least squares of y = log|d| on x = log eps: slope = sum w_i y_i with
     w_i = (x_i - xbar) / Sxx.  Each |d| is known within err, so y_i within
     -log1p(-err/|d|); the slope moves by at most sum |w_i| times that. */
  double xbar = 0, ybar = 0;
  for (size_t i = 0; i < n; i++)
    {
      xbar += log (rep->eps[i]);
      ybar += log (fabs (rep->diff[i].val));
    }
  xbar /= (double) n;
  ybar /= (double) n;
  double sxx = 0;
  for (size_t i = 0; i < n; i++)
    sxx += (log (rep->eps[i]) - xbar) * (log (rep->eps[i]) - xbar);
  double slope = 0, serr = 0;
  for (size_t i = 0; i < n; i++)
    {
      double wi = (log (rep->eps[i]) - xbar) / sxx;
      slope += wi * (log (fabs (rep->diff[i].val)) - ybar);
      serr += fabs (wi) * -log1p (-rep->diff[i].err / fabs (rep->diff[i].val));
    }
  rep->rate = slope;
  rep->rate_err = serr;
  rep->constant = exp (ybar - slope * xbar);
  return worst;
}
