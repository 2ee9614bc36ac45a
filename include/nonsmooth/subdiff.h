/* include/nonsmooth/subdiff.h: set-valued derivatives of a function of one
   variable: the Fréchet (regular), limiting (Mordukhovich), Clarke and
   convex subdifferentials at a point, computed exactly from one-sided
   germs; a convexity certificate by composition rules; and a check of the
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
   slope cannot be determined); NS_ENOTLIPSCHITZ (Clarke at a jump or an
   infinite slope; OUT is empty); NS_ENOTCONVEX (convex kind for a function
   not certified convex by ns_fn_convexity; OUT is then the Fréchet set,
   which contains the convex subdifferential).  OUT is the empty set on
   every other failure. */
ns_status ns_subdiff (const ns_function *f, double x, ns_subdiff_kind kind,
                      ns_set *out);

/* Decides by composition rules whether F is convex on the whole real
   line.  Sets *CERTIFIED to 1 and returns NS_OK when it is; otherwise sets
   *CERTIFIED to 0 and returns NS_ENOTCONVEX (the function may still be
   convex: the rules are sufficient, not necessary).  Either way writes a
   one-line reason to REASON like snprintf (at most SIZE bytes including the
   NUL; REASON may be NULL when SIZE is 0).  NS_EINVAL for a NULL F or
   CERTIFIED. */
ns_status ns_fn_convexity (const ns_function *f, int *certified, char *reason,
                           size_t size);

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
   then GSL's Brent minimizer).  A gap counts as a violation only when it is
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
