/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/dist_parse.c: text -> ns_dist.  The distribution grammar on top of
   the function parser's tokens and rules (lib/parse/parse_impl.h): sums of
   functions, deltas and principal values, their derivatives, and their
   products with functions.  Every subexpression is either a function (kept
   as one ns_function, so "relu(x) + x" is one regular term) or a
   distribution; the operators say which combinations exist, and every
   other one is a parse error at the operator, never a guess. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include "nonsmooth/distribution.h"
#include "distribution/distribution_impl.h"
#include "parse/parse_impl.h"

/* A parsed subexpression: exactly one of F and D on success, neither after
   an error (the parser then holds the message). */
typedef struct value
{
  ns_function *f;
  ns_dist *d;
} value;

static const value no_value = { NULL, NULL };

static int
value_ok (value v)
{
  return v.f != NULL || v.d != NULL;
}

static void
value_free (value v)
{
  ns_fn_free (v.f);
  ns_dist_free (v.d);
}

static value
value_fn (ns_function *f)
{
  value v = { f, NULL };
  return v;
}

static value
value_dist (ns_dist *d)
{
  value v = { NULL, d };
  return v;
}

/* Whether F reads x anywhere (parsed trees are small and unshared: at
   most NS_PARSE_MAX_LENGTH nodes, NS_FN_MAX_DEPTH deep). */
static int
depends_on_x (const ns_function *f)
{
  if (ns_fn_op (f) == NS_OP_X)
    return 1;
  const ns_function *arg;
  for (int i = 0; (arg = ns_fn_arg (f, i)) != NULL; i++)
    if (depends_on_x (arg))
      return 1;
  return 0;
}

/* The value of the constant function F (no x), or 0 and an error at AT
   naming WHAT when it is not a finite number. */
static int
constant_value (parser *p, const ns_function *f, size_t at, const char *what, double *c)
{
  ns_result r;
  ns_status s = ns_fn_eval (f, 0.0, &r);
  if (s != NS_OK || !isfinite (r.val))
    {
      ns_parse_set_error (p, NS_EPARSE, at, "%s is not a finite number (%s)", what,
                          s != NS_OK ? ns_strerror (s) : "infinite");
      return 0;
    }
  *c = r.val;
  return 1;
}

/* Reports a failed ns_dist_* call at AT; LIMIT says which bound
   NS_ELIMIT means there.  Returns whether S is NS_OK. */
static int
dist_call_ok (parser *p, ns_status s, size_t at, const char *limit)
{
  if (s == NS_OK)
    return 1;
  if (s == NS_ENOMEM)
    ns_parse_set_error (p, NS_ENOMEM, at, "out of memory");
  else if (s == NS_ELIMIT)
    ns_parse_set_error (p, NS_ELIMIT, at, "%s", limit[0] ? limit : ns_strerror (s));
  else if (s == NS_ERANGE)
    ns_parse_set_error (p, NS_EPARSE, at, "coefficient out of range (overflows a double)");
  else
    ns_parse_set_error (p, NS_EPARSE, at, "cannot build the distribution: %s",
                        ns_strerror (s));
  return 0;
}

/* V as a distribution (a function F becomes T_F); takes V. */
static value
as_dist (parser *p, value v, size_t at)
{
  if (v.f == NULL)
    return v;
  ns_dist *d = NULL;
  ns_status s = ns_dist_regular (v.f, &d);
  ns_fn_free (v.f);
  return dist_call_ok (p, s, at, "") ? value_dist (d) : no_value;
}

/* C * V for a distribution V; takes V. */
static value
scaled (parser *p, double c, value v, size_t at)
{
  ns_dist *d = NULL;
  /* 1/c of a tiny constant overflows like a product does. */
  ns_status s = isfinite (c) ? ns_dist_scale (c, v.d, &d) : NS_ERANGE;
  ns_dist_free (v.d);
  return dist_call_ok (p, s, at, "") ? value_dist (d) : no_value;
}

/* ------------------------------------------------------------------ operators */

/* L + R or L - R (OP at AT); takes both. */
static value
combine_sum (parser *p, value l, value r, token_kind op, size_t at)
{
  if (l.f != NULL && r.f != NULL)
    return value_fn (ns_parse_build (p, op == TOK_PLUS ? NS_OP_ADD : NS_OP_SUB, l.f, r.f,
                                     NULL, at));
  l = as_dist (p, l, at);
  r = as_dist (p, r, at);
  if (value_ok (r) && op == TOK_MINUS)
    r = scaled (p, -1.0, r, at);
  if (!value_ok (l) || !value_ok (r))
    {
      value_free (l);
      value_free (r);
      return no_value;
    }
  ns_dist *d = NULL;
  char limit[64];
  snprintf (limit, sizeof limit, "more than %d terms", NS_DIST_MAX_TERMS);
  ns_status s = ns_dist_sum (l.d, r.d, &d);
  value_free (l);
  value_free (r);
  return dist_call_ok (p, s, at, limit) ? value_dist (d) : no_value;
}

/* L * R or L / R (OP at AT); takes both.  A function times a distribution
   is ns_dist_scale when the function is a constant, ns_dist_mul
   otherwise; a distribution is divided only by a nonzero constant. */
static value
combine_product (parser *p, value l, value r, token_kind op, size_t at)
{
  if (l.f != NULL && r.f != NULL)
    return value_fn (ns_parse_build (p, op == TOK_STAR ? NS_OP_MUL : NS_OP_DIV, l.f, r.f,
                                     NULL, at));
  const char *problem = NULL;
  if (l.d != NULL && r.d != NULL && op == TOK_STAR)
    problem = "cannot multiply two distributions (only a function times a distribution)";
  else if (r.d != NULL && op == TOK_SLASH)
    problem = "cannot divide by a distribution";
  else if (op == TOK_SLASH && depends_on_x (r.f))
    problem = "a distribution may only be divided by a constant";
  if (problem != NULL)
    {
      ns_parse_set_error (p, NS_EPARSE, at, "%s", problem);
      value_free (l);
      value_free (r);
      return no_value;
    }
  value dist = l.d != NULL ? l : r;
  ns_function *g = l.d != NULL ? r.f : l.f;
  double c;
  if (op == TOK_SLASH)
    {
      int ok = constant_value (p, g, at, "the divisor", &c);
      ns_fn_free (g);
      if (ok && c == 0.0)
        {
          ns_parse_set_error (p, NS_EPARSE, at, "division of a distribution by zero");
          ok = 0;
        }
      if (!ok)
        {
          value_free (dist);
          return no_value;
        }
      return scaled (p, 1.0 / c, dist, at);
    }
  if (!depends_on_x (g))
    {
      int ok = constant_value (p, g, at, "the factor", &c);
      ns_fn_free (g);
      if (!ok)
        {
          value_free (dist);
          return no_value;
        }
      return scaled (p, c, dist, at);
    }
  /* A function times D^k[h S] is no term of the model (ns_dist_mul). */
  for (size_t i = 0; i < dist.d->n; i++)
    if (dist.d->terms[i].outer > 0)
      {
        ns_parse_set_error (p, NS_EPARSE, at, "cannot multiply a function by D[...] of a "
                            "product or of delta of a function; write the product inside D "
                            "by Leibniz's rule");
        ns_fn_free (g);
        value_free (dist);
        return no_value;
      }
  ns_dist *d = NULL;
  ns_status s = ns_dist_mul (g, dist.d, &d);
  ns_fn_free (g);
  value_free (dist);
  return dist_call_ok (p, s, at, "product too large for the function model") ? value_dist (d)
                                                                             : no_value;
}

/* ------------------------------------------------------------------ singular terms */

/* An affine function a x + b, with bounds EA and EB on the rounding of
   a and b (the constants themselves, 0.7 or pi, are taken as the doubles
   they are, as everywhere in the parser). */
typedef struct affine
{
  double a, b, ea, eb;
} affine;

/* A rounded sum, product or quotient V, computed from exact operands,
   is within eps/2 |V| of the exact one; DBL_EPSILON |V| is used so that
   the bounds need no separate term for their own rounding.  An operation
   that is exact (checked with an fma or Knuth's two-sum) adds nothing, so
   3*x - 1 has exact coefficients. */
#define ROUNDING(v) (DBL_EPSILON * fabs (v))

/* The rounding bound of S = fl(X + Y). */
static double
sum_rounding (double x, double y, double s)
{
  double yy = s - x, err = (x - (s - yy)) + (y - yy);
  return err != 0.0 ? ROUNDING (s) : 0.0;
}

/* The rounding bound of P = fl(X * Y). */
static double
product_rounding (double x, double y, double p)
{
  return fma (x, y, -p) != 0.0 ? ROUNDING (p) : 0.0;
}

/* The rounding bound of Q = fl(X / Y). */
static double
quotient_rounding (double x, double y, double q)
{
  return fma (q, y, -x) != 0.0 ? ROUNDING (q) : 0.0;
}

/* Whether F is affine in x (x, constants, and their sums, differences,
   negations, products with a constant and quotients by a nonzero
   constant); sets *OUT with the rounding bounds of its coefficients.
   Parsed trees are small (NS_PARSE_MAX_LENGTH nodes), so the recursion
   is bounded. */
static int
affine_of (const ns_function *f, affine *out)
{
  ns_op op = ns_fn_op (f);
  if (op == NS_OP_X)
    {
      *out = (affine) { 1.0, 0.0, 0.0, 0.0 };
      return 1;
    }
  if (!depends_on_x (f))
    {
      ns_result r;
      if (ns_fn_eval (f, 0.0, &r) != NS_OK || !isfinite (r.val) || !isfinite (r.err))
        return 0;
      *out = (affine) { 0.0, r.val, 0.0, r.err };
      return 1;
    }
  affine l, r;
  switch (op)
    {
    case NS_OP_NEG:
      if (!affine_of (ns_fn_arg (f, 0), &l))
        return 0;
      *out = (affine) { -l.a, -l.b, l.ea, l.eb };
      return 1;
    case NS_OP_ADD:
    case NS_OP_SUB:
      {
        if (!affine_of (ns_fn_arg (f, 0), &l) || !affine_of (ns_fn_arg (f, 1), &r))
          return 0;
        double s = op == NS_OP_ADD ? 1.0 : -1.0;
        double a = l.a + s * r.a, b = l.b + s * r.b;
        *out = (affine) { a, b, l.ea + r.ea + sum_rounding (l.a, s * r.a, a),
                          l.eb + r.eb + sum_rounding (l.b, s * r.b, b) };
        return isfinite (a) && isfinite (b);
      }
    case NS_OP_MUL:
      {
        if (!affine_of (ns_fn_arg (f, 0), &l) || !affine_of (ns_fn_arg (f, 1), &r))
          return 0;
        if (l.a != 0.0 && r.a != 0.0)
          return 0;                     /* x times x */
        affine c = l.a == 0.0 ? l : r, v = l.a == 0.0 ? r : l;
        /* (c + dc)(v + dv) - c v = c dv + dc v + dc dv. */
        double a = c.b * v.a, b = c.b * v.b;
        *out = (affine) { a, b,
                          fabs (c.b) * v.ea + c.eb * (fabs (v.a) + v.ea)
                          + product_rounding (c.b, v.a, a),
                          fabs (c.b) * v.eb + c.eb * (fabs (v.b) + v.eb)
                          + product_rounding (c.b, v.b, b) };
        return isfinite (a) && isfinite (b);
      }
    case NS_OP_DIV:
      {
        if (!affine_of (ns_fn_arg (f, 0), &l) || !affine_of (ns_fn_arg (f, 1), &r)
            || r.a != 0.0 || !(fabs (r.b) > 2 * r.eb))
          return 0;                     /* divided by x, or by a zero */
        /* |(v + dv)/(c + dc) - v/c| <= (|dv| + |v/c| |dc|) / (|c| - |dc|). */
        double c = fabs (r.b) - r.eb, a = l.a / r.b, b = l.b / r.b;
        *out = (affine) { a, b,
                          (l.ea + fabs (a) * r.eb) / c + quotient_rounding (l.a, r.b, a),
                          (l.eb + fabs (b) * r.eb) / c + quotient_rounding (l.b, r.b, b) };
        return isfinite (a) && isfinite (b);
      }
    default:
      return 0;
    }
}

#define AFFINE_MESSAGE \
  "the argument of %s must be affine in x, a*x + b with constants a != 0 and b"

/* The argument of delta or pv (named WORD): an affine function of x, a
   sum of terms each affine ("3*x - 1/2", "x + pi", "(x - 1)/3", "0.7 - x");
   sets *ARG to its coefficients and their rounding bounds.  A constant
   term that is not a finite number is named "the shift", at its column. */
static int
parse_affine (parser *p, const char *word, affine *arg)
{
  const size_t arg_at = p->tok.start;
  affine sum = { 0.0, 0.0, 0.0, 0.0 };
  for (int first = 1;; first = 0)
    {
      int minus = 0;
      if (!first)
        {
          if (p->tok.kind != TOK_PLUS && p->tok.kind != TOK_MINUS)
            break;
          minus = p->tok.kind == TOK_MINUS;
          ns_parse_advance (p);
        }
      const size_t term_at = p->tok.start;
      ns_function *t = ns_parse_term (p);
      if (t == NULL)
        return 0;
      affine v;
      int ok = 1;
      if (!depends_on_x (t))
        {
          ok = constant_value (p, t, term_at, "the shift", &v.b);
          ns_result r;
          v.a = v.ea = 0.0;
          v.eb = ok && ns_fn_eval (t, 0.0, &r) == NS_OK ? r.err : 0.0;
        }
      else if (!affine_of (t, &v))
        {
          ns_parse_set_error (p, NS_EPARSE, term_at, AFFINE_MESSAGE, word);
          ok = 0;
        }
      ns_fn_free (t);
      if (!ok)
        return 0;
      double s = minus ? -1.0 : 1.0;
      double na = sum.a + s * v.a, nb = sum.b + s * v.b;
      sum.ea += v.ea + sum_rounding (sum.a, s * v.a, na);
      sum.eb += v.eb + sum_rounding (sum.b, s * v.b, nb);
      sum.a = na;
      sum.b = nb;
    }
  if (!isfinite (sum.a) || !isfinite (sum.b) || !(fabs (sum.a) > sum.ea))
    {
      /* No x, x - x, or a coefficient of x too close to 0 to tell. */
      if (isfinite (sum.b))
        ns_parse_set_error (p, NS_EPARSE, arg_at, AFFINE_MESSAGE, word);
      else
        ns_parse_set_error (p, NS_EPARSE, arg_at, "the point of %s is not a finite number",
                            word);
      return 0;
    }
  *arg = sum;
  return 1;
}

/* The zero P = -b/a of the affine ARG, with a bound *EP on |P - p| for the
   exact zero p of the exact coefficients:
     |-(b + db)/(a + da) + b/a| = |b da - a db| / |a (a + da)|
                               <= (eb + |P| ea) / (|a| - ea),
   plus the rounding of the division unless it is exact (P a == -b). */
static double
affine_zero (affine arg, double *ep)
{
  double p = -arg.b / arg.a;
  double e = (arg.eb + fabs (p) * arg.ea) / (fabs (arg.a) - arg.ea);
  if (fma (p, arg.a, arg.b) != 0.0)
    e += ROUNDING (p);
  *ep = e;
  return p + 0.0;               /* -0 as 0 */
}

/* The order argument after the comma: a constant integer 0..max. */
static int
parse_order (parser *p, const char *word, int *order)
{
  const size_t at = p->tok.start;
  ns_function *f = ns_parse_expr (p);
  if (f == NULL)
    return 0;
  double m = NAN;
  int ok = !depends_on_x (f);
  if (ok)
    {
      ns_result r;
      ok = ns_fn_eval (f, 0.0, &r) == NS_OK;
      m = r.val;
    }
  ns_fn_free (f);
  if (!ok || !(m >= 0 && m <= NS_DIST_MAX_ORDER) || m != floor (m))
    {
      ns_parse_set_error (p, NS_EPARSE, at, "the order of %s must be an integer from 0 to %d",
                          word, NS_DIST_MAX_ORDER);
      return 0;
    }
  *order = (int) m;
  return 1;
}

/* The relative error bound of the coefficient 1/(|a| a^k) (delta) or
   a^-(k+1) (pv) computed in k + 1 divisions from a with |da| <= EA: the
   exact coefficient is the computed one times (1 + t)^-(k+1), |t| <=
   EA/|a|, and each division rounds by at most eps/2, so the relative
   error is at most (1 - EA/|a|)^-(k+1) (1 + eps)^(k+1) - 1.  The bound
   is doubled to cover its own rounding (it is a few ulps; doubling costs
   nothing that matters).  Exactly 0 when a is exact and a power of two. */
static double
coefficient_rel_err (affine arg, int k)
{
  int e;
  if (arg.ea == 0.0 && fabs (frexp (arg.a, &e)) == 0.5)
    return 0.0;
  double rho = arg.ea / fabs (arg.a);
  return 2 * (pow (1 - rho, -(k + 1)) * pow (1 + DBL_EPSILON, k + 1) - 1);
}

/* Builds D^ORDER of delta or of p.v. 1/y composed with the affine ARG,
   y = a x + b, as a multiple of the same at the zero p = -b/a:
     delta^(k)(a x + b) = delta_p^(k) / (|a| a^k),
     (D^k pv 1/y)(a x + b) = a^-(k+1) D^k pv 1/(x - p)
   (substitute y = a x + b in the pairing; a < 0 reverses the orientation,
   which the delta's |a| undoes and the odd pv keeps).  A point or a
   coefficient that is not exactly a double carries its error bound into
   the term (point_err, coef_rel), and pairing adds what it can cost. */
static value
singular (parser *p, ns_dist_kind kind, affine arg, int order, size_t at)
{
  double ep;
  const double a = affine_zero (arg, &ep);
  double coef = kind == NS_DIST_DELTA ? 1.0 / fabs (arg.a) : 1.0 / arg.a;
  for (int i = 0; i < order; i++)
    coef /= arg.a;
  ns_dist *d = NULL, *dk = NULL, *ds = NULL;
  ns_status s = kind == NS_DIST_DELTA ? ns_dist_delta (a, &d) : ns_dist_pv (a, &d);
  if (!dist_call_ok (p, s, at, ""))
    return no_value;
  if (order > 0)
    {
      s = ns_dist_deriv (d, order, &dk);
      ns_dist_free (d);
      if (!dist_call_ok (p, s, at, "derivative order too high"))
        return no_value;
      d = dk;
    }
  if (coef != 1.0)
    {
      s = isfinite (coef) ? ns_dist_scale (coef, d, &ds) : NS_ERANGE;
      ns_dist_free (d);
      if (!dist_call_ok (p, s, at, ""))
        return no_value;
      d = ds;
    }
  /* D is new and not yet shared: its one term may still change. */
  d->terms[0].point_err = ep;
  d->terms[0].coef_rel = coefficient_rel_err (arg, order);
  return value_dist (d);
}

/* "pv 1/x" and "pv 1/(x - a)", as ns_dist_snprint writes a principal
   value; the lookahead is the number after pv. */
static value
parse_pv_fraction (parser *p, token name)
{
  if (ns_parse_number_value (p->text + p->tok.start, p->tok.len) != 1.0)
    {
      ns_parse_fail_expected (p, "'(' or '1/' after pv");
      return no_value;
    }
  ns_parse_advance (p);
  if (p->tok.kind != TOK_SLASH)
    {
      ns_parse_fail_expected (p, "'/'");
      return no_value;
    }
  ns_parse_advance (p);
  affine arg = { 1.0, 0.0, 0.0, 0.0 };
  if (ns_parse_token_is (p, "x"))
    ns_parse_advance (p);
  else if (p->tok.kind == TOK_LPAREN)
    {
      if (!ns_parse_enter (p, p->tok.start))
        return no_value;
      ns_parse_advance (p);
      int ok = parse_affine (p, "pv", &arg);
      if (ok && p->tok.kind != TOK_RPAREN)
        {
          ns_parse_fail_expected (p, "')'");
          ok = 0;
        }
      ns_parse_leave (p);
      if (!ok)
        return no_value;
      ns_parse_advance (p);
    }
  else
    {
      ns_parse_fail_expected (p, "'x' or '(x - a)'");
      return no_value;
    }
  return singular (p, NS_DIST_PV, arg, 0, name.start);
}

static int
is_bad_char (const parser *p, char c)
{
  return p->tok.kind == TOK_BAD && p->tok.len == 1 && p->text[p->tok.start] == c;
}

/* delta(x - a), delta(x - a, m), delta'(x - a), delta^(m)(x - a);
   pv(x - a), pv(x - a, m), pv 1/(x - a). */
static value
parse_singular (parser *p, ns_dist_kind kind)
{
  const token name = p->tok;
  const char *word = kind == NS_DIST_DELTA ? "delta" : "pv";
  ns_parse_advance (p);
  int order = 0, order_given = 0;
  if (kind == NS_DIST_DELTA)
    {
      while (is_bad_char (p, '\''))
        {
          if (order == NS_DIST_MAX_ORDER)
            {
              ns_parse_set_error (p, NS_EPARSE, p->tok.start,
                                  "the order of delta must be an integer from 0 to %d",
                                  NS_DIST_MAX_ORDER);
              return no_value;
            }
          order++;
          order_given = 1;
          ns_parse_advance (p);
        }
      if (!order_given && p->tok.kind == TOK_CARET)
        {
          ns_parse_advance (p);
          const size_t at = p->tok.start;
          if (!ns_parse_exponent (p, &order))
            return no_value;
          if (order < 0 || order > NS_DIST_MAX_ORDER)
            {
              ns_parse_set_error (p, NS_EPARSE, at,
                                  "the order of delta must be an integer from 0 to %d",
                                  NS_DIST_MAX_ORDER);
              return no_value;
            }
          order_given = 1;
        }
    }
  else if (p->tok.kind == TOK_NUMBER)
    return parse_pv_fraction (p, name);
  if (p->tok.kind != TOK_LPAREN)
    {
      ns_parse_fail_expected (p, kind == NS_DIST_DELTA ? "'('" : "'(' or '1/' after pv");
      return no_value;
    }
  if (!ns_parse_enter (p, p->tok.start))
    return no_value;
  ns_parse_advance (p);
  affine arg;
  /* A delta whose argument is not affine is delta of a function: the
     argument is read again, from the same token, as a function. */
  const parser before = *p;
  ns_function *g = NULL;
  int ok = parse_affine (p, word, &arg);
  if (!ok && kind == NS_DIST_DELTA && p->status == NS_EPARSE
      && strstr (p->error.text, "must be affine") != NULL)
    {
      /* An argument that is affine after all (x - x, 0*x + 1) keeps the
         affine rule's error: its coefficient of x is 0 or too close to
         0 to tell, and delta of a constant is no distribution of x. */
      const parser failed = *p;
      *p = before;
      g = ns_parse_expr (p);
      affine whole;
      if (g != NULL && affine_of (g, &whole))
        {
          ns_fn_free (g);
          g = NULL;
          *p = failed;
        }
      ok = g != NULL;
    }
  if (ok && p->tok.kind == TOK_COMMA)
    {
      ns_parse_advance (p);
      if (order_given)
        {
          ns_parse_set_error (p, NS_EPARSE, p->tok.start, "the order of %s is given twice",
                              word);
          ok = 0;
        }
      else
        ok = parse_order (p, word, &order);
    }
  if (ok && p->tok.kind != TOK_RPAREN)
    {
      ns_parse_fail_expected (p, "')'");
      ok = 0;
    }
  ns_parse_leave (p);
  if (!ok)
    {
      ns_fn_free (g);
      return no_value;
    }
  ns_parse_advance (p);
  if (g != NULL)
    {
      ns_dist *d = NULL;
      ns_status s = ns_dist_delta_of (g, order, &d);
      ns_fn_free (g);
      return dist_call_ok (p, s, name.start, "") ? value_dist (d) : no_value;
    }
  return singular (p, kind, arg, order, name.start);
}

/* ------------------------------------------------------------------ grammar */

static value parse_dexpr (parser *p);

/* D[expr] and D^k[expr], the distributional derivative. */
static value
parse_derivative (parser *p)
{
  const token name = p->tok;
  ns_parse_advance (p);
  int k = 1;
  if (p->tok.kind == TOK_CARET)
    {
      ns_parse_advance (p);
      const size_t at = p->tok.start;
      if (!ns_parse_exponent (p, &k))
        return no_value;
      if (k < 0 || k > NS_DIST_MAX_ORDER)
        {
          ns_parse_set_error (p, NS_EPARSE, at, "the order of D must be an integer from 0 to %d",
                              NS_DIST_MAX_ORDER);
          return no_value;
        }
    }
  if (!is_bad_char (p, '['))
    {
      ns_parse_fail_expected (p, "'['");
      return no_value;
    }
  if (!ns_parse_enter (p, p->tok.start))
    return no_value;
  ns_parse_advance (p);
  value v = parse_dexpr (p);
  if (value_ok (v) && !is_bad_char (p, ']'))
    {
      ns_parse_fail_expected (p, "']'");
      value_free (v);
      v = no_value;
    }
  ns_parse_leave (p);
  if (!value_ok (v))
    return no_value;
  ns_parse_advance (p);
  v = as_dist (p, v, name.start);
  if (!value_ok (v) || k == 0)
    return v;
  ns_dist *d = NULL;
  char limit[64];
  snprintf (limit, sizeof limit, "derivative order above %d", NS_DIST_MAX_ORDER);
  ns_status s = ns_dist_deriv (v.d, k, &d);
  value_free (v);
  return dist_call_ok (p, s, name.start, limit) ? value_dist (d) : no_value;
}

static value parse_dpower (parser *p);

/* The bound of a sum, an integer written with an optional '-'. */
static int
parse_sum_bound (parser *p, long *out)
{
  int neg = p->tok.kind == TOK_MINUS;
  if (neg)
    ns_parse_advance (p);
  double v = -1;
  if (p->tok.kind == TOK_NUMBER)
    v = ns_parse_number_value (p->text + p->tok.start, p->tok.len);
  /* Any bound a run of deltas prints is far below 2^53. */
  if (!(v >= 0 && v == floor (v) && v <= 4503599627370496.0))
    {
      ns_parse_fail_expected (p, "an integer bound of the sum");
      return 0;
    }
  *out = neg ? -(long) v : (long) v;
  ns_parse_advance (p);
  return 1;
}

static int
expect_char (parser *p, char c)
{
  if (!is_bad_char (p, c))
    {
      char what[8];
      snprintf (what, sizeof what, "'%c'", c);
      ns_parse_fail_expected (p, what);
      return 0;
    }
  ns_parse_advance (p);
  return 1;
}

/* "sum_{k=K0}^{K1} body" (or with a capital sigma), the form
   ns_dist_snprint_readable gives a run of deltas: the body (a power, so
   "sum_{k=0}^{2} delta(x - k) + 1" ends the sum before '+') is read once
   per k with the name k standing for that integer, and the terms add up. */
static value
parse_sum (parser *p)
{
  const token name = p->tok;
  ns_parse_advance (p);
  long k0, k1;
  if (!expect_char (p, '{'))
    return no_value;
  if (!ns_parse_token_is (p, "k"))
    {
      ns_parse_fail_expected (p, "'k'");
      return no_value;
    }
  ns_parse_advance (p);
  if (!expect_char (p, '=') || !parse_sum_bound (p, &k0) || !expect_char (p, '}'))
    return no_value;
  if (p->tok.kind != TOK_CARET)
    {
      ns_parse_fail_expected (p, "'^'");
      return no_value;
    }
  ns_parse_advance (p);
  if (!expect_char (p, '{') || !parse_sum_bound (p, &k1) || !expect_char (p, '}'))
    return no_value;
  if (k1 < k0 || k1 - k0 >= NS_DIST_MAX_TERMS || p->sum_bound)
    {
      ns_parse_set_error (p, NS_EPARSE, name.start,
                          p->sum_bound ? "a sum inside a sum" :
                          "a sum needs K0 <= K1 and at most %d terms", NS_DIST_MAX_TERMS);
      return no_value;
    }
  const size_t body = p->tok.start;
  value acc = no_value;
  for (long k = k0; k <= k1; k++)
    {
      p->tok.start = body;
      p->tok.len = 0;
      ns_parse_advance (p);
      p->sum_bound = 1;
      p->sum_k = (double) k;
      value v = parse_dpower (p);
      p->sum_bound = 0;
      if (!value_ok (v))
        {
          value_free (acc);
          return no_value;
        }
      acc = value_ok (acc) ? combine_sum (p, acc, v, TOK_PLUS, name.start) : v;
      if (!value_ok (acc))
        return no_value;
    }
  return acc;
}

/* dprimary := delta... | pv... | D[...] | sum... | '(' dexpr ')' | the
   function grammar's primary (number, x, pi, call). */
static value
parse_dprimary (parser *p)
{
  if (ns_parse_token_is (p, "delta") || ns_parse_token_is (p, "\xce\xb4"))
    return parse_singular (p, NS_DIST_DELTA);
  if (ns_parse_token_is (p, "sum_") || ns_parse_token_is (p, "\xce\xa3_"))
    return parse_sum (p);
  if (ns_parse_token_is (p, "pv"))
    return parse_singular (p, NS_DIST_PV);
  if (ns_parse_token_is (p, "D"))
    return parse_derivative (p);
  if (p->tok.kind != TOK_LPAREN)
    {
      ns_function *f = ns_parse_primary (p);
      return f != NULL ? value_fn (f) : no_value;
    }
  /* As in the function grammar, a '(' right after a sign shares the
     sign's level of nesting. */
  const int counted = !p->sign_before_paren;
  p->sign_before_paren = 0;
  if (counted && !ns_parse_enter (p, p->tok.start))
    return no_value;
  ns_parse_advance (p);
  value v = parse_dexpr (p);
  if (value_ok (v) && p->tok.kind != TOK_RPAREN)
    {
      ns_parse_fail_expected (p, "')'");
      value_free (v);
      v = no_value;
    }
  if (counted)
    ns_parse_leave (p);
  if (value_ok (v))
    ns_parse_advance (p);
  return v;
}

/* dpower := dprimary ('^' exponent)?, the power of a function only. */
static value
parse_dpower (parser *p)
{
  value v = parse_dprimary (p);
  if (v.d != NULL && p->tok.kind == TOK_CARET)
    {
      ns_parse_set_error (p, NS_EPARSE, p->tok.start,
                          "cannot raise a distribution to a power");
      value_free (v);
      return no_value;
    }
  if (v.f != NULL)
    v.f = ns_parse_power_suffix (p, v.f);
  return v;
}

/* Whether the operand ATOM was a number alone, followed by white space
   and a name or '(': "2 delta(x)", the way ns_dist_snprint writes a
   coefficient. */
static int
coefficient_juxtaposed (const parser *p, token atom)
{
  const size_t end = atom.start + atom.len;
  if (atom.kind != TOK_NUMBER || p->tok.start <= end
      || (p->tok.kind != TOK_NAME && p->tok.kind != TOK_LPAREN))
    return 0;
  for (size_t i = end; i < p->tok.start; i++)
    if (p->text[i] != ' ' && p->text[i] != '\t')
      return 0;
  return 1;
}

/* dunary := ('-' | '+')* dpower, signs counted as in the function grammar.
   *COEFFICIENT tells whether a coefficient's operand follows. */
static value
parse_dunary (parser *p, int *coefficient)
{
  const size_t chain_at = p->tok.start;
  int levels = 0, negations = 0;
  while (p->tok.kind == TOK_PLUS || p->tok.kind == TOK_MINUS)
    {
      if (!ns_parse_enter (p, p->tok.start))
        {
          p->depth -= levels;
          return no_value;
        }
      levels++;
      negations += p->tok.kind == TOK_MINUS;
      ns_parse_advance (p);
    }
  if (levels > 0)
    p->sign_before_paren = p->tok.kind == TOK_LPAREN;
  const token atom = p->tok;
  value v = parse_dpower (p);
  p->depth -= levels;
  *coefficient = value_ok (v) && coefficient_juxtaposed (p, atom);
  if (v.d != NULL && negations % 2 == 1)
    return scaled (p, -1.0, v, chain_at);
  for (int i = 0; v.f != NULL && i < negations; i++)
    v.f = ns_parse_build (p, NS_OP_NEG, v.f, NULL, NULL, chain_at);
  return v;
}

/* dterm := dunary (('*' | '/') dunary | <coefficient> dunary)* */
static value
parse_dterm (parser *p)
{
  int coefficient;
  value left = parse_dunary (p, &coefficient);
  while (value_ok (left))
    {
      token op = p->tok;
      if (op.kind == TOK_STAR || op.kind == TOK_SLASH)
        ns_parse_advance (p);
      else if (coefficient)
        op.kind = TOK_STAR;
      else
        break;
      value right = parse_dunary (p, &coefficient);
      if (!value_ok (right))
        {
          value_free (left);
          return no_value;
        }
      left = combine_product (p, left, right, op.kind, op.start);
    }
  return left;
}

/* dexpr := dterm (('+' | '-') dterm)* */
static value
parse_dexpr (parser *p)
{
  value left = parse_dterm (p);
  while (value_ok (left) && (p->tok.kind == TOK_PLUS || p->tok.kind == TOK_MINUS))
    {
      const token op = p->tok;
      ns_parse_advance (p);
      value right = parse_dterm (p);
      if (!value_ok (right))
        {
          value_free (left);
          return no_value;
        }
      left = combine_sum (p, left, right, op.kind, op.start);
    }
  return left;
}

/* ------------------------------------------------------------------ entry */

ns_status
ns_dist_parse (const char *text, ns_dist **out, ns_parse_error *err)
{
  if (out != NULL)
    *out = NULL;
  if (!ns_parse_arguments_ok (text, out != NULL, err))
    return NS_EINVAL;
  parser p;
  value v = no_value;
  if (ns_parse_begin (&p, text))
    {
      p.dist_names = 1;
      v = parse_dexpr (&p);
      if (value_ok (v) && !ns_parse_at_end (&p))
        {
          value_free (v);
          v = no_value;
        }
      v = as_dist (&p, v, 0);
      if (!value_ok (v) && p.status == NS_OK)
        ns_parse_set_error (&p, NS_ENOMEM, 0, "out of memory");  /* every failure sets one */
    }
  if (err != NULL && p.status != NS_OK)
    *err = p.error;
  *out = p.status == NS_OK ? v.d : NULL;
  if (p.status != NS_OK)
    value_free (v);
  return p.status;
}
