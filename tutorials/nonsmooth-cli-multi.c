/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth-cli-multi.c: the explorer in several variables:
   reading points and directions "X,Y[,...]", parsing EXPR as a function
   of n variables, and "diff" at a point of R^n (one-sided directional
   derivatives f'(x; d), Clarke's f°(x; d), the gradient).  Every number
   comes from a public library call (include/nonsmooth/multi.h). */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include <nonsmooth/multi.h>
#include "nonsmooth-cli.h"
#include "nonsmooth-cli-impl.h"

/* ------------------------------------------------------------------ vectors */

int
ns_cli_parse_vec (const char *s, double *v, int max)
{
  char buf[128];
  int n = 0;
  for (const char *p = s;; n++)
    {
      const char *comma = strchr (p, ',');
      size_t len = comma ? (size_t) (comma - p) : strlen (p);
      if (n >= max || len >= sizeof buf)
        return 0;
      memcpy (buf, p, len);
      buf[len] = '\0';
      if (!ns_cli_parse_real (buf, &v[n]))
        return 0;
      if (comma == NULL)
        return n + 1;
      p = comma + 1;
    }
}

int
ns_cli_is_multi (const opts *o)
{
  if (o->ndir > 0)
    return 1;
  for (int i = 0; i < o->nat; i++)
    if (o->at_text[i] != NULL && strchr (o->at_text[i], ',') != NULL)
      return 1;
  return 0;
}

/* "(1, -2)" for people, each coordinate the shortest text. */
void
ns_cli_fmt_vec (char *buf, size_t size, const double *v, int n)
{
  size_t used = 0;
  buf[0] = '\0';
  for (int i = 0; i < n && used < size; i++)
    {
      char s[40];
      ns_cli_fmt_short (s, sizeof s, v[i]);
      used += (size_t) snprintf (buf + used, size - used, "%s%s%s", i ? ", " : "(", s,
                                 i == n - 1 ? ")" : "");
    }
}

void
ns_cli_json_vec (FILE *out, const double *v, int n)
{
  putc ('[', out);
  for (int i = 0; i < n; i++)
    {
      if (i > 0)
        fputs (", ", out);
      ns_cli_json_num (out, v[i]);
    }
  putc (']', out);
}

int
ns_cli_load_mfn (ctx *c, int n, ns_mfn **out)
{
  ns_parse_error perr;
  ns_status s = ns_mfn_parse (c->o->pos[0], n, out, &perr);
  if (s == NS_OK)
    return NS_CLI_OK;
  fprintf (c->err, PROGRAM " %s: cannot parse EXPR as a function of %d variable%s: %s\n",
           c->cmd, n, n == 1 ? "" : "s", ns_strerror (s));
  if (perr.column > 0 && strlen (c->o->pos[0]) <= NS_PARSE_MAX_LENGTH)
    fprintf (c->err, "  column %d: %s\n", perr.column, perr.text);
  return s == NS_ENOMEM ? NS_CLI_FAIL : NS_CLI_USAGE;
}

/* Reads every --at as a point of R^n, N the number of coordinates of the
   first one (all must agree), into X[i*N ...]; with NEED > 0, N must be
   NEED.  Returns NS_CLI_OK or a usage error. */
static int
read_points (ctx *c, double *x, int *n)
{
  const opts *o = c->o;
  *n = 0;
  for (int i = 0; i < o->nat; i++)
    {
      double v[NS_MULTI_MAX_VARS];
      int k = ns_cli_parse_vec (o->at_text[i], v, NS_MULTI_MAX_VARS);
      if (k == 0)
        return ns_cli_usage_error (c->err, c->cmd, "--at must be X or X,Y[,...] with at most %d "
                                   "finite numbers, not '%s'", NS_MULTI_MAX_VARS, o->at_text[i]);
      if (i > 0 && k != *n)
        return ns_cli_usage_error (c->err, c->cmd, "every --at must have %d coordinates, not "
                                   "'%s'", *n, o->at_text[i]);
      *n = k;
      memcpy (x + (size_t) i * k, v, (size_t) k * sizeof *v);
    }
  return NS_CLI_OK;
}

/* ------------------------------------------------------------------ diff */

static int
has_value (ns_status s)
{
  return s == NS_OK || s == NS_ERANGE;
}

/* "KEY": value, "KEY_abserr": bound; or null and "KEY_status". */
static void
json_result (FILE *out, const char *key, ns_status s, ns_result r)
{
  fprintf (out, ", \"%s\": ", key);
  ns_cli_json_num (out, has_value (s) ? r.val : NO_VALUE);
  if (has_value (s))
    {
      fprintf (out, ", \"%s_abserr\": ", key);
      ns_cli_json_num (out, ns_cli_bound (r.err));
    }
  else
    {
      fprintf (out, ", \"%s_status\": ", key);
      ns_cli_json_str (out, ns_strerror (s));
    }
}

/* LHS after INDENT spaces, padded to column 18: printf pads bytes, so each UTF-8
   continuation byte (the degree sign of f°) widens the field by one. */
static void
text_result (FILE *out, int indent, const char *lhs, ns_status s, ns_result r)
{
  char vs[40], es[40];
  int w = 16 - indent;
  for (const unsigned char *p = (const unsigned char *) lhs; *p; p++)
    w += (*p & 0xC0) == 0x80;
  fprintf (out, "%*s%-*s ", indent, "", w, lhs);
  if (s == NS_ERANGE)
    fprintf (out, "= %s (infinite)\n", r.val > 0 ? "+inf" : "-inf");
  else if (has_value (s))
    {
      ns_cli_fmt_short (vs, sizeof vs, r.val);
      ns_cli_fmt_err (es, sizeof es, ns_cli_bound (r.err));
      fprintf (out, "= %s ± %s\n", vs, es);
    }
  else if (s == NS_EDOM || s == NS_UNDEFINED)
    fprintf (out, "does not exist: %s\n", ns_strerror (s));
  else
    fprintf (out, "cannot be computed: %s\n", ns_strerror (s));
}

static void
csv_result (FILE *out, const char *what, const char *xs, const char *ds, ns_status s,
            ns_result r)
{
  fprintf (out, "%s,", what);
  ns_cli_csv_str (out, xs);
  putc (',', out);
  ns_cli_csv_str (out, ds);
  putc (',', out);
  if (has_value (s))
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

/* The gradient at X: printed with its bounds when f is certified
   differentiable there, else why not. */
static void
print_gradient (ctx *c, const ns_mfn *f, const double *x, int n, const char *xs)
{
  FILE *out = c->out;
  ns_result g[NS_MULTI_MAX_VARS];
  ns_status s = ns_mfn_gradient (f, x, g);
  double gv[NS_MULTI_MAX_VARS], ge[NS_MULTI_MAX_VARS];
  for (int j = 0; j < n; j++)
    {
      gv[j] = g[j].val;
      ge[j] = ns_cli_bound (g[j].err);
    }
  if (c->o->format == FMT_JSON)
    {
      fputs (", \"gradient\": ", out);
      if (s == NS_OK)
        {
          ns_cli_json_vec (out, gv, n);
          fputs (", \"gradient_abserr\": ", out);
          ns_cli_json_vec (out, ge, n);
        }
      else
        {
          fputs ("null, \"gradient_status\": ", out);
          ns_cli_json_str (out, ns_strerror (s));
        }
    }
  else if (c->o->format == FMT_CSV)
    for (int j = 0; j < n; j++)
      {
        char what[32];
        snprintf (what, sizeof what, "gradient_%d", j + 1);
        csv_result (out, what, xs, "", s, g[j]);
      }
  else if (s == NS_OK)
    {
      char gs[1024], es[40];
      double emax = 0;
      for (int j = 0; j < n; j++)
        emax = fmax (emax, ge[j]);
      ns_cli_fmt_vec (gs, sizeof gs, gv, n);
      ns_cli_fmt_err (es, sizeof es, emax);
      fprintf (out, "  %-14s = %s ± %s (each coordinate)\n", "grad f(x)", gs, es);
    }
  else if (s == NS_UNDEFINED)
    fprintf (out, "  %-14s does not exist: f is not differentiable at %s\n", "grad f(x)", xs);
  else
    fprintf (out, "  %-14s cannot be computed: %s\n", "grad f(x)", ns_strerror (s));
}

int
ns_cli_run_diff_multi (ctx *c)
{
  const opts *o = c->o;
  FILE *out = c->out;
  if (o->nat == 0)
    return ns_cli_usage_error (c->err, c->cmd, "needs --at X,Y[,...] in several variables");
  if (o->order_given && o->order != 1)
    return ns_cli_usage_error (c->err, c->cmd, "--order must be 1 in several variables");
  double *x = malloc ((size_t) o->nat * NS_MULTI_MAX_VARS * sizeof *x);
  double *d = malloc ((size_t) (o->ndir + 1) * NS_MULTI_MAX_VARS * sizeof *d);
  ns_mfn *f = NULL;
  int n = 0, status = NS_CLI_OK;
  if (x == NULL || d == NULL)
    {
      fprintf (c->err, PROGRAM " diff: %s\n", ns_strerror (NS_ENOMEM));
      status = NS_CLI_FAIL;
      goto done;
    }
  if ((status = read_points (c, x, &n)) != NS_CLI_OK)
    goto done;
  for (int k = 0; k < o->ndir; k++)
    if (ns_cli_parse_vec (o->dir[k], d + (size_t) k * n, n) != n)
      {
        status = ns_cli_usage_error (c->err, c->cmd, "--dir must have %d finite coordinate%s "
                                     "like --at, not '%s'", n, n == 1 ? "" : "s", o->dir[k]);
        goto done;
      }
  if ((status = ns_cli_load_mfn (c, n, &f)) != NS_CLI_OK)
    goto done;

  if (o->format == FMT_JSON)
    {
      fputs ("{\"expr\": ", out);
      ns_cli_json_str (out, o->pos[0]);
      fprintf (out, ", \"nvars\": %d, \"points\": [", n);
    }
  else if (o->format == FMT_CSV)
    fputs ("what,x,d,value,abserr,status\n", out);
  else
    fprintf (out, "f = %s, a function of %d variable%s\n", o->pos[0], n, n == 1 ? "" : "s");

  for (int i = 0; i < o->nat; i++)
    {
      const double *xi = x + (size_t) i * n;
      char xs[1024];
      ns_cli_fmt_vec (xs, sizeof xs, xi, n);
      ns_result v;
      ns_status sv = ns_mfn_eval (f, xi, &v);
      if (sv != NS_OK)
        {
          status = NS_CLI_FAIL;
          fprintf (c->err, PROGRAM " diff: f%s %s: %s\n", xs,
                   sv == NS_EDOM || sv == NS_UNDEFINED || sv == NS_ERANGE
                   ? "is not defined" : "cannot be computed", ns_strerror (sv));
        }
      if (o->format == FMT_JSON)
        {
          fputs (i > 0 ? ", {\"x\": " : "{\"x\": ", out);
          ns_cli_json_vec (out, xi, n);
          json_result (out, "value", sv, v);
        }
      else if (o->format == FMT_CSV)
        csv_result (out, "value", xs, "", sv, v);
      else
        {
          fprintf (out, "at x = %s:\n", xs);
          text_result (out, 2, "f(x)", sv, v);
        }
      if (o->ndir == 0)
        print_gradient (c, f, xi, n, xs);
      else if (o->format == FMT_JSON)
        fputs (", \"directions\": [", out);
      for (int k = 0; k < o->ndir; k++)
        {
          const double *dk = d + (size_t) k * n;
          ns_result dd, cd;
          ns_status sd = ns_mfn_dirderiv (f, xi, dk, &dd);
          ns_status sc = ns_mfn_clarke_dirderiv (f, xi, dk, &cd);
          char ds[1024];
          ns_cli_fmt_vec (ds, sizeof ds, dk, n);
          if (o->format == FMT_JSON)
            {
              fputs (k > 0 ? ", {\"d\": " : "{\"d\": ", out);
              ns_cli_json_vec (out, dk, n);
              json_result (out, "derivative", sd, dd);
              json_result (out, "clarke", sc, cd);
              putc ('}', out);
            }
          else if (o->format == FMT_CSV)
            {
              csv_result (out, "derivative", xs, ds, sd, dd);
              csv_result (out, "clarke", xs, ds, sc, cd);
            }
          else
            {
              fprintf (out, "  along d = %s:\n", ds);
              text_result (out, 4, "f'(x; d)", sd, dd);
              text_result (out, 4, "f°(x; d)", sc, cd);
            }
        }
      if (o->format == FMT_JSON)
        fputs (o->ndir > 0 ? "]}" : "}", out);
    }
  if (o->format == FMT_JSON)
    fputs ("]}\n", out);

done:
  ns_mfn_free (f);
  free (x);
  free (d);
  return status;
}
