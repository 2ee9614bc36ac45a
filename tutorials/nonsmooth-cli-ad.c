/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth-cli-ad.c: the explorer's commands "ad" (derivatives
   under the kink conventions of AD frameworks, in reverse or forward mode,
   next to the Clarke set) and
   "minimize" (the subgradient method's trace with its optimality
   certificate).  Every number comes from a public library call. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "nonsmooth-cli.h"
#include "nonsmooth-cli-impl.h"

#define MAX_POINTS (MAX_AT + MAX_POS)  /* ad: --at points and extra arguments */
#define DEFAULT_POLICY "pytorch"
#define DEFAULT_MODE "reverse"
#define MAX_STEPS 100000               /* minimize: bounded work */
#define DEFAULT_STEPS 20
#define DEFAULT_STEP "1/k"
#define CELL 48                        /* one formatted number, with room */

/* ------------------------------------------------------------------ ad */

/* An ns_ad_deriv status that comes with a number (possibly infinite). */
static int
deriv_exists (ns_status s)
{
  return s == NS_OK || s == NS_ERANGE;
}

/* The value exists unless f itself is not defined at x. */
static int
value_exists (ns_status s)
{
  return s == NS_OK || s == NS_ERANGE || s == NS_UNDEFINED;
}

static void
json_set (FILE *out, const ns_set *s)
{
  putc ('[', out);
  for (int i = 0; i < s->n; i++)
    {
      fputs (i > 0 ? ", [" : "[", out);
      ns_cli_json_num (out, s->piece[i].lo);
      fputs (", ", out);
      ns_cli_json_num (out, s->piece[i].hi);
      putc (']', out);
    }
  putc (']', out);
}

/* One evaluation: a preset at a point. */
typedef struct ad_row {
  double x;
  const char *policy;     /* the preset's name */
  ns_status status;       /* of ns_ad_deriv */
  double value, deriv;
  int in_clarke;          /* all only: 1, 0, or -1 when either does not exist */
} ad_row;

/* The keys of one row, without the braces. */
static void
ad_json_keys (FILE *out, const ad_row *r, int with_clarke, const ns_set *clarke,
              ns_status clarke_status)
{
  fputs ("\"x\": ", out);
  ns_cli_json_num (out, r->x);
  fputs (", \"policy\": ", out);
  ns_cli_json_str (out, r->policy);
  fputs (", \"value\": ", out);
  ns_cli_json_num (out, value_exists (r->status) ? r->value : NO_VALUE);
  fputs (", \"derivative\": ", out);
  ns_cli_json_num (out, deriv_exists (r->status) ? r->deriv : NO_VALUE);
  if (!deriv_exists (r->status))
    {
      fputs (", \"status\": ", out);
      ns_cli_json_str (out, ns_strerror (r->status));
    }
  if (with_clarke)
    {
      fprintf (out, ", \"in_clarke\": %s, \"clarke\": ",
               r->in_clarke < 0 ? "null" : r->in_clarke ? "true" : "false");
      if (clarke_status == NS_OK)
        json_set (out, clarke);
      else
        {
          fputs ("null, \"clarke_status\": ", out);
          ns_cli_json_str (out, ns_strerror (clarke_status));
        }
    }
}

static void
ad_json_row (FILE *out, const ad_row *r, int with_clarke, const ns_set *clarke,
             ns_status clarke_status)
{
  putc ('{', out);
  ad_json_keys (out, r, with_clarke, clarke, clarke_status);
  putc ('}', out);
}

static void
ad_csv_row (FILE *out, const ad_row *r, int with_clarke)
{
  ns_cli_csv_num (out, r->x);
  fprintf (out, ",%s,", r->policy);
  if (value_exists (r->status))
    ns_cli_csv_num (out, r->value);
  putc (',', out);
  if (deriv_exists (r->status))
    ns_cli_csv_num (out, r->deriv);
  putc (',', out);
  if (with_clarke && r->in_clarke >= 0)
    fputs (r->in_clarke ? "true" : "false", out);
  if (with_clarke)
    putc (',', out);
  if (deriv_exists (r->status))
    fputs ("ok", out);
  else
    ns_cli_csv_str (out, ns_strerror (r->status));
  putc ('\n', out);
}

/* The text cells of a row: x, policy, f(x), f'(x), in Clarke. */
static void
ad_text_cells (const ad_row *r, char cell[5][CELL])
{
  ns_cli_fmt_short (cell[0], CELL, r->x);
  snprintf (cell[1], CELL, "%s", r->policy);
  if (value_exists (r->status))
    ns_cli_fmt_short (cell[2], CELL, r->value);
  else
    snprintf (cell[2], CELL, "undefined");
  if (deriv_exists (r->status))
    ns_cli_fmt_short (cell[3], CELL, r->deriv);
  else
    snprintf (cell[3], CELL, "undefined");
  snprintf (cell[4], CELL, "%s", r->in_clarke < 0 ? "-" : r->in_clarke ? "yes" : "NO");
}

/* Prints ROWS as an aligned table with the columns in COLS (indices into
   the cells of ad_text_cells) under HEADS. */
static void
ad_text_table (FILE *out, const ad_row *rows, int n, const int *cols, int ncols,
               const char *const *heads)
{
  int width[5] = { 0 };
  char cell[5][CELL];
  for (int j = 0; j < ncols; j++)
    width[j] = (int) strlen (heads[j]);
  for (int i = 0; i < n; i++)
    {
      ad_text_cells (&rows[i], cell);
      for (int j = 0; j < ncols; j++)
        if ((int) strlen (cell[cols[j]]) > width[j])
          width[j] = (int) strlen (cell[cols[j]]);
    }
  fputs (" ", out);
  for (int j = 0; j + 1 < ncols; j++)
    fprintf (out, " %-*s ", width[j], heads[j]);
  fprintf (out, " %s\n", heads[ncols - 1]);
  for (int i = 0; i < n; i++)
    {
      ad_text_cells (&rows[i], cell);
      fputs (" ", out);
      for (int j = 0; j + 1 < ncols; j++)
        fprintf (out, " %-*s ", width[j], cell[cols[j]]);
      fprintf (out, " %s\n", cell[cols[ncols - 1]]);
    }
}

/* Why each undefined row has no derivative, after the table; once per
   point when f itself is not defined there. */
static void
ad_text_reasons (FILE *out, const ad_row *rows, int n)
{
  for (int i = 0; i < n; i++)
    if (!deriv_exists (rows[i].status))
      {
        char xs[CELL];
        ns_cli_fmt_short (xs, sizeof xs, rows[i].x);
        if (value_exists (rows[i].status))
          fprintf (out, "  %s at x = %s: %s\n", rows[i].policy, xs,
                   ns_strerror (rows[i].status));
        else if (i == 0 || rows[i - 1].x != rows[i].x || value_exists (rows[i - 1].status))
          fprintf (out, "  f(%s) is not defined: %s\n", xs, ns_strerror (rows[i].status));
      }
}

/* ad --policy all at one point: every preset, the Clarke set, the flags. */
static int
ad_all (ctx *c, double x, ns_ad_mode mode, int first)
{
  FILE *out = c->out;
  ns_set clarke;
  ns_status clarke_status;
  ns_ad_row cmp[NS_AD_PRESET_COUNT];
  ad_row rows[NS_AD_PRESET_COUNT];
  ns_status s = ns_ad_compare (c->f, x, mode, &clarke, &clarke_status, cmp, NS_AD_PRESET_COUNT);
  if (s != NS_OK)
    {
      fprintf (c->err, PROGRAM " ad: %s\n", ns_strerror (s));
      return NS_CLI_FAIL;
    }
  int nder = 0;
  for (int p = 0; p < NS_AD_PRESET_COUNT; p++)
    {
      ns_kink_policy pol;
      NS_KINK_POLICY_INIT (&pol, cmp[p].preset);
      ad_row *r = &rows[p];
      r->x = x;
      r->policy = pol.name;
      r->status = ns_ad_deriv (c->f, x, &pol, mode, &r->value, &r->deriv);
      r->in_clarke = cmp[p].in_clarke;
      nder += deriv_exists (r->status);
    }

  if (c->o->format == FMT_JSON)
    for (int p = 0; p < NS_AD_PRESET_COUNT; p++)
      {
        if (!first || p > 0)
          fputs (", ", out);
        ad_json_row (out, &rows[p], 1, &clarke, clarke_status);
      }
  else if (c->o->format == FMT_CSV)
    for (int p = 0; p < NS_AD_PRESET_COUNT; p++)
      ad_csv_row (out, &rows[p], 1);
  else
    {
      char xs[CELL], buf[512];
      static const int cols[] = { 1, 2, 3, 4 };
      static const char *const heads[] = { "policy", "f(x)", "f'(x)", "in Clarke" };
      ns_cli_fmt_short (xs, sizeof xs, x);
      if (clarke_status == NS_OK)
        ns_set_snprint (buf, sizeof buf, &clarke, 0);
      else
        snprintf (buf, sizeof buf, "undefined: %s", ns_strerror (clarke_status));
      fprintf (out, "at x = %s: Clarke set %s\n", xs, buf);
      ad_text_table (out, rows, NS_AD_PRESET_COUNT, cols, 4, heads);
      ad_text_reasons (out, rows, NS_AD_PRESET_COUNT);
    }
  if (nder == 0)
    {
      char xs[CELL];
      ns_cli_fmt_short (xs, sizeof xs, x);
      fprintf (c->err, PROGRAM " ad: no preset has a derivative at %s: %s\n", xs,
               ns_strerror (rows[0].status));
      return NS_CLI_FAIL;
    }
  return NS_CLI_OK;
}

int
ns_cli_run_ad (ctx *c)
{
  const opts *o = c->o;
  FILE *out = c->out;
  double x[MAX_POINTS];
  int n = 0;
  const char *pname = o->policy ? o->policy : DEFAULT_POLICY;
  int all = strcmp (pname, "all") == 0;
  ns_ad_preset preset = all ? NS_AD_PYTORCH : ns_kink_policy_lookup (pname);
  if (preset == NS_AD_PRESET_COUNT)
    return ns_cli_usage_error (c->err, c->cmd,
                               "--policy must be pytorch, tensorflow, keras, jax, sympy, left, "
                               "right, average, min-norm, undefined or all, not '%s'",
                               pname);
  const char *mname = o->mode ? o->mode : DEFAULT_MODE;
  ns_ad_mode mode;
  if (strcmp (mname, "reverse") == 0)
    mode = NS_AD_REVERSE;
  else if (strcmp (mname, "forward") == 0)
    mode = NS_AD_FORWARD;
  else
    return ns_cli_usage_error (c->err, c->cmd, "--mode must be reverse or forward, not '%s'",
                               mname);
  for (int i = 0; i < o->nat; i++)
    x[n++] = o->at[i];
  for (int i = 1; i < o->npos; i++)
    if (!ns_cli_parse_real (o->pos[i], &x[n++]))
      return ns_cli_usage_error (c->err, c->cmd, "X must be a finite number, not '%s'%s",
                                 o->pos[i], ns_cli_real_hint (o->pos[i]));
  if (n == 0)
    return ns_cli_usage_error (c->err, c->cmd, "needs --at X (the points)");

  int status = NS_CLI_OK;
  if (all)
    {
      if (o->format == FMT_JSON)
        {
          fputs ("{\"expr\": ", out);
          ns_cli_json_str (out, c->text);
          fprintf (out, ", \"mode\": \"%s\", \"results\": [", mname);
        }
      else if (o->format == FMT_CSV)
        fputs ("x,policy,value,derivative,in_clarke,status\n", out);
      else
        fprintf (out, "f(x) = %s, %s mode\n", c->text, mname);
      for (int i = 0; i < n; i++)
        if (ad_all (c, x[i], mode, i == 0) != NS_CLI_OK)
          status = NS_CLI_FAIL;
      if (o->format == FMT_JSON)
        fputs ("]}\n", out);
      return status;
    }

  ns_kink_policy pol;
  NS_KINK_POLICY_INIT (&pol, preset);
  ad_row rows[MAX_POINTS];
  for (int i = 0; i < n; i++)
    {
      rows[i].x = x[i];
      rows[i].policy = pol.name;
      rows[i].status = ns_ad_deriv (c->f, x[i], &pol, mode, &rows[i].value, &rows[i].deriv);
      rows[i].in_clarke = -1;
      if (!deriv_exists (rows[i].status))
        {
          char xs[CELL];
          ns_cli_fmt_short (xs, sizeof xs, x[i]);
          status = NS_CLI_FAIL;
          fprintf (c->err, PROGRAM " ad: f'(%s) under %s is not defined: %s\n", xs, pol.name,
                   ns_strerror (rows[i].status));
        }
    }
  if (o->format == FMT_JSON)
    {
      fputs ("{\"expr\": ", out);
      ns_cli_json_str (out, c->text);
      fprintf (out, ", \"mode\": \"%s\"", mname);
      if (n == 1)
        {
          /* The single object: the row's keys at the top level. */
          fputs (", ", out);
          ad_json_keys (out, &rows[0], 0, NULL, NS_OK);
          fputs ("}\n", out);
        }
      else
        {
          fputs (", \"results\": [", out);
          for (int i = 0; i < n; i++)
            {
              if (i > 0)
                fputs (", ", out);
              ad_json_row (out, &rows[i], 0, NULL, NS_OK);
            }
          fputs ("]}\n", out);
        }
    }
  else if (o->format == FMT_CSV)
    {
      fputs ("x,policy,value,derivative,status\n", out);
      for (int i = 0; i < n; i++)
        ad_csv_row (out, &rows[i], 0);
    }
  else
    {
      static const int cols[] = { 0, 2, 3 };
      static const char *const heads[] = { "x", "f(x)", "f'(x)" };
      fprintf (out, "f(x) = %s under the %s convention, %s mode\n", c->text, pol.name, mname);
      ad_text_table (out, rows, n, cols, 3, heads);
      ad_text_reasons (out, rows, n);
    }
  return status;
}

/* ad in several variables: a point X,Y,..., a network (--net) or an
   expression in y, z or x1 ... goes to nonsmooth-cli-mad.c, which reads
   its own command line; everything else stays here, unchanged. */
int
ns_cli_ad_dispatch (int argc, const char *const *argv, FILE *out, FILE *err, int *status)
{
  if (!ns_cli_ad_argv_is_multi (argc, argv))
    return 0;
  *status = ns_cli_run_ad_multi (argc, argv, out, err);
  return 1;
}

/* ------------------------------------------------------------------ minimize */

/* Reads --step: "1/k" or "A/k" (harmonic), "const:A", "polyak:FSTAR". */
int
ns_cli_parse_step (const char *s, ns_step_rule *rule)
{
  char buf[128];
  size_t len = strlen (s);
  rule->a = 1;
  rule->fstar = 0;
  if (len > 2 && len < sizeof buf && strcmp (s + len - 2, "/k") == 0)
    {
      memcpy (buf, s, len - 2);
      buf[len - 2] = '\0';
      rule->kind = NS_STEP_HARMONIC;
      return ns_cli_parse_real (buf, &rule->a) && rule->a > 0;
    }
  if (strncmp (s, "const:", 6) == 0)
    {
      rule->kind = NS_STEP_CONSTANT;
      return ns_cli_parse_real (s + 6, &rule->a) && rule->a > 0;
    }
  if (strncmp (s, "polyak:", 7) == 0)
    {
      rule->kind = NS_STEP_POLYAK;
      return ns_cli_parse_real (s + 7, &rule->fstar);
    }
  return 0;
}

static int
parse_select (const char *s, ns_selection *sel)
{
  static const ns_selection_kind kinds[] = { NS_SELECT_MIN_NORM, NS_SELECT_ZERO,
                                             NS_SELECT_LEFT, NS_SELECT_RIGHT };
  sel->fn = NULL;
  sel->data = NULL;
  for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++)
    if (strcmp (s, ns_selection_kind_name (kinds[i])) == 0)
      {
        sel->kind = kinds[i];
        return 1;
      }
  return 0;
}

/* The text cells of row K of the trace: k, x_k, f(x_k), g_k, best_k. */
static void
trace_cells (const ns_subgradient_trace *tr, size_t k, char cell[5][CELL])
{
  snprintf (cell[0], CELL, "%zu", k);
  ns_cli_fmt_short (cell[1], CELL, tr->x[k]);
  ns_cli_fmt_short (cell[2], CELL, tr->fx[k]);
  if (isnan (tr->g[k]))
    snprintf (cell[3], CELL, "undefined");
  else
    ns_cli_fmt_short (cell[3], CELL, tr->g[k]);
  ns_cli_fmt_short (cell[4], CELL, tr->best[k]);
}

static void
trace_text (FILE *out, const ns_subgradient_trace *tr)
{
  static const char *const heads[5] = { "k", "x_k", "f(x_k)", "g_k", "best" };
  int width[5];
  char cell[5][CELL];
  for (int j = 0; j < 5; j++)
    width[j] = (int) strlen (heads[j]);
  for (size_t k = 0; k <= tr->n; k++)
    {
      trace_cells (tr, k, cell);
      for (int j = 0; j < 5; j++)
        if ((int) strlen (cell[j]) > width[j])
          width[j] = (int) strlen (cell[j]);
    }
  fprintf (out, "  %*s  %-*s  %-*s  %-*s  %s\n", width[0], heads[0], width[1], heads[1],
           width[2], heads[2], width[3], heads[3], heads[4]);
  for (size_t k = 0; k <= tr->n; k++)
    {
      trace_cells (tr, k, cell);
      fprintf (out, "  %*s  %-*s  %-*s  %-*s  %s\n", width[0], cell[0], width[1], cell[1],
               width[2], cell[2], width[3], cell[3], cell[4]);
    }
}

/* The first k with a certificate, or -1. */
static long
first_certified (const ns_subgradient_trace *tr)
{
  for (size_t k = 0; k <= tr->n; k++)
    if (tr->certified[k])
      return (long) k;
  return -1;
}

static void
json_array (FILE *out, const double *v, size_t from, size_t to)
{
  putc ('[', out);
  for (size_t k = from; k <= to; k++)
    {
      if (k > from)
        fputs (", ", out);
      ns_cli_json_num (out, v[k]);
    }
  putc (']', out);
}

int
ns_cli_run_minimize (ctx *c)
{
  const opts *o = c->o;
  FILE *out = c->out;
  double x0;
  int steps = DEFAULT_STEPS;
  const char *step_text = o->step ? o->step : DEFAULT_STEP;
  ns_step_rule rule;
  ns_selection sel = { NS_SELECT_MIN_NORM, NULL, NULL };
  if (o->x0 == NULL)
    return ns_cli_usage_error (c->err, c->cmd, "needs --x0 X (the starting point)");
  if (!ns_cli_parse_real (o->x0, &x0))
    return ns_cli_usage_error (c->err, c->cmd, "--x0 must be a finite number, not '%s'%s", o->x0,
                               ns_cli_real_hint (o->x0));
  if (o->steps && !ns_cli_parse_int (o->steps, 1, MAX_STEPS, &steps))
    return ns_cli_usage_error (c->err, c->cmd, "--steps must be an integer 1..%d, not '%s'",
                               MAX_STEPS, o->steps);
  if (!ns_cli_parse_step (step_text, &rule))
    return ns_cli_usage_error (c->err, c->cmd,
                               "--step must be 1/k, A/k, const:A (A finite and > 0) or "
                               "polyak:FSTAR (FSTAR finite), not '%s'",
                               step_text);
  if (o->select && !parse_select (o->select, &sel))
    return ns_cli_usage_error (c->err, c->cmd,
                               "--select must be min-norm, zero, left or right, not '%s'",
                               o->select);

  ns_subgradient_trace *tr = ns_subgradient_trace_alloc ((size_t) steps);
  if (tr == NULL)
    {
      fprintf (c->err, PROGRAM " minimize: %s\n", ns_strerror (NS_ENOMEM));
      return NS_CLI_FAIL;
    }
  /* On failure only x[0..n] are promised: the rest start as NaN, printed
     as "undefined" or null, never as whatever the memory held. */
  for (size_t k = 0; k <= (size_t) steps; k++)
    {
      tr->x[k] = tr->fx[k] = tr->best[k] = tr->g[k] = tr->t[k] = NO_VALUE;
      tr->certified[k] = tr->in_set[k] = 0;
    }
  tr->best_x = NO_VALUE;
  ns_status s = ns_subgradient_method (c->f, x0, &rule, &sel, (size_t) steps, tr);
  size_t n = tr->n;
  /* The best value over the iterates where f is defined (f(x_n) is not
     when the method stopped there), and the first iterate attaining it. */
  size_t bn = n;
  while (bn > 0 && isnan (tr->best[bn]))
    bn--;
  double best = tr->best[bn], best_x = NO_VALUE;
  for (size_t k = 0; k <= bn && !isnan (best); k++)
    if (tr->fx[k] == best)
      {
        best_x = tr->x[k];
        break;
      }
  long cert = first_certified (tr);
  char xs[CELL], bs[CELL], bxs[CELL];
  ns_cli_fmt_short (xs, sizeof xs, x0);

  if (o->format == FMT_JSON)
    {
      fputs ("{\"expr\": ", out);
      ns_cli_json_str (out, c->text);
      fputs (", \"x0\": ", out);
      ns_cli_json_num (out, x0);
      fputs (", \"step\": ", out);
      ns_cli_json_str (out, step_text);
      fputs (", \"select\": ", out);
      ns_cli_json_str (out, ns_selection_kind_name (sel.kind));
      fputs (", \"iterates\": ", out);
      if (n > 0)
        json_array (out, tr->x, 1, n);
      else
        fputs ("[]", out);
      fputs (", \"values\": ", out);
      if (n > 0)
        json_array (out, tr->fx, 1, n);
      else
        fputs ("[]", out);
      fputs (", \"subgradients\": ", out);
      if (n > 0)
        json_array (out, tr->g, 0, n - 1);
      else
        fputs ("[]", out);
      fputs (", \"best\": ", out);
      ns_cli_json_num (out, best);
      fputs (", \"best_x\": ", out);
      ns_cli_json_num (out, best_x);
      fputs (", \"certified\": ", out);
      if (cert >= 0)
        {
          fprintf (out, "{\"k\": %ld, \"x\": ", cert);
          ns_cli_json_num (out, tr->x[cert]);
          putc ('}', out);
        }
      else
        fputs ("null", out);
      if (s != NS_OK)
        {
          fputs (", \"status\": ", out);
          ns_cli_json_str (out, ns_strerror (s));
        }
      fputs ("}\n", out);
    }
  else if (o->format == FMT_CSV)
    {
      fputs ("k,x,value,subgradient,best,certified\n", out);
      for (size_t k = 0; k <= n; k++)
        {
          fprintf (out, "%zu,", k);
          ns_cli_csv_num (out, tr->x[k]);
          putc (',', out);
          ns_cli_csv_num (out, tr->fx[k]);
          putc (',', out);
          if (!isnan (tr->g[k]))
            ns_cli_csv_num (out, tr->g[k]);
          putc (',', out);
          ns_cli_csv_num (out, tr->best[k]);
          fprintf (out, ",%s\n", tr->certified[k] ? "true" : "false");
        }
    }
  else
    {
      fprintf (out, "minimize f(x) = %s from x0 = %s\n", c->text, xs);
      fprintf (out, "step t_k = %s, selection %s, %d steps; x_k = x_{k-1} - t_k g_{k-1}\n",
               step_text, ns_selection_kind_name (sel.kind), steps);
      trace_text (out, tr);
      ns_cli_fmt_short (bs, sizeof bs, best);
      ns_cli_fmt_short (bxs, sizeof bxs, best_x);
      if (isnan (best))
        fputs ("best: none (f is not defined at any iterate)\n", out);
      else
        fprintf (out, "best: f = %s at x = %s\n", bs, bxs);
      if (cert >= 0)
        {
          char cx[CELL], set[512];
          ns_set d;
          ns_cli_fmt_short (cx, sizeof cx, tr->x[cert]);
          if (ns_subdiff (c->f, tr->x[cert], NS_SUBDIFF_CONVEX, &d) == NS_OK)
            ns_set_snprint (set, sizeof set, &d, 0);
          else
            snprintf (set, sizeof set, "a set containing 0");
          fprintf (out,
                   "certificate: f is convex and 0 is in df(x_%ld) = %s,\n"
                   "  so x_%ld = %s is a minimizer and min f = f(x_%ld) = ",
                   cert, set, cert, cx, cert);
          ns_cli_fmt_short (cx, sizeof cx, tr->fx[cert]);
          fprintf (out, "%s\n", cx);
        }
      else if (tr->convex)
        fputs ("no certificate: f is convex, but 0 is in df(x_k) at no iterate\n", out);
      else
        fputs ("no certificate: f is not certified convex\n", out);
    }
  if (s == NS_EINVAL && rule.kind == NS_STEP_POLYAK && tr->fx[n] < rule.fstar)
    {
      /* The only way a checked request fails with NS_EINVAL. */
      char fs[CELL], ss[CELL];
      ns_cli_fmt_short (fs, sizeof fs, tr->fx[n]);
      ns_cli_fmt_short (ss, sizeof ss, rule.fstar);
      fprintf (c->err,
               PROGRAM " minimize: stopped after %zu steps: f(x_%zu) = %s is below FSTAR = %s;"
                       " Polyak's step needs FSTAR <= min f\n",
               n, n, fs, ss);
    }
  else if (s != NS_OK)
    fprintf (c->err, PROGRAM " minimize: stopped after %zu steps: %s\n", n, ns_strerror (s));
  ns_subgradient_trace_free (tr);
  return s == NS_OK ? NS_CLI_OK : NS_CLI_FAIL;
}
