/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_dist_parse.c: the distribution parser.  core: the terms a
   text builds, pairings against closed forms derived by hand and evaluated
   in long double here, the same distribution built by the constructors,
   and round trips through ns_dist_snprint (the library's own derivatives
   included); limits: a table of bad inputs with status, column and
   message, NULL arguments, the length and depth bounds; random: mutated
   strings, which must never crash and only return documented statuses. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "ref_bump.h"
#include "check_main.h"

/* pi as a decimal literal; M_PI is not C11. */
#define TEST_PI 3.14159265358979323846L

/* ------------------------------------------------------------------ helpers */

static ns_dist *
parse_ok (const char *text)
{
  ns_dist *d = NULL;
  ns_parse_error err;
  ns_status s = ns_dist_parse (text, &d, &err);
  ck_assert_msg (s == NS_OK && d != NULL, "\"%s\": status %d, column %d: %s", text, (int) s,
                 err.column, err.text);
  ck_assert_int_eq (err.column, 0);
  ck_assert_str_eq (err.text, "");
  return d;
}

/* T in ASCII, in memory the caller frees. */
static char *
print_dist (const ns_dist *t)
{
  size_t n = ns_dist_snprint (NULL, 0, t, NS_DIST_PRINT_ASCII);
  char *buf = malloc (n + 1);
  ck_assert_ptr_nonnull (buf);
  ck_assert_uint_eq (ns_dist_snprint (buf, n + 1, t, NS_DIST_PRINT_ASCII), n);
  return buf;
}

/* Number of UTF-8 characters in S, counted as the parser counts columns. */
static int
char_count (const char *s)
{
  int n = 0;
  for (; *s; s++)
    n += ((unsigned char) *s & 0xC0) != 0x80;
  return n;
}

/* <T, phi_{c,r}> by both routes; both must contain REF within their error
   bounds.  The references are long double evaluations of closed forms,
   rounded only in the comparison, so there is no slack factor. */
static void
check_pairing (const char *text, const ns_dist *t, double c, double r, long double ref)
{
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (c, r, &phi), NS_OK);
  ns_pair_result a, b;
  ns_status sa = ns_dist_pair (t, phi, NULL, &a);
  ns_status sb = ns_dist_pair_weak (t, phi, NULL, &b);
  ns_testfn_free (phi);
  ck_assert_msg (sa == NS_OK && sb == NS_OK, "%s: statuses %d, %d", text, (int) sa, (int) sb);
  double ea = fabs ((double) (a.val - ref)), eb = fabs ((double) (b.val - ref));
  ck_assert_msg (ea <= a.err, "%s exact route: |%.17g - %.17Lg| = %g > err %g", text, a.val,
                 ref, ea, a.err);
  ck_assert_msg (eb <= b.err, "%s weak route: |%.17g - %.17Lg| = %g > err %g", text, b.val,
                 ref, eb, b.err);
}

/* ------------------------------------------------------------------ structure */

typedef struct term_spec
{
  ns_dist_kind kind;
  double coef;
  int order;
  double point;          /* ignored for a regular term */
  int has_mult;
  int outer;
} term_spec;

typedef struct structure_case
{
  const char *text;
  size_t n;
  term_spec terms[2];
} structure_case;

#define REG NS_DIST_REGULAR
#define DEL NS_DIST_DELTA
#define PV NS_DIST_PV

static const structure_case structure_cases[] = {
  { "delta(x)", 1, { { DEL, 1, 0, 0, 0, 0 } } },
  { "delta(x - 1/2)", 1, { { DEL, 1, 0, 0.5, 0, 0 } } },
  { "delta(x + 0.25)", 1, { { DEL, 1, 0, -0.25, 0, 0 } } },
  { "delta(x - pi)", 1, { { DEL, 1, 0, (double) TEST_PI, 0, 0 } } },
  { "delta(-1 + x)", 1, { { DEL, 1, 0, 1, 0, 0 } } },
  { "delta(x - 1 + 3)", 1, { { DEL, 1, 0, -2, 0, 0 } } },       /* (x - 1) + 3, not x - 4 */
  { "delta(x - 2*3)", 1, { { DEL, 1, 0, 6, 0, 0 } } },
  { "delta(x - 1, 2)", 1, { { DEL, 1, 2, 1, 0, 0 } } },
  { "delta(x, 0)", 1, { { DEL, 1, 0, 0, 0, 0 } } },
  { "delta(x, 16)", 1, { { DEL, 1, 16, 0, 0, 0 } } },
  { "delta''(x - 1)", 1, { { DEL, 1, 2, 1, 0, 0 } } },
  { "delta^(4)(x + 2)", 1, { { DEL, 1, 4, -2, 0, 0 } } },
  { "delta^3(x)", 1, { { DEL, 1, 3, 0, 0, 0 } } },
  { "-delta(x)", 1, { { DEL, -1, 0, 0, 0, 0 } } },
  { "--delta(x)", 1, { { DEL, 1, 0, 0, 0, 0 } } },
  { "3*delta(x)/2", 1, { { DEL, 1.5, 0, 0, 0, 0 } } },
  { "2 delta(x)", 1, { { DEL, 2, 0, 0, 0, 0 } } },
  { "-2 delta'(x)", 1, { { DEL, -2, 1, 0, 0, 0 } } },
  { "(1 + 1)*delta(x)", 1, { { DEL, 2, 0, 0, 0, 0 } } },        /* a constant scales */
  { "delta(x)*cos(0)", 1, { { DEL, 1, 0, 0, 0, 0 } } },
  { "pv(x - 3)", 1, { { PV, 1, 0, 3, 0, 0 } } },
  { "pv(x, 1)", 1, { { PV, 1, 1, 0, 0, 0 } } },
  { "pv 1/x", 1, { { PV, 1, 0, 0, 0, 0 } } },
  { "pv 1/(x + 2)", 1, { { PV, 1, 0, -2, 0, 0 } } },
  { "x*delta(x, 1)", 1, { { DEL, 1, 1, 0, 1, 0 } } },
  { "delta(x)*exp(x)", 1, { { DEL, 1, 0, 0, 1, 0 } } },
  { "(x + 1)*delta(x)", 1, { { DEL, 1, 0, 0, 1, 0 } } },
  { "relu(x) + 2*delta(x)", 2, { { REG, 1, 0, 0, 0, 0 }, { DEL, 2, 0, 0, 0, 0 } } },
  { "relu(x) + x", 1, { { REG, 1, 0, 0, 0, 0 } } },             /* one function */
  { "delta(x) - (x + 1)", 2, { { DEL, 1, 0, 0, 0, 0 }, { REG, -1, 0, 0, 0, 0 } } },
  { "x*(delta(x) + delta(x - 1))", 2, { { DEL, 1, 0, 0, 1, 0 }, { DEL, 1, 0, 1, 1, 0 } } },
  { "-(delta(x) - pv(x))", 2, { { DEL, -1, 0, 0, 0, 0 }, { PV, 1, 0, 0, 0, 0 } } },
  { "D[abs(x)]", 1, { { REG, 1, 1, 0, 0, 0 } } },
  { "D^2[x*delta(x)]", 1, { { DEL, 1, 0, 0, 1, 2 } } },
  { "D^0[delta(x)]", 1, { { DEL, 1, 0, 0, 0, 0 } } },
  { "D[D[delta(x - 1)]]", 1, { { DEL, 1, 2, 1, 0, 0 } } },
  { "2 D[pv 1/x]", 1, { { PV, 2, 1, 0, 0, 0 } } },
};

START_TEST (test_structure)
{
  const structure_case *c = &structure_cases[_i];
  ns_dist *d = parse_ok (c->text);
  ck_assert_uint_eq (ns_dist_nterms (d), c->n);
  for (size_t i = 0; i < c->n; i++)
    {
      const term_spec *e = &c->terms[i];
      ns_dist_term t;
      ck_assert_int_eq (ns_dist_term_get (d, i, &t), NS_OK);
      ck_assert_msg (t.kind == e->kind && t.order == e->order && t.outer == e->outer
                     && (t.mult != NULL) == e->has_mult && t.coef == e->coef,
                     "%s term %zu: kind %d order %d outer %d mult %d coef %g", c->text, i,
                     (int) t.kind, t.order, t.outer, t.mult != NULL, t.coef);
      if (t.kind == NS_DIST_REGULAR)
        ck_assert (t.f != NULL && isnan (t.point));
      else
        ck_assert_msg (t.point == e->point && t.f == NULL, "%s term %zu: point %.17g",
                       c->text, i, t.point);
    }
  ns_dist_free (d);
}
END_TEST

/* A regular term holds the function ns_fn_parse reads from the same text;
   a multiplier the function before the '*'. */
START_TEST (test_functions_as_the_function_parser_reads_them)
{
  static const struct { const char *dist, *fn; int mult; } cases[] = {
    { "relu(x) + x", "relu(x) + x", 0 },
    { "abs(x - 1)^3 - 2*x", "abs(x - 1)^3 - 2*x", 0 },
    { "(exp(x) + 1)*delta(x)", "exp(x) + 1", 1 },
    { "delta(x - 1)*sin(2*x)/4", "sin(2*x)", 1 },
  };
  static const double xs[] = { -1.75, -0.5, 0.0, 0.3, 1.0, 2.385 };
  for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++)
    {
      ns_dist *d = parse_ok (cases[k].dist);
      ns_function *g = NULL;
      ck_assert_int_eq (ns_fn_parse (cases[k].fn, &g, NULL), NS_OK);
      ns_dist_term t;
      ck_assert_int_eq (ns_dist_term_get (d, 0, &t), NS_OK);
      const ns_function *f = cases[k].mult ? t.mult : t.f;
      ck_assert_ptr_nonnull (f);
      for (size_t i = 0; i < sizeof xs / sizeof xs[0]; i++)
        {
          ns_result a, b;
          ck_assert_int_eq (ns_fn_eval (f, xs[i], &a), NS_OK);
          ck_assert_int_eq (ns_fn_eval (g, xs[i], &b), NS_OK);
          ck_assert_msg (a.val == b.val, "%s at %g: %.17g vs %.17g", cases[k].dist, xs[i],
                         a.val, b.val);
        }
      ns_fn_free (g);
      ns_dist_free (d);
    }
}
END_TEST

/* ------------------------------------------------------------------ pairings */

/* E_2(1) = int_1^inf e^-w / w^2 dw = e^-1 - E_1(1), with
   E_1(1) = -gamma - sum_{k>=1} (-1)^k / (k k!) (A&S 5.1.11 at x = 1);
   30 terms are far below long double's epsilon. */
static long double
ref_e2_at_1 (void)
{
  long double s = 0, fact = 1;
  for (int k = 1; k <= 30; k++)
    {
      fact *= k;
      s += ((k % 2) ? -1.0L : 1.0L) / (k * fact);
    }
  long double e1 = -REF_EULER_GAMMA - s;
  return expl (-1.0L) - e1;
}

enum {
  P_DELTA_QUARTER, P_X_DELTA1, P_PV_EVEN, P_PV_SHIFTED_EVEN, P_H_2DELTA, P_RELU_2DELTA,
  P_DELTA1_HALF, P_D2_ABS, P_MULT_SUM, P_SCALED, P_PRINTED_FORMS, P_COUNT
};

typedef struct pair_case
{
  const char *text;
  double c, r;     /* the bump phi_{c,r} */
} pair_case;

static const pair_case pair_cases[P_COUNT] = {
  [P_DELTA_QUARTER] = { "delta(x - 0.25)", 0, 1 },
  [P_X_DELTA1] = { "x*delta(x,1)", 0, 1 },
  [P_PV_EVEN] = { "pv(x)", 0, 1 },
  [P_PV_SHIFTED_EVEN] = { "pv(x - 1/3)", 1.0 / 3, 0.5 },
  [P_H_2DELTA] = { "heaviside(x) + 2*delta(x)", 0, 1 },
  [P_RELU_2DELTA] = { "relu(x) + 2*delta(x)", 0, 1 },
  [P_DELTA1_HALF] = { "delta(x - 1/2, 1)", 0, 1 },
  [P_D2_ABS] = { "D^2[abs(x)]", 0.3, 1 },
  [P_MULT_SUM] = { "2*delta(x) - (x + 1)*delta(x, 1)", 0.2, 1 },
  [P_SCALED] = { "delta(x - 1/2)/4 - pi*delta(x + 1/4)", 0, 1 },
  [P_PRINTED_FORMS] = { "-2 delta'(x - 0.5) + 3 D[x*delta(x)]", 0.1, 1.2 },
};

/* The closed forms, derived by hand:
   <delta_a, phi> = phi(a); <delta_a^(m), phi> = (-1)^m phi^(m)(a);
   <g T, phi> = <T, g phi>, so <x delta', phi> = -(x phi)'(0) = -phi(0) and
   <(x+1) delta', phi> = -(phi(0) + phi'(0)); p.v. 1/(x - c) against a bump
   even about c is 0; <H, phi_{0,1}> = I/2; <relu, phi_{0,1}> =
   int_0^1 x e^(-1/(1-x^2)) dx = (1/2) int_0^1 e^(-1/v) dv = E_2(1)/2
   (v = 1 - x^2, then w = 1/v); D^2|x| = 2 delta; <D[x delta], phi> =
   -<x delta, phi'> = 0. */
static long double
pair_reference (int which)
{
  const pair_case *p = &pair_cases[which];
  const long double c = p->c, r = p->r;
  switch (which)
    {
    case P_DELTA_QUARTER: return expl (-1 / (1 - 0.0625L));
    case P_X_DELTA1: return -expl (-1.0L);
    case P_PV_EVEN: case P_PV_SHIFTED_EVEN: return 0;
    case P_H_2DELTA: return ref_bump_integral () / 2 + 2 * expl (-1.0L);
    case P_RELU_2DELTA: return ref_e2_at_1 () / 2 + 2 * expl (-1.0L);
    case P_DELTA1_HALF: return -ref_bump_d1 (c, r, 0.5L);
    case P_D2_ABS: return 2 * ref_bump (c, r, 0);
    case P_MULT_SUM: return 3 * ref_bump (c, r, 0) + ref_bump_d1 (c, r, 0);
    case P_SCALED:
      return ref_bump (c, r, 0.5L) / 4 - TEST_PI * ref_bump (c, r, -0.25L);
    case P_PRINTED_FORMS: return 2 * ref_bump_d1 (c, r, 0.5L);
    default: return NAN;
    }
}

START_TEST (test_pairings_against_closed_forms)
{
  const pair_case *p = &pair_cases[_i];
  ns_dist *t = parse_ok (p->text);
  check_pairing (p->text, t, p->c, p->r, pair_reference (_i));
  ns_dist_free (t);
}
END_TEST

/* The references of relu + 2 delta and heaviside + 2 delta against
   published digits: int_0^1 x phi = E_2(1)/2 = 0.0742477..., and
   int_0^1 phi = I/2 = 0.2219969080840397..., heaviside's pairing. */
START_TEST (test_relu_reference_two_ways)
{
  /* E_2(1) = e^-1 - E_1(1) = 0.36787944117144232160 - 0.21938393439552027368,
     E_1(1) being the Gompertz constant 0.59634736232319407434 over e. */
  ck_assert (fabsl (ref_e2_at_1 () - 0.14849550677592204792L) < 1e-17L);
  ck_assert (fabsl (ref_bump_integral () / 2 - 0.2219969080840397L) < 1e-15L);
}
END_TEST

/* The parsed distribution and the one built by the constructors pair to
   the same number, exactly: they are the same terms. */
START_TEST (test_same_as_constructors)
{
  ns_function *relu = ns_fn_relu (ns_fn_x ());
  ns_function *x = ns_fn_x ();
  ns_dist *r = NULL, *d0 = NULL, *d2 = NULL, *sum = NULL, *d1 = NULL, *xd1 = NULL;
  ck_assert_int_eq (ns_dist_regular (relu, &r), NS_OK);
  ck_assert_int_eq (ns_dist_delta (0, &d0), NS_OK);
  ck_assert_int_eq (ns_dist_scale (2, d0, &d2), NS_OK);
  ck_assert_int_eq (ns_dist_sum (r, d2, &sum), NS_OK);
  ck_assert_int_eq (ns_dist_deriv (d0, 1, &d1), NS_OK);
  ck_assert_int_eq (ns_dist_mul (x, d1, &xd1), NS_OK);
  const ns_dist *built[] = { sum, xd1 };
  const char *texts[] = { "relu(x) + 2*delta(x)", "x*delta(x, 1)" };
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0.15, 0.8, &phi), NS_OK);
  for (int k = 0; k < 2; k++)
    {
      ns_dist *t = parse_ok (texts[k]);
      ns_pair_result a, b;
      ck_assert_int_eq (ns_dist_pair (t, phi, NULL, &a), NS_OK);
      ck_assert_int_eq (ns_dist_pair (built[k], phi, NULL, &b), NS_OK);
      ck_assert_msg (a.val == b.val && a.err == b.err, "%s: %.17g vs %.17g", texts[k], a.val,
                     b.val);
      ns_dist_free (t);
    }
  ns_testfn_free (phi);
  ns_dist_free (r);
  ns_dist_free (d0);
  ns_dist_free (d2);
  ns_dist_free (sum);
  ns_dist_free (d1);
  ns_dist_free (xd1);
  ns_fn_free (relu);
  ns_fn_free (x);
}
END_TEST

/* A multiplier that is not smooth parses; pairing refuses it where its kink
   lies inside the support (ns_dist_mul's rule), and accepts it elsewhere. */
START_TEST (test_nonsmooth_multiplier_checked_at_pairing)
{
  ns_dist *t = parse_ok ("abs(x)*delta(x - 2)");
  ns_testfn *phi = NULL;
  ns_pair_result p;
  /* A multiplier of a delta is read near the delta's point only: the
     kink at 0 inside the support (-1, 1) does not matter, the point 2 is
     outside it, and the pairing is 0. */
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, &phi), NS_OK);
  ck_assert_int_eq (ns_dist_pair (t, phi, NULL, &p), NS_OK);
  ck_assert (p.val == 0.0);
  /* At the kink, delta' needs |x|'(0), which does not exist. */
  ns_dist *k = parse_ok ("abs(x)*delta'(x)");
  ck_assert_int_eq (ns_dist_pair (k, phi, NULL, &p), NS_UNDEFINED);
  ns_dist_free (k);
  ns_testfn_free (phi);
  /* Support (0.5, 3.5): the kink at 0 is outside, and
     <|x| delta_2, phi_{2,3/2}> = 2 phi(2) = 2/e. */
  ck_assert_int_eq (ns_testfn_bump_alloc (2, 1.5, &phi), NS_OK);
  ck_assert_int_eq (ns_dist_pair (t, phi, NULL, &p), NS_OK);
  ck_assert (fabs (p.val - 2 * exp (-1.0)) <= p.err);
  ns_testfn_free (phi);
  ns_dist_free (t);
}
END_TEST

/* ------------------------------------------------------------------ round trips */

static const char *const round_trip_texts[] = {
  "delta(x - 0.25)", "x*delta(x, 1)", "relu(x) + 2*delta(x)", "pv(x - 0.3)",
  "delta(x) - (x + 1)", "-(abs(x) + 1) + delta'(x)", "2*(-x) + delta(x)",
  "3*delta(x - 1/3)/7 - delta^(5)(x + 0.1)", "(x + 1)*delta(x, 2) - 2*pv(x, 1)",
  "D[abs(x - 0.2)] + D^2[exp(x)*delta(x)]", "-0.5*D^3[heaviside(x)]",
  "x*(delta(x) + relu(x))", "pi*pv(x + 0.25)", "sin(x)*pv(x)", "-1*(-2)*delta(x)",
};

/* Printed in ASCII and read back: the same pairings, and the text is a
   fixed point from the second print on. */
static void
check_round_trip (const char *label, const ns_dist *t)
{
  char *p1 = print_dist (t);
  ns_dist *u = NULL;
  ns_parse_error err;
  ns_status s = ns_dist_parse (p1, &u, &err);
  ck_assert_msg (s == NS_OK, "%s printed as \"%s\": column %d: %s", label, p1, err.column,
                 err.text);
  /* A scaled function "0.5 relu(x)" reads back as the function
     0.5*relu(x), the same distribution in another form; from there on the
     text is a fixed point. */
  char *p2 = print_dist (u);
  ns_dist *v = NULL;
  ck_assert_int_eq (ns_dist_parse (p2, &v, NULL), NS_OK);
  char *p3 = print_dist (v);
  ck_assert_msg (strcmp (p2, p3) == 0, "%s: \"%s\" then \"%s\"", label, p2, p3);
  ns_dist_free (v);
  free (p3);
  static const double bumps[][2] = { { 0.1, 1.3 }, { 0.7, 0.9 }, { -0.2, 0.45 } };
  for (size_t k = 0; k < sizeof bumps / sizeof bumps[0]; k++)
    {
      ns_testfn *phi = NULL;
      ck_assert_int_eq (ns_testfn_bump_alloc (bumps[k][0], bumps[k][1], &phi), NS_OK);
      ns_pair_result a, b;
      ns_status sa = ns_dist_pair (t, phi, NULL, &a);
      ns_status sb = ns_dist_pair (u, phi, NULL, &b);
      ck_assert_int_eq (sa, sb);
      if (sa == NS_OK)
        ck_assert_msg (fabs (a.val - b.val) <= a.err + b.err, "%s on bump %zu: %.17g vs %.17g",
                       label, k, a.val, b.val);
      ns_testfn_free (phi);
    }
  ns_dist_free (u);
  free (p1);
  free (p2);
}

START_TEST (test_round_trip)
{
  ns_dist *t = parse_ok (round_trip_texts[_i]);
  check_round_trip (round_trip_texts[_i], t);
  ns_dist_free (t);
}
END_TEST

/* The library's own exact derivatives read back from their printed form. */
START_TEST (test_round_trip_of_exact_derivatives)
{
  static const struct { const char *f; int k; } cases[] = {
    { "abs(x - 1) + heaviside(x)", 2 }, { "relu(x)^2 - 3*abs(x + 0.5)", 3 },
    { "floor(x)", 1 }, { "sign(x)*exp(x)", 2 }, { "clamp(x, -1, 1.5)", 1 },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      ns_function *f = NULL;
      ns_dist *t = NULL;
      ck_assert_int_eq (ns_fn_parse (cases[i].f, &f, NULL), NS_OK);
      ck_assert_int_eq (ns_dist_exact_deriv (f, cases[i].k, -3, 3, &t), NS_OK);
      check_round_trip (cases[i].f, t);
      ns_dist_free (t);
      ns_fn_free (f);
    }
}
END_TEST

/* ------------------------------------------------------------------ limits */

typedef struct bad_case
{
  const char *text;
  ns_status status;
  int column;
  const char *message;
} bad_case;

#define INSIDE " may only be multiplied by a function or added, not used inside an argument"
#define SHIFT(w) "the argument of " w " must be affine in x, a*x + b with constants a != 0 and b"
#define ORDER(w) "the order of " w " must be an integer from 0 to 16"

static const bad_case bad_cases[] = {
  { "exp(delta(x))", NS_EPARSE, 5, "'delta'" INSIDE },
  { "abs(delta(x) + 1)", NS_EPARSE, 5, "'delta'" INSIDE },
  { "sin(pv(x))", NS_EPARSE, 5, "'pv'" INSIDE },
  { "exp(D[x])", NS_EPARSE, 5, "'D'" INSIDE },
  { "heaviside(x, delta(x))", NS_EPARSE, 14, "'delta'" INSIDE },
  { "delta(x - delta(x))", NS_EPARSE, 11, "'delta'" INSIDE },
  { "delta(x)^2", NS_EPARSE, 9, "cannot raise a distribution to a power" },
  { "-delta(x)^(2)", NS_EPARSE, 10, "cannot raise a distribution to a power" },
  { "(delta(x) + x)^2", NS_EPARSE, 15, "cannot raise a distribution to a power" },
  { "x^delta(x)", NS_EPARSE, 3, "expected integer exponent near 'delta'" },
  /* Affine arguments parse (tests/test_composite.c), and delta of a
     function of x (tests/test_delta_of.c); a constant argument does not,
     nor a pv whose argument is not affine. */
  { "delta(x - x)", NS_EPARSE, 7, SHIFT ("delta") },
  { "delta(1)", NS_EPARSE, 7, SHIFT ("delta") },
  { "pv(x^2)", NS_EPARSE, 4, SHIFT ("pv") },
  { "pv 1/(2 - abs(x))", NS_EPARSE, 11, SHIFT ("pv") },
  { "delta()", NS_EPARSE, 7, "expected expression near ')'" },
  { "delta(x)*delta(x - 1)", NS_EPARSE, 9,
    "cannot multiply two distributions (only a function times a distribution)" },
  { "(x + delta(x))*pv(x)", NS_EPARSE, 15,
    "cannot multiply two distributions (only a function times a distribution)" },
  { "x/delta(x)", NS_EPARSE, 2, "cannot divide by a distribution" },
  { "delta(x)/x", NS_EPARSE, 9, "a distribution may only be divided by a constant" },
  { "delta(x)/(1 - 1)", NS_EPARSE, 9, "division of a distribution by zero" },
  { "delta(x)*1e308*1e308", NS_EPARSE, 15, "coefficient out of range (overflows a double)" },
  { "delta(x)/1e-320", NS_EPARSE, 9, "coefficient out of range (overflows a double)" },
  { "delta(x - 1e400)", NS_EPARSE, 11, "number '1e400' out of range" },
  { "delta(x, 17)", NS_EPARSE, 10, ORDER ("delta") },
  { "delta(x, 1.5)", NS_EPARSE, 10, ORDER ("delta") },
  { "delta(x, -1)", NS_EPARSE, 10, ORDER ("delta") },
  { "delta(x, x)", NS_EPARSE, 10, ORDER ("delta") },
  { "pv(x, 17)", NS_EPARSE, 7, ORDER ("pv") },
  { "delta^(17)(x)", NS_EPARSE, 7, ORDER ("delta") },
  { "delta^-1(x)", NS_EPARSE, 7, ORDER ("delta") },
  { "delta'''''''''''''''''(x)", NS_EPARSE, 22, ORDER ("delta") },
  { "delta'(x, 1)", NS_EPARSE, 11, "the order of delta is given twice" },
  { "delta(x - 1, 2, 3)", NS_EPARSE, 15, "expected ')' near ','" },
  { "delta", NS_EPARSE, 6, "expected '(' near end of input" },
  { "delta x", NS_EPARSE, 7, "expected '(' near 'x'" },
  { "pv 2/x", NS_EPARSE, 4, "expected '(' or '1/' after pv near '2'" },
  { "pv x", NS_EPARSE, 4, "expected '(' or '1/' after pv near 'x'" },
  { "pv 1*x", NS_EPARSE, 5, "expected '/' near '*'" },
  { "pv 1/y", NS_EPARSE, 6, "expected 'x' or '(x - a)' near 'y'" },
  { "D(x)", NS_EPARSE, 2, "expected '[' near '('" },
  { "D[x", NS_EPARSE, 4, "expected ']' near end of input" },
  { "D[x)", NS_EPARSE, 4, "expected ']' near ')'" },
  { "D[x]]", NS_EPARSE, 5, "unexpected character ']'" },
  { "D^17[x]", NS_EPARSE, 3, "the order of D must be an integer from 0 to 16" },
  { "D^(-1)[x]", NS_EPARSE, 3, "the order of D must be an integer from 0 to 16" },
  { "D^x[x]", NS_EPARSE, 3, "expected integer exponent near 'x'" },
  { "2x", NS_EPARSE, 2, "expected operator near 'x'" },
  { "2 3", NS_EPARSE, 3, "expected operator near '3'" },
  { "2^2 delta(x)", NS_EPARSE, 5, "expected operator near 'delta'" },
  { "x delta(x)", NS_EPARSE, 3, "expected operator near 'delta'" },
  { "delta(x) 2", NS_EPARSE, 10, "expected operator near '2'" },
  { "", NS_EPARSE, 1, "expected expression near end of input" },
  { "delta(x) +", NS_EPARSE, 11, "expected expression near end of input" },
  { "(delta(x)", NS_EPARSE, 10, "expected ')' near end of input" },
  { "delta(x))", NS_EPARSE, 9, "unmatched ')'" },
  { "delta(x) + foo(x)", NS_EPARSE, 12, "unknown function 'foo'" },
  /* UTF-8 delta and middle dot read (tests/test_dist_exact.c); alpha does not. */
  { "\xce\xb1(x)", NS_EPARSE, 1, "unexpected character '\xce\xb1'" },
  { "x\xc2\xb7" "\xce\xb1(x)", NS_EPARSE, 3, "unexpected character '\xce\xb1'" },
};

START_TEST (test_bad_inputs)
{
  const bad_case *c = &bad_cases[_i];
  ns_dist *d = (ns_dist *) &d;   /* must be overwritten with NULL */
  ns_parse_error err;
  ns_status s = ns_dist_parse (c->text, &d, &err);
  ck_assert_msg (s == c->status, "\"%s\": status %d, expected %d (%s)", c->text, (int) s,
                 (int) c->status, err.text);
  ck_assert_ptr_null (d);
  ck_assert_msg (err.column == c->column, "\"%s\": column %d, expected %d (%s)", c->text,
                 err.column, c->column, err.text);
  ck_assert_str_eq (err.text, c->message);
  /* Without an error record: the same status. */
  ck_assert_int_eq (ns_dist_parse (c->text, &d, NULL), c->status);
}
END_TEST

/* The function parser itself knows nothing of delta, pv or D: only the
   distribution parser gives them their message. */
START_TEST (test_function_parser_unchanged)
{
  static const struct { const char *text; int column; const char *message; } cases[] = {
    { "exp(delta(x))", 5, "unknown function 'delta'" },
    { "pv(x)", 1, "unknown function 'pv'" },
    { "D", 1, "unknown name 'D'" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      ns_function *f = NULL;
      ns_parse_error err;
      ck_assert_int_eq (ns_fn_parse (cases[i].text, &f, &err), NS_EPARSE);
      ck_assert_ptr_null (f);
      ck_assert_int_eq (err.column, cases[i].column);
      ck_assert_str_eq (err.text, cases[i].message);
    }
}
END_TEST

/* A constant that is not a finite number names the library's reason. */
START_TEST (test_non_finite_constants)
{
  static const struct { const char *text; int column; const char *what; } cases[] = {
    { "delta(x - log(0))", 11, "the shift" },
    { "delta(x)/(1/0)", 9, "the divisor" },
    { "log(0)*delta(x)", 7, "the factor" },
  };
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
    {
      ns_dist *d = NULL;
      ns_parse_error err;
      ck_assert_int_eq (ns_dist_parse (cases[i].text, &d, &err), NS_EPARSE);
      ck_assert_ptr_null (d);
      ck_assert_int_eq (err.column, cases[i].column);
      char want[160];
      snprintf (want, sizeof want, "%s is not a finite number (", cases[i].what);
      ck_assert_msg (strncmp (err.text, want, strlen (want)) == 0, "%s: %s", cases[i].text,
                     err.text);
    }
}
END_TEST

START_TEST (test_null_arguments_and_error_record)
{
  ns_dist *d = NULL;
  ns_parse_error err;
  ck_assert_int_eq (ns_dist_parse (NULL, &d, &err), NS_EINVAL);
  ck_assert_ptr_null (d);
  ck_assert_int_eq (err.column, 0);
  ck_assert_str_eq (err.text, "text is NULL");
  ck_assert_int_eq (ns_dist_parse ("delta(x)", NULL, &err), NS_EINVAL);
  ck_assert_str_eq (err.text, "out is NULL");
  ck_assert_int_eq (ns_dist_parse (NULL, NULL, NULL), NS_EINVAL);
  /* Success clears a stale record; a NULL record is allowed. */
  ck_assert_int_eq (ns_dist_parse ("delta(", &d, &err), NS_EPARSE);
  ck_assert_int_ne (err.column, 0);
  ck_assert_int_eq (ns_dist_parse ("delta(x)", &d, &err), NS_OK);
  ck_assert_int_eq (err.column, 0);
  ck_assert_str_eq (err.text, "");
  ns_dist_free (d);
  ck_assert_int_eq (ns_dist_parse ("delta(x)", &d, NULL), NS_OK);
  ns_dist_free (d);
}
END_TEST

/* N copies of A, MIDDLE, N copies of B. */
static char *
repeated (const char *a, size_t n, const char *middle, const char *b)
{
  size_t la = strlen (a), lm = strlen (middle), lb = strlen (b);
  char *s = malloc (n * (la + lb) + lm + 1);
  ck_assert_ptr_nonnull (s);
  char *q = s;
  for (size_t i = 0; i < n; i++, q += la)
    memcpy (q, a, la);
  memcpy (q, middle, lm);
  q += lm;
  for (size_t i = 0; i < n; i++, q += lb)
    memcpy (q, b, lb);
  *q = '\0';
  return s;
}

static void
check_parse_status (const char *text, ns_status want, int column, const char *message)
{
  ns_dist *d = NULL;
  ns_parse_error err;
  ns_status s = ns_dist_parse (text, &d, &err);
  ck_assert_msg (s == want, "status %d, expected %d (%s)", (int) s, (int) want, err.text);
  if (want != NS_OK)
    {
      ck_assert_ptr_null (d);
      ck_assert_int_eq (err.column, column);
      ck_assert_str_eq (err.text, message);
    }
  ns_dist_free (d);
}

START_TEST (test_length_and_depth_limits)
{
  /* NS_PARSE_MAX_LENGTH bytes parse; one more does not. */
  char *ok = repeated (" ", NS_PARSE_MAX_LENGTH - 8, "delta(x)", "");
  check_parse_status (ok, NS_OK, 0, NULL);
  free (ok);
  char *longer = repeated (" ", NS_PARSE_MAX_LENGTH - 7, "delta(x)", "");
  check_parse_status (longer, NS_ELIMIT, NS_PARSE_MAX_LENGTH + 1, "input longer than 4096 bytes");
  free (longer);

  /* Every '(', 'delta(', 'D[' and sign is one level: NS_PARSE_MAX_DEPTH
     levels parse, one more is refused at the level that passes. */
  const int n = NS_PARSE_MAX_DEPTH - 1;
  char *parens = repeated ("(", n, "delta(x)", ")");
  check_parse_status (parens, NS_OK, 0, NULL);
  free (parens);
  parens = repeated ("(", n + 1, "delta(x)", ")");
  check_parse_status (parens, NS_ELIMIT, n + 7, "nesting deeper than 200 near '('");
  free (parens);
  char *ds = repeated ("D[", NS_PARSE_MAX_DEPTH + 1, "x", "]");
  check_parse_status (ds, NS_ELIMIT, 2 * NS_PARSE_MAX_DEPTH + 2,
                      "nesting deeper than 200 near '['");
  free (ds);
  char *signs = repeated ("-", n + 1, "delta(x)", "");
  check_parse_status (signs, NS_ELIMIT, n + 7, "nesting deeper than 200 near '('");
  free (signs);
  /* The signs' levels end with their operand: the delta after '*' is at
     depth 0, and one sign more is refused at that sign. */
  signs = repeated ("-", n + 1, "x*delta(x)", "");
  check_parse_status (signs, NS_OK, 0, NULL);
  free (signs);
  signs = repeated ("-", n + 2, "x*delta(x)", "");
  check_parse_status (signs, NS_ELIMIT, n + 2, "nesting deeper than 200 near '-'");
  free (signs);
  /* Derivative orders add up to at most NS_DIST_MAX_ORDER. */
  check_parse_status ("D^10[delta(x, 6)]", NS_OK, 0, NULL);
  check_parse_status ("D^10[delta(x, 7)]", NS_ELIMIT, 1, "derivative order above 16");
}
END_TEST

/* ------------------------------------------------------------------ random */

static uint64_t
rng_next (uint64_t *state)
{
  *state ^= *state >> 12;
  *state ^= *state << 25;
  *state ^= *state >> 27;
  return *state * UINT64_C (2685821657736338717);
}

static size_t
rng_below (uint64_t *state, size_t n)
{
  return (size_t) (rng_next (state) % n);
}

static const char *const fuzz_pieces[] = {
  "delta(", "pv(", "pv 1/", "D[", "D^2[", "]", "[", "'", "^(", "x", "x - 1", "(", ")", ",",
  "*", "/", "+", "-", "^", " ", "1", "0.5", "17", "pi", "exp(", "relu(", "heaviside(",
  "1e400", "1e308", "\xce\xb4", "\xc2\xb7", "\x80", "2 ", "------", "((((", "))))", "0",
};

static const char *const sample_texts[] = {
  "relu(x) + 2*delta(x)", "x*delta(x, 1)", "pv(x - 0.3)", "delta''(x - 1)",
  "2 D[x*delta(x)] - pv 1/(x + 2)", "(x + 1)*(delta(x) + heaviside(x))/4",
  "delta^(3)(x + pi) - D^2[abs(x)]",
};

/* Any text: a documented status, *OUT set exactly on success, a column
   inside the text on error, and on success a printed form that reads back,
   a fixed point from the second print on (see check_round_trip). */
static void
check_any_input (const char *text, uint64_t seed, int iteration)
{
  ns_dist *d = NULL;
  ns_parse_error err;
  ns_status s = ns_dist_parse (text, &d, &err);
  ck_assert_msg (s == NS_OK || s == NS_EPARSE || s == NS_ELIMIT,
                 "seed %llu iteration %d: \"%s\": status %d", (unsigned long long) seed,
                 iteration, text, (int) s);
  if (s != NS_OK)
    {
      ck_assert_ptr_null (d);
      ck_assert_msg (err.column >= 1 && err.column <= char_count (text) + 1
                     && err.text[0] != '\0',
                     "seed %llu iteration %d: \"%s\": column %d, \"%s\"",
                     (unsigned long long) seed, iteration, text, err.column, err.text);
      return;
    }
  ck_assert_ptr_nonnull (d);
  char *p1 = print_dist (d);
  ns_dist *u = NULL;
  ck_assert_msg (ns_dist_parse (p1, &u, &err) == NS_OK,
                 "seed %llu iteration %d: \"%s\" printed as \"%s\": %s",
                 (unsigned long long) seed, iteration, text, p1, err.text);
  char *p2 = print_dist (u);
  ns_dist *v = NULL;
  ck_assert_int_eq (ns_dist_parse (p2, &v, NULL), NS_OK);
  char *p3 = print_dist (v);
  ck_assert_msg (strcmp (p2, p3) == 0, "seed %llu iteration %d: \"%s\": \"%s\" then \"%s\"",
                 (unsigned long long) seed, iteration, text, p2, p3);
  free (p1);
  free (p2);
  free (p3);
  ns_dist_free (u);
  ns_dist_free (v);
  ns_dist_free (d);
}

START_TEST (test_mutated_strings)
{
  const uint64_t seed = UINT64_C (0x64697374706172) + (uint64_t) _i;   /* "distpar" */
  uint64_t state = seed;
  const int iterations = ns_test_iterations (2000);
  const size_t nsamples = sizeof sample_texts / sizeof sample_texts[0];
  const size_t npieces = sizeof fuzz_pieces / sizeof fuzz_pieces[0];
  char buf[512];
  for (int it = 0; it < iterations; it++)
    {
      size_t len = 0;
      if (it % 4 == 3)
        {
          /* A random concatenation of pieces. */
          size_t pieces = 1 + rng_below (&state, 16);
          for (size_t k = 0; k < pieces; k++)
            {
              const char *piece = fuzz_pieces[rng_below (&state, npieces)];
              size_t lp = strlen (piece);
              memcpy (buf + len, piece, lp);
              len += lp;
            }
        }
      else
        {
          /* A sample with a few deletions, insertions and replacements. */
          const char *base = sample_texts[rng_below (&state, nsamples)];
          len = strlen (base);
          memcpy (buf, base, len);
          size_t edits = 1 + rng_below (&state, 3);
          for (size_t k = 0; k < edits; k++)
            {
              const char *piece = fuzz_pieces[rng_below (&state, npieces)];
              size_t lp = strlen (piece);
              size_t at = rng_below (&state, len + 1);
              size_t kind = rng_below (&state, 3);
              if (kind == 0 && at < len)
                {
                  memmove (buf + at, buf + at + 1, len - at - 1);
                  len--;
                }
              else if (len + lp < sizeof buf - 1)
                {
                  if (kind == 2 && at < len)
                    {
                      memmove (buf + at, buf + at + 1, len - at - 1);
                      len--;
                    }
                  memmove (buf + at + lp, buf + at, len - at);
                  memcpy (buf + at, piece, lp);
                  len += lp;
                }
            }
        }
      buf[len] = '\0';
      check_any_input (buf, seed, it);
    }
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("dist_parse");

  TCase *core = tcase_create ("core");
  tcase_add_loop_test (core, test_structure, 0,
                       (int) (sizeof structure_cases / sizeof structure_cases[0]));
  tcase_add_test (core, test_functions_as_the_function_parser_reads_them);
  tcase_add_loop_test (core, test_pairings_against_closed_forms, 0, P_COUNT);
  tcase_add_test (core, test_relu_reference_two_ways);
  tcase_add_test (core, test_same_as_constructors);
  tcase_add_test (core, test_nonsmooth_multiplier_checked_at_pairing);
  tcase_add_loop_test (core, test_round_trip, 0,
                       (int) (sizeof round_trip_texts / sizeof round_trip_texts[0]));
  tcase_add_test (core, test_round_trip_of_exact_derivatives);
  suite_add_tcase (s, core);

  TCase *limits = tcase_create ("limits");
  tcase_add_loop_test (limits, test_bad_inputs, 0,
                       (int) (sizeof bad_cases / sizeof bad_cases[0]));
  tcase_add_test (limits, test_function_parser_unchanged);
  tcase_add_test (limits, test_non_finite_constants);
  tcase_add_test (limits, test_null_arguments_and_error_record);
  tcase_add_test (limits, test_length_and_depth_limits);
  suite_add_tcase (s, limits);

  TCase *rnd = tcase_create ("random");
  tcase_set_timeout (rnd, 120);
  tcase_add_loop_test (rnd, test_mutated_strings, 0, 2);
  suite_add_tcase (s, rnd);
  return s;
}
