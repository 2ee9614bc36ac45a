/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/quadrature.h: the fast rule for one smooth piece of a pairing, in
   the scaled variable t of a test function supported on [-1, 1]. */
#ifndef NS_LIB_QUADRATURE_H
#define NS_LIB_QUADRATURE_H

#include "internal.h"

typedef double ns_quad_fn (double t, void *params);

/* Integrates G over [TA, TB] (-1 <= TA < TB <= 1) by a trapezoidal rule
   after a change of variable chosen by the ends: an end at t = -1 or 1 is
   an end of the test function's support, where the integrand is flat (all
   derivatives vanish); s = atanh t sends it to infinity with a decay like
   exp(-cosh^2 s) and no singularity near the real axis.  Any other end is
   a breakpoint, where the integrand is merely smooth, and gets a
   double-exponential clustering of nodes.  The step is halved level by
   level (nested nodes, cached); the error of the last level is estimated
   from the last two differences as d1 * min(1, d1/d0), which is never
   below the truth when convergence does not slow down, plus rounding and
   truncation bounds.  Returns 1 with *VAL and *ERR when that estimate
   meets max(EPSREL |val|, the rounding level); 0 when it does not (the
   caller falls back to an adaptive rule).  *NNODES counts the calls. */
NS_INTERNAL int ns_quad_piece (ns_quad_fn *g, void *params, double ta, double tb,
                               double epsrel, double *val, double *err,
                               size_t *nnodes);

#endif /* NS_LIB_QUADRATURE_H */
