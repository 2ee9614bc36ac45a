/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_status.c: every status code has its own non-empty message;
   unknown codes still get one. */
#include <config.h>
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

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("status");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, test_every_code_has_a_distinct_message);
  tcase_add_test (tc, test_unknown_code);
  tcase_add_test (tc, test_version_matches_header);
  suite_add_tcase (s, tc);
  return s;
}
