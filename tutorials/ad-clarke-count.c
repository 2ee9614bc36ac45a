/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/ad-clarke-count.c: how often does AD leave the Clarke set?
   Two small ReLU networks of two inputs with integer weights, on a grid of
   inputs where units sit exactly at 0; at each point, each preset's AD
   gradient (ns_mfn_ad_gradient) is tested for membership in the Clarke set
   (ns_mfn_clarke_polytope, ns_polytope_contains).  Prints one table per
   network: per preset, the points where AD is inside, outside, undecided,
   or has no gradient, and where the Clarke set is refused.  Usage:
   ad-clarke-count [STEP] (the grid spacing, default 0.25). */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <nonsmooth/nonsmooth.h>

#define RANGE 2.0   /* the grid is [-RANGE, RANGE]^2 */

/* "pairs": relu(x) - relu(-x) + relu(y) - relu(-y), the identity x + y
   written with ReLU pairs (Kakade and Lee's example, in two variables):
   wherever x = 0 or y = 0 a pair of units sits at its kink.  "mixed": six
   units on six lines through grid points and output weights of both
   signs, one hidden layer, a network nobody wrote to make AD fail.
   "deep": two hidden layers, whose second-layer units switch on curves
   made of pieces of lines.  Each row is (weights..., bias) for
   relu(w . a + b); the output layer is linear. */
#define MAX_UNITS 8
#define MAX_HIDDEN 2
typedef struct net {
  const char *name;
  int nhidden;                          /* hidden layers */
  int units[MAX_HIDDEN + 1];            /* per hidden layer, then 1 */
  int row[MAX_HIDDEN + 1][MAX_UNITS][MAX_UNITS + 1];
} net;

static const net nets[] = {
  { "pairs", 1, { 4, 1 },
    { { { 1, 0, 0 }, { -1, 0, 0 }, { 0, 1, 0 }, { 0, -1, 0 } },
      { { 1, -1, 1, -1, 0 } } } },
  { "mixed", 1, { 6, 1 },
    { { { 1, 1, 0 }, { 1, -1, 0 }, { -1, 1, 1 }, { 2, 1, -1 }, { 0, 1, 0 }, { -1, 0, 0 } },
      { { 1, -2, 1, 1, -1, 2, 0 } } } },
  { "deep", 2, { 3, 2, 1 },
    { { { 1, 0, 0 }, { 0, 1, 0 }, { 1, 1, -1 } },
      { { 1, -1, 0, 0 }, { -1, 1, 1, 0 } },
      { { 1, -1, 0 } } } },
};

/* Per preset: inside, outside, undecided membership, no gradient. */
typedef struct tally {
  long in, out, undecided, nograd;
} tally;

/* The network's text, in the format of ns_mlp_parse. */
static void
net_text (const net *nt, char *buf, size_t size)
{
  size_t at = (size_t) snprintf (buf, size, "sizes 2");
  for (int l = 0; l <= nt->nhidden; l++)
    at += (size_t) snprintf (buf + at, size - at, " %d", nt->units[l]);
  for (int l = 0; l <= nt->nhidden && at < size; l++)
    {
      int nin = l == 0 ? 2 : nt->units[l - 1];
      at += (size_t) snprintf (buf + at, size - at, "\nlayer %s",
                               l < nt->nhidden ? "relu" : "identity");
      for (int u = 0; u < nt->units[l] && at < size; u++)
        {
          at += (size_t) snprintf (buf + at, size - at, "\n ");
          for (int i = 0; i < nin && at < size; i++)
            at += (size_t) snprintf (buf + at, size - at, " %d", nt->row[l][u][i]);
          at += (size_t) snprintf (buf + at, size - at, " | %d", nt->row[l][u][nin]);
        }
    }
  if (at < size)
    snprintf (buf + at, size - at, "\n");
}

/* Whether some hidden unit is exactly at 0 at X.  The forward pass in
   doubles is exact here: small integer weights, coordinates on a grid of
   a power-of-two step, and a few operations, so every value is a small
   multiple of the step. */
static int
unit_at_zero (const net *nt, const double *x)
{
  double a[MAX_UNITS], b[MAX_UNITS];
  int nin = 2, zero = 0;
  a[0] = x[0];
  a[1] = x[1];
  for (int l = 0; l < nt->nhidden; l++)
    {
      for (int u = 0; u < nt->units[l]; u++)
        {
          double s = nt->row[l][u][nin];
          for (int i = 0; i < nin; i++)
            s += nt->row[l][u][i] * a[i];
          zero |= s == 0.0;
          b[u] = s > 0.0 ? s : 0.0;
        }
      nin = nt->units[l];
      for (int u = 0; u < nin; u++)
        a[u] = b[u];
    }
  return zero;
}

/* The Clarke set C with its vertices made exact.  A limiting gradient of
   a network with integer weights is the gradient of the affine piece on
   one open cell, W_L D_{L-1} W_{L-1} ... D_1 W_1 with 0/1 diagonal
   matrices D_k: an integer vector.  The library's vertices carry rounding
   bounds (a few ulps, or the smallest subnormal for an exact slope), so
   a gradient on the boundary could never be certified inside; the
   integer nearest to a vertex within its bound (bound below 1/2) is the
   vertex, and the hull of those integers, with bounds 0, decides every
   membership exactly.  *OUT is NULL (and the status NS_EUNDECIDED) when
   a bound reaches 1/2. */
static ns_status
exact_integer_hull (const ns_polytope *c, ns_polytope **out)
{
  int n = c->n;
  ns_result *v = malloc (c->count * (size_t) n * sizeof *v);
  ns_status s = v == NULL ? NS_ENOMEM : NS_OK;
  *out = NULL;
  for (size_t i = 0; s == NS_OK && i < c->count * (size_t) n; i++)
    {
      double r = nearbyint (c->vertices[i]);
      if (!(fabs (c->vertices[i] - r) + c->err[i] < 0.5))
        s = NS_EUNDECIDED;
      v[i].val = r;
      v[i].err = 0.0;
    }
  if (s == NS_OK)
    s = ns_polytope_hull (n, v, c->count, out);
  free (v);
  return s;
}

/* Whether G is one of the vertices of C, all exact (bounds 0): a vertex
   of a polytope lies in it.  ns_polytope_contains answers NS_EUNDECIDED
   for the end of an exact segment (its one-dimensional test rounds the
   coordinate outward even when nothing was rounded), and AD's gradient
   is often such an end, so this exact test goes first. */
static int
is_exact_vertex (const ns_polytope *c, const double *g)
{
  for (size_t k = 0; k < c->count; k++)
    {
      int same = 1;
      for (int j = 0; j < c->n; j++)
        same &= c->err[k * c->n + j] == 0.0 && c->vertices[k * c->n + j] == g[j];
      if (same)
        return 1;
    }
  return 0;
}

static int
count (const net *nt, double step)
{
  char text[2048];
  ns_mlp *mlp = NULL;
  ns_mfn *f = NULL;
  ns_parse_error err = { 0, "" };
  net_text (nt, text, sizeof text);
  if (ns_mlp_parse (text, &mlp, &err) != NS_OK
      || ns_mlp_as_function_of_inputs (mlp, &f) != NS_OK)
    {
      fprintf (stderr, "ad-clarke-count: network %s: %s\n", nt->name, err.text);
      ns_mlp_free (mlp);
      return 1;
    }
  ns_mlp_free (mlp);

  tally t[NS_AD_PRESET_COUNT] = { { 0 } };
  long points = 0, at_kink = 0, refused = 0, mode_differs = 0;
  int steps = (int) floor (2.0 * RANGE / step + 0.5);
  for (int i = 0; i <= steps; i++)
    for (int j = 0; j <= steps; j++)
      {
        double x[2] = { -RANGE + i * step, -RANGE + j * step };
        points++;
        if (!unit_at_zero (nt, x))
          continue;
        at_kink++;
        ns_polytope *c = NULL, *c0 = NULL;
        ns_status cst = ns_mfn_clarke_polytope (f, x, &c0);
        if (cst == NS_OK)
          cst = exact_integer_hull (c0, &c);
        ns_polytope_free (c0);
        if (cst != NS_OK)
          refused++;
        for (int p = 0; p < NS_AD_PRESET_COUNT; p++)
          {
            ns_kink_policy pol;
            double g[2], gf[2];
            NS_KINK_POLICY_INIT (&pol, (ns_ad_preset) p);
            ns_status s = ns_mfn_ad_gradient (f, x, &pol, NS_AD_REVERSE, g);
            ns_status sf = ns_mfn_ad_gradient (f, x, &pol, NS_AD_FORWARD, gf);
            /* The modes agree up to the sign of a zero (integer data: no
               rounding at all). */
            if (s != sf || (s == NS_OK && (g[0] != gf[0] || g[1] != gf[1])))
              mode_differs++;
            if (s != NS_OK)
              {
                t[p].nograd++;
                continue;
              }
            if (cst != NS_OK)
              continue;
            int inside = 1;
            ns_status ms = is_exact_vertex (c, g) ? NS_OK
                           : ns_polytope_contains (c, g, NULL, &inside);
            if (ms != NS_OK)
              t[p].undecided++;
            else if (inside)
              t[p].in++;
            else
              t[p].out++;
          }
        ns_polytope_free (c);
      }

  printf ("network %s: %ld grid points (step %g on [-%g, %g]^2), %ld with a unit at 0, "
          "Clarke set refused at %ld\n", nt->name, points, step, RANGE, RANGE, at_kink,
          refused);
  printf ("  %-10s %6s %6s %10s %12s\n", "preset", "in", "out", "undecided", "no gradient");
  for (int p = 0; p < NS_AD_PRESET_COUNT; p++)
    {
      ns_kink_policy pol;
      NS_KINK_POLICY_INIT (&pol, (ns_ad_preset) p);
      printf ("  %-10s %6ld %6ld %10ld %12ld\n", pol.name, t[p].in, t[p].out, t[p].undecided,
              t[p].nograd);
    }
  printf ("  forward and reverse mode differ beyond the sign of a zero: %ld times\n",
          mode_differs);
  ns_mfn_free (f);
  return 0;
}

int
main (int argc, char **argv)
{
  double step = 0.25;
  if (argc > 1)
    {
      char *end;
      step = strtod (argv[1], &end);
      /* A power of two keeps every grid point and pre-activation exact. */
      int e;
      if (*end != '\0' || !(step > 0 && step <= 1) || frexp (step, &e) != 0.5)
        {
          fprintf (stderr, "ad-clarke-count: STEP must be a power of two in (0, 1]\n");
          return 2;
        }
    }
  int status = 0;
  for (size_t k = 0; k < sizeof nets / sizeof nets[0]; k++)
    status |= count (&nets[k], step);
  return status;
}
