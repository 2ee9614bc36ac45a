/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_jsoncheck.c: a strict JSON checker for the explorer's tests
   (the reader is tests/jsonreader.h).  With file arguments it checks that
   each file holds exactly one JSON value per line (exit 0) or says where it
   does not (exit 1); without arguments it tests itself on a table of valid
   and invalid texts and prints TAP. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "jsonreader.h"

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
