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
