/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_germ_clear.c: the working germ clears only its header and
   c[0..m] (lib/function/germ.c), so no reader may look at a coefficient
   above the germ's order.  clear: germs of every order 0..16 through every
   operation (products, quotients, integer and real powers, compositions,
   max/min, clamp, floor, steps, relu(x)^2.5) computed on a stack filled
   first with zeros, NaNs, huge and moderate numbers must come out bit for
   bit the same, and equal closed-form Taylor coefficients.  pairings: the
   same poisoning around pairings one ulp from a kink, of high derivatives
   of high-order kinks (up to D^16) and of delta(g), against python3-mpmath references
   (tests/ref/germ_clear_refs.py, derivation there): |val - ref| <= err
   and the same bits whatever the stack held. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <string.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

/* Fills the stack below the caller's frame with BYTE: the frames of the
   next library call reuse it, so a coefficient read without having been
   written reads BYTE's pattern instead of whatever an earlier call left
   (0x00: +0.0, 0xff: a NaN, 0x7f: 1.4e306, 0x3f: 0.49).  The empty asm
   keeps the compiler from dropping the dead buffer. */
static void __attribute__ ((noinline))
poison_stack (unsigned char byte)
{
  unsigned char buf[1 << 16];
  memset (buf, byte, sizeof buf);
  __asm__ volatile ("" : : "r" (buf) : "memory");
}

static const unsigned char poisons[] = { 0x00, 0xff, 0x7f, 0x3f };
#define NPOISON (sizeof poisons / sizeof poisons[0])

static double
fact (int k)
{
  double p = 1;
  for (int i = 2; i <= k; i++)
    p *= i;
  return p;
}

/* Generalised binomial coefficient binom(p, k), exact for the small
   integers and halves used here up to a few roundings. */
static double
binom (double p, int k)
{
  double b = 1;
  for (int i = 0; i < k; i++)
    b *= (p - i) / (i + 1);
  return b;
}

/* Closed forms of c[k] of f(x + side t) = sum c[k] t^k. */
static double c_relu3_exp (int k) { return k >= 3 ? 1 / fact (k - 3) : 0; }
static double c_zero (int k) { (void) k; return 0; }
static double c_sinc (int k) { return k % 2 ? 0 : (k / 2 % 2 ? -1 : 1) / fact (k + 1); }
static double c_t_over_1mt (int k) { return k >= 1; }
static double c_t_over_1pt (int k) { return k == 0 ? 0 : k % 2 ? 1 : -1; }
static double c_rpow_left (int k) { return binom (2.5, k) * (k % 2 ? -1 : 1); }
static double c_rpow_right (int k) { return binom (2.5, k); }
static double c_sq_right (int k) { return k == 0 ? 1 : k == 1 ? 2 : k == 2 ? 1 : 0; }
static double c_id_left (int k) { return k == 0 ? 1 : k == 1 ? -1 : 0; }
static double c_exp (int k) { return 1 / fact (k); }
static double c_exp_neg (int k) { return (k % 2 ? -1 : 1) / fact (k); }
static double c_inv_cube (int k) { return (k % 2 ? -1 : 1) * (k + 1) * (k + 2) / 2.0; }
static double c_log1p (int k) { return k == 0 ? 0 : (k % 2 ? 1.0 : -1.0) / k; }
/* sin^2 t = (1 - cos 2t)/2. */
static double c_sin2 (int k)
{
  return k == 0 || k % 2 ? 0 : (k / 2 % 2 ? 1 : -1) * ldexp (1, k - 1) / fact (k);
}
static double c_sqrt1p (int k) { return binom (0.5, k); }
static double c_steps (int k) { return k == 2 || k == 3; }
/* e^t cos t = Re e^((1+i)t): 2^(k/2) cos(k pi/4) / k!. */
static double c_expcos (int k)
{
  /* (1+i)^k = 2^(k/2) e^(i k pi/4), by exact integer steps. */
  double re = 1, im = 0;
  for (int i = 0; i < k; i++)
    {
      double nr = re - im, ni = re + im;
      re = nr;
      im = ni;
    }
  return re / fact (k);
}
static double c_t2_minus_t3 (int k) { return k == 2 ? 1 : k == 3 ? -1 : 0; }
static double c_leaky_left (int k) { return k == 1 ? -0.125 : 0; }
static double c_absx3 (int k) { return k == 3; }

typedef struct germ_case
{
  const char *text;
  double x;
  ns_side side;
  double (*coef) (int k);
  int top;          /* coefficients above TOP: ns_fn_germ says NS_ERANGE (tail +1) */
} germ_case;

#define ALL NS_MAX_ORDER
static const germ_case germ_cases[] = {
  { "relu(x)^3*exp(x)", 0, NS_RIGHT, c_relu3_exp, ALL },
  { "relu(x)^3*exp(x)", 0, NS_LEFT, c_zero, ALL },
  { "sin(relu(x))/relu(x)", 0, NS_RIGHT, c_sinc, ALL },
  { "abs(x)/(1 + x)", 0, NS_LEFT, c_t_over_1mt, ALL },
  { "abs(x)/(1 + x)", 0, NS_RIGHT, c_t_over_1pt, ALL },
  { "relu(x)^2.5", 1, NS_LEFT, c_rpow_left, ALL },
  { "relu(x)^2.5", 1, NS_RIGHT, c_rpow_right, ALL },
  { "relu(x)^2.5", 0, NS_RIGHT, c_zero, 2 },
  { "relu(x)^2.5", 0, NS_LEFT, c_zero, ALL },
  { "max(x, x^2)", 1, NS_RIGHT, c_sq_right, ALL },
  { "max(x, x^2)", 1, NS_LEFT, c_id_left, ALL },
  { "min(exp(x), 1 + x + x^2)", 0, NS_RIGHT, c_exp, ALL },
  { "min(exp(x), 1 + x + x^2)", 0, NS_LEFT, c_exp_neg, ALL },
  { "(1 + abs(x))^-3", 0, NS_RIGHT, c_inv_cube, ALL },
  { "log(1 + relu(x))", 0, NS_RIGHT, c_log1p, ALL },
  { "relu(sin(x))^2", 0, NS_RIGHT, c_sin2, ALL },
  { "sqrt(1 + abs(x))", 0, NS_LEFT, c_sqrt1p, ALL },
  { "heaviside(x)*x^2 + sign(x)*floor(x + 0.5) + clamp(x, 0, 1)^3", 0, NS_RIGHT,
    c_steps, ALL },
  { "exp(relu(x))*cos(abs(x))", 0, NS_RIGHT, c_expcos, ALL },
  { "relu(relu(x)^2 - x^3)", 0, NS_RIGHT, c_t2_minus_t3, ALL },
  { "relu(x)^17", 0, NS_RIGHT, c_zero, ALL },
  { "leaky_relu(x, 0.125)", 0, NS_LEFT, c_leaky_left, ALL },
  { "abs(x)^3/max(1, exp(x))", 0, NS_LEFT, c_absx3, ALL },
};

/* The germ of case C at ORDER after the stack was filled with BYTE. */
static ns_status
germ_after_poison (const ns_function *f, const germ_case *c, int order,
                   unsigned char byte, ns_germ *g)
{
  poison_stack (byte);
  return ns_fn_germ (f, c->x, c->side, order, g);
}

START_TEST (test_germ_poison)
{
  const germ_case *c = &germ_cases[_i];
  ns_function *f = NULL;
  ck_assert_msg (ns_fn_parse (c->text, &f, NULL) == NS_OK, "%s", c->text);
  for (int order = 0; order <= NS_MAX_ORDER; order++)
    {
      ns_germ g0, g;
      ns_status st0 = germ_after_poison (f, c, order, poisons[0], &g0);
      for (size_t p = 1; p < NPOISON; p++)
        {
          ns_status st = germ_after_poison (f, c, order, poisons[p], &g);
          ck_assert_msg (st == st0 && memcmp (&g, &g0, sizeof g) == 0,
                         "%s at %g%s, order %d: the result depends on the stack "
                         "(poison 0x%02x: status %d, c[%d] = %a vs %a)",
                         c->text, c->x, c->side == NS_LEFT ? "-" : "+", order,
                         poisons[p], (int) st, order, g.c[order], g0.c[order]);
        }
      if (order > c->top)
        {
          ck_assert_msg (st0 == NS_ERANGE && g0.nvalid == c->top + 1 && g0.tail == 1,
                         "%s order %d: status %d nvalid %d tail %d", c->text, order,
                         (int) st0, g0.nvalid, g0.tail);
        }
      else
        ck_assert_msg (st0 == NS_OK && g0.nvalid == order + 1,
                       "%s at %g, order %d: status %d, nvalid %d", c->text, c->x,
                       order, (int) st0, g0.nvalid);
      for (int k = 0; k < g0.nvalid; k++)
        {
          double ref = c->coef (k);
          /* A few roundings per term of the recurrences, on the scale of
             the coefficient or of 2^k/k! (the size of the terms of the
             exponential-type series whose sums cancel to 0 here: e^t cos t
             at k = 14 sums terms up to 2^14/14!). */
          double scale = fmax (fabs (ref), ldexp (1, k) / fact (k));
          ck_assert_msg (fabs (g0.c[k] - ref) <= 1e-13 * scale,
                         "%s at %g, order %d: c[%d] = %.17g, closed form %.17g",
                         c->text, c->x, order, k, g0.c[k], ref);
        }
      if (order == 0)
        ck_assert_msg (fabs (g0.c[0] - c->coef (0)) <= g0.err0 + 1e-300,
                       "%s: c[0] outside its bound err0", c->text);
    }
  ns_fn_free (f);
}
END_TEST

/* Bit patterns of two germs that must agree everywhere: the jumps and
   one-sided derivatives of every order of the cases above, read through
   ns_fn_jump and ns_fn_deriv_side after each poison. */
START_TEST (test_jump_poison)
{
  const germ_case *c = &germ_cases[_i];
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse (c->text, &f, NULL), NS_OK);
  for (int k = 0; k <= NS_MAX_ORDER; k++)
    {
      double j[NPOISON], d[NPOISON];
      ns_status sj[NPOISON], sd[NPOISON];
      for (size_t p = 0; p < NPOISON; p++)
        {
          poison_stack (poisons[p]);
          sj[p] = ns_fn_jump (f, c->x, k, &j[p]);
          poison_stack (poisons[p]);
          sd[p] = ns_fn_deriv_side (f, c->x, c->side, k, &d[p]);
        }
      for (size_t p = 1; p < NPOISON; p++)
        ck_assert_msg (sj[p] == sj[0] && sd[p] == sd[0]
                       && memcmp (&j[p], &j[0], sizeof j[0]) == 0
                       && memcmp (&d[p], &d[0], sizeof d[0]) == 0,
                       "%s, k = %d: depends on the stack", c->text, k);
    }
  ns_fn_free (f);
}
END_TEST

typedef struct pair_case
{
  const char *text;
  double c, r;
  double ref;      /* tests/ref/germ_clear_refs.py, 25 digits */
  int weak_only;   /* f^(m) not integrable: the exact route says NS_UNDEFINED */
} pair_case;

/* The doubles are written in hex: the references are for exactly them. */
static const pair_case pair_cases[] = {
  /* relu' on phi_{c,1}: the support's left end 2^-52 right of the kink,
     then 2^-53 left of it. */
  { "D[relu(x)]", 0x1.0000000000001p0, 1, 0.4439938161680794378230489, 0 },
  { "D[relu(x)]", 0x1.fffffffffffffp-1, 1, 0.4439938161680794378230489, 0 },
  /* A bump of radius 4 ulps of 1 centred one ulp right of the kink at 1,
     and of radius 2 ulps (4 ulps below 1) one ulp left of it. */
  { "D[relu(x - 1)]", 0x1.0000000000001p0, 0x1p-50, 2.771243475924810954638048e-16, 0 },
  { "D[relu(x - 1)]", 0x1.fffffffffffffp-1, 0x1p-51, 5.861068920415580579499672e-17, 0 },
  { "D^3[relu(x - 1)^3*exp(x)]", 1.25, 0.5, 9.432268499082005265545929, 0 },
  { "D^3[relu(x - 1)^3*exp(x)]", 0x1.0000000000001p0, 0.5, 3.454760605588549499814482, 0 },
  { "D^2[relu(x)^2.5]", 0, 1, 0.4497677800056617053151488, 0 },
  { "D^3[relu(x)^2.5]", 0.25, 1, 1.241060757161045519592532, 0 },
  { "delta(x^5 - 0.5)", 0.75, 0.5, 0.12043590977381093472449, 0 },
  { "delta(x^5 - 0.5, 1)", 0.75, 0.5, 0.2382892898765940223191943, 0 },
  /* The highest orders: germs of order 17 at the kinks, phi^(14). */
  { "D^16[relu(x)]", 0.3, 1, 334586476105.8607823626058, 0 },
  { "D^16[max(x, x^2)]", 0.3, 1, -27884445302579498.54149965, 0 },
  { "D^14[delta(x^5 - 0.5)]", 0.75, 0.5, 776463675243872.3460999044, 0 },
  { "D^6[relu(x)^2.5]", 0.3, 1, -3.578259764273333008163701, 1 },
};

START_TEST (test_pair_poison)
{
  const pair_case *pc = &pair_cases[_i];
  ns_dist *t = NULL;
  ns_testfn *phi = NULL;
  ck_assert_msg (ns_dist_parse (pc->text, &t, NULL) == NS_OK, "%s", pc->text);
  ck_assert_int_eq (ns_testfn_bump_alloc (pc->c, pc->r, &phi), NS_OK);
  ns_pair_workspace *w = ns_pair_workspace_alloc (64);
  ck_assert_ptr_nonnull (w);
  for (int route = 0; route < 2; route++)
    {
      ns_pair_result res[NPOISON];
      ns_status st[NPOISON];
      for (size_t p = 0; p < NPOISON; p++)
        {
          poison_stack (poisons[p]);
          st[p] = route == 0 ? ns_dist_pair (t, phi, w, &res[p])
                             : ns_dist_pair_weak (t, phi, w, &res[p]);
        }
      if (route == 0 && pc->weak_only)
        ck_assert_msg (st[0] == NS_UNDEFINED && isnan (res[0].val),
                       "%s, exact route: status %d, not a refusal", pc->text, (int) st[0]);
      else
        ck_assert_msg (st[0] == NS_OK, "%s on phi_{%a,%a}, route %d: status %d",
                       pc->text, pc->c, pc->r, route, (int) st[0]);
      ck_assert_msg ((route == 0 && pc->weak_only) || fabs (res[0].val - pc->ref) <= res[0].err,
                     "%s on phi_{%a,%a}, route %d: %.17g +- %.3g, reference %.17g",
                     pc->text, pc->c, pc->r, route, res[0].val, res[0].err, pc->ref);
      for (size_t p = 1; p < NPOISON; p++)
        ck_assert_msg (st[p] == st[0] && memcmp (&res[p].val, &res[0].val, sizeof (double)) == 0
                       && memcmp (&res[p].err, &res[0].err, sizeof (double)) == 0,
                       "%s, route %d: depends on the stack (poison 0x%02x)", pc->text,
                       route, poisons[p]);
    }
  ns_pair_workspace_free (w);
  ns_testfn_free (phi);
  ns_dist_free (t);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("germ_clear");
  TCase *tc = tcase_create ("clear");
  tcase_add_loop_test (tc, test_germ_poison, 0, sizeof germ_cases / sizeof germ_cases[0]);
  tcase_add_loop_test (tc, test_jump_poison, 0, sizeof germ_cases / sizeof germ_cases[0]);
  tcase_set_timeout (tc, 120);
  suite_add_tcase (s, tc);
  TCase *tp = tcase_create ("pairings");
  tcase_add_loop_test (tp, test_pair_poison, 0, sizeof pair_cases / sizeof pair_cases[0]);
  tcase_set_timeout (tp, 120);
  suite_add_tcase (s, tp);
  return s;
}
