/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/gnuplot-run.h: how the programs run gnuplot: in a process
   group of its own, under a time limit ($NONSMOOTH_GNUPLOT_TIMEOUT), and
   never left running when the program ends.  Shared by nonsmooth and
   nonsmooth-tutorial; nothing in lib/ runs programs. */
#ifndef NONSMOOTH_GNUPLOT_RUN_H
#define NONSMOOTH_GNUPLOT_RUN_H

#include <signal.h>

/* Seconds gnuplot may take when $NONSMOOTH_GNUPLOT_TIMEOUT is not set. */
#define GP_DEFAULT_TIMEOUT 30.0

enum { GP_OK, GP_NOT_FOUND, GP_FAILED, GP_NOT_RUN, GP_TIMEOUT };

/* $NONSMOOTH_GNUPLOT when set and not empty, else the gnuplot configure
   found (or "gnuplot" on PATH). */
const char *gp_program (void);

/* The time limit: $NONSMOOTH_GNUPLOT_TIMEOUT seconds when set and not
   empty (a number > 0, at most 1e6), else GP_DEFAULT_TIMEOUT; -1 when the
   variable holds anything else. */
double gp_timeout (void);

/* Runs gp_program () on SCRIPT with standard input from /dev/null,
   standard output to STDOUT_PATH and standard error to STDERR_PATH (NULL:
   the program's own; the same path: one file for both).  After TIMEOUT
   seconds the process group is killed; when gnuplot ends, whatever it
   left in its group is killed too.  Returns a GP_* code. */
int gp_run (const char *script, const char *stdout_path, const char *stderr_path,
            double timeout);

/* For a signal handler: kills the process group of the gnuplot running
   now, if any (async-signal-safe). */
void gp_kill_running (void);

/* Catches SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGALRM, SIGUSR1 and
   SIGUSR2 until gp_release_signals:
   the handler kills the running gnuplot, calls CLEANUP (which must be
   async-signal-safe; may be NULL) and dies of the same signal.  A signal
   the caller ignores (nohup's SIGHUP) stays ignored. */
void gp_catch_signals (void (*cleanup) (void));
void gp_release_signals (void);

#endif /* NONSMOOTH_GNUPLOT_RUN_H */
