/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/subdiff/convexity_impl.h: the parts of the convexity certificate shared by
   lib/subdiff/convexity.c (composition rules), lib/subdiff/convexity_pl.c (piecewise-linear
   trees), lib/subdiff/convexity_range.c (piecewise-smooth trees on a range) and
   lib/subdiff/convexity_line.c (piecewise-smooth trees on the whole line). */
#ifndef NS_LIB_CONVEXITY_IMPL_H
#define NS_LIB_CONVEXITY_IMPL_H

#include <stddef.h>
#include "nonsmooth/subdiff.h"
#include "internal.h"

/* 1 when the composition rules certify F convex on the whole line.
   Writes "convex: <rule>" or the first refusal to REASON (SIZE bytes,
   REASON may be NULL when SIZE is 0). */
NS_INTERNAL int ns_convex_by_rules (const ns_function *f, char *reason, size_t size);

/* 1 when F is built only from x, constants (subtrees without x, whatever
   their primitives), +, -, negation, multiplication and division by a
   constant, relu, abs, max, min, clamp and leaky_relu, and has at most
   NS_CONVEX_MAX_PL_NODES nodes. */
NS_INTERNAL int ns_convex_is_pl (const ns_function *f);

/* The piecewise verification of a piecewise-linear F (ns_convex_is_pl) on
   [A, B], or on the whole line when A and B are infinite.  Fills the
   answer, witness, nbreak and reason of *R (method BY_PIECES when
   decided).  Returns NS_OK, NS_ELIMIT (too many breakpoints) or
   NS_ENOMEM; the answer is UNKNOWN on failure. */
NS_INTERNAL ns_status ns_convex_pl_check (const ns_function *f, double a, double b,
                                          ns_convexity_report *r);

/* The piecewise-smooth check on the bounded range [A, B]: continuity and
   nondecreasing slopes at the breakpoints, f'' >= 0 on every piece by
   interval enclosures.  Fills *R; returns NS_OK, NS_EDOM (f undefined
   somewhere in [A, B]), NS_ELIMIT or NS_ENOMEM. */
NS_INTERNAL ns_status ns_convex_smooth_check (const ns_function *f, double a, double b,
                                              ns_convexity_report *r);

/* The whole-line check of a tree that is not piecewise linear
   (lib/subdiff/convexity_line.c): the two unbounded end pieces proved free
   of switches with f'' >= 0 (Taylor coefficients of a polynomial piece,
   or interval enclosures on the ray), or shown to curve down at a point;
   the middle by ns_convex_smooth_check.  Fills the answer, witness and
   reason of *R; returns NS_OK, NS_EDOM or NS_ENOMEM. */
NS_INTERNAL ns_status ns_convex_line_check (const ns_function *f, ns_convexity_report *r);

/* 1 when F is a polynomial on [LO, HI] (no primitive switches there) whose
   f'' is proved >= 0 on the box from its Taylor coefficients at LO or at
   HI, as balls (lib/subdiff/convexity_line.c). */
NS_INTERNAL int ns_convex_poly_box (const ns_function *f, double lo, double hi);

/* 1 when F depends on x. */
NS_INTERNAL int ns_convex_has_x (const ns_function *f);

/* Fills *R for "no answer yet" on [A, B]. */
/* The points a check examines: A, the breakpoints strictly between, B
   (allocated; the caller frees *OUT).  On a failed search *OUT is NULL,
   R->reason says why, and the status is NS_ELIMIT, NS_ENOMEM or NS_OK
   (the answer stays unknown). */
NS_INTERNAL ns_status ns_convex_range_points (const ns_function *f, double a, double b,
                                              ns_convexity_report *r, double **out, size_t *m);
NS_INTERNAL void ns_convex_report_init (ns_convexity_report *r, double a, double b);

#endif /* NS_LIB_CONVEXITY_IMPL_H */
