/* tutorials/tutorial-subgradient.c: section 4 of nonsmooth-tutorial, the
   subgradient.  Supporting lines at a kink, the subdifferential as a set
   on each side of it, the subgradient inequality with a witness, and the
   four subdifferentials of -|x| where they come apart. */
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

/* "[0, 1]" or the status message; S is also set. */
static const char *
subdiff_text (const ns_function *f, double x, ns_subdiff_kind kind, ns_set *s, char *buf,
              size_t size, ns_status *status)
{
  *status = ns_subdiff (f, x, kind, s);
  ns_set_snprint (buf, size, s, NS_SET_ASCII);
  return buf;
}

static int
page_supporting_lines (tutorial *t, double x0)
{
  page (t, 4, 1, "Subgradient: supporting lines");
  say (t, "A subgradient of %s at x is the slope g of a line through (x, %s(x))\n"
          "that stays below the graph:  %s(y) >= %s(x) + g (y - x) for all y.\n",
       t->name, t->name, t->name, t->name);
  ns_set s;
  ns_status st;
  char buf[SET_TEXT];
  subdiff_text (t->f, x0, NS_SUBDIFF_CONVEX, &s, buf, sizeof buf, &st);
  ns_result v;
  if (ns_fn_eval (t->f, x0, &v) != NS_OK)
    {
      say (t, "\n%s is not defined at %g.\n", t->name, x0);
      return page_end (t);
    }
  double lo, hi;
  int have = st == NS_OK && ns_set_inf (&s, &lo) == NS_OK && ns_set_sup (&s, &hi) == NS_OK
             && isfinite (lo) && isfinite (hi);
  if (have)
    say (t, "At x = %g the slopes of such lines fill %s (ns_subdiff, convex);\n"
            "five of them, from %g to %g:\n\n", x0, buf, lo, hi);
  else
    say (t, "At x = %g the convex subdifferential is %s: %s.\n\n", x0, buf,
         st == NS_OK ? "no finite range of slopes to draw" : ns_strerror (st));
  ns_plot *p = ns_plot_alloc ();
  if (p == NULL)
    return 0;
  char label[128];
  snprintf (label, sizeof label, "%s(x) = %s and lines through (%g, %g)", t->name, t->text, x0,
            v.val + 0.0);
  ns_plot_set_title (p, label);
  ns_plot_set_labels (p, "x", NULL);
  ns_plot_set_xrange (p, x0 - 2, x0 + 2);
  if (t->plot == PLOT_DUMB)
    ns_plot_set_size (p, 79, 15);
  ns_plot_add_function (p, t->f, x0 - 2, x0 + 2, 81, "blue", t->name);
  if (have)
    {
      static const char *colors[] = { "green", "cyan", "magenta", "orange", "red" };
      for (int i = 0; i < 5; i++)
        {
          double g = lo + (hi - lo) * i / 4;
          snprintf (label, sizeof label, "g = %g", g + 0.0);
          ns_plot_add_line (p, x0, v.val, g, x0 - 2, x0 + 2, colors[i], label);
        }
    }
  show_plot (t, p, "s4-lines");
  ns_plot_free (p);
  return page_end (t);
}

static int
page_sets (tutorial *t, double x0)
{
  page (t, 4, 2, "Subgradient: a set at each point");
  say (t, "The subdifferential is a set-valued map (ns_subdiff, printed with\n"
          "ns_set_snprint):\n\n");
  const double xs[] = { x0 - 0.5, x0, x0 + 0.5 };
  static const char *where[] = { "left of", "at", "right of" };
  ns_subdiff_kind kind = NS_SUBDIFF_CONVEX;
  int cert = 0;
  ns_fn_convexity (t->f, &cert, NULL, 0);
  if (!cert)
    kind = NS_SUBDIFF_CLARKE;
  for (int i = 0; i < 3; i++)
    {
      ns_set s;
      ns_status st;
      char buf[SET_TEXT];
      subdiff_text (t->f, xs[i], kind, &s, buf, sizeof buf, &st);
      char lhs[48];
      snprintf (lhs, sizeof lhs, "d%s(%g)", t->name, xs[i]);
      say (t, "  %-8s = %-10s (%s the kink)\n", lhs, st == NS_OK ? buf : "?", where[i]);
      if (st != NS_OK)
        say (t, "      %s\n", ns_strerror (st));
    }
  if (t->is_relu)
    say (t, "\nA single slope where r is differentiable, all of [0, 1] at the\n"
            "corner: Cook's formula, now as sets ({0} rather than 0).\n");
  else if (!cert)
    say (t, "\n(%s is not certified convex, so these are Clarke sets.)\n", t->name);
  say (t, "\nIs g a subgradient at %g?  %s(y) >= %s(%g) + g (y - %g) for y in\n"
          "[%g, %g], by ns_subgrad_check:\n\n", x0, t->name, t->name, x0, x0, x0 - 2, x0 + 2);
  static const double gs[] = { 0.3, 1.2 };
  for (int i = 0; i < 2; i++)
    {
      ns_subgrad_report rep;
      ns_status st = ns_subgrad_check (t->f, x0, gs[i], x0 - 2, x0 + 2, &rep);
      if (st != NS_OK)
        say (t, "  g = %g: %s\n", gs[i], ns_strerror (st));
      else if (rep.holds)
        say (t, "  g = %g: holds; least gap %g (%zu evaluations)\n", gs[i], rep.min_gap + 0.0,
             rep.neval);
      else
        {
          /* witness_side: the violation is in the limit from that side of y. */
          const char *side = rep.witness_side < 0 ? "-" : rep.witness_side > 0 ? "+" : "";
          say (t, "  g = %g: fails at y = %g: %s(%g) + %g (%g - %g)\n"
                  "           exceeds %s(%g%s) by %g (%zu evaluations)\n", gs[i], rep.witness,
               t->name, x0, gs[i], rep.witness, x0, t->name, rep.witness, side, rep.violation,
               rep.neval);
        }
    }
  return page_end (t);
}

/* One row per subdifferential kind for F at X. */
static void
say_kinds (tutorial *t, const ns_function *f, double x)
{
  for (int k = 0; k < NS_SUBDIFF_KIND_COUNT; k++)
    {
      ns_set s;
      ns_status st;
      char buf[SET_TEXT];
      subdiff_text (f, x, (ns_subdiff_kind) k, &s, buf, sizeof buf, &st);
      if (st == NS_OK)
        say (t, "    %-9s %s\n", ns_subdiff_kind_name ((ns_subdiff_kind) k), buf);
      else
        say (t, "    %-9s %s  (%s)\n", ns_subdiff_kind_name ((ns_subdiff_kind) k), buf,
             ns_strerror (st));
    }
}

static int
page_bites (tutorial *t, double x0)
{
  page (t, 4, 3, "Subgradient: where set-valuedness bites");
  say (t, "There are several subdifferentials.  For a convex function they all\n"
          "agree; at %g for %s = %s:\n\n", x0, t->name, t->text);
  say_kinds (t, t->f, x0);
  char reason[160];
  int cert = 0;
  ns_fn_convexity (t->f, &cert, reason, sizeof reason);
  say_wrapped (t, "  ns_fn_convexity: ", reason, 4);
  say (t, "\n");
  ns_function *g = NULL;
  if (ns_fn_parse ("-abs(x)", &g, NULL) != NS_OK)
    return 0;
  say (t, "The concave corner -|x| at 0 has no supporting line at all:\n\n");
  say_kinds (t, g, 0);
  ns_fn_convexity (g, &cert, reason, sizeof reason);
  say_wrapped (t, "  ns_fn_convexity: ", reason, 4);
  say (t, "\n");
  ns_fn_free (g);
  say (t, "Frechet: no line touches from below; limiting: the slopes -1 and 1\n"
          "of the two sides, not an interval; Clarke: their hull.\n");
  return page_end (t);
}

int
section_subgradient (tutorial *t)
{
  double x0 = focus_point (t);
  return page_supporting_lines (t, x0) && page_sets (t, x0) && page_bites (t, x0);
}
