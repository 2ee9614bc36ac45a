/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/test_mollify.c: T * rho_eps.  Values against closed forms (H * rho_eps
   is 1/2 at 0, its derivative rho_eps; x^2 * rho_eps = x^2 + eps^2 m2;
   relu * rho_eps at 0 from E_1(1)); the two routes to <T * rho_eps, phi>
   against each other; the differences to <T, phi> for delta and H against
   their Taylor expansions in eps with a bounded remainder; the measured
   rate; bad input.  The moments of rho and the derivatives of the bump are
   computed here in long double, independently of the library. */
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <nonsmooth/nonsmooth.h>
#include "ref_bump.h"
#include "check_main.h"

/* ------------------------------------------------------------------ references */

/* m_k = int t^k rho(t) dt for the unit mollifier rho = phi_{0,1} / I, by the
   trapezoid rule on [-1, 1]: phi_{0,1} and all its derivatives vanish at
   +-1, so by Euler-Maclaurin the rule converges faster than any power of
   the step (test_moments checks it reproduces I to long double). */
#define REF_TRAP_N 4000

static long double
ref_moment (int k)
{
  const long double h = 2.0L / REF_TRAP_N;
  long double s = 0;
  for (int i = 1; i < REF_TRAP_N; i++)
    {
      long double t = -1 + i * h;
      s += powl (t, k) * ref_bump (0, 1, t);
    }
  return h * s / ref_bump_integral ();
}

/* Derivatives phi^(0..n)(x) of phi_{c,1} = exp(g(t)), t = x - c,
   g = -1/(1-t^2) = -(1/(1-t) + 1/(1+t))/2, so
   g^(k) = -(k!/2) ((1-t)^-(k+1) + (-1)^k (1+t)^-(k+1)), and by Leibniz
   on phi' = g' phi:  phi^(m+1) = sum_{k<=m} C(m,k) g^(k+1) phi^(m-k). */
#define REF_MAX_D 8

static void
ref_bump_derivs (long double c, long double x, int n, long double *d)
{
  long double t = x - c;
  for (int i = 0; i <= n; i++)
    d[i] = 0;
  if (!(fabsl (t) < 1))
    return;
  long double g[REF_MAX_D + 2], fact = 1;
  for (int k = 1; k <= n; k++)
    {
      fact *= k;
      long double sgn = (k % 2) ? -1.0L : 1.0L;
      g[k] = -(fact / 2) * (powl (1 - t, -(k + 1)) + sgn * powl (1 + t, -(k + 1)));
    }
  d[0] = expl (-1 / (1 - t * t));
  for (int m = 0; m < n; m++)
    {
      long double s = 0, binom = 1;
      for (int k = 0; k <= m; k++)
        {
          s += binom * g[k + 1] * d[m - k];
          binom = binom * (m - k) / (k + 1);
        }
      d[m + 1] = s;
    }
}

/* max |phi_{c,1}^(k)| over [-eps, eps], sampled on 2001 points and doubled.
   Every point is within h/2 = eps/2000 <= 1.25e-4 of a sample, so the
   sampled maximum falls short by at most h/2 max |phi^(k+1)|; for c = 0.5,
   eps <= 0.25 and k = 5, 6, max |phi^(k+1)| < 100 max |phi^(k)| (sampled
   ratios 8.5 and 29), a shortfall below 1.3%, far inside the factor 2. */
#define REF_SUP_SLACK 2.0L

static long double
ref_sup (long double c, int k, long double eps)
{
  long double m = 0, d[REF_MAX_D + 1];
  for (int i = 0; i <= 2000; i++)
    {
      ref_bump_derivs (c, -eps + eps * i / 1000, k, d);
      if (fabsl (d[k]) > m)
        m = fabsl (d[k]);
    }
  return REF_SUP_SLACK * m;
}

/* E_1(1) = -gamma - sum_{k>=1} (-1)^k / (k k!)  (A&S 5.1.11 at x = 1). */
static long double
ref_e1_of_1 (void)
{
  long double s = 0, fact = 1;
  for (int k = 1; k < 30; k++)
    {
      fact *= k;
      s += ((k % 2) ? -1.0L : 1.0L) / (k * fact);
    }
  return -REF_EULER_GAMMA - s;
}

static ns_dist *
dist_of (ns_function *f)
{
  ns_dist *t = NULL;
  ck_assert_ptr_nonnull (f);
  ck_assert_int_eq (ns_dist_regular (f, &t), NS_OK);
  ns_fn_free (f);
  return t;
}

static ns_dist *
heaviside (void)
{
  return dist_of (ns_fn_heaviside (ns_fn_x (), 0.5));
}

static ns_dist *
delta_at (double a)
{
  ns_dist *t = NULL;
  ck_assert_int_eq (ns_dist_delta (a, &t), NS_OK);
  return t;
}

/* |val - ref| <= err, printed when it fails. */
static void
assert_contains (const char *what, const ns_pair_result *r, long double ref)
{
  long double e = fabsl ((long double) r->val - ref);
  if (!(e <= r->err))
    ck_abort_msg ("%s: %.17g vs %.20Lg: error %.3Lg > estimate %.3g", what, r->val, ref, e,
                  r->err);
}

/* ------------------------------------------------------------------ references are right */

START_TEST (test_moments)
{
  /* m_0 = 1 is the trapezoid rule against the Bessel closed form of I. */
  ck_assert (fabsl (ref_moment (0) - 1) < 1e-17L);
  /* Odd moments vanish: rho is even. */
  ck_assert (fabsl (ref_moment (1)) < 1e-19L && fabsl (ref_moment (3)) < 1e-19L);
  /* m_2 < 1/3 (the second moment of the uniform density on [-1, 1]):
     rho puts more mass near 0. */
  long double m2 = ref_moment (2);
  ck_assert (m2 > 0.1L && m2 < 1.0L / 3);
  /* The derivatives of the bump against the library's (an independent
     recurrence there) and against ref_bump_d1. */
  long double d[REF_MAX_D + 1];
  for (int i = 0; i < 7; i++)
    {
      double x = -0.93 + 0.31 * i;
      ref_bump_derivs (0.5, x, REF_MAX_D, d);
      ck_assert (fabsl (d[1] - ref_bump_d1 (0.5, 1, x)) <= 1e-17L);
      ns_testfn *phi = NULL;
      ck_assert_int_eq (ns_testfn_bump_alloc (0.5, 1, &phi), NS_OK);
      for (int k = 0; k <= REF_MAX_D; k++)
        {
          ns_result r;
          ck_assert_int_eq (ns_testfn_eval (phi, k, x, &r), NS_OK);
          ck_assert_msg (fabsl (r.val - d[k]) <= r.err + 1e-15L * fabsl (d[k]),
                         "phi^(%d)(%g): %.17g vs %.17Lg", k, x, r.val, d[k]);
        }
      ns_testfn_free (phi);
    }
}
END_TEST

/* ------------------------------------------------------------------ values */

START_TEST (test_eval_heaviside)
{
  ns_dist *h = heaviside ();
  const long double ni = 1 / ref_bump_integral ();
  static const double epss[] = { 1, 0.25, 1e-3, 1e-9 };
  for (size_t i = 0; i < sizeof epss / sizeof *epss; i++)
    {
      double eps = epss[i];
      ns_pair_result r;
      /* Half the mass of the even rho_eps lies right of 0. */
      ck_assert_int_eq (ns_mollify_eval (h, eps, 0, 0, &r), NS_OK);
      assert_contains ("(H*rho)(0)", &r, 0.5L);
      ck_assert_int_eq (ns_mollify_eval (h, eps, 0, 1.5 * eps, &r), NS_OK);
      assert_contains ("(H*rho)(1.5 eps)", &r, 1);
      ck_assert_int_eq (ns_mollify_eval (h, eps, 0, -eps, &r), NS_OK);
      assert_contains ("(H*rho)(-eps)", &r, 0);
      /* (H * rho_eps)' = delta * rho_eps = rho_eps, (H * rho_eps)'' = rho_eps'. */
      for (int k = 0; k < 5; k++)
        {
          double x = eps * (-0.87 + 0.41 * k);
          ck_assert_int_eq (ns_mollify_eval (h, eps, 1, x, &r), NS_OK);
          assert_contains ("(H*rho)'", &r, ref_bump (0, eps, x) * ni / eps);
          ck_assert_int_eq (ns_mollify_eval (h, eps, 2, x, &r), NS_OK);
          assert_contains ("(H*rho)''", &r, ref_bump_d1 (0, eps, x) * ni / eps);
        }
    }
  ns_dist_free (h);
}
END_TEST

START_TEST (test_eval_delta)
{
  /* (delta_a * rho_eps)^(j)(x) = rho_eps^(j)(x - a). */
  ns_dist *d = delta_at (0.3);
  const long double ni = 1 / ref_bump_integral ();
  for (int k = 0; k < 6; k++)
    {
      double x = 0.3 + 0.5 * (-0.95 + 0.37 * k);
      ns_pair_result r;
      ck_assert_int_eq (ns_mollify_eval (d, 0.5, 0, x, &r), NS_OK);
      assert_contains ("delta*rho", &r, ref_bump (0.3L, 0.5L, x) * ni / 0.5L);
      ck_assert_int_eq (ns_mollify_eval (d, 0.5, 1, x, &r), NS_OK);
      assert_contains ("(delta*rho)'", &r, ref_bump_d1 (0.3L, 0.5L, x) * ni / 0.5L);
    }
  ns_dist_free (d);
}
END_TEST

START_TEST (test_eval_polynomial_and_relu)
{
  /* (x^2 * rho_eps)(x) = int (x - s)^2 rho_eps(s) ds = x^2 + eps^2 m2:
     the library's smoothing of a polynomial against our second moment. */
  ns_dist *q = dist_of (ns_fn_pow (ns_fn_x (), 2));
  long double m2 = ref_moment (2);
  static const double xs[] = { 0, 0.7, -2.385 };
  static const double epss[] = { 1, 0.1 };
  for (size_t e = 0; e < 2; e++)
    for (size_t i = 0; i < 3; i++)
      {
        long double eps = epss[e], x = xs[i];
        ns_pair_result r;
        ck_assert_int_eq (ns_mollify_eval (q, epss[e], 0, xs[i], &r), NS_OK);
        assert_contains ("x^2*rho", &r, x * x + eps * eps * m2);
        ck_assert_int_eq (ns_mollify_eval (q, epss[e], 1, xs[i], &r), NS_OK);
        assert_contains ("(x^2*rho)'", &r, 2 * x);
        ck_assert_int_eq (ns_mollify_eval (q, epss[e], 2, xs[i], &r), NS_OK);
        assert_contains ("(x^2*rho)''", &r, 2);
        ck_assert_int_eq (ns_mollify_eval (q, epss[e], 3, xs[i], &r), NS_OK);
        assert_contains ("(x^2*rho)'''", &r, 0);
      }
  ns_dist_free (q);
  /* (relu * rho_eps)(0) = int_{-eps}^0 (-s) rho_eps(s) ds = eps int_0^1 t rho(t) dt,
     and with u = 1 - t^2, int_0^1 t phi_{0,1} = (1/2) int_0^1 e^(-1/u) du
     = (e^-1 - E_1(1)) / 2. */
  ns_dist *r = dist_of (ns_fn_relu (ns_fn_x ()));
  long double m1p = (expl (-1) - ref_e1_of_1 ()) / 2 / ref_bump_integral ();
  ns_pair_result v;
  for (double eps = 1; eps > 1e-6; eps /= 7)
    {
      ck_assert_int_eq (ns_mollify_eval (r, eps, 0, 0, &v), NS_OK);
      assert_contains ("(relu*rho)(0)", &v, eps * m1p);
      /* Away from the kink the smoothing of x is x. */
      ck_assert_int_eq (ns_mollify_eval (r, eps, 0, 3 * eps, &v), NS_OK);
      assert_contains ("(relu*rho)(3 eps)", &v, 3 * (long double) eps);
      /* (relu * rho_eps)' = H * rho_eps: 1/2 at 0. */
      ck_assert_int_eq (ns_mollify_eval (r, eps, 1, 0, &v), NS_OK);
      assert_contains ("(relu*rho)'(0)", &v, 0.5L);
    }
  ns_dist_free (r);
}
END_TEST

/* ------------------------------------------------------------------ pairing: two routes */

typedef struct pair_case {
  const char *name;
  int which;      /* 0 H, 1 delta, 2 delta', 3 relu, 4 |x|, 5 floor */
  double eps, c, r;
} pair_case;

static const pair_case pair_cases[] = {
  { "H, phi_{0.5,1}, eps 0.25", 0, 0.25, 0.5, 1 },
  { "H, phi_{0.5,1}, eps 1e-3", 0, 1e-3, 0.5, 1 },
  { "H, phi_{0,1e-3}, eps 1e-4", 0, 1e-4, 0, 1e-3 },
  { "delta, phi_{0.5,1}, eps 0.125", 1, 0.125, 0.5, 1 },
  { "delta', phi_{0.3,0.5}, eps 0.2", 2, 0.2, 0.3, 0.5 },
  { "relu, phi_{0.3,1}, eps 0.5", 3, 0.5, 0.3, 1 },
  { "|x|, phi_{-0.2,2}, eps 0.3", 4, 0.3, -0.2, 2 },
  { "floor, phi_{0.1,3}, eps 0.4", 5, 0.4, 0.1, 3 },
  { "H, far phi_{1e6,1} (0 outside)", 0, 0.5, 1e6, 1 },
};

static ns_dist *
make_dist (int which)
{
  switch (which)
    {
    case 0: return heaviside ();
    case 1: return delta_at (0);
    case 2:
      {
        ns_dist *d = delta_at (0.1), *dd = NULL;
        ck_assert_int_eq (ns_dist_deriv (d, 1, &dd), NS_OK);
        ns_dist_free (d);
        return dd;
      }
    case 3: return dist_of (ns_fn_relu (ns_fn_x ()));
    case 4: return dist_of (ns_fn_abs (ns_fn_x ()));
    default: return dist_of (ns_fn_floor (ns_fn_x ()));
    }
}

START_TEST (test_two_routes_agree)
{
  const pair_case *pc = &pair_cases[_i];
  ns_dist *t = make_dist (pc->which);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (pc->c, pc->r, &phi), NS_OK);
  ns_pair_result a, b;
  ck_assert_int_eq (ns_mollify_pair (t, pc->eps, phi, &a), NS_OK);
  ck_assert_int_eq (ns_mollify_pair_conv (t, pc->eps, phi, &b), NS_OK);
  ck_assert_msg (fabs (a.val - b.val) <= a.err + b.err,
                 "%s: A %.17g +- %.2g, B %.17g +- %.2g", pc->name, a.val, a.err, b.val, b.err);
  ck_assert (a.neval > 0 && b.neval > 0);
  /* H * rho_eps differs from H only on [-eps, eps], by at most 1, and the
     bump is at most 1/e: |<H * rho_eps - H, phi>| <= 2 eps / e. */
  if (pc->which == 0)
    {
      ns_pair_result p;
      ck_assert_int_eq (ns_dist_pair (t, phi, NULL, &p), NS_OK);
      ck_assert_msg (fabs (a.val - p.val) <= 2 * pc->eps * exp (-1) + a.err + p.err,
                     "%s: %.17g vs %.17g", pc->name, a.val, p.val);
    }
  ns_testfn_free (phi);
  ns_dist_free (t);
}
END_TEST

/* ------------------------------------------------------------------ the eps^2 law */

/* The test function of the rate: the bump centred at 0.5, so that neither
   phi'(0) nor phi''(0) vanishes (for the even phi_{0,1} the H difference
   is exactly 0: see test_even_phi_has_no_rate). */
#define RATE_C 0.5

/* <T * rho_eps - T, phi> for T = delta: (rho_eps * phi)(0) - phi(0)
     = int rho_eps(s) (phi(-s) - phi(0)) ds
     = eps^2 m2 phi''(0)/2 + eps^4 m4 phi''''(0)/24 + R,
   |R| <= eps^6 m6 / 720 max_{|u|<=eps} |phi^(6)(u)|  (Taylor with Lagrange
   remainder; odd terms vanish since rho is even).
   For T = H: <H, rho_eps * phi - phi> = int rho_eps(s) Phi(s) ds with
   Phi(s) = int_0^inf (phi(y - s) - phi(y)) dy = int_{-s}^0 phi, so
     = -eps^2 m2 phi'(0)/2 - eps^4 m4 phi'''(0)/24 + R,
   |R| <= eps^6 m6 / 720 max_{|u|<=eps} |phi^(5)(u)|. */
static void
predicted (int is_h, long double eps, long double *val, long double *rem)
{
  long double d[REF_MAX_D + 1];
  ref_bump_derivs (RATE_C, 0, 6, d);
  long double m2 = ref_moment (2), m4 = ref_moment (4), m6 = ref_moment (6);
  long double e2 = eps * eps, e4 = e2 * e2, e6 = e4 * e2;
  if (is_h)
    {
      *val = -e2 * m2 * d[1] / 2 - e4 * m4 * d[3] / 24;
      *rem = e6 * m6 / 720 * ref_sup (RATE_C, 5, eps);
    }
  else
    {
      *val = e2 * m2 * d[2] / 2 + e4 * m4 * d[4] / 24;
      *rem = e6 * m6 / 720 * ref_sup (RATE_C, 6, eps);
    }
}

START_TEST (test_rate_against_taylor)
{
  int is_h = _i;
  ns_dist *t = is_h ? heaviside () : delta_at (0);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (RATE_C, 1, &phi), NS_OK);
  ns_mollify_rate_report rep;
  ck_assert_int_eq (ns_mollify_rate (t, phi, 0.25, 0.5, 4, &rep), NS_OK);
  ck_assert_uint_eq (rep.n, 4);
  /* <T, phi>: phi(0) for delta; for H int_0^1.5 phi by composite Simpson
     on 200000 intervals, whose error (1.5/180) h^4 max|phi''''| with
     h = 7.5e-6 and max|phi''''| < 1e4 (sampled: 8316) is below 3e-19. */
  if (!is_h)
    {
      long double d[REF_MAX_D + 1];
      ref_bump_derivs (RATE_C, 0, 0, d);
      assert_contains ("<delta, phi>", &rep.exact, d[0]);
    }
  else
    {
      const int m = 200000;
      const long double h = 1.5L / m;
      long double s = ref_bump (RATE_C, 1, 0) + ref_bump (RATE_C, 1, 1.5L);
      for (int i = 1; i < m; i++)
        s += (i % 2 ? 4 : 2) * ref_bump (RATE_C, 1, i * h);
      assert_contains ("<H, phi>", &rep.exact, s * h / 3);
    }
  /* Each difference is its two-term expansion within the remainder bound
     and its own error; then its model's least-squares slope, moved by at
     most sum |w_i| |log change of |diff_i||, contains the measured rate. */
  long double model[NS_MOLLIFY_RATE_MAX], dev[NS_MOLLIFY_RATE_MAX];
  for (size_t i = 0; i < rep.n; i++)
    {
      long double v, rem;
      ck_assert (rep.eps[i] == 0.25 / (1 << i));
      predicted (is_h, rep.eps[i], &v, &rem);
      long double e = fabsl (rep.diff[i].val - v);
      ck_assert_msg (e <= rem + rep.diff[i].err,
                     "%s eps %g: diff %.12g, Taylor %.12Lg, off %.3Lg > %.3Lg + %.3g",
                     is_h ? "H" : "delta", rep.eps[i], rep.diff[i].val, v, e, rem,
                     rep.diff[i].err);
      /* The leading constant: diff / eps^2 -> m2 phi''(0)/2 (delta) or
         -m2 phi'(0)/2 (H), within the eps^4 term and the remainder. */
      model[i] = v;
      dev[i] = -log1pl (-(rem + rep.diff[i].err) / fabsl (v));
    }
  long double xbar = 0, ybar = 0, sxx = 0, slope = 0, bound = 0;
  for (size_t i = 0; i < rep.n; i++)
    xbar += logl (rep.eps[i]) / rep.n, ybar += logl (fabsl (model[i])) / rep.n;
  for (size_t i = 0; i < rep.n; i++)
    sxx += (logl (rep.eps[i]) - xbar) * (logl (rep.eps[i]) - xbar);
  for (size_t i = 0; i < rep.n; i++)
    {
      long double w = (logl (rep.eps[i]) - xbar) / sxx;
      slope += w * (logl (fabsl (model[i])) - ybar);
      bound += fabsl (w) * dev[i];
    }
  ck_assert_msg (fabsl (rep.rate - slope) <= bound + 1e-12L, "rate %.10g, model %.10Lg +- %.3Lg",
                 rep.rate, slope, bound);
  ck_assert (fabs (rep.rate - 2) < 0.05);
  ck_assert (rep.rate_err >= 0 && rep.rate_err < 1e-6);
  /* Successive differences shrink by about factor^2 = 1/4. */
  for (size_t i = 0; i + 1 < rep.n; i++)
    ck_assert (fabs (rep.diff[i].val / rep.diff[i + 1].val - 4) < 0.3);
  ck_assert (rep.neval > 0);
  ns_testfn_free (phi);
  ns_dist_free (t);
}
END_TEST

START_TEST (test_leading_constants)
{
  /* At eps = 1/64 the eps^4 term is below 1e-3 of the leading one. */
  long double d[REF_MAX_D + 1];
  ref_bump_derivs (RATE_C, 0, 2, d);
  long double m2 = ref_moment (2);
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (RATE_C, 1, &phi), NS_OK);
  for (int is_h = 0; is_h < 2; is_h++)
    {
      ns_dist *t = is_h ? heaviside () : delta_at (0);
      ns_pair_result p, a;
      double eps = 1.0 / 64;
      ck_assert_int_eq (ns_dist_pair (t, phi, NULL, &p), NS_OK);
      ck_assert_int_eq (ns_mollify_pair (t, eps, phi, &a), NS_OK);
      long double lead = is_h ? -m2 * d[1] / 2 : m2 * d[2] / 2;
      long double got = ((long double) a.val - p.val) / (eps * eps);
      ck_assert_msg (fabsl (got / lead - 1) < 1e-3L, "%s: %.10Lg vs %.10Lg",
                     is_h ? "H" : "delta", got, lead);
      ns_dist_free (t);
    }
  ns_testfn_free (phi);
}
END_TEST

START_TEST (test_even_phi_has_no_rate)
{
  /* rho_eps * phi_{0,1} is even, so exactly half its integral, which is
     int phi, lies right of 0: <H * rho_eps, phi_{0,1}> = <H, phi_{0,1}>
     for every eps, and no rate exists. */
  ns_dist *h = heaviside ();
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 1, &phi), NS_OK);
  ns_mollify_rate_report rep;
  ck_assert_int_eq (ns_mollify_rate (h, phi, 0.5, 0.5, 3, &rep), NS_UNDEFINED);
  ck_assert (isnan (rep.rate) && isnan (rep.rate_err) && isnan (rep.constant));
  ck_assert_uint_eq (rep.n, 3);
  for (size_t i = 0; i < rep.n; i++)
    ck_assert (fabs (rep.diff[i].val) <= rep.diff[i].err);
  ns_testfn_free (phi);
  ns_dist_free (h);
}
END_TEST

/* ------------------------------------------------------------------ bad input */

typedef struct bad_eval {
  const char *name;
  int null_t, null_out;
  double eps;
  int j;
  double x;
  ns_status want;
} bad_eval;

static const bad_eval bad_evals[] = {
  { "NULL T", 1, 0, 0.5, 0, 0, NS_EINVAL },
  { "NULL out", 0, 1, 0.5, 0, 0, NS_EINVAL },
  { "eps 0", 0, 0, 0, 0, 0, NS_EINVAL },
  { "eps -1", 0, 0, -1, 0, 0, NS_EINVAL },
  { "eps NaN", 0, 0, NAN, 0, 0, NS_EINVAL },
  { "eps inf", 0, 0, INFINITY, 0, 0, NS_EINVAL },
  { "eps subnormal", 0, 0, 1e-310, 0, 0, NS_EINVAL },
  { "j -1", 0, 0, 0.5, -1, 0, NS_EINVAL },
  { "j past the limit", 0, 0, 0.5, NS_DIST_MAX_ORDER + 1, 0, NS_EINVAL },
  { "x NaN", 0, 0, 0.5, 0, NAN, NS_EINVAL },
  { "x -inf", 0, 0, 0.5, 0, -INFINITY, NS_EINVAL },
  { "x + eps == x", 0, 0, 1, 0, 1e300, NS_EINVAL },
};

START_TEST (test_bad_eval)
{
  const bad_eval *b = &bad_evals[_i];
  ns_dist *h = heaviside ();
  ns_pair_result r = { 7, 7, 7 };
  ns_status st = ns_mollify_eval (b->null_t ? NULL : h, b->eps, b->j, b->x,
                                  b->null_out ? NULL : &r);
  ck_assert_msg (st == b->want, "%s: %s", b->name, ns_strerror (st));
  if (!b->null_out)
    ck_assert (isnan (r.val) && isinf (r.err));
  ns_dist_free (h);
}
END_TEST

/* phi_{0.5,1} (DATA) as a user test function of order 0. */
static ns_status
bump_value_only (int n, double x, void *data, ns_result *out)
{
  return ns_testfn_eval (data, n, x, out);
}

START_TEST (test_bad_pair_and_rate)
{
  ns_dist *h = heaviside ();
  ns_testfn *phi = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0.5, 1, &phi), NS_OK);
  ns_pair_result r;
  ns_status (*route[2]) (const ns_dist *, double, const ns_testfn *, ns_pair_result *)
    = { ns_mollify_pair, ns_mollify_pair_conv };
  for (int k = 0; k < 2; k++)
    {
      ck_assert_int_eq (route[k] (NULL, 0.5, phi, &r), NS_EINVAL);
      ck_assert (isnan (r.val) && isinf (r.err));
      ck_assert_int_eq (route[k] (h, 0.5, NULL, &r), NS_EINVAL);
      ck_assert_int_eq (route[k] (h, 0.5, phi, NULL), NS_EINVAL);
      ck_assert_int_eq (route[k] (h, 0, phi, &r), NS_EINVAL);
      ck_assert_int_eq (route[k] (h, -0.5, phi, &r), NS_EINVAL);
      ck_assert_int_eq (route[k] (h, NAN, phi, &r), NS_EINVAL);
      ck_assert_int_eq (route[k] (h, 1e-310, phi, &r), NS_EINVAL);
      /* eps below the rounding of the support's ends (the doubles near
         1e17 are 16 apart: a radius of 1 would round the support to a
         point, which ns_testfn_bump_alloc refuses). */
      ns_testfn *far = NULL;
      ck_assert_int_eq (ns_testfn_bump_alloc (1e17, 1, &far), NS_EINVAL);
      ck_assert_int_eq (ns_testfn_bump_alloc (1e17, 64, &far), NS_OK);
      ck_assert_int_eq (route[k] (h, 1, far, &r), NS_EINVAL);
      ns_testfn_free (far);
    }
  /* A test function with no derivative: route B needs phi' to pair
     delta', route A puts the derivative on the mollifier instead. */
  ns_dist *d = delta_at (0), *dd = NULL;
  ck_assert_int_eq (ns_dist_deriv (d, 1, &dd), NS_OK);
  ns_testfn_user spec = { bump_value_only, phi, -0.5, 1.5, 0 };
  ns_testfn *user = NULL;
  ck_assert_int_eq (ns_testfn_user_alloc (&spec, 0, &user, NULL), NS_OK);
  ck_assert_int_eq (ns_mollify_pair_conv (dd, 0.25, user, &r), NS_EINVAL);
  ns_pair_result a, b;
  ck_assert_int_eq (ns_mollify_pair (dd, 0.25, user, &a), NS_OK);
  ck_assert_int_eq (ns_mollify_pair_conv (dd, 0.25, phi, &b), NS_OK);
  ck_assert (fabs (a.val - b.val) <= a.err + b.err);
  ns_testfn_free (user);
  ns_dist_free (d);
  ns_dist_free (dd);

  /* 1/x is not locally integrable: the pairing's status comes through,
     never a number. */
  ns_dist *lg = dist_of (ns_fn_div (ns_fn_const (1), ns_fn_x ()));
  ck_assert_int_eq (ns_mollify_eval (lg, 0.5, 0, 0.2, &r), NS_UNDEFINED);
  ck_assert (isnan (r.val));
  ck_assert_int_eq (ns_mollify_pair (lg, 0.5, phi, &r), NS_UNDEFINED);
  ns_dist_free (lg);

  /* More breakpoints than the outer split holds. */
  ns_dist *fl = dist_of (ns_fn_floor (ns_fn_x ()));
  ns_testfn *wide = NULL;
  ck_assert_int_eq (ns_testfn_bump_alloc (0, 100, &wide), NS_OK);
  ck_assert_int_eq (ns_mollify_pair (fl, 0.5, wide, &r), NS_ELIMIT);
  ck_assert (isnan (r.val));
  ns_testfn_free (wide);
  ns_dist_free (fl);

  ns_mollify_rate_report rep;
  ck_assert_int_eq (ns_mollify_rate (h, phi, 0.5, 0.5, 4, NULL), NS_EINVAL);
  ck_assert_int_eq (ns_mollify_rate (NULL, phi, 0.5, 0.5, 4, &rep), NS_EINVAL);
  ck_assert (rep.n == 0 && isnan (rep.rate));
  ck_assert_int_eq (ns_mollify_rate (h, NULL, 0.5, 0.5, 4, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_mollify_rate (h, phi, 0.5, 0.5, 1, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_mollify_rate (h, phi, 0.5, 0.5, NS_MOLLIFY_RATE_MAX + 1, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_mollify_rate (h, phi, 0.5, 1, 4, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_mollify_rate (h, phi, 0.5, 0, 4, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_mollify_rate (h, phi, 0.5, 2, 4, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_mollify_rate (h, phi, 0.5, NAN, 4, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_mollify_rate (h, phi, INFINITY, 0.5, 4, &rep), NS_EINVAL);
  ck_assert_int_eq (ns_mollify_rate (h, phi, -0.5, 0.5, 4, &rep), NS_EINVAL);
  /* eps0 factor^3 = 1e-300 * 1e-15 is below DBL_MIN. */
  ck_assert_int_eq (ns_mollify_rate (h, phi, 1e-300, 1e-5, 4, &rep), NS_EINVAL);
  ns_testfn_free (phi);
  ns_dist_free (h);
}
END_TEST

static Suite *
make_suite (void)
{
  Suite *s = suite_create ("mollify");
  TCase *refs = tcase_create ("references");
  tcase_add_test (refs, test_moments);
  suite_add_tcase (s, refs);
  TCase *core = tcase_create ("core");
  /* Nested quadratures under the sanitizers take seconds. */
  tcase_set_timeout (core, 120);
  tcase_add_test (core, test_eval_heaviside);
  tcase_add_test (core, test_eval_delta);
  tcase_add_test (core, test_eval_polynomial_and_relu);
  tcase_add_loop_test (core, test_two_routes_agree, 0, sizeof pair_cases / sizeof *pair_cases);
  suite_add_tcase (s, core);
  TCase *rate = tcase_create ("rate");
  tcase_set_timeout (rate, 120);
  tcase_add_loop_test (rate, test_rate_against_taylor, 0, 2);
  tcase_add_test (rate, test_leading_constants);
  tcase_add_test (rate, test_even_phi_has_no_rate);
  suite_add_tcase (s, rate);
  TCase *limits = tcase_create ("limits");
  tcase_set_timeout (limits, 60);
  tcase_add_loop_test (limits, test_bad_eval, 0, sizeof bad_evals / sizeof *bad_evals);
  tcase_add_test (limits, test_bad_pair_and_rate);
  suite_add_tcase (s, limits);
  return s;
}
