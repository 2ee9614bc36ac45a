/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/ref_bump.h: independent long-double references for the unit bump
   phi(t) = exp(-1/(1-t^2)): its integral I = e^(-1/2) (K_1(1/2) - K_0(1/2))
   from the ascending series of A&S 9.6.13 and 9.6.11 summed here (not
   GSL, not the library), and point values from the formula. */
#ifndef NS_TESTS_REF_BUMP_H
#define NS_TESTS_REF_BUMP_H

#include <math.h>

/* Euler's gamma to 34 digits (A&S 6.1.3). */
#define REF_EULER_GAMMA 0.5772156649015328606065120900824024L

/* int_{-1}^{1} exp(-1/(1-t^2)) dt.  With z = 1/2, q = z^2/4, H_k the
   harmonic numbers and psi(n+1) = -gamma + H_n:
   K_0(z) = -(ln(z/2) + gamma) I_0(z) + sum_{k>=1} H_k q^k / (k!)^2,
   K_1(z) = 1/z + ln(z/2) I_1(z)
            - (z/4) sum_{k>=0} (psi(k+1) + psi(k+2)) q^k / (k! (k+1)!).
   The terms fall like q^k/(k!)^2 = (1/16)^k/(k!)^2: 20 terms are far
   below long double's epsilon. */
static inline long double
ref_bump_integral (void)
{
  const long double z = 0.5L, q = z * z / 4, lz = logl (z / 2);
  long double i0 = 0, i1 = 0, s0 = 0, s1 = 0, h = 0, term = 1;
  for (int k = 0; k < 20; k++)
    {
      if (k > 0)
        {
          term *= q / ((long double) k * k);   /* q^k / (k!)^2 */
          h += 1.0L / k;
        }
      long double t1 = term / (k + 1);        /* q^k / (k! (k+1)!) */
      i0 += term;
      i1 += (z / 2) * t1;
      s0 += h * term;
      s1 += ((-REF_EULER_GAMMA + h) + (-REF_EULER_GAMMA + h + 1.0L / (k + 1))) * t1;
    }
  long double k0 = -(lz + REF_EULER_GAMMA) * i0 + s0;
  long double k1 = 1 / z + lz * i1 - (z / 4) * s1;
  return expl (-0.5L) * (k1 - k0);
}

/* phi_{c,r}(x) and its first derivative, in long double, straight from
   phi = exp(-1/(1-t^2)), phi' = phi * P_1(t) / (1-t^2)^2 / r, P_1 = -2t. */
static inline long double
ref_bump (long double c, long double r, long double x)
{
  long double t = (x - c) / r;
  return fabsl (t) < 1 ? expl (-1 / (1 - t * t)) : 0;
}

static inline long double
ref_bump_d1 (long double c, long double r, long double x)
{
  long double t = (x - c) / r;
  if (!(fabsl (t) < 1))
    return 0;
  long double s = 1 - t * t;
  return expl (-1 / s) * (-2 * t) / (s * s) / r;
}

#endif /* NS_TESTS_REF_BUMP_H */
