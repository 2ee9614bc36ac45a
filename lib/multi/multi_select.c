/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_select.c: the smooth selection of a function of several
   variables along a ray.  At a point x every kink whose switching quantity
   is at a level is replaced by the branch it takes on x + t d for small
   t > 0, decided by the sign of the first significant coefficient of the
   switching quantity's one-variable germ, as the germ code decides it.
   The result is smooth near x along the ray; its slope enclosure bounds
   f'(x; d) tightly, and its gradient is a limiting gradient of f when d is
   inside a region where every active quantity is nonzero at first order. */
#include <math.h>
#include <stdlib.h>
#include "multi/multi_impl.h"
#include "function/function_impl.h"
#include "function/certify.h"

ns_status
ns_mfn_node_active (const ns_function *c, int *active, double *level)
{
  *active = 0;
  const ns_op_rules *rules = ns_op_rules_get (ns_fn_op (c));
  if (rules->switches == NS_SWITCH_NONE || rules->levels == NULL)
    return NS_OK;
  ns_result q, r;
  int k = rules->switches == NS_SWITCH_ARG1 ? 1 : 0;
  ns_status st = ns_fn_eval (ns_fn_arg (c, k), 0.0, &q);
  if (st != NS_OK)
    return st;
  if (rules->switches == NS_SWITCH_DIFF)
    {
      if ((st = ns_fn_eval (ns_fn_arg (c, 1), 0.0, &r)) != NS_OK)
        return st;
      double v = q.val - r.val;
      /* |(a - b) - (a' - b')| <= ea + eb, plus the rounding of the
         subtraction. */
      q.err = q.err + r.err + DBL_EPSILON * fabs (v);
      q.val = v;
    }
  double levels[4];
  size_t nlev = 0;
  /* Widened by a relative epsilon for the rounding of the two ends. */
  double w = q.err + DBL_EPSILON * fabs (q.val);
  ns_status ls = rules->levels (c, q.val - w, q.val + w, levels, 4, &nlev);
  if (ls != NS_OK || nlev > 0)
    {
      *active = 1;
      if (level != NULL)
        *level = ls == NS_OK && nlev == 1 ? levels[0] : (double) NAN;
    }
  return NS_OK;
}

int
ns_mfn_node_fixed_side (const ns_function *c)
{
  const ns_op_rules *rules = ns_op_rules_get (ns_fn_op (c));
  int active = 0;
  double level = NAN;
  if (rules->switches == NS_SWITCH_NONE || rules->switches == NS_SWITCH_ARG1
      || ns_mfn_node_active (c, &active, &level) != NS_OK || !active || isnan (level))
    return 0;
  int sign = ns_cert_point_sign (c, rules->switches, level, 0.0);
  return sign == 1 || sign == -1 ? sign : 0;
}

/* The side of LEVEL on which the germ G lies for small t > 0: 1 above, -1
   below, 0 identically at it, 2 undecided.  The rule of the germ code
   (a constant term within its rounding bound counts as the level; then the
   first nonzero coefficient; then the tail), so the branch picked here is
   the one the germ of the whole function took. */
static int
germ_side (const ns_germ *g, double level)
{
  if (g->nvalid == 0)
    return g->tail > 0 ? 1 : g->tail < 0 ? -1 : 2;
  double d0 = g->c[0] - level;
  if (fabs (d0) > g->err0)
    return d0 > 0 ? 1 : -1;
  for (int i = 1; i < g->nvalid; i++)
    if (g->c[i] != 0)
      return g->c[i] > 0 ? 1 : -1;
  if (g->nvalid <= g->order && g->tail != 0)
    return g->tail > 0 ? 1 : -1;
  if (g->nvalid == g->order + 1 && g->exact)
    return 0;
  return 2;
}

/* The germ of the switching quantity of the line node L (the difference
   of the arguments for max and min) to ORDER, into G. */
static ns_status
switch_germ (const ns_function *l, int order, ns_germ *g)
{
  if (ns_fn_op (l) == NS_OP_MAX || ns_fn_op (l) == NS_OP_MIN)
    {
      ns_function *q = ns_fn_sub (ns_fn_ref (ns_fn_arg (l, 0)), ns_fn_ref (ns_fn_arg (l, 1)));
      if (q == NULL)
        return NS_ENOMEM;
      ns_status st = ns_fn_germ (q, 0.0, NS_RIGHT, order, g);
      ns_fn_free (q);
      return st;
    }
  return ns_fn_germ (ns_fn_arg (l, 0), 0.0, NS_RIGHT, order, g);
}

/* The side of the switching quantity of the line node L relative to
   LEVEL.  The germ to first order decides it wherever the constant term
   or the slope does (a direction inside a cell, the common case): those
   two coefficients are the full germ's own when valid, so the decision
   is the one germ_side takes on the full germ, at a fraction of the cost
   of NS_MAX_ORDER coefficients. */
static ns_status
switch_side (const ns_function *l, double level, int *side)
{
  ns_germ g;
  ns_status st = switch_germ (l, 1, &g);
  if (st == NS_ENOMEM)
    return st;
  if (st == NS_OK && g.nvalid >= 2)
    {
      double d0 = g.c[0] - level;
      if (fabs (d0) > g.err0)
        {
          *side = d0 > 0 ? 1 : -1;
          return NS_OK;
        }
      if (g.c[1] != 0)
        {
          *side = g.c[1] > 0 ? 1 : -1;
          return NS_OK;
        }
    }
  st = switch_germ (l, NS_MAX_ORDER, &g);
  if (st == NS_EDOM || st == NS_EINVAL || st == NS_ENOMEM || st == NS_ELIMIT
      || st == NS_EOVERFLOW)
    return st;
  *side = germ_side (&g, level);
  return *side == 2 ? NS_EUNDECIDED : NS_OK;
}

/* The branch of the active kink F on SIDE of LEVEL, built from its
   selected arguments A (not taken), as a new tree in *OUT. */
static ns_status
branch (const ns_function *f, ns_function *const *a, int side, double level,
        ns_function **out)
{
  ns_op op = ns_fn_op (f);
  double cst = (double) NAN;
  ns_function *r = NULL;
  switch (op)
    {
    case NS_OP_RELU:
      if (side > 0)
        r = ns_fn_ref (a[0]);
      else
        cst = 0;
      break;
    case NS_OP_ABS:
      r = side >= 0 ? ns_fn_ref (a[0]) : ns_fn_neg (ns_fn_ref (a[0]));
      break;
    case NS_OP_LEAKY_RELU:
      r = side >= 0 ? ns_fn_ref (a[0])
        : ns_fn_mul (ns_fn_const (ns_fn_param (f, 0)), ns_fn_ref (a[0]));
      break;
    case NS_OP_MAX:
      /* side is the sign of a0 - a1; equal arguments give either. */
      r = ns_fn_ref (side >= 0 ? a[0] : a[1]);
      break;
    case NS_OP_MIN:
      r = ns_fn_ref (side <= 0 ? a[0] : a[1]);
      break;
    case NS_OP_CLAMP:
      {
        double lo = ns_fn_param (f, 0), hi = ns_fn_param (f, 1);
        if (lo == hi)
          cst = lo;
        else if (level == lo)
          {
            if (side > 0)
              r = ns_fn_ref (a[0]);
            else
              cst = lo;
          }
        else if (level == hi)
          {
            if (side < 0)
              r = ns_fn_ref (a[0]);
            else
              cst = hi;
          }
        else
          return NS_EUNDECIDED;
        break;
      }
    case NS_OP_HEAVISIDE:
      cst = side > 0 ? 1 : side < 0 ? 0 : ns_fn_param (f, 0);
      break;
    case NS_OP_SIGN:
      cst = side;
      break;
    case NS_OP_FLOOR:
      if (!isfinite (level))
        return NS_EUNDECIDED;
      cst = side >= 0 ? level : level - 1;
      break;
    default:
      /* A root, logarithm, power or denominator at its singular level has
         no smooth branch to select. */
      return NS_EUNDECIDED;
    }
  if (r == NULL && !isnan (cst))
    r = ns_fn_const (cst);
  *out = r;
  return r == NULL ? NS_ENOMEM : NS_OK;
}

/* The node F rebuilt over its selected arguments A (taken): as it is
   where it is not active, its branch on SIDE of LEVEL where it is; A
   released when ST, the status so far, is a failure. */
static ns_status
rebuild (const ns_function *f, ns_function **a, ns_status st, int active, int side,
         double level, ns_function **out)
{
  if (st != NS_OK)
    {
      ns_fn_free (a[0]);
      ns_fn_free (a[1]);
      return st;
    }
  if (!active)
    {
      double params[2] = { ns_fn_param (f, 0), ns_fn_param (f, 1) };
      return ns_fn_make (ns_fn_op (f), a, params, out);
    }
  st = branch (f, a, side, level, out);
  ns_fn_free (a[0]);
  ns_fn_free (a[1]);
  return st;
}

ns_status
ns_mfn_select (const ns_function *f, const ns_function *c, const ns_function *l,
               ns_function **out)
{
  *out = NULL;
  ns_op op = ns_fn_op (f);
  const ns_op_info *info = ns_op_get (op);
  if (info->arity == 0)
    {
      *out = ns_fn_ref (f);
      return NS_OK;
    }
  ns_function *a[2] = { NULL, NULL };
  ns_status st = NS_OK;
  for (int i = 0; i < info->arity && st == NS_OK; i++)
    st = ns_mfn_select (ns_fn_arg (f, i), ns_fn_arg (c, i), ns_fn_arg (l, i), &a[i]);
  int active = 0;
  double level = 0;
  if (st == NS_OK)
    st = ns_mfn_node_active (c, &active, &level);
  int side = 0;
  if (st == NS_OK && active)
    st = switch_side (l, level, &side);
  return rebuild (f, a, st, active, side, level, out);
}

ns_status
ns_mfn_active_table (const ns_function *c, ns_mfn_table *t)
{
  const ns_op_info *info = ns_op_get (ns_fn_op (c));
  for (int i = 0; i < info->arity; i++)
    {
      ns_status st = ns_mfn_active_table (ns_fn_arg (c, i), t);
      if (st != NS_OK)
        return st;
    }
  if (t->size >= t->cap)
    {
      size_t cap = t->cap == 0 ? 64 : 2 * t->cap;
      signed char *a = realloc (t->active, cap);
      if (a == NULL)
        return NS_ENOMEM;
      t->active = a;
      double *lv = realloc (t->level, cap * sizeof *lv);
      if (lv == NULL)
        return NS_ENOMEM;
      t->level = lv;
      t->cap = cap;
    }
  int active = 0;
  double level = 0;
  ns_status st = ns_mfn_node_active (c, &active, &level);
  if (st == NS_OK && active)
    {
      /* Proven off its level: the branch of that side, everywhere near
         x (2 above, -2 below). */
      int fixed = ns_mfn_node_fixed_side (c);
      if (fixed != 0)
        active = 2 * fixed;
    }
  t->active[t->size] = (signed char) active;
  t->level[t->size] = active ? level : 0.0;
  t->size++;
  return st;
}

void
ns_mfn_table_clear (ns_mfn_table *t)
{
  free (t->active);
  free (t->level);
  t->active = NULL;
  t->level = NULL;
  t->size = t->cap = 0;
}

ns_status
ns_mfn_select_table (const ns_function *f, const ns_function *l, const ns_mfn_table *t,
                     const signed char *sides, int *pos, ns_function **out)
{
  *out = NULL;
  ns_op op = ns_fn_op (f);
  const ns_op_info *info = ns_op_get (op);
  if (info->arity == 0)
    {
      (*pos)++;
      *out = ns_fn_ref (f);
      return NS_OK;
    }
  ns_function *a[2] = { NULL, NULL };
  ns_status st = NS_OK;
  for (int i = 0; i < info->arity && st == NS_OK; i++)
    st = ns_mfn_select_table (ns_fn_arg (f, i), l == NULL ? NULL : ns_fn_arg (l, i), t, sides,
                              pos, &a[i]);
  int here = (*pos)++;
  int active = st == NS_OK && here < (int) t->size && t->active[here];
  double level = active ? t->level[here] : 0.0;
  int side = 0;
  if (st == NS_OK && active)
    {
      if (t->active[here] == 2 || t->active[here] == -2)
        side = t->active[here] / 2;
      else if (sides != NULL && sides[here] != 0)
        side = sides[here];
      else if (l != NULL)
        st = switch_side (l, level, &side);
      else
        st = NS_EUNDECIDED;   /* not reached: the callers know every side */
    }
  return rebuild (f, a, st, active, side, level, out);
}
