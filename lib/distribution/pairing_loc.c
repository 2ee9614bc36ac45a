/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/pairing_loc.c: where the pairing's points are.  A
   quadrature node's x = c + r t is formed with its exact remainder, and f
   is corrected to (or bounded at) the exact point; and what taking a
   breakpoint as the exact switch point costs.  A breakpoint is certified exact when every
   switching quantity of the tree near it is affine and meets its level
   exactly there (or meets none nearby, by its enclosure); within half an
   ulp when each switch nearby is monotone and certified (Arb) in the
   rounding interval of the point; otherwise the
   switch point is taken to lie within BP_LOC_ULPS ulps, and moving the
   split and the jump terms by that much is bounded from the one-sided
   germs and the test function's bounds on the line. */
#include <config.h>
#include <float.h>
#include <math.h>
#include "distribution/pairing_loc.h"
#include "function/function_impl.h"
#include "function/certify.h"
#include "testfn/testfn_private.h"

static double
germ_deriv_err (int k, double v)
{
  return GERM_DERIV_ULPS * (k + 1) * DBL_EPSILON * fabs (v);
}

/* ------------------------------------------------------------------ the rounding of x */

/* x = c + r t as a double, and the remainder DX with c + r t = x + DX up to
   the rounding of DX itself (u |DX|): fma gives r t = p + p_lo exactly
   (while p_lo is not subnormal) and Knuth's TwoSum gives c + p = x + s_lo
   exactly.  On a far bump the remainder is up to half an ulp of c, far
   beyond r times the rounding of t. */
double
ns_pair_scaled_point (double c, double r, double t, double *dx)
{
  double p = r * t;
  double p_lo = fma (r, t, -p);
  double x = c + p;
  double bp = x - c;
  double s_lo = (c - (x - bp)) + (p - bp);
  *dx = s_lo + p_lo;
  return x;
}

/* F = f^(fk) at the exact point x + dx from the germ of order fk + 2 at the
   double x (inside a piece, so both sides agree): F(x) + F'(x) dx, with the
   germs' bounds of GERM_DERIV_ULPS, the rounding of dx (ADX bounds |dx|
   with it) and the Taylor remainder |F''| adx^2 / 2, its change over adx
   covered by LOC_SAFETY.  When the germ of order fk + 2 is not available,
   the derivative at x alone with an infinite bound. */
ns_status
ns_pair_deriv_at_shifted (const ns_function *f, int fk, double x, double dx,
                  double adx, int cheap, ns_result *out)
{
  ns_germ g;
  /* Past NS_MAX_ORDER, and where adx is a few ulps of the piece's length
     (CHEAP: a bump near the origin, where the correction is below the
     germs' own rounding), the remainder is bounded by LOC_SAFETY |F'| adx,
     as if F' changed by all its size over adx, and the germ of order
     fk + 2 is not computed. */
  int order = fk + 2 <= NS_MAX_ORDER && !cheap ? fk + 2 : fk + 1;
  ns_status st = ns_fn_germ (f, x, NS_RIGHT, order, &g);
  if (st != NS_OK)
    {
      st = ns_fn_deriv_side (f, x, NS_RIGHT, fk, &out->val);
      out->err = adx > 0 ? HUGE_VAL : germ_deriv_err (fk, out->val);
      return st;
    }
  double fact = 1;
  for (int i = 2; i <= fk; i++)
    fact *= i;
  double d0 = fact * g.c[fk];
  double d1 = fact * (fk + 1) * g.c[fk + 1];
  double rem = order == fk + 2
               ? LOC_SAFETY * fabs (fact * (fk + 1) * (fk + 2) * g.c[fk + 2])
                 * adx * adx / 2
               : LOC_SAFETY * fabs (d1) * adx;
  out->val = d0 + d1 * dx;
  out->err = germ_deriv_err (fk, d0)
             + (germ_deriv_err (fk + 1, d1) + 2 * DBL_EPSILON * fabs (d1)) * adx
             + fabs (d1) * (adx - fabs (dx)) + rem
             + DBL_EPSILON * fabs (out->val);
  return NS_OK;
}

/* f at the exact point x + dx, x strictly inside the piece [xa, xb]: f(x)
   by ns_fn_eval, plus f'(xi) dx for some xi between x and x + dx (the mean
   value theorem), with f' enclosed over [x - adx, x + adx] within the
   piece by the function model's interval rules: the midpoint of the
   enclosure times dx, its radius times adx. */
ns_status
ns_pair_value_at_shifted (const ns_function *f, double x, double dx, double adx,
                  double xa, double xb, ns_result *out)
{
  ns_status st = ns_fn_eval (f, x, out);
  if (st != NS_OK || adx == 0)
    return st;
  double lo = nextafter (x - adx, -INFINITY), hi = nextafter (x + adx, INFINITY);
  if (lo < xa)
    lo = xa;
  if (hi > xb)
    hi = xb;
  ns_ivd e;
  ns_fn_enclose_tree (f, lo, hi, &e);
  if (!e.defined || !isfinite (e.dlo) || !isfinite (e.dhi))
    {
      /* No slope (the interval holds a switch point the breakpoint list
         placed an ulp away, as heaviside(x^2 - 3) next to the double
         nearest sqrt 3): the enclosure of the values bounds the change. */
      double v = out->val;
      double dev = fmax (e.hi - v, v - e.lo);
      out->err = e.defined && isfinite (dev)
                 ? (out->err + dev) * (1 + 4 * DBL_EPSILON) : HUGE_VAL;
      return NS_OK;
    }
  double mid = e.dlo / 2 + e.dhi / 2, rad = e.dhi / 2 - e.dlo / 2;
  double corr = mid * dx;
  out->val += corr;
  out->err = (out->err + (rad + DBL_EPSILON * fabs (mid)) * adx
              + fabs (mid) * (adx - fabs (dx)) + DBL_EPSILON * fabs (out->val)
              + DBL_EPSILON * fabs (corr)) * (1 + 4 * DBL_EPSILON);
  /* The enclosure of the values holds f at the exact point too: where dx
     spans much of f's scale (sin at c = 1e17, r = 64, dx up to 8) it is
     the smaller bound. */
  double dev = fmax (e.hi - out->val, out->val - e.lo) * (1 + 4 * DBL_EPSILON);
  if (isfinite (dev) && dev < out->err)
    out->err = dev;
  return NS_OK;
}

/* Where F' is infinite at a piece end (sqrt|x - a| at a), how far F may
   move within DIST of the end inside the piece [XA, XB] (LEFT: the end XA):
   for F = f (FK = 0), the enclosure of f's values there less the limit V;
   +inf for a derivative (no enclosure of f^(k) is at hand). */
double
ns_pair_end_value_spread (const ns_function *f, int fk, double xa, double xb,
                          int left, double dist, double v)
{
  if (fk != 0)
    return HUGE_VAL;
  double lo = left ? xa : nextafter (xb - dist, -HUGE_VAL);
  double hi = left ? nextafter (xa + dist, HUGE_VAL) : xb;
  if (lo < xa)
    lo = xa;
  if (hi > xb)
    hi = xb;
  ns_ivd e;
  ns_fn_enclose_tree (f, lo, hi, &e);
  double dev = fmax (e.hi - v, v - e.lo);
  return e.defined && isfinite (dev) ? dev * (1 + 4 * DBL_EPSILON) : HUGE_VAL;
}

/* ------------------------------------------------------------------ exact breakpoints */

/* Largest tree (nodes with multiplicity) whose breakpoints are certified. */
#define CERTIFY_MAX_SIZE 4096

/* 1 when the subtree Q is affine in x and every operation in it is exact
   at the double P (TwoSum and fma find no remainder), so that *V is Q(P)
   exactly; *S is its slope's sign and size (0 for a constant). */
static int
affine_exact_at (const ns_function *q, double p, double *v, double *s)
{
  double a, sa, b, sb, r;
  switch (q->op)
    {
    case NS_OP_X:
      *v = p;
      *s = 1;
      return 1;
    case NS_OP_CONST:
      *v = q->param[0];
      *s = 0;
      return isfinite (*v);
    case NS_OP_NEG:
      if (!affine_exact_at (q->arg[0], p, v, s))
        return 0;
      *v = -*v;
      *s = -*s;
      return 1;
    case NS_OP_ADD:
    case NS_OP_SUB:
      if (!affine_exact_at (q->arg[0], p, &a, &sa)
          || !affine_exact_at (q->arg[1], p, &b, &sb))
        return 0;
      if (q->op == NS_OP_SUB)
        {
          b = -b;
          sb = -sb;
        }
      r = a + b;
      if (!isfinite (r))
        return 0;
      {
        double bb = r - a;
        if ((a - (r - bb)) + (b - bb) != 0)
          return 0;
      }
      *v = r;
      *s = sa + sb;
      return 1;
    case NS_OP_MUL:
      if (!affine_exact_at (q->arg[0], p, &a, &sa)
          || !affine_exact_at (q->arg[1], p, &b, &sb)
          || (sa != 0 && sb != 0))
        return 0;
      r = a * b;
      if (!isfinite (r) || fma (a, b, -r) != 0)
        return 0;
      *v = r;
      *s = sa * b + a * sb;
      return 1;
    default:
      return 0;
    }
}

/* 1 when no node of F switches within [LO, HI] except, exactly, at P: for
   each switching node, the levels its quantity's enclosure over [LO, HI]
   crosses are none, or one that an affine quantity meets exactly at P
   with a nonzero slope (a single crossing there).  With ROUNDED, a node
   whose quantity is monotone on [LO, HI] (its slope's enclosure excludes
   0) and crosses its one level in the rounding interval of P, certified
   with Arb (certify.c: what the breakpoint search rounded to the nearest
   double), also passes, and sets *ROUNDED: the switch is then within half
   an ulp of P. */
static int
switches_exact (const ns_function *f, double p, double lo, double hi, int *rounded)
{
  const ns_op_rules *rules = ns_op_rules_get (f->op);
  for (int i = 0; i < rules->info.arity; i++)
    if (!switches_exact (f->arg[i], p, lo, hi, rounded))
      return 0;
  if (rules->switches == NS_SWITCH_NONE)
    return 1;
  double v = NAN, s = 0, qlo, qhi, dlo, dhi;
  int aff;
  if (rules->switches == NS_SWITCH_DIFF)
    {
      double v0, s0, v1, s1;
      aff = affine_exact_at (f->arg[0], p, &v0, &s0)
            && affine_exact_at (f->arg[1], p, &v1, &s1);
      if (aff)
        {
          v = v0 - v1;
          double bb = v - v0;
          aff = isfinite (v) && (v0 - (v - bb)) + (-v1 - bb) == 0;
          s = s0 - s1;
        }
      ns_ivd e0, e1;
      ns_fn_enclose_tree (f->arg[0], lo, hi, &e0);
      ns_fn_enclose_tree (f->arg[1], lo, hi, &e1);
      if (!e0.defined || !e1.defined)
        return 0;
      qlo = nextafter (e0.lo - e1.hi, -HUGE_VAL);
      qhi = nextafter (e0.hi - e1.lo, HUGE_VAL);
      dlo = nextafter (e0.dlo - e1.dhi, -HUGE_VAL);
      dhi = nextafter (e0.dhi - e1.dlo, HUGE_VAL);
    }
  else
    {
      const ns_function *q = f->arg[rules->switches == NS_SWITCH_ARG1];
      aff = affine_exact_at (q, p, &v, &s);
      ns_ivd e;
      ns_fn_enclose_tree (q, lo, hi, &e);
      if (!e.defined)
        return 0;
      qlo = e.lo;
      qhi = e.hi;
      dlo = e.dlo;
      dhi = e.dhi;
    }
  if (!(qlo <= qhi) || !rules->levels)
    return 0;
  double lv[2];
  size_t n = 0;
  if (rules->levels (f, qlo, qhi, lv, 2, &n) != NS_OK)
    return 0;
  if (n == 0)
    return 1;
  if (aff && s != 0 && n == 1 && v == lv[0])
    return 1;
  int l, r;
  if (rounded != NULL && n == 1 && (dlo > 0 || dhi < 0))
    {
      ns_cert_kind k = ns_cert_switch (f, rules->switches, lv[0], p, &l, &r);
      if (k == NS_CERT_CROSS || k == NS_CERT_EXACT)
        {
          *rounded = 1;
          return 1;
        }
    }
  return 0;
}

/* How far the true switch point may lie from the breakpoint P, as the
   pieces in t = (p - c)/r see it: 2u |p - c| for the rounding of t, plus,
   unless P is certified exact, half an ulp of P when every switch near it
   is certified in its rounding interval, else BP_LOC_ULPS ulps of P. */
static double
location_delta (const ns_function *f, double p, double c)
{
  double ap = fabs (p);
  double ulps = BP_LOC_ULPS * (next_double (ap, 1) - ap);
  double delta = 2 * DBL_EPSILON * fabs (p - c);
  /* Each switching node encloses its subtree: quadratic in the tree's
     size, so large trees are not certified (they keep the 4 ulps). */
  int rounded = 0;
  if (f->size > CERTIFY_MAX_SIZE
      || !switches_exact (f, p, next_double (p - 2 * ulps, -1),
                          next_double (p + 2 * ulps, 1), &rounded))
    delta += ulps;
  else if (rounded)
    delta += 0.5 * (next_double (ap, 1) - ap);
  return delta * (1 + 4 * DBL_EPSILON);
}

/* ------------------------------------------------------------------ the bound */

/* A bound on delta sup |phi^(n)| over [p - delta, p + delta]: delta times
   the bound on the line (formed in logarithms where that bound alone would
   overflow, as r^-n for a bump of radius 1e-300).  For a user test
   function (and a multiplier's g phi^(k)), of which no bound on the line
   is known, delta (|phi^(n)(p)| + LOC_SAFETY delta |phi^(n+1)(p)|), or
   delta LOC_SAFETY |phi^(n)(p)| at its top order: a working assumption, as
   for the rounding of x in ns_testfn_eval_t. */
static double
testfn_sup_near (const ns_testfn *phi, int n, double p, double delta)
{
  double line;
  ns_testfn_deriv_sup (phi, n, delta, &line);
  if (isfinite (line))
    return line;
  int maxn = 0;
  ns_testfn_max_order (phi, &maxn);
  if (n > maxn)   /* a bump's order past the double range */
    return HUGE_VAL;
  ns_result v, d;
  if (ns_testfn_eval (phi, n, p, &v) != NS_OK)
    return HUGE_VAL;
  double local;
  if (n + 1 <= maxn && ns_testfn_eval (phi, n + 1, p, &d) == NS_OK)
    local = fabs (v.val) + v.err + LOC_SAFETY * delta * (fabs (d.val) + d.err);
  else
    local = LOC_SAFETY * (fabs (v.val) + v.err);
  return delta * local * (1 + 4 * DBL_EPSILON);
}

/* A * B where A = 0 means no term at all (B may be infinite then). */
static double
mul_term (double a, double b)
{
  return a == 0 ? 0.0 : a * b;
}

/* What the location of the breakpoint P costs.  The pieces and the jump
   terms take P as the switch point; the true one lies within delta of it
   (see location_delta).  Moving the split of
   int F phi^(n) (F = f^(fk)) by delta changes it by at most delta sup
   |F_right - F_left| sup |phi^(n)| near P, with |F_right - F_left| <=
   |[F](p)| + delta (|F'(p-)| + |F'(p+)|) LOC_SAFETY; on the exact route
   (EXACT, m = fk) each jump term [f^(i)](p) phi^(q)(p), q = m - 1 - i,
   moves by delta (|[f^(i)]| sup |phi^(q+1)| + (|[f^(i+1)]| + delta
   LOC_SAFETY (|f^(i+2)(p-)| + |f^(i+2)(p+)|)) sup |phi^(q)|).  G holds the
   germs of order fk + 1 on both sides; where they do not exist (f^(m)
   unbounded at P, as log|x| at 0) the caller leaves the term out: such a
   point is an exact double in every case the library meets (a documented
   gap otherwise).  No evaluation here counts in NEVAL, which counts the
   value's. */
static double
breakpoint_location_err (const ns_germ g[2], double p, double delta, int exact,
                         int m, const ns_testfn *phi)
{
  int fk = exact ? m : 0, n = exact ? 0 : m, order = fk + 1;
  /* One-sided derivatives f^(i)(p-), f^(i)(p+) and their differences, each
     with the germs' rounding (GERM_DERIV_ULPS: a bound only). */
  double dl[NS_MAX_ORDER + 2], dr[NS_MAX_ORDER + 2], jmp[NS_MAX_ORDER + 2];
  double fact = 1;
  for (int i = 0; i <= order; i++)
    {
      if (i > 1)
        fact *= i;
      dl[i] = fact * g[0].c[i] * ((i % 2) ? -1 : 1);
      dr[i] = fact * g[1].c[i];
      /* The value's error err0 is propagated; where both germs are exact
         (f is the polynomial near P on each side: a step, floor, sign)
         it is the whole error of c[0], and the jump of 1 of floor at
         1e15 is not charged 16 ulps of 1e15.  The subtraction rounds by
         at most u |jump|. */
      if (i == 0 && g[0].exact && g[1].exact)
        jmp[i] = fabs (dr[i] - dl[i]) * (1 + DBL_EPSILON)
                 + g[0].err0 + g[1].err0;
      else
        jmp[i] = fabs (dr[i] - dl[i])
                 + germ_deriv_err (i, fabs (dl[i]) + fabs (dr[i]))
                 + (i == 0 ? g[0].err0 + g[1].err0 : 0);
    }
  double split = mul_term (jmp[fk] + delta * LOC_SAFETY
                            * (fabs (dl[fk + 1]) + fabs (dr[fk + 1])),
                            testfn_sup_near (phi, n, p, delta));
  double points = 0;
  for (int i = 0; exact && i < m; i++)
    {
      int q = m - 1 - i;
      double side2 = i + 2 <= order ? fabs (dl[i + 2]) + fabs (dr[i + 2]) : 0;
      points += mul_term (jmp[i], testfn_sup_near (phi, q + 1, p, delta))
                + mul_term (jmp[i + 1] + delta * LOC_SAFETY * side2,
                            testfn_sup_near (phi, q, p, delta));
    }
  double e = (split + points) * (1 + 16 * DBL_EPSILON);
  return isnan (e) ? HUGE_VAL : e;
}

/* As breakpoint_location_err for F = f when f' has no one-sided value at
   P (sqrt|3x - 1| at 1/3): sup |F_right - F_left| over [p - delta,
   p + delta] is at most the width of f's enclosure there.  Left out (0)
   where that enclosure is not finite (log|x| at 0): the documented gap. */
static double
breakpoint_location_enclosed (const ns_function *f, double p, double delta,
                              int n, const ns_testfn *phi)
{
  ns_ivd e;
  ns_fn_enclose_tree (f, nextafter (p - delta, -HUGE_VAL),
                      nextafter (p + delta, HUGE_VAL), &e);
  double width = e.hi - e.lo;
  if (!e.defined || !isfinite (width))
    return 0.0;
  double v = mul_term (width, testfn_sup_near (phi, n, p, delta))
             * (1 + 8 * DBL_EPSILON);
  return isnan (v) ? HUGE_VAL : v;
}

double
ns_pair_location_err (const ns_function *f, const ns_germ *g, double p,
                      int exact, int m, const ns_testfn *phi, double c)
{
  double delta = location_delta (f, p, c);
  if (delta == 0)
    return 0.0;
  if (g)
    return breakpoint_location_err (g, p, delta, exact, m, phi);
  if (!exact || m == 0)
    return breakpoint_location_enclosed (f, p, delta, exact ? 0 : m, phi);
  return 0.0;
}
