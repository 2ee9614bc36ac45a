/* tutorials/nonsmooth-cli-pair.c: the explorer's distributional commands,
   "pair" (<T^(K), phi>, T the distribution of f) and "verify" (the
   integration-by-parts report, every route).  Every number comes from a
   public library call. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "nonsmooth-cli.h"
#include "nonsmooth-cli-impl.h"

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
      ns_cli_deriv_name (tn, sizeof tn, "T", o->order);
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
          ns_cli_fmt_err (es, sizeof es, a->err);
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
              ns_cli_fmt_err (es, sizeof es, r->err);
              fprintf (out, "  route %-6s %s ± %s   (%zu evaluations; %s)\n", route_names[i], vs,
                       es, r->neval, r->method);
            }
          else
            fprintf (out, "  route %-6s failed: %s\n", route_names[i], ns_strerror (r->status));
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
  ns_status s = rep.route[NS_VERIFY_EXACT].status;
  if (s != NS_OK && s != NS_ETOL)
    {
      fprintf (c->err, PROGRAM " pair: the pairing cannot be computed: %s\n", ns_strerror (s));
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
  return rep.agree ? NS_CLI_OK : NS_CLI_FAIL;
}
