/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth.c: the nonsmooth explorer, every capability of the
   library from the command line.  The commands live in nonsmooth-cli.c;
   this file only connects them to the process's streams and exit status. */
#include <config.h>
#include <stdio.h>
#include <stdlib.h>
#include "nonsmooth-cli.h"

int
main (int argc, char **argv)
{
  int status = ns_cli_main (argc, (const char *const *) argv, stdout, stderr);
  /* A full disk or a closed pipe is a failure, not a silent success. */
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      fprintf (stderr, "nonsmooth: cannot write the output\n");
      if (status == 0)
        status = 1;
    }
  return status;
}
