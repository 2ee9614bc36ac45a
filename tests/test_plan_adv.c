/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_plan_adv.c: pairing plans against adversarial windows: a
   term with more breakpoints in the window than the plan has room for
   (it must search each support itself, not pair as if it had none), a
   family spread so wide that ns_dist_pair_many's window is such a case,
   and a window where the switching quantity overflows (e^x - 2 on
   [-1e3, 1e300]: the breakpoint search dropped log 2).  Each result is
   checked against an mpmath reference (tests/plan_adv_refs.py) and
   against ns_dist_pair bit for bit. */
#include <config.h>
#include <math.h>
#include <string.h>
#include <check.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

/* tests/plan_adv_refs.py, 25 digits. */
#define REF_DFLOOR 0.4739850641974544904079769L        /* D[floor] on phi_{0.3,1} */
#define REF_DFLOOR_3000 0.4739850641975483806234676L   /* D[floor] on phi_{3000.3,1} */
#define REF_FLOOR (-0.1018594407362150848080239L)      /* floor on phi_{0.3,1} */
#define REF_DRELU_EXP 0.2037455954033330446262564L     /* D[relu(exp(x)-2)] on phi_{0.3,1} */

static int
same_bits (double a, double b)
{
  return memcmp (&a, &b, sizeof a) == 0;
}

/* <T, phi_{c,r}> through a plan on [A, B] with room N: NS_OK, the
   reference within the bound, and ns_dist_pair's value, bound, status
   and (when COUNT) evaluation count. */
static void
check_planned (const char *text, double a, double b, size_t n, double c, double r,
               long double ref, int count)
{
  ns_dist *t = NULL;
  ck_assert_int_eq (ns_dist_parse (text, &t, NULL), NS_OK);
  ns_dist_plan *plan = NULL;
  ck_assert_int_eq (ns_dist_plan_create (t, a, b, n, &plan), NS_OK);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (c, r, &phi), NS_OK);
  ns_pair_result p, q;
  ns_status sp = ns_dist_pair (t, phi, NULL, &p);
  ns_status sq = ns_dist_plan_pair (plan, phi, NULL, &q);
  ck_assert_msg (sq == NS_OK && fabsl ((long double) q.val - ref) <= q.err
                 && q.err <= 1e-13 * fabsl (ref),
                 "%s on phi_{%g,%g}, plan on [%g, %g] (room %zu): %d %.17g +- %.3g, "
                 "reference %.19Lg", text, c, r, a, b, n, sq, q.val, q.err, ref);
  ck_assert_msg (sp == sq && same_bits (p.val, q.val) && same_bits (p.err, q.err)
                 && (!count || p.neval == q.neval),
                 "%s: pair %d %.17g +- %.3g (%zu), plan %d %.17g +- %.3g (%zu)", text,
                 sp, p.val, p.err, p.neval, sq, q.val, q.err, q.neval);
  ns_testfn_free (phi);
  ns_dist_plan_free (plan);
  ns_dist_free (t);
}

/* floor has 10001 breakpoints on [-5000, 5000], more than the default
   room of 1000, and 11 on [-3, 7] against a room of 2: the plan leaves
   the term to each pairing's search.  Before, the pairing read the
   uncached term as one without breakpoints and returned 0 +- 0 with
   NS_OK. */
START_TEST (test_plan_over_room)
{
  check_planned ("D[floor(x)]", -5000, 5000, 0, 0.3, 1, REF_DFLOOR, 1);
  check_planned ("floor(x)", -5000, 5000, 0, 0.3, 1, REF_FLOOR, 1);
  check_planned ("D[floor(x)]", -3, 7, 2, 0.3, 1, REF_DFLOOR, 1);
  check_planned ("floor(x)", -3, 7, 2, 0.3, 1, REF_FLOOR, 1);
  /* A cached term beside an uncached one: D[relu] = H pairs to
     int_0^1.3 phi, which the sum's reference holds through
     D[floor] + D[relu] - D[relu(x)] = D[floor]. */
  check_planned ("D[floor(x)] + D[relu(x)] - D[relu(x)]", -5000, 5000, 0, 0.3, 1,
                 REF_DFLOOR, 1);
}
END_TEST

/* ns_dist_pair_many on bumps at 0.3 and 3000.3: its window (-0.7,
   3001.3) holds 3002 integers, more than the workspace's room. */
START_TEST (test_pair_many_spread)
{
  ns_dist *t = NULL;
  ck_assert_int_eq (ns_dist_parse ("D[floor(x)]", &t, NULL), NS_OK);
  ns_testfn *phi[2];
  ck_assert_int_eq (ns_testfn_bump_alloc (0.3, 1, &phi[0]), NS_OK);
  ck_assert_int_eq (ns_testfn_bump_alloc (3000.3, 1, &phi[1]), NS_OK);
  const long double refs[2] = { REF_DFLOOR, REF_DFLOOR_3000 };
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
  ns_pair_result out[2];
  ns_status st[2];
  ck_assert_int_eq (ns_dist_pair_many (t, (const ns_testfn *const *) phi, 2, w, out, st),
                    NS_OK);
  for (int k = 0; k < 2; k++)
    {
      ns_pair_result one;
      ck_assert_int_eq (ns_dist_pair (t, phi[k], w, &one), NS_OK);
      ck_assert_msg (st[k] == NS_OK && fabsl ((long double) out[k].val - refs[k]) <= out[k].err
                     && same_bits (out[k].val, one.val) && same_bits (out[k].err, one.err),
                     "bump %d: %d %.17g +- %.3g, pair %.17g, reference %.19Lg", k, st[k],
                     out[k].val, out[k].err, one.val, refs[k]);
    }
  ns_pair_workspace_free (w);
  ns_testfn_free (phi[0]);
  ns_testfn_free (phi[1]);
  ns_dist_free (t);
}
END_TEST

/* e^x - 2 overflows on most of [-1e3, 1e300]: the search's smallest box
   there is 1e290 wide, and the one holding log 2 has a right end where h
   cannot be evaluated.  It is split on, and log 2 is found, correctly
   rounded: 0x1.62e42fefa39efp-1 is the double nearest log 2 =
   0.693147180559945309417232... (its neighbours are 1.1e-16 away, the
   error 2.3e-17). */
START_TEST (test_plan_overflowing_window)
{
  ns_function *f = NULL;
  ck_assert_int_eq (ns_fn_parse ("relu(exp(x) - 2)", &f, NULL), NS_OK);
  static const double wins[][2] = { { -1e3, 1e300 }, { -1e300, 1e300 }, { -1e300, 1e3 } };
  for (int k = 0; k < 3; k++)
    {
      double pts[8];
      size_t n = 0;
      ck_assert_int_eq (ns_fn_breakpoints (f, wins[k][0], wins[k][1], pts, 8, &n), NS_OK);
      ck_assert_msg (n == 1 && pts[0] == 0x1.62e42fefa39efp-1, "[%g, %g]: %zu points, first %.17g",
                     wins[k][0], wins[k][1], n, n ? pts[0] : (double) NAN);
      /* On [-1e300, 1e3] the plan's zero test of the piece left of log 2
         reads the germ at -5e299, where e^x underflows and the germ is
         not exact: the plan integrates that zero piece (82 evaluations
         of 0) where ns_dist_pair skips it; value and bound agree. */
      check_planned ("D[relu(exp(x) - 2)]", wins[k][0], wins[k][1], 0, 0.3, 1,
                     REF_DRELU_EXP, k != 2);
    }
  ns_fn_free (f);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("plan_adv");
  TCase *tc = tcase_create ("core");
  tcase_set_timeout (tc, 120);
  tcase_add_test (tc, test_plan_over_room);
  tcase_add_test (tc, test_pair_many_spread);
  tcase_add_test (tc, test_plan_overflowing_window);
  suite_add_tcase (s, tc);
  return s;
}
