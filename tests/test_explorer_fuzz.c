/* tests/test_explorer_fuzz.c: seeded fuzz test of the nonsmooth explorer.
   Mutates the seed expressions (insertions of characters and tokens,
   deletions, duplications, swaps) and runs "eval", "diff", "ad --policy
   all" and a short "minimize" on each in
   process, through the same ns_cli_main the program uses, with output to
   /dev/null.  Every run must return 0, 1 or 2; a crash, an abort or a
   sanitizer report fails the whole program.  NS_FUZZ_ITER scales the
   count (default 3000 expressions), NS_FUZZ_SEED changes the seed.
   Prints TAP. */
#include <config.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../tutorials/nonsmooth-cli.h"

static const char *const seeds[] = {
  "max(0, x)", "relu(x)", "abs(x)", "heaviside(x)", "floor(x)", "abs(x-1)+2*abs(x)",
  "relu(x^3 - x)", "max(x, x^2)", "sqrt(abs(x))", "log(abs(x))", "clamp(x, -1, 1)",
  "leaky_relu(x, 0.1)", "sign(x)*x", "x/(x-1)", "exp(-x^2)*relu(sin(x))", "min(cos(x), 0.5)",
  "heaviside(x, 0)", "floor(3*x)/3", "relu(relu(x))", "-x^2+pi",
};
static const char *const tokens[] = {
  "x", "(", ")", ",", "+", "-", "*", "/", "^", "relu(", "abs(", "floor(", "log(", "sqrt(",
  "max(", "heaviside(", "1e308", "1e-308", "0", "-0", "2.385", "nan", "inf", ".", "e", "^-3",
  "^40", "((((", "))))", " ", "\xc3\xa9", "\xff", "999999999999999999999",
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
            const char *t = tokens[pick (s, sizeof tokens / sizeof *tokens)];
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

int
main (void)
{
  const char *env = getenv ("NS_FUZZ_ITER");
  long iter = env ? strtol (env, NULL, 10) : 3000;
  env = getenv ("NS_FUZZ_SEED");
  uint64_t seed = env ? strtoull (env, NULL, 10) : 20250101u;
  uint64_t s = seed ? seed : 1;
  FILE *null = fopen ("/dev/null", "w");
  if (null == NULL)
    {
      printf ("1..0 # SKIP cannot open /dev/null\n");
      return 0;
    }
  printf ("1..4\n# seed %llu, %ld expressions\n", (unsigned long long) seed, iter);
  int bad_eval = 0, bad_diff = 0, bad_ad = 0, bad_min = 0;
  for (long i = 0; i < iter; i++)
    {
      char expr[512];
      snprintf (expr, sizeof expr, "%s", seeds[pick (&s, sizeof seeds / sizeof *seeds)]);
      mutate (&s, expr, sizeof expr);
      char order[8];
      snprintf (order, sizeof order, "%d", (int) pick (&s, 5));
      const char *eval_argv[] = { "nonsmooth", "eval", expr, "0", "-1", "1", "2.385", "1e300", NULL };
      const char *diff_argv[] = { "nonsmooth", "diff", expr, "--order", order, "--at", "0", "--at",
                            "1", "--format", "json", NULL };
      const char *ad_argv[] = { "nonsmooth", "ad", expr, "--at", "0", "1", "-1", "2.385",
                                "--policy", "all", "--format", i % 2 ? "json" : "text", NULL };
      const char *min_argv[] = { "nonsmooth", "minimize", expr, "--x0", order, "--steps", "8",
                                 "--select", i % 2 ? "right" : "min-norm", NULL };
      int rc = ns_cli_main (8, eval_argv, null, null);
      if (rc < 0 || rc > 2)
        {
          printf ("# eval '%s' returned %d (seed %llu, iteration %ld)\n", expr, rc,
                  (unsigned long long) seed, i);
          bad_eval++;
        }
      rc = ns_cli_main (11, diff_argv, null, null);
      if (rc < 0 || rc > 2)
        {
          printf ("# diff '%s' returned %d (seed %llu, iteration %ld)\n", expr, rc,
                  (unsigned long long) seed, i);
          bad_diff++;
        }
      rc = ns_cli_main (12, ad_argv, null, null);
      if (rc < 0 || rc > 2)
        {
          printf ("# ad '%s' returned %d (seed %llu, iteration %ld)\n", expr, rc,
                  (unsigned long long) seed, i);
          bad_ad++;
        }
      rc = ns_cli_main (9, min_argv, null, null);
      if (rc < 0 || rc > 2)
        {
          printf ("# minimize '%s' returned %d (seed %llu, iteration %ld)\n", expr, rc,
                  (unsigned long long) seed, i);
          bad_min++;
        }
    }
  fclose (null);
  printf ("%s 1 - eval on %ld mutated expressions exits 0, 1 or 2\n", bad_eval ? "not ok" : "ok",
          iter);
  printf ("%s 2 - diff on %ld mutated expressions exits 0, 1 or 2\n", bad_diff ? "not ok" : "ok",
          iter);
  printf ("%s 3 - ad --policy all on %ld mutated expressions exits 0, 1 or 2\n",
          bad_ad ? "not ok" : "ok", iter);
  printf ("%s 4 - minimize on %ld mutated expressions exits 0, 1 or 2\n",
          bad_min ? "not ok" : "ok", iter);
  return 0;
}
