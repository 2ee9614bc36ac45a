/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/internal.h: marks functions shared between the library's own files
   as hidden, so the shared library exports the public API and nothing else
   (tests/test_exports.sh checks it). */
#ifndef NS_LIB_INTERNAL_H
#define NS_LIB_INTERNAL_H

#if defined(__GNUC__) && !defined(_WIN32)
# define NS_INTERNAL __attribute__ ((visibility ("hidden")))
#else
# define NS_INTERNAL
#endif

#include <stddef.h>
#include "nonsmooth/status.h"

/* Makes room for one more item in a growable array: when *COUNT == *CAP,
   doubles the capacity (to FIRST_CAP when empty) with realloc.  *ITEMS is
   left as it was on NS_ENOMEM.  Shared by the breakpoint search and the
   plot series. */
NS_INTERNAL ns_status ns_grow_for_one (void **items, size_t count, size_t *cap,
                                       size_t item_size, size_t first_cap);

#endif /* NS_LIB_INTERNAL_H */
