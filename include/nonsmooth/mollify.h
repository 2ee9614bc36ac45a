/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/mollify.h: mollification of a distribution, T * rho_eps
   with rho_eps(x) = rho(x/eps)/eps the normalized mollifier: its value and
   derivatives at a point, its pairing with a test function by two
   independent routes, and the measured rate at which <T * rho_eps, phi>
   tends to <T, phi> as eps -> 0. */
#ifndef NONSMOOTH_MOLLIFY_H
#define NONSMOOTH_MOLLIFY_H

#include <stddef.h>
#include <nonsmooth/status.h>
#include <nonsmooth/testfn.h>
#include <nonsmooth/distribution.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Most values of eps one rate report holds. */
#define NS_MOLLIFY_RATE_MAX 16

/* Subintervals the outer quadrature of ns_mollify_pair may use, and the
   inner quadratures of ns_mollify_pair_conv and of every pairing inside
   them; together they bound the work of one call. */
#define NS_MOLLIFY_LIMIT 200

/* Most breakpoints of T (jumps, kinks, delta points) inside the support of
   phi widened by eps that ns_mollify_pair splits its integral at. */
#define NS_MOLLIFY_MAX_BREAKS 64

/* (T * rho_eps)^(J)(X) = <D^J T, rho_eps(X - .)>: T paired, by the exact
   route of ns_dist_pair, with the bump of centre X and radius EPS divided
   by the mollifier's normalization.  0 <= J and J plus the highest order
   of T at most NS_DIST_MAX_ORDER.  Returns NS_OK, NS_ETOL (best estimate
   and an honest err kept), NS_EINVAL (NULL T or OUT, EPS not a positive
   normal double, X not finite, X +- EPS rounding to X, a bad J), or a
   status of ns_dist_pair (NS_EDOM, NS_UNDEFINED, NS_ELIMIT, NS_ENOMEM);
   then val is NaN and err infinite. */
ns_status ns_mollify_eval (const ns_dist *t, double eps, int j, double x,
                           ns_pair_result *out);

/* <T * rho_eps, phi> = int (T * rho_eps)(x) phi(x) dx over the support
   [a, b] of PHI, split at p - eps, p, p + eps for every breakpoint p of T
   there, by an adaptive Gauss-Kronrod rule (QUADPACK's QAG); every
   integrand value is a pairing (ns_mollify_eval with J = 0), and err adds
   the largest of their errors times b - a to the rule's estimate.  Statuses as ns_mollify_eval, and
   NS_EINVAL when EPS is below the rounding of the ends of the support,
   NS_ELIMIT with more than NS_MOLLIFY_MAX_BREAKS breakpoints. */
ns_status ns_mollify_pair (const ns_dist *t, double eps, const ns_testfn *phi,
                           ns_pair_result *out);

/* The same number as <T, rho_eps * phi>: rho_eps * phi is a test function
   supported on [a - eps, b + eps] whose derivatives rho_eps * phi^(n) are
   computed by adaptive quadrature (QAG) at each point; T is paired with it by
   ns_dist_pair.  Shares no quadrature with ns_mollify_pair.  Same
   statuses. */
ns_status ns_mollify_pair_conv (const ns_dist *t, double eps, const ns_testfn *phi,
                                ns_pair_result *out);

/* How <T * rho_eps, phi> approaches <T, phi>. */
typedef struct ns_mollify_rate_report {
  size_t n;                                  /* number of eps */
  ns_pair_result exact;                      /* <T, phi> by ns_dist_pair */
  double eps[NS_MOLLIFY_RATE_MAX];           /* eps0 * factor^i */
  ns_pair_result pair[NS_MOLLIFY_RATE_MAX];  /* <T * rho_eps, phi> by ns_mollify_pair */
  ns_result diff[NS_MOLLIFY_RATE_MAX];       /* pair - exact, signed, with its bound */
  double rate;      /* least-squares slope of log|diff| against log eps */
  double rate_err;  /* first-order effect of the diff errors on the slope */
  double constant;  /* C of the fitted |diff| = C eps^rate */
  size_t neval;     /* evaluations of every pairing together */
} ns_mollify_rate_report;

/* Fills REPORT for eps = EPS0 * FACTOR^i, i = 0 .. N-1 (2 <= N <=
   NS_MOLLIFY_RATE_MAX, 0 < FACTOR < 1, every eps a positive normal
   double).  Returns NS_OK; NS_ETOL when some pairing missed its tolerance
   (everything still filled); NS_UNDEFINED when some difference is not
   larger than its error bound, so that its logarithm means nothing (the
   differences are filled, rate, rate_err and constant are NaN); NS_EINVAL;
   or the failing status of a pairing. */
ns_status ns_mollify_rate (const ns_dist *t, const ns_testfn *phi, double eps0,
                           double factor, size_t n, ns_mollify_rate_report *report);

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_MOLLIFY_H */
