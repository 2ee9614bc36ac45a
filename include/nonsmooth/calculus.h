/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/calculus.h: the calculus rules of subdifferentials in
   one dimension (sum, positive scaling, max of finitely many, composition
   with an affine map): the rule's right-hand side from the parts, compared
   with the true set, and the verdict "equality" or "only inclusion". */
#ifndef NONSMOOTH_CALCULUS_H
#define NONSMOOTH_CALCULUS_H

#include <stddef.h>
#include <stdio.h>
#include <nonsmooth/status.h>
#include <nonsmooth/interval.h>
#include <nonsmooth/function.h>
#include <nonsmooth/subdiff.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The rule matched at the root of the tree. */
typedef enum ns_calc_rule {
  NS_CALC_NONE = 0,   /* the root is none of the shapes below */
  NS_CALC_SUM,        /* g + h, g - h (as g + (-h)): rhs = dg + dh */
  NS_CALC_SCALE,      /* c * g, g * c, g / c with a constant c: rhs = c dg */
  NS_CALC_MAX,        /* max(g1, ..., gm), nested max flattened: rhs = conv of dg_i over active i */
  NS_CALC_AFFINE,     /* p(a x + b) for a one-argument primitive p: rhs = a dp(a x + b) */
  NS_CALC_RULE_COUNT
} ns_calc_rule;

/* How the true set compares with the rule's right-hand side. */
typedef enum ns_calc_verdict {
  NS_CALC_EQUALITY = 0,   /* df(x) = rhs */
  NS_CALC_INCLUSION,      /* only inclusion, either way round (see rhs_contains_true) */
  NS_CALC_NO_INCLUSION,   /* neither set contains the other */
  NS_CALC_NOT_APPLICABLE, /* the rule does not apply; message says why */
  NS_CALC_VERDICT_COUNT
} ns_calc_verdict;

/* Most pieces of a flattened max. */
#define NS_CALC_MAX_PARTS 16

typedef struct ns_calc_report {
  ns_calc_rule rule;
  ns_subdiff_kind kind;
  double x;
  int nparts;             /* parts the rule combines (0 when none) */
  ns_set rhs;             /* the rule's right-hand side (empty when not applicable) */
  ns_set truth;           /* ns_subdiff (f, x, kind) */
  ns_calc_verdict verdict;
  int rhs_contains_true;  /* 1: df(x) is in rhs; 0: rhs is in df(x) (INCLUSION only) */
  int hypotheses;         /* 1 when the textbook conditions for equality hold */
  double tol;             /* the absolute and relative tolerance of the comparison */
  char message[256];      /* one line: the rule, its conditions, what was found */
} ns_calc_report;

/* Detects which rule F's root has, computes its right-hand side at X from
   the parts' subdifferentials of KIND and compares it with ns_subdiff (F,
   X, KIND).  The verdict is decided from the two sets; HYPOTHESES says
   whether the theorem promised equality.  The rule does not apply (verdict
   NS_CALC_NOT_APPLICABLE, status NS_OK) when the root matches no rule, a
   part's set cannot be computed (Clarke of a non-Lipschitz part, the convex
   kind for a part not certified convex), the Fréchet sum rule finds no
   differentiable part, scaling is not by c > 0, or the affine map is
   constant.  Returns NS_OK; NS_EINVAL (NULL, NaN or infinite X, bad KIND);
   NS_ENOMEM; or the status of ns_subdiff (F, X, KIND) when the true set
   itself cannot be computed. */
ns_status ns_calc_rule_check (const ns_function *f, double x,
                              ns_subdiff_kind kind, ns_calc_report *report);

/* "none", "sum", "positive scaling", "max", "affine composition";
   "equality", "only inclusion", "no inclusion", "rule does not apply";
   "unknown" otherwise.  Never NULL. */
const char *ns_calc_rule_name (ns_calc_rule rule);
const char *ns_calc_verdict_name (ns_calc_verdict verdict);

/* Writes REPORT to STREAM in a few lines (rule, kind, point, rhs, true set,
   verdict, message).  FLAGS as for ns_set_print.  NS_EINVAL for NULL
   arguments or a failed write. */
ns_status ns_calc_report_print (FILE *stream, const ns_calc_report *report,
                                unsigned flags);

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_CALCULUS_H */
