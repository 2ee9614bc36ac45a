/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/tape.h: a function's expression tree flattened once into a
   post-order array of nodes (not installed), evaluated by a plain loop over
   a value stack instead of a recursion, with the tree walker's own per-node
   step, so that every value, bound and status is the same bits. */
#ifndef NS_LIB_FUNCTION_TAPE_H
#define NS_LIB_FUNCTION_TAPE_H

#include "nonsmooth/function.h"
#include "internal.h"

/* A tape is a fixed-size object (about 6 KB) that the caller owns, on its
   stack or in a workspace: compiling and evaluating never allocate.  A
   function with more nodes (counted with multiplicity) or a deeper value
   stack than these is not flattened, nor is one of fewer than
   NS_TAPE_MIN_OPS nodes: its tape evaluates the tree. */
#define NS_TAPE_MAX_OPS 256
#define NS_TAPE_MIN_OPS 3
#define NS_TAPE_MAX_STACK 48

struct ns_op_rules;

typedef struct ns_tape_op {
  const ns_function *f;              /* the node: its op and parameters */
  const struct ns_op_rules *rules;   /* ns_op_rules_get (f->op), looked up once */
  int arity;                         /* -1 for the variable x */
  short in, out;                     /* value slots: first argument, result */
} ns_tape_op;

typedef struct ns_tape {
  const ns_function *f;   /* the function compiled (borrowed, not referenced) */
  int n;                  /* nodes on the tape; 0: evaluate the tree */
  ns_tape_op op[NS_TAPE_MAX_OPS];
} ns_tape;

/* Flatten F into T.  Always succeeds: a function past the limits above
   (or NULL) leaves T->n = 0, and T then evaluates the tree.  T borrows F,
   which must outlive its uses of T. */
NS_INTERNAL void ns_tape_compile (const ns_function *f, ns_tape *t);

/* ns_fn_eval_tree (T->f, x, OUT), bit for bit. */
NS_INTERNAL ns_status ns_tape_eval_tree (const ns_tape *t, double x, ns_result *out);

/* ns_fn_eval (T->f, x, OUT), bit for bit (its scaled retry included). */
NS_INTERNAL ns_status ns_tape_eval (const ns_tape *t, double x, ns_result *out);

#endif /* NS_LIB_FUNCTION_TAPE_H */
