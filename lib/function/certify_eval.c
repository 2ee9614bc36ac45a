/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/certify_eval.c: the three evaluators of an expression tree
   at a double behind the certified decisions, cheapest first: error-free
   double arithmetic (exact or it says so; no allocation), FLINT rationals
   (exact for trees without exp, log, sqrt, sin, cos) and Arb balls
   (rigorous enclosures of exp, log, sqrt, sin and cos at any precision;
   no assumption on libm). */
#include <config.h>
#include <math.h>
#include <string.h>
#include "function/certify_impl.h"

/* ------------------------------------------------------------------ exact doubles */

/* Results this small may have lost bits to underflow, which an fma residual
   cannot see: they do not count as exact. */
#define TINY 0x1p-960

static int
exact_product (double a, double b, double p)
{
  if (!isfinite (p))
    return 0;
  if (p == 0)
    return a == 0 || b == 0;
  return fabs (p) >= TINY && fma (a, b, -p) == 0;
}

static int
exact_sum (double a, double b, double s)
{
  if (!isfinite (s))
    return 0;
  /* Knuth's TwoSum: the rounding error of a + b, exactly. */
  double bb = s - a;
  double e = (a - (s - bb)) + (b - bb);
  return e == 0 && (s == 0 || fabs (s) >= TINY || (fabs (a) < TINY && fabs (b) < TINY));
}

/* Evaluates F at X in doubles; returns 1 with *V the exact value when
   every operation was exact, 0 otherwise (then *V means nothing). */
int
ns_cert_exact_eval (const ns_function *f, double x, double *v)
{
  double a = 0, b = 0, r;
  int arity = ns_op_rules_get (f->op)->info.arity;
  if (arity >= 1 && !ns_cert_exact_eval (f->arg[0], x, &a))
    return 0;
  if (arity >= 2 && !ns_cert_exact_eval (f->arg[1], x, &b))
    return 0;
  switch (f->op)
    {
    case NS_OP_X: *v = x; return 1;
    case NS_OP_CONST: *v = f->param[0]; return 1;
    case NS_OP_ADD: *v = a + b; return exact_sum (a, b, *v);
    case NS_OP_SUB: *v = a - b; return exact_sum (a, -b, *v);
    case NS_OP_MUL: *v = a * b; return exact_product (a, b, *v);
    case NS_OP_DIV:
      if (b == 0)
        return 0;
      *v = a / b;
      return isfinite (*v) && (a == 0 || (fabs (*v) >= TINY && fma (*v, b, -a) == 0));
    case NS_OP_NEG: *v = -a; return 1;
    case NS_OP_POW:
      {
        int n = (int) f->param[0];
        if (n == 0)
          {
            *v = 1;
            return 1;
          }
        if (n < 0 && a == 0)
          return 0;
        if (a == 0 || a == 1 || a == -1)
          {
            /* Closed form: the loop below would run |n| (up to 2^31) times. */
            *v = a == 0 ? 0.0 : (a == -1 && n % 2 != 0) ? -1.0 : 1.0;
            return 1;
          }
        /* Otherwise |a|^k leaves the exact doubles within about 2100
           steps (bits or exponent run out), which ends the loop. */
        r = 1;
        for (int i = 0; i < abs (n); i++)
          {
            double p = r * a;
            if (!exact_product (r, a, p))
              return 0;
            r = p;
          }
        if (n < 0)
          {
            double q = 1 / r;
            if (!(isfinite (q) && fabs (q) >= TINY && fma (q, r, -1.0) == 0))
              return 0;
            r = q;
          }
        *v = r;
        return 1;
      }
    /* Transcendental functions are exact at their trivial points only. */
    case NS_OP_EXP: *v = 1; return a == 0;
    case NS_OP_LOG: *v = 0; return a == 1;
    case NS_OP_SIN: *v = 0; return a == 0;
    case NS_OP_COS: *v = 1; return a == 0;
    case NS_OP_SQRT:
      if (a < 0)
        return 0;
      *v = sqrt (a);
      return a == 0 || (fabs (a) >= TINY && fma (*v, *v, -a) == 0);
    case NS_OP_RELU: *v = a > 0 ? a : 0.0; return 1;
    case NS_OP_ABS: *v = fabs (a); return 1;
    case NS_OP_HEAVISIDE: *v = a > 0 ? 1.0 : a < 0 ? 0.0 : f->param[0]; return 1;
    case NS_OP_SIGN: *v = a > 0 ? 1.0 : a < 0 ? -1.0 : 0.0; return 1;
    case NS_OP_MAX: *v = a > b ? a : b; return 1;
    case NS_OP_MIN: *v = a < b ? a : b; return 1;
    case NS_OP_CLAMP:
      *v = a < f->param[0] ? f->param[0] : a > f->param[1] ? f->param[1] : a;
      return 1;
    case NS_OP_LEAKY_RELU:
      if (a >= 0)
        {
          *v = a;
          return 1;
        }
      *v = f->param[0] * a;
      return exact_product (f->param[0], a, *v);
    case NS_OP_FLOOR: *v = floor (a); return 1;
    default:
      return 0;
    }
}

/* The sign of p - q for doubles (an exact comparison). */
int
ns_cert_cmp_double (double p, double q)
{
  return (p > q) - (p < q);
}

/* ------------------------------------------------------------------ exact rationals */

int
ns_cert_is_rational_tree (const ns_function *f)
{
  switch (f->op)
    {
    case NS_OP_EXP:
    case NS_OP_LOG:
    case NS_OP_SQRT:
    case NS_OP_SIN:
    case NS_OP_COS:
      return 0;
    default:
      break;
    }
  int arity = ns_op_rules_get (f->op)->info.arity;
  for (int i = 0; i < arity; i++)
    if (!ns_cert_is_rational_tree (f->arg[i]))
      return 0;
  return 1;
}

/* The exact rational value of a finite double (FLINT 2.9 has no
   fmpq_set_d; Arb's arf holds a double exactly). */
void
ns_cert_q_set_d (fmpq_t out, double d)
{
  arf_t t;
  arf_init (t);
  arf_set_d (t, d);
  arf_get_fmpq (out, t);
  arf_clear (t);
}

static int
fmpq_too_big (const fmpq_t q)
{
  return fmpz_bits (fmpq_numref (q)) + fmpz_bits (fmpq_denref (q)) > CERT_MAX_BITS;
}

/* Sets OUT to the exact value of a rational tree at the rational X.
   Returns 1 on success, 0 on a domain error or a size bound. */
int
ns_cert_fmpq_eval (fmpq_t out, const ns_function *f, const fmpq_t x)
{
  int arity = ns_op_rules_get (f->op)->info.arity;
  fmpq_t a, b;
  fmpq_init (a);
  fmpq_init (b);
  int ok = 1;
  if (arity >= 1)
    ok = ns_cert_fmpq_eval (a, f->arg[0], x);
  if (ok && arity >= 2)
    ok = ns_cert_fmpq_eval (b, f->arg[1], x);
  if (ok)
    switch (f->op)
      {
      case NS_OP_X: fmpq_set (out, x); break;
      case NS_OP_CONST: ns_cert_q_set_d (out, f->param[0]); break;
      case NS_OP_ADD: fmpq_add (out, a, b); break;
      case NS_OP_SUB: fmpq_sub (out, a, b); break;
      case NS_OP_MUL: fmpq_mul (out, a, b); break;
      case NS_OP_DIV:
        if (fmpq_is_zero (b))
          ok = 0;
        else
          fmpq_div (out, a, b);
        break;
      case NS_OP_NEG: fmpq_neg (out, a); break;
      case NS_OP_POW:
        {
          long n = (long) f->param[0];
          long bits = (long) (fmpz_bits (fmpq_numref (a)) + fmpz_bits (fmpq_denref (a)));
          if ((n < 0 && fmpq_is_zero (a)) || bits * labs (n) > CERT_MAX_BITS)
            ok = 0;
          else
            fmpq_pow_si (out, a, n);
          break;
        }
      case NS_OP_RELU:
        if (fmpq_sgn (a) > 0)
          fmpq_set (out, a);
        else
          fmpq_zero (out);
        break;
      case NS_OP_ABS: fmpq_abs (out, a); break;
      case NS_OP_HEAVISIDE:
        if (fmpq_sgn (a) == 0)
          ns_cert_q_set_d (out, f->param[0]);
        else
          fmpq_set_si (out, fmpq_sgn (a) > 0, 1);
        break;
      case NS_OP_SIGN: fmpq_set_si (out, fmpq_sgn (a), 1); break;
      case NS_OP_MAX: fmpq_set (out, fmpq_cmp (a, b) >= 0 ? a : b); break;
      case NS_OP_MIN: fmpq_set (out, fmpq_cmp (a, b) <= 0 ? a : b); break;
      case NS_OP_CLAMP:
        ns_cert_q_set_d (b, f->param[0]);
        if (fmpq_cmp (a, b) < 0)
          fmpq_set (out, b);
        else
          {
            ns_cert_q_set_d (b, f->param[1]);
            fmpq_set (out, fmpq_cmp (a, b) > 0 ? b : a);
          }
        break;
      case NS_OP_LEAKY_RELU:
        if (fmpq_sgn (a) >= 0)
          fmpq_set (out, a);
        else
          {
            ns_cert_q_set_d (b, f->param[0]);
            fmpq_mul (out, a, b);
          }
        break;
      case NS_OP_FLOOR:
        fmpz_fdiv_q (fmpq_numref (out), fmpq_numref (a), fmpq_denref (a));
        fmpz_one (fmpq_denref (out));
        break;
      default:
        ok = 0;
        break;
      }
  if (ok && fmpq_too_big (out))
    ok = 0;
  fmpq_clear (a);
  fmpq_clear (b);
  return ok;
}

/* ------------------------------------------------------------------ Arb balls */

/* OUT = [0, u] (U >= 0) or [u, 0] (U <= 0) with the end 0 kept exactly:
   a ball's radius has 30 bits (MAG_BITS), so u is first rounded away from
   0 to 30 bits, which makes midpoint and radius both |u|/2 exactly. */
void
ns_cert_set_from_zero (arb_t out, const arf_t u)
{
  arf_t h;
  arf_init (h);
  arf_set_round (h, u, MAG_BITS, ARF_RND_UP);
  arf_mul_2exp_si (h, h, -1);
  arf_set (arb_midref (out), h);
  /* arf_get_mag rounds up by a unit even when exact: build the radius
     from the 30-bit mantissa instead, exactly. */
  fmpz_t man, e;
  fmpz_init (man);
  fmpz_init (e);
  arf_abs (h, h);
  arf_get_fmpz_2exp (man, e, h);
  if (arf_is_zero (h))
    mag_zero (arb_radref (out));
  else
    mag_set_ui_2exp_si (arb_radref (out), fmpz_get_ui (man), fmpz_get_si (e));
  fmpz_clear (man);
  fmpz_clear (e);
  arf_clear (h);
}

/* OUT = [0, max|a|^n], which holds |a|^n over the ball A. */
static void
nonneg_range_pow (arb_t out, const arb_t a, ulong n, slong prec)
{
  arf_t u, z;
  arf_init (u);
  arf_init (z);
  arb_get_abs_ubound_arf (u, a, prec);
  arb_set_arf (out, u);
  arb_pow_ui (out, out, n, prec);
  arb_get_ubound_arf (u, out, prec);
  ns_cert_set_from_zero (out, u);
  arf_clear (u);
  arf_clear (z);
}

/* OUT encloses f over the ball X.  NS_CERT_BALL_UNKNOWN when a domain boundary
   (a denominator, log, sqrt) may lie in the ball; NS_CERT_BALL_DOMAIN when f is
   undefined on all of it. */
int
ns_cert_ball_eval (arb_t out, const ns_function *f, const arb_t x, slong prec)
{
  int arity = ns_op_rules_get (f->op)->info.arity;
  arb_t a, b;
  arb_init (a);
  arb_init (b);
  int st = NS_CERT_BALL_OK;
  if (arity >= 1)
    st = ns_cert_ball_eval (a, f->arg[0], x, prec);
  if (st == NS_CERT_BALL_OK && arity >= 2)
    st = ns_cert_ball_eval (b, f->arg[1], x, prec);
  if (st == NS_CERT_BALL_OK)
    switch (f->op)
      {
      case NS_OP_X: arb_set (out, x); break;
      case NS_OP_CONST: arb_set_d (out, f->param[0]); break;
      case NS_OP_ADD: arb_add (out, a, b, prec); break;
      case NS_OP_SUB: arb_sub (out, a, b, prec); break;
      case NS_OP_MUL: arb_mul (out, a, b, prec); break;
      case NS_OP_DIV:
        if (arb_is_zero (b))
          st = NS_CERT_BALL_DOMAIN;
        else if (arb_contains_zero (b))
          st = NS_CERT_BALL_UNKNOWN;
        else
          arb_div (out, a, b, prec);
        break;
      case NS_OP_NEG: arb_neg (out, a); break;
      case NS_OP_POW:
        {
          long n = (long) f->param[0];
          /* An even power of a ball around 0 is [0, max|a|^n]; Arb's
             product of balls would reach below 0 and hide sin(x)^2 >= 0. */
          if (n > 0 && n % 2 == 0 && arb_contains_zero (a))
            nonneg_range_pow (out, a, (ulong) n, prec);
          else
            arb_pow_ui (out, a, (ulong) labs (n), prec);
          if (n < 0)
            {
              if (arb_is_zero (a))
                st = NS_CERT_BALL_DOMAIN;
              else if (arb_contains_zero (a))
                st = NS_CERT_BALL_UNKNOWN;
              else
                arb_inv (out, out, prec);
            }
          break;
        }
      case NS_OP_EXP: arb_exp (out, a, prec); break;
      case NS_OP_LOG:
        if (arb_is_positive (a))
          arb_log (out, a, prec);
        else
          st = arb_is_nonpositive (a) ? NS_CERT_BALL_DOMAIN : NS_CERT_BALL_UNKNOWN;
        break;
      case NS_OP_SQRT:
        if (arb_is_nonnegative (a))
          arb_sqrt (out, a, prec);
        else
          st = arb_is_negative (a) ? NS_CERT_BALL_DOMAIN : NS_CERT_BALL_UNKNOWN;
        break;
      case NS_OP_SIN: arb_sin (out, a, prec); break;
      case NS_OP_COS: arb_cos (out, a, prec); break;
      case NS_OP_RELU: arb_nonnegative_part (out, a); break;
      case NS_OP_ABS:
        if (arb_contains_zero (a))
          nonneg_range_pow (out, a, 1, prec);
        else
          arb_abs (out, a);
        break;
      case NS_OP_HEAVISIDE:
      case NS_OP_SIGN:
        {
          double below = f->op == NS_OP_SIGN ? -1 : 0, above = 1;
          double at = f->op == NS_OP_SIGN ? 0 : f->param[0];
          if (arb_is_positive (a))
            arb_set_d (out, above);
          else if (arb_is_negative (a))
            arb_set_d (out, below);
          else if (arb_is_zero (a))
            arb_set_d (out, at);
          else
            {
              /* Every value the step takes on the ball, as one ball. */
              arb_set_d (out, at);
              if (!arb_is_nonpositive (a))
                {
                  arb_set_d (b, above);
                  arb_union (out, out, b, prec);
                }
              if (!arb_is_nonnegative (a))
                {
                  arb_set_d (b, below);
                  arb_union (out, out, b, prec);
                }
            }
          break;
        }
      case NS_OP_MAX: arb_max (out, a, b, prec); break;
      case NS_OP_MIN: arb_min (out, a, b, prec); break;
      case NS_OP_CLAMP:
        arb_set_d (b, f->param[0]);
        arb_max (out, a, b, prec);
        arb_set_d (b, f->param[1]);
        arb_min (out, out, b, prec);
        break;
      case NS_OP_LEAKY_RELU:
        if (arb_is_nonnegative (a))
          arb_set (out, a);
        else if (arb_is_negative (a))
          {
            arb_set_d (b, f->param[0]);
            arb_mul (out, a, b, prec);
          }
        else
          {
            /* a = p - n with p, n >= 0 the two parts: the value is p or s*(-n). */
            arb_neg (b, a);
            arb_nonnegative_part (b, b);
            arb_set_d (out, -f->param[0]);
            arb_mul (b, b, out, prec);
            arb_nonnegative_part (out, a);
            arb_union (out, out, b, prec);
          }
        break;
      case NS_OP_FLOOR: arb_floor (out, a, prec); break;
      default:
        st = NS_CERT_BALL_UNKNOWN;
        break;
      }
  if (st == NS_CERT_BALL_OK && !arb_is_finite (out))
    st = NS_CERT_BALL_UNKNOWN;
  arb_clear (a);
  arb_clear (b);
  return st;
}

/* q - level over the ball X, where q is the quantity KIND of F. */
int
ns_cert_ball_q (arb_t out, const ns_function *f, ns_switch_kind kind, double level,
        const arb_t x, slong prec)
{
  int st = ns_cert_ball_eval (out, f->arg[kind == NS_SWITCH_ARG1], x, prec);
  if (st == NS_CERT_BALL_OK && kind == NS_SWITCH_DIFF)
    {
      arb_t b;
      arb_init (b);
      st = ns_cert_ball_eval (b, f->arg[1], x, prec);
      arb_sub (out, out, b, prec);
      arb_clear (b);
    }
  /* Subtracting 0 is skipped: Arb's radius sum rounds up, which would
     push the exact end 0 of [0, u] (an even power) below 0. */
  if (st == NS_CERT_BALL_OK && level != 0)
    {
      arb_t l;
      arb_init (l);
      arb_set_d (l, level);
      arb_sub (out, out, l, prec);
      arb_clear (l);
    }
  return st;
}

/* -1, 0 (exactly), +1, or 2 when the ball does not decide. */
int
ns_cert_ball_sign (const arb_t b)
{
  if (arb_is_positive (b))
    return 1;
  if (arb_is_negative (b))
    return -1;
  if (arb_is_zero (b))
    return 0;
  return 2;
}

/* The sign of q - level over the ball X, raising the precision until the
   ball decides or CERT_PREC_LAST is passed. */
int
ns_cert_ball_q_sign (const ns_function *f, ns_switch_kind kind, double level, const arb_t x)
{
  arb_t v;
  arb_init (v);
  int s = 2;
  for (slong prec = CERT_PREC_FIRST; prec <= CERT_PREC_LAST && s == 2; prec *= 2)
    {
      int st = ns_cert_ball_q (v, f, kind, level, x, prec);
      if (st == NS_CERT_BALL_OK)
        s = ns_cert_ball_sign (v);
      else if (st == NS_CERT_BALL_DOMAIN)
        break;
      /* A ball that is exact at this precision will not get any better. */
      if (st == NS_CERT_BALL_OK && s == 2 && arb_is_exact (x) && mag_is_zero (arb_radref (v)))
        break;
    }
  arb_clear (v);
  return s;
}

