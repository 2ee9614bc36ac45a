/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_plot.c: the plot module.  Data files read back and compared
   with ns_fn_eval and hand-derived one-sided limits: breakpoints are
   samples, jumps separate segments, undefined points are left out; the
   same for pointwise derivatives against hand-derived derivatives;
   impulses and texts land in the data and the script; segments are
   separate pieces of one block, and equal axes reach the script; the
   script names the right terminal and files; bad input gives a status;
   gnuplot itself runs the scripts when it is on PATH. */
#define _POSIX_C_SOURCE 200809L
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

#define X ns_fn_x ()
#define C(v) ns_fn_const (v)

/* ------------------------------------------------------------------ a scratch directory */

static char scratch[4096];

static void
scratch_make (void)
{
  const char *tmp = getenv ("TMPDIR");
  snprintf (scratch, sizeof scratch, "%s/ns-test-plot-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  ck_assert_ptr_nonnull (mkdtemp (scratch));
}

static void
scratch_remove (void)
{
  static const char *const suffixes[] = { ".dat", ".gp", ".png", ".svg", ".txt" };
  static const char *const names[] = { "fig", "relu", "floor", "steps", "dumb", "png", "svg" };
  char path[4200];
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    for (size_t j = 0; j < sizeof suffixes / sizeof *suffixes; j++)
      {
        snprintf (path, sizeof path, "%s/%s%s", scratch, names[i], suffixes[j]);
        remove (path);
      }
  ck_assert_int_eq (rmdir (scratch), 0);
}

/* ------------------------------------------------------------------ reading a data file back */

#define MAXPTS 4096
typedef struct data {
  size_t n;                 /* points */
  double x[MAXPTS], y[MAXPTS];
  int block[MAXPTS];        /* gnuplot index of each point */
  int segment[MAXPTS];      /* segment number within its block */
  int has_nan;              /* "nan" or "inf" anywhere */
} data;

/* Parses the layout documented in the manual: '#' comments, one blank
   line between segments, two between blocks. */
static void
read_data (const char *path, data *d)
{
  FILE *in = fopen (path, "r");
  ck_assert_msg (in != NULL, "cannot open %s", path);
  memset (d, 0, sizeof *d);
  char line[512];
  int blanks = 0, block = 0, segment = 0, seen = 0;
  while (fgets (line, sizeof line, in))
    {
      if (line[0] == '#')
        continue;
      if (strstr (line, "nan") || strstr (line, "inf"))
        d->has_nan = 1;
      if (line[0] == '\n')
        {
          blanks++;
          continue;
        }
      if (seen && blanks == 1)
        segment++;
      else if (seen && blanks >= 2)
        block++, segment = 0;
      blanks = 0;
      seen = 1;
      ck_assert_uint_lt (d->n, MAXPTS);
      char *end;
      d->x[d->n] = strtod (line, &end);
      d->y[d->n] = strtod (end, &end);
      ck_assert_msg (*end == '\n', "bad line %s", line);
      d->block[d->n] = block;
      d->segment[d->n] = segment;
      d->n++;
    }
  fclose (in);
}

static char *
read_text (const char *path)
{
  FILE *in = fopen (path, "r");
  ck_assert_msg (in != NULL, "cannot open %s", path);
  static char buf[65536];
  size_t n = fread (buf, 1, sizeof buf - 1, in);
  buf[n] = '\0';
  fclose (in);
  return buf;
}

static void
path_of (char *buf, size_t size, const char *name, const char *suffix)
{
  snprintf (buf, size, "%s/%s%s", scratch, name, suffix);
}

/* Writes P as NAME for TERM and reads its data back. */
static void
write_and_read (const ns_plot *p, ns_plot_terminal term, const char *name, data *d)
{
  char path[4200];
  ck_assert_int_eq (ns_plot_write (p, term, scratch, name), NS_OK);
  path_of (path, sizeof path, name, ".dat");
  read_data (path, d);
}

/* ------------------------------------------------------------------ sampling */

START_TEST (test_relu_samples_are_exact_values)
{
  /* Seed 000's grid: X = -4, -3, ..., 4 is n = 9 samples of [-4, 4]; the
     kink 0 is both a grid point and the breakpoint, written once. */
  scratch_make ();
  ns_function *r = ns_fn_relu (X);
  ns_plot *p = ns_plot_alloc ();
  ck_assert_ptr_nonnull (p);
  ck_assert_int_eq (ns_plot_add_function (p, r, -4, 4, 9, "blue", "relu"), NS_OK);
  static data d;
  write_and_read (p, NS_PLOT_DUMB, "relu", &d);
  ck_assert_uint_eq (d.n, 9);
  for (size_t i = 0; i < d.n; i++)
    {
      ns_result v;
      ck_assert (d.x[i] == -4.0 + (double) i);
      ck_assert_int_eq (ns_fn_eval (r, d.x[i], &v), NS_OK);
      ck_assert (d.y[i] == v.val);
      ck_assert (d.y[i] == (d.x[i] > 0 ? d.x[i] : 0.0));   /* max(0, x) by hand */
      ck_assert_int_eq (d.segment[i], 0);                 /* continuous: one segment */
    }
  ns_plot_free (p);
  ns_fn_free (r);
  scratch_remove ();
}
END_TEST

START_TEST (test_breakpoints_are_samples)
{
  /* Grid -1, -1/3, 1/3, 1 misses the kinks of relu(x - 1/4) at 1/4 and of
     abs(x) at 0; both must appear, with their exact values. */
  scratch_make ();
  ns_function *f = ns_fn_add (ns_fn_relu (ns_fn_sub (X, C (0.25))), ns_fn_abs (X));
  ns_plot *p = ns_plot_alloc ();
  ck_assert_int_eq (ns_plot_add_function (p, f, -1, 1, 4, NULL, NULL), NS_OK);
  static data d;
  write_and_read (p, NS_PLOT_DUMB, "fig", &d);
  ck_assert_uint_eq (d.n, 6);
  /* The grid is a + (b - a) (i / (n - 1)), as the manual says. */
  const double xs[] = { -1, -1 + 2 * (1.0 / 3), 0, 0.25, -1 + 2 * (2.0 / 3), 1 };
  for (size_t i = 0; i < d.n; i++)
    {
      ns_result v;
      ck_assert_msg (d.x[i] == xs[i], "x[%zu] = %.17g", i, d.x[i]);
      ck_assert_int_eq (ns_fn_eval (f, d.x[i], &v), NS_OK);
      ck_assert (d.y[i] == v.val);
      ck_assert_int_eq (d.segment[i], 0);
      if (i > 0)
        ck_assert (d.x[i] > d.x[i - 1]);
    }
  ck_assert (d.y[2] == 0 && d.y[3] == 0.25);   /* |0| + 0 and |1/4| + 0 */
  ns_plot_free (p);
  ns_fn_free (f);
  scratch_remove ();
}
END_TEST

START_TEST (test_jumps_separate_segments)
{
  /* floor on [-0.5, 2.5], 7 samples (step 1/2): breakpoints 0, 1, 2.
     Each piece ends at the left limit c - 1 and the next begins at c. */
  scratch_make ();
  ns_function *f = ns_fn_floor (X);
  ns_plot *p = ns_plot_alloc ();
  ck_assert_int_eq (ns_plot_add_function (p, f, -0.5, 2.5, 7, "red", "floor"), NS_OK);
  static data d;
  write_and_read (p, NS_PLOT_DUMB, "floor", &d);
  /* segment 0: (-0.5,-1) (0,-1) | 1: (0,0) (0.5,0) (1,0) | 2: (1,1) (1.5,1) (2,1) | 3: (2,2) (2.5,2) */
  static const double xs[] = { -0.5, 0, 0, 0.5, 1, 1, 1.5, 2, 2, 2.5 };
  static const double ys[] = { -1, -1, 0, 0, 0, 1, 1, 1, 2, 2 };
  static const int seg[] = { 0, 0, 1, 1, 1, 2, 2, 2, 3, 3 };
  ck_assert_uint_eq (d.n, 10);
  for (size_t i = 0; i < d.n; i++)
    {
      ck_assert_msg (d.x[i] == xs[i] && d.y[i] == ys[i] && d.segment[i] == seg[i],
                     "point %zu: (%g, %g) in segment %d", i, d.x[i], d.y[i], d.segment[i]);
      /* Away from the jumps the samples are ns_fn_eval's values. */
      if (d.x[i] != floor (d.x[i]))
        {
          ns_result v;
          ck_assert_int_eq (ns_fn_eval (f, d.x[i], &v), NS_OK);
          ck_assert (d.y[i] == v.val);
        }
    }
  /* Heaviside with H(0) = 1/2: the value 1/2 is no endpoint of a piece. */
  ns_plot_free (p);
  ns_fn_free (f);
  f = ns_fn_heaviside (X, 0.5);
  p = ns_plot_alloc ();
  ck_assert_int_eq (ns_plot_add_function (p, f, -1, 1, 3, NULL, NULL), NS_OK);
  write_and_read (p, NS_PLOT_DUMB, "steps", &d);
  ck_assert_uint_eq (d.n, 4);
  ck_assert (d.x[1] == 0 && d.y[1] == 0 && d.segment[1] == 0);
  ck_assert (d.x[2] == 0 && d.y[2] == 1 && d.segment[2] == 1);
  ns_plot_free (p);
  ns_fn_free (f);
  scratch_remove ();
}
END_TEST

START_TEST (test_undefined_points_are_skipped)
{
  /* log(x) on [-1, 1], 5 samples: only 0.5 and 1 exist (log 0 = -inf is
     no sample); sqrt(x) starts at its breakpoint (0, 0); 1/x is two
     segments with nothing at 0.  No NaN or inf is ever written. */
  scratch_make ();
  ns_function *lg = ns_fn_log (X), *sq = ns_fn_sqrt (X), *inv = ns_fn_pow (X, -1);
  ns_plot *p = ns_plot_alloc ();
  ck_assert_int_eq (ns_plot_add_function (p, lg, -1, 1, 5, "blue", "log"), NS_OK);
  ck_assert_int_eq (ns_plot_add_function (p, sq, -1, 1, 5, "green", "sqrt"), NS_OK);
  ck_assert_int_eq (ns_plot_add_function (p, inv, -1, 1, 5, "red", "1/x"), NS_OK);
  ck_assert_uint_eq (ns_plot_count (p), 3);
  static data d;
  write_and_read (p, NS_PLOT_SVG, "fig", &d);
  ck_assert (!d.has_nan);
  size_t k = 0;
  ck_assert (d.block[k] == 0 && d.x[k] == 0.5 && d.y[k] == log (0.5));
  k++;
  ck_assert (d.block[k] == 0 && d.x[k] == 1 && d.y[k] == 0);
  k++;
  ck_assert (d.block[k] == 1 && d.x[k] == 0 && d.y[k] == 0);
  k += 3;
  ck_assert (d.block[k - 1] == 1 && d.x[k - 1] == 1);
  ck_assert (d.block[k] == 2 && d.x[k] == -1 && d.y[k] == -1 && d.segment[k] == 0);
  ck_assert (d.x[k + 1] == -0.5 && d.segment[k + 1] == 0);
  ck_assert (d.x[k + 2] == 0.5 && d.y[k + 2] == 2 && d.segment[k + 2] == 1);
  ck_assert_uint_eq (d.n, k + 4);
  ns_plot_free (p);
  ns_fn_free (lg);
  ns_fn_free (sq);
  ns_fn_free (inv);
  scratch_remove ();
}
END_TEST

START_TEST (test_points_and_lines)
{
  /* A supporting line of relu at 0 with slope 0.3 over [-2, 2]: y = 0.3 x,
     endpoints -0.6 and 0.6; the kink as a marked point. */
  scratch_make ();
  ns_plot *p = ns_plot_alloc ();
  double x0 = 0, y0 = 0;
  ck_assert_int_eq (ns_plot_add_points (p, &x0, &y0, 1, "red", "kink"), NS_OK);
  ck_assert_int_eq (ns_plot_add_line (p, 0, 0, 0.3, -2, 2, "gray", "slope 0.3"), NS_OK);
  ck_assert_int_eq (ns_plot_add_line (p, 1, 2, -1, 0, 4, NULL, NULL), NS_OK);
  static data d;
  write_and_read (p, NS_PLOT_PNG, "fig", &d);
  ck_assert_uint_eq (d.n, 5);
  ck_assert (d.block[0] == 0 && d.x[0] == 0 && d.y[0] == 0);
  ck_assert (d.block[1] == 1 && d.x[1] == -2 && d.y[1] == 0.3 * -2);
  ck_assert (d.block[2] == 1 && d.x[2] == 2 && d.y[2] == 0.3 * 2 && d.segment[2] == 0);
  /* y = 2 - (x - 1): 3 at 0, -1 at 4 */
  ck_assert (d.block[3] == 2 && d.y[3] == 3 && d.y[4] == -1);
  ns_plot_free (p);
  scratch_remove ();
}
END_TEST

START_TEST (test_derivative_samples)
{
  /* f = x|x| on [-2, 2], 5 samples (step 1): f' = 2|x| is continuous, so
     the kink 0 is one sample (0, 0); f'' = 2 sign(x) jumps from -2 to 2 at
     0: two segments meeting there.  Away from 0 the samples are
     ns_fn_deriv's values and the hand-derived ones. */
  scratch_make ();
  ns_function *f = ns_fn_mul (X, ns_fn_abs (X));
  ns_plot *p = ns_plot_alloc ();
  ck_assert_int_eq (ns_plot_add_derivative (p, f, 1, -2, 2, 5, "blue", "f'"), NS_OK);
  ck_assert_int_eq (ns_plot_add_derivative (p, f, 2, -2, 2, 5, "red", "f''"), NS_OK);
  static data d;
  write_and_read (p, NS_PLOT_DUMB, "fig", &d);
  ck_assert_uint_eq (d.n, 5 + 6);
  for (size_t i = 0; i < 5; i++)
    {
      double x = -2.0 + (double) i, v;
      ck_assert (d.block[i] == 0 && d.segment[i] == 0 && d.x[i] == x);
      ck_assert (d.y[i] == 2 * fabs (x));
      ck_assert_int_eq (ns_fn_deriv (f, x, 1, &v), NS_OK);
      ck_assert (d.y[i] == v);
    }
  static const double xs[] = { -2, -1, 0, 0, 1, 2 }, ys[] = { -2, -2, -2, 2, 2, 2 };
  static const int seg[] = { 0, 0, 0, 1, 1, 1 };
  for (size_t i = 0; i < 6; i++)
    ck_assert_msg (d.block[5 + i] == 1 && d.x[5 + i] == xs[i] && d.y[5 + i] == ys[i]
                   && d.segment[5 + i] == seg[i], "f'' point %zu: (%g, %g) segment %d", i,
                   d.x[5 + i], d.y[5 + i], d.segment[5 + i]);
  ns_plot_free (p);
  ns_fn_free (f);

  /* The derivative of heaviside is 0 on both sides of 0 (the jump is a
     delta, not a value): one segment of zeros through (0, 0).  The
     derivative of log is 1/x, left out where x <= 0; order 0 is the
     function itself. */
  ns_function *h = ns_fn_heaviside (X, 0.5), *lg = ns_fn_log (X);
  p = ns_plot_alloc ();
  ck_assert_int_eq (ns_plot_add_derivative (p, h, 1, -1, 1, 3, NULL, NULL), NS_OK);
  ck_assert_int_eq (ns_plot_add_derivative (p, lg, 1, -1, 1, 5, NULL, NULL), NS_OK);
  ck_assert_int_eq (ns_plot_add_derivative (p, lg, 0, -1, 1, 5, NULL, NULL), NS_OK);
  write_and_read (p, NS_PLOT_DUMB, "fig", &d);
  ck_assert (!d.has_nan);
  ck_assert_uint_eq (d.n, 3 + 2 + 2);
  for (size_t i = 0; i < 3; i++)
    ck_assert (d.block[i] == 0 && d.segment[i] == 0 && d.x[i] == -1.0 + (double) i
               && d.y[i] == 0);
  ck_assert (d.block[3] == 1 && d.x[3] == 0.5 && d.y[3] == 2);
  ck_assert (d.block[4] == 1 && d.x[4] == 1 && d.y[4] == 1);
  ck_assert (d.block[5] == 2 && d.x[5] == 0.5 && d.y[5] == log (0.5));
  ns_plot_free (p);

  /* A flat figure (heaviside' is 0 wherever it exists; the constant 3):
     the script fixes the y range gnuplot would otherwise warn about,
     [-1, 1] about 0 and 1% either side of 3. */
  static const struct {
    double c;
    double lo, hi;
  } flat[] = { { 0, -1, 1 }, { 3, 3 - 0.03, 3 + 0.03 } };
  for (size_t i = 0; i < 2; i++)
    {
      ns_function *g = i == 0 ? ns_fn_heaviside (X, 0.5) : C (flat[i].c);
      char path[4200];
      p = ns_plot_alloc ();
      ck_assert_int_eq (ns_plot_add_derivative (p, g, i == 0 ? 1 : 0, -1, 1, 3, NULL, NULL),
                        NS_OK);
      ck_assert_int_eq (ns_plot_write (p, NS_PLOT_DUMB, scratch, "fig"), NS_OK);
      path_of (path, sizeof path, "fig", ".gp");
      /* The numbers are the shortest that read back: compare them as doubles. */
      const char *line = strstr (read_text (path), "set yrange [");
      double lo = 0, hi = 0;
      ck_assert_msg (line != NULL && sscanf (line, "set yrange [%lf:%lf]", &lo, &hi) == 2
                     && lo == flat[i].lo && hi == flat[i].hi,
                     "%s lacks set yrange [%.17g:%.17g]", read_text (path), flat[i].lo, flat[i].hi);
      ns_plot_free (p);
      ns_fn_free (g);
    }
  ns_fn_free (h);
  ns_fn_free (lg);
  scratch_remove ();
}
END_TEST

START_TEST (test_impulses_and_texts)
{
  /* Deltas of weights 1, 1, -1/2 at -1, 0, 1, drawn as arrows from
     (x, 0) to (x, w), and two texts. */
  scratch_make ();
  ns_plot *p = ns_plot_alloc ();
  const double x[] = { -1, 0, 1 }, w[] = { 1, 1, -0.5 };
  ck_assert_int_eq (ns_plot_add_impulses (p, x, w, 3, "red", "deltas"), NS_OK);
  ck_assert_int_eq (ns_plot_add_text (p, 0, 1, "1 \xce\xb4(x)"), NS_OK);
  ck_assert_int_eq (ns_plot_add_text (p, 1, -0.5, "it's -1/2"), NS_OK);
  ck_assert_uint_eq (ns_plot_count (p), 1);   /* texts are no series */
  static data d;
  write_and_read (p, NS_PLOT_DUMB, "fig", &d);
  ck_assert_uint_eq (d.n, 3);
  for (size_t i = 0; i < 3; i++)
    ck_assert (d.block[i] == 0 && d.segment[i] == 0 && d.x[i] == x[i] && d.y[i] == w[i]);
  char path[4200];
  path_of (path, sizeof path, "fig", ".gp");
  const char *gp = read_text (path);
  ck_assert_msg (strstr (gp, "index 0 using 1:(0):(0):2 with vectors head filled lc rgb 'red' "
                             "title 'deltas'") != NULL, "%s", gp);
  ck_assert (strstr (gp, "set label 1 '1 \xce\xb4(x)' at 0,1 offset 1,0 front\n") != NULL);
  ck_assert (strstr (gp, "set label 2 'it''s -1/2' at 1,-0.5 offset 1,0 front\n") != NULL);
  ck_assert (strstr (gp, "set offsets 0, 0, graph 0.1, graph 0.1\n") != NULL);
  ck_assert (strstr (gp, "set key below\n") != NULL && strstr (gp, "top left") == NULL);
  /* A fixed y range needs no room made for arrows. */
  ck_assert_int_eq (ns_plot_set_yrange (p, -1, 2), NS_OK);
  ck_assert_int_eq (ns_plot_set_xrange (p, -2, 2), NS_OK);   /* texts inside the border */
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_SVG, scratch, "svg"), NS_OK);
  path_of (path, sizeof path, "svg", ".gp");
  gp = read_text (path);
  ck_assert (strstr (gp, "set offsets") == NULL && strstr (gp, "vectors head filled lw 2") != NULL);
  if (system ("command -v gnuplot >/dev/null 2>&1") == 0)
    {
      char cmd[9000];
      ck_assert_int_eq (ns_plot_write (p, NS_PLOT_DUMB, scratch, "dumb"), NS_OK);
      snprintf (cmd, sizeof cmd, "gnuplot '%s/dumb.gp' >'%s/dumb.txt' 2>&1", scratch, scratch);
      ck_assert_int_eq (system (cmd), 0);
      path_of (path, sizeof path, "dumb", ".txt");
      const char *text = read_text (path);
      ck_assert_msg (strstr (text, "it's -1/2") != NULL && strstr (text, "deltas") != NULL
                     && strstr (text, "warning") == NULL, "gnuplot said:\n%s", text);
    }
  /* Bad input: nothing is added. */
  double nan = NAN;
  ck_assert_int_eq (ns_plot_add_impulses (NULL, x, w, 1, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_impulses (p, x, NULL, 1, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_impulses (p, x, w, 0, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_impulses (p, x, &nan, 1, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_impulses (p, x, w, 1, "mauve", NULL), NS_EINVAL);
  ck_assert_uint_eq (ns_plot_count (p), 1);
  ck_assert_int_eq (ns_plot_add_text (NULL, 0, 0, "t"), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_text (p, 0, 0, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_text (p, 0, 0, ""), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_text (p, INFINITY, 0, "t"), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_text (p, 0, nan, "t"), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_text (p, 0, 0, "new\nline"), NS_EINVAL);
  for (int i = 2; i < NS_PLOT_MAX_TEXTS; i++)
    ck_assert_int_eq (ns_plot_add_text (p, i, 0, "t"), NS_OK);
  ck_assert_int_eq (ns_plot_add_text (p, 0, 0, "one too many"), NS_ELIMIT);
  ns_plot_free (p);
  scratch_remove ();
}
END_TEST

START_TEST (test_curves_areas_and_log_axes)
{
  /* The curve y = 1/sqrt(k) at k = 1, 4, 16 (values 1, 1/2, 1/4, exact)
     on log-log axes; an area y = 1 - x^2 over [-1, 1] at x = -1, 0, 1. */
  scratch_make ();
  ns_plot *p = ns_plot_alloc ();
  double k[] = { 1, 4, 16 }, e[] = { 1, 0.5, 0.25 };
  ck_assert_int_eq (ns_plot_add_curve (p, k, e, 3, "blue", "1/sqrt(k)"), NS_OK);
  ck_assert_int_eq (ns_plot_add_line (p, 1, 1, 0, 1, 16, NULL, "1"), NS_OK);
  ck_assert_int_eq (ns_plot_set_log (p, 1, 1), NS_OK);
  static data d;
  write_and_read (p, NS_PLOT_SVG, "fig", &d);
  ck_assert_uint_eq (d.n, 5);
  for (size_t i = 0; i < 3; i++)
    ck_assert (d.block[i] == 0 && d.segment[i] == 0 && d.x[i] == k[i] && d.y[i] == e[i]);
  char path[4200];
  path_of (path, sizeof path, "fig", ".gp");
  const char *gp = read_text (path);
  ck_assert_msg (strstr (gp, "set logscale xy\n") != NULL, "%s", gp);
  /* The curve and the line each with its own dash; the key below. */
  ck_assert_msg (strstr (gp, "index 0 with lines lw 2 dt 2 ") != NULL
                 && strstr (gp, "index 1 with lines lw 2 dt 3 ") != NULL
                 && strstr (gp, "set key below\n") != NULL, "%s", gp);
  /* A non-positive coordinate on a log axis: NS_EDOM, nothing written. */
  ck_assert_int_eq (ns_plot_set_xrange (p, 0, 16), NS_OK);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_SVG, scratch, "svg"), NS_EDOM);
  ck_assert_int_eq (ns_plot_set_log (p, 0, 1), NS_OK);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_SVG, scratch, "svg"), NS_OK);
  double x0 = 0, y0 = 0;
  ck_assert_int_eq (ns_plot_add_points (p, &x0, &y0, 1, NULL, NULL), NS_OK);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_SVG, scratch, "svg"), NS_EDOM);
  ns_plot_free (p);

  p = ns_plot_alloc ();
  double x[] = { -1, 0, 1 }, y[] = { 0, 1, 0 };
  ck_assert_int_eq (ns_plot_add_area (p, x, y, 3, "gray", "area"), NS_OK);
  write_and_read (p, NS_PLOT_DUMB, "fig", &d);
  ck_assert (d.n == 3 && d.y[1] == 1 && d.segment[2] == 0);
  gp = read_text (path);
  ck_assert_msg (strstr (gp, "index 0 with filledcurves y=0 lc rgb 'gray' title 'area'") != NULL,
                 "%s", gp);
  /* An area's base y = 0 has no logarithm. */
  ck_assert_int_eq (ns_plot_set_log (p, 0, 1), NS_OK);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_DUMB, scratch, "fig"), NS_EDOM);
  ck_assert_int_eq (ns_plot_set_log (p, 0, 0), NS_OK);
  if (system ("command -v gnuplot >/dev/null 2>&1") == 0)
    {
      char cmd[9000];
      ck_assert_int_eq (ns_plot_write (p, NS_PLOT_DUMB, scratch, "dumb"), NS_OK);
      snprintf (cmd, sizeof cmd, "gnuplot '%s/dumb.gp' >'%s/dumb.txt' 2>&1", scratch, scratch);
      ck_assert_int_eq (system (cmd), 0);
      path_of (path, sizeof path, "dumb", ".txt");
      const char *text = read_text (path);
      ck_assert_msg (strstr (text, "area") != NULL && strstr (text, "warning") == NULL,
                     "gnuplot said:\n%s", text);
    }
  /* Bad input: nothing is added. */
  ck_assert_int_eq (ns_plot_add_curve (p, x, y, 1, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_area (p, x, NULL, 3, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_curve (NULL, x, y, 3, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_area (p, x, y, 3, "mauve", NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_set_log (NULL, 1, 1), NS_EINVAL);
  ck_assert_uint_eq (ns_plot_count (p), 1);
  ns_plot_free (p);
  scratch_remove ();
}
END_TEST

/* ------------------------------------------------------------------ segments */

START_TEST (test_segments_and_equal_axes)
{
  /* Two disjoint segments, (0, 0)-(1, 2) and (-1, 3)-(-2, 4): four points
     in one block, two segments of two points each, in the order given;
     drawn solid; with equal axes the script sets the ratio. */
  scratch_make ();
  ns_plot *p = ns_plot_alloc ();
  double x0[] = { 0, -1 }, y0[] = { 0, 3 }, x1[] = { 1, -2 }, y1[] = { 2, 4 };
  ck_assert_int_eq (ns_plot_add_segments (p, x0, y0, x1, y1, 2, "red", "kinks"), NS_OK);
  ck_assert_int_eq (ns_plot_set_equal_axes (p, 1), NS_OK);
  static data d;
  write_and_read (p, NS_PLOT_SVG, "fig", &d);
  ck_assert_uint_eq (d.n, 4);
  const double ex[] = { 0, 1, -1, -2 }, ey[] = { 0, 2, 3, 4 };
  const int eseg[] = { 0, 0, 1, 1 };
  for (size_t i = 0; i < 4; i++)
    ck_assert_msg (d.block[i] == 0 && d.segment[i] == eseg[i] && d.x[i] == ex[i]
                   && d.y[i] == ey[i], "point %zu: (%g, %g) segment %d", i, d.x[i], d.y[i],
                   d.segment[i]);
  char path[4200];
  path_of (path, sizeof path, "fig", ".gp");
  const char *gp = read_text (path);
  ck_assert_msg (strstr (gp, "set size ratio -1\n") != NULL
                 && strstr (gp, "index 0 with lines lw 1.5 lc rgb ") != NULL
                 && strstr (gp, "title 'kinks'") != NULL, "%s", gp);
  ck_assert_int_eq (ns_plot_set_equal_axes (p, 0), NS_OK);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_SVG, scratch, "fig"), NS_OK);
  gp = read_text (path);
  ck_assert_msg (strstr (gp, "set size ratio") == NULL, "%s", gp);
  /* Bad input: nothing is added. */
  double nan = NAN;
  ck_assert_int_eq (ns_plot_add_segments (NULL, x0, y0, x1, y1, 2, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_segments (p, x0, y0, NULL, y1, 2, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_segments (p, x0, y0, x1, y1, 0, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_segments (p, x0, y0, x1, &nan, 1, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_segments (p, x0, y0, x1, y1, 2, "mauve", NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_segments (p, x0, y0, x1, y1, NS_PLOT_MAX_SAMPLES / 2 + 1, NULL,
                                          NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_set_equal_axes (NULL, 1), NS_EINVAL);
  ck_assert_uint_eq (ns_plot_count (p), 1);
  /* The text terminal's characters are not square: no ratio there. */
  ck_assert_int_eq (ns_plot_set_equal_axes (p, 1), NS_OK);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_DUMB, scratch, "dumb"), NS_OK);
  path_of (path, sizeof path, "dumb", ".gp");
  gp = read_text (path);
  ck_assert_msg (strstr (gp, "set size ratio") == NULL, "%s", gp);
  if (system ("command -v gnuplot >/dev/null 2>&1") == 0)
    {
      char cmd[9000];
      ck_assert_int_eq (ns_plot_write (p, NS_PLOT_PNG, scratch, "png"), NS_OK);
      snprintf (cmd, sizeof cmd, "gnuplot '%s/png.gp' >'%s/dumb.txt' 2>&1", scratch, scratch);
      ck_assert_int_eq (system (cmd), 0);
      path_of (path, sizeof path, "dumb", ".txt");
      ck_assert_msg (strstr (read_text (path), "warning") == NULL, "gnuplot said:\n%s",
                     read_text (path));
      snprintf (cmd, sizeof cmd, "gnuplot '%s/dumb.gp' >'%s/dumb.txt' 2>&1", scratch, scratch);
      ck_assert_int_eq (system (cmd), 0);
      path_of (path, sizeof path, "dumb", ".txt");
      const char *text = read_text (path);
      ck_assert_msg (strstr (text, "kinks") != NULL && strstr (text, "warning") == NULL,
                     "gnuplot said:\n%s", text);
    }
  ns_plot_free (p);
  scratch_remove ();
}
END_TEST

/* ------------------------------------------------------------------ scripts */

static ns_plot *
relu_figure (void)
{
  ns_function *r = ns_fn_relu (X);
  ns_plot *p = ns_plot_alloc ();
  double zero = 0;
  ck_assert_int_eq (ns_plot_set_title (p, "ReLU r(x) = max(0, x), it's r'"), NS_OK);
  ck_assert_int_eq (ns_plot_set_labels (p, "x, r''(x) = 0", "r(x)"), NS_OK);
  ck_assert_int_eq (ns_plot_set_yrange (p, -1, 5), NS_OK);
  ck_assert_int_eq (ns_plot_add_function (p, r, -4, 0, 5, "blue", "r'(x) = 0"), NS_OK);
  ck_assert_int_eq (ns_plot_add_function (p, r, 0, 4, 5, "green", "r'(x) = 1"), NS_OK);
  ck_assert_int_eq (ns_plot_add_points (p, &zero, &zero, 1, "red", "r'(0) not defined"), NS_OK);
  ns_fn_free (r);
  return p;
}

START_TEST (test_script_names_terminal_and_files)
{
  scratch_make ();
  ns_plot *p = relu_figure ();
  char path[4200], want[4400];
  static const struct {
    ns_plot_terminal term;
    const char *name, *terminal, *output;
  } cases[] = {
    { NS_PLOT_DUMB, "dumb", "set terminal dumb size 79,22 mono\n", NULL },
    { NS_PLOT_DUMB_ANSI, "dumb", "set terminal dumb size 79,22 ansi\n", NULL },
    { NS_PLOT_PNG, "png", "set terminal png size 800,600\n", ".png" },
    { NS_PLOT_SVG, "svg", "set terminal svg size 800,600\n", ".svg" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
    {
      ck_assert_int_eq (ns_plot_write (p, cases[i].term, scratch, cases[i].name), NS_OK);
      path_of (path, sizeof path, cases[i].name, ".gp");
      const char *gp = read_text (path);
      ck_assert_msg (strstr (gp, cases[i].terminal) != NULL, "%s lacks %s", gp, cases[i].terminal);
      snprintf (want, sizeof want, "plot '%s/%s.dat' index 0 ", scratch, cases[i].name);
      ck_assert_msg (strstr (gp, want) != NULL, "%s lacks %s", gp, want);
      ck_assert (strstr (gp, "'' index 1 ") != NULL && strstr (gp, "'' index 2 ") != NULL);
      if (cases[i].output)
        {
          snprintf (want, sizeof want, "set output '%s/%s%s'\n", scratch, cases[i].name,
                    cases[i].output);
          ck_assert_msg (strstr (gp, want) != NULL, "%s lacks %s", gp, want);
        }
      else
        ck_assert (strstr (gp, "set output") == NULL);   /* dumb: standard output */
      /* Quotes are doubled inside gnuplot strings; markup is off. */
      ck_assert (strstr (gp, "set title 'ReLU r(x) = max(0, x), it''s r'''\n") != NULL);
      ck_assert (strstr (gp, "title 'r''(0) not defined'") != NULL);
      /* Two quotes in a row: a double-quoted run, joined (see put_quoted). */
      ck_assert_msg (strstr (gp, "set xlabel 'x, r'.\"''\".'(x) = 0'\n") != NULL, "%s", gp);
      ck_assert (strstr (gp, "noenhanced") != NULL);
      ck_assert (strstr (gp, "set yrange [-1:5]") != NULL);
    }
  ns_plot_set_size (p, 60, 15);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_DUMB, scratch, "dumb"), NS_OK);
  path_of (path, sizeof path, "dumb", ".gp");
  ck_assert (strstr (read_text (path), "size 60,15 mono") != NULL);
  ns_plot_free (p);
  scratch_remove ();
}
END_TEST

/* Runs gnuplot on a dumb and an svg script when gnuplot is on PATH. */
START_TEST (test_gnuplot_runs_the_scripts)
{
  if (system ("command -v gnuplot >/dev/null 2>&1") != 0)
    {
      printf ("# skipped the gnuplot check: gnuplot is not on PATH\n");
      return;
    }
  scratch_make ();
  ns_plot *p = relu_figure ();
  char cmd[9000], path[4200];
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_DUMB, scratch, "dumb"), NS_OK);
  snprintf (cmd, sizeof cmd, "gnuplot '%s/dumb.gp' >'%s/dumb.txt' 2>&1", scratch, scratch);
  ck_assert_int_eq (system (cmd), 0);
  path_of (path, sizeof path, "dumb", ".txt");
  const char *text = read_text (path);
  ck_assert_msg (strstr (text, "ReLU r(x)") != NULL && strstr (text, "r'(0) not defined") != NULL
                 && strstr (text, "r''(x)") != NULL
                 && strstr (text, "warning") == NULL, "gnuplot said:\n%s", text);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_SVG, scratch, "svg"), NS_OK);
  snprintf (cmd, sizeof cmd, "gnuplot '%s/svg.gp' 2>'%s/svg.txt'", scratch, scratch);
  ck_assert_int_eq (system (cmd), 0);
  path_of (path, sizeof path, "svg", ".txt");
  ck_assert_str_eq (read_text (path), "");
  path_of (path, sizeof path, "svg", ".svg");
  ck_assert (strstr (read_text (path), "<svg") != NULL);
  ns_plot_free (p);
  scratch_remove ();
}
END_TEST

/* ------------------------------------------------------------------ bad input */

START_TEST (test_bad_input)
{
  scratch_make ();
  ns_function *r = ns_fn_relu (X);
  ns_plot *p = ns_plot_alloc ();
  double x = 0, nan = NAN;
  ns_plot_free (NULL);
  ck_assert_uint_eq (ns_plot_count (NULL), 0);
  ck_assert_int_eq (ns_plot_add_function (NULL, r, -1, 1, 10, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_function (p, NULL, -1, 1, 10, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_function (p, r, 1, -1, 10, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_function (p, r, 1, 1, 10, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_function (p, r, -INFINITY, 1, 10, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_function (p, r, NAN, 1, 10, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_function (p, r, -1, 1, 1, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_function (p, r, -1, 1, NS_PLOT_MAX_SAMPLES + 1, NULL, NULL),
                    NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_function (p, r, -1, 1, 10, "chartreuse", NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_function (p, r, -1, 1, 10, NULL, "two\nlines"), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_points (p, NULL, &x, 1, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_points (p, &x, &x, 0, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_points (p, &x, &nan, 1, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_line (p, 0, 0, 1, 2, -2, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_line (p, 0, 0, NAN, -2, 2, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_line (p, 0, 0, 1e308, -1e308, 1e308, NULL, NULL), NS_ERANGE);
  ns_function *lg = ns_fn_log (X);   /* defined nowhere on [-2, 0] */
  ck_assert_int_eq (ns_plot_add_function (p, lg, -2, 0, 10, NULL, NULL), NS_EDOM);
  ck_assert_int_eq (ns_plot_add_derivative (p, lg, 1, -2, 0, 10, NULL, NULL), NS_EDOM);
  ck_assert_int_eq (ns_plot_add_derivative (p, r, -1, -1, 1, 10, NULL, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_derivative (p, r, NS_MAX_ORDER + 1, -1, 1, 10, NULL, NULL),
                    NS_EINVAL);
  ck_assert_int_eq (ns_plot_add_derivative (p, NULL, 1, -1, 1, 10, NULL, NULL), NS_EINVAL);
  ns_fn_free (lg);
  /* Nothing above was added. */
  ck_assert_uint_eq (ns_plot_count (p), 0);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_DUMB, scratch, "fig"), NS_EINVAL);   /* empty */
  ck_assert_int_eq (ns_plot_set_title (NULL, "t"), NS_EINVAL);
  ck_assert_int_eq (ns_plot_set_title (p, "tab\there"), NS_EINVAL);
  ck_assert_int_eq (ns_plot_set_labels (p, "x", "bad\x7f"), NS_EINVAL);
  ck_assert_int_eq (ns_plot_set_xrange (p, 1, 1), NS_EINVAL);
  ck_assert_int_eq (ns_plot_set_yrange (p, 0, INFINITY), NS_EINVAL);
  ck_assert_int_eq (ns_plot_set_size (p, 5, 20), NS_EINVAL);
  ck_assert_int_eq (ns_plot_set_size (p, -1, 0), NS_EINVAL);
  ck_assert_int_eq (ns_plot_set_title (p, NULL), NS_OK);
  ck_assert (ns_plot_color_known ("red") && !ns_plot_color_known ("Red")
             && !ns_plot_color_known (NULL));
  char long_text[NS_PLOT_MAX_TEXT + 2];
  memset (long_text, 'a', sizeof long_text - 1);
  long_text[sizeof long_text - 1] = '\0';
  ck_assert_int_eq (ns_plot_set_title (p, long_text), NS_EINVAL);
  /* Writing: bad names, a directory that does not exist, NULLs, a bad terminal. */
  ck_assert_int_eq (ns_plot_add_points (p, &x, &x, 1, NULL, NULL), NS_OK);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_DUMB, scratch, "a/b"), NS_EINVAL);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_DUMB, scratch, ".hidden"), NS_EINVAL);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_DUMB, scratch, ""), NS_EINVAL);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_DUMB, scratch, "it's"), NS_EINVAL);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_DUMB, NULL, "fig"), NS_EINVAL);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_DUMB, scratch, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_plot_write (NULL, NS_PLOT_DUMB, scratch, "fig"), NS_EINVAL);
  ck_assert_int_eq (ns_plot_write (p, (ns_plot_terminal) 42, scratch, "fig"), NS_EINVAL);
  char missing[4200];
  snprintf (missing, sizeof missing, "%s/no/such/dir", scratch);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_PNG, missing, "fig"), NS_EINVAL);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_PNG, "/dev/null", "fig"), NS_EINVAL);
  ck_assert_int_eq (ns_plot_write (p, NS_PLOT_PNG, scratch, "fig"), NS_OK);
  /* Too many series. */
  for (size_t i = 1; i < NS_PLOT_MAX_SERIES; i++)
    ck_assert_int_eq (ns_plot_add_points (p, &x, &x, 1, NULL, NULL), NS_OK);
  ck_assert_int_eq (ns_plot_add_function (p, r, -1, 1, 10, NULL, NULL), NS_ELIMIT);
  ck_assert_uint_eq (ns_plot_count (p), NS_PLOT_MAX_SERIES);
  ns_plot_free (p);
  /* More breakpoints than NS_PLOT_MAX_BREAKPOINTS: floor on a long range. */
  ns_function *fl = ns_fn_floor (X);
  p = ns_plot_alloc ();
  ck_assert_int_eq (ns_plot_add_function (p, fl, 0, 2.0 * NS_PLOT_MAX_BREAKPOINTS, 10, NULL, NULL),
                    NS_ELIMIT);
  ck_assert_uint_eq (ns_plot_count (p), 0);
  ns_plot_free (p);
  ns_fn_free (fl);
  ns_fn_free (r);
  scratch_remove ();
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("plot");
  TCase *core = tcase_create ("core");
  tcase_add_test (core, test_relu_samples_are_exact_values);
  tcase_add_test (core, test_breakpoints_are_samples);
  tcase_add_test (core, test_jumps_separate_segments);
  tcase_add_test (core, test_undefined_points_are_skipped);
  tcase_add_test (core, test_points_and_lines);
  tcase_add_test (core, test_derivative_samples);
  tcase_add_test (core, test_impulses_and_texts);
  tcase_add_test (core, test_curves_areas_and_log_axes);
  tcase_add_test (core, test_segments_and_equal_axes);
  tcase_add_test (core, test_script_names_terminal_and_files);
  tcase_add_test (core, test_gnuplot_runs_the_scripts);
  tcase_set_timeout (core, 60);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad_input);
  suite_add_tcase (s, limits);
  return s;
}
