/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/ad/ad.c: reverse- and forward-mode derivatives of a function tree
   under a named kink convention, over a tape of the tree, for one
   variable or several (the rule table lives here once); the comparison of
   each preset with the Clarke subdifferential.  The presets are in
   lib/ad/ad_presets.c. */
#include <config.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/ad.h>
#include <nonsmooth/subdiff.h>
#include "ad/ad_impl.h"

/* ------------------------------------------------------------------ tape

   The tree is recorded once, children before parents, each distinct node
   once (a subtree shared through ns_fn_ref is one node, as a tensor used
   twice is one node of a framework's graph).  Both sweeps run over it. */

typedef struct tape_node {
  const ns_function *f;
  ns_op op;
  int var;           /* an NS_OP_X node: its variable (0-based); else -1 */
  int arg[2];        /* tape indices of the arguments, -1 for none */
  double v;          /* the value */
  int dep;           /* 1 when the value depends on x */
  double d;          /* the tangent (forward) or the adjoint (reverse) */
  int has_d;         /* 0: a symbolic zero, no term at all */
  double c1, cf, c2; /* its symbolic part under symbolic kinks (see sym) */
} tape_node;

#define TAPE_LOCAL 64     /* nodes held on the stack before the heap is used */

typedef struct tape {
  tape_node *node;
  size_t n, cap;
  int *slot;         /* open-addressing hash of node pointers -> index */
  size_t nslot;      /* a power of two, at least twice n */
  tape_node local_node[TAPE_LOCAL];
  int local_slot[2 * TAPE_LOCAL];
} tape;

static void
tape_init (tape *t)
{
  t->node = t->local_node;
  t->n = 0;
  t->cap = TAPE_LOCAL;
  t->slot = t->local_slot;
  t->nslot = 2 * TAPE_LOCAL;
  for (size_t i = 0; i < t->nslot; i++)
    t->slot[i] = -1;
}

static void
tape_free (tape *t)
{
  if (t->node != t->local_node)
    free (t->node);
  if (t->slot != t->local_slot)
    free (t->slot);
}

static size_t
slot_of (const void *p, size_t nslot)
{
  uintptr_t h = (uintptr_t) p;
  /* Node addresses are aligned: mix the high bits into the low ones. */
  h ^= h >> 17;
  h *= (uintptr_t) 0x9E3779B97F4A7C15ull;
  h ^= h >> 29;
  return (size_t) h & (nslot - 1);
}

/* The tape index of F, or -1. */
static int
tape_find (const tape *t, const ns_function *f)
{
  for (size_t i = slot_of (f, t->nslot);; i = (i + 1) & (t->nslot - 1))
    {
      int k = t->slot[i];
      if (k < 0)
        return -1;
      if (t->node[k].f == f)
        return k;
    }
}

/* Room for one more node, keeping the hash at most half full. */
static ns_status
tape_reserve (tape *t)
{
  if (t->n + 1 > t->cap)
    {
      size_t cap = 2 * t->cap;
      tape_node *nn = malloc (cap * sizeof *nn);
      if (nn == NULL)
        return NS_ENOMEM;
      memcpy (nn, t->node, t->n * sizeof *nn);
      if (t->node != t->local_node)
        free (t->node);
      t->node = nn;
      t->cap = cap;
    }
  if (2 * (t->n + 1) > t->nslot)
    {
      size_t nslot = 2 * t->nslot;
      int *ns = malloc (nslot * sizeof *ns);
      if (ns == NULL)
        return NS_ENOMEM;
      for (size_t i = 0; i < nslot; i++)
        ns[i] = -1;
      for (size_t k = 0; k < t->n; k++)
        {
          size_t i = slot_of (t->node[k].f, nslot);
          while (ns[i] >= 0)
            i = (i + 1) & (nslot - 1);
          ns[i] = (int) k;
        }
      if (t->slot != t->local_slot)
        free (t->slot);
      t->slot = ns;
      t->nslot = nslot;
    }
  return NS_OK;
}

/* The variables of a tree: N values X; LEAF[i] is the NS_OP_X node of
   variable i, or LEAF is NULL for a one-variable tree, whose every NS_OP_X
   node is variable 0. */
typedef struct tape_vars {
  int n;
  const ns_function *const *leaf;
  const double *x;
} tape_vars;

/* The variable of the NS_OP_X node F, or -1 when it is none of them. */
static int
var_of (const tape_vars *vars, const ns_function *f)
{
  if (vars->leaf == NULL)
    return 0;
  for (int i = 0; i < vars->n; i++)
    if (vars->leaf[i] == f)
      return i;
  return -1;
}

/* Records F and its arguments (post-order) with their values; *INDEX is
   F's tape index.  The values are the function's own, whatever the mode. */
static ns_status
tape_record (tape *t, const ns_function *f, const tape_vars *x, int depth, int *index)
{
  int a = -1, b = -1, k, var = -1;
  ns_status st;
  ns_op op;
  const ns_op_info *info;
  double av = 0.0, bv = 0.0, v;

  if (depth > NS_FN_MAX_DEPTH)
    return NS_ELIMIT;
  if ((k = tape_find (t, f)) >= 0)
    {
      *index = k;
      return NS_OK;
    }
  op = ns_fn_op (f);
  info = ns_op_get (op);
  if (info == NULL)
    return NS_EINVAL;
  if (info->arity >= 1)
    {
      if ((st = tape_record (t, ns_fn_arg (f, 0), x, depth + 1, &a)) != NS_OK)
        return st;
      av = t->node[a].v;
    }
  if (info->arity >= 2)
    {
      if ((st = tape_record (t, ns_fn_arg (f, 1), x, depth + 1, &b)) != NS_OK)
        return st;
      bv = t->node[b].v;
    }

  switch (op)
    {
    case NS_OP_X:
      if ((var = var_of (x, f)) < 0)
        return NS_EINVAL;
      v = x->x[var];
      break;
    case NS_OP_CONST: v = ns_fn_param (f, 0); break;
    case NS_OP_ADD: v = av + bv; break;
    case NS_OP_SUB: v = av - bv; break;
    case NS_OP_MUL: v = av * bv; break;
    case NS_OP_DIV:
      if (bv == 0.0)
        return NS_EDOM;
      v = av / bv;
      break;
    case NS_OP_NEG: v = -av; break;
    case NS_OP_POW:
      {
        int n = (int) ns_fn_param (f, 0);
        if (n < 0 && av == 0.0)
          return NS_EDOM;
        v = pow (av, n);
        break;
      }
    case NS_OP_RPOW:
      {
        double q = ns_fn_param (f, 0);
        if (av < 0.0 || (av == 0.0 && q < 0.0))
          return NS_EDOM;
        v = pow (av, q);
        break;
      }
    case NS_OP_EXP: v = exp (av); break;
    case NS_OP_LOG:
      if (!(av > 0.0))
        return NS_EDOM;
      v = log (av);
      break;
    case NS_OP_SQRT:
      if (av < 0.0)
        return NS_EDOM;
      v = sqrt (av);
      break;
    case NS_OP_SIN: v = sin (av); break;
    case NS_OP_COS: v = cos (av); break;
    case NS_OP_RELU: v = av > 0.0 ? av : 0.0; break;
    case NS_OP_ABS: v = fabs (av); break;
    case NS_OP_SIGN: v = av > 0.0 ? 1.0 : av < 0.0 ? -1.0 : 0.0; break;
    case NS_OP_HEAVISIDE:
      v = av > 0.0 ? 1.0 : av < 0.0 ? 0.0 : ns_fn_param (f, 0);
      break;
    case NS_OP_LEAKY_RELU:
      v = av >= 0.0 ? av : ns_fn_param (f, 0) * av;
      break;
    case NS_OP_MAX: v = av >= bv ? av : bv; break;
    case NS_OP_MIN: v = av <= bv ? av : bv; break;
    case NS_OP_CLAMP:
      {
        double lo = ns_fn_param (f, 0), hi = ns_fn_param (f, 1);
        v = av < lo ? lo : av > hi ? hi : av;
        break;
      }
    case NS_OP_FLOOR: v = floor (av); break;
    default:
      return NS_EINVAL;
    }

  if ((st = tape_reserve (t)) != NS_OK)
    return st;
  k = (int) t->n++;
  t->node[k] = (tape_node) {
    f, op, var, { a, b }, v,
    op == NS_OP_X || (a >= 0 && t->node[a].dep) || (b >= 0 && t->node[b].dep),
    0.0, 0, 0.0, 0.0, 0.0
  };
  {
    size_t i = slot_of (f, t->nslot);
    while (t->slot[i] >= 0)
      i = (i + 1) & (t->nslot - 1);
    t->slot[i] = k;
  }
  *index = k;
  return NS_OK;
}

/* ------------------------------------------------------------ local rules */

/* How one argument's term is formed from the incoming g: g * k, or g / k
   where the frameworks divide (a reciprocal first would round
   differently). */
typedef struct local_rule {
  double k;
  int divide;
  ns_ad_zero zero;   /* what a zero k gives */
  double kc1, kcf;   /* symbolic kinks: k + kc1 delta(0) + kcf F */
} local_rule;

/* A tangent or an adjoint under symbolic kinks (SymPy's derivative
   before substitution is simplified):
     f + c1 delta(0) + cf F + (products of these symbols),
   F floor's unevaluated derivative at an integer.  The coefficients c1
   and cf add and cancel as SymPy's do (heaviside(x) heaviside(-x) gives
   delta(0)/2 - delta(0)/2 = 0 at 0); the products (delta(0)^2, ...) are
   kept only as c2, the sum of their coefficients' magnitudes, which
   never cancels: only an exact zero factor removes them.  Without
   symbolic kinks c1 = cf = c2 = 0 throughout. */
typedef struct sym {
  double f, c1, cf, c2;
} sym;

static double
leaky_at_zero (ns_kink_side side, double s)
{
  switch (side)
    {
    case NS_KINK_LEFT: return s;
    case NS_KINK_RIGHT: return 1.0;
    case NS_KINK_AVERAGE: return 0.5 * (s + 1.0);
    case NS_KINK_MIN_NORM:
      {
        double lo = s < 1.0 ? s : 1.0, hi = s < 1.0 ? 1.0 : s;
        return lo > 0.0 ? lo : (hi < 0.0 ? hi : 0.0);
      }
    default: return NAN;
    }
}

static ns_ad_zero
zero_in (ns_ad_zeros z, ns_ad_mode mode)
{
  return mode == NS_AD_REVERSE ? z.reverse : z.forward;
}

/* SymPy's Max and Min are n-ary and flat: Max(Max(a, b), c) is
   Max(a, b, c), and relu(u) is Max(0, u), so max(x, 0, -x), read as
   max(max(x, 0), -x), is Max(0, x, -x) there.  Its derivative is
   sum_i a_i' Heaviside(a_i - Max(others)): 1 for an argument strictly
   above the others, 1/2 for each of two or more tied at the top (whatever
   their number), 0 below.  The family of a node: 1 for max and relu, -1
   for min, 0 for any other (a leaf of the flat Max or Min). */
static int
lattice_family (ns_op op)
{
  return op == NS_OP_MAX || op == NS_OP_RELU ? 1 : op == NS_OP_MIN ? -1 : 0;
}

/* How many leaves of the flat Max (FAM 1) or Min (-1) rooted at node I
   attain its value: 1 for a leaf.  relu's implicit 0 is a leaf. */
static int
lattice_ties (const tape *t, int i, int fam)
{
  const tape_node *n = &t->node[i];
  if (lattice_family (n->op) != fam)
    return 1;
  int count = n->op == NS_OP_RELU && n->v == 0.0;
  for (int j = 0; j < 2; j++)
    if (n->arg[j] >= 0 && t->node[n->arg[j]].v == n->v)
      count += lattice_ties (t, n->arg[j], fam);
  return count;
}

/* The weight on argument J of max, min or relu node N under SymPy's flat
   rule: c_l = 1 or 1/2 for a leaf l at the top, 0 below.  An argument
   that is itself a max (of the same family) passes on its own leaves'
   weights c'_l, so the edge carries c_l / c'_l: 0 below the top, 1 when
   it has two or more leaves tied (1/2 and 1/2), else c_l. */
static double
lattice_weight (const tape *t, const tape_node *n, int j)
{
  const int fam = lattice_family (n->op);
  const tape_node *a = &t->node[n->arg[j]];
  if (a->v != n->v)
    return 0.0;
  int top = 0;
  for (int i = 0; i < 2; i++)
    if (n->arg[i] >= 0 && t->node[n->arg[i]].v == n->v)
      top += lattice_ties (t, n->arg[i], fam);
  top += n->op == NS_OP_RELU && n->v == 0.0;
  double c = top == 1 ? 1.0 : 0.5;
  if (lattice_family (a->op) == fam && lattice_ties (t, n->arg[j], fam) >= 2)
    return 1.0;
  return c;
}

/* The rule of node N for its argument J (0 or 1). */
static local_rule
rule_of (const tape *t, const tape_node *n, int j, const ns_kink_policy *p,
         ns_ad_mode mode)
{
  local_rule r = { 0.0, 0, NS_AD_ZERO_PRODUCT, 0.0, 0.0 };
  /* Under symbolic kinks an undefined (NaN) entry at the switch point is
     SymPy's symbol there: sign' = 2 DiracDelta, Heaviside' = DiracDelta,
     floor' the unevaluated Derivative(floor(x), x). */
  const int symbolic = p->symbolic_kinks != 0;
  double a = n->arg[0] >= 0 ? t->node[n->arg[0]].v : 0.0;
  double b = n->arg[1] >= 0 ? t->node[n->arg[1]].v : 0.0;

  switch (n->op)
    {
    case NS_OP_ADD: r.k = 1.0; break;
    case NS_OP_SUB: r.k = j == 0 ? 1.0 : -1.0; break;
    case NS_OP_NEG: r.k = -1.0; break;
    /* d(ab) = b da + a db: each factor's local derivative is the other. */
    case NS_OP_MUL: r.k = j == 0 ? b : a; break;
    case NS_OP_DIV:
      /* PyTorch's div: grad / other, and -grad * ((self / other) / other). */
      if (j == 0)
        {
          r.k = b;
          r.divide = 1;
        }
      else
        r.k = -((a / b) / b);
      break;
    case NS_OP_POW:
      {
        int m = (int) ns_fn_param (n->f, 0);
        r.k = m == 0 ? 0.0 : m * pow (a, m - 1);
        break;
      }
    case NS_OP_RPOW:
      {
        /* The frameworks' pow: exponent * a^(exponent - 1), +inf at a = 0
           for an exponent below 1. */
        double q = ns_fn_param (n->f, 0);
        r.k = q * pow (a, q - 1);
        break;
      }
    case NS_OP_EXP: r.k = n->v; break;
    case NS_OP_LOG: r.k = a; r.divide = 1; break;
    case NS_OP_SQRT:
      /* grad / (2 * result); at 0 the policy's entry. */
      if (a == 0.0)
        r.k = p->sqrt0;
      else
        {
          r.k = 2.0 * n->v;
          r.divide = 1;
        }
      break;
    case NS_OP_SIN: r.k = cos (a); break;
    case NS_OP_COS: r.k = -sin (a); break;
    case NS_OP_RELU:
      r.k = a > 0.0 ? 1.0 : a < 0.0 ? 0.0 : p->relu;
      if (symbolic && a == 0.0)
        r.k = lattice_weight (t, n, j);
      r.zero = zero_in (p->relu_zero, mode);
      break;
    case NS_OP_ABS:
      r.k = a > 0.0 ? 1.0 : a < 0.0 ? -1.0 : p->abs;
      r.zero = zero_in (p->abs_zero, mode);
      break;
    case NS_OP_SIGN:
      r.k = a == 0.0 ? p->sign : 0.0;
      if (symbolic && isnan (r.k))
        {
          r.k = 0.0;
          r.kc1 = 2.0;
        }
      r.zero = zero_in (p->sign_zero, mode);
      break;
    case NS_OP_HEAVISIDE:
      r.k = a == 0.0 ? p->heaviside : 0.0;
      if (symbolic && isnan (r.k))
        {
          r.k = 0.0;
          r.kc1 = 1.0;
        }
      r.zero = zero_in (p->heaviside_zero, mode);
      break;
    case NS_OP_LEAKY_RELU:
      {
        double s = ns_fn_param (n->f, 0);
        r.k = a > 0.0 ? 1.0 : a < 0.0 ? s : leaky_at_zero (p->leaky_relu, s);
        break;
      }
    case NS_OP_MAX:
      if (a > b)
        r.k = j == 0 ? 1.0 : 0.0;
      else if (a < b)
        r.k = j == 0 ? 0.0 : 1.0;
      else
        r.k = p->max_tie[j];
      if (symbolic && !isnan (n->v))
        r.k = lattice_weight (t, n, j);
      r.zero = zero_in (p->max_zero, mode);
      break;
    case NS_OP_MIN:
      if (a < b)
        r.k = j == 0 ? 1.0 : 0.0;
      else if (a > b)
        r.k = j == 0 ? 0.0 : 1.0;
      else
        r.k = p->min_tie[j];
      if (symbolic && !isnan (n->v))
        r.k = lattice_weight (t, n, j);
      r.zero = zero_in (p->min_zero, mode);
      break;
    case NS_OP_CLAMP:
      {
        double lo = ns_fn_param (n->f, 0), hi = ns_fn_param (n->f, 1);
        if (a < lo || a > hi)
          r.k = 0.0;
        else if (a > lo && a < hi)
          r.k = 1.0;
        else if (lo == hi)
          r.k = p->clamp_lo * p->clamp_hi;
        else
          r.k = a == lo ? p->clamp_lo : p->clamp_hi;
        r.zero = zero_in (p->clamp_zero, mode);
        break;
      }
    case NS_OP_FLOOR:
      r.k = floor (a) == a ? p->floor : 0.0;
      if (symbolic && isnan (r.k))
        {
          r.k = 0.0;
          r.kcf = 1.0;
        }
      r.zero = zero_in (p->floor_zero, mode);
      break;
    default:
      break;
    }
  return r;
}

/* The term G passes through rule R; 0 when there is none (a symbolic
   zero).  A product keeps IEEE's sign of a zero (the XOR of the signs);
   a select writes +0 whatever G is; SymPy's exact 0 writes +0 for a
   finite G and NaN for an infinite or NaN one (0 * zoo = nan), and
   removes G's symbols either way.  SYMBOLIC: the symbols' coefficients
   multiply out as in sym (a zero factor removes a symbol, since 0 * s is
   0 for every coefficient s; a NaN value times a symbol stays NaN, as
   SymPy's zoo * DiracDelta(0) is nan). */
static int
apply_rule (local_rule r, sym g, int symbolic, sym *term)
{
  const int kzero = r.k == 0.0 && r.kc1 == 0.0 && r.kcf == 0.0;
  if (kzero && r.zero == NS_AD_ZERO_SYMBOLIC)
    return 0;
  *term = (sym) { 0.0, 0.0, 0.0, 0.0 };
  if (kzero && r.zero == NS_AD_ZERO_SELECT)
    term->f = +0.0;
  else if (kzero && r.zero == NS_AD_ZERO_EXACT)
    term->f = isfinite (g.f) ? +0.0 : (double) NAN;
  else if (r.divide)
    {
      term->f = g.f / r.k;
      if (symbolic)
        *term = (sym) { term->f, g.c1 / r.k, g.cf / r.k, fabs (g.c2 / r.k) };
    }
  else
    {
      term->f = g.f * r.k;
      if (symbolic)
        {
          term->c1 = g.f * r.kc1 + g.c1 * r.k;
          term->cf = g.f * r.kcf + g.cf * r.k;
          double ks = fabs (r.kc1) + fabs (r.kcf);
          term->c2 = fabs (g.c2 * r.k) + (fabs (g.c1) + fabs (g.cf) + fabs (g.c2)) * ks;
        }
    }
  return 1;
}

/* Adds TERM to the tangent or adjoint of node N: the first term is taken
   as it is, so a lone -0 stays -0 (-0 + +0 would be +0). */
static void
accumulate (tape_node *n, sym term)
{
  n->d = n->has_d ? n->d + term.f : term.f;
  n->c1 += term.c1;
  n->cf += term.cf;
  n->c2 += term.c2;
  n->has_d = 1;
}

static sym
sym_of (const tape_node *n)
{
  return (sym) { n->d, n->c1, n->cf, n->c2 };
}

static int
arity_of (const tape_node *n)
{
  return n->arg[1] >= 0 ? 2 : n->arg[0] >= 0 ? 1 : 0;
}

/* Tangents from the variables to the result, in tape order, for the
   unit tangent of variable SEED: 1 for it, an explicit +0 for every other
   variable (jax.jacfwd's and torch.func.jacfwd's standard basis is a dense
   array, so the other inputs carry real zeros, not symbolic ones). */
static void
sweep_forward (tape *t, const ns_kink_policy *p, int seed)
{
  for (size_t i = 0; i < t->n; i++)
    {
      tape_node *n = &t->node[i];
      n->d = 0.0;
      n->has_d = 0;
      n->c1 = n->cf = n->c2 = 0.0;
      if (n->op == NS_OP_X)
        {
          n->d = n->var == seed ? 1.0 : +0.0;
          n->has_d = 1;
          continue;
        }
      for (int j = 0; j < arity_of (n); j++)
        {
          const tape_node *c = &t->node[n->arg[j]];
          sym term;
          if (c->has_d
              && apply_rule (rule_of (t, n, j, p, NS_AD_FORWARD), sym_of (c),
                             p->symbolic_kinks != 0, &term))
            accumulate (n, term);
        }
    }
}

/* Adjoints from the result (seeded 1) back to x, in reverse tape order;
   the derivative is the sum of the adjoints of the x nodes. */
static void
sweep_reverse (tape *t, const ns_kink_policy *p, size_t root)
{
  t->node[root].d = 1.0;
  t->node[root].has_d = 1;
  for (size_t i = root + 1; i-- > 0;)
    {
      tape_node *n = &t->node[i];
      if (!n->has_d || !n->dep)
        continue;
      for (int j = 0; j < arity_of (n); j++)
        {
          tape_node *c = &t->node[n->arg[j]];
          sym term;
          if (c->dep
              && apply_rule (rule_of (t, n, j, p, NS_AD_REVERSE), sym_of (n),
                             p->symbolic_kinks != 0, &term))
            accumulate (c, term);
        }
    }
}

/* What a derivative D with symbols left or not is: NS_UNDEFINED (D set to
   NaN) for a NaN or a symbol, NS_ERANGE for an infinity, else NS_OK. */
static ns_status
finish_component (double *d, int has_d, int symbols)
{
  /* No term reached the result (a function that does not depend on the
     variable, or only through symbolic zeros): the frameworks' zeros are
     +0.  A symbol left in the result (SymPy's DiracDelta(0) + 1/2) is no
     number. */
  if (!has_d)
    *d = 0.0;
  if (symbols)
    *d = NAN;
  if (isnan (*d))
    return NS_UNDEFINED;
  if (isinf (*d))
    return NS_ERANGE;
  return NS_OK;
}

/* The worse of two component statuses: undefined before infinite before
   OK. */
static ns_status
worse (ns_status a, ns_status b)
{
  if (a == NS_UNDEFINED || b == NS_UNDEFINED)
    return NS_UNDEFINED;
  if (a == NS_ERANGE || b == NS_ERANGE)
    return NS_ERANGE;
  return NS_OK;
}

/* SymPy's Max(a, a, b) is Max(a, b): its arguments are a set.  Under
   symbolic kinks a flat chain of max and relu (or of min) with repeated
   arguments is rebuilt once, before the tape, as the left fold of its
   distinct arguments (relu's 0 is the constant 0), so that the flat rule
   of lattice_weight counts each argument once: max(x, x, x) is x, whose
   derivative is 1, where three tied copies would give 3/2.  The value is
   unchanged (the same set of numbers). */
#define LATTICE_LEAVES 64

static int
same_fn (const ns_function *a, const ns_function *b, const tape_vars *vars)
{
  if (a == b)
    return 1;
  /* Variables are the same when they are the same variable (in one
     variable every x is). */
  if (a != NULL && b != NULL && ns_fn_op (a) == NS_OP_X && ns_fn_op (b) == NS_OP_X)
    return var_of (vars, a) == var_of (vars, b) && var_of (vars, a) >= 0;
  /* relu's implicit 0 (NULL) equals the constant 0 (either sign). */
  if (a == NULL || b == NULL)
    {
      const ns_function *c = a == NULL ? b : a;
      return ns_fn_op (c) == NS_OP_CONST && ns_fn_param (c, 0) == 0.0;
    }
  if (ns_fn_op (a) != ns_fn_op (b))
    return 0;
  const ns_op_info *info = ns_op_get (ns_fn_op (a));
  if (info == NULL)
    return 0;
  for (int i = 0; i < info->nparams; i++)
    if (!(ns_fn_param (a, i) == ns_fn_param (b, i)))
      return 0;
  for (int i = 0; i < info->arity; i++)
    if (!same_fn (ns_fn_arg (a, i), ns_fn_arg (b, i), vars))
      return 0;
  return 1;
}

/* The leaves of the flat chain of family FAM at F into LEAF; -1 when more
   than LATTICE_LEAVES. */
static int
lattice_leaves (const ns_function *f, int fam, const ns_function **leaf, int n)
{
  if (n < 0)
    return n;
  ns_op op = ns_fn_op (f);
  if (lattice_family (op) != fam)
    {
      if (n >= LATTICE_LEAVES)
        return -1;
      leaf[n] = f;
      return n + 1;
    }
  if (op == NS_OP_RELU)
    {
      if (n >= LATTICE_LEAVES)
        return -1;
      leaf[n++] = NULL;
      return lattice_leaves (ns_fn_arg (f, 0), fam, leaf, n);
    }
  n = lattice_leaves (ns_fn_arg (f, 0), fam, leaf, n);
  return lattice_leaves (ns_fn_arg (f, 1), fam, leaf, n);
}

static ns_status sympy_sets (const ns_function *f, const tape_vars *vars, ns_function **out);

/* F with its arguments passed through sympy_sets. */
static ns_status
sympy_sets_args (const ns_function *f, const tape_vars *vars, ns_function **out)
{
  const ns_op_info *info = ns_op_get (ns_fn_op (f));
  ns_function *args[2] = { NULL, NULL };
  double params[2] = { ns_fn_param (f, 0), ns_fn_param (f, 1) };
  int changed = 0;
  *out = NULL;
  if (info == NULL || info->arity > 2 || info->nparams > 2)
    return NS_EINVAL;
  for (int i = 0; i < info->arity; i++)
    {
      ns_status st = sympy_sets (ns_fn_arg (f, i), vars, &args[i]);
      if (st != NS_OK)
        {
          for (int j = 0; j < i; j++)
            ns_fn_free (args[j]);
          return st;
        }
      changed |= args[i] != ns_fn_arg (f, i);
    }
  if (!changed)
    {
      for (int i = 0; i < info->arity; i++)
        ns_fn_free (args[i]);
      *out = ns_fn_ref (f);
      return *out ? NS_OK : NS_ENOMEM;
    }
  return ns_fn_make (ns_fn_op (f), args, params, out);
}

static ns_status
sympy_sets (const ns_function *f, const tape_vars *vars, ns_function **out)
{
  const int fam = lattice_family (ns_fn_op (f));
  const ns_function *leaf[LATTICE_LEAVES];
  int n = fam != 0 ? lattice_leaves (f, fam, leaf, 0) : -1;
  int distinct = 0, dup = 0;
  for (int i = 0; i < n; i++)
    {
      int seen = 0;
      for (int j = 0; j < distinct && !seen; j++)
        seen = same_fn (leaf[i], leaf[j], vars);
      if (seen)
        dup = 1;
      else
        leaf[distinct++] = leaf[i];
    }
  if (!dup)
    return sympy_sets_args (f, vars, out);
  ns_function *acc = NULL;
  *out = NULL;
  for (int i = 0; i < distinct; i++)
    {
      ns_function *l = NULL;
      ns_status st = leaf[i] == NULL ? ((l = ns_fn_const (0.0)) ? NS_OK : NS_ENOMEM)
                                     : sympy_sets (leaf[i], vars, &l);
      if (st != NS_OK)
        {
          ns_fn_free (acc);
          return st;
        }
      if (acc == NULL)
        acc = l;
      else
        {
          ns_function *args[2] = { acc, l };
          acc = NULL;
          st = ns_fn_make (fam > 0 ? NS_OP_MAX : NS_OP_MIN, args, NULL, &acc);
          if (st != NS_OK)
            return st;
        }
    }
  *out = acc;
  return NS_OK;
}

ns_status
ns_ad_gradient_tree (const ns_function *f, int nvars, const ns_function *const *leaf,
                     const double *x, const ns_kink_policy *policy, ns_ad_mode mode,
                     double *value, double *grad)
{
  ns_kink_policy p;
  tape t;
  ns_status st, result = NS_OK;
  int root;
  const tape_vars vars = { nvars, leaf, x };

  /* Members past the caller's size (a caller older than this library)
     take the "undefined" preset's values: a refusal, never a guess. */
  p = *ns_ad_preset_policy (NS_AD_UNDEFINED);
  memcpy (&p, policy, policy->size);

  ns_function *flat = NULL;
  if (p.symbolic_kinks)
    {
      st = sympy_sets (f, &vars, &flat);
      if (st != NS_OK)
        return st;
      f = flat;
    }
  tape_init (&t);
  st = tape_record (&t, f, &vars, 0, &root);
  if (st != NS_OK)
    {
      tape_free (&t);
      ns_fn_free (flat);
      return st;
    }
  if (mode == NS_AD_FORWARD)
    for (int v = 0; v < nvars; v++)
      {
        const tape_node *r = &t.node[root];
        sweep_forward (&t, &p, v);
        grad[v] = r->d;
        result = worse (result, finish_component (&grad[v], r->has_d,
                                                  r->c1 != 0.0 || r->cf != 0.0
                                                  || r->c2 != 0.0));
      }
  else
    {
      sweep_reverse (&t, &p, (size_t) root);
      /* Each variable's derivative is the sum of the adjoints of its
         NS_OP_X nodes (one node per variable when the leaves are shared,
         several in a one-variable tree built from separate ns_fn_x). */
      for (int v = 0; v < nvars; v++)
        {
          double d = 0.0, c1 = 0.0, cf = 0.0, c2 = 0.0;
          int has_d = 0;
          for (size_t i = 0; i < t.n; i++)
            if (t.node[i].op == NS_OP_X && t.node[i].var == v && t.node[i].has_d)
              {
                d = has_d ? d + t.node[i].d : t.node[i].d;
                c1 += t.node[i].c1;
                cf += t.node[i].cf;
                c2 += t.node[i].c2;
                has_d = 1;
              }
          grad[v] = d;
          result = worse (result, finish_component (&grad[v], has_d,
                                                    c1 != 0.0 || cf != 0.0
                                                    || c2 != 0.0));
        }
    }
  *value = t.node[root].v;
  tape_free (&t);
  ns_fn_free (flat);   /* after the tape: its nodes point into FLAT */
  return result;
}

ns_status
ns_ad_deriv (const ns_function *f, double x, const ns_kink_policy *policy,
             ns_ad_mode mode, double *value, double *deriv)
{
  if (value)
    *value = NAN;
  if (deriv)
    *deriv = NAN;
  if (f == NULL || policy == NULL || value == NULL || deriv == NULL
      || !isfinite (x) || (mode != NS_AD_REVERSE && mode != NS_AD_FORWARD)
      || !ns_ad_policy_size_known (policy->size))
    return NS_EINVAL;
  return ns_ad_gradient_tree (f, 1, NULL, &x, policy, mode, value, deriv);
}

ns_status
ns_ad_compare (const ns_function *f, double x, ns_ad_mode mode, ns_set *clarke,
               ns_status *clarke_status, ns_ad_row *rows, size_t nrows)
{
  if (f == NULL || clarke == NULL || clarke_status == NULL || rows == NULL
      || !isfinite (x) || (mode != NS_AD_REVERSE && mode != NS_AD_FORWARD))
    return NS_EINVAL;
  *clarke_status = ns_subdiff (f, x, NS_SUBDIFF_CLARKE, clarke);
  for (size_t i = 0; i < nrows && i < (size_t) NS_AD_PRESET_COUNT; i++)
    {
      ns_kink_policy p;
      double v;
      NS_KINK_POLICY_INIT (&p, (ns_ad_preset) i);
      rows[i].preset = (ns_ad_preset) i;
      rows[i].status = ns_ad_deriv (f, x, &p, mode, &v, &rows[i].deriv);
      rows[i].in_clarke = -1;
      if (*clarke_status == NS_OK && isfinite (rows[i].deriv))
        {
          int yes = 0;
          if (ns_set_contains (clarke, rows[i].deriv, &yes) == NS_OK)
            rows[i].in_clarke = yes;
        }
    }
  return NS_OK;
}
