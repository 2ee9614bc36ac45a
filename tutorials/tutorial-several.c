/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/tutorial-several.c: section 7 of nonsmooth-tutorial, several
   variables.  A ReLU of a linear map on its kink line (directional
   derivatives, Clarke's f°, the gradient), |x| + |y| in the plane (Clarke
   sets: a square, a segment, a point), min(x, y) where f' and f° differ,
   a two-unit network whose Clarke set at 0 is {(1, 1)} while reverse-mode
   AD (ns_mfn_ad_gradient) under PyTorch's convention gives (0, 0), and the
   Clarke sets pictured.  Every
   number comes from a library call (include/nonsmooth/multi.h, ns_ad). */
#define _XOPEN_SOURCE 700   /* PATH_MAX in tutorial.h */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "plot2d-figure.h"
#include "tutorial.h"

#define SECTION 7
#define MAXV 16              /* vertices of a Clarke set shown here */

/* Parses TEXT as a function of two variables; NULL on failure (the texts
   here are fixed and valid). */
static ns_mfn *
parse2 (const char *text)
{
  ns_mfn *f = NULL;
  return ns_mfn_parse (text, 2, &f, NULL) == NS_OK ? f : NULL;
}

/* "(1, -2)" with %g; + 0.0 prints -0 as 0. */
static const char *
vec (double a, double b, char *buf, size_t size)
{
  snprintf (buf, size, "(%g, %g)", a + 0.0, b + 0.0);
  return buf;
}

/* A number with its status: the value, "+inf", or why there is none. */
static const char *
num (ns_status s, ns_result r, char *buf, size_t size)
{
  if (s == NS_OK)
    snprintf (buf, size, "%g", r.val + 0.0);
  else if (s == NS_ERANGE)
    snprintf (buf, size, "%s", r.val > 0 ? "+inf" : "-inf");
  else
    snprintf (buf, size, "none (%s)", ns_strerror (s));
  return buf;
}

/* The Clarke set of F at X, "the square (-1, -1), ...". */
static void
say_clarke (tutorial *t, const ns_mfn *f, double x0, double x1)
{
  double x[2] = { x0, x1 };
  ns_result v[2 * MAXV];
  size_t n = 0;
  char b[64];
  ns_status s = ns_mfn_clarke (f, x, v, MAXV, &n);
  say (t, "  at %-8s ", vec (x0, x1, b, sizeof b));
  if (s != NS_OK)
    {
      say (t, "none: %s\n", ns_strerror (s));
      return;
    }
  say (t, "%s", n == 1 ? "the point" : n == 2 ? "the segment" : "the polygon");
  for (size_t k = 0; k < n; k++)
    say (t, "%s%s", k ? ", " : " ", vec (v[2 * k].val, v[2 * k + 1].val, b, sizeof b));
  say (t, "\n");
}

/* Clarke's f° as the terminal can show it: "f°" in UTF-8, else "f^o"
   (files and pipes stay ASCII, as the sets do). */
static const char *
fo (const tutorial *t)
{
  return t->utf8 ? "f\xc2\xb0" : "f^o";
}

/* One row: d, f'(x; d), f°(x; d). */
static void
say_directions (tutorial *t, const ns_mfn *f, const double *x, const double (*d)[2], size_t nd)
{
  char b[64], c1[96], c2[96];
  say (t, "  %-10s %-12s %s(x; d)\n", "d", "f'(x; d)", fo (t));
  for (size_t i = 0; i < nd; i++)
    {
      ns_result r1, r2;
      ns_status s1 = ns_mfn_dirderiv (f, x, d[i], &r1);
      ns_status s2 = ns_mfn_clarke_dirderiv (f, x, d[i], &r2);
      say (t, "  %-10s %-12s %s\n", vec (d[i][0], d[i][1], b, sizeof b),
           num (s1, r1, c1, sizeof c1), num (s2, r2, c2, sizeof c2));
    }
}

/* ------------------------------------------------------------------ 7.1 */

static int
page_relu_linear (tutorial *t)
{
  page (t, SECTION, "Several variables: a ReLU of a linear map");
  ns_mfn *f = parse2 ("relu(x + 2*y - 1)");
  if (f == NULL)
    return 0;
  say (t, "f(x, y) = relu(x + 2y - 1): a unit of a network, w = (1, 2), b = -1.  Along\n"
          "a line x + t d, f is a function of t alone; the library reads the one-sided\n"
          "directional derivative f'(x; d) = lim (f(x + t d) - f(x))/t, t -> 0+, off\n"
          "its germ, exactly.  At x = (1, 0), on the kink line x + 2y = 1:\n\n");
  if (!t->is_relu)
    say (t, "(Section 7 keeps its own functions, whatever --function chose.)\n\n");
  static const double d[][2] = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 1, -1 }, { -2, 1 } };
  const double x[2] = { 1, 0 };
  say_directions (t, f, x, d, sizeof d / sizeof *d);
  say (t, "\nf'(x; d) = relu(w . d): the kink answers to the sign of w . d.  Clarke's\n"
          "%s(x; d) = max g . d over the Clarke set; equal here, as for every convex f.\n"
          "The Clarke set on the kink line is the segment from 0 to w:\n", fo (t));
  say_clarke (t, f, 1, 0);
  ns_result g[2];
  char b[64];
  const double x2[2] = { 2, 1 };
  ns_status s = ns_mfn_gradient (f, x2, g);
  if (s == NS_OK)
    say (t, "Off the line, at (2, 1), f is differentiable: gradient %s.\n",
         vec (g[0].val, g[1].val, b, sizeof b));
  s = ns_mfn_gradient (f, x, g);
  say (t, "At (1, 0): %s.\n", s == NS_OK ? "a gradient" : "no gradient (not differentiable)");
  ns_mfn_free (f);
  return page_end (t);
}

/* ------------------------------------------------------------------ 7.2 */

static int
page_l1 (tutorial *t)
{
  page (t, SECTION, "Several variables: |x| + |y| in the plane");
  ns_mfn *f = parse2 ("abs(x) + abs(y)");
  ns_mfn *m = parse2 ("min(x, y)");
  if (f == NULL || m == NULL)
    {
      ns_mfn_free (f);
      ns_mfn_free (m);
      return 0;
    }
  say (t, "The l1 norm |x| + |y| has four smooth pieces, gradients (+-1, +-1).  Its\n"
          "Clarke set at x is the convex hull of the gradients of the pieces that\n"
          "touch x (the limiting gradients):\n\n");
  say_clarke (t, f, 0, 0);
  say_clarke (t, f, 0, 1);
  say_clarke (t, f, 1, 1);
  say (t, "\nAt 0 every direction is a kink: f'(0; d) = |d1| + |d2|, the largest g . d\n"
          "over the square.\n\n");
  static const double d[][2] = { { 1, -2 }, { 3, 1 } };
  const double zero[2] = { 0, 0 };
  say_directions (t, f, zero, d, sizeof d / sizeof *d);
  say (t, "\nNot convex: min(x, y) at 0.  Its Clarke set");
  ns_result v[2 * MAXV];
  size_t n = 0;
  char b[64];
  if (ns_mfn_clarke (m, zero, v, MAXV, &n) == NS_OK && n == 2)
    say (t, " is the segment %s", vec (v[0].val, v[1].val, b, sizeof b));
  if (n == 2)
    say (t, " - %s", vec (v[2].val, v[3].val, b, sizeof b));
  say (t, ";\nalong (1, -1) the function falls, but %s looks up:\n\n", fo (t));
  static const double dm[][2] = { { 1, -1 } };
  say_directions (t, m, zero, dm, 1);
  ns_mfn_free (f);
  ns_mfn_free (m);
  return page_end (t);
}

/* ------------------------------------------------------------------ 7.3 */

/* Whether G (two numbers) is the one point of a Clarke set V of N
   vertices, within the vertices' bounds; -1 when the set is not a point
   (no answer here). */
static int
is_the_point (const double *g, const ns_result *v, size_t n)
{
  if (n != 1)
    return -1;
  return fabs (g[0] - v[0].val) <= v[0].err && fabs (g[1] - v[1].val) <= v[1].err;
}

static int
page_network (tutorial *t)
{
  page (t, SECTION, "Several variables: a two-unit network and AD");
  static const char *const text = "relu(x) - relu(-x) + relu(y) - relu(-y)";
  ns_mfn *f = parse2 (text);
  if (f == NULL)
    return 0;
  say (t, "n(x, y) = relu(x) - relu(-x) + relu(y) - relu(-y): four units, every one\n"
          "at its kink at 0, and yet n = x + y.  The library:\n\n");
  const double zero[2] = { 0, 0 };
  ns_result v[2 * MAXV], g[2];
  size_t nv = 0;
  char b[64];
  ns_status sc = ns_mfn_clarke (f, zero, v, MAXV, &nv);
  say_clarke (t, f, 0, 0);
  ns_status sg = ns_mfn_gradient (f, zero, g);
  if (sg == NS_OK)
    say (t, "  gradient at 0:   %s, n is differentiable there\n",
         vec (g[0].val, g[1].val, b, sizeof b));
  say (t, "\nReverse-mode AD applies relu'(0) as its framework's convention.  One\n"
          "backward sweep through n gives both partials, zeros signed as the\n"
          "framework writes them; against the Clarke set:\n\n");
  say (t, "  %-11s %-14s %s\n", "preset", "AD gradient", "in the Clarke set?");
  static const ns_ad_preset shown[] = { NS_AD_PYTORCH, NS_AD_TENSORFLOW, NS_AD_JAX,
                                        NS_AD_AVERAGE, NS_AD_MIN_NORM };
  int ok = 1;
  for (size_t i = 0; i < sizeof shown / sizeof *shown; i++)
    {
      ns_kink_policy p;
      NS_KINK_POLICY_INIT (&p, shown[i]);
      double ad[2];
      ns_status s = ns_mfn_ad_gradient (f, zero, &p, NS_AD_REVERSE, ad);
      if (s == NS_UNDEFINED)
        {
          say (t, "  %-11s %s\n", p.name, "undefined");
          continue;
        }
      if (s != NS_OK)
        {
          ok = 0;
          break;
        }
      /* No + 0.0 here: a -0 is the framework's own. */
      snprintf (b, sizeof b, "(%g, %g)", ad[0], ad[1]);
      int in = sc == NS_OK ? is_the_point (ad, v, nv) : -1;
      say (t, "  %-11s %-14s %s\n", p.name, b, in < 0 ? "?" : in ? "yes" : "no");
    }
  say (t, "\nAD is the chain rule, and the chain rule holds for gradients, not for\n"
          "conventions at kinks: the zeros of relu'(0) add up to (0, 0) although n\n"
          "is x + y.  AD returns an element of a conservative field (Bolte and\n"
          "Pauwels 2020), which may leave Clarke's set (Kakade and Lee 2018).\n");
  ns_mfn_free (f);
  return ok && page_end (t);
}

/* ------------------------------------------------------------------ 7.4 */

static int
page_picture (tutorial *t)
{
  char title[NS_PLOT_MAX_TEXT];
  snprintf (title, sizeof title, "Several variables: Clarke sets pictured");
  page (t, SECTION, title);
  ns_mfn *f = parse2 ("abs(x) + abs(y)");
  if (f == NULL)
    return 0;
  static const double at[][2] = { { 0, 0 }, { 0, 1 }, { 1, 1 }, { -1, 0 } };
  plot2d_set sets[4];
  for (int i = 0; i < 4; i++)
    plot2d_clarke (f, at[i], &sets[i]);
  ns_plot *p = figure_alloc (t, "f(x, y) = |x| + |y|", "x", "y", 19);
  plot2d_stats st;
  ns_status s = p ? plot2d_figure (f, "f(x, y) = |x| + |y|", -2, 2, -2, 2, sets, 4, NULL, NULL,
                                   0, t->plot == PLOT_DUMB, p, &st)
                  : NS_ENOMEM;
  if (s == NS_OK)
    {
      char sc[32];
      snprintf (sc, sizeof sc, "%g", st.scale);
      say (t, "Contours of |x| + |y|, its kink lines (the axes: %zu kink points found\n"
              "on the grid's edges, each exact), and at four points x the Clarke set,\n"
              "drawn as x + %s g: the square at 0, segments on the axes, a point.\n",
           st.nkinks, sc);
      show_plot (t, p, "s7-clarke");
    }
  else
    say (t, "(no figure: %s)\n", ns_strerror (s));
  ns_plot_free (p);
  ns_mfn_free (f);
  return page_end (t);
}

int
section_several (tutorial *t)
{
  return page_relu_linear (t) && page_l1 (t) && page_network (t) && page_picture (t);
}
