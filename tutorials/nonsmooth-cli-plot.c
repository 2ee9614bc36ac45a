/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth-cli-plot.c: the explorer's command "plot": f, or
   for --order K > 0 the distributional derivative T^(K) drawn as the
   pointwise f^(K) plus the deltas at the jumps (arrows with their weights),
   or for a function of two variables the figure of nonsmooth-cli-plot2d.c,
   through the library's plot module; this file decides where the files
   go, runs gnuplot and reports.  Every number comes from a library call.
   gnuplot runs in its own process group under a time limit; a temporary
   directory is removed on every way out, a signal included. */
#define _XOPEN_SOURCE 700   /* mkdtemp */
#include <config.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <nonsmooth/nonsmooth.h>
#include <nonsmooth/plot.h>
#include "nonsmooth-cli.h"
#include "nonsmooth-cli-impl.h"
#include "gnuplot-run.h"
#include "program-info.h"

#define SAMPLES 801          /* per function: 1/100 of [-4, 4] */
#define MAX_LABELLED 24      /* more marked points than this get no texts */
#define TEMP_NAME "plot"     /* file names in a temporary directory */

/* Where the files go and what is drawn. */
typedef struct plan {
  int term;                  /* TERM_* */
  int script_term;           /* the terminal of the script: term, or for
                                none the one --output's extension names */
  char dir[4096];            /* the directory of the files, as given */
  char name[NS_PLOT_MAX_TEXT + 1];
  char picture[4200];        /* dumb: gnuplot's text output; images: the image */
  int temporary;             /* dir was made by us (removed when not needed) */
} plan;

/* One delta term w * delta^(m)(x - c) of T^(K). */
typedef struct delta_term {
  double x;
  int m;
  double w;
  ns_status status;          /* NS_OK, or why w is not a number */
} delta_term;

static const char *const term_names[] = { "dumb", "png", "svg", "none" };

int
ns_cli_parse_terminal (const char *s)
{
  for (int i = 0; i < (int) (sizeof term_names / sizeof *term_names); i++)
    if (strcmp (s, term_names[i]) == 0)
      return i;
  return -1;
}

/* ------------------------------------------------------------------ files */

static int
ends_with (const char *s, const char *suffix)
{
  size_t n = strlen (s), m = strlen (suffix);
  return n > m && strcmp (s + n - m, suffix) == 0;
}

/* A file name the plot module accepts: [A-Za-z0-9._-], not starting with a dot. */
static int
name_ok (const char *s)
{
  /* Not '-' first: "-" reads as standard output, and -x.png as an option
     to every command that is given the name. */
  if (s[0] == '\0' || s[0] == '.' || s[0] == '-' || strlen (s) > NS_PLOT_MAX_TEXT)
    return 0;
  return strspn (s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-")
         == strlen (s);
}

/* Decides the terminal and the files from --terminal and --output;
   NS_CLI_OK or a usage error already printed. */
static int
make_plan (ctx *c, plan *pl)
{
  const opts *o = c->o;
  const char *out = o->output;
  memset (pl, 0, sizeof *pl);
  pl->term = o->terminal;
  if (out == NULL)
    {
      if (pl->term < 0)
        pl->term = TERM_DUMB;
      pl->script_term = pl->term == TERM_NONE ? TERM_DUMB : pl->term;
      if (pl->term == TERM_PNG || pl->term == TERM_SVG)
        {
          snprintf (pl->dir, sizeof pl->dir, ".");
          snprintf (pl->name, sizeof pl->name, PROGRAM "-plot");
          snprintf (pl->picture, sizeof pl->picture, PROGRAM "-plot.%s", term_names[pl->term]);
          return NS_CLI_OK;
        }
      const char *tmp = getenv ("TMPDIR");
      int from_env = tmp && *tmp;
      snprintf (pl->dir, sizeof pl->dir, "%s/" PROGRAM "-plot-XXXXXX", from_env ? tmp : "/tmp");
      if (mkdtemp (pl->dir) == NULL)
        {
          int e = errno;
          fprintf (c->err, PROGRAM " plot: cannot make a directory for the plot files in %s",
                   from_env ? "TMPDIR " : "");
          program_put_escaped (c->err, from_env ? tmp : "/tmp");
          fprintf (c->err, ": %s (set TMPDIR to a writable directory, or give --output "
                           "FILE)\n", strerror (e));
          return NS_CLI_FAIL;
        }
      pl->temporary = 1;
      snprintf (pl->name, sizeof pl->name, TEMP_NAME);
      snprintf (pl->picture, sizeof pl->picture, "%s/" TEMP_NAME ".txt", pl->dir);
      return NS_CLI_OK;
    }

  /* An extension names the format: .png, .svg, or .txt for the text
     picture; any other (fig.jpg, fig.pdf) would get a text picture under a
     name that promises something else. */
  const char *slash = strrchr (out, '/'), *dot = strrchr (slash ? slash + 1 : out, '.');
  if (dot != NULL && dot != (slash ? slash + 1 : out) && !ends_with (out, ".png")
      && !ends_with (out, ".svg") && !ends_with (out, ".txt"))
    return ns_cli_usage_error (c->err, c->cmd, "--output: unsupported extension '%s' (use .png, "
                               ".svg, or .txt or none for the text picture)", dot);
  pl->script_term = ends_with (out, ".png") ? TERM_PNG : ends_with (out, ".svg") ? TERM_SVG
                                                                               : TERM_DUMB;
  if (pl->term < 0)
    pl->term = pl->script_term;
  else if (pl->term != TERM_NONE)
    pl->script_term = pl->term;
  if ((pl->term == TERM_PNG && !ends_with (out, ".png"))
      || (pl->term == TERM_SVG && !ends_with (out, ".svg")))
    return ns_cli_usage_error (c->err, c->cmd, "--output must end in .%s for --terminal %s, not '%s'",
                               term_names[pl->term], term_names[pl->term], out);
  /* Nor a text picture under a name that promises an image. */
  if (pl->term == TERM_DUMB && (ends_with (out, ".png") || ends_with (out, ".svg")))
    return ns_cli_usage_error (c->err, c->cmd, "--terminal dumb writes a text picture: --output "
                               "must end in .txt or have no extension, not '%s'", out);
  /* The stem: FILE without .png, .svg or .txt; the data and the script
     are STEM.dat and STEM.gp. */
  size_t n = strlen (out), base = 0;
  if (ends_with (out, ".png") || ends_with (out, ".svg") || ends_with (out, ".txt"))
    n -= 4;
  for (size_t i = 0; i < n; i++)
    if (out[i] == '/')
      base = i + 1;
  if (base == n || n - base > NS_PLOT_MAX_TEXT || n >= sizeof pl->dir
      || strlen (out) >= sizeof pl->picture)
    return ns_cli_usage_error (c->err, c->cmd, "--output needs a file name, not '%s'", out);
  memcpy (pl->name, out + base, n - base);
  pl->name[n - base] = '\0';
  if (strcmp (out, "-") == 0)
    return ns_cli_usage_error (c->err, c->cmd, "--output -: the text picture goes to standard "
                               "output without --output; give a file name");
  if (!name_ok (pl->name))
    return ns_cli_usage_error (c->err, c->cmd,
                               "--output: the file name may use letters, digits, '.', '_' and "
                               "'-' and may not start with '.' or '-', not '%s'", pl->name);
  /* The directory as given: "." for none, "/" for the root. */
  if (base == 0)
    snprintf (pl->dir, sizeof pl->dir, ".");
  else if (base == 1)
    snprintf (pl->dir, sizeof pl->dir, "/");
  else
    snprintf (pl->dir, sizeof pl->dir, "%.*s", (int) (base - 1), out);
  snprintf (pl->picture, sizeof pl->picture, "%s", out);
  return NS_CLI_OK;
}

/* PREFIX, then PATH with its control characters escaped, then a newline:
   a path from the command line or TMPDIR may hold any byte but NUL. */
static void
put_line (FILE *out, const char *prefix, const char *path)
{
  fputs (prefix, out);
  program_put_escaped (out, path);
  fputc ('\n', out);
}

static void
file_name (char *buf, size_t size, const plan *pl, const char *suffix)
{
  if (strcmp (pl->dir, "/") == 0)
    snprintf (buf, size, "/%s%s", pl->name, suffix);
  else
    snprintf (buf, size, "%s/%s%s", pl->dir, pl->name, suffix);
}

/* ------------------------------------------------------------------ cleanup */

/* What must go when the program is stopped by a signal while plotting: a
   temporary directory with its files.  A program may keep such state (the
   library may not); it is set only while the plot command runs, and the
   handler touches it with unlink and rmdir alone, which are
   async-signal-safe. */
static const char *const temp_suffixes[] = { ".dat", ".gp", ".txt", ".log" };
#define NTEMP ((int) (sizeof temp_suffixes / sizeof *temp_suffixes))
static char cleanup_path[NTEMP + 1][4400];     /* the files, then the directory */
static volatile sig_atomic_t cleanup_count;    /* 0, or NTEMP + 1 */

static void
cleanup_on_signal (void)
{
  for (int i = 0; i < cleanup_count; i++)
    {
      if (i < NTEMP)
        unlink (cleanup_path[i]);
      else
        rmdir (cleanup_path[i]);
    }
}

/* Records PL's temporary files for the signal handler. */
static void
note_temporary (const plan *pl)
{
  for (int i = 0; i < NTEMP; i++)
    file_name (cleanup_path[i], sizeof cleanup_path[i], pl, temp_suffixes[i]);
  snprintf (cleanup_path[NTEMP], sizeof cleanup_path[NTEMP], "%s", pl->dir);
  cleanup_count = NTEMP + 1;
}

/* Removes the files of a temporary directory and the directory. */
static void
remove_temporary (const plan *pl)
{
  char path[4400];
  cleanup_count = 0;
  for (int i = 0; i < NTEMP; i++)
    {
      file_name (path, sizeof path, pl, temp_suffixes[i]);
      remove (path);
    }
  rmdir (pl->dir);
}

/* ------------------------------------------------------------------ gnuplot */

/* The words of JSON's "gnuplot", by GP_* code. */
static const char *const gnuplot_words[] = { "ok", "not found", "failed", "not run",
                                             "timed out" };


/* Copies the file at PATH to OUT: everything (RAW), or a text picture
   without gnuplot's form feed and its blank lines at the top and bottom
   (not RAW); with JSON, as the characters of a JSON string. */
static void
copy_file (FILE *out, const char *path, int raw, int json)
{
  FILE *in = fopen (path, "r");
  if (in == NULL)
    return;
  char line[1024];
  int pending_blank = 0, started = 0;
  while (fgets (line, sizeof line, in))
    {
      char *p = line;
      if (!raw)
        {
          if (*p == '\f')
            p++;
          /* Trailing spaces are gnuplot's margin. */
          size_t n = strlen (p);
          int nl = n > 0 && p[n - 1] == '\n';
          while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == ' '))
            p[--n] = '\0';
          if (n == 0 && nl)
            {
              pending_blank += started;
              continue;
            }
          for (; pending_blank > 0; pending_blank--)
            fputs (json ? "\\n" : "\n", out);
          started = 1;
          if (nl)
            strcat (p, "\n");
        }
      if (json)
        for (const unsigned char *q = (const unsigned char *) p; *q; q++)
          if (*q == '"' || *q == '\\')
            fprintf (out, "\\%c", *q);
          else if (*q == '\n')
            fputs ("\\n", out);
          else if (*q < 0x20)
            fprintf (out, "\\u%04x", *q);
          else
            putc (*q, out);
      else
        fputs (p, out);
    }
  fclose (in);
}

/* ------------------------------------------------------------------ the figure */

/* The terms w delta^(m)(x - c), m = 0..K-1, of T^(K) at the breakpoints
   of [A, B], in increasing x and then m: w = [f^(K-1-m)](c), the jump of
   f^(K-1-m).  Zero weights are no terms.  Sets *T to a new array (NULL
   when there are none) and returns the number of terms; NS_ENOMEM or the
   status of ns_fn_breakpoints (NS_ELIMIT past NS_PLOT_MAX_BREAKPOINTS, the
   plot module's own bound). */
static ns_status
delta_terms (const ns_function *f, int k, double a, double b, delta_term **t, long *nt)
{
  size_t nbp = 0;
  *t = NULL;
  *nt = 0;
  double *bp = malloc (NS_PLOT_MAX_BREAKPOINTS * sizeof *bp);
  if (bp == NULL)
    return NS_ENOMEM;
  ns_status st = ns_fn_breakpoints (f, a, b, bp, NS_PLOT_MAX_BREAKPOINTS, &nbp);
  if (st == NS_OK && nbp > 0 && (*t = malloc (nbp * (size_t) k * sizeof **t)) == NULL)
    st = NS_ENOMEM;
  if (st != NS_OK)
    {
      free (bp);
      return st;
    }
  long n = 0;
  for (size_t i = 0; i < nbp; i++)
    for (int m = 0; m < k; m++)
      {
        double w;
        ns_status s = ns_fn_jump (f, bp[i], k - 1 - m, &w);
        if (s == NS_OK && w == 0)
          continue;
        /* A jump from a finite to an infinite side, or both infinite:
           no weighted delta describes it. */
        if (s == NS_OK && !isfinite (w))
          s = NS_ERANGE;
        (*t)[n++] = (delta_term) { bp[i], m, s == NS_OK ? w : NO_VALUE, s };
      }
  free (bp);
  *nt = n;
  return NS_OK;
}

/* "1 δ", "-0.5 δ'", "2 δ^(3)" */
static void
delta_text (char *buf, size_t size, double w, int m)
{
  char ws[40], dn[32];
  ns_cli_fmt_short (ws, sizeof ws, w);
  ns_cli_deriv_name (dn, sizeof dn, "\xce\xb4", m);
  snprintf (buf, size, "%s %s", ws, dn);
}

/* Builds the figure: f^(K) pointwise, the delta terms as arrows (m = 0)
   and marked points (m > 0) with texts.  Returns the library's status. */
static ns_status
build_figure (ctx *c, int k, const delta_term *t, long nt, ns_plot *p)
{
  const opts *o = c->o;
  char title[NS_PLOT_MAX_TEXT + 1], fk[32], lab[96];
  ns_cli_deriv_name (fk, sizeof fk, "f", k);
  if (k == 0)
    snprintf (title, sizeof title, "f(x) = %s", c->text);
  else
    {
      char tk[32];
      ns_cli_deriv_name (tk, sizeof tk, "T", k);
      snprintf (title, sizeof title, "%s for f(x) = %s", tk, c->text);
    }
  /* A long expression does not fit a title; the text output names it. */
  if (strlen (title) >= NS_PLOT_MAX_TEXT)
    snprintf (title, sizeof title, k == 0 ? "f(x)" : "%s, T the distribution of f", fk);
  snprintf (lab, sizeof lab, "%s(x)", fk);
  ns_status s = ns_plot_set_title (p, title);
  if (s == NS_OK)
    s = ns_plot_set_labels (p, "x", lab);
  if (s == NS_OK)
    s = ns_plot_set_xrange (p, o->range_a, o->range_b);
  if (s == NS_OK)
    {
      snprintf (lab, sizeof lab, k == 0 ? "%s(x)" : "%s(x) where it exists", fk);
      s = ns_plot_add_derivative (p, c->f, k, o->range_a, o->range_b, SAMPLES, "blue", lab);
    }
  if (s != NS_OK || nt <= 0)
    return s;

  double *x = malloc ((size_t) nt * sizeof *x), *y = malloc ((size_t) nt * sizeof *y);
  double *hx = malloc ((size_t) nt * sizeof *hx), *zero = calloc ((size_t) nt, sizeof *zero);
  size_t ni = 0, nh = 0;
  int labelled = nt <= MAX_LABELLED;
  if (x == NULL || y == NULL || hx == NULL || zero == NULL)
    s = NS_ENOMEM;
  for (long i = 0; s == NS_OK && i < nt; i++)
    {
      if (t[i].status != NS_OK)
        continue;
      if (t[i].m == 0)
        {
          x[ni] = t[i].x;
          y[ni++] = t[i].w;
        }
      else if (nh == 0 || hx[nh - 1] != t[i].x)
        hx[nh++] = t[i].x;
    }
  if (s == NS_OK && ni > 0)
    s = ns_plot_add_impulses (p, x, y, ni, "red", "jumps: w \xce\xb4(x - c)");
  if (s == NS_OK && nh > 0)
    s = ns_plot_add_points (p, hx, zero, nh, "magenta", "derivatives of \xce\xb4");
  /* Texts: the weight at the tip of each arrow; the higher terms at one
     point joined on one text at (c, 0). */
  for (long i = 0; s == NS_OK && labelled && i < nt; i++)
    {
      char text[NS_PLOT_MAX_TEXT + 1], one[80];
      if (t[i].status != NS_OK)
        continue;
      if (t[i].m == 0)
        {
          delta_text (text, sizeof text, t[i].w, 0);
          s = ns_plot_add_text (p, t[i].x, t[i].w, text);
          continue;
        }
      if (i > 0 && t[i - 1].x == t[i].x && t[i - 1].m > 0 && t[i - 1].status == NS_OK)
        continue;   /* joined on the text of the first higher term at this x */
      text[0] = '\0';
      for (long j = i; j < nt && t[j].x == t[i].x; j++)
        if (t[j].m > 0 && t[j].status == NS_OK)
          {
            delta_text (one, sizeof one, t[j].w, t[j].m);
            size_t len = strlen (text);
            if (len + strlen (one) + 3 < sizeof text)
              snprintf (text + len, sizeof text - len, "%s%s", len ? " + " : "", one);
          }
      s = ns_plot_add_text (p, t[i].x, 0, text);
    }
  free (x);
  free (y);
  free (hx);
  free (zero);
  return s;
}

/* ------------------------------------------------------------------ the command */

static void
print_terms_text (FILE *out, int k, const delta_term *t, long nt, const opts *o)
{
  char tk[32], as[40], bs[40];
  ns_cli_deriv_name (tk, sizeof tk, "T", k);
  ns_cli_fmt_short (as, sizeof as, o->range_a);
  ns_cli_fmt_short (bs, sizeof bs, o->range_b);
  char jumps[64];
  if (k <= 2)
    snprintf (jumps, sizeof jumps, k == 1 ? "f" : "f and f'");
  else
    snprintf (jumps, sizeof jumps, "f, ..., f^(%d)", k - 1);
  fprintf (out, "deltas of %s in [%s, %s] (at the jumps of %s):%s\n", tk, as, bs, jumps,
           nt == 0 ? " none" : "");
  for (long i = 0; i < nt; i++)
    {
      char xs[40], text[96];
      ns_cli_fmt_short (xs, sizeof xs, t[i].x);
      if (t[i].status == NS_OK)
        {
          delta_text (text, sizeof text, t[i].w, t[i].m);
          fprintf (out, "  x = %s: %s\n", xs, text);
        }
      else
        fprintf (out, "  x = %s: the weight of the %s term is undefined: %s\n", xs,
                 t[i].m == 0 ? "delta" : "delta derivative", ns_strerror (t[i].status));
    }
}

static void
print_json (ctx *c, int k, const plan *pl, int gp, int keep, const delta_term *t, long nt,
            const plot2d *d2)
{
  const opts *o = c->o;
  FILE *out = c->out;
  char path[4400];
  fputs ("{\"expr\": ", out);
  ns_cli_json_str (out, c->text);
  if (d2 != NULL)
    ns_cli_plot2d_json (out, d2);
  else
    {
      fprintf (out, ", \"order\": %d, \"range\": [", k);
      ns_cli_json_num (out, o->range_a);
      fputs (", ", out);
      ns_cli_json_num (out, o->range_b);
      putc (']', out);
    }
  fprintf (out, ", \"terminal\": \"%s\", \"gnuplot\": \"%s\", \"figure\": ", term_names[pl->term],
           gnuplot_words[gp]);
  int picture_kept = gp == GP_OK && !pl->temporary;
  if (picture_kept)
    ns_cli_json_str (out, pl->picture);
  else
    fputs ("null", out);
  fputs (", \"data\": ", out);
  file_name (path, sizeof path, pl, ".dat");
  if (keep)
    ns_cli_json_str (out, path);
  else
    fputs ("null", out);
  fputs (", \"script\": ", out);
  file_name (path, sizeof path, pl, ".gp");
  if (keep)
    ns_cli_json_str (out, path);
  else
    fputs ("null", out);
  if (d2 == NULL)
    fputs (", \"deltas\": [", out);
  for (long i = 0; i < nt; i++)
    {
      fputs (i > 0 ? ", {\"x\": " : "{\"x\": ", out);
      ns_cli_json_num (out, t[i].x);
      fprintf (out, ", \"order\": %d, \"weight\": ", t[i].m);
      ns_cli_json_num (out, t[i].w);
      if (t[i].status != NS_OK)
        {
          fputs (", \"status\": ", out);
          ns_cli_json_str (out, ns_strerror (t[i].status));
        }
      putc ('}', out);
    }
  fputs (d2 == NULL ? "], \"picture\": " : ", \"picture\": ", out);
  if (gp == GP_OK && pl->term == TERM_DUMB && pl->temporary)
    {
      putc ('"', out);
      copy_file (out, pl->picture, 0, 1);
      putc ('"', out);
    }
  else
    fputs ("null", out);
  fputs ("}\n", out);
}

int
ns_cli_run_plot (ctx *c)
{
  const opts *o = c->o;
  int k = o->order;
  if (o->format == FMT_CSV)
    return ns_cli_usage_error (c->err, c->cmd, "--format must be text or json for plot (the "
                                               "data file is the table), not 'csv'");
  double timeout = gp_timeout ();
  if (timeout < 0)
    return ns_cli_usage_error (c->err, c->cmd, "NONSMOOTH_GNUPLOT_TIMEOUT must be a number of "
                               "seconds, > 0 and at most 1000000, not '%s'", getenv ("NONSMOOTH_GNUPLOT_TIMEOUT"));
  /* A function of two variables: its points, trace and EXPR are read
     before any file is made. */
  plot2d *d2 = NULL;
  if (c->f == NULL)
    {
      int st2 = ns_cli_plot2d_prepare (c, &d2);
      if (st2 != NS_CLI_OK)
        return st2;
    }
  plan pl;
  gp_catch_signals (cleanup_on_signal);
  int status = make_plan (c, &pl);
  if (status != NS_CLI_OK)
    {
      gp_release_signals ();
      ns_cli_plot2d_free (d2);
      return status;
    }
  if (pl.temporary)
    note_temporary (&pl);

  /* The delta terms of T^(K) (none for K = 0). */
  delta_term *t = NULL;
  long nt = 0;
  ns_status s = k > 0 && d2 == NULL ? delta_terms (c->f, k, o->range_a, o->range_b, &t, &nt)
                                     : NS_OK;
  ns_plot *p = ns_plot_alloc ();
  if (p == NULL)
    s = NS_ENOMEM;
  else if (s == NS_OK && d2 != NULL)
    s = ns_cli_plot2d_build (c, d2, pl.script_term == TERM_DUMB, p);
  else if (s == NS_OK)
    s = build_figure (c, k, t, nt, p);
  if (s == NS_OK)
    s = ns_plot_write (p, pl.script_term == TERM_PNG   ? NS_PLOT_PNG
                          : pl.script_term == TERM_SVG ? NS_PLOT_SVG
                                                       : NS_PLOT_DUMB,
                       pl.dir, pl.name);
  ns_plot_free (p);
  if (s != NS_OK)
    {
      char fk[32];
      ns_cli_deriv_name (fk, sizeof fk, "f", k);
      if (s == NS_EDOM)
        fprintf (c->err, PROGRAM " plot: %s is defined nowhere in the range\n", fk);
      else if (s == NS_ELIMIT)
        fprintf (c->err, PROGRAM " plot: more than %d breakpoints in the range; choose a "
                         "smaller --range\n", NS_PLOT_MAX_BREAKPOINTS);
      else if (s == NS_EINVAL)
        {
          char data[4400], script[4400];
          file_name (data, sizeof data, &pl, ".dat");
          file_name (script, sizeof script, &pl, ".gp");
          fputs (PROGRAM " plot: cannot write ", c->err);
          program_put_escaped (c->err, data);
          fputs (" and ", c->err);
          program_put_escaped (c->err, script);
          fputs (" (no such directory, no permission, or a directory name with a control "
                 "character or quote, which a gnuplot script cannot hold)\n", c->err);
        }
      else
        fprintf (c->err, PROGRAM " plot: %s\n", ns_strerror (s));
      if (pl.temporary)
        remove_temporary (&pl);
      gp_release_signals ();
      free (t);
      ns_cli_plot2d_free (d2);
      return NS_CLI_FAIL;
    }

  char script[4400], log[4400];
  file_name (script, sizeof script, &pl, ".gp");
  file_name (log, sizeof log, &pl, ".log");
  int gp = GP_NOT_RUN;
  if (pl.term != TERM_NONE)
    gp = gp_run (script, pl.term == TERM_DUMB ? pl.picture : log, log, timeout);
  /* gnuplot's messages: warnings after success, the reason after failure. */
  if (gp == GP_OK || gp == GP_FAILED || gp == GP_TIMEOUT)
    copy_file (c->err, log, 1, 0);
  if (gp != GP_NOT_RUN)
    remove (log);
  if (gp != GP_OK && pl.term == TERM_DUMB)
    remove (pl.picture);
  /* The files stay unless they were only the means to a picture on
     standard output: a temporary directory goes whatever happened. */
  int keep = !pl.temporary;

  if (o->format == FMT_JSON)
    print_json (c, k, &pl, gp, keep, t, nt, d2);
  else
    {
      if (gp == GP_OK && pl.term == TERM_DUMB && pl.temporary)
        copy_file (c->out, pl.picture, 0, 0);
      else if (gp == GP_OK)
        put_line (c->out, "figure: ", pl.picture);
      if (keep)
        {
          char data[4400];
          file_name (data, sizeof data, &pl, ".dat");
          put_line (c->out, "data: ", data);
          put_line (c->out, "script: ", script);
        }
      if (d2 != NULL)
        ns_cli_plot2d_text (c->out, d2);
      else if (k > 0)
        print_terms_text (c->out, k, t, nt, o);
    }
  if (d2 != NULL && ns_cli_plot2d_status (c, d2) != NS_CLI_OK)
    status = NS_CLI_FAIL;
  if (gp == GP_NOT_FOUND || gp == GP_FAILED || gp == GP_TIMEOUT)
    {
      /* Names from the environment and the command line, escaped. */
      fputs (PROGRAM " plot: gnuplot (", c->err);
      program_put_escaped (c->err, gp_program ());
      fputs (") ", c->err);
    }
  if (gp == GP_NOT_FOUND && keep)
    put_line (c->err, "not found; draw the figure with: gnuplot ", script);
  else if (gp == GP_NOT_FOUND)
    fputs ("not found; give --output FILE to keep the data and the script\n", c->err);
  else if (gp == GP_FAILED)
    {
      fputs ("failed on ", c->err);
      program_put_escaped (c->err, script);
      fputs (keep ? "\n" : " (removed; give --output FILE to keep it)\n", c->err);
      status = NS_CLI_FAIL;
    }
  else if (gp == GP_TIMEOUT)
    {
      char ts[40];
      ns_cli_fmt_short (ts, sizeof ts, timeout);
      fprintf (c->err, "did not finish within %s s and was stopped "
                       "(NONSMOOTH_GNUPLOT_TIMEOUT sets the limit)\n", ts);
      status = NS_CLI_FAIL;
    }
  for (long i = 0; i < nt; i++)
    if (t[i].status != NS_OK)
      {
        char xs[40], tk[32], fk[32];
        ns_cli_fmt_short (xs, sizeof xs, t[i].x);
        ns_cli_deriv_name (tk, sizeof tk, "T", k);
        ns_cli_deriv_name (fk, sizeof fk, "f", k);
        fprintf (c->err, PROGRAM " plot: at x = %s a jump is not finite (%s): %s there is not "
                         "%s plus deltas, and nothing is marked\n", xs,
                 ns_strerror (t[i].status), tk, fk);
        status = NS_CLI_FAIL;
      }
  if (pl.temporary)
    remove_temporary (&pl);
  gp_release_signals ();
  free (t);
  ns_cli_plot2d_free (d2);
  return status;
}
