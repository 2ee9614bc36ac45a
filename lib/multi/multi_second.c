/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_second.c: switching quantities whose gradient vanishes
   at the point (relu(x^2 - y^2), |x*y|, max(x^2 + y^2, 0) at 0), which no
   first-order cell can split, and the per-quantity test of whether a
   first-order cone is a true region (an empty cone of piecewise affine
   rows is empty near the point). */
#include <config.h>
#include <math.h>
#include <string.h>
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
#include <flint/fmpq_vec.h>
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

/* The Taylor coefficients C[0..2] of t -> F(X + t V) at t = 0 for the
   selection tree F (variables the leaves of M) at the exact point X in
   the exact direction V, by truncated power series over Q (order 2: the
   value, the derivative along V and q(V) = V' H V / 2).  1 when every
   operation was exact and defined; 0 otherwise (a primitive that is not
   rational, a kink or a power at its switch, a quotient by 0, numbers
   past NS_SECOND_MAX_BITS). */
#define NS_SECOND_MAX_BITS 4096

static int
too_big (const fmpq_t q)
{
  return fmpz_bits (fmpq_numref (q)) + fmpz_bits (fmpq_denref (q)) > NS_SECOND_MAX_BITS;
}

/* Small vector helpers over Q (FLINT has few for fmpq). */
static void
qv_set (fmpq *c, const fmpq *a, int len)
{
  for (int k = 0; k < len; k++)
    fmpq_set (c + k, a + k);
}

static void
qv_zero (fmpq *c, int len)
{
  for (int k = 0; k < len; k++)
    fmpq_zero (c + k);
}

static void
qv_add (fmpq *c, const fmpq *a, const fmpq *b, int len)
{
  for (int k = 0; k < len; k++)
    fmpq_add (c + k, a + k, b + k);
}

static void
qv_sub (fmpq *c, const fmpq *a, const fmpq *b, int len)
{
  for (int k = 0; k < len; k++)
    fmpq_sub (c + k, a + k, b + k);
}

static void
qv_neg (fmpq *c, const fmpq *a, int len)
{
  for (int k = 0; k < len; k++)
    fmpq_neg (c + k, a + k);
}

static void
qv_scale (fmpq *c, const fmpq *a, int len, const fmpq_t s)
{
  for (int k = 0; k < len; k++)
    fmpq_mul (c + k, a + k, s);
}

/* C = A * B for series of order 2 (C may not alias A or B). */
static void
jet_mul (fmpq *c, const fmpq *a, const fmpq *b)
{
  fmpq_mul (c + 0, a + 0, b + 0);
  fmpq_mul (c + 1, a + 0, b + 1);
  fmpq_addmul (c + 1, a + 1, b + 0);
  fmpq_mul (c + 2, a + 0, b + 2);
  fmpq_addmul (c + 2, a + 1, b + 1);
  fmpq_addmul (c + 2, a + 2, b + 0);
}

/* C = A / B, B[0] != 0: q0 = a0/b0, q1 = (a1 - q0 b1)/b0,
   q2 = (a2 - q0 b2 - q1 b1)/b0. */
static void
jet_div (fmpq *c, const fmpq *a, const fmpq *b)
{
  fmpq_div (c + 0, a + 0, b + 0);
  fmpq_set (c + 1, a + 1);
  fmpq_submul (c + 1, c + 0, b + 1);
  fmpq_div (c + 1, c + 1, b + 0);
  fmpq_set (c + 2, a + 2);
  fmpq_submul (c + 2, c + 0, b + 2);
  fmpq_submul (c + 2, c + 1, b + 1);
  fmpq_div (c + 2, c + 2, b + 0);
}

static int
jet_eval (const ns_mfn *m, const ns_function *f, const fmpq *x, const fmpq *v, fmpq *c)
{
  ns_op op = ns_fn_op (f);
  const ns_op_info *info = ns_op_get (op);
  int arity = info == NULL ? 0 : info->arity;
  if (arity > 2)
    return 0;
  fmpq *a = _fmpq_vec_init (3), *b = _fmpq_vec_init (3), *t = _fmpq_vec_init (3);
  int ok = 1;
  if (arity >= 1)
    ok = jet_eval (m, ns_fn_arg (f, 0), x, v, a);
  if (ok && arity >= 2)
    ok = jet_eval (m, ns_fn_arg (f, 1), x, v, b);
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
              fmpq_set (c + 0, x + k);
              fmpq_set (c + 1, v + k);
              fmpq_zero (c + 2);
            }
          break;
        }
      case NS_OP_CONST:
        if (!isfinite (ns_fn_param (f, 0)))
          ok = 0;
        else
          {
            ns_cert_q_set_d (c + 0, ns_fn_param (f, 0));
            fmpq_zero (c + 1);
            fmpq_zero (c + 2);
          }
        break;
      case NS_OP_ADD:
        qv_add (c, a, b, 3);
        break;
      case NS_OP_SUB:
        qv_sub (c, a, b, 3);
        break;
      case NS_OP_NEG:
        qv_neg (c, a, 3);
        break;
      case NS_OP_MUL:
        jet_mul (c, a, b);
        break;
      case NS_OP_DIV:
        if (fmpq_is_zero (b + 0))
          ok = 0;
        else
          jet_div (c, a, b);
        break;
      case NS_OP_POW:
        {
          /* a^k by k products (|k| small), then 1 / that for k < 0. */
          double p = ns_fn_param (f, 0);
          if (!(p == floor (p)) || fabs (p) > 64 || (p < 0 && fmpq_is_zero (a + 0)))
            {
              ok = 0;
              break;
            }
          long k = (long) fabs (p);
          qv_zero (t, 3);
          fmpq_one (t + 0);
          for (long e = 0; e < k && ok; e++)
            {
              fmpq *u = _fmpq_vec_init (3);
              jet_mul (u, t, a);
              qv_set (t, u, 3);
              _fmpq_vec_clear (u, 3);
              ok = !too_big (t + 0) && !too_big (t + 1) && !too_big (t + 2);
            }
          if (ok && p < 0)
            {
              qv_zero (b, 3);
              fmpq_one (b + 0);
              jet_div (c, b, t);
            }
          else if (ok)
            qv_set (c, t, 3);
          break;
        }
      case NS_OP_RELU:
      case NS_OP_ABS:
      case NS_OP_LEAKY_RELU:
        {
          /* Off its level the kink is one branch near x. */
          int sg = fmpq_sgn (a + 0);
          if (sg == 0)
            ok = 0;
          else if (sg > 0)
            qv_set (c, a, 3);
          else if (op == NS_OP_RELU)
            qv_zero (c, 3);
          else if (op == NS_OP_ABS)
            qv_neg (c, a, 3);
          else if (!isfinite (ns_fn_param (f, 0)))
            ok = 0;
          else
            {
              ns_cert_q_set_d (t + 0, ns_fn_param (f, 0));
              qv_scale (c, a, 3, t + 0);
            }
          break;
        }
      case NS_OP_MAX:
      case NS_OP_MIN:
        {
          int cmp = fmpq_cmp (a + 0, b + 0);
          if (cmp == 0)
            ok = 0;
          else
            qv_set (c, (cmp > 0) == (op == NS_OP_MAX) ? a : b, 3);
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
          ns_cert_q_set_d (t + 0, lo);
          int clo = fmpq_cmp (a + 0, t + 0);
          ns_cert_q_set_d (t + 0, hi);
          int chi = fmpq_cmp (a + 0, t + 0);
          if (clo == 0 || chi == 0)
            ok = 0;
          else if (clo < 0 || chi > 0)
            {
              qv_zero (c, 3);
              ns_cert_q_set_d (c + 0, clo < 0 ? lo : hi);
            }
          else
            qv_set (c, a, 3);
          break;
        }
      default:
        ok = 0;   /* exp, log, roots, sin, cos, steps: not handled exactly */
        break;
      }
  for (int k = 0; k < 3 && ok; k++)
    ok = !too_big (c + k);
  _fmpq_vec_clear (a, 3);
  _fmpq_vec_clear (b, 3);
  _fmpq_vec_clear (t, 3);
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

/* The selection of the switching quantity of the active node at
   post-order position POS of M (its inner kinks on SIDES): S[0], minus
   S[1] when DIFF (max, min).  1 on success (release with qsel_clear). */
typedef struct qsel {
  ns_function *s[2];
  int diff;
} qsel;

static void
qsel_clear (qsel *q)
{
  ns_fn_free (q->s[0]);
  ns_fn_free (q->s[1]);
  q->s[0] = q->s[1] = NULL;
}

static int
qsel_make (const ns_mfn *m, const ns_mfn_table *t, const signed char *sides, int pos, qsel *q)
{
  q->s[0] = q->s[1] = NULL;
  q->diff = 0;
  int count = 0, first = 0;
  const ns_function *fn = node_at (m->tree, pos, &count, &first);
  if (fn == NULL)
    return 0;
  ns_op op = ns_fn_op (fn);
  if (op != NS_OP_RELU && op != NS_OP_ABS && op != NS_OP_LEAKY_RELU && op != NS_OP_MAX
      && op != NS_OP_MIN && op != NS_OP_CLAMP)
    return 0;
  q->diff = op == NS_OP_MAX || op == NS_OP_MIN;
  int at = first, ok = 1;
  for (int k = 0; k < 1 + q->diff && ok; k++)
    ok = ns_mfn_select_table (ns_fn_arg (fn, k), NULL, t, sides, &at, &q->s[k]) == NS_OK;
  if (!ok)
    qsel_clear (q);
  return ok;
}

/* The series of the quantity Q along V at X, times SIGN (+1 or -1). */
static int
qsel_jet (const ns_mfn *m, const qsel *q, const fmpq *x, const fmpq *v, int sign, fmpq *c)
{
  int ok = jet_eval (m, q->s[0], x, v, c);
  if (ok && q->diff)
    {
      fmpq *b = _fmpq_vec_init (3);
      ok = jet_eval (m, q->s[1], x, v, b);
      if (ok)
        qv_sub (c, c, b, 3);
      _fmpq_vec_clear (b, 3);
    }
  if (ok && sign < 0)
    qv_neg (c, c, 3);
  return ok;
}

/* 1 when A and B are the same function of the variables of M, node by
   node (a variable leaf is told apart by its index, not its op); -1 when
   one is the negation of the other so (NEG at the top of either); 0 when
   not shown either way.  Parameters compare as bits, so -0 and 0 differ
   (no quotient by a signed zero sneaks through). */
static int
same_fn (const ns_mfn *m, const ns_function *a, const ns_function *b)
{
  if (a == b)
    return 1;
  if (a->op != b->op || a->size != b->size || a->depth != b->depth)
    return 0;
  if (a->op == NS_OP_X)
    {
      int i = var_index (m, a);
      return i >= 0 && i == var_index (m, b);
    }
  const ns_op_info *info = ns_op_get (a->op);
  if (info == NULL || info->arity > 2 || info->nparams > 2)
    return 0;
  for (int i = 0; i < info->nparams; i++)
    if (memcmp (&a->param[i], &b->param[i], sizeof a->param[i]) != 0)
      return 0;
  for (int i = 0; i < info->arity; i++)
    if (!same_fn (m, a->arg[i], b->arg[i]))
      return 0;
  return 1;
}

static int
signed_same (const ns_mfn *m, const ns_function *a, const ns_function *b)
{
  if (same_fn (m, a, b))
    return 1;
  if (a->op == NS_OP_NEG && same_fn (m, a->arg[0], b))
    return -1;
  if (b->op == NS_OP_NEG && same_fn (m, a, b->arg[0]))
    return -1;
  return 0;
}

/* 1 when SJ * QJ and -SO * QO are the same function near x, shown on
   their trees: then the two sides {SO QO > 0} and {SJ QJ > 0} are
   disjoint everywhere, to every order (relu(relu(h)), |h| + |h| for a
   curved h, where the second-order test sees q_phi = 0 and cannot
   decide). */
static int
zero_const (const ns_function *f)
{
  return f != NULL && f->op == NS_OP_CONST && f->param[0] == 0;
}

static int
qsel_opposite (const ns_mfn *m, const qsel *qo, int so, const qsel *qj, int sj)
{
  /* A - 0 (max(h, 0), min(0, h) read as -(0 - h)) is the kink of A. */
  const ns_function *a[2] = { qo->s[0], qo->diff ? qo->s[1] : NULL };
  const ns_function *b[2] = { qj->s[0], qj->diff ? qj->s[1] : NULL };
  int fo = 1, fj = 1;
  if (zero_const (a[0]) && a[1] != NULL)
    {
      a[0] = a[1];
      a[1] = NULL;
      fo = -1;
    }
  else if (zero_const (a[1]))
    a[1] = NULL;
  if (zero_const (b[0]) && b[1] != NULL)
    {
      b[0] = b[1];
      b[1] = NULL;
      fj = -1;
    }
  else if (zero_const (b[1]))
    b[1] = NULL;
  if ((a[1] == NULL) != (b[1] == NULL))
    return 0;
  int r = signed_same (m, b[0], a[0]);
  if (a[1] != NULL && r != 0 && signed_same (m, b[1], a[1]) != r)
    r = 0;
  if (r == 0 && a[1] != NULL)
    {
      /* A - B against B - A. */
      r = -signed_same (m, b[0], a[1]);
      if (r != 0 && -signed_same (m, b[1], a[0]) != r)
        r = 0;
    }
  /* SJ QJ = SJ FJ R FO QO must be -SO QO. */
  return r != 0 && sj * fj * r * fo == -so;
}

/* The exact gradient of Q at X, times SIGN, into G (N entries). */
static int
qsel_gradient (const ns_mfn *m, const qsel *q, const fmpq *x, int sign, fmpq *g)
{
  int n = m->n, ok = 1;
  fmpq *e = _fmpq_vec_init (n), *c = _fmpq_vec_init (3);
  for (int i = 0; i < n && ok; i++)
    {
      fmpq_one (e + i);
      ok = qsel_jet (m, q, x, e, sign, c);
      fmpq_zero (e + i);
      if (ok)
        fmpq_set (g + i, c + 1);
    }
  _fmpq_vec_clear (e, n);
  _fmpq_vec_clear (c, 3);
  return ok;
}

static int
point_q (const double *x, int n, fmpq *xq)
{
  for (int k = 0; k < n; k++)
    {
      if (!isfinite (x[k]))
        return 0;
      ns_cert_q_set_d (xq + k, x[k]);
    }
  return 1;
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
  qsel q;
  if (!qsel_make (m, t, sides, pos, &q))
    return 0;
  fmpq *xq = _fmpq_vec_init (n), *g = _fmpq_vec_init (n);
  int ok = point_q (x, n, xq) && qsel_gradient (m, &q, xq, 1, g);
  for (int k = 0; k < n && ok; k++)
    ok = fmpq_is_zero (g + k);
  _fmpq_vec_clear (xq, n);
  _fmpq_vec_clear (g, n);
  qsel_clear (&q);
  return ok;
}

/* ---- an empty first-order side of curved quantities: empty, or a cusp */

/* Why.  Side S of quantity J on a cell whose first-order cone is empty:
   the new row s_j grad h_j is -lambda times an old row w = s_o grad h_o
   (lambda > 0), so the two hyperplanes coincide and the true regions
   {s_o h_o > 0} and {s_j h_j > 0} are bounded by curves tangent at x.
   Write d = u + tau w with u orthogonal to w, and phi = lambda s_o h_o +
   s_j h_j, whose gradient is 0 and whose second-order term is
   q_phi(d) = d' H_phi d / 2.
   Empty: if both s_o h_o and s_j h_j are positive at x + d then
   |w|^2 tau and -lambda |w|^2 tau are both above -O(|d|^2), so
   tau = O(|d|^2) and d is u up to O(|u|^2); then
   phi(x + d) = q_phi(u) + O(|u|^3), which is negative for small u != 0
   when q_phi is negative definite on the hyperplane w-perp, while phi is
   positive as a positive combination: no such d.
   A cusp: if q_phi(u) > 0 at some u in w-perp where every other row of
   the cell is positive, then along d = r u + r^2 tau w / |w|^2 the two
   quantities are r^2 (tau + q_o(u)) and r^2 (-lambda tau + q_j(u)) up to
   O(r^3), both positive for tau in (-q_o(u), q_j(u) / lambda), an
   interval that is not empty because lambda q_o(u) + q_j(u) = q_phi(u)
   > 0; the other quantities are r (row . u) + O(r^2) > 0; and small
   perturbations keep every inequality: an open set touching x on which
   the cell's kinks and J keep their sides, so its selection's gradient
   is a limiting gradient that no cone of directions carries.
   Everything is exact: gradients and second-order terms of the
   quantities' selections by series over Q at the given doubles, the
   definiteness by Gaussian elimination over Q; anything else (a
   quantity with a zero row on the cell, whose branch would change the
   second-order terms; several rows in the way; q_phi semidefinite)
   is not decided. */

/* q_phi(V) = LAMBDA * c2(s_o h_o; V) + c2(s_j h_j; V) into *OUT. */
static int
phi_at (const ns_mfn *m, const qsel *qo, int so, const qsel *qj, int sj, const fmpq_t lambda,
        const fmpq *x, const fmpq *v, fmpq_t out)
{
  fmpq *c = _fmpq_vec_init (3), *d = _fmpq_vec_init (3);
  int ok = qsel_jet (m, qo, x, v, so, c) && qsel_jet (m, qj, x, v, sj, d);
  if (ok)
    {
      fmpq_mul (out, lambda, c + 2);
      fmpq_add (out, out, d + 2);
    }
  _fmpq_vec_clear (c, 3);
  _fmpq_vec_clear (d, 3);
  return ok;
}

/* Whether the symmetric K x K matrix A (row-major, overwritten) is
   positive definite: Gaussian elimination without pivoting, every pivot
   positive (Sylvester's criterion, the pivots being ratios of leading
   minors). */
static int
positive_definite (fmpq *a, int k)
{
  fmpq_t f;
  fmpq_init (f);
  int ok = 1;
  for (int p = 0; p < k && ok; p++)
    {
      ok = fmpq_sgn (a + p * k + p) > 0;
      for (int i = p + 1; i < k && ok; i++)
        {
          fmpq_div (f, a + i * k + p, a + p * k + p);
          for (int l = p; l < k; l++)
            fmpq_submul (a + i * k + l, f, a + p * k + l);
        }
    }
  fmpq_clear (f);
  return ok;
}

int
ns_mfn_second_side (const ns_mfn *m, const ns_mfn_table *t, signed char *sides,
                    const double *x, const int *pos, int j, const signed char *signs,
                    const ns_result *rows, const double *dir, int s)
{
  int n = m->n, result = NS_SECOND_UNDECIDED;
  if (j < 1 || j > NS_MFN_MAX_ACTIVE)
    return result;
  for (int q = 0; q < j; q++)
    {
      int zero = 1;
      for (int c = 0; c < n; c++)
        zero = zero && rows[q * n + c].val == 0 && rows[q * n + c].err == 0;
      if (zero)
        return result;   /* an unsplit quantity: its branch is not known */
      sides[pos[q]] = signs[q];
    }
  qsel qj, qo;
  qj.s[0] = qj.s[1] = qo.s[0] = qo.s[1] = NULL;
  fmpq *xq = _fmpq_vec_init (n), *g = _fmpq_vec_init ((j + 1) * n);
  fmpq *u = _fmpq_vec_init (n), *b = _fmpq_vec_init (n * n);
  fmpq *mat = _fmpq_vec_init (n * n);
  fmpq_t lambda, tmp, val;
  fmpq_init (lambda);
  fmpq_init (tmp);
  fmpq_init (val);
  int ok = point_q (x, n, xq) && qsel_make (m, t, sides, pos[j], &qj)
    && qsel_gradient (m, &qj, xq, s, g + j * n);
  /* The cell's rows, exactly, each the stored row within its bound (a
     row of a merged cell is not its quantity's gradient: not decided). */
  for (int q = 0; q < j && ok; q++)
    {
      qsel qq;
      ok = qsel_make (m, t, sides, pos[q], &qq) && qsel_gradient (m, &qq, xq, signs[q], g + q * n);
      qsel_clear (&qq);
      for (int c = 0; c < n && ok; c++)
        {
          ns_cert_q_set_d (tmp, rows[q * n + c].val);
          fmpq_sub (tmp, tmp, g + q * n + c);
          fmpq_abs (tmp, tmp);
          ns_cert_q_set_d (val, rows[q * n + c].err);
          ok = fmpq_cmp (tmp, val) <= 0;
        }
    }
  /* The old row O the new one is a negative multiple of. */
  int o = -1;
  for (int q = 0; q < j && ok && o < 0; q++)
    {
      int piv = -1;
      for (int c = 0; c < n && piv < 0; c++)
        if (!fmpq_is_zero (g + q * n + c))
          piv = c;
      if (piv < 0)
        continue;
      fmpq_div (lambda, g + j * n + piv, g + q * n + piv);
      fmpq_neg (lambda, lambda);
      if (fmpq_sgn (lambda) <= 0)
        continue;
      int same = 1;
      for (int c = 0; c < n && same; c++)
        {
          fmpq_mul (tmp, lambda, g + q * n + c);
          fmpq_add (tmp, tmp, g + j * n + c);
          same = fmpq_is_zero (tmp);
        }
      if (same)
        o = q;
    }
  /* Any old row opposite the new one whose quantity is, as a tree, the
     new one's negative on these sides: empty to every order, which the
     second-order test below cannot see (its q_phi is 0). */
  for (int q = o; q >= 0 && q < j && ok && result == NS_SECOND_UNDECIDED; q++)
    {
      int opposite = q == o;
      if (!opposite)
        {
          /* The same test as above, for the later candidates. */
          int piv = -1;
          for (int c = 0; c < n && piv < 0; c++)
            if (!fmpq_is_zero (g + q * n + c))
              piv = c;
          if (piv < 0)
            continue;
          fmpq_div (tmp, g + j * n + piv, g + q * n + piv);
          if (fmpq_sgn (tmp) >= 0)
            continue;
          fmpq_neg (tmp, tmp);
          opposite = 1;
          for (int c = 0; c < n && opposite; c++)
            {
              fmpq_mul (val, tmp, g + q * n + c);
              fmpq_add (val, val, g + j * n + c);
              opposite = fmpq_is_zero (val);
            }
        }
      if (!opposite)
        continue;
      for (int p = 0; p < j; p++)
        sides[pos[p]] = signs[p];
      qsel qq;
      if (qsel_make (m, t, sides, pos[q], &qq))
        {
          if (qsel_opposite (m, &qq, signs[q], &qj, s))
            result = NS_SECOND_EMPTY;
          qsel_clear (&qq);
        }
    }
  if (ok && o >= 0 && result == NS_SECOND_UNDECIDED)
    {
      for (int q = 0; q < j; q++)
        sides[pos[q]] = signs[q];
      ok = qsel_make (m, t, sides, pos[o], &qo);
    }
  if (ok && o >= 0 && result == NS_SECOND_UNDECIDED)
    {
      const fmpq *w = g + o * n;
      int p = 0;
      while (fmpq_is_zero (w + p))
        p++;
      /* A basis of w-perp: b_a = e_a - (w_a / w_p) e_p, a != p. */
      int k = 0;
      for (int a = 0; a < n; a++)
        if (a != p)
          {
            fmpq_one (b + k * n + a);
            fmpq_div (tmp, w + a, w + p);
            fmpq_neg (b + k * n + p, tmp);
            k++;
          }
      if (k == 0)
        result = NS_SECOND_EMPTY;   /* one variable: only tau, opposite signs */
      /* -M, M_ab = b_a' H_phi b_b = q_phi(b_a + b_b) - q_phi(b_a) - q_phi(b_b). */
      fmpq *diag = _fmpq_vec_init (n);
      for (int a = 0; a < k && ok; a++)
        ok = phi_at (m, &qo, signs[o], &qj, s, lambda, xq, b + a * n, diag + a);
      for (int a = 0; a < k && ok; a++)
        for (int c = a; c < k && ok; c++)
          {
            if (a == c)
              fmpq_mul_si (tmp, diag + a, 2);
            else
              {
                qv_add (u, b + a * n, b + c * n, n);
                ok = phi_at (m, &qo, signs[o], &qj, s, lambda, xq, u, tmp);
                fmpq_sub (tmp, tmp, diag + a);
                fmpq_sub (tmp, tmp, diag + c);
              }
            fmpq_neg (mat + a * k + c, tmp);
            fmpq_set (mat + c * k + a, mat + a * k + c);
          }
      _fmpq_vec_clear (diag, n);
      if (ok && k > 0 && positive_definite (mat, k))
        result = NS_SECOND_EMPTY;
      /* Otherwise a direction u in w-perp with q_phi(u) > 0 inside the
         cell's other rows: +-b_a, +-(b_a +- b_c), +-(the cell's direction
         projected on w-perp). */
      int ncand = 1 + k + k * (k - 1);
      for (int idx = 0; ok && result == NS_SECOND_UNDECIDED && idx < 2 * ncand; idx++)
        {
          int cidx = idx / 2, sign = idx % 2 ? -1 : 1;
          if (cidx == 0)
            {
              /* dir - (w . dir / w . w) w */
              fmpq_t ww, wd;
              fmpq_init (ww);
              fmpq_init (wd);
              for (int c = 0; c < n; c++)
                {
                  ns_cert_q_set_d (u + c, dir[c]);
                  fmpq_addmul (ww, w + c, w + c);
                  fmpq_addmul (wd, w + c, u + c);
                }
              fmpq_div (wd, wd, ww);
              for (int c = 0; c < n; c++)
                fmpq_submul (u + c, wd, w + c);
              fmpq_clear (ww);
              fmpq_clear (wd);
            }
          else if (cidx <= k)
            qv_set (u, b + (cidx - 1) * n, n);
          else
            {
              int r = cidx - 1 - k, pair = r / 2, minus = r % 2, seen = 0;
              for (int a = 0; a < k; a++)
                for (int c = a + 1; c < k; c++)
                  if (seen++ == pair)
                    {
                      if (minus)
                        qv_sub (u, b + a * n, b + c * n, n);
                      else
                        qv_add (u, b + a * n, b + c * n, n);
                    }
            }
          if (sign < 0)
            qv_neg (u, u, n);
          int inside = 1;
          for (int q = 0; q < j && inside; q++)
            if (q != o)
              {
                fmpq_zero (tmp);
                for (int c = 0; c < n; c++)
                  fmpq_addmul (tmp, g + q * n + c, u + c);
                inside = fmpq_sgn (tmp) > 0;
              }
          if (!inside)
            continue;
          ok = phi_at (m, &qo, signs[o], &qj, s, lambda, xq, u, val);
          if (ok && fmpq_sgn (val) > 0)
            result = NS_SECOND_CUSP;
        }
    }
  qsel_clear (&qj);
  qsel_clear (&qo);
  _fmpq_vec_clear (xq, n);
  _fmpq_vec_clear (g, (j + 1) * n);
  _fmpq_vec_clear (u, n);
  _fmpq_vec_clear (b, n * n);
  _fmpq_vec_clear (mat, n * n);
  fmpq_clear (lambda);
  fmpq_clear (tmp);
  fmpq_clear (val);
  return ok ? result : NS_SECOND_UNDECIDED;
}

/* ---- exact gradients of selections */

int
ns_mfn_exact_gradient (const ns_mfn *m, const ns_mfn_table *t, const signed char *sides,
                       const double *x, ns_result *g)
{
  int n = m->n, need = 0;
  for (int i = 0; i < n; i++)
    need = need || g[i].err != 0;
  if (!need)
    return 0;
  ns_function *s = NULL;
  int at = 0, changed = 0;
  if (ns_mfn_select_table (m->tree, NULL, t, sides, &at, &s) != NS_OK)
    {
      ns_fn_free (s);
      return 0;
    }
  fmpq *xq = _fmpq_vec_init (n), *e = _fmpq_vec_init (n), *c = _fmpq_vec_init (3);
  fmpq_t back;
  fmpq_init (back);
  if (point_q (x, n, xq))
    for (int i = 0; i < n; i++)
      {
        if (g[i].err == 0)
          continue;
        fmpq_one (e + i);
        int ok = jet_eval (m, s, xq, e, c);
        fmpq_zero (e + i);
        if (!ok || fmpz_bits (fmpq_numref (c + 1)) > 53 || fmpz_bits (fmpq_denref (c + 1)) > 53)
          continue;
        /* Both parts are exact doubles, so their quotient is the value
           correctly rounded: kept only when it is the value exactly. */
        double d = fmpz_get_d (fmpq_numref (c + 1)) / fmpz_get_d (fmpq_denref (c + 1));
        if (!isfinite (d))
          continue;
        ns_cert_q_set_d (back, d);
        if (!fmpq_equal (back, c + 1))
          continue;
        g[i].val = d;
        g[i].err = 0;
        changed = 1;
      }
  fmpq_clear (back);
  _fmpq_vec_clear (xq, n);
  _fmpq_vec_clear (e, n);
  _fmpq_vec_clear (c, 3);
  ns_fn_free (s);
  return changed;
}
