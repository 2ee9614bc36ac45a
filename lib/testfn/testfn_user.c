/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/testfn/testfn_user.c: user-supplied test functions: the admissibility check
   with its readable report, construction, and the integral by GSL's qag. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include "nonsmooth/testfn.h"
#include "testfn/testfn_private.h"
#include "text.h"
#include "integrate.h"

static void
report_set (ns_testfn_report *rep, ns_testfn_defect d, int order, double x,
            double value, const char *msg)
{
  if (rep == NULL)
    return;
  rep->defect = d;
  rep->order = order;
  rep->x = x;
  rep->value = value;
  snprintf (rep->message, sizeof rep->message, "%s", msg);
}

/* Calls the user's derivative, NaN on failure. */
ns_status
ns_testfn_user_call (const ns_testfn_user *u, int n, double x, ns_result *r)
{
  r->val = NAN;
  r->err = NAN;
  return u->fn (n, x, u->data, r);
}

/* Checks one point for every order; AT_END requires |f^(n)| <= tol. */
static ns_status
user_check_point (const ns_testfn_user *u, double x, int at_end, double tol,
                  ns_testfn_report *rep)
{
  /* Numbers are at most 24 bytes ("-2.2250738585072014e-308"), 10 with
     3 digits: the precisions below only tell the compiler so. */
  char msg[160], xs[NS_NUMBER_TEXT_SIZE], vs[NS_NUMBER_TEXT_SIZE], ts[NS_NUMBER_TEXT_SIZE];
  ns_format_number (x, xs);
  for (int n = 0; n <= u->max_order; n++)
    {
      ns_result r;
      ns_status st = ns_testfn_user_call (u, n, x, &r);
      if (st != NS_OK)
        {
          snprintf (msg, sizeof msg, "derivative of order %d at x = %.24s failed: %s",
                    n, xs, ns_strerror (st));
          report_set (rep, NS_TESTFN_CALLBACK_FAILED, n, x, r.val, msg);
          return NS_EDOM;
        }
      if (!isfinite (r.val))
        {
          ns_format_number (r.val, vs);
          snprintf (msg, sizeof msg, "derivative of order %d at x = %.24s is %.24s, not finite",
                    n, xs, vs);
          report_set (rep, NS_TESTFN_NOT_FINITE, n, x, r.val, msg);
          return NS_EDOM;
        }
      if (at_end && !(fabs (r.val) <= tol))
        {
          ns_format_digits (r.val, 3, 0, vs);
          ns_format_digits (tol, 3, 0, ts);
          snprintf (msg, sizeof msg,
                    "derivative of order %d at the end x = %.24s is %.12s, not 0 within %.12s",
                    n, xs, vs, ts);
          report_set (rep, NS_TESTFN_NOT_VANISHING, n, x, r.val, msg);
          return NS_EDOM;
        }
    }
  return NS_OK;
}

/* Interior sample points: 61 points at offsets (i + 0.385)/61, a "high
   entropy" fraction so that no sample sits on a round number. */
#define USER_SAMPLES 61

ns_status
ns_testfn_user_check (const ns_testfn_user *spec, double tol, ns_testfn_report *rep)
{
  report_set (rep, NS_TESTFN_ADMISSIBLE, -1, NAN, NAN, "admissible");
  if (spec == NULL || spec->fn == NULL)
    {
      report_set (rep, NS_TESTFN_NO_CALLBACK, -1, NAN, NAN,
                  spec == NULL ? "no specification (NULL)" : "no derivative callback (fn is NULL)");
      return NS_EINVAL;
    }
  if (!isfinite (spec->a) || !isfinite (spec->b) || !(spec->a < spec->b))
    {
      char msg[160], as[NS_NUMBER_TEXT_SIZE], bs[NS_NUMBER_TEXT_SIZE];
      ns_format_number (spec->a, as);
      ns_format_number (spec->b, bs);
      snprintf (msg, sizeof msg, "support [%s, %s] is %s", as, bs,
                isfinite (spec->a) && isfinite (spec->b) ? "empty" : "not finite");
      report_set (rep, NS_TESTFN_BAD_SUPPORT, -1, NAN, NAN, msg);
      return NS_EINVAL;
    }
  if (spec->max_order < 0 || spec->max_order > NS_TESTFN_MAX_ORDER)
    {
      char msg[160];
      snprintf (msg, sizeof msg, "highest order %d is outside 0..%d",
                spec->max_order, NS_TESTFN_MAX_ORDER);
      report_set (rep, NS_TESTFN_BAD_ORDER, spec->max_order, NAN, NAN, msg);
      return NS_EINVAL;
    }
  if (!(tol >= 0) || !isfinite (tol))
    {
      report_set (rep, NS_TESTFN_BAD_TOLERANCE, -1, NAN, tol,
                  "tolerance is NaN, infinite or negative");
      return NS_EINVAL;
    }
  ns_status st = user_check_point (spec, spec->a, 1, tol, rep);
  if (st == NS_OK)
    st = user_check_point (spec, spec->b, 1, tol, rep);
  for (int i = 0; st == NS_OK && i < USER_SAMPLES; i++)
    {
      double x = spec->a + (spec->b - spec->a) * ((i + 0.385) / USER_SAMPLES);
      st = user_check_point (spec, x, 0, tol, rep);
    }
  return st;
}

ns_status
ns_testfn_user_alloc (const ns_testfn_user *spec, double tol, ns_testfn **out,
                      ns_testfn_report *rep)
{
  if (out == NULL)
    return NS_EINVAL;
  *out = NULL;
  ns_status st = ns_testfn_user_check (spec, tol, rep);
  if (st != NS_OK)
    return st;
  ns_testfn *phi;
  st = ns_testfn_new_kind (KIND_USER, &phi);
  if (st != NS_OK)
    return st;
  phi->user = *spec;
  phi->lo = spec->a;
  phi->hi = spec->b;
  phi->centre = spec->a / 2 + spec->b / 2;
  phi->radius = spec->b / 2 - spec->a / 2;
  *out = phi;
  return NS_OK;
}

static double
user_value_gsl (double x, void *params)
{
  const ns_testfn_user *u = params;
  ns_result r;
  if (ns_testfn_user_call (u, 0, x, &r) != NS_OK)
    return NAN;
  return r.val;
}

/* int phi over the support by adaptive GAUSS31 (QAG, lib/integrate.c);
   err is its estimate. */
ns_status
ns_testfn_user_integral (const ns_testfn *phi, ns_result *out)
{
  ns_integ_ws *w = ns_integ_ws_alloc (200);
  if (w == NULL)
    return ns_testfn_fail (out, NS_ENOMEM);
  ns_testfn_user user = phi->user;  /* GSL's params pointer is not const */
  gsl_function f = { user_value_gsl, &user };
  double val = NAN, abserr = NAN;
  int code = ns_integ_qag (&f, phi->lo, phi->hi, 0.0, 1e-12, 200,
                           gsl_integration_qk31, w, &val, &abserr);
  ns_integ_ws_free (w);
  out->val = val;
  out->err = abserr;
  if (!isfinite (val))
    return ns_testfn_fail (out, NS_EDOM);
  return ns_testfn_status_from_gsl (code);
}
