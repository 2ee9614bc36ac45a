/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_clarke_polytope.c: ns_mfn_clarke_polytope, the Clarke
   subdifferential of a function of several variables as a checked
   polytope: the hull (ns_polytope_hull) of the limiting gradients
   (ns_mfn_limiting_gradients), whatever n that function handles; and
   ns_mfn_limiting_all, which asks for all of them, shared with the
   stationarity test's Clarke points. */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include "multi/multi_impl.h"

/* The first buffer for the limiting gradients; a larger count comes back
   with NS_ELIMIT and the call is repeated with room for all of them. */
#define CLARKE_FIRST_MAX 64

ns_status
ns_mfn_limiting_all (const ns_mfn *f, const double *x, ns_result **out, size_t *count)
{
  size_t n = (size_t) f->n, max = CLARKE_FIRST_MAX;
  ns_result *g = NULL;
  ns_status st;
  *out = NULL;
  *count = 0;
  for (;;)
    {
      ns_result *t = realloc (g, (max * n + 1) * sizeof *g);
      if (t == NULL)
        {
          free (g);
          return NS_ENOMEM;
        }
      g = t;
      st = ns_mfn_limiting_gradients (f, x, g, max, count);
      /* NS_ELIMIT with more gradients than room: once more with room for
         all; NS_ELIMIT otherwise (n beyond what the function handles) is
         the answer. */
      if (st != NS_ELIMIT || *count <= max || *count > SIZE_MAX / sizeof *g / n - 1)
        break;
      max = *count;
    }
  *out = g;
  return st;
}

ns_status
ns_mfn_clarke_polytope (const ns_mfn *f, const double *x, ns_polytope **out)
{
  if (out == NULL)
    return NS_EINVAL;
  *out = NULL;
  if (f == NULL || x == NULL)
    return NS_EINVAL;
  size_t count = 0;
  ns_result *g = NULL;
  ns_status st = ns_mfn_limiting_all (f, x, &g, &count);
  if (st == NS_OK)
    st = ns_polytope_hull (f->n, g, count, out);
  free (g);
  return st;
}
