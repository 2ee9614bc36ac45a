/* tests/test_distribution.c: distributions and pairing.  Both routes
   (exact derivative, weak form) against closed forms derived by hand and
   evaluated in long double (tests/ref_bump.h), with the check that every
   error estimate contains the true error; printing; bad input. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "ref_bump.h"
#include "check_main.h"

#define X ns_fn_x ()
#define C(v) ns_fn_const (v)

/* D^k T_f for a freshly built F (the distribution keeps its own reference). */
static ns_dist *
deriv_of (ns_function *f, int k)
{
  ns_dist *t = NULL, *d = NULL;
  ck_assert_int_eq (ns_dist_regular (f, &t), NS_OK);
  ck_assert_int_eq (ns_dist_deriv (t, k, &d), NS_OK);
  ns_dist_free (t);
  ns_fn_free (f);
  return d;
}

static ns_dist *
delta_deriv (double a, int k, double c)
{
  ns_dist *t = NULL, *d = NULL, *s = NULL;
  ck_assert_int_eq (ns_dist_delta (a, &t), NS_OK);
  ck_assert_int_eq (ns_dist_deriv (t, k, &d), NS_OK);
  ck_assert_int_eq (ns_dist_scale (c, d, &s), NS_OK);
  ns_dist_free (t);
  ns_dist_free (d);
  return s;
}

/* Sum over the integers k in the open support of phi_{0,R} of phi(k). */
static long double
ref_integer_sum (long double big_r)
{
  long double s = 0;
  for (int k = (int) -big_r; k <= (int) big_r; k++)
    s += ref_bump (0, big_r, k);
  return s;
}

/* ------------------------------------------------------------------ the cases */

typedef struct pair_case {
  const char *name;
  int which;       /* selects the distribution in make_case */
  double c, r;     /* the bump phi_{c,r} */
} pair_case;

enum {
  CASE_RELU1, CASE_H1, CASE_ABS2, CASE_SIGN1, CASE_DELTA1, CASE_2DELTA,
  CASE_FLOOR1, CASE_SAW1, CASE_JUMP_KINK, CASE_ABS3, CASE_RELU2, CASE_RELU3
};

static const pair_case pair_cases[] = {
  { "relu' phi_{0,1}", CASE_RELU1, 0, 1 },
  { "H' phi_{0,1}", CASE_H1, 0, 1 },
  { "|x|'' phi_{0,1}", CASE_ABS2, 0, 1 },
  { "sign' phi_{0,1}", CASE_SIGN1, 0, 1 },
  { "delta' phi_{0.5,1}", CASE_DELTA1, 0.5, 1 },
  { "2 delta phi_{0,1}", CASE_2DELTA, 0, 1 },
  { "floor' phi_{0,3.5}", CASE_FLOOR1, 0, 3.5 },
  { "(x - floor x)' phi_{0,3.5}", CASE_SAW1, 0, 3.5 },
  { "(relu(x) + H(x-0.5))' phi_{0,1}", CASE_JUMP_KINK, 0, 1 },
  { "relu' narrow phi_{0,1e-3}", CASE_RELU1, 0, 1e-3 },
  { "relu' narrow phi_{0,1e-8}", CASE_RELU1, 0, 1e-8 },
  { "relu' wide phi_{0,1e8}", CASE_RELU1, 0, 1e8 },
  { "relu' far phi_{1e6,1}", CASE_RELU1, 1e6, 1 },
  { "relu' far narrow phi_{1e6,1e-8}", CASE_RELU1, 1e6, 1e-8 },
  { "relu' off centre phi_{0.3,1}", CASE_RELU1, 0.3, 1 },
  { "relu' support misses the kink phi_{3,1}", CASE_RELU1, 3, 1 },
  { "relu' support left of the kink phi_{-5,1}", CASE_RELU1, -5, 1 },
  { "|x|'' phi_{0.5,1}", CASE_ABS2, 0.5, 1 },
  { "|x|''' phi_{0.5,1}", CASE_ABS3, 0.5, 1 },
  { "relu'' phi_{0.5,1}", CASE_RELU2, 0.5, 1 },
  { "relu''' phi_{0.5,1}", CASE_RELU3, 0.5, 1 },
};

static ns_dist *
make_case (int which)
{
  switch (which)
    {
    case CASE_RELU1: return deriv_of (ns_fn_relu (X), 1);
    case CASE_H1: return deriv_of (ns_fn_heaviside (X, 0.5), 1);
    case CASE_ABS2: return deriv_of (ns_fn_abs (X), 2);
    case CASE_SIGN1: return deriv_of (ns_fn_sign (X), 1);
    case CASE_DELTA1: return delta_deriv (0, 1, 1);
    case CASE_2DELTA: return delta_deriv (0, 0, 2);
    case CASE_FLOOR1: return deriv_of (ns_fn_floor (X), 1);
    case CASE_SAW1: return deriv_of (ns_fn_sub (X, ns_fn_floor (X)), 1);
    case CASE_JUMP_KINK:
      return deriv_of (ns_fn_add (ns_fn_relu (X),
                                  ns_fn_heaviside (ns_fn_sub (X, C (0.5)), 0.5)), 1);
    case CASE_ABS3: return deriv_of (ns_fn_abs (X), 3);
    case CASE_RELU2: return deriv_of (ns_fn_relu (X), 2);
    case CASE_RELU3: return deriv_of (ns_fn_relu (X), 3);
    default: return NULL;
    }
}

/* The closed forms, with I = int phi_{0,1} and phi_{c,r}(x) = phi((x-c)/r):
   relu' = H: int_0^inf phi_{c,r} = r I when c - r >= 0, 0 when c + r <= 0,
   r I / 2 when c = 0 (phi even); for c = 0.3 there is no closed form, so
   that case only checks the two routes against each other (NaN reference).
   H' = delta: phi(0).  |x|'' = 2 delta, sign' = 2 delta: 2 phi(0).
   delta': -phi'(0), with phi'(0) = phi(0) P_1(t0)/(1-t0^2)^2/r, t0 = -c/r.
   floor' = sum_k delta_k: sum_k phi(k).  (x - floor x)' = 1 - sum_k delta_k:
   R I - sum_k phi(k).  (relu + H(x - 1/2))' = H + delta_{1/2}: I/2 + phi(1/2).
   |x|''' = 2 delta': -2 phi'(0).  relu'' = delta: phi(0); relu''' = delta':
   -phi'(0). */
static long double
reference (const pair_case *pc)
{
  long double I = ref_bump_integral ();
  long double c = pc->c, r = pc->r;
  switch (pc->which)
    {
    case CASE_RELU1:
      if (c - r >= 0)
        return r * I;
      if (c + r <= 0)
        return 0;
      if (c == 0)
        return r * I / 2;
      return NAN;
    case CASE_H1: case CASE_RELU2: return ref_bump (c, r, 0);
    case CASE_ABS2: case CASE_SIGN1: case CASE_2DELTA: return 2 * ref_bump (c, r, 0);
    case CASE_DELTA1: case CASE_RELU3: return -ref_bump_d1 (c, r, 0);
    case CASE_ABS3: return -2 * ref_bump_d1 (c, r, 0);
    case CASE_FLOOR1: return ref_integer_sum (r);
    case CASE_SAW1: return r * I - ref_integer_sum (r);
    case CASE_JUMP_KINK: return I / 2 + ref_bump (c, r, 0.5L);
    default: return NAN;
    }
}

static void
check_route (const char *name, const char *route, ns_status st,
             const ns_pair_result *p, long double ref)
{
  double actual = (double) fabsl ((long double) p->val - ref);
  fprintf (stderr, "# %-42s %s %+.17e ref %+.17Le est %.1e act %.1e evals %zu\n",
           name, route, p->val, ref, p->err, actual, p->neval);
  ck_assert_msg (st == NS_OK, "%s route %s: %s", name, route, ns_strerror (st));
  ck_assert_msg (isfinite (p->err) && p->err >= 0, "%s: bad err", name);
  if (isnan (ref))
    return;
  /* The error estimate must contain the true error.  The reference is a
     long double, rounded to double only in the comparison, so no slack. */
  ck_assert_msg (actual <= p->err, "%s route %s: |%.17g - %.17Lg| = %g > err %g",
                 name, route, p->val, ref, actual, p->err);
  if (ref == 0)
    ck_assert_msg (p->val == 0 && p->err == 0, "%s: empty overlap must be exactly 0", name);
}

START_TEST (test_pairing_against_closed_forms)
{
  const pair_case *pc = &pair_cases[_i];
  ns_dist *t = make_case (pc->which);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (pc->c, pc->r, &phi), NS_OK);
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
  ck_assert_ptr_nonnull (w);
  long double ref = reference (pc);
  ns_pair_result a, b;
  ns_status sa = ns_dist_pair (t, phi, w, &a);
  check_route (pc->name, "A", sa, &a, ref);
  ns_status sb = ns_dist_pair_weak (t, phi, w, &b);
  check_route (pc->name, "B", sb, &b, ref);
  /* The two routes are independent; they must agree within their bounds. */
  ck_assert_msg (fabs (a.val - b.val) <= a.err + b.err,
                 "%s: routes differ by %g > %g", pc->name, fabs (a.val - b.val),
                 a.err + b.err);
  /* A NULL workspace gives the same number. */
  ns_pair_result a2;
  ck_assert_int_eq (ns_dist_pair (t, phi, NULL, &a2), NS_OK);
  ck_assert (a2.val == a.val && a2.err == a.err);
  ns_pair_workspace_free (w);
  ns_testfn_free (phi);
  ns_dist_free (t);
}
END_TEST

/* A piece where the integrand is exactly 0 (f^(k) of a piecewise
   polynomial of degree < k) costs no evaluation: the exact route of
   relu'', |x|''', sign' and floor' evaluates only phi^(p) at the jumps
   (one per jump, seven integers inside (-3.5, 3.5) for floor'), and
   relu' on phi_{-5,1}, whose support lies where relu' = 0, costs
   nothing. */
START_TEST (test_zero_pieces_cost_nothing)
{
  static const struct { int which; double c, r; size_t neval; } z[] = {
    { CASE_RELU2, 0.5, 1, 1 }, { CASE_ABS3, 0.5, 1, 1 }, { CASE_SIGN1, 0, 1, 1 },
    { CASE_FLOOR1, 0, 3.5, 7 }, { CASE_H1, 0, 1, 1 }, { CASE_RELU1, -5, 1, 0 },
  };
  for (size_t i = 0; i < sizeof z / sizeof *z; i++)
    {
      ns_dist *t = make_case (z[i].which);
      ns_testfn *phi = NULL;
      ck_assert_int_eq (ns_testfn_bump_alloc (z[i].c, z[i].r, &phi), NS_OK);
      ns_pair_result p;
      ck_assert_int_eq (ns_dist_pair (t, phi, NULL, &p), NS_OK);
      ck_assert_msg (p.neval == z[i].neval, "case %zu: %zu evaluations, expected %zu",
                     i, p.neval, z[i].neval);
      ns_testfn_free (phi);
      ns_dist_free (t);
    }
}
END_TEST

/* The reference the tests rely on, checked against the digits in the
   issue (which came from outside the project) and GSL's Bessel route in
   the library's testfn. */
START_TEST (test_reference_integral)
{
  long double I = ref_bump_integral ();
  ck_assert_msg (fabsl (I - 0.4439938161680794L) < 1e-16L, "I = %.20Lg", I);
  ck_assert_msg (fabsl (I / 2 - 0.2219969080840397L) < 1e-16L, "I/2 = %.20Lg", I / 2);
  ns_testfn *phi = NULL;
  ns_result in;
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, &phi), NS_OK);
  ck_assert_int_eq (ns_testfn_integral (phi, &in), NS_OK);
  ck_assert (fabsl ((long double) in.val - I) <= in.err);
  ns_testfn_free (phi);
}
END_TEST

/* Linearity: <2 relu' - 3 delta_{0.25}, phi> from its terms. */
START_TEST (test_sum_and_scale)
{
  ns_dist *r1 = deriv_of (ns_fn_relu (X), 1), *d = NULL, *a = NULL, *b = NULL, *s = NULL;
  ck_assert_int_eq (ns_dist_delta (0.25, &d), NS_OK);
  ck_assert_int_eq (ns_dist_scale (2, r1, &a), NS_OK);
  ck_assert_int_eq (ns_dist_scale (-3, d, &b), NS_OK);
  ck_assert_int_eq (ns_dist_sum (a, b, &s), NS_OK);
  ck_assert_uint_eq (ns_dist_nterms (s), 2);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, &phi), NS_OK);
  ns_pair_result p;
  ck_assert_int_eq (ns_dist_pair (s, phi, NULL, &p), NS_OK);
  long double ref = 2 * ref_bump_integral () / 2 - 3 * ref_bump (0, 1, 0.25L);
  ck_assert (fabsl ((long double) p.val - ref) <= p.err);
  ns_dist_term term;
  ck_assert_int_eq (ns_dist_term_get (s, 1, &term), NS_OK);
  ck_assert_int_eq (term.kind, NS_DIST_DELTA);
  ck_assert (term.coef == -3 && term.point == 0.25 && term.order == 0 && !term.f);
  ck_assert_int_eq (ns_dist_term_get (s, 0, &term), NS_OK);
  ck_assert (term.kind == NS_DIST_REGULAR && term.order == 1 && term.coef == 2 && term.f);
  ck_assert_int_eq (ns_dist_term_get (s, 2, &term), NS_EINVAL);
  ns_testfn_free (phi);
  ns_dist_free (r1); ns_dist_free (d); ns_dist_free (a); ns_dist_free (b); ns_dist_free (s);
}
END_TEST

START_TEST (test_print)
{
  char buf[200];
  ns_dist *d0 = delta_deriv (0, 0, 2), *d1 = delta_deriv (1, 1, 1),
          *d4 = delta_deriv (-2, 4, -0.5), *r = deriv_of (ns_fn_relu (X), 2), *s = NULL;
  ns_dist_snprint (buf, sizeof buf, d0, 0);
  ck_assert_str_eq (buf, "2 \xce\xb4(x)");
  ns_dist_snprint (buf, sizeof buf, d1, 0);
  ck_assert_str_eq (buf, "\xce\xb4'(x - 1)");
  ns_dist_snprint (buf, sizeof buf, d1, NS_DIST_PRINT_ASCII);
  ck_assert_str_eq (buf, "delta'(x - 1)");
  ns_dist_snprint (buf, sizeof buf, d4, NS_DIST_PRINT_ASCII);
  ck_assert_str_eq (buf, "-0.5 delta^(4)(x + 2)");
  ck_assert_int_eq (ns_dist_sum (r, d4, &s), NS_OK);
  size_t need = ns_dist_snprint (buf, sizeof buf, s, NS_DIST_PRINT_ASCII);
  ck_assert_str_eq (buf, "D^2[relu(x)] - 0.5 delta^(4)(x + 2)");
  ck_assert_uint_eq (need, strlen (buf));
  /* Truncation as snprintf: the needed length, a terminated prefix. */
  ck_assert_uint_eq (ns_dist_snprint (buf, 5, s, NS_DIST_PRINT_ASCII), need);
  ck_assert_str_eq (buf, "D^2[");
  /* "δ" is 2 bytes of UTF-8, "delta" 5. */
  ck_assert_uint_eq (ns_dist_snprint (NULL, 0, s, 0), need - 3);
  /* ns_dist_print writes the same text to a stream. */
  FILE *tmp = tmpfile ();
  ck_assert_ptr_nonnull (tmp);
  ck_assert_int_eq (ns_dist_print (tmp, s, NS_DIST_PRINT_ASCII), NS_OK);
  rewind (tmp);
  char back[200] = "";
  ck_assert_ptr_nonnull (fgets (back, sizeof back, tmp));
  ck_assert_str_eq (back, "D^2[relu(x)] - 0.5 delta^(4)(x + 2)");
  fclose (tmp);
  ck_assert_int_eq (ns_dist_print (NULL, s, 0), NS_EINVAL);
  ck_assert_int_eq (ns_dist_print (stdout, NULL, 0), NS_EINVAL);
  ns_dist_free (d0); ns_dist_free (d1); ns_dist_free (d4); ns_dist_free (r); ns_dist_free (s);
}
END_TEST

/* ------------------------------------------------------------------ bad input */

START_TEST (test_bad_input)
{
  ns_dist *t = NULL, *d = NULL;
  ns_function *f = ns_fn_relu (X);
  ck_assert_int_eq (ns_dist_regular (NULL, &t), NS_EINVAL);
  ck_assert_ptr_null (t);
  ck_assert_int_eq (ns_dist_regular (f, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_dist_delta (NAN, &t), NS_EINVAL);
  ck_assert_int_eq (ns_dist_delta (INFINITY, &t), NS_EINVAL);
  ck_assert_int_eq (ns_dist_regular (f, &t), NS_OK);
  ck_assert_int_eq (ns_dist_deriv (t, -1, &d), NS_EINVAL);
  ck_assert_int_eq (ns_dist_deriv (t, NS_DIST_MAX_ORDER + 1, &d), NS_EINVAL);
  ck_assert_int_eq (ns_dist_deriv (NULL, 1, &d), NS_EINVAL);
  ck_assert_int_eq (ns_dist_deriv (t, NS_DIST_MAX_ORDER, &d), NS_OK);
  ns_dist *e = NULL;
  ck_assert_int_eq (ns_dist_deriv (d, 1, &e), NS_ELIMIT);
  ck_assert_ptr_null (e);
  ck_assert_int_eq (ns_dist_scale (NAN, t, &e), NS_EINVAL);
  ck_assert_int_eq (ns_dist_scale (1e300, t, &e), NS_OK);
  ns_dist *e2 = NULL;
  ck_assert_int_eq (ns_dist_scale (1e300, e, &e2), NS_ERANGE);
  ck_assert_ptr_null (e2);
  ck_assert_int_eq (ns_dist_sum (t, NULL, &e2), NS_EINVAL);
  ck_assert_uint_eq (ns_dist_nterms (NULL), 0);
  ns_dist_free (NULL);
  ns_pair_workspace_free (NULL);
  ck_assert_ptr_null (ns_pair_workspace_alloc (0));

  ns_testfn *phi = NULL;
  ns_pair_result p;
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, &phi), NS_OK);
  ck_assert_int_eq (ns_dist_pair (NULL, phi, NULL, &p), NS_EINVAL);
  ck_assert (isnan (p.val) && isinf (p.err));
  ck_assert_int_eq (ns_dist_pair (t, NULL, NULL, &p), NS_EINVAL);
  ck_assert_int_eq (ns_dist_pair (t, phi, NULL, NULL), NS_EINVAL);
  ns_testfn_free (phi);
  ns_dist_free (t); ns_dist_free (d); ns_dist_free (e);
  ns_fn_free (f);
}
END_TEST

/* Functions the pairing must refuse rather than answer wrongly. */
typedef struct refuse_case {
  const char *name;
  int which;
  double c, r;
  ns_status status;
} refuse_case;

static const refuse_case refuse_cases[] = {
  { "log(x) on phi_{0,1}: undefined for x < 0", 0, 0, 1, NS_EDOM },
  { "log(x) on phi_{1,1}: -inf at the support's end", 0, 1, 1, NS_UNDEFINED },
  { "log|x| on phi_{0,1}: integrable singularity, not in this version", 1, 0, 1, NS_UNDEFINED },
  { "1/sqrt|x| on phi_{0,1}", 2, 0, 1, NS_UNDEFINED },
  { "1/x on phi_{0,1}", 3, 0, 1, NS_UNDEFINED },
  { "sqrt|x|' on phi_{0,1}: infinite slope at 0", 4, 0, 1, NS_UNDEFINED },
};

START_TEST (test_refuses_singular_functions)
{
  const refuse_case *rc = &refuse_cases[_i];
  ns_function *f = NULL;
  int k = 0;
  switch (rc->which)
    {
    case 0: f = ns_fn_log (X); break;
    case 1: f = ns_fn_log (ns_fn_abs (X)); break;
    case 2: f = ns_fn_pow (ns_fn_sqrt (ns_fn_abs (X)), -1); break;
    case 3: f = ns_fn_pow (X, -1); break;
    default: f = ns_fn_sqrt (ns_fn_abs (X)); k = 1; break;
    }
  ns_dist *t = deriv_of (f, k);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (rc->c, rc->r, &phi), NS_OK);
  ns_pair_result p;
  ns_status st = ns_dist_pair (t, phi, NULL, &p);
  ck_assert_msg (st == rc->status, "%s: route A gave %s", rc->name, ns_strerror (st));
  ck_assert (isnan (p.val) && isinf (p.err));
  st = ns_dist_pair_weak (t, phi, NULL, &p);
  ck_assert_msg (st == rc->status || (k > 0 && st == NS_UNDEFINED)
                 || (k > 0 && st == NS_OK),
                 "%s: route B gave %s", rc->name, ns_strerror (st));
  ns_testfn_free (phi);
  ns_dist_free (t);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("distribution");
  TCase *core = tcase_create ("core");
  tcase_add_test (core, test_reference_integral);
  tcase_add_loop_test (core, test_pairing_against_closed_forms, 0,
                       (int) (sizeof pair_cases / sizeof *pair_cases));
  tcase_add_test (core, test_sum_and_scale);
  tcase_add_test (core, test_zero_pieces_cost_nothing);
  tcase_add_test (core, test_print);
  suite_add_tcase (s, core);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad_input);
  tcase_add_loop_test (limits, test_refuses_singular_functions, 0,
                       (int) (sizeof refuse_cases / sizeof *refuse_cases));
  suite_add_tcase (s, limits);
  return s;
}
