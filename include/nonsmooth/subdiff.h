/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/subdiff.h: set-valued derivatives of a function of one
   variable: the Fréchet (regular), limiting (Mordukhovich), Clarke and
   convex subdifferentials at a point, computed exactly from one-sided
   germs; a convexity certificate by composition rules or verified piece by
   piece, on the whole line or on a range; and a check of the
   subgradient inequality f(y) >= f(x) + g (y - x) on a range. */
#ifndef NONSMOOTH_SUBDIFF_H
#define NONSMOOTH_SUBDIFF_H

#include <stddef.h>
#include <nonsmooth/status.h>
#include <nonsmooth/interval.h>
#include <nonsmooth/function.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Which subdifferential ns_subdiff computes. */
typedef enum ns_subdiff_kind {
  NS_SUBDIFF_FRECHET = 0,   /* regular: liminf (f(y) - f(x) - g (y-x)) / |y-x| >= 0 */
  NS_SUBDIFF_LIMITING,      /* Mordukhovich: limits of Fréchet subgradients at y -> x, f(y) -> f(x) */
  NS_SUBDIFF_CLARKE,        /* convex hull of limiting gradients; f locally Lipschitz only */
  NS_SUBDIFF_CONVEX,        /* global affine minorants touching at x */
  NS_SUBDIFF_KIND_COUNT
} ns_subdiff_kind;

/* A short name of KIND ("Frechet", "limiting", "Clarke", "convex"), or
   "unknown"; never NULL. */
const char *ns_subdiff_kind_name (ns_subdiff_kind kind);

/* Sets *OUT to the subdifferential of KIND of F at X (see the manual for
   the formulas).  F must be defined on a neighbourhood of X.  Returns
   NS_OK; NS_EINVAL (NULL, NaN or infinite X, bad KIND); NS_EDOM (f is not
   defined at X or on one side of it); NS_UNDEFINED (a one-sided limit or
   slope cannot be determined); NS_EUNDECIDED (the doubles do not decide
   which branch a kink takes at X, see ns_fn_germ); NS_ENOTLIPSCHITZ (Clarke at a jump or an
   infinite slope; OUT is empty); NS_ENOTCONVEX (convex kind for a function
   not certified convex by ns_fn_convexity; OUT is then the Fréchet set,
   which contains the convex subdifferential).  OUT is the empty set on
   every other failure. */
ns_status ns_subdiff (const ns_function *f, double x, ns_subdiff_kind kind,
                      ns_set *out);

/* Decides whether F is convex on the whole real line: by composition
   rules, and when they fail, piece by piece: a piecewise-linear F by its
   slopes at every breakpoint, a piecewise-smooth one by proofs on its two
   unbounded end pieces and the range check of the middle (see
   ns_fn_convexity_on).  Sets *CERTIFIED to 1 and
   returns NS_OK when it is certified; otherwise sets *CERTIFIED to 0 and
   returns NS_ENOTCONVEX (the function may still be convex unless the
   reason starts with "not convex:").  Either way writes a
   one-line reason to REASON like snprintf (at most SIZE bytes including the
   NUL; REASON may be NULL when SIZE is 0).  NS_EINVAL for a NULL F or
   CERTIFIED. */
ns_status ns_fn_convexity (const ns_function *f, int *certified, char *reason,
                           size_t size);

/* What ns_fn_convexity_on concluded. */
typedef enum ns_convex_answer {
  NS_CONVEX_UNKNOWN = 0,   /* neither certified within the work bounds */
  NS_CONVEX_YES,           /* certified convex on the range */
  NS_CONVEX_NO             /* certified not convex: see the witness */
} ns_convex_answer;

/* Which argument decided the answer. */
typedef enum ns_convex_method {
  NS_CONVEX_BY_NONE = 0,   /* nothing decided it */
  NS_CONVEX_BY_RULES,      /* the composition rules of ns_fn_convexity */
  NS_CONVEX_BY_PIECES      /* the piecewise verification */
} ns_convex_method;

/* The kind of evidence that a function is not convex. */
typedef enum ns_convex_witness {
  NS_CONVEX_WITNESS_NONE = 0,
  NS_CONVEX_WITNESS_SLOPE_DROP,   /* f'(x+) < f'(x-) at an interior point x, or an infinite one-sided slope there */
  NS_CONVEX_WITNESS_CURVATURE,    /* f'' < 0 on all of [lo, hi], x its midpoint (lo = hi = x on an end piece of the line) */
  NS_CONVEX_WITNESS_JUMP          /* f is discontinuous at an interior x, or f(a) < f(a+), or f(b) < f(b-) */
} ns_convex_witness;

/* The outcome of ns_fn_convexity_on. */
typedef struct ns_convexity_report {
  ns_convex_answer answer;
  ns_convex_method method;
  ns_convex_witness witness;
  double x;          /* the witness point (NaN without a witness) */
  double lo, hi;     /* SLOPE_DROP: f'(x-), f'(x+); CURVATURE: the interval; JUMP: the values left and right of the jump */
  double value;      /* SLOPE_DROP: f'(x+) - f'(x-); CURVATURE: an upper bound of f'' on [lo, hi]; JUMP: hi - lo */
  double a, b;       /* the range examined (-inf, +inf for the whole line) */
  size_t nbreak;     /* breakpoints examined */
  size_t nboxes;     /* interval enclosures of f'' evaluated */
  char reason[160];  /* one line: the rule, the witness, or why the answer is unknown */
} ns_convexity_report;

/* Work bounds of ns_fn_convexity_on: breakpoints in the range, interval
   enclosures of f'' in all, bisections of one piece, and nodes of a
   piecewise-linear tree checked on the whole line. */
#define NS_CONVEX_MAX_BREAKPOINTS 4096
#define NS_CONVEX_MAX_BOXES 20000
#define NS_CONVEX_MAX_BISECTIONS 40
#define NS_CONVEX_MAX_PL_NODES 4096

/* Decides whether F is convex on [A, B], or on the whole line when A =
   -inf and B = +inf.  First the composition rules (as ns_fn_convexity);
   then, for a piecewise-linear tree, the one-sided slopes at every
   breakpoint, computed with rigorous rounding bounds; otherwise, on a
   bounded range, continuity at every breakpoint, nondecreasing slopes
   there, and f'' >= 0 on every piece by interval enclosures of the
   symbolic second derivative, bisected within the work bounds; on the
   whole line, the same for a bounded middle [L, U] once the end pieces
   x <= L and x >= U are proved free of switches with f'' >= 0 (Taylor
   coefficients of a polynomial piece as balls, or interval enclosures
   on the ray).  Fills
   *REPORT (answer YES, NO with a witness, or UNKNOWN) and returns NS_OK;
   NS_EINVAL (NULL, NaN, A >= B, one infinite end only); NS_EDOM (f is
   undefined somewhere in [A, B]; answer UNKNOWN); NS_ELIMIT (more than
   NS_CONVEX_MAX_BREAKPOINTS breakpoints; answer UNKNOWN); NS_ENOMEM. */
ns_status ns_fn_convexity_on (const ns_function *f, double a, double b,
                              ns_convexity_report *report);

/* The outcome of ns_subgrad_check. */
typedef struct ns_subgrad_report {
  int holds;          /* 1: f(y) >= f(x) + g (y - x) on [a, b] within tol */
  double witness;     /* the y of largest violation found (NaN when holds) */
  int witness_side;   /* 0: at y itself; -1 / +1: in the limit from the left / right of y (a jump) */
  double violation;   /* f(x) + g (y - x) - f(y) at the witness (0 when holds) */
  double min_gap;     /* least f(y) - f(x) - g (y - x) found on [a, b] */
  double tol;         /* the tolerance used: evaluation error bounds at the minimizer */
  size_t nbreak;      /* breakpoints of f inside [a, b] */
  size_t neval;       /* evaluations of f */
} ns_subgrad_report;

/* Most breakpoints ns_subgrad_check handles in one range. */
#define NS_SUBGRAD_MAX_BREAKPOINTS 4096

/* Decides whether G is a subgradient of F at X on [A, B]: f(y) >= f(x) +
   g (y - x) for every y in [A, B].  Checks exactly at A, B, at every
   breakpoint of f and at both one-sided limits there, and minimizes
   f(y) - f(x) - g (y - x) on each smooth piece between them (a coarse scan,
   then Brent's minimizer).  A gap counts as a violation only when it is
   below minus its evaluation error bound.  Returns NS_OK (see
   REPORT->holds); NS_EINVAL (NULL, NaN, infinite or empty range, A >= B);
   NS_EDOM (f undefined at X or somewhere in [A, B]); NS_ELIMIT (more than
   NS_SUBGRAD_MAX_BREAKPOINTS breakpoints); NS_ENOMEM. */
ns_status ns_subgrad_check (const ns_function *f, double x, double g,
                            double a, double b, ns_subgrad_report *report);

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_SUBDIFF_H */
