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

/* The same for a multiplier of a delta at A: g need only be C^N at A
   (its one-sided derivatives of orders 0..N and its value agree there),
   not smooth on the whole support; breakpoints elsewhere, jumps included,
   do not matter.  TOL bounds the uncertainty of A (its point_err plus a
   breakpoint's rounding): a breakpoint of g within TOL of A with germs
   that agree only within their rounding gives NS_EUNDECIDED.
   NS_UNDEFINED when g^(i), i <= N, jumps at A, or g's value at A is not
   its germs'; but NS_EUNDECIDED for such a jump when ROUNDED (A is the
   double nearest the delta's true point, which is not A: g may switch at
   A and be smooth at the true point, heaviside(x - 0.3333333333333333)
   times delta(3*x - 1)). */
NS_INTERNAL ns_status ns_pair_mult_testfn_at (const ns_function *g,
                                              const ns_testfn *phi, int outer,
                                              double a, double tol, int rounded,
                                              int n, ns_bp_scratch *sc, double *pts,
                                              size_t max, ns_pair_mult_ctx *ctx,
                                              ns_testfn *psi);

/* The part of <D^m pv_a, g phi^(outer)> from [a - h, a + h], where g is
   smooth (h > 0; the caller checks g's breakpoints):
     (-1)^m p.v. int G^(m)(x)/(x - a) dx
       + sum_{i<m} (-1)^i [K_{m-1-i} G^(i)]_{a-h}^{a+h},
   G = g phi^(outer), K_j(x) = (-1)^j j!/(x - a)^(j+1) (integration by parts
   m times inside the interval; the rest of the support pairs as the
   regular integral of G K_m, see ns_pair_kernel_testfn).  The Cauchy part
   by qawc in s = (x - a)/h.  NS_OK, NS_ETOL, NS_UNDEFINED, or an
   evaluation's failure. */
NS_INTERNAL ns_status ns_pair_mult_pv_near (const ns_function *g,
                                            const ns_testfn *phi, int outer,
                                            int m, double a, double h,
                                            ns_integ_ws *ws,
                                            size_t limit, ns_pair_part *out);

/* phi^(OUTER) K_M, K_M(x) = (-1)^M M!/(x - A)^(M+1), as a test function of
   order 0 on [SA, SB] with phi's centre C and radius R, written into W
   (from ns_pair_mult_psi_alloc); CTX must outlive its use.  Only for
   integrating away from A. */
typedef struct ns_pair_kernel_ctx {
  const ns_testfn *phi;
  int outer, m;
  double a;
} ns_pair_kernel_ctx;

NS_INTERNAL void ns_pair_kernel_testfn (const ns_testfn *phi, double c,
                                        double r, double sa, double sb,
                                        ns_pair_kernel_ctx *ctx, ns_testfn *w);

/* A test function object for ns_pair_mult_testfn to fill, released with
   ns_testfn_free.  NS_ENOMEM. */
NS_INTERNAL ns_status ns_pair_mult_psi_alloc (ns_testfn **out);

#endif /* NS_PAIRING_SINGULAR_H */
