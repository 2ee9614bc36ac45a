/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/jsonreader.h: a strict JSON reader (RFC 8259 values, no
   extensions) shared by tests/test_jsoncheck.c and the explorer's fuzz
   test: json_valid (TEXT) is 1 when TEXT is exactly one JSON value. */
#ifndef NS_TEST_JSONREADER_H
#define NS_TEST_JSONREADER_H

#include <string.h>

#define MAX_DEPTH 64

typedef struct reader {
  const char *p;
  int depth;
} reader;

static int value (reader *r);

static void
skip_ws (reader *r)
{
  while (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' || *r->p == '\r')
    r->p++;
}

static int
string (reader *r)
{
  if (*r->p != '"')
    return 0;
  r->p++;
  for (;;)
    {
      unsigned char ch = (unsigned char) *r->p;
      if (ch == '"')
        {
          r->p++;
          return 1;
        }
      if (ch < 0x20)
        return 0;
      if (ch == '\\')
        {
          r->p++;
          if (*r->p == 'u')
            {
              for (int i = 1; i <= 4; i++)
                if (!strchr ("0123456789abcdefABCDEF", r->p[i]) || r->p[i] == '\0')
                  return 0;
              r->p += 5;
              continue;
            }
          if (*r->p == '\0' || !strchr ("\"\\/bfnrt", *r->p))
            return 0;
        }
      r->p++;
    }
}

static int
digits (reader *r)
{
  const char *start = r->p;
  while (*r->p >= '0' && *r->p <= '9')
    r->p++;
  return r->p > start;
}

static int
number (reader *r)
{
  if (*r->p == '-')
    r->p++;
  if (*r->p == '0')
    r->p++;
  else if (!digits (r))
    return 0;
  if (*r->p == '.')
    {
      r->p++;
      if (!digits (r))
        return 0;
    }
  if (*r->p == 'e' || *r->p == 'E')
    {
      r->p++;
      if (*r->p == '+' || *r->p == '-')
        r->p++;
      if (!digits (r))
        return 0;
    }
  return 1;
}

static int
literal (reader *r, const char *word)
{
  size_t n = strlen (word);
  if (strncmp (r->p, word, n) != 0)
    return 0;
  r->p += n;
  return 1;
}

/* An array or object: OPEN, members separated by commas, CLOSE. */
static int
container (reader *r, char open, char close)
{
  if (*r->p != open || ++r->depth > MAX_DEPTH)
    return 0;
  r->p++;
  skip_ws (r);
  if (*r->p == close)
    {
      r->p++;
      r->depth--;
      return 1;
    }
  for (;;)
    {
      skip_ws (r);
      if (open == '{')
        {
          if (!string (r))
            return 0;
          skip_ws (r);
          if (*r->p++ != ':')
            return 0;
          skip_ws (r);
        }
      if (!value (r))
        return 0;
      skip_ws (r);
      if (*r->p == close)
        {
          r->p++;
          r->depth--;
          return 1;
        }
      if (*r->p++ != ',')
        return 0;
    }
}

static int
value (reader *r)
{
  switch (*r->p)
    {
    case '{': return container (r, '{', '}');
    case '[': return container (r, '[', ']');
    case '"': return string (r);
    case 't': return literal (r, "true");
    case 'f': return literal (r, "false");
    case 'n': return literal (r, "null");
    default: return number (r);
    }
}

/* 1 when TEXT is exactly one JSON value, optionally surrounded by blanks. */
static int
json_valid (const char *text)
{
  reader r = { text, 0 };
  skip_ws (&r);
  if (!value (&r))
    return 0;
  skip_ws (&r);
  return *r.p == '\0';
}

#endif /* NS_TEST_JSONREADER_H */
