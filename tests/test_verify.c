/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_verify.c: the integration-by-parts report.  The three routes
   agree for the tutorial's functions; closed forms are offered only where
   they are closed; the printed report; bad input. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "ref_bump.h"
#include "ref_quad.h"
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
  { "log|x|' phi_{0,1} (p.v. 1/x)", 7, 1, 0, 1, 1 },
  { "log|x|' phi_{0.3,1} (p.v. 1/x)", 7, 1, 0.3, 1, 0 },
  { "log|x|'' phi_{0,1}", 7, 2, 0, 1, 0 },
  { "log|x|'' phi_{0.5,1e-3}", 7, 2, 0.5e-3, 1e-3, 0 },
  { "(x - floor x)' phi_{0,3.5}", 8, 1, 0, 3.5, 0 },
  { "floor' wide phi_{0,20.5}", 5, 1, 0, 20.5, 0 },
  { "(x - floor x)' wide phi_{0,20.5}", 8, 1, 0, 20.5, 0 },
  { "(relu(x) + H(x - 1/2))' phi_{0,1}", 9, 1, 0, 1, 0 },
  { "|x|'' narrow phi_{0,1e-3}", 3, 2, 0, 1e-3, 1 },
  { "|x|'' narrow phi_{0,1e-8}", 3, 2, 0, 1e-8, 1 },
  { "relu' wide phi_{0,1e8}", 0, 1, 0, 1e8, 1 },
  { "sign' far phi_{1e6,1}", 4, 1, 1e6, 1, 1 },
  { "H' phi_{3,1} (support misses the jump)", 2, 1, 3, 1, 1 },
  { "sqrt|x|' phi_{0.3,1} (infinite slope)", 10, 1, 0.3, 1, 0 },
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
    case 7: return ns_fn_log (ns_fn_abs (X));
    case 8: return ns_fn_sub (X, ns_fn_floor (X));
    case 9: return ns_fn_add (ns_fn_relu (X), ns_fn_heaviside (ns_fn_sub (X, C (0.5)), 0.5));
    case 10: return ns_fn_sqrt (ns_fn_abs (X));
    default: return ns_fn_relu (ns_fn_sub (ns_fn_pow (X, 3), X));
    }
}

/* p.v. int phi^(n)_{c,r}(x)/x dx = int_0^L (phi^(n)(s) - phi^(n)(-s))/s ds,
   n = 0, 1, by tests/ref_quad.h split where +-s crosses a support end. */
typedef struct ref_pv0 { long double c, r; int n; } ref_pv0;

static long double
ref_phi_n (const ref_pv0 *q, long double x)
{
  return q->n ? ref_bump_d1 (q->c, q->r, x) : ref_bump (q->c, q->r, x);
}

static long double
ref_pv0_integrand (long double s, long double da, long double db, const void *data)
{
  (void) da; (void) db;
  const ref_pv0 *q = data;
  return (ref_phi_n (q, s) - ref_phi_n (q, -s)) / s;
}

static long double
ref_pv0_value (long double c, long double r, int n)
{
  ref_pv0 q = { c, r, n };
  long double p = fabsl (c - r), s = fabsl (c + r);
  long double lo = fminl (p, s), hi = fmaxl (p, s);
  return ref_quad (ref_pv0_integrand, &q, 0, lo) + ref_quad (ref_pv0_integrand, &q, lo, hi);
}

/* int_{-a}^{b} sign(x)/(2 sqrt|x|) phi_{c,r}, the slope of sqrt|x|. */
static long double
ref_sqrt_slope_integrand (long double x, long double da, long double db, const void *data)
{
  (void) x;
  const long double *q = data;   /* c, r, side */
  long double s = q[2] > 0 ? da : db;
  return q[2] * ref_bump (q[0], q[1], q[2] * s) / (2 * sqrtl (s));
}

/* Sum over the integers k in (-R, R) of phi_{0,R}(k). */
static long double
ref_integer_sum (long double big_r)
{
  long double s = 0;
  for (int k = (int) -big_r; k <= (int) big_r; k++)
    s += ref_bump (0, big_r, k);
  return s;
}

/* Independent references (NaN: none here; the routes are then only
   compared with each other).  By hand: relu' = H; H', |x|'', sign' point
   values; floor' = sum_k delta_k; (x - floor x)' = 1 - sum_k delta_k;
   (relu + H(x - 1/2))' = H + delta_{1/2}; log|x|' = p.v. 1/x and
   log|x|'' = -p.v. 1/x paired with phi'. */
static long double
verify_reference (const verify_case *vc)
{
  long double c = vc->c, r = vc->r, I = ref_bump_integral ();
  switch (vc->which * 10 + vc->k)
    {
    case 1: case 11:   /* relu' */
      if (c - r >= 0)
        return r * I;
      if (c + r <= 0)
        return 0;
      return c == 0 ? r * I / 2 : NAN;
    case 2: case 12: case 21: return ref_bump (c, r, 0);
    case 32: case 41: return 2 * ref_bump (c, r, 0);
    case 51: return ref_integer_sum (r);
    case 81: return r * I - ref_integer_sum (r);
    case 91: return I / 2 + ref_bump (c, r, 0.5L);
    case 71: return ref_pv0_value (c, r, 0);
    case 72: return -ref_pv0_value (c, r, 1);
    case 101:
      {
        long double q1[3] = { c, r, 1 }, q2[3] = { c, r, -1 };
        return ref_quad (ref_sqrt_slope_integrand, q1, 0, c + r)
               + ref_quad (ref_sqrt_slope_integrand, q2, c - r, 0);
      }
    default: return NAN;
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
  /* Every available route's estimate contains its true error. */
  long double ref = verify_reference (vc);
  for (int i = 0; i < NS_VERIFY_NROUTES && !isnan (ref); i++)
    if (rep.route[i].available)
      ck_assert_msg (fabsl ((long double) rep.route[i].val - ref) <= rep.route[i].err,
                     "%s route %d: |%.17g - %.17Lg| > %g", vc->name, i,
                     rep.route[i].val, ref, rep.route[i].err);
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
  rep.status = NS_EDISAGREE;
  print_to_buffer (&rep, buf, sizeof buf);
  ck_assert_ptr_nonnull (strstr (buf, "DISAGREE (beyond the error bounds)"));
  ck_assert_int_eq (ns_verify_fprint (NULL, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_verify_fprint (stderr, NULL), NS_EINVAL);
  ns_testfn_free (phi);
  ns_fn_free (f);
}
END_TEST

/* user test function: the bump exp(-1/(1-x^2)) with its value only. */
static ns_status
order0_bump (int n, double x, void *data, ns_result *out)
{
  (void) data;
  if (n != 0)
    return NS_EINVAL;
  out->val = fabs (x) < 1 ? exp (-1 / (1 - x * x)) : 0.0;
  out->err = 4 * DBL_EPSILON * out->val;
  return NS_OK;
}

START_TEST (test_failed_routes)
{
  /* 1/x is not integrable at 0: routes A and B fail; relu'' against a
     test function with no derivatives: A and B cannot pair, C (phi(0))
     can.  A failed route holds NaN +- inf and prints its status, never
     a number. */
  ns_testfn *bump = NULL, *flat = NULL;
  ns_verify_report rep;
  char buf[2048] = "";
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, &bump), NS_OK);
  ns_function *f = ns_fn_div (C (1), X);
  ck_assert_int_eq (ns_verify_ibp (f, 0, bump, &rep), NS_OK);
  ck_assert_int_eq (rep.agree, 0);
  for (int i = 0; i < 2; i++)
    {
      const ns_verify_route *r = &rep.route[i];
      ck_assert_int_ne (r->status, NS_OK);
      ck_assert_int_ne (r->status, NS_ETOL);
      ck_assert (isnan (r->val));
      ck_assert (isinf (r->err) && r->err > 0);
    }
  print_to_buffer (&rep, buf, sizeof buf);
  ck_assert_ptr_null (strstr (buf, "nan"));
  char want[256];
  snprintf (want, sizeof want, "route A  not computed: %s",
            ns_strerror (rep.route[NS_VERIFY_EXACT].status));
  ck_assert_msg (strstr (buf, want) != NULL, "%s", buf);
  snprintf (want, sizeof want, "route B  not computed: %s",
            ns_strerror (rep.route[NS_VERIFY_WEAK].status));
  ck_assert_msg (strstr (buf, want) != NULL, "%s", buf);
  /* No route has a value: nothing agrees or disagrees, and the verdict
     is the first failed route's status. */
  ck_assert_ptr_null (strstr (buf, "DISAGREE"));
  ck_assert_ptr_nonnull (strstr (buf, "no route has a value"));
  ck_assert_int_eq (rep.nvalues, 0);
  ck_assert_int_eq (rep.answer, -1);
  ck_assert_int_eq (rep.status, rep.route[NS_VERIFY_EXACT].status);
  ck_assert (isnan (rep.val) && isinf (rep.err));
  ns_fn_free (f);

  ns_testfn_user spec = { order0_bump, NULL, -1, 1, 0 };
  ck_assert_int_eq (ns_testfn_user_alloc (&spec, 1e-12, &flat, NULL), NS_OK);
  f = ns_fn_relu (X);
  ck_assert_int_eq (ns_verify_ibp (f, 2, flat, &rep), NS_OK);
  ck_assert_int_eq (rep.route[NS_VERIFY_WEAK].status, NS_EINVAL);
  ck_assert (isnan (rep.route[NS_VERIFY_WEAK].val));
  ck_assert (isinf (rep.route[NS_VERIFY_WEAK].err));
  /* Route C is phi(0) = e^-1. */
  const ns_verify_route *c = &rep.route[NS_VERIFY_CLOSED];
  ck_assert_int_eq (c->status, NS_OK);
  ck_assert (fabs (c->val - exp (-1.0)) <= c->err + 1e-16);
  print_to_buffer (&rep, buf, sizeof buf);
  ck_assert_ptr_null (strstr (buf, "nan"));
  snprintf (want, sizeof want, "route B  not computed: %s", ns_strerror (NS_EINVAL));
  ck_assert_msg (strstr (buf, want) != NULL, "%s", buf);
  ck_assert_ptr_nonnull (strstr (buf, "route C  +3.67879441171442"));
  /* Route C alone has a value: it is the answer, and named. */
  ck_assert_int_eq (rep.nvalues, 1);
  ck_assert_int_eq (rep.answer, NS_VERIFY_CLOSED);
  ck_assert_int_eq (rep.status, NS_OK);
  ck_assert (fabs (rep.val - exp (-1.0)) <= rep.err + 1e-16);
  ck_assert_ptr_nonnull (strstr (buf, "one route only: route C gives the value"));
  ck_assert_ptr_null (strstr (buf, "DISAGREE"));
  ns_fn_free (f);
  ns_testfn_free (flat);
  ns_testfn_free (bump);
}
END_TEST

START_TEST (test_huge_radius)
{
  /* A bump of radius 1e300: phi^(k) = r^-k u^(k)(x/r) underflows for
     k >= 2 and int relu phi overflows.  No route may hold a NaN with
     NS_OK or NS_ETOL; those that succeed keep their hand-known value
     (relu'' = delta: phi(0) = e^-1). */
  ns_testfn *phi = NULL;
  ns_verify_report rep;
  char buf[2048];
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1e300, &phi), NS_OK);
  ns_function *f = ns_fn_relu (X);
  for (int k = 0; k <= 3; k++)
    {
      ck_assert_int_eq (ns_verify_ibp (f, k, phi, &rep), NS_OK);
      for (int i = 0; i < NS_VERIFY_NROUTES; i++)
        {
          const ns_verify_route *r = &rep.route[i];
          ck_assert (!isnan (r->err) && r->err >= 0);
          if (r->status == NS_OK || r->status == NS_ETOL)
            ck_assert_msg (isfinite (r->val), "k=%d route %d", k, i);
          else
            ck_assert (isnan (r->val) && isinf (r->err));
        }
      print_to_buffer (&rep, buf, sizeof buf);
      ck_assert_msg (strstr (buf, "nan") == NULL, "%s", buf);
    }
  ck_assert_int_eq (ns_verify_ibp (f, 2, phi, &rep), NS_OK);
  const ns_verify_route *a = &rep.route[NS_VERIFY_EXACT];
  ck_assert_int_eq (a->status, NS_OK);
  ck_assert (fabs (a->val - exp (-1.0)) <= a->err + 1e-16);
  /* The pairing itself, route B for k = 2. */
  ns_dist *tf = NULL, *d2 = NULL;
  ck_assert_int_eq (ns_dist_regular (f, &tf), NS_OK);
  ck_assert_int_eq (ns_dist_deriv (tf, 2, &d2), NS_OK);
  ns_pair_result p;
  ns_status st = ns_dist_pair_weak (d2, phi, NULL, &p);
  if (st == NS_OK || st == NS_ETOL)
    ck_assert (isfinite (p.val) && !isnan (p.err));
  else
    ck_assert (isnan (p.val) && isinf (p.err));
  ns_dist_free (d2);
  ns_dist_free (tf);
  ns_fn_free (f);
  ns_testfn_free (phi);
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

/* ns_verify_dist on distributions that are not T_f: x delta' = -delta
   pairs as -phi(0) = -exp(-1/(1 - t0^2)) on a shifted bump (t0 = -c/r),
   its derivative -delta' as phi'(0); pv 1/x on the even bump is 0 by
   symmetry. */
START_TEST (test_verify_dist)
{
  ns_testfn *phi = NULL, *even = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0.3, 1.5, &phi), NS_OK);
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, &even), NS_OK);
  ns_verify_report rep;

  ns_dist *d = NULL, *dd = NULL, *xdd = NULL;
  ck_assert_int_eq (ns_dist_delta (0, &d), NS_OK);
  ck_assert_int_eq (ns_dist_deriv (d, 1, &dd), NS_OK);
  ns_function *x = ns_fn_x ();
  ck_assert_int_eq (ns_dist_mul (x, dd, &xdd), NS_OK);
  ns_fn_free (x);
  ck_assert_int_eq (ns_verify_dist (xdd, 0, phi, &rep), NS_OK);
  long double t0 = -0.3L / 1.5L;
  double want = (double) -expl (-1.0L / (1.0L - t0 * t0));
  ck_assert (rep.agree);
  ck_assert (!rep.route[NS_VERIFY_CLOSED].available);
  for (int i = NS_VERIFY_EXACT; i <= NS_VERIFY_WEAK; i++)
    {
      ck_assert_int_eq (rep.route[i].status, NS_OK);
      ck_assert_msg (fabs (rep.route[i].val - want) <= rep.route[i].err + 1e-16,
                     "route %d: %.17g vs %.17g (err %.3g)", i, rep.route[i].val, want,
                     rep.route[i].err);
    }
  ck_assert_str_eq (rep.function, "x*delta'(x)");

  /* The same distribution differentiated once more: -delta' pairs as phi'(0). */
  ck_assert_int_eq (ns_verify_dist (xdd, 1, phi, &rep), NS_OK);
  ck_assert (rep.agree);
  ns_result p1;
  ck_assert_int_eq (ns_testfn_eval (phi, 1, 0.0, &p1), NS_OK);
  ck_assert (fabs (rep.route[NS_VERIFY_EXACT].val - p1.val)
             <= rep.route[NS_VERIFY_EXACT].err + p1.err);

  ns_dist *pv = NULL;
  ck_assert_int_eq (ns_dist_pv (0, &pv), NS_OK);
  ck_assert_int_eq (ns_verify_dist (pv, 0, even, &rep), NS_OK);
  ck_assert (rep.agree);
  ck_assert (fabs (rep.route[NS_VERIFY_EXACT].val) <= rep.route[NS_VERIFY_EXACT].err);

  /* Bad input. */
  ck_assert_int_eq (ns_verify_dist (NULL, 0, phi, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_verify_dist (pv, -1, phi, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_verify_dist (pv, 0, NULL, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_verify_dist (pv, 0, phi, NULL), NS_EINVAL);

  ns_dist_free (d);
  ns_dist_free (dd);
  ns_dist_free (xdd);
  ns_dist_free (pv);
  ns_testfn_free (phi);
  ns_testfn_free (even);
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
  tcase_add_test (core, test_verify_dist);
  tcase_add_test (core, test_failed_routes);
  tcase_add_test (core, test_huge_radius);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad_input);
  suite_add_tcase (s, limits);
  return s;
}
