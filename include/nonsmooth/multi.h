/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/multi.h: functions of several variables, read from text
   with the variables x, y, z or x1 ... xn; evaluation with an error bound at
   a point of R^n; the restriction t -> f(x + t d) as a one-variable
   function, and through it one-sided directional derivatives and the
   gradient, computed by the one-variable germ machinery. */
#ifndef NONSMOOTH_MULTI_H
#define NONSMOOTH_MULTI_H

#include <nonsmooth/status.h>
#include <nonsmooth/function.h>
#include <nonsmooth/parse.h>
#include <nonsmooth/subgradient.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The largest number of variables: x1 ... x64. */
#define NS_MULTI_MAX_VARS 64

/* A function of n variables (1 <= n <= NS_MULTI_MAX_VARS), immutable. */
typedef struct ns_mfn ns_mfn;

/* Parses TEXT, written with the grammar of ns_fn_parse and the variables
   x, y, z (variables 1, 2, 3) or x1, x2, ..., xn (not both styles in one
   text).  N is the number of variables, or 0 to take the highest variable
   used (at least 1; "y" alone is a function of 2 variables).  Sets *OUT
   (NULL on failure).  Returns the statuses of ns_fn_parse; a variable past
   N or past NS_MULTI_MAX_VARS, or mixed styles, is NS_EPARSE with its
   column; NS_EINVAL for N outside 0 ... NS_MULTI_MAX_VARS. */
ns_status ns_mfn_parse (const char *text, int n, ns_mfn **out, ns_parse_error *err);

/* The one-variable function F as a function of n = 1 variable (F is not
   modified; the result holds a reference).  NS_EINVAL for NULL. */
ns_status ns_mfn_from_fn (const ns_function *f, ns_mfn **out);

/* Releases F (NULL is a no-op). */
void ns_mfn_free (ns_mfn *f);

/* The number of variables of F (0 for NULL). */
int ns_mfn_nvars (const ns_mfn *f);

/* A multilayer perceptron with one output, immutable; opaque. */
typedef struct ns_mlp ns_mlp;

/* The most weight layers of an ns_mlp; each layer has 1 ... 64 units. */
#define NS_MLP_MAX_LAYERS 16

/* Reads a network from TEXT (a string, or a file's contents):
     sizes N0 N1 ... NL          N0 inputs, NL = 1 output, 1 <= Nk <= 64
     layer ACT                   ACT: relu, identity, or leaky SLOPE
       w w ... w | b             Nk rows of N(k-1) weights, '|', the bias
     ...                         one layer block per k = 1 ... L
   Tokens are separated by blanks, newlines, commas or semicolons; '#'
   starts a comment to the end of the line; numbers are read in every
   locale alike.  Sets *OUT (NULL on failure).  NS_OK; NS_EPARSE with the
   column (counted from the start of TEXT; the message names the line) and
   what was expected; NS_ELIMIT for more than NS_MLP_MAX_LAYERS layers;
   NS_EINVAL for NULL; NS_ENOMEM. */
ns_status ns_mlp_parse (const char *text, ns_mlp **out, ns_parse_error *err);

/* Releases NET (NULL is a no-op). */
void ns_mlp_free (ns_mlp *net);

/* The network as a function of its N0 inputs x1 ... xN0 (weights fixed):
   each unit act((w1 a1 + ... + wn an) + b), a unit's output one subtree
   shared by the next layer.  NS_OK, NS_EINVAL (NULL), NS_ELIMIT (the tree,
   counted with multiplicity, passes NS_FN_MAX_SIZE), NS_ENOMEM. */
ns_status ns_mlp_as_function_of_inputs (const ns_mlp *net, ns_mfn **out);

/* The network at the input INPUT[0 .. N0-1] as a function of its
   parameters, in the order of the text: layer by layer, row by row, each
   row's weights then its bias.  NS_ELIMIT when there are more than
   NS_MULTI_MAX_VARS of them; other statuses as above, NS_EINVAL for a NaN
   or infinite input. */
ns_status ns_mlp_as_function_of_weights (const ns_mlp *net, const double *input,
                                         ns_mfn **out);

/* Sets *OUT to the one-variable function g(t) = f(X + t D) (X and D arrays
   of n finite doubles; D may be NULL for the zero direction, then g is
   constant).  Each variable x_i becomes the subtree X_i + D_i*t (X_i when
   D_i = 0, D_i*t when X_i = 0, t for a unit coefficient), so g's germs at
   t = 0 are exact wherever f's would be.  Release with ns_fn_free.
   Returns NS_OK, NS_EINVAL (NULL, non-finite entries), NS_ELIMIT (the
   tree passes NS_FN_MAX_SIZE or NS_FN_MAX_DEPTH) or NS_ENOMEM. */
ns_status ns_mfn_restrict (const ns_mfn *f, const double *x, const double *d,
                           ns_function **out);

/* Sets OUT to f(X) with a bound on its rounding error, as ns_fn_eval
   does (same statuses and conventions at kinks). */
ns_status ns_mfn_eval (const ns_mfn *f, const double *x, ns_result *out);

/* Sets OUT to the one-sided directional derivative
   f'(X; D) = lim_{t -> 0+} (f(X + t D) - f(X)) / t, the right derivative at
   0 of the restriction g(t) = f(X + t D) read off its germ, and OUT->err
   to a bound on its rounding error from an outward-rounded enclosure of
   the slope at 0 of the smooth selection (every kink active at X replaced
   by the branch the germ took); where no selection exists (a root at its
   zero, sqrt(x^2 + y^2) at 0) the enclosure of g' on a short [0, h],
   possibly +inf.  Returns NS_OK; NS_ERANGE with OUT->val =
   +-inf when the derivative is infinite (a jump along D, or an infinite
   slope); NS_UNDEFINED (val NaN) when the germ cannot decide it; NS_EDOM
   when f is not defined at X or on the ray; NS_EINVAL, NS_ELIMIT,
   NS_ENOMEM as ns_mfn_restrict. */
ns_status ns_mfn_dirderiv (const ns_mfn *f, const double *x, const double *d,
                           ns_result *out);

/* Sets G[0..n-1] to the gradient of F at X, each with a rounding bound.
   NS_OK when F is certified differentiable at X: either no switching
   quantity of a kink, root, logarithm or denominator is at its level
   within its rounding bound (F is smooth near X), or F has a single
   limiting gradient there (relu(x)*relu(y) at 0).  NS_UNDEFINED when some
   partial derivative does not exist (the one-variable derivative of
   t -> f(X + t e_i) at 0 is undefined, as ns_fn_deriv decides; G holds
   NaN for it), or two limiting gradients differ beyond their bounds
   (max(min(x, y), 0) at 0).  NS_EUNDECIDED when every partial exists, a
   kink is active and the limiting gradients do not decide (a refusal of
   ns_mfn_limiting_gradients); G holds the partials.  NS_EDOM, NS_EINVAL,
   NS_ELIMIT, NS_ENOMEM as ns_mfn_eval. */
ns_status ns_mfn_gradient (const ns_mfn *f, const double *x, ns_result *g);

/* The limiting gradients of F at X: the gradients at X of the smooth
   selections active on the open cones of directions around X (in the
   plane, the arcs cut by the first-order zero directions of the switching
   quantities at their levels; in n > 2 variables the open cells of their
   zero hyperplanes, each with an interior direction found by linear
   programming and checked with outward rounding).  Writes at most MAX of
   them to G (n entries each, with rounding bounds), distinct, and their
   number to *COUNT.  Returns NS_OK; NS_ELIMIT when there are more than MAX
   (the first MAX are written), more than 64 active kinks or 4096 cells;
   NS_ENOTLIPSCHITZ when a step (heaviside, sign, floor) switches at X;
   NS_EUNDECIDED when a quantity vanishes to first order on a whole cone
   (the sign is a matter of higher order) and its gradient is not proven 0
   exactly (a proven zero gradient splits nothing: both branches have the
   same gradients, relu(x^2 - y^2) at 0), the first-order hyperplanes
   of quantities that are not all piecewise affine coincide so as to
   empty a cell and second order does not decide it (zero curves tangent
   at X may bound a cusp with a selection of its own, whose gradient is
   returned when exhibited: (0, -1) for relu(y - x^2) - relu(y + x^2) at
   0), a root, logarithm or
   denominator is at its zero, or a cone is too thin to trust its
   interior direction; NS_EDOM, NS_EINVAL, NS_ENOMEM. */
ns_status ns_mfn_limiting_gradients (const ns_mfn *f, const double *x, ns_result *g,
                                     size_t max, size_t *count);

/* The Clarke subdifferential of F at X, the convex hull of the limiting
   gradients, as its vertices: in the plane counter-clockwise from the
   lowest-leftmost, in one variable the two ends of the segment (one point
   when they agree), in n > 2 variables the extreme points of
   ns_mfn_clarke_polytope in its order (with its certified hull).  At
   most MAX vertices (n entries each) go to V, their number to *COUNT;
   NS_ELIMIT when there are more than MAX (the first MAX written).
   Statuses of ns_mfn_limiting_gradients, and for n > 2 of
   ns_mfn_clarke_polytope. */
ns_status ns_mfn_clarke (const ns_mfn *f, const double *x, ns_result *v, size_t max,
                         size_t *count);

/* Clarke's directional derivative f°(X; D) = max of g . D over the Clarke
   set (any n: the max over the limiting gradients, of which the vertices
   of ns_mfn_clarke are the extreme ones, so it answers wherever
   ns_mfn_clarke does and also past the hull's limits), with a
   bound from the gradients' bounds.  Statuses of
   ns_mfn_limiting_gradients. */
ns_status ns_mfn_clarke_dirderiv (const ns_mfn *f, const double *x, const double *d,
                                  ns_result *out);

/* A convex polytope in R^n (a subdifferential), held by its extreme
   points and, where computed, its facets.  The library allocates it;
   release it with ns_polytope_free.  COUNT = 0 is the empty set.  DIM is
   the affine dimension of the hull of the vertices (-1 empty, 0 a point,
   1 a segment, ...).  Vertex i is VERTICES[i*N ... i*N + N-1], each
   coordinate within ERR[i*N + j] of the exact vertex.  When NFACETS > 0,
   facet k is the inequality NORMALS[k*N ...] . g <= OFFSETS[k]; a polytope
   of dimension below N also lists the equalities of its affine hull, each
   as two opposite facets.  FACETS_OMITTED is 1 when ns_polytope_hull
   does not list the facets of the hull relative to its affine hull (only
   the equalities, if any): above NS_POLYTOPE_MAX_HULL_DIM for anything
   but a simplex.  (The Fréchet and limiting sets list no facets at all:
   NFACETS 0.)  Every consumer in the library works from the vertices. */
typedef struct ns_polytope
{
  int n;
  int dim;
  size_t count;
  double *vertices;
  double *err;
  size_t nfacets;
  double *normals;
  double *offsets;
  int facets_omitted;
} ns_polytope;

/* Allocates a polytope in R^N (1 <= N <= NS_MULTI_MAX_VARS) with room for
   COUNT vertices and NFACETS facets, every array zeroed, DIM = -1 when
   COUNT = 0 and 0 otherwise (the caller sets it).  NULL for a bad N or no
   memory. */
ns_polytope *ns_polytope_alloc (int n, size_t count, size_t nfacets);

/* Releases P (NULL is a no-op). */
void ns_polytope_free (ns_polytope *p);

/* The least-norm element of P, G[0..n-1] with rounding bounds, and the convex
   weights of the vertices that give it (WEIGHTS may be NULL, else P->count entries).
   The vertices may repeat and need not be extreme; each G[j].err bounds the
   distance to the least-norm point of every polytope whose vertices lie within
   P's bounds.  G is exactly 0 when 0 is proven (in rationals) a convex
   combination of the points as given: with err 0 when 0 is proven in every
   such polytope, else with the largest Euclidean length of the bounds of
   the points combined.
   NS_OK; NS_EINVAL (NULL, no vertices, a non-finite value or bound);
   NS_EOVERFLOW (a bound past DBL_MAX); NS_ENOMEM. */
ns_status ns_polytope_min_norm (const ns_polytope *p, ns_result *g, double *weights);

/* The stationarity test 0 in the Clarke set of F at X and its certificate
   (ns_mfn_stationary).  STATIONARY is 1 when 0 is proven (in rationals) a
   convex combination of the limiting gradients as computed: WEIGHTS,
   CLARKE->count convex weights, combine them to 0, and RESIDUAL bounds the
   distance from 0 to the exact Clarke set (0 when 0 is proven in the hull
   of every reading of the gradients' bounds, by the weights or by
   ns_polytope_contains, else the largest Euclidean length of the bounds
   of the gradients used); 0 when DIRECTION is proven a direction of
   descent (SLOPE, Clarke's f°(X; DIRECTION) with its bound, lies below 0:
   SLOPE.val + SLOPE.err < 0), -1 when neither.  CLARKE holds the limiting
   gradients as points (with their bounds; not reduced to extreme points)
   whose hull is the Clarke set; MIN_NORM (N entries) is its least-norm
   element and DIRECTION = -MIN_NORM.  CLARKE and WEIGHTS are owned: release
   them with ns_stationarity_clear. */
typedef struct ns_stationarity
{
  int n;
  int stationary;
  ns_polytope *clarke;
  double *weights;
  ns_result min_norm[NS_MULTI_MAX_VARS];
  double direction[NS_MULTI_MAX_VARS];
  ns_result slope;
  double residual;
} ns_stationarity;

/* Fills OUT (every field, overwritten without being released) with the
   stationarity test of F at X.  NS_OK when decided (STATIONARY 0 or 1);
   NS_EUNDECIDED when the bounds decide neither (0 within the bounds of
   the least-norm element, or the slope's bound reaching 0); the statuses
   of ns_mfn_limiting_gradients (NS_ENOTLIPSCHITZ at a jump, NS_ELIMIT where
   it stops), NS_EINVAL, NS_ENOMEM. */
ns_status ns_mfn_stationary (const ns_mfn *f, const double *x, ns_stationarity *out);

/* Releases what S owns and sets its pointers to NULL (NULL is a no-op;
   safe after any return of ns_mfn_stationary). */
void ns_stationarity_clear (ns_stationarity *s);

struct ns_kink_policy;   /* <nonsmooth/ad.h>, which includes this header */

/* Which element of the Clarke set (or, for NS_MSELECT_AD, which
   framework's gradient) the subgradient method in several variables steps
   along. */
typedef enum ns_mselection_kind {
  NS_MSELECT_MIN_NORM = 0,   /* its least-norm element (ns_polytope_min_norm) */
  NS_MSELECT_DIRECTION,      /* the limiting gradient g of greatest g . u for a
                                fixed generic direction u: the gradient of the
                                piece a max of smooth pieces takes along
                                x + t u (first of the ties); always a
                                limiting gradient */
  NS_MSELECT_RANDOM_VERTEX,  /* a limiting gradient drawn uniformly by a
                                generator seeded with SEED */
  NS_MSELECT_AD,             /* the gradient a framework returns:
                                ns_mfn_ad_gradient under POLICY in MODE; it
                                depends on how f is written and may lie
                                outside the Clarke set (0 for
                                relu(x) - relu(-x) at 0 under PyTorch) */
  NS_MSELECT_KIND_COUNT
} ns_mselection_kind;

typedef struct ns_mselection {
  ns_mselection_kind kind;
  unsigned long seed;        /* NS_MSELECT_RANDOM_VERTEX */
  /* NS_MSELECT_AD: the framework's kink conventions (an ns_kink_policy
     of <nonsmooth/ad.h>, e.g. from ns_kink_policy_init; NULL for the
     PyTorch preset) and the AD mode (an ns_ad_mode; 0 is NS_AD_REVERSE,
     what backward() and jax.grad run). */
  const struct ns_kink_policy *policy;
  int mode;
} ns_mselection;

/* What ns_mfn_subgradient_method records, for at most CAPACITY steps in
   N variables: iterate k is X[k*N ... k*N + N-1] (k = 0 ... STEPS), with
   FX[k] = f(x_k), BEST[k] = min of FX[0..k], G[k*N ...] the selected
   element at x_k and T[k] the step from x_{k-1} (T[0] NaN).  BEST_K is the
   first k where BEST[STEPS] is attained; CERT the stationarity test there
   (ns_mfn_stationary), CERT_STATUS its status.  CONVEX is 1 when
   ns_mfn_convexity certifies f convex: then a stationary certificate with
   RESIDUAL 0 proves x_BEST_K a global minimizer. */
typedef struct ns_mfn_trace {
  int n;
  int convex;
  size_t capacity;
  size_t steps;
  double *x;
  double *fx;
  double *best;
  double *g;
  double *t;
  size_t best_k;
  ns_status cert_status;
  ns_stationarity cert;
} ns_mfn_trace;

/* A trace for at most STEPS steps in N variables, or NULL for STEPS = 0, N
   outside 1 ... NS_MULTI_MAX_VARS, sizes past memory, or no memory. */
ns_mfn_trace *ns_mfn_trace_alloc (int n, size_t steps);

/* Releases TRACE and its certificate (NULL is a no-op). */
void ns_mfn_trace_free (ns_mfn_trace *trace);

/* Runs STEPS steps of x_k = x_{k-1} - t_k g_{k-1} from X0 (N = the
   function's number of variables, TRACE->n), with g from the Clarke set at
   x_{k-1} chosen by SEL (or AD's gradient, NS_MSELECT_AD) and t_k by STEP (a/k, a/sqrt(k), constant, or
   Polyak's (f(x_{k-1}) - fstar) / |g|^2), recording everything in TRACE,
   then the stationarity test at the best iterate.  Returns NS_OK;
   NS_EINVAL (NULL, a non-finite X0, STEPS 0 or past the capacity, N not
   TRACE->n, a bad rule or selection or policy, Polyak with f(x_k) <
   fstar); NS_UNDEFINED (NS_MSELECT_AD: the policy leaves a component
   undefined or infinite at an iterate, no finite step);
   NS_ERANGE (an iterate overflowed); the statuses of ns_mfn_eval and
   ns_mfn_limiting_gradients at an iterate (NS_ENOTLIPSCHITZ, NS_ELIMIT,
   NS_EUNDECIDED, NS_EDOM).  On failure TRACE->steps is the number of steps
   completed, entries 0 ... steps are complete, and the certificate is
   that of the best complete iterate (CERT_STATUS NS_EINVAL when x0
   failed).  The certificate's own status does not change the return. */
ns_status ns_mfn_subgradient_method (const ns_mfn *f, const double *x0,
                                     const ns_step_rule *step, const ns_mselection *sel,
                                     size_t steps, ns_mfn_trace *trace);

/* "min-norm", "direction", "random-vertex", "ad"; "unknown" otherwise. */
const char *ns_mselection_kind_name (ns_mselection_kind kind);

/* The convex hull of COUNT points of R^N (values with rounding bounds in
   POINTS[i*N + j]), certified for every reading of the points within
   their bounds.  Points with equal values are one point (the larger bound
   kept).  Sets *OUT (NULL on failure): DIM the affine dimension, the
   vertices the extreme points only (with their bounds; a segment's two
   ends in order, a polygon's vertices counter-clockwise from the
   lowest-leftmost in its two pivot coordinates), and facets: for DIM >= 1 the facets of the hull relative
   to its affine hull, then the equalities of the affine hull as pairs of
   opposite facets.  Every facet inequality holds on the whole hull for
   every reading (offsets rounded outward).  COUNT = 0 gives the empty
   polytope.  Above affine dimension NS_POLYTOPE_MAX_HULL_DIM the
   vertices (in the points' lexicographic order) come from linear
   programs instead of qhull: each point is proven a convex combination
   of the others (in rationals, or in balls over every reading) or proven
   the only maximiser of a linear functional, and the relative facets are
   given only for a simplex (D + 1 points; else FACETS_OMITTED is 1 and
   only the affine hull's equalities are listed).  NS_OK, NS_EINVAL (N
   out of range, NULL, non-finite values or bounds, negative bounds),
   NS_ENOMEM, NS_ELIMIT above NS_POLYTOPE_MAX_HULL_DIM with more than
   NS_POLYTOPE_MAX_LP_POINTS distinct points, NS_EUNDECIDED when the
   bounds leave the dimension or the extremality of a point open, or
   qhull fails on nearly degenerate points. */
ns_status ns_polytope_hull (int n, const ns_result *points, size_t count, ns_polytope **out);

/* The largest affine dimension ns_polytope_hull takes to qhull: its work
   grows steeply with the dimension (the corners of the 8-cube take about
   3 s, the 9-cube minutes); above it, the vertices by linear programs. */
#define NS_POLYTOPE_MAX_HULL_DIM 8

/* The most distinct points ns_polytope_hull (and ns_polytope_contains)
   classify by linear programs above NS_POLYTOPE_MAX_HULL_DIM: one LP of
   that many columns per point not settled by the centroid's functional,
   so the work grows with the square of the count; more is NS_ELIMIT. */
#define NS_POLYTOPE_MAX_LP_POINTS 4096

/* *INSIDE = 1 when G (within GERR, may be NULL for exact) lies in P for
   every reading of G and of P's vertices within their bounds, 0 when it
   lies outside for every reading.  P's vertices are taken as distinct
   points; its facet normals serve only as candidate separating
   directions (the vertices decide).  NS_OK, NS_EINVAL, NS_ENOMEM,
   NS_EUNDECIDED when the bounds of P and G leave it open (*INSIDE 0), or
   NS_ELIMIT above NS_POLYTOPE_MAX_HULL_DIM for more than
   NS_POLYTOPE_MAX_LP_POINTS distinct vertices. */
ns_status ns_polytope_contains (const ns_polytope *p, const double *g, const double *gerr,
                                int *inside);

/* The Clarke subdifferential of F at X as a polytope (*OUT, release with
   ns_polytope_free; NULL on failure): the hull, by ns_polytope_hull, of
   the limiting gradients of ns_mfn_limiting_gradients, so for the n that
   function handles.  Statuses of both: NS_OK, NS_ENOTLIPSCHITZ,
   NS_EUNDECIDED, NS_ELIMIT (the limiting gradients' bounds, or more than
   NS_POLYTOPE_MAX_LP_POINTS of them above NS_POLYTOPE_MAX_HULL_DIM),
   NS_EDOM, NS_EINVAL, NS_ENOMEM. */
ns_status ns_mfn_clarke_polytope (const ns_mfn *f, const double *x, ns_polytope **out);

/* The Fréchet subdifferential of F at X, {g : g . d <= f'(X; d) for every
   d}, as a new polytope *OUT (release with ns_polytope_free): its
   extreme points with bounds (no facets), COUNT = 0 when it is empty
   (min(x, y) at 0).  f'(X; .) is linear on each closed cell of the
   switching hyperplanes at X (those of ns_mfn_limiting_gradients), with
   the gradient of the cell's selection, so the set is cut out by
   g . r <= g_s . r over the rays r generating each cell; rays and
   vertices are computed exactly (rationals) from the computed gradients.
   Returns NS_OK; NS_ENOTLIPSCHITZ when a step switches at X; NS_EUNDECIDED
   as ns_mfn_limiting_gradients; NS_ELIMIT past its bounds or past 5e6
   units of work (a determinant or inverse of size s counts s^3; many
   kinks in many variables: ||x||_1 at 0 is found this way in R^7, not in
   R^8), unless ns_mfn_convexity certifies F convex: then the Fréchet set
   is the convex subdifferential and comes from ns_mfn_convex_subdiff
   (with its facets, if any, and its statuses' limits); NS_EINVAL,
   NS_EDOM, NS_ENOMEM.  *OUT is NULL on failure.
   Where f is smooth near X the set is the gradient, at no cost. */
ns_status ns_mfn_frechet (const ns_mfn *f, const double *x, ns_polytope **out);

/* The limiting subdifferential of F at X, the union of the Fréchet sets
   at the points near X (any n), as its maximal pieces: for each face of
   the cells of the switching hyperplanes at X (the cells, their walls,
   their faces of every dimension and X itself), the Fréchet set of the
   first-order model near a point of the face's relative interior (the
   sum of the face's extreme rays, exact), the empty ones dropped and each
   piece contained in another (decided exactly on the vertices' systems,
   as linear forms in the cells' gradients within their bounds, by
   every system a piece was found with) dropped;
   where containment is not certain both are kept.  Writes at most MAX
   new polytopes to PIECES (each released with ns_polytope_free; the
   others set to NULL) and their number to *COUNT.  Returns NS_OK;
   NS_ELIMIT when there are more than MAX pieces (the first MAX are
   written), past the cells' bounds (64 active kinks, 4096 cells), past
   65536 faces of one cell, past 4e7 units of work for all
   the pieces together (-||x||_1 at 0 is found in R^6, refused in R^7), or
   past the bounds of ns_mfn_frechet for one piece, unless F is
   certified convex (then its one piece is the convex subdifferential,
   ||x||_1 at 0 in R^7); NS_EUNDECIDED also
   when a cusp between tangent zero curves carries a selection (the
   Fréchet sets on its boundary are not the cells'); the other statuses
   of ns_mfn_frechet.  Any NS_ELIMIT or NS_EUNDECIDED of the faces'
   route or of the cells gives way, for F certified convex, to the
   convex subdifferential as the one piece where ns_mfn_convex_subdiff
   answers (relu(x+y^2) + relu(2*x+y^2) at 0, a cusp). */
ns_status ns_mfn_limiting (const ns_mfn *f, const double *x, ns_polytope **pieces,
                           size_t max, size_t *count);
/* Decides whether F is convex on all of R^n by rules: affine maps,
   sums, nonnegative multiples, max of convex (min of concave, negation
   of concave), relu, exp and leaky_relu (slope in [0, 1]) of convex,
   |affine|, and a one-variable function of one linear form c . x (every
   variable inside an affine subtree whose linear part is an exact
   rational multiple of c), certified by ns_fn_convexity on its
   restriction to an axis.  So ||x||_1 and ||x||_inf written with abs and
   max, relu(a . x + b) and (x - y)^2 are certified; functions convex only
   near a point are not.  Sets *CERTIFIED and returns NS_OK when
   certified; else *CERTIFIED = 0 and NS_ENOTCONVEX, with REASON (like
   snprintf, SIZE bytes, may be NULL when SIZE is 0) naming the deepest
   subexpression the rules refuse.  NS_EINVAL for NULL. */
ns_status ns_mfn_convexity (const ns_mfn *f, int *certified, char *reason, size_t size);

/* The convex subdifferential of F at X as a polytope: where
   ns_mfn_convexity certifies F convex, the Clarke polytope
   (ns_mfn_clarke_polytope: a finite convex function is locally
   Lipschitz and regular, and the sets agree).  NS_ENOTCONVEX (*OUT NULL)
   when not certified; otherwise the statuses of ns_mfn_clarke_polytope. */
ns_status ns_mfn_convex_subdiff (const ns_mfn *f, const double *x, ns_polytope **out);

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_MULTI_H */
