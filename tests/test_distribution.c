/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
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
#include "ref_quad.h"
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
  { "1/x^2 on phi_{0,1}: not integrable at 0", 1, 0, 1, NS_UNDEFINED },
  { "1/|x| on phi_{0,1}: not integrable at 0", 2, 0, 1, NS_UNDEFINED },
  { "1/x on phi_{0,1}: not integrable at 0 (p.v. 1/x is ns_dist_pv)", 3, 0, 1, NS_UNDEFINED },
  { "1/(x - 0.25) on phi_{0,1}", 4, 0, 1, NS_UNDEFINED },
};

START_TEST (test_refuses_singular_functions)
{
  const refuse_case *rc = &refuse_cases[_i];
  ns_function *f = NULL;
  int k = 0;
  switch (rc->which)
    {
    case 0: f = ns_fn_log (X); break;
    case 1: f = ns_fn_pow (X, -2); break;
    case 2: f = ns_fn_div (C (1), ns_fn_abs (X)); break;
    case 3: f = ns_fn_pow (X, -1); break;
    default: f = ns_fn_div (C (1), ns_fn_sub (X, C (0.25))); break;
    }
  ns_dist *t = deriv_of (f, k);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (rc->c, rc->r, &phi), NS_OK);
  ns_pair_result p;
  ns_status st = ns_dist_pair (t, phi, NULL, &p);
  ck_assert_msg (st == rc->status, "%s: route A gave %s", rc->name, ns_strerror (st));
  ck_assert (isnan (p.val) && isinf (p.err));
  st = ns_dist_pair_weak (t, phi, NULL, &p);
  ck_assert_msg (st == rc->status, "%s: route B gave %s", rc->name,
                 ns_strerror (st));
  ck_assert (isnan (p.val) && isinf (p.err));
  ns_testfn_free (phi);
  ns_dist_free (t);
}
END_TEST


/* ------------------------------------------------------------------ singular terms */

/* Long-double references by tests/ref_quad.h (tanh-sinh, not GSL).  Each
   integrand receives the distances to its interval's ends, so that the
   singular point a is approached without cancellation. */
typedef struct ref_sing {
  long double c, r, a;
  int kind;        /* 0: log|x - a|; 1: |x - a|^-1/2; 2: sign(x - a) / (2 sqrt|x - a|) */
  int a_at_right;  /* the interval ends at a (else starts at a) */
} ref_sing;

static long double
ref_sing_integrand (long double x, long double da, long double db, const void *data)
{
  const ref_sing *q = data;
  long double s = q->a_at_right ? db : da;   /* |x - a| */
  long double ph = ref_bump (q->c, q->r, x);
  if (ph == 0)
    return 0;
  switch (q->kind)
    {
    case 0: return logl (s) * ph;
    case 1: return ph / sqrtl (s);
    default: return (q->a_at_right ? -1 : 1) * ph / (2 * sqrtl (s));
    }
}

/* int f(x) phi_{c,r}(x) dx for the singular f of KIND at A, split at a. */
static long double
ref_singular_integral (int kind, long double c, long double r, long double a)
{
  long double lo = c - r, hi = c + r, sum = 0;
  if (a > lo)
    {
      ref_sing q = { c, r, a, kind, 1 };
      sum += ref_quad (ref_sing_integrand, &q, lo, fminl (a, hi));
    }
  if (a < hi)
    {
      ref_sing q = { c, r, a, kind, 0 };
      sum += ref_quad (ref_sing_integrand, &q, fmaxl (a, lo), hi);
    }
  return sum;
}

/* p.v. int phi^(n)_{c,r}(x)/(x - a) dx = int_0^L (phi^(n)(a+s) - phi^(n)(a-s))/s ds
   (n = 0, 1): a smooth integrand, a different route from the library's
   Cauchy-weighted quadrature.  Split where a +- s crosses a support end. */
typedef struct ref_pv_data { long double c, r, a; int n; } ref_pv_data;

static long double
ref_phi_n (const ref_pv_data *q, long double x)
{
  return q->n ? ref_bump_d1 (q->c, q->r, x) : ref_bump (q->c, q->r, x);
}

static long double
ref_pv_integrand (long double s, long double ds, long double db, const void *data)
{
  (void) ds; (void) db;
  const ref_pv_data *q = data;
  return (ref_phi_n (q, q->a + s) - ref_phi_n (q, q->a - s)) / s;
}

static long double
ref_pv (long double c, long double r, long double a, int n)
{
  ref_pv_data q = { c, r, a, n };
  long double cuts[4] = { 0, fabsl (c - r - a), fabsl (c + r - a), 0 };
  long double big = fmaxl (cuts[1], cuts[2]), small = fminl (cuts[1], cuts[2]);
  cuts[1] = small;
  cuts[2] = big;
  long double sum = 0;
  for (int i = 0; i < 2; i++)
    if (cuts[i + 1] > cuts[i])
      sum += ref_quad (ref_pv_integrand, &q, cuts[i], cuts[i + 1]);
  return sum;
}

/* 4 int_0^1 phi/(1-x^2)^2 dx: <log|x|'', phi_{0,1}> = -p.v. int phi'/x, and
   phi'(x)/x = -2 phi/(1-x^2)^2 for the unit bump (derived by hand). */
static long double
ref_log2_integrand (long double x, long double da, long double db, const void *data)
{
  (void) x; (void) data;
  long double s = db * (1 + x);   /* 1 - x^2 */
  (void) da;
  return 4 * expl (-1 / s) / (s * s);
}

/* 4 int_0^1 phi(s^2) ds = int |x|^-1/2 phi_{0,1}: x = s^2 removes the
   singularity (a third route, to check ref_singular_integral itself). */
static long double
ref_sqrt_sub_integrand (long double s, long double da, long double db, const void *data)
{
  (void) da; (void) db; (void) data;
  return 4 * ref_bump (0, 1, s * s);
}

enum {
  S_LOG, S_LOG_SHIFT, S_LOG_OFF, S_LOG_NARROW, S_LOG_WIDE, S_ISQRT, S_ISQRT_SHIFT,
  S_LOG_EDGE, S_SQRT1, S_DLOG_OFF, S_D2LOG, S_D2LOG_SHIFT, S_DLOG_SCALED,
  S_PV0, S_PV_OFF, S_PV_SHIFT, S_PV_MISS, S_PV_EDGE, S_PV_NEAR_EDGE, S_DPV,
  S_PV_FAR, S_PV_NARROW
};

typedef struct sing_case {
  const char *name;
  int which;
  double c, r;
} sing_case;

static const sing_case sing_cases[] = {
  { "log|x| phi_{0,1}", S_LOG, 0, 1 },
  { "log|x - 0.3| phi_{0,1}", S_LOG_SHIFT, 0, 1 },
  { "log|x| phi_{0.5,1}", S_LOG_OFF, 0.5, 1 },
  { "log|x| phi_{0,1e-3}", S_LOG_NARROW, 0, 1e-3 },
  { "log|x| phi_{0,1e8}", S_LOG_WIDE, 0, 1e8 },
  { "1/sqrt|x| phi_{0,1}", S_ISQRT, 0, 1 },
  { "1/sqrt|x - 0.3| phi_{0,1}", S_ISQRT_SHIFT, 0, 1 },
  { "log(x) phi_{1,1} (-inf at the support's end)", S_LOG_EDGE, 1, 1 },
  { "sqrt|x|' phi_{0.3,1} (infinite slope at 0)", S_SQRT1, 0.3, 1 },
  { "log|x|' phi_{0.3,1} = pv 1/x", S_DLOG_OFF, 0.3, 1 },
  { "log|x|'' phi_{0,1}", S_D2LOG, 0, 1 },
  { "log|x - 0.25|'' phi_{0,1}", S_D2LOG_SHIFT, 0, 1 },
  { "(3 log|2x - 1| + x^2)' phi_{0,1}", S_DLOG_SCALED, 0, 1 },
  { "pv 1/x phi_{0,1} (even: 0)", S_PV0, 0, 1 },
  { "pv 1/x phi_{0.3,1}", S_PV_OFF, 0.3, 1 },
  { "pv 1/(x - 0.5) phi_{0,1}", S_PV_SHIFT, 0, 1 },
  { "pv 1/x phi_{2,1} (support misses 0)", S_PV_MISS, 2, 1 },
  { "pv 1/(x - 1) phi_{0,1} (at the support's end)", S_PV_EDGE, 0, 1 },
  { "pv 1/(x - 0.999) phi_{0,1}", S_PV_NEAR_EDGE, 0, 1 },
  { "D pv 1/x phi_{0.3,1}", S_DPV, 0.3, 1 },
  { "pv 1/(x - 1e6 - 0.25) phi_{1e6,1}", S_PV_FAR, 1e6, 1 },
  { "pv 1/(x - 1e-9) phi_{0,1e-8}", S_PV_NARROW, 0, 1e-8 },
};

static ns_dist *
pv_deriv (double a, int k)
{
  ns_dist *t = NULL, *d = NULL;
  ck_assert_int_eq (ns_dist_pv (a, &t), NS_OK);
  ck_assert_int_eq (ns_dist_deriv (t, k, &d), NS_OK);
  ns_dist_free (t);
  return d;
}

static ns_function *
log_abs_shift (double a)
{
  return ns_fn_log (ns_fn_abs (a == 0 ? X : ns_fn_sub (X, C (a))));
}

static ns_dist *
make_sing_case (int which)
{
  switch (which)
    {
    case S_LOG: case S_LOG_OFF: case S_LOG_NARROW: case S_LOG_WIDE:
      return deriv_of (log_abs_shift (0), 0);
    case S_LOG_SHIFT: return deriv_of (log_abs_shift (0.3), 0);
    case S_ISQRT: return deriv_of (ns_fn_div (C (1), ns_fn_sqrt (ns_fn_abs (X))), 0);
    case S_ISQRT_SHIFT:
      return deriv_of (ns_fn_pow (ns_fn_sqrt (ns_fn_abs (ns_fn_sub (X, C (0.3)))), -1), 0);
    case S_LOG_EDGE: return deriv_of (ns_fn_log (X), 0);
    case S_SQRT1: return deriv_of (ns_fn_sqrt (ns_fn_abs (X)), 1);
    case S_DLOG_OFF: return deriv_of (log_abs_shift (0), 1);
    case S_D2LOG: return deriv_of (log_abs_shift (0), 2);
    case S_D2LOG_SHIFT: return deriv_of (log_abs_shift (0.25), 2);
    case S_DLOG_SCALED:
      return deriv_of (ns_fn_add (ns_fn_mul (C (3), ns_fn_log (ns_fn_abs (ns_fn_sub (ns_fn_mul (C (2), X), C (1))))),
                                  ns_fn_pow (X, 2)), 1);
    case S_PV0: case S_PV_OFF: case S_PV_MISS: return pv_deriv (0, 0);
    case S_PV_SHIFT: return pv_deriv (0.5, 0);
    case S_PV_EDGE: return pv_deriv (1, 0);
    case S_PV_NEAR_EDGE: return pv_deriv (0.999, 0);
    case S_DPV: return pv_deriv (0, 1);
    case S_PV_FAR: return pv_deriv (1e6 + 0.25, 0);
    case S_PV_NARROW: return pv_deriv (1e-9, 0);
    default: return NULL;
    }
}

/* References: <T_f, phi> by ref_singular_integral; <D T_{log|x-a|}, phi> =
   <pv 1/(x-a), phi> = ref_pv (n = 0); <D^2 T_{log|x-a|}, phi> =
   -<pv, phi'> = -ref_pv (n = 1); (3 log|2x-1| + x^2)' = 3 pv 1/(x-1/2) + 2x,
   and int 2x phi_{0,1} = 0 (odd); <D pv, phi> = -<pv, phi'>. */
static long double
sing_reference (const sing_case *sc)
{
  long double c = sc->c, r = sc->r;
  switch (sc->which)
    {
    case S_LOG: case S_LOG_OFF: case S_LOG_NARROW: case S_LOG_WIDE:
      return ref_singular_integral (0, c, r, 0);
    case S_LOG_SHIFT: return ref_singular_integral (0, c, r, (double) 0.3);
    case S_ISQRT: return ref_singular_integral (1, c, r, 0);
    case S_ISQRT_SHIFT: return ref_singular_integral (1, c, r, (double) 0.3);
    case S_LOG_EDGE: return ref_singular_integral (0, c, r, 0);
    case S_SQRT1: return ref_singular_integral (2, c, r, 0);
    case S_DLOG_OFF: case S_PV_OFF: case S_PV_MISS: return ref_pv (c, r, 0, 0);
    case S_D2LOG: return -ref_pv (c, r, 0, 1);
    case S_D2LOG_SHIFT: return -ref_pv (c, r, 0.25L, 1);
    case S_DLOG_SCALED: return 3 * ref_pv (c, r, 0.5L, 0);
    case S_PV0: return 0;
    case S_PV_SHIFT: return ref_pv (c, r, 0.5L, 0);
    case S_PV_EDGE: return ref_pv (c, r, 1, 0);
    case S_PV_NEAR_EDGE: return ref_pv (c, r, (double) 0.999, 0);
    case S_DPV: return -ref_pv (c, r, 0, 1);
    case S_PV_FAR: return ref_pv (c, r, 1e6L + 0.25L, 0);
    case S_PV_NARROW: return ref_pv (c, r, (double) 1e-9, 0);
    default: return NAN;
    }
}

/* The references checked against each other and against closed forms
   before anything is compared with them. */
START_TEST (test_singular_references)
{
  /* x = s^2 against the split tanh-sinh route for |x|^-1/2. */
  long double a = ref_singular_integral (1, 0, 1, 0);
  long double b = ref_quad (ref_sqrt_sub_integrand, NULL, 0, 1);
  ck_assert_msg (fabsl (a - b) < 1e-17L, "%.20Lg vs %.20Lg", a, b);
  /* log|x|'' on the unit bump, two routes. */
  a = -ref_pv (0, 1, 0, 1);
  b = ref_quad (ref_log2_integrand, NULL, 0, 1);
  ck_assert_msg (fabsl (a - b) < 1e-16L, "%.20Lg vs %.20Lg", a, b);
  /* The unit bump's integral against the Bessel series of ref_bump.h. */
  typedef struct { int dummy; } none;
  (void) sizeof (none);
  ref_pv_data q = { 0, 1, 0, 0 };
  (void) q;
  /* log|x| on a bump of radius r: r (I log r + int log|t| phi(t) dt). */
  long double unit = ref_singular_integral (0, 0, 1, 0);
  long double wide = ref_singular_integral (0, 0, 1e8L, 0);
  long double expect = 1e8L * (ref_bump_integral () * logl (1e8L) + unit);
  ck_assert_msg (fabsl (wide - expect) < 1e-17L * fabsl (expect) * 100,
                 "%.20Lg vs %.20Lg", wide, expect);
}
END_TEST

START_TEST (test_singular_pairing)
{
  const sing_case *sc = &sing_cases[_i];
  ns_dist *t = make_sing_case (sc->which);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (sc->c, sc->r, &phi), NS_OK);
  long double ref = sing_reference (sc);
  ns_pair_result a, b;
  ns_status sa = ns_dist_pair (t, phi, NULL, &a);
  ns_status sb = ns_dist_pair_weak (t, phi, NULL, &b);
  if (ref == 0)
    {
      /* A cancellation (pv 1/x on an even bump), not an empty overlap:
         the bound must contain the value, which need not be exactly 0. */
      ck_assert_int_eq (sa, NS_OK);
      ck_assert_int_eq (sb, NS_OK);
      ck_assert_msg (fabs (a.val) <= a.err && fabs (b.val) <= b.err,
                     "%s: %g +- %g, %g +- %g", sc->name, a.val, a.err, b.val, b.err);
    }
  else
    {
      check_route (sc->name, "A", sa, &a, ref);
      check_route (sc->name, "B", sb, &b, ref);
    }
  ck_assert_msg (fabs (a.val - b.val) <= a.err + b.err,
                 "%s: routes differ by %g > %g", sc->name, fabs (a.val - b.val),
                 a.err + b.err);
  ns_testfn_free (phi);
  ns_dist_free (t);
}
END_TEST

/* log(x^2) is not recognized as 2 log|x|: its exact derivative 2/x is not
   integrable at 0, so route A refuses; route B still pairs. */
START_TEST (test_log_square_route_a_refuses)
{
  ns_dist *t = deriv_of (ns_fn_log (ns_fn_pow (X, 2)), 1);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0.3, 1, &phi), NS_OK);
  ns_pair_result p;
  ck_assert_int_eq (ns_dist_pair (t, phi, NULL, &p), NS_UNDEFINED);
  ck_assert (isnan (p.val) && isinf (p.err));
  ck_assert_int_eq (ns_dist_pair_weak (t, phi, NULL, &p), NS_OK);
  long double ref = 2 * ref_pv (0.3L, 1, 0, 0);
  ck_assert_msg (fabsl ((long double) p.val - ref) <= p.err, "%.17g vs %.17Lg +- %g",
                 p.val, ref, p.err);
  ns_testfn_free (phi);
  ns_dist_free (t);
}
END_TEST

/* ------------------------------------------------------------------ multipliers */

typedef struct mul_case {
  const char *name;
  int which;
  double c, r;
} mul_case;

enum { M_XD1, M_XD0, M_X2D2, M_EXPH1, M_SINPV, M_DXD1, M_XD1_SHIFT, M_CONSTS };

static const mul_case mul_cases[] = {
  { "x delta' = -delta, phi_{0,1}", M_XD1, 0, 1 },
  { "x delta' = -delta, phi_{0.3,1}", M_XD1, 0.3, 1 },
  { "x delta' = -delta, phi_{-0.2,0.5}", M_XD1, -0.2, 0.5 },
  { "x delta = 0, phi_{0.3,1}", M_XD0, 0.3, 1 },
  { "x^2 delta'' = 2 delta, phi_{0.3,1}", M_X2D2, 0.3, 1 },
  { "exp(x) H' = delta, phi_{0.3,1}", M_EXPH1, 0.3, 1 },
  { "sin(x) pv 1/x = sin(x)/x, phi_{0.3,1}", M_SINPV, 0.3, 1 },
  { "D[x delta'] = -delta', phi_{0.3,1}", M_DXD1, 0.3, 1 },
  { "(x - 1) delta'(x - 1) = -delta(x - 1), phi_{0.7,1}", M_XD1_SHIFT, 0.7, 1 },
  { "2 (x + 1) (3 delta) = 6 delta, phi_{0.3,1}", M_CONSTS, 0.3, 1 },
};

static ns_dist *
mul_of (ns_function *g, ns_dist *t)
{
  ns_dist *m = NULL;
  ck_assert_int_eq (ns_dist_mul (g, t, &m), NS_OK);
  ns_fn_free (g);
  ns_dist_free (t);
  return m;
}

static ns_dist *
make_mul_case (int which)
{
  switch (which)
    {
    case M_XD1: return mul_of (X, delta_deriv (0, 1, 1));
    case M_XD0: return mul_of (X, delta_deriv (0, 0, 1));
    case M_X2D2: return mul_of (ns_fn_pow (X, 2), delta_deriv (0, 2, 1));
    case M_EXPH1: return mul_of (ns_fn_exp (X), deriv_of (ns_fn_heaviside (X, 0.5), 1));
    case M_SINPV: return mul_of (ns_fn_sin (X), pv_deriv (0, 0));
    case M_DXD1:
      {
        ns_dist *m = mul_of (X, delta_deriv (0, 1, 1)), *d = NULL;
        ck_assert_int_eq (ns_dist_deriv (m, 1, &d), NS_OK);
        ns_dist_free (m);
        return d;
      }
    case M_XD1_SHIFT: return mul_of (ns_fn_sub (X, C (1)), delta_deriv (1, 1, 1));
    case M_CONSTS:
      return mul_of (C (2), mul_of (ns_fn_add (X, C (1)), delta_deriv (0, 0, 3)));
    default: return NULL;
    }
}

/* sin(x)/x phi(x) for the reference of M_SINPV: a third route. */
static long double
ref_sinc_integrand (long double x, long double da, long double db, const void *data)
{
  (void) da; (void) db;
  const long double *cr = data;
  return (x == 0 ? 1 : sinl (x) / x) * ref_bump (cr[0], cr[1], x);
}

/* By hand: (x phi)'(0) = phi(0); (x phi)(0) = 0; (x^2 phi)''(0) = 2 phi(0);
   (e^x phi)(0) = phi(0); <D(x delta'), phi> = -<x delta', phi'> =
   (x phi')'(0) = phi'(0); 2 (0 + 1) 3 phi(0) = 6 phi(0). */
static long double
mul_reference (const mul_case *mc)
{
  long double c = mc->c, r = mc->r;
  switch (mc->which)
    {
    case M_XD1: return -ref_bump (c, r, 0);
    case M_XD0: return 0;
    case M_X2D2: return 2 * ref_bump (c, r, 0);
    case M_EXPH1: return ref_bump (c, r, 0);
    case M_SINPV:
      {
        long double cr[2] = { c, r };
        return ref_quad (ref_sinc_integrand, cr, c - r, c + r);
      }
    case M_DXD1: return ref_bump_d1 (c, r, 0);
    case M_XD1_SHIFT: return -ref_bump (c, r, 1);
    case M_CONSTS: return 6 * ref_bump (c, r, 0);
    default: return NAN;
    }
}

START_TEST (test_multiplication)
{
  const mul_case *mc = &mul_cases[_i];
  ns_dist *t = make_mul_case (mc->which);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (mc->c, mc->r, &phi), NS_OK);
  long double ref = mul_reference (mc);
  ns_pair_result a, b;
  ns_status sa = ns_dist_pair (t, phi, NULL, &a);
  check_route (mc->name, "A", sa, &a, ref);
  ns_status sb = ns_dist_pair_weak (t, phi, NULL, &b);
  check_route (mc->name, "B", sb, &b, ref);
  ns_testfn_free (phi);
  ns_dist_free (t);
}
END_TEST

/* sin(x) pv 1/x and the regular T_{sin(x)/x} are one distribution: their
   pairings agree within their bounds. */
START_TEST (test_sin_pv_is_regular)
{
  ns_dist *m = make_mul_case (M_SINPV);
  ns_dist *reg = deriv_of (ns_fn_div (ns_fn_sin (X), X), 0);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0.3, 1, &phi), NS_OK);
  ns_pair_result p, q;
  ck_assert_int_eq (ns_dist_pair (m, phi, NULL, &p), NS_OK);
  ck_assert_int_eq (ns_dist_pair (reg, phi, NULL, &q), NS_OK);
  ck_assert_msg (fabs (p.val - q.val) <= p.err + q.err, "%.17g vs %.17g", p.val, q.val);
  ns_testfn_free (phi);
  ns_dist_free (m);
  ns_dist_free (reg);
}
END_TEST

/* Structure: a regular term of order 0 absorbs g; other terms keep it;
   multipliers compose; a derivative after multiplying stays outside. */
START_TEST (test_multiplication_structure)
{
  ns_dist *t = mul_of (X, deriv_of (ns_fn_relu (X), 0));
  ns_dist_term term;
  ck_assert_int_eq (ns_dist_term_get (t, 0, &term), NS_OK);
  ck_assert (term.kind == NS_DIST_REGULAR && !term.mult && term.outer == 0);
  ck_assert_int_eq (ns_fn_op (term.f), NS_OP_MUL);
  ns_dist_free (t);
  t = make_mul_case (M_CONSTS);
  ck_assert_int_eq (ns_dist_term_get (t, 0, &term), NS_OK);
  ck_assert (term.kind == NS_DIST_DELTA && term.coef == 3 && term.mult);
  ck_assert_int_eq (ns_fn_op (term.mult), NS_OP_MUL);
  ns_dist_free (t);
  t = make_mul_case (M_DXD1);
  ck_assert_int_eq (ns_dist_term_get (t, 0, &term), NS_OK);
  ck_assert (term.order == 1 && term.outer == 1 && term.mult);
  ns_dist_free (t);
  /* NS_DIST_MAX_ORDER counts both orders. */
  t = mul_of (X, delta_deriv (0, NS_DIST_MAX_ORDER - 1, 1));
  ns_dist *d = NULL;
  ck_assert_int_eq (ns_dist_deriv (t, 1, &d), NS_OK);
  ns_dist *e = NULL;
  ck_assert_int_eq (ns_dist_deriv (d, 1, &e), NS_ELIMIT);
  ck_assert_ptr_null (e);
  ns_dist_free (d);
  ns_dist_free (t);
}
END_TEST

/* A multiplier with a kink inside the support is refused; outside it is
   smooth where it matters. */
START_TEST (test_multiplication_refuses_kinks)
{
  ns_testfn *phi = NULL, *far = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, &phi), NS_OK);
  ck_assert_int_eq (ns_testfn_bump_alloc (3, 1, &far), NS_OK);
  ns_dist *t = mul_of (ns_fn_abs (X), delta_deriv (0, 1, 1));
  ns_pair_result p;
  ck_assert_int_eq (ns_dist_pair (t, phi, NULL, &p), NS_UNDEFINED);
  ck_assert (isnan (p.val) && isinf (p.err));
  ck_assert_int_eq (ns_dist_pair_weak (t, phi, NULL, &p), NS_UNDEFINED);
  /* On phi_{3,1}, |x| = x and delta' at 0 lies outside: exactly 0. */
  ck_assert_int_eq (ns_dist_pair (t, far, NULL, &p), NS_OK);
  ck_assert (p.val == 0 && p.err == 0);
  ns_dist_free (t);
  /* sqrt(x - 5) is not defined on the support of phi_{0,1}. */
  t = mul_of (ns_fn_sqrt (ns_fn_sub (X, C (5))), delta_deriv (0.5, 0, 1));
  ck_assert_int_eq (ns_dist_pair (t, phi, NULL, &p), NS_EDOM);
  ns_dist_free (t);
  ns_dist *d = NULL;
  ck_assert_int_eq (ns_dist_delta (0, &d), NS_OK);
  ns_dist *m = NULL;
  ck_assert_int_eq (ns_dist_mul (NULL, d, &m), NS_EINVAL);
  ck_assert_ptr_null (m);
  ns_function *x = X;
  ck_assert_int_eq (ns_dist_mul (x, NULL, &m), NS_EINVAL);
  ck_assert_int_eq (ns_dist_mul (x, d, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_dist_pv (NAN, &m), NS_EINVAL);
  ck_assert_int_eq (ns_dist_pv (INFINITY, &m), NS_EINVAL);
  ck_assert_int_eq (ns_dist_pv (0, NULL), NS_EINVAL);
  ns_fn_free (x);
  ns_dist_free (d);
  ns_testfn_free (phi);
  ns_testfn_free (far);
}
END_TEST

START_TEST (test_print_singular)
{
  char buf[200];
  ns_dist *p2 = pv_deriv (2, 0), *p0 = pv_deriv (0, 1), *xd = make_mul_case (M_XD1),
          *dxd = make_mul_case (M_DXD1), *sh = make_mul_case (M_XD1_SHIFT);
  ns_dist_snprint (buf, sizeof buf, p2, 0);
  ck_assert_str_eq (buf, "pv 1/(x - 2)");
  ns_dist_snprint (buf, sizeof buf, p0, 0);
  ck_assert_str_eq (buf, "D[pv 1/x]");
  ns_dist_snprint (buf, sizeof buf, xd, 0);
  ck_assert_str_eq (buf, "x\xc2\xb7\xce\xb4'(x)");
  ns_dist_snprint (buf, sizeof buf, xd, NS_DIST_PRINT_ASCII);
  ck_assert_str_eq (buf, "x*delta'(x)");
  ns_dist_snprint (buf, sizeof buf, dxd, NS_DIST_PRINT_ASCII);
  ck_assert_str_eq (buf, "D[x*delta'(x)]");
  size_t need = ns_dist_snprint (buf, sizeof buf, sh, NS_DIST_PRINT_ASCII);
  ck_assert_str_eq (buf, "(x - 1)*delta'(x - 1)");
  ck_assert_uint_eq (need, strlen (buf));
  ns_dist_free (p2); ns_dist_free (p0); ns_dist_free (xd); ns_dist_free (dxd);
  ns_dist_free (sh);
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
  TCase *sing = tcase_create ("singular");
  tcase_set_timeout (sing, 60);
  tcase_add_test (sing, test_singular_references);
  tcase_add_loop_test (sing, test_singular_pairing, 0,
                       (int) (sizeof sing_cases / sizeof *sing_cases));
  tcase_add_test (sing, test_log_square_route_a_refuses);
  tcase_add_loop_test (sing, test_multiplication, 0,
                       (int) (sizeof mul_cases / sizeof *mul_cases));
  tcase_add_test (sing, test_sin_pv_is_regular);
  tcase_add_test (sing, test_multiplication_structure);
  tcase_add_test (sing, test_multiplication_refuses_kinks);
  tcase_add_test (sing, test_print_singular);
  suite_add_tcase (s, sing);
  TCase *limits = tcase_create ("limits");
  tcase_add_test (limits, test_bad_input);
  tcase_add_loop_test (limits, test_refuses_singular_functions, 0,
                       (int) (sizeof refuse_cases / sizeof *refuse_cases));
  suite_add_tcase (s, limits);
  return s;
}
