/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/polytope_hull_impl.h: the checked convex hull of points with
   rounding bounds, shared by ns_polytope_hull and ns_polytope_contains
   (not installed).  The affine hull is found exactly (FLINT rationals);
   qhull proposes a triangulated boundary in the coordinates of the affine
   hull; every vertex is then certified extreme and every other point
   certified inside, for every reading of the points within their bounds. */
#ifndef NS_LIB_MULTI_POLYTOPE_HULL_IMPL_H
#define NS_LIB_MULTI_POLYTOPE_HULL_IMPL_H

#include <flint/flint.h>
#include <flint/fmpq_mat.h>
#include <arb.h>
#include "multi/multi_impl.h"

/* Where a point lies relative to a hull. */
enum { NS_HULL_OUTSIDE = 0, NS_HULL_INSIDE = 1, NS_HULL_UNDECIDED = -1 };

typedef struct ns_hull_work
{
  int n;                 /* ambient dimension */
  int d;                 /* affine dimension of the points */
  size_t m;              /* number of (distinct) points */
  double *v, *e;         /* m*n values and rounding bounds */
  int exact;             /* every bound is 0 */
  int eq_exact;          /* the affine hull is the same for every reading */
  int cols[NS_MULTI_MAX_VARS];  /* the d pivot columns: projecting onto them
                                   is one-to-one on the affine hull */
  int nfree;             /* n - d equations of the affine hull */
  fmpq_mat_t eq;         /* nfree x n: row r is a with a . (g - v0) = 0 */
  int eq_init;
  double *pv, *pe;       /* m*d projected values and bounds (exact copies) */
  char *vertex;          /* m flags: certified extreme */
  char *dup;             /* d > NS_POLYTOPE_MAX_HULL_DIM: m flags, a repeat of
                            an earlier point (its bound merged there) */
  size_t nvert;
  size_t lo, hi;         /* d = 1: the two ends */
  /* d >= 2: qhull's triangulated boundary, NF simplicial facets */
  size_t nf;
  size_t *fv;            /* nf*d point indices */
  double *fn, *fo;       /* nf*d unit normals and nf offsets: n . x + o <= 0 inside */
  signed char *orient;   /* nf signs that orient the facets as one cycle */
  int cycle;             /* the oriented facets form a closed cycle (checked) */
  double *centre;        /* d: the centroid of the vertices, in doubles */
  fmpq *qcentre;         /* d: the centroid exactly, when every bound is 0 */
  arb_ptr bcentre;       /* d: the centroid as balls over every reading */
} ns_hull_work;

/* Builds W from M distinct points (V and E, M*N doubles, copied) and
   certifies it.  NS_OK, NS_ENOMEM, NS_EUNDECIDED (the bounds leave the
   dimension or extremality open, or qhull failed).  W is always safe to
   pass to ns_hull_work_clear. */
NS_INTERNAL ns_status ns_hull_work_build (int n, const double *v, const double *e, size_t m,
                                          ns_hull_work *w);

NS_INTERNAL void ns_hull_work_clear (ns_hull_work *w);

/* Where G (bounds GE, never NULL) lies relative to the hull of W, for every
   reading of G and of W's points: NS_HULL_INSIDE, NS_HULL_OUTSIDE or
   NS_HULL_UNDECIDED in *WHERE.  NS_OK or NS_ENOMEM. */
NS_INTERNAL ns_status ns_hull_work_locate (const ns_hull_work *w, const double *g,
                                           const double *ge, int *where);

/* Encloses A . X over every X within XE of XV (D terms): [*LO, *HI], with
   the rounding of the double computation; infinite when it overflows. */
NS_INTERNAL void ns_hull_dot_bounds (int d, const double *a, const double *xv, const double *xe,
                                     double *lo, double *hi);

/* Above NS_POLYTOPE_MAX_HULL_DIM (lib/multi/polytope_lp.c): classifies
   the projected points of W (PV, PE and D set, NF 0) into its vertex
   flags, NVERT and CENTRE, each by a checked LP certificate.  NS_OK,
   NS_ENOMEM, NS_ELIMIT past NS_POLYTOPE_MAX_LP_POINTS points,
   NS_EUNDECIDED when a point's certificate fails or the bounds leave
   the dimension open. */
NS_INTERNAL ns_status ns_hull_lp_build (ns_hull_work *w);

/* Projected Q (bounds QE) against the hull of W's vertices, as
   ns_hull_lp_build left it: NS_HULL_* in *WHERE.  NS_OK or NS_ENOMEM. */
NS_INTERNAL ns_status ns_hull_lp_locate (const ns_hull_work *w, const double *q,
                                         const double *qe, int *where);

/* The D + 1 unit facet normals (projected coordinates, NORMALS (D+1)*D)
   of the simplex of W's points VERT[0..D]: normal c is that of the facet
   opposite VERT[c], pointing out.  NS_OK, NS_EUNDECIDED when the points
   are affinely dependent as given. */
NS_INTERNAL ns_status ns_hull_simplex_normals (const ns_hull_work *w, const size_t *vert,
                                               double *normals);

#endif /* NS_LIB_MULTI_POLYTOPE_HULL_IMPL_H */
