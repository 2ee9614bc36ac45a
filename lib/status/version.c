/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/status/version.c: the version of the library linked at run time. */
#include <config.h>
#include "nonsmooth/version.h"

const char *
ns_version (void)
{
  return NS_VERSION;
}
