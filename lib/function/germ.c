/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/germ.c: truncated one-sided Taylor arithmetic with validity tracking.
   Semantics (see germ.h): c[0..n-1] exact; the remainder is o(t^(n-1)) and,
   when tail != 0, its n-th derivative diverges with that sign.  A germ with
   n = 0 is infinite (tail = +-1) or unknown (tail = 0) at t = 0+. */
#include <config.h>
#include <math.h>
#include <stdint.h>
#include <string.h>
#include "function/function_impl.h"

static int
min_int (int a, int b)
{
  return a < b ? a : b;
}

static int
sign_of (double v)
{
  return (v > 0) - (v < 0);
}

/* Clears the fields and c[0..m] only: every reader of a germ of order m
   stops at c[m] (loops run below n <= m + 1 or up to m), so the other
   coefficients of the 32 are never read.  Clearing all of them cost more
   than the rest of a low-order germ of x (a germ at a pairing's
   breakpoint is of order 1 or 2). */
void
ns_germ_set_const (ns_germ_w *g, int m, double c)
{
  int top = m >= 0 && m < NS_GERM_CAP ? m : NS_GERM_CAP - 1;
  g->m = m;
  g->n = m + 1;
  g->tail = 0;
  g->exact = 1;
  g->err0 = 0;
  g->cert = 0;
  g->cert_off = 0;
  g->cert_level = 0;
  g->c[0] = c;
  for (int i = 1; i <= top; i++)
    g->c[i] = 0;
}

/* Half the gap between the doubles around x (0 for subnormal x): the
   distance from x to any real that rounds to it. */
static double
half_ulp (double x)
{
  uint64_t u;
  memcpy (&u, &x, sizeof u);
  u &= UINT64_C (0x7ff0000000000000);     /* 2^e for |x| in [2^e, 2^(e+1)) */
  double p;
  memcpy (&p, &u, sizeof p);
  return p * 0x1p-53;
}

/* The variable at the double x stands for the reals that round to x, the
   switch point of a kink among them: a breakpoint, a root between two
   doubles, is reported as the double nearest to it.  So c[0] = x carries
   half an ulp of uncertainty, and every value computed from it carries
   that uncertainty's effect in err0, which is what lets a kink rule see
   the switch at the reported double. */
void
ns_germ_set_var (ns_germ_w *g, int m, double x, int side)
{
  ns_germ_set_const (g, m, x);
  g->err0 = half_ulp (x);
  if (m >= 1)
    g->c[1] = side;
  else
    g->exact = 0;
}

/* A germ known only to be o(t^(nvalid_zero - 1)): its first nvalid_zero
   coefficients are 0 and nothing is known beyond. */
void
ns_germ_set_unknown (ns_germ_w *g, int m, int nvalid_zero)
{
  memset (g, 0, sizeof *g);
  g->m = m;
  g->n = min_int (nvalid_zero, m + 1);
  g->tail = 0;
  g->exact = 0;
}

/* Index of the first nonzero valid coefficient, or n if there is none. */
int
ns_germ_lead (const ns_germ_w *g)
{
  for (int i = 0; i < g->n; i++)
    if (g->c[i] != 0)
      return i;
  return g->n;
}

/* Index of the last nonzero valid coefficient (0 for the zero germ). */
int
ns_germ_degree (const ns_germ_w *g)
{
  for (int i = g->n - 1; i > 0; i--)
    if (g->c[i] != 0)
      return i;
  return 0;
}

static int
is_exact_constant (const ns_germ_w *g)
{
  return g->exact && ns_germ_degree (g) == 0;
}

void
ns_germ_add (const ns_germ_w *a, const ns_germ_w *b, ns_germ_w *out)
{
  ns_germ_w r;
  memset (&r, 0, sizeof r);
  r.m = a->m;
  r.n = min_int (a->n, b->n);
  for (int i = 0; i < r.n; i++)
    r.c[i] = a->c[i] + b->c[i];
  if (r.n <= r.m)
    {
      /* The term whose validity ends first decides the divergence; two
         divergences of opposite sign leave it undetermined. */
      if (a->n == r.n && b->n == r.n)
        r.tail = a->tail == b->tail ? a->tail : 0;
      else
        r.tail = a->n == r.n ? a->tail : b->tail;
    }
  r.exact = a->exact && b->exact;
  if (r.n >= 1)
    r.err0 = a->err0 + b->err0 + NS_ULP * fabs (r.c[0]);
  *out = r;
}

void
ns_germ_scale (const ns_germ_w *a, double s, ns_germ_w *out)
{
  if (s == 0)
    {
      /* 0*f is 0 wherever f is defined, even where f is unbounded. */
      ns_germ_set_const (out, a->m, 0.0);
      return;
    }
  ns_germ_w r = *a;
  for (int i = 0; i < r.n; i++)
    r.c[i] = s * a->c[i];
  r.tail = a->tail * sign_of (s);
  /* Scaling by +-1 or a power of two is exact; otherwise one rounding. */
  r.err0 = fabs (s) * a->err0 + NS_ULP * fabs (r.c[0]);
  *out = r;
}

void
ns_germ_sub (const ns_germ_w *a, const ns_germ_w *b, ns_germ_w *out)
{
  ns_germ_w nb;
  ns_germ_scale (b, -1.0, &nb);
  nb.err0 = b->err0;
  ns_germ_add (a, &nb, out);
}

/* With a = A + Ra, A the valid polynomial, Ra = o(t^(na-1)) (la, lb the
   leads):  A*Rb = o(t^(la+nb-1)), B*Ra = o(t^(lb+na-1)),
   Ra*Rb = o(t^(na+nb-2)), so c[0..nc-1] of A*B are valid with
   nc = min(la + nb, lb + na, na + nb - 1). */
void
ns_germ_mul (const ns_germ_w *a, const ns_germ_w *b, ns_germ_w *out)
{
  ns_germ_w r;
  memset (&r, 0, sizeof r);
  int m = a->m;
  r.m = m;
  if (a->n == 0 || b->n == 0)
    {
      /* An infinite factor: the product is infinite when the other factor
         tends to a nonzero limit or is infinite too. */
      const ns_germ_w *inf = a->n == 0 ? a : b, *other = a->n == 0 ? b : a;
      int s = 0;
      if (other->n == 0)
        s = inf->tail * other->tail;
      else if (other->c[0] != 0)
        s = inf->tail * sign_of (other->c[0]);
      r.n = 0;
      r.tail = s;
      *out = r;
      return;
    }
  int la = ns_germ_lead (a), lb = ns_germ_lead (b);
  int t1 = la + b->n, t2 = lb + a->n, t3 = a->n + b->n - 1;
  int nc = min_int (min_int (t1, t2), min_int (t3, m + 1));
  for (int k = 0; k < nc; k++)
    {
      double s = 0;
      int ilo = k - (b->n - 1) > 0 ? k - (b->n - 1) : 0;
      int ihi = min_int (k, a->n - 1);
      for (int i = ilo; i <= ihi; i++)
        s += a->c[i] * b->c[k - i];
      r.c[k] = s;
    }
  r.n = nc;
  if (nc <= m)
    {
      int cand[3], nc_cand = 0, tail = 0, undetermined = 0;
      if (t1 == nc && la < a->n && b->n <= m)
        cand[nc_cand++] = sign_of (a->c[la]) * b->tail;
      if (t2 == nc && lb < b->n && a->n <= m)
        cand[nc_cand++] = sign_of (b->c[lb]) * a->tail;
      if (t3 == nc && a->n <= m && b->n <= m)
        cand[nc_cand++] = 0;
      for (int i = 0; i < nc_cand; i++)
        {
          if (cand[i] == 0 || (tail != 0 && cand[i] != tail))
            undetermined = 1;
          tail = cand[i];
        }
      r.tail = (undetermined || nc_cand == 0) ? 0 : tail;
    }
  r.exact = a->exact && b->exact
            && ns_germ_degree (a) + ns_germ_degree (b) <= m;
  if (nc >= 1)
    r.err0 = fabs (a->c[0]) * b->err0 + fabs (b->c[0]) * a->err0
             + a->err0 * b->err0 + NS_ULP * fabs (r.c[0]);
  *out = r;
}

/* 1/b for b[0] != 0: q[k] = -(sum_{j=1..k} b[j] q[k-j]) / b[0]; the
   divergence of (1/b)^(n) is that of -b^(n)/b0^2. */
static void
germ_inverse (const ns_germ_w *b, ns_germ_w *out)
{
  ns_germ_w r;
  memset (&r, 0, sizeof r);
  r.m = b->m;
  r.n = b->n;
  r.c[0] = 1.0 / b->c[0];
  for (int k = 1; k < r.n; k++)
    {
      double s = 0;
      for (int j = 1; j <= k; j++)
        s += b->c[j] * r.c[k - j];
      r.c[k] = -s / b->c[0];
    }
  r.tail = r.n <= r.m ? -b->tail : 0;
  r.exact = is_exact_constant (b);
  double b0 = fabs (b->c[0]);
  r.err0 = b->err0 < b0 ? b->err0 / (b0 * (b0 - b->err0)) + NS_ULP * fabs (r.c[0])
                        : HUGE_VAL;
  *out = r;
}

/* Divides g by t^k (k <= lead): drops k leading zeros.  Coefficients past
   m - k were truncated, so validity ends there unless g is exact. */
static void
germ_shift_down (const ns_germ_w *g, int k, ns_germ_w *out)
{
  ns_germ_w r;
  memset (&r, 0, sizeof r);
  r.m = g->m;
  for (int i = 0; i + k <= g->m; i++)
    r.c[i] = g->c[i + k];
  r.exact = g->exact;
  if (g->exact)
    r.n = g->m + 1;
  else if (g->n == g->m + 1)
    {
      r.n = g->m + 1 - k;
      r.tail = 0;
    }
  else
    {
      r.n = g->n - k;
      r.tail = g->tail;
    }
  r.err0 = k == 0 ? g->err0 : 0;
  *out = r;
}

/* Multiplies g by t^k: validity moves up by k. */
static void
germ_shift_up (const ns_germ_w *g, int k, ns_germ_w *out)
{
  ns_germ_w r;
  memset (&r, 0, sizeof r);
  r.m = g->m;
  for (int i = 0; i + k <= g->m && i < g->n; i++)
    r.c[i + k] = g->c[i];
  r.exact = g->exact && ns_germ_degree (g) + k <= g->m;
  r.n = min_int (g->n + k, g->m + 1);
  if (g->n + k <= g->m)
    r.tail = g->tail;
  r.err0 = k == 0 ? g->err0 : 0;
  *out = r;
}

ns_status
ns_germ_div (const ns_germ_w *a, const ns_germ_w *b, ns_germ_w *out)
{
  int m = a->m;
  if (b->n == 0)
    {
      if (b->tail != 0 && a->n >= 1)
        ns_germ_set_unknown (out, m, 1);   /* finite / infinite -> 0 */
      else
        ns_germ_set_unknown (out, m, 0);
      return NS_OK;
    }
  int lb = ns_germ_lead (b);
  if (lb == b->n)
    {
      if (b->exact)
        return NS_EDOM;                    /* the denominator is identically 0 */
      ns_germ_set_unknown (out, m, 0);
      return NS_OK;
    }
  if (a->n == 0)
    {
      ns_germ_set_unknown (out, m, 0);
      out->tail = a->tail * sign_of (b->c[lb]);
      return NS_OK;
    }
  int la = ns_germ_lead (a);
  if (la < lb && la < a->n)
    {
      /* A pole: a ~ a[la] t^la, b ~ b[lb] t^lb with la < lb. */
      ns_germ_set_unknown (out, m, 0);
      out->tail = sign_of (a->c[la]) * sign_of (b->c[lb]);
      return NS_OK;
    }
  if (a->n < lb)
    {
      ns_germ_set_unknown (out, m, 0);
      return NS_OK;
    }
  ns_germ_w as, bs, inv;
  germ_shift_down (a, lb, &as);
  germ_shift_down (b, lb, &bs);
  if (lb == 0)
    {
      as.err0 = a->err0;
      bs.err0 = b->err0;
    }
  germ_inverse (&bs, &inv);
  ns_germ_mul (&as, &inv, out);
  return NS_OK;
}

ns_status
ns_germ_powi (const ns_germ_w *a, int n, ns_germ_w *out)
{
  if (n == 0)
    {
      ns_germ_set_const (out, a->m, 1.0);
      return NS_OK;
    }
  unsigned int e = n > 0 ? (unsigned int) n : (unsigned int) (-(long) n);
  ns_germ_w base = *a, acc;
  ns_germ_set_const (&acc, a->m, 1.0);
  /* Binary powering; the validity rules of ns_germ_mul apply at each step. */
  while (e)
    {
      if (e & 1u)
        ns_germ_mul (&acc, &base, &acc);
      e >>= 1;
      if (e)
        ns_germ_mul (&base, &base, &base);
    }
  if (n > 0)
    {
      *out = acc;
      return NS_OK;
    }
  ns_germ_w one;
  ns_germ_set_const (&one, a->m, 1.0);
  return ns_germ_div (&one, &acc, out);
}

/* For a smooth g applied to a germ with finite c[0]: the result keeps a's
   validity, and diverges with sign(g'(c0)) * a.tail (0 if g'(c0) = 0). */
static void
finish_smooth (const ns_germ_w *a, int dsign, ns_germ_w *r)
{
  r->m = a->m;
  r->n = a->n;
  r->tail = r->n <= r->m ? dsign * a->tail : 0;
  r->exact = is_exact_constant (a);
  if (r->exact)
    {
      for (int k = 1; k <= r->m; k++)
        r->c[k] = 0;
      r->n = r->m + 1;
    }
}

ns_status
ns_germ_exp (const ns_germ_w *a, ns_germ_w *out)
{
  ns_germ_w r;
  memset (&r, 0, sizeof r);
  if (a->n == 0)
    {
      /* exp(+inf) = +inf; exp(-inf) = 0 but its rate is unknown. */
      ns_germ_set_unknown (out, a->m, a->tail < 0 ? 1 : 0);
      out->tail = a->tail > 0 ? 1 : 0;
      return NS_OK;
    }
  r.c[0] = exp (a->c[0]);
  if (!isfinite (r.c[0]))
    return NS_ERANGE;
  /* (exp a)' = a' exp a:  k e[k] = sum_{j=1..k} j a[j] e[k-j]. */
  for (int k = 1; k < a->n; k++)
    {
      double s = 0;
      for (int j = 1; j <= k; j++)
        s += j * a->c[j] * r.c[k - j];
      r.c[k] = s / k;
    }
  finish_smooth (a, 1, &r);
  r.err0 = r.c[0] * expm1 (a->err0) + NS_ULP * r.c[0];
  *out = r;
  return NS_OK;
}

ns_status
ns_germ_log (const ns_germ_w *a, ns_germ_w *out)
{
  ns_germ_w r;
  memset (&r, 0, sizeof r);
  if (a->n == 0)
    {
      if (a->tail < 0)
        return NS_EDOM;
      ns_germ_set_unknown (out, a->m, 0);
      out->tail = a->tail;
      return NS_OK;
    }
  double a0 = a->c[0];
  if (!(a0 > a->err0))
    {
      int nz;
      switch (ns_germ_compare (a, 0.0, &nz))
        {
        case NS_GERM_ABOVE:          /* a -> 0+: log a -> -inf */
          ns_germ_set_unknown (out, a->m, 0);
          out->tail = -1;
          return NS_OK;
        case NS_GERM_UNKNOWN:
          ns_germ_set_unknown (out, a->m, 0);
          return NS_OK;
        default:
          return NS_EDOM;
        }
    }
  r.c[0] = log (a0);
  /* (log a)' = a'/a:  a0 l[k] = a[k] - (1/k) sum_{j=1..k-1} j l[j] a[k-j]. */
  for (int k = 1; k < a->n; k++)
    {
      double s = 0;
      for (int j = 1; j < k; j++)
        s += j * r.c[j] * a->c[k - j];
      r.c[k] = (a->c[k] - s / k) / a0;
    }
  finish_smooth (a, 1, &r);
  r.err0 = -log1p (-a->err0 / a0) + NS_ULP * fabs (r.c[0]);
  *out = r;
  return NS_OK;
}

ns_status
ns_germ_sqrt (const ns_germ_w *a, ns_germ_w *out)
{
  int m = a->m;
  if (a->n == 0)
    {
      if (a->tail < 0)
        return NS_EDOM;
      ns_germ_set_unknown (out, m, 0);
      out->tail = a->tail;
      return NS_OK;
    }
  if (a->c[0] > a->err0)
    {
      ns_germ_w r;
      memset (&r, 0, sizeof r);
      double s0 = sqrt (a->c[0]);
      r.c[0] = s0;
      /* s^2 = a:  2 s0 s[k] = a[k] - sum_{j=1..k-1} s[j] s[k-j]. */
      for (int k = 1; k < a->n; k++)
        {
          double s = 0;
          for (int j = 1; j < k; j++)
            s += r.c[j] * r.c[k - j];
          r.c[k] = (a->c[k] - s) / (2 * s0);
        }
      finish_smooth (a, 1, &r);
      double lo = a->c[0] - a->err0;
      r.err0 = sqrt (a->c[0] + a->err0) - sqrt (lo > 0 ? lo : 0) + NS_ULP * s0;
      *out = r;
      return NS_OK;
    }
  int nz;
  switch (ns_germ_compare (a, 0.0, &nz))
    {
    case NS_GERM_BELOW:
      return NS_EDOM;
    case NS_GERM_EQUAL:
      ns_germ_set_const (out, m, 0.0);
      return NS_OK;
    case NS_GERM_UNKNOWN:
      ns_germ_set_unknown (out, m, 0);
      return NS_OK;
    case NS_GERM_ABOVE:
      break;
    }
  /* Here |a[0]| <= err0 (a larger a[0] was handled above or is below 0),
     so a is at its switch point as ns_germ_compare decided: its lead lies
     past a[0].  With a[0] kept (cos(x) at -pi/2 is 6e-17, not 0) the lead
     would be 0 and the shift below would recurse forever. */
  ns_germ_w z = *a;
  z.c[0] = 0;
  a = &z;
  int la = ns_germ_lead (a);
  if (la == a->n)
    {
      /* a = o(t^(n-1)) > 0 and >> t^n: sqrt a = o(t^((n-1)/2)), >> t^(n/2). */
      ns_germ_set_unknown (out, m, (a->n + 1) / 2);
      out->tail = out->n <= m ? 1 : 0;
      return NS_OK;
    }
  if (la % 2 == 1)
    {
      /* a ~ a[la] t^la with la odd: sqrt a ~ t^(la/2), a half-integer power. */
      ns_germ_set_unknown (out, m, (la + 1) / 2);
      out->tail = out->n <= m ? 1 : 0;
      return NS_OK;
    }
  ns_germ_w shifted, root;
  germ_shift_down (a, la, &shifted);
  ns_status st = ns_germ_sqrt (&shifted, &root);
  if (st != NS_OK)
    return st;
  germ_shift_up (&root, la / 2, out);
  return NS_OK;
}

/* A^P for a real P that is not an integer (a >= 0).  Off a's zero, a
   smooth function of a: r = a^p satisfies a r' = p a' r, so
     k a0 r[k] = sum_{j=1..k} (p j - (k - j)) a[j] r[k-j]
   (J. C. P. Miller's recurrence for powers of a series).  At a zero of a
   with a ~ a[l] t^l, a[l] > 0: a^p ~ a[l]^p t^(l p); when l p is an
   integer, a^p = t^(l p) (a / t^l)^p is a series again; otherwise it is a
   power of t the germ cannot hold: its coefficients below t^ceil(l p) are
   0 (l p > 0), and derivative ceil(l p) tends to +inf, since
   d^n t^q / dt^n = q (q - 1) ... (q - n + 1) t^(q - n) with every factor
   positive for n = ceil(q) (the same model as sqrt at an odd lead). */
ns_status
ns_germ_powr (const ns_germ_w *a, double p, ns_germ_w *out)
{
  int m = a->m;
  if (a->n == 0)
    {
      if (a->tail < 0)
        return NS_EDOM;
      /* +inf^p is +inf for p > 0 and 0, at an unknown rate, for p < 0. */
      ns_germ_set_unknown (out, m, a->tail > 0 && p < 0 ? 1 : 0);
      out->tail = a->tail > 0 && p > 0 ? 1 : 0;
      return NS_OK;
    }
  if (a->c[0] > a->err0)
    {
      ns_germ_w r;
      memset (&r, 0, sizeof r);
      double a0 = a->c[0];
      r.c[0] = pow (a0, p);
      if (!isfinite (r.c[0]) || r.c[0] == 0)
        return NS_ERANGE;
      for (int k = 1; k < a->n; k++)
        {
          double s = 0;
          for (int j = 1; j <= k; j++)
            s += (p * j - (k - j)) * a->c[j] * r.c[k - j];
          r.c[k] = s / (k * a0);
        }
      finish_smooth (a, p > 0 ? 1 : -1, &r);   /* a^p decreases in a for p < 0 */
      double lo = a0 - a->err0;
      r.err0 = fabs (pow (a0 + a->err0, p) - pow (lo > 0 ? lo : 0, p))
               + 2 * NS_ULP * r.c[0];
      *out = r;
      return NS_OK;
    }
  int nz;
  switch (ns_germ_compare (a, 0.0, &nz))
    {
    case NS_GERM_BELOW:
      return NS_EDOM;
    case NS_GERM_EQUAL:
      if (p < 0)
        return NS_EDOM;   /* 0^p with p < 0: a pole */
      ns_germ_set_const (out, m, 0.0);
      return NS_OK;
    case NS_GERM_UNKNOWN:
      ns_germ_set_unknown (out, m, 0);
      return NS_OK;
    case NS_GERM_ABOVE:
      break;
    }
  ns_germ_w z = *a;
  z.c[0] = 0;
  a = &z;
  int la = ns_germ_lead (a);
  if (p < 0)
    {
      /* a -> 0+: a^p -> +inf. */
      ns_germ_set_unknown (out, m, 0);
      out->tail = 1;
      return NS_OK;
    }
  if (la == a->n)
    {
      /* a = o(t^(n-1)): a^p = o(t^((n-1) p)), its coefficients up to
         (n-1) p are 0; how it diverges past them is not known. */
      double q = (a->n - 1) * p;
      int n = q >= m ? m + 1 : (int) floor (q) + 1;
      ns_germ_set_unknown (out, m, n);
      return NS_OK;
    }
  double q = la * p;
  if (q == floor (q))
    {
      ns_germ_w shifted, r;
      germ_shift_down (a, la, &shifted);
      ns_status st = ns_germ_powr (&shifted, p, &r);
      if (st != NS_OK)
        return st;
      if (q > m)
        {
          ns_germ_set_unknown (out, m, m + 1);   /* every tracked coefficient 0 */
          return NS_OK;
        }
      germ_shift_up (&r, (int) q, out);
      return NS_OK;
    }
  int n = (int) ceil (q);
  ns_germ_set_unknown (out, m, n > m + 1 ? m + 1 : n);
  out->tail = out->n <= m ? 1 : 0;
  return NS_OK;
}

ns_status
ns_germ_sincos (const ns_germ_w *a, ns_germ_w *sin_out, ns_germ_w *cos_out)
{
  ns_germ_w s, c;
  memset (&s, 0, sizeof s);
  memset (&c, 0, sizeof c);
  if (a->n == 0)
    {
      ns_germ_set_unknown (sin_out, a->m, 0);
      ns_germ_set_unknown (cos_out, a->m, 0);
      return NS_OK;
    }
  s.c[0] = sin (a->c[0]);
  c.c[0] = cos (a->c[0]);
  /* s' = c a', c' = -s a':  k s[k] = sum j a[j] c[k-j], k c[k] = -sum j a[j] s[k-j]. */
  for (int k = 1; k < a->n; k++)
    {
      double ss = 0, cs = 0;
      for (int j = 1; j <= k; j++)
        {
          ss += j * a->c[j] * c.c[k - j];
          cs += j * a->c[j] * s.c[k - j];
        }
      s.c[k] = ss / k;
      c.c[k] = -cs / k;
    }
  finish_smooth (a, sign_of (c.c[0]), &s);
  finish_smooth (a, -sign_of (s.c[0]), &c);
  double e = a->err0 < 2 ? a->err0 : 2;
  s.err0 = e + NS_ULP;
  c.err0 = e + NS_ULP;
  *sin_out = s;
  *cos_out = c;
  return NS_OK;
}

ns_germ_sign
ns_germ_compare (const ns_germ_w *g, double s, int *nzero)
{
  *nzero = 0;
  if (g->cert != 0 && s == g->cert_level)
    return g->cert > 0 ? NS_GERM_ABOVE : NS_GERM_BELOW;
  if (g->n == 0)
    return g->tail > 0 ? NS_GERM_ABOVE : g->tail < 0 ? NS_GERM_BELOW : NS_GERM_UNKNOWN;
  double d0 = g->c[0] - s;
  if (fabs (d0) > g->err0)
    return d0 > 0 ? NS_GERM_ABOVE : NS_GERM_BELOW;
  for (int i = 1; i < g->n; i++)
    if (g->c[i] != 0)
      return g->c[i] > 0 ? NS_GERM_ABOVE : NS_GERM_BELOW;
  if (g->n <= g->m && g->tail != 0)
    return g->tail > 0 ? NS_GERM_ABOVE : NS_GERM_BELOW;
  if (g->n == g->m + 1 && g->exact)
    return NS_GERM_EQUAL;
  *nzero = g->n;
  return NS_GERM_UNKNOWN;
}
