/* tests/test_verify.c: the integration-by-parts report.  The three routes
   agree for the tutorial's functions; closed forms are offered only where
   they are closed; the printed report; bad input. */
#include <config.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "ref_bump.h"
#include "check_main.h"

#define X ns_fn_x ()
#define C(v) ns_fn_const (v)

typedef struct verify_case {
  const char *name;
  int which, k;
  double c, r;
  int closed;   /* 1 when route C must be available */
} verify_case;

static const verify_case verify_cases[] = {
  { "relu' phi_{0,1}", 0, 1, 0, 1, 1 },
  { "max(0,x)' phi_{0,1}", 1, 1, 0, 1, 1 },
  { "relu' phi_{2,1}", 0, 1, 2, 1, 1 },
  { "relu' phi_{-2,1}", 0, 1, -2, 1, 1 },
  { "relu' phi_{0.3,1} (no closed form)", 0, 1, 0.3, 1, 0 },
  { "relu' phi_{0,1e-8}", 0, 1, 0, 1e-8, 1 },
  { "relu' phi_{1e6,1}", 0, 1, 1e6, 1, 1 },
  { "relu'' phi_{0.5,1}", 0, 2, 0.5, 1, 1 },
  { "relu''' phi_{0.5,1} (no closed form)", 0, 3, 0.5, 1, 0 },
  { "H' phi_{0,1}", 2, 1, 0, 1, 1 },
  { "|x|'' phi_{0,1}", 3, 2, 0, 1, 1 },
  { "|x|''' phi_{0.5,1}", 3, 3, 0.5, 1, 0 },
  { "sign' phi_{0,1}", 4, 1, 0, 1, 1 },
  { "floor' phi_{0,3.5}", 5, 1, 0, 3.5, 0 },
  { "relu(x^3 - x)'' phi_{0,2}", 6, 2, 0, 2, 0 },
};

static ns_function *
make_function (int which)
{
  switch (which)
    {
    case 0: return ns_fn_relu (X);
    case 1: return ns_fn_max (C (0), X);
    case 2: return ns_fn_heaviside (X, 0.5);
    case 3: return ns_fn_abs (X);
    case 4: return ns_fn_sign (X);
    case 5: return ns_fn_floor (X);
    default: return ns_fn_relu (ns_fn_sub (ns_fn_pow (X, 3), X));
    }
}

START_TEST (test_routes_agree)
{
  const verify_case *vc = &verify_cases[_i];
  ns_function *f = make_function (vc->which);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (vc->c, vc->r, &phi), NS_OK);
  ns_verify_report rep;
  ck_assert_int_eq (ns_verify_ibp (f, vc->k, phi, &rep), NS_OK);
  fprintf (stderr, "# %s\n", vc->name);
  ns_verify_fprint (stderr, &rep);
  ck_assert_msg (rep.agree, "%s: routes disagree by %g", vc->name, rep.max_diff);
  ck_assert_int_eq (rep.route[NS_VERIFY_EXACT].status, NS_OK);
  ck_assert_int_eq (rep.route[NS_VERIFY_WEAK].status, NS_OK);
  ck_assert_int_eq (rep.route[NS_VERIFY_CLOSED].available, vc->closed);
  ns_testfn_free (phi);
  ns_fn_free (f);
}
END_TEST

/* Writes REP through ns_verify_fprint into BUF via a standard tmpfile. */
static void
print_to_buffer (const ns_verify_report *rep, char *buf, size_t size)
{
  FILE *m = tmpfile ();
  ck_assert_ptr_nonnull (m);
  ck_assert_int_eq (ns_verify_fprint (m, rep), NS_OK);
  rewind (m);
  size_t n = fread (buf, 1, size - 1, m);
  buf[n] = '\0';
  fclose (m);
}

/* Route C's values against the long-double references themselves. */
START_TEST (test_closed_forms)
{
  ns_function *f = ns_fn_relu (X);
  ns_testfn *phi = NULL;
  ns_verify_report rep;
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, &phi), NS_OK);
  ck_assert_int_eq (ns_verify_ibp (f, 1, phi, &rep), NS_OK);
  const ns_verify_route *c = &rep.route[NS_VERIFY_CLOSED];
  long double ref = ref_bump_integral () / 2;
  ck_assert (fabsl ((long double) c->val - ref) <= c->err);
  for (int i = 0; i < NS_VERIFY_NROUTES; i++)
    ck_assert (fabsl ((long double) rep.route[i].val - ref) <= rep.route[i].err);
  ns_fn_free (f);
  f = ns_fn_heaviside (X, 1);
  ck_assert_int_eq (ns_verify_ibp (f, 1, phi, &rep), NS_OK);
  ck_assert (fabsl ((long double) c->val - expl (-1.0L)) <= c->err);
  ns_fn_free (f);
  ns_testfn_free (phi);
}
END_TEST

START_TEST (test_fprint)
{
  ns_function *f = ns_fn_relu (X);
  ns_testfn *phi = NULL;
  ns_verify_report rep;
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, &phi), NS_OK);
  ck_assert_int_eq (ns_verify_ibp (f, 1, phi, &rep), NS_OK);
  char buf[2048] = "";
  print_to_buffer (&rep, buf, sizeof buf);
  ck_assert_ptr_nonnull (strstr (buf, "relu(x)"));
  ck_assert_ptr_nonnull (strstr (buf, "route A  +2.21996908084039"));
  ck_assert_ptr_nonnull (strstr (buf, "agree"));
  ck_assert_ptr_null (strstr (buf, "DISAGREE"));
  /* A report whose routes were tampered with says so. */
  rep.route[NS_VERIFY_WEAK].val += 1e-6;
  rep.agree = 0;
  print_to_buffer (&rep, buf, sizeof buf);
  ck_assert_ptr_nonnull (strstr (buf, "DISAGREE"));
  ck_assert_int_eq (ns_verify_fprint (NULL, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_verify_fprint (stderr, NULL), NS_EINVAL);
  ns_testfn_free (phi);
  ns_fn_free (f);
}
END_TEST

START_TEST (test_bad_input)
{
  ns_function *f = ns_fn_relu (X);
  ns_testfn *phi = NULL;
  ns_verify_report rep;
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, &phi), NS_OK);
  ck_assert_int_eq (ns_verify_ibp (NULL, 1, phi, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_verify_ibp (f, 1, NULL, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_verify_ibp (f, 1, phi, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_verify_ibp (f, -1, phi, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_verify_ibp (f, NS_DIST_MAX_ORDER + 1, phi, &rep), NS_EINVAL);
  /* log(x) around 0: the report is made, every route refuses, no agreement. */
  ns_function *g = ns_fn_log (X);
  ck_assert_int_eq (ns_verify_ibp (g, 1, phi, &rep), NS_OK);
  ck_assert_int_eq (rep.route[NS_VERIFY_EXACT].status, NS_EDOM);
  ck_assert_int_eq (rep.route[NS_VERIFY_WEAK].status, NS_EDOM);
  ck_assert (!rep.agree);
  ns_fn_free (g);
  ns_testfn_free (phi);
  ns_fn_free (f);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("verify");
  TCase *core = tcase_create ("core");
  tcase_add_loop_test (core, test_routes_agree, 0,
                       (int) (sizeof verify_cases / sizeof *verify_cases));
  tcase_add_test (core, test_closed_forms);
  tcase_add_test (core, test_fprint);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad_input);
  suite_add_tcase (s, limits);
  return s;
}
