/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth-cli-format.c: the explorer's messages and numbers:
   the usage error, reading numbers from the command line and writing them
   for people (shortest text), JSON and CSV (17 significant digits). */
#include <config.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "nonsmooth-cli.h"
#include "nonsmooth-cli-impl.h"
#include "program-info.h"

/* ------------------------------------------------------------------ messages */

/* Prints "nonsmooth CMD: MESSAGE" and where to find help; returns 2.  The
   message echoes arguments as given: control characters in it are
   escaped, so an argument cannot move the cursor or colour the terminal. */
int
ns_cli_usage_error (FILE *err, const char *cmd, const char *fmt, ...)
{
  char msg[2048];
  va_list ap;
  fprintf (err, PROGRAM "%s%s: ", cmd ? " " : "", cmd ? cmd : "");
  va_start (ap, fmt);
  vsnprintf (msg, sizeof msg, fmt, ap);
  va_end (ap);
  program_put_escaped (err, msg);
  fprintf (err, "\nTry '" PROGRAM "%s%s --help' for more information.\n", cmd ? " " : "",
           cmd ? cmd : "");
  return NS_CLI_USAGE;
}

/* ------------------------------------------------------------------ numbers */

/* Whether S from END on is only white space: strtod and strtol skip it
   before a number, so it is allowed after one too (" 1" and "1 " alike). */
static int
only_space (const char *end)
{
  while (*end == ' ' || *end == '\t' || *end == '\n' || *end == '\v' || *end == '\f'
         || *end == '\r')
    end++;
  return *end == '\0';
}

/* Whether the digits of the number text S are all zero ("0", "-0.0e5"),
   so that a result of 0 is the number itself, not an underflow. */
static int
digits_all_zero (const char *s)
{
  for (; *s != '\0' && *s != 'e' && *s != 'E'; s++)
    if (*s >= '1' && *s <= '9')
      return 0;
  return 1;
}

/* Whether the number text S is written in decimal, as EXPR's numbers
   are: strtod also reads hexadecimal ("0x10"), "inf" and "nan", which
   EXPR refuses, so the options refuse them too. */
static int
decimal_only (const char *s)
{
  for (; *s != '\0'; s++)
    if (strchr ("0123456789+-.eE \t\n\v\f\r", *s) == NULL)
      return 0;
  return 1;
}

/* Reads a finite real number in decimal that fills all of S but white
   space before and after.  A number beyond the doubles is refused
   whichever end it is beyond: 1e309 would read as infinity and 1e-400 as
   0, so both fail (subnormal numbers such as 1e-310 are read).  Returns 1
   on success. */
int
ns_cli_parse_real (const char *s, double *x)
{
  char *end;
  *x = strtod (s, &end);
  if (end == s || !only_space (end) || !isfinite (*x) || !decimal_only (s))
    return 0;
  return *x != 0 || digits_all_zero (s);
}

const char *
ns_cli_real_hint (const char *s)
{
  char *end;
  double x = strtod (s, &end);
  if (end == s || !only_space (end) || isnan (x) || !decimal_only (s))
    return "";
  return isinf (x) || (x == 0 && !digits_all_zero (s)) ? " (beyond the range of doubles)" : "";
}

int
ns_cli_parse_int (const char *s, int lo, int hi, int *n)
{
  char *end;
  long v = strtol (s, &end, 10);
  if (end == s || !only_space (end) || v < lo || v > hi)
    return 0;
  *n = (int) v;
  return 1;
}

/* 17 significant digits for JSON and CSV: every double reads back exactly.
   printf already writes -0 as "-0".  NaN, which no format prints as a
   number, is "undefined". */
void
ns_cli_fmt17 (char *buf, size_t size, double x)
{
  if (isnan (x))
    snprintf (buf, size, "undefined");
  else if (isinf (x))
    snprintf (buf, size, "%s", x > 0 ? "inf" : "-inf");
  else
    snprintf (buf, size, "%.17g", x);
}

/* The shortest text that reads back as X, for people; integers below
   2^53 in magnitude with all their digits ("10", not "1e+01"), as the
   library prints them.  The program never sets LC_NUMERIC, so printf
   writes '.'. */
void
ns_cli_fmt_short (char *buf, size_t size, double x)
{
  if (!isfinite (x))
    {
      ns_cli_fmt17 (buf, size, x);
      return;
    }
  if (fabs (x) < 9007199254740992.0 && x == floor (x))
    {
      snprintf (buf, size, "%.0f", x);
      return;
    }
  for (int p = 1; p <= 17; p++)
    {
      snprintf (buf, size, "%.*g", p, x);
      if (strtod (buf, NULL) == x)
        return;
    }
}

/* A short text for an error bound. */
void
ns_cli_fmt_err (char *buf, size_t size, double e)
{
  if (e == 0)
    snprintf (buf, size, "0");
  else if (isfinite (e))
    snprintf (buf, size, "%.1e", e);
  else
    ns_cli_fmt17 (buf, size, e);
}

/* An error bound as printed: NaN (no bound known) is the vacuous +inf. */
double
ns_cli_bound (double err)
{
  return isnan (err) ? (double) INFINITY : err;
}

/* A JSON number: finite values as numbers, infinities as the strings
   "inf" and "-inf", NaN as null. */
void
ns_cli_json_num (FILE *out, double x)
{
  char buf[40];
  if (isnan (x))
    fputs ("null", out);
  else if (isinf (x))
    fputs (x > 0 ? "\"inf\"" : "\"-inf\"", out);
  else
    {
      ns_cli_fmt17 (buf, sizeof buf, x);
      fputs (buf, out);
    }
}

void
ns_cli_json_str (FILE *out, const char *s)
{
  putc ('"', out);
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    if (*p == '"' || *p == '\\')
      fprintf (out, "\\%c", *p);
    else if (*p < 0x20)
      fprintf (out, "\\u%04x", *p);
    else
      putc (*p, out);
  putc ('"', out);
}

/* A CSV field: quoted when it holds a comma, a quote or a newline. */
void
ns_cli_csv_str (FILE *out, const char *s)
{
  if (strpbrk (s, ",\"\n") == NULL)
    {
      fputs (s, out);
      return;
    }
  putc ('"', out);
  for (const char *p = s; *p; p++)
    {
      if (*p == '"')
        putc ('"', out);
      putc (*p, out);
    }
  putc ('"', out);
}

/* A CSV number; NaN (no value) is an empty field. */
void
ns_cli_csv_num (FILE *out, double x)
{
  char buf[40];
  if (isnan (x))
    return;
  ns_cli_fmt17 (buf, sizeof buf, x);
  fputs (buf, out);
}

/* "f'", "f''", "f^(3)"; "f" for order 0. */
void
ns_cli_deriv_name (char *buf, size_t size, const char *base, int k)
{
  if (k <= 2)
    snprintf (buf, size, "%s%s", base, k == 0 ? "" : k == 1 ? "'" : "''");
  else
    snprintf (buf, size, "%s^(%d)", base, k);
}
