/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/dist_delta_of.c: delta^(m)(g(x)) for a function g, the
   constructor of the composite term and its expansion on a range into
   deltas at the simple zeros of g: zeros located by the certified
   breakpoint search, their simplicity and the chain rule's coefficients
   decided with Arb balls over each zero's rounding interval. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <arb_poly.h>
#include "nonsmooth/distribution.h"
#include "distribution/distribution_impl.h"
#include "function/certify_impl.h"

ns_status
ns_dist_delta_of (const ns_function *g, int m, ns_dist **out)
{
  if (!out)
    return NS_EINVAL;
  *out = NULL;
  if (!g || m < 0 || m > NS_DIST_MAX_ORDER)
    return NS_EINVAL;
  ns_dist *t = malloc (sizeof *t + sizeof (dist_term));
  if (!t)
    return NS_ENOMEM;
  t->n = 1;
  t->terms[0] = (dist_term) { NS_DIST_DELTA_OF, 1.0, m, NAN, ns_fn_ref (g),
                              NULL, 0, 0.0, 0.0 };
  *out = t;
  return NS_OK;
}

/* ------------------------------------------------------------------ one zero */

/* A zero of g: the double X, the ball BALL that holds the exact zero
   (X itself when g(X) = 0 exactly, else the reals that round to X), and
   E = max |exact zero - X|. */
typedef struct zero {
  double x, e;
  arb_t ball;
} zero;

/* The coefficients e_j, j = 0..M, of delta^(M)(g) = sum_j e_j delta^(j)(x - x0)
   near a simple zero x0, from D[n] = g^(n)(x0) (n = 1..M+1) as balls.

   Near x0, y = g(x) is a change of variables (g' != 0), so
     <delta^(M)(g), phi> = int delta^(M)(y) phi(x(y)) / |g'(x(y))| dy
                         = (-1)^M (d/dy)^M [phi / |g'|] at y = 0,
   and d/dy = h d/dx with h = 1/g'.  Writing the running expression as
   sum_j a_j phi^(j) with a_j series in u = x - x0, one step d/dy maps it
   to sum_j h (a_j' + a_{j-1}) phi^(j), starting from a_0 = s h (1/|g'| =
   s/g', s the sign of g'(x0)).  With c_j = a_j(0) after M steps and
   <delta^(j)_x0, phi> = (-1)^j phi^(j)(x0), e_j = (-1)^(M+j) c_j.

   By hand, with g', g'', g''' at x0:
     M = 0: e_0 = 1/|g'|;
     M = 1: delta'(g) = delta'(x - x0)/(g' |g'|) + g'' delta(x - x0)/(g'^2 |g'|)
            (a_0 = s h, step: a_0 = s h h', a_1 = s h^2; h' = -g''/g'^2,
            so c_0 = -s g''/g'^3, c_1 = s/g'^2);
     M = 2: e_2 = 1/(g'^2 |g'|), e_1 = 3 g''/(g'^3 |g'|),
            e_0 = (3 g''^2 - g' g''')/(g'^4 |g'|)
            (second step: a_0 = s h (h'^2 + h h''), a_1 = 3 s h^2 h',
            a_2 = s h^3).
   tests/ref/delta_of_refs.py checks these against mpmath's derivatives
   of phi(x(y))/|g'(x(y))| in y. */
static void
chain_coefficients (arb_srcptr d, int m, int s, arb_ptr e, slong prec)
{
  const slong len = m + 1;
  arb_poly_t gp, h, t, u;
  arb_poly_init (gp);
  arb_poly_init (h);
  arb_poly_init (t);
  arb_poly_init (u);
  arb_poly_struct *a = flint_malloc ((size_t) (m + 1) * sizeof *a);
  for (int j = 0; j <= m; j++)
    arb_poly_init (a + j);
  /* g'(x0 + u) = sum_n g^(n+1)(x0) u^n / n!. */
  arb_t c;
  arb_init (c);
  for (slong n = 0; n < len; n++)
    {
      arb_fac_ui (c, (ulong) n, prec);
      arb_div (c, d + n, c, prec);
      arb_poly_set_coeff_arb (gp, n, c);
    }
  arb_poly_inv_series (h, gp, len, prec);
  arb_poly_set (a + 0, h);
  if (s < 0)
    arb_poly_neg (a + 0, a + 0);
  for (int step = 1; step <= m; step++)
    {
      const slong n = len - step;
      /* Downwards, so that a_{j-1} is still the previous step's. */
      for (int j = step; j >= 0; j--)
        {
          arb_poly_derivative (t, a + j, prec);
          if (j > 0)
            arb_poly_add (t, t, a + j - 1, prec);
          arb_poly_mullow (u, h, t, n, prec);
          arb_poly_swap (a + j, u);
        }
    }
  for (int j = 0; j <= m; j++)
    {
      arb_poly_get_coeff_arb (e + j, a + j, 0);
      if ((m + j) % 2)
        arb_neg (e + j, e + j);
    }
  arb_clear (c);
  for (int j = 0; j <= m; j++)
    arb_poly_clear (a + j);
  flint_free (a);
  arb_poly_clear (gp);
  arb_poly_clear (h);
  arb_poly_clear (t);
  arb_poly_clear (u);
}

/* The double nearest the ball E and a bound REL on the relative error of
   that double: |e - *coef| <= rel |*coef| for every e in E.  A ball that
   holds 0 but is not 0 becomes its radius with REL = 2 (e in [-r, r] is
   within 2 r of r).  Returns 0 for the exact zero (no term), -1 when the
   double overflows, 1 otherwise. */
static int
ball_coefficient (const arb_t e, double *coef, double *rel)
{
  if (arb_is_zero (e))
    return 0;
  const slong prec = 128;
  double v = arf_get_d (arb_midref (e), ARF_RND_NEAR);
  arb_t diff;
  arf_t ub;
  arb_init (diff);
  arf_init (ub);
  arb_set_d (diff, v);
  arb_sub (diff, e, diff, prec);
  arb_get_abs_ubound_arf (ub, diff, prec);
  double err = arf_get_d (ub, ARF_RND_UP);
  arb_clear (diff);
  arf_clear (ub);
  if (!isfinite (v) || !isfinite (err))
    return -1;
  if (v == 0.0)
    {
      *coef = err;
      *rel = 2.0;
      return 1;
    }
  /* The quotient rounds by half an ulp; one more ulp covers it. */
  *coef = v;
  *rel = err / fabs (v) * (1 + DBL_EPSILON) + DBL_MIN;
  return 1;
}

/* g^(n) for n = 1..N as trees into DER[0..N-1], by ns_fn_diff. */
static ns_status
derivative_trees (const ns_function *g, int n, ns_function **der)
{
  const ns_function *prev = g;
  for (int i = 0; i < n; i++)
    {
      ns_status st = ns_fn_diff (prev, &der[i]);
      if (st != NS_OK)
        return st;
      prev = der[i];
    }
  return NS_OK;
}

/* The coefficients e_j of the zero Z (see chain_coefficients) as
   doubles with relative error bounds; NS_UNDEFINED when g'(x0) = 0 is
   proven (a multiple zero), NS_EUNDECIDED when the balls do not decide
   g'(x0) != 0 at 4096 bits. */
static ns_status
zero_coefficients (ns_function *const *der, int m, const zero *z, double *coef,
                   double *rel, int *have)
{
  ns_status st = NS_EUNDECIDED;
  arb_ptr d = _arb_vec_init (m + 1), e = _arb_vec_init (m + 1);
  for (slong prec = CERT_PREC_FIRST; prec <= CERT_PREC_LAST; prec *= 4)
    {
      int ok = 1;
      for (int n = 0; n <= m && ok; n++)
        ok = ns_cert_ball_eval (d + n, der[n], z->ball, prec) == NS_CERT_BALL_OK
             && arb_is_finite (d + n);
      if (!ok)
        {
          st = NS_EUNDECIDED;
          continue;
        }
      if (arb_is_zero (d + 0))
        {
          st = NS_UNDEFINED;     /* g(x0) = g'(x0) = 0: a multiple zero */
          break;
        }
      int s = ns_cert_ball_sign (d + 0);
      if (s != 1 && s != -1)
        continue;
      chain_coefficients (d, m, s, e, prec);
      st = NS_OK;
      for (int j = 0; j <= m && st == NS_OK; j++)
        {
          int r = ball_coefficient (e + j, &coef[j], &rel[j]);
          if (r < 0)
            st = NS_EOVERFLOW;
          have[j] = r == 1;
        }
      break;
    }
  _arb_vec_clear (d, m + 1);
  _arb_vec_clear (e, m + 1);
  return st;
}

/* ------------------------------------------------------------------ zeros on a range */

/* Classifies the candidate X (a point of the breakpoint search of 1/g)
   with the certified switch decision of sign(g) (Q) at level 0: 0 when
   X is no zero of g, 1 with Z filled for a zero, or a refusal status
   through *ST. */
static int
classify (const ns_function *q, double x, zero *z, ns_status *st)
{
  int sl, sr;
  *st = NS_OK;
  switch (ns_cert_switch (q, NS_SWITCH_ARG0, 0.0, x, &sl, &sr))
    {
    case NS_CERT_OFF:
      return 0;
    case NS_CERT_EXACT:
      z->x = x;
      z->e = 0.0;
      arb_set_d (z->ball, x);
      return 1;
    case NS_CERT_CROSS:
      {
        /* The reals that round to x: half the gap to each neighbour
           (sums of two doubles, exact in arf). */
        double lo = nextafter (x, -HUGE_VAL), hi = nextafter (x, HUGE_VAL);
        arf_t l, h, c;
        arf_init (l);
        arf_init (h);
        arf_init (c);
        arf_set_d (c, x);
        arf_set_d (l, lo);
        arf_add (l, l, c, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_mul_2exp_si (l, l, -1);
        arf_set_d (h, hi);
        arf_add (h, h, c, ARF_PREC_EXACT, ARF_RND_DOWN);
        arf_mul_2exp_si (h, h, -1);
        arb_set_interval_arf (z->ball, l, h, 128);
        arf_clear (l);
        arf_clear (h);
        arf_clear (c);
        z->x = x;
        z->e = fmax (x - lo, hi - x) / 2;
        return 1;
      }
    case NS_CERT_CONTACT:
      *st = NS_UNDEFINED;      /* even multiplicity: delta(x^2) */
      return 0;
    default:
      *st = NS_EUNDECIDED;
      return 0;
    }
}

/* The certified sign of g (the argument of Q = sign(g)) at the double X:
   -1, 0, +1, or 2 when 4096 bits do not decide. */
static int
g_sign_at (const ns_function *q, double x)
{
  arb_t b;
  arb_init (b);
  arb_set_d (b, x);
  int s = ns_cert_ball_q_sign (q, NS_SWITCH_ARG0, 0.0, b);
  arb_clear (b);
  return s;
}

/* A zero of g near X, a point the search gave as a zero where g does not
   change sign: the search put it on a rounded model of g.  In windows of
   4, 64, ..., 2^22 ulps around X, g must change sign between the ends
   with g' != 0 proven over twice the window (so the window holds exactly
   one zero, simple, and two close zeros merged into one point by the
   model are never taken for one); the zero is then bisected to two
   adjacent doubles.  Returns 1 with Z filled, 0 when no window proves a
   zero (the caller refuses). */
static int
relocate (const ns_function *q, const ns_function *gp, double x, zero *z)
{
  if (!(x != 0) || !isfinite (x))
    return 0;
  const double ulp = nextafter (fabs (x), HUGE_VAL) - fabs (x);
  for (double k = 4; k <= 0x1p22; k *= 16)
    {
      double lo = x - k * ulp, hi = x + k * ulp;
      int sl = g_sign_at (q, lo), sh = g_sign_at (q, hi);
      if (sl == 2 || sh == 2 || sl == 0 || sh == 0)
        return 0;
      if (sl == sh)
        continue;
      /* g' over twice the window: two zeros the model merged into X
         have g' = 0 between them, which the rounded model may place a
         few ulps from X, even outside the window. */
      arb_t w, d;
      arb_init (w);
      arb_init (d);
      arf_t l, h;
      arf_init (l);
      arf_init (h);
      arf_set_d (l, x - 2 * k * ulp);
      arf_set_d (h, x + 2 * k * ulp);
      arb_set_interval_arf (w, l, h, 128);
      int mono = 0;
      for (slong prec = CERT_PREC_FIRST; prec <= CERT_PREC_LAST && !mono; prec *= 4)
        if (ns_cert_ball_eval (d, gp, w, prec) == NS_CERT_BALL_OK && arb_is_finite (d))
          {
            int s = ns_cert_ball_sign (d);
            mono = s == 1 || s == -1;
          }
      int found = 0;
      if (mono)
        {
          found = 1;
          while (found == 1 && nextafter (lo, hi) != hi)
            {
              double mid = lo + (hi - lo) / 2;
              if (!(mid > lo && mid < hi))
                mid = nextafter (lo, hi);
              int sm = g_sign_at (q, mid);
              if (sm == 2)
                found = 0;
              else if (sm == 0)
                {
                  lo = hi = mid;
                  break;
                }
              else if (sm == sl)
                lo = mid;
              else
                hi = mid;
            }
        }
      if (found)
        {
          arf_set_d (l, lo);
          arf_set_d (h, hi);
          arb_set_interval_arf (z->ball, l, h, 128);
          z->x = lo;
          z->e = hi - lo;
        }
      arf_clear (l);
      arf_clear (h);
      arb_clear (w);
      arb_clear (d);
      return found;
    }
  return 0;
}

/* Appends to OUT (room for CAP terms, *N used) the deltas of the term T
   = c D^k [mult delta^(m)(g)] at the zeros of g in (A, B). */
static ns_status
expand_term (const dist_term *t, double a, double b, dist_term *out, size_t cap, size_t *n)
{
  const int m = t->order;
  const ns_function *g = t->f;
  double *pts = malloc (2 * NS_DIST_MAX_TERMS * sizeof *pts);
  ns_function *der[NS_DIST_MAX_ORDER + 1] = { NULL };
  ns_function *q = ns_fn_sign (ns_fn_ref (g));
  ns_function *inv = ns_fn_div (ns_fn_const (1.0), ns_fn_ref (g));
  double *gpts = pts + NS_DIST_MAX_TERMS;
  size_t np = 0, ng = 0;
  ns_status st = (pts && q && inv) ? NS_OK : NS_ENOMEM;
  /* Every zero of g is a breakpoint of 1/g (a denominator's zero, kept
     even where g only touches 0); the breakpoints of g are where g is
     not smooth. */
  if (st == NS_OK)
    st = ns_fn_breakpoints (inv, a, b, pts, NS_DIST_MAX_TERMS, &np);
  if (st == NS_OK)
    st = ns_fn_breakpoints (g, a, b, gpts, NS_DIST_MAX_TERMS, &ng);
  /* g must be defined on the range: at a point of each piece between
     the breakpoints (domain boundaries are among them). */
  for (size_t i = 0; i <= np && st == NS_OK; i++)
    {
      double lo = i == 0 ? a : pts[i - 1], hi = i == np ? b : pts[i];
      ns_result r;
      if (hi > lo && ns_fn_eval (g, lo + (hi - lo) / 2, &r) == NS_EDOM)
        st = NS_EDOM;
    }
  if (st == NS_OK && np > 0)
    st = derivative_trees (g, m + 1, der);
  zero z;
  arb_init (z.ball);
  double *zx = pts ? malloc (2 * (np + 1) * sizeof *zx) : NULL, *ze = zx ? zx + np + 1 : NULL;
  size_t nz = 0;
  if (st == NS_OK && !zx)
    st = NS_ENOMEM;
  for (size_t i = 0; i < np && st == NS_OK; i++)
    {
      if (!(pts[i] > a && pts[i] < b))
        continue;
      if (!classify (q, pts[i], &z, &st))
        {
          /* A point of 1/g that is no breakpoint of g was found as a zero
             of g, but the certified switch does not see g change sign
             there: the search located it on a rounded model of g (a
             quadratic with rounded coefficients puts the zeros of
             (x - 0.5)^2 - 0.01 an ulp off, and merges or shifts close
             zeros far more), so a zero of g may lie near it unseen.
             Skipping it would drop that zero's delta silently. */
          int of_g = 0;
          for (size_t j = 0; j < ng && !of_g; j++)
            of_g = gpts[j] == pts[i];
          if (st != NS_OK || of_g)
            continue;
          if (!relocate (q, der[0], pts[i], &z))
            {
              st = NS_EUNDECIDED;
              continue;
            }
          if (!(z.x > a && z.x < b))
            continue;
        }
      /* A zero met twice (a relocated one that another point also
         found): the doubles do not tell one zero from two. */
      for (size_t j = 0; j < nz && st == NS_OK; j++)
        if (fabs (zx[j] - z.x) <= ze[j] + z.e)
          st = NS_EUNDECIDED;
      if (st == NS_OK && nz < np)
        {
          zx[nz] = z.x;
          ze[nz++] = z.e;
        }
      /* g must be smooth at its zero: no breakpoint of g within the
         zero's ball. */
      for (size_t j = 0; j < ng && st == NS_OK; j++)
        if (fabs (gpts[j] - z.x) <= z.e)
          st = NS_UNDEFINED;
      double coef[NS_DIST_MAX_ORDER + 1], rel[NS_DIST_MAX_ORDER + 1];
      int have[NS_DIST_MAX_ORDER + 1];
      if (st == NS_OK)
        st = zero_coefficients (der, m, &z, coef, rel, have);
      for (int j = 0; j <= m && st == NS_OK; j++)
        {
          if (!have[j])
            continue;
          if (*n >= cap)
            {
              st = NS_ELIMIT;
              break;
            }
          double c = t->coef * coef[j];
          if (!isfinite (c))
            {
              st = NS_EOVERFLOW;
              break;
            }
          /* (1 + r1)(1 + r2)(1 + eps) - 1, rounded up by the eps term. */
          double r = t->coef_rel + rel[j] + t->coef_rel * rel[j] + 2 * DBL_EPSILON;
          dist_term d = { NS_DIST_DELTA, c, j, z.x, NULL, NULL, t->outer, z.e, r };
          if (t->mult)
            d.mult = ns_fn_ref (t->mult);
          else
            {
              /* D^k delta^(j) = delta^(j+k). */
              d.order = j + t->outer;
              d.outer = 0;
            }
          out[(*n)++] = d;
        }
    }
  arb_clear (z.ball);
  free (zx);
  for (int j = 0; j <= m; j++)
    ns_fn_free (der[j]);
  ns_fn_free (q);
  ns_fn_free (inv);
  free (pts);
  return st;
}

ns_status
ns_dist_expand (const ns_dist *t, double a, double b, ns_dist **out)
{
  if (!out)
    return NS_EINVAL;
  *out = NULL;
  if (!t || !isfinite (a) || !isfinite (b) || !(a < b))
    return NS_EINVAL;
  ns_dist *r = malloc (sizeof *r + NS_DIST_MAX_TERMS * sizeof (dist_term));
  if (!r)
    return NS_ENOMEM;
  r->n = 0;
  ns_status st = NS_OK;
  for (size_t i = 0; i < t->n && st == NS_OK; i++)
    {
      const dist_term *s = &t->terms[i];
      if (s->kind == NS_DIST_DELTA_OF)
        {
          st = expand_term (s, a, b, r->terms, NS_DIST_MAX_TERMS, &r->n);
          continue;
        }
      if (r->n >= NS_DIST_MAX_TERMS)
        {
          st = NS_ELIMIT;
          break;
        }
      r->terms[r->n] = *s;
      if (s->f)
        ns_fn_ref (s->f);
      if (s->mult)
        ns_fn_ref (s->mult);
      r->n++;
    }
  if (st != NS_OK)
    {
      ns_dist_free (r);
      return st;
    }
  *out = r;
  return NS_OK;
}
