/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/text.c: the text sink and number format shared by the printing
   functions of every module. */
#include <config.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "text.h"

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

void
ns_format_number (double x, char text[NS_NUMBER_TEXT_SIZE])
{
  if (isinf (x) || isnan (x))
    {
      strcpy (text, isnan (x) ? "nan" : x > 0 ? "+inf" : "-inf");
      return;
    }
  /* snprintf and strtod use the same locale, so the round trip is checked
     in it; only then is its decimal point replaced by '.'.  17 significant
     digits always suffice for a double. */
  for (int p = 1; p <= 17; p++)
    {
      snprintf (text, NS_NUMBER_TEXT_SIZE, "%.*g", p, x);
      if (strtod (text, NULL) == x)
        break;
    }
  const struct lconv *lc = localeconv ();
  const char *dp = lc != NULL ? lc->decimal_point : NULL;
  if (dp != NULL && dp[0] != '\0' && strcmp (dp, ".") != 0)
    {
      char *at = strstr (text, dp);
      if (at != NULL)
        {
          size_t dplen = strlen (dp);
          *at = '.';
          memmove (at + 1, at + dplen, strlen (at + dplen) + 1);
        }
    }
}
