/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_convex.c: convexity of a function of several variables
   on all of R^n, certified by rules (affine maps, sums and nonnegative
   multiples, max of convex, min of concave, convex nondecreasing outer
   functions, and a one-variable function of one affine form, decided by
   the one-variable certificate ns_fn_convexity), and the convex
   subdifferential: the Clarke polytope where convexity is certified. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <flint/flint.h>
#include <flint/fmpq.h>
#include <arb.h>
#include <nonsmooth/subdiff.h>
#include "multi/multi_impl.h"
#include "subdiff/convexity_impl.h"
#include "function/certify_impl.h"
#include "function/certify.h"

typedef enum
{
  MC_CONST,
  MC_AFFINE,
  MC_CONVEX,
  MC_CONCAVE,
  MC_UNKNOWN
} mcurv;

typedef struct
{
  const ns_mfn *f;
  char *buf;
  size_t size;
  int refused;
  long budget;
} mctx;

/* Nodes classified per function: the one-affine-form rule looks into
   subtrees again, so the work stays bounded on deep trees. */
#define MC_BUDGET 100000

/* The variable of leaf L (0-based), or -1 for a leaf of no variable. */
static int
var_index (const ns_mfn *f, const ns_function *l)
{
  if (f->leaf[0] == NULL)
    return 0;   /* ns_mfn_from_fn: every NS_OP_X is variable 1 */
  for (int i = 0; i < f->n; i++)
    if (f->leaf[i] == l)
      return i;
  return -1;
}

/* Vector helpers (FLINT 2.9 has none for fmpq). */
static int
qvec_is_zero (const fmpq *v, int n)
{
  for (int j = 0; j < n; j++)
    if (!fmpq_is_zero (v + j))
      return 0;
  return 1;
}

static void
qvec_lincomb (fmpq *out, const fmpq *a, const fmpq *b, int n, int sb)
{
  for (int j = 0; j < n; j++)
    if (sb > 0)
      fmpq_add (out + j, a + j, b + j);
    else
      fmpq_sub (out + j, a + j, b + j);
}

static void
qvec_scale (fmpq *out, const fmpq *a, int n, const fmpq_t s)
{
  for (int j = 0; j < n; j++)
    fmpq_mul (out + j, a + j, s);
}

/* The exact linear part of T when T is affine in the variables with
   rational coefficients that follow from its constants exactly (sums,
   differences, negation, products and quotients by constant subtrees of
   +, -, *, / on constants): COEF[0..n-1] and, for a constant subtree,
   its exact value in *C.  Returns 0 when T is not shown so. */
static int
affine_form (const ns_mfn *f, const ns_function *t, fmpq *coef, fmpq_t c)
{
  int n = f->n;
  ns_op op = ns_fn_op (t);
  const ns_function *a = ns_fn_arg (t, 0), *b = ns_fn_arg (t, 1);
  for (int j = 0; j < n; j++)
    fmpq_zero (coef + j);
  fmpq_zero (c);
  if (op == NS_OP_X)
    {
      int i = var_index (f, t);
      if (i < 0)
        return 0;
      fmpq_one (coef + i);
      return 1;
    }
  if (op == NS_OP_CONST)
    {
      double v = ns_fn_param (t, 0);
      if (!isfinite (v))
        return 0;
      ns_cert_q_set_d (c, v);
      return 1;
    }
  if (op != NS_OP_ADD && op != NS_OP_SUB && op != NS_OP_NEG && op != NS_OP_MUL
      && op != NS_OP_DIV)
    return 0;
  fmpq *ca = _fmpq_vec_init (n), *cb = _fmpq_vec_init (n);
  fmpq_t va, vb;
  fmpq_init (va);
  fmpq_init (vb);
  int ok = affine_form (f, a, ca, va);
  if (ok && op != NS_OP_NEG)
    ok = affine_form (f, b, cb, vb);
  if (ok)
    {
      int a_const = qvec_is_zero (ca, n), b_const = qvec_is_zero (cb, n);
      switch (op)
        {
        case NS_OP_ADD:
          qvec_lincomb (coef, ca, cb, n, 1);
          fmpq_add (c, va, vb);
          break;
        case NS_OP_SUB:
          qvec_lincomb (coef, ca, cb, n, -1);
          fmpq_sub (c, va, vb);
          break;
        case NS_OP_NEG:
          for (int j = 0; j < n; j++)
            fmpq_neg (coef + j, ca + j);
          fmpq_neg (c, va);
          break;
        case NS_OP_MUL:
          if (a_const)
            {
              qvec_scale (coef, cb, n, va);
              fmpq_mul (c, va, vb);
            }
          else if (b_const)
            {
              qvec_scale (coef, ca, n, vb);
              fmpq_mul (c, va, vb);
            }
          else
            ok = 0;
          break;
        default: /* NS_OP_DIV */
          if (!b_const || fmpq_is_zero (vb))
            ok = 0;
          else
            {
              fmpq_inv (vb, vb);
              qvec_scale (coef, ca, n, vb);
              fmpq_mul (c, va, vb);
            }
          break;
        }
    }
  _fmpq_vec_clear (ca, n);
  _fmpq_vec_clear (cb, n);
  fmpq_clear (va);
  fmpq_clear (vb);
  return ok;
}

/* Writes a short text of T (variables named as the parser reads them,
   fully parenthesised) for a refusal message. */
static void
print_node (const ns_mfn *f, const ns_function *t, char *buf, size_t size, size_t *len)
{
#define PUT(...)                                                            \
  do                                                                        \
    {                                                                       \
      int k_ = snprintf (buf + *len, *len < size ? size - *len : 0, __VA_ARGS__); \
      if (k_ > 0)                                                           \
        *len += (size_t) k_;                                                \
      if (*len > size)                                                      \
        *len = size;                                                        \
    }                                                                       \
  while (0)
  ns_op op = ns_fn_op (t);
  const ns_op_info *info = ns_op_get (op);
  if (op == NS_OP_X)
    {
      int i = var_index (f, t);
      if (f->n <= 3)
        PUT ("%c", i == 1 ? 'y' : i == 2 ? 'z' : 'x');
      else
        PUT ("x%d", i + 1);
      return;
    }
  if (op == NS_OP_CONST)
    {
      PUT ("%g", ns_fn_param (t, 0));
      return;
    }
  if (info == NULL)
    return;
  if (op == NS_OP_NEG)
    {
      PUT ("-(");
      print_node (f, ns_fn_arg (t, 0), buf, size, len);
      PUT (")");
      return;
    }
  if (op == NS_OP_ADD || op == NS_OP_SUB || op == NS_OP_MUL || op == NS_OP_DIV)
    {
      PUT ("(");
      print_node (f, ns_fn_arg (t, 0), buf, size, len);
      PUT (" %s ", info->name);
      print_node (f, ns_fn_arg (t, 1), buf, size, len);
      PUT (")");
      return;
    }
  if (op == NS_OP_POW)
    {
      PUT ("(");
      print_node (f, ns_fn_arg (t, 0), buf, size, len);
      PUT (")^%g", ns_fn_param (t, 0));
      return;
    }
  PUT ("%s(", info->name);
  for (int i = 0; i < info->arity; i++)
    {
      if (i > 0)
        PUT (", ");
      print_node (f, ns_fn_arg (t, i), buf, size, len);
    }
  for (int i = 0; i < info->nparams; i++)
    PUT (", %g", ns_fn_param (t, i));
  PUT (")");
#undef PUT
}

static mcurv
refuse (mctx *r, const ns_function *t, const char *why)
{
  if (!r->refused)
    {
      r->refused = 1;
      if (r->buf != NULL && r->size > 0)
        {
          char expr[96];
          size_t len = 0;
          print_node (r->f, t, expr, sizeof expr, &len);
          if (len >= sizeof expr - 1)
            memcpy (expr + sizeof expr - 4, "...", 4);
          snprintf (r->buf, r->size, "%s: %s", expr, why);
        }
    }
  return MC_UNKNOWN;
}

/* Collects the linear parts of the maximal affine subtrees of T into the
   first one found (*C, with *HAVE) and checks each is a rational multiple
   of it.  Returns 0 when some variable sits outside an affine subtree
   shown exactly, or two linear parts are not parallel. */
static int
one_form (const ns_mfn *f, const ns_function *t, fmpq *c, int *have)
{
  if (!ns_convex_has_x (t))
    return 1;
  int n = f->n;
  fmpq *v = _fmpq_vec_init (n);
  fmpq_t k, alpha, p;
  fmpq_init (k);
  fmpq_init (alpha);
  fmpq_init (p);
  int ok;
  if (affine_form (f, t, v, k))
    {
      ok = 1;
      if (!qvec_is_zero (v, n))
        {
          if (!*have)
            {
              for (int j = 0; j < n; j++)
                fmpq_set (c + j, v + j);
              *have = 1;
            }
          else
            {
              int j0 = 0;
              while (fmpq_is_zero (c + j0))
                j0++;
              fmpq_div (alpha, v + j0, c + j0);
              for (int j = 0; j < n && ok; j++)
                {
                  fmpq_mul (p, alpha, c + j);
                  ok = fmpq_equal (p, v + j);
                }
            }
        }
    }
  else
    {
      const ns_op_info *info = ns_op_get (ns_fn_op (t));
      ok = info != NULL && ns_fn_op (t) != NS_OP_X;
      for (int i = 0; ok && i < info->arity; i++)
        ok = one_form (f, ns_fn_arg (t, i), c, have);
    }
  _fmpq_vec_clear (v, n);
  fmpq_clear (k);
  fmpq_clear (alpha);
  fmpq_clear (p);
  return ok;
}

/* The one-affine-form rule: when T depends on x only through one linear
   form c . x (every variable inside an affine subtree whose linear part
   is a rational multiple of c), T = psi(c . x) with psi(s) = T on
   {c . x = s}; psi is convex iff t -> T(t e_j) = psi(c_j t) is, for any
   j with c_j != 0; and psi convex makes T convex (a convex function of a
   linear map).  The restriction is the exact tree ns_mfn_restrict_tree
   builds, and the one-variable certificate decides it. */
static int
one_form_convex (mctx *r, const ns_function *t)
{
  const ns_mfn *f = r->f;
  int n = f->n, have = 0, certified = 0;
  fmpq *c = _fmpq_vec_init (n);
  if (one_form (f, t, c, &have) && have)
    {
      int j0 = 0;
      while (fmpq_is_zero (c + j0))
        j0++;
      double x0[NS_MULTI_MAX_VARS] = { 0 }, d[NS_MULTI_MAX_VARS] = { 0 };
      d[j0] = 1;
      ns_function *phi = NULL;
      if (ns_mfn_restrict_tree (f, t, x0, d, &phi) == NS_OK)
        {
          char why[8];
          if (ns_fn_convexity (phi, &certified, why, sizeof why) != NS_OK)
            certified = 0;
        }
      ns_fn_free (phi);
    }
  _fmpq_vec_clear (c, n);
  return certified;
}

static mcurv
flip (mcurv k)
{
  return k == MC_CONVEX ? MC_CONCAVE : k == MC_CONCAVE ? MC_CONVEX : k;
}

static int
is_convex (mcurv k)
{
  return k == MC_CONST || k == MC_AFFINE || k == MC_CONVEX;
}

static int
is_concave (mcurv k)
{
  return k == MC_CONST || k == MC_AFFINE || k == MC_CONCAVE;
}

/* The value of a subtree without variables (NaN when undefined). */
static double
const_value (const ns_function *t)
{
  ns_result v;
  return ns_fn_eval (t, 0.0, &v) == NS_OK ? v.val : (double) NAN;
}

static mcurv
classify (mctx *r, const ns_function *t)
{
  if (++r->budget > MC_BUDGET)
    return refuse (r, t, "too many subexpressions for the rules");
  ns_op op = ns_fn_op (t);
  if (!ns_convex_has_x (t))
    return isnan (const_value (t)) ? refuse (r, t, "undefined constant") : MC_CONST;
  if (op == NS_OP_X)
    return MC_AFFINE;
  const ns_function *a = ns_fn_arg (t, 0), *b = ns_fn_arg (t, 1);
  mcurv ka, kb, k = MC_UNKNOWN;
  /* Structural rules first, without refusing: a failure falls back on
     the one-affine-form rule before a message is written. */
  mctx quiet = { r->f, NULL, 0, 0, r->budget };
  switch (op)
    {
    case NS_OP_ADD:
    case NS_OP_SUB:
      ka = classify (&quiet, a);
      kb = classify (&quiet, b);
      if (op == NS_OP_SUB)
        kb = flip (kb);
      if ((ka == MC_CONST || ka == MC_AFFINE) && (kb == MC_CONST || kb == MC_AFFINE))
        k = MC_AFFINE;
      else if (is_convex (ka) && is_convex (kb))
        k = MC_CONVEX;
      else if (is_concave (ka) && is_concave (kb))
        k = MC_CONCAVE;
      break;
    case NS_OP_NEG:
      k = flip (classify (&quiet, a));
      break;
    case NS_OP_MUL:
    case NS_OP_DIV:
      {
        const ns_function *cst = NULL, *var = NULL;
        if (op == NS_OP_MUL && !ns_convex_has_x (a))
          cst = a, var = b;
        else if (!ns_convex_has_x (b))
          cst = b, var = a;
        if (cst == NULL)
          break;
        int s = isnan (const_value (cst)) ? 2 : ns_cert_const_sign (cst);
        if (s == 2 || (op == NS_OP_DIV && s == 0))
          break;
        k = classify (&quiet, var);
        if (s == 0)
          k = MC_CONST;
        else if (s < 0)
          k = flip (k);
        break;
      }
    case NS_OP_MAX:
      ka = classify (&quiet, a);
      kb = classify (&quiet, b);
      if (is_convex (ka) && is_convex (kb))
        k = MC_CONVEX;
      break;
    case NS_OP_MIN:
      ka = classify (&quiet, a);
      kb = classify (&quiet, b);
      if (is_concave (ka) && is_concave (kb))
        k = MC_CONCAVE;
      break;
    case NS_OP_RELU:
    case NS_OP_EXP:
      /* Convex nondecreasing of convex. */
      if (is_convex (classify (&quiet, a)))
        k = MC_CONVEX;
      break;
    case NS_OP_LEAKY_RELU:
      /* max(s t, t) with 0 <= s <= 1: convex nondecreasing. */
      if (ns_fn_param (t, 0) >= 0 && ns_fn_param (t, 0) <= 1 && is_convex (classify (&quiet, a)))
        k = MC_CONVEX;
      break;
    case NS_OP_ABS:
      ka = classify (&quiet, a);
      if (ka == MC_AFFINE || ka == MC_CONST)
        k = MC_CONVEX;
      break;
    default:
      break;
    }
  r->budget = quiet.budget;
  if (k != MC_UNKNOWN)
    return k;
  if (one_form_convex (r, t))
    return MC_CONVEX;
  /* Name the deepest node the rules refuse: classify the arguments with
     messages, so the first refusal below wins. */
  const ns_op_info *info = ns_op_get (op);
  for (int i = 0; info != NULL && i < info->arity && !r->refused; i++)
    {
      mcurv ki = classify (r, ns_fn_arg (t, i));
      /* A concave argument where the rules need a convex one (a sum, a
         max, the first term of a difference, a nondecreasing outer
         function) is the culprit to name. */
      int needs_convex = op == NS_OP_ADD || op == NS_OP_MAX || op == NS_OP_RELU
                         || op == NS_OP_EXP || op == NS_OP_LEAKY_RELU
                         || (op == NS_OP_SUB && i == 0);
      if (!r->refused && ki == MC_CONCAVE && needs_convex)
        refuse (r, ns_fn_arg (t, i), "concave, not certified convex");
    }
  return refuse (r, t, "not certified convex by the rules");
}

ns_status
ns_mfn_convexity (const ns_mfn *f, int *certified, char *reason, size_t size)
{
  if (certified != NULL)
    *certified = 0;
  if (reason != NULL && size > 0)
    reason[0] = '\0';
  if (f == NULL || certified == NULL || (reason == NULL && size > 0))
    return NS_EINVAL;
  mctx r = { f, reason, size, 0, 0 };
  mcurv k = classify (&r, f->tree);
  if (is_convex (k))
    {
      *certified = 1;
      if (reason != NULL && size > 0)
        snprintf (reason, size, "convex by the rules");
      return NS_OK;
    }
  if (!r.refused)
    refuse (&r, f->tree, "concave, not certified convex");
  return NS_ENOTCONVEX;
}

ns_status
ns_mfn_convex_subdiff (const ns_mfn *f, const double *x, ns_polytope **out)
{
  if (out == NULL)
    return NS_EINVAL;
  *out = NULL;
  if (f == NULL || x == NULL)
    return NS_EINVAL;
  int certified = 0;
  ns_status st = ns_mfn_convexity (f, &certified, NULL, 0);
  if (st != NS_OK && st != NS_ENOTCONVEX)
    return st;
  if (!certified)
    return NS_ENOTCONVEX;
  /* Convex and finite on R^n, hence locally Lipschitz and regular: the
     convex subdifferential is the Clarke set. */
  return ns_mfn_clarke_polytope (f, x, out);
}
