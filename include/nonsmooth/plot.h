/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/plot.h: figures as data plus a gnuplot script.  A
   figure holds functions sampled on an interval and split at their
   breakpoints (or their pointwise derivatives), marked points, straight
   lines, impulses (weighted deltas as arrows) and texts; ns_plot_write writes
   <dir>/<name>.dat and <dir>/<name>.gp for a text (dumb), PNG or SVG
   terminal.  Nothing here runs gnuplot: plotting is never needed to compute. */
#ifndef NONSMOOTH_PLOT_H
#define NONSMOOTH_PLOT_H

#include <stddef.h>
#include <nonsmooth/status.h>
#include <nonsmooth/function.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Bounds that keep a figure finite (see the manual). */
#define NS_PLOT_MAX_SERIES 64          /* functions, point sets and lines in one figure */
#define NS_PLOT_MAX_SAMPLES 100000     /* samples of one function */
#define NS_PLOT_MAX_BREAKPOINTS 10000  /* breakpoints of one function inside [a, b] */
#define NS_PLOT_MAX_TEXT 200           /* bytes of a title, label or name */
#define NS_PLOT_MAX_TEXTS 256          /* texts placed with ns_plot_add_text */

/* Default sizes: characters for dumb (a page of 80x24 with room for a
   prompt), pixels for png and svg. */
#define NS_PLOT_DUMB_WIDTH 79
#define NS_PLOT_DUMB_HEIGHT 22
#define NS_PLOT_IMAGE_WIDTH 800
#define NS_PLOT_IMAGE_HEIGHT 600

typedef enum ns_plot_terminal {
  NS_PLOT_DUMB = 0,    /* text on standard output, no colour */
  NS_PLOT_DUMB_ANSI,   /* text on standard output with ANSI colour codes */
  NS_PLOT_PNG,         /* <dir>/<name>.png */
  NS_PLOT_SVG          /* <dir>/<name>.svg */
} ns_plot_terminal;

typedef struct ns_plot ns_plot;

/* A new, empty figure, or NULL when memory runs out.  ns_plot_free (NULL)
   does nothing. */
ns_plot *ns_plot_alloc (void);
void ns_plot_free (ns_plot *p);

/* Title and axis labels (NULL clears).  Text is copied; it must be at most
   NS_PLOT_MAX_TEXT bytes without control characters (UTF-8 is fine), and
   is printed literally (no gnuplot markup).  NS_EINVAL otherwise. */
ns_status ns_plot_set_title (ns_plot *p, const char *title);
ns_status ns_plot_set_labels (ns_plot *p, const char *xlabel, const char *ylabel);

/* Axis ranges, finite with LO < HI; by default gnuplot chooses them. */
ns_status ns_plot_set_xrange (ns_plot *p, double lo, double hi);
ns_status ns_plot_set_yrange (ns_plot *p, double lo, double hi);

/* Size in characters (dumb) or pixels (png, svg); 0 for the default of
   the terminal.  Widths and heights from 10 to 10000. */
ns_status ns_plot_set_size (ns_plot *p, int width, int height);

/* Colours by name: "black", "blue", "green", "red", "orange", "magenta",
   "cyan", "gray".  Returns 1 for a known name, 0 otherwise (NULL too). */
int ns_plot_color_known (const char *name);

/* Adds F (borrowed: not kept) sampled at N >= 2 equally spaced points of
   [A, B] (finite, A < B) and at every breakpoint of F in [A, B].  At a
   breakpoint c where the one-sided limits f(c-) and f(c+) agree, one
   sample (c, f(c)) is written; where they differ (a jump) the piece on the
   left ends at (c, f(c-)), a new segment starts at (c, f(c+)), and no
   vertical line joins them.  Points where F cannot be evaluated (log at 0,
   sqrt of a negative number, an overflow) are left out and end the
   segment; no NaN is written.  COLOR is a name (NULL for black), LABEL the
   key entry (NULL for none).  Returns NS_OK; NS_EINVAL for a NULL figure
   or function, a bad range, N out of range, an unknown colour, bad text;
   NS_ELIMIT for more than NS_PLOT_MAX_BREAKPOINTS breakpoints or too many
   series; NS_EDOM when F is defined at no sample; NS_ENOMEM; or the
   status of ns_fn_breakpoints.  On failure the
   figure is unchanged. */
ns_status ns_plot_add_function (ns_plot *p, const ns_function *f, double a, double b,
                                size_t n, const char *color, const char *label);

/* Adds the K-th pointwise derivative of F (0 <= K <= NS_MAX_ORDER; K = 0
   is ns_plot_add_function), sampled and split in the same way: at an
   ordinary point the value of ns_fn_deriv, at a breakpoint the one-sided
   derivatives f^(K)(c-) and f^(K)(c+) of ns_fn_deriv_side, one sample when
   they are equal and a segment break between them when not; points where
   f^(K) does not exist or is infinite are left out.  Statuses as
   ns_plot_add_function, and NS_EINVAL for K out of range; NS_EDOM when
   f^(K) exists at no sample. */
ns_status ns_plot_add_derivative (ns_plot *p, const ns_function *f, int k, double a,
                                  double b, size_t n, const char *color, const char *label);

/* Adds N >= 1 marked points (X[i], Y[i]), finite. */
ns_status ns_plot_add_points (ns_plot *p, const double *x, const double *y, size_t n,
                              const char *color, const char *label);

/* Adds the line y = C + S (x - X0) drawn over [A, B] (finite, A < B). */
ns_status ns_plot_add_line (ns_plot *p, double x0, double c, double s, double a, double b,
                            const char *color, const char *label);

/* Adds N >= 1 impulses: the vertical arrow from (X[i], 0) to (X[i], W[i]),
   the usual picture of W[i] delta(x - X[i]).  X and W finite.  Statuses as
   ns_plot_add_points. */
ns_status ns_plot_add_impulses (ns_plot *p, const double *x, const double *w, size_t n,
                                const char *color, const char *label);

/* Adds the curve through the N >= 2 points (X[i], Y[i]), finite, joined
   by straight segments in the order given: a function known only by
   samples (a mollification, an error against the iteration count).
   Statuses as ns_plot_add_points, and NS_EINVAL for N < 2. */
ns_status ns_plot_add_curve (ns_plot *p, const double *x, const double *y, size_t n,
                             const char *color, const char *label);

/* Adds the region between the curve through (X[i], Y[i]) and the x axis,
   shaded (a hatch pattern in png and svg, filled with characters in the
   text terminal): the integrand of a pairing whose area is its value.
   Statuses as ns_plot_add_curve. */
ns_status ns_plot_add_area (ns_plot *p, const double *x, const double *y, size_t n,
                            const char *color, const char *label);

/* Adds N >= 1 straight segments from (X0[i], Y0[i]) to (X1[i], Y1[i]),
   all finite, as one series with no line between one segment and the
   next: contour pieces, kink lines.  Drawn solid in png and svg.
   Statuses as ns_plot_add_points, NS_EINVAL for N past
   NS_PLOT_MAX_SAMPLES / 2. */
ns_status ns_plot_add_segments (ns_plot *p, const double *x0, const double *y0,
                                const double *x1, const double *y1, size_t n,
                                const char *color, const char *label);

/* With EQUAL nonzero, a unit is as long on the x axis as on the y axis
   (gnuplot's "set size ratio -1"): a square in the data is a square in
   the picture (png and svg; the text terminal, whose characters are not
   square, ignores it).  Off by default.  NS_EINVAL for a NULL figure. */
ns_status ns_plot_set_equal_axes (ns_plot *p, int equal);

/* Logarithmic x axis (LOGX nonzero) and y axis (LOGY nonzero); by default
   both are linear.  ns_plot_write then answers NS_EDOM, writing nothing,
   when a coordinate on a logarithmic axis (a sample, a range bound, a
   text) is not > 0, or when a log y axis would carry impulses or areas,
   whose base y = 0 has no logarithm.  NS_EINVAL for a NULL figure. */
ns_status ns_plot_set_log (ns_plot *p, int logx, int logy);

/* Places TEXT (copied; rules as for the title, not empty) just right of the
   point (X, Y), finite, in data coordinates: the weight of an impulse, the
   name of a point.  Texts do not count as series.  Returns NS_OK;
   NS_EINVAL; NS_ELIMIT past NS_PLOT_MAX_TEXTS texts; NS_ENOMEM. */
ns_status ns_plot_add_text (ns_plot *p, double x, double y, const char *text);

/* Number of series added so far (0 for NULL). */
size_t ns_plot_count (const ns_plot *p);

/* Writes <DIR>/<NAME>.dat (the data, one gnuplot index per series, blank
   lines between segments) and <DIR>/<NAME>.gp (a script for TERM; png and
   svg write <DIR>/<NAME>.png or .svg, dumb writes to standard output).
   The script names the files by DIR as given, so run it from the same
   working directory, or pass an absolute DIR.  NAME is 1 to
   NS_PLOT_MAX_TEXT characters from [A-Za-z0-9._-], not starting with a
   dot; DIR must exist and contain no control characters.  Returns NS_OK;
   NS_EINVAL for NULL, an empty figure, a bad name or terminal, or a file
   that cannot be written (the directory does not exist or is read-only);
   NS_EDOM for data that a logarithmic axis cannot show (ns_plot_set_log);
   NS_ENOMEM.  The key goes below the plot.  In png and svg, functions are
   drawn solid, lines and curves each with its own dash pattern. */
ns_status ns_plot_write (const ns_plot *p, ns_plot_terminal term, const char *dir,
                         const char *name);

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_PLOT_H */
