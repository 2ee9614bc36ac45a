/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/certify.c: certified switching decisions: the sign of a
   switching quantity at a double and on its rounding interval, crossings,
   contacts (Sturm sequences in exact rationals for polynomials, range
   analysis otherwise) and the certified isolation of zeros, on the
   evaluators of lib/function/certify_eval.c. */
#include <config.h>
#include <math.h>
#include <string.h>
#include <flint/flint.h>
#include <flint/fmpq.h>
#include <flint/fmpq_poly.h>
#include <arb.h>
#include "function/certify_impl.h"
#include "function/breakpoints.h"

/* ------------------------------------------------------------------ polynomials */

/* Converts a polynomial tree (x, constants, +, -, *, negation, powers
   n >= 0) to an exact rational polynomial.  Returns 0 for anything else. */
static int
to_poly (fmpq_poly_t out, const ns_function *f)
{
  fmpq_poly_t a, b;
  int ok = 1;
  switch (f->op)
    {
    case NS_OP_X:
      fmpq_poly_zero (out);
      fmpq_poly_set_coeff_si (out, 1, 1);
      return 1;
    case NS_OP_CONST:
      {
        fmpq_t c;
        fmpq_init (c);
        ns_cert_q_set_d (c, f->param[0]);
        fmpq_poly_set_fmpq (out, c);
        fmpq_clear (c);
        return 1;
      }
    case NS_OP_ADD:
    case NS_OP_SUB:
    case NS_OP_MUL:
      fmpq_poly_init (a);
      fmpq_poly_init (b);
      ok = to_poly (a, f->arg[0]) && to_poly (b, f->arg[1]);
      if (ok && f->op == NS_OP_MUL
          && fmpq_poly_degree (a) + fmpq_poly_degree (b) > CERT_MAX_DEGREE)
        ok = 0;
      if (ok)
        {
          if (f->op == NS_OP_ADD)
            fmpq_poly_add (out, a, b);
          else if (f->op == NS_OP_SUB)
            fmpq_poly_sub (out, a, b);
          else
            fmpq_poly_mul (out, a, b);
        }
      fmpq_poly_clear (a);
      fmpq_poly_clear (b);
      return ok;
    case NS_OP_NEG:
      if (!to_poly (out, f->arg[0]))
        return 0;
      fmpq_poly_neg (out, out);
      return 1;
    case NS_OP_POW:
      {
        long n = (long) f->param[0];
        if (n < 0)
          return 0;
        fmpq_poly_init (a);
        ok = to_poly (a, f->arg[0])
             && (fmpq_poly_degree (a) <= 0 || fmpq_poly_degree (a) * n <= CERT_MAX_DEGREE);
        if (ok)
          fmpq_poly_pow (out, a, (ulong) n);
        fmpq_poly_clear (a);
        return ok;
      }
    default:
      return 0;
    }
}

static int
poly_sign_at (const fmpq_poly_t p, const fmpq_t x)
{
  fmpq_t v;
  fmpq_init (v);
  fmpq_poly_evaluate_fmpq (v, p, x);
  int s = fmpq_sgn (v);
  fmpq_clear (v);
  return s;
}

/* Sign changes of the Sturm sequence SEQ[0..n-1] at X (zeros skipped). */
static int
sturm_variations (fmpq_poly_struct *seq, int n, const fmpq_t x)
{
  int v = 0, last = 0;
  for (int i = 0; i < n; i++)
    {
      int s = poly_sign_at (&seq[i], x);
      if (s != 0)
        {
          if (last != 0 && s != last)
            v++;
          last = s;
        }
    }
  return v;
}

/* The number of distinct real roots of P in (lo, hi], neither a root
   (Sturm's theorem; it holds for P with multiple roots as well, the
   sequence then ending in gcd(P, P')). */
static int
sturm_count (const fmpq_poly_t p, const fmpq_t lo, const fmpq_t hi)
{
  int deg = (int) fmpq_poly_degree (p);
  if (deg <= 0)
    return 0;
  fmpq_poly_struct seq[CERT_MAX_DEGREE + 2];
  int n = 0;
  fmpq_poly_init (&seq[n]);
  fmpq_poly_set (&seq[n++], p);
  fmpq_poly_init (&seq[n]);
  fmpq_poly_derivative (&seq[n++], p);
  while (n < CERT_MAX_DEGREE + 2 && !fmpq_poly_is_zero (&seq[n - 1])
         && fmpq_poly_degree (&seq[n - 1]) > 0)
    {
      fmpq_poly_init (&seq[n]);
      fmpq_poly_rem (&seq[n], &seq[n - 2], &seq[n - 1]);
      fmpq_poly_neg (&seq[n], &seq[n]);
      if (fmpq_poly_is_zero (&seq[n]))
        {
          fmpq_poly_clear (&seq[n]);
          break;
        }
      n++;
    }
  int count = sturm_variations (seq, n, lo) - sturm_variations (seq, n, hi);
  for (int i = 0; i < n; i++)
    fmpq_poly_clear (&seq[i]);
  return count;
}

/* The switching quantity q - level of F as a polynomial, when it is one. */
static int
switching_poly (fmpq_poly_t out, const ns_function *f, ns_switch_kind kind, double level)
{
  if (!to_poly (out, f->arg[kind == NS_SWITCH_ARG1]))
    return 0;
  if (kind == NS_SWITCH_DIFF)
    {
      fmpq_poly_t b;
      fmpq_poly_init (b);
      int ok = to_poly (b, f->arg[1]);
      if (ok)
        fmpq_poly_sub (out, out, b);
      fmpq_poly_clear (b);
      if (!ok)
        return 0;
    }
  fmpq_t c;
  fmpq_init (c);
  ns_cert_q_set_d (c, level);
  fmpq_poly_sub_fmpq (out, out, c);
  fmpq_clear (c);
  return 1;
}

/* ------------------------------------------------------------------ decisions */

/* The first and second derivative trees of the switching quantity (one
   per argument that switches; n = 0 when they could not be built). */
typedef struct qdiff {
  ns_function *d[2];
  ns_function *dd[2];
  int n;
} qdiff;
static void qdiff_init (qdiff *dq, const ns_function *f, ns_switch_kind kind);
static void qdiff_clear (qdiff *dq);
static int box_excluded_arf (const ns_function *f, ns_switch_kind kind, double level,
                             const qdiff *dq, const arf_t lo, const arf_t hi, double md);

int
ns_cert_exact_sign (const ns_function *f, ns_switch_kind kind, double level, double x)
{
  const ns_function *g = f->arg[kind == NS_SWITCH_ARG1];
  double a, b;
  if (ns_cert_exact_eval (g, x, &a))
    {
      if (kind != NS_SWITCH_DIFF)
        return ns_cert_cmp_double (a, level);
      /* For max and min the level is 0: a - b has the sign of a compared with b. */
      if (ns_cert_exact_eval (f->arg[1], x, &b) && level == 0)
        return ns_cert_cmp_double (a, b);
    }
  return 2;
}

int
ns_cert_point_sign (const ns_function *f, ns_switch_kind kind, double level, double x)
{
  const ns_function *g = f->arg[kind == NS_SWITCH_ARG1];
  int s = ns_cert_exact_sign (f, kind, level, x);
  if (s != 2)
    return s;
  if (ns_cert_is_rational_tree (g) && (kind != NS_SWITCH_DIFF || ns_cert_is_rational_tree (f->arg[1])))
    {
      fmpq_t xq, va, vb;
      fmpq_init (xq);
      fmpq_init (va);
      fmpq_init (vb);
      ns_cert_q_set_d (xq, x);
      if (ns_cert_fmpq_eval (va, g, xq)
          && (kind != NS_SWITCH_DIFF || ns_cert_fmpq_eval (vb, f->arg[1], xq)))
        {
          if (kind == NS_SWITCH_DIFF)
            fmpq_sub (va, va, vb);
          ns_cert_q_set_d (vb, level);
          s = fmpq_cmp (va, vb);
          s = (s > 0) - (s < 0);
        }
      fmpq_clear (xq);
      fmpq_clear (va);
      fmpq_clear (vb);
      if (s != 2)
        return s;
    }
  arb_t xb;
  arb_init (xb);
  arb_set_d (xb, x);
  s = ns_cert_ball_q_sign (f, kind, level, xb);
  arb_clear (xb);
  return s;
}

/* The ends of the rounding interval of x: halfway to each neighbour. */
static void
rounding_ends (double x, arf_t lo, arf_t hi)
{
  arf_t t;
  arf_init (t);
  arf_set_d (lo, x);
  arf_set_d (t, nextafter (x, -HUGE_VAL));
  arf_add (lo, lo, t, ARF_PREC_EXACT, ARF_RND_DOWN);
  arf_mul_2exp_si (lo, lo, -1);
  arf_set_d (hi, x);
  arf_set_d (t, nextafter (x, HUGE_VAL));
  arf_add (hi, hi, t, ARF_PREC_EXACT, ARF_RND_DOWN);
  arf_mul_2exp_si (hi, hi, -1);
  arf_clear (t);
}

static int
ball_sign_at_arf (const ns_function *f, ns_switch_kind kind, double level, const arf_t p)
{
  arb_t xb;
  arb_init (xb);
  arb_set_arf (xb, p);
  int s = ns_cert_ball_q_sign (f, kind, level, xb);
  arb_clear (xb);
  return s;
}

/* Polynomial q - level: the roots in the rounding interval [lo, hi],
   counted exactly, decide between OFF, CONTACT and UNDECIDED given the
   (equal, nonzero) signs at the two ends. */
static ns_cert_kind
poly_decide (const fmpq_poly_t p, const arf_t lo, const arf_t hi, int sigma)
{
  fmpq_t qlo, qhi;
  fmpq_init (qlo);
  fmpq_init (qhi);
  arf_get_fmpq (qlo, lo);
  arf_get_fmpq (qhi, hi);
  ns_cert_kind k = NS_CERT_UNDECIDED;
  if (poly_sign_at (p, qlo) == sigma && poly_sign_at (p, qhi) == sigma)
    {
      int nroots = sturm_count (p, qlo, qhi);
      if (nroots == 0)
        k = NS_CERT_OFF;
      else if (nroots == 1)
        /* One root and no sign change across it: its multiplicity is
           even (a polynomial changes sign exactly at the roots of odd
           multiplicity), a contact. */
        k = NS_CERT_CONTACT;
    }
  fmpq_clear (qlo);
  fmpq_clear (qhi);
  return k;
}

static int
tree_has_kink (const ns_function *f)
{
  const ns_op_rules *r = ns_op_rules_get (f->op);
  if (r->info.is_kink)
    return 1;
  for (int i = 0; i < r->info.arity; i++)
    if (tree_has_kink (f->arg[i]))
      return 1;
  return 0;
}

/* Range analysis: +1 when q >= level on a whole neighbourhood of x, -1
   when q <= level there, 0 when neither is shown.  The neighbourhoods are
   x +- 2^-20 (1 + |x|) (sin(x)^2 >= 0 near pi) and the whole line as a
   ball of radius 2^1000 (cos x - 1 <= 0: Arb's cos of a wide ball is
   [-1, 1] exactly).  For a step (heaviside, sign, floor) the sides must
   be strict, which holds when q has no kink inside: q is then analytic
   where defined, and its zeros are isolated unless q is constant, which
   the exact germ would have shown. */
static int
range_sign (const ns_function *f, ns_switch_kind kind, double level, double x)
{
  int step = f->op == NS_OP_HEAVISIDE || f->op == NS_OP_SIGN || f->op == NS_OP_FLOOR;
  if (step && (tree_has_kink (f->arg[0])))
    return 0;
  arb_t xb, v;
  arb_init (xb);
  arb_init (v);
  int r = 0;
  for (int i = 0; i < 2 && r == 0; i++)
    {
      arb_set_d (xb, x);
      if (i == 0)
        mag_set_d (arb_radref (xb), ldexp (1 + fabs (x), -20));
      else
        mag_set_ui_2exp_si (arb_radref (xb), 1, 1000);
      if (ns_cert_ball_q (v, f, kind, level, xb, 128) != NS_CERT_BALL_OK)
        continue;
      if (arb_is_nonnegative (v))
        r = 1;
      else if (arb_is_nonpositive (v))
        r = -1;
    }
  arb_clear (xb);
  arb_clear (v);
  return r;
}

ns_cert_kind
ns_cert_switch (const ns_function *f, ns_switch_kind kind, double level, double x,
                int *left, int *right)
{
  *left = *right = 2;
  int sigma = ns_cert_point_sign (f, kind, level, x);
  if (sigma == 0)
    return NS_CERT_EXACT;
  arf_t lo, hi;
  arf_init (lo);
  arf_init (hi);
  rounding_ends (x, lo, hi);
  ns_cert_kind k = NS_CERT_UNDECIDED;
  /* The plain ball first (cheap, and enough one ulp from a kink of a
     polynomial), then the signs at the two ends (a crossing), then the
     mean-value form: Arb bounds the change of cos over a ball by its
     radius, which hides 1 - cos x - 1e-18 > 0 on the rounding interval of
     1.414213562373095e-09. */
  arb_t box;
  arb_init (box);
  arb_set_interval_arf (box, lo, hi, CERT_PREC_LAST);
  int s_box = sigma != 2 ? ns_cert_ball_q_sign (f, kind, level, box) : 2;
  arb_clear (box);
  int sl = 2, sr = 2;
  if (s_box != -1 && s_box != 1)
    {
      sl = ball_sign_at_arf (f, kind, level, lo);
      sr = ball_sign_at_arf (f, kind, level, hi);
    }
  if ((sl == 1 && sr == -1) || (sl == -1 && sr == 1))
    {
      *left = sl;
      *right = sr;
      k = NS_CERT_CROSS;
    }
  else if (s_box != -1 && s_box != 1 && (sigma == 1 || sigma == -1))
    {
      qdiff dq;
      qdiff_init (&dq, f, kind);
      if (box_excluded_arf (f, kind, level, &dq, lo, hi, x))
        s_box = sigma;
      qdiff_clear (&dq);
    }
  if (s_box == -1 || s_box == 1)
    {
      *left = *right = s_box;
      k = NS_CERT_OFF;
    }
  else if (k != NS_CERT_CROSS && sigma != 2 && sl == sigma && sr == sigma)
    {
      fmpq_poly_t p;
      fmpq_poly_init (p);
      if (switching_poly (p, f, kind, level)
          && fmpq_poly_degree (p) <= CERT_MAX_DEGREE)
        k = poly_decide (p, lo, hi, sigma);
      fmpq_poly_clear (p);
      if (k == NS_CERT_OFF || k == NS_CERT_CONTACT)
        *left = *right = sigma;
    }
  arf_clear (lo);
  arf_clear (hi);
  if (k == NS_CERT_UNDECIDED)
    {
      /* q stays on one side of the level around x: a contact at most, smooth. */
      int r = range_sign (f, kind, level, x);
      if (r != 0)
        {
          *left = *right = r;
          k = NS_CERT_CONTACT;
        }
    }
  return k;
}

/* ------------------------------------------------------------------ isolation */

/* The derivative trees of the switching quantity (one per argument that
   switches), built once per isolation. */


/* Is q - level certainly nonzero on [a, b]?  The plain ball first, then
   the mean-value form q(m) + q'([a, b]) ([a, b] - m), which sees that
   1 - cos x is positive on [w, 2w] where the plain ball (sin bounded by 1)
   does not; the precision rises for q(m) near a contact, where it cancels. */
/* Encloses q' (WHICH = 1) or q'' (WHICH = 2) over the ball X. */
static int
ball_dq (arb_t out, const qdiff *dq, int which, const arb_t x, slong prec)
{
  ns_function *const *d = which == 1 ? dq->d : dq->dd;
  if (ns_cert_ball_eval (out, d[0], x, prec) != NS_CERT_BALL_OK)
    return 0;
  if (dq->n == 2)
    {
      arb_t t;
      arb_init (t);
      int ok = ns_cert_ball_eval (t, d[1], x, prec) == NS_CERT_BALL_OK;
      arb_sub (out, out, t, prec);
      arb_clear (t);
      return ok;
    }
  return 1;
}

static int
is_nonzero_sign (const arb_t v)
{
  int sg = ns_cert_ball_sign (v);
  return sg == 1 || sg == -1;
}

/* OUT = C * [0, W] for W >= 0.  When C has a sign the product keeps it
   (a ball product of [0, W], centre W/2, would reach below 0 by C's
   radius times W/2, more than a contact's q(e) can afford). */
static void
mul_by_range (arb_t out, const arb_t c, const arf_t w, slong prec)
{
  arf_t b, z;
  arf_init (b);
  arf_init (z);
  if (arb_is_nonnegative (c) || arb_is_nonpositive (c))
    {
      int pos = arb_is_nonnegative (c);
      if (pos)
        arb_get_ubound_arf (b, c, prec);
      else
        arb_get_lbound_arf (b, c, prec);
      arf_mul (b, b, w, prec, pos ? ARF_RND_UP : ARF_RND_DOWN);
      ns_cert_set_from_zero (out, b);
    }
  else
    {
      arb_set_interval_arf (out, z, w, prec);
      arb_mul (out, out, c, prec);
    }
  arf_clear (b);
  arf_clear (z);
}

/* Is q - level certainly nonzero on [lo, hi]?  Four enclosures, cheapest
   first: the plain ball; the mean-value form q(m) + q'(B)(B - m), which
   sees that 1 - cos x > 0 on [w, 2w] where the plain ball (Arb bounds the
   change of cos by the radius) does not; and the second-order forms at
   either end e, q(e) + q'(e)(B - e) + q''(B)(B - e)^2/2, which exclude the
   wide boxes of the double grid next to a contact (1 - cos x on
   [1e-162, 1e-8]).  The precision rises for q near a contact, where it
   cancels. */
static int
box_excluded_arf (const ns_function *f, ns_switch_kind kind, double level, const qdiff *dq,
                  const arf_t lo, const arf_t hi, double md)
{
  arb_t box, v, m, dv, t, t2;
  arb_init (box);
  arb_init (v);
  arb_init (m);
  arb_init (dv);
  arb_init (t);
  arb_init (t2);
  arb_set_interval_arf (box, lo, hi, CERT_PREC_LAST);
  int excluded = 0;
  /* 128, 512, 2048 and 4096 bits: 1 - cos x at a subnormal x is x^2/2,
     below 2^-2100, which only the last resolves. */
  static const slong precs[] = { 128, 512, 2048, CERT_PREC_LAST };
  for (size_t ip = 0; ip < sizeof precs / sizeof *precs && !excluded; ip++)
    {
      slong prec = precs[ip];
      if (ns_cert_ball_q (v, f, kind, level, box, prec) == NS_CERT_BALL_OK && is_nonzero_sign (v))
        {
          excluded = 1;
          break;
        }
      if (dq->n == 0)
        break;
      arb_set_d (m, md);
      if (ns_cert_ball_q (v, f, kind, level, m, prec) == NS_CERT_BALL_OK && ball_dq (dv, dq, 1, box, prec))
        {
          arb_sub (t, box, m, prec);
          arb_addmul (v, dv, t, prec);
          if (is_nonzero_sign (v))
            {
              excluded = 1;
              break;
            }
        }
      arf_t z, w, wn, w2;
      arf_init (z);
      arf_init (w);
      arf_init (wn);
      arf_init (w2);
      arf_sub (w, hi, lo, ARF_PREC_EXACT, ARF_RND_DOWN);
      arf_neg (wn, w);
      arf_mul (w2, w, w, prec, ARF_RND_UP);
      ns_cert_set_from_zero (t2, w2);     /* (B - e)^2 in [0, w^2] */
      for (int end = 0; end < 2 && !excluded; end++)
        {
          /* t = B - e is [0, w] from the left end, [-w, 0] from the right. */
          ns_cert_set_from_zero (t, end == 0 ? w : wn);
          arb_set_arf (m, end == 0 ? lo : hi);
          if (ns_cert_ball_q (v, f, kind, level, m, prec) != NS_CERT_BALL_OK
              || !ball_dq (dv, dq, 1, m, prec))
            continue;
          if (end == 1)
            arb_neg (dv, dv);     /* q'(e) t = (-q'(e)) |t| */
          mul_by_range (t, dv, w, prec);
          arb_add (v, v, t, prec);
          if (!ball_dq (dv, dq, 2, box, prec))
            continue;
          mul_by_range (t, dv, w2, prec);
          arb_mul_2exp_si (t, t, -1);
          arb_add (v, v, t, prec);
          excluded = is_nonzero_sign (v);
        }
      arf_clear (z);
      arf_clear (w);
      arf_clear (wn);
      arf_clear (w2);
    }
  arb_clear (box);
  arb_clear (v);
  arb_clear (m);
  arb_clear (dv);
  arb_clear (t);
  arb_clear (t2);
  return excluded;
}

static int
box_excluded (const ns_function *f, ns_switch_kind kind, double level, const qdiff *dq,
              double a, double b)
{
  /* A sign change between the ends (cheap, at 64 bits) holds a root: no
     form can exclude such a box, so the precisions are not climbed. */
  arb_t p, v;
  arb_init (p);
  arb_init (v);
  int sa = 2, sb = 2;
  arb_set_d (p, a);
  if (ns_cert_ball_q (v, f, kind, level, p, CERT_PREC_FIRST) == NS_CERT_BALL_OK)
    sa = ns_cert_ball_sign (v);
  arb_set_d (p, b);
  if (ns_cert_ball_q (v, f, kind, level, p, CERT_PREC_FIRST) == NS_CERT_BALL_OK)
    sb = ns_cert_ball_sign (v);
  arb_clear (p);
  arb_clear (v);
  if ((sa == 1 && sb == -1) || (sa == -1 && sb == 1))
    return 0;
  arf_t lo, hi;
  arf_init (lo);
  arf_init (hi);
  arf_set_d (lo, a);
  arf_set_d (hi, b);
  int e = box_excluded_arf (f, kind, level, dq, lo, hi, ns_bp_grid_mid (a, b));
  arf_clear (lo);
  arf_clear (hi);
  return e;
}

static void
qdiff_init (qdiff *dq, const ns_function *f, ns_switch_kind kind)
{
  dq->d[0] = dq->d[1] = dq->dd[0] = dq->dd[1] = NULL;
  dq->n = 0;
  int na = kind == NS_SWITCH_DIFF ? 2 : 1;
  for (int i = 0; i < na; i++)
    if (ns_fn_diff (f->arg[kind == NS_SWITCH_ARG1 ? 1 : i], &dq->d[i]) != NS_OK
        || ns_fn_diff (dq->d[i], &dq->dd[i]) != NS_OK)
      return;
  dq->n = na;
}

static void
qdiff_clear (qdiff *dq)
{
  ns_fn_free (dq->d[0]);
  ns_fn_free (dq->d[1]);
  ns_fn_free (dq->dd[0]);
  ns_fn_free (dq->dd[1]);
}

int
ns_cert_isolate (const ns_function *f, ns_switch_kind kind, double level, double lo,
                 double hi, double *pts, int max)
{
  qdiff dq;
  qdiff_init (&dq, f, kind);
  double stack[2 * CERT_ISOLATE_DEPTH];
  int top = 0, n = 0, boxes = 0;
  /* Each box evaluates the tree a few times at up to 4096 bits: the budget
     shrinks with the tree so that a search stays within about 4e7 node
     evaluations. */
  long budget = CERT_ISOLATE_BOXES;
  if (f->size > 10000)
    budget = (long) CERT_ISOLATE_BOXES * 10000 / f->size;
  stack[top++] = lo;
  stack[top++] = hi;
  while (top > 0 && n >= 0)
    {
      double b = stack[--top], a = stack[--top];
      if (++boxes > budget)
        {
          n = -1;
          break;
        }
      if (box_excluded (f, kind, level, &dq, a, b))
        continue;
      if (ns_bp_grid_adjacent (a, b))
        {
          /* Both ends of the last box, each once. */
          if (n == 0 || pts[n - 1] != a)
            {
              if (n >= max)
                {
                  n = -1;
                  break;
                }
              pts[n++] = a;
            }
          if (b != a)
            {
              if (n >= max)
                {
                  n = -1;
                  break;
                }
              pts[n++] = b;
            }
          continue;
        }
      if (top + 4 > 2 * CERT_ISOLATE_DEPTH)
        {
          n = -1;
          break;
        }
      double mid = ns_bp_grid_mid (a, b);
      /* Right half below the left on the stack: boxes come off in
         increasing order, so the points do too. */
      stack[top++] = mid;
      stack[top++] = b;
      stack[top++] = a;
      stack[top++] = mid;
    }
  qdiff_clear (&dq);
  return n;
}

#define point_sign ns_cert_point_sign

/* A double X where the sign of q - level is not decided: a zero there
   that balls cannot prove (exp(x) - exp(1e-17) at x = 1e-17).  X is the
   double nearest the crossing when the certified signs at the ends of its
   rounding interval (exact in arf) are SLEFT and -SLEFT: the one crossing
   of the bracket lies inside it. */
static int
undecided_holds_root (const ns_function *f, ns_switch_kind kind, double level, double x,
                      int sleft)
{
  double xl = nextafter (x, -HUGE_VAL), xr = nextafter (x, HUGE_VAL);
  if (!isfinite (xl) || !isfinite (xr))
    return 0;
  arf_t e, t;
  arf_init (e);
  arf_init (t);
  arf_set_d (e, xl);
  arf_set_d (t, x);
  arf_add (e, e, t, ARF_PREC_EXACT, ARF_RND_DOWN);
  arf_mul_2exp_si (e, e, -1);
  int sl = ball_sign_at_arf (f, kind, level, e);
  arf_set_d (e, xr);
  arf_add (e, e, t, ARF_PREC_EXACT, ARF_RND_DOWN);
  arf_mul_2exp_si (e, e, -1);
  int sr = ball_sign_at_arf (f, kind, level, e);
  arf_clear (e);
  arf_clear (t);
  return sl == sleft && sr == -sleft && (sleft == 1 || sleft == -1);
}

/* X moved by 2^J ulps of X towards DIR (+1 or -1), clamped to LIMIT. */
static double
grid_step (double x, int dir, int j, double limit)
{
  double u = dir > 0 ? nextafter (x, HUGE_VAL) - x : x - nextafter (x, -HUGE_VAL);
  double y = x + dir * ldexp (u, j);
  if (!isfinite (y) || (dir > 0 ? y >= limit : y <= limit))
    return limit;
  return y;
}

int
ns_cert_round_root (const ns_function *f, ns_switch_kind kind, double level, double lo,
                    double hi, double x0, double *root)
{
  if (!(lo <= x0 && x0 <= hi))
    return 0;
  int s0 = point_sign (f, kind, level, x0);
  if (s0 == 0)
    {
      *root = x0;
      return 1;
    }
  if (s0 == 2)
    return 0;
  /* Which side the crossing is on: the end whose certified sign differs
     from s0.  Both ends must be decided (the bracket's signs are clear in
     doubles, so the first Arb precision normally settles them). */
  int slo = point_sign (f, kind, level, lo), shi = point_sign (f, kind, level, hi);
  if (slo == 2 || shi == 2 || (slo != -s0 && shi != -s0))
    return 0;
  int dir = shi == -s0 ? 1 : -1;
  double limit = dir > 0 ? hi : lo;
  /* Gallop away from x0 by 1, 2, 4, ... ulps until the sign flips (a few
     steps: the double search is within a few ulps), then bisect the
     double grid between the last two points with certified signs. */
  double a = x0, b = limit;
  int sb = dir > 0 ? shi : slo;
  for (int j = 0; j < 64; j++)
    {
      double y = grid_step (x0, dir, j, limit);
      if (y == limit)
        break;
      int sy = point_sign (f, kind, level, y);
      if (sy == 2)
        {
          /* Left of y the sign is s0 when galloping right, else -s0. */
          if (!undecided_holds_root (f, kind, level, y, dir > 0 ? s0 : -s0))
            return 0;
          *root = y;
          return 1;
        }
      if (sy == 0)
        {
          *root = y;
          return 1;
        }
      if (sy == s0)
        a = y;
      else
        {
          b = y;
          sb = sy;
          break;
        }
    }
  if (sb == 0)
    {
      *root = b;
      return 1;
    }
  /* Now sign(a) = s0 = -sign(b); order them. */
  double l = fmin (a, b), r = fmax (a, b);
  int sl = l == a ? s0 : sb;
  while (!ns_bp_grid_adjacent (l, r))
    {
      double m = ns_bp_grid_mid (l, r);
      if (m <= l || m >= r)
        return 0;
      int sm = point_sign (f, kind, level, m);
      if (sm == 2)
        {
          if (!undecided_holds_root (f, kind, level, m, sl))
            return 0;
          *root = m;
          return 1;
        }
      if (sm == 0)
        {
          *root = m;
          return 1;
        }
      if (sm == sl)
        l = m;
      else
        r = m;
    }
  /* The crossing lies strictly between the neighbours l and r: the sign
     at their midpoint (exact in arf) says which rounding interval holds
     it; a root at the midpoint itself is a tie, rounded to the even
     significand as round-to-nearest does. */
  arf_t mid, t;
  arf_init (mid);
  arf_init (t);
  arf_set_d (mid, l);
  arf_set_d (t, r);
  arf_add (mid, mid, t, ARF_PREC_EXACT, ARF_RND_DOWN);
  arf_mul_2exp_si (mid, mid, -1);
  int sm = ball_sign_at_arf (f, kind, level, mid);
  arf_clear (mid);
  arf_clear (t);
  if (sm == 2)
    return 0;
  if (sm == sl)
    *root = r;
  else if (sm == -sl)
    *root = l;
  else
    {
      int e;
      double ml = frexp (l, &e);
      /* The even significand: the last bit of the 53-bit integer. */
      double il = ldexp (ml, 53);
      *root = fmod (fabs (il), 2.0) == 0 ? l : r;
    }
  return 1;
}

/* The sign of the exact value of a subtree without variables: -1, 0, +1,
   or 2 when undecided.  Not the double's sign: (1 + 1e-16 - 1) is 0 in
   doubles and 1e-16 exactly, so -(1 + 1e-16 - 1)*x^2 is concave.
   Rationals decide a rational tree exactly (0 included); Arb balls of
   rising precision decide the others' nonzero signs. */
int
ns_cert_const_sign (const ns_function *t)
{
  int sign = 2;
  if (ns_cert_is_rational_tree (t))
    {
      fmpq_t x, v;
      fmpq_init (x);
      fmpq_init (v);
      if (ns_cert_fmpq_eval (v, t, x))
        sign = fmpq_sgn (v);
      fmpq_clear (x);
      fmpq_clear (v);
      if (sign != 2)
        return sign;
    }
  arb_t x, v;
  arb_init (x);
  arb_init (v);
  for (slong prec = CERT_PREC_FIRST; prec <= CERT_PREC_LAST && sign == 2; prec *= 4)
    if (ns_cert_ball_eval (v, t, x, prec) == NS_CERT_BALL_OK)
      sign = ns_cert_ball_sign (v);
  arb_clear (x);
  arb_clear (v);
  return sign;
}
