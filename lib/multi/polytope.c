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

/* A lexicographic comparison of two points of R^N. */
static int
lex_less (const double *a, const double *b, int n)
{
  for (int j = 0; j < n; j++)
    if (a[j] != b[j])
      return a[j] < b[j];
  return 0;
}

/* A polygon in R^n (n > 2): its vertices in cyclic order around their
   centre, measured in the plane spanned by two of them, from the
   lexicographically smallest, towards the smaller of its two
   neighbours. */
static ns_status
order_polygon_in_space (ns_polytope *p)
{
  size_t m = p->count;
  int n = p->n;
  plane_angle *a = malloc (m * sizeof *a);
  double *v = malloc ((size_t) n * m * sizeof *v), *e = malloc ((size_t) n * m * sizeof *e);
  double c[NS_MULTI_MAX_VARS] = { 0 }, u[NS_MULTI_MAX_VARS], w[NS_MULTI_MAX_VARS];
  if (a == NULL || v == NULL || e == NULL)
    {
      free (a), free (v), free (e);
      return NS_ENOMEM;
    }
  for (size_t i = 0; i < m; i++)
    for (int j = 0; j < n; j++)
      c[j] += p->vertices[i * n + j] / (double) m;
  /* U towards vertex 0; W the part of the farthest other direction
     orthogonal to U (the polygon is 2-dimensional, so one exists). */
  double uu = 0, best = -1;
  for (int j = 0; j < n; j++)
    u[j] = p->vertices[j] - c[j], uu += u[j] * u[j];
  for (size_t i = 1; i < m; i++)
    {
      double t[NS_MULTI_MAX_VARS], tu = 0, tt = 0;
      for (int j = 0; j < n; j++)
        t[j] = p->vertices[i * n + j] - c[j], tu += t[j] * u[j];
      for (int j = 0; j < n; j++)
        t[j] -= tu / uu * u[j], tt += t[j] * t[j];
      if (tt > best)
        {
          best = tt;
          memcpy (w, t, (size_t) n * sizeof *w);
        }
    }
  for (size_t i = 0; i < m; i++)
    {
      double x = 0, y = 0;
      for (int j = 0; j < n; j++)
        {
          double d = p->vertices[i * n + j] - c[j];
          x += d * u[j], y += d * w[j];
        }
      a[i].i = i;
      a[i].angle = atan2 (y, x);
    }
  qsort (a, m, sizeof *a, cmp_plane_angle);
  size_t first = 0;
  for (size_t k = 1; k < m; k++)
    if (lex_less (&p->vertices[a[k].i * n], &p->vertices[a[first].i * n], n))
      first = k;
  const double *next = &p->vertices[a[(first + 1) % m].i * n];
  const double *prev = &p->vertices[a[(first + m - 1) % m].i * n];
  int step = lex_less (prev, next, n) ? -1 : 1;
  for (size_t k = 0; k < m; k++)
    {
      size_t i = a[step > 0 ? (first + k) % m : (first + m - k) % m].i;
      memcpy (&v[k * n], &p->vertices[i * n], (size_t) n * sizeof *v);
      memcpy (&e[k * n], &p->err[i * n], (size_t) n * sizeof *e);
    }
  memcpy (p->vertices, v, (size_t) n * m * sizeof *v);
  memcpy (p->err, e, (size_t) n * m * sizeof *e);
  free (a), free (v), free (e);
  return NS_OK;
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
  if (p == NULL || p->dim != 2 || p->count < 3)
    return NS_OK;
  if (p->n > 2)
    return order_polygon_in_space (p);
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
