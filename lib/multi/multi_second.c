/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_second.c: switching quantities whose gradient vanishes
   at the point (relu(x^2 - y^2), |x*y|, max(x^2 + y^2, 0) at 0), which no
   first-order cell can split, and the per-quantity test of whether a
   first-order cone is a true region (an empty cone of piecewise affine
   rows is empty near the point). */
#include <config.h>
#include <math.h>
#include "multi/multi_impl.h"

/* Why a quantity with a zero gradient needs no split.  The branches of an
   active kink agree in value at x (relu: h and 0 with h(x) = 0; |h|: h and
   -h; leaky_relu: h and c h; clamp at a bound: h and the bound; max and
   min: A and B with A(x) = B(x)), and their gradients at x differ by a
   multiple of the quantity's gradient (grad h, 2 grad h, (1 - c) grad h,
   grad A - grad B).  When that gradient is 0 the branches agree to first
   order at x, so by the chain rule every selection above them has the
   same value and gradient at x whichever branch is taken: the gradient
   of f's selection on a cell and the gradients of the outer quantities
   (hence the outer cells) do not depend on the side, and neither does
   f'(x; d) = g . d on the cell.  Near x the kink switches on the zero set
   of h, where the branches' gradients differ by O(|y - x|): every
   gradient, Fréchet or Clarke subgradient at points y near x is within
   O(|y - x|) of what the same points give with the branch fixed, so the
   limits (limiting and Clarke sets) are the same.  The sign of h on the
   cell, a matter of second order (q(d) = d' H d / 2 where q(d) != 0,
   higher order elsewhere), is therefore not needed: the cell is kept
   whole with a zero row (no constraint) and the first branch.

   The gradient must be 0 exactly, not only within its bound (a double
   enclosure of 2x at 0 is a subnormal wide): a nonzero gradient below
   rounding would split the cell at first order into selections with
   different gradients.  It is proven 0 by exact rational arithmetic: the
   quantity's selection (its inner kinks on the cell's sides) is
   differentiated in forward mode with dual numbers over Q at the exact
   point, for rational trees (sums, products, quotients, integer powers,
   kinks off their levels); anything else is not proven. */

#include <flint/fmpq.h>
#include "function/function_impl.h"
#include "function/certify_impl.h"

/* The index of the variable leaf X of M (0 for a function made by
   ns_mfn_from_fn, whose every variable is the one), or -1. */
static int
var_index (const ns_mfn *m, const ns_function *x)
{
  if (m->leaf[0] == NULL)
    return 0;
  for (int i = 0; i < m->n; i++)
    if (m->leaf[i] == x)
      return i;
  return -1;
}

/* V + dV e: the value and the derivative along e_I of the selection tree
   F (variables the leaves of M) at the exact point X, by dual numbers
   over Q.  1 when every operation was exact and defined; 0 otherwise
   (a primitive that is not rational, a kink or a power at its switch, a
   quotient by 0, numbers past NS_SECOND_MAX_BITS). */
#define NS_SECOND_MAX_BITS 4096

static int
dual_eval (const ns_mfn *m, const ns_function *f, const fmpq *x, int i, fmpq_t v, fmpq_t dv)
{
  ns_op op = ns_fn_op (f);
  const ns_op_info *info = ns_op_get (op);
  int arity = info == NULL ? 0 : info->arity;
  if (arity > 2)
    return 0;
  fmpq_t a, da, b, db, t;
  fmpq_init (a);
  fmpq_init (da);
  fmpq_init (b);
  fmpq_init (db);
  fmpq_init (t);
  int ok = 1;
  if (arity >= 1)
    ok = dual_eval (m, ns_fn_arg (f, 0), x, i, a, da);
  if (ok && arity >= 2)
    ok = dual_eval (m, ns_fn_arg (f, 1), x, i, b, db);
  if (ok)
    switch (op)
      {
      case NS_OP_X:
        {
          int k = var_index (m, f);
          if (k < 0)
            ok = 0;
          else
            {
              fmpq_set (v, x + k);
              fmpq_set_si (dv, k == i, 1);
            }
          break;
        }
      case NS_OP_CONST:
        if (!isfinite (ns_fn_param (f, 0)))
          ok = 0;
        else
          {
            ns_cert_q_set_d (v, ns_fn_param (f, 0));
            fmpq_zero (dv);
          }
        break;
      case NS_OP_ADD:
        fmpq_add (v, a, b);
        fmpq_add (dv, da, db);
        break;
      case NS_OP_SUB:
        fmpq_sub (v, a, b);
        fmpq_sub (dv, da, db);
        break;
      case NS_OP_NEG:
        fmpq_neg (v, a);
        fmpq_neg (dv, da);
        break;
      case NS_OP_MUL:
        /* (ab)' = a'b + ab' */
        fmpq_mul (t, da, b);
        fmpq_addmul (t, a, db);
        fmpq_mul (v, a, b);
        fmpq_set (dv, t);
        break;
      case NS_OP_DIV:
        /* (a/b)' = (a'b - ab') / b^2 */
        if (fmpq_is_zero (b))
          ok = 0;
        else
          {
            fmpq_mul (t, da, b);
            fmpq_submul (t, a, db);
            fmpq_div (v, a, b);
            fmpq_div (t, t, b);
            fmpq_div (dv, t, b);
          }
        break;
      case NS_OP_POW:
        {
          /* (a^k)' = k a^(k-1) a', a != 0 when k < 1. */
          double p = ns_fn_param (f, 0);
          long bits = (long) (fmpz_bits (fmpq_numref (a)) + fmpz_bits (fmpq_denref (a)));
          if (!(p == floor (p)) || fabs (p) > 1024 || (p < 1 && fmpq_is_zero (a))
              || bits * (long) fabs (p) > NS_SECOND_MAX_BITS)
            ok = 0;
          else
            {
              long k = (long) p;
              if (k == 0)
                {
                  fmpq_one (v);
                  fmpq_zero (dv);
                }
              else
                {
                  fmpq_pow_si (t, a, k - 1);
                  fmpq_mul (v, t, a);
                  fmpq_mul (t, t, da);
                  fmpq_mul_si (dv, t, k);
                }
            }
          break;
        }
      case NS_OP_RELU:
      case NS_OP_ABS:
      case NS_OP_LEAKY_RELU:
        {
          /* Off its level the kink is one branch near x. */
          int sg = fmpq_sgn (a);
          if (sg == 0)
            ok = 0;
          else if (sg > 0)
            {
              fmpq_set (v, a);
              fmpq_set (dv, da);
            }
          else if (op == NS_OP_RELU)
            {
              fmpq_zero (v);
              fmpq_zero (dv);
            }
          else if (op == NS_OP_ABS)
            {
              fmpq_neg (v, a);
              fmpq_neg (dv, da);
            }
          else if (!isfinite (ns_fn_param (f, 0)))
            ok = 0;
          else
            {
              ns_cert_q_set_d (t, ns_fn_param (f, 0));
              fmpq_mul (v, a, t);
              fmpq_mul (dv, da, t);
            }
          break;
        }
      case NS_OP_MAX:
      case NS_OP_MIN:
        {
          int c = fmpq_cmp (a, b);
          if (c == 0)
            ok = 0;
          else if ((c > 0) == (op == NS_OP_MAX))
            {
              fmpq_set (v, a);
              fmpq_set (dv, da);
            }
          else
            {
              fmpq_set (v, b);
              fmpq_set (dv, db);
            }
          break;
        }
      case NS_OP_CLAMP:
        {
          double lo = ns_fn_param (f, 0), hi = ns_fn_param (f, 1);
          if (!isfinite (lo) || !isfinite (hi))
            {
              ok = 0;
              break;
            }
          ns_cert_q_set_d (t, lo);
          int clo = fmpq_cmp (a, t);
          ns_cert_q_set_d (t, hi);
          int chi = fmpq_cmp (a, t);
          if (clo == 0 || chi == 0)
            ok = 0;
          else if (clo < 0 || chi > 0)
            {
              ns_cert_q_set_d (v, clo < 0 ? lo : hi);
              fmpq_zero (dv);
            }
          else
            {
              fmpq_set (v, a);
              fmpq_set (dv, da);
            }
          break;
        }
      default:
        ok = 0;   /* exp, log, roots, sin, cos, steps: not handled exactly */
        break;
      }
  if (ok)
    ok = fmpz_bits (fmpq_numref (v)) + fmpz_bits (fmpq_denref (v)) <= NS_SECOND_MAX_BITS
      && fmpz_bits (fmpq_numref (dv)) + fmpz_bits (fmpq_denref (dv)) <= NS_SECOND_MAX_BITS;
  fmpq_clear (a);
  fmpq_clear (da);
  fmpq_clear (b);
  fmpq_clear (db);
  fmpq_clear (t);
  return ok;
}

/* The node at post-order position POS of F, *COUNT counting the nodes;
   its subtree's first position in *FIRST. */
static const ns_function *
node_at (const ns_function *f, int pos, int *count, int *first)
{
  const ns_op_info *info = ns_op_get (ns_fn_op (f));
  int start = *count;
  for (int i = 0; info != NULL && i < info->arity; i++)
    {
      const ns_function *r = node_at (ns_fn_arg (f, i), pos, count, first);
      if (r != NULL)
        return r;
    }
  if ((*count)++ == pos)
    {
      *first = start;
      return f;
    }
  return NULL;
}

int
ns_mfn_quantity_zero_gradient (const ns_mfn *m, const ns_mfn_table *t,
                               const signed char *sides, const double *x, int pos,
                               const ns_result *a)
{
  int n = m->n;
  /* The computed gradient must allow 0 (cheap, and the usual answer). */
  for (int k = 0; k < n; k++)
    if (!(fabs (a[k].val) <= a[k].err))
      return 0;
  int count = 0, first = 0;
  const ns_function *fn = node_at (m->tree, pos, &count, &first);
  if (fn == NULL)
    return 0;
  ns_op op = ns_fn_op (fn);
  if (op != NS_OP_RELU && op != NS_OP_ABS && op != NS_OP_LEAKY_RELU && op != NS_OP_MAX
      && op != NS_OP_MIN && op != NS_OP_CLAMP)
    return 0;
  int diff = op == NS_OP_MAX || op == NS_OP_MIN;
  ns_function *s[2] = { NULL, NULL };
  int at = first, ok = 1;
  for (int k = 0; k < 1 + diff && ok; k++)
    ok = ns_mfn_select_table (ns_fn_arg (fn, k), NULL, t, sides, &at, &s[k]) == NS_OK;
  fmpq *xq = _fmpq_vec_init (n);
  for (int k = 0; k < n && ok; k++)
    {
      ok = isfinite (x[k]);
      if (ok)
        ns_cert_q_set_d (xq + k, x[k]);
    }
  fmpq_t v, dv, w, dw;
  fmpq_init (v);
  fmpq_init (dv);
  fmpq_init (w);
  fmpq_init (dw);
  for (int i = 0; i < n && ok; i++)
    {
      ok = dual_eval (m, s[0], xq, i, v, dv);
      if (ok && diff)
        {
          ok = dual_eval (m, s[1], xq, i, w, dw);
          fmpq_sub (dv, dv, dw);
        }
      ok = ok && fmpq_is_zero (dv);
    }
  fmpq_clear (v);
  fmpq_clear (dv);
  fmpq_clear (w);
  fmpq_clear (dw);
  _fmpq_vec_clear (xq, n);
  ns_fn_free (s[0]);
  ns_fn_free (s[1]);
  return ok;
}
