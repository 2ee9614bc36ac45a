/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/subdiff/convexity_line.c: convexity of a piecewise-smooth function on the
   whole line.  The two unbounded end pieces x >= U and x <= L are proved
   free of switches and of nonnegative curvature (or shown to curve down);
   the bounded middle [L, U] is left to the range check of
   lib/subdiff/convexity_range.c.  On an end piece every primitive keeps one
   branch, so the function there is one smooth expression: when it is a
   polynomial, its Taylor coefficients at the end, as balls (midpoint and a
   rigorous bound), decide the signs; otherwise interval enclosures over the
   unbounded ray do. */
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
      /* A sum with a zero term is exact, and so is a sum that rounds to
         0 (with gradual underflow only exact cancellation gives 0). */
      r.e[k] = grow (xe + ye + (x == 0 || y == 0 || r.c[k] == 0 ? 0 : rnd (r.c[k])));
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
      /* |a c - a' c'| <= |a'| ce + |c'| ae + ae ce, plus the rounding. */
      r.e[k] = grow (fabs (a->c[k]) * ce + fabs (c) * a->e[k] + a->e[k] * ce
                     + (a->c[k] == 0 || c == 0 ? 0 : rnd (r.c[k])));
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
      int terms = 0;
      for (int i = 0; i <= a->deg; i++)
        {
          int j = k - i;
          if (j < 0 || j > b->deg)
            continue;
          double t = a->c[i] * b->c[j];
          s += t;
          mag += fabs (t);
          err += fabs (a->c[i]) * b->e[j] + fabs (b->c[j]) * a->e[i] + a->e[i] * b->e[j];
          terms++;
        }
      r.c[k] = s;
      /* Each product and each partial sum rounds once: at most (terms + 1)
         roundings of the sum of magnitudes. */
      r.e[k] = grow (err + (terms + 1) * (DBL_EPSILON * mag + DBL_TRUE_MIN));
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
          q.e[k] = grow (P.e[k + 2] * m + rnd (q.c[k]));
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
