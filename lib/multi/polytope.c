/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/polytope.c: allocation of ns_polytope, the shape every
   subdifferential of several variables is returned in. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
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

/* Angles of the vertices about their centre, for ns_polytope_order_plane. */
typedef struct
{
  double angle;
  size_t i;
} plane_angle;

static int
cmp_plane_angle (const void *a, const void *b)
{
  double x = ((const plane_angle *) a)->angle, y = ((const plane_angle *) b)->angle;
  return (x > y) - (x < y);
}

ns_status
ns_polytope_order_plane (ns_polytope *p)
{
  if (p != NULL && p->dim == 1 && p->count == 2)
    {
      /* A segment from its lexicographically smaller end. */
      int n = p->n, swap = 0;
      for (int j = 0; j < n; j++)
        if (p->vertices[j] != p->vertices[n + j])
          {
            swap = p->vertices[j] > p->vertices[n + j];
            break;
          }
      for (int j = 0; swap && j < n; j++)
        {
          double t = p->vertices[j];
          p->vertices[j] = p->vertices[n + j], p->vertices[n + j] = t;
          t = p->err[j];
          p->err[j] = p->err[n + j], p->err[n + j] = t;
        }
      return NS_OK;
    }
  if (p == NULL || p->n != 2 || p->dim != 2 || p->count < 3)
    return NS_OK;
  size_t m = p->count;
  plane_angle *a = malloc (m * sizeof *a);
  double *v = malloc (2 * m * sizeof *v), *e = malloc (2 * m * sizeof *e);
  if (a == NULL || v == NULL || e == NULL)
    {
      free (a), free (v), free (e);
      return NS_ENOMEM;
    }
  /* The vertices of a convex polygon seen from an interior point (their
     centre) are in the order of their angles. */
  double c0 = 0, c1 = 0;
  for (size_t i = 0; i < m; i++)
    c0 += p->vertices[2 * i] / (double) m, c1 += p->vertices[2 * i + 1] / (double) m;
  for (size_t i = 0; i < m; i++)
    {
      a[i].i = i;
      a[i].angle = atan2 (p->vertices[2 * i + 1] - c1, p->vertices[2 * i] - c0);
    }
  qsort (a, m, sizeof *a, cmp_plane_angle);
  size_t first = 0;
  for (size_t k = 1; k < m; k++)
    {
      const double *s = &p->vertices[2 * a[k].i], *t = &p->vertices[2 * a[first].i];
      if (s[1] < t[1] || (s[1] == t[1] && s[0] < t[0]))
        first = k;
    }
  for (size_t k = 0; k < m; k++)
    {
      size_t i = a[(first + k) % m].i;
      v[2 * k] = p->vertices[2 * i], v[2 * k + 1] = p->vertices[2 * i + 1];
      e[2 * k] = p->err[2 * i], e[2 * k + 1] = p->err[2 * i + 1];
    }
  memcpy (p->vertices, v, 2 * m * sizeof *v);
  memcpy (p->err, e, 2 * m * sizeof *e);
  free (a), free (v), free (e);
  return NS_OK;
}
