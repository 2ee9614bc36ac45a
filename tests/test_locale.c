/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_locale.c: every printer of the library writes the C locale's
   numbers whatever LC_NUMERIC the program chose.  Each text is made twice,
   in the C locale and under de_DE.UTF-8 (decimal comma), and the two must
   be the same bytes; the plot script written under de_DE is run through
   gnuplot, which rejects "set xrange [-1,5:2,5]".  Without the locale the
   whole suite is reported as skipped. */
#define _XOPEN_SOURCE 700   /* mkdtemp */
#include <config.h>
#include <check.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <nonsmooth/nonsmooth.h>
#include <nonsmooth/parse.h>
#include <nonsmooth/plot.h>

static const char *const comma_locales[] = { "de_DE.UTF-8", "de_DE.utf8", "de_DE" };
static const char *comma_locale;

static void
use_comma (void)
{
  ck_assert_ptr_nonnull (setlocale (LC_NUMERIC, comma_locale));
}

static void
use_c (void)
{
  setlocale (LC_NUMERIC, "C");
}

/* The whole content of STREAM, from its start, in a static buffer. */
static const char *
contents (FILE *stream)
{
  static char buf[2][8192];
  static int which;
  which = !which;
  rewind (stream);
  size_t n = fread (buf[which], 1, sizeof buf[which] - 1, stream);
  buf[which][n] = '\0';
  return buf[which];
}

/* ------------------------------------------------------------------ texts */

START_TEST (test_premise)
{
  char buf[16];
  use_comma ();
  snprintf (buf, sizeof buf, "%.2f", 1.25);
  use_c ();
  ck_assert_str_eq (buf, "1,25");
}
END_TEST

START_TEST (test_function_and_set_text)
{
  static const char *const exprs[] = { "x + 10", "2.5*abs(x - 1.25) + 1e-07", "max(0, x) - 30" };
  static const char *const want[] = { "x + 10", "2.5*abs(x - 1.25) + 1e-07", "max(0, x) - 30" };
  for (size_t i = 0; i < sizeof exprs / sizeof *exprs; i++)
    {
      ns_function *f;
      ck_assert_int_eq (ns_fn_parse (exprs[i], &f, NULL), NS_OK);
      char c_text[128], de_text[128];
      ns_fn_snprint (c_text, sizeof c_text, f);
      use_comma ();
      ns_fn_snprint (de_text, sizeof de_text, f);
      use_c ();
      ck_assert_str_eq (de_text, c_text);
      ck_assert_str_eq (c_text, want[i]);
      ns_fn_free (f);
    }
  ns_set s;
  ck_assert_int_eq (ns_set_interval (-30, 1.25, &s), NS_OK);
  char c_text[64], de_text[64];
  ns_set_snprint (c_text, sizeof c_text, &s, 0);
  use_comma ();
  ns_set_snprint (de_text, sizeof de_text, &s, 0);
  use_c ();
  ck_assert_str_eq (de_text, c_text);
  ck_assert_str_eq (c_text, "[-30, 1.25]");
}
END_TEST

/* A distribution's text and a parse error's parameters. */
START_TEST (test_dist_text_and_parse_error)
{
  ns_dist *t;
  ck_assert_int_eq (ns_dist_parse ("2.5*delta(x - 0.5) + pv(x + 1.25)", &t, NULL), NS_OK);
  char c_text[128], de_text[128];
  ns_dist_snprint (c_text, sizeof c_text, t, NS_DIST_PRINT_ASCII);
  use_comma ();
  ns_dist_snprint (de_text, sizeof de_text, t, NS_DIST_PRINT_ASCII);
  use_c ();
  ck_assert_str_eq (de_text, c_text);
  ck_assert_msg (strstr (c_text, "2.5") != NULL && strstr (c_text, "0.5") != NULL
                 && strstr (c_text, "1.25") != NULL, "%s", c_text);
  ns_dist_free (t);

  ns_function *f = NULL;
  ns_parse_error a, b;
  ck_assert_int_eq (ns_fn_parse ("clamp(x, 1.5, -1)", &f, &a), NS_EPARSE);
  use_comma ();
  ns_status st = ns_fn_parse ("clamp(x, 1.5, -1)", &f, &b);
  use_c ();
  ck_assert_int_eq (st, NS_EPARSE);
  ck_assert_str_eq (b.text, a.text);
  ck_assert_str_eq (a.text, "invalid parameters for clamp: 1.5, -1 (needs lo <= hi, lo < +inf, hi > -inf)");
}
END_TEST

/* ns_verify_fprint: %+.17e and %.2e columns. */
START_TEST (test_verify_report)
{
  ns_function *f;
  ns_testfn *phi;
  ck_assert_int_eq (ns_fn_parse ("max(0, x - 0.25)", &f, NULL), NS_OK);
  ck_assert_int_eq (ns_testfn_bump_alloc (0.5, 1.5, &phi), NS_OK);
  ns_verify_report rep;
  ck_assert_int_eq (ns_verify_ibp (f, 1, phi, &rep), NS_OK);
  FILE *a = tmpfile (), *b = tmpfile ();
  ck_assert (a != NULL && b != NULL);
  ck_assert_int_eq (ns_verify_fprint (a, &rep), NS_OK);
  use_comma ();
  ns_status st = ns_verify_fprint (b, &rep);
  use_c ();
  ck_assert_int_eq (st, NS_OK);
  const char *ta = contents (a), *tb = contents (b);
  ck_assert_str_eq (tb, ta);
  /* The premise: the report holds numbers with a decimal point. */
  ck_assert_ptr_nonnull (strstr (ta, "e-"));
  ck_assert_ptr_nonnull (strstr (ta, "0.25"));
  fclose (a);
  fclose (b);
  ns_testfn_free (phi);
  ns_fn_free (f);
}
END_TEST

/* ns_calc_report_print: the point, the sets and the message's c. */
START_TEST (test_calc_report)
{
  ns_function *f;
  ck_assert_int_eq (ns_fn_parse ("2.5*abs(x - 1.25)", &f, NULL), NS_OK);
  ns_calc_report r;
  ck_assert_int_eq (ns_calc_rule_check (f, 1.25, NS_SUBDIFF_CONVEX, &r), NS_OK);
  FILE *a = tmpfile (), *b = tmpfile ();
  ck_assert (a != NULL && b != NULL);
  ck_assert_int_eq (ns_calc_report_print (a, &r, 0), NS_OK);
  use_comma ();
  ns_status st = ns_calc_report_print (b, &r, 0);
  use_c ();
  ck_assert_int_eq (st, NS_OK);
  const char *ta = contents (a), *tb = contents (b);
  ck_assert_str_eq (tb, ta);
  ck_assert_msg (strstr (ta, "x = 1.25") != NULL && strstr (ta, "c = 2.5") != NULL
                 && strstr (ta, "[-2.5, 2.5]") != NULL, "%s", ta);
  fclose (a);
  fclose (b);
  ns_fn_free (f);
}
END_TEST

static ns_status
never_called (int n, double x, void *data, ns_result *out)
{
  (void) n, (void) x, (void) data;
  out->val = 0;
  out->err = 0;
  return NS_OK;
}

/* The test-function messages. */
START_TEST (test_testfn_message)
{
  ns_testfn_user spec = { never_called, NULL, 2.5, 1.5, 2 };
  ns_testfn_report a, b;
  ck_assert_int_eq (ns_testfn_user_check (&spec, 1e-12, &a), NS_EINVAL);
  use_comma ();
  ns_status st = ns_testfn_user_check (&spec, 1e-12, &b);
  use_c ();
  ck_assert_int_eq (st, NS_EINVAL);
  ck_assert_str_eq (b.message, a.message);
  ck_assert_str_eq (a.message, "support [2.5, 1.5] is empty");
}
END_TEST

/* ------------------------------------------------------------------ plot */

START_TEST (test_plot_under_comma_locale)
{
  char dir[] = "/tmp/ns-test-locale-XXXXXX";
  ck_assert_ptr_nonnull (mkdtemp (dir));
  ns_function *f;
  ck_assert_int_eq (ns_fn_parse ("max(0, x - 0.5)", &f, NULL), NS_OK);
  ns_plot *p = ns_plot_alloc ();
  ck_assert_ptr_nonnull (p);
  double xs[] = { 0.5 }, ws[] = { 1.5 };
  ck_assert_int_eq (ns_plot_set_xrange (p, -1.5, 2.5), NS_OK);
  ck_assert_int_eq (ns_plot_add_function (p, f, -1.5, 2.5, 9, "blue", "f"), NS_OK);
  ck_assert_int_eq (ns_plot_add_impulses (p, xs, ws, 1, "red", "jump"), NS_OK);
  ck_assert_int_eq (ns_plot_add_text (p, 0.5, 1.5, "1.5 delta"), NS_OK);
  use_comma ();
  ns_status st = ns_plot_write (p, NS_PLOT_DUMB, dir, "fig");
  use_c ();
  ck_assert_int_eq (st, NS_OK);

  char path[256], line[512];
  snprintf (path, sizeof path, "%s/fig.gp", dir);
  FILE *in = fopen (path, "r");
  ck_assert_ptr_nonnull (in);
  int xrange = 0, label = 0;
  while (fgets (line, sizeof line, in))
    {
      xrange |= strcmp (line, "set xrange [-1.5:2.5]\n") == 0;
      label |= strstr (line, " at 0.5,1.5 offset") != NULL;
    }
  fclose (in);
  ck_assert_msg (xrange && label, "%s lacks the C locale's numbers", path);
  /* The data: two numbers per line, read in the C locale. */
  snprintf (path, sizeof path, "%s/fig.dat", dir);
  in = fopen (path, "r");
  ck_assert_ptr_nonnull (in);
  int rows = 0;
  while (fgets (line, sizeof line, in))
    {
      double x, y;
      if (line[0] == '#' || line[0] == '\n')
        continue;
      ck_assert_msg (sscanf (line, "%lf %lf", &x, &y) == 2 && strchr (line, ',') == NULL,
                     "data line '%s'", line);
      rows++;
    }
  fclose (in);
  ck_assert_int_ge (rows, 10);

  /* gnuplot reads the script, itself under the comma locale. */
  char cmd[1024], out[256];
  snprintf (out, sizeof out, "%s/gnuplot.txt", dir);
  snprintf (cmd, sizeof cmd, "LC_ALL=%s '%s' '%s/fig.gp' >'%s' 2>&1", comma_locale, NS_GNUPLOT,
            dir, out);
  int rc = system (cmd);
  if (rc != 0 && access (NS_GNUPLOT, X_OK) != 0)
    fprintf (stderr, "# test_plot_under_comma_locale: gnuplot (%s) not found, not run\n",
             NS_GNUPLOT);
  else
    {
      in = fopen (out, "r");
      char said[2048] = "";
      if (in != NULL)
        {
          size_t n = fread (said, 1, sizeof said - 1, in);
          said[n] = '\0';
          fclose (in);
        }
      ck_assert_msg (rc == 0 && strstr (said, "rror") == NULL, "gnuplot: %d: %s", rc, said);
      remove (out);
    }
  static const char *const files[] = { "fig.gp", "fig.dat" };
  for (size_t i = 0; i < 2; i++)
    {
      snprintf (path, sizeof path, "%s/%s", dir, files[i]);
      remove (path);
    }
  rmdir (dir);
  ns_plot_free (p);
  ns_fn_free (f);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("locale");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, test_premise);
  tcase_add_test (tc, test_function_and_set_text);
  tcase_add_test (tc, test_dist_text_and_parse_error);
  tcase_add_test (tc, test_verify_report);
  tcase_add_test (tc, test_calc_report);
  tcase_add_test (tc, test_testfn_message);
  tcase_add_test (tc, test_plot_under_comma_locale);
  suite_add_tcase (s, tc);
  return s;
}

int
main (void)
{
  for (size_t i = 0; i < sizeof comma_locales / sizeof *comma_locales && !comma_locale; i++)
    if (setlocale (LC_NUMERIC, comma_locales[i]) != NULL)
      comma_locale = comma_locales[i];
  setlocale (LC_NUMERIC, "C");
  if (comma_locale == NULL)
    {
      /* TAP: a plan of no tests with a reason is a skip. */
      printf ("1..0 # SKIP no de_DE.UTF-8 locale (generate it: locale-gen de_DE.UTF-8)\n");
      return EXIT_SUCCESS;
    }
  SRunner *runner = srunner_create (make_suite ());
  srunner_run_all (runner, CK_ENV);
  int failed = srunner_ntests_failed (runner);
  srunner_free (runner);
  return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
