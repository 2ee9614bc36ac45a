/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth-cli-mad.c: the explorer's "ad" in several
   variables: the gradient an AD framework returns at a point of R^n
   (ns_mfn_ad_gradient), for an expression in x, y, z or x1 ... xn or a
   network read with --net FILE, next to the Clarke set
   (ns_mfn_clarke_polytope) and whether the gradient lies in it
   (ns_polytope_contains).  It reads its own command line, as relu0 does:
   ns_cli_ad_dispatch (nonsmooth-cli-ad.c) sends it here. */
#include <config.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "nonsmooth-cli.h"
#include "nonsmooth-cli-impl.h"

#define CMD "ad"
#define MAX_NET_TEXT (1 << 20)   /* a network file: at most 1 MiB */
#define CELL 48

typedef struct mad_opts {
  const char *expr;          /* EXPR, or NULL with --net */
  const char *net;           /* --net FILE */
  const char *at[MAX_AT];
  int nat;
  const char *policy, *mode;
  int format;
} mad_opts;

/* One point of R^n in its coordinates. */
typedef struct point {
  double x[NS_MULTI_MAX_VARS];
} point;

/* The options of ad, each as a prefix match as getopt_long reads them. */
static const struct { const char *name; int has_arg; } mad_options[] = {
  { "at", 1 }, { "policy", 1 }, { "mode", 1 }, { "format", 1 }, { "net", 1 }, { "help", 0 },
};
#define NMAD ((int) (sizeof mad_options / sizeof *mad_options))

/* The option ARG ("--name" or "--name=value") names, or -1 (-2 when
   ambiguous). */
static int
option_of (const char *arg)
{
  const char *name = arg + 2, *eq = strchr (name, '=');
  size_t len = eq ? (size_t) (eq - name) : strlen (name);
  int found = -1;
  for (int j = 0; j < NMAD; j++)
    if (strncmp (mad_options[j].name, name, len) == 0)
      {
        if (strlen (mad_options[j].name) == len)
          return j;
        found = found == -1 ? j : -2;
      }
  return found;
}

int
ns_cli_ad_argv_is_multi (int argc, const char *const *argv)
{
  const char *expr = NULL;
  int only_positional = 0;
  for (int i = 2; i < argc; i++)
    {
      const char *a = argv[i];
      if (only_positional || a[0] != '-' || a[1] != '-' || a[2] == '\0')
        {
          if (strcmp (a, "--") == 0 && !only_positional)
            only_positional = 1;
          else if (strcmp (a, "-h") == 0 && !only_positional)
            return 0;
          else if (expr == NULL)
            expr = a;
          continue;
        }
      int j = option_of (a);
      if (j < 0)
        return 0;              /* the one-variable parser reports it */
      const char *val = strchr (a, '=') ? strchr (a, '=') + 1 : NULL;
      if (mad_options[j].has_arg && val == NULL && i + 1 < argc)
        val = argv[++i];
      if (strcmp (mad_options[j].name, "help") == 0)
        return 0;
      if (strcmp (mad_options[j].name, "net") == 0)
        return 1;
      if (strcmp (mad_options[j].name, "at") == 0 && val != NULL && strchr (val, ',') != NULL)
        return 1;
    }
  /* An expression in y, z or x1 ... that the one-variable parser refuses. */
  if (expr == NULL)
    return 0;
  ns_function *f = NULL;
  ns_mfn *m = NULL;
  int multi = ns_fn_parse (expr, &f, NULL) != NS_OK && ns_mfn_parse (expr, 0, &m, NULL) == NS_OK;
  ns_fn_free (f);
  ns_mfn_free (m);
  return multi;
}

static int
parse_mad_args (int argc, const char *const *argv, mad_opts *o, FILE *err)
{
  int only_positional = 0;
  for (int i = 2; i < argc; i++)
    {
      const char *a = argv[i];
      if (only_positional || a[0] != '-' || a[1] != '-' || a[2] == '\0')
        {
          if (strcmp (a, "--") == 0 && !only_positional)
            {
              only_positional = 1;
              continue;
            }
          if (o->expr != NULL)
            return ns_cli_usage_error (err, CMD, "unexpected argument '%s' (a point of several "
                                       "variables is given as --at X,Y,...)", a);
          o->expr = a;
          continue;
        }
      int j = option_of (a);
      if (j == -2)
        return ns_cli_usage_error (err, CMD, "option '%s' is ambiguous", a);
      if (j < 0)
        return ns_cli_usage_error (err, CMD, "unrecognized option '%s'", a);
      const char *val = strchr (a, '=') ? strchr (a, '=') + 1 : NULL;
      if (mad_options[j].has_arg && val == NULL)
        {
          if (i + 1 >= argc)
            return ns_cli_usage_error (err, CMD, "option '--%s' requires an argument",
                                       mad_options[j].name);
          val = argv[++i];
        }
      const char *name = mad_options[j].name;
      if (strcmp (name, "at") == 0)
        {
          if (o->nat >= MAX_AT)
            return ns_cli_usage_error (err, CMD, "too many --at points (at most %d)", MAX_AT);
          o->at[o->nat++] = val;
        }
      else if (strcmp (name, "policy") == 0)
        o->policy = val;
      else if (strcmp (name, "mode") == 0)
        o->mode = val;
      else if (strcmp (name, "net") == 0)
        o->net = val;
      else if (strcmp (name, "format") == 0)
        {
          if (strcmp (val, "text") == 0)
            o->format = FMT_TEXT;
          else if (strcmp (val, "json") == 0)
            o->format = FMT_JSON;
          else if (strcmp (val, "csv") == 0)
            o->format = FMT_CSV;
          else
            return ns_cli_usage_error (err, CMD, "--format must be text, json or csv, not '%s'",
                                       val);
        }
    }
  return NS_CLI_OK;
}

/* Reads the network file PATH into a string (the caller frees it). */
static char *
read_file (const char *path, FILE *err)
{
  FILE *in = fopen (path, "rb");
  if (in == NULL)
    {
      fprintf (err, PROGRAM " " CMD ": cannot open '%s': %s\n", path, strerror (errno));
      return NULL;
    }
  char *text = malloc (MAX_NET_TEXT + 1);
  size_t n = text ? fread (text, 1, MAX_NET_TEXT + 1, in) : 0;
  int bad = text == NULL || ferror (in) || n > MAX_NET_TEXT || memchr (text, '\0', n) != NULL;
  fclose (in);
  if (bad)
    {
      fprintf (err, PROGRAM " " CMD ": cannot read '%s': %s\n", path,
               text == NULL ? "out of memory"
               : n > MAX_NET_TEXT ? "larger than 1 MiB" : "not a text file");
      free (text);
      return NULL;
    }
  text[n] = '\0';
  return text;
}

/* ------------------------------------------------------------- one row */

typedef struct mad_row {
  const double *x;
  const char *policy;
  ns_status status;           /* of ns_mfn_ad_gradient */
  double value;
  double g[NS_MULTI_MAX_VARS];
  int in_clarke;              /* 1, 0, or -1 (null) */
  const char *why_null;       /* why in_clarke is null */
  int open;                   /* null because the bounds leave it open */
} mad_row;

static int
gradient_exists (ns_status s)
{
  return s == NS_OK;
}

static void
json_polytope (FILE *out, const ns_polytope *p)
{
  fputs ("{\"vertices\": [", out);
  for (size_t k = 0; k < p->count; k++)
    {
      if (k > 0)
        fputs (", ", out);
      ns_cli_json_vec (out, p->vertices + k * (size_t) p->n, p->n);
    }
  fputs ("]}", out);
}

/* The Clarke set as a person reads it. */
static void
text_polytope (FILE *out, const ns_polytope *p)
{
  char buf[64 * CELL];
  if (p->count == 1)
    fputs ("the point ", out);
  else if (p->dim == 1)
    fputs ("the segment ", out);
  else
    fprintf (out, "the hull of %zu points ", p->count);
  for (size_t k = 0; k < p->count; k++)
    {
      ns_cli_fmt_vec (buf, sizeof buf, p->vertices + k * (size_t) p->n, p->n);
      fprintf (out, "%s%s", k > 0 ? (p->count == 2 ? " -- " : ", ") : "", buf);
    }
}

/* Whether R's gradient lies in CLARKE (status CST). */
static void
decide (mad_row *r, int n, const ns_polytope *clarke, ns_status cst)
{
  r->in_clarke = -1;
  r->why_null = NULL;
  r->open = 0;
  if (!gradient_exists (r->status))
    {
      r->why_null = "no gradient";
      return;
    }
  if (cst != NS_OK)
    {
      r->why_null = ns_strerror (cst);
      return;
    }
  for (int i = 0; i < n; i++)
    if (!isfinite (r->g[i]))
      {
        r->why_null = "no gradient";
        return;
      }
  int inside = 0;
  /* The gradient is the framework's double, exact as it stands: no
     bound. */
  ns_status s = ns_polytope_contains (clarke, r->g, NULL, &inside);
  if (s == NS_OK)
    r->in_clarke = inside != 0;
  else
    r->why_null = ns_strerror (s);
  /* Undecided, the common case of a gradient on a vertex: say so, since a
     vertex known within a bound cannot certify a point on it. */
  if (s == NS_EUNDECIDED)
    for (size_t k = 0; k < clarke->count; k++)
      {
        int near = 1;
        for (int j = 0; j < n; j++)
          near &= fabs (r->g[j] - clarke->vertices[k * (size_t) n + j])
                  <= clarke->err[k * (size_t) n + j];
        if (near)
          {
            r->why_null = "a vertex of the Clarke set within its rounding bound: "
                          "the bound leaves the membership open";
            r->open = 1;
            break;
          }
      }
  if (s == NS_EUNDECIDED)
    r->open = 1;
}

static void
json_row_keys (FILE *out, const mad_row *r, int n, const ns_polytope *clarke, ns_status cst)
{
  fputs ("\"at\": ", out);
  ns_cli_json_vec (out, r->x, n);
  fputs (", \"policy\": ", out);
  ns_cli_json_str (out, r->policy);
  fputs (", \"value\": ", out);
  ns_cli_json_num (out, r->status == NS_OK || r->status == NS_UNDEFINED
                        || r->status == NS_ERANGE ? r->value : NO_VALUE);
  fputs (", \"gradient\": ", out);
  if (gradient_exists (r->status))
    ns_cli_json_vec (out, r->g, n);
  else
    {
      fputs ("null, \"status\": ", out);
      ns_cli_json_str (out, ns_strerror (r->status));
    }
  fprintf (out, ", \"in_clarke\": %s",
           r->in_clarke < 0 ? "null" : r->in_clarke ? "true" : "false");
  if (r->in_clarke < 0)
    {
      fputs (", \"in_clarke_status\": ", out);
      ns_cli_json_str (out, r->why_null);
    }
  fputs (", \"clarke\": ", out);
  if (cst == NS_OK)
    json_polytope (out, clarke);
  else
    {
      fputs ("null, \"clarke_status\": ", out);
      ns_cli_json_str (out, ns_strerror (cst));
    }
}

static void
csv_row (FILE *out, const mad_row *r, int n)
{
  for (int i = 0; i < n; i++)
    {
      ns_cli_csv_num (out, r->x[i]);
      putc (',', out);
    }
  fprintf (out, "%s,", r->policy);
  if (r->status == NS_OK || r->status == NS_UNDEFINED || r->status == NS_ERANGE)
    ns_cli_csv_num (out, r->value);
  for (int i = 0; i < n; i++)
    {
      putc (',', out);
      if (gradient_exists (r->status))
        ns_cli_csv_num (out, r->g[i]);
    }
  fprintf (out, ",%s,", r->in_clarke < 0 ? "" : r->in_clarke ? "true" : "false");
  if (gradient_exists (r->status))
    fputs ("ok", out);
  else
    ns_cli_csv_str (out, ns_strerror (r->status));
  putc ('\n', out);
}

static void
text_row (FILE *out, const mad_row *r, int n, int width)
{
  char buf[64 * CELL];
  if (gradient_exists (r->status))
    ns_cli_fmt_vec (buf, sizeof buf, r->g, n);
  else
    snprintf (buf, sizeof buf, "undefined");
  fprintf (out, "  %-*s  %-22s  %s\n", width, r->policy, buf,
           r->in_clarke < 0 ? (r->open ? "open" : "-") : r->in_clarke ? "yes" : "NO");
}

/* ------------------------------------------------------------- the command */

int
ns_cli_run_ad_multi (int argc, const char *const *argv, FILE *out, FILE *err)
{
  mad_opts o = { 0 };
  o.format = FMT_TEXT;
  int status = parse_mad_args (argc, argv, &o, err);
  if (status != NS_CLI_OK)
    return status;
  if (o.net != NULL && o.expr != NULL)
    return ns_cli_usage_error (err, CMD, "give EXPR or --net FILE, not both");
  if (o.net == NULL && o.expr == NULL)
    return ns_cli_usage_error (err, CMD, "missing EXPR");
  if (o.nat == 0)
    return ns_cli_usage_error (err, CMD, "needs --at X,Y,... (the points)");

  const char *pname = o.policy ? o.policy : "pytorch";
  int all = strcmp (pname, "all") == 0;
  ns_ad_preset preset = all ? NS_AD_PYTORCH : ns_kink_policy_lookup (pname);
  if (preset == NS_AD_PRESET_COUNT)
    return ns_cli_usage_error (err, CMD,
                               "--policy must be pytorch, tensorflow, keras, jax, sympy, left, "
                               "right, average, min-norm, undefined or all, not '%s'", pname);
  const char *mname = o.mode ? o.mode : "reverse";
  ns_ad_mode mode;
  if (strcmp (mname, "reverse") == 0)
    mode = NS_AD_REVERSE;
  else if (strcmp (mname, "forward") == 0)
    mode = NS_AD_FORWARD;
  else
    return ns_cli_usage_error (err, CMD, "--mode must be reverse or forward, not '%s'", mname);

  /* The points: all with the same number of coordinates. */
  point pts[MAX_AT];
  int n = 0;
  for (int i = 0; i < o.nat; i++)
    {
      int k = ns_cli_parse_vec (o.at[i], pts[i].x, NS_MULTI_MAX_VARS);
      if (k == 0)
        return ns_cli_usage_error (err, CMD, "--at must be finite numbers X,Y,... (at most %d), "
                                   "not '%s'", NS_MULTI_MAX_VARS, o.at[i]);
      if (i > 0 && k != n)
        return ns_cli_usage_error (err, CMD, "every --at needs %d coordinates, not '%s'", n,
                                   o.at[i]);
      n = k;
    }

  /* The function: EXPR in n variables, or the network of its inputs. */
  ns_mfn *f = NULL;
  ns_parse_error perr;
  const char *shown = o.expr;
  if (o.net != NULL)
    {
      char *text = read_file (o.net, err);
      ns_mlp *net = NULL;
      if (text == NULL)
        return NS_CLI_USAGE;
      ns_status s = ns_mlp_parse (text, &net, &perr);
      if (s != NS_OK)
        {
          /* FILE:LINE:COLUMN, the column counted within its line. */
          int line = 1, col = 1, c = 1;
          for (const char *q = text; *q != '\0' && c < perr.column; q++)
            if (((unsigned char) *q & 0xC0) != 0x80)
              {
                c++;
                col = *q == '\n' ? 1 : col + 1;
                line += *q == '\n';
              }
          fprintf (err, PROGRAM " " CMD ": %s:%d:%d: %s\n", o.net, line, col, perr.text);
          free (text);
          return s == NS_ENOMEM ? NS_CLI_FAIL : NS_CLI_USAGE;
        }
      free (text);
      s = ns_mlp_as_function_of_inputs (net, &f);
      ns_mlp_free (net);
      if (s != NS_OK)
        {
          fprintf (err, PROGRAM " " CMD ": %s: %s\n", o.net, ns_strerror (s));
          return NS_CLI_FAIL;
        }
      if (ns_mfn_nvars (f) != n)
        {
          int m = ns_mfn_nvars (f);
          ns_mfn_free (f);
          return ns_cli_usage_error (err, CMD, "the network has %d input%s: --at needs %d "
                                     "coordinates", m, m == 1 ? "" : "s", m);
        }
      shown = o.net;
    }
  else
    {
      ns_status s = ns_mfn_parse (o.expr, n, &f, &perr);
      if (s != NS_OK)
        {
          fprintf (err, PROGRAM " " CMD ": EXPR as a function of %d variable%s (the coordinates "
                   "of --at): column %d: %s\n", n, n == 1 ? "" : "s", perr.column, perr.text);
          return s == NS_ENOMEM ? NS_CLI_FAIL : NS_CLI_USAGE;
        }
    }

  if (o.format == FMT_JSON)
    {
      fprintf (out, "{\"%s\": ", o.net ? "net" : "expr");
      ns_cli_json_str (out, shown);
      fprintf (out, ", \"variables\": %d, \"mode\": \"%s\"", n, mname);
      if (all || o.nat > 1)
        fputs (", \"results\": [", out);
    }
  else if (o.format == FMT_CSV)
    {
      for (int i = 1; i <= n; i++)
        fprintf (out, "x%d,", i);
      fputs ("policy,value", out);
      for (int i = 1; i <= n; i++)
        fprintf (out, ",g%d", i);
      fputs (",in_clarke,status\n", out);
    }
  else
    fprintf (out, "f = %s%s (%d variable%s), %s%s, %s mode\n", o.net ? "the network in " : "",
             shown, n, n == 1 ? "" : "s", all ? "every preset" : pname,
             all ? "" : " convention", mname);

  int rows_done = 0;
  for (int i = 0; i < o.nat; i++)
    {
      ns_polytope *clarke = NULL;
      ns_status cst = ns_mfn_clarke_polytope (f, pts[i].x, &clarke);
      int have = 0;
      /* The undefined rows of the text table, explained after it. */
      const char *why_policy[NS_AD_PRESET_COUNT];
      ns_status why_status[NS_AD_PRESET_COUNT];
      int nwhy = 0;
      if (o.format == FMT_TEXT)
        {
          char buf[64 * CELL];
          ns_cli_fmt_vec (buf, sizeof buf, pts[i].x, n);
          fprintf (out, "at %s: Clarke set ", buf);
          if (cst == NS_OK)
            text_polytope (out, clarke);
          else
            fprintf (out, "refused: %s", ns_strerror (cst));
          fputs ("\n", out);
          fprintf (out, "  %-10s  %-22s  %s\n", "policy", "gradient", "in Clarke");
        }
      for (int p = all ? 0 : (int) preset; p < (all ? NS_AD_PRESET_COUNT : (int) preset + 1); p++)
        {
          ns_kink_policy pol;
          mad_row r;
          NS_KINK_POLICY_INIT (&pol, (ns_ad_preset) p);
          r.x = pts[i].x;
          r.policy = pol.name;
          ns_result v;
          r.value = ns_mfn_eval (f, pts[i].x, &v) == NS_OK ? v.val : NO_VALUE;
          r.status = ns_mfn_ad_gradient (f, pts[i].x, &pol, mode, r.g);
          decide (&r, n, clarke, cst);
          have += gradient_exists (r.status);
          if (o.format == FMT_JSON)
            {
              if (all || o.nat > 1)
                fputs (rows_done > 0 ? ", {" : "{", out);
              else
                fputs (", ", out);
              json_row_keys (out, &r, n, clarke, cst);
              if (all || o.nat > 1)
                putc ('}', out);
            }
          else if (o.format == FMT_CSV)
            csv_row (out, &r, n);
          else
            {
              text_row (out, &r, n, 10);
              if (!gradient_exists (r.status))
                {
                  why_policy[nwhy] = r.policy;
                  why_status[nwhy++] = r.status;
                }
            }
          rows_done++;
          if (!all && !gradient_exists (r.status))
            {
              char buf[64 * CELL];
              ns_cli_fmt_vec (buf, sizeof buf, pts[i].x, n);
              fprintf (err, PROGRAM " " CMD ": the gradient at %s under %s is not defined: %s\n",
                       buf, pol.name, ns_strerror (r.status));
              status = NS_CLI_FAIL;
            }
        }
      for (int k = 0; k < nwhy; k++)
        fprintf (out, "  %s: %s\n", why_policy[k], ns_strerror (why_status[k]));
      if (all && have == 0)
        {
          char buf[64 * CELL];
          ns_cli_fmt_vec (buf, sizeof buf, pts[i].x, n);
          fprintf (err, PROGRAM " " CMD ": no preset has a gradient at %s\n", buf);
          status = NS_CLI_FAIL;
        }
      ns_polytope_free (clarke);
    }
  if (o.format == FMT_JSON)
    fputs (all || o.nat > 1 ? "]}\n" : "}\n", out);
  ns_mfn_free (f);
  return status;
}
