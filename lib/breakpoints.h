/* lib/breakpoints.h: the breakpoint search without heap allocation, for
   callers (the pairing workspace) that preallocate its memory. */
#ifndef NS_LIB_BREAKPOINTS_H
#define NS_LIB_BREAKPOINTS_H

#include <stddef.h>
#include "nonsmooth/function.h"
#include "internal.h"

/* Preallocated memory for ns_fn_breakpoints_scratch: MEM holds CAP
   doubles used as a stack (the point list, knots, levels and box stacks),
   SOLVER a gsl_root_fsolver of type brent (void * keeps GSL out of this
   header). */
typedef struct ns_bp_scratch {
  double *mem;
  size_t cap, top;
  void *solver;
} ns_bp_scratch;

/* Doubles of scratch the search needs for up to MAX breakpoints. */
NS_INTERNAL size_t ns_bp_scratch_doubles (size_t max);

/* ns_fn_breakpoints with all its memory taken from SC: never allocates;
   NS_ELIMIT when the scratch is too small for this function (more
   breakpoints than MAX, or more unresolved boxes than it holds). */
NS_INTERNAL ns_status ns_fn_breakpoints_scratch (const ns_function *f, double a,
                                                 double b, double *pts, size_t max,
                                                 size_t *n, ns_bp_scratch *sc);

#endif /* NS_LIB_BREAKPOINTS_H */
