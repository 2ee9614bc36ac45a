/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/quadrature.c: the fast rule for one smooth piece of a pairing.
   Fixed Gauss-Legendre on a whole piece converges slowly on a bump: exp(-1/(1-t^2))
   is flat but not analytic at t = +-1, and plain tanh-sinh suffers from
   the same essential singularity.  In s = atanh t the unit bump times
   dt/ds is exp(-cosh^2 s) / cosh^2 s, entire but for poles at
   Im s = +-pi/2 and bounded in |Im s| < pi/4, so the trapezoidal rule in s
   converges like exp(-pi^2 / (2h)): about 50 nodes give full precision.
   Breakpoint ends get a double-exponential clustering instead. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdatomic.h>
#include "distribution/quadrature.h"

/* Steps h = 1/2, 1/4, 1/8, 1/16: nodes on the grid of the finest step,
   the coarsest level every STEP0-th of them. */
#define FINE 16                 /* nodes per unit of v on the finest grid */
#define STEP0 8                 /* level 0: h = STEP0 / FINE = 1/2 */
#define LMAX 3                  /* last level: h = 1/16 */
#define FF_J (8 * FINE)         /* both ends flat: 0 <= v <= 8 */
#define OG_JNEG (6 * FINE)      /* one generic end: -6 <= v <= 24 */
#define OG_JPOS (24 * FINE)
#define GG_J (9 * FINE / 2)     /* both ends generic: |v| <= 4.5 */
/* A term below this fraction of the largest one ends the walk outward:
   past it the terms fall at least exponentially, and the sum only needs
   DBL_EPSILON. */
#define NEGLIGIBLE 1e-20
#define PI 3.14159265358979323846

/* ------------------------------------------------------------------ cached nodes */

/* Both ends flat: t = tanh v, dt/dv = sech^2 v (by symmetry v >= 0). */
static double ff_t[FF_J + 1], ff_w[FF_J + 1];
/* One generic end at s0 (in s = atanh t): s = s0 + psi(v) with
   psi(v) = log(1 + exp(v - e^(-v))), which clusters nodes at s0
   double-exponentially as v -> -inf and is v + o(1) as v -> +inf, so the
   flat end keeps the integrand's own decay.  Kept: psi', e^psi, e^-psi,
   sinh psi (index j + OG_JNEG). */
static double og_d[OG_JNEG + OG_JPOS + 1], og_ep[OG_JNEG + OG_JPOS + 1],
  og_em[OG_JNEG + OG_JPOS + 1], og_sh[OG_JNEG + OG_JPOS + 1];
/* Both ends generic: tanh-sinh, x = tanh((pi/2) sinh v); kept are
   1 - |x| (to full relative precision near the ends) and dx/dv. */
static double gg_c[GG_J + 1], gg_w[GG_J + 1];

/* 0: not built, 1: being built by one thread, 2: ready.  A thread that
   finds the tables not ready computes its nodes directly instead of
   waiting. */
static atomic_int tables_state;

static void
ff_node (int j, double *t, double *w)
{
  double v = (double) j / FINE, ch = cosh (v);
  *t = tanh (v);
  *w = 1 / (ch * ch);
}

static void
og_node (int j, double *d, double *ep, double *em, double *sh)
{
  double v = (double) j / FINE, z = v - exp (-v);
  /* log1p (exp (z)) without overflow; its derivative (1 + e^-v) / (1 + e^-z). */
  double psi = z > 36 ? z + exp (-z) : log1p (exp (z));
  *d = (1 + exp (-v)) / (1 + exp (-z));
  *ep = exp (psi);
  *em = exp (-psi);
  *sh = sinh (psi);
}

static void
gg_node (int j, double *c, double *w)
{
  double v = (double) j / FINE, q = exp (-PI * sinh (v));
  /* sech^2 y = 4 e^(-2y) / (1 + e^(-2y))^2 with y = (pi/2) sinh v. */
  *c = 2 * q / (1 + q);
  *w = PI / 2 * cosh (v) * 4 * q / ((1 + q) * (1 + q));
}

static int
tables_ready (void)
{
  int st = atomic_load_explicit (&tables_state, memory_order_acquire);
  if (st == 2)
    return 1;
  int expected = 0;
  if (st != 0 || !atomic_compare_exchange_strong (&tables_state, &expected, 1))
    return 0;
  for (int j = 0; j <= FF_J; j++)
    ff_node (j, &ff_t[j], &ff_w[j]);
  for (int j = -OG_JNEG; j <= OG_JPOS; j++)
    og_node (j, &og_d[j + OG_JNEG], &og_ep[j + OG_JNEG], &og_em[j + OG_JNEG],
             &og_sh[j + OG_JNEG]);
  for (int j = 0; j <= GG_J; j++)
    gg_node (j, &gg_c[j], &gg_w[j]);
  atomic_store_explicit (&tables_state, 2, memory_order_release);
  return 1;
}

/* ------------------------------------------------------------------ the map of one piece */

typedef enum map_kind { MAP_FF, MAP_GF, MAP_FG, MAP_GG } map_kind;

typedef struct piece_map {
  map_kind kind;
  int cached;
  int jmin, jmax;       /* node range, relative to the origin */
  int joff;             /* table index of node 0 (one generic end) */
  double ta, tb, d;     /* d: half-length (GG) */
  double e0, ch0;       /* e^s0 and cosh s0 at the generic end (GF, FG) */
} piece_map;

/* Node J of the finest grid: t and dt/dv. */
static inline __attribute__ ((always_inline)) void
map_node (const piece_map *m, map_kind kind, int cached, int j, double *t,
          double *w)
{
  switch (kind)
    {
    case MAP_FF:
      {
        int a = j < 0 ? -j : j;
        double tt, ww;
        if (cached)
          tt = ff_t[a], ww = ff_w[a];
        else
          ff_node (a, &tt, &ww);
        *t = j < 0 ? -tt : tt;
        *w = ww;
        return;
      }
    case MAP_GF:
    case MAP_FG:
      {
        double d, ep, em, sh;
        if (cached)
          {
            int k = j + m->joff + OG_JNEG;
            d = og_d[k], ep = og_ep[k], em = og_em[k], sh = og_sh[k];
          }
        else
          og_node (j + m->joff, &d, &ep, &em, &sh);
        /* cosh(s0 +- psi) as a sum of positive products (no cancellation),
           and t - t0 = +- sinh psi / (cosh s cosh s0). */
        double ch = kind == MAP_GF
          ? 0.5 * (m->e0 * ep + em / m->e0)
          : 0.5 * (m->e0 * em + ep / m->e0);
        double dt = sh / (ch * m->ch0);
        *t = kind == MAP_GF ? m->ta + dt : m->tb - dt;
        *w = d / (ch * ch);
        return;
      }
    case MAP_GG:
      {
        int a = j < 0 ? -j : j;
        double c, ww;
        if (cached)
          c = gg_c[a], ww = gg_w[a];
        else
          gg_node (a, &c, &ww);
        *t = j < 0 ? m->ta + m->d * c : m->tb - m->d * c;
        *w = m->d * ww;
        return;
      }
    }
}

/* ------------------------------------------------------------------ the levels */

typedef struct level_sum {
  double s, comp, abs;
} level_sum;

static void
level_add (level_sum *p, double v)
{
  double s = p->s + v;
  if (fabs (p->s) >= fabs (v))
    p->comp += (p->s - s) + v;
  else
    p->comp += (v - s) + p->s;
  p->s = s;
  p->abs += fabs (v);
}

/* Node J's t, clamped to the piece, and its weight. */
static inline __attribute__ ((always_inline)) void
node_at (const piece_map *m, map_kind kind, int cached, int j, double *t,
         double *w)
{
  *t = 0;
  *w = 0;
  map_node (m, kind, cached, j, t, w);
  if (*t < m->ta)
    *t = m->ta;
  if (*t > m->tb)
    *t = m->tb;
}

/* One term w g(t) at node J; 0 on a non-finite value.  Inlined into the
   loops (with map_node): called once per node, its call and frame cost
   about a third of a cheap integrand. */
static inline __attribute__ ((always_inline)) int
term_at (const piece_map *m, map_kind kind, int cached, ns_quad_fn *g,
         void *params, int j, double *term, size_t *nnodes)
{
  double t, w;
  node_at (m, kind, cached, j, &t, &w);
  ++*nnodes;
  *term = w * g (t, params);
  return isfinite (*term);
}

/* With a breakpoint end (the maps other than MAP_FF) a node's t is a
   chain of divisions (cosh of the shifted s, then t - t0), and the
   integrand's own 1/(1 - t^2) and exp follow it: node by node, the
   processor waits on that chain.  So the nodes' t and w are formed in
   batches first (independent divisions overlap) and the integrand is
   called on them after, in the same order: the same operations on the
   same numbers, the same sum.  MAP_FF reads its nodes from the tables
   and keeps the plain loop.  A walk's batch is short, as the nodes past
   its end are formed for nothing (never evaluated). */
#define LEVEL_BATCH 32
#define WALK_BATCH 4

/* Level 0 holds at most this many nodes (the widest table). */
#define WALK_MAX ((OG_JNEG + OG_JPOS) / STEP0 + 1)

/* Walks outward from node 0 at the coarsest step, first towards larger v
   (a flat end for the one-generic-end maps), until two terms in a row are
   negligible beside the largest seen, or the table ends; then trims runs
   of negligible terms at both ends (a stretch where the integrand
   underflows) down to one, sets the node range in *LO, *HI and adds the
   terms within it to SUM.  0 when the integrand is not finite, does not
   decay by the table's end, or is 0 at every node (the fallback
   decides). */
static inline __attribute__ ((always_inline)) int
walk (const piece_map *m, map_kind kind, int cached, ns_quad_fn *g,
      void *params, level_sum *sum, int *lo, int *hi, double *edge,
      size_t *nnodes)
{
  double terms[WALK_MAX];     /* node j at terms[j / STEP0 - first] */
  double up[WALK_MAX], down[WALK_MAX];
  int nup = 0, ndown = 0;
  double maxabs, t0;
  if (!term_at (m, kind, cached, g, params, 0, &t0, nnodes))
    return 0;
  maxabs = fabs (t0);
  for (int dir = 1; dir >= -1; dir -= 2)
    {
      int j = 0, small = 0, n = 0, nb = 0, ib = 0;
      double bt[WALK_BATCH], bw[WALK_BATCH];
      double last = fabs (t0);
      while (small < 2 || n < 3)
        {
          if (j + dir * STEP0 < m->jmin || j + dir * STEP0 > m->jmax
              || n + 1 >= WALK_MAX)
            {
              if (last > NEGLIGIBLE * maxabs)
                return 0;
              break;
            }
          j += dir * STEP0;
          double tj;
          if (kind == MAP_FF)
            {
              if (!term_at (m, kind, cached, g, params, j, &tj, nnodes))
                return 0;
            }
          else
            {
              if (ib == nb)
                {
                  nb = ib = 0;
                  for (int jj = j; nb < WALK_BATCH && jj >= m->jmin && jj <= m->jmax;
                       jj += dir * STEP0, nb++)
                    node_at (m, kind, cached, jj, &bt[nb], &bw[nb]);
                }
              ++*nnodes;
              tj = bw[ib] * g (bt[ib], params);
              ib++;
              if (!isfinite (tj))
                return 0;
            }
          (dir > 0 ? up : down)[n++] = tj;
          if (fabs (tj) > maxabs)
            maxabs = fabs (tj);
          small = maxabs > 0 && fabs (tj) <= NEGLIGIBLE * maxabs ? small + 1 : 0;
          last = fabs (tj);
        }
      if (dir > 0)
        nup = n;
      else
        ndown = n;
    }
  if (!(maxabs > 0))
    return 0;
  /* terms[i] is node (i - ndown) * STEP0. */
  for (int i = 0; i < ndown; i++)
    terms[i] = down[ndown - 1 - i];
  terms[ndown] = t0;
  for (int i = 0; i < nup; i++)
    terms[ndown + 1 + i] = up[i];
  int a = 0, b = ndown + nup;
  while (a + 1 < b && fabs (terms[a + 1]) <= NEGLIGIBLE * maxabs)
    a++;
  while (b - 1 > a && fabs (terms[b - 1]) <= NEGLIGIBLE * maxabs)
    b--;
  for (int i = a; i <= b; i++)
    level_add (sum, terms[i]);
  *lo = (a - ndown) * STEP0;
  *hi = (b - ndown) * STEP0;
  edge[0] = fabs (terms[a]);
  edge[1] = fabs (terms[b]);
  return 1;
}

/* The walk and the levels of one piece for a map of kind KIND (CACHED: its
   nodes come from the tables). */
static inline __attribute__ ((always_inline)) int
quad_run (const piece_map *mp, map_kind kind, int cached, ns_quad_fn *g,
          void *params, double epsrel, double *val, double *err,
          size_t *nnodes)
{
  const piece_map m = *mp;
  level_sum sum = { 0, 0, 0 };
  double edge[2];
  int lo, hi;
  if (!walk (&m, kind, cached, g, params, &sum, &lo, &hi, edge, nnodes))
    return 0;
  double prev[2] = { NAN, NAN };   /* the two previous levels' values */
  for (int l = 0; l <= LMAX; l++)
    {
      int step = STEP0 >> l;
      if (l > 0 && kind == MAP_FF)
        for (int j = lo + step; j < hi; j += 2 * step)
          {
            double tj;
            if (!term_at (&m, kind, cached, g, params, j, &tj, nnodes))
              return 0;
            level_add (&sum, tj);
          }
      else if (l > 0)
        for (int j0 = lo + step; j0 < hi; j0 += LEVEL_BATCH * 2 * step)
          {
            double bt[LEVEL_BATCH], bw[LEVEL_BATCH];
            int nb = 0;
            for (int j = j0; j < hi && nb < LEVEL_BATCH; j += 2 * step, nb++)
              node_at (&m, kind, cached, j, &bt[nb], &bw[nb]);
            for (int i = 0; i < nb; i++)
              {
                ++*nnodes;
                double tj = bw[i] * g (bt[i], params);
                if (!isfinite (tj))
                  return 0;
                level_add (&sum, tj);
              }
          }
      double h = (double) step / FINE;
      double v = h * (sum.s + sum.comp);
      /* Rounding of the weights, nodes and products (a few ulps each) and
         of the compensated sum; the terms past the walk's last nodes fall
         faster than geometrically from those nodes' size. */
      double rounding = 8 * DBL_EPSILON * h * sum.abs;
      double trunc = h * (edge[0] + edge[1]);
      if (l >= 2)
        {
          double d1 = fabs (v - prev[1]), d0 = fabs (prev[1] - prev[0]);
          double floor_ = 64 * DBL_EPSILON * h * sum.abs;
          double disc = d0 > 0 ? d1 * fmin (1.0, d1 / d0) : d1;
          int converging = d1 <= d0 || d1 <= floor_;
          if (converging && disc <= fmax (epsrel * fabs (v), floor_))
            {
              *val = v;
              *err = disc + rounding + trunc;
              return 1;
            }
        }
      prev[0] = prev[1];
      prev[1] = v;
    }
  return 0;
}

int
ns_quad_piece (ns_quad_fn *g, void *params, double ta, double tb, double epsrel,
               double *val, double *err, size_t *nnodes)
{
  if (!(ta < tb) || ta < -1 || tb > 1)
    return 0;
  piece_map m = { MAP_GG, tables_ready (), -GG_J, GG_J, 0, ta, tb, 0.5 * (tb - ta), 1, 1 };
  if (ta == -1 && tb == 1)
    m.kind = MAP_FF, m.jmin = -FF_J, m.jmax = FF_J;
  else if (ta == -1 || tb == 1)
    {
      /* e^s0 = sqrt((1 + t0)/(1 - t0)), cosh s0 = 1/sqrt((1 - t0)(1 + t0)). */
      double t0 = tb == 1 ? ta : tb;
      m.kind = tb == 1 ? MAP_GF : MAP_FG;
      m.e0 = sqrt ((1 + t0) / (1 - t0));
      m.ch0 = 1 / sqrt ((1 - t0) * (1 + t0));
      /* A generic end deep in the flat tail on the side away from the
         flat end (s0 < -2 for a piece reaching s = +inf, where a bump is
         below e^-14): start the walk at |s| = 2 rather than near s0, where
         the integrand may underflow to 0 on many nodes.  |s0| > 2 needs
         |t0| > tanh 2 = 0.9640...: below 0.96 (atanh 0.96 = 1.9459...,
         well within any rounding of 2) far is negative without atanh,
         which would cost about a tenth of the piece's setup. */
      double far = fabs (t0) < 0.96 ? -1.0
                   : (m.kind == MAP_GF ? -1 : 1) * atanh (t0) - 2;
      if (far > 0)
        m.joff = (int) (far * FINE);
      m.jmin = -OG_JNEG - m.joff;
      m.jmax = OG_JPOS - m.joff;
    }
  /* The map's kind and whether its tables are cached, decided once per
     piece: each instance of the loops below has them as constants, so no
     node pays for the switch and the test (about a tenth of a node). */
  if (!m.cached)
    return quad_run (&m, m.kind, 0, g, params, epsrel, val, err, nnodes);
  switch (m.kind)
    {
    case MAP_FF:
      return quad_run (&m, MAP_FF, 1, g, params, epsrel, val, err, nnodes);
    case MAP_GF:
      return quad_run (&m, MAP_GF, 1, g, params, epsrel, val, err, nnodes);
    case MAP_FG:
      return quad_run (&m, MAP_FG, 1, g, params, epsrel, val, err, nnodes);
    case MAP_GG:
      return quad_run (&m, MAP_GG, 1, g, params, epsrel, val, err, nnodes);
    }
  return 0;
}
