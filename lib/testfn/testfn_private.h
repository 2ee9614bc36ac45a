/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/testfn/testfn_private.h: what lib/testfn/testfn.c and lib/testfn/testfn_user.c share: the
   layout of ns_testfn, the error-bound constants and internal helpers.
   Not installed; the helpers have no ns_ prefix, so they are not exported. */
#ifndef NONSMOOTH_TESTFN_PRIVATE_H
#define NONSMOOTH_TESTFN_PRIVATE_H

#include <float.h>
#include "internal.h"
#include "nonsmooth/testfn.h"

/* Unit roundoff of double. */
#define U (DBL_EPSILON / 2)

/* Error of exp and log from libm, in units of the result: one ulp is at most
   2u|y|, and we allow two ulps, twice what glibc documents for exp and log
   on x86-64, to leave room for other C libraries. */
#define LIBM_REL (4 * U)

/* Every bound below is computed in floating point from terms each of which
   we bound to first order; multiplying by (1 + ROUNDUP) covers the neglected
   second-order terms (products of at most a few dozen factors (1 + u)) and
   the rounding of the bound's own arithmetic. */
#define ROUNDUP (64 * U)

/* When the argument t of a derivative is only known to within dt, we add
   ARG_SAFETY * dt * |d/dt phi^(n)(t)| at the computed t.  The factor 2 covers
   the change of that derivative over [t - dt, t + dt]: wherever the bump is
   representable (1/(1-t^2) < 746), dt < 1e-15 while the derivative changes
   on the scale (1-t^2)^2 > 1e-6, so the change is below 1e-8 relative. */
#define ARG_SAFETY 2.0

#define COEF_ORDERS (NS_TESTFN_MAX_ORDER + 2)
#define COEF_DEG ((3 * (NS_TESTFN_MAX_ORDER + 1)) / 2 + 1)

/* phi^(n)(t) = P_n(t) (1-t^2)^(-2n) phi(t) with P_n(t) = t^(n mod 2) R_n(s),
   s = 1 - t^2.  Coefficients of R_n in powers of s, and a bound on the
   error of each stored coefficient. */
typedef struct bump_coeffs {
  double c[COEF_ORDERS][COEF_DEG + 1];
  double e[COEF_ORDERS][COEF_DEG + 1];
  double esum[COEF_ORDERS];   /* sum_k e[n][k], rounded up: bounds sum e_k s^k on 0 < s <= 1 */
  double hfac[COEF_ORDERS];   /* plain evaluation: Horner's and s's factor on sum |c_k| s^k */
  double mconst[COEF_ORDERS]; /* plain evaluation: the multiplier's first-order error but q dq */
  int deg[COEF_ORDERS];
} bump_coeffs;

typedef enum testfn_kind {
  KIND_BUMP,
  KIND_MOLLIFIER,
  KIND_PLATEAU,
  KIND_USER
} testfn_kind;

struct ns_testfn {
  testfn_kind kind;
  double lo, hi;         /* support [lo, hi] */
  double centre, radius; /* (lo+hi)/2, (hi-lo)/2 as given or computed */
  double r;              /* bump, mollifier: the radius of the bump */
  double log_r;          /* log r */
  ns_result norm;        /* mollifier: N = eps * int phi_{0,1}; others 1 */
  ns_result unit_integral; /* plateau: int phi_{0,1}, from the Bessel closed form */
  double pa, pb, pw;     /* plateau: [a, b] and the width of the transitions */
  ns_testfn_user user;   /* user functions */
  bump_coeffs coeffs;    /* bump, mollifier, plateau */
};

/* A new zeroed object of KIND with norm {1, 0}; NS_ENOMEM. */
NS_INTERNAL ns_status ns_testfn_new_kind (testfn_kind kind, ns_testfn **out);

/* GSL's status as an ns_status. */
NS_INTERNAL ns_status ns_testfn_status_from_gsl (int code);

/* Sets *OUT (if not NULL) to {NaN, NaN} and returns ST. */
NS_INTERNAL ns_status ns_testfn_fail (ns_result *out, ns_status st);

/* Calls the user's derivative with OUT preset to NaN. */
NS_INTERNAL ns_status ns_testfn_user_call (const ns_testfn_user *u, int n, double x, ns_result *out);

/* A bound on SCALE sup_x |phi^(n)(x)| over the line, 0 <= n <=
   NS_TESTFN_MAX_ORDER + 1, SCALE >= 0 finite (the bump's from a table of
   its unit maxima scaled by r^-n, in logarithms where r^-n alone would
   overflow; +inf for user functions, of which nothing is known between
   samples; 0 when SCALE is 0).  Used to bound what a point known only to
   within dx costs: dx sup |phi^(n+1)|. */
NS_INTERNAL ns_status ns_testfn_deriv_sup (const ns_testfn *phi, int n,
                                        double scale, double *sup);

/* The integral of a user test function over its support. */
NS_INTERNAL ns_status ns_testfn_user_integral (const ns_testfn *phi, ns_result *out);

#endif /* NONSMOOTH_TESTFN_PRIVATE_H */
