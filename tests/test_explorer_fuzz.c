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
   writes null, text "undefined" or a reason).  Two oracles check the
   numbers themselves.  Routes: whenever pair or verify prints JSON, the
   routes with status "ok" agree within the sum of their bounds (plus 4
   ulp) or the run exits 1, and an exit 0 comes with a value equal to one
   route's; in text, DISAGREE comes with exit 1 and two routes with
   values (one iteration in eight runs a function that has a single route
   at some orders, sqrt(abs(x)) and the like).  Representations: one function written several ways --
   max(0, g), relu(g), (g + abs(g))/2, g*heaviside(g); floor(2*g + 1) and
   floor(2*g) + 1; abs(g) and max(g, -g) -- with g x or a random
   expression, gets values from eval (at fixed points) and pair (random
   order and test function) that agree within their bounds, or a status
   that is not OK.  A crash, an abort or a
   sanitizer report fails the whole program.  NS_FUZZ_ITER scales the count
   (default 3000 iterations), NS_FUZZ_SEED changes the seed.  Prints TAP. */
#define _XOPEN_SOURCE 700   /* open_memstream, mkdtemp, nftw, setenv */
#include <config.h>
#include <ctype.h>
#include <float.h>
#include <math.h>
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

/* ------------------------------------------------------------------ the oracles */

/* The number after "KEY": in TEXT at or after P, stopping at STOP (or the
   end when NULL): 1 and *V for a number or the strings "inf" and "-inf"
   (infinite bounds), 0 for null, another string or no such key. */
static int
json_num_after (const char *p, const char *stop, const char *key, double *v)
{
  char pat[64];
  snprintf (pat, sizeof pat, "\"%s\": ", key);
  const char *q = strstr (p, pat);
  if (q == NULL || (stop != NULL && q > stop))
    return 0;
  q += strlen (pat);
  if (strncmp (q, "\"inf\"", 5) == 0 || strncmp (q, "\"-inf\"", 6) == 0)
    {
      *v = q[1] == '-' ? -INFINITY : INFINITY;
      return 1;
    }
  char *end;
  *v = strtod (q, &end);
  return end != q && *q != '"';
}

/* Whether v1 +- e1 and v2 +- e2 can hold one true value: the test of
   ns_verify (4 ulp of the larger value for the rounding of the
   difference and of each printed value, which reads back exactly). */
static int
consistent (double v1, double e1, double v2, double e2)
{
  double d = fabs (v1 - v2);
  return d <= e1 + e2 + 4 * DBL_EPSILON * fmax (fabs (v1), fabs (v2));
}

typedef struct route_val { double val, err; } route_val;

/* The routes of a pair/verify JSON report with status "ok" and a value:
   their count, at most 3. */
static int
json_ok_routes (const char *text, route_val *r)
{
  int n = 0;
  const char *p = strstr (text, "\"routes\": [");
  while (p != NULL && n < 3 && (p = strstr (p, "{\"name\": ")) != NULL)
    {
      const char *stop = strchr (p, '}');
      if (stop == NULL)
        break;
      const char *st = strstr (p, "\"status\": \"ok\"");
      if (st != NULL && st < stop && json_num_after (p, stop, "value", &r[n].val)
          && json_num_after (p, stop, "abserr", &r[n].err))
        n++;
      p = stop;
    }
  return n;
}

/* The route oracle on one pair/verify run: NULL or what is wrong. */
static const char *
check_routes (const char *text, int rc)
{
  route_val r[3];
  int n = json_ok_routes (text, r);
  int contradiction = 0;
  for (int i = 0; i < n; i++)
    for (int j = i + 1; j < n; j++)
      if (!consistent (r[i].val, r[i].err, r[j].val, r[j].err))
        contradiction = 1;
  if (contradiction && rc == 0)
    return "routes disagree beyond their bounds, yet exit 0";
  double v, e;
  const char *top = strstr (text, "\"order\": ");
  int has = top != NULL && json_num_after (top, strstr (top, "\"routes\""), "value", &v)
            && json_num_after (top, strstr (top, "\"routes\""), "abserr", &e);
  if (contradiction && has)
    return "routes disagree beyond their bounds, yet a value is given";
  if (has)
    {
      int from_route = 0;
      for (int i = 0; i < n; i++)
        from_route |= r[i].val == v && r[i].err == e;
      /* An NS_ETOL value comes from a route whose status is not "ok". */
      if (!from_route && strstr (text, "\"value_status\"") == NULL)
        return "the value is no route's";
    }
  return NULL;
}

static long oracle_runs[2], oracle_failures[2], oracle_compared[2];
enum { ORACLE_ROUTES, ORACLE_VARIANTS };

static void
oracle_fail (int which, const char *why, const char *detail, long iter)
{
  oracle_failures[which]++;
  if (oracle_failures[which] <= 5)
    printf ("# %s (seed %llu, iteration %ld): %s\n", why, (unsigned long long) seed, iter,
            detail);
}

/* Runs ARGV (NULL-terminated) and checks the invariants above; returns
   the exit status and, when KEEP is not NULL, the output in *KEEP (to be
   freed). */
static int
run_keep (int cmd, const char **argv, long iter, char **keep)
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
  /* The route oracle, on every JSON report of pair and verify. */
  if ((cmd == CMD_PAIR || cmd == CMD_VERIFY) && json && why == NULL)
    {
      oracle_runs[ORACLE_ROUTES]++;
      const char *bad = check_routes (text, rc);
      if (bad != NULL)
        {
          char detail[700];
          snprintf (detail, sizeof detail, "%s '%s' exit %d: %.400s", cmd_names[cmd], argv[2],
                    rc, text);
          oracle_fail (ORACLE_ROUTES, bad, detail, iter);
        }
    }
  /* In text, DISAGREE needs two routes with values and exit 1 (never
     "largest difference 0: DISAGREE" for a single route). */
  if (cmd == CMD_VERIFY && !json && why == NULL && strstr (text, "DISAGREE") != NULL)
    {
      int values = 0;
      for (const char *p = text; (p = strstr (p, "\n  route ")) != NULL; p++)
        values += strncmp (p + 10, "  no value", 10) != 0 && strncmp (p + 10, "  (no", 5) != 0;
      if (rc == 0 || values < 2)
        {
          char detail[700];
          snprintf (detail, sizeof detail, "verify '%s' exit %d: %.400s", argv[2], rc, text);
          oracle_fail (ORACLE_ROUTES, "DISAGREE with fewer than two values, or with exit 0",
                       detail, iter);
        }
    }
  if (keep != NULL)
    *keep = text;
  else
    free (text);
  return rc;
}

static void
run (int cmd, const char **argv, long iter)
{
  run_keep (cmd, argv, iter, NULL);
}

/* Writes variant V (0 .. nvariants - 1) of family FAM applied to G into
   BUF; returns 0 past the last variant.  Every variant of a family is the
   same function of x wherever G is defined (at g = 0, g*heaviside(g) is
   0 * 1/2 = 0 = max(0, 0)). */
static int
variant (int fam, int v, const char *g, char *buf, size_t size)
{
  /* Literal formats, so that the compiler checks them. */
  switch (fam * 4 + v)
    {
    case 0: snprintf (buf, size, "max(0, %s)", g); return 1;
    case 1: snprintf (buf, size, "relu(%s)", g); return 1;
    case 2: snprintf (buf, size, "((%s) + abs(%s))/2", g, g); return 1;
    case 3: snprintf (buf, size, "(%s)*heaviside(%s)", g, g); return 1;
    case 4: snprintf (buf, size, "floor(2*(%s) + 1)", g); return 1;
    case 5: snprintf (buf, size, "floor(2*(%s)) + 1", g); return 1;
    case 8: snprintf (buf, size, "abs(%s)", g); return 1;
    case 9: snprintf (buf, size, "max(%s, -(%s))", g, g); return 1;
    default: return 0;
    }
}
#define NFAMILIES 3

/* The representation oracle: the variants of one family, evaluated at
   fixed points and paired with one test function, agree within bounds
   wherever two of them give a value with exit 0. */
static void
check_variants (uint64_t *s, long iter)
{
  char g[256] = "";
  if (pick (s, 2))
    random_expr (s, g, sizeof g, 1 + (int) pick (s, 2));
  else
    snprintf (g, sizeof g, "x");
  int fam = (int) pick (s, NFAMILIES);
  char order[8], test[128];
  snprintf (order, sizeof order, "%d", (int) pick (s, 4));
  snprintf (test, sizeof test, "%s",
            PICK (s, ((const char *const[]) { "bump", "bump,0.3,1", "bump,0.25,0.5",
                                              "mollifier,0.5", "plateau", "bump,1.7,2" })));
  double pv[4], pe[4], ev[4][4], ee[4][4];
  int pok[4], eok[4][4], n = 0;
  char names[4][600];
  static const char *const xs[] = { "0", "-0.75", "0.5", "2.385" };
  for (int v = 0; v < 4 && variant (fam, v, g, names[v], sizeof names[v]); v++, n++)
    {
      const char *pair_argv[] = { "nonsmooth", "pair", names[v], "--order", order, "--test",
                                  test, "--format", "json", NULL };
      char *text = NULL;
      int rc = run_keep (CMD_PAIR, pair_argv, iter, &text);
      const char *top = text ? strstr (text, "\"order\": ") : NULL;
      const char *stop = top ? strstr (top, "\"routes\"") : NULL;
      pok[v] = rc == 0 && top != NULL && json_num_after (top, stop, "value", &pv[v])
               && json_num_after (top, stop, "abserr", &pe[v]) && isfinite (pv[v]);
      free (text);
      const char *eval_argv[] = { "nonsmooth", "eval", names[v], "--format", "json", "--",
                                  xs[0], xs[1], xs[2], xs[3], NULL };
      text = NULL;
      rc = run_keep (CMD_EVAL, eval_argv, iter, &text);
      /* eval's points in order: {"x": X, "value": V, "abserr": E}. */
      const char *p = text;
      for (int i = 0; i < 4; i++)
        {
          eok[v][i] = 0;
          p = p ? strstr (p, "{\"x\": ") : NULL;
          if (p == NULL)
            continue;
          const char *end = strchr (p, '}');
          /* Finite values only: an infinite one (NS_ERANGE) has no bound
             to compare. */
          eok[v][i] = json_num_after (p, end, "value", &ev[v][i])
                      && json_num_after (p, end, "abserr", &ee[v][i]) && isfinite (ev[v][i]);
          p = end;
        }
      free (text);
    }
  oracle_runs[ORACLE_VARIANTS]++;
  for (int a = 0; a < n; a++)
    for (int b = a + 1; b < n; b++)
      {
        char detail[1600];
        if (pok[a] && pok[b])
          {
            oracle_compared[ORACLE_VARIANTS]++;
            if (!consistent (pv[a], pe[a], pv[b], pe[b]))
              {
                snprintf (detail, sizeof detail,
                          "pair --order %s --test %s: '%.500s' = %.17g +- %.3g, '%.500s' = %.17g +- %.3g",
                          order, test, names[a], pv[a], pe[a], names[b], pv[b], pe[b]);
                oracle_fail (ORACLE_VARIANTS, "representations disagree", detail, iter);
              }
          }
        for (int i = 0; i < 4; i++)
          if (eok[a][i] && eok[b][i])
            {
              oracle_compared[ORACLE_VARIANTS]++;
              if (!consistent (ev[a][i], ee[a][i], ev[b][i], ee[b][i]))
                {
                  snprintf (detail, sizeof detail,
                            "eval at %s: '%.500s' = %.17g +- %.3g, '%.500s' = %.17g +- %.3g", xs[i],
                            names[a], ev[a][i], ee[a][i], names[b], ev[b][i], ee[b][i]);
                  oracle_fail (ORACLE_VARIANTS, "representations disagree", detail, iter);
                }
            }
      }
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

  printf ("1..%d\n# seed %llu, %ld iterations\n", NCMD + 2, (unsigned long long) seed, iter);
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
      /* One iteration in eight: a function with a single route (or none)
         at some orders, so that the route oracle meets those verdicts. */
      if (pick (&s, 8) == 0)
        {
          static const char *const single[] = { "sqrt(abs(x))", "sqrt(abs(x))^3", "1/x",
                                                "log(abs(x))", "x*sqrt(abs(x))", "relu(x)" };
          const char *single_argv[] = { "nonsmooth", pick (&s, 2) ? "verify" : "pair",
                                        PICK (&s, single), "--order", order, "--test",
                                        PICK (&s, ((const char *const[]) { "bump", "bump,0.3,1",
                                                                           "plateau" })),
                                        "--format", pick (&s, 2) ? "json" : "text", NULL };
          run (single_argv[1][0] == 'v' ? CMD_VERIFY : CMD_PAIR, single_argv, i);
        }
      /* One iteration in four: one function written several ways. */
      if (pick (&s, 4) == 0)
        check_variants (&s, i);
    }
  nftw (scratch, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
  double seconds = (double) (clock () - start) / CLOCKS_PER_SEC;
  for (int c = 0; c < NCMD; c++)
    printf ("%s %d - %s on %ld expressions: exit 0, 1 or 2, valid JSON, no nan (%ld failures)\n",
            failures[c] ? "not ok" : "ok", c + 1, cmd_names[c], runs[c], failures[c]);
  printf ("%s %d - pair and verify JSON: routes with a value agree within their bounds, or "
          "exit 1 and no value (%ld reports, %ld failures)\n",
          oracle_failures[ORACLE_ROUTES] ? "not ok" : "ok", NCMD + 1, oracle_runs[ORACLE_ROUTES],
          oracle_failures[ORACLE_ROUTES]);
  printf ("%s %d - representations of one function (max(0,g), relu(g), (g+abs(g))/2, "
          "g*heaviside(g); floor(2g+1), floor(2g)+1; abs(g), max(g,-g)) agree within bounds in "
          "eval and pair, or are not OK (%ld families, %ld comparisons, %ld failures)\n",
          oracle_failures[ORACLE_VARIANTS] ? "not ok" : "ok", NCMD + 2,
          oracle_runs[ORACLE_VARIANTS], oracle_compared[ORACLE_VARIANTS],
          oracle_failures[ORACLE_VARIANTS]);
  for (int c = 0; c < NCMD; c++)
    printf ("# %-8s exit 0: %ld, exit 1: %ld, exit 2: %ld\n", cmd_names[c], exits[c][0],
            exits[c][1], exits[c][2]);
  printf ("# %.1f s of processor time\n", seconds);
  return 0;
}
