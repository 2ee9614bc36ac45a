/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth-cli-plot2d.c: "plot" for a function of two
   variables: reading the points, the trace file and EXPR, the figure of
   plot2d-figure.c (contours, kink lines, Clarke sets at the points, the
   iterates), and the report in text and JSON.  nonsmooth-cli-plot.c
   writes the files and runs gnuplot. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include <nonsmooth/plot.h>
#include "nonsmooth-cli.h"
#include "nonsmooth-cli-impl.h"
#include "program-info.h"
#include "plot2d-figure.h"

#define TRACE_MAX NS_PLOT_MAX_SAMPLES

struct plot2d {
  ns_mfn *f;
  double xa, xb, ya, yb;
  plot2d_set *at;
  int nat;
  double scale;              /* polygons drawn as x + scale g */
  double *tx, *ty;           /* the trace */
  size_t ntrace;
  const char *trace_name;
  double level[PLOT2D_MAX_LEVELS];
  int nlevels;
  size_t nkinks;             /* kink points found on grid edges */
  size_t nkinksegs;          /* segments drawn between them */
};

int
ns_cli_plot_is_2d (const opts *o)
{
  if (o->nat > 0 || o->trace != NULL || o->yrange_given)
    return 1;
  /* EXPR in x and y: the one-variable parser refuses it, the other reads
     a function of two variables. */
  ns_function *f = NULL;
  ns_mfn *m = NULL;
  int two = 0;
  if (o->npos > 0 && ns_fn_parse (o->pos[0], &f, NULL) != NS_OK
      && ns_mfn_parse (o->pos[0], 0, &m, NULL) == NS_OK)
    two = ns_mfn_nvars (m) == 2;
  ns_fn_free (f);
  ns_mfn_free (m);
  return two;
}

void
ns_cli_plot2d_free (plot2d *d)
{
  if (d == NULL)
    return;
  ns_mfn_free (d->f);
  free (d->at);
  free (d->tx);
  free (d->ty);
  free (d);
}

/* Reads the trace file NAME: lines "x y" (white space between, '#' starts
   a comment, blank lines are skipped).  NS_CLI_OK or an error printed. */
static int
read_trace (ctx *c, plot2d *d, const char *name)
{
  FILE *in = fopen (name, "r");
  if (in == NULL)
    {
      fputs (PROGRAM " plot: cannot read the trace ", c->err);
      program_put_escaped (c->err, name);
      fputs ("\n", c->err);
      return NS_CLI_FAIL;
    }
  char line[512];
  size_t cap = 0;
  long lineno = 0;
  int status = NS_CLI_OK;
  while (status == NS_CLI_OK && fgets (line, sizeof line, in))
    {
      lineno++;
      char *hash = strchr (line, '#');
      if (hash)
        *hash = '\0';
      char *tok[3] = { NULL, NULL, NULL }, *q = line;
      int ntok = 0;
      while (ntok < 3)
        {
          q += strspn (q, " \t\r\n");
          if (*q == '\0')
            break;
          tok[ntok++] = q;
          q += strcspn (q, " \t\r\n");
          if (*q != '\0')
            *q++ = '\0';
        }
      if (ntok == 0)
        continue;
      double x, y;
      if (ntok != 2 || !ns_cli_parse_real (tok[0], &x) || !ns_cli_parse_real (tok[1], &y))
        {
          fprintf (c->err, PROGRAM " plot: the trace, line %ld: expected two finite numbers "
                           "\"x y\"\n", lineno);
          status = NS_CLI_USAGE;
          break;
        }
      if (d->ntrace >= TRACE_MAX)
        {
          fprintf (c->err, PROGRAM " plot: the trace has more than %d points\n", TRACE_MAX);
          status = NS_CLI_USAGE;
          break;
        }
      if (d->ntrace == cap)
        {
          cap = cap ? 2 * cap : 256;
          double *nx = realloc (d->tx, cap * sizeof *nx);
          if (nx)
            d->tx = nx;
          double *ny = nx ? realloc (d->ty, cap * sizeof *ny) : NULL;
          if (ny)
            d->ty = ny;
          if (nx == NULL || ny == NULL)
            {
              fprintf (c->err, PROGRAM " plot: %s\n", ns_strerror (NS_ENOMEM));
              status = NS_CLI_FAIL;
              break;
            }
        }
      d->tx[d->ntrace] = x;
      d->ty[d->ntrace++] = y;
    }
  fclose (in);
  if (status == NS_CLI_OK && d->ntrace == 0)
    {
      fprintf (c->err, PROGRAM " plot: the trace has no point\n");
      status = NS_CLI_USAGE;
    }
  return status;
}

int
ns_cli_plot2d_prepare (ctx *c, plot2d **out)
{
  const opts *o = c->o;
  *out = NULL;
  if (o->order_given && o->order != 0)
    return ns_cli_usage_error (c->err, c->cmd, "--order must be 0 for a function of two "
                               "variables (its contours are drawn)");
  plot2d *d = calloc (1, sizeof *d);
  if (d == NULL || (o->nat > 0 && (d->at = calloc ((size_t) o->nat, sizeof *d->at)) == NULL))
    {
      free (d);
      fprintf (c->err, PROGRAM " plot: %s\n", ns_strerror (NS_ENOMEM));
      return NS_CLI_FAIL;
    }
  d->xa = o->range_a;
  d->xb = o->range_b;
  d->ya = o->yrange_given ? o->yrange_a : o->range_a;
  d->yb = o->yrange_given ? o->yrange_b : o->range_b;
  int status = NS_CLI_OK;
  for (int i = 0; status == NS_CLI_OK && i < o->nat; i++)
    if (ns_cli_parse_vec (o->at_text[i], d->at[i].x, 2) != 2)
      status = ns_cli_usage_error (c->err, c->cmd, "--at must be X,Y (two finite numbers) for a "
                                   "function of two variables, not '%s'", o->at_text[i]);
  d->nat = o->nat;
  if (status == NS_CLI_OK && o->trace != NULL)
    status = read_trace (c, d, o->trace);
  if (status == NS_CLI_OK)
    status = ns_cli_load_mfn (c, 2, &d->f);
  if (status != NS_CLI_OK)
    {
      ns_cli_plot2d_free (d);
      return status;
    }
  *out = d;
  return NS_CLI_OK;
}

/* ------------------------------------------------------------------ the figure */

ns_status
ns_cli_plot2d_build (ctx *c, plot2d *d, int text_terminal, ns_plot *p)
{
  char title[NS_PLOT_MAX_TEXT + 1];
  snprintf (title, sizeof title, "f(x, y) = %s", c->o->pos[0]);
  if (strlen (title) >= NS_PLOT_MAX_TEXT)
    snprintf (title, sizeof title, "f(x, y)");
  for (int i = 0; i < d->nat; i++)
    plot2d_clarke (d->f, d->at[i].x, &d->at[i]);
  plot2d_stats s;
  ns_status st = plot2d_figure (d->f, title, d->xa, d->xb, d->ya, d->yb, d->at, d->nat, d->tx,
                                d->ty, d->ntrace, text_terminal, p, &s);
  memcpy (d->level, s.level, sizeof d->level);
  d->nlevels = s.nlevels;
  d->nkinks = s.nkinks;
  d->nkinksegs = s.nkinksegs;
  d->scale = s.scale;
  return st;
}

/* ------------------------------------------------------------------ reports */

int
ns_cli_plot2d_status (ctx *c, const plot2d *d)
{
  int status = NS_CLI_OK;
  for (int i = 0; i < d->nat; i++)
    if (d->at[i].status != NS_OK)
      {
        char xs[96];
        ns_cli_fmt_vec (xs, sizeof xs, d->at[i].x, 2);
        fprintf (c->err, PROGRAM " plot: no Clarke set drawn at %s: %s\n", xs,
                 ns_strerror (d->at[i].status));
        status = NS_CLI_FAIL;
      }
  return status;
}

void
ns_cli_plot2d_text (FILE *out, const plot2d *d)
{
  char s[64];
  fprintf (out, "kink points on the grid's edges: %zu, joined by %zu segments\n", d->nkinks,
           d->nkinksegs);
  if (d->nlevels > 0)
    {
      fputs ("contour levels:", out);
      for (int k = 0; k < d->nlevels; k++)
        {
          ns_cli_fmt_short (s, sizeof s, d->level[k]);
          fprintf (out, " %s", s);
        }
      putc ('\n', out);
    }
  for (int i = 0; i < d->nat; i++)
    {
      const plot2d_set *a = &d->at[i];
      char xs[96];
      ns_cli_fmt_vec (xs, sizeof xs, a->x, 2);
      if (a->status != NS_OK)
        {
          fprintf (out, "Clarke set at %s: none drawn: %s\n", xs, ns_strerror (a->status));
          continue;
        }
      double emax = 0;
      for (size_t k = 0; k < 2 * a->count; k++)
        emax = fmax (emax, ns_cli_bound (a->v[k].err));
      ns_cli_fmt_err (s, sizeof s, emax);
      fprintf (out, "Clarke set at %s: %s", xs,
               a->count == 1 ? "the point" : a->count == 2 ? "the segment" : "the polygon");
      for (size_t k = 0; k < a->count; k++)
        {
          /* + 0.0: a vertex -0 is printed 0. */
          double g[2] = { a->v[2 * k].val + 0.0, a->v[2 * k + 1].val + 0.0 };
          char gs[96];
          ns_cli_fmt_vec (gs, sizeof gs, g, 2);
          fprintf (out, "%s%s", k ? ", " : " ", gs);
        }
      fprintf (out, " (± %s)\n", s);
    }
  if (d->nat > 0)
    {
      ns_cli_fmt_short (s, sizeof s, d->scale);
      fprintf (out, "each Clarke set is drawn as x + %s g, g in the set\n", s);
    }
  if (d->ntrace > 0)
    fprintf (out, "iterates from the trace: %zu\n", d->ntrace);
}

void
ns_cli_plot2d_json (FILE *out, const plot2d *d)
{
  fputs (", \"nvars\": 2, \"range\": [[", out);
  ns_cli_json_num (out, d->xa);
  fputs (", ", out);
  ns_cli_json_num (out, d->xb);
  fputs ("], [", out);
  ns_cli_json_num (out, d->ya);
  fputs (", ", out);
  ns_cli_json_num (out, d->yb);
  fputs ("]], \"levels\": ", out);
  ns_cli_json_vec (out, d->level, d->nlevels);
  fprintf (out, ", \"kink_points\": %zu, \"kink_segments\": %zu, \"scale\": ", d->nkinks,
           d->nkinksegs);
  ns_cli_json_num (out, d->scale);
  fputs (", \"clarke\": [", out);
  for (int i = 0; i < d->nat; i++)
    {
      const plot2d_set *a = &d->at[i];
      fputs (i ? ", {\"x\": " : "{\"x\": ", out);
      ns_cli_json_vec (out, a->x, 2);
      fputs (", \"vertices\": ", out);
      if (a->status == NS_OK)
        {
          double emax = 0;
          putc ('[', out);
          for (size_t k = 0; k < a->count; k++)
            {
              double g[2] = { a->v[2 * k].val + 0.0, a->v[2 * k + 1].val + 0.0 };
              if (k)
                fputs (", ", out);
              ns_cli_json_vec (out, g, 2);
              emax = fmax (emax, fmax (ns_cli_bound (a->v[2 * k].err),
                                       ns_cli_bound (a->v[2 * k + 1].err)));
            }
          fputs ("], \"abserr\": ", out);
          ns_cli_json_num (out, emax);
        }
      else
        {
          fputs ("null, \"status\": ", out);
          ns_cli_json_str (out, ns_strerror (a->status));
        }
      putc ('}', out);
    }
  fprintf (out, "], \"trace\": %zu", d->ntrace);
}
