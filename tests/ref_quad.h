/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/ref_quad.h: an independent long-double quadrature for references:
   the tanh-sinh (double exponential) rule of Takahasi and Mori on [a, b],
   written here (not GSL, not the library).  Its nodes crowd towards both
   ends doubly exponentially, so integrable end singularities (log s,
   s^-1/2) and ends where the integrand is flat (a bump's support) cost
   nothing extra; the integrand receives the distances to both ends so it
   can avoid cancellation near them. */
#ifndef NS_TESTS_REF_QUAD_H
#define NS_TESTS_REF_QUAD_H

#include <math.h>

/* g(x, x - a, b - x, data): the integrand at x, given both distances
   computed without cancellation. */
typedef long double (*ref_quad_fn) (long double x, long double da,
                                    long double db, const void *data);

#define REF_PI_L 3.141592653589793238462643383279502884L

/* int_a^b g with step h = 2^-7 on u in [-6, 6]: at u = +-6 the nodes are
   within exp(-pi/2 sinh 6) ~ 1e-274 of the ends, the weights far below
   long double's epsilon; the trapezoidal rule in u converges doubly
   exponentially for integrands analytic inside (a, b), and h = 2^-7 is
   far past the point where the error is below 1e-19 relative (halving h
   changes nothing in tests/test_distribution.c's cases). */
static inline long double
ref_quad (ref_quad_fn g, const void *data, long double a, long double b)
{
  const long double h = 1.0L / 128, half = (b - a) / 2;
  long double sum = 0;
  for (int i = -6 * 128; i <= 6 * 128; i++)
    {
      long double u = i * h;
      long double v = REF_PI_L / 2 * sinhl (u);
      /* x - a = (b - a) / (1 + e^{-2v}), b - x = (b - a) / (1 + e^{2v}). */
      long double da = (b - a) / (1 + expl (-2 * v));
      long double db = (b - a) / (1 + expl (2 * v));
      if (da == 0 || db == 0)
        continue;
      long double ch = coshl (v);
      long double w = half * REF_PI_L / 2 * coshl (u) / (ch * ch);
      long double x = (da < db) ? a + da : b - db;
      sum += w * g (x, da, db, data);
    }
  return sum * h;
}

#endif /* NS_TESTS_REF_QUAD_H */
