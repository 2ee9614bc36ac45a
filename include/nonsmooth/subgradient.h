/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/subgradient.h: the subgradient method in one dimension,
   x_{k+1} = x_k - t_k g_k with g_k chosen from the subdifferential by a
   named selection (min-norm, zero, left, right, a callback) and t_k by a
   named step rule (a/k, constant, Polyak); a trace of every iterate. */
#ifndef NONSMOOTH_SUBGRADIENT_H
#define NONSMOOTH_SUBGRADIENT_H

#include <stddef.h>
#include <nonsmooth/status.h>
#include <nonsmooth/interval.h>
#include <nonsmooth/function.h>

#ifdef __cplusplus
extern "C" {
#endif

/* How the step t_k of step k = 1, 2, ... (from x_{k-1} to x_k) is chosen. */
typedef enum ns_step_kind {
  NS_STEP_HARMONIC = 0,  /* t_k = a / k (a = 1: the classical 1/k) */
  NS_STEP_CONSTANT,      /* t_k = a */
  NS_STEP_POLYAK,        /* t_k = (f(x_{k-1}) - fstar) / g_{k-1}^2, 0 when g = 0 */
  NS_STEP_SQRT,          /* t_k = a / sqrt(k) */
  NS_STEP_KIND_COUNT
} ns_step_kind;

typedef struct ns_step_rule {
  ns_step_kind kind;
  double a;        /* harmonic, sqrt and constant: finite, > 0 */
  double fstar;    /* Polyak: the known optimal value, finite */
} ns_step_rule;

/* Which element g of the subdifferential S = df(x) the method steps along. */
typedef enum ns_selection_kind {
  NS_SELECT_MIN_NORM = 0,  /* the element of least |g| (ns_set_min_norm) */
  NS_SELECT_ZERO,          /* "sign(0) = 0": the forward-mode derivative
                              (ns_ad_deriv) with every primitive's
                              derivative at its kink set to 0; depends on
                              how f is written, may lie outside S */
  NS_SELECT_LEFT,          /* inf S */
  NS_SELECT_RIGHT,         /* sup S */
  NS_SELECT_CALLBACK,      /* the user's function */
  NS_SELECT_KIND_COUNT
} ns_selection_kind;

/* A user selection: sets *G from F, the iterate X, its subdifferential S
   (the set the method computed) and DATA.  Any status but NS_OK stops the
   method, which returns that status.  G need not lie in S. */
typedef ns_status (*ns_selection_fn) (const ns_function *f, double x,
                                      const ns_set *s, void *data, double *g);

typedef struct ns_selection {
  ns_selection_kind kind;
  ns_selection_fn fn;      /* NS_SELECT_CALLBACK only */
  void *data;              /* passed to fn */
} ns_selection;

/* What ns_subgradient_method records.  Allocated by
   ns_subgradient_trace_alloc for at most CAPACITY steps; every array has
   CAPACITY + 1 entries, of which 0..n are filled. */
typedef struct ns_subgradient_trace {
  size_t capacity;   /* most steps the trace holds */
  size_t n;          /* steps done: x[0..n] are the iterates */
  int convex;        /* 1: f certified convex, sets are convex subdifferentials;
                        0: Clarke sets, no certificates */
  double *x;         /* x[k]: the iterates, x[0] = x0 */
  double *fx;        /* fx[k] = f(x[k]) */
  double *best;      /* best[k] = min of fx[0..k] */
  double *g;         /* g[k]: the selected element at x[k] (also at k = n) */
  double *t;         /* t[k]: the step from x[k-1] to x[k]; t[0] = NaN */
  int *certified;    /* certified[k] = 1 when f is convex and 0 is in df(x[k]):
                        x[k] is a global minimizer */
  int *in_set;       /* in_set[k] = 1 when g[k] lies in df(x[k]) (a callback may leave it) */
  double best_x;     /* an iterate where best[n] is attained (the first) */
} ns_subgradient_trace;

/* A trace for at most N steps (N + 1 iterates), or NULL when N is 0, N is
   too large for memory, or an allocation fails. */
ns_subgradient_trace *ns_subgradient_trace_alloc (size_t n);
/* Frees TRACE; NULL does nothing. */
void ns_subgradient_trace_free (ns_subgradient_trace *trace);

/* Runs N steps of x_k = x_{k-1} - t_k g_{k-1} from X0, with g chosen by SEL
   from the convex subdifferential of F (Clarke's when F is not certified
   convex) and t by STEP, recording everything in TRACE (no allocation).
   Returns NS_OK; NS_EINVAL (NULL argument, NaN or infinite X0, N = 0 or
   above TRACE->capacity, a bad step rule or selection, Polyak with
   f(x_k) < fstar); NS_EDOM (f undefined at an iterate); NS_UNDEFINED (a
   subdifferential is empty, unbounded on the selected side, or cannot be
   computed, or NS_SELECT_ZERO's derivative is not finite); NS_ERANGE (an
   iterate overflowed); NS_ELIMIT (NS_SELECT_ZERO on a tree deeper than
   NS_FN_MAX_DEPTH); or a callback's status.
   On failure TRACE->n is the number of steps completed and entries 0..n
   are complete, except when the method stopped at x0 itself.  The entry
   where it stopped, s = n + 1 (s = 0 when x0 failed), holds the attempted
   x[s] and t[s] (x[s] is +-inf for NS_ERANGE; both NaN when Polyak's
   check stopped before the step), fx[s] when f is defined at x[s] (NaN
   otherwise), NaN in best[s] and g[s], 0 in certified[s] and in_set[s].
   best_x refers to best[n] of the complete entries (NaN when x0 failed).
   Entries past s are not touched. */
ns_status ns_subgradient_method (const ns_function *f, double x0,
                                 const ns_step_rule *step,
                                 const ns_selection *sel, size_t n,
                                 ns_subgradient_trace *trace);

/* Short names: "harmonic", "constant", "Polyak", "sqrt"; "min-norm", "zero",
   "left", "right", "callback"; "unknown" otherwise.  Never NULL. */
const char *ns_step_kind_name (ns_step_kind kind);
const char *ns_selection_kind_name (ns_selection_kind kind);

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_SUBGRADIENT_H */
