/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/lesson1-relu.c: ReLU, r(x) = max(0, x), read from text and
   evaluated at the points of the tutorial's first table. */
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>

int
main (void)
{
  ns_function *r;
  ns_parse_error err;
  if (ns_fn_parse ("max(0, x)", &r, &err) != NS_OK)
    {
      fprintf (stderr, "column %d: %s\n", err.column, err.text);
      return 1;
    }
  printf ("r(x) = ");
  ns_fn_print (stdout, r);
  printf ("\n\n    x    r(x)   error bound\n");
  for (int i = -4; i <= 4; i++)
    {
      ns_result v;
      ns_status s = ns_fn_eval (r, i, &v);
      if (s != NS_OK)
        {
          printf ("%5d    %s\n", i, ns_strerror (s));
          continue;
        }
      printf ("%5d %6g   %g\n", i, v.val, v.err);
    }
  ns_fn_free (r);
  return 0;
}
