/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_cells.c: the open cells of the switching hyperplanes of
   a function of n variables at a point.  Each quantity active at x (a kink
   whose switching quantity is at its level within rounding) vanishes to
   first order on a hyperplane of directions; the hyperplanes, taken from
   the inner kinks outwards, cut R^n into open polyhedral cones, on each of
   which every kink keeps one branch and f is one smooth selection.  Cells
   are split one hyperplane at a time; each keeps a direction strictly
   inside it, found by a linear program (GLPK, maximising a margin) and
   checked with outward rounding against the gradients' bounds, and an
   empty side is certified by GLPK's exact rational simplex. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <glpk.h>
#include "multi/multi_impl.h"
#include "function/function_impl.h"

/* Finds the node at post-order position POS in the parallel trees F
   (variables), C (constants) and L (line), into *FN, *CN, *LN.  *COUNT
   counts the nodes as it goes. */
static void
find_node (const ns_function *f, const ns_function *c, const ns_function *l, int pos,
           int *count, const ns_function **fn, const ns_function **cn, const ns_function **ln)
{
  const ns_op_info *info = ns_op_get (ns_fn_op (f));
  if (*count + f->size <= pos)
    {
      /* The node is past this subtree: its nodes are counted, not walked. */
      *count += (int) f->size;
      return;
    }
  for (int i = 0; i < info->arity && *fn == NULL; i++)
    find_node (ns_fn_arg (f, i), ns_fn_arg (c, i), l == NULL ? NULL : ns_fn_arg (l, i), pos,
               count, fn, cn, ln);
  if (*fn == NULL && (*count)++ == pos)
    {
      *fn = f;
      *cn = c;
      *ln = l;
    }
}

/* The number of nodes of the tree F, shared subtrees counted each time
   (post-order positions): kept in the node by ns_fn_make, not walked. */
static int
tree_size (const ns_function *f)
{
  return (int) f->size;
}

/* Whether the active node at post-order position POS[J] of F has another
   active node below it: post-order puts the subtree of the node at
   position p at the positions p - size + 1 ... p. */
static int
has_active_below (const ns_function *f, const int *pos, int j)
{
  const ns_function *fn = NULL, *cn = NULL, *ln = NULL;
  int count = 0;
  find_node (f, f, f, pos[j], &count, &fn, &cn, &ln);
  int first = pos[j] - (fn == NULL ? 1 : tree_size (fn)) + 1;
  for (int i = 0; i < j; i++)
    if (pos[i] >= first)
      return 1;
  return 0;
}

ns_status
ns_mfn_smooth_gradient (const ns_mfn *m, const ns_function *s, const double *x, ns_result *g)
{
  double e[NS_MULTI_MAX_VARS] = { 0 };
  for (int i = 0; i < m->n; i++)
    {
      ns_function *line = NULL;
      e[i] = 1;
      ns_status st = ns_mfn_restrict_tree (m, s, x, e, &line);
      e[i] = 0;
      if (st != NS_OK)
        return st;
      ns_germ germ;
      st = ns_fn_germ (line, 0.0, NS_RIGHT, 1, &germ);
      if (st == NS_OK)
        {
          ns_ivd en;
          ns_fn_enclose_tree (line, 0.0, 0.0, &en);
          g[i].val = germ.c[1];
          /* The distance to the far end of the enclosure, rounded up; 0
             when the enclosure is the point itself (a linear piece with
             double coefficients), so exact gradients are known exact. */
          double w = fmax (g[i].val - en.dlo, en.dhi - g[i].val);
          g[i].err = en.defined && en.dlo <= g[i].val && g[i].val <= en.dhi
            ? (w == 0 ? 0 : nextafter (w * (1 + DBL_EPSILON), HUGE_VAL))
            : HUGE_VAL;
        }
      ns_fn_free (line);
      if (st != NS_OK)
        return st == NS_ERANGE || st == NS_UNDEFINED ? NS_EUNDECIDED : st;
    }
  return NS_OK;
}

/* The gradient of a selection by one sweep over the tree, the branches
   of the active kinks fixed by the cell's sides, instead of a selection
   tree rebuilt and n germs taken per cell.  A subtree with no active
   kink is the same smooth function on every cell: its gradient is taken
   once (ns_mfn_smooth_gradient, as the selection's germ takes it) and
   kept in SW by its post-order position.  Above the active kinks, sums,
   differences and negations add the gradients (each sum rounded as the
   germ's coefficient is, its rounding error added to the bounds exactly
   by TwoSum, so exact gradients stay exact); an active kink passes on
   its branch's gradient; any other node with an active kink below is
   selected and differentiated as before. */

/* A gradient of N entries, or the status it failed with. */
typedef struct sweep_val {
  ns_status st;
  int leaf;   /* the post-order position of a subtree with no active kink, or -1 */
  const ns_function *node;
  ns_result g[NS_MULTI_MAX_VARS];
} sweep_val;

/* The bound of A + B (or A - B when SUB), the sum rounded to S: the
   bounds of the terms plus the rounding error of the sum, exact by
   TwoSum (Knuth), the total rounded up. */
static ns_result
sweep_add (ns_result a, ns_result b, int sub)
{
  double bv = sub ? -b.val : b.val;
  double s = a.val + bv, z = s - a.val;
  double r = (a.val - (s - z)) + (bv - z);
  double e = a.err + b.err + fabs (r);
  ns_result out = { s, 0 };
  if (!isfinite (s) || !isfinite (r))
    out.err = HUGE_VAL;
  else
    out.err = e == 0 ? 0 : nextafter (e * (1 + DBL_EPSILON), HUGE_VAL);
  return out;
}

/* The bound of C * A (or A / C when DIV) for an exact double C: A's
   bound scaled, plus the rounding error of the product (exact by fma) or
   of the quotient (its exact remainder by fma, over |C|), rounded up. */
static ns_result
sweep_scale (ns_result a, double c, int div)
{
  double p, e;
  if (div)
    {
      p = a.val / c;
      double r = fma (-p, c, a.val);
      e = (a.err + fabs (r)) / fabs (c);
    }
  else
    {
      p = c * a.val;
      double r = fma (c, a.val, -p);
      e = fabs (c) * a.err + fabs (r);
    }
  ns_result out = { p, 0 };
  if (!isfinite (p) || !isfinite (e))
    out.err = HUGE_VAL;
  else
    out.err = e == 0 ? 0 : nextafter (e * (1 + 2 * DBL_EPSILON), HUGE_VAL);
  return out;
}

/* The gradient of the subtree F (no active kink) into G with bounds 0,
   when F is an affine map built from variables, finite constants, sums,
   differences, negations and products or quotients by nonzero finite
   constants, and every operation on the gradient's entries is exact (the
   TwoSum or fma residual 0, finite): then G is the true gradient.  0
   otherwise (G undefined). */
static int
affine_exact (const ns_mfn *m, const ns_function *f, ns_result *g)
{
  int n = m->n;
  ns_op op = f->op;
  if (op == NS_OP_X)
    {
      int k = -1;
      if (m->leaf[0] == NULL)
        k = 0;   /* ns_mfn_from_fn: every variable leaf is variable 1 */
      for (int i = 0; i < n && k < 0; i++)
        if (m->leaf[i] == f)
          k = i;
      if (k < 0)
        return 0;
      for (int i = 0; i < n; i++)
        g[i] = (ns_result) { i == k ? 1 : 0, 0 };
      return 1;
    }
  if (op == NS_OP_CONST)
    {
      if (!isfinite (f->param[0]))
        return 0;
      for (int i = 0; i < n; i++)
        g[i] = (ns_result) { 0, 0 };
      return 1;
    }
  if (op == NS_OP_NEG)
    {
      if (!affine_exact (m, f->arg[0], g))
        return 0;
      for (int i = 0; i < n; i++)
        g[i].val = -g[i].val;
      return 1;
    }
  if (op == NS_OP_ADD || op == NS_OP_SUB)
    {
      ns_result b[NS_MULTI_MAX_VARS];
      if (!affine_exact (m, f->arg[0], g) || !affine_exact (m, f->arg[1], b))
        return 0;
      for (int i = 0; i < n; i++)
        {
          ns_result r = sweep_add (g[i], b[i], op == NS_OP_SUB);
          if (r.err != 0)
            return 0;
          g[i] = r;
        }
      return 1;
    }
  if (op == NS_OP_MUL || op == NS_OP_DIV)
    {
      int c = -1;
      for (int i = op == NS_OP_DIV ? 1 : 0; i < 2 && c < 0; i++)
        if (f->arg[i]->op == NS_OP_CONST && isfinite (f->arg[i]->param[0])
            && f->arg[i]->param[0] != 0)
          c = i;
      if (c < 0 || !affine_exact (m, f->arg[1 - c], g))
        return 0;
      for (int i = 0; i < n; i++)
        {
          ns_result r = sweep_scale (g[i], f->arg[c]->param[0], op == NS_OP_DIV);
          if (r.err != 0)
            return 0;
          g[i] = r;
        }
      return 1;
    }
  return 0;
}

/* Fills V's gradient if V is a subtree with no active kink (from the
   cache, computed once).  In the sweep's exact mode, an affine subtree
   whose gradient affine_exact finds exactly gets it with bounds 0. */
static ns_status
sweep_fill (ns_mfn_sweep *sw, sweep_val *v)
{
  if (v->st != NS_OK || v->leaf < 0)
    return v->st;
  int n = sw->m->n;
  size_t at = (size_t) v->leaf;
  if (sw->exact_mode)
    {
      if (sw->xhave[at] == 0)
        sw->xhave[at] = affine_exact (sw->m, v->node, sw->xleaf + at * n) ? 1 : -1;
      if (sw->xhave[at] > 0)
        {
          memcpy (v->g, sw->xleaf + at * n, (size_t) n * sizeof (ns_result));
          v->leaf = -1;
          return NS_OK;
        }
    }
  if (!sw->have[at])
    {
      ns_op op = ns_fn_op (v->node);
      ns_status st = NS_OK;
      if (op == NS_OP_CONST)
        for (int i = 0; i < n; i++)
          sw->leaf[at * n + i] = (ns_result) { 0, 0 };
      else
        st = ns_mfn_smooth_gradient (sw->m, v->node, sw->x, sw->leaf + at * n);
      if (st != NS_OK)
        return v->st = st;
      sw->have[at] = 1;
    }
  memcpy (v->g, sw->leaf + at * n, (size_t) n * sizeof (ns_result));
  v->leaf = -1;
  return NS_OK;
}

static void sweep_node (ns_mfn_sweep *sw, const ns_function *f, const signed char *sides,
                        int *pos, int hint, sweep_val *v);

/* The sweep of the node F (first post-order position *POS), its value
   into V.  HINT is its own post-order position when the memo of
   ns_mfn_sweep_gradient is in use (its children's are found from the
   subtree sizes), -1 otherwise. */
static void
sweep_body (ns_mfn_sweep *sw, const ns_function *f, const signed char *sides, int *pos,
            int hint, sweep_val *v)
{
  int n = sw->m->n, start = *pos;
  v->st = NS_OK;
  v->node = f;
  int end = start + (int) f->size;
  size_t tsize = sw->t->size;
  if (sw->below != NULL
      && sw->below[(size_t) end < tsize ? (size_t) end : tsize]
      == sw->below[(size_t) start < tsize ? (size_t) start : tsize])
    {
      /* No active kink in the subtree (its positions start ... end - 1):
         one smooth function, a leaf of the sweep, not walked. */
      v->leaf = end - 1;
      *pos = end;
      return;
    }
  const ns_op_info *info = ns_op_get (ns_fn_op (f));
  if (info->arity == 0)
    {
      v->leaf = (*pos)++;
      return;
    }
  sweep_val a[2];
  int leaves = 1;
  for (int i = 0; i < info->arity; i++)
    {
      /* Post-order: the last argument ends just before the node, the
         first (of two) just before the last's subtree. */
      int h = -1;
      if (hint >= 0)
        h = i + 1 == info->arity ? hint - 1 : hint - 1 - sw->sub[hint - 1];
      sweep_node (sw, f->arg[i], sides, pos, h, &a[i]);
      leaves = leaves && a[i].st == NS_OK && a[i].leaf >= 0;
    }
  int here = (*pos)++;
  if (hint >= 0 && here != hint)
    {
      v->st = NS_EINVAL;   /* not reached: the positions were taken on the same tree */
      v->leaf = -1;
      return;
    }
  int active = here < (int) sw->t->size && sw->t->active[here];
  v->leaf = -1;
  if (!active && leaves)
    {
      v->leaf = here;
      return;
    }
  ns_op op = ns_fn_op (f);
  int side = active && sides != NULL ? sides[here] : 0;
  int take = -1, neg = 0;
  double scale = 1, zero = 0;
  if (active && side != 0)
    switch (op)
      {
      case NS_OP_RELU:
        take = side > 0 ? 0 : -1, zero = side <= 0;
        break;
      case NS_OP_ABS:
        take = 0, neg = side < 0;
        break;
      case NS_OP_LEAKY_RELU:
        take = 0;
        if (side < 0)
          scale = ns_fn_param (f, 0);
        break;
      case NS_OP_MAX:
        take = side >= 0 ? 0 : 1;
        break;
      case NS_OP_MIN:
        take = side <= 0 ? 0 : 1;
        break;
      case NS_OP_CLAMP:
        {
          double lo = ns_fn_param (f, 0), hi = ns_fn_param (f, 1), level = sw->t->level[here];
          if (lo == hi)
            zero = 1;
          else if (level == lo)
            take = side > 0 ? 0 : -1, zero = side <= 0;
          else if (level == hi)
            take = side < 0 ? 0 : -1, zero = side >= 0;
          break;
        }
      default:
        break;
      }
  if (zero)
    {
      for (int i = 0; i < n; i++)
        v->g[i] = (ns_result) { 0, 0 };
      return;
    }
  if (take >= 0)
    {
      if ((v->st = sweep_fill (sw, &a[take])) != NS_OK)
        return;
      for (int i = 0; i < n; i++)
        {
          ns_result g = a[take].g[i];
          if (neg)
            g.val = -g.val;
          else if (scale != 1)
            g = sweep_scale (g, scale, 0);
          v->g[i] = g;
        }
      return;
    }
  if (!active && (op == NS_OP_ADD || op == NS_OP_SUB || op == NS_OP_NEG))
    {
      for (int i = 0; i < info->arity; i++)
        if ((v->st = sweep_fill (sw, &a[i])) != NS_OK)
          return;
      for (int i = 0; i < n; i++)
        v->g[i] = op == NS_OP_NEG ? (ns_result) { -a[0].g[i].val, a[0].g[i].err }
          : sweep_add (a[0].g[i], a[1].g[i], op == NS_OP_SUB);
      return;
    }
  /* A product with a constant, or a quotient by one: the other factor's
     gradient scaled, exact where the data are (2*relu(y - z)). */
  int cst = -1;
  if (!active && (op == NS_OP_MUL || op == NS_OP_DIV))
    for (int i = op == NS_OP_DIV ? 1 : 0; i < 2 && cst < 0; i++)
      if (ns_fn_op (ns_fn_arg (f, i)) == NS_OP_CONST && a[i].leaf >= 0
          && isfinite (ns_fn_param (ns_fn_arg (f, i), 0))
          && ns_fn_param (ns_fn_arg (f, i), 0) != 0)
        cst = i;
  if (cst >= 0)
    {
      double c = ns_fn_param (ns_fn_arg (f, cst), 0);
      if ((v->st = sweep_fill (sw, &a[1 - cst])) != NS_OK)
        return;
      for (int i = 0; i < n; i++)
        v->g[i] = sweep_scale (a[1 - cst].g[i], c, op == NS_OP_DIV);
      return;
    }
  /* Any other node: its selection, differentiated. */
  ns_function *s = NULL;
  int at = start;
  v->st = ns_mfn_select_table (f, NULL, sw->t, sides, &at, &s);
  if (v->st == NS_OK)
    v->st = ns_mfn_smooth_gradient (sw->m, s, sw->x, v->g);
  ns_fn_free (s);
}

/* sweep_body, through the memo when HINT is a position with a slot: a
   node whose subtree's sides have not changed since its slot was filled
   gives the slot's value, the sweep of its subtree skipped. */
static void
sweep_node (ns_mfn_sweep *sw, const ns_function *f, const signed char *sides, int *pos,
            int hint, sweep_val *v)
{
  int slot = hint >= 0 ? sw->slot[hint] : -1;
  size_t n = (size_t) sw->m->n;
  if (slot >= 0 && !sw->dirty[hint])
    {
      v->st = sw->memo_st[slot];
      v->leaf = -1;
      v->node = f;
      memcpy (v->g, sw->memo_g + (size_t) slot * n, n * sizeof *v->g);
      *pos = hint + 1;
      return;
    }
  sweep_body (sw, f, sides, pos, hint, v);
  if (slot >= 0)
    {
      /* A node with an active kink at or below it never gives a leaf. */
      sw->memo_st[slot] = v->st == NS_OK && v->leaf >= 0 ? NS_EINVAL : v->st;
      if (v->st == NS_OK)
        memcpy (sw->memo_g + (size_t) slot * n, v->g, n * sizeof *v->g);
      sw->dirty[hint] = 0;
    }
}

/* The parent, subtree size and activity of each node of F, by post-order
   position (*POS the next); returns whether F's subtree holds an active
   node.  Sets the slot of each such node (*NSLOT the next). */
static int
sweep_index (ns_mfn_sweep *sw, const ns_function *f, int *pos, int *nslot)
{
  const ns_op_info *info = ns_op_get (ns_fn_op (f));
  int start = *pos, hot = 0, child[2] = { -1, -1 };
  for (int i = 0; i < info->arity; i++)
    {
      hot |= sweep_index (sw, ns_fn_arg (f, i), pos, nslot);
      child[i] = *pos - 1;
    }
  int here = (*pos)++;
  for (int i = 0; i < info->arity; i++)
    sw->parent[child[i]] = here;
  sw->parent[here] = -1;
  sw->sub[here] = here - start + 1;
  hot |= here < (int) sw->t->size && sw->t->active[here];
  sw->slot[here] = hot ? (*nslot)++ : -1;
  return hot;
}

/* Allocates and fills the memo of SW; 0 when there is no memory (the
   sweep then runs without it). */
static int
sweep_memo_init (ns_mfn_sweep *sw)
{
  int size = tree_size (sw->m->tree), nslot = 0, pos = 0;
  size_t sz = (size_t) size + 1, n = (size_t) sw->m->n;
  sw->parent = malloc (sz * sizeof *sw->parent);
  sw->sub = malloc (sz * sizeof *sw->sub);
  sw->slot = malloc (sz * sizeof *sw->slot);
  sw->dirty = malloc (sz);
  sw->act = malloc (sz * sizeof *sw->act);
  sw->last = calloc (sz, 1);
  if (sw->parent == NULL || sw->sub == NULL || sw->slot == NULL || sw->dirty == NULL
      || sw->act == NULL || sw->last == NULL)
    return 0;
  sweep_index (sw, sw->m->tree, &pos, &nslot);
  sw->nodes = size;
  sw->memo_st = malloc (((size_t) nslot + 1) * sizeof *sw->memo_st);
  sw->memo_g = malloc (((size_t) nslot * n + 1) * sizeof *sw->memo_g);
  if (sw->memo_st == NULL || sw->memo_g == NULL)
    return 0;
  memset (sw->dirty, 1, sz);
  sw->nact = 0;
  for (int p = 0; p < size && p < (int) sw->t->size; p++)
    if (sw->t->active[p])
      sw->act[sw->nact++] = p;
  return 1;
}

/* Frees the memo of SW and marks it absent (MEMO_READY -1 after a failed
   allocation: not tried again). */
static void
sweep_memo_clear (ns_mfn_sweep *sw, int ready)
{
  free (sw->parent);
  free (sw->sub);
  free (sw->slot);
  free (sw->dirty);
  free (sw->act);
  free (sw->last);
  free (sw->memo_st);
  free (sw->memo_g);
  sw->parent = sw->sub = sw->slot = sw->act = NULL;
  sw->dirty = NULL;
  sw->last = NULL;
  sw->memo_st = NULL;
  sw->memo_g = NULL;
  sw->memo_ready = ready;
}

ns_status
ns_mfn_sweep_init (ns_mfn_sweep *sw, const ns_mfn *m, const double *x, const ns_mfn_table *t)
{
  sw->m = m;
  sw->x = x;
  sw->t = t;
  sw->leaf = malloc ((t->size * (size_t) m->n + 1) * sizeof *sw->leaf);
  sw->have = calloc (t->size + 1, 1);
  sw->node = calloc (t->size + 1, sizeof *sw->node);
  sw->size = calloc (t->size + 1, sizeof *sw->size);
  sw->below = malloc ((t->size + 1) * sizeof *sw->below);
  if (sw->below != NULL)
    {
      sw->below[0] = 0;
      for (size_t p = 0; p < t->size; p++)
        sw->below[p + 1] = sw->below[p] + (t->active[p] != 0);
    }
  sw->exact_mode = 0;
  sw->xleaf = NULL;
  sw->xhave = NULL;
  sw->memo_ready = 0;
  sw->parent = sw->sub = sw->slot = sw->act = NULL;
  sw->dirty = NULL;
  sw->last = NULL;
  sw->memo_st = NULL;
  sw->memo_g = NULL;
  if (sw->leaf == NULL || sw->have == NULL || sw->node == NULL || sw->size == NULL
      || sw->below == NULL)
    {
      ns_mfn_sweep_clear (sw);
      return NS_ENOMEM;
    }
  return NS_OK;
}

void
ns_mfn_sweep_clear (ns_mfn_sweep *sw)
{
  free (sw->leaf);
  free (sw->have);
  free (sw->node);
  free (sw->size);
  free (sw->below);
  free (sw->xleaf);
  free (sw->xhave);
  sw->below = NULL;
  sw->xleaf = NULL;
  sw->xhave = NULL;
  sw->leaf = NULL;
  sw->have = NULL;
  sw->node = NULL;
  sw->size = NULL;
  sweep_memo_clear (sw, 0);
}

ns_status
ns_mfn_sweep_gradient (ns_mfn_sweep *sw, const signed char *sides, ns_result *g)
{
  if (sw->memo_ready == 0)
    {
      if (sweep_memo_init (sw))
        sw->memo_ready = 1;
      else
        sweep_memo_clear (sw, -1);
    }
  int root = -1;
  if (sw->memo_ready > 0)
    {
      /* The nodes above a kink whose side changed since the last call
         are stale; a stale node's ancestors are stale already. */
      for (size_t i = 0; i < sw->nact; i++)
        {
          int p = sw->act[i];
          if (sides[p] != sw->last[p])
            {
              sw->last[p] = sides[p];
              for (int q = p; q >= 0 && !sw->dirty[q]; q = sw->parent[q])
                sw->dirty[q] = 1;
            }
        }
      root = sw->nodes - 1;
    }
  sweep_val v;
  int pos = 0;
  sweep_node (sw, sw->m->tree, sides, &pos, root, &v);
  ns_status st = sweep_fill (sw, &v);
  if (st == NS_OK)
    memcpy (g, v.g, (size_t) sw->m->n * sizeof *g);
  else if (sw->memo_ready > 0)
    memset (sw->dirty, 1, (size_t) sw->nodes);   /* start again */
  return st;
}

/* The gradient of the switching quantity of the active node FN at
   post-order position POS (the difference of its arguments' selections
   for max and min, its argument's otherwise), into A: the value
   ns_mfn_quantity_gradient takes, by the sweep. */
static ns_status
sweep_quantity_sized (ns_mfn_sweep *sw, const ns_function *fn, int pos, int size,
                      const signed char *sides, ns_result *a)
{
  ns_op op = ns_fn_op (fn);
  if (op != NS_OP_RELU && op != NS_OP_ABS && op != NS_OP_LEAKY_RELU && op != NS_OP_MAX
      && op != NS_OP_MIN && op != NS_OP_CLAMP)
    return NS_EUNDECIDED;
  int at = pos - size + 1, diff = op == NS_OP_MAX || op == NS_OP_MIN;
  sweep_val v[2];
  ns_status st = NS_OK;
  for (int i = 0; i < 1 + diff && st == NS_OK; i++)
    {
      sweep_node (sw, ns_fn_arg (fn, i), sides, &at, -1, &v[i]);
      st = sweep_fill (sw, &v[i]);
    }
  if (st != NS_OK)
    return st;
  for (int i = 0; i < sw->m->n; i++)
    a[i] = diff ? sweep_add (v[0].g[i], v[1].g[i], 1) : v[0].g[i];
  return NS_OK;
}

static ns_status
sweep_quantity (ns_mfn_sweep *sw, const ns_function *fn, int pos, const signed char *sides,
                ns_result *a)
{
  return sweep_quantity_sized (sw, fn, pos, tree_size (fn), sides, a);
}

/* Room for the exact leaves of the sweep's exact mode; 0 when there is
   none (the callers then use the plain sweep). */
static int
sweep_exact_ready (ns_mfn_sweep *sw)
{
  if (sw->xleaf == NULL)
    {
      size_t size = sw->t->size, n = (size_t) sw->m->n;
      sw->xleaf = malloc ((size * n + 1) * sizeof *sw->xleaf);
      sw->xhave = calloc (size + 1, 1);
      if (sw->xleaf == NULL || sw->xhave == NULL)
        {
          free (sw->xleaf);
          free (sw->xhave);
          sw->xleaf = NULL;
          sw->xhave = NULL;
          return 0;
        }
    }
  return 1;
}

ns_status
ns_mfn_sweep_gradient_exact (ns_mfn_sweep *sw, const signed char *sides, ns_result *g)
{
  if (!sweep_exact_ready (sw))
    return NS_ENOMEM;
  /* The whole tree, without the memo of ns_mfn_sweep_gradient (whose
     values are the plain sweep's). */
  sweep_val v;
  int pos = 0;
  sw->exact_mode = 1;
  sweep_node (sw, sw->m->tree, sides, &pos, -1, &v);
  ns_status st = sweep_fill (sw, &v);
  sw->exact_mode = 0;
  if (st == NS_OK)
    memcpy (g, v.g, (size_t) sw->m->n * sizeof *g);
  return st;
}

ns_status
ns_mfn_sweep_quantity_exact (ns_mfn_sweep *sw, int pos, const signed char *sides,
                             ns_result *a)
{
  if (sw->xleaf == NULL)
    {
      size_t size = sw->t->size, n = (size_t) sw->m->n;
      sw->xleaf = malloc ((size * n + 1) * sizeof *sw->xleaf);
      sw->xhave = calloc (size + 1, 1);
      if (sw->xleaf == NULL || sw->xhave == NULL)
        {
          /* No room for the exact leaves: the sweep as it is (bounds 0
             then only where its own are). */
          free (sw->xleaf);
          free (sw->xhave);
          sw->xleaf = NULL;
          sw->xhave = NULL;
          return ns_mfn_sweep_quantity (sw, pos, sides, a);
        }
    }
  sw->exact_mode = 1;
  ns_status st = ns_mfn_sweep_quantity (sw, pos, sides, a);
  sw->exact_mode = 0;
  return st;
}

ns_status
ns_mfn_sweep_quantity (ns_mfn_sweep *sw, int pos, const signed char *sides, ns_result *a)
{
  if (pos < 0 || (size_t) pos >= sw->t->size)
    return NS_EINVAL;
  if (sw->node[pos] == NULL)
    {
      const ns_function *fn = NULL, *cn = NULL, *ln = NULL;
      int count = 0;
      find_node (sw->m->tree, sw->m->tree, NULL, pos, &count, &fn, &cn, &ln);
      if (fn == NULL)
        return NS_EINVAL;
      sw->node[pos] = fn;
      sw->size[pos] = tree_size (fn);
    }
  return sweep_quantity_sized (sw, sw->node[pos], pos, sw->size[pos], sides, a);
}

ns_status
ns_mfn_quantity_gradient (const ns_mfn *m, const ns_function *c, const ns_function *l,
                          const ns_mfn_table *t, const signed char *sides, const double *x,
                          const double *u, int pos, ns_result *a, int *first)
{
  const ns_function *fn = NULL, *cn = NULL, *ln = NULL;
  int count = 0;
  ns_status st = NS_OK;
  find_node (m->tree, c, l, pos, &count, &fn, &cn, &ln);
  ns_function *q = NULL;
  if (fn == NULL)
    st = NS_EINVAL;   /* not reached: the count was taken on the same trees */
  if (st == NS_OK)
    {
      ns_op op = ns_fn_op (fn);
      if (op != NS_OP_RELU && op != NS_OP_ABS && op != NS_OP_LEAKY_RELU && op != NS_OP_MAX
          && op != NS_OP_MIN && op != NS_OP_CLAMP)
        st = NS_EUNDECIDED;   /* steps and singular primitives: refused by the caller */
    }
  if (st == NS_OK)
    {
      ns_function *s0 = NULL, *s1 = NULL;
      int diff = ns_fn_op (fn) == NS_OP_MAX || ns_fn_op (fn) == NS_OP_MIN;
      if (t != NULL)
        {
          /* The node's subtree takes the post-order positions
             pos - size + 1 ... pos, its first argument's first. */
          int at = pos - tree_size (fn) + 1;
          st = ns_mfn_select_table (ns_fn_arg (fn, 0), ln == NULL ? NULL : ns_fn_arg (ln, 0), t,
                                    sides, &at, &s0);
          if (st == NS_OK && diff)
            st = ns_mfn_select_table (ns_fn_arg (fn, 1), ln == NULL ? NULL : ns_fn_arg (ln, 1),
                                      t, sides, &at, &s1);
        }
      else
        {
          st = ns_mfn_select (ns_fn_arg (fn, 0), ns_fn_arg (cn, 0), ns_fn_arg (ln, 0), &s0);
          if (st == NS_OK && diff)
            st = ns_mfn_select (ns_fn_arg (fn, 1), ns_fn_arg (cn, 1), ns_fn_arg (ln, 1), &s1);
        }
      if (st == NS_OK)
        {
          q = diff ? ns_fn_sub (s0, s1) : s0;
          s0 = s1 = NULL;
          if (q == NULL)
            st = NS_ENOMEM;
        }
      ns_fn_free (s0);
      ns_fn_free (s1);
    }
  if (st == NS_OK)
    st = ns_mfn_smooth_gradient (m, q, x, a);
  if (st == NS_OK)
    {
      /* The first-order term along U is a . u; its sign decides the
         branch when it is not 0. */
      double dot = 0;
      for (int i = 0; i < m->n; i++)
        dot += a[i].val * u[i];
      double err = 0;
      for (int i = 0; i < m->n; i++)
        err += a[i].err * fabs (u[i]) + 2 * DBL_EPSILON * fabs (a[i].val * u[i]);
      *first = fabs (dot) > err;
    }
  ns_fn_free (q);
  return st;
}

ns_status
ns_mfn_active_nodes (const ns_function *c, int *has_step, int *has_singular, int *count,
                     int *pos, int max, int *npos)
{
  ns_op op = ns_fn_op (c);
  const ns_op_info *info = ns_op_get (op);
  for (int i = 0; i < info->arity; i++)
    {
      ns_status st = ns_mfn_active_nodes (ns_fn_arg (c, i), has_step, has_singular, count, pos,
                                          max, npos);
      if (st != NS_OK)
        return st;
    }
  int here = (*count)++, active = 0;
  ns_status st = ns_mfn_node_active (c, &active, NULL);
  if (st != NS_OK || !active || ns_mfn_node_fixed_side (c) != 0)
    return st;   /* a node proven off its level keeps its branch: no switch */
  if (*npos >= max)
    return NS_ELIMIT;
  pos[(*npos)++] = here;
  if (op == NS_OP_HEAVISIDE || op == NS_OP_SIGN || op == NS_OP_FLOOR)
    *has_step = 1;
  else if (op != NS_OP_RELU && op != NS_OP_ABS && op != NS_OP_LEAKY_RELU
           && op != NS_OP_MAX && op != NS_OP_MIN && op != NS_OP_CLAMP)
    *has_singular = 1;
  return NS_OK;
}

/* Whether every row W_j (n entries with bounds) is strictly positive at D
   for every exact row within the bounds: the computed dot product minus
   its rounding (n products and n - 1 additions, each within a relative
   epsilon of its running size: (n + 1) eps times the sum of the moduli
   bounds it, Higham's gamma_n with room) minus the rows' own bounds times
   |d_i|. */
static int
strictly_inside (int n, size_t nrows, const ns_result *w, const double *d)
{
  /* The last row first: callers append the new row, the one a guess
     most often fails, to rows already positive at the guess's origin. */
  for (size_t r = 0; r < nrows; r++)
    {
      size_t j = r == 0 ? nrows - 1 : r - 1;
      double s = 0, mod = 0, e = 0;
      for (int i = 0; i < n; i++)
        {
          double p = w[j * n + i].val * d[i];
          s += p;
          mod += fabs (p);
          e += w[j * n + i].err * fabs (d[i]);
        }
      double bound = (e + 2 * (n + 1) * DBL_EPSILON * mod) * (1 + 4 * DBL_EPSILON);
      if (!(s > bound))
        return 0;
    }
  return 1;
}

/* strictly_inside for rows whose entries outside SPAN[2j] ... SPAN[2j+1]
   - 1 are 0 with bound 0 (the same order of rows and of terms).  Those
   entries add 0 to the dot product, to the moduli and to the bounds when
   D is finite, which leaves the decision as it is (at most the sign of a
   zero sum changes), so they are skipped: the rows of |x_i| and of most
   coordinate kinks have one entry. */
static int
strictly_inside_span (int n, size_t nrows, const ns_result *w, const int *span,
                      const double *d)
{
  for (int i = 0; i < n; i++)
    if (!isfinite (d[i]))
      return strictly_inside (n, nrows, w, d);
  for (size_t r = 0; r < nrows; r++)
    {
      size_t j = r == 0 ? nrows - 1 : r - 1;
      double s = 0, mod = 0, e = 0;
      for (int i = span[2 * j]; i < span[2 * j + 1]; i++)
        {
          double p = w[j * n + i].val * d[i];
          s += p;
          mod += fabs (p);
          e += w[j * n + i].err * fabs (d[i]);
        }
      double bound = (e + 2 * (n + 1) * DBL_EPSILON * mod) * (1 + 4 * DBL_EPSILON);
      if (!(s > bound))
        return 0;
    }
  return 1;
}

/* Scales D (N entries) by a power of two, exactly, so that its largest
   entry is in [1/2, 1): directions from a solve may be of any size. */
static void
normalise (int n, double *d)
{
  double big = 0;
  for (int t = 0; t < n; t++)
    big = fmax (big, fabs (d[t]));
  int e = 0;
  if (big > 0 && isfinite (big))
    {
      frexp (big, &e);
      /* A product by 2^-e, when that is a normal double, rounds as ldexp
         does (both are the exact scaling, rounded once) at a fraction of
         its cost. */
      if (-e >= DBL_MIN_EXP - 1 && -e <= DBL_MAX_EXP - 1)
        {
          double scale = ldexp (1.0, -e);
          for (int t = 0; t < n; t++)
            d[t] *= scale;
        }
      else
        for (int t = 0; t < n; t++)
          d[t] = ldexp (d[t], -e);
    }
}

/* The dot products line_direction needs for both sides of one split:
   the old rows' with the cell's direction (M) and with the new row's
   gradient A (P), and A's with itself and with u.  The side -1 negates
   the new row, which negates P and A . u exactly (rounding is symmetric),
   so both sides share them.  VALID is 0 until they are taken. */
typedef struct line_terms {
  int valid;
  double ww, wu, uu;
  double m[NS_MFN_MAX_ACTIVE], p[NS_MFN_MAX_ACTIVE];
} line_terms;

/* A direction for the open cone of the NR old rows R (N entries each),
   strictly positive at U (the cell's direction), and the new row S * A:
   d = u + tau S A, with tau past the new row's zero (-W.u / W.W, W =
   S A) and short of the first old row's zero along W, the middle of that
   interval (or past the zero by the size of u when no old row limits it).
   O(NR N) once for both sides (LT), no solve; the caller checks D.  0
   when the interval is empty. */
static int
line_direction (int n, size_t nr, const ns_result *r, const int *span, const ns_result *a,
                int s, const double *u, line_terms *lt, double *d)
{
  if (!lt->valid)
    {
      double ww = 0, wu = 0, uu = 0;
      int finite = 1;
      for (int t = 0; t < n; t++)
        {
          ww += a[t].val * a[t].val;
          wu += a[t].val * u[t];
          uu += u[t] * u[t];
          finite = finite && isfinite (a[t].val) && isfinite (u[t]);
        }
      lt->ww = ww;
      lt->wu = wu;
      lt->uu = uu;
      for (size_t j = 0; j < nr; j++)
        {
          /* A row's entries outside its span are 0 and add 0 (at most
             the sign of a zero sum changes, which no test below sees)
             when u and a are finite. */
          double m = 0, p = 0;
          int lo = finite ? span[2 * j] : 0, hi = finite ? span[2 * j + 1] : n;
          for (int t = lo; t < hi; t++)
            {
              m += r[j * n + t].val * u[t];
              p += r[j * n + t].val * a[t].val;
            }
          lt->m[j] = m;
          lt->p[j] = p;
        }
      lt->valid = 1;
    }
  double ww = lt->ww, wu = s * lt->wu, uu = lt->uu;
  if (!(ww > 0) || !isfinite (ww))
    return 0;
  double lo = fmax (0, -wu / ww), hi = HUGE_VAL;
  for (size_t j = 0; j < nr; j++)
    {
      double p = s * lt->p[j];
      if (p < 0)
        hi = fmin (hi, lt->m[j] / -p);
    }
  if (!(lo < hi))
    return 0;
  double tau = isinf (hi) ? 2 * lo + sqrt (uu / ww) : (lo + hi) / 2;
  for (int t = 0; t < n; t++)
    d[t] = u[t] + tau * (s * a[t].val);
  normalise (n, d);
  return 1;
}

/* A direction for the open cone {d : R_j . d > 0} of NR rows (N entries
   each) without a linear program: d = R^T (R R^T)^-1 1, the least-norm
   solution of R d = 1, which is strictly inside when the rows are
   linearly independent (every sign pattern of independent hyperplanes
   is a nonempty cell).  Solved in doubles by Gaussian elimination with
   partial pivoting; nothing is assumed of the rounding: the caller keeps
   D only when strictly_inside checks it with outward rounding.  0 when
   the rows are too many or the system is singular in doubles. */
static int
pinv_direction (int n, size_t nr, const ns_result *r, double *d)
{
  enum { M = NS_MULTI_MAX_VARS };
  if (nr == 0 || nr > (size_t) n || n > M)
    return 0;
  double g[M][M + 1];
  for (size_t a = 0; a < nr; a++)
    {
      for (size_t b = 0; b <= a; b++)
        {
          double dot = 0;
          for (int t = 0; t < n; t++)
            dot += r[a * n + t].val * r[b * n + t].val;
          g[a][b] = g[b][a] = dot;
        }
      g[a][nr] = 1;
    }
  for (size_t c = 0; c < nr; c++)
    {
      size_t piv = c;
      for (size_t a = c + 1; a < nr; a++)
        if (fabs (g[a][c]) > fabs (g[piv][c]))
          piv = a;
      if (!(fabs (g[piv][c]) > 0) || !isfinite (g[piv][c]))
        return 0;
      if (piv != c)
        for (size_t b = c; b <= nr; b++)
          {
            double t = g[c][b];
            g[c][b] = g[piv][b];
            g[piv][b] = t;
          }
      for (size_t a = c + 1; a < nr; a++)
        {
          double f = g[a][c] / g[c][c];
          for (size_t b = c; b <= nr; b++)
            g[a][b] -= f * g[c][b];
        }
    }
  double y[M];
  for (size_t c = nr; c-- > 0;)
    {
      double v = g[c][nr];
      for (size_t b = c + 1; b < nr; b++)
        v -= g[c][b] * y[b];
      y[c] = v / g[c][c];
    }
  for (int t = 0; t < n; t++)
    {
      double v = 0;
      for (size_t a = 0; a < nr; a++)
        v += r[a * n + t].val * y[a];
      d[t] = v;
      if (!isfinite (v))
        return 0;
    }
  normalise (n, d);
  return 1;
}

void
ns_glpk_error (void *info)
{
  longjmp (((ns_glpk_guard *) info)->jump, 1);
}

/* The linear program of lp_cone, set up and solved: 1 nonempty (D
   checked inside), 0 empty, -1 undecided, -2 GLPK failed inside (its
   environment freed).  IND and VAL are scratch of N + 2 entries.  Only
   volatile locals change after setjmp. */
static int
lp_run (int n, size_t nrows, const ns_result *w, double *d, int *ind, double *val)
{
  ns_glpk_guard guard;
  glp_prob *volatile lp = NULL;
  volatile int result = -1;
  glp_term_out (GLP_OFF);
  if (setjmp (guard.jump) != 0)
    {
      /* GLPK failed inside: its environment is unusable and is freed
         whole, the problem with it. */
      glp_free_env ();
      return -2;
    }
  glp_error_hook (ns_glpk_error, &guard);
  lp = glp_create_prob ();
  glp_set_obj_dir (lp, GLP_MAX);
  glp_add_cols (lp, n + 1);
  for (int i = 1; i <= n; i++)
    glp_set_col_bnds (lp, i, GLP_DB, -1.0, 1.0);
  glp_set_col_bnds (lp, n + 1, GLP_UP, 0.0, 1.0);
  glp_set_obj_coef (lp, n + 1, 1.0);
  if (nrows > 0)
    glp_add_rows (lp, (int) nrows);
  for (size_t j = 0; j < nrows; j++)
    {
      double big = 0;
      for (int i = 0; i < n; i++)
        big = fmax (big, fabs (w[j * n + i].val));
      int e = 0;
      if (big > 0)
        frexp (big, &e);
      int len = 0;
      for (int i = 0; i < n; i++)
        if (w[j * n + i].val != 0)
          {
            ind[len + 1] = i + 1;
            val[len + 1] = ldexp (w[j * n + i].val, -e);
            len++;
          }
      ind[len + 1] = n + 1;
      val[len + 1] = -1.0;
      len++;
      glp_set_row_bnds (lp, (int) j + 1, GLP_LO, 0.0, 0.0);
      glp_set_mat_row (lp, (int) j + 1, len, ind, val);
    }
  glp_smcp parm;
  glp_init_smcp (&parm);
  parm.msg_lev = GLP_MSG_OFF;
  if (glp_simplex (lp, &parm) == 0 && glp_get_status (lp) == GLP_OPT
      && glp_get_obj_val (lp) > 0)
    {
      for (int i = 0; i < n; i++)
        d[i] = glp_get_col_prim (lp, i + 1);
      if (strictly_inside (n, nrows, w, d))
        result = 1;
    }
  if (result < 0 && glp_exact (lp, &parm) == 0 && glp_get_status (lp) == GLP_OPT)
    {
      /* The exact optimum converted to a double: 0 exactly when it is 0,
         positive when it is positive (a margin so small that the
         conversion would underflow fails the check below: refused). */
      double m = glp_get_obj_val (lp);
      if (m == 0)
        result = 0;
      else if (m > 0)
        {
          for (int i = 0; i < n; i++)
            d[i] = glp_get_col_prim (lp, i + 1);
          if (strictly_inside (n, nrows, w, d))
            result = 1;
        }
    }
  glp_delete_prob (lp);
  glp_error_hook (NULL, NULL);
  return result;
}

/* Decides whether the open cone {d : W_j . d > 0 for every row j} is
   empty.  *NONEMPTY = 1 with D strictly inside for every exact row within
   the bounds (checked by strictly_inside), or 0 when the largest margin m
   of min_j W_j . d over the box |d_i| <= 1 is exactly 0 for the rows'
   computed values (GLPK's rational simplex reads the doubles exactly).
   Then the exact rows, within their bounds E_j of the computed ones, leave
   a margin of at most max_j sum_i E_ij: the hyperplanes coincide within
   rounding, and the side is taken as empty, the convention by which a
   point within rounding of a kink is on it (ns_mfn_node_active); with
   exact rows (bounds 0) it is empty.  NS_EUNDECIDED when the margin is
   positive but no direction passes the check (a cone too thin to trust),
   NS_ENOMEM.  The LP: maximise m subject to W_j . d - m >= 0,
   -1 <= d_i <= 1, m <= 1; each row scaled by a power of two (exactly) so
   that its largest entry is in [1/2, 1).  The double simplex runs first;
   the exact one only where its answer does not pass the check (an empty
   side, or a thin cone). */
static ns_status
lp_cone (int n, size_t nrows, const ns_result *w, double *d, int *nonempty)
{
  *nonempty = 0;
  int *ind = malloc ((size_t) (n + 2) * sizeof *ind);
  double *val = malloc ((size_t) (n + 2) * sizeof *val);
  if (ind == NULL || val == NULL)
    {
      free (ind);
      free (val);
      return NS_ENOMEM;
    }
  int result = lp_run (n, nrows, w, d, ind, val);
  free (ind);
  free (val);
  if (result < 0)
    return NS_EUNDECIDED;
  *nonempty = result;
  return NS_OK;
}

void
ns_mfn_cells_free (ns_mfn_cells *cells)
{
  if (cells == NULL)
    return;
  free (cells->sign);
  free (cells->normal);
  free (cells->dir);
  free (cells->grad);
  free (cells->cusp);
  free (cells);
}

/* The cells of one level of the split while they are computed.  Each
   distinct row is stored once, in POOL, and a cell holds the index of its
   row for each quantity: the rows of 2^k cells copied per cell are
   megabytes (1024 cells of 10 rows of 10 entries: 1.6 MB, faulted in on
   every call), and most cells share all but one row with their parent. */
typedef struct row_pool {
  int n;
  size_t count, cap;
  ns_result *w;          /* COUNT rows of N entries; row 0 is all 0 */
  unsigned char *zero;   /* whether row r is all 0: no constraint */
  int *span;             /* row r's entries outside span[2r] ... span[2r+1] - 1 are 0 */
  ns_status st;          /* NS_ENOMEM once an append failed */
} row_pool;

typedef struct cell_level {
  int n;
  int nactive;
  size_t count;
  signed char *sign;   /* as in ns_mfn_cells */
  uint32_t *row;       /* row[i*nactive + j]: the pool index of cell i's row j */
  double *dir;         /* as in ns_mfn_cells */
  row_pool *pool;
} cell_level;

/* The entries of the row R (N of them) that are not 0 with bound 0 lie in
   SPAN[0] ... SPAN[1] - 1 (an empty span for a zero row). */
static void
row_span (int n, const ns_result *r, int *span)
{
  int lo = 0, hi = n;
  while (lo < n && r[lo].val == 0 && r[lo].err == 0)
    lo++;
  while (hi > lo && r[hi - 1].val == 0 && r[hi - 1].err == 0)
    hi--;
  span[0] = lo;
  span[1] = hi;
}

static const ns_result *
pool_row (const row_pool *p, uint32_t id)
{
  return p->w + (size_t) id * (size_t) p->n;
}

/* The index of row R (N entries) in P: one of the last two rows when it
   is the same bit for bit (a quantity with one gradient on every cell
   gives the rows +a and -a in turn), otherwise appended.  On failure 0
   (a valid row) and P->ST set. */
static uint32_t
pool_add (row_pool *p, const ns_result *r)
{
  size_t n = (size_t) p->n, bytes = n * sizeof *r;
  for (size_t back = 1; back <= 2 && back <= p->count; back++)
    if (memcmp (p->w + (p->count - back) * n, r, bytes) == 0)
      return (uint32_t) (p->count - back);
  if (p->count >= UINT32_MAX)
    {
      p->st = NS_ENOMEM;
      return 0;
    }
  if (p->count == p->cap)
    {
      size_t cap = p->cap < 16 ? 16 : 2 * p->cap;
      ns_result *w = realloc (p->w, (cap * n + 1) * sizeof *w);
      if (w != NULL)
        p->w = w;
      unsigned char *z = realloc (p->zero, cap + 1);
      if (z != NULL)
        p->zero = z;
      int *sp = realloc (p->span, (2 * cap + 2) * sizeof *sp);
      if (sp != NULL)
        p->span = sp;
      if (w == NULL || z == NULL || sp == NULL)
        {
          p->st = NS_ENOMEM;
          return 0;
        }
      p->cap = cap;
    }
  int zero = 1;
  for (size_t t = 0; t < n; t++)
    zero = zero && r[t].val == 0 && r[t].err == 0;
  memcpy (p->w + p->count * n, r, bytes);
  p->zero[p->count] = (unsigned char) zero;
  row_span (p->n, r, p->span + 2 * p->count);
  return (uint32_t) p->count++;
}

static void
level_free (cell_level *c)
{
  free (c->sign);
  free (c->row);
  free (c->dir);
  c->sign = NULL;
  c->row = NULL;
  c->dir = NULL;
}

/* Room for CAP cells of N variables and K quantities in C's arrays, their
   contents kept (KEEP) or dropped: fresh arrays then, since realloc would
   copy the old level for nothing. */
static ns_status
cells_reserve (cell_level *c, size_t cap, int keep)
{
  size_t n = (size_t) c->n, k = (size_t) c->nactive;
  if (!keep)
    level_free (c);
  signed char *s = realloc (c->sign, cap * k + 1);
  if (s != NULL)
    c->sign = s;
  uint32_t *r = realloc (c->row, (cap * k + 1) * sizeof *r);
  if (r != NULL)
    c->row = r;
  double *d = realloc (c->dir, (cap * n + 1) * sizeof *d);
  if (d != NULL)
    c->dir = d;
  return s == NULL || r == NULL || d == NULL ? NS_ENOMEM : NS_OK;
}

/* Appends to NEXT (holding *NNEXT cells, room for CAP) the child of cell
   I of C whose quantity J has side S (normal S * A) with direction D. */
static void
cells_push (const cell_level *c, size_t i, int j, int s, const ns_result *a,
            const double *d, cell_level *next, size_t *nnext)
{
  size_t n = (size_t) c->n, k = (size_t) c->nactive, o = *nnext;
  memcpy (next->sign + o * k, c->sign + i * k, (size_t) j);
  next->sign[o * k + (size_t) j] = (signed char) s;
  memcpy (next->row + o * k, c->row + i * k, (size_t) j * sizeof *c->row);
  ns_result w[NS_MULTI_MAX_VARS];
  for (size_t t = 0; t < n; t++)
    {
      w[t].val = s * a[t].val;
      w[t].err = a[t].err;
    }
  next->row[o * k + (size_t) j] = pool_add (next->pool, w);
  memcpy (next->dir + o * n, d, n * sizeof (double));
  (*nnext)++;
}

/* Whether the trees A and B are the same expression: the same
   operations, parameters and constants (bit for bit) and the same
   variable leaves. */
static int
trees_equal (const ns_function *a, const ns_function *b)
{
  if (a == b)
    return 1;
  ns_op op = ns_fn_op (a);
  if (op != ns_fn_op (b) || op == NS_OP_X)
    return 0;   /* variable leaves are shared objects: equal only when the same */
  const ns_op_info *info = ns_op_get (op);
  for (int i = 0; i < info->nparams; i++)
    {
      double pa = ns_fn_param (a, i), pb = ns_fn_param (b, i);
      if (memcmp (&pa, &pb, sizeof pa) != 0)
        return 0;
    }
  for (int i = 0; i < info->arity; i++)
    if (!trees_equal (ns_fn_arg (a, i), ns_fn_arg (b, i)))
      return 0;
  return 1;
}

/* Whether the active node at post-order position POS of F is a max or
   min whose two arguments, with the kinks below on the sides SIDES, are
   the same expression: its quantity is then 0 on the whole cell and
   either branch is f's (max(x + y + z, x + y + z)). */
static int
branches_identical (const ns_mfn *f, const ns_mfn_table *t, const signed char *sides, int pos)
{
  const ns_function *fn = NULL, *cn = NULL, *ln = NULL;
  int count = 0;
  find_node (f->tree, f->tree, NULL, pos, &count, &fn, &cn, &ln);
  if (fn == NULL || (ns_fn_op (fn) != NS_OP_MAX && ns_fn_op (fn) != NS_OP_MIN))
    return 0;
  ns_function *s0 = NULL, *s1 = NULL;
  int at = pos - tree_size (fn) + 1;
  int same = ns_mfn_select_table (ns_fn_arg (fn, 0), NULL, t, sides, &at, &s0) == NS_OK
    && ns_mfn_select_table (ns_fn_arg (fn, 1), NULL, t, sides, &at, &s1) == NS_OK
    && trees_equal (s0, s1);
  ns_fn_free (s0);
  ns_fn_free (s1);
  return same;
}

/* Copies the first NROWS rows of cell I of C that are not all 0 to OUT
   (N entries each); returns their number.  A zero row stands for a
   quantity that is 0 on the whole cell (branches_identical): no
   constraint. */
static size_t
nonzero_rows (const cell_level *c, size_t i, size_t nrows, ns_result *out, int *span)
{
  size_t k = 0, n = (size_t) c->n;
  const uint32_t *ids = c->row + i * (size_t) c->nactive;
  for (size_t j = 0; j < nrows; j++)
    if (!c->pool->zero[ids[j]])
      {
        if (span != NULL)
          memcpy (span + 2 * k, c->pool->span + 2 * (size_t) ids[j], 2 * sizeof *span);
        memcpy (out + k++ * n, pool_row (c->pool, ids[j]), n * sizeof *out);
      }
  return k;
}

/* Whether the subtree F (its first post-order position *POS) is, at first
   order at x, convex (MAXLIKE) or concave (otherwise) by its form: no
   active kink (a smooth function, linear at first order), a sum of such,
   a max (a min) of such, or for convex relu or |.| of a smooth argument.
   Sufficient, not necessary. */
static int
first_order_convex (const ns_function *f, const ns_mfn_table *t, int *pos, int maxlike)
{
  const ns_op_info *info = ns_op_get (ns_fn_op (f));
  int ok = 1, smooth = 1;
  for (int i = 0; i < info->arity; i++)
    {
      int before = *pos, below = 0;
      int c = first_order_convex (ns_fn_arg (f, i), t, pos, maxlike);
      for (int p = before; p < *pos; p++)
        below = below || (p < (int) t->size && t->active[p]);
      ok = ok && c;
      smooth = smooth && !below;
    }
  int here = (*pos)++;
  int active = here < (int) t->size && t->active[here];
  if (!active && smooth)
    return 1;
  if (!ok)
    return 0;
  ns_op op = ns_fn_op (f);
  if (!active)
    return op == NS_OP_ADD;
  if (op == (maxlike ? NS_OP_MAX : NS_OP_MIN))
    return 1;
  return maxlike && smooth && (op == NS_OP_RELU || op == NS_OP_ABS);
}

/* Merges the cells of NEXT split by the max or min FN (quantity J at
   post-order position POS[J]) whose selections differ only by kinks
   inside the argument FN does not take on them.  Such cells, children of
   the cells CUR with the same signs outside that argument U (a "group"),
   make up C ∩ {T > U} (max; {T < U} for min; T the argument taken, C the
   cells of the group's signs, the same rows outside U on every member):
   when U is convex (concave) at first order
   by its form, U is the largest (least) of its pieces on the group, and
   the union is the cone with one row T - U_u (U_u - T) per distinct piece
   U_u, one row per slot of U's kinks and of J when they suffice.  The
   merged cell keeps its first member's signs and direction, the
   direction checked inside the new rows; otherwise nothing is merged.
   Only where T itself has no active kink (max(max(...), x_k) keeps the
   branch x_k): with kinks on both sides, cells merged inside T were
   grouped by U's signs, and the random trees of tests/test_cells_fast.c
   found Fréchet sets that were wrong.  Cells stay a partition; nested
   maxima keep k + 1 cells, not 2^k. */
static ns_status
merge_untaken (ns_mfn_sweep *sw, const ns_function *fn, const int *pos, int j,
               const cell_level *cur, cell_level *next, signed char *sides)
{
  ns_op op = ns_fn_op (fn);
  if ((op != NS_OP_MAX && op != NS_OP_MIN) || next->count < 2)
    return NS_OK;
  int n = cur->n;
  size_t k = (size_t) cur->nactive;
  int start[2], end[2];
  start[0] = pos[j] - tree_size (fn) + 1;
  end[0] = start[0] + tree_size (ns_fn_arg (fn, 0)) - 1;
  start[1] = end[0] + 1;
  end[1] = pos[j] - 1;
  unsigned char *gone = calloc (next->count + 1, 1);
  if (gone == NULL)
    return NS_ENOMEM;
  ns_status st = NS_OK;
  for (int s = 1; s >= -1 && st == NS_OK; s -= 2)
    {
      /* max: side +1 takes the first argument; min: side +1 the second. */
      int taken = op == NS_OP_MAX ? (s > 0 ? 0 : 1) : (s > 0 ? 1 : 0), un = 1 - taken;
      int inu[NS_MFN_MAX_ACTIVE], nu = 0;
      for (int q = 0; q < j; q++)
        {
          inu[q] = pos[q] >= start[un] && pos[q] <= end[un];
          nu += inu[q];
        }
      int nt = 0;
      for (int q = 0; q < j; q++)
        nt += pos[q] >= start[taken] && pos[q] <= end[taken];
      int at = start[un];
      if (nu == 0 || nt > 0 || !first_order_convex (ns_fn_arg (fn, un), sw->t, &at, op == NS_OP_MAX))
        continue;
      for (size_t a = 0; a < next->count && st == NS_OK; a++)
        {
          const signed char *sa = next->sign + a * k;
          if (gone[a] || sa[j] != s)
            continue;
          /* The group: the other children on side S with the same signs
             outside U. */
          size_t members = 0;
          for (size_t b = a + 1; b < next->count; b++)
            {
              const signed char *sb = next->sign + b * k;
              int same = !gone[b] && sb[j] == s;
              for (int q = 0; q < j && same; q++)
                same = inu[q] || sa[q] == sb[q];
              members += same;
            }
          if (members == 0)
            continue;
          /* T's gradient (its kinks' signs are the group's) and U's
             pieces on the parent cells of the group. */
          sweep_val vt, vu;
          for (int q = 0; q < j; q++)
            sides[pos[q]] = sa[q];
          at = start[taken];
          sweep_node (sw, ns_fn_arg (fn, taken), sides, &at, -1, &vt);
          if ((st = sweep_fill (sw, &vt)) != NS_OK)
            break;
          ns_result rows[(NS_MFN_MAX_ACTIVE + 1) * NS_MULTI_MAX_VARS];
          int nrows = 0, fits = 1;
          const uint32_t *first = NULL;
          for (size_t i = 0; i < cur->count && fits; i++)
            {
              const signed char *si = cur->sign + i * k;
              int same = 1;
              for (int q = 0; q < j && same; q++)
                same = inu[q] || sa[q] == si[q];
              if (!same)
                continue;
              /* The rows outside U must be the same on the whole group
                 (C one cone): an earlier merge's rows depend on the pieces
                 its own group had, which may differ with U's signs. */
              const uint32_t *wi = cur->row + i * k;
              if (first == NULL)
                first = wi;
              for (int q = 0; q < j && fits; q++)
                if (!inu[q] && first[q] != wi[q])
                  fits = memcmp (pool_row (cur->pool, first[q]), pool_row (cur->pool, wi[q]),
                                 (size_t) n * sizeof (ns_result)) == 0;
              if (!fits)
                break;
              for (int q = 0; q < j; q++)
                sides[pos[q]] = si[q];
              at = start[un];
              sweep_node (sw, ns_fn_arg (fn, un), sides, &at, -1, &vu);
              if ((st = sweep_fill (sw, &vu)) != NS_OK)
                break;
              ns_result r[NS_MULTI_MAX_VARS];
              int zero = 1;
              for (int t = 0; t < n; t++)
                {
                  r[t] = op == NS_OP_MAX ? sweep_add (vt.g[t], vu.g[t], 1)
                    : sweep_add (vu.g[t], vt.g[t], 1);
                  zero = zero && r[t].val == 0;
                }
              int dup = 0;
              for (int m = 0; m < nrows && !dup; m++)
                {
                  dup = 1;
                  for (int t = 0; t < n && dup; t++)
                    dup = rows[m * n + t].val == r[t].val && rows[m * n + t].err == r[t].err;
                }
              if (zero)
                fits = 0;   /* a piece equal to T: U's quantity vanishes, not merged */
              else if (!dup)
                {
                  if (nrows >= nu + 1)
                    fits = 0;
                  else
                    memcpy (rows + (size_t) nrows++ * n, r, (size_t) n * sizeof *r);
                }
            }
          if (st != NS_OK)
            break;
          if (!fits)
            continue;
          /* The merged cell: slots j and U's kinks get the pieces' rows
             (zero rows where there are fewer), the others stay. */
          uint32_t *w = next->row + a * k;
          uint32_t saved[NS_MFN_MAX_ACTIVE];
          memcpy (saved, w, k * sizeof *w);
          int m = 0;
          for (int q = 0; q <= j; q++)
            if (q == j || inu[q])
              {
                /* Row 0 of the pool is the zero row. */
                w[q] = m < nrows ? pool_add (next->pool, rows + (size_t) m * n) : 0;
                m++;
              }
          if ((st = next->pool->st) != NS_OK)
            break;
          ns_result nz[(NS_MFN_MAX_ACTIVE + 1) * NS_MULTI_MAX_VARS];
          size_t nnz = nonzero_rows (next, a, (size_t) j + 1, nz, NULL);
          if (!strictly_inside (n, nnz, nz, next->dir + a * (size_t) n))
            {
              memcpy (w, saved, k * sizeof *w);
              continue;
            }
          for (size_t b = a + 1; b < next->count; b++)
            {
              const signed char *sb = next->sign + b * k;
              int same = !gone[b] && sb[j] == s;
              for (int q = 0; q < j && same; q++)
                same = inu[q] || sa[q] == sb[q];
              if (same)
                gone[b] = 1;
            }
        }
    }
  if (st == NS_OK)
    {
      size_t o = 0;
      for (size_t b = 0; b < next->count; b++)
        if (!gone[b])
          {
            if (o != b)
              {
                memmove (next->sign + o * k, next->sign + b * k, k);
                memmove (next->row + o * k, next->row + b * k, k * sizeof *next->row);
                memmove (next->dir + o * (size_t) n, next->dir + b * (size_t) n,
                         (size_t) n * sizeof (double));
              }
            o++;
          }
      next->count = o;
    }
  free (gone);
  return st;
}

/* Whether quantity J and every quantity before it with a nonzero row
   among the J rows W (N entries each) of a cell have piecewise affine
   arguments (AFFINE): then the cone of those rows is the true region near
   x, and an empty cone an empty region.  A zero row (a quantity with a
   zero gradient, kept unsplit) bounds nothing. */
static int
rows_affine (const ns_result *w, int j, int n, const int *affine)
{
  if (!affine[j])
    return 0;
  for (int q = 0; q < j; q++)
    {
      int zero = 1;
      for (int t = 0; t < n; t++)
        zero = zero && w[q * n + t].val == 0 && w[q * n + t].err == 0;
      if (!zero && !affine[q])
        return 0;
    }
  return 1;
}

/* Appends to *CUSP (*NCUSP gradients of N entries) the gradient of the
   selection on SIDES, unless it is there already. */
static ns_status
cusp_add (ns_mfn_sweep *sw, const signed char *sides, int n, ns_result **cusp, size_t *ncusp)
{
  ns_result g[NS_MULTI_MAX_VARS];
  ns_status st = ns_mfn_sweep_gradient (sw, sides, g);
  if (st != NS_OK)
    return st;
  ns_mfn_exact_gradient (sw->m, sw->t, sides, sw->x, g);
  for (size_t c = 0; c < *ncusp; c++)
    {
      int same = 1;
      for (int t = 0; t < n && same; t++)
        same = (*cusp)[c * n + t].val == g[t].val && (*cusp)[c * n + t].err == g[t].err;
      if (same)
        return NS_OK;
    }
  ns_result *more = realloc (*cusp, (*ncusp + 1) * (size_t) n * sizeof *more);
  if (more == NULL)
    return NS_ENOMEM;
  memcpy (more + *ncusp * (size_t) n, g, (size_t) n * sizeof *g);
  *cusp = more;
  (*ncusp)++;
  return NS_OK;
}

/* ns_mfn_cells_compute, the cells' rows (NORMAL) written out only when
   NORMALS: the limiting gradients need the cells' gradients alone. */
static ns_status
cells_compute (const ns_mfn *f, const ns_function *c, const double *x, const int *pos,
               int nactive, int normals, ns_mfn_cells **out)
{
  *out = NULL;
  int n = f->n;
  row_pool pool = { n, 0, 0, NULL, NULL, NULL, NS_OK };
  cell_level levels[2] = { { n, nactive, 0, NULL, NULL, NULL, &pool },
                           { n, nactive, 0, NULL, NULL, NULL, &pool } };
  cell_level *cur = &levels[0], *next = &levels[1];
  ns_mfn_cells *res = NULL;
  ns_status st = NS_OK;
  {
    /* Row 0: the zero row. */
    ns_result z[NS_MULTI_MAX_VARS] = { { 0, 0 } };
    pool_add (&pool, z);
    st = pool.st;
  }
  /* Which nodes are active is decided once, not in every selection. */
  ns_mfn_table table = { 0, 0, NULL, NULL };
  ns_result *cusp = NULL;
  size_t ncusp = 0;
  /* Which quantities have piecewise affine arguments: a cone of their
     rows that is empty is empty near x (ns_mfn_active_affine_each). */
  int affine[NS_MFN_MAX_ACTIVE];
  ns_mfn_active_affine_each (f, pos, nactive, affine);
  signed char *sides = NULL;
  if (st == NS_OK)
    st = ns_mfn_active_table (c, &table);
  if (st == NS_OK)
    ns_mfn_table_fix_dropped (&table, pos, nactive);
  if (st == NS_OK && (sides = calloc (table.size + 1, 1)) == NULL)
    st = NS_ENOMEM;
  ns_mfn_sweep sweep = { 0 };
  if (st == NS_OK)
    st = ns_mfn_sweep_init (&sweep, f, x, &table);
  ns_result *scratch = malloc (((size_t) (nactive + 1) * (size_t) n + 1) * sizeof *scratch);
  if (st == NS_OK && scratch == NULL)
    st = NS_ENOMEM;
  size_t cur_cap = 16, next_cap = 16;
  if (st == NS_OK)
    st = cells_reserve (cur, cur_cap, 0);
  if (st == NS_OK)
    st = cells_reserve (next, next_cap, 0);
  if (st == NS_OK)
    {
      /* One cell, all of R^n: any direction is inside it. */
      cur->count = 1;
      for (int i = 0; i < n; i++)
        cur->dir[i] = i == 0 ? 1 : 0;
    }
  ns_result a[NS_MULTI_MAX_VARS];
  double d[NS_MULTI_MAX_VARS];
  for (int j = 0; j < nactive && st == NS_OK; j++)
    {
      next->count = 0;
      /* Room for every child of this level at once (each cell has at
         most two), in fresh arrays: the old contents are not needed. */
      size_t room = 2 * cur->count < NS_MFN_MAX_CELLS ? 2 * cur->count : NS_MFN_MAX_CELLS;
      if (room > next_cap)
        {
          if ((st = cells_reserve (next, room, 0)) != NS_OK)
            break;
          next_cap = room;
        }
      /* A quantity with no active kink below it (relu of an affine map,
         |x_i|) is the same smooth function on every cell: its gradient
         is taken once. */
      int shared = !has_active_below (f->tree, pos, j), have = 0;
      const ns_function *fn = NULL, *cn = NULL, *ln = NULL;
      int count = 0;
      find_node (f->tree, c, NULL, pos[j], &count, &fn, &cn, &ln);
      for (size_t i = 0; i < cur->count && st == NS_OK; i++)
        {
          if (next->count + 2 > next_cap)
            {
              if (next_cap >= NS_MFN_MAX_CELLS)
                {
                  st = NS_ELIMIT;
                  break;
                }
              /* Room for every child of this level at once (each cell
                 has at most two), not by doublings: the arrays of 2^k
                 cells are megabytes, and each copy costs. */
              size_t want = 2 * next_cap > 2 * cur->count ? 2 * next_cap : 2 * cur->count;
              next_cap = want < NS_MFN_MAX_CELLS ? want : NS_MFN_MAX_CELLS;
              if ((st = cells_reserve (next, next_cap, 1)) != NS_OK)
                break;
            }
          /* On the open cell every inner kink keeps its branch, so the
             quantity of node j is one smooth function there, with the
             gradient its selection along the cell's direction has. */
          const double *u = cur->dir + i * (size_t) n;
          if (!shared || !have)
            {
              /* The inner kinks' sides are the cell's signs: no germ and
                 no line tree needed to select their branches. */
              for (int q = 0; q < j; q++)
                sides[pos[q]] = cur->sign[i * (size_t) nactive + (size_t) q];
              st = fn == NULL ? NS_EINVAL : sweep_quantity (&sweep, fn, pos[j], sides, a);
              if (st != NS_OK)
                break;
              have = 1;
            }
          int vanishes = 1;
          for (int t = 0; t < n; t++)
            vanishes = vanishes && fabs (a[t].val) <= a[t].err;
          if (vanishes)
            {
              /* The quantity vanishes to first order (within its bound)
                 on the whole cell: its sign is a matter of higher order.
                 When its gradient is 0 exactly, both branches give every
                 selection the same gradient at x
                 (ns_mfn_quantity_zero_gradient:
                 relu(x^2 - y^2) at 0), and when it is 0 identically (a
                 max or min of the same expression twice) either branch
                 is f's: then the cell is not split and its row for this
                 quantity is 0 (no constraint).  Otherwise (a gradient
                 only below its rounding bound) it is not decided. */
              if (!ns_mfn_quantity_zero_gradient (f, &table, sides, x, pos[j], a)
                  && !branches_identical (f, &table, sides, pos[j]))
                {
                  st = NS_EUNDECIDED;
                  break;
                }
              ns_result z[NS_MULTI_MAX_VARS] = { { 0, 0 } };
              cells_push (cur, i, j, 1, z, u, next, &next->count);
              continue;
            }
          /* The side the cell's direction is on keeps that direction
             when the new row is strictly positive there (the old rows
             were checked when it was found). */
          /* The old rows, copied to SCRATCH once per cell when a side
             needs them (both sides usually do). */
          size_t nr = SIZE_MAX;
          int span[2 * (NS_MFN_MAX_ACTIVE + 1)];
          line_terms lt;
          lt.valid = 0;
          lt.ww = lt.wu = lt.uu = 0;
          for (int s = 1; s >= -1 && st == NS_OK; s -= 2)
            {
              ns_result w1[NS_MULTI_MAX_VARS];
              for (int t = 0; t < n; t++)
                {
                  w1[t].val = s * a[t].val;
                  w1[t].err = a[t].err;
                }
              if (strictly_inside (n, 1, w1, u))
                {
                  cells_push (cur, i, j, s, a, u, next, &next->count);
                  continue;
                }
              /* Otherwise, cheapest first, each checked like any
                 direction: the mirror image of u in the hyperplane,
                 u - 2 (a . u / a . a) a (on the other side, and inside
                 the old rows when the hyperplane cuts the cell near u:
                 an orthant's split); u moved along the new row as far
                 as the old rows allow; the least-norm solution of
                 R d = 1 (inside when the rows are independent); then a
                 linear program over the old rows and the new one
                 decides the side. */
              if (nr == SIZE_MAX)
                {
                  nr = nonzero_rows (cur, i, (size_t) j, scratch, span);
                  row_span (n, a, span + 2 * nr);
                }
              memcpy (scratch + nr * (size_t) n, w1, (size_t) n * sizeof *scratch);
              double aa = 0, au = 0;
              for (int t = 0; t < n; t++)
                {
                  aa += a[t].val * a[t].val;
                  au += a[t].val * u[t];
                }
              /* With a . u = 0 the mirror image is u itself, which the
                 new row was just found not to be positive at. */
              if (aa > 0 && au != 0)
                {
                  for (int t = 0; t < n; t++)
                    d[t] = u[t] - 2 * (au / aa) * a[t].val;
                  if (strictly_inside_span (n, nr + 1, scratch, span, d))
                    {
                      cells_push (cur, i, j, s, a, d, next, &next->count);
                      continue;
                    }
                }
              if ((line_direction (n, nr, scratch, span, a, s, u, &lt, d)
                   && strictly_inside_span (n, nr + 1, scratch, span, d))
                  || (pinv_direction (n, nr + 1, scratch, d)
                      && strictly_inside_span (n, nr + 1, scratch, span, d)))
                {
                  cells_push (cur, i, j, s, a, d, next, &next->count);
                  continue;
                }
              int nonempty = 0;
              st = lp_cone (n, nr + 1, scratch, d, &nonempty);
              /* An empty side is empty near x only where the cones are
                 the true regions: with a quantity that is not piecewise
                 affine, hyperplanes that coincide at first order may
                 bound a cusp between two tangent zero curves
                 (relu(y - x^2) - relu(y + x^2) at 0). */
              ns_result *wrows = NULL;
              if (st == NS_OK && !nonempty)
                {
                  /* The cell's rows, written out from the pool for the
                     rare curved case. */
                  wrows = malloc (((size_t) j * (size_t) n + 1) * sizeof *wrows);
                  if (wrows == NULL)
                    st = NS_ENOMEM;
                  for (int q = 0; q < j && st == NS_OK; q++)
                    memcpy (wrows + (size_t) q * (size_t) n,
                            pool_row (cur->pool, cur->row[i * (size_t) nactive + (size_t) q]),
                            (size_t) n * sizeof *wrows);
                }
              if (st == NS_OK && !nonempty && !rows_affine (wrows, j, n, affine))
                {
                  /* Curved quantities: decided at second order where
                     the new row is opposite one old row (empty, or a
                     cusp whose selection's gradient is kept when J is
                     the last quantity), else refused. */
                  int r = ns_mfn_second_side (f, &table, sides, x, pos, j, cur->sign + i * (size_t) nactive,
                                              wrows, u, s);
                  if (r == NS_SECOND_CUSP && j == nactive - 1)
                    {
                      sides[pos[j]] = (signed char) s;
                      st = cusp_add (&sweep, sides, n, &cusp, &ncusp);
                    }
                  else if (r != NS_SECOND_EMPTY)
                    st = NS_EUNDECIDED;
                }
              free (wrows);
              if (st == NS_OK && nonempty)
                cells_push (cur, i, j, s, a, d, next, &next->count);
            }
        }
      if (st == NS_OK)
        st = pool.st;
      /* Kinks inside the branch a max or min does not take no longer
         split its cells. */
      if (st == NS_OK && fn != NULL)
        st = merge_untaken (&sweep, fn, pos, j, cur, next, sides);
      cell_level *t = cur;
      cur = next;
      next = t;
      size_t tc = cur_cap;
      cur_cap = next_cap;
      next_cap = tc;
    }
  /* The cells out: their signs and directions as they are, their rows
     written out (when asked for) from the pool. */
  /* The old level's arrays go before the gradients' are taken: a
     smaller peak of the heap, which glibc then keeps from call to call
     instead of trimming it and faulting it in again. */
  level_free (next);
  if (st == NS_OK && (res = calloc (1, sizeof *res)) == NULL)
    st = NS_ENOMEM;
  if (st == NS_OK)
    {
      size_t k = (size_t) nactive, m = cur->count;
      res->n = n;
      res->nactive = nactive;
      res->count = m;
      res->sign = cur->sign;
      cur->sign = NULL;
      if (normals)
        {
          res->dir = cur->dir;
          cur->dir = NULL;
        }
      if (normals)
        res->normal = malloc ((m * k * (size_t) n + 1) * sizeof *res->normal);
      if (normals && res->normal == NULL)
        st = NS_ENOMEM;
      for (size_t i = 0; i < m && normals && st == NS_OK; i++)
        for (size_t j = 0; j < k; j++)
          memcpy (res->normal + (i * k + j) * (size_t) n, pool_row (&pool, cur->row[i * k + j]),
                  (size_t) n * sizeof *res->normal);
    }
  level_free (cur);
  free (pool.w);
  free (pool.zero);
  free (pool.span);
  pool.w = NULL;
  pool.zero = NULL;
  pool.span = NULL;
  if (st == NS_OK
      && (res->grad = malloc ((res->count * (size_t) n + 1) * sizeof *res->grad)) == NULL)
    st = NS_ENOMEM;
  /* The selection on each cell, its every kink on the cell's side, and
     its gradient. */
  for (size_t i = 0; st == NS_OK && i < res->count; i++)
    {
      for (int q = 0; q < nactive; q++)
        sides[pos[q]] = res->sign[i * (size_t) nactive + (size_t) q];
      st = ns_mfn_sweep_gradient (&sweep, sides, res->grad + i * (size_t) n);
      /* Exact where the selection's derivative is rational and a double:
         a bound of 0 lets the hulls decide flat sets. */
      if (st == NS_OK)
        ns_mfn_exact_gradient (f, &table, sides, x, res->grad + i * (size_t) n);
    }
  ns_mfn_sweep_clear (&sweep);
  level_free (cur);
  level_free (next);
  free (pool.w);
  free (pool.zero);
  free (pool.span);
  ns_mfn_table_clear (&table);
  free (sides);
  free (scratch);
  if (st != NS_OK)
    {
      free (cusp);
      ns_mfn_cells_free (res);
      return st;
    }
  res->cusp = cusp;
  res->ncusp = ncusp;
  *out = res;
  return NS_OK;
}

ns_status
ns_mfn_cells_compute (const ns_mfn *f, const ns_function *c, const double *x, const int *pos,
                      int nactive, ns_mfn_cells **out)
{
  return cells_compute (f, c, x, pos, nactive, 1, out);
}

ns_status
ns_mfn_active_at (const ns_mfn *f, const double *x, ns_function **c, int *pos, int *nactive)
{
  *nactive = 0;
  ns_status st = ns_mfn_restrict (f, x, NULL, c);
  ns_result fx;
  if (st == NS_OK)
    st = ns_fn_eval (*c, 0.0, &fx);
  int has_step = 0, has_singular = 0, nodes = 0;
  if (st == NS_OK)
    st = ns_mfn_active_nodes (*c, &has_step, &has_singular, &nodes, pos, NS_MFN_MAX_ACTIVE,
                              nactive);
  if (st == NS_OK && has_step)
    st = NS_ENOTLIPSCHITZ;   /* a jump may pass through x */
  else if (st == NS_OK && has_singular)
    st = NS_EUNDECIDED;      /* a root, logarithm or denominator at its zero */
  if (st == NS_OK)
    *nactive = ns_mfn_drop_constant (f, pos, *nactive);
  return st;
}

static ns_status
cells_at (const ns_mfn *f, const double *x, int normals, ns_mfn_cells **out)
{
  *out = NULL;
  ns_function *c = NULL;
  int nactive = 0, pos[NS_MFN_MAX_ACTIVE];
  ns_status st = ns_mfn_active_at (f, x, &c, pos, &nactive);
  if (st == NS_OK)
    st = cells_compute (f, c, x, pos, nactive, normals, out);
  ns_fn_free (c);
  return st;
}

ns_status
ns_mfn_cells_at (const ns_mfn *f, const double *x, ns_mfn_cells **out)
{
  return cells_at (f, x, 1, out);
}

ns_status
ns_mfn_cells_gradients_at (const ns_mfn *f, const double *x, ns_mfn_cells **out)
{
  return cells_at (f, x, 0, out);
}
