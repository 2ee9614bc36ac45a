/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/verify/verify.c: the integration-by-parts report.  Route A pairs the exact
   k-th distributional derivative, route B the weak form (-1)^k <f, phi^(k)>,
   route C a closed form for the tutorial's primitives (relu, heaviside,
   abs, sign of x itself; log|x|' = p.v. 1/x on an even phi); the report says whether they agree within the
   sum of their error bounds. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include <nonsmooth/verify.h>
#include "text.h"

/* Relu's tree: relu(x), max(0, x) or max(x, 0). */
static int
is_relu_of_x (const ns_function *f)
{
  ns_op op = ns_fn_op (f);
  if (op == NS_OP_RELU)
    return ns_fn_op (ns_fn_arg (f, 0)) == NS_OP_X;
  if (op != NS_OP_MAX)
    return 0;
  const ns_function *a = ns_fn_arg (f, 0), *b = ns_fn_arg (f, 1);
  if (ns_fn_op (a) == NS_OP_X)
    {
      const ns_function *t = a;
      a = b;
      b = t;
    }
  return ns_fn_op (b) == NS_OP_X && ns_fn_op (a) == NS_OP_CONST
         && ns_fn_param (a, 0) == 0.0;
}

/* OP applied to x itself. */
static int
is_op_of_x (const ns_function *f, ns_op op)
{
  return ns_fn_op (f) == op && ns_fn_op (ns_fn_arg (f, 0)) == NS_OP_X;
}

/* Whether PHI is even about 0, checked at sample points of high entropy:
   testfn has no query for its kind, and bumps, mollifiers and plateaus
   centred at 0 are even, while a user function need not be. */
static int
is_even_about_zero (const ns_testfn *phi)
{
  static const double ts[] = { 0.0137, 0.1234, 0.2385, 0.4142, 0.5772,
                               0.7071, 0.8660, 0.9375 };
  double c;
  if (ns_testfn_centre (phi, &c) != NS_OK || c != 0.0)
    return 0;
  for (size_t i = 0; i < sizeof ts / sizeof *ts; i++)
    for (int n = 0; n <= 1; n++)
      {
        ns_result p, q;
        if (ns_testfn_eval_t (phi, n, ts[i], &p) != NS_OK
            || ns_testfn_eval_t (phi, n, -ts[i], &q) != NS_OK)
          return 0;
        /* phi even means phi' odd. */
        double diff = n ? p.val + q.val : p.val - q.val;
        if (fabs (diff) > p.err + q.err)
          return 0;
      }
  return 1;
}

/* Route C: M * phi(0), M the total jump (heaviside', relu'', abs'', sign'). */
static void
closed_point_value (const ns_testfn *phi, double m, const char *what,
                    ns_verify_route *r)
{
  ns_result p;
  r->available = 1;
  r->status = ns_testfn_eval (phi, 0, 0.0, &p);
  r->val = m * p.val;
  /* m is 1 or 2, so the product is exact. */
  r->err = fabs (m) * p.err;
  r->neval = 1;
  snprintf (r->method, sizeof r->method, "%s", what);
}

/* Route C for relu' = H: int_0^inf phi. */
static void
closed_relu_first (const ns_testfn *phi, ns_verify_route *r)
{
  double sa, sb;
  if (ns_testfn_support (phi, &sa, &sb) != NS_OK)
    return;
  if (sb <= 0)
    {
      *r = (ns_verify_route) { 1, NS_OK, 0.0, 0.0, 0, "0 (support left of 0)" };
      return;
    }
  int whole = sa >= 0;
  if (!whole && !is_even_about_zero (phi))
    return;
  ns_result in;
  r->available = 1;
  r->status = ns_testfn_integral (phi, &in);
  r->neval = 1;
  if (whole)
    {
      r->val = in.val;
      r->err = in.err;
      snprintf (r->method, sizeof r->method, "int phi (support right of 0)");
    }
  else
    {
      /* Halving is exact. */
      r->val = in.val / 2;
      r->err = in.err / 2;
      snprintf (r->method, sizeof r->method, "int phi / 2 (phi even about 0)");
    }
}

/* log(abs(x)) itself. */
static int
is_log_abs_of_x (const ns_function *f)
{
  return ns_fn_op (f) == NS_OP_LOG && is_op_of_x (ns_fn_arg (f, 0), NS_OP_ABS);
}

static void
closed_form (const ns_function *f, int k, const ns_testfn *phi,
             ns_verify_route *r)
{
  if (is_log_abs_of_x (f) && k == 1)
    {
      /* log|x|' = p.v. 1/x, and p.v. int phi(x)/x = 0 for phi even. */
      if (is_even_about_zero (phi))
        *r = (ns_verify_route) { 1, NS_OK, 0.0, 0.0, 0,
                                 "0 (p.v. 1/x, phi even about 0)" };
      return;
    }
  if (is_relu_of_x (f) && k == 1)
    closed_relu_first (phi, r);
  else if (is_relu_of_x (f) && k == 2)
    closed_point_value (phi, 1.0, "phi(0) (relu'' = delta)", r);
  else if (is_op_of_x (f, NS_OP_HEAVISIDE) && k == 1)
    closed_point_value (phi, 1.0, "phi(0) (H' = delta)", r);
  else if (is_op_of_x (f, NS_OP_ABS) && k == 2)
    closed_point_value (phi, 2.0, "2 phi(0) (|x|'' = 2 delta)", r);
  else if (is_op_of_x (f, NS_OP_SIGN) && k == 1)
    closed_point_value (phi, 2.0, "2 phi(0) (sign' = 2 delta)", r);
}

/* Whether route R has a number: NS_ETOL keeps a best estimate (when it
   is a number at all). */
static int
route_has_value (const ns_verify_route *r)
{
  return (r->status == NS_OK || r->status == NS_ETOL) && isfinite (r->val);
}

/* A failed route holds no number: val NaN, err +inf, whatever the
   computation left there (a failed test function evaluation leaves a NaN
   err). */
static void
route_clear_failed (ns_verify_route *r)
{
  if (r->available && !route_has_value (r))
    {
      r->val = NAN;
      r->err = INFINITY;
    }
}

static void
route_from_pairing (ns_status st, const ns_pair_result *p, const char *what,
                    ns_verify_route *r)
{
  r->available = 1;
  r->status = st;
  r->val = p->val;
  r->err = p->err;
  r->neval = p->neval;
  snprintf (r->method, sizeof r->method, "%s", what);
}

/* The verdict.  Every route with a value takes part, NS_ETOL ones too:
   their bound is the honest one GSL's rules keep, so a contradiction
   between an NS_OK route and an NS_ETOL one is still a contradiction.  A
   single route with a value is the answer on its own (sqrt|x| with k = 2:
   the exact route has no delta for an infinite jump, the weak one
   integrates); two that differ beyond err_i + err_j + 4 ulp cannot both
   contain the true value, so neither is the answer.  The 4 ulp cover the
   rounding of the difference and of each value's last operation. */
static void
compare_routes (ns_verify_report *rep)
{
  for (int i = 0; i < NS_VERIFY_NROUTES; i++)
    route_clear_failed (&rep->route[i]);
  rep->max_diff = 0;
  rep->nvalues = 0;
  rep->answer = -1;
  int disagree = 0;
  ns_status failed = NS_OK;
  for (int i = 0; i < NS_VERIFY_NROUTES; i++)
    {
      const ns_verify_route *a = &rep->route[i];
      if (!a->available)
        continue;
      if (!route_has_value (a))
        {
          if (failed == NS_OK)
            failed = a->status;
          continue;
        }
      rep->nvalues++;
      if (a->status == NS_OK
          && (rep->answer < 0 || rep->route[rep->answer].status != NS_OK))
        rep->answer = i;
      else if (rep->answer < 0)
        rep->answer = i;
      for (int j = i + 1; j < NS_VERIFY_NROUTES; j++)
        {
          const ns_verify_route *b = &rep->route[j];
          if (!b->available || !route_has_value (b))
            continue;
          double d = fabs (a->val - b->val);
          if (d > rep->max_diff)
            rep->max_diff = d;
          double big = fmax (fabs (a->val), fabs (b->val));
          if (!(d <= a->err + b->err + 4 * DBL_EPSILON * big))
            disagree = 1;
        }
    }
  rep->agree = rep->nvalues > 0 && !disagree;
  if (disagree)
    {
      rep->status = NS_EDISAGREE;
      rep->answer = -1;
    }
  else if (rep->answer >= 0)
    rep->status = rep->route[rep->answer].status;
  else
    rep->status = failed != NS_OK ? failed : NS_UNDEFINED;
  if (rep->status == NS_OK || rep->status == NS_ETOL)
    {
      rep->val = rep->route[rep->answer].val;
      rep->err = rep->route[rep->answer].err;
    }
  else
    {
      rep->val = NAN;
      rep->err = INFINITY;
    }
}

/* Clears REPORT: every route unavailable, NaN with an infinite bound. */
static void
report_init (ns_verify_report *report, int k)
{
  memset (report, 0, sizeof *report);
  report->k = k;
  report->answer = -1;
  report->status = NS_UNDEFINED;
  report->val = NAN;
  report->err = INFINITY;
  for (int i = 0; i < NS_VERIFY_NROUTES; i++)
    {
      report->route[i].status = NS_UNDEFINED;
      report->route[i].val = NAN;
      report->route[i].err = INFINITY;
    }
}

/* Marks a truncated report->function with "...". */
static void
report_name_fit (ns_verify_report *report, size_t need)
{
  if (need >= sizeof report->function)
    memcpy (report->function + sizeof report->function - 4, "...", 4);
}

/* Routes A and B for <D^K T, PHI>: the exact pairing and the weak one,
   labelled EXACT_WHAT and WEAK_WHAT. */
static ns_status
pairing_routes (const ns_dist *t, int k, const ns_testfn *phi,
                const char *exact_what, const char *weak_what,
                ns_verify_report *report)
{
  ns_dist *dk = NULL;
  ns_status st = ns_dist_deriv (t, k, &dk);
  ns_pair_workspace *w = NULL;
  if (st == NS_OK && !(w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE)))
    st = NS_ENOMEM;
  if (st != NS_OK)
    {
      ns_dist_free (dk);
      return st;
    }
  ns_pair_result p;
  st = ns_dist_pair (dk, phi, w, &p);
  route_from_pairing (st, &p, exact_what, &report->route[NS_VERIFY_EXACT]);
  st = ns_dist_pair_weak (dk, phi, w, &p);
  route_from_pairing (st, &p, weak_what, &report->route[NS_VERIFY_WEAK]);
  ns_dist_free (dk);
  ns_pair_workspace_free (w);
  return NS_OK;
}

ns_status
ns_verify_ibp (const ns_function *f, int k, const ns_testfn *phi,
               ns_verify_report *report)
{
  if (!report)
    return NS_EINVAL;
  report_init (report, k);
  if (!f || !phi || k < 0 || k > NS_DIST_MAX_ORDER)
    return NS_EINVAL;
  report_name_fit (report, ns_fn_snprint (report->function, sizeof report->function, f));

  ns_dist *tf = NULL;
  ns_status st = ns_dist_regular (f, &tf);
  if (st == NS_OK)
    st = pairing_routes (tf, k, phi, "exact derivative: f^(k) + jump deltas",
                         "(-1)^k int f phi^(k)", report);
  ns_dist_free (tf);
  if (st != NS_OK)
    return st;
  closed_form (f, k, phi, &report->route[NS_VERIFY_CLOSED]);
  compare_routes (report);
  return NS_OK;
}

ns_status
ns_verify_dist (const ns_dist *t, int k, const ns_testfn *phi,
                ns_verify_report *report)
{
  if (!report)
    return NS_EINVAL;
  report_init (report, k);
  if (!t || !phi || k < 0 || k > NS_DIST_MAX_ORDER)
    return NS_EINVAL;
  report_name_fit (report, ns_dist_snprint (report->function, sizeof report->function, t,
                                            NS_DIST_PRINT_ASCII));
  ns_status st = pairing_routes (t, k, phi, "exact: jumps of regular terms become deltas",
                                 "weak: every derivative moved onto phi", report);
  if (st != NS_OK)
    return st;
  compare_routes (report);
  return NS_OK;
}

ns_status
ns_verify_fprint (FILE *stream, const ns_verify_report *rep)
{
  static const char *names[NS_VERIFY_NROUTES] = { "A", "B", "C" };
  if (!stream || !rep)
    return NS_EINVAL;
  int bad = fprintf (stream, "<D^%d T_f, phi>  with f = %s\n", rep->k,
                     rep->function) < 0;
  for (int i = 0; i < NS_VERIFY_NROUTES && !bad; i++)
    {
      const ns_verify_route *r = &rep->route[i];
      if (!r->available)
        bad = fprintf (stream, "  route %s  (no closed form known)\n",
                       names[i]) < 0;
      else if (!route_has_value (r))
        bad = fprintf (stream, "  route %s  not computed: %s  (%s)\n",
                       names[i], ns_strerror (r->status), r->method) < 0;
      else
        {
          /* printf's %+.17e and %.2e, with '.' in any locale. */
          char vs[NS_NUMBER_TEXT_SIZE], es[NS_NUMBER_TEXT_SIZE];
          ns_format_digits (r->val, 18, NS_FORMAT_E | NS_FORMAT_PLUS, vs);
          ns_format_digits (r->err, 3, NS_FORMAT_E, es);
          bad = fprintf (stream,
                       "  route %s  %s  +- %s  %6zu evals  %s%s%s\n",
                       names[i], vs, es, r->neval, r->method,
                       r->status == NS_OK ? "" : "  status: ",
                       r->status == NS_OK ? "" : ns_strerror (r->status)) < 0;
        }
    }
  if (!bad)
    {
      char ds[NS_NUMBER_TEXT_SIZE];
      ns_format_digits (rep->max_diff, 3, NS_FORMAT_E, ds);
      if (rep->status == NS_EDISAGREE)
        bad = fprintf (stream, "  largest difference %s: DISAGREE (beyond the error "
                       "bounds)\n", ds) < 0;
      else if (rep->nvalues >= 2)
        bad = fprintf (stream, "  largest difference %s: agree\n", ds) < 0;
      else if (rep->nvalues == 1)
        bad = fprintf (stream, "  one route only: route %s gives the value, nothing to "
                       "compare\n", names[rep->answer]) < 0;
      else
        bad = fprintf (stream, "  no route has a value\n") < 0;
    }
  return bad ? NS_EINVAL : NS_OK;
}
