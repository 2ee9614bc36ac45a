/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/brent.h: Brent's root finder and minimizer in one variable, as
   steps on a caller's state, in place of GSL's fsolver and fminimizer
   (which report a non-finite value or a bad bracket through GSL's
   process-wide error handler).  No allocation, no global state. */
#ifndef NS_LIB_BRENT_H
#define NS_LIB_BRENT_H

#include "internal.h"

/* Brent's root finder on a bracket [LO, HI] with f(LO) f(HI) <= 0 (Brent
   1973, "zero"): each step keeps a bracket and never evaluates outside
   it.  A NaN value stops it (ns_brent_root_step returns 0). */
typedef struct ns_brent_root {
  double (*f) (double x, void *params);
  void *params;
  double a, fa, b, fb, c, fc, d, e;
} ns_brent_root;

/* 0 when F(LO) and F(HI) have the same sign or one is NaN. */
NS_INTERNAL int ns_brent_root_init (ns_brent_root *s,
                                    double (*f) (double x, void *params),
                                    void *params, double lo, double hi);
/* One step; *LO, *HI receive the new bracket.  0 when it cannot go on (a
   NaN value, or the bracket is already as small as the doubles allow). */
NS_INTERNAL int ns_brent_root_step (ns_brent_root *s, double *lo, double *hi);

/* Brent's minimizer (Brent 1973, "localmin"), golden section with
   parabolic steps, started from X inside (LO, HI) with f(X) below f(LO)
   and f(HI).  NaN values count as +inf. */
typedef struct ns_brent_min {
  double (*f) (double x, void *params);
  void *params;
  double lo, hi, x, fx, w, fw, v, fv, d, e;
} ns_brent_min;

/* 0 unless LO < X < HI. */
NS_INTERNAL int ns_brent_min_init (ns_brent_min *s,
                                   double (*f) (double x, void *params),
                                   void *params, double x, double fx,
                                   double lo, double hi);
NS_INTERNAL void ns_brent_min_step (ns_brent_min *s);

#endif /* NS_LIB_BRENT_H */
