/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* include/nonsmooth/verify.h: the integration-by-parts report.  Every
   route to <D^k T_f, phi> -- the exact distributional derivative, the weak
   form (-1)^k <f, phi^(k)>, and a closed form when one is known -- with
   its value, error estimate and work, and whether they agree. */
#ifndef NONSMOOTH_VERIFY_H
#define NONSMOOTH_VERIFY_H

#include <stddef.h>
#include <stdio.h>
#include <nonsmooth/status.h>
#include <nonsmooth/function.h>
#include <nonsmooth/testfn.h>
#include <nonsmooth/distribution.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The routes, in the order the report holds them. */
typedef enum ns_verify_route_id {
  NS_VERIFY_EXACT = 0,   /* route A: ns_dist_pair of D^k T_f */
  NS_VERIFY_WEAK,        /* route B: ns_dist_pair_weak, (-1)^k int f phi^(k) */
  NS_VERIFY_CLOSED,      /* route C: a closed form, when the library knows one */
  NS_VERIFY_NROUTES
} ns_verify_route_id;

typedef struct ns_verify_route {
  int available;      /* 0 when the route does not apply (no closed form) */
  ns_status status;   /* the route's own status (NS_UNDEFINED when unavailable) */
  double val;         /* its value; NaN when unavailable or failed (a status
                         other than NS_OK and NS_ETOL, which keeps its best
                         estimate) */
  double err;         /* its error bound; +inf when unavailable or failed */
  size_t neval;       /* integrand and point evaluations */
  char method[64];    /* what was computed, e.g. "int_0^inf phi (Bessel closed form)" */
} ns_verify_route;

typedef struct ns_verify_report {
  int k;                                  /* the derivative order */
  char function[128];                     /* f as text (truncated with "...") */
  ns_verify_route route[NS_VERIFY_NROUTES];
  double max_diff;    /* largest |val_i - val_j| over the routes with a value
                         (NS_OK, or NS_ETOL with a best estimate); 0 when
                         fewer than two have one */
  int agree;          /* 1 when at least one route has a value and each pair
                         of routes with a value differs by at most
                         err_i + err_j + 4 ulp of the larger value */
  int nvalues;        /* how many routes have a value */
  int answer;         /* the route whose value is the answer (an
                         ns_verify_route_id): the first of A, B, C with
                         NS_OK, else the first with a value; -1 for none */
  ns_status status;   /* NS_OK: some route has a value, no two contradict
                         each other, and the answer's route is NS_OK;
                         NS_ETOL: the same, but the answer is a best
                         estimate; NS_EDISAGREE: two routes with values
                         differ beyond their bounds (no answer); else no
                         route has a value, and this is the status of the
                         first route that failed */
  double val, err;    /* the answer with its bound; NaN +- inf when status
                         is neither NS_OK nor NS_ETOL */
} ns_verify_report;

/* Fills REPORT for <D^K T_F, PHI>, 0 <= K <= NS_DIST_MAX_ORDER.  Takes no
   ownership (F's reference count is raised and dropped inside).  Returns
   NS_OK when the report was made (look at report->status, the verdict,
   and each route's status), NS_EINVAL (NULL, bad K) or NS_ENOMEM.  When
   only one route has a value (sqrt|x| with K = 2: the exact derivative has
   no delta for an infinite jump, the weak route integrates), that value is
   the answer and report->answer names its route; when two routes
   contradict each other, report->status is NS_EDISAGREE and neither value
   is the answer. */
ns_status ns_verify_ibp (const ns_function *f, int k, const ns_testfn *phi,
                         ns_verify_report *report);

/* The same report for <D^K T, PHI> with T any distribution (deltas,
   principal values, smooth multipliers): routes A (ns_dist_pair) and B
   (ns_dist_pair_weak); no closed form (route C unavailable).
   REPORT->function holds T as ns_dist_snprint writes it in ASCII.  Same
   statuses as ns_verify_ibp. */
ns_status ns_verify_dist (const ns_dist *t, int k, const ns_testfn *phi,
                          ns_verify_report *report);

/* Writes REPORT for people: the function and order, then per route its
   value, +- err, evaluations and method (with the status when it is
   NS_ETOL), or "not computed: " and the status message for a route that
   failed; then the verdict: "largest difference D: agree", "largest
   difference D: DISAGREE (beyond the error bounds)", "one route only:
   route B gives the value, nothing to compare" or "no route has a value".
   NS_EINVAL for NULL or a failed write. */
ns_status ns_verify_fprint (FILE *stream, const ns_verify_report *report);

#ifdef __cplusplus
}
#endif
#endif /* NONSMOOTH_VERIFY_H */
