/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth-tutorial.c: the classroom walkthrough of the
   derivatives of ReLU (or of any function given with --function).  Every
   number it prints comes from a library call; it uses the public API only.
   Owns the options, the paging (--pause), colour, and running gnuplot on
   the scripts that the plot module writes. */
#define _XOPEN_SOURCE 700   /* mkdtemp, realpath */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include <unistd.h>
#include <nonsmooth/nonsmooth.h>
#include <nonsmooth/parse.h>

#include "tutorial.h"
#include "gnuplot-run.h"
#include "program-info.h"

/* ------------------------------------------------------------------ output */

const char *
esc (const tutorial *t, const char *code)
{
  return t->color ? code : "";
}

/* printf that counts lines, so that the test can hold each page to 80x24. */
void
say (tutorial *t, const char *fmt, ...)
{
  va_list ap;
  va_start (ap, fmt);
  vprintf (fmt, ap);
  va_end (ap);
  for (const char *p = fmt; *p; p++)
    t->lines += *p == '\n';
}

/* S as text: "{-1} ∪ {1}", "∅" on a UTF-8 terminal, "{-1} U {1}", "{}"
   elsewhere (NS_SET_ASCII), so that files and pipes stay ASCII. */
const char *
set_text (const tutorial *t, const ns_set *s, char *buf, size_t size)
{
  ns_set_snprint (buf, size, s, t->utf8 ? 0 : NS_SET_ASCII);
  return buf;
}

/* TEXT padded with spaces to WIDTH columns, counting a UTF-8 character
   as one column (printf's %-*s counts bytes). */
void
say_cell (tutorial *t, const char *text, int width)
{
  int cols = 0;
  for (const char *p = text; *p; p++)
    cols += ((unsigned char) *p & 0xC0) != 0x80;
  say (t, "%s%*s", text, width > cols ? width - cols : 0, "");
}

/* Whether the user's locale (LANG, LC_ALL, LC_CTYPE) encodes UTF-8.  The
   program itself stays in the C locale: '.' as decimal point. */
static int
locale_is_utf8 (void)
{
  int utf8 = setlocale (LC_CTYPE, "") != NULL && strcmp (nl_langinfo (CODESET), "UTF-8") == 0;
  setlocale (LC_CTYPE, "C");
  return utf8;
}

/* Starts a page: "N.P  Title", the line the golden test splits pages on;
   P counts the pages of section N, so a page can be added anywhere. */
void
page (tutorial *t, int section, const char *title)
{
  /* After Enter at --pause's prompt: home the cursor and clear the screen
     (ECMA-48 CUP and ED 2), so each page starts at the top of a clean
     80x24 screen; the last page stays on the screen at the end. */
  if (t->clear)
    fputs ("\033[H\033[2J", stdout);
  t->clear = 0;
  t->lines = 0;
  t->page_number = section == t->section ? t->page_number + 1 : 1;
  t->section = section;
  say (t, "%s%d.%d  %s%s\n\n", esc (t, BOLD), section, t->page_number, title, esc (t, RESET));
}

/* Ends a page: with --pause and a terminal on stdin, waits for Enter (q
   quits); otherwise a blank line.  Returns 0 when the reader quit. */
int
page_end (tutorial *t)
{
  if (!(t->pause && isatty (STDIN_FILENO)))
    {
      putchar ('\n');
      return 1;
    }
  printf ("%s-- Enter: next page, q Enter: quit --%s", esc (t, DIM), esc (t, RESET));
  fflush (stdout);
  char line[64];
  if (fgets (line, sizeof line, stdin) == NULL || line[0] == 'q')
    {
      putchar ('\n');
      return 0;
    }
  t->clear = 1;
  return 1;
}

/* f(x) from ns_fn_eval, with its error bound when the bound is not zero. */
static void
say_value (tutorial *t, double x)
{
  char lhs[48];
  snprintf (lhs, sizeof lhs, "%s(%g)", t->name, x);
  ns_result r;
  ns_status s = ns_fn_eval (t->f, x, &r);
  if (s != NS_OK)
    say (t, "  %-7s is not defined: %s\n", lhs, ns_strerror (s));
  else if (r.err != 0)
    say (t, "  %-7s = %g   (error bound %.1e)\n", lhs, r.val + 0.0, r.err);
  else
    say (t, "  %-7s = %g\n", lhs, r.val + 0.0);
}

/* 1 when the reader sees colours: images, or a text plot in colour.  The
   text names colours only then. */
int
colors_shown (const tutorial *t)
{
  return t->plot == PLOT_PNG || t->plot == PLOT_SVG || (t->plot == PLOT_DUMB && t->color);
}

/* A new figure with its title and axis labels, ROWS lines high in the text
   terminal (the rest of an 80x24 page is its caption); NULL when memory
   runs out. */
ns_plot *
figure_alloc (const tutorial *t, const char *title, const char *xlabel, const char *ylabel,
              int rows)
{
  ns_plot *p = ns_plot_alloc ();
  if (p == NULL)
    return NULL;
  ns_plot_set_title (p, title);
  ns_plot_set_labels (p, xlabel, ylabel);
  if (t->plot == PLOT_DUMB)
    ns_plot_set_size (p, 79, rows);
  return p;
}

/* ------------------------------------------------------------------ kinks */

/* The points of [A, B] where F is not differentiable: the breakpoints
   (ns_fn_breakpoints) at which ns_fn_deriv answers NS_UNDEFINED or fails.
   Breakpoints where f happens to be smooth are dropped. */
size_t
find_kinks (const ns_function *f, double a, double b, kink *k, size_t max)
{
  double bp[MAX_KINKS];
  size_t n = 0, m = 0;
  ns_status s = ns_fn_breakpoints (f, a, b, bp, MAX_KINKS, &n);
  if (s != NS_OK && s != NS_ELIMIT)
    return 0;
  for (size_t i = 0; i < n && m < max; i++)
    {
      kink *q = &k[m];
      double d;
      q->x = bp[i];
      q->deriv = ns_fn_deriv (f, bp[i], 1, &d);
      if (q->deriv == NS_OK)
        continue;
      q->sl = ns_fn_deriv_side (f, bp[i], NS_LEFT, 1, &q->left);
      q->sr = ns_fn_deriv_side (f, bp[i], NS_RIGHT, 1, &q->right);
      ns_status vl = ns_fn_deriv_side (f, bp[i], NS_LEFT, 0, &q->vleft);
      ns_status vr = ns_fn_deriv_side (f, bp[i], NS_RIGHT, 0, &q->vright);
      if (vl == NS_OK && vr == NS_OK && q->vleft != q->vright)
        q->kind = KINK_JUMP;
      else if (vl == NS_OK && vr == NS_OK && q->sl == NS_OK && q->sr == NS_OK)
        q->kind = KINK_CORNER;
      else
        q->kind = KINK_OTHER;
      m++;
    }
  return m;
}

/* ------------------------------------------------------------------ plots */

/* 1 when PROG is an executable file in a directory of $PATH. */
static int
on_path (const char *prog)
{
  const char *path = getenv ("PATH");
  char buf[PATH_MAX];
  while (path && *path)
    {
      size_t n = strcspn (path, ":");
      if (n > 0 && snprintf (buf, sizeof buf, "%.*s/%s", (int) n, path, prog) < (int) sizeof buf
          && access (buf, X_OK) == 0)
        return 1;
      path += n + (path[n] == ':');
    }
  return 0;
}

/* S with its control characters escaped, into BUF (truncated to SIZE):
   directory names come from --output-dir and TMPDIR, which may hold any
   byte but NUL. */
static const char *
escaped (const char *s, char *buf, size_t size)
{
  size_t n = 0;
  char one[8];
  for (const unsigned char *p = (const unsigned char *) s; *p && size > 0; p++)
    {
      const char *e = program_escape_of (*p, one);
      for (e = e ? e : one; *e && n + 1 < size; e++)
        buf[n++] = *e;
    }
  if (size > 0)
    buf[n] = '\0';
  return buf;
}

/* The output directory: --output-dir (created if missing), or, for a text
   plot without it, a new one under $TMPDIR or /tmp that remove_temp_dir
   deletes once the picture is shown.  Made absolute so the scripts run
   from anywhere. */
static int
ensure_output_dir (tutorial *t)
{
  if (t->output_dir[0] != '\0')
    return 1;
  char buf[PATH_MAX], shown[4 * PATH_MAX];
  if (t->output_dir_option != NULL)
    {
      if (mkdir (t->output_dir_option, 0777) != 0 && errno != EEXIST)
        {
          int e = errno;
          fprintf (stderr, PROGRAM ": cannot create %s: %s\n",
                   escaped (t->output_dir_option, shown, sizeof shown), strerror (e));
          return 0;
        }
      snprintf (buf, sizeof buf, "%s", t->output_dir_option);
    }
  else
    {
      const char *tmp = getenv ("TMPDIR");
      snprintf (buf, sizeof buf, "%s/" PROGRAM "-XXXXXX", tmp && *tmp ? tmp : "/tmp");
      if (mkdtemp (buf) == NULL)
        {
          int e = errno;
          fprintf (stderr, PROGRAM ": cannot create a directory in %s%s: %s\n",
                   tmp && *tmp ? "TMPDIR " : "",
                   escaped (tmp && *tmp ? tmp : "/tmp", shown, sizeof shown), strerror (e));
          return 0;
        }
    }
  if (realpath (buf, t->output_dir) == NULL)
    {
      int e = errno;
      fprintf (stderr, PROGRAM ": %s: %s\n", escaped (buf, shown, sizeof shown), strerror (e));
      if (t->output_dir_option == NULL)
        rmdir (buf);
      return 0;
    }
  return 1;
}

/* Deletes the temporary directory of one plot and the files in it (all
   of them ours: the directory was made by mkdtemp), when the user named
   none.  The next plot makes a new one. */
static void
remove_temp_dir (tutorial *t)
{
  if (t->output_dir_option != NULL || t->output_dir[0] == '\0')
    return;
  DIR *d = opendir (t->output_dir);
  if (d != NULL)
    {
      struct dirent *e;
      char path[PATH_MAX + 256];
      while ((e = readdir (d)) != NULL)
        if (strcmp (e->d_name, ".") != 0 && strcmp (e->d_name, "..") != 0
            && snprintf (path, sizeof path, "%s/%s", t->output_dir, e->d_name)
                 < (int) sizeof path)
          unlink (path);
      closedir (d);
    }
  rmdir (t->output_dir);
  t->output_dir[0] = '\0';
}

/* Runs gnuplot on SCRIPT; with OUT, its standard output goes to that file.
   Under the time limit of gnuplot-run.h, killed with the program when a
   signal stops it.  Returns 1 when gnuplot exited with 0. */
static int
run_gnuplot (const char *script, const char *out)
{
  double timeout = gp_timeout ();
  if (timeout < 0)
    {
      fprintf (stderr, PROGRAM ": NONSMOOTH_GNUPLOT_TIMEOUT is not a number of seconds, > 0 "
                       "and at most 1000000; "
                       "using %g\n", GP_DEFAULT_TIMEOUT);
      timeout = GP_DEFAULT_TIMEOUT;
    }
  gp_catch_signals (NULL);
  int rc = gp_run (script, out, NULL, timeout);
  gp_release_signals ();
  if (rc == GP_TIMEOUT)
    fprintf (stderr, PROGRAM ": gnuplot did not finish within %g s and was stopped "
                     "(NONSMOOTH_GNUPLOT_TIMEOUT sets the limit)\n", timeout);
  return rc == GP_OK;
}

/* Prints gnuplot's text picture without its form feed and blank margins. */
static void
show_text_plot (tutorial *t, const char *path)
{
  FILE *in = fopen (path, "r");
  if (in == NULL)
    return;
  char line[1024];
  int pending_blank = 0, started = 0;
  while (fgets (line, sizeof line, in))
    {
      char *p = line;
      if (*p == '\f')
        p++;
      /* A line is blank when only spaces and colour codes are left. */
      int blank = 1;
      for (char *q = p; *q && blank; q++)
        if (*q == '\033')
          q += strcspn (q, "m");
        else if (*q != ' ' && *q != '\n')
          blank = 0;
      if (blank)
        {
          pending_blank += started;
          continue;
        }
      for (; pending_blank > 0; pending_blank--)
        say (t, "\n");
      started = 1;
      fputs (p, stdout);
      t->lines++;
    }
  fclose (in);
  printf ("%s", esc (t, RESET));
}

/* Writes figure P as NAME and shows it as --plot asks.  Files are kept
   only in the directory the user named with --output-dir. */
void
show_plot (tutorial *t, const ns_plot *p, const char *name)
{
  if (t->plot == PLOT_NONE && t->output_dir_option == NULL)
    {
      say (t, "(No plot: gnuplot is not used.  --output-dir DIR keeps its data and\n"
              "gnuplot script.)\n");
      return;
    }
  if (!ensure_output_dir (t))
    return;
  ns_plot_terminal term = t->plot == PLOT_PNG ? NS_PLOT_PNG
                          : t->plot == PLOT_SVG ? NS_PLOT_SVG
                          : t->color ? NS_PLOT_DUMB_ANSI : NS_PLOT_DUMB;
  ns_status s = ns_plot_write (p, term, t->output_dir, name);
  if (s != NS_OK)
    {
      char shown[4 * PATH_MAX];
      say (t, "(could not write the plot files to %s: %s)\n",
           escaped (t->output_dir, shown, sizeof shown), ns_strerror (s));
      remove_temp_dir (t);
      return;
    }
  char script[PATH_MAX + 64], out[PATH_MAX + 64];
  snprintf (script, sizeof script, "%s/%s.gp", t->output_dir, name);
  if (t->plot == PLOT_NONE)
    {
      say (t, "The plot's data and gnuplot script are in\n  %s/\n"
              "  (%s.dat, %s.gp).  Draw it with:\n  gnuplot %s\n",
           t->output_dir, name, name, script);
      return;
    }
  if (t->plot == PLOT_DUMB)
    {
      snprintf (out, sizeof out, "%s/%s.txt", t->output_dir, name);
      if (run_gnuplot (script, out))
        {
          show_text_plot (t, out);
          if (t->output_dir_option != NULL)
            say (t, "(plot files in %s/)\n", t->output_dir);
        }
      else
        say (t, "(gnuplot failed on %s)\n", t->output_dir_option ? script : name);
      remove_temp_dir (t);
      return;
    }
  snprintf (out, sizeof out, "%s/%s.%s", t->output_dir, name, t->plot == PLOT_PNG ? "png" : "svg");
  if (run_gnuplot (script, NULL))
    say (t, "The plot is in\n  %s\n", out);
  else
    say (t, "(gnuplot failed on %s)\n", script);
}

/* ------------------------------------------------------------------ section 1: the function */

static int
section_function (tutorial *t)
{
  char title[256];
  snprintf (title, sizeof title, "%s: %s(x) = %s", t->is_relu ? "ReLU" : "The function",
            t->name, t->text);
  page (t, 1, title);
  if (t->is_relu)
    say (t, "ReLU, the rectified linear unit, keeps a positive number and replaces\n"
            "everything else by 0.  Evaluated by the library (ns_fn_eval):\n\n");
  else
    say (t, "Evaluated by the library (ns_fn_eval):\n\n");
  static const double xs[] = { 1, 3, -1, -3, 0 };
  for (size_t i = 0; i < sizeof xs / sizeof *xs; i++)
    say_value (t, xs[i]);
  say (t, "\nOn the integers from -4 to 4:\n\n   X    =");
  for (int x = -4; x <= 4; x++)
    say (t, " %5d", x);
  say (t, "\n   %s(X) =", t->name);
  for (int x = -4; x <= 4; x++)
    {
      ns_result r;
      if (ns_fn_eval (t->f, x, &r) == NS_OK)
        say (t, " %5.3g", r.val + 0.0);
      else
        say (t, " %5s", "-");
    }
  say (t, "\n");
  if (t->is_relu)
    say (t, "\nEvery negative number goes to 0; the graph is flat on the left and\n"
            "climbs with slope 1 on the right.  The two halves meet at 0 in a corner.\n");
  if (!page_end (t))
    return 0;

  /* The plot: pieces alternate blue and green, in red the points where the
     slope is not defined (kinks, jumps, infinite slopes: not all kinks). */
  page (t, 1, t->is_relu ? "ReLU: the graph" : "The graph");
  kink k[MAX_KINKS];
  size_t nk = find_kinks (t->f, -4, 4, k, MAX_KINKS);
  ns_plot *p = ns_plot_alloc ();
  if (p == NULL)
    return 0;
  char label[128];
  snprintf (label, sizeof label, "%s(x) = %s", t->name, t->text);
  ns_plot_set_title (p, label);
  snprintf (label, sizeof label, "%s(x)", t->name);
  ns_plot_set_labels (p, "x", label);
  ns_plot_set_xrange (p, -4, 4);
  if (t->is_relu)
    ns_plot_set_yrange (p, -1, 5);   /* seed 000's ylim */
  else
    {
      /* The values' range widened by a tenth (half a unit when flat), so
         that steps and flat pieces do not run along the border. */
      double lo = INFINITY, hi = -INFINITY;
      for (int i = 0; i <= 160; i++)
        {
          ns_result r;
          if (ns_fn_eval (t->f, -4 + i / 20.0, &r) == NS_OK && isfinite (r.val))
            lo = fmin (lo, r.val), hi = fmax (hi, r.val);
        }
      if (lo <= hi && hi - lo <= 1e6)
        {
          double pad = hi > lo ? (hi - lo) / 10 : 0.5;
          ns_plot_set_yrange (p, lo - pad, hi + pad);
        }
    }
  if (t->plot == PLOT_DUMB)
    ns_plot_set_size (p, 79, 19);    /* with 5 lines of text, a page of 24 */
  double lo = -4;
  char used[2][128] = { "", "" };   /* one key entry per distinct label, at most two */
  for (size_t i = 0; i <= nk; i++)
    {
      double hi = i < nk ? k[i].x : 4;
      if (hi > lo)
        {
          double d;
          /* Label a piece by its slope when the library finds one slope at
             both ends and the middle; otherwise by where it lies. */
          double mid = lo + (hi - lo) / 2, dl, dr;
          if (ns_fn_deriv (t->f, mid, 1, &d) == NS_OK
              && ns_fn_deriv_side (t->f, lo, NS_RIGHT, 1, &dl) == NS_OK
              && ns_fn_deriv_side (t->f, hi, NS_LEFT, 1, &dr) == NS_OK && dl == d && dr == d)
            snprintf (label, sizeof label, "slope %g", d + 0.0);
          else
            snprintf (label, sizeof label, "%g < x < %g", lo, hi);
          int n = (int) ((hi - lo) * 20) + 2;
          int fresh = strcmp (label, used[0]) != 0 && strcmp (label, used[1]) != 0
                      && (used[0][0] == '\0' || used[1][0] == '\0');
          if (fresh)
            snprintf (used[used[0][0] != '\0'], sizeof used[0], "%s", label);
          ns_plot_add_function (p, t->f, lo, hi, (size_t) n, i % 2 ? "green" : "blue",
                                fresh ? label : NULL);
        }
      lo = hi;
    }
  if (nk > 0)
    {
      double x[MAX_KINKS], y[MAX_KINKS];
      size_t m = 0;
      for (size_t i = 0; i < nk; i++)
        {
          ns_result r;
          if (ns_fn_eval (t->f, k[i].x, &r) == NS_OK)
            x[m] = k[i].x, y[m++] = r.val;
        }
      if (m > 0)
        ns_plot_add_points (p, x, y, m, "red", "slope not defined");
    }
  if (colors_shown (t) && t->is_relu)
    say (t, "Negative x in blue (slope 0), positive x in green (slope 1), and in red\n"
            "the kink at 0, where the slope is not defined.\n\n");
  else if (colors_shown (t) && nk > 0)
    say (t, "The pieces alternate blue and green; in red, the %zu point%s in [-4, 4]\n"
            "where the slope is not defined, which separate them.\n\n", nk, nk == 1 ? "" : "s");
  else if (t->is_relu)
    say (t, "The key below the plot names each piece by its slope (0 left of 0, 1\n"
            "right of it); a point marks the kink at 0, where the slope is not defined.\n\n");
  else if (nk > 0)
    say (t, "The key below the plot names the pieces; points mark the %zu point%s\n"
            "in [-4, 4] where the slope is not defined, which separate the pieces.\n\n",
         nk, nk == 1 ? "" : "s");
  show_plot (t, p, "s1-graph");
  ns_plot_free (p);
  if (nk == 0)
    say (t, "\n%s has no kinks in [-4, 4]: its slope is defined everywhere there.\n", t->name);
  return page_end (t);
}

/* ------------------------------------------------------------------ section 2: pointwise */

static void
say_deriv (tutorial *t, double x)
{
  double d;
  ns_status s = ns_fn_deriv (t->f, x, 1, &d);
  if (s == NS_OK)
    say (t, "  %s'(%g)%*s = %g\n", t->name, x, x < 0 ? 0 : 1, "", d + 0.0);
  else
    say (t, "  %s'(%g)%*s: %s\n", t->name, x, x < 0 ? 0 : 1, "", ns_strerror (s));
}

static const char *
side_text (ns_status s, double v, char *buf, size_t size)
{
  if (s == NS_OK || s == NS_ERANGE)
    snprintf (buf, size, "%g", v + 0.0);
  else
    snprintf (buf, size, "none");
  return buf;
}

static int
section_pointwise_relu (tutorial *t)
{
  page (t, 2, "Pointwise derivative: reading slopes off the graph");
  say (t, "The derivative is the slope of the graph.  The library (ns_fn_deriv):\n\n");
  say_deriv (t, -2);
  say_deriv (t, 2);
  say (t, "\nLeft of 0 the graph is flat, right of 0 it rises one for one.  At 0\n"
          "it has a corner.  The one-sided derivatives there (ns_fn_deriv_side):\n\n");
  double l, r, d;
  ns_fn_deriv_side (t->f, 0, NS_LEFT, 1, &l);
  ns_fn_deriv_side (t->f, 0, NS_RIGHT, 1, &r);
  say (t, "  r'(0-) = %g   from the left\n  r'(0+) = %g   from the right\n\n", l + 0.0, r + 0.0);
  ns_status s = ns_fn_deriv (t->f, 0, 1, &d);
  say (t, "and ns_fn_deriv at 0 answers %sNS_UNDEFINED%s:\n  \"%s\".\n\n",
       esc (t, RED), esc (t, RESET), s == NS_UNDEFINED ? ns_strerror (s) : "(unexpected)");
  say (t, "Why: r'(0) is the limit of (r(h) - r(0)) / h as h -> 0.  The quotients\n");
  static const double hs[] = { -0.1, -0.001, 0.001, 0.1 };
  for (size_t i = 0; i < sizeof hs / sizeof *hs; i++)
    {
      ns_result a, b;
      ns_fn_eval (t->f, hs[i], &a);
      ns_fn_eval (t->f, 0, &b);
      say (t, "%s h = %g: %g", i ? "," : "  ", hs[i], (a.val - b.val) / hs[i] + 0.0);
    }
  say (t, "\nare 0 on one side and 1 on the other for every h, however small.\n"
          "The two sides disagree, so there is no limit: no single tangent line\n"
          "exists at the corner, and r'(0) is not defined.\n");
  if (!page_end (t))
    return 0;

  page (t, 2, "Pointwise derivative: conventions at 0");
  say (t, "Away from 0, r' is the Heaviside step H: 0 for x < 0, 1 for x > 0.\n"
          "Software must still return a number for r'(0).  Its choices, by\n"
          "ns_ad_deriv on relu(x) at 0 under each preset (reverse mode):\n\n");
  static const struct { ns_ad_preset preset; const char *who; } conv[] = {
    { NS_AD_PYTORCH, "PyTorch" },
    { NS_AD_TENSORFLOW, "TensorFlow/Keras" },
    { NS_AD_JAX, "JAX" },
    { NS_AD_SYMPY, "SymPy (diff, then x = 0)" },
  };
  ns_function *relu = ns_fn_relu (ns_fn_x ());
  for (size_t i = 0; i < sizeof conv / sizeof *conv && relu; i++)
    {
      ns_kink_policy pol;
      double v, dr;
      ns_status sa = NS_KINK_POLICY_INIT (&pol, conv[i].preset);
      if (sa == NS_OK)
        sa = ns_ad_deriv (relu, 0, &pol, NS_AD_REVERSE, &v, &dr);
      if (sa == NS_OK)
        say (t, "  relu'(0) = %-4g %s\n", dr + 0.0, conv[i].who);
      else
        say (t, "  relu'(0): %s  %s\n", ns_strerror (sa), conv[i].who);
    }
  ns_fn_free (relu);
  /* Seed 000's legend and seed 001's definition of H, as the seeds state
     them; the values are the library's heaviside(x, h0) at 0. */
  ns_function *cook = ns_fn_heaviside (ns_fn_x (), 1);
  ns_result c0;
  if (cook != NULL && ns_fn_eval (cook, 0, &c0) == NS_OK)
    say (t, "\nKawahara (seed 000) sets r'(0) to 0.  Cook (seed 001) defines\n"
            "H(x) = 1 for x >= 0, so his H(0) = %g; that is a definition of H, not a\n"
            "choice of r'(0): he leaves r'(0) undefined.\n", c0.val + 0.0);
  ns_fn_free (cook);
  say (t, "\nKawahara's reason for 0: it \"encourages many values to be 0 i.e.,\n"
          "sparsity in the feature map\".  But r'(0) is not used by the forward\n"
          "pass: the feature map relu(z) is the same whatever r'(0) is.  The\n"
          "known argument for 0 is Bertoin et al. (2021): backpropagation's\n"
          "output changed with r'(0) in about half of their 32-bit runs and in\n"
          "every 16-bit one, and for plain SGD r'(0) = 0 trained best.\n");
  if (!page_end (t))
    return 0;

  page (t, 2, "Pointwise derivative: a point has measure zero");
  say (t, "In real analysis r' = H whatever H(0) is (Cook): functions that\n"
          "differ on a set of measure zero are the same.  A point has length 0:\n"
          "{0} lies in [-e, e] for every e > 0, an interval of length 2e, so\n"
          "changing H at 0 changes int H phi by at most 2e max|phi| for every e,\n"
          "that is by nothing.  (Counting it as 1 of 2001 sample points would\n"
          "suggest 1/2001; the length is 0.)  The pairing <H, phi> by ns_dist_pair\n"
          "for the bump phi of centre 0 and radius 1 (3.1):\n\n");
  ns_testfn *phi = NULL;
  static const double h0s[] = { 0, 0.5, 1 };
  double first = NAN;
  int same = ns_testfn_bump_alloc (0, 1, &phi) == NS_OK;
  for (size_t i = 0; i < sizeof h0s / sizeof *h0s && phi; i++)
    {
      ns_dist *hd = NULL;
      ns_pair_result pr;
      ns_function *h = ns_fn_heaviside (ns_fn_x (), h0s[i]);
      ns_status sp = ns_dist_regular (h, &hd);
      if (sp == NS_OK)
        sp = ns_dist_pair (hd, phi, NULL, &pr);
      ns_dist_free (hd);
      ns_fn_free (h);   /* ns_dist_regular took its own reference */
      if (sp != NS_OK)
        {
          say (t, "  H(0) = %-4g %s\n", h0s[i], ns_strerror (sp));
          same = 0;
          continue;
        }
      say (t, "  H(0) = %-4g <H, phi> = %.17g  +- %.1e\n", h0s[i], pr.val, pr.err);
      if (i == 0)
        first = pr.val;
      same &= pr.val == first;
    }
  ns_testfn_free (phi);
  say (t, "\n%s\n", same ? "The same double for every H(0): the pairing never looks at the\n"
                           "point 0 alone, so no value there can change it."
                         : "The pairings DIFFER: this is a bug in the library.");
  return page_end (t);
}

static int
section_pointwise_general (tutorial *t)
{
  page (t, 2, "Pointwise derivative: slopes and kinks");
  say (t, "The derivative is the slope of the graph.  The library (ns_fn_deriv):\n\n");
  say_deriv (t, -2);
  say_deriv (t, 2);
  kink k[MAX_KINKS];
  size_t nk = find_kinks (t->f, -4, 4, k, MAX_KINKS);
  if (nk == 0)
    {
      say (t, "\n%s(x) = %s has no kinks in [-4, 4] (ns_fn_breakpoints finds no\n"
              "point where ns_fn_deriv fails): its pointwise derivative exists at\n"
              "every point there, and there is no convention to choose.\n", t->name, t->text);
      return page_end (t);
    }
  say (t, "\nWhere ns_fn_breakpoints and ns_fn_deriv find no derivative in [-4, 4],\n"
          "the one-sided derivatives (ns_fn_deriv_side):\n\n");
  size_t shown = nk > 8 ? 8 : nk;
  int corners = 0, jumps = 0, other = 0;
  for (size_t i = 0; i < nk; i++)
    corners += k[i].kind == KINK_CORNER, jumps += k[i].kind == KINK_JUMP,
      other += k[i].kind == KINK_OTHER;
  for (size_t i = 0; i < shown; i++)
    {
      char a[32], b[32];
      say (t, "  x = %-5g %s'(x-) = %-5s %s'(x+) = %-5s ", k[i].x + 0.0, t->name,
           side_text (k[i].sl, k[i].left, a, sizeof a), t->name,
           side_text (k[i].sr, k[i].right, b, sizeof b));
      if (k[i].kind == KINK_JUMP)
        say (t, "jump %g -> %g\n", k[i].vleft + 0.0, k[i].vright + 0.0);
      else if (k[i].kind == KINK_CORNER)
        say (t, "corner\n");
      else if (k[i].sl == NS_ERANGE || k[i].sr == NS_ERANGE)
        say (t, "infinite slope\n");
      else
        say (t, "%s not defined on a side\n", t->name);
    }
  if (nk > shown)
    say (t, "  ... and %zu more\n", nk - shown);
  say (t, "\n");
  if (corners)
    say (t, "At a corner %s is continuous but the slopes from the two sides\n"
            "differ, as for ReLU (0 and 1): no tangent line, no derivative.\n", t->name);
  if (jumps)
    {
      say (t, "At a jump %s is not continuous, so it has no derivative.  The slopes\n"
              "above are limits of %s' from each side, not one-sided derivatives:\n"
              "the difference quotients diverge on a side where %s has another limit.\n",
           t->name, t->name, t->name);
    }
  if (other)
    say (t, "Where a one-sided slope is infinite, or %s is not defined on one side,\n"
            "there is no derivative either.\n", t->name);
  if (!page_end (t))
    return 0;

  page (t, 2, "Pointwise derivative: conventions");
  say (t, "At each of these points ns_fn_deriv returns NS_UNDEFINED:\n  \"%s\".\n"
          "Software that must return a number picks one there; what each\n"
          "framework picks for %s is in section 5.\n\n",
       ns_strerror (NS_UNDEFINED), t->name);
  say (t, "Measure theory does not care: %zu point%s in [-4, 4] %s measure zero,\n"
          "so changing the derivative there changes no integral.\n",
       nk, nk == 1 ? "" : "s", nk == 1 ? "has" : "have");
  return page_end (t);
}

/* The graph of f' where it exists (ns_plot_add_derivative: no value at a
   kink, no line joining the two sides), and at each kink its one-sided
   derivatives (or one-sided limits of f' at a jump) as points. */
static int
page_derivative_graph (tutorial *t)
{
  char title[160];
  snprintf (title, sizeof title, "Pointwise derivative: the graph of %s'", t->name);
  page (t, 2, title);
  kink k[MAX_KINKS];
  size_t nk = find_kinks (t->f, -4, 4, k, MAX_KINKS);
  enum { N = 161 };
  double y[N + 2 * MAX_KINKS], kx[2 * MAX_KINKS], ky[2 * MAX_KINKS];
  size_t ny = 0, nkp = 0;
  for (int i = 0; i < N; i++)
    {
      double d;
      if (ns_fn_deriv (t->f, -4 + 8.0 * i / (N - 1), 1, &d) == NS_OK && isfinite (d))
        y[ny++] = d;
    }
  for (size_t i = 0; i < nk; i++)
    {
      if (k[i].sl == NS_OK && isfinite (k[i].left))
        kx[nkp] = k[i].x, ky[nkp++] = k[i].left + 0.0;
      if (k[i].sr == NS_OK && isfinite (k[i].right))
        kx[nkp] = k[i].x, ky[nkp++] = k[i].right + 0.0;
    }
  for (size_t i = 0; i < nkp; i++)
    y[ny++] = ky[i];
  if (nk == 0)
    say (t, "%s has no kinks in [-4, 4]: %s' is defined at every point drawn.\n\n", t->name,
         t->name);
  else
    say (t, "%s' (ns_plot_add_derivative) where it exists; at %s kink%s the\n"
            "values from the left and the right (ns_fn_deriv_side) are marked as\n"
            "points, and nothing is drawn at the kink itself: %s' has no value there.\n\n",
         t->name, nk == 1 ? "the" : "each", nk == 1 ? "" : "", t->name);
  size_t jumps = 0;
  for (size_t i = 0; i < nk; i++)
    jumps += k[i].kind == KINK_JUMP;
  if (jumps > 0)
    say (t, "(At a jump they are the limits of %s' from each side, not derivatives.)\n\n",
         t->name);
  snprintf (title, sizeof title, "%s'(x) = derivative of %s", t->name, t->text);
  ns_plot *p = figure_alloc (t, title, "x", NULL, nk == 0 ? 20 : jumps > 0 ? 16 : 18);
  if (p == NULL)
    return 0;
  ns_plot_set_xrange (p, -4, 4);
  double lo = INFINITY, hi = -INFINITY;
  for (size_t i = 0; i < ny; i++)
    lo = fmin (lo, y[i]), hi = fmax (hi, y[i]);
  /* Padded so that flat pieces (a step) do not run along the border; a
     slope that grows without bound keeps gnuplot's range. */
  if (ny > 0 && hi - lo <= 100)
    {
      double pad = hi > lo ? (hi - lo) / 4 : 0.5;
      ns_plot_set_yrange (p, lo - pad, hi + pad);
    }
  snprintf (title, sizeof title, "%s'(x)", t->name);
  ns_status st = ns_plot_add_derivative (p, t->f, 1, -4, 4, N, "blue", title);
  if (nkp > 0)
    ns_plot_add_points (p, kx, ky, nkp, "red", "one-sided values at a kink");
  if (st == NS_OK)
    show_plot (t, p, "s2-derivative");
  else
    say (t, "(no graph: %s)\n", ns_strerror (st));
  ns_plot_free (p);
  return page_end (t);
}

static int
section_pointwise (tutorial *t)
{
  return (t->is_relu ? section_pointwise_relu (t) : section_pointwise_general (t))
         && page_derivative_graph (t);
}

/* ------------------------------------------------------------------ options */

typedef struct section {
  const char *name, *title;
  int (*run) (tutorial *);
} section;

static const section sections[] = {
  { "relu", "ReLU: values, table and graph", section_function },
  { "pointwise", "Pointwise derivative: slopes, one-sided derivatives, conventions",
    section_pointwise },
  { "distributional", "Distributional derivative: bump, three routes, H' = delta",
    section_distributional },
  { "subgradient", "Subgradient: supporting lines, sets, -|x|, sum rule, method",
    section_subgradient },
  { "practice", "In practice: Keras, conventions, Clarke, the relu'(0) experiment",
    section_practice },
  { "summary", "Summary: relu, |x| and H at 0 under each notion", section_summary },
  { "several", "Several variables: f'(x; d), Clarke polygons, a network and AD",
    section_several },
};
#define NSECTIONS ((int) (sizeof sections / sizeof *sections))

/* Every section, each followed by its exercises; 0 when the reader quit. */
static int
run_all (tutorial *t)
{
  for (int i = 0; i < NSECTIONS; i++)
    if (!(sections[i].run (t) && exercises_page (t, i + 1)))
      return 0;
  return 1;
}

static void
usage (FILE *out)
{
  fprintf (out,
           "Usage: " PROGRAM " [OPTION]...\n"
           "Walk through the derivatives of ReLU r(x) = max(0, x), or of another\n"
           "function, with every number computed live by the nonsmooth library.\n\n"
           "  -p, --pause            wait for Enter between pages (only on a terminal)\n"
           "  -s, --section N|NAME   run one section only (see --list)\n"
           "  -P, --part N           1: sections 1-3, 2: sections 4-7 (a class each)\n"
           "  -l, --list             list the sections\n"
           "  -f, --function EXPR    the function to study (default '" DEFAULT_FUNCTION "')\n"
           "      --plot MODE        dumb (text, the default when gnuplot is on PATH),\n"
           "                         png, svg, or none (write the data and script only)\n"
           "      --html DIR         write the projector page DIR/index.html: every\n"
           "                         section, svg figures inline, exercises with\n"
           "                         answers (figure files go to DIR/figures)\n"
           "  -o, --output-dir DIR   keep the plot files in DIR (png and svg need it;\n"
           "                         otherwise nothing is kept: a text plot's files go\n"
           "                         to a temporary directory, removed once shown)\n"
           "      --color WHEN       auto (default: when stdout is a terminal, TERM\n"
           "                         is not dumb and NO_COLOR is unset or empty),\n"
           "                         always, never\n"
           "  -h, --help             show this help and exit\n"
           "  -V, --version          show the version and exit\n\n"
           "Environment: NONSMOOTH_GNUPLOT (the gnuplot to run), NONSMOOTH_GNUPLOT_TIMEOUT\n"
           "(seconds it may take, default 30), TMPDIR, NO_COLOR.\n\n"
           "Exit status: 0 on success, 1 on a runtime failure, 2 on a bad option.\n\n"
           PROGRAM_BUG_REPORT_LINE);
}

/* Prints "WHAT 'ARG'AFTER" and where to find help; returns the exit status. */
static int
bad_usage (const char *what, const char *arg, const char *after)
{
  fprintf (stderr, PROGRAM ": %s '", what);
  program_put_escaped (stderr, arg);
  fprintf (stderr, "'%s\n", after);
  fprintf (stderr, "Try '" PROGRAM " --help' for more information.\n");
  return EXIT_USAGE;
}

/* Section by number or name; -1 when there is none. */
static int
find_section (const char *arg)
{
  char *end;
  long n = strtol (arg, &end, 10);
  if (*arg != '\0' && *end == '\0')
    return n >= 1 && n <= NSECTIONS ? (int) n - 1 : -1;
  for (int i = 0; i < NSECTIONS; i++)
    if (strcmp (arg, sections[i].name) == 0)
      return i;
  return -1;
}

/* Parses TEXT into T->f; prints the error with a caret under its column. */
static int
load_function (tutorial *t, const char *text)
{
  ns_parse_error err;
  ns_status s = ns_fn_parse (text, &t->f, &err);
  if (s != NS_OK)
    {
      fprintf (stderr, PROGRAM ": cannot parse --function: %s\n", ns_strerror (s));
      if (err.column > 0)
        {
          fputs ("  ", stderr);
          program_put_escaped (stderr, text);
          fprintf (stderr, "\n  %*s^ column %d: ", program_escaped_width (text, err.column - 1),
                   "", err.column);
          program_put_escaped (stderr, err.text);
          fputc ('\n', stderr);
        }
      else
        {
          fputs ("  ", stderr);
          program_put_escaped (stderr, err.text);
          fputc ('\n', stderr);
        }
      fprintf (stderr, "Try '" PROGRAM " --help' for more information.\n");
      return 0;
    }
  t->text = ns_fn_to_string (t->f);
  /* ReLU is recognized by its printed form, so "max(0,x)" counts too. */
  ns_function *relu = NULL;
  char *relu_text = NULL;
  if (ns_fn_parse (DEFAULT_FUNCTION, &relu, NULL) == NS_OK)
    relu_text = ns_fn_to_string (relu);
  t->is_relu = t->text && relu_text && strcmp (t->text, relu_text) == 0;
  t->name = t->is_relu ? "r" : "f";
  free (relu_text);
  ns_fn_free (relu);
  return t->text != NULL;
}

/* The program, but for the check of standard output that main adds. */
static int
tutorial_main (int argc, char **argv)
{
  tutorial t = { 0 };
  const char *function_text = DEFAULT_FUNCTION, *plot_arg = NULL, *color_arg = "auto";
  const char *html_dir = NULL;
  int only = -1, list = 0, part = 0;
  enum { OPT_PLOT = 256, OPT_COLOR, OPT_HTML };
  static const struct option options[] = {
    { "pause", no_argument, NULL, 'p' },
    { "section", required_argument, NULL, 's' },
    { "part", required_argument, NULL, 'P' },
    { "list", no_argument, NULL, 'l' },
    { "function", required_argument, NULL, 'f' },
    { "plot", required_argument, NULL, OPT_PLOT },
    { "output-dir", required_argument, NULL, 'o' },
    { "color", required_argument, NULL, OPT_COLOR },
    { "html", required_argument, NULL, OPT_HTML },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 },
  };
  int c;
  /* getopt's own messages would echo a bad option raw: ours escape it. */
  opterr = 0;
  while ((c = getopt_long (argc, argv, "ps:P:lf:o:hV", options, NULL)) != -1)
    switch (c)
      {
      case 'p': t.pause = 1; break;
      case 's':
        if ((only = find_section (optarg)) < 0)
          return bad_usage ("no section", optarg, " (--list shows them)");
        break;
      case 'P':
        if (strcmp (optarg, "1") == 0 || strcmp (optarg, "2") == 0)
          part = optarg[0] - '0';
        else
          return bad_usage ("--part must be 1 or 2, not", optarg, "");
        break;
      case 'l': list = 1; break;
      case 'f': function_text = optarg; break;
      case OPT_PLOT: plot_arg = optarg; break;
      case 'o': t.output_dir_option = optarg; break;
      case OPT_COLOR: color_arg = optarg; break;
      case OPT_HTML: html_dir = optarg; break;
      case 'h': usage (stdout); return EXIT_SUCCESS;
      case 'V':
        program_version_text (stdout, PROGRAM);
        return EXIT_SUCCESS;
      default:
        {
          int needs_arg = 0, takes_none = 0;
          const char *bad = argv[optind - 1];
          for (const struct option *o = options; o->name != NULL; o++)
            if (optopt != 0 && o->val == optopt)
              {
                needs_arg |= o->has_arg == required_argument;
                takes_none |= o->has_arg == no_argument && strncmp (bad, "--", 2) == 0;
              }
          if (needs_arg)
            return bad_usage ("option requires an argument:", bad, "");
          if (takes_none)
            return bad_usage ("option takes no argument:", bad, "");
          if (optopt > ' ' && optopt < 127)
            {
              char opt[2] = { (char) optopt, '\0' };
              return bad_usage ("invalid option --", opt, "");
            }
          return bad_usage ("unrecognized option", argv[optind - 1], "");
        }
      }
  if (optind < argc)
    return bad_usage ("unexpected argument", argv[optind], "");
  if (html_dir != NULL && (part != 0 || only >= 0 || plot_arg != NULL))
    return bad_usage ("--html writes every section with svg figures; it takes no --section, "
                      "--part or --plot:", html_dir, "");
  if (part != 0 && only >= 0)
    return bad_usage ("--part and --section exclude each other; --part", part == 1 ? "1" : "2",
                      "");

  if (strcmp (color_arg, "always") == 0)
    t.color = 1;
  else if (strcmp (color_arg, "never") == 0)
    t.color = 0;
  else if (strcmp (color_arg, "auto") == 0)
    {
      /* NO_COLOR (no-color.org): present and not empty turns colour off;
         --color always still turns it on. */
      const char *term = getenv ("TERM"), *no_color = getenv ("NO_COLOR");
      t.color = isatty (STDOUT_FILENO) && term != NULL && strcmp (term, "dumb") != 0
                && (no_color == NULL || *no_color == '\0');
    }
  else
    return bad_usage ("--color must be auto, always or never, not", color_arg, "");
  /* Sets print with ∪ and ∅ only where they can be shown, decided like
     colour: a terminal on stdout, here one whose locale is UTF-8. */
  t.utf8 = isatty (STDOUT_FILENO) && locale_is_utf8 ();

  t.have_gnuplot = on_path ("gnuplot");
  if (plot_arg == NULL)
    t.plot = t.have_gnuplot ? PLOT_DUMB : PLOT_NONE;
  else if (strcmp (plot_arg, "dumb") == 0)
    t.plot = PLOT_DUMB;
  else if (strcmp (plot_arg, "png") == 0)
    t.plot = PLOT_PNG;
  else if (strcmp (plot_arg, "svg") == 0)
    t.plot = PLOT_SVG;
  else if (strcmp (plot_arg, "none") == 0)
    t.plot = PLOT_NONE;
  else
    return bad_usage ("--plot must be dumb, png, svg or none, not", plot_arg, "");
  if ((t.plot == PLOT_PNG || t.plot == PLOT_SVG) && t.output_dir_option == NULL)
    return bad_usage ("--plot", plot_arg, " writes picture files: name their directory "
                                           "with --output-dir");

  if (list)
    {
      for (int i = 0; i < NSECTIONS; i++)
        printf ("%d  %-15s %s\n", i + 1, sections[i].name, sections[i].title);
      return EXIT_SUCCESS;
    }
  if (!load_function (&t, function_text))
    {
      ns_fn_free (t.f);
      return EXIT_USAGE;
    }
  if (html_dir != NULL)
    {
      int done = tutorial_html (&t, html_dir, run_all);
      free (t.text);
      ns_fn_free (t.f);
      return done ? EXIT_SUCCESS : EXIT_FAILURE;
    }
  if (t.plot != PLOT_NONE && !t.have_gnuplot)
    {
      fprintf (stderr, PROGRAM ": gnuplot is not on PATH; writing the plot files only\n");
      t.plot = PLOT_NONE;
    }
  else if (plot_arg == NULL && !t.have_gnuplot)
    printf ("(gnuplot is not on PATH: plots are written as data and scripts only.)\n\n");

  int ok = 1;
  /* --part 1 is sections 1-3, --part 2 sections 4-7. */
  for (int i = 0; i < NSECTIONS && ok; i++)
    if ((only < 0 || only == i) && (part == 0 || (part == 1) == (i < 3)))
      ok = sections[i].run (&t) && exercises_page (&t, i + 1);
  free (t.text);
  ns_fn_free (t.f);
  return EXIT_SUCCESS;
}

int
main (int argc, char **argv)
{
  int status = tutorial_main (argc, argv);
  /* A full disk or a closed pipe is a failure, not a silent success, on
     every way out (--help, --version and --list included). */
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      fprintf (stderr, PROGRAM ": cannot write the output\n");
      status = EXIT_FAILURE;
    }
  return status;
}
