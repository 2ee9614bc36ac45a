/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_adv_routes.c: adversarial cases for the verdict of the
   integration-by-parts report and for overflow.  Routes made to disagree
   on purpose (a user test function that lies about one derivative) give
   NS_EDISAGREE and no value; a single route with a value (sqrt|x| at
   order 2 and 3, |x|^(3/2) at order 3) is the answer, against mpmath
   references; a value that overflows or underflows on the way gives the
   right value or NS_EOVERFLOW, never NS_EDOM ("not defined") nor
   NS_ERANGE ("infinite"); limits are named in messages. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "ref_bump.h"
#include "check_main.h"

/* ns_verify_fprint's text, in BUF. */
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

/* ------------------------------------------------------------------ routes made to disagree */

/* A test function that is the unit bump except that its derivative of
   order LIE_ORDER is multiplied by FACTOR: admissible (every derivative
   still vanishes at +-1), even about 0, and wrong about one order, so the
   routes that use that order see FACTOR times their true value. */
typedef struct liar {
  const ns_testfn *bump;
  int lie_order;
  double factor;
} liar;

static ns_status
liar_fn (int n, double x, void *data, ns_result *out)
{
  const liar *l = data;
  ns_status st = ns_testfn_eval (l->bump, n, x, out);
  if (st == NS_OK && n == l->lie_order)
    {
      out->val *= l->factor;
      out->err *= fabs (l->factor);
    }
  return st;
}

/* The reference of route A for each function, on the unit bump phi
   (phi(0) = 1/e, phi'(0) = 0, I = int phi = ref_bump_integral ()):
     relu'  = H          pairs as int_0^1 phi = I/2 (phi even);
     relu'' = delta      as phi(0) = 1/e;
     H'     = delta      as 1/e;
     |x|''  = 2 delta    as 2/e;
     sign'  = 2 delta    as 2/e;
     floor' on (-1, 1) = delta_0 (the jumps at +-1 sit on the ends of the
                         support, where every derivative of phi is 0): 1/e;
     (relu + 2 delta)' = H + 2 delta' as I/2 - 2 phi'(0) = I/2.
   Route B is linear in phi^(k), so with phi^(k) scaled by FACTOR it is
   FACTOR times the same number; route A uses phi itself for every one of
   these (a regular H, or point values phi(0)). */
enum { REF_HALF_I, REF_INV_E, REF_TWO_INV_E };

static long double
ref_value (int which)
{
  switch (which)
    {
    case REF_HALF_I: return ref_bump_integral () / 2;
    case REF_INV_E: return expl (-1.0L);
    default: return 2 * expl (-1.0L);
    }
}

typedef struct lie_case {
  const char *text;     /* f, or a distribution when is_dist */
  int is_dist;
  int k;
  int lie_order;
  double factor;
  int ref;              /* route A's true value (REF_...) */
  ns_status expect;     /* the verdict */
} lie_case;

static const lie_case lie_cases[] = {
  /* Route B sees FACTOR times the truth; A (and C, which uses phi) do not. */
  { "relu(x)", 0, 1, 1, 2.0, REF_HALF_I, NS_EDISAGREE },
  { "max(0, x)", 0, 1, 1, -1.0, REF_HALF_I, NS_EDISAGREE },
  { "relu(x)", 0, 2, 2, 1.5, REF_INV_E, NS_EDISAGREE },
  { "heaviside(x)", 0, 1, 1, 2.0, REF_INV_E, NS_EDISAGREE },
  { "abs(x)", 0, 2, 2, 2.0, REF_TWO_INV_E, NS_EDISAGREE },
  { "sign(x)", 0, 1, 1, 3.0, REF_TWO_INV_E, NS_EDISAGREE },
  { "floor(x)", 0, 1, 1, 3.0, REF_INV_E, NS_EDISAGREE },
  { "relu(x) + 2*delta(x)", 1, 1, 1, 2.0, REF_HALF_I, NS_EDISAGREE },
  /* A lie of a millionth is far beyond bounds of 1e-14. */
  { "abs(x)", 0, 2, 2, 1.000001, REF_TWO_INV_E, NS_EDISAGREE },
  /* A lie of one part in 2^-60 is below every bound: nothing to see, and
     the answer is still route A's true value. */
  { "heaviside(x)", 0, 1, 1, 1.0 + 0x1p-52, REF_INV_E, NS_OK },
};

START_TEST (test_lying_test_function)
{
  const lie_case *c = &lie_cases[_i];
  ns_testfn *bump = NULL, *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, &bump), NS_OK);
  liar l = { bump, c->lie_order, c->factor };
  ns_testfn_user spec = { liar_fn, &l, -1, 1, 4 };
  ck_assert_int_eq (ns_testfn_user_alloc (&spec, 1e-12, &phi, NULL), NS_OK);
  ns_verify_report rep;
  ns_dist *t = NULL;
  ns_function *f = NULL;
  if (c->is_dist)
    {
      ns_parse_error pe;
      ck_assert_int_eq (ns_dist_parse (c->text, &t, &pe), NS_OK);
      ck_assert_int_eq (ns_verify_dist (t, c->k, phi, &rep), NS_OK);
    }
  else
    {
      ns_parse_error pe;
      ck_assert_int_eq (ns_fn_parse (c->text, &f, &pe), NS_OK);
      ck_assert_int_eq (ns_verify_ibp (f, c->k, phi, &rep), NS_OK);
    }
  long double ref = ref_value (c->ref);
  const ns_verify_route *a = &rep.route[NS_VERIFY_EXACT], *b = &rep.route[NS_VERIFY_WEAK];
  /* Each route is right about the test function it was given. */
  ck_assert_int_eq (a->status, NS_OK);
  ck_assert_int_eq (b->status, NS_OK);
  ck_assert_msg (fabsl (a->val - ref) <= a->err, "%s: route A %.17g ref %.17Lg err %g",
                 c->text, a->val, ref, a->err);
  ck_assert_msg (fabsl (b->val - c->factor * ref) <= b->err + 0x1p-60L * fabsl (ref),
                 "%s: route B %.17g ref %.17Lg err %g", c->text, b->val, c->factor * ref,
                 b->err);
  ck_assert_int_eq (rep.status, c->expect);
  ck_assert_int_ge (rep.nvalues, 2);
  if (c->expect == NS_EDISAGREE)
    {
      /* No value, and the report says why, with both routes. */
      ck_assert_int_eq (rep.agree, 0);
      ck_assert_int_eq (rep.answer, -1);
      ck_assert (isnan (rep.val) && isinf (rep.err));
      ck_assert (rep.max_diff > a->err + b->err);
      char buf[2048] = "";
      print_to_buffer (&rep, buf, sizeof buf);
      ck_assert_ptr_nonnull (strstr (buf, "DISAGREE (beyond the error bounds)"));
      ck_assert_ptr_nonnull (strstr (buf, "route A  "));
      ck_assert_ptr_nonnull (strstr (buf, "route B  "));
    }
  else
    {
      ck_assert_int_eq (rep.agree, 1);
      ck_assert_int_eq (rep.answer, NS_VERIFY_EXACT);
      ck_assert (fabsl (rep.val - ref) <= rep.err);
    }
  ns_fn_free (f);
  ns_dist_free (t);
  ns_testfn_free (phi);
  ns_testfn_free (bump);
}
END_TEST

/* ------------------------------------------------------------------ one route only */

/* <D^k T_f, phi_{c,r}> = (-1)^k int f phi^(k) by mpmath (40 digits):
     from mpmath import mp, mpf, exp, quad, diff, sqrt, fabs
     mp.dps = 40
     def bump(c, r):
         def phi(x):
             t = (x - c) / r
             return exp(-1 / (1 - t*t)) if fabs(t) < 1 else mpf(0)
         return phi
     def weak(f, k, c, r):
         phi = bump(c, r); d = lambda x: diff(phi, x, k)
         pts = [c - r, 0, c + r] if c - r < 0 < c + r else [c - r, c + r]
         return (-1)**k * quad(lambda x: f(x) * d(x), pts)
   with c, r the doubles (mpf(0.3) is the double 0.3).  Checks of the
   derivation: for c = 0, x = r t turns int sqrt|x| (d/dx)^2 phi(x/r) dx
   into r^(-2) r r^(1/2) int sqrt|t| phi''(t) dt, so the value for r = 1/2
   is sqrt(2) times the one for r = 1, and indeed 0.72075718106359246512 =
   sqrt(2) * 0.50965229031896649213; at c = 0 and odd k the value is 0 (f
   even, phi^(k) odd).  The exact route fails for
   each: f^(k-1) has an infinite jump at 0, which no delta represents. */
typedef struct single_case {
  const char *text;
  int k;
  double c, r;
  long double ref;
} single_case;

static const single_case single_cases[] = {
  { "sqrt(abs(x))", 2, 0, 1, 0.5096522903189664921307258L },
  { "sqrt(abs(x))", 2, 0.3, 1, 0.4645465535137780253804859L },
  { "sqrt(abs(x))", 2, 0, 0.5, 0.7207571810635924651232859L },
  { "sqrt(abs(x))", 2, -0.2, 2, 0.3571607283429956826854676L },
  { "sqrt(abs(x))", 2, 0.25, 0.5, 0.5043086104927065347945832L },
  { "sqrt(abs(x))", 3, 0.3, 1, -0.3337956045655500120026702L },
  { "sqrt(abs(x))", 3, 0, 1, 0.0L },
  { "sqrt(abs(x))^3", 3, 0.3, 1, -0.3601326607534282530579862L },
  { "sqrt(abs(x))^3", 3, 0, 1, 0.0L },
};

START_TEST (test_single_route)
{
  const single_case *c = &single_cases[_i];
  ns_function *f = NULL;
  ns_parse_error pe;
  ck_assert_int_eq (ns_fn_parse (c->text, &f, &pe), NS_OK);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (c->c, c->r, &phi), NS_OK);
  ns_verify_report rep;
  ck_assert_int_eq (ns_verify_ibp (f, c->k, phi, &rep), NS_OK);
  ck_assert_int_ne (rep.route[NS_VERIFY_EXACT].status, NS_OK);
  ck_assert_int_eq (rep.route[NS_VERIFY_WEAK].status, NS_OK);
  ck_assert_int_eq (rep.nvalues, 1);
  ck_assert_int_eq (rep.answer, NS_VERIFY_WEAK);
  ck_assert_int_eq (rep.status, NS_OK);
  ck_assert_msg (fabsl (rep.val - c->ref) <= rep.err, "%s k=%d c=%g r=%g: %.17g ref %.20Lg err %g",
                 c->text, c->k, c->c, c->r, rep.val, c->ref, rep.err);
  char buf[2048] = "";
  print_to_buffer (&rep, buf, sizeof buf);
  /* Never "largest difference 0: DISAGREE" for a single route. */
  ck_assert_ptr_null (strstr (buf, "DISAGREE"));
  ck_assert_ptr_nonnull (strstr (buf, "one route only: route B gives the value"));
  ns_testfn_free (phi);
  ns_fn_free (f);
}
END_TEST

/* ------------------------------------------------------------------ overflow */

/* What ns_fn_eval must return. */
enum {
  OVF,          /* NS_EOVERFLOW: the exact value is finite but no double */
  OVF_OR_VAL,   /* NS_EOVERFLOW, or NS_OK with |val - ref| <= err */
  VAL,          /* NS_OK with |val - ref| <= err */
  DOM           /* NS_EDOM: f is not defined there */
};

typedef struct ovf_case {
  const char *text;
  double x;
  int kind;
  long double ref;    /* for OVF_OR_VAL and VAL; long double reaches 1e4932 */
} ovf_case;

/* References: e^x and log in long double, whose range holds e^(+-800)
   and 1e(+-400); 1e160 = sqrt(1e320 + 1) to 1e-320 relative. */
static const ovf_case ovf_cases[] = {
  /* x^2 overflows although the result does not: the scaled evaluation
     gives it. */
  { "sqrt(x^2 + 1)", 1e160, VAL, 1e160L },
  { "sqrt(x*x + 1)", -1e160, VAL, 1e160L },
  /* e^800 is 2.7e347: no double. */
  { "1/exp(x)", -800, OVF, 0 },
  /* e^-800 is 3.7e-348: 0 within one subnormal unit, or an overflow of e^800. */
  { "1/exp(x)", 800, VAL, 0 },
  { "exp(x)", 710, OVF, 0 },
  { "exp(-x)", -710, OVF, 0 },
  /* e^709 = 8.2184074615549721892413723866e307 (mpmath, 30 digits). */
  { "exp(x)", 709, VAL, 8.2184074615549721892413723866e307L },
  { "exp(x)/exp(x)", 710, VAL, 1 },
  { "exp(x)*exp(-x)", 710, VAL, 1 },
  { "log(exp(x))", 800, VAL, 800 },
  /* exp(-800) underflows to 0: log's domain check cannot decide. */
  { "log(exp(x))", -800, VAL, -800 },
  /* x^2 = 1e-400 underflows; log(x^2) = 2 log(x) is -921.03. */
  { "log(x^2)", 1e-200, VAL, -921.0340371976182736L },
  { "x^2", 1e200, OVF, 0 },
  { "x^-2", 1e-200, OVF, 0 },
  { "x^2/x", 1e200, VAL, 1e200L },
  /* x^2 underflows to 0 here: the division is not by 0, it overflows. */
  { "1/(x^2)", 1e-200, OVF, 0 },
  { "1/(x*x)", 1e-170, OVF, 0 },
  { "x*1e300*1e300", 1, OVF, 0 },
  /* |x| at 1e200, with x^2 = 1e400 on the way. */
  { "sqrt(x^2)", 1e200, VAL, 1e200L },
  /* Truly undefined stays undefined. */
  { "1/x", 0, DOM, 0 },
  { "1/(x - 1)", 1, DOM, 0 },
  { "log(x)", 0, DOM, 0 },
  { "log(x)", -1, DOM, 0 },
  { "sqrt(x)", -1, DOM, 0 },
  /* e^-800 - 1 < 0 exactly: log is not defined, underflow or not. */
  { "log(exp(x) - 1)", -800, DOM, 0 },
};

START_TEST (test_overflow_eval)
{
  const ovf_case *c = &ovf_cases[_i];
  const char *text = c->text;
  long double ref = c->ref;
  double x = c->x;
  int kind = c->kind;
  ns_function *f = NULL;
  ns_parse_error pe;
  ck_assert_msg (ns_fn_parse (text, &f, &pe) == NS_OK, "%s: %s", text, pe.text);
  ns_result r;
  ns_status st = ns_fn_eval (f, x, &r);
  /* Never "infinite" for a finite f(x), and never "not defined" for an
     overflow. */
  ck_assert_int_ne (st, NS_ERANGE);
  switch (kind)
    {
    case OVF:
      ck_assert_msg (st == NS_EOVERFLOW, "%s at %g: %s", text, x, ns_strerror (st));
      break;
    case DOM:
      ck_assert_msg (st == NS_EDOM, "%s at %g: %s", text, x, ns_strerror (st));
      break;
    case VAL:
    case OVF_OR_VAL:
      ck_assert_msg (st == NS_OK || (kind == OVF_OR_VAL && st == NS_EOVERFLOW), "%s at %g: %s",
                     text, x, ns_strerror (st));
      if (st == NS_OK)
        ck_assert_msg (fabsl (r.val - ref) <= r.err, "%s at %g: %.17g ref %.17Lg err %g", text,
                       x, r.val, ref, r.err);
      break;
    }
  if (st != NS_OK)
    ck_assert (isnan (r.val) && isinf (r.err));
  ns_fn_free (f);
}
END_TEST

/* A sweep where the double evaluation overflows or underflows on the way:
   each NS_OK value against the same formula in long double (range
   1e+-4932, so no intermediate here leaves it), |val - ref| <= err; and a
   value that is a double must come out (NS_EOVERFLOW only where the exact
   value is no double). */
typedef struct sweep_case {
  const char *text;
  long double (*ref) (long double x);
  double lo, hi;     /* x runs over lo * (hi/lo)^(i/(n-1)), both signs */
} sweep_case;

static long double ref_hypot1 (long double x) { return sqrtl (x * x + 1); }
static long double ref_invexp (long double x) { return expl (-x); }
static long double ref_one (long double x) { (void) x; return 1; }
static long double ref_id (long double x) { return x; }
static long double ref_inv1 (long double x) { return 1 / (x * x + 1); }
static long double ref_log2x (long double x) { return 2 * logl (fabsl (x)); }
static long double ref_cubert (long double x) { return x * x * x / (x * x); }
static long double ref_relu_sq (long double x) { return x > 0 ? x * x / (x * x + 1) : 0; }

static const sweep_case sweep_cases[] = {
  { "sqrt(x^2 + 1)", ref_hypot1, 1e150, 1e300 },
  { "1/exp(x)", ref_invexp, 650, 760 },
  { "exp(x)/exp(x)", ref_one, 700, 5000 },
  { "log(exp(x))", ref_id, 700, 5000 },
  { "1/(x^2 + 1)", ref_inv1, 1e150, 1e170 },
  { "log(x^2)", ref_log2x, 1e-300, 1e-150 },
  { "x^3/x^2", ref_cubert, 1e100, 1e300 },
  { "relu(x)^2/(x^2 + 1)", ref_relu_sq, 1e150, 1e300 },
};

START_TEST (test_overflow_sweep)
{
  const sweep_case *c = &sweep_cases[_i];
  ns_function *f = NULL;
  ns_parse_error pe;
  ck_assert_int_eq (ns_fn_parse (c->text, &f, &pe), NS_OK);
  const int n = 64;
  int ok = 0;
  for (int i = 0; i < n; i++)
    for (int sgn = -1; sgn <= 1; sgn += 2)
      {
        double x = sgn * c->lo * pow (c->hi / c->lo, (double) i / (n - 1));
        long double ref = c->ref (x);
        ns_result r;
        ns_status st = ns_fn_eval (f, x, &r);
        ck_assert_msg (st == NS_OK || st == NS_EOVERFLOW || st == NS_EDOM, "%s at %g: %s",
                       c->text, x, ns_strerror (st));
        if (st == NS_EDOM)
          continue;
        /* A double result must come out. */
        if (isfinite (ref) && fabsl (ref) < 0x1p1023L)
          ck_assert_msg (st == NS_OK, "%s at %.17g: %s, but the value %Lg is a double", c->text,
                         x, ns_strerror (st), ref);
        if (st != NS_OK)
          continue;
        ok++;
        ck_assert_msg (fabsl (r.val - ref) <= r.err, "%s at %.17g: %.17g ref %.20Lg err %g",
                       c->text, x, r.val, ref, r.err);
        /* And the bound is useful: a few ulps relative, or a subnormal. */
        ck_assert_msg (r.err <= 1e-10 * fabsl (ref) + 4 * DBL_TRUE_MIN, "%s at %.17g: err %g",
                       c->text, x, r.err);
      }
  ck_assert_int_gt (ok, n / 2);
  ns_fn_free (f);
}
END_TEST

/* Slopes: log|x| at the smallest subnormal has slope 1/x = 2.0e323, no
   double (NS_EOVERFLOW, not "not differentiable"); at 1e-300 it is 1e300;
   sqrt|x| at 0 has an infinite slope (NS_ERANGE: that one is infinite). */
START_TEST (test_overflow_slopes)
{
  ns_function *f = NULL;
  ns_parse_error pe;
  ck_assert_int_eq (ns_fn_parse ("log(abs(x))", &f, &pe), NS_OK);
  double d;
  ck_assert_int_eq (ns_fn_deriv_side (f, DBL_TRUE_MIN, NS_RIGHT, 1, &d), NS_EOVERFLOW);
  ck_assert (isnan (d));
  ck_assert_int_eq (ns_fn_deriv_side (f, DBL_TRUE_MIN, NS_LEFT, 1, &d), NS_EOVERFLOW);
  ck_assert_int_eq (ns_fn_deriv (f, DBL_TRUE_MIN, 1, &d), NS_EOVERFLOW);
  ck_assert_int_eq (ns_fn_deriv (f, -DBL_TRUE_MIN, 1, &d), NS_EOVERFLOW);
  /* The value itself, log(4.9e-324) = -744.44, is fine. */
  ns_result r;
  ck_assert_int_eq (ns_fn_eval (f, DBL_TRUE_MIN, &r), NS_OK);
  ck_assert (fabsl (r.val - logl ((long double) DBL_TRUE_MIN)) <= r.err);
  /* 1/x at 1e-300: one division, so within an ulp of 1e300 (relative). */
  ck_assert_int_eq (ns_fn_deriv (f, 1e-300, 1, &d), NS_OK);
  ck_assert (fabsl (d - 1 / (long double) 1e-300) <= 2 * DBL_EPSILON * 1e300);
  ns_fn_free (f);

  ck_assert_int_eq (ns_fn_parse ("sqrt(abs(x))", &f, &pe), NS_OK);
  ck_assert_int_eq (ns_fn_deriv_side (f, 0, NS_RIGHT, 1, &d), NS_ERANGE);
  ck_assert (d == HUGE_VAL);
  ns_fn_free (f);

  /* exp(x)'s slope at 710 is e^710: no double. */
  ck_assert_int_eq (ns_fn_parse ("exp(x)", &f, &pe), NS_OK);
  ck_assert_int_eq (ns_fn_deriv (f, 710, 1, &d), NS_EOVERFLOW);
  ck_assert_int_eq (ns_fn_deriv_side (f, 710, NS_RIGHT, 0, &d), NS_EOVERFLOW);
  ns_fn_free (f);
}
END_TEST

/* A pairing whose integrand overflows (e^(x^2) near x = 30 is e^900) has
   no value: no route is OK, so no verdict is OK. */
START_TEST (test_overflow_pairing)
{
  ns_function *f = NULL;
  ns_parse_error pe;
  ck_assert_int_eq (ns_fn_parse ("exp(x^2)", &f, &pe), NS_OK);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (30, 1, &phi), NS_OK);
  ns_verify_report rep;
  for (int k = 0; k <= 2; k++)
    {
      ck_assert_int_eq (ns_verify_ibp (f, k, phi, &rep), NS_OK);
      ck_assert_int_eq (rep.nvalues, 0);
      ck_assert_int_ne (rep.status, NS_OK);
      ck_assert_int_ne (rep.status, NS_ETOL);
      ck_assert (isnan (rep.val));
    }
  ns_testfn_free (phi);
  ns_fn_free (f);
}
END_TEST

/* ------------------------------------------------------------------ messages */

/* Limits are named: the exponent bound in the parse message, and the two
   new statuses say what happened. */
START_TEST (test_messages)
{
  ns_function *f = NULL;
  ns_parse_error pe;
  ck_assert_int_eq (ns_fn_parse ("x^1025", &f, &pe), NS_EPARSE);
  ck_assert_ptr_nonnull (strstr (pe.text, "at most 1024"));
  ck_assert_int_eq (NS_FN_MAX_POW, 1024);
  ck_assert_int_eq (ns_fn_parse ("x^1024", &f, &pe), NS_OK);
  ns_result r;
  /* 2^1024 = DBL_MAX + ulp: the power is allowed, its value is no double. */
  ck_assert_int_eq (ns_fn_eval (f, 2, &r), NS_EOVERFLOW);
  ns_fn_free (f);
  ck_assert_str_eq (ns_strerror (NS_EOVERFLOW),
                    "overflow (or underflow) in an intermediate result");
  ck_assert_str_eq (ns_strerror (NS_EDISAGREE),
                    "independent routes disagree beyond their error bounds");
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("adv_routes");
  TCase *routes = tcase_create ("routes");
  tcase_set_timeout (routes, 120);
  tcase_add_loop_test (routes, test_lying_test_function, 0,
                       sizeof lie_cases / sizeof *lie_cases);
  tcase_add_loop_test (routes, test_single_route, 0,
                       sizeof single_cases / sizeof *single_cases);
  suite_add_tcase (s, routes);
  TCase *overflow = tcase_create ("overflow");
  tcase_add_loop_test (overflow, test_overflow_eval, 0, sizeof ovf_cases / sizeof *ovf_cases);
  tcase_add_loop_test (overflow, test_overflow_sweep, 0, sizeof sweep_cases / sizeof *sweep_cases);
  tcase_add_test (overflow, test_overflow_slopes);
  tcase_add_test (overflow, test_overflow_pairing);
  tcase_add_test (overflow, test_messages);
  suite_add_tcase (s, overflow);
  return s;
}
