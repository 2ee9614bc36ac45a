/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_frechet_impl.h: what the Fréchet set
   (lib/multi/multi_frechet.c) shares with the limiting set
   (lib/multi/multi_limiting.c): exact half-spaces g . r <= b with the
   cells they come from, the systems of the exact vertices, the rays of a
   cell and the Fréchet polytope of a set of cells (not installed). */
#ifndef NS_LIB_MULTI_FRECHET_IMPL_H
#define NS_LIB_MULTI_FRECHET_IMPL_H

#include <flint/fmpq.h>
#include <flint/fmpq_mat.h>
#include "multi/multi_impl.h"

/* A bound on the work of one Fréchet set (NS_ELIMIT past it): a
   determinant or an inverse of size s counts s^3 units, about as many
   rational operations; 5e6 units take about a second.  ||x||_1 at 0 is
   found in R^7 (128 vertices) and refused in R^8. */
#define NS_MFN_MAX_WORK 5000000L

/* The half-spaces g . r <= b found so far: N entries of R per row. */
typedef struct ns_mfn_hs {
  int n;
  size_t count, cap;
  fmpq *r;          /* count * n */
  fmpq *b;          /* count */
  double *db;       /* count: a bound on the error of b from the gradient bounds */
  /* count * NS_MFN_HS_CELLS: the cells (indices into the cells of the
     point, NS_MFN_NO_CELL for none) whose computed gradient g_c gives
     g_c . r, the first one B exactly; NCELL[i] of them.  f is
     continuous, so on a ray r of several closed cells the true g_c . r
     are one number, f'(.; r): each of them is an exact linear form for
     the true B. */
  size_t *cell;
  int *ncell;
} ns_mfn_hs;

#define NS_MFN_HS_CELLS 16
#define NS_MFN_NO_CELL ((size_t) -1)
#define NS_MFN_HS_INIT(n) { (n), 0, 0, NULL, NULL, NULL, NULL, NULL }

/* How each exact vertex of a piece was found: the N half-spaces of its
   system (ROWS, N per vertex) and the inverse of their matrix (AINV,
   N * N per vertex, row-major), so that the vertex is AINV b_ROWS, a
   linear form in the cells' gradients. */
typedef struct ns_mfn_vertex_rec {
  int n;
  size_t count, cap;
  int *rows;
  fmpq *ainv;
} ns_mfn_vertex_rec;

#define NS_MFN_VERTEX_REC_INIT(n) { (n), 0, 0, NULL, NULL }

/* Q = D exactly (D finite). */
NS_INTERNAL void ns_mfn_fmpq_set_double (fmpq_t q, double d);

/* An upper bound on |Q| as a double. */
NS_INTERNAL double ns_mfn_fmpq_abs_up (const fmpq_t q);

NS_INTERNAL void ns_mfn_hs_clear (ns_mfn_hs *h);

/* Adds g . R <= B (bound DB, B = g_CELL . R computed), unless a
   half-space with the same R is there (then the smaller B is kept, and
   CELL joins its cells).  R is a primitive integer vector. */
NS_INTERNAL ns_status ns_mfn_hs_add (ns_mfn_hs *h, const fmpq *r, const fmpq_t b, double db,
                                     size_t cell);

/* Scales the nonzero rational vector R (N entries) to the primitive
   integer vector of its direction. */
NS_INTERNAL void ns_mfn_make_primitive (fmpq *r, int n);

NS_INTERNAL void ns_mfn_vertex_rec_clear (ns_mfn_vertex_rec *v);

/* The rays of cell I of CELLS into H as g . r <= g_s . r (the cell
   ORIGIN[I] among the cells of the point, or I when ORIGIN is NULL) and
   into RAYS when not NULL: +- a basis of its lineality space and the
   extreme rays of its pointed part, primitive integer vectors.  *WORK
   counts the work (NS_ELIMIT past NS_MFN_MAX_WORK). */
NS_INTERNAL ns_status ns_mfn_cell_rays (const ns_mfn_cells *cells, const size_t *origin,
                                        size_t i, ns_mfn_hs *h, ns_mfn_hs *rays, long *work);

/* The Fréchet polytope of CELLS into *OUT, the half-spaces that cut it
   out into H and the vertices' systems into REC when not NULL (both
   cleared by the caller).  ORIGIN as ns_mfn_cell_rays. */
NS_INTERNAL ns_status ns_mfn_frechet_build (const ns_mfn_cells *cells, const size_t *origin,
                                            ns_mfn_hs *h, long *work, ns_polytope **out,
                                            ns_mfn_vertex_rec *rec);

#endif /* NS_LIB_MULTI_FRECHET_IMPL_H */
