/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/lesson4-heaviside-delta.c: the pointwise derivative of the
   Heaviside step H is 0 wherever it exists, but its distributional
   derivative is the Dirac delta: <H', phi> = phi(0), whatever H(0) is. */
#include <math.h>
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>

int
main (void)
{
  ns_testfn *phi;
  ns_testfn_bump_alloc (0.0, 1.0, &phi);
  ns_result phi0;
  ns_testfn_eval (phi, 0, 0.0, &phi0);
  printf ("phi(0) = exp(-1) = %.17g\n\n", phi0.val);

  const double h0[] = { 0.0, 0.5, 1.0 };
  for (int i = 0; i < 3; i++)
    {
      ns_function *h = ns_fn_heaviside (ns_fn_x (), h0[i]);
      double d;
      ns_status s = ns_fn_deriv (h, 0.5, 1, &d);
      printf ("H(0) = %-3g  H'(0.5) = %g (pointwise),  ", h0[i], s == NS_OK ? d : (double) NAN);
      s = ns_fn_deriv (h, 0.0, 1, &d);
      printf ("H'(0) %s\n", ns_strerror (s));

      ns_dist *T, *dT;
      ns_pair_result p;
      ns_dist_regular (h, &T);
      ns_dist_deriv (T, 1, &dT);
      ns_dist_pair (dT, phi, NULL, &p);
      printf ("             <H', phi> = %.17g  (error bound %.1e, actual %.1e)\n",
              p.val, p.err, fabs (p.val - phi0.val));
      ns_dist_free (dT);
      ns_dist_free (T);
      ns_fn_free (h);
    }
  ns_testfn_free (phi);
  return 0;
}
