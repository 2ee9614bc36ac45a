/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/lesson5-subgradients.c: at a kink the derivative is a set.
   The four subdifferentials of ReLU and of -|x| at 0, and the subgradient
   inequality r(y) >= r(0) + g y checked on [-10, 10]. */
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>

static void
show_all_kinds (const char *name, const ns_function *f, double x)
{
  printf ("%s at %g:\n", name, x);
  for (int k = 0; k < NS_SUBDIFF_KIND_COUNT; k++)
    {
      ns_set s;
      char text[128];
      ns_status st = ns_subdiff (f, x, (ns_subdiff_kind) k, &s);
      ns_set_snprint (text, sizeof text, &s, 0);
      printf ("  %-9s %s", ns_subdiff_kind_name ((ns_subdiff_kind) k), text);
      printf (st == NS_OK ? "\n" : "   (%s)\n", ns_strerror (st));
    }
}

int
main (void)
{
  ns_function *r = ns_fn_relu (ns_fn_x ());
  ns_function *m = ns_fn_neg (ns_fn_abs (ns_fn_x ()));
  show_all_kinds ("relu", r, -1);
  show_all_kinds ("relu", r, 0);
  show_all_kinds ("relu", r, 1);
  show_all_kinds ("-|x|", m, 0);

  const double g[] = { 0.3, 1.2 };
  for (int i = 0; i < 2; i++)
    {
      ns_subgrad_report rep;
      ns_subgrad_check (r, 0, g[i], -10, 10, &rep);
      if (rep.holds)
        printf ("\ng = %g: r(y) >= %g y for every y in [-10, 10]\n", g[i], g[i]);
      else
        printf ("\ng = %g fails: at y = %g, r(y) = %g < %g y = %g\n", g[i],
                rep.witness, rep.witness > 0 ? rep.witness : 0.0, g[i], g[i] * rep.witness);
    }
  ns_fn_free (m);
  ns_fn_free (r);
  return 0;
}
