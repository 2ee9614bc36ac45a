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
#include <stdlib.h>
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

/* Results this small may have lost bits to underflow without the exactness
   tests below seeing it (their residual could underflow too): 2^-969 keeps
   a 53-bit residual above the smallest normal double. */
#define EXACT_MIN 0x1p-969

/* Whether A + B, A * B and A / B are doubles exactly: folding two constants
   into one then changes no value, so the folded tree is the same function
   and keeps the same error bounds.  An inexact fold is not done: 0.1*3
   stays as it is written rather than become 0.30000000000000004.  Sums by
   Knuth's TwoSum (the rounding error of a + b is itself a double). */
static int
exact_sum (double a, double b)
{
  double s = a + b, bb = s - a;
  return isfinite (s) && (a - (s - bb)) + (b - bb) == 0;
}

static int
exact_product (double a, double b)
{
  double p = a * b;
  if (p == 0)
    return a == 0 || b == 0;
  return isfinite (p) && fabs (p) >= EXACT_MIN && fma (a, b, -p) == 0;
}

static int
exact_quotient (double a, double b)
{
  if (b == 0 || !isfinite (a / b))
    return 0;
  double q = a / b;
  if (q == 0)
    return a == 0;
  return fabs (q) >= EXACT_MIN && fabs (a) >= EXACT_MIN && fma (q, b, -a) == 0;
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

/* C^N into *OUT when it is a double exactly (|N| <= 64, by exact products
   and one exact division). */
static int
exact_power (double c, int n, double *out)
{
  if (n == 0 || abs (n) > 64)
    return 0;
  double p = c;
  for (int i = 1; i < abs (n); i++)
    {
      if (!exact_product (p, c))
        return 0;
      p *= c;
    }
  if (n < 0)
    {
      if (!exact_quotient (1.0, p))
        return 0;
      p = 1.0 / p;
    }
  *out = p;
  return 1;
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
  if (is_any_const (a) && is_any_const (b) && exact_sum (a->param[0], b->param[0]))
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
  if (is_any_const (a) && is_any_const (b) && exact_sum (a->param[0], -b->param[0]))
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
  if (is_any_const (a) && is_any_const (b) && exact_product (a->param[0], b->param[0]))
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
      && (!is_any_const (a) || exact_product (a->param[0], c)))
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
  if (is_any_const (a) && is_any_const (b) && exact_quotient (a->param[0], b->param[0]))
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
  double cn;
  if (is_any_const (a) && exact_power (a->param[0], n, &cn))
    return replace_by_const (st, a, NULL, cn);
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
    case NS_OP_RPOW:
      {
        /* (a^p)' = p a^(p-1) a'.  p - 1 is written only when it is exactly
           a double (TwoSum); otherwise a^(p-1) is a^p / a, the same
           function wherever a != 0. */
        double p = f->param[0];
        ns_function *lower = exact_sum (p, -1.0)
          ? build (st, NS_OP_RPOW, ns_fn_ref (a), NULL, p - 1, 0)
          : s_div (st, build (st, NS_OP_RPOW, ns_fn_ref (a), NULL, p, 0), ns_fn_ref (a));
        return s_mul (st, s_mul (st, leaf_const (st, p), lower), da);
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

/* ------------------------------------------------------------------ tidying */

/* The most terms of one sum, or factors of one product, that tidying
   gathers; a longer chain is rebuilt as it is (still correct, less tidy). */
#define TIDY_MAX_TERMS 64

static ns_function *tidy_node (ns_status *st, const ns_function *f);

/* F without its leading constant (leading_const): c*g -> g, c*g/h -> g/h,
   c -> 1.  Takes F. */
static ns_function *
strip_leading_const (ns_status *st, ns_function *f)
{
  if (*st != NS_OK || f == NULL)
    {
      ns_fn_free (f);
      return NULL;
    }
  if (f->op == NS_OP_CONST)
    return replace_by_const (st, f, NULL, 1.0);
  ns_function *l = ns_fn_ref (f->arg[0]), *r = ns_fn_ref (f->arg[1]);
  ns_op op = f->op;
  ns_fn_free (f);
  if (l->op == NS_OP_CONST && op == NS_OP_MUL)
    {
      ns_fn_free (l);
      return r;
    }
  l = strip_leading_const (st, l);
  return op == NS_OP_MUL ? s_mul (st, l, r) : s_div (st, l, r);
}

/* C*G written left to right: C*g*h rather than C*(g*h), C*g/h rather
   than C*(g/h), for G without a leading constant.  Takes C and G. */
static ns_function *
mul_front (ns_status *st, ns_function *c, ns_function *g)
{
  if (*st != NS_OK || c == NULL || g == NULL
      || (g->op != NS_OP_MUL && g->op != NS_OP_DIV) || is_any_const (g->arg[0]))
    return s_mul (st, c, g);
  ns_function *l = ns_fn_ref (g->arg[0]), *r = ns_fn_ref (g->arg[1]);
  ns_op op = g->op;
  ns_fn_free (g);
  l = mul_front (st, c, l);
  if (l != NULL && l->op == NS_OP_CONST)
    return op == NS_OP_MUL ? s_mul (st, l, r) : s_div (st, l, r);
  return build (st, op, l, r, 0, 0);
}

/* One term of a sum: COEF times REST (REST NULL for a constant term). */
typedef struct tidy_term {
  double coef;
  ns_function *rest;
} tidy_term;

/* Appends the terms of the tidied sum F, with sign SIGN, to T (N of them
   so far); returns 0 when there are more than TIDY_MAX_TERMS. */
static int
gather_terms (ns_status *st, const ns_function *f, double sign, tidy_term *t, size_t *n)
{
  if (*st != NS_OK)
    return 1;
  if (f->op == NS_OP_ADD || f->op == NS_OP_SUB)
    return gather_terms (st, f->arg[0], sign, t, n)
      && gather_terms (st, f->arg[1], f->op == NS_OP_SUB ? -sign : sign, t, n);
  if (f->op == NS_OP_NEG)
    return gather_terms (st, f->arg[0], -sign, t, n);
  if (*n == TIDY_MAX_TERMS)
    return 0;
  double c = 1.0;
  ns_function *rest = NULL;
  if (f->op == NS_OP_CONST)
    c = f->param[0];
  else if (leading_const (f, &c))
    rest = strip_leading_const (st, ns_fn_ref (f));
  else
    rest = ns_fn_ref (f);
  t[(*n)++] = (tidy_term) { sign * c, rest };
  return 1;
}

/* The tidied sum F (its arguments tidied already): like terms c1*g + c2*g
   become (c1 + c2)*g and constants add up, each where c1 + c2 is exact,
   in the order of first appearance; a term that cancels is dropped (as
   a - a = 0 drops a's domain).  Takes F. */
static ns_function *
tidy_sum (ns_status *st, ns_function *f)
{
  tidy_term t[TIDY_MAX_TERMS];
  size_t n = 0;
  int fits = gather_terms (st, f, 1.0, t, &n);
  if (!fits || *st != NS_OK)
    {
      for (size_t i = 0; i < n; i++)
        ns_fn_free (t[i].rest);
      return f;
    }
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n;)
      {
        int alike = (t[i].rest == NULL && t[j].rest == NULL)
          || (t[i].rest && t[j].rest && same_tree (t[i].rest, t[j].rest));
        if (!alike || !exact_sum (t[i].coef, t[j].coef))
          {
            j++;
            continue;
          }
        t[i].coef += t[j].coef;
        ns_fn_free (t[j].rest);
        for (size_t k = j; k + 1 < n; k++)   /* keeps the order */
          t[k] = t[k + 1];
        n--;
      }
  ns_fn_free (f);
  ns_function *sum = NULL;
  for (size_t i = 0; i < n; i++)
    {
      ns_function *term = t[i].rest == NULL ? leaf_const (st, t[i].coef)
        : mul_front (st, leaf_const (st, t[i].coef), t[i].rest);
      if (t[i].coef == 0)
        {
          ns_fn_free (term);
          continue;
        }
      sum = sum == NULL ? term : s_add (st, sum, term);
    }
  return sum != NULL ? sum : leaf_const (st, 0.0);
}

/* One factor of a product: BASE^EXPONENT, EXPONENT >= 1. */
typedef struct tidy_factor {
  ns_function *base;
  int exponent;
} tidy_factor;

/* Appends the factors of the tidied product F to T (N so far), constants
   multiplied into *C where that is exact; 0 past TIDY_MAX_TERMS. */
static int
gather_factors (const ns_function *f, double *c, tidy_factor *t, size_t *n)
{
  if (f->op == NS_OP_MUL)
    return gather_factors (f->arg[0], c, t, n) && gather_factors (f->arg[1], c, t, n);
  if (f->op == NS_OP_CONST && exact_product (*c, f->param[0]))
    {
      *c *= f->param[0];
      return 1;
    }
  if (*n == TIDY_MAX_TERMS)
    return 0;
  /* Only positive powers merge: x^-1*x is not 1 at 0. */
  if (f->op == NS_OP_POW && f->param[0] >= 1)
    t[(*n)++] = (tidy_factor) { ns_fn_ref (f->arg[0]), (int) f->param[0] };
  else
    t[(*n)++] = (tidy_factor) { ns_fn_ref (f), 1 };
  return 1;
}

/* The tidied product F: numeric factors multiplied (where exact) to the
   front, equal factors as one power, g*g*g = g^3 (the same value: a power
   is evaluated as the product).  Takes F. */
static ns_function *
tidy_product (ns_status *st, ns_function *f)
{
  tidy_factor t[TIDY_MAX_TERMS];
  size_t n = 0;
  double c = 1.0;
  if (!gather_factors (f, &c, t, &n))
    {
      for (size_t i = 0; i < n; i++)
        ns_fn_free (t[i].base);
      return f;
    }
  for (size_t i = 0; i < n; i++)
    for (size_t j = i + 1; j < n;)
      {
        if (!same_tree (t[i].base, t[j].base) || t[i].exponent + t[j].exponent > 1024)
          {
            j++;
            continue;
          }
        t[i].exponent += t[j].exponent;
        ns_fn_free (t[j].base);
        for (size_t k = j; k + 1 < n; k++)
          t[k] = t[k + 1];
        n--;
      }
  ns_fn_free (f);
  if (c == 0)
    {
      for (size_t i = 0; i < n; i++)
        ns_fn_free (t[i].base);
      return leaf_const (st, 0.0);   /* 0*g = 0, as s_mul has it */
    }
  /* Left to right, c*g*h: a product of products prints without parentheses. */
  ns_function *prod = c == 1 || c == -1 ? NULL : leaf_const (st, c);
  for (size_t i = 0; i < n; i++)
    {
      ns_function *g = s_pow (st, t[i].base, t[i].exponent);
      prod = prod == NULL ? g : build (st, NS_OP_MUL, prod, g, 0, 0);
    }
  if (prod == NULL)
    return leaf_const (st, c);
  return c == -1 ? s_neg (st, prod) : prod;
}

static int
is_integer (double v)
{
  return isfinite (v) && v == nearbyint (v);
}

/* NUM/DEN (tidied) with their leading constants c1, c2 cancelled where
   that is exact: 2*x/(2*y) = x/y, 2*g/4 = g/2, 6*g/2 = 3*g, 3*g/4 =
   0.75*g.  Takes NUM and DEN. */
static ns_function *
tidy_div (ns_status *st, ns_function *num, ns_function *den)
{
  double c1 = 1.0, c2;
  if (*st != NS_OK || num == NULL || den == NULL || !leading_const (den, &c2))
    return s_div (st, num, den);
  int has1 = leading_const (num, &c1);
  if (exact_quotient (c1, c2) && (is_integer (c1 / c2) || !exact_quotient (c2, c1)
                                  || !is_integer (c2 / c1)))
    {
      double q = c1 / c2;
      ns_function *g = has1 ? strip_leading_const (st, num) : num;
      return s_div (st, mul_front (st, leaf_const (st, q), g), strip_leading_const (st, den));
    }
  if (exact_quotient (c2, c1) && is_integer (c2 / c1))
    {
      double r = c2 / c1;
      ns_function *g = has1 ? strip_leading_const (st, num) : num;
      return s_div (st, g, mul_front (st, leaf_const (st, r), strip_leading_const (st, den)));
    }
  return s_div (st, num, den);
}

static ns_function *
tidy_node (ns_status *st, const ns_function *f)
{
  if (*st != NS_OK)
    return NULL;
  const ns_op_info *info = ns_op_get (f->op);
  if (info->arity == 0)
    return ns_fn_ref (f);
  ns_function *a = tidy_node (st, f->arg[0]);
  ns_function *b = info->arity == 2 ? tidy_node (st, f->arg[1]) : NULL;
  if (*st != NS_OK)
    {
      ns_fn_free (a);
      ns_fn_free (b);
      return NULL;
    }
  ns_function *g;
  switch (f->op)
    {
    case NS_OP_ADD:
    case NS_OP_SUB:
      g = f->op == NS_OP_ADD ? s_add (st, a, b) : s_sub (st, a, b);
      return g && (g->op == NS_OP_ADD || g->op == NS_OP_SUB) ? tidy_sum (st, g) : g;
    case NS_OP_NEG:
      return s_neg (st, a);
    case NS_OP_MUL:
      g = s_mul (st, a, b);
      return g && g->op == NS_OP_MUL ? tidy_product (st, g) : g;
    case NS_OP_DIV:
      return tidy_div (st, a, b);
    case NS_OP_POW:
      return s_pow (st, a, (int) f->param[0]);
    default:
      if (a == f->arg[0] && b == f->arg[1])
        {
          ns_fn_free (a);
          ns_fn_free (b);
          return ns_fn_ref (f);
        }
      return build (st, f->op, a, b, f->param[0], f->param[1]);
    }
}

ns_status
ns_fn_tidy (const ns_function *f, ns_function **out)
{
  if (out == NULL)
    return NS_EINVAL;
  *out = NULL;
  if (f == NULL)
    return NS_EINVAL;
  ns_status st = NS_OK;
  ns_function *g = tidy_node (&st, f);
  if (st != NS_OK)
    {
      ns_fn_free (g);
      return st;
    }
  if (g == NULL)
    return NS_ENOMEM;
  *out = g;
  return NS_OK;
}
