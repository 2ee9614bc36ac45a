/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_abi.c: the parts of the interface fixed for binary
   compatibility: the functions that only take a reference accept a const
   function (checked on their types at compile time and by calls through a
   const pointer); the operator rows carry their size, every field is
   present, and NS_OP_INFO_HAS is false for a field past an older row. */
#include <config.h>
#include <math.h>
#include <stddef.h>
#include <nonsmooth/nonsmooth.h>
#include "check_main.h"

/* The signatures, exactly: a change of a parameter's qualifier fails the
   build here, not in a user's program. */
_Static_assert (_Generic (&ns_fn_ref, ns_function *(*) (const ns_function *): 1, default: 0),
                "ns_fn_ref takes a const function");
_Static_assert (_Generic (&ns_dist_regular,
                          ns_status (*) (const ns_function *, ns_dist **): 1, default: 0),
                "ns_dist_regular takes a const function");
_Static_assert (_Generic (&ns_dist_mul,
                          ns_status (*) (const ns_function *, const ns_dist *, ns_dist **): 1,
                          default: 0),
                "ns_dist_mul takes a const function");
_Static_assert (_Generic (&ns_dist_exact_deriv,
                          ns_status (*) (const ns_function *, int, double, double, ns_dist **): 1,
                          default: 0),
                "ns_dist_exact_deriv takes a const function");
_Static_assert (_Generic (&ns_verify_ibp,
                          ns_status (*) (const ns_function *, int, const ns_testfn *,
                                         ns_verify_report *): 1,
                          default: 0),
                "ns_verify_ibp takes a const function");

/* A const reference is a full reference: the function outlives the
   holder's release, and every object built from it holds its own. */
START_TEST (test_const_references)
{
  ns_function *r = ns_fn_relu (ns_fn_x ());
  ns_function *x = ns_fn_x ();
  ck_assert_ptr_nonnull (r);
  ck_assert_ptr_nonnull (x);
  const ns_function *cr = r, *cx = x;

  ns_function *again = ns_fn_ref (cr);
  ck_assert_ptr_eq (again, r);
  ns_fn_free (again);

  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0.0, 1.0, &phi), NS_OK);
  ns_dist *d1 = NULL, *xd1 = NULL, *dr = NULL, *treg = NULL;
  ck_assert_int_eq (ns_dist_delta (0.0, &d1), NS_OK);
  ck_assert_int_eq (ns_dist_deriv (d1, 1, &xd1), NS_OK);
  ns_dist_free (d1);
  ck_assert_int_eq (ns_dist_mul (cx, xd1, &d1), NS_OK);   /* x delta' */
  ck_assert_int_eq (ns_dist_exact_deriv (cr, 1, -2.0, 2.0, &dr), NS_OK);
  ck_assert_int_eq (ns_dist_regular (cr, &treg), NS_OK);
  /* The holders let go; the distributions keep the functions alive. */
  ns_fn_free (r);
  ns_fn_free (x);

  /* <x delta', phi> = <delta', x phi> = -(x phi)'(0) = -phi(0). */
  ns_pair_result p;
  ns_result phi0, total;
  ck_assert_int_eq (ns_dist_pair (d1, phi, NULL, &p), NS_OK);
  ck_assert_int_eq (ns_testfn_eval (phi, 0, 0.0, &phi0), NS_OK);
  ck_assert_msg (fabs (p.val + phi0.val) <= p.err + phi0.err,
                 "<x delta', phi> = %.17g, -phi(0) = %.17g", p.val, -phi0.val);
  /* <relu', phi> = <H, phi> = int_0^1 phi = half the integral (phi even). */
  ck_assert_int_eq (ns_dist_pair (dr, phi, NULL, &p), NS_OK);
  ck_assert_int_eq (ns_testfn_integral (phi, &total), NS_OK);
  ck_assert_msg (fabs (p.val - total.val / 2) <= p.err + total.err / 2,
                 "<relu', phi> = %.17g, half the integral %.17g", p.val, total.val / 2);

  ns_verify_report rep;
  ns_function *h = ns_fn_heaviside (ns_fn_x (), 0.5);
  const ns_function *ch = h;
  ck_assert_int_eq (ns_verify_ibp (ch, 1, phi, &rep), NS_OK);
  ns_fn_free (h);
  ck_assert_int_eq (rep.agree, 1);

  ns_dist_free (d1);
  ns_dist_free (xd1);
  ns_dist_free (dr);
  ns_dist_free (treg);
  ns_testfn_free (phi);
}
END_TEST

START_TEST (test_op_rows)
{
  ck_assert_int_eq (ns_op_count (), NS_OP_COUNT);
  ck_assert_ptr_null (ns_op_get ((ns_op) ns_op_count ()));
  ck_assert_ptr_null (ns_op_get ((ns_op) -1));
  for (int op = 0; op < ns_op_count (); op++)
    {
      const ns_op_info *info = ns_op_get ((ns_op) op);
      ck_assert_ptr_nonnull (info);
      ck_assert_uint_eq (info->size, sizeof (ns_op_info));
      ck_assert (NS_OP_INFO_HAS (info, name) && NS_OP_INFO_HAS (info, summary)
                 && NS_OP_INFO_HAS (info, param_default) && NS_OP_INFO_HAS (info, is_kink));
      ck_assert_int_le (0, info->nparams_required);
      ck_assert_int_le (info->nparams_required, info->nparams);
      /* Defaults exist exactly for the optional parameters. */
      ck_assert_int_eq (info->param_default == NULL, info->nparams_required == info->nparams);
    }
  /* The documented defaults: H(0) = 1/2, leaky_relu's slope 0.01. */
  ck_assert (ns_op_get (NS_OP_HEAVISIDE)->param_default[0] == 0.5);
  ck_assert (ns_op_get (NS_OP_LEAKY_RELU)->param_default[0] == 0.01);
}
END_TEST

/* A row from an imagined older library that ends before summary. */
START_TEST (test_op_info_has)
{
  ns_op_info old = { 0 };
  old.size = offsetof (ns_op_info, is_kink) + sizeof old.is_kink;
  ck_assert (NS_OP_INFO_HAS (&old, size));
  ck_assert (NS_OP_INFO_HAS (&old, name));
  ck_assert (NS_OP_INFO_HAS (&old, is_kink));
  ck_assert (!NS_OP_INFO_HAS (&old, summary));
  old.size = offsetof (ns_op_info, name);
  ck_assert (!NS_OP_INFO_HAS (&old, name));
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("abi");
  TCase *tc = tcase_create ("core");
  tcase_add_test (tc, test_const_references);
  tcase_add_test (tc, test_op_rows);
  tcase_add_test (tc, test_op_info_has);
  suite_add_tcase (s, tc);
  return s;
}
