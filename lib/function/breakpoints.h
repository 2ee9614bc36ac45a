/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/breakpoints.h: the breakpoint search without heap allocation, for
   callers (the pairing workspace) that preallocate its memory. */
#ifndef NS_LIB_BREAKPOINTS_H
#define NS_LIB_BREAKPOINTS_H

#include <stddef.h>
#include "nonsmooth/function.h"
#include "internal.h"

/* Preallocated memory for ns_fn_breakpoints_scratch: MEM holds CAP
   doubles used as a stack (the point list, knots, levels and box stacks). */
typedef struct ns_bp_scratch {
  double *mem;
  size_t cap, top;
} ns_bp_scratch;

/* Doubles of scratch the search needs for up to MAX breakpoints. */
NS_INTERNAL size_t ns_bp_scratch_doubles (size_t max);

/* ns_fn_breakpoints with all its memory taken from SC: never allocates;
   NS_ELIMIT when the scratch is too small for this function (more
   breakpoints than MAX, or more unresolved boxes than it holds). */
NS_INTERNAL ns_status ns_fn_breakpoints_scratch (const ns_function *f, double a,
                                                 double b, double *pts, size_t max,
                                                 size_t *n, ns_bp_scratch *sc);

/* lib/function/bp_poly.c.  The switching quantity of F (arguments by KIND) on
   the piece around MID as a polynomial coef[0] + coef[1] x + coef[2] x^2
   in absolute x; *EXACT says that no coefficient was rounded.  Returns 0
   when it is not a polynomial of degree <= 2 there (or the branch of a
   primitive inside cannot be told at MID). */
NS_INTERNAL int ns_bp_switching_poly (const ns_function *f, int kind, double mid,
                                      double coef[3], int *exact);

/* The real roots (0, 1 or 2) of coef(x) = LEVEL into ROOTS, each a simple
   root correctly rounded (one division for a linear one with an exact
   constant, else rounded by the exact sign of the polynomial on the
   double grid), 0 exactly when the constant is exactly LEVEL; a double
   root (a discriminant within its rounding of 0) once. */
NS_INTERNAL int ns_bp_poly_roots (const double coef[3], int exact, double level,
                                  double roots[2]);

/* The double grid: the middle double between LO <= HI counted in doubles
   (so near 0 it halves the exponent), and whether LO and HI are equal or
   neighbours. */
NS_INTERNAL double ns_bp_grid_mid (double lo, double hi);
NS_INTERNAL int ns_bp_grid_adjacent (double lo, double hi);

#endif /* NS_LIB_BREAKPOINTS_H */
