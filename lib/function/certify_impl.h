/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/certify_impl.h: the evaluators behind the certified
   decisions, shared by lib/function/certify_eval.c (which owns them) and
   lib/function/certify.c (not installed). */
#ifndef NS_LIB_CERTIFY_IMPL_H
#define NS_LIB_CERTIFY_IMPL_H

#include <flint/flint.h>
#include <flint/fmpq.h>
#include <arb.h>
#include "function/certify.h"

/* Arb precisions tried in turn; a sign not decided at the last one is
   left undecided (2^-4096 is far below anything a double can express). */
#define CERT_PREC_FIRST 64
#define CERT_PREC_LAST 4096
/* Bits of a rational intermediate beyond which the exact evaluation gives
   up for Arb (x^100000 of a 53-bit double would need 5e6 bits). */
#define CERT_MAX_BITS 20000
/* Work bounds of the certified isolation: boxes examined, and the depth
   of the bisection of the double grid (64 halvings reach any double). */
#define CERT_ISOLATE_BOXES 4000
#define CERT_ISOLATE_DEPTH 256
/* Degree beyond which polynomials are not handed to Sturm sequences. */
#define CERT_MAX_DEGREE 64

/* Statuses of a ball evaluation. */
enum {
  NS_CERT_BALL_OK = 0,        /* OUT encloses f over the ball */
  NS_CERT_BALL_UNKNOWN = 1,   /* a domain boundary may lie in the ball */
  NS_CERT_BALL_DOMAIN = 2     /* f is undefined on all of the ball */
};

/* Error-free double evaluation: 1 with *V the exact value of F at X when
   every operation was exact, 0 otherwise. */
NS_INTERNAL int ns_cert_exact_eval (const ns_function *f, double x, double *v);
/* The sign of p - q for doubles. */
NS_INTERNAL int ns_cert_cmp_double (double p, double q);
/* Does F avoid exp, log, sqrt, sin and cos? */
NS_INTERNAL int ns_cert_is_rational_tree (const ns_function *f);
/* The exact rational value of a finite double. */
NS_INTERNAL void ns_cert_q_set_d (fmpq_t out, double d);
/* The exact value of a rational tree at the rational X: 1, or 0 on a
   domain error or past CERT_MAX_BITS. */
NS_INTERNAL int ns_cert_fmpq_eval (fmpq_t out, const ns_function *f, const fmpq_t x);
/* OUT = [0, u] or [u, 0] with the end 0 exact. */
NS_INTERNAL void ns_cert_set_from_zero (arb_t out, const arf_t u);
/* OUT encloses F over the ball X (NS_CERT_BALL_*). */
NS_INTERNAL int ns_cert_ball_eval (arb_t out, const ns_function *f, const arb_t x, slong prec);
/* q - level over the ball X, q the quantity KIND of the kink F; OUT must
   not be X. */
NS_INTERNAL int ns_cert_ball_q (arb_t out, const ns_function *f, ns_switch_kind kind,
                                double level, const arb_t x, slong prec);
/* -1, 0 (exactly), +1, or 2 when the ball does not decide. */
NS_INTERNAL int ns_cert_ball_sign (const arb_t b);
/* The sign of q - level over the ball X, raising the precision from
   CERT_PREC_FIRST to CERT_PREC_LAST until it is decided (else 2). */
NS_INTERNAL int ns_cert_ball_q_sign (const ns_function *f, ns_switch_kind kind,
                                     double level, const arb_t x);

#endif /* NS_LIB_CERTIFY_IMPL_H */
