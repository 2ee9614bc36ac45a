/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth-cli.c: the nonsmooth explorer's front: the command
   table with each command's help, option parsing (getopt_long conventions),
   reading EXPR and the exit statuses.  The commands themselves live in
   nonsmooth-cli-calc.c (eval, diff), nonsmooth-cli-pair.c (pair, verify),
   nonsmooth-cli-subdiff.c (subdiff), nonsmooth-cli-ad.c (ad, minimize),
   nonsmooth-cli-plot.c (plot) and nonsmooth-cli-relu0.c (relu0); the number formats in nonsmooth-cli-format.c. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include <nonsmooth/parse.h>
#include "nonsmooth-cli.h"
#include "nonsmooth-cli-impl.h"
#include "program-info.h"

#define DEFAULT_RANGE 4.0    /* diff's breakpoints are listed on [-4, 4] */

static const option_def option_defs[] = {
  { "format", OPT_FORMAT, 1 }, { "help", OPT_HELP, 0 },     { "order", OPT_ORDER, 1 },
  { "at", OPT_AT, 1 },         { "bump", OPT_BUMP, 1 },     { "kind", OPT_KIND, 1 },
  { "range", OPT_RANGE, 1 },   { "policy", OPT_POLICY, 1 }, { "x0", OPT_X0, 1 },
  { "steps", OPT_STEPS, 1 },   { "step", OPT_STEP, 1 },     { "select", OPT_SELECT, 1 },
  { "terminal", OPT_TERMINAL, 1 }, { "output", OPT_OUTPUT, 1 }, { "test", OPT_TEST, 1 },
  { "mode", OPT_MODE, 1 },     { "dir", OPT_DIR, 1 },       { "trace", OPT_TRACE, 1 },
  { "yrange", OPT_YRANGE, 1 },
};
#define NOPTIONS ((int) (sizeof option_defs / sizeof *option_defs))

/* ------------------------------------------------------------------ commands */

/* The test-function options of pair and verify. */
#define TEST_HELP \
  "  --bump C,R     the bump exp(-1/(1-t^2)), t = (x-C)/R (default 0,1)\n" \
  "  --test NAME[,PARAMS]  the test function phi, instead of --bump:\n" \
  "                 bump,C,R (the same as --bump C,R; default 0,1),\n" \
  "                 mollifier,EPS (the bump of radius EPS centred at 0,\n" \
  "                 divided by its integral; default 1), or\n" \
  "                 plateau,A,B,W (1 on [A, B], 0 outside [A-W, B+W], smooth\n" \
  "                 between; A <= B, W > 0; default -0.5,0.5,0.5)\n"

static const command commands[] = {
  { "eval", OPT_FORMAT | OPT_HELP, "EXPR X...", "values with an error bound",
    "Prints f(X) with a bound on its rounding error for each X.\n"
    "Exit status 1 when f is not defined at some X (the others are still printed).\n",
    ns_cli_run_eval },
  { "diff", OPT_FORMAT | OPT_HELP | OPT_ORDER | OPT_AT | OPT_RANGE | OPT_DIR,
    "EXPR [--order K] [--at X]... [--range A:B]\n"
    "       EXPR --at X,Y[,...]... [--dir D1,D2[,...]]...",
    "one-sided and pointwise derivatives, breakpoints and jumps",
    "  --order K      derivative order, 0..16 (default 1)\n"
    "  --at X         a point (repeatable): f(X), the one-sided derivatives\n"
    "                 f^(K)(X-), f^(K)(X+) and whether f^(K)(X) exists\n"
    "  --range A:B    where breakpoints are listed (default -4:4), with the\n"
    "                 jumps of f, f', ..., f^(K) at each\n"
    "In several variables (EXPR in x, y, z or x1 ... x64):\n"
    "  --at X,Y,...   a point of R^n (repeatable, all with n coordinates)\n"
    "  --dir D1,D2,...  a direction d (repeatable): the one-sided directional\n"
    "                 derivative f'(x; d) and Clarke's f°(x; d), each\n"
    "                 with a bound on its error; without --dir, the gradient\n"
    "                 where f is differentiable, else why not\n"
    "EXPR may be a distribution (delta(g(x)), delta(a*x + b), pv, D[...]):\n"
    "diff then writes D^K of it on the range (K default 0), delta(g(x)) as\n"
    "its deltas at the zeros of g.\n"
    "Exit status 1 when f is not defined at some X.\n",
    ns_cli_run_diff },
  { "pair", OPT_FORMAT | OPT_HELP | OPT_ORDER | OPT_BUMP | OPT_TEST,
    "EXPR [--order K] [--bump C,R | --test NAME[,PARAMS]]",
    "the pairing <T^(K), phi> of the distributional derivative",
    "  --order K      derivative order, 0..16 (default 1; 0 when EXPR holds\n"
    "                 delta, pv or D[...])\n"
    TEST_HELP
    "EXPR may be a distribution: delta(a*x + b), delta(a*x + b, m),\n"
    "pv(a*x + b), a function times those (smooth near the point only), sums\n"
    "(x*delta(x, 1) pairs as -phi(0); delta(2*x + 1, 1) as -phi'(-1/2)/4),\n"
    "delta(g(x), m) for g with simple zeros in the support (delta(sin(x)):\n"
    "the sum of delta(x - k pi); delta(x^2) is refused).\n"
    "The value is route 'exact' (the exact distributional derivative, jumps\n"
    "as deltas) when it has one, else the route that has one, named; the\n"
    "other routes are listed too.  Routes that disagree beyond their error\n"
    "bounds give no value.\n"
    "Exit status 1 when the pairing cannot be computed or the routes disagree.\n",
    ns_cli_run_pair },
  { "verify", OPT_FORMAT | OPT_HELP | OPT_ORDER | OPT_BUMP | OPT_TEST,
    "EXPR [--order K] [--bump C,R | --test NAME[,PARAMS]]",
    "the integration-by-parts report: every route to <T^(K), phi>",
    "  --order K      derivative order, 0..16 (default 1; 0 when EXPR holds\n"
    "                 delta, pv or D[...])\n"
    TEST_HELP
    "EXPR may be a distribution, as for pair (routes exact and weak only).\n"
    "Exit status 0 when the routes with a value agree within their error\n"
    "estimates (or one route alone has one), 1 when they disagree, when no route\n"
    "has a value or when the value is only a best estimate.\n",
    ns_cli_run_verify },
  { "subdiff", OPT_FORMAT | OPT_HELP | OPT_AT | OPT_KIND,
    "EXPR --at X[,Y,...] [--kind frechet|limiting|clarke|convex|all]",
    "Frechet, limiting, Clarke and convex subdifferentials",
    "  --at X         the point (required, once); X,Y,... for several variables\n"
    "                 (x, y, z or x1 ... xn), sets printed as polytopes\n"
    "  --kind KIND    frechet, limiting, clarke, convex or all (default all)\n"
    "Exit status 1 when no requested subdifferential is defined at X (the\n"
    "Clarke set at a jump, any set where f is not defined).\n",
    ns_cli_run_subdiff },
  { "ad", OPT_FORMAT | OPT_HELP | OPT_AT | OPT_POLICY | OPT_MODE,
    "EXPR --at X... [--policy NAME|all] [--mode reverse|forward]\n"
    "       {EXPR | --net FILE} --at X,Y[,...]... [--policy NAME|all] [--mode ...]",
    "derivatives under the kink conventions of AD frameworks",
    "  --at X...      the points: each --at X, and any further arguments after\n"
    "                 EXPR (--at -1 0 1 2 is four points)\n"
    "  --policy NAME  pytorch (default), tensorflow (or keras), jax, sympy,\n"
    "                 left, right, average, min-norm, undefined; or all: one row\n"
    "                 per preset with the Clarke set and whether the derivative\n"
    "                 lies in it\n"
    "  --mode MODE    reverse (default: what backward(), jax.grad and\n"
    "                 GradientTape run) or forward (a JVP)\n"
    "Signed zeros are kept as the framework's pass gives them: a product\n"
    "(TensorFlow's ReluGrad) keeps the sign of the incoming gradient, a\n"
    "select (PyTorch, JAX) writes +0; the mode decides which comes last.\n"
    "In several variables (EXPR in x, y, z or x1 ... x64, or a network):\n"
    "  --at X,Y,...   a point of R^n (repeatable): the gradient AD returns, the\n"
    "                 Clarke set and whether the gradient lies in it\n"
    "                 (\"in_clarke\": true, false, or null with the reason)\n"
    "  --net FILE     a network read from FILE (sizes, layers, weights | bias;\n"
    "                 see the manual) as a function of its inputs\n"
    "Exit status 1 when the derivative is undefined under the policy at some X\n"
    "(with --policy all: when no preset has one), or f is not defined there.\n",
    ns_cli_run_ad },
  { "minimize", OPT_FORMAT | OPT_HELP | OPT_X0 | OPT_STEPS | OPT_STEP | OPT_SELECT,
    "EXPR --x0 X [--steps N] [--step 1/k|A/k|const:A|polyak:FSTAR]\n"
    "       [--select min-norm|zero|left|right]\n"
    "       EXPR --x0 X,Y[,...] [--steps N] [--step ...|A/sqrt(k)]\n"
    "       [--select min-norm|direction|random[:SEED]|PRESET]",
    "the subgradient method's trace",
    "  --x0 X         the starting point (required)\n"
    "  --steps N      the number of steps, 1..100000 (default 20)\n"
    "  --step RULE    t_k = 1/k (default) or A/k, const:A (t_k = A), or\n"
    "                 polyak:FSTAR (t_k = (f(x_{k-1}) - FSTAR)/g^2, FSTAR the\n"
    "                 known optimal value); A finite and > 0\n"
    "  --select SEL   which subgradient: min-norm (default), zero, left (the\n"
    "                 least element) or right (the largest)\n"
    "x_k = x_{k-1} - t_k g_{k-1}, g from the convex subdifferential (Clarke's\n"
    "when f is not certified convex).  The table shows k, x_k, f(x_k), g_k and\n"
    "the best value so far; when f is convex and 0 lies in df(x_k), x_k is\n"
    "certified a minimizer.\n"
    "In several variables (EXPR in x, y, z or x1 ... x64, --x0 X,Y[,...]):\n"
    "  g from the Clarke set: min-norm (its least-norm element), direction (the\n"
    "  gradient of the piece active along a fixed generic direction),\n"
    "  random[:SEED] (a limiting gradient at random, seed 1 by default); or\n"
    "  the gradient an AD framework returns (reverse mode), which need not lie\n"
    "  in the Clarke set: PRESET is pytorch, tensorflow, keras, jax, sympy,\n"
    "  left, right, average, undefined or ad:NAME (ad:min-norm for that\n"
    "  preset); --step also takes A/sqrt(k).  At the best\n"
    "  iterate, the stationarity certificate: weights of limiting gradients\n"
    "  that sum to 0, or a direction d with Clarke's f°(x; d) < 0.\n"
    "Exit status 1 when the method cannot go on (f undefined at an iterate,\n"
    "no finite subgradient, overflow); the steps done are still printed.\n",
    ns_cli_run_minimize },
  { "plot", OPT_FORMAT | OPT_HELP | OPT_ORDER | OPT_RANGE | OPT_TERMINAL | OPT_OUTPUT | OPT_AT
    | OPT_TRACE | OPT_YRANGE,
    "EXPR [--order K] [--range A:B] [--terminal dumb|png|svg|none]\n"
    "       [--output FILE]\n"
    "       EXPR(x, y) [--range A:B] [--yrange C:D] [--at X,Y]... [--trace FILE] ...",
    "a figure of f, or of T^(K) with its deltas, through gnuplot",
    "  --order K      0 (default) plots f; K > 0 plots T^(K), T the distribution\n"
    "                 of f: the pointwise f^(K) where it exists, and at each\n"
    "                 jump of f^(j), j < K, the term [f^(j)](c) delta^(K-1-j)(x-c):\n"
    "                 deltas as arrows of height their weight, derivatives of\n"
    "                 delta as marked points, each with its weight written\n"
    "  --range A:B    the x range, finite A < B (default -4:4)\n"
    "  --terminal T   dumb (text, the default), png, svg, or none (write the\n"
    "                 data and the script, do not run gnuplot); by default\n"
    "                 the one --output's extension names\n"
    "  --output FILE  the figure: FILE.png, FILE.svg, or the text picture\n"
    "                 FILE.txt or FILE without an extension (any other\n"
    "                 extension is an error); default: standard output for\n"
    "                 dumb, nonsmooth-plot.png or .svg.  The data and the\n"
    "                 gnuplot script go beside it as STEM.dat and STEM.gp, STEM\n"
    "                 being FILE without .png, .svg or .txt (for dumb without\n"
    "                 --output, in a temporary directory under $TMPDIR that is\n"
    "                 removed on every way out, a signal included)\n"
    "For a function of x and y: its contours over [A, B] x [C, D] (default\n"
    "  -4:4 each), its kink lines (where a switching quantity meets its level:\n"
    "  exact where they cross a 47 x 43 grid, straight between), and\n"
    "  --at X,Y       a point (repeatable) where the Clarke set is drawn, as\n"
    "                 x + s g for g in the set, one scale s for all, printed\n"
    "  --yrange C:D   the y range (default: --range's)\n"
    "  --trace FILE   iterates to draw, one \"x y\" per line ('#' comments)\n"
    "gnuplot is $NONSMOOTH_GNUPLOT, else " NS_GNUPLOT "; it may run for\n"
    "$NONSMOOTH_GNUPLOT_TIMEOUT seconds (default 30), then it is stopped with\n"
    "all it started.  Without gnuplot the data and the script are still\n"
    "written and their names printed (with --output); exit 0.\n"
    "Exit status 1 when f^(K) is defined nowhere in the range, the range has\n"
    "more than 10000 breakpoints, a jump is infinite (no delta describes it),\n"
    "a Clarke set cannot be drawn (it is refused, with the reason),\n"
    "a file cannot be written, or gnuplot fails or runs out of time.\n",
    ns_cli_run_plot },
};
#define NCOMMANDS ((int) (sizeof commands / sizeof *commands))

static void
main_help (FILE *out)
{
  fprintf (out, "Usage: " PROGRAM " COMMAND EXPR [OPTION]...\n"
                "Values, derivatives, pairings and subdifferentials of a nonsmooth\n"
                "function of x, e.g. 'max(0, x)', 'abs(x)', 'heaviside(x)', 'floor(x)'.\n\n"
                "Commands:\n");
  for (int i = 0; i < NCOMMANDS; i++)
    fprintf (out, "  %-9s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "  %-9s %s\n", "relu0", NS_CLI_RELU0_SUMMARY);
  fprintf (out, "\nOptions of every command:\n"
                "  --format FMT   text (default), json or csv\n"
                "  -h, --help     help on the command\n"
                "Options may come before or after EXPR; '--' ends the options.\n\n"
                "  " PROGRAM " --help      show this help\n"
                "  " PROGRAM " --version   show the version\n\n"
                "Exit status: 0 success, 1 a request that cannot be answered (a domain\n"
                "error, a set that does not exist, routes that disagree), 2 a usage error\n"
                "or an expression that does not parse.\n\n"
                PROGRAM_BUG_REPORT_LINE);
}

static void
command_help (FILE *out, const command *cmd)
{
  fprintf (out, "Usage: " PROGRAM " %s %s [--format text|json|csv]\n%s.\n\n%s\n"
                PROGRAM_BUG_REPORT_LINE, cmd->name, cmd->synopsis, cmd->summary, cmd->help);
}

/* Parses ARGV[2..] for CMD into O.  Long options as getopt_long reads
   them ("--order 2", "--order=2", unambiguous prefixes), before or after
   EXPR, plus -h.  Every other argument, "-1" and "-x" included, is
   positional: a negative number or a negated expression is never mistaken
   for an option, which getopt_long's short options would do. */
static int
parse_args (int argc, const char *const *argv, const command *cmd, opts *o, FILE *err)
{
  int only_positional = 0;
  for (int i = 2; i < argc; i++)
    {
      const char *arg = argv[i];
      if (only_positional || arg[0] != '-' || (arg[1] != '-' && strcmp (arg, "-h") != 0)
          || strcmp (arg, "-") == 0)
        {
          if (o->npos >= MAX_POS)
            return ns_cli_usage_error (err, cmd->name, "too many arguments (at most %d)", MAX_POS);
          o->pos[o->npos++] = arg;
          continue;
        }
      if (strcmp (arg, "--") == 0)
        {
          only_positional = 1;
          continue;
        }
      if (strcmp (arg, "-h") == 0)
        {
          o->help = 1;
          continue;
        }
      const char *name = arg + 2, *eq = strchr (name, '=');
      size_t len = eq ? (size_t) (eq - name) : strlen (name);
      const option_def *def = NULL;
      int matches = 0;
      for (int j = 0; j < NOPTIONS; j++)
        if ((cmd->options & option_defs[j].bit) && strncmp (option_defs[j].name, name, len) == 0)
          {
            if (strlen (option_defs[j].name) == len)
              {
                def = &option_defs[j];
                matches = 1;
                break;
              }
            def = &option_defs[j];
            matches++;
          }
      if (matches == 0)
        return ns_cli_usage_error (err, cmd->name, "unrecognized option '%.*s'", (int) len + 2, arg);
      if (matches > 1)
        return ns_cli_usage_error (err, cmd->name, "option '%.*s' is ambiguous", (int) len + 2, arg);
      const char *val = NULL;
      if (def->has_arg)
        {
          if (eq)
            val = eq + 1;
          else if (i + 1 < argc)
            val = argv[++i];
          else
            return ns_cli_usage_error (err, cmd->name, "option '--%s' requires an argument", def->name);
        }
      else if (eq)
        return ns_cli_usage_error (err, cmd->name, "option '--%s' takes no argument", def->name);

      switch (def->bit)
        {
        case OPT_HELP: o->help = 1; break;
        case OPT_FORMAT:
          if (strcmp (val, "text") == 0)
            o->format = FMT_TEXT;
          else if (strcmp (val, "json") == 0)
            o->format = FMT_JSON;
          else if (strcmp (val, "csv") == 0)
            o->format = FMT_CSV;
          else
            return ns_cli_usage_error (err, cmd->name, "--format must be text, json or csv, not '%s'",
                                val);
          break;
        case OPT_ORDER:
          if (!ns_cli_parse_int (val, 0, NS_MAX_ORDER, &o->order))
            return ns_cli_usage_error (err, cmd->name, "--order must be an integer 0..%d, not '%s'",
                                NS_MAX_ORDER, val);
          o->order_given = 1;
          break;
        case OPT_AT:
          if (o->nat >= MAX_AT)
            return ns_cli_usage_error (err, cmd->name, "too many --at points (at most %d)", MAX_AT);
          o->at_text[o->nat] = val;
          /* X,Y,... is a point of several variables: diff and plot read it. */
          if ((cmd->run == ns_cli_run_diff || cmd->run == ns_cli_run_plot)
              && strchr (val, ',') != NULL)
            o->at[o->nat] = NO_VALUE;
          else if (!ns_cli_parse_real (val, &o->at[o->nat]))
            return ns_cli_usage_error (err, cmd->name, "--at must be a finite number, not '%s'%s", val,
                                       ns_cli_real_hint (val));
          o->nat++;
          break;
        case OPT_BUMP:
        case OPT_TEST:
          {
            const char *which = def->bit == OPT_TEST ? "--test" : "--bump";
            if (o->test_option != NULL && strcmp (o->test_option, which) != 0)
              return ns_cli_usage_error (err, cmd->name, "--bump and --test cannot be combined "
                                         "(--bump C,R is --test bump,C,R)");
            o->test_option = which;
            int st = ns_cli_parse_test (val, def->bit == OPT_TEST, o, err, cmd->name);
            if (st != NS_CLI_OK)
              return st;
            break;
          }
        case OPT_KIND:
          o->kind = -2;
          for (int k = 0; k < NS_SUBDIFF_KIND_COUNT; k++)
            if (strcmp (val, ns_cli_kind_keys[k]) == 0)
              o->kind = k;
          if (strcmp (val, "all") == 0)
            o->kind = -1;
          if (o->kind == -2)
            return ns_cli_usage_error (err, cmd->name,
                                "--kind must be frechet, limiting, clarke, convex or all, "
                                "not '%s'", val);
          break;
        case OPT_RANGE:
          {
            char buf[128];
            const char *colon = strchr (val, ':');
            size_t n = colon ? (size_t) (colon - val) : 0;
            if (colon == NULL || n >= sizeof buf)
              return ns_cli_usage_error (err, cmd->name, "--range must be A:B, not '%s'", val);
            memcpy (buf, val, n);
            buf[n] = '\0';
            if (!ns_cli_parse_real (buf, &o->range_a) || !ns_cli_parse_real (colon + 1, &o->range_b)
                || !(o->range_a < o->range_b))
              return ns_cli_usage_error (err, cmd->name, "--range must be A:B with finite A < B, not '%s'",
                                  val);
            break;
          }
        case OPT_POLICY: o->policy = val; break;
        case OPT_MODE: o->mode = val; break;
        case OPT_TRACE:
          if (val[0] == '\0')
            return ns_cli_usage_error (err, cmd->name, "--trace needs a file name");
          o->trace = val;
          break;
        case OPT_YRANGE:
          {
            char buf[128];
            const char *colon = strchr (val, ':');
            size_t n = colon ? (size_t) (colon - val) : 0;
            if (colon == NULL || n >= sizeof buf)
              return ns_cli_usage_error (err, cmd->name, "--yrange must be C:D, not '%s'", val);
            memcpy (buf, val, n);
            buf[n] = '\0';
            if (!ns_cli_parse_real (buf, &o->yrange_a) || !ns_cli_parse_real (colon + 1, &o->yrange_b)
                || !(o->yrange_a < o->yrange_b))
              return ns_cli_usage_error (err, cmd->name,
                                         "--yrange must be C:D with finite C < D, not '%s'", val);
            o->yrange_given = 1;
            break;
          }
        case OPT_DIR:
          if (o->ndir >= MAX_AT)
            return ns_cli_usage_error (err, cmd->name, "too many --dir (at most %d)", MAX_AT);
          o->dir[o->ndir++] = val;
          break;
        case OPT_X0: o->x0 = val; break;
        case OPT_STEPS: o->steps = val; break;
        case OPT_STEP: o->step = val; break;
        case OPT_SELECT: o->select = val; break;
        case OPT_TERMINAL:
          o->terminal = ns_cli_parse_terminal (val);
          if (o->terminal < 0)
            return ns_cli_usage_error (err, cmd->name,
                                       "--terminal must be dumb, png, svg or none, not '%s'", val);
          break;
        case OPT_OUTPUT:
          if (val[0] == '\0')
            return ns_cli_usage_error (err, cmd->name, "--output needs a file name");
          o->output = val;
          break;
        default: break;
        }
    }
  return NS_CLI_OK;
}

/* Prints a parse failure: the status, then EXPR with a caret under the
   column.  Returns the exit status. */
static int
parse_failure (ctx *c, const char *text, ns_status s, const ns_parse_error *perr)
{
  fprintf (c->err, PROGRAM " %s: cannot parse EXPR: %s\n", c->cmd, ns_strerror (s));
  /* The caret is placed by characters; the parser counts UTF-8 characters
     and EXPR is at most NS_PARSE_MAX_LENGTH bytes, so the echo is bounded. */
  if (perr->column > 0 && strlen (text) <= NS_PARSE_MAX_LENGTH)
    {
      /* Control characters are echoed escaped; the caret counts their
         escapes' width. */
      fputs ("  ", c->err);
      program_put_escaped (c->err, text);
      fprintf (c->err, "\n  %*s^ column %d: ", program_escaped_width (text, perr->column - 1), "",
               perr->column);
      program_put_escaped (c->err, perr->text);
      putc ('\n', c->err);
    }
  else if (perr->text[0] != '\0')
    {
      fputs ("  ", c->err);
      program_put_escaped (c->err, perr->text);
      putc ('\n', c->err);
    }
  /* A function of several variables read as one of x alone: say how to
     ask about it. */
  ns_mfn *m = NULL;
  if (s == NS_EPARSE && ns_mfn_parse (text, 0, &m, NULL) == NS_OK && ns_mfn_nvars (m) > 1)
    fprintf (c->err, "  EXPR is a function of %d variables: give a point as --at X,Y%s\n",
             ns_mfn_nvars (m), ns_mfn_nvars (m) > 2 ? ",..." : "");
  ns_mfn_free (m);
  return s == NS_ENOMEM ? NS_CLI_FAIL : NS_CLI_USAGE;
}

/* Parses EXPR into c->f, or (WITH_DIST: pair, verify) into c->dist when it
   holds delta, pv or D[...]; on failure prints it with a caret under the
   column. */
static int
load_expression (ctx *c, const char *text, int with_dist)
{
  ns_parse_error perr;
  ns_status s = ns_fn_parse (text, &c->f, &perr);
  if (s == NS_EPARSE || s == NS_ELIMIT)
    {
      ns_dist *t = NULL;
      ns_parse_error derr;
      ns_status sd = ns_dist_parse (text, &t, &derr);
      if (sd == NS_OK && !with_dist)
        {
          ns_dist_free (t);
          return ns_cli_usage_error (c->err, c->cmd,
                                     "EXPR is a distribution (delta, pv or D[...]): "
                                     "only pair, verify and diff take one");
        }
      if (sd == NS_OK)
        c->dist = t;
      else if (with_dist)
        return parse_failure (c, text, sd, &derr);
      if (sd != NS_OK)
        return parse_failure (c, text, s, &perr);
    }
  else if (s != NS_OK)
    return parse_failure (c, text, s, &perr);
  if (c->dist)
    {
      size_t n = ns_dist_snprint (NULL, 0, c->dist, NS_DIST_PRINT_ASCII);
      if ((c->text = malloc (n + 1)) != NULL)
        ns_dist_snprint (c->text, n + 1, c->dist, NS_DIST_PRINT_ASCII);
    }
  else
    c->text = ns_fn_to_string (c->f);
  if (c->text == NULL)
    {
      fprintf (c->err, PROGRAM " %s: %s\n", c->cmd, ns_strerror (NS_ENOMEM));
      return NS_CLI_FAIL;
    }
  return NS_CLI_OK;
}

int
ns_cli_main (int argc, const char *const *argv, FILE *out, FILE *err)
{
  if (argc < 2)
    return ns_cli_usage_error (err, NULL, "missing COMMAND");
  const char *name = argv[1];
  if (strcmp (name, "--help") == 0 || strcmp (name, "-h") == 0)
    {
      main_help (out);
      return NS_CLI_OK;
    }
  if (strcmp (name, "--version") == 0 || strcmp (name, "-V") == 0)
    {
      program_version_text (out, PROGRAM);
      return NS_CLI_OK;
    }
  if (strcmp (name, "relu0") == 0)
    return ns_cli_run_relu0 (argc, argv, out, err);
  int ad_status;
  if (strcmp (name, "ad") == 0 && ns_cli_ad_dispatch (argc, argv, out, err, &ad_status))
    return ad_status;
  if (strcmp (name, "subdiff") == 0 && ns_cli_subdiff_is_multi (argc, argv))
    return ns_cli_run_subdiff_multi (argc, argv, out, err);
  const command *cmd = NULL;
  for (int i = 0; i < NCOMMANDS; i++)
    if (strcmp (name, commands[i].name) == 0)
      cmd = &commands[i];
  if (cmd == NULL)
    return ns_cli_usage_error (err, NULL, "unknown command '%s'", name);

  opts o = { 0 };
  o.order = 1;
  o.terminal = -1;
  ns_cli_default_test (&o);
  o.kind = -1;
  o.range_a = -DEFAULT_RANGE;
  o.range_b = DEFAULT_RANGE;
  int status = parse_args (argc, argv, cmd, &o, err);
  if (status != NS_CLI_OK)
    return status;
  if (cmd->run == ns_cli_run_plot && !o.order_given)
    o.order = 0;
  if (o.help)
    {
      command_help (out, cmd);
      return NS_CLI_OK;
    }
  if (o.npos == 0)
    return ns_cli_usage_error (err, cmd->name, "missing EXPR");
  if (cmd->run == ns_cli_run_eval && o.npos < 2)
    return ns_cli_usage_error (err, cmd->name, "missing X (the points to evaluate at)");
  if (cmd->run != ns_cli_run_eval && cmd->run != ns_cli_run_ad && o.npos > 1)
    return ns_cli_usage_error (err, cmd->name, "unexpected argument '%s'", o.pos[1]);
  if (cmd->run == ns_cli_run_subdiff && o.nat != 1)
    return ns_cli_usage_error (err, cmd->name, "needs exactly one --at X");

  ctx c = { &o, NULL, NULL, out, err, cmd->name, NULL };
  /* diff in several variables reads EXPR as a function of n variables. */
  if (cmd->run == ns_cli_run_diff && ns_cli_is_multi (&o))
    return ns_cli_run_diff_multi (&c);
  /* plot in two variables: c.f stays NULL, c.text is EXPR as given. */
  if (cmd->run == ns_cli_run_plot && ns_cli_plot_is_2d (&o))
    {
      size_t len = strlen (o.pos[0]) + 1;
      if ((c.text = malloc (len)) != NULL)
        memcpy (c.text, o.pos[0], len);
      if (c.text == NULL)
        {
          fprintf (err, PROGRAM " plot: %s\n", ns_strerror (NS_ENOMEM));
          return NS_CLI_FAIL;
        }
      status = ns_cli_run_plot (&c);
      free (c.text);
      return status;
    }
  /* minimize from a point of several variables reads EXPR itself. */
  if (cmd->run == ns_cli_run_minimize && o.x0 != NULL && strchr (o.x0, ',') != NULL)
    return ns_cli_run_mminimize (&c);
  status = load_expression (&c, o.pos[0],
                            cmd->run == ns_cli_run_pair || cmd->run == ns_cli_run_verify
                            || cmd->run == ns_cli_run_diff);
  /* A distribution is given as it is meant: <T, phi> unless --order says. */
  if (c.dist && !o.order_given)
    o.order = 0;
  if (status == NS_CLI_OK)
    status = cmd->run (&c);
  free (c.text);
  ns_fn_free (c.f);
  ns_dist_free (c.dist);
  return status;
}
