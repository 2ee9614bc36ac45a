/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/brent.c: Brent's root finder and minimizer in one variable (R. P.
   Brent, Algorithms for Minimization without Derivatives, 1973, chapters
   4 and 5), as steps on a caller's state: no allocation, no global state,
   no report but the return value. */
#include <config.h>
#include <float.h>
#include <math.h>
#include "brent.h"

/* ------------------------------------------------------------------ root */

int
ns_brent_root_init (ns_brent_root *s, double (*f) (double x, void *params),
                    void *params, double lo, double hi)
{
  s->f = f;
  s->params = params;
  s->a = lo;
  s->b = hi;
  s->fa = f (lo, params);
  s->fb = f (hi, params);
  if (isnan (s->fa) || isnan (s->fb) || !(lo <= hi)
      || (s->fa < 0 && s->fb < 0) || (s->fa > 0 && s->fb > 0))
    return 0;
  s->c = s->a;
  s->fc = s->fa;
  s->d = s->e = s->b - s->a;
  return 1;
}

int
ns_brent_root_step (ns_brent_root *s, double *lo, double *hi)
{
  double a = s->a, fa = s->fa, b = s->b, fb = s->fb, c = s->c, fc = s->fc;
  double d = s->d, e = s->e;
  /* Invariant: b is the best estimate, the root lies between b and c. */
  if ((fb < 0 && fc < 0) || (fb > 0 && fc > 0))
    {
      c = a;
      fc = fa;
      d = e = b - a;
    }
  if (fabs (fc) < fabs (fb))
    {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
  /* DBL_TRUE_MIN: a step even at b = 0. */
  double tol = 2 * DBL_EPSILON * fabs (b) + DBL_TRUE_MIN;
  double m = 0.5 * (c - b);
  if (fb == 0)
    {
      *lo = *hi = b;   /* an exact zero */
      return 0;
    }
  if (fabs (m) <= tol)
    {
      *lo = fmin (b, c);
      *hi = fmax (b, c);
      return 0;
    }
  if (fabs (e) < tol || fabs (fa) <= fabs (fb))
    d = e = m;   /* bisection */
  else
    {
      /* Secant (a == c) or inverse quadratic interpolation, accepted when
         it falls well inside the bracket and shrinks fast enough. */
      double p, q, r, t = fb / fa;
      if (a == c)
        {
          p = 2 * m * t;
          q = 1 - t;
        }
      else
        {
          q = fa / fc;
          r = fb / fc;
          p = t * (2 * m * q * (q - r) - (b - a) * (r - 1));
          q = (q - 1) * (r - 1) * (t - 1);
        }
      if (p > 0)
        q = -q;
      else
        p = -p;
      if (2 * p < fmin (3 * m * q - fabs (tol * q), fabs (e * q)))
        {
          e = d;
          d = p / q;
        }
      else
        d = e = m;
    }
  a = b;
  fa = fb;
  if (fabs (d) > tol)
    b += d;
  else
    b += m > 0 ? tol : -tol;
  fb = s->f (b, s->params);
  s->a = a;
  s->fa = fa;
  s->b = b;
  s->fb = fb;
  s->c = c;
  s->fc = fc;
  s->d = d;
  s->e = e;
  if (isnan (fb))
    {
      /* The last good bracket: between a (the previous b) and c. */
      *lo = fmin (a, c);
      *hi = fmax (a, c);
      return 0;
    }
  if ((fb < 0 && fc < 0) || (fb > 0 && fc > 0))
    {
      *lo = fmin (a, b);
      *hi = fmax (a, b);
    }
  else
    {
      *lo = fmin (b, c);
      *hi = fmax (b, c);
    }
  return 1;
}

/* ------------------------------------------------------------------ minimum */

static double
value (const ns_brent_min *s, double x)
{
  double y = s->f (x, s->params);
  return isnan (y) ? HUGE_VAL : y;
}

int
ns_brent_min_init (ns_brent_min *s, double (*f) (double x, void *params),
                   void *params, double x, double fx, double lo, double hi)
{
  s->f = f;
  s->params = params;
  if (!(lo < x && x < hi))
    return 0;
  s->lo = lo;
  s->hi = hi;
  s->x = s->w = s->v = x;
  s->fx = s->fw = s->fv = isnan (fx) ? HUGE_VAL : fx;
  s->d = s->e = 0;
  return 1;
}

void
ns_brent_min_step (ns_brent_min *s)
{
  /* (3 - sqrt 5) / 2: the golden section of the larger part. */
  const double golden = 0.3819660112501051;
  double x = s->x, w = s->w, v = s->v, fx = s->fx, fw = s->fw, fv = s->fv;
  double lo = s->lo, hi = s->hi, d = s->d, e = s->e;
  double mid = 0.5 * (lo + hi);
  /* sqrt(DBL_EPSILON) relative: below it f's rounding hides the minimum. */
  double tol = 1.4901161193847656e-08 * fabs (x) + DBL_MIN;
  int parabolic = 0;
  if (fabs (e) > tol && isfinite (fx) && isfinite (fw) && isfinite (fv))
    {
      double r = (x - w) * (fx - fv);
      double q = (x - v) * (fx - fw);
      double p = (x - v) * q - (x - w) * r;
      q = 2 * (q - r);
      if (q > 0)
        p = -p;
      else
        q = -q;
      double etemp = e;
      if (fabs (p) < fabs (0.5 * q * etemp) && p > q * (lo - x) && p < q * (hi - x))
        {
          e = d;
          d = p / q;
          double u = x + d;
          if (u - lo < 2 * tol || hi - u < 2 * tol)
            d = x < mid ? tol : -tol;
          parabolic = 1;
        }
    }
  if (!parabolic)
    {
      e = (x < mid ? hi : lo) - x;
      d = golden * e;
    }
  double u = x + (fabs (d) >= tol ? d : (d > 0 ? tol : -tol));
  double fu = value (s, u);
  if (fu <= fx)
    {
      if (u < x)
        hi = x;
      else
        lo = x;
      v = w;
      fv = fw;
      w = x;
      fw = fx;
      x = u;
      fx = fu;
    }
  else
    {
      if (u < x)
        lo = u;
      else
        hi = u;
      if (fu <= fw || w == x)
        {
          v = w;
          fv = fw;
          w = u;
          fw = fu;
        }
      else if (fu <= fv || v == x || v == w)
        {
          v = u;
          fv = fu;
        }
    }
  s->x = x;
  s->w = w;
  s->v = v;
  s->fx = fx;
  s->fw = fw;
  s->fv = fv;
  s->lo = lo;
  s->hi = hi;
  s->d = d;
  s->e = e;
}
