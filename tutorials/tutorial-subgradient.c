/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/tutorial-subgradient.c: section 4 of nonsmooth-tutorial, the
   subgradient.  Supporting lines at a kink, the subdifferential as a set
   on each side of it, the subgradient inequality with a witness, the four
   subdifferentials of -|x| where they come apart, the sum rule that is
   only an inclusion, and the subgradient method under three selections. */
#define _XOPEN_SOURCE 700   /* PATH_MAX in tutorial.h */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include <nonsmooth/parse.h>
#include "tutorial.h"

#define SET_TEXT 128
#define WRAP 76

/* Says TEXT after PREFIX, wrapped at spaces to WRAP columns, continuation
   lines indented by INDENT. */
static void
say_wrapped (tutorial *t, const char *prefix, const char *text, int indent)
{
  int col = (int) strlen (prefix);
  say (t, "%s", prefix);
  const char *p = text;
  while (*p)
    {
      size_t w = strcspn (p, " ");
      if (col > indent && col + 1 + (int) w > WRAP)
        {
          say (t, "\n%*s", indent, "");
          col = indent;
        }
      else if (col > indent && p != text)
        {
          say (t, " ");
          col++;
        }
      say (t, "%.*s", (int) w, p);
      col += (int) w;
      p += w;
      while (*p == ' ')
        p++;
    }
  say (t, "\n");
}

/* The point sections 4 and 5 look at: 0 for ReLU or when f has a kink
   there, else the first kink of f in [-4, 4], else 0. */
double
focus_point (const tutorial *t)
{
  if (t->is_relu)
    return 0;
  kink k[MAX_KINKS];
  size_t nk = find_kinks (t->f, -4, 4, k, MAX_KINKS);
  for (size_t i = 0; i < nk; i++)
    if (k[i].x == 0)
      return 0;
  return nk > 0 ? k[0].x : 0;
}

/* "[0, 1]" (the empty set when the status is not NS_OK); S is also set. */
static const char *
subdiff_text (const tutorial *t, const ns_function *f, double x, ns_subdiff_kind kind,
              ns_set *s, char *buf, size_t size, ns_status *status)
{
  *status = ns_subdiff (f, x, kind, s);
  return set_text (t, s, buf, size);
}

static int
page_supporting_lines (tutorial *t, double x0)
{
  page (t, 4, "Subgradient: supporting lines");
  say (t, "A subgradient of %s at x is the slope g of a line through (x, %s(x))\n"
          "that stays below the graph:  %s(y) >= %s(x) + g (y - x) for all y.\n",
       t->name, t->name, t->name, t->name);
  ns_set s;
  ns_status st;
  char buf[SET_TEXT];
  subdiff_text (t, t->f, x0, NS_SUBDIFF_CONVEX, &s, buf, sizeof buf, &st);
  ns_result v;
  if (ns_fn_eval (t->f, x0, &v) != NS_OK)
    {
      say (t, "\n%s is not defined at %g.\n", t->name, x0);
      return page_end (t);
    }
  double lo, hi;
  int have = st == NS_OK && ns_set_inf (&s, &lo) == NS_OK && ns_set_sup (&s, &hi) == NS_OK
             && isfinite (lo) && isfinite (hi);
  if (have && lo < hi)
    say (t, "At x = %g, where %s has a kink, the slopes of such lines fill %s\n"
            "(ns_subdiff, convex); three of them, %g, %g and %g, under the graph:\n\n", x0, t->name, buf, lo, lo + (hi - lo) / 2, hi);
  else if (have)
    say (t, "At x = %g the convex subdifferential is %s (ns_subdiff): one\n"
            "supporting line, the tangent:\n\n", x0, buf);
  else if (st == NS_ENOTCONVEX)
    {
      /* OUT is then the Frechet set, which contains every global
         supporting slope (a line below the graph everywhere is one near x). */
      char reason[160];
      int cert = 0;
      ns_fn_convexity (t->f, &cert, reason, sizeof reason);
      /* Not convex does not mean no supporting line at x0 (clamp at its
         lower corner has slope 0): say only that none is drawn. */
      say (t, "At x = %g no convex subdifferential is drawn: %s is %s.\n", x0, t->name,
           strncmp (reason, "not convex:", 11) == 0 ? "not convex" : "not certified convex");
      say (t, "A line below the whole graph may still exist; its slope lies in the\n"
              "Frechet set %s, which contains the convex subdifferential.\n\n", buf);
    }
  else
    say (t, "At x = %g the convex subdifferential is %s: %s.\n\n", x0, buf,
         st == NS_OK ? "no finite range of slopes to draw" : ns_strerror (st));
  char label[128];
  snprintf (label, sizeof label, "%s(x) = %s and lines through (%g, %g)", t->name, t->text, x0,
            v.val + 0.0);
  ns_plot *p = figure_alloc (t, label, "x", NULL, 16);
  if (p == NULL)
    return 0;
  ns_plot_set_xrange (p, x0 - 2, x0 + 2);
  /* The lines first, the graph last: drawn over them, so it stays whole. */
  if (have)
    {
      static const char *colors[] = { "green", "magenta", "red" };
      for (int i = 0; i < (lo < hi ? 3 : 1); i++)
        {
          double g = lo + (hi - lo) * i / 2;
          snprintf (label, sizeof label, "g = %g", g + 0.0);
          ns_plot_add_line (p, x0, v.val, g, x0 - 2, x0 + 2, colors[i], label);
        }
    }
  ns_plot_add_function (p, t->f, x0 - 2, x0 + 2, 81, "blue", t->name);
  show_plot (t, p, "s4-lines");
  ns_plot_free (p);
  return page_end (t);
}

static int
page_sets (tutorial *t, double x0)
{
  page (t, 4, "Subgradient: a set at each point");
  say (t, "The subdifferential is a set-valued map (ns_subdiff, printed with\n"
          "ns_set_snprint):\n\n");
  const double xs[] = { x0 - 0.5, x0, x0 + 0.5 };
  static const char *where[] = { "left of", "at", "right of" };
  kink kk[MAX_KINKS];
  size_t nkk = find_kinks (t->f, -4, 4, kk, MAX_KINKS);
  /* Name the point for what it is: "the kink" only at a corner, since a
     jump (floor) or an infinite slope (sqrt(abs(x))) is no kink. */
  int at_kink = 0;
  const char *what = "kink";
  for (size_t i = 0; i < nkk; i++)
    if (kk[i].x == x0)
      {
        at_kink = 1;
        what = kk[i].kind == KINK_CORNER ? "kink" : kk[i].kind == KINK_JUMP ? "jump"
                                                     : "singular point";
      }
  ns_subdiff_kind kind = NS_SUBDIFF_CONVEX;
  int cert = 0;
  char reason[16];
  ns_fn_convexity (t->f, &cert, reason, sizeof reason);
  if (!cert)
    kind = NS_SUBDIFF_CLARKE;
  for (int i = 0; i < 3; i++)
    {
      ns_set s;
      ns_status st;
      char buf[SET_TEXT];
      subdiff_text (t, t->f, xs[i], kind, &s, buf, sizeof buf, &st);
      char lhs[48];
      snprintf (lhs, sizeof lhs, "d%s(%g)", t->name, xs[i]);
      say (t, "  %-8s = ", lhs);
      if (at_kink)
        {
          say_cell (t, st == NS_OK ? buf : "?", 10);
          say (t, " (%s the %s)\n", where[i], what);
        }
      else
        say (t, "%s\n", st == NS_OK ? buf : "?");
      if (st != NS_OK)
        say (t, "      %s\n", ns_strerror (st));
    }
  if (t->is_relu)
    say (t, "\nA single slope where r is differentiable, all of [0, 1] at the\n"
            "corner: Cook's formula, now as sets ({0} rather than 0).\n");
  else if (!cert)
    say (t, "\n(%s is %s, so these are Clarke sets, not convex\n"
            "subdifferentials.)\n", t->name,
         strncmp (reason, "not convex:", 11) == 0 ? "not convex" : "not certified convex");
  /* "y + 1" rather than "y - -1" at a negative x0. */
  const char *sign = x0 < 0 ? "+" : "-";
  double mag = fabs (x0);
  say (t, "\nIs g a subgradient at %g?  %s(y) >= %s(%g) + g (y %s %g) for y in\n"
          "[%g, %g], by ns_subgrad_check:\n\n", x0, t->name, t->name, x0, sign, mag, x0 - 2,
       x0 + 2);
  static const double gs[] = { 0.3, 1.2 };
  for (int i = 0; i < 2; i++)
    {
      ns_subgrad_report rep;
      ns_status st = ns_subgrad_check (t->f, x0, gs[i], x0 - 2, x0 + 2, &rep);
      if (st != NS_OK)
        say (t, "  g = %g: %s\n", gs[i], ns_strerror (st));
      else if (rep.holds)
        /* Only checked on the window: "holds" alone would claim all y. */
        say (t, "  g = %g: holds on [%g, %g]; least gap %g (%zu evaluations)\n", gs[i],
             x0 - 2, x0 + 2, rep.min_gap + 0.0, rep.neval);
      else
        {
          /* witness_side: the violation is in the limit from that side of
             y, as y tends to the witness; there is no violation at y. */
          double lim;
          if (rep.witness_side != 0
              && ns_fn_deriv_side (t->f, rep.witness, rep.witness_side < 0 ? NS_LEFT : NS_RIGHT,
                                   0, &lim) == NS_OK)
            say (t, "  g = %g: fails as y -> %g%s: %s(y) -> %g, below the line by %g\n"
                    "           (%zu evaluations)\n", gs[i], rep.witness,
                 rep.witness_side < 0 ? "-" : "+", t->name, lim + 0.0, rep.violation,
                 rep.neval);
          else
            say (t, "  g = %g: fails at y = %g: %s(%g) + %g (%g %s %g)\n"
                    "           exceeds %s(%g) by %g (%zu evaluations)\n", gs[i], rep.witness,
                 t->name, x0, gs[i], rep.witness, sign, mag, t->name, rep.witness, rep.violation,
                 rep.neval);
        }
    }
  return page_end (t);
}

/* One row per subdifferential kind for F at X.  The convex row shows a
   set only where F is certified convex; otherwise what is known: the
   Frechet set (which ns_subdiff then returns) contains it. */
static void
say_kinds (tutorial *t, const ns_function *f, double x)
{
  for (int k = 0; k < NS_SUBDIFF_KIND_COUNT; k++)
    {
      ns_set s;
      ns_status st;
      char buf[SET_TEXT];
      subdiff_text (t, f, x, (ns_subdiff_kind) k, &s, buf, sizeof buf, &st);
      const char *name = ns_subdiff_kind_name ((ns_subdiff_kind) k);
      if (st == NS_OK)
        say (t, "    %-9s %s\n", name, buf);
      else if (k == NS_SUBDIFF_CONVEX && st == NS_ENOTCONVEX)
        {
          char reason[16];
          int cert = 0;
          ns_fn_convexity (f, &cert, reason, sizeof reason);
          say (t, "    %-9s %s; the Frechet set %s contains it\n", name,
               strncmp (reason, "not convex:", 11) == 0 ? "not convex" : "not certified convex",
               buf);
        }
      else
        say (t, "    %-9s %s  (%s)\n", name, buf, ns_strerror (st));
    }
}

/* Why F is not convex, with a witness inside [A, B] (the range the pages
   draw) when ns_fn_convexity_on finds one there: a witness on the range
   is one on the line.  Otherwise ns_fn_convexity's reason for the whole
   line.  Returns the name of the call that gave the reason. */
static const char *
convexity_reason (const ns_function *f, double a, double b, char *reason, size_t size)
{
  ns_convexity_report r;
  if (ns_fn_convexity_on (f, a, b, &r) == NS_OK && r.answer == NS_CONVEX_NO)
    {
      snprintf (reason, size, "%s", r.reason);
      return "ns_fn_convexity_on";
    }
  int cert = 0;
  ns_fn_convexity (f, &cert, reason, size);
  return "ns_fn_convexity";
}

static int
page_bites (tutorial *t, double x0)
{
  page (t, 4, "Subgradient: where set-valuedness bites");
  say (t, "There are several subdifferentials.  For a convex function they all\n"
          "agree.  At %g for %s = %s:\n\n", x0, t->name, t->text);
  say_kinds (t, t->f, x0);
  char reason[160], head[40];
  snprintf (head, sizeof head, "  %s: ",
            convexity_reason (t->f, x0 - 2, x0 + 2, reason, sizeof reason));
  say_wrapped (t, head, reason, 4);
  say (t, "\n");
  ns_function *g = NULL;
  if (ns_fn_parse ("-abs(x)", &g, NULL) != NS_OK)
    return 0;
  say (t, "The concave corner -|x| at 0 has no supporting line at all:\n\n");
  say_kinds (t, g, 0);
  snprintf (head, sizeof head, "  %s: ", convexity_reason (g, -2, 2, reason, sizeof reason));
  say_wrapped (t, head, reason, 4);
  say (t, "\n");
  ns_fn_free (g);
  say (t, "Frechet: no line touches from below; limiting: the slopes -1 and 1\n"
          "of the two sides, not an interval; Clarke: their hull.\n");
  return page_end (t);
}

/* One sum of the sum-rule page: the Clarke rule for F at 0, in two lines. */
static int
say_sum_rule (tutorial *t, const char *label, const char *text)
{
  ns_function *f = NULL;
  if (ns_fn_parse (text, &f, NULL) != NS_OK)
    return 0;
  ns_calc_report r;
  ns_status st = ns_calc_rule_check (f, 0, NS_SUBDIFF_CLARKE, &r);
  if (st != NS_OK || r.rule != NS_CALC_SUM)
    {
      say (t, "  %s: %s\n", label, st != NS_OK ? ns_strerror (st) : r.message);
      ns_fn_free (f);
      return 1;
    }
  char parts[2][SET_TEXT], rhs[SET_TEXT], truth[SET_TEXT];
  for (int i = 0; i < 2; i++)
    {
      ns_set s;
      ns_status ps;
      subdiff_text (t, ns_fn_arg (f, i), 0, NS_SUBDIFF_CLARKE, &s, parts[i], SET_TEXT, &ps);
    }
  set_text (t, &r.rhs, rhs, sizeof rhs);
  set_text (t, &r.truth, truth, sizeof truth);
  say (t, "  %-14s rule  %s + %s = %s\n", label, parts[0], parts[1], rhs);
  say (t, "  %-14s true  ", "");
  say_cell (t, truth, 8);
  say (t, " -> %s%s\n", ns_calc_verdict_name (r.verdict),
       r.hypotheses ? " (both parts regular: promised)" : "");
  ns_fn_free (f);
  return 1;
}

static int
page_sum_rule (tutorial *t)
{
  page (t, 4, "Subgradient: a sum rule that is only an inclusion");
  if (!t->is_relu)
    say (t, "(This page is about two fixed sums, whatever --function is.)\n");
  say (t, "For Clarke sets the sum rule is an inclusion:\n"
          "    d(u + v)(x)  is contained in  du(x) + dv(x)   (a Minkowski sum),\n"
          "with equality when u and v are regular (convex ones are).  At 0, by\n"
          "ns_calc_rule_check, which computes both sides:\n\n");
  if (!say_sum_rule (t, "|x| + relu(x)", "abs(x) + relu(x)"))
    return 0;
  if (!say_sum_rule (t, "|x| + (-|x|)", "abs(x) + -abs(x)"))
    return 0;
  say (t, "\nThe second sum is the zero function, whose Clarke set is {0}; the rule\n"
          "adds the sets of the parts, and -|x| is not regular at 0 (its Frechet\n"
          "set is empty, 4.3), so nothing promises equality.  Set-valued calculus\n"
          "still gives a valid enclosure; it can be far too large.\n");
  return page_end (t);
}

#define METHOD_STEPS 10
#define METHOD_LONG 1000

static int
page_method (tutorial *t)
{
  page (t, 4, "Subgradient: a method that is not a descent method");
  ns_function *q = NULL;
  if (ns_fn_parse ("abs(x - 1) + 2*abs(x)", &q, NULL) != NS_OK)
    return 0;
  static const ns_selection_kind sels[] = { NS_SELECT_MIN_NORM, NS_SELECT_ZERO,
                                            NS_SELECT_RIGHT };
  ns_subgradient_trace *tr[3] = { NULL, NULL, NULL };
  ns_step_rule step = { NS_STEP_HARMONIC, 1.0, 0.0 };
  int ok = 1;
  for (int i = 0; i < 3 && ok; i++)
    {
      ns_selection sel = { sels[i], NULL, NULL };
      tr[i] = ns_subgradient_trace_alloc (METHOD_LONG);
      ok = tr[i] != NULL
           && ns_subgradient_method (q, 1.5, &step, &sel, METHOD_LONG, tr[i]) == NS_OK;
    }
  ns_set s0;
  char d0[SET_TEXT];
  ns_status st;
  subdiff_text (t, q, 0, NS_SUBDIFF_CONVEX, &s0, d0, sizeof d0, &st);
  if (!ok)
    {
      say (t, "(the subgradient method failed)\n");
      for (int i = 0; i < 3; i++)
        ns_subgradient_trace_free (tr[i]);
      ns_fn_free (q);
      return page_end (t);
    }
  if (!t->is_relu)
    say (t, "(This page and the next keep one fixed q, whatever --function is.)\n");
  say (t, "q(x) = |x - 1| + 2|x| is convex, least at q(0) = %g, dq(0) = %s.\n"
          "x_k = x_{k-1} - g_{k-1}/k from x_0 = 3/2 (ns_subgradient_method), with\n"
          "g_k chosen from dq(x_k) three ways; best = least q(x_j), j <= k:\n\n",
       tr[0]->fx[2], d0);
  say (t, "   k");
  for (int i = 0; i < 3; i++)
    say (t, "  %-*s", i < 2 ? 22 : 0, ns_selection_kind_name (sels[i]));
  say (t, "\n    ");
  for (int i = 0; i < 3; i++)
    say (t, "  %8s %6s %6s", "x", "q(x)", "best");
  say (t, "\n");
  for (int k = 0; k <= METHOD_STEPS; k++)
    {
      say (t, "  %2d", k);
      for (int i = 0; i < 3; i++)
        say (t, "  %8.5f %6.3f %6.3f", tr[i]->x[k] + 0.0, tr[i]->fx[k], tr[i]->best[k]);
      say (t, "\n");
    }
  if (!page_end (t))
    {
      for (int i = 0; i < 3; i++)
        ns_subgradient_trace_free (tr[i]);
      ns_fn_free (q);
      return 0;
    }

  page (t, 4, "Subgradient: what the method teaches");
  say (t, "At x_2 = 0 (certified: %s), min-norm takes g = %g and stays.\n"
          "zero (sign(0) = 0 in each term: sign(-1) + 2 sign(0)) takes %g, right\n"
          "%g: subgradients too, so the step leaves the minimum and q(x_3) = %.4g\n"
          "and %.4g exceed q(x_2) = %g.  A step along a negative subgradient need\n"
          "not decrease q: this is not a descent method, which is why the best\n"
          "value so far is what it reports.\n\n",
       tr[0]->certified[2] ? "0 is in dq(0)" : "no", tr[0]->g[2] + 0.0, tr[1]->g[2] + 0.0,
       tr[2]->g[2] + 0.0, tr[1]->fx[3], tr[2]->fx[3], tr[0]->fx[2]);
  /* The distance to the minimizer 0 after 10, 100 and 1000 steps. */
  say (t, "The iterates still converge, slowly (steps 1/k shrink, their sum\n"
          "diverges):\n\n   k ");
  for (int i = 0; i < 3; i++)
    say (t, " %12s", ns_selection_kind_name (sels[i]));
  say (t, "\n");
  static const int ks[] = { 10, 100, 1000 };
  for (size_t j = 0; j < sizeof ks / sizeof *ks; j++)
    {
      say (t, "  %4d", ks[j]);
      for (int i = 0; i < 3; i++)
        say (t, " %12.3g", tr[i]->x[ks[j]] + 0.0);
      say (t, "\n");
    }
  /* The presets of section 5 choose per primitive, the selections here from
     the whole set: at 0 they can differ. */
  ns_kink_policy pol;
  double v, dmin = NAN;
  ns_status ds = NS_KINK_POLICY_INIT (&pol, NS_AD_MIN_NORM);
  if (ds == NS_OK)
    ds = ns_ad_deriv (q, 0, &pol, NS_AD_REVERSE, &v, &dmin);
  say (t, "\nThese selections pick from the whole set dq(x).  The presets of\n"
          "section 5 pick per primitive and chain: the min-norm preset takes the\n"
          "least-norm slope of each |.| at its kink, so at 0 it gives\n"
          "sign(-1) + 2 (0) = ");
  if (ds == NS_OK)
    say (t, "%g (ns_ad_deriv), not the set's min-norm %g.\n", dmin + 0.0, tr[0]->g[2] + 0.0);
  else
    say (t, "? (ns_ad_deriv: %s).\n", ns_strerror (ds));
  for (int i = 0; i < 3; i++)
    ns_subgradient_trace_free (tr[i]);
  ns_fn_free (q);
  return page_end (t);
}

#define RATE_STEPS 1000

/* f_best - f* against k on log-log axes for three step rules, from
   ns_subgradient_method's traces, with the line (f_best_1 - f*)/sqrt(k) of
   the classical O(1/sqrt k) bound for comparison.  f = |x| + x^2 has
   f* = 0 at 0 (f >= 0 = f(0)): known by hand, not from the method. */
static int
page_rates (tutorial *t)
{
  page (t, 4, "Subgradient: how fast, by step rule");
  ns_function *f = NULL;
  if (ns_fn_parse ("abs(x) + x^2", &f, NULL) != NS_OK)
    return 0;
  const double fstar = 0, x0 = 1.3;
  static const ns_step_rule rules[] = { { NS_STEP_HARMONIC, 1.0, 0.0 },
                                        { NS_STEP_CONSTANT, 0.05, 0.0 },
                                        { NS_STEP_POLYAK, 0.0, 0.0 } };
  static const char *const names[] = { "t_k = 1/k", "t_k = 0.05", "Polyak" };
  static const char *const colors[] = { "blue", "green", "red" };
  ns_subgradient_trace *tr[3] = { NULL, NULL, NULL };
  ns_selection sel = { NS_SELECT_MIN_NORM, NULL, NULL };
  int ok = 1;
  for (int i = 0; i < 3 && ok; i++)
    {
      tr[i] = ns_subgradient_trace_alloc (RATE_STEPS);
      ok = tr[i] != NULL
           && ns_subgradient_method (f, x0, &rules[i], &sel, RATE_STEPS, tr[i]) == NS_OK
           && tr[i]->n == RATE_STEPS;
    }
  ns_fn_free (f);
  ns_plot *p = NULL;
  static double k[RATE_STEPS], gap[RATE_STEPS], ref[RATE_STEPS];
  if (ok)
    {
      if (!t->is_relu)
        say (t, "(This page keeps f(x) = |x| + x^2, whatever --function is.)\n");
      size_t exact = 0;   /* the first k with f_best = f*, 0 for none */
      for (size_t j = RATE_STEPS; j >= 1 && tr[2]->best[j] - fstar <= 0; j--)
        exact = j;
      char polyak[64];
      if (exact > 0)
        snprintf (polyak, sizeof polyak, "0 from k = %zu on", exact);
      else
        snprintf (polyak, sizeof polyak, "%.2g", tr[2]->best[RATE_STEPS] - fstar);
      /* Each claim below is read off the traces. */
      double g1 = tr[0]->best[1] - fstar, last[3];
      for (int i = 0; i < 3; i++)
        last[i] = tr[i]->best[RATE_STEPS] - fstar;
      int beats = last[0] < g1 / sqrt ((double) RATE_STEPS);
      int stalls = tr[1]->best[RATE_STEPS / 2] == tr[1]->best[RATE_STEPS];
      say (t, "f(x) = |x| + x^2 from x_0 = %g, f* = f(0) = 0 (ns_subgradient_method).\n"
              "At k = %d, f_best - f* is %.2g for t_k = 1/k, %.2g for t_k = 0.05;\n"
              "Polyak's step, which needs f*, %s: %s.\n"
              "1/k %s the line (f_best_1 - f*)/sqrt k at k = %d.\n"
              "The constant step %s.\n\n",
           x0, RATE_STEPS, last[0], last[1], exact > 0 ? "reaches it" : "does not reach it",
           polyak, beats ? "ends below" : "does not end below", RATE_STEPS,
           stalls ? "stalls: f_best is the same at k = 500 and 1000"
                  : "still improves between k = 500 and 1000");
      p = figure_alloc (t, "f_best - f* against k (log-log; gaps below 1e-4 are off the scale)", "k", NULL, t->is_relu ? 15 : 14);
    }
  if (p != NULL)
    {
      ns_plot_set_log (p, 1, 1);
      ns_plot_set_xrange (p, 1, RATE_STEPS);
      ns_plot_set_yrange (p, 1e-4, 10);
      double g1 = tr[0]->best[1] - fstar;   /* the line starts where 1/k does */
      for (size_t j = 0; j < RATE_STEPS; j++)
        k[j] = (double) (j + 1), ref[j] = g1 / sqrt (k[j]);
      ns_plot_add_curve (p, k, ref, RATE_STEPS, "gray", "O(1/sqrt k)");
      for (int i = 0; i < 3; i++)
        {
          size_t m = 0;
          for (size_t j = 1; j <= RATE_STEPS; j++)
            if (tr[i]->best[j] - fstar > 0)
              k[m] = (double) j, gap[m++] = tr[i]->best[j] - fstar;
          if (m >= 2)
            ns_plot_add_curve (p, k, gap, m, colors[i], names[i]);
        }
      show_plot (t, p, "s4-rates");
      ns_plot_free (p);
    }
  else
    say (t, "(the subgradient method failed)\n");
  for (int i = 0; i < 3; i++)
    ns_subgradient_trace_free (tr[i]);
  return page_end (t);
}

int
section_subgradient (tutorial *t)
{
  double x0 = focus_point (t);
  return page_supporting_lines (t, x0) && page_sets (t, x0) && page_bites (t, x0)
         && page_sum_rule (t) && page_method (t) && page_rates (t);
}
