/* tutorials/nonsmooth-cli.c: the commands of the nonsmooth explorer (eval,
   diff, pair, verify, subdiff; ad and minimize are in nonsmooth-cli-ad.c):
   the command table, option parsing, the three output formats
   (text for people, JSON and CSV for scripts) and the exit statuses.  Every
   number comes from a public library call; nothing here computes one. */
#include <config.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include <nonsmooth/parse.h>
#include "nonsmooth-cli.h"
#include "nonsmooth-cli-impl.h"

#define MAX_BREAKPOINTS 256  /* breakpoints diff lists in its range */
#define DEFAULT_RANGE 4.0    /* diff's breakpoints are listed on [-4, 4] */

static const option_def option_defs[] = {
  { "format", OPT_FORMAT, 1 }, { "help", OPT_HELP, 0 },     { "order", OPT_ORDER, 1 },
  { "at", OPT_AT, 1 },         { "bump", OPT_BUMP, 1 },     { "kind", OPT_KIND, 1 },
  { "range", OPT_RANGE, 1 },   { "policy", OPT_POLICY, 1 }, { "x0", OPT_X0, 1 },
  { "steps", OPT_STEPS, 1 },   { "step", OPT_STEP, 1 },     { "select", OPT_SELECT, 1 },
};
#define NOPTIONS ((int) (sizeof option_defs / sizeof *option_defs))


/* ------------------------------------------------------------------ messages */

/* Prints "nonsmooth CMD: MESSAGE" and where to find help; returns 2. */
int
ns_cli_usage_error (FILE *err, const char *cmd, const char *fmt, ...)
{
  va_list ap;
  fprintf (err, PROGRAM "%s%s: ", cmd ? " " : "", cmd ? cmd : "");
  va_start (ap, fmt);
  vfprintf (err, fmt, ap);
  va_end (ap);
  fprintf (err, "\nTry '" PROGRAM "%s%s --help' for more information.\n", cmd ? " " : "",
           cmd ? cmd : "");
  return NS_CLI_USAGE;
}

/* ------------------------------------------------------------------ numbers */

/* Reads a finite real number that fills all of S.  Returns 1 on success. */
int
ns_cli_parse_real (const char *s, double *x)
{
  char *end;
  if (*s == '\0')
    return 0;
  *x = strtod (s, &end);
  return *end == '\0' && isfinite (*x);
}

int
ns_cli_parse_int (const char *s, int lo, int hi, int *n)
{
  char *end;
  if (*s == '\0')
    return 0;
  long v = strtol (s, &end, 10);
  if (*end != '\0' || v < lo || v > hi)
    return 0;
  *n = (int) v;
  return 1;
}

/* 17 significant digits for JSON and CSV: every double reads back exactly.
   printf already writes -0 as "-0". */
void
ns_cli_fmt17 (char *buf, size_t size, double x)
{
  if (isnan (x))
    snprintf (buf, size, "nan");
  else if (isinf (x))
    snprintf (buf, size, "%s", x > 0 ? "inf" : "-inf");
  else
    snprintf (buf, size, "%.17g", x);
}

/* The shortest text that reads back as X, for people. */
void
ns_cli_fmt_short (char *buf, size_t size, double x)
{
  if (!isfinite (x))
    {
      ns_cli_fmt17 (buf, size, x);
      return;
    }
  for (int p = 1; p <= 17; p++)
    {
      snprintf (buf, size, "%.*g", p, x);
      if (strtod (buf, NULL) == x)
        return;
    }
}

/* A short text for an error bound. */
static void
fmt_err (char *buf, size_t size, double e)
{
  if (e == 0)
    snprintf (buf, size, "0");
  else if (isfinite (e))
    snprintf (buf, size, "%.1e", e);
  else
    ns_cli_fmt17 (buf, size, e);
}

/* A JSON number: finite values as numbers, infinities as the strings
   "inf" and "-inf", NaN as null. */
void
ns_cli_json_num (FILE *out, double x)
{
  char buf[40];
  if (isnan (x))
    fputs ("null", out);
  else if (isinf (x))
    fputs (x > 0 ? "\"inf\"" : "\"-inf\"", out);
  else
    {
      ns_cli_fmt17 (buf, sizeof buf, x);
      fputs (buf, out);
    }
}

void
ns_cli_json_str (FILE *out, const char *s)
{
  putc ('"', out);
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    if (*p == '"' || *p == '\\')
      fprintf (out, "\\%c", *p);
    else if (*p < 0x20)
      fprintf (out, "\\u%04x", *p);
    else
      putc (*p, out);
  putc ('"', out);
}

/* A CSV field: quoted when it holds a comma, a quote or a newline. */
void
ns_cli_csv_str (FILE *out, const char *s)
{
  if (strpbrk (s, ",\"\n") == NULL)
    {
      fputs (s, out);
      return;
    }
  putc ('"', out);
  for (const char *p = s; *p; p++)
    {
      if (*p == '"')
        putc ('"', out);
      putc (*p, out);
    }
  putc ('"', out);
}

void
ns_cli_csv_num (FILE *out, double x)
{
  char buf[40];
  ns_cli_fmt17 (buf, sizeof buf, x);
  fputs (buf, out);
}

/* "f'", "f''", "f^(3)"; "f" for order 0. */
static void
deriv_name (char *buf, size_t size, const char *base, int k)
{
  if (k <= 2)
    snprintf (buf, size, "%s%s", base, k == 0 ? "" : k == 1 ? "'" : "''");
  else
    snprintf (buf, size, "%s^(%d)", base, k);
}

/* ------------------------------------------------------------------ eval */

static int
run_eval (ctx *c)
{
  const opts *o = c->o;
  FILE *out = c->out;
  int status = NS_CLI_OK;
  double x[MAX_POS];
  for (int i = 1; i < o->npos; i++)
    if (!ns_cli_parse_real (o->pos[i], &x[i]))
      return ns_cli_usage_error (c->err, c->cmd, "X must be a finite number, not '%s'", o->pos[i]);

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
          fprintf (c->err, PROGRAM " eval: f(%s) is not defined: %s\n", xs, ns_strerror (s));
        }
      if (o->format == FMT_JSON)
        {
          fputs (i > 1 ? ", {\"x\": " : "{\"x\": ", out);
          ns_cli_json_num (out, x[i]);
          fputs (", \"value\": ", out);
          ns_cli_json_num (out, s == NS_OK ? r.val : NO_VALUE);
          fputs (", \"abserr\": ", out);
          ns_cli_json_num (out, s == NS_OK ? r.err : NO_VALUE);
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
              ns_cli_csv_num (out, r.err);
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
              fmt_err (es, sizeof es, r.err);
              fprintf (out, "f(%s) = %s ± %s\n", xs, vs, es);
            }
          else
            fprintf (out, "f(%s) is not defined: %s\n", xs, ns_strerror (s));
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
  else
    fprintf (out, "  %-12s does not exist: %s\n", lhs, ns_strerror (s));
}

static int
run_diff (ctx *c)
{
  const opts *o = c->o;
  FILE *out = c->out;
  int k = o->order, status = NS_CLI_OK;
  char name[32];
  deriv_name (name, sizeof name, "f", k);

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
          fprintf (c->err, PROGRAM " diff: f(%s) is not defined: %s\n", xs, ns_strerror (sv));
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
              deriv_name (dn, sizeof dn, "f", j);
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
    fprintf (out, "], \"truncated\": %s}\n", sb == NS_ELIMIT ? "true" : "false");
  else if (o->format == FMT_TEXT && sb == NS_ELIMIT)
    fprintf (out, "  (only the first %zu breakpoints are listed)\n", n);
  return status;
}

/* ------------------------------------------------------------------ pair, verify */

static const char *const route_names[NS_VERIFY_NROUTES] = { "exact", "weak", "closed" };

/* The report for <D^K T_f, bump>; NS_CLI_OK or a failure already printed. */
static int
make_report (ctx *c, ns_verify_report *rep)
{
  ns_testfn *phi = NULL;
  ns_status s = ns_testfn_bump_alloc (c->o->bump_c, c->o->bump_r, &phi);
  if (s != NS_OK)
    return ns_cli_usage_error (c->err, c->cmd, "bad --bump: %s", ns_strerror (s));
  s = ns_verify_ibp (c->f, c->o->order, phi, rep);
  ns_testfn_free (phi);
  if (s != NS_OK)
    {
      fprintf (c->err, PROGRAM " %s: %s\n", c->cmd, ns_strerror (s));
      return NS_CLI_FAIL;
    }
  return NS_CLI_OK;
}

static void
print_report (ctx *c, const ns_verify_report *rep, int with_agree)
{
  const opts *o = c->o;
  FILE *out = c->out;
  const ns_verify_route *a = &rep->route[NS_VERIFY_EXACT];
  int ok_a = a->status == NS_OK || a->status == NS_ETOL;
  if (o->format == FMT_JSON)
    {
      fputs ("{\"expr\": ", out);
      ns_cli_json_str (out, c->text);
      fprintf (out, ", \"order\": %d, \"test\": {\"name\": \"bump\", \"c\": ", o->order);
      ns_cli_json_num (out, o->bump_c);
      fputs (", \"r\": ", out);
      ns_cli_json_num (out, o->bump_r);
      fputs ("}, \"value\": ", out);
      ns_cli_json_num (out, ok_a ? a->val : NO_VALUE);
      fputs (", \"abserr\": ", out);
      ns_cli_json_num (out, ok_a ? a->err : NO_VALUE);
      if (!ok_a)
        {
          fputs (", \"value_status\": ", out);
          ns_cli_json_str (out, ns_strerror (a->status));
        }
      fputs (", \"routes\": [", out);
      int first = 1;
      for (int i = 0; i < NS_VERIFY_NROUTES; i++)
        {
          const ns_verify_route *r = &rep->route[i];
          int ok = r->status == NS_OK || r->status == NS_ETOL;
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
          ns_cli_json_num (out, ok ? r->err : NO_VALUE);
          fprintf (out, ", \"evals\": %zu, \"status\": ", r->neval);
          ns_cli_json_str (out, r->status == NS_OK ? "ok" : ns_strerror (r->status));
          fputs ("}", out);
        }
      fputs ("]", out);
      if (with_agree)
        fprintf (out, ", \"agree\": %s", rep->agree ? "true" : "false");
      fputs ("}\n", out);
    }
  else if (o->format == FMT_CSV)
    {
      fputs ("route,value,abserr,evals,status,method\n", out);
      for (int i = 0; i < NS_VERIFY_NROUTES; i++)
        {
          const ns_verify_route *r = &rep->route[i];
          int ok = r->status == NS_OK || r->status == NS_ETOL;
          if (!r->available)
            continue;
          fprintf (out, "%s,", route_names[i]);
          if (ok)
            {
              ns_cli_csv_num (out, r->val);
              putc (',', out);
              ns_cli_csv_num (out, r->err);
            }
          else
            putc (',', out);
          fprintf (out, ",%zu,", r->neval);
          ns_cli_csv_str (out, r->status == NS_OK ? "ok" : ns_strerror (r->status));
          putc (',', out);
          ns_cli_csv_str (out, r->method);
          putc ('\n', out);
        }
    }
  else
    {
      char cs[40], rs[40], tn[32], vs[40], es[40];
      ns_cli_fmt_short (cs, sizeof cs, o->bump_c);
      ns_cli_fmt_short (rs, sizeof rs, o->bump_r);
      deriv_name (tn, sizeof tn, "T", o->order);
      fprintf (out, "f(x) = %s, T its distribution, phi the bump centred at %s, radius %s\n",
               c->text, cs, rs);
      if (with_agree)
        {
          ns_verify_fprint (out, rep);
          return;
        }
      if (ok_a)
        {
          ns_cli_fmt_short (vs, sizeof vs, a->val);
          fmt_err (es, sizeof es, a->err);
          fprintf (out, "<%s, phi> = %s ± %s   (%zu evaluations)\n", tn, vs, es, a->neval);
        }
      else
        fprintf (out, "<%s, phi> cannot be computed: %s\n", tn, ns_strerror (a->status));
      for (int i = 0; i < NS_VERIFY_NROUTES; i++)
        {
          const ns_verify_route *r = &rep->route[i];
          if (!r->available)
            continue;
          if (r->status == NS_OK || r->status == NS_ETOL)
            {
              ns_cli_fmt_short (vs, sizeof vs, r->val);
              fmt_err (es, sizeof es, r->err);
              fprintf (out, "  route %-6s %s ± %s   (%zu evaluations; %s)\n", route_names[i], vs,
                       es, r->neval, r->method);
            }
          else
            fprintf (out, "  route %-6s failed: %s\n", route_names[i], ns_strerror (r->status));
        }
    }
}

static int
run_pair (ctx *c)
{
  ns_verify_report rep;
  int status = make_report (c, &rep);
  if (status != NS_CLI_OK)
    return status;
  print_report (c, &rep, 0);
  ns_status s = rep.route[NS_VERIFY_EXACT].status;
  if (s != NS_OK && s != NS_ETOL)
    {
      fprintf (c->err, PROGRAM " pair: the pairing cannot be computed: %s\n", ns_strerror (s));
      return NS_CLI_FAIL;
    }
  return NS_CLI_OK;
}

static int
run_verify (ctx *c)
{
  ns_verify_report rep;
  int status = make_report (c, &rep);
  if (status != NS_CLI_OK)
    return status;
  print_report (c, &rep, 1);
  return rep.agree ? NS_CLI_OK : NS_CLI_FAIL;
}

/* ------------------------------------------------------------------ subdiff */

static const char *const kind_keys[NS_SUBDIFF_KIND_COUNT] = { "frechet", "limiting", "clarke",
                                                              "convex" };

static int
run_subdiff (ctx *c)
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
          fprintf (out, ", \"%s\": ", kind_keys[k]);
          if (st[k] != NS_OK)
            {
              fprintf (out, "null, \"%s_status\": ", kind_keys[k]);
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
            fprintf (out, "%s,,,", kind_keys[k]);
            ns_cli_csv_str (out, why[k]);
            putc ('\n', out);
          }
        else if (set[k].n == 0)
          fprintf (out, "%s,,,empty\n", kind_keys[k]);
        else
          for (int i = 0; i < set[k].n; i++)
            {
              fprintf (out, "%s,", kind_keys[k]);
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

/* ------------------------------------------------------------------ commands */

static const command commands[] = {
  { "eval", OPT_FORMAT | OPT_HELP, "EXPR X...", "values with an error bound",
    "Prints f(X) with a bound on its rounding error for each X.\n"
    "Exit status 1 when f is not defined at some X (the others are still printed).\n",
    run_eval },
  { "diff", OPT_FORMAT | OPT_HELP | OPT_ORDER | OPT_AT | OPT_RANGE,
    "EXPR [--order K] [--at X]... [--range A:B]",
    "one-sided and pointwise derivatives, breakpoints and jumps",
    "  --order K      derivative order, 0..16 (default 1)\n"
    "  --at X         a point (repeatable): f(X), the one-sided derivatives\n"
    "                 f^(K)(X-), f^(K)(X+) and whether f^(K)(X) exists\n"
    "  --range A:B    where breakpoints are listed (default -4:4), with the\n"
    "                 jumps of f, f', ..., f^(K) at each\n"
    "Exit status 1 when f is not defined at some X.\n",
    run_diff },
  { "pair", OPT_FORMAT | OPT_HELP | OPT_ORDER | OPT_BUMP, "EXPR [--order K] [--bump C,R]",
    "the pairing <T^(K), phi> of the distributional derivative",
    "  --order K      derivative order, 0..16 (default 1)\n"
    "  --bump C,R     the test function exp(-1/(1-t^2)), t = (x-C)/R (default 0,1)\n"
    "The value is route 'exact' (the exact distributional derivative, jumps\n"
    "as deltas); the other routes are listed too.\n"
    "Exit status 1 when the pairing cannot be computed.\n",
    run_pair },
  { "verify", OPT_FORMAT | OPT_HELP | OPT_ORDER | OPT_BUMP, "EXPR [--order K] [--bump C,R]",
    "the integration-by-parts report: every route to <T^(K), phi>",
    "  --order K      derivative order, 0..16 (default 1)\n"
    "  --bump C,R     the test function exp(-1/(1-t^2)), t = (x-C)/R (default 0,1)\n"
    "Exit status 0 when the routes agree within their error estimates, 1 when not.\n",
    run_verify },
  { "subdiff", OPT_FORMAT | OPT_HELP | OPT_AT | OPT_KIND,
    "EXPR --at X [--kind frechet|limiting|clarke|convex|all]",
    "Frechet, limiting, Clarke and convex subdifferentials",
    "  --at X         the point (required, once)\n"
    "  --kind KIND    frechet, limiting, clarke, convex or all (default all)\n"
    "Exit status 1 when no requested subdifferential is defined at X (the\n"
    "Clarke set at a jump, any set where f is not defined).\n",
    run_subdiff },
  { "ad", OPT_FORMAT | OPT_HELP | OPT_AT | OPT_POLICY, "EXPR --at X... [--policy NAME|all]",
    "derivatives under the kink conventions of AD frameworks",
    "  --at X...      the points: each --at X, and any further arguments after\n"
    "                 EXPR (--at -1 0 1 2 is four points)\n"
    "  --policy NAME  pytorch (default), tensorflow (or keras), jax, sympy,\n"
    "                 left, right, average, min-norm, undefined; or all: one row\n"
    "                 per preset with the Clarke set and whether the derivative\n"
    "                 lies in it\n"
    "Signed zeros are kept: -0 is the frameworks' chain-rule product.\n"
    "Exit status 1 when the derivative is undefined under the policy at some X\n"
    "(with --policy all: when no preset has one), or f is not defined there.\n",
    ns_cli_run_ad },
  { "minimize", OPT_FORMAT | OPT_HELP | OPT_X0 | OPT_STEPS | OPT_STEP | OPT_SELECT,
    "EXPR --x0 X [--steps N] [--step 1/k|A/k|const:A|polyak:FSTAR]\n"
    "       [--select min-norm|zero|left|right]",
    "the subgradient method's trace",
    "  --x0 X         the starting point (required)\n"
    "  --steps N      the number of steps, 1..100000 (default 20)\n"
    "  --step RULE    t_k = 1/k (default) or A/k, const:A (t_k = A), or\n"
    "                 polyak:FSTAR (t_k = (f(x_{k-1}) - FSTAR)/g^2, FSTAR the\n"
    "                 known optimal value); A finite and > 0\n"
    "  --select SEL   which subgradient: min-norm (default), zero, left (the\n"
    "                 least element) or right (the largest)\n"
    "x_k = x_{k-1} - t_k g_{k-1}, g from the convex subdifferential (Clarke's\n"
    "when f is not certified convex).  The table shows k, x_k, f(x_k), g_k and\n"
    "the best value so far; when f is convex and 0 lies in df(x_k), x_k is\n"
    "certified a minimizer.\n"
    "Exit status 1 when the method cannot go on (f undefined at an iterate,\n"
    "no finite subgradient, overflow); the steps done are still printed.\n",
    ns_cli_run_minimize },
};
#define NCOMMANDS ((int) (sizeof commands / sizeof *commands))

static void
main_help (FILE *out)
{
  fprintf (out, "Usage: " PROGRAM " COMMAND EXPR [OPTION]...\n"
                "Values, derivatives, pairings and subdifferentials of a nonsmooth\n"
                "function of x, e.g. 'max(0, x)', 'abs(x)', 'heaviside(x)', 'floor(x)'.\n\n"
                "Commands:\n");
  for (int i = 0; i < NCOMMANDS; i++)
    fprintf (out, "  %-9s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\nOptions of every command:\n"
                "  --format FMT   text (default), json or csv\n"
                "  -h, --help     help on the command\n"
                "Options may come before or after EXPR; '--' ends the options.\n\n"
                "  " PROGRAM " --help      show this help\n"
                "  " PROGRAM " --version   show the version\n\n"
                "Exit status: 0 success, 1 a request that cannot be answered (a domain\n"
                "error, a set that does not exist, routes that disagree), 2 a usage error\n"
                "or an expression that does not parse.\n");
}

static void
command_help (FILE *out, const command *cmd)
{
  fprintf (out, "Usage: " PROGRAM " %s %s [--format text|json|csv]\n%s.\n\n%s", cmd->name,
           cmd->synopsis, cmd->summary, cmd->help);
}

/* Parses ARGV[2..] for CMD into O.  Long options as getopt_long reads
   them ("--order 2", "--order=2", unambiguous prefixes), before or after
   EXPR, plus -h.  Every other argument, "-1" and "-x" included, is
   positional: a negative number or a negated expression is never mistaken
   for an option, which getopt_long's short options would do. */
static int
parse_args (int argc, const char *const *argv, const command *cmd, opts *o, FILE *err)
{
  int only_positional = 0;
  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];
      if (only_positional || arg[0] != '-' || (arg[1] != '-' && strcmp (arg, "-h") != 0)
          || strcmp (arg, "-") == 0)
        {
          if (o->npos >= MAX_POS)
            return ns_cli_usage_error (err, cmd->name, "too many arguments (at most %d)", MAX_POS);
          o->pos[o->npos++] = arg;
          continue;
        }
      if (strcmp (arg, "--") == 0)
        {
          only_positional = 1;
          continue;
        }
      if (strcmp (arg, "-h") == 0)
        {
          o->help = 1;
          continue;
        }
      const char *name = arg + 2, *eq = strchr (name, '=');
      size_t len = eq ? (size_t) (eq - name) : strlen (name);
      const option_def *def = NULL;
      int matches = 0;
      for (int j = 0; j < NOPTIONS; j++)
        if ((cmd->options & option_defs[j].bit) && strncmp (option_defs[j].name, name, len) == 0)
          {
            if (strlen (option_defs[j].name) == len)
              {
                def = &option_defs[j];
                matches = 1;
                break;
              }
            def = &option_defs[j];
            matches++;
          }
      if (matches == 0)
        return ns_cli_usage_error (err, cmd->name, "unrecognized option '%.*s'", (int) len + 2, arg);
      if (matches > 1)
        return ns_cli_usage_error (err, cmd->name, "option '%.*s' is ambiguous", (int) len + 2, arg);
      const char *val = NULL;
      if (def->has_arg)
        {
          if (eq)
            val = eq + 1;
          else if (i + 1 < argc)
            val = argv[++i];
          else
            return ns_cli_usage_error (err, cmd->name, "option '--%s' requires an argument", def->name);
        }
      else if (eq)
        return ns_cli_usage_error (err, cmd->name, "option '--%s' takes no argument", def->name);

      switch (def->bit)
        {
        case OPT_HELP: o->help = 1; break;
        case OPT_FORMAT:
          if (strcmp (val, "text") == 0)
            o->format = FMT_TEXT;
          else if (strcmp (val, "json") == 0)
            o->format = FMT_JSON;
          else if (strcmp (val, "csv") == 0)
            o->format = FMT_CSV;
          else
            return ns_cli_usage_error (err, cmd->name, "--format must be text, json or csv, not '%s'",
                                val);
          break;
        case OPT_ORDER:
          if (!ns_cli_parse_int (val, 0, NS_MAX_ORDER, &o->order))
            return ns_cli_usage_error (err, cmd->name, "--order must be an integer 0..%d, not '%s'",
                                NS_MAX_ORDER, val);
          break;
        case OPT_AT:
          if (o->nat >= MAX_AT)
            return ns_cli_usage_error (err, cmd->name, "too many --at points (at most %d)", MAX_AT);
          if (!ns_cli_parse_real (val, &o->at[o->nat]))
            return ns_cli_usage_error (err, cmd->name, "--at must be a finite number, not '%s'", val);
          o->nat++;
          break;
        case OPT_BUMP:
          {
            char buf[128];
            const char *comma = strchr (val, ',');
            size_t n = comma ? (size_t) (comma - val) : 0;
            if (comma == NULL || n >= sizeof buf)
              return ns_cli_usage_error (err, cmd->name, "--bump must be C,R, not '%s'", val);
            memcpy (buf, val, n);
            buf[n] = '\0';
            if (!ns_cli_parse_real (buf, &o->bump_c) || !ns_cli_parse_real (comma + 1, &o->bump_r)
                || !(o->bump_r > 0))
              return ns_cli_usage_error (err, cmd->name,
                                  "--bump must be C,R with finite C and R > 0, not '%s'", val);
            break;
          }
        case OPT_KIND:
          o->kind = -2;
          for (int k = 0; k < NS_SUBDIFF_KIND_COUNT; k++)
            if (strcmp (val, kind_keys[k]) == 0)
              o->kind = k;
          if (strcmp (val, "all") == 0)
            o->kind = -1;
          if (o->kind == -2)
            return ns_cli_usage_error (err, cmd->name,
                                "--kind must be frechet, limiting, clarke, convex or all, "
                                "not '%s'", val);
          break;
        case OPT_RANGE:
          {
            char buf[128];
            const char *colon = strchr (val, ':');
            size_t n = colon ? (size_t) (colon - val) : 0;
            if (colon == NULL || n >= sizeof buf)
              return ns_cli_usage_error (err, cmd->name, "--range must be A:B, not '%s'", val);
            memcpy (buf, val, n);
            buf[n] = '\0';
            if (!ns_cli_parse_real (buf, &o->range_a) || !ns_cli_parse_real (colon + 1, &o->range_b)
                || !(o->range_a < o->range_b))
              return ns_cli_usage_error (err, cmd->name, "--range must be A:B with finite A < B, not '%s'",
                                  val);
            break;
          }
        case OPT_POLICY: o->policy = val; break;
        case OPT_X0: o->x0 = val; break;
        case OPT_STEPS: o->steps = val; break;
        case OPT_STEP: o->step = val; break;
        case OPT_SELECT: o->select = val; break;
        default: break;
        }
    }
  return NS_CLI_OK;
}

/* Parses the expression; on failure prints it with a caret under the column. */
static int
load_function (ctx *c, const char *text)
{
  ns_parse_error perr;
  ns_status s = ns_fn_parse (text, &c->f, &perr);
  if (s != NS_OK)
    {
      fprintf (c->err, PROGRAM " %s: cannot parse EXPR: %s\n", c->cmd, ns_strerror (s));
      /* The caret is placed by characters; the parser counts UTF-8 characters
         and EXPR is at most NS_PARSE_MAX_LENGTH bytes, so the echo is bounded. */
      if (perr.column > 0 && strlen (text) <= NS_PARSE_MAX_LENGTH)
        fprintf (c->err, "  %s\n  %*s^ column %d: %s\n", text, perr.column - 1, "", perr.column,
                 perr.text);
      else if (perr.text[0] != '\0')
        fprintf (c->err, "  %s\n", perr.text);
      return s == NS_ENOMEM ? NS_CLI_FAIL : NS_CLI_USAGE;
    }
  c->text = ns_fn_to_string (c->f);
  if (c->text == NULL)
    {
      fprintf (c->err, PROGRAM " %s: %s\n", c->cmd, ns_strerror (NS_ENOMEM));
      return NS_CLI_FAIL;
    }
  return NS_CLI_OK;
}

int
ns_cli_main (int argc, const char *const *argv, FILE *out, FILE *err)
{
  if (argc < 2)
    return ns_cli_usage_error (err, NULL, "missing COMMAND");
  const char *name = argv[1];
  if (strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0)
    {
      main_help (out);
      return NS_CLI_OK;
    }
  if (strcmp (name, "--version") == 0 || strcmp (name, "-V") == 0)
    {
      fprintf (out, PROGRAM " (nonsmooth) %s\n", ns_version ());
      return NS_CLI_OK;
    }
  const command *cmd = NULL;
  for (int i = 0; i < NCOMMANDS; i++)
    if (strcmp (name, commands[i].name) == 0)
      cmd = &commands[i];
  if (cmd == NULL)
    return ns_cli_usage_error (err, NULL, "unknown command '%s'", name);

  opts o = { 0 };
  o.order = 1;
  o.bump_c = 0;
  o.bump_r = 1;
  o.kind = -1;
  o.range_a = -DEFAULT_RANGE;
  o.range_b = DEFAULT_RANGE;
  int status = parse_args (argc, argv, cmd, &o, err);
  if (status != NS_CLI_OK)
    return status;
  if (o.help)
    {
      command_help (out, cmd);
      return NS_CLI_OK;
    }
  if (o.npos == 0)
    return ns_cli_usage_error (err, cmd->name, "missing EXPR");
  if (cmd->run == run_eval && o.npos < 2)
    return ns_cli_usage_error (err, cmd->name, "missing X (the points to evaluate at)");
  if (cmd->run != run_eval && cmd->run != ns_cli_run_ad && o.npos > 1)
    return ns_cli_usage_error (err, cmd->name, "unexpected argument '%s'", o.pos[1]);
  if (cmd->run == run_subdiff && o.nat != 1)
    return ns_cli_usage_error (err, cmd->name, "needs exactly one --at X");

  ctx c = { &o, NULL, NULL, out, err, cmd->name };
  status = load_function (&c, o.pos[0]);
  if (status == NS_CLI_OK)
    status = cmd->run (&c);
  free (c.text);
  ns_fn_free (c.f);
  return status;
}
