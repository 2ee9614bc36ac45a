/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/testfn.h: smooth compactly supported test functions
   with exact derivatives of every order up to NS_TESTFN_MAX_ORDER: the bump
   exp(-1/(1-t^2)), the normalized mollifier, a plateau function, and
   user-supplied test functions with an admissibility check. */
#ifndef NONSMOOTH_TESTFN_H
#define NONSMOOTH_TESTFN_H

#include <nonsmooth/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Highest derivative order any test function can be asked for.  At order
   16 the error bound of the bump's derivative stays below 5e-8 times its
   maximum on the line, at order 12 below 5e-10 (see the manual). */
#define NS_TESTFN_MAX_ORDER 16

/* An immutable test function.  Safe to share between threads. */
typedef struct ns_testfn ns_testfn;

/* User-supplied derivative: sets OUT to the N-th derivative at X (N = 0 is
   the value) with a bound on its error, and returns NS_OK or a failure. */
typedef ns_status (*ns_testfn_user_fn) (int n, double x, void *data, ns_result *out);

/* What a user-supplied test function declares. */
typedef struct ns_testfn_user {
  ns_testfn_user_fn fn;  /* derivatives; must not be NULL */
  void *data;            /* passed to fn; not owned */
  double a, b;           /* declared support [a, b], finite, a < b */
  int max_order;         /* highest order fn provides, 0..NS_TESTFN_MAX_ORDER */
} ns_testfn_user;

/* What the admissibility check found. */
typedef enum ns_testfn_defect {
  NS_TESTFN_ADMISSIBLE = 0,  /* no defect found */
  NS_TESTFN_NO_CALLBACK,     /* fn is NULL */
  NS_TESTFN_BAD_SUPPORT,     /* a or b not finite, or a >= b */
  NS_TESTFN_BAD_ORDER,       /* max_order outside 0..NS_TESTFN_MAX_ORDER */
  NS_TESTFN_BAD_TOLERANCE,   /* tol is NaN, infinite or negative */
  NS_TESTFN_CALLBACK_FAILED, /* fn returned a status other than NS_OK */
  NS_TESTFN_NOT_FINITE,      /* a value or derivative is NaN or infinite */
  NS_TESTFN_NOT_VANISHING    /* a derivative is not 0 (within tol) at a or b */
} ns_testfn_defect;

typedef struct ns_testfn_report {
  ns_testfn_defect defect;  /* NS_TESTFN_ADMISSIBLE when nothing failed */
  int order;                /* the derivative order that failed, or -1 */
  double x;                 /* where it failed (NaN when not a point) */
  double value;             /* the offending value (NaN when none) */
  char message[160];        /* a readable sentence, NUL-terminated */
} ns_testfn_report;

/* Constructors.  Each sets *OUT to a new object (NULL on failure). */
ns_status ns_testfn_bump_alloc (double c, double r, ns_testfn **out);
ns_status ns_testfn_mollifier_alloc (double eps, ns_testfn **out);
ns_status ns_testfn_plateau_alloc (double a, double b, double w, ns_testfn **out);
ns_status ns_testfn_user_alloc (const ns_testfn_user *spec, double tol,
                                ns_testfn **out, ns_testfn_report *report);
void ns_testfn_free (ns_testfn *phi);

/* Admissibility of a user-supplied test function; REPORT may be NULL. */
ns_status ns_testfn_user_check (const ns_testfn_user *spec, double tol,
                                ns_testfn_report *report);

/* The N-th derivative at X, and at x = c + r*T (c the centre, r the radius). */
ns_status ns_testfn_eval (const ns_testfn *phi, int n, double x, ns_result *out);
ns_status ns_testfn_eval_t (const ns_testfn *phi, int n, double t, ns_result *out);

/* Geometry: support [*A, *B], centre (A+B)/2 and radius (B-A)/2. */
ns_status ns_testfn_support (const ns_testfn *phi, double *a, double *b);
ns_status ns_testfn_centre (const ns_testfn *phi, double *c);
ns_status ns_testfn_radius (const ns_testfn *phi, double *r);
ns_status ns_testfn_max_order (const ns_testfn *phi, int *n);

/* Integral over the real line, and the constant a mollifier is divided by. */
ns_status ns_testfn_integral (const ns_testfn *phi, ns_result *out);
ns_status ns_testfn_normalization (const ns_testfn *phi, ns_result *out);

/* The polynomial P_n(t) of phi^(n)(t) = P_n(t) (1-t^2)^(-2n) phi(t) for the
   unit bump, 0 <= n <= NS_TESTFN_MAX_ORDER + 1, any finite t. */
ns_status ns_testfn_bump_poly (int n, double t, ns_result *out);

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_TESTFN_H */
