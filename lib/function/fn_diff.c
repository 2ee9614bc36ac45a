/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/fn_diff.c: the symbolic pointwise derivative of an expression tree,
   built from the same primitives, with light simplification (constant
   folding, 0*a = 0, 1*a = a, a+0 = a) so that relu(x)' prints as
   heaviside(x), abs(x)' as sign(x) and (x^3)' as 3*x^2.  The tree is one
   representative of the almost-everywhere derivative; the value it takes at
   breakpoints is a convention (the midpoint, H(0) = 1/2), see the manual. */
#include <config.h>
#include <math.h>
#include "function/function_impl.h"

/* Every builder below takes ownership of its function arguments and
   returns NULL once *ST holds an error (the first error wins), so a
   failure deep inside a rule frees everything on its way out. */

static ns_function *
build (ns_status *st, ns_op op, ns_function *a, ns_function *b, double p0, double p1)
{
  if (*st != NS_OK || a == NULL || (ns_op_get (op)->arity == 2 && b == NULL))
    {
      ns_fn_free (a);
      ns_fn_free (b);
      if (*st == NS_OK)
        *st = NS_ENOMEM;   /* a NULL argument here is a failed allocation */
      return NULL;
    }
  ns_function *args[2] = { a, b };
  double params[2] = { p0, p1 };
  ns_function *f = NULL;
  ns_status s = ns_fn_make (op, args, params, &f);
  if (s != NS_OK)
    *st = s;
  return f;
}

static ns_function *
leaf_const (ns_status *st, double c)
{
  if (*st != NS_OK)
    return NULL;
  ns_function *f = NULL;
  double p[1] = { c };
  ns_status s = ns_fn_make (NS_OP_CONST, NULL, p, &f);
  if (s != NS_OK)
    *st = s;
  return f;
}

static int
is_const (const ns_function *f, double c)
{
  return f != NULL && f->op == NS_OP_CONST && f->param[0] == c;
}

static int
is_any_const (const ns_function *f)
{
  return f != NULL && f->op == NS_OP_CONST;
}

/* A constant C as the result of folding: only when it is finite, so that
   folding never turns a defined expression into an invalid constant. */
static int
foldable (double c)
{
  return isfinite (c);
}

/* Frees A and B and returns the constant C (+0 for a zero result, so that
   no "-0" is printed). */
static ns_function *
replace_by_const (ns_status *st, ns_function *a, ns_function *b, double c)
{
  ns_fn_free (a);
  ns_fn_free (b);
  return leaf_const (st, c == 0 ? 0.0 : c);
}

static ns_function *s_mul (ns_status *st, ns_function *a, ns_function *b);
static ns_function *s_div (ns_status *st, ns_function *a, ns_function *b);

/* 1 when A and B are the same function, node by node (sizes are cached,
   so different trees are usually told apart at once). */
static int
same_tree (const ns_function *a, const ns_function *b)
{
  if (a == b)
    return 1;
  if (a->op != b->op || a->size != b->size || a->depth != b->depth)
    return 0;
  const ns_op_info *info = ns_op_get (a->op);
  for (int i = 0; i < info->nparams; i++)
    if (a->param[i] != b->param[i])
      return 0;
  for (int i = 0; i < info->arity; i++)
    if (!same_tree (a->arg[i], b->arg[i]))
      return 0;
  return 1;
}

/* The constant C that F starts with: F is C, or a product or quotient
   whose leftmost factor is C (3*x^2, -2*x/y).  Returns 0 when none. */
static int
leading_const (const ns_function *f, double *c)
{
  while (f->op == NS_OP_MUL || f->op == NS_OP_DIV)
    f = f->arg[0];
  if (f->op != NS_OP_CONST)
    return 0;
  *c = f->param[0];
  return 1;
}

/* 1 when F prints with a leading minus: -g, or a negative leading constant. */
static int
negative_form (const ns_function *f)
{
  double c;
  return f->op == NS_OP_NEG || (leading_const (f, &c) && signbit (c));
}

/* -F for F of negative_form or with a leading constant: the argument of a
   negation, or F with its leading constant negated (new nodes along the
   left spine, the rest shared). */
static ns_function *
negate_form (ns_status *st, ns_function *f)
{
  if (*st != NS_OK)
    {
      ns_fn_free (f);
      return NULL;
    }
  if (f->op == NS_OP_NEG)
    {
      ns_function *g = ns_fn_ref (f->arg[0]);
      ns_fn_free (f);
      return g;
    }
  if (f->op == NS_OP_CONST)
    return replace_by_const (st, f, NULL, -f->param[0]);
  ns_function *l = negate_form (st, ns_fn_ref (f->arg[0]));
  ns_function *r = ns_fn_ref (f->arg[1]);
  ns_op op = f->op;
  ns_fn_free (f);
  return op == NS_OP_MUL ? s_mul (st, l, r) : s_div (st, l, r);
}

static ns_function *
s_neg (ns_status *st, ns_function *a)
{
  double c;
  if (*st != NS_OK || a == NULL)
    return build (st, NS_OP_NEG, a, NULL, 0, 0);
  /* --g = g, -(c*g) = (-c)*g: "-3*x^2", "-1/x^2". */
  if (a->op == NS_OP_NEG || leading_const (a, &c))
    return negate_form (st, a);
  return build (st, NS_OP_NEG, a, NULL, 0, 0);
}

static ns_function *s_sub (ns_status *st, ns_function *a, ns_function *b);

static ns_function *
s_add (ns_status *st, ns_function *a, ns_function *b)
{
  if (*st != NS_OK || a == NULL || b == NULL)
    return build (st, NS_OP_ADD, a, b, 0, 0);
  if (is_const (a, 0))
    {
      ns_fn_free (a);
      return b;
    }
  if (is_const (b, 0))
    {
      ns_fn_free (b);
      return a;
    }
  if (is_any_const (a) && is_any_const (b) && foldable (a->param[0] + b->param[0]))
    return replace_by_const (st, a, b, a->param[0] + b->param[0]);
  if (same_tree (a, b))
    {
      ns_fn_free (b);
      return s_mul (st, leaf_const (st, 2.0), a);
    }
  /* a + (-g) prints as a - g rather than "a + -g". */
  if (negative_form (b))
    return s_sub (st, a, negate_form (st, b));
  return build (st, NS_OP_ADD, a, b, 0, 0);
}

/* a - a = 0 drops a's domain, as 0*a does. */
static ns_function *
s_sub (ns_status *st, ns_function *a, ns_function *b)
{
  if (*st != NS_OK || a == NULL || b == NULL)
    return build (st, NS_OP_SUB, a, b, 0, 0);
  if (is_const (b, 0))
    {
      ns_fn_free (b);
      return a;
    }
  if (is_const (a, 0))
    {
      ns_fn_free (a);
      return s_neg (st, b);
    }
  if (is_any_const (a) && is_any_const (b) && foldable (a->param[0] - b->param[0]))
    return replace_by_const (st, a, b, a->param[0] - b->param[0]);
  if (same_tree (a, b))
    return replace_by_const (st, a, b, 0.0);
  if (negative_form (b))
    return s_add (st, a, negate_form (st, b));
  return build (st, NS_OP_SUB, a, b, 0, 0);
}

/* 0*a = 0 drops whatever a needs to be defined: the derivative of
   heaviside(log(x)) is 0 even where log(x) is not defined.  Constants
   move to the front and multiply: 3*(2*x) = 6*x, x*(2*y) = 2*x*y. */
static ns_function *
s_mul (ns_status *st, ns_function *a, ns_function *b)
{
  double c;
  if (*st != NS_OK || a == NULL || b == NULL)
    return build (st, NS_OP_MUL, a, b, 0, 0);
  if (is_const (a, 0) || is_const (b, 0))
    return replace_by_const (st, a, b, 0.0);
  if (is_any_const (b) && !is_any_const (a))
    {
      ns_function *t = a;
      a = b;
      b = t;
    }
  if (is_any_const (a) && is_any_const (b) && foldable (a->param[0] * b->param[0]))
    return replace_by_const (st, a, b, a->param[0] * b->param[0]);
  if (is_const (a, 1))
    {
      ns_fn_free (a);
      return b;
    }
  if (is_const (a, -1))
    {
      ns_fn_free (a);
      return s_neg (st, b);
    }
  if ((b->op == NS_OP_MUL || b->op == NS_OP_DIV) && leading_const (b, &c)
      && (!is_any_const (a) || foldable (a->param[0] * c)))
    {
      /* c1*(c2*g*h) = (c1*c2*g)*h; g*(c*h) = (c*h... ) reordered to c*g*h;
         likewise over a quotient. */
      ns_function *b0 = ns_fn_ref (b->arg[0]), *b1 = ns_fn_ref (b->arg[1]);
      ns_op op = b->op;
      ns_fn_free (b);
      ns_function *front = is_any_const (a) ? s_mul (st, a, b0) : s_mul (st, b0, a);
      return op == NS_OP_MUL ? s_mul (st, front, b1) : s_div (st, front, b1);
    }
  if (is_any_const (a) && b->op == NS_OP_NEG)
    {
      double m = -a->param[0];
      ns_function *g = ns_fn_ref (b->arg[0]);
      ns_fn_free (a);
      ns_fn_free (b);
      return s_mul (st, leaf_const (st, m), g);
    }
  return build (st, NS_OP_MUL, a, b, 0, 0);
}

static ns_function *
s_div (ns_status *st, ns_function *a, ns_function *b)
{
  if (*st != NS_OK || a == NULL || b == NULL)
    return build (st, NS_OP_DIV, a, b, 0, 0);
  if (is_const (a, 0) && !is_const (b, 0))
    return replace_by_const (st, a, b, 0.0);
  if (is_const (b, 1))
    {
      ns_fn_free (b);
      return a;
    }
  if (is_any_const (a) && is_any_const (b) && b->param[0] != 0
      && foldable (a->param[0] / b->param[0]))
    return replace_by_const (st, a, b, a->param[0] / b->param[0]);
  return build (st, NS_OP_DIV, a, b, 0, 0);
}

/* (g^m)^n = g^(mn) (it may extend the domain, as (x^-1)^-1 = x does). */
static ns_function *
s_pow (ns_status *st, ns_function *a, int n)
{
  if (*st != NS_OK || a == NULL)
    return build (st, NS_OP_POW, a, NULL, n, 0);
  if (n == 0)
    return replace_by_const (st, a, NULL, 1.0);
  if (n == 1)
    return a;
  if (is_any_const (a) && !(a->param[0] == 0 && n < 0)
      && foldable (pow (a->param[0], n)))
    return replace_by_const (st, a, NULL, pow (a->param[0], n));
  if (a->op == NS_OP_POW && fabs (a->param[0] * n) <= 1024)
    {
      int m = (int) a->param[0] * n;
      ns_function *g = ns_fn_ref (a->arg[0]);
      ns_fn_free (a);
      return s_pow (st, g, m);
    }
  return build (st, NS_OP_POW, a, NULL, n, 0);
}

/* heaviside(a) with the midpoint value H(0) = 1/2 (the default, so it
   prints as "heaviside(a)"). */
static ns_function *
s_heaviside (ns_status *st, ns_function *a)
{
  double h0 = ns_op_get (NS_OP_HEAVISIDE)->param_default[0];
  if (*st == NS_OK && is_any_const (a))
    {
      double c = a->param[0];
      return replace_by_const (st, a, NULL, c > 0 ? 1.0 : c < 0 ? 0.0 : h0);
    }
  return build (st, NS_OP_HEAVISIDE, a, NULL, h0, 0);
}

/* a - c for a level C of clamp (finite). */
static ns_function *
minus_level (ns_status *st, const ns_function *a, double c)
{
  return s_sub (st, ns_fn_ref (a->arg[0]), leaf_const (st, c));
}

/* The derivative of F's node given the derivatives DA, DB of its
   arguments (owned; NULL where the rule does not need them). */
static ns_function *
diff_node (ns_status *st, const ns_function *f)
{
  if (*st != NS_OK)
    return NULL;
  ns_function *a = f->arg[0], *b = f->arg[1];
  ns_function *da = NULL, *db = NULL;
  switch (f->op)
    {
    case NS_OP_X:
      return leaf_const (st, 1.0);
    case NS_OP_CONST:
    case NS_OP_HEAVISIDE:
    case NS_OP_SIGN:
    case NS_OP_FLOOR:
      /* Piecewise constant: 0 off the jumps (the jumps are deltas, which
         ns_dist_exact_deriv adds). */
      return leaf_const (st, 0.0);
    default:
      break;
    }
  da = diff_node (st, a);
  if (ns_op_get (f->op)->arity == 2)
    db = diff_node (st, b);
  if (*st != NS_OK)
    {
      ns_fn_free (da);
      ns_fn_free (db);
      return NULL;
    }
  /* exp, sqrt and pow need f again: a new node over the shared argument
     (F is const; only its arguments are shared by reference). */
  switch (f->op)
    {
    case NS_OP_ADD:
      return s_add (st, da, db);
    case NS_OP_SUB:
      return s_sub (st, da, db);
    case NS_OP_NEG:
      return s_neg (st, da);
    case NS_OP_MUL:
      return s_add (st, s_mul (st, da, ns_fn_ref (b)), s_mul (st, ns_fn_ref (a), db));
    case NS_OP_DIV:
      if (is_const (db, 0))
        {
          ns_fn_free (db);
          return s_div (st, da, ns_fn_ref (b));
        }
      /* (a/b)' = a'/b - a b'/b^2 */
      return s_sub (st, s_div (st, da, ns_fn_ref (b)),
                    s_div (st, s_mul (st, ns_fn_ref (a), db), s_pow (st, ns_fn_ref (b), 2)));
    case NS_OP_POW:
      {
        int n = (int) f->param[0];
        /* a^(n-1) as a^n / a where n - 1 passes the exponent bound. */
        ns_function *lower = n - 1 >= -1024 ? s_pow (st, ns_fn_ref (a), n - 1)
                             : s_div (st, s_pow (st, ns_fn_ref (a), n), ns_fn_ref (a));
        return s_mul (st, s_mul (st, leaf_const (st, n), lower), da);
      }
    case NS_OP_EXP:
      return s_mul (st, da, build (st, NS_OP_EXP, ns_fn_ref (a), NULL, 0, 0));
    case NS_OP_LOG:
      return s_div (st, da, ns_fn_ref (a));
    case NS_OP_SQRT:
      return s_div (st, da, s_mul (st, leaf_const (st, 2.0),
                                   build (st, NS_OP_SQRT, ns_fn_ref (a), NULL, 0, 0)));
    case NS_OP_SIN:
      return s_mul (st, da, build (st, NS_OP_COS, ns_fn_ref (a), NULL, 0, 0));
    case NS_OP_COS:
      return s_neg (st, s_mul (st, da, build (st, NS_OP_SIN, ns_fn_ref (a), NULL, 0, 0)));
    case NS_OP_RELU:
      return s_mul (st, s_heaviside (st, ns_fn_ref (a)), da);
    case NS_OP_ABS:
      return s_mul (st, build (st, NS_OP_SIGN, ns_fn_ref (a), NULL, 0, 0), da);
    case NS_OP_MAX:
      /* a' H(a - b) + b' H(b - a): at a = b the mean (a' + b')/2. */
      return s_add (st, s_mul (st, s_heaviside (st, s_sub (st, ns_fn_ref (a), ns_fn_ref (b))), da),
                    s_mul (st, s_heaviside (st, s_sub (st, ns_fn_ref (b), ns_fn_ref (a))), db));
    case NS_OP_MIN:
      return s_add (st, s_mul (st, s_heaviside (st, s_sub (st, ns_fn_ref (b), ns_fn_ref (a))), da),
                    s_mul (st, s_heaviside (st, s_sub (st, ns_fn_ref (a), ns_fn_ref (b))), db));
    case NS_OP_CLAMP:
      {
        double lo = f->param[0], hi = f->param[1];
        if (lo == hi)
          return replace_by_const (st, da, NULL, 0.0);
        /* a' (H(a - lo) - H(a - hi)); an infinite level never switches. */
        ns_function *up = isfinite (lo) ? s_heaviside (st, minus_level (st, f, lo))
                                        : leaf_const (st, 1.0);
        ns_function *down = isfinite (hi) ? s_heaviside (st, minus_level (st, f, hi))
                                          : leaf_const (st, 0.0);
        return s_mul (st, s_sub (st, up, down), da);
      }
    case NS_OP_LEAKY_RELU:
      {
        /* H(a) + s H(-a): exactly 1 and s off 0 (no rounding of 1 - s),
           (1 + s)/2 at 0. */
        double s = f->param[0];
        ns_function *slope = s == 1 ? leaf_const (st, 1.0)
          : s_add (st, s_heaviside (st, ns_fn_ref (a)),
                   s_mul (st, leaf_const (st, s), s_heaviside (st, s_neg (st, ns_fn_ref (a)))));
        return s_mul (st, slope, da);
      }
    default:
      ns_fn_free (da);
      ns_fn_free (db);
      *st = NS_EINVAL;
      return NULL;
    }
}

ns_status
ns_fn_diff (const ns_function *f, ns_function **out)
{
  if (out == NULL)
    return NS_EINVAL;
  *out = NULL;
  if (f == NULL)
    return NS_EINVAL;
  ns_status st = NS_OK;
  ns_function *d = diff_node (&st, f);
  if (st != NS_OK)
    {
      ns_fn_free (d);
      return st;
    }
  if (d == NULL)
    return NS_ENOMEM;
  *out = d;
  return NS_OK;
}
