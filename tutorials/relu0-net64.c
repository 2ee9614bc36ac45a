/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/relu0-net64.c: the relu0 network in binary64 (double): the
   generic source relu0-net-generic.c compiled for this type. */
#include <config.h>
#include "relu0-net.h"

#define R0_REAL double
#define R0_BITS 64
#define R0_TYPENAME "binary64"
#define R0_NAME _64
#include "relu0-net-generic.c"
