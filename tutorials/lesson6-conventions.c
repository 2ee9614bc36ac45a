/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/lesson6-conventions.c: at a kink, automatic differentiation
   returns a convention, not a derivative.  relu'(0) under each preset of
   ns_ad (what PyTorch, TensorFlow, JAX, SymPy and the generic rules give),
   max(x, 0) next to relu(x): the same function, yet in PyTorch and JAX
   a different derivative at 0; and the sign of a zero gradient, which
   depends on the framework and the AD mode. */
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>

/* Writes the derivative of F at 0 under policy P, or that there is none,
   in a column WIDTH wide. */
static void
print_deriv (const ns_function *f, const ns_kink_policy *p, int width)
{
  double value, d;
  ns_status st = ns_ad_deriv (f, 0, p, NS_AD_REVERSE, &value, &d);
  if (st == NS_OK)
    printf ("  %-*g", width, d);
  else
    printf ("  %-*s", width, "undefined");
}

int
main (void)
{
  ns_function *relu = ns_fn_relu (ns_fn_x ());
  ns_function *max0 = ns_fn_max (ns_fn_x (), ns_fn_const (0));
  ns_set clarke;
  ns_subdiff (relu, 0, NS_SUBDIFF_CLARKE, &clarke);
  printf ("Clarke subdifferential of relu at 0: ");
  ns_set_print (stdout, &clarke, 0);
  printf ("\n\n%-10s  %-10s  %s\n", "preset", "relu'(0)", "max(x, 0)' at 0");
  for (int i = 0; i < NS_AD_PRESET_COUNT; i++)
    {
      ns_kink_policy p;
      NS_KINK_POLICY_INIT (&p, (ns_ad_preset) i);
      printf ("%-10s", p.name);
      print_deriv (relu, &p, 10);
      print_deriv (max0, &p, 0);
      printf ("\n");
    }
  /* Where relu is flat, the zero it passes on has a sign, and the sign
     depends on the framework and on the AD mode. */
  ns_function *loss = ns_fn_div (ns_fn_pow (ns_fn_sub (ns_fn_relu (ns_fn_x ()),
                                                       ns_fn_const (1)), 2),
                                 ns_fn_const (4));
  printf ("\nd/dx (relu(x) - 1)^2 / 4 at x = -1, where relu is flat:\n\n");
  printf ("%-10s  %-8s  %s\n", "preset", "reverse", "forward");
  for (int i = 0; i < NS_AD_PRESET_COUNT; i++)
    {
      ns_kink_policy p;
      double value, rev, fwd;
      NS_KINK_POLICY_INIT (&p, (ns_ad_preset) i);
      ns_ad_deriv (loss, -1, &p, NS_AD_REVERSE, &value, &rev);
      ns_ad_deriv (loss, -1, &p, NS_AD_FORWARD, &value, &fwd);
      printf ("%-10s  %+-8g  %+g\n", p.name, rev, fwd);
    }
  ns_fn_free (loss);
  ns_fn_free (max0);
  ns_fn_free (relu);
  return 0;
}
