/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/lesson7-subgradient-method.c: the subgradient method
   x_k = x_{k-1} - g_{k-1}/k on f(x) = |x - 1| + 2|x| from x_0 = 3/2, with
   two ways of choosing g at a kink: the element of least norm of the
   subdifferential, and sign(0) = 0 in every term, as AD does.  Both reach
   the minimizer 0 at x_2; only min-norm stays there. */
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>

#define STEPS 12

int
main (void)
{
  ns_function *f = NULL;
  if (ns_fn_parse ("abs(x - 1) + 2*abs(x)", &f, NULL) != NS_OK)
    return 1;
  ns_step_rule step = { NS_STEP_HARMONIC, 1.0, 0.0 };
  ns_selection sel[2] = { { NS_SELECT_MIN_NORM, NULL, NULL },
                          { NS_SELECT_ZERO, NULL, NULL } };
  ns_subgradient_trace *tr[2];
  for (int i = 0; i < 2; i++)
    {
      tr[i] = ns_subgradient_trace_alloc (STEPS);
      ns_subgradient_method (f, 1.5, &step, &sel[i], STEPS, tr[i]);
    }

  printf ("f(x) = |x - 1| + 2|x|, x_k = x_{k-1} - g_{k-1}/k, x_0 = 3/2\n\n");
  printf (" k   min-norm: x_k   g_k    zero: x_k       g_k\n");
  for (int k = 0; k <= STEPS; k++)
    printf ("%2d   % -14.9g %4g    % -14.9g %4g\n", k, tr[0]->x[k] + 0.0, tr[0]->g[k] + 0.0,
            tr[1]->x[k], tr[1]->g[k]);
  for (int i = 0; i < 2; i++)
    {
      int at_min = 0;
      for (int k = 0; k <= STEPS; k++)
        at_min += tr[i]->certified[k];
      printf ("\n%s: best f = %g; at a certified minimizer in %d of %d iterates",
              ns_selection_kind_name (sel[i].kind), tr[i]->best[STEPS], at_min, STEPS + 1);
    }
  printf ("\n");
  for (int i = 0; i < 2; i++)
    ns_subgradient_trace_free (tr[i]);
  ns_fn_free (f);
  return 0;
}
