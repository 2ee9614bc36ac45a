/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_status.c: every status code has its own non-empty message;
   unknown codes still get one; every code is classified as an answer or a
   failure; the version macros agree with the package version and the
   run-time check. */
#include <config.h>
#include <stdio.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

START_TEST (test_every_code_has_a_distinct_message)
{
  for (int i = NS_OK; i <= NS_STATUS_LAST; i++)
    {
      const char *m = ns_strerror ((ns_status) i);
      ck_assert_ptr_nonnull (m);
      ck_assert_int_gt ((int) strlen (m), 0);
      for (int j = NS_OK; j < i; j++)
        ck_assert_str_ne (m, ns_strerror ((ns_status) j));
    }
}
END_TEST

/* ns_thread_cleanup frees the certification caches; a certified decision
   afterwards refills them and still decides: relu(x^2 - 4) one ulp above
   2 is smooth, with slope 2x (the kink is at the double 2 exactly). */
START_TEST (test_thread_cleanup_then_certify)
{
  ns_thread_cleanup ();
  ns_thread_cleanup ();
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse ("relu(x^2 - 4)", &f, NULL), NS_OK);
  double x = nextafter (2.0, 3.0), d = 0;
  for (int i = 0; i < 2; i++)
    {
      ck_assert_int_eq (ns_fn_deriv_side (f, x, NS_LEFT, 1, &d), NS_OK);
      ck_assert_double_eq_tol (d, 2 * x, 8 * DBL_EPSILON * x);
      ns_thread_cleanup ();
    }
  ns_fn_free (f);
}
END_TEST

START_TEST (test_unknown_code)
{
  ck_assert_str_eq (ns_strerror ((ns_status) 9999), "unknown status code");
  ck_assert_str_eq (ns_strerror ((ns_status) -1), "unknown status code");
}
END_TEST

START_TEST (test_version_matches_header)
{
  ck_assert_str_eq (ns_version (), NS_VERSION);
  ck_assert_str_eq (ns_version (), PACKAGE_VERSION);
}
END_TEST

/* The classification the manual states (Status codes), written out here
   independently of lib/status/status.c.  Every code must appear. */
static const struct { ns_status status; int answer; } classified[] = {
  { NS_OK, 1 }, { NS_ETOL, 1 }, { NS_UNDEFINED, 1 }, { NS_ENOTCONVEX, 1 },
  { NS_ENOTLIPSCHITZ, 1 }, { NS_ERANGE, 1 },
  { NS_EINVAL, 0 }, { NS_EDOM, 0 }, { NS_ENOMEM, 0 }, { NS_EPARSE, 0 },
  { NS_ELIMIT, 0 }, { NS_EMAXITER, 0 }, { NS_EUNDECIDED, 0 },
  { NS_EDISAGREE, 0 }, { NS_EOVERFLOW, 0 },
};
enum { NCLASSIFIED = sizeof classified / sizeof classified[0] };

START_TEST (test_answer_or_failure)
{
  ck_assert_msg (ns_status_is_answer (classified[_i].status) == classified[_i].answer,
                 "%s: expected %s", ns_strerror (classified[_i].status),
                 classified[_i].answer ? "an answer" : "a failure");
}
END_TEST

START_TEST (test_every_code_is_classified)
{
  /* A new code must be added to the table above (and to the manual). */
  ck_assert_int_eq (NCLASSIFIED, NS_STATUS_LAST + 1);
  for (int i = NS_OK; i <= NS_STATUS_LAST; i++)
    {
      int found = 0;
      for (int k = 0; k < NCLASSIFIED; k++)
        found += classified[k].status == (ns_status) i;
      ck_assert_msg (found == 1, "code %d listed %d times", i, found);
    }
  ck_assert_int_eq (ns_status_is_answer ((ns_status) -1), 0);
  ck_assert_int_eq (ns_status_is_answer ((ns_status) (NS_STATUS_LAST + 1)), 0);
  ck_assert_int_eq (ns_status_is_answer ((ns_status) 9999), 0);
}
END_TEST

/* The numeric macros against the version string, parsed here. */
START_TEST (test_version_numbers)
{
  int major = -1, minor = -1, micro = -1;
  ck_assert_int_eq (sscanf (PACKAGE_VERSION, "%d.%d.%d", &major, &minor, &micro), 3);
  ck_assert_int_eq (NS_MAJOR_VERSION, major);
  ck_assert_int_eq (NS_MINOR_VERSION, minor);
  ck_assert_int_eq (NS_MICRO_VERSION, micro);
  ck_assert_int_eq (NS_VERSION_HEX, major * 65536 + minor * 256 + micro);
  ck_assert_int_eq (ns_version_hex (), NS_VERSION_HEX);
  char text[32];
  snprintf (text, sizeof text, "%d.%d.%d", NS_MAJOR_VERSION, NS_MINOR_VERSION,
            NS_MICRO_VERSION);
  ck_assert_str_eq (text, NS_VERSION);
  /* The macros work in #if, where a program selects code by version. */
#if !NS_VERSION_AT_LEAST (NS_MAJOR_VERSION, NS_MINOR_VERSION, NS_MICRO_VERSION) \
    || NS_VERSION_AT_LEAST (NS_MAJOR_VERSION, NS_MINOR_VERSION, NS_MICRO_VERSION + 1) \
    || !NS_VERSION_AT_LEAST (0, 0, 0)
  ck_abort_msg ("NS_VERSION_AT_LEAST orders versions wrongly");
#endif
  ck_assert (NS_VERSION_ENCODE (1, 0, 0) > NS_VERSION_ENCODE (0, 255, 255));
  ck_assert (NS_VERSION_ENCODE (0, 2, 0) > NS_VERSION_ENCODE (0, 1, 255));
}
END_TEST

START_TEST (test_version_check)
{
  ck_assert_int_eq (NS_VERSION_CHECK (), 1);
  ck_assert_int_eq (ns_version_check (NS_MAJOR_VERSION, NS_MINOR_VERSION, NS_MICRO_VERSION), 1);
  ck_assert_int_eq (ns_version_check (NS_MAJOR_VERSION, 0, 0), 1);
  if (NS_MICRO_VERSION > 0)
    ck_assert_int_eq (ns_version_check (NS_MAJOR_VERSION, NS_MINOR_VERSION, NS_MICRO_VERSION - 1), 1);
  /* Headers newer than the library: it may lack what they declare. */
  ck_assert_int_eq (ns_version_check (NS_MAJOR_VERSION, NS_MINOR_VERSION, NS_MICRO_VERSION + 1), 0);
  ck_assert_int_eq (ns_version_check (NS_MAJOR_VERSION, NS_MINOR_VERSION + 1, 0), 0);
  /* Another major version: an incompatible interface, older or newer. */
  ck_assert_int_eq (ns_version_check (NS_MAJOR_VERSION + 1, 0, 0), 0);
  if (NS_MAJOR_VERSION > 0)
    ck_assert_int_eq (ns_version_check (NS_MAJOR_VERSION - 1, 0, 0), 0);
  ck_assert_int_eq (ns_version_check (-1, 0, 0), 0);
  ck_assert_int_eq (ns_version_check (NS_MAJOR_VERSION, -1, 0), 0);
  ck_assert_int_eq (ns_version_check (NS_MAJOR_VERSION, 0, 256), 0);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("status");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, test_every_code_has_a_distinct_message);
  tcase_add_test (tc, test_unknown_code);
  tcase_add_test (tc, test_thread_cleanup_then_certify);
  tcase_add_test (tc, test_version_matches_header);
  tcase_add_test (tc, test_version_numbers);
  tcase_add_test (tc, test_version_check);
  tcase_add_test (tc, test_every_code_is_classified);
  tcase_add_loop_test (tc, test_answer_or_failure, 0, NCLASSIFIED);
  suite_add_tcase (s, tc);
  return s;
}
