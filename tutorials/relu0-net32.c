/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/relu0-net32.c: the relu0 network in binary32 (float): the
   generic source relu0-net-generic.c compiled for this type. */
#include <config.h>
#include "relu0-net.h"

#define R0_REAL float
#define R0_BITS 32
#define R0_TYPENAME "binary32"
#define R0_NAME _32
#include "relu0-net-generic.c"
