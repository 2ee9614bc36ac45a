/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_tangent.c: whether the first-order cells of the active
   switching quantities at a point are the true regions near it.  They are
   when every active quantity is piecewise affine (each selection affine,
   so its zero set near x is its hyperplane); otherwise two quantities
   whose hyperplanes coincide may vanish on different curves tangent at x
   (y - x^2 and y + x^2 at 0), with an open cusp between them whose
   selection no first-order cell sees. */
#include "multi/multi_impl.h"
#include "subdiff/convexity_impl.h"

/* Whether every selection of T is affine in the variables: variable-free
   subtrees, variables, sums, differences, negation, products with and
   quotients by variable-free subtrees, and the piecewise-linear kinks of
   such arguments. */
static int
piecewise_affine (const ns_function *t)
{
  if (!ns_convex_has_x (t))
    return 1;
  ns_op op = ns_fn_op (t);
  const ns_function *a = ns_fn_arg (t, 0), *b = ns_fn_arg (t, 1);
  switch (op)
    {
    case NS_OP_X:
      return 1;
    case NS_OP_ADD:
    case NS_OP_SUB:
    case NS_OP_MAX:
    case NS_OP_MIN:
      return piecewise_affine (a) && piecewise_affine (b);
    case NS_OP_NEG:
    case NS_OP_RELU:
    case NS_OP_ABS:
    case NS_OP_LEAKY_RELU:
      return piecewise_affine (a);
    case NS_OP_MUL:
      return (!ns_convex_has_x (a) && piecewise_affine (b)) || (!ns_convex_has_x (b) && piecewise_affine (a));
    case NS_OP_DIV:
      return !ns_convex_has_x (b) && piecewise_affine (a);
    case NS_OP_CLAMP:
      {
        const ns_op_info *info = ns_op_get (op);
        for (int i = 0; i < info->arity; i++)
          if (!piecewise_affine (ns_fn_arg (t, i)))
            return 0;
        return 1;
      }
    default:
      return 0;
    }
}

/* Walks T in post-order (the numbering of ns_mfn_active_nodes); clears
   *OK at an active node (its position in POS) with an argument that is
   not piecewise affine. */
static void
walk (const ns_function *t, const int *pos, int nactive, int *count, int *ok)
{
  const ns_op_info *info = ns_op_get (ns_fn_op (t));
  for (int i = 0; info != NULL && i < info->arity && *ok; i++)
    walk (ns_fn_arg (t, i), pos, nactive, count, ok);
  int here = (*count)++;
  for (int j = 0; j < nactive && *ok; j++)
    if (pos[j] == here)
      for (int i = 0; info != NULL && i < info->arity && *ok; i++)
        *ok = piecewise_affine (ns_fn_arg (t, i));
}

int
ns_mfn_active_affine (const ns_mfn *f, const int *pos, int nactive)
{
  int count = 0, ok = 1;
  walk (f->tree, pos, nactive, &count, &ok);
  return ok;
}

/* Post-order walk: AFFINE[j] for the active node POS[j]. */
static void
walk_each (const ns_function *t, const int *pos, int nactive, int *count, int *affine)
{
  const ns_op_info *info = ns_op_get (ns_fn_op (t));
  for (int i = 0; info != NULL && i < info->arity; i++)
    walk_each (ns_fn_arg (t, i), pos, nactive, count, affine);
  int here = (*count)++;
  for (int j = 0; j < nactive; j++)
    if (pos[j] == here)
      {
        affine[j] = 1;
        for (int i = 0; info != NULL && i < info->arity && affine[j]; i++)
          affine[j] = piecewise_affine (ns_fn_arg (t, i));
      }
}

void
ns_mfn_active_affine_each (const ns_mfn *f, const int *pos, int nactive, int *affine)
{
  int count = 0;
  for (int j = 0; j < nactive; j++)
    affine[j] = 0;
  walk_each (f->tree, pos, nactive, &count, affine);
}

/* Whether every selection of T is constant: variable-free subtrees,
   products with an exact 0 of a piecewise affine factor, and sums,
   differences, negation, quotients by variable-free subtrees and the
   piecewise-linear kinks of such (a unit of zero weights,
   0*x + 0*y + b, or 0*relu(x) + c). */
static int
constant_form (const ns_function *t)
{
  if (!ns_convex_has_x (t))
    return 1;
  ns_op op = ns_fn_op (t);
  const ns_function *a = ns_fn_arg (t, 0), *b = ns_fn_arg (t, 1);
  switch (op)
    {
    case NS_OP_ADD:
    case NS_OP_SUB:
    case NS_OP_MAX:
    case NS_OP_MIN:
      return constant_form (a) && constant_form (b);
    case NS_OP_NEG:
    case NS_OP_RELU:
    case NS_OP_ABS:
    case NS_OP_LEAKY_RELU:
      return constant_form (a);
    case NS_OP_MUL:
      {
        int a0 = ns_fn_op (a) == NS_OP_CONST && ns_fn_param (a, 0) == 0;
        int b0 = ns_fn_op (b) == NS_OP_CONST && ns_fn_param (b, 0) == 0;
        return (a0 && piecewise_affine (b)) || (b0 && piecewise_affine (a))
          || (!ns_convex_has_x (a) && constant_form (b)) || (!ns_convex_has_x (b) && constant_form (a));
      }
    case NS_OP_DIV:
      return !ns_convex_has_x (b) && constant_form (a);
    case NS_OP_CLAMP:
      {
        const ns_op_info *info = ns_op_get (op);
        for (int i = 0; i < info->arity; i++)
          if (!constant_form (ns_fn_arg (t, i)))
            return 0;
        return 1;
      }
    default:
      return 0;
    }
}

/* Post-order walk: clears KEEP[j] for the active node POS[j] whose
   arguments are all constant near x. */
static void
walk_constant (const ns_function *t, const int *pos, int nactive, int *count, int *keep)
{
  const ns_op_info *info = ns_op_get (ns_fn_op (t));
  for (int i = 0; info != NULL && i < info->arity; i++)
    walk_constant (ns_fn_arg (t, i), pos, nactive, count, keep);
  int here = (*count)++;
  for (int j = 0; j < nactive; j++)
    if (pos[j] == here)
      {
        int all = info != NULL && info->arity > 0;
        for (int i = 0; info != NULL && i < info->arity && all; i++)
          all = constant_form (ns_fn_arg (t, i));
        if (all)
          keep[j] = 0;
      }
}

int
ns_mfn_drop_constant (const ns_mfn *f, int *pos, int nactive)
{
  int keep[NS_MFN_MAX_ACTIVE];
  if (nactive <= 0 || nactive > NS_MFN_MAX_ACTIVE)
    return nactive;
  for (int j = 0; j < nactive; j++)
    keep[j] = 1;
  int count = 0;
  walk_constant (f->tree, pos, nactive, &count, keep);
  int k = 0;
  for (int j = 0; j < nactive; j++)
    if (keep[j])
      pos[k++] = pos[j];
  return k;
}

void
ns_mfn_table_fix_dropped (ns_mfn_table *t, const int *pos, int nactive)
{
  for (size_t p = 0; p < t->size; p++)
    if (t->active[p] == 1)
      {
        int kept = 0;
        for (int j = 0; j < nactive && !kept; j++)
          kept = pos[j] == (int) p;
        if (!kept)
          t->active[p] = 2;   /* constant near x: either branch, the first */
      }
}
