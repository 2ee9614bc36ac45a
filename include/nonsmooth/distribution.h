/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/distribution.h: distributions as finite sums of terms
   c * D^k [g * D^m B], B a regular function, a Dirac delta or p.v. 1/(x - a),
   g an optional smooth multiplier; sum, scale, derivative and product kept
   symbolic; pairing with a test function by the exact
   distributional derivative (jumps become deltas) or by moving every
   derivative onto the test function. */
#ifndef NONSMOOTH_DISTRIBUTION_H
#define NONSMOOTH_DISTRIBUTION_H

#include <stddef.h>
#include <stdio.h>
#include <nonsmooth/status.h>
#include <nonsmooth/function.h>
#include <nonsmooth/testfn.h>
#include <nonsmooth/parse.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Highest derivative order of a term, and of ns_dist_deriv's K.  Pairing a
   term of order m needs phi^(m) (phi^(m-1) for the exact route), so this is
   the test functions' limit. */
#define NS_DIST_MAX_ORDER NS_TESTFN_MAX_ORDER

/* Most terms one distribution may hold. */
#define NS_DIST_MAX_TERMS 1024

/* Default size of the workspace ns_verify_ibp and a NULL workspace use. */
#define NS_PAIR_DEFAULT_SIZE 1000

/* What a term differentiates. */
typedef enum ns_dist_kind {
  NS_DIST_REGULAR = 0,  /* T_f, f a function: <T_f, phi> = int f phi */
  NS_DIST_DELTA,        /* delta_a: <delta_a, phi> = phi(a) */
  NS_DIST_PV,           /* p.v. 1/(x - a): <pv, phi> = lim_{e->0} int_{|x-a|>e} phi(x)/(x - a) */
  NS_DIST_DELTA_OF      /* delta^(m)(g(x)), g = f: deltas at the simple zeros of g, found on
                           each test function's support (ns_dist_expand) */
} ns_dist_kind;

/* One term c * D^outer [g * D^order B], as ns_dist_term_get shows it;
   without a multiplier (g = NULL, outer = 0) simply c * D^order B.  A
   term of kind NS_DIST_DELTA_OF is c * D^outer [g * delta^(order)(f(x))]
   instead: ORDER is the order of the delta composed with f, not a
   derivative of the composition, and OUTER may be positive without a
   multiplier. */
typedef struct ns_dist_term {
  ns_dist_kind kind;
  double coef;              /* c, finite */
  int order;                /* m, 0..NS_DIST_MAX_ORDER */
  double point;             /* a for a delta or a principal value; NaN for a regular term */
  const ns_function *f;     /* f for a regular or NS_DIST_DELTA_OF term (owned by the
                               distribution); NULL otherwise */
  const ns_function *mult;  /* the smooth multiplier g (owned by the distribution), or NULL */
  int outer;                /* k, derivatives taken after multiplying (0 without g) */
  double point_err;         /* bound on |point - the exact point| (delta(3*x - 1) at 1/3); 0 when exact */
  double coef_rel;          /* bound on the relative error of coef (1/3 there); 0 when exact */
} ns_dist_term;

/* An immutable distribution.  Every operation returns a new object that
   the caller releases with ns_dist_free; operations never take ownership
   of their ns_dist arguments.  Safe to share between threads for reading
   (the functions it references are immutable). */
typedef struct ns_dist ns_dist;

/* Scratch memory for pairing: a GSL integration workspace of N
   subintervals and room for N breakpoints inside a test function's
   support.  With a workspace, pairing makes no heap allocation. */
typedef struct ns_pair_workspace ns_pair_workspace;

/* A pairing's value, a bound on its error, and the work it took: NEVAL
   counts integrand evaluations plus point evaluations of phi^(m). */
typedef struct ns_pair_result {
  double val;
  double err;
  size_t neval;
} ns_pair_result;

/* Constructors.  ns_dist_regular takes a new reference to F (the caller
   keeps its own).  Return NS_OK, NS_EINVAL (NULL, non-finite A) or
   NS_ENOMEM; *OUT is NULL on failure. */
ns_status ns_dist_regular (const ns_function *f, ns_dist **out);
ns_status ns_dist_delta (double a, ns_dist **out);

/* The principal value p.v. 1/(x - A), the distributional derivative of
   log|x - A|.  NS_EINVAL (NULL OUT, non-finite A) or NS_ENOMEM. */
ns_status ns_dist_pv (double a, ns_dist **out);

/* delta^(M)(G(x)), 0 <= M <= NS_DIST_MAX_ORDER, for a function G: on a
   test function's support (or a range, ns_dist_expand) it is
     sum_i sum_{j<=M} e_ij delta^(j)(x - x_i)
   over the zeros x_i of G, which must be simple (G smooth near x_i,
   G'(x_i) != 0): e_i0 = 1/|G'(x_i)| for M = 0, and for M >= 1 the
   coefficients of the chain rule <delta^(M)(G), phi> =
   (-1)^M [(1/G' d/dx)^M (phi/|G'|)](x_i).  Takes a new reference to G.
   NS_EINVAL (NULL, bad M) or NS_ENOMEM; *OUT is NULL on failure. */
ns_status ns_dist_delta_of (const ns_function *g, int m, ns_dist **out);

/* T with every NS_DIST_DELTA_OF term replaced by its deltas at the zeros
   of its function strictly inside (A, B) (A < B finite), for test
   functions supported in [A, B]; other terms are copied.  A zero that is
   not a double keeps the half ulp of its correctly rounded location as
   point_err, and every coefficient the relative error of its Arb ball as
   coef_rel, which pairing adds to its bound.  Returns NS_OK; NS_EINVAL
   (NULL, a bad range); NS_UNDEFINED (a zero of even or higher
   multiplicity, as for delta(x^2), which is not a distribution, or a zero
   where the function is not smooth, delta(abs(x))); NS_EUNDECIDED (the
   doubles and 4096-bit balls do not decide whether a zero is simple);
   NS_EDOM (the function undefined on part of the range); NS_ELIMIT (more
   zeros than NS_DIST_MAX_TERMS terms hold, or the breakpoint search's
   work bound); NS_EOVERFLOW (a coefficient overflows a double);
   NS_ENOMEM.  *OUT is NULL on failure. */
ns_status ns_dist_expand (const ns_dist *t, double a, double b, ns_dist **out);

/* A + B, C * T and D^K T (0 <= K <= NS_DIST_MAX_ORDER), as new objects.
   NS_EINVAL for NULL, a non-finite C or a bad K; NS_ELIMIT when a term's
   order would pass NS_DIST_MAX_ORDER or the sum NS_DIST_MAX_TERMS terms;
   NS_ENOMEM.  *OUT is NULL on failure. */
ns_status ns_dist_sum (const ns_dist *a, const ns_dist *b, ns_dist **out);
ns_status ns_dist_scale (double c, const ns_dist *t, ns_dist **out);
ns_status ns_dist_deriv (const ns_dist *t, int k, ns_dist **out);

/* G * T for a smooth function G: <G T, phi> = <T, G phi>.  Takes a new
   reference to G (the caller keeps its own).  A regular term of order 0
   becomes T_{G f} (G need not be smooth then); every other term keeps G as
   its multiplier, and pairing checks that G has no breakpoint inside the
   test function's support (NS_UNDEFINED otherwise), except for a delta
   term D^k [G delta_a^(m)], for which G need only be C^m at a (its value
   and one-sided derivatives of orders 0..m agree there), and a p.v. term
   D^k [G D^m pv 1/(x - a)] at a double a, for which G need only be smooth
   near a (away from a the p.v. is the function (-1)^m m!/(x - a)^(m+1)).  Multipliers compose
   (G * (H * T) has multiplier G H).  NS_EINVAL (NULL), NS_ELIMIT (a product
   tree past the function model's bounds, or a term D^k[H S] with k >= 1,
   which G * D^k[H S] would not be), NS_ENOMEM; *OUT is NULL on
   failure. */
ns_status ns_dist_mul (const ns_function *g, const ns_dist *t, ns_dist **out);

/* Releases T and its references to functions; NULL is a no-op. */
void ns_dist_free (ns_dist *t);

/* Number of terms (0 for NULL), and term I (NS_EINVAL when out of range).
   TERM->f stays valid while T lives. */
size_t ns_dist_nterms (const ns_dist *t);
ns_status ns_dist_term_get (const ns_dist *t, size_t i, ns_dist_term *term);

/* Printing flags. */
#define NS_DIST_PRINT_ASCII 1   /* "delta" instead of the UTF-8 "δ" */

/* Writes T as text, like snprintf: at most SIZE bytes including the NUL;
   returns the length the full text needs.  Regular terms print their
   function with ns_fn_snprint inside D^m[...]; deltas as "2 δ(x)",
   "δ'(x - 1)", "δ^(4)(x + 2)"; principal values as "pv 1/(x - 2)",
   "D[pv 1/x]"; a multiplier before its term, "x·δ'(x)" ("x*delta'(x)" in
   ASCII), "D[x·δ(x)]" when differentiated after multiplying; the empty
   sum as "0".  A regular term's function is parenthesized after a minus
   sign or a coefficient when it is a sum, a difference or a negative
   ("delta(x) - (x + 1)", "2 (-x)"), so the ASCII text reads back with
   ns_dist_parse. */
size_t ns_dist_snprint (char *buf, size_t size, const ns_dist *t, int flags);

/* Writes T to STREAM.  NS_EINVAL for NULL or a failed write; NS_ENOMEM. */
ns_status ns_dist_print (FILE *stream, const ns_dist *t, int flags);

/* Workspace of N >= 1 subintervals/breakpoints; NULL when N is 0 or an
   allocation fails (a failed _alloc frees what it got).  _free(NULL) is a
   no-op. */
ns_pair_workspace *ns_pair_workspace_alloc (size_t n);
void ns_pair_workspace_free (ns_pair_workspace *w);
size_t ns_pair_workspace_size (const ns_pair_workspace *w);

/* <T, phi> by the exact distributional derivative: a regular term
   c D^m T_f pairs as c (int f^(m) phi + sum_j sum_{i<m} [f^(i)](a_j)
   (-1)^(m-1-i) phi^(m-1-i)(a_j)) over the breakpoints a_j of f inside the
   support of phi, a delta term c D^m delta_a as c (-1)^m phi^(m)(a).  W
   may be NULL (a workspace of NS_PAIR_DEFAULT_SIZE is then allocated and
   freed).  Returns NS_OK; NS_ETOL (tolerance not reached, best estimate
   and its error estimate kept); NS_EINVAL (NULL T, PHI or OUT, an order phi does
   not provide); NS_EDOM (f undefined somewhere on the support);
   NS_UNDEFINED (f^(m) not integrable at a piece end, such as 1/x or
   1/|x|^2 at 0, or undetermined there; a multiplier of a regular term
   with a breakpoint inside the support, of a p.v. with a breakpoint at
   its point, of delta^(m) that is not C^m at the delta's point); NS_EUNDECIDED (a multiplier's
   breakpoint within a delta point's uncertainty, germs equal only up to
   rounding); NS_ELIMIT (more breakpoints than the workspace
   holds); NS_EOVERFLOW (the sum or an integrand overflowed: relu on a
   bump of radius 1e300); NS_ENOMEM.  Integrable end singularities (log|x|, 1/sqrt|x|)
   are integrated with QUADPACK's QAGS; c D^m T_f with f = s log|x - a| (+ a
   rest) pairs its log part as s D^(m-1) p.v. 1/(x - a); a principal value
   term c D^m pv pairs as c (-1)^m p.v. int phi^(m)(x)/(x - a) dx with
   QUADPACK's QAWC.  On a status other than NS_OK or NS_ETOL, val is NaN and
   err infinite. */
ns_status ns_dist_pair (const ns_dist *t, const ns_testfn *phi,
                        ns_pair_workspace *w, ns_pair_result *out);

/* <T, phi> with every derivative moved onto phi: a regular term
   c D^m T_f pairs as c (-1)^m int f phi^(m), a delta term as in
   ns_dist_pair.  Same pieces, statuses and conventions as ns_dist_pair;
   an independent route to the same number. */
ns_status ns_dist_pair_weak (const ns_dist *t, const ns_testfn *phi,
                             ns_pair_workspace *w, ns_pair_result *out);

/* A pairing plan: what ns_dist_pair computes from T alone for test
   functions supported in a window [a, b] (each regular term's breakpoints
   there, the germs and jumps at them, the end checks at breakpoints, the
   pieces where f^(m) is 0 or a constant), built once and read by every
   pairing through the plan, like an FFTW plan.  Immutable once built:
   one plan may serve several threads, each with its own workspace. */
typedef struct ns_dist_plan ns_dist_plan;

/* Builds a plan for T on the window [A, B] (A < B finite), with room for
   N breakpoints per term in the window (0: NS_PAIR_DEFAULT_SIZE; a term
   with more is left to each pairing's own search).  The plan keeps its own
   copy of T.  NS_OK, NS_EINVAL (NULL, a bad window), NS_ENOMEM; *OUT is
   NULL on failure. */
ns_status ns_dist_plan_create (const ns_dist *t, double a, double b, size_t n,
                               ns_dist_plan **out);

/* <T, phi> as ns_dist_pair computes it (the same statuses, value, bound
   and count, see the manual for where they may differ), for PHI supported
   in the plan's window (NS_EINVAL otherwise).  W may be NULL as for
   ns_dist_pair. */
ns_status ns_dist_plan_pair (const ns_dist_plan *plan, const ns_testfn *phi,
                             ns_pair_workspace *w, ns_pair_result *out);

/* Releases PLAN; NULL is a no-op. */
void ns_dist_plan_free (ns_dist_plan *plan);

/* <T, PHI[i]> for i < N into OUT[i] (and each status into STATUS[i] when
   STATUS is not NULL), through one plan on the smallest window holding
   every support.  Returns NS_OK when every pairing did, else the first
   pairing's status that was not NS_OK (the others are still computed);
   NS_EINVAL (NULL T, PHI or OUT with N > 0, a NULL PHI[i]) or NS_ENOMEM
   before any pairing.  W may be NULL. */
ns_status ns_dist_pair_many (const ns_dist *t, const ns_testfn *const *phi,
                             size_t n, ns_pair_workspace *w,
                             ns_pair_result *out, ns_status *status);

/* The exact k-th distributional derivative of T_f for test functions
   supported in [A, B] (A < B finite), written out:
     T_{f^(k)} + sum_j sum_{m<k} [f^(m)](a_j) delta_{a_j}^(k-1-m)
   over the breakpoints a_j of f strictly inside (A, B) (a delta at A or B
   pairs to 0 with such test functions).  The regular part is f
   differentiated k times by ns_fn_diff, left out when it is the constant
   0; jumps come from ns_fn_jump's one-sided derivatives, and one that is
   within 16 ulps of its sides (plus the germs' rounding bound for m = 0)
   is taken as 0 and left out.  Terms: the regular part first, then deltas
   by increasing order and point.  Takes no ownership of F (the result
   holds its own references); *OUT is released with ns_dist_free.
   Returns NS_OK; NS_EINVAL (NULL, K outside 0..NS_DIST_MAX_ORDER, a bad
   range); NS_EDOM (f undefined on part of the range); NS_UNDEFINED (an
   infinite or undetermined one-sided derivative at a breakpoint, as for
   sqrt(abs(x)) at 0 with K >= 2); NS_ELIMIT (more than NS_DIST_MAX_TERMS
   terms or breakpoints, or a derivative tree past the size bounds);
   NS_ENOMEM.  *OUT is NULL on failure. */
ns_status ns_dist_exact_deriv (const ns_function *f, int k, double a, double b,
                               ns_dist **out);

/* Readable-printing flag: heaviside(a) as "H(a)", and the UTF-8 minus
   sign inside functions too (function text is parser syntax without it). */
#define NS_DIST_PRINT_MATH 2

/* Writes T for people, like snprintf (returns the length the full text
   needs): regular terms first, as their function ("heaviside(x)", "1"),
   scaled ones as "2 (x - 1)", differentiated ones as "D^2[f]"; then deltas
   with equal point and order merged, sorted by order and point, as
   "δ(x)", "2 δ(x)", "δ'(x − 1)"; three or more consecutive deltas of one
   order with one coefficient on a grid k/n, h k (h >= 2 an integer) or
   k + s as one sum "Σ_{k=-1}^{2} δ(x − k)" ("x − k/100", "x − 2k",
   "x − k − 0.5"; the first two up to 2 ulps, a breakpoint's accuracy);
   terms joined by " + " and " − " (U+2212); the empty sum as "0";
   integers in full ("10", not "1e+01").
   NS_DIST_PRINT_ASCII writes "delta", "sum" and "-"; NS_DIST_PRINT_MATH
   "H(x)" for heaviside(x).  Allocates nothing. */
size_t ns_dist_snprint_readable (char *buf, size_t size, const ns_dist *t, int flags);

/* Writes the readable form of T to STREAM.  NS_EINVAL for NULL or a failed
   write; NS_ENOMEM. */
ns_status ns_dist_print_readable (FILE *stream, const ns_dist *t, int flags);

/* Parses TEXT into a distribution *OUT (NULL on failure):

     dexpr   := dterm (('+' | '-') dterm)*
     dterm   := dunary (('*' | '/') dunary | coefficient dunary)*
     dunary  := ('-' | '+')* dpower
     dpower  := dprimary ('^' exponent)?      a function's power only
     dprimary:= delta | pv | 'D' ['^' k] '[' dexpr ']' | '(' dexpr ')'
              | number | 'x' | 'pi' | name '(' args ')'
     delta   := 'delta' [primes | '^' k] '(' affine [',' m] ')'
     pv      := 'pv' '(' affine [',' m] ')' | 'pv' '1' '/' ('x' | '(' affine ')')
     affine  := terms affine in x ("x - 1/2", "-1 + x", "3*x", "0.7 - x",
                "(x - 1)/3"): a x + b with constants a != 0 and b
     primes  := one "'" per derivative: delta''(x) is delta(x, 2)

   A subexpression without delta, pv or D is a function (ns_fn_parse's
   grammar and messages) and becomes the regular distribution T_f when it
   meets a distribution or ends the text.  A function times a distribution
   is ns_dist_scale when the function is constant, ns_dist_mul otherwise
   (distributing over sums); a distribution may be divided by a nonzero
   constant only.  delta and pv inside a function's argument or a power,
   the product of two distributions, and an argument that is not affine
   are parse errors.  An affine argument is a change of variables:
   delta^(m)(a x + b) = delta_p^(m) / (|a| a^m) and (D^m pv 1/y)(a x + b) =
   a^-(m+1) D^m pv 1/(x - p), p = -b/a; a point or coefficient that is not
   exactly a double keeps a bound (ns_dist_term's point_err, coef_rel)
   that pairing carries.  A number followed by white space and a name
   or '(' is a coefficient ("2 delta(x)"), so the ASCII output of
   ns_dist_snprint reads back.  Orders m and k are integers from 0 to
   NS_DIST_MAX_ORDER.  Returns NS_OK, NS_EPARSE, NS_EINVAL (NULL TEXT or
   OUT), NS_ELIMIT (ns_fn_parse's length and depth bounds, more than
   NS_DIST_MAX_TERMS terms) or NS_ENOMEM; ERR (may be NULL) as for
   ns_fn_parse: cleared on success, else a 1-based column and a message. */
ns_status ns_dist_parse (const char *text, ns_dist **out, ns_parse_error *err);

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_DISTRIBUTION_H */
