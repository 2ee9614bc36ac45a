/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_plan.c: pairing plans (ns_dist_plan_create, ns_dist_plan_pair,
   ns_dist_plan_free) and ns_dist_pair_many: the same value, bound, count
   and status as ns_dist_pair, bit for bit, over the pairing tests' kinds
   of terms and random bumps; values against closed forms; bad input. */
#include <config.h>
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <check.h>
#include <nonsmooth/nonsmooth.h>
#include "ref_bump.h"
#include "check_main.h"

/* Distributions of every kind the pairing handles: kinks and jumps of
   several orders, many breakpoints, a multiplier, deltas with exact and
   rounded points, principal values, logarithms, integrable and
   non-integrable singularities, a non-polynomial piece. */
static const char *const dists[] = {
  "D[relu(x)]",
  "D^2[relu(x)]",
  "D[heaviside(x)]",
  "D^2[abs(x)]",
  "D^3[abs(x - 0.2)]",
  "D[sign(x)]",
  "D[floor(x)]",
  "D[x - floor(x)]",
  "D[floor(3*x)]",
  "D^3[relu(x^3 - x)]",
  "D[max(x, x^2)]",
  "D^2[relu(x)*sin(x)]",
  "D[relu(x)*exp(x)]",
  "relu(x)*cos(x)",
  "D[abs(x - 1) + 2*abs(x)]",
  "D^2[relu(x)] - 0.5 delta^(4)(x + 2)",
  "2.5*delta(x - 0.5) + pv(x + 1.25)",
  "delta(3*x - 1) + D[relu(x - 1/3)]",
  "D[abs(x - 0.2)] + D^2[exp(x)*delta(x)]",
  "D[x*delta'(x)]",
  "D[pv 1/x]",
  "D[log(abs(x))]",
  "D^2[log(abs(x))]",
  "log(abs(x))",
  "D[sqrt(abs(x))]",
  "D^2[sqrt(abs(x))]",
  "D[1/x]",
  "x^2",
  "D^4[relu(x)^3]",
  /* delta(g(x)) is expanded at the zeros of g for each test function. */
  "delta(x^2 - 1)",
  "D[delta(sin(3*x))] + relu(x)",
  "relu(x - 1.5)^2.5",
  /* Exactly 0 after an intermediate degree above the order asked. */
  "D[x*x - x*x + relu(x)]",
};
#define NDISTS (sizeof dists / sizeof dists[0])

/* The window every random bump lies in. */
#define WIN_A -10.0
#define WIN_B 10.0

/* A fixed-seed generator (xorshift64*), the same sequence on every run. */
static uint64_t rng_state = 0x9e3779b97f4a7c15u;

static double
rng_uniform (void)
{
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return (double) ((rng_state * 2685821657736338717u) >> 11) * 0x1p-53;
}

static int
same_bits (double a, double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* One bump: fixed ones first (centred on breakpoints, on a breakpoint's
   end, tiny and wide), then random centres in [-4, 4] and radii from 1e-3
   to 5. */
static void
bump_params (int i, double *c, double *r)
{
  static const double fixed[][2] = {
    { 0, 1 }, { 0.3, 1 }, { -0.7, 1 }, { 1, 1 }, { 0, 3.5 }, { 0.25, 5 },
    { 1.0 / 3, 0.1 }, { 0, 1e-3 }, { -2, 1 }, { 0.5, 0.5 }, { 2, 2 },
  };
  const int nfixed = (int) (sizeof fixed / sizeof fixed[0]);
  if (i < nfixed)
    {
      *c = fixed[i][0];
      *r = fixed[i][1];
      return;
    }
  *c = -4 + 8 * rng_uniform ();
  *r = exp (log (1e-3) + (log (5.0) - log (1e-3)) * rng_uniform ());
}

START_TEST (test_plan_bit_identical)
{
  ns_dist *t = NULL;
  ns_parse_error perr;
  ck_assert_msg (ns_dist_parse (dists[_i], &t, &perr) == NS_OK, "parse %s: %s",
                 dists[_i], perr.text);
  ns_dist_plan *plan = NULL;
  ck_assert_int_eq (ns_dist_plan_create (t, WIN_A, WIN_B, 0, &plan), NS_OK);
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
  ck_assert_ptr_nonnull (w);
  int n = ns_test_iterations (40);
  for (int i = 0; i < n; i++)
    {
      double c, r;
      bump_params (i, &c, &r);
      ns_testfn *phi = NULL;
      ck_assert_int_eq (ns_testfn_bump_alloc (c, r, &phi), NS_OK);
      ns_pair_result a, b;
      ns_status sa = ns_dist_pair (t, phi, w, &a);
      ns_status sb = ns_dist_plan_pair (plan, phi, w, &b);
      ck_assert_msg (sa == sb && same_bits (a.val, b.val) && same_bits (a.err, b.err)
                     && a.neval == b.neval,
                     "%s on phi_{%.17g,%.17g}: pair %d %.17g +- %.3g (%zu), "
                     "plan %d %.17g +- %.3g (%zu)", dists[_i], c, r, sa, a.val,
                     a.err, a.neval, sb, b.val, b.err, b.neval);
      ns_testfn_free (phi);
    }
  ns_pair_workspace_free (w);
  ns_dist_plan_free (plan);
  ns_dist_free (t);
}
END_TEST

/* A plan outlives the distribution it was built from (it holds a copy)
   and its pairings match closed forms, with D[relu] = H, D[heaviside] =
   delta_0, D[floor] = sum_k delta_k and int phi_{0,1} = I (ref_bump.h):
   on phi_{0,1}: I/2 + phi(0) + phi(0) = I/2 + 2/e; on phi_{3,2}
   (support (1, 5)): 2 I + phi at t = -1/2, 0, 1/2 = 2 I + 1/e +
   2 e^(-4/3); on phi_{0.5,0.5} (support (0, 1), no integer inside):
   I/2. */
START_TEST (test_plan_closed_forms)
{
  ns_dist *t = NULL;
  ck_assert_int_eq (ns_dist_parse ("D[relu(x)] + D[heaviside(x)] + D[floor(x)]", &t, NULL),
                    NS_OK);
  ns_dist_plan *plan = NULL;
  ck_assert_int_eq (ns_dist_plan_create (t, -3, 7, 16, &plan), NS_OK);
  ns_dist_free (t);
  const long double I = ref_bump_integral ();
  const long double refs[3] = { I / 2 + 2 * expl (-1), 2 * I + expl (-1) + 2 * expl (-4.0L / 3),
                                I / 2 };
  static const double cs[] = { 0, 3, 0.5 }, rs[] = { 1, 2, 0.5 };
  const ns_testfn *phis[3];
  for (int k = 0; k < 3; k++)
    {
      ns_testfn *phi = NULL;
      ck_assert_int_eq (ns_testfn_bump_alloc (cs[k], rs[k], &phi), NS_OK);
      phis[k] = phi;
      ns_pair_result res;
      ck_assert_int_eq (ns_dist_plan_pair (plan, phi, NULL, &res), NS_OK);
      long double act = fabsl ((long double) res.val - refs[k]);
      ck_assert_msg (act <= res.err && res.err <= 1e-13 * fabsl (refs[k]),
                     "phi_{%g,%g}: %.17g +- %.3g, reference %.19Lg", cs[k], rs[k],
                     res.val, res.err, refs[k]);
    }
  ns_dist_plan_free (plan);
  /* The same family in one call. */
  ck_assert_int_eq (ns_dist_parse ("D[relu(x)] + D[heaviside(x)] + D[floor(x)]", &t, NULL),
                    NS_OK);
  ns_pair_result many[3];
  ns_status st[3];
  ck_assert_int_eq (ns_dist_pair_many (t, phis, 3, NULL, many, st), NS_OK);
  for (int k = 0; k < 3; k++)
    {
      ck_assert_int_eq (st[k], NS_OK);
      ck_assert (fabsl ((long double) many[k].val - refs[k]) <= many[k].err);
    }
  ns_dist_free (t);
  for (int k = 0; k < 3; k++)
    ns_testfn_free ((ns_testfn *) (uintptr_t) phis[k]);
}
END_TEST

/* ns_dist_pair_many agrees with ns_dist_pair bit for bit, reports each
   pairing's status (D[1/x] is NS_UNDEFINED on a support holding 0) and
   returns the first one that was not NS_OK. */
/* A piece whose f^(m) is exactly 0 only after cancellation (x*x - x*x:
   degree 2 on the way, 0 at the end) is found zero by the germs of order
   4 and costs no evaluation; relu' = H pairs with the bump to
   int_0^1 exp(-1/(1-t^2)) dt r (the bump at c = 0), which the relu
   term's two pieces give; the other term adds nothing. */
START_TEST (test_pair_zero_piece)
{
  ns_dist *t = NULL, *u = NULL;
  ns_parse_error perr;
  ck_assert_int_eq (ns_dist_parse ("D[x*x - x*x]", &t, &perr), NS_OK);
  ck_assert_int_eq (ns_dist_parse ("D[x*x - x*x + relu(x)]", &u, &perr), NS_OK);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0.3, 1.5, &phi), NS_OK);
  ns_pair_result a, b, c;
  ck_assert_int_eq (ns_dist_pair (t, phi, NULL, &a), NS_OK);
  ck_assert_msg (a.val == 0 && a.err == 0 && a.neval == 0,
                 "D[x*x - x*x]: %.17g +- %.3g (%zu evaluations)", a.val, a.err,
                 a.neval);
  ns_dist *h = NULL;
  ck_assert_int_eq (ns_dist_parse ("D[relu(x)]", &h, &perr), NS_OK);
  ck_assert_int_eq (ns_dist_pair (u, phi, NULL, &b), NS_OK);
  ck_assert_int_eq (ns_dist_pair (h, phi, NULL, &c), NS_OK);
  ck_assert_msg (fabs (b.val - c.val) <= b.err + c.err && b.neval == c.neval,
                 "%.17g +- %.3g (%zu) against %.17g +- %.3g (%zu)", b.val, b.err,
                 b.neval, c.val, c.err, c.neval);
  ns_dist_free (h);
  ns_testfn_free (phi);
  ns_dist_free (u);
  ns_dist_free (t);
}
END_TEST

START_TEST (test_pair_many)
{
  ns_dist *t = NULL;
  ck_assert_int_eq (ns_dist_parse ("D[1/x]", &t, NULL), NS_OK);
  enum { N = 4 };
  static const double cs[N] = { 2, 0, -3, 0.5 }, rs[N] = { 1, 1, 0.5, 0.25 };
  ns_testfn *phi[N];
  for (int k = 0; k < N; k++)
    ck_assert_int_eq (ns_testfn_bump_alloc (cs[k], rs[k], &phi[k]), NS_OK);
  ns_pair_result out[N];
  ns_status st[N];
  ns_pair_workspace *w = ns_pair_workspace_alloc (64);
  ck_assert_int_eq (ns_dist_pair_many (t, (const ns_testfn *const *) phi, N, w, out, st),
                    NS_UNDEFINED);
  for (int k = 0; k < N; k++)
    {
      ns_pair_result one;
      ns_status s1 = ns_dist_pair (t, phi[k], w, &one);
      ck_assert_int_eq (st[k], s1);
      ck_assert_int_eq (st[k], k == 1 ? NS_UNDEFINED : NS_OK);
      ck_assert (same_bits (one.val, out[k].val) && same_bits (one.err, out[k].err));
    }
  /* N = 0 is nothing to do. */
  ck_assert_int_eq (ns_dist_pair_many (t, NULL, 0, NULL, NULL, NULL), NS_OK);
  for (int k = 0; k < N; k++)
    ns_testfn_free (phi[k]);
  ns_pair_workspace_free (w);
  ns_dist_free (t);
}
END_TEST

/* Bad input: a clear status, out-parameters defined. */
START_TEST (test_plan_limits)
{
  ns_dist *t = NULL;
  ck_assert_int_eq (ns_dist_parse ("D[relu(x)]", &t, NULL), NS_OK);
  ns_dist_plan *plan = (ns_dist_plan *) (uintptr_t) 1;
  ck_assert_int_eq (ns_dist_plan_create (NULL, 0, 1, 0, &plan), NS_EINVAL);
  ck_assert_ptr_null (plan);
  ck_assert_int_eq (ns_dist_plan_create (t, 0, 1, 0, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_dist_plan_create (t, 1, 1, 0, &plan), NS_EINVAL);
  ck_assert_int_eq (ns_dist_plan_create (t, 1, 0, 0, &plan), NS_EINVAL);
  ck_assert_int_eq (ns_dist_plan_create (t, NAN, 1, 0, &plan), NS_EINVAL);
  ck_assert_int_eq (ns_dist_plan_create (t, -INFINITY, 1, 0, &plan), NS_EINVAL);
  ck_assert_int_eq (ns_dist_plan_create (t, -1, 1, 0, &plan), NS_OK);
  ns_testfn *inside = NULL, *outside = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, &inside), NS_OK);
  ck_assert_int_eq (ns_testfn_bump_alloc (0.5, 1, &outside), NS_OK);
  ns_pair_result res;
  ck_assert_int_eq (ns_dist_plan_pair (plan, outside, NULL, &res), NS_EINVAL);
  ck_assert (isnan (res.val) && isinf (res.err));
  ck_assert_int_eq (ns_dist_plan_pair (NULL, inside, NULL, &res), NS_EINVAL);
  ck_assert_int_eq (ns_dist_plan_pair (plan, NULL, NULL, &res), NS_EINVAL);
  ck_assert_int_eq (ns_dist_plan_pair (plan, inside, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_dist_plan_pair (plan, inside, NULL, &res), NS_OK);
  const ns_testfn *two[2] = { inside, NULL };
  ns_pair_result out[2];
  ck_assert_int_eq (ns_dist_pair_many (t, two, 2, NULL, out, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_dist_pair_many (NULL, two, 1, NULL, out, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_dist_pair_many (t, two, 1, NULL, NULL, NULL), NS_EINVAL);
  ns_dist_plan_free (plan);
  ns_dist_plan_free (NULL);
  ns_testfn_free (inside);
  ns_testfn_free (outside);
  ns_dist_free (t);
}
END_TEST

/* One plan shared by several threads, each with its own workspace: every
   thread gets ns_dist_pair's results, bit for bit (ThreadSanitizer in CI
   watches the reads). */
enum { NTHREADS = 4, NSHARED = 16 };

typedef struct shared_job {
  const ns_dist_plan *plan;
  ns_testfn *const *phi;
  ns_pair_result out[NSHARED];
  ns_status st[NSHARED];
} shared_job;

static void *
shared_worker (void *arg)
{
  shared_job *j = arg;
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
  for (int rep = 0; rep < 4; rep++)
    for (int i = 0; i < NSHARED; i++)
      j->st[i] = ns_dist_plan_pair (j->plan, j->phi[i], w, &j->out[i]);
  ns_pair_workspace_free (w);
  ns_thread_cleanup ();
  return NULL;
}

START_TEST (test_plan_threads)
{
  ns_dist *t = NULL;
  ck_assert_int_eq (ns_dist_parse ("D[relu(x)] + D^2[abs(x - 0.2)] + D[floor(4*x)]", &t, NULL),
                    NS_OK);
  ns_dist_plan *plan = NULL;
  ck_assert_int_eq (ns_dist_plan_create (t, -2, 2, 0, &plan), NS_OK);
  ns_testfn *phi[NSHARED];
  for (int i = 0; i < NSHARED; i++)
    ck_assert_int_eq (ns_testfn_bump_alloc (-0.9 + 1.8 * (i + 0.5) / NSHARED, 1, &phi[i]),
                      NS_OK);
  static shared_job jobs[NTHREADS];
  pthread_t th[NTHREADS];
  for (int k = 0; k < NTHREADS; k++)
    {
      jobs[k].plan = plan;
      jobs[k].phi = phi;
      ck_assert_int_eq (pthread_create (&th[k], NULL, shared_worker, &jobs[k]), 0);
    }
  for (int k = 0; k < NTHREADS; k++)
    ck_assert_int_eq (pthread_join (th[k], NULL), 0);
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
  for (int i = 0; i < NSHARED; i++)
    {
      ns_pair_result one;
      ck_assert_int_eq (ns_dist_pair (t, phi[i], w, &one), NS_OK);
      for (int k = 0; k < NTHREADS; k++)
        ck_assert (jobs[k].st[i] == NS_OK && same_bits (jobs[k].out[i].val, one.val)
                   && same_bits (jobs[k].out[i].err, one.err));
    }
  ns_pair_workspace_free (w);
  for (int i = 0; i < NSHARED; i++)
    ns_testfn_free (phi[i]);
  ns_dist_plan_free (plan);
  ns_dist_free (t);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("plan");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 120);
  tcase_add_loop_test (tc, test_plan_bit_identical, 0, (int) NDISTS);
  tcase_add_test (tc, test_plan_closed_forms);
  tcase_add_test (tc, test_pair_many);
  tcase_add_test (tc, test_pair_zero_piece);
  tcase_add_test (tc, test_plan_limits);
  tcase_add_test (tc, test_plan_threads);
  suite_add_tcase (s, tc);
  return s;
}

