/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_interval.c: the sets module (ns_set).  `core`: every
   constructor, query and operation against hand-derived sets, and every
   printed form as an exact string; `limits`: a table of bad inputs,
   capacity (NS_ELIMIT) and overflow (NS_ERANGE) enclosures, buffer
   truncation; `random`: algebraic laws on seeded random sets, and numbers
   printed then read back. */
#include <config.h>
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

#define UNION_UTF8 " \xE2\x88\xAA "
#define EMPTY_UTF8 "\xE2\x88\x85"

/* ------------------------------------------------------------- helpers */

/* A set written by hand, piece by piece (lo, hi pairs), without going
   through the library's normalization; it must already be normalized. */
static ns_set
set_of (int n, const double *ends)
{
  ns_set s;
  s.n = n;
  for (int i = 0; i < n; i++)
    s.piece[i] = (ns_interval) { ends[2 * i], ends[2 * i + 1] };
  ck_assert_msg (ns_set_check (&s) == NS_OK, "test bug: hand-written set not normalized");
  return s;
}
#define SET(n, ...) set_of ((n), (const double[]) { __VA_ARGS__ })

static ns_set
empty_set (void)
{
  ns_set s;
  ck_assert_int_eq (ns_set_empty (&s), NS_OK);
  return s;
}

/* Exact textual description with hex floats, independent of the printer
   under test, for failure messages. */
static const char *
describe (const ns_set *s, char *buf, size_t size)
{
  size_t len = 0;
  len += (size_t) snprintf (buf, size, "n=%d", s->n);
  for (int i = 0; i < s->n && i < NS_SET_MAX_PIECES && len < size; i++)
    len += (size_t) snprintf (buf + len, size - len, " [%a, %a]", s->piece[i].lo, s->piece[i].hi);
  return buf;
}

/* Same pieces, same endpoints (== treats -0 and +0 as equal; that the
   library writes +0 is checked separately). */
static int
identical (const ns_set *a, const ns_set *b)
{
  if (a->n != b->n)
    return 0;
  for (int i = 0; i < a->n; i++)
    if (!(a->piece[i].lo == b->piece[i].lo && a->piece[i].hi == b->piece[i].hi))
      return 0;
  return 1;
}

#define ck_assert_set_eq(got, want)                                            \
  do {                                                                         \
    char dg_[1024], dw_[1024];                                                 \
    ns_set g_ = (got), w_ = (want);                                            \
    ck_assert_msg (identical (&g_, &w_), "got %s, want %s",                    \
                   describe (&g_, dg_, sizeof dg_),                            \
                   describe (&w_, dw_, sizeof dw_));                           \
  } while (0)

/* An assertion for hot loops.  Check's ck_assert_* report every passing
   assertion to the parent process in fork mode (one write each), which
   dominated the run time of the random tests; this one only acts on
   failure. */
#define require(cond, ...)                                                     \
  do {                                                                         \
    if (!(cond))                                                               \
      ck_abort_msg (__VA_ARGS__);                                              \
  } while (0)

static int
contains (const ns_set *s, double x)
{
  int yes = -1;
  ns_status st = ns_set_contains (s, x, &yes);
  require (st == NS_OK, "ns_set_contains (%a): %s", x, ns_strerror (st));
  return yes;
}

static int
has_negative_zero (const ns_set *s)
{
  for (int i = 0; i < s->n; i++)
    if ((s->piece[i].lo == 0 && signbit (s->piece[i].lo))
        || (s->piece[i].hi == 0 && signbit (s->piece[i].hi)))
      return 1;
  return 0;
}

static const char *
text_of (ns_set s, unsigned flags, char *buf, size_t size)
{
  size_t len = ns_set_snprint (buf, size, &s, flags);
  require (len < size, "text of %zu bytes does not fit %zu", len, size);
  require (len == strlen (buf), "returned length %zu, wrote %zu", len, strlen (buf));
  return buf;
}

/* ---------------------------------------------------------------- core */

START_TEST (test_constructors)
{
  ns_set s;
  ck_assert_int_eq (ns_set_empty (&s), NS_OK);
  ck_assert_int_eq (s.n, 0);

  ck_assert_int_eq (ns_set_point (2.5, &s), NS_OK);
  ck_assert_int_eq (s.n, 1);
  ck_assert (s.piece[0].lo == 2.5 && s.piece[0].hi == 2.5);

  ck_assert_int_eq (ns_set_interval (0, 1, &s), NS_OK);
  ck_assert (s.n == 1 && s.piece[0].lo == 0 && s.piece[0].hi == 1);

  ck_assert_int_eq (ns_set_interval (-HUGE_VAL, 3, &s), NS_OK);
  ck_assert (s.n == 1 && s.piece[0].lo == -HUGE_VAL && s.piece[0].hi == 3);

  ck_assert_int_eq (ns_set_whole (&s), NS_OK);
  ck_assert (s.n == 1 && s.piece[0].lo == -HUGE_VAL && s.piece[0].hi == HUGE_VAL);

  /* A zero endpoint is written as +0: {-0} and {0} are the same set. */
  ck_assert_int_eq (ns_set_point (-0.0, &s), NS_OK);
  ck_assert (!has_negative_zero (&s));
  ck_assert_int_eq (ns_set_interval (-1, -0.0, &s), NS_OK);
  ck_assert (!has_negative_zero (&s));
}
END_TEST

START_TEST (test_from_intervals_normalizes)
{
  ns_set s;
  /* Unsorted, overlapping, touching and nested pieces. */
  const ns_interval iv[] = { { 5, 6 }, { 1, 2 }, { 0, 1 }, { 3, 4 }, { 3.5, 3.75 },
                             { 4, 4 }, { 10, 10 } };
  ck_assert_int_eq (ns_set_from_intervals (iv, 7, &s), NS_OK);
  ns_set want = SET (4, 0, 2, 3, 4, 5, 6, 10, 10);
  ck_assert_set_eq (s, want);

  ck_assert_int_eq (ns_set_from_intervals (NULL, 0, &s), NS_OK);
  ck_assert_int_eq (s.n, 0);

  const ns_interval lines[] = { { 0, HUGE_VAL }, { -HUGE_VAL, 0 } };
  ck_assert_int_eq (ns_set_from_intervals (lines, 2, &s), NS_OK);
  ns_set whole;
  ns_set_whole (&whole);
  ck_assert_set_eq (s, whole);
}
END_TEST

START_TEST (test_queries)
{
  ns_set e = empty_set ();
  ns_set p = SET (1, 3, 3);
  ns_set i01 = SET (1, 0, 1);
  ns_set two = SET (2, -1, -1, 1, 1);
  int yes, n;

  ck_assert_int_eq (ns_set_is_empty (&e, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  ck_assert_int_eq (ns_set_is_empty (&p, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);

  ck_assert_int_eq (ns_set_is_point (&p, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  ck_assert_int_eq (ns_set_is_point (&i01, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);
  ck_assert_int_eq (ns_set_is_point (&two, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);
  ck_assert_int_eq (ns_set_is_point (&e, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);

  ck_assert_int_eq (ns_set_is_interval (&i01, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  ck_assert_int_eq (ns_set_is_interval (&e, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  ck_assert_int_eq (ns_set_is_interval (&two, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);

  ck_assert_int_eq (ns_set_npieces (&two, &n), NS_OK);
  ck_assert_int_eq (n, 2);
  ck_assert_int_eq (ns_set_npieces (&e, &n), NS_OK);
  ck_assert_int_eq (n, 0);

  /* Membership: closed endpoints, gaps, infinities never members. */
  ck_assert_int_eq (contains (&i01, 0), 1);
  ck_assert_int_eq (contains (&i01, 1), 1);
  ck_assert_int_eq (contains (&i01, 0.5), 1);
  ck_assert_int_eq (contains (&i01, nextafter (1, 2)), 0);
  ck_assert_int_eq (contains (&i01, -0.0), 1);
  ck_assert_int_eq (contains (&two, 0), 0);
  ck_assert_int_eq (contains (&two, -1), 1);
  ck_assert_int_eq (contains (&e, 0), 0);
  ns_set w;
  ns_set_whole (&w);
  ck_assert_int_eq (contains (&w, DBL_MAX), 1);
  ck_assert_int_eq (contains (&w, HUGE_VAL), 0);
  ck_assert_int_eq (contains (&w, -HUGE_VAL), 0);

  double v;
  ck_assert_int_eq (ns_set_inf (&two, &v), NS_OK);
  ck_assert (v == -1);
  ck_assert_int_eq (ns_set_sup (&two, &v), NS_OK);
  ck_assert (v == 1);
  ck_assert_int_eq (ns_set_inf (&w, &v), NS_OK);
  ck_assert (v == -HUGE_VAL);
  ck_assert_int_eq (ns_set_sup (&w, &v), NS_OK);
  ck_assert (v == HUGE_VAL);
  ck_assert_int_eq (ns_set_inf (&e, &v), NS_UNDEFINED);
  ck_assert (isnan (v));
  ck_assert_int_eq (ns_set_sup (&e, &v), NS_UNDEFINED);
  ck_assert (isnan (v));
}
END_TEST

START_TEST (test_tolerances)
{
  ns_set i01 = SET (1, 0, 1);
  ns_set big = SET (1, 1000, 2000);
  ns_set up = SET (1, 0, HUGE_VAL);
  ns_set upb = SET (1, 0, 1e300);
  int yes;

  /* x covered when |x - s| <= abstol + reltol |s|: 1 + 0.1 is covered by
     1 with abstol 0.1 (the sum rounds to the same double as 1.1). */
  ck_assert_int_eq (ns_set_contains_tol (&i01, 1.1, 0.1, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  ck_assert_int_eq (ns_set_contains_tol (&i01, 1.2, 0.1, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);
  ck_assert_int_eq (ns_set_contains_tol (&i01, -0.05, 0.1, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  /* Relative: 2000 * 1e-3 = 2 around the upper end, 1000 * 1e-3 = 1 below. */
  ck_assert_int_eq (ns_set_contains_tol (&big, 2001.5, 0, 1e-3, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  ck_assert_int_eq (ns_set_contains_tol (&big, 998.5, 0, 1e-3, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);
  ck_assert_int_eq (ns_set_contains_tol (&big, 999.5, 0, 1e-3, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);

  ns_set a = SET (1, 0, 1), b = SET (1, 1e-10, 1 + 1e-10);
  ck_assert_int_eq (ns_set_equal (&a, &b, 1e-9, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  ck_assert_int_eq (ns_set_equal (&a, &b, 1e-11, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);
  ck_assert_int_eq (ns_set_equal (&a, &b, 0, 1e-9, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);   /* 0 gets no relative slack: 1e-10 > 0 */
  ck_assert_int_eq (ns_set_equal (&a, &a, 0, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);

  /* Two pieces separated by less than the tolerance equal one interval. */
  ns_set split = SET (2, 0, 1, 1 + 1e-12, 2), joined = SET (1, 0, 2);
  ck_assert_int_eq (ns_set_equal (&split, &joined, 1e-9, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  ck_assert_int_eq (ns_set_equal (&split, &joined, 0, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);
  /* {-1} U {1} is not [-1, 1], whatever a moderate tolerance. */
  ns_set pm = SET (2, -1, -1, 1, 1), hull = SET (1, -1, 1);
  ck_assert_int_eq (ns_set_equal (&pm, &hull, 0.1, 0.1, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);
  ck_assert_int_eq (ns_set_is_subset (&pm, &hull, 0, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  ck_assert_int_eq (ns_set_is_subset (&hull, &pm, 0, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);

  /* Infinite endpoints are equal only to themselves. */
  ck_assert_int_eq (ns_set_equal (&up, &upb, 1e300, 1, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);
  ck_assert_int_eq (ns_set_is_subset (&upb, &up, 0, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  ck_assert_int_eq (ns_set_contains_tol (&upb, HUGE_VAL, 1e300, 1, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);
  ck_assert_int_eq (ns_set_equal (&up, &up, 0, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  /* Widening 1e308 by 1e308 + 1e308 overflows; it must stop at DBL_MAX
     rather than become +inf. */
  ns_set near_max = SET (1, 0, 1e308), near_min = SET (1, -1e308, 0);
  ns_set down = SET (1, -HUGE_VAL, 0);
  ck_assert_int_eq (ns_set_is_subset (&up, &near_max, 1e308, 1, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);
  ck_assert_int_eq (ns_set_contains_tol (&near_max, DBL_MAX, 1e308, 1, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  ck_assert_int_eq (ns_set_is_subset (&down, &near_min, 1e308, 1, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);

  /* The empty set is a subset of everything and equals only itself. */
  ns_set e = empty_set ();
  ck_assert_int_eq (ns_set_is_subset (&e, &pm, 0, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  ck_assert_int_eq (ns_set_is_subset (&pm, &e, 1, 1, &yes), NS_OK);
  ck_assert_int_eq (yes, 0);
  ck_assert_int_eq (ns_set_equal (&e, &e, 0, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
}
END_TEST

START_TEST (test_union_intersection_hull)
{
  ns_set out;
  ns_set e = empty_set ();
  ns_set a = SET (1, 0, 1), b = SET (1, 1, 2);

  /* Touching pieces merge: [0,1] U [1,2] = [0,2]; they meet in {1}. */
  ck_assert_int_eq (ns_set_union (&a, &b, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, 0, 2));
  ck_assert_int_eq (ns_set_intersection (&a, &b, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, 1, 1));

  /* {-1} U {1} stays two pieces; its hull is [-1, 1]. */
  ns_set m1 = SET (1, -1, -1), p1 = SET (1, 1, 1);
  ck_assert_int_eq (ns_set_union (&m1, &p1, &out), NS_OK);
  ck_assert_set_eq (out, SET (2, -1, -1, 1, 1));
  ck_assert_int_eq (ns_set_hull (&out, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, -1, 1));

  /* Overlap; disjoint; infinite endpoints. */
  ns_set c = SET (1, 0, 2), d = SET (1, 1, 3);
  ck_assert_int_eq (ns_set_union (&c, &d, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, 0, 3));
  ck_assert_int_eq (ns_set_intersection (&c, &d, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, 1, 2));
  ns_set left = SET (1, -HUGE_VAL, 0), right = SET (1, 0, HUGE_VAL);
  ck_assert_int_eq (ns_set_intersection (&left, &right, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, 0, 0));
  ck_assert_int_eq (ns_set_union (&left, &right, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, -HUGE_VAL, HUGE_VAL));
  ns_set far = SET (1, 5, 6);
  ck_assert_int_eq (ns_set_intersection (&a, &far, &out), NS_OK);
  ck_assert_int_eq (out.n, 0);

  /* Multi-piece against multi-piece. */
  ns_set comb = SET (3, 0, 1, 2, 3, 4, 5), bar = SET (2, 0.5, 2.5, 4.5, 10);
  ck_assert_int_eq (ns_set_intersection (&comb, &bar, &out), NS_OK);
  ck_assert_set_eq (out, SET (3, 0.5, 1, 2, 2.5, 4.5, 5));
  ck_assert_int_eq (ns_set_union (&comb, &bar, &out), NS_OK);
  ck_assert_set_eq (out, SET (2, 0, 3, 4, 10));

  /* The empty set: identity of union, absorber of intersection. */
  ck_assert_int_eq (ns_set_union (&comb, &e, &out), NS_OK);
  ck_assert_set_eq (out, comb);
  ck_assert_int_eq (ns_set_union (&e, &e, &out), NS_OK);
  ck_assert_int_eq (out.n, 0);
  ck_assert_int_eq (ns_set_intersection (&comb, &e, &out), NS_OK);
  ck_assert_int_eq (out.n, 0);
  ck_assert_int_eq (ns_set_hull (&e, &out), NS_OK);
  ck_assert_int_eq (out.n, 0);
  /* A -0 endpoint of a hand-filled set comes out as +0. */
  ns_set mz = SET (2, -0.0, -0.0, 1, 1);
  ck_assert_int_eq (ns_set_hull (&mz, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, 0, 1));
  ck_assert (!has_negative_zero (&out));

  /* The whole line: absorber of union, identity of intersection. */
  ns_set w;
  ns_set_whole (&w);
  ck_assert_int_eq (ns_set_union (&comb, &w, &out), NS_OK);
  ck_assert_set_eq (out, w);
  ck_assert_int_eq (ns_set_intersection (&comb, &w, &out), NS_OK);
  ck_assert_set_eq (out, comb);

  /* Aliasing: the output may be an input. */
  ns_set x = comb;
  ck_assert_int_eq (ns_set_union (&x, &bar, &x), NS_OK);
  ck_assert_set_eq (x, SET (2, 0, 3, 4, 10));
  x = comb;
  ck_assert_int_eq (ns_set_intersection (&bar, &x, &x), NS_OK);
  ck_assert_set_eq (x, SET (3, 0.5, 1, 2, 2.5, 4.5, 5));
}
END_TEST

START_TEST (test_minkowski_sum)
{
  ns_set out;
  ns_set i01 = SET (1, 0, 1), im11 = SET (1, -1, 1);
  ck_assert_int_eq (ns_set_add (&i01, &im11, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, -1, 2));

  ns_set pm = SET (2, -1, -1, 1, 1);
  ck_assert_int_eq (ns_set_add (&pm, &i01, &out), NS_OK);
  ck_assert_set_eq (out, SET (2, -1, 0, 1, 2));
  /* {-1,1} + {-1,1} = {-2, 0, 2}: the two middle sums coincide. */
  ck_assert_int_eq (ns_set_add (&pm, &pm, &out), NS_OK);
  ck_assert_set_eq (out, SET (3, -2, -2, 0, 0, 2, 2));
  /* Pieces that overlap after adding merge: {-1,1} + [0, 2] = [-1, 3]. */
  ns_set i02 = SET (1, 0, 2);
  ck_assert_int_eq (ns_set_add (&pm, &i02, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, -1, 3));

  /* Unbounded: [-inf, 0] + [0, +inf] is the whole line, never NaN. */
  ns_set left = SET (1, -HUGE_VAL, 0), right = SET (1, 0, HUGE_VAL);
  ck_assert_int_eq (ns_set_add (&left, &right, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, -HUGE_VAL, HUGE_VAL));
  ck_assert_int_eq (ns_set_add (&right, &pm, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, -1, HUGE_VAL));

  /* {0} is the identity, the empty set the absorber. */
  ns_set zero = SET (1, 0, 0), e = empty_set ();
  ck_assert_int_eq (ns_set_add (&pm, &zero, &out), NS_OK);
  ck_assert_set_eq (out, pm);
  ck_assert_int_eq (ns_set_add (&pm, &e, &out), NS_OK);
  ck_assert_int_eq (out.n, 0);
  ck_assert_int_eq (ns_set_add (&e, &left, &out), NS_OK);
  ck_assert_int_eq (out.n, 0);

  /* Subgradient sum rule for relu(x) + |x| at 0: [0,1] + [-1,1]. Aliased. */
  ns_set x = i01;
  ck_assert_int_eq (ns_set_add (&x, &x, &x), NS_OK);
  ck_assert_set_eq (x, SET (1, 0, 2));
}
END_TEST

START_TEST (test_scale_neg_translate)
{
  ns_set out;
  ns_set i01 = SET (1, 0, 1);
  ns_set comb = SET (2, -1, 0, 2, 3);

  ck_assert_int_eq (ns_set_scale (&i01, -2, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, -2, 0));
  ck_assert (!has_negative_zero (&out));   /* -2 * 0 = -0, written as +0 */
  ck_assert_int_eq (ns_set_scale (&comb, -2, &out), NS_OK);
  ck_assert_set_eq (out, SET (2, -6, -4, 0, 2));
  ck_assert_int_eq (ns_set_scale (&comb, 0.5, &out), NS_OK);
  ck_assert_set_eq (out, SET (2, -0.5, 0, 1, 1.5));

  /* Unbounded sets flip their infinite side. */
  ns_set ray = SET (1, -1, HUGE_VAL);
  ck_assert_int_eq (ns_set_scale (&ray, -2, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, -HUGE_VAL, 2));

  /* 0 * S = {0} for non-empty S, also unbounded (0 * inf = 0). */
  ck_assert_int_eq (ns_set_scale (&comb, 0, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, 0, 0));
  ns_set w;
  ns_set_whole (&w);
  ck_assert_int_eq (ns_set_scale (&w, 0, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, 0, 0));
  ck_assert_int_eq (ns_set_scale (&ray, -0.0, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, 0, 0));
  ns_set e = empty_set ();
  ck_assert_int_eq (ns_set_scale (&e, 0, &out), NS_OK);
  ck_assert_int_eq (out.n, 0);

  ck_assert_int_eq (ns_set_neg (&comb, &out), NS_OK);
  ck_assert_set_eq (out, SET (2, -3, -2, 0, 1));
  ck_assert (!has_negative_zero (&out));
  ck_assert_int_eq (ns_set_neg (&ray, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, -HUGE_VAL, 1));

  ck_assert_int_eq (ns_set_translate (&comb, 10, &out), NS_OK);
  ck_assert_set_eq (out, SET (2, 9, 10, 12, 13));
  ck_assert_int_eq (ns_set_translate (&ray, -1, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, -2, HUGE_VAL));
  ck_assert_int_eq (ns_set_translate (&e, 1, &out), NS_OK);
  ck_assert_int_eq (out.n, 0);
  /* A gap below rounding closes: 1 + 1e-17 rounds to 1, pieces merge. */
  ns_set tiny = SET (2, -1e-17, -1e-17, 0, 0);
  ck_assert_int_eq (ns_set_translate (&tiny, 1, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, 1, 1));

  ns_set x = comb;
  ck_assert_int_eq (ns_set_scale (&x, 3, &x), NS_OK);
  ck_assert_set_eq (x, SET (2, -3, 0, 6, 9));
}
END_TEST

START_TEST (test_min_norm_and_nearest)
{
  double v;
  ns_set i01 = SET (1, 0, 1), i23 = SET (1, 2, 3), neg = SET (1, -3, -2);
  ns_set pm = SET (2, -1, -1, 1, 1), w;
  ns_set skew = SET (2, -5, -3, 2, 4);
  ns_set_whole (&w);

  ck_assert_int_eq (ns_set_min_norm (&i01, &v), NS_OK);
  ck_assert (v == 0 && !signbit (v));
  ck_assert_int_eq (ns_set_min_norm (&i23, &v), NS_OK);
  ck_assert (v == 2);
  ck_assert_int_eq (ns_set_min_norm (&neg, &v), NS_OK);
  ck_assert (v == -2);
  ck_assert_int_eq (ns_set_min_norm (&pm, &v), NS_OK);
  ck_assert (v == -1);   /* tie: the smaller element */
  ck_assert_int_eq (ns_set_min_norm (&skew, &v), NS_OK);
  ck_assert (v == 2);
  ck_assert_int_eq (ns_set_min_norm (&w, &v), NS_OK);
  ck_assert (v == 0);
  ns_set e = empty_set ();
  ck_assert_int_eq (ns_set_min_norm (&e, &v), NS_UNDEFINED);
  ck_assert (isnan (v));

  ck_assert_int_eq (ns_set_nearest (&skew, 0.5, &v), NS_OK);
  ck_assert (v == 2);
  /* -0.5 is 2.5 from both -3 and 2: a tie, the smaller element wins. */
  ck_assert_int_eq (ns_set_nearest (&skew, -0.5, &v), NS_OK);
  ck_assert (v == -3);
  ck_assert_int_eq (ns_set_nearest (&skew, -4, &v), NS_OK);
  ck_assert (v == -4);
  ck_assert_int_eq (ns_set_nearest (&skew, 100, &v), NS_OK);
  ck_assert (v == 4);
  ck_assert_int_eq (ns_set_nearest (&w, -1e300, &v), NS_OK);
  ck_assert (v == -1e300);
  ck_assert_int_eq (ns_set_nearest (&e, 1, &v), NS_UNDEFINED);
  ck_assert (isnan (v));
}
END_TEST

START_TEST (test_printing)
{
  char buf[256];
  ns_set e = empty_set (), w;
  ns_set_whole (&w);

  ck_assert_str_eq (text_of (SET (1, 0, 1), 0, buf, sizeof buf), "[0, 1]");
  ck_assert_str_eq (text_of (SET (2, -1, -1, 1, 1), 0, buf, sizeof buf), "{-1}" UNION_UTF8 "{1}");
  ck_assert_str_eq (text_of (e, 0, buf, sizeof buf), EMPTY_UTF8);
  ck_assert_str_eq (text_of (SET (1, 0, HUGE_VAL), 0, buf, sizeof buf), "[0, +inf)");
  ck_assert_str_eq (text_of (SET (1, -HUGE_VAL, -2.5), 0, buf, sizeof buf), "(-inf, -2.5]");
  ck_assert_str_eq (text_of (w, 0, buf, sizeof buf), "(-inf, +inf)");
  ck_assert_str_eq (text_of (SET (3, -2, -1, 0.5, 0.5, 3, 1e20), 0, buf, sizeof buf),
                    "[-2, -1]" UNION_UTF8 "{0.5}" UNION_UTF8 "[3, 1e+20]");
  /* Shortest round trip: 0.1 is "0.1", not 0.10000000000000001.  The
     references for 1/3, 2^-1074 and DBL_MAX are Python's repr, which
     prints the shortest round-trip form (David Gay's algorithm). */
  ck_assert_str_eq (text_of (SET (1, 0.1, 0.1), 0, buf, sizeof buf), "{0.1}");
  ck_assert_str_eq (text_of (SET (1, 1.0 / 3, 1.0 / 3), 0, buf, sizeof buf),
                    "{0.3333333333333333}");
  ck_assert_str_eq (text_of (SET (1, 0x1p-1074, 0x1p-1074), 0, buf, sizeof buf),
                    "{5e-324}");
  ck_assert_str_eq (text_of (SET (1, -DBL_MAX, DBL_MAX), 0, buf, sizeof buf),
                    "[-1.7976931348623157e+308, 1.7976931348623157e+308]");
  ck_assert_str_eq (text_of (SET (1, 123456789, 123456789), 0, buf, sizeof buf), "{123456789}");
  /* -0 in a hand-written set is printed as -0 (operations write +0). */
  ck_assert_str_eq (text_of (SET (1, -0.0, -0.0), 0, buf, sizeof buf), "{-0}");

  /* ASCII output. */
  ck_assert_str_eq (text_of (SET (2, -1, -1, 1, 1), NS_SET_ASCII, buf, sizeof buf), "{-1} U {1}");
  ck_assert_str_eq (text_of (e, NS_SET_ASCII, buf, sizeof buf), "{}");
  ck_assert_str_eq (text_of (w, NS_SET_ASCII, buf, sizeof buf), "(-inf, +inf)");

  /* To a stream. */
  FILE *f = tmpfile ();
  ck_assert_ptr_nonnull (f);
  ns_set s = SET (2, -1, -1, 0, HUGE_VAL);
  ck_assert_int_eq (ns_set_print (f, &s, 0), NS_OK);
  rewind (f);
  char line[64] = "";
  ck_assert_ptr_nonnull (fgets (line, sizeof line, f));
  ck_assert_str_eq (line, "{-1}" UNION_UTF8 "[0, +inf)");
  fclose (f);
}
END_TEST

/* A locale with a decimal comma must not change the text.  Machines
   without such a locale installed run only the "." check. */
START_TEST (test_printing_ignores_locale)
{
  static const char *const comma_locales[] = { "de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8",
                                                "fr_FR.utf8", "nl_NL.UTF-8", "ru_RU.UTF-8",
                                                "de_DE", "fr_FR" };
  char buf[64];
  const char *set = NULL;
  for (size_t i = 0; i < sizeof comma_locales / sizeof comma_locales[0] && set == NULL; i++)
    set = setlocale (LC_NUMERIC, comma_locales[i]);
  if (set != NULL)
    {
      /* The premise: this locale really writes a comma. */
      snprintf (buf, sizeof buf, "%.1f", 0.5);
      ck_assert_str_eq (buf, "0,5");
    }
  else
    fprintf (stderr, "# test_printing_ignores_locale: no decimal-comma locale installed\n");
  ck_assert_str_eq (text_of (SET (2, -1.25, -0.5, 1e-7, 0.1), 0, buf, sizeof buf),
                    "[-1.25, -0.5]" UNION_UTF8 "[1e-07, 0.1]");
  setlocale (LC_NUMERIC, "C");
}
END_TEST

/* --------------------------------------------------------------- limits */

/* Sets that fail ns_set_check, and one valid set. */
enum { SET_VALID, SET_NULL, SET_NAN_LO, SET_NAN_HI, SET_UNSORTED, SET_TOUCHING,
       SET_OVERLAP, SET_REVERSED, SET_PLUS_INF_POINT, SET_MINUS_INF_POINT,
       SET_N_NEGATIVE, SET_N_TOO_BIG, SET_N_HUGE, SET_KINDS };

static const ns_set *
sample_set (int kind, ns_set *storage)
{
  static const double bad[][4] = {
    [SET_VALID] = { 0, 1, 2, 3 },
    [SET_NAN_LO] = { NAN, 1, 2, 3 },
    [SET_NAN_HI] = { 0, 1, 2, NAN },
    [SET_UNSORTED] = { 2, 3, 0, 1 },
    [SET_TOUCHING] = { 0, 1, 1, 2 },
    [SET_OVERLAP] = { 0, 2, 1, 3 },
    [SET_REVERSED] = { 1, 0, 2, 3 },
    [SET_PLUS_INF_POINT] = { 0, 1, HUGE_VAL, HUGE_VAL },
    [SET_MINUS_INF_POINT] = { -HUGE_VAL, -HUGE_VAL, 0, 1 },
  };
  if (kind == SET_NULL)
    return NULL;
  storage->n = 2;
  if (kind == SET_N_NEGATIVE)
    storage->n = -1;
  if (kind == SET_N_TOO_BIG)
    storage->n = NS_SET_MAX_PIECES + 1;
  if (kind == SET_N_HUGE)
    storage->n = INT_MAX;   /* unbounded, check would read far past the struct */
  const double *e = bad[kind <= SET_MINUS_INF_POINT ? kind : SET_VALID];
  for (int i = 0; i < NS_SET_MAX_PIECES; i++)
    storage->piece[i] = (ns_interval) { 10.0 * i, 10.0 * i + 1 };
  storage->piece[0] = (ns_interval) { e[0], e[1] };
  storage->piece[1] = (ns_interval) { e[2], e[3] };
  return storage;
}

enum bad_op { OP_EMPTY, OP_WHOLE, OP_POINT, OP_INTERVAL, OP_FROM, OP_CHECK, OP_IS_EMPTY,
              OP_IS_POINT, OP_IS_INTERVAL, OP_NPIECES, OP_CONTAINS, OP_CONTAINS_TOL,
              OP_SUBSET, OP_EQUAL, OP_INF, OP_SUP, OP_MIN_NORM, OP_NEAREST, OP_UNION,
              OP_INTERSECTION, OP_HULL, OP_ADD, OP_SCALE, OP_NEG, OP_TRANSLATE, OP_PRINT };

typedef struct bad_case {
  const char *what;
  enum bad_op op;
  int a, b;          /* sample_set kinds */
  double x, y, z;    /* numbers: point, bounds, tolerances, factors */
  int null_out;      /* pass NULL for the output */
  ns_status expect;
} bad_case;

static const bad_case bad_cases[] = {
  { "empty: NULL out", OP_EMPTY, 0, 0, 0, 0, 0, 1, NS_EINVAL },
  { "whole: NULL out", OP_WHOLE, 0, 0, 0, 0, 0, 1, NS_EINVAL },
  { "point: NaN", OP_POINT, 0, 0, NAN, 0, 0, 0, NS_EINVAL },
  { "point: +inf", OP_POINT, 0, 0, HUGE_VAL, 0, 0, 0, NS_EINVAL },
  { "point: -inf", OP_POINT, 0, 0, -HUGE_VAL, 0, 0, 0, NS_EINVAL },
  { "point: NULL out", OP_POINT, 0, 0, 1, 0, 0, 1, NS_EINVAL },
  { "interval: NaN lo", OP_INTERVAL, 0, 0, NAN, 1, 0, 0, NS_EINVAL },
  { "interval: NaN hi", OP_INTERVAL, 0, 0, 0, NAN, 0, 0, NS_EINVAL },
  { "interval: lo > hi", OP_INTERVAL, 0, 0, 1, 0, 0, 0, NS_EINVAL },
  { "interval: [+inf, +inf]", OP_INTERVAL, 0, 0, HUGE_VAL, HUGE_VAL, 0, 0, NS_EINVAL },
  { "interval: [-inf, -inf]", OP_INTERVAL, 0, 0, -HUGE_VAL, -HUGE_VAL, 0, 0, NS_EINVAL },
  { "interval: [+inf, ...]", OP_INTERVAL, 0, 0, HUGE_VAL, 0, 0, 0, NS_EINVAL },
  { "interval: NULL out", OP_INTERVAL, 0, 0, 0, 1, 0, 1, NS_EINVAL },
  { "from: n < 0", OP_FROM, 0, 0, -1, 0, 0, 0, NS_EINVAL },
  { "from: NULL intervals, n > 0", OP_FROM, 0, 1, 2, 0, 0, 0, NS_EINVAL },
  { "from: NaN endpoint", OP_FROM, SET_NAN_HI, 0, 2, 0, 0, 0, NS_EINVAL },
  { "from: reversed interval", OP_FROM, SET_REVERSED, 0, 2, 0, 0, 0, NS_EINVAL },
  { "from: [+inf, +inf]", OP_FROM, SET_PLUS_INF_POINT, 0, 2, 0, 0, 0, NS_EINVAL },
  { "from: NULL out", OP_FROM, SET_VALID, 0, 2, 0, 0, 1, NS_EINVAL },
  { "check: NULL", OP_CHECK, SET_NULL, 0, 0, 0, 0, 0, NS_EINVAL },
  { "check: NaN lo", OP_CHECK, SET_NAN_LO, 0, 0, 0, 0, 0, NS_EINVAL },
  { "check: NaN hi", OP_CHECK, SET_NAN_HI, 0, 0, 0, 0, 0, NS_EINVAL },
  { "check: unsorted", OP_CHECK, SET_UNSORTED, 0, 0, 0, 0, 0, NS_EINVAL },
  { "check: touching", OP_CHECK, SET_TOUCHING, 0, 0, 0, 0, 0, NS_EINVAL },
  { "check: overlapping", OP_CHECK, SET_OVERLAP, 0, 0, 0, 0, 0, NS_EINVAL },
  { "check: lo > hi", OP_CHECK, SET_REVERSED, 0, 0, 0, 0, 0, NS_EINVAL },
  { "check: {+inf}", OP_CHECK, SET_PLUS_INF_POINT, 0, 0, 0, 0, 0, NS_EINVAL },
  { "check: {-inf}", OP_CHECK, SET_MINUS_INF_POINT, 0, 0, 0, 0, 0, NS_EINVAL },
  { "check: n < 0", OP_CHECK, SET_N_NEGATIVE, 0, 0, 0, 0, 0, NS_EINVAL },
  { "check: n > capacity", OP_CHECK, SET_N_TOO_BIG, 0, 0, 0, 0, 0, NS_EINVAL },
  { "check: n = INT_MAX", OP_CHECK, SET_N_HUGE, 0, 0, 0, 0, 0, NS_EINVAL },
  { "check: valid", OP_CHECK, SET_VALID, 0, 0, 0, 0, 0, NS_OK },
  { "is_empty: NULL set", OP_IS_EMPTY, SET_NULL, 0, 0, 0, 0, 0, NS_EINVAL },
  { "is_empty: NaN set", OP_IS_EMPTY, SET_NAN_LO, 0, 0, 0, 0, 0, NS_EINVAL },
  { "is_empty: NULL out", OP_IS_EMPTY, SET_VALID, 0, 0, 0, 0, 1, NS_EINVAL },
  { "is_point: unsorted", OP_IS_POINT, SET_UNSORTED, 0, 0, 0, 0, 0, NS_EINVAL },
  { "is_point: NULL out", OP_IS_POINT, SET_VALID, 0, 0, 0, 0, 1, NS_EINVAL },
  { "is_interval: n too big", OP_IS_INTERVAL, SET_N_TOO_BIG, 0, 0, 0, 0, 0, NS_EINVAL },
  { "is_interval: NULL out", OP_IS_INTERVAL, SET_VALID, 0, 0, 0, 0, 1, NS_EINVAL },
  { "npieces: n < 0", OP_NPIECES, SET_N_NEGATIVE, 0, 0, 0, 0, 0, NS_EINVAL },
  { "npieces: NULL out", OP_NPIECES, SET_VALID, 0, 0, 0, 0, 1, NS_EINVAL },
  { "contains: NaN x", OP_CONTAINS, SET_VALID, 0, NAN, 0, 0, 0, NS_EINVAL },
  { "contains: touching set", OP_CONTAINS, SET_TOUCHING, 0, 0, 0, 0, 0, NS_EINVAL },
  { "contains: NULL out", OP_CONTAINS, SET_VALID, 0, 0, 0, 0, 1, NS_EINVAL },
  { "contains_tol: NaN x", OP_CONTAINS_TOL, SET_VALID, 0, NAN, 0, 0, 0, NS_EINVAL },
  { "contains_tol: abstol < 0", OP_CONTAINS_TOL, SET_VALID, 0, 0, -1e-9, 0, 0, NS_EINVAL },
  { "contains_tol: abstol NaN", OP_CONTAINS_TOL, SET_VALID, 0, 0, NAN, 0, 0, NS_EINVAL },
  { "contains_tol: abstol inf", OP_CONTAINS_TOL, SET_VALID, 0, 0, HUGE_VAL, 0, 0, NS_EINVAL },
  { "contains_tol: reltol < 0", OP_CONTAINS_TOL, SET_VALID, 0, 0, 0, -1e-9, 0, NS_EINVAL },
  { "contains_tol: reltol > 1", OP_CONTAINS_TOL, SET_VALID, 0, 0, 0, 1.5, 0, NS_EINVAL },
  { "contains_tol: reltol NaN", OP_CONTAINS_TOL, SET_VALID, 0, 0, 0, NAN, 0, NS_EINVAL },
  { "contains_tol: NaN set", OP_CONTAINS_TOL, SET_NAN_HI, 0, 0, 0, 0, 0, NS_EINVAL },
  { "subset: NULL a", OP_SUBSET, SET_NULL, SET_VALID, 0, 0, 0, 0, NS_EINVAL },
  { "subset: NULL b", OP_SUBSET, SET_VALID, SET_NULL, 0, 0, 0, 0, NS_EINVAL },
  { "subset: bad tol", OP_SUBSET, SET_VALID, SET_VALID, 0, -1, 0, 0, NS_EINVAL },
  { "subset: NULL out", OP_SUBSET, SET_VALID, SET_VALID, 0, 0, 0, 1, NS_EINVAL },
  { "equal: NaN b", OP_EQUAL, SET_VALID, SET_NAN_LO, 0, 0, 0, 0, NS_EINVAL },
  { "equal: bad reltol", OP_EQUAL, SET_VALID, SET_VALID, 0, 0, 2, 0, NS_EINVAL },
  { "equal: NULL out", OP_EQUAL, SET_VALID, SET_VALID, 0, 0, 0, 1, NS_EINVAL },
  { "inf: NULL set", OP_INF, SET_NULL, 0, 0, 0, 0, 0, NS_EINVAL },
  { "inf: NULL out", OP_INF, SET_VALID, 0, 0, 0, 0, 1, NS_EINVAL },
  { "sup: overlap", OP_SUP, SET_OVERLAP, 0, 0, 0, 0, 0, NS_EINVAL },
  { "min_norm: NULL set", OP_MIN_NORM, SET_NULL, 0, 0, 0, 0, 0, NS_EINVAL },
  { "min_norm: NaN set", OP_MIN_NORM, SET_NAN_LO, 0, 0, 0, 0, 0, NS_EINVAL },
  { "min_norm: NULL out", OP_MIN_NORM, SET_VALID, 0, 0, 0, 0, 1, NS_EINVAL },
  { "nearest: NaN x", OP_NEAREST, SET_VALID, 0, NAN, 0, 0, 0, NS_EINVAL },
  { "nearest: +inf x", OP_NEAREST, SET_VALID, 0, HUGE_VAL, 0, 0, 0, NS_EINVAL },
  { "nearest: -inf x", OP_NEAREST, SET_VALID, 0, -HUGE_VAL, 0, 0, 0, NS_EINVAL },
  { "nearest: unsorted", OP_NEAREST, SET_UNSORTED, 0, 0, 0, 0, 0, NS_EINVAL },
  { "union: NULL a", OP_UNION, SET_NULL, SET_VALID, 0, 0, 0, 0, NS_EINVAL },
  { "union: NaN b", OP_UNION, SET_VALID, SET_NAN_HI, 0, 0, 0, 0, NS_EINVAL },
  { "union: NULL out", OP_UNION, SET_VALID, SET_VALID, 0, 0, 0, 1, NS_EINVAL },
  { "intersection: unsorted a", OP_INTERSECTION, SET_UNSORTED, SET_VALID, 0, 0, 0, 0, NS_EINVAL },
  { "intersection: NULL out", OP_INTERSECTION, SET_VALID, SET_VALID, 0, 0, 0, 1, NS_EINVAL },
  { "hull: n too big", OP_HULL, SET_N_TOO_BIG, 0, 0, 0, 0, 0, NS_EINVAL },
  { "hull: NULL out", OP_HULL, SET_VALID, 0, 0, 0, 0, 1, NS_EINVAL },
  { "add: NULL b", OP_ADD, SET_VALID, SET_NULL, 0, 0, 0, 0, NS_EINVAL },
  { "add: {+inf}", OP_ADD, SET_PLUS_INF_POINT, SET_VALID, 0, 0, 0, 0, NS_EINVAL },
  { "add: NULL out", OP_ADD, SET_VALID, SET_VALID, 0, 0, 0, 1, NS_EINVAL },
  { "scale: NaN c", OP_SCALE, SET_VALID, 0, NAN, 0, 0, 0, NS_EINVAL },
  { "scale: +inf c", OP_SCALE, SET_VALID, 0, HUGE_VAL, 0, 0, 0, NS_EINVAL },
  { "scale: -inf c", OP_SCALE, SET_VALID, 0, -HUGE_VAL, 0, 0, 0, NS_EINVAL },
  { "scale: NaN set", OP_SCALE, SET_NAN_LO, 0, 2, 0, 0, 0, NS_EINVAL },
  { "scale: NULL out", OP_SCALE, SET_VALID, 0, 2, 0, 0, 1, NS_EINVAL },
  { "neg: {-inf}", OP_NEG, SET_MINUS_INF_POINT, 0, 0, 0, 0, 0, NS_EINVAL },
  { "neg: NULL out", OP_NEG, SET_VALID, 0, 0, 0, 0, 1, NS_EINVAL },
  { "translate: NaN t", OP_TRANSLATE, SET_VALID, 0, NAN, 0, 0, 0, NS_EINVAL },
  { "translate: inf t", OP_TRANSLATE, SET_VALID, 0, HUGE_VAL, 0, 0, 0, NS_EINVAL },
  { "translate: NULL set", OP_TRANSLATE, SET_NULL, 0, 1, 0, 0, 0, NS_EINVAL },
  { "translate: NULL out", OP_TRANSLATE, SET_VALID, 0, 1, 0, 0, 1, NS_EINVAL },
  { "print: NULL set", OP_PRINT, SET_NULL, 0, 0, 0, 0, 0, NS_EINVAL },
  { "print: NaN set", OP_PRINT, SET_NAN_LO, 0, 0, 0, 0, 0, NS_EINVAL },
  { "print: NULL stream", OP_PRINT, SET_VALID, 0, 0, 0, 0, 1, NS_EINVAL },
};

/* Output sentinels: a set output must come back empty and a number output
   NaN when the call fails with NS_EINVAL. */
enum out_kind { OUT_NONE, OUT_SET, OUT_NUMBER };

static ns_status
run_bad_case (const bad_case *c, enum out_kind *kind, ns_set *set_out, double *num_out)
{
  ns_set sa, sb;
  const ns_set *a = sample_set (c->a, &sa), *b = sample_set (c->b, &sb);
  ns_set *so = c->null_out ? NULL : set_out;
  double *no = c->null_out ? NULL : num_out;
  int iyes = 0, *io = c->null_out ? NULL : &iyes;
  *kind = OUT_NONE;
  switch (c->op)
    {
    case OP_EMPTY: *kind = OUT_SET; return ns_set_empty (so);
    case OP_WHOLE: *kind = OUT_SET; return ns_set_whole (so);
    case OP_POINT: *kind = OUT_SET; return ns_set_point (c->x, so);
    case OP_INTERVAL: *kind = OUT_SET; return ns_set_interval (c->x, c->y, so);
    case OP_FROM:
      *kind = OUT_SET;
      /* b = 1 asks for a NULL array; x is the count. */
      return ns_set_from_intervals (c->b == 1 ? NULL : a->piece, (int) c->x, so);
    case OP_CHECK: return ns_set_check (a);
    case OP_IS_EMPTY: return ns_set_is_empty (a, io);
    case OP_IS_POINT: return ns_set_is_point (a, io);
    case OP_IS_INTERVAL: return ns_set_is_interval (a, io);
    case OP_NPIECES: return ns_set_npieces (a, io);
    case OP_CONTAINS: return ns_set_contains (a, c->x, io);
    case OP_CONTAINS_TOL: return ns_set_contains_tol (a, c->x, c->y, c->z, io);
    case OP_SUBSET: return ns_set_is_subset (a, b, c->y, c->z, io);
    case OP_EQUAL: return ns_set_equal (a, b, c->y, c->z, io);
    case OP_INF: *kind = OUT_NUMBER; return ns_set_inf (a, no);
    case OP_SUP: *kind = OUT_NUMBER; return ns_set_sup (a, no);
    case OP_MIN_NORM: *kind = OUT_NUMBER; return ns_set_min_norm (a, no);
    case OP_NEAREST: *kind = OUT_NUMBER; return ns_set_nearest (a, c->x, no);
    case OP_UNION: *kind = OUT_SET; return ns_set_union (a, b, so);
    case OP_INTERSECTION: *kind = OUT_SET; return ns_set_intersection (a, b, so);
    case OP_HULL: *kind = OUT_SET; return ns_set_hull (a, so);
    case OP_ADD: *kind = OUT_SET; return ns_set_add (a, b, so);
    case OP_SCALE: *kind = OUT_SET; return ns_set_scale (a, c->x, so);
    case OP_NEG: *kind = OUT_SET; return ns_set_neg (a, so);
    case OP_TRANSLATE: *kind = OUT_SET; return ns_set_translate (a, c->x, so);
    case OP_PRINT:
      {
        FILE *f = c->null_out ? NULL : tmpfile ();
        ns_status s = ns_set_print (f, a, 0);
        if (f != NULL)
          fclose (f);
        return s;
      }
    }
  return (ns_status) -1;
}

START_TEST (test_bad_input)
{
  const bad_case *c = &bad_cases[_i];
  enum out_kind kind;
  ns_set out = SET (1, 5, 6);
  double num = 42;
  ns_status s = run_bad_case (c, &kind, &out, &num);
  ck_assert_msg (s == c->expect, "%s: status %d (%s), want %d (%s)", c->what, (int) s,
                 ns_strerror (s), (int) c->expect, ns_strerror (c->expect));
  if (s == NS_EINVAL && !c->null_out)
    {
      if (kind == OUT_SET)
        ck_assert_msg (out.n == 0, "%s: output set not emptied (n = %d)", c->what, out.n);
      if (kind == OUT_NUMBER)
        ck_assert_msg (isnan (num), "%s: output number %g, want NaN", c->what, num);
    }
}
END_TEST

/* Interleaved combs: A has its pieces at 3k, B at 3k + 1. */
static void
make_comb (double offset, double width, ns_set *s)
{
  s->n = NS_SET_MAX_PIECES;
  for (int k = 0; k < NS_SET_MAX_PIECES; k++)
    s->piece[k] = (ns_interval) { 3.0 * k + offset, 3.0 * k + offset + width };
  ck_assert_int_eq (ns_set_check (s), NS_OK);
}

START_TEST (test_capacity_enclosures)
{
  ns_set a, b, out, exact_hull;
  make_comb (0, 0.5, &a);
  make_comb (1, 0.5, &b);
  int yes;

  /* 32 disjoint pieces do not fit: an enclosure of exactly the capacity,
     containing both, inside the hull. */
  ck_assert_int_eq (ns_set_union (&a, &b, &out), NS_ELIMIT);
  ck_assert_int_eq (ns_set_check (&out), NS_OK);
  ck_assert_int_eq (out.n, NS_SET_MAX_PIECES);
  ck_assert_int_eq (ns_set_is_subset (&a, &out, 0, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  ck_assert_int_eq (ns_set_is_subset (&b, &out, 0, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  ck_assert_int_eq (ns_set_hull (&a, &exact_hull), NS_OK);
  ns_set hb;
  ns_set_hull (&b, &hb);
  ns_set_union (&exact_hull, &hb, &exact_hull);
  ck_assert_int_eq (ns_set_is_subset (&out, &exact_hull, 0, 0, &yes), NS_OK);
  ck_assert_int_eq (yes, 1);
  /* The smallest gaps are the 0.5-wide ones between a piece of A and the
     next of B: filling 16 of them leaves the 1.5-wide gaps open. */
  ck_assert (out.piece[0].lo == 0 && out.piece[0].hi == 1.5);

  /* Intersection of overlapping combs: A = [3k, 3k+2], B = [3k+1, 3k+3.5]
     meet in [3k+1, 3k+2] and [3k+3, 3k+3.5]: 16 + 15 = 31 pieces. */
  make_comb (0, 2, &a);
  make_comb (1, 2.5, &b);
  ck_assert_int_eq (ns_set_intersection (&a, &b, &out), NS_ELIMIT);
  ck_assert_int_eq (ns_set_check (&out), NS_OK);
  ck_assert_int_eq (out.n, NS_SET_MAX_PIECES);

  /* Minkowski sum of 16 points spaced 1 with 16 points spaced 16: 256
     distinct points; capacity 16. */
  ns_set p, q;
  p.n = q.n = NS_SET_MAX_PIECES;
  for (int k = 0; k < NS_SET_MAX_PIECES; k++)
    {
      p.piece[k] = (ns_interval) { k, k };
      q.piece[k] = (ns_interval) { 100.0 * k, 100.0 * k };
    }
  ck_assert_int_eq (ns_set_add (&p, &q, &out), NS_ELIMIT);
  ck_assert_int_eq (ns_set_check (&out), NS_OK);
  ck_assert_int_eq (out.n, NS_SET_MAX_PIECES);
  for (int i = 0; i < NS_SET_MAX_PIECES; i++)
    for (int j = 0; j < NS_SET_MAX_PIECES; j++)
      ck_assert_int_eq (contains (&out, i + 100.0 * j), 1);
  /* The 240 gaps of width 1 are filled before any of width 85, so each
     group of 16 points becomes [100j, 100j + 15]. */
  ck_assert (out.piece[3].lo == 300 && out.piece[3].hi == 315);

  /* Too many intervals for ns_set_from_intervals: the hull. */
  ns_interval many[NS_SET_MAX_INPUT + 1];
  for (int i = 0; i <= NS_SET_MAX_INPUT; i++)
    many[i] = (ns_interval) { 2.0 * i, 2.0 * i + 1 };
  ck_assert_int_eq (ns_set_from_intervals (many, NS_SET_MAX_INPUT + 1, &out), NS_ELIMIT);
  ck_assert_set_eq (out, SET (1, 0, 2.0 * NS_SET_MAX_INPUT + 1));
  /* At the bound itself the intervals are merged: 256 touching unit
     intervals are one piece. */
  for (int i = 0; i < NS_SET_MAX_INPUT; i++)
    many[i] = (ns_interval) { i, i + 1 };
  ck_assert_int_eq (ns_set_from_intervals (many, NS_SET_MAX_INPUT, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, 0, NS_SET_MAX_INPUT));
}
END_TEST

START_TEST (test_overflow_enclosures)
{
  ns_set out;
  ns_set big = SET (1, DBL_MAX, DBL_MAX);
  ns_set nbig = SET (1, -DBL_MAX, -DBL_MAX);
  /* {DBL_MAX} + {DBL_MAX} = {2 DBL_MAX}: enclosed by [DBL_MAX, +inf). */
  ck_assert_int_eq (ns_set_add (&big, &big, &out), NS_ERANGE);
  ck_assert_set_eq (out, SET (1, DBL_MAX, HUGE_VAL));
  ck_assert_int_eq (ns_set_add (&nbig, &nbig, &out), NS_ERANGE);
  ck_assert_set_eq (out, SET (1, -HUGE_VAL, -DBL_MAX));
  /* No overflow: DBL_MAX + (-DBL_MAX) = 0. */
  ck_assert_int_eq (ns_set_add (&big, &nbig, &out), NS_OK);
  ck_assert_set_eq (out, SET (1, 0, 0));

  ns_set r = SET (1, 1, DBL_MAX);
  ck_assert_int_eq (ns_set_scale (&r, 4, &out), NS_ERANGE);
  ck_assert_set_eq (out, SET (1, 4, HUGE_VAL));
  ck_assert_int_eq (ns_set_scale (&r, -4, &out), NS_ERANGE);
  ck_assert_set_eq (out, SET (1, -HUGE_VAL, -4));
  ck_assert_int_eq (ns_set_scale (&big, -4, &out), NS_ERANGE);
  ck_assert_set_eq (out, SET (1, -HUGE_VAL, -DBL_MAX));
  ck_assert_int_eq (ns_set_translate (&big, DBL_MAX, &out), NS_ERANGE);
  ck_assert_set_eq (out, SET (1, DBL_MAX, HUGE_VAL));
  /* Unbounded sets do not overflow: their infinities are not results of
     finite arithmetic. */
  ns_set ray = SET (1, 0, HUGE_VAL);
  ck_assert_int_eq (ns_set_scale (&ray, 1e300, &out), NS_OK);
  ck_assert_set_eq (out, ray);
}
END_TEST

START_TEST (test_print_truncation)
{
  ns_set s = SET (2, -1, -1, 0, HUGE_VAL);
  const char *full = "{-1}" UNION_UTF8 "[0, +inf)";
  size_t need = strlen (full);
  char buf[64];

  ck_assert_uint_eq (ns_set_snprint (NULL, 0, &s, 0), need);
  memset (buf, 'x', sizeof buf);
  ck_assert_uint_eq (ns_set_snprint (buf, 0, &s, 0), need);
  ck_assert_int_eq (buf[0], 'x');   /* size 0: nothing written */
  ck_assert_uint_eq (ns_set_snprint (buf, 1, &s, 0), need);
  ck_assert_str_eq (buf, "");
  ck_assert_uint_eq (ns_set_snprint (buf, 5, &s, 0), need);
  ck_assert_str_eq (buf, "{-1}");
  ck_assert_uint_eq (ns_set_snprint (buf, need, &s, 0), need);
  ck_assert_uint_eq (strlen (buf), need - 1);
  ck_assert_uint_eq (ns_set_snprint (buf, need + 1, &s, 0), need);
  ck_assert_str_eq (buf, full);

  /* Bad sets: 0 and "", never a crash. */
  ns_set st;
  memset (buf, 'x', sizeof buf);
  ck_assert_uint_eq (ns_set_snprint (buf, sizeof buf, NULL, 0), 0);
  ck_assert_str_eq (buf, "");
  ck_assert_uint_eq (ns_set_snprint (buf, sizeof buf, sample_set (SET_NAN_LO, &st), 0), 0);
  ck_assert_str_eq (buf, "");
  ck_assert_uint_eq (ns_set_snprint (NULL, 0, NULL, 0), 0);

  /* The longest text (16 pieces of the longest numbers) fits ns_set_print's
     buffer, so ns_set_print never truncates. */
  ns_set longest;
  longest.n = NS_SET_MAX_PIECES;
  for (int k = 0; k < NS_SET_MAX_PIECES; k++)
    longest.piece[k] = (ns_interval) { -2.2250738585072014e-300 * (k + 1.0) * 1.0000000000000002,
                                       -2.2250738585072014e-300 * (k + 1.0) };
  /* Pieces of negative numbers decrease with k: reverse them. */
  for (int k = 0; k < NS_SET_MAX_PIECES / 2; k++)
    {
      ns_interval t = longest.piece[k];
      longest.piece[k] = longest.piece[NS_SET_MAX_PIECES - 1 - k];
      longest.piece[NS_SET_MAX_PIECES - 1 - k] = t;
    }
  ck_assert_int_eq (ns_set_check (&longest), NS_OK);
  FILE *f = tmpfile ();
  ck_assert_ptr_nonnull (f);
  ck_assert_int_eq (ns_set_print (f, &longest, 0), NS_OK);
  ck_assert_int_eq (ftell (f), (long) ns_set_snprint (NULL, 0, &longest, 0));
  fclose (f);
}
END_TEST

/* --------------------------------------------------------------- random */

/* splitmix64 (Steele, Lea, Flood 2014): tiny, seedable, good enough to
   pick test inputs; no dependence on the C library's rand(). */
typedef struct rng {
  uint64_t state;
} rng;

static uint64_t
rng_next (rng *r)
{
  uint64_t z = (r->state += 0x9E3779B97F4A7C15u);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
  return z ^ (z >> 31);
}

static double
rng_unit (rng *r)   /* uniform in [0, 1) */
{
  return (double) (rng_next (r) >> 11) * 0x1p-53;
}

static int
rng_below (rng *r, int n)
{
  return (int) (rng_next (r) % (uint64_t) n);
}

/* Magnitudes stay below 1e300 so that sums and small multiples cannot
   overflow (overflow has its own test). */
static double
random_number (rng *r)
{
  static const double special[] = { 0, -0.0, 1, -1, 0.5, -0.5, 2.385, -2.385, 0.1, 3,
                                    1e-300, -1e-300, 1e300, -1e300, 0x1p-1074 };
  switch (rng_below (r, 4))
    {
    case 0: return special[rng_below (r, (int) (sizeof special / sizeof special[0]))];
    case 1: return rng_below (r, 11) - 5;   /* small integers make touching pieces */
    case 2: return 20 * rng_unit (r) - 10;
    default:
      return (rng_unit (r) - 0.5) * ldexp (1.0, rng_below (r, 200) - 100);
    }
}

static ns_set
random_set (rng *r, int max_intervals)
{
  ns_interval iv[8];
  int n = rng_below (r, max_intervals + 1);
  for (int i = 0; i < n; i++)
    {
      double a = random_number (r), b = rng_below (r, 4) == 0 ? a : random_number (r);
      iv[i] = (ns_interval) { fmin (a, b), fmax (a, b) };
      if (rng_below (r, 10) == 0)
        iv[i].lo = -HUGE_VAL;
      if (rng_below (r, 10) == 0)
        iv[i].hi = HUGE_VAL;
    }
  ns_set s;
  ns_status st = ns_set_from_intervals (iv, n, &s);
  require (st == NS_OK, "ns_set_from_intervals: %s", ns_strerror (st));
  return s;
}

/* A random member of a non-empty S: an endpoint or a point inside. */
static double
random_member (rng *r, const ns_set *s)
{
  const ns_interval *p = &s->piece[rng_below (r, s->n)];
  double lo = p->lo, hi = p->hi;
  if (isinf (lo) && isinf (hi))
    return random_number (r);
  if (isinf (lo))
    return rng_below (r, 3) == 0 ? hi : hi - 100 * rng_unit (r);
  if (isinf (hi))
    return rng_below (r, 3) == 0 ? lo : lo + 100 * rng_unit (r);
  switch (rng_below (r, 3))
    {
    case 0: return lo;
    case 1: return hi;
    default: return fmin (fmax (lo + rng_unit (r) * (hi - lo), lo), hi);
    }
}

/* Test points: random numbers, the endpoints of A and B, and their
   neighbours, where membership changes. */
static int
probe_points (rng *r, const ns_set *a, const ns_set *b, double *pts)
{
  int n = 0;
  const ns_set *sets[2] = { a, b };
  for (int k = 0; k < 2; k++)
    for (int i = 0; i < sets[k]->n; i++)
      {
        double e[2] = { sets[k]->piece[i].lo, sets[k]->piece[i].hi };
        for (int j = 0; j < 2; j++)
          if (isfinite (e[j]))
            {
              pts[n++] = e[j];
              pts[n++] = nextafter (e[j], -HUGE_VAL);
              pts[n++] = nextafter (e[j], HUGE_VAL);
            }
      }
  for (int i = 0; i < 8; i++)
    pts[n++] = random_number (r);
  return n;
}

#define RANDOM_SEED UINT64_C (0x2385000000000001)
#define PRINT_SEED UINT64_C (0x23850000000000FE)


START_TEST (test_random_laws)
{
  rng r = { RANDOM_SEED };
  int iterations = ns_test_iterations (5000);
  char da[1024], db[1024], ctx[2400];
  for (int it = 0; it < iterations; it++)
    {
      ns_set a = random_set (&r, 4), b = random_set (&r, 4);
      ns_set u, in, sum, h, ng, sc, tr, tmp;
      double c = random_number (&r), t = random_number (&r);
      if (fabs (c) > 10)
        c = fmod (c, 10);
      if (fabs (t) > 1e299)
        t = 1;
      /* What a failure message needs to reproduce the case. */
      snprintf (ctx, sizeof ctx, "seed %#" PRIx64 ", iteration %d: A = %s, B = %s, c = %a, t = %a",
                (uint64_t) RANDOM_SEED, it, describe (&a, da, sizeof da),
                describe (&b, db, sizeof db), c, t);
      int yes;

      /* At most 4 + 4 pieces in, at most 16 out: never NS_ELIMIT. */
      require (ns_set_union (&a, &b, &u) == NS_OK, "%s: union", ctx);
      require (ns_set_intersection (&a, &b, &in) == NS_OK, "%s: intersection", ctx);
      require (ns_set_add (&a, &b, &sum) == NS_OK, "%s: sum", ctx);
      require (ns_set_hull (&a, &h) == NS_OK, "%s: hull", ctx);
      require (ns_set_neg (&a, &ng) == NS_OK, "%s: neg", ctx);
      require (ns_set_scale (&a, c, &sc) == NS_OK, "%s: scale by %g", ctx, c);
      require (ns_set_translate (&a, t, &tr) == NS_OK, "%s: translate by %g", ctx, t);

      /* Normalization invariants, checked here independently of
         ns_set_check, plus ns_set_check itself. */
      const ns_set *results[] = { &a, &b, &u, &in, &sum, &h, &ng, &sc, &tr };
      for (size_t k = 0; k < sizeof results / sizeof results[0]; k++)
        {
          const ns_set *s = results[k];
          require (s->n >= 0 && s->n <= NS_SET_MAX_PIECES, "%s: result %zu: n = %d", ctx, k, s->n);
          for (int i = 0; i < s->n; i++)
            {
              require (s->piece[i].lo <= s->piece[i].hi, "%s: result %zu piece %d", ctx,
                             k, i);
              require (i == 0 || s->piece[i - 1].hi < s->piece[i].lo,
                             "%s: result %zu pieces %d, %d not disjoint", ctx, k, i - 1,
                             i);
            }
          require (!has_negative_zero (s), "%s: result %zu has -0", ctx, k);
          require (ns_set_check (s) == NS_OK, "%s: result %zu fails check", ctx, k);
        }

      /* Membership laws at probe points. */
      double pts[2 * 2 * 4 * 3 * 2 + 8];
      int np = probe_points (&r, &a, &b, pts);
      for (int i = 0; i < np; i++)
        {
          double x = pts[i];
          int ia = contains (&a, x), ib = contains (&b, x);
          require (contains (&u, x) == (ia || ib), "%s: union at %a", ctx, x);
          require (contains (&in, x) == (ia && ib), "%s: intersection at %a", ctx, x);
          require (!ia || contains (&h, x), "%s: hull at %a", ctx, x);
          require (contains (&ng, -x) == ia, "%s: negation at %a", ctx, x);
        }

      if (a.n > 0)
        {
          double m, near, x = random_number (&r);
          require (ns_set_min_norm (&a, &m) == NS_OK, "%s: min_norm", ctx);
          require (contains (&a, m), "%s: min_norm %a not a member", ctx, m);
          require (ns_set_nearest (&a, x, &near) == NS_OK, "%s: nearest", ctx);
          require (contains (&a, near), "%s: nearest(%a) = %a not a member", ctx, x, near);
          for (int k = 0; k < 8; k++)
            {
              double e = random_member (&r, &a);
              require (contains (&a, e), "%s: random member %a", ctx, e);
              require (fabs (m) <= fabs (e), "%s: min_norm %a beaten by %a", ctx, m, e);
              require (fabs (x - near) <= fabs (x - e), "%s: nearest(%a) = %a beaten by %a", ctx, x, near, e);
              /* Rounding is monotone, so rounded members of exact results
                 lie in the rounded results. */
              require (contains (&sc, c * e), "%s: %g * %a not in scaled", ctx, c, e);
              require (contains (&tr, e + t), "%s: %a + %g not in translated", ctx, e, t);
              if (b.n > 0)
                {
                  double f = random_member (&r, &b);
                  require (contains (&sum, e + f), "%s: %a + %a not in A + B", ctx, e, f);
                }
            }
        }

      /* Set identities, exact (tolerance 0). */
      require (ns_set_is_subset (&a, &u, 0, 0, &yes) == NS_OK && yes, "%s: A in A U B", ctx);
      require (ns_set_is_subset (&in, &a, 0, 0, &yes) == NS_OK && yes, "%s: A n B in A", ctx);
      require (ns_set_is_subset (&in, &b, 0, 0, &yes) == NS_OK && yes, "%s: A n B in B", ctx);
      require (ns_set_is_subset (&a, &h, 0, 0, &yes) == NS_OK && yes, "%s: A in hull", ctx);
      require (ns_set_is_interval (&h, &yes) == NS_OK && yes, "%s: hull convex", ctx);
      require (ns_set_union (&b, &a, &tmp) == NS_OK && identical (&tmp, &u),
                     "%s: union commutes", ctx);
      require (ns_set_intersection (&b, &a, &tmp) == NS_OK && identical (&tmp, &in),
                     "%s: intersection commutes", ctx);
      require (ns_set_add (&b, &a, &tmp) == NS_OK && identical (&tmp, &sum),
                     "%s: sum commutes", ctx);
      require (ns_set_neg (&ng, &tmp) == NS_OK && identical (&tmp, &a), "%s: -(-A) = A",
                     ctx);
      require (ns_set_equal (&a, &a, 0, 0, &yes) == NS_OK && yes, "%s: A = A", ctx);
      require (ns_set_intersection (&a, &u, &tmp) == NS_OK && identical (&tmp, &a),
                     "%s: A n (A U B) = A", ctx);
    }
}
END_TEST

/* Reads back the text of ns_set_snprint (UTF-8 form) in test code, so
   printing is checked against an independent parser. */
static int
parse_set_text (const char *text, ns_set *out)
{
  out->n = 0;
  if (strcmp (text, EMPTY_UTF8) == 0)
    return 1;
  const char *p = text;
  for (;;)
    {
      char *end;
      double lo, hi;
      if (out->n == NS_SET_MAX_PIECES)
        return 0;
      if (*p == '{')
        {
          lo = hi = strtod (p + 1, &end);
          if (*end != '}')
            return 0;
          p = end + 1;
        }
      else if (*p == '[' || *p == '(')
        {
          lo = strtod (p + 1, &end);
          if (strncmp (end, ", ", 2) != 0)
            return 0;
          hi = strtod (end + 2, &end);
          if (*end != ']' && *end != ')')
            return 0;
          /* A round bracket exactly at an infinite endpoint. */
          if ((*p == '(') != (isinf (lo) != 0) || (*end == ')') != (isinf (hi) != 0))
            return 0;
          p = end + 1;
        }
      else
        return 0;
      out->piece[out->n++] = (ns_interval) { lo, hi };
      if (*p == '\0')
        return 1;
      if (strncmp (p, UNION_UTF8, strlen (UNION_UTF8)) != 0)
        return 0;
      p += strlen (UNION_UTF8);
    }
}

/* Number of significant digits in a printed number ("-1.25e+20" -> 3). */
static int
significant_digits (const char *s)
{
  const char *s0 = s;
  int n = 0, leading = 1;
  for (; *s != '\0' && *s != 'e'; s++)
    if (*s >= '0' && *s <= '9')
      {
        if (*s != '0')
          leading = 0;
        if (!leading)
          n++;
      }
  /* An integer printed with all its digits ("4503599627370500"): its
     trailing zeros are padding, not significant digits. */
  const char *end = s0 + strspn (s0, "-+0123456789");
  if (*end != '.' && *end != 'e')
    for (const char *t = end; n > 1 && t > s0 && t[-1] == '0'; t--)
      n--;
  return n == 0 ? 1 : n;
}

START_TEST (test_random_print_parse_back)
{
  rng r = { PRINT_SEED };
  int iterations = ns_test_iterations (10000);
  char text[2048], digits[400];   /* %.*g of any double fits */
  for (int it = 0; it < iterations; it++)
    {
      /* Any finite double, from its bits. */
      uint64_t bits = rng_next (&r);
      double x;
      memcpy (&x, &bits, sizeof x);
      if (!isfinite (x))
        continue;
      ns_set s;
      require (ns_set_point (x, &s) == NS_OK, "ns_set_point (%a)", x);
      text_of (s, 0, text, sizeof text);
      require (text[0] == '{' && text[strlen (text) - 1] == '}',
                     "seed %#" PRIx64 ", %a printed as %s", PRINT_SEED, x, text);
      double back = strtod (text + 1, NULL);
      require (back == x, "seed %#" PRIx64 ": %a printed as %s reads back as %a",
                     PRINT_SEED, x, text, back);
      /* Shortest: one digit fewer does not read back. */
      int d = significant_digits (text + 1);
      if (d > 1)
        {
          snprintf (digits, sizeof digits, "%.*g", d - 1, x);
          require (strtod (digits, NULL) != x,
                         "seed %#" PRIx64 ": %a printed as %s, but %s reads back too",
                         PRINT_SEED, x, text, digits);
        }

      /* Whole sets: print, parse in test code, compare exactly. */
      ns_set a = random_set (&r, 6), back_set;
      char desc[1024];
      text_of (a, 0, text, sizeof text);
      require (parse_set_text (text, &back_set), "seed %#" PRIx64 ": %s does not parse (%s)",
                     PRINT_SEED, text, describe (&a, desc, sizeof desc));
      require (identical (&back_set, &a), "seed %#" PRIx64 ": %s reads back differently (%s)",
                     PRINT_SEED, text, describe (&a, desc, sizeof desc));
    }
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("interval");

  TCase *core = tcase_create ("core");
  tcase_add_test (core, test_constructors);
  tcase_add_test (core, test_from_intervals_normalizes);
  tcase_add_test (core, test_queries);
  tcase_add_test (core, test_tolerances);
  tcase_add_test (core, test_union_intersection_hull);
  tcase_add_test (core, test_minkowski_sum);
  tcase_add_test (core, test_scale_neg_translate);
  tcase_add_test (core, test_min_norm_and_nearest);
  tcase_add_test (core, test_printing);
  tcase_add_test (core, test_printing_ignores_locale);
  suite_add_tcase (s, core);

  TCase *limits = tcase_create ("limits");
  tcase_add_loop_test (limits, test_bad_input, 0, (int) (sizeof bad_cases / sizeof bad_cases[0]));
  tcase_add_test (limits, test_capacity_enclosures);
  tcase_add_test (limits, test_overflow_enclosures);
  tcase_add_test (limits, test_print_truncation);
  suite_add_tcase (s, limits);

  TCase *random = tcase_create ("random");
  tcase_add_test (random, test_random_laws);
  tcase_add_test (random, test_random_print_parse_back);
  tcase_set_timeout (random, 60);
  suite_add_tcase (s, random);
  return s;
}
