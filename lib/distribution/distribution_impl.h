/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/distribution/distribution_impl.h: the private layout of ns_dist, shared by
   lib/distribution/distribution.c (construction, printing) and lib/distribution/pairing.c. */
#ifndef NS_DISTRIBUTION_IMPL_H
#define NS_DISTRIBUTION_IMPL_H

#include <nonsmooth/distribution.h>
#include "text.h"

/* One term c * D^outer [mult * D^order B]; f holds a reference for a
   regular term, mult one for a multiplier (NULL: none, and outer = 0).
   A point that is not exactly a double (delta(3x - 1) at 1/3) keeps a
   bound point_err on |point - exact point|, a coefficient that is not
   exactly a double (1/3 there) a bound coef_rel on its relative error;
   both are 0 for every term built from doubles, and pairing adds what
   they can cost. */
typedef struct dist_term {
  ns_dist_kind kind;
  double coef;
  int order;
  double point;
  ns_function *f;
  ns_function *mult;
  int outer;
  double point_err;
  double coef_rel;
} dist_term;

struct ns_dist {
  size_t n;
  dist_term terms[];
};

/* Writes one term as ns_dist_snprint does (" + " or " - " before it
   unless FIRST); the readable printer's form for the terms it does not
   rewrite (p.v., multiplied and outer-derivative terms). */
NS_INTERNAL void ns_dist_sink_put_term (ns_text_sink *s, const dist_term *t,
                                        int first, int ascii);

/* Writes T to STREAM through SNPRINT (ns_dist_snprint or the readable
   form): NS_EINVAL for NULL or a failed write, NS_ENOMEM. */
NS_INTERNAL ns_status ns_dist_print_with (FILE *stream, const ns_dist *t, int flags,
                                          size_t (*snprint) (char *, size_t,
                                                             const ns_dist *, int));

#endif /* NS_DISTRIBUTION_IMPL_H */
