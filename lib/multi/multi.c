/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi.c: functions of several variables reduced to one.  Every
   question at a point X of R^n is asked of a one-variable tree: the
   variables replaced by constants (evaluation) or by X_i + D_i t (the
   restriction to a line), so the germs, enclosures and conventions of the
   one-variable code answer it, with no second copy of that machinery. */
#include <math.h>
#include <stdlib.h>
#include "multi/multi_impl.h"
#include "function/function_impl.h"

ns_status
ns_mfn_from_fn (const ns_function *f, ns_mfn **out)
{
  if (out == NULL)
    return NS_EINVAL;
  *out = NULL;
  if (f == NULL)
    return NS_EINVAL;
  ns_mfn *m = calloc (1, sizeof *m);
  if (m == NULL)
    return NS_ENOMEM;
  m->n = 1;
  m->tree = ns_fn_ref (f);
  *out = m;
  return NS_OK;
}

void
ns_mfn_free (ns_mfn *f)
{
  if (f == NULL)
    return;
  ns_fn_free (f->tree);
  for (int i = 0; i < NS_MULTI_MAX_VARS; i++)
    ns_fn_free (f->leaf[i]);
  free (f);
}

int
ns_mfn_nvars (const ns_mfn *f)
{
  return f == NULL ? 0 : f->n;
}

/* The index of the variable leaf X, or -1 (not reached for trees built
   here: every NS_OP_X node of a parsed tree is one of the leaves). */
static int
leaf_index (const ns_mfn *m, const ns_function *x)
{
  if (m->leaf[0] == NULL)
    return 0;
  for (int i = 0; i < m->n; i++)
    if (m->leaf[i] == x)
      return i;
  return -1;
}

/* *OUT = F with each variable leaf i replaced by REPL[i].  Rebuilt through
   ns_fn_make, so the bounds of the function model hold for the result. */
static ns_status
substitute (const ns_mfn *m, const ns_function *f, ns_function *const *repl,
            ns_function **out)
{
  ns_op op = ns_fn_op (f);
  if (op == NS_OP_X)
    {
      int i = leaf_index (m, f);
      *out = i < 0 ? NULL : ns_fn_ref (repl[i]);
      return i < 0 ? NS_EINVAL : NS_OK;
    }
  const ns_op_info *info = ns_op_get (op);
  ns_function *args[2] = { NULL, NULL };
  double params[2] = { 0, 0 };
  for (int i = 0; i < info->nparams && i < 2; i++)
    params[i] = ns_fn_param (f, i);
  for (int i = 0; i < info->arity; i++)
    {
      ns_status st = substitute (m, ns_fn_arg (f, i), repl, &args[i]);
      if (st != NS_OK)
        {
          for (int j = 0; j < i; j++)
            ns_fn_free (args[j]);
          *out = NULL;
          return st;
        }
    }
  return ns_fn_make (op, args, params, out);
}

/* The subtree X_i + D_i t for one variable; exact coefficients, and no
   node where a coefficient is 0 or 1, so the germ at t = 0 is (X_i, D_i)
   without a rounding. */
static ns_function *
line_leaf (double x, double d)
{
  if (d == 0)
    return ns_fn_const (x);
  ns_function *t = d == 1 ? ns_fn_x () : ns_fn_mul (ns_fn_const (d), ns_fn_x ());
  return x == 0 ? t : ns_fn_add (ns_fn_const (x), t);
}

static int
all_finite (const double *v, int n)
{
  for (int i = 0; i < n; i++)
    if (!isfinite (v[i]))
      return 0;
  return 1;
}

ns_status
ns_mfn_restrict_tree (const ns_mfn *f, const ns_function *t, const double *x, const double *d,
               ns_function **out)
{
  ns_function *repl[NS_MULTI_MAX_VARS];
  ns_status st = NS_OK;
  for (int i = 0; i < f->n; i++)
    if ((repl[i] = line_leaf (x[i], d != NULL ? d[i] : 0.0)) == NULL)
      st = NS_ENOMEM;
  if (st == NS_OK)
    st = substitute (f, t, repl, out);
  for (int i = 0; i < f->n; i++)
    ns_fn_free (repl[i]);
  return st;
}

ns_status
ns_mfn_restrict (const ns_mfn *f, const double *x, const double *d, ns_function **out)
{
  if (out == NULL)
    return NS_EINVAL;
  *out = NULL;
  if (f == NULL || x == NULL || !all_finite (x, f->n) || (d != NULL && !all_finite (d, f->n)))
    return NS_EINVAL;
  return ns_mfn_restrict_tree (f, f->tree, x, d, out);
}

ns_status
ns_mfn_eval (const ns_mfn *f, const double *x, ns_result *out)
{
  if (out == NULL)
    return NS_EINVAL;
  out->val = NAN;
  out->err = HUGE_VAL;
  ns_function *g = NULL;
  ns_status st = ns_mfn_restrict (f, x, NULL, &g);
  if (st == NS_OK)
    st = ns_fn_eval (g, 0.0, out);
  ns_fn_free (g);
  return st;
}

/* What a scan of the constant tree (every variable replaced by its value)
   found at the point. */
typedef struct point_scan {
  int active;           /* some switching quantity is at a level within its bound */
  int jump_undecided;   /* a step (heaviside, sign, floor) cannot tell its value */
} point_scan;

/* Scans the constant tree F.  Each node is evaluated on its own, so the
   cost is the tree's size times its depth; the trees of this first version
   are small.  Returns NS_OK or the status of a failed evaluation. */
static ns_status
scan_point (const ns_function *f, point_scan *scan)
{
  ns_op op = ns_fn_op (f);
  const ns_op_info *info = ns_op_get (op);
  for (int i = 0; i < info->arity; i++)
    {
      ns_status st = scan_point (ns_fn_arg (f, i), scan);
      if (st != NS_OK)
        return st;
    }
  int active = 0;
  ns_status st = ns_mfn_node_active (f, &active, NULL);
  if (st != NS_OK)
    return st;
  if (active)
    scan->active = 1;
  if (op == NS_OP_HEAVISIDE || op == NS_OP_SIGN || op == NS_OP_FLOOR)
    {
      /* A step whose value bound is not 0 has an argument whose bound
         straddles a level: its value at the point, and so the size of
         the jump along a ray, is not known. */
      ns_result v;
      if ((st = ns_fn_eval (f, 0.0, &v)) != NS_OK)
        return st;
      if (v.err > 0)
        scan->jump_undecided = 1;
    }
  return NS_OK;
}

/* Scans F at X: the value with its bound into FX, the flags into SCAN,
   and the constant tree into *C (to be released, also on failure). */
static ns_status
scan_at (const ns_mfn *f, const double *x, ns_result *fx, point_scan *scan,
         ns_function **c)
{
  scan->active = scan->jump_undecided = 0;
  ns_status st = ns_mfn_restrict (f, x, NULL, c);
  if (st == NS_OK)
    st = ns_fn_eval (*c, 0.0, fx);
  if (st == NS_OK)
    st = scan_point (*c, scan);
  return st;
}

/* The rounding bound of a slope VAL that the enclosure [DLO, DHI] of the
   same slope contains: the distance to the far end, rounded up; +inf when
   VAL is outside. */
static double
slope_err (double val, double dlo, double dhi)
{
  if (!(dlo <= val && val <= dhi))
    return HUGE_VAL;
  double e = fmax (val - dlo, dhi - val);
  return e == 0 ? 0 : nextafter (e * (1 + DBL_EPSILON), HUGE_VAL);
}

/* The length of the parameter interval [0, h] whose slope enclosure bounds
   a one-sided derivative at an active kink: short, so that the smooth part
   of the slope varies little on it, and long enough that x_i + d_i h moves
   every coordinate. */
static double
enclosure_step (const double *x, const double *d, int n)
{
  double xs = 1, ds = 0;
  for (int i = 0; i < n; i++)
    {
      xs = fmax (xs, fabs (x[i]));
      ds = fmax (ds, fabs (d[i]));
    }
  return ds > 0 ? 0x1p-40 * xs / ds : 1;
}

/* f'(x; d) of M from the restriction G, with FX = f(x), SCAN and the
   constant tree C from scan_at (see ns_mfn_dirderiv). */
static ns_status
dirderiv_of_line (const ns_mfn *m, const double *x, const double *d, const ns_function *c,
                  const ns_function *g, const ns_result *fx, const point_scan *scan,
                  ns_result *out)
{
  out->val = NAN;
  out->err = HUGE_VAL;
  ns_germ germ;
  ns_status st = ns_fn_germ (g, 0.0, NS_RIGHT, 1, &germ);
  if (st == NS_EDOM || st == NS_EINVAL || st == NS_ENOMEM || st == NS_ELIMIT
      || st == NS_EOVERFLOW)
    return st;
  if (scan->jump_undecided)
    return NS_EUNDECIDED;
  /* Coefficients below nvalid are exact whatever the status says about
     the higher ones, as in the one-variable subdifferential. */
  if (germ.nvalid == 0)
    {
      if (germ.tail == 0)
        return NS_UNDEFINED;
      out->val = germ.tail * HUGE_VAL;
      return NS_ERANGE;
    }
  double diff = germ.c[0] - fx->val;
  /* A jump along the ray: the quotient (f(x + t d) - f(x))/t diverges.
     A jump smaller than the two rounding bounds is taken as none, the
     one-variable convention; the steps' own values are exact here (the
     scan refused otherwise), so the bound is rounding only. */
  if (fabs (diff) > germ.err0 + fx->err)
    {
      out->val = diff > 0 ? HUGE_VAL : -HUGE_VAL;
      return NS_ERANGE;
    }
  if (germ.nvalid < 2)
    {
      if (germ.tail == 0)
        return NS_UNDEFINED;
      out->val = germ.tail * HUGE_VAL;
      return NS_ERANGE;
    }
  out->val = germ.c[1];
  /* Where f is smooth at x, the outward-rounded enclosure of g' at the
     point t = 0 contains g'(0).  At an active kink it need not contain the
     one-sided slope (abs picks one branch for an argument [0, 0]), so the
     enclosure is taken on [0, h]: it contains g'(t) for every t in (0, h]
     where g is differentiable, hence their limit g'(0+); it is as wide as
     the spread of the slopes there.  Tighter: the enclosure at t = 0 of
     the smooth selection, the branches the germ took (the same decisions
     that gave c[1]). */
  ns_ivd e;
  ns_fn_enclose_tree (g, 0.0, scan->active ? enclosure_step (x, d, m->n) : 0.0, &e);
  out->err = e.defined ? slope_err (out->val, e.dlo, e.dhi) : HUGE_VAL;
  if (scan->active)
    {
      ns_function *sel = NULL, *sl = NULL;
      if (ns_mfn_select (m->tree, c, g, &sel) == NS_OK
          && ns_mfn_restrict_tree (m, sel, x, d, &sl) == NS_OK)
        {
          ns_fn_enclose_tree (sl, 0.0, 0.0, &e);
          if (e.defined)
            out->err = fmin (out->err, slope_err (out->val, e.dlo, e.dhi));
        }
      ns_fn_free (sel);
      ns_fn_free (sl);
    }
  return NS_OK;
}

ns_status
ns_mfn_dirderiv (const ns_mfn *f, const double *x, const double *d, ns_result *out)
{
  if (out == NULL)
    return NS_EINVAL;
  out->val = NAN;
  out->err = HUGE_VAL;
  if (d == NULL)
    return NS_EINVAL;
  ns_function *g = NULL, *c = NULL;
  ns_status st = ns_mfn_restrict (f, x, d, &g);
  ns_result fx;
  point_scan scan;
  if (st == NS_OK)
    st = scan_at (f, x, &fx, &scan, &c);
  if (st == NS_OK)
    st = dirderiv_of_line (f, x, d, c, g, &fx, &scan, out);
  ns_fn_free (g);
  ns_fn_free (c);
  return st;
}

ns_status
ns_mfn_gradient (const ns_mfn *f, const double *x, ns_result *g)
{
  if (g == NULL || f == NULL)
    return NS_EINVAL;
  for (int i = 0; i < f->n; i++)
    {
      g[i].val = NAN;
      g[i].err = HUGE_VAL;
    }
  ns_result fx;
  point_scan scan;
  ns_function *c = NULL;
  ns_status st = scan_at (f, x, &fx, &scan, &c);
  double e[NS_MULTI_MAX_VARS] = { 0 };
  int undefined = 0;
  for (int i = 0; i < f->n && st == NS_OK; i++)
    {
      ns_function *line = NULL;
      e[i] = 1;
      st = ns_mfn_restrict (f, x, e, &line);
      if (st != NS_OK)
        break;
      /* The partial derivative exists when the one-variable derivative of
         the restriction does, as ns_fn_deriv decides it. */
      double dv;
      ns_status ds = ns_fn_deriv (line, 0.0, 1, &dv);
      if (ds == NS_OK)
        st = dirderiv_of_line (f, x, e, c, line, &fx, &scan, &g[i]);
      else if (ds == NS_UNDEFINED || ds == NS_ERANGE)
        undefined = 1;
      else
        st = ds;
      e[i] = 0;
      ns_fn_free (line);
    }
  ns_fn_free (c);
  if (st != NS_OK)
    return st;
  if (undefined)
    return NS_UNDEFINED;
  if (!scan.active)
    return NS_OK;
  /* A kink is active but every partial exists.  For these piecewise-smooth
     functions f'(x; .) is linear exactly when every open cone around x
     carries the same selection gradient, so in one and two variables the
     limiting gradients decide: one gradient, differentiable (strictly);
     two that differ beyond their bounds, not differentiable; otherwise
     (a refusal, gradients equal within their bounds) it stays
     undecided. */
  ns_result lim[NS_MULTI_MAX_VARS * 8];
  size_t count = 0;
  ns_status ls = ns_mfn_limiting_gradients (f, x, lim, 8, &count);
  if (ls == NS_OK && count == 1)
    {
      for (int i = 0; i < f->n; i++)
        g[i] = lim[i];
      return NS_OK;
    }
  int differ = 0;
  if (ls == NS_OK || ls == NS_ELIMIT)
    for (size_t a = 0; a < count && a < 8; a++)
      for (size_t b = a + 1; b < count && b < 8; b++)
        for (int i = 0; i < f->n; i++)
          if (fabs (lim[a * f->n + i].val - lim[b * f->n + i].val)
              > lim[a * f->n + i].err + lim[b * f->n + i].err)
            differ = 1;
  if (!differ)
    return NS_EUNDECIDED;
  /* A limiting gradient carried by a cusp between tangent zero curves
     (no open cone of directions) does not enter f'(x; .): relu(y - x^2)
     - relu(y + x^2) at 0 is differentiable with gradient 0 and has the
     limiting gradients 0 and (0, -1).  Then the cones' gradients decide
     (the arcs of the plane have no cusps; where the cells fail, the
     limiting gradients came from the arcs). */
  ns_mfn_cells *cells = NULL;
  if (ns_mfn_cells_at (f, x, &cells) != NS_OK || cells->ncusp == 0)
    {
      ns_mfn_cells_free (cells);
      return NS_UNDEFINED;
    }
  int n = f->n, same = 1;
  ns_status cs = NS_OK;
  for (size_t a = 1; a < cells->count && cs == NS_OK; a++)
    for (int i = 0; i < n; i++)
      {
        const ns_result *p = cells->grad + a * (size_t) n + i, *q = cells->grad + i;
        if (fabs (p->val - q->val) > p->err + q->err)
          cs = NS_UNDEFINED;
        else if (p->val != q->val || p->err != q->err)
          same = 0;
      }
  if (cs == NS_OK && !same)
    cs = NS_EUNDECIDED;
  if (cs == NS_OK)
    for (int i = 0; i < n; i++)
      g[i] = cells->grad[i];
  ns_mfn_cells_free (cells);
  return cs;
}
