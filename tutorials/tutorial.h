/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/tutorial.h: what the files of nonsmooth-tutorial share: the
   walkthrough's state, counted output and pages, plots, the kinks of the
   function, and one entry point per section.  Only the program includes it. */
#ifndef NONSMOOTH_TUTORIAL_H
#define NONSMOOTH_TUTORIAL_H
#include <limits.h>         /* PATH_MAX */
#include <stddef.h>
#include <nonsmooth/nonsmooth.h>

#define PROGRAM "nonsmooth-tutorial"
#define DEFAULT_FUNCTION "max(0, x)"
#define EXIT_USAGE 2
#define MAX_KINKS 64        /* kinks of [-4, 4] reported (floor has 9) */
#define PAGE_LINES 23       /* a page of 24 lines, less the prompt */

typedef enum plot_mode { PLOT_NONE, PLOT_DUMB, PLOT_PNG, PLOT_SVG } plot_mode;

typedef struct tutorial {
  /* options */
  int pause, color;
  int utf8;               /* stdout is a terminal with a UTF-8 locale */
  plot_mode plot;
  int have_gnuplot;
  const char *output_dir_option;
  /* the function and how the text calls it */
  ns_function *f;
  char *text;             /* ns_fn_to_string (f) */
  int is_relu;            /* the default function: the seeds' wording applies */
  const char *name;       /* "r" for ReLU, "f" otherwise */
  /* state */
  char output_dir[PATH_MAX];
  int lines;              /* lines printed on the current page */
  int clear;              /* the reader pressed Enter: clear before the next page */
  int section, page_number;   /* N and P of the current page N.P */
} tutorial;

#define BOLD "\033[1m"
#define RED "\033[31m"
#define GREEN "\033[32m"
#define BLUE "\033[34m"
#define DIM "\033[2m"
#define RESET "\033[0m"

typedef enum kink_kind { KINK_CORNER, KINK_JUMP, KINK_OTHER } kink_kind;
typedef struct kink {
  double x;
  kink_kind kind;
  ns_status deriv;          /* what ns_fn_deriv says there */
  ns_status sl, sr;         /* statuses of the one-sided derivatives */
  double left, right;       /* f'(x-), f'(x+) */
  double vleft, vright;     /* f(x-), f(x+) */
} kink;

/* Output (nonsmooth-tutorial.c). */
const char *esc (const tutorial *t, const char *code);
void say (tutorial *t, const char *fmt, ...) __attribute__ ((format (printf, 2, 3)));
void page (tutorial *t, int section, const char *title);
int page_end (tutorial *t);
void show_plot (tutorial *t, const ns_plot *p, const char *name);
int colors_shown (const tutorial *t);
ns_plot *figure_alloc (const tutorial *t, const char *title, const char *xlabel,
                       const char *ylabel, int rows);
const char *set_text (const tutorial *t, const ns_set *s, char *buf, size_t size);
void say_cell (tutorial *t, const char *text, int width);
size_t find_kinks (const ns_function *f, double a, double b, kink *k, size_t max);

/* The exercises (tutorial-exercises.c): SECTION's, their explorer command
   and the answer, which the terminal leaves to the manual. */
typedef struct tutorial_exercise {
  int section;
  const char *task, *command, *answer;
} tutorial_exercise;
extern const tutorial_exercise tutorial_exercises[];
extern const size_t tutorial_exercise_count;
int exercises_page (tutorial *t, int section);

/* The projector page (tutorial-html.c): runs RUN_ALL with its output and
   svg figures captured and writes DIR/index.html.  Returns 0 on failure
   (said on stderr). */
int tutorial_html (tutorial *t, const char *dir, int (*run_all) (tutorial *));

/* Sections 3 to 7; each returns 0 when the reader quit. */
double focus_point (const tutorial *t);
int section_distributional (tutorial *t);
int section_subgradient (tutorial *t);
int section_practice (tutorial *t);
int section_summary (tutorial *t);
int section_several (tutorial *t);   /* tutorial-several.c */

#endif /* NONSMOOTH_TUTORIAL_H */
