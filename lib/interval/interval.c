/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/interval/interval.c: finite unions of closed intervals on the extended reals
   (ns_set): construction and normalization, queries with tolerances, set
   and Minkowski arithmetic, min-norm and nearest elements, and printing
   with shortest round-trip, locale-independent numbers. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "nonsmooth/interval.h"
#include "text.h"

/* Scratch capacity for results before normalization: the Minkowski sum
   and the intersection of two full sets have at most MAX*MAX pairwise
   pieces; ns_set_from_intervals takes at most NS_SET_MAX_INPUT. */
#define PAIRS_CAPACITY (NS_SET_MAX_PIECES * NS_SET_MAX_PIECES)
#if NS_SET_MAX_INPUT > PAIRS_CAPACITY
#error "scratch arrays must hold NS_SET_MAX_INPUT intervals"
#endif

/* ------------------------------------------------------------- validity */

/* [lo, hi] is a non-empty set of reals: no NaN, lo <= hi, and neither
   endpoint is the infinity on the wrong side ([+inf, +inf] has no real
   member). */
static int
interval_is_valid (double lo, double hi)
{
  return !isnan (lo) && !isnan (hi) && lo <= hi && lo != HUGE_VAL && hi != -HUGE_VAL;
}

ns_status
ns_set_check (const ns_set *s)
{
  if (s == NULL || s->n < 0 || s->n > NS_SET_MAX_PIECES)
    return NS_EINVAL;
  for (int i = 0; i < s->n; i++)
    {
      if (!interval_is_valid (s->piece[i].lo, s->piece[i].hi))
        return NS_EINVAL;
      /* Strict: touching pieces must have been merged. */
      if (i > 0 && !(s->piece[i - 1].hi < s->piece[i].lo))
        return NS_EINVAL;
    }
  return NS_OK;
}

static void
set_make_empty (ns_set *out)
{
  if (out != NULL)
    out->n = 0;
}

/* {-0} and {0} are the same set; writing +0 keeps printing and bitwise
   comparisons of results canonical. */
static double
positive_zero (double x)
{
  return x == 0.0 ? 0.0 : x;
}

/* --------------------------------------------------------- normalization */

static int
compare_by_lo (const void *pa, const void *pb)
{
  const ns_interval *a = pa, *b = pb;
  if (a->lo < b->lo)
    return -1;
  if (a->lo > b->lo)
    return 1;
  return (a->hi > b->hi) - (a->hi < b->hi);
}

/* Sorts and merges the N valid intervals in TMP (reordered in place) and
   writes the normalized union to OUT.  When more than NS_SET_MAX_PIECES
   disjoint pieces remain, the smallest gap is filled repeatedly, which
   gives an enclosure, and NS_ELIMIT is returned. */
static ns_status
normalize_into (ns_interval *tmp, int n, ns_set *out)
{
  ns_status status = NS_OK;
  int m = 0;

  qsort (tmp, (size_t) n, sizeof tmp[0], compare_by_lo);
  for (int i = 0; i < n; i++)
    {
      /* lo <= hi of the previous piece: overlapping or touching, one piece. */
      if (m > 0 && tmp[i].lo <= tmp[m - 1].hi)
        {
          if (tmp[i].hi > tmp[m - 1].hi)
            tmp[m - 1].hi = tmp[i].hi;
        }
      else
        tmp[m++] = tmp[i];
    }

  while (m > NS_SET_MAX_PIECES)
    {
      /* Gaps are between finite endpoints; a gap wider than DBL_MAX
         rounds to +inf, which still compares correctly as "widest". */
      int best = 0;
      double best_gap = tmp[1].lo - tmp[0].hi;
      for (int i = 1; i + 1 < m; i++)
        {
          double gap = tmp[i + 1].lo - tmp[i].hi;
          if (gap < best_gap)
            {
              best_gap = gap;
              best = i;
            }
        }
      tmp[best].hi = tmp[best + 1].hi;
      memmove (&tmp[best + 1], &tmp[best + 2], (size_t) (m - best - 2) * sizeof tmp[0]);
      m--;
      status = NS_ELIMIT;
    }

  out->n = m;
  for (int i = 0; i < m; i++)
    {
      out->piece[i].lo = positive_zero (tmp[i].lo);
      out->piece[i].hi = positive_zero (tmp[i].hi);
    }
  return status;
}

/* An endpoint computed from finite operands that overflowed.  The exact
   value is beyond +-DBL_MAX on the same side, so a lower endpoint that
   became +inf is replaced by DBL_MAX and an upper endpoint that became
   -inf by -DBL_MAX; -inf as a lower and +inf as an upper endpoint are
   already outward.  The piece then encloses the exact one.  *OVERFLOW is
   set when anything overflowed. */
static double
outward_lo (double computed, int operands_finite, int *overflow)
{
  if (operands_finite && isinf (computed))
    {
      *overflow = 1;
      if (computed > 0)
        return DBL_MAX;
    }
  return computed;
}

static double
outward_hi (double computed, int operands_finite, int *overflow)
{
  if (operands_finite && isinf (computed))
    {
      *overflow = 1;
      if (computed < 0)
        return -DBL_MAX;
    }
  return computed;
}

/* --------------------------------------------------------- constructors */

ns_status
ns_set_empty (ns_set *out)
{
  if (out == NULL)
    return NS_EINVAL;
  out->n = 0;
  return NS_OK;
}

ns_status
ns_set_whole (ns_set *out)
{
  if (out == NULL)
    return NS_EINVAL;
  out->n = 1;
  out->piece[0].lo = -HUGE_VAL;
  out->piece[0].hi = HUGE_VAL;
  return NS_OK;
}

ns_status
ns_set_interval (double lo, double hi, ns_set *out)
{
  if (out == NULL)
    return NS_EINVAL;
  if (!interval_is_valid (lo, hi))
    {
      out->n = 0;
      return NS_EINVAL;
    }
  out->n = 1;
  out->piece[0].lo = positive_zero (lo);
  out->piece[0].hi = positive_zero (hi);
  return NS_OK;
}

ns_status
ns_set_point (double a, ns_set *out)
{
  if (!isfinite (a))
    {
      set_make_empty (out);
      return NS_EINVAL;
    }
  return ns_set_interval (a, a, out);
}

ns_status
ns_set_from_intervals (const ns_interval *iv, int n, ns_set *out)
{
  if (out == NULL)
    return NS_EINVAL;
  out->n = 0;
  if (n < 0 || (n > 0 && iv == NULL))
    return NS_EINVAL;
  for (int i = 0; i < n; i++)
    if (!interval_is_valid (iv[i].lo, iv[i].hi))
      return NS_EINVAL;

  if (n > NS_SET_MAX_INPUT)
    {
      /* Too many to sort in our scratch space: the hull encloses them. */
      double lo = iv[0].lo, hi = iv[0].hi;
      for (int i = 1; i < n; i++)
        {
          lo = fmin (lo, iv[i].lo);
          hi = fmax (hi, iv[i].hi);
        }
      ns_set_interval (lo, hi, out);
      return NS_ELIMIT;
    }

  ns_interval tmp[NS_SET_MAX_INPUT];
  if (n > 0)
    memcpy (tmp, iv, (size_t) n * sizeof tmp[0]);
  return normalize_into (tmp, n, out);
}

/* -------------------------------------------------------------- queries */

ns_status
ns_set_is_empty (const ns_set *s, int *yes)
{
  if (yes == NULL || ns_set_check (s) != NS_OK)
    return NS_EINVAL;
  *yes = s->n == 0;
  return NS_OK;
}

ns_status
ns_set_is_point (const ns_set *s, int *yes)
{
  if (yes == NULL || ns_set_check (s) != NS_OK)
    return NS_EINVAL;
  *yes = s->n == 1 && s->piece[0].lo == s->piece[0].hi;
  return NS_OK;
}

ns_status
ns_set_is_interval (const ns_set *s, int *yes)
{
  if (yes == NULL || ns_set_check (s) != NS_OK)
    return NS_EINVAL;
  *yes = s->n <= 1;
  return NS_OK;
}

ns_status
ns_set_npieces (const ns_set *s, int *n)
{
  if (n == NULL || ns_set_check (s) != NS_OK)
    return NS_EINVAL;
  *n = s->n;
  return NS_OK;
}

ns_status
ns_set_contains (const ns_set *s, double x, int *yes)
{
  if (yes == NULL || ns_set_check (s) != NS_OK || isnan (x))
    return NS_EINVAL;
  *yes = 0;
  /* An infinite x is never a member: an infinite endpoint only says the
     piece is unbounded. */
  if (isinf (x))
    return NS_OK;
  for (int i = 0; i < s->n; i++)
    if (s->piece[i].lo <= x && x <= s->piece[i].hi)
      {
        *yes = 1;
        break;
      }
  return NS_OK;
}

static int
tolerances_are_valid (double abstol, double reltol)
{
  return isfinite (abstol) && abstol >= 0 && isfinite (reltol) && reltol >= 0
         && reltol <= 1;
}

/* The union over b in [lo, hi] of [b - t(b), b + t(b)], t(b) = abstol +
   reltol |b|.  With 0 <= reltol <= 1 both b - t(b) and b + t(b) are
   nondecreasing in b (slopes 1 -+ reltol >= 0), so the union is
   [lo - t(lo), hi + t(hi)].  A finite endpoint stays finite (clamped to
   +-DBL_MAX) so that no tolerance reaches an infinite endpoint. */
static ns_interval
widen (ns_interval p, double abstol, double reltol)
{
  ns_interval w = p;
  if (isfinite (p.lo))
    {
      w.lo = p.lo - (abstol + reltol * fabs (p.lo));
      if (w.lo < -DBL_MAX)
        w.lo = -DBL_MAX;
    }
  if (isfinite (p.hi))
    {
      w.hi = p.hi + (abstol + reltol * fabs (p.hi));
      if (w.hi > DBL_MAX)
        w.hi = DBL_MAX;
    }
  return w;
}

/* The set of numbers covered by S within the tolerances, normalized
   (widened pieces may overlap; merging never needs more pieces). */
static void
widen_set (const ns_set *s, double abstol, double reltol, ns_set *out)
{
  ns_interval tmp[NS_SET_MAX_PIECES];
  for (int i = 0; i < s->n; i++)
    tmp[i] = widen (s->piece[i], abstol, reltol);
  normalize_into (tmp, s->n, out);
}

ns_status
ns_set_contains_tol (const ns_set *s, double x, double abstol, double reltol,
                     int *yes)
{
  if (yes == NULL || ns_set_check (s) != NS_OK || isnan (x)
      || !tolerances_are_valid (abstol, reltol))
    return NS_EINVAL;
  ns_set w;
  widen_set (s, abstol, reltol, &w);
  return ns_set_contains (&w, x, yes);
}

/* A subset of B exactly: each piece of A is connected, so it lies inside
   a single piece of B. */
static int
is_subset_exact (const ns_set *a, const ns_set *b)
{
  for (int i = 0; i < a->n; i++)
    {
      int inside = 0;
      for (int j = 0; j < b->n && !inside; j++)
        inside = b->piece[j].lo <= a->piece[i].lo && a->piece[i].hi <= b->piece[j].hi;
      if (!inside)
        return 0;
    }
  return 1;
}

ns_status
ns_set_is_subset (const ns_set *a, const ns_set *b, double abstol, double reltol,
                  int *yes)
{
  if (yes == NULL || ns_set_check (a) != NS_OK || ns_set_check (b) != NS_OK
      || !tolerances_are_valid (abstol, reltol))
    return NS_EINVAL;
  ns_set wb;
  widen_set (b, abstol, reltol, &wb);
  *yes = is_subset_exact (a, &wb);
  return NS_OK;
}

ns_status
ns_set_equal (const ns_set *a, const ns_set *b, double abstol, double reltol,
              int *yes)
{
  int ab, ba;
  if (yes == NULL)
    return NS_EINVAL;
  ns_status s = ns_set_is_subset (a, b, abstol, reltol, &ab);
  if (s != NS_OK)
    return s;
  s = ns_set_is_subset (b, a, abstol, reltol, &ba);
  if (s != NS_OK)
    return s;
  *yes = ab && ba;
  return NS_OK;
}

ns_status
ns_set_inf (const ns_set *s, double *inf)
{
  if (inf == NULL || ns_set_check (s) != NS_OK)
    {
      if (inf != NULL)
        *inf = NAN;
      return NS_EINVAL;
    }
  if (s->n == 0)
    {
      *inf = NAN;
      return NS_UNDEFINED;
    }
  *inf = s->piece[0].lo;
  return NS_OK;
}

ns_status
ns_set_sup (const ns_set *s, double *sup)
{
  if (sup == NULL || ns_set_check (s) != NS_OK)
    {
      if (sup != NULL)
        *sup = NAN;
      return NS_EINVAL;
    }
  if (s->n == 0)
    {
      *sup = NAN;
      return NS_UNDEFINED;
    }
  *sup = s->piece[s->n - 1].hi;
  return NS_OK;
}

ns_status
ns_set_nearest (const ns_set *s, double x, double *y)
{
  if (y == NULL)
    return NS_EINVAL;
  *y = NAN;
  if (ns_set_check (s) != NS_OK || !isfinite (x))
    return NS_EINVAL;
  if (s->n == 0)
    return NS_UNDEFINED;

  /* The nearest point of each piece is x clamped to it (finite, since x
     is).  At most one of the distances can overflow: the candidates below
     x and above x cannot both be far across zero.  Pieces are sorted, so
     the strict < keeps the smaller candidate on a tie. */
  double best = NAN, best_dist = HUGE_VAL;
  for (int i = 0; i < s->n; i++)
    {
      double c = fmin (fmax (x, s->piece[i].lo), s->piece[i].hi);
      double d = fabs (x - c);
      if (isnan (best) || d < best_dist)
        {
          best = c;
          best_dist = d;
        }
    }
  *y = positive_zero (best);
  return NS_OK;
}

ns_status
ns_set_min_norm (const ns_set *s, double *x)
{
  /* The element of least absolute value is the one nearest to 0. */
  return ns_set_nearest (s, 0.0, x);
}

/* ----------------------------------------------------------- operations */

/* Checks the inputs of a binary operation; on failure empties OUT. */
static ns_status
check_binary (const ns_set *a, const ns_set *b, ns_set *out)
{
  if (out == NULL)
    return NS_EINVAL;
  if (ns_set_check (a) != NS_OK || ns_set_check (b) != NS_OK)
    {
      out->n = 0;
      return NS_EINVAL;
    }
  return NS_OK;
}

ns_status
ns_set_union (const ns_set *a, const ns_set *b, ns_set *out)
{
  ns_status s = check_binary (a, b, out);
  if (s != NS_OK)
    return s;
  ns_interval tmp[2 * NS_SET_MAX_PIECES];
  int n = 0;
  for (int i = 0; i < a->n; i++)
    tmp[n++] = a->piece[i];
  for (int i = 0; i < b->n; i++)
    tmp[n++] = b->piece[i];
  return normalize_into (tmp, n, out);
}

ns_status
ns_set_intersection (const ns_set *a, const ns_set *b, ns_set *out)
{
  ns_status s = check_binary (a, b, out);
  if (s != NS_OK)
    return s;
  ns_interval tmp[PAIRS_CAPACITY];
  int n = 0;
  for (int i = 0; i < a->n; i++)
    for (int j = 0; j < b->n; j++)
      {
        double lo = fmax (a->piece[i].lo, b->piece[j].lo);
        double hi = fmin (a->piece[i].hi, b->piece[j].hi);
        if (lo <= hi)
          tmp[n++] = (ns_interval) { lo, hi };
      }
  /* Pieces of two disjoint families meet in at most a->n + b->n - 1
     pieces, which can exceed the capacity: NS_ELIMIT then. */
  return normalize_into (tmp, n, out);
}

ns_status
ns_set_hull (const ns_set *s, ns_set *out)
{
  if (out == NULL)
    return NS_EINVAL;
  if (ns_set_check (s) != NS_OK)
    {
      out->n = 0;
      return NS_EINVAL;
    }
  if (s->n == 0)
    {
      out->n = 0;
      return NS_OK;
    }
  double lo = s->piece[0].lo, hi = s->piece[s->n - 1].hi;
  out->n = 1;
  out->piece[0] = (ns_interval) { positive_zero (lo), positive_zero (hi) };
  return NS_OK;
}

ns_status
ns_set_add (const ns_set *a, const ns_set *b, ns_set *out)
{
  ns_status s = check_binary (a, b, out);
  if (s != NS_OK)
    return s;
  ns_interval tmp[PAIRS_CAPACITY];
  int n = 0, overflow = 0;
  for (int i = 0; i < a->n; i++)
    for (int j = 0; j < b->n; j++)
      {
        /* Lower endpoints are finite or -inf, upper ones finite or +inf,
           so inf + (-inf) never occurs: [-inf, 0] + [0, +inf] = [-inf,
           +inf].  Rounding to nearest is monotone, so the rounded sum of
           endpoints still bounds the rounded sum of any two members. */
        const ns_interval *p = &a->piece[i], *q = &b->piece[j];
        double lo = outward_lo (p->lo + q->lo, isfinite (p->lo) && isfinite (q->lo), &overflow);
        double hi = outward_hi (p->hi + q->hi, isfinite (p->hi) && isfinite (q->hi), &overflow);
        tmp[n++] = (ns_interval) { lo, hi };
      }
  s = normalize_into (tmp, n, out);
  return overflow ? NS_ERANGE : s;
}

ns_status
ns_set_scale (const ns_set *s, double c, ns_set *out)
{
  if (out == NULL)
    return NS_EINVAL;
  if (ns_set_check (s) != NS_OK || !isfinite (c))
    {
      out->n = 0;
      return NS_EINVAL;
    }
  if (s->n == 0)
    {
      out->n = 0;
      return NS_OK;
    }
  if (c == 0.0)
    {
      /* Set arithmetic uses 0 * inf = 0: every member is a real number,
         and 0 times a real number is 0. */
      out->n = 1;
      out->piece[0] = (ns_interval) { 0.0, 0.0 };
      return NS_OK;
    }
  ns_interval tmp[NS_SET_MAX_PIECES];
  int n = s->n, overflow = 0;
  for (int i = 0; i < n; i++)
    {
      double lo = s->piece[i].lo, hi = s->piece[i].hi;
      /* c < 0 reverses the order of the endpoints. */
      double plo = c > 0 ? c * lo : c * hi;
      double phi = c > 0 ? c * hi : c * lo;
      int lo_finite = isfinite (c > 0 ? lo : hi);
      int hi_finite = isfinite (c > 0 ? hi : lo);
      tmp[i].lo = outward_lo (plo, lo_finite, &overflow);
      tmp[i].hi = outward_hi (phi, hi_finite, &overflow);
    }
  /* Rounding is monotone, so gaps may close (then pieces merge) but
     never invert; normalization re-sorts after a reversal. */
  ns_status st = normalize_into (tmp, n, out);
  return overflow ? NS_ERANGE : st;
}

ns_status
ns_set_neg (const ns_set *s, ns_set *out)
{
  return ns_set_scale (s, -1.0, out);
}

ns_status
ns_set_translate (const ns_set *s, double t, ns_set *out)
{
  if (out == NULL)
    return NS_EINVAL;
  if (ns_set_check (s) != NS_OK || !isfinite (t))
    {
      out->n = 0;
      return NS_EINVAL;
    }
  ns_interval tmp[NS_SET_MAX_PIECES];
  int n = s->n, overflow = 0;
  for (int i = 0; i < n; i++)
    {
      tmp[i].lo = outward_lo (s->piece[i].lo + t, isfinite (s->piece[i].lo), &overflow);
      tmp[i].hi = outward_hi (s->piece[i].hi + t, isfinite (s->piece[i].hi), &overflow);
    }
  ns_status st = normalize_into (tmp, n, out);
  return overflow ? NS_ERANGE : st;
}

/* ------------------------------------------------------------- printing */

size_t
ns_set_snprint (char *buf, size_t size, const ns_set *s, unsigned flags)
{
  ns_text_sink k;
  ns_text_init (&k, buf, size);
  int ascii = (flags & NS_SET_ASCII) != 0;

  if (ns_set_check (s) == NS_OK)
    {
      if (s->n == 0)
        ns_text_put (&k, ascii ? "{}" : "\xE2\x88\x85");   /* U+2205 EMPTY SET */
      for (int i = 0; i < s->n; i++)
        {
          double lo = s->piece[i].lo, hi = s->piece[i].hi;
          if (i > 0)
            ns_text_put (&k, ascii ? " U " : " \xE2\x88\xAA ");   /* U+222A UNION */
          if (lo == hi)
            {
              ns_text_put (&k, "{");
              ns_text_put_number (&k, lo);
              ns_text_put (&k, "}");
              continue;
            }
          /* An infinite endpoint is not attained: round bracket. */
          ns_text_put (&k, isinf (lo) ? "(" : "[");
          ns_text_put_number (&k, lo);
          ns_text_put (&k, ", ");
          ns_text_put_number (&k, hi);
          ns_text_put (&k, isinf (hi) ? ")" : "]");
        }
    }
  if (k.size > 0)
    k.buf[k.len < k.size ? k.len : k.size - 1] = '\0';
  return k.len;
}

/* A piece needs at most 2 * 24 + 4 bytes ("[" number ", " number "]"),
   a separator 5, the empty set 3: the text of any set fits. */
#define SET_TEXT_SIZE (NS_SET_MAX_PIECES * (2 * 24 + 4 + 5) + 8)

ns_status
ns_set_print (FILE *stream, const ns_set *s, unsigned flags)
{
  char text[SET_TEXT_SIZE];
  if (stream == NULL || ns_set_check (s) != NS_OK)
    return NS_EINVAL;
  ns_set_snprint (text, sizeof text, s, flags);
  if (fputs (text, stream) == EOF)
    return NS_EINVAL;
  return NS_OK;
}
