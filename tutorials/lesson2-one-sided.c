/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/lesson2-one-sided.c: the one-sided derivatives of ReLU at its
   kink, from exact one-sided Taylor expansions, and why r'(0) does not
   exist as a number. */
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>

int
main (void)
{
  ns_function *r = ns_fn_relu (ns_fn_x ());
  const double points[] = { -2, 0, 2 };
  for (int i = 0; i < 3; i++)
    {
      double x = points[i], left, right, d;
      ns_fn_deriv_side (r, x, NS_LEFT, 1, &left);
      ns_fn_deriv_side (r, x, NS_RIGHT, 1, &right);
      ns_status s = ns_fn_deriv (r, x, 1, &d);
      printf ("x = %2g:  r'(x-) = %g,  r'(x+) = %g,  r'(x) ", x, left, right);
      if (s == NS_OK)
        printf ("= %g\n", d);
      else
        printf ("is %s\n", ns_strerror (s));
    }

  /* The jump of r' at 0 is the weight of the delta in r'' (lesson 4). */
  double jump;
  ns_fn_jump (r, 0, 1, &jump);
  printf ("\njump of r' at 0: [r'](0) = r'(0+) - r'(0-) = %g\n", jump);

  /* The germ: r(0 + t) = c0 + c1 t + c2 t^2 + ... for small t > 0. */
  ns_germ g;
  ns_fn_germ (r, 0, NS_RIGHT, 3, &g);
  printf ("right germ at 0: %g + %g t + %g t^2 + %g t^3 (exact: %s)\n",
          g.c[0], g.c[1], g.c[2], g.c[3], g.exact ? "yes" : "no");
  ns_fn_free (r);
  return 0;
}
