/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* tests/bench/bench-pairing.c: <T, phi> seven ways, side by side: our
   ns_dist_pair with a workspace (one call, nothing kept between calls);
   ns_dist_plan_pair through a plan built once for T on the case's
   support (the sweep's use: one plan, many bumps; the plan's build is
   timed apart and not in this column); the integrand a careful user writes by
   hand in plain C (closed forms of f and of phi^(k), the exact support
   split at the breakpoints) under GSL QAG (GAUSS21, epsrel 1e-13) and
   under a fixed 100-point Gauss-Legendre rule; the same QAG on the
   library's own evaluators; naive QAGS on [-10, 10] and QAGI on the whole
   line; true errors against independent long-double references,
   evaluation counts, median times, heap allocations, and the fixed cost
   of a call.
   Usage: bench-pairing [--format text|json] [--repeats N] [--min-time US]
                        [--clock cpu|wall] */
#define _POSIX_C_SOURCE 200809L
#include <config.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_integration.h>
#include <nonsmooth/nonsmooth.h>
#include "../ref_bump.h"
#include "../ref_quad.h"

/* ------------------------------------------------------------------ counting allocator */

/* glibc's own entry points; defining malloc, calloc and realloc here
   interposes them for the whole process (the library and GSL included),
   so a pairing's heap allocations can be counted.  Checked at start-up:
   if the interposer does not see a malloc, the count is reported as
   unavailable. */
extern void *__libc_malloc (size_t);
extern void *__libc_calloc (size_t, size_t);
extern void *__libc_realloc (void *, size_t);
void *malloc (size_t n);
void *calloc (size_t n, size_t m);
void *realloc (void *p, size_t n);

static size_t alloc_count, alloc_bytes;
/* Heap allocations inside planned pairings (ns_dist_plan_pair with a
   workspace; the plans' builds are not counted). */
static size_t plan_allocs;

void *
malloc (size_t n)
{
  alloc_count++;
  alloc_bytes += n;
  return __libc_malloc (n);
}

void *
calloc (size_t n, size_t m)
{
  alloc_count++;
  alloc_bytes += n * m;
  return __libc_calloc (n, m);
}

void *
realloc (void *p, size_t n)
{
  alloc_count++;
  alloc_bytes += n;
  return __libc_realloc (p, n);
}

/* ------------------------------------------------------------------ independent references */

/* Taylor coefficients b_0..b_N of the unit bump exp(h(t)) at t0, |t0| < 1:
   h(t0 + s) = -1/(1 - t^2) = -(1/2) (1/(1 - t) + 1/(1 + t)), so
   h_j = -(1/2) (1/(1-t0)^(j+1) + (-1)^j/(1+t0)^(j+1)), and b = exp(h) by
   b_0 = e^(h_0), n b_n = sum_{j=1..n} j h_j b_(n-j).  phi^(n)(t0) = n! b_n. */
#define REF_MAXN 16
static long double
ref_bump_deriv (long double c, long double r, int n, long double x)
{
  long double t0 = (x - c) / r;
  if (!(fabsl (t0) < 1))
    return 0;
  if (n < 0 || n > REF_MAXN)
    return NAN;
  long double h[REF_MAXN + 1] = { 0 }, b[REF_MAXN + 1] = { 0 };
  long double pm = 1 / (1 - t0), pp = 1 / (1 + t0), am = pm, ap = pp;
  for (int j = 0; j <= n; j++)
    {
      h[j] = -0.5L * (am + ((j % 2) ? -ap : ap));
      am *= pm;
      ap *= pp;
    }
  b[0] = expl (h[0]);
  for (int k = 1; k <= n; k++)
    {
      long double s = 0;
      for (int j = 1; j <= k; j++)
        s += j * h[j] * b[k - j];
      b[k] = s / k;
    }
  long double fact = 1;
  for (int k = 2; k <= n; k++)
    fact *= k;
  return fact * b[n] / powl (r, n);
}

/* int_a^b exp(-1/(1-t^2)) dt, -1 <= a < b <= 1, by tanh-sinh quadrature in
   long double (step 1/128, |k h| <= 4.5): the integrand and all its
   derivatives vanish at +-1, where the double-exponential rule converges
   fastest.  Checked against ref_bump_integral at start-up. */
static long double
ref_bump_partial (long double a, long double b)
{
  const long double h = 1.0L / 128, half_pi = 1.57079632679489661923132169163975144L;
  long double m = (a + b) / 2, d = (b - a) / 2, s = 0;
  for (int k = -576; k <= 576; k++)
    {
      long double u = k * h, sh = half_pi * sinhl (u), ch = coshl (sh);
      long double x = tanhl (sh);
      long double w = h * half_pi * coshl (u) / (ch * ch);
      long double t = m + d * x;
      if (fabsl (t) < 1)
        s += w * expl (-1 / (1 - t * t));
    }
  return d * s;
}

/* ------------------------------------------------------------------ the cases */

typedef enum fam {
  FAM_RELU,   /* relu^(k) */
  FAM_ABS,    /* |x|^(k) */
  FAM_H,      /* H^(k), H(0) = 1/2 */
  FAM_SIGN,   /* sign^(k) */
  FAM_FLOOR,  /* floor^(k) */
  FAM_SAW,    /* (x - floor x)^(k) */
  FAM_H_OF_RELU   /* only in the plain integrand: relu' = H, for k = 1 */
} fam;

typedef struct bcase {
  char name[64];
  fam family;
  int k;
  double c, r;
} bcase;

static ns_function *
make_fn (fam f)
{
  switch (f)
    {
    case FAM_RELU: return ns_fn_relu (ns_fn_x ());
    case FAM_ABS: return ns_fn_abs (ns_fn_x ());
    case FAM_H: return ns_fn_heaviside (ns_fn_x (), 0.5);
    case FAM_SIGN: return ns_fn_sign (ns_fn_x ());
    case FAM_FLOOR: return ns_fn_floor (ns_fn_x ());
    case FAM_SAW: return ns_fn_sub (ns_fn_x (), ns_fn_floor (ns_fn_x ()));
    case FAM_H_OF_RELU: break;
    }
  return NULL;
}

/* Breakpoints of the family strictly inside (a, b), written by hand (0,
   or the integers), into PTS; returns how many (at most MAXN). */
static size_t
hand_breakpoints (fam f, double a, double b, double *pts, size_t maxn)
{
  size_t n = 0;
  if (f == FAM_FLOOR || f == FAM_SAW)
    {
      for (double k = floor (a) + 1; k < b && n < maxn; k++)
        if (k > a)
          pts[n++] = k;
      return n;
    }
  if (0 > a && 0 < b && maxn > 0)
    pts[n++] = 0;
  return n;
}

/* Sum of phi_{c,r}(j) over the integers j in the open support. */
static long double
ref_integer_sum (long double c, long double r)
{
  long double s = 0;
  for (long double j = floorl (c - r) + 1; j < c + r; j++)
    s += ref_bump_deriv (c, r, 0, j);
  return s;
}

/* The exact value of <D^k T_f, phi_{c,r}> and KAPPA, the condition of the
   exact form: (int |f^(k) phi| + sum |jump terms|) / |value|.
   relu' = H: r int_{-c/r}^1 phi.  relu^(k) = delta^(k-2), |x|^(k) =
   2 delta^(k-2) (k >= 2), H^(k) = delta^(k-1), sign^(k) = 2 delta^(k-1),
   <delta^(m), phi> = (-1)^m phi^(m)(0).  floor' = sum_j delta_j;
   (x - floor x)' = 1 - sum_j delta_j. */
static long double
reference (const bcase *bc, long double *kappa)
{
  long double c = bc->c, r = bc->r, t0 = -c / r;
  int k = bc->k;
  *kappa = 1;
  switch (bc->family)
    {
    case FAM_RELU:
      if (k == 1)
        {
          if (t0 >= 1)
            return 0;
          if (t0 <= -1)
            return r * ref_bump_integral ();
          if (t0 == 0)
            return r * ref_bump_integral () / 2;
          return r * ref_bump_partial (t0, 1);
        }
      return ((k % 2) ? -1 : 1) * ref_bump_deriv (c, r, k - 2, 0);
    case FAM_ABS:
      if (k < 2)
        return NAN;   /* sign: no closed form off centre */
      return 2 * ((k % 2) ? -1 : 1) * ref_bump_deriv (c, r, k - 2, 0);
    case FAM_H:
      return ((k % 2) ? 1 : -1) * ref_bump_deriv (c, r, k - 1, 0);
    case FAM_SIGN:
      return 2 * ((k % 2) ? 1 : -1) * ref_bump_deriv (c, r, k - 1, 0);
    case FAM_FLOOR:
      return ref_integer_sum (c, r);
    case FAM_SAW:
      {
        long double in = r * ref_bump_integral (), s = ref_integer_sum (c, r);
        *kappa = (in + s) / fabsl (in - s);
        return in - s;
      }
    case FAM_H_OF_RELU:
      break;
    }
  return NAN;
}

/* ------------------------------------------------------------------ the hand-written integrands */

/* (-1)^k f(x) phi^(k)(x): the weak form people integrate by hand. */
typedef struct hand_ctx {
  const ns_function *f;
  const ns_testfn *phi;
  int k;
  size_t neval;
} hand_ctx;

static double
hand_integrand (double x, void *params)
{
  hand_ctx *h = params;
  h->neval++;
  ns_result fv, pv;
  if (ns_fn_eval (h->f, x, &fv) != NS_OK || ns_testfn_eval (h->phi, h->k, x, &pv) != NS_OK)
    return 0;
  double v = fv.val * pv.val;
  return (h->k % 2) ? -v : v;
}

/* What a careful user with the closed forms writes in plain C: the
   integral in the scaled variable t = (x - c)/r over [-1, 1] split at the
   breakpoints (in x the rounding of x costs an ulp of c, ruinous beside r
   on a far bump), of r <relu', phi> = r H(x) phi(t) for relu' (a
   function: no derivative moved), else of the weak form
   (-1)^k r f(x) phi^(k)_{c,r}(x), f from its definition and
   phi^(k)_{c,r}(x) = P_k(t) (1 - t^2)^(-2k) exp(-1/(1 - t^2)) r^(-k), with
   P_{n+1} = (1 - t^2)^2 P_n' + (4n t (1 - t^2) - 2t) P_n, P_0 = 1 (the
   integer polynomials, in powers of t, built once in plain_init). */
#define PLAIN_MAXK 8
#define PLAIN_DEG (3 * PLAIN_MAXK)
static double plain_p[PLAIN_MAXK + 1][PLAIN_DEG + 1];

static void
plain_init (void)
{
  memset (plain_p, 0, sizeof plain_p);
  plain_p[0][0] = 1;
  for (int n = 0; n < PLAIN_MAXK; n++)
    {
      const double *p = plain_p[n];
      double *q = plain_p[n + 1];
      for (int j = 0; j <= PLAIN_DEG; j++)
        {
          /* (1 - 2t^2 + t^4) P', P' = sum j p_j t^(j-1). */
          double d0 = j + 1 <= PLAIN_DEG ? (j + 1) * p[j + 1] : 0;
          double d2 = j - 1 >= 0 ? (j - 1) * p[j - 1] : 0;
          double d4 = j - 3 >= 0 ? (j - 3) * p[j - 3] : 0;
          /* ((4n - 2) t - 4n t^3) P. */
          double m1 = j - 1 >= 0 ? (4.0 * n - 2) * p[j - 1] : 0;
          double m3 = j - 3 >= 0 ? -4.0 * n * p[j - 3] : 0;
          q[j] = d0 - 2 * d2 + d4 + m1 + m3;
        }
    }
}

typedef struct plain_ctx {
  fam family;
  int k;               /* the order of phi's derivative: 0 for relu' */
  double c, r, rk;     /* rk = r^(1-k), the factor dx/dt = r included */
  size_t neval;
} plain_ctx;

static double
plain_f (fam family, double x)
{
  switch (family)
    {
    case FAM_RELU: return x > 0 ? x : 0;
    case FAM_H_OF_RELU: return x > 0 ? 1 : 0;
    case FAM_ABS: return fabs (x);
    case FAM_H: return x > 0 ? 1 : x < 0 ? 0 : 0.5;
    case FAM_SIGN: return x > 0 ? 1 : x < 0 ? -1 : 0;
    case FAM_FLOOR: return floor (x);
    case FAM_SAW: return x - floor (x);
    }
  return NAN;
}

static double
plain_integrand (double t, void *params)
{
  plain_ctx *h = params;
  h->neval++;
  double x = h->c + h->r * t, s = 1 - t * t;
  if (!(s > 0))
    return 0;
  double q = 1 / s, p = 0, qk = 1;
  for (int j = 3 * h->k; j >= 0; j--)
    p = p * t + plain_p[h->k][j];
  for (int j = 0; j < h->k; j++)
    qk *= q * q;
  double v = plain_f (h->family, x) * p * qk * exp (-q) * h->rk;
  return (h->k % 2) ? -v : v;
}

typedef struct outcome {
  double val, est;
  size_t neval;
  int status;          /* ns_status for ours, GSL's code for the others */
  double time_us;      /* median time per call */
  double relerr;       /* |val - ref| / |ref| */
} outcome;

/* M_HAND and M_GL100 integrate the plain integrand; M_QAG, M_QAGS and
   M_QAGI the library's evaluators (hand_integrand); M_PLAN is ours
   through a plan. */
enum { M_OURS, M_HAND, M_GL100, M_QAG, M_QAGS, M_QAGI, M_PLAN, NMETHODS };
static const char *const method_name[NMETHODS] = {
  "ours", "hand_qag", "hand_gl100", "lib_qag", "qags_naive", "qagi_naive", "ours_plan"
};

#define GSL_LIMIT 1000
#define MAX_PTS 4096

typedef struct bench_ctx {
  const ns_dist *t;
  const ns_dist_plan *plan;   /* T on the support, or NULL */
  const ns_testfn *phi;
  ns_pair_workspace *w;
  gsl_integration_workspace *gw;
  hand_ctx hand;
  plain_ctx plain;
  gsl_integration_glfixed_table *gl;
  fam family;
  int sing;               /* the singular group's kind, or -1 */
  double a, b;            /* support */
  double pts[MAX_PTS + 2];
} bench_ctx;

/* The singular group: p.v. 1/x, log|x|, |x|^(-1/2), log|x|'' and
   x delta' (see sing_names). */
enum { S_PV, S_LOG, S_RSQRT, S_LOG2, S_XDELTA1, NSING };

static double
by_hand_point (bench_ctx *b)
{
  /* <x delta', phi> = -(x phi)'(0) = -phi(0), by hand. */
  ns_result p;
  b->hand.neval++;
  return ns_testfn_eval (b->phi, 0, 0.0, &p) == NS_OK ? -p.val : (double) NAN;
}

/* What a careful user writes for the singular group: GSL's routine for
   the singularity on the exact support, split at 0 (QAWC for the
   principal value, QAGS on each side for the integrable ones, applied to
   log|x| phi'' for log|x|''), epsrel 1e-13. */
static int
hand_singular (bench_ctx *b, gsl_function *F, double *val, double *err)
{
  *val = 0;
  *err = 0;
  if (b->sing == S_XDELTA1)
    {
      *val = by_hand_point (b);
      return GSL_SUCCESS;
    }
  if (b->sing == S_PV)
    return gsl_integration_qawc (F, b->a, b->b, 0.0, 0.0, 1e-13, GSL_LIMIT,
                                 b->gw, val, err);
  int worst = GSL_SUCCESS;
  double ends[3] = { b->a, 0.0, b->b };
  for (int i = 0; i < 2; i++)
    {
      double v, e;
      int s = gsl_integration_qags (F, ends[i], ends[i + 1], 0.0, 1e-13,
                                    GSL_LIMIT, b->gw, &v, &e);
      if (s != GSL_SUCCESS && s != GSL_EROUND)
        worst = s;
      *val += v;
      *err += e;
    }
  return worst;
}

/* One call of method M; fills O's value, estimate, count and status. */
static void
run_method (bench_ctx *b, int m, outcome *o)
{
  gsl_function F = { hand_integrand, &b->hand };
  double val = 0, err = 0;
  int st = 0;
  b->hand.neval = 0;
  switch (m)
    {
    case M_OURS:
    case M_PLAN:
      {
        ns_pair_result pr;
        if (m == M_PLAN && !b->plan)
          {
            o->val = o->est = NAN;
            o->neval = 0;
            o->status = NS_EINVAL;
            return;
          }
        st = m == M_PLAN ? ns_dist_plan_pair (b->plan, b->phi, b->w, &pr)
                         : ns_dist_pair (b->t, b->phi, b->w, &pr);
        o->val = pr.val;
        o->est = pr.err;
        o->neval = pr.neval;
        o->status = st;
        return;
      }
    case M_QAG:
      if (b->sing >= 0)
        {
          st = hand_singular (b, &F, &val, &err);
          break;
        }
      {
        /* The careful approach: the exact support, split at the hand-known
           breakpoints, QAG GAUSS21 with epsrel 1e-13 on each piece. */
        size_t n = hand_breakpoints (b->family, b->a, b->b, b->pts + 1, MAX_PTS);
        b->pts[0] = b->a;
        b->pts[n + 1] = b->b;
        int worst = GSL_SUCCESS;
        for (size_t i = 0; i <= n; i++)
          {
            double v, e;
            int s = gsl_integration_qag (&F, b->pts[i], b->pts[i + 1], 0.0, 1e-13,
                                         GSL_LIMIT, GSL_INTEG_GAUSS21, b->gw, &v, &e);
            /* The rounding limit on a piece whose integral is near 0 is
               not a failure of the careful user's code. */
            if (s != GSL_SUCCESS && s != GSL_EROUND)
              worst = s;
            val += v;
            err += e;
          }
        st = worst;
        break;
      }
    case M_HAND:
    case M_GL100:
      if (b->sing >= 0)
        {
          val = err = NAN;
          st = GSL_EUNIMPL;
          break;
        }
      {
        /* The plain integrand on [-1, 1] in t, split by hand. */
        gsl_function P = { plain_integrand, &b->plain };
        size_t n = hand_breakpoints (b->family, b->a, b->b, b->pts + 1, MAX_PTS);
        for (size_t i = 1; i <= n; i++)
          b->pts[i] = (b->pts[i] - b->plain.c) / b->plain.r;
        b->pts[0] = -1;
        b->pts[n + 1] = 1;
        int worst = GSL_SUCCESS;
        b->plain.neval = 0;
        for (size_t i = 0; i <= n; i++)
          {
            double v, e = NAN;
            int s = GSL_SUCCESS;
            if (m == M_HAND)
              s = gsl_integration_qag (&P, b->pts[i], b->pts[i + 1], 0.0, 1e-13,
                                       GSL_LIMIT, GSL_INTEG_GAUSS21, b->gw, &v, &e);
            else
              v = gsl_integration_glfixed (&P, b->pts[i], b->pts[i + 1], b->gl);
            if (s != GSL_SUCCESS && s != GSL_EROUND)
              worst = s;
            val += v;
            err += e;   /* NaN for the fixed rule: it gives no estimate */
          }
        o->val = val;
        o->est = err;
        o->neval = b->plain.neval;
        o->status = worst;
        return;
      }
    case M_QAGS:
      if (b->sing >= 0)
        {
          val = err = NAN;
          st = GSL_EUNIMPL;
          break;
        }
      st = gsl_integration_qags (&F, -10.0, 10.0, 0.0, 1e-10, GSL_LIMIT, b->gw, &val, &err);
      break;
    case M_QAGI:
      if (b->sing >= 0)
        {
          val = err = NAN;
          st = GSL_EUNIMPL;
          break;
        }
      st = gsl_integration_qagi (&F, 0.0, 1e-10, GSL_LIMIT, b->gw, &val, &err);
      break;
    }
  o->val = val;
  o->est = err;
  o->neval = b->hand.neval;
  o->status = st;
}

/* The clock of every timing: the calling thread's CPU time by default.
   On a shared machine the wall clock (CLOCK_MONOTONIC, --clock wall) also
   counts the time the thread waits for a core, which at a load average
   of 8 on 2 cores is most of a 2 ms sample: the medians then measure the
   other work and the ratios wander; CPU time charges each method only
   for its own instructions (and the cache misses others cause). */
static clockid_t opt_clock = CLOCK_THREAD_CPUTIME_ID;

static double
now_us (void)
{
  struct timespec ts;
  clock_gettime (opt_clock, &ts);
  return (double) ts.tv_sec * 1e6 + (double) ts.tv_nsec * 1e-3;
}

static int
cmp_double (const void *x, const void *y)
{
  double a = *(const double *) x, b = *(const double *) y;
  return (a > b) - (a < b);
}

static int opt_repeats = 11;
static double opt_min_time = 2000;   /* microseconds per timing sample */

/* Median over OPT_REPEATS samples of the time per call; each sample loops
   enough calls to last OPT_MIN_TIME microseconds. */
static double
time_method (bench_ctx *b, int m)
{
  outcome o;
  size_t loops = 1;
  for (;;)
    {
      double t0 = now_us ();
      for (size_t i = 0; i < loops; i++)
        run_method (b, m, &o);
      double dt = now_us () - t0;
      if (dt >= opt_min_time || loops >= (1u << 20))
        break;
      loops *= dt > 0 ? (size_t) fmin (2 * opt_min_time / dt + 1, 64) : 64;
    }
  double s[64];
  int n = opt_repeats > 64 ? 64 : opt_repeats;
  for (int j = 0; j < n; j++)
    {
      double t0 = now_us ();
      for (size_t i = 0; i < loops; i++)
        run_method (b, m, &o);
      s[j] = (now_us () - t0) / (double) loops;
    }
  qsort (s, (size_t) n, sizeof *s, cmp_double);
  return s[n / 2];
}

static gsl_integration_glfixed_table *gl_table;

/* Runs every method on one case.  FIXED_US (if not NULL): on a case of a
   single smooth piece, the fixed cost of our call ([0]: ns_dist_pair,
   [1]: through the plan), its time less its evaluations at the cost of a
   node of the hand-written integrand (hand_gl100's time per evaluation:
   what the node itself costs at the evaluation floor); NaN otherwise. */
static int
bench_case (const bcase *bc, ns_pair_workspace *w, gsl_integration_workspace *gw,
            int timed, outcome o[NMETHODS], long double *ref, long double *kappa,
            size_t *pieces, size_t *allocs, double *fixed_us)
{
  ns_function *f = make_fn (bc->family);
  ns_dist *t0 = NULL, *t = NULL;
  ns_testfn *phi = NULL;
  if (!f || ns_dist_regular (f, &t0) != NS_OK || ns_dist_deriv (t0, bc->k, &t) != NS_OK
      || ns_testfn_bump_alloc (bc->c, bc->r, &phi) != NS_OK)
    {
      fprintf (stderr, "bench-pairing: cannot build case %s\n", bc->name);
      ns_fn_free (f);
      ns_dist_free (t0);
      ns_dist_free (t);
      return 1;
    }
  static bench_ctx b;
  b.t = t;
  b.phi = phi;
  b.w = w;
  b.gw = gw;
  b.hand = (hand_ctx) { f, phi, bc->k, 0 };
  ns_testfn_support (phi, &b.a, &b.b);
  ns_dist_plan *plan = NULL;
  if (ns_dist_plan_create (t, b.a, b.b, ns_pair_workspace_size (w), &plan) != NS_OK)
    plan = NULL;
  b.plan = plan;
  if (bc->family == FAM_RELU && bc->k == 1)
    b.plain = (plain_ctx) { FAM_H_OF_RELU, 0, bc->c, bc->r, bc->r, 0 };
  else
    b.plain = (plain_ctx) { bc->family, bc->k, bc->c, bc->r, pow (bc->r, 1 - bc->k), 0 };
  b.gl = gl_table;
  b.family = bc->family;
  b.sing = -1;
  ns_testfn_support (phi, &b.a, &b.b);
  *ref = reference (bc, kappa);
  *pieces = hand_breakpoints (bc->family, b.a, b.b, b.pts, MAX_PTS) + 1;

  gsl_error_handler_t *old = gsl_set_error_handler_off ();
  for (int m = 0; m < NMETHODS; m++)
    {
      size_t before = alloc_count;
      run_method (&b, m, &o[m]);
      if (m == M_OURS)
        *allocs = alloc_count - before;
      if (m == M_PLAN)
        plan_allocs += alloc_count - before;
      long double e = fabsl ((long double) o[m].val - *ref);
      o[m].relerr = (double) (*ref != 0 ? e / fabsl (*ref) : e);
      o[m].time_us = timed ? time_method (&b, m) : (double) NAN;
    }
  gsl_set_error_handler (old);
  if (fixed_us)
    {
      double node = o[M_GL100].time_us / (double) o[M_GL100].neval;
      int one = timed && *pieces == 1 && o[M_GL100].neval > 0;
      fixed_us[0] = one ? o[M_OURS].time_us - (double) o[M_OURS].neval * node : (double) NAN;
      fixed_us[1] = one ? o[M_PLAN].time_us - (double) o[M_PLAN].neval * node : (double) NAN;
    }
  ns_dist_plan_free (plan);
  ns_testfn_free (phi);
  ns_dist_free (t);
  ns_dist_free (t0);
  ns_fn_free (f);
  return 0;
}

/* ------------------------------------------------------------------ the singular group */

static const char *const sing_names[NSING] = {
  "pv 1/x phi_{0.3,1}", "log|x| phi_{0,1}", "|x|^(-1/2) phi_{0,1}",
  "log|x|'' phi_{0,1}", "x delta' phi_{0.3,1}"
};
static const double sing_c[NSING] = { 0.3, 0, 0, 0, 0.3 };

/* Integrands of the references on pieces of (0, L) (ref_quad gives x = da
   near 0, without cancellation); phi_{c,1}. */
typedef struct sref {
  int kind;
  long double c;
} sref;

static long double
sref_integrand (long double x, long double da, long double db, const void *p)
{
  const sref *s = p;
  (void) da;
  (void) db;
  switch (s->kind)
    {
    case S_PV:    /* (phi(x) - phi(-x)) / x */
      return (ref_bump (s->c, 1, x) - ref_bump (s->c, 1, -x)) / x;
    case S_LOG:   /* 2 log(x) phi(x), phi even */
      return 2 * logl (x) * ref_bump (0, 1, x);
    case S_RSQRT:
      return 2 * ref_bump (0, 1, x) / sqrtl (x);
    case S_LOG2:  /* 2 log(x) phi''(x), phi'' even */
      return 2 * logl (x) * ref_bump_deriv (0, 1, 2, x);
    }
  return NAN;
}

/* The reference: ref_quad over (0, |c| + 1), split where phi(-x) or
   phi(x) ends (1 - |c|: smooth there but not analytic), or -phi(0) for
   x delta'. */
static long double
sing_reference (int kind)
{
  sref s = { kind, sing_c[kind] };
  if (kind == S_XDELTA1)
    return -ref_bump (s.c, 1, 0);
  long double mid = 1 - fabsl (s.c), end = 1 + fabsl (s.c);
  if (mid < end)
    return ref_quad (sref_integrand, &s, 0, mid)
           + ref_quad (sref_integrand, &s, mid, end);
  return ref_quad (sref_integrand, &s, 0, end);
}

static ns_dist *
sing_dist (int kind, ns_function **hand_f)
{
  ns_dist *t = NULL, *u = NULL;
  ns_function *f = NULL;
  *hand_f = NULL;
  switch (kind)
    {
    case S_PV:
      ns_dist_pv (0, &t);
      *hand_f = ns_fn_const (1);
      return t;
    case S_LOG:
    case S_LOG2:
      f = ns_fn_log (ns_fn_abs (ns_fn_x ()));
      break;
    case S_RSQRT:
      f = ns_fn_div (ns_fn_const (1), ns_fn_sqrt (ns_fn_abs (ns_fn_x ())));
      break;
    case S_XDELTA1:
      {
        ns_function *x = ns_fn_x ();
        if (ns_dist_delta (0, &u) == NS_OK && ns_dist_deriv (u, 1, &t) == NS_OK)
          {
            ns_dist_free (u);
            u = t;
            t = NULL;
            ns_dist_mul (x, u, &t);
          }
        ns_dist_free (u);
        ns_fn_free (x);
        *hand_f = ns_fn_const (1);
        return t;
      }
    }
  if (f && ns_dist_regular (f, &u) == NS_OK)
    ns_dist_deriv (u, kind == S_LOG2 ? 2 : 0, &t);
  ns_dist_free (u);
  *hand_f = f;
  return t;
}

/* Ours and the hand-written GSL routine on one singular case. */
static int
bench_singular (int kind, ns_pair_workspace *w, gsl_integration_workspace *gw,
                outcome o[NMETHODS], long double *ref, size_t *allocs)
{
  ns_function *hf;
  ns_dist *t = sing_dist (kind, &hf);
  ns_testfn *phi = NULL;
  if (!t || !hf || ns_testfn_bump_alloc (sing_c[kind], 1, &phi) != NS_OK)
    {
      fprintf (stderr, "bench-pairing: cannot build case %s\n", sing_names[kind]);
      ns_dist_free (t);
      ns_fn_free (hf);
      return 1;
    }
  static bench_ctx b;
  b.t = t;
  b.phi = phi;
  b.w = w;
  b.gw = gw;
  b.hand = (hand_ctx) { hf, phi, kind == S_LOG2 ? 2 : 0, 0 };
  b.plan = NULL;
  b.sing = kind;
  ns_testfn_support (phi, &b.a, &b.b);
  *ref = sing_reference (kind);
  gsl_error_handler_t *old = gsl_set_error_handler_off ();
  for (int m = 0; m < NMETHODS; m++)
    {
      size_t before = alloc_count;
      run_method (&b, m, &o[m]);
      if (m == M_OURS)
        *allocs = alloc_count - before;
      long double e = fabsl ((long double) o[m].val - *ref);
      o[m].relerr = (double) (e / fabsl (*ref));
      o[m].time_us = m == M_OURS || m == M_QAG ? time_method (&b, m) : (double) NAN;
    }
  gsl_set_error_handler (old);
  ns_testfn_free (phi);
  ns_dist_free (t);
  ns_fn_free (hf);
  return 0;
}

/* ------------------------------------------------------------------ output */

static int
status_ok (int m, int st)
{
  return m == M_OURS || m == M_PLAN ? st == NS_OK : st == GSL_SUCCESS;
}

static const char *
status_text (int m, int st)
{
  return m == M_OURS || m == M_PLAN ? ns_strerror ((ns_status) st) : gsl_strerror (st);
}

static void
json_string (const char *s)
{
  putchar ('"');
  for (; *s; s++)
    {
      if (*s == '"' || *s == '\\')
        putchar ('\\');
      putchar (*s);
    }
  putchar ('"');
}

static void
json_num (double v)
{
  if (isfinite (v))
    printf ("%.17g", v);
  else
    printf ("null");
}

static double
median (double *v, size_t n)
{
  qsort (v, n, sizeof *v, cmp_double);
  return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

#define NCASES_MAX 64

/* The sweep of the tutorial: relu' on SWEEP_N bumps phi_{c,1}, the kink
   everywhere in the support (c in (-0.9, 0.9)).  Median over OPT_REPEATS
   samples of the time per pairing in microseconds: [0] ns_dist_pair per
   bump, [1] one ns_dist_pair_many call (the plan's build included), [2]
   the hand-written integrand under QAG, split at the kink. */
#define SWEEP_N 64
static void
sweep (ns_pair_workspace *w, gsl_integration_workspace *gw, double us[3])
{
  ns_function *f = ns_fn_relu (ns_fn_x ());
  ns_dist *t0 = NULL, *t = NULL;
  ns_testfn *phi[SWEEP_N] = { NULL };
  int ok = f && ns_dist_regular (f, &t0) == NS_OK && ns_dist_deriv (t0, 1, &t) == NS_OK;
  for (int i = 0; ok && i < SWEEP_N; i++)
    ok = ns_testfn_bump_alloc (-0.9 + 1.8 * (i + 0.5) / SWEEP_N, 1, &phi[i]) == NS_OK;
  us[0] = us[1] = us[2] = NAN;
  static ns_pair_result res[SWEEP_N];
  gsl_error_handler_t *old = gsl_set_error_handler_off ();
  for (int m = 0; ok && m < 3; m++)
    {
      double s[64];
      int n = opt_repeats > 64 ? 64 : opt_repeats;
      for (int j = 0; j < n; j++)
        {
          double t1 = now_us ();
          if (m == 1)
            ns_dist_pair_many (t, (const ns_testfn *const *) phi, SWEEP_N, w, res, NULL);
          else
            for (int i = 0; i < SWEEP_N; i++)
              {
                if (m == 0)
                  ns_dist_pair (t, phi[i], w, &res[i]);
                else
                  {
                    plain_ctx pc = { FAM_H_OF_RELU, 0, -0.9 + 1.8 * (i + 0.5) / SWEEP_N, 1, 1, 0 };
                    gsl_function P = { plain_integrand, &pc };
                    double kink = -pc.c, v1, v2, e1, e2;
                    gsl_integration_qag (&P, -1, kink, 0.0, 1e-13, GSL_LIMIT,
                                         GSL_INTEG_GAUSS21, gw, &v1, &e1);
                    gsl_integration_qag (&P, kink, 1, 0.0, 1e-13, GSL_LIMIT,
                                         GSL_INTEG_GAUSS21, gw, &v2, &e2);
                    res[i].val = v1 + v2;
                  }
              }
          s[j] = (now_us () - t1) / SWEEP_N;
        }
      qsort (s, (size_t) n, sizeof *s, cmp_double);
      us[m] = s[n / 2];
    }
  gsl_set_error_handler (old);
  for (int i = 0; i < SWEEP_N; i++)
    ns_testfn_free (phi[i]);
  ns_dist_free (t);
  ns_dist_free (t0);
  ns_fn_free (f);
}

int
main (int argc, char **argv)
{
  int json = 0;
  for (int i = 1; i < argc; i++)
    {
      if (!strcmp (argv[i], "--format") && i + 1 < argc)
        json = !strcmp (argv[++i], "json");
      else if (!strcmp (argv[i], "--repeats") && i + 1 < argc)
        opt_repeats = atoi (argv[++i]);
      else if (!strcmp (argv[i], "--min-time") && i + 1 < argc)
        opt_min_time = atof (argv[++i]);
      else if (!strcmp (argv[i], "--clock") && i + 1 < argc
               && (!strcmp (argv[i + 1], "cpu") || !strcmp (argv[i + 1], "wall")))
        opt_clock = !strcmp (argv[++i], "wall") ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID;
      else
        {
          fprintf (stderr, "usage: bench-pairing [--format text|json] [--repeats N] "
                   "[--min-time US] [--clock cpu|wall]\n");
          return 2;
        }
    }
  if (opt_repeats < 1)
    opt_repeats = 1;

  /* Self-checks of the references and of the interposer. */
  long double I = ref_bump_integral ();
  if (fabsl (ref_bump_partial (-1, 1) - I) > 1e-17L
      || fabsl (ref_bump_partial (0, 1) - I / 2) > 1e-17L
      || fabsl (ref_bump_deriv (0, 1, 4, 0) - -12 * expl (-1)) > 1e-17L
      || fabsl (ref_bump_deriv (0.3L, 1, 1, 0) - ref_bump_d1 (0.3L, 1, 0)) > 1e-17L)
    {
      fprintf (stderr, "bench-pairing: reference self-check failed\n");
      return 1;
    }
  size_t before = alloc_count;
  void *(*volatile mf) (size_t) = malloc;
  free (mf (16));
  int counting = alloc_count > before;

  bcase cases[NCASES_MAX];
  size_t nc = 0;
#define ADD(nm, fa, kk, cc, rr) \
  do { bcase *p = &cases[nc++]; snprintf (p->name, sizeof p->name, "%s", nm); \
       p->family = fa; p->k = kk; p->c = cc; p->r = rr; } while (0)
  ADD ("relu' phi_{0,1}", FAM_RELU, 1, 0, 1);
  ADD ("relu' phi_{0.3,1}", FAM_RELU, 1, 0.3, 1);
  ADD ("relu' phi_{-0.7,1}", FAM_RELU, 1, -0.7, 1);
  ADD ("relu' phi_{0,1e-3}", FAM_RELU, 1, 0, 1e-3);
  ADD ("relu' phi_{0,1e-8}", FAM_RELU, 1, 0, 1e-8);
  ADD ("relu' phi_{0,1e8}", FAM_RELU, 1, 0, 1e8);
  ADD ("relu' phi_{1e6,1}", FAM_RELU, 1, 1e6, 1);
  ADD ("relu' phi_{1e6,1e-8}", FAM_RELU, 1, 1e6, 1e-8);
  ADD ("relu' phi_{1e6,1e-3}", FAM_RELU, 1, 1e6, 1e-3);
  ADD ("relu' phi_{1e8,1}", FAM_RELU, 1, 1e8, 1);
  ADD ("relu' phi_{1e8,1e-3}", FAM_RELU, 1, 1e8, 1e-3);
  ADD ("relu' phi_{3,1}", FAM_RELU, 1, 3, 1);
  ADD ("H' phi_{0,1}", FAM_H, 1, 0, 1);
  ADD ("H' phi_{0.3,1}", FAM_H, 1, 0.3, 1);
  ADD ("sign' phi_{0,1}", FAM_SIGN, 1, 0, 1);
  ADD ("|x|'' phi_{0,1}", FAM_ABS, 2, 0, 1);
  ADD ("|x|'' phi_{0.3,1}", FAM_ABS, 2, 0.3, 1);
  ADD ("|x|'' phi_{0,1e-3}", FAM_ABS, 2, 0, 1e-3);
  ADD ("floor' phi_{0,3.5}", FAM_FLOOR, 1, 0, 3.5);
  ADD ("floor' phi_{0.25,20}", FAM_FLOOR, 1, 0.25, 20);
  ADD ("floor' phi_{0.5,100}", FAM_FLOOR, 1, 0.5, 100);
  ADD ("(x-floor x)' phi_{0,3.5}", FAM_SAW, 1, 0, 3.5);
  /* The sweep: relu' on phi_{s r, r}, the kink at t = -s. */
  {
    static const double ss[] = { -0.5, 0.25, 0.75 };
    static const double rs[] = { 1e-4, 1, 1e4 };
    for (size_t i = 0; i < 3; i++)
      for (size_t j = 0; j < 3; j++)
        {
          char nm[64];
          snprintf (nm, sizeof nm, "relu' phi_{%g,%g}", ss[i] * rs[j], rs[j]);
          ADD (nm, FAM_RELU, 1, ss[i] * rs[j], rs[j]);
        }
  }

  plain_init ();
  gl_table = gsl_integration_glfixed_table_alloc (100);
  if (!gl_table)
    {
      fprintf (stderr, "bench-pairing: out of memory\n");
      return 1;
    }
  ns_pair_workspace *w = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
  size_t ws_allocs = alloc_count, ws_bytes = alloc_bytes;
  ns_pair_workspace *wbig = ns_pair_workspace_alloc (MAX_PTS);
  ws_allocs = alloc_count - ws_allocs;
  gsl_integration_workspace *gw = gsl_integration_workspace_alloc (GSL_LIMIT);
  ws_bytes = alloc_bytes - ws_bytes;   /* both workspaces and GSL's */
  if (!w || !wbig || !gw)
    {
      fprintf (stderr, "bench-pairing: out of memory\n");
      return 1;
    }
  (void) ws_bytes;
  /* Bytes of the default workspace alone. */
  size_t b0 = alloc_bytes;
  ns_pair_workspace *wtmp = ns_pair_workspace_alloc (NS_PAIR_DEFAULT_SIZE);
  size_t w_bytes = alloc_bytes - b0;
  ns_pair_workspace_free (wtmp);

  static outcome res[NCASES_MAX][NMETHODS];
  static long double refs[NCASES_MAX], kap[NCASES_MAX];
  static size_t pieces[NCASES_MAX], allocs[NCASES_MAX];
  static double fixed[NCASES_MAX][2];
  for (size_t i = 0; i < nc; i++)
    if (bench_case (&cases[i], w, gw, 1, res[i], &refs[i], &kap[i], &pieces[i], &allocs[i],
                    fixed[i]))
      return 1;

  /* Growth: floor' on phi_{0.5, R} (2R breakpoints), and relu^(k),
     |x|^(k) for k = 1..8 on phi_{0.3,1} (k = 1 on phi_{0,1} for relu). */
  static const double grow_r[] = { 1, 10, 100, 1000 };
  enum { NGR = 4, NGK = 8 };
  static outcome gfl[NGR][NMETHODS], grelu[NGK][NMETHODS], gabs[NGK][NMETHODS];
  static long double gref, gkap;
  static size_t gpf[NGR], gpr[NGK], gpa[NGK], galloc;
  size_t grow_allocs = 0, grow_pairings = 0;
  for (int i = 0; i < NGR; i++)
    {
      bcase bc = { "", FAM_FLOOR, 1, 0.5, grow_r[i] };
      snprintf (bc.name, sizeof bc.name, "floor' phi_{0.5,%g}", grow_r[i]);
      if (bench_case (&bc, wbig, gw, 1, gfl[i], &gref, &gkap, &gpf[i], &galloc, NULL))
        return 1;
      grow_allocs += galloc;
      grow_pairings++;
    }
  for (int k = 1; k <= NGK; k++)
    {
      bcase br = { "", FAM_RELU, k, k == 1 ? 0 : 0.3, 1 };
      bcase ba = { "", FAM_ABS, k, 0.3, 1 };
      snprintf (br.name, sizeof br.name, "relu^(%d)", k);
      snprintf (ba.name, sizeof ba.name, "|x|^(%d)", k);
      if (bench_case (&br, w, gw, 1, grelu[k - 1], &gref, &gkap, &gpr[k - 1], &galloc, NULL))
        return 1;
      grow_allocs += galloc;
      /* |x|' = sign has no closed form on phi_{0.3,1}: times and counts only. */
      if (bench_case (&ba, w, gw, 1, gabs[k - 1], &gref, &gkap, &gpa[k - 1], &galloc, NULL))
        return 1;
      grow_allocs += galloc;
      grow_pairings += 2;
    }

  /* The weak route (ns_dist_pair_weak, -<relu, phi'>) on far bumps:
     accuracy and estimate only, untimed. */
  static const double far_c[] = { 1e6, 1e8 }, far_r[] = { 1, 1e-3 };
  static ns_pair_result far_res[4];
  static double far_err[4];
  size_t far_est_misses = 0, far_allocs = 0;
  for (int i = 0; i < 4; i++)
    {
      ns_function *f = ns_fn_relu (ns_fn_x ());
      ns_dist *t0 = NULL, *t1 = NULL;
      ns_testfn *phi = NULL;
      ns_dist_regular (f, &t0);
      ns_fn_free (f);
      if (!t0 || ns_dist_deriv (t0, 1, &t1) != NS_OK
          || ns_testfn_bump_alloc (far_c[i / 2], far_r[i % 2], &phi) != NS_OK)
        far_res[i].val = NAN;
      else
        {
          size_t a0 = alloc_count;
          if (ns_dist_pair_weak (t1, phi, w, &far_res[i]) != NS_OK)
            far_res[i].val = NAN;
          far_allocs += alloc_count - a0;
        }
      long double ref = far_r[i % 2] * ref_bump_integral ();
      far_err[i] = (double) (fabsl ((long double) far_res[i].val - ref) / ref);
      if (!(fabsl ((long double) far_res[i].val - ref) <= far_res[i].err))
        far_est_misses++;
      ns_testfn_free (phi);
      ns_dist_free (t1);
      ns_dist_free (t0);
    }

  /* The singular group, reported apart from the summary's smooth cases
     (except for its allocations, which the summary counts with all). */
  static outcome sres[NSING][NMETHODS];
  static long double srefs[NSING];
  static size_t sallocs[NSING];
  size_t s_misses = 0, s_est_misses = 0, s_allocs = 0;
  double s_ratios[NSING];
  for (int i = 0; i < NSING; i++)
    {
      if (bench_singular (i, w, gw, sres[i], &srefs[i], &sallocs[i]))
        return 1;
      if (!(sres[i][M_OURS].relerr <= 1e-12) || !status_ok (M_OURS, sres[i][M_OURS].status))
        s_misses++;
      if (!(fabsl ((long double) sres[i][M_OURS].val - srefs[i]) <= sres[i][M_OURS].est))
        s_est_misses++;
      s_allocs += sallocs[i];
      s_ratios[i] = sres[i][M_OURS].time_us / sres[i][M_QAG].time_us;
    }
  double s_med_ratio = median (s_ratios, NSING);
  double sweep_us[3];
  sweep (w, gw, sweep_us);

  /* Summary. */
  double ratios[NCASES_MAX], ratios_gl[NCASES_MAX], ratios_lib[NCASES_MAX], fixed_v[NCASES_MAX];
  double pratios[NCASES_MAX], pratios_gl[NCASES_MAX], pfixed_v[NCASES_MAX];
  size_t p_misses = 0, p_est_misses = 0, p_differ = 0;
  double max_rel_kappa = 0, max_evals_piece = 0, hand_maxrel = 0, gl_maxrel = 0;
  size_t nfixed = 0;
  size_t misses = 0, naive_silent = 0, total_allocs = 0, est_misses = 0;
  for (size_t i = 0; i < nc; i++)
    {
      ratios[i] = res[i][M_OURS].time_us / res[i][M_HAND].time_us;
      ratios_gl[i] = res[i][M_OURS].time_us / res[i][M_GL100].time_us;
      ratios_lib[i] = res[i][M_OURS].time_us / res[i][M_QAG].time_us;
      pratios[i] = res[i][M_PLAN].time_us / res[i][M_HAND].time_us;
      pratios_gl[i] = res[i][M_PLAN].time_us / res[i][M_GL100].time_us;
      if (isfinite (fixed[i][0]) && isfinite (fixed[i][1]))
        {
          pfixed_v[nfixed] = fixed[i][1];
          fixed_v[nfixed++] = fixed[i][0];
        }
      if (!(res[i][M_PLAN].relerr <= 1e-12) || !status_ok (M_PLAN, res[i][M_PLAN].status))
        p_misses++;
      if (!(fabsl ((long double) res[i][M_PLAN].val - refs[i]) <= res[i][M_PLAN].est))
        p_est_misses++;
      if (memcmp (&res[i][M_PLAN].val, &res[i][M_OURS].val, sizeof (double))
          || memcmp (&res[i][M_PLAN].est, &res[i][M_OURS].est, sizeof (double))
          || res[i][M_PLAN].status != res[i][M_OURS].status)
        p_differ++;
      if (isfinite ((double) refs[i]))
        {
          if (!(res[i][M_HAND].relerr <= hand_maxrel))
            hand_maxrel = res[i][M_HAND].relerr;
          if (!(res[i][M_GL100].relerr <= gl_maxrel))
            gl_maxrel = res[i][M_GL100].relerr;
        }
      double rk = res[i][M_OURS].relerr / fmax (1.0, (double) kap[i]);
      if (!(rk <= max_rel_kappa))
        max_rel_kappa = isnan (rk) ? (double) INFINITY : rk;
      if (!(res[i][M_OURS].relerr <= 1e-12) || !status_ok (M_OURS, res[i][M_OURS].status))
        misses++;
      /* Our estimate must contain the true error (|val - ref|). */
      if (!(fabsl ((long double) res[i][M_OURS].val - refs[i]) <= res[i][M_OURS].est))
        est_misses++;
      for (int m = M_QAGS; m <= M_QAGI; m++)
        if (status_ok (m, res[i][m].status) && !(res[i][m].relerr <= 1e-6))
          naive_silent++;
      double ep = (double) res[i][M_OURS].neval / (double) pieces[i];
      if (ep > max_evals_piece)
        max_evals_piece = ep;
      total_allocs += allocs[i];
    }
  double med_ratio = median (ratios, nc);
  double med_ratio_gl = median (ratios_gl, nc), med_ratio_lib = median (ratios_lib, nc);
  double med_fixed = nfixed ? median (fixed_v, nfixed) : (double) NAN;
  double med_pfixed = nfixed ? median (pfixed_v, nfixed) : (double) NAN;
  double med_pratio = median (pratios, nc), med_pratio_gl = median (pratios_gl, nc);
  /* Every pairing with a workspace: the smooth cases, the growth runs, the
     far weak route and the singular group. */
  size_t all_pairings = nc + grow_pairings + 4 + NSING;
  size_t all_allocs = total_allocs + grow_allocs + far_allocs + s_allocs;

  if (json)
    {
      printf ("{\n  \"machine_note\": \"2 shared cores, noisy; times are medians of %s\",\n",
              opt_clock == CLOCK_MONOTONIC ? "wall-clock time" : "the thread's CPU time");
      printf ("  \"repeats\": %d,\n  \"cases\": [\n", opt_repeats);
      for (size_t i = 0; i < nc; i++)
        {
          printf ("    {\"name\": ");
          json_string (cases[i].name);
          printf (", \"reference\": ");
          json_num ((double) refs[i]);
          printf (", \"kappa\": ");
          json_num ((double) kap[i]);
          printf (", \"pieces\": %zu, \"heap_allocs_ours\": %zu, \"methods\": {", pieces[i], allocs[i]);
          for (int m = 0; m < NMETHODS; m++)
            {
              const outcome *o = &res[i][m];
              printf ("%s\n      \"%s\": {\"value\": ", m ? "," : "", method_name[m]);
              json_num (o->val);
              printf (", \"rel_err\": ");
              json_num (o->relerr);
              printf (", \"estimate\": ");
              json_num (o->est);
              printf (", \"neval\": %zu, \"time_us\": ", o->neval);
              json_num (o->time_us);
              printf (", \"status\": ");
              json_string (status_text (m, o->status));
              printf ("}");
            }
          printf ("}}%s\n", i + 1 < nc ? "," : "");
        }
      printf ("  ],\n  \"growth_breakpoints\": [\n");
      for (int i = 0; i < NGR; i++)
        printf ("    {\"function\": \"floor'\", \"r\": %g, \"pieces\": %zu, \"ours_neval\": %zu, "
                "\"ours_time_us\": %.6g, \"qag_neval\": %zu, \"qag_time_us\": %.6g, \"ours_status\": \"%s\"}%s\n",
                grow_r[i], gpf[i], gfl[i][M_OURS].neval, gfl[i][M_OURS].time_us,
                gfl[i][M_HAND].neval, gfl[i][M_HAND].time_us,
                status_text (M_OURS, gfl[i][M_OURS].status), i + 1 < NGR ? "," : "");
      printf ("  ],\n  \"growth_order\": [\n");
      for (int k = 0; k < NGK; k++)
        {
          printf ("    {\"k\": %d, \"relu_ours_neval\": %zu, \"relu_ours_time_us\": %.6g, "
                  "\"relu_ours_rel_err\": ", k + 1, grelu[k][M_OURS].neval, grelu[k][M_OURS].time_us);
          json_num (grelu[k][M_OURS].relerr);
          printf (", \"relu_hand_qag_neval\": %zu, \"relu_hand_qag_time_us\": %.6g, \"relu_hand_qag_rel_err\": ",
                  grelu[k][M_HAND].neval, grelu[k][M_HAND].time_us);
          json_num (grelu[k][M_HAND].relerr);
          printf (", \"abs_ours_neval\": %zu, \"abs_ours_time_us\": %.6g, "
                  "\"abs_hand_qag_neval\": %zu, \"abs_hand_qag_time_us\": %.6g}%s\n",
                  gabs[k][M_OURS].neval, gabs[k][M_OURS].time_us,
                  gabs[k][M_HAND].neval, gabs[k][M_HAND].time_us, k + 1 < NGK ? "," : "");
        }
      printf ("  ],\n  \"singular_group\": {\"note\": \"reported apart: not in the summary's "
              "median or misses (its allocations are in the summary's); comparator is GSL QAWC (p.v.) or QAGS on each side "
              "of 0 on the exact support, written by hand; x delta' by hand is -phi(0)\", "
              "\"cases\": [\n");
      for (int i = 0; i < NSING; i++)
        {
          printf ("    {\"name\": ");
          json_string (sing_names[i]);
          printf (", \"reference\": ");
          json_num ((double) srefs[i]);
          printf (", \"heap_allocs_ours\": %zu", sallocs[i]);
          for (int m = 0; m <= M_QAG; m++)
            {
              const outcome *o = &sres[i][m];
              printf (", \"%s\": {\"value\": ", m == M_OURS ? "ours" : "hand_gsl");
              json_num (o->val);
              printf (", \"rel_err\": ");
              json_num (o->relerr);
              printf (", \"estimate\": ");
              json_num (o->est);
              printf (", \"neval\": %zu, \"time_us\": ", o->neval);
              json_num (o->time_us);
              printf (", \"status\": ");
              json_string (status_text (m, o->status));
              printf ("}");
            }
          printf ("}%s\n", i + 1 < NSING ? "," : "");
        }
      printf ("  ], \"median_time_ratio_vs_hand\": %.4g, \"misses\": %zu, "
              "\"estimate_misses\": %zu, \"heap_allocs\": %zu},\n",
              s_med_ratio, s_misses, s_est_misses, s_allocs);
      printf ("  \"far_weak_route\": [");
      for (int i = 0; i < 4; i++)
        {
          printf ("%s\n    {\"c\": %g, \"r\": %g, \"rel_err\": ", i ? "," : "",
                  far_c[i / 2], far_r[i % 2]);
          json_num (far_err[i]);
          printf (", \"estimate\": ");
          json_num (far_res[i].err);
          printf (", \"neval\": %zu}", far_res[i].neval);
        }
      printf ("],\n  \"far_weak_estimate_misses\": %zu,\n", far_est_misses);
      printf ("  \"workspace\": {\"size\": %zu, \"bytes\": %zu, \"allocs_to_alloc\": %zu},\n",
              ns_pair_workspace_size (w), w_bytes, ws_allocs);
      printf ("  \"summary\": {\"cases\": %zu, \"median_time_ratio_vs_hand_qag\": %.4g, "
              "\"median_time_ratio_vs_hand_gl100\": %.4g, \"median_time_ratio_vs_lib_qag\": %.4g, "
              "\"single_piece_cases\": %zu, \"median_fixed_cost_us\": ",
              nc, med_ratio, med_ratio_gl, med_ratio_lib, nfixed);
      json_num (med_fixed);
      printf (", \"median_time_ratio_plan_vs_hand_qag\": %.4g, "
              "\"median_time_ratio_plan_vs_hand_gl100\": %.4g, \"median_fixed_cost_plan_us\": ",
              med_pratio, med_pratio_gl);
      json_num (med_pfixed);
      printf (", \"plan_misses\": %zu, \"plan_estimate_misses\": %zu, "
              "\"plan_differs_from_pair\": %zu, \"plan_heap_allocs\": %zu, "
              "\"sweep_us_per_pairing\": {\"pair\": %.4g, \"pair_many\": %.4g, \"hand_qag\": %.4g}",
              p_misses, p_est_misses, p_differ, plan_allocs, sweep_us[0], sweep_us[1], sweep_us[2]);
      printf (", \"hand_qag_max_rel_err\": ");
      json_num (hand_maxrel);
      printf (", \"hand_gl100_max_rel_err\": ");
      json_num (gl_maxrel);
      printf (", "
              "\"max_rel_err_over_kappa\": %.4g, \"misses\": %zu, \"naive_silent_misses\": %zu, "
              "\"max_evals_per_piece\": %.4g, \"estimate_misses\": %zu, "
              "\"pairings_counted\": %zu, \"heap_allocs_in_all_pairings\": ",
              max_rel_kappa, misses, naive_silent, max_evals_piece, est_misses,
              all_pairings);
      if (counting)
        printf ("%zu, \"heap_allocs_by_group\": {\"smooth\": %zu, \"growth\": %zu, "
                "\"far_weak\": %zu, \"singular\": %zu}", all_allocs, total_allocs,
                grow_allocs, far_allocs, s_allocs);
      else
        printf ("null, \"heap_allocs_by_group\": null");
      printf ("}\n}\n");
    }
  else
    {
      printf ("bench-pairing: <T, phi> seven ways (times: median of %d samples per call, "
              "microseconds of %s; this machine is shared and noisy)\n\n", opt_repeats,
              opt_clock == CLOCK_MONOTONIC ? "wall-clock time" : "the thread's CPU time");
      printf ("%-26s %-12s %23s %9s %9s %7s %10s  %s\n", "case", "method", "value",
              "rel.err", "estimate", "neval", "time/us", "status");
      for (size_t i = 0; i < nc; i++)
        {
          for (int m = 0; m < NMETHODS; m++)
            {
              const outcome *o = &res[i][m];
              printf ("%-26s %-12s %23.16e %9.2e %9.2e %7zu %10.2f  %s\n",
                      m ? "" : cases[i].name, method_name[m], o->val, o->relerr, o->est,
                      o->neval, o->time_us, status_text (m, o->status));
            }
          printf ("%-26s reference %.19Le, kappa %.3Lg, pieces %zu, heap allocs (ours) %zu\n",
                  "", refs[i], kap[i], pieces[i], allocs[i]);
        }
      printf ("\nGrowth with the number of breakpoints: floor' on phi_{0.5,R}\n");
      printf ("%8s %7s %10s %11s %8s %10s %11s  %s\n", "R", "pieces", "ours.neval",
              "ours.us", "ev/piece", "hand.neval", "hand.us", "ours.status");
      for (int i = 0; i < NGR; i++)
        printf ("%8g %7zu %10zu %11.2f %8.1f %10zu %11.2f  %s\n", grow_r[i], gpf[i],
                gfl[i][M_OURS].neval, gfl[i][M_OURS].time_us,
                (double) gfl[i][M_OURS].neval / (double) gpf[i], gfl[i][M_HAND].neval,
                gfl[i][M_HAND].time_us, status_text (M_OURS, gfl[i][M_OURS].status));
      printf ("\nGrowth with derivative order k (relu^(k): phi_{0,1} for k = 1, else phi_{0.3,1};"
              " |x|^(k): phi_{0.3,1})\n");
      printf ("%3s %8s %9s %9s %8s %9s %9s | %8s %9s %8s %9s\n", "k", "relu.nev", "relu.us",
              "relu.err", "hand.nev", "hand.us", "hand.err", "abs.nev", "abs.us", "hand.nev", "hand.us");
      for (int k = 0; k < NGK; k++)
        printf ("%3d %8zu %9.2f %9.2e %8zu %9.2f %9.2e | %8zu %9.2f %8zu %9.2f\n", k + 1,
                grelu[k][M_OURS].neval, grelu[k][M_OURS].time_us, grelu[k][M_OURS].relerr,
                grelu[k][M_HAND].neval, grelu[k][M_HAND].time_us, grelu[k][M_HAND].relerr,
                gabs[k][M_OURS].neval, gabs[k][M_OURS].time_us,
                gabs[k][M_HAND].neval, gabs[k][M_HAND].time_us);
      printf ("\nWeak route -<relu, phi'> on far bumps (untimed)\n%8s %6s %9s %9s %6s\n",
              "c", "r", "rel.err", "estimate", "neval");
      for (int i = 0; i < 4; i++)
        printf ("%8g %6g %9.2e %9.2e %6zu\n", far_c[i / 2], far_r[i % 2], far_err[i],
                far_res[i].err, far_res[i].neval);
      printf ("  estimate misses: %zu\n", far_est_misses);
      printf ("\nSingular group (apart from the summary but for its allocations): ours vs GSL "
              "by hand on the\nsupport (QAWC for p.v., QAGS on each side of 0; x delta' by hand "
              "is -phi(0))\n");
      printf ("%-22s %-8s %23s %9s %9s %6s %9s  %s\n", "case", "method", "value", "rel.err",
              "estimate", "neval", "time/us", "status");
      for (int i = 0; i < NSING; i++)
        {
          for (int m = 0; m <= M_QAG; m++)
            {
              const outcome *o = &sres[i][m];
              printf ("%-22s %-8s %23.16e %9.2e %9.2e %6zu %9.2f  %s\n",
                      m ? "" : sing_names[i], m ? "gsl-hand" : "ours", o->val, o->relerr,
                      o->est, o->neval, o->time_us, status_text (m, o->status));
            }
          printf ("%-22s reference %.19Le, heap allocs (ours) %zu\n", "", srefs[i], sallocs[i]);
        }
      printf ("  singular group: median time ratio %.3g, misses %zu, estimate misses %zu, "
              "heap allocations %zu\n", s_med_ratio, s_misses, s_est_misses, s_allocs);
      printf ("\nWorkspace: ns_pair_workspace_size = %zu, %zu bytes on the heap "
              "(%zu allocations to build)\n", ns_pair_workspace_size (w), w_bytes, ws_allocs);
      if (!counting)
        printf ("Heap allocations: not counted (malloc interposer inactive)\n");
      printf ("\nSummary (%zu cases)\n", nc);
      printf ("  median time ratio ours / hand_qag:    %.3g   (target <= 0.5)\n", med_ratio);
      printf ("  median time ratio ours / hand_gl100:  %.3g   (target <= 2)\n", med_ratio_gl);
      printf ("  median time ratio ours / lib_qag:     %.3g   (the former headline)\n",
              med_ratio_lib);
      printf ("  fixed cost of a call, one smooth piece: %.3g us   (median of %zu cases:\n"
              "    time less evaluations at hand_gl100's cost per node; target < 0.5)\n",
              med_fixed, nfixed);
      printf ("  through a plan (ns_dist_plan_pair, one plan per case on its support):\n");
      printf ("    median time ratio ours_plan / hand_qag:   %.3g   (target <= 0.5)\n", med_pratio);
      printf ("    median time ratio ours_plan / hand_gl100: %.3g   (target <= 2)\n", med_pratio_gl);
      printf ("    fixed cost of a planned call, one piece:  %.3g us\n", med_pfixed);
      printf ("    misses %zu, estimate misses %zu, results differing from ns_dist_pair %zu,"
              " heap allocations %zu\n", p_misses, p_est_misses, p_differ, plan_allocs);
      printf ("  sweep of relu' over %d bumps phi_{c,1} (us per pairing): ns_dist_pair %.3g,\n"
              "    ns_dist_pair_many %.3g (plan built in the call), hand_qag %.3g; ratios %.3g, %.3g\n",
              SWEEP_N, sweep_us[0], sweep_us[1], sweep_us[2], sweep_us[0] / sweep_us[2],
              sweep_us[1] / sweep_us[2]);
      printf ("  max rel. error of hand_qag, hand_gl100: %.2g, %.2g\n", hand_maxrel, gl_maxrel);
      printf ("  max rel. error / max(1, kappa):       %.3g   (target <= 1e-15)\n", max_rel_kappa);
      printf ("  max evaluations per smooth piece:     %.3g   (target <= 100)\n", max_evals_piece);
      printf ("  misses (ours off by > 1e-12 rel.):    %zu     (target 0)\n", misses);
      printf ("  estimate misses (ours, error > est.): %zu     (target 0)\n", est_misses);
      printf ("  naive silent misses (OK, > 1e-6 rel.): %zu\n", naive_silent);
      if (counting)
        printf ("  heap allocations in all %zu pairings with a workspace: %zu     (target 0;\n"
                "    smooth %zu, growth %zu, far weak %zu, singular %zu)\n", all_pairings,
                all_allocs, total_allocs, grow_allocs, far_allocs, s_allocs);
    }
  ns_pair_workspace_free (w);
  ns_pair_workspace_free (wbig);
  gsl_integration_workspace_free (gw);
  return 0;
}
