/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/plot/plot.c: figures as data plus a gnuplot script.  Owns the sampling of
   a function or one of its pointwise derivatives split at its breakpoints
   (so jumps are not drawn as vertical lines and kinks are sampled exactly),
   impulses (arrows for weighted deltas), curves and shaded areas through
   given data, text labels, logarithmic axes, the data file
   layout and the script for each terminal.  It writes only the files it is
   asked for. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "nonsmooth/plot.h"
#include "internal.h"
#include "text.h"
#include "function/tape.h"
#include "nonsmooth/version.h"

typedef enum series_kind {
  SERIES_FUNCTION, SERIES_POINTS, SERIES_LINE, SERIES_IMPULSES, SERIES_CURVE, SERIES_AREA,
  SERIES_SEGMENTS
} series_kind;

/* One sample; starts_segment is 1 when no line joins it to the sample
   before (a jump, or a gap where the function is not defined). */
typedef struct sample {
  double x, y;
  int starts_segment;
} sample;

typedef struct series {
  series_kind kind;
  int color;           /* index into color_table */
  char *label;         /* NULL: no key entry */
  sample *s;
  size_t n, cap;
} series;

/* A text placed at (x, y) in data coordinates. */
typedef struct text_label {
  double x, y;
  char *text;
} text_label;

struct ns_plot {
  char *title, *xlabel, *ylabel;
  int has_xrange, has_yrange;
  double xlo, xhi, ylo, yhi;
  int width, height;   /* 0: the terminal's default */
  int logx, logy;      /* logarithmic axes */
  int equal_axes;      /* one unit is as long on both axes */
  series *series;
  size_t nseries;
  text_label *texts;
  size_t ntexts;
};

/* Names accepted by the API; the dumb terminal gets gnuplot's colour name
   (which its ansi mode maps to the nearest of the 8 ANSI colours), png
   and svg get a darker shade that reads well on white. */
static const struct {
  const char *name, *dumb, *image;
} color_table[] = {
  { "black", "black", "#000000" },
  { "blue", "blue", "#0060ad" },
  { "green", "green", "#009e2a" },
  { "red", "red", "#dd181f" },
  { "orange", "orange", "#e69f00" },
  { "magenta", "magenta", "#b000b0" },
  { "cyan", "cyan", "#00a0c0" },
  { "gray", "gray", "#808080" },
};
#define NCOLORS (sizeof color_table / sizeof *color_table)

static int
color_index (const char *name)
{
  if (name == NULL)
    return 0;
  for (size_t i = 0; i < NCOLORS; i++)
    if (strcmp (name, color_table[i].name) == 0)
      return (int) i;
  return -1;
}

int
ns_plot_color_known (const char *name)
{
  return name != NULL && color_index (name) >= 0;
}

/* Text that may go into a gnuplot string: bounded, no control characters
   (a newline would end the command).  Single quotes are doubled on output. */
static int
text_is_valid (const char *t)
{
  size_t n = 0;
  for (; t[n] != '\0'; n++)
    if (n >= NS_PLOT_MAX_TEXT || (unsigned char) t[n] < 0x20 || t[n] == 0x7f)
      return 0;
  return 1;
}

/* Replaces *DST by a copy of SRC (NULL clears). */
static ns_status
replace_text (char **dst, const char *src)
{
  char *copy = NULL;
  if (src != NULL)
    {
      if (!text_is_valid (src))
        return NS_EINVAL;
      copy = malloc (strlen (src) + 1);
      if (copy == NULL)
        return NS_ENOMEM;
      strcpy (copy, src);
    }
  free (*dst);
  *dst = copy;
  return NS_OK;
}

ns_plot *
ns_plot_alloc (void)
{
  return calloc (1, sizeof (ns_plot));
}

static void
series_clear (series *s)
{
  free (s->label);
  free (s->s);
}

void
ns_plot_free (ns_plot *p)
{
  if (p == NULL)
    return;
  for (size_t i = 0; i < p->nseries; i++)
    series_clear (&p->series[i]);
  free (p->series);
  for (size_t i = 0; i < p->ntexts; i++)
    free (p->texts[i].text);
  free (p->texts);
  free (p->title);
  free (p->xlabel);
  free (p->ylabel);
  free (p);
}

ns_status
ns_plot_set_title (ns_plot *p, const char *title)
{
  if (p == NULL)
    return NS_EINVAL;
  return replace_text (&p->title, title);
}

ns_status
ns_plot_set_labels (ns_plot *p, const char *xlabel, const char *ylabel)
{
  if (p == NULL || (xlabel != NULL && !text_is_valid (xlabel))
      || (ylabel != NULL && !text_is_valid (ylabel)))
    return NS_EINVAL;
  /* Copy both before replacing either, so a failure changes nothing. */
  char *x = NULL, *y = NULL;
  if (replace_text (&x, xlabel) != NS_OK || replace_text (&y, ylabel) != NS_OK)
    {
      free (x);
      return NS_ENOMEM;
    }
  free (p->xlabel);
  free (p->ylabel);
  p->xlabel = x;
  p->ylabel = y;
  return NS_OK;
}

static int
range_is_valid (double lo, double hi)
{
  return isfinite (lo) && isfinite (hi) && lo < hi;
}

ns_status
ns_plot_set_xrange (ns_plot *p, double lo, double hi)
{
  if (p == NULL || !range_is_valid (lo, hi))
    return NS_EINVAL;
  p->has_xrange = 1;
  p->xlo = lo;
  p->xhi = hi;
  return NS_OK;
}

ns_status
ns_plot_set_yrange (ns_plot *p, double lo, double hi)
{
  if (p == NULL || !range_is_valid (lo, hi))
    return NS_EINVAL;
  p->has_yrange = 1;
  p->ylo = lo;
  p->yhi = hi;
  return NS_OK;
}

ns_status
ns_plot_set_size (ns_plot *p, int width, int height)
{
  if (p == NULL || width < 0 || height < 0 || width > 10000 || height > 10000
      || (width != 0 && width < 10) || (height != 0 && height < 10))
    return NS_EINVAL;
  p->width = width;
  p->height = height;
  return NS_OK;
}

size_t
ns_plot_count (const ns_plot *p)
{
  return p == NULL ? 0 : p->nseries;
}

/* ------------------------------------------------------------------ building a series */

static ns_status
series_push (series *s, double x, double y, int starts_segment)
{
  void *v = s->s;
  ns_status st = ns_grow_for_one (&v, s->n, &s->cap, sizeof *s->s, 64);
  s->s = v;
  if (st != NS_OK)
    return st;
  s->s[s->n++] = (sample) { x, y, starts_segment };
  return NS_OK;
}

/* Starts a series with its colour and label checked; the caller fills it
   and hands it to figure_append, or clears it. */
static ns_status
series_start (const ns_plot *p, series_kind kind, const char *color, const char *label,
              series *s)
{
  memset (s, 0, sizeof *s);
  if (p == NULL)
    return NS_EINVAL;
  int c = color_index (color);
  if (c < 0)
    return NS_EINVAL;
  if (p->nseries >= NS_PLOT_MAX_SERIES)
    return NS_ELIMIT;
  s->kind = kind;
  s->color = c;
  return replace_text (&s->label, label);
}

/* Moves S into the figure (the figure is unchanged when this fails). */
static ns_status
figure_append (ns_plot *p, series *s)
{
  series *v = realloc (p->series, (p->nseries + 1) * sizeof *v);
  if (v == NULL)
    return NS_ENOMEM;
  p->series = v;
  p->series[p->nseries++] = *s;
  return NS_OK;
}

/* A sample of a function or of its ORDER-th pointwise derivative:
   pending_break is set after a point that could not be evaluated or a
   jump, so the next sample starts a segment. */
typedef struct sampler {
  series *s;
  int order;
  int pending_break;
  const ns_tape *tape;   /* f compiled, for order 0 */
} sampler;

static ns_status
sampler_put (sampler *w, double x, double y)
{
  int starts = w->pending_break || w->s->n == 0;
  w->pending_break = 0;
  return series_push (w->s, x, y, starts);
}

/* Samples an ordinary point: f(x) when it evaluates to a finite number,
   otherwise a gap. */
static ns_status
sample_point (const ns_function *f, double x, sampler *w)
{
  ns_result r;
  double d;
  if (w->order == 0 && ns_tape_eval (w->tape, x, &r) == NS_OK && isfinite (r.val))
    return sampler_put (w, x, r.val);
  if (w->order > 0 && ns_fn_deriv (f, x, w->order, &d) == NS_OK && isfinite (d))
    return sampler_put (w, x, d);
  w->pending_break = 1;
  return NS_OK;
}

/* The one-sided limit of F at C on SIDE, with its rounding bound: 1 when
   it exists and is finite.  When f(c) itself is within rounding of it, the
   value f(c) is returned instead, so that where F is continuous the data
   hold exactly what ns_fn_eval gives. */
static int
one_sided_limit (const ns_function *f, double c, ns_side side, double *val, double *err)
{
  ns_germ g;
  if (ns_fn_germ (f, c, side, 0, &g) != NS_OK || g.nvalid < 1 || !isfinite (g.c[0]))
    return 0;
  *val = g.c[0];
  *err = g.err0;
  ns_result r;
  if (ns_fn_eval (f, c, &r) == NS_OK && isfinite (r.val)
      && fabs (r.val - g.c[0]) <= r.err + g.err0)
    *val = r.val;
  return 1;
}

/* The one-sided derivative f^(K)(c-) or f^(K)(c+), K >= 1: 1 when it
   exists and is finite.  No rounding bound comes with it, so two sides
   count as equal only when they are the same number (a split between two
   nearly equal values draws the same picture). */
static int
one_sided_deriv (const ns_function *f, double c, ns_side side, int k, double *val)
{
  return ns_fn_deriv_side (f, c, side, k, val) == NS_OK && isfinite (*val);
}

/* Samples a breakpoint C of [A, B]: one point where the one-sided limits
   agree within their rounding, both limits with a segment break between
   them where they do not. */
static ns_status
sample_breakpoint (const ns_function *f, double c, double a, double b, sampler *w)
{
  double left = 0, right = 0, eleft = 0, eright = 0;
  int has_left, has_right;
  if (w->order == 0)
    {
      has_left = c > a && one_sided_limit (f, c, NS_LEFT, &left, &eleft);
      has_right = c < b && one_sided_limit (f, c, NS_RIGHT, &right, &eright);
    }
  else
    {
      has_left = c > a && one_sided_deriv (f, c, NS_LEFT, w->order, &left);
      has_right = c < b && one_sided_deriv (f, c, NS_RIGHT, w->order, &right);
    }
  if (has_left && has_right && fabs (left - right) <= eleft + eright)
    return sampler_put (w, c, left);
  ns_status st = NS_OK;
  if (has_left)
    st = sampler_put (w, c, left);
  /* A jump, or a side where f is not defined: what follows is a new
     segment (harmless at b, where nothing follows). */
  w->pending_break = 1;
  if (st == NS_OK && has_right)
    st = sampler_put (w, c, right);
  return st;
}

ns_status
ns_plot_add_function (ns_plot *p, const ns_function *f, double a, double b,
                      size_t n, const char *color, const char *label)
{
  return ns_plot_add_derivative (p, f, 0, a, b, n, color, label);
}

ns_status
ns_plot_add_derivative (ns_plot *p, const ns_function *f, int k, double a, double b,
                        size_t n, const char *color, const char *label)
{
  if (p == NULL || f == NULL || !range_is_valid (a, b) || n < 2 || n > NS_PLOT_MAX_SAMPLES
      || k < 0 || k > NS_MAX_ORDER)
    return NS_EINVAL;
  series s;
  ns_status st = series_start (p, SERIES_FUNCTION, color, label, &s);
  double *bp = NULL;
  size_t nbp = 0;
  if (st == NS_OK)
    {
      bp = malloc (NS_PLOT_MAX_BREAKPOINTS * sizeof *bp);
      st = bp == NULL ? NS_ENOMEM
                      : ns_fn_breakpoints (f, a, b, bp, NS_PLOT_MAX_BREAKPOINTS, &nbp);
    }
  /* Merge the grid a + (b - a) i / (n - 1) with the (sorted) breakpoints;
     a grid point equal to a breakpoint is sampled once, as a breakpoint. */
  /* Compiled once per curve: the grid's values come from the tape, the
     same bits as ns_fn_eval, without a recursion per point. */
  ns_tape tape;
  if (k == 0)
    ns_tape_compile (f, &tape);
  sampler w = { &s, k, 0, &tape };
  size_t j = 0;
  for (size_t i = 0; st == NS_OK && i < n; i++)
    {
      double x = i == n - 1 ? b : a + (b - a) * ((double) i / (double) (n - 1));
      while (st == NS_OK && j < nbp && bp[j] < x)
        st = sample_breakpoint (f, bp[j++], a, b, &w);
      if (st != NS_OK)
        break;
      if (j < nbp && bp[j] == x)
        st = sample_breakpoint (f, bp[j++], a, b, &w);
      else
        st = sample_point (f, x, &w);
    }
  free (bp);
  /* An empty series would make gnuplot warn and shift nothing useful. */
  if (st == NS_OK && s.n == 0)
    st = NS_EDOM;
  if (st == NS_OK)
    st = figure_append (p, &s);
  if (st != NS_OK)
    series_clear (&s);
  return st;
}

/* A series of KIND through the N finite pairs (X[i], Y[i]). */
static ns_status
add_pairs (ns_plot *p, series_kind kind, const double *x, const double *y, size_t n,
           const char *color, const char *label)
{
  if (p == NULL || x == NULL || y == NULL || n < 1 || n > NS_PLOT_MAX_SAMPLES)
    return NS_EINVAL;
  for (size_t i = 0; i < n; i++)
    if (!isfinite (x[i]) || !isfinite (y[i]))
      return NS_EINVAL;
  series s;
  ns_status st = series_start (p, kind, color, label, &s);
  for (size_t i = 0; st == NS_OK && i < n; i++)
    st = series_push (&s, x[i], y[i], i == 0);
  if (st == NS_OK)
    st = figure_append (p, &s);
  if (st != NS_OK)
    series_clear (&s);
  return st;
}

ns_status
ns_plot_add_points (ns_plot *p, const double *x, const double *y, size_t n,
                    const char *color, const char *label)
{
  return add_pairs (p, SERIES_POINTS, x, y, n, color, label);
}

ns_status
ns_plot_add_line (ns_plot *p, double x0, double c, double slope, double a, double b,
                  const char *color, const char *label)
{
  if (p == NULL || !isfinite (x0) || !isfinite (c) || !isfinite (slope)
      || !range_is_valid (a, b))
    return NS_EINVAL;
  const double xs[2] = { a, b };
  const double ys[2] = { c + slope * (a - x0), c + slope * (b - x0) };
  if (!isfinite (ys[0]) || !isfinite (ys[1]))
    return NS_ERANGE;
  return add_pairs (p, SERIES_LINE, xs, ys, 2, color, label);
}

ns_status
ns_plot_add_impulses (ns_plot *p, const double *x, const double *w, size_t n,
                      const char *color, const char *label)
{
  return add_pairs (p, SERIES_IMPULSES, x, w, n, color, label);
}

ns_status
ns_plot_add_curve (ns_plot *p, const double *x, const double *y, size_t n,
                   const char *color, const char *label)
{
  if (n < 2)
    return NS_EINVAL;
  return add_pairs (p, SERIES_CURVE, x, y, n, color, label);
}

ns_status
ns_plot_add_area (ns_plot *p, const double *x, const double *y, size_t n,
                  const char *color, const char *label)
{
  if (n < 2)
    return NS_EINVAL;
  return add_pairs (p, SERIES_AREA, x, y, n, color, label);
}

ns_status
ns_plot_add_segments (ns_plot *p, const double *x0, const double *y0, const double *x1,
                      const double *y1, size_t n, const char *color, const char *label)
{
  if (p == NULL || x0 == NULL || y0 == NULL || x1 == NULL || y1 == NULL || n < 1
      || n > NS_PLOT_MAX_SAMPLES / 2)
    return NS_EINVAL;
  for (size_t i = 0; i < n; i++)
    if (!isfinite (x0[i]) || !isfinite (y0[i]) || !isfinite (x1[i]) || !isfinite (y1[i]))
      return NS_EINVAL;
  series s;
  ns_status st = series_start (p, SERIES_SEGMENTS, color, label, &s);
  /* Each segment is a segment of the data, so nothing joins it to the
     next one. */
  for (size_t i = 0; st == NS_OK && i < n; i++)
    {
      st = series_push (&s, x0[i], y0[i], 1);
      if (st == NS_OK)
        st = series_push (&s, x1[i], y1[i], 0);
    }
  if (st == NS_OK)
    st = figure_append (p, &s);
  if (st != NS_OK)
    series_clear (&s);
  return st;
}

ns_status
ns_plot_set_equal_axes (ns_plot *p, int equal)
{
  if (p == NULL)
    return NS_EINVAL;
  p->equal_axes = equal != 0;
  return NS_OK;
}

ns_status
ns_plot_set_log (ns_plot *p, int logx, int logy)
{
  if (p == NULL)
    return NS_EINVAL;
  p->logx = logx != 0;
  p->logy = logy != 0;
  return NS_OK;
}

ns_status
ns_plot_add_text (ns_plot *p, double x, double y, const char *text)
{
  if (p == NULL || text == NULL || !isfinite (x) || !isfinite (y) || text[0] == '\0')
    return NS_EINVAL;
  if (p->ntexts >= NS_PLOT_MAX_TEXTS)
    return NS_ELIMIT;
  char *copy = NULL;
  ns_status st = replace_text (&copy, text);
  if (st != NS_OK)
    return st;
  text_label *v = realloc (p->texts, (p->ntexts + 1) * sizeof *v);
  if (v == NULL)
    {
      free (copy);
      return NS_ENOMEM;
    }
  p->texts = v;
  p->texts[p->ntexts++] = (text_label) { x, y, copy };
  return NS_OK;
}

/* ------------------------------------------------------------------ writing */

static int
name_is_valid (const char *name)
{
  size_t n = strlen (name);
  if (n == 0 || n > NS_PLOT_MAX_TEXT || name[0] == '.')
    return 0;
  for (size_t i = 0; i < n; i++)
    {
      char ch = name[i];
      int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z')
               || (ch >= '0' && ch <= '9') || ch == '.' || ch == '_' || ch == '-';
      if (!ok)
        return 0;
    }
  return 1;
}

/* "<dir>/<name><suffix>" in new memory, or NULL. */
static char *
file_path (const char *dir, const char *name, const char *suffix)
{
  size_t n = strlen (dir) + strlen (name) + strlen (suffix) + 2;
  char *path = malloc (n);
  if (path != NULL)
    snprintf (path, n, "%s/%s%s", dir, name, suffix);
  return path;
}

/* Writes T as a gnuplot string: single-quoted, where the only escape is ''
   for a quote and nothing else is interpreted (no backslash escapes, no
   `command` substitution).  gnuplot 5.4 misreads two doubled quotes in a
   row ('f''''' for f''), so a run of two or more quotes is written as a
   double-quoted string of quotes joined with gnuplot's '.' operator:
   'f'."''".'(x)'. */
static void
put_quoted (FILE *out, const char *t)
{
  fputc ('\'', out);
  while (*t != '\0')
    {
      size_t run = strspn (t, "'");
      if (run >= 2)
        {
          fputs ("'.\"", out);
          fwrite (t, 1, run, out);
          fputs ("\".'", out);
        }
      else if (run == 1)
        fputs ("''", out);
      else
        fputc (*t, out);
      t += run ? run : 1;
    }
  fputc ('\'', out);
}

/* The data: one block per series separated by two blank lines (gnuplot's
   `index`), segments by one blank line.  The shortest round-trip text
   with '.' whatever the caller's locale: gnuplot reads it exactly. */
static void
write_data (FILE *out, const ns_plot *p, const char *name)
{
  fprintf (out, "# %s.dat: written by nonsmooth %s.  One block per series (gnuplot\n"
                "# index 0, 1, ...), a blank line between the segments of a series.\n",
           name, ns_version ());
  for (size_t i = 0; i < p->nseries; i++)
    {
      const series *s = &p->series[i];
      static const char *const kinds[] = { "function", "points", "line", "impulses", "curve",
                                           "area", "segments" };
      if (i > 0)
        fputs ("\n\n", out);
      fprintf (out, "# index %zu: %s%s%s\n", i, kinds[s->kind],
               s->label ? ", " : "", s->label ? s->label : "");
      for (size_t k = 0; k < s->n; k++)
        {
          if (s->s[k].starts_segment && k > 0)
            fputc ('\n', out);
          char xs[NS_NUMBER_TEXT_SIZE], ys[NS_NUMBER_TEXT_SIZE];
          ns_format_number (s->s[k].x, xs);
          ns_format_number (s->s[k].y, ys);
          fprintf (out, "%s %s\n", xs, ys);
        }
    }
}

/* "set xrange [-1.5:2.5]": numbers as gnuplot reads them, in any locale. */
static void
put_range (FILE *out, const char *which, double lo, double hi)
{
  char ls[NS_NUMBER_TEXT_SIZE], hs[NS_NUMBER_TEXT_SIZE];
  ns_format_number (lo, ls);
  ns_format_number (hi, hs);
  fprintf (out, "set %s [%s:%s]\n", which, ls, hs);
}

static int
has_kind (const ns_plot *p, series_kind kind)
{
  for (size_t i = 0; i < p->nseries; i++)
    if (p->series[i].kind == kind)
      return 1;
  return 0;
}

/* 1 when every coordinate on a logarithmic axis is > 0: samples, ranges,
   texts, and no impulse or area, whose base y = 0 has no logarithm. */
static int
log_axes_fit (const ns_plot *p)
{
  if (p->logy && (has_kind (p, SERIES_IMPULSES) || has_kind (p, SERIES_AREA)))
    return 0;
  if ((p->logx && p->has_xrange && !(p->xlo > 0)) || (p->logy && p->has_yrange && !(p->ylo > 0)))
    return 0;
  for (size_t i = 0; i < p->nseries; i++)
    for (size_t k = 0; k < p->series[i].n; k++)
      if ((p->logx && !(p->series[i].s[k].x > 0)) || (p->logy && !(p->series[i].s[k].y > 0)))
        return 0;
  for (size_t i = 0; i < p->ntexts; i++)
    if ((p->logx && !(p->texts[i].x > 0)) || (p->logy && !(p->texts[i].y > 0)))
      return 0;
  return 1;
}

/* 1 when every y of the figure (samples, the base 0 of impulses, texts)
   is the same number *Y: gnuplot would warn about an empty y range. */
static int
flat_y (const ns_plot *p, double *y)
{
  int seen = 0;
  for (size_t i = 0; i < p->nseries; i++)
    for (size_t k = 0; k < p->series[i].n; k++)
      {
        double v[2] = { p->series[i].s[k].y, 0 };
        int based = p->series[i].kind == SERIES_IMPULSES || p->series[i].kind == SERIES_AREA;
        for (int j = 0; j < (based ? 2 : 1); j++)
          {
            if (seen && v[j] != *y)
              return 0;
            *y = v[j];
            seen = 1;
          }
      }
  for (size_t i = 0; i < p->ntexts; i++)
    {
      if (seen && p->texts[i].y != *y)
        return 0;
      *y = p->texts[i].y;
      seen = 1;
    }
  return seen;
}

static void
write_script (FILE *out, const ns_plot *p, ns_plot_terminal term, const char *dir,
              const char *name, const char *data_path, const char *image_path)
{
  int dumb = term == NS_PLOT_DUMB || term == NS_PLOT_DUMB_ANSI;
  int width = p->width ? p->width : dumb ? NS_PLOT_DUMB_WIDTH : NS_PLOT_IMAGE_WIDTH;
  int height = p->height ? p->height : dumb ? NS_PLOT_DUMB_HEIGHT : NS_PLOT_IMAGE_HEIGHT;
  double flat;
  fprintf (out, "# %s.gp: written by nonsmooth %s; run: gnuplot ", name, ns_version ());
  put_quoted (out, dir);
  fprintf (out, "/%s.gp\n", name);
  fputs ("set encoding utf8\n", out);
  switch (term)
    {
    case NS_PLOT_DUMB:
    case NS_PLOT_DUMB_ANSI:
      fprintf (out, "set terminal dumb size %d,%d %s\n", width, height,
               term == NS_PLOT_DUMB_ANSI ? "ansi" : "mono");
      break;
    case NS_PLOT_PNG:
      /* gd's png terminal draws every dash pattern solid; cairo's, where
         this gnuplot has it, draws them. */
      fprintf (out, "set terminal png size %d,%d\n"
                    "if (strstrt (GPVAL_TERMINALS, 'pngcairo') > 0) "
                    "set terminal pngcairo size %d,%d\n", width, height, width, height);
      break;
    case NS_PLOT_SVG:
      fprintf (out, "set terminal svg size %d,%d\n", width, height);
      break;
    }
  if (image_path != NULL)
    {
      fputs ("set output ", out);
      put_quoted (out, image_path);
      fputc ('\n', out);
    }
  /* Labels such as f'(x) or x_0 are meant literally. */
  fputs ("set termoption noenhanced\n", out);
  const char *const texts[][2] = {
    { "title", p->title }, { "xlabel", p->xlabel }, { "ylabel", p->ylabel },
  };
  for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
    if (texts[i][1] != NULL)
      {
        fprintf (out, "set %s ", texts[i][0]);
        put_quoted (out, texts[i][1]);
        fputc ('\n', out);
      }
  if (p->logx || p->logy)
    fprintf (out, "set logscale %s%s\n", p->logx ? "x" : "", p->logy ? "y" : "");
  /* A square is drawn square (a Clarke set in the plane).  Not on the
     text terminal, whose characters are about twice as tall as wide: the
     ratio counts them as square, and the picture would only shrink. */
  if (p->equal_axes && !dumb)
    fputs ("set size ratio -1\n", out);
  if (p->has_xrange)
    put_range (out, "xrange", p->xlo, p->xhi);
  if (p->has_yrange)
    put_range (out, "yrange", p->ylo, p->yhi);
  else if (!p->logy && flat_y (p, &flat))
    {
      /* A constant (the derivative of a step): the range gnuplot would pick
         after its warning, 1% either side, or [y - 1, y + 1] about 0. */
      double d = fabs (flat) / 100;
      if (!(flat - d < flat + d))
        d = 1;
      put_range (out, "yrange", flat - d, flat + d);
    }
  /* Arrows and texts near the top or bottom would be cut by the border. */
  if (!p->has_yrange && (p->ntexts > 0 || has_kind (p, SERIES_IMPULSES)))
    fputs ("set offsets 0, 0, graph 0.1, graph 0.1\n", out);
  for (size_t i = 0; i < p->ntexts; i++)
    {
      fprintf (out, "set label %zu ", i + 1);
      put_quoted (out, p->texts[i].text);
      char xs[NS_NUMBER_TEXT_SIZE], ys[NS_NUMBER_TEXT_SIZE];
      ns_format_number (p->texts[i].x, xs);
      ns_format_number (p->texts[i].y, ys);
      fprintf (out, " at %s,%s offset 1,0 front\n", xs, ys);
    }
  /* The key goes below the plot, where it hides no curve and no arrow. */
  fputs ("set key below\n", out);
  if (!dumb)
    fputs ("set grid\n", out);
  int dashed = 0;   /* lines and curves drawn so far: each gets its own dash */
  for (size_t i = 0; i < p->nseries; i++)
    {
      const series *s = &p->series[i];
      fputs (i == 0 ? "plot " : ", \\\n     ", out);
      put_quoted (out, i == 0 ? data_path : "");
      fprintf (out, " index %zu %swith ", i,
               s->kind == SERIES_IMPULSES ? "using 1:(0):(0):2 " : "");
      const char *color = dumb ? color_table[s->color].dumb : color_table[s->color].image;
      if (s->kind == SERIES_POINTS)
        fprintf (out, dumb ? "points pt 'o'" : "points pt 7 ps 1.5");
      else if (s->kind == SERIES_IMPULSES)
        /* (x, w) drawn as the vector from (x, 0) to (x, w). */
        fprintf (out, dumb ? "vectors head filled" : "vectors head filled lw 2");
      else if (s->kind == SERIES_AREA)
        /* Shaded down to y = 0: a hatch pattern, legible without colour. */
        fprintf (out, dumb ? "filledcurves y=0" : "filledcurves y=0 fs pattern 4 border");
      else if (dumb)
        /* Each plot gets its own character (*, #, $, ...) in mono. */
        fputs ("lines", out);
      else if (s->kind == SERIES_FUNCTION)
        /* Functions solid and heavier, over dashed lines and curves, so
           that a graph reads in monochrome print too. */
        fputs ("lines lw 3", out);
      else if (s->kind == SERIES_SEGMENTS)
        /* Many short pieces (contours, kink lines): solid, or a dash
           pattern would not show on them. */
        fputs ("lines lw 1.5", out);
      else
        fprintf (out, "lines lw 2 dt %d", 2 + dashed++ % 4);
      fprintf (out, " lc rgb '%s' ", color);
      if (s->label != NULL)
        {
          fputs ("title ", out);
          put_quoted (out, s->label);
        }
      else
        fputs ("notitle", out);
    }
  fputc ('\n', out);
}

/* Writes the data (SCRIPT = 0) or the script to PATH; 0 when the file
   cannot be opened or written. */
static int
write_file (const char *path, const ns_plot *p, ns_plot_terminal term, const char *dir,
            const char *name, const char *data_path, const char *image_path, int script)
{
  FILE *out = fopen (path, "w");
  if (out == NULL)
    return 0;
  if (script)
    write_script (out, p, term, dir, name, data_path, image_path);
  else
    write_data (out, p, name);
  int bad = ferror (out);
  bad |= fclose (out) != 0;
  return !bad;
}

ns_status
ns_plot_write (const ns_plot *p, ns_plot_terminal term, const char *dir, const char *name)
{
  if (p == NULL || dir == NULL || name == NULL || p->nseries == 0 || !name_is_valid (name)
      || !text_is_valid (dir) || dir[0] == '\0'
      || (term != NS_PLOT_DUMB && term != NS_PLOT_DUMB_ANSI && term != NS_PLOT_PNG
          && term != NS_PLOT_SVG))
    return NS_EINVAL;
  if (!log_axes_fit (p))
    return NS_EDOM;
  const char *image_suffix = term == NS_PLOT_PNG ? ".png" : term == NS_PLOT_SVG ? ".svg" : NULL;
  char *data_path = file_path (dir, name, ".dat");
  char *script_path = file_path (dir, name, ".gp");
  char *image_path = image_suffix ? file_path (dir, name, image_suffix) : NULL;
  ns_status st = NS_OK;
  if (data_path == NULL || script_path == NULL || (image_suffix && image_path == NULL))
    st = NS_ENOMEM;
  else if (!write_file (data_path, p, term, dir, name, data_path, image_path, 0)
           || !write_file (script_path, p, term, dir, name, data_path, image_path, 1))
    st = NS_EINVAL;
  free (data_path);
  free (script_path);
  free (image_path);
  return st;
}
