/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_impl.h: the inside of ns_mfn, shared by the files of
   lib/multi/ (not installed).  A function of n variables is an ordinary
   expression tree whose variable leaves are NS_OP_X nodes; variable i is
   the one leaf object leaf[i] (shared by every occurrence), so the
   one-variable code never meets a new primitive and a tree of several
   variables never reaches the one-variable API: ns_mfn is opaque and every
   use substitutes the variables first. */
#ifndef NS_LIB_MULTI_IMPL_H
#define NS_LIB_MULTI_IMPL_H

#include "nonsmooth/multi.h"
#include "internal.h"

struct ns_mfn {
  int n;
  ns_function *tree;
  /* leaf[i] for i < n; all NULL for a function made by ns_mfn_from_fn,
     whose every NS_OP_X node is variable 1. */
  ns_function *leaf[NS_MULTI_MAX_VARS];
};

/* The variables while parsing (lib/multi/multi_parse.c). */
struct ns_parse_vars {
  int n;           /* declared number of variables, 0 to infer */
  int style;       /* 0 none seen yet, 1 x, y, z, 2 x1 ... xn */
  int used;        /* highest variable used, 1-based */
  ns_function *leaf[NS_MULTI_MAX_VARS];
};

/* The restriction of the tree T, whose variables are the leaves of F, to
   the line X + t D (D NULL: constants), as ns_mfn_restrict builds it for
   F's own tree (lib/multi/multi.c). */
NS_INTERNAL ns_status ns_mfn_restrict_tree (const ns_mfn *f, const ns_function *t,
                                            const double *x, const double *d,
                                            ns_function **out);

/* Whether the node C of a constant tree (every variable replaced by its
   value) has its switching quantity at a level within the quantity's
   rounding bound: *ACTIVE 1 or 0, and the level in *LEVEL when there is
   exactly one in reach (NaN otherwise; LEVEL may be NULL).  NS_OK or the
   status of a failed evaluation (lib/multi/multi_select.c). */
NS_INTERNAL ns_status ns_mfn_node_active (const ns_function *c, int *active, double *level);

/* The smooth selection of the multi-variable tree F along a ray: C is F
   with constants for the variables, L with the line x_i + d_i t (the same
   shape).  *OUT is F with every active kink replaced by the branch it
   takes for small t > 0.  NS_EUNDECIDED when a branch cannot be decided
   or a singular primitive (root, logarithm, power, denominator) is at its
   level; NS_ENOMEM, NS_ELIMIT, NS_EDOM from the germs. */
NS_INTERNAL ns_status ns_mfn_select (const ns_function *f, const ns_function *c,
                                     const ns_function *l, ns_function **out);

/* ns_polytope_min_norm, and in *ZERO_LEVEL (may be NULL) how 0 was found
   in P: 2 in every reading of the bounds (G exactly 0, bound 0), 1 in the
   hull of the points as given, exactly (G is 0 with the bounds' largest
   Euclidean length as its bound), 0 not proven
   (lib/multi/polytope_minnorm.c). */
NS_INTERNAL ns_status ns_polytope_min_norm_zero (const ns_polytope *p, ns_result *g,
                                                 double *weights, int *zero_level);

/* The Clarke set of F at X as the polytope of its limiting gradients as
   ns_mfn_limiting_gradients gives them (points with bounds, not reduced
   to extreme points; DIM exact for the doubles), asking for more room
   while it reports NS_ELIMIT with a full buffer.  *OUT is NULL on failure
   (lib/multi/multi_stationary.c). */
NS_INTERNAL ns_status ns_mfn_clarke_points (const ns_mfn *f, const double *x,
                                            ns_polytope **out);

#endif /* NS_LIB_MULTI_IMPL_H */
