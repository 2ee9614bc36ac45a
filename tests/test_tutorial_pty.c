/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_tutorial_pty.c: nonsmooth-tutorial --pause on a real terminal.
   The program runs on the slave side of a pseudo-terminal (posix_openpt)
   and the test plays the reader on the master side: it must stop at the
   prompt after each page, stay stopped while nobody types, go on at
   Enter, quit at q; with standard input not a terminal it must never
   wait.  On a UTF-8 terminal the sets print as {-1} ∪ {1} and ∅, in the C
   locale as {-1} U {1} and {}.  Every wait is bounded (TIMEOUT_MS) and a
   stuck child is killed by its pid.  The tutorial's plot files go to a
   TMPDIR of the test's own, removed when the child has finished. */
#define _XOPEN_SOURCE 700   /* posix_openpt, grantpt, unlockpt, ptsname */
#include <config.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "check_main.h"

#define TIMEOUT_MS 60000    /* generous: sanitizer builds and a libtool wrapper */
#define QUIET_MS 400        /* how long a waiting program must stay silent */
#define PROMPT "-- Enter: next page, q Enter: quit --"

#define CLEAR "\033[H\033[2J"

/* NO_COLOR for the next child (NULL: unset). */
static const char *no_color;

typedef struct child {
  pid_t pid;
  int master;
  char out[1 << 16];
  size_t len;
  int exited, status;
  char tmp[4096];   /* the child's TMPDIR */
} child;

static const char *
program (void)
{
  const char *p = getenv ("NS_TUTORIAL");
  return p ? p : "./tutorials/nonsmooth-tutorial";
}

/* Starts the tutorial on a new pseudo-terminal with LC_ALL = LOCALE;
   with STDIN_NULL its standard input is /dev/null instead. */
static void
start (child *c, const char *locale, int stdin_null, const char *const args[])
{
  memset (c, 0, sizeof *c);
  const char *t = getenv ("TMPDIR");
  snprintf (c->tmp, sizeof c->tmp, "%s/ns-test-pty-XXXXXX", t && *t ? t : "/tmp");
  ck_assert_ptr_nonnull (mkdtemp (c->tmp));
  c->master = posix_openpt (O_RDWR | O_NOCTTY);
  ck_assert_int_ge (c->master, 0);
  ck_assert_int_eq (grantpt (c->master), 0);
  ck_assert_int_eq (unlockpt (c->master), 0);
  const char *name = ptsname (c->master);
  ck_assert_ptr_nonnull (name);
  char slave[256];
  strncpy (slave, name, sizeof slave - 1);
  slave[sizeof slave - 1] = '\0';
  c->pid = fork ();
  ck_assert_int_ge (c->pid, 0);
  if (c->pid == 0)
    {
      /* A new session whose controlling terminal is the slave. */
      setsid ();
      int s = open (slave, O_RDWR);
      if (s < 0)
        _exit (126);
      dup2 (s, STDIN_FILENO);
      dup2 (s, STDOUT_FILENO);
      dup2 (s, STDERR_FILENO);
      if (stdin_null)
        {
          int z = open ("/dev/null", O_RDONLY);
          if (z < 0)
            _exit (126);
          dup2 (z, STDIN_FILENO);
          close (z);
        }
      if (s > STDERR_FILENO)
        close (s);
      close (c->master);
      setenv ("LC_ALL", locale, 1);
      setenv ("TERM", "xterm", 1);
      setenv ("TMPDIR", c->tmp, 1);
      if (no_color != NULL)
        setenv ("NO_COLOR", no_color, 1);
      else
        unsetenv ("NO_COLOR");
      char *argv[16];
      int n = 0;
      argv[n++] = strdup (program ());
      for (int i = 0; args[i] != NULL && n < 15; i++)
        argv[n++] = strdup (args[i]);
      argv[n] = NULL;
      execv (argv[0], argv);
      _exit (127);
    }
}

static long
now_ms (void)
{
  struct timespec ts;
  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (long) ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Reads what the child wrote within MS milliseconds, or until NEEDLE
   occurs at or after offset FROM.  Returns 1 when NEEDLE was found (NULL:
   never), 0 on timeout or end of output. */
static int
read_for (child *c, const char *needle, size_t from, long ms)
{
  long end = now_ms () + ms;
  for (;;)
    {
      if (needle != NULL && c->len > from && strstr (c->out + from, needle) != NULL)
        return 1;
      long left = end - now_ms ();
      if (left <= 0)
        return 0;
      struct pollfd p = { c->master, POLLIN, 0 };
      int r = poll (&p, 1, (int) left);
      if (r < 0 && errno == EINTR)
        continue;
      if (r <= 0)
        return 0;
      if (c->len + 1 >= sizeof c->out)
        return 0;
      ssize_t k = read (c->master, c->out + c->len, sizeof c->out - 1 - c->len);
      if (k <= 0)
        return 0;   /* EIO: the slave side is closed, the child is gone */
      c->len += (size_t) k;
      c->out[c->len] = '\0';
    }
}

static void
type (child *c, const char *text)
{
  ck_assert_int_eq (write (c->master, text, strlen (text)), (ssize_t) strlen (text));
}

static int
remove_entry (const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
  (void) sb;
  (void) flag;
  (void) ftw;
  return remove (path);
}

/* Waits (bounded) for the child to exit, draining its output; kills it
   when it does not.  Removes its TMPDIR.  Returns its wait status. */
static int
finish (child *c)
{
  long end = now_ms () + TIMEOUT_MS;
  int status = 0;
  for (;;)
    {
      pid_t r = waitpid (c->pid, &status, WNOHANG);
      if (r == c->pid)
        break;
      if (now_ms () > end)
        {
          kill (c->pid, SIGKILL);
          waitpid (c->pid, &status, 0);
          close (c->master);
          ck_abort_msg ("the tutorial did not exit; output so far:\n%s", c->out);
        }
      read_for (c, NULL, 0, 50);
    }
  read_for (c, NULL, 0, 50);
  close (c->master);
  ck_assert_int_eq (nftw (c->tmp, remove_entry, 16, FTW_DEPTH | FTW_PHYS), 0);
  return status;
}

static size_t
count (const char *hay, const char *needle)
{
  size_t n = 0;
  for (const char *p = strstr (hay, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static int
child_alive (const child *c)
{
  int status;
  return waitpid (c->pid, &status, WNOHANG) == 0;
}

START_TEST (test_pause_waits_for_enter)
{
  static const char *const args[] = { "--pause", "--plot", "none", "--color", "never",
                                      "--section", "4", NULL };
  child c;
  start (&c, "C", 0, args);
  ck_assert_msg (read_for (&c, PROMPT, 0, TIMEOUT_MS), "no prompt; output:\n%s", c.out);
  ck_assert (strstr (c.out, "4.1  ") != NULL);
  /* Nobody types: the program must wait, silent, after page 4.1. */
  size_t at = c.len;
  ck_assert_int_eq (read_for (&c, "4.2  ", 0, QUIET_MS), 0);
  ck_assert_uint_eq (c.len, at);
  ck_assert (child_alive (&c));
  /* Enter: page 4.2 and the next prompt. */
  type (&c, "\n");
  ck_assert_msg (read_for (&c, PROMPT, at, TIMEOUT_MS), "no second prompt:\n%s", c.out);
  ck_assert (strstr (c.out, "4.2  ") != NULL);
  ck_assert (strstr (c.out, "4.3  ") == NULL);
  at = c.len;
  ck_assert_int_eq (read_for (&c, "4.3  ", 0, QUIET_MS), 0);
  ck_assert (child_alive (&c));
  /* q Enter: quit without another page. */
  type (&c, "q\n");
  int status = finish (&c);
  ck_assert (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  ck_assert_msg (strstr (c.out, "4.3  ") == NULL, "a page after q:\n%s", c.out);
}
END_TEST

START_TEST (test_enter_through_section)
{
  /* Enter at every prompt shows the seven pages of section 4 and its
     exercises, one prompt each, the screen cleared before each next page; on a UTF-8 terminal
     the sets of -|x| come out in Unicode. */
  static const char *const args[] = { "--pause", "--plot", "none", "--color", "never",
                                      "--section", "subgradient", NULL };
  child c;
  start (&c, "C.UTF-8", 0, args);
  size_t from = 0;
  int prompts = 0;
  while (prompts < 10 && read_for (&c, PROMPT, from, TIMEOUT_MS))
    {
      prompts++;
      from = (size_t) (strstr (c.out + from, PROMPT) - c.out) + strlen (PROMPT);
      type (&c, "\n");
    }
  int status = finish (&c);
  ck_assert (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  ck_assert_int_eq (prompts, 8);
  ck_assert_uint_eq (count (c.out, PROMPT), 8);
  ck_assert_uint_eq (count (c.out, CLEAR), 7);
  ck_assert (strstr (c.out, CLEAR "4.2  ") != NULL);
  ck_assert (strstr (c.out, CLEAR "4.6  ") != NULL);
  ck_assert (strstr (c.out, CLEAR "4.7  Subgradient: how fast") != NULL);
  ck_assert (strstr (c.out, CLEAR "4.8  Exercises") != NULL);
  /* The locale exists on glibc systems; when it does not, the program
     falls back to ASCII, which is right too. */
  ck_assert (strstr (c.out, "limiting  {-1} \xe2\x88\xaa {1}") != NULL
             || strstr (c.out, "limiting  {-1} U {1}") != NULL);
  if (strstr (c.out, "{-1} U {1}") == NULL)
    ck_assert (strstr (c.out, "Frechet   \xe2\x88\x85") != NULL);
}
END_TEST

START_TEST (test_no_color)
{
  /* --color auto on a terminal with TERM=xterm: bold titles, unless
     NO_COLOR is set and not empty (no-color.org). */
  static const char *const args[] = { "--plot", "none", "--section", "1", NULL };
  static const char *const values[] = { NULL, "", "1" };
  for (int i = 0; i < 3; i++)
    {
      child c;
      no_color = values[i];
      start (&c, "C", 1, args);
      int status = finish (&c);
      no_color = NULL;
      ck_assert (WIFEXITED (status) && WEXITSTATUS (status) == 0);
      ck_assert (strstr (c.out, "1.1  ") != NULL);
      if (i < 2)
        ck_assert_msg (strstr (c.out, "\033[1m") != NULL, "no colour with NO_COLOR '%s'",
                       values[i] ? values[i] : "(unset)");
      else
        ck_assert_msg (strstr (c.out, "\033[") == NULL, "colour with NO_COLOR=1:\n%s", c.out);
    }
}
END_TEST

START_TEST (test_no_tty_stdin_never_waits)
{
  /* stdout on the terminal, stdin /dev/null: no prompt, no wait, ASCII
     sets in the C locale. */
  static const char *const args[] = { "--pause", "--plot", "none", "--color", "never",
                                      "--section", "4", NULL };
  child c;
  start (&c, "C", 1, args);
  int status = finish (&c);
  ck_assert (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  ck_assert (strstr (c.out, PROMPT) == NULL);
  ck_assert (strstr (c.out, "4.5  ") != NULL);
  ck_assert (strstr (c.out, "limiting  {-1} U {1}") != NULL);
  ck_assert (strstr (c.out, "Frechet   {}") != NULL);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("tutorial-pty");
  TCase *tc = tcase_create ("pause");
  tcase_set_timeout (tc, 3 * TIMEOUT_MS / 1000 + 10);
  tcase_add_test (tc, test_pause_waits_for_enter);
  tcase_add_test (tc, test_enter_through_section);
  tcase_add_test (tc, test_no_color);
  tcase_add_test (tc, test_no_tty_stdin_never_waits);
  suite_add_tcase (s, tc);
  return s;
}
