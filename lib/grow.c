/* Copyright (C) 2026 The nonsmooth authors.
   SPDX-License-Identifier: GPL-3.0-or-later */
/* lib/grow.c: the one growable-array step the library's lists share. */
#include <config.h>
#include <stdint.h>
#include <stdlib.h>
#include "internal.h"

ns_status
ns_grow_for_one (void **items, size_t count, size_t *cap, size_t item_size,
                 size_t first_cap)
{
  if (count < *cap)
    return NS_OK;
  size_t new_cap = *cap ? 2 * *cap : first_cap;
  if (new_cap < *cap || new_cap > SIZE_MAX / item_size)
    return NS_ENOMEM;
  void *v = realloc (*items, new_cap * item_size);
  if (v == NULL)
    return NS_ENOMEM;
  *items = v;
  *cap = new_cap;
  return NS_OK;
}
