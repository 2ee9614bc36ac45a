/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/integrate.c: adaptive integration without GSL's error handler.
   QUADPACK's QAG, QAGS (with Wynn's epsilon algorithm) and QAWC (Piessens,
   de Doncker-Kapenga, Ueberhuber and Kahaner, 1983), on GSL's fixed rules
   gsl_integration_qk15/21/31 and gsl_integration_qcheb, which only
   evaluate and never report.  The same decisions as GSL's routines of those
   names (tolerance tests, roundoff counters, extrapolation), so results and
   statuses match theirs; every outcome is a return value. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <gsl/gsl_errno.h>
#include "integrate.h"

/* ------------------------------------------------------------------ workspace */

void
ns_integ_ws_init (ns_integ_ws *w, double *mem, size_t limit)
{
  w->limit = limit;
  w->n = 0;
  w->a = mem;
  w->b = mem + limit;
  w->r = mem + 2 * limit;
  w->e = mem + 3 * limit;
  w->level = mem + 4 * limit;
}

ns_integ_ws *
ns_integ_ws_alloc (size_t limit)
{
  if (limit == 0 || limit > SIZE_MAX / (5 * sizeof (double)) - 1)
    return NULL;
  ns_integ_ws *w = malloc (sizeof *w);
  double *mem = malloc (NS_INTEG_WS_DOUBLES (limit) * sizeof *mem);
  if (w == NULL || mem == NULL)
    {
      free (w);
      free (mem);
      return NULL;
    }
  ns_integ_ws_init (w, mem, limit);
  return w;
}

void
ns_integ_ws_free (ns_integ_ws *w)
{
  if (w == NULL)
    return;
  free (w->a);
  free (w);
}

static void
ws_start (ns_integ_ws *w, double a, double b, double r, double e)
{
  w->n = 1;
  w->a[0] = a;
  w->b[0] = b;
  w->r[0] = r;
  w->e[0] = e;
  w->level[0] = 0;
}

/* The subinterval of largest error; with BELOW >= 0 only among those of
   level < BELOW (the "large" ones of the extrapolation); -1 when none.  A
   linear scan: LIMIT is at most a few thousand, and each scan is paid for
   by two rule evaluations. */
static long
ws_largest (const ns_integ_ws *w, double below)
{
  long best = -1;
  for (size_t i = 0; i < w->n; i++)
    if ((below < 0 || w->level[i] < below)
        && (best < 0 || w->e[i] > w->e[best]))
      best = (long) i;
  return best;
}

/* Interval I becomes the half of larger error, the other half is
   appended (the order GSL's workspace keeps, so that sums over the list
   round as GSL's do). */
static void
ws_split (ns_integ_ws *w, size_t i, double m, double r1, double e1,
          double r2, double e2)
{
  size_t j = w->n++;
  double ai = w->a[i], bi = w->b[i], lev = w->level[i] + 1;
  int right_first = e2 > e1;
  w->a[i] = right_first ? m : ai;
  w->b[i] = right_first ? bi : m;
  w->r[i] = right_first ? r2 : r1;
  w->e[i] = right_first ? e2 : e1;
  w->a[j] = right_first ? ai : m;
  w->b[j] = right_first ? m : bi;
  w->r[j] = right_first ? r1 : r2;
  w->e[j] = right_first ? e1 : e2;
  w->level[i] = w->level[j] = lev;
}

/* Sums of the values and of the errors, afresh (the running sums of the
   loops drift by their roundings). */
static void
ws_sums (const ns_integ_ws *w, double *area, double *err)
{
  double s = 0, t = 0;
  for (size_t i = 0; i < w->n; i++)
    {
      s += w->r[i];
      t += w->e[i];
    }
  *area = s;
  *err = t;
}

/* A split point that rounds onto an end: the subinterval cannot be split
   further in doubles (QUADPACK's test, with its margin of 100 ulps and
   1000 units of the smallest normal number). */
static int
too_small_to_split (double a1, double m, double b2)
{
  double tmp = (1 + 100 * DBL_EPSILON) * (fabs (m) + 1000 * DBL_MIN);
  return fabs (a1) <= tmp && fabs (b2) <= tmp;
}

/* The roundoff counters of QUADPACK's QAG and QAWC. */
typedef struct roundoff {
  int round1;   /* a split that changed the value by < 1e-5 rel. without gaining */
  int round2;   /* a split that raised the error after iteration 10 */
} roundoff;

/* QAG's and QAWC's verdict after splitting [AI, BI] at M: the sum RI,
   error EI of the old interval became R12, E12.  COUNTED says whether the
   split takes part in the roundoff counts (both halves' estimates were
   really computed).  While the total ERRSUM exceeds TOL, too much
   roundoff is GSL_EROUND and an interval too small to split GSL_ESING
   (which wins, as in QUADPACK). */
static int
bisection_verdict (roundoff *ro, int counted, double ri, double r12, double ei, double e12,
                   size_t iter, double errsum, double tol, double ai, double m, double bi)
{
  if (counted)
    {
      if (fabs (ri - r12) <= 1e-5 * fabs (r12) && e12 >= 0.99 * ei)
        ro->round1++;
      if (iter >= 10 && e12 > ei)
        ro->round2++;
    }
  int stop = GSL_SUCCESS;
  if (errsum > tol)
    {
      if (ro->round1 >= 6 || ro->round2 >= 20)
        stop = GSL_EROUND;
      if (too_small_to_split (ai, m, bi))
        stop = GSL_ESING;
    }
  return stop;
}

static int
bad_arguments (double a, double b, double epsabs, double epsrel, size_t limit,
               const ns_integ_ws *w, double *result, double *abserr)
{
  *result = NAN;
  *abserr = HUGE_VAL;
  if (w == NULL || limit == 0 || limit > w->limit || isnan (a) || isnan (b))
    return GSL_EINVAL;
  if (epsabs <= 0 && !(epsrel >= 50 * DBL_EPSILON))
    return GSL_EBADTOL;
  *result = 0;
  *abserr = 0;
  return GSL_SUCCESS;
}

/* ------------------------------------------------------------------ QAG */

int
ns_integ_qag (const gsl_function *f, double a, double b, double epsabs,
              double epsrel, size_t limit, gsl_integration_rule *rule,
              ns_integ_ws *w, double *result, double *abserr)
{
  int bad = bad_arguments (a, b, epsabs, epsrel, limit, w, result, abserr);
  if (bad != GSL_SUCCESS)
    return bad;
  double r0, e0, resabs0, resasc0;
  rule (f, a, b, &r0, &e0, &resabs0, &resasc0);
  ws_start (w, a, b, r0, e0);
  *result = r0;
  *abserr = e0;
  double tol = fmax (epsabs, epsrel * fabs (r0));
  /* An estimate at the rounding level of the rule that still misses the
     tolerance cannot be improved by splitting. */
  if (e0 <= 50 * DBL_EPSILON * resabs0 && e0 > tol)
    return GSL_EROUND;
  /* e0 == resasc0: the rule's estimate was not scaled down, so it is not
     trusted on its own. */
  if ((e0 <= tol && e0 != resasc0) || e0 == 0)
    return GSL_SUCCESS;
  if (limit == 1)
    return GSL_EMAXITER;

  double area = r0, errsum = e0;
  roundoff ro = { 0, 0 };
  int stop = GSL_SUCCESS;
  size_t iter = 1;
  do
    {
      size_t i = (size_t) ws_largest (w, -1);
      double ai = w->a[i], bi = w->b[i], ri = w->r[i], ei = w->e[i];
      double m = 0.5 * (ai + bi);
      double r1, e1, abs1, asc1, r2, e2, abs2, asc2;
      rule (f, ai, m, &r1, &e1, &abs1, &asc1);
      rule (f, m, bi, &r2, &e2, &abs2, &asc2);
      double r12 = r1 + r2, e12 = e1 + e2;
      errsum += e12 - ei;
      area += r12 - ri;
      /* Roundoff: splitting changed the value by under 1e-5 relative
         without lowering the error, or raised the error late on. */
      tol = fmax (epsabs, epsrel * fabs (area));
      stop = bisection_verdict (&ro, asc1 != e1 && asc2 != e2, ri, r12, ei, e12, iter,
                                errsum, tol, ai, m, bi);
      ws_split (w, i, m, r1, e1, r2, e2);
      iter++;
    }
  while (iter < limit && stop == GSL_SUCCESS && errsum > tol);

  /* The status follows the running sums the loop decided on; the values
     returned are the fresh sums. */
  ws_sums (w, result, abserr);
  if (errsum <= tol)
    return GSL_SUCCESS;
  if (stop != GSL_SUCCESS)
    return stop;
  return GSL_EMAXITER;
}

/* ------------------------------------------------------------------ QAGS */

/* Wynn's epsilon table with QUADPACK's error estimate (dqelg): the last
   three extrapolated values are compared. */
#define EPS_TABLE_MAX 50            /* QUADPACK's limexp */
typedef struct eps_table {
  size_t n;                         /* entries in use */
  /* The step writes two past the newest entry; the trimming below keeps
     at most EPS_TABLE_MAX entries between steps. */
  double v[EPS_TABLE_MAX + 4];
  size_t nres;
  double last3[3];
} eps_table;

static void
eps_append (eps_table *t, double y)
{
  if (t->n < EPS_TABLE_MAX + 1)
    t->v[t->n++] = y;
}

/* Extrapolates the sequence in T to *RES with error estimate *ERR, and
   keeps the table's lowest diagonals for the next call. */
static void
eps_extrapolate (eps_table *t, double *res, double *err)
{
  double *ep = t->v;
  size_t last = t->n - 1;   /* index of the newest entry */
  double newest = ep[last];
  *res = newest;
  *err = DBL_MAX;
  if (last < 2)
    {
      *err = fmax (*err, 5 * DBL_EPSILON * fabs (newest));
      return;
    }
  size_t ndiag = last / 2, keep = last;
  ep[last + 2] = ep[last];
  ep[last] = DBL_MAX;
  for (size_t i = 0; i < ndiag; i++)
    {
      size_t k = last - 2 * i;
      double e2 = ep[k + 2], e0 = ep[k - 2], e1 = ep[k - 1];
      double d2 = e2 - e1, d3 = e1 - e0;
      double err2 = fabs (d2), err3 = fabs (d3);
      double tol2 = fmax (fabs (e2), fabs (e1)) * DBL_EPSILON;
      double tol3 = fmax (fabs (e1), fabs (e0)) * DBL_EPSILON;
      if (err2 <= tol2 && err3 <= tol3)
        {
          /* e0, e1, e2 agree to rounding: converged. */
          *res = e2;
          *err = fmax (err2 + err3, 5 * DBL_EPSILON * fabs (e2));
          return;
        }
      double e3 = ep[k];
      ep[k] = e1;
      double d1 = e1 - e3, err1 = fabs (d1);
      double tol1 = fmax (fabs (e1), fabs (e3)) * DBL_EPSILON;
      /* Two equal neighbours, or a near-singular rhombus: the table is cut
         to the part computed so far. */
      if (err1 <= tol1 || err2 <= tol2 || err3 <= tol3)
        {
          keep = 2 * i;
          break;
        }
      double ss = (1 / d1 + 1 / d2) - 1 / d3;
      if (fabs (ss * e1) <= 1e-4)
        {
          keep = 2 * i;
          break;
        }
      double r = e1 + 1 / ss;
      ep[k] = r;
      double e = err2 + fabs (r - e2) + err3;
      if (e <= *err)
        {
          *err = e;
          *res = r;
        }
    }
  if (keep == EPS_TABLE_MAX - 1)
    keep = 2 * ((EPS_TABLE_MAX - 1) / 2);
  /* Shift the diagonals down by one step. */
  size_t first = last % 2 == 1 ? 1 : 0;
  for (size_t i = 0; i <= ndiag; i++)
    ep[first + 2 * i] = ep[first + 2 * i + 2];
  if (last != keep)
    for (size_t i = 0; i <= keep; i++)
      ep[i] = ep[last - keep + i];
  t->n = keep + 1;
  if (t->nres < 3)
    {
      t->last3[t->nres] = *res;
      *err = DBL_MAX;
    }
  else
    {
      *err = fabs (*res - t->last3[2]) + fabs (*res - t->last3[1])
             + fabs (*res - t->last3[0]);
      t->last3[0] = t->last3[1];
      t->last3[1] = t->last3[2];
      t->last3[2] = *res;
    }
  t->nres++;
  *err = fmax (*err, 5 * DBL_EPSILON * fabs (*res));
}

int
ns_integ_qags (const gsl_function *f, double a, double b, double epsabs,
               double epsrel, size_t limit, ns_integ_ws *w, double *result,
               double *abserr)
{
  int bad = bad_arguments (a, b, epsabs, epsrel, limit, w, result, abserr);
  if (bad != GSL_SUCCESS)
    return bad;
  double r0, e0, resabs0, resasc0;
  gsl_integration_qk21 (f, a, b, &r0, &e0, &resabs0, &resasc0);
  ws_start (w, a, b, r0, e0);
  *result = r0;
  *abserr = e0;
  double tol = fmax (epsabs, epsrel * fabs (r0));
  if (e0 <= 100 * DBL_EPSILON * resabs0 && e0 > tol)
    return GSL_EROUND;
  if ((e0 <= tol && e0 != resasc0) || e0 == 0)
    return GSL_SUCCESS;
  if (limit == 1)
    return GSL_EMAXITER;

  eps_table table = { 0 };
  eps_append (&table, r0);
  double area = r0, errsum = e0, res_ext = r0, err_ext = DBL_MAX;
  double ertest = 0, erlarg = 0, correc = 0;
  double max_level = 0;
  int positive = fabs (r0) >= (1 - 50 * DBL_EPSILON) * resabs0;
  int round1 = 0, round2 = 0, round3 = 0;
  /* fail: 1 too many subdivisions, 2 roundoff, 3 roundoff while
     extrapolating, 4 too small to split, 5 no progress of the
     extrapolation, 6 divergence. */
  int fail = 0, fail2 = 0, extrapolate = 0, no_extrapolation = 0;
  size_t ktmin = 0, iter = 1;
  long next = -1;   /* the large interval chosen for the next split */
  int converged = 0;

  do
    {
      size_t i = next >= 0 ? (size_t) next : (size_t) ws_largest (w, -1);
      next = -1;
      double ai = w->a[i], bi = w->b[i], ri = w->r[i], ei = w->e[i];
      double lev = w->level[i] + 1;
      double m = 0.5 * (ai + bi);
      iter++;
      double r1, e1, abs1, asc1, r2, e2, abs2, asc2;
      gsl_integration_qk21 (f, ai, m, &r1, &e1, &abs1, &asc1);
      gsl_integration_qk21 (f, m, bi, &r2, &e2, &abs2, &asc2);
      double r12 = r1 + r2, e12 = e1 + e2;
      errsum = errsum + e12 - ei;
      area = area + r12 - ri;
      tol = fmax (epsabs, epsrel * fabs (area));
      if (asc1 != e1 && asc2 != e2)
        {
          if (fabs (ri - r12) <= 1e-5 * fabs (r12) && e12 >= 0.99 * ei)
            {
              if (extrapolate)
                round2++;
              else
                round1++;
            }
          if (iter > 10 && e12 > ei)
            round3++;
        }
      if (round1 + round2 >= 10 || round3 >= 20)
        fail = 2;
      if (round2 >= 5)
        fail2 = 1;
      if (too_small_to_split (ai, m, bi))
        fail = 4;
      ws_split (w, i, m, r1, e1, r2, e2);
      if (lev > max_level)
        max_level = lev;
      if (errsum <= tol)
        {
          converged = 1;
          break;
        }
      if (fail)
        break;
      if (iter >= limit - 1)
        {
          fail = 1;
          break;
        }
      if (iter == 2)
        {
          erlarg = errsum;
          ertest = tol;
          eps_append (&table, area);
          continue;
        }
      if (no_extrapolation)
        continue;
      /* erlarg: the error over the intervals larger than the smallest. */
      erlarg -= ei;
      if (lev < max_level)
        erlarg += e12;
      if (!extrapolate)
        {
          /* Extrapolate only once the interval to split next is one of
             the smallest. */
          long j = ws_largest (w, -1);
          if (w->level[j] < max_level)
            continue;
          extrapolate = 1;
        }
      if (!fail2 && erlarg > ertest)
        {
          /* First reduce the error over the large intervals. */
          next = ws_largest (w, max_level);
          if (next >= 0)
            continue;
        }
      eps_append (&table, area);
      double reseps, abseps;
      eps_extrapolate (&table, &reseps, &abseps);
      ktmin++;
      if (ktmin > 5 && err_ext < 0.001 * errsum)
        fail = 5;
      if (abseps < err_ext)
        {
          ktmin = 0;
          err_ext = abseps;
          res_ext = reseps;
          correc = erlarg;
          ertest = fmax (epsabs, epsrel * fabs (reseps));
          if (err_ext <= ertest)
            break;
        }
      if (table.n == 1)
        no_extrapolation = 1;
      if (fail == 5)
        break;
      extrapolate = 0;
      erlarg = errsum;
    }
  while (iter < limit);

  int use_sum = converged;
  int code = fail;
  if (!converged)
    {
      *result = res_ext;
      *abserr = err_ext;
      if (err_ext == DBL_MAX)
        use_sum = 1;
      else
        {
          int decided = 0;
          if (fail || fail2)
            {
              if (fail2)
                err_ext += correc;
              *abserr = err_ext;
              if (code == 0)
                code = 3;
              if (res_ext != 0 && area != 0)
                {
                  if (err_ext / fabs (res_ext) > errsum / fabs (area))
                    use_sum = decided = 1;
                }
              else if (err_ext > errsum)
                use_sum = decided = 1;
              else if (area == 0)
                decided = 1;
            }
          if (!decided)
            {
              /* Divergence: the extrapolated and the summed values differ
                 by orders of magnitude, or the sum's error exceeds it. */
              double max_area = fmax (fabs (res_ext), fabs (area));
              if (positive || max_area >= 0.01 * resabs0)
                {
                  double ratio = res_ext / area;
                  if (ratio < 0.01 || ratio > 100 || errsum > fabs (area))
                    code = 6;
                }
            }
        }
    }
  if (use_sum)
    ws_sums (w, result, abserr);
  switch (code)
    {
    case 0:
      return GSL_SUCCESS;
    case 1:
      return GSL_EMAXITER;
    case 2:
      return GSL_EROUND;
    case 3:
      return GSL_EROUND;   /* roundoff in the extrapolated steps */
    case 4:
      return GSL_ESING;
    case 5:
      return GSL_EROUND;   /* roundoff in the extrapolation table */
    case 6:
      return GSL_EDIVERGE;
    default:
      return GSL_EFAILED;
    }
}

/* ------------------------------------------------------------------ QAWC */

typedef struct cauchy_ctx {
  const gsl_function *f;
  double c;
} cauchy_ctx;

static double
cauchy_weighted (double x, void *params)
{
  const cauchy_ctx *p = params;
  return GSL_FN_EVAL (p->f, x) / (x - p->c);
}

/* p.v. int_A^B f(x)/(x - C) on one subinterval (QUADPACK's dqc25c).  Far
   from C, GAUSS15 on the quotient; near it, f's Chebyshev expansions of
   degree 12 and 24 on [A, B] against the moments
   m_k = p.v. int_{-1}^{1} T_k(u) / (u - cc) du, cc C's image: m_0 =
   log|(1 - cc)/(1 + cc)|, m_1 = 2 + cc m_0, and from T_k = 2u T_{k-1} -
   T_{k-2} with int T_j = -2/(j^2 - 1) for even j (0 for odd):
   m_k = 2 cc m_{k-1} - m_{k-2} - [k odd] 4/((k-1)^2 - 1).  The two degrees'
   difference is the error estimate, which *RELIABLE says is not
   trusted for the roundoff counters. */
static void
qc25c (const gsl_function *f, double a, double b, double c, double *result,
       double *abserr, int *reliable)
{
  double cc = (2 * c - b - a) / (b - a);
  if (fabs (cc) > 1.1)
    {
      cauchy_ctx ctx = { f, c };
      gsl_function wf = { cauchy_weighted, &ctx };
      double resabs, resasc;
      gsl_integration_qk15 (&wf, a, b, result, abserr, &resabs, &resasc);
      *reliable = *abserr != resasc;
      return;
    }
  double cheb12[13], cheb24[25];
  gsl_function g = *f;   /* qcheb's parameter is not const */
  gsl_integration_qcheb (&g, a, b, cheb12, cheb24);
  double m0 = log (fabs ((1 - cc) / (1 + cc))), m1 = 2 + cc * m0;
  double res12 = cheb12[0] * m0 + cheb12[1] * m1;
  double res24 = cheb24[0] * m0 + cheb24[1] * m1;
  for (int k = 2; k < 25; k++)
    {
      double m2 = 2 * cc * m1 - m0;
      if (k % 2 == 1)
        m2 -= 4.0 / ((double) (k - 1) * (k - 1) - 1);
      if (k < 13)
        res12 += cheb12[k] * m2;
      res24 += cheb24[k] * m2;
      m0 = m1;
      m1 = m2;
    }
  *result = res24;
  *abserr = fabs (res24 - res12);
  *reliable = 0;
}

int
ns_integ_qawc (const gsl_function *f, double a, double b, double c,
               double epsabs, double epsrel, size_t limit, ns_integ_ws *w,
               double *result, double *abserr)
{
  int bad = bad_arguments (a, b, epsabs, epsrel, limit, w, result, abserr);
  if (bad != GSL_SUCCESS)
    return bad;
  double sign = 1, lo = a, hi = b;
  if (b < a)
    {
      lo = b;
      hi = a;
      sign = -1;
    }
  if (!(lo < c && c < hi))
    {
      *result = NAN;
      *abserr = HUGE_VAL;
      return GSL_EINVAL;
    }
  double r0, e0;
  int rel0;
  qc25c (f, lo, hi, c, &r0, &e0, &rel0);
  ws_start (w, lo, hi, r0, e0);
  *result = sign * r0;
  *abserr = e0;
  double tol = fmax (epsabs, epsrel * fabs (r0));
  /* 1% relative as an extra margin on the first estimate. */
  if (e0 < tol && e0 < 0.01 * fabs (r0))
    return GSL_SUCCESS;
  if (limit == 1)
    return GSL_EMAXITER;

  double area = r0, errsum = e0;
  roundoff ro = { 0, 0 };
  int stop = GSL_SUCCESS;
  size_t iter = 1;
  do
    {
      size_t i = (size_t) ws_largest (w, -1);
      double ai = w->a[i], bi = w->b[i], ri = w->r[i], ei = w->e[i];
      double m = 0.5 * (ai + bi);
      /* C never becomes an end: a subinterval holding it is split halfway
         between C and its far end. */
      if (c > ai && c <= m)
        m = 0.5 * (c + bi);
      else if (c > m && c < bi)
        m = 0.5 * (ai + c);
      double r1, e1, r2, e2;
      int rel1, rel2;
      qc25c (f, ai, m, c, &r1, &e1, &rel1);
      qc25c (f, m, bi, c, &r2, &e2, &rel2);
      double r12 = r1 + r2, e12 = e1 + e2;
      errsum += e12 - ei;
      area += r12 - ri;
      tol = fmax (epsabs, epsrel * fabs (area));
      stop = bisection_verdict (&ro, rel1 && rel2, ri, r12, ei, e12, iter, errsum, tol, ai,
                                m, bi);
      ws_split (w, i, m, r1, e1, r2, e2);
      iter++;
    }
  while (iter < limit && stop == GSL_SUCCESS && errsum > tol);

  double s, e;
  ws_sums (w, &s, &e);
  *result = sign * s;
  *abserr = e;
  if (errsum <= tol)
    return GSL_SUCCESS;
  if (stop != GSL_SUCCESS)
    return stop;
  return GSL_EMAXITER;
}
