/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_explorer_fuzz.c: seeded fuzz test of the nonsmooth explorer.
   Each iteration takes a seed expression, mutated (insertions of characters
   and tokens, deletions, duplications, swaps) or, one time in two, a random
   well-formed expression from a small grammar (so that the heavy paths,
   quadrature and plotting, run too), and runs "eval", "diff", "ad --policy
   all", a short "minimize", "pair" and "verify" with random orders and test
   functions (--bump, --test with good and bad parameters), and "plot" with
   random ranges into a scratch directory (--terminal none; one time in 200
   --terminal dumb through gnuplot when it is installed, else through a
   gnuplot that does not exist), all in process through the same
   ns_cli_main the program uses.  Every run must return 0, 1 or 2; print
   nothing on stdout when it returns 2; print exactly one valid JSON value
   with --format json when it prints anything (and always when it returns
   0); and never print "nan" as a number, which no output format uses (JSON
   writes null, text "undefined" or a reason).  A crash, an abort or a
   sanitizer report fails the whole program.  NS_FUZZ_ITER scales the count
   (default 3000 iterations), NS_FUZZ_SEED changes the seed.  Prints TAP. */
#define _XOPEN_SOURCE 700   /* open_memstream, mkdtemp, nftw, setenv */
#include <config.h>
#include <ctype.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include "jsonreader.h"
#include "../tutorials/nonsmooth-cli.h"

static const char *const seeds[] = {
  "max(0, x)", "relu(x)", "abs(x)", "heaviside(x)", "floor(x)", "abs(x-1)+2*abs(x)",
  "relu(x^3 - x)", "max(x, x^2)", "sqrt(abs(x))", "log(abs(x))", "clamp(x, -1, 1)",
  "leaky_relu(x, 0.1)", "sign(x)*x", "x/(x-1)", "exp(-x^2)*relu(sin(x))", "min(cos(x), 0.5)",
  "heaviside(x, 0)", "floor(3*x)/3", "relu(relu(x))", "-x^2+pi", "(relu(x)-1)^2/4",
  "x*delta(x,1)", "relu(x) + 2*delta(x - 0.5)", "sin(x)*pv(x)", "D^2[abs(x)] - 2*delta(x)",
  "exp(x)*delta''(x + 1)/3", "pv 1/(x - 1e-300)", "abs(x)*delta(x)",
};
static const char *const tokens[] = {
  "x", "(", ")", ",", "+", "-", "*", "/", "^", "relu(", "abs(", "floor(", "log(", "sqrt(",
  "max(", "heaviside(", "1e308", "1e-308", "0", "-0", "2.385", "nan", "inf", ".", "e", "^-3",
  "^40", "((((", "))))", " ", "\xc3\xa9", "\xff", "999999999999999999999",
  "delta(", "pv(", "D[", "]", "delta'(", ", 16)", ", 17)",
};
/* Numbers for options: ordinary, extreme, signed zero, and not numbers. */
static const char *const numbers[] = {
  "0", "1", "-1", "0.5", "2.385", "-3", "1e-300", "1e300", "-0", "1e308", "4.9e-324",
  "nan", "inf", "-inf", "abc", "", "3/2", "0x10", "1e999", " 1",
};

/* xorshift64*: a fixed, portable sequence for a given seed. */
static uint64_t
next (uint64_t *s)
{
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * 2685821657736338717ULL;
}

static size_t
pick (uint64_t *s, size_t n)
{
  return (size_t) (next (s) % n);
}

#define PICK(s, table) ((table)[pick ((s), sizeof (table) / sizeof *(table))])

/* Applies 1 to 4 random edits to BUF (a NUL-terminated string of at most
   SIZE - 1 bytes). */
static void
mutate (uint64_t *s, char *buf, size_t size)
{
  int edits = 1 + (int) pick (s, 4);
  for (int e = 0; e < edits; e++)
    {
      size_t len = strlen (buf), at = pick (s, len + 1);
      switch (pick (s, 4))
        {
        case 0:   /* insert a token */
          {
            const char *t = PICK (s, tokens);
            size_t n = strlen (t);
            if (len + n < size)
              {
                memmove (buf + at + n, buf + at, len - at + 1);
                memcpy (buf + at, t, n);
              }
            break;
          }
        case 1:   /* delete a run */
          if (len > 0)
            {
              size_t n = 1 + pick (s, 3);
              if (at + n > len)
                n = len - at;
              memmove (buf + at, buf + at + n, len - at - n + 1);
            }
          break;
        case 2:   /* replace a byte by a printable one */
          if (at < len)
            buf[at] = (char) (32 + pick (s, 95));
          break;
        default:  /* duplicate a substring after itself */
          if (at < len)
            {
              size_t n = 1 + pick (s, len - at);
              if (len + n < size)
                {
                  memmove (buf + at + n, buf + at, len - at + 1);
                  memcpy (buf + at + n, buf + at, n);   /* the copy left of the moved text */
                }
            }
          break;
        }
    }
}

/* Appends a random well-formed expression of depth at most DEPTH to BUF. */
static void
random_expr (uint64_t *s, char *buf, size_t size, int depth)
{
  static const char *const unary[] = { "abs", "relu", "floor", "sign", "heaviside", "sqrt",
                                       "log", "exp", "sin", "cos", "-" };
  static const char *const binary[] = { "+", "-", "*", "/" };
  static const char *const leaves[] = { "x", "x", "x", "1", "0.5", "2", "pi", "0", "3.25" };
  size_t len = strlen (buf);
  if (len + 64 >= size)
    return;
  switch (depth <= 0 ? 0 : pick (s, 6))
    {
    case 0:
      snprintf (buf + len, size - len, "%s", PICK (s, leaves));
      return;
    case 1:
    case 2:
      snprintf (buf + len, size - len, "%s(", PICK (s, unary));
      random_expr (s, buf, size, depth - 1);
      break;
    case 3:
      snprintf (buf + len, size - len, "(");
      random_expr (s, buf, size, depth - 1);
      len = strlen (buf);
      snprintf (buf + len, size - len, " %s ", PICK (s, binary));
      random_expr (s, buf, size, depth - 1);
      break;
    case 4:
      snprintf (buf + len, size - len, "%s(", pick (s, 2) ? "max" : "min");
      random_expr (s, buf, size, depth - 1);
      len = strlen (buf);
      snprintf (buf + len, size - len, ", ");
      random_expr (s, buf, size, depth - 1);
      break;
    default:
      snprintf (buf + len, size - len, "(");
      random_expr (s, buf, size, depth - 1);
      len = strlen (buf);
      snprintf (buf + len, size - len, ")^%d", (int) pick (s, 4));
      return;
    }
  len = strlen (buf);
  if (len + 1 < size)
    strcat (buf, ")");
}

/* "--test NAME[,P...]" values: two times in three a well-formed one (a
   name with no parameters or its own number of sensible ones), else one of
   the three names, a bad one or none with 0 to 4 random parameters. */
static void
random_test (uint64_t *s, char *buf, size_t size)
{
  static const char *const names[] = { "bump", "mollifier", "plateau", "gauss", "" };
  static const char *const sensible[] = { "0.5", "1", "2", "0.25", "-0.5", "3" };
  static const int nparams[] = { 2, 1, 3 };
  if (pick (s, 3) != 0)
    {
      int k = (int) pick (s, 3);
      snprintf (buf, size, "%s", names[k]);
      if (pick (s, 4) == 0)
        return;
      for (int i = 0; i < nparams[k]; i++)
        {
          size_t len = strlen (buf);
          /* the last parameter is a radius or a width: positive */
          const char *v = i == nparams[k] - 1 ? PICK (s, ((const char *const[]) { "0.5", "1", "2" }))
                                              : PICK (s, sensible);
          snprintf (buf + len, size - len, ",%s", v);
        }
      return;
    }
  snprintf (buf, size, "%s", PICK (s, names));
  int n = (int) pick (s, 5);
  for (int i = 0; i < n; i++)
    {
      size_t len = strlen (buf);
      snprintf (buf + len, size - len, ",%s", PICK (s, numbers));
    }
}

/* ------------------------------------------------------------------ running and checking */

enum { CMD_EVAL, CMD_DIFF, CMD_AD, CMD_MINIMIZE, CMD_PAIR, CMD_VERIFY, CMD_PLOT, NCMD };
static const char *const cmd_names[NCMD] = { "eval", "diff", "ad", "minimize", "pair", "verify",
                                             "plot" };
static long runs[NCMD], failures[NCMD], exits[NCMD][3];
static uint64_t seed;

/* 1 when OUT holds "nan" as a word (not inside a longer name). */
static int
has_nan_word (const char *out)
{
  for (const char *p = out; (p = strstr (p, "nan")) != NULL; p += 3)
    if ((p == out || !isalnum ((unsigned char) p[-1]) ) && !isalnum ((unsigned char) p[3]))
      return 1;
  return 0;
}

/* Runs ARGV (NULL-terminated) and checks the invariants above. */
static void
run (int cmd, const char **argv, long iter)
{
  int argc = 0;
  while (argv[argc] != NULL)
    argc++;
  int json = 0;
  for (int i = 0; i + 1 < argc; i++)
    if (strcmp (argv[i], "--format") == 0)
      json = strcmp (argv[i + 1], "json") == 0;
  char *text = NULL;
  size_t size = 0;
  FILE *out = open_memstream (&text, &size);
  FILE *err = fopen ("/dev/null", "w");
  if (out == NULL || err == NULL)
    {
      printf ("Bail out! cannot open the output streams\n");
      exit (1);
    }
  int rc = ns_cli_main (argc, argv, out, err);
  fclose (out);
  fclose (err);
  const char *why = NULL;
  if (rc < 0 || rc > 2)
    why = "exit status not 0, 1 or 2";
  else if (rc == 2 && size > 0)
    why = "a usage error printed on stdout";
  else if (json && (size > 0 || rc == 0) && !json_valid (text))
    why = "not one JSON value";
  else if (has_nan_word (text))
    why = "printed nan";
  runs[cmd]++;
  if (rc >= 0 && rc <= 2)
    exits[cmd][rc]++;
  if (why != NULL)
    {
      failures[cmd]++;
      if (failures[cmd] <= 5)
        {
          printf ("# %s (exit %d; seed %llu, iteration %ld):", why, rc,
                  (unsigned long long) seed, iter);
          for (int i = 1; i < argc; i++)
            printf (" '%s'", argv[i]);
          printf ("\n# output: %.300s\n", text);
        }
    }
  free (text);
}

static int
remove_entry (const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
  (void) sb;
  (void) flag;
  (void) ftw;
  return remove (path);
}

int
main (void)
{
  const char *env = getenv ("NS_FUZZ_ITER");
  long iter = env ? strtol (env, NULL, 10) : 3000;
  env = getenv ("NS_FUZZ_SEED");
  seed = env ? strtoull (env, NULL, 10) : 20250101u;
  uint64_t s = seed ? seed : 1;

  /* Plot files go to a scratch directory, and so do the temporary
     directories of --terminal dumb; gnuplot runs only where asked. */
  const char *tmp = getenv ("TMPDIR");
  char scratch[4096];
  snprintf (scratch, sizeof scratch, "%s/ns-test-fuzz-XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (mkdtemp (scratch) == NULL)
    {
      printf ("1..0 # SKIP cannot make a scratch directory\n");
      return 0;
    }
  setenv ("TMPDIR", scratch, 1);
  int have_gnuplot = system ("command -v " NS_GNUPLOT " >/dev/null 2>&1") == 0;
  clock_t start = clock ();

  printf ("1..%d\n# seed %llu, %ld iterations\n", NCMD, (unsigned long long) seed, iter);
  for (long i = 0; i < iter; i++)
    {
      char expr[512] = "";
      if (i % 2 == 0)
        {
          snprintf (expr, sizeof expr, "%s", PICK (&s, seeds));
          mutate (&s, expr, sizeof expr);
        }
      else
        random_expr (&s, expr, sizeof expr, 1 + (int) pick (&s, 4));
      const char *fmt = PICK (&s, ((const char *const[]) { "text", "json", "csv" }));
      char order[8], test[128], range[96], output[4200], at[8];
      snprintf (order, sizeof order, "%d", (int) pick (&s, 5));
      snprintf (at, sizeof at, "%d", (int) pick (&s, 5) - 2);

      const char *eval_argv[] = { "nonsmooth", "eval", expr, "0", "-1", "1", "2.385", "1e300",
                                  "--format", fmt, NULL };
      const char *diff_argv[] = { "nonsmooth", "diff", expr, "--order", order, "--at", "0",
                                  "--at", at, "--format", fmt, NULL };
      const char *ad_argv[] = { "nonsmooth", "ad", expr, "--at", "0", "1", "-1", "2.385",
                                "--policy", "all", "--format", fmt, NULL };
      const char *min_argv[] = { "nonsmooth", "minimize", expr, "--x0", at, "--steps", "8",
                                 "--select", i % 2 ? "right" : "min-norm", "--format", fmt, NULL };
      run (CMD_EVAL, eval_argv, i);
      run (CMD_DIFF, diff_argv, i);
      run (CMD_AD, ad_argv, i);
      run (CMD_MINIMIZE, min_argv, i);

      /* pair and verify: a random test function, or a random --bump. */
      const char *opt = "--test";
      if (pick (&s, 4) == 0)
        {
          opt = "--bump";
          snprintf (test, sizeof test, "%s,%s", PICK (&s, numbers),
                    pick (&s, 2) ? "1" : PICK (&s, numbers));
        }
      else
        random_test (&s, test, sizeof test);
      const char *pair_argv[] = { "nonsmooth", "pair", expr, "--order", order, opt, test,
                                  "--format", fmt, NULL };
      run (CMD_PAIR, pair_argv, i);
      const char *verify_argv[] = { "nonsmooth", "verify", expr, "--order", order,
                                    pick (&s, 8) ? opt : "--bump", test, "--format", fmt, NULL };
      run (CMD_VERIFY, verify_argv, i);

      /* plot: a random range (sometimes bad) and files in the scratch
         directory under a few names, some invalid. */
      if (pick (&s, 8) == 0)
        snprintf (range, sizeof range, "%s:%s", PICK (&s, numbers), PICK (&s, numbers));
      else
        snprintf (range, sizeof range, "%d:%s", -1 - (int) pick (&s, 4),
                  PICK (&s, ((const char *const[]) { "1", "2.5", "0.25", "4" })));
      static const char *const names[] = { "fig", "fig.svg", "fig.png", "fig.txt", ".bad",
                                            "no/such/dir/fig", "a b" };
      snprintf (output, sizeof output, "%s/%s", scratch, PICK (&s, names));
      int dumb = pick (&s, 200) == 0;
      /* Most dumb runs meet a gnuplot that does not exist: the files are
         written, kept and named; a few run the real one. */
      setenv ("NONSMOOTH_GNUPLOT", have_gnuplot && pick (&s, 2) ? NS_GNUPLOT
                                                                : "/nonexistent/gnuplot", 1);
      const char *plot_argv[16] = { "nonsmooth", "plot", expr, "--order", order, "--range",
                                    range, "--terminal", dumb ? "dumb" : "none", "--format",
                                    fmt[0] == 'c' ? "text" : fmt, NULL };
      /* dumb without --output: the picture on stdout, from a temporary
         directory in the scratch directory. */
      if (!dumb || pick (&s, 2))
        {
          plot_argv[11] = "--output";
          plot_argv[12] = output;
          plot_argv[13] = NULL;
        }
      run (CMD_PLOT, plot_argv, i);
    }
  nftw (scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  double seconds = (double) (clock () - start) / CLOCKS_PER_SEC;
  for (int c = 0; c < NCMD; c++)
    printf ("%s %d - %s on %ld expressions: exit 0, 1 or 2, valid JSON, no nan (%ld failures)\n",
            failures[c] ? "not ok" : "ok", c + 1, cmd_names[c], runs[c], failures[c]);
  for (int c = 0; c < NCMD; c++)
    printf ("# %-8s exit 0: %ld, exit 1: %ld, exit 2: %ld\n", cmd_names[c], exits[c][0],
            exits[c][1], exits[c][2]);
  printf ("# %.1f s of processor time\n", seconds);
  return 0;
}
