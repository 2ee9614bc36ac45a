/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/certify.h: certified switching decisions (not installed).
   Whether the switching quantity q of a kink node meets its level at a
   double x, decided exactly (error-free double evaluation, FLINT rational
   arithmetic for rational trees) or with Arb balls, never from a rounding
   bound that spans both branches. */
#ifndef NS_LIB_CERTIFY_H
#define NS_LIB_CERTIFY_H

#include "function/function_impl.h"

/* The certified sign of q(x) - level at the double x itself: -1, 0
   (proven zero), +1, or 2 when it could not be decided.  KIND says which
   quantity of the kink node F switches (NS_SWITCH_ARG0: arg 0, NS_SWITCH_DIFF:
   arg 0 - arg 1).  Alloc-free when every operation on the way is exact in
   doubles (relu(x) at 0, floor(2*x + 1) at 0, exp(x) - 1 at 0). */
NS_INTERNAL int ns_cert_point_sign (const ns_function *f, ns_switch_kind kind,
                                    double level, double x);

/* The same from error-free double arithmetic alone (never allocates): 2
   when some operation on the way is not exact. */
NS_INTERNAL int ns_cert_exact_sign (const ns_function *f, ns_switch_kind kind,
                                    double level, double x);

/* What the reals that round to x (the rounding interval R(x), half an
   ulp either side) say about q - level. */
typedef enum ns_cert_kind {
  NS_CERT_OFF,        /* q - level has sign *left = *right on all of R(x): x is no switch point */
  NS_CERT_EXACT,      /* q(x) = level exactly: the germ's coefficients decide */
  NS_CERT_CROSS,      /* a crossing in R(x): sign *left at its left end, *right at its right end */
  NS_CERT_CONTACT,    /* a root of even multiplicity in R(x), sign *left = *right around it:
                         smooth (polynomials, decided exactly) */
  NS_CERT_UNDECIDED   /* the doubles do not decide (two roots within half an ulp, or a sign
                         below what 4096-bit balls resolve) */
} ns_cert_kind;

/* Decides where x stands with respect to the switch of F at LEVEL.  Called
   only where the double germ cannot tell (q(x) within its rounding bound of
   the level), so its cost (Arb, FLINT) is paid once per breakpoint. */
NS_INTERNAL ns_cert_kind ns_cert_switch (const ns_function *f, ns_switch_kind kind,
                                         double level, double x, int *left, int *right);

/* Certified isolation of the zeros of q - level in [LO, HI] (doubles):
   bisection of the double grid, discarding every box on which a ball
   (plain, then the mean-value form with the derivative tree) excludes
   the level.  Writes to PTS, in increasing order, the ends of the boxes
   of adjacent doubles left (every zero lies in one of them) and returns
   their number; -1 when more than MAX or the work bound is reached. */
NS_INTERNAL int ns_cert_isolate (const ns_function *f, ns_switch_kind kind, double level,
                                 double lo, double hi, double *pts, int max);

/* The double nearest the zero of q - level in the bracket [LO, HI]
   (doubles where the signs of q - level are opposite), starting from the
   estimate X0 of the double search: certified signs at doubles (exact
   reals) by galloping from X0 and bisecting the double grid, then the
   sign at the midpoint of the last two neighbours (exact in arf) picks
   the nearer one (a tie goes to the even significand).  1 with *ROOT
   correctly rounded; 0, *ROOT untouched, when a sign is not decided at
   CERT_PREC_LAST bits or the bracket's signs are not certified. */
NS_INTERNAL int ns_cert_round_root (const ns_function *f, ns_switch_kind kind, double level,
                                    double lo, double hi, double x0, double *root);

/* The sign of the exact value of a subtree without variables: -1, 0, +1,
   or 2 when undecided (rationals for a rational tree, else Arb balls up to
   CERT_PREC_LAST bits).  Not the double's sign: (1 + 1e-16 - 1) is 0 in
   doubles and about 1e-16 exactly. */
NS_INTERNAL int ns_cert_const_sign (const ns_function *t);

#endif /* NS_LIB_CERTIFY_H */
