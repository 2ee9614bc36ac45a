/* tests/test_jsoncheck.c: a strict JSON reader (RFC 8259 values, no
   extensions) for the explorer's tests.  With file arguments it checks that
   each file holds exactly one JSON value per line (exit 0) or says where it
   does not (exit 1); without arguments it tests itself on a table of valid
   and invalid texts and prints TAP. */
#include <stdio.h>
#include <stdlib.h>
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

static const struct { const char *text; int valid; } table[] = {
  { "{\"expr\": \"max(0, x)\", \"points\": [{\"x\": -1, \"value\": 0}]}", 1 },
  { "[[0, 1], [\"-inf\", -0], [2.5e-17, 1E+3]]", 1 },
  { "{\"a\": null, \"b\": true, \"c\": false, \"d\": \"\\u00e9\\n\"}", 1 },
  { "[]", 1 },
  { "{}", 1 },
  { "", 0 },
  { "{\"a\": 1,}", 0 },
  { "[1, 2", 0 },
  { "{\"a\" 1}", 0 },
  { "[nan]", 0 },
  { "[inf]", 0 },
  { "[01]", 0 },
  { "[1.]", 0 },
  { "[-]", 0 },
  { "[\"tab\there\"]", 0 },
  { "{\"a\": 1} {\"b\": 2}", 0 },
  { "[\"\\x\"]", 0 },
  { "[\"\\u12\"]", 0 },
  { "'single'", 0 },
};

int
main (int argc, char **argv)
{
  if (argc == 1)
    {
      int n = (int) (sizeof table / sizeof *table);
      printf ("1..%d\n", n);
      for (int i = 0; i < n; i++)
        printf ("%s %d - %s: %s\n", json_valid (table[i].text) == table[i].valid ? "ok" : "not ok",
                i + 1, table[i].valid ? "valid" : "invalid", table[i].text);
      return 0;
    }
  int status = 0;
  for (int i = 1; i < argc; i++)
    {
      FILE *f = strcmp (argv[i], "-") == 0 ? stdin : fopen (argv[i], "r");
      if (f == NULL)
        {
          fprintf (stderr, "test_jsoncheck: cannot open %s\n", argv[i]);
          return 1;
        }
      static char line[1 << 20];
      int lineno = 0;
      while (fgets (line, sizeof line, f) != NULL)
        {
          lineno++;
          line[strcspn (line, "\n")] = '\0';
          if (!json_valid (line))
            {
              fprintf (stderr, "%s:%d: not one JSON value: %s\n", argv[i], lineno, line);
              status = 1;
            }
        }
      if (lineno == 0)
        {
          fprintf (stderr, "%s: empty\n", argv[i]);
          status = 1;
        }
      if (f != stdin)
        fclose (f);
    }
  return status;
}
