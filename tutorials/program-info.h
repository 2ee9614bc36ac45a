/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/program-info.h: what every program of the package prints for
   --version (the version, the copyright, the licence and the no-warranty
   lines) and at the end of --help (where to report bugs), as the GNU
   coding standards ask.  The address is PACKAGE_BUGREPORT, given once in
   configure.ac's AC_INIT. */
#ifndef NONSMOOTH_PROGRAM_INFO_H
#define NONSMOOTH_PROGRAM_INFO_H

#include <stdio.h>
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

#endif /* NONSMOOTH_PROGRAM_INFO_H */
