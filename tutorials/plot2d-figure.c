/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/plot2d-figure.c: the figure of a function of two variables
   (see plot2d-figure.h), shared by the explorer's plot and the tutorial.
   The kink lines are exact where they cross the grid: along each grid
   edge p -> q the restriction t -> f(p + t (q - p)) is a function of one
   variable, and its breakpoints (ns_fn_breakpoints) where it or its
   derivative jumps are the points where f has a kink or a jump; inside a
   cell they are joined by straight segments.  The contours are a picture
   only (marching squares on the values at the grid's corners). */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "plot2d-figure.h"

#define GRID_X PLOT2D_GRID_X
#define GRID_Y PLOT2D_GRID_Y
#define LEVELS PLOT2D_LEVELS
#define MAX_LEVELS PLOT2D_MAX_LEVELS
#define EDGE_MAX 8           /* kink points kept per grid edge */
#define NO_VALUE ((double) NAN)

/* ------------------------------------------------------------------ segments */

/* A growing list of segments (x0, y0) - (x1, y1). */
typedef struct seglist {
  double *x0, *y0, *x1, *y1;
  size_t n, cap;
} seglist;

static ns_status
seg_push (seglist *s, double x0, double y0, double x1, double y1)
{
  if (s->n == s->cap)
    {
      size_t cap = s->cap ? 2 * s->cap : 512;
      double **a[4] = { &s->x0, &s->y0, &s->x1, &s->y1 };
      for (int k = 0; k < 4; k++)
        {
          double *v = realloc (*a[k], cap * sizeof *v);
          if (v == NULL)
            return NS_ENOMEM;
          *a[k] = v;
        }
      s->cap = cap;
    }
  s->x0[s->n] = x0;
  s->y0[s->n] = y0;
  s->x1[s->n] = x1;
  s->y1[s->n++] = y1;
  return NS_OK;
}

static void
seg_clear (seglist *s)
{
  free (s->x0);
  free (s->y0);
  free (s->x1);
  free (s->y1);
}

/* ------------------------------------------------------------------ kink lines */

/* The kink points on one grid edge, in order from its start. */
typedef struct edge {
  int n;
  double x[EDGE_MAX], y[EDGE_MAX];
} edge;

/* The kinks of f on the edge P -> Q: the breakpoints of the restriction
   where it or its derivative jumps. */
static ns_status
edge_kinks (const ns_mfn *f, const double *p, const double *q, edge *e)
{
  double d[2] = { q[0] - p[0], q[1] - p[1] }, t[EDGE_MAX];
  ns_function *g = NULL;
  size_t n = 0;
  e->n = 0;
  ns_status s = ns_mfn_restrict (f, p, d, &g);
  if (s == NS_OK)
    s = ns_fn_breakpoints (g, 0, 1, t, EDGE_MAX, &n);
  /* More than EDGE_MAX on one edge: the first ones are drawn. */
  if (s == NS_ELIMIT)
    s = NS_OK;
  if (s != NS_OK)
    {
      ns_fn_free (g);
      return s;
    }
  for (size_t k = 0; k < n; k++)
    {
      /* A switching quantity at its level where the kink is not taken
         (|x| at x = 0 inside max(|x|, |y|) where |y| is larger) leaves f
         smooth: no jump of g or g'.  Across a true kink line g' jumps by
         (grad f+ - grad f-) . d, nonzero since the difference is normal
         to the line and the edge is not along it.  Undecided jumps are
         kept. */
      double j0, j1;
      ns_status s0 = ns_fn_jump (g, t[k], 0, &j0), s1 = ns_fn_jump (g, t[k], 1, &j1);
      if (s0 == NS_OK && s1 == NS_OK && j0 == 0 && j1 == 0)
        continue;
      e->x[e->n] = t[k] == 1 ? q[0] : p[0] + t[k] * d[0];
      e->y[e->n] = t[k] == 1 ? q[1] : p[1] + t[k] * d[1];
      e->n++;
    }
  ns_fn_free (g);
  return NS_OK;
}

/* Joins the kink points on the boundary of one cell, listed in the order
   of the boundary (counter-clockwise): two are one segment; four are two
   kink lines crossing inside the cell (|x| + |y| at 0), whose points
   alternate around the boundary, so the first joins the third and the
   second the fourth; any other number is joined to their centre. */
static ns_status
join_cell (seglist *s, double *x, double *y, int n)
{
  /* A corner on the kink is on two edges: once is enough. */
  int m = 0;
  for (int i = 0; i < n; i++)
    {
      int dup = 0;
      for (int j = 0; j < m; j++)
        dup |= x[j] == x[i] && y[j] == y[i];
      if (!dup)
        {
          x[m] = x[i];
          y[m++] = y[i];
        }
    }
  if (m == 2)
    return seg_push (s, x[0], y[0], x[1], y[1]);
  if (m == 4)
    {
      ns_status st = seg_push (s, x[0], y[0], x[2], y[2]);
      return st == NS_OK ? seg_push (s, x[1], y[1], x[3], y[3]) : st;
    }
  if (m < 3)
    return NS_OK;
  double cx = 0, cy = 0;
  for (int i = 0; i < m; i++)
    {
      cx += x[i] / m;
      cy += y[i] / m;
    }
  ns_status st = NS_OK;
  for (int i = 0; st == NS_OK && i < m; i++)
    st = seg_push (s, x[i], y[i], cx, cy);
  return st;
}

static ns_status
kink_lines (const ns_mfn *f, plot2d_stats *d, const double *gx, const double *gy, seglist *s)
{
  /* h[j*GRID_X + i]: the edge (gx[i], gy[j]) -> (gx[i+1], gy[j]);
     v[i*GRID_Y + j]: the edge (gx[i], gy[j]) -> (gx[i], gy[j+1]). */
  edge *h = malloc ((size_t) GRID_X * (GRID_Y + 1) * sizeof *h);
  edge *v = malloc ((size_t) (GRID_X + 1) * GRID_Y * sizeof *v);
  ns_status st = h && v ? NS_OK : NS_ENOMEM;
  for (int j = 0; st == NS_OK && j <= GRID_Y; j++)
    for (int i = 0; st == NS_OK && i < GRID_X; i++)
      {
        double p[2] = { gx[i], gy[j] }, q[2] = { gx[i + 1], gy[j] };
        st = edge_kinks (f, p, q, &h[j * GRID_X + i]);
        /* A point where f is not defined ends nothing: no kink is drawn. */
        if (st == NS_EDOM)
          {
            h[j * GRID_X + i].n = 0;
            st = NS_OK;
          }
      }
  for (int i = 0; st == NS_OK && i <= GRID_X; i++)
    for (int j = 0; st == NS_OK && j < GRID_Y; j++)
      {
        double p[2] = { gx[i], gy[j] }, q[2] = { gx[i], gy[j + 1] };
        st = edge_kinks (f, p, q, &v[i * GRID_Y + j]);
        if (st == NS_EDOM)
          {
            v[i * GRID_Y + j].n = 0;
            st = NS_OK;
          }
      }
  for (int j = 0; st == NS_OK && j <= GRID_Y; j++)
    for (int i = 0; i < GRID_X; i++)
      d->nkinks += (size_t) h[j * GRID_X + i].n;
  for (int i = 0; st == NS_OK && i <= GRID_X; i++)
    for (int j = 0; j < GRID_Y; j++)
      d->nkinks += (size_t) v[i * GRID_Y + j].n;
  for (int j = 0; st == NS_OK && j < GRID_Y; j++)
    for (int i = 0; st == NS_OK && i < GRID_X; i++)
      {
        /* Counter-clockwise: bottom left to right, right bottom to top,
           top right to left, left top to bottom. */
        double x[4 * EDGE_MAX], y[4 * EDGE_MAX];
        int n = 0;
        const edge *b = &h[j * GRID_X + i], *r = &v[(i + 1) * GRID_Y + j];
        const edge *t = &h[(j + 1) * GRID_X + i], *l = &v[i * GRID_Y + j];
        for (int k = 0; k < b->n; k++, n++)
          x[n] = b->x[k], y[n] = b->y[k];
        for (int k = 0; k < r->n; k++, n++)
          x[n] = r->x[k], y[n] = r->y[k];
        for (int k = t->n - 1; k >= 0; k--, n++)
          x[n] = t->x[k], y[n] = t->y[k];
        for (int k = l->n - 1; k >= 0; k--, n++)
          x[n] = l->x[k], y[n] = l->y[k];
        st = join_cell (s, x, y, n);
      }
  d->nkinksegs = s->n;
  free (h);
  free (v);
  return st;
}

/* ------------------------------------------------------------------ contours */

/* The smallest 10^k, 2 10^k or 5 10^k at least X (X > 0 finite). */
static double
nice_above (double x)
{
  double p = pow (10, floor (log10 (x)));
  return p >= x ? p : 2 * p >= x ? 2 * p : 5 * p >= x ? 5 * p : 10 * p;
}

/* Where the level L crosses the edge from (X0, Y0) with value A to (X1,
   Y1) with value B (A and B on either side of L). */
static void
crossing (double x0, double y0, double a, double x1, double y1, double b, double l, double *x,
          double *y)
{
  double t = (l - a) / (b - a);
  *x = x0 + t * (x1 - x0);
  *y = y0 + t * (y1 - y0);
}

/* Marching squares: in each cell whose four corner values are known, the
   level crosses the edges whose ends lie on either side of it; two
   crossings are one segment, four (a saddle) are paired by the mean of
   the corners. */
static ns_status
contours (plot2d_stats *d, const double *gx, const double *gy, const double *val, int levels,
          seglist *s)
{
  double lo = INFINITY, hi = -INFINITY;
  for (size_t k = 0; k < (size_t) (GRID_X + 1) * (GRID_Y + 1); k++)
    if (isfinite (val[k]))
      {
        lo = fmin (lo, val[k]);
        hi = fmax (hi, val[k]);
      }
  d->nlevels = 0;
  if (!(lo < hi) || !isfinite (hi - lo))
    return NS_OK;
  /* Round levels, read at a glance: the multiples of a step 1, 2 or 5
     times a power of ten, about LEVELS (the argument) of them inside (lo, hi). */
  double step = nice_above ((hi - lo) / (levels + 1));
  for (double k = floor (lo / step) + 1; k * step < hi && d->nlevels < MAX_LEVELS; k++)
    if (k * step > lo)
      {
        /* 0.30000000000000004 is meant as 0.3: the shortest decimal of
           15 digits, a level of a picture. */
        char buf[40];
        snprintf (buf, sizeof buf, "%.15g", k * step);
        d->level[d->nlevels++] = strtod (buf, NULL);
      }
  ns_status st = NS_OK;
  for (int li = 0; st == NS_OK && li < d->nlevels; li++)
    for (int j = 0; st == NS_OK && j < GRID_Y; j++)
      for (int i = 0; st == NS_OK && i < GRID_X; i++)
        {
          double l = d->level[li];
          /* Corners counter-clockwise from the bottom left. */
          double cx[4] = { gx[i], gx[i + 1], gx[i + 1], gx[i] };
          double cy[4] = { gy[j], gy[j], gy[j + 1], gy[j + 1] };
          double cv[4] = { val[j * (GRID_X + 1) + i], val[j * (GRID_X + 1) + i + 1],
                           val[(j + 1) * (GRID_X + 1) + i + 1], val[(j + 1) * (GRID_X + 1) + i] };
          if (!isfinite (cv[0]) || !isfinite (cv[1]) || !isfinite (cv[2]) || !isfinite (cv[3]))
            continue;
          double px[4], py[4];
          int n = 0;
          for (int e = 0; e < 4; e++)
            {
              int f = (e + 1) % 4;
              if ((cv[e] >= l) != (cv[f] >= l))
                {
                  crossing (cx[e], cy[e], cv[e], cx[f], cy[f], cv[f], l, &px[n], &py[n]);
                  n++;
                }
            }
          if (n == 2)
            st = seg_push (s, px[0], py[0], px[1], py[1]);
          else if (n == 4)
            {
              /* Corner 0 above with the centre: it is cut off from the
                 corners beside it, so crossings 0-1 and 2-3 go together
                 only when the centre is on the other side. */
              int centre_above = (cv[0] + cv[1] + cv[2] + cv[3]) / 4 >= l;
              int first = (cv[0] >= l) == centre_above ? 1 : 0;
              st = seg_push (s, px[first], py[first], px[(first + 1) % 4], py[(first + 1) % 4]);
              if (st == NS_OK)
                st = seg_push (s, px[(first + 2) % 4], py[(first + 2) % 4], px[(first + 3) % 4],
                               py[(first + 3) % 4]);
            }
        }
  return st;
}

/* The largest 10^k, 2 10^k or 5 10^k at most X (X > 0 finite). */
static double
nice_below (double x)
{
  double p = pow (10, floor (log10 (x)));
  return 5 * p <= x ? 5 * p : 2 * p <= x ? 2 * p : p;
}

void
plot2d_clarke (const ns_mfn *f, const double *x, plot2d_set *s)
{
  s->x[0] = x[0];
  s->x[1] = x[1];
  s->count = 0;
  s->status = ns_mfn_clarke (f, x, s->v, PLOT2D_MAX_VERTS, &s->count);
  for (size_t k = 0; s->status == NS_OK && k < 2 * s->count; k++)
    if (!isfinite (s->v[k].val))
      s->status = NS_ERANGE;
}

/* Draws the Clarke sets with status NS_OK as x + s g, one scale s for
   all, and their points x. */
static ns_status
clarke_sets (const plot2d_set *sets, int nsets, double box, int compact, ns_plot *p,
             plot2d_stats *d)
{
  double r = 0;
  for (int i = 0; i < nsets; i++)
    for (size_t k = 0; sets[i].status == NS_OK && k < 2 * sets[i].count; k++)
      r = fmax (r, fabs (sets[i].v[k].val));
  d->scale = r > 0 && isfinite (PLOT2D_SHARE * box / r) ? nice_below (PLOT2D_SHARE * box / r) : 1;
  ns_status st = NS_OK;
  if (compact)
    {
      /* Every edge of every set, and the sets that are points, as two
         series with one key entry. */
      seglist e = { 0 };
      double px[PLOT2D_MAX_VERTS], py[PLOT2D_MAX_VERTS];
      size_t np = 0;
      for (int i = 0; st == NS_OK && i < nsets; i++)
        {
          const plot2d_set *a = &sets[i];
          if (a->status != NS_OK || a->count == 0)
            continue;
          if (a->count == 1 && np < PLOT2D_MAX_VERTS)
            {
              px[np] = a->x[0] + d->scale * a->v[0].val;
              py[np++] = a->x[1] + d->scale * a->v[1].val;
            }
          size_t edges = a->count == 1 ? 0 : a->count == 2 ? 1 : a->count;
          for (size_t k = 0; st == NS_OK && k < edges; k++)
            {
              size_t l = (k + 1) % a->count;
              st = seg_push (&e, a->x[0] + d->scale * a->v[2 * k].val,
                             a->x[1] + d->scale * a->v[2 * k + 1].val,
                             a->x[0] + d->scale * a->v[2 * l].val,
                             a->x[1] + d->scale * a->v[2 * l + 1].val);
            }
        }
      char label[64];
      snprintf (label, sizeof label, "Clarke sets, x + %g g", d->scale);
      if (st == NS_OK && e.n > 0)
        st = ns_plot_add_segments (p, e.x0, e.y0, e.x1, e.y1, e.n, "blue", label);
      if (st == NS_OK && np > 0)
        st = ns_plot_add_points (p, px, py, np, "blue", e.n > 0 ? NULL : label);
      seg_clear (&e);
    }
  for (int i = 0; st == NS_OK && !compact && i < nsets; i++)
    {
      const plot2d_set *a = &sets[i];
      if (a->status != NS_OK || a->count == 0)
        continue;
      double x[PLOT2D_MAX_VERTS + 1], y[PLOT2D_MAX_VERTS + 1];
      for (size_t k = 0; k < a->count; k++)
        {
          x[k] = a->x[0] + d->scale * a->v[2 * k].val;
          y[k] = a->x[1] + d->scale * a->v[2 * k + 1].val;
        }
      x[a->count] = x[0];
      y[a->count] = y[0];
      char label[NS_PLOT_MAX_TEXT + 1];
      /* %g of a point given on the command line: as the user wrote it,
         mostly; + 0.0 prints -0 as 0. */
      snprintf (label, sizeof label, "Clarke set at (%g, %g)", a->x[0] + 0.0, a->x[1] + 0.0);
      /* Closed: a polygon returns to its first vertex; a segment is drawn
         there and back, a point is a point. */
      if (a->count == 1)
        st = ns_plot_add_points (p, x, y, 1, "blue", label);
      else
        st = ns_plot_add_curve (p, x, y, a->count == 2 ? 2 : a->count + 1, "blue", label);
    }
  if (st == NS_OK && nsets > 0)
    {
      double *x = malloc ((size_t) nsets * sizeof *x), *y = malloc ((size_t) nsets * sizeof *y);
      if (x == NULL || y == NULL)
        st = NS_ENOMEM;
      for (int i = 0; st == NS_OK && i < nsets; i++)
        {
          x[i] = sets[i].x[0];
          y[i] = sets[i].x[1];
        }
      if (st == NS_OK)
        st = ns_plot_add_points (p, x, y, (size_t) nsets, "black", "the points x");
      free (x);
      free (y);
    }
  return st;
}

/* ------------------------------------------------------------------ the figure */

ns_status
plot2d_figure (const ns_mfn *f, const char *title, double xa, double xb, double ya, double yb,
               const plot2d_set *sets, int nsets, const double *tx, const double *ty,
               size_t ntrace, int compact, ns_plot *p, plot2d_stats *d)
{
  memset (d, 0, sizeof *d);
  double gx[GRID_X + 1], gy[GRID_Y + 1];
  for (int i = 0; i <= GRID_X; i++)
    gx[i] = i == GRID_X ? xb : xa + (xb - xa) * i / GRID_X;
  for (int j = 0; j <= GRID_Y; j++)
    gy[j] = j == GRID_Y ? yb : ya + (yb - ya) * j / GRID_Y;
  double *val = malloc ((size_t) (GRID_X + 1) * (GRID_Y + 1) * sizeof *val);
  seglist cs = { 0 }, ks = { 0 };
  ns_status st = val ? NS_OK : NS_ENOMEM;
  for (int j = 0; st == NS_OK && j <= GRID_Y; j++)
    for (int i = 0; i <= GRID_X; i++)
      {
        double x[2] = { gx[i], gy[j] };
        ns_result r;
        val[j * (GRID_X + 1) + i] = ns_mfn_eval (f, x, &r) == NS_OK ? r.val : NO_VALUE;
      }
  if (st == NS_OK)
    st = ns_plot_set_title (p, title);
  if (st == NS_OK)
    st = ns_plot_set_labels (p, "x", "y");
  if (st == NS_OK)
    st = ns_plot_set_xrange (p, xa, xb);
  if (st == NS_OK)
    st = ns_plot_set_yrange (p, ya, yb);
  if (st == NS_OK)
    st = ns_plot_set_equal_axes (p, 1);
  if (st == NS_OK)
    /* Characters fill up with contour lines: fewer on the text terminal. */
    st = contours (d, gx, gy, val, compact ? LEVELS / 3 : LEVELS, &cs);
  if (st == NS_OK && cs.n > 0)
    st = ns_plot_add_segments (p, cs.x0, cs.y0, cs.x1, cs.y1, cs.n, "gray", "contours of f");
  if (st == NS_OK)
    st = kink_lines (f, d, gx, gy, &ks);
  if (st == NS_OK && ks.n > 0)
    st = ns_plot_add_segments (p, ks.x0, ks.y0, ks.x1, ks.y1, ks.n, "red",
                               "kinks: f or its gradient jumps");
  if (st == NS_OK)
    st = clarke_sets (sets, nsets, fmin (xb - xa, yb - ya), compact, p, d);
  if (st == NS_OK && ntrace > 1)
    st = ns_plot_add_curve (p, tx, ty, ntrace, "green", "iterates");
  if (st == NS_OK && ntrace > 0)
    st = ns_plot_add_points (p, tx, ty, ntrace, "green", NULL);
  free (val);
  seg_clear (&cs);
  seg_clear (&ks);
  return st;
}
