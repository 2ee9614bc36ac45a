/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_threads.c: the library keeps no global state and never
   reaches GSL's error handler.  A set of adversarial jobs (D^8 log|x| and
   principal values paired with awkward test functions, mollification at
   extreme eps, breakpoints of nasty functions, subgradient checks, a
   failing user test function, evaluation outside the domain) runs
   (1) with a handler that records calls: none may happen, and the handler
   must still be installed afterwards; (2) under GSL's default handler,
   which aborts the process on any report; (3) in 4 threads at once, many
   times, on their own workspaces: every number must equal the
   single-threaded one bit for bit, and again no handler call; (4) in 4
   threads under the default handler. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <gsl/gsl_errno.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

#define NTHREADS 4
#define MAXOUT 512      /* doubles a job writes at most */

static atomic_int handler_calls;

static void
record_handler (const char *reason, const char *file, int line, int gsl_errno)
{
  (void) reason;
  (void) file;
  (void) line;
  (void) gsl_errno;
  atomic_fetch_add (&handler_calls, 1);
}

/* What a job produced: values, bounds and statuses as doubles. */
typedef struct outbuf {
  double v[MAXOUT];
  size_t n;
} outbuf;

static void
put (outbuf *o, double x)
{
  if (o->n < MAXOUT)
    o->v[o->n++] = x;
}

static void
put_pair (outbuf *o, ns_status st, const ns_pair_result *r)
{
  put (o, st);
  put (o, r->val);
  put (o, r->err);
  put (o, (double) r->neval);
}

static ns_function *
parse (const char *text)
{
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse (text, &f, NULL), NS_OK);
  return f;
}

/* <D^k T_f, phi> and the weak route for f = TEXT. */
static void
pair_both (outbuf *o, const char *text, int k, const ns_testfn *phi,
           ns_pair_workspace *w)
{
  ns_function *f = parse (text);
  ns_dist *t = NULL, *d = NULL;
  ck_assert_int_eq (ns_dist_regular (f, &t), NS_OK);
  ck_assert_int_eq (ns_dist_deriv (t, k, &d), NS_OK);
  ns_pair_result r;
  put_pair (o, ns_dist_pair (d, phi, w, &r), &r);
  put_pair (o, ns_dist_pair_weak (d, phi, w, &r), &r);
  ns_dist_free (d);
  ns_dist_free (t);
  ns_fn_free (f);
}

/* D^8 log|x| and log|x - 0.3| against bumps centred on and off the
   singularity: principal values of high order, QAGS on singular ends. */
static void
job_log (outbuf *o, ns_pair_workspace *w)
{
  static const double cr[][2] = { { 0, 1 }, { 0.3, 1 }, { 1e-9, 0.5 }, { 0.999, 1 } };
  for (size_t i = 0; i < sizeof cr / sizeof cr[0]; i++)
    {
      ns_testfn *phi = NULL;
      ck_assert_int_eq (ns_testfn_bump_alloc (cr[i][0], cr[i][1], &phi), NS_OK);
      pair_both (o, "log(abs(x))", 8, phi, w);
      pair_both (o, "log(abs(x - 0.3))", 3, phi, w);
      pair_both (o, "sqrt(abs(x))", 2, phi, w);
      ns_testfn_free (phi);
    }
}

/* p.v. 1/(x - a) and its derivatives, a at the centre, a few ulps inside
   an end of the support, and outside it; a plateau with narrow edges. */
static void
job_pv (outbuf *o, ns_pair_workspace *w)
{
  static const double as[] = { 0, 0.25, 1 - 0x1p-40, -1 + 0x1p-50, 1.5 };
  ns_testfn *phi = NULL, *pl = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, &phi), NS_OK);
  ck_assert_int_eq (ns_testfn_plateau_alloc (-1, 1, 1e-3, &pl), NS_OK);
  for (size_t i = 0; i < sizeof as / sizeof as[0]; i++)
    for (int k = 0; k <= 4; k += 2)
      {
        ns_dist *t = NULL, *d = NULL;
        ck_assert_int_eq (ns_dist_pv (as[i], &t), NS_OK);
        ck_assert_int_eq (ns_dist_deriv (t, k, &d), NS_OK);
        ns_pair_result r;
        put_pair (o, ns_dist_pair (d, phi, w, &r), &r);
        put_pair (o, ns_dist_pair (d, pl, w, &r), &r);
        ns_dist_free (d);
        ns_dist_free (t);
      }
  ns_testfn_free (pl);
  ns_testfn_free (phi);
}

/* Mollification of heaviside and |x| at eps from the smallest normal to
   huge, at points on and off the kink. */
static void
job_mollify (outbuf *o, ns_pair_workspace *w)
{
  (void) w;
  static const double eps[] = { DBL_MIN, 1e-12, 0.25, 1e6, 1e300 };
  static const char *fs[] = { "heaviside(x)", "abs(x)" };
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0.1, 1, &phi), NS_OK);
  for (size_t i = 0; i < 2; i++)
    {
      ns_function *f = parse (fs[i]);
      ns_dist *t = NULL;
      ck_assert_int_eq (ns_dist_regular (f, &t), NS_OK);
      for (size_t j = 0; j < sizeof eps / sizeof eps[0]; j++)
        {
          ns_pair_result r;
          put_pair (o, ns_mollify_eval (t, eps[j], 1, 0.0, &r), &r);
          put_pair (o, ns_mollify_eval (t, eps[j], 0, 0.3, &r), &r);
          if (eps[j] >= 1e-12 && eps[j] <= 1)
            {
              put_pair (o, ns_mollify_pair (t, eps[j], phi, &r), &r);
              put_pair (o, ns_mollify_pair_conv (t, eps[j], phi, &r), &r);
            }
        }
      ns_dist_free (t);
      ns_fn_free (f);
    }
  ns_testfn_free (phi);
}

/* Breakpoints (Brent's root finder), subgradient checks (Brent's
   minimizer) and evaluation outside the domain. */
static void
job_points (outbuf *o, ns_pair_workspace *w)
{
  (void) w;
  static const char *fs[] = { "floor(exp(x))", "max(x^3 - x, 0.1*x)",
                              "abs(sin(10*x))", "relu(x^2 - 2) + abs(exp(x) - 3)",
                              "heaviside(log(abs(x) + 1) - 0.5)" };
  for (size_t i = 0; i < sizeof fs / sizeof fs[0]; i++)
    {
      ns_function *f = parse (fs[i]);
      double pts[64];
      size_t n = 0;
      put (o, ns_fn_breakpoints (f, -3, 3, pts, 64, &n));
      put (o, (double) n);
      for (size_t j = 0; j < n && j < 64; j++)
        put (o, pts[j]);
      ns_subgrad_report rep;
      put (o, ns_subgrad_check (f, 0.5, 0.3, -2, 2, &rep));
      put (o, rep.holds);
      put (o, rep.min_gap);
      put (o, (double) rep.neval);
      ns_fn_free (f);
    }
  static const char *gs[] = { "log(x)", "1/x", "sqrt(x)", "x^-2" };
  for (size_t i = 0; i < sizeof gs / sizeof gs[0]; i++)
    {
      ns_function *g = parse (gs[i]);
      for (double x = -1; x <= 1; x += 0.5)
        {
          ns_result r;
          put (o, ns_fn_eval (g, x, &r));
          put (o, r.val);
          put (o, r.err);
        }
      ns_fn_free (g);
    }
}

/* A user test function whose value is NaN inside its support: its
   integral (adaptive QAG) must fail by status. */
static ns_status
nan_inside (int n, double x, void *data, ns_result *out)
{
  (void) data;
  out->val = (n == 0 && fabs (x - 0.123) < 0.1) ? (double) NAN
             : (fabs (x) < 1 ? exp (-1 / (1 - x * x)) : 0.0);
  out->err = 0;
  return NS_OK;
}

static void
job_user (outbuf *o, ns_pair_workspace *w)
{
  (void) w;
  ns_testfn_user spec = { nan_inside, NULL, -1, 1, 0 };
  ns_testfn *phi = NULL;
  ns_testfn_report rep;
  put (o, ns_testfn_user_alloc (&spec, 0.0, &phi, &rep));
  if (phi != NULL)
    {
      ns_result r;
      put (o, ns_testfn_integral (phi, &r));
      put (o, r.val);
      ns_testfn_free (phi);
    }
}

typedef void (*job_fn) (outbuf *, ns_pair_workspace *);
static const job_fn jobs[] = { job_log, job_pv, job_mollify, job_points, job_user };
#define NJOBS (sizeof jobs / sizeof jobs[0])

static outbuf reference[NJOBS];

static void
run_all (outbuf *out, ns_pair_workspace *w, size_t first)
{
  for (size_t i = 0; i < NJOBS; i++)
    {
      size_t j = (first + i) % NJOBS;
      out[j].n = 0;
      jobs[j] (&out[j], w);
    }
}

START_TEST (test_recording_handler)
{
  atomic_store (&handler_calls, 0);
  gsl_set_error_handler (record_handler);
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
  ck_assert_ptr_nonnull (w);
  outbuf out[NJOBS];
  run_all (out, w, 0);
  ns_pair_workspace_free (w);
  ck_assert_int_eq (atomic_load (&handler_calls), 0);
  /* The handler installed is still ours. */
  ck_assert (gsl_set_error_handler (NULL) == record_handler);
  /* The D^8 log|x| pairing at the centred bump is answered, not refused. */
  ck_assert_msg (out[0].v[0] == NS_OK || out[0].v[0] == NS_ETOL,
                 "status %g", out[0].v[0]);
}
END_TEST

/* GSL's default handler aborts the process on any report: this test
   passes only if none happens (run forked by Check unless CK_FORK=no,
   where an abort fails the whole program). */
START_TEST (test_default_handler)
{
  gsl_set_error_handler (NULL);
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
  ck_assert_ptr_nonnull (w);
  outbuf out[NJOBS];
  run_all (out, w, 0);
  ns_pair_workspace_free (w);
}
END_TEST

typedef struct thread_arg {
  int id, rounds;
  int mismatches;
  char first[160];
  outbuf first_round[NJOBS];   /* compared with the reference after the join */
} thread_arg;

/* Counts the jobs of GOT that differ from WANT bit for bit, and describes
   the first difference in A->first. */
static void
compare (thread_arg *a, int round, const outbuf *got, const outbuf *want)
{
  for (size_t j = 0; j < NJOBS; j++)
    if (got[j].n != want[j].n
        || memcmp (got[j].v, want[j].v, got[j].n * sizeof (double)) != 0)
      {
        if (a->mismatches++ == 0)
          {
            size_t k = 0;
            while (k < got[j].n && k < want[j].n
                   && memcmp (&got[j].v[k], &want[j].v[k], sizeof (double)) == 0)
              k++;
            snprintf (a->first, sizeof a->first,
                      "thread %d round %d job %zu item %zu: %.17g vs %.17g",
                      a->id, round, j, k, k < got[j].n ? got[j].v[k] : (double) NAN,
                      k < want[j].n ? want[j].v[k] : (double) NAN);
          }
      }
}

static void *
worker (void *p)
{
  thread_arg *a = p;
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
  outbuf *out = malloc (NJOBS * sizeof *out);
  if (w == NULL || out == NULL)
    {
      a->mismatches = -1;
      ns_pair_workspace_free (w);
      free (out);
      return NULL;
    }
  for (int round = 0; round < a->rounds; round++)
    {
      /* Each thread starts at a different job, so that different code
         runs at the same time. */
      run_all (round == 0 ? a->first_round : out, w, (size_t) (a->id + round));
      if (round > 0)
        compare (a, round, out, a->first_round);
    }
  ns_pair_workspace_free (w);
  free (out);
  /* FLINT's and Arb's per-thread caches, filled by certified decisions,
     would otherwise outlive the thread (LeakSanitizer reports them). */
  ns_thread_cleanup ();
  return NULL;
}

/* The threads start before anything else has run in this process (Check
   forks each test), so they also race to build the pairing's node tables
   (lib/distribution/quadrature.c); the single-threaded reference is
   computed after the join. */
START_TEST (test_concurrent)
{
  atomic_store (&handler_calls, 0);
  gsl_set_error_handler (record_handler);
  pthread_t th[NTHREADS];
  thread_arg *args = calloc (NTHREADS, sizeof *args);
  ck_assert_ptr_nonnull (args);
  int rounds = ns_test_iterations (3);
  for (int i = 0; i < NTHREADS; i++)
    {
      args[i].id = i;
      args[i].rounds = rounds;
      ck_assert_int_eq (pthread_create (&th[i], NULL, worker, &args[i]), 0);
    }
  for (int i = 0; i < NTHREADS; i++)
    ck_assert_int_eq (pthread_join (th[i], NULL), 0);

  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
  ck_assert_ptr_nonnull (w);
  run_all (reference, w, 0);
  ns_pair_workspace_free (w);
  for (size_t j = 0; j < NJOBS; j++)
    ck_assert (reference[j].n > 0 && reference[j].n < MAXOUT);
  for (int i = 0; i < NTHREADS; i++)
    {
      compare (&args[i], 0, args[i].first_round, reference);
      ck_assert_msg (args[i].mismatches == 0,
                     "%d results differ from the single-threaded ones; first: %s",
                     args[i].mismatches, args[i].first);
    }
  free (args);
  ck_assert_int_eq (atomic_load (&handler_calls), 0);
  ck_assert (gsl_set_error_handler (NULL) == record_handler);
}
END_TEST

/* The crash: four threads pairing D^8 log|x| (and the rest) under
   GSL's default handler, which aborts the process on any report. */
START_TEST (test_concurrent_default_handler)
{
  gsl_set_error_handler (NULL);
  pthread_t th[NTHREADS];
  thread_arg *args = calloc (NTHREADS, sizeof *args);
  ck_assert_ptr_nonnull (args);
  for (int i = 0; i < NTHREADS; i++)
    {
      args[i].id = i;
      args[i].rounds = 2;
      ck_assert_int_eq (pthread_create (&th[i], NULL, worker, &args[i]), 0);
    }
  for (int i = 0; i < NTHREADS; i++)
    ck_assert_int_eq (pthread_join (th[i], NULL), 0);
  for (int i = 0; i < NTHREADS; i++)
    ck_assert_msg (args[i].mismatches == 0, "%s", args[i].first);
  free (args);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("threads");
  TCase *handler = tcase_create ("handler");
  tcase_set_timeout (handler, 120);
  tcase_add_test (handler, test_recording_handler);
  tcase_add_test (handler, test_default_handler);
  suite_add_tcase (s, handler);
  TCase *conc = tcase_create ("concurrent");
  tcase_set_timeout (conc, 300);
  tcase_add_test (conc, test_concurrent);
  tcase_add_test (conc, test_concurrent_default_handler);
  suite_add_tcase (s, conc);
  return s;
}
