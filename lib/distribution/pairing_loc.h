/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/pairing_loc.h: where a pairing's points are
   (lib/distribution/pairing_loc.c): the rounding of a quadrature node's x,
   the location of breakpoints, and the error constants the pairing's germs
   share.  Not installed. */
#ifndef NS_PAIRING_LOC_H
#define NS_PAIRING_LOC_H

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "internal.h"
#include "nonsmooth/function.h"
#include "nonsmooth/testfn.h"
#include "nonsmooth/status.h"

/* Where f is not a polynomial (exp, sin, log, sqrt, quotients), the
   germ's coefficients of order >= 1 carry no propagated bound; for the
   trees met in practice each is a handful of roundings of terms of its own
   size, which this many ulps per order covers.  A working assumption, not
   a proof (lib/distribution/pairing_poly.c proves the bound on polynomial pieces). */
#define GERM_DERIV_ULPS 16

/* How far a breakpoint ns_fn_breakpoints returns may lie from the true
   switch point, in ulps of the point: its documented accuracy is correct
   rounding for linear switching quantities with exact coefficients, a few
   ulps for quadratics, and an ulp or the quantity's rounding otherwise.
   A working assumption taken from that contract, not a certificate: an
   ill-conditioned switching quantity (cancellation, a tangential contact
   of odd multiplicity) can be further off. */
#define BP_LOC_ULPS 4

/* Where a second-order Taylor term over a distance delta is bounded from
   the derivative at one end, the derivative's change over delta is covered
   by this factor (as ARG_SAFETY does for the test functions). */
#define LOC_SAFETY 2.0

/* nextafter (X, DIR * inf) for DIR = +-1, by the bits for a finite X (a
   pairing with a breakpoint asks for three of these; the C library's
   general nextafter costs a fair part of the location bound): the next
   double away from 0 is one more in the bits, towards 0 one less, and
   from +-0 the smallest subnormal of DIR's sign.  DBL_MAX steps to inf
   and +-DBL_TRUE_MIN towards 0 to +-0, as nextafter does; inf and NaN go
   to nextafter itself.  Here, not in pairing_loc.c, so that
   tests/test_next_double.c compares it with nextafter. */
static inline double
next_double (double x, int dir)
{
  if (!isfinite (x))
    return nextafter (x, dir * HUGE_VAL);
  if (x == 0)
    return dir * DBL_TRUE_MIN;
  uint64_t u;
  memcpy (&u, &x, sizeof u);
  if ((x > 0) == (dir > 0))
    u++;
  else
    u--;
  memcpy (&x, &u, sizeof x);
  return x;
}

/* x = fl(c + r t), and *DX with c + r t = x + *DX up to the rounding of
   *DX itself (u |DX|). */
NS_INTERNAL double ns_pair_scaled_point (double c, double r, double t,
                                         double *dx);

/* f at the exact point x + DX (|DX| <= ADX, rounding included), X strictly
   inside the piece [XA, XB], with a rigorous bound: f'(xi) DX from the
   enclosure of f' near X. */
NS_INTERNAL ns_status ns_pair_value_at_shifted (const ns_function *f,
                                                double x, double dx,
                                                double adx, double xa,
                                                double xb, ns_result *out);

/* f^(FK) (FK >= 1) at x + DX from the germ at X; CHEAP: ADX is a few ulps
   of the piece, a first-order bound suffices. */
NS_INTERNAL ns_status ns_pair_deriv_at_shifted (const ns_function *f, int fk,
                                                double x, double dx,
                                                double adx, int cheap,
                                                ns_result *out);

/* How far f may move within DIST of an end of [XA, XB] where f' is
   infinite (LEFT: the end XA), V its limit there; +inf for FK >= 1. */
NS_INTERNAL double ns_pair_end_value_spread (const ns_function *f, int fk,
                                             double xa, double xb, int left,
                                             double dist, double v);

/* A bound on what taking the breakpoint P of F as the exact switch point
   costs the pairing of a term of order M by the exact route (EXACT) or
   the weak one, with the test function PHI of centre C.  G: the germs of
   F at P, left then right, of order m + 1 on the exact route and 1 on the
   weak one, or NULL where they do not exist.  0 when every switch point of
   F within BP_LOC_ULPS ulps of P is certified to be P itself (affine
   switching quantities evaluated exactly at P, enclosures elsewhere); then
   only the rounding of t = (p - c)/r remains.  Half an ulp of P instead
   of BP_LOC_ULPS when each switch nearby is certified in P's rounding
   interval. */
NS_INTERNAL double ns_pair_location_err (const ns_function *f,
                                         const ns_germ *g, double p,
                                         int exact, int m,
                                         const ns_testfn *phi, double c);

#endif /* NS_PAIRING_LOC_H */
