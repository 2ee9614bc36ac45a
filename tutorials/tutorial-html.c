/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/tutorial-html.c: the projector page of nonsmooth-tutorial
   (--html DIR).  Runs every section with svg plots into DIR/figures,
   captures the text it prints, and writes DIR/index.html: one section
   element per page, the figures inlined as SVG, the exercises with their
   answers folded in <details>.  The page loads nothing: no script, style
   sheet, font or image comes from outside the file. */
#define _XOPEN_SOURCE 700   /* PATH_MAX in tutorial.h, dup, mkstemp */
#include <config.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "tutorial.h"

/* TEXT with &, < and > escaped. */
static void
put_html (FILE *out, const char *text)
{
  for (const char *p = text; *p; p++)
    switch (*p)
      {
      case '&': fputs ("&amp;", out); break;
      case '<': fputs ("&lt;", out); break;
      case '>': fputs ("&gt;", out); break;
      default: fputc (*p, out);
      }
}

/* Copies the SVG file PATH into OUT from its <svg element on (gnuplot's
   XML prologue and doctype would be out of place inside HTML).  Returns
   0 when the file cannot be read. */
static int
put_svg (FILE *out, const char *path)
{
  FILE *in = fopen (path, "r");
  if (in == NULL)
    return 0;
  char line[4096];
  int started = 0;
  while (fgets (line, sizeof line, in))
    {
      char *p = started ? line : strstr (line, "<svg");
      if (p == NULL)
        continue;
      started = 1;
      fputs (p, out);
    }
  fclose (in);
  return started;
}

/* The exercises of SECTION, answers folded. */
static void
put_exercises (FILE *out, int section)
{
  fputs ("<ol class=\"exercises\">\n", out);
  for (size_t i = 0; i < tutorial_exercise_count; i++)
    {
      const tutorial_exercise *e = &tutorial_exercises[i];
      if (e->section != section)
        continue;
      fputs ("<li><p>", out);
      /* The terminal's line breaks and indent are not the page's. */
      for (const char *p = e->task; *p; p++)
        if (*p == '\n')
          {
            fputc (' ', out);
            while (p[1] == ' ')
              p++;
          }
        else
          {
            char c[2] = { *p, '\0' };
            put_html (out, c);
          }
      fputs ("</p>\n<pre class=\"command\">$ ", out);
      put_html (out, e->command);
      fputs ("</pre>\n<details><summary>Answer</summary><p>", out);
      put_html (out, e->answer);
      fputs ("</p></details></li>\n", out);
    }
  fputs ("</ol>\n", out);
}

/* 1 when LINE is a page heading "N.P  Title" (digits from its first
   column, as page() prints it); *S, *N and *LEN (where the title starts)
   are set. */
static int
page_heading (const char *line, int *s, int *n, int *len)
{
  char *p;
  if (!isdigit ((unsigned char) line[0]))
    return 0;
  *s = (int) strtol (line, &p, 10);
  if (*p != '.' || !isdigit ((unsigned char) p[1]))
    return 0;
  *n = (int) strtol (p + 1, &p, 10);
  if (strncmp (p, "  ", 2) != 0)
    return 0;
  *len = (int) (p + 2 - line);
  return 1;
}

static const char style[] =
  "body{font-family:sans-serif;max-width:60em;margin:auto;padding:1em;font-size:1.2em}\n"
  "pre{font-size:0.95em;line-height:1.25}\n"
  "section{border-top:1px solid #888;margin-top:2em}\n"
  "svg{max-width:100%;height:auto;display:block}\n"
  "details{margin:0.5em 0 1em 0}summary{cursor:pointer;font-weight:bold}\n"
  "pre.command{background:#eee;padding:0.3em}\n";

/* Writes the captured text IN as pages into OUT.  A page starts at a line
   "N.P  Title"; "The plot is in" and the path after it become the figure;
   an exercise page becomes the list of exercises with their answers. */
static int
write_pages (FILE *out, FILE *in, int *pages, int *figures)
{
  char line[4096], next[4096];
  int open_pre = 0, in_section = 0, skip = 0, ok = 1;
  while (fgets (line, sizeof line, in))
    {
      int s, n, len = 0;
      if (page_heading (line, &s, &n, &len))
        {
          if (open_pre)
            fputs ("</pre>\n", out);
          if (in_section)
            fputs ("</section>\n", out);
          line[strcspn (line, "\n")] = '\0';
          fprintf (out, "<section id=\"page-%d-%d\">\n<h2>", s, n);
          put_html (out, line);
          fputs ("</h2>\n", out);
          in_section = 1, open_pre = 0, (*pages)++;
          skip = strncmp (line + len, "Exercise", 8) == 0;
          if (skip)
            put_exercises (out, s);
          continue;
        }
      if (skip || !in_section)
        continue;
      if (strcmp (line, "The plot is in\n") == 0 && fgets (next, sizeof next, in))
        {
          char *path = next + strspn (next, " ");
          path[strcspn (path, "\n")] = '\0';
          if (open_pre)
            fputs ("</pre>\n", out);
          open_pre = 0;
          fputs ("<figure>\n", out);
          if (put_svg (out, path))
            (*figures)++;
          else
            ok = 0;
          fputs ("</figure>\n", out);
          continue;
        }
      if (!open_pre)
        {
          if (line[0] == '\n')
            continue;
          fputs ("<pre>", out);
          open_pre = 1;
        }
      put_html (out, line);
    }
  if (open_pre)
    fputs ("</pre>\n", out);
  if (in_section)
    fputs ("</section>\n", out);
  return ok;
}

int
tutorial_html (tutorial *t, const char *dir, int (*run_all) (tutorial *))
{
  if (mkdir (dir, 0777) != 0 && errno != EEXIST)
    {
      fprintf (stderr, PROGRAM ": cannot create %s: %s\n", dir, strerror (errno));
      return 0;
    }
  static char figures_dir[PATH_MAX], text_path[PATH_MAX], html_path[PATH_MAX];
  if (snprintf (figures_dir, sizeof figures_dir, "%s/figures", dir) >= (int) sizeof figures_dir
      || snprintf (text_path, sizeof text_path, "%s/.tutorial-XXXXXX", dir)
           >= (int) sizeof text_path
      || snprintf (html_path, sizeof html_path, "%s/index.html", dir) >= (int) sizeof html_path)
    {
      fprintf (stderr, PROGRAM ": %s: the path is too long\n", dir);
      return 0;
    }
  /* The sections print to standard output: send it to a file in DIR. */
  int fd = mkstemp (text_path);
  if (fd < 0)
    {
      fprintf (stderr, PROGRAM ": cannot write in %s: %s\n", dir, strerror (errno));
      return 0;
    }
  fflush (stdout);
  int saved = dup (STDOUT_FILENO);
  if (saved < 0 || dup2 (fd, STDOUT_FILENO) < 0)
    {
      fprintf (stderr, PROGRAM ": cannot redirect the output: %s\n", strerror (errno));
      close (fd);
      unlink (text_path);
      return 0;
    }
  t->plot = t->have_gnuplot ? PLOT_SVG : PLOT_NONE;
  t->output_dir_option = figures_dir;
  t->color = 0, t->utf8 = 0, t->pause = 0;
  run_all (t);
  fflush (stdout);
  dup2 (saved, STDOUT_FILENO);
  close (saved);
  FILE *in = fdopen (fd, "r");
  FILE *out = fopen (html_path, "w");
  int ok = in != NULL && out != NULL;
  int pages = 0, figures = 0;
  if (ok)
    {
      rewind (in);
      fputs ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
             "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
             "<title>nonsmooth-tutorial: ", out);
      put_html (out, t->text);
      fprintf (out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>The derivatives of ",
               style);
      put_html (out, t->name);
      fputs ("(x) = ", out);
      put_html (out, t->text);
      fputs ("</h1>\n<p>Every number on this page was computed by the nonsmooth library when "
             "the page was made (nonsmooth-tutorial --html).  Exercises end each section; "
             "their answers are folded: click <b>Answer</b>.</p>\n", out);
      ok = write_pages (out, in, &pages, &figures);
      fputs ("</body>\n</html>\n", out);
    }
  if (in != NULL)
    fclose (in);
  else
    close (fd);
  unlink (text_path);
  if (out != NULL && (ferror (out) | (fclose (out) != 0)))
    ok = 0;
  if (!ok)
    fprintf (stderr, PROGRAM ": could not write %s\n", html_path);
  else
    printf ("%s: %d pages, %d figures%s\n", html_path, pages, figures,
            t->have_gnuplot ? "" : " (gnuplot is not on PATH: no figures)");
  return ok;
}
