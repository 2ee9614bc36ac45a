/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_clarke_polytope.c: ns_mfn_clarke_polytope, the Clarke
   subdifferential of a function of several variables as a checked
   polytope: the hull (ns_polytope_hull) of the limiting gradients
   (ns_mfn_limiting_gradients), whatever n that function handles. */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include "multi/multi_impl.h"

/* The first buffer for the limiting gradients; a larger count comes back
   with NS_ELIMIT and the call is repeated with room for all of them. */
#define CLARKE_FIRST_MAX 64

ns_status
ns_mfn_clarke_polytope (const ns_mfn *f, const double *x, ns_polytope **out)
{
  if (out == NULL)
    return NS_EINVAL;
  *out = NULL;
  if (f == NULL || x == NULL)
    return NS_EINVAL;
  int n = f->n;
  size_t max = CLARKE_FIRST_MAX, count = 0;
  ns_result *g = NULL;
  ns_status st;
  for (;;)
    {
      ns_result *t = realloc (g, (max * (size_t) n + 1) * sizeof *g);
      if (t == NULL)
        {
          free (g);
          return NS_ENOMEM;
        }
      g = t;
      st = ns_mfn_limiting_gradients (f, x, g, max, &count);
      /* NS_ELIMIT with more gradients than room: once more with room for
         all; NS_ELIMIT otherwise (n beyond what the function handles) is
         the answer. */
      if (st != NS_ELIMIT || count <= max || count > SIZE_MAX / sizeof *g / (size_t) n - 1)
        break;
      max = count;
    }
  if (st == NS_OK)
    st = ns_polytope_hull (n, g, count, out);
  free (g);
  return st;
}
