/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth-cli-subdiff.c: the explorer's command "subdiff":
   the Frechet, limiting, Clarke and convex subdifferentials at a point,
   with the reason when one is not defined. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "nonsmooth-cli.h"
#include "nonsmooth-cli-impl.h"
#include "program-info.h"

/* ------------------------------------------------------------------ subdiff */

const char *const ns_cli_kind_keys[NS_SUBDIFF_KIND_COUNT] = { "frechet", "limiting", "clarke",
                                                              "convex" };

int
ns_cli_run_subdiff (ctx *c)
{
  const opts *o = c->o;
  FILE *out = c->out;
  double x = o->at[0];
  ns_set set[NS_SUBDIFF_KIND_COUNT];
  ns_status st[NS_SUBDIFF_KIND_COUNT];
  char reason[160] = "";
  int lo = o->kind < 0 ? 0 : o->kind, hi = o->kind < 0 ? NS_SUBDIFF_KIND_COUNT - 1 : o->kind;
  int nfail = 0;
  for (int k = lo; k <= hi; k++)
    {
      st[k] = ns_subdiff (c->f, x, (ns_subdiff_kind) k, &set[k]);
      if (st[k] == NS_ENOTCONVEX)
        {
          int certified;
          ns_fn_convexity (c->f, &certified, reason, sizeof reason);
        }
      nfail += st[k] != NS_OK;
    }
  char xs[40];
  ns_cli_fmt_short (xs, sizeof xs, x);
  /* Why a kind has no set: the status, and for convex the certificate's reason. */
  char why[NS_SUBDIFF_KIND_COUNT][256];
  for (int k = lo; k <= hi; k++)
    if (st[k] != NS_OK)
      {
        if (st[k] == NS_ENOTCONVEX && reason[0] != '\0')
          snprintf (why[k], sizeof why[k], "%s: %s", ns_strerror (st[k]), reason);
        else
          snprintf (why[k], sizeof why[k], "%s", ns_strerror (st[k]));
      }

  if (o->format == FMT_JSON)
    {
      fputs ("{\"expr\": ", out);
      ns_cli_json_str (out, c->text);
      fputs (", \"x\": ", out);
      ns_cli_json_num (out, x);
      for (int k = lo; k <= hi; k++)
        {
          fprintf (out, ", \"%s\": ", ns_cli_kind_keys[k]);
          if (st[k] != NS_OK)
            {
              fprintf (out, "null, \"%s_status\": ", ns_cli_kind_keys[k]);
              ns_cli_json_str (out, why[k]);
              continue;
            }
          putc ('[', out);
          for (int i = 0; i < set[k].n; i++)
            {
              fputs (i > 0 ? ", [" : "[", out);
              ns_cli_json_num (out, set[k].piece[i].lo);
              fputs (", ", out);
              ns_cli_json_num (out, set[k].piece[i].hi);
              putc (']', out);
            }
          putc (']', out);
        }
      fputs ("}\n", out);
    }
  else if (o->format == FMT_CSV)
    {
      fputs ("kind,lo,hi,status\n", out);
      for (int k = lo; k <= hi; k++)
        if (st[k] != NS_OK)
          {
            fprintf (out, "%s,,,", ns_cli_kind_keys[k]);
            ns_cli_csv_str (out, why[k]);
            putc ('\n', out);
          }
        else if (set[k].n == 0)
          fprintf (out, "%s,,,empty\n", ns_cli_kind_keys[k]);
        else
          for (int i = 0; i < set[k].n; i++)
            {
              fprintf (out, "%s,", ns_cli_kind_keys[k]);
              ns_cli_csv_num (out, set[k].piece[i].lo);
              putc (',', out);
              ns_cli_csv_num (out, set[k].piece[i].hi);
              fputs (",ok\n", out);
            }
    }
  else
    {
      fprintf (out, "f(x) = %s at x = %s\n", c->text, xs);
      for (int k = lo; k <= hi; k++)
        {
          char buf[512];
          if (st[k] == NS_OK)
            {
              ns_set_snprint (buf, sizeof buf, &set[k], 0);
              fprintf (out, "  %-9s %s\n", ns_subdiff_kind_name ((ns_subdiff_kind) k), buf);
            }
          else
            fprintf (out, "  %-9s undefined: %s\n", ns_subdiff_kind_name ((ns_subdiff_kind) k),
                     why[k]);
        }
    }
  /* One kind asked for and not available, or none available: the request
     cannot be answered.  With --kind all, undefined kinds are part of the
     answer. */
  if (nfail == hi - lo + 1)
    {
      for (int k = lo; k <= hi; k++)
        fprintf (c->err, PROGRAM " subdiff: the %s subdifferential at %s: %s\n",
                 ns_subdiff_kind_name ((ns_subdiff_kind) k), xs, why[k]);
      return NS_CLI_FAIL;
    }
  return NS_CLI_OK;
}

/* ------------------------------------------------- subdiff, several variables */

/* Whether the command line asks for a point of several variables: an
   --at value with a comma.  Then ns_cli_run_subdiff_multi reads it. */
int
ns_cli_subdiff_is_multi (int argc, const char *const *argv)
{
  for (int i = 2; i < argc; i++)
    {
      if (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0)
        return 0;
      if (strcmp (argv[i], "--") == 0)
        break;
      const char *v = NULL;
      if (strncmp (argv[i], "--at=", 5) == 0)
        v = argv[i] + 5;
      else if (strcmp (argv[i], "--at") == 0 && i + 1 < argc)
        v = argv[i + 1];
      if (v != NULL && strchr (v, ',') != NULL)
        return 1;
    }
  return 0;
}

/* The kinds in the order of the one-variable output. */
enum { MK_FRECHET, MK_LIMITING, MK_CLARKE, MK_CONVEX, MK_COUNT };
static const char *const mk_names[MK_COUNT] = { "Frechet", "limiting", "Clarke", "convex" };

/* Why a Clarke (or convex) polytope came back NS_ELIMIT: the limiting
   gradients' own bounds (64 active kinks, 4096 cells), or the hull's
   bound on the points it classifies by linear programs above qhull's
   dimension.  The gradients are asked again to tell which. */
static void
clarke_limit_reason (const ns_mfn *f, const double *x, int n, char *why, size_t size)
{
  size_t max = NS_POLYTOPE_MAX_LP_POINTS + 1, count = 0;
  ns_result *g = malloc (max * (size_t) n * sizeof *g);
  ns_status st = g == NULL ? NS_ENOMEM : ns_mfn_limiting_gradients (f, x, g, max, &count);
  free (g);
  if ((st == NS_ELIMIT && count > max) || (st == NS_OK && count > NS_POLYTOPE_MAX_LP_POINTS))
    snprintf (why, size, "%s: %s%zu limiting gradients, more than the %d points the hull "
              "takes above affine dimension %d", ns_strerror (NS_ELIMIT),
              st == NS_ELIMIT ? "more than " : "", st == NS_ELIMIT ? max : count,
              NS_POLYTOPE_MAX_LP_POINTS, NS_POLYTOPE_MAX_HULL_DIM);
  else if (st == NS_ELIMIT)
    snprintf (why, size, "%s: the limiting gradients stop at 64 active kinks or 4096 cells",
              ns_strerror (NS_ELIMIT));
  else
    snprintf (why, size, "%s: the hull of the limiting gradients", ns_strerror (NS_ELIMIT));
}

/* The Fréchet subdifferential in several variables (ns_mfn_frechet). */
static ns_status
multi_frechet (const ns_mfn *f, const double *x, ns_polytope **out, char *why, size_t size)
{
  ns_status st = ns_mfn_frechet (f, x, out);
  int convex = 0;
  if (st == NS_ELIMIT)
    ns_mfn_convexity (f, &convex, NULL, 0);
  /* Past the rays' bounds a convex f takes the convex route, so a
     refusal of a convex f is the Clarke polytope's. */
  if (st == NS_ELIMIT && convex)
    {
      char r[200];
      clarke_limit_reason (f, x, ns_mfn_nvars (f), r, sizeof r);
      snprintf (why, size, "%.160s (past the rays' bounds, f convex: the Fréchet set is the "
                "Clarke set)", r);
    }
  else if (st == NS_ELIMIT)
    snprintf (why, size, "%s: the rays of the cells need more than 5e6 units of exact work, "
              "or the cells pass 64 active kinks or 4096 cells (f is not certified convex, "
              "so the convex route is closed)", ns_strerror (st));
  return st;
}

/* The limiting subdifferential, a union of polytopes (its maximal pieces,
   ns_mfn_limiting), into an array of at most MAX_PIECES. */
#define MAX_PIECES 64
static ns_status
multi_limiting (const ns_mfn *f, const double *x, ns_polytope ***pieces, size_t *npieces,
                char *why, size_t size)
{
  *npieces = 0;
  *pieces = calloc (MAX_PIECES, sizeof **pieces);
  if (*pieces == NULL)
    return NS_ENOMEM;
  ns_status st = ns_mfn_limiting (f, x, *pieces, MAX_PIECES, npieces);
  if (st != NS_OK)
    {
      for (size_t i = 0; i < *npieces && i < MAX_PIECES; i++)
        ns_polytope_free ((*pieces)[i]);
      *npieces = 0;
      if (st == NS_ELIMIT)
        snprintf (why, size, "%s: the limiting set is computed for up to %d pieces "
                  "and within a bound on its work", ns_strerror (st), MAX_PIECES);
    }
  return st;
}

static void
put_point_text (FILE *out, const ns_polytope *p, size_t k)
{
  char b[40];
  putc ('(', out);
  for (int j = 0; j < p->n; j++)
    {
      /* -0 from a sign that never mattered (the y-slope of -x) prints 0. */
      ns_cli_fmt_short (b, sizeof b, p->vertices[k * p->n + j] + 0.0);
      fprintf (out, "%s%s", j > 0 ? ", " : "", b);
    }
  putc (')', out);
}

/* A polytope for people: the empty set, a point, a segment's ends, a
   polygon's vertices in order, or the vertices of a larger one. */
static void
put_polytope_text (FILE *out, const ns_polytope *p)
{
  if (p->count == 0)
    {
      fputs ("the empty set", out);
      return;
    }
  if (p->dim == 0)
    fputs ("the point ", out);
  else if (p->dim == 1)
    fputs ("the segment from ", out);
  else if (p->dim == 2)
    fprintf (out, "the polygon with %zu vertices, in order: ", p->count);
  else
    fprintf (out, "a polytope of dimension %d with %zu vertices: ", p->dim, p->count);
  for (size_t k = 0; k < p->count; k++)
    {
      if (k > 0)
        fputs (p->dim == 1 ? " to " : ", ", out);
      put_point_text (out, p, k);
    }
}

static void
put_polytope_json (FILE *out, const ns_polytope *p)
{
  fputs ("{\"vertices\": [", out);
  for (size_t k = 0; k < p->count; k++)
    {
      fputs (k > 0 ? ", [" : "[", out);
      for (int j = 0; j < p->n; j++)
        {
          if (j > 0)
            fputs (", ", out);
          ns_cli_json_num (out, p->vertices[k * p->n + j] + 0.0);
        }
      putc (']', out);
    }
  fputs ("]}", out);
}

static const char *
var_name (int n, int j, char *buf, size_t size)
{
  if (n <= 3)
    snprintf (buf, size, "%c", "xyz"[j]);
  else
    snprintf (buf, size, "x%d", j + 1);
  return buf;
}

int
ns_cli_run_subdiff_multi (int argc, const char *const *argv, FILE *out, FILE *err)
{
  const char *cmd = "subdiff", *expr = NULL, *at = NULL;
  int kind = -1, format = FMT_TEXT;
  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i], *val = NULL;
      static const char *const names[] = { "--at", "--kind", "--format" };
      int which = -1;
      if (arg[0] != '-' || arg[1] == '\0' || strcmp (arg, "--") == 0)
        {
          if (strcmp (arg, "--") == 0 && i + 1 < argc)
            arg = argv[++i];
          if (expr != NULL)
            return ns_cli_usage_error (err, cmd, "unexpected argument '%s'", arg);
          expr = arg;
          continue;
        }
      for (int k = 0; k < 3; k++)
        {
          size_t n = strlen (names[k]);
          if (strncmp (arg, names[k], n) == 0 && (arg[n] == '\0' || arg[n] == '='))
            {
              which = k;
              val = arg[n] == '=' ? arg + n + 1 : NULL;
            }
        }
      if (which < 0)
        return ns_cli_usage_error (err, cmd, "unrecognized option '%s'", arg);
      if (val == NULL)
        {
          if (i + 1 >= argc)
            return ns_cli_usage_error (err, cmd, "option '%s' requires an argument",
                                       names[which]);
          val = argv[++i];
        }
      if (which == 0)
        {
          if (at != NULL)
            return ns_cli_usage_error (err, cmd, "needs exactly one --at X");
          at = val;
        }
      else if (which == 1)
        {
          kind = -2;
          for (int k = 0; k < NS_SUBDIFF_KIND_COUNT; k++)
            if (strcmp (val, ns_cli_kind_keys[k]) == 0)
              kind = k;
          if (strcmp (val, "all") == 0)
            kind = -1;
          if (kind == -2)
            return ns_cli_usage_error (err, cmd, "--kind must be frechet, limiting, clarke, "
                                       "convex or all, not '%s'", val);
        }
      else if (strcmp (val, "text") == 0)
        format = FMT_TEXT;
      else if (strcmp (val, "json") == 0)
        format = FMT_JSON;
      else
        return ns_cli_usage_error (err, cmd, "--format must be text or json for a point of "
                                   "several variables, not '%s'", val);
    }
  if (expr == NULL)
    return ns_cli_usage_error (err, cmd, "missing EXPR");

  /* The point: comma-separated finite numbers. */
  double x[NS_MULTI_MAX_VARS];
  int n = 0;
  {
    const char *s = at;
    for (;;)
      {
        const char *comma = strchr (s, ',');
        size_t len = comma != NULL ? (size_t) (comma - s) : strlen (s);
        char num[128];
        if (n >= NS_MULTI_MAX_VARS)
          return ns_cli_usage_error (err, cmd, "--at has more than %d coordinates",
                                     NS_MULTI_MAX_VARS);
        if (len >= sizeof num)
          return ns_cli_usage_error (err, cmd, "--at coordinate %d is too long", n + 1);
        memcpy (num, s, len);
        num[len] = '\0';
        if (!ns_cli_parse_real (num, &x[n]))
          return ns_cli_usage_error (err, cmd, "--at coordinate %d must be a finite number, "
                                     "not '%s'%s", n + 1, num, ns_cli_real_hint (num));
        n++;
        if (comma == NULL)
          break;
        s = comma + 1;
      }
  }

  ns_mfn *f = NULL;
  ns_parse_error perr;
  ns_status ps = ns_mfn_parse (expr, n, &f, &perr);
  if (ps != NS_OK)
    {
      fprintf (err, PROGRAM " %s: cannot parse EXPR: %s\n", cmd, ns_strerror (ps));
      if (perr.column > 0 && strlen (expr) <= NS_PARSE_MAX_LENGTH)
        {
          fputs ("  ", err);
          program_put_escaped (err, expr);
          fprintf (err, "\n  %*s^ column %d: ", program_escaped_width (expr, perr.column - 1), "",
                   perr.column);
          program_put_escaped (err, perr.text);
          putc ('\n', err);
        }
      else if (perr.text[0] != '\0')
        {
          fputs ("  ", err);
          program_put_escaped (err, perr.text);
          putc ('\n', err);
        }
      return ps == NS_ENOMEM ? NS_CLI_FAIL : NS_CLI_USAGE;
    }

  int lo = kind < 0 ? 0 : kind, hi = kind < 0 ? MK_COUNT - 1 : kind;
  ns_polytope *set[MK_COUNT] = { NULL };
  ns_polytope **pieces = NULL;
  size_t npieces = 0;
  ns_status st[MK_COUNT];
  char why[MK_COUNT][256];
  int nfail = 0;
  for (int k = lo; k <= hi; k++)
    {
      why[k][0] = '\0';
      switch (k)
        {
        case MK_FRECHET:
          st[k] = multi_frechet (f, x, &set[k], why[k], sizeof why[k]);
          break;
        case MK_LIMITING:
          st[k] = multi_limiting (f, x, &pieces, &npieces, why[k], sizeof why[k]);
          break;
        case MK_CLARKE:
          st[k] = ns_mfn_clarke_polytope (f, x, &set[k]);
          break;
        default:
          st[k] = ns_mfn_convex_subdiff (f, x, &set[k]);
          if (st[k] == NS_ENOTCONVEX)
            {
              int certified;
              char reason[160];
              ns_mfn_convexity (f, &certified, reason, sizeof reason);
              snprintf (why[k], sizeof why[k], "%s: %s", ns_strerror (st[k]), reason);
            }
          break;
        }
      if (st[k] == NS_ELIMIT && why[k][0] == '\0')
        clarke_limit_reason (f, x, n, why[k], sizeof why[k]);
      if (st[k] != NS_OK && why[k][0] == '\0')
        snprintf (why[k], sizeof why[k], "%s", ns_strerror (st[k]));
      nfail += st[k] != NS_OK;
    }

  char name[16];
  if (format == FMT_JSON)
    {
      fputs ("{\"expr\": ", out);
      ns_cli_json_str (out, expr);
      fputs (", \"x\": ", out);
      ns_cli_json_vec (out, x, n);
      for (int k = lo; k <= hi; k++)
        {
          fprintf (out, ", \"%s\": ", ns_cli_kind_keys[k]);
          if (st[k] != NS_OK)
            {
              fprintf (out, "null, \"%s_status\": ", ns_cli_kind_keys[k]);
              ns_cli_json_str (out, why[k]);
            }
          else if (k == MK_LIMITING)
            {
              putc ('[', out);
              for (size_t i = 0; i < npieces; i++)
                {
                  if (i > 0)
                    fputs (", ", out);
                  put_polytope_json (out, pieces[i]);
                }
              putc (']', out);
            }
          else
            put_polytope_json (out, set[k]);
        }
      fputs ("}\n", out);
    }
  else
    {
      fputs ("f(", out);
      for (int j = 0; j < n; j++)
        fprintf (out, "%s%s", j > 0 ? ", " : "", var_name (n, j, name, sizeof name));
      fprintf (out, ") = %s at (", expr);
      for (int j = 0; j < n; j++)
        {
          char b[40];
          ns_cli_fmt_short (b, sizeof b, x[j]);
          fprintf (out, "%s%s", j > 0 ? ", " : "", b);
        }
      fputs (")\n", out);
      for (int k = lo; k <= hi; k++)
        {
          fprintf (out, "  %-9s ", mk_names[k]);
          if (st[k] != NS_OK)
            fprintf (out, "undefined: %s", why[k]);
          else if (k == MK_LIMITING)
            {
              if (npieces != 1)
                fprintf (out, "the union of %zu pieces: ", npieces);
              for (size_t i = 0; i < npieces; i++)
                {
                  if (i > 0)
                    fputs ("; ", out);
                  put_polytope_text (out, pieces[i]);
                }
            }
          else
            put_polytope_text (out, set[k]);
          putc ('\n', out);
        }
    }
  if (nfail == hi - lo + 1)
    for (int k = lo; k <= hi; k++)
      fprintf (err, PROGRAM " subdiff: the %s subdifferential at %s: %s\n", mk_names[k], at,
               why[k]);
  for (int k = 0; k < MK_COUNT; k++)
    ns_polytope_free (set[k]);
  for (size_t i = 0; i < npieces; i++)
    ns_polytope_free (pieces[i]);
  free (pieces);
  ns_mfn_free (f);
  return nfail == hi - lo + 1 ? NS_CLI_FAIL : NS_CLI_OK;
}
