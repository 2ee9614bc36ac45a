/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/pairing_poly.h: the polynomial form of a function on one piece of a
   pairing (lib/distribution/pairing_poly.c).  Not installed. */
#ifndef NS_PAIRING_POLY_H
#define NS_PAIRING_POLY_H

#include "internal.h"
#include "nonsmooth/function.h"

/* f(x0 + u) = sum_{k <= deg} g[k] u^k for all u in the piece around x0,
   with |g[k] - exact coefficient| <= e[k]. */
typedef struct ns_pair_poly {
  int deg;
  double g[NS_MAX_ORDER + 1], e[NS_MAX_ORDER + 1];
} ns_pair_poly;

/* 1 and *P when F's germs at X0 from both sides are the same exact
   polynomial (of degree <= NS_MAX_ORDER) and every coefficient's rounding
   could be bounded; 0 otherwise (the caller evaluates F pointwise).  X0
   must not be a breakpoint: the polynomial then holds on the whole open
   piece around it. */
/* Bounds E[0..G->order] on the rounding of the coefficients of G, the
   germ of F at X on SIDE as ns_fn_germ computed it: 1 when G is exact (a
   polynomial) and the bound could be derived, 0 otherwise. */
NS_INTERNAL int ns_pair_germ_bound (const ns_function *f, double x,
                                    ns_side side, const ns_germ *g,
                                    double *e);

NS_INTERNAL int ns_pair_poly_at (const ns_function *f, double x0,
                                 ns_pair_poly *p);

/* Germs are tried to this order first: the polynomials of the pieces met
   in practice (relu, |x|, H, floor and their derivatives, low powers) have
   a degree at most this, and a germ costs in proportion to its order.
   Taylor arithmetic is triangular (coefficient k reads coefficients <= k
   only), so the coefficients and their bounds are those of the full
   order; a germ that is not exact at this order is tried again in full. */
#define NS_PAIR_POLY_FIRST_ORDER 4

/* ns_pair_poly_at's test on germs already computed: GL and GR, F's germs
   at X0 on the left and the right, both of the same order.  Same result
   as ns_pair_poly_at's first try when that order is
   NS_PAIR_POLY_FIRST_ORDER. */
NS_INTERNAL int ns_pair_poly_from_germs (const ns_function *f, double x0,
                                         const ns_germ *gl, const ns_germ *gr,
                                         ns_pair_poly *p);
/* ns_pair_poly_at's second try alone (germs of order NS_MAX_ORDER). */
NS_INTERNAL int ns_pair_poly_at_full (const ns_function *f, double x0,
                                      ns_pair_poly *p);

#endif /* NS_PAIRING_POLY_H */
