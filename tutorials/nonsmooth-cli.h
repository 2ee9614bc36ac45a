/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/nonsmooth-cli.h: the commands of the nonsmooth explorer as one
   function, so that the program's main and the in-process fuzz test
   (tests/test_explorer_fuzz.c) run the same code. */
#ifndef NONSMOOTH_CLI_H
#define NONSMOOTH_CLI_H

#include <stdio.h>

/* Exit statuses: 0 success, 1 a request the library cannot answer (a
   domain error, a Clarke set at a jump, routes that disagree), 2 a usage
   error or an expression that does not parse. */
#define NS_CLI_OK 0
#define NS_CLI_FAIL 1
#define NS_CLI_USAGE 2

/* Runs "nonsmooth ARGV[1] ..." writing results to OUT and messages to
   ERR; returns the exit status.  Keeps no state between calls. */
int ns_cli_main (int argc, const char *const *argv, FILE *out, FILE *err);

#endif /* NONSMOOTH_CLI_H */
