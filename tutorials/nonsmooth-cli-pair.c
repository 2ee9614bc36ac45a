/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth-cli-pair.c: the explorer's distributional commands,
   "pair" (<T^(K), phi>, T the distribution of f) and "verify" (the
   integration-by-parts report, every route), and their test functions
   (--test bump|mollifier|plateau, --bump).  Every number comes from a
   public library call. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "nonsmooth-cli.h"
#include "nonsmooth-cli-impl.h"

/* ------------------------------------------------------------------ test functions */

/* The test functions --test names, their parameters and defaults (the
   default bump is the issue's C = 0, R = 1; the others cover [-1, 1] too). */
static const struct {
  const char *name;
  int nparams;
  const char *params;        /* as the user writes them */
  const char *keys[3];       /* JSON keys */
  double defaults[3];
} tests[] = {
  [TEST_BUMP] = { "bump", 2, "C,R", { "c", "r" }, { 0, 1 } },
  [TEST_MOLLIFIER] = { "mollifier", 1, "EPS", { "eps" }, { 1 } },
  [TEST_PLATEAU] = { "plateau", 3, "A,B,W", { "a", "b", "w" }, { -0.5, 0.5, 0.5 } },
};
#define NTESTS ((int) (sizeof tests / sizeof *tests))

void
ns_cli_default_test (opts *o)
{
  o->test = TEST_BUMP;
  memcpy (o->test_p, tests[TEST_BUMP].defaults, sizeof o->test_p);
}

/* Reads --test NAME[,PARAMS] (WITH_NAME) or --bump C,R (not WITH_NAME)
   into O.  NS_CLI_OK or a usage error already printed.  The checks on
   the values are the library's, stated in the user's terms. */
int
ns_cli_parse_test (const char *val, int with_name, opts *o, FILE *err, const char *cmd)
{
  const char *opt = with_name ? "--test" : "--bump";
  char buf[256];
  if (strlen (val) >= sizeof buf)
    return ns_cli_usage_error (err, cmd, "%s: too long", opt);
  snprintf (buf, sizeof buf, "%s", val);
  const char *field[6];
  char *p = buf;
  int n = 0;
  if (!with_name)
    field[n++] = "bump";   /* --bump C,R is --test bump,C,R */
  for (;;)
    {
      if (n == 6)
        return ns_cli_usage_error (err, cmd, "%s: too many parameters in '%s'", opt, val);
      field[n++] = p;
      char *comma = strchr (p, ',');
      if (comma == NULL)
        break;
      *comma = '\0';
      p = comma + 1;
    }
  int kind = -1;
  for (int i = 0; i < NTESTS; i++)
    if (strcmp (field[0], tests[i].name) == 0)
      kind = i;
  if (kind < 0)
    return ns_cli_usage_error (err, cmd, "--test must be bump, mollifier or plateau (with "
                                         "their parameters), not '%s'", val);
  int np = tests[kind].nparams;
  if (!with_name && n != 3)
    return ns_cli_usage_error (err, cmd, "--bump must be C,R, not '%s'", val);
  if (n != 1 && n != np + 1)
    return ns_cli_usage_error (err, cmd, "--test %s takes %s (%d number%s) or nothing, not '%s'",
                               tests[kind].name, tests[kind].params, np, np > 1 ? "s" : "",
                               val);
  double v[3];
  memcpy (v, tests[kind].defaults, sizeof v);
  for (int i = 1; i < n; i++)
    if (!ns_cli_parse_real (field[i], &v[i - 1]))
      return ns_cli_usage_error (err, cmd, "%s: '%s' is not a finite number%s (in '%s')", opt,
                                 field[i], ns_cli_real_hint (field[i]), val);
  const char *why = NULL;
  if (kind == TEST_BUMP && !(v[1] > 0))
    why = with_name ? "--test bump,C,R needs R > 0" : "--bump must be C,R with finite C and R > 0";
  else if (kind == TEST_MOLLIFIER && !(v[0] > 0))
    why = "--test mollifier,EPS needs EPS > 0";
  else if (kind == TEST_PLATEAU && !(v[0] <= v[1]))
    why = "--test plateau,A,B,W needs A <= B";
  else if (kind == TEST_PLATEAU && !(v[2] > 0))
    why = "--test plateau,A,B,W needs W > 0";
  if (why != NULL)
    return ns_cli_usage_error (err, cmd, "%s, not '%s'", why, val);
  o->test = kind;
  memcpy (o->test_p, v, sizeof v);
  return NS_CLI_OK;
}

/* The test function O describes; NS_CLI_OK, or a message printed and 2
   for parameters the library rejects (C + R overflows), 1 otherwise. */
static int
make_test (ctx *c, ns_testfn **phi)
{
  const double *p = c->o->test_p;
  ns_status s;
  switch (c->o->test)
    {
    case TEST_MOLLIFIER: s = ns_testfn_mollifier_alloc (p[0], phi); break;
    case TEST_PLATEAU: s = ns_testfn_plateau_alloc (p[0], p[1], p[2], phi); break;
    default: s = ns_testfn_bump_alloc (p[0], p[1], phi); break;
    }
  if (s == NS_EINVAL)
    return ns_cli_usage_error (c->err, c->cmd, "bad %s: %s (the support must be finite, "
                               "and wider than the spacing of the doubles at its centre)",
                               c->o->test_option ? c->o->test_option : "test function",
                               ns_strerror (s));
  if (s != NS_OK)
    {
      fprintf (c->err, PROGRAM " %s: cannot make the test function %s: %s\n", c->cmd,
               tests[c->o->test].name, ns_strerror (s));
      return NS_CLI_FAIL;
    }
  return NS_CLI_OK;
}

static void
json_test (FILE *out, const opts *o)
{
  fprintf (out, "{\"name\": \"%s\"", tests[o->test].name);
  for (int i = 0; i < tests[o->test].nparams; i++)
    {
      fprintf (out, ", \"%s\": ", tests[o->test].keys[i]);
      ns_cli_json_num (out, o->test_p[i]);
    }
  putc ('}', out);
}

/* "the bump centred at 0, radius 1", for the text header. */
static void
describe_test (char *buf, size_t size, const opts *o)
{
  char a[40], b[40], w[40];
  ns_cli_fmt_short (a, sizeof a, o->test_p[0]);
  ns_cli_fmt_short (b, sizeof b, o->test_p[1]);
  ns_cli_fmt_short (w, sizeof w, o->test_p[2]);
  if (o->test == TEST_MOLLIFIER)
    snprintf (buf, size, "the mollifier of radius %s (centred at 0, integral 1)", a);
  else if (o->test == TEST_PLATEAU)
    snprintf (buf, size, "the plateau 1 on [%s, %s] with transitions of width %s", a, b, w);
  else
    snprintf (buf, size, "the bump centred at %s, radius %s", a, b);
}

/* ------------------------------------------------------------------ pair, verify */

/* A status message for people; NS_ELIMIT names the limits a pairing can
   reach (the library's status does not say which one), or the one
   reached when elimit_diagnose found it. */
#define PAIR_STR_(x) #x
#define PAIR_STR(x) PAIR_STR_ (x)
/* The breakpoint search's work bound, documented with ns_fn_breakpoints
   (doc/function.texi). */
#define PAIR_BP_WORK "200000 boxes"
static const char *elimit_why;

static const char *
pair_strerror (ns_status s)
{
  if (s == NS_ELIMIT && elimit_why)
    return elimit_why;
  if (s == NS_ELIMIT)
    return "a documented limit was reached (at most " PAIR_STR (NS_PAIR_DEFAULT_SIZE)
           " breakpoints in the support of phi, found within a work bound of "
           PAIR_BP_WORK "; " PAIR_STR (NS_DIST_MAX_TERMS) " terms in a "
           "distribution, " PAIR_STR (NS_FN_MAX_SIZE) " nodes in a derivative's tree)";
  return ns_strerror (s);
}

/* Which limit an NS_ELIMIT of the pairing of F on PHI's support came
   from: the pairing's breakpoint search on the support (the same call,
   one point more room) either finds more than NS_PAIR_DEFAULT_SIZE points
   or stops at its work bound with fewer; otherwise the message stays the
   list of limits.  Only for a function (a distribution's terms each have
   their own). */
static void
elimit_diagnose (const ns_function *f, const ns_testfn *phi)
{
  static double pts[NS_PAIR_DEFAULT_SIZE + 1];
  double a, b;
  size_t n = 0;
  elimit_why = NULL;
  if (!f || ns_testfn_support (phi, &a, &b) != NS_OK
      || ns_fn_breakpoints (f, a, b, pts, NS_PAIR_DEFAULT_SIZE + 1, &n) != NS_ELIMIT)
    return;
  elimit_why = n > NS_PAIR_DEFAULT_SIZE
    ? "a documented limit was reached (more than " PAIR_STR (NS_PAIR_DEFAULT_SIZE)
      " breakpoints in the support of phi)"
    : "a documented limit was reached (the breakpoint search in the support of phi "
      "needs more than its work bound of " PAIR_BP_WORK ")";
}

static const char *const route_names[NS_VERIFY_NROUTES] = { "exact", "weak", "closed" };

/* The report for <D^K T_f, phi>; NS_CLI_OK or a failure already printed. */
static int
make_report (ctx *c, ns_verify_report *rep)
{
  ns_testfn *phi = NULL;
  int status = make_test (c, &phi);
  if (status != NS_CLI_OK)
    return status;
  ns_status s = c->dist ? ns_verify_dist (c->dist, c->o->order, phi, rep)
                        : ns_verify_ibp (c->f, c->o->order, phi, rep);
  int limited = s == NS_ELIMIT || (s == NS_OK && rep->status == NS_ELIMIT);
  for (int i = 0; s == NS_OK && i < NS_VERIFY_NROUTES; i++)
    limited |= rep->route[i].status == NS_ELIMIT;
  elimit_why = NULL;
  if (limited && !c->dist)
    elimit_diagnose (c->f, phi);
  ns_testfn_free (phi);
  if (s != NS_OK)
    {
      fprintf (c->err, PROGRAM " %s: %s\n", c->cmd, pair_strerror (s));
      return NS_CLI_FAIL;
    }
  return NS_CLI_OK;
}

/* A route has a value when it ran (NS_OK, or NS_ETOL with its best
   estimate) and the value is a number: a NaN estimate is no value. */
static int
route_has_value (const ns_verify_route *r)
{
  return (r->status == NS_OK || r->status == NS_ETOL) && isfinite (r->val);
}

/* verify's text report, in the layout of ns_verify_fprint, except that a
   route without a value says so instead of printing NaN. */
static void
verify_text (FILE *out, const ns_verify_report *rep, int is_dist)
{
  static const char *const names[NS_VERIFY_NROUTES] = { "A", "B", "C" };
  if (is_dist)
    fprintf (out, "<D^%d T, phi>  with T = %s\n", rep->k, rep->function);
  else
    fprintf (out, "<D^%d T_f, phi>  with f = %s\n", rep->k, rep->function);
  for (int i = 0; i < NS_VERIFY_NROUTES; i++)
    {
      const ns_verify_route *r = &rep->route[i];
      if (!r->available)
        fprintf (out, "  route %s  (no closed form known)\n", names[i]);
      else if (route_has_value (r))
        fprintf (out, "  route %s  %+.17e  +- %.2e  %6zu evals  %s%s%s\n", names[i], r->val,
                 ns_cli_bound (r->err), r->neval, r->method, r->status == NS_OK ? "" : "  status: ",
                 r->status == NS_OK ? "" : pair_strerror (r->status));
      else
        fprintf (out, "  route %s  no value%36s%6zu evals  %s  status: %s\n", names[i], "",
                 r->neval, r->method, pair_strerror (r->status));
    }
  if (rep->status == NS_EDISAGREE)
    fprintf (out, "  largest difference %.2e: DISAGREE (beyond the error bounds)\n",
             rep->max_diff);
  else if (rep->nvalues >= 2)
    fprintf (out, "  largest difference %.2e: agree\n", rep->max_diff);
  else if (rep->nvalues == 1)
    fprintf (out, "  one route only: route %s gives the value, nothing to compare\n",
             names[rep->answer]);
  else
    fprintf (out, "  no route has a value\n");
}

static void
print_report (ctx *c, const ns_verify_report *rep, int with_agree)
{
  const opts *o = c->o;
  FILE *out = c->out;
  /* The answer is the report's verdict, not route A's value: a single
     route with a value gives it (and is named), routes that contradict
     each other give none. */
  int ok_a = rep->status == NS_OK || rep->status == NS_ETOL;
  if (o->format == FMT_JSON)
    {
      fputs ("{\"expr\": ", out);
      ns_cli_json_str (out, c->text);
      fprintf (out, ", \"order\": %d, \"test\": ", o->order);
      json_test (out, o);
      fputs (", \"value\": ", out);
      ns_cli_json_num (out, ok_a ? rep->val : NO_VALUE);
      fputs (", \"abserr\": ", out);
      ns_cli_json_num (out, ok_a ? ns_cli_bound (rep->err) : NO_VALUE);
      if (ok_a)
        {
          fputs (", \"value_route\": ", out);
          ns_cli_json_str (out, route_names[rep->answer]);
        }
      if (rep->status != NS_OK)
        {
          fputs (", \"value_status\": ", out);
          ns_cli_json_str (out, pair_strerror (rep->status));
        }
      fputs (", \"routes\": [", out);
      int first = 1;
      for (int i = 0; i < NS_VERIFY_NROUTES; i++)
        {
          const ns_verify_route *r = &rep->route[i];
          int ok = route_has_value (r);
          if (!r->available)
            continue;
          fputs (first ? "{\"name\": " : ", {\"name\": ", out);
          first = 0;
          ns_cli_json_str (out, route_names[i]);
          fputs (", \"method\": ", out);
          ns_cli_json_str (out, r->method);
          fputs (", \"value\": ", out);
          ns_cli_json_num (out, ok ? r->val : NO_VALUE);
          fputs (", \"abserr\": ", out);
          ns_cli_json_num (out, ok ? ns_cli_bound (r->err) : NO_VALUE);
          fprintf (out, ", \"evals\": %zu, \"status\": ", r->neval);
          ns_cli_json_str (out, r->status == NS_OK ? "ok" : pair_strerror (r->status));
          fputs ("}", out);
        }
      fputs ("]", out);
      /* "agree" compares two routes at least: null when fewer have a
         value (one route agrees with nothing). */
      if (with_agree)
        fprintf (out, ", \"agree\": %s",
                 rep->nvalues < 2 ? "null" : rep->agree ? "true" : "false");
      fputs ("}\n", out);
    }
  else if (o->format == FMT_CSV)
    {
      fputs ("route,value,abserr,evals,status,method\n", out);
      for (int i = 0; i < NS_VERIFY_NROUTES; i++)
        {
          const ns_verify_route *r = &rep->route[i];
          int ok = route_has_value (r);
          if (!r->available)
            continue;
          fprintf (out, "%s,", route_names[i]);
          if (ok)
            {
              ns_cli_csv_num (out, r->val);
              putc (',', out);
              ns_cli_csv_num (out, ns_cli_bound (r->err));
            }
          else
            putc (',', out);
          fprintf (out, ",%zu,", r->neval);
          ns_cli_csv_str (out, r->status == NS_OK ? "ok" : pair_strerror (r->status));
          putc (',', out);
          ns_cli_csv_str (out, r->method);
          putc ('\n', out);
        }
    }
  else
    {
      char phi[400], tn[32], vs[40], es[40];
      describe_test (phi, sizeof phi, o);
      ns_cli_deriv_name (tn, sizeof tn, "T", o->order);
      if (c->dist)
        fprintf (out, "T = %s, phi %s\n", c->text, phi);
      else
        fprintf (out, "f(x) = %s, T its distribution, phi %s\n", c->text, phi);
      if (with_agree)
        {
          verify_text (out, rep, c->dist != NULL);
          return;
        }
      if (ok_a)
        {
          const ns_verify_route *a = &rep->route[rep->answer];
          ns_cli_fmt_short (vs, sizeof vs, rep->val);
          ns_cli_fmt_err (es, sizeof es, ns_cli_bound (rep->err));
          fprintf (out, "<%s, phi> = %s ± %s   (%zu evaluations", tn, vs, es, a->neval);
          if (rep->nvalues == 1 && rep->answer != NS_VERIFY_EXACT)
            fprintf (out, "; the %s route alone", route_names[rep->answer]);
          if (rep->status != NS_OK)
            fprintf (out, "; %s", pair_strerror (rep->status));
          fputs (")\n", out);
        }
      else if (rep->status == NS_EDISAGREE)
        fprintf (out, "<%s, phi> is not given: %s (largest difference %.2e)\n", tn,
                 pair_strerror (rep->status), rep->max_diff);
      else
        fprintf (out, "<%s, phi> cannot be computed: %s\n", tn, pair_strerror (rep->status));
      for (int i = 0; i < NS_VERIFY_NROUTES; i++)
        {
          const ns_verify_route *r = &rep->route[i];
          if (!r->available)
            continue;
          if (route_has_value (r))
            {
              ns_cli_fmt_short (vs, sizeof vs, r->val);
              ns_cli_fmt_err (es, sizeof es, ns_cli_bound (r->err));
              fprintf (out, "  route %-6s %s ± %s   (%zu evaluations; %s)\n", route_names[i], vs,
                       es, r->neval, r->method);
            }
          else
            fprintf (out, "  route %-6s failed: %s\n", route_names[i], pair_strerror (r->status));
        }
    }
}

int
ns_cli_run_pair (ctx *c)
{
  ns_verify_report rep;
  int status = make_report (c, &rep);
  if (status != NS_CLI_OK)
    return status;
  print_report (c, &rep, 0);
  if (rep.status == NS_EDISAGREE)
    {
      fprintf (c->err, PROGRAM " pair: no value: %s\n", pair_strerror (rep.status));
      return NS_CLI_FAIL;
    }
  if (rep.status != NS_OK && rep.status != NS_ETOL)
    {
      fprintf (c->err, PROGRAM " pair: the pairing cannot be computed: %s\n",
               pair_strerror (rep.status));
      return NS_CLI_FAIL;
    }
  return NS_CLI_OK;
}

int
ns_cli_run_verify (ctx *c)
{
  ns_verify_report rep;
  int status = make_report (c, &rep);
  if (status != NS_CLI_OK)
    return status;
  print_report (c, &rep, 1);
  /* 0 only for a verdict without doubt: no contradiction, and the answer
     is not a mere best estimate. */
  return rep.status == NS_OK ? NS_CLI_OK : NS_CLI_FAIL;
}
