/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth-cli-calc.c: the explorer's pointwise commands,
   "eval" (values with an error bound) and "diff" (one-sided and pointwise
   derivatives, breakpoints and the jumps there).  Every number comes from
   a public library call. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "nonsmooth-cli.h"
#include "nonsmooth-cli-impl.h"

#define MAX_BREAKPOINTS 256  /* breakpoints diff lists in its range */

/* ------------------------------------------------------------------ eval */

/* "is not defined" only where f is: an overflow, or a limit, is no
   property of f. */
static const char *
no_value_phrase (ns_status s)
{
  return s == NS_EDOM || s == NS_UNDEFINED || s == NS_ERANGE ? "is not defined"
                                                               : "cannot be computed";
}

int
ns_cli_run_eval (ctx *c)
{
  const opts *o = c->o;
  FILE *out = c->out;
  int status = NS_CLI_OK;
  double x[MAX_POS];
  for (int i = 1; i < o->npos; i++)
    if (!ns_cli_parse_real (o->pos[i], &x[i]))
      return ns_cli_usage_error (c->err, c->cmd, "X must be a finite number, not '%s'%s", o->pos[i],
                                 ns_cli_real_hint (o->pos[i]));

  if (o->format == FMT_JSON)
    {
      fputs ("{\"expr\": ", out);
      ns_cli_json_str (out, c->text);
      fputs (", \"points\": [", out);
    }
  else if (o->format == FMT_CSV)
    fputs ("x,value,abserr,status\n", out);
  else
    fprintf (out, "f(x) = %s\n", c->text);

  for (int i = 1; i < o->npos; i++)
    {
      ns_result r;
      ns_status s = ns_fn_eval (c->f, x[i], &r);
      char xs[40], vs[40], es[40];
      if (s != NS_OK)
        {
          status = NS_CLI_FAIL;
          ns_cli_fmt_short (xs, sizeof xs, x[i]);
          fprintf (c->err, PROGRAM " eval: f(%s) %s: %s\n", xs, no_value_phrase (s),
                   ns_strerror (s));
        }
      if (o->format == FMT_JSON)
        {
          fputs (i > 1 ? ", {\"x\": " : "{\"x\": ", out);
          ns_cli_json_num (out, x[i]);
          fputs (", \"value\": ", out);
          ns_cli_json_num (out, s == NS_OK ? r.val : NO_VALUE);
          fputs (", \"abserr\": ", out);
          ns_cli_json_num (out, s == NS_OK ? ns_cli_bound (r.err) : NO_VALUE);
          if (s != NS_OK)
            {
              fputs (", \"status\": ", out);
              ns_cli_json_str (out, ns_strerror (s));
            }
          fputs ("}", out);
        }
      else if (o->format == FMT_CSV)
        {
          ns_cli_csv_num (out, x[i]);
          putc (',', out);
          if (s == NS_OK)
            {
              ns_cli_csv_num (out, r.val);
              putc (',', out);
              ns_cli_csv_num (out, ns_cli_bound (r.err));
              fputs (",ok\n", out);
            }
          else
            {
              fputs (",,", out);
              ns_cli_csv_str (out, ns_strerror (s));
              putc ('\n', out);
            }
        }
      else
        {
          ns_cli_fmt_short (xs, sizeof xs, x[i]);
          if (s == NS_OK)
            {
              ns_cli_fmt_short (vs, sizeof vs, r.val);
              ns_cli_fmt_err (es, sizeof es, ns_cli_bound (r.err));
              fprintf (out, "f(%s) = %s ± %s\n", xs, vs, es);
            }
          else
            fprintf (out, "f(%s) %s: %s\n", xs, no_value_phrase (s), ns_strerror (s));
        }
    }
  if (o->format == FMT_JSON)
    fputs ("]}\n", out);
  return status;
}

/* ------------------------------------------------------------------ diff */

/* One number with its status, as diff and subdiff report it: NS_OK and
   NS_ERANGE (an infinite answer) have a value; anything else is null. */
static int
has_value (ns_status s)
{
  return s == NS_OK || s == NS_ERANGE;
}

static void
json_field (FILE *out, const char *key, ns_status s, double v)
{
  fprintf (out, ", \"%s\": ", key);
  ns_cli_json_num (out, has_value (s) ? v : NO_VALUE);
  if (!has_value (s))
    {
      fprintf (out, ", \"%s_status\": ", key);
      ns_cli_json_str (out, ns_strerror (s));
    }
}

static void
csv_row (FILE *out, const char *what, double x, int k, ns_status s, double v)
{
  fprintf (out, "%s,", what);
  ns_cli_csv_num (out, x);
  fprintf (out, ",%d,", k);
  if (has_value (s))
    {
      ns_cli_csv_num (out, v);
      fputs (",ok\n", out);
    }
  else
    {
      putc (',', out);
      ns_cli_csv_str (out, ns_strerror (s));
      putc ('\n', out);
    }
}

static void
text_field (FILE *out, const char *lhs, ns_status s, double v)
{
  char vs[40];
  if (has_value (s))
    {
      ns_cli_fmt_short (vs, sizeof vs, v);
      fprintf (out, "  %-12s = %s\n", lhs, vs);
    }
  else if (s == NS_EDOM || s == NS_UNDEFINED)
    fprintf (out, "  %-12s does not exist: %s\n", lhs, ns_strerror (s));
  else   /* an overflow, a limit: no statement about f */
    fprintf (out, "  %-12s cannot be computed: %s\n", lhs, ns_strerror (s));
}

/* The exact K-th distributional derivative of f on the open range: the
   pointwise derivative plus the jump deltas, in readable form (relu(x) ->
   heaviside(x), floor(x) -> a sum of deltas).  Text and JSON use UTF-8
   (delta as U+03B4); CSV gets the ASCII form in one row. */
static int
print_distributional (ctx *c, int k, const char *as, const char *bs)
{
  const opts *o = c->o;
  FILE *out = c->out;
  ns_dist *t = NULL;
  ns_status st;
  if (c->dist)
    {
      /* A distribution: D^K T with delta(g(x)) written out as its deltas
         at the zeros of g in the range. */
      ns_dist *dk = NULL;
      st = ns_dist_deriv (c->dist, k, &dk);
      if (st == NS_OK)
        st = ns_dist_expand (dk, o->range_a, o->range_b, &t);
      ns_dist_free (dk);
    }
  else
    st = ns_dist_exact_deriv (c->f, k, o->range_a, o->range_b, &t);
  char *text = NULL;
  int flags = o->format == FMT_CSV ? NS_DIST_PRINT_ASCII : 0;
  if (st == NS_OK)
    {
      size_t len = ns_dist_snprint_readable (NULL, 0, t, flags);
      text = malloc (len + 1);
      if (text)
        ns_dist_snprint_readable (text, len + 1, t, flags);
      else
        st = NS_ENOMEM;
    }
  ns_dist_free (t);
  char name[32];
  ns_cli_deriv_name (name, sizeof name, "T", k);
  if (o->format == FMT_JSON)
    {
      fputs (", \"distributional\": ", out);
      if (text)
        ns_cli_json_str (out, text);
      else
        fputs ("null", out);
    }
  else if (o->format == FMT_CSV)
    {
      if (text)
        fprintf (out, "distributional,,%d,\"%s\",ok\n", k, text);
      else
        fprintf (out, "distributional,,%d,,%s\n", k, ns_strerror (st));
    }
  else if (text)
    fprintf (out, "distributional derivative on (%s, %s):\n  %s = %s\n",
             as, bs, name, text);
  /* A limit is named: ns_dist_exact_deriv's NS_ELIMIT is one of these. */
  if (!text && st == NS_ELIMIT)
    fprintf (c->err, PROGRAM " diff: no exact distributional derivative: %s (at most %d "
             "terms or breakpoints, %d nodes in a derivative's tree, depth %d)\n",
             ns_strerror (st), NS_DIST_MAX_TERMS, NS_FN_MAX_SIZE, NS_FN_MAX_DEPTH);
  else if (!text)
    fprintf (c->err, PROGRAM " diff: no exact distributional derivative: %s\n",
             st == NS_UNDEFINED && c->dist
             ? "a multiple zero, or a zero where the argument of delta is not smooth: "
               "not a distribution"
             : ns_strerror (st));
  int ok = text != NULL;
  free (text);
  return ok ? NS_CLI_OK : NS_CLI_FAIL;
}

int
ns_cli_run_diff (ctx *c)
{
  const opts *o = c->o;
  FILE *out = c->out;
  int k = o->order, status = NS_CLI_OK;
  char name[32];
  ns_cli_deriv_name (name, sizeof name, "f", k);

  if (c->dist)
    {
      /* A distribution has no values and no breakpoints: only its
         derivative on the range, written out. */
      char as[40], bs[40];
      ns_cli_fmt_short (as, sizeof as, o->range_a);
      ns_cli_fmt_short (bs, sizeof bs, o->range_b);
      if (o->format == FMT_JSON)
        {
          fputs ("{\"expr\": ", out);
          ns_cli_json_str (out, c->text);
          fprintf (out, ", \"order\": %d, \"range\": [", k);
          ns_cli_json_num (out, o->range_a);
          fputs (", ", out);
          ns_cli_json_num (out, o->range_b);
          fputs ("]", out);
        }
      else if (o->format == FMT_CSV)
        fputs ("what,x,order,value,status\n", out);
      else
        fprintf (out, "T = %s\n", c->text);
      if (o->nat > 0)
        fprintf (c->err, PROGRAM " diff: --at is ignored for a distribution\n");
      status = print_distributional (c, k, as, bs);
      if (o->format == FMT_JSON)
        fputs ("}\n", out);
      return status;
    }

  if (o->format == FMT_JSON)
    {
      fputs ("{\"expr\": ", out);
      ns_cli_json_str (out, c->text);
      fprintf (out, ", \"order\": %d, \"points\": [", k);
    }
  else if (o->format == FMT_CSV)
    fputs ("what,x,order,value,status\n", out);
  else
    fprintf (out, "f(x) = %s\n", c->text);

  for (int i = 0; i < o->nat; i++)
    {
      double x = o->at[i], left, right, d;
      ns_result v;
      ns_status sv = ns_fn_eval (c->f, x, &v);
      ns_status sl = ns_fn_deriv_side (c->f, x, NS_LEFT, k, &left);
      ns_status sr = ns_fn_deriv_side (c->f, x, NS_RIGHT, k, &right);
      ns_status sd = ns_fn_deriv (c->f, x, k, &d);
      char xs[40], lhs[96];
      ns_cli_fmt_short (xs, sizeof xs, x);
      if (sv != NS_OK)
        {
          status = NS_CLI_FAIL;
          fprintf (c->err, PROGRAM " diff: f(%s) %s: %s\n", xs, no_value_phrase (sv),
                   ns_strerror (sv));
        }
      if (o->format == FMT_JSON)
        {
          fputs (i > 0 ? ", {\"x\": " : "{\"x\": ", out);
          ns_cli_json_num (out, x);
          json_field (out, "value", sv, v.val);
          json_field (out, "left", sl, left);
          json_field (out, "right", sr, right);
          json_field (out, "derivative", sd, d);
          fputs ("}", out);
        }
      else if (o->format == FMT_CSV)
        {
          csv_row (out, "value", x, 0, sv, v.val);
          csv_row (out, "left", x, k, sl, left);
          csv_row (out, "right", x, k, sr, right);
          csv_row (out, "derivative", x, k, sd, d);
        }
      else
        {
          fprintf (out, "at x = %s:\n", xs);
          snprintf (lhs, sizeof lhs, "f(%s)", xs);
          text_field (out, lhs, sv, v.val);
          snprintf (lhs, sizeof lhs, "%s(%s-)", name, xs);
          text_field (out, lhs, sl, left);
          snprintf (lhs, sizeof lhs, "%s(%s+)", name, xs);
          text_field (out, lhs, sr, right);
          snprintf (lhs, sizeof lhs, "%s(%s)", name, xs);
          text_field (out, lhs, sd, d);
        }
    }

  double bp[MAX_BREAKPOINTS];
  size_t n = 0;
  ns_status sb = ns_fn_breakpoints (c->f, o->range_a, o->range_b, bp, MAX_BREAKPOINTS, &n);
  if (sb != NS_OK && sb != NS_ELIMIT)
    {
      n = 0;
      status = NS_CLI_FAIL;
      fprintf (c->err, PROGRAM " diff: cannot list the breakpoints: %s\n", ns_strerror (sb));
    }
  char as[40], bs[40];
  ns_cli_fmt_short (as, sizeof as, o->range_a);
  ns_cli_fmt_short (bs, sizeof bs, o->range_b);
  if (o->format == FMT_JSON)
    {
      fputs ("], \"range\": [", out);
      ns_cli_json_num (out, o->range_a);
      fputs (", ", out);
      ns_cli_json_num (out, o->range_b);
      fputs ("], \"breakpoints\": [", out);
    }
  else if (o->format == FMT_TEXT)
    fprintf (out, "breakpoints in [%s, %s]:%s\n", as, bs, n == 0 ? " none" : "");

  for (size_t i = 0; i < n; i++)
    {
      char xs[40];
      ns_cli_fmt_short (xs, sizeof xs, bp[i]);
      if (o->format == FMT_JSON)
        {
          fputs (i > 0 ? ", {\"x\": " : "{\"x\": ", out);
          ns_cli_json_num (out, bp[i]);
          fputs (", \"jumps\": [", out);
        }
      else if (o->format == FMT_TEXT)
        fprintf (out, "  x = %s: jumps", xs);
      for (int j = 0; j <= k; j++)
        {
          double jump;
          ns_status sj = ns_fn_jump (c->f, bp[i], j, &jump);
          /* NS_ERANGE with a NaN jump: both sides infinite, no number. */
          if (sj == NS_ERANGE && isnan (jump))
            sj = NS_UNDEFINED;
          if (o->format == FMT_JSON)
            {
              if (j > 0)
                fputs (", ", out);
              ns_cli_json_num (out, has_value (sj) ? jump : NO_VALUE);
            }
          else if (o->format == FMT_CSV)
            csv_row (out, "jump", bp[i], j, sj, jump);
          else
            {
              char dn[32], js[40];
              ns_cli_deriv_name (dn, sizeof dn, "f", j);
              if (has_value (sj))
                ns_cli_fmt_short (js, sizeof js, jump);
              else
                snprintf (js, sizeof js, "undefined");
              fprintf (out, "%s [%s] = %s", j > 0 ? "," : "", dn, js);
            }
        }
      if (o->format == FMT_JSON)
        fputs ("]}", out);
      else if (o->format == FMT_TEXT)
        putc ('\n', out);
    }
  if (o->format == FMT_JSON)
    fprintf (out, "], \"truncated\": %s", sb == NS_ELIMIT ? "true" : "false");
  else if (o->format == FMT_TEXT && sb == NS_ELIMIT)
    fprintf (out, "  (only the first %zu breakpoints are listed)\n", n);
  if (k > 0 && print_distributional (c, k, as, bs) != NS_CLI_OK)
    status = NS_CLI_FAIL;
  if (o->format == FMT_JSON)
    fputs ("}\n", out);
  return status;
}
