/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/text.c: the text sink and number format shared by the printing
   functions of every module.  Numbers are written with '.' whatever the
   caller's LC_NUMERIC: digits come from printf's %e, whose only locale
   dependence is the radix character, which is skipped; the round trip is
   checked with strtod on a text without a radix character ("125e-2"),
   which every locale reads alike.  No setlocale, localeconv or global
   state, so any thread may print while another changes its locale. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"

/* Integers below 2^53 in magnitude are written with all their digits
   ("10", "-30", "1000000"): every such integer is a double and reads back
   exactly.  Larger ones keep the shortest form ("1e+300"). */
#define FULL_INTEGER_LIMIT 9007199254740992.0

void
ns_text_init (ns_text_sink *k, char *buf, size_t size)
{
  k->buf = buf;
  k->size = buf != NULL ? size : 0;
  k->len = 0;
  if (k->size > 0)
    k->buf[0] = '\0';
}

void
ns_text_put (ns_text_sink *k, const char *s)
{
  for (; *s != '\0'; s++, k->len++)
    if (k->len + 1 < k->size)
      k->buf[k->len] = *s;
  if (k->size > 0)
    k->buf[k->len < k->size ? k->len : k->size - 1] = '\0';
}

void
ns_text_put_number (ns_text_sink *k, double x)
{
  char text[NS_NUMBER_TEXT_SIZE];
  ns_format_number (x, text);
  ns_text_put (k, text);
}

/* The decimal digits of finite X rounded to N (1..17) significant digits,
   as printf's "%.<N-1>e" rounds them (to nearest, ties as the C library
   does): DIGITS gets N ASCII digits, *EXP10 the decimal exponent of the
   first digit, *NEG the sign bit.  Any radix character, one byte or
   several, lies between the first digit and the others and is skipped. */
static void
decimal_digits (double x, int n, char digits[18], int *exp10, int *neg)
{
  char buf[NS_NUMBER_TEXT_SIZE];
  snprintf (buf, sizeof buf, "%.*e", n - 1, x);
  const char *p = buf;
  *neg = *p == '-';
  if (*neg)
    p++;
  int k = 0;
  for (; *p != '\0' && *p != 'e'; p++)
    if (*p >= '0' && *p <= '9' && k < n)
      digits[k++] = *p;
  digits[k] = '\0';
  int e = 0, eneg = 0;
  if (*p == 'e')
    {
      p++;
      eneg = *p == '-';
      if (*p == '+' || *p == '-')
        p++;
      for (; *p >= '0' && *p <= '9'; p++)
        e = 10 * e + (*p - '0');
    }
  *exp10 = eneg ? -e : e;
}

/* Writes sign, DIGITS (M of them) and exponent X as printf would: in
   exponent form "d.ddde+XX" (EXPONENT_FORM) or positional "ddd.ddd",
   padding with zeros as the exponent asks. */
static void
compose (char *text, int neg, int plus, const char *digits, int m, int x, int exponent_form)
{
  char *t = text;
  if (neg)
    *t++ = '-';
  else if (plus)
    *t++ = '+';
  if (exponent_form)
    {
      *t++ = digits[0];
      if (m > 1)
        {
          *t++ = '.';
          memcpy (t, digits + 1, (size_t) m - 1);
          t += m - 1;
        }
      sprintf (t, "e%c%02d", x < 0 ? '-' : '+', x < 0 ? -x : x);
      return;
    }
  if (x < 0)
    {
      *t++ = '0';
      *t++ = '.';
      for (int i = 0; i < -x - 1; i++)
        *t++ = '0';
      memcpy (t, digits, (size_t) m);
      t += m;
    }
  else
    {
      for (int i = 0; i <= x; i++)
        *t++ = i < m ? digits[i] : '0';
      if (m > x + 1)
        {
          *t++ = '.';
          memcpy (t, digits + x + 1, (size_t) (m - x - 1));
          t += m - x - 1;
        }
    }
  *t = '\0';
}

/* printf's names for the non-finite values. */
static int
nonfinite (double x, int plus, char *text)
{
  if (isnan (x))
    strcpy (text, "nan");
  else if (isinf (x))
    strcpy (text, x < 0 ? "-inf" : plus ? "+inf" : "inf");
  else
    return 0;
  return 1;
}

void
ns_format_number (double x, char text[NS_NUMBER_TEXT_SIZE])
{
  if (nonfinite (x, 1, text))
    return;
  char digits[18], back[40];
  int p = 1, e = 0, neg = 0;
  /* 17 significant digits always read back as the same double. */
  for (; p <= 17; p++)
    {
      decimal_digits (x, p, digits, &e, &neg);
      snprintf (back, sizeof back, "%s%se%d", neg ? "-" : "", digits, e - (p - 1));
      if (strtod (back, NULL) == x)
        break;
    }
  if (p > 17)
    p = 17;
  /* Trailing zeros are no digits of the shortest form. */
  int m = p;
  while (m > 1 && digits[m - 1] == '0')
    m--;
  int integer = fabs (x) < FULL_INTEGER_LIMIT && x == floor (x);
  /* As %.<p>g: positional when -4 <= e < p, else the exponent form. */
  compose (text, neg, 0, digits, m, e, !integer && (e < -4 || e >= p));
}

void
ns_format_digits (double x, int n, int style, char text[NS_NUMBER_TEXT_SIZE])
{
  int plus = (style & NS_FORMAT_PLUS) != 0;
  if (nonfinite (x, plus, text))
    return;
  if (n < 1)
    n = 1;
  if (n > 17)
    n = 17;
  char digits[18];
  int e, neg;
  decimal_digits (x, n, digits, &e, &neg);
  if (style & NS_FORMAT_E)
    {
      compose (text, neg, plus, digits, n, e, 1);
      return;
    }
  int m = n;
  while (m > 1 && digits[m - 1] == '0')
    m--;
  compose (text, neg, plus, digits, m, e, e < -4 || e >= n);
}
