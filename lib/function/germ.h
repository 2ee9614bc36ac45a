/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/function/germ.h: truncated one-sided Taylor arithmetic with validity tracking
   (not installed).  A working germ holds f(x + side*t) = sum c[k] t^k for
   t -> 0+, where c[0..n-1] are exact, and, when n <= m, the n-th derivative
   tends to tail*inf (tail = +-1) or is undetermined (tail = 0).  Every rule
   below is sound: it may give up validity, never claim a wrong coefficient. */
#ifndef NS_LIB_GERM_H
#define NS_LIB_GERM_H

#include "nonsmooth/function.h"
#include "internal.h"

/* Germs are computed past the requested order so that a division by t^k
   (x/x at 0) or a branch decided by a high-order coefficient still leaves
   every requested coefficient valid. */
#define NS_GERM_CAP 32
#define NS_GERM_MARGIN 12

typedef struct ns_germ_w {
  int m;            /* order: coefficients 0..m are tracked */
  int n;            /* c[0..n-1] valid, 0 <= n <= m + 1 */
  int tail;         /* when n <= m: sign of the divergence of derivative n, or 0 */
  int exact;        /* the function equals the polynomial c[0..m] near t = 0+ */
  double err0;      /* rounding bound on c[0] */
  /* A certified branch decision (lib/function/certify.c), set by the tree
     walker on a kink's argument just before the kink's rule reads it and
     never carried to the result: when cert is +-1, the argument minus
     cert_level has that sign on this side (for max and min, on the first
     argument: arg 0 - arg 1); cert_off says that x is no switch point, so
     c[0] must not be snapped to the level. */
  int cert;
  int cert_off;
  double cert_level;
  double c[NS_GERM_CAP];
} ns_germ_w;

/* Result of comparing a germ with a level s near t = 0+. */
typedef enum ns_germ_sign {
  NS_GERM_BELOW = -1,     /* g(t) < s for all small t > 0 */
  NS_GERM_EQUAL = 0,      /* g(t) = s identically */
  NS_GERM_ABOVE = 1,      /* g(t) > s for all small t > 0 */
  NS_GERM_UNKNOWN = 2     /* g - s = o(t^(k-1)) with k = *nzero, sign undetermined */
} ns_germ_sign;

NS_INTERNAL void ns_germ_set_const (ns_germ_w *g, int m, double c);
NS_INTERNAL void ns_germ_set_var (ns_germ_w *g, int m, double x, int side);
NS_INTERNAL void ns_germ_set_unknown (ns_germ_w *g, int m, int nvalid_zero);
NS_INTERNAL int ns_germ_lead (const ns_germ_w *g);
NS_INTERNAL int ns_germ_degree (const ns_germ_w *g);

NS_INTERNAL void ns_germ_add (const ns_germ_w *a, const ns_germ_w *b, ns_germ_w *out);
NS_INTERNAL void ns_germ_sub (const ns_germ_w *a, const ns_germ_w *b, ns_germ_w *out);
NS_INTERNAL void ns_germ_scale (const ns_germ_w *a, double s, ns_germ_w *out);
NS_INTERNAL void ns_germ_mul (const ns_germ_w *a, const ns_germ_w *b, ns_germ_w *out);
NS_INTERNAL ns_status ns_germ_div (const ns_germ_w *a, const ns_germ_w *b, ns_germ_w *out);
NS_INTERNAL ns_status ns_germ_powi (const ns_germ_w *a, int n, ns_germ_w *out);
NS_INTERNAL ns_status ns_germ_exp (const ns_germ_w *a, ns_germ_w *out);
NS_INTERNAL ns_status ns_germ_log (const ns_germ_w *a, ns_germ_w *out);
NS_INTERNAL ns_status ns_germ_sqrt (const ns_germ_w *a, ns_germ_w *out);
NS_INTERNAL ns_status ns_germ_powr (const ns_germ_w *a, double p, ns_germ_w *out);
NS_INTERNAL ns_status ns_germ_sincos (const ns_germ_w *a, ns_germ_w *sin_out, ns_germ_w *cos_out);

/* Compares the germ with level s.  A c[0] within its rounding bound err0 of
   s counts as equal to s (the point is taken to be the switch point).  For
   NS_GERM_UNKNOWN, *nzero is the number of valid (zero) coefficients of g-s. */
NS_INTERNAL ns_germ_sign ns_germ_compare (const ns_germ_w *g, double s, int *nzero);

#endif /* NS_LIB_GERM_H */
