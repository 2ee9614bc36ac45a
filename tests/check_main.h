/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/check_main.h: the shared main of every Check suite.  A suite file
   defines `static Suite *make_suite (void)` and includes this header last.
   Output is TAP when CK_TAP_LOG_FILE_NAME=- (set by `make check`), one line
   per test case, for automake's TAP driver.  NS_TEST_SCALE (default 1)
   multiplies the iteration counts of random tests. */
#ifndef NS_TESTS_CHECK_MAIN_H
#define NS_TESTS_CHECK_MAIN_H

#include <check.h>
#include <stdlib.h>

/* Iteration count for a random test: BASE times $NS_TEST_SCALE (>= 1). */
static inline int
ns_test_iterations (int base)
{
  const char *s = getenv ("NS_TEST_SCALE");
  double scale = s ? strtod (s, NULL) : 1.0;
  if (!(scale >= 1.0) || scale > 1e6)
    scale = 1.0;
  return (int) (base * scale);
}

static Suite *make_suite (void);

int
main (void)
{
  SRunner *runner = srunner_create (make_suite ());
  srunner_run_all (runner, CK_ENV);
  int failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif /* NS_TESTS_CHECK_MAIN_H */
