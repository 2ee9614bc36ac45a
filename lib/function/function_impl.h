/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/function_impl.h: the inside of ns_function and of the operator table,
   shared by the files of the function model (not installed).  One row of
   the table carries every rule of a primitive: value with error bound, germ,
   interval enclosure with derivative, and where it switches. */
#ifndef NS_LIB_FUNCTION_IMPL_H
#define NS_LIB_FUNCTION_IMPL_H

#include <float.h>
#include <stdatomic.h>
#include "nonsmooth/function.h"
#include "function/germ.h"
#include "internal.h"

struct ns_function {
  ns_op op;
  atomic_int refs;
  int depth;                /* 1 for a leaf */
  long size;                /* nodes with multiplicity, <= NS_FN_MAX_SIZE */
  double param[2];
  ns_function *arg[2];
};

/* One rounding of a result v costs at most DBL_EPSILON*|v| (libm's exp,
   log, sin, cos, pow are accurate to 1 ulp in glibc; sqrt is exact). */
#define NS_ULP DBL_EPSILON

/* pi rounded to double (C11 does not define M_PI). */
#define NS_PI 3.14159265358979323846

/* An enclosure of a function and of its derivative over an interval of x:
   every value lies in [lo, hi], every slope in [dlo, dhi].  Bounds may be
   infinite.  defined = 0 when the function is undefined somewhere there. */
typedef struct ns_ivd {
  double lo, hi;
  double dlo, dhi;
  int defined;
} ns_ivd;

/* How a primitive switches: which quantity crosses which levels. */
typedef enum ns_switch_kind {
  NS_SWITCH_NONE = 0,   /* smooth wherever defined, never switches */
  NS_SWITCH_ARG0,       /* arg 0 crosses the levels */
  NS_SWITCH_ARG1,       /* arg 1 crosses the levels (a denominator) */
  NS_SWITCH_DIFF        /* arg 0 - arg 1 crosses the levels (max, min) */
} ns_switch_kind;

typedef struct ns_op_rules {
  ns_op_info info;
  /* f's value and rounding bound from its arguments' values and bounds. */
  ns_status (*eval) (const ns_function *f, const ns_result *arg, ns_result *out);
  /* f's germ from its arguments' germs (all of order g->m). */
  ns_status (*germ) (const ns_function *f, const ns_germ_w *arg, ns_germ_w *out);
  /* An enclosure of f and f' over a box from enclosures of the arguments. */
  void (*enclose) (const ns_function *f, const ns_ivd *arg, ns_ivd *out);
  ns_switch_kind switches;
  /* The levels in [lo, hi] the switching quantity crosses, increasing; at
     most max of them; NS_ELIMIT when there are more. */
  ns_status (*levels) (const ns_function *f, double lo, double hi, double *out,
                       size_t max, size_t *n);
} ns_op_rules;

/* The table, indexed by ns_op. */
NS_INTERNAL const ns_op_rules *ns_op_rules_get (ns_op op);

/* F rewritten for reading (lib/function/fn_diff.c): numeric constants folded
   and like terms and factors gathered, c1*g + c2*g = (c1 + c2)*g, g*g =
   g^2, 2*g/4 = g/2, each only where the folded constant is exact, so the
   result is the same function with the same rounding bounds (up to
   dropping the domain of a term that cancels, as 0*g does). */
NS_INTERNAL ns_status ns_fn_tidy (const ns_function *f, ns_function **out);

/* Evaluation, germs and enclosures of whole trees (lib/function/function.c). */
NS_INTERNAL ns_status ns_fn_eval_tree (const ns_function *f, double x, ns_result *out);
/* What ns_fn_eval does after the first double evaluation of F at x gave
   ST and *R (from the tree or from a tape): the scaled retry on an
   overflow or a poor bound.  OUT gets the value, or NaN with bound +inf. */
NS_INTERNAL ns_status ns_fn_eval_finish (const ns_function *f, double x, ns_status st,
                                         ns_result *r, ns_result *out);
/* The same value through mantissas and binary exponents, for when the
   double evaluation overflowed on the way (lib/function/eval_scaled.c):
   NS_OK, or NS_EOVERFLOW with OUT untouched. */
NS_INTERNAL ns_status ns_fn_eval_scaled (const ns_function *f, double x, ns_result *out);
NS_INTERNAL ns_status ns_fn_germ_tree (const ns_function *f, double x, int side, int m,
                           ns_germ_w *out);
/* Precedence of F's printed form: 1 sums, 2 products, 3 unary minus and
   negative constants, 4 powers, 5 atoms and calls (the printers of
   functions and of distributions parenthesize by it). */
NS_INTERNAL int ns_fn_precedence (const ns_function *f);
NS_INTERNAL void ns_fn_enclose_tree (const ns_function *f, double lo, double hi, ns_ivd *out);

#endif /* NS_LIB_FUNCTION_IMPL_H */
