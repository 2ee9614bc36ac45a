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

#endif /* NS_LIB_MULTI_IMPL_H */
