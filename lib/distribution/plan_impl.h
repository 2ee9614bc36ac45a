/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/plan_impl.h: the private layout of ns_dist_plan, built by
   lib/distribution/plan.c and read by the pairing in lib/distribution/pairing.c:
   what depends only on a distribution's regular terms and the window, never
   on the test function.  Not installed. */
#ifndef NS_PLAN_IMPL_H
#define NS_PLAN_IMPL_H

#include <nonsmooth/distribution.h>
#include "internal.h"

/* What one breakpoint p of a term's function f keeps (f's germs depend
   on f and p only). */
typedef struct ns_plan_bp {
  int have;                    /* g holds the germs to order m + 1 (pairing.c's side_germs) */
  ns_status jst;               /* NS_OK, or the status of the germs the jumps need */
  ns_germ g[2];                /* left, right */
  double jump[NS_MAX_ORDER + 1], jerr[NS_MAX_ORDER + 1];   /* [f^(i)](p), i < m */
  int end_ok[2];               /* the piece ending at p from the left (0) and the one
                                  starting at p (1) pass their end check at p */
} ns_plan_bp;

/* One open piece of the window between consecutive breakpoints. */
typedef struct ns_plan_piece {
  int zero;                    /* f^(m) is exactly 0 on the piece */
  int konst;                   /* f^(m) is a constant known with the bound below */
  double a0, ae0;              /* poly_setup's a[0] and ae[0] for that constant */
} ns_plan_piece;

/* A regular term without a multiplier: its breakpoints strictly inside
   the window, NB of them, and NB + 1 pieces.  CACHED is 0 for every other
   term (and for one whose breakpoints could not be found on the window):
   the pairing then does what ns_dist_pair does. */
typedef struct ns_plan_term {
  int cached;
  size_t nb;
  double *pts;
  ns_plan_bp *bp;
  ns_plan_piece *pc;
} ns_plan_term;

struct ns_dist_plan {
  ns_dist *t;                  /* the plan's own copy of the distribution */
  double a, b;                 /* the window */
  size_t nmax;                 /* most breakpoints one term may have in the window */
  ns_plan_term *terms;         /* one per term of t */
};

/* lib/distribution/pairing.c: what the plan builder shares with the pairing,
   so that both compute the cached quantities the same way. */
NS_INTERNAL int ns_pair_piece_is_zero (const ns_function *f, double x, int fk);
NS_INTERNAL ns_status ns_pair_side_germs (const ns_function *f, double x, int order,
                                          ns_germ g[2]);
NS_INTERNAL void ns_pair_jumps (const ns_function *f, double x, int n,
                                const ns_germ g[2], double *jump, double *err);
/* The constant a0 with bound ae0 that poly_setup would set for f^(fk)
   around X0: 1 when f is a polynomial there whose fk-th derivative is
   constant, 0 otherwise. */
NS_INTERNAL int ns_pair_const_piece (const ns_function *f, double x0, int fk,
                                     double *a0, double *ae0);
/* ns_dist_pair's exact route with the cached terms of PLAN. */
NS_INTERNAL ns_status ns_pair_planned (const ns_dist_plan *plan, const ns_testfn *phi,
                                       ns_pair_workspace *w, ns_pair_result *out);

#endif /* NS_PLAN_IMPL_H */
