/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/pairing_singular.c: the singular parts of pairing.  Principal values
   p.v. 1/(x - a) by the Cauchy-weighted QAWC (lib/integrate.c); regular
   pieces with an integrable singularity at an end (log|x|, 1/sqrt|x|) by
   QAGS's extrapolation in the distance from that end; the classification of piece
   ends that decides which applies; and log|x - a| recognized in a tree, so
   that its derivative can be paired as p.v. 1/(x - a). */
#include <config.h>
#include <float.h>
#include <math.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include "distribution/pairing_singular.h"

/* Relative tolerance of the value on each singular piece and of a principal
   value: the smooth pieces' tolerance (lib/distribution/pairing.c). */
#define SING_EPSREL 1e-13

/* The error bound of a singular piece integrates the density of the
   evaluation errors; one or two digits of that integral suffice. */
#define SING_ERR_EPSREL 1e-2

/* A piece end where f^(k) ~ |x - e|^-alpha is integrated when the measured
   alpha is below this.  Exponents the function model produces are dyadic
   (sqrt and integer powers: 1/2, 3/4, 7/8, ...), logarithms measure near 0;
   15/16 leaves a margin for the slowly converging measurement of log
   factors and refuses alpha >= 1 (not integrable). */
#define SING_ALPHA_MAX (15.0 / 16.0)

/* Evaluation errors e(t) of phi^(n) enter qawc's Cauchy part divided by
   t - t_a.  No node is closer to t_a than about eps h (h the half-width of
   the Cauchy interval), so the weight 1/|t - t_a| integrates over the
   interval to at most 2 (1 + ln(1/eps)) < 76: that many times the largest
   e(t) bounds their effect. */
#define CAUCHY_EVAL_FACTOR 76.0

/* Tolerance scale of a principal value: its absolute tolerance is
   SING_EPSREL times the largest |phi^(n)| found at PV_SCALE_SAMPLES
   points, so that a value near 0 (an even phi about a) does not drive qawc
   to its subinterval limit. */
#define PV_SCALE_SAMPLES 16

static ns_status
status_from_gsl (int gst, double val, double abserr)
{
  if (!isfinite (val) || !isfinite (abserr))
    return NS_UNDEFINED;
  /* GSL_EROUND: rounding stops the routine short of a relative tolerance;
     its estimate is then at the rounding level and stays honest. */
  if (gst == GSL_SUCCESS || gst == GSL_EROUND)
    return NS_OK;
  return NS_ETOL;
}

/* f^(k)(x) seen from SIDE, with a bound on its rounding: ns_fn_eval's for
   k = 0; for k >= 1 the germ's coefficient, which carries only rounding
   (a few ulps). */
static ns_status
eval_fk (const ns_function *f, int k, double x, ns_side side, ns_result *v)
{
  if (k == 0)
    return ns_fn_eval (f, x, v);
  ns_status st = ns_fn_deriv_side (f, x, side, k, &v->val);
  v->err = 4 * DBL_EPSILON * fabs (v->val);
  return st;
}

/* ------------------------------------------------------------------ piece ends */

/* Measures alpha in |f^(k)(e + side s)| ~ s^-alpha from three distances
   near the end, at most LEN / 4 into the piece: 2^-64, 2^-128, 2^-192 at
   e = 0, where x = s is exact (and x^4 does not yet underflow); otherwise 2^32, 2^20 and 2^4 ulps of e, far enough
   that rounding x moves s by at most 1/32.  The two measurements must
   agree to 1/8 (a power law, possibly with a logarithm).  NaN when an
   evaluation fails, they disagree or the piece is too short to measure;
   +inf when a nearer value overflows. */
static double
probe_alpha (const ns_function *f, int k, double e, ns_side side, double len)
{
  double s[3], floor_s = 16 * DBL_EPSILON * fabs (e);
  if (e == 0)
    {
      s[0] = 0x1p-64;
      s[1] = 0x1p-128;
      s[2] = 0x1p-192;
    }
  else
    {
      s[0] = 0x1p28 * floor_s;
      s[1] = 0x1p16 * floor_s;
      s[2] = floor_s;
    }
  if (s[0] > len / 4)
    {
      s[0] = len / 4;
      s[1] = s[0] * 0x1p-12;
      s[2] = s[1] * 0x1p-12;
      if (!(s[2] >= floor_s))
        return NAN;
    }
  double v[3];
  for (int i = 0; i < 3; i++)
    {
      ns_result r;
      if (eval_fk (f, k, e + side * s[i], side, &r) != NS_OK)
        return NAN;
      if (!isfinite (r.val))
        return i > 0 ? INFINITY : NAN;
      if (r.val == 0)
        return NAN;
      v[i] = fabs (r.val);
    }
  double a1 = log (v[1] / v[0]) / log (s[0] / s[1]);
  double a2 = log (v[2] / v[1]) / log (s[1] / s[2]);
  if (!(fabs (a1 - a2) <= 0.125))
    return NAN;
  return fmax (a1, a2);
}

ns_status
ns_pair_end_check (const ns_function *f, double x, ns_side side, int order,
                   double len, int support_edge, int *singular)
{
  *singular = 0;
  ns_germ g;
  ns_status st = ns_fn_germ (f, x, side, order, &g);
  if (st == NS_OK)
    {
      for (int i = 0; i <= order; i++)
        if (!isfinite (g.c[i]))
          return NS_UNDEFINED;
      return NS_OK;
    }
  /* An overflow is no singularity of f: it says so (e^x at 800).  Nor is
     a germ the doubles cannot decide (floor(10*x + 0.3) at 0.47, its
     switch exactly halfway to the next double): that is a refusal, not
     "undefined". */
  if (st == NS_EDOM || st == NS_ENOMEM || st == NS_ELIMIT || st == NS_EOVERFLOW
      || st == NS_EUNDECIDED)
    return st;
  if (st != NS_ERANGE && st != NS_UNDEFINED)
    return NS_UNDEFINED;
  /* f^(order) or a lower derivative is infinite at x (NS_ERANGE), or the
     germ cannot tell (NS_UNDEFINED: 1/sqrt|x| at 0).  With a determined
     germ and phi not flat there: */
  if (st == NS_ERANGE && !support_edge)
    {
      /* f^(order-1) infinite at x: f^(order) cannot be integrable there
         (its integral would give f^(order-1) a finite limit). */
      if (g.nvalid < order)
        return NS_UNDEFINED;
      /* f^(order-1) has a finite limit and f^(order) tends to +-inf: the
         integral of f^(order) converges (to the change of f^(order-1)).
         It converges, but QAGS's extrapolated estimate is only trusted for
         growth like s^-alpha with alpha below SING_ALPHA_MAX: for
         relu(x)^1.001 paired with T'' (alpha = 0.999) it returned an
         estimate a third of its true error. */
      if (order >= 1)
        {
          double alpha = probe_alpha (f, order, x, side, len);
          if (!(alpha < SING_ALPHA_MAX))
            return NS_UNDEFINED;
          *singular = 1;
          return NS_OK;
        }
    }
  double alpha = probe_alpha (f, order, x, side, len);
  /* At an end of the support phi and its derivatives vanish faster than
     any power, so a power-like growth is integrable; exp(1/x) is not, and
     overflows the probe. */
  if (support_edge ? !isfinite (alpha) : !(alpha < SING_ALPHA_MAX))
    return NS_UNDEFINED;
  *singular = 1;
  return NS_OK;
}

/* ------------------------------------------------------------------ singular pieces */

/* The integrand of a piece with a singular end e, in the distance u (in t)
   from that end: r f^(fk)(e + side r u) phi^(pn)(t_e + side u); or, with
   DENSITY, a bound on that value's error. */
typedef struct sing_ctx {
  const ns_function *f;
  int fk;
  const ns_testfn *phi;
  int pn;
  double e, te, r;
  ns_side side;       /* from the end into the piece */
  double rel;         /* relative error of the product beyond f's and phi's bounds */
  int density;
  size_t neval;
  double psi_max;     /* largest |phi^(pn)| + err seen */
  ns_status fail;
} sing_ctx;

static double
sing_integrand (double u, void *params)
{
  sing_ctx *p = params;
  p->neval++;
  ns_result pv, fv;
  ns_status st = ns_testfn_eval_t (p->phi, p->pn, p->te + p->side * u, &pv);
  if (st != NS_OK)
    {
      if (p->fail == NS_OK)
        p->fail = st;
      return 0.0;
    }
  if (fabs (pv.val) + pv.err > p->psi_max)
    p->psi_max = fabs (pv.val) + pv.err;
  /* Where phi^(pn) is exactly 0 (at a support edge, where it underflows)
     f need not be evaluated: it may be infinite at x = e itself. */
  if (pv.val == 0 && pv.err == 0)
    return 0.0;
  double x = p->e + p->side * (p->r * u);
  st = eval_fk (p->f, p->fk, x, p->side, &fv);
  if (st != NS_OK || !isfinite (fv.val))
    {
      if (p->fail == NS_OK)
        p->fail = (st == NS_OK || st == NS_ERANGE) ? NS_UNDEFINED : st;
      return 0.0;
    }
  double v = p->r * fv.val * pv.val;
  if (p->density)
    return p->r * (fabs (fv.val) * pv.err + fabs (pv.val) * fv.err)
           + p->rel * fabs (v);
  return v;
}

/* The piece [0, LEN] in u, singular at u = 0, into OUT. */
static ns_status
one_singular_end (sing_ctx *ctx, double len, int edge, double alpha,
                  ns_integ_ws *ws, size_t limit,
                  ns_pair_part *out)
{
  /* Away from 0, x = e + side r u is rounded: within a band of a few ulps
     of e the computed x cannot tell distances apart, so the band is left
     out of the quadrature and bounded below.  At e = 0 and at a support
     edge (phi flat there) no band is needed. */
  double dx = 0, u0 = 0;
  if (!edge && ctx->e != 0)
    {
      dx = 8 * DBL_EPSILON * fabs (ctx->e);
      u0 = dx / ctx->r;
      if (!(u0 < len / 2))
        return NS_UNDEFINED;
    }
  /* The product's own rounding, and x's relative rounding magnified by
     the exponent alpha of f near e. */
  ctx->rel = (fmax (alpha, 0) + 2) * DBL_EPSILON;
  gsl_function F = { sing_integrand, ctx };
  double val = 0, abserr = 0, eval_err = 0, abserr2 = 0;
  ctx->density = 0;
  int gst = ns_integ_qags (&F, u0, len, 0.0, SING_EPSREL, limit, ws,
                           &val, &abserr);
  int gst2 = GSL_SUCCESS;
  if (ctx->fail == NS_OK)
    {
      ctx->density = 1;
      gst2 = ns_integ_qags (&F, u0, len, 0.0, SING_ERR_EPSREL, limit,
                            ws, &eval_err, &abserr2);
      ctx->density = 0;
    }
  if (ctx->fail != NS_OK)
    return ctx->fail;
  (void) gst2;
  if (!isfinite (eval_err) || !isfinite (abserr2))
    return NS_UNDEFINED;
  double err = abserr + fabs (eval_err) + abserr2;
  if (dx > 0)
    {
      /* Band [0, dx]: |f| there is at most C s^-alpha with C from its value
         at dx, so its integral is at most |f(dx)| dx / (1 - alpha); twice
         that covers a logarithmic factor.  Rounding x moves each node by
         at most eps (|e| + r len), which changes the integral by at most
         that times int |f'| <= |f(dx)| (|f| decreasing away from e). */
      ns_result fd;
      ns_status st = eval_fk (ctx->f, ctx->fk, ctx->e + ctx->side * dx,
                              ctx->side, &fd);
      if (st != NS_OK || !isfinite (fd.val))
        return NS_UNDEFINED;
      double fmag = fabs (fd.val) + fd.err;
      err += ctx->psi_max * fmag
             * (2 * dx / (1 - fmin (alpha, SING_ALPHA_MAX))
                + DBL_EPSILON * (fabs (ctx->e) + ctx->r * len));
    }
  out->val = val;
  out->err = err;
  return status_from_gsl (gst, val, abserr);
}

ns_status
ns_pair_singular_piece (const ns_function *f, int fk, const ns_testfn *phi,
                        int pn, double c, double r, double xa, double xb,
                        double ta, double tb, int sing_a, int sing_b,
                        int edge_a, int edge_b,
                        ns_integ_ws *ws, size_t limit,
                        ns_pair_part *out)
{
  *out = (ns_pair_part) { 0, 0, 0 };
  /* Two singular ends: one piece per end, split at the midpoint. */
  double tm = sing_a && sing_b ? ta + (tb - ta) / 2 : (sing_a ? tb : ta);
  double xm = c + r * tm;
  if (sing_a && sing_b)
    {
      if (!(tm > ta && tm < tb))
        return NS_UNDEFINED;
    }
  else if (sing_a)
    xm = xb;
  else
    xm = xa;
  ns_status worst = NS_OK;
  for (int end = 0; end < 2; end++)
    {
      int sing = end == 0 ? sing_a : sing_b;
      if (!sing)
        continue;
      sing_ctx ctx = { 0 };
      ctx.f = f;
      ctx.fk = fk;
      ctx.phi = phi;
      ctx.pn = pn;
      ctx.r = r;
      ctx.e = end == 0 ? xa : xb;
      ctx.te = end == 0 ? ta : tb;
      ctx.side = end == 0 ? NS_RIGHT : NS_LEFT;
      ctx.fail = NS_OK;
      double len = end == 0 ? tm - ta : tb - tm;
      int edge = end == 0 ? edge_a : edge_b;
      double alpha = probe_alpha (f, fk, ctx.e, ctx.side, fabs (xm - ctx.e));
      if (isnan (alpha))
        alpha = 0;   /* only the rounding factor uses it; checked before */
      ns_pair_part part = { 0, 0, 0 };
      ns_status st = one_singular_end (&ctx, len, edge, alpha, ws, limit,
                                       &part);
      out->neval += ctx.neval;
      if (st != NS_OK && st != NS_ETOL)
        return st;
      if (st == NS_ETOL)
        worst = NS_ETOL;
      out->val += part.val;
      out->err += part.err + DBL_EPSILON * fabs (out->val);
    }
  return worst;
}

/* ------------------------------------------------------------------ principal values */

/* phi^(n)(c + r t) for qawc (WEIGHTED = 0: qawc divides by t - t_a
   itself), or phi^(n)/(t - t_a) for the smooth rest (WEIGHTED = 1). */
typedef struct pv_ctx {
  const ns_testfn *phi;
  int n;
  double ta;
  int weighted;
  size_t neval;
  double max_err;     /* largest bound on an integrand value's error */
  ns_status fail;
} pv_ctx;

static double
pv_integrand (double t, void *params)
{
  pv_ctx *p = params;
  p->neval++;
  ns_result v;
  ns_status st = ns_testfn_eval_t (p->phi, p->n, t, &v);
  if (st != NS_OK)
    {
      if (p->fail == NS_OK)
        p->fail = st;
      return 0.0;
    }
  if (!p->weighted)
    {
      if (v.err > p->max_err)
        p->max_err = v.err;
      return v.val;
    }
  double d = t - p->ta;
  double q = v.val / d;
  /* d carries one rounding, the quotient another. */
  double e = v.err / fabs (d) + 2 * DBL_EPSILON * fabs (q);
  if (e > p->max_err)
    p->max_err = e;
  return q;
}

/* p.v. int_{-1}^{1} phi^(n)(c + r t) / (t - TA) dt into VAL, ERR. */
static ns_status
pv_value (const ns_testfn *phi, int n, double ta, double epsabs,
          ns_integ_ws *ws, size_t limit, double *val,
          double *err, size_t *neval)
{
  pv_ctx ctx = { phi, n, ta, 0, 0, 0, NS_OK };
  gsl_function F = { pv_integrand, &ctx };
  double v = 0, e = 0, lo = -1, hi = 1;
  int worst = GSL_SUCCESS;
  if (ta > -1 && ta < 1)
    {
      /* qawc on an interval centred at t_a (Clenshaw-Curtis with the
         Cauchy weight's moments near t_a); what lies beyond it is smooth. */
      double h = fmin (1 - ta, ta + 1);
      lo = fmax (-1, ta - h);
      hi = fmin (1, ta + h);
      double r1 = 0, e1 = 0;
      if (lo < ta && ta < hi)
        {
          ctx.weighted = 0;
          int gst = ns_integ_qawc (&F, lo, hi, ta, epsabs, SING_EPSREL,
                                   limit, ws, &r1, &e1);
          if (status_from_gsl (gst, r1, e1) != NS_OK)
            worst = gst;
          v += r1;
          e += e1 + CAUCHY_EVAL_FACTOR * ctx.max_err;
        }
      else
        lo = hi = ta;   /* t_a within rounding of an end: no Cauchy part */
    }
  else
    lo = hi = (ta <= -1) ? -1 : 1;
  double ends[2][2] = { { -1, lo }, { hi, 1 } };
  for (int i = 0; i < 2; i++)
    {
      double a = ends[i][0], b = ends[i][1];
      if (!(b > a))
        continue;
      ctx.weighted = 1;
      ctx.max_err = 0;
      double r1 = 0, e1 = 0;
      int gst = ns_integ_qag (&F, a, b, epsabs, SING_EPSREL, limit,
                              gsl_integration_qk21, ws, &r1, &e1);
      if (status_from_gsl (gst, r1, e1) != NS_OK && worst == GSL_SUCCESS)
        worst = gst;
      v += r1;
      e += e1 + (b - a) * ctx.max_err;
    }
  *neval += ctx.neval;
  if (ctx.fail != NS_OK)
    return ctx.fail;
  *val = v;
  *err = e + 2 * DBL_EPSILON * fabs (v);
  return status_from_gsl (worst, v, e);
}

ns_status
ns_pair_pv (const ns_testfn *phi, int n, double a, double c, double r,
            ns_integ_ws *ws, size_t limit, ns_pair_part *out)
{
  *out = (ns_pair_part) { NAN, INFINITY, 0 };
  /* p.v. int phi^(n)(x)/(x - a) dx = p.v. int phi^(n)(c + r t)/(t - t_a) dt,
     t_a = (a - c)/r: the factor r cancels. */
  double d = a - c;
  double ta = d / r;
  /* The exact rounding errors of d (two-sum) and of the quotient (fma):
     t_a is exact in the common cases (a = c, r a power of 2, small
     integers). */
  double bb = d - a;
  double d_err = (a - (d - bb)) + (-c - bb);
  double q_err = fma (ta, r, -d);
  double dta = (fabs (d_err) + fabs (q_err)) / r * (1 + 4 * DBL_EPSILON);
  double scale = 0;
  for (int i = 0; i < PV_SCALE_SAMPLES; i++)
    {
      ns_result s;
      double t = -1 + (2.0 * i + 1.385) / (PV_SCALE_SAMPLES + 1);
      ns_status st = ns_testfn_eval_t (phi, n, t, &s);
      out->neval++;
      if (st != NS_OK)
        return st;
      scale = fmax (scale, fabs (s.val));
    }
  double epsabs = SING_EPSREL * scale;
  double v, e;
  ns_status st = pv_value (phi, n, ta, epsabs, ws, limit, &v, &e, &out->neval);
  if (st != NS_OK && st != NS_ETOL)
    return st;
  if (dta > 0)
    {
      /* t_a is known to within dta: the change of the value over that
         distance, measured by a second principal value at a point a few
         dta away and scaled back, plus both estimates' errors. */
      double h = fmax (4 * dta, 4 * DBL_EPSILON * fmax (fabs (ta), 1e-300));
      double v2, e2;
      ns_status st2 = pv_value (phi, n, ta + h, epsabs, ws, limit, &v2, &e2,
                                &out->neval);
      if (st2 != NS_OK && st2 != NS_ETOL)
        return st2;
      e += (fabs (v2 - v) + e + e2) * (dta / h) * 2;
      if (st2 == NS_ETOL)
        st = NS_ETOL;
    }
  out->val = v;
  out->err = e;
  return st;
}

/* ------------------------------------------------------------------ log|u| */

/* f = k log|u| with k from constant factors and negations, u affine on
   [SA, SB] with its zero A in [SA, SB]. */
static int
log_abs_term (const ns_function *f, double sa, double sb, ns_bp_scratch *sc,
              double *k, double *a)
{
  double s = 1;
  for (int depth = 0; depth < 8; depth++)
    {
      ns_op op = ns_fn_op (f);
      if (op == NS_OP_NEG)
        {
          s = -s;
          f = ns_fn_arg (f, 0);
          continue;
        }
      if (op == NS_OP_MUL)
        {
          const ns_function *p = ns_fn_arg (f, 0), *q = ns_fn_arg (f, 1);
          if (ns_fn_op (p) == NS_OP_CONST)
            {
              s *= ns_fn_param (p, 0);
              f = q;
              continue;
            }
          if (ns_fn_op (q) == NS_OP_CONST)
            {
              s *= ns_fn_param (q, 0);
              f = p;
              continue;
            }
        }
      break;
    }
  if (ns_fn_op (f) != NS_OP_LOG || !isfinite (s) || s == 0)
    return 0;
  const ns_function *absu = ns_fn_arg (f, 0);
  if (ns_fn_op (absu) != NS_OP_ABS)
    return 0;
  const ns_function *u = ns_fn_arg (absu, 0);
  /* u is affine on [sa, sb] when it has no breakpoint there and its germ
     at one point is exactly a polynomial of degree 1 (every primitive is
     analytic away from its breakpoints). */
  double pts[8];
  size_t n = 0;
  if (ns_fn_breakpoints_scratch (u, sa, sb, pts, 8, &n, sc) != NS_OK || n != 0)
    return 0;
  double xm = sa + (sb - sa) / 2;
  ns_germ g;
  if (ns_fn_germ (u, xm, NS_RIGHT, 2, &g) != NS_OK || !g.exact
      || g.c[2] != 0 || g.c[1] == 0 || !isfinite (g.c[0]) || !isfinite (g.c[1]))
    return 0;
  double a_est = xm - g.c[0] / g.c[1];
  /* The zero as the breakpoint search places it (one rounding for an
     affine argument), so that it matches the pieces of route B. */
  if (ns_fn_breakpoints_scratch (absu, sa, sb, pts, 8, &n, sc) != NS_OK
      || n == 0)
    return 0;
  double best = pts[0];
  for (size_t i = 1; i < n; i++)
    if (fabs (pts[i] - a_est) < fabs (best - a_est))
      best = pts[i];
  if (!(best >= sa && best <= sb))
    return 0;
  *k = s;
  *a = best;
  return 1;
}

int
ns_pair_log_split (const ns_function *f, double sa, double sb,
                   ns_bp_scratch *sc, double *s, double *a,
                   const ns_function **rest, int *rest_sign)
{
  *rest = NULL;
  *rest_sign = 1;
  if (log_abs_term (f, sa, sb, sc, s, a))
    return 1;
  ns_op op = ns_fn_op (f);
  if (op != NS_OP_ADD && op != NS_OP_SUB)
    return 0;
  const ns_function *p = ns_fn_arg (f, 0), *q = ns_fn_arg (f, 1);
  if (log_abs_term (p, sa, sb, sc, s, a))
    {
      *rest = q;
      *rest_sign = op == NS_OP_SUB ? -1 : 1;
      return 1;
    }
  if (log_abs_term (q, sa, sb, sc, s, a))
    {
      if (op == NS_OP_SUB)
        *s = -*s;
      *rest = p;
      return 1;
    }
  return 0;
}
