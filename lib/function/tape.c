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

/* Where values live: a value stack in two banks.  A node at tree depth d
   whose value is the H-th on the stack writes it to bank d % 2 at H; its
   arguments, one level deeper, lie in the other bank at H, H + 1, so that
   the step reads them contiguously and writes apart from them (it presets
   its output before the rule reads the arguments) with no copy.  Every
   value at a height >= H is dead by then, in either bank. */
#define BANK (NS_TAPE_MAX_STACK + 1)

/* Appends F's subtree, at tree depth DEPTH, to T in post-order; *SP is the
   value stack's height.  0 when the tape or the stack is full. */
static int
compile_node (const ns_function *f, int depth, ns_tape *t, int *sp)
{
  const ns_op_rules *rules = ns_op_rules_get (f->op);
  int arity = f->op == NS_OP_X ? -1 : rules->info.arity;
  int h = *sp;
  if (h >= NS_TAPE_MAX_STACK - 1)
    return 0;
  for (int i = 0; i < arity; i++)
    if (!compile_node (f->arg[i], depth + 1, t, sp))
      return 0;
  if (t->n >= NS_TAPE_MAX_OPS)
    return 0;
  *sp = h + 1;
  ns_tape_op *o = &t->op[t->n++];
  o->f = f;
  o->rules = rules;
  o->arity = arity;
  o->in = (depth + 1) % 2 * BANK + h;
  o->out = depth % 2 * BANK + h;
  return 1;
}

void
ns_tape_compile (const ns_function *f, ns_tape *t)
{
  t->f = f;
  t->n = 0;
  /* A size past the tape is known before walking the tree.  Below
     NS_TAPE_MIN_OPS nodes the recursion is cheaper than the loop's fixed
     cost (bench-eval: sin(x), 2 nodes, takes 1.26 times the tree's time
     on the tape). */
  if (f == NULL || f->size > NS_TAPE_MAX_OPS || f->size < NS_TAPE_MIN_OPS)
    return;
  int sp = 0;
  if (!compile_node (f, 0, t, &sp))
    t->n = 0;
}

/* Apart from ns_tape_eval_tree so that the tree's path does not pay for
   this frame's setup (20 instructions a point on sin(x)). */
static __attribute__ ((noinline)) ns_status
run_tape (const ns_tape *t, double x, ns_result *out)
{
  ns_result v[2 * BANK];
  for (const ns_tape_op *o = t->op, *end = t->op + t->n; o < end; o++)
    {
      if (o->arity < 0)
        {
          v[o->out].val = x;
          v[o->out].err = 0;
          continue;
        }
      ns_status st = ns_fn_eval_step (o->f, o->rules, x, v + o->in, v + o->out);
      /* The tree returns at once from the first node that fails, with
         NaN and +inf from every node above it: so does the tape. */
      if (st != NS_OK)
        {
          out->val = NAN;
          out->err = HUGE_VAL;
          return st;
        }
    }
  *out = v[0];
  return NS_OK;
}

ns_status
ns_tape_eval_tree (const ns_tape *t, double x, ns_result *out)
{
  if (t->n == 0)
    return ns_fn_eval_tree (t->f, x, out);
  return run_tape (t, x, out);
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
