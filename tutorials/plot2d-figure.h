/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/plot2d-figure.h: the figure of a function of two variables,
   shared by the explorer's plot and the tutorial: contours over a box,
   the kink lines, Clarke sets drawn at points, and a path of iterates,
   into an ns_plot.  Only the programs include it. */
#ifndef NONSMOOTH_PLOT2D_FIGURE_H
#define NONSMOOTH_PLOT2D_FIGURE_H
#include <stddef.h>
#include <nonsmooth/nonsmooth.h>

/* Cells of the grid along x and along y: primes, so that no grid line of
   a range with simple ends (-2:2, -1:3) lies on x = 0, y = 0, x = 1 or
   another simple kink, where the breakpoints of an edge along the kink
   would not show it; and different, so that the diagonal y = x of a
   square box misses the grid's corners. */
#define PLOT2D_GRID_X 47
#define PLOT2D_GRID_Y 43
#define PLOT2D_LEVELS 10               /* about this many contour levels */
#define PLOT2D_MAX_LEVELS (2 * PLOT2D_LEVELS + 2)
#define PLOT2D_MAX_VERTS 64            /* vertices of one Clarke polygon */
#define PLOT2D_SHARE 0.15              /* a Clarke set spans at most this share of the box */

/* The Clarke set at X (ns_mfn_clarke), or why not. */
typedef struct plot2d_set {
  double x[2];
  ns_status status;
  size_t count;
  ns_result v[2 * PLOT2D_MAX_VERTS];
} plot2d_set;

/* What the figure shows, for the caption. */
typedef struct plot2d_stats {
  double level[PLOT2D_MAX_LEVELS];
  int nlevels;
  size_t nkinks;             /* kink points found on the grid's edges */
  size_t nkinksegs;          /* segments drawn between them */
  double scale;              /* Clarke sets drawn as x + scale g */
} plot2d_stats;

/* Fills S with the Clarke set of F at X (NS_ERANGE for a vertex that is
   not finite). */
void plot2d_clarke (const ns_mfn *f, const double *x, plot2d_set *s);

/* Draws into P, titled TITLE: the contours of F over [XA, XB] x [YA, YB]
   at round levels (marching squares on the grid's corner values: a
   picture), the kink lines (exact where they cross the grid's edges:
   the breakpoints of F restricted to each edge where it or its derivative
   jumps; straight between), the NSETS Clarke sets of SETS with status
   NS_OK drawn as x + s g, one scale s for all, and the points x; the path
   through the NTRACE points (TX[i], TY[i]), when NTRACE > 0.  Equal axes.
   COMPACT (for the text terminal, whose key would take the picture's
   rows): all Clarke sets in one series, not one each with its point.
   STATS gets the levels, the counts and the scale.  Returns the status of
   the plot module, or NS_ENOMEM. */
ns_status plot2d_figure (const ns_mfn *f, const char *title, double xa, double xb, double ya,
                         double yb, const plot2d_set *sets, int nsets, const double *tx,
                         const double *ty, size_t ntrace, int compact, ns_plot *p,
                         plot2d_stats *stats);

#endif /* NONSMOOTH_PLOT2D_FIGURE_H */
