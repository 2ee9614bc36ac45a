/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/bench/bench-eval.c: the time of one point evaluation, the tree
   walker against the compiled tape (lib/function/tape.c, internal: this
   program links the library statically), for functions of different
   sizes, as ns per point and as the ratio tape / tree; both the raw walk
   (ns_fn_eval_tree) and the public evaluation (ns_fn_eval, with its
   scaled retry).  Every point's value, bound and status are compared bit
   for bit.  Then the time of pairings whose pieces are not polynomials
   (the pairing's order-0 nodes evaluate the function there).  Times are
   the median CPU time of the process over REPS runs, in which the ways
   take turns.
   Usage: bench-eval */
#define _POSIX_C_SOURCE 200809L
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <nonsmooth/nonsmooth.h>
#include "function/function_impl.h"
#include "function/tape.h"

#define REPS 15
#define NPTS 1000

static double
now (void)
{
  /* CPU time of the process: the benchmark shares its cores. */
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

static double
median (double *t, int n)
{
  qsort (t, (size_t) n, sizeof *t, cmp);
  return t[n / 2];
}

static double xs[NPTS];
static volatile double sink;

enum { TREE_RAW, TAPE_RAW, TREE_EVAL, TAPE_EVAL };

/* Seconds for LOOPS passes of one way over the NPTS points. */
static double
run_way (const ns_function *f, int way, int loops)
{
  ns_tape tape;
  double s = 0, t0 = now ();
  for (int l = 0; l < loops; l++)
    {
      /* Compiled once per pass over the points, as a caller does once
         per curve or per piece: its cost is in the time. */
      if (way == TAPE_RAW || way == TAPE_EVAL)
        ns_tape_compile (f, &tape);
      for (int i = 0; i < NPTS; i++)
        {
          ns_result v;
          switch (way)
            {
            case TREE_RAW: ns_fn_eval_tree (f, xs[i], &v); break;
            case TAPE_RAW: ns_tape_eval_tree (&tape, xs[i], &v); break;
            case TREE_EVAL: ns_fn_eval (f, xs[i], &v); break;
            default: ns_tape_eval (&tape, xs[i], &v); break;
            }
          s += v.val;
        }
    }
  sink = s;
  return now () - t0;
}

/* ns per point of the four ways into NS[]: the ways take turns within
   each run, so that a change in the machine's load falls on all of them. */
static void
time_ways (const ns_function *f, int loops, double *ns)
{
  double t[4][REPS];
  for (int r = 0; r < REPS; r++)
    for (int way = 0; way < 4; way++)
      t[way][r] = run_way (f, way, loops);
  for (int way = 0; way < 4; way++)
    ns[way] = median (t[way], REPS) * 1e9 / ((double) NPTS * loops);
}

/* Same bits at every point? */
static int
identical (const ns_function *f)
{
  ns_tape tape;
  ns_tape_compile (f, &tape);
  for (int i = 0; i < NPTS; i++)
    {
      ns_result a, b;
      ns_status sa = ns_fn_eval (f, xs[i], &a), sb = ns_tape_eval (&tape, xs[i], &b);
      if (sa != sb || memcmp (&a, &b, sizeof a) != 0)
        return 0;
    }
  return 1;
}

static const struct { const char *label, *text; } fns[] = {
  { "sin(x)", "sin(x)" },
  { "relu(x)*sin(x)", "relu(x)*sin(x)" },
  { "exp(-x^2)*abs(x)", "exp(-x^2)*abs(x)" },
  { "poly + kinks", "3*x^4 - 2*x^3 + x^2 - 5*x + 7 + abs(x - 0.25) + relu(2 - x)" },
  { "ReLU net (max)", "max(0, 0.5*max(0, x - 1) - 0.3*max(0, 1 - 2*x) + 0.2)"
                      " + max(0, 0.7*max(0, 2*x + 1) - max(0, x) + 0.1)"
                      " - 0.4*max(0, max(0, 3*x - 2) - 0.5*max(0, -x))" },
};

static const struct { const char *label, *text; int k; double c, r; } pairs[] = {
  { "<(sin(x) relu(x))', phi>", "sin(x)*relu(x)", 1, 0.3, 1.0 },
  { "<(exp(-x^2)|x|)', phi>", "exp(-x^2)*abs(x)", 1, 0.2, 2.0 },
  { "<relu(x) sin(x), phi>", "relu(x)*sin(x)", 0, 0.3, 1.0 },
  { "<poly + kinks, phi>", "3*x^4 - 2*x^3 + x^2 - 5*x + 7 + abs(x - 0.25) + relu(2 - x)",
    0, 0.5, 3.0 },
};

int
main (void)
{
  srand (12345);
  for (int i = 0; i < NPTS; i++)
    xs[i] = -3 + 6 * ((double) rand () / RAND_MAX);
  int bad = 0;
  printf ("Point evaluation, ns per point (median of %d runs, %d points in [-3, 3]):\n",
          REPS, NPTS);
  printf ("%-18s %5s %9s %9s %6s %9s %9s %6s %s\n", "function", "nodes", "tree", "tape",
          "ratio", "eval", "tape-eval", "ratio", "same bits");
  for (size_t k = 0; k < sizeof fns / sizeof *fns; k++)
    {
      ns_function *f = NULL;
      ns_parse_error e;
      if (ns_fn_parse (fns[k].text, &f, &e) != NS_OK)
        {
          printf ("%s: parse error: %s\n", fns[k].label, e.text);
          return 1;
        }
      int loops = 20;
      double ns[4];
      time_ways (f, loops, ns);
      double a = ns[TREE_RAW], b = ns[TAPE_RAW], c = ns[TREE_EVAL], d = ns[TAPE_EVAL];
      int same = identical (f);
      bad |= !same;
      printf ("%-18s %5ld %9.1f %9.1f %6.2f %9.1f %9.1f %6.2f %s\n", fns[k].label,
              f->size, a, b, b / a, c, d, d / c, same ? "yes" : "NO");
      ns_fn_free (f);
    }
  printf ("\nPairings with non-polynomial pieces, us per ns_dist_pair (workspace reused):\n");
  ns_pair_workspace *w = ns_pair_workspace_alloc (1000);
  for (size_t k = 0; k < sizeof pairs / sizeof *pairs; k++)
    {
      ns_function *f = NULL;
      ns_parse_error e;
      ns_dist *t0 = NULL, *t = NULL;
      ns_testfn *phi = NULL;
      if (ns_fn_parse (pairs[k].text, &f, &e) != NS_OK || ns_dist_regular (f, &t0) != NS_OK
          || ns_dist_deriv (t0, pairs[k].k, &t) != NS_OK
          || ns_testfn_bump_alloc (pairs[k].c, pairs[k].r, &phi) != NS_OK || w == NULL)
        {
          printf ("%s: setup failed\n", pairs[k].label);
          return 1;
        }
      double tm[REPS];
      ns_pair_result res;
      ns_status st = NS_OK;
      int loops = 200;
      for (int r = 0; r < REPS; r++)
        {
          double s = now ();
          for (int l = 0; l < loops; l++)
            st = ns_dist_pair (t, phi, w, &res);
          tm[r] = now () - s;
        }
      printf ("%-28s %8.2f us  %s  value %.17g +- %.2g, %zu evaluations\n",
              pairs[k].label, median (tm, REPS) * 1e6 / loops, ns_strerror (st), res.val,
              res.err, res.neval);
      ns_testfn_free (phi);
      ns_dist_free (t);
      ns_dist_free (t0);
      ns_fn_free (f);
    }
  ns_pair_workspace_free (w);
  return bad;
}
