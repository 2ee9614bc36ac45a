/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/interval.h: sets of real numbers that are finite unions
   of closed intervals with possibly infinite endpoints (ns_set), the values
   of one-dimensional subdifferentials: [0, 1], {-1} U {1}, [0, +inf), the
   empty set.  Value types of fixed capacity; nothing here allocates. */
#ifndef NONSMOOTH_INTERVAL_H
#define NONSMOOTH_INTERVAL_H

#include <stddef.h>
#include <stdio.h>
#include <nonsmooth/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Most pieces an ns_set holds.  An operation whose exact result needs more
   returns NS_ELIMIT with an enclosure of exactly this many pieces. */
#define NS_SET_MAX_PIECES 16

/* Most intervals ns_set_from_intervals takes in one call. */
#define NS_SET_MAX_INPUT 256

/* Print flag: plain ASCII ("U" for the union sign, "{}" for the empty set)
   for terminals without UTF-8. */
#define NS_SET_ASCII 0x1u

/* The closed interval {x real : lo <= x <= hi}.  lo is finite or -inf, hi
   finite or +inf, lo <= hi; an infinite endpoint means "unbounded on that
   side" and is not a member.  A point is [a, a]. */
typedef struct ns_interval {
  double lo;
  double hi;
} ns_interval;

/* A finite union of N disjoint closed intervals, normalized: sorted,
   piece[i].hi < piece[i+1].lo (touching pieces are merged), 0 <= n <=
   NS_SET_MAX_PIECES, no NaN.  n = 0 is the empty set.  Every function
   returns normalized sets and writes a zero endpoint as +0 ({-0} and {0}
   are the same set); sets filled by hand must pass ns_set_check. */
typedef struct ns_set {
  int n;
  ns_interval piece[NS_SET_MAX_PIECES];
} ns_set;

/* ---------------------------------------------------------- constructors */

/* Each sets *OUT and returns NS_OK, or NS_EINVAL (OUT is then the empty
   set when not NULL). */
ns_status ns_set_empty (ns_set *out);
ns_status ns_set_whole (ns_set *out);
/* {a}: NS_EINVAL for a NaN or infinite A. */
ns_status ns_set_point (double a, ns_set *out);
/* [lo, hi]: NS_EINVAL for a NaN, lo > hi, lo = +inf or hi = -inf. */
ns_status ns_set_interval (double lo, double hi, ns_set *out);
/* The union of the N intervals IV[0..n-1] (each as in ns_set_interval, in
   any order, overlapping or not); N = 0 gives the empty set.  NS_ELIMIT
   when the union has more than NS_SET_MAX_PIECES pieces (OUT is then an
   enclosure: the smallest gaps are filled), and when N exceeds
   NS_SET_MAX_INPUT (OUT is then the convex hull of the intervals). */
ns_status ns_set_from_intervals (const ns_interval *iv, int n, ns_set *out);

/* NS_OK when S is a normalized set as described above, NS_EINVAL
   otherwise (and for NULL). */
ns_status ns_set_check (const ns_set *s);

/* --------------------------------------------------------------- queries */

/* Each sets its out-parameter and returns NS_OK, or NS_EINVAL for a NULL
   pointer or a set that fails ns_set_check. */
ns_status ns_set_is_empty (const ns_set *s, int *yes);
/* A singleton {a}. */
ns_status ns_set_is_point (const ns_set *s, int *yes);
/* Convex: empty or a single interval. */
ns_status ns_set_is_interval (const ns_set *s, int *yes);
ns_status ns_set_npieces (const ns_set *s, int *n);

/* x in S.  +-inf is never a member.  NS_EINVAL for a NaN X. */
ns_status ns_set_contains (const ns_set *s, double x, int *yes);

/* Tolerances: an element s of a set "covers" every x with
   |x - s| <= abstol + reltol * |s|.  Both must be finite, abstol >= 0,
   0 <= reltol <= 1 (else NS_EINVAL).  Covering never reaches an infinite
   endpoint: a bounded set is never within tolerance of an unbounded one. */

/* x is covered by some element of S. */
ns_status ns_set_contains_tol (const ns_set *s, double x, double abstol,
                               double reltol, int *yes);
/* Every element of A is covered by some element of B. */
ns_status ns_set_is_subset (const ns_set *a, const ns_set *b, double abstol,
                            double reltol, int *yes);
/* A is a subset of B within tolerance and B of A. Tolerances 0 give exact
   set equality. */
ns_status ns_set_equal (const ns_set *a, const ns_set *b, double abstol,
                        double reltol, int *yes);

/* inf S and sup S (possibly -inf / +inf).  NS_UNDEFINED with NaN for the
   empty set. */
ns_status ns_set_inf (const ns_set *s, double *inf);
ns_status ns_set_sup (const ns_set *s, double *sup);

/* The element of S of least absolute value (the smaller one on a tie, as
   for {-1} U {1}), used by the subgradient method.  NS_UNDEFINED with NaN
   for the empty set. */
ns_status ns_set_min_norm (const ns_set *s, double *x);
/* The element of S nearest to the real X (the smaller one on a tie).
   NS_UNDEFINED with NaN for the empty set; NS_EINVAL for an infinite or
   NaN X. */
ns_status ns_set_nearest (const ns_set *s, double x, double *y);

/* ------------------------------------------------------------ operations */

/* Each writes a normalized set to *OUT, which may be the same object as an
   input.  Finite endpoints of the result are the exact endpoints rounded
   to nearest.  Returns NS_OK; NS_EINVAL (NULL, bad set, NaN or infinite
   number; OUT is then empty); NS_ELIMIT (the result needs more than
   NS_SET_MAX_PIECES pieces; OUT is an enclosure with the smallest gaps
   filled); NS_ERANGE (a finite endpoint overflowed; OUT is an enclosure,
   an overflowed endpoint becomes +-inf on the outer side, +-DBL_MAX on
   the inner side).  Both NS_ERANGE and NS_ELIMIT: NS_ERANGE. */
ns_status ns_set_union (const ns_set *a, const ns_set *b, ns_set *out);
ns_status ns_set_intersection (const ns_set *a, const ns_set *b, ns_set *out);
/* The convex hull [inf S, sup S] (empty for the empty set). */
ns_status ns_set_hull (const ns_set *s, ns_set *out);
/* Minkowski sum A + B = {a + b : a in A, b in B}. */
ns_status ns_set_add (const ns_set *a, const ns_set *b, ns_set *out);
/* c S = {c s : s in S} for a real C; with 0 * inf = 0, so 0 S = {0} for
   every non-empty S, bounded or not. */
ns_status ns_set_scale (const ns_set *s, double c, ns_set *out);
/* -S (exact). */
ns_status ns_set_neg (const ns_set *s, ns_set *out);
/* S + t = {s + t : s in S} for a real T. */
ns_status ns_set_translate (const ns_set *s, double t, ns_set *out);

/* -------------------------------------------------------------- printing */

/* Writes S as text like snprintf: at most SIZE bytes including the NUL
   (BUF may be NULL when SIZE is 0); returns the length the full text
   needs.  Forms: "[0, 1]", "{-1} ∪ {1}", "∅", "[0, +inf)",
   "(-inf, +inf)"; numbers are the shortest that read back exactly with
   strtod, with '.' as decimal point whatever the locale.  FLAGS:
   NS_SET_ASCII.  Returns 0 (and writes "" when SIZE > 0) for a NULL or
   bad set: every valid set needs at least one byte. */
size_t ns_set_snprint (char *buf, size_t size, const ns_set *s, unsigned flags);

/* Writes S to STREAM.  NS_EINVAL for NULL arguments, a bad set or a
   failed write. */
ns_status ns_set_print (FILE *stream, const ns_set *s, unsigned flags);

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_INTERVAL_H */
