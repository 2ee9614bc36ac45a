/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_impl.h: the inside of ns_mfn, shared by the files of
   lib/multi/ (not installed).  A function of n variables is an ordinary
   expression tree whose variable leaves are NS_OP_X nodes; variable i is
   the one leaf object leaf[i] (shared by every occurrence), so the
   one-variable code never meets a new primitive and a tree of several
   variables never reaches the one-variable API: ns_mfn is opaque and every
   use substitutes the variables first. */
#ifndef NS_LIB_MULTI_IMPL_H
#define NS_LIB_MULTI_IMPL_H

#include <setjmp.h>
#include "nonsmooth/multi.h"
#include "internal.h"

struct ns_mfn {
  int n;
  ns_function *tree;
  /* leaf[i] for i < n; all NULL for a function made by ns_mfn_from_fn,
     whose every NS_OP_X node is variable 1. */
  ns_function *leaf[NS_MULTI_MAX_VARS];
};

/* The variables while parsing (lib/multi/multi_parse.c). */
struct ns_parse_vars {
  int n;           /* declared number of variables, 0 to infer */
  int style;       /* 0 none seen yet, 1 x, y, z, 2 x1 ... xn */
  int used;        /* highest variable used, 1-based */
  ns_function *leaf[NS_MULTI_MAX_VARS];
};

/* The restriction of the tree T, whose variables are the leaves of F, to
   the line X + t D (D NULL: constants), as ns_mfn_restrict builds it for
   F's own tree (lib/multi/multi.c). */
NS_INTERNAL ns_status ns_mfn_restrict_tree (const ns_mfn *f, const ns_function *t,
                                            const double *x, const double *d,
                                            ns_function **out);

/* Whether the node C of a constant tree (every variable replaced by its
   value) has its switching quantity at a level within the quantity's
   rounding bound: *ACTIVE 1 or 0, and the level in *LEVEL when there is
   exactly one in reach (NaN otherwise; LEVEL may be NULL).  NS_OK or the
   status of a failed evaluation (lib/multi/multi_select.c). */
NS_INTERNAL ns_status ns_mfn_node_active (const ns_function *c, int *active, double *level);

/* For a node C active by ns_mfn_node_active at exactly one level: +1 or
   -1 when the exact switching quantity of the given doubles is proven
   above or below it (error-free arithmetic, rationals, Arb balls, as the
   one-variable germ code decides), so the node keeps that branch near x
   (relu(x + y - 0.3) at (0.1, 0.2), whose argument is +2.8e-17 exactly);
   0 otherwise (on the level, or undecided: taken as on it).
   ns_mfn_active_table records the side as ACTIVE = 2 * side, and
   ns_mfn_active_nodes leaves such a node out of the switching ones. */
NS_INTERNAL int ns_mfn_node_fixed_side (const ns_function *c);

/* The smooth selection of the multi-variable tree F along a ray: C is F
   with constants for the variables, L with the line x_i + d_i t (the same
   shape).  *OUT is F with every active kink replaced by the branch it
   takes for small t > 0.  NS_EUNDECIDED when a branch cannot be decided
   or a singular primitive (root, logarithm, power, denominator) is at its
   level; NS_ENOMEM, NS_ELIMIT, NS_EDOM from the germs. */
NS_INTERNAL ns_status ns_mfn_select (const ns_function *f, const ns_function *c,
                                     const ns_function *l, ns_function **out);

/* Which nodes of a constant tree are active, by post-order position,
   decided once (ns_mfn_node_active) and read by every later selection:
   ACTIVE[i] (0, 1, or 2 * the side of a node proven off its level:
   ns_mfn_node_fixed_side) and LEVEL[i] for node i, SIZE nodes. */
typedef struct ns_mfn_table {
  size_t size, cap;
  signed char *active;
  double *level;
} ns_mfn_table;

/* Appends the nodes of the constant tree C to T in post-order (T starts
   zeroed; release with ns_mfn_table_clear).  NS_OK, NS_ENOMEM or the
   status of a failed evaluation (lib/multi/multi_select.c). */
NS_INTERNAL ns_status ns_mfn_active_table (const ns_function *c, ns_mfn_table *t);
NS_INTERNAL void ns_mfn_table_clear (ns_mfn_table *t);

/* ns_mfn_select with the active nodes read from T: F's subtree starts at
   post-order position *POS of the whole tree (advanced past it).  The
   side of an active node at position p is SIDES[p] when SIDES is not
   NULL and it is not 0 (the sign its quantity is known to have on a
   cell), else decided by the germ along L (L may be NULL when every side
   is known). */
NS_INTERNAL ns_status ns_mfn_select_table (const ns_function *f, const ns_function *l,
                                           const ns_mfn_table *t, const signed char *sides,
                                           int *pos, ns_function **out);

/* Bounds of the n-variable cells (NS_ELIMIT past them): the kinks active
   at a point and the open cells of their hyperplanes. */
#define NS_MFN_MAX_ACTIVE 64
#define NS_MFN_MAX_CELLS 4096

/* The open cells of the switching hyperplanes at a point
   (lib/multi/multi_cells.c).  Cell i has, for each active quantity j
   (post-order), its side SIGN[i*NACTIVE + j] (+1 or -1) and the row
   NORMAL[(i*NACTIVE + j)*N ...]: the side times the gradient of quantity j
   on the cell, with bounds, so the open cell is {d : row . d > 0 for every
   j}; DIR[i*N ...] a direction strictly inside it for every exact row
   within the bounds (checked with outward rounding); GRAD[i*N ...] the
   gradient at x of the smooth selection f has on it, with bounds.  Where
   a max or min takes the same branch on several cells that differ only
   by kinks inside its other branch, those cells are one (merge_untaken):
   the rows of that branch's kinks and of the max hold the rows
   T - U_u of the cell's description instead (0 where unused), and the
   signs of those kinks are one member's, which no selection reads.  Every
   row is a valid constraint of its cell; rows are not always the
   quantities'. */
typedef struct ns_mfn_cells {
  int n;
  int nactive;
  size_t count;
  signed char *sign;
  ns_result *normal;
  double *dir;
  ns_result *grad;
  /* Gradients (NCUSP of them, N entries each, with bounds) of selections
     active on cusps between tangent zero sets of the last quantity and
     an earlier one (ns_mfn_second_side): limiting gradients that no cell
     carries.  They change no f'(x; .) (a cusp holds no open cone of
     directions), but the Fréchet sets on the cusps' boundaries are not
     the cells' model. */
  size_t ncusp;
  ns_result *cusp;
} ns_mfn_cells;

/* The cells of F at X: NS_OK; NS_ENOTLIPSCHITZ when a step switches at X;
   NS_EUNDECIDED when a quantity vanishes to first order on a cell, a
   singular primitive is at its level, or a side of a hyperplane is
   neither certified empty nor given a checked interior direction;
   NS_ELIMIT past NS_MFN_MAX_ACTIVE kinks or NS_MFN_MAX_CELLS cells;
   NS_EDOM, NS_ENOMEM.  Release with ns_mfn_cells_free. */
NS_INTERNAL ns_status ns_mfn_cells_at (const ns_mfn *f, const double *x, ns_mfn_cells **out);

/* The same without the rows and directions: NORMAL and DIR are NULL (the
   limiting gradients read the cells' gradients only, and 2^k cells' rows
   are megabytes). */
NS_INTERNAL ns_status ns_mfn_cells_gradients_at (const ns_mfn *f, const double *x,
                                                 ns_mfn_cells **out);

/* The kinks of F active at X: *C the constant tree (F at X; release it
   with ns_fn_free even on failure), the post-order positions of the
   active kinks in POS (room for NS_MFN_MAX_ACTIVE) and their number in
   *NACTIVE, those whose arguments are constant near X dropped.  NS_OK;
   NS_ENOTLIPSCHITZ when a step switches at X; NS_EUNDECIDED when a root,
   logarithm or denominator is at its zero; NS_ELIMIT past
   NS_MFN_MAX_ACTIVE; NS_EDOM, NS_ENOMEM (lib/multi/multi_cells.c). */
NS_INTERNAL ns_status ns_mfn_active_at (const ns_mfn *f, const double *x, ns_function **c,
                                        int *pos, int *nactive);

/* The same from the constant tree C of F at X and the post-order
   positions POS of its NACTIVE active kinks (no step or singular
   primitive among them). */
NS_INTERNAL ns_status ns_mfn_cells_compute (const ns_mfn *f, const ns_function *c,
                                            const double *x, const int *pos, int nactive,
                                            ns_mfn_cells **out);

NS_INTERNAL void ns_mfn_cells_free (ns_mfn_cells *cells);

/* The gradient at X of the tree S (variables the leaves of M), which has
   no kink active at X: each partial from the germ of S along e_i, with a
   bound from the slope enclosure at the point (S is smooth there). */
NS_INTERNAL ns_status ns_mfn_smooth_gradient (const ns_mfn *m, const ns_function *s,
                                              const double *x, ns_result *g);

/* The gradients of a function's selections on cells, by one sweep over
   its tree with the active kinks' branches fixed (lib/multi/multi_cells.c):
   the gradients of the subtrees with no active kink are kept here, taken
   once.  M the function, X the point, T its active table; all three must
   outlive the sweep. */
typedef struct ns_mfn_sweep {
  const ns_mfn *m;
  const double *x;
  const ns_mfn_table *t;
  ns_result *leaf;
  signed char *have;
  /* The node at each post-order position and its subtree's size, found
     once (a walk of the tree each) for ns_mfn_sweep_quantity. */
  const ns_function **node;
  int *size;
  /* BELOW[p]: the number of active positions before p (p <= the table's
     size), so that a subtree with no active kink is passed over whole. */
  int *below;
  /* The exact mode of ns_mfn_sweep_quantity_exact and its leaves: XHAVE[p]
     1 when the subtree at position p has the exact gradient XLEAF[p*n...]
     (affine with exact operations), -1 when not, 0 not yet looked at. */
  int exact_mode;
  ns_result *xleaf;
  signed char *xhave;
  /* The memo of ns_mfn_sweep_gradient (allocated on its first call):
     consecutive cells mostly differ in a few sides, and a subtree's
     gradient depends only on the sides of the kinks inside it.  For each
     post-order position: its parent's position (-1 at the root), its
     subtree's size, its memo slot (-1 for a node with no active kink at
     or below it), whether its slot is stale; the active positions and
     the sides the memo was taken with. */
  int memo_ready;
  int nodes;
  int *parent;
  int *sub;
  int *slot;
  unsigned char *dirty;
  int *act;
  size_t nact;
  signed char *last;
  ns_status *memo_st;
  ns_result *memo_g;
} ns_mfn_sweep;

NS_INTERNAL ns_status ns_mfn_sweep_init (ns_mfn_sweep *sw, const ns_mfn *m, const double *x,
                                         const ns_mfn_table *t);
NS_INTERNAL void ns_mfn_sweep_clear (ns_mfn_sweep *sw);

/* The gradient at X of the selection of M whose active kinks are on
   SIDES (indexed by post-order position, every active kink's side +1 or
   -1), with bounds, into G (n entries): the value ns_mfn_smooth_gradient
   gives on the selection tree, the bound possibly different but valid. */
NS_INTERNAL ns_status ns_mfn_sweep_gradient (ns_mfn_sweep *sw, const signed char *sides,
                                             ns_result *g);

/* The gradient at X of the switching quantity of the active node at
   post-order position POS, the kinks below it on SIDES, into A (n
   entries), by the sweep: what ns_mfn_quantity_gradient gives with the
   same sides. */
NS_INTERNAL ns_status ns_mfn_sweep_quantity (ns_mfn_sweep *sw, int pos,
                                             const signed char *sides, ns_result *a);

/* The same, with the gradients of affine subtrees taken exactly where
   their operations are exact (bounds 0): A has bounds 0 only when it is
   the true gradient.  For decisions that need the exact value; the
   bounds of the sweep's other results are not changed. */
NS_INTERNAL ns_status ns_mfn_sweep_quantity_exact (ns_mfn_sweep *sw, int pos,
                                                   const signed char *sides, ns_result *a);

/* The gradient of the selection on SIDES, as ns_mfn_sweep_gradient, in
   the exact mode: bounds 0 only where it is the true gradient (every
   operation exact).  NS_ENOMEM without room for the exact leaves. */
NS_INTERNAL ns_status ns_mfn_sweep_gradient_exact (ns_mfn_sweep *sw, const signed char *sides,
                                                   ns_result *g);

/* The gradient at X of the switching quantity of the active node at
   post-order position POS, for the selection along U (C the constant
   tree, L the tree restricted to the line x + t U, T the active nodes of
   C or NULL to decide them again, SIDES as ns_mfn_select_table): *A (n
   entries).
   *FIRST is set to whether a . U is nonzero beyond its rounding. */
NS_INTERNAL ns_status ns_mfn_quantity_gradient (const ns_mfn *m, const ns_function *c,
                                                const ns_function *l, const ns_mfn_table *t,
                                                const signed char *sides, const double *x,
                                                const double *u, int pos, ns_result *a,
                                                int *first);

/* Walks the constant tree C in post-order: the positions of the active
   nodes into POS (at most MAX; *NPOS of them, NS_ELIMIT past it), and
   whether a step or a singular primitive is among them.  *COUNT numbers
   the nodes (start it at 0). */
NS_INTERNAL ns_status ns_mfn_active_nodes (const ns_function *c, int *has_step,
                                           int *has_singular, int *count, int *pos, int max,
                                           int *npos);

/* 1 when every active node (post-order positions POS[0 .. NACTIVE-1] of
   F's tree, as ns_mfn_active_nodes numbers them) switches on piecewise
   affine arguments, so that the first-order cells of the quantities are
   their true regions near the point; 0 otherwise, when coinciding
   hyperplanes may hide a cusp between curves tangent at the point
   (lib/multi/multi_tangent.c). */
NS_INTERNAL int ns_mfn_active_affine (const ns_mfn *f, const int *pos, int nactive);

/* 1 when the gradient at X of the switching quantity of the active node
   at post-order position POS of M, its inner kinks on SIDES (T the
   active table, as ns_mfn_select_table reads them), is proven 0 exactly
   (A, its computed value, must allow 0): then both branches of the kink
   give every selection above it the same value and gradient at X, and
   the cell is kept whole, its row 0 and the first branch taken, without
   deciding the quantity's sign at second order.  0 when not proven
   (lib/multi/multi_second.c, where the argument is written out). */
NS_INTERNAL int ns_mfn_quantity_zero_gradient (const ns_mfn *m, const ns_mfn_table *t,
                                               const signed char *sides, const double *x,
                                               int pos, const ns_result *a);

/* An empty first-order side S of the active quantity J (post-order
   position POS[J]) on a cell with signs SIGNS[0 .. J-1], rows ROWS (J
   rows of N entries, as ns_mfn_cells holds them) and interior direction
   DIR, where curved quantities make the cone possibly not the region
   (lib/multi/multi_second.c, where the argument is written out):
   NS_SECOND_EMPTY when the region is proven empty near X (the new row
   opposite one old row, the combination of the two negative definite at
   second order on their hyperplane); NS_SECOND_CUSP when a cusp between
   the two tangent zero sets is exhibited, an open set touching X on
   which the cell's kinks keep SIGNS and J has side S; otherwise
   NS_SECOND_UNDECIDED.  SIDES (by post-order position) is scratch: its
   entries POS[0 .. J-1] are left at SIGNS. */
enum { NS_SECOND_UNDECIDED = 0, NS_SECOND_EMPTY = 1, NS_SECOND_CUSP = 2 };
NS_INTERNAL int ns_mfn_second_side (const ns_mfn *m, const ns_mfn_table *t, signed char *sides,
                                    const double *x, const int *pos, int j,
                                    const signed char *signs, const ns_result *rows,
                                    const double *dir, int s);

/* Replaces the entries of G (the gradient at X of M's selection on
   SIDES, T the active table) that carry a bound by the exact value with
   bound 0, where the selection is a rational tree whose partial
   derivative, computed over Q, is a double exactly (2x at 0 is 0, not
   0 with a subnormal bound).  Returns whether anything changed
   (lib/multi/multi_second.c). */
NS_INTERNAL int ns_mfn_exact_gradient (const ns_mfn *m, const ns_mfn_table *t,
                                       const signed char *sides, const double *x, ns_result *g);

/* AFFINE[j] for each active node POS[j] (post-order positions of F's
   tree): 1 when its arguments are piecewise affine, so that its zero set
   near the point is its hyperplane and a cone of such rows that is empty
   is empty near the point (lib/multi/multi_tangent.c). */
NS_INTERNAL void ns_mfn_active_affine_each (const ns_mfn *f, const int *pos, int nactive,
                                            int *affine);

/* Removes from POS[0 .. NACTIVE-1] the active nodes whose arguments are
   constant near the point (every selection constant: a unit of zero
   weights, relu(0*x + 0*y + b)); both branches of such a kink have the
   same gradient, so it splits nothing.  Returns the number kept, in
   order.  ns_mfn_table_fix_dropped then marks the nodes of T active but
   not in the kept POS as keeping their first branch (ACTIVE 2). */
NS_INTERNAL int ns_mfn_drop_constant (const ns_mfn *f, int *pos, int nactive);
NS_INTERNAL void ns_mfn_table_fix_dropped (ns_mfn_table *t, const int *pos, int nactive);

/* The Fréchet polytope from the cells (lib/multi/multi_frechet.c), as
   ns_mfn_frechet returns it. */
NS_INTERNAL ns_status ns_mfn_frechet_cells (const ns_mfn_cells *cells, ns_polytope **out);

/* Puts the vertices of a polygon in the plane (N = 2, DIM = 2) in the
   order ns_polytope_hull gives: counter-clockwise from the lowest-leftmost
   (lib/multi/polytope.c), a polygon in R^n (n > 2) in cyclic order from
   its lexicographically smallest vertex, and a segment's ends
   lexicographically, as the hull of its ends gives them.  Other polytopes are left as they are.
   NS_OK or NS_ENOMEM. */
NS_INTERNAL ns_status ns_polytope_order_plane (ns_polytope *p);
/* ns_polytope_min_norm, and in *ZERO_LEVEL (may be NULL) how 0 was found
   in P: 2 in every reading of the bounds (G exactly 0, bound 0), 1 in the
   hull of the points as given, exactly (G is 0 with the bounds' largest
   Euclidean length as its bound), 0 not proven
   (lib/multi/polytope_minnorm.c). */
NS_INTERNAL ns_status ns_polytope_min_norm_zero (const ns_polytope *p, ns_result *g,
                                                 double *weights, int *zero_level);

/* Every limiting gradient of F at X (ns_mfn_limiting_gradients asked
   again with room for all when it reports more than it had room for), in
   a new array *G of *COUNT points, n entries each, with room for at least
   one point: the caller frees *G, whatever the status (NULL only on
   NS_ENOMEM).  NS_ELIMIT only for the function's other limits (n or the
   number of kinks or cells).  lib/multi/multi_clarke_polytope.c. */
NS_INTERNAL ns_status ns_mfn_limiting_all (const ns_mfn *f, const double *x, ns_result **g,
                                           size_t *count);

/* The Clarke set of F at X as the polytope of its limiting gradients as
   ns_mfn_limiting_all gives them (points with bounds, not reduced to
   extreme points; DIM exact for the doubles); where the gradients stop
   short (NS_ELIMIT) and F is certified differentiable at X, its gradient.
   *OUT is NULL on failure (lib/multi/multi_stationary.c). */
NS_INTERNAL ns_status ns_mfn_clarke_points (const ns_mfn *f, const double *x,
                                            ns_polytope **out);

/* GLPK reports an internal error through glp_error_hook, which must not
   return into GLPK: ns_glpk_error (the hook, with a guard as its info)
   jumps back to the guard's setjmp, whose caller frees GLPK's
   environment (lib/multi/multi_cells.c). */
typedef struct ns_glpk_guard {
  jmp_buf jump;
} ns_glpk_guard;
NS_INTERNAL void ns_glpk_error (void *info);

#endif /* NS_LIB_MULTI_IMPL_H */
