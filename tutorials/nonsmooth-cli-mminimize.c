/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth-cli-mminimize.c: the explorer's "minimize" in several
   variables (--x0 X,Y[,...]): the trace of ns_mfn_subgradient_method in
   text, JSON (the names of the one-variable command, vectors for numbers)
   and CSV, with the stationarity certificate of the best iterate. */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "nonsmooth-cli.h"
#include "nonsmooth-cli-impl.h"

#define MAX_STEPS 100000
#define DEFAULT_STEPS 20
#define DEFAULT_STEP "1/k"
#define CELL 2048

/* --step: "A/sqrt(k)" here, every other form as in one variable. */
static int
parse_step (const char *s, ns_step_rule *rule)
{
  static const char tail[] = "/sqrt(k)";
  size_t len = strlen (s), tl = sizeof tail - 1;
  if (len > tl && len < 128 && strcmp (s + len - tl, tail) == 0)
    {
      char buf[128];
      memcpy (buf, s, len - tl);
      buf[len - tl] = '\0';
      rule->kind = NS_STEP_SQRT;
      rule->fstar = 0;
      return ns_cli_parse_real (buf, &rule->a) && rule->a > 0;
    }
  return ns_cli_parse_step (s, rule);
}

/* --select: min-norm, direction, random or random:SEED, or a framework
   preset by its AD name (pytorch, tensorflow, keras, jax, ...; ad:NAME for
   any preset, ad:min-norm included, whose bare name is the Clarke
   selection), whose reverse-mode gradient POLICY then holds. */
static int
parse_select (const char *s, ns_mselection *sel, ns_kink_policy *policy)
{
  sel->seed = 1;
  sel->policy = NULL;
  sel->mode = NS_AD_REVERSE;
  if (strcmp (s, "min-norm") == 0)
    sel->kind = NS_MSELECT_MIN_NORM;
  else if (strcmp (s, "direction") == 0)
    sel->kind = NS_MSELECT_DIRECTION;
  else if (strcmp (s, "random") == 0)
    sel->kind = NS_MSELECT_RANDOM_VERTEX;
  else if (strncmp (s, "random:", 7) == 0)
    {
      int seed;
      sel->kind = NS_MSELECT_RANDOM_VERTEX;
      if (!ns_cli_parse_int (s + 7, 0, 2147483647, &seed))
        return 0;
      sel->seed = (unsigned long) seed;
    }
  else
    {
      ns_ad_preset p = ns_kink_policy_lookup (strncmp (s, "ad:", 3) == 0 ? s + 3 : s);
      if (p == NS_AD_PRESET_COUNT || NS_KINK_POLICY_INIT (policy, p) != NS_OK)
        return 0;
      sel->kind = NS_MSELECT_AD;
      sel->policy = policy;
    }
  return 1;
}

/* The vectors FROM ... TO of the trace array V (N entries each). */
static void
json_vecs (FILE *out, const double *v, int n, size_t from, size_t to, size_t count)
{
  putc ('[', out);
  for (size_t k = from; k <= to && count > 0; k++)
    {
      if (k > from)
        fputs (", ", out);
      ns_cli_json_vec (out, v + k * (size_t) n, n);
    }
  putc (']', out);
}

static void
trace_text (FILE *out, const ns_mfn_trace *tr)
{
  static const char *const heads[5] = { "k", "x_k", "f(x_k)", "g_k", "best" };
  int width[5];
  char cell[5][CELL];
  for (int pass = 0; pass < 2; pass++)
    {
      if (pass == 0)
        for (int j = 0; j < 5; j++)
          width[j] = (int) strlen (heads[j]);
      else
        fprintf (out, "  %*s  %-*s  %-*s  %-*s  %s\n", width[0], heads[0], width[1], heads[1],
                 width[2], heads[2], width[3], heads[3], heads[4]);
      for (size_t k = 0; k <= tr->steps; k++)
        {
          snprintf (cell[0], CELL, "%zu", k);
          ns_cli_fmt_vec (cell[1], CELL, tr->x + k * (size_t) tr->n, tr->n);
          ns_cli_fmt_short (cell[2], CELL, tr->fx[k]);
          ns_cli_fmt_vec (cell[3], CELL, tr->g + k * (size_t) tr->n, tr->n);
          ns_cli_fmt_short (cell[4], CELL, tr->best[k]);
          if (pass == 0)
            for (int j = 0; j < 5; j++)
              {
                if ((int) strlen (cell[j]) > width[j])
                  width[j] = (int) strlen (cell[j]);
              }
          else
            fprintf (out, "  %*s  %-*s  %-*s  %-*s  %s\n", width[0], cell[0], width[1], cell[1],
                     width[2], cell[2], width[3], cell[3], cell[4]);
        }
    }
}

/* The certificate in words. */
static void
cert_text (FILE *out, const ns_mfn_trace *tr)
{
  const ns_stationarity *s = &tr->cert;
  char xs[CELL], v[CELL], e[64];
  int n = tr->n;
  ns_cli_fmt_vec (xs, sizeof xs, tr->x + tr->best_k * (size_t) n, n);
  if (tr->cert_status == NS_OK && s->stationary == 1)
    {
      fprintf (out, "certificate: 0 is in the Clarke set at x_%zu = %s:\n  0 =", tr->best_k, xs);
      int first = 1;
      for (size_t i = 0; i < s->clarke->count; i++)
        if (s->weights[i] > 0)
          {
            ns_cli_fmt_short (v, sizeof v, s->weights[i]);
            fprintf (out, "%s %s ", first ? "" : " +", v);
            ns_cli_fmt_vec (v, sizeof v, s->clarke->vertices + i * (size_t) n, n);
            fputs (v, out);
            first = 0;
          }
      fputs (" (limiting gradients),\n", out);
      if (s->residual > 0)
        {
          ns_cli_fmt_err (e, sizeof e, s->residual);
          fprintf (out, "  exactly for the gradients as computed (the exact Clarke set comes"
                        " within %s of 0),\n", e);
        }
      if (tr->convex && s->residual == 0)
        {
          ns_cli_fmt_short (v, sizeof v, tr->fx[tr->best_k]);
          fprintf (out,
                   "  and f is certified convex, so x_%zu is a minimizer and min f = f(x_%zu)"
                   " = %s\n",
                   tr->best_k, tr->best_k, v);
        }
      else
        fprintf (out, "  so x_%zu is Clarke stationary%s\n", tr->best_k,
                 tr->convex ? "" : " (f is not certified convex: no global claim)");
    }
  else if (tr->cert_status == NS_OK)
    {
      ns_cli_fmt_vec (v, sizeof v, s->direction, n);
      fprintf (out, "not stationary at x_%zu = %s: d = %s is a descent direction,\n",
               tr->best_k, xs, v);
      ns_cli_fmt_short (v, sizeof v, s->slope.val);
      ns_cli_fmt_err (e, sizeof e, s->slope.err);
      fprintf (out, "  Clarke's f°(x; d) = %s +- %s < 0 (d is minus the least-norm element)\n", v,
               e);
    }
  else
    fprintf (out, "no certificate at x_%zu = %s: %s\n", tr->best_k, xs,
             ns_strerror (tr->cert_status));
}

static void
cert_json (FILE *out, const ns_mfn_trace *tr)
{
  const ns_stationarity *s = &tr->cert;
  int n = tr->n;
  fprintf (out, "{\"k\": %zu, \"x\": ", tr->best_k);
  ns_cli_json_vec (out, tr->x + tr->best_k * (size_t) n, n);
  fputs (", \"stationary\": ", out);
  if (tr->cert_status != NS_OK)
    {
      fputs ("null, \"status\": ", out);
      ns_cli_json_str (out, ns_strerror (tr->cert_status));
    }
  else if (s->stationary == 1)
    {
      fputs ("true, \"gradients\": [", out);
      for (size_t i = 0, m = 0; i < s->clarke->count; i++)
        if (s->weights[i] > 0)
          {
            fputs (m++ ? ", " : "", out);
            ns_cli_json_vec (out, s->clarke->vertices + i * (size_t) n, n);
          }
      fputs ("], \"weights\": [", out);
      for (size_t i = 0, m = 0; i < s->clarke->count; i++)
        if (s->weights[i] > 0)
          {
            fputs (m++ ? ", " : "", out);
            ns_cli_json_num (out, s->weights[i]);
          }
      fputs ("], \"residual\": ", out);
      ns_cli_json_num (out, s->residual);
    }
  else
    {
      fputs ("false, \"direction\": ", out);
      ns_cli_json_vec (out, s->direction, n);
      fputs (", \"slope\": ", out);
      ns_cli_json_num (out, s->slope.val);
      fputs (", \"slope_err\": ", out);
      ns_cli_json_num (out, s->slope.err);
    }
  putc ('}', out);
}

int
ns_cli_run_mminimize (ctx *c)
{
  const opts *o = c->o;
  FILE *out = c->out;
  double x0[NS_MULTI_MAX_VARS];
  int steps = DEFAULT_STEPS;
  const char *step_text = o->step ? o->step : DEFAULT_STEP;
  const char *text = o->pos[0];
  ns_step_rule rule;
  ns_mselection sel = { NS_MSELECT_MIN_NORM, 1, NULL, NS_AD_REVERSE };
  ns_kink_policy policy;
  int n = ns_cli_parse_vec (o->x0, x0, NS_MULTI_MAX_VARS);
  if (n == 0)
    return ns_cli_usage_error (c->err, c->cmd,
                               "--x0 must be X or X,Y[,...] (at most %d finite numbers), not '%s'",
                               NS_MULTI_MAX_VARS, o->x0);
  if (o->steps && !ns_cli_parse_int (o->steps, 1, MAX_STEPS, &steps))
    return ns_cli_usage_error (c->err, c->cmd, "--steps must be an integer 1..%d, not '%s'",
                               MAX_STEPS, o->steps);
  if (!parse_step (step_text, &rule))
    return ns_cli_usage_error (c->err, c->cmd,
                               "--step must be 1/k, A/k, A/sqrt(k), const:A (A finite and > 0)"
                               " or polyak:FSTAR (FSTAR finite), not '%s'",
                               step_text);
  if (o->select && !parse_select (o->select, &sel, &policy))
    return ns_cli_usage_error (c->err, c->cmd,
                               "--select must be min-norm, direction, random, random:SEED or an"
                               " AD preset (pytorch, tensorflow, jax, ..., ad:NAME) in"
                               " several variables, not '%s'",
                               o->select);
  ns_mfn *f = NULL;
  ns_parse_error perr;
  ns_status s = ns_mfn_parse (text, n, &f, &perr);
  if (s != NS_OK)
    {
      fprintf (c->err, PROGRAM " minimize: EXPR as a function of %d variables: %s", n,
               ns_strerror (s));
      if (s == NS_EPARSE)
        fprintf (c->err, " (column %d: %s)", perr.column, perr.text);
      putc ('\n', c->err);
      return s == NS_ENOMEM ? NS_CLI_FAIL : NS_CLI_USAGE;
    }
  ns_mfn_trace *tr = ns_mfn_trace_alloc (n, (size_t) steps);
  if (tr == NULL)
    {
      ns_mfn_free (f);
      fprintf (c->err, PROGRAM " minimize: %s\n", ns_strerror (NS_ENOMEM));
      return NS_CLI_FAIL;
    }
  s = ns_mfn_subgradient_method (f, x0, &rule, &sel, (size_t) steps, tr);
  /* When x0 itself failed there is no complete entry: nothing to print but
     the reason. */
  int none = s != NS_OK && tr->steps == 0 && tr->cert_status == NS_EINVAL;
  size_t k_end = tr->steps;
  char xs[CELL], bs[CELL];
  ns_cli_fmt_vec (xs, sizeof xs, x0, n);
  /* AD's selection goes by the preset's name as the user wrote it. */
  const char *sel_name = sel.kind == NS_MSELECT_AD ? o->select : ns_mselection_kind_name (sel.kind);
  if (o->format == FMT_JSON)
    {
      fputs ("{\"expr\": ", out);
      ns_cli_json_str (out, text);
      fputs (", \"x0\": ", out);
      ns_cli_json_vec (out, x0, n);
      fputs (", \"step\": ", out);
      ns_cli_json_str (out, step_text);
      fputs (", \"select\": ", out);
      ns_cli_json_str (out, sel_name);
      fputs (", \"iterates\": ", out);
      json_vecs (out, tr->x, n, 1, k_end, k_end);
      fputs (", \"values\": [", out);
      for (size_t k = 1; k <= k_end; k++)
        {
          if (k > 1)
            fputs (", ", out);
          ns_cli_json_num (out, tr->fx[k]);
        }
      fputs ("], \"subgradients\": ", out);
      json_vecs (out, tr->g, n, 0, k_end - (k_end > 0), k_end);
      fputs (", \"best\": ", out);
      ns_cli_json_num (out, none ? NO_VALUE : tr->best[k_end]);
      fputs (", \"best_x\": ", out);
      if (none)
        fputs ("null", out);
      else
        ns_cli_json_vec (out, tr->x + tr->best_k * (size_t) n, n);
      /* "certified" is the one-variable key for a proven minimizer: f
         certified convex and 0 proven in its subdifferential. */
      fputs (", \"certified\": ", out);
      if (!none && tr->convex && tr->cert_status == NS_OK && tr->cert.stationary == 1
          && tr->cert.residual == 0)
        {
          fprintf (out, "{\"k\": %zu, \"x\": ", tr->best_k);
          ns_cli_json_vec (out, tr->x + tr->best_k * (size_t) n, n);
          putc ('}', out);
        }
      else
        fputs ("null", out);
      fputs (", \"stationarity\": ", out);
      if (none)
        fputs ("null", out);
      else
        cert_json (out, tr);
      if (s != NS_OK)
        {
          fputs (", \"status\": ", out);
          ns_cli_json_str (out, ns_strerror (s));
        }
      fputs ("}\n", out);
    }
  else if (o->format == FMT_CSV)
    {
      fputs ("k", out);
      for (int j = 1; j <= n; j++)
        fprintf (out, ",x%d", j);
      fputs (",value", out);
      for (int j = 1; j <= n; j++)
        fprintf (out, ",g%d", j);
      fputs (",best\n", out);
      for (size_t k = 0; k <= k_end && !none; k++)
        {
          fprintf (out, "%zu", k);
          for (int j = 0; j < n; j++)
            {
              putc (',', out);
              ns_cli_csv_num (out, tr->x[k * (size_t) n + j]);
            }
          putc (',', out);
          ns_cli_csv_num (out, tr->fx[k]);
          for (int j = 0; j < n; j++)
            {
              putc (',', out);
              ns_cli_csv_num (out, tr->g[k * (size_t) n + j]);
            }
          putc (',', out);
          ns_cli_csv_num (out, tr->best[k]);
          putc ('\n', out);
        }
    }
  else
    {
      fprintf (out, "minimize f = %s from x0 = %s\n", text, xs);
      fprintf (out,
               "step t_k = %s, selection %s, %d steps; x_k = x_{k-1} - t_k g_{k-1},"
               " %s\n",
               step_text, sel_name, steps,
               sel.kind == NS_MSELECT_AD ? "g AD's gradient (reverse mode; it need not lie in"
               " the Clarke set)" : "g in the Clarke set");
      if (!none)
        {
          trace_text (out, tr);
          ns_cli_fmt_short (bs, sizeof bs, tr->best[k_end]);
          ns_cli_fmt_vec (xs, sizeof xs, tr->x + tr->best_k * (size_t) n, n);
          fprintf (out, "best: f = %s at x = %s\n", bs, xs);
          cert_text (out, tr);
        }
    }
  if (s == NS_EINVAL && rule.kind == NS_STEP_POLYAK && !none)
    {
      /* The only way a checked request fails with NS_EINVAL: the last
         complete iterate is below FSTAR. */
      char fs[CELL], ss[CELL];
      ns_cli_fmt_short (fs, sizeof fs, tr->fx[k_end]);
      ns_cli_fmt_short (ss, sizeof ss, rule.fstar);
      fprintf (c->err,
               PROGRAM " minimize: stopped after %zu steps: f(x_%zu) = %s is below FSTAR = %s;"
                       " Polyak's step needs FSTAR <= min f\n",
               k_end, k_end, fs, ss);
    }
  else if (s != NS_OK)
    fprintf (c->err, PROGRAM " minimize: stopped after %zu steps: %s\n", k_end, ns_strerror (s));
  ns_mfn_trace_free (tr);
  ns_mfn_free (f);
  return s == NS_OK ? NS_CLI_OK : NS_CLI_FAIL;
}
