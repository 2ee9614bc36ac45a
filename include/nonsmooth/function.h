/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/function.h: piecewise-smooth functions of one variable as
   immutable, reference-counted expression trees; evaluation with an error
   bound; exact one-sided Taylor germs, one-sided derivatives and jumps;
   breakpoints; printing. */
#ifndef NONSMOOTH_FUNCTION_H
#define NONSMOOTH_FUNCTION_H

#include <stddef.h>
#include <stdio.h>
#include <nonsmooth/status.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Highest Taylor order a germ can be asked for. */
#define NS_MAX_ORDER 16

/* Bounds that keep every operation's work finite (see the manual). */
#define NS_FN_MAX_DEPTH 1000      /* nesting depth of an expression tree */
#define NS_FN_MAX_SIZE 1000000    /* nodes counted with multiplicity (shared subtrees count each time) */
#define NS_FN_MAX_POW 1024        /* largest |n| of an integer power a^n */

/* The primitives.  Each has one row in the operator table (lib/function/function_ops.c):
   its name, arity, parameters, evaluation, germ and breakpoint rules. */
typedef enum ns_op {
  NS_OP_X = 0,      /* the variable x */
  NS_OP_CONST,      /* a constant; param 0 is its value */
  NS_OP_ADD,        /* a + b */
  NS_OP_SUB,        /* a - b */
  NS_OP_MUL,        /* a * b */
  NS_OP_DIV,        /* a / b */
  NS_OP_NEG,        /* -a */
  NS_OP_POW,        /* a ^ n, param 0 an integer */
  NS_OP_EXP,        /* exp(a) */
  NS_OP_LOG,        /* log(a), a > 0 */
  NS_OP_SQRT,       /* sqrt(a), a >= 0 */
  NS_OP_SIN,        /* sin(a) */
  NS_OP_COS,        /* cos(a) */
  NS_OP_RELU,       /* max(0, a) */
  NS_OP_ABS,        /* |a| */
  NS_OP_HEAVISIDE,  /* 0 for a < 0, 1 for a > 0, param 0 (default 1/2) at a = 0;
                       a NaN param: undefined at a = 0 (SymPy's Heaviside(a, nan)) */
  NS_OP_SIGN,       /* -1, 0, 1 */
  NS_OP_MAX,        /* max(a, b) */
  NS_OP_MIN,        /* min(a, b) */
  NS_OP_CLAMP,      /* min(max(a, lo), hi), params lo <= hi */
  NS_OP_LEAKY_RELU, /* a for a >= 0, s*a for a < 0, param s (default 0.01) */
  NS_OP_FLOOR,      /* the largest integer <= a */
  NS_OP_RPOW,       /* a ^ p, param 0 a real that is not an integer, a >= 0 (a > 0 for p < 0) */
  NS_OP_COUNT
} ns_op;

/* What the operator table says about a primitive.  The library owns the
   rows and hands them out by const pointer only, so later versions append
   fields at the end: SIZE is sizeof (ns_op_info) in the library that made
   the row, and a program built against newer headers reads a field only
   when NS_OP_INFO_HAS (info, field).  Never copy or allocate one. */
typedef struct ns_op_info {
  size_t size;               /* bytes of this row the library provides */
  const char *name;          /* name in expressions ("relu"); operators use "+", "-", "*", "/", "^" */
  int arity;                 /* number of function arguments (0, 1 or 2) */
  int nparams;               /* number of numeric parameters */
  int nparams_required;      /* parameters without a default; they come first */
  const double *param_default; /* param_default[i] for nparams_required <= i < nparams;
                                  NULL when every parameter is required */
  int is_kink;               /* 1 for relu, abs, heaviside, sign, max, min, clamp, leaky_relu, floor */
  const char *summary;       /* one line for help texts */
} ns_op_info;

/* Whether INFO (from ns_op_get) has FIELD: the library linked at run time
   may be older than these headers. */
#define NS_OP_INFO_HAS(info, field) \
  (offsetof (ns_op_info, field) + sizeof ((info)->field) <= (info)->size)

/* The table row of OP, or NULL when OP is out of range. */
const ns_op_info *ns_op_get (ns_op op);

/* The number of primitives of the library linked at run time: NS_OP_COUNT
   of its headers.  New primitives are appended before NS_OP_COUNT and the
   values of the others never change; ns_op_get returns NULL past the
   library's count, so a loop to NS_OP_COUNT stays safe with an older
   library. */
int ns_op_count (void);

/* The primitive called NAME (LEN bytes, not necessarily NUL-terminated) in
   expressions, or NS_OP_COUNT if there is none.  Operators are not names. */
ns_op ns_op_lookup (const char *name, size_t len);

typedef struct ns_function ns_function;

/* Generic constructor.  Takes ownership of the ns_op_get(OP)->arity
   functions in ARGS (released even on failure); reads nparams values from
   PARAMS (may be NULL when nparams is 0).  Sets *OUT to the new function or
   NULL.  Returns NS_EINVAL (NULL argument, bad parameter such as a NaN
   constant, a non-integer power, clamp with lo > hi), NS_ELIMIT (depth or
   size bound exceeded) or NS_ENOMEM. */
ns_status ns_fn_make (ns_op op, ns_function *const *args, const double *params,
                      ns_function **out);

/* Convenience constructors.  Each takes ownership of its function
   arguments, releases them when it fails, and returns NULL on failure
   (including a NULL argument), so ns_fn_relu (ns_fn_x ()) cannot leak. */
ns_function *ns_fn_x (void);
ns_function *ns_fn_const (double c);
ns_function *ns_fn_add (ns_function *a, ns_function *b);
ns_function *ns_fn_sub (ns_function *a, ns_function *b);
ns_function *ns_fn_mul (ns_function *a, ns_function *b);
ns_function *ns_fn_div (ns_function *a, ns_function *b);
ns_function *ns_fn_neg (ns_function *a);
ns_function *ns_fn_pow (ns_function *a, int n);
ns_function *ns_fn_exp (ns_function *a);
ns_function *ns_fn_log (ns_function *a);
ns_function *ns_fn_sqrt (ns_function *a);
ns_function *ns_fn_sin (ns_function *a);
ns_function *ns_fn_cos (ns_function *a);
ns_function *ns_fn_relu (ns_function *a);
ns_function *ns_fn_abs (ns_function *a);
ns_function *ns_fn_heaviside (ns_function *a, double h0);
ns_function *ns_fn_sign (ns_function *a);
ns_function *ns_fn_max (ns_function *a, ns_function *b);
ns_function *ns_fn_min (ns_function *a, ns_function *b);
ns_function *ns_fn_clamp (ns_function *a, double lo, double hi);
ns_function *ns_fn_leaky_relu (ns_function *a, double slope);
ns_function *ns_fn_floor (ns_function *a);

/* Reference counting: ns_fn_ref returns F with one more reference (NULL for
   NULL); F is const because the count is the one mutable part of an
   immutable tree.  ns_fn_free drops one reference and frees the tree at
   zero (NULL is a no-op); it is named like every type's release. */
ns_function *ns_fn_ref (const ns_function *f);
void ns_fn_free (ns_function *f);

/* Introspection, for programs that walk a tree. */
ns_op ns_fn_op (const ns_function *f);
const ns_function *ns_fn_arg (const ns_function *f, int i);   /* NULL if out of range */
double ns_fn_param (const ns_function *f, int i);             /* NaN if out of range */

/* Sets OUT->val to f(x) with the declared conventions at kinks (relu(0) = 0,
   heaviside(0) = h0, sign(0) = 0, floor exact) and OUT->err to a bound on
   the rounding error of the evaluation.  When the argument of heaviside,
   sign or floor is within its error bound of a level, its certified
   exact sign at x picks the branch (the step's value is then exact);
   where that sign cannot be certified, and for the continuous kinks, err
   covers every branch.
   err is never NaN: a number >= 0, or +inf when no finite bound is known.
   Returns NS_OK (val finite), NS_EINVAL (NULL, non-finite x), NS_EDOM (log
   of a non-positive number, division by zero, sqrt of a negative number;
   val is NaN), NS_UNDEFINED (heaviside(a, nan) where a = 0; val NaN),
   NS_EUNDECIDED (heaviside(a, nan) where the sign of a is not certified)
   or NS_EOVERFLOW (f(x) is finite but no double, as 1/exp(x)
   at -800; val is NaN, err +inf).  An intermediate that overflows or
   underflows (x^2 in sqrt(x^2 + 1) at 1e160) sends the evaluation through
   scaled values m 2^E once more, so a result that is a double comes out.
   Never NS_EDOM for an overflow: "not defined" only where f is. */
ns_status ns_fn_eval (const ns_function *f, double x, ns_result *out);

typedef enum ns_side { NS_LEFT = -1, NS_RIGHT = 1 } ns_side;

/* A one-sided Taylor germ: f(x + side*t) = sum_k c[k] t^k for small t > 0.
   c[0..nvalid-1] are exact (no truncation; only rounding).  When nvalid <=
   order, the derivative of order nvalid of t -> f(x + side*t) tends to
   tail*inf as t -> 0+ (tail = +1 or -1), or is not determined (tail = 0).
   exact = 1 when f(x + side*t) equals the polynomial for all small t.
   err0 bounds the error of c[0]: rounding, and half an ulp of x. */
typedef struct ns_germ {
  int order;
  int nvalid;
  int tail;
  int exact;
  double err0;
  double c[NS_MAX_ORDER + 1];
} ns_germ;

/* Computes the germ of F at X on SIDE up to ORDER (0..NS_MAX_ORDER).  Each
   kink primitive picks its branch from the first nonzero coefficient of its
   argument's germ; a value within rounding error of the switch point counts
   as the switch point (the error includes half an ulp of X, so a switch
   point between doubles is seen at the double nearest it) only when
   certified: the switching quantity vanishes exactly at X or changes sign
   among the reals that round to X; one that keeps its sign there, or
   only touches the level (even multiplicity), leaves the kink smooth.
   Returns NS_OK when every requested coefficient is valid, NS_ERANGE when
   the first invalid one is infinite (see tail), NS_UNDEFINED when it
   cannot be determined, NS_EUNDECIDED when the doubles do not decide a
   kink's branch at X (two switch points within its rounding interval),
   NS_EDOM when f is not defined on that side, NS_EOVERFLOW when a
   coefficient (of f or of a subterm) overflowed (the slope 1/x of log|x|
   at 4.9e-324), NS_EINVAL for bad
   arguments. */
ns_status ns_fn_germ (const ns_function *f, double x, ns_side side, int order,
                      ns_germ *germ);

/* The one-sided derivative f^(k)(x-) or f^(k)(x+) (k = 0 gives the
   one-sided limit).  NS_ERANGE with *d = +-inf for an infinite one-sided
   derivative (sqrt(abs(x)) at 0), NS_UNDEFINED (*d = NaN) when it does not
   exist or cannot be determined, NS_EOVERFLOW (*d = NaN) when it exists
   but overflowed, or a lower coefficient did. */
ns_status ns_fn_deriv_side (const ns_function *f, double x, ns_side side, int k,
                            double *d);

/* The jump [f^(k)](x) = f^(k)(x+) - f^(k)(x-).  NS_ERANGE (*jump = +-inf
   or NaN) when a side is infinite. */
ns_status ns_fn_jump (const ns_function *f, double x, int k, double *jump);

/* The classical (pointwise) derivative f^(k)(x): it exists when f is
   defined at x, f^(j) is continuous at x for j < k, and both one-sided
   k-th derivatives agree.  Otherwise NS_UNDEFINED and *d = NaN: the
   relu'(0) of the tutorial; NS_EUNDECIDED (NaN) when a germ is;
   NS_EOVERFLOW (*d = NaN) when f(x) or a one-sided germ overflowed. */
ns_status ns_fn_deriv (const ns_function *f, double x, int k, double *d);

/* Lists, in increasing order without repeats, every point of [a, b] where
   f or one of its derivatives may fail to be continuous: switch points of
   the kink primitives, zeros of the arguments of log, sqrt and of
   denominators.  Correctly rounded for linear switching quantities with
   exact coefficients, within a few ulps for quadratics (closed form in
   absolute x; with rounded coefficients each root is checked to be a
   certified switch point of the quantity, else searched as below);
   otherwise bracketed by interval enclosures, solved by a GSL
   root solver and bisection of the double grid to within an ulp or the
   quantity's rounding; where the quantity rounds to its level without a
   sign change (a flat zone, a tangential contact) the zeros are isolated
   with Arb balls and only switch points are kept (a touching contact of a
   kink's argument is none).
   At most MAX points are written.  NS_ELIMIT when there are more than MAX,
   or when a search needs more than its documented work bound (*n points
   found so far are then in PTS, in order); NS_EUNDECIDED when a crossing
   cannot be placed on a double that is a certified switch point;
   NS_EINVAL for a bad range. */
ns_status ns_fn_breakpoints (const ns_function *f, double a, double b,
                             double *pts, size_t max, size_t *n);

/* Writes F as text that ns_fn_parse reads back as the same function (for
   trees within the parser's length and nesting bounds, NS_PARSE_MAX_LENGTH
   and NS_PARSE_MAX_DEPTH; constructors allow deeper trees), like snprintf:
   at most SIZE bytes including the NUL; returns the length the full text
   needs. */
size_t ns_fn_snprint (char *buf, size_t size, const ns_function *f);

/* F as text in newly allocated memory (release with free), or NULL. */
char *ns_fn_to_string (const ns_function *f);

/* Writes F as text to STREAM.  Returns NS_OK, or NS_EINVAL for a NULL
   argument or a failed write. */
ns_status ns_fn_print (FILE *stream, const ns_function *f);

/* The pointwise derivative f' as a new tree (*OUT, released with
   ns_fn_free), built from the same primitives by the chain, product and
   quotient rules with light simplification (constant folding, 0*a = 0,
   1*a = a, a + 0 = a): relu(x) -> heaviside(x), abs(x) -> sign(x),
   x^3 -> 3*x^2, heaviside, sign, floor -> 0.  It equals f' wherever f is
   differentiable off its breakpoints; at a breakpoint its value is a
   convention (heaviside's midpoint 1/2: relu'(0) = 1/2, abs'(0) = 0), and
   it may be defined where f is not (0*a drops a's domain).  F is not
   modified; the result may share subtrees with it.  Returns NS_OK,
   NS_EINVAL (NULL), NS_ELIMIT (the derivative passes NS_FN_MAX_SIZE or
   NS_FN_MAX_DEPTH) or NS_ENOMEM; *OUT is NULL on failure. */
ns_status ns_fn_diff (const ns_function *f, ns_function **out);

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_FUNCTION_H */
