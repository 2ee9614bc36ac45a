/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/pairing_singular.h: what lib/distribution/pairing.c asks of the singular parts of
   pairing (lib/distribution/pairing_singular.c: principal values, pieces with an
   integrable end singularity, log|x - a| by its derivative) and of
   multipliers (lib/distribution/pairing_mult.c: g phi as a test function).  Not
   installed. */
#ifndef NS_PAIRING_SINGULAR_H
#define NS_PAIRING_SINGULAR_H

#include "internal.h"
#include "integrate.h"
#include "function/breakpoints.h"
#include "nonsmooth/function.h"
#include "nonsmooth/testfn.h"

/* The value of one part of a pairing, a bound on its error, its work. */
typedef struct ns_pair_part {
  double val, err;
  size_t neval;
} ns_pair_part;

/* Classifies the end X of a piece for the integrand f^(ORDER), seen from
   SIDE (into the piece, of length LEN in x).  *SINGULAR = 0: finite there; 1: infinite but
   integrable (f^(ORDER) ~ |x - X|^-alpha with alpha < 15/16, or any
   power-like growth when SUPPORT_EDGE says X is an end of phi's support,
   where phi vanishes to every order).  Returns NS_OK, NS_EDOM (f not defined on that
   side), NS_UNDEFINED (not integrable, or not determined), NS_ENOMEM or
   NS_ELIMIT. */
NS_INTERNAL ns_status ns_pair_end_check (const ns_function *f, double x,
                                         ns_side side, int order, double len,
                                         int support_edge, int *singular);

/* int r f^(FK)(c + r t) phi^(PN)(c + r t) dt over [TA, TB] (x from XA to
   XB), SING_A / SING_B saying which ends are singular (as classified by
   ns_pair_end_check), EDGE_A / EDGE_B which are ends of the support.  Uses
   GSL's qags in the distance from the singular end; WS holds LIMIT
   subintervals.  NS_OK, NS_ETOL (best estimate kept), NS_UNDEFINED,
   NS_EDOM. */
NS_INTERNAL ns_status ns_pair_singular_piece (const ns_function *f, int fk,
                                              const ns_testfn *phi, int pn,
                                              double c, double r,
                                              double xa, double xb,
                                              double ta, double tb,
                                              int sing_a, int sing_b,
                                              int edge_a, int edge_b,
                                              ns_integ_ws *ws,
                                              size_t limit, ns_pair_part *out);

/* p.v. int phi^(N)(x) / (x - A) dx over the support [c - r, c + r] of
   phi, by ns_integ_qawc (QAWC) around A and ns_integ_qag elsewhere.  NS_OK,
   NS_ETOL, or phi's failure. */
NS_INTERNAL ns_status ns_pair_pv (const ns_testfn *phi, int n, double a,
                                  double c, double r,
                                  ns_integ_ws *ws, size_t limit,
                                  ns_pair_part *out);

/* Recognizes F = s log|u(x)| + rest with u affine on [SA, SB] (up to sign,
   scaling and one sum or difference): sets *S, the zero *A of u, and
   *REST (NULL when there is none) with its sign *REST_SIGN.  Returns 1
   when F has that form, 0 otherwise (also when the breakpoint search
   needs more memory than SC holds).  Allocates nothing. */
NS_INTERNAL int ns_pair_log_split (const ns_function *f, double sa, double sb,
                                   ns_bp_scratch *sc, double *s, double *a,
                                   const ns_function **rest, int *rest_sign);

/* g phi^(OUTER) as a test function: what a multiplier contributes, since
   <g D^k S, phi> = (-1)^k <S, g phi^(k)>.  Written into PSI (from
   ns_pair_mult_psi_alloc, reused from one call to the next); CTX must
   outlive its use (it holds G and PHI, borrowed).  The check that g has no
   breakpoint inside the support uses SC and PTS (room for MAX points), so
   nothing is allocated.  NS_UNDEFINED when g has a breakpoint inside the
   support of phi (g is then not smooth there); NS_EDOM when g is not
   defined there; NS_ELIMIT when the scratch is too small for the search. */
typedef struct ns_pair_mult_ctx {
  const ns_function *g;
  const ns_testfn *phi;
  int outer;
} ns_pair_mult_ctx;

NS_INTERNAL ns_status ns_pair_mult_testfn (const ns_function *g,
                                           const ns_testfn *phi, int outer,
                                           ns_bp_scratch *sc, double *pts,
                                           size_t max, ns_pair_mult_ctx *ctx,
                                           ns_testfn *psi);

/* A test function object for ns_pair_mult_testfn to fill, released with
   ns_testfn_free.  NS_ENOMEM. */
NS_INTERNAL ns_status ns_pair_mult_psi_alloc (ns_testfn **out);

#endif /* NS_PAIRING_SINGULAR_H */
