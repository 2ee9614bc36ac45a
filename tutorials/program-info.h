/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/program-info.h: what every program of the package prints for
   --version (the version, the copyright, the licence and the no-warranty
   lines) and at the end of --help (where to report bugs), as the GNU
   coding standards ask.  The address is PACKAGE_BUGREPORT, given once in
   configure.ac's AC_INIT.  Also how arguments are echoed in messages:
   with their control characters escaped, so that an argument cannot move
   the cursor or colour the terminal. */
#ifndef NONSMOOTH_PROGRAM_INFO_H
#define NONSMOOTH_PROGRAM_INFO_H

#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>

/* The last line of every --help. */
#define PROGRAM_BUG_REPORT_LINE "Report bugs to: <" PACKAGE_BUGREPORT ">\n"

/* The --version text of PROGRAM; the version is the library's. */
static inline void
program_version_text (FILE *out, const char *program)
{
  fprintf (out, "%s (" PACKAGE_NAME ") %s\n"
                "Copyright (C) " NS_COPYRIGHT_YEAR " The nonsmooth authors.\n"
                "License GPLv3+: GNU GPL version 3 or later <https://gnu.org/licenses/gpl.html>.\n"
                "This is free software: you are free to change and redistribute it.\n"
                "There is NO WARRANTY, to the extent permitted by law.\n",
           program, ns_version ());
}

/* The escape of byte C when it is a control character ("\\n", "\\x1b"),
   else NULL with BUF holding C as a one-byte text. */
static inline const char *
program_escape_of (unsigned char c, char buf[8])
{
  switch (c)
    {
    case '\n': return "\\n";
    case '\t': return "\\t";
    case '\r': return "\\r";
    default: break;
    }
  if (c < 0x20 || c == 0x7f)
    {
      snprintf (buf, 8, "\\x%02x", c);
      return buf;
    }
  buf[0] = (char) c;
  buf[1] = '\0';
  return NULL;
}

/* Writes S with its control characters escaped: \n, \t, \r, \xHH. */
static inline void
program_put_escaped (FILE *out, const char *s)
{
  char buf[8];
  for (const unsigned char *p = (const unsigned char *) s; *p; p++)
    {
      const char *e = program_escape_of (*p, buf);
      fputs (e ? e : buf, out);
    }
}

/* The width of the first NCHARS characters (UTF-8) of S as
   program_put_escaped writes them: where a caret under them goes. */
static inline int
program_escaped_width (const char *s, int nchars)
{
  char buf[8];
  int width = 0;
  for (const unsigned char *p = (const unsigned char *) s; *p && nchars > 0; p++)
    {
      /* UTF-8 continuation bytes belong to the character before. */
      if ((*p & 0xC0) == 0x80)
        continue;
      const char *e = program_escape_of (*p, buf);
      width += e ? (int) strlen (e) : 1;
      nchars--;
    }
  return width;
}

#endif /* NONSMOOTH_PROGRAM_INFO_H */
