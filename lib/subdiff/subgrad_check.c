/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/subdiff/subgrad_check.c: does f(y) >= f(x) + g (y - x) hold for every y in
   [a, b]?  The gap h(y) = f(y) - f(x) - g (y - x) is examined exactly at
   the range ends, at every breakpoint of f and at both one-sided limits
   there, and minimized on each smooth piece between them (a coarse scan,
   then GSL's Brent minimizer around the best sample). */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <nonsmooth/subdiff.h>
#include "brent.h"

/* Samples per smooth piece for the coarse scan that brackets a minimum,
   and the Brent iteration bound.  The gap is quadratic near an interior
   minimum, so a relative location error of 1e-10 leaves the value exact to
   about 1e-20 relative: far below the evaluation error bounds. */
#define SCAN_SAMPLES 64
#define BRENT_MAX_ITER 100
#define BRENT_EPSREL 1e-10

typedef struct gap_ctx {
  const ns_function *f;
  double x;
  double g;
  ns_result fx;
  ns_status failure;   /* the first evaluation failure inside GSL's callback */
  size_t neval;
  /* The least gap found, with its error bound, point and side. */
  double best_gap;
  double best_err;
  double best_y;
  int best_side;
} gap_ctx;

/* h(y) and a bound on its error: the two evaluation bounds, plus one
   rounding for y - x, the product and each of the two subtractions, each
   at most DBL_EPSILON/2 times the magnitude involved (bounded by the sum
   of the magnitudes, counted four times). */
static void
gap_at (const gap_ctx *c, double y, double fy, double fy_err, double *h, double *err)
{
  double lin = c->g * (y - c->x);
  *h = fy - c->fx.val - lin;
  *err = fy_err + c->fx.err
         + 2.0 * DBL_EPSILON * (fabs (fy) + fabs (c->fx.val) + fabs (lin));
}

static void
record (gap_ctx *c, double y, int side, double h, double err)
{
  /* The witness is the point of least gap, i.e. of largest violation. */
  if (h < c->best_gap)
    {
      c->best_gap = h;
      c->best_err = err;
      c->best_y = y;
      c->best_side = side;
    }
}

static ns_status
check_point (gap_ctx *c, double y, double *h_out)
{
  ns_result v;
  ns_status st = ns_fn_eval (c->f, y, &v);
  c->neval++;
  if (st != NS_OK)
    return NS_EDOM;
  double h, err;
  gap_at (c, y, v.val, v.err, &h, &err);
  record (c, y, 0, h, err);
  if (h_out != NULL)
    *h_out = h;
  return NS_OK;
}

/* The one-sided limit f(y-) or f(y+), from the germ, where a jump could
   hide a violation that no single point shows. */
static ns_status
check_limit (gap_ctx *c, double y, ns_side side)
{
  ns_germ germ;
  ns_status st = ns_fn_germ (c->f, y, side, 0, &germ);
  c->neval++;
  if (st == NS_EDOM)
    return NS_EDOM;
  if (germ.nvalid == 0)
    {
      if (germ.tail > 0)
        return NS_OK;          /* f -> +inf: no violation */
      if (germ.tail < 0)
        {
          record (c, y, side, -HUGE_VAL, 0);
          return NS_OK;
        }
      return st == NS_OK ? NS_UNDEFINED : st;
    }
  double h, err;
  gap_at (c, y, germ.c[0], germ.err0, &h, &err);
  record (c, y, side, h, err);
  return NS_OK;
}

static double
gap_for_brent (double y, void *params)
{
  gap_ctx *c = params;
  ns_result v;
  ns_status st = ns_fn_eval (c->f, y, &v);
  c->neval++;
  if (st != NS_OK)
    {
      if (c->failure == NS_OK)
        c->failure = NS_EDOM;
      return HUGE_VAL;
    }
  return v.val - c->fx.val - c->g * (y - c->x);
}

/* Minimizes h on the open piece (lo, hi): scan, then polish the best
   interior sample with Brent's minimizer (lib/brent.c: GSL's reports a
   bad bracket or a non-finite value through the process-wide error
   handler) when it is a strict local minimum of the scan. */
static ns_status
check_piece (gap_ctx *c, double lo, double hi)
{
  double ys[SCAN_SAMPLES + 1], hs[SCAN_SAMPLES + 1];
  int best = -1;
  for (int j = 1; j < SCAN_SAMPLES; j++)
    {
      ys[j] = lo + (hi - lo) * j / SCAN_SAMPLES;
      ns_status st = check_point (c, ys[j], &hs[j]);
      if (st != NS_OK)
        return st;
      if (best < 0 || hs[j] < hs[best])
        best = j;
    }
  if (best <= 1 || best >= SCAN_SAMPLES - 1
      || !(hs[best] < hs[best - 1] && hs[best] < hs[best + 1]))
    return NS_OK;   /* the least value is at a piece end, already checked */

  ns_brent_min brent;
  if (!ns_brent_min_init (&brent, gap_for_brent, c, ys[best], hs[best],
                          ys[best - 1], ys[best + 1]))
    return NS_OK;
  /* Until the bracket is BRENT_EPSREL of its ends' size (the test of GSL's
     gsl_min_test_interval with epsabs 0). */
  for (int iter = 0; iter < BRENT_MAX_ITER && c->failure == NS_OK; iter++)
    {
      ns_brent_min_step (&brent);
      double l = brent.lo, h = brent.hi;
      double m = l > 0 ? l : (h < 0 ? -h : 0);
      if (h - l <= BRENT_EPSREL * m)
        break;
    }
  double ymin = brent.x;
  if (c->failure != NS_OK)
    return c->failure;
  /* Whatever Brent's status, its best point is a real point of the piece:
     re-evaluate it with an error bound and let it compete. */
  return check_point (c, ymin, NULL);
}

static int
compare_doubles (const void *pa, const void *pb)
{
  double a = *(const double *) pa, b = *(const double *) pb;
  return (a > b) - (a < b);
}

ns_status
ns_subgrad_check (const ns_function *f, double x, double g, double a, double b,
                  ns_subgrad_report *report)
{
  if (report == NULL)
    return NS_EINVAL;
  *report = (ns_subgrad_report) { 0, (double) NAN, 0, (double) NAN, (double) NAN, (double) NAN, 0, 0 };
  if (f == NULL || !isfinite (x) || !isfinite (g) || !isfinite (a)
      || !isfinite (b) || !(a < b))
    return NS_EINVAL;

  gap_ctx c = { f, x, g, { 0, 0 }, NS_OK, 0, HUGE_VAL, 0, (double) NAN, 0 };
  if (ns_fn_eval (f, x, &c.fx) != NS_OK)
    return NS_EDOM;
  c.neval = 1;

  /* Range ends plus breakpoints, sorted and without repeats. */
  size_t cap = NS_SUBGRAD_MAX_BREAKPOINTS + 2;
  double *pts = malloc (cap * sizeof *pts);
  if (pts == NULL)
    return NS_ENOMEM;
  size_t nbp = 0;
  ns_status st = ns_fn_breakpoints (f, a, b, pts, NS_SUBGRAD_MAX_BREAKPOINTS, &nbp);
  if (st != NS_OK)
    {
      free (pts);
      return st == NS_ELIMIT ? NS_ELIMIT : st;
    }
  report->nbreak = nbp;
  pts[nbp++] = a;
  pts[nbp++] = b;
  qsort (pts, nbp, sizeof *pts, compare_doubles);
  size_t n = 0;
  for (size_t i = 0; i < nbp; i++)
    if (n == 0 || pts[i] != pts[n - 1])
      pts[n++] = pts[i];

  st = NS_OK;
  for (size_t i = 0; i < n && st == NS_OK; i++)
    {
      st = check_point (&c, pts[i], NULL);
      if (st == NS_OK && i > 0)
        st = check_limit (&c, pts[i], NS_LEFT);
      if (st == NS_OK && i + 1 < n)
        st = check_limit (&c, pts[i], NS_RIGHT);
      if (st == NS_OK && i + 1 < n)
        st = check_piece (&c, pts[i], pts[i + 1]);
    }
  free (pts);
  report->neval = c.neval;
  if (st != NS_OK)
    return st;

  report->min_gap = c.best_gap;
  report->tol = c.best_err;
  if (c.best_gap < -c.best_err)
    {
      report->holds = 0;
      report->witness = c.best_y;
      report->witness_side = c.best_side;
      report->violation = -c.best_gap;
    }
  else
    {
      report->holds = 1;
      report->violation = 0;
    }
  return NS_OK;
}
