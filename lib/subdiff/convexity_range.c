/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/subdiff/convexity_range.c: ns_fn_convexity_on, convexity on a range or on the
   whole line: the composition rules first, then the breakpoint check of a
   piecewise-linear tree (lib/subdiff/convexity_pl.c), then, on a bounded range, the
   piecewise-smooth check: continuity and nondecreasing one-sided slopes at
   every breakpoint, and f'' >= 0 on every piece by interval enclosures of
   the symbolic second derivative, bisected within a budget. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "subdiff/convexity_impl.h"
#include "function/function_impl.h"
#include "text.h"

void
ns_convex_report_init (ns_convexity_report *r, double a, double b)
{
  memset (r, 0, sizeof *r);
  r->answer = NS_CONVEX_UNKNOWN;
  r->method = NS_CONVEX_BY_NONE;
  r->witness = NS_CONVEX_WITNESS_NONE;
  r->x = r->lo = r->hi = r->value = (double) NAN;
  r->a = a;
  r->b = b;
}

/* A step primitive (heaviside, sign, floor) of an argument with x: the
   only way a tree defined on a range can jump there. */
static int
has_step (const ns_function *f)
{
  ns_op op = ns_fn_op (f);
  if ((op == NS_OP_HEAVISIDE || op == NS_OP_SIGN || op == NS_OP_FLOOR)
      && ns_convex_has_x (ns_fn_arg (f, 0)))
    return 1;
  int arity = ns_op_get (op)->arity;
  for (int i = 0; i < arity; i++)
    if (has_step (ns_fn_arg (f, i)))
      return 1;
  return 0;
}

/* 1 when F is affine by its form: x, constants, sums, negation, and
   products and quotients with a constant. */
static int
affine_form (const ns_function *f)
{
  if (!ns_convex_has_x (f))
    return 1;
  const ns_function *a = ns_fn_arg (f, 0), *b = ns_fn_arg (f, 1);
  switch (ns_fn_op (f))
    {
    case NS_OP_X:
      return 1;
    case NS_OP_ADD:
    case NS_OP_SUB:
      return affine_form (a) && affine_form (b);
    case NS_OP_NEG:
      return affine_form (a);
    case NS_OP_MUL:
      return (!ns_convex_has_x (a) && affine_form (b)) || (!ns_convex_has_x (b) && affine_form (a));
    case NS_OP_DIV:
      return !ns_convex_has_x (b) && affine_form (a);
    default:
      return 0;
    }
}

/* A step primitive whose argument is not affine: it may meet its level
   without crossing it (heaviside(x^4) at 0), where f takes an isolated
   value (H(0) = 1/2 between 1 and 1) at a point the breakpoint search
   does not list, as a touching contact is smooth for every other
   primitive. */
static int
has_curved_step (const ns_function *f)
{
  ns_op op = ns_fn_op (f);
  if ((op == NS_OP_HEAVISIDE || op == NS_OP_SIGN || op == NS_OP_FLOOR)
      && ns_convex_has_x (ns_fn_arg (f, 0)) && !affine_form (ns_fn_arg (f, 0)))
    return 1;
  int arity = ns_op_get (op)->arity;
  for (int i = 0; i < arity; i++)
    if (has_curved_step (ns_fn_arg (f, i)))
      return 1;
  return 0;
}

/* 1 when every step primitive of F (heaviside, sign, floor of an argument
   with x) is continuous at P from SIDE: its argument is away from its
   switch by more than the rounding, or its one-sided limit equals its value
   (heaviside with h0 = 1 from the right).  Every other primitive is
   continuous where defined, so then f is continuous at p from that side. */
static int
steps_continuous (const ns_function *f, double p, ns_side side)
{
  ns_op op = ns_fn_op (f);
  if ((op == NS_OP_HEAVISIDE || op == NS_OP_SIGN || op == NS_OP_FLOOR)
      && ns_convex_has_x (ns_fn_arg (f, 0)))
    {
      ns_result v;
      if (ns_fn_eval (ns_fn_arg (f, 0), p, &v) != NS_OK)
        return 0;
      double k = op == NS_OP_FLOOR ? nearbyint (v.val) : 0;
      if (fabs (v.val - k) <= v.err)
        {
          /* At the switch: a step's values are exact small numbers. */
          ns_germ g;
          ns_result fv;
          if (ns_fn_germ (f, p, side, 0, &g) != NS_OK || g.nvalid < 1
              || ns_fn_eval (f, p, &fv) != NS_OK || g.c[0] != fv.val)
            return 0;
        }
    }
  int arity = ns_op_get (op)->arity;
  for (int i = 0; i < arity; i++)
    if (!steps_continuous (ns_fn_arg (f, i), p, side))
      return 0;
  return 1;
}

/* Records a witness unless one is already there (the first found wins). */
static void
set_witness (ns_convexity_report *r, ns_convex_witness w, double x, double lo,
             double hi, double value)
{
  if (r->witness != NS_CONVEX_WITNESS_NONE)
    return;
  r->witness = w;
  r->x = x;
  r->lo = lo;
  r->hi = hi;
  r->value = value;
}

/* Compares the one-sided limit of F at P on SIDE with F(P) = FP.  Returns
   -1 (the limit is below f(p) by more than the rounding bounds), 0
   (exactly equal, both bounds 0), +1 (above), or 2 (undecided). */
static int
limit_vs_value (const ns_function *f, double p, ns_side side, const ns_result *fp,
                double *lim)
{
  ns_germ g;
  ns_status st = ns_fn_germ (f, p, side, 0, &g);
  if (st != NS_OK || g.nvalid < 1)
    return 2;
  *lim = g.c[0];
  double d = g.c[0] - fp->val;
  double tol = (g.err0 + fp->err) * (1 + 4 * DBL_EPSILON);
  if (d == 0 && tol == 0)
    return 0;
  if (d > tol)
    return 1;
  if (d < -tol)
    return -1;
  return 2;
}

/* Continuity where f may jump: inside the range f must be continuous; at
   the ends f(a) >= f(a+) and f(b) >= f(b-) (a convex function may jump up
   at an end of its range, never down). */
static void
check_jumps (const ns_function *f, const double *pts, size_t m, ns_convexity_report *r,
             const char **why)
{
  for (size_t i = 0; i < m && r->witness == NS_CONVEX_WITNESS_NONE; i++)
    {
      ns_result fp;
      if (ns_fn_eval (f, pts[i], &fp) != NS_OK)
        {
          *why = "f cannot be evaluated at a breakpoint";
          continue;
        }
      double lim;
      if (i > 0 && !steps_continuous (f, pts[i], NS_LEFT))
        {
          int c = limit_vs_value (f, pts[i], NS_LEFT, &fp, &lim);
          /* Inside: any jump; at B: f(b) below f(b-). */
          if (c == 1 || (c == -1 && i < m - 1))
            set_witness (r, NS_CONVEX_WITNESS_JUMP, pts[i], lim, fp.val, fp.val - lim);
          else if (c == 2)
            *why = "a jump of f is lost in rounding";
        }
      if (i < m - 1 && !steps_continuous (f, pts[i], NS_RIGHT))
        {
          int c = limit_vs_value (f, pts[i], NS_RIGHT, &fp, &lim);
          if (c == 1 || (c == -1 && i > 0))
            set_witness (r, NS_CONVEX_WITNESS_JUMP, pts[i], fp.val, lim, lim - fp.val);
          else if (c == 2)
            *why = "a jump of f is lost in rounding";
        }
    }
}

/* The one-sided slopes at the interior breakpoints.  Germ slopes are the
   exact slopes up to the rounding of the tree's own arithmetic: equal or
   increasing computed slopes count as no drop; a drop must exceed 16
   roundings of the slopes to be a witness, and a smaller one leaves the
   answer unknown. */
static void
check_slopes (const ns_function *f, const double *pts, size_t m, ns_convexity_report *r,
              const char **why)
{
  for (size_t i = 1; i + 1 < m; i++)
    {
      double dl, dr;
      ns_status sl = ns_fn_deriv_side (f, pts[i], NS_LEFT, 1, &dl);
      ns_status sr = ns_fn_deriv_side (f, pts[i], NS_RIGHT, 1, &dr);
      if ((sl != NS_OK && sl != NS_ERANGE) || (sr != NS_OK && sr != NS_ERANGE)
          || isnan (dl) || isnan (dr))
        {
          *why = "a one-sided slope is undetermined";
          continue;
        }
      /* A convex function has finite one-sided slopes inside its range. */
      if (isinf (dl) || isinf (dr) || dl - dr > 16 * DBL_EPSILON * (fabs (dl) + fabs (dr)))
        {
          set_witness (r, NS_CONVEX_WITNESS_SLOPE_DROP, pts[i], dl, dr, dr - dl);
          return;
        }
      if (dl > dr)
        *why = "a slope drop is lost in rounding";
    }
}

/* A box of x inside one piece, waiting to be enclosed. */
typedef struct box {
  double lo, hi;
  int depth;
} box;

/* The sign of f'' just inside a piece, from the germ at its end P on SIDE:
   f''(p + side t) = 2 c2 + 6 c3 t + ..., so the first nonzero coefficient
   of order >= 2 decides it.  Returns 1 (>= 0 near p), 0 (negative or not
   determined). */
static int
curvature_near_end (const ns_function *f, double p, ns_side side)
{
  ns_germ g;
  ns_status st = ns_fn_germ (f, p, side, 6, &g);
  if (st != NS_OK && st != NS_ERANGE && st != NS_UNDEFINED)
    return 0;
  for (int k = 2; k < g.nvalid; k++)
    if (g.c[k] != 0)
      return g.c[k] > 0;
  if (g.nvalid <= g.order)
    return g.tail > 0 && g.nvalid >= 2;
  return g.exact;
}

/* f'' >= 0 on every piece.  The lower bound of f'' on a box is the larger
   of the lower bounds of the enclosure of the tree f'' and of the slope
   enclosure of the tree f'; a box with f'' >= 0 is done, one with f'' < 0
   is a witness, any other is halved, widest boxes first, within the
   budget.  A piece's boxes stop one ulp short of its ends, where a kink's
   own value (sign(0) = 0) and the outward rounding of an exact 0 would
   spoil every enclosure; the germ at each end covers f'' there. */
static ns_status
check_curvature (const ns_function *f, const double *pts, size_t m,
                 ns_convexity_report *r, const char **why)
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
      *why = "the second derivative is too large to build";
      return NS_OK;
    }
  size_t cap = 2 * (size_t) NS_CONVEX_MAX_BOXES + 2;
  box *queue = malloc (cap * sizeof *queue);
  if (queue == NULL)
    {
      ns_fn_free (d1);
      ns_fn_free (d2);
      return NS_ENOMEM;
    }
  for (size_t i = 0; i + 1 < m && r->witness == NS_CONVEX_WITNESS_NONE; i++)
    {
      if (!curvature_near_end (f, pts[i], NS_RIGHT)
          || !curvature_near_end (f, pts[i + 1], NS_LEFT))
        *why = "the sign of f'' next to a breakpoint is not shown nonnegative";
      size_t head = 0, tail = 0;
      double lo = nextafter (pts[i], HUGE_VAL), hi = nextafter (pts[i + 1], -HUGE_VAL);
      if (lo <= hi)
        queue[tail++] = (box) { lo, hi, 0 };
      while (head < tail)
        {
          box bx = queue[head++];
          if (r->nboxes >= NS_CONVEX_MAX_BOXES)
            {
              *why = "the enclosure budget ran out";
              break;
            }
          r->nboxes++;
          ns_ivd e1, e2;
          ns_fn_enclose_tree (d1, bx.lo, bx.hi, &e1);
          ns_fn_enclose_tree (d2, bx.lo, bx.hi, &e2);
          double lower = -HUGE_VAL, upper = HUGE_VAL;
          if (e2.defined)
            lower = fmax (lower, e2.lo), upper = fmin (upper, e2.hi);
          if (e1.defined)
            lower = fmax (lower, e1.dlo), upper = fmin (upper, e1.dhi);
          if (lower >= 0)
            continue;
          if (upper < 0)
            {
              set_witness (r, NS_CONVEX_WITNESS_CURVATURE, bx.lo + (bx.hi - bx.lo) / 2,
                           bx.lo, bx.hi, upper);
              break;
            }
          /* A polynomial piece: its Taylor coefficients at an end of the
             box decide where enclosures lose the dependency (f'' = 12 (x -
             1)^2 expanded touches 0 at 1, an end after a bisection). */
          if (ns_convex_poly_box (f, bx.lo, bx.hi))
            continue;
          double mid = bx.lo + (bx.hi - bx.lo) / 2;
          if (bx.depth >= NS_CONVEX_MAX_BISECTIONS || !(mid > bx.lo && mid < bx.hi)
              || tail + 2 > cap)
            {
              *why = "the sign of f'' is undecided after the bisections";
              continue;
            }
          queue[tail++] = (box) { bx.lo, mid, bx.depth + 1 };
          queue[tail++] = (box) { mid, bx.hi, bx.depth + 1 };
        }
    }
  free (queue);
  ns_fn_free (d1);
  ns_fn_free (d2);
  return NS_OK;
}

ns_status
ns_convex_smooth_check (const ns_function *f, double a, double b, ns_convexity_report *r)
{
  double *pts = NULL;
  size_t m = 0;
  ns_status st = ns_convex_range_points (f, a, b, r, &pts, &m);
  if (pts == NULL)
    return st;
  r->nbreak = m - 2;

  /* f must be defined on [a, b]: its domain changes only at breakpoints,
     so the points and one point per piece decide it. */
  for (size_t i = 0; i < m; i++)
    {
      ns_result v;
      double xs[2] = { pts[i], i + 1 < m ? pts[i] + (pts[i + 1] - pts[i]) / 2 : pts[i] };
      for (int k = 0; k < 2; k++)
        if (ns_fn_eval (f, xs[k], &v) == NS_EDOM)
          {
            free (pts);
            char xt[NS_NUMBER_TEXT_SIZE];
            ns_format_number (xs[k], xt);
            snprintf (r->reason, sizeof r->reason,
                      "f is undefined at x = %s in the range", xt);
            return NS_EDOM;
          }
    }

  const char *why = NULL;
  if (has_curved_step (f))
    why = "a step of a non-affine argument may jump where it only touches its level";
  if (has_step (f))
    check_jumps (f, pts, m, r, &why);
  if (r->witness == NS_CONVEX_WITNESS_NONE)
    check_slopes (f, pts, m, r, &why);
  if (r->witness == NS_CONVEX_WITNESS_NONE)
    {
      st = check_curvature (f, pts, m, r, &why);
      if (st != NS_OK)
        {
          free (pts);
          return st;
        }
    }
  free (pts);

  /* The witness's numbers to 15 digits, as printf's %.15g in the C locale. */
  char lo[NS_NUMBER_TEXT_SIZE], hi[NS_NUMBER_TEXT_SIZE], at[NS_NUMBER_TEXT_SIZE];
  /* + 0.0: a slope or value of -0 reads as 0 in the sentence. */
  ns_format_digits (r->lo + 0.0, 15, 0, lo);
  ns_format_digits (r->hi + 0.0, 15, 0, hi);
  ns_format_digits (r->x, 15, 0, at);
  switch (r->witness)
    {
    case NS_CONVEX_WITNESS_JUMP:
      snprintf (r->reason, sizeof r->reason,
                "not convex: f jumps from %.24s to %.24s at x = %.24s", lo, hi, at);
      break;
    case NS_CONVEX_WITNESS_SLOPE_DROP:
      /* An infinite one-sided slope is a witness too (check_slopes), but
         -inf then +inf (sqrt(abs(x))) is a rise, not a drop. */
      if (isinf (r->lo) || isinf (r->hi))
        snprintf (r->reason, sizeof r->reason,
                  "not convex: an infinite one-sided slope (%.24s, %.24s) at x = %.24s",
                  lo, hi, at);
      else
        snprintf (r->reason, sizeof r->reason,
                  "not convex: the slope drops from %.24s to %.24s at x = %.24s", lo, hi, at);
      break;
    case NS_CONVEX_WITNESS_CURVATURE:
      {
        char v[NS_NUMBER_TEXT_SIZE];
        ns_format_digits (r->value, 6, 0, v);
        snprintf (r->reason, sizeof r->reason,
                  "not convex: f'' <= %.24s < 0 on [%.24s, %.24s]", v, lo, hi);
      }
      break;
    default:
      if (why != NULL)
        {
          snprintf (r->reason, sizeof r->reason, "not certified: %s", why);
          return NS_OK;
        }
      r->answer = NS_CONVEX_YES;
      r->method = NS_CONVEX_BY_PIECES;
      snprintf (r->reason, sizeof r->reason,
                "convex on the range: continuous, slopes nondecreasing at %zu breakpoint%s, "
                "f'' >= 0 on every piece", r->nbreak, r->nbreak == 1 ? "" : "s");
      return NS_OK;
    }
  r->answer = NS_CONVEX_NO;
  r->method = NS_CONVEX_BY_PIECES;
  return NS_OK;
}

/* Appends TEXT to the NUL-terminated BUF of SIZE bytes, truncating. */
static void
append (char *buf, size_t size, const char *text)
{
  size_t len = strlen (buf);
  while (*text != '\0' && len + 1 < size)
    buf[len++] = *text++;
  buf[len] = '\0';
}

ns_status
ns_fn_convexity_on (const ns_function *f, double a, double b, ns_convexity_report *report)
{
  if (report == NULL)
    return NS_EINVAL;
  ns_convex_report_init (report, a, b);
  if (f == NULL || isnan (a) || isnan (b) || !(a < b) || !isinf (a) != !isinf (b))
    {
      snprintf (report->reason, sizeof report->reason, "invalid argument");
      return NS_EINVAL;
    }
  int whole = isinf (a) != 0;
  char rules[sizeof report->reason];
  if (ns_convex_by_rules (f, rules, sizeof rules))
    {
      report->answer = NS_CONVEX_YES;
      report->method = NS_CONVEX_BY_RULES;
      memcpy (report->reason, rules, sizeof rules);
      return NS_OK;
    }
  if (ns_convex_is_pl (f))
    {
      ns_status st = ns_convex_pl_check (f, a, b, report);
      if (report->answer == NS_CONVEX_UNKNOWN)
        {
          /* The rules' refusal first, then the piecewise check's. */
          char pl[sizeof report->reason];
          memcpy (pl, report->reason, sizeof pl);
          memcpy (report->reason, rules, sizeof rules);
          append (report->reason, sizeof report->reason, "; ");
          append (report->reason, sizeof report->reason, pl);
        }
      return st;
    }
  if (whole)
    {
      /* Not piecewise linear: the end pieces are proved on their own, the
         middle by the range check (lib/subdiff/convexity_line.c). */
      ns_status st = ns_convex_line_check (f, report);
      if (report->answer == NS_CONVEX_UNKNOWN)
        {
          char line[sizeof report->reason];
          memcpy (line, report->reason, sizeof line);
          memcpy (report->reason, rules, sizeof rules);
          append (report->reason, sizeof report->reason, "; ");
          append (report->reason, sizeof report->reason, line);
        }
      return st;
    }
  return ns_convex_smooth_check (f, a, b, report);
}
