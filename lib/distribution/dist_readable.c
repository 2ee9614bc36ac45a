/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/dist_readable.c: a distribution written for people: regular parts
   as their function (textbook names with NS_DIST_PRINT_MATH), deltas
   merged by point and order and sorted, and runs of equally spaced deltas
   with equal coefficients as one sum, "Σ_{k=-1}^{2} δ(x − k)".  Works in
   the caller's buffer and on the stack only: no allocation. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "distribution/distribution_impl.h"
#include "function/function_impl.h"
#include "text.h"

/* Shortest run of deltas written as a sum: two terms read better listed. */
#define RUN_MIN 3

typedef struct style {
  int ascii, math;
  const char *minus;    /* binary and leading minus between terms */
} style;

/* ------------------------------------------------------------------ numbers */

/* X for people: an integer below 2^53 in full ("10", not the shortest
   round-trip "1e+01"); anything else in the library's shortest form. */
static void
format_readable (double x, char text[NS_NUMBER_TEXT_SIZE])
{
  if (x == nearbyint (x) && fabs (x) < 9007199254740992.0)
    snprintf (text, NS_NUMBER_TEXT_SIZE, "%.0f", x == 0 ? 0.0 : x);
  else
    ns_format_number (x, text);
}

/* ------------------------------------------------------------------ functions */

static void math_node (ns_text_sink *s, const ns_function *f, const style *y);

static void
math_child (ns_text_sink *s, const ns_function *f, int min_prec, const style *y)
{
  int paren = ns_fn_precedence (f) < min_prec;
  if (paren)
    ns_text_put (s, "(");
  math_node (s, f, y);
  if (paren)
    ns_text_put (s, ")");
}

/* F in textbook form: H(a) for heaviside(a) with the default value at 0,
   and the UTF-8 minus sign unless ASCII; otherwise as ns_fn_snprint. */
static void
math_node (ns_text_sink *s, const ns_function *f, const style *y)
{
  ns_op op = ns_fn_op (f);
  const ns_op_info *info = ns_op_get (op);
  char num[NS_NUMBER_TEXT_SIZE];
  switch (op)
    {
    case NS_OP_X:
      ns_text_put (s, "x");
      return;
    case NS_OP_CONST:
      {
        double c = ns_fn_param (f, 0);
        if (signbit (c))
          ns_text_put (s, y->minus);
        format_readable (fabs (c), num);
        ns_text_put (s, num);
        return;
      }
    case NS_OP_ADD:
    case NS_OP_SUB:
    case NS_OP_MUL:
    case NS_OP_DIV:
      {
        int p = ns_fn_precedence (f);
        math_child (s, ns_fn_arg (f, 0), p, y);
        if (op == NS_OP_ADD)
          ns_text_put (s, " + ");
        else if (op == NS_OP_SUB)
          {
            ns_text_put (s, " ");
            ns_text_put (s, y->minus);
            ns_text_put (s, " ");
          }
        else
          ns_text_put (s, op == NS_OP_MUL ? "*" : "/");
        math_child (s, ns_fn_arg (f, 1), p + 1, y);
        return;
      }
    case NS_OP_NEG:
      ns_text_put (s, y->minus);
      math_child (s, ns_fn_arg (f, 0), 4, y);
      return;
    case NS_OP_POW:
      {
        int n = (int) ns_fn_param (f, 0);
        math_child (s, ns_fn_arg (f, 0), 5, y);
        ns_text_put (s, n < 0 ? "^(" : "^");
        if (n < 0)
          ns_text_put (s, y->minus);
        snprintf (num, sizeof num, "%d", abs (n));
        ns_text_put (s, num);
        if (n < 0)
          ns_text_put (s, ")");
        return;
      }
    case NS_OP_RPOW:
      {
        double q = ns_fn_param (f, 0);
        math_child (s, ns_fn_arg (f, 0), 5, y);
        ns_text_put (s, q < 0 ? "^(" : "^");
        if (q < 0)
          ns_text_put (s, y->minus);
        ns_format_number (fabs (q), num);
        ns_text_put (s, num);
        if (q < 0)
          ns_text_put (s, ")");
        return;
      }
    case NS_OP_HEAVISIDE:
      if (ns_fn_param (f, 0) == info->param_default[0])
        {
          ns_text_put (s, "H(");
          math_node (s, ns_fn_arg (f, 0), y);
          ns_text_put (s, ")");
          return;
        }
      break;
    default:
      break;
    }
  ns_text_put (s, info->name);
  ns_text_put (s, "(");
  for (int i = 0; i < info->arity; i++)
    {
      if (i)
        ns_text_put (s, ", ");
      math_node (s, ns_fn_arg (f, i), y);
    }
  int last = info->nparams;
  while (last > info->nparams_required
         && ns_fn_param (f, last - 1) == info->param_default[last - 1])
    last--;
  for (int i = 0; i < last; i++)
    {
      double c = ns_fn_param (f, i);
      ns_text_put (s, ", ");
      if (signbit (c))
        ns_text_put (s, y->minus);
      format_readable (fabs (c), num);
      ns_text_put (s, num);
    }
  ns_text_put (s, ")");
}

/* F as parser text (ns_fn_snprint), straight into the sink. */
static void
put_parser_text (ns_text_sink *s, const ns_function *f)
{
  size_t room = s->size > s->len ? s->size - s->len : 0;
  size_t need = ns_fn_snprint (room ? s->buf + s->len : NULL, room, f);
  s->len += need;
  if (s->size > 0 && s->len >= s->size)
    s->buf[s->size - 1] = '\0';
}

static void
put_function (ns_text_sink *s, const ns_function *f, const style *y)
{
  if (y->math)
    math_node (s, f, y);
  else
    put_parser_text (s, f);
}

/* ------------------------------------------------------------------ terms */

/* The sign and coefficient in front of a term: " + ", " − ", a leading
   "−", then |c| and a space unless |c| = 1.  Returns 1 when something
   multiplies or negates what follows (a sum must then be parenthesized). */
static int
put_coef (ns_text_sink *s, double c, int first, const style *y)
{
  if (!first)
    {
      ns_text_put (s, " ");
      ns_text_put (s, signbit (c) ? y->minus : "+");
      ns_text_put (s, " ");
    }
  else if (signbit (c))
    ns_text_put (s, y->minus);
  if (fabs (c) != 1.0)
    {
      char num[NS_NUMBER_TEXT_SIZE];
      format_readable (fabs (c), num);
      ns_text_put (s, num);
      ns_text_put (s, " ");
      return 1;
    }
  return signbit (c) != 0;
}

static void
put_regular (ns_text_sink *s, const dist_term *t, int first, const style *y)
{
  int scaled = put_coef (s, t->coef, first, y);
  if (t->order > 0)
    {
      char num[24];
      ns_text_put (s, "D");
      if (t->order > 1)
        {
          snprintf (num, sizeof num, "^%d", t->order);
          ns_text_put (s, num);
        }
      ns_text_put (s, "[");
      put_function (s, t->f, y);
      ns_text_put (s, "]");
      return;
    }
  int paren = scaled && ns_fn_precedence (t->f) < 4;
  if (paren)
    ns_text_put (s, "(");
  put_function (s, t->f, y);
  if (paren)
    ns_text_put (s, ")");
}

/* "δ", "δ'", "δ''", "δ'''", "δ^(4)" (or "delta..."). */
static void
put_delta_name (ns_text_sink *s, int order, const style *y)
{
  ns_text_put (s, y->ascii ? "delta" : "\xce\xb4");
  if (order >= 1 && order <= 3)
    ns_text_put (s, order == 1 ? "'" : order == 2 ? "''" : "'''");
  else if (order > 3)
    {
      char num[24];
      snprintf (num, sizeof num, "^(%d)", order);
      ns_text_put (s, num);
    }
}

/* " − |p|" or " + |p|" after x, nothing for p = 0. */
static void
put_shift (ns_text_sink *s, double p, const style *y)
{
  if (p == 0)
    return;
  char num[NS_NUMBER_TEXT_SIZE];
  format_readable (fabs (p), num);
  ns_text_put (s, " ");
  ns_text_put (s, p > 0 ? y->minus : "+");
  ns_text_put (s, " ");
  ns_text_put (s, num);
}

static void
put_delta (ns_text_sink *s, double coef, int order, double point, int first,
           const style *y)
{
  put_coef (s, coef, first, y);
  put_delta_name (s, order, y);
  ns_text_put (s, "(x");
  put_shift (s, point, y);
  ns_text_put (s, ")");
}

/* ------------------------------------------------------------------ deltas in order */

/* One delta key: every delta term at POINT of ORDER, coefficients summed. */
typedef struct delta_key {
  int order;
  double point;
  double coef;
} delta_key;

static int
key_after (int order, double point, int o2, double p2)
{
  return o2 > order || (o2 == order && p2 > point);
}

/* The smallest key (by order, then point) after PREV (all keys when PREV
   is NULL) whose summed coefficient is not zero.  Returns 0 when none. */
static int
next_key (const ns_dist *t, const delta_key *prev, delta_key *out)
{
  int have_prev = prev != NULL;
  delta_key cur = have_prev ? *prev : (delta_key) { 0, 0, 0 };
  for (;;)
    {
      int found = 0;
      delta_key best = { 0, 0, 0 };
      for (size_t i = 0; i < t->n; i++)
        {
          const dist_term *d = &t->terms[i];
          if (d->kind != NS_DIST_DELTA || d->mult)
            continue;
          if (have_prev && !key_after (cur.order, cur.point, d->order, d->point))
            continue;
          if (!found || d->order < best.order
              || (d->order == best.order && d->point < best.point))
            {
              best.order = d->order;
              best.point = d->point;
              found = 1;
            }
        }
      if (!found)
        return 0;
      best.coef = 0;
      for (size_t i = 0; i < t->n; i++)
        {
          const dist_term *d = &t->terms[i];
          if (d->kind == NS_DIST_DELTA && !d->mult
              && d->order == best.order && d->point == best.point)
            best.coef += d->coef;
        }
      if (best.coef != 0)
        {
          *out = best;
          return 1;
        }
      cur = best;       /* the deltas there cancel: skip the point */
      have_prev = 1;
    }
}

/* The grids a run of deltas may sit on, each exact in double arithmetic
   for consecutive integers k (a breakpoint is a correctly rounded root, so
   the points of floor(100*x) are the doubles k/100):
   GRID_FRACTION  point = k / n, n >= 1 ("k", "k/2", "k/100");
   GRID_MULTIPLE  point = k * h, h an integer >= 2 ("2k");
   GRID_OFFSET    point = k + s, 0 < s < 1 ("k + 0.5");
   GRID_FRACOFF   point = (k + s) / n, n >= 2, 0 < s < 1 ("(k + 0.5)/10":
                  floor(10*x + 0.5), whose 500 deltas on [-25, 25] listed
                  one by one made a text longer than the parser reads).
   Anything else is listed term by term: a sum whose step prints as
   0.009999999999999787 reads worse than the list.  A computed breakpoint
   is exact only up to a rounding or two (4.9799999999999995 for 4.98,
   5.6e-17 for 0), so on the first two kinds a point within GRID_ULPS of
   the run's magnitude counts as on the grid; offsets must be exact. */
typedef enum grid_kind { GRID_FRACTION, GRID_MULTIPLE, GRID_OFFSET, GRID_FRACOFF } grid_kind;

typedef struct grid {
  grid_kind kind;
  long long k0;   /* k of the first point */
  double step;    /* n, h or s by kind */
  double off;     /* s of GRID_FRACOFF */
} grid;

/* How far, in ulps of the run's largest magnitude, a point may be from
   its grid point: one rounding of the root and one of k/n. */
#define GRID_ULPS 2

/* Integers this large or larger are not all doubles. */
#define GRID_MAX_K 4503599627370496.0   /* 2^52 */
/* Largest denominator n of a GRID_FRACTION. */
#define GRID_MAX_DENOM 1e6

static double
grid_point (const grid *g, long long k)
{
  switch (g->kind)
    {
    case GRID_FRACTION:
      return (double) k / g->step;
    case GRID_MULTIPLE:
      return (double) k * g->step;
    case GRID_FRACOFF:
      return ((double) k + g->off) / g->step;
    default:
      return (double) k + g->step;
    }
}

/* 1 when P is point K of G: exactly for an offset grid, else within
   GRID_ULPS of the larger of |P| and |P0| (the run's magnitude so far). */
static int
on_grid (const grid *g, long long k, double p, double p0)
{
  double q = grid_point (g, k);
  if (g->kind == GRID_OFFSET)
    return q == p;
  return fabs (q - p) <= GRID_ULPS * DBL_EPSILON * fmax (fabs (p), fabs (p0));
}

/* The grid through P0 < P1 as its first two points, if there is one. */
static int
grid_of (double p0, double p1, grid *g)
{
  double h = p1 - p0;
  if (!(h > 0) || !(fabs (p0) < GRID_MAX_K) || !(fabs (p1) < GRID_MAX_K)
      || 4 * GRID_ULPS * DBL_EPSILON * fmax (fabs (p0), fabs (p1)) >= h)
    return 0;
  double n = nearbyint (1 / h);
  if (n >= 1 && n <= GRID_MAX_DENOM)
    {
      *g = (grid) { GRID_FRACTION, llrint (p0 * n), n, 0 };
      if (on_grid (g, g->k0, p0, p0) && on_grid (g, g->k0 + 1, p1, p0))
        return 1;
    }
  double m = nearbyint (h);
  if (m >= 2)
    {
      *g = (grid) { GRID_MULTIPLE, llrint (p0 / m), m, 0 };
      if (on_grid (g, g->k0, p0, p0) && on_grid (g, g->k0 + 1, p1, p0))
        return 1;
    }
  double fl = floor (p0);
  if (p0 - fl > 0)
    {
      *g = (grid) { GRID_OFFSET, (long long) fl, p0 - fl, 0 };
      if (grid_point (g, g->k0) == p0 && grid_point (g, g->k0 + 1) == p1)
        return 1;
    }
  if (n >= 2 && n <= GRID_MAX_DENOM)
    {
      double q = p0 * n, fq = floor (q);
      /* s as a short decimal when that is on the grid (0.5, not
         0.5000000000000002), else as computed. */
      double s_raw = q - fq, s_short = nearbyint (s_raw * 1e6) / 1e6;
      for (int pass = 0; pass < 2; pass++)
        {
          double sv = pass == 0 ? s_short : s_raw;
          if (!(sv > 0 && sv < 1))
            continue;
          *g = (grid) { GRID_FRACOFF, (long long) fq, n, sv };
          if (on_grid (g, g->k0, p0, p0) && on_grid (g, g->k0 + 1, p1, p0))
            return 1;
        }
    }
  return 0;
}

/* Length of the run starting at FIRST: following keys of the same order
   and coefficient on one grid. */
static size_t
run_length (const ns_dist *t, const delta_key *first, grid *g)
{
  delta_key k1, cur, nk;
  if (!next_key (t, first, &k1) || k1.order != first->order || k1.coef != first->coef
      || !grid_of (first->point, k1.point, g))
    return 1;
  size_t len = 2;
  cur = k1;
  while (next_key (t, &cur, &nk) && nk.order == first->order && nk.coef == first->coef
         && fabs ((double) g->k0 + (double) len) < GRID_MAX_K
         && on_grid (g, g->k0 + (long long) len, nk.point, first->point))
    {
      len++;
      cur = nk;
    }
  return len;
}

/* "c Σ_{k=K0}^{K1} δ^(m)(x − k/n)", "(x − 2k)", "(x − k − 0.5)". */
static void
put_run (ns_text_sink *s, const delta_key *first, size_t len, const grid *g,
         int is_first, const style *y)
{
  char num[NS_NUMBER_TEXT_SIZE + 48];
  put_coef (s, first->coef, is_first, y);
  snprintf (num, sizeof num, "%s_{k=%lld}^{%lld} ", y->ascii ? "sum" : "\xce\xa3",
            g->k0, g->k0 + (long long) len - 1);
  ns_text_put (s, num);
  put_delta_name (s, first->order, y);
  ns_text_put (s, "(x ");
  ns_text_put (s, y->minus);
  ns_text_put (s, " ");
  if (g->kind == GRID_MULTIPLE)
    {
      format_readable (g->step, num);
      ns_text_put (s, num);
      ns_text_put (s, "*k");   /* "2*k": what the parser reads back */
    }
  else if (g->kind == GRID_FRACTION && g->step != 1)
    {
      snprintf (num, sizeof num, "k/%.0f", g->step);
      ns_text_put (s, num);
    }
  else if (g->kind == GRID_FRACOFF)
    {
      /* "(k + 0.5)/10": k + s and the division each round once, as the
         breakpoint (a correctly rounded root) does, within GRID_ULPS. */
      ns_text_put (s, "(k + ");
      format_readable (g->off, num);
      ns_text_put (s, num);
      snprintf (num, sizeof num, ")/%.0f", g->step);
      ns_text_put (s, num);
    }
  else
    ns_text_put (s, "k");
  if (g->kind == GRID_OFFSET)
    put_shift (s, g->step, y);
  ns_text_put (s, ")");
}

/* ------------------------------------------------------------------ public */

size_t
ns_dist_snprint_readable (char *buf, size_t size, const ns_dist *t, int flags)
{
  ns_text_sink s;
  ns_text_init (&s, buf, size);
  if (!t)
    return 0;
  style y = { (flags & NS_DIST_PRINT_ASCII) != 0, (flags & NS_DIST_PRINT_MATH) != 0,
              (flags & NS_DIST_PRINT_ASCII) ? "-" : "\xe2\x88\x92" };
  int first = 1;
  for (size_t i = 0; i < t->n; i++)
    if (t->terms[i].kind == NS_DIST_REGULAR && t->terms[i].coef != 0
        && !t->terms[i].mult)
      {
        put_regular (&s, &t->terms[i], first, &y);
        first = 0;
      }
  /* Principal values, deltas of functions and multiplied terms keep
     ns_dist_snprint's form. */
  for (size_t i = 0; i < t->n; i++)
    if (t->terms[i].coef != 0
        && (t->terms[i].kind == NS_DIST_PV || t->terms[i].kind == NS_DIST_DELTA_OF
            || t->terms[i].mult))
      {
        ns_dist_sink_put_term (&s, &t->terms[i], first, y.ascii);
        first = 0;
      }
  delta_key k;
  int more = next_key (t, NULL, &k);
  while (more)
    {
      grid g;
      size_t len = run_length (t, &k, &g);
      delta_key last = k;
      if (len >= RUN_MIN)
        {
          put_run (&s, &k, len, &g, first, &y);
          for (size_t i = 1; i < len; i++)
            next_key (t, &last, &last);
        }
      else
        put_delta (&s, k.coef, k.order, k.point, first, &y);
      first = 0;
      more = next_key (t, &last, &k);
    }
  if (first)
    ns_text_put (&s, "0");
  return s.len;
}

ns_status
ns_dist_print_readable (FILE *stream, const ns_dist *t, int flags)
{
  return ns_dist_print_with (stream, t, flags, ns_dist_snprint_readable);
}
