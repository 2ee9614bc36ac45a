/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/status.h: status codes shared by every module, their
   messages, and ns_result, a value with a bound on its absolute error. */
#ifndef NONSMOOTH_STATUS_H
#define NONSMOOTH_STATUS_H

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ns_status {
  NS_OK = 0,          /* success */
  NS_EINVAL,          /* invalid argument: NULL, NaN, a negative order, an empty range */
  NS_EDOM,            /* outside the domain: log of x <= 0, division by 0, sqrt of x < 0 */
  NS_ENOMEM,          /* an allocation failed */
  NS_ETOL,            /* tolerance not reached; the best estimate and an honest error are kept */
  NS_EPARSE,          /* text does not parse; see ns_parse_error */
  NS_UNDEFINED,       /* the object does not exist here (e.g. a derivative at a kink) */
  NS_ENOTCONVEX,      /* the function is not (certified) convex */
  NS_ENOTLIPSCHITZ,   /* the function is not Lipschitz near the point */
  NS_ERANGE,          /* the exact answer is infinite; the value carries its sign */
  NS_ELIMIT,          /* a documented bound (count, depth, length) was reached */
  NS_EMAXITER,        /* an iteration limit was reached */
  NS_EUNDECIDED,      /* the given doubles do not decide the answer (a contact or a root
                         closer than rounding can resolve); the bound covers every reading */
  NS_EDISAGREE,       /* two independent routes disagree beyond their error bounds */
  NS_EOVERFLOW        /* an intermediate result overflowed or underflowed; the exact
                         answer may well be finite */
} ns_status;

/* The last status code, for loops over every code. */
#define NS_STATUS_LAST NS_EOVERFLOW

/* A static, human-readable message for every value, unknown ones included;
   never NULL. */
const char *ns_strerror (ns_status status);

/* 1 when STATUS is an answer, 0 when it is a failure.  An answer says
   something true about the question asked, and the out-parameters hold
   what its documentation promises: NS_OK, NS_ETOL (a value whose bound
   contains the truth but is wider than requested), NS_UNDEFINED,
   NS_ENOTCONVEX (not certified convex), NS_ENOTLIPSCHITZ and NS_ERANGE.
   Every other code is a failure, unknown codes included; NS_EUNDECIDED
   (a refusal: the doubles do not decide) and NS_EDISAGREE are failures
   even where their out-parameters are defined. */
int ns_status_is_answer (ns_status status);

/* Frees the per-thread caches of the exact and ball arithmetic (FLINT and
   Arb) that certified decisions may have filled in the calling thread.
   A thread that called the library and is about to end calls it, so that
   nothing it allocated outlives it; calling it at any other time is safe
   too (the caches are refilled on demand).  Never needed in a program's
   main thread. */
void ns_thread_cleanup (void);

/* A computed value and a bound on its absolute error: |val - exact| <= err. */
typedef struct ns_result {
  double val;
  double err;
} ns_result;

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_STATUS_H */
