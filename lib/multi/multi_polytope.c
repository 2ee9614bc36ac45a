/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/multi/multi_polytope.c: limiting gradients, the Clarke set and
   Clarke's directional derivative of a function of one or two variables
   at a point, from the smooth selections active on the open cones around
   it.  In the plane the cones are arcs of directions: the zero directions
   of the first-order terms of the switching quantities at their levels,
   found from the inner kinks outwards, cut the circle into arcs, and each
   arc carries one selection, whose gradient is a limiting gradient.  No
   linear programming is needed in two dimensions. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "multi/multi_impl.h"
#include "function/function_impl.h"

/* A bound on the directions that cut the circle (NS_ELIMIT past it). */
#define MAX_CUTS 128

/* An arc narrower than this (radians) is refused rather than trusted: its
   middle direction could lie on a boundary once rounded. */
#define MIN_ARC 0x1p-30

/* The direction of angle A (n = 2), or +1 for angle 0 and -1 for pi
   (n = 1). */
static void
direction (int n, double a, double *u)
{
  if (n == 1)
    u[0] = a == 0 ? 1 : -1;
  else
    {
      u[0] = cos (a);
      u[1] = sin (a);
    }
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Sorts the angles in [0, 2 pi) and drops exact repeats. */
static size_t
sort_unique (double *a, size_t n)
{
  qsort (a, n, sizeof *a, cmp_double);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (k == 0 || a[i] != a[k - 1])
      a[k++] = a[i];
  return k;
}

static double
angle_of (double u0, double u1)
{
  double a = atan2 (u1, u0);
  return a < 0 ? a + 2 * NS_PI : a;
}

/* Whether every quantity before K (post-order: the inner kinks of
   quantity K among them) leaves its level at first order along U: then
   SIDES gets the side of each, the branch its kink takes near x along U,
   which is what the 1-D germ of the line would decide, without the line
   tree and its germs.  0 when some first-order term is 0 within its
   bound (the germ decides then). */
static int
inner_sides (ns_mfn_sweep *sw, const int *pos, int k, const double *u, signed char *sides)
{
  for (int q = 0; q < k; q++)
    {
      ns_result a[2];
      if (ns_mfn_sweep_quantity (sw, pos[q], sides, a) != NS_OK)
        return 0;
      if (ns_mfn_quantity_zero_gradient (sw->m, sw->t, sides, sw->x, pos[q], a))
        {
          /* Either branch: both give the same gradients at x. */
          sides[pos[q]] = 1;
          continue;
        }
      double dot = 0, err = 0;
      for (int i = 0; i < 2; i++)
        {
          dot += a[i].val * u[i];
          err += a[i].err * fabs (u[i]) + 2 * DBL_EPSILON * fabs (a[i].val * u[i]);
        }
      if (!(fabs (dot) > err))
        return 0;
      sides[pos[q]] = dot > 0 ? 1 : -1;
    }
  return 1;
}

/* The open cones of directions around X as arcs: *NMIDS triples (middle,
   start, end) of angles in MIDS (n = 1: the half-lines, angles 0 and pi).
   SW and SIDES are the caller's sweep and scratch sides. */
static ns_status
cone_middles (const ns_mfn *m, const ns_function *c, const ns_mfn_table *tab, const double *x,
              const int *pos, int nactive, ns_mfn_sweep *sw, signed char *sides,
              double *mids, size_t *nmids)
{
  if (m->n == 1)
    {
      /* The two half-lines, as angles 0 and pi. */
      mids[0] = mids[1] = mids[2] = 0;
      mids[3] = mids[4] = mids[5] = NS_PI;
      *nmids = 2;
      return NS_OK;
    }
  double cuts[MAX_CUTS];
  size_t ncuts = 0;
  /* Cuts are true zero directions of regions bounded by hyperplanes only
     for quantities with piecewise affine arguments; the cuts of the
     others are kept apart to tell a coincidence that may hide a cusp. */
  int affine[NS_MFN_MAX_ACTIVE];
  ns_mfn_active_affine_each (m, pos, nactive, affine);
  double curved[MAX_CUTS];
  size_t ncurved = 0;
  for (int k = 0; k < nactive; k++)
    {
      /* The arcs of the cuts so far (the whole circle when none): on each,
         the inner kinks keep their branches, so the quantity of node k is
         smooth with one gradient a, and vanishes at first order along the
         two directions perpendicular to a. */
      double add[MAX_CUTS];
      size_t nadd = 0;
      size_t narcs = ncuts == 0 ? 1 : ncuts;
      for (size_t j = 0; j < narcs; j++)
        {
          double lo = ncuts == 0 ? 0 : cuts[j];
          double hi = ncuts == 0 ? 2 * NS_PI : (j + 1 < ncuts ? cuts[j + 1] : cuts[0] + 2 * NS_PI);
          if (hi - lo < MIN_ARC)
            return NS_EUNDECIDED;
          double u[2], mid = 0.5 * (lo + hi);
          direction (2, mid, u);
          ns_result a[2];
          int first = 0;
          ns_status st = NS_OK;
          int exact = 0, known = 0;
          if ((known = inner_sides (sw, pos, k, u, sides)))
            {
              /* The inner kinks' branches by their first-order sides: the
                 same selection.  Its gradient by the sweep when that is
                 exact (bounds 0: the true gradient, so the same zero
                 directions), otherwise as before.  The sweep's exact mode
                 takes affine pieces' gradients exactly (the germs' slope
                 enclosures would give them bounds of an ulp, and every arc
                 went to the germs). */
              st = ns_mfn_sweep_quantity_exact (sw, pos[k], sides, a);
              exact = st == NS_OK && a[0].err == 0 && a[1].err == 0;
              if (st == NS_OK && !exact)
                st = ns_mfn_quantity_gradient (m, c, NULL, tab, sides, x, u, pos[k], a,
                                               &first);
            }
          else
            {
              ns_function *l = NULL;
              st = ns_mfn_restrict_tree (m, m->tree, x, u, &l);
              if (st == NS_OK)
                st = ns_mfn_quantity_gradient (m, c, l, tab, NULL, x, u, pos[k], a, &first);
              ns_fn_free (l);
            }
          if (st != NS_OK)
            return st;
          /* A gradient proven 0 cuts nothing: both branches give the
             same gradients at x (ns_mfn_quantity_zero_gradient; the
             inner sides must be the arc's, as inner_sides found them). */
          if (known && ns_mfn_quantity_zero_gradient (m, tab, sides, x, pos[k], a))
            continue;
          if (a[0].val == 0 && a[1].val == 0)
            /* The quantity vanishes to first order on the whole arc: its
               sign is a matter of higher order, not decided here. */
            return NS_EUNDECIDED;
          double z[2] = { angle_of (-a[1].val, a[0].val), angle_of (a[1].val, -a[0].val) };
          for (int s = 0; s < 2; s++)
            {
              double t = z[s] < lo ? z[s] + 2 * NS_PI : z[s];
              /* A zero direction on a cut of another quantity: the
                 arcs are the true regions only when every active
                 quantity is piecewise affine; otherwise a cusp between
                 tangent zero curves may hide a selection
                 (relu(y - x^2) - relu(y + x^2) at 0). */
              int on_curved = 0;
              for (size_t q = 0; q < ncurved && !on_curved; q++)
                on_curved = curved[q] == (t >= 2 * NS_PI ? t - 2 * NS_PI : t);
              if (ncuts > 0 && (t == lo || t == hi) && (!affine[k] || on_curved))
                return NS_EUNDECIDED;
              /* With no cuts yet the arc is the whole circle from angle
                 0, which a zero direction may hit exactly. */
              if ((t > lo || (ncuts == 0 && t == lo)) && t < hi)
                {
                  if (nadd + ncuts >= MAX_CUTS)
                    return NS_ELIMIT;
                  add[nadd++] = t >= 2 * NS_PI ? t - 2 * NS_PI : t;
                  if (!affine[k])
                    curved[ncurved++] = add[nadd - 1];
                }
            }
        }
      for (size_t j = 0; j < nadd; j++)
        cuts[ncuts++] = add[j];
      ncuts = sort_unique (cuts, ncuts);
    }
  if (ncuts == 0)
    {
      /* Every active quantity has a gradient proven 0: one open cone,
         the whole plane, cut in three arcs shorter than pi. */
      cuts[0] = 0;
      cuts[1] = 2 * NS_PI / 3;
      cuts[2] = 4 * NS_PI / 3;
      ncuts = 3;
    }
  if (ncuts < 2)
    return NS_EUNDECIDED;   /* not reached: zeros come in opposite pairs */
  /* Arcs of pi or more get their middle as one more cut, so that every
     arc is shorter than pi: a linear form a . u that has one sign at both
     ends of such an arc has that sign all along it (its zeros on the
     circle are pi apart), which the caller checks. */
  size_t n0 = ncuts;
  for (size_t j = 0; j < n0; j++)
    {
      double lo = cuts[j], hi = j + 1 < n0 ? cuts[j + 1] : cuts[0] + 2 * NS_PI;
      if (hi - lo >= NS_PI)
        {
          if (ncuts >= MAX_CUTS)
            return NS_ELIMIT;
          double mid = 0.5 * (lo + hi);
          cuts[ncuts++] = mid >= 2 * NS_PI ? mid - 2 * NS_PI : mid;
        }
    }
  ncuts = sort_unique (cuts, ncuts);
  for (size_t j = 0; j < ncuts; j++)
    {
      double lo = cuts[j], hi = j + 1 < ncuts ? cuts[j + 1] : cuts[0] + 2 * NS_PI;
      if (hi - lo < MIN_ARC)
        return NS_EUNDECIDED;
      mids[3 * j] = 0.5 * (lo + hi);
      mids[3 * j + 1] = lo;
      mids[3 * j + 2] = hi;
    }
  *nmids = ncuts;
  return NS_OK;
}

/* Whether the first-order term A . U of an active quantity, nonzero with
   sign SIGN at the middle of an arc, keeps that sign or is zero within
   rounding at the end direction U. */
static int
sign_kept (const ns_result *a, const double *u, int n, int sign)
{
  double dot = 0, err = 0;
  for (int i = 0; i < n; i++)
    {
      dot += a[i].val * u[i];
      /* cos and sin are within an ulp or two; the products and the sum
         round once each. */
      err += a[i].err * fabs (u[i]) + 4 * DBL_EPSILON * fabs (a[i].val);
    }
  return fabs (dot) <= err || (dot > 0) == (sign > 0);
}

/* Whether the N values of A and B are the same doubles. */
static int
same_point (const ns_result *a, const ns_result *b, int n)
{
  for (int k = 0; k < n; k++)
    if (a[k].val != b[k].val)
      return 0;
  return 1;
}

/* A cell's gradient (N values at G) and its index, sorted by cmp_grad:
   the values lexicographically, then the index (qsort is not stable). */
typedef struct grad_ref {
  const ns_result *g;
  size_t index;
  int n;
} grad_ref;

static int
cmp_grad (const void *pa, const void *pb)
{
  const grad_ref *a = pa, *b = pb;
  for (int k = 0; k < a->n; k++)
    if (a->g[k].val != b->g[k].val)
      return a->g[k].val < b->g[k].val ? -1 : 1;
  return a->index < b->index ? -1 : a->index > b->index;
}

/* The distinct selection gradients of the cells of F at X (n > 2), in a
   new array *PTS of *NP points (n entries each).  Neighbouring cells often
   share a selection: one copy is kept, as in the plane. */
static ns_status
cell_gradients (const ns_mfn *f, const double *x, ns_result **pts, size_t *np)
{
  *pts = NULL;
  *np = 0;
  ns_mfn_cells *cells = NULL;
  ns_status st = ns_mfn_cells_gradients_at (f, x, &cells);
  if (st != NS_OK)
    return st;
  size_t n = (size_t) f->n, found = 0, m = cells->count;
  /* The kept gradients are moved to the front of the cells' own array,
     which is returned: no second copy of 2^k gradients.  Room is made
     for the gradients of cusps (ns_mfn_second_side) after them. */
  ns_result *p = cells->grad;
  if (cells->ncusp > 0)
    {
      p = realloc (cells->grad, ((m + cells->ncusp) * n + 1) * sizeof *p);
      if (p == NULL)
        {
          ns_mfn_cells_free (cells);
          return NS_ENOMEM;
        }
      cells->grad = p;
    }
  grad_ref *order = malloc ((m + 1) * sizeof *order);
  unsigned char *keep = calloc (m + 1, 1);
  if (order == NULL || keep == NULL)
    st = NS_ENOMEM;
  if (st == NS_OK)
    {
      /* The first cell of each gradient, in the cells' order: sorted by
         gradient then cell (O(m log m), not a scan per cell: 2^k cells
         for k independent kinks). */
      for (size_t i = 0; i < m; i++)
        order[i] = (grad_ref) { cells->grad + i * n, i, f->n };
      qsort (order, m, sizeof *order, cmp_grad);
      for (size_t i = 0; i < m; i++)
        keep[order[i].index] = i == 0 || !same_point (order[i - 1].g, order[i].g, f->n);
      for (size_t i = 0; i < m; i++)
        if (keep[i])
          {
            /* found <= i: nothing is overwritten before it is read. */
            if (found != i)
              memcpy (p + found * n, p + i * n, n * sizeof *p);
            found++;
          }
      /* The gradients of selections on cusps no cell carries
         (ns_mfn_second_side). */
      for (size_t c = 0; c < cells->ncusp; c++)
        {
          int dup = 0;
          for (size_t i = 0; i < found && !dup; i++)
            dup = same_point (p + i * n, cells->cusp + c * n, f->n);
          if (!dup)
            memcpy (p + found++ * n, cells->cusp + c * n, n * sizeof *p);
        }
      cells->grad = NULL;
    }
  free (order);
  free (keep);
  ns_mfn_cells_free (cells);
  if (st != NS_OK)
    return st;
  *pts = p;
  *np = found;
  return NS_OK;
}

/* ns_mfn_limiting_gradients for n > 2: the gradients of the cells. */
static ns_status
limiting_from_cells (const ns_mfn *f, const double *x, ns_result *g, size_t max,
                     size_t *count)
{
  ns_result *pts = NULL;
  size_t np = 0;
  ns_status st = cell_gradients (f, x, &pts, &np);
  if (st != NS_OK)
    return st;
  size_t n = (size_t) f->n;
  if (max > 0)
    memcpy (g, pts, (np < max ? np : max) * n * sizeof *g);
  free (pts);
  *count = np;
  return np > max ? NS_ELIMIT : NS_OK;
}

/* The limiting gradients of F at X, any n, in a new array *PTS of *NP
   points. */
static ns_status
limiting_set (const ns_mfn *f, const double *x, ns_result **pts, size_t *np)
{
  if (f->n > 2)
    return cell_gradients (f, x, pts, np);
  *pts = malloc (2 * MAX_CUTS * sizeof **pts);
  if (*pts == NULL)
    return NS_ENOMEM;
  ns_status st = ns_mfn_limiting_gradients (f, x, *pts, MAX_CUTS, np);
  if (st != NS_OK)
    {
      free (*pts);
      *pts = NULL;
    }
  return st;
}

static ns_status limiting_plane (const ns_mfn *f, const double *x, ns_result *g, size_t max,
                                 size_t *count);

/* In the plane, where the arcs refuse (a quantity vanishing to first
   order, cuts of curved quantities that coincide), the cells of
   hyperplanes are asked too: an independent route, with the second-order
   decisions of tangent zero curves (ns_mfn_second_side). */
ns_status
ns_mfn_limiting_gradients (const ns_mfn *f, const double *x, ns_result *g, size_t max,
                           size_t *count)
{
  ns_status st = limiting_plane (f, x, g, max, count);
  if (st == NS_EUNDECIDED && f->n == 2)
    st = limiting_from_cells (f, x, g, max, count);
  return st;
}

static ns_status
limiting_plane (const ns_mfn *f, const double *x, ns_result *g, size_t max, size_t *count)
{
  if (count != NULL)
    *count = 0;
  if (f == NULL || x == NULL || count == NULL || (g == NULL && max > 0))
    return NS_EINVAL;
  if (f->n > 2)
    return limiting_from_cells (f, x, g, max, count);
  ns_function *c = NULL;
  int nactive = 0, pos[NS_MFN_MAX_ACTIVE];
  ns_status st = ns_mfn_active_at (f, x, &c, pos, &nactive);
  /* Which nodes are active is decided once (the same ns_mfn_node_active
     on the same tree), not again in every selection of every arc. */
  ns_mfn_table table = { 0, 0, NULL, NULL };
  signed char *sides = NULL;
  if (st == NS_OK)
    st = ns_mfn_active_table (c, &table);
  if (st == NS_OK)
    ns_mfn_table_fix_dropped (&table, pos, nactive);
  if (st == NS_OK && nactive > 0 && (sides = calloc (table.size + 1, 1)) == NULL)
    st = NS_ENOMEM;
  ns_mfn_sweep sweep = { 0 };
  if (st == NS_OK && nactive > 0)
    st = ns_mfn_sweep_init (&sweep, f, x, &table);
  double mids[3 * MAX_CUTS];
  size_t nmids = 0;
  if (st == NS_OK && nactive == 0)
    {
      /* Smooth near x: the one gradient. */
      mids[0] = 0;
      nmids = 1;
    }
  else if (st == NS_OK)
    st = cone_middles (f, c, &table, x, pos, nactive, &sweep, sides, mids, &nmids);
  size_t found = 0;
  ns_result gbuf[2];
  for (size_t j = 0; j < nmids && st == NS_OK; j++)
    {
      double u[2];
      direction (f->n, mids[3 * j], u);
      if (nactive == 0)
        {
          /* Smooth near x; a kink within rounding of its level but
             proven off it is replaced by its branch (the table's), so
             its slope enclosure does not straddle the kink. */
          ns_function *s = NULL;
          int at = 0;
          st = ns_mfn_select_table (f->tree, NULL, &table, NULL, &at, &s);
          if (st == NS_OK)
            st = ns_mfn_smooth_gradient (f, s, x, gbuf);
          ns_fn_free (s);
        }
      else
        {
          /* Each active quantity leaves its level at first order along u
             with a sign it keeps up to both ends of the arc, so on the
             open cone every kink keeps its branch and f is the selection
             along u there.  This also checks the cuts: a missed zero
             direction would show as a sign change inside an arc. */
          double ulo[2], uhi[2];
          direction (f->n, mids[3 * j + 1], ulo);
          direction (f->n, mids[3 * j + 2], uhi);
          for (int k = 0; k < nactive && st == NS_OK; k++)
            {
              ns_result a[2];
              int first = 0;
              /* The inner kinks' sides are known (post-order): the
                 quantity's gradient by the sweep, no selection tree. */
              st = ns_mfn_sweep_quantity (&sweep, pos[k], sides, a);
              if (st == NS_OK
                  && ns_mfn_quantity_zero_gradient (f, &table, sides, x, pos[k], a))
                {
                  /* Either branch: the same gradients at x. */
                  sides[pos[k]] = 1;
                  continue;
                }
              if (st == NS_OK)
                {
                  double dot = 0, err = 0;
                  for (int i = 0; i < f->n; i++)
                    {
                      dot += a[i].val * u[i];
                      err += a[i].err * fabs (u[i]) + 2 * DBL_EPSILON * fabs (a[i].val * u[i]);
                    }
                  first = fabs (dot) > err;
                }
              if (st == NS_OK && !first)
                st = NS_EUNDECIDED;
              /* The quantity leaves its level at first order along u, on
                 the side of a . u: the branch of its kink for the
                 selections of the outer quantities and of f (post-order:
                 inner kinks first), without a germ of each subtree. */
              if (st == NS_OK)
                {
                  double dot = 0;
                  for (int i = 0; i < f->n; i++)
                    dot += a[i].val * u[i];
                  sides[pos[k]] = dot > 0 ? 1 : -1;
                }
              if (st == NS_OK && f->n == 2)
                {
                  double dot = a[0].val * u[0] + a[1].val * u[1];
                  int sign = dot > 0 ? 1 : -1;
                  if (!sign_kept (a, ulo, 2, sign) || !sign_kept (a, uhi, 2, sign))
                    st = NS_EUNDECIDED;
                }
            }
          /* The gradient exact where the sweep's exact mode proves it
             (every operation exact: bounds 0), else the plain sweep's,
             made exact by rational arithmetic where it can be. */
          int exact = 0;
          if (st == NS_OK && ns_mfn_sweep_gradient_exact (&sweep, sides, gbuf) == NS_OK)
            {
              exact = 1;
              for (int k = 0; k < f->n; k++)
                exact = exact && gbuf[k].err == 0;
            }
          if (st == NS_OK && !exact)
            {
              st = ns_mfn_sweep_gradient (&sweep, sides, gbuf);
              if (st == NS_OK)
                ns_mfn_exact_gradient (f, &table, sides, x, gbuf);
            }
        }
      if (st != NS_OK)
        break;
      /* Neighbouring cones often share a selection's gradient: keep one. */
      int repeat = 0;
      for (size_t i = 0; i < found && !repeat && i < max; i++)
        {
          int same = 1;
          for (int k = 0; k < f->n; k++)
            same = same && g[i * f->n + k].val == gbuf[k].val;
          repeat = same;
        }
      if (repeat)
        continue;
      if (found < max)
        for (int k = 0; k < f->n; k++)
          g[found * f->n + k] = gbuf[k];
      found++;
    }
  ns_fn_free (c);
  ns_mfn_sweep_clear (&sweep);
  ns_mfn_table_clear (&table);
  free (sides);
  if (st != NS_OK)
    return st;
  *count = found;
  return found > max ? NS_ELIMIT : NS_OK;
}

/* Twice the signed area of the triangle o, a, b (a cross product); the
   sign decides turns in the hull. */
static double
cross (const double *o, const double *a, const double *b)
{
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

static int
cmp_point (const void *pa, const void *pb)
{
  const ns_result *a = pa, *b = pb;
  if (a[0].val != b[0].val)
    return a[0].val < b[0].val ? -1 : 1;
  return a[1].val < b[1].val ? -1 : a[1].val > b[1].val;
}

ns_status
ns_mfn_clarke (const ns_mfn *f, const double *x, ns_result *v, size_t max, size_t *count)
{
  if (count != NULL)
    *count = 0;
  if (f == NULL || x == NULL || count == NULL || (v == NULL && max > 0))
    return NS_EINVAL;
  if (f->n > 2)
    {
      /* The certified hull in n variables: its extreme points, in its
         order, with the gradients' bounds. */
      ns_polytope *p = NULL;
      ns_status st = ns_mfn_clarke_polytope (f, x, &p);
      if (st != NS_OK)
        return st;
      size_t n = (size_t) f->n;
      for (size_t i = 0; i < p->count && i < max; i++)
        for (size_t j = 0; j < n; j++)
          {
            v[i * n + j].val = p->vertices[i * n + j];
            v[i * n + j].err = p->err[i * n + j];
          }
      *count = p->count;
      st = p->count > max ? NS_ELIMIT : NS_OK;
      ns_polytope_free (p);
      return st;
    }
  ns_result pts[2 * MAX_CUTS];
  size_t np = 0;
  ns_status st = ns_mfn_limiting_gradients (f, x, pts, MAX_CUTS, &np);
  if (st != NS_OK)
    return st;
  size_t nh = 0;
  ns_result hull[2 * (MAX_CUTS + 1)];
  if (f->n == 1)
    {
      /* A segment: its two ends (one point when they agree). */
      size_t lo = 0, hi = 0;
      for (size_t i = 1; i < np; i++)
        {
          if (pts[i].val < pts[lo].val)
            lo = i;
          if (pts[i].val > pts[hi].val)
            hi = i;
        }
      hull[nh++] = pts[lo];
      if (hi != lo)
        hull[nh++] = pts[hi];
    }
  else
    {
      /* Andrew's monotone chain on the computed gradients, counter-
         clockwise, collinear points dropped. */
      qsort (pts, np, 2 * sizeof (ns_result), cmp_point);
      double p[MAX_CUTS][2];
      for (size_t i = 0; i < np; i++)
        p[i][0] = pts[2 * i].val, p[i][1] = pts[2 * i + 1].val;
      size_t idx[2 * MAX_CUTS + 2], k = 0;
      for (size_t i = 0; i < np; i++)
        {
          while (k >= 2 && cross (p[idx[k - 2]], p[idx[k - 1]], p[i]) <= 0)
            k--;
          idx[k++] = i;
        }
      for (size_t i = np - 1, t = k + 1; i-- > 0;)
        {
          while (k >= t && cross (p[idx[k - 2]], p[idx[k - 1]], p[i]) <= 0)
            k--;
          idx[k++] = i;
        }
      if (np == 1)
        k = 2;   /* the loop above leaves one point twice */
      for (size_t i = 0; i + 1 < k; i++)
        {
          hull[nh++] = pts[2 * idx[i]];
          hull[nh++] = pts[2 * idx[i] + 1];
        }
      nh /= 2;
    }
  for (size_t i = 0; i < nh && i < max; i++)
    for (int j = 0; j < f->n; j++)
      v[i * f->n + j] = hull[i * f->n + j];
  *count = nh;
  return nh > max ? NS_ELIMIT : NS_OK;
}

ns_status
ns_mfn_clarke_dirderiv (const ns_mfn *f, const double *x, const double *d, ns_result *out)
{
  if (out == NULL)
    return NS_EINVAL;
  out->val = NAN;
  out->err = HUGE_VAL;
  if (f == NULL || x == NULL || d == NULL)
    return NS_EINVAL;
  for (int i = 0; i < f->n; i++)
    if (!isfinite (d[i]))
      return NS_EINVAL;
  ns_result *pts = NULL;
  size_t np = 0;
  ns_status st = limiting_set (f, x, &pts, &np);
  if (st != NS_OK)
    return st;
  /* f°(x; d) = max over the Clarke set of g . d, attained at a limiting
     gradient; each product's bound is its inputs' error times |d_i| plus
     the rounding of the products and the sum. */
  for (size_t i = 0; i < np; i++)
    {
      double s = 0, e = 0;
      for (int j = 0; j < f->n; j++)
        {
          double p = pts[i * f->n + j].val * d[j];
          s += p;
          e += pts[i * f->n + j].err * fabs (d[j]) + 2 * DBL_EPSILON * fabs (p);
        }
      e += 2 * DBL_EPSILON * fabs (s);
      if (i == 0 || s > out->val)
        out->val = s;
      out->err = i == 0 ? e : fmax (out->err, e);
    }
  free (pts);
  return NS_OK;
}
