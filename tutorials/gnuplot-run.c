/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tutorials/gnuplot-run.c: running gnuplot for the programs, with a time
   limit, in its own process group (killed as a whole, so nothing gnuplot
   starts outlives the program), and the signal handling that kills it
   and cleans up when the program itself is stopped.  The state below is
   the programs' (the library keeps none); a signal handler reads it. */
#define _XOPEN_SOURCE 700   /* posix_spawnp, sigaction, nanosleep, waitid */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "gnuplot-run.h"

extern char **environ;

static volatile sig_atomic_t running_group;    /* gnuplot's pid = its group, or 0 */
static void (*signal_cleanup) (void);
/* Every signal whose default action ends the program and that a user or
   a pipeline sends: a closed pipe (SIGPIPE) or a stray SIGALRM or SIGUSR1
   must not leave the temporary directory or gnuplot behind either. */
static const int caught[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE, SIGALRM, SIGUSR1,
                              SIGUSR2 };
#define NCAUGHT ((int) (sizeof caught / sizeof *caught))
static struct sigaction saved[NCAUGHT];
static int catching;

const char *
gp_program (void)
{
  const char *g = getenv ("NONSMOOTH_GNUPLOT");
  return g && *g ? g : NS_GNUPLOT;
}

double
gp_timeout (void)
{
  const char *s = getenv ("NONSMOOTH_GNUPLOT_TIMEOUT");
  if (s == NULL || *s == '\0')
    return GP_DEFAULT_TIMEOUT;
  char *end;
  double t = strtod (s, &end);
  while (*end == ' ')
    end++;
  return end != s && *end == '\0' && t > 0 && t <= 1e6 ? t : -1;
}

void
gp_kill_running (void)
{
  if (running_group > 0)
    kill (-(pid_t) running_group, SIGKILL);
}

static void
on_signal (int sig)
{
  gp_kill_running ();
  if (signal_cleanup != NULL)
    signal_cleanup ();
  /* Die of the same signal, as whoever sent it expects. */
  signal (sig, SIG_DFL);
  raise (sig);
}

void
gp_catch_signals (void (*cleanup) (void))
{
  struct sigaction sa;
  memset (&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset (&sa.sa_mask);
  signal_cleanup = cleanup;
  for (int i = 0; i < NCAUGHT; i++)
    {
      sigaction (caught[i], NULL, &saved[i]);
      if (saved[i].sa_handler != SIG_IGN)
        sigaction (caught[i], &sa, NULL);
    }
  catching = 1;
}

void
gp_release_signals (void)
{
  if (!catching)
    return;
  for (int i = 0; i < NCAUGHT; i++)
    sigaction (caught[i], &saved[i], NULL);
  signal_cleanup = NULL;
  catching = 0;
}

static double
seconds_since (const struct timespec *t0)
{
  struct timespec now;
  clock_gettime (CLOCK_MONOTONIC, &now);
  return (double) (now.tv_sec - t0->tv_sec) + 1e-9 * (double) (now.tv_nsec - t0->tv_nsec);
}

/* gnuplot's environment: the program's, with LC_ALL=C.UTF-8 where that
   locale exists (else NULL: the program's own is used).  The scripts say
   "set encoding utf8", and under a locale whose codeset is not UTF-8
   (LC_ALL=C, as on build daemons and in cron) gnuplot warns "iconv failed
   to convert degree sign" on every run; in C.UTF-8 it reads and writes
   the scripts' UTF-8 labels and C numbers as they are. */
static char **
gnuplot_environment (void)
{
  static char lc_all[] = "LC_ALL=C.UTF-8";
  locale_t l = newlocale (LC_ALL_MASK, "C.UTF-8", (locale_t) 0);
  if (l == (locale_t) 0)
    return NULL;
  freelocale (l);
  size_t n = 0;
  while (environ[n] != NULL)
    n++;
  char **env = malloc ((n + 2) * sizeof *env);
  if (env == NULL)
    return NULL;
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (strncmp (environ[i], "LC_ALL=", 7) != 0)
      env[k++] = environ[i];
  env[k++] = lc_all;
  env[k] = NULL;
  return env;
}

int
gp_run (const char *script, const char *stdout_path, const char *stderr_path, double timeout)
{
  posix_spawn_file_actions_t fa;
  posix_spawnattr_t attr;
  if (posix_spawnattr_init (&attr) != 0)
    return GP_FAILED;
  if (posix_spawn_file_actions_init (&fa) != 0)
    {
      posix_spawnattr_destroy (&attr);
      return GP_FAILED;
    }
  /* A group of its own: one kill reaches gnuplot and all it starts. */
  posix_spawnattr_setflags (&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup (&attr, 0);
  posix_spawn_file_actions_addopen (&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  if (stdout_path != NULL)
    posix_spawn_file_actions_addopen (&fa, STDOUT_FILENO, stdout_path,
                                      O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (stderr_path != NULL && stdout_path != NULL && strcmp (stdout_path, stderr_path) == 0)
    posix_spawn_file_actions_adddup2 (&fa, STDOUT_FILENO, STDERR_FILENO);
  else if (stderr_path != NULL)
    posix_spawn_file_actions_addopen (&fa, STDERR_FILENO, stderr_path,
                                      O_WRONLY | O_CREAT | O_TRUNC, 0644);
  /* posix_spawnp takes char *const argv[]: copies, not casts. */
  char prog[4096], path[4400];
  snprintf (prog, sizeof prog, "%s", gp_program ());
  snprintf (path, sizeof path, "%s", script);
  char *argv[] = { prog, path, NULL };
  pid_t pid;
  struct timespec t0;
  clock_gettime (CLOCK_MONOTONIC, &t0);
  fflush (stdout);
  fflush (stderr);
  char **env = gnuplot_environment ();
  int rc = posix_spawnp (&pid, prog, &fa, &attr, argv, env != NULL ? env : environ);
  free (env);
  posix_spawn_file_actions_destroy (&fa);
  posix_spawnattr_destroy (&attr);
  if (rc == ENOENT || rc == EACCES)
    return GP_NOT_FOUND;
  if (rc != 0)
    return GP_FAILED;
  running_group = pid;
  /* Poll for the end without reaping (WNOWAIT): until gnuplot is reaped
     its pid, which names the group, cannot be reused by another process. */
  int timed_out = 0;
  for (;;)
    {
      siginfo_t info;
      info.si_pid = 0;
      if (waitid (P_PID, (id_t) pid, &info, WEXITED | WNOHANG | WNOWAIT) == 0
          && info.si_pid == pid)
        break;
      if (seconds_since (&t0) >= timeout)
        {
          timed_out = 1;
          break;
        }
      struct timespec tick = { 0, 10 * 1000 * 1000 };
      nanosleep (&tick, NULL);
    }
  kill (-pid, SIGKILL);
  int status;
  pid_t w;
  do
    w = waitpid (pid, &status, 0);
  while (w < 0 && errno == EINTR);
  running_group = 0;
  if (timed_out)
    return GP_TIMEOUT;
  if (w != pid)
    return GP_FAILED;
  /* A shell reports a program it cannot find as exit status 127. */
  if (WIFEXITED (status) && WEXITSTATUS (status) == 127)
    return GP_NOT_FOUND;
  return WIFEXITED (status) && WEXITSTATUS (status) == 0 ? GP_OK : GP_FAILED;
}
