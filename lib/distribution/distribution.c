/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/distribution.c: construction of distributions (regular terms,
   deltas, principal values, sums, scalings, symbolic derivatives, smooth
   multipliers) and their printing.  The
   derivative of a regular term is not expanded here: which jumps matter
   depends on the test function it is paired with (lib/distribution/pairing.c). */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "distribution/distribution_impl.h"
#include "text.h"

/* A distribution of N terms, uninitialized, or NULL. */
static ns_dist *
dist_alloc_terms (size_t n)
{
  ns_dist *t = malloc (sizeof *t + n * sizeof (dist_term));
  if (t)
    t->n = n;
  return t;
}

/* Copies term SRC into DST, taking new references to its functions. */
static void
dist_copy_term (dist_term *dst, const dist_term *src)
{
  *dst = *src;
  if (dst->f)
    ns_fn_ref (dst->f);
  if (dst->mult)
    ns_fn_ref (dst->mult);
}

ns_status
ns_dist_regular (const ns_function *f, ns_dist **out)
{
  if (!out)
    return NS_EINVAL;
  *out = NULL;
  if (!f)
    return NS_EINVAL;
  ns_dist *t = dist_alloc_terms (1);
  if (!t)
    return NS_ENOMEM;
  t->terms[0] = (dist_term) { NS_DIST_REGULAR, 1.0, 0, NAN, ns_fn_ref (f), NULL, 0, 0.0, 0.0 };
  *out = t;
  return NS_OK;
}

/* A one-term distribution of KIND at the point A: delta_a or pv 1/(x - a). */
static ns_status
dist_point (ns_dist_kind kind, double a, ns_dist **out)
{
  if (!out)
    return NS_EINVAL;
  *out = NULL;
  if (!isfinite (a))
    return NS_EINVAL;
  ns_dist *t = dist_alloc_terms (1);
  if (!t)
    return NS_ENOMEM;
  t->terms[0] = (dist_term) { kind, 1.0, 0, a, NULL, NULL, 0, 0.0, 0.0 };
  *out = t;
  return NS_OK;
}

ns_status
ns_dist_delta (double a, ns_dist **out)
{
  return dist_point (NS_DIST_DELTA, a, out);
}

ns_status
ns_dist_pv (double a, ns_dist **out)
{
  return dist_point (NS_DIST_PV, a, out);
}

ns_status
ns_dist_sum (const ns_dist *a, const ns_dist *b, ns_dist **out)
{
  if (!out)
    return NS_EINVAL;
  *out = NULL;
  if (!a || !b)
    return NS_EINVAL;
  if (a->n + b->n > NS_DIST_MAX_TERMS)
    return NS_ELIMIT;
  ns_dist *t = dist_alloc_terms (a->n + b->n);
  if (!t)
    return NS_ENOMEM;
  for (size_t i = 0; i < a->n; i++)
    dist_copy_term (&t->terms[i], &a->terms[i]);
  for (size_t i = 0; i < b->n; i++)
    dist_copy_term (&t->terms[a->n + i], &b->terms[i]);
  *out = t;
  return NS_OK;
}

ns_status
ns_dist_scale (double c, const ns_dist *src, ns_dist **out)
{
  if (!out)
    return NS_EINVAL;
  *out = NULL;
  if (!src || !isfinite (c))
    return NS_EINVAL;
  ns_dist *t = dist_alloc_terms (src->n);
  if (!t)
    return NS_ENOMEM;
  for (size_t i = 0; i < src->n; i++)
    {
      dist_copy_term (&t->terms[i], &src->terms[i]);
      /* The product of two finite doubles can overflow; an infinite
         coefficient would make every pairing meaningless. */
      double before = t->terms[i].coef;
      t->terms[i].coef *= c;
      /* A coefficient already known only to coef_rel keeps its bound,
         widened by this product's rounding (at most eps/2). */
      if (t->terms[i].coef_rel > 0.0 && fma (before, c, -t->terms[i].coef) != 0.0)
        t->terms[i].coef_rel += DBL_EPSILON;
      if (!isfinite (t->terms[i].coef))
        {
          t->n = i + 1;
          ns_dist_free (t);
          return NS_ERANGE;
        }
    }
  *out = t;
  return NS_OK;
}

ns_status
ns_dist_deriv (const ns_dist *src, int k, ns_dist **out)
{
  if (!out)
    return NS_EINVAL;
  *out = NULL;
  if (!src || k < 0 || k > NS_DIST_MAX_ORDER)
    return NS_EINVAL;
  for (size_t i = 0; i < src->n; i++)
    if (src->terms[i].outer + src->terms[i].order + k > NS_DIST_MAX_ORDER)
      return NS_ELIMIT;
  ns_dist *t = dist_alloc_terms (src->n);
  if (!t)
    return NS_ENOMEM;
  /* D^k (c D^m B) = c D^(m+k) B for every kind of B: the derivative stays
     symbolic until pairing.  With a multiplier g, D^k (g D^m B) would need
     g's derivatives as functions; the derivative stays outside instead. */
  for (size_t i = 0; i < src->n; i++)
    {
      dist_copy_term (&t->terms[i], &src->terms[i]);
      /* D (delta^(m)(g)) = g' delta^(m+1)(g), not delta^(m+1)(g): the
         derivative of a composition stays outside too. */
      if (t->terms[i].mult || t->terms[i].kind == NS_DIST_DELTA_OF)
        t->terms[i].outer += k;
      else
        t->terms[i].order += k;
    }
  *out = t;
  return NS_OK;
}

/* The product A * B as a new tree with its own references, or the
   constructor's status. */
static ns_status
product (const ns_function *a, const ns_function *b, ns_function **out)
{
  ns_function *args[2] = { ns_fn_ref (a), ns_fn_ref (b) };
  return ns_fn_make (NS_OP_MUL, args, NULL, out);
}

ns_status
ns_dist_mul (const ns_function *g, const ns_dist *src, ns_dist **out)
{
  if (!out)
    return NS_EINVAL;
  *out = NULL;
  if (!g || !src)
    return NS_EINVAL;
  ns_dist *t = dist_alloc_terms (src->n);
  if (!t)
    return NS_ENOMEM;
  for (size_t i = 0; i < src->n; i++)
    {
      dist_term *d = &t->terms[i];
      dist_copy_term (d, &src->terms[i]);
      ns_status st = NS_OK;
      ns_function *p = NULL;
      if (d->kind == NS_DIST_REGULAR && d->order == 0 && !d->mult)
        {
          /* g T_f = T_{g f}: a regular term absorbs the multiplier. */
          st = product (g, d->f, &p);
          if (st == NS_OK)
            {
              ns_fn_free (d->f);
              d->f = p;
            }
        }
      else if (d->outer > 0)
        /* g D^k[h S] is no term of the model: D^k[g h S] is another
           distribution (x D[x delta'] = delta, D[x^2 delta'] = 0), and
           D^k[S] of a delta of a function has no multiplier to extend. */
        st = NS_ELIMIT;
      else if (d->mult)
        {
          /* g (h S) = (g h) S. */
          st = product (g, d->mult, &p);
          if (st == NS_OK)
            {
              ns_fn_free (d->mult);
              d->mult = p;
            }
        }
      else
        d->mult = ns_fn_ref (g);
      if (st != NS_OK)
        {
          t->n = i + 1;
          ns_dist_free (t);
          return st;
        }
    }
  *out = t;
  return NS_OK;
}

void
ns_dist_free (ns_dist *t)
{
  if (!t)
    return;
  for (size_t i = 0; i < t->n; i++)
    {
      ns_fn_free (t->terms[i].f);
      ns_fn_free (t->terms[i].mult);
    }
  free (t);
}

size_t
ns_dist_nterms (const ns_dist *t)
{
  return t ? t->n : 0;
}

ns_status
ns_dist_term_get (const ns_dist *t, size_t i, ns_dist_term *term)
{
  if (!t || !term || i >= t->n)
    return NS_EINVAL;
  const dist_term *s = &t->terms[i];
  *term = (ns_dist_term) { s->kind, s->coef, s->order, s->point, s->f,
                          s->mult, s->outer, s->point_err, s->coef_rel };
  return NS_OK;
}

/* ------------------------------------------------------------------ printing */

static void
sink_put_function (ns_text_sink *s, const ns_function *f)
{
  char small[256];
  size_t need = ns_fn_snprint (small, sizeof small, f);
  if (need < sizeof small)
    {
      ns_text_put (s, small);
      return;
    }
  /* A long function: print straight into the caller's buffer, counting
     what does not fit. */
  size_t room = (s->size > s->len) ? s->size - s->len : 0;
  ns_fn_snprint (room ? s->buf + s->len : NULL, room, f);
  s->len += need;
  if (s->size > 0 && s->len >= s->size)
    s->buf[s->size - 1] = '\0';
}

/* "D", "D^3" before a bracket; nothing for order 0. */
static void
sink_put_d (ns_text_sink *s, int order)
{
  char num[NS_NUMBER_TEXT_SIZE];
  if (order == 0)
    return;
  ns_text_put (s, "D");
  if (order > 1)
    {
      snprintf (num, sizeof num, "^%d", order);
      ns_text_put (s, num);
    }
  ns_text_put (s, "[");
}

/* "(x - 2)", "x", "(x + 2)": the point a of a delta or principal value. */
static void
sink_put_shift (ns_text_sink *s, double a, int parens)
{
  char num[NS_NUMBER_TEXT_SIZE];
  if (a == 0.0)
    {
      ns_text_put (s, parens ? "(x)" : "x");
      return;
    }
  ns_format_number (fabs (a), num);
  ns_text_put (s, a > 0 ? "(x - " : "(x + ");
  ns_text_put (s, num);
  ns_text_put (s, ")");
}

/* The body of a term, D^m B, without coefficient or multiplier. */
static void sink_put_body (ns_text_sink *s, const dist_term *t, int ascii);

/* Whether F needs parentheses after a sign or a coefficient: a sum, a
   difference or a negative would otherwise read as "-x + 1" for -(x + 1),
   or "2 -x" for 2 (-x). */
static int
needs_parens (const ns_function *f)
{
  ns_op op = ns_fn_op (f);
  return op == NS_OP_ADD || op == NS_OP_SUB || op == NS_OP_NEG
         || (op == NS_OP_CONST && signbit (ns_fn_param (f, 0)));
}

void
ns_dist_sink_put_term (ns_text_sink *s, const dist_term *t, int first, int ascii)
{
  char num[NS_NUMBER_TEXT_SIZE];
  double c = t->coef;
  if (!first)
    ns_text_put (s, signbit (c) ? " - " : " + ");
  else if (signbit (c))
    ns_text_put (s, "-");
  if (fabs (c) != 1.0)
    {
      ns_format_number (fabs (c), num);
      ns_text_put (s, num);
      ns_text_put (s, " ");
    }
  if (!t->mult && t->outer > 0)
    {
      /* A differentiated delta of a function, D[delta(x^2 - 1)]. */
      sink_put_d (s, t->outer);
      sink_put_body (s, t, ascii);
      ns_text_put (s, "]");
      return;
    }
  if (!t->mult)
    {
      /* A plain function prints bare; after a minus sign or a coefficient
         it may need parentheses. */
      if (t->kind == NS_DIST_REGULAR && t->order == 0 && (signbit (c) || fabs (c) != 1.0)
          && needs_parens (t->f))
        {
          ns_text_put (s, "(");
          sink_put_function (s, t->f);
          ns_text_put (s, ")");
        }
      else
        sink_put_body (s, t, ascii);
      return;
    }
  sink_put_d (s, t->outer);
  int parens = needs_parens (t->mult);
  if (parens)
    ns_text_put (s, "(");
  sink_put_function (s, t->mult);
  if (parens)
    ns_text_put (s, ")");
  ns_text_put (s, ascii ? "*" : "\xc2\xb7");
  sink_put_body (s, t, ascii);
  if (t->outer > 0)
    ns_text_put (s, "]");
}

static void
sink_put_body (ns_text_sink *s, const dist_term *t, int ascii)
{
  char num[NS_NUMBER_TEXT_SIZE];
  if (t->kind == NS_DIST_PV)
    {
      sink_put_d (s, t->order);
      ns_text_put (s, "pv 1/");
      sink_put_shift (s, t->point, 0);
      if (t->order > 0)
        ns_text_put (s, "]");
      return;
    }
  if (t->kind == NS_DIST_REGULAR)
    {
      if (t->order == 0)
        {
          sink_put_function (s, t->f);
          return;
        }
      ns_text_put (s, "D");
      if (t->order > 1)
        {
          snprintf (num, sizeof num, "^%d", t->order);
          ns_text_put (s, num);
        }
      ns_text_put (s, "[");
      sink_put_function (s, t->f);
      ns_text_put (s, "]");
      return;
    }
  if (t->kind == NS_DIST_DELTA_OF)
    {
      /* delta(x^2 - 1), delta(x^2 - 1, 2): the parser's syntax. */
      ns_text_put (s, ascii ? "delta(" : "\xce\xb4(");
      sink_put_function (s, t->f);
      if (t->order > 0)
        {
          snprintf (num, sizeof num, ", %d", t->order);
          ns_text_put (s, num);
        }
      ns_text_put (s, ")");
      return;
    }
  ns_text_put (s, ascii ? "delta" : "\xce\xb4");
  if (t->order >= 1 && t->order <= 3)
    ns_text_put (s, t->order == 1 ? "'" : t->order == 2 ? "''" : "'''");
  else if (t->order > 3)
    {
      snprintf (num, sizeof num, "^(%d)", t->order);
      ns_text_put (s, num);
    }
  sink_put_shift (s, t->point, 1);
}

size_t
ns_dist_snprint (char *buf, size_t size, const ns_dist *t, int flags)
{
  ns_text_sink s;
  ns_text_init (&s, buf, size);
  if (!t)
    return 0;
  if (t->n == 0)
    ns_text_put (&s, "0");
  for (size_t i = 0; i < t->n; i++)
    ns_dist_sink_put_term (&s, &t->terms[i], i == 0, flags & NS_DIST_PRINT_ASCII);
  return s.len;
}

ns_status
ns_dist_print_with (FILE *stream, const ns_dist *t, int flags,
                    size_t (*snprint) (char *, size_t, const ns_dist *, int))
{
  if (!stream || !t)
    return NS_EINVAL;
  size_t n = snprint (NULL, 0, t, flags);
  char *text = malloc (n + 1);
  if (!text)
    return NS_ENOMEM;
  snprint (text, n + 1, t, flags);
  int ok = fputs (text, stream) >= 0;
  free (text);
  return ok ? NS_OK : NS_EINVAL;
}

ns_status
ns_dist_print (FILE *stream, const ns_dist *t, int flags)
{
  return ns_dist_print_with (stream, t, flags, ns_dist_snprint);
}
