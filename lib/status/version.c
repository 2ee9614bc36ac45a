/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/status/version.c: the version of the library linked at run time, and
   whether it can serve a program built against other headers. */
#include <config.h>
#include "nonsmooth/version.h"

const char *
ns_version (void)
{
  return NS_VERSION;
}

int
ns_version_hex (void)
{
  return NS_VERSION_HEX;
}

int
ns_version_check (int major, int minor, int micro)
{
  if (major < 0 || minor < 0 || micro < 0 || major > 255 || minor > 255 || micro > 255)
    return 0;
  /* A release that removes or changes an interface changes the soname
     (libtool's CURRENT++, AGE = 0, configure.ac), so the loader already
     refuses it.  What remains is a library older than the headers, which
     may lack a function they declare, and a different major version. */
  return major == NS_MAJOR_VERSION
         && NS_VERSION_HEX >= NS_VERSION_ENCODE (major, minor, micro);
}
