/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth-cli-impl.h: what the explorer's source files share
   and nothing outside tutorials/ sees: the parsed options, a command's
   context, the number formats (text, JSON, CSV) and the commands, each
   in the file named beside it. */
#ifndef NONSMOOTH_CLI_IMPL_H
#define NONSMOOTH_CLI_IMPL_H

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>

#define PROGRAM "nonsmooth"
#define MAX_POS 256              /* positional arguments (eval's points) */
#define MAX_AT 64                /* --at points of diff and ad */
#define NO_VALUE ((double) NAN)  /* printed as null in JSON, empty in CSV */

enum { FMT_TEXT, FMT_JSON, FMT_CSV };
/* plot --terminal: gnuplot's terminals, and none (files only). */
enum { TERM_DUMB, TERM_PNG, TERM_SVG, TERM_NONE };
/* pair and verify --test: the library's test functions. */
enum { TEST_BUMP, TEST_MOLLIFIER, TEST_PLATEAU };

/* Option bits: which command accepts which option. */
enum {
  OPT_FORMAT = 1 << 0,
  OPT_HELP = 1 << 1,
  OPT_ORDER = 1 << 2,
  OPT_AT = 1 << 3,
  OPT_BUMP = 1 << 4,
  OPT_KIND = 1 << 5,
  OPT_RANGE = 1 << 6,
  OPT_POLICY = 1 << 7,
  OPT_X0 = 1 << 8,
  OPT_STEPS = 1 << 9,
  OPT_STEP = 1 << 10,
  OPT_SELECT = 1 << 11,
  OPT_TERMINAL = 1 << 12,
  OPT_OUTPUT = 1 << 13,
  OPT_TEST = 1 << 14,
  OPT_MODE = 1 << 15,
  OPT_DIR = 1 << 16,
  OPT_TRACE = 1 << 17,
  OPT_YRANGE = 1 << 18
};

typedef struct option_def {
  const char *name;
  int bit;
  int has_arg;
} option_def;

/* The parsed command line of one command.  The options of ad and minimize
   are kept as text and read by the commands themselves. */
typedef struct opts {
  int format;
  int help;
  int order;
  int order_given;          /* --order was given (plot's default is 0) */
  double at[MAX_AT];
  const char *at_text[MAX_AT];  /* each --at as given ("X" or "X,Y,...") */
  int nat;
  const char *dir[MAX_AT];  /* diff: each --dir D1,D2,... as given */
  int ndir;
  int test;                 /* pair, verify: a TEST_* */
  double test_p[3];         /* its parameters: C,R; EPS; A,B,W */
  const char *test_option;  /* "--bump" or "--test" when given, else NULL */
  int kind;                 /* an ns_subdiff_kind, or -1 for all */
  double range_a, range_b;
  const char *policy;       /* ad: --policy, NULL when not given */
  const char *mode;         /* ad: --mode, NULL when not given */
  const char *x0;           /* minimize: --x0 */
  const char *steps;        /* minimize: --steps */
  const char *step;         /* minimize: --step */
  const char *select;       /* minimize: --select */
  int terminal;             /* plot: a TERM_*, or -1 when not given */
  const char *output;       /* plot: --output, NULL when not given */
  const char *trace;        /* plot: --trace FILE, NULL when not given */
  int yrange_given;         /* plot: --yrange C:D was given */
  double yrange_a, yrange_b;
  const char *pos[MAX_POS];
  int npos;
} opts;

/* Everything a command needs: its options, the function and the streams. */
typedef struct ctx {
  const opts *o;
  ns_function *f;
  char *text;               /* ns_fn_to_string (f) */
  FILE *out, *err;
  const char *cmd;
  ns_dist *dist;            /* pair, verify: EXPR with delta, pv or D[...]
                               (then f is NULL and text is T in ASCII) */
} ctx;

typedef struct command {
  const char *name;
  int options;              /* OPT_* bits accepted */
  const char *synopsis;     /* after "nonsmooth NAME " */
  const char *summary;
  const char *help;         /* the options part of COMMAND --help */
  int (*run) (ctx *c);
} command;

/* Prints "nonsmooth CMD: MESSAGE" and where to find help; returns 2. */
int ns_cli_usage_error (FILE *err, const char *cmd, const char *fmt, ...)
  __attribute__ ((format (printf, 3, 4)));

/* A finite real number that fills all of S but white space before and
   after; 1e309 and 1e-400 (infinity and 0 once read) are both refused.
   Returns 1 on success. */
int ns_cli_parse_real (const char *s, double *x);
/* " (beyond the range of doubles)" when S is a number ns_cli_parse_real
   refuses for its size, else "": the end of a usage error. */
const char *ns_cli_real_hint (const char *s);
/* An integer LO..HI that fills all of S but white space; 1 on success. */
int ns_cli_parse_int (const char *s, int lo, int hi, int *n);


/* 17 significant digits (JSON, CSV); "undefined" for NaN, "inf", "-inf";
   -0 as "-0". */
void ns_cli_fmt17 (char *buf, size_t size, double x);
/* The shortest text that reads back as X, for people. */
void ns_cli_fmt_short (char *buf, size_t size, double x);
/* A JSON number (17 digits), "inf"/"-inf" as strings, NaN as null. */
void ns_cli_json_num (FILE *out, double x);
void ns_cli_json_str (FILE *out, const char *s);
void ns_cli_csv_str (FILE *out, const char *s);
void ns_cli_csv_num (FILE *out, double x);
/* An error bound as printed: NaN (no bound known) becomes +inf. */
double ns_cli_bound (double err);

/* A short text for an error bound: "0", "1.2e-16", "inf". */
void ns_cli_fmt_err (char *buf, size_t size, double e);
/* "f'", "f''", "f^(3)" of BASE "f"; BASE itself for order 0. */
void ns_cli_deriv_name (char *buf, size_t size, const char *base, int k);

/* nonsmooth-cli-calc.c */
int ns_cli_run_eval (ctx *c);
int ns_cli_run_diff (ctx *c);

/* nonsmooth-cli-pair.c */
void ns_cli_default_test (opts *o);   /* the bump with C = 0, R = 1 */
/* --test NAME[,PARAMS] (WITH_NAME) or --bump C,R into O; 0 or 2. */
int ns_cli_parse_test (const char *val, int with_name, opts *o, FILE *err, const char *cmd);
int ns_cli_run_pair (ctx *c);
int ns_cli_run_verify (ctx *c);

/* nonsmooth-cli-subdiff.c */
extern const char *const ns_cli_kind_keys[NS_SUBDIFF_KIND_COUNT];  /* "frechet", ... */
int ns_cli_run_subdiff (ctx *c);
/* A point of several variables (--at X,Y[,...]): subdiff reads its own
   options, so ns_cli_main hands it the whole command line. */
int ns_cli_subdiff_is_multi (int argc, const char *const *argv);
int ns_cli_run_subdiff_multi (int argc, const char *const *argv, FILE *out, FILE *err);

/* nonsmooth-cli-plot.c */
int ns_cli_parse_terminal (const char *s);   /* a TERM_*, or -1 */
int ns_cli_run_plot (ctx *c);

/* nonsmooth-cli-relu0.c: "relu0" reads its own options (it takes no
   EXPR), so ns_cli_main hands it the whole command line. */
#define NS_CLI_RELU0_SUMMARY "does relu'(0) matter when a ReLU network trains? (16/32/64 bits)"
int ns_cli_run_relu0 (int argc, const char *const *argv, FILE *out, FILE *err);

/* nonsmooth-cli-multi.c: several variables. */
/* Reads "X,Y,..." (at most MAX finite numbers) into V; returns how many,
   0 on an error. */
int ns_cli_parse_vec (const char *s, double *v, int max);
/* Whether the command line asks for several variables: a --dir, or an
   --at with a comma. */
int ns_cli_is_multi (const opts *o);
void ns_cli_fmt_vec (char *buf, size_t size, const double *v, int n);
void ns_cli_json_vec (FILE *out, const double *v, int n);
/* Parses EXPR (o->pos[0]) as a function of N variables, printing why not;
   NS_CLI_OK, NS_CLI_USAGE or NS_CLI_FAIL. */
int ns_cli_load_mfn (ctx *c, int n, ns_mfn **out);
int ns_cli_run_diff_multi (ctx *c);

/* nonsmooth-cli-plot2d.c: plot for a function of two variables. */
typedef struct plot2d plot2d;
/* Whether plot draws a function of two variables: --at, --trace or
   --yrange given, or EXPR in x and y. */
int ns_cli_plot_is_2d (const opts *o);
/* Reads the points, the trace and EXPR; NS_CLI_OK or an error printed. */
int ns_cli_plot2d_prepare (ctx *c, plot2d **out);
/* Contours, kink lines, Clarke sets and the trace into P (for the text
   terminal when TEXT_TERMINAL: a shorter key). */
ns_status ns_cli_plot2d_build (ctx *c, plot2d *d, int text_terminal, ns_plot *p);
/* Prints why a Clarke set was not drawn; NS_CLI_FAIL then. */
int ns_cli_plot2d_status (ctx *c, const plot2d *d);
void ns_cli_plot2d_text (FILE *out, const plot2d *d);
void ns_cli_plot2d_json (FILE *out, const plot2d *d);
void ns_cli_plot2d_free (plot2d *d);

/* nonsmooth-cli-ad.c */
int ns_cli_run_ad (ctx *c);
int ns_cli_run_minimize (ctx *c);
/* 1 (and *STATUS set) when ARGV is "ad" in several variables, run by
   nonsmooth-cli-mad.c; 0 otherwise. */
int ns_cli_ad_dispatch (int argc, const char *const *argv, FILE *out, FILE *err, int *status);

/* nonsmooth-cli-mad.c: ad in several variables. */
int ns_cli_ad_argv_is_multi (int argc, const char *const *argv);
int ns_cli_run_ad_multi (int argc, const char *const *argv, FILE *out, FILE *err);
/* minimize --step: "1/k", "A/k", "const:A", "polyak:FSTAR"; 1 on success. */
int ns_cli_parse_step (const char *s, ns_step_rule *rule);

/* nonsmooth-cli-mminimize.c: minimize with --x0 X,Y[,...]; ns_cli_main
   calls it before reading EXPR (as a function of that many variables). */
int ns_cli_run_mminimize (ctx *c);

#endif /* NONSMOOTH_CLI_IMPL_H */
