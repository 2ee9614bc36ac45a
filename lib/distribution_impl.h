/* lib/distribution_impl.h: the private layout of ns_dist, shared by
   lib/distribution.c (construction, printing) and lib/pairing.c. */
#ifndef NS_DISTRIBUTION_IMPL_H
#define NS_DISTRIBUTION_IMPL_H

#include <nonsmooth/distribution.h>

/* One term c * D^outer [mult * D^order B]; f holds a reference for a
   regular term, mult one for a multiplier (NULL: none, and outer = 0). */
typedef struct dist_term {
  ns_dist_kind kind;
  double coef;
  int order;
  double point;
  ns_function *f;
  ns_function *mult;
  int outer;
} dist_term;

struct ns_dist {
  size_t n;
  dist_term terms[];
};

#endif /* NS_DISTRIBUTION_IMPL_H */
