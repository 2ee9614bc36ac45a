/* tutorials/tutorial-distributional.c: section 3 of nonsmooth-tutorial,
   the distributional derivative.  The bump test function, <f', phi> by the
   three routes of ns_verify_ibp for several bumps, and Heaviside: pointwise
   derivative 0, distributional derivative delta, whatever H(0) is. */
#define _XOPEN_SOURCE 700   /* PATH_MAX in tutorial.h */
#include <config.h>
#include <math.h>
#include <stdio.h>
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
  page (t, 3, 1, "Distributional derivative: the test function phi");
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
  /* Sampled from the library's phi, so the picture is the function used. */
  enum { N = 161 };
  double x[N], y[N];
  size_t m = 0;
  for (int i = 0; i < N; i++)
    {
      ns_result r;
      double xi = -1.6 + 3.2 * i / (N - 1);
      if (ns_testfn_eval (phi, 0, xi, &r) == NS_OK)
        x[m] = xi, y[m++] = r.val;
    }
  ns_testfn_free (phi);
  ns_plot *p = ns_plot_alloc ();
  if (p == NULL)
    return 0;
  ns_plot_set_title (p, "phi(x) = exp(-1/(1-x^2)) on (-1, 1)");
  ns_plot_set_labels (p, "x", "phi(x)");
  ns_plot_set_xrange (p, -1.6, 1.6);
  if (t->plot == PLOT_DUMB)
    ns_plot_set_size (p, 79, 11);   /* with 12 lines of text, a page of 24 */
  ns_plot_add_points (p, x, y, m, "blue", "phi");
  say (t, "It is flat to every order at -1 and 1, so it is smooth everywhere.\n\n");
  show_plot (t, p, "s3-phi");
  ns_plot_free (p);
  return page_end (t);
}

static int
page_three_routes (tutorial *t)
{
  char title[80];
  snprintf (title, sizeof title, "Distributional derivative: three routes to <%s', phi>", t->name);
  page (t, 3, 2, title);
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
  page (t, 3, 3, "Distributional derivative: for every phi");
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
  page (t, 3, 4, "Distributional derivative: H' = delta, not 0");
  ns_function *h = ns_fn_heaviside (ns_fn_x (), 1);
  if (h == NULL)
    return 0;
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

int
section_distributional (tutorial *t)
{
  return page_test_function (t) && page_three_routes (t) && page_every_phi (t)
         && page_heaviside (t);
}
