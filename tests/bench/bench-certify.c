/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/bench/bench-certify.c: what certification costs.  Each row pairs a
   function whose switch points the doubles cannot decide (a touching
   contact, a root between doubles, a contact of a step) with a twin whose
   switch points the double path decides, with the same or nearly the same
   integrand, and reports the time of both pairings side by side as a
   ratio.  The two values must agree within their bounds (that is checked,
   not timed).  A third column pairs the certified function through a plan
   built once on the bump's support (ns_dist_plan_pair): the certified
   breakpoints are then found once, not per pairing.  Run by `make
   bench`; never by `make check`.
   Usage: bench-certify [--repeats N] */
#define _POSIX_C_SOURCE 200809L
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <nonsmooth/nonsmooth.h>

typedef struct cert_case {
  const char *what;        /* why the first function needs certification */
  const char *certified;   /* decided by FLINT/Arb */
  const char *plain;       /* decided by doubles */
  int order;
  double c, r;             /* the bump */
} cert_case;

/* Twins with equal integrands: relu(h) with h >= 0 touching 0 is h, as is
   relu(h + 1/2); heaviside(sin^2) is 1 but on a null set, as is
   heaviside(sin^2 + 1); the crossing of x^2 - 2 at sqrt 2 (no double) has
   the twin x - sqrt2_d (a double), which moves the delta by under an ulp,
   and cos(3x) falls through 0 at pi/6 as pi6_d - x does.  Times are CPU
   time of this process, so a loaded machine slows both sides alike. */
static const cert_case cases[] = {
  { "contact 1 - cos x at 0", "relu(1 - cos(x))", "relu(1.5 - cos(x))", 3, 0.0, 1.0 },
  { "contact (x^2 - 1)^2 at 1", "relu(x^4 - 2*x^2 + 1)", "relu(x^4 - 2*x^2 + 1.5)", 2, 1.0, 0.5 },
  { "step touching at pi", "heaviside(sin(x)^2)", "heaviside(sin(x)^2 + 1)", 1, 3.0, 0.5 },
  { "root between doubles", "heaviside(x^2 - 2)", "heaviside(x - 1.4142135623730951)", 1, 1.4, 0.5 },
  { "root of cos(3x) at pi/6", "heaviside(cos(3*x))", "heaviside(0.52359877559829882 - x)", 1, 0.5, 0.25 },
};
#define NCASES (sizeof cases / sizeof *cases)

static double
now_us (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (double) ts.tv_sec * 1e6 + (double) ts.tv_nsec * 1e-3;
}

static int
cmp_double (const void *x, const void *y)
{
  double a = *(const double *) x, b = *(const double *) y;
  return (a > b) - (a < b);
}

/* Median time per pairing over REPEATS samples of at least 20 ms each,
   through PLAN when it is not NULL; the last result goes to *OUT. */
static double
time_pairing (const ns_dist *t, const ns_dist_plan *plan, const ns_testfn *phi,
              ns_pair_workspace *w, int repeats, ns_pair_result *out, ns_status *st)
{
  size_t loops = 1;
  for (;;)
    {
      double t0 = now_us ();
      for (size_t i = 0; i < loops; i++)
        *st = plan ? ns_dist_plan_pair (plan, phi, w, out) : ns_dist_pair (t, phi, w, out);
      double dt = now_us () - t0;
      if (dt >= 20000 || loops >= (1u << 20))
        break;
      loops *= 4;
    }
  double s[64];
  int n = repeats > 64 ? 64 : repeats;
  for (int j = 0; j < n; j++)
    {
      double t0 = now_us ();
      for (size_t i = 0; i < loops; i++)
        *st = plan ? ns_dist_plan_pair (plan, phi, w, out) : ns_dist_pair (t, phi, w, out);
      s[j] = (now_us () - t0) / (double) loops;
    }
  qsort (s, (size_t) n, sizeof *s, cmp_double);
  return s[n / 2];
}

static int
make_dist (const char *text, int order, ns_dist **out)
{
  ns_function *f = NULL;
  if (ns_fn_parse (text, &f, NULL) != NS_OK)
    return 1;
  ns_dist *t0 = NULL;
  ns_status s = ns_dist_regular (f, &t0);
  ns_fn_free (f);
  if (s != NS_OK)
    return 1;
  s = ns_dist_deriv (t0, order, out);
  ns_dist_free (t0);
  return s != NS_OK;
}

int
main (int argc, char **argv)
{
  int repeats = 5;
  for (int i = 1; i < argc; i++)
    if (!strcmp (argv[i], "--repeats") && i + 1 < argc)
      repeats = atoi (argv[++i]) > 0 ? atoi (argv[i]) : 5;
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
  if (w == NULL)
    return 1;
  printf ("\nbench-certify: pairings whose switch points need FLINT/Arb, against twins the doubles "
          "decide\n(CPU time, median of %d samples per call; values must agree within their bounds)\n",
          repeats);
  printf ("%-26s %5s %12s %12s %8s %10s %10s  %s\n", "case", "order", "certified.us",
          "plain.us", "ratio", "planned.us", "pl.ratio", "values agree");
  double ratios[NCASES];
  int bad = 0;
  for (size_t i = 0; i < NCASES; i++)
    {
      const cert_case *k = &cases[i];
      ns_dist *tc = NULL, *tp = NULL;
      ns_testfn *phi = NULL;
      if (make_dist (k->certified, k->order, &tc) || make_dist (k->plain, k->order, &tp)
          || ns_testfn_bump_alloc (k->c, k->r, &phi) != NS_OK)
        {
          fprintf (stderr, "bench-certify: cannot set up %s\n", k->what);
          return 1;
        }
      ns_pair_result vc, vp;
      ns_status sc, sp;
      ns_pair_result vq;
      ns_status sq;
      double sa, sb;
      ns_dist_plan *plan = NULL;
      ns_testfn_support (phi, &sa, &sb);
      if (ns_dist_plan_create (tc, sa, sb, 0, &plan) != NS_OK)
        {
          fprintf (stderr, "bench-certify: cannot plan %s\n", k->what);
          return 1;
        }
      double tcert = time_pairing (tc, NULL, phi, w, repeats, &vc, &sc);
      double tplain = time_pairing (tp, NULL, phi, w, repeats, &vp, &sp);
      double tplan = time_pairing (tc, plan, phi, w, repeats, &vq, &sq);
      /* The planned pairing must equal the unplanned one. */
      int agree = sc == NS_OK && sp == NS_OK && fabs (vc.val - vp.val) <= vc.err + vp.err
                  && sq == sc && vq.val == vc.val && vq.err == vc.err;
      bad += !agree;
      ratios[i] = tcert / tplain;
      printf ("%-26s %5d %12.2f %12.2f %8.2f %10.2f %10.2f  %s (%.17g +- %.1e)\n", k->what,
              k->order, tcert, tplain, ratios[i], tplan, tplan / tplain, agree ? "yes" : "NO",
              vc.val, vc.err);
      ns_dist_plan_free (plan);
      ns_testfn_free (phi);
      ns_dist_free (tc);
      ns_dist_free (tp);
    }
  qsort (ratios, NCASES, sizeof *ratios, cmp_double);
  printf ("  median cost of certification (time ratio certified / plain): %.3g; "
          "disagreements: %d\n", ratios[NCASES / 2], bad);
  ns_pair_workspace_free (w);
  return bad != 0;
}
