/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/tutorial-distributional.c: section 3 of nonsmooth-tutorial,
   the distributional derivative.  The bump test function, <f', phi> by the
   three routes of ns_verify_ibp for several bumps, Heaviside: pointwise
   derivative 0, distributional derivative delta, whatever H(0) is, and
   mollified Heaviside converging at the measured rate. */
#define _XOPEN_SOURCE 700   /* PATH_MAX in tutorial.h */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "tutorial.h"

/* One route of a report as "value  +- err  n evals", or why it is missing. */
static void
say_route (tutorial *t, const char *label, const ns_verify_route *r)
{
  if (!r->available)
    say (t, "  %-22s (no closed form known to the library)\n", label);
  else if (r->status != NS_OK)
    say (t, "  %-22s %s\n", label, ns_strerror (r->status));
  else
    say (t, "  %-22s %.16g  +- %.1e  %4zu eval%s\n", label, r->val, r->err, r->neval,
         r->neval == 1 ? "" : "s");
}

/* The three routes for F against the bump (C, R); 0 when it could not run. */
static int
say_report (tutorial *t, ns_function *f, const ns_testfn *phi, const char *name)
{
  ns_verify_report rep;
  ns_status s = ns_verify_ibp (f, 1, phi, &rep);
  if (s != NS_OK)
    {
      say (t, "  ns_verify_ibp: %s\n", ns_strerror (s));
      return 0;
    }
  char a[32], b[32];
  snprintf (a, sizeof a, "A  <%s', phi>", name);
  snprintf (b, sizeof b, "B  -<%s, phi'>", name);
  say_route (t, a, &rep.route[NS_VERIFY_EXACT]);
  say_route (t, b, &rep.route[NS_VERIFY_WEAK]);
  say_route (t, "C  closed form", &rep.route[NS_VERIFY_CLOSED]);
  for (int i = 0; i < NS_VERIFY_NROUTES; i++)
    if (rep.route[i].available && rep.route[i].status == NS_OK)
      say (t, "     %c: %s\n", "ABC"[i], rep.route[i].method);
  say (t, "  largest difference %.1e: %s\n", rep.max_diff,
       rep.agree ? "the routes agree within their error estimates"
                 : "the routes DISAGREE");
  return 1;
}

static int
page_test_function (tutorial *t)
{
  page (t, 3, "Distributional derivative: the test function phi");
  say (t, "A distribution is known by what it does to test functions: smooth\n"
          "functions that vanish outside a bounded interval.  The classic one\n"
          "(ns_testfn_bump_alloc with centre 0 and radius 1) is\n\n"
          "  phi(x) = exp(-1/(1 - x^2)) for |x| < 1,   0 otherwise.\n\n");
  ns_testfn *phi = NULL;
  if (ns_testfn_bump_alloc (0, 1, &phi) != NS_OK)
    return 0;
  ns_result v0, v1, in;
  ns_testfn_eval (phi, 0, 0, &v0);
  ns_testfn_eval (phi, 0, 1, &v1);
  ns_testfn_integral (phi, &in);
  say (t, "  phi(0) = %.16g   phi(1) = %g   int phi = %.16g\n", v0.val, v1.val + 0.0, in.val);
  ns_testfn_free (phi);
  say (t, "It is flat to every order at -1 and 1, so it is smooth everywhere.\n"
          "The next page draws it.\n");
  return page_end (t);
}

/* The least and greatest of Y[0..N-1], widened by a tenth of their span
   (half a unit when flat), so that peaks and steps stay inside the frame. */
static void
padded_range (const double *y, size_t n, double *lo, double *hi)
{
  *lo = INFINITY, *hi = -INFINITY;
  for (size_t i = 0; i < n; i++)
    *lo = fmin (*lo, y[i]), *hi = fmax (*hi, y[i]);
  double pad = *hi > *lo ? (*hi - *lo) / 10 : 0.5;
  *lo -= pad, *hi += pad;
}

/* phi, and the integrand -f phi' of the weak route shaded: its area is
   <f', phi>.  Every sample comes from ns_testfn_eval and ns_fn_eval. */
static int
page_pairing_area (tutorial *t)
{
  char title[96];
  snprintf (title, sizeof title, "Distributional derivative: phi, and <%s', phi> as an area",
            t->name);
  page (t, 3, title);
  ns_testfn *phi = NULL;
  if (ns_testfn_bump_alloc (0, 1, &phi) != NS_OK)
    return 0;
  enum { N = 201 };
  static double xp[N], yp[N], xa[N], ya[N], all[2 * N];
  size_t mp = 0, ma = 0;
  for (int i = 0; i < N; i++)
    {
      ns_result r, d, f;
      double x = -1.2 + 2.4 * i / (N - 1), u = -1 + 2.0 * i / (N - 1);
      if (ns_testfn_eval (phi, 0, x, &r) == NS_OK)
        xp[mp] = x, yp[mp++] = r.val;
      if (ns_testfn_eval (phi, 1, u, &d) == NS_OK && ns_fn_eval (t->f, u, &f) == NS_OK
          && isfinite (f.val))
        xa[ma] = u, ya[ma++] = -f.val * d.val + 0.0;
    }
  ns_verify_report rep;
  int have = ns_verify_ibp (t->f, 1, phi, &rep) == NS_OK
             && rep.route[NS_VERIFY_WEAK].status == NS_OK;
  ns_testfn_free (phi);
  if (have)
    say (t, "The shaded area is int -%s(x) phi'(x) dx = -<%s, phi'> = <%s', phi>\n"
            "= %.6g +- %.0e (ns_verify_ibp, route B of the next page).\n",
         t->name, t->name, t->name, rep.route[NS_VERIFY_WEAK].val + 0.0,
         rep.route[NS_VERIFY_WEAK].err);
  if (have && t->is_relu && rep.route[NS_VERIFY_CLOSED].available
      && rep.route[NS_VERIFY_CLOSED].status == NS_OK)
    say (t, "It equals int_0^inf phi = %.6f (route C), the area under phi right of 0.\n",
         rep.route[NS_VERIFY_CLOSED].val);
  say (t, "\n");
  snprintf (title, sizeof title, "phi(x) and -%s(x) phi'(x)", t->name);
  ns_plot *p = figure_alloc (t, title, "x", NULL, t->is_relu ? 19 : 20);
  if (p == NULL)
    return 0;
  memcpy (all, yp, mp * sizeof *yp);
  memcpy (all + mp, ya, ma * sizeof *ya);
  double lo, hi;
  padded_range (all, mp + ma, &lo, &hi);
  ns_plot_set_xrange (p, -1.2, 1.2);
  ns_plot_set_yrange (p, fmin (lo, -0.05), hi);
  snprintf (title, sizeof title, "-%s phi' (shaded)", t->name);
  if (ma >= 2)
    ns_plot_add_area (p, xa, ya, ma, "gray", title);
  ns_plot_add_curve (p, xp, yp, mp, "blue", "phi");
  show_plot (t, p, "s3-pairing");
  ns_plot_free (p);
  return page_end (t);
}

static int
page_three_routes (tutorial *t)
{
  char title[80];
  snprintf (title, sizeof title, "Distributional derivative: three routes to <%s', phi>", t->name);
  page (t, 3, title);
  say (t, "The derivative of a distribution is defined by moving the derivative\n"
          "onto phi, where it always exists:   <%s', phi> = -<%s, phi'>.\n\n",
       t->name, t->name);
  if (t->is_relu)
    say (t, "Integration by parts gives int_0^inf phi, the action of H: r' = H.\n");
  say (t, "ns_verify_ibp computes it three ways, each with its error estimate\n"
          "and its number of evaluations:\n"
          "  A pairs the exact derivative (%s' plus a delta at each jump),\n"
          "  B integrates -%s phi' (no derivative of %s used),\n"
          "  C is a closed form, when the library knows one.\n\n", t->name, t->name, t->name);
  ns_testfn *phi = NULL;
  if (ns_testfn_bump_alloc (0, 1, &phi) != NS_OK)
    return 0;
  say (t, "For phi above (centre 0, radius 1):\n");
  say_report (t, t->f, phi, t->name);
  ns_testfn_free (phi);
  return page_end (t);
}

static int
page_every_phi (tutorial *t)
{
  page (t, 3, "Distributional derivative: for every phi");
  say (t, "The identity must hold for every test function, not just one.  The\n"
          "bump moved to centre c and scaled to radius r, phi((x - c) / r):\n\n");
  say (t, "  %5s %6s  %-22s %8s %8s  %s\n", "c", "r", "A", "+- err", "|A - B|", "C");
  static const struct { double c, r; } bumps[] = {
    { 0, 1 }, { 0.5, 1 }, { -0.5, 1 }, { 0, 1e-3 }, { 2, 1 }, { -2, 1 }, { 0.3, 0.5 },
  };
  int all = 1;
  for (size_t i = 0; i < sizeof bumps / sizeof *bumps; i++)
    {
      ns_testfn *phi = NULL;
      ns_verify_report rep;
      if (ns_testfn_bump_alloc (bumps[i].c, bumps[i].r, &phi) != NS_OK
          || ns_verify_ibp (t->f, 1, phi, &rep) != NS_OK)
        {
          ns_testfn_free (phi);
          say (t, "  %5g %6g  (could not compute)\n", bumps[i].c, bumps[i].r);
          all = 0;
          continue;
        }
      ns_testfn_free (phi);
      const ns_verify_route *a = &rep.route[NS_VERIFY_EXACT], *b = &rep.route[NS_VERIFY_WEAK],
                            *c = &rep.route[NS_VERIFY_CLOSED];
      char cs[32];
      if (c->available && c->status == NS_OK)
        snprintf (cs, sizeof cs, "%.16g", c->val + 0.0);
      else
        snprintf (cs, sizeof cs, "none");
      if (a->status == NS_OK && b->status == NS_OK)
        say (t, "  %5g %6g  %-22.16g %8.1e %8.1e  %s\n", bumps[i].c, bumps[i].r, a->val + 0.0,
             a->err, fabs (a->val - b->val), cs);
      else
        say (t, "  %5g %6g  %s\n", bumps[i].c, bumps[i].r,
             ns_strerror (a->status != NS_OK ? a->status : b->status));
      all &= rep.agree;
    }
  say (t, "\n%s\n", all ? "In every row the routes agree within their error estimates."
                        : "In some row the routes DISAGREE or could not be computed.");
  if (t->is_relu)
    say (t, "Far right of 0 (c = 2) r' pairs like 1, int phi; far left (c = -2)\n"
            "like 0; the narrow bump (r = 1e-3) scales the answer by r.  The same\n"
            "H does it for every phi: r' = H as distributions (Cook).\n");
  return page_end (t);
}

/* <H', phi> for the three conventions H(0) = 0, 1/2, 1. */
static int
page_heaviside (tutorial *t)
{
  page (t, 3, "Distributional derivative: H' = delta, not 0");
  ns_function *h = ns_fn_heaviside (ns_fn_x (), 1);
  if (h == NULL)
    return 0;
  if (!t->is_relu)
    say (t, "(3.5 to 3.10 are about H = heaviside(x, 1), whatever --function is.)\n");
  say (t, "Pointwise, the step H has slope 0 wherever it has one (ns_fn_deriv):\n");
  static const double xs[] = { -1, -0.001, 0, 0.001, 1 };
  say (t, " ");
  for (size_t i = 0; i < sizeof xs / sizeof *xs; i++)
    {
      double d;
      ns_status s = ns_fn_deriv (h, xs[i], 1, &d);
      if (s == NS_OK)
        say (t, " H'(%g) = %g%s", xs[i], d + 0.0, i + 1 < sizeof xs / sizeof *xs ? "," : "\n");
      else
        say (t, " H'(%g) undefined,", xs[i]);
    }
  ns_fn_free (h);
  ns_testfn *phi = NULL;
  if (ns_testfn_bump_alloc (0, 1, &phi) != NS_OK)
    return 0;
  ns_result p0;
  ns_testfn_eval (phi, 0, 0, &p0);
  say (t, "but <H', phi> = -<H, phi'> = phi(0) = %.16g: H' is delta.\n"
          "The value H(0) is invisible to the pairing (routes A, B, C):\n\n", p0.val);
  static const double h0s[] = { 0, 0.5, 1 };
  int all = 1;
  for (size_t i = 0; i < sizeof h0s / sizeof *h0s; i++)
    {
      ns_function *hh = ns_fn_heaviside (ns_fn_x (), h0s[i]);
      ns_verify_report rep;
      if (hh == NULL || ns_verify_ibp (hh, 1, phi, &rep) != NS_OK)
        {
          ns_fn_free (hh);
          say (t, "  H(0) = %-4g (could not compute)\n", h0s[i]);
          continue;
        }
      ns_fn_free (hh);
      say (t, "  H(0) = %-4g", h0s[i]);
      for (int j = 0; j < NS_VERIFY_NROUTES; j++)
        if (rep.route[j].available && rep.route[j].status == NS_OK)
          say (t, " %c %.16g", "ABC"[j], rep.route[j].val);
      say (t, "\n");
      all &= rep.agree;
    }
  ns_testfn_free (phi);
  say (t, "%s\n", all ? "In each row the routes agree within their error estimates."
                     : "In some row the routes DISAGREE or could not be computed.");
  say (t, "\nPointwise 0, distributionally delta: here the two notions differ\n"
          "(Cook).  For ReLU they agree, because r has no jump.\n");
  if (!t->is_relu)
    {
      kink k[MAX_KINKS];
      size_t nk = find_kinks (t->f, -4, 4, k, MAX_KINKS), nj = 0;
      for (size_t i = 0; i < nk; i++)
        nj += k[i].kind == KINK_JUMP;
      if (nj == 0)
        say (t, "%s = %s has no jump in [-4, 4]: its distributional derivative\n"
                "has no delta there, as for r.\n", t->name, t->text);
      else
        say (t, "%s = %s jumps at %zu point%s of [-4, 4]: its distributional\n"
                "derivative has a delta there, times the size of the jump.\n",
             t->name, t->text, nj, nj == 1 ? "" : "s");
    }
  return page_end (t);
}

/* H, its pointwise derivative (0 on both sides, nothing at 0) and the
   delta of its distributional derivative, on a padded y range so that the
   step shows. */
static int
page_heaviside_figure (tutorial *t)
{
  page (t, 3, "Distributional derivative: the step and its derivatives");
  ns_function *h = ns_fn_heaviside (ns_fn_x (), 1);
  double jump, dl, dr;
  ns_result h0;
  if (h == NULL || ns_fn_jump (h, 0, 0, &jump) != NS_OK || ns_fn_eval (h, 0, &h0) != NS_OK
      || ns_fn_deriv (h, -1, 1, &dl) != NS_OK || ns_fn_deriv (h, 1, 1, &dr) != NS_OK)
    {
      ns_fn_free (h);
      say (t, "(could not compute the jump of H)\n");
      return page_end (t);
    }
  say (t, "H = heaviside(x, 1) jumps by [H](0) = %g (ns_fn_jump).  Its pointwise\n"
          "derivative is H'(-1) = %g, H'(1) = %g and has no value at 0; its\n"
          "distributional derivative is %g delta, an arrow of height %g at 0.\n\n",
       jump, dl + 0.0, dr + 0.0, jump, jump);
  ns_plot *p = figure_alloc (t, "H(x), H'(x) for x != 0, and the delta of H'", "x", NULL, 18);
  if (p == NULL)
    {
      ns_fn_free (h);
      return 0;
    }
  ns_plot_set_xrange (p, -2, 2);
  ns_plot_set_yrange (p, -0.5, 1.5);
  double zero = 0, w = jump;
  char text[48];
  snprintf (text, sizeof text, "%g delta", jump);
  ns_plot_add_derivative (p, h, 1, -2, 2, 81, "green", "H'(x), x != 0");
  ns_plot_add_impulses (p, &zero, &w, 1, "red", "the delta of H'");
  ns_plot_add_text (p, 0, jump, text);
  ns_plot_add_function (p, h, -2, 2, 81, "blue", "H(x)");
  double y0 = h0.val;
  ns_plot_add_points (p, &zero, &y0, 1, "black", "H(0)");
  show_plot (t, p, "s3-heaviside");
  ns_plot_free (p);
  ns_fn_free (h);
  return page_end (t);
}

/* The standard error of the least-squares slope of log|diff| against
   log eps, from the residuals: s^2 = SSR / (n - 2), se = s / sqrt(Sxx).
   It measures how far the points are from one straight line, which is
   what bounds the fitted rate; "-" with fewer than 3 points. */
static const char *
slope_se_text (const ns_mollify_rate_report *r, char *buf, size_t size)
{
  size_t n = r->n;
  if (n < 3)
    return snprintf (buf, size, "-"), buf;
  double mx = 0, my = 0;
  for (size_t i = 0; i < n; i++)
    mx += log (r->eps[i]) / (double) n, my += log (fabs (r->diff[i].val)) / (double) n;
  double sxx = 0, sxy = 0;
  for (size_t i = 0; i < n; i++)
    {
      double dx = log (r->eps[i]) - mx;
      sxx += dx * dx;
      sxy += dx * (log (fabs (r->diff[i].val)) - my);
    }
  double slope = sxy / sxx, ssr = 0;
  for (size_t i = 0; i < n; i++)
    {
      double res = log (fabs (r->diff[i].val)) - my - slope * (log (r->eps[i]) - mx);
      ssr += res * res;
    }
  snprintf (buf, size, "%.1g", sqrt (ssr / (double) (n - 2) / sxx));
  return buf;
}

static int page_mollifier_figure (tutorial *t, int j);

/* H * rho_eps and its derivative rho_eps, a nascent delta, paired with a
   bump off centre: the differences to <H, phi> and phi(0) shrink like
   eps^2, at the rate ns_mollify_rate measures. */
static int
page_mollified (tutorial *t)
{
  page (t, 3, "Distributional derivative: mollified Heaviside");
  ns_function *hf = ns_fn_heaviside (ns_fn_x (), 1);
  ns_function *sq = ns_fn_pow (ns_fn_x (), 2);
  ns_dist *h = NULL, *dh = NULL, *q = NULL;
  ns_testfn *phi = NULL, *even = NULL;
  ns_mollify_rate_report rh, rd;
  ns_pair_result peak[NS_MOLLIFY_RATE_MAX], m2, rho0, even_pair, even_exact;
  ns_result p0, p1, p2;
  int ok = hf && sq && ns_dist_regular (hf, &h) == NS_OK && ns_dist_deriv (h, 1, &dh) == NS_OK
           && ns_dist_regular (sq, &q) == NS_OK
           && ns_testfn_bump_alloc (0.5, 1, &phi) == NS_OK
           && ns_testfn_bump_alloc (0, 1, &even) == NS_OK
           && ns_mollify_rate (h, phi, 0.5, 0.5, 4, &rh) == NS_OK
           && ns_mollify_rate (dh, phi, 0.5, 0.5, 4, &rd) == NS_OK
           /* m2 = int t^2 rho(t) dt = (x^2 * rho_1)(0); rho(0) = (H * rho_1)'(0). */
           && ns_mollify_eval (q, 1, 0, 0, &m2) == NS_OK
           && ns_mollify_eval (h, 1, 1, 0, &rho0) == NS_OK
           && ns_mollify_pair (h, 0.25, even, &even_pair) == NS_OK
           && ns_dist_pair (h, even, NULL, &even_exact) == NS_OK
           && ns_testfn_eval (phi, 0, 0, &p0) == NS_OK && ns_testfn_eval (phi, 1, 0, &p1) == NS_OK
           && ns_testfn_eval (phi, 2, 0, &p2) == NS_OK;
  for (size_t i = 0; ok && i < rh.n; i++)
    ok = ns_mollify_eval (h, rh.eps[i], 1, 0, &peak[i]) == NS_OK;
  ns_fn_free (hf);
  ns_fn_free (sq);
  ns_dist_free (h);
  ns_dist_free (dh);
  ns_dist_free (q);
  ns_testfn_free (phi);
  ns_testfn_free (even);
  if (!ok)
    {
      say (t, "  (could not compute the mollified pairings)\n");
      return page_end (t);
    }
  ns_result bump_int;
  ns_testfn *unit = NULL;
  if (ns_testfn_bump_alloc (0, 1, &unit) != NS_OK || ns_testfn_integral (unit, &bump_int) != NS_OK)
    bump_int.val = NAN;
  ns_testfn_free (unit);
  say (t, "The mollifier rho(x) = exp(-1/(1 - x^2)) / I on (-1, 1), 0 elsewhere,\n"
          "is the bump of 3.1 scaled to area 1 (I = %.10f, ns_testfn_integral);\n"
          "rho_eps(x) = rho(x/eps)/eps has area 1 and is zero outside [-eps, eps].\n"
          "The convolution H * rho_eps is a smooth step; its derivative rho_eps\n"
          "peaks at rho(0)/eps = %.6f/eps: a nascent delta.  Paired with phi, the\n"
          "bump of centre 0.5 and radius 1 (ns_mollify_pair, ns_mollify_rate):\n\n",
       bump_int.val, rho0.val);
  say (t, "  %6s  %-15s  %-11s %5s  %10s  %-11s %5s\n", "eps", "<H*rho_eps,phi>", "d_H", "ratio",
       "peak", "d_delta", "ratio");
  double maxerr = 0;
  for (size_t i = 0; i < rh.n; i++)
    {
      char r1[8] = "", r2[8] = "";
      if (i > 0)
        {
          snprintf (r1, sizeof r1, "%.2f", rh.diff[i - 1].val / rh.diff[i].val);
          snprintf (r2, sizeof r2, "%.2f", rd.diff[i - 1].val / rd.diff[i].val);
        }
      char row[128];
      int len = snprintf (row, sizeof row, "  %6g  %.13f  % .4e %5s  %10.6f  % .4e %5s",
                          rh.eps[i], rh.pair[i].val, rh.diff[i].val, r1, peak[i].val,
                          rd.diff[i].val, r2);
      while (len > 0 && (size_t) len < sizeof row && row[len - 1] == ' ')
        row[--len] = '\0';   /* the first row has no ratios */
      say (t, "%s\n", row);
      maxerr = fmax (maxerr, fmax (rh.diff[i].err, rd.diff[i].err));
    }
  say (t, "\n  <H, phi> = int_0^inf phi = %.13f      phi(0) = %.13f\n"
          "  d_H = <H*rho_eps, phi> - <H, phi>    d_delta = <(H*rho_eps)', phi> - phi(0)\n"
          "  (* is convolution; each |d| is known within +- %.0e)\n",
       rh.exact.val, p0.val, maxerr);
  if (!page_end (t) || !page_mollifier_figure (t, 0) || !page_mollifier_figure (t, 1))
    return 0;

  page (t, 3, "Distributional derivative: the rate of convergence");
  double e2 = rh.eps[rh.n - 1] * rh.eps[rh.n - 1];
  say (t, "Halving eps divides the differences of 3.7 by about 4: they look like\n"
          "C eps^p with p = 2.  ns_mollify_rate fits p, the slope of log|d|\n"
          "against log eps, by least squares over the %zu values of eps.  The\n"
          "uncertainty of a fitted slope is the fit's, from its residuals (the\n"
          "terms of higher order in eps bend the line), not the error of d:\n\n",
       rh.n);
  const ns_mollify_rate_report *reps[2] = { &rh, &rd };
  static const char *const names[2] = { "d_H", "d_delta" };
  for (int j = 0; j < 2; j++)
    {
      char se[32];
      say (t, "  %-8s p = %.4f, standard error %s; d's bounds move p by %.0e\n",
           names[j], reps[j]->rate, slope_se_text (reps[j], se, sizeof se), reps[j]->rate_err);
    }
  say (t, "\nThe eps term cancels since rho is even; with m2 = int t^2 rho = %.6f,\n"
          "d_H/eps^2 -> -m2 phi'(0)/2 = %.6f (at eps = %g: %.6f) and\n"
          "d_delta/eps^2 -> m2 phi''(0)/2 = %.6f (%.6f).\n\n"
          "For the even phi of 3.1 (centre 0), phi'(0) = 0 and d_H = %.1g within\n"
          "+- %.0e at eps = 0.25: zero within its bound, so there is no rate to fit.\n",
       m2.val, -m2.val * p1.val / 2, rh.eps[rh.n - 1], rh.diff[rh.n - 1].val / e2,
       m2.val * p2.val / 2, rd.diff[rd.n - 1].val / e2, fabs (even_pair.val - even_exact.val),
       even_pair.err + even_exact.err);
  return page_end (t);
}

/* H * rho_eps (J = 0) or its derivative rho_eps (J = 1) for three eps,
   each sampled with ns_mollify_eval. */
static int
page_mollifier_figure (tutorial *t, int j)
{
  page (t, 3, j == 0 ? "Distributional derivative: H * rho_eps, a smooth step"
                     : "Distributional derivative: rho_eps, a nascent delta");
  ns_function *hf = ns_fn_heaviside (ns_fn_x (), 1);
  ns_dist *h = NULL;
  if (hf == NULL || ns_dist_regular (hf, &h) != NS_OK)
    {
      ns_fn_free (hf);
      return 0;
    }
  ns_fn_free (hf);
  static const double eps[] = { 0.5, 0.25, 0.125 };
  static const char *const colors[] = { "green", "magenta", "red" };
  enum { N = 161 };
  static double x[3][N], y[3][N];
  size_t m[3] = { 0, 0, 0 };
  double peak = 0;
  for (int e = 0; e < 3; e++)
    for (int i = 0; i < N; i++)
      {
        ns_pair_result r;
        double xi = -1 + 2.0 * i / (N - 1);
        if (ns_mollify_eval (h, eps[e], j, xi, &r) == NS_OK && isfinite (r.val))
          {
            x[e][m[e]] = xi, y[e][m[e]++] = r.val + 0.0;
            peak = fmax (peak, r.val);
          }
      }
  ns_dist_free (h);
  if (j == 0)
    say (t, "H * rho_eps (ns_mollify_eval) for eps = 0.5, 0.25, 0.125: smooth steps\n"
            "from 0 to 1 across [-eps, eps], closing in on H as eps shrinks.\n\n");
  else
    say (t, "Their derivatives rho_eps: area 1, support [-eps, eps], height\n"
            "rho(0)/eps (%.4f here at eps = 0.125): a nascent delta.\n\n", peak);
  ns_plot *p = figure_alloc (t, j == 0 ? "H * rho_eps" : "rho_eps = (H * rho_eps)'", "x", NULL,
                             19);
  if (p == NULL)
    return 0;
  ns_plot_set_xrange (p, -1, 1);
  if (j == 0)
    ns_plot_set_yrange (p, -0.25, 1.25);
  else
    ns_plot_set_yrange (p, -0.1 * peak, 1.1 * peak);
  for (int e = 2; e >= 0; e--)
    if (m[e] >= 2)
      {
        char label[32];
        snprintf (label, sizeof label, "eps = %g", eps[e]);
        ns_plot_add_curve (p, x[e], y[e], m[e], colors[e], label);
      }
  show_plot (t, p, j == 0 ? "s3-mollified" : "s3-nascent");
  ns_plot_free (p);
  return page_end (t);
}

int
section_distributional (tutorial *t)
{
  return page_test_function (t) && page_pairing_area (t) && page_three_routes (t)
         && page_every_phi (t) && page_heaviside (t) && page_heaviside_figure (t)
         && page_mollified (t);
}
