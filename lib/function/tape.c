/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/tape.c: compiling an expression tree into a flat post-order
   tape and evaluating it by a loop over a value stack.  The per-node work
   is ns_fn_eval_step (eval_step.h), the tree walker's own, so only the
   order of visits changes: post-order is the order in which the tree
   walker finishes its nodes, and its first failing node is the tape's. */
#include <config.h>
#include <math.h>
#include <stddef.h>
#include "function/function_impl.h"
#include "function/eval_step.h"
#include "function/tape.h"

/* Appends F's subtree to T in post-order; *SP is the value stack's height
   after it, *MAX its highest.  0 when the tape or the stack is full. */
static int
compile_node (const ns_function *f, ns_tape *t, int *sp, int *max)
{
  const ns_op_rules *rules = ns_op_rules_get (f->op);
  int arity = f->op == NS_OP_X ? -1 : rules->info.arity;
  for (int i = 0; i < arity; i++)
    if (!compile_node (f->arg[i], t, sp, max))
      return 0;
  if (t->n >= NS_TAPE_MAX_OPS)
    return 0;
  /* The node pops its arguments and pushes its value. */
  *sp += 1 - (arity > 0 ? arity : 0);
  if (*sp > *max)
    *max = *sp;
  if (*max > NS_TAPE_MAX_STACK)
    return 0;
  t->op[t->n].f = f;
  t->op[t->n].rules = rules;
  t->op[t->n].arity = arity;
  t->n++;
  return 1;
}

void
ns_tape_compile (const ns_function *f, ns_tape *t)
{
  t->f = f;
  t->n = 0;
  /* A size past the tape is known before walking the tree. */
  if (f == NULL || f->size > NS_TAPE_MAX_OPS)
    return;
  int sp = 0, max = 0;
  if (!compile_node (f, t, &sp, &max))
    t->n = 0;
}

ns_status
ns_tape_eval_tree (const ns_tape *t, double x, ns_result *out)
{
  if (t->n == 0)
    return ns_fn_eval_tree (t->f, x, out);
  ns_result stack[NS_TAPE_MAX_STACK];
  int sp = 0;
  for (int i = 0; i < t->n; i++)
    {
      const ns_tape_op *o = &t->op[i];
      ns_result r;
      ns_status st;
      switch (o->arity)
        {
        case -1:
          stack[sp].val = x;
          stack[sp].err = 0;
          sp++;
          continue;
        case 0:
          /* A constant reads no argument (nor does the tree's). */
          st = ns_fn_eval_step (o->f, o->rules, x, stack + sp, &r);
          sp++;
          break;
        case 1:
          st = ns_fn_eval_step (o->f, o->rules, x, stack + sp - 1, &r);
          break;
        default:
          sp--;
          st = ns_fn_eval_step (o->f, o->rules, x, stack + sp - 1, &r);
          break;
        }
      /* The tree returns at once from the first node that fails, with
         NaN and +inf from every node above it: so does the tape. */
      if (st != NS_OK)
        {
          out->val = NAN;
          out->err = HUGE_VAL;
          return st;
        }
      stack[sp - 1] = r;
    }
  *out = stack[0];
  return NS_OK;
}

ns_status
ns_tape_eval (const ns_tape *t, double x, ns_result *out)
{
  if (out == NULL)
    return NS_EINVAL;
  out->val = NAN;
  out->err = HUGE_VAL;
  if (t == NULL || t->f == NULL || !isfinite (x))
    return NS_EINVAL;
  ns_result r;
  ns_status st = ns_tape_eval_tree (t, x, &r);
  return ns_fn_eval_finish (t->f, x, st, &r, out);
}
