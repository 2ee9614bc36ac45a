/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/status/status.c: messages for the ns_status codes, and which codes
   are answers. */
#include <config.h>
#include <flint/flint.h>
#include <glpk.h>
#include "nonsmooth/status.h"

const char *
ns_strerror (ns_status status)
{
  switch (status)
    {
    case NS_OK: return "success";
    case NS_EINVAL: return "invalid argument";
    case NS_EDOM: return "argument outside the domain of the function";
    case NS_ENOMEM: return "out of memory";
    case NS_ETOL: return "requested tolerance not reached";
    case NS_EPARSE: return "parse error";
    case NS_UNDEFINED: return "not defined here (for a derivative: not differentiable here)";
    case NS_ENOTCONVEX: return "function is not certified convex";
    case NS_ENOTLIPSCHITZ: return "function is not Lipschitz near the point";
    case NS_ERANGE: return "exact value is infinite";
    case NS_ELIMIT: return "a documented limit was reached";
    case NS_EMAXITER: return "iteration limit reached";
    case NS_EUNDECIDED: return "the given doubles do not decide the answer (below rounding)";
    case NS_EDISAGREE: return "independent routes disagree beyond their error bounds";
    case NS_EOVERFLOW: return "overflow (or underflow) in an intermediate result";
    }
  return "unknown status code";
}

int
ns_status_is_answer (ns_status status)
{
  /* A switch without default: -Wswitch names a new code that is not
     classified here. */
  switch (status)
    {
    case NS_OK:
    case NS_ETOL:            /* the bound holds; only its width missed the request */
    case NS_UNDEFINED:       /* "not differentiable here" is the answer */
    case NS_ENOTCONVEX:      /* "not certified convex", with a documented superset */
    case NS_ENOTLIPSCHITZ:
    case NS_ERANGE:          /* the exact value is infinite, with its sign */
      return 1;
    case NS_EINVAL:
    case NS_EDOM:
    case NS_ENOMEM:
    case NS_EPARSE:
    case NS_ELIMIT:
    case NS_EMAXITER:
    case NS_EUNDECIDED:      /* a refusal: the question was not decided */
    case NS_EDISAGREE:       /* a contradiction: neither value is the answer */
    case NS_EOVERFLOW:
      return 0;
    }
  return 0;
}

/* FLINT keeps a cache of integers per thread (and Arb registers its
   constants' caches with it); flint_cleanup frees the calling thread's.
   GLPK keeps an environment per thread (the linear programs of the cells
   in several variables); glp_free_env frees the calling thread's (a no-op
   when it has none). */
void
ns_thread_cleanup (void)
{
  flint_cleanup ();
  glp_free_env ();
}
