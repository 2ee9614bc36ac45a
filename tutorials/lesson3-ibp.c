/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/lesson3-ibp.c: integration by parts for ReLU.  For the bump
   phi(x) = exp(-1/(1-x^2)) on (-1, 1), <r', phi> = -<r, phi'> = int_0^inf phi,
   computed three ways with error estimates, as GSL's examples print them. */
#include <math.h>
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>

int
main (void)
{
  ns_function *r = ns_fn_relu (ns_fn_x ());
  ns_testfn *phi;
  ns_testfn_bump_alloc (0.0, 1.0, &phi);

  /* The exact value: half the bump's integral, a Bessel-function closed
     form (the bump is even). */
  ns_result whole;
  ns_testfn_integral (phi, &whole);
  double exact = whole.val / 2;

  ns_verify_report rep;
  ns_verify_ibp (r, 1, phi, &rep);
  const char *names[] = { "<r', phi>   (pair H with phi)", "-<r, phi'>  (quadrature)",
                          "int_0^inf phi (closed form)" };
  printf ("closed form      = %.18f  (error bound %.1e)\n\n", exact, whole.err / 2);
  for (int i = 0; i < NS_VERIFY_NROUTES; i++)
    {
      const ns_verify_route *rt = &rep.route[i];
      if (!rt->available)
        continue;
      printf ("%s\n", names[i]);
      printf ("  result         = %.18f\n", rt->val);
      printf ("  estimated error = %.1e\n", rt->err);
      printf ("  differs from the closed form by %.1e\n", fabs (rt->val - exact));
      printf ("  evaluations     = %zu\n", rt->neval);
    }
  printf ("\nthe routes %s\n", rep.agree ? "agree within their error estimates"
                                         : "DISAGREE");
  ns_testfn_free (phi);
  ns_fn_free (r);
  return rep.agree ? 0 : 1;
}
