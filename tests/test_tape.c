/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_tape.c: the compiled tape (lib/function/tape.c, internal, so
   this program links the library statically) gives the tree walker's
   value, bound and status bit for bit, over a corpus of functions and of
   points: random, at kinks and one ulp off, overflowing (1e300),
   subnormal, and outside the domain (log(-1), 1/0, sqrt at -1e-300).
   Also: a function too large for the tape falls back to the tree, and
   shared subtrees are evaluated once per use as the tree does. */
#include <config.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "function/function_impl.h"
#include "function/tape.h"
#include "check_main.h"

static const char *const corpus[] = {
  "x", "2.5", "-x", "x + 1", "x - 0.1", "3*x - 0.3", "x*x", "x^3 - x", "x^-2",
  "1/x", "1/(x*x)", "x/(x - 1)", "relu(x)", "abs(x)", "sign(x)",
  "heaviside(x, 0.5)", "heaviside(x, nan)", "heaviside(3*x - 0.3, nan)",
  "x*heaviside(x, nan)", "floor(x)", "floor(2*x + 1)", "max(x, x^2)",
  "min(0, x)", "max(0, sin(x))", "clamp(x, -1, 1)", "leaky_relu(x, 0.1)",
  "relu(x)*sin(x)", "exp(-x^2)*abs(x)", "log(x)", "log(abs(x))", "sqrt(x)",
  "sqrt(abs(x))", "sqrt(x^2 + 1)", "1/exp(x)", "exp(x) - 1", "log(x^2)",
  "cos(x)^2 + sin(x)^2 - 1", "relu(x^3 - x)", "relu(relu(x))",
  "abs(x - 1) + 2*abs(x)", "x^0.5", "abs(x)^1.5",
  "max(max(0, 2*x - 1), max(0, 1 - 3*x)) - relu(max(0, x) - relu(-x))",
  "relu(0.5*relu(x - 1) - 0.25*relu(-x + 2) + relu(x)) - relu(x - 0.5)",
  "3*x^4 - 2*x^3 + x^2 - 5*x + 7 + abs(x - 0.25) + relu(2 - x)",
  "sign(sin(x))*floor(x/2) + heaviside(cos(x), 0)",
};

static ns_function *
parse_ok (const char *text)
{
  ns_function *f = NULL;
  ns_parse_error err;
  ck_assert_msg (ns_fn_parse (text, &f, &err) == NS_OK, "%s: %s", text, err.text);
  return f;
}

static int
same_bits (double a, double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* The tape against the tree at x, both the raw walk and the public eval. */
static void
check_point (const ns_function *f, const ns_tape *t, const char *text, double x)
{
  ns_result a, b;
  ns_status sa = ns_fn_eval_tree (f, x, &a);
  ns_status sb = ns_tape_eval_tree (t, x, &b);
  ck_assert_msg (sa == sb && same_bits (a.val, b.val) && same_bits (a.err, b.err),
                 "%s at %a: tree %d %a +- %a, tape %d %a +- %a", text, x, sa, a.val,
                 a.err, sb, b.val, b.err);
  sa = ns_fn_eval (f, x, &a);
  sb = ns_tape_eval (t, x, &b);
  ck_assert_msg (sa == sb && same_bits (a.val, b.val) && same_bits (a.err, b.err),
                 "%s at %a (eval): %d %a +- %a, tape %d %a +- %a", text, x, sa, a.val,
                 a.err, sb, b.val, b.err);
}

static uint64_t rng = 0x9e3779b97f4a7c15u;

static double
uniform (double lo, double hi)
{
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return lo + (hi - lo) * ((double) (rng >> 11) * 0x1p-53);
}

START_TEST (test_corpus)
{
  static const double fixed[] = {
    0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 0.25, 2.0, 3.14159265358979323846,
    1.5707963267948966, 0.3333333333333333, 1e300, -1e300, 1e160, 1e-160,
    3e-160, 700.0, 710.0, -745.0, 0x1p-1074, -0x1p-1074, 0x1p-1022, 1e-300,
    -1e-300, DBL_MAX, -DBL_MAX, 2.5, -2.5, 1e-8, -0.75, 4.0,
  };
  int n_random = ns_test_iterations (200);
  for (size_t k = 0; k < sizeof corpus / sizeof *corpus; k++)
    {
      ns_function *f = parse_ok (corpus[k]);
      ns_tape t;
      ns_tape_compile (f, &t);
      ck_assert_msg (t.n == (f->size >= NS_TAPE_MIN_OPS ? f->size : 0),
                     "%s: %d of %ld nodes on the tape", corpus[k], t.n, f->size);
      for (size_t i = 0; i < sizeof fixed / sizeof *fixed; i++)
        {
          double x = fixed[i];
          check_point (f, &t, corpus[k], x);
          /* One ulp off on each side. */
          check_point (f, &t, corpus[k], nextafter (x, HUGE_VAL));
          check_point (f, &t, corpus[k], nextafter (x, -HUGE_VAL));
        }
      /* The kinks in [-4, 4] (the switching points the library finds)
         and their neighbours. */
      double bp[64];
      size_t nbp = 0;
      if (ns_fn_breakpoints (f, -4, 4, bp, 64, &nbp) == NS_OK)
        for (size_t i = 0; i < nbp; i++)
          {
            check_point (f, &t, corpus[k], bp[i]);
            check_point (f, &t, corpus[k], nextafter (bp[i], HUGE_VAL));
            check_point (f, &t, corpus[k], nextafter (bp[i], -HUGE_VAL));
          }
      for (int i = 0; i < n_random; i++)
        check_point (f, &t, corpus[k], uniform (-5, 5));
      ns_fn_free (f);
    }
}
END_TEST

/* The statuses themselves, so that bit identity is not identity of two
   wrong answers: a domain error, a pole, an overflow that the scaled retry
   repairs and one it cannot, heaviside's undefined point. */
START_TEST (test_statuses)
{
  static const struct { const char *text; double x; ns_status raw, pub; double v; } cases[] = {
    { "log(x)", -1.0, NS_EDOM, NS_EDOM, NAN },
    { "1/x", 0.0, NS_EDOM, NS_EDOM, NAN },
    { "sqrt(x)", -1e-300, NS_EDOM, NS_EDOM, NAN },
    { "sqrt(x^2 + 1)", 1e160, NS_EOVERFLOW, NS_OK, 1e160 },
    { "x*x", 1e300, NS_EOVERFLOW, NS_EOVERFLOW, NAN },
    { "heaviside(x, nan)", 0.0, NS_UNDEFINED, NS_UNDEFINED, NAN },
    { "relu(x)*sin(x)", -2.0, NS_OK, NS_OK, 0.0 },
    { "relu(log(x))", -1.0, NS_EDOM, NS_EDOM, NAN },
  };
  for (size_t k = 0; k < sizeof cases / sizeof *cases; k++)
    {
      ns_function *f = parse_ok (cases[k].text);
      ns_tape t;
      ns_tape_compile (f, &t);
      ns_result r;
      ns_status st = ns_tape_eval_tree (&t, cases[k].x, &r);
      ck_assert_msg (st == cases[k].raw, "%s raw: %d", cases[k].text, st);
      if (st != NS_OK)
        ck_assert (isnan (r.val) && r.err == HUGE_VAL);
      st = ns_tape_eval (&t, cases[k].x, &r);
      ck_assert_msg (st == cases[k].pub, "%s: %d", cases[k].text, st);
      if (st == NS_OK)
        ck_assert_msg (fabs (r.val - cases[k].v) <= r.err, "%s: %.17g +- %g",
                       cases[k].text, r.val, r.err);
      else
        ck_assert (isnan (r.val) && r.err == HUGE_VAL);
      check_point (f, &t, cases[k].text, cases[k].x);
      ns_fn_free (f);
    }
}
END_TEST

/* Past the tape's limits (300 nodes; a right-deep chain whose value stack
   passes NS_TAPE_MAX_STACK) the tape is empty and evaluates the tree, with
   the same bits.  A shared subtree counts once per use, on the tape as in
   the tree's size. */
START_TEST (test_limits)
{
  ns_function *big = ns_fn_x ();
  for (int i = 0; i < 150; i++)
    big = ns_fn_add (ns_fn_mul (big, ns_fn_const (0.5)), ns_fn_relu (ns_fn_x ()));
  ck_assert_ptr_nonnull (big);
  ns_function *deep = ns_fn_x ();
  for (int i = 0; i < 60; i++)
    deep = ns_fn_add (ns_fn_abs (ns_fn_x ()), deep);
  ck_assert_ptr_nonnull (deep);
  ns_function *g = parse_ok ("relu(x - 1)*sin(x)");
  ns_function *shared = ns_fn_add (ns_fn_ref (g), ns_fn_mul (ns_fn_ref (g), g));
  ck_assert_ptr_nonnull (shared);
  ns_tape t;
  ns_tape_compile (big, &t);
  ck_assert_int_eq (t.n, 0);
  ns_tape_compile (deep, &t);
  ck_assert_int_eq (t.n, 0);
  ns_tape_compile (shared, &t);
  ck_assert_int_eq (t.n, shared->size);
  ns_tape_compile (NULL, &t);
  ck_assert_int_eq (t.n, 0);
  ns_result r;
  ck_assert_int_eq (ns_tape_eval (&t, 0.0, &r), NS_EINVAL);
  ck_assert (isnan (r.val) && r.err == HUGE_VAL);
  ns_function *fs[3] = { big, deep, shared };
  const char *names[3] = { "big", "deep", "shared" };
  for (int k = 0; k < 3; k++)
    {
      ns_tape_compile (fs[k], &t);
      for (int i = 0; i < 50; i++)
        check_point (fs[k], &t, names[k], uniform (-3, 3));
      check_point (fs[k], &t, names[k], 1e300);
      check_point (fs[k], &t, names[k], 1.0);
      ns_fn_free (fs[k]);
    }
  ns_function *x = parse_ok ("x");
  ns_tape_compile (x, &t);
  ck_assert_int_eq (ns_tape_eval (&t, NAN, &r), NS_EINVAL);
  ck_assert_int_eq (ns_tape_eval (&t, 0.0, NULL), NS_EINVAL);
  ns_fn_free (x);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("tape");
  TCase *c = tcase_create ("core");
  tcase_add_test (c, test_corpus);
  tcase_add_test (c, test_statuses);
  tcase_add_test (c, test_limits);
  suite_add_tcase (s, c);
  return s;
}

#include "check_main.h"
