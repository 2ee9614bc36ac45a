/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/nonsmooth.h: the umbrella header; includes every module. */
#ifndef NONSMOOTH_NONSMOOTH_H
#define NONSMOOTH_NONSMOOTH_H

#include <nonsmooth/status.h>
#include <nonsmooth/version.h>
#include <nonsmooth/interval.h>
#include <nonsmooth/function.h>
#include <nonsmooth/parse.h>
#include <nonsmooth/testfn.h>
#include <nonsmooth/distribution.h>
#include <nonsmooth/verify.h>
#include <nonsmooth/mollify.h>
#include <nonsmooth/plot.h>
#include <nonsmooth/subdiff.h>
#include <nonsmooth/calculus.h>
#include <nonsmooth/subgradient.h>
#include <nonsmooth/ad.h>
#include <nonsmooth/multi.h>

#endif /* NONSMOOTH_NONSMOOTH_H */
