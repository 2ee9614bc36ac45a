/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/calculus/calculus.c: the calculus rules of subdifferentials in 1-D (sum,
   positive scaling, max of finitely many, affine composition): detect the
   rule at the root of the tree, build its right-hand side from the parts'
   exact sets, compare with the true set and say "equality" or "only
   inclusion", with the textbook conditions for equality. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/calculus.h>
#include "text.h"

/* Both sides are exact sets whose endpoints carry a few roundings: germ
   coefficients of affine arguments, one per Minkowski sum or scaling.  16
   ulps (absolute and relative) is far above that and far below any
   difference that decides a verdict in practice. */
#define CALC_TOL (16 * DBL_EPSILON)

const char *
ns_calc_rule_name (ns_calc_rule rule)
{
  switch (rule)
    {
    case NS_CALC_NONE: return "none";
    case NS_CALC_SUM: return "sum";
    case NS_CALC_SCALE: return "positive scaling";
    case NS_CALC_MAX: return "max";
    case NS_CALC_AFFINE: return "affine composition";
    default: return "unknown";
    }
}

const char *
ns_calc_verdict_name (ns_calc_verdict verdict)
{
  switch (verdict)
    {
    case NS_CALC_EQUALITY: return "equality";
    case NS_CALC_INCLUSION: return "only inclusion";
    case NS_CALC_NO_INCLUSION: return "no inclusion";
    case NS_CALC_NOT_APPLICABLE: return "rule does not apply";
    default: return "unknown";
    }
}

/* 1 when the classical derivative f'(x) exists.  For these piecewise-smooth
   functions it is then also strict: both one-sided germs are smooth. */
static int
differentiable (const ns_function *g, double x)
{
  double d;
  return ns_fn_deriv (g, x, 1, &d) == NS_OK;
}

/* 1 when g is (Clarke) regular at x: for a locally Lipschitz function of
   one variable that is the Fréchet set equal to the Clarke set. */
static int
regular (const ns_function *g, double x)
{
  ns_set fr, cl;
  int eq = 0;
  if (ns_subdiff (g, x, NS_SUBDIFF_FRECHET, &fr) != NS_OK
      || ns_subdiff (g, x, NS_SUBDIFF_CLARKE, &cl) != NS_OK)
    return 0;
  ns_set_equal (&fr, &cl, CALC_TOL, CALC_TOL, &eq);
  return eq;
}

/* A part's set; writes why it fails to MSG. */
static int
part_set (const ns_function *g, double x, ns_subdiff_kind kind, int index,
          ns_set *s, ns_calc_report *r)
{
  ns_status st = ns_subdiff (g, x, kind, s);
  if (st == NS_OK)
    return 1;
  snprintf (r->message, sizeof r->message,
            "part %d has no %s subdifferential at x: %s", index + 1,
            ns_subdiff_kind_name (kind),
            st == NS_ENOTCONVEX ? "not certified convex" : ns_strerror (st));
  return 0;
}

/* x -> a x + b when the tree is affine by its shape (x, constants, +, -,
   negation, products and quotients by constants). */
static int
affine_coeffs (const ns_function *g, double *a, double *b)
{
  double a1, b1, a2, b2;
  switch (ns_fn_op (g))
    {
    case NS_OP_X:
      *a = 1, *b = 0;
      return 1;
    case NS_OP_CONST:
      *a = 0, *b = ns_fn_param (g, 0);
      return 1;
    case NS_OP_NEG:
      if (!affine_coeffs (ns_fn_arg (g, 0), &a1, &b1))
        return 0;
      *a = -a1, *b = -b1;
      return 1;
    case NS_OP_ADD:
    case NS_OP_SUB:
      if (!affine_coeffs (ns_fn_arg (g, 0), &a1, &b1)
          || !affine_coeffs (ns_fn_arg (g, 1), &a2, &b2))
        return 0;
      *a = ns_fn_op (g) == NS_OP_ADD ? a1 + a2 : a1 - a2;
      *b = ns_fn_op (g) == NS_OP_ADD ? b1 + b2 : b1 - b2;
      return 1;
    case NS_OP_MUL:
      if (!affine_coeffs (ns_fn_arg (g, 0), &a1, &b1)
          || !affine_coeffs (ns_fn_arg (g, 1), &a2, &b2))
        return 0;
      if (a1 == 0)
        *a = b1 * a2, *b = b1 * b2;
      else if (a2 == 0)
        *a = a1 * b2, *b = b1 * b2;
      else
        return 0;
      return 1;
    case NS_OP_DIV:
      if (!affine_coeffs (ns_fn_arg (g, 0), &a1, &b1)
          || !affine_coeffs (ns_fn_arg (g, 1), &a2, &b2) || a2 != 0 || b2 == 0)
        return 0;
      *a = a1 / b2, *b = b1 / b2;
      return 1;
    default:
      return 0;
    }
}

/* Flattens nested max nodes into PARTS; 0 when there are too many. */
static int
flatten_max (const ns_function *g, const ns_function **parts, int *n)
{
  if (ns_fn_op (g) == NS_OP_MAX)
    return flatten_max (ns_fn_arg (g, 0), parts, n)
           && flatten_max (ns_fn_arg (g, 1), parts, n);
  if (*n >= NS_CALC_MAX_PARTS)
    return 0;
  parts[(*n)++] = g;
  return 1;
}

static ns_status
rule_sum (const ns_function *f, double x, ns_subdiff_kind kind, ns_calc_report *r)
{
  const ns_function *g = ns_fn_arg (f, 0), *h = ns_fn_arg (f, 1);
  ns_function *negated = NULL;
  if (ns_fn_op (f) == NS_OP_SUB)
    {
      /* g - h = g + (-h).  -h shares h: taking a reference changes only the
         count, which the function API allows on an immutable tree, so the
         const is dropped through a union (a cast would hide mistakes). */
      union { const ns_function *c; ns_function *m; } share = { h };
      negated = ns_fn_neg (ns_fn_ref (share.m));
      if (!negated)
        return NS_ENOMEM;
      h = negated;
    }
  r->nparts = 2;
  ns_set sg, sh;
  int ok = part_set (g, x, kind, 0, &sg, r) && part_set (h, x, kind, 1, &sh, r);
  int dg = ok && differentiable (g, x), dh = ok && differentiable (h, x);
  switch (kind)
    {
    case NS_SUBDIFF_FRECHET:
      r->hypotheses = dg || dh;
      if (ok && !r->hypotheses)
        {
          ns_set_add (&sg, &sh, &r->rhs);
          snprintf (r->message, sizeof r->message,
                    "the Frechet sum rule needs one part differentiable at x; "
                    "neither is (only dg + dh in d(g + h) holds)");
          r->verdict = NS_CALC_NOT_APPLICABLE;
        }
      break;
    case NS_SUBDIFF_LIMITING:
      r->hypotheses = dg || dh;
      break;
    case NS_SUBDIFF_CLARKE:
      r->hypotheses = regular (g, x) && regular (h, x);
      break;
    default:   /* convex: Moreau-Rockafellar, both parts finite and convex */
      r->hypotheses = 1;
      break;
    }
  if (ok && r->verdict != NS_CALC_NOT_APPLICABLE)
    {
      ns_set_add (&sg, &sh, &r->rhs);
      snprintf (r->message, sizeof r->message, "%s",
                kind == NS_SUBDIFF_FRECHET || kind == NS_SUBDIFF_LIMITING
                ? (r->hypotheses ? "one part is differentiable: equality"
                   : "no part is differentiable: d(g + h) in dg + dh only")
                : kind == NS_SUBDIFF_CLARKE
                ? (r->hypotheses ? "both parts are regular: equality"
                   : "a part is not regular: d(g + h) in dg + dh only")
                : "both parts convex (Moreau-Rockafellar): equality");
    }
  if (!ok)
    r->verdict = NS_CALC_NOT_APPLICABLE;
  ns_fn_free (negated);
  return NS_OK;
}

static void
rule_scale (const ns_function *g, double c, double x, ns_subdiff_kind kind,
            ns_calc_report *r)
{
  ns_set sg;
  r->nparts = 1;
  if (!(c > 0))
    {
      char cs[NS_NUMBER_TEXT_SIZE];
      ns_format_number (c, cs);
      snprintf (r->message, sizeof r->message,
                "positive scaling needs c > 0; here c = %s", cs);
      r->verdict = NS_CALC_NOT_APPLICABLE;
      return;
    }
  if (!part_set (g, x, kind, 0, &sg, r))
    {
      r->verdict = NS_CALC_NOT_APPLICABLE;
      return;
    }
  ns_set_scale (&sg, c, &r->rhs);
  r->hypotheses = 1;
  char cs[NS_NUMBER_TEXT_SIZE];
  ns_format_number (c, cs);
  snprintf (r->message, sizeof r->message, "d(c g) = c dg for c = %s > 0: equality", cs);
}

static void
rule_max (const ns_function *f, double x, ns_subdiff_kind kind, ns_calc_report *r)
{
  const ns_function *parts[NS_CALC_MAX_PARTS];
  int n = 0;
  if (!flatten_max (f, parts, &n))
    {
      snprintf (r->message, sizeof r->message,
                "more than %d pieces in the max", NS_CALC_MAX_PARTS);
      r->verdict = NS_CALC_NOT_APPLICABLE;
      return;
    }
  r->nparts = n;
  ns_result fx;
  if (ns_fn_eval (f, x, &fx) != NS_OK)
    {
      snprintf (r->message, sizeof r->message, "f is not defined at x");
      r->verdict = NS_CALC_NOT_APPLICABLE;
      return;
    }
  ns_set acc;
  ns_set_empty (&acc);
  int all_regular = 1, nactive = 0;
  for (int i = 0; i < n; i++)
    {
      ns_result gx;
      /* Active: equal to the max within both evaluation error bounds. */
      if (ns_fn_eval (parts[i], x, &gx) != NS_OK
          || fabs (gx.val - fx.val) > gx.err + fx.err)
        continue;
      ns_set s;
      if (!part_set (parts[i], x, kind, i, &s, r))
        {
          r->verdict = NS_CALC_NOT_APPLICABLE;
          return;
        }
      nactive++;
      if (kind != NS_SUBDIFF_CONVEX && !regular (parts[i], x))
        all_regular = 0;
      ns_set_union (&acc, &s, &acc);
    }
  ns_set_hull (&acc, &r->rhs);
  r->hypotheses = all_regular;
  snprintf (r->message, sizeof r->message,
            "conv of the sets of the %d active piece%s; %s", nactive,
            nactive == 1 ? "" : "s",
            all_regular ? "active pieces regular (or convex): equality"
            : "an active piece is not regular: equality not promised");
}

static void
rule_affine (const ns_function *f, double a, double x, ns_subdiff_kind kind,
             ns_calc_report *r)
{
  r->nparts = 1;
  if (a == 0)
    {
      snprintf (r->message, sizeof r->message,
                "the affine map a x + b is constant (a = 0)");
      r->verdict = NS_CALC_NOT_APPLICABLE;
      return;
    }
  ns_op op = ns_fn_op (f);
  double params[2] = { ns_fn_param (f, 0), ns_fn_param (f, 1) };
  ns_function *args[1] = { ns_fn_x () };
  ns_function *p = NULL;
  ns_result y;
  /* The outer primitive alone, p(x), evaluated where the tree evaluates it. */
  if (!args[0] || ns_fn_make (op, args, params, &p) != NS_OK
      || ns_fn_eval (ns_fn_arg (f, 0), x, &y) != NS_OK)
    {
      ns_fn_free (p);
      snprintf (r->message, sizeof r->message, "cannot form the outer primitive");
      r->verdict = NS_CALC_NOT_APPLICABLE;
      return;
    }
  ns_set sp;
  if (!part_set (p, y.val, kind, 0, &sp, r))
    r->verdict = NS_CALC_NOT_APPLICABLE;
  else
    {
      ns_set_scale (&sp, a, &r->rhs);
      r->hypotheses = 1;
      char as[NS_NUMBER_TEXT_SIZE];
      ns_format_number (a, as);
      snprintf (r->message, sizeof r->message,
                "d(p(a x + b)) = a dp(a x + b) with a = %s != 0: equality", as);
    }
  ns_fn_free (p);
}

ns_status
ns_calc_rule_check (const ns_function *f, double x, ns_subdiff_kind kind,
                    ns_calc_report *report)
{
  if (!report)
    return NS_EINVAL;
  memset (report, 0, sizeof *report);
  report->rule = NS_CALC_NONE;
  report->kind = kind;
  report->x = x;
  report->verdict = NS_CALC_NOT_APPLICABLE;
  report->tol = CALC_TOL;
  ns_set_empty (&report->rhs);
  ns_set_empty (&report->truth);
  if (!f || !isfinite (x) || (int) kind < 0 || kind >= NS_SUBDIFF_KIND_COUNT)
    return NS_EINVAL;

  ns_status st = ns_subdiff (f, x, kind, &report->truth);
  if (st == NS_ENOTCONVEX || st == NS_ENOTLIPSCHITZ)
    {
      ns_set_empty (&report->truth);
      snprintf (report->message, sizeof report->message,
                "f has no %s subdifferential at x: %s", ns_subdiff_kind_name (kind),
                st == NS_ENOTCONVEX ? "not certified convex" : ns_strerror (st));
      return NS_OK;
    }
  if (st != NS_OK)
    return st;

  /* Provisional: the rule helpers set NOT_APPLICABLE when they refuse. */
  report->verdict = NS_CALC_EQUALITY;
  ns_op op = ns_fn_op (f);
  double a, b;
  const ns_function *a0 = ns_fn_arg (f, 0), *a1 = ns_fn_arg (f, 1);
  if (op == NS_OP_ADD || op == NS_OP_SUB)
    {
      report->rule = NS_CALC_SUM;
      st = rule_sum (f, x, kind, report);
      if (st != NS_OK)
        return st;
    }
  else if (op == NS_OP_MUL && ns_fn_op (a0) == NS_OP_CONST)
    report->rule = NS_CALC_SCALE, rule_scale (a1, ns_fn_param (a0, 0), x, kind, report);
  else if (op == NS_OP_MUL && ns_fn_op (a1) == NS_OP_CONST)
    report->rule = NS_CALC_SCALE, rule_scale (a0, ns_fn_param (a1, 0), x, kind, report);
  else if (op == NS_OP_DIV && ns_fn_op (a1) == NS_OP_CONST)
    report->rule = NS_CALC_SCALE, rule_scale (a0, 1.0 / ns_fn_param (a1, 0), x, kind, report);
  else if (op == NS_OP_MAX)
    report->rule = NS_CALC_MAX, rule_max (f, x, kind, report);
  else if (ns_op_get (op) && ns_op_get (op)->arity == 1 && affine_coeffs (a0, &a, &b))
    report->rule = NS_CALC_AFFINE, rule_affine (f, a, x, kind, report);
  else
    {
      snprintf (report->message, sizeof report->message,
                "the root '%s' is not a sum, a scaling, a max or a primitive of an affine map",
                ns_op_get (op) ? ns_op_get (op)->name : "?");
      report->verdict = NS_CALC_NOT_APPLICABLE;
      return NS_OK;
    }

  if (report->verdict == NS_CALC_NOT_APPLICABLE)
    {
      if (report->rule != NS_CALC_SUM)
        ns_set_empty (&report->rhs);
      return NS_OK;
    }
  int t_in_r = 0, r_in_t = 0;
  ns_set_is_subset (&report->truth, &report->rhs, CALC_TOL, CALC_TOL, &t_in_r);
  ns_set_is_subset (&report->rhs, &report->truth, CALC_TOL, CALC_TOL, &r_in_t);
  if (t_in_r && r_in_t)
    report->verdict = NS_CALC_EQUALITY;
  else if (t_in_r || r_in_t)
    {
      report->verdict = NS_CALC_INCLUSION;
      report->rhs_contains_true = t_in_r;
    }
  else
    report->verdict = NS_CALC_NO_INCLUSION;
  return NS_OK;
}

ns_status
ns_calc_report_print (FILE *stream, const ns_calc_report *r, unsigned flags)
{
  if (!stream || !r)
    return NS_EINVAL;
  char rhs[512], truth[512];
  ns_set_snprint (rhs, sizeof rhs, &r->rhs, flags);
  ns_set_snprint (truth, sizeof truth, &r->truth, flags);
  const char *how = "";
  if (r->verdict == NS_CALC_INCLUSION)
    how = r->rhs_contains_true ? " (true set inside the rule's set)"
                               : " (rule's set inside the true set)";
  char xs[NS_NUMBER_TEXT_SIZE];
  ns_format_number (r->x, xs);
  int w = fprintf (stream,
                   "rule: %s, %s subdifferential at x = %s\n"
                   "  rule's set: %s\n  true set:   %s\n  verdict:    %s%s\n  %s\n",
                   ns_calc_rule_name (r->rule), ns_subdiff_kind_name (r->kind), xs,
                   rhs, truth, ns_calc_verdict_name (r->verdict), how, r->message);
  return w < 0 ? NS_EINVAL : NS_OK;
}
