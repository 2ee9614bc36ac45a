/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/function_ops.c: the operator table.  Each primitive has one row: its
   name and parameters, its value with a rounding bound, its germ rule, its
   interval enclosure (value and slope) and where it switches.  Adding a
   primitive means adding its rules here and its enum value in function.h. */
#include <config.h>
#include <math.h>
#include <string.h>
#include "function/function_impl.h"

/* ------------------------------------------------------------------ helpers */

static double
max2 (double a, double b)
{
  return a > b ? a : b;
}

static double
min2 (double a, double b)
{
  return a < b ? a : b;
}

/* A bound term that underflowed from nonzero factors: the true term is
   positive and below one subnormal unit. */
static double
up_tiny (double t)
{
  return t < DBL_MIN ? t + DBL_TRUE_MIN : t;
}

/* The product of two error-bound terms, 0 when either is 0 even if the
   other is infinite: an exact zero factor contributes nothing, and
   0 * inf would make the bound NaN. */
static double
mul0 (double a, double b)
{
  return a == 0 || b == 0 ? 0.0 : up_tiny (a * b);
}

/* A bound term divided by Q > 0, without losing it to underflow. */
static double
div0 (double a, double q)
{
  return a == 0 ? 0.0 : up_tiny (a / q);
}

/* Whether A's sign, or whether it is 0 at all, was lost to underflow: its
   bound is below the normal range and reaches across 0 (exp(-800) is 0
   with a bound of one subnormal unit).  A domain check that fails on such
   an argument says nothing about f: the intermediate underflowed. */
static int
lost_to_underflow (const ns_result *a)
{
  return a->err > 0 && a->err < DBL_MIN && fabs (a->val) <= a->err;
}

/* Rounding error of a result V that one operation produced from nonzero
   operands: NS_ULP relative, plus one subnormal unit when V underflowed
   (then the relative bound says nothing). */
static double
round_err (double v)
{
  return NS_ULP * fabs (v) + (fabs (v) < DBL_MIN ? DBL_TRUE_MIN : 0.0);
}

/* An argument outside the domain: the outputs are still defined (NaN with
   an infinite bound, as GSL's specfunc does), since the tree walker and
   its callers read them whatever the status. */
static ns_status
edom (ns_result *out)
{
  out->val = NAN;
  out->err = HUGE_VAL;
  return NS_EDOM;
}

/* The same for an operand lost to underflow: defined, not representable. */
static ns_status
overflow_out (ns_result *out)
{
  out->val = NAN;
  out->err = HUGE_VAL;
  return NS_EOVERFLOW;
}

/* Error bound of a value that may be any of vals[0..n-1] when the exact
   argument may lie on either side of a switch: the largest distance. */
static double
spread (double v, const double *vals, int n)
{
  double e = 0;
  for (int i = 0; i < n; i++)
    e = max2 (e, fabs (vals[i] - v));
  return e;
}

/* Selects the identity branch of a kink; when c[0] was within rounding of
   the switch level s, it is the switch point, so c[0] becomes s exactly. */
static void
germ_take_branch (const ns_germ_w *a, double s, double scale, ns_germ_w *out)
{
  if (scale == 1.0)
    *out = *a;
  else
    ns_germ_scale (a, scale, out);
  if (out->n >= 1 && fabs (a->c[0] - s) <= a->err0 && !a->cert_off)
    out->c[0] = scale * s;
}

/* Outward rounding keeps enclosures sound under round-to-nearest.  A
   result that overflowed to +inf only says the exact value is >= DBL_MAX,
   so as a lower bound it becomes DBL_MAX (and -inf as an upper bound
   -DBL_MAX): a lower bound of +inf would claim more than any real value,
   and once subtracted gives an upper bound of -inf (f'' <= -inf). */
static double
down (double v)
{
  if (v == HUGE_VAL)
    return DBL_MAX;
  return isfinite (v) ? nextafter (v, -HUGE_VAL) : v;
}

static double
up (double v)
{
  if (v == -HUGE_VAL)
    return -DBL_MAX;
  return isfinite (v) ? nextafter (v, HUGE_VAL) : v;
}

/* A + B rounded outward, unless the floating sum is exact (Knuth's TwoSum
   error is 0): then an exact 0 or an exact 2 - 2 stays put, and f'' = 0
   on a piece made linear by a kink can be shown >= 0. */
static int
sum_exact (double a, double b, double s)
{
  if (!isfinite (s))
    return 0;
  double bb = s - a;
  return (a - (s - bb)) + (b - bb) == 0;
}

static double
sum_down (double a, double b)
{
  double s = a + b;
  return sum_exact (a, b, s) ? s : down (s);
}

static double
sum_up (double a, double b)
{
  double s = a + b;
  return sum_exact (a, b, s) ? s : up (s);
}

/* Product of two numbers in set arithmetic: 0 * inf = 0. */
static double
set_mul (double a, double b)
{
  return (a == 0 || b == 0) ? 0.0 : a * b;
}

/* A product rounded outward, unless it is exact: a zero factor, or an
   fma residual of 0 for a product far from underflow (there the residual
   is representable, so 0 means exact).  Otherwise f'' = 2 * (-1) + 2 on a
   piece made linear by a kink would never be shown >= 0. */
static int
mul_exact (double a, double b, double p)
{
  return isfinite (p) && fabs (p) >= 0x1p-960 && fma (a, b, -p) == 0;
}

static double
mul_down (double a, double b)
{
  if (a == 0 || b == 0)
    return 0.0;
  double p = a * b;
  return mul_exact (a, b, p) ? p : down (p);
}

static double
mul_up (double a, double b)
{
  if (a == 0 || b == 0)
    return 0.0;
  double p = a * b;
  return mul_exact (a, b, p) ? p : up (p);
}

static void
iv_mul (double alo, double ahi, double blo, double bhi, double *lo, double *hi)
{
  double pl[4] = { mul_down (alo, blo), mul_down (alo, bhi), mul_down (ahi, blo),
                   mul_down (ahi, bhi) };
  double ph[4] = { mul_up (alo, blo), mul_up (alo, bhi), mul_up (ahi, blo),
                   mul_up (ahi, bhi) };
  double l = pl[0], h = ph[0];
  for (int i = 1; i < 4; i++)
    {
      l = min2 (l, pl[i]);
      h = max2 (h, ph[i]);
    }
  *lo = l;
  *hi = h;
}

static void
iv_hull0 (double dlo, double dhi, double *lo, double *hi)
{
  *lo = min2 (dlo, 0.0);
  *hi = max2 (dhi, 0.0);
}

static void
iv_whole (ns_ivd *out)
{
  out->lo = out->dlo = -HUGE_VAL;
  out->hi = out->dhi = HUGE_VAL;
}

/* [1/b] for b not containing 0. */
static void
iv_inverse (double blo, double bhi, double *lo, double *hi)
{
  *lo = down (1.0 / bhi);
  *hi = up (1.0 / blo);
}

static ns_status
levels_zero (const ns_function *f, double lo, double hi, double *out, size_t max,
             size_t *n)
{
  *n = 0;
  if (lo <= 0 && 0 <= hi)
    {
      if (max < 1)
        return NS_ELIMIT;
      out[(*n)++] = 0.0;
    }
  return NS_OK;
}

/* ------------------------------------------------------------------ x, constants, arithmetic */

static ns_status
eval_x (const ns_function *f, const ns_result *arg, ns_result *out)
{
  /* Never called: the tree walker knows x and sets it itself.  Should it
     be, the output is defined and says no value is known. */
  out->val = NAN;
  out->err = HUGE_VAL;
  return NS_EINVAL;
}

static ns_status
germ_x (const ns_function *f, const ns_germ_w *arg, ns_germ_w *out)
{
  return NS_OK;   /* set by the tree walker */
}

static void
enclose_x (const ns_function *f, const ns_ivd *arg, ns_ivd *out)
{
}

static ns_status
eval_const (const ns_function *f, const ns_result *arg, ns_result *out)
{
  out->val = f->param[0];
  out->err = 0;
  return NS_OK;
}

static ns_status
germ_const (const ns_function *f, const ns_germ_w *arg, ns_germ_w *out)
{
  ns_germ_set_const (out, out->m, f->param[0]);
  return NS_OK;
}

static void
enclose_const (const ns_function *f, const ns_ivd *arg, ns_ivd *out)
{
  out->lo = out->hi = f->param[0];
  out->dlo = out->dhi = 0;
}

static ns_status
eval_add (const ns_function *f, const ns_result *a, ns_result *out)
{
  out->val = a[0].val + a[1].val;
  out->err = a[0].err + a[1].err + NS_ULP * fabs (out->val);
  return NS_OK;
}

static ns_status
germ_add (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  ns_germ_add (&a[0], &a[1], out);
  return NS_OK;
}

static void
enclose_add (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  out->lo = sum_down (a[0].lo, a[1].lo);
  out->hi = sum_up (a[0].hi, a[1].hi);
  out->dlo = sum_down (a[0].dlo, a[1].dlo);
  out->dhi = sum_up (a[0].dhi, a[1].dhi);
}

static ns_status
eval_sub (const ns_function *f, const ns_result *a, ns_result *out)
{
  out->val = a[0].val - a[1].val;
  out->err = a[0].err + a[1].err + NS_ULP * fabs (out->val);
  return NS_OK;
}

static ns_status
germ_sub (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  ns_germ_sub (&a[0], &a[1], out);
  return NS_OK;
}

static void
enclose_sub (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  out->lo = sum_down (a[0].lo, -a[1].hi);
  out->hi = sum_up (a[0].hi, -a[1].lo);
  out->dlo = sum_down (a[0].dlo, -a[1].dhi);
  out->dhi = sum_up (a[0].dhi, -a[1].dlo);
}

static ns_status
eval_mul (const ns_function *f, const ns_result *a, ns_result *out)
{
  out->val = a[0].val * a[1].val;
  out->err = mul0 (fabs (a[0].val), a[1].err) + mul0 (fabs (a[1].val), a[0].err)
             + mul0 (a[0].err, a[1].err)
             + (a[0].val == 0 || a[1].val == 0 ? 0.0 : round_err (out->val));
  return NS_OK;
}

static ns_status
germ_mul (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  ns_germ_mul (&a[0], &a[1], out);
  return NS_OK;
}

static void
enclose_mul (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  double l1, h1, l2, h2;
  iv_mul (a[0].lo, a[0].hi, a[1].lo, a[1].hi, &out->lo, &out->hi);
  /* (ab)' = a'b + ab' */
  iv_mul (a[0].dlo, a[0].dhi, a[1].lo, a[1].hi, &l1, &h1);
  iv_mul (a[0].lo, a[0].hi, a[1].dlo, a[1].dhi, &l2, &h2);
  out->dlo = down (l1 + l2);
  out->dhi = up (h1 + h2);
}

static ns_status
eval_div (const ns_function *f, const ns_result *a, ns_result *out)
{
  double b = fabs (a[1].val);
  if (a[1].val == 0)
    return lost_to_underflow (&a[1]) ? overflow_out (out) : edom (out);
  out->val = a[0].val / a[1].val;
  /* |a'/b' - a/b| <= (ea |b| + |a| eb) / (|b| (|b| - eb))
                     = ea / (|b| - eb) + |a/b| eb / (|b| - eb),
     written without the product |b| (|b| - eb), which overflows or
     underflows for |b| near the ends of the range (0/0 would be NaN).
     |b| - eb > 0 when eb < |b|: floating subtraction is 0 only for equal
     operands. */
  if (a[1].err < b)
    {
      double q = b - a[1].err;
      out->err = div0 (a[0].err, q) + mul0 (fabs (out->val), div0 (a[1].err, q))
                 + (a[0].val == 0 ? 0.0 : round_err (out->val));
    }
  else
    out->err = HUGE_VAL;
  return NS_OK;
}

static ns_status
germ_div (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  return ns_germ_div (&a[0], &a[1], out);
}

static void
enclose_div (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  if (a[1].lo <= 0 && a[1].hi >= 0)
    {
      iv_whole (out);
      return;
    }
  double il, ih, l1, h1, l2, h2, ql, qh;
  iv_inverse (a[1].lo, a[1].hi, &il, &ih);
  iv_mul (a[0].lo, a[0].hi, il, ih, &out->lo, &out->hi);
  /* (a/b)' = (a' - (a/b) b') / b */
  iv_mul (out->lo, out->hi, a[1].dlo, a[1].dhi, &l1, &h1);
  l2 = down (a[0].dlo - h1);
  h2 = up (a[0].dhi - l1);
  iv_mul (l2, h2, il, ih, &ql, &qh);
  out->dlo = ql;
  out->dhi = qh;
}

static ns_status
eval_neg (const ns_function *f, const ns_result *a, ns_result *out)
{
  out->val = -a[0].val;
  out->err = a[0].err;
  return NS_OK;
}

static ns_status
germ_neg (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  ns_germ_scale (&a[0], -1.0, out);
  out->err0 = a[0].err0;
  return NS_OK;
}

static void
enclose_neg (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  out->lo = -a[0].hi;
  out->hi = -a[0].lo;
  out->dlo = -a[0].dhi;
  out->dhi = -a[0].dlo;
}

static ns_status
eval_pow (const ns_function *f, const ns_result *a, ns_result *out)
{
  int n = (int) f->param[0];
  double v = a[0].val, e = a[0].err, av = fabs (v);
  if (n == 0)
    {
      out->val = 1;
      out->err = 0;
      return NS_OK;
    }
  if (n < 0 && v == 0)
    return lost_to_underflow (&a[0]) ? overflow_out (out) : edom (out);
  out->val = pow (v, n);
  /* The change of |a|^n over |a| +- e bounds the propagated error. */
  if (n > 0)
    out->err = pow (av + e, n) - pow (av, n);
  else
    out->err = e < av ? pow (av - e, n) - pow (av, n) : HUGE_VAL;
  if (e > 0)
    out->err = up_tiny (out->err);
  /* (A value that is finite makes pow (av, n) finite: no inf - inf.) */
  out->err += v == 0 ? 0.0 : round_err (out->val);
  return NS_OK;
}

static ns_status
germ_pow (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  return ns_germ_powi (&a[0], (int) f->param[0], out);
}

/* [lo, hi]^n for an integer n >= 0. */
static void
iv_powi (double lo, double hi, int n, double *rlo, double *rhi)
{
  if (n == 0)
    {
      *rlo = *rhi = 1;
      return;
    }
  double pl = pow (lo, n), ph = pow (hi, n);
  if (n % 2 == 1)
    {
      *rlo = down (pl);
      *rhi = up (ph);
    }
  else if (lo >= 0)
    {
      *rlo = down (pl);
      *rhi = up (ph);
    }
  else if (hi <= 0)
    {
      *rlo = down (ph);
      *rhi = up (pl);
    }
  else
    {
      *rlo = 0;
      *rhi = up (max2 (pl, ph));
    }
}

static void
enclose_pow (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  int n = (int) f->param[0];
  int an = n < 0 ? -n : n;
  double pl, ph, dl, dh;
  if (n == 0)
    {
      out->lo = out->hi = 1;
      out->dlo = out->dhi = 0;
      return;
    }
  iv_powi (a[0].lo, a[0].hi, an, &pl, &ph);
  /* (a^k)' = k a^(k-1) a' */
  iv_powi (a[0].lo, a[0].hi, an - 1, &dl, &dh);
  iv_mul (dl, dh, an, an, &dl, &dh);
  iv_mul (dl, dh, a[0].dlo, a[0].dhi, &dl, &dh);
  if (n > 0)
    {
      out->lo = pl;
      out->hi = ph;
      out->dlo = dl;
      out->dhi = dh;
      return;
    }
  if (pl <= 0 && ph >= 0)
    {
      iv_whole (out);
      return;
    }
  /* a^-k = 1/a^k, (a^-k)' = -(a^k)'/a^2k */
  double il, ih, sl, sh;
  iv_inverse (pl, ph, &il, &ih);
  out->lo = il;
  out->hi = ih;
  iv_mul (il, ih, il, ih, &sl, &sh);
  iv_mul (dl, dh, sl, sh, &sl, &sh);
  out->dlo = -sh;
  out->dhi = -sl;
}

static ns_status
levels_pow (const ns_function *f, double lo, double hi, double *out, size_t max,
            size_t *n)
{
  *n = 0;
  return f->param[0] < 0 ? levels_zero (f, lo, hi, out, max, n) : NS_OK;
}

/* ------------------------------------------------------------------ smooth functions */

static ns_status
eval_exp (const ns_function *f, const ns_result *a, ns_result *out)
{
  double v = a[0].val, e = a[0].err;
  out->val = exp (v);
  /* |e^(a+d) - e^a| <= e^a (e^|d| - 1) */
  double prop = mul0 (out->val, expm1 (e));
  /* e^a (e^|d| - 1) < e^(a + |d|): the bound when e^a underflowed (it has
     lost its digits, and 0 * inf is NaN) or e^|d| - 1 overflowed; the
     exponent is rounded up and exp's own ulp allowed for. */
  if (out->val < DBL_MIN || !isfinite (prop))
    prop = exp (up (v + e)) * (1 + 2 * NS_ULP);
  out->err = prop + round_err (out->val);
  return NS_OK;
}

static ns_status
germ_exp (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  return ns_germ_exp (&a[0], out);
}

static void
enclose_exp (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  /* e^t > 0: the outward rounding of an underflowed 0 stays at 0. */
  out->lo = max2 (0.0, down (exp (a[0].lo)));
  out->hi = up (exp (a[0].hi));
  iv_mul (out->lo, out->hi, a[0].dlo, a[0].dhi, &out->dlo, &out->dhi);
}

static ns_status
eval_log (const ns_function *f, const ns_result *a, ns_result *out)
{
  double v = a[0].val;
  if (!(v > 0))
    return lost_to_underflow (&a[0]) ? overflow_out (out) : edom (out);
  out->val = log (v);
  /* |log(a+d) - log a| <= -log(1 - |d|/a) */
  out->err = a[0].err < v ? -log1p (-div0 (a[0].err, v)) + NS_ULP * fabs (out->val) : HUGE_VAL;
  return NS_OK;
}

static ns_status
germ_log (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  return ns_germ_log (&a[0], out);
}

static void
enclose_log (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  if (a[0].hi <= 0)
    {
      iv_whole (out);
      out->defined = 0;
      return;
    }
  if (a[0].lo <= 0)
    {
      out->defined = 0;
      out->lo = -HUGE_VAL;
      out->hi = up (log (a[0].hi));
      out->dlo = -HUGE_VAL;
      out->dhi = HUGE_VAL;
      return;
    }
  double il, ih;
  out->lo = down (log (a[0].lo));
  out->hi = up (log (a[0].hi));
  iv_inverse (a[0].lo, a[0].hi, &il, &ih);
  iv_mul (il, ih, a[0].dlo, a[0].dhi, &out->dlo, &out->dhi);
}

static ns_status
eval_sqrt (const ns_function *f, const ns_result *a, ns_result *out)
{
  double v = a[0].val, e = a[0].err;
  if (v < 0)
    return lost_to_underflow (&a[0]) ? overflow_out (out) : edom (out);
  out->val = sqrt (v);
  out->err = sqrt (v + e) - sqrt (max2 (v - e, 0.0)) + NS_ULP * out->val;
  return NS_OK;
}

static ns_status
germ_sqrt (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  return ns_germ_sqrt (&a[0], out);
}

static void
enclose_sqrt (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  if (a[0].lo < 0)
    out->defined = 0;
  if (a[0].hi < 0)
    {
      iv_whole (out);
      return;
    }
  out->lo = down (sqrt (max2 (a[0].lo, 0.0)));
  out->hi = up (sqrt (a[0].hi));
  if (out->lo <= 0)
    {
      out->dlo = -HUGE_VAL;
      out->dhi = HUGE_VAL;
      return;
    }
  /* (sqrt a)' = a' / (2 sqrt a) */
  double il, ih;
  iv_inverse (2 * out->lo, 2 * out->hi, &il, &ih);
  iv_mul (il, ih, a[0].dlo, a[0].dhi, &out->dlo, &out->dhi);
}

/* a^p for a real p that is not an integer: defined for a >= 0 (a > 0
   when p < 0).  The propagated error is the change of a^p over
   [a - e, a + e] (clipped at 0), each pow within an ulp (glibc), so
   three more ulps of the largest value cover the differences' rounding. */
static ns_status
eval_rpow (const ns_function *f, const ns_result *a, ns_result *out)
{
  double p = f->param[0], v = a[0].val, e = a[0].err;
  if (v < 0 || (v == 0 && p < 0))
    return lost_to_underflow (&a[0]) ? overflow_out (out) : edom (out);
  out->val = pow (v, p);
  if (!isfinite (out->val))
    return overflow_out (out);
  double hi = pow (v + e, p), lo = pow (max2 (v - e, 0.0), p);
  double spread_err = max2 (fabs (hi - out->val), fabs (out->val - lo));
  double big = max2 (max2 (fabs (hi), fabs (lo)), fabs (out->val));
  out->err = isfinite (spread_err) && isfinite (big)
             ? up_tiny (spread_err + 3 * NS_ULP * big) + round_err (out->val) : HUGE_VAL;
  return NS_OK;
}

static ns_status
germ_rpow (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  return ns_germ_powr (&a[0], f->param[0], out);
}

static void
enclose_rpow (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  double p = f->param[0];
  if (a[0].lo < 0 || (p < 0 && a[0].lo <= 0))
    out->defined = 0;
  if (a[0].hi < 0 || (p < 0 && a[0].hi <= 0))
    {
      iv_whole (out);
      return;
    }
  double lo = max2 (a[0].lo, 0.0), hi = a[0].hi;
  if (p < 0 && lo == 0)
    {
      out->lo = down (pow (hi, p));
      out->hi = HUGE_VAL;
      out->dlo = -HUGE_VAL;
      out->dhi = HUGE_VAL;
      return;
    }
  double vl = pow (lo, p), vh = pow (hi, p);
  out->lo = down (min2 (vl, vh));
  out->hi = up (max2 (vl, vh));
  if (lo == 0 && p < 1)
    {
      out->dlo = -HUGE_VAL;   /* p a^(p-1) is unbounded near 0 */
      out->dhi = HUGE_VAL;
      return;
    }
  /* (a^p)' = p a^(p-1) a', a^(p-1) monotone on [lo, hi]. */
  double gl = p * pow (lo, p - 1), gh = p * pow (hi, p - 1);
  double dl = down (down (min2 (gl, gh))), dh = up (up (max2 (gl, gh)));
  iv_mul (dl, dh, a[0].dlo, a[0].dhi, &out->dlo, &out->dhi);
}

static ns_status
eval_sin (const ns_function *f, const ns_result *a, ns_result *out)
{
  out->val = sin (a[0].val);
  out->err = min2 (a[0].err, 2.0) + NS_ULP * fabs (out->val);
  return NS_OK;
}

static ns_status
eval_cos (const ns_function *f, const ns_result *a, ns_result *out)
{
  out->val = cos (a[0].val);
  out->err = min2 (a[0].err, 2.0) + NS_ULP * fabs (out->val);
  return NS_OK;
}

static ns_status
germ_sin (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  ns_germ_w c;
  return ns_germ_sincos (&a[0], out, &c);
}

static ns_status
germ_cos (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  ns_germ_w s;
  return ns_germ_sincos (&a[0], &s, out);
}

/* Is there a crest C0 + 2 pi k in [lo, hi]?  The slack of 1e-15 relative
   covers the rounding of the test (and of NS_PI) and only widens the
   enclosure. */
static int
crest_inside (double lo, double hi, double c0)
{
  double slack = 1e-15 * (fabs (lo) + fabs (hi) + 1);
  double k = ceil ((lo - c0 - slack) / (2 * NS_PI));
  return c0 + 2 * NS_PI * k <= hi + slack;
}

/* Range of sin u (IS_COS: cos u) for u in [lo, hi]: the endpoint values,
   plus +-1 when a crest lies inside.  The endpoint values are sin or cos
   of the endpoints themselves, within libm's ulp: cos u computed as
   sin(u + pi/2) would add the rounding of u + pi/2, up to half an ulp of
   |u| (5.4e-15 at u = 99; past 2^54 all of pi/2 is lost and cos u came
   out as sin u), which no slack of a few ulps of the result covers:
   cos(98.96016858807849) = +1.5e-15 (mpmath) came out as
   sin(100.53096491487338) = -3.9e-15, and a box of the breakpoint search
   ending at that zero of cos(3x) was excluded. */
static void
iv_sincos (double lo, double hi, int is_cos, double *rlo, double *rhi)
{
  if (!(hi - lo < 6.0) || !isfinite (lo) || !isfinite (hi))
    {
      *rlo = -1;
      *rhi = 1;
      return;
    }
  double a = is_cos ? cos (lo) : sin (lo), b = is_cos ? cos (hi) : sin (hi);
  double l = min2 (a, b), h = max2 (a, b);
  /* Maxima of sin at pi/2 + 2 pi k, minima at -pi/2 + 2 pi k; of cos at
     2 pi k and -pi + 2 pi k. */
  if (crest_inside (lo, hi, is_cos ? 0.0 : NS_PI / 2))
    h = 1;
  if (crest_inside (lo, hi, is_cos ? -NS_PI : -NS_PI / 2))
    l = -1;
  *rlo = max2 (-1.0, down (l) - 4 * NS_ULP);
  *rhi = min2 (1.0, up (h) + 4 * NS_ULP);
}

static void
enclose_sin (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  double cl, ch;
  iv_sincos (a[0].lo, a[0].hi, 0, &out->lo, &out->hi);
  iv_sincos (a[0].lo, a[0].hi, 1, &cl, &ch);
  iv_mul (cl, ch, a[0].dlo, a[0].dhi, &out->dlo, &out->dhi);
}

static void
enclose_cos (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  double sl, sh;
  iv_sincos (a[0].lo, a[0].hi, 1, &out->lo, &out->hi);
  iv_sincos (a[0].lo, a[0].hi, 0, &sl, &sh);
  iv_mul (-sh, -sl, a[0].dlo, a[0].dhi, &out->dlo, &out->dhi);
}

/* ------------------------------------------------------------------ kinks */

static ns_status
eval_relu (const ns_function *f, const ns_result *a, ns_result *out)
{
  out->val = a[0].val > 0 ? a[0].val : 0.0;
  out->err = a[0].err;       /* relu is 1-Lipschitz */
  return NS_OK;
}

static ns_status
germ_relu (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  int nz;
  switch (ns_germ_compare (&a[0], 0.0, &nz))
    {
    case NS_GERM_ABOVE:
      germ_take_branch (&a[0], 0.0, 1.0, out);
      break;
    case NS_GERM_UNKNOWN:
      ns_germ_set_unknown (out, a[0].m, nz);   /* |relu a| <= |a| */
      break;
    default:
      ns_germ_set_const (out, a[0].m, 0.0);
      break;
    }
  return NS_OK;
}

static void
enclose_relu (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  out->lo = max2 (a[0].lo, 0.0);
  out->hi = max2 (a[0].hi, 0.0);
  if (a[0].hi < 0)
    out->dlo = out->dhi = 0;
  else if (a[0].lo > 0)
    {
      out->dlo = a[0].dlo;
      out->dhi = a[0].dhi;
    }
  else
    iv_hull0 (a[0].dlo, a[0].dhi, &out->dlo, &out->dhi);
}

static ns_status
eval_abs (const ns_function *f, const ns_result *a, ns_result *out)
{
  out->val = fabs (a[0].val);
  out->err = a[0].err;
  return NS_OK;
}

static ns_status
germ_abs (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  int nz;
  switch (ns_germ_compare (&a[0], 0.0, &nz))
    {
    case NS_GERM_ABOVE:
      germ_take_branch (&a[0], 0.0, 1.0, out);
      break;
    case NS_GERM_BELOW:
      germ_take_branch (&a[0], 0.0, -1.0, out);
      out->err0 = a[0].err0;
      break;
    case NS_GERM_UNKNOWN:
      ns_germ_set_unknown (out, a[0].m, nz);
      break;
    case NS_GERM_EQUAL:
      ns_germ_set_const (out, a[0].m, 0.0);
      break;
    }
  return NS_OK;
}

static void
enclose_abs (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  if (a[0].lo >= 0)
    {
      *out = a[0];
      return;
    }
  if (a[0].hi <= 0)
    {
      enclose_neg (f, a, out);
      return;
    }
  out->lo = 0;
  out->hi = max2 (-a[0].lo, a[0].hi);
  double m = max2 (fabs (a[0].dlo), fabs (a[0].dhi));
  out->dlo = -m;
  out->dhi = m;
}

/* heaviside and sign take one of three values; a jump inside the box makes
   the slope unbounded. */
static void
enclose_step (const ns_ivd *a, double below, double at, double above, ns_ivd *out)
{
  double l = HUGE_VAL, h = -HUGE_VAL;
  if (a[0].lo < 0)
    l = min2 (l, below), h = max2 (h, below);
  if (a[0].lo <= 0 && a[0].hi >= 0)
    l = min2 (l, at), h = max2 (h, at);
  if (a[0].hi > 0)
    l = min2 (l, above), h = max2 (h, above);
  out->lo = l;
  out->hi = h;
  if (a[0].lo <= 0 && a[0].hi >= 0)
    {
      out->dlo = -HUGE_VAL;
      out->dhi = HUGE_VAL;
    }
  else
    out->dlo = out->dhi = 0;
}

static void
eval_step (const ns_result *a, double below, double at, double above, ns_result *out)
{
  double v = a[0].val, e = a[0].err;
  out->val = v > 0 ? above : v < 0 ? below : at;
  double cand[3];
  int n = 0;
  if (v - e < 0)
    cand[n++] = below;
  if (v - e <= 0 && v + e >= 0)
    cand[n++] = at;
  if (v + e > 0)
    cand[n++] = above;
  out->err = spread (out->val, cand, n);
}

static ns_status
germ_step (const ns_germ_w *a, double below, double at, double above, ns_germ_w *out)
{
  int nz;
  switch (ns_germ_compare (&a[0], 0.0, &nz))
    {
    case NS_GERM_ABOVE:
      ns_germ_set_const (out, a[0].m, above);
      break;
    case NS_GERM_BELOW:
      ns_germ_set_const (out, a[0].m, below);
      break;
    case NS_GERM_EQUAL:
      ns_germ_set_const (out, a[0].m, at);
      break;
    case NS_GERM_UNKNOWN:
      ns_germ_set_unknown (out, a[0].m, 0);
      break;
    }
  return NS_OK;
}

/* heaviside(a, nan) (SymPy's Heaviside(a, nan)) is undefined where a = 0:
   NS_UNDEFINED when the argument is exactly 0; where its bound spans 0
   the value is the hull of 0 and 1 (the node's certification then
   decides the side, or says undefined or undecided). */
static ns_status
eval_heaviside (const ns_function *f, const ns_result *a, ns_result *out)
{
  const double h0 = f->param[0];
  if (isnan (h0) && a[0].val == 0 && a[0].err == 0)
    return NS_UNDEFINED;
  eval_step (a, 0.0, isnan (h0) ? 0.5 : h0, 1.0, out);
  return NS_OK;
}

/* A side on which the argument is identically 0 takes the value H0: with
   H0 = nan the function is undefined there on a whole interval. */
static ns_status
germ_heaviside (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  ns_status st = germ_step (a, 0.0, f->param[0], 1.0, out);
  if (st == NS_OK && isnan (f->param[0]) && out->n >= 1 && isnan (out->c[0]))
    st = NS_EDOM;
  return st;
}

/* The enclosure bounds values where the function is defined: H0 = nan
   adds none. */
static void
enclose_heaviside (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  const double h0 = f->param[0];
  enclose_step (a, 0.0, isnan (h0) ? 0.0 : h0, 1.0, out);
}

static ns_status
eval_sign (const ns_function *f, const ns_result *a, ns_result *out)
{
  eval_step (a, -1.0, 0.0, 1.0, out);
  return NS_OK;
}

static ns_status
germ_sign (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  return germ_step (a, -1.0, 0.0, 1.0, out);
}

static void
enclose_sign (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  enclose_step (a, -1.0, 0.0, 1.0, out);
}

/* Error of max(a, b) (WANT_MAX = 1) and min(a, b): max and min are
   1-Lipschitz in both arguments jointly; when the two error intervals are
   apart, the computed and the exact result take the same argument, and
   only its error counts (so a huge error of the other side does not
   spread). */
static double
max_min_err (const ns_result *a, int want_max)
{
  int hi;   /* the argument that is certainly the larger, or -1 */
  if (a[0].val - a[0].err > a[1].val + a[1].err)
    hi = 0;
  else if (a[1].val - a[1].err > a[0].val + a[0].err)
    hi = 1;
  else
    return max2 (a[0].err, a[1].err);
  return a[want_max ? hi : 1 - hi].err;
}

static ns_status
eval_max (const ns_function *f, const ns_result *a, ns_result *out)
{
  out->val = max2 (a[0].val, a[1].val);
  out->err = max_min_err (a, 1);
  return NS_OK;
}

static ns_status
eval_min (const ns_function *f, const ns_result *a, ns_result *out)
{
  out->val = min2 (a[0].val, a[1].val);
  out->err = max_min_err (a, 0);
  return NS_OK;
}

/* max(a, b) picks by the sign of a - b; when it is undetermined the result
   is b + relu(a - b) with relu(a - b) = o(t^(nz-1)). */
static ns_status
germ_maxmin (const ns_germ_w *a, int is_max, ns_germ_w *out)
{
  ns_germ_w d, unknown;
  int nz;
  ns_germ_sub (&a[0], &a[1], &d);
  /* A certified decision on arg 0 - arg 1 travels with the difference. */
  d.cert = a[0].cert;
  d.cert_off = a[0].cert_off;
  d.cert_level = a[0].cert_level;
  ns_germ_sign s = ns_germ_compare (&d, 0.0, &nz);
  switch (s)
    {
    case NS_GERM_ABOVE:
      *out = is_max ? a[0] : a[1];
      break;
    case NS_GERM_BELOW:
      *out = is_max ? a[1] : a[0];
      break;
    case NS_GERM_EQUAL:
      *out = a[0];
      break;
    case NS_GERM_UNKNOWN:
      ns_germ_set_unknown (&unknown, a[0].m, nz);
      ns_germ_add (&a[1], &unknown, out);
      break;
    }
  return NS_OK;
}

static ns_status
germ_max (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  return germ_maxmin (a, 1, out);
}

static ns_status
germ_min (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  return germ_maxmin (a, 0, out);
}

static void
enclose_maxmin (const ns_ivd *a, int is_max, ns_ivd *out)
{
  if (is_max)
    {
      out->lo = max2 (a[0].lo, a[1].lo);
      out->hi = max2 (a[0].hi, a[1].hi);
    }
  else
    {
      out->lo = min2 (a[0].lo, a[1].lo);
      out->hi = min2 (a[0].hi, a[1].hi);
    }
  /* Which argument is selected is certain only when the enclosures are
     apart: max takes the one above, min the one below. */
  const ns_ivd *taken = NULL;
  if (a[0].lo > a[1].hi)
    taken = is_max ? &a[0] : &a[1];
  else if (a[1].lo > a[0].hi)
    taken = is_max ? &a[1] : &a[0];
  if (taken != NULL)
    {
      out->dlo = taken->dlo;
      out->dhi = taken->dhi;
    }
  else
    {
      out->dlo = min2 (a[0].dlo, a[1].dlo);
      out->dhi = max2 (a[0].dhi, a[1].dhi);
    }
}

static void
enclose_max (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  enclose_maxmin (a, 1, out);
}

static void
enclose_min (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  enclose_maxmin (a, 0, out);
}

static ns_status
eval_clamp (const ns_function *f, const ns_result *a, ns_result *out)
{
  out->val = min2 (max2 (a[0].val, f->param[0]), f->param[1]);
  out->err = a[0].err;
  return NS_OK;
}

/* Near lo, clamp(a) = lo + relu(a - lo); near hi, hi - relu(hi - a). */
static ns_status
germ_clamp (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  double lo = f->param[0], hi = f->param[1];
  int m = a[0].m, nz;
  ns_germ_w unknown, level;
  if (lo == hi)
    {
      ns_germ_set_const (out, m, lo);
      return NS_OK;
    }
  ns_germ_sign s_lo = ns_germ_compare (&a[0], lo, &nz);
  if (s_lo == NS_GERM_BELOW || s_lo == NS_GERM_EQUAL)
    {
      ns_germ_set_const (out, m, lo);
      return NS_OK;
    }
  if (s_lo == NS_GERM_UNKNOWN)
    {
      ns_germ_set_const (&level, m, lo);
      ns_germ_set_unknown (&unknown, m, nz);
      ns_germ_add (&level, &unknown, out);
      return NS_OK;
    }
  ns_germ_sign s_hi = ns_germ_compare (&a[0], hi, &nz);
  if (s_hi == NS_GERM_ABOVE || s_hi == NS_GERM_EQUAL)
    ns_germ_set_const (out, m, hi);
  else if (s_hi == NS_GERM_BELOW)
    germ_take_branch (&a[0], lo, 1.0, out);
  else
    {
      ns_germ_set_const (&level, m, hi);
      ns_germ_set_unknown (&unknown, m, nz);
      ns_germ_add (&level, &unknown, out);
    }
  return NS_OK;
}

static void
enclose_clamp (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  double lo = f->param[0], hi = f->param[1];
  out->lo = min2 (max2 (a[0].lo, lo), hi);
  out->hi = min2 (max2 (a[0].hi, lo), hi);
  if (a[0].hi < lo || a[0].lo > hi)
    out->dlo = out->dhi = 0;
  else if (a[0].lo > lo && a[0].hi < hi)
    {
      out->dlo = a[0].dlo;
      out->dhi = a[0].dhi;
    }
  else
    iv_hull0 (a[0].dlo, a[0].dhi, &out->dlo, &out->dhi);
}

static ns_status
levels_clamp (const ns_function *f, double lo, double hi, double *out, size_t max,
              size_t *n)
{
  *n = 0;
  for (int i = 0; i < 2; i++)
    {
      double v = f->param[i];
      if (lo <= v && v <= hi && (*n == 0 || out[*n - 1] != v))
        {
          if (*n >= max)
            return NS_ELIMIT;
          out[(*n)++] = v;
        }
    }
  return NS_OK;
}

static ns_status
eval_leaky_relu (const ns_function *f, const ns_result *a, ns_result *out)
{
  double s = f->param[0];
  out->val = a[0].val >= 0 ? a[0].val : s * a[0].val;
  out->err = max2 (1.0, fabs (s)) * a[0].err
             + (a[0].val < 0 ? round_err (out->val) : NS_ULP * fabs (out->val));
  return NS_OK;
}

static ns_status
germ_leaky_relu (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  int nz;
  switch (ns_germ_compare (&a[0], 0.0, &nz))
    {
    case NS_GERM_ABOVE:
      germ_take_branch (&a[0], 0.0, 1.0, out);
      break;
    case NS_GERM_BELOW:
      germ_take_branch (&a[0], 0.0, f->param[0], out);
      break;
    case NS_GERM_EQUAL:
      ns_germ_set_const (out, a[0].m, 0.0);
      break;
    case NS_GERM_UNKNOWN:
      ns_germ_set_unknown (out, a[0].m, nz);
      break;
    }
  return NS_OK;
}

static void
enclose_leaky_relu (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  double s = f->param[0];
  double vlo = a[0].lo >= 0 ? a[0].lo : set_mul (s, a[0].lo);
  double vhi = a[0].hi >= 0 ? a[0].hi : set_mul (s, a[0].hi);
  out->lo = down (min2 (vlo, vhi));
  out->hi = up (max2 (vlo, vhi));
  if (a[0].lo < 0 && a[0].hi > 0)
    {
      out->lo = min2 (out->lo, 0.0);
      out->hi = max2 (out->hi, 0.0);
    }
  double sl, sh;
  iv_mul (s, s, a[0].dlo, a[0].dhi, &sl, &sh);
  if (a[0].lo > 0)
    {
      out->dlo = a[0].dlo;
      out->dhi = a[0].dhi;
    }
  else if (a[0].hi < 0)
    {
      out->dlo = sl;
      out->dhi = sh;
    }
  else
    {
      out->dlo = min2 (a[0].dlo, sl);
      out->dhi = max2 (a[0].dhi, sh);
    }
}

static ns_status
eval_floor (const ns_function *f, const ns_result *a, ns_result *out)
{
  double v = a[0].val, e = a[0].err;
  out->val = floor (v);
  double cand[2] = { floor (v - e), floor (v + e) };
  out->err = spread (out->val, cand, 2);
  return NS_OK;
}

static ns_status
germ_floor (const ns_function *f, const ns_germ_w *a, ns_germ_w *out)
{
  int m = a[0].m, nz;
  if (a[0].n == 0)
    {
      ns_germ_set_unknown (out, m, 0);
      out->tail = a[0].tail;
      return NS_OK;
    }
  double k = nearbyint (a[0].c[0]);
  if (fabs (a[0].c[0] - k) > a[0].err0)
    {
      ns_germ_set_const (out, m, floor (a[0].c[0]));
      return NS_OK;
    }
  switch (ns_germ_compare (&a[0], k, &nz))
    {
    case NS_GERM_BELOW:
      ns_germ_set_const (out, m, k - 1);
      break;
    case NS_GERM_UNKNOWN:
      ns_germ_set_unknown (out, m, 0);
      break;
    default:
      ns_germ_set_const (out, m, k);
      break;
    }
  return NS_OK;
}

static void
enclose_floor (const ns_function *f, const ns_ivd *a, ns_ivd *out)
{
  out->lo = floor (a[0].lo);
  out->hi = floor (a[0].hi);
  if (out->lo == out->hi && out->lo != a[0].lo)
    out->dlo = out->dhi = 0;
  else
    {
      out->dlo = -HUGE_VAL;
      out->dhi = HUGE_VAL;
    }
}

static ns_status
levels_floor (const ns_function *f, double lo, double hi, double *out, size_t max,
              size_t *n)
{
  *n = 0;
  if (!isfinite (lo) || !isfinite (hi))
    return NS_ELIMIT;
  double first = ceil (lo), last = floor (hi);
  for (double k = first; k <= last && *n < max; k++)
    out[(*n)++] = k;
  return last - first + 1 > (double) max ? NS_ELIMIT : NS_OK;
}

/* ------------------------------------------------------------------ the table */

/* Each row's info opens with its own size, so a program built against
   later headers sees which fields this library has (NS_OP_INFO_HAS); the
   defaults of the optional parameters are a static array of any length. */
#define INFO_SIZE sizeof (ns_op_info)
#define NOPARAM NULL
#define DEFAULTS(...) ((const double[]) { __VA_ARGS__ })
static const ns_op_rules op_table[NS_OP_COUNT] = {
  [NS_OP_X] = { { INFO_SIZE, "x", 0, 0, 0, NOPARAM, 0, "the variable" },
                eval_x, germ_x, enclose_x, NS_SWITCH_NONE, NULL },
  [NS_OP_CONST] = { { INFO_SIZE, "const", 0, 1, 1, NOPARAM, 0, "a constant" },
                    eval_const, germ_const, enclose_const, NS_SWITCH_NONE, NULL },
  [NS_OP_ADD] = { { INFO_SIZE, "+", 2, 0, 0, NOPARAM, 0, "sum" },
                  eval_add, germ_add, enclose_add, NS_SWITCH_NONE, NULL },
  [NS_OP_SUB] = { { INFO_SIZE, "-", 2, 0, 0, NOPARAM, 0, "difference" },
                  eval_sub, germ_sub, enclose_sub, NS_SWITCH_NONE, NULL },
  [NS_OP_MUL] = { { INFO_SIZE, "*", 2, 0, 0, NOPARAM, 0, "product" },
                  eval_mul, germ_mul, enclose_mul, NS_SWITCH_NONE, NULL },
  [NS_OP_DIV] = { { INFO_SIZE, "/", 2, 0, 0, NOPARAM, 0,
                    "quotient; singular where the denominator is 0" },
                  eval_div, germ_div, enclose_div, NS_SWITCH_ARG1, levels_zero },
  [NS_OP_NEG] = { { INFO_SIZE, "neg", 1, 0, 0, NOPARAM, 0, "negation" },
                  eval_neg, germ_neg, enclose_neg, NS_SWITCH_NONE, NULL },
  [NS_OP_POW] = { { INFO_SIZE, "^", 1, 1, 1, NOPARAM, 0, "integer power" },
                  eval_pow, germ_pow, enclose_pow, NS_SWITCH_ARG0, levels_pow },
  [NS_OP_EXP] = { { INFO_SIZE, "exp", 1, 0, 0, NOPARAM, 0, "exponential" },
                  eval_exp, germ_exp, enclose_exp, NS_SWITCH_NONE, NULL },
  [NS_OP_LOG] = { { INFO_SIZE, "log", 1, 0, 0, NOPARAM, 0,
                    "natural logarithm of a positive number" },
                  eval_log, germ_log, enclose_log, NS_SWITCH_ARG0, levels_zero },
  [NS_OP_SQRT] = { { INFO_SIZE, "sqrt", 1, 0, 0, NOPARAM, 0,
                     "square root of a non-negative number" },
                   eval_sqrt, germ_sqrt, enclose_sqrt, NS_SWITCH_ARG0, levels_zero },
  [NS_OP_SIN] = { { INFO_SIZE, "sin", 1, 0, 0, NOPARAM, 0, "sine" },
                  eval_sin, germ_sin, enclose_sin, NS_SWITCH_NONE, NULL },
  [NS_OP_COS] = { { INFO_SIZE, "cos", 1, 0, 0, NOPARAM, 0, "cosine" },
                  eval_cos, germ_cos, enclose_cos, NS_SWITCH_NONE, NULL },
  [NS_OP_RELU] = { { INFO_SIZE, "relu", 1, 0, 0, NOPARAM, 1, "max(0, a); relu(0) = 0" },
                   eval_relu, germ_relu, enclose_relu, NS_SWITCH_ARG0, levels_zero },
  [NS_OP_ABS] = { { INFO_SIZE, "abs", 1, 0, 0, NOPARAM, 1, "absolute value" },
                  eval_abs, germ_abs, enclose_abs, NS_SWITCH_ARG0, levels_zero },
  [NS_OP_HEAVISIDE] = { { INFO_SIZE, "heaviside", 1, 1, 0, DEFAULTS (0.5), 1,
                          "0 below 0, 1 above, h0 (default 1/2) at 0" },
                        eval_heaviside, germ_heaviside, enclose_heaviside,
                        NS_SWITCH_ARG0, levels_zero },
  [NS_OP_SIGN] = { { INFO_SIZE, "sign", 1, 0, 0, NOPARAM, 1, "-1, 0 or 1; sign(0) = 0" },
                   eval_sign, germ_sign, enclose_sign, NS_SWITCH_ARG0, levels_zero },
  [NS_OP_MAX] = { { INFO_SIZE, "max", 2, 0, 0, NOPARAM, 1, "larger of two" },
                  eval_max, germ_max, enclose_max, NS_SWITCH_DIFF, levels_zero },
  [NS_OP_MIN] = { { INFO_SIZE, "min", 2, 0, 0, NOPARAM, 1, "smaller of two" },
                  eval_min, germ_min, enclose_min, NS_SWITCH_DIFF, levels_zero },
  [NS_OP_CLAMP] = { { INFO_SIZE, "clamp", 1, 2, 2, NOPARAM, 1, "min(max(a, lo), hi)" },
                    eval_clamp, germ_clamp, enclose_clamp, NS_SWITCH_ARG0, levels_clamp },
  [NS_OP_LEAKY_RELU] = { { INFO_SIZE, "leaky_relu", 1, 1, 0, DEFAULTS (0.01), 1,
                           "a for a >= 0, s*a below (default s = 0.01)" },
                         eval_leaky_relu, germ_leaky_relu, enclose_leaky_relu,
                         NS_SWITCH_ARG0, levels_zero },
  [NS_OP_FLOOR] = { { INFO_SIZE, "floor", 1, 0, 0, NOPARAM, 1, "largest integer <= a" },
                    eval_floor, germ_floor, enclose_floor, NS_SWITCH_ARG0, levels_floor },
  [NS_OP_RPOW] = { { INFO_SIZE, "^", 1, 1, 1, NOPARAM, 0,
                     "real power a^p, p not an integer, of a >= 0" },
                   eval_rpow, germ_rpow, enclose_rpow, NS_SWITCH_ARG0, levels_zero },
};

const ns_op_rules *
ns_op_rules_get (ns_op op)
{
  return (op >= 0 && op < NS_OP_COUNT) ? &op_table[op] : NULL;
}

const ns_op_info *
ns_op_get (ns_op op)
{
  const ns_op_rules *r = ns_op_rules_get (op);
  return r ? &r->info : NULL;
}

int
ns_op_count (void)
{
  return NS_OP_COUNT;
}

ns_op
ns_op_lookup (const char *name, size_t len)
{
  if (name == NULL)
    return NS_OP_COUNT;
  for (int op = 0; op < NS_OP_COUNT; op++)
    {
      const char *n = op_table[op].info.name;
      /* Operators and the constant are not callable by name. */
      if (op == NS_OP_CONST || op == NS_OP_NEG || op == NS_OP_POW || op == NS_OP_RPOW
          || !((n[0] >= 'a' && n[0] <= 'z')))
        continue;
      if (strlen (n) == len && memcmp (n, name, len) == 0)
        return (ns_op) op;
    }
  return NS_OP_COUNT;
}
