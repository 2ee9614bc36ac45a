/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/testfn/testfn.c: smooth compactly supported test functions: the bump
   exp(-1/(1-t^2)) with exact derivatives of every order through a polynomial
   recurrence, evaluated in logarithms with a running error bound; the
   normalized mollifier; the plateau function; evaluation and accessors of
   every kind (user functions and their check are in testfn_user.c). */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <gsl/gsl_sf_bessel.h>
#include "nonsmooth/testfn.h"

#include "testfn/testfn_private.h"
#include "integrate.h"

/* ------------------------------------------------------------------ GSL */

ns_status
ns_testfn_status_from_gsl (int code)
{
  switch (code)
    {
    case GSL_SUCCESS: return NS_OK;
    case GSL_ENOMEM: return NS_ENOMEM;
    case GSL_EMAXITER: return NS_EMAXITER;
    case GSL_EDOM: return NS_EDOM;
    case GSL_EINVAL:
    case GSL_EBADTOL: return NS_EINVAL;
    default: return NS_ETOL;  /* GSL_EROUND, GSL_ETOL, GSL_ESING, ... */
    }
}

/* ------------------------------------------------------- P_n recurrence */

/* Coefficients of R_0 .. R_NMAX.  Differentiating
     phi^(n) = t^e R_n(s) s^(-2n) phi,  e = n mod 2,  s = 1 - t^2,
   with ds/dt = -2t and phi' = -2t s^(-2) phi gives, in P_n = t^e R_n(s),
     P_{n+1} = s^2 P_n' + (4n t s - 2t) P_n,
   and, splitting by parity,
     e = 0:  R_{n+1} = -2 s^2 R_n' + (4n s - 2) R_n,
     e = 1:  R_{n+1} = -2 s^2 (1-s) R_n' + (-2 + (4n+2) s + (1-4n) s^2) R_n.
   By coefficients, new[j] is
     e = 0:  -2 r_j + (4n + 2 - 2j) r_{j-1},
     e = 1:  -2 r_j + (4n + 4 - 2j) r_{j-1} + (2j - 3 - 4n) r_{j-2}.
   The coefficients are integers; while every |m r| summed stays below 2^53
   the double arithmetic is exact (every double above 2^52 is an integer,
   and sums of integers below 2^53 are exact).  Beyond that each new
   coefficient carries gamma_3 * sum |m r| (a dot product of length 3)
   plus the propagated errors sum |m| e. */
static void
bump_coeffs_compute (int nmax, bump_coeffs *bc)
{
  const double exact_limit = 9007199254740992.0;  /* 2^53 */
  const double gamma3 = 3 * U / (1 - 3 * U);
  for (int n = 0; n <= nmax; n++)
    for (int j = 0; j <= COEF_DEG; j++)
      bc->c[n][j] = bc->e[n][j] = 0.0;
  bc->c[0][0] = 1.0;
  bc->deg[0] = 0;
  for (int n = 0; n < nmax; n++)
    {
      const double *r = bc->c[n], *re = bc->e[n];
      double *out = bc->c[n + 1], *oe = bc->e[n + 1];
      int e = n % 2, d = bc->deg[n];
      int dnew = d + (e ? 2 : 1);
      for (int j = 0; j <= dnew; j++)
        {
          double m[3], v[3], ve[3];
          m[0] = -2.0;
          v[0] = j <= d ? r[j] : 0.0;
          ve[0] = j <= d ? re[j] : 0.0;
          m[1] = e ? 4.0 * n + 4 - 2 * j : 4.0 * n + 2 - 2 * j;
          v[1] = (j >= 1 && j - 1 <= d) ? r[j - 1] : 0.0;
          ve[1] = (j >= 1 && j - 1 <= d) ? re[j - 1] : 0.0;
          m[2] = e ? 2.0 * j - 3 - 4 * n : 0.0;
          v[2] = (j >= 2 && j - 2 <= d) ? r[j - 2] : 0.0;
          ve[2] = (j >= 2 && j - 2 <= d) ? re[j - 2] : 0.0;
          double sum = 0.0, abs_sum = 0.0, prop = 0.0;
          for (int k = 0; k < 3; k++)
            {
              sum += m[k] * v[k];
              abs_sum += fabs (m[k] * v[k]);
              prop += fabs (m[k]) * ve[k];
            }
          out[j] = sum;
          oe[j] = (prop + (abs_sum <= exact_limit ? 0.0 : gamma3 * abs_sum))
                  * (1 + ROUNDUP);
        }
      /* The leading coefficient never vanishes (R_n(0) = (-2)^n and the
         degree grows by 1 or 2), but trim defensively. */
      while (dnew > 0 && out[dnew] == 0.0 && oe[dnew] == 0.0)
        dnew--;
      bc->deg[n + 1] = dnew;
    }
  /* The constants of bump_eval_fast's bound, per order. */
  const double eps_s = 3 * U / (1 - 3 * U);
  const double dq = (U + eps_s) / (1 - U - eps_s);
  for (int n = 0; n <= nmax; n++)
    {
      double es = 0.0;
      int d = bc->deg[n];
      for (int j = 0; j <= d; j++)
        es += bc->e[n][j];
      bc->esum[n] = es * (1 + ROUNDUP);
      bc->hfac[n] = 2 * d * U / (1 - 2 * d * U) + eps_s * d * (1 + (d + 1) * eps_s);
      bc->mconst[n] = LIBM_REL + 2 * n * dq / (1 - dq) + (2 * n + 3) * U;
    }
}

/* R_n(s) at the computed s_hat, |s_hat - s| <= eps_s * s_hat, with a bound
   on |R_n(s_hat)_computed - R_n(s)|: Horner's running error bound (Higham,
   Accuracy and Stability, Alg. 5.1: u (2 mu - |y|)), the stored coefficients'
   errors sum e_k s^k, and the perturbation of s, bounded by
   sum |r_k| |s_hat^k - s^k| <= eps_s sum k |r_k| s_hat^k (1 + (k+1) eps_s). */
static void
bump_poly_s (const bump_coeffs *bc, int n, double s, double eps_s,
             double *val, double *err)
{
  const double *c = bc->c[n], *ce = bc->e[n];
  int d = bc->deg[n];
  double as = fabs (s);
  double y = c[d], mu = fabs (y) / 2, ey = ce[d], dy = d * fabs (c[d]);
  for (int k = d - 1; k >= 0; k--)
    {
      y = s * y + c[k];
      mu = as * mu + fabs (y);
      ey = as * ey + ce[k];
      dy = as * dy + k * fabs (c[k]);
    }
  /* dy = sum k |c_k| s^k; the loop above accumulates it by Horner. */
  double horner = U * (2 * mu - fabs (y));
  if (horner < 0)
    horner = 0;
  *val = y;
  *err = (horner + ey + eps_s * dy * (1 + (d + 1) * eps_s)) * (1 + ROUNDUP);
}

/* ---------------------------------------------------------- bump values */

/* Where 1/s passes this, exp(-1/s) nears the subnormal range (e^-708 is
   DBL_MIN) and the evaluation in logarithms takes over. */
#define FAST_QMAX 700.0

/* phi^(n)_{c,r} at x = c + r t, t exactly as given, |t| < 1, evaluated
   plainly as R_n(s) * M with M = t^e exp(-q) q^(2n) r^(-n), s = (1-t)(1+t),
   q = 1/s: one exp and one division, no logarithm.  The rounding is bounded
   in closed form, constants of n and two per-node magnitudes (|R_n| by
   Horner on |coefficients|, and q):
   - s_hat: |s_hat - s| <= eps_s s_hat (as below).  q_hat = fl(1/s_hat), so
     |q - q_hat| <= q_hat dq with dq = (u + eps_s)/(1 - u - eps_s).
   - exp(-q_hat) within LIBM_REL of its value, and e^|q - q_hat| of e^-q:
     a relative error of at most LIBM_REL + q_hat dq to first order;
     q_hat^(2n) by n roundings and (1 + dq)^(2n); r^(-n) by n roundings;
     three products.  With S the sum of these first-order terms, the
     product of the factors is within S' = S/(1 - S) of 1 (prod (1 + x_i)
     <= e^S <= 1/(1 - S)); then rho = S'/(1 - S') = S/(1 - 2S) bounds
     |M - M_hat|/|M_hat|.  All terms but q dq are constants of n
     (bc->mconst; Horner's and s's factor is bc->hfac).
   - R_n: Horner's bound gamma_2d sum |c_k| s^k (Higham, Accuracy and
     Stability, eq. 5.3), the stored coefficients' errors (esum, s <= 1),
     and the move of s, eps_s sum k |c_k| s^k (1 + (d+1) eps_s) <=
     eps_s d sum |c_k| s^k (1 + (d+1) eps_s).
   - The final product rounds once (or, below DBL_MIN, by half a
     subnormal unit).
   Every intermediate of M stays normal: q <= FAST_QMAX keeps exp(-q) above
   DBL_MIN, q >= 1 keeps q^(2n) >= 1 and below 700^34, r^(-n) and M are
   checked.
   Returns 0 (nothing set) where these preconditions fail; the caller then
   evaluates in logarithms. */
static int
bump_eval_fast (const bump_coeffs *bc, int n, double t, double r, ns_result *out)
{
  const double eps_s = 3 * U / (1 - 3 * U);
  double s = (1 - t) * (1 + t);
  if (!(s > 1 / FAST_QMAX) || s > 1)
    return 0;
  double q = 1 / s;
  const double *c = bc->c[n];
  int d = bc->deg[n], e = n % 2;
  double y = c[d], mag = fabs (c[d]);
  for (int k = d - 1; k >= 0; k--)
    {
      y = s * y + c[k];
      mag = s * mag + fabs (c[k]);
    }
  double q2 = q * q, qp = 1.0, rinv = 1 / r, rp = 1.0;
  for (int i = 0; i < n; i++)
    {
      qp *= q2;
      rp *= rinv;
    }
  /* r^-n is monotone in n: normal here means normal at every step.  A
     subnormal r^-n would lose relative precision even where the product
     below is normal (exp(-q) q^(2n) reaches 1e37). */
  if (!(rp >= DBL_MIN) || !isfinite (rp))
    return 0;
  double m = exp (-q) * qp * rp;
  if (e)
    m *= t;
  double am = fabs (m);
  if (!(am >= DBL_MIN) || !isfinite (am))
    return 0;
  const double dq = (U + eps_s) / (1 - U - eps_s);
  double s1 = bc->mconst[n] + q * (dq * (1 + U));
  double rho = s1 / (1 - 2 * s1);
  double err_r = mag * bc->hfac[n] + bc->esum[n];
  double val = y * m;
  double err = (err_r * am + (fabs (y) + err_r) * am * rho + U * fabs (val))
               * (1 + ROUNDUP);
  if (fabs (val) < DBL_MIN)
    err += DBL_TRUE_MIN;
  if (!isfinite (val) || !isfinite (err))
    return 0;
  out->val = val;
  out->err = err;
  return 1;
}

/* phi^(n)_{c,r} at x = c + r t, for t exactly as given: plainly where
   bump_eval_fast can bound it, else from
     log|phi^(n)| = -n log r + e log|t| + log|R_n(s)| - 2n log s - 1/s.
   LOG_R is log r with |error| <= LIBM_REL |LOG_R|. */
static ns_status
bump_eval_exact_t (const bump_coeffs *bc, int n, double t, double r,
                   double log_r, ns_result *out)
{
  if (!(fabs (t) < 1))
    {
      out->val = 0.0;
      out->err = 0.0;
      return NS_OK;
    }
  int e = n % 2;
  if (e && t == 0)
    {
      /* P_n is odd: exactly 0 at the centre. */
      out->val = 0.0;
      out->err = 0.0;
      return NS_OK;
    }
  if (bump_eval_fast (bc, n, t, r, out))
    return NS_OK;
  /* s = (1-t)(1+t): one of the factors is exact (Sterbenz) when |t| >= 1/2,
     each factor is rounded at most once, then the product: |s_hat - s| <=
     eps_s s_hat with eps_s = 3u / (1 - 3u). */
  const double eps_s = 3 * U / (1 - 3 * U);
  double s = (1 - t) * (1 + t);
  double rv, re;
  bump_poly_s (bc, n, s, eps_s, &rv, &re);

  double t1 = n * log_r;
  double t2 = e ? log (fabs (t)) : 0.0;
  double ls = log (s);
  double t3 = 2.0 * n * ls;
  double t4 = 1 / s;
  double lam = ((-t1 + t2) - t3) - t4;
  double dlam = n * LIBM_REL * fabs (log_r) + U * fabs (t1)
                + LIBM_REL * fabs (t2)
                + 2.0 * n * (LIBM_REL * fabs (ls) + eps_s / (1 - eps_s)) + U * fabs (t3)
                + fabs (t4) * (U + eps_s / (1 - eps_s))
                + 3 * U * (fabs (t1) + fabs (t2) + fabs (t3) + fabs (t4));
  dlam *= 1 + ROUNDUP;

  double sign = (e && t < 0) ? -1.0 : 1.0;
  double val = 0.0, err_val = 0.0;
  if (rv != 0)
    {
      double lr = log (fabs (rv));
      double l = lam + lr;
      if (l > log (DBL_MAX) - 1)
        {
          out->val = NAN;
          out->err = NAN;
          return NS_ELIMIT;
        }
      val = (rv < 0 ? -sign : sign) * exp (l);
      double dl = dlam + LIBM_REL * fabs (lr) + U * fabs (l);
      err_val = fabs (val) * (expm1 (dl) + LIBM_REL) * (1 + ROUNDUP);
    }
  /* The error of R_n: |R_hat - R| e^lambda <= exp(lam + dlam + log re). */
  double err_r = 0.0;
  if (re > 0)
    {
      double l = lam + dlam + log (re);
      if (l > log (DBL_MAX) - 1)
        {
          out->val = NAN;
          out->err = NAN;
          return NS_ELIMIT;
        }
      err_r = exp (l) * (1 + LIBM_REL + ROUNDUP);
    }
  double err = (err_val + err_r) * (1 + ROUNDUP) + 2 * U * fabs (val);
  /* exp rounds to a multiple of the smallest subnormal below DBL_MIN. */
  if (fabs (val) < DBL_MIN || err < DBL_MIN)
    err += DBL_TRUE_MIN;
  out->val = val;
  out->err = err;
  return NS_OK;
}

/* As bump_eval_exact_t, for a computed t_hat with |t_hat - t| <= dt. */
static ns_status
bump_eval_t_inexact (const bump_coeffs *bc, int n, double t, double dt,
                     double r, double log_r, ns_result *out)
{
  ns_status st = bump_eval_exact_t (bc, n, t, r, log_r, out);
  if (st != NS_OK || dt == 0 || !(fabs (t) < 1))
    return st;
  /* d/dt phi^(n)_{c,r}(c + r t) = r phi^(n+1)_{c,r}(c + r t). */
  ns_result d;
  st = bump_eval_exact_t (bc, n + 1, t, r, log_r, &d);
  if (st != NS_OK)
    {
      out->val = NAN;
      out->err = NAN;
      return st;
    }
  out->err = (out->err + ARG_SAFETY * dt * r * (fabs (d.val) + d.err)) * (1 + ROUNDUP);
  return NS_OK;
}

/* phi^(n)_{c,r}(x): t_hat = (x - c)/r has two roundings, |t_hat - t| <=
   2u |t_hat| (1 + 4u). */
static ns_status
bump_eval_x (const bump_coeffs *bc, int n, double x, double c, double r,
             double log_r, ns_result *out)
{
  double t = (x - c) / r;
  if (!(fabs (t) < 1))
    {
      /* Outside the open support, or so close to its end that the true
         value is below exp(-1/(8u)): 0 in double. */
      out->val = 0.0;
      out->err = 0.0;
      return NS_OK;
    }
  return bump_eval_t_inexact (bc, n, t, 2 * U * fabs (t) * (1 + 4 * U), r, log_r, out);
}

/* -------------------------------------------------------- integrals */

/* int phi_{0,1} = e^(-1/2) (K_1(1/2) - K_0(1/2)), with GSL's error
   estimates for K_0 and K_1.  At x = 1/2 neither reaches GSL's error
   handler: GSL raises only for x <= 0 (both) and x < 2 DBL_MIN (K_1), and
   x = 1/2 takes the Chebyshev branches, whose I_0, I_1 calls succeed. */
static ns_status
unit_bump_integral (ns_result *out)
{
  gsl_sf_result k0, k1;
  int s0 = gsl_sf_bessel_K0_e (0.5, &k0);
  int s1 = gsl_sf_bessel_K1_e (0.5, &k1);
  if (s0 != GSL_SUCCESS || s1 != GSL_SUCCESS)
    {
      out->val = NAN;
      out->err = NAN;
      return ns_testfn_status_from_gsl (s0 != GSL_SUCCESS ? s0 : s1);
    }
  double ex = exp (-0.5);
  double diff = k1.val - k0.val;
  double diff_err = k1.err + k0.err + U * fabs (diff);
  out->val = ex * diff;
  out->err = (ex * diff_err + LIBM_REL * ex * fabs (diff) + U * fabs (out->val))
             * (1 + ROUNDUP);
  return NS_OK;
}

static double
unit_bump_gsl (double t, void *params)
{
  (void) params;
  if (!(fabs (t) < 1))
    return 0.0;
  return exp (-1 / ((1 - t) * (1 + t)));
}

/* int_{-1}^{1} phi_{0,1} by adaptive GAUSS31 (QAG, lib/integrate.c);
   ABSERR is its estimate. */
static ns_status
unit_bump_integral_qag (ns_result *out)
{
  double mem[NS_INTEG_WS_DOUBLES (100)];
  ns_integ_ws w;
  ns_integ_ws_init (&w, mem, 100);
  gsl_function f = { unit_bump_gsl, NULL };
  double val = NAN, abserr = NAN;
  int code = ns_integ_qag (&f, -1.0, 1.0, 0.0, 1e-13, 100,
                           gsl_integration_qk31, &w, &val, &abserr);
  out->val = val;
  out->err = abserr + 4 * U * fabs (val);
  return ns_testfn_status_from_gsl (code);
}

/* Subintervals of the plateau's integral: the bump is analytic inside
   (-1, 1) and flat at the ends, so GAUSS21 meets 1e-12 in a few
   bisections; 32 leave a wide margin and 800 bytes of stack. */
#define CDF_LIMIT 32

/* int_{-1}^{tau} phi_{0,1} by adaptive GAUSS21 (QAG) on a workspace on
   the stack, so the plateau stays free of hidden allocations (GSL's qng
   would report a missed tolerance through the error handler); the
   shorter side is
   integrated and subtracted from the closed form when tau > 0.  Returns
   the fraction J(tau) / I with its error. */
static ns_status
unit_bump_cdf (double tau, const ns_result *unit, ns_result *out)
{
  if (tau <= -1)
    {
      out->val = 0.0;
      out->err = 0.0;
      return NS_OK;
    }
  if (tau >= 1)
    {
      out->val = 1.0;
      out->err = 0.0;
      return NS_OK;
    }
  gsl_function f = { unit_bump_gsl, NULL };
  double part = NAN, abserr = NAN;
  double lo = tau <= 0 ? -1.0 : tau, hi = tau <= 0 ? tau : 1.0;
  double mem[NS_INTEG_WS_DOUBLES (CDF_LIMIT)];
  ns_integ_ws w;
  ns_integ_ws_init (&w, mem, CDF_LIMIT);
  /* Absolute tolerance 1e-16 of the whole integral (about 0.44): near the
     ends the part is tiny and only its absolute error matters. */
  int code = ns_integ_qag (&f, lo, hi, 1e-16, 1e-13, CDF_LIMIT,
                           gsl_integration_qk31, &w, &part, &abserr);
  /* A rounding stop leaves an estimate at the rounding level of the
     integrand: a value.  Any other miss is a failure with NaN, never
     NS_ETOL: callers of ns_testfn_eval treat every status but NS_OK as
     "no value" (a pairing would drop the piece and keep a bound that does
     not cover it). */
  if (code == GSL_EROUND && isfinite (part) && isfinite (abserr))
    code = GSL_SUCCESS;
  if (code != GSL_SUCCESS)
    return ns_testfn_fail (out, code == GSL_EMAXITER ? NS_EMAXITER : NS_ELIMIT);
  double frac = part / unit->val;
  double frac_err = (abserr + fabs (part) * unit->err / unit->val) / unit->val
                    + U * fabs (frac);
  if (tau <= 0)
    {
      out->val = frac;
      out->err = frac_err * (1 + ROUNDUP);
    }
  else
    {
      out->val = 1 - frac;
      out->err = (frac_err + U) * (1 + ROUNDUP);
    }
  return NS_OK;
}

/* ------------------------------------------------------- constructors */

ns_status
ns_testfn_new_kind (testfn_kind kind, ns_testfn **out)
{
  ns_testfn *phi = calloc (1, sizeof *phi);
  if (phi == NULL)
    return NS_ENOMEM;
  phi->kind = kind;
  phi->norm.val = 1.0;
  phi->norm.err = 0.0;
  *out = phi;
  return NS_OK;
}

ns_status
ns_testfn_bump_alloc (double c, double r, ns_testfn **out)
{
  if (out == NULL)
    return NS_EINVAL;
  *out = NULL;
  if (!isfinite (c) || !isfinite (r) || !(r > 0) || !isfinite (c - r) || !isfinite (c + r))
    return NS_EINVAL;
  /* A support that rounds to the point c (r below half the spacing of the
     doubles at c, as for c = 1e17, r = 2) holds no double but c: nothing
     of phi can be sampled or split there, and a pairing would return 0 or
     r phi(0)-sized noise.  Refused instead. */
  if (c - r == c || c + r == c)
    return NS_EINVAL;
  ns_testfn *phi;
  ns_status st = ns_testfn_new_kind (KIND_BUMP, &phi);
  if (st != NS_OK)
    return st;
  phi->centre = c;
  phi->radius = r;
  phi->r = r;
  phi->log_r = log (r);
  phi->lo = c - r;
  phi->hi = c + r;
  bump_coeffs_compute (COEF_ORDERS - 1, &phi->coeffs);
  *out = phi;
  return NS_OK;
}

ns_status
ns_testfn_mollifier_alloc (double eps, ns_testfn **out)
{
  ns_status st = ns_testfn_bump_alloc (0.0, eps, out);
  if (st != NS_OK)
    return st;
  ns_testfn *phi = *out;
  phi->kind = KIND_MOLLIFIER;
  ns_result unit;
  st = unit_bump_integral_qag (&unit);
  if (st != NS_OK)
    {
      ns_testfn_free (phi);
      *out = NULL;
      return st;
    }
  /* N = eps * int phi_{0,1}: one more rounding. */
  phi->norm.val = eps * unit.val;
  phi->norm.err = (eps * unit.err + U * fabs (phi->norm.val)) * (1 + ROUNDUP);
  return NS_OK;
}

ns_status
ns_testfn_plateau_alloc (double a, double b, double w, ns_testfn **out)
{
  if (out == NULL)
    return NS_EINVAL;
  *out = NULL;
  if (!isfinite (a) || !isfinite (b) || !isfinite (w) || !(a <= b) || !(w > 0)
      || !isfinite (a - w) || !isfinite (b + w) || !isfinite ((b - a) / 2 + w))
    return NS_EINVAL;
  /* Transitions narrower than the spacing of the doubles at a or b round
     away, as a bump's support does (see ns_testfn_bump_alloc). */
  if (a - w == a || b + w == b)
    return NS_EINVAL;
  ns_testfn *phi;
  ns_status st = ns_testfn_new_kind (KIND_PLATEAU, &phi);
  if (st != NS_OK)
    return st;
  phi->pa = a;
  phi->pb = b;
  phi->pw = w;
  phi->lo = a - w;
  phi->hi = b + w;
  phi->centre = a / 2 + b / 2;
  phi->radius = (b - a) / 2 + w;
  /* The transitions are bumps of radius w/2. */
  phi->r = w / 2;
  phi->log_r = log (w / 2);
  st = unit_bump_integral (&phi->unit_integral);
  if (st != NS_OK)
    {
      free (phi);
      return st;
    }
  bump_coeffs_compute (COEF_ORDERS - 1, &phi->coeffs);
  *out = phi;
  return NS_OK;
}

void
ns_testfn_free (ns_testfn *phi)
{
  free (phi);
}

/* ---------------------------------------------------------- evaluation */

ns_status
ns_testfn_fail (ns_result *out, ns_status st)
{
  if (out != NULL)
    {
      out->val = NAN;
      out->err = NAN;
    }
  return st;
}

/* Plateau, transition side: value and derivatives of J(tau)/I with
   tau = 1 + sigma (x - edge)/(w/2), sigma = +1 left of a, -1 right of b.
   d^n/dx^n = (sigma/r')^n phi_{0,1}^(n-1)(tau) / I = sigma^n phi_{.,r'}^(n-1) / (r' I). */
static ns_status
plateau_side (const ns_testfn *phi, int n, double x, double edge, double sigma,
              ns_result *out)
{
  double r = phi->r;
  double q = (x - edge) / r;
  double tau = 1 + sigma * q;
  /* |q_hat - q| <= 2u|q_hat|(1 + 4u); then the sum rounds once. */
  double dtau = (2 * U * fabs (q) * (1 + 4 * U) + U * fabs (tau)) * (1 + ROUNDUP);
  const ns_result *unit = &phi->unit_integral;
  if (n == 0)
    {
      ns_status st = unit_bump_cdf (tau, unit, out);
      if (fabs (tau) < 1)
        {
          ns_result d;
          ns_status sd = bump_eval_exact_t (&phi->coeffs, 0, tau, 1.0, 0.0, &d);
          if (sd != NS_OK)
            return ns_testfn_fail (out, sd);
          out->err += ARG_SAFETY * dtau * (fabs (d.val) + d.err) / (unit->val - unit->err);
        }
      return st;
    }
  ns_result b;
  ns_status st = bump_eval_t_inexact (&phi->coeffs, n - 1, tau, dtau, r, phi->log_r, &b);
  if (st != NS_OK)
    return ns_testfn_fail (out, st);
  double den = r * unit->val;
  double sign = (sigma < 0 && n % 2) ? -1.0 : 1.0;
  double val = sign * b.val / den;
  double err = (b.err + fabs (b.val) * unit->err / unit->val) / (r * (unit->val - unit->err))
               + 2 * U * fabs (val);
  if (!isfinite (val) || !isfinite (err))
    return ns_testfn_fail (out, NS_ELIMIT);
  out->val = val;
  out->err = err * (1 + ROUNDUP);
  return NS_OK;
}

ns_status
ns_testfn_eval (const ns_testfn *phi, int n, double x, ns_result *out)
{
  if (phi == NULL || out == NULL || isnan (x))
    return ns_testfn_fail (out, NS_EINVAL);
  int max_order = phi->kind == KIND_USER ? phi->user.max_order : NS_TESTFN_MAX_ORDER;
  if (n < 0 || n > max_order)
    return ns_testfn_fail (out, NS_EINVAL);
  if (!(x > phi->lo && x < phi->hi))
    {
      /* Closed-support ends included: every test function vanishes there
         with all its derivatives (checked for user functions). */
      out->val = 0.0;
      out->err = 0.0;
      return NS_OK;
    }
  switch (phi->kind)
    {
    case KIND_BUMP:
      return bump_eval_x (&phi->coeffs, n, x, phi->centre, phi->r, phi->log_r, out);
    case KIND_MOLLIFIER:
      {
        ns_result b;
        ns_status st = bump_eval_x (&phi->coeffs, n, x, 0.0, phi->r, phi->log_r, &b);
        if (st != NS_OK)
          return ns_testfn_fail (out, st);
        /* |b/N_hat - phi/N| <= (err_b + |b| err_N / N_hat) / (N_hat - err_N). */
        double nv = phi->norm.val, ne = phi->norm.err;
        double val = b.val / nv;
        double err = (b.err + fabs (b.val) * ne / nv) / (nv - ne) + U * fabs (val);
        if (!isfinite (val) || !isfinite (err))
          return ns_testfn_fail (out, NS_ELIMIT);
        out->val = val;
        out->err = err * (1 + ROUNDUP);
        return NS_OK;
      }
    case KIND_PLATEAU:
      if (x >= phi->pa && x <= phi->pb)
        {
          out->val = n == 0 ? 1.0 : 0.0;
          out->err = 0.0;
          return NS_OK;
        }
      return x < phi->pa ? plateau_side (phi, n, x, phi->pa, 1.0, out)
                         : plateau_side (phi, n, x, phi->pb, -1.0, out);
    case KIND_USER:
      {
        ns_status st = ns_testfn_user_call (&phi->user, n, x, out);
        /* A callback's NS_ETOL comes with no value we can vouch for, and
           NS_ETOL from an evaluation would read as "value kept" to a
           caller: it is the callback failing (NS_EDOM, as the
           admissibility check says). */
        if (st == NS_ETOL)
          st = NS_EDOM;
        if (st != NS_OK)
          return ns_testfn_fail (out, st);
        /* The admissibility check samples; a NaN it missed is still an
           error, never a silent number. */
        if (!isfinite (out->val) || !(out->err >= 0))
          return ns_testfn_fail (out, NS_EDOM);
        return NS_OK;
      }
    }
  return ns_testfn_fail (out, NS_EINVAL);
}

ns_status
ns_testfn_eval_t (const ns_testfn *phi, int n, double t, ns_result *out)
{
  if (phi == NULL || out == NULL || isnan (t))
    return ns_testfn_fail (out, NS_EINVAL);
  int max_order = phi->kind == KIND_USER ? phi->user.max_order : NS_TESTFN_MAX_ORDER;
  if (n < 0 || n > max_order)
    return ns_testfn_fail (out, NS_EINVAL);
  if (phi->kind == KIND_BUMP)
    return bump_eval_exact_t (&phi->coeffs, n, t, phi->r, phi->log_r, out);
  if (phi->kind == KIND_MOLLIFIER)
    {
      ns_result b;
      ns_status st = bump_eval_exact_t (&phi->coeffs, n, t, phi->r, phi->log_r, &b);
      if (st != NS_OK)
        return ns_testfn_fail (out, st);
      double nv = phi->norm.val, ne = phi->norm.err;
      double val = b.val / nv;
      double err = (b.err + fabs (b.val) * ne / nv) / (nv - ne) + U * fabs (val);
      if (!isfinite (val) || !isfinite (err))
        return ns_testfn_fail (out, NS_ELIMIT);
      out->val = val;
      out->err = err * (1 + ROUNDUP);
      return NS_OK;
    }
  /* Plateau and user functions: evaluated at the double x = c + r t, whose
     two roundings move it by dx <= u |r t| + u |x| (1 + u) from the exact
     point; that costs at most dx sup |phi^(n+1)| (the plateau's bound on the
     line), or, for a user function below its top order, ARG_SAFETY dx
     |phi^(n+1)(x)| as for the bump.  At a user function's top order the
     callback's err is all there is (documented). */
  if (!(fabs (t) < 1))
    {
      out->val = 0.0;
      out->err = 0.0;
      return NS_OK;
    }
  double x = phi->centre + phi->radius * t;
  double dx = (U * fabs (phi->radius * t) + U * fabs (x)) * (1 + ROUNDUP);
  ns_status st = ns_testfn_eval (phi, n, x, out);
  if (st != NS_OK && st != NS_ETOL)
    return st;
  if (dx == 0)
    return st;
  double move = INFINITY;   /* what dx moves phi^(n) by, at most */
  if (phi->kind == KIND_PLATEAU)
    ns_testfn_deriv_sup (phi, n + 1, dx, &move);
  else if (n + 1 <= phi->user.max_order)
    {
      ns_result d;
      if (ns_testfn_user_call (&phi->user, n + 1, x, &d) == NS_OK
          && isfinite (d.val) && d.err >= 0)
        move = ARG_SAFETY * dx * (fabs (d.val) + d.err);
    }
  else
    return st;
  out->err = (out->err + move) * (1 + ROUNDUP);
  return st;
}

/* ------------------------------------------------- bounds on the line */

/* sup_t |phi^(n)(t)| of the unit bump, n = 0 .. NS_TESTFN_MAX_ORDER + 1,
   rounded up with a margin of 10%: maximised at 30 digits over a grid of
   4000 points refined by golden section, phi^(n) from the integer
   polynomials P_n of the recurrence above (tests/ref/derive_bumps.py,
   --sup).  S_0 = e^(-1) exactly at t = 0. */
static const double bump_sup[NS_TESTFN_MAX_ORDER + 2] = {
  0.40468, 0.87828, 8.5247, 205.04, 9147.5, 6.5600e5, 8.9623e7,
  1.6004e10, 3.6310e12, 1.0221e15, 3.4985e17, 1.5462e20, 8.5723e22,
  5.4557e25, 3.9542e28, 3.2402e31, 2.9812e34, 3.3899e37
};

/* SCALE S_m r^-m / DEN, rounded up: by products where they stay normal
   (m + 3 roundings, no libm call: the pairing asks for a few of these per
   breakpoint), else in logarithms; +inf past the double range, and at
   least the smallest subnormal when SCALE > 0 (an upper bound even where
   the value underflows). */
static double
bump_sup_times (int m, double r, double log_r, double den, double scale)
{
  if (scale == 0)
    return 0.0;
  double inv = 1 / r, v = bump_sup[m];
  for (int i = 0; i < m; i++)
    v *= inv;
  v = v / den * scale;
  if (isfinite (v) && v >= DBL_MIN)
    return v * (1 + (m + 4) * DBL_EPSILON);
  double l = log (bump_sup[m]) - m * log_r - log (den) + log (scale);
  l += (6 + m) * LIBM_REL * (fabs (l) + fabs (m * log_r) + 1);
  if (l > log (DBL_MAX) - 1)
    return HUGE_VAL;
  return exp (l) * (1 + LIBM_REL) + DBL_TRUE_MIN;
}

ns_status
ns_testfn_deriv_sup (const ns_testfn *phi, int n, double scale, double *sup)
{
  *sup = INFINITY;
  if (phi == NULL || n < 0 || n > NS_TESTFN_MAX_ORDER + 1
      || !(scale >= 0) || !isfinite (scale))
    return NS_EINVAL;
  switch (phi->kind)
    {
    case KIND_BUMP:
      *sup = bump_sup_times (n, phi->r, phi->log_r, 1.0, scale);
      return NS_OK;
    case KIND_MOLLIFIER:
      *sup = bump_sup_times (n, phi->r, phi->log_r,
                             (phi->norm.val - phi->norm.err) * (1 - ROUNDUP),
                             scale);
      return NS_OK;
    case KIND_PLATEAU:
      /* phi^(n) = +- phi_{.,r'}^(n-1) / (r' I) on the transitions, r' = w/2;
         the value lies in [0, 1]. */
      if (n == 0)
        *sup = scale;
      else
        *sup = bump_sup_times (n - 1, phi->r, phi->log_r,
                               phi->r * (phi->unit_integral.val
                                         - phi->unit_integral.err)
                               * (1 - ROUNDUP), scale);
      return NS_OK;
    case KIND_USER:
      /* Nothing is known between the samples of the admissibility check. */
      if (scale == 0)
        *sup = 0;
      return NS_OK;
    }
  return NS_EINVAL;
}

/* ---------------------------------------------------------- accessors */

ns_status
ns_testfn_support (const ns_testfn *phi, double *a, double *b)
{
  if (phi == NULL || a == NULL || b == NULL)
    {
      if (a != NULL)
        *a = NAN;
      if (b != NULL)
        *b = NAN;
      return NS_EINVAL;
    }
  *a = phi->lo;
  *b = phi->hi;
  return NS_OK;
}

ns_status
ns_testfn_centre (const ns_testfn *phi, double *c)
{
  if (phi == NULL || c == NULL)
    {
      if (c != NULL)
        *c = NAN;
      return NS_EINVAL;
    }
  *c = phi->centre;
  return NS_OK;
}

ns_status
ns_testfn_radius (const ns_testfn *phi, double *r)
{
  if (phi == NULL || r == NULL)
    {
      if (r != NULL)
        *r = NAN;
      return NS_EINVAL;
    }
  *r = phi->radius;
  return NS_OK;
}

ns_status
ns_testfn_max_order (const ns_testfn *phi, int *n)
{
  if (phi == NULL || n == NULL)
    {
      if (n != NULL)
        *n = -1;
      return NS_EINVAL;
    }
  *n = phi->kind == KIND_USER ? phi->user.max_order : NS_TESTFN_MAX_ORDER;
  return NS_OK;
}

ns_status
ns_testfn_integral (const ns_testfn *phi, ns_result *out)
{
  if (phi == NULL || out == NULL)
    return ns_testfn_fail (out, NS_EINVAL);
  switch (phi->kind)
    {
    case KIND_BUMP:
      {
        ns_result unit;
        ns_status st = unit_bump_integral (&unit);
        if (st != NS_OK)
          return ns_testfn_fail (out, st);
        out->val = phi->r * unit.val;
        out->err = (phi->r * unit.err + U * fabs (out->val)) * (1 + ROUNDUP);
        return NS_OK;
      }
    case KIND_MOLLIFIER:
      out->val = 1.0;
      out->err = 0.0;
      return NS_OK;
    case KIND_PLATEAU:
      {
        /* Each transition J(tau)/I satisfies S(u) + S(1-u) = 1 by the
           symmetry of the bump, so it contributes w/2: the integral is
           (b - a) + w, rounded twice. */
        double v = (phi->pb - phi->pa) + phi->pw;
        out->val = v;
        out->err = 2 * U * fabs (v) * (1 + ROUNDUP);
        return NS_OK;
      }
    case KIND_USER:
      return ns_testfn_user_integral (phi, out);
    }
  return ns_testfn_fail (out, NS_EINVAL);
}

ns_status
ns_testfn_normalization (const ns_testfn *phi, ns_result *out)
{
  if (phi == NULL || out == NULL)
    return ns_testfn_fail (out, NS_EINVAL);
  *out = phi->norm;
  return NS_OK;
}

ns_status
ns_testfn_bump_poly (int n, double t, ns_result *out)
{
  if (out == NULL || n < 0 || n > NS_TESTFN_MAX_ORDER + 1 || !isfinite (t))
    return ns_testfn_fail (out, NS_EINVAL);
  bump_coeffs bc;
  bump_coeffs_compute (n, &bc);
  /* s = (1-t)(1+t) as in the evaluation; for |t| > 1 both factors are
     rounded and s is negative, the bound on |s_hat - s| still 3u|s_hat|. */
  const double eps_s = 3 * U / (1 - 3 * U);
  double s = (1 - t) * (1 + t);
  double rv, re;
  bump_poly_s (&bc, n, s, eps_s, &rv, &re);
  if (n % 2)
    {
      out->val = t * rv;
      out->err = (fabs (t) * re + U * fabs (out->val)) * (1 + ROUNDUP);
    }
  else
    {
      out->val = rv;
      out->err = re;
    }
  if (!isfinite (out->val))
    return ns_testfn_fail (out, NS_ELIMIT);
  return NS_OK;
}
