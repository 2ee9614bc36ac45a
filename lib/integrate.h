/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/integrate.h: the adaptive integration rules of the library (QUADPACK's
   QAG, QAGS and QAWC algorithms on GSL's Gauss-Kronrod and Chebyshev
   pieces), written here so that no failure can reach GSL's process-wide
   error handler: they report every outcome by their return value only, and
   keep no state outside the caller's workspace, so threads can integrate
   at the same time.  Only GSL's rules that cannot fail are called
   (gsl_integration_qk15/21/31, gsl_integration_qcheb). */
#ifndef NS_LIB_INTEGRATE_H
#define NS_LIB_INTEGRATE_H

#include <stddef.h>
#include <gsl/gsl_integration.h>
#include "internal.h"

/* The subintervals of one adaptive integration.  Its memory is the
   caller's: NS_INTEG_WS_DOUBLES (LIMIT) doubles, on the heap
   (ns_integ_ws_alloc) or on the stack (ns_integ_ws_init). */
typedef struct ns_integ_ws {
  size_t limit;     /* at most this many subintervals */
  size_t n;         /* subintervals in use */
  double *a, *b, *r, *e, *level;
} ns_integ_ws;

#define NS_INTEG_WS_DOUBLES(limit) (5 * (size_t) (limit))

/* Sets W up on MEM, NS_INTEG_WS_DOUBLES (LIMIT) doubles that outlive it. */
NS_INTERNAL void ns_integ_ws_init (ns_integ_ws *w, double *mem, size_t limit);
/* NULL when LIMIT is 0 or memory runs out (malloc only: no GSL
   allocator, which would report through the handler). */
NS_INTERNAL ns_integ_ws *ns_integ_ws_alloc (size_t limit);
NS_INTERNAL void ns_integ_ws_free (ns_integ_ws *w);

/* The return values are GSL's codes, returned and never raised:
   GSL_SUCCESS; GSL_EROUND (rounding stops the rule short of the tolerance;
   the estimate is at the rounding level); GSL_EMAXITER (LIMIT subintervals
   did not suffice); GSL_ESING (a subinterval became too small to split, or
   the extrapolation failed); GSL_EDIVERGE (the integral looks divergent);
   GSL_EBADTOL (epsabs <= 0 and epsrel < 50 DBL_EPSILON); GSL_EINVAL (LIMIT
   0 or above the workspace's, a NaN end, QAWC's C at an end).  *RESULT
   and *ABSERR always hold the best estimate and its error estimate (NaN
   and +inf when nothing was computed). */

/* int_A^B f by bisection of the subinterval of largest error with RULE
   (gsl_integration_qk21, gsl_integration_qk31, ...), QUADPACK's QAG. */
NS_INTERNAL int ns_integ_qag (const gsl_function *f, double a, double b,
                              double epsabs, double epsrel, size_t limit,
                              gsl_integration_rule *rule, ns_integ_ws *w,
                              double *result, double *abserr);

/* int_A^B f with Wynn's epsilon extrapolation of the bisection sequence
   (QUADPACK's QAGS, GAUSS21): for integrable end singularities. */
NS_INTERNAL int ns_integ_qags (const gsl_function *f, double a, double b,
                               double epsabs, double epsrel, size_t limit,
                               ns_integ_ws *w, double *result, double *abserr);

/* p.v. int_A^B f(x) / (x - C) dx, A < C < B (QUADPACK's QAWC: modified
   Clenshaw-Curtis moments of the Cauchy weight near C, GAUSS15 away). */
NS_INTERNAL int ns_integ_qawc (const gsl_function *f, double a, double b,
                               double c, double epsabs, double epsrel,
                               size_t limit, ns_integ_ws *w, double *result,
                               double *abserr);

#endif /* NS_LIB_INTEGRATE_H */
