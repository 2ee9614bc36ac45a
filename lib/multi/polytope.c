/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/polytope.c: allocation of ns_polytope, the shape every
   subdifferential of several variables is returned in. */
#include <stdint.h>
#include <stdlib.h>
#include "multi/multi_impl.h"

ns_polytope *
ns_polytope_alloc (int n, size_t count, size_t nfacets)
{
  if (n < 1 || n > NS_MULTI_MAX_VARS
      || count > SIZE_MAX / sizeof (double) / (size_t) n
      || nfacets > SIZE_MAX / sizeof (double) / (size_t) n)
    return NULL;
  ns_polytope *p = calloc (1, sizeof *p);
  if (p == NULL)
    return NULL;
  p->n = n;
  p->dim = count == 0 ? -1 : 0;
  p->count = count;
  p->nfacets = nfacets;
  /* calloc of 0 bytes may return NULL: allocate at least one element so
     that NULL means only "no memory". */
  p->vertices = calloc (count * (size_t) n + 1, sizeof (double));
  p->err = calloc (count * (size_t) n + 1, sizeof (double));
  p->normals = calloc (nfacets * (size_t) n + 1, sizeof (double));
  p->offsets = calloc (nfacets + 1, sizeof (double));
  if (p->vertices == NULL || p->err == NULL || p->normals == NULL || p->offsets == NULL)
    {
      ns_polytope_free (p);
      return NULL;
    }
  return p;
}

void
ns_polytope_free (ns_polytope *p)
{
  if (p == NULL)
    return;
  free (p->vertices);
  free (p->err);
  free (p->normals);
  free (p->offsets);
  free (p);
}
