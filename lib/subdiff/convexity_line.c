/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/subdiff/convexity_line.c: convexity of a piecewise-smooth function on the
   whole line.  The two unbounded end pieces x >= U and x <= L are proved
   free of switches and of nonnegative curvature (or shown to curve down);
   the bounded middle [L, U] is left to the range check of
   lib/subdiff/convexity_range.c.  On an end piece every primitive keeps one
   branch, so the function there is one smooth expression: when it is a
   polynomial, its Taylor coefficients at the end, as balls (midpoint and a
   rigorous bound), decide the signs; when it is an exponential polynomial
   (exp of affine arguments), polynomial lower bounds of its terms do;
   otherwise interval enclosures over the unbounded ray. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "subdiff/convexity_impl.h"
#include "function/function_impl.h"

/* The largest degree followed on a ray; beyond it the polynomial route is
   dropped for the enclosures. */
#define RAY_MAX_DEG 32

/* The deepest tree walked on a ray (about 1.6 kB of stack per level). */
#define RAY_MAX_DEPTH 200

/* The end points tried, out from the origin: a polynomial's Taylor
   coefficients at U all take the sign of its leading coefficient once U
   passes the roots of its derivatives, so a farther end decides more. */
static const double ray_ends[] = { 4, 64, 1024, 65536, 0x1p24 };
#define RAY_NENDS (sizeof ray_ends / sizeof ray_ends[0])

/* A polynomial in s >= 0, x = p + side s, with a bound e[k] on the error
   of each coefficient c[k]. */
typedef struct rpoly {
  int deg;
  double c[RAY_MAX_DEG + 1];
  double e[RAY_MAX_DEG + 1];
} rpoly;

/* The ray x = p + side s, s >= 0, as an interval of x. */
typedef struct ray {
  double p;
  int side;
  double lo, hi;
  const char *why;   /* why the walk failed */
} ray;

/* The rounding of a result V: at most half an ulp, or an underflow. */
static double
rnd (double v)
{
  return DBL_EPSILON * fabs (v) + DBL_TRUE_MIN;
}

/* The rounding of a product by an integer k >= 1: exact when it is 0
   (no underflow from a nonzero factor). */
static double
rnd_int (double v)
{
  return v == 0 ? 0 : rnd (v);
}

/* 1 when the floating sum S = A + B is exact (Knuth's TwoSum error is 0). */
static int
sum_exact (double a, double b, double s)
{
  if (!isfinite (s))
    return 0;
  double bb = s - a;
  return (a - (s - bb)) + (b - bb) == 0;
}

/* 1 when the floating product P = A B is exact: a zero factor, or a zero
   fma residual away from underflow (where the residual is representable). */
static int
prod_exact (double a, double b, double p)
{
  return a == 0 || b == 0 || (isfinite (p) && fabs (p) >= 0x1p-960 && fma (a, b, -p) == 0);
}

/* An error bound after a few more roundings of its own computation. */
static double
grow (double e)
{
  return e == 0 ? 0 : e * (1 + 4 * DBL_EPSILON) + DBL_TRUE_MIN;
}

static int
rp_finite (const rpoly *a)
{
  for (int k = 0; k <= a->deg; k++)
    if (!isfinite (a->c[k]) || !isfinite (a->e[k]))
      return 0;
  return 1;
}

static void
rp_const (double v, double err, rpoly *out)
{
  out->deg = 0;
  out->c[0] = v;
  out->e[0] = err;
}

static void
rp_add (const rpoly *a, const rpoly *b, double sign, rpoly *out)
{
  rpoly r;
  r.deg = a->deg > b->deg ? a->deg : b->deg;
  for (int k = 0; k <= r.deg; k++)
    {
      double x = k <= a->deg ? a->c[k] : 0, xe = k <= a->deg ? a->e[k] : 0;
      double y = k <= b->deg ? b->c[k] : 0, ye = k <= b->deg ? b->e[k] : 0;
      r.c[k] = x + sign * y;
      /* No rounding when the sum is exact (its TwoSum error is 0: a zero
         term, integers, exact cancellation). */
      r.e[k] = grow (xe + ye + (sum_exact (x, sign * y, r.c[k]) ? 0 : rnd (r.c[k])));
    }
  *out = r;
}

static void
rp_scale (const rpoly *a, double c, double ce, rpoly *out)
{
  rpoly r;
  r.deg = a->deg;
  for (int k = 0; k <= a->deg; k++)
    {
      r.c[k] = a->c[k] * c;
      /* |a c - a' c'| <= |a'| ce + |c'| ae + ae ce, plus the rounding,
         none for a zero factor or a zero fma residual away from
         underflow (-1 * a, 2 * a). */
      int exact = prod_exact (a->c[k], c, r.c[k]);
      r.e[k] = grow (fabs (a->c[k]) * ce + fabs (c) * a->e[k] + a->e[k] * ce
                     + (exact ? 0 : rnd (r.c[k])));
    }
  *out = r;
}

/* A * B; -1 when the degree passes RAY_MAX_DEG. */
static int
rp_mul (const rpoly *a, const rpoly *b, rpoly *out)
{
  if (a->deg + b->deg > RAY_MAX_DEG)
    return -1;
  rpoly r;
  r.deg = a->deg + b->deg;
  for (int k = 0; k <= r.deg; k++)
    {
      double s = 0, mag = 0, err = 0;
      int terms = 0, exact = 1;
      for (int i = 0; i <= a->deg; i++)
        {
          int j = k - i;
          if (j < 0 || j > b->deg)
            continue;
          double t = a->c[i] * b->c[j];
          double s2 = s + t;
          exact = exact && prod_exact (a->c[i], b->c[j], t) && sum_exact (s, t, s2);
          s = s2;
          mag += fabs (t);
          err += fabs (a->c[i]) * b->e[j] + fabs (b->c[j]) * a->e[i] + a->e[i] * b->e[j];
          terms++;
        }
      r.c[k] = s;
      /* Each product and each partial sum rounds once: at most (terms + 1)
         roundings of the sum of magnitudes, none when all were exact; the
         error terms' own sum rounds at most terms times. */
      r.e[k] = grow (err * (1 + 2 * (terms + 1) * DBL_EPSILON)
                     + (exact ? 0 : (terms + 1) * (DBL_EPSILON * mag + DBL_TRUE_MIN)));
    }
  *out = r;
  return 0;
}

/* +1 when p(s) > level for every s >= 0 (the constant term's lower bound
   above LEVEL, every other coefficient's lower bound >= 0), -1 when p(s) <
   level likewise, 0 when the coefficients do not show it. */
static int
rp_sign (const rpoly *p, double level)
{
  double c0 = p->c[0] - level;
  double e0 = grow (p->e[0] + rnd (c0));
  int up = c0 - e0 > 0, down = c0 + e0 < 0;
  for (int k = 1; k <= p->deg; k++)
    {
      up = up && p->c[k] - p->e[k] >= 0;
      down = down && p->c[k] + p->e[k] <= 0;
    }
  return up ? 1 : down ? -1 : 0;
}

/* The sign of Q - LEVEL on the ray, from its polynomial QP when QPOLY,
   else from the interval enclosure of the tree Q (NULL: none). */
static int
ray_sign (const ray *R, const ns_function *q, const rpoly *qp, int qpoly, double level)
{
  if (qpoly)
    {
      int s = rp_sign (qp, level);
      if (s != 0)
        return s;
    }
  if (q != NULL)
    {
      ns_ivd e;
      ns_fn_enclose_tree (q, R->lo, R->hi, &e);
      if (e.defined && e.lo > level)
        return 1;
      if (e.defined && e.hi < level)
        return -1;
    }
  return 0;
}

/* The sign of A - B on the ray. */
static int
ray_sign_diff (const ray *R, const ns_function *a, const rpoly *ap, int apoly,
               const ns_function *b, const rpoly *bp, int bpoly)
{
  if (apoly && bpoly)
    {
      rpoly d;
      rp_add (ap, bp, -1, &d);
      int s = rp_finite (&d) ? rp_sign (&d, 0) : 0;
      if (s != 0)
        return s;
    }
  ns_ivd ea, eb;
  ns_fn_enclose_tree (a, R->lo, R->hi, &ea);
  ns_fn_enclose_tree (b, R->lo, R->hi, &eb);
  if (!ea.defined || !eb.defined)
    return 0;
  if (ea.lo > eb.hi)
    return 1;
  if (ea.hi < eb.lo)
    return -1;
  return 0;
}

/* Walks F on the ray.  Returns 0 when F is defined on the whole ray and no
   primitive switches there (so F is smooth on it, up to and including its
   end), with *ISPOLY = 1 and *P its polynomial in s when it is one; -1
   otherwise, with R->why. */
static int
ray_walk (const ns_function *f, ray *R, rpoly *P, int *ispoly)
{
  ns_op op = ns_fn_op (f);
  *ispoly = 0;
  if (op == NS_OP_X)
    {
      P->deg = 1;
      P->c[0] = R->p;
      P->e[0] = 0;
      P->c[1] = R->side;
      P->e[1] = 0;
      *ispoly = 1;
      return 0;
    }
  if (!ns_convex_has_x (f))
    {
      ns_result v;
      if (ns_fn_eval (f, 0.0, &v) != NS_OK || !isfinite (v.err))
        {
          R->why = "a constant is undefined";
          return -1;
        }
      rp_const (v.val, v.err, P);
      *ispoly = 1;
      return 0;
    }
  const ns_op_info *info = ns_op_get (op);
  if (info == NULL)
    {
      R->why = "an unknown primitive";
      return -1;
    }
  const ns_function *a = ns_fn_arg (f, 0), *b = ns_fn_arg (f, 1);
  rpoly pa, pb;
  int qa = 0, qb = 0;
  if (info->arity >= 1 && ray_walk (a, R, &pa, &qa) != 0)
    return -1;
  if (info->arity >= 2 && ray_walk (b, R, &pb, &qb) != 0)
    return -1;
  int s;
  switch (op)
    {
    case NS_OP_ADD:
    case NS_OP_SUB:
      if (qa && qb)
        {
          rp_add (&pa, &pb, op == NS_OP_SUB ? -1 : 1, P);
          *ispoly = 1;
        }
      break;
    case NS_OP_NEG:
      if (qa)
        {
          rp_scale (&pa, -1, 0, P);
          *ispoly = 1;
        }
      break;
    case NS_OP_MUL:
      if (qa && qb)
        *ispoly = rp_mul (&pa, &pb, P) == 0;
      break;
    case NS_OP_DIV:
      if (ray_sign (R, b, &pb, qb, 0) == 0)
        {
          R->why = "a denominator is not shown away from 0";
          return -1;
        }
      if (qa && qb && pb.deg == 0)
        {
          /* a / d: |a/d - a'/d'| <= (ae + |a'/d'| de) / (|d'| - de). */
          double d = pb.c[0], de = pb.e[0];
          if (!(fabs (d) > de))
            break;
          double q = fabs (d) - de;
          P->deg = pa.deg;
          for (int k = 0; k <= pa.deg; k++)
            {
              P->c[k] = pa.c[k] / d;
              P->e[k] = grow ((pa.e[k] + fabs (P->c[k]) * de) / q * (1 + 2 * DBL_EPSILON)
                              + rnd (P->c[k]));
            }
          *ispoly = 1;
        }
      break;
    case NS_OP_POW:
      {
        double n = ns_fn_param (f, 0);
        if (n < 0)
          {
            if (ray_sign (R, a, &pa, qa, 0) == 0)
              {
                R->why = "the base of a negative power is not shown away from 0";
                return -1;
              }
            break;
          }
        if (!qa || n > RAY_MAX_DEG || n * pa.deg > RAY_MAX_DEG)
          break;
        rpoly r;
        rp_const (1, 0, &r);
        for (int i = 0; i < (int) n; i++)
          if (rp_mul (&r, &pa, &r) != 0)
            break;
        *P = r;
        *ispoly = 1;
        break;
      }
    case NS_OP_EXP:
    case NS_OP_SIN:
    case NS_OP_COS:
      break;
    case NS_OP_LOG:
    case NS_OP_SQRT:
      if (ray_sign (R, a, &pa, qa, 0) != 1)
        {
          R->why = "the argument of log or sqrt is not shown positive";
          return -1;
        }
      break;
    case NS_OP_RELU:
    case NS_OP_ABS:
    case NS_OP_LEAKY_RELU:
    case NS_OP_HEAVISIDE:
    case NS_OP_SIGN:
      s = ray_sign (R, a, &pa, qa, 0);
      if (s == 0)
        {
          R->why = "a kink's argument is not shown away from its switch";
          return -1;
        }
      if (op == NS_OP_HEAVISIDE || op == NS_OP_SIGN)
        {
          rp_const (s > 0 ? 1 : op == NS_OP_SIGN ? -1 : 0, 0, P);
          *ispoly = 1;
        }
      else if (qa)
        {
          double c = s > 0 ? 1 : op == NS_OP_RELU ? 0 : op == NS_OP_ABS ? -1 : ns_fn_param (f, 0);
          rp_scale (&pa, c, 0, P);
          *ispoly = 1;
        }
      break;
    case NS_OP_MAX:
    case NS_OP_MIN:
      s = ray_sign_diff (R, a, &pa, qa, b, &pb, qb);
      if (s == 0)
        {
          R->why = "the arguments of a max or min are not shown apart";
          return -1;
        }
      {
        /* max takes A where A > B, min where A < B. */
        int take_a = (op == NS_OP_MAX) == (s > 0);
        if (take_a ? qa : qb)
          {
            *P = take_a ? pa : pb;
            *ispoly = 1;
          }
        break;
      }
    case NS_OP_CLAMP:
      {
        double lo = ns_fn_param (f, 0), hi = ns_fn_param (f, 1);
        int slo = ray_sign (R, a, &pa, qa, lo), shi = ray_sign (R, a, &pa, qa, hi);
        if (slo == 0 || shi == 0)
          {
            R->why = "the argument of a clamp is not shown away from its bounds";
            return -1;
          }
        if (slo < 0 || shi > 0)
          {
            rp_const (slo < 0 ? lo : hi, 0, P);
            *ispoly = 1;
          }
        else if (qa)
          {
            *P = pa;
            *ispoly = 1;
          }
        break;
      }
    case NS_OP_FLOOR:
      {
        ns_ivd e;
        ns_fn_enclose_tree (a, R->lo, R->hi, &e);
        double k = floor (e.lo);
        if (!e.defined || !isfinite (k) || !(e.lo > k && e.hi < k + 1))
          {
            R->why = "the argument of floor is not shown between two integers";
            return -1;
          }
        rp_const (k, 0, P);
        *ispoly = 1;
        break;
      }
    default:
      R->why = "no rule for this primitive on a ray";
      return -1;
    }
  if (*ispoly && !rp_finite (P))
    *ispoly = 0;
  return 0;
}

/* ------------------------------------------------------------------ exponential polynomials */

/* On a ray free of switches, sums of products of polynomials and of exp
   of affine functions are exponential polynomials: sum_j q_j(s) e^(a_j s),
   a_j known within ar_j, the constant factors e^(b_j) folded into q_j.
   f'' is one too, and for s >= 0 each term has a polynomial lower bound:
   e^t >= T_K(t) = sum_{k <= K} t^k / k! for t >= 0 when a_j >= 0 and q_j
   has nonnegative coefficients; 0 < e^(a_j s) <= 1 when a_j <= 0.  All
   lower bounds with nonnegative coefficients prove f'' >= 0 (e^x - x,
   (x^2 + 3) e^x). */
#define EP_MAX_TERMS 4
#define EP_TAYLOR 8
/* Each level keeps two exponential polynomials (about 2 kB each). */
#define EP_MAX_DEPTH 64

typedef struct eterm {
  double a, ar;
  rpoly q;
} eterm;

typedef struct epoly {
  int n;
  eterm t[EP_MAX_TERMS];
} epoly;

static void
ep_from_poly (const rpoly *p, epoly *out)
{
  out->n = 1;
  out->t[0].a = out->t[0].ar = 0;
  out->t[0].q = *p;
}

/* Adds term T to E, merged with a term of the same exponent (exactly the
   same ball); -1 when E is full or a coefficient overflows. */
static int
ep_push (epoly *e, const eterm *t)
{
  for (int i = 0; i < e->n; i++)
    if (e->t[i].a == t->a && e->t[i].ar == t->ar)
      {
        rp_add (&e->t[i].q, &t->q, 1, &e->t[i].q);
        return rp_finite (&e->t[i].q) ? 0 : -1;
      }
  if (e->n >= EP_MAX_TERMS)
    return -1;
  e->t[e->n++] = *t;
  return 0;
}

static int
ep_add (const epoly *a, const epoly *b, double sign, epoly *out)
{
  epoly r = *a;
  for (int i = 0; i < b->n; i++)
    {
      eterm t = b->t[i];
      rp_scale (&t.q, sign, 0, &t.q);
      if (ep_push (&r, &t) != 0)
        return -1;
    }
  *out = r;
  return 0;
}

static int
ep_mul (const epoly *a, const epoly *b, epoly *out)
{
  epoly r;
  r.n = 0;
  for (int i = 0; i < a->n; i++)
    for (int j = 0; j < b->n; j++)
      {
        eterm t;
        double x = a->t[i].a, y = b->t[j].a;
        t.a = x + y;
        double bb = t.a - x;
        int exact = isfinite (t.a) && (x - (t.a - bb)) + (y - bb) == 0;
        t.ar = grow (a->t[i].ar + b->t[j].ar + (exact ? 0 : rnd (t.a)));
        if (rp_mul (&a->t[i].q, &b->t[j].q, &t.q) != 0 || !rp_finite (&t.q)
            || ep_push (&r, &t) != 0)
          return -1;
      }
  *out = r;
  return 0;
}

static void
ep_scale (const epoly *a, double c, double ce, epoly *out)
{
  epoly r = *a;
  for (int i = 0; i < r.n; i++)
    rp_scale (&a->t[i].q, c, ce, &r.t[i].q);
  *out = r;
}

/* 1 when E is a plain polynomial: one term with exponent exactly 0. */
static int
ep_is_poly (const epoly *e)
{
  return e->n == 1 && e->t[0].a == 0 && e->t[0].ar == 0;
}

/* d/ds of sum q e^(a s) = sum (q' + a q) e^(a s). */
static int
ep_deriv (const epoly *e, epoly *out)
{
  epoly r;
  r.n = e->n;
  for (int i = 0; i < e->n; i++)
    {
      const rpoly *q = &e->t[i].q;
      rpoly d, aq;
      d.deg = q->deg > 0 ? q->deg - 1 : 0;
      d.c[0] = d.e[0] = 0;
      for (int k = 1; k <= q->deg; k++)
        {
          d.c[k - 1] = q->c[k] * k;
          d.e[k - 1] = grow (q->e[k] * k + rnd_int (d.c[k - 1]));
        }
      rp_scale (q, e->t[i].a, e->t[i].ar, &aq);
      r.t[i].a = e->t[i].a;
      r.t[i].ar = e->t[i].ar;
      rp_add (&d, &aq, 1, &r.t[i].q);
      if (!rp_finite (&r.t[i].q))
        return -1;
    }
  *out = r;
  return 0;
}

/* e^(c0 +- e0) as a ball; -1 on overflow. */
static int
exp_ball (double c0, double e0, double *v, double *err)
{
  *v = exp (c0);
  /* |e^(c0 + d) - e^c0| <= e^c0 (e^|d| - 1); exp is within an ulp. */
  *err = grow (*v * expm1 (e0) + 2 * DBL_EPSILON * *v + DBL_TRUE_MIN);
  return isfinite (*v) && isfinite (*err) ? 0 : -1;
}

static int ep_walk (const ns_function *f, ray *R, epoly *E);

/* The branch a kink takes on the ray, as ray_walk decides it: the sign of
   its argument against LEVEL. */
static int
kink_side (const ns_function *arg, ray *R, double level)
{
  rpoly p;
  int ispoly;
  if (ray_walk (arg, R, &p, &ispoly) != 0)
    return 0;
  return ray_sign (R, arg, &p, ispoly, level);
}

/* F on the ray as an exponential polynomial; -1 when it is not one (or
   the work bounds are passed).  Called only where ray_walk has shown that
   nothing switches. */
static int
ep_walk (const ns_function *f, ray *R, epoly *E)
{
  ns_op op = ns_fn_op (f);
  if (op == NS_OP_X || !ns_convex_has_x (f))
    {
      rpoly p;
      int ispoly;
      if (ray_walk (f, R, &p, &ispoly) != 0 || !ispoly)
        return -1;
      ep_from_poly (&p, E);
      return 0;
    }
  const ns_function *a = ns_fn_arg (f, 0), *b = ns_fn_arg (f, 1);
  epoly ea, eb;
  int s;
  switch (op)
    {
    case NS_OP_ADD:
    case NS_OP_SUB:
      if (ep_walk (a, R, &ea) != 0 || ep_walk (b, R, &eb) != 0)
        return -1;
      return ep_add (&ea, &eb, op == NS_OP_SUB ? -1 : 1, E);
    case NS_OP_NEG:
      if (ep_walk (a, R, &ea) != 0)
        return -1;
      ep_scale (&ea, -1, 0, E);
      return 0;
    case NS_OP_MUL:
      if (ep_walk (a, R, &ea) != 0 || ep_walk (b, R, &eb) != 0)
        return -1;
      return ep_mul (&ea, &eb, E);
    case NS_OP_DIV:
      {
        /* Only by a constant c: a/c = a * (1/c). */
        if (ns_convex_has_x (b) || ep_walk (a, R, &ea) != 0)
          return -1;
        ns_result c;
        if (ns_fn_eval (b, 0.0, &c) != NS_OK || !(fabs (c.val) > c.err))
          return -1;
        double inv = 1 / c.val;
        /* |1/c' - 1/c| <= ce / (|c| (|c| - ce)), plus the rounding. */
        double ie = grow (c.err / fabs (c.val) / (fabs (c.val) - c.err) + rnd (inv));
        if (!isfinite (ie))
          return -1;
        ep_scale (&ea, inv, ie, E);
        return 0;
      }
    case NS_OP_POW:
      {
        double n = ns_fn_param (f, 0);
        if (n < 0 || n > RAY_MAX_DEG || ep_walk (a, R, &ea) != 0)
          return -1;
        rpoly one;
        rp_const (1, 0, &one);
        ep_from_poly (&one, E);
        for (int i = 0; i < (int) n; i++)
          if (ep_mul (E, &ea, E) != 0)
            return -1;
        return 0;
      }
    case NS_OP_EXP:
      {
        /* exp(c0 + c1 s) = e^c0 e^(c1 s): only of an affine argument. */
        if (ep_walk (a, R, &ea) != 0 || !ep_is_poly (&ea) || ea.t[0].q.deg > 1)
          return -1;
        const rpoly *q = &ea.t[0].q;
        double v, ve;
        if (exp_ball (q->c[0], q->e[0], &v, &ve) != 0)
          return -1;
        E->n = 1;
        E->t[0].a = q->deg == 1 ? q->c[1] : 0;
        E->t[0].ar = q->deg == 1 ? q->e[1] : 0;
        rp_const (v, ve, &E->t[0].q);
        return 0;
      }
    case NS_OP_RELU:
    case NS_OP_ABS:
    case NS_OP_LEAKY_RELU:
    case NS_OP_HEAVISIDE:
    case NS_OP_SIGN:
      s = kink_side (a, R, 0);
      if (s == 0)
        return -1;
      if (op == NS_OP_HEAVISIDE || op == NS_OP_SIGN)
        {
          rpoly c;
          rp_const (s > 0 ? 1 : op == NS_OP_SIGN ? -1 : 0, 0, &c);
          ep_from_poly (&c, E);
          return 0;
        }
      if (ep_walk (a, R, &ea) != 0)
        return -1;
      ep_scale (&ea, s > 0 ? 1 : op == NS_OP_RELU ? 0 : op == NS_OP_ABS ? -1 : ns_fn_param (f, 0),
                0, E);
      return 0;
    case NS_OP_MAX:
    case NS_OP_MIN:
      {
        rpoly pa, pb;
        int qa, qb;
        if (ray_walk (a, R, &pa, &qa) != 0 || ray_walk (b, R, &pb, &qb) != 0)
          return -1;
        s = ray_sign_diff (R, a, &pa, qa, b, &pb, qb);
        if (s == 0)
          return -1;
        return ep_walk ((op == NS_OP_MAX) == (s > 0) ? a : b, R, E);
      }
    default:
      return -1;
    }
}

/* 1 when the exponential polynomial E is >= 0 for every s >= 0, by the
   polynomial lower bounds of its terms. */
static int
ep_nonneg (const epoly *e)
{
  rpoly sum;
  rp_const (0, 0, &sum);
  for (int i = 0; i < e->n; i++)
    {
      const eterm *t = &e->t[i];
      rpoly low;
      if (t->a == 0 && t->ar == 0)
        low = t->q;
      else if (t->a - t->ar >= 0)
        {
          /* q >= 0 coefficientwise: q(s) e^(a s) >= q_lo(s) T_K(a_lo s). */
          double alo = t->a - t->ar;
          rpoly qlo, taylor;
          qlo.deg = t->q.deg;
          for (int k = 0; k <= qlo.deg; k++)
            {
              qlo.c[k] = t->q.c[k] - t->q.e[k];
              if (!(qlo.c[k] >= 0))
                return 0;
              /* c - e rounded: its error is at most one rounding, so the
                 ball (c - e) +- rnd covers c - e. */
              qlo.e[k] = rnd (qlo.c[k]);
            }
          int K = EP_TAYLOR;
          if (qlo.deg + K > RAY_MAX_DEG)
            K = RAY_MAX_DEG - qlo.deg;
          taylor.deg = K;
          taylor.c[0] = 1;
          taylor.e[0] = 0;
          for (int k = 1; k <= K; k++)
            {
              taylor.c[k] = taylor.c[k - 1] * alo / k;
              taylor.e[k] = grow (taylor.e[k - 1] * alo / k * (1 + 2 * DBL_EPSILON)
                                  + 2 * rnd (taylor.c[k]));
            }
          if (rp_mul (&qlo, &taylor, &low) != 0)
            return 0;
        }
      else if (t->a + t->ar <= 0)
        {
          /* 0 < e^(a s) <= 1: a coefficient c contributes >= min(0, c) s^k. */
          low.deg = t->q.deg;
          for (int k = 0; k <= low.deg; k++)
            {
              double lo = t->q.c[k] - t->q.e[k];
              low.c[k] = lo < 0 ? t->q.c[k] : 0;
              low.e[k] = lo < 0 ? t->q.e[k] : 0;
            }
        }
      else
        return 0;
      rp_add (&sum, &low, 1, &sum);
    }
  if (!rp_finite (&sum))
    return 0;
  for (int k = 0; k <= sum.deg; k++)
    if (!(sum.c[k] - sum.e[k] >= 0))
      return 0;
  return 1;
}

/* f'' >= 0 on the ray by the exponential-polynomial bounds. */
static int
ep_convex (const ns_function *f, ray *R)
{
  if (f->depth > EP_MAX_DEPTH)
    return 0;
  epoly e, d1, d2;
  if (ep_walk (f, R, &e) != 0 || ep_deriv (&e, &d1) != 0 || ep_deriv (&d1, &d2) != 0)
    return 0;
  return ep_nonneg (&d2);
}

/* The Taylor coefficients of f'' at P, in s = side (x - p), as balls;
   -1 when f is not a polynomial on the interval [LO, HI] (which holds P)
   or a primitive may switch there. */
static int
poly_d2 (const ns_function *f, double p, int side, double lo, double hi, rpoly *q)
{
  ray R = { p, side, lo, hi, NULL };
  rpoly P;
  int ispoly;
  if (f->depth > RAY_MAX_DEPTH || ray_walk (f, &R, &P, &ispoly) != 0 || !ispoly)
    return -1;
  /* f''(x) = d^2/ds^2 P(s) (side^2 = 1). */
  q->deg = P.deg >= 2 ? P.deg - 2 : 0;
  q->c[0] = q->e[0] = 0;
  for (int k = 0; k + 2 <= P.deg; k++)
    {
      double m = (double) (k + 2) * (k + 1);
      q->c[k] = P.c[k + 2] * m;
      q->e[k] = grow (P.e[k + 2] * m + rnd_int (q->c[k]));
    }
  return rp_finite (q) ? 0 : -1;
}

static int
rp_nonneg (const rpoly *q)
{
  for (int k = 0; k <= q->deg; k++)
    if (!(q->c[k] - q->e[k] >= 0))
      return 0;
  return 1;
}

int
ns_convex_poly_box (const ns_function *f, double lo, double hi)
{
  rpoly q;
  /* f''(lo + s) >= 0 for s >= 0, or f''(hi - s) >= 0 for s >= 0: a
     touching zero of f'' at an end of the box is allowed. */
  if (poly_d2 (f, lo, 1, lo, hi, &q) != 0)
    return 0;
  if (rp_nonneg (&q))
    return 1;
  rpoly qb;
  if (poly_d2 (f, hi, -1, lo, hi, &qb) == 0 && rp_nonneg (&qb))
    return 1;
  /* A touching zero of f'' inside the box: a zero of f''' found by Newton
     on the midpoints of q(s) = f''(lo + s) is only a candidate split point
     m; the proof is f''(m + s) >= 0 and f''(m - s) >= 0 from the
     coefficients at m (or an ulp or two away). */
  double t = (hi - lo) / 2;
  for (int it = 0; it < 60; it++)
    {
      double d1 = 0, d2 = 0;
      for (int k = q.deg; k >= 1; k--)
        d1 = d1 * t + k * q.c[k];
      for (int k = q.deg; k >= 2; k--)
        d2 = d2 * t + k * (k - 1) * q.c[k];
      if (!(d2 > 0))
        return 0;
      double step = d1 / d2;
      t -= step;
      if (!(t > 0 && t < hi - lo))
        return 0;
      if (fabs (step) <= DBL_EPSILON * fabs (t))
        break;
    }
  double m0 = lo + t;
  for (int j = -2; j <= 2; j++)
    {
      double m = m0;
      for (int i = 0; i < (j < 0 ? -j : j); i++)
        m = nextafter (m, j < 0 ? -HUGE_VAL : HUGE_VAL);
      rpoly up, down;
      if (m > lo && m < hi && poly_d2 (f, m, 1, m, hi, &up) == 0 && rp_nonneg (&up)
          && poly_d2 (f, m, -1, lo, m, &down) == 0 && rp_nonneg (&down))
        return 1;
    }
  return 0;
}

/* What the proof on one end piece found. */
typedef enum ray_answer {
  RAY_UNKNOWN = 0,
  RAY_CONVEX,      /* no switch and f'' >= 0 on the closed ray */
  RAY_WITNESS      /* f'' < 0 at a point of the ray, no switch on it */
} ray_answer;

/* An enclosure of f'' on [LO, HI]: the larger of the lower bounds of the
   tree f'' and of the slope of the tree f'. */
static void
enclose_d2 (const ns_function *d1, const ns_function *d2, double lo, double hi,
            double *lower, double *upper)
{
  ns_ivd e1, e2;
  ns_fn_enclose_tree (d1, lo, hi, &e1);
  ns_fn_enclose_tree (d2, lo, hi, &e2);
  *lower = -HUGE_VAL;
  *upper = HUGE_VAL;
  if (e2.defined)
    *lower = fmax (*lower, e2.lo), *upper = fmin (*upper, e2.hi);
  if (e1.defined)
    *lower = fmax (*lower, e1.dlo), *upper = fmin (*upper, e1.dhi);
}

/* Decides the end piece from P out on SIDE.  On a witness, *WX is a point
   of the ray with f''(wx) <= *WUP < 0 (an enclosure of the tree f'' at
   that single point).  *HOW names the proof. */
static ray_answer
ray_check (const ns_function *f, const ns_function *d1, const ns_function *d2, double p,
           int side, ns_convexity_report *r, double *wx, double *wup, const char **how,
           const char **why)
{
  ray R = { p, side, side > 0 ? p : -HUGE_VAL, side > 0 ? HUGE_VAL : p, NULL };
  rpoly P;
  int ispoly;
  /* Each level of the walk keeps three polynomials on the stack. */
  if (f->depth > RAY_MAX_DEPTH)
    {
      *why = "the expression is too deep for the end-piece proof";
      return RAY_UNKNOWN;
    }
  if (ray_walk (f, &R, &P, &ispoly) != 0)
    {
      *why = R.why;
      return RAY_UNKNOWN;
    }
  int curves_down = 0;
  if (ispoly)
    {
      /* f''(x) = d^2/ds^2 P(s) (side^2 = 1): coefficient k of f'' is
         (k + 2) (k + 1) c[k + 2]. */
      rpoly q;
      q.deg = P.deg >= 2 ? P.deg - 2 : 0;
      q.c[0] = q.e[0] = 0;
      for (int k = 0; k + 2 <= P.deg; k++)
        {
          double m = (double) (k + 2) * (k + 1);
          q.c[k] = P.c[k + 2] * m;
          q.e[k] = grow (P.e[k + 2] * m + rnd_int (q.c[k]));
        }
      if (rp_finite (&q))
        {
          int nonneg = 1;
          for (int k = 0; k <= q.deg; k++)
            nonneg = nonneg && q.c[k] - q.e[k] >= 0;
          if (nonneg)
            {
              *how = "Taylor coefficients";
              return RAY_CONVEX;
            }
          /* The leading coefficient below 0: f'' tends to -inf out on the
             ray, so it is negative somewhere there; look for the point. */
          int lead = q.deg;
          while (lead > 0 && q.c[lead] == 0 && q.e[lead] == 0)
            lead--;
          curves_down = q.c[lead] + q.e[lead] < 0;
        }
    }
  double lower, upper;
  r->nboxes++;
  enclose_d2 (d1, d2, R.lo, R.hi, &lower, &upper);
  if (lower >= 0)
    {
      *how = "interval enclosures";
      return RAY_CONVEX;
    }
  if (!ispoly && ep_convex (f, &R))
    {
      *how = "exponential-polynomial bounds";
      return RAY_CONVEX;
    }
  /* A witness: a point of the ray with an enclosure of f'' below 0,
     looked for at p, then at p + side 2^j when the polynomial curves
     down. */
  if (curves_down || upper < 0)
    for (int j = -1; j < 1024; j++)
      {
        double x = j < 0 ? p : p + side * ldexp (1, j);
        if (!isfinite (x))
          break;
        r->nboxes++;
        enclose_d2 (d1, d2, x, x, &lower, &upper);
        if (upper < 0)
          {
            *wx = x;
            *wup = upper;
            return RAY_WITNESS;
          }
        if (!curves_down)
          break;
      }
  *why = curves_down ? "f'' curves down on an end piece, but no point with f'' < 0 was shown"
                     : "f'' is not shown nonnegative on an end piece";
  return RAY_UNKNOWN;
}

ns_status
ns_convex_line_check (const ns_function *f, ns_convexity_report *r)
{
  ns_function *d1 = NULL, *d2 = NULL;
  ns_status st = ns_fn_diff (f, &d1);
  if (st == NS_OK)
    st = ns_fn_diff (d1, &d2);
  if (st != NS_OK)
    {
      ns_fn_free (d1);
      if (st == NS_ENOMEM)
        return st;
      snprintf (r->reason, sizeof r->reason,
                "not certified: the second derivative is too large to build");
      return NS_OK;
    }

  /* Each end: the nearest end point tried where the piece beyond it is
     proved convex, or a witness. */
  double ends[2] = { NAN, NAN };
  const char *how[2] = { NULL, NULL }, *why = NULL;
  for (int e = 0; e < 2; e++)
    {
      int side = e == 0 ? -1 : 1;
      for (size_t k = 0; k < RAY_NENDS; k++)
        {
          double p = side * ray_ends[k], wx, wup;
          ray_answer ans = ray_check (f, d1, d2, p, side, r, &wx, &wup, &how[e], &why);
          if (ans == RAY_CONVEX)
            {
              ends[e] = p;
              break;
            }
          if (ans == RAY_WITNESS)
            {
              ns_fn_free (d1);
              ns_fn_free (d2);
              r->answer = NS_CONVEX_NO;
              r->method = NS_CONVEX_BY_PIECES;
              r->witness = NS_CONVEX_WITNESS_CURVATURE;
              r->x = r->lo = r->hi = wx;
              r->value = wup;
              snprintf (r->reason, sizeof r->reason,
                        "not convex: f'' <= %.6g < 0 at x = %.17g on the end piece", wup, wx);
              return NS_OK;
            }
        }
    }
  ns_fn_free (d1);
  ns_fn_free (d2);

  /* The middle: with both ends proved, its answer is the answer; without,
     it can still show a witness. */
  int proved = !isnan (ends[0]) && !isnan (ends[1]);
  double L = proved ? ends[0] : -ray_ends[1], U = proved ? ends[1] : ray_ends[1];
  ns_convexity_report mid;
  ns_convex_report_init (&mid, L, U);
  st = ns_convex_smooth_check (f, L, U, &mid);
  if (st == NS_ENOMEM)
    return st;
  r->nbreak = mid.nbreak;
  r->nboxes += mid.nboxes;
  if (st == NS_OK && mid.answer == NS_CONVEX_NO)
    {
      r->answer = mid.answer;
      r->method = mid.method;
      r->witness = mid.witness;
      r->x = mid.x;
      r->lo = mid.lo;
      r->hi = mid.hi;
      r->value = mid.value;
      memcpy (r->reason, mid.reason, sizeof r->reason);
      return NS_OK;
    }
  if (!proved)
    {
      /* f undefined at a point of the middle is undefined on the line. */
      if (st == NS_EDOM)
        {
          memcpy (r->reason, mid.reason, sizeof r->reason);
          return NS_EDOM;
        }
      snprintf (r->reason, sizeof r->reason, "not certified: %s beyond [%g, %g]",
                why != NULL ? why : "an end piece is undecided", L, U);
      return NS_OK;
    }
  if (st != NS_OK || mid.answer != NS_CONVEX_YES)
    {
      /* The middle's reason ("not certified: ..." or the status) goes
         through a bounded precision so the line fits the report. */
      snprintf (r->reason, sizeof r->reason, "on [%g, %g]: %.100s", L, U,
                st == NS_OK ? mid.reason : ns_strerror (st));
      return st == NS_EDOM ? NS_EDOM : NS_OK;
    }
  r->answer = NS_CONVEX_YES;
  r->method = NS_CONVEX_BY_PIECES;
  snprintf (r->reason, sizeof r->reason,
            "convex: f'' >= 0 for x <= %g and x >= %g (%s, %s), and on [%g, %g] "
            "at %zu breakpoint%s and every piece", L, U, how[0], how[1], L, U, r->nbreak,
            r->nbreak == 1 ? "" : "s");
  return NS_OK;
}
