/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/polytope_contains.c: ns_polytope_contains, whether a point
   (with rounding bounds) lies in a polytope (whose vertices have bounds),
   decided for every reading or refused: outside by a strictly separating
   facet normal, otherwise on the checked hull of the vertices (an exact
   affine hull, then a simplex of its triangulated boundary). */
#include <config.h>
#include <math.h>
#include <stdlib.h>
#include "multi/polytope_hull_impl.h"

ns_status
ns_polytope_contains (const ns_polytope *p, const double *g, const double *gerr, int *inside)
{
  if (inside == NULL)
    return NS_EINVAL;
  *inside = 0;
  if (p == NULL || g == NULL || p->n < 1 || p->n > NS_MULTI_MAX_VARS
      || (p->count > 0 && (p->vertices == NULL || p->err == NULL))
      || (p->nfacets > 0 && (p->normals == NULL || p->offsets == NULL)))
    return NS_EINVAL;
  int n = p->n;
  double ge[NS_MULTI_MAX_VARS];
  for (int j = 0; j < n; j++)
    {
      ge[j] = gerr == NULL ? 0 : gerr[j];
      if (!isfinite (g[j]) || !isfinite (ge[j]) || !(ge[j] >= 0))
        return NS_EINVAL;
    }
  for (size_t i = 0; i < p->count * (size_t) n; i++)
    if (!isfinite (p->vertices[i]) || !isfinite (p->err[i]) || !(p->err[i] >= 0))
      return NS_EINVAL;
  if (p->count == 0)
    return NS_OK;

  /* Outside by a facet normal: G's lower end beyond every vertex's upper
     end.  The offsets are not trusted; the vertices decide. */
  for (size_t k = 0; k < p->nfacets; k++)
    {
      const double *a = &p->normals[k * n];
      double glo, ghi, vmax = -INFINITY;
      ns_hull_dot_bounds (n, a, g, ge, &glo, &ghi);
      for (size_t i = 0; i < p->count; i++)
        {
          double lo, hi;
          ns_hull_dot_bounds (n, a, &p->vertices[i * n], &p->err[i * n], &lo, &hi);
          vmax = fmax (vmax, hi);
        }
      if (vmax < glo)
        return NS_OK;
    }

  ns_hull_work w;
  ns_status st = ns_hull_work_build (n, p->vertices, p->err, p->count, &w);
  int where = NS_HULL_UNDECIDED;
  if (st == NS_OK)
    st = ns_hull_work_locate (&w, g, ge, &where);
  ns_hull_work_clear (&w);
  if (st != NS_OK)
    return st;
  if (where == NS_HULL_UNDECIDED)
    return NS_EUNDECIDED;
  *inside = where == NS_HULL_INSIDE;
  return NS_OK;
}
