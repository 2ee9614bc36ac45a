/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/bench/bench-throughput.c: pairings per second on one core and on
   all of them, with the speedup; each thread pairs through one shared,
   immutable plan with its own workspace (and, for comparison, by
   ns_dist_pair alone); and the cost of a planned pairing against the
   number of breakpoints (floor') and the derivative order (relu^(k)).
   Usage: bench-throughput [--threads N] [--seconds S] */
#define _POSIX_C_SOURCE 200809L
#include <config.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <nonsmooth/nonsmooth.h>

static double
now_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

/* The sweep of the tutorial: relu' on bumps phi_{c,1} with the kink at
   every place of the support, c in (-0.9, 0.9). */
#define NBUMPS 64

typedef struct job {
  const ns_dist *t;
  const ns_dist_plan *plan;    /* NULL: ns_dist_pair */
  ns_testfn *const *phi;
  double seconds;
  size_t count;                /* pairings done */
  size_t failures;             /* statuses other than NS_OK */
  double sum;                  /* keeps the results alive */
  double cpu;                  /* the thread's CPU time, seconds */
} job;

static double
thread_cpu_s (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double) ts.tv_sec + (double) ts.tv_nsec * 1e-9;
}

static void *
run_job (void *arg)
{
  job *j = arg;
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
  if (!w)
    {
      j->failures++;
      return NULL;
    }
  double end = now_s () + j->seconds, c0 = thread_cpu_s ();
  size_t k = 0;
  while (now_s () < end)
    for (int i = 0; i < 256; i++, k++)
      {
        ns_pair_result r;
        const ns_testfn *phi = j->phi[k % NBUMPS];
        ns_status st = j->plan ? ns_dist_plan_pair (j->plan, phi, w, &r)
                               : ns_dist_pair (j->t, phi, w, &r);
        if (st != NS_OK)
          j->failures++;
        j->sum += r.val;
      }
  j->count = k;
  j->cpu = thread_cpu_s () - c0;
  ns_pair_workspace_free (w);
  /* FLINT's and Arb's per-thread caches (certified breakpoints). */
  ns_thread_cleanup ();
  return NULL;
}

/* Pairings per second of wall-clock time with NT threads, each for
   SECONDS; *PER_CPU: pairings per second of the threads' own CPU time
   (what a thread achieves while it runs: on a machine shared with other
   work the wall-clock speedup says more about the other work than about
   the library, this does not). */
static double
rate (const ns_dist *t, const ns_dist_plan *plan, ns_testfn *const *phi, int nt,
      double seconds, size_t *failures, double *per_cpu)
{
  job jobs[64];
  pthread_t th[64];
  if (nt > 64)
    nt = 64;
  for (int i = 0; i < nt; i++)
    jobs[i] = (job) { t, plan, phi, seconds, 0, 0, 0, 0 };
  double t0 = now_s ();
  int started = 0;
  for (int i = 0; i < nt; i++, started++)
    if (pthread_create (&th[i], NULL, run_job, &jobs[i]) != 0)
      break;
  size_t total = 0;
  double cpu = 0;
  for (int i = 0; i < started; i++)
    {
      pthread_join (th[i], NULL);
      total += jobs[i].count;
      cpu += jobs[i].cpu;
      *failures += jobs[i].failures;
    }
  *per_cpu = cpu > 0 ? (double) total / cpu : (double) NAN;
  double dt = now_s () - t0;
  return started == nt ? (double) total / dt : (double) NAN;
}

static ns_dist *
parse_dist (const char *text)
{
  ns_dist *t = NULL;
  if (ns_dist_parse (text, &t, NULL) != NS_OK)
    fprintf (stderr, "bench-throughput: cannot parse %s\n", text);
  return t;
}

/* Median time per planned pairing of T over BUMPS (support in [-R-1, R+1])
   in microseconds, 5 samples. */
static double
planned_us (const ns_dist *t, const ns_dist_plan *plan, ns_testfn *const *phi, int nphi)
{
  ns_pair_workspace *w = ns_pair_workspace_alloc (8192);
  double s[5];
  for (int k = 0; k < 5; k++)
    {
      size_t loops = 0;
      double t0 = now_s (), dt;
      do
        {
          for (int i = 0; i < nphi; i++)
            {
              ns_pair_result r;
              if (plan)
                ns_dist_plan_pair (plan, phi[i], w, &r);
              else
                ns_dist_pair (t, phi[i], w, &r);
            }
          loops += (size_t) nphi;
          dt = now_s () - t0;
        }
      while (dt < 0.02);
      s[k] = dt / (double) loops * 1e6;
    }
  for (int a = 0; a < 5; a++)
    for (int b = a + 1; b < 5; b++)
      if (s[b] < s[a])
        {
          double x = s[a];
          s[a] = s[b];
          s[b] = x;
        }
  ns_pair_workspace_free (w);
  return s[2];
}

int
main (int argc, char **argv)
{
  long ncpu = sysconf (_SC_NPROCESSORS_ONLN);
  int nt = ncpu > 0 ? (int) ncpu : 1;
  double seconds = 1.0;
  for (int i = 1; i < argc; i++)
    {
      if (!strcmp (argv[i], "--threads") && i + 1 < argc)
        nt = atoi (argv[++i]);
      else if (!strcmp (argv[i], "--seconds") && i + 1 < argc)
        seconds = atof (argv[++i]);
      else
        {
          fprintf (stderr, "usage: bench-throughput [--threads N] [--seconds S]\n");
          return 2;
        }
    }
  if (nt < 1)
    nt = 1;

  ns_dist *t = parse_dist ("D[relu(x)]");
  ns_testfn *phi[NBUMPS];
  for (int i = 0; i < NBUMPS; i++)
    if (ns_testfn_bump_alloc (-0.9 + 1.8 * (i + 0.5) / NBUMPS, 1, &phi[i]) != NS_OK)
      return 1;
  ns_dist_plan *plan = NULL;
  if (!t || ns_dist_plan_create (t, -2, 2, 0, &plan) != NS_OK)
    return 1;

  printf ("bench-throughput: <relu', phi_{c,1}> over %d bumps, c in (-0.9, 0.9); "
          "%ld cores online, %d threads, %.2g s per run\n"
          "(the machine may be shared: a busy core shows as a speedup below linear)\n\n",
          NBUMPS, ncpu, nt, seconds);
  printf ("%-18s %12s %12s %8s %9s | %12s %12s %9s\n", "path", "1 thread/s",
          "all/s", "speedup", "vs linear", "1 thr/cpu-s", "all/cpu-s", "per-cpu");
  size_t failures = 0;
  for (int p = 0; p < 2; p++)
    {
      const ns_dist_plan *pl = p ? plan : NULL;
      double c1, cn;
      double r1 = rate (t, pl, phi, 1, seconds, &failures, &c1);
      double rn = rate (t, pl, phi, nt, seconds, &failures, &cn);
      printf ("%-18s %12.4g %12.4g %8.3g %9.3g | %12.4g %12.4g %9.3g\n",
              p ? "ns_dist_plan_pair" : "ns_dist_pair", r1, rn, rn / r1,
              rn / r1 / nt, c1, cn, cn / c1);
    }
  printf ("  speedup: wall-clock rate on all threads over one; vs linear: that over the\n"
          "  thread count (target >= 0.9); per-cpu: pairings per CPU-second of the\n"
          "  threads with all of them running over one alone (1: no contention)\n");
  printf ("  pairings that did not return NS_OK: %zu\n", failures);

  /* Cost against the number of breakpoints: floor' on phi_{0.5,R}. */
  printf ("\nCost of one pairing against the number of breakpoints: floor' on phi_{0.5,R}\n");
  printf ("%8s %7s %12s %12s %12s\n", "R", "pieces", "pair.us", "plan.us", "plan.us/piece");
  ns_dist *fl = parse_dist ("D[floor(x)]");
  static const double rs[] = { 1, 10, 100, 1000 };
  for (int i = 0; fl && i < 4; i++)
    {
      ns_testfn *b = NULL;
      ns_dist_plan *pf = NULL;
      if (ns_testfn_bump_alloc (0.5, rs[i], &b) != NS_OK
          || ns_dist_plan_create (fl, 0.5 - rs[i], 0.5 + rs[i], 8192, &pf) != NS_OK)
        return 1;
      double u0 = planned_us (fl, NULL, &b, 1), u1 = planned_us (fl, pf, &b, 1);
      double pieces = 2 * rs[i] + 1;
      printf ("%8g %7g %12.3f %12.3f %12.4f\n", rs[i], pieces, u0, u1, u1 / pieces);
      ns_dist_plan_free (pf);
      ns_testfn_free (b);
    }
  ns_dist_free (fl);

  /* Cost against the derivative order: relu^(k) on phi_{0.3,1} (k = 1 on
     phi_{0,1}). */
  printf ("\nCost of one pairing against the derivative order: relu^(k)\n");
  printf ("%3s %12s %12s\n", "k", "pair.us", "plan.us");
  for (int k = 1; k <= 8; k++)
    {
      char text[32];
      snprintf (text, sizeof text, "D^%d[relu(x)]", k);
      ns_dist *tk = parse_dist (text);
      ns_testfn *b = NULL;
      ns_dist_plan *pk = NULL;
      if (!tk || ns_testfn_bump_alloc (k == 1 ? 0 : 0.3, 1, &b) != NS_OK
          || ns_dist_plan_create (tk, -2, 2, 0, &pk) != NS_OK)
        return 1;
      printf ("%3d %12.3f %12.3f\n", k, planned_us (tk, NULL, &b, 1),
              planned_us (tk, pk, &b, 1));
      ns_dist_plan_free (pk);
      ns_testfn_free (b);
      ns_dist_free (tk);
    }

  ns_dist_plan_free (plan);
  for (int i = 0; i < NBUMPS; i++)
    ns_testfn_free (phi[i]);
  ns_dist_free (t);
  ns_thread_cleanup ();
  return failures ? 1 : 0;
}
