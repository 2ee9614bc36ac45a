/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/bench/bench-multi.c: the time of a Clarke subdifferential in two
   variables with k active kinks (k = 1 ... 10): the sum of k terms
   |a_j x + b_j y| at 0, whose Clarke set is a zonotope with 2k vertices
   (checked), and the maximum of k linear maps whose
   gradients are in convex position, a k-gon.  Prints
   one line per case: k, vertices, the median CPU time of a call in ms.
   Then the limiting gradients in n = 10 variables with k active kinks
   (the cells of the switching hyperplanes): max(0, x1, ..., xk) at 0
   (k nested kinks; 0 and k unit vectors) and |x1| + ... + |xk| (2^k
   orthants, the worst case: every cell is a limiting gradient), each
   against the 1 ms target, with the time per gradient.  Times are the
   median CPU time of the process per call. */
#define _POSIX_C_SOURCE 200809L
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <nonsmooth/nonsmooth.h>

#define REPS 21

static double
now (void)
{
  /* CPU time of the process, not wall time: the benchmark shares its
     cores, and a wall-clock median measures the other work. */
  struct timespec t;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return (double) t.tv_sec + 1e-9 * (double) t.tv_nsec;
}

static int
cmp (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Times ns_mfn_clarke on TEXT at 0; returns 0 when it gives EXPECT vertices. */
static int
run (const char *label, int k, const char *text, size_t expect)
{
  ns_mfn *f = NULL;
  ns_parse_error e;
  if (ns_mfn_parse (text, 2, &f, &e) != NS_OK)
    {
      printf ("%s k=%d: parse error: %s\n", label, k, e.text);
      return 1;
    }
  const double x[2] = { 0, 0 };
  ns_result v[2 * 64];
  size_t count = 0;
  double t[REPS];
  ns_status st = NS_OK;
  for (int r = 0; r < REPS; r++)
    {
      double t0 = now ();
      st = ns_mfn_clarke (f, x, v, 64, &count);
      t[r] = now () - t0;
    }
  qsort (t, REPS, sizeof t[0], cmp);
  printf ("%-10s k=%2d  %-8s %2zu vertices  %.3f ms\n", label, k, ns_strerror (st), count,
          1e3 * t[REPS / 2]);
  ns_mfn_free (f);
  return st == NS_OK && count == expect ? 0 : 1;
}

/* Times ns_mfn_limiting_gradients on TEXT (N variables) at 0; returns 0
   when it gives EXPECT gradients.  Fewer repetitions for slow cases. */
static int
run_nd (const char *label, int n, int k, const char *text, size_t expect)
{
  ns_mfn *f = NULL;
  ns_parse_error e;
  if (ns_mfn_parse (text, n, &f, &e) != NS_OK)
    {
      printf ("%s k=%d: parse error: %s\n", label, k, e.text);
      return 1;
    }
  const double x[10] = { 0 };
  static ns_result g[10 * 2048];
  size_t count = 0;
  double t[REPS];
  int reps = REPS;
  ns_status st = NS_OK;
  for (int r = 0; r < reps; r++)
    {
      double t0 = now ();
      st = ns_mfn_limiting_gradients (f, x, g, 2048, &count);
      t[r] = now () - t0;
      if (r == 0 && t[0] > 0.05)
        reps = 3;
    }
  qsort (t, (size_t) reps, sizeof t[0], cmp);
  double ms = 1e3 * t[reps / 2];
  printf ("%-10s n=%2d k=%2d  %-8s %4zu gradients  %9.3f ms  %6.2f us/gradient  %s\n", label,
          n, k, ns_strerror (st), count, ms, count > 0 ? 1e3 * ms / (double) count : 0.0,
          ms <= 1.0 ? "(under the 1 ms target)" : "(over 1 ms)");
  ns_mfn_free (f);
  return st == NS_OK && count == expect ? 0 : 1;
}

int
main (void)
{
  int bad = 0;
  char text[4096];
  for (int k = 1; k <= 10; k++)
    {
      /* Directions (j, k + 1 - j) are pairwise independent: 2k vertices. */
      size_t n = (size_t) snprintf (text, sizeof text, "0");
      for (int j = 1; j <= k; j++)
        n += (size_t) snprintf (text + n, sizeof text - n, " + abs(%d*x + %d*y)", j, k + 1 - j);
      bad |= run ("zonotope", k, text, 2 * (size_t) k);
    }
  for (int k = 3; k <= 10; k++)
    {
      /* max over j < k of j x + j^2 y: the points (j, j^2) lie on a
         parabola, so each is extreme and each map is the largest on an
         open cone; the Clarke set is the k-gon.  Integer coefficients: the
         cut directions are exact and far apart. */
      size_t n = 0;
      for (int j = 0; j < k - 1; j++)
        n += (size_t) snprintf (text + n, sizeof text - n, "max(");
      for (int j = 0; j < k; j++)
        n += (size_t) snprintf (text + n, sizeof text - n, "%s%d*x + %d*y%s",
                                j == 0 ? "" : ", ", j, j * j, j == 0 ? "" : ")");
      bad |= run ("max-affine", k, text, (size_t) k);
    }
  for (int k = 1; k <= 10; k++)
    {
      /* max(0, x1, ..., xk): k max nodes, k + 1 cells. */
      size_t n = 0;
      for (int j = 0; j < k; j++)
        n += (size_t) snprintf (text + n, sizeof text - n, "max(");
      n += (size_t) snprintf (text + n, sizeof text - n, "0");
      for (int j = 1; j <= k; j++)
        n += (size_t) snprintf (text + n, sizeof text - n, ", x%d)", j);
      bad |= run_nd ("max-coords", 10, k, text, (size_t) k + 1);
    }
  for (int k = 1; k <= 10; k++)
    {
      /* |x1| + ... + |xk|: k kinks, 2^k orthants. */
      size_t n = (size_t) snprintf (text, sizeof text, "0");
      for (int j = 1; j <= k; j++)
        n += (size_t) snprintf (text + n, sizeof text - n, " + abs(x%d)", j);
      bad |= run_nd ("l1-norm", 10, k, text, (size_t) 1 << k);
    }
  return bad;
}
