/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/function.c: construction and reference counting of expression trees,
   the tree walkers (value with error bound, germ, enclosure), one-sided
   derivatives and jumps built on germs, and printing back to text. */
#include <config.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "function/function_impl.h"
#include "function/certify.h"
#include "function/eval_step.h"
#include "text.h"

/* ------------------------------------------------------------------ construction */

static void
release_args (ns_function *const *args, int n)
{
  for (int i = 0; i < n; i++)
    ns_fn_free (args[i]);
}

static ns_status
check_params (ns_op op, const double *p)
{
  switch (op)
    {
    case NS_OP_CONST:
      return isfinite (p[0]) ? NS_OK : NS_EINVAL;
    case NS_OP_HEAVISIDE:
      /* NaN: undefined at the jump, as SymPy's Heaviside(x, nan). */
      return isfinite (p[0]) || isnan (p[0]) ? NS_OK : NS_EINVAL;
    case NS_OP_LEAKY_RELU:
      return isfinite (p[0]) ? NS_OK : NS_EINVAL;
    case NS_OP_POW:
      /* Integer exponents only; the bound keeps |n| an int and germs cheap. */
      return (isfinite (p[0]) && p[0] == floor (p[0]) && fabs (p[0]) <= NS_FN_MAX_POW)
             ? NS_OK : NS_EINVAL;
    case NS_OP_RPOW:
      /* A real exponent that is not an integer (those are NS_OP_POW). */
      return (isfinite (p[0]) && p[0] != floor (p[0]) && fabs (p[0]) <= NS_FN_MAX_POW)
             ? NS_OK : NS_EINVAL;
    case NS_OP_CLAMP:
      return (!isnan (p[0]) && !isnan (p[1]) && p[0] <= p[1]
              && p[0] != HUGE_VAL && p[1] != -HUGE_VAL) ? NS_OK : NS_EINVAL;
    default:
      return NS_OK;
    }
}

ns_status
ns_fn_make (ns_op op, ns_function *const *args, const double *params,
            ns_function **out)
{
  const ns_op_info *info = ns_op_get (op);
  if (out == NULL)
    {
      if (info && args)
        release_args (args, info->arity);
      return NS_EINVAL;
    }
  *out = NULL;
  if (info == NULL)
    return NS_EINVAL;
  if (info->arity > 0 && args == NULL)
    return NS_EINVAL;
  ns_status st = NS_OK;
  for (int i = 0; i < info->arity; i++)
    if (args[i] == NULL)
      st = NS_EINVAL;
  if (st == NS_OK && info->nparams > 0 && params == NULL)
    st = NS_EINVAL;
  if (st == NS_OK && info->nparams > 0)
    st = check_params (op, params);
  int depth = 1;
  long size = 1;
  for (int i = 0; st == NS_OK && i < info->arity; i++)
    {
      if (args[i]->depth + 1 > depth)
        depth = args[i]->depth + 1;
      size += args[i]->size;
    }
  if (st == NS_OK && (depth > NS_FN_MAX_DEPTH || size > NS_FN_MAX_SIZE))
    st = NS_ELIMIT;
  ns_function *f = NULL;
  if (st == NS_OK && (f = calloc (1, sizeof *f)) == NULL)
    st = NS_ENOMEM;
  if (st != NS_OK)
    {
      release_args (args, info->arity);
      return st;
    }
  f->op = op;
  atomic_init (&f->refs, 1);
  f->depth = depth;
  f->size = size;
  for (int i = 0; i < info->nparams; i++)
    f->param[i] = params[i];
  /* -0 and +0 are the same constant for every rule; keep the sign anyway
     so that printing shows what was given. */
  for (int i = 0; i < info->arity; i++)
    f->arg[i] = args[i];
  *out = f;
  return NS_OK;
}

static ns_function *
make_or_null (ns_op op, ns_function *a, ns_function *b, double p0, double p1)
{
  ns_function *args[2] = { a, b };
  double params[2] = { p0, p1 };
  ns_function *f;
  /* ns_fn_make takes only the first `arity` arguments and sets f to NULL
     on failure; the unused slots here are NULL. */
  ns_fn_make (op, args, params, &f);
  return f;
}

ns_function *ns_fn_x (void) { return make_or_null (NS_OP_X, NULL, NULL, 0, 0); }
ns_function *ns_fn_const (double c) { return make_or_null (NS_OP_CONST, NULL, NULL, c, 0); }
ns_function *ns_fn_add (ns_function *a, ns_function *b) { return make_or_null (NS_OP_ADD, a, b, 0, 0); }
ns_function *ns_fn_sub (ns_function *a, ns_function *b) { return make_or_null (NS_OP_SUB, a, b, 0, 0); }
ns_function *ns_fn_mul (ns_function *a, ns_function *b) { return make_or_null (NS_OP_MUL, a, b, 0, 0); }
ns_function *ns_fn_div (ns_function *a, ns_function *b) { return make_or_null (NS_OP_DIV, a, b, 0, 0); }
ns_function *ns_fn_neg (ns_function *a) { return make_or_null (NS_OP_NEG, a, NULL, 0, 0); }
ns_function *ns_fn_pow (ns_function *a, int n) { return make_or_null (NS_OP_POW, a, NULL, n, 0); }
ns_function *ns_fn_exp (ns_function *a) { return make_or_null (NS_OP_EXP, a, NULL, 0, 0); }
ns_function *ns_fn_log (ns_function *a) { return make_or_null (NS_OP_LOG, a, NULL, 0, 0); }
ns_function *ns_fn_sqrt (ns_function *a) { return make_or_null (NS_OP_SQRT, a, NULL, 0, 0); }
ns_function *ns_fn_sin (ns_function *a) { return make_or_null (NS_OP_SIN, a, NULL, 0, 0); }
ns_function *ns_fn_cos (ns_function *a) { return make_or_null (NS_OP_COS, a, NULL, 0, 0); }
ns_function *ns_fn_relu (ns_function *a) { return make_or_null (NS_OP_RELU, a, NULL, 0, 0); }
ns_function *ns_fn_abs (ns_function *a) { return make_or_null (NS_OP_ABS, a, NULL, 0, 0); }
ns_function *ns_fn_heaviside (ns_function *a, double h0) { return make_or_null (NS_OP_HEAVISIDE, a, NULL, h0, 0); }
ns_function *ns_fn_sign (ns_function *a) { return make_or_null (NS_OP_SIGN, a, NULL, 0, 0); }
ns_function *ns_fn_max (ns_function *a, ns_function *b) { return make_or_null (NS_OP_MAX, a, b, 0, 0); }
ns_function *ns_fn_min (ns_function *a, ns_function *b) { return make_or_null (NS_OP_MIN, a, b, 0, 0); }
ns_function *ns_fn_clamp (ns_function *a, double lo, double hi) { return make_or_null (NS_OP_CLAMP, a, NULL, lo, hi); }
ns_function *ns_fn_leaky_relu (ns_function *a, double s) { return make_or_null (NS_OP_LEAKY_RELU, a, NULL, s, 0); }
ns_function *ns_fn_floor (ns_function *a) { return make_or_null (NS_OP_FLOOR, a, NULL, 0, 0); }

/* The count is the one mutable part of an immutable function: taking a
   reference changes nothing a holder can observe, so F is const, and the
   cast through uintptr_t says that dropping the qualifier is meant. */
ns_function *
ns_fn_ref (const ns_function *f)
{
  ns_function *g = (ns_function *) (uintptr_t) f;
  if (g)
    atomic_fetch_add (&g->refs, 1);
  return g;
}

void
ns_fn_free (ns_function *f)
{
  /* Iterative on the first argument so that long chains cannot exhaust
     the stack; the depth bound limits the recursion on the second. */
  while (f && atomic_fetch_sub (&f->refs, 1) == 1)
    {
      ns_function *next = f->arg[0];
      ns_fn_free (f->arg[1]);
      free (f);
      f = next;
    }
}

ns_op
ns_fn_op (const ns_function *f)
{
  return f ? f->op : NS_OP_COUNT;
}

const ns_function *
ns_fn_arg (const ns_function *f, int i)
{
  if (f == NULL || i < 0 || i >= ns_op_get (f->op)->arity)
    return NULL;
  return f->arg[i];
}

double
ns_fn_param (const ns_function *f, int i)
{
  if (f == NULL || i < 0 || i >= ns_op_get (f->op)->nparams)
    return NAN;
  return f->param[i];
}

/* ------------------------------------------------------------------ tree walkers */

/* Is the argument germ of the kink F within its rounding bound of a level
   (*LEVEL), so that the double germ cannot tell whether x is the switch
   point? */
static int
germ_at_level (const ns_function *f, const ns_germ_w *a, double *level, double *err_out)
{
  double c0, err;
  if (a[0].n < 1)
    return 0;
  switch (f->op)
    {
    case NS_OP_RELU:
    case NS_OP_ABS:
    case NS_OP_HEAVISIDE:
    case NS_OP_SIGN:
    case NS_OP_LEAKY_RELU:
      *level = 0;
      c0 = a[0].c[0];
      err = a[0].err0;
      break;
    case NS_OP_MAX:
    case NS_OP_MIN:
      if (a[1].n < 1)
        return 0;
      *level = 0;
      c0 = a[0].c[0] - a[1].c[0];
      err = a[0].err0 + a[1].err0 + NS_ULP * fabs (c0);
      break;
    case NS_OP_CLAMP:
      c0 = a[0].c[0];
      err = a[0].err0;
      if (f->param[0] == f->param[1])
        return 0;
      *level = fabs (c0 - f->param[0]) <= fabs (c0 - f->param[1]) ? f->param[0]
               : f->param[1];
      break;
    case NS_OP_FLOOR:
      c0 = a[0].c[0];
      err = a[0].err0;
      if (!(err < 0.5))
        return 0;
      *level = nearbyint (c0);
      break;
    default:
      return 0;
    }
  *err_out = err;
  return fabs (c0 - *level) <= err;
}

ns_status
ns_fn_eval_tree (const ns_function *f, double x, ns_result *out)
{
  const ns_op_rules *rules = ns_op_rules_get (f->op);
  ns_result args[2];
  if (f->op == NS_OP_X)
    {
      out->val = x;
      out->err = 0;
      return NS_OK;
    }
  for (int i = 0; i < rules->info.arity; i++)
    {
      ns_status st = ns_fn_eval_tree (f->arg[i], x, &args[i]);
      if (st != NS_OK)
        {
          /* An argument that overflowed says nothing about this node's
             value (1/(x*x) at 1e300 is finite): no number. */
          out->val = NAN;
          out->err = HUGE_VAL;
          return st;
        }
    }
  return ns_fn_eval_step (f, rules, x, args, out);
}

ns_status
ns_fn_germ_tree (const ns_function *f, double x, int side, int m, ns_germ_w *out)
{
  const ns_op_rules *rules = ns_op_rules_get (f->op);
  ns_germ_w args[2];
  if (f->op == NS_OP_X)
    {
      ns_germ_set_var (out, m, x, side);
      return NS_OK;
    }
  for (int i = 0; i < rules->info.arity; i++)
    {
      ns_status st = ns_fn_germ_tree (f->arg[i], x, side, m, &args[i]);
      if (st != NS_OK)
        return st;
    }
  /* Where the double germ cannot tell whether x is the switch point, a
     certified decision picks the branch (certify.c): x is no switch point
     (one ulp from a kink), a crossing (each side's sign), a touching
     contact (smooth), an exact zero (the coefficients decide), or the
     doubles do not decide. */
  double level, level_err = 0;
  int at_switch = 0;
  if (rules->info.is_kink && germ_at_level (f, args, &level, &level_err))
    {
      int l, r;
      ns_cert_kind k = ns_cert_switch (f, rules->switches, level, x, &l, &r);
      at_switch = k == NS_CERT_CROSS;
      if (k == NS_CERT_UNDECIDED)
        return NS_EUNDECIDED;
      if (k != NS_CERT_EXACT)
        {
          args[0].cert = side > 0 ? r : l;
          args[0].cert_off = k == NS_CERT_OFF || k == NS_CERT_CONTACT;
          args[0].cert_level = level;
        }
    }
  out->m = m;
  ns_status st = rules->germ (f, args, out);
  out->cert = 0;
  out->cert_off = 0;
  /* At a switch point r near x, a continuous kink's one-sided limit is
     f(r), which differs from f(x) by up to its Lipschitz constant times
     the switching quantity's change between x and r, bounded by the
     argument's err0 (it holds half an ulp of x): a constant branch (relu
     below 0, err0 0) must carry that, or relu(sin(x)) at the double
     nearest pi would seem to jump. */
  if (st == NS_OK && at_switch && out->n >= 1 && f->op != NS_OP_HEAVISIDE
      && f->op != NS_OP_SIGN && f->op != NS_OP_FLOOR)
    {
      double lip = f->op == NS_OP_LEAKY_RELU ? fmax (1.0, fabs (f->param[0])) : 1.0;
      out->err0 = fmax (out->err0, lip * level_err);
    }
  /* A valid coefficient is an exact, finite number, so one that is not
     finite overflowed (the slope 1/x of log|x| at the smallest subnormal
     is 2e323 in exact arithmetic); so did exp's value when its rule says
     NS_ERANGE. */
  if (st == NS_ERANGE)
    st = NS_EOVERFLOW;
  for (int i = 0; st == NS_OK && i < out->n; i++)
    if (!isfinite (out->c[i]))
      st = NS_EOVERFLOW;
  return st;
}

void
ns_fn_enclose_tree (const ns_function *f, double lo, double hi, ns_ivd *out)
{
  const ns_op_rules *rules = ns_op_rules_get (f->op);
  ns_ivd args[2];
  memset (out, 0, sizeof *out);
  out->defined = 1;
  if (f->op == NS_OP_X)
    {
      out->lo = lo;
      out->hi = hi;
      out->dlo = out->dhi = 1;
      return;
    }
  int defined = 1;
  for (int i = 0; i < rules->info.arity; i++)
    {
      ns_fn_enclose_tree (f->arg[i], lo, hi, &args[i]);
      defined = defined && args[i].defined;
      if (isnan (args[i].lo) || isnan (args[i].hi))
        args[i].lo = -HUGE_VAL, args[i].hi = HUGE_VAL;
      if (isnan (args[i].dlo) || isnan (args[i].dhi))
        args[i].dlo = -HUGE_VAL, args[i].dhi = HUGE_VAL;
    }
  rules->enclose (f, args, out);
  out->defined = out->defined && defined;
  if (isnan (out->lo) || isnan (out->hi))
    out->lo = -HUGE_VAL, out->hi = HUGE_VAL;
  if (isnan (out->dlo) || isnan (out->dhi))
    out->dlo = -HUGE_VAL, out->dhi = HUGE_VAL;
}

/* ------------------------------------------------------------------ public evaluation */

ns_status
ns_fn_eval (const ns_function *f, double x, ns_result *out)
{
  if (out == NULL)
    return NS_EINVAL;
  out->val = NAN;
  out->err = HUGE_VAL;
  if (f == NULL || !isfinite (x))
    return NS_EINVAL;
  ns_result r;
  ns_status st = ns_fn_eval_tree (f, x, &r);
  return ns_fn_eval_finish (f, x, st, &r, out);
}

ns_status
ns_fn_eval_finish (const ns_function *f, double x, ns_status st, ns_result *r0,
                   ns_result *out)
{
  ns_result r = *r0;
  /* An overflow or underflow on the way: once more with scaled values, so
     that a result that is a double comes out (sqrt(x^2 + 1) at 1e160).
     Only here, never per node: the double path costs nothing extra. */
  if (st == NS_EOVERFLOW && ns_fn_eval_scaled (f, x, &r) == NS_OK)
    st = NS_OK;
  else if (st == NS_OK && !(r.err <= 0x1p-30 * fabs (r.val)))
    {
      /* A poor bound may come from an intermediate in the subnormals
         (e^-709 in 1/exp(x), x^2 in log(x^2) at 3e-160), where scaled
         values keep every digit.  Both bounds are sound: the smaller one
         is kept.  (Pairings evaluate germs, not this, at their nodes.) */
      ns_result s;
      if (ns_fn_eval_scaled (f, x, &s) == NS_OK && s.err < r.err)
        r = s;
    }
  if (st == NS_OK)
    *out = r;
  else
    {
      out->val = NAN;
      out->err = HUGE_VAL;
    }
  return st;
}

static double
factorial (int k)
{
  double p = 1;
  for (int i = 2; i <= k; i++)
    p *= i;
  return p;
}

ns_status
ns_fn_germ (const ns_function *f, double x, ns_side side, int order, ns_germ *germ)
{
  /* Zero fields and NaN coefficients, copied at once: clearing and then
     filling 17 coefficients cost about a fifth of a low-order germ. */
  static const ns_germ blank = { .c = { NAN, NAN, NAN, NAN, NAN, NAN, NAN,
                                        NAN, NAN, NAN, NAN, NAN, NAN, NAN,
                                        NAN, NAN, NAN } };
  _Static_assert (NS_MAX_ORDER + 1 == 17, "blank germ: one NAN per coefficient");
  if (germ == NULL)
    return NS_EINVAL;
  *germ = blank;
  if (f == NULL || !isfinite (x) || (side != NS_LEFT && side != NS_RIGHT)
      || order < 0 || order > NS_MAX_ORDER)
    return NS_EINVAL;
  germ->order = order;
  /* Every germ rule is sound at any truncation order, so first compute at
     the order asked for: away from kinks and singular points (every
     quadrature node of a pairing) that is already complete, and costs
     O(order^2) per node instead of O((order + margin)^2).  Only when some
     requested coefficient is left undetermined (a division by t^k, a
     branch decided by a high coefficient) is the margin needed. */
  ns_germ_w w;
  ns_status st = ns_fn_germ_tree (f, x, side, order, &w);
  if (st == NS_OK && w.n <= order && w.tail == 0)
    {
      int m = order + NS_GERM_MARGIN;
      if (m > NS_GERM_CAP - 1)
        m = NS_GERM_CAP - 1;
      st = ns_fn_germ_tree (f, x, side, m, &w);
    }
  if (st != NS_OK)
    return st;
  germ->nvalid = w.n < order + 1 ? w.n : order + 1;
  germ->tail = w.n <= order ? w.tail : 0;
  germ->exact = w.exact && ns_germ_degree (&w) <= order;
  germ->err0 = w.err0;
  for (int i = 0; i < germ->nvalid; i++)
    germ->c[i] = w.c[i];
  if (germ->nvalid == order + 1)
    return NS_OK;
  return germ->tail != 0 ? NS_ERANGE : NS_UNDEFINED;
}

ns_status
ns_fn_deriv_side (const ns_function *f, double x, ns_side side, int k, double *d)
{
  if (d == NULL)
    return NS_EINVAL;
  *d = NAN;
  if (k < 0 || k > NS_MAX_ORDER)
    return NS_EINVAL;
  ns_germ g;
  ns_status st = ns_fn_germ (f, x, side, k, &g);
  /* d^k/dx^k f(x + side t) = side^k d^k/dt^k, and d^k/dt^k at 0+ is k! c[k]. */
  double sk = (side == NS_LEFT && k % 2 == 1) ? -1.0 : 1.0;
  /* A zero coefficient is +0 from either side: no -0 for relu'(0-). */
  if (st == NS_OK)
    *d = g.c[k] == 0 ? 0.0 : sk * factorial (k) * g.c[k];
  else if (st == NS_ERANGE && g.nvalid == k)
    *d = sk * g.tail * HUGE_VAL;
  else if (st == NS_ERANGE)
    st = NS_UNDEFINED;   /* an earlier derivative is already infinite */
  return st;
}

ns_status
ns_fn_jump (const ns_function *f, double x, int k, double *jump)
{
  if (jump == NULL)
    return NS_EINVAL;
  *jump = NAN;
  double left, right;
  ns_status sl = ns_fn_deriv_side (f, x, NS_LEFT, k, &left);
  ns_status sr = ns_fn_deriv_side (f, x, NS_RIGHT, k, &right);
  if (sl != NS_OK && sl != NS_ERANGE)
    return sl;
  if (sr != NS_OK && sr != NS_ERANGE)
    return sr;
  *jump = right - left;
  return (sl == NS_OK && sr == NS_OK) ? NS_OK : NS_ERANGE;
}

/* Two one-sided values agree when they differ by no more than their
   rounding: a relative 16 ulps, or the propagated bound of the value. */
static int
sides_agree (double a, double b, double abs_tol)
{
  return fabs (a - b) <= abs_tol + 16 * NS_ULP * fmax (fabs (a), fabs (b));
}

ns_status
ns_fn_deriv (const ns_function *f, double x, int k, double *d)
{
  if (d == NULL)
    return NS_EINVAL;
  *d = NAN;
  if (f == NULL || !isfinite (x) || k < 0 || k > NS_MAX_ORDER)
    return NS_EINVAL;
  ns_result value;
  ns_status st = ns_fn_eval (f, x, &value);
  if (st == NS_EDOM)
    return NS_UNDEFINED;
  if (st != NS_OK)
    return st;
  ns_germ gl, gr;
  ns_status sl = ns_fn_germ (f, x, NS_LEFT, k, &gl);
  ns_status sr = ns_fn_germ (f, x, NS_RIGHT, k, &gr);
  if (sl == NS_EDOM || sr == NS_EDOM)
    return NS_UNDEFINED;      /* defined at x but not on one side: no derivative */
  if (sl == NS_EUNDECIDED || sr == NS_EUNDECIDED)
    return NS_EUNDECIDED;     /* the doubles do not tell whether x is a kink */
  if (sl == NS_EOVERFLOW || sr == NS_EOVERFLOW)
    return NS_EOVERFLOW;      /* not known to be undefined: not representable */
  if (sl != NS_OK || sr != NS_OK)
    return NS_UNDEFINED;
  /* Continuity at x: both one-sided limits equal the value. */
  if (!sides_agree (gl.c[0], value.val, value.err + gl.err0)
      || !sides_agree (gr.c[0], value.val, value.err + gr.err0))
    return NS_UNDEFINED;
  for (int j = 1; j <= k; j++)
    {
      double dl = (j % 2 ? -1.0 : 1.0) * gl.c[j], dr = gr.c[j];
      if (!sides_agree (dl, dr, 0.0))
        return NS_UNDEFINED;
    }
  *d = k == 0 ? value.val : factorial (k) * 0.5 * ((k % 2 ? -1.0 : 1.0) * gl.c[k] + gr.c[k]);
  return NS_OK;
}

/* ------------------------------------------------------------------ printing */

/* Precedence of the printed form of each node: 1 sums, 2 products, 3 unary
   minus (and negative constants), 4 powers, 5 atoms and calls. */
int
ns_fn_precedence (const ns_function *f)
{
  switch (f->op)
    {
    case NS_OP_ADD:
    case NS_OP_SUB:
      return 1;
    case NS_OP_MUL:
    case NS_OP_DIV:
      return 2;
    case NS_OP_NEG:
      return 3;
    case NS_OP_POW:
    case NS_OP_RPOW:
      return 4;
    case NS_OP_CONST:
      return signbit (f->param[0]) ? 3 : 5;
    default:
      return 5;
    }
}

static void print_node (ns_text_sink *t, const ns_function *f);

/* Whether the printed form of F begins with '-': a negation, a negative
   constant, or a product or quotient whose unparenthesized left factor
   does (-x/2). */
static int
starts_with_minus (const ns_function *f)
{
  for (;;)
    switch (f->op)
      {
      case NS_OP_NEG:
        return 1;
      case NS_OP_CONST:
        return signbit (f->param[0]) != 0;
      case NS_OP_MUL:
      case NS_OP_DIV:
        if (ns_fn_precedence (f->arg[0]) < 2)
          return 0;
        f = f->arg[0];
        break;
      default:
        return 0;
      }
}

static void
print_child (ns_text_sink *t, const ns_function *child, int min_prec)
{
  int paren = ns_fn_precedence (child) < min_prec;
  if (paren)
    ns_text_put (t, "(");
  print_node (t, child);
  if (paren)
    ns_text_put (t, ")");
}

static void
print_node (ns_text_sink *t, const ns_function *f)
{
  const ns_op_info *info = ns_op_get (f->op);
  switch (f->op)
    {
    case NS_OP_X:
      ns_text_put (t, "x");
      return;
    case NS_OP_CONST:
      ns_text_put_number (t, f->param[0]);
      return;
    case NS_OP_ADD:
    case NS_OP_SUB:
    case NS_OP_MUL:
    case NS_OP_DIV:
      {
        int p = ns_fn_precedence (f);
        const char *op = f->op == NS_OP_ADD ? " + " : f->op == NS_OP_SUB ? " - "
                         : f->op == NS_OP_MUL ? "*" : "/";
        print_child (t, f->arg[0], p);
        const ns_function *r = f->arg[1];
        if (p == 1)
          {
            /* a - -b is a + b and a + -b is a - b: the same value (negation
               is exact), read back with no deeper nesting than the text.
               Every sign in front of the operand is folded into the
               operator, so the printed text prints again the same. */
            int minus = f->op == NS_OP_SUB;
            while (r->op == NS_OP_NEG)
              {
                minus = !minus;
                r = r->arg[0];
              }
            if (r->op == NS_OP_CONST && signbit (r->param[0]))
              {
                ns_text_put (t, minus ? " + " : " - ");
                ns_text_put_number (t, -r->param[0]);
                return;
              }
            op = minus ? " - " : " + ";
          }
        ns_text_put (t, op);
        /* Left-associative: a right operand of equal precedence needs
           parentheses, and so does one that prints with a leading minus
           after + or - (-x/2): a - (-x/2), never a - -x/2. */
        if (p == 1 && starts_with_minus (r))
          {
            ns_text_put (t, "(");
            print_node (t, r);
            ns_text_put (t, ")");
          }
        else
          print_child (t, r, p + 1);
        return;
      }
    case NS_OP_NEG:
      ns_text_put (t, "-");
      print_child (t, f->arg[0], 4);
      return;
    case NS_OP_POW:
      {
        char e[24];
        print_child (t, f->arg[0], 5);
        snprintf (e, sizeof e, f->param[0] < 0 ? "^(%d)" : "^%d", (int) f->param[0]);
        ns_text_put (t, e);
        return;
      }
    case NS_OP_RPOW:
      /* The exponent in its shortest round-trip form: x^2.5, x^(-0.5). */
      print_child (t, f->arg[0], 5);
      ns_text_put (t, f->param[0] < 0 ? "^(" : "^");
      ns_text_put_number (t, f->param[0]);
      if (f->param[0] < 0)
        ns_text_put (t, ")");
      return;
    default:
      break;
    }
  ns_text_put (t, info->name);
  ns_text_put (t, "(");
  for (int i = 0; i < info->arity; i++)
    {
      if (i)
        ns_text_put (t, ", ");
      print_node (t, f->arg[i]);
    }
  /* Optional parameters equal to their default are left out. */
  int last = info->nparams;
  while (last > info->nparams_required
         && f->param[last - 1] == info->param_default[last - 1])
    last--;
  for (int i = 0; i < last; i++)
    {
      ns_text_put (t, ", ");
      ns_text_put_number (t, f->param[i]);
    }
  ns_text_put (t, ")");
}

size_t
ns_fn_snprint (char *buf, size_t size, const ns_function *f)
{
  ns_text_sink t;
  ns_text_init (&t, buf, size);
  if (f == NULL)
    ns_text_put (&t, "(null)");
  else
    print_node (&t, f);
  return t.len;
}

char *
ns_fn_to_string (const ns_function *f)
{
  if (f == NULL)
    return NULL;
  size_t n = ns_fn_snprint (NULL, 0, f);
  char *s = malloc (n + 1);
  if (s)
    ns_fn_snprint (s, n + 1, f);
  return s;
}

ns_status
ns_fn_print (FILE *stream, const ns_function *f)
{
  if (stream == NULL || f == NULL)
    return NS_EINVAL;
  char *s = ns_fn_to_string (f);
  if (s == NULL)
    return NS_ENOMEM;
  int ok = fputs (s, stream) >= 0;
  free (s);
  return ok ? NS_OK : NS_EINVAL;
}
